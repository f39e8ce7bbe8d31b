"""``sigma-async channels ...``: list, get, create, update, and the bulk start/stop/delete."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import attrs
import click

from .. import ChannelCreate, ChannelUpdate, SigmaClient
from ..bulk import DEFAULT_CONCURRENCY, BulkResult, BulkRun
from ..operations import ENUMS, OPERATIONS
from ._library import to_dict
from .channel_body import ChannelBody, read_json_file
from .exits import EXIT_API_ERROR, EXIT_OK, UsageError
from .options import AT_LEAST_ONE, NOT_NEGATIVE, POSITIVE, SigmaGroup, common_options
from .output import details_lines, json_document, json_line
from .progress import CREATED_COLUMNS, SUMMARY_COLUMNS, ProgressBar, outcome_record, totals_line
from .runner import Run, client_command
from .views import CHANNEL_COLUMNS, channel_details

__all__ = ["channels"]

_BULK = {
    # verb: (operation id, past tense, progress title, asks first)
    "start": ("startChannel", "started", "starting", False),
    "stop": ("stopChannel", "stopped", "stopping", True),
    "delete": ("deleteChannel", "deleted", "deleting", True),
}


def _example(*lines: str) -> str:
    return "\b\nExamples:\n" + "\n".join(f"  sigma-async channels {line}" for line in lines)


@click.group(
    cls=SigmaGroup, epilog=_example("list --status active", "create --name news --tag event")
)
@common_options
def channels() -> None:
    """Create, list, update and drive channels."""


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


@channels.command(
    "list", epilog=_example("list --tag event --status idle", "list -q --tag event", "list --json")
)
@common_options
@click.option("--status", type=click.Choice(ENUMS["ChannelStatus"]), help="only this status")
@click.option("--tag", "tags", multiple=True, metavar="T", help="only channels tagged T")
@click.option("--q", "q", metavar="JSON", help='a raw filter, e.g. \'{"type":"forward"}\'')
@click.option("--sort", metavar="FIELD|asc|desc", help="e.g. createdAt|desc")
@click.option("--limit", type=NOT_NEGATIVE, metavar="N", help="stop after N channels")
@client_command
async def list_channels(
    run: Run,
    client: SigmaClient,
    status: str | None,
    tags: tuple[str, ...],
    q: str | None,
    sort: str | None,
    limit: int | None,
) -> int:
    """List channels: a table, JSON lines (--json) or ids (-q)."""
    options: dict[str, Any] = {"q": _parse_filter(q), "status": status, "tags": list(tags) or None}
    if sort:
        options["sort"] = sort
    paginator = client.channels.list(**options)
    if run.json or run.quiet:
        count = 0
        async for channel in paginator:
            if limit is not None and count >= limit:
                break
            run.console.out(channel.id if run.quiet else json_line(channel))
            count += 1
        return EXIT_OK
    rows = await paginator.to_list(limit=limit)
    run.console.table(CHANNEL_COLUMNS, rows)
    run.console.info(f"{len(rows)} channel(s)")
    return EXIT_OK


def _show_channel(run: Run, channel: Any, *, show_secrets: bool = False) -> None:
    if run.quiet:
        run.console.out(channel.id)
    elif run.json:
        run.console.out(json_document(channel, show_secrets=show_secrets))
    else:
        for line in details_lines(channel_details(channel, show_secrets=show_secrets)):
            run.console.out(line)


@channels.command("get", epilog=_example("get CHANNEL_ID", "get CHANNEL_ID --json > c.json"))
@common_options
@click.argument("channel_id", metavar="ID")
@click.option("--show-secrets", is_flag=True, help="include the stream key and the S3 keys")
@client_command
async def get_channel(run: Run, client: SigmaClient, channel_id: str, show_secrets: bool) -> int:
    """Show one channel: every field; secrets as *** unless --show-secrets."""
    _show_channel(run, await client.channels.get(channel_id), show_secrets=show_secrets)
    return EXIT_OK


def _channel_fields(function: Callable[..., Any]) -> Callable[..., Any]:
    enum = ENUMS
    decorators = [
        click.option("--name", help="the channel's name (required to create)"),
        click.option("--description", help="free text"),
        click.option("--tag", "tags", multiple=True, metavar="T", help="a tag (repeatable)"),
        click.option("--type", "type_", type=click.Choice(enum["ChannelType"])),
        click.option("--mode", type=click.Choice(enum["ChannelMode"])),
        click.option("--output-format", type=click.Choice(enum["OutputFormat"])),
        click.option("--stop-timeout", type=int, metavar="S", help="seconds"),
        click.option("--transcode-profile", "transcode_profiles", multiple=True, metavar="UUID"),
        click.option("--catchup/--no-catchup", default=None),
        click.option("--record/--no-record", default=None),
        click.option(
            "--from-json",
            metavar="FILE",
            help="the request body (wire names) from FILE, or - for stdin; flags override it",
        ),
    ]
    for decorator in reversed(decorators):
        function = decorator(function)
    return function


def _flag_fields(params: dict[str, Any]) -> dict[str, Any]:
    """Return the channel fields given as flags, by attribute name, as wire-ready values."""
    pairs = {
        "name": params.get("name"),
        "description": params.get("description"),
        "tags": list(params.get("tags") or ()) or None,
        "type": params.get("type_"),
        "mode": params.get("mode"),
        "output_format": params.get("output_format"),
        "stop_timeout": params.get("stop_timeout"),
        "transcode_profile": list(params.get("transcode_profiles") or ()) or None,
        "catchup": params.get("catchup"),
        "record": params.get("record"),
    }
    return {field: value for field, value in pairs.items() if value is not None}


def _body(run: Run, model: type[Any], params: dict[str, Any]) -> ChannelBody:
    path = params.get("from_json")
    file_body = read_json_file(path, run.console.stdin) if path else {}
    body = ChannelBody(model, file_body, _flag_fields(params))
    body.drop_server_fields()
    return body


def _notes(run: Run, body: ChannelBody) -> None:
    if not run.quiet:
        for note in body.notes:
            run.console.info(f"note: {note}")


def _bulk_options(function: Callable[..., Any]) -> Callable[..., Any]:
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


@channels.command(
    "create",
    epilog=_example(
        "create --name news --mode low-latency --tag event",
        "create --name event --count 20 --tag event",
        "create --from-json channel.json --name copy",
    ),
)
@common_options
@_channel_fields
@click.option("--count", type=AT_LEAST_ONE, metavar="N", help="create NAME-1..NAME-N")
@_bulk_options
@client_command
async def create_channels(run: Run, client: SigmaClient, /, **params: Any) -> int:
    """Create a channel, or --count N of them concurrently (prints the new ids)."""
    body = _body(run, ChannelCreate, params)
    if "name" not in body.body:
        raise UsageError(
            "incomplete channel settings: --name is required to create a channel "
            '(or "name" in --from-json)'
        )
    body.restore_secrets(None)  # a create has no value to keep: a placeholder is refused
    request: ChannelCreate = body.build()
    _notes(run, body)
    count: int | None = params["count"]
    if count is None:
        if params["dry_run"]:
            return _dry_run(run, "createChannel", [json.dumps(to_dict(request))])
        _show_channel(run, await client.channels.create(request))
        return EXIT_OK
    names = [f"{request.name}-{n}" for n in range(1, count + 1)]
    requests = [attrs.evolve(request, name=name) for name in names]
    if params["dry_run"]:
        return _dry_run(run, "createChannel", [json.dumps(to_dict(r)) for r in requests])
    return await _run_bulk(
        run, client.channels.bulk_create, requests, params, "creating", "created"
    )


@channels.command(
    "update",
    epilog=_example(
        "update ID --description 'Day 2' --no-record",
        "update ID --clear-tags --clear-description",
        "get ID --json > c.json  # edit c.json, then:",
        "update ID --from-json c.json",
    ),
)
@common_options
@click.argument("channel_id", metavar="ID")
@_channel_fields
@click.option("--clear-tags", is_flag=True, help="remove every tag")
@click.option("--clear-description", is_flag=True, help="set the description to null")
@client_command
async def update_channel(run: Run, client: SigmaClient, /, channel_id: str, **params: Any) -> int:
    """Change some settings of a channel; what is not given stays as it is."""
    if params["clear_tags"] and params["tags"]:
        raise UsageError("give --tag or --clear-tags, not both")
    if params["clear_description"] and params["description"] is not None:
        raise UsageError("give --description or --clear-description, not both")
    body = _body(run, ChannelUpdate, params)
    if params["clear_tags"]:
        body.body["tags"] = []
        body.from_flags.add("tags")
    if params["clear_description"]:
        body.body["description"] = None
        body.from_flags.add("description")
    if body.empty:
        raise UsageError("nothing to change: give at least one setting, or --from-json FILE")
    if params["from_json"]:
        # The file may be a `get --json` document: keep the secrets it hides, send the edits.
        current = to_dict(await client.channels.get(channel_id))
        body.restore_secrets(current)
        body.keep_changes(current)
    else:
        body.restore_secrets(None)
    changes: ChannelUpdate = body.build()
    _notes(run, body)
    if changes == ChannelUpdate():
        if not run.quiet:
            run.console.info("nothing differs from the channel as it is; nothing sent")
        _show_channel(run, await client.channels.get(channel_id))
        return EXIT_OK
    _show_channel(run, await client.channels.update(channel_id, changes))
    return EXIT_OK


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


def _dry_run(run: Run, operation_id: str, items: Sequence[str]) -> int:
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


def _bulk_command(verb: str) -> click.Command:
    operation_id, past, title, asks = _BULK[verb]

    @common_options
    @click.argument("ids", nargs=-1, metavar="[ID]...")
    @click.option("--all", "every", is_flag=True, help=f"{verb} every matching channel")
    @click.option("--tag", "tags", multiple=True, metavar="T", help="only channels tagged T")
    @click.option("--status", type=click.Choice(ENUMS["ChannelStatus"]), help="only this status")
    @_bulk_options
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
            return _dry_run(run, operation_id, [getattr(t, "id", t) for t in targets])
        if asks and (len(targets) > 1 or not ids):
            what = f"{len(targets)} channel(s)"
            what += "" if ids else f" ({_selection_text(tags, status)})"
            await run.console.confirm(
                f"{verb.capitalize()} {what}?", assume_yes=run.options.yes, target=run.where(client)
            )
        call = getattr(client.channels, f"bulk_{verb}")
        return await _run_bulk(run, call, targets, params, title, past)

    asks_text = " (asks first unless one ID or --yes)" if asks else ""
    bulk.__doc__ = f"{verb.capitalize()} channels: IDs, or a selection{asks_text}."
    examples = _example(
        f"{verb} ID1 ID2", f"{verb} --all --tag event --yes", f"{verb} --status active --dry-run"
    )
    return channels.command(verb, epilog=examples)(bulk)


for _verb in _BULK:
    _bulk_command(_verb)


async def _run_bulk(
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
