"""The account a command acts on: flags > environment > ``--env-file`` > profile.

The order is implemented once, in ``sigma_async._settings.resolve_account``, and the env file is
read by the library's own reader (``sigma_async._config``), so ``SigmaClient.from_env`` and the
CLI cannot disagree. This module only reads the sources and builds the client. The
secret key is handed to :class:`~sigma_async.SigmaClient` and never printed; messages name the
flag, variable or file a setting came from, never a value.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence

from .. import SigmaClient, SigmaValidationError
from .._config import read_env_file as read_dotenv_file
from .._settings import (
    ACCOUNT_VARIABLES,
    ENV_FILE,
    ENVIRONMENT,
    FLAGS,
    AccountSettings,
    resolve_account,
    variable_names,
)
from ..operations import DEFAULT_BASE_URL
from .exits import UsageError
from .options import GlobalOptions
from .profiles import load_profile

__all__ = [
    "account_settings",
    "env_names",
    "flag_words",
    "open_client",
    "read_env_file",
    "require_account",
]


def read_env_file(path: str) -> dict[str, str]:
    """Read ``--env-file`` with the library's dotenv reader, the one ``from_env`` uses.

    A line that is not ``KEY=VALUE`` is an error naming its number, never its text: the line
    may hold the secret key.
    """
    try:
        return read_dotenv_file(path, label="--env-file")
    except SigmaValidationError as error:
        raise UsageError(str(error)) from None


def account_settings(
    options: GlobalOptions, environ: Mapping[str, str] | None = None
) -> AccountSettings:
    """Resolve the account from every source, in the one documented order."""
    environ = os.environ if environ is None else environ
    variables = env_names(options.env_names)
    env_file = read_env_file(options.env_file) if options.env_file else {}
    _, profile = load_profile(
        options.profile, flag_given=options.profile is not None, environ=environ
    )
    return resolve_account(
        flags=options.account_flags(),
        environ=environ,
        env_file=env_file,
        profile=profile,
        variables=variables,
    )


def env_names(given: Sequence[str]) -> dict[str, str]:
    """Return the variable each setting is read from, with each ``--env-name SETTING=NAME``.

    The same mapping as ``SigmaClient.from_env(variables=...)``: it applies to the environment
    and to ``--env-file`` alike.
    """
    names: dict[str, str] = {}
    for pair in given:
        setting, equals, variable = pair.partition("=")
        if not equals:
            raise UsageError(f"--env-name {pair!r}: write SETTING=NAME, e.g. secret_key=SECRET_KEY")
        names[setting.strip()] = variable.strip()
    try:
        return variable_names(names)
    except SigmaValidationError as error:
        raise UsageError(f"--env-name: {error}") from None


def _where(argument: str, source: str | None, variable: str) -> str:
    flag = "--" + argument.replace("_", "-")
    if source == FLAGS or source is None:
        return flag
    if source == ENVIRONMENT:
        return variable
    if source == ENV_FILE:
        return f"{variable} in --env-file"
    return f"{argument} of the profile"


_LIBRARY_NAMES = {
    "timeout": "--timeout",
    "max_retries": "--max-retries",
    "concurrency": "--concurrency",
    "rate_limit": "--rate-limit",
    "sort": "--sort",
    "channel_id": "the channel ID",
    "session_id": "the SESSION id",
}
_ALLOW_INSECURE = re.compile(r"\s*(?:;|,)?\s*(?:or )?pass allow_insecure_http=True")


def flag_words(message: str, names: Mapping[str, str] | None = None) -> str:
    """Say a library message in the CLI's words: the flag the user typed, not a parameter name."""
    message = _ALLOW_INSECURE.sub("", message)
    table = {**_LIBRARY_NAMES, **(names or {})}
    for name, flag in table.items():
        message = re.sub(rf"(?<![\w-]){re.escape(name)}\b", flag, message)
    return message


def require_account(settings: AccountSettings) -> Mapping[str, str]:
    """Return the settings when every required one was given, else raise :class:`UsageError`.

    The message names each missing variable and its flag (never a value), in the words
    ``SigmaClient.from_env`` uses: ``SIGMA_SECRET_KEY not set``.
    """
    if settings.missing:
        variables = ", ".join(settings.variables[argument] for argument in settings.missing)
        flags = ", ".join(
            f"--{argument.replace('_', '-')} (or {settings.variables[argument]})"
            for argument in settings.missing
        )
        raise UsageError(
            f"no account: {variables} not set; give {flags}, or pass --env-file PATH or "
            "--profile NAME"
        )
    return settings.values


def open_client(options: GlobalOptions, settings: AccountSettings | None = None) -> SigmaClient:
    """Build the client of a command, or raise :class:`UsageError` naming what is missing."""
    if settings is None:
        settings = account_settings(options)
    values = require_account(settings)
    extra: dict[str, float | int] = {}
    if options.timeout is not None:
        extra["timeout"] = options.timeout
    if options.max_retries is not None:
        extra["max_retries"] = options.max_retries
    try:
        return SigmaClient(
            username=values["username"],
            secret_key=values["secret_key"],
            app_id=values["app_id"],
            base_url=values.get("base_url", DEFAULT_BASE_URL),
            **extra,  # type: ignore[arg-type]
        )
    except SigmaValidationError as error:
        names = {
            arg: _where(arg, settings.sources.get(arg), settings.variables[arg])
            for arg in ACCOUNT_VARIABLES
        }
        message = flag_words(str(error), names)
        if not any(name in message for name in names.values()):
            # The client names no setting when it refuses the URL's scheme: say which it was.
            message = f"{names['base_url']}: {message}"
        raise UsageError(message) from None
