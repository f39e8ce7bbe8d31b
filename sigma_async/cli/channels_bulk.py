"""``sigma-async channels start|stop|delete``, and what every bulk command shares.

A bulk command names its channels (ids, from ``-q`` output too) or selects them (``--all``,
``--tag``, ``--status``; read to the end before anything is sent), asks before stopping or
deleting several (naming the app and the server), can print what it would send instead
(``--dry-run``), draws a progress bar on a terminal and reports every item, even when
interrupted.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import click

from .. import SigmaClient
from ..bulk import DEFAULT_CONCURRENCY, BulkResult, BulkRun
from ..operations import ENUMS, OPERATIONS
from .exits import EXIT_API_ERROR, EXIT_OK, UsageError
from .options import AT_LEAST_ONE, POSITIVE, common_options
from .progress import CREATED_COLUMNS, SUMMARY_COLUMNS, ProgressBar, outcome_record, totals_line
from .runner import Run, client_command

__all__ = ["bulk_options", "dry_run", "register_bulk_commands", "run_bulk"]

_BULK = {
    # verb: (operation id, past tense, progress title, asks first)
    "start": ("startChannel", "started", "starting", False),
    "stop": ("stopChannel", "stopped", "stopping", True),
    "delete": ("deleteChannel", "deleted", "deleting", True),
}


def _example(*lines: str) -> str:
    return "\b\nExamples:\n" + "\n".join(f"  sigma-async channels {line}" for line in lines)


def bulk_options(function: Callable[..., Any]) -> Callable[..., Any]:
    """Add ``--concurrency``, ``--rate-limit`` and ``--dry-run`` to a bulk command."""
    function = click.option(
        "--dry-run", is_flag=True, help="print what would be sent; send nothing"
    )(function)
    function = click.option(
        "--rate-limit", type=POSITIVE, metavar="R", help="at most R requests a second"
    )(function)
    return click.option(
        "--concurrency",
        type=AT_LEAST_ONE,
        default=DEFAULT_CONCURRENCY,
        show_default=True,
        metavar="N",
        help="operations in flight at once",
    )(function)


def _selection_text(tags: Sequence[str], status: str | None) -> str:
    parts = []
    if status:
        parts.append(f"status {status}")
    if tags:
        parts.append("tag " + " or ".join(tags))
    return ", ".join(parts) or "all channels"


async def _targets(
    client: SigmaClient,
    verb: str,
    ids: Sequence[str],
    every: bool,
    tags: Sequence[str],
    status: str | None,
) -> list[Any]:
    selecting = every or bool(tags) or bool(status)
    if ids and selecting:
        raise UsageError("give channel ids or a selection (--all/--tag/--status), not both")
    if ids:
        return list(ids)
    if not selecting:
        raise UsageError(f"name the channels to {verb}, or select them with --all/--tag/--status")
    # The selection is read to the end first: stopping or deleting while paging shifts pages.
    return list(await client.channels.list(status=status, tags=list(tags) or None).to_list())


def dry_run(run: Run, operation_id: str, items: Sequence[str]) -> int:
    """Print each request that would be sent (method, path, item); send nothing."""
    operation = OPERATIONS[operation_id]
    for item in items:
        if run.json:
            record = {"dryRun": True, "operation": operation_id, "method": operation.method}
            run.console.out(json.dumps({**record, "path": operation.path, "item": item}))
        elif run.quiet:
            run.console.out(item)
        else:
            run.console.out(f"would send {operation.method} {operation.path}  {item}")
    if not run.quiet:
        run.console.info(f"dry run: {len(items)} request(s) not sent")
    return EXIT_OK


def _bulk_command(group: click.Group, verb: str) -> click.Command:
    operation_id, past, title, asks = _BULK[verb]

    @click.argument("ids", nargs=-1, metavar="[ID]...")
    @click.option("--all", "every", is_flag=True, help=f"{verb} every matching channel")
    @click.option("--tag", "tags", multiple=True, metavar="T", help="only channels tagged T")
    @click.option("--status", type=click.Choice(ENUMS["ChannelStatus"]), help="only this status")
    @bulk_options
    @common_options
    @client_command
    async def bulk(
        run: Run,
        client: SigmaClient,
        /,
        ids: tuple[str, ...],
        every: bool,
        tags: tuple[str, ...],
        status: str | None,
        **params: Any,
    ) -> int:
        targets = await _targets(client, verb, ids, every, tags, status)
        if not targets:
            if not run.quiet:
                run.console.info(
                    f"no channels match ({_selection_text(tags, status)}); nothing to {verb}"
                )
            return EXIT_OK
        if params["dry_run"]:
            return dry_run(run, operation_id, [getattr(t, "id", t) for t in targets])
        if asks and (len(targets) > 1 or not ids):
            what = f"{len(targets)} channel(s)"
            what += "" if ids else f" ({_selection_text(tags, status)})"
            await run.console.confirm(
                f"{verb.capitalize()} {what}?", assume_yes=run.options.yes, target=run.where(client)
            )
        call = getattr(client.channels, f"bulk_{verb}")
        return await run_bulk(run, call, targets, params, title, past)

    asks_text = " (asks first unless one ID or --yes)" if asks else ""
    bulk.__doc__ = f"{verb.capitalize()} channels: IDs, or a selection{asks_text}."
    examples = _example(
        f"{verb} ID1 ID2", f"{verb} --all --tag event --yes", f"{verb} --status active --dry-run"
    )
    return group.command(verb, epilog=examples)(bulk)


def register_bulk_commands(group: click.Group) -> None:
    """Add ``start``, ``stop`` and ``delete`` to the ``channels`` group."""
    for verb in _BULK:
        _bulk_command(group, verb)


async def run_bulk(
    run: Run,
    call: Callable[..., Awaitable[BulkResult[Any, Any]]],
    items: list[Any],
    params: dict[str, Any],
    title: str,
    verb: str,
) -> int:
    """Run a bulk call with a progress bar, then report every item, even when interrupted."""
    console = run.console
    bar = ProgressBar(console, title, enabled=console.interactive and not (run.json or run.quiet))
    bulk_run = BulkRun()
    try:
        result = await call(
            items,
            concurrency=params["concurrency"],
            rate_limit=params["rate_limit"],
            on_progress=bar,
            run=bulk_run,
        )
    except asyncio.CancelledError:
        # Ctrl-C: say exactly which channels were done, which may be, and which were not.
        bar.close()
        if bulk_run.finished and bulk_run.result is not None:
            _report(run, bulk_run.result, verb)
        raise
    finally:
        bar.close()
    return _report(run, result, verb)


def _id_of(item: Any) -> str:
    """Return a channel's id, whether the item is a ``Channel`` or the id itself."""
    return str(getattr(item, "id", item))


def _report(run: Run, result: BulkResult[Any, Any], verb: str) -> int:
    """Print the per-item summary (JSON lines, or ids with -q) and the totals."""
    console = run.console
    created = verb == "created"
    if run.quiet:  # the ids: of the new channels, or of those the command acted on
        for outcome in result.succeeded:
            console.out(_id_of(outcome.value if created else outcome.item))
    elif run.json:
        for outcome in result:
            console.out(json.dumps(outcome_record(outcome), ensure_ascii=False))
    else:
        console.table(CREATED_COLUMNS if created else SUMMARY_COLUMNS, list(result))
    if not run.quiet or not result.ok:
        console.info(totals_line(result, "channels", verb))
    return EXIT_OK if result.ok else EXIT_API_ERROR
