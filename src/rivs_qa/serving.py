"""Start uvicorn for ``rivs-qa serve``: ``uvicorn.run``'s one- and many-worker paths, with a
listening socket that lets every connection turn Nagle's algorithm off.

Why not ``uvicorn.run`` itself: with ``workers > 1`` uvicorn binds the listening socket in
the supervisor and leaves its ``proto`` at 0; accepted sockets inherit it, and asyncio sets
``TCP_NODELAY`` only on sockets whose ``proto`` is ``IPPROTO_TCP``. Every keep-alive
request after a connection's first then waits for the client's delayed ACK, about 40 ms on
Linux (uvicorn issue #3149, open for 0.54). ``TcpConfig.bind_socket`` gives the same bound
socket the right ``proto``; nothing else about serving changes.
"""

from __future__ import annotations

import socket
import sys
from typing import Any

import uvicorn
from uvicorn.supervisors import Multiprocess

#: uvicorn's exit status when the server could not start.
STARTUP_FAILURE = 3


def tcp_socket(sock: socket.socket) -> socket.socket:
    """``sock`` with ``proto`` ``IPPROTO_TCP`` if it is a TCP socket that does not say so
    (the same file descriptor, options and binding; a Unix socket is returned as it is)."""
    tcp = sock.family in (socket.AF_INET, socket.AF_INET6) and sock.type == socket.SOCK_STREAM
    if not tcp or sock.proto == socket.IPPROTO_TCP:
        return sock
    return socket.socket(sock.family, sock.type, socket.IPPROTO_TCP, fileno=sock.detach())


class TcpConfig(uvicorn.Config):
    def bind_socket(self) -> socket.socket:
        return tcp_socket(super().bind_socket())


def run(app: str, *, workers: int = 1, **options: Any) -> None:
    """Serve the ASGI app at import string ``app`` like ``uvicorn.run(app, workers=…, …)``."""
    config = TcpConfig(app, workers=workers, **options)
    server = uvicorn.Server(config=config)
    try:
        if config.workers > 1:
            Multiprocess(config, sockets=[config.bind_socket()]).run()
        else:
            server.run()
    except KeyboardInterrupt:
        pass
    if config.workers == 1 and not server.started:
        sys.exit(STARTUP_FAILURE)
