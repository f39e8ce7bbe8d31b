"""Where an account's settings come from, and which source wins: implemented once, here.

Four sources, highest first: **flags** (or keyword arguments), the **process environment**, an
**env file** (the ``.env`` the Sigma console hands out), and a **profile** of the user's config
file. A setting is taken from the highest source that gives it; an empty value gives nothing.
The CLI calls :func:`resolve_account` with every source; ``SigmaClient.from_env`` calls it with
the environment and its env file only, so the two cannot disagree about an order or a name.
Nothing here reads a file or prints a value: callers pass the sources in, and the result says
where each setting came from so that a message can name the source, never the value.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

import attrs

from .errors import SigmaValidationError

__all__ = [
    "ACCOUNT_VARIABLES",
    "PROFILE_VARIABLE",
    "REQUIRED_SETTINGS",
    "AccountSettings",
    "resolve_account",
    "variable_names",
]

ACCOUNT_VARIABLES: Final = MappingProxyType(
    {
        "username": "SIGMA_USERNAME",
        "secret_key": "SIGMA_SECRET_KEY",
        "app_id": "SIGMA_APP_ID",
        "base_url": "SIGMA_BASE_URL",
    }
)
"""Each account setting (a ``SigmaClient`` argument) -> the variable that gives it."""
REQUIRED_SETTINGS: Final = ("username", "secret_key", "app_id")
"""The settings without which no client can be built (``base_url`` has a default)."""
PROFILE_VARIABLE: Final = "SIGMA_PROFILE"
"""The variable that chooses a profile of the config file when no flag does."""

FLAGS: Final = "flags"
ENVIRONMENT: Final = "environment"
ENV_FILE: Final = "env file"
PROFILE: Final = "profile"


@attrs.frozen
class AccountSettings:
    """The resolved settings (by argument name) and the source each one came from.

    ``variables`` names the variable each setting was looked for under: ``SIGMA_SECRET_KEY``,
    or the name a mapping gave.
    """

    values: Mapping[str, str] = attrs.field(repr=False)  # holds the secret key
    sources: Mapping[str, str]
    variables: Mapping[str, str] = ACCOUNT_VARIABLES

    @property
    def missing(self) -> tuple[str, ...]:
        """The required settings no source gave."""
        return tuple(name for name in REQUIRED_SETTINGS if name not in self.values)

    @property
    def has_account(self) -> bool:
        """Whether any source gave any required setting (``base_url`` alone is not an account)."""
        return any(name in self.values for name in REQUIRED_SETTINGS)


def variable_names(names: Mapping[str, str] | None = None) -> dict[str, str]:
    """Return which variable each setting is read from: the defaults, with ``names`` applied.

    ``names`` maps a setting (``username``, ``secret_key``, ``app_id``, ``base_url``) to the
    variable to read instead, e.g. ``{"secret_key": "SIGMA_SECRET"}`` for an env file whose
    names differ. An unknown setting or an empty variable name is refused.
    """
    chosen = dict(ACCOUNT_VARIABLES)
    for setting, variable in (names or {}).items():
        if setting not in chosen:
            raise SigmaValidationError(
                f"cannot map {setting!r}: the settings read from the environment are "
                f"{', '.join(chosen)}"
            )
        if not isinstance(variable, str) or not variable:
            raise SigmaValidationError(f"the variable for {setting} must be a non-empty string")
        chosen[setting] = variable
    return chosen


def _by_argument(given: Mapping[str, str | None], variables: Mapping[str, str]) -> dict[str, str]:
    return {
        argument: value
        for argument, variable in variables.items()
        if (value := given.get(variable))
    }


def resolve_account(
    *,
    flags: Mapping[str, str | None] | None = None,
    environ: Mapping[str, str] | None = None,
    env_file: Mapping[str, str | None] | None = None,
    profile: Mapping[str, str | None] | None = None,
    variables: Mapping[str, str] | None = None,
) -> AccountSettings:
    """Merge the sources, flags > environment > env file > profile, and say where each came from.

    ``flags`` and ``profile`` are keyed by argument name (``secret_key``); ``environ`` and
    ``env_file`` by variable name (``SIGMA_SECRET_KEY``, or the name ``variables`` gives, as
    :func:`variable_names` returns). A missing or empty value gives nothing, so a lower source
    may still give it.
    """
    names = ACCOUNT_VARIABLES if variables is None else variables
    layers = (
        (FLAGS, {k: v for k, v in (flags or {}).items() if v and k in ACCOUNT_VARIABLES}),
        (ENVIRONMENT, _by_argument(environ or {}, names)),
        (ENV_FILE, _by_argument(env_file or {}, names)),
        (PROFILE, {k: v for k, v in (profile or {}).items() if v and k in ACCOUNT_VARIABLES}),
    )
    values: dict[str, str] = {}
    sources: dict[str, str] = {}
    for source, given in reversed(layers):  # lowest first: each higher layer overwrites
        for argument, value in given.items():
            values[argument] = value
            sources[argument] = source
    return AccountSettings(
        MappingProxyType(values), MappingProxyType(sources), MappingProxyType(dict(names))
    )
