"""The autouse network guard (tests/support/network.py) refuses the internet, allows loopback."""

from __future__ import annotations

import socket

import pytest

from tests.support.network import NetworkRefused, is_loopback


def test_loopback_is_told_apart() -> None:
    assert is_loopback("127.0.0.5") and is_loopback("::1") and is_loopback("localhost")
    assert is_loopback(None) and is_loopback(b"127.0.0.1")
    assert not is_loopback("93.184.216.34") and not is_loopback("example.com")


def test_guard_refuses_and_records(no_network_beyond_loopback: list[str]) -> None:
    with pytest.raises(NetworkRefused), socket.socket() as sock:
        sock.connect(("93.184.216.34", 80))
    with pytest.raises(socket.gaierror):
        socket.getaddrinfo("example.com", 80)
    assert len(no_network_beyond_loopback) == 2
    no_network_beyond_loopback.clear()  # refused on purpose here: must not fail this test


def test_reserved_names_fail_like_the_resolver_says(no_network_beyond_loopback: list[str]) -> None:
    with pytest.raises(socket.gaierror, match="Name or service not known"):
        socket.getaddrinfo("nosuchhost.invalid", 80)
    assert no_network_beyond_loopback == []


def test_guard_lets_loopback_through() -> None:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        with socket.create_connection(server.getsockname(), timeout=2):
            pass
