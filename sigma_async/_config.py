r"""Settings from the environment or a dotenv file, for ``SigmaClient.from_env``.

The vendor console hands out credentials as a ``.env`` download, so a small dotenv reader lives
here rather than a dependency. It reads ``KEY=value`` lines with an optional ``export``,
``#`` comments (inline ones after whitespace), ``'literal'`` values and ``"escaped"`` values
(``\n``, ``\t``, ``\"``, ``\\``; they may span lines). ``${VAR}`` is not expanded.
Error messages give line numbers, never line contents: a line may hold the secret key.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping

from .errors import SigmaValidationError

__all__ = ["ENV_KEYS", "parse_dotenv", "settings_from_env", "variable_names"]

ENV_KEYS: dict[str, str] = {
    "username": "SIGMA_USERNAME",
    "secret_key": "SIGMA_SECRET_KEY",
    "app_id": "SIGMA_APP_ID",
}
"""Required constructor arguments and the variables they come from."""

_OPTIONAL_KEYS = {"base_url": "SIGMA_BASE_URL"}

_BLANK = re.compile(r"[ \t]*(?:#[^\r\n]*)?(?:\r\n|\r|\n)")
_BLANK_AT_END = re.compile(r"[ \t]*(?:#[^\r\n]*)?\Z")
_ASSIGNMENT = re.compile(
    r"""[ \t]*(?:export[ \t]+)?(?P<key>[A-Za-z_][A-Za-z0-9_.]*)[ \t]*=[ \t]*
    (?:
        '(?P<single>[^']*)'[ \t]*(?:\#[^\r\n]*)?
      | "(?P<double>(?:\\.|[^"\\])*)"[ \t]*(?:\#[^\r\n]*)?
      | (?P<bare>[^\r\n]*?)[ \t]*(?:[ \t]\#[^\r\n]*)?
    )
    (?:\r\n|\r|\n|\Z)""",
    re.VERBOSE,
)
_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\"}
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)


def _unescape(value: str) -> str:
    return _ESCAPE.sub(lambda m: _ESCAPES.get(m.group(1), "\\" + m.group(1)), value)


def parse_dotenv(text: str, *, source: str = "dotenv") -> dict[str, str]:
    """Parse dotenv text into a dict (a later assignment of a key wins)."""
    text = text.removeprefix("\ufeff")
    values: dict[str, str] = {}
    position = 0
    while position < len(text):
        blank = _BLANK.match(text, position) or _BLANK_AT_END.match(text, position)
        if blank and blank.end() > position:
            position = blank.end()
            continue
        match = _ASSIGNMENT.match(text, position)
        if match is None or match.end() == position:
            line = text.count("\n", 0, position) + 1
            raise SigmaValidationError(f"{source}: line {line} is not KEY=VALUE")
        if match.group("single") is not None:
            value = match.group("single")
        elif match.group("double") is not None:
            value = _unescape(match.group("double"))
        else:
            value = match.group("bare")
        values[match.group("key")] = value
        position = match.end()
    return values


def variable_names(names: Mapping[str, str] | None = None) -> dict[str, str]:
    """Return which variable each setting is read from: the defaults, with ``names`` applied.

    ``names`` maps a setting (``username``, ``secret_key``, ``app_id``, ``base_url``) to the
    variable to read instead, e.g. ``{"secret_key": "SIGMA_SECRET"}``.
    """
    chosen = {**ENV_KEYS, **_OPTIONAL_KEYS}
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


def settings_from_env(
    env_file: str | os.PathLike[str] | None = None,
    environ: Mapping[str, str] | None = None,
    names: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Return ``SigmaClient`` keyword arguments from the environment and ``env_file``.

    The process environment wins over the file. A required key missing from both raises
    :class:`SigmaValidationError` naming it. ``names`` renames variables (:func:`variable_names`).
    """
    chosen = variable_names(names)
    source: dict[str, str] = {}
    where = "the environment"
    if env_file is not None:
        path = os.fspath(env_file)
        try:
            with open(path, encoding="utf-8") as handle:
                source = parse_dotenv(handle.read(), source=path)
        except OSError as error:
            raise SigmaValidationError(f"cannot read env file {path}: {error.strerror}") from None
        where = f"the environment or {path}"
    source.update(os.environ if environ is None else environ)
    settings: dict[str, str] = {}
    missing = [chosen[argument] for argument in ENV_KEYS if not source.get(chosen[argument])]
    if missing:
        raise SigmaValidationError(f"{', '.join(missing)} not set in {where}")
    for argument in ENV_KEYS:
        settings[argument] = source[chosen[argument]]
    for argument in _OPTIONAL_KEYS:
        if source.get(chosen[argument]):
            settings[argument] = source[chosen[argument]]
    return settings
