"""``sigma-async channels ...``: list, get, create, update, and the bulk start/stop/delete."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import attrs
import click

from .. import ChannelCreate, ChannelUpdate, SigmaClient
from ..operations import ENUMS
from ._library import to_dict
from .channel_body import ChannelBody, read_json_file
from .channels_bulk import bulk_options, dry_run, register_bulk_commands, run_bulk
from .exits import EXIT_OK, UsageError
from .options import AT_LEAST_ONE, NOT_NEGATIVE, SigmaGroup, common_options
from .output import details_lines, json_document, json_line
from .runner import Run, client_command
from .views import CHANNEL_COLUMNS, channel_details

__all__ = ["channels"]


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
@click.option("--status", type=click.Choice(ENUMS["ChannelStatus"]), help="only this status")
@click.option("--tag", "tags", multiple=True, metavar="T", help="only channels tagged T")
@click.option("--q", "q", metavar="JSON", help='a raw filter, e.g. \'{"type":"forward"}\'')
@click.option("--sort", metavar="FIELD|asc|desc", help="e.g. createdAt|desc")
@click.option("--limit", type=NOT_NEGATIVE, metavar="N", help="stop after N channels")
@common_options
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
@click.argument("channel_id", metavar="ID")
@click.option("--show-secrets", is_flag=True, help="include the stream key and the S3 keys")
@common_options
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


@channels.command(
    "create",
    epilog=_example(
        "create --name news --mode low-latency --tag event",
        "create --name event --count 20 --tag event",
        "create --from-json channel.json --name copy",
    ),
)
@_channel_fields
@click.option("--count", type=AT_LEAST_ONE, metavar="N", help="create NAME-1..NAME-N")
@bulk_options
@common_options
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
            return dry_run(run, "createChannel", [json.dumps(to_dict(request))])
        _show_channel(run, await client.channels.create(request))
        return EXIT_OK
    names = [f"{request.name}-{n}" for n in range(1, count + 1)]
    requests = [attrs.evolve(request, name=name) for name in names]
    if params["dry_run"]:
        return dry_run(run, "createChannel", [json.dumps(to_dict(r)) for r in requests])
    return await run_bulk(run, client.channels.bulk_create, requests, params, "creating", "created")


@channels.command(
    "update",
    epilog=_example(
        "update ID --description 'Day 2' --no-record",
        "update ID --clear-tags --clear-description",
        "get ID --json > c.json  # edit c.json, then:",
        "update ID --from-json c.json",
    ),
)
@click.argument("channel_id", metavar="ID")
@_channel_fields
@click.option("--clear-tags", is_flag=True, help="remove every tag")
@click.option("--clear-description", is_flag=True, help="set the description to null")
@common_options
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


register_bulk_commands(channels)
