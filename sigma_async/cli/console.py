"""Where a command reads and writes: rich consoles over the real streams, or over test buffers.

Colour only where the stream is a terminal, and never with ``NO_COLOR`` or ``--no-color``.
Results go to stdout, everything else (progress, prompts, counts, errors) to stderr, so that a
pipe receives only the result. A prompt needs a terminal: without one (and without ``--yes``)
a destructive command refuses to run rather than wait on stdin or guess.
"""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Sequence
from typing import IO, TYPE_CHECKING, Any

from rich.console import Console as RichConsole
from rich.table import Table
from rich.text import Text

from .exits import CommandAbortedError, UsageError
from .output import Column

if TYPE_CHECKING:
    from rich.console import RenderableType

__all__ = ["Console", "is_terminal"]

_PIPE_WIDTH = 1000  # a pipe has no width: never wrap or cut a row for one
_STATUS_STYLES = {
    "active": "green",
    "live": "green",
    "succeeded": "green",
    "idle": "yellow",
    "init": "yellow",
    "processing": "yellow",
    "preparing": "yellow",
    "stop": "red",
    "ended": "dim",
    "error": "red",
    "failed": "red",
    "cancelled": "red",
    "not_started": "dim",
    "duplicate": "cyan",
}


class _RichConsole(RichConsole):
    """rich's console, but a closed pipe is left to the entry point (rich would exit 1)."""

    def on_broken_pipe(self) -> None:
        """Stop writing, and let the entry point end the run quietly (status 0)."""
        self.quiet = True
        raise BrokenPipeError


def is_terminal(stream: IO[str]) -> bool:
    """Whether ``stream`` is a terminal (False for buffers and closed streams)."""
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty()) if isatty is not None else False
    except ValueError:  # a closed stream
        return False


class Console:
    """A command's streams, with rich consoles for tables, colour and progress.

    ``interactive`` says whether stderr is a terminal (live progress bars; default: ask the
    stream); ``terminal_input`` whether stdin is one a user can answer a prompt on. ``record``
    keeps what is printed, stdout and stderr together in one picture, for :meth:`save_svg`
    (at ``width`` columns).
    """

    def __init__(
        self,
        *,
        stdout: IO[str] | None = None,
        stderr: IO[str] | None = None,
        stdin: IO[str] | None = None,
        interactive: bool | None = None,
        terminal_input: bool | None = None,
        record: bool = False,
        width: int | None = None,
    ) -> None:
        self.stdout: IO[str] = stdout if stdout is not None else sys.stdout
        self.stderr: IO[str] = stderr if stderr is not None else sys.stderr
        self.stdin: IO[str] = stdin if stdin is not None else sys.stdin
        self.interactive = is_terminal(self.stderr) if interactive is None else interactive
        self.terminal_input = is_terminal(self.stdin) if terminal_input is None else terminal_input
        self.no_color = False
        self._record = record
        self._width = width
        self._out: RichConsole | None = None
        self._err: RichConsole | None = None

    def _rich(self, stream: IO[str], terminal: bool) -> RichConsole:
        return _RichConsole(
            file=stream,
            force_terminal=terminal,
            # NO_COLOR or --no-color: no colour and no styles either, plain text on a terminal.
            color_system=None if self.no_color or os.environ.get("NO_COLOR") else "auto",
            width=self._width or (None if terminal else _PIPE_WIDTH),
            highlight=False,
            markup=False,
            emoji=False,
            soft_wrap=True,
            record=self._record,
        )

    @property
    def rich_out(self) -> RichConsole:
        """The rich console over stdout."""
        if self._out is None:
            terminal = is_terminal(self.stdout) or (self._record and self.interactive)
            self._out = self._rich(self.stdout, terminal)
        return self._out

    @property
    def rich_err(self) -> RichConsole:
        """The rich console over stderr (progress bars live here)."""
        if self._err is None and self._record:
            self._err = self.rich_out  # one recording, in the order things were printed
        if self._err is None:
            self._err = self._rich(self.stderr, self.interactive)
        return self._err

    def out(self, text: str | Text = "") -> None:
        """Write one line of a command's result to stdout."""
        self.rich_out.print(text, crop=False)

    def info(self, text: str | Text = "") -> None:
        """Write one line of commentary (counts, notes) to stderr."""
        self.rich_err.print(text, crop=False)

    def error(self, text: str) -> None:
        """Report an error on stderr, prefixed with the program's name."""
        line = Text("sigma-async: error: ", style="bold red")
        line.append(text)
        self.info(line)

    def table(self, columns: Sequence[Column], rows: Sequence[Any], *, err: bool = False) -> None:
        """Print rows under their headings, columns two spaces apart, cells cut to their limit."""
        self.print(render_table(columns, rows), err=err)

    def print(self, renderable: RenderableType, *, err: bool = False) -> None:
        """Print any rich renderable on stdout (or stderr)."""
        (self.rich_err if err else self.rich_out).print(renderable, crop=False)

    async def confirm(self, question: str, *, assume_yes: bool, target: str) -> None:
        """Ask a yes/no question on stderr; raise :class:`CommandAbortedError` unless yes.

        ``target`` names what the change acts on (the app id and the base URL). ``--yes``
        answers for the user. With no terminal to ask on, the command is refused
        (:class:`UsageError`): a script that forgot ``--yes`` never destroys anything, and never
        hangs waiting on a stdin nobody writes to.
        """
        if assume_yes:
            return
        if not self.terminal_input:
            raise UsageError(
                f"{question.rstrip('?')}: this needs a confirmation and there is no terminal "
                "to ask on; pass --yes to go ahead"
            )
        self.info(Text(f"acting on {target}", style="bold"))
        self.rich_err.print(f"{question} [y/N] ", end="")
        self.stderr.flush()
        answer = await _read_answer(self.stdin)
        if not answer.endswith("\n"):
            self.info()  # end the prompt's line (end of input, or a piped answer)
        if answer.strip().lower() not in ("y", "yes"):
            raise CommandAbortedError(
                "not confirmed; nothing was changed (pass --yes to skip asking)"
            )

    def save_svg(self, path: str, *, title: str) -> None:
        """Save what stdout (and stderr) recorded as an SVG picture (``record=True`` only)."""
        self.rich_out.save_svg(path, title=title)


def render_table(columns: Sequence[Column], rows: Sequence[Any]) -> Table:
    """Build a borderless rich table: headings in bold, statuses coloured on a terminal."""
    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold", padding=(0, 1))
    for column in columns:
        table.add_column(column.heading, no_wrap=True, overflow="ellipsis", max_width=column.limit)
    for row in rows:
        texts = [column.text(row) for column in columns]
        table.add_row(*(Text(text, style=_STATUS_STYLES.get(text, "")) for text in texts))
    return table


async def _read_answer(stdin: IO[str]) -> str:
    """Read one line without blocking the event loop, cancellable at once by Ctrl-C.

    On a terminal the loop watches the descriptor (no thread: a thread blocked in ``read``
    would keep the process alive, or hang it, after Ctrl-C). Other streams (a test's buffer)
    answer at once.
    """
    try:
        descriptor = stdin.fileno()
    except (AttributeError, OSError, ValueError):
        return stdin.readline()
    loop = asyncio.get_running_loop()
    answer: asyncio.Future[str] = loop.create_future()

    def readable() -> None:
        data = os.read(descriptor, 1024)
        if not answer.done():
            answer.set_result(data.decode(errors="replace"))

    try:
        loop.add_reader(descriptor, readable)
    except (NotImplementedError, ValueError, OSError):  # Windows' proactor loop, a regular file
        return await asyncio.to_thread(stdin.readline)
    try:
        return await answer
    finally:
        loop.remove_reader(descriptor)
