"""``sigma-async sessions ...`` and ``sigma-async events ...``."""

from __future__ import annotations

import argparse
import json
from collections.abc import Awaitable, Callable

from .._client import SigmaClient
from .console import EXIT_OK, Console
from .output import (
    EVENT_COLUMNS,
    SESSION_COLUMNS,
    details_lines,
    event_stream_header,
    event_stream_line,
    json_line,
    session_details,
    show_listing,
    to_json,
)

__all__ = ["EVENT_COMMANDS", "SESSION_COMMANDS"]

_DEFAULT_POLL_INTERVAL = 2.0


async def list_sessions(args: argparse.Namespace, client: SigmaClient, console: Console) -> int:
    """``sessions list [--channel ID]``: newest first."""
    sessions = await client.sessions.list(args.channel).to_list(limit=args.limit)
    show_listing(console, SESSION_COLUMNS, sessions, "session", as_json=args.json)
    return EXIT_OK


async def get_session(args: argparse.Namespace, client: SigmaClient, console: Console) -> int:
    """``sessions get ID``."""
    session = await client.sessions.get(args.id)
    if args.json:
        console.out(json.dumps(to_json(session), indent=2, ensure_ascii=False))
    else:
        for line in details_lines(session_details(session)):
            console.out(line)
    return EXIT_OK


async def session_status(args: argparse.Namespace, client: SigmaClient, console: Console) -> int:
    """``sessions status ID``: the status alone (``{"status": ...}`` with ``--json``)."""
    status = await client.sessions.status(args.id)
    console.out(json.dumps({"status": status.value}) if args.json else status.value)
    return EXIT_OK


async def wait_session(args: argparse.Namespace, client: SigmaClient, console: Console) -> int:
    """``sessions wait ID [--for STATUS]...``: exit 0 once reached, 1 on timeout or end."""
    statuses = args.statuses or ["live"]
    options = {} if args.poll_interval is None else {"poll_interval": args.poll_interval}
    if not args.json:
        console.info(f"waiting up to {args.wait_timeout:g} s for {'/'.join(statuses)}...")
    status = await client.sessions.wait_for_status(
        args.id, statuses, timeout=args.wait_timeout, **options
    )
    console.out(json.dumps({"status": status.value}) if args.json else status.value)
    return EXIT_OK


async def list_events(args: argparse.Namespace, client: SigmaClient, console: Console) -> int:
    """``events list SESSION``: oldest first, as a session's story reads."""
    events = await client.events.list(args.session).to_list(limit=args.limit)
    events.reverse()  # the service answers newest first
    show_listing(console, EVENT_COLUMNS, events, "event", as_json=args.json)
    return EXIT_OK


async def watch_events(args: argparse.Namespace, client: SigmaClient, console: Console) -> int:
    """``events watch SESSION``: print each event as it happens, until the session ends."""
    interval = _DEFAULT_POLL_INTERVAL if args.poll_interval is None else args.poll_interval
    if not args.json:
        console.info(f"watching session {args.session} until it ends (Ctrl-C to stop)")
        console.out(event_stream_header())
    async for event in client.events.watch(args.session, poll_interval=interval):
        console.out(json_line(event) if args.json else event_stream_line(event))
    return EXIT_OK


Command = Callable[[argparse.Namespace, SigmaClient, Console], Awaitable[int]]

SESSION_COMMANDS: dict[str, Command] = {
    "list": list_sessions,
    "get": get_session,
    "status": session_status,
    "wait": wait_session,
}
"""Handlers of ``sigma-async sessions <ACTION>``."""

EVENT_COMMANDS: dict[str, Command] = {"list": list_events, "watch": watch_events}
"""Handlers of ``sigma-async events <ACTION>``."""
