"""Timing, statistics, server processes and the result tables shared by every scenario."""

from __future__ import annotations

import asyncio
import gc
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Coroutine, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")
ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Stat:
    """Several rounds of one measurement: the median is reported, with min-max."""

    values: list[float] = field(default_factory=list)
    unit: str = ""
    digits: int = 0

    def add(self, value: float) -> None:
        """Record one round; NaN means "not measurable this time" and is left out."""
        if not math.isnan(value):
            self.values.append(value)

    @property
    def median(self) -> float:
        return statistics.median(self.values) if self.values else math.nan

    def text(self) -> str:
        if not self.values:
            return "n/a"
        if len(self.values) == 1:
            return f"{self.values[0]:,.{self.digits}f}"
        return (
            f"{self.median:,.{self.digits}f} "
            f"({min(self.values):,.{self.digits}f}-{max(self.values):,.{self.digits}f})"
        )


@dataclass
class Check:
    """A target of the issue (or a correctness check) and whether this run met it."""

    name: str
    passed: bool
    detail: str


@dataclass
class Row:
    """One variant of a scenario: a label and one cell per column."""

    label: str
    cells: dict[str, Stat | str] = field(default_factory=dict)

    def stat(self, column: str, unit: str = "", digits: int = 0) -> Stat:
        cell = self.cells.get(column)
        if not isinstance(cell, Stat):
            cell = self.cells[column] = Stat(unit=unit, digits=digits)
        return cell


@dataclass
class ScenarioResult:
    """A scenario's table, the targets it checked and notes for the reader."""

    key: str
    title: str
    columns: list[str]
    rows: list[Row] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def row(self, label: str) -> Row:
        for row in self.rows:
            if row.label == label:
                return row
        new = Row(label)
        self.rows.append(new)
        return new

    def median(self, label: str, column: str) -> float:
        cell = self.row(label).cells[column]
        assert isinstance(cell, Stat)
        return cell.median

    def markdown(self) -> str:
        lines = [f"### {self.title}", ""]
        if self.rows:
            lines.append("| variant | " + " | ".join(self.columns) + " |")
            lines.append("| --- | " + " | ".join("---:" for _ in self.columns) + " |")
        for row in self.rows:
            cells = []
            for column in self.columns:
                cell = row.cells.get(column, "")
                cells.append(cell.text() if isinstance(cell, Stat) else cell)
            lines.append(f"| {row.label} | " + " | ".join(cells) + " |")
        if self.checks:
            lines.append("")
            for check in self.checks:
                mark = "met" if check.passed else "**MISSED**"
                lines.append(f"- {check.name}: {mark} ({check.detail})")
        for note in self.notes:
            lines.append("")
            lines.append(note)
        lines.append("")
        return "\n".join(lines)


@dataclass
class Timing:
    """Wall-clock and process CPU seconds of one measured block, and how busy the machine was.

    ``machine_busy`` is the share of all cores' time not idle during the block (every process,
    ours and anyone else's: 1.0 means no core was ever idle); NaN where /proc/stat is missing.
    """

    wall: float = 0.0
    cpu: float = 0.0
    machine_busy: float = float("nan")


def _cpu_ticks() -> tuple[int, int] | None:
    """(busy, total) jiffies of all cores since boot, from /proc/stat."""
    try:
        with open("/proc/stat", encoding="ascii") as stat:
            fields = [int(v) for v in stat.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    return sum(fields) - idle, sum(fields)


@contextmanager
def timed(*, gc_off: bool = False) -> Iterator[Timing]:
    """Measure the block's wall time (perf_counter) and this process's CPU (process_time).

    A full collection runs first, so garbage left by the previous variant is not charged to
    this one; ``gc_off`` also keeps the cyclic collector off inside, as ``timeit`` does.
    """
    gc.collect()
    if gc_off:
        gc.disable()
    timing = Timing()
    ticks = _cpu_ticks()
    wall, cpu = time.perf_counter(), time.process_time()
    try:
        yield timing
    finally:
        timing.wall = time.perf_counter() - wall
        timing.cpu = time.process_time() - cpu
        after = _cpu_ticks()
        if ticks is not None and after is not None and after[1] > ticks[1]:
            timing.machine_busy = (after[0] - ticks[0]) / (after[1] - ticks[1])
        if gc_off:
            gc.enable()


async def timed_async(fn: Callable[[], Awaitable[T]]) -> tuple[T, Timing]:
    """Await ``fn()`` inside :func:`timed`."""
    with timed() as timing:
        result = await fn()
    return result, timing


@dataclass
class Paired:
    """One measurement of several variants, taken block by block: each block runs each once.

    Variants measured in rounds far apart meet different machines: on a shared host a slow
    stretch (another tenant, steal time) lands on one variant's round and moves its median by
    more than the difference sought. Within one short block every variant meets the same
    stretch, so a ratio taken inside each block, then the median of those ratios, is steadier.
    """

    blocks: list[dict[str, float]] = field(default_factory=list)

    def add(self, block: dict[str, float]) -> None:
        """Record one block: a value for each variant (lower is better: time per item)."""
        self.blocks.append(block)

    def ratios(self, label: str, base: str) -> list[float]:
        """``base``'s value over ``label``'s in each block holding both (above 1: ``label`` is
        faster); a block where either is zero or missing is left out."""
        return [
            block[base] / block[label]
            for block in self.blocks
            if block.get(label, 0) > 0 and block.get(base, 0) > 0
        ]

    def ratio(self, label: str, base: str) -> float:
        """The median of :meth:`ratios`; NaN if no block holds both."""
        ratios = self.ratios(label, base)
        return statistics.median(ratios) if ratios else math.nan

    def quartiles(self, label: str, base: str) -> tuple[float, float] | None:
        """The first and third quartiles of :meth:`ratios`; None below four blocks."""
        return _quartiles(self.ratios(label, base))

    def text(self, label: str, base: str) -> str:
        """``1.02x (quartiles 0.98-1.05, 30 blocks)``: the median ratio and its spread."""
        ratios = self.ratios(label, base)
        if not ratios:
            return "n/a"
        count = "1 block" if len(ratios) == 1 else f"{len(ratios)} blocks"
        quartiles = _quartiles(ratios)
        if quartiles is None:
            return f"{statistics.median(ratios):.2f}x ({count})"
        low, high = quartiles
        return f"{statistics.median(ratios):.2f}x (quartiles {low:.2f}-{high:.2f}, {count})"


def _quartiles(values: list[float]) -> tuple[float, float] | None:
    if len(values) < 4:
        return None
    low, _, high = statistics.quantiles(values, n=4)
    return low, high


def rotate(items: list[T], by: int) -> list[T]:
    """The round's order: each round starts with the next variant, so none always goes first."""
    by %= max(len(items), 1)
    return items[by:] + items[:by]


class ServerProcess:
    """A benchmark server (``benchmarks._server`` unless ``module``) in a child process.

    The child prints ``READY <port>`` when it listens and stops when its stdin closes.
    """

    def __init__(self, *args: str, module: str = "benchmarks._server") -> None:
        self.args = args
        self.module = module
        self.process: subprocess.Popen[str] | None = None
        self.port = 0

    def __enter__(self) -> ServerProcess:
        self.process = subprocess.Popen(
            [sys.executable, "-m", self.module, *self.args],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line.startswith("READY "):
            self.process.kill()
            raise RuntimeError(f"benchmark server did not start: {line!r}")
        self.port = int(line.split()[1])
        return self

    def command(self, **command: Any) -> Any:
        """Send one JSON command line and read the JSON reply (the emulator host's protocol)."""
        assert self.process is not None
        assert self.process.stdin is not None
        assert self.process.stdout is not None
        self.process.stdin.write(json.dumps(command) + "\n")
        self.process.stdin.flush()
        return json.loads(self.process.stdout.readline())

    def __exit__(self, *exc: object) -> None:
        if self.process is None:
            return
        assert self.process.stdin is not None
        self.process.stdin.close()  # asks the child to stop
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def cpu_seconds(self) -> float:
        """The server process's user+system CPU so far (Linux /proc; 0.0 elsewhere)."""
        assert self.process is not None
        try:
            fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return 0.0
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def answer_commands(port: int, handle: Callable[[dict[str, Any]], dict[str, Any]]) -> None:
    """The child's side of ``ServerProcess.command``: announce ``port``, answer until stdin closes.

    Each stdin line is one JSON command; ``handle``'s reply goes back as one JSON stdout line.
    """
    print(f"READY {port}", flush=True)
    while True:
        line = await asyncio.to_thread(sys.stdin.readline)
        if not line:
            return
        sys.stdout.write(json.dumps(handle(json.loads(line))) + "\n")
        sys.stdout.flush()


def serve_and_measure(
    server: ServerProcess,
    measure: Callable[..., Coroutine[Any, Any, ScenarioResult]],
    **arguments: Any,
) -> ScenarioResult:
    """Start ``server``, run ``measure(server, **arguments)`` in a new event loop, stop it."""
    with server:
        return asyncio.run(measure(server, **arguments))


def versions() -> dict[str, str]:
    """Installed versions of the libraries the benchmarks compare."""
    names = [
        "sigma-async",
        "aiohttp",
        "httpx",
        "attrs",
        "cattrs",
        "pydantic",
        "pydantic-core",
        "openapi-python-client",
        "datamodel-code-generator",
        "orjson",
        "pyinstrument",
    ]
    found = {}
    for name in names:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "not installed"
    return found


def machine() -> dict[str, str]:
    """What the numbers were measured on."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        load = "n/a"
    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "os": f"{platform.system()} {platform.release()}",
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "load average at start": load,
    }
