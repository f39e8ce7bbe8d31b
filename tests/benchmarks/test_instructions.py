"""The instruction-count tool (``python -m benchmarks.instructions``) still runs.

Its client half drives every variant it knows against the benchmark server; the whole tool runs
once under valgrind, at tiny sizes, where valgrind is installed. Nothing about speed is asserted.
"""

from __future__ import annotations

import asyncio
import importlib.util
import re
import shutil

import pytest

from benchmarks import instructions
from benchmarks._clients import PYDANTIC
from benchmarks._harness import ServerProcess


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
