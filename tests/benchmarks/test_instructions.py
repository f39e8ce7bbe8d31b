"""The instruction-count tool (``python -m benchmarks.instructions``) and scenario 8 still run.

Its client half drives every variant it knows against the benchmark server; the whole tool, and
scenario 8, run once under valgrind, at tiny sizes, where valgrind is installed. The budgets
scenario 8 derives are checked on given counts. Nothing about speed is asserted.
"""

from __future__ import annotations

import asyncio
import importlib.util
import re
import shutil
import subprocess

import pytest

from benchmarks import instructions, run, s8_instructions
from benchmarks._clients import FLOOR, PYDANTIC, RAW_AIOHTTP, RAW_MODELS, SIGMA
from benchmarks._harness import ScenarioResult, ServerProcess
from benchmarks._inline import INLINE


@pytest.mark.parametrize("key", list(instructions.VARIANTS))
def test_every_variants_client_answers_right(key: str) -> None:
    name = instructions.VARIANTS[key]
    if name == PYDANTIC and importlib.util.find_spec("datamodel_code_generator") is None:
        pytest.skip("the bench dependency group is not installed")
    with ServerProcess("--pages", "1", "--impl", "raw") as server:
        asyncio.run(instructions.run_client(name, 20, f"http://127.0.0.1:{server.port}"))


def test_an_unknown_variant_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        instructions.main(["sigma", "httpx"])
    assert "unknown variant(s) httpx" in capsys.readouterr().err


@pytest.mark.skipif(shutil.which("valgrind") is None, reason="valgrind is not installed")
def test_the_tool_counts_under_valgrind(capsys: pytest.CaptureFixture[str]) -> None:
    assert instructions.main(["null", "--short", "2", "--long", "6"]) == 0
    line = capsys.readouterr().out.strip()
    assert re.fullmatch(r"-?\d+\.\dk  " + re.escape(instructions.NULL), line), line


def test_each_targets_budget_follows_from_the_counts() -> None:
    counts = {
        instructions.NULL: 330_000.0,
        RAW_AIOHTTP: 399_000.0,
        FLOOR: 398_000.0,
        RAW_MODELS: 447_000.0,
        PYDANTIC: 388_000.0,
        SIGMA: 436_000.0,
    }
    checks = s8_instructions.budgets(counts)
    [raw] = [check for check in checks if "0.95x raw aiohttp" in check.name]
    assert not raw.passed
    assert "at most 420.0k" in raw.detail
    assert "leaves the SDK's plumbing 22.0k: it takes 38.0k" in raw.detail
    [models] = [check for check in checks if "1x raw aiohttp that builds" in check.name]
    assert models.passed
    [pydantic] = [check for check in checks if "1.05x hand-written aiohttp" in check.name]
    assert not pydantic.passed
    assert "the floor alone, with no plumbing, runs 398.0k" in pydantic.detail
    assert "the floor's decoding 68.0k against 39.5k left" in pydantic.detail
    assert s8_instructions.budgets({RAW_AIOHTTP: 1.0}) == []  # sigma-async not counted
    [raw] = s8_instructions.budgets({**counts, INLINE: 414_000.0})[:1]
    assert "features written inline, with no structure, take 16.0k; its modules 22.0k" in raw.detail


@pytest.mark.skipif(shutil.which("valgrind") is None, reason="valgrind is not installed")
def test_the_scenario_counts_at_smoke_size() -> None:
    (result,) = run.run("smoke", ["instructions"])
    [row] = result.rows
    assert row.label == instructions.NULL
    assert re.fullmatch(r"-?\d+\.\dk", str(row.cells["instructions a request"]))
    assert result.markdown().startswith("### Scenario 8")


def test_a_budget_below_aiohttp_alone_or_a_count_below_the_floor_reads_plainly() -> None:
    counts = {instructions.NULL: 380_000.0, FLOOR: 400_000.0, PYDANTIC: 360_000.0}
    [pydantic] = s8_instructions.budgets({**counts, SIGMA: 410_000.0})
    assert "aiohttp alone, decoding nothing, runs 380.0k" in pydantic.detail
    assert "-" not in pydantic.detail.replace("sigma-async", "")
    [raw] = s8_instructions.budgets({FLOOR: 400_000.0, RAW_AIOHTTP: 399_000.0, SIGMA: 399_500.0})
    assert "sigma-async runs no more than the floor" in raw.detail
    assert raw.passed
    [close] = s8_instructions.budgets({RAW_AIOHTTP: 399_000.0, SIGMA: 420_500.0})
    assert not close.passed
    assert "within the noise" in close.detail


_REPORT = """==41== Callgrind, a call-graph generating cache profiler
==41== Events    : Ir Dr Dw I1mr D1mr D1mw ILmr DLmr DLmw Bc Bcm Bi Bim
==41== Collected : 1000000 300 200 40 30 20 4 3 2 500 50 100 10
==41==
==41== I   refs:      1,000,000
"""


def test_callgrinds_report_is_read_as_totals_by_kind() -> None:
    events = instructions.parse_events(_REPORT)
    assert events == instructions.Events(1_000_000.0, 90.0, 9.0, 60.0)
    assert events.cycles == 1_000_000 + 10 * 90 + 200 * 9 + 20 * 60
    plain = instructions.parse_events("==7== Events    : Ir\n==7== Collected : 1234\n")
    assert plain == instructions.Events(1234.0)
    assert plain.cycles is None
    with pytest.raises(ValueError, match="no totals"):
        instructions.parse_events("==7== Command: python\n")


def test_counts_a_request_are_the_difference_of_two_runs() -> None:
    long = instructions.Events(5_000.0, 500.0, 10.0, 300.0)
    short = instructions.Events(1_000.0, 100.0, 2.0, 100.0)
    assert long.minus(short, 4) == instructions.Events(1_000.0, 100.0, 2.0, 50.0)
    assert instructions.Events(5_000.0).minus(short, 4) == instructions.Events(1_000.0)


@pytest.mark.skipif(shutil.which("valgrind") is None, reason="valgrind is not installed")
@pytest.mark.parametrize("options", [(), instructions.SIMULATION], ids=["plain", "simulated"])
def test_this_valgrinds_own_report_is_read(options: tuple[str, ...]) -> None:
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *options, "true"],
        capture_output=True,
        text=True,
        check=True,
    )
    events = instructions.parse_events(done.stderr)
    assert events.instructions > 0
    if options:
        assert events.cycles is not None
        assert events.cycles > events.instructions
    else:
        assert events.cycles is None


def test_the_simulated_rows_and_the_misses_note_follow_from_the_counts() -> None:
    events = {
        SIGMA: instructions.Events(420_000.0, 20_000.0, 0.0, 12_000.0),
        RAW_AIOHTTP: instructions.Events(400_000.0, 18_000.0, 0.0, 10_000.0),
        FLOOR: instructions.Events(400_000.0, 18_000.0, 0.0, 10_500.0),
    }
    result = ScenarioResult(
        key="instructions",
        title="t",
        columns=s8_instructions.COLUMNS + s8_instructions.SIMULATED_COLUMNS,
    )
    s8_instructions.fill(result, events)
    sigma = result.row(SIGMA).cells
    assert sigma["L1 misses a request"] == "20.00k"
    assert sigma["mispredicted branches a request"] == "12.00k"
    # 420k + 10 x 20k + 20 x 12k = 860k against raw's 400k + 180k + 200k = 780k.
    assert sigma["estimated cycles a request"] == "860.0k"
    assert sigma["vs raw aiohttp by cycles"] == "0.91x"
    [note] = result.notes
    assert "2.00k more L1 misses (100 per 1k of those instructions, against 45 per 1k" in note
    assert "1.50k more mispredicted branches (75 per 1k, against 26)" in note
    # The floor: 400k + 180k + 20 x 10.5k = 790k; 860k / 790k = 1.089.
    assert "costs 8.9% over the floor, against 5.0% by instructions" in note
    [raw] = [check for check in result.checks if "0.95x raw aiohttp" in check.name]
    assert "420.0k against at most 421.1k" in raw.detail


def test_without_the_simulation_the_rows_hold_instructions_only() -> None:
    events = {SIGMA: instructions.Events(420_000.0), FLOOR: instructions.Events(400_000.0)}
    result = ScenarioResult(key="instructions", title="t", columns=s8_instructions.COLUMNS)
    s8_instructions.fill(result, events)
    assert set(result.row(SIGMA).cells) == {"instructions a request"}
    assert result.notes == []


def test_a_count_that_rounds_to_zero_reads_without_a_sign() -> None:
    events = {SIGMA: instructions.Events(420_000.0, 20_000.0, -0.4, 12_000.0)}
    result = ScenarioResult(
        key="instructions",
        title="t",
        columns=s8_instructions.COLUMNS + s8_instructions.SIMULATED_COLUMNS,
    )
    s8_instructions.fill(result, events)
    assert result.row(SIGMA).cells["LL misses a request"] == "0.00k"
    assert instructions.thousands(-1500.0) == "-1.5k"


def test_the_simulation_reaches_callgrinds_command_line(monkeypatch: pytest.MonkeyPatch) -> None:
    commands: list[list[str]] = []

    def run(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
        commands.append(command)
        return subprocess.CompletedProcess(command, 0, "", _REPORT)

    monkeypatch.setattr(subprocess, "run", run)  # the module calls subprocess.run
    simulated = instructions.count(SIGMA, 10, "http://127.0.0.1:1", simulate=True)
    plain = instructions.count(SIGMA, 10, "http://127.0.0.1:1")
    assert set(instructions.SIMULATION) <= set(commands[0])
    assert not set(instructions.SIMULATION) & set(commands[1])
    assert simulated == plain == instructions.parse_events(_REPORT)
    line = instructions.describe(instructions.Events(421_000.0, 20_510.0, -0.3, 11_620.0))
    assert line == (
        "   421.0k  L1 misses 20.51k  LL misses 0.00k  mispredicts 11.62k  est. cycles 858.4k"
    )


def test_a_report_with_part_of_a_kind_or_no_instructions_is_refused() -> None:
    with pytest.raises(ValueError, match="lack some of I1mr, D1mr, D1mw"):
        instructions.parse_events("==7== Events    : Ir I1mr\n==7== Collected : 10 2\n")
    with pytest.raises(ValueError, match="no instructions"):
        instructions.parse_events("==7== Events    : Dr\n==7== Collected : 10\n")
    with pytest.raises(ValueError, match="more requests"):
        instructions.Events(1.0).minus(instructions.Events(1.0), 0)


def test_the_cycle_model_is_explained_whenever_a_row_was_simulated() -> None:
    raw_only = {RAW_AIOHTTP: instructions.Events(400_000.0, 18_000.0, 0.0, 10_000.0)}
    assert s8_instructions.misses_note(raw_only).startswith("Estimated cycles: one an instruction")
    assert "Over the floor" not in s8_instructions.misses_note(raw_only)
    cheaper = {
        SIGMA: instructions.Events(390_000.0, 18_000.0, 0.0, 10_000.0),
        FLOOR: instructions.Events(400_000.0, 18_000.0, 0.0, 10_000.0),
    }
    assert "Over the floor" not in s8_instructions.misses_note(cheaper)
    assert s8_instructions.misses_note({SIGMA: instructions.Events(1.0)}) == ""
