"""Where the CLI's account comes from: flags, then ``SIGMA_*`` variables, then ``--env-file``.

The secret key is read here and handed to :class:`~sigma_async.SigmaClient`; it is never
printed, and messages name a missing setting, never a value.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Mapping
from typing import Any

from .._client import SigmaClient
from .._config import ENV_KEYS, parse_dotenv
from ..errors import SigmaValidationError
from ..operations import DEFAULT_BASE_URL
from .console import UsageError

__all__ = [
    "ACCOUNT_KEYS",
    "BASE_URL_VARIABLE",
    "account_settings",
    "client_options",
    "has_account",
    "open_client",
]

BASE_URL_VARIABLE = "SIGMA_BASE_URL"
ACCOUNT_KEYS: Mapping[str, str] = {**ENV_KEYS, "base_url": BASE_URL_VARIABLE}
"""Client argument -> environment variable, for every setting the CLI reads."""


def _read_env_file(path: str) -> dict[str, str]:
    try:
        with open(path, encoding="utf-8") as handle:
            return parse_dotenv(handle.read(), source=path)
    except OSError as error:
        raise UsageError(f"cannot read --env-file {path}: {error.strerror}") from None
    except SigmaValidationError as error:
        raise UsageError(str(error)) from None


def account_settings(
    args: argparse.Namespace, environ: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Return the account settings that were given, each from its highest-priority source.

    Flags win over the process environment, which wins over ``--env-file`` (as dotenv tools
    do). Settings given nowhere are absent from the result.
    """
    env_file = getattr(args, "env_file", None)
    file_values = _read_env_file(env_file) if env_file else {}
    environment = os.environ if environ is None else environ
    flags = {
        argument: value
        for argument in ACCOUNT_KEYS
        if (value := getattr(args, argument, None)) is not None
    }
    settings: dict[str, str] = {}
    for source in (file_values, environment):
        settings.update(
            {argument: source[name] for argument, name in ACCOUNT_KEYS.items() if source.get(name)}
        )
    settings.update(flags)
    return settings


def has_account(settings: Mapping[str, str]) -> bool:
    """Whether any account setting (base URL aside) was given."""
    return any(argument in settings for argument in ENV_KEYS)


def client_options(args: argparse.Namespace) -> dict[str, Any]:
    """Return the client options the CLI's flags set (``--timeout``, ``--max-retries``)."""
    options: dict[str, Any] = {}
    if getattr(args, "timeout", None) is not None:
        options["timeout"] = args.timeout
    if getattr(args, "max_retries", None) is not None:
        options["max_retries"] = args.max_retries
    return options


def open_client(args: argparse.Namespace, settings: Mapping[str, str] | None = None) -> SigmaClient:
    """Build the client of a command, or raise :class:`UsageError` naming what is missing."""
    if settings is None:
        settings = account_settings(args)
    missing = [
        f"--{argument.replace('_', '-')} (or {name})"
        for argument, name in ENV_KEYS.items()
        if argument not in settings
    ]
    if missing:
        raise UsageError("no account: missing " + ", ".join(missing) + "; or pass --env-file PATH")
    try:
        return SigmaClient(
            username=settings["username"],
            secret_key=settings["secret_key"],
            app_id=settings["app_id"],
            base_url=settings.get("base_url", DEFAULT_BASE_URL),
            **client_options(args),
        )
    except SigmaValidationError as error:
        raise UsageError(str(error)) from None
