"""The listening socket ``rivs-qa serve --workers N`` binds lets connections skip Nagle."""

from __future__ import annotations

import asyncio
import socket

from rivs_qa.serving import TcpConfig, tcp_socket
from tests.server_utils import free_port


def test_bound_socket_says_tcp_so_accepted_connections_get_nodelay() -> None:
    config = TcpConfig("rivs_qa.api.app:create_app", host="127.0.0.1", port=free_port())
    listener = config.bind_socket()
    assert (listener.family, listener.proto) == (socket.AF_INET, socket.IPPROTO_TCP)

    async def accept_one() -> int:
        nodelay: asyncio.Future[int] = asyncio.get_running_loop().create_future()

        class Probe(asyncio.Protocol):
            def connection_made(self, transport: asyncio.BaseTransport) -> None:
                sock = transport.get_extra_info("socket")
                nodelay.set_result(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
                transport.close()

        server = await asyncio.get_running_loop().create_server(Probe, sock=listener)
        async with server:
            _, writer = await asyncio.open_connection(*listener.getsockname())
            result = await asyncio.wait_for(nodelay, 5)
            writer.close()
        return result

    assert asyncio.run(accept_one()) == 1


def test_plain_sockets_pass_through_and_bare_tcp_ones_are_relabelled() -> None:
    bare = socket.socket(socket.AF_INET, socket.SOCK_STREAM)  # proto 0, as uvicorn binds
    fd = bare.fileno()
    fixed = tcp_socket(bare)
    assert (fixed.fileno(), fixed.proto) == (fd, socket.IPPROTO_TCP)
    fixed.close()
    unix = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    assert tcp_socket(unix) is unix
    unix.close()


def test_requests_are_parsed_by_httptools() -> None:
    # uvicorn's "auto" takes httptools when it is installed (a dependency): C parsing,
    # about 0.1 ms a request less than h11's
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

    config = TcpConfig("rivs_qa.api.app:create_app", factory=True)
    config.load()
    assert config.http_protocol_class is HttpToolsProtocol
