"""The payloads the benchmarks serve and decode: the guide's samples, from ``tests/fixtures``."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SPEC = ROOT / "openapi" / "sigma-livestream.yaml"

CHANNEL_ID = "42efeee4-e94e-4444-b0a6-90850413519d"
USERNAME = "bench-user"
SECRET_KEY = "bench-secret"
APP_ID = "0c787e24-87a3-47da-a131-e8310f35aff7"


def _fixture(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def channel_sample() -> dict[str, Any]:
    """The guide's ``GET /channels/{id}`` sample (section 3), as the fixture completes it."""
    return _fixture("get_channel_response.json")  # type: ignore[no-any-return]


def session_samples() -> list[dict[str, Any]]:
    """The guide's two session records (section 7)."""
    return _fixture("list_sessions_response.json")["data"]  # type: ignore[no-any-return]


def session_records(count: int, *, start: int = 0) -> list[dict[str, Any]]:
    """``count`` session records of the guide's shape, each with its own id, name and times.

    Only values change, never the shape: every record has the guide's keys, nested
    ``clientInfo`` and embedded partial ``channel``.
    """
    samples = session_samples()
    records = []
    for index in range(start, start + count):
        record = copy.deepcopy(samples[index % len(samples)])
        minute, second = divmod(index % 3600, 60)
        stamp = f"2024-07-22T11:{minute:02d}:{second:02d}.{index % 1000:03d}Z"
        record["id"] = f"00000000-0000-4000-8000-{index:012d}"
        record["name"] = f"Channel_02_{index}"
        record["duration"] = index % 7200
        record["createdAt"] = stamp
        record["updatedAt"] = stamp
        record["startedAt"] = stamp
        record["finishedAt"] = None if index % 10 == 0 else stamp
        records.append(record)
    return records


def page_data_bytes(page: int, per_page: int) -> bytes:
    """The JSON array of one page's records (page from 1), serialized once."""
    return json.dumps(
        session_records(per_page, start=(page - 1) * per_page), separators=(",", ":")
    ).encode()
