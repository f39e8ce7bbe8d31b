r"""Settings from the environment or a dotenv file, for ``SigmaClient.from_env``.

The vendor console hands out credentials as a ``.env`` download, so a small dotenv reader lives
here rather than a dependency. It reads ``KEY=value`` lines with an optional ``export``,
``#`` comments (inline ones after whitespace), ``'literal'`` values and ``"escaped"`` values
(``\n``, ``\t``, ``\"``, ``\\``; they may span lines); a quote left open is an error, not
a value. ``${VAR}`` is not expanded. The CLI's ``--env-file`` is read by this same reader.
Error messages give line numbers, never line contents: a line may hold the secret key.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping

from ._settings import ACCOUNT_VARIABLES, REQUIRED_SETTINGS, resolve_account, variable_names
from .errors import SigmaValidationError

__all__ = ["ENV_KEYS", "parse_dotenv", "read_env_file", "settings_from_env"]

ENV_KEYS: dict[str, str] = {name: ACCOUNT_VARIABLES[name] for name in REQUIRED_SETTINGS}
"""Required constructor arguments and the variables they come from (``_settings``' table)."""

_BLANK = re.compile(r"[ \t]*(?:#[^\r\n]*)?(?:\r\n|\r|\n)")
_BLANK_AT_END = re.compile(r"[ \t]*(?:#[^\r\n]*)?\Z")
_ASSIGNMENT = re.compile(
    r"""[ \t]*(?:export[ \t]+)?(?P<key>[A-Za-z_][A-Za-z0-9_.]*)[ \t]*=[ \t]*
    (?:
        '(?P<single>[^']*)'[ \t]*(?:\#[^\r\n]*)?
      | "(?P<double>(?:\\.|[^"\\])*)"[ \t]*(?:\#[^\r\n]*)?
      | (?P<bare>(?!["'])[^\r\n]*?)[ \t]*(?:[ \t]\#[^\r\n]*)?
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


def read_env_file(path: str | os.PathLike[str], *, label: str = "env file") -> dict[str, str]:
    """Read and parse a dotenv file; errors name ``label`` and the path, never a line's text."""
    where = os.fspath(path)
    try:
        with open(where, encoding="utf-8") as handle:
            text = handle.read()
    except OSError as error:
        raise SigmaValidationError(f"cannot read {label} {where}: {error.strerror}") from None
    return parse_dotenv(text, source=f"{label} {where}")


def settings_from_env(
    env_file: str | os.PathLike[str] | None = None,
    environ: Mapping[str, str] | None = None,
    names: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Return ``SigmaClient`` keyword arguments from the environment and ``env_file``.

    Resolved by :func:`sigma_async._settings.resolve_account`, as the CLI resolves them: the
    process environment wins over the file, and an empty value gives nothing. A required
    setting missing from both raises :class:`SigmaValidationError` naming its variable.
    ``names`` renames variables (:func:`sigma_async._settings.variable_names`).
    """
    chosen = variable_names(names)
    file_values = read_env_file(env_file) if env_file is not None else {}
    settings = resolve_account(
        environ=os.environ if environ is None else environ,
        env_file=file_values,
        variables=chosen,
    )
    if settings.missing:
        where = "the environment"
        if env_file is not None:
            where = f"the environment or {os.fspath(env_file)}"
        missing = ", ".join(chosen[argument] for argument in settings.missing)
        raise SigmaValidationError(f"{missing} not set in {where}")
    return dict(settings.values)
