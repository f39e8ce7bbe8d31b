"""contract.check over real HTTP: the emulator's document, unavailable documents, credentials."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Literal, TypedDict

import aiohttp
import pytest
from aiohttp import web

from sigma_async.contract import (
    DocumentUnavailableError,
    check,
    docs_url,
)
from sigma_async.contract.nestjs import nestjs_document
from sigma_async.testing import SigmaEmulator

from ..harness import Loopback
from .make_fixtures import FIXTURES


class Account(TypedDict):
    """``check``'s keyword arguments for the emulator's service and account."""

    base_url: str
    username: str
    secret_key: str
    app_id: str


def _account(emulator: SigmaEmulator) -> Account:
    creds = emulator.credentials
    return {
        "base_url": emulator.base_url,
        "username": creds.username,
        "secret_key": creds.secret_key,
        "app_id": creds.app_id,
    }


async def test_the_emulator_serves_the_nestjs_document(sigma_emulator: SigmaEmulator) -> None:
    creds = sigma_emulator.credentials
    token = base64.b64encode(f"{creds.username}:{creds.secret_key}".encode()).decode()
    headers = {"Authorization": f"Basic {token}", "X-App-Id": creds.app_id}
    async with (
        aiohttp.ClientSession() as session,
        session.get(docs_url(sigma_emulator.base_url), headers=headers) as response,
    ):
        assert response.status == 200
        assert response.content_type == "application/json"
        assert await response.json() == nestjs_document()


async def test_check_against_the_emulator_finds_no_drift(sigma_emulator: SigmaEmulator) -> None:
    report = await check(**_account(sigma_emulator))
    assert report.differences == ()
    assert report.source == docs_url(sigma_emulator.base_url)
    assert all(v.verdict == "confirmed" for v in report.inferred)


async def test_check_reads_a_file(tmp_path: Path) -> None:
    report = await check(FIXTURES / "drift-changed-type.json")
    assert report.exit_code == 1
    assert report.source.endswith("drift-changed-type.json")


@pytest.mark.parametrize(
    ("change", "status"),
    [
        ("secret_key", "401, the service refused the username or secret key"),
        ("app_id", "403, the credentials are not for this app id"),
    ],
)
async def test_refused_credentials_make_the_document_unavailable(
    sigma_emulator: SigmaEmulator, change: Literal["secret_key", "app_id"], status: str
) -> None:
    account = _account(sigma_emulator)
    account[change] = "wrong-" + account[change]
    with pytest.raises(DocumentUnavailableError) as caught:
        await check(**account)
    assert status in str(caught.value)
    assert account["secret_key"] not in str(caught.value)


async def test_a_missing_file_is_unavailable(tmp_path: Path) -> None:
    with pytest.raises(DocumentUnavailableError, match="cannot read"):
        await check(tmp_path / "nowhere.json")


async def test_a_file_that_is_not_a_document_is_unavailable(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    path.write_text("[1, 2]")
    with pytest.raises(DocumentUnavailableError, match="not a JSON or YAML object"):
        await check(path)


async def test_a_closed_port_is_unavailable(unused_tcp_port: int) -> None:
    with pytest.raises(DocumentUnavailableError, match="cannot fetch"):
        await check(f"http://127.0.0.1:{unused_tcp_port}/api-docs-json")


@pytest.fixture
async def foreign_server(loopback: Loopback) -> tuple[str, list[dict[str, str]]]:
    """A document server on loopback that is not the account's; it records request headers."""
    seen: list[dict[str, str]] = []

    async def serve(request: web.BaseRequest) -> web.Response:
        seen.append(dict(request.headers))
        return web.json_response(nestjs_document())

    return f"{await loopback.http(serve)}/doc.json", seen


async def test_credentials_never_go_to_another_url(
    sigma_emulator: SigmaEmulator, foreign_server: tuple[str, list[dict[str, str]]]
) -> None:
    url, seen = foreign_server
    report = await check(url, **_account(sigma_emulator))
    assert report.differences == ()
    (headers,) = seen
    assert "Authorization" not in headers
    assert "X-App-Id" not in headers


async def test_credentials_are_not_sent_over_plain_http_off_loopback() -> None:
    with pytest.raises(DocumentUnavailableError, match="plain http"):
        await check(
            base_url="http://sigma.example",
            username="u",
            secret_key="s3cret",
            app_id="a",
        )


def test_the_fixture_documents_parse_as_json() -> None:
    for path in FIXTURES.glob("*.json"):
        json.loads(path.read_text("utf-8"))


@pytest.mark.parametrize("timeout", [0, -1, float("nan"), float("inf"), True, "5"])
async def test_a_bad_timeout_is_refused_before_anything_is_sent(timeout: object) -> None:
    from sigma_async import SigmaValidationError

    with pytest.raises(SigmaValidationError, match="timeout"):
        await check("http://127.0.0.1:9/never-asked", timeout=timeout)  # type: ignore[arg-type]
