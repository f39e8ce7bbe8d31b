"""The emulator's in-memory records: apps, their credentials, channels, sessions and events."""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any

import attrs

from ._clock import Timer
from ._wire import format_timestamp

__all__ = ["AppState", "Credentials", "SessionState"]


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
        return {
            "name": self.name,
            "status": self.status,
            "appId": self.app_id,
            "recordUrls": [],
            "clientInfo": dict(self.client_info),
            "duration": self.duration(now),
            "isCreateTask": True,
            "channelId": self.channel_id,
            "channel": {"id": self.channel_id, "name": channel_name},
            "id": self.id,
            "events": [],
            "createdAt": format_timestamp(self.created_at),
            "updatedAt": format_timestamp(self.updated_at),
            "startedAt": None if self.started_at is None else format_timestamp(self.started_at),
            "finishedAt": None if self.finished_at is None else format_timestamp(self.finished_at),
        }


@attrs.define(eq=False)
class AppState:
    """One Sigma app: its credentials and its fully separate data."""

    credentials: Credentials
    live_limit: int | None = None
    # Channels are kept as wire dicts; the engine updates their mutable keys in place.
    channels: dict[str, dict[str, Any]] = attrs.field(factory=dict)
    sessions: dict[str, SessionState] = attrs.field(factory=dict)
    events: dict[str, dict[str, Any]] = attrs.field(factory=dict)

    @property
    def app_id(self) -> str:
        """The app's id."""
        return self.credentials.app_id

    def running_sessions(self) -> list[SessionState]:
        """Sessions of this app that have not ended."""
        return [session for session in self.sessions.values() if session.running]
