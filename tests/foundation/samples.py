"""Shared data for the foundation tests: the spec and the guide's samples."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
SPEC_PATH = ROOT / "openapi" / "sigma-livestream.yaml"


def load_spec() -> dict[str, Any]:
    spec: dict[str, Any] = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    return spec


def guide_samples() -> list[tuple[str, str, Any]]:
    """(fixture file, schema name, parsed JSON) for every guide sample."""
    index = json.loads((FIXTURES / "index.json").read_text(encoding="utf-8"))
    return [
        (name, schema, json.loads((FIXTURES / name).read_text(encoding="utf-8")))
        for name, schema in index.items()
    ]
