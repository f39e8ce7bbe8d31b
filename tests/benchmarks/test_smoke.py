"""Each benchmark scenario once, at tiny sizes, so the suite cannot rot.

Only the shape of the results and the correctness checks are asserted, never speed. The peers
(httpx, openapi-python-client, datamodel-code-generator) come from the ``bench`` dependency
group; the parts that need them are skipped when it is not installed.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import math
from pathlib import Path
from typing import Any

import pytest

from benchmarks import run
from benchmarks._clients import FLOOR, HTTPX, OPC, PYDANTIC, RAW_AIOHTTP, RAW_MODELS, SIGMA
from benchmarks._harness import Paired, ScenarioResult, Stat
from benchmarks._profile import group_of

PEERS = ("httpx", "openapi_python_client", "datamodel_code_generator", "pydantic")
needs_peers = pytest.mark.skipif(
    any(importlib.util.find_spec(name) is None for name in PEERS),
    reason="the bench dependency group is not installed",
)

# Checks of correctness (as opposed to the speed targets) must pass even at tiny sizes.
CORRECTNESS = ("every",)


def run_one(name: str, **overrides: object) -> ScenarioResult:
    # Typed as what run.run's **overrides takes, so mypy does not match it to keep_going.
    by_scenario: dict[str, Any] = {name: overrides} if overrides else {}
    (result,) = run.run("smoke", [name], **by_scenario)
    return result


def assert_well_formed(result: ScenarioResult, labels: list[str]) -> None:
    assert {row.label for row in result.rows} >= set(labels)
    for row in result.rows:
        for column in result.columns:
            cell = row.cells.get(column)
            assert cell is not None, (row.label, column)
            if isinstance(cell, Stat):
                # A tiny run can be too short for /proc/stat's clock ticks: no machine figure.
                assert cell.values or column == "machine busy", (row.label, column)
                assert all(math.isfinite(v) and v >= 0 for v in cell.values), (row.label, column)
    for check in result.checks:
        if check.name.startswith(CORRECTNESS) or "every outcome" in check.name:
            assert check.passed, f"{check.name}: {check.detail}"
    text = result.markdown()
    assert text.startswith(f"### {result.title}")
    assert all(label in text for label in labels)


def assert_profiled(result: ScenarioResult, labels: list[str]) -> None:
    """Each variant's profile summary is in the scenario's text, with its groups filled."""
    text = result.markdown()
    assert "Profile (cProfile" in text
    for label in labels:
        assert f"| {label} | " in text.split("Profile (cProfile", 1)[1], label
        assert f"- {label}, most own time: `" in text, label


def test_profile_groups() -> None:
    assert group_of("/x/site-packages/aiohttp/client.py", "_request") == "HTTP library"
    assert group_of("/x/sigma_async/_structure.py", "structure_channel") == "structure"
    assert group_of("/x/sigma_async/_http/engine.py", "send") == "SDK plumbing"
    assert group_of("/usr/lib/python3.11/json/decoder.py", "raw_decode") == "JSON"
    assert group_of("~", "<method 'send' of '_socket.socket' objects>") == "event loop"
    assert group_of("~", "<built-in method orjson.loads>") == "JSON"


def test_overhead_sigma_and_raw() -> None:
    result = run_one("overhead", names=[SIGMA, RAW_AIOHTTP, RAW_MODELS, FLOOR])
    assert_well_formed(result, [SIGMA, RAW_AIOHTTP, RAW_MODELS, FLOOR])
    assert any(check.name.startswith("target: sigma-async >= 0.95x") for check in result.checks)
    paired = [check.name for check in result.checks if check.name.startswith("target, by paired")]
    assert len(paired) == 2  # raw aiohttp and the models reference: the peers of this run
    for row in result.rows:  # each client ran in each of the smoke size's 2 blocks
        assert str(row.cells["paired: vs raw aiohttp"]).endswith("(2 blocks)"), row.label
        assert str(row.cells["paired: CPU vs raw aiohttp"]).endswith("(2 blocks)"), row.label
    assert_profiled(result, [SIGMA, RAW_AIOHTTP, RAW_MODELS, FLOOR])


@needs_peers
def test_overhead_peers() -> None:
    result = run_one("overhead", names=[SIGMA, RAW_AIOHTTP, PYDANTIC, OPC, HTTPX])
    assert_well_formed(result, [SIGMA, RAW_AIOHTTP, PYDANTIC, OPC, HTTPX])
    assert sum(check.name.startswith("target: sigma-async >= 1.5x") for check in result.checks) == 2
    assert any(check.name.startswith("target: sigma-async >= 1.05x") for check in result.checks)
    # The pydantic row is paired; the httpx-based peers, ~20x slower, are not.
    assert any(
        check.name == "target, by paired blocks: sigma-async >= 1.05x hand-written aiohttp + "
        "pydantic v2 model_validate_json"
        for check in result.checks
    )
    for label in (OPC, HTTPX):
        assert result.row(label).cells["paired: vs raw aiohttp"] == "n/a"


@needs_peers
def test_decoding() -> None:
    result = run_one("decoding")
    assert_well_formed(result, [row.label for row in result.rows])
    assert len(result.rows) >= 6
    assert result.checks[0].passed, result.checks[0].detail  # every decoder decodes alike
    (drift,) = (check for check in result.checks if "drift" in check.name)
    assert "the median over 4 pairs of blocks of 20 records" in drift.detail
    assert_profiled(
        result, [row.label for row in result.rows if ":" in row.label and "MiB" not in row.label]
    )


def test_pagination() -> None:
    result = run_one("pagination")
    labels = ["sigma-async prefetch=1", "sigma-async prefetch=4", "sigma-async prefetch=8"]
    assert_well_formed(result, [*labels, "naive raw aiohttp loop (dicts)"])
    assert "items/s @ 20 ms" in result.columns


def test_bulk() -> None:
    result = run_one("bulk")
    assert_well_formed(result, [row.label for row in result.rows])
    assert len(result.rows) == 4  # two fault rates x two concurrencies
    assert_profiled(result, ["client (bulk_start, concurrency 2)", "emulator (its process)"])
    for row in result.rows:
        succeeded, failed = row.cells["succeeded"], row.cells["failed"]
        assert isinstance(succeeded, Stat)
        assert isinstance(failed, Stat)
        assert succeeded.values[0] + failed.values[0] == 20


def test_emulator_lists() -> None:
    result = run_one("emulator-lists")
    assert_well_formed(result, [row.label for row in result.rows])
    assert len(result.rows) == 4
    assert result.checks[0].passed, result.checks[0].detail


def test_ratelimit() -> None:
    result = run_one("ratelimit")
    assert_well_formed(result, [row.label for row in result.rows])
    assert len(result.rows) == 3  # gate off, gate on, auto
    for row in result.rows:
        succeeded, failed = row.cells["succeeded"], row.cells["failed"]
        assert isinstance(succeeded, Stat)
        assert isinstance(failed, Stat)
        assert succeeded.values[0] + failed.values[0] == 20


def test_results_file(tmp_path: Path) -> None:
    result = run_one("pagination", rounds={0: 1}, memory_pages=(1,))
    text = run.render(
        [result], size="smoke", started=dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    )
    assert "## Environment" in text
    assert "| python |" in text
    assert "| aiohttp |" in text
    assert result.title in text
    out = tmp_path / "RESULTS.md"
    out.write_text(text, encoding="utf-8")
    assert out.read_text(encoding="utf-8").endswith("\n")


def test_cli_startup() -> None:
    result = run_one("cli-startup")
    assert_well_formed(result, [row.label for row in result.rows])
    assert len(result.rows) == 3  # --help, the interpreter alone, import click alone
    assert any(check.name.startswith("target: `sigma-async --help`") for check in result.checks)
    assert "| click |" in result.markdown()


def test_import_groups_follow_the_import_tree() -> None:
    from benchmarks.s7_cli_startup import import_groups

    stderr = "\n".join(
        [
            "import time: self [us] | cumulative | imported package",
            "import time:        10 |         10 |     typing",
            "import time:       100 |        110 |   click",
            "import time:         5 |          5 |   re",
            "import time:        20 |        135 | sigma_async.cli.app",
            "import time:         7 |          7 | site",
        ]
    )
    groups, ours = import_groups(stderr)
    assert groups == {"click": 110, "sigma-async": 25, "interpreter start-up": 7}
    assert ours == {"sigma_async.cli.app": 20}


def _fixed_blocks(figures: dict[str, float], count: int = 4) -> tuple[Paired, Paired]:
    """Paired blocks in which each client took ``figures[name]`` per request, wall and CPU."""
    wall, cpu = Paired(), Paired()
    for _ in range(count):
        wall.add(dict(figures))
        cpu.add(dict(figures))
    return wall, cpu


def test_overhead_reads_the_paired_blocks_the_right_way_round(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The rounds run for real; the blocks are given: sigma-async at half raw aiohttp's
    # throughput and twice its CPU, the floor level with raw aiohttp.
    from benchmarks import s1_overhead
    from benchmarks._inline import INLINE

    figures = {SIGMA: 2.0, RAW_AIOHTTP: 1.0, FLOOR: 1.0, INLINE: 1.5}

    async def given(
        base_url: str, names: list[str], blocks: int, requests: int, concurrency: int
    ) -> s1_overhead.Blocks:
        assert set(names) == set(figures)  # the aiohttp-based clients and the inline row
        wall, cpu = _fixed_blocks(figures)
        return s1_overhead.Blocks(wall, cpu, sent=0, wrong=0)

    monkeypatch.setattr(s1_overhead, "paired", given)
    result = run_one("overhead", names=[SIGMA, RAW_AIOHTTP, FLOOR])
    sigma = result.row(SIGMA).cells
    assert sigma["paired: vs raw aiohttp"] == "0.50x (quartiles 0.50-0.50, 4 blocks)"
    assert sigma["paired: CPU vs raw aiohttp"] == "2.00x (quartiles 2.00-2.00, 4 blocks)"
    (raw_target,) = (c for c in result.checks if c.name.startswith("target, by paired blocks"))
    assert not raw_target.passed
    assert raw_target.detail.startswith("0.50x")
    assert "sigma-async's client CPU per request 2.00x" in raw_target.detail
    note = next(n for n in result.notes if n.startswith("By the paired blocks"))
    assert "sigma-async's throughput 0.50x" in note
    assert "The floor's throughput 1.00x" in note


@needs_peers
def test_decoding_reads_the_drift_blocks_the_right_way_round(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from benchmarks import s2_decoding

    def given(*args: object) -> Paired:
        blocks = Paired()
        for _ in range(4):  # the check takes 10% longer in every block
            blocks.add({s2_decoding.WITH_DRIFT: 1.1, s2_decoding.NO_DRIFT: 1.0})
        return blocks

    monkeypatch.setattr(s2_decoding, "_drift_blocks", given)
    result = run_one("decoding")
    (drift,) = (check for check in result.checks if "drift" in check.name)
    assert not drift.passed
    assert drift.detail.startswith("+10.0% with the check")
