"""``python -m sigma_async.testing``: serve the Sigma emulator on loopback until Ctrl-C.

This is the one place the emulator prints its secret key, on purpose: the user needs it to
point an application at the server. The server's control API (``/_emulator/...``, see
``sigma_async.testing._control``) plays the encoder: publish into a channel, drop and recover
its input.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence

from ._emulator import SigmaEmulator
from ._server import serve
from ._store import Credentials


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m sigma_async.testing",
        description="Serve a stateful emulator of the Sigma Livestream API on loopback.",
    )
    parser.add_argument(
        "--host", default="127.0.0.1", help="a loopback address (default 127.0.0.1)"
    )
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000; 0 picks one)")
    parser.add_argument(
        "--speed", type=float, default=1.0, help="how much faster than real time sessions move"
    )
    parser.add_argument("--seed", type=int, default=None, help="make ids and faults reproducible")
    parser.add_argument("--username", help="use this username (with --secret-key and --app-id)")
    parser.add_argument("--secret-key", help="use this secret key")
    parser.add_argument("--app-id", help="use this app id")
    return parser


def _banner(emulator: SigmaEmulator) -> None:
    creds = emulator.credentials
    print(f"Sigma emulator listening on {emulator.base_url}", flush=True)
    print(f"  API base:   {emulator.api_url}")
    print(f"  username:   {creds.username}")
    print(f"  secret key: {creds.secret_key}")
    print(f"  app id:     {creds.app_id}")
    print(f"  encoder:    POST {emulator.base_url}/_emulator/channels/<id>/publish (same auth)")
    print("Press Ctrl-C to stop.", flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    """Parse arguments and serve until interrupted; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    given = [args.username, args.secret_key, args.app_id]
    if any(given) and not all(given):
        parser.error("--username, --secret-key and --app-id go together")
    credentials = Credentials(args.username, args.secret_key, args.app_id) if all(given) else None
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    try:
        asyncio.run(
            serve(
                host=args.host,
                port=args.port,
                speed=args.speed,
                seed=args.seed,
                credentials=credentials,
                ready=_banner,
            )
        )
    except ValueError as exc:
        parser.error(str(exc))
    except OSError as exc:
        # The port is taken, most likely: say so without a traceback.
        print(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
