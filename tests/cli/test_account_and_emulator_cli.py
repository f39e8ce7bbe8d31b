"""Where the CLI's account comes from, and ``sigma-async emulator``."""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path

import pytest

from sigma_async import __version__
from sigma_async.cli import EXIT_OK, EXIT_USAGE, run_cli
from sigma_async.testing import SigmaEmulator

from .conftest import CREDENTIALS, Cli, serving


async def test_account_from_the_environment(
    cli: Cli, emulator: SigmaEmulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SIGMA_BASE_URL", emulator.base_url)
    monkeypatch.setenv("SIGMA_USERNAME", CREDENTIALS.username)
    monkeypatch.setenv("SIGMA_SECRET_KEY", CREDENTIALS.secret_key)
    monkeypatch.setenv("SIGMA_APP_ID", CREDENTIALS.app_id)
    outcome = await cli("channels", "list", account=False)
    assert outcome.code == EXIT_OK, outcome.err


async def test_flags_win_over_the_environment_which_wins_over_the_env_file(
    cli: Cli, emulator: SigmaEmulator, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    env_file = tmp_path / "sigma.env"
    env_file.write_text(
        f"SIGMA_BASE_URL={emulator.base_url}\n"
        f"SIGMA_USERNAME={CREDENTIALS.username}\n"
        "SIGMA_SECRET_KEY=file-Secret-is-wrong\n"
        f"SIGMA_APP_ID={CREDENTIALS.app_id}\n",
        encoding="utf-8",
    )
    refused = await cli("--env-file", str(env_file), "channels", "list", account=False)
    assert refused.code == 1
    assert "AuthenticationError" in refused.err
    monkeypatch.setenv("SIGMA_SECRET_KEY", CREDENTIALS.secret_key)
    from_env = await cli("--env-file", str(env_file), "channels", "list", account=False)
    assert from_env.code == EXIT_OK, from_env.err
    monkeypatch.setenv("SIGMA_SECRET_KEY", "env-Secret-is-wrong")
    flag = await cli(
        "channels",
        "list",
        "--env-file",
        str(env_file),
        "--secret-key",
        CREDENTIALS.secret_key,
        account=False,
    )
    assert flag.code == EXIT_OK, flag.err


async def test_missing_account_is_a_usage_error(cli: Cli, tmp_path: Path) -> None:
    outcome = await cli("channels", "list", "--username", "someone", account=False)
    assert outcome.code == EXIT_USAGE
    assert "--secret-key (or SIGMA_SECRET_KEY)" in outcome.err
    assert "--app-id (or SIGMA_APP_ID)" in outcome.err
    unreadable = await cli("--env-file", str(tmp_path / "absent.env"), "channels", "list")
    assert unreadable.code == EXIT_USAGE
    assert "cannot read --env-file" in unreadable.err


async def test_help_and_unknown_commands() -> None:
    out, err = io.StringIO(), io.StringIO()
    assert await run_cli(["--help"], stdout=out, stderr=err) == EXIT_OK
    assert "channels" in out.getvalue()
    assert "exit status: 0 ok, 1 API error" in out.getvalue()
    out, err = io.StringIO(), io.StringIO()
    assert await run_cli(["videos", "list"], stdout=out, stderr=err) == EXIT_USAGE
    assert "invalid choice: 'videos'" in err.getvalue()
    out, err = io.StringIO(), io.StringIO()
    assert await run_cli([], stdout=out, stderr=err) == EXIT_USAGE
    out, err = io.StringIO(), io.StringIO()
    assert await run_cli(["--version"], stdout=out, stderr=err) == EXIT_OK
    assert out.getvalue().startswith(f"sigma-async {__version__}")


async def test_emulator_command_serves_and_writes_a_private_env_file(tmp_path: Path) -> None:
    env_file = tmp_path / "emulator.env"
    argv = ["emulator", "serve", "--port", "0", "--speed", "10", "--write-env", str(env_file)]
    async with serving(argv, ready="Press Ctrl-C") as out:
        banner = out.getvalue()
        assert "Sigma emulator listening on http://127.0.0.1:" in banner
        assert stat.S_IMODE(os.stat(env_file).st_mode) == 0o600
        settings = dict(
            line.split("=", 1) for line in env_file.read_text(encoding="utf-8").splitlines()
        )
        secret = settings["SIGMA_SECRET_KEY"].strip('"')
        assert secret not in banner  # the key is in the private file only
        used, used_err = io.StringIO(), io.StringIO()
        code = await run_cli(
            ["--env-file", str(env_file), "channels", "create", "--name", "via-env"],
            stdout=used,
            stderr=used_err,
        )
        assert code == EXIT_OK, used_err.getvalue()
        assert secret not in used.getvalue() + used_err.getvalue()


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--host", "0.0.0.0", "--port", "0"], ["loopback"]),
        # A public address needs the flag that says why it is dangerous...
        (["--host", "0.0.0.0"], ["--allow-public-bind", "credentials are known"]),
        # ...with which the CLI lets it through; this emulator still listens on loopback only.
        (["--host", "0.0.0.0", "--allow-public-bind"], ["loopback"]),
        (["--port", "0", "--burst", "3"], ["--burst needs --rate-limit"]),
    ],
)
async def test_serve_refuses_what_it_cannot_serve_before_serving(
    argv: list[str], words: list[str]
) -> None:
    out, err = io.StringIO(), io.StringIO()
    code = await run_cli(["emulator", "serve", *argv], stdout=out, stderr=err)
    assert code == EXIT_USAGE
    for word in words:
        assert word in err.getvalue()
    assert out.getvalue() == ""
