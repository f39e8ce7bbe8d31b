"""The only code that touches the network: send one request with aiohttp, read a capped body.

aiohttp's exceptions become the SDK's here, sorted by whether the request can have reached the
server (``request_sent``): that is what lets the retry policy re-send a create safely.
"""

from __future__ import annotations

import asyncio
import ssl as ssl_module
from collections.abc import Mapping

import aiohttp
from yarl import URL

from .sansio import RawResponse
from ..errors import APIConnectionError, APITimeoutError, APITLSError, ResponseTooLargeError

__all__ = ["send"]

# aiohttp labels a bodiless PATCH/DELETE "application/octet-stream"; the guide's curl sends none.
_NO_CONTENT_TYPE = ("Content-Type",)


async def send(
    session: aiohttp.ClientSession,
    method: str,
    url: URL,
    *,
    headers: Mapping[str, str],
    params: Mapping[str, str] | None,
    body: bytes | None,
    timeout: aiohttp.ClientTimeout,
    ssl: ssl_module.SSLContext | bool,
    max_bytes: int,
) -> RawResponse:
    """Send one request and return the response with its whole body, at most ``max_bytes``."""
    try:
        # Redirects are not followed: a 3xx to another host must not receive the Basic token.
        async with session.request(
            method,
            url,
            headers=headers,
            params=params,
            data=body,
            skip_auto_headers=_NO_CONTENT_TYPE if body is None and method != "GET" else None,
            timeout=timeout,
            ssl=ssl,
            allow_redirects=False,
            raise_for_status=False,
        ) as response:
            content = await _read_capped(response, max_bytes)
            return RawResponse(
                response.status, response.reason or "", response.headers, content, response.url
            )
    except (aiohttp.ClientError, asyncio.TimeoutError, OSError) as error:
        shown = str(url if not params else url.extend_query(params))
        raise _connection_error(error, method, shown) from error


async def _read_capped(response: aiohttp.ClientResponse, max_bytes: int) -> bytes:
    length = response.content_length
    if length is not None and length > max_bytes:
        response.close()  # drop the connection rather than drain the body
        raise ResponseTooLargeError(
            f"response of {length} bytes exceeds max_response_bytes={max_bytes}", limit=max_bytes
        )
    if length is not None and response.headers.get("Content-Encoding", "identity") == "identity":
        return await response.read()  # the parser stops at Content-Length: already bounded
    # Chunked or compressed: count the decoded bytes as they arrive (a gzip bomb stops here).
    received = bytearray()
    async for chunk in response.content.iter_any():
        received += chunk
        if len(received) > max_bytes:
            response.close()
            raise ResponseTooLargeError(
                f"response body exceeds max_response_bytes={max_bytes}", limit=max_bytes
            )
    return bytes(received)


def _connection_error(error: BaseException, method: str, url: str) -> APIConnectionError:
    # Order matters: the TLS and connect-timeout classes are subclasses of the broader ones.
    if isinstance(error, aiohttp.ClientConnectorCertificateError):
        reason = error.certificate_error
        message = f"TLS certificate not trusted: {reason}"
        return APITLSError(message, method=method, url=url, request_sent=False)
    if isinstance(error, aiohttp.ClientSSLError):
        message = f"TLS handshake failed: {error.os_error}"
        return APITLSError(message, method=method, url=url, request_sent=False)
    if isinstance(error, aiohttp.ConnectionTimeoutError):
        message = "timed out connecting"
        return APITimeoutError(message, method=method, url=url, request_sent=False)
    if isinstance(error, aiohttp.ClientConnectorError):
        message = f"cannot connect: {error.os_error}"
        return APIConnectionError(message, method=method, url=url, request_sent=False)
    if isinstance(error, asyncio.TimeoutError):
        return APITimeoutError("timed out waiting for the response", method=method, url=url)
    if isinstance(error, aiohttp.ServerDisconnectedError):
        message = "server closed the connection before the response was complete"
        return APIConnectionError(message, method=method, url=url)
    if isinstance(error, aiohttp.ClientPayloadError):
        return APIConnectionError(f"response body incomplete: {error}", method=method, url=url)
    message = f"connection failed: {error}" if str(error) else f"connection failed: {error!r}"
    return APIConnectionError(message, method=method, url=url)
