"""Named accounts (staging, production) in one TOML file in the user's config directory.

``$XDG_CONFIG_HOME/sigma-async/config.toml`` on Linux (``~/.config/...`` without it), the
platform's equivalent elsewhere (click's ``get_app_dir``), or the file ``SIGMA_CONFIG`` names::

    default_profile = "staging"      # optional: used when neither --profile nor SIGMA_PROFILE

    [profiles.staging]
    username = "..."
    secret_key = "..."
    app_id = "..."
    base_url = "https://api.sigma.video"   # optional

A profile is the lowest source of settings: flags, the environment and ``--env-file`` all win
over it (``sigma_async._settings``). Messages name the file, the profile and the key, never a
value.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

import click

from .._settings import ACCOUNT_VARIABLES, PROFILE_VARIABLE
from .exits import UsageError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]

__all__ = ["CONFIG_VARIABLE", "config_path", "load_profile"]

CONFIG_VARIABLE: Final = "SIGMA_CONFIG"
"""A variable naming another config file than the default one."""
_LINE = re.compile(r"line (\d+)")


def config_path(environ: Mapping[str, str] | None = None) -> Path:
    """Return where the config file is (it need not exist)."""
    environ = os.environ if environ is None else environ
    if environ.get(CONFIG_VARIABLE):
        return Path(environ[CONFIG_VARIABLE])
    return Path(click.get_app_dir("sigma-async")) / "config.toml"


def _read(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except OSError as error:
        raise UsageError(f"cannot read the config file {path}: {error.strerror}") from None
    try:
        document: dict[str, Any] = tomllib.loads(text)
        return document
    except tomllib.TOMLDecodeError as error:
        # Its message may quote the text around the error, and the text holds secret keys.
        line = _LINE.search(str(error))
        where = f" at line {line.group(1)}" if line else ""
        raise UsageError(f"the config file {path} is not valid TOML{where}") from None


def load_profile(
    name: str | None, *, flag_given: bool, environ: Mapping[str, str] | None = None
) -> tuple[str | None, dict[str, str]]:
    """Return the chosen profile's name and settings (by argument name), or ``(None, {})``.

    The profile is ``name`` (``--profile``), else ``SIGMA_PROFILE``, else the file's
    ``default_profile``; naming one that is not in the file is an error listing those that are.
    """
    environ = os.environ if environ is None else environ
    how = "--profile" if flag_given else PROFILE_VARIABLE
    chosen = name or environ.get(PROFILE_VARIABLE) or None
    path = config_path(environ)
    document = _read(path)
    if chosen is None:
        default = document.get("default_profile")
        if default is None:
            return None, {}
        if not isinstance(default, str):
            raise UsageError(f"default_profile in {path} must be a profile's name")
        chosen, how = default, f"default_profile in {path}"
    profiles = document.get("profiles", {})
    if not isinstance(profiles, dict) or not isinstance(profiles.get(chosen), dict):
        known = ", ".join(sorted(profiles)) if isinstance(profiles, dict) and profiles else "none"
        raise UsageError(f"{how}: no profile {chosen!r} in {path} (profiles there: {known})")
    profile: dict[str, Any] = profiles[chosen]
    unknown = sorted(set(profile) - set(ACCOUNT_VARIABLES))
    if unknown:
        raise UsageError(
            f"profile {chosen!r} in {path}: unknown key(s) {', '.join(unknown)} "
            f"(known: {', '.join(ACCOUNT_VARIABLES)})"
        )
    wrong = sorted(key for key, value in profile.items() if not isinstance(value, str))
    if wrong:
        raise UsageError(f"profile {chosen!r} in {path}: {', '.join(wrong)} must be text")
    return chosen, dict(profile)
