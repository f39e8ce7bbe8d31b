"""The aiohttp application: routes and the middlewares for faults, errors and authentication.

Middleware order, outermost first: faults and counters (a gateway in front of the service),
then errors (every failure becomes a NestJS body), then authentication (a NestJS guard).
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import hmac
import logging

from aiohttp import web
from aiohttp.typedefs import Middleware

from ._apidocs import add_apidocs_route
from ._control import CONTROL_PREFIX, add_control_routes
from ._faults import FaultRule
from ._handlers import (
    APP_STATE,
    RUNTIME,
    Handler,
    ResponseRecord,
    Runtime,
    operation_index,
    routes,
)
from ._ratelimit import RATE_LIMITER, AppRateLimiter
from ._wire import ApiError, error_response, reason

__all__ = ["UNMATCHED", "build_app"]

UNMATCHED = "<unmatched>"
# body-parser's default limit in a NestJS service.
MAX_BODY_BYTES = 100 * 1024
_log = logging.getLogger("sigma_async.testing")
_OPERATIONS = operation_index()
_PROXY_PAGE = (
    "<html>\r\n<head><title>{status} {reason}</title></head>\r\n<body>\r\n"
    "<center><h1>{status} {reason}</h1></center>\r\n<hr><center>nginx</center>\r\n"
    "</body>\r\n</html>\r\n"
)
_FAULT_MESSAGES = {429: "ThrottlerException: Too Many Requests", 500: "Internal server error"}


def build_app(runtime: Runtime, rate_limiter: AppRateLimiter | None = None) -> web.Application:
    """Build the emulator's application around its shared runtime.

    With ``rate_limiter``, its middleware runs after authentication (a throttler guard).
    """
    middlewares: list[Middleware] = [_faults_middleware, _errors_middleware, _auth_middleware]
    if rate_limiter is not None:
        middlewares.append(rate_limiter.middleware(_limited_operation))
    app = web.Application(middlewares=middlewares, client_max_size=MAX_BODY_BYTES)
    app[RUNTIME] = runtime
    if rate_limiter is not None:
        app[RATE_LIMITER] = rate_limiter
    for method, path, _, handler in routes():
        app.router.add_route(method, path, handler)
    add_apidocs_route(app)
    add_control_routes(app)
    return app


def _operation(request: web.Request) -> tuple[str, str | None]:
    route = request.match_info.route
    if request.match_info.http_exception is not None or route.resource is None:
        return UNMATCHED, None
    found = _OPERATIONS.get((route.method, route.resource.canonical))
    return found if found is not None else (UNMATCHED, None)


def _limited_operation(request: web.Request) -> str | None:
    # What the throttler counts a request under; None for a route that is no API operation
    # (the API document), which NestJS's throttler guard, bound to the controllers, never sees.
    operation = _operation(request)[0]
    return None if operation == UNMATCHED else operation


@web.middleware
async def _faults_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    rt = request.app[RUNTIME]
    if request.match_info.http_exception is None and request.path.startswith(CONTROL_PREFIX):
        return await handler(request)  # the test's own levers: never faulted or counted
    operation, pattern = _operation(request)
    rt.stats.received[operation] += 1
    rule = await _meet_faults(rt, operation)
    kind = rule.kind if rule is not None else None
    if kind == "drop_before":
        return _drop(request)
    if rule is not None and kind == "status":
        injected = _fault_response(rule)
        _report(rt, request, operation, pattern, injected, fault=kind)
        return injected
    try:
        response = await handler(request)
    except ConnectionResetError:
        # The client hung up before its body was read (see _errors_middleware): end quietly,
        # as a drop, with nothing to report.
        return _drop(request)
    if kind == "drop_after":
        return _drop(request)
    if not isinstance(response, web.Response):
        return response
    _report(rt, request, operation, pattern, response, fault=kind)
    if kind == "truncate":
        return await _send_truncated(request, response)
    return response


async def _meet_faults(rt: Runtime, operation: str) -> FaultRule | None:
    """Apply the request's latency and return the fault that decides its fate, if any."""
    plan = rt.faults.plan(None if operation == UNMATCHED else operation)
    for _ in plan.latency_rules:
        rt.stats.faults["latency", operation] += 1
    if plan.latency:
        await asyncio.sleep(plan.latency)
    if plan.rule is not None:
        rt.stats.faults[plan.rule.kind, operation] += 1
    return plan.rule


@web.middleware
async def _errors_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        return await handler(request)
    except ApiError as exc:
        response = error_response(exc.status, exc.message, headers=exc.headers)
        if exc.close:
            response.force_close()
        return response
    except web.HTTPException as exc:
        if exc.status < 400:
            raise
        headers = {"Allow": exc.headers["Allow"]} if "Allow" in exc.headers else {}
        if exc.status == 404:
            # Express's wording for a path no route serves.
            message = f"Cannot {request.method} {request.path}"
        elif exc.status == 413:
            message = "request entity too large"
        else:
            message = exc.reason
        return error_response(exc.status, message, headers=headers)
    except (asyncio.CancelledError, ConnectionResetError):
        # ConnectionResetError: the client hung up (it timed out, say) before its body was
        # read. There is no one to answer, and it is no fault of the emulator's.
        raise
    except Exception as exc:
        # An emulator bug: answer like NestJS does, and keep it for the test to fail on.
        request.app[RUNTIME].errors.append(exc)
        _log.exception(
            "sigma emulator: unexpected error handling %s %s", request.method, request.path
        )
        return error_response(500, "Internal server error")


@web.middleware
async def _auth_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    if request.match_info.http_exception is not None:
        # Unrouted requests never reach a NestJS guard.
        return await handler(request)
    engine = request.app[RUNTIME].engine
    username, secret = _basic_credentials(request.headers.get("Authorization", ""))
    app = engine.app_for_username(username) if username is not None else None
    if app is None or not hmac.compare_digest(
        app.credentials.secret_key.encode(), (secret or "").encode()
    ):
        raise ApiError(401, "Unauthorized", headers={"WWW-Authenticate": 'Basic realm="sigma"'})
    if request.headers.get("X-App-Id") != app.app_id:
        raise ApiError(403, "Forbidden resource")
    request[APP_STATE] = app
    return await handler(request)


def _basic_credentials(header: str) -> tuple[str | None, str | None]:
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "basic" or not token.strip():
        return None, None
    try:
        decoded = base64.b64decode(token.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None, None
    username, colon, secret = decoded.partition(":")
    return (username, secret) if colon else (None, None)


def _fault_response(rule: FaultRule) -> web.Response:
    status = rule.status if rule.status is not None else 500
    headers: dict[str, str] = {}
    if rule.retry_after is not None:
        retry = rule.retry_after
        as_int = isinstance(retry, float) and retry.is_integer()
        headers["Retry-After"] = str(int(retry)) if as_int else str(retry)
    style = rule.body or ("html" if status in (502, 503, 504) else "json")
    if style == "html":
        page = _PROXY_PAGE.format(status=status, reason=reason(status))
        return web.Response(text=page, status=status, headers=headers, content_type="text/html")
    message = _FAULT_MESSAGES.get(status, reason(status))
    return error_response(status, message, headers=headers)


def _drop(request: web.Request) -> web.StreamResponse:
    # With the transport gone, aiohttp's attempt to write this response fails quietly.
    request.protocol.force_close()
    return web.Response(status=204)


async def _send_truncated(request: web.Request, response: web.Response) -> web.StreamResponse:
    body = response.body if isinstance(response.body, bytes) else b""
    stream = web.StreamResponse(status=response.status)
    for name, value in response.headers.items():
        if name.lower() not in ("content-length", "transfer-encoding"):
            stream.headers.add(name, value)
    stream.content_length = len(body)
    await stream.prepare(request)
    await stream.write(body[: len(body) // 2])
    request.protocol.force_close()
    return stream


def _report(
    rt: Runtime,
    request: web.Request,
    operation: str,
    pattern: str | None,
    response: web.Response,
    *,
    fault: str | None,
) -> None:
    rt.stats.responses[operation, response.status] += 1
    if rt.response_hook is None:
        return
    record = ResponseRecord(
        operation=None if operation == UNMATCHED else operation,
        method=request.method,
        path=request.path,
        path_pattern=pattern,
        query=dict(request.query),
        status=response.status,
        headers=dict(response.headers),
        body=response.body if isinstance(response.body, bytes) else b"",
        fault=fault,
    )
    try:
        rt.response_hook(record)
    except Exception as exc:
        # A failing hook must not turn into a broken response; the test sees it in `errors`.
        rt.errors.append(exc)
