"""How users meet the emulator: the CLI, the pytest fixtures and ``emulator.client()``."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import aiohttp
import pytest

from sigma_async import ChannelCreate, SessionStatus, SigmaClient
from sigma_async.testing import Credentials, SigmaEmulator

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
