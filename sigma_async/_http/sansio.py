"""The request/response logic of the client, free of I/O (gidgethub style).

Everything here is a pure function of its arguments, so building a request and decoding a
response are unit-testable without a socket: the client only moves the bytes.
"""

from __future__ import annotations

import base64
import email.utils
import json
import re
import time
import urllib.parse
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple, NoReturn, TypeVar

from multidict import CIMultiDict, CIMultiDictProxy
from yarl import URL

from .. import _checks, _convert, _json
from .._decode_support import StructureError
from .._loopback import is_loopback
from .._structure import STRUCTURE_FUNCTIONS
from .._version import __version__
from ..errors import (
    APIStatusError,
    RateLimitError,
    ResponseDecodeError,
    SigmaValidationError,
)
from ..operations import API_PREFIX, DEFAULT_BASE_URL, MAX_PER_PAGE, Operation
from .redact import scrub, scrub_data

__all__ = [
    "API_PREFIX",
    "DEFAULT_BASE_URL",
    "JSON",
    "MAX_PER_PAGE",
    "RawResponse",
    "Request",
    "RequestHeaders",
    "Secret",
    "api_root",
    "check_id",
    "check_per_page",
    "decode_json",
    "decode_response",
    "default_headers",
    "dump_json",
    "error_for_status",
    "list_query",
    "parse_retry_after",
    "path_segment",
    "request_headers",
    "scrub",
]

T = TypeVar("T")

JSON = "application/json"
"""The media type of every body the API sends and takes (``Accept`` and ``Content-Type``)."""

_SORT = re.compile(r"[A-Za-z][A-Za-z0-9_.]*\|(asc|desc)")
_DELAY_SECONDS = re.compile(r"[0-9]+(\.[0-9]+)?")
_UNRESERVED = re.compile(r"[A-Za-z0-9._~-]+")  # what quote() leaves alone: UUIDs, say
_REQUEST_ID_HEADERS = ("X-Request-Id", "X-Amzn-RequestId", "X-Amz-Request-Id", "X-Correlation-Id")
_EXCERPT = 200
_ERROR_TEXT = 2000


class Secret(str):
    """A string whose ``repr`` hides it: dicts of headers print safely in logs and tracebacks."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "'<redacted>'"


class RawResponse(NamedTuple):
    """One attempt's answer: status line, headers and the whole (capped) body, as received."""

    status: int
    reason: str
    headers: Mapping[str, str]
    body: bytes
    url: URL | str
    """The URL requested, query included (made a string only when an error needs it)."""


class Request(NamedTuple):
    """One request, ready for the wire: built once, never changed, sent as is by each attempt.

    ``url`` is encoded (the query too) exactly once, by
    :meth:`~sigma_async._http.routes.Route.request`; ``headers`` is a prebuilt mapping (shared,
    not copied) of what the request adds to its session's default headers: the client's own
    session carries the client's headers itself, so there only ``Content-Type`` is left.
    ``operation`` carries the facts the attempt loop and the decoder need (idempotent,
    404-means-done, the response model).
    """

    method: str
    url: URL
    headers: Mapping[str, str]
    body: bytes | None
    operation: Operation

    @property
    def target(self) -> str:
        """``METHOD /path?query`` as sent: what logs and error messages show."""
        return f"{self.method} {self.url.raw_path_qs}"


def default_headers(
    username: str, secret_key: str, app_id: str, *, user_agent: str | None = None
) -> dict[str, str]:
    """Build the headers every request carries (Basic auth, ``X-App-Id``, ``User-Agent``).

    ``user_agent`` defaults to ``sigma-async/<version>``; the client passes the full one (with
    the Python and aiohttp versions), which needs aiohttp imported, so it is made there.
    """
    _checks.text(username, "username", credential=True)
    _checks.text(secret_key, "secret_key", credential=True)
    _checks.text(app_id, "app_id", credential=True)
    if ":" in username:
        # Basic auth splits user:password on the first colon; the server would misread it.
        raise SigmaValidationError("username must not contain ':'")
    token = base64.b64encode(f"{username}:{secret_key}".encode()).decode("ascii")
    return {
        "Authorization": Secret(f"Basic {token}"),
        "X-App-Id": app_id,
        "User-Agent": user_agent or f"sigma-async/{__version__}",
        "Accept": JSON,
    }


class RequestHeaders(NamedTuple):
    """The client's headers, split once between its session and each request (aiohttp's types).

    aiohttp merges a request's headers into its session's defaults key by key on every request,
    and copies a plain dict into a ``CIMultiDict`` first: prebuilt proxies spare both copies.
    """

    session: CIMultiDictProxy[str]
    """The session defaults, for the session the client opens itself: the client's headers."""
    bodiless: CIMultiDictProxy[str]
    """What a request without a body adds to its session's defaults."""
    json: CIMultiDictProxy[str]
    """What a request with a JSON body adds: ``bodiless`` and ``Content-Type``."""


_NONE: CIMultiDictProxy[str] = CIMultiDictProxy(CIMultiDict())
_JSON_BODY: CIMultiDictProxy[str] = CIMultiDictProxy(CIMultiDict({"Content-Type": JSON}))


def request_headers(headers: Mapping[str, str], *, own_session: bool) -> RequestHeaders:
    """Split ``headers`` (:func:`default_headers`) between the session and each request.

    The session the client opens (``own_session``) carries them as its defaults, so a request
    adds only its ``Content-Type``; a caller's session has the caller's defaults, so every
    request carries all of them.
    """
    session = CIMultiDictProxy(CIMultiDict(headers))
    if own_session:
        return RequestHeaders(session, _NONE, _JSON_BODY)
    with_body = CIMultiDictProxy(CIMultiDict({**headers, **_JSON_BODY}))
    return RequestHeaders(session, session, with_body)


def api_root(base_url: str, *, allow_insecure_http: bool = False) -> str:
    """Validate ``base_url`` and return the encoded root of the API (``…/api/livestream``).

    Plain ``http://`` is refused for any host but loopback unless ``allow_insecure_http``:
    the Basic token would cross the network in clear text.
    """
    if not isinstance(base_url, str) or not base_url:
        raise SigmaValidationError("base_url must be a non-empty string")
    try:
        url = URL(base_url)
    except ValueError as error:
        raise SigmaValidationError(f"base_url is not a valid URL: {error}") from None
    if url.scheme not in ("http", "https") or not url.host:
        raise SigmaValidationError("base_url must be an absolute http(s) URL, e.g. https://host")
    if url.user is not None or url.password is not None:
        raise SigmaValidationError("base_url must not carry credentials; pass them as arguments")
    if url.query_string or url.fragment:
        raise SigmaValidationError("base_url must not have a query or a fragment")
    if url.scheme == "http" and not allow_insecure_http and not is_loopback(url.host):
        raise SigmaValidationError(
            f"refusing plain http:// to {url.host}: credentials would travel unencrypted; "
            "use https:// or pass allow_insecure_http=True"
        )
    return str(url.with_query(None)).rstrip("/") + API_PREFIX


check_id = _checks.identifier
check_per_page = _checks.per_page


def path_segment(value: object, name: str) -> str:
    """Check an id and percent-encode it as exactly one path segment.

    ``/``, ``?``, ``#`` and ``%`` are encoded, so no id can reach another endpoint or add query
    parameters; ``.`` and ``..`` are refused because URL normalisation would resolve them.
    """
    if value.__class__ is str and _UNRESERVED.fullmatch(value) and value not in (".", ".."):
        return value  # the common case (a UUID): nothing to encode
    try:
        return urllib.parse.quote(_checks.identifier(value, name), safe="")
    except UnicodeEncodeError:  # a lone surrogate has no UTF-8 form
        raise SigmaValidationError(f"{name} is not valid Unicode text") from None


def dump_json(data: Any) -> bytes:
    """Encode JSON compactly (no spaces), keeping non-ASCII text as UTF-8.

    NaN and infinities are refused: JSON has no such numbers, and a server would reject the
    whole body.
    """
    try:
        return json.dumps(data, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode()
    except (TypeError, ValueError) as error:  # ValueError: lone surrogates, NaN, infinities
        raise SigmaValidationError(f"value is not JSON-serializable: {error}") from None


def list_query(
    q: Mapping[str, Any] | None, *, sort: str, page: int, per_page: int
) -> dict[str, str]:
    """Build the ``q``/``sort``/``page``/``perPage`` query of a list call (guide sections 7, 9).

    ``q`` is sent as compact JSON, exactly as the guide's curl lines show it; an empty filter
    is left out, and one nested deeper than the service accepts is refused.
    """
    if not isinstance(sort, str) or not _SORT.fullmatch(sort):
        raise SigmaValidationError(f"sort must look like 'field|asc' or 'field|desc', got {sort!r}")
    _checks.per_page(per_page)
    query: dict[str, str] = {}
    if q:
        _checks.filter_depth(q)
        query["q"] = dump_json(dict(q)).decode()
    query["sort"] = sort
    query["page"] = str(page)
    query["perPage"] = str(per_page)
    return query


def parse_retry_after(value: str | None, *, now: float | None = None) -> float | None:
    """Read ``Retry-After`` as seconds to wait: delay-seconds or an HTTP date (RFC 9110).

    Returns None when absent or unreadable; a date in the past gives 0. Capping is the retry
    policy's job, so the server's own figure is kept here.
    """
    if value is None:
        return None
    text = value.strip()
    if _DELAY_SECONDS.fullmatch(text):
        return float(text)  # RFC 9110 says whole seconds; a fraction is read, not refused
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        return None  # RFC 9110 dates are GMT; a date without a zone is not one
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def _nest_message(body: Any) -> str | None:
    # NestJS: {"statusCode": 400, "message": "..." | ["...", ...], "error": "Bad Request"}
    if not isinstance(body, dict):
        return None
    message = body.get("message")
    if isinstance(message, str) and message:
        return message
    if isinstance(message, list) and message:
        return "; ".join(str(item) for item in message)
    error = body.get("error")
    return error if isinstance(error, str) and error else None


def error_for_status(
    method: str, response: RawResponse, *, secrets: Iterable[str] = ()
) -> APIStatusError:
    """Turn a non-2xx response into the matching :class:`APIStatusError` subclass.

    The message is the server's, scrubbed (:func:`scrub`) of secret fields and of ``secrets``;
    so is ``body``, the parsed body kept on the error.
    """
    secrets = tuple(secrets)
    body: Any = None
    if response.body:
        try:
            body = json.loads(response.body)
        # HTML from a proxy, say: keep the start of the text. RecursionError: nesting too deep
        # for the parser (a hostile body), which is no ValueError.
        except (ValueError, RecursionError):
            body = response.body[:_ERROR_TEXT].decode("utf-8", "replace")
        try:
            body = scrub_data(body, secrets)
        except RecursionError:  # nested near the parser's own limit: keep a scrubbed excerpt
            body = scrub(response.body[:_ERROR_TEXT].decode("utf-8", "replace"), secrets=secrets)
    status = response.status
    if 300 <= status < 400:
        location = response.headers.get("Location", "")
        message = f"redirect to {location or '(no Location)'} not followed"
    else:
        message = _nest_message(body) or response.reason or f"HTTP {status}"
    cls = APIStatusError.class_for(status)
    request_id = next(
        (response.headers[name] for name in _REQUEST_ID_HEADERS if name in response.headers), None
    )
    kwargs: dict[str, Any] = {
        "status": status,
        "method": method,
        "url": str(response.url),
        "body": body,
        "headers": response.headers,
        "request_id": request_id,
    }
    if cls is RateLimitError:
        kwargs["retry_after"] = parse_retry_after(response.headers.get("Retry-After"))
    return cls(scrub(message, secrets=secrets), **kwargs)


def decode_json(response: RawResponse, cls: type[T]) -> T:
    """Decode a 2xx body into ``cls``, or raise :class:`ResponseDecodeError`.

    The result never depends on whether orjson is installed (``sigma_async._json``): what
    orjson refuses, the stdlib reads and decides; and when a model fails on a float where an int
    is due (orjson's reading of an integer beyond 64 bits), the stdlib reads the body again and
    decides. A body is read once otherwise: a wrong-shaped page costs one reading.
    """
    body = response.body
    try:
        data = _json.first_loads(body)
    except (ValueError, RecursionError) as error:  # RecursionError: nested too deeply
        # The stdlib's reading is final: a model that fails on it is not read again.
        return _structure(response, _read_with_json(response, cls, error), cls)
    structure_model = STRUCTURE_FUNCTIONS.get(cls)
    if structure_model is None:
        return _structure(response, data, cls)
    try:
        return structure_model(data)  # type: ignore[no-any-return]
    except StructureError as failure:
        if _json.BACKEND == "json" or not failure.float_for_int:
            decode_failure = _convert.decode_error(cls, failure)
            decode_failure.status = response.status
            raise decode_failure from None
    del data  # free the first reading before the second
    return _structure(response, json.loads(body), cls)


def _read_with_json(response: RawResponse, cls: type[Any], error: Exception) -> Any:
    # orjson refused the body (or json did): the stdlib's verdict is the SDK's.
    body = response.body
    if _json.BACKEND != "json":
        try:
            return json.loads(body)
        except (ValueError, RecursionError) as json_error:
            _json_failure(response, cls, json_error)
    _json_failure(response, cls, error)


def _json_failure(response: RawResponse, cls: type[Any], error: Exception) -> NoReturn:
    body = response.body
    stripped = body.lstrip()[:1]
    # Broken JSON may hold secrets (a channel's S3 keys): describe it, don't quote it.
    if not body:
        detail, excerpt = "the body is empty", None
    elif stripped in (b"{", b"["):
        detail, excerpt = f"the JSON is incomplete or malformed ({error})", None
    else:
        detail = "the body is not JSON"
        excerpt = scrub(body[:_EXCERPT].decode("utf-8", "replace"), limit=_EXCERPT)
    raise ResponseDecodeError(
        f"{response.status} response to {cls.__name__}: {detail}",
        body_excerpt=excerpt,
        status=response.status,
    ) from None


def _structure(response: RawResponse, data: Any, cls: type[T]) -> T:
    try:
        return _convert.structure(data, cls)
    except ResponseDecodeError as error:
        error.status = response.status
        raise


def decode_response(request: Request, response: RawResponse, secrets: Iterable[str] = ()) -> Any:
    """Decode a response to ``request``: its model (or None), else the status's error, raised.

    A pure function; the one exception the attempt loop adds is the delete whose retry finds
    the resource gone (see ``Operation.retry_404_means_done``). ``secrets`` (the client's
    credentials, removed from an error's text) may be passed by position, as the client does
    once a response: a call with keywords takes CPython's slower call path.
    """
    if not 200 <= response.status < 300:
        raise error_for_status(request.method, response, secrets=secrets)
    model = request.operation.response_model
    if model is None:
        return None  # start/stop/delete: the guide documents no body; whatever came is ignored
    return decode_json(response, model)
