"""``sigma-async emulator ...``: serve the Sigma emulator, and play its encoder from outside.

``serve`` runs a standalone emulator until Ctrl-C. Its secret key is not printed in the banner
(a terminal's scrollback and CI logs keep everything): ``--write-env PATH`` writes a private
``.env``, and ``--json`` prints one JSON line with the address and the credentials, for a script
to read. ``publish``, ``interrupt``, ``recover`` and ``advance`` drive a running one through its
control API (``/_emulator/...``), with the account options of every command.
"""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Mapping
from typing import Any

import click

from .._settings import ACCOUNT_VARIABLES, REQUIRED_SETTINGS
from .credentials import account_settings
from .exits import EXIT_API_ERROR, EXIT_OK, UsageError
from .options import POSITIVE, SigmaGroup, common_options, speed_option
from .runner import Run, plain_command

__all__ = ["emulator", "write_env_file"]


def _example(*lines: str) -> str:
    return "\b\nExamples:\n" + "\n".join(f"  sigma-async emulator {line}" for line in lines)


@click.group(
    cls=SigmaGroup,
    epilog=_example(
        "serve --port 8000 --write-env emulator.env",
        "serve --port 0 --json",
        "--env-file emulator.env publish CHANNEL_ID --live",
    ),
)
@common_options
def emulator() -> None:
    """Serve the Sigma emulator, and play its encoder."""


def write_env_file(path: str, values: Mapping[str, str]) -> None:
    """Write ``KEY="value"`` lines to ``path``, readable by its owner only (mode 600)."""
    text = "".join(f'{key}="{value}"\n' for key, value in values.items())
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.chmod(path, 0o600)  # an existing file keeps its old mode through O_TRUNC


def _chosen_credentials(run: Run) -> Any:
    from ..testing import Credentials

    settings = account_settings(run.options)
    given = [name for name in REQUIRED_SETTINGS if name in settings.values]
    if not given:
        return None
    if len(given) < len(REQUIRED_SETTINGS):
        raise UsageError("the emulator's --username, --secret-key and --app-id go together")
    values = settings.values
    return Credentials(values["username"], values["secret_key"], values["app_id"])


_PUBLIC_BIND_HELP = (
    "allow an address other than loopback: DANGEROUS, anyone who can reach it can use the "
    "emulator, whose credentials are printed and written in plain files"
)


@emulator.command("serve", epilog=_example("serve --port 8000 --speed 10", "serve --json"))
@click.option("--host", default="127.0.0.1", show_default=True, help="a loopback address")
@click.option("--port", type=click.IntRange(0, 65535), default=8080, show_default=True)
@click.option("--seed", type=int, help="make ids and faults reproducible")
@speed_option(1.0)
@click.option("--manual-clock", is_flag=True, help="time moves only with `emulator advance`")
@click.option("--write-env", metavar="PATH", help="write the SIGMA_* settings to PATH (mode 600)")
@click.option("--allow-public-bind", is_flag=True, help=_PUBLIC_BIND_HELP)
@click.option(
    "--rate-limit",
    type=POSITIVE,
    metavar="RPS",
    help="answer 429 past RPS API requests per second per app (off by default)",
)
@click.option(
    "--burst", type=click.IntRange(min=1), help="requests let through at once (default: RPS)"
)
@click.option("--no-retry-after", is_flag=True, help="send rate-limited 429s without Retry-After")
@click.option(
    "--max-live-channels",
    type=click.IntRange(min=0),
    metavar="N",
    help="refuse the encoder's push past N live channels per app",
)
@common_options
@plain_command
async def serve(
    run: Run,
    host: str,
    port: int,
    seed: int | None,
    speed: float,
    manual_clock: bool,
    write_env: str | None,
    allow_public_bind: bool,
    rate_limit: float | None,
    burst: int | None,
    no_retry_after: bool,
    max_live_channels: int | None,
) -> int:
    """Serve the emulator on this machine until Ctrl-C."""
    import asyncio

    from ..testing import SigmaEmulator
    from ._library import is_loopback

    if not is_loopback(host) and not allow_public_bind:
        raise UsageError(
            f"--host {host} is not a loopback address: the emulator's credentials are known, so "
            "anyone who can reach it could use it; pass --allow-public-bind if you mean it"
        )
    if burst is not None and rate_limit is None:
        raise UsageError("--burst needs --rate-limit")
    chosen = _chosen_credentials(run)
    try:
        server = SigmaEmulator(
            host=host,
            port=port,
            clock="manual" if manual_clock else "real",
            speed=speed,
            seed=seed,
            credentials=chosen,
            access_log=not run.json,
            rate_limit=rate_limit,
            burst=burst,
            retry_after=not no_retry_after,
            max_live_channels=max_live_channels,
        )
    except ValueError as error:  # this emulator refuses the address anyway
        raise UsageError(f"--host {host}: {error}") from None
    async with server:
        _banner(run, server, speed=speed, write_env=write_env, chosen=chosen is not None)
        await asyncio.Event().wait()
    return EXIT_OK


def _banner(run: Run, server: Any, *, speed: float, write_env: str | None, chosen: bool) -> None:
    credentials = server.credentials
    settings = {
        ACCOUNT_VARIABLES["base_url"]: server.base_url,
        ACCOUNT_VARIABLES["username"]: credentials.username,
        ACCOUNT_VARIABLES["secret_key"]: credentials.secret_key,
        ACCOUNT_VARIABLES["app_id"]: credentials.app_id,
    }
    if write_env:
        write_env_file(write_env, settings)
    say = run.console.out
    if run.json:
        say(
            json.dumps(
                {
                    "baseUrl": server.base_url,
                    "apiUrl": server.api_url,
                    "username": credentials.username,
                    "secretKey": credentials.secret_key,
                    "appId": credentials.app_id,
                    "env": settings,
                }
            )
        )
        return
    say(f"Sigma emulator listening on {server.base_url} (time x{speed:g})")
    say(f"  username  {credentials.username}")
    say(f"  app id    {credentials.app_id}")
    if server.rate_limiter is not None:
        limiter = server.rate_limiter
        say(f"  rate limit {limiter.rate:g} requests/s per app (burst {limiter.burst})")
    if write_env:
        say(f"  settings written to {write_env} (mode 600); try:")
        say(f"    sigma-async --env-file {write_env} channels list")
    elif chosen:
        say("  secret key: the one you gave")
    else:
        say(
            "  secret key: not shown; pass --write-env PATH for a ready .env file, or --json, "
            "or choose the credentials with SIGMA_USERNAME, SIGMA_SECRET_KEY and SIGMA_APP_ID"
        )
    say("Press Ctrl-C to stop.")


async def _control(run: Run, path: str, body: dict[str, Any] | None = None) -> int:
    """POST to a running emulator's control API with the run's account; print the answer."""
    import aiohttp

    from ._library import control_prefix

    settings = account_settings(run.options)
    if settings.missing or "base_url" not in settings.values:
        raise UsageError(
            "which emulator? give --base-url, --username, --secret-key and --app-id (or the "
            "SIGMA_* variables, or --env-file PATH as `emulator serve --write-env PATH` writes)"
        )
    values = settings.values
    token = base64.b64encode(f"{values['username']}:{values['secret_key']}".encode()).decode()
    headers = {"Authorization": f"Basic {token}", "X-App-Id": values["app_id"]}
    url = values["base_url"].rstrip("/") + control_prefix() + path
    timeout = aiohttp.ClientTimeout(total=run.options.timeout or 30.0)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        try:
            async with session.post(url, json=body or {}, headers=headers) as response:
                text = await response.text()
                status = response.status
        except aiohttp.ClientError as error:
            run.console.error(f"cannot reach the emulator at {values['base_url']}: {error}")
            return EXIT_API_ERROR
    try:
        answer = json.loads(text)
    except ValueError:
        answer = {"message": text[:200]}
    if status >= 300:
        message = answer.get("message") if isinstance(answer, dict) else answer
        run.console.error(f"the emulator answered {status}: {message}")
        return EXIT_API_ERROR
    if run.json:
        run.console.out(json.dumps(answer, ensure_ascii=False))
    elif isinstance(answer, dict) and "sessionId" in answer:
        run.console.out(str(answer["sessionId"]))
    elif isinstance(answer, dict) and "now" in answer:
        run.console.out(str(answer["now"]))
    elif isinstance(answer, dict):
        run.console.out(f"{answer.get('id', '')} {answer.get('status', '')}".strip())
    return EXIT_OK


@emulator.command("publish", epilog=_example("--env-file emulator.env publish CHANNEL_ID --live"))
@click.argument("channel_id", metavar="CHANNEL")
@click.option("--live", is_flag=True, help="the session goes live at once")
@common_options
@plain_command
async def publish(run: Run, channel_id: str, live: bool) -> int:
    """Start an encoder pushing to a started channel; print the new session's id."""
    return await _control(run, f"/channels/{channel_id}/publish", {"live": live})


def _session_action(action: str, summary: str) -> click.Command:
    """Make the command that POSTs ``/sessions/{id}/<action>`` to the emulator."""

    @emulator.command(
        action, help=summary, epilog=_example(f"--env-file emulator.env {action} SESSION_ID")
    )
    @click.argument("session_id", metavar="SESSION")
    @common_options
    @plain_command
    async def command(run: Run, session_id: str) -> int:
        return await _control(run, f"/sessions/{session_id}/{action}")

    return command


interrupt = _session_action(
    "interrupt", "Drop the encoder's input (the session goes to error, then preparing)."
)
recover = _session_action(
    "recover", "Bring the encoder's input back (the session goes live again)."
)


@emulator.command("advance", epilog=_example("--env-file emulator.env advance 10"))
@click.argument("seconds", type=click.FloatRange(min=0))
@common_options
@plain_command
async def advance(run: Run, seconds: float) -> int:
    """Move a --manual-clock emulator's time forward by SECONDS."""
    return await _control(run, "/advance", {"seconds": seconds})
