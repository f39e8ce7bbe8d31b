"""The one launcher: default port, the rule for printing the secret key, the exit status."""

from __future__ import annotations

import asyncio
import inspect
import io
import json
import os
import re
import socket
import stat
from pathlib import Path

import aiohttp
import pytest

from sigma_async.testing import (
    DEFAULT_PORT,
    Credentials,
    ServeOptions,
    launch,
    serve,
    serve_main,
)
from sigma_async.testing._launcher import EXIT_CANNOT_LISTEN, EXIT_USAGE, _parser

CHOSEN = Credentials("me", "chosen-secret-0123456789", "my-app")


async def _banner_of(options: ServeOptions) -> str:
    """Start the launcher, return its banner once printed, then stop it."""
    out, err = io.StringIO(), io.StringIO()
    task = asyncio.ensure_future(launch(options, out=out, err=err))
    for _ in range(1000):
        if "Ctrl-C" in out.getvalue() or task.done():
            break
        await asyncio.sleep(0.01)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert err.getvalue() == ""
    return out.getvalue()


async def test_a_made_up_secret_key_is_printed() -> None:
    banner = await _banner_of(ServeOptions(port=0, seed=4))
    secret = re.search(r"secret key:\s+(\S+)", banner)
    assert secret is not None
    assert len(secret[1]) >= 32
    assert re.search(r"listening on http://127\.0\.0\.1:\d+", banner)


async def test_a_chosen_secret_key_is_never_printed() -> None:
    banner = await _banner_of(ServeOptions(port=0, credentials=CHOSEN))
    assert CHOSEN.secret_key not in banner
    assert "secret key: the one you gave" in banner
    assert f"username:   {CHOSEN.username}" in banner


@pytest.mark.parametrize("credentials", [None, CHOSEN])
async def test_with_write_env_the_key_goes_to_the_private_file_only(
    tmp_path: Path, credentials: Credentials | None
) -> None:
    path = tmp_path / "emulator.env"
    banner = await _banner_of(ServeOptions(port=0, credentials=credentials, write_env=str(path)))
    settings = dict(line.split("=", 1) for line in path.read_text("utf-8").splitlines())
    secret = settings["SIGMA_SECRET_KEY"].strip('"')
    assert secret not in banner
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert settings["SIGMA_BASE_URL"].strip('"').startswith("http://127.0.0.1:")
    if credentials is not None:
        assert secret == credentials.secret_key


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (ServeOptions(host="0.0.0.0"), "loopback"),
        (ServeOptions(port=70000), "0..65535"),
        (ServeOptions(port=-1), "0..65535"),
        (ServeOptions(speed=0), "speed"),
        # The rate and quota limits (test_launcher_limits.py):
        (ServeOptions(rate_limit=0), "rate_limit"),
        (ServeOptions(rate_limit=float("inf")), "finite"),
        (ServeOptions(burst=3), "needs a rate limit"),
        (ServeOptions(rate_limit=10, burst=0), "burst"),
        (ServeOptions(max_live_channels=-1), "quota"),
    ],
)
async def test_bad_options_exit_2_before_anything_listens(
    options: ServeOptions, message: str
) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert await launch(options, out=out, err=err) == EXIT_USAGE
    assert message in err.getvalue()
    assert out.getvalue() == ""


async def test_a_taken_port_exits_1_with_one_line() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        out, err = io.StringIO(), io.StringIO()
        assert await launch(ServeOptions(port=port), out=out, err=err) == EXIT_CANNOT_LISTEN
    assert err.getvalue().count("\n") == 1
    assert f"cannot listen on 127.0.0.1:{port}" in err.getvalue()
    assert "Traceback" not in err.getvalue()


@pytest.mark.parametrize(
    "argv",
    [
        ["--username", "me"],
        ["--secret-key", "s", "--app-id", "a"],
        ["--host", "10.0.0.1"],
        # The rate limit flags (test_launcher_limits.py):
        ["--burst", "3"],
        ["--rate-limit", "-1"],
    ],
)
def test_the_command_line_refuses_bad_options_with_status_2(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        serve_main(argv)
    assert exited.value.code == EXIT_USAGE
    assert capsys.readouterr().out == ""  # nothing started, nothing printed


def test_there_is_one_default_port() -> None:
    assert ServeOptions().port == DEFAULT_PORT
    assert _parser("x").parse_args([]).port == DEFAULT_PORT
    assert inspect.signature(serve).parameters["port"].default == DEFAULT_PORT


@pytest.mark.parametrize("as_json", [False, True])
async def test_requests_are_logged_on_stderr_except_under_json(as_json: bool) -> None:
    out, err = io.StringIO(), io.StringIO()
    task = asyncio.ensure_future(launch(ServeOptions(port=0, json=as_json), out=out, err=err))
    try:
        for _ in range(1000):
            if out.getvalue().endswith("\n") or task.done():
                break
            await asyncio.sleep(0.01)
        first = out.getvalue().splitlines()[0]
        found = re.search(r"http://127\.0\.0\.1:\d+", first)
        assert found is not None
        if as_json:
            assert json.loads(first)["baseUrl"] == found[0]
        async with aiohttp.ClientSession() as session, session.get(found[0] + "/nowhere") as got:
            await got.read()
        for _ in range(100):  # the access log line is written once the response is sent
            if "GET /nowhere" in err.getvalue():
                break
            await asyncio.sleep(0.01)
    finally:
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
    assert ("GET /nowhere" in err.getvalue()) is not as_json
