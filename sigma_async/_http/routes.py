"""Routes: an operation prepared once for one client, so that a call fills in only its values.

Part of the sans-I/O layer (pure, no socket; see :mod:`sigma_async._http.sansio`). A
:class:`Route` holds what no call changes: the operation's path template split around its
placeholders and joined with the client's API root, and the headers its requests add. Its
:meth:`Route.request` is the only place URLs are made; :func:`build_request` is the same for a
single call. The engine keeps one route per operation it has called.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any, NamedTuple

from yarl import URL

from .. import _checks, _convert
from ..errors import SigmaValidationError
from ..operations import OPERATIONS, Operation
from .sansio import Request, dump_json, path_segment

__all__ = ["Route", "argument_name", "build_request"]

_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")
_PATH_PARAM = re.compile(r"(?<!^)(?=[A-Z])")
# URLs (and bare requests) a route keeps by id, for the operations with one path parameter;
# only of ids up to _KEPT_ID_LENGTH characters (a UUID has 36), so that ids a caller passes
# through from elsewhere cannot make the kept ones large: 1024 of 100 KB would hold 200 MB.
_KEPT_PER_ROUTE = 1024
_KEPT_ID_LENGTH = 128
# A Request made without the NamedTuple's own __new__, a Python function: it runs once a call.
# Typed field by field, so that mypy still checks every Request made this way.
_new_request: Callable[
    [type[Request], tuple[str, URL, Mapping[str, str], bytes | None, Operation]], Request
] = tuple.__new__


def argument_name(wire_name: str) -> str:
    """Return the caller's name for a path parameter: ``channel_id`` for ``channelId``."""
    return _PATH_PARAM.sub("_", wire_name).lower()


class _PathTemplate(NamedTuple):
    """An operation's path template, split: literal pieces around its placeholders."""

    pieces: tuple[str, ...]  # one more than the placeholders: the text around them
    order: tuple[int, ...]  # per placeholder, the index of its value in ``path_params``
    arguments: tuple[str, ...]  # per placeholder, the caller's argument name (for messages)


def _split_template(operation: Operation) -> _PathTemplate:
    parts = _PLACEHOLDER.split(operation.path)
    names = parts[1::2]
    return _PathTemplate(
        tuple(parts[::2]),
        tuple(operation.path_params.index(name) for name in names),
        tuple(argument_name(name) for name in names),
    )


# Split at import for every operation of the table (the path string is the key: its hash is
# cached). A route of another Operation splits its template when it is made.
_TEMPLATES: dict[str, _PathTemplate] = {
    operation.path: _split_template(operation) for operation in OPERATIONS.values()
}


class Route:
    """``operation`` prepared for the client whose API root is ``root``.

    ``headers`` is what a bodiless request adds to its session's defaults, ``json_headers``
    what a request with a JSON body adds (``headers`` and ``Content-Type``); both are sent as
    they are, never copied.
    """

    __slots__ = (
        "_arity",
        "_body_headers",
        "_headers",
        "_request_of",
        "_template",
        "_url_of",
        "operation",
    )

    def __init__(
        self,
        operation: Operation,
        root: str,
        headers: Mapping[str, str],
        json_headers: Mapping[str, str] | None = None,
    ) -> None:
        self.operation = operation
        """The operation this route sends."""
        template = _TEMPLATES.get(operation.path)
        if template is None or len(template.order) != len(operation.path_params):
            template = _split_template(operation)
        self._template = template._replace(pieces=(root + template.pieces[0], *template.pieces[1:]))
        self._arity = len(operation.path_params)
        self._headers = headers
        self._body_headers = headers if json_headers is None else json_headers
        # One placeholder, as in every path operation of the table: the URL of an id is made
        # once, and so is the whole request of an id when it has no query and no body (a get,
        # a start, a stop, a delete). A dashboard asks for the same channels again and again,
        # and checking the id, making its URL and the request is most of what building a
        # request costs; both are immutable (yarl itself keeps the URLs it makes from a
        # string). Bounded: least recently used out, ids of at most _KEPT_ID_LENGTH characters.
        # Only a str is looked up: it is hashable, and a subclass could compare equal to a str
        # it does not encode as.
        self._url_of: Callable[[str], URL] | None = None
        self._request_of: Callable[[str], Request] | None = None
        if len(template.order) == 1 and self._arity == 1:
            url_of = functools.partial(
                _single_url, self._template.pieces[0], template.arguments[0], template.pieces[1]
            )
            self._url_of = functools.lru_cache(maxsize=_KEPT_PER_ROUTE)(url_of)
            if operation.request_model is None:
                self._request_of = functools.lru_cache(maxsize=_KEPT_PER_ROUTE)(
                    functools.partial(_bare_request, operation, url_of, headers)
                )

    def request(
        self,
        path: Iterable[object] = (),
        query: Mapping[str, str] | None = None,
        body: Any = None,
    ) -> Request:
        """Build the :class:`~sigma_async._http.sansio.Request` of one call.

        ``path`` gives the template's parameters in order, each checked and encoded as exactly
        one path segment; ``query`` is encoded once, here; ``body`` is a request model, sent as
        compact JSON.
        """
        operation = self.operation
        url_of = self._url_of
        if (
            url_of is not None
            and type(path) is tuple
            and len(path) == 1
            and path[0].__class__ is str
            and len(path[0]) <= _KEPT_ID_LENGTH
        ):
            request_of = self._request_of
            if request_of is not None and not query:
                return request_of(path[0])
            url = url_of(path[0])
        else:
            url = URL(self._fill(path), encoded=True)
        if query:
            url = url.extend_query(query)
        if operation.request_model is None:
            return _new_request(Request, (operation.method, url, self._headers, None, operation))
        _checks.instance_of(body, operation.request_model, "body")
        content = dump_json(_convert.unstructure(body))
        return _new_request(
            Request, (operation.method, url, self._body_headers, content, operation)
        )

    def _fill(self, path: Iterable[object]) -> str:
        values = path if isinstance(path, tuple) else tuple(path)
        if len(values) != self._arity:
            raise SigmaValidationError(
                f"{self.operation.operation_id} takes {self._arity} path parameter(s)"
            )
        pieces, order, arguments = self._template
        text = pieces[0]
        for number, index in enumerate(order):
            text += path_segment(values[index], arguments[number]) + pieces[number + 1]
        return text


def _single_url(before: str, argument: str, after: str, value: str) -> URL:
    return URL(before + path_segment(value, argument) + after, encoded=True)


def _bare_request(
    operation: Operation, url_of: Callable[[str], URL], headers: Mapping[str, str], value: str
) -> Request:
    # The request of an id with no query and no body: the same for every call with that id.
    return _new_request(Request, (operation.method, url_of(value), headers, None, operation))


def build_request(
    operation: Operation,
    root: str,
    headers: Mapping[str, str],
    *,
    path: Iterable[object] = (),
    query: Mapping[str, str] | None = None,
    body: Any = None,
    json_headers: Mapping[str, str] | None = None,
) -> Request:
    """Build the :class:`~sigma_async._http.sansio.Request` for one call of ``operation``.

    The same as ``Route(operation, root, headers, json_headers).request(path, query, body)``:
    see :class:`Route` for what each argument means.
    """
    return Route(operation, root, headers, json_headers).request(path, query, body)
