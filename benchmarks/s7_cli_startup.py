"""Scenario 7: how long ``sigma-async --help`` takes to start, and what it imports.

Each command runs in a fresh interpreter, ``rounds`` times, interleaved: ``sigma-async --help``
(as its console script does it: ``from sigma_async.cli import main``), an empty interpreter (the
floor), and ``import click`` alone (what every command that parses its arguments pays; ``--help``
replays the pages click rendered at codegen, ``sigma_async/cli/fast_help.py``, so it does not).
One more run with ``python -X importtime`` says where the time goes, and checks that ``--help``
imports none of what only commands need (click, aiohttp, rich, the models, the emulator).
"""

from __future__ import annotations

import subprocess
import sys
import time

from ._harness import ROOT, Check, ScenarioResult, rotate

HELP = "sigma-async --help"
BARE = "python -c pass (the interpreter alone)"
CLICK = "python -c 'import click' (what parsing a command costs; --help skips it)"
COMMANDS = {
    HELP: (
        "import sys; from sigma_async.cli import main; sys.argv[1:] = ['--help']; sys.exit(main())"
    ),
    BARE: "pass",
    CLICK: "import click",
}
TARGET_SECONDS = 0.15
# Modules --help must not import: they are for the commands that call the API or show tables.
NOT_FOR_HELP = ("click", "aiohttp", "yarl", "rich", "sigma_async.models", "sigma_async.testing")


def _run(code: str, *flags: str) -> tuple[float, str]:
    """Wall seconds of one fresh interpreter running ``code``, and its stderr."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, *flags, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{code!r} exited {done.returncode}: {done.stderr[-500:]}")
    return wall, done.stderr


def import_groups(stderr: str) -> tuple[dict[str, int], dict[str, int]]:
    """Read ``-X importtime``: own µs per group, and own µs of every sigma-async module.

    A module counts for the nearest package it was imported on behalf of (itself or an
    ancestor in the import tree): click with every stdlib module click pulled in first, then
    sigma-async likewise; the rest is the interpreter's own start-up (site, encodings).
    """
    groups = dict.fromkeys(GROUPS, 0)
    ours: dict[str, int] = {}
    # The lines come children first, indented two spaces a level: a line adopts the pending
    # deeper lines before it as its descendants.
    pending: list[tuple[int, str, int]] = []  # (depth, module, own µs), not yet placed
    for line in stderr.splitlines():
        if not line.startswith("import time:") or "imported package" in line:
            continue
        own_text, _, name = line[len("import time:") :].split("|")
        depth = (len(name) - len(name.lstrip()) - 1) // 2
        module = name.strip()
        if module == "sigma_async" or module.startswith("sigma_async."):
            ours[module] = int(own_text)
        subtree = [entry for entry in pending if entry[0] > depth]
        pending = [entry for entry in pending if entry[0] <= depth]
        pending.append((depth, module, int(own_text)))
        owner = _group_of(module)
        if owner is not None:
            for entry in subtree:
                groups[owner] += entry[2]
            groups[owner] += int(own_text)
            pending.pop()
        else:
            pending.extend(subtree)
    groups[GROUPS[-1]] += sum(entry[2] for entry in pending)
    return groups, ours


GROUPS = ("click", "sigma-async", "interpreter start-up")


def _group_of(module: str) -> str | None:
    for package, group in (("click", "click"), ("sigma_async", "sigma-async")):
        if module == package or module.startswith(package + "."):
            return group
    return None


def run(*, rounds: int = 10) -> ScenarioResult:
    """Start each command ``rounds`` times; then profile ``--help``'s imports once."""
    result = ScenarioResult(
        key="cli-startup",
        title=f"Scenario 7: `{HELP}` start-up, {rounds} fresh interpreters per command",
        columns=["wall ms", "minus the interpreter alone, ms"],
    )
    for round_no in range(rounds):
        for label in rotate(list(COMMANDS), round_no):
            result.row(label).stat("wall ms", digits=0).add(_run(COMMANDS[label])[0] * 1e3)
    bare = result.median(BARE, "wall ms")
    for row in result.rows:
        row.cells["minus the interpreter alone, ms"] = (
            f"{result.median(row.label, 'wall ms') - bare:.0f}"
        )
    _, stderr = _run(COMMANDS[HELP], "-X", "importtime")
    loaded = [name for name in NOT_FOR_HELP if f" {name}\n" in stderr]
    help_ms = result.median(HELP, "wall ms")
    click_ms = result.median(CLICK, "wall ms")
    groups, ours = import_groups(stderr)
    total = sum(groups.values())
    result.checks.append(
        Check(
            "every module only commands need stays unimported by --help",
            not loaded,
            f"imported: {', '.join(loaded)}" if loaded else f"none of {', '.join(NOT_FOR_HELP)}",
        )
    )
    result.checks.append(
        Check(
            f"target: `{HELP}` <= {TARGET_SECONDS:g} s",
            help_ms <= TARGET_SECONDS * 1e3,
            f"{help_ms / 1e3:.3f} s; `import click` alone {click_ms / 1e3:.3f} s, the interpreter "
            f"alone {bare / 1e3:.3f} s; of the imports' own time click is "
            f"{groups['click'] / max(total, 1):.0%}",
        )
    )
    heaviest = sorted(((own, name) for name, own in ours.items()), reverse=True)[:6]
    lines = [
        "Imports of one `--help` run (`python -X importtime`, own time summed by the package "
        "each module was imported on behalf of: click's row includes the stdlib modules click "
        "imported first):",
        "",
        "| group | own ms | share |",
        "| --- | ---: | ---: |",
    ]
    lines += [
        f"| {group} | {own / 1e3:.1f} | {own / max(total, 1):.0%} |"
        for group, own in groups.items()
    ]
    lines += [
        "",
        "sigma-async's own modules with the most own import time: "
        + ", ".join(f"`{name}` {own / 1e3:.1f} ms" for own, name in heaviest)
        + ". `--help` imports no click: it replays the page click rendered at codegen "
        "(`sigma_async/cli/fast_help.py`, checked against click by the tests and by "
        "`nox -s codegen-check`); what is left above the interpreter alone is sigma-async's part.",
    ]
    result.notes.append("\n".join(lines))
    return result
