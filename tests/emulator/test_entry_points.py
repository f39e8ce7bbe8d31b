"""How users meet the emulator: the CLI, the pytest fixtures and ``emulator.client()``."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import aiohttp
import pytest

from sigma_async import ChannelCreate, SessionStatus, SigmaClient
from sigma_async.testing import DEFAULT_PORT, Credentials, SigmaEmulator
from sigma_async.testing._launcher import _parser

ROOT = Path(__file__).resolve().parents[2]


async def test_the_cli_serves_until_interrupted() -> None:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "sigma_async.testing",
        "--port",
        "0",
        "--speed",
        "50",
        "--seed",
        "3",
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        cwd=ROOT,
    )
    assert process.stdout is not None
    try:
        lines: list[str] = []
        while not lines or "Ctrl-C" not in lines[-1]:
            lines.append((await asyncio.wait_for(process.stdout.readline(), 20)).decode())
        banner = "".join(lines)
        base_url = re.search(r"listening on (http://127\.0\.0\.1:\d+)", banner)
        username = re.search(r"username:\s+(\S+)", banner)
        secret = re.search(r"secret key:\s+(\S+)", banner)
        app_id = re.search(r"app id:\s+(\S+)", banner)
        # One assert per name (not a loop over them) so that mypy narrows each from None.
        assert base_url is not None, banner
        assert username is not None, banner
        assert secret is not None, banner
        assert app_id is not None, banner
        creds = Credentials(username[1], secret[1], app_id[1])
        async with aiohttp.ClientSession(base_url=base_url[1], headers=creds.headers()) as http:
            async with http.post("/api/livestream/channels", json={"name": "cli"}) as response:
                assert response.status == 201
                channel = await response.json()
            await (await http.patch(f"/api/livestream/channels/{channel['id']}/start")).release()
            async with http.post(f"/_emulator/channels/{channel['id']}/publish") as response:
                assert response.status == 201
                session_id = (await response.json())["sessionId"]
            # The real clock at speed 50 makes the session live within a fraction of a second.
            for _ in range(100):
                async with http.get(f"/api/livestream/sessions/{session_id}/status") as response:
                    if (await response.json())["status"] == "live":
                        break
                await asyncio.sleep(0.02)
            else:
                pytest.fail("the session never went live")
    finally:
        process.send_signal(signal.SIGINT)
        _, stderr = await asyncio.wait_for(process.communicate(), 20)
    assert process.returncode == 0, stderr.decode()


def test_the_cli_refuses_other_hosts() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sigma_async.testing", "--host", "0.0.0.0", "--port", "0"],
        capture_output=True,
        text=True,
        timeout=30,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 2
    assert "loopback" in result.stderr


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10", "example.com", "::"])
def test_the_emulator_only_listens_on_loopback(host: str) -> None:
    with pytest.raises(ValueError, match="loopback"):
        SigmaEmulator(host=host)


async def test_ipv6_loopback_urls_are_bracketed() -> None:
    emulator = SigmaEmulator(host="::1", port=8123)
    emulator._bound_port = 8123  # the URL only; nothing listens
    assert emulator.base_url == "http://[::1]:8123"


async def test_client_points_at_the_emulator(
    sigma_emulator: SigmaEmulator, sigma_client: SigmaClient
) -> None:
    assert isinstance(sigma_client, SigmaClient)
    channel = await sigma_client.channels.create(ChannelCreate(name="via the SDK"))
    assert sigma_emulator.channel(channel.id)["name"] == "via the SDK"
    await sigma_client.channels.start(channel.id)
    session_id = sigma_emulator.publish(channel.id, live=True)
    assert await sigma_client.sessions.status(session_id) == SessionStatus.LIVE
    other = sigma_emulator.add_app()
    async with sigma_emulator.client(credentials=other) as theirs:
        assert theirs.app_id == other.app_id


PLUGIN_TESTS = """
    import aiohttp
    import pytest

    {marker}
    async def test_emulator_fixture(sigma_emulator):
        headers = sigma_emulator.credentials.headers()
        url = sigma_emulator.api_url + "/channels"
        async with aiohttp.ClientSession(headers=headers) as http:
            async with http.post(url, json={{"name": "x"}}) as response:
                assert response.status == 201
        assert sigma_emulator.stats.applied["createChannel"] == 1

    def test_plain(request):
        assert request.config.pluginmanager.has_plugin("sigma_async")
"""


def run_pytest(
    tmp_path: Path, ini: str, marker: str, *options: str
) -> subprocess.CompletedProcess[str]:
    (tmp_path / "pytest.ini").write_text(textwrap.dedent(ini))
    (tmp_path / "test_it.py").write_text(textwrap.dedent(PLUGIN_TESTS.format(marker=marker)))
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *options],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        env=env,
        check=False,
    )


def test_the_plugin_works_in_strict_mode(tmp_path: Path) -> None:
    ini = """
        [pytest]
        asyncio_mode = strict
        asyncio_default_fixture_loop_scope = function
        filterwarnings = error
    """
    result = run_pytest(tmp_path, ini, "@pytest.mark.asyncio")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 passed" in result.stdout


def test_the_plugin_does_not_break_projects_without_asyncio(tmp_path: Path) -> None:
    ini = """
        [pytest]
        filterwarnings = error
    """
    result = run_pytest(tmp_path, ini, "", "-p", "no:asyncio", "-k", "plain")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout


# The one launcher, from both entry points ---------------------------------------------------
# `python -m sigma_async.testing` (argparse) and `sigma-async emulator serve` (click) parse into
# the same ServeOptions and run the same launch(): for every flag set they must give the same exit
# status, the same banner (but for the port) and the same secret rule.

ENTRY_POINTS = {
    "testing": [sys.executable, "-m", "sigma_async.testing"],
    "cli": [sys.executable, "-m", "sigma_async.cli", "emulator", "serve"],
}
CHOSEN_FLAGS = ["--username", "me", "--secret-key", "chosen-secret-0123456789", "--app-id", "a1"]
# Every serving run is seeded, so the made-up credentials are the same in both.
SERVING_FLAG_SETS = {
    "made-up credentials": [],
    "chosen credentials": CHOSEN_FLAGS,
    "write-env": ["--write-env", "{env_file}"],
    "json": ["--json"],
    "json, chosen credentials": ["--json", *CHOSEN_FLAGS],
    "json, write-env": ["--json", "--write-env", "{env_file}"],
    "limits, manual clock": [
        "--manual-clock",
        "--rate-limit",
        "5",
        "--burst",
        "2",
        "--no-retry-after",
        "--max-live-channels",
        "3",
        "--speed",
        "4",
    ],
}
# Bad options, and the flag the message must name.
BAD_FLAG_SETS = {
    "public host": (["--host", "0.0.0.0"], "--host"),
    "public host, allowed": (["--host", "10.0.0.1", "--allow-public-bind"], "--host"),
    "port too high": (["--port", "70000"], "--port"),
    "port not a number": (["--port", "x"], "--port"),
    "speed 0": (["--speed", "0"], "--speed"),
    "burst alone": (["--burst", "3"], "--burst"),
    "bad rate": (["--rate-limit", "-1"], "--rate-limit"),
    "bad quota": (["--max-live-channels", "-1"], "--max-live-channels"),
    "credentials in part": (["--username", "me"], "--username"),
}
_PORT = re.compile(r"(127\.0\.0\.1):\d+")


def _environment() -> dict[str, str]:
    """This environment without an account: the CLI would serve the SIGMA_* credentials."""
    unset = ("SIGMA_USERNAME", "SIGMA_SECRET_KEY", "SIGMA_APP_ID", "SIGMA_BASE_URL")
    return {k: v for k, v in os.environ.items() if k not in unset and k != "SIGMA_PROFILE"}


async def _serve_once(argv: list[str]) -> tuple[int | None, str, str]:
    """Run an entry point until its banner is out, then Ctrl-C; return (status, out, err)."""
    process = await asyncio.create_subprocess_exec(
        *argv,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        cwd=ROOT,
        env=_environment(),
    )
    assert process.stdout is not None
    lines: list[str] = []
    try:
        while True:
            line = (await asyncio.wait_for(process.stdout.readline(), 30)).decode()
            lines.append(line)
            if not line or "Ctrl-C" in line or line.startswith("{"):
                break
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGINT)
        rest, err = await asyncio.wait_for(process.communicate(), 30)
    return process.returncode, "".join(lines) + rest.decode(), err.decode()


def _run(argv: list[str]) -> subprocess.CompletedProcess[str]:
    """Run an entry point that is expected to end by itself (it refuses to serve)."""
    return subprocess.run(
        argv, capture_output=True, text=True, timeout=60, cwd=ROOT, env=_environment(), check=False
    )


@pytest.mark.parametrize("flags", SERVING_FLAG_SETS.values(), ids=SERVING_FLAG_SETS.keys())
async def test_both_entry_points_serve_alike(flags: list[str], tmp_path: Path) -> None:
    runs = {}
    for name, command in ENTRY_POINTS.items():
        env_file = tmp_path / f"{name}.env"
        argv = [*command, "--port", "0", "--seed", "5"]
        argv += [flag.format(env_file=env_file) for flag in flags]
        status, out, err = await _serve_once(argv)
        assert status == 0, err
        # The env file's name differs between the two runs, and so does the port.
        runs[name] = _PORT.sub(r"\1:PORT", out.replace(str(env_file), "ENV_FILE"))
        if "--write-env" in flags:
            settings = dict(line.split("=", 1) for line in env_file.read_text().splitlines())
            assert settings["SIGMA_SECRET_KEY"].strip('"') not in out + err
        if "--secret-key" in flags:
            assert "chosen-secret-0123456789" not in out + err
    assert runs["testing"] == runs["cli"]
    assert "Sigma emulator listening" in runs["cli"] or runs["cli"].startswith("{")


@pytest.mark.parametrize(("flags", "flag"), BAD_FLAG_SETS.values(), ids=BAD_FLAG_SETS.keys())
def test_both_entry_points_refuse_bad_options_naming_the_flag(flags: list[str], flag: str) -> None:
    for command in ENTRY_POINTS.values():
        result = _run(
            [*command, "--port", "0", *flags] if "--port" not in flags else [*command, *flags]
        )
        assert result.returncode == 2, (command, result.stderr)
        assert result.stdout == ""  # nothing listened, nothing printed
        assert flag in result.stderr, (command, result.stderr)


def test_both_entry_points_exit_1_on_a_taken_port() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        for command in ENTRY_POINTS.values():
            result = _run([*command, "--port", port])
            assert result.returncode == 1, (command, result.stderr)
            assert f"cannot listen on 127.0.0.1:{port}" in result.stderr
            assert "Traceback" not in result.stderr


def test_both_parsers_offer_the_same_options() -> None:
    import click

    from sigma_async.cli.emulator import advance, serve

    def click_options(command: click.Command) -> set[str]:
        return {
            name
            for param in command.params
            if isinstance(param, click.Option)
            for name in (*param.opts, *param.secondary_opts)
        }

    launcher = {name for action in _parser("x")._actions for name in action.option_strings} - {
        "-h",
        "--help",
    }
    every_command = click_options(advance)  # the account and output options of every command
    cli = click_options(serve)
    # The CLI's serve has the launcher's options, and beyond them only those every command has.
    assert launcher <= cli
    assert cli - launcher <= every_command
    assert launcher - every_command == cli - every_command
    # ...and the same defaults: one default port, above all.
    defaults = vars(_parser("x").parse_args([]))
    cli_defaults = {param.name: param.default for param in serve.params}
    for name in ("host", "port", "speed"):  # the others default to none, which click spells UNSET
        assert cli_defaults[name] == defaults[name], name
    assert cli_defaults["port"] == DEFAULT_PORT
