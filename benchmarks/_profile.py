"""Where the time goes: a cProfile run of one variant, summarised by own time, grouped.

Each scenario that profiles runs its variants once more under ``cProfile`` (after the timed
rounds: the profiler slows everything ~2x, so its figures are shares, not speeds) and writes the
summary into RESULTS.md: the share of own time per group (JSON, structure, SDK plumbing, the HTTP
library (aiohttp; httpx/httpcore for the httpx-based peers), event loop, other) and the entries
with the most own time, per call of the variant. The profiler's clock is the process's CPU time,
so time the process spends descheduled (the server shares the two cores) is not charged.
"""

from __future__ import annotations

import cProfile
import pstats
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from typing import Any

GROUPS = ("JSON", "structure", "SDK plumbing", "emulator", "HTTP library", "event loop", "other")

GroupTable = tuple[tuple[str, tuple[str, ...]], ...]

# (group, substrings of a Python function's file path). First match wins, so the more
# specific come first: sigma-async's JSON and structure modules before the rest of the SDK.
_FILE_GROUPS: GroupTable = (
    ("JSON", ("/json/", "sigma_async/_json.py")),
    (
        "structure",
        (
            "sigma_async/_structure.py",
            "sigma_async/_convert.py",
            # What the structure functions call: field decoders, validators, drift telemetry.
            "sigma_async/_decode_support.py",
            "sigma_async/_model_support.py",
            "sigma_async/_drift.py",
            "sigma_async/models.py",
            "/cattrs/",
            "/cattr/",
            "/attr/",
            "/attrs/",
            "<attrs generated",
            "/pydantic/",
            "bench_pydantic_sigma",
        ),
    ),
    ("emulator", ("sigma_async/testing/", "benchmarks/_emulator_host.py")),
    ("SDK plumbing", ("sigma_async/", "bench_opc_sigma")),
    (
        "HTTP library",
        (
            "/aiohttp/",
            "/yarl/",
            "/multidict/",
            "/propcache/",
            "/aiohappyeyeballs/",
            "/httpx/",
            "/httpcore/",
            "/h11/",
        ),
    ),
    (
        "event loop",
        ("/asyncio/", "selectors.py", "socket.py", "contextvars", "/uvloop/", "/anyio/", "/ssl"),
    ),
)
# Built-in (C) functions have no file: their name says the module or type.
# pydantic-core parses and validates in one Rust call: it counts as structure.
_BUILTIN_GROUPS: GroupTable = (
    ("structure", ("pydantic_core", "cattrs", "attr")),
    ("JSON", ("_json", "orjson", "json.")),
    ("HTTP library", ("aiohttp", "multidict", "yarl", "propcache", "h11")),
    ("event loop", ("select", "epoll", "socket", "_asyncio", "_contextvars", "Context", "deque")),
)


def group_of(filename: str, function: str) -> str:
    """The group a profiled function's own time counts in."""
    if filename == "~":
        table, text = _BUILTIN_GROUPS, function
    else:
        table, text = _FILE_GROUPS, filename.replace("\\", "/")
    for group, needles in table:
        if any(needle in text for needle in needles):
            return group
    return "other"


def _label(filename: str, line: int, function: str) -> str:
    """A short name for a profile entry: ``module.py:line(function)`` or the built-in's name."""
    if filename == "~":
        return function.replace("|", "/")
    parts = filename.replace("\\", "/").split("/")
    short = "/".join(parts[-2:]) if parts[-1] == "__init__.py" else parts[-1]
    return f"{short}:{line}({function})"


@dataclass
class Profile:
    """One variant's profile: own seconds per group and the top entries, per call of it."""

    label: str
    calls: int
    groups: dict[str, float] = field(default_factory=dict)
    top: list[tuple[str, str, float]] = field(default_factory=list)  # (entry, group, seconds)
    plumbing: list[tuple[str, float]] = field(default_factory=list)
    """The SDK plumbing group's own entries with the most own time: (entry, seconds)."""

    @property
    def total(self) -> float:
        return sum(self.groups.values())

    def to_json(self) -> dict[str, object]:
        """The summary as JSON-ready data (the emulator host sends it over its pipe)."""
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Profile:
        """The summary :meth:`to_json` wrote."""
        top = [(str(name), str(group), float(own)) for name, group, own in data["top"]]
        plumbing = [(str(name), float(own)) for name, own in data.get("plumbing", ())]
        return cls(data["label"], data["calls"], dict(data["groups"]), top, plumbing)

    def share(self, group: str) -> str:
        return f"{self.groups.get(group, 0.0) / self.total:.0%}" if self.total else "n/a"


@contextmanager
def profiled(label: str, calls: int) -> Iterator[list[Profile]]:
    """Profile the block; the list it yields holds the summary once the block ends.

    ``calls`` is how many requests (or records) the block handles: entries are reported per call.
    """
    out: list[Profile] = []
    profiler = start()
    try:
        yield out
    finally:
        out.append(stop(profiler, label, calls))


def start() -> cProfile.Profile:
    """A running profiler on this process's CPU clock (see :func:`stop`)."""
    profiler = cProfile.Profile(time.process_time)
    profiler.enable()
    return profiler


def stop(
    profiler: cProfile.Profile, label: str, calls: int, *, top: int = 6, plumbing: int = 8
) -> Profile:
    """Stop ``profiler`` and summarise what it saw, per call of ``calls``.

    Besides the ``top`` entries overall, the ``plumbing`` SDK plumbing entries with the most own
    time are kept: each is small next to JSON or structure, so the overall list never shows them.
    """
    profiler.disable()
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    profile = Profile(label, calls, dict.fromkeys(GROUPS, 0.0))
    entries = []
    plumbing_entries = []
    for (filename, line, function), (_, _, own, _, callers) in stats.items():
        name = _label(filename, line, function)
        shares = _shares(filename, function, own, callers)
        for group, seconds in shares.items():
            profile.groups[group] += seconds
        entries.append((own, name, max(shares, key=shares.__getitem__)))
        if shares.get("SDK plumbing"):
            plumbing_entries.append((shares["SDK plumbing"], name))
    entries.sort(reverse=True)
    profile.top = [(name, group, own) for own, name, group in entries[:top]]
    plumbing_entries.sort(reverse=True)
    profile.plumbing = [(name, own) for own, name in plumbing_entries[:plumbing]]
    return profile


def _shares(filename: str, function: str, own: float, callers: Any) -> dict[str, float]:
    """An entry's own seconds per group: its own group, or a generic built-in's callers'."""
    group = group_of(filename, function)
    if group != "other" or filename != "~" or not callers:
        return {group: own}
    # A generic built-in (len, dict.get, isinstance) works for its callers: its time is split
    # between their groups by the time each caller spent in it (cProfile records it per caller).
    shares: dict[str, float] = {}
    for (caller_file, _, caller_function), (_, _, seconds, _) in callers.items():
        caller_group = group_of(caller_file, caller_function)
        shares[caller_group] = shares.get(caller_group, 0.0) + seconds
    return shares if any(shares.values()) else {group: own}


def markdown(profiles: list[Profile], unit: str) -> str:
    """The summary table of several variants' profiles, and each one's top entries."""
    lines = [
        "Profile (cProfile on process CPU time, own time per entry; one more run of each variant "
        "after the timed rounds: the profiler's overhead inflates absolute figures, so read "
        f"shares; µs are CPU per {unit}, under the profiler; pydantic-core's one Rust call that "
        "parses and validates counts as structure, a generic built-in such as `dict.get` is split "
        "between its callers' groups by the time each spent in it; cProfile charges its own "
        "cost to every Python call, so call-heavy Python code looks bigger next to one C call "
        "than it is):",
        "",
        "| variant | µs per " + unit + " | " + " | ".join(GROUPS) + " |",
        "| --- | ---: | " + " | ".join("---:" for _ in GROUPS) + " |",
    ]
    for profile in profiles:
        per_call = profile.total / profile.calls * 1e6
        shares = " | ".join(profile.share(group) for group in GROUPS)
        lines.append(f"| {profile.label} | {per_call:.1f} | {shares} |")
    lines.append("")
    for profile in profiles:
        entries = "; ".join(
            f"`{name}` {own / profile.calls * 1e6:.2f} µs ({group})"
            for name, group, own in profile.top
        )
        lines.append(f"- {profile.label}, most own time: {entries}")
        if profile.plumbing:
            share = profile.groups.get("SDK plumbing", 0.0) / profile.calls * 1e6
            entries = "; ".join(
                f"`{name}` {own / profile.calls * 1e6:.2f} µs" for name, own in profile.plumbing
            )
            lines.append(
                f"- {profile.label}, SDK plumbing ({share:.1f} µs), most own time: {entries}"
            )
    return "\n".join(lines)


def run_profiled(label: str, calls: int, work: Callable[[], object]) -> Profile:
    """Profile one synchronous call of ``work``."""
    with profiled(label, calls) as out:
        work()
    return out[0]
