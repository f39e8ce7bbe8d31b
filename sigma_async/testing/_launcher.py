"""The one launcher of a standalone emulator, for ``python -m sigma_async.testing`` and the CLI.

Both entry points parse their flags (argparse here, in :func:`serve_main`, so the testing package
needs no ``cli`` extra; click in ``sigma-async emulator serve``) into :class:`ServeOptions` by
:meth:`ServeOptions.from_flags`, and both run :func:`launch` (:func:`run_server` from outside an
event loop). So there is one default port (:data:`DEFAULT_PORT`), one check of the options
(:meth:`ServeOptions.check`), one banner (text, or one JSON line with ``--json``) and:

**One rule for the secret key.** It is printed only when the emulator made it up and it is not
being written to a ``--write-env`` file. A made-up key is a throwaway credential of a server on
loopback that the user needs in order to connect at all; a key the user chose is never echoed
(they know it, and it may be one they use elsewhere), and with ``--write-env`` it goes to that
private file (mode 600) only. The ``--json`` line follows the same rule (``secretKey`` is null
when the text banner would not show it).

**One rule for the exit status.** 0 when stopped (Ctrl-C, or the task cancelled): stopping is
how a server ends. 2 for bad options (a host that is not loopback, a port outside 0..65535, a
speed that is not positive, credentials given in part, a rate limit or quota the emulator
cannot apply), with a message naming the flag. 1 when it cannot listen (the port is
taken), with one line saying so and no traceback.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import signal
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import ExitStack, contextmanager
from typing import IO, Any

import attrs

from .._config import ENV_KEYS
from .._loopback import is_loopback
from .._settings import ACCOUNT_VARIABLES
from ._control import CONTROL_PREFIX
from ._emulator import SigmaEmulator
from ._emulator import _log as _emulator_log
from ._ratelimit import AppRateLimiter
from ._server import DEFAULT_HOST, DEFAULT_PORT, serve
from ._store import Credentials

__all__ = [
    "EXIT_CANNOT_LISTEN",
    "EXIT_STOPPED",
    "EXIT_USAGE",
    "HELP",
    "LaunchError",
    "ServeOptions",
    "credentials_from",
    "launch",
    "run_server",
    "serve_main",
]

EXIT_STOPPED = 0
"""The server was stopped (Ctrl-C): the normal end."""
EXIT_CANNOT_LISTEN = 1
"""The address could not be listened on (the port is taken, most likely)."""
EXIT_USAGE = 2
"""The options were wrong; nothing was started."""


class LaunchError(ValueError):
    """Options the emulator cannot be served with (exit status :data:`EXIT_USAGE`)."""


@attrs.frozen(kw_only=True)
class ServeOptions:
    """How to serve a standalone emulator; :meth:`check` says what is wrong, if anything.

    Each field is the flag of the same name (``max_live_channels`` is ``--max-live-channels``)
    of both entry points; ``retry_after=False`` is ``--no-retry-after``.
    """

    host: str = DEFAULT_HOST
    """A loopback address."""
    port: int = DEFAULT_PORT
    """The port (0 picks a free one)."""
    speed: float = 1.0
    """How many times faster than real time the emulated time runs."""
    manual_clock: bool = False
    """Time moves only when the control API's ``/advance`` says (``emulator advance``)."""
    seed: int | None = None
    """Makes ids, keys and fault draws reproducible."""
    credentials: Credentials | None = None
    """The default app's credentials; made up (and then printed) when None."""
    write_env: str | None = None
    """A path to write the ``SIGMA_*`` settings to (mode 600) instead of printing the key."""
    json: bool = False
    """Print the banner as one JSON line, for a script to read, and log no request."""
    allow_public_bind: bool = False
    """Accepted for the scripts that pass it; the emulator listens on loopback only all the same."""
    rate_limit: float | None = None
    """Each app's API requests per second past which the emulator answers 429 (None: no limit)."""
    burst: int | None = None
    """Requests the rate limit lets through at once (default: a second's worth)."""
    retry_after: bool = True
    """Whether a rate-limited 429 carries ``Retry-After``."""
    max_live_channels: int | None = None
    """Each app's quota of simultaneous live channels (None: no quota)."""

    @classmethod
    def from_flags(
        cls, flags: Mapping[str, Any], *, credentials: Credentials | None = None
    ) -> ServeOptions:
        """Return the options of parsed flags, checked (:class:`LaunchError` names a bad one).

        ``flags`` maps field names to values as both parsers give them (click's keyword
        arguments, argparse's ``vars(args)``), the account flags already read into
        ``credentials``; a name that is no field is a TypeError, so a new flag cannot be dropped
        on the way by one entry point.
        """
        options = cls(credentials=credentials, **flags)
        options.check()
        return options

    def check(self) -> None:
        """Raise :class:`LaunchError` naming the flag of the first option it cannot use."""
        if not is_loopback(self.host):
            raise LaunchError(
                f"--host {self.host} is not a loopback address: the emulator's credentials are "
                "known, so anyone who could reach it could use it; it listens on loopback only "
                "(--allow-public-bind does not change that)"
            )
        if not 0 <= self.port <= 65535:
            raise LaunchError(f"--port must be within 0..65535, got {self.port}")
        if not self.speed > 0:
            raise LaunchError(f"--speed must be positive, got {self.speed:g}")
        if self.rate_limit is None:
            if self.burst is not None:
                raise LaunchError("--burst needs --rate-limit: a burst size needs a rate limit")
        else:
            try:
                AppRateLimiter(self.rate_limit, self.burst)  # the emulator's own checks
            except ValueError as error:
                raise LaunchError(f"--rate-limit/--burst: {error}") from None
        if self.max_live_channels is not None and self.max_live_channels < 0:
            raise LaunchError(
                "--max-live-channels: the live-channel quota must be 0 or more, "
                f"got {self.max_live_channels}"
            )


def credentials_from(
    username: str | None, secret_key: str | None, app_id: str | None
) -> Credentials | None:
    """Return the credentials given together, None when none is given; refuse a part."""
    given = [username, secret_key, app_id]
    if not any(given):
        return None
    if username is None or secret_key is None or app_id is None:
        raise LaunchError("--username, --secret-key and --app-id go together")
    return Credentials(username, secret_key, app_id)


def shown_secret(emulator: SigmaEmulator, options: ServeOptions) -> str | None:
    """Return the secret key if the rule above lets it be printed, else None."""
    if options.write_env is not None or options.credentials is not None:
        return None
    return emulator.credentials.secret_key  # made up by the emulator, for this run only


def banner(emulator: SigmaEmulator, options: ServeOptions) -> list[str]:
    """Return the lines printed once the emulator listens (the secret key by the rule above)."""
    if options.json:
        return [json.dumps(_banner_document(emulator, options))]
    creds = emulator.credentials
    secret = shown_secret(emulator, options)
    if options.write_env is not None:
        secret = f"written to {options.write_env} (mode 600)"
    elif secret is None:
        secret = "the one you gave"
    time = "manual clock" if options.manual_clock else f"time x{options.speed:g}"
    lines = [
        f"Sigma emulator listening on {emulator.base_url} ({time})",
        f"  API base:   {emulator.api_url}",
        f"  username:   {creds.username}",
        f"  secret key: {secret}",
        f"  app id:     {creds.app_id}",
        f"  encoder:    POST {emulator.base_url}{CONTROL_PREFIX}/channels/<id>/publish (same auth)",
    ]
    limiter = emulator.rate_limiter
    if limiter is not None:
        lines.append(f"  rate limit: {limiter.rate:g} requests/s per app (burst {limiter.burst})")
    if options.max_live_channels is not None:
        lines.append(f"  live quota: {options.max_live_channels} channels per app")
    if options.write_env is not None:
        lines.append(f"  try:        sigma-async --env-file {options.write_env} channels list")
    lines.append("Press Ctrl-C to stop.")
    return lines


def _banner_document(emulator: SigmaEmulator, options: ServeOptions) -> dict[str, Any]:
    """Return the ``--json`` banner: the text banner's facts, under the same secret rule."""
    limiter = emulator.rate_limiter
    return {
        "baseUrl": emulator.base_url,
        "apiUrl": emulator.api_url,
        "username": emulator.credentials.username,
        "secretKey": shown_secret(emulator, options),
        "appId": emulator.credentials.app_id,
        "controlUrl": emulator.base_url + CONTROL_PREFIX,
        "clock": "manual" if options.manual_clock else "real",
        "speed": options.speed,
        "rateLimit": None if limiter is None else {"rate": limiter.rate, "burst": limiter.burst},
        "maxLiveChannels": options.max_live_channels,
        "envFile": options.write_env,
    }


def write_env_file(path: str, emulator: SigmaEmulator) -> None:
    """Write the emulator's ``SIGMA_*`` settings to ``path``, readable by its owner only."""
    creds = emulator.credentials
    values = {
        ACCOUNT_VARIABLES["base_url"]: emulator.base_url,
        ENV_KEYS["username"]: creds.username,
        ENV_KEYS["secret_key"]: creds.secret_key,
        ENV_KEYS["app_id"]: creds.app_id,
    }
    text = "".join(f'{key}="{value}"\n' for key, value in values.items())
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.chmod(path, 0o600)  # an existing file keeps its old mode through O_TRUNC


def _log_requests_to(err: IO[str], stack: ExitStack) -> None:
    """Print the emulator's log (a line per request, and its errors) on ``err``.

    Until ``stack`` closes: it undoes the handler and the level.
    """
    handler = logging.StreamHandler(err)
    handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
    stack.callback(_emulator_log.setLevel, _emulator_log.level)
    _emulator_log.setLevel(logging.INFO)
    _emulator_log.addHandler(handler)
    stack.callback(_emulator_log.removeHandler, handler)


@contextmanager
def _ctrl_c_stops(task: asyncio.Task[Any]) -> Iterator[list[bool]]:
    """Make Ctrl-C cancel ``task`` meanwhile; the list yielded holds True once it has.

    So Ctrl-C is the normal stop (status 0) from whichever event loop runs :func:`launch`, the
    CLI's too. Where a loop cannot take signals (not the main thread, Windows), Ctrl-C stays
    Python's KeyboardInterrupt, which :func:`run_server` turns into the same status.
    """
    interrupted = [False]

    def stop() -> None:
        interrupted[0] = True
        task.cancel()

    loop = asyncio.get_running_loop()
    previous = signal.getsignal(signal.SIGINT)
    try:
        loop.add_signal_handler(signal.SIGINT, stop)
    except (RuntimeError, NotImplementedError, ValueError):
        yield interrupted
        return
    try:
        yield interrupted
    finally:
        loop.remove_signal_handler(signal.SIGINT)
        if previous is not None:
            signal.signal(signal.SIGINT, previous)  # asyncio.run's own handler, say


async def launch(options: ServeOptions, *, out: IO[str], err: IO[str]) -> int:
    """Serve until cancelled or Ctrl-C, from a running event loop; returns the exit status.

    Ctrl-C returns :data:`EXIT_STOPPED`. Cancelling the task otherwise stops the server and the
    ``CancelledError`` is raised on, as asyncio expects.
    """
    try:
        options.check()
    except LaunchError as error:
        print(f"error: {error}", file=err)
        return EXIT_USAGE

    def ready(emulator: SigmaEmulator) -> None:
        if options.write_env is not None:
            write_env_file(options.write_env, emulator)
        print("\n".join(banner(emulator, options)), file=out, flush=True)

    task = asyncio.current_task()
    assert task is not None  # a coroutine run by asyncio
    with ExitStack() as stack:
        interrupted = stack.enter_context(_ctrl_c_stops(task))
        if not options.json:  # a script reading the JSON line wants no log
            _log_requests_to(err, stack)
        try:
            await serve(
                host=options.host,
                port=options.port,
                speed=options.speed,
                seed=options.seed,
                credentials=options.credentials,
                ready=ready,
                rate_limit=options.rate_limit,
                burst=options.burst,
                retry_after=options.retry_after,
                max_live_channels=options.max_live_channels,
                clock="manual" if options.manual_clock else "real",
                access_log=not options.json,
            )
        except OSError as error:
            # The port is taken, most likely: say so without a traceback.
            reason = error.strerror or str(error)
            print(f"error: cannot listen on {options.host}:{options.port}: {reason}", file=err)
            return EXIT_CANNOT_LISTEN
        except asyncio.CancelledError:
            if not interrupted[0]:
                raise
            uncancel = getattr(task, "uncancel", None)  # Python 3.11+
            if uncancel is not None:
                uncancel()  # the cancellation was ours, and it is handled
    return EXIT_STOPPED


def run_server(
    options: ServeOptions, *, out: IO[str] | None = None, err: IO[str] | None = None
) -> int:
    """Serve in a new event loop until Ctrl-C; returns the exit status (0 when stopped)."""
    out = out if out is not None else sys.stdout
    err = err if err is not None else sys.stderr
    try:
        return asyncio.run(launch(options, out=out, err=err))
    except KeyboardInterrupt:
        return EXIT_STOPPED


HELP: dict[str, str] = {
    "--host": f"a loopback address (default {DEFAULT_HOST})",
    "--port": f"port (default {DEFAULT_PORT}; 0 picks one)",
    "--speed": "emulated time runs this many times faster than real time",
    "--manual-clock": "time moves only with `sigma-async emulator advance`",
    "--seed": "make ids and faults reproducible",
    "--username": "use this username (with --secret-key and --app-id)",
    "--secret-key": "use this secret key (never printed)",
    "--app-id": "use this app id",
    "--write-env": "write the SIGMA_* settings to PATH (mode 600) instead of printing the key",
    "--json": "print the banner as one JSON line, and log no request",
    "--allow-public-bind": "accepted for old scripts: the emulator listens on loopback only",
    "--rate-limit": "answer 429 past RPS API requests per second per app (off by default)",
    "--burst": "requests the rate limit lets through at once (default: RPS)",
    "--no-retry-after": "send rate-limited 429s without Retry-After",
    "--max-live-channels": "refuse the encoder's push past N live channels per app",
}
"""Each flag's help, for both parsers (the CLI's click command and :func:`serve_main`'s)."""


def _parser(prog: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog, description="Serve a stateful emulator of the Sigma Livestream API on loopback."
    )
    add = parser.add_argument
    add("--host", default=DEFAULT_HOST, help=HELP["--host"])
    add("--port", type=int, default=DEFAULT_PORT, help=HELP["--port"])
    add("--speed", type=float, default=1.0, metavar="S", help=HELP["--speed"])
    add("--manual-clock", action="store_true", help=HELP["--manual-clock"])
    add("--seed", type=int, default=None, help=HELP["--seed"])
    add("--username", help=HELP["--username"])
    add("--secret-key", help=HELP["--secret-key"])
    add("--app-id", help=HELP["--app-id"])
    add("--write-env", metavar="PATH", help=HELP["--write-env"])
    add("--json", action="store_true", help=HELP["--json"])
    add("--allow-public-bind", action="store_true", help=HELP["--allow-public-bind"])
    add("--rate-limit", type=float, metavar="RPS", help=HELP["--rate-limit"])
    add("--burst", type=int, help=HELP["--burst"])
    add("--no-retry-after", dest="retry_after", action="store_false", help=HELP["--no-retry-after"])
    add("--max-live-channels", type=int, metavar="N", help=HELP["--max-live-channels"])
    return parser


def serve_main(
    argv: Sequence[str] | None = None, *, prog: str = "python -m sigma_async.testing"
) -> int:
    """Parse command-line arguments and serve until Ctrl-C; returns the exit status."""
    parser = _parser(prog)
    flags = vars(parser.parse_args(argv))
    try:
        credentials = credentials_from(
            flags.pop("username"), flags.pop("secret_key"), flags.pop("app_id")
        )
        options = ServeOptions.from_flags(flags, credentials=credentials)
    except LaunchError as error:
        parser.error(str(error))  # exits with EXIT_USAGE
    return run_server(options)
