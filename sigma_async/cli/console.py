"""The CLI's streams, exit codes and the errors that end a command."""

from __future__ import annotations

import asyncio
import sys
from typing import IO, Final

__all__ = [
    "EXIT_API_ERROR",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_USAGE",
    "CommandAbortedError",
    "Console",
    "UsageError",
]

EXIT_OK: Final = 0
"""The command did what it was asked."""
EXIT_API_ERROR: Final = 1
"""The API refused or failed (message on stderr), some bulk items failed, or the user declined."""
EXIT_USAGE: Final = 2
"""The command line was wrong: unknown option, missing argument, missing credentials."""
EXIT_INTERRUPTED: Final = 130
"""Interrupted with Ctrl-C (128 + SIGINT, as shells report it)."""


class UsageError(Exception):
    """The command line cannot be run as given; exits with :data:`EXIT_USAGE`."""


class CommandAbortedError(Exception):
    """The user declined a confirmation; nothing was changed. Exits with :data:`EXIT_API_ERROR`."""


def _is_tty(stream: IO[str]) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty()) if isatty is not None else False
    except ValueError:  # a closed stream
        return False


class Console:
    """Where a command reads and writes: real streams by default, string buffers in tests.

    ``interactive`` (stderr is a terminal) turns on the live progress bar.
    """

    def __init__(
        self,
        *,
        stdout: IO[str] | None = None,
        stderr: IO[str] | None = None,
        stdin: IO[str] | None = None,
        interactive: bool | None = None,
    ) -> None:
        self.stdout: IO[str] = stdout if stdout is not None else sys.stdout
        self.stderr: IO[str] = stderr if stderr is not None else sys.stderr
        self.stdin: IO[str] = stdin if stdin is not None else sys.stdin
        self.interactive = _is_tty(self.stderr) if interactive is None else interactive

    def out(self, text: str = "") -> None:
        """Write one line of a command's result to stdout."""
        self.stdout.write(text + "\n")
        self.stdout.flush()

    def info(self, text: str = "") -> None:
        """Write one line of commentary (progress, prompts, notes) to stderr."""
        self.stderr.write(text + "\n")
        self.stderr.flush()

    def error(self, text: str) -> None:
        """Report an error on stderr, prefixed with the program's name."""
        self.info(f"sigma-async: error: {text}")

    async def confirm(self, question: str, *, assume_yes: bool) -> None:
        """Ask a yes/no question on stderr; raise :class:`CommandAbortedError` unless answered yes.

        ``assume_yes`` (``--yes``) answers for the user. With no terminal to ask on and no
        ``--yes``, a line is still read from stdin (a script may pipe ``y``); end of input is a
        no, so a script that forgot ``--yes`` never destroys anything by accident.
        """
        if assume_yes:
            return
        self.stderr.write(f"{question} [y/N] ")
        self.stderr.flush()
        # A thread keeps the event loop (and an embedded emulator on it) running while waiting.
        answer = await asyncio.to_thread(self.stdin.readline)
        if not answer.endswith("\n") or not _is_tty(self.stdin):
            self.info()  # an answer typed on a terminal ended the line; a piped one did not
        if answer.strip().lower() not in ("y", "yes"):
            raise CommandAbortedError(
                "not confirmed; nothing was changed (pass --yes to skip asking)"
            )
