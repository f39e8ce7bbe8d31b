"""The fault soak: mixed operations from one client against an emulator injecting faults.

:func:`run_soak` drives ``ops`` operations (create, get, start, stop, paginated list, delete)
through one :class:`SigmaClient`, ``concurrency`` at a time, while the emulator injects faults
into about ``fault_rate`` of all requests. Every operation must end in a value or a typed
:class:`SigmaError`. The soak then reconciles what the SDK reported with the emulator's final
state and its side-effect counters, and returns a :class:`SoakReport` whose ``problems`` list
every disagreement (empty when nothing was lost and nothing ran twice).

How reconciliation stays exact under concurrency: operations on one channel never overlap
(a channel is checked out while an operation uses it), so each channel has a sequential
history. For each channel the soak tracks the set of states the SDK's answers allow: a success
pins the state, a typed failure of an idempotent call leaves "applied or not" open, a 404 pins
"gone". The emulator's final state must be one of the allowed ones.

One thing no client can prevent: an attempt that timed out may still run on the server later
(the server does not cancel a handler when the client gives up). A channel whose operation took
longer than the timeout is therefore rested until such a late attempt has surely landed before
the soak touches it again, and the soak waits the same before reading the final state.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sigma_async import (
    Channel,
    ChannelCreate,
    NotFoundError,
    SigmaClient,
    SigmaError,
)
from sigma_async.testing import SigmaEmulator

from .conftest import acquired_connections

__all__ = ["SoakConfig", "SoakReport", "run_soak"]

# Operation mix (weights); an operation needing a channel when none is free becomes a create.
# Creates and deletes balance, so the channel count (and the cost of a list) stays bounded.
MIX: dict[str, float] = {
    "create": 0.20,
    "get": 0.20,
    "start": 0.15,
    "stop": 0.15,
    "list": 0.10,
    "delete": 0.20,
}
IDEMPOTENT = frozenset({"get", "start", "stop", "list", "delete"})
_STOP = {"active": "stop", "idle": "idle", "stop": "stop"}  # what a stop does to each status


@dataclass(frozen=True)
class SoakConfig:
    """The knobs of one soak run."""

    ops: int = 2000
    concurrency: int = 64
    fault_rate: float = 0.15
    seed: int = 20240722
    timeout: float = 1.0
    """The client's per-attempt timeout (seconds): well above a loaded loop's lag."""
    spike: float = 1.5
    """A latency spike: longer than ``timeout``, so the attempt times out."""
    max_retries: int = 6
    groups: int = 8
    """Channels are tagged into this many groups; a list op pages through one group."""
    budget: float | None = None
    """Wall-clock bound of the whole run (default: generous for ``ops``); past it, it fails."""

    def fault_rules(self) -> list[tuple[str, dict[str, Any]]]:
        """The faults injected, each at the same rate, together about ``fault_rate``."""
        rules: list[tuple[str, dict[str, Any]]] = [
            ("429 with Retry-After", {"kind": "status", "status": 429, "retry_after": 1}),
            ("429 without Retry-After", {"kind": "status", "status": 429}),
            ("500", {"kind": "status", "status": 500}),
            ("502", {"kind": "status", "status": 502}),
            ("503", {"kind": "status", "status": 503}),
            ("dropped before handling", {"kind": "drop_before"}),
            ("dropped after handling", {"kind": "drop_after"}),
            ("truncated body", {"kind": "truncate"}),
            ("latency spike past the timeout", {"kind": "latency", "delay": self.spike}),
        ]
        # Rules are drawn independently: n rules at rate r fault 1 - (1 - r)^n of requests.
        rate = 1 - (1 - self.fault_rate) ** (1 / len(rules))
        return [(label, {**rule, "rate": rate}) for label, rule in rules]


@dataclass
class OpRecord:
    """What one operation did and how it ended (``outcome`` is "ok" or the error's class)."""

    index: int
    kind: str
    target: str
    outcome: str = "pending"
    error: BaseException | None = None


@dataclass
class _Track:
    """What the SDK's answers allow about one channel it created."""

    id: str
    name: str
    exists: set[bool]
    status: set[str]
    history: list[str] = field(default_factory=list)
    busy: bool = False
    ready_at: float = 0.0


@dataclass
class SoakReport:
    """Everything a soak run observed; ``problems`` is empty when the run was clean."""

    config: SoakConfig
    records: list[OpRecord]
    unexpected: list[OpRecord]
    faults: dict[str, int]
    faults_by_operation: dict[str, int]
    connections_in_use: int
    """Connections still checked out of the client's pool once every operation ended."""
    requests: int
    created_names: Counter[str]
    problems: list[str]
    channels_final: int
    ambiguous_creates_ran: int
    ambiguous_creates_absent: int
    deletes_found_gone: int
    elapsed: float

    @property
    def outcomes(self) -> Counter[tuple[str, str]]:
        """Operations by (kind, outcome)."""
        return Counter((record.kind, record.outcome) for record in self.records)

    @property
    def failed_idempotent(self) -> list[OpRecord]:
        """Idempotent operations that ended in an error other than 404 despite the retries."""
        return [
            record
            for record in self.records
            if record.kind in IDEMPOTENT and record.outcome not in ("ok", "NotFoundError")
        ]

    def summary(self) -> str:
        """A human-readable account of the run."""
        kinds = Counter(record.kind for record in self.records)
        lines = [
            f"soak: {len(self.records)} operations, concurrency {self.config.concurrency}, "
            f"seed {self.config.seed}, {self.elapsed:.1f} s, {self.requests} requests received",
            "operations: " + ", ".join(f"{kind} {count}" for kind, count in sorted(kinds.items())),
            f"faults injected ({sum(self.faults.values())}, "
            f"{sum(self.faults.values()) / max(self.requests, 1):.1%} of requests): "
            + ", ".join(f"{label} {count}" for label, count in self.faults.items()),
            "faults by operation: "
            + ", ".join(f"{op} {n}" for op, n in sorted(self.faults_by_operation.items())),
            "outcomes: "
            + ", ".join(
                f"{kind}/{outcome} {count}"
                for (kind, outcome), count in sorted(self.outcomes.items())
            ),
            f"creates that raised: {self.ambiguous_creates_ran} ran once on the server, "
            f"{self.ambiguous_creates_absent} never ran; names created twice: "
            f"{sum(1 for count in self.created_names.values() if count > 1)}",
            f"delete retries that found the channel gone (an attempt whose answer was lost "
            f"had deleted it; reported as success): {self.deletes_found_gone}",
            f"idempotent operations failed after retries: {len(self.failed_idempotent)}; "
            f"unexpected exception types: {len(self.unexpected)}; "
            f"final channels: {self.channels_final}; problems: {len(self.problems)}",
        ]
        lines += [f"  problem: {problem}" for problem in self.problems[:20]]
        return "\n".join(lines)


class _Soak:
    def __init__(self, config: SoakConfig, emulator: SigmaEmulator, client: SigmaClient) -> None:
        self.config = config
        self.emulator = emulator
        self.client = client
        self.loop = asyncio.get_running_loop()
        self.next_index = 0
        self.records: list[OpRecord] = []
        self.tracks: dict[str, _Track] = {}
        self.free: list[_Track] = []  # channels that may exist and no operation is using
        self.failed_creates: dict[str, OpRecord] = {}
        self.created_ids: set[str] = set()
        self.problems: list[str] = []
        self.kinds = list(MIX)
        self.weights = [MIX[kind] for kind in self.kinds]

    # Channel checkout --------------------------------------------------------------------------

    def checkout(self, rng: random.Random) -> _Track | None:
        now = self.loop.time()
        for _ in range(8):
            if not self.free:
                return None
            position = rng.randrange(len(self.free))
            track = self.free[position]
            if track.ready_at > now:
                continue  # resting after a timeout: a late attempt may still land
            self.free[position] = self.free[-1]
            self.free.pop()
            track.busy = True
            return track
        return None

    def release(self, track: _Track, started: float) -> None:
        track.busy = False
        now = self.loop.time()
        if now - started >= self.config.timeout:
            track.ready_at = now + self.config.spike + 0.5
        if True in track.exists:
            self.free.append(track)

    # Operations --------------------------------------------------------------------------------

    async def worker(self) -> None:
        while self.next_index < self.config.ops:
            index = self.next_index
            self.next_index += 1
            rng = random.Random(f"{self.config.seed}:{index}")
            kind = rng.choices(self.kinds, self.weights)[0]
            track = None
            if kind not in ("create", "list"):
                track = self.checkout(rng)
                if track is None:
                    kind = "create"
            record = OpRecord(index, kind, track.id if track else "")
            self.records.append(record)
            started = self.loop.time()
            try:
                await self.run(record, track, rng)
            except SigmaError as error:
                record.outcome, record.error = type(error).__name__, error
                self.failed(record, track, error)
            except Exception as error:  # the soak's point: this must never happen
                record.outcome, record.error = f"UNEXPECTED {type(error).__name__}", error
            else:
                record.outcome = "ok"
            finally:
                if track is not None:
                    track.history.append(f"{kind}:{record.outcome}")
                    self.release(track, started)

    async def run(self, record: OpRecord, track: _Track | None, rng: random.Random) -> None:
        client = self.client
        if record.kind == "create":
            name = f"soak-{self.config.seed}-{record.index:06d}"
            record.target = name
            channel = await client.channels.create(
                ChannelCreate(name=name, tags=[self.group(record.index)])
            )
            self.check(channel.name == name, f"create {name} answered {channel.name}")
            self.check(channel.id not in self.created_ids, f"create {name}: id reused")
            self.created_ids.add(channel.id)
            created = _Track(channel.id, name, {True}, {str(channel.status)}, ["create:ok"])
            self.tracks[channel.id] = created
            self.free.append(created)
        elif record.kind == "list":
            group = self.group(rng.randrange(self.config.groups))
            record.target = group
            paginator = client.channels.list(
                tags=[group], per_page=rng.choice([5, 10, 25]), prefetch=rng.choice([1, 3])
            )
            items = await paginator.to_list()
            ids = [item.id for item in items]
            self.check(len(ids) == len(set(ids)), f"list {group}: an id twice")
            for item in items:
                self.check_listed(item, group)
        else:
            assert track is not None
            await self.run_on_channel(record.kind, track)

    async def run_on_channel(self, kind: str, track: _Track) -> None:
        channels = self.client.channels
        if kind == "get":
            channel = await channels.get(track.id)
            self.check(channel.id == track.id, f"get {track.id} answered {channel.id}")
            track.exists, track.status = {True}, {str(channel.status)}
        elif kind == "start":
            await channels.start(track.id)
            track.exists, track.status = {True}, {"active"}
        elif kind == "stop":
            await channels.stop(track.id)
            track.exists, track.status = {True}, {_STOP[status] for status in track.status}
        elif kind == "delete":
            await channels.delete(track.id)
            track.exists = {False}

    def failed(self, record: OpRecord, track: _Track | None, error: SigmaError) -> None:
        if record.kind == "create":
            self.failed_creates[record.target] = record
            return
        if track is None:
            return  # a list: no side effect
        if isinstance(error, NotFoundError):
            track.exists = {False}
        elif record.kind == "start":
            track.status |= {"active"}  # may or may not have run
        elif record.kind == "stop":
            track.status |= {_STOP[status] for status in track.status}
        elif record.kind == "delete":
            track.exists |= {False}

    def group(self, number: int) -> str:
        return f"g{number % self.config.groups}"

    def check(self, condition: bool, problem: str) -> None:
        if not condition:
            self.problems.append(problem)

    def check_listed(self, item: Channel, group: str) -> None:
        self.check(isinstance(item, Channel), f"list {group}: {item!r} is not a Channel")
        self.check(group in (item.tags or []), f"list {group}: {item.id} lacks the tag")
        known = item.id in self.tracks or item.name in self.failed_creates
        # A create in flight may show up before its answer: its name is one the soak made.
        self.check(
            known or item.name.startswith(f"soak-{self.config.seed}-"),
            f"list {group}: unknown channel {item.id} {item.name!r}",
        )

    # Reconciliation ----------------------------------------------------------------------------

    async def reconcile(self) -> dict[str, dict[str, Any]]:
        # Late attempts of timed-out requests may still be sleeping in the emulator.
        await asyncio.sleep(self.config.spike + 0.5)
        self.emulator.faults.clear()
        final = {record["id"]: record for record in self.emulator.channels()}
        names = Counter(record["name"] for record in final.values())
        for track in self.tracks.values():
            present = track.id in final
            if present not in track.exists:
                self.problems.append(
                    f"{track.name} ({track.id}): {'present' if present else 'absent'} on the "
                    f"server, the SDK's answers allow {sorted(track.exists)}: {track.history}"
                )
            elif present and final[track.id]["status"] not in track.status:
                self.problems.append(
                    f"{track.name} ({track.id}): status {final[track.id]['status']!r} on the "
                    f"server, the SDK's answers allow {sorted(track.status)}: {track.history}"
                )
        for name, count in self.emulator.stats.created_names.items():
            if count > 1:
                self.problems.append(f"{name}: created {count} times")
        for name, count in names.items():
            if count > 1:
                self.problems.append(f"{name}: {count} channels with this name")
        for record in final.values():
            if record["id"] not in self.tracks and record["name"] not in self.failed_creates:
                self.problems.append(f"{record['name']} ({record['id']}): no create made it")
        # The SDK's own final view is the server's state, channel for channel.
        listed = await self.client.channels.list(per_page=100, prefetch=4).to_list()
        seen = {channel.id: str(channel.status) for channel in listed}
        expected = {channel_id: record["status"] for channel_id, record in final.items()}
        if seen != expected:
            self.problems.append(f"final listing differs: {len(seen)} vs {len(expected)} channels")
        return final


async def run_soak(
    config: SoakConfig,
    *,
    client_options: dict[str, Any] | None = None,
    on_client: Callable[[SigmaClient], None] | None = None,
) -> SoakReport:
    """Run one soak on a fresh emulator and client; return what happened."""
    started = time.perf_counter()
    budget = config.budget or max(45.0, config.ops * 0.02)
    async with SigmaEmulator(seed=config.seed) as emulator:
        rules = [(label, emulator.faults.add(**rule)) for label, rule in config.fault_rules()]
        options = {
            "timeout": config.timeout,
            "max_retries": config.max_retries,
            "retry_base_delay": 0.001,
            "retry_max_delay": 0.01,
            "max_retry_after": 0.02,
            **(client_options or {}),
        }
        async with emulator.client(**options) as client:
            if on_client is not None:
                on_client(client)
            soak = _Soak(config, emulator, client)
            workers = [soak.worker() for _ in range(config.concurrency)]
            try:
                await asyncio.wait_for(asyncio.gather(*workers), budget)
            except asyncio.TimeoutError:
                soak.problems.append(f"the soak hung: not done within {budget:g} s")
            pending = [record for record in soak.records if record.outcome == "pending"]
            soak.problems += [f"operation {r.index} ({r.kind}) never ended" for r in pending]
            faults = {label: rule.fired for label, rule in rules}
            by_operation: Counter[str] = Counter()
            for (_, operation), count in emulator.stats.faults.items():
                by_operation[operation] += count
            requests = sum(emulator.stats.received.values())
            final = await soak.reconcile()
            in_use = acquired_connections(client)
        created = sum(1 for record in final.values() if record["name"] in soak.failed_creates)
        report = SoakReport(
            config=config,
            records=soak.records,
            unexpected=[r for r in soak.records if r.outcome.startswith("UNEXPECTED")],
            faults=faults,
            faults_by_operation=dict(by_operation),
            connections_in_use=in_use,
            requests=requests,
            created_names=Counter(emulator.stats.created_names),
            problems=soak.problems,
            channels_final=len(final),
            ambiguous_creates_ran=created,
            ambiguous_creates_absent=len(soak.failed_creates) - created,
            deletes_found_gone=emulator.stats.responses["deleteChannel", 404],
            elapsed=time.perf_counter() - started,
        )
        if emulator.errors:
            report.problems.append(f"the emulator failed internally: {emulator.errors!r}")
    return report
