"""Sessions and their events, following the console's state machine (api-facts.md).

push input -> ``init`` (events ``init``, ``published``) -> ``processing`` (``process``) ->
``live`` (``stable``). Losing the input (``unpublished``, ``unstable``) moves ``processing`` to
``preparing`` and ``live`` to ``error``; getting it back (``republished``, ``stable``) returns to
``live``. A session ends (``ended``) when the user stops the channel (actor ``user``) or when the
channel's ``stopTimeout`` runs out after the input was lost (no actor: the system did it).
"""

from __future__ import annotations

import datetime as dt
import random
import string
from collections.abc import Callable
from typing import Any

import attrs

from ._clock import Scheduler
from ._store import AppState, ChannelState, SessionState
from ._wire import format_timestamp

__all__ = ["EVENT_MESSAGES", "EmulatorError", "LiveQuotaError", "SessionMachine", "Timings"]

_ONE_MS = dt.timedelta(milliseconds=1)

EVENT_MESSAGES: dict[str, str] = {
    "init": "Khởi tạo phiên live",
    "published": "Đã nhận tín hiệu từ encoder",
    "process": "Đang xử lý tín hiệu",
    "stable": "Kênh ổn định",
    "unpublished": "Mất tín hiệu từ encoder",
    "unstable": "Kênh không ổn định",
    "republished": "Đã nhận lại tín hiệu từ encoder",
    "ended": "Kênh đã kết thúc",
}


def _millis(moment: dt.datetime) -> dt.datetime:
    """Return the instant as the wire shows it: cut to the millisecond."""
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


class EmulatorError(Exception):
    """A test drove the emulator into something the real service could not do."""


class LiveQuotaError(EmulatorError):
    """The encoder's push was refused: the app already runs its quota of live channels.

    The API calls are unaffected (the channel starts fine); the push into it fails and no
    session is created, as api-facts.md's "Quotas" says.
    """


@attrs.frozen
class Timings:
    """Virtual seconds the simulated encoder pipeline takes between session states."""

    init_to_processing: float = 2.0
    processing_to_live: float = 3.0

    @property
    def to_live(self) -> float:
        """Seconds from a push to a live session."""
        return self.init_to_processing + self.processing_to_live


class SessionMachine:
    """Creates sessions and moves them through their states, writing events as it goes."""

    def __init__(
        self,
        scheduler: Scheduler,
        new_id: Callable[[], str],
        rng: random.Random,
        timings: Timings,
    ) -> None:
        self._scheduler = scheduler
        self._new_id = new_id
        self._rng = rng
        self.timings = timings

    def publish(self, app: AppState, channel: ChannelState, *, live: bool, ip: str) -> SessionState:
        """Simulate an encoder starting to push into ``channel``; returns the new session."""
        if channel.status != "active":
            raise EmulatorError(
                f"channel {channel.id} is {channel.status!r}: start it before pushing"
            )
        if channel.current_session_id is not None:
            raise EmulatorError(
                f"channel {channel.id} already has a running session {channel.current_session_id}"
            )
        if app.live_limit is not None and len(app.running_sessions()) >= app.live_limit:
            raise LiveQuotaError(
                f"app {app.app_id} already runs {app.live_limit} live channels (its quota)"
            )
        now = self._scheduler.now()
        session = SessionState(
            id=self._new_id(),
            app_id=app.app_id,
            channel_id=channel.id,
            name=f"{channel.name}_{now:%Y-%m-%d-%H:%M:%S}",
            status="init",
            client_info=self._client_info(channel, ip),
            created_at=now,
            updated_at=now,
        )
        app.sessions[session.id] = session
        channel.set_session(session.id, now)
        self._event(app, session, "init")
        self._event(app, session, "published")
        if live:
            self._to_processing(app, session)
            self._go_live(app, session)
        else:
            self._after(
                self.timings.init_to_processing, session, lambda: self._to_processing(app, session)
            )
        return session

    def interrupt(self, app: AppState, session: SessionState) -> None:
        """Simulate the encoder's input dropping; the stop timeout starts counting."""
        _require_status(session, ("processing", "live"), "lose its input")
        self._cancel_timer(session)
        self._close_live_stretch(session)
        self._event(app, session, "unpublished")
        self._event(app, session, "unstable")
        self._set_status(session, "preparing" if session.status == "processing" else "error")
        timeout = app.channels[session.channel_id].stop_timeout
        self._after(timeout, session, lambda: self.end(app, session, actor=None))

    def recover(self, app: AppState, session: SessionState) -> None:
        """Simulate the encoder's input coming back: the session is live again."""
        _require_status(session, ("preparing", "error"), "recover")
        self._cancel_timer(session)
        self._event(app, session, "republished")
        self._go_live(app, session)

    def end(self, app: AppState, session: SessionState, *, actor: str | None) -> None:
        """End a running session (the user stopped the channel, or the timeout ran out)."""
        if not session.running:
            return
        self._cancel_timer(session)
        self._close_live_stretch(session)
        now = self._scheduler.now()
        session.finished_at = now
        self._set_status(session, "ended")
        self._event(app, session, "ended", actor=actor)
        channel = app.channels.get(session.channel_id)
        if channel is not None and channel.current_session_id == session.id:
            channel.set_session(None, now)

    def cancel(self, session: SessionState) -> None:
        """Drop a session's pending timer (its channel is going away)."""
        self._cancel_timer(session)

    def _to_processing(self, app: AppState, session: SessionState) -> None:
        self._set_status(session, "processing")
        self._event(app, session, "process")
        self._after(self.timings.processing_to_live, session, lambda: self._go_live(app, session))

    def _go_live(self, app: AppState, session: SessionState) -> None:
        self._cancel_timer(session)
        now = self._scheduler.now()
        self._event(app, session, "stable")
        if session.started_at is None:
            session.started_at = now
        session.live_since = now
        self._set_status(session, "live")

    def _after(self, seconds: float, session: SessionState, action: Callable[[], None]) -> None:
        self._cancel_timer(session)
        session.timer = self._scheduler.call_later(seconds, action)

    def _cancel_timer(self, session: SessionState) -> None:
        if session.timer is not None:
            session.timer.cancel()
            session.timer = None

    def _close_live_stretch(self, session: SessionState) -> None:
        if session.live_since is not None:
            now = self._scheduler.now()
            session.live_seconds += (now - session.live_since).total_seconds()
            session.live_since = None

    def _set_status(self, session: SessionState, status: str) -> None:
        session.status = status
        session.updated_at = self._scheduler.now()

    def _event(
        self, app: AppState, session: SessionState, action: str, *, actor: str | None = None
    ) -> None:
        # Events of one session get distinct, increasing times on the wire, whose unit is the
        # millisecond (1 ms apart when they fall within one), as the service's do, so sorting by
        # time keeps their order. Ties across sessions are ordered by insertion (see _query).
        now = self._scheduler.now()
        last = session.last_event_at
        moment = now if last is None or _millis(now) > _millis(last) else last + _ONE_MS
        session.last_event_at = moment
        stamp = format_timestamp(moment)
        event: dict[str, Any] = {} if actor is None else {"actor": actor}
        event.update(
            action=action,
            sessionId=session.id,
            id=self._new_id(),
            createdAt=stamp,
            updatedAt=stamp,
            message=EVENT_MESSAGES[action],
        )
        app.events[event["id"]] = event
        session.event_ids.append(event["id"])
        session.updated_at = self._scheduler.now()

    def _client_info(self, channel: ChannelState, ip: str) -> dict[str, Any]:
        alphabet = string.ascii_lowercase + string.digits
        return {
            "action": "on_publish",
            "stream": channel.stream_token,
            "ip": ip,
            "client_id": "".join(self._rng.choices(alphabet, k=8)),
            "param": "",
            "tcUrl": channel.rtmp_server,
            "ips": [],
            "app": "livestream",
            "stream_id": "vid-" + "".join(self._rng.choices(alphabet, k=7)),
        }


def _require_status(session: SessionState, allowed: tuple[str, ...], action: str) -> None:
    """Refuse a simulated encoder event the session's status does not allow."""
    if session.status not in allowed:
        raise EmulatorError(
            f"session {session.id} is {session.status!r}: only a {' or '.join(allowed)} "
            f"session can {action}"
        )
