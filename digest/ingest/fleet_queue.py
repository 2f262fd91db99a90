"""The shared crawl queue of a fleet of workers, in Redis: key names, the reliable-queue scripts
(pop into a per-worker processing hash, ack, recover a dead worker's requests), the fleet-wide
per-domain lease, and a status snapshot for operators. No Scrapy here: the coordinator
(``digest.fleet``) and the Scrapy side (``spiders.fleet``) share it.

Keys, all under one prefix (``[fleet] key_prefix``, default ``bantin``):

| key | type | what |
|---|---|---|
| P:requests | zset | the scrapy-redis queue; member = ``token SP pickled request``, score = -priority |
| P:dupefilter | set | scrapy-redis request fingerprints of the current run |
| P:spec | string | JSON: run id, sources, [crawl] settings; what a joining worker crawls |
| P:seeded | string | set once the run's feeds and listing pages are queued |
| P:processing:W | hash | token -> ``score SP request`` a worker W popped and has not finished |
| P:alive:W | string | W's heartbeat, expires after ``[fleet] heartbeat_seconds`` |
| P:workers | hash | W -> JSON (host, pid, started) |
| P:stats | hash | ``source|counter`` -> n, the fleet's per-source counts of the run |
| P:wstats:W | hash | counter -> n for one worker (rates) |
| P:lease:HOST | zset | tokens of in-flight requests to HOST, scored by expiry (ms) |
| P:last:HOST | string | when the last request to HOST started (ms) |
| P:robots:ORIGIN | string | JSON: the fleet's verdict on ORIGIN's robots.txt, expiring with it |
| P:robots-lock:ORIGIN | string | the worker fetching ORIGIN's robots.txt for the fleet |
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from digest.errors import BantinError

# pop: up to ARGV[1] best-scored members move to the worker's processing hash in one step, so
# a worker killed between pop and finish leaves its requests where recovery finds them. No
# more than a quarter of a fair share (queue / workers in KEYS[3]) are taken, so a short queue
# is shared rather than hoarded by whoever asks first. Returns {token1, request1, token2,
# request2, ...}, empty when the queue is.
POP = """
local n = tonumber(ARGV[1])
local share = math.ceil(redis.call('ZCARD', KEYS[1]) /
                        (4 * math.max(1, redis.call('HLEN', KEYS[3]))))
if share < n then n = math.max(share, 1) end
local m = redis.call('ZPOPMIN', KEYS[1], n)
local out = {}
for i = 1, #m, 2 do
  local sp = string.find(m[i], ' ', 1, true)
  local token = string.sub(m[i], 1, sp - 1)
  local request = string.sub(m[i], sp + 1)
  redis.call('HSET', KEYS[2], token, m[i + 1] .. ' ' .. request)
  out[#out + 1] = token
  out[#out + 1] = request
end
return out
"""

# recover: every entry of a processing hash goes back to the queue with its priority.
RECOVER = """
local all = redis.call('HGETALL', KEYS[2])
local n = 0
for i = 1, #all, 2 do
  local v = all[i + 1]
  local sp = string.find(v, ' ', 1, true)
  redis.call('ZADD', KEYS[1], tonumber(string.sub(v, 1, sp - 1)),
             all[i] .. ' ' .. string.sub(v, sp + 1))
  n = n + 1
end
redis.call('DEL', KEYS[2])
return n
"""

# lease: at most ARGV[2] requests in flight to one host across the fleet, and request starts at
# least ARGV[3] ms apart. Returns 0 when granted, else how many ms to wait before asking again.
# The server's clock decides, so workers on machines with skewed clocks agree. A member is
# "worker|token": a full host drops the leases of workers whose heartbeat (ARGV[5] .. worker)
# is gone, so a killed worker does not block its hosts until its leases time out.
LEASE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then
  for _, m in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
    local bar = string.find(m, '|', 1, true)
    if bar and redis.call('EXISTS', ARGV[5] .. string.sub(m, 1, bar - 1)) == 0 then
      redis.call('ZREM', KEYS[1], m)
    end
  end
end
local last = tonumber(redis.call('GET', KEYS[2]) or '0')
local wait = last + tonumber(ARGV[3]) - now
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then
  -- full: ask again when a slot may be free, but never before the delay allows a start
  return math.max(wait, 25)
end
if wait > 0 then return wait end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[4]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[4]))
redis.call('SET', KEYS[2], now, 'PX', math.max(tonumber(ARGV[3]), 1000))
return 0
"""


# robots: one fetch of an origin's robots.txt for the whole fleet. Returns {1, verdict, ms left}
# when a verdict is cached, {2} when the caller is now the one to fetch it (it holds the lock
# for ARGV[2] ms), {0} when a live worker is fetching it (ask again shortly). A lock whose
# holder's heartbeat (ARGV[3] .. holder) is gone is taken over: a killed worker blocks no host.
ROBOTS = """
local v = redis.call('GET', KEYS[1])
if v then return {1, v, redis.call('PTTL', KEYS[1])} end
local holder = redis.call('GET', KEYS[2])
if holder and holder ~= ARGV[1] and redis.call('EXISTS', ARGV[3] .. holder) == 1 then
  return {0}
end
redis.call('SET', KEYS[2], ARGV[1], 'PX', tonumber(ARGV[2]))
return {2}
"""


class QueueUnavailable(BantinError):
    """Redis does not answer: the crawl stops, keeping what the queue holds, and resumes later."""


class Keys:
    """Key names under one prefix (see the module's table)."""

    def __init__(self, prefix: str = "bantin") -> None:
        self.prefix = prefix
        self.requests = f"{prefix}:requests"
        self.dupefilter = f"{prefix}:dupefilter"
        self.spec = f"{prefix}:spec"
        self.seeded = f"{prefix}:seeded"
        self.seed_lock = f"{prefix}:seed-lock"
        self.workers = f"{prefix}:workers"
        self.stats = f"{prefix}:stats"

    def processing(self, worker: str) -> str:
        return f"{self.prefix}:processing:{worker}"

    def alive(self, worker: str) -> str:
        return f"{self.prefix}:alive:{worker}"

    def wstats(self, worker: str) -> str:
        return f"{self.prefix}:wstats:{worker}"

    def lease(self, host: str) -> str:
        return f"{self.prefix}:lease:{host}"

    def last(self, host: str) -> str:
        return f"{self.prefix}:last:{host}"

    def robots(self, origin: str) -> str:
        return f"{self.prefix}:robots:{origin}"

    def robots_lock(self, origin: str) -> str:
        return f"{self.prefix}:robots-lock:{origin}"

    def run_keys(self) -> list[str]:
        """Everything of one run except per-worker keys (listed from P:workers)."""
        return [self.requests, self.dupefilter, self.spec, self.seeded, self.stats]


def connect(url: str, timeout: float = 10.0) -> Any:
    """A Redis client for ``redis://HOST:PORT/DB``; raises :class:`QueueUnavailable` (one line)
    when the URL is malformed or nothing answers."""
    import redis

    parts = urlsplit(url)
    if parts.scheme not in ("redis", "rediss", "unix") or not (parts.hostname or parts.path):
        raise QueueUnavailable(f"--queue {url!r}: expected redis://HOST:PORT/DB")
    try:
        client = redis.Redis.from_url(url, socket_timeout=timeout, socket_connect_timeout=timeout)
        client.ping()
    except (redis.ConnectionError, redis.TimeoutError) as exc:
        raise QueueUnavailable(f"Redis at {url} does not answer ({exc})") from None
    except ValueError as exc:
        raise QueueUnavailable(f"--queue {url!r}: {exc}") from None
    return client


def lease_host(url: str) -> str:
    """What politeness is counted by: the host (and port, so loopback test servers differ)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    return f"{host}:{parts.port}" if parts.port else host


def dead_workers(client: Any, keys: Keys) -> list[str]:
    """Workers with a processing hash but no heartbeat (killed, or their machine is gone)."""
    out = []
    for key in client.scan_iter(match=keys.processing("*"), count=500):
        worker = key.decode() if isinstance(key, bytes) else key
        worker = worker[len(keys.processing("")):]
        if not client.exists(keys.alive(worker)):
            out.append(worker)
    return out


def recover(client: Any, keys: Keys) -> int:
    """Put every dead worker's unfinished requests back in the queue; how many moved."""
    script = client.register_script(RECOVER)
    moved = 0
    for worker in dead_workers(client, keys):
        moved += int(script(keys=[keys.requests, keys.processing(worker)]))
    return moved


def in_flight(client: Any, keys: Keys) -> dict[str, int]:
    """Per worker: requests popped and not yet finished."""
    out: dict[str, int] = {}
    for key in client.scan_iter(match=keys.processing("*"), count=500):
        name = key.decode() if isinstance(key, bytes) else key
        out[name[len(keys.processing("")):]] = int(client.hlen(key))
    return out


@dataclass
class FleetStatus:
    """What ``bantin crawl-status`` shows."""

    run_id: int | None
    queued: int
    seeded: bool
    in_flight: dict[str, int] = field(default_factory=dict)
    workers: dict[str, dict[str, Any]] = field(default_factory=dict)  # info + counters + alive
    redis_memory_bytes: int = 0

    @property
    def done(self) -> bool:
        """Seeded, nothing queued, nothing in flight: the run has nothing left to do."""
        return self.seeded and self.queued == 0 and not any(self.in_flight.values())

    def to_json(self) -> dict[str, Any]:
        return {"run_id": self.run_id, "queued": self.queued, "seeded": self.seeded,
                "in_flight": self.in_flight, "workers": self.workers, "done": self.done,
                "redis_memory_bytes": self.redis_memory_bytes}


def _decode_hash(raw: dict[Any, Any]) -> dict[str, int]:
    return {(k.decode() if isinstance(k, bytes) else k): int(v) for k, v in raw.items()}


def status(client: Any, keys: Keys) -> FleetStatus:
    """A snapshot of the fleet: queue depth, in-flight per worker, per-worker counters."""
    spec = client.get(keys.spec)
    run_id = json.loads(spec)["run_id"] if spec else None
    workers: dict[str, dict[str, Any]] = {}
    for name, info in client.hgetall(keys.workers).items():
        worker = name.decode() if isinstance(name, bytes) else name
        data = json.loads(info)
        data["alive"] = bool(client.exists(keys.alive(worker)))
        data["counts"] = _decode_hash(client.hgetall(keys.wstats(worker)))
        elapsed = max(time.time() - float(data.get("started", time.time())), 1e-6)
        data["pages_per_s"] = round(data["counts"].get("fetched", 0) / elapsed, 2)
        workers[worker] = data
    memory = int(client.info("memory").get("used_memory", 0))
    return FleetStatus(run_id=run_id, queued=int(client.zcard(keys.requests)),
                       seeded=bool(client.exists(keys.seeded)), in_flight=in_flight(client, keys),
                       workers=workers, redis_memory_bytes=memory)


def source_counts(client: Any, keys: Keys) -> dict[str, dict[str, int]]:
    """The run's per-source counters: {source: {"fetched": n, "error:timeout": n, ...}}."""
    out: dict[str, dict[str, int]] = {}
    for field_, value in _decode_hash(client.hgetall(keys.stats)).items():
        source, _, counter = field_.rpartition("|")
        out.setdefault(source, {})[counter] = value
    return out


def finish_run(client: Any, keys: Keys) -> None:
    """Forget a finished run: its spec, queue, dupefilter, counters and worker records."""
    workers = [w.decode() if isinstance(w, bytes) else w for w in client.hkeys(keys.workers)]
    doomed = keys.run_keys() + [keys.workers]
    for worker in workers:
        doomed += [keys.wstats(worker), keys.processing(worker)]
    client.delete(*doomed)
