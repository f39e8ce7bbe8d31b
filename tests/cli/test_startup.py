"""`sigma-async --help` imports nothing a command has not asked for (issue 12's start-up time)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("rich", "aiohttp", "asyncio", "dotenv", "sigma_async.models", "sigma_async.testing")

PROBE = """
import json, sys
import sigma_async  # what the package itself imports is the package's business
before = set(sys.modules)
from sigma_async.cli import main
main({argv!r})
print(json.dumps(sorted(set(sys.modules) - before)))
"""


def imported_by(argv: list[str]) -> list[str]:
    """The modules a fresh interpreter imports to run ``sigma-async ARGV`` (beyond the package)."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(argv=argv)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    imported: list[str] = json.loads(done.stdout.splitlines()[-1])
    return imported


@pytest.mark.parametrize("argv", [["--help"], ["--version"], ["channels", "--nope"]])
def test_the_root_command_imports_no_command_module(argv: list[str]) -> None:
    imported = imported_by(argv)
    heavy = [name for name in imported if name.startswith(HEAVY)]
    if argv[0] == "channels":  # the channels module, and the client it drives, find its options
        allowed = ("sigma_async.models", "rich", "aiohttp", "asyncio")
        heavy = [name for name in heavy if not name.startswith(allowed)]
    assert heavy == [], heavy


# Every kind of help command line: the root's (both options, and none), a group's (with and
# without an option), a command's. They replay click's page (sigma_async.cli.fast_help).
HELP_RUNS = [
    ["--help"],
    ["-h"],
    [],
    ["channels", "--help"],
    ["events"],
    ["channels", "create", "-h"],
]


@pytest.mark.parametrize("argv", HELP_RUNS, ids=" ".join)
def test_help_imports_no_click_and_no_command_module(argv: list[str]) -> None:
    imported = imported_by(argv)
    assert [name for name in imported if name.startswith(("click", *HEAVY))] == []
    assert [name for name in imported if name.startswith("sigma_async.cli.")] == [
        "sigma_async.cli.exits",
        "sigma_async.cli.fast_help",
    ]
