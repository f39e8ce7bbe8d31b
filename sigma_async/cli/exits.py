"""The CLI's exit statuses and the errors that end a command with one of them."""

from __future__ import annotations

import os
import sys
from typing import Final

__all__ = [
    "EXIT_API_ERROR",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_USAGE",
    "CommandAbortedError",
    "UsageError",
    "quiet_stdout",
]

EXIT_OK: Final = 0
"""The command did what it was asked (also: its reader closed the pipe, ``| head -1``)."""
EXIT_API_ERROR: Final = 1
"""The API refused or failed (message on stderr), some bulk items failed, or the user declined."""
EXIT_USAGE: Final = 2
"""The command line was wrong: unknown option, bad value, missing credentials, no terminal."""
EXIT_INTERRUPTED: Final = 130
"""Interrupted with Ctrl-C (128 + SIGINT, as shells report it)."""


class UsageError(Exception):
    """The command line cannot be run as given; exits with :data:`EXIT_USAGE`.

    The message names the flag the user typed, never a library parameter or a value of a secret.
    """


class CommandAbortedError(Exception):
    """The user declined a confirmation; nothing was changed. Exits with :data:`EXIT_API_ERROR`."""


def quiet_stdout() -> None:
    """After a broken pipe, point stdout at /dev/null so that the exit flush cannot fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
