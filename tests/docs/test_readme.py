"""Every code block of the README runs, as a user would run it, against the emulator.

- ``python`` blocks run in a fresh interpreter with ``SIGMA_*`` pointing at a standalone
  emulator (``python -m sigma_async.testing``), so ``SigmaClient.from_env()`` works unchanged;
  a block whose first line names a ``test_*.py`` file runs under pytest instead.
- ``console`` blocks: each ``$ command`` runs in a shell (pipes included) and must exit 0: the
  demo without ``SIGMA_*``, as the README presents it; the CLI walkthrough in order against a
  fresh emulator of its own, checking after each step the channel counts the step implies; the
  standalone emulator's command is started, checked for its banner and stopped.
- The ``toml`` block is a config file the CLI accepts; the pictures are current
  (``tests/docs/pictures.py`` draws them again and the result must equal ``docs/*.svg``).
- The ``bash`` block holds the two set-up commands: ``.ci/run`` must run both, as written.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from collections import Counter
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
    assert {kind for kind, _ in BLOCKS} <= {"python", "console", "bash", "toml"}
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


def user_env_for(base_url: str) -> dict[str, str]:
    """This environment with SIGMA_* set to the emulator at ``base_url`` and its credentials."""
    return {
        **os.environ,
        "SIGMA_BASE_URL": base_url,
        "SIGMA_USERNAME": CREDENTIALS["username"],
        "SIGMA_SECRET_KEY": CREDENTIALS["secret-key"],
        "SIGMA_APP_ID": CREDENTIALS["app-id"],
        "PYTHONWARNINGS": "error",
    }


@pytest.fixture(scope="module")
def user_env() -> Iterator[dict[str, str]]:
    """A user's environment: SIGMA_* set to a standalone emulator's address and credentials."""
    process, base_url = start_emulator()
    yield user_env_for(base_url)
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


def _shell(command: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run a README line as a user's shell would, with the installed `sigma-async` first on PATH."""
    bin_dir = str(Path(sys.executable).parent)
    env = {**env, "PATH": bin_dir + os.pathsep + env.get("PATH", "")}
    return run(["bash", "-o", "pipefail", "-c", command], env, cwd)


DEMOS = [c for c in console_commands() if c.startswith("sigma-async demo")]
WALKTHROUGH = [c for c in console_commands() if c.startswith("sigma-async channels")]

# What each walkthrough step leaves behind: the `event` channels by status (item 24: the
# walkthrough tags all it creates, and each later step acts on all of them).
EXPECTED = {
    "channels create --name news": {"idle": 1},
    "channels create --name event --count 20": {"idle": 21},
    "channels list --status idle": {"idle": 21},
    "channels start --all --tag event": {"active": 21},
    "channels list --tag event --json": {"active": 21},
    "channels list -q --tag event | xargs": {"stop": 21},
    "channels delete --status stop --tag event --dry-run": {"stop": 21},
    "channels delete --status stop --tag event --yes": {},
}


@pytest.mark.parametrize("command", DEMOS)
def test_demo_command_runs(command: str, tmp_path: Path) -> None:
    # The README shows the demo as on a fresh machine: no account, the embedded emulator.
    env = {name: value for name, value in os.environ.items() if not name.startswith("SIGMA_")}
    _shell(command, {**env, "PYTHONWARNINGS": "error"}, tmp_path)


def _event_channels(env: dict[str, str], cwd: Path) -> dict[str, int]:
    listed = _shell("sigma-async channels list --json --tag event", env, cwd)
    statuses = [json.loads(line)["status"] for line in listed.stdout.splitlines()]
    return dict(Counter(statuses))


def test_cli_walkthrough_runs_and_each_step_does_what_it_implies(tmp_path: Path) -> None:
    process, base_url = start_emulator()
    env = user_env_for(base_url)
    try:
        assert len(WALKTHROUGH) == len(EXPECTED)
        for command, (step, counts) in zip(WALKTHROUGH, EXPECTED.items(), strict=True):
            assert command.startswith(f"sigma-async {step}"), (command, step)
            result = _shell(command, env, tmp_path)
            assert _event_channels(env, tmp_path) == counts, command
            if "list --status idle" in command:
                assert "21 channel(s)" in result.stderr
            if "--json" in command:
                assert len(result.stdout.splitlines()) == 21
            if "--count 20" in command:
                assert "20 channels: 20 created" in result.stderr
    finally:
        stop_emulator(process)


def test_the_toml_block_is_a_config_file_the_cli_accepts(tmp_path: Path) -> None:
    from sigma_async.cli.profiles import load_profile

    (config,) = blocks("toml")
    path = tmp_path / "config.toml"
    path.write_text(config, encoding="utf-8")
    name, profile = load_profile(None, flag_given=False, environ={"SIGMA_CONFIG": str(path)})
    assert name == "staging"
    assert set(profile) == {"username", "secret_key", "app_id", "base_url"}


def test_the_pictures_are_current_and_shown(tmp_path: Path) -> None:
    from tests.docs.pictures import PICTURES, draw

    draw(tmp_path)
    for name in PICTURES:
        assert f"](docs/{name})" in README, name
        fresh = (tmp_path / name).read_text(encoding="utf-8")
        committed = (ROOT / "docs" / name).read_text(encoding="utf-8")
        assert fresh == committed, f"docs/{name} is stale: run `nox -s pictures`"


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
