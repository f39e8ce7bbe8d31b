"""Render sigma_async/cli/help_pages.json: what each ``sigma-async ... --help`` prints, by click.

Importing click is most of a help run's start-up, so ``sigma_async.cli.fast_help`` replays the
pages recorded here instead. The one source stays the click command tree: every page is the
output of a real run of the command line (``sigma_async.cli.app.parse``), captured per stream
with its exit status, for every help invocation of every command (``--help``/``-h`` after the
command's path, and a group's path alone, which prints its help on stderr). The pages are JSON,
data rather than code: reading them costs less than compiling a module of the same strings
where bytecode is not cached, and they are split into sections stored once each (the common
options are in every page).

click wraps help to ``max(min(columns, max_content_width) - 2, 50)``, so the text is the same
over whole ranges of terminal widths. The width is swept here through click itself (``COLUMNS``,
as ``shutil.get_terminal_size`` reads it) and the pages are recorded for three ranges: the
narrow one (every width click clamps to its minimum), the 80 columns of a pipe or a default
terminal, and the wide one (every width past ``max_content_width``). Any other width is
rendered by click at run time. A page is recorded at both ends of its range and must be the
same at both, so that a command with its own width settings cannot be replayed wrong.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
from collections.abc import Iterator
from importlib.metadata import version
from pathlib import Path
from typing import Any

COMMENT = (
    "DO NOT EDIT: generated from the command tree of sigma_async.cli.app by codegen/cli_help.py",
    "with click {click}. Change the commands or the generator, then run `nox -s codegen`;",
    "`nox -s codegen-check` fails when this file differs from a fresh generation.",
    "Read by sigma_async.cli.fast_help, which says what each field is.",
)

SWEEP_COLUMNS = 400
"""The widest terminal swept column by column; the last range must reach it unchanged."""
FAR_COLUMNS = 10_000
"""A width far past any terminal: the wide range's page must still be the same there."""
SEPARATOR = "\n\n"
"""Between a page's sections."""
PIPE_COLUMNS = 80
"""What ``shutil.get_terminal_size`` says without a terminal or ``COLUMNS``."""

Invocation = tuple[str, ...]
Output = tuple[str, int, str]  # (stream, exit status, text)


@contextlib.contextmanager
def _columns(columns: int) -> Iterator[None]:
    """Make ``shutil.get_terminal_size`` (hence click) see a terminal ``columns`` wide."""
    before = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = str(columns)
    try:
        yield
    finally:
        if before is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = before


def _import_cli(root: Path) -> Any:
    """Import ``sigma_async.cli.app`` from the checkout at ``root`` (not an installed copy)."""
    sys.path.insert(0, str(root))
    from sigma_async.cli import app

    where = Path(app.__file__).resolve()
    if not where.is_relative_to(root):
        raise RuntimeError(f"sigma_async was imported from {where}, not from {root}")
    return app


def _invocations(app: Any) -> Iterator[Invocation]:
    """Every command line that prints a help page: each command's path, then a help option."""
    import click

    def walk(command: click.Command, path: Invocation, ctx: click.Context) -> Iterator[Invocation]:
        if isinstance(command, click.Group) and command.no_args_is_help:
            yield path
        for name in command.get_help_option_names(ctx):
            yield (*path, name)
        if isinstance(command, click.Group):
            for name in command.list_commands(ctx):
                sub = command.get_command(ctx, name)
                assert sub is not None, name
                yield from walk(sub, (*path, name), click.Context(sub, info_name=name, parent=ctx))

    root = app.root
    yield from walk(root, (), click.Context(root, info_name=app.PROG, **root.context_settings))


def _run(app: Any, argv: Invocation, columns: int) -> Output:
    """What one command line prints at ``columns``: the stream written, the status, the text."""
    stdout, stderr = io.StringIO(), io.StringIO()
    with _columns(columns):
        status = app.parse(list(argv), app.Streams(stdout=stdout, stderr=stderr))
    if not isinstance(status, int):
        raise RuntimeError(f"{argv} would run a command, not print its help")
    streams = {"stdout": stdout.getvalue(), "stderr": stderr.getvalue()}
    written = [(name, text) for name, text in streams.items() if text]
    if len(written) != 1:
        raise RuntimeError(f"{argv} printed on {len(written)} streams, not one")
    (stream, text), *_ = written
    return stream, status, text


def _width_ranges(app: Any) -> list[tuple[int, int | None]]:
    """The (first, last) columns of the narrow, the pipe and the wide range; None: no last."""
    import click

    def width(columns: int) -> int:
        ctx = click.Context(app.root, info_name=app.PROG, **app.root.context_settings)
        with _columns(columns):
            return ctx.make_formatter().width

    ranges: list[list[int]] = []  # [first, last, width]
    for columns in range(1, SWEEP_COLUMNS + 1):
        wraps_at = width(columns)
        if ranges and ranges[-1][2] == wraps_at:
            ranges[-1][1] = columns
        else:
            ranges.append([columns, columns, wraps_at])
    if ranges[-1][1] != SWEEP_COLUMNS or width(FAR_COLUMNS) != ranges[-1][2]:
        raise RuntimeError("click's help width keeps growing with the terminal: no wide range")
    pipe = next(r for r in ranges if r[0] <= PIPE_COLUMNS <= r[1])
    chosen: list[tuple[int, int | None]] = []
    for first, last, _ in (ranges[0], pipe, ranges[-1]):
        bounds = (first, None if last == SWEEP_COLUMNS else last)
        if bounds not in chosen:
            chosen.append(bounds)
    return chosen


def _replayable(text: str) -> bool:
    # Non-ASCII text would depend on the stream's encoding (click may re-wrap a stream it finds
    # misconfigured) and ANSI codes on whether click strips them: such a page is left to click.
    return text.isascii() and "\x1b" not in text


def _record(app: Any, argv: Invocation, ranges: list[tuple[int, int | None]]) -> list[Output]:
    """``argv``'s output in each range, checked at both ends; [] if it is not replayable."""
    outputs = []
    for first, last in ranges:
        output = _run(app, argv, first)
        if _run(app, argv, FAR_COLUMNS if last is None else last) != output:
            raise RuntimeError(f"{argv}: the help differs between {first} and {last} columns")
        if not _replayable(output[2]):
            return []
        outputs.append(output)
    if len({output[:2] for output in outputs}) != 1:
        raise RuntimeError(f"{argv}: the stream or the exit status depends on the width")
    return outputs


def render(root: Path) -> str:
    """The text of ``sigma_async/cli/help_pages.json`` for the command line in ``root``."""
    app = _import_cli(root)
    ranges = _width_ranges(app)
    sections: dict[str, int] = {}
    pages: dict[tuple[tuple[int, ...], ...], int] = {}
    runs: dict[Invocation, tuple[str, int, int]] = {}
    for argv in _invocations(app):
        outputs = _record(app, argv, ranges)
        if not outputs:
            continue
        renderings = tuple(
            tuple(sections.setdefault(part, len(sections)) for part in text.split(SEPARATOR))
            for _, _, text in outputs
        )
        stream, status, _ = outputs[0]
        runs[argv] = (stream, status, pages.setdefault(renderings, len(pages)))
    fields = {
        "comment": [line.format(click=version("click")) for line in COMMENT],
        "click": version("click"),
        "complete_variable": app.COMPLETE_VARIABLE,
        "separator": SEPARATOR,
        "columns": ranges,
        "runs": [[list(argv), *run] for argv, run in runs.items()],
        "pages": list(pages),
        "sections": list(sections),
    }
    return "{\n" + ",\n".join(_field(name, value) for name, value in fields.items()) + "\n}\n"


def _field(name: str, value: Any) -> str:
    """One field of the JSON document; a list with an item a line, so that a diff shows items."""
    if not isinstance(value, list):
        return f" {json.dumps(name)}: {json.dumps(value)}"
    items = ",\n".join(f"  {json.dumps(item)}" for item in value)
    return f" {json.dumps(name)}: [\n{items}\n ]"
