"""The fast help path (sigma_async.cli.fast_help) prints exactly what click prints, or nothing.

Every recorded help command line is compared with click's own rendering at widths inside and
outside the recorded ranges; the real command line is compared byte for byte, on a pipe and on
a terminal, with click's path; and each condition under which click could print something else
sends the run to click.
"""

from __future__ import annotations

import contextlib
import fcntl
import io
import json
import os
import struct
import subprocess
import sys
import termios
from collections.abc import Iterator
from pathlib import Path

import click
import pytest

from sigma_async.cli import fast_help, main
from sigma_async.cli.app import COMPLETE_VARIABLE, PROG, Streams, parse, root

# The edges of click's ranges (width = max(min(columns, 100) - 2, 50)) and a few inside.
RECORDED_COLUMNS = (1, 40, 52, 80, 100, 101, 160, 1000)
OTHER_COLUMNS = (53, 60, 79, 81, 99)
RECORDED = fast_help.recorded()
assert RECORDED is not None
RECORDED_RUNS = sorted(RECORDED.runs)

# The program as its entry point runs it (which may replay a page), and click's own path; each
# then writes to `report` whether click was imported.
PATHS = {
    "fast": "from sigma_async.cli import main as run",
    "click": "from sigma_async.cli.app import run_sync as run",
}
PROGRAM = """
import sys
{path}
status = run({argv!r})
with open({report!r}, "w") as report:
    report.write(str("click" in sys.modules))
sys.exit(status)
"""


def click_output(argv: tuple[str, ...], columns: int) -> tuple[str, int, str]:
    """What click itself prints for ``argv`` at ``columns`` (as the stream, status, text)."""
    stdout, stderr = io.StringIO(), io.StringIO()
    with columns_env(columns):
        status = parse(list(argv), Streams(stdout=stdout, stderr=stderr))
    assert isinstance(status, int), argv
    assert bool(stdout.getvalue()) != bool(stderr.getvalue()), argv
    if stdout.getvalue():
        return "stdout", status, stdout.getvalue()
    return "stderr", status, stderr.getvalue()


@contextlib.contextmanager
def columns_env(columns: int) -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("COLUMNS", str(columns))
        yield


@pytest.mark.parametrize("argv", RECORDED_RUNS, ids=" ".join)
def test_every_recorded_page_is_what_click_prints_at_every_width(argv: tuple[str, ...]) -> None:
    for columns in RECORDED_COLUMNS + OTHER_COLUMNS:
        replayed = fast_help.recorded_output(argv, columns)
        if columns in OTHER_COLUMNS:
            assert replayed is None, (argv, columns)  # click wraps differently there: its turn
        else:
            assert replayed == click_output(argv, columns), (argv, columns)


def help_command_lines() -> Iterator[tuple[str, ...]]:
    """Every command line of the click tree that prints a help page (walked here, not codegen)."""

    def walk(
        command: click.Command, path: tuple[str, ...], ctx: click.Context
    ) -> Iterator[tuple[str, ...]]:
        yield from ((*path, name) for name in command.get_help_option_names(ctx))
        if isinstance(command, click.Group):
            yield path  # a group alone prints its help (on stderr, status 2)
            for name in command.list_commands(ctx):
                sub = command.get_command(ctx, name)
                assert sub is not None
                yield from walk(sub, (*path, name), click.Context(sub, info_name=name, parent=ctx))

    yield from walk(root, (), click.Context(root, info_name=PROG, **root.context_settings))


def test_every_help_command_line_of_the_tree_is_recorded() -> None:
    assert sorted(help_command_lines()) == RECORDED_RUNS


def program_env(columns: int | None) -> dict[str, str]:
    env = dict(os.environ)
    env.pop(COMPLETE_VARIABLE, None)
    env.pop("COLUMNS", None)
    if columns is not None:
        env["COLUMNS"] = str(columns)
    return env


def run_program(
    path: str, argv: list[str], columns: int | None, report: Path
) -> tuple[int, bytes, bytes, bool]:
    """Run the command line by ``path`` on pipes: status, stdout, stderr, whether click loaded."""
    program = PROGRAM.format(path=PATHS[path], argv=argv, report=str(report))
    done = subprocess.run(
        [sys.executable, "-c", program],
        env=program_env(columns),
        capture_output=True,
        timeout=60,
        check=False,
    )
    return done.returncode, done.stdout, done.stderr, report.read_text() == "True"


# A subprocess per run, so a few command lines: every page's text is compared in process above.
CASES = [
    *((["--help"], columns) for columns in (None, 40, 120)),
    ([], None),  # on stderr, status 2
    (["contract", "-h"], None),  # a group's page, whose module click would import
    (["--help"], 90),  # no recorded range: click's turn
]


@pytest.mark.parametrize(("argv", "columns"), CASES)
def test_the_command_line_prints_the_bytes_click_prints(
    argv: list[str], columns: int | None, tmp_path: Path
) -> None:
    *fast, fast_loaded_click = run_program("fast", argv, columns, tmp_path / "fast")
    *slow, _ = run_program("click", argv, columns, tmp_path / "click")
    assert fast == slow
    # A pipe is 80 columns wide to click; 90 is in none of the recorded ranges.
    assert fast_loaded_click == (columns == 90)


def run_on_terminal(path: str, argv: list[str], columns: int, report: Path) -> tuple[int, bytes]:
    """Run the command line by ``path`` with stdout and stderr on a terminal ``columns`` wide."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    program = PROGRAM.format(path=PATHS[path], argv=argv, report=str(report))
    process = subprocess.Popen(
        [sys.executable, "-c", program], env=program_env(None), stdout=slave, stderr=slave
    )
    os.close(slave)
    written = b""
    with contextlib.suppress(OSError):  # EIO once the program has exited and closed its side
        while chunk := os.read(master, 65536):
            written += chunk
    os.close(master)
    return process.wait(timeout=60), written


@pytest.mark.parametrize("columns", [45, 90, 132])
def test_on_a_terminal_the_page_is_wrapped_as_click_wraps_it(columns: int, tmp_path: Path) -> None:
    argv = ["--help"]
    fast = run_on_terminal("fast", argv, columns, tmp_path / "fast")
    assert fast == run_on_terminal("click", argv, columns, tmp_path / "click")
    assert (tmp_path / "fast").read_text() == str(columns == 90)


def test_a_closed_pipe_ends_the_help_quietly_as_on_the_click_path(tmp_path: Path) -> None:
    outcomes = []
    for path in PATHS:
        read_end, write_end = os.pipe()
        os.close(read_end)  # the reader has gone (`sigma-async --help | head -0`)
        program = PROGRAM.format(path=PATHS[path], argv=["--help"], report=str(tmp_path / path))
        done = subprocess.run(
            [sys.executable, "-c", program],
            env=program_env(None),
            stdout=write_end,
            stderr=subprocess.PIPE,
            timeout=60,
            check=False,
        )
        os.close(write_end)
        outcomes.append((done.returncode, done.stderr))
    assert outcomes == [(0, b""), (0, b"")]


@pytest.fixture
def on_a_pipe(capsys: pytest.CaptureFixture[str]) -> Iterator[None]:
    """80 columns, as on a pipe; what is printed is dropped, and the pages are read afresh after."""
    fast_help.recorded.cache_clear()
    with columns_env(80):
        yield
    capsys.readouterr()
    fast_help.recorded.cache_clear()


def test_main_replays_a_group_alone_on_stderr_with_status_2(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with columns_env(80):
        status = main(["sessions"])
    out, err = capsys.readouterr()
    assert (status, out, err) == (2, "", click_output(("sessions",), 80)[2])


@pytest.mark.usefixtures("on_a_pipe")
@pytest.mark.parametrize(
    "change",
    [
        "completion",  # shell completion is click's business
        "forced width",  # a program set click's width: the recorded wrap may be wrong
        "other click",  # another click version may render the page differently
        "unknown argv",
        "no pages",  # installed without its data file
    ],
)
def test_click_prints_the_help_whenever_it_could_print_another_page(
    change: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    argv = ["channels", "--help"]
    assert fast_help.print_help(argv) == 0  # the baseline: replayed
    if change == "completion":
        monkeypatch.setenv(COMPLETE_VARIABLE, "bash_source")
    elif change == "forced width":
        monkeypatch.setattr(click.formatting, "FORCED_WIDTH", 78)
    elif change in ("other click", "no pages"):
        pages = tmp_path / "help_pages.json"
        if change == "other click":
            recorded = json.loads(Path(fast_help.PAGES_FILE).read_text(encoding="utf-8"))
            pages.write_text(json.dumps({**recorded, "click": "8.0.0"}), encoding="utf-8")
        monkeypatch.setattr(fast_help, "PAGES_FILE", str(pages))
        fast_help.recorded.cache_clear()
    else:
        argv = ["channels", "--help", "--json"]
    assert fast_help.print_help(argv) is None


def test_every_recorded_line_passes_the_cheap_prefilter() -> None:
    """The check that spares other commands the pages file never turns a recorded line away."""
    assert RECORDED is not None
    assert all(fast_help._may_be_recorded(argv) for argv in RECORDED.runs)
    assert not fast_help._may_be_recorded(["channels", "list", "--json"])
    assert not fast_help._may_be_recorded(["--json"])
