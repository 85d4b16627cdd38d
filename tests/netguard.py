"""The test session's network guard: a TCP connection beyond this machine fails the test that made it.

Every server a test needs (Ray, Serve, moto's S3, the recorded model) listens on loopback, so a
connection anywhere else is a test that reaches the internet: a real model call, a download.
The guard refuses it, and since a client may swallow the error and carry on (the openai client
retries, then the reader falls back to the offline reading), every refused address is also kept
and the test fails at its end.

This machine's own addresses count as local: Ray binds its node to the address that routes out
(it finds it with a UDP "connect" that sends nothing, which the guard leaves alone).
"""

from __future__ import annotations

import ipaddress
import socket

_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex
refused: list[str] = []


def _own_addresses() -> set[str]:
    own = {"0.0.0.0", "::"}
    try:
        own |= set(socket.gethostbyname_ex(socket.gethostname())[2])
    except OSError:
        pass
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("10.255.255.255", 1))  # UDP: picks the outgoing address, sends nothing
            own.add(s.getsockname()[0])
    except OSError:
        pass
    return own


_OWN = _own_addresses()


def _allowed(host: str) -> bool:
    if host in _OWN or host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:  # a name: resolve it, and let it through only when it names this machine
        try:
            return all(_allowed(info[4][0]) for info in socket.getaddrinfo(host, None))
        except OSError:
            return False


def _check(sock: socket.socket, address: object) -> None:
    if sock.family in (socket.AF_INET, socket.AF_INET6) and sock.type == socket.SOCK_STREAM \
            and isinstance(address, tuple) and not _allowed(str(address[0])):
        where = f"{address[0]}:{address[1]}"
        refused.append(where)
        raise ConnectionRefusedError(f"network guard: the tests may not reach {where} (only loopback)")


def _connect(self: socket.socket, address: object) -> None:
    _check(self, address)
    return _real_connect(self, address)  # type: ignore[arg-type]


def _connect_ex(self: socket.socket, address: object) -> int:
    _check(self, address)
    return _real_connect_ex(self, address)  # type: ignore[arg-type]


def install() -> None:
    socket.socket.connect = _connect  # type: ignore[method-assign]
    socket.socket.connect_ex = _connect_ex  # type: ignore[method-assign]
