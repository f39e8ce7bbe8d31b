"""A standalone emulator (``sigma-async emulator serve --json``) for tests that run the CLI as a
user does: as a subprocess, through click's CliRunner, or under a pseudo-terminal."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from .conftest import CREDENTIALS


def entry_point() -> str:
    script = Path(sys.executable).with_name("sigma-async")
    if not script.exists():
        pytest.fail(f"the sigma-async entry point is not installed next to {sys.executable}")
    return str(script)


def run_process(
    argv: Sequence[str], env: Mapping[str, str], **options: Any
) -> subprocess.CompletedProcess[str]:
    """Run a program to its end with its text output captured; its status is the caller's."""
    options.setdefault("timeout", 120)
    completed: subprocess.CompletedProcess[str] = subprocess.run(
        list(argv), env=dict(env), capture_output=True, text=True, check=False, **options
    )
    return completed


def clean_environment() -> dict[str, str]:
    """The process environment without any account, profile or colour setting."""
    drop = ("SIGMA_", "NO_COLOR", "FORCE_COLOR", "_SIGMA_ASYNC")
    return {k: v for k, v in os.environ.items() if not k.startswith(drop)}


@dataclass
class Standalone:
    base_url: str
    env: dict[str, str]  # a user's environment: SIGMA_* pointing at this emulator

    def run(self, *argv: str, **options: Any) -> subprocess.CompletedProcess[str]:
        """Run ``sigma-async ARGV`` against this emulator."""
        return run_process([entry_point(), *argv], self.env, **options)

    def shell(self, pipeline: str) -> subprocess.CompletedProcess[str]:
        """Run a bash pipeline (``-o pipefail``) in which ``{cli}`` is the entry point."""
        command = pipeline.format(cli=shlex.quote(entry_point()))
        return run_process(["bash", "-o", "pipefail", "-c", command], self.env)


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
