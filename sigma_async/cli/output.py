"""How results are shown: aligned tables for people, JSON (or JSON lines) for scripts.

Secrets stay out of both unless the user asks (``--show-secrets``): a channel's S3
``accessKey``/``secretKey`` print as ``***``. The API credentials never reach this module.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from .._convert import format_datetime, unstructure
from .._model_support import Unset
from ..models import Channel, Event, Session

if TYPE_CHECKING:
    from .console import Console

__all__ = [
    "CHANNEL_COLUMNS",
    "EVENT_COLUMNS",
    "REDACTED",
    "SESSION_COLUMNS",
    "Column",
    "cell",
    "channel_details",
    "details_lines",
    "event_stream_header",
    "event_stream_line",
    "json_line",
    "redact",
    "render_table",
    "session_details",
    "show_listing",
    "to_json",
]

REDACTED = "***"
_SECRET_KEYS = frozenset({"accessKey", "secretKey"})


def redact(data: Any) -> Any:
    """Return JSON-ready ``data`` with every S3 ``accessKey``/``secretKey`` value masked."""
    if isinstance(data, dict):
        return {
            key: (REDACTED if key in _SECRET_KEYS and value is not None else redact(value))
            for key, value in data.items()
        }
    if isinstance(data, list):
        return [redact(item) for item in data]
    return data


def to_json(value: Any, *, show_secrets: bool = False) -> Any:
    """Turn a model (or plain data holding models) into JSON-ready data with the wire's names."""
    data = unstructure(value)
    return data if show_secrets else redact(data)


def json_line(value: Any, *, show_secrets: bool = False) -> str:
    """One compact JSON document on one line (a JSON-lines record)."""
    return json.dumps(to_json(value, show_secrets=show_secrets), ensure_ascii=False)


def cell(value: object) -> str:
    """Show one value in a table cell: ``-`` for nothing, short UTC times, enum values."""
    if value is None or isinstance(value, Unset):
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, dt.datetime):
        return format_datetime(value).replace("T", " ")
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, (list, tuple)):
        return ",".join(cell(item) for item in value) or "-"
    return " ".join(str(value).split())  # one line per row, whatever the text holds


class Column:
    """A table column: its heading and how to read its value from a row."""

    def __init__(self, heading: str, read: Callable[[Any], object], *, limit: int = 60) -> None:
        self.heading = heading
        self.read = read
        self.limit = limit

    def text(self, row: Any) -> str:
        """Return this column's cell for ``row``, cut to ``limit`` characters."""
        text = cell(self.read(row))
        return text if len(text) <= self.limit else text[: self.limit - 1] + "…"


def render_table(columns: Sequence[Column], rows: Iterable[Any]) -> list[str]:
    """Lay rows out under their headings, columns separated by two spaces."""
    grid = [[column.heading for column in columns]]
    grid += [[column.text(row) for column in columns] for row in rows]
    widths = [max(len(line[i]) for line in grid) for i in range(len(columns))]
    return [
        "  ".join(text.ljust(width) for text, width in zip(line, widths, strict=True)).rstrip()
        for line in grid
    ]


def show_listing(
    console: Console, columns: Sequence[Column], rows: Sequence[Any], noun: str, *, as_json: bool
) -> None:
    """Print a listing: one JSON line per row, or a table and a count (``3 session(s)``)."""
    if as_json:
        for row in rows:
            console.out(json_line(row))
        return
    for line in render_table(columns, rows):
        console.out(line)
    console.info(f"{len(rows)} {noun}(s)")


def _session_of(channel: Channel) -> object:
    return channel.current_session_id


CHANNEL_COLUMNS: Sequence[Column] = (
    Column("ID", lambda c: c.id),
    Column("NAME", lambda c: c.name, limit=30),
    Column("STATUS", lambda c: c.status),
    Column("TYPE", lambda c: c.type),
    Column("MODE", lambda c: c.mode),
    Column("TAGS", lambda c: c.tags, limit=30),
    Column("SESSION", _session_of),
    Column("CREATED", lambda c: c.created_at),
)

SESSION_COLUMNS: Sequence[Column] = (
    Column("ID", lambda s: s.id),
    Column("CHANNEL", lambda s: s.channel_id),
    Column("STATUS", lambda s: s.status),
    Column("STARTED", lambda s: s.started_at),
    Column("FINISHED", lambda s: s.finished_at),
    Column("DURATION", lambda s: s.duration),
)

EVENT_COLUMNS: Sequence[Column] = (
    Column("TIME", lambda e: e.created_at),
    Column("ACTION", lambda e: e.action),
    Column("ACTOR", lambda e: e.actor),
    Column("MESSAGE", lambda e: e.message, limit=70),
)


def channel_details(channel: Channel, *, show_secrets: bool) -> list[tuple[str, object]]:
    """Return one channel's fields as ``(label, value)`` pairs, for a two-column view."""
    pairs: list[tuple[str, object]] = [
        ("id", channel.id),
        ("name", channel.name),
        ("description", channel.description),
        ("status", channel.status),
        ("type", channel.type),
        ("mode", channel.mode),
        ("output format", channel.output_format),
        ("tags", channel.tags),
        ("transcode profiles", channel.transcode_profile),
        ("stop timeout", channel.stop_timeout),
        ("catchup", channel.catchup),
        ("record", channel.record),
        ("current session", channel.current_session_id),
        ("rtmp server", channel.input.rtmp_server if channel.input else None),
        ("stream key", channel.input.stream_token if channel.input else None),
        ("live stream url", channel.live_stream_url),
        ("created", channel.created_at),
        ("updated", channel.updated_at),
    ]
    destination = channel.destination_catchup
    if destination is not None and destination.s3 is not None:
        s3 = destination.s3

        def secret(value: str | None) -> object:
            return value if show_secrets or value is None else REDACTED

        pairs += [
            ("catchup s3 endpoint", s3.endpoint),
            ("catchup s3 bucket", s3.bucket),
            ("catchup s3 region", s3.region),
            ("catchup s3 access key", secret(s3.access_key)),
            ("catchup s3 secret key", secret(s3.secret_key)),
        ]
    return pairs


def details_lines(pairs: Sequence[tuple[str, object]]) -> list[str]:
    """Lay ``(label, value)`` pairs out as ``label: value`` lines with aligned values."""
    width = max((len(label) for label, _ in pairs), default=0)
    return [f"{label + ':':<{width + 1}} {cell(value)}" for label, value in pairs]


def session_details(session: Session) -> list[tuple[str, object]]:
    """Return one session's fields as ``(label, value)`` pairs."""
    info = session.client_info
    return [
        ("id", session.id),
        ("name", session.name),
        ("status", session.status),
        ("channel", session.channel_id),
        ("started", session.started_at),
        ("finished", session.finished_at),
        ("duration", session.duration),
        ("encoder ip", info.ip if info else None),
        ("record urls", session.record_urls),
        ("created", session.created_at),
        ("updated", session.updated_at),
    ]


_STREAM_WIDTHS = (24, 12, 6)


def event_stream_header() -> str:
    """Return the heading line of ``events watch``, whose rows print as events arrive."""
    return _stream_line([column.heading for column in EVENT_COLUMNS])


def event_stream_line(event: Event) -> str:
    """Return one event as a row of ``events watch`` (fixed widths: later rows are unknown)."""
    return _stream_line([column.text(event) for column in EVENT_COLUMNS])


def _stream_line(texts: Sequence[str]) -> str:
    padded = [text.ljust(width) for text, width in zip(texts, _STREAM_WIDTHS, strict=False)]
    return "  ".join([*padded, *texts[len(_STREAM_WIDTHS) :]]).rstrip()
