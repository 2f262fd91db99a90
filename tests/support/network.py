"""The autouse guard of tests/conftest.py: a test may reach loopback only.

Tests mock the internet with servers on 127.0.0.x; a connect or a name lookup anywhere else in
the test process is refused (so nothing leaves the machine) and fails the test (so a test that
depended on the internet is seen at once, not when the machine goes offline).
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterator

import pytest

_LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", ""}
# RFC 6761/2606 names that never resolve: tests use them for "no such host"; answered here, as
# the resolver would, without asking it.
_NEVER_RESOLVE = (".invalid", ".test", ".example")


def is_loopback(host: object) -> bool:
    """True for loopback addresses and names (and None/"" = the local wildcard)."""
    if host is None:
        return True
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    name = str(host).strip("[]").lower()
    if name in _LOOPBACK_NAMES or name.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(name.split("%")[0])
    except ValueError:
        return False  # any other name: resolving it is already network access
    return address.is_loopback or address.is_unspecified


class NetworkRefused(OSError):
    """A test tried to reach beyond loopback."""


@pytest.fixture(autouse=True)
def no_network_beyond_loopback(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Refuses, and fails the test for, any connect or name lookup outside loopback made in the
    test process. Subprocesses (crawl workers, ``bantin`` runs) are beyond its reach; the tests
    point them at loopback servers themselves. Yields the list of refused attempts."""
    attempts: list[str] = []
    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex
    real_getaddrinfo = socket.getaddrinfo

    def check(address: object, what: str) -> None:
        if not isinstance(address, tuple):  # AF_UNIX path
            return
        if not is_loopback(address[0] if address else None):
            attempts.append(f"{what} {address!r}")
            raise NetworkRefused(f"network access outside loopback refused in tests: {what} {address!r}")

    def connect(self: socket.socket, address: object) -> None:
        check(address, "connect")
        return real_connect(self, address)  # type: ignore[arg-type]

    def connect_ex(self: socket.socket, address: object) -> int:
        check(address, "connect")
        return real_connect_ex(self, address)  # type: ignore[arg-type]

    def getaddrinfo(host: object, *args: object, **kwargs: object) -> object:
        name = (host.decode("ascii", "replace") if isinstance(host, bytes) else str(host or "")).lower()
        if name.rstrip(".").endswith(_NEVER_RESOLVE):
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        if not is_loopback(host):
            attempts.append(f"getaddrinfo {host!r}")
            raise socket.gaierror(socket.EAI_NONAME, f"name lookup refused in tests: {host!r}")
        return real_getaddrinfo(host, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    yield attempts
    if attempts:
        pytest.fail("the test reached beyond loopback: " + "; ".join(attempts[:5]), pytrace=False)
