"""Text and data that came from the server, made safe to show: bounded, no secret in it.

Used wherever the SDK builds text from server bytes (error messages, excerpts, error bodies,
transport failures): values of the spec's secret fields (``accessKey``, ``streamToken``… by
wire name, from :data:`~sigma_async.operations.SECRET_FIELDS`) become ``***``, and so does each
credential the client holds, wherever a server echoes it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ..operations import SECRET_FIELDS

__all__ = ["one_line", "scrub", "scrub_data"]

_SECRET_NAMES = sorted({name for names in SECRET_FIELDS.values() for name in names})
# A secret field's value in JSON-ish text the server sent: ``"accessKey": "AKIA…"``, also when
# the quotes are escaped (a body quoted inside an error message) or the text is cut mid-value.
_SECRET_VALUE = re.compile(
    r'((?:\\?["\'])?(?:'
    + "|".join(map(re.escape, _SECRET_NAMES))
    + r')(?:\\?["\'])?\s*[:=]\s*)(\\?["\'])?[^"\'\\,}\s]*'
)
_SECRET_NAME_SET = frozenset(_SECRET_NAMES)
# Credentials shorter than this are not replaced: a one-letter "secret" (a test's) would
# otherwise turn every such letter of a message into ***. Real secret keys are far longer.
_MIN_SECRET = 6


def one_line(text: str, limit: int = 500) -> str:
    """Collapse ``text`` to one line of at most ``limit`` characters (cut with an ellipsis)."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def scrub(text: str, *, limit: int = 500, secrets: Iterable[str] = ()) -> str:
    """Make text that came from the server safe to show: one bounded line, no secret in it.

    Values of the spec's secret fields (``accessKey``, ``streamToken``… by wire name) become
    ``***``, and so does each of ``secrets`` (the client's own credentials, which a server may
    echo back) wherever it appears.
    """
    line = _SECRET_VALUE.sub(r"\1\2***", text)
    for secret in secrets:
        if len(secret) >= _MIN_SECRET:
            line = line.replace(secret, "***")
    return one_line(line, limit)


def scrub_data(data: Any, secrets: tuple[str, ...]) -> Any:
    """Return parsed JSON with secret fields masked and ``secrets`` replaced (an error body)."""
    if isinstance(data, dict):
        return {
            key: "***" if key in _SECRET_NAME_SET else scrub_data(value, secrets)
            for key, value in data.items()
        }
    if isinstance(data, list):
        return [scrub_data(item, secrets) for item in data]
    if isinstance(data, str):
        text = _SECRET_VALUE.sub(r"\1\2***", data)
        for secret in secrets:
            if len(secret) >= _MIN_SECRET:
                text = text.replace(secret, "***")
        return text
    return data
