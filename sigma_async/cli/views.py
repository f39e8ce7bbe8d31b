"""What each resource looks like in a table or a details view (columns, labelled fields)."""

from __future__ import annotations

from collections.abc import Sequence

from ..models import Channel, Event, Session
from ..operations import SECRET_FIELDS
from .output import Column, secret

__all__ = [
    "CHANNEL_COLUMNS",
    "EVENT_COLUMNS",
    "SESSION_COLUMNS",
    "channel_details",
    "event_stream_header",
    "event_stream_line",
    "session_details",
]

CHANNEL_COLUMNS: Sequence[Column] = (
    Column("ID", lambda c: c.id),
    Column("NAME", lambda c: c.name, limit=30),
    Column("STATUS", lambda c: c.status),
    Column("TYPE", lambda c: c.type),
    Column("MODE", lambda c: c.mode),
    Column("TAGS", lambda c: c.tags, limit=30),
    Column("SESSION", lambda c: c.current_session_id),
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


def _is_secret(schema: str, wire_name: str) -> bool:
    return wire_name in SECRET_FIELDS.get(schema, ())


def _s3(value: str | None, wire_name: str, show_secrets: bool) -> object:
    return secret(value, show=show_secrets or not _is_secret("S3Destination", wire_name))


def channel_details(channel: Channel, *, show_secrets: bool) -> list[tuple[str, object]]:
    """Return one channel's fields as ``(label, value)`` pairs, secrets masked unless asked."""
    stream_key: object = channel.input.stream_token if channel.input else None
    if _is_secret("ChannelInput", "streamToken"):
        stream_key = secret(stream_key, show=show_secrets)
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
        ("stream key", stream_key),
        ("live stream url", channel.live_stream_url),
        ("created", channel.created_at),
        ("updated", channel.updated_at),
    ]
    destination = channel.destination_catchup
    if destination is not None and destination.s3 is not None:
        s3 = destination.s3
        pairs += [
            ("catchup s3 endpoint", s3.endpoint),
            ("catchup s3 bucket", s3.bucket),
            ("catchup s3 region", s3.region),
            ("catchup s3 access key", _s3(s3.access_key, "accessKey", show_secrets)),
            ("catchup s3 secret key", _s3(s3.secret_key, "secretKey", show_secrets)),
        ]
    return pairs


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
