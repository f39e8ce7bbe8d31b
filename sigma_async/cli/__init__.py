"""The ``sigma-async`` command line (entry point :func:`main`), built on click and rich.

They come with the ``cli`` extra (``pip install 'sigma-async[cli]'``); the SDK itself needs
neither. :func:`run_cli` (``sigma_async.cli.app.run_cli``, imported on first use) is the same
program as a coroutine, with its streams passed in: tests and embedding code run it inside their
own event loop. A help command line (``sigma-async --help``, ``sigma-async channels -h``, a group
alone) prints click's page recorded at codegen time, without importing click
(:mod:`sigma_async.cli.fast_help`), whenever click would print exactly that page.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .exits import EXIT_API_ERROR, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE

if TYPE_CHECKING:
    from .app import run_cli

__all__ = ["EXIT_API_ERROR", "EXIT_INTERRUPTED", "EXIT_OK", "EXIT_USAGE", "main", "run_cli"]

INSTALL_HINT = "pip install 'sigma-async[cli]'"
"""The one line that installs what the command line needs."""


def _missing_extra() -> str | None:
    """Name the CLI dependency that cannot be imported, if any."""
    from importlib.util import find_spec

    for module in ("click", "rich"):  # looked for, not imported: --help stays fast
        try:
            if find_spec(module) is None:
                return module
        except (ImportError, ValueError):  # ValueError: sys.modules[module] is None
            return module
    return None


def __getattr__(name: str) -> Any:
    # run_cli lives with the root command; importing it here would import click, and `main`
    # must be able to say that click is missing before anything imports it.
    if name == "run_cli":
        from .app import run_cli

        return run_cli
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main(argv: Sequence[str] | None = None) -> Any:
    """Run the ``sigma-async`` command line (the entry point); return the exit status."""
    missing = _missing_extra()
    if missing is not None:
        sys.stderr.write(
            f"sigma-async: the command line needs {missing}, from the cli extra:\n"
            f"  {INSTALL_HINT}\n"
        )
        return EXIT_USAGE
    args = sys.argv[1:] if argv is None else list(argv)
    # A help page click would print, replayed without importing click (issue 12: start-up).
    from .fast_help import print_help

    status = print_help(args)
    if status is not None:
        return status
    from .app import COMPLETE_VARIABLE, root, run_sync

    if os.environ.get(COMPLETE_VARIABLE):
        return root.main(argv, standalone_mode=True)
    return run_sync(args)
