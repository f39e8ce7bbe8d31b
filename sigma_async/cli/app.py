"""The root ``sigma-async`` command: lazy subcommands, and running one command in an event loop.

Parsing is click's and synchronous; a command's callback does no I/O and returns a *job* (a
coroutine function). :func:`run_cli` awaits that job in the running loop, so that a test (or an
embedding program) runs commands next to its own emulator, and ``main`` runs the same thing under
``asyncio.run``. Subcommand modules are imported only when their command is used:
``sigma-async --help`` imports neither rich, the models nor the emulator.
"""

from __future__ import annotations

import contextlib
import dataclasses
import importlib
import importlib.util
import os
import sys
from collections.abc import Callable, Coroutine, Sequence
from typing import IO, Any, Final

import click

from .. import __version__
from .exits import EXIT_INTERRUPTED, EXIT_OK, quiet_stdout
from .options import SigmaGroup, common_options

__all__ = [
    "COMPLETE_VARIABLE",
    "PROG",
    "Job",
    "JobGroup",
    "RunsJobs",
    "Streams",
    "parse",
    "root",
    "run_cli",
]

PROG: Final = "sigma-async"
COMPLETE_VARIABLE: Final = "_SIGMA_ASYNC_COMPLETE"
"""Set to ``bash_source``, ``zsh_source`` or ``fish_source`` for a completion script."""
Job = Callable[[], Coroutine[Any, Any, int]]
"""What a command's callback returns: the command's work, run once parsing is done."""


@dataclasses.dataclass(frozen=True)
class Streams:
    """Where a run reads and writes, and what they are (terminal or not), before rich exists."""

    stdout: IO[str] | None = None
    stderr: IO[str] | None = None
    stdin: IO[str] | None = None
    interactive: bool | None = None
    terminal_input: bool | None = None


# name -> (the module under sigma_async.cli holding the command of that name, one line of help).
# The help is here so that listing the commands imports none of them.
_COMMANDS: Final = {
    "channels": ("channels", "Create, list, update and drive channels."),
    "sessions": ("sessions", "Sessions: one per encoder push."),
    "events": ("sessions", "What happened to a session (list, watch)."),
    "emulator": ("emulator", "Serve the Sigma emulator, and play its encoder."),
    "demo": ("demo", "A full channel lifecycle, narrated (no account needed)."),
    # The contract commands: what the live service says, against the bundled spec.
    "contract": ("contract_commands", "Check the API contract."),
    "doctor": ("contract_commands", "Check the set-up and the account."),
}


def _module(name: str) -> str:
    return f"{__package__}.{_COMMANDS[name][0]}"


_EPILOG = """\b
Examples:
  sigma-async demo
  sigma-async --profile staging channels list --status active
  sigma-async channels list -q --tag event | xargs sigma-async channels stop --yes

\b
Account: flags > environment (SIGMA_USERNAME, SIGMA_SECRET_KEY, SIGMA_APP_ID,
SIGMA_BASE_URL) > --env-file > profile (--profile or SIGMA_PROFILE, in the config
file). `sigma-async demo` without an account runs against an embedded emulator.

\b
Shell completion: eval "$(_SIGMA_ASYNC_COMPLETE=bash_source sigma-async)"
(zsh_source for zsh; fish: _SIGMA_ASYNC_COMPLETE=fish_source sigma-async | source)

\b
exit status: 0 ok, 1 API error or some bulk items failed, 2 usage error, 130 Ctrl-C."""


def _available(name: str) -> bool:
    try:
        return importlib.util.find_spec(_module(name)) is not None
    except ModuleNotFoundError:
        return False


class RunsJobs(click.Command):
    """A command that, run on its own (``command.main()``, click's CliRunner), awaits its job.

    Under the root, click calls ``invoke`` and the job is awaited by :func:`run_cli`; this
    ``main`` is for a command run as the whole program: the root (the entry point) or a
    command a test imports, which then parses and runs exactly as under the root.
    """

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """Parse ``args`` and run the job in a fresh event loop; the exit status, or SystemExit."""
        if os.environ.get(COMPLETE_VARIABLE):  # shell completion is click's own business
            return super().main(args, PROG, COMPLETE_VARIABLE, standalone_mode, **extra)
        code = run_sync(args, command=self)
        if standalone_mode:
            raise SystemExit(code)
        return code


class JobGroup(RunsJobs, SigmaGroup):
    """A group of job commands that can also run on its own (:class:`RunsJobs`)."""


class LazyGroup(JobGroup):
    """A group whose subcommands live in modules imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Every subcommand whose module is installed, in the table's order."""
        return [name for name in _COMMANDS if _available(name)]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """Import the module of ``cmd_name`` and return its command."""
        if cmd_name not in _COMMANDS or not _available(cmd_name):
            return None
        command = getattr(importlib.import_module(_module(cmd_name)), cmd_name)
        assert isinstance(command, click.Command)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """List the commands from the table (importing none of them)."""
        rows = [(name, _COMMANDS[name][1]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(
    PROG,
    cls=LazyGroup,
    epilog=_EPILOG,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, "--version", prog_name=PROG, message="%(prog)s %(version)s")
@common_options
def root() -> None:
    """Drive the Sigma Livestream API from the command line."""


def parse(argv: Sequence[str], streams: Streams, command: click.Command | None = None) -> Job | int:
    """Parse a command line: the command's job, or an exit status (help, usage error).

    ``command`` is the program's top command: the root unless one runs on its own.
    """
    top = root if command is None else command
    name = PROG if top is root else f"{PROG} {top.name}"
    stdout, stderr = streams.stdout, streams.stderr
    with contextlib.ExitStack() as stack:
        # click prints help and errors to sys.stdout/sys.stderr as they are at that moment;
        # parsing never awaits, so redirecting them here is safe.
        if stdout is not None:
            stack.enter_context(contextlib.redirect_stdout(stdout))
        if stderr is not None:
            stack.enter_context(contextlib.redirect_stderr(stderr))
        try:
            with top.make_context(name, list(argv), obj=streams) as ctx:
                job = top.invoke(ctx)
        except click.exceptions.Exit as exit_:
            return exit_.exit_code
        except click.ClickException as error:
            error.show()
            return error.exit_code
        except click.Abort:
            return EXIT_INTERRUPTED
    if not callable(job):  # a group invoked without a command: its help was printed
        return EXIT_OK
    command_job: Job = job
    return command_job


async def run_cli(
    argv: Sequence[str],
    *,
    stdout: IO[str] | None = None,
    stderr: IO[str] | None = None,
    stdin: IO[str] | None = None,
    interactive: bool | None = None,
    terminal_input: bool | None = None,
) -> int:
    """Run one ``sigma-async`` command in the running loop; return its exit status.

    Streams default to the process's. ``interactive`` (default: whether stderr is a terminal)
    turns the live progress bar on; ``terminal_input`` (default: whether stdin is a terminal)
    says whether a confirmation can be asked.
    """
    streams = Streams(stdout, stderr, stdin, interactive, terminal_input)
    parsed = parse(argv, streams)
    if isinstance(parsed, int):
        return parsed
    return await parsed()


def run_sync(argv: Sequence[str] | None = None, command: click.Command | None = None) -> int:
    """Run one command in a fresh event loop, as the entry point does; return its exit status.

    ``command`` is the top command (default: the root), as for :func:`parse`.
    Ctrl-C anywhere (a prompt included) ends the run at once with one line and status 130; a
    reader that closed the pipe (``| head -1``) ends it quietly with status 0.
    """
    try:
        # Parsing first, without asyncio: `--help` and usage errors need no event loop.
        job = parse(sys.argv[1:] if argv is None else list(argv), Streams(), command)
        if isinstance(job, int):
            return job
        import asyncio  # not at the top: --help and usage errors need no event loop

        return asyncio.run(job())
    except KeyboardInterrupt:
        # Python 3.10's asyncio.run lets Ctrl-C escape the main task, which asyncio reports
        # later as "Task exception was never retrieved" with a traceback: the one line is ours.
        import logging

        logging.getLogger("asyncio").setLevel(logging.CRITICAL)
        sys.stderr.write("\nsigma-async: interrupted\n")
        sys.stderr.flush()
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        quiet_stdout()
        return EXIT_OK
