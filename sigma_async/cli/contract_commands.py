"""``sigma-async contract check`` and ``sigma-async doctor``, as click objects for the root group.

Register them with ``root.add_command(contract)`` and ``root.add_command(doctor)``. Until the
CLI's shared options object exists, each command reads its account itself, once, in
:func:`_account`: ``--base-url`` / ``--username`` / ``--app-id`` flags, then the ``SIGMA_*``
variables, then ``--env-file``. The secret key has no flag (a flag would show in ``ps``); it
is never printed.

Tables use rich when it is installed (colour only on a terminal; rich honours ``NO_COLOR``),
plain text otherwise; ``--json`` prints one JSON document.

Exit statuses: ``contract check`` 0 nothing differs, 1 something differs, 2 the document could
not be had; ``doctor`` 0 every check passed (warnings allowed), 1 a check failed, 2 it could
not run (no credentials).
"""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from ..contract import ContractReport
    from ..diagnostics import DoctorReport

__all__ = ["contract", "doctor"]

_EXIT_CANNOT_RUN = 2


def _account(
    env_file: str | None, flags: Mapping[str, str | None], *, required: bool
) -> dict[str, str]:
    """Return the account settings given, each from its highest-priority source.

    Flags win over the environment, which wins over the env file. With ``required``, a missing
    setting is a usage error naming the variable (never a value).
    """
    from .._config import ENV_KEYS, parse_dotenv
    from ..errors import SigmaValidationError

    file_values: dict[str, str] = {}
    if env_file:
        try:
            with open(env_file, encoding="utf-8") as handle:
                file_values = parse_dotenv(handle.read(), source=env_file)
        except OSError as error:
            raise click.UsageError(f"cannot read --env-file {env_file}: {error.strerror}") from None
        except SigmaValidationError as error:
            raise click.UsageError(str(error)) from None
    variables = {**ENV_KEYS, "base_url": "SIGMA_BASE_URL"}
    settings: dict[str, str] = {}
    for argument, variable in variables.items():
        value = flags.get(argument) or os.environ.get(variable) or file_values.get(variable)
        if value:
            settings[argument] = value
    missing = [variables[name] for name in ENV_KEYS if name not in settings]
    if missing and required:
        raise click.UsageError(f"{', '.join(missing)} not set (environment or --env-file)")
    return settings


def _account_options(command: Any) -> Any:
    """Add the account options every command here takes."""
    for option in reversed(
        [
            click.option("--env-file", type=click.Path(dir_okay=False), help="a dotenv file"),
            click.option("--base-url", help="service root (default https://api.sigma.video)"),
            click.option("--username", help="the account's username (or SIGMA_USERNAME)"),
            click.option("--app-id", help="the app id (or SIGMA_APP_ID)"),
        ]
    ):
        command = option(command)
    return command


@click.group(name="contract")
def contract() -> None:
    """Compare the live service's API document with the SDK's contract."""


_CHECK_EXAMPLES = """\b
Examples:
  sigma-async contract check --env-file sigma.env
  sigma-async contract check --against api-docs.json --json
"""

_DOCTOR_EXAMPLES = """\b
Example:
  sigma-async doctor --env-file sigma.env
"""


@contract.command(name="check", epilog=_CHECK_EXAMPLES)
@click.option(
    "--against",
    metavar="FILE|URL",
    help="compare with this document instead of the account's service",
)
@click.option("--json", "as_json", is_flag=True, help="print the report as one JSON document")
@click.option(
    "--timeout",
    type=click.FloatRange(0, min_open=True),
    default=30.0,
    show_default=True,
    help="seconds",
)
@_account_options
def check_command(
    against: str | None,
    as_json: bool,
    timeout: float,
    env_file: str | None,
    base_url: str | None,
    username: str | None,
    app_id: str | None,
) -> None:
    """Report where the service's OpenAPI document and the SDK's contract differ.

    Without --against, fetches {base-url}/api/livestream/api-docs-json with the account's
    credentials. Exit 0: nothing differs; 1: something differs; 2: no document.
    """
    from ..contract import EXIT_UNAVAILABLE, DocumentUnavailableError, check

    flags = {"base_url": base_url, "username": username, "app_id": app_id}
    account = _account(env_file, flags, required=False)
    try:
        report = asyncio.run(check(against, timeout=timeout, **account))
    except DocumentUnavailableError as error:
        click.echo(f"error: {error}", err=True)
        click.get_current_context().exit(EXIT_UNAVAILABLE)
    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        _show_contract(report)
    click.get_current_context().exit(report.exit_code)


@click.command(name="doctor", epilog=_DOCTOR_EXAMPLES)
@click.option("--json", "as_json", is_flag=True, help="print the checklist as one JSON document")
@click.option(
    "--timeout",
    type=click.FloatRange(0, min_open=True),
    default=10.0,
    show_default=True,
    help="seconds per step",
)
@_account_options
def doctor(
    as_json: bool,
    timeout: float,
    env_file: str | None,
    base_url: str | None,
    username: str | None,
    app_id: str | None,
) -> None:
    """Check the connection to the API, read-only: network, TLS, credentials, clock, reads.

    Exit 0: every check passed (warnings allowed); 1: a check failed; 2: cannot run.
    """
    from ..diagnostics import run_doctor
    from ..errors import SigmaValidationError
    from ..operations import DEFAULT_BASE_URL

    flags = {"base_url": base_url, "username": username, "app_id": app_id}
    account = _account(env_file, flags, required=True)
    try:
        report = asyncio.run(
            run_doctor(
                username=account["username"],
                secret_key=account["secret_key"],
                app_id=account["app_id"],
                base_url=account.get("base_url", DEFAULT_BASE_URL),
                timeout=timeout,
            )
        )
    except SigmaValidationError as error:
        click.echo(f"error: {error}", err=True)
        click.get_current_context().exit(_EXIT_CANNOT_RUN)
    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        _show_doctor(report)
    click.get_current_context().exit(report.exit_code)


# Rendering ------------------------------------------------------------------------------------


def _rich_console() -> Any:
    try:
        from rich.console import Console
    except ImportError:
        return None
    return Console(soft_wrap=False)


def _show_contract(report: ContractReport) -> None:
    console = _rich_console()
    grouped = report.by_operation()
    if report.differs:
        summary = f"{len(report.differences)} difference(s) in {len(grouped)} operation(s)"
    else:
        summary = f"no drift: the {report.operations_checked} operations match"
    heading = f"{report.source} ({report.dialect}): {summary}"
    if console is None:
        click.echo(heading)
        for operation, differences in grouped.items():
            click.echo(f"\n{operation}")
            for d in differences:
                click.echo(f"  {d.kind:<24} {d.message}")
        if report.inferred:
            click.echo("\ninferred operations:")
            for v in report.inferred:
                click.echo(f"  {v.operation_id:<16} {v.verdict:<13} {v.reason}")
        return
    from rich.table import Table
    from rich.text import Text

    console.print(Text(heading), soft_wrap=True)
    if grouped:
        # Text, not markup: wire paths hold brackets (`data[].id`).
        table = Table("operation", "kind", "difference")
        for operation, differences in grouped.items():
            for index, d in enumerate(differences):
                table.add_row(Text(operation if index == 0 else ""), Text(d.kind), Text(d.message))
            table.add_section()
        console.print(table)
    if report.inferred:
        verdicts = Table("inferred operation", "verdict", "reason")
        for v in report.inferred:
            style = "green" if v.verdict == "confirmed" else "red"
            name = Text(f"{v.operation_id} ({v.operation})")
            verdicts.add_row(name, Text(v.verdict, style=style), Text(v.reason))
        console.print(verdicts)


_MARKS = {
    "ok": ("ok", "green"),
    "warn": ("warn", "yellow"),
    "fail": ("FAIL", "red"),
    "skip": ("skip", "dim"),
}


def _show_doctor(report: DoctorReport) -> None:
    console = _rich_console()
    verdict = "all checks passed" if report.ok else f"failed: {', '.join(report.failed)}"
    heading = f"{report.base_url} (app {report.app_id}): {verdict}"
    if console is None:
        click.echo(heading)
        for c in report.checks:
            took = f" ({c.elapsed_ms} ms)" if c.elapsed_ms is not None else ""
            click.echo(f"  {_MARKS[c.status][0]:<5} {c.name:<22} {c.detail}{took}")
        return
    from rich.table import Table
    from rich.text import Text

    table = Table("check", "", "detail", "time")
    for c in report.checks:
        mark, style = _MARKS[c.status]
        took = f"{c.elapsed_ms} ms" if c.elapsed_ms is not None else ""
        table.add_row(Text(c.name), Text(mark, style=style), Text(c.detail), took)
    console.print(table)
    console.print(Text(heading), soft_wrap=True)
