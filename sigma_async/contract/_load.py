"""Getting the two documents: the bundled contract, and the service's (a file, a URL, the account).

Credentials go only to the account's own service: to the document URL under ``base_url``, and
never over plain HTTP except to loopback. A document at any other URL is fetched without them.
"""

from __future__ import annotations

import asyncio
import importlib
import json
import os
import urllib.parse
from importlib import resources
from typing import Any, TypedDict

import aiohttp

from .._http.sansio import default_headers
from .._loopback import is_loopback
from ..errors import SigmaError, SigmaValidationError
from ..operations import API_PREFIX, DEFAULT_BASE_URL

__all__ = [
    "API_DOCS_PATH",
    "AccountSource",
    "DocumentUnavailableError",
    "bundled_document",
    "docs_url",
    "fetch_document",
    "parse_document",
]

API_DOCS_PATH = "/api-docs-json"
"""Where, under the API prefix, the service's NestJS Swagger module serves its document."""

_MAX_DOCUMENT_BYTES = 16 * 1024 * 1024


class AccountSource(TypedDict, total=False):
    """The account whose service :func:`fetch_document` asks: its keywords, for ``check`` too.

    ``base_url`` (the API's by default), the three credentials (sent only when all are given)
    and ``timeout`` (seconds, 30 by default).
    """

    base_url: str
    username: str | None
    secret_key: str | None
    app_id: str | None
    timeout: float


class DocumentUnavailableError(SigmaError):
    """The document to compare with could not be had or is not an API document (exit 2)."""


def bundled_document() -> dict[str, Any]:
    """Return the SDK's contract (``openapi/sigma-livestream.yaml``, shipped as JSON), fresh."""
    text = resources.files(__package__).joinpath("_bundled.json").read_text(encoding="utf-8")
    document: dict[str, Any] = json.loads(text)
    return document


def docs_url(base_url: str = DEFAULT_BASE_URL) -> str:
    """Return the URL of the service's own document under ``base_url``."""
    return base_url.rstrip("/") + API_PREFIX + API_DOCS_PATH


def parse_document(content: bytes | str, *, source: str) -> dict[str, Any]:
    """Parse JSON, or YAML when PyYAML is installed; else :class:`DocumentUnavailableError`."""
    text = content.decode("utf-8", errors="replace") if isinstance(content, bytes) else content
    try:
        document = json.loads(text)
    except ValueError:
        document = _yaml(text, source)
    if not isinstance(document, dict):
        raise DocumentUnavailableError(f"{source}: not a JSON or YAML object")
    return document


def _yaml(text: str, source: str) -> Any:
    try:
        yaml: Any = importlib.import_module("yaml")
    except ImportError:
        message = f"{source}: not JSON (reading YAML needs PyYAML: pip install pyyaml)"
        raise DocumentUnavailableError(message) from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError:
        raise DocumentUnavailableError(f"{source}: neither JSON nor YAML") from None


async def fetch_document(
    against: str | os.PathLike[str] | None = None,
    *,
    base_url: str = DEFAULT_BASE_URL,
    username: str | None = None,
    secret_key: str | None = None,
    app_id: str | None = None,
    timeout: float = 30.0,
) -> tuple[dict[str, Any], str]:
    """Return the document to compare with and where it came from.

    ``against`` is a file path or an ``http(s)://`` URL; None means the account's service
    (:func:`docs_url` of ``base_url``), asked with the credentials when they are given.
    A ``timeout`` that is not a positive number raises :class:`~sigma_async.SigmaValidationError`.
    """
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not 0 < timeout < 1e9:
        raise SigmaValidationError(f"timeout must be a positive number of seconds, got {timeout!r}")
    if against is not None and not _is_url(str(against)):
        path = os.fspath(against)
        content = await asyncio.to_thread(_read_file, path)
        return parse_document(content, source=path), path
    url = str(against) if against is not None else docs_url(base_url)
    headers = {"Accept": "application/json"}
    if _same_origin(url, docs_url(base_url)) and username and secret_key and app_id:
        _refuse_plain_http(url)
        # The client's own header rules (a malformed credential is refused before sending).
        headers = default_headers(username, secret_key, app_id)
    content = await _get(url, headers, timeout)
    return parse_document(content, source=url), url


def _read_file(path: str) -> bytes:
    try:
        with open(path, "rb") as handle:
            content = handle.read(_MAX_DOCUMENT_BYTES + 1)
    except OSError as error:
        raise DocumentUnavailableError(f"cannot read {path}: {error.strerror}") from None
    if len(content) > _MAX_DOCUMENT_BYTES:
        raise DocumentUnavailableError(f"{path} is over {_MAX_DOCUMENT_BYTES} bytes")
    return content


def _is_url(text: str) -> bool:
    return urllib.parse.urlsplit(text).scheme in ("http", "https")


def _same_origin(a: str, b: str) -> bool:
    first, second = urllib.parse.urlsplit(a), urllib.parse.urlsplit(b)
    return (first.scheme, first.netloc.lower()) == (second.scheme, second.netloc.lower())


def _refuse_plain_http(url: str) -> None:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme == "http" and not is_loopback(parts.hostname or ""):
        message = f"refusing to send the credentials over plain http to {parts.hostname}"
        raise DocumentUnavailableError(message)


async def _get(url: str, headers: dict[str, str], timeout: float) -> bytes:
    client_timeout = aiohttp.ClientTimeout(total=timeout)
    try:
        async with (
            aiohttp.ClientSession(timeout=client_timeout) as session,
            session.get(url, headers=headers, allow_redirects=False) as response,
        ):
            if response.status != 200:
                raise DocumentUnavailableError(_status_message(url, response.status))
            if (response.content_length or 0) > _MAX_DOCUMENT_BYTES:
                raise DocumentUnavailableError(f"{url}: over {_MAX_DOCUMENT_BYTES} bytes")
            content = await response.content.read(_MAX_DOCUMENT_BYTES + 1)
    except (aiohttp.ClientError, asyncio.TimeoutError, OSError) as error:
        detail = str(error) or type(error).__name__
        raise DocumentUnavailableError(f"cannot fetch {url}: {detail}") from None
    if len(content) > _MAX_DOCUMENT_BYTES:
        raise DocumentUnavailableError(f"{url}: over {_MAX_DOCUMENT_BYTES} bytes")
    return content


def _status_message(url: str, status: int) -> str:
    if status == 401:
        return f"{url}: 401, the service refused the username or secret key"
    if status == 403:
        return f"{url}: 403, the credentials are not for this app id"
    return f"{url}: HTTP {status}"
