"""Issue 11 item 13: an unclosed client is reported once, in the SDK's words.

Each case runs a fresh interpreter with ``-W default`` (so every ResourceWarning prints) and
reads its stderr: a client that opened its own session and was never closed prints the SDK's
one warning, naming ``async with``, ``aclose()`` and ``close()``, and none of aiohttp's
"Unclosed client session" / "Unclosed connector" lines, however the client is let go (collected
while its loop runs, after ``asyncio.run`` ended, or left to the interpreter's exit, with its
connection still open or already dropped by the server). A session the caller passed in stays
the caller's: aiohttp's warning for it is left alone, and the SDK adds nothing.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import sigma_async

ROOT = Path(sigma_async.__file__).resolve().parent.parent

SCRIPT = textwrap.dedent(
    """
    import asyncio, gc, sys

    import aiohttp
    from aiohttp import web

    from sigma_async import SigmaClient

    WHEN, SERVER, SESSION = sys.argv[1:4]
    held = []


    async def list_page(_request):
        return web.json_response({"data": [], "total": 0})


    async def main():
        app = web.Application()
        app.router.add_get("/api/livestream/channels", list_page)
        runner = web.AppRunner(app)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", 0).start()
        url = f"http://127.0.0.1:{runner.addresses[0][1]}"
        session = aiohttp.ClientSession() if SESSION == "caller" else None
        client = SigmaClient(
            username="u", secret_key="s", app_id="a", base_url=url, session=session
        )
        await client.channels.list().to_list()
        del session
        if SERVER == "dropped":
            await runner.cleanup()
        held.append(client)
        del client
        if WHEN == "in the loop":
            held.clear()
            gc.collect()
        if SERVER == "open":
            await runner.cleanup()


    asyncio.run(main())
    if WHEN == "after asyncio.run":
        held.clear()
        gc.collect()
    print("script done", file=sys.stderr)
    """
)

WHEN = ["in the loop", "after asyncio.run", "at exit"]
SERVER = ["open", "dropped"]
OURS = "was not closed"
AIOHTTP = ("Unclosed client session", "Unclosed connector")


def _stderr(tmp_path: Path, when: str, server: str, session: str) -> str:
    script = tmp_path / "unclosed.py"
    script.write_text(SCRIPT)
    done = subprocess.run(
        [sys.executable, "-W", "default", str(script), when, server, session],
        capture_output=True,
        text=True,
        timeout=120,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "script done" in done.stderr
    return done.stderr


@pytest.mark.parametrize("server", SERVER, ids=[f"connection {s}" for s in SERVER])
@pytest.mark.parametrize("when", WHEN)
def test_an_unclosed_client_warns_once_in_the_sdks_words(
    tmp_path: Path, when: str, server: str
) -> None:
    stderr = _stderr(tmp_path, when, server, "own")
    assert stderr.count(OURS) == 1, stderr
    assert "ResourceWarning" in stderr
    for advice in ("async with", "aclose()", "close()"):
        assert advice in stderr
    for line in AIOHTTP:
        assert line not in stderr, stderr
    assert "Traceback" not in stderr, stderr
    assert "Exception ignored" not in stderr, stderr


def test_a_caller_supplied_session_keeps_aiohttps_warning_and_gets_none_of_ours(
    tmp_path: Path,
) -> None:
    stderr = _stderr(tmp_path, "after asyncio.run", "open", "caller")
    assert OURS not in stderr
    assert AIOHTTP[0] in stderr
