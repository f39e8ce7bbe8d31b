"""Validate the emulator's responses against the spec, as a response hook.

openapi-core 0.14.2 (the test group's pin) cannot be imported next to openapi-spec-validator
0.9.0 (also pinned): it imports ``default_handlers`` from it, which 0.9.0 no longer has. So this
module does what openapi-core's response validator does with the engine openapi-core itself
validates with, openapi-schema-validator (``OAS30Validator``): find the operation and the
documented response for the status, check the media type, and validate the body's JSON against
the schema (``$ref`` resolved, formats checked).

It is stricter than openapi-core in two ways the wire contract needs: an object may not carry
keys the schema does not document, and every timestamp must be ISO 8601 UTC with milliseconds
and ``Z`` (``2024-07-22T10:34:36.772Z``).
"""

from __future__ import annotations

import copy
import json
import re
import threading
from pathlib import Path
from typing import Any

import yaml
from openapi_schema_validator import OAS30Validator, oas30_format_checker

from sigma_async.testing import ResponseRecord

ROOT = Path(__file__).resolve().parents[2]
SPEC_PATH = ROOT / "openapi" / "sigma-livestream.yaml"
TIMESTAMP_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")
TIMESTAMP_KEYS = frozenset({"createdAt", "updatedAt", "startedAt", "finishedAt"})


def load_spec() -> dict[str, Any]:
    spec: dict[str, Any] = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    return spec


def resolve_refs(node: Any, root: dict[str, Any]) -> Any:
    """Inline every local ``$ref`` (the spec has no recursive schemas)."""
    if isinstance(node, dict):
        if "$ref" in node:
            target: Any = root
            for part in node["$ref"].removeprefix("#/").split("/"):
                target = target[part]
            return resolve_refs(target, root)
        return {key: resolve_refs(value, root) for key, value in node.items()}
    if isinstance(node, list):
        return [resolve_refs(item, root) for item in node]
    return node


def close_objects(schema: Any) -> Any:
    """Forbid undocumented keys in every object schema that lists its properties."""
    if isinstance(schema, dict):
        closed = {key: close_objects(value) for key, value in schema.items()}
        if "properties" in closed and "additionalProperties" not in closed:
            closed["additionalProperties"] = False
        return closed
    if isinstance(schema, list):
        return [close_objects(item) for item in schema]
    return schema


class SpecValidator:
    """A response hook that records every way a response departs from the spec."""

    def __init__(self, spec: dict[str, Any]) -> None:
        resolved = resolve_refs(copy.deepcopy(spec), spec)
        self._operations: dict[str, dict[str, Any]] = {}
        for path_item in resolved["paths"].values():
            for _method, operation in path_item.items():
                if isinstance(operation, dict) and "operationId" in operation:
                    self._operations[operation["operationId"]] = operation
        self._validators: dict[tuple[str, str, str], Any] = {}
        self._lock = threading.Lock()
        self.errors: list[str] = []
        self.checked = 0
        self.skipped = 0

    def __call__(self, record: ResponseRecord) -> None:
        if record.operation is None or record.fault is not None:
            with self._lock:
                self.skipped += 1
            return
        problems = self.problems(record)
        with self._lock:
            self.checked += 1
            self.errors.extend(problems)

    def problems(self, record: ResponseRecord) -> list[str]:
        """Everything wrong with one response (empty when it conforms)."""
        where = f"{record.method} {record.path} -> {record.status} ({record.operation})"
        operation = self._operations.get(record.operation or "")
        if operation is None:
            return [f"{where}: operation not in the spec"]
        responses = operation["responses"]
        documented = responses.get(str(record.status)) or responses.get("default")
        if documented is None:
            return [f"{where}: status not documented (has {sorted(responses)})"]
        content = documented.get("content")
        if not content:
            return []  # no documented body: clients must ignore whatever comes
        media = record.headers.get("Content-Type", "").split(";")[0].strip()
        if media not in content:
            return [f"{where}: content type {media!r} not documented ({sorted(content)})"]
        try:
            data = json.loads(record.body)
        except ValueError as exc:
            return [f"{where}: body is not JSON ({exc})"]
        validator = self._validator(record.operation or "", str(record.status), media, content)
        found = [
            f"{where}: {'/'.join(map(str, error.absolute_path)) or '<root>'}: {error.message}"
            for error in validator.iter_errors(data)
        ]
        found.extend(f"{where}: {problem}" for problem in _timestamp_problems(data, "$"))
        return found

    def _validator(self, operation: str, status: str, media: str, content: dict[str, Any]) -> Any:
        key = (operation, status, media)
        if key not in self._validators:
            schema = close_objects(content[media]["schema"])
            self._validators[key] = OAS30Validator(schema, format_checker=oas30_format_checker)
        return self._validators[key]


def _timestamp_problems(value: Any, path: str) -> list[str]:
    found: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if (
                key in TIMESTAMP_KEYS
                and item is not None
                and not (isinstance(item, str) and TIMESTAMP_RE.match(item))
            ):
                found.append(f"{path}.{key}: {item!r} is not a millisecond UTC timestamp")
            found.extend(_timestamp_problems(item, f"{path}.{key}"))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(_timestamp_problems(item, f"{path}[{index}]"))
    return found
