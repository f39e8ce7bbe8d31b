"""``sigma-async emulator ...``: serve the Sigma emulator, and play its encoder from outside.

``serve`` runs a standalone emulator until Ctrl-C through the launcher of
``python -m sigma_async.testing`` (``sigma_async.testing._launcher``): the same options, default
port, banner (``--json``: one JSON line), rule for printing the secret key and exit statuses;
click only parses the flags. Its credentials come from the account settings of every command
(``--username``..., the ``SIGMA_*`` variables, ``--env-file``), made up when none is given.
``publish``, ``interrupt``, ``recover`` and ``advance`` drive a running one through its
control API (``/_emulator/...``), with the account options of every command.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar

import click

from ..testing import Credentials
from ..testing._launcher import HELP, LaunchError, ServeOptions, credentials_from, launch
from ..testing._server import DEFAULT_HOST, DEFAULT_PORT
from .credentials import account_settings
from .exits import EXIT_API_ERROR, EXIT_OK, UsageError
from .options import POSITIVE, SigmaGroup, common_options, speed_option
from .runner import Run, plain_command

__all__ = ["emulator"]

F = TypeVar("F", bound=Callable[..., Any])


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


def _chosen_credentials(run: Run) -> Credentials | None:
    """Return the served app's credentials from the account settings (flags, SIGMA_*, files)."""
    values = account_settings(run.options).values
    return credentials_from(values.get("username"), values.get("secret_key"), values.get("app_id"))


def _flag(name: str, *declarations: str, **settings: Any) -> Callable[[F], F]:
    """Declare a ``serve`` flag with the launcher's help for it (both entry points say the same)."""
    return click.option(name, *declarations, help=HELP[name], **settings)


@emulator.command("serve", epilog=_example("serve --port 8000 --speed 10", "serve --json"))
@_flag("--host", default=DEFAULT_HOST)
@_flag("--port", type=click.IntRange(0, 65535), default=DEFAULT_PORT)
@_flag("--seed", type=int)
@speed_option(1.0)
@_flag("--manual-clock", is_flag=True)
@_flag("--write-env", metavar="PATH")
@_flag("--allow-public-bind", is_flag=True)
@_flag("--rate-limit", type=POSITIVE, metavar="RPS")
@_flag("--burst", type=click.IntRange(min=1))
@_flag("--no-retry-after", "retry_after", flag_value=False, default=True)
@_flag("--max-live-channels", type=click.IntRange(min=0), metavar="N")
@common_options
@plain_command
async def serve(run: Run, /, **flags: Any) -> int:
    """Serve the emulator on this machine until Ctrl-C (as `python -m sigma_async.testing`)."""
    # Each flag's parameter is named after its ServeOptions field; --json is the global one.
    try:
        options = ServeOptions.from_flags(
            {**flags, "json": run.json}, credentials=_chosen_credentials(run)
        )
    except LaunchError as error:
        raise UsageError(str(error)) from None
    return await launch(options, out=run.console.stdout, err=run.console.stderr)


async def _control(run: Run, path: str, body: dict[str, Any] | None = None) -> int:
    """POST to a running emulator's control API with the run's account; print the answer."""
    import aiohttp

    from ._library import account_headers, control_prefix

    settings = account_settings(run.options)
    if settings.missing or "base_url" not in settings.values:
        raise UsageError(
            "which emulator? give --base-url, --username, --secret-key and --app-id (or the "
            "SIGMA_* variables, or --env-file PATH as `emulator serve --write-env PATH` writes)"
        )
    values = settings.values
    headers = account_headers(values["username"], values["secret_key"], values["app_id"])
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
