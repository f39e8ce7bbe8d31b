"""Connection-level limits: a client that trickles its request head is cut off."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest

from sigma_async.testing import SigmaEmulator

# A request head that never ends in time: the server must give up before it is all sent.
HEAD = b"GET /api/livestream/channels HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"a" * 100
CONNECTIONS = 50
BYTE_INTERVAL = 0.03  # far faster than 1 byte/s: the deadline is for the whole head


async def _trickle(port: int, slowly: bytes, at_once: bytes = b"") -> tuple[int, bytes]:
    """Send ``at_once``, then ``slowly`` one byte at a time until the server closes.

    Returns how many bytes of ``slowly`` went out, and the reply.
    """
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(at_once)
    sent = 0
    try:
        for byte in slowly:
            if reader.at_eof():
                break
            writer.write(bytes([byte]))
            try:
                await writer.drain()
            except ConnectionError:
                break
            sent += 1
            await asyncio.sleep(BYTE_INTERVAL)
        # Whatever the server sent before closing (nothing is expected); a server that is still
        # waiting for the rest of the request answers nothing, so do not wait long for it.
        try:
            reply = await asyncio.wait_for(reader.read(), 1.0)
        except ConnectionError:
            reply = b""  # closed: bytes written after the close made the peer reset
        except TimeoutError:
            reply = b"<still open>"
    finally:
        writer.close()
    return sent, reply


async def test_trickled_request_heads_are_cut_off(
    make_emulator: Callable[..., SigmaEmulator],
) -> None:
    async with make_emulator(request_timeout=0.3) as emu:
        results = await asyncio.gather(*(_trickle(emu.port, HEAD) for _ in range(CONNECTIONS)))
        # The emulator still serves a well-behaved client afterwards.
        reader, writer = await asyncio.open_connection("127.0.0.1", emu.port)
        writer.write(b"GET /api/livestream/channels HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        status_line = await asyncio.wait_for(reader.readline(), 10)
        writer.close()
        assert emu.errors == []
    assert status_line.startswith(b"HTTP/1.1 401")
    unfinished = [sent for sent, reply in results if sent < len(HEAD) and reply == b""]
    assert len(unfinished) == CONNECTIONS, results


def test_the_request_timeout_must_be_positive() -> None:
    with pytest.raises(ValueError, match="request_timeout"):
        SigmaEmulator(request_timeout=0)


async def _trickle_body(port: int, headers: dict[str, str]) -> tuple[int, bytes]:
    """Send a create's head, then its 100-byte body one byte at a time until the server closes."""
    body = b'{"name":"slow","description":"' + b"a" * 68 + b'"}'
    head = (
        "POST /api/livestream/channels HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "".join(f"{name}: {value}\r\n" for name, value in headers.items())
        + f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    return await _trickle(port, body, at_once=head.encode())


async def test_trickled_request_bodies_are_cut_off() -> None:
    # No spec validator here: the 408 is the emulator's own answer, not one the spec lists.
    async with SigmaEmulator(request_timeout=0.3) as emu:
        headers = emu.credentials.headers()
        results = await asyncio.gather(*(_trickle_body(emu.port, headers) for _ in range(10)))
        assert emu.channels() == []
        assert emu.errors == []
    for sent, reply in results:
        assert sent < 100, results
        assert reply.startswith(b"HTTP/1.1 408") or reply == b"", results
