"""``sigma-async sessions ...`` and ``sigma-async events ...``."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import click

from .. import SigmaClient
from ..operations import ENUMS
from .exits import EXIT_OK
from .options import NOT_NEGATIVE, POSITIVE, SigmaGroup, common_options, poll_interval_option
from .output import Column, details_lines, json_document, json_line
from .runner import Run, client_command
from .views import (
    EVENT_COLUMNS,
    SESSION_COLUMNS,
    event_stream_header,
    event_stream_line,
    session_details,
)

__all__ = ["events", "sessions"]

_DEFAULT_POLL_INTERVAL = 2.0


def _example(group: str, *lines: str) -> str:
    return "\b\nExamples:\n" + "\n".join(f"  sigma-async {group} {line}" for line in lines)


_Handler = Callable[..., Awaitable[int]]
_Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]


@click.group(
    cls=SigmaGroup, epilog=_example("sessions", "list --channel CHANNEL_ID", "wait SESSION_ID")
)
@common_options
def sessions() -> None:
    """Sessions: one per encoder push."""


@sessions.command("list", epilog=_example("sessions", "list --channel CHANNEL_ID --limit 5"))
@click.option("--channel", "channel_id", metavar="ID", help="only this channel's sessions")
@click.option("--limit", type=NOT_NEGATIVE, metavar="N", help="stop after N sessions")
@common_options
@client_command
async def list_sessions(
    run: Run, client: SigmaClient, channel_id: str | None, limit: int | None
) -> int:
    """List sessions, newest first."""
    rows = await client.sessions.list(channel_id).to_list(limit=limit)
    _listing(run, rows, SESSION_COLUMNS, "session")
    return EXIT_OK


def _listing(run: Run, rows: Sequence[Any], columns: Sequence[Column], noun: str) -> None:
    if run.quiet:
        for row in rows:
            run.console.out(str(getattr(row, "id", "")))
    elif run.json:
        for row in rows:
            run.console.out(json_line(row))
    else:
        run.console.table(columns, rows)
        run.console.info(f"{len(rows)} {noun}(s)")


def _one_session_command(
    name: str, example: str, *options: _Decorator
) -> Callable[[_Handler], click.Command]:
    """Declare ``sessions NAME ID``: the session's ID, then ``options``, then the common options.

    The handler acts on the account's client (:func:`client_command`); ``example`` is the
    command line of the help's example, after ``sigma-async sessions``.
    """

    def declare(handler: _Handler) -> click.Command:
        callback: Callable[..., Any] = common_options(client_command(handler))
        for option in reversed(options):
            callback = option(callback)
        callback = click.argument("session_id", metavar="ID")(callback)
        return sessions.command(name, epilog=_example("sessions", example))(callback)

    return declare


@_one_session_command("get", "get SESSION_ID --json")
async def get_session(run: Run, client: SigmaClient, session_id: str) -> int:
    """Show one session."""
    session = await client.sessions.get(session_id)
    if run.quiet:
        run.console.out(session.id)
    elif run.json:
        run.console.out(json_document(session))
    else:
        for line in details_lines(session_details(session)):
            run.console.out(line)
    return EXIT_OK


@_one_session_command("status", "status SESSION_ID")
async def session_status(run: Run, client: SigmaClient, session_id: str) -> int:
    """Show a session's status alone ({"status": ...} with --json)."""
    status = await client.sessions.status(session_id)
    run.console.out(json.dumps({"status": status.value}) if run.json else status.value)
    return EXIT_OK


@_one_session_command(
    "wait",
    "wait SESSION_ID --for live --wait-timeout 60",
    click.option(
        "--for",
        "statuses",
        multiple=True,
        type=click.Choice(ENUMS["SessionStatus"]),
        metavar="STATUS",
        help="status to wait for (repeatable; default live)",
    ),
    click.option("--wait-timeout", type=POSITIVE, default=300.0, show_default=True, metavar="S"),
    poll_interval_option(),
)
async def wait_session(
    run: Run,
    client: SigmaClient,
    session_id: str,
    statuses: tuple[str, ...],
    wait_timeout: float,
    poll_interval: float | None,
) -> int:
    """Wait until a session reaches a status: exit 0 once reached, 1 on timeout."""
    wanted = list(statuses) or ["live"]
    options: dict[str, Any] = {} if poll_interval is None else {"poll_interval": poll_interval}
    if not (run.json or run.quiet):
        run.console.info(f"waiting up to {wait_timeout:g} s for {'/'.join(wanted)}...")
    status = await client.sessions.wait_for_status(
        session_id, wanted, timeout=wait_timeout, **options
    )
    run.console.out(json.dumps({"status": status.value}) if run.json else status.value)
    return EXIT_OK


@click.group(cls=SigmaGroup, epilog=_example("events", "list SESSION_ID", "watch SESSION_ID"))
@common_options
def events() -> None:
    """Show what happened to a session (list, watch)."""


@events.command("list", epilog=_example("events", "list SESSION_ID --json"))
@click.argument("session_id", metavar="SESSION")
@click.option("--limit", type=NOT_NEGATIVE, metavar="N", help="stop after N events")
@common_options
@client_command
async def list_events(run: Run, client: SigmaClient, session_id: str, limit: int | None) -> int:
    """List a session's events, oldest first."""
    # The service lists no events for a session it does not know: ask for the session first,
    # so that a typo is a NotFoundError, not an empty story.
    await client.sessions.get(session_id)
    rows = await client.events.list(session_id).to_list(limit=limit)
    rows.reverse()  # the service answers newest first
    _listing(run, list(rows), EVENT_COLUMNS, "event")
    return EXIT_OK


@events.command("watch", epilog=_example("events", "watch SESSION_ID --wait-timeout 600"))
@click.argument("session_id", metavar="SESSION")
@poll_interval_option()
@click.option("--wait-timeout", type=POSITIVE, metavar="S", help="stop after S seconds (exit 1)")
@common_options
@client_command
async def watch_events(
    run: Run,
    client: SigmaClient,
    session_id: str,
    poll_interval: float | None,
    wait_timeout: float | None,
) -> int:
    """Follow a session's events live until it ends."""
    await client.sessions.get(session_id)  # an unknown session is a NotFoundError, not a hang
    interval = _DEFAULT_POLL_INTERVAL if poll_interval is None else poll_interval
    if not (run.json or run.quiet):
        run.console.info(f"watching session {session_id} until it ends (Ctrl-C to stop)")
        run.console.out(event_stream_header())

    async def follow() -> None:
        async for event in client.events.watch(session_id, poll_interval=interval):
            if run.quiet:
                run.console.out(event.id)
            else:
                run.console.out(json_line(event) if run.json else event_stream_line(event))

    if wait_timeout is None:
        await follow()
        return EXIT_OK
    try:
        await asyncio.wait_for(follow(), wait_timeout)
    except asyncio.TimeoutError:
        from .exits import EXIT_API_ERROR

        run.console.error(f"the session did not end within --wait-timeout {wait_timeout:g} s")
        return EXIT_API_ERROR
    return EXIT_OK
