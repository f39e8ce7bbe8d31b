"""Authentication: Basic credentials (401) and the app named by X-App-Id (403)."""

from __future__ import annotations

import base64
from collections.abc import AsyncIterator

import aiohttp
import pytest

from sigma_async.testing import Credentials, SigmaEmulator

from .helpers import call, create_channel, is_nest_error


def basic(username: str, secret: str) -> str:
    return "Basic " + base64.b64encode(f"{username}:{secret}".encode()).decode()


@pytest.fixture
async def anonymous(emu: SigmaEmulator) -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession(base_url=emu.api_url + "/") as session:
        yield session


@pytest.mark.parametrize(
    "authorization",
    [
        None,
        "Bearer abc",
        "Basic",
        "Basic !!!not-base64!!!",
        "Basic " + base64.b64encode(b"no-colon").decode(),
        "wrong-secret",
        "unknown-user",
    ],
)
async def test_bad_credentials_are_401(
    emu: SigmaEmulator, anonymous: aiohttp.ClientSession, authorization: str | None
) -> None:
    creds = emu.credentials
    if authorization == "wrong-secret":
        authorization = basic(creds.username, creds.secret_key + "x")
    elif authorization == "unknown-user":
        authorization = basic("nobody", creds.secret_key)
    headers = {"X-App-Id": creds.app_id}
    if authorization is not None:
        headers["Authorization"] = authorization
    async with anonymous.get("channels", headers=headers) as response:
        assert response.status == 401
        assert response.headers["WWW-Authenticate"].startswith("Basic")
        assert is_nest_error(await response.json(), 401)


async def test_missing_app_id_is_403(emu: SigmaEmulator, anonymous: aiohttp.ClientSession) -> None:
    headers = {"Authorization": emu.credentials.headers()["Authorization"]}
    status, body = await call(anonymous, "GET", "channels", headers=headers)
    assert status == 403
    assert is_nest_error(body, 403)


async def test_app_id_of_another_app_is_403(
    emu: SigmaEmulator, anonymous: aiohttp.ClientSession
) -> None:
    other = emu.add_app()
    headers = {**emu.credentials.headers(), "X-App-Id": other.app_id}
    status, body = await call(anonymous, "POST", "channels", headers=headers, json={"name": "x"})
    assert status == 403
    assert is_nest_error(body, 403)
    assert emu.channels() == []
    assert emu.channels(other.app_id) == []


async def test_unauthenticated_requests_change_nothing(
    emu: SigmaEmulator, anonymous: aiohttp.ClientSession
) -> None:
    status, _ = await call(anonymous, "POST", "channels", json={"name": "x"})
    assert status == 401
    assert emu.channels() == []
    assert emu.stats.received["createChannel"] == 1
    assert emu.stats.applied["createChannel"] == 0


async def test_apps_have_separate_data(
    emu: SigmaEmulator, http: aiohttp.ClientSession, anonymous: aiohttp.ClientSession
) -> None:
    mine = await create_channel(http, name="mine")
    other = emu.add_app()
    theirs_headers = other.headers()
    status, theirs = await call(
        anonymous, "POST", "channels", headers=theirs_headers, json={"name": "theirs"}
    )
    assert status == 201
    assert theirs["appId"] == other.app_id != mine["appId"]

    status, body = await call(anonymous, "GET", f"channels/{mine['id']}", headers=theirs_headers)
    assert status == 404
    assert is_nest_error(body, 404)
    status, page = await call(anonymous, "GET", "channels", headers=theirs_headers)
    assert [c["name"] for c in page["data"]] == ["theirs"]
    assert [c["name"] for c in emu.channels()] == ["mine"]
    assert [c["name"] for c in emu.channels(other.app_id)] == ["theirs"]


def test_credentials_repr_hides_the_secret() -> None:
    creds = Credentials(username="alice", secret_key="s3cr3t-value", app_id="app-1")
    assert "s3cr3t-value" not in repr(creds)
    assert "alice" in repr(creds)
    assert "app-1" in repr(creds)


async def test_given_credentials_are_used() -> None:
    creds = Credentials(username="u", secret_key="k", app_id="a")
    async with SigmaEmulator(credentials=creds) as emu:
        assert emu.credentials == creds
        with pytest.raises(ValueError, match="already registered"):
            emu.add_app(Credentials(username="u", secret_key="other", app_id="b"))
