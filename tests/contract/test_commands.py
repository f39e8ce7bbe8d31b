"""`contract check` and `doctor` as commands: exit statuses, output, secrets kept out."""

from __future__ import annotations

import asyncio
import json
import sys
from typing import Any

import pytest

from sigma_async.testing import SigmaEmulator

from .make_fixtures import DRIFTS, FIXTURES

click_testing = pytest.importorskip("click.testing")

from sigma_async.cli.contract_commands import contract, doctor  # noqa: E402


def _env(emu: SigmaEmulator, **changes: str) -> dict[str, str]:
    creds = emu.credentials
    env = {
        "SIGMA_USERNAME": creds.username,
        "SIGMA_SECRET_KEY": creds.secret_key,
        "SIGMA_APP_ID": creds.app_id,
        "SIGMA_BASE_URL": emu.base_url,
        "COLUMNS": "240",  # rich wraps table cells to the width; keep messages on one line
        "NO_PROXY": "*",
    }
    env.update(changes)
    return env


async def _run(command: Any, args: list[str], env: dict[str, str]) -> Any:
    """Run a command as the shell would, in a thread: it runs its own event loop."""
    runner = click_testing.CliRunner()
    return await asyncio.to_thread(runner.invoke, command, args, env=env, catch_exceptions=False)


@pytest.fixture
def sigma_emulator_options() -> dict[str, Any]:
    return {"seed": 41}


async def test_check_against_the_emulator_exits_0(emu: SigmaEmulator) -> None:
    result = await _run(contract, ["check"], _env(emu))
    assert result.exit_code == 0, result.output
    assert "no drift: the 11 operations match" in result.stdout
    assert "confirmed" in result.stdout


async def test_check_json_against_the_emulator(emu: SigmaEmulator) -> None:
    result = await _run(contract, ["check", "--json"], _env(emu))
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["differs"] is False
    assert report["differences"] == []
    assert {v["verdict"] for v in report["inferred"]} == {"confirmed"}


@pytest.mark.parametrize("name", sorted(DRIFTS))
async def test_each_drifted_fixture_exits_1_and_is_named(emu: SigmaEmulator, name: str) -> None:
    path = str(FIXTURES / name)
    as_json = await _run(contract, ["check", "--against", path, "--json"], _env(emu))
    assert as_json.exit_code == 1
    differences = json.loads(as_json.stdout)["differences"]
    assert differences
    table = await _run(contract, ["check", "--against", path], _env(emu))
    assert table.exit_code == 1
    for difference in differences:
        assert difference["message"] in table.stdout
        assert difference["operation"] in table.stdout


@pytest.mark.parametrize("name", ["swagger-2.0.json", "openapi-3.1.json"])
async def test_other_dialects_exit_0(emu: SigmaEmulator, name: str) -> None:
    result = await _run(contract, ["check", "--against", str(FIXTURES / name)], _env(emu))
    assert result.exit_code == 0, result.output


async def test_the_plain_table_without_rich(
    emu: SigmaEmulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "rich.console", None)  # import fails: as if not installed
    path = str(FIXTURES / "drift-changed-type.json")
    result = await _run(contract, ["check", "--against", path], _env(emu))
    assert result.exit_code == 1
    assert "GET /sessions/{sessionId}\n  type-changed" in result.stdout
    result = await _run(doctor, [], _env(emu))
    assert result.exit_code == 0
    assert "all checks passed" in result.stdout


@pytest.mark.parametrize(
    ("args", "changes", "needle"),
    [
        (["check", "--against", "/nonexistent/doc.json"], {}, "cannot read"),
        (["check"], {"SIGMA_SECRET_KEY": "wrong"}, "401"),
        (["check"], {"SIGMA_APP_ID": "wrong"}, "403"),
    ],
)
async def test_no_document_exits_2(
    emu: SigmaEmulator, args: list[str], changes: dict[str, str], needle: str
) -> None:
    result = await _run(contract, args, _env(emu, **changes))
    assert result.exit_code == 2
    assert needle in result.stderr
    assert result.stdout == ""


async def test_doctor_against_a_healthy_emulator_exits_0(emu: SigmaEmulator) -> None:
    result = await _run(doctor, [], _env(emu))
    assert result.exit_code == 0, result.output
    assert "all checks passed" in result.stdout
    for name in ("dns", "tcp", "tls", "credentials", "first-byte", "clock", "read listEvents"):
        assert name in result.stdout


@pytest.mark.parametrize(
    ("changes", "failed"),
    [({"SIGMA_SECRET_KEY": "wrong"}, "credentials"), ({"SIGMA_APP_ID": "wrong"}, "credentials")],
)
async def test_doctor_names_the_failing_check(
    emu: SigmaEmulator, changes: dict[str, str], failed: str
) -> None:
    result = await _run(doctor, ["--json"], _env(emu, **changes))
    assert result.exit_code == 1
    assert json.loads(result.stdout)["failed"] == [failed]


async def test_doctor_with_injected_503s_names_the_failing_read(emu: SigmaEmulator) -> None:
    emu.faults.add("status", status=503, operation="listEvents")
    result = await _run(doctor, [], _env(emu))
    assert result.exit_code == 1
    assert "failed: read listEvents" in result.stdout
    assert "HTTP 503" in result.stdout


async def test_doctor_without_credentials_exits_2(emu: SigmaEmulator) -> None:
    result = await _run(doctor, [], _env(emu, SIGMA_SECRET_KEY=""))
    assert result.exit_code == 2
    assert "SIGMA_SECRET_KEY not set" in result.stderr


async def test_an_env_file_is_read_and_flags_win(emu: SigmaEmulator, tmp_path: Any) -> None:
    creds = emu.credentials
    env_file = tmp_path / "sigma.env"
    env_file.write_text(
        f"SIGMA_USERNAME={creds.username}\nSIGMA_SECRET_KEY={creds.secret_key}\n"
        f"SIGMA_APP_ID=not-this-one\n"
    )
    env = {"COLUMNS": "240", "SIGMA_USERNAME": "", "SIGMA_SECRET_KEY": "", "SIGMA_APP_ID": ""}
    args = ["--env-file", str(env_file), "--base-url", emu.base_url, "--app-id", creds.app_id]
    result = await _run(doctor, args, env)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("command", "args"),
    [
        (contract, ["check"]),
        (contract, ["check", "--json"]),
        (contract, ["check", "--against", str(FIXTURES / "drift-renamed-field.json")]),
        (doctor, []),
        (doctor, ["--json"]),
    ],
)
@pytest.mark.parametrize("secret_ok", [True, False])
async def test_no_output_carries_the_secret_key(
    emu: SigmaEmulator, command: Any, args: list[str], secret_ok: bool
) -> None:
    secret = emu.credentials.secret_key if secret_ok else "a-wrong-but-secret-value"
    result = await _run(command, args, _env(emu, SIGMA_SECRET_KEY=secret))
    assert secret not in result.stdout
    assert secret not in result.stderr


def test_help_shows_an_example() -> None:
    runner = click_testing.CliRunner()
    for command, args in ((contract, ["check", "--help"]), (doctor, ["--help"])):
        result = runner.invoke(command, args)
        assert result.exit_code == 0
        assert "Example" in result.stdout
        assert "--env-file" in result.stdout
