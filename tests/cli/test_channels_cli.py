"""``sigma-async channels ...`` end to end against the emulator."""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path

import pytest

from sigma_async import ChannelCreate, SigmaClient
from sigma_async.cli import EXIT_API_ERROR, EXIT_OK, EXIT_USAGE
from sigma_async.testing import SigmaEmulator

from .conftest import Cli

S3_BODY = {
    "name": "with-catchup",
    "catchup": True,
    "destinationCatchup": {
        "type": "s3",
        "s3": {
            "accessKey": "AKIA-ACCESS-0001",
            "bucket": "vod",
            "endpoint": "https://s3.example.test",
            "secretKey": "s3-Secret-Value-0001",
            "region": "ap-southeast-1",
            "segmentPrefix": None,
        },
    },
}


async def make(client: SigmaClient, *names: str, tags: list[str] | None = None) -> list[str]:
    result = await client.channels.bulk_create([ChannelCreate(name=n, tags=tags) for n in names])
    result.raise_for_errors()
    return [channel.id for channel in result.values]


async def test_create_then_get_and_list(cli: Cli, emulator: SigmaEmulator) -> None:
    created = await cli(
        "channels", "create", "--name", "news", "--tag", "tv", "--mode", "low-latency"
    )
    assert created.code == EXIT_OK, created.err
    assert "name:" in created.out
    assert "news" in created.out
    (record,) = emulator.channels()
    assert record["name"] == "news"
    assert record["tags"] == ["tv"]
    assert record["mode"] == "low-latency"

    shown = await cli("channels", "get", record["id"], "--json")
    assert shown.code == EXIT_OK
    document = json.loads(shown.out)
    assert document["id"] == record["id"]
    assert document["stopTimeout"] == 30  # wire names, the service's defaults

    listed = await cli("channels", "list")
    assert listed.code == EXIT_OK
    header, row = listed.out.splitlines()
    assert header.split()[:3] == ["ID", "NAME", "STATUS"]
    assert row.split()[:3] == [record["id"], "news", "idle"]
    assert "1 channel(s)" in listed.err


async def test_list_json_lines_and_filters(cli: Cli, client: SigmaClient) -> None:
    tv = await make(client, "a", "b", "c", tags=["tv"])
    await make(client, "d", tags=["radio"])
    await client.channels.bulk_start(tv[:2])
    every = await cli("--json", "channels", "list")
    assert every.code == EXIT_OK
    assert len([json.loads(line) for line in every.out.splitlines()]) == 4
    active_tv = await cli("channels", "list", "--json", "--tag", "tv", "--status", "active")
    assert {json.loads(line)["id"] for line in active_tv.out.splitlines()} == set(tv[:2])
    raw = await cli("channels", "list", "--json", "--q", '{"name": "d"}')
    assert [json.loads(line)["name"] for line in raw.out.splitlines()] == ["d"]
    limited = await cli("channels", "list", "--limit", "2")
    assert len(limited.out.splitlines()) == 3  # heading and two rows


async def test_s3_keys_only_with_show_secrets(cli: Cli, tmp_path: Path) -> None:
    body = tmp_path / "channel.json"
    body.write_text(json.dumps(S3_BODY), encoding="utf-8")
    created = await cli("channels", "create", "--from-json", str(body), "--json")
    assert created.code == EXIT_OK, created.err
    document = json.loads(created.out)
    s3 = document["destinationCatchup"]["s3"]
    assert s3["accessKey"] == s3["secretKey"] == "***"
    assert s3["bucket"] == "vod"
    for args in (("channels", "get", document["id"]), ("channels", "list", "--json")):
        plain = await cli(*args)
        assert "s3-Secret-Value-0001" not in plain.out
        assert "AKIA-ACCESS-0001" not in plain.out
    shown = await cli("channels", "get", document["id"], "--show-secrets")
    assert "s3-Secret-Value-0001" in shown.out
    assert "AKIA-ACCESS-0001" in shown.out


async def test_from_json_on_stdin_with_flags_overriding(cli: Cli, emulator: SigmaEmulator) -> None:
    outcome = await cli(
        "channels", "create", "--from-json", "-", "--name", "override", stdin=json.dumps(S3_BODY)
    )
    assert outcome.code == EXIT_OK, outcome.err
    (record,) = emulator.channels()
    assert record["name"] == "override"
    assert record["catchup"] is True


async def test_update(cli: Cli, client: SigmaClient, emulator: SigmaEmulator) -> None:
    (channel_id,) = await make(client, "before")
    outcome = await cli("channels", "update", channel_id, "--name", "after", "--no-record")
    assert outcome.code == EXIT_OK, outcome.err
    assert emulator.channel(channel_id)["name"] == "after"
    nothing = await cli("channels", "update", channel_id)
    assert nothing.code == EXIT_USAGE
    assert "nothing to change" in nothing.err


async def test_create_count_runs_a_bulk_create(cli: Cli, emulator: SigmaEmulator) -> None:
    outcome = await cli("channels", "create", "--name", "batch", "--count", "12", "--json")
    assert outcome.code == EXIT_OK, outcome.err
    records = [json.loads(line) for line in outcome.out.splitlines()]
    assert [r["item"] for r in records] == [f"batch-{n}" for n in range(1, 13)]
    assert all(r["state"] == "succeeded" and r["value"]["id"] for r in records)
    assert sorted(c["name"] for c in emulator.channels()) == sorted(r["item"] for r in records)
    assert "12 channels: 12 created" in outcome.err


async def test_start_ids_reports_each_item(
    cli: Cli, client: SigmaClient, emulator: SigmaEmulator
) -> None:
    a, b = await make(client, "a", "b")
    outcome = await cli("channels", "start", a, b, "missing-id", a)
    assert outcome.code == EXIT_API_ERROR  # one item failed
    rows = outcome.out.splitlines()
    assert rows[0].split()[:3] == ["#", "ITEM", "RESULT"]
    assert rows[1].split()[:3] == ["0", a, "succeeded"]
    assert rows[2].split()[:3] == ["1", b, "succeeded"]
    assert rows[3].split()[:3] == ["2", "missing-id", "failed"]
    assert "NotFoundError" in rows[3]
    assert rows[4].split()[:3] == ["3", a, "duplicate"]
    assert "4 channels: 2 started, 1 failed, 1 duplicate (sent once)" in outcome.err
    assert emulator.channel(a)["status"] == emulator.channel(b)["status"] == "active"


async def test_stop_selection_asks_first(
    cli: Cli, client: SigmaClient, emulator: SigmaEmulator
) -> None:
    ids = await make(client, "a", "b", "c")
    await client.channels.bulk_start(ids)
    emulator.stats.reset()
    declined = await cli("channels", "stop", "--all", stdin="n\n")
    assert declined.code == EXIT_API_ERROR
    assert "Stop 3 channel(s) (all channels)? [y/N]" in declined.err
    assert "nothing was changed" in declined.err
    no_answer = await cli("channels", "stop", "--status", "active", stdin="")
    assert no_answer.code == EXIT_API_ERROR
    assert emulator.stats.received["stopChannel"] == 0
    accepted = await cli("channels", "stop", "--status", "active", "--json", stdin="y\n")
    assert accepted.code == EXIT_OK, accepted.err
    assert [json.loads(line)["state"] for line in accepted.out.splitlines()] == ["succeeded"] * 3
    assert all(emulator.channel(i)["status"] == "stop" for i in ids)


async def test_delete_by_tag_with_yes(
    cli: Cli, client: SigmaClient, emulator: SigmaEmulator
) -> None:
    doomed = await make(client, "a", "b", tags=["old"])
    kept = await make(client, "c", tags=["new"])
    outcome = await cli("channels", "delete", "--tag", "old", "--yes")
    assert outcome.code == EXIT_OK, outcome.err
    assert "[y/N]" not in outcome.err
    assert [c["id"] for c in emulator.channels()] == kept
    assert {line.split()[1] for line in outcome.out.splitlines()[1:]} == set(doomed)
    none_left = await cli("channels", "delete", "--tag", "old", "--yes")
    assert none_left.code == EXIT_OK
    assert "no channels match" in none_left.err


async def test_one_named_channel_is_stopped_without_asking(cli: Cli, client: SigmaClient) -> None:
    (channel_id,) = await make(client, "solo")
    outcome = await cli("channels", "stop", channel_id)
    assert outcome.code == EXIT_OK
    assert "[y/N]" not in outcome.err


async def test_progress_bar_on_a_terminal_only(cli: Cli, client: SigmaClient) -> None:
    ids = await make(client, *[f"c{n}" for n in range(5)])
    on_tty = await cli("channels", "start", *ids, interactive=True)
    # rich's bar (was a hand-drawn "\rstarting [###...]"): title, count, rate and ETA.
    drawn = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", on_tty.err)
    assert "starting" in drawn
    assert "5/5" in drawn
    assert "/s" in drawn
    assert "eta" in drawn
    piped = await cli("channels", "stop", *ids, "--yes")
    assert "\r" not in piped.err
    assert "\x1b" not in piped.err
    assert "stopping" not in piped.err


async def test_usage_errors_exit_2(cli: Cli) -> None:
    cases = [
        (("channels", "start"), "name the channels"),
        (("channels", "stop", "some-id", "--all"), "not both"),
        (("channels", "frobnicate"), "invalid choice"),
        (("channels", "list", "--q", "[1]"), "JSON object"),
        (("channels", "list", "--q", "{"), "not JSON"),
        (("channels", "create"), "incomplete channel settings"),
        (("channels", "create", "--name", "x" * 51), "at most 50"),
        (("channels", "start", "x", "--concurrency", "0"), "concurrency"),
    ]
    for argv, message in cases:
        outcome = await cli(*argv)
        assert outcome.code == EXIT_USAGE, argv
        assert message in outcome.err, (argv, outcome.err)


async def test_api_errors_exit_1_with_the_message_on_stderr(cli: Cli) -> None:
    outcome = await cli("channels", "get", "no-such-channel")
    assert outcome.code == EXIT_API_ERROR
    assert outcome.out == ""
    assert outcome.err.startswith("sigma-async: error: NotFoundError: 404 GET")


async def test_wrong_secret_is_an_api_error_that_does_not_echo_it(cli: Cli) -> None:
    account = cli.account()
    account[account.index("--secret-key") + 1] = "wrong-Secret-9876"
    outcome = await cli(*account, "channels", "list", account=False)
    assert outcome.code == EXIT_API_ERROR
    assert "AuthenticationError" in outcome.err
    assert "wrong-Secret-9876" not in outcome.err


async def test_an_interrupted_bulk_command_still_reports_every_item(
    cli: Cli, client: SigmaClient, emulator: SigmaEmulator
) -> None:
    ids = await make(client, *[f"c{n}" for n in range(10)])
    emulator.faults.add("latency", operation="startChannel", delay=2.0)
    running = asyncio.ensure_future(cli("channels", "start", *ids, "--concurrency", "2"))
    # The emulator's counters have no event to wait on: poll them.
    while emulator.stats.received["startChannel"] < 2:  # noqa: ASYNC110
        await asyncio.sleep(0.005)
    running.cancel()  # what Ctrl-C does to the command's task
    with pytest.raises(asyncio.CancelledError):
        await running
    # The outcome never came back through `cli`, so read what the command printed.
    printed = cli.last_stdout.getvalue().splitlines()
    states = [line.split()[2] for line in printed[1:]]
    assert states == ["cancelled"] * 2 + ["not_started"] * 8


async def test_bulk_create_prints_the_new_ids(cli: Cli, emulator: SigmaEmulator) -> None:
    table = await cli("channels", "create", "--name", "ids", "--count", "3")
    assert table.code == EXIT_OK, table.err
    ids = {c["id"] for c in emulator.channels()}
    assert table.out.splitlines()[0].split()[:4] == ["#", "ITEM", "RESULT", "ID"]
    assert {line.split()[3] for line in table.out.splitlines()[1:]} == ids
    quiet = await cli("channels", "create", "--name", "q", "--count", "2", "-q")
    assert len(set(quiet.out.split()) - ids) == 2
