"""``sigma-async contract check`` and ``sigma-async doctor``, as click objects for the root group.

Their account is the run's, as for every other command: the common options (``--base-url``,
``--username``, ``--secret-key``, ``--app-id``, ``--env-file``, ``--profile``, before or after
the command's name) and the ``SIGMA_*`` variables, resolved by ``credentials.account_settings``
in the one documented order. The secret key is never printed.

Tables use rich when it is installed (colour only on a terminal; rich honours ``NO_COLOR``),
plain text otherwise; ``--json`` prints one JSON document.

Exit statuses: ``contract check`` 0 nothing differs, 1 something differs, 2 the document could
not be had; ``doctor`` 0 every check passed (warnings allowed), 1 a check failed, 2 it could
not run (no credentials).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING

import click

from .app import JobGroup, RunsJobs
from .credentials import account_settings, require_account
from .options import common_options
from .runner import Run, plain_command

if TYPE_CHECKING:
    from ..contract import ContractReport
    from ..diagnostics import DoctorReport

__all__ = ["contract", "doctor"]


@click.group(name="contract", cls=JobGroup)
@common_options
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
@common_options
@plain_command
async def check_command(run: Run, against: str | None) -> int:
    """Report where the service's OpenAPI document and the SDK's contract differ.

    Without --against, fetches {base-url}/api/livestream/api-docs-json with the account's
    credentials (--timeout S: seconds for the fetch, default 30).
    Exit 0: nothing differs; 1: something differs; 2: no document.
    """
    from ..contract import EXIT_UNAVAILABLE, DocumentUnavailableError, check

    account = account_settings(run.options).values
    try:
        report = await check(against, timeout=run.options.timeout or 30.0, **account)
    except DocumentUnavailableError as error:
        run.console.error(str(error))
        return EXIT_UNAVAILABLE
    if run.json:
        run.console.out(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        _show_contract(run, report)
    return report.exit_code


@click.command(name="doctor", cls=RunsJobs, epilog=_DOCTOR_EXAMPLES)
@common_options
@plain_command
async def doctor(run: Run) -> int:
    """Check the connection to the API, read-only: network, TLS, credentials, clock, reads.

    --timeout S: seconds per step (default 10).
    Exit 0: every check passed (warnings allowed); 1: a check failed; 2: cannot run.
    """
    from ..diagnostics import run_doctor
    from ..operations import DEFAULT_BASE_URL

    account = require_account(account_settings(run.options))
    report = await run_doctor(
        username=account["username"],
        secret_key=account["secret_key"],
        app_id=account["app_id"],
        base_url=account.get("base_url", DEFAULT_BASE_URL),
        timeout=run.options.timeout or 10.0,
    )
    if run.json:
        run.console.out(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        _show_doctor(run, report)
    return report.exit_code


# Rendering ------------------------------------------------------------------------------------


def _has_rich() -> bool:
    """Whether rich can be imported (the plain tables are for an install without it)."""
    try:
        import rich.console  # noqa: F401
    except ImportError:
        return False
    return True


def _plain_writer(run: Run) -> Callable[[str], None]:
    """Write a line to the run's stdout without rich (its own printing needs rich)."""
    return lambda line: print(line, file=run.console.stdout)


def _show_contract(run: Run, report: ContractReport) -> None:
    grouped = report.by_operation()
    if report.differs:
        summary = f"{len(report.differences)} difference(s) in {len(grouped)} operation(s)"
    else:
        summary = f"no drift: the {report.operations_checked} operations match"
    heading = f"{report.source} ({report.dialect}): {summary}"
    if not _has_rich():
        say = _plain_writer(run)
        say(heading)
        for operation, differences in grouped.items():
            say(f"\n{operation}")
            for d in differences:
                say(f"  {d.kind:<24} {d.message}")
        if report.inferred:
            say("\ninferred operations:")
            for v in report.inferred:
                say(f"  {v.operation_id:<16} {v.verdict:<13} {v.reason}")
        return
    from rich.table import Table
    from rich.text import Text

    run.console.out(Text(heading))
    if grouped:
        # Text, not markup: wire paths hold brackets (`data[].id`).
        table = Table("operation", "kind", "difference")
        for operation, differences in grouped.items():
            for index, d in enumerate(differences):
                table.add_row(Text(operation if index == 0 else ""), Text(d.kind), Text(d.message))
            table.add_section()
        run.console.print(table)
    if report.inferred:
        verdicts = Table("inferred operation", "verdict", "reason")
        for v in report.inferred:
            style = "green" if v.verdict == "confirmed" else "red"
            name = Text(f"{v.operation_id} ({v.operation})")
            verdicts.add_row(name, Text(v.verdict, style=style), Text(v.reason))
        run.console.print(verdicts)


_MARKS = {
    "ok": ("ok", "green"),
    "warn": ("warn", "yellow"),
    "fail": ("FAIL", "red"),
    "skip": ("skip", "dim"),
}


def _show_doctor(run: Run, report: DoctorReport) -> None:
    verdict = "all checks passed" if report.ok else f"failed: {', '.join(report.failed)}"
    heading = f"{report.base_url} (app {report.app_id}): {verdict}"
    if not _has_rich():
        say = _plain_writer(run)
        say(heading)
        for c in report.checks:
            took = f" ({c.elapsed_ms} ms)" if c.elapsed_ms is not None else ""
            say(f"  {_MARKS[c.status][0]:<5} {c.name:<22} {c.detail}{took}")
        return
    from rich.table import Table
    from rich.text import Text

    table = Table("check", "", "detail", "time")
    for c in report.checks:
        mark, style = _MARKS[c.status]
        took = f"{c.elapsed_ms} ms" if c.elapsed_ms is not None else ""
        table.add_row(Text(c.name), Text(mark, style=style), Text(c.detail), took)
    run.console.print(table)
    run.console.out(Text(heading))
