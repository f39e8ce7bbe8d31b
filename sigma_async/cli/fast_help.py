"""``sigma-async --help`` without importing click: the pages click renders, recorded at codegen.

Importing click is most of what a help run costs (issue 12: ``sigma-async --help`` <= 0.15 s,
and ``import click`` alone takes longer on a machine that cannot cache its bytecode). So
``codegen/cli_help.py`` runs every help command line of the click tree at generation time and
records what it prints in ``help_pages.json`` (``nox -s codegen-check`` fails when they differ).
:func:`print_help` replays a page only when click would print exactly that: the command line is
one of the recorded ones, the terminal width is in a recorded range (click wraps to it), the
installed click is the one that rendered the pages, and nothing has changed click's width or
asked for shell completion. Otherwise it returns None and the caller runs click.
"""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Sequence
from typing import NamedTuple

from .exits import EXIT_OK, quiet_stdout

__all__ = ["PAGES_FILE", "Recorded", "print_help", "recorded", "recorded_output"]

PAGES_FILE = os.path.join(os.path.dirname(__file__), "help_pages.json")
"""The recorded pages, generated (codegen/cli_help.py); never edited by hand."""


class Recorded(NamedTuple):
    """What ``help_pages.json`` holds."""

    click: str
    """The version of the click that rendered the pages."""
    complete_variable: str
    """The environment variable that asks for shell completion (click's business)."""
    separator: str
    """Between the sections of a page."""
    columns: list[tuple[int, int | None]]
    """Ranges of terminal widths, (first, last; None: no end): one rendering of a page each."""
    runs: dict[tuple[str, ...], tuple[str, int, int]]
    """Command line -> (the stream written, ``stdout`` or ``stderr``; exit status; page)."""
    pages: list[list[list[int]]]
    """Each page's renderings, one per range of ``columns``: indices into ``sections``."""
    sections: list[str]
    """The pages' parts between blank lines, each once (the common options are in all)."""


@functools.cache
def recorded() -> Recorded | None:
    """Read the recorded pages; None where they cannot be read (click then prints the help)."""
    try:
        with open(PAGES_FILE, encoding="utf-8") as file:
            data = json.load(file)
        return Recorded(
            click=data["click"],
            complete_variable=data["complete_variable"],
            separator=data["separator"],
            columns=[(first, last) for first, last in data["columns"]],
            runs={
                tuple(argv): (stream, status, page) for argv, stream, status, page in data["runs"]
            },
            pages=data["pages"],
            sections=data["sections"],
        )
    except (OSError, ValueError, KeyError, TypeError):  # e.g. installed without its data files
        return None


def recorded_output(argv: Sequence[str], columns: int) -> tuple[str, int, str] | None:
    """Return what click prints for ``argv`` on a terminal ``columns`` wide, if recorded.

    (the stream, ``"stdout"`` or ``"stderr"``; the exit status; the text), or None.
    """
    pages = recorded()
    run = None if pages is None else pages.runs.get(tuple(argv))
    if pages is None or run is None:
        return None
    stream, status, page = run
    for rendering, (first, last) in zip(pages.pages[page], pages.columns, strict=True):
        if first <= columns and (last is None or columns <= last):
            return stream, status, pages.separator.join(pages.sections[i] for i in rendering)
    return None


def _click_would_render_the_same(pages: Recorded) -> bool:
    """Whether the installed click, as configured, renders what was recorded."""
    if os.environ.get(pages.complete_variable):
        return False
    formatting = sys.modules.get("click.formatting")  # if click is loaded, its width may be set
    if getattr(formatting, "FORCED_WIDTH", None) is not None:
        return False
    from importlib.util import find_spec

    # The version, without importing click or importlib.metadata: the metadata directory that
    # an installer writes next to the package (any other layout falls back to click).
    spec = find_spec("click")
    if spec is None or spec.origin is None:
        return False
    site = os.path.dirname(os.path.dirname(spec.origin))
    return os.path.isdir(os.path.join(site, f"click-{pages.click}.dist-info"))


def _may_be_recorded(argv: Sequence[str]) -> bool:
    """Whether ``argv`` could be a recorded help line, without reading the pages file.

    Every recorded line ends in a help flag or names at most one group and no option, so any
    other command line (the commands that do work) skips the file's read and parse.
    """
    if not argv:
        return True
    return argv[-1] in ("-h", "--help") or (len(argv) == 1 and not argv[0].startswith("-"))


def print_help(argv: Sequence[str]) -> int | None:
    """Print the recorded help of ``argv`` as click would; its exit status, or None for click."""
    if not _may_be_recorded(argv):
        return None
    pages = recorded()
    if pages is None or tuple(argv) not in pages.runs or not _click_would_render_the_same(pages):
        return None
    import shutil  # what click asks for the width, asked the same way

    output = recorded_output(argv, shutil.get_terminal_size().columns)
    if output is None:
        return None
    stream_name, status, text = output
    stream = sys.stdout if stream_name == "stdout" else sys.stderr
    if stream is None:  # no standard stream (pythonw): click writes nothing either
        return status
    try:
        stream.write(text)  # as click.echo: the text (recorded with its newline), a flush
        stream.flush()
    except BrokenPipeError:  # `sigma-async --help | head -1`: as the click path does
        quiet_stdout()
        return EXIT_OK
    return status
