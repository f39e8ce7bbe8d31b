"""The CLI under a pseudo-terminal: colour, the progress bar, the prompt, NO_COLOR, Ctrl-C."""

from __future__ import annotations

import os
import re
import select
import signal
import subprocess
import sys
from collections.abc import Iterator

import pytest

from .conftest import CREDENTIALS
from .standalone import Standalone, entry_point

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")

SGR = re.compile(r"\x1b\[[0-9;]*m")  # colour and style codes (not cursor movement)
GUARD = 60.0  # seconds before a test gives up on a hung child (a hang guard, not a timing check)


class Terminal:
    """One command running with stdin, stdout and stderr on a pseudo-terminal."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        self.master, slave = os.openpty()
        self.process = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True
        )
        os.close(slave)
        self.seen = ""

    def read_until(self, text: str) -> str:
        while text not in self.seen:
            ready, _, _ = select.select([self.master], [], [], GUARD)
            assert ready, f"waited for {text!r}; the terminal shows {self.seen!r}"
            try:
                chunk = os.read(self.master, 65536)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            self.seen += chunk.decode(errors="replace")
        assert text in self.seen, self.seen
        return self.seen

    def type(self, text: str) -> None:
        os.write(self.master, text.encode())

    def finish(self) -> int:
        code = self.process.wait(timeout=GUARD)
        while True:
            ready, _, _ = select.select([self.master], [], [], 0.5)
            if not ready:
                break
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                break
            if not chunk:
                break
            self.seen += chunk.decode(errors="replace")
        os.close(self.master)
        return code


@pytest.fixture
def terminal_env(standalone: Standalone) -> Iterator[dict[str, str]]:
    env = {**standalone.env, "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "40"}
    made = standalone.run("channels", "create", "--name", "tty", "--count", "3", "--tag", "tty")
    assert made.returncode == 0, made.stderr
    yield env
    standalone.run("channels", "delete", "--tag", "tty", "--yes")


def test_colour_prompt_and_progress_bar_on_a_terminal(
    terminal_env: dict[str, str],
    standalone: Standalone,
) -> None:
    term = Terminal([entry_point(), "channels", "start", "--tag", "tty"], terminal_env)
    assert term.finish() == 0
    plain = SGR.sub("", term.seen)
    assert SGR.search(term.seen)  # colour on a terminal
    assert "starting" in plain
    assert "3/3" in plain
    stop = Terminal([entry_point(), "channels", "stop", "--tag", "tty"], terminal_env)
    shown = SGR.sub("", stop.read_until("[y/N]"))
    assert f"app {CREDENTIALS.app_id} at {standalone.base_url}" in shown
    assert "Stop 3 channel(s) (tag tty)? [y/N]" in shown
    stop.type("y\n")
    assert stop.finish() == 0
    assert "3 channels: 3 stopped" in SGR.sub("", stop.seen)


@pytest.mark.parametrize("how", ["NO_COLOR", "--no-color"])
def test_no_color_removes_colour(terminal_env: dict[str, str], how: str) -> None:
    env = {**terminal_env, "NO_COLOR": "1"} if how == "NO_COLOR" else terminal_env
    flags = ["--no-color"] if how == "--no-color" else []
    term = Terminal([entry_point(), *flags, "channels", "list", "--tag", "tty"], env)
    assert term.finish() == 0
    assert "tty-1" in term.seen
    assert not SGR.search(term.seen), term.seen


def test_ctrl_c_at_a_prompt_exits_130_at_once_with_one_line(
    terminal_env: dict[str, str],
) -> None:
    """Item 11: no Enter needed, no traceback."""
    term = Terminal([entry_point(), "channels", "delete", "--tag", "tty"], terminal_env)
    term.read_until("[y/N]")
    term.process.send_signal(signal.SIGINT)  # what Ctrl-C sends to the foreground process
    assert term.finish() == 130
    assert "Traceback" not in term.seen
    assert SGR.sub("", term.seen).count("interrupted") == 1


def test_ctrl_c_while_waiting_exits_130(standalone: Standalone) -> None:
    env = {**standalone.env, "TERM": "xterm-256color"}
    made = standalone.run("channels", "create", "--name", "w", "-q")
    channel_id = made.stdout.strip()
    standalone.run("channels", "start", channel_id)
    session = standalone.run("emulator", "publish", channel_id).stdout.strip()
    term = Terminal([entry_point(), "sessions", "wait", session, "--poll-interval", "0.05"], env)
    term.read_until("waiting up to")
    term.process.send_signal(signal.SIGINT)
    assert term.finish() == 130
    assert "Traceback" not in term.seen
    standalone.run("channels", "delete", channel_id)
