"""Every command that acts on an account reads it from the same sources, in the same order.

The order (flags > environment > env file > profile) is ``sigma_async._settings``'; this sweep
runs each such command with the right account at one level and a wrong one at every level below
it: the command succeeds only if it read that level and let it win. The env file carries the
names ``SigmaClient.from_env`` documents, and the library resolves the same sources the same way.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import click
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sigma_async import ChannelCreate, SigmaClient, SigmaValidationError
from sigma_async._config import settings_from_env
from sigma_async._settings import ACCOUNT_VARIABLES, variable_names
from sigma_async.cli import EXIT_OK
from sigma_async.cli.app import root
from sigma_async.cli.credentials import account_settings
from sigma_async.cli.exits import UsageError
from sigma_async.cli.options import GlobalOptions
from sigma_async.testing import SigmaEmulator

from .conftest import CREDENTIALS, Cli

LEVELS = ("flags", "environment", "env file", "profile")
WRONG = {
    "base_url": "http://127.0.0.1:9",  # nothing listens there
    "username": "wrong-user",
    "secret_key": "wrong-Secret-000",
    "app_id": "wrong-app",
}

# Every command that acts on an account -> its arguments, from the ids of a fresh world.
ACCOUNT_COMMANDS: dict[str, Callable[[dict[str, str]], list[str]]] = {
    "channels create": lambda w: ["--name", "sweep-made"],
    "channels delete": lambda w: [w["idle"], "--yes"],
    "channels get": lambda w: [w["live_channel"]],
    "channels list": lambda w: [],
    "channels start": lambda w: [w["idle"]],
    "channels stop": lambda w: [w["started"], "--yes"],
    "channels update": lambda w: [w["live_channel"], "--description", "swept"],
    "sessions get": lambda w: [w["live"]],
    "sessions list": lambda w: ["--channel", w["live_channel"]],
    "sessions status": lambda w: [w["live"]],
    "sessions wait": lambda w: [w["live"], "--for", "live", "--wait-timeout", "30"],
    "events list": lambda w: [w["live"]],
    "events watch": lambda w: [w["ended"], "--wait-timeout", "30"],
    "emulator publish": lambda w: [w["started"]],
    "emulator interrupt": lambda w: [w["live"]],
    "emulator recover": lambda w: [w["interrupted"]],
    "emulator advance": lambda w: ["1"],
    "contract check": lambda w: [],
    "doctor": lambda w: [],
}
# Commands that take an account's settings but need none, and why they are not swept.
NO_ACCOUNT_NEEDED = {
    "demo": "runs on an embedded emulator without an account (test_demo_cli covers both)",
    "emulator serve": "the settings choose the served emulator's credentials: none are used",
}


def _leaf_commands(command: click.Command, path: tuple[str, ...] = ()) -> Iterator[str]:
    if isinstance(command, click.Group):
        ctx = click.Context(command)
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            assert sub is not None
            yield from _leaf_commands(sub, (*path, name))
    else:
        yield " ".join(path)


def test_the_sweep_covers_every_command() -> None:
    assert set(_leaf_commands(root)) == set(ACCOUNT_COMMANDS) | set(NO_ACCOUNT_NEEDED)


@pytest.fixture
async def manual_emulator() -> AsyncIterator[SigmaEmulator]:
    # A manual clock: `emulator advance` works, and nothing changes between the steps.
    async with SigmaEmulator(seed=5, credentials=CREDENTIALS, clock="manual") as emu:
        yield emu


async def _world(emulator: SigmaEmulator) -> dict[str, str]:
    """Channels and sessions in the states the commands act on."""
    async with emulator.client() as client:

        async def channel(name: str, *, started: bool) -> str:
            created = await client.channels.create(ChannelCreate(name=name))
            if started:
                await client.channels.start(created.id)
            return created.id

        world = {
            "idle": await channel("idle", started=False),
            "started": await channel("started", started=True),
            "live_channel": await channel("live", started=True),
        }
        world["live"] = emulator.publish(world["live_channel"], live=True)
        world["interrupted"] = emulator.publish(await channel("cut", started=True), live=True)
        ending = await channel("ending", started=True)
        world["ended"] = emulator.publish(ending, live=True)
        await client.channels.stop(ending)
    emulator.advance(3600)  # the stopped channel's session ends
    emulator.interrupt(world["interrupted"])
    return world


def _account(emulator: SigmaEmulator) -> dict[str, str]:
    return {
        "base_url": emulator.base_url,
        "username": CREDENTIALS.username,
        "secret_key": CREDENTIALS.secret_key,
        "app_id": CREDENTIALS.app_id,
    }


def _give(
    level: str,
    values: dict[str, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> list[str]:
    """Give ``values`` at one level; return the flags that level needs on the command line."""
    if level == "flags":
        return [f for arg, v in values.items() for f in ("--" + arg.replace("_", "-"), v)]
    if level == "environment":
        for argument, value in values.items():
            monkeypatch.setenv(ACCOUNT_VARIABLES[argument], value)
        return []
    if level == "env file":
        path = tmp_path / "sweep.env"
        names = variable_names()  # the names SigmaClient.from_env documents
        path.write_text("".join(f"{names[a]}={v}\n" for a, v in values.items()), "utf-8")
        return ["--env-file", str(path)]
    path = tmp_path / "config.toml"
    path.write_text(
        "[profiles.sweep]\n" + "".join(f'{a} = "{v}"\n' for a, v in values.items()), "utf-8"
    )
    monkeypatch.setenv("SIGMA_CONFIG", str(path))
    monkeypatch.setenv("SIGMA_PROFILE", "sweep")
    return []


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("command", sorted(ACCOUNT_COMMANDS))
async def test_each_command_reads_each_level_and_lets_it_win_over_those_below(
    command: str,
    level: str,
    manual_emulator: SigmaEmulator,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("SIGMA_PROFILE", raising=False)
    monkeypatch.setenv("SIGMA_CONFIG", str(tmp_path / "absent.toml"))
    world = await _world(manual_emulator)
    below = LEVELS[LEVELS.index(level) + 1 :]
    flags: list[str] = []
    for lower in below:  # each lower level gives a wrong account: it must lose
        (tmp_path / lower.replace(" ", "-")).mkdir()
        flags += _give(lower, WRONG, tmp_path / lower.replace(" ", "-"), monkeypatch)
    flags += _give(level, _account(manual_emulator), tmp_path, monkeypatch)
    outcome = await Cli(manual_emulator)(
        *flags, *command.split(), *ACCOUNT_COMMANDS[command](world), account=False
    )
    assert outcome.code == EXIT_OK, (command, level, outcome.err)


MAPPED = {"username": "ACCOUNT", "secret_key": "SECRET", "app_id": "APP", "base_url": "HOST"}


@pytest.mark.parametrize("command", sorted(ACCOUNT_COMMANDS))
async def test_each_command_reads_an_env_file_with_mapped_names_as_from_env_does(
    command: str,
    manual_emulator: SigmaEmulator,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Issue 11 item 25: ``--env-name SETTING=NAME`` is ``from_env(variables=...)``: the mapped
    names are read (environment and file alike), and the default ones no longer are."""
    monkeypatch.setenv("SIGMA_CONFIG", str(tmp_path / "absent.toml"))
    for argument, value in WRONG.items():
        monkeypatch.setenv(ACCOUNT_VARIABLES[argument], value)  # not read once mapped
    path = tmp_path / "console.env"
    account = _account(manual_emulator)
    path.write_text("".join(f"{MAPPED[a]}={v}\n" for a, v in account.items()), "utf-8")
    mapping = [f for a, name in MAPPED.items() for f in ("--env-name", f"{a}={name}")]
    world = await _world(manual_emulator)
    outcome = await Cli(manual_emulator)(
        "--env-file",
        str(path),
        *mapping,
        *command.split(),
        *ACCOUNT_COMMANDS[command](world),
        account=False,
    )
    assert outcome.code == EXIT_OK, (command, outcome.err)
    assert settings_from_env(path, names=MAPPED) == account


def _options_for(tmp_path: Path, file_values: dict[str, str]) -> GlobalOptions:
    path = tmp_path / "agree.env"
    path.write_text("".join(f"{k}={v}\n" for k, v in file_values.items()), "utf-8")
    return GlobalOptions(env_file=str(path))


_VALUES = st.sampled_from(["", "a", "b"])


@given(
    environ=st.dictionaries(st.sampled_from(sorted(ACCOUNT_VARIABLES.values())), _VALUES),
    file_values=st.dictionaries(st.sampled_from(sorted(ACCOUNT_VARIABLES.values())), _VALUES),
)
def test_the_library_and_the_cli_resolve_environment_and_env_file_alike(
    tmp_path_factory: pytest.TempPathFactory,
    environ: dict[str, str],
    file_values: dict[str, str],
) -> None:
    """``from_env`` and the CLI agree on every mix, empty values included (an empty value
    gives nothing, so the file's value is used)."""
    tmp_path = tmp_path_factory.mktemp("agree")
    options = _options_for(tmp_path, file_values)
    no_profile = {"SIGMA_CONFIG": str(tmp_path / "absent.toml")}
    cli = account_settings(options, environ={**environ, **no_profile})
    try:
        library: dict[str, str] | None = settings_from_env(options.env_file, environ=environ)
    except SigmaValidationError:
        library = None
    if cli.missing:
        assert library is None
    else:
        assert library == dict(cli.values)


@pytest.mark.parametrize(
    "text",
    [
        'SIGMA_SECRET_KEY="open-quote-Secret\nSIGMA_APP_ID=a\n',
        "NOT A LINE\n",
    ],
)
def test_the_library_and_the_cli_refuse_the_same_env_files(tmp_path: Path, text: str) -> None:
    path = tmp_path / "bad.env"
    path.write_text(text, "utf-8")
    with pytest.raises(SigmaValidationError, match="is not KEY=VALUE"):
        SigmaClient.from_env(path)
    with pytest.raises(UsageError, match="is not KEY=VALUE"):
        account_settings(GlobalOptions(env_file=str(path)), environ={"SIGMA_CONFIG": "/absent"})


def test_from_env_resolves_like_the_cli_empty_and_mapped_names_included(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An empty variable gives nothing (the file's value is used); a mapped name is read from
    both sources, the environment first: ``_settings.resolve_account``'s rules."""
    path = tmp_path / "console.env"
    path.write_text(
        f"SIGMA_USERNAME={CREDENTIALS.username}\nSECRET=file-secret\nSIGMA_APP_ID=file-app\n",
        "utf-8",
    )
    monkeypatch.setenv("SIGMA_USERNAME", "")
    monkeypatch.setenv("SIGMA_APP_ID", CREDENTIALS.app_id)
    monkeypatch.setenv("SECRET", CREDENTIALS.secret_key)
    settings = settings_from_env(path, names={"secret_key": "SECRET"})
    assert settings == {
        "username": CREDENTIALS.username,
        "secret_key": CREDENTIALS.secret_key,
        "app_id": CREDENTIALS.app_id,
    }
    client = SigmaClient.from_env(path, variables={"secret_key": "SECRET"})
    assert (client.username, client.app_id) == (CREDENTIALS.username, CREDENTIALS.app_id)
