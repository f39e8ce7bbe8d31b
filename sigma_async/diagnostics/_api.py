"""The checks over HTTP: credentials, first-byte time, clock skew, and every read operation.

Only GET requests are sent, each once (no retries): the doctor never writes.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import email.utils
import json
import ssl
import time
import urllib.parse
from collections.abc import Callable, Mapping
from typing import Any

import aiohttp
import attrs

from .._convert import structure
from ..errors import ResponseDecodeError, SigmaError
from ..operations import API_PREFIX, OPERATIONS, Operation
from ._network import why
from ._result import CheckResult, skipped

__all__ = ["api_checks", "read_names"]

# Date has one-second resolution, truncated: a right clock reads up to ~1 s ahead.
_SKEW_RESOLUTION_SECONDS = 2.0
_SKEW_WARN_SECONDS = 5.0  # the Date header has one-second resolution, plus the round trip
_SKEW_FAIL_SECONDS = 300.0


def _read_operations() -> list[Operation]:
    return [op for op in OPERATIONS.values() if op.method == "GET"]


def read_names() -> list[str]:
    """Return the names of the read checks, one per GET operation (``read listChannels``)."""
    return [f"read {op.operation_id}" for op in _read_operations()]


@attrs.define
class _Timing:
    """When the last request's headers went out and its answer's headers came back."""

    sent: float = 0.0
    answered: float = 0.0


def _trace(timing: _Timing) -> aiohttp.TraceConfig:
    trace = aiohttp.TraceConfig()

    async def sent(*_: Any) -> None:
        timing.sent = time.perf_counter()

    async def answered(*_: Any) -> None:
        timing.answered = time.perf_counter()

    trace.on_request_headers_sent.append(sent)
    trace.on_request_end.append(answered)
    return trace


async def api_checks(
    base_url: str,
    headers: Mapping[str, str],
    timeout: float,
    clock: Callable[[], float],
    context: ssl.SSLContext,
) -> list[CheckResult]:
    """Credentials, first byte and clock from the first read, then every other read."""
    reads = _read_operations()
    first = next(op for op in reads if not op.path_params)
    timing = _Timing()
    checks: list[CheckResult] = []
    async with aiohttp.ClientSession(
        base_url.rstrip("/") + API_PREFIX + "/",
        headers=dict(headers),
        timeout=aiohttp.ClientTimeout(total=timeout),
        connector=aiohttp.TCPConnector(ssl=context),
        trace_configs=[_trace(timing)],
    ) as session:
        answer = await _get(session, first, {})
        checks.extend(_first_request_checks(first, answer, timing, clock))
        if answer.status in (401, 403):
            return [*checks, *skipped(read_names(), "credentials refused")]
        first_ids: dict[str, str | None] = {first.resource: answer.first_id}
        checks.append(answer.result(first))
        for op in reads:
            if op is first:
                continue
            ids = await _ids_for(session, op, first_ids)
            if isinstance(ids, str):
                checks.append(CheckResult(f"read {op.operation_id}", "skip", ids))
                continue
            answer = await _get(session, op, ids)
            if not op.path_params:
                first_ids[op.resource] = answer.first_id
            checks.append(answer.result(op))
    return checks


@attrs.frozen
class _Answer:
    status: int | None
    date: str | None
    problem: str | None
    """Why the read failed (status, transport, shape), or None."""
    first_id: str | None
    """The first listed item's id, for the reads that need one."""

    def result(self, op: Operation) -> CheckResult:
        name = f"read {op.operation_id}"
        if self.problem is not None:
            return CheckResult(name, "fail", self.problem)
        return CheckResult(name, "ok", f"{op.method} {op.path}: {self.status}, shape as expected")


async def _get(session: aiohttp.ClientSession, op: Operation, ids: Mapping[str, str]) -> _Answer:
    path = op.path.lstrip("/")
    for name, value in ids.items():
        path = path.replace("{" + name + "}", urllib.parse.quote(value, safe=""))
    try:
        async with session.get(path, allow_redirects=False) as response:
            body = await response.read()
            status, date = response.status, response.headers.get("Date")
            reason = response.reason or ""
    except (aiohttp.ClientError, asyncio.TimeoutError, OSError) as error:
        return _Answer(None, None, f"{op.method} {op.path}: {why(error)}", None)
    if status != op.success_status:
        return _Answer(
            status, date, f"{op.method} {op.path}: HTTP {status} {reason}".rstrip(), None
        )
    try:
        data = structure(_json(body), op.response_model) if op.response_model else None
    except (ResponseDecodeError, ValueError) as error:
        return _Answer(status, date, f"{op.method} {op.path}: unexpected shape: {error}", None)
    except SigmaError as error:
        return _Answer(status, date, f"{op.method} {op.path}: {error}", None)
    return _Answer(status, date, None, _first_id(data))


def _json(body: bytes) -> Any:
    try:
        return json.loads(body)
    except ValueError:
        raise ResponseDecodeError("the body is not JSON") from None


def _first_id(page: Any) -> str | None:
    items = getattr(page, "data", None)
    if not items:
        return None
    found = getattr(items[0], "id", None)
    return found if isinstance(found, str) else None


async def _ids_for(
    session: aiohttp.ClientSession, op: Operation, first_ids: dict[str, str | None]
) -> dict[str, str] | str:
    """Return ``op``'s path parameters from its resource's list, or why it must skip."""
    if not op.path_params:
        return {}
    found = first_ids.get(op.resource)
    if op.resource not in first_ids:
        # The resource's list has not run yet: it is one of the reads, run it here first.
        listing = next(
            (o for o in _read_operations() if o.resource == op.resource and not o.path_params),
            None,
        )
        if listing is None:
            return f"no list of {op.resource} to take an id from"
        found = (await _get(session, listing, {})).first_id
        first_ids[op.resource] = found
    if found is None:
        return f"no {op.resource} to read (the list is empty or failed)"
    return dict.fromkeys(op.path_params, found)


def _first_request_checks(
    op: Operation, answer: _Answer, timing: _Timing, clock: Callable[[], float]
) -> list[CheckResult]:
    if answer.status == 401:
        detail = "401: the service refused the username or secret key"
        credentials = CheckResult("credentials", "fail", detail)
    elif answer.status == 403:
        detail = "403: the username and secret key are accepted, but not for this app id"
        credentials = CheckResult("credentials", "fail", detail)
    elif answer.status is None or answer.status >= 500 or answer.status == 429:
        why = answer.problem or f"HTTP {answer.status}"
        credentials = CheckResult("credentials", "fail", f"not answered: {why}")
    else:
        credentials = CheckResult("credentials", "ok", f"accepted ({op.method} {op.path})")
    checks = [credentials]
    if answer.status is None:
        return [*checks, *skipped(["first-byte", "clock"], "no answer")]
    waited = round((timing.answered - timing.sent) * 1000, 1)
    checks.append(CheckResult("first-byte", "ok", f"{op.method} {op.path}", waited))
    checks.append(_clock_check(answer.date, clock()))
    return checks


def _clock_check(date: str | None, now: float) -> CheckResult:
    if date is None:
        return CheckResult("clock", "skip", "the answer carries no Date header")
    try:
        server = email.utils.parsedate_to_datetime(date)
    except (TypeError, ValueError):
        return CheckResult("clock", "skip", f"unreadable Date header {date!r}")
    if server.tzinfo is None:
        server = server.replace(tzinfo=dt.timezone.utc)
    skew = now - server.timestamp()
    direction = "ahead of" if skew > 0 else "behind"
    if abs(skew) <= _SKEW_RESOLUTION_SECONDS:
        detail = f"local clock within {_SKEW_RESOLUTION_SECONDS:.0f} s of the service's Date"
    else:
        detail = f"local clock {abs(skew):.0f} s {direction} the service's Date"
    if abs(skew) > _SKEW_FAIL_SECONDS:
        return CheckResult("clock", "fail", detail)
    if abs(skew) > _SKEW_WARN_SECONDS:
        return CheckResult("clock", "warn", detail)
    return CheckResult("clock", "ok", detail)
