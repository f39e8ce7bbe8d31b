"""How a command runs: its frozen options and console, its client, and how its errors end it.

A command module writes ``async def handler(run, client, **params) -> int`` and decorates it
with :func:`client_command` (it needs an account) or :func:`plain_command` (it does not). The
decorator turns it into a click callback that does no I/O: it returns the job that
``run_cli`` awaits. Every error a command can meet is turned into one line on stderr and an
exit status here, once for every command.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from typing import Concatenate, ParamSpec

import attrs
import click

from .. import SigmaClient, SigmaError, SigmaValidationError
from .._settings import AccountSettings
from .app import Job, Streams
from .console import Console
from .credentials import account_settings, flag_words, open_client
from .exits import EXIT_API_ERROR, EXIT_USAGE, CommandAbortedError, UsageError
from .options import GlobalOptions, global_options

__all__ = ["Run", "account_client", "client_command", "plain_command"]

P = ParamSpec("P")


@attrs.frozen
class Run:
    """What a running command has: the run's options and where to read and write."""

    options: GlobalOptions
    console: Console

    @property
    def quiet(self) -> bool:
        """``-q``: ids only."""
        return self.options.quiet

    @property
    def json(self) -> bool:
        """``--json``: JSON documents or JSON lines."""
        return self.options.json

    def where(self, client: SigmaClient) -> str:
        """Name the app and the server a change acts on, for a confirmation prompt."""
        return f"app {client.app_id} at {client.base_url}"


class _DebugHandler(logging.Handler):
    """Prints the library's DEBUG lines (one per HTTP attempt and retry) on stderr.

    The library never logs a credential; the secret key and the Basic token are scrubbed
    anyway, so a future log line cannot leak them through ``--debug``.
    """

    def __init__(self, console: Console, secrets: tuple[str, ...]) -> None:
        super().__init__(logging.DEBUG)
        self._console = console
        self._secrets = tuple(s for s in secrets if s)

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage()
        for secret in self._secrets:
            text = text.replace(secret, "***")
        self._console.info(f"debug: {text}")


@contextmanager
def _debugging(run: Run, secrets: tuple[str, ...]) -> Iterator[None]:
    if not run.options.debug:
        yield
        return
    logger = logging.getLogger("sigma_async")
    handler = _DebugHandler(run.console, secrets)
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


def _secrets_of(settings: AccountSettings | None, options: GlobalOptions) -> tuple[str, ...]:
    """Return this run's credentials as they could appear in text, to scrub from debug lines."""
    import base64

    found = [options.secret_key or ""]
    if settings is not None and "secret_key" in settings.values:
        username, secret = settings.values.get("username", ""), settings.values["secret_key"]
        found += [secret, base64.b64encode(f"{username}:{secret}".encode()).decode()]
    return tuple(found)


def _make_run(ctx: click.Context) -> Run:
    options = global_options(ctx)
    if options.json and options.quiet:
        raise click.UsageError("give --json or -q/--quiet, not both")
    streams = ctx.find_root().obj
    if not isinstance(streams, Streams):
        streams = Streams()
    console = Console(
        stdout=streams.stdout,
        stderr=streams.stderr,
        stdin=streams.stdin,
        interactive=streams.interactive,
        terminal_input=streams.terminal_input,
    )
    console.no_color = options.no_color
    return Run(options, console)


async def _guarded(run: Run, work: Callable[[], Awaitable[int]]) -> int:
    """Run a command's work; every error it can meet becomes one line and an exit status."""
    console = run.console
    try:
        return await work()
    except UsageError as error:
        console.error(str(error))
        return EXIT_USAGE
    except SigmaValidationError as error:  # a value from the command line the SDK refused
        console.error(flag_words(str(error)))
        return EXIT_USAGE
    except CommandAbortedError as error:
        console.error(str(error))
        return EXIT_API_ERROR
    except SigmaError as error:
        console.error(f"{type(error).__name__}: {error}")
        return EXIT_API_ERROR
    except BrokenPipeError:
        raise  # the reader went away: the entry point ends quietly
    except OSError as error:
        console.error(str(error))
        return EXIT_API_ERROR


def client_command(
    handler: Callable[Concatenate[Run, SigmaClient, P], Awaitable[int]],
) -> Callable[P, Job]:
    """Make a click callback of a handler that acts on the account's client."""

    @functools.wraps(handler)
    def callback(*args: P.args, **params: P.kwargs) -> Job:
        run = _make_run(click.get_current_context())

        async def work() -> int:
            settings = account_settings(run.options)
            async with open_client(run.options, settings) as client:
                with _debugging(run, _secrets_of(settings, run.options)):
                    return await handler(run, client, *args, **params)

        return functools.partial(_guarded, run, work)

    return callback


def plain_command(
    handler: Callable[Concatenate[Run, P], Awaitable[int]],
) -> Callable[P, Job]:
    """Make a click callback of a handler that builds what it needs itself (demo, emulator)."""

    @functools.wraps(handler)
    def callback(*args: P.args, **params: P.kwargs) -> Job:
        run = _make_run(click.get_current_context())

        async def work() -> int:
            with _debugging(run, _secrets_of(None, run.options)):
                return await handler(run, *args, **params)

        return functools.partial(_guarded, run, work)

    return callback


@asynccontextmanager
async def account_client(run: Run) -> AsyncIterator[SigmaClient]:
    """Open the account's client for a plain command that needs one after all (the demo)."""
    settings = account_settings(run.options)
    async with open_client(run.options, settings) as client:
        with _debugging(run, _secrets_of(settings, run.options)):
            yield client
