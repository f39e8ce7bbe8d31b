"""The checks below HTTP: proxy variables, DNS, TCP and TLS, each timed."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import ssl
import time
import urllib.parse
from collections.abc import Mapping

from ._result import CheckResult, Status, skipped

__all__ = ["connection_checks", "elapsed_ms", "proxy_check", "why"]

_PROXY_VARIABLES = ("HTTPS_PROXY", "HTTP_PROXY", "ALL_PROXY", "NO_PROXY")
_CERT_WARN_DAYS = 14


def proxy_check(url: urllib.parse.SplitResult, environ: Mapping[str, str]) -> CheckResult:
    """Report the proxy variables set (passwords masked) and whether one applies to ``url``."""
    found = {}
    for name in _PROXY_VARIABLES:
        value = environ.get(name) or environ.get(name.lower())
        if value:
            found[name] = value if name == "NO_PROXY" else _masked(value)
    if not found:
        return CheckResult("proxy", "ok", "no proxy variables set")
    listed = ", ".join(f"{name}={value}" for name, value in found.items())
    host = url.hostname or ""
    proxy = found.get(f"{url.scheme.upper()}_PROXY") or found.get("ALL_PROXY")
    if proxy and not _bypassed(host, found.get("NO_PROXY", "")):
        return CheckResult("proxy", "warn", f"{listed}; {proxy} applies to {host}")
    return CheckResult("proxy", "ok", f"{listed}; none applies to {host}")


def _bypassed(host: str, no_proxy: str) -> bool:
    """Whether ``NO_PROXY`` exempts ``host`` (``*``, a name, or a ``.domain`` suffix)."""
    for entry in (e.strip().lower() for e in no_proxy.split(",")):
        name = entry.rsplit(":", 1)[0] if entry.count(":") == 1 else entry
        if name == "*" or (
            name and (host == name.lstrip(".") or host.endswith("." + name.lstrip(".")))
        ):
            return True
    return False


def _masked(proxy_url: str) -> str:
    parts = urllib.parse.urlsplit(proxy_url)
    if parts.password is None and parts.username is None:
        return proxy_url
    netloc = "***@" + (parts.hostname or "") + (f":{parts.port}" if parts.port else "")
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc))


async def connection_checks(
    host: str, port: int, tls: ssl.SSLContext | None, timeout: float
) -> list[CheckResult]:
    """DNS, TCP, then TLS (skipped when ``tls`` is None: plain http); later ones skip on failure."""
    loop = asyncio.get_running_loop()
    started = time.perf_counter()
    try:
        infos = await asyncio.wait_for(
            loop.getaddrinfo(host, port, type=socket.SOCK_STREAM), timeout
        )
    except (OSError, asyncio.TimeoutError) as error:
        failed = CheckResult("dns", "fail", f"{host} does not resolve: {why(error)}")
        return [failed, *skipped(["tcp", "tls"], "no address")]
    addresses = sorted({str(info[4][0]) for info in infos})
    checks = [CheckResult("dns", "ok", f"{host} -> {', '.join(addresses)}", elapsed_ms(started))]
    address = str(infos[0][4][0])
    started = time.perf_counter()
    try:
        _, writer = await asyncio.wait_for(asyncio.open_connection(address, port), timeout)
    except (OSError, asyncio.TimeoutError) as error:
        detail = f"cannot connect to {address}:{port}: {why(error)}"
        return [*checks, CheckResult("tcp", "fail", detail), *skipped(["tls"], "no connection")]
    checks.append(CheckResult("tcp", "ok", f"connected to {address}:{port}", elapsed_ms(started)))
    await _close(writer)
    if tls is None:
        return [*checks, CheckResult("tls", "skip", "plain http")]
    return [*checks, await _tls_check(host, address, port, tls, timeout)]


async def _tls_check(
    host: str, address: str, port: int, context: ssl.SSLContext, timeout: float
) -> CheckResult:
    started = time.perf_counter()
    try:
        _, writer = await asyncio.wait_for(
            asyncio.open_connection(address, port, ssl=context, server_hostname=host), timeout
        )
    except (OSError, asyncio.TimeoutError) as error:  # ssl.SSLError is an OSError
        return CheckResult("tls", "fail", f"handshake with {host} failed: {why(error)}")
    took = elapsed_ms(started)
    ssl_object = writer.get_extra_info("ssl_object")
    await _close(writer)
    version = ssl_object.version() if ssl_object is not None else "TLS"
    certificate = ssl_object.getpeercert() if ssl_object is not None else None
    expires = certificate.get("notAfter") if certificate else None
    if not isinstance(expires, str):
        return CheckResult("tls", "ok", f"{version}, certificate trusted", took)
    days = int((ssl.cert_time_to_seconds(expires) - time.time()) // 86400)
    status: Status = "warn" if days < _CERT_WARN_DAYS else "ok"
    return CheckResult("tls", status, f"{version}, certificate expires in {days} days", took)


async def _close(writer: asyncio.StreamWriter) -> None:
    writer.close()
    with contextlib.suppress(OSError):  # the peer hung up first: nothing to clean
        await writer.wait_closed()


def elapsed_ms(started: float) -> float:
    """Milliseconds since ``started`` (a ``time.perf_counter()`` reading), to 0.1 ms."""
    return round((time.perf_counter() - started) * 1000, 1)


def why(error: BaseException) -> str:
    """Return a short reason for a network error (never a request's headers)."""
    if isinstance(error, asyncio.TimeoutError):
        return "timed out"
    return str(error) or type(error).__name__
