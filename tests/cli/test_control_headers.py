"""The emulator's control commands authenticate with the SDK's own headers, built in one place."""

from __future__ import annotations

import io

import pytest
from aiohttp import web

from sigma_async import NotFoundError, SigmaClient
from sigma_async.cli import run_cli

from ..harness import Loopback, RecordingServer, json_reply
from .conftest import CREDENTIALS

# Every command that talks to a running emulator's control API, and its arguments.
CONTROL_COMMANDS = {
    "publish": ["publish", "ch-1", "--live"],
    "interrupt": ["interrupt", "se-1"],
    "recover": ["recover", "se-1"],
    "advance": ["advance", "5"],
}
AUTH_HEADERS = ("Authorization", "X-App-Id", "Accept")


class _Answering(RecordingServer):
    async def answer(self, request: web.BaseRequest) -> web.StreamResponse:
        if request.path.startswith("/_emulator/"):
            return json_reply({"now": 5})
        return json_reply({"message": "no such channel"}, status=404)


@pytest.mark.parametrize("command", sorted(CONTROL_COMMANDS))
async def test_a_control_command_sends_the_clients_auth_headers(
    loopback: Loopback, command: str
) -> None:
    server = _Answering()
    base_url = await loopback.http(server.handle)
    account = ["--base-url", base_url, "--username", CREDENTIALS.username]
    account += ["--secret-key", CREDENTIALS.secret_key, "--app-id", CREDENTIALS.app_id]
    out, err = io.StringIO(), io.StringIO()
    argv = [*account, "emulator", *CONTROL_COMMANDS[command]]
    assert await run_cli(argv, stdout=out, stderr=err) == 0, err.getvalue()
    client = SigmaClient(
        username=CREDENTIALS.username,
        secret_key=CREDENTIALS.secret_key,
        app_id=CREDENTIALS.app_id,
        base_url=base_url,
    )
    async with client:
        with pytest.raises(NotFoundError):
            await client.channels.get("ch-1")
    control, api = server.requests
    assert control.raw_path.startswith("/_emulator/")
    for name in AUTH_HEADERS:
        assert control.headers[name] == api.headers[name], name
