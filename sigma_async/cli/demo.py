"""``sigma-async demo``: a full channel lifecycle, as a user would run it, narrated.

Without an account it runs against an embedded emulator on loopback, whose clock runs
``--speed`` times faster so the whole lifecycle takes a few seconds, and whose simulated
encoder publishes to each channel. With an account (flags, ``SIGMA_*`` or ``--env-file``) it
runs the same steps against that account, asking before it changes anything; steps only the
emulator can perform (an encoder pushing, an input dropping) are explained instead.
"""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Final

import attrs
import click

from .. import Channel, ChannelCreate, ChannelType, Event, Session, SessionStatus, SigmaClient
from ..bulk import DEFAULT_CONCURRENCY, BulkResult
from .credentials import account_settings
from .demo_report import DemoReport
from .exits import EXIT_API_ERROR, EXIT_OK
from .options import AT_LEAST_ONE, POSITIVE, common_options, poll_interval_option, speed_option
from .progress import ProgressBar
from .runner import Run, account_client, plain_command
from .views import CHANNEL_COLUMNS, EVENT_COLUMNS, SESSION_COLUMNS

if TYPE_CHECKING:
    from ..testing import SigmaEmulator

__all__ = ["Demo", "DemoSettings", "demo"]

_SHOWN_ROWS = 10  # longer tables are cut: the counts tell the rest
_REAL_POLL = 2.0
_WATCH_GRACE = 10.0  # seconds for the watcher to see "ended" once the channels are stopped
# A bulk step's action -> how its progress bar and its count say it.
_BULK_VERBS: Final = {
    "start": ("starting", "started"),
    "stop": ("stopping", "stopped"),
    "delete": ("deleting", "deleted"),
}


@attrs.frozen(kw_only=True)
class DemoSettings:
    """What the demo was asked to do (its own flags; --json and --yes are the run's)."""

    channels: int
    concurrency: int
    speed: float
    poll_interval: float | None
    emulator: bool
    live_timeout: float | None


_EPILOG = """\b
Examples:
  sigma-async demo
  sigma-async demo --channels 100 --json
  sigma-async --profile staging demo --live-timeout 120   # your account: asks first"""


@click.command("demo", epilog=_EPILOG)
@click.option("--channels", type=AT_LEAST_ONE, default=20, show_default=True, metavar="N")
@click.option(
    "--concurrency", type=AT_LEAST_ONE, default=DEFAULT_CONCURRENCY, show_default=True, metavar="N"
)
@speed_option(50.0)
@poll_interval_option("seconds between status polls (default 2, or 0.02 on the emulator)")
@click.option(
    "--emulator", is_flag=True, help="use the embedded emulator even when an account is configured"
)
@click.option(
    "--live-timeout",
    type=POSITIVE,
    metavar="S",
    help="against a real account: wait up to S seconds for your encoders to go live",
)
@common_options
@plain_command
async def demo(run: Run, /, **params: Any) -> int:
    """Run a full channel lifecycle (the embedded emulator without an account)."""
    return await run_demo(run, DemoSettings(**params))


async def run_demo(run: Run, args: DemoSettings) -> int:
    """Run the demo; 0 when every step succeeded."""
    if args.emulator or not account_settings(run.options).has_account:
        # Imported here: the emulator (aiohttp's server side) is only needed by the demo.
        from ..testing import SigmaEmulator

        async with (
            SigmaEmulator(clock="real", speed=args.speed) as emulator,
            emulator.client() as client,
        ):
            return await Demo(client, run, args, emulator=emulator).run()
    async with account_client(run) as client:
        return await Demo(client, run, args, emulator=None).run()


class Demo:
    """The demo's steps; ``emulator`` is None against a real account."""

    def __init__(
        self,
        client: SigmaClient,
        run: Run,
        args: DemoSettings,
        *,
        emulator: SigmaEmulator | None,
    ) -> None:
        self.client = client
        self.options = run.options
        self.target = run.where(client)  # what a prompt names
        self.console = run.console
        self.args = args
        self.emulator = emulator
        self.tag = f"sigma-async-demo-{secrets.token_hex(3)}"
        self.report = DemoReport(run.console, as_json=run.json)
        default_poll = 0.02 if emulator is not None else _REAL_POLL
        self.poll = default_poll if args.poll_interval is None else args.poll_interval
        self.cleaned_up = False

    @property
    def real(self) -> bool:
        """Whether the demo runs against a real account."""
        return self.emulator is None

    async def _confirm(self, question: str) -> None:
        await self.console.confirm(question, assume_yes=self.options.yes, target=self.target)

    def _bar(self, title: str) -> ProgressBar:
        return ProgressBar(
            self.console, title, enabled=self.console.interactive and not self.options.json
        )

    async def _bulk(
        self, title: str, call: Any, *arguments: Any, **options: Any
    ) -> BulkResult[Any, Any]:
        """Run a bulk call with the demo's concurrency and, on a terminal, a progress bar."""
        bar = self._bar(title)
        try:
            result: BulkResult[Any, Any] = await call(
                *arguments, concurrency=self.args.concurrency, on_progress=bar, **options
            )
            return result
        finally:
            bar.close()

    async def run(self) -> int:
        """Run every step, then print the summary; channels are cleaned up on the way out."""
        report = self.report
        where = (
            f"{self.client.base_url} (app {self.client.app_id})"
            if self.real
            else f"{self.client.base_url} (embedded emulator, time x{self.args.speed:g})"
        )
        report.banner(
            f"sigma-async demo: a full channel lifecycle against "
            f"{'your account' if self.real else 'the embedded emulator'}",
            [
                ("server", where),
                ("channels", f"{self.args.channels}, tagged {self.tag}"),
                ("concurrency", str(self.args.concurrency)),
            ],
        )
        if self.real:
            await self._confirm(
                f"Create {self.args.channels} channels tagged {self.tag} in app "
                f"{self.client.app_id}, start them, then stop and delete them?"
            )
        watcher: asyncio.Future[list[tuple[float, Event]]] | None = None
        try:
            channels = await self.create()
            await self.start(channels)
            sessions = await self.publish(channels)
            if sessions:
                live = await self.wait_live(sessions)
                await self.list_sessions(channels)
                watched = next((sid for sid in sessions.values() if sid in live), None)
                if watched is not None:
                    watcher = asyncio.ensure_future(self.watch(watched))
                    await self.list_events(watched)
                    await self.interrupt_and_recover(watched)
            await self.stop(channels)
            if watcher is not None:
                await self.finish_watch(watcher)
            await self.delete(channels)
        finally:
            if watcher is not None and not watcher.done():
                watcher.cancel()
            # Creating may have begun (and been interrupted) even if no channel was returned.
            if self.real and self.report.phases_started and not self.cleaned_up:
                report.cleanup_hint(self.tag)
        return EXIT_OK if report.finish() else EXIT_API_ERROR

    async def create(self) -> list[Channel]:
        """Step 1: create the channels concurrently."""
        count = self.args.channels
        self.report.step(f"Create {count} channels concurrently", "client.channels.bulk_create")
        width = len(str(count))
        requests = [
            ChannelCreate(
                name=f"{self.tag[-6:]}-demo-{n:0{width}d}",
                description="created by sigma-async demo",
                tags=[self.tag],
                type=ChannelType.TRANSCODE,
                # The interrupt step must recover before this ends the session: 300 s is
                # 6 s of real time at the default speed, room for a busy machine.
                stop_timeout=300,
            )
            for n in range(1, count + 1)
        ]
        result = await self._bulk("creating", self.client.channels.bulk_create, requests)
        self.report.bulk("create", result, noun="channels", verb="created")
        channels = result.values
        self.report.table(CHANNEL_COLUMNS, channels, limit=_SHOWN_ROWS)
        return channels

    async def start(self, channels: Sequence[Channel]) -> None:
        """Step 2: start them (the opening question covered it)."""
        await self._each("start", channels)

    async def _each(self, action: str, channels: Sequence[Channel], *, ask: bool = False) -> None:
        """One step over every demo channel: ``client.channels.bulk_<action>``, as narrated.

        With ``ask``, a real account is asked first.
        """
        doing, done = _BULK_VERBS[action]
        self.report.step(
            f"{action.capitalize()} the {len(channels)} channels", f"client.channels.bulk_{action}"
        )
        if ask and self.real:
            await self._confirm(
                f"{action.capitalize()} the {len(channels)} demo channels (tag {self.tag})?"
            )
        result = await self._bulk(doing, getattr(self.client.channels, f"bulk_{action}"), channels)
        self.report.bulk(action, result, noun="channels", verb=done)

    async def publish(self, channels: Sequence[Channel]) -> dict[str, str]:
        """Step 3: an encoder pushes to each channel; returns channel id -> session id."""
        if self.emulator is not None:
            self.report.step(
                "An encoder starts pushing to each channel", "emulated: emulator.publish"
            )
            loop = asyncio.get_running_loop()
            began = loop.time()
            sessions = {channel.id: self.emulator.publish(channel.id) for channel in channels}
            self.report.phase("publish", len(channels), len(sessions), 0, loop.time() - began)
            self.report.line(f"{len(sessions)} sessions opened (status init)")
            return sessions
        self.report.step("Encoders push to the channels", "your encoder (OBS, ffmpeg...)")
        first = await self.client.channels.get(channels[0].id) if channels else None
        if first is not None and first.input is not None:
            self.report.line(
                f"push RTMP to {first.input.rtmp_server} with the channel's stream key "
                f"(`sigma-async channels get ID` shows it); first channel: {first.id}"
            )
        if self.args.live_timeout is None:
            self.report.skip(
                "no encoder can be simulated on a real account: the live, sessions, events and "
                "interrupt steps are skipped (pass --live-timeout S and start your encoders)"
            )
            return {}
        return await self._await_encoders()

    async def _await_encoders(self) -> dict[str, str]:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + (self.args.live_timeout or 0.0)
        sessions: dict[str, str] = {}
        while True:
            listed = await self.client.channels.list(tags=[self.tag]).to_list()
            sessions = {
                channel.id: channel.current_session_id
                for channel in listed
                if isinstance(channel.current_session_id, str)
            }
            if len(sessions) == len(listed) or loop.time() >= deadline:
                break
            await asyncio.sleep(self.poll)
        self.report.line(f"{len(sessions)} of the channels have a session")
        return sessions

    async def wait_live(self, sessions: dict[str, str]) -> set[str]:
        """Step 4: wait until every session is live; returns the live ones."""
        self.report.step(
            f"Wait until the {len(sessions)} sessions are live",
            "client.sessions.wait_for_status, through client.bulk",
        )
        timeout = 60.0 if self.emulator is not None else float(self.args.live_timeout or 60.0)

        async def wait(session_id: str) -> SessionStatus:
            return await self.client.sessions.wait_for_status(
                session_id, {"live"}, timeout=timeout, poll_interval=self.poll
            )

        result = await self._bulk(
            "waiting", self.client.bulk, wait, list(sessions.values()), key=lambda sid: sid
        )
        self.report.bulk("wait live", result, noun="sessions", verb="live")
        return {outcome.item for outcome in result.succeeded}

    async def list_sessions(self, channels: Sequence[Channel]) -> None:
        """Step 5: list each channel's sessions through the async paginator."""
        self.report.step(
            "List the sessions", "async for session in client.sessions.list(channel_id)"
        )
        loop = asyncio.get_running_loop()
        began = loop.time()

        async def sessions_of(channel: Channel) -> list[Session]:
            return [session async for session in self.client.sessions.list(channel.id)]

        result = await self.client.bulk(sessions_of, channels, concurrency=self.args.concurrency)
        found = [session for listed in result.values for session in listed]
        self.report.phase(
            "list sessions",
            len(channels),
            len(result.succeeded),
            len(result.failed),
            loop.time() - began,
        )
        self.report.table(SESSION_COLUMNS, found, limit=_SHOWN_ROWS)

    async def list_events(self, session_id: str) -> None:
        """Step 6: one session's events through the async paginator."""
        self.report.step(
            f"Events of session {session_id}", "async for event in client.events.list(session_id)"
        )
        loop = asyncio.get_running_loop()
        began = loop.time()
        events = [event async for event in self.client.events.list(session_id)]
        events.reverse()  # the service answers newest first
        self.report.phase("list events", 1, 1, 0, loop.time() - began)
        self.report.table(EVENT_COLUMNS, events)

    async def interrupt_and_recover(self, session_id: str) -> None:
        """Step 7: the encoder's input drops, then comes back (emulator only)."""
        self.report.step(
            f"Interrupt and recover session {session_id}", "emulator.interrupt / emulator.recover"
        )
        if self.emulator is None:
            self.report.skip(
                "only the emulator can drop an encoder's input; stop and restart your encoder "
                "to see `unpublished`/`republished` events"
            )
            return
        loop = asyncio.get_running_loop()
        began = loop.time()
        wait = self.client.sessions.wait_for_status
        self.emulator.interrupt(session_id)
        lost = await wait(session_id, {"error", "preparing"}, timeout=30, poll_interval=self.poll)
        self.report.line(f"input lost:     live -> {lost.value}")
        self.emulator.recover(session_id)
        back = await wait(session_id, {"live"}, timeout=30, poll_interval=self.poll)
        self.report.line(f"input restored: {lost.value} -> {back.value}")
        self.report.phase("interrupt+recover", 1, 1, 0, loop.time() - began)

    async def watch(self, session_id: str) -> list[tuple[float, Event]]:
        """Follow one session's events live (``client.events.watch``) until it ends."""
        loop = asyncio.get_running_loop()
        began = loop.time()
        seen: list[tuple[float, Event]] = []
        async for event in self.client.events.watch(session_id, poll_interval=self.poll):
            seen.append((loop.time() - began, event))
        return seen

    async def finish_watch(self, watcher: asyncio.Future[list[tuple[float, Event]]]) -> None:
        """Print what the watcher saw once the session ended (it stops on ``ended``)."""
        grace = _WATCH_GRACE if self.emulator is not None else 3 * _REAL_POLL + _WATCH_GRACE
        try:
            seen = await asyncio.wait_for(watcher, grace)
        except asyncio.TimeoutError:
            self.report.line(f"the watched session did not end within {grace:g} s")
            return
        self.report.watched(seen)

    async def stop(self, channels: Sequence[Channel]) -> None:
        """Step 8: stop every channel, ending the sessions."""
        await self._each("stop", channels, ask=True)

    async def delete(self, channels: Sequence[Channel]) -> None:
        """Step 9: delete every channel, then check that none is left."""
        await self._each("delete", channels, ask=True)
        left = await self.client.channels.list(tags=[self.tag]).to_list()
        self.report.line(f"{len(left)} channels tagged {self.tag} left")
        self.cleaned_up = not left
        if left:
            self.report.failed_check("channels left after delete", len(left))
