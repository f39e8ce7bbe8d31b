"""``sigma-async emulator``: serve the Sigma emulator on loopback until Ctrl-C.

The emulator's secret key is not printed (a terminal's scrollback and CI logs keep everything):
``--write-env PATH`` writes the ``SIGMA_*`` settings to a private file instead, or the user
chooses the credentials with the usual flags or variables.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Mapping
from typing import TYPE_CHECKING

from .._config import ENV_KEYS
from .console import EXIT_OK, Console, UsageError
from .credentials import BASE_URL_VARIABLE, account_settings

if TYPE_CHECKING:
    from ..testing import Credentials, SigmaEmulator

__all__ = ["serve_emulator", "write_env_file"]


def write_env_file(path: str, values: Mapping[str, str]) -> None:
    """Write ``KEY="value"`` lines to ``path``, readable by its owner only (mode 600)."""
    text = "".join(f'{key}="{value}"\n' for key, value in values.items())
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.chmod(path, 0o600)  # an existing file keeps its old mode through O_TRUNC


def _chosen_credentials(args: argparse.Namespace) -> Credentials | None:
    from ..testing import Credentials

    settings = account_settings(args)
    given = [argument for argument in ENV_KEYS if argument in settings]
    if not given:
        return None
    if len(given) < len(ENV_KEYS):
        raise UsageError("the emulator's username, secret key and app id go together")
    return Credentials(settings["username"], settings["secret_key"], settings["app_id"])


async def serve_emulator(args: argparse.Namespace, console: Console) -> int:
    """Serve until interrupted; prints the address, the username and the app id."""
    from ..testing import serve

    if args.port < 0 or args.port > 65535:
        raise UsageError("--port must be 0..65535")
    if not args.speed > 0:
        raise UsageError("--speed must be positive")
    chosen = _chosen_credentials(args)

    def ready(emulator: SigmaEmulator) -> None:
        credentials = emulator.credentials
        console.out(f"Sigma emulator listening on {emulator.base_url} (time x{args.speed:g})")
        console.out(f"  username  {credentials.username}")
        console.out(f"  app id    {credentials.app_id}")
        if args.write_env:
            write_env_file(
                args.write_env,
                {
                    BASE_URL_VARIABLE: emulator.base_url,
                    ENV_KEYS["username"]: credentials.username,
                    ENV_KEYS["secret_key"]: credentials.secret_key,
                    ENV_KEYS["app_id"]: credentials.app_id,
                },
            )
            console.out(f"  settings written to {args.write_env} (mode 600); try:")
            console.out(f"    sigma-async --env-file {args.write_env} channels list")
        elif chosen is not None:
            console.out("  secret key: the one you gave")
        else:
            console.out(
                "  secret key: not shown; pass --write-env PATH for a ready .env file, or choose "
                "the credentials with SIGMA_USERNAME, SIGMA_SECRET_KEY and SIGMA_APP_ID"
            )
        console.out("Press Ctrl-C to stop.")

    try:
        await serve(
            host=args.host,
            port=args.port,
            speed=args.speed,
            seed=args.seed,
            credentials=chosen,
            ready=ready,
        )
    except ValueError as error:  # a host that is not loopback
        raise UsageError(str(error)) from None
    return EXIT_OK
