"""The one launcher of a standalone emulator, for ``python -m sigma_async.testing`` and the CLI.

Both entry points build :class:`ServeOptions` and call :func:`run_server` (or, from a running event
loop, :func:`launch`); ``python -m sigma_async.testing`` parses its arguments with
:func:`serve_main`. So there is one default port (:data:`DEFAULT_PORT`), one banner and:

**One rule for the secret key.** It is printed only when the emulator made it up and it is not
being written to a ``--write-env`` file. A made-up key is a throwaway credential of a server on
loopback that the user needs in order to connect at all; a key the user chose is never echoed
(they know it, and it may be one they use elsewhere), and with ``--write-env`` it goes to that
private file (mode 600) only.

**One rule for the exit status.** 0 when stopped (Ctrl-C, or the task cancelled): stopping is
how a server ends. 2 for bad options (a host that is not loopback, a port outside 0..65535, a
speed that is not positive, credentials given in part, a rate limit or quota the emulator
cannot apply). 1 when it cannot listen (the port is
taken), with one line saying so and no traceback.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from collections.abc import Sequence
from typing import TextIO

import attrs

from .._config import ENV_KEYS
from .._loopback import is_loopback
from ._control import CONTROL_PREFIX
from ._emulator import SigmaEmulator
from ._ratelimit import AppRateLimiter
from ._server import DEFAULT_HOST, DEFAULT_PORT, serve
from ._store import Credentials

__all__ = [
    "EXIT_CANNOT_LISTEN",
    "EXIT_STOPPED",
    "EXIT_USAGE",
    "LaunchError",
    "ServeOptions",
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
# The settings file names the service root as the client's `from_env` reads it.
_BASE_URL_VARIABLE = "SIGMA_BASE_URL"


class LaunchError(ValueError):
    """Options the emulator cannot be served with (exit status :data:`EXIT_USAGE`)."""


@attrs.frozen(kw_only=True)
class ServeOptions:
    """How to serve a standalone emulator; :meth:`check` says what is wrong, if anything."""

    host: str = DEFAULT_HOST
    """A loopback address."""
    port: int = DEFAULT_PORT
    """The port (0 picks a free one)."""
    speed: float = 1.0
    """How many times faster than real time the emulated time runs."""
    seed: int | None = None
    """Makes ids, keys and fault draws reproducible."""
    credentials: Credentials | None = None
    """The default app's credentials; made up (and then printed) when None."""
    write_env: str | None = None
    """A path to write the ``SIGMA_*`` settings to (mode 600) instead of printing the key."""
    rate_limit: float | None = None
    """Each app's API requests per second past which the emulator answers 429 (None: no limit)."""
    burst: int | None = None
    """Requests the rate limit lets through at once (default: a second's worth)."""
    retry_after: bool = True
    """Whether a rate-limited 429 carries ``Retry-After``."""
    max_live_channels: int | None = None
    """Each app's quota of simultaneous live channels (None: no quota)."""

    def check(self) -> None:
        """Raise :class:`LaunchError` naming the first option the emulator cannot use."""
        if not is_loopback(self.host):
            raise LaunchError(f"the emulator only listens on loopback addresses, not {self.host!r}")
        if not 0 <= self.port <= 65535:
            raise LaunchError(f"the port must be within 0..65535, got {self.port}")
        if not self.speed > 0:
            raise LaunchError(f"the speed must be positive, got {self.speed:g}")
        if self.rate_limit is None:
            if self.burst is not None:
                raise LaunchError("a burst needs a rate limit")
        else:
            try:
                AppRateLimiter(self.rate_limit, self.burst)  # the emulator's own checks
            except ValueError as error:
                raise LaunchError(str(error)) from None
        if self.max_live_channels is not None and self.max_live_channels < 0:
            raise LaunchError(
                f"the live-channel quota must be 0 or more, got {self.max_live_channels}"
            )


def credentials_from(
    username: str | None, secret_key: str | None, app_id: str | None
) -> Credentials | None:
    """Return the credentials given together, None when none is given; refuse a part."""
    given = [username, secret_key, app_id]
    if not any(given):
        return None
    if username is None or secret_key is None or app_id is None:
        raise LaunchError("the username, the secret key and the app id go together")
    return Credentials(username, secret_key, app_id)


def banner(emulator: SigmaEmulator, options: ServeOptions) -> list[str]:
    """Return the lines printed once the emulator listens (the secret key by the rule above)."""
    creds = emulator.credentials
    if options.write_env is not None:
        secret = f"written to {options.write_env} (mode 600)"
    elif options.credentials is not None:
        secret = "the one you gave"
    else:
        secret = creds.secret_key  # made up by the emulator, for this run only
    lines = [
        f"Sigma emulator listening on {emulator.base_url} (time x{options.speed:g})",
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


def write_env_file(path: str, emulator: SigmaEmulator) -> None:
    """Write the emulator's ``SIGMA_*`` settings to ``path``, readable by its owner only."""
    creds = emulator.credentials
    values = {
        _BASE_URL_VARIABLE: emulator.base_url,
        ENV_KEYS["username"]: creds.username,
        ENV_KEYS["secret_key"]: creds.secret_key,
        ENV_KEYS["app_id"]: creds.app_id,
    }
    text = "".join(f'{key}="{value}"\n' for key, value in values.items())
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.chmod(path, 0o600)  # an existing file keeps its old mode through O_TRUNC


async def launch(options: ServeOptions, *, out: TextIO, err: TextIO) -> int:
    """Serve until cancelled, from a running event loop; returns the exit status.

    Cancelling the task (what Ctrl-C does under :func:`run_server`) stops the server; the
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
        )
    except OSError as error:
        # The port is taken, most likely: say so without a traceback.
        reason = error.strerror or str(error)
        print(f"error: cannot listen on {options.host}:{options.port}: {reason}", file=err)
        return EXIT_CANNOT_LISTEN
    return EXIT_STOPPED  # not reached: serve() ends only by cancellation


def run_server(
    options: ServeOptions, *, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Serve in a new event loop until Ctrl-C; returns the exit status (0 when stopped)."""
    out = out if out is not None else sys.stdout
    err = err if err is not None else sys.stderr
    try:
        return asyncio.run(launch(options, out=out, err=err))
    except KeyboardInterrupt:
        return EXIT_STOPPED


def _parser(prog: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog, description="Serve a stateful emulator of the Sigma Livestream API on loopback."
    )
    parser.add_argument(
        "--host", default=DEFAULT_HOST, help=f"a loopback address (default {DEFAULT_HOST})"
    )
    parser.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT}; 0 picks one)"
    )
    parser.add_argument(
        "--speed", type=float, default=1.0, help="how much faster than real time sessions move"
    )
    parser.add_argument("--seed", type=int, default=None, help="make ids and faults reproducible")
    parser.add_argument("--username", help="use this username (with --secret-key and --app-id)")
    parser.add_argument("--secret-key", help="use this secret key (never printed)")
    parser.add_argument("--app-id", help="use this app id")
    parser.add_argument(
        "--write-env",
        metavar="PATH",
        help="write the SIGMA_* settings to PATH (mode 600) instead of printing the secret key",
    )
    parser.add_argument(
        "--rate-limit",
        type=float,
        metavar="RPS",
        help="answer 429 past RPS API requests per second per app (off by default)",
    )
    parser.add_argument(
        "--burst", type=int, help="requests the rate limit lets through at once (default: RPS)"
    )
    parser.add_argument(
        "--no-retry-after",
        dest="retry_after",
        action="store_false",
        help="send rate-limited 429s without Retry-After",
    )
    parser.add_argument(
        "--max-live-channels",
        type=int,
        metavar="N",
        help="refuse the encoder's push past N live channels per app",
    )
    return parser


def serve_main(
    argv: Sequence[str] | None = None, *, prog: str = "python -m sigma_async.testing"
) -> int:
    """Parse command-line arguments and serve until Ctrl-C; returns the exit status."""
    parser = _parser(prog)
    args = parser.parse_args(argv)
    try:
        options = ServeOptions(
            host=args.host,
            port=args.port,
            speed=args.speed,
            seed=args.seed,
            credentials=credentials_from(args.username, args.secret_key, args.app_id),
            write_env=args.write_env,
            rate_limit=args.rate_limit,
            burst=args.burst,
            retry_after=args.retry_after,
            max_live_channels=args.max_live_channels,
        )
        options.check()
    except LaunchError as error:
        parser.error(str(error))  # exits with EXIT_USAGE
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    return run_server(options)
