"""SigmaClient.from_env and the dotenv reader."""

from __future__ import annotations

from pathlib import Path

import pytest

from sigma_async import SigmaClient, SigmaValidationError
from sigma_async._config import parse_dotenv
from sigma_async._settings import variable_names

from .conftest import APP_ID, BASIC_TOKEN, CHANNEL_ID, SECRET_KEY, USERNAME, FakeSigma

KEYS = ("SIGMA_USERNAME", "SIGMA_SECRET_KEY", "SIGMA_APP_ID", "SIGMA_BASE_URL")


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for key in KEYS:
        monkeypatch.delenv(key, raising=False)


async def test_from_env_reads_the_environment(
    monkeypatch: pytest.MonkeyPatch, fake: FakeSigma
) -> None:
    monkeypatch.setenv("SIGMA_USERNAME", USERNAME)
    monkeypatch.setenv("SIGMA_SECRET_KEY", SECRET_KEY)
    monkeypatch.setenv("SIGMA_APP_ID", APP_ID)
    monkeypatch.setenv("SIGMA_BASE_URL", fake.url)
    async with SigmaClient.from_env(max_retries=0) as client:
        await client.channels.get(CHANNEL_ID)
    [request] = fake.requests
    assert request.headers["Authorization"] == f"Basic {BASIC_TOKEN}"
    assert request.headers["X-App-Id"] == APP_ID


def test_from_env_default_base_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SIGMA_USERNAME", USERNAME)
    monkeypatch.setenv("SIGMA_SECRET_KEY", SECRET_KEY)
    monkeypatch.setenv("SIGMA_APP_ID", APP_ID)
    assert SigmaClient.from_env().base_url == "https://api.sigma.video"


def test_missing_keys_are_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SIGMA_USERNAME", USERNAME)
    with pytest.raises(SigmaValidationError) as caught:
        SigmaClient.from_env()
    assert str(caught.value) == "SIGMA_SECRET_KEY, SIGMA_APP_ID not set in the environment"


async def test_from_env_file(tmp_path: Path, fake: FakeSigma) -> None:
    env = tmp_path / ".env"
    env.write_text(
        "# downloaded from the Sigma console\n"
        f"SIGMA_USERNAME={USERNAME}\n"
        f"export SIGMA_SECRET_KEY='{SECRET_KEY}'\n"
        f'SIGMA_APP_ID="{APP_ID}"  # the app\n'
        f"SIGMA_BASE_URL = {fake.url}\n",
        encoding="utf-8",
    )
    async with SigmaClient.from_env(env_file=env) as client:
        await client.channels.get(CHANNEL_ID)
    assert fake.requests[0].headers["Authorization"] == f"Basic {BASIC_TOKEN}"


def test_environment_wins_over_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    env = tmp_path / ".env"
    env.write_text(
        f"SIGMA_USERNAME=file-user\nSIGMA_SECRET_KEY={SECRET_KEY}\nSIGMA_APP_ID={APP_ID}\n"
    )
    monkeypatch.setenv("SIGMA_USERNAME", "env-user")
    assert SigmaClient.from_env(env_file=str(env)).username == "env-user"


def test_env_file_missing_key_names_it_and_the_file(tmp_path: Path) -> None:
    env = tmp_path / "creds.env"
    env.write_text(f"SIGMA_USERNAME={USERNAME}\nSIGMA_SECRET_KEY={SECRET_KEY}\n")
    with pytest.raises(SigmaValidationError, match=r"SIGMA_APP_ID not set in .*creds\.env"):
        SigmaClient.from_env(env_file=env)


def test_env_file_not_found(tmp_path: Path) -> None:
    with pytest.raises(SigmaValidationError, match="cannot read env file"):
        SigmaClient.from_env(env_file=tmp_path / "absent.env")


def test_bad_line_is_reported_without_its_content(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_text(f"SIGMA_USERNAME=u\n{SECRET_KEY}\n")
    with pytest.raises(SigmaValidationError, match="line 2 is not KEY=VALUE") as caught:
        SigmaClient.from_env(env_file=env)
    assert SECRET_KEY not in str(caught.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A=1", {"A": "1"}),
        ("A=1\r\nB=2\r\n", {"A": "1", "B": "2"}),
        ("\ufeffA=1", {"A": "1"}),
        ("  export  A = spaced value  ", {"A": "spaced value"}),
        ("A=has#hash", {"A": "has#hash"}),
        ("A=before # comment", {"A": "before"}),
        ("A='single # kept \\n raw'", {"A": "single # kept \\n raw"}),
        ('A="dq \\"esc\\" \\n \\\\ end" # c', {"A": 'dq "esc" \n \\ end'}),
        ('A="multi\nline"\nB=2', {"A": "multi\nline", "B": "2"}),
        ("A=", {"A": ""}),
        ("A=1\nA=2", {"A": "2"}),
        ("# only\n\n   \n# comments", {}),
        ("A=x=y", {"A": "x=y"}),
        ("a.b_c=1", {"a.b_c": "1"}),
    ],
)
def test_parse_dotenv(text: str, expected: dict[str, str]) -> None:
    assert parse_dotenv(text) == expected


@pytest.mark.parametrize("text", ["JUSTAWORD", "=value", "1A=2", "A B=1"])
def test_parse_dotenv_rejects(text: str) -> None:
    with pytest.raises(SigmaValidationError, match="line 1"):
        parse_dotenv(text)


def test_from_env_reads_other_variable_names_when_mapped(tmp_path: Path) -> None:
    """Issue 11 item 25: a file whose names differ is read by mapping each setting."""
    env = tmp_path / "console.env"
    env.write_text(
        f"ACCOUNT={USERNAME}\nSECRET={SECRET_KEY}\nAPP={APP_ID}\nHOST=http://127.0.0.1:9\n"
    )
    names = {"username": "ACCOUNT", "secret_key": "SECRET", "app_id": "APP", "base_url": "HOST"}
    client = SigmaClient.from_env(env, variables=names)
    assert (client.username, client.app_id, client.base_url) == (
        USERNAME,
        APP_ID,
        "http://127.0.0.1:9",
    )


def test_from_env_names_the_mapped_variable_when_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SIGMA_USERNAME", USERNAME)
    monkeypatch.setenv("SIGMA_APP_ID", APP_ID)
    with pytest.raises(SigmaValidationError, match="MY_SECRET not set"):
        SigmaClient.from_env(variables={"secret_key": "MY_SECRET"})


@pytest.mark.parametrize("names", [{"password": "X"}, {"secret_key": ""}])
def test_from_env_refuses_a_bad_mapping(names: dict[str, str]) -> None:
    with pytest.raises(SigmaValidationError):
        SigmaClient.from_env(variables=names)


def test_from_env_documents_every_variable_it_reads() -> None:
    doc = SigmaClient.from_env.__doc__ or ""
    for setting, variable in variable_names().items():
        assert f"``{setting}``" in doc
        assert f"``{variable}``" in doc
