"""A standalone emulator (``sigma-async emulator serve --json``) for tests that run the CLI as a
user does: as a subprocess, through click's CliRunner, or under a pseudo-terminal."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from .conftest import CREDENTIALS


def entry_point() -> str:
    script = Path(sys.executable).with_name("sigma-async")
    if not script.exists():
        pytest.fail(f"the sigma-async entry point is not installed next to {sys.executable}")
    return str(script)


def clean_environment() -> dict[str, str]:
    """The process environment without any account, profile or colour setting."""
    drop = ("SIGMA_", "NO_COLOR", "FORCE_COLOR", "_SIGMA_ASYNC")
    return {k: v for k, v in os.environ.items() if not k.startswith(drop)}


@dataclass
class Standalone:
    base_url: str
    env: dict[str, str]  # a user's environment: SIGMA_* pointing at this emulator

    def run(self, *argv: str, **options: object) -> subprocess.CompletedProcess[str]:
        completed: subprocess.CompletedProcess[str] = subprocess.run(
            [entry_point(), *argv],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
            **options,  # type: ignore[call-overload]
        )
        return completed


@pytest.fixture(scope="module")
def standalone() -> Iterator[Standalone]:
    account = {
        "SIGMA_USERNAME": CREDENTIALS.username,
        "SIGMA_SECRET_KEY": CREDENTIALS.secret_key,
        "SIGMA_APP_ID": CREDENTIALS.app_id,
    }
    process = subprocess.Popen(
        [entry_point(), "emulator", "serve", "--port", "0", "--json", "--manual-clock"],
        env={**clean_environment(), **account},
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    try:
        document = json.loads(line)
    except ValueError:
        process.kill()
        raise AssertionError(f"emulator serve --json printed {line!r}") from None
    assert document["appId"] == CREDENTIALS.app_id
    env = {**clean_environment(), **account, "SIGMA_BASE_URL": document["baseUrl"]}
    yield Standalone(document["baseUrl"], env)
    process.terminate()
    process.wait(timeout=10)
    process.stdout.close()
