"""The emulator's in-memory records: apps, their credentials, channels, sessions and events."""

from __future__ import annotations

import base64
import copy
import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from types import MappingProxyType
from typing import Any

import attrs

from ._clock import Timer
from ._wire import format_timestamp

__all__ = [
    "SETTINGS",
    "AppState",
    "ChannelState",
    "Credentials",
    "Revision",
    "SessionRecord",
    "SessionState",
]

# The settings a create or update may carry: wire name -> ChannelState attribute. ``machine`` and
# ``destinationCatchup`` are left out of the wire record while unset (guide section 3).
SETTINGS: Mapping[str, str] = MappingProxyType(
    {
        "name": "name",
        "description": "description",
        "tags": "tags",
        "transcodeProfile": "transcode_profile",
        "type": "type",
        "mode": "mode",
        "stopTimeout": "stop_timeout",
        "catchup": "catchup",
        "destinationCatchup": "destination_catchup",
        "record": "record",
        "interaction": "interaction",
        "outputFormat": "output_format",
        "machine": "machine",
    }
)
_MEDIA_HOST = "127.0.0.1"


@attrs.frozen
class Credentials:
    """What a Sigma app's user gets from the console: username, secret key and app id.

    ``repr`` hides the secret key, so the object can be logged safely.
    """

    username: str
    secret_key: str = attrs.field(repr=False)
    app_id: str

    def headers(self) -> dict[str, str]:
        """Return the ``Authorization`` and ``X-App-Id`` headers these credentials send."""
        token = base64.b64encode(f"{self.username}:{self.secret_key}".encode()).decode("ascii")
        return {"Authorization": f"Basic {token}", "X-App-Id": self.app_id}


class Revision:
    """A counter that moves on every change to a set of records, so caches know they are stale."""

    __slots__ = ("value",)

    def __init__(self) -> None:
        self.value = 0

    def bump(self) -> None:
        """Record a change."""
        self.value += 1


@attrs.define(eq=False)
class ChannelState:
    """One live channel: its settings, status and input, with a lazily built wire view.

    Change it only through :meth:`apply`, :meth:`set_status` and :meth:`set_session`, which
    keep :attr:`updated_at` and the cached view right; :meth:`view` is shared, never mutated.
    """

    id: str
    app_id: str
    input_id: str
    stream_token: str
    revision: Revision = attrs.field(repr=False)
    """The app's channel revision, bumped by every change (list indexes follow it)."""
    created_at: dt.datetime
    updated_at: dt.datetime
    name: str
    description: str | None = None
    tags: list[str] = attrs.field(factory=list)
    transcode_profile: list[str] = attrs.field(factory=list)
    type: str = "transcode"
    mode: str = "normal"
    stop_timeout: int = 30
    catchup: bool = False
    destination_catchup: dict[str, Any] | None = None
    record: bool = False
    interaction: bool = False
    output_format: str = "hls"
    machine: dict[str, Any] | None = None
    status: str = "idle"
    current_session_id: str | None = None
    rtmp_server: str = f"rtmp://{_MEDIA_HOST}:1935/livestream"
    _view: dict[str, Any] | None = attrs.field(default=None, init=False, repr=False)

    @property
    def live_stream_url(self) -> str:
        """Where players fetch the stream (the manifest follows the output format)."""
        manifest = "manifest.mpd" if self.output_format == "dash" else "master.m3u8"
        return f"http://{_MEDIA_HOST}:8080/manifest/{self.id}/{manifest}"

    def setting(self, wire_name: str) -> Any:
        """Return a setting by its wire name (``stopTimeout``)."""
        return getattr(self, SETTINGS[wire_name])

    def apply(self, settings: Mapping[str, Any], now: dt.datetime) -> bool:
        """Set validated settings (wire names) that differ; returns whether any changed."""
        changes = {k: v for k, v in settings.items() if self.setting(k) != v}
        for wire_name, value in changes.items():
            setattr(self, SETTINGS[wire_name], copy.deepcopy(value))
        if changes:
            self._touch(now)
        return bool(changes)

    def set_status(self, status: str, now: dt.datetime) -> None:
        """Move the channel to ``status`` (``idle``, ``active``, ``stop``)."""
        self.status = status
        self._touch(now)

    def set_session(self, session_id: str | None, now: dt.datetime) -> None:
        """Record the running session (None when it ended)."""
        self.current_session_id = session_id
        self._touch(now)

    def view(self) -> dict[str, Any]:
        """Return the channel as the service sends it, built once per change and shared.

        Never mutate it; :meth:`to_wire` gives a copy.
        """
        if self._view is None:
            self._view = self._render()
        return self._view

    def to_wire(self) -> dict[str, Any]:
        """Return a fresh copy of the wire record (guide section 3)."""
        return copy.deepcopy(self.view())

    def _touch(self, now: dt.datetime) -> None:
        self.updated_at = now
        self._view = None
        self.revision.bump()

    def _render(self) -> dict[str, Any]:
        wire: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "description": self.description,
            "tags": copy.deepcopy(self.tags),
            "appId": self.app_id,
            "inputId": self.input_id,
            "transcodeProfile": copy.deepcopy(self.transcode_profile),
            "type": self.type,
            "mode": self.mode,
            "stopTimeout": self.stop_timeout,
            "catchup": self.catchup,
        }
        if self.destination_catchup is not None:
            wire["destinationCatchup"] = copy.deepcopy(self.destination_catchup)
        wire.update(
            record=self.record,
            interaction=self.interaction,
            outputFormat=self.output_format,
            status=self.status,
        )
        if self.machine is not None:
            wire["machine"] = copy.deepcopy(self.machine)
        wire.update(
            createdAt=format_timestamp(self.created_at),
            updatedAt=format_timestamp(self.updated_at),
            currentSessionId=self.current_session_id,
            input={"streamToken": self.stream_token, "rtmpServer": self.rtmp_server},
            liveStreamUrl=self.live_stream_url,
        )
        return wire


@attrs.define(eq=False)
class SessionState:
    """One run of a channel, with the bookkeeping its wire record is derived from."""

    id: str
    app_id: str
    channel_id: str
    name: str
    status: str
    client_info: dict[str, Any]
    created_at: dt.datetime
    updated_at: dt.datetime
    started_at: dt.datetime | None = None
    finished_at: dt.datetime | None = None
    # Seconds spent live before the current live stretch; `live_since` opens that stretch.
    live_seconds: float = 0.0
    live_since: dt.datetime | None = None
    # The pending automatic transition or stop timeout, if any.
    timer: Timer | None = None
    event_ids: list[str] = attrs.field(factory=list)
    last_event_at: dt.datetime | None = None

    @property
    def running(self) -> bool:
        """Whether the session has not ended."""
        return self.status != "ended"

    def duration(self, now: dt.datetime) -> int:
        """Whole seconds the session has been live so far."""
        total = self.live_seconds
        if self.live_since is not None:
            total += (now - self.live_since).total_seconds()
        return int(total)

    def to_wire(self, channel_name: str, now: dt.datetime) -> dict[str, Any]:
        """Render the session record as the service sends it (guide section 7)."""
        return SessionRecord(self, channel_name, now).to_wire()


def _timestamp_or_none(moment: dt.datetime | None) -> str | None:
    return None if moment is None else format_timestamp(moment)


_SessionField = Callable[[SessionState, str, dt.datetime], Any]
# Each wire field of a session, in the order the service sends them, from the session, its
# channel's name and the clock (``duration`` moves with it, so a record is never kept).
_SESSION_FIELDS: Mapping[str, _SessionField] = MappingProxyType(
    {
        "name": lambda session, _name, _now: session.name,
        "status": lambda session, _name, _now: session.status,
        "appId": lambda session, _name, _now: session.app_id,
        "recordUrls": lambda _session, _name, _now: [],
        "clientInfo": lambda session, _name, _now: dict(session.client_info),
        "duration": lambda session, _name, now: session.duration(now),
        "isCreateTask": lambda _session, _name, _now: True,
        "channelId": lambda session, _name, _now: session.channel_id,
        "channel": lambda session, name, _now: {"id": session.channel_id, "name": name},
        "id": lambda session, _name, _now: session.id,
        "events": lambda _session, _name, _now: [],
        "createdAt": lambda session, _name, _now: format_timestamp(session.created_at),
        "updatedAt": lambda session, _name, _now: format_timestamp(session.updated_at),
        "startedAt": lambda session, _name, _now: _timestamp_or_none(session.started_at),
        "finishedAt": lambda session, _name, _now: _timestamp_or_none(session.finished_at),
    }
)


class SessionRecord(Mapping[str, Any]):
    """A session's wire record at one instant, each field derived only when it is read.

    A list filters and sorts these (reading the fields its ``q`` and ``sort`` name), then
    renders only its page's records with :meth:`to_wire`: a list costs what its page costs.
    """

    __slots__ = ("_channel_name", "_now", "_session")

    def __init__(self, session: SessionState, channel_name: str, now: dt.datetime) -> None:
        self._session = session
        self._channel_name = channel_name
        self._now = now

    def __getitem__(self, key: str) -> Any:
        return _SESSION_FIELDS[key](self._session, self._channel_name, self._now)

    def __iter__(self) -> Iterator[str]:
        return iter(_SESSION_FIELDS)

    def __len__(self) -> int:
        return len(_SESSION_FIELDS)

    def to_wire(self) -> dict[str, Any]:
        """Render the whole record as the service sends it (guide section 7)."""
        return {
            key: field(self._session, self._channel_name, self._now)
            for key, field in _SESSION_FIELDS.items()
        }


@attrs.define(eq=False)
class AppState:
    """One Sigma app: its credentials and its fully separate data."""

    credentials: Credentials
    live_limit: int | None = None
    channels: dict[str, ChannelState] = attrs.field(factory=dict)
    channel_revision: Revision = attrs.field(factory=Revision)
    sessions: dict[str, SessionState] = attrs.field(factory=dict)
    events: dict[str, dict[str, Any]] = attrs.field(factory=dict)

    @property
    def app_id(self) -> str:
        """The app's id."""
        return self.credentials.app_id

    def add_channel(self, channel: ChannelState) -> None:
        """Store a new channel."""
        self.channels[channel.id] = channel
        self.channel_revision.bump()

    def remove_channel(self, channel_id: str) -> None:
        """Forget a channel."""
        del self.channels[channel_id]
        self.channel_revision.bump()

    def channel_name(self, channel_id: str) -> str:
        """Return a channel's name as its sessions show it ("" once the channel is deleted)."""
        channel = self.channels.get(channel_id)
        return "" if channel is None else channel.name

    def session_records(self, now: dt.datetime) -> list[SessionRecord]:
        """Return the app's sessions as lazily derived wire records at ``now``, oldest first."""
        return [
            SessionRecord(session, self.channel_name(session.channel_id), now)
            for session in self.sessions.values()
        ]

    def running_sessions(self) -> list[SessionState]:
        """Sessions of this app that have not ended."""
        return [session for session in self.sessions.values() if session.running]
