"""Run ``sigma-async`` in-process (``run_cli``) against an emulator on loopback."""

from __future__ import annotations

import asyncio
import base64
import io
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

import pytest

from sigma_async import SigmaClient
from sigma_async.cli import run_cli
from sigma_async.testing import Credentials, SigmaEmulator

# Chosen, so that tests can prove the secret never reaches any output.
CREDENTIALS = Credentials("cli-user", "cli-Secret-Key-0123456789", "cli-app-0001")
BASIC_TOKEN = base64.b64encode(f"{CREDENTIALS.username}:{CREDENTIALS.secret_key}".encode()).decode()


@dataclass
class Outcome:
    code: int
    out: str
    err: str

    def assert_no_secret(self) -> None:
        for text in (self.out, self.err):
            assert CREDENTIALS.secret_key not in text
            assert BASIC_TOKEN not in text


@dataclass
class Cli:
    """Runs commands with the emulator's account given as flags (or not, with ``account=False``)."""

    emulator: SigmaEmulator
    last_stdout: io.StringIO = field(default_factory=io.StringIO)

    def account(self) -> list[str]:
        return [
            "--base-url",
            self.emulator.base_url,
            "--username",
            CREDENTIALS.username,
            "--secret-key",
            CREDENTIALS.secret_key,
            "--app-id",
            CREDENTIALS.app_id,
        ]

    async def __call__(
        self,
        *argv: str,
        stdin: str = "",
        account: bool = True,
        interactive: bool = False,
        terminal_input: bool = True,
    ) -> Outcome:
        stdout, stderr = io.StringIO(), io.StringIO()
        self.last_stdout = stdout
        args: Sequence[str] = [*(self.account() if account else []), *argv]
        code = await run_cli(
            args,
            stdout=stdout,
            stderr=stderr,
            stdin=io.StringIO(stdin),
            interactive=interactive,
            # The answers in `stdin` stand for a user typing at a terminal; without one a
            # confirmation is refused (tests of that pass terminal_input=False).
            terminal_input=terminal_input,
        )
        outcome = Outcome(code, stdout.getvalue(), stderr.getvalue())
        outcome.assert_no_secret()
        return outcome


@asynccontextmanager
async def serving(argv: Sequence[str], *, ready: str) -> AsyncIterator[io.StringIO]:
    """Run a serving command (``emulator serve ...``) until its stdout holds ``ready``; yield
    that stdout, and stop the command (as Ctrl-C would) on the way out."""
    out, err = io.StringIO(), io.StringIO()
    task = asyncio.ensure_future(run_cli(argv, stdout=out, stderr=err))
    try:
        for _ in range(500):
            if ready in out.getvalue() or task.done():
                break
            await asyncio.sleep(0.01)
        yield out
    finally:
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task


@pytest.fixture(autouse=True)
def no_account_in_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("SIGMA_USERNAME", "SIGMA_SECRET_KEY", "SIGMA_APP_ID", "SIGMA_BASE_URL"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
async def emulator() -> AsyncIterator[SigmaEmulator]:
    async with SigmaEmulator(seed=11, credentials=CREDENTIALS) as emu:
        yield emu
        assert emu.errors == []


@pytest.fixture
async def client(emulator: SigmaEmulator) -> AsyncIterator[SigmaClient]:
    async with emulator.client() as client:
        yield client


@pytest.fixture
def cli(emulator: SigmaEmulator) -> Cli:
    return Cli(emulator)


# A standalone emulator for the subprocess, CliRunner and terminal tests (tests/cli/standalone.py).
from .standalone import standalone  # noqa: E402, F401
