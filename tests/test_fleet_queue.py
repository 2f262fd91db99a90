"""The fleet's Redis scripts on a real Redis: pop moves into a processing hash, recovery gives a
dead worker's requests back with their priority, the per-host lease counts the whole fleet."""

from __future__ import annotations

import socket
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from digest.ingest.fleet_queue import (
    LEASE,
    POP,
    ROBOTS,
    Keys,
    dead_workers,
    lease_host,
    recover,
    status,
)


@pytest.fixture
def client() -> Iterator[tuple[Any, Keys]]:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        pytest.skip("no Redis answers on 127.0.0.1:6379; fleet queue not tested here")
    import redis

    conn = redis.Redis.from_url("redis://127.0.0.1:6379/0")
    keys = Keys(f"bantin-test-{uuid.uuid4().hex[:8]}")
    yield conn, keys
    found = list(conn.scan_iter(match=f"{keys.prefix}:*"))
    if found:
        conn.delete(*found)


def test_pop_is_a_move_and_recovery_gives_requests_back(client: tuple[Any, Keys]) -> None:
    conn, keys = client
    conn.zadd(keys.requests, {b"t1 feed": -10, b"t2 article-a": 0, b"t3 article-b": 0})
    pop = conn.register_script(POP)
    first = pop(keys=[keys.requests, keys.processing("w1"), keys.workers], args=[1])
    second = pop(keys=[keys.requests, keys.processing("w1"), keys.workers], args=[1])
    assert first == [b"t1", b"feed"]  # the highest priority first
    assert second[0] in (b"t2", b"t3") and len(second) == 2
    assert conn.zcard(keys.requests) == 1 and conn.hlen(keys.processing("w1")) == 2
    conn.hdel(keys.processing("w1"), "t1")  # the feed finished (acked)

    conn.set(keys.alive("w1"), "1", px=60_000)
    assert dead_workers(conn, keys) == [] and recover(conn, keys) == 0  # alive: left alone
    conn.delete(keys.alive("w1"))  # its heartbeat lapsed: killed
    assert dead_workers(conn, keys) == ["w1"]
    assert recover(conn, keys) == 1
    assert conn.hlen(keys.processing("w1")) == 0
    assert sorted(conn.zrange(keys.requests, 0, -1, withscores=True)) == [
        (b"t2 article-a", 0.0), (b"t3 article-b", 0.0)]
    conn.zadd(keys.requests, {f"u{i} more-{i}".encode(): 0 for i in range(10)})
    # 12 queued, one worker: a batch of 3 (a quarter), not the 5 asked for
    batch = pop(keys=[keys.requests, keys.processing("w2"), keys.workers], args=[5])
    assert len(batch) == 6 and conn.hlen(keys.processing("w2")) == 3
    conn.hset(keys.workers, mapping={"w1": "{}", "w2": "{}", "w3": "{}"})
    # 9 left, three workers: one at a time, so each gets a share of a short queue
    assert len(pop(keys=[keys.requests, keys.processing("w2"), keys.workers], args=[5])) == 2
    rest = []
    while got := pop(keys=[keys.requests, keys.processing("w2"), keys.workers], args=[5]):
        rest += got[::2]
    assert len(rest) == 8 and conn.zcard(keys.requests) == 0
    assert status(conn, keys).in_flight == {"w2": 12}


def test_lease_limits_a_host_for_the_whole_fleet(client: tuple[Any, Keys]) -> None:
    conn, keys = client
    lease = conn.register_script(LEASE)
    host = lease_host("http://xa.tayninh.gov.vn:8080/tin/1.html")
    assert host == "xa.tayninh.gov.vn:8080"

    def take(worker: str, n: int, delay_ms: int = 0) -> int:
        return int(lease(keys=[keys.lease(host), keys.last(host)],
                         args=[f"{worker}|{n}", 2, delay_ms, 30_000, keys.alive("")]))

    for worker in ("w1", "w2"):
        conn.set(keys.alive(worker), "1", px=60_000)
    assert take("w1", 1) == 0 and take("w2", 2) == 0
    assert take("w2", 3) > 0, "a third request to the host while two are in flight"
    conn.zrem(keys.lease(host), "w1|1")  # w1's download finished
    assert take("w2", 3) == 0
    conn.delete(keys.alive("w2"))  # w2 killed while holding two leases: they are dropped
    assert take("w1", 4) == 0
    assert take("w1", 5, delay_ms=60_000) > 0, "the next start must wait for the delay"


def test_robots_is_fetched_by_one_worker_for_the_fleet(client: tuple[Any, Keys]) -> None:
    """The first worker to ask fetches; a second waits while the first is alive, takes over
    when it dies, and everyone reads the stored verdict until it expires."""
    conn, keys = client
    robots = conn.register_script(ROBOTS)
    origin = "http://xa.tayninh.gov.vn:8080"
    rkeys = [keys.robots(origin), keys.robots_lock(origin)]

    def ask(worker: str) -> list[Any]:
        return list(robots(keys=rkeys, args=[worker, 60_000, keys.alive("")]))

    for worker in ("w1", "w2"):
        conn.set(keys.alive(worker), "1", px=60_000)
    assert ask("w1") == [2], "nobody has it: the first to ask fetches it"
    assert ask("w2") == [0], "w1 is fetching it: w2 waits"
    assert ask("w1") == [2], "asking again while holding the lock keeps it"
    conn.delete(keys.alive("w1"))  # w1 killed mid-fetch: its lock does not block the host
    assert ask("w2") == [2]
    conn.set(rkeys[0], '{"state": "allow"}', px=50_000)
    got = ask("w1")
    assert got[:2] == [1, b'{"state": "allow"}'] and 0 < got[2] <= 50_000
