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

import pytest

from benchmarks import instructions, run, s8_instructions
from benchmarks._clients import FLOOR, PYDANTIC, RAW_AIOHTTP, RAW_MODELS, SIGMA
from benchmarks._harness import ServerProcess
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
