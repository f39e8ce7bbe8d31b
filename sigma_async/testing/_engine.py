"""The emulated service's logic: apps, channel operations and the records lists read from."""

from __future__ import annotations

import copy
import random
import uuid
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, TypeVar

from ..operations import LIST_CHANNELS, LIST_EVENTS, LIST_SESSIONS, OPERATIONS
from ._clock import Scheduler
from ._index import ChannelIndex
from ._lifecycle import SessionMachine, Timings
from ._query import ListQuery, Page
from ._store import SETTINGS, AppState, ChannelState, Credentials, SessionState
from ._validation import DEFAULT_PROFILES
from ._wire import ApiError

__all__ = ["CHANNEL_SORTABLE", "EVENT_SORTABLE", "SESSION_SORTABLE", "SORTABLE_FIELDS", "Engine"]

CHANNEL_SORTABLE = frozenset(LIST_CHANNELS.sortable)
SESSION_SORTABLE = frozenset(LIST_SESSIONS.sortable)
EVENT_SORTABLE = frozenset(LIST_EVENTS.sortable)
# What `sort` accepts on each list (scalar fields, dot paths into nested objects), by resource.
SORTABLE_FIELDS: Mapping[str, frozenset[str]] = MappingProxyType(
    {op.resource: frozenset(op.sortable) for op in OPERATIONS.values() if op.sortable}
)

R = TypeVar("R")

_RUNNING_STATES = ("init", "processing", "preparing", "error", "live")


class Engine:
    """Every app's state and the operations of the API on it, with no HTTP involved."""

    def __init__(
        self,
        scheduler: Scheduler,
        *,
        seed: int | None,
        timings: Timings,
        profiles: Mapping[str, str] = DEFAULT_PROFILES,
    ) -> None:
        self.scheduler = scheduler
        self.profiles = dict(profiles)
        self._rng = random.Random(seed)
        self.apps: dict[str, AppState] = {}
        self._indexes: dict[str, ChannelIndex] = {}
        self.sessions = SessionMachine(scheduler, self.new_id, self._rng, timings)

    def new_id(self) -> str:
        """Return a fresh UUID4 string (reproducible when the emulator is seeded)."""
        return str(uuid.UUID(int=self._rng.getrandbits(128), version=4))

    def new_secret(self) -> str:
        """Return a fresh secret key."""
        return f"{self._rng.getrandbits(192):048x}"

    def add_app(self, credentials: Credentials, *, live_limit: int | None = None) -> AppState:
        """Register an app; usernames and app ids must be unique."""
        if credentials.app_id in self.apps:
            raise ValueError(f"app id {credentials.app_id!r} is already registered")
        if any(a.credentials.username == credentials.username for a in self.apps.values()):
            raise ValueError(f"username {credentials.username!r} is already registered")
        app = AppState(credentials, live_limit=live_limit)
        self.apps[credentials.app_id] = app
        return app

    def app_for_username(self, username: str) -> AppState | None:
        """Return the app a username belongs to."""
        for app in self.apps.values():
            if app.credentials.username == username:
                return app
        return None

    # Channels -------------------------------------------------------------------------------

    def create_channel(self, app: AppState, fields: Mapping[str, Any]) -> ChannelState:
        """Create a channel from validated fields; what they leave unset takes its default."""
        channel_id = self.new_id()
        now = self.scheduler.now()
        token = f"{channel_id[:5]}-{self._rng.getrandbits(80):020x}-{channel_id[-5:]}"
        settings = {SETTINGS[key]: copy.deepcopy(value) for key, value in fields.items()}
        channel = ChannelState(
            id=channel_id,
            app_id=app.app_id,
            input_id=self.new_id(),
            stream_token=token,
            revision=app.channel_revision,
            created_at=now,
            updated_at=now,
            **settings,
        )
        app.add_channel(channel)
        return channel

    def channel(self, app: AppState, channel_id: str) -> ChannelState:
        """Return a channel of the app, or raise a 404."""
        return _found(app.channels, channel_id, "Channel")

    def update_channel(
        self, app: AppState, channel_id: str, fields: Mapping[str, Any]
    ) -> tuple[ChannelState, bool]:
        """Apply a partial update; returns the channel and whether anything changed."""
        channel = self.channel(app, channel_id)
        return channel, channel.apply(fields, self.scheduler.now())

    def start_channel(self, app: AppState, channel_id: str) -> tuple[ChannelState, bool]:
        """Make a channel ready for a push; starting an active channel changes nothing."""
        channel = self.channel(app, channel_id)
        if channel.status == "active":
            return channel, False
        channel.set_status("active", self.scheduler.now())
        return channel, True

    def stop_channel(self, app: AppState, channel_id: str) -> tuple[ChannelState, bool]:
        """Stop a channel, ending its running session; stopping an inactive one changes nothing."""
        channel = self.channel(app, channel_id)
        if channel.status != "active":
            return channel, False
        running = channel.current_session_id
        if running is not None and running in app.sessions:
            self.sessions.end(app, app.sessions[running], actor="user")
        channel.set_status("stop", self.scheduler.now())
        return channel, True

    def delete_channel(self, app: AppState, channel_id: str) -> ChannelState:
        """Delete a channel with its ended sessions and their events (409 while one runs)."""
        channel = self.channel(app, channel_id)
        owned = [s for s in app.sessions.values() if s.channel_id == channel_id]
        for session in owned:
            if session.status in _RUNNING_STATES:
                raise ApiError(
                    409,
                    f"Channel {channel_id} cannot be deleted while its session {session.id} is "
                    f"{session.status}; stop the channel first",
                )
        for session in owned:
            self.sessions.cancel(session)
            for event_id in session.event_ids:
                app.events.pop(event_id, None)
            del app.sessions[session.id]
        app.remove_channel(channel_id)
        return channel

    # Sessions and events --------------------------------------------------------------------

    def session(self, app: AppState, session_id: str) -> SessionState:
        """Return a session of the app, or raise a 404."""
        return _found(app.sessions, session_id, "Session")

    def session_wire(self, app: AppState, session: SessionState) -> dict[str, Any]:
        """Render one session record."""
        channel = app.channels.get(session.channel_id)
        name = channel.name if channel is not None else ""
        return session.to_wire(name, self.scheduler.now())

    def channel_page(self, app: AppState, query: ListQuery) -> Page:
        """Answer ``GET /channels`` for the app from its kept list orders."""
        index = self._indexes.get(app.app_id)
        if index is None:
            index = self._indexes[app.app_id] = ChannelIndex(app)
        return index.page(query)

    def channel_docs(self, app: AppState) -> list[dict[str, Any]]:
        """Return copies of the app's channel records, oldest first."""
        return [channel.to_wire() for channel in app.channels.values()]

    def session_docs(self, app: AppState) -> list[dict[str, Any]]:
        """Return the app's session records."""
        return [self.session_wire(app, session) for session in app.sessions.values()]

    def event_docs(self, app: AppState) -> list[dict[str, Any]]:
        """Return copies of the app's event records."""
        return [dict(event) for event in app.events.values()]

    def locate_channel(self, channel_id: str) -> tuple[AppState, ChannelState]:
        """Find a channel in any app (for the test-facing helpers)."""
        for app in self.apps.values():
            if channel_id in app.channels:
                return app, app.channels[channel_id]
        raise LookupError(f"no channel {channel_id!r} in any app")

    def locate_session(self, session_id: str) -> tuple[AppState, SessionState]:
        """Find a session in any app (for the test-facing helpers)."""
        for app in self.apps.values():
            if session_id in app.sessions:
                return app, app.sessions[session_id]
        raise LookupError(f"no session {session_id!r} in any app")


def _found(records: Mapping[str, R], record_id: str, noun: str) -> R:
    """Return the app's record with this id, or raise the service's 404 naming it."""
    record = records.get(record_id)
    if record is None:
        raise ApiError(404, f"{noun} {record_id} not found")
    return record
