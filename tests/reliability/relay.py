"""A loopback TCP relay for the reliability tests: in front of a server, it can terminate TLS,
reset every connection, and stop listening for a while (as a crashing load balancer does)."""

from __future__ import annotations

import asyncio
import socket
import ssl
import struct

__all__ = ["TcpRelay"]


class TcpRelay:
    """Relays each connection to ``127.0.0.1:target_port``; with ``context`` it terminates TLS.

    ``connections`` counts connections handed on (for a TLS relay: completed handshakes only).
    The port is free at the first :meth:`start` and kept after a :meth:`reset`.
    """

    def __init__(
        self,
        target_port: int,
        *,
        context: ssl.SSLContext | None = None,
        dial_delay: float = 0.0,
    ) -> None:
        self.target_port = target_port
        self.context = context
        self.dial_delay = dial_delay  # a slow upstream dial, as on a loaded machine
        self.port = 0
        self.server: asyncio.Server | None = None
        self.listening = False
        self.writers: set[asyncio.StreamWriter] = set()
        self.tasks: set[asyncio.Task[None]] = set()  # accepting and pumping
        self.connections = 0
        self.first_connection = asyncio.Event()
        self.reset_connections = 0

    async def start(self) -> None:
        self.server = await asyncio.start_server(
            self._accept, "127.0.0.1", self.port, ssl=self.context
        )
        self.port = self.server.sockets[0].getsockname()[1]
        self.listening = True

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        # Every connection is tracked from its first moment. From Python 3.12 on,
        # Server.wait_closed() waits for all of a server's connections: one that a reset
        # missed (accepted as the listener closed, or still connecting upstream) kept a reset
        # waiting for as long as the client used it, while the workers went on cycling.
        self.connections += 1
        self.first_connection.set()
        self._track(asyncio.current_task())  # type: ignore[arg-type]
        if not self.listening:  # accepted just as a reset closed the listener
            self._reset(writer)
            return
        self.writers.add(writer)
        try:
            if self.dial_delay:
                await asyncio.sleep(self.dial_delay)
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.target_port)
        except OSError:
            self.writers.discard(writer)
            writer.close()
            return
        if writer not in self.writers:  # a reset came while connecting upstream
            up_writer.transport.abort()
            return
        self.writers.add(up_writer)
        for source, sink in ((reader, up_writer), (up_reader, writer)):
            self._track(asyncio.ensure_future(self._pump(source, sink)))

    def _track(self, task: asyncio.Task[None]) -> None:
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def _pump(self, source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
        try:
            while data := await source.read(65536):
                sink.write(data)
                await sink.drain()
        except (ConnectionError, OSError):
            pass
        finally:
            self.writers.discard(sink)
            sink.close()

    def _reset(self, writer: asyncio.StreamWriter) -> None:
        sock = writer.get_extra_info("socket")
        if sock is not None:
            # SO_LINGER 0: closing sends RST, as a crashed peer's kernel does.
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        writer.transport.abort()
        self.reset_connections += 1

    async def reset(self, down_for: float) -> None:
        """Stop listening, reset every open connection, and listen again after ``down_for``."""
        assert self.server is not None
        self.listening = False
        self.server.close()
        for writer in list(self.writers):
            self._reset(writer)
        self.writers.clear()
        await self.server.wait_closed()
        await asyncio.sleep(down_for)
        await self.start()

    async def close(self) -> None:
        self.listening = False
        if self.server is not None:
            self.server.close()
        for writer in list(self.writers):
            writer.transport.abort()
        for task in list(self.tasks):
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)
        if self.server is not None:
            await self.server.wait_closed()
