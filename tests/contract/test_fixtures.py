"""The committed documents are what their generators write, and each is a valid document."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from openapi_spec_validator import validate

from sigma_async.contract import bundled_document
from sigma_async.contract.nestjs import nestjs_document
from sigma_async.operations import API_PREFIX, OPERATIONS

from .make_fixtures import FIXTURES, render_all

ROOT = Path(__file__).resolve().parents[2]


def test_bundled_json_is_the_yaml_spec() -> None:
    spec = yaml.safe_load((ROOT / "openapi" / "sigma-livestream.yaml").read_text("utf-8"))
    assert bundled_document() == spec


def test_bundle_script_reports_the_committed_copy_current() -> None:
    done = subprocess.run(
        [sys.executable, "codegen/bundle_spec.py", "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize(("name", "text"), sorted(render_all().items()))
def test_fixture_is_current_and_valid(name: str, text: str) -> None:
    committed = (FIXTURES / name).read_text("utf-8")
    assert committed == text, f"{name} is stale: run python -m tests.contract.make_fixtures"
    validate(json.loads(committed))


def test_nestjs_document_is_valid_openapi_30() -> None:
    document = nestjs_document()
    validate(document)
    assert document["openapi"] == "3.0.0"
    assert document["servers"] == []


def test_nestjs_document_has_every_operation_under_the_prefix_with_a_nest_operation_id() -> None:
    document = nestjs_document()
    for operation in OPERATIONS.values():
        rendered = document["paths"][API_PREFIX + operation.path][operation.method.lower()]
        controller = operation.resource.capitalize() + "Controller"
        assert rendered["operationId"] == f"{controller}_{operation.operation_id}"
        names = [p["name"] for p in rendered["parameters"]]
        assert names == [*operation.path_params, *operation.query_params]
        assert [str(s) for s in rendered["responses"]] == [str(operation.success_status)]


def test_nestjs_document_carries_no_sdk_extension() -> None:
    text = json.dumps(nestjs_document())
    assert '"x-sigma' not in text
