"""Every code block of the README runs, as a user would run it, against the emulator.

- ``python`` blocks run in a fresh interpreter with ``SIGMA_*`` pointing at a standalone
  emulator (``python -m sigma_async.testing``), so ``SigmaClient.from_env()`` works unchanged;
  a block whose first line names a ``test_*.py`` file runs under pytest instead.
- ``console`` blocks: each ``$ command`` runs with the same environment and must exit 0 (the
  demo without ``SIGMA_*``, as the README presents it); the standalone emulator's command is
  started, checked for its banner and stopped.
- The ``bash`` block holds the two set-up commands: ``.ci/run`` must run both, as written.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCK = re.compile(r"^```(\w+)\n(.*?)^```", re.MULTILINE | re.DOTALL)
BLOCKS = [(lang, body) for lang, body in BLOCK.findall(README)]
BANNER = re.compile(r"listening on (http://127\.0\.0\.1:\d+)")
CREDENTIALS = {
    "username": "readme-user",
    "secret-key": "readme-secret-0b1c",
    "app-id": "readme-app",
}


def blocks(lang: str) -> list[str]:
    return [body for kind, body in BLOCKS if kind == lang]


def test_the_readme_has_the_blocks_this_test_runs() -> None:
    assert {kind for kind, _ in BLOCKS} <= {"python", "console", "bash"}
    assert len(blocks("python")) >= 6
    assert len(blocks("bash")) == 1


def start_emulator(*extra: str) -> tuple[subprocess.Popen[str], str]:
    command = [sys.executable, "-m", "sigma_async.testing", "--port", "0", "--speed", "100"]
    for name, value in CREDENTIALS.items():
        command += [f"--{name}", value]
    process = subprocess.Popen(
        [*command, *extra], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    assert process.stdout is not None
    for line in process.stdout:
        match = BANNER.search(line)
        if match:
            return process, match.group(1)
    process.kill()
    raise AssertionError(f"the emulator did not start: {process.wait()}")


def stop_emulator(process: subprocess.Popen[str]) -> None:
    process.terminate()
    process.wait(timeout=10)
    if process.stdout is not None:
        process.stdout.close()


@pytest.fixture(scope="module")
def user_env() -> Iterator[dict[str, str]]:
    """A user's environment: SIGMA_* set to a standalone emulator's address and credentials."""
    process, base_url = start_emulator()
    env = {
        **os.environ,
        "SIGMA_BASE_URL": base_url,
        "SIGMA_USERNAME": CREDENTIALS["username"],
        "SIGMA_SECRET_KEY": CREDENTIALS["secret-key"],
        "SIGMA_APP_ID": CREDENTIALS["app-id"],
        "PYTHONWARNINGS": "error",
    }
    yield env
    stop_emulator(process)


def run(command: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        command, env=env, cwd=cwd, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, f"{shlex.join(command)}\n{result.stdout}\n{result.stderr}"
    assert CREDENTIALS["secret-key"] not in result.stdout + result.stderr
    return result


@pytest.mark.parametrize("source", blocks("python"), ids=lambda s: s.splitlines()[0][:40])
def test_python_block_runs(source: str, user_env: dict[str, str], tmp_path: Path) -> None:
    first_line = source.splitlines()[0]
    if re.fullmatch(r"# test_\w+\.py", first_line):
        test_file = tmp_path / first_line[2:]
        test_file.write_text(source, encoding="utf-8")
        options = ["-o", "asyncio_mode=auto", "-o", "asyncio_default_fixture_loop_scope=function"]
        options += ["-W", "error", "-p", "no:cacheprovider"]
        result = run(
            [sys.executable, "-m", "pytest", "-q", *options, str(test_file)], user_env, tmp_path
        )
        assert "1 passed" in result.stdout
    else:
        run([sys.executable, "-c", source], user_env, tmp_path)


def console_commands() -> list[str]:
    return [
        line[2:].split("  #")[0].strip()
        for body in blocks("console")
        for line in body.splitlines()
        if line.startswith("$ ")
    ]


@pytest.mark.parametrize("command", [c for c in console_commands() if c.startswith("sigma-async")])
def test_cli_command_runs(command: str, user_env: dict[str, str], tmp_path: Path) -> None:
    executable = Path(sys.executable).with_name("sigma-async")
    env = user_env
    if command.startswith("sigma-async demo"):
        # The README shows the demo as on a fresh machine: no account, the embedded emulator.
        env = {name: value for name, value in user_env.items() if not name.startswith("SIGMA_")}
    run([str(executable), *shlex.split(command)[1:]], env, tmp_path)


def test_standalone_emulator_command_serves() -> None:
    (command,) = [c for c in console_commands() if c.startswith("python -m sigma_async.testing")]
    args = shlex.split(command)[3:]
    args[args.index("--port") + 1] = "0"  # the README's port may be taken on this machine
    process, base_url = start_emulator(*args)
    try:
        assert base_url.startswith("http://127.0.0.1:")
    finally:
        stop_emulator(process)


def test_ci_runs_the_readmes_two_commands_exactly() -> None:
    (setup,) = blocks("bash")
    commands = [line for line in setup.splitlines() if line and not line.startswith("#")]
    assert len(commands) == 2
    ci_script = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    for command in commands:
        assert command in ci_script
