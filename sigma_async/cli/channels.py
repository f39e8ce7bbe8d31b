"""``sigma-async channels ...``: list, get, create, update, and the bulk start/stop/delete."""

from __future__ import annotations

import argparse
import asyncio
import json
from collections.abc import Awaitable, Callable
from typing import Any

import attrs

from .._client import SigmaClient
from .._convert import structure
from ..bulk import BulkResult, BulkRun, ChannelRef
from ..errors import ResponseDecodeError, SigmaValidationError
from ..models import Channel, ChannelCreate, ChannelUpdate
from .console import EXIT_API_ERROR, EXIT_OK, Console, UsageError
from .output import (
    CHANNEL_COLUMNS,
    channel_details,
    details_lines,
    json_line,
    show_listing,
    to_json,
)
from .progress import ProgressBar, outcome_record, summary_lines, totals_line

__all__ = ["CHANNEL_COMMANDS"]

_BULK_VERBS = {"start": "started", "stop": "stopped", "delete": "deleted"}
_DESTRUCTIVE = frozenset({"stop", "delete"})


def _parse_filter(text: str | None) -> dict[str, Any] | None:
    if text is None:
        return None
    try:
        value = json.loads(text)
    except ValueError as error:
        raise UsageError(f"--q is not JSON: {error}") from None
    if not isinstance(value, dict):
        raise UsageError('--q must be a JSON object, e.g. \'{"type": "forward"}\'')
    return value


async def list_channels(args: argparse.Namespace, client: SigmaClient, console: Console) -> int:
    """``channels list``: a table, or one JSON line per channel."""
    options: dict[str, Any] = {"q": _parse_filter(args.q), "status": args.status, "tags": args.tags}
    if args.sort:
        options["sort"] = args.sort
    paginator = client.channels.list(**options)
    if args.json:
        count = 0
        async for channel in paginator:
            console.out(json_line(channel))
            count += 1
            if args.limit is not None and count >= args.limit:
                break
        return EXIT_OK
    channels = await paginator.to_list(limit=args.limit)
    show_listing(console, CHANNEL_COLUMNS, channels, "channel", as_json=False)
    return EXIT_OK


def _show_channel(channel: Channel, console: Console, *, as_json: bool, show_secrets: bool) -> None:
    if as_json:
        console.out(
            json.dumps(to_json(channel, show_secrets=show_secrets), indent=2, ensure_ascii=False)
        )
    else:
        for line in details_lines(channel_details(channel, show_secrets=show_secrets)):
            console.out(line)


async def get_channel(args: argparse.Namespace, client: SigmaClient, console: Console) -> int:
    """``channels get ID``: every field; S3 keys only with ``--show-secrets``."""
    channel = await client.channels.get(args.id)
    _show_channel(channel, console, as_json=args.json, show_secrets=args.show_secrets)
    return EXIT_OK


def _read_body(path: str, console: Console) -> dict[str, Any]:
    try:
        if path == "-":
            text = console.stdin.read()
        else:
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
        body = json.loads(text)
    except OSError as error:
        raise UsageError(f"cannot read --from-json {path}: {error.strerror}") from None
    except ValueError as error:
        raise UsageError(f"--from-json {path} is not JSON: {error}") from None
    if not isinstance(body, dict):
        raise UsageError(f"--from-json {path} must hold a JSON object")
    return body


def _field_flags(args: argparse.Namespace) -> dict[str, Any]:
    """Return the channel settings given as flags, by model field name."""
    pairs = {
        "name": args.name,
        "description": args.description,
        "tags": args.tags,
        "type": args.type,
        "mode": args.mode,
        "output_format": args.output_format,
        "stop_timeout": args.stop_timeout,
        "transcode_profile": args.transcode_profiles,
        "catchup": args.catchup,
        "record": args.record,
    }
    return {field: value for field, value in pairs.items() if value is not None}


def _build(model: type[Any], args: argparse.Namespace, console: Console) -> Any:
    body = _read_body(args.from_json, console) if args.from_json else {}
    try:
        base = structure(body, model) if body else None
        flags = _field_flags(args)
        return attrs.evolve(base, **flags) if base is not None else model(**flags)
    except ResponseDecodeError as error:
        raise UsageError(f"--from-json does not fit {model.__name__}: {error}") from None
    except TypeError as error:  # a required field (name) missing
        raise UsageError(f"incomplete channel settings: {error}") from None
    except SigmaValidationError as error:
        raise UsageError(str(error)) from None


async def create_channels(args: argparse.Namespace, client: SigmaClient, console: Console) -> int:
    """``channels create``: one channel, or ``--count N`` of them concurrently."""
    request: ChannelCreate = _build(ChannelCreate, args, console)
    if args.count is None:
        channel = await client.channels.create(request)
        _show_channel(channel, console, as_json=args.json, show_secrets=False)
        return EXIT_OK
    if args.count < 1:
        raise UsageError("--count must be at least 1")
    try:
        requests = [
            attrs.evolve(request, name=f"{request.name}-{n}") for n in range(1, args.count + 1)
        ]
    except SigmaValidationError as error:
        raise UsageError(f"--count names: {error}") from None
    return await _run_bulk(client.channels.bulk_create, requests, args, console, "creating")


async def update_channel(args: argparse.Namespace, client: SigmaClient, console: Console) -> int:
    """``channels update ID``: change the settings given, leave the rest."""
    changes: ChannelUpdate = _build(ChannelUpdate, args, console)
    if changes == ChannelUpdate():
        raise UsageError("nothing to change: give at least one setting, or --from-json FILE")
    channel = await client.channels.update(args.id, changes)
    _show_channel(channel, console, as_json=args.json, show_secrets=False)
    return EXIT_OK


def _selection_text(args: argparse.Namespace) -> str:
    parts = []
    if args.status:
        parts.append(f"status {args.status}")
    if args.tags:
        parts.append("tag " + " or ".join(args.tags))
    return ", ".join(parts) or "all channels"


async def _targets(args: argparse.Namespace, client: SigmaClient) -> list[ChannelRef]:
    selecting = args.all or args.tags or args.status
    if args.ids and selecting:
        raise UsageError("give channel ids or a selection (--all/--tag/--status), not both")
    if args.ids:
        return list(args.ids)
    if not selecting:
        raise UsageError(
            f"name the channels to {args.command}, or select them with --all/--tag/--status"
        )
    # The selection is read to the end first: stopping or deleting while paging shifts pages.
    return list(await client.channels.list(status=args.status, tags=args.tags).to_list())


async def bulk_channels(args: argparse.Namespace, client: SigmaClient, console: Console) -> int:
    """``channels start|stop|delete ID... | --all [--tag T] [--status S]``."""
    verb: str = args.command
    targets = await _targets(args, client)
    if not targets:
        console.info(f"no channels match ({_selection_text(args)}); nothing to {verb}")
        return EXIT_OK
    if verb in _DESTRUCTIVE and (len(targets) > 1 or not args.ids):
        what = f"{len(targets)} channel(s)" + ("" if args.ids else f" ({_selection_text(args)})")
        await console.confirm(f"{verb.capitalize()} {what}?", assume_yes=args.yes)
    operations: dict[str, Callable[..., Awaitable[BulkResult[ChannelRef, None]]]] = {
        "start": client.channels.bulk_start,
        "stop": client.channels.bulk_stop,
        "delete": client.channels.bulk_delete,
    }
    title = {"start": "starting", "stop": "stopping", "delete": "deleting"}[verb]
    return await _run_bulk(operations[verb], targets, args, console, title)


async def _run_bulk(
    call: Callable[..., Awaitable[BulkResult[Any, Any]]],
    items: list[Any],
    args: argparse.Namespace,
    console: Console,
    title: str,
) -> int:
    """Run a bulk call with a progress bar, then report every item, even when interrupted."""
    verb = _BULK_VERBS.get(args.command, "created")
    bar = ProgressBar(console.stderr, title, enabled=console.interactive and not args.json)
    run = BulkRun()
    try:
        result = await call(
            items,
            concurrency=args.concurrency,
            rate_limit=args.rate_limit,
            on_progress=bar,
            run=run,
        )
    except asyncio.CancelledError:
        # Ctrl-C: say exactly which channels were done, which may be, and which were not.
        bar.close()
        if run.finished:
            _report(run.result, console, as_json=args.json, noun="channels", verb=verb)
        raise
    finally:
        bar.close()
    return _report(result, console, as_json=args.json, noun="channels", verb=verb)


def _report(
    result: BulkResult[Any, Any], console: Console, *, as_json: bool, noun: str, verb: str
) -> int:
    """Print the per-item summary (or JSON lines) and the totals; 1 when any item failed."""
    if as_json:
        for outcome in result:
            console.out(json.dumps(outcome_record(outcome), ensure_ascii=False))
    else:
        for line in summary_lines(result):
            console.out(line)
    console.info(totals_line(result, noun, verb))
    return EXIT_OK if result.ok else EXIT_API_ERROR


Command = Callable[[argparse.Namespace, SigmaClient, Console], Awaitable[int]]

CHANNEL_COMMANDS: dict[str, Command] = {
    "list": list_channels,
    "get": get_channel,
    "create": create_channels,
    "update": update_channel,
    "start": bulk_channels,
    "stop": bulk_channels,
    "delete": bulk_channels,
}
"""Handlers of ``sigma-async channels <ACTION>``."""
