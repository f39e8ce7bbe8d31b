"""``sigma-async demo``: embedded emulator, an account (the emulator by URL), the entry point."""

from __future__ import annotations

import asyncio
import io
import json
import sys

from sigma_async.cli import EXIT_API_ERROR, EXIT_OK, EXIT_USAGE, run_cli
from sigma_async.testing import SigmaEmulator

from .conftest import Cli
from .standalone import clean_environment, entry_point, run_process

STEPS = (
    "== 1. Create 4 channels concurrently",
    "== 2. Start the 4 channels",
    "== 3. An encoder starts pushing to each channel",
    "== 4. Wait until the 4 sessions are live",
    "== 5. List the sessions",
    "== 6. Events of session",
    "== 7. Interrupt and recover session",
    "== 8. Stop the 4 channels",
    "== Events of the watched session",
    "== 9. Delete the 4 channels",
    "== Summary",
)


async def demo(*argv: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = await run_cli(["demo", *argv], stdout=out, stderr=err, stdin=io.StringIO(stdin))
    return code, out.getvalue(), err.getvalue()


async def test_demo_runs_the_lifecycle_on_the_embedded_emulator() -> None:
    code, out, err = await demo("--channels", "4", "--speed", "100")
    assert code == EXIT_OK, out + err
    positions = [out.index(step) for step in STEPS]
    assert positions == sorted(positions)
    assert "against the embedded emulator" in out
    assert "4 channels: 4 created" in out
    assert "4 channels: 4 started" in out
    assert "4 sessions opened" in out
    assert "4 sessions: 4 live" in out
    assert "input lost:     live -> error" in out
    assert "input restored: error -> live" in out
    assert "4 channels: 4 stopped" in out
    assert "4 channels: 4 deleted" in out
    assert "0 channels tagged sigma-async-demo-" in out
    watched = out[out.index("== Events of the watched session") : out.index("== Summary")]
    for action in ("published", "stable", "unpublished", "republished", "ended"):
        assert action in watched
    assert out.rstrip().endswith("demo finished: every step succeeded")


async def test_demo_json_document() -> None:
    code, out, _ = await demo("--channels", "3", "--json")
    assert code == EXIT_OK
    document = json.loads(out)
    assert document["ok"] is True
    assert [phase["name"] for phase in document["phases"]] == [
        "create",
        "start",
        "publish",
        "wait live",
        "list sessions",
        "list events",
        "interrupt+recover",
        "stop",
        "delete",
    ]
    assert all(phase["failed"] == 0 for phase in document["phases"])
    assert document["watchedEvents"][-1]["action"] == "ended"


async def test_demo_against_an_account_asks_and_explains_the_encoder_steps(
    cli: Cli, emulator: SigmaEmulator
) -> None:
    declined = await cli("demo", "--channels", "3", stdin="n\n")
    assert declined.code == EXIT_API_ERROR
    assert "in app cli-app-0001" in declined.err
    assert sum(emulator.stats.received.values()) == 0  # nothing was sent before the answer
    accepted = await cli("demo", "--channels", "3", stdin="y\ny\ny\n")
    assert accepted.code == EXIT_OK, accepted.out + accepted.err
    assert accepted.err.count("[y/N]") == 3  # create, stop, delete
    assert "against your account" in accepted.out
    assert "skipped: no encoder can be simulated on a real account" in accepted.out
    assert emulator.stats.applied["createChannel"] == 3
    assert emulator.stats.applied["deleteChannel"] == 3
    assert emulator.channels() == []


async def test_demo_against_an_account_stops_when_stop_is_declined(
    cli: Cli, emulator: SigmaEmulator
) -> None:
    outcome = await cli("demo", "--channels", "2", stdin="y\nn\n")
    assert outcome.code == EXIT_API_ERROR
    tag = next(word for word in outcome.out.split() if word.startswith("sigma-async-demo-"))
    assert f"sigma-async channels delete --tag {tag} --yes" in outcome.err
    assert len(emulator.channels()) == 2
    assert {c["status"] for c in emulator.channels()} == {"active"}


async def test_demo_against_an_account_waits_for_real_encoders(
    cli: Cli, emulator: SigmaEmulator
) -> None:
    running = asyncio.ensure_future(
        cli("demo", "--channels", "2", "--yes", "--live-timeout", "10", "--poll-interval", "0.01")
    )
    # Play the user's encoders: push to each channel once the demo has started it.
    published: set[str] = set()
    while len(published) < 2:
        for channel in emulator.channels():
            if channel["status"] == "active" and channel["id"] not in published:
                emulator.publish(channel["id"], live=True)
                published.add(channel["id"])
        await asyncio.sleep(0.005)
    outcome = await asyncio.wait_for(running, 20)
    assert outcome.code == EXIT_OK, outcome.out + outcome.err
    assert "2 of the channels have a session" in outcome.out
    assert "2 sessions: 2 live" in outcome.out
    assert "skipped: only the emulator can drop an encoder's input" in outcome.out
    assert "== Events of the watched session" in outcome.out
    assert emulator.channels() == []


async def test_demo_usage_errors() -> None:
    for argv in (("--channels", "0"), ("--speed", "0"), ("--concurrency", "0")):
        code, _, err = await demo(*argv)
        assert code == EXIT_USAGE, argv
        assert "must be" in err


def test_installed_entry_point_runs_the_demo() -> None:
    completed = run_process([entry_point(), "demo", "--channels", "3"], clean_environment())
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "demo finished: every step succeeded" in completed.stdout
    assert "3 channels: 3 deleted" in completed.stdout


def test_installed_entry_point_exit_codes() -> None:
    usage = run_process([entry_point(), "channels", "list"], clean_environment(), timeout=60)
    assert usage.returncode == 2
    assert "no account" in usage.stderr
    module = run_process(
        [sys.executable, "-m", "sigma_async.cli", "--help"], clean_environment(), timeout=60
    )
    assert module.returncode == 0
    assert "sigma-async" in module.stdout
