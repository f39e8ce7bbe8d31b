"""Secrets never show: the whole lifecycle at DEBUG with unique secrets, everything searched.

The Basic token, the secret key and a channel's S3 ``accessKey``/``secretKey`` are made unique
per test, then every text the run produces is searched for them: every log record (DEBUG,
every logger), ``repr``/``str`` of the client, its resources, every model and every error,
formatted tracebacks with their chained causes (also with locals captured, as error trackers
and ``pytest -l`` do), and the CLI's output, plain and ``--json``. Only an explicit
``--show-secrets`` may print the S3 keys; nothing ever prints the API secret.
"""

from __future__ import annotations

import base64
import io
import json
import logging
import traceback
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

from sigma_async import (
    APIConnectionError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    CatchupDestination,
    ChannelCreate,
    ChannelUpdate,
    ConflictError,
    InternalServerError,
    NotFoundError,
    RateLimitError,
    ResponseDecodeError,
    S3Destination,
    SigmaClient,
    SigmaError,
    to_dict,
)
from sigma_async.cli import EXIT_API_ERROR, EXIT_OK, run_cli
from sigma_async.testing import Credentials, SigmaEmulator

from ..client_kwargs import ClientCredentials
from .conftest import FAST, ScriptedServer


@dataclass
class Secrets:
    """Unique secret strings for one test, and every text gathered to search for them."""

    username: str = field(default_factory=lambda: f"user-{uuid.uuid4().hex[:8]}")
    secret_key: str = field(default_factory=lambda: f"SK-{uuid.uuid4().hex}")
    wrong_secret: str = field(default_factory=lambda: f"WRONG-{uuid.uuid4().hex}")
    s3_access: str = field(default_factory=lambda: f"AKIA{uuid.uuid4().hex[:16].upper()}")
    s3_secret: str = field(default_factory=lambda: f"s3-{uuid.uuid4().hex}")
    app_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    texts: dict[str, str] = field(default_factory=dict)
    with_locals: dict[str, str] = field(default_factory=dict)

    @property
    def credentials(self) -> Credentials:
        return Credentials(self.username, self.secret_key, self.app_id)

    @property
    def client_credentials(self) -> ClientCredentials:
        return {"username": self.username, "secret_key": self.secret_key, "app_id": self.app_id}

    def token(self, secret: str) -> str:
        return base64.b64encode(f"{self.username}:{secret}".encode()).decode()

    def api_secrets(self) -> dict[str, str]:
        return {
            "secret_key": self.secret_key,
            "Basic token": self.token(self.secret_key),
            "wrong secret_key": self.wrong_secret,
            "wrong Basic token": self.token(self.wrong_secret),
        }

    def s3_secrets(self) -> dict[str, str]:
        return {"S3 accessKey": self.s3_access, "S3 secretKey": self.s3_secret}

    def all_secrets(self) -> dict[str, str]:
        return {**self.api_secrets(), **self.s3_secrets()}

    def destination(self) -> CatchupDestination:
        return CatchupDestination(
            type="s3",
            s3=S3Destination(
                access_key=self.s3_access,
                secret_key=self.s3_secret,
                bucket="vod",
                endpoint="https://s3.example.test",
                region="ap-southeast-1",
            ),
        )

    def add(self, label: str, text: str) -> None:
        self.texts[f"{label} #{len(self.texts)}"] = text

    def add_object(self, label: str, value: object) -> None:
        self.add(f"repr({label})", repr(value))
        self.add(f"str({label})", str(value))

    def add_error(self, label: str, error: BaseException) -> None:
        self.add_object(label, error)
        self.add(f"args of {label}", repr(error.args))
        self.add(f"vars of {label}", repr(vars(error)))
        self.add(f"traceback of {label}", "".join(traceback.format_exception(error)))
        self.with_locals[f"traceback with locals of {label}"] = locals_traceback(error)

    def add_logs(self, records: Iterable[logging.LogRecord]) -> None:
        formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")
        for record in records:
            self.add(f"log {record.name}", formatter.format(record))
            self.add(f"log args {record.name}", repr(record.args))

    def leaks(self, secrets: dict[str, str], *, with_locals: bool = False) -> list[str]:
        """Where each secret shows, with the line around it (the secret itself masked)."""
        found = []
        for label, text in (self.with_locals if with_locals else self.texts).items():
            for name, secret in secrets.items():
                if secret in text:
                    line = next(line for line in text.splitlines() if secret in line)
                    found.append(f"{name} in {label}: {line.replace(secret, '<SECRET>')[:300]}")
        return found


def locals_traceback(error: BaseException) -> str:
    """The traceback with every frame's locals, as error trackers and ``pytest -l`` show it.

    Chained causes included; the test's own frames are left out (they hold the secrets).
    Searched for the API credentials only: a frame that handles a request or response body
    holds it as bytes, and a channel's body carries its S3 keys (the report of issue 7 says so).
    """
    parts: list[str] = []
    current: BaseException | None = error
    while current is not None and len(parts) < 10:
        frames = [
            (frame, line)
            for frame, line in traceback.walk_tb(current.__traceback__)
            if "/tests/reliability/" not in frame.f_code.co_filename
        ]
        summary = traceback.StackSummary.extract(iter(frames), capture_locals=True)
        parts.append(f"{type(current).__name__}: {current}\n" + "".join(summary.format()))
        current = current.__cause__ or current.__context__
    return "\n".join(parts)


@pytest.fixture
def secrets() -> Secrets:
    return Secrets()


@pytest.fixture
def sigma_emulator_options(secrets: Secrets) -> dict[str, Any]:
    return {"seed": 3, "credentials": secrets.credentials}


@pytest.fixture
def emulator(emu: SigmaEmulator) -> SigmaEmulator:
    """The plugin's emulator, with this test's unique credentials."""
    return emu


async def expect(
    secrets: Secrets, label: str, error_class: type[SigmaError], call: Any
) -> SigmaError:
    with pytest.raises(error_class) as caught:
        await call
    secrets.add_error(label, caught.value)
    return caught.value


async def test_a_full_lifecycle_at_debug_never_shows_a_secret(
    emulator: SigmaEmulator, secrets: Secrets, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # the root logger: the SDK's, aiohttp's, everyone's
    client = emulator.client(**FAST)
    secrets.add_object("client", client)
    secrets.add("vars(client)", repr(vars(client)))
    for resource in (client.channels, client.sessions, client.events):
        secrets.add_object("resource", resource)
    async with client:
        request = ChannelCreate(
            name="secrets", catchup=True, tags=["s"], destination_catchup=secrets.destination()
        )
        secrets.add_object("ChannelCreate", request)
        secrets.add_object("S3Destination", request.destination_catchup)
        channel = await client.channels.create(request)
        # The secrets really made the trip, both ways: it is redaction that hides them.
        assert emulator.channel(channel.id)["destinationCatchup"]["s3"]["secretKey"] == (
            secrets.s3_secret
        )
        assert channel.destination_catchup is not None
        assert channel.destination_catchup.s3 is not None
        assert channel.destination_catchup.s3.secret_key == secrets.s3_secret
        changes = ChannelUpdate(description="evening", destination_catchup=secrets.destination())
        secrets.add_object("ChannelUpdate", changes)
        models: list[object] = [
            channel,
            await client.channels.get(channel.id),
            await client.channels.update(channel.id, changes),
            await client.channels.list(per_page=1).to_list(),
            [page async for page in client.channels.list(per_page=1).pages()],
        ]
        await client.channels.start(channel.id)
        session_id = emulator.publish(channel.id, live=True)
        models += [
            await client.sessions.list(channel.id).to_list(),
            await client.sessions.get(session_id),
            await client.sessions.status(session_id),
        ]

        # Error paths, each with the secrets in flight.
        await expect(
            secrets, "409", ConflictError, client.channels.delete(channel.id)
        )  # refused while live
        await expect(secrets, "404", NotFoundError, client.channels.get("no-such-channel"))
        bad = ChannelCreate(
            name="bad",
            transcode_profile=["not-a-profile"],
            destination_catchup=secrets.destination(),
        )
        await expect(secrets, "400", BadRequestError, client.channels.create(bad))
        emulator.faults.add("status", status=503, operation="updateChannel", times=3)
        await expect(
            secrets, "503", InternalServerError, client.channels.update(channel.id, changes)
        )
        emulator.faults.add("status", status=429, operation="getChannel", times=3)
        await expect(secrets, "429", RateLimitError, client.channels.get(channel.id))
        emulator.faults.add("drop_after", operation="createChannel", times=1)
        await expect(secrets, "dropped", APIConnectionError, client.channels.create(request))
        emulator.faults.add("truncate", operation="getChannel", times=3)
        await expect(secrets, "truncated", APIConnectionError, client.channels.get(channel.id))
        emulator.faults.add("latency", operation="updateChannel", delay=1.0, times=3)
        await expect(
            secrets,
            "timeout",
            APITimeoutError,
            client.channels.update(channel.id, changes, timeout=0.1),
        )
        emulator.faults.clear()

        await client.channels.stop(channel.id)
        models += [
            await client.events.list(session_id).to_list(),
            [event async for event in client.events.watch(session_id, poll_interval=0.01)],
        ]
        await client.channels.delete(channel.id)
        for number, model in enumerate(models):
            secrets.add_object(f"model {number}", model)

    wrong = Credentials(secrets.username, secrets.wrong_secret, secrets.app_id)
    async with emulator.client(credentials=wrong, **FAST) as stranger:
        secrets.add_object("client with a wrong secret", stranger)
        await expect(secrets, "401", AuthenticationError, stranger.channels.list().to_list())

    secrets.add_logs(caplog.records)
    secrets.add("caplog.text", caplog.text)
    assert any("attempt" in record.getMessage() for record in caplog.records)  # DEBUG was on
    assert any("'***'" in text for text in secrets.texts.values())  # models were searched
    assert secrets.leaks(secrets.all_secrets()) == []
    assert secrets.leaks(secrets.api_secrets(), with_locals=True) == []


async def test_decode_errors_never_quote_a_body_holding_secrets(
    scripted: Any, secrets: Secrets, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    document = {
        "id": "c1",
        "name": "x",
        "destinationCatchup": {
            "type": "s3",
            "s3": {"accessKey": secrets.s3_access, "secretKey": secrets.s3_secret},
        },
    }
    whole = json.dumps(document).encode()
    bodies = [
        whole[: len(whole) - 3],  # truncated JSON
        whole.replace(b'"name": "x"', b'"name": 7'),  # wrong type in a field
        whole + b" trailing junk",
        b"[" + whole,  # broken nesting
    ]

    async def answer(request: web.BaseRequest) -> web.StreamResponse:
        body = bodies.pop(0)
        return web.Response(body=body, content_type="application/json")

    server: ScriptedServer = await scripted()
    server.script = answer
    async with SigmaClient(**secrets.client_credentials, base_url=server.url, **FAST) as client:
        while bodies:
            await expect(secrets, "decode", ResponseDecodeError, client.channels.get("c1"))
    secrets.add_logs(caplog.records)
    assert len(secrets.texts) > 20
    assert secrets.leaks(secrets.all_secrets()) == []
    assert secrets.leaks(secrets.api_secrets(), with_locals=True) == []


class Cli:
    """``sigma-async`` run in-process, with everything it prints kept for the search."""

    def __init__(self, emulator: SigmaEmulator, secrets: Secrets) -> None:
        self.emulator = emulator
        self.secrets = secrets

    async def __call__(self, *argv: str, secret: str | None = None, stdin: str = "") -> str:
        stdout, stderr = io.StringIO(), io.StringIO()
        account = [
            *("--base-url", self.emulator.base_url),
            *("--username", self.secrets.username),
            *("--secret-key", secret or self.secrets.secret_key),
            *("--app-id", self.secrets.app_id),
        ]
        code = await run_cli(
            [*account, *argv], stdout=stdout, stderr=stderr, stdin=io.StringIO(stdin)
        )
        out, err = stdout.getvalue(), stderr.getvalue()
        self.secrets.add(f"cli {' '.join(argv)} stdout", out)
        self.secrets.add(f"cli {' '.join(argv)} stderr", err)
        self.last = (code, out, err)
        return out


async def test_the_cli_never_prints_a_secret_unless_asked(
    emulator: SigmaEmulator, secrets: Secrets, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    cli = Cli(emulator, secrets)
    body = tmp_path / "channel.json"
    body.write_text(
        json.dumps(
            {
                "name": "cli-secrets",
                "catchup": True,
                "destinationCatchup": to_dict(secrets.destination()),
            }
        ),
        encoding="utf-8",
    )
    created = json.loads(await cli("channels", "create", "--from-json", str(body), "--json"))
    channel_id = created["id"]
    assert created["destinationCatchup"]["s3"]["secretKey"] == "***"
    await cli("channels", "create", "--from-json", "-", stdin=body.read_text(encoding="utf-8"))
    assert cli.last[0] == EXIT_OK
    for args in (
        ("channels", "get", channel_id),
        ("channels", "get", channel_id, "--json"),
        ("channels", "list"),
        ("channels", "list", "--json"),
        ("--json", "channels", "list"),
        ("channels", "update", channel_id, "--description", "evening"),
        ("channels", "update", channel_id, "--description", "night", "--json"),
        ("channels", "start", channel_id),
        ("channels", "start", channel_id, "--json"),
    ):
        await cli(*args)
        assert cli.last[0] == EXIT_OK, cli.last
    session_id = emulator.publish(channel_id, live=True)
    for args in (
        ("sessions", "list", "--channel", channel_id),
        ("sessions", "list", "--channel", channel_id, "--json"),
        ("sessions", "get", session_id, "--json"),
        ("sessions", "status", session_id),
        ("events", "list", session_id, "--json"),
        ("channels", "stop", channel_id, "--json"),
    ):
        await cli(*args)
        assert cli.last[0] == EXIT_OK, cli.last
    # Error paths: 404, 409, 400 and 401 (with a wrong secret that must not show either).
    await cli("channels", "get", "no-such-channel")
    assert cli.last[0] == EXIT_API_ERROR
    await cli("channels", "create", "--from-json", str(body), "--name", "x" * 51)
    await cli("channels", "list", secret=secrets.wrong_secret)
    assert cli.last[0] == EXIT_API_ERROR
    assert "AuthenticationError" in cli.last[2]
    emulator.faults.add("truncate", operation="getChannel", times=3)
    await cli("channels", "get", channel_id)
    assert cli.last[0] == EXIT_API_ERROR
    emulator.faults.clear()
    secrets.add_logs(caplog.records)
    assert secrets.leaks(secrets.all_secrets()) == []

    # Asked for explicitly, the channel's S3 keys show; the API secret never does.
    shown = await cli("channels", "get", channel_id, "--show-secrets")
    shown_json = await cli("channels", "get", channel_id, "--show-secrets", "--json")
    for text in (shown, shown_json):
        assert secrets.s3_secret in text
        assert secrets.s3_access in text
    assert secrets.leaks(secrets.api_secrets()) == []
    await cli("channels", "delete", channel_id, "--yes")
    assert cli.last[0] == EXIT_OK, cli.last
