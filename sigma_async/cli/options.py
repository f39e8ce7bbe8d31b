"""The options every command takes, before or after its name, gathered ONCE into a frozen object.

``sigma-async --json channels list`` and ``sigma-async channels list --json`` mean the same: the
common options are declared on the root and on every command, each occurrence records only what
the user typed (a default never overwrites a value given earlier), and :func:`global_options`
freezes the result the first time a command asks for it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, TypeVar

import click
from click.core import ParameterSource

__all__ = [
    "AT_LEAST_ONE",
    "NOT_NEGATIVE",
    "POSITIVE",
    "AtLeast",
    "GlobalOptions",
    "Positive",
    "SigmaGroup",
    "common_options",
    "global_options",
    "poll_interval_option",
    "speed_option",
]

F = TypeVar("F", bound=Callable[..., Any])
_GIVEN = "sigma_async.given"
_FROZEN = "sigma_async.options"


@dataclasses.dataclass(frozen=True, kw_only=True)
class GlobalOptions:
    """What the user chose for the whole run: the account, the output, the client's limits."""

    base_url: str | None = None
    username: str | None = None
    secret_key: str | None = dataclasses.field(default=None, repr=False)
    app_id: str | None = None
    env_file: str | None = None
    env_names: tuple[str, ...] = ()
    profile: str | None = None
    json: bool = False
    quiet: bool = False
    yes: bool = False
    no_color: bool = False
    debug: bool = False
    timeout: float | None = None
    max_retries: int | None = None

    def account_flags(self) -> dict[str, str | None]:
        """Return the account settings given as flags, by ``SigmaClient`` argument name."""
        return {
            "base_url": self.base_url,
            "username": self.username,
            "secret_key": self.secret_key,
            "app_id": self.app_id,
        }


def _remember(ctx: click.Context, param: click.Parameter, value: Any) -> None:
    """Record a common option the user gave (at whichever level), never a default."""
    assert param.name is not None
    if ctx.get_parameter_source(param.name) in (ParameterSource.DEFAULT, None):
        return
    ctx.find_root().meta.setdefault(_GIVEN, {})[param.name] = value


class AtLeast(click.ParamType):  # type: ignore[type-arg,unused-ignore]
    """An integer at least ``minimum``; the message says so in words (``must be at least 1``)."""

    name = "integer"

    def __init__(self, minimum: int) -> None:
        self.minimum = minimum

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        """Parse and check one value."""
        if isinstance(value, int) and not isinstance(value, bool):
            number = value
        else:
            try:
                number = int(str(value), 10)
            except ValueError:
                self.fail(f"must be a whole number, got {value!r}", param, ctx)
        if number < self.minimum:
            self.fail(f"must be at least {self.minimum}, got {number}", param, ctx)
        return number


class Positive(click.ParamType):  # type: ignore[type-arg,unused-ignore]
    """A finite number above zero (seconds, a rate, a speed)."""

    name = "number"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> float:
        """Parse and check one value."""
        try:
            number = float(value)
        except (TypeError, ValueError):
            self.fail(f"must be a number, got {value!r}", param, ctx)
        if not number > 0 or number == float("inf"):
            self.fail(f"must be positive, got {value}", param, ctx)
        return number


AT_LEAST_ONE = AtLeast(1)
NOT_NEGATIVE = AtLeast(0)
POSITIVE = Positive()
_POSITIVE = POSITIVE


class SigmaGroup(click.Group):
    """A group whose unknown-command error lists the commands there are."""

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        """Find the subcommand; an unknown one is ``invalid choice`` with the choices."""
        name = args[0] if args else ""
        if args and self.get_command(ctx, name) is None and not name.startswith("-"):
            choices = ", ".join(self.list_commands(ctx))
            raise click.UsageError(f"invalid choice: {name!r} (choose from {choices})", ctx)
        return super().resolve_command(ctx, args)


def speed_option(default: float) -> Callable[[F], F]:
    """``--speed S``: how many times faster than real time an emulator's clock runs."""
    return click.option(
        "--speed",
        type=POSITIVE,
        default=default,
        show_default=True,
        metavar="S",
        help="emulated time runs S times faster",
    )


def poll_interval_option(help_text: str = "seconds between polls") -> Callable[[F], F]:
    """``--poll-interval S``: seconds between two polls of a status (no default: the SDK's)."""
    return click.option("--poll-interval", type=POSITIVE, metavar="S", help=help_text)


_COMMON: tuple[tuple[tuple[str, ...], dict[str, Any]], ...] = (
    (("--profile",), {"metavar": "NAME", "help": "account profile of the config file"}),
    (("--base-url",), {"metavar": "URL", "help": "API root (default https://api.sigma.video)"}),
    (("--username",), {"help": "API username"}),
    (
        ("--secret-key",),
        {"help": "API secret key (prefer SIGMA_SECRET_KEY or a profile: argv is visible)"},
    ),
    (("--app-id",), {"help": "the app's id (X-App-Id)"}),
    (("--env-file",), {"metavar": "PATH", "help": "a .env file (the console's download)"}),
    (
        ("--env-name", "env_names"),
        {
            "metavar": "SETTING=NAME",
            "multiple": True,
            "help": "read SETTING from variable NAME (environment and --env-file), "
            "e.g. secret_key=SECRET_KEY; repeatable",
        },
    ),
    (("--json",), {"is_flag": True, "help": "JSON: one document, or JSON lines for lists"}),
    (("-q", "--quiet"), {"is_flag": True, "help": "ids only, one a line (for xargs)"}),
    (("-y", "--yes"), {"is_flag": True, "help": "do not ask to confirm"}),
    (("--no-color",), {"is_flag": True, "help": "no colour (also: NO_COLOR=1)"}),
    (("--debug",), {"is_flag": True, "help": "print each HTTP attempt on stderr"}),
    (("--timeout",), {"type": _POSITIVE, "metavar": "S", "help": "seconds per request"}),
    (
        ("--max-retries",),
        {"type": NOT_NEGATIVE, "metavar": "N", "help": "retries per request"},
    ),
)


def common_options(function: F) -> F:
    """Add the common options to a command (they are gathered by :func:`global_options`)."""
    for declarations, settings in reversed(_COMMON):
        function = click.option(*declarations, expose_value=False, callback=_remember, **settings)(
            function
        )
    return function


def global_options(ctx: click.Context) -> GlobalOptions:
    """Return the run's frozen options, built from what was given the first time it is asked."""
    root = ctx.find_root()
    frozen = root.meta.get(_FROZEN)
    if frozen is None:
        frozen = GlobalOptions(**root.meta.get(_GIVEN, {}))
        root.meta[_FROZEN] = frozen
    assert isinstance(frozen, GlobalOptions)
    return frozen
