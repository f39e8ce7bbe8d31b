"""The ``sigma-async`` command line (entry point :func:`main`).

:func:`run_cli` is the same program as a coroutine, with its streams passed in: tests and
embedding code run it inside their own event loop.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys
from collections.abc import Sequence
from typing import IO

from ..errors import SigmaError, SigmaValidationError
from .args import build_parser
from .channels import CHANNEL_COMMANDS
from .console import (
    EXIT_API_ERROR,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    CommandAbortedError,
    Console,
    UsageError,
)
from .credentials import open_client
from .demo import run_demo
from .serve import serve_emulator
from .sessions import EVENT_COMMANDS, SESSION_COMMANDS

__all__ = ["EXIT_API_ERROR", "EXIT_OK", "EXIT_USAGE", "main", "run_cli"]

_CLIENT_COMMANDS = {
    "channels": CHANNEL_COMMANDS,
    "sessions": SESSION_COMMANDS,
    "events": EVENT_COMMANDS,
}


def _parse(argv: Sequence[str], console: Console) -> argparse.Namespace | int:
    parser = build_parser()
    # argparse (its subcommand parsers too) prints help and usage errors to sys.stdout and
    # sys.stderr as they are at that moment; parsing never awaits, so redirecting is safe.
    with contextlib.redirect_stdout(console.stdout), contextlib.redirect_stderr(console.stderr):
        try:
            return parser.parse_args(list(argv))
        except SystemExit as exit_:
            return exit_.code if isinstance(exit_.code, int) else EXIT_USAGE


async def _dispatch(args: argparse.Namespace, console: Console) -> int:
    if args.group == "demo":
        return await run_demo(args, console)
    if args.group == "emulator":
        return await serve_emulator(args, console)
    handler = _CLIENT_COMMANDS[args.group][args.command]
    async with open_client(args) as client:
        return await handler(args, client, console)


async def run_cli(
    argv: Sequence[str],
    *,
    stdout: IO[str] | None = None,
    stderr: IO[str] | None = None,
    stdin: IO[str] | None = None,
    interactive: bool | None = None,
) -> int:
    """Run one ``sigma-async`` command in the running loop; return its exit status.

    Streams default to the process's; ``interactive`` (default: whether stderr is a terminal)
    turns the live progress bar on.
    """
    console = Console(stdout=stdout, stderr=stderr, stdin=stdin, interactive=interactive)
    parsed = _parse(argv, console)
    if isinstance(parsed, int):
        return parsed
    try:
        return await _dispatch(parsed, console)
    except UsageError as error:
        console.error(str(error))
        return EXIT_USAGE
    except SigmaValidationError as error:  # a value from the command line the SDK refused
        console.error(str(error))
        return EXIT_USAGE
    except CommandAbortedError as error:
        console.error(str(error))
        return EXIT_API_ERROR
    except SigmaError as error:
        console.error(f"{type(error).__name__}: {error}")
        return EXIT_API_ERROR
    except OSError as error:
        console.error(str(error))
        return EXIT_API_ERROR


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``sigma-async`` command line (the entry point); return the exit status."""
    try:
        return asyncio.run(run_cli(sys.argv[1:] if argv is None else argv))
    except KeyboardInterrupt:
        sys.stderr.write("\ninterrupted\n")
        return EXIT_INTERRUPTED
