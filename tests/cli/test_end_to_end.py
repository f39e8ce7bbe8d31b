"""Every command end to end, through click's CliRunner and as a subprocess, against a standalone
emulator (``emulator serve --json --manual-clock``); pipes between commands."""

from __future__ import annotations

import json
import shlex
from collections.abc import Callable

import click
import pytest
from click.testing import CliRunner

from sigma_async.cli.app import root

from .conftest import BASIC_TOKEN, CREDENTIALS
from .standalone import Standalone, entry_point, run_process
from .test_hardening_cli import _commands

Runner = Callable[..., tuple[int, str, str]]


def _by_runner(env: dict[str, str]) -> Runner:
    def run(*argv: str) -> tuple[int, str, str]:
        result = CliRunner().invoke(root, list(argv), env=env, catch_exceptions=False)
        return result.exit_code, result.stdout, result.stderr

    return run


def _by_subprocess(standalone: Standalone) -> Runner:
    def run(*argv: str) -> tuple[int, str, str]:
        done = standalone.run(*argv)
        return done.returncode, done.stdout, done.stderr

    return run


# Every leaf command, in an order that gives each the ids it needs. `emulator serve` is the
# fixture itself (a subprocess); the demo runs below on its own.
SCENARIO = [
    "channels create --name e2e --tag e2e --json",
    "channels list --tag e2e",
    "channels get {channel}",
    "channels update {channel} --description changed --clear-tags",
    "channels start {channel}",
    "emulator publish {channel} --live",
    "sessions list --channel {channel}",
    "sessions get {session}",
    "sessions status {session}",
    "sessions wait {session} --for live --wait-timeout 5 --poll-interval 0.01",
    "contract check",
    "doctor",
    "emulator interrupt {session}",
    "emulator advance 1",
    "emulator recover {session}",
    "events list {session}",
    "channels stop {channel}",
    "events watch {session} --poll-interval 0.01 --wait-timeout 10",
    "channels delete {channel}",
]


def test_the_scenario_covers_every_command() -> None:
    covered = {tuple(step.split()[:2]) for step in SCENARIO}
    every = {path for path, _ in _commands(root)}
    assert every - covered == {("demo",), ("emulator", "serve")}


def _play(run: Runner) -> None:
    ids: dict[str, str] = {}
    for step in SCENARIO:
        argv = shlex.split(step.format(**ids))
        code, out, err = run(*argv)
        assert code == 0, (step, out, err)
        for text in (out, err):
            assert CREDENTIALS.secret_key not in text
            assert BASIC_TOKEN not in text
        if step.startswith("channels create"):
            ids["channel"] = json.loads(out)["id"]
        if step.startswith("emulator publish"):
            ids["session"] = out.strip()
        if step.startswith("channels update"):
            assert "changed" in out
        if step == "contract check":
            assert "no drift" in out
        if step == "doctor":
            assert "all checks passed" in out
        if step.startswith("events list"):
            assert "unpublished" in out
            assert "republished" in out


def test_every_command_through_click_s_runner(standalone: Standalone) -> None:
    _play(_by_runner(standalone.env))


def test_every_command_as_a_subprocess(standalone: Standalone) -> None:
    _play(_by_subprocess(standalone))


def test_the_demo_through_click_s_runner() -> None:
    from .standalone import clean_environment

    result = CliRunner().invoke(root, ["demo", "--channels", "2"], env=clean_environment())
    assert result.exit_code == 0, result.output
    assert "demo finished: every step succeeded" in result.stdout


def test_every_command_has_help_with_an_example() -> None:
    for path, _ in [((), root), *_commands(root)]:
        result = CliRunner().invoke(root, [*path, "--help"])
        assert result.exit_code == 0, path
        assert "Example" in result.stdout, path


def test_quiet_ids_pipe_into_another_command(standalone: Standalone) -> None:
    assert (
        standalone.run("channels", "create", "--name", "q", "--count", "3", "--tag", "q").returncode
        == 0
    )
    created = standalone.run("channels", "list", "-q", "--tag", "q")
    ids = created.stdout.split()
    assert len(ids) == 3
    piped = standalone.shell("{cli} channels list -q --tag q | xargs {cli} channels start -q")
    assert piped.returncode == 0, piped.stderr
    assert sorted(piped.stdout.split()) == sorted(ids)
    listed = standalone.run("channels", "list", "--json", "--tag", "q")
    assert {json.loads(line)["status"] for line in listed.stdout.splitlines()} == {"active"}
    stopped = standalone.shell(
        "{cli} channels list -q --tag q | xargs {cli} channels delete --yes -q"
    )
    assert stopped.returncode == 0, stopped.stderr
    assert standalone.run("channels", "list", "-q", "--tag", "q").stdout == ""


def test_a_reader_that_closes_the_pipe_ends_the_command_quietly(
    standalone: Standalone,
) -> None:
    """Item 12: `| head -1` exits 0 with nothing on stderr."""
    made = standalone.run("channels", "create", "--name", "pipe", "--count", "150", "--tag", "pipe")
    assert made.returncode == 0, made.stderr
    piped = standalone.shell("{cli} channels list --json --tag pipe | head -1")
    assert piped.returncode == 0, piped.stderr
    assert piped.stderr == ""
    assert json.loads(piped.stdout)["name"].startswith("pipe-")
    cleaned = standalone.run("channels", "delete", "--tag", "pipe", "--yes", "-q")
    assert cleaned.returncode == 0


def test_without_the_cli_extra_the_command_prints_the_pip_line() -> None:
    import sys

    from .standalone import clean_environment, run_process

    blocked = (
        "import sys; sys.modules['click'] = None; from sigma_async.cli import main; "
        "sys.exit(main())"
    )
    done = run_process([sys.executable, "-c", blocked, "--help"], clean_environment(), timeout=60)
    assert done.returncode == 2
    assert "pip install 'sigma-async[cli]'" in done.stderr
    assert "Traceback" not in done.stderr


def test_shell_completion_scripts(standalone: Standalone) -> None:
    for shell, marker in (("bash", "complete"), ("zsh", "compdef"), ("fish", "complete")):
        done = run_process(
            [entry_point()],
            {**standalone.env, "_SIGMA_ASYNC_COMPLETE": f"{shell}_source"},
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        assert marker in done.stdout
        assert "sigma" in done.stdout


def test_debug_prints_each_attempt_without_a_secret(standalone: Standalone) -> None:
    done = standalone.run("--debug", "channels", "list")
    assert done.returncode == 0, done.stderr
    assert "debug: GET /api/livestream/channels" in done.stderr
    assert "200" in done.stderr
    assert CREDENTIALS.secret_key not in done.stderr
    assert BASIC_TOKEN not in done.stderr


def test_dry_run_sends_nothing(standalone: Standalone) -> None:
    made = standalone.run("channels", "create", "--name", "dry", "--tag", "dry", "-q")
    channel_id = made.stdout.strip()
    for verb in ("start", "stop", "delete"):
        done = standalone.run("channels", verb, "--tag", "dry", "--dry-run", "--json")
        assert done.returncode == 0, done.stderr
        (record,) = [json.loads(line) for line in done.stdout.splitlines()]
        assert record["dryRun"] is True
        assert record["item"] == channel_id
    assert "idle" in standalone.run("channels", "get", channel_id).stdout
    standalone.run("channels", "delete", channel_id)


def test_click_group_lists_only_installed_commands() -> None:
    ctx = click.Context(root)
    assert "contract" not in root.list_commands(ctx) or root.get_command(ctx, "contract")


@pytest.mark.parametrize("argv", [("frobnicate",), ("channels", "frobnicate")])
def test_unknown_commands_list_the_choices(argv: tuple[str, ...]) -> None:
    result = CliRunner().invoke(root, list(argv))
    assert result.exit_code == 2
    assert "invalid choice" in result.stderr
