"""The CLI's hardening items (issue 11: 6, 7, 9, 10, 11, 19), each over its class."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
import pytest

from sigma_async import ChannelCreate, SigmaClient
from sigma_async.cli import EXIT_API_ERROR, EXIT_OK, EXIT_USAGE
from sigma_async.cli.app import root
from sigma_async.cli.options import AtLeast, Positive
from sigma_async.models import ChannelUpdate
from sigma_async.operations import SECRET_PATHS
from sigma_async.testing import SigmaEmulator

from .conftest import Cli

FULL_BODY: dict[str, Any] = {
    "name": "full",
    "description": "every field set",
    "tags": ["a", "b"],
    "type": "transcode",
    "mode": "low-latency",
    "outputFormat": "hls",
    "stopTimeout": 120,
    "catchup": True,
    "record": True,
    "destinationCatchup": {
        "type": "s3",
        "s3": {
            "accessKey": "AKIA-ROUND-TRIP-01",
            "bucket": "vod",
            "endpoint": "https://s3.example.test",
            "secretKey": "s3-Round-Trip-Secret-01",
            "region": "ap-southeast-1",
            "segmentPrefix": None,
        },
    },
}


def _leaves(data: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(data, dict):
        found: dict[str, Any] = {}
        for key, value in data.items():
            found.update(_leaves(value, f"{prefix}.{key}" if prefix else key))
        return found
    return {prefix: data}


async def _full_channel(cli: Cli, tmp_path: Path, emulator: SigmaEmulator) -> str:
    body = tmp_path / "full.json"
    body.write_text(json.dumps(FULL_BODY), encoding="utf-8")
    created = await cli("channels", "create", "--from-json", str(body), "-q")
    assert created.code == EXIT_OK, created.err
    channel_id = created.out.strip()
    assert (await cli("channels", "start", channel_id)).code == EXIT_OK  # gives it a stream key
    assert emulator.channel(channel_id)["input"]["streamToken"]
    return channel_id


@pytest.mark.parametrize("show_secrets", [False, True], ids=["redacted", "shown"])
async def test_get_edit_update_round_trip_keeps_everything_else(
    cli: Cli, emulator: SigmaEmulator, tmp_path: Path, show_secrets: bool
) -> None:
    """Item 6: `get --json` -> edit -> `update --from-json` changes the edit and nothing else."""
    channel_id = await _full_channel(cli, tmp_path, emulator)
    before = emulator.channel(channel_id)
    shown = await cli(
        "channels", "get", channel_id, "--json", *(["--show-secrets"] if show_secrets else [])
    )
    document = json.loads(shown.out)
    document["description"] = "edited"
    edited = tmp_path / "c.json"
    edited.write_text(json.dumps(document), encoding="utf-8")
    updated = await cli("channels", "update", channel_id, "--from-json", str(edited))
    assert updated.code == EXIT_OK, updated.err
    after = emulator.channel(channel_id)
    assert after["description"] == "edited"
    changed = {
        path
        for path, value in _leaves(after).items()
        if _leaves(before).get(path) != value and path not in ("description", "updatedAt")
    }
    assert changed == set()
    assert "***" not in json.dumps(after)  # a placeholder is never stored as a value


async def test_every_secret_of_a_channel_is_hidden_and_restored(
    cli: Cli, emulator: SigmaEmulator, tmp_path: Path
) -> None:
    """The class of item 6: every secret path the spec lists for a channel."""
    channel_id = await _full_channel(cli, tmp_path, emulator)
    document = json.loads((await cli("channels", "get", channel_id, "--json")).out)
    leaves = _leaves(document)
    for path in SECRET_PATHS["Channel"]:
        assert leaves[path] == "***", path
    listed = json.loads((await cli("channels", "list", "--json")).out.splitlines()[0])
    for path in SECRET_PATHS["Channel"]:
        assert _leaves(listed)[path] == "***", path
    details = (await cli("channels", "get", channel_id)).out
    for secret in ("AKIA-ROUND-TRIP-01", "s3-Round-Trip-Secret-01"):
        assert secret not in details + json.dumps(document)
    assert emulator.channel(channel_id)["input"]["streamToken"] not in details


async def test_a_create_from_a_redacted_document_is_refused(
    cli: Cli, emulator: SigmaEmulator, tmp_path: Path
) -> None:
    channel_id = await _full_channel(cli, tmp_path, emulator)
    document = json.loads((await cli("channels", "get", channel_id, "--json")).out)
    copy = tmp_path / "copy.json"
    copy.write_text(json.dumps(document), encoding="utf-8")
    emulator.stats.reset()
    refused = await cli("channels", "create", "--from-json", str(copy), "--name", "copy")
    assert refused.code == EXIT_USAGE
    assert "destinationCatchup.s3.accessKey" in refused.err
    assert emulator.stats.received["createChannel"] == 0
    revealed = await cli("channels", "get", channel_id, "--json", "--show-secrets")
    copy.write_text(revealed.out, encoding="utf-8")
    cloned = await cli("channels", "create", "--from-json", str(copy), "--name", "copy", "--json")
    assert cloned.code == EXIT_OK, cloned.err
    s3 = emulator.channel(json.loads(cloned.out)["id"])["destinationCatchup"]["s3"]
    assert s3["secretKey"] == "s3-Round-Trip-Secret-01"
    assert "ignored the field(s) the server sets" in cloned.err


async def test_flags_override_the_file_before_it_is_checked(
    cli: Cli, emulator: SigmaEmulator, tmp_path: Path
) -> None:
    """Item 7: a flag replaces the file's value before validation."""
    body = tmp_path / "bad-name.json"
    body.write_text(json.dumps({"name": "x" * 80, "stopTimeout": 0}), encoding="utf-8")
    outcome = await cli(
        "channels", "create", "--from-json", str(body), "--name", "ok", "--stop-timeout", "5"
    )
    assert outcome.code == EXIT_OK, outcome.err
    (record,) = emulator.channels()
    assert (record["name"], record["stopTimeout"]) == ("ok", 5)


@pytest.mark.parametrize("model", [ChannelCreate, ChannelUpdate])
async def test_every_misspelled_key_is_named(
    cli: Cli, client: SigmaClient, emulator: SigmaEmulator, tmp_path: Path, model: type
) -> None:
    """Item 7, over every field of both request models: a typo never vanishes."""
    from sigma_async.cli._library import wire_names

    (channel_id,) = [
        c.id for c in (await client.channels.bulk_create([ChannelCreate(name="t")])).values
    ]
    typos = {key[::-1] + "x": 1 for key in wire_names(model)}
    body = tmp_path / "typos.json"
    body.write_text(json.dumps({"name": "n", **typos}), encoding="utf-8")
    emulator.stats.reset()
    argv = (
        ("channels", "create", "--from-json", str(body))
        if model is ChannelCreate
        else ("channels", "update", channel_id, "--from-json", str(body))
    )
    outcome = await cli(*argv)
    assert outcome.code == EXIT_USAGE
    for typo in typos:
        assert typo in outcome.err
    assert sum(emulator.stats.received.values()) == 0


async def test_tags_can_be_cleared_and_the_description_nulled(
    cli: Cli, client: SigmaClient, emulator: SigmaEmulator
) -> None:
    """Item 9."""
    channel = await client.channels.create(
        ChannelCreate(name="c", tags=["x", "y"], description="text")
    )
    outcome = await cli("channels", "update", channel.id, "--clear-tags", "--clear-description")
    assert outcome.code == EXIT_OK, outcome.err
    record = emulator.channel(channel.id)
    assert record["tags"] == []
    assert record["description"] is None
    both = await cli("channels", "update", channel.id, "--clear-tags", "--tag", "z")
    assert both.code == EXIT_USAGE
    assert "--clear-tags" in both.err


@pytest.mark.parametrize("command", ["list", "watch"])
async def test_events_of_a_missing_session_is_not_found(cli: Cli, command: str) -> None:
    """Item 10: a NotFound message and exit 1, not an empty list or a watch that never ends."""
    extra = ("--poll-interval", "0.01") if command == "watch" else ()
    outcome = await cli("events", command, "no-such-session", *extra)
    assert outcome.code == EXIT_API_ERROR
    assert "NotFoundError" in outcome.err
    assert outcome.out == ""


DESTRUCTIVE = [
    ("channels", "stop", "--all"),
    ("channels", "delete", "--all"),
    ("channels", "stop", "--tag", "t"),
    ("channels", "delete", "--status", "idle"),
]


@pytest.mark.parametrize("argv", DESTRUCTIVE, ids=" ".join)
async def test_a_destructive_command_without_a_terminal_or_yes_exits_2(
    cli: Cli, client: SigmaClient, emulator: SigmaEmulator, argv: tuple[str, ...]
) -> None:
    """Item 11: no terminal and no --yes: refused at once, saying so, nothing changed."""
    await client.channels.bulk_create([ChannelCreate(name=n, tags=["t"]) for n in "ab"])
    emulator.stats.reset()
    outcome = await cli(*argv, terminal_input=False)
    assert outcome.code == EXIT_USAGE
    assert "no terminal" in outcome.err
    assert "--yes" in outcome.err
    assert emulator.stats.applied.total() == 0


async def test_the_demo_against_an_account_without_a_terminal_exits_2(
    cli: Cli, emulator: SigmaEmulator
) -> None:
    outcome = await cli("demo", "--channels", "2", terminal_input=False)
    assert outcome.code == EXIT_USAGE
    assert "--yes" in outcome.err
    assert sum(emulator.stats.received.values()) == 0


def _commands(
    group: click.Group, prefix: tuple[str, ...] = ()
) -> list[tuple[tuple[str, ...], click.Command]]:
    ctx = click.Context(group)
    found: list[tuple[tuple[str, ...], click.Command]] = []
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None
        if isinstance(command, click.Group):
            found += _commands(command, (*prefix, name))
        else:
            found.append(((*prefix, name), command))
    return found


def _bad_values() -> list[tuple[tuple[str, ...], str, str]]:
    """Every numeric option of every command, with a value it must refuse."""
    cases = []
    for path, command in _commands(root):
        arguments = [p for p in command.params if isinstance(p, click.Argument)]
        fill = ["x"] * sum(1 for a in arguments if a.required)
        for param in command.params:
            if not isinstance(param, click.Option):
                continue
            flag = max(param.opts, key=len)
            if isinstance(param.type, AtLeast):
                bad = str(param.type.minimum - 1)
            elif isinstance(param.type, Positive):
                bad = "-1"
            else:
                continue
            cases.append(((*path, *fill), flag, bad))
    return cases


BAD_VALUES = _bad_values()


def test_the_sweep_covers_the_flags_the_issue_names() -> None:
    flags = {(path[:2], flag) for path, flag, _ in BAD_VALUES}
    assert (("channels", "list"), "--limit") in flags
    assert (("sessions", "wait"), "--wait-timeout") in flags
    assert (("channels", "start"), "--concurrency") in flags
    assert len(BAD_VALUES) >= 20


@pytest.mark.parametrize(("argv", "flag", "bad"), BAD_VALUES, ids=lambda v: str(v))
async def test_every_invalid_flag_value_is_refused_before_anything_runs(
    cli: Cli, emulator: SigmaEmulator, argv: tuple[str, ...], flag: str, bad: str
) -> None:
    """Item 19, over every numeric option of every command: named by its flag, nothing sent."""
    outcome = await cli(*argv, f"{flag}={bad}")
    assert outcome.code == EXIT_USAGE, outcome
    assert flag in outcome.err
    assert outcome.out == ""
    assert sum(emulator.stats.received.values()) == 0


LIBRARY_WORDS = (
    "__init__",
    "allow_insecure_http",
    "rate_limit",
    "ChannelCreate.",
    "ChannelUpdate.",
)


@pytest.mark.parametrize(
    ("argv", "flag"),
    [
        (("channels", "create"), "--name"),
        (("channels", "create", "--name", "x" * 51), "--name"),
        (("channels", "create", "--name", "n", "--stop-timeout", "0"), "--stop-timeout"),
        (("channels", "update", "id", "--description", "d" * 300), "--description"),
        (("channels", "list", "--sort", "nonsense"), "--sort"),
    ],
)
async def test_messages_name_the_flag_not_the_library(
    cli: Cli, argv: tuple[str, ...], flag: str
) -> None:
    outcome = await cli(*argv)
    assert outcome.code == EXIT_USAGE, outcome
    assert flag in outcome.err
    for word in LIBRARY_WORDS:
        assert word not in outcome.err


async def test_plain_http_message_names_the_flag(cli: Cli) -> None:
    # One command line, two promises: it is refused, and the message names the flag typed.
    account = cli.account()
    account[1] = "http://api.example.test"
    outcome = await cli(*account, "channels", "list", account=False)
    assert outcome.code == EXIT_USAGE
    assert "refusing plain http://" in outcome.err
    assert "--base-url" in outcome.err
    assert "allow_insecure_http" not in outcome.err
