"""The profile summary's groups, and the SDK plumbing breakdown each variant gets.

Swept over sigma-async's own modules: what the generated structure functions import from the
package (field decoders, validators, drift telemetry) counts as structure, never as plumbing, and
every module of the request path counts as SDK plumbing.
"""

from __future__ import annotations

import ast
import cProfile
from pathlib import Path

import pytest

import sigma_async
from benchmarks._profile import Profile, _shares, group_of, markdown, stop

PACKAGE = Path(sigma_async.__file__).parent


def _sigma_imports(module: Path) -> set[str]:
    """The package's own modules that ``module`` imports names from (``from ._x import ...``)."""
    tree = ast.parse(module.read_text(encoding="utf-8"))
    return {
        f"{node.module}.py"
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module
    }


def test_what_structure_calls_counts_as_structure() -> None:
    helpers = _sigma_imports(PACKAGE / "_structure.py")
    assert helpers  # the sweep sees the structure functions' imports
    for name in helpers | _sigma_imports(PACKAGE / "_decode_support.py"):
        assert group_of(f"/x/sigma_async/{name}", "f") == "structure", name


def test_the_request_path_counts_as_sdk_plumbing() -> None:
    for module in sorted((PACKAGE / "_http").glob("*.py")):
        assert group_of(str(module), "f") == "SDK plumbing", module.name
    for name in ("_client.py", "_gate.py", "_retry.py", "resources/channels.py", "pagination.py"):
        assert group_of(str(PACKAGE / name), "f") == "SDK plumbing", name


def _plumbing_work() -> None:
    from sigma_async._http.sansio import path_segment

    for _ in range(50):
        path_segment("42efeee4-e94e", "channel_id")


def test_each_variant_gets_its_plumbing_breakdown() -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    _plumbing_work()
    profile = stop(profiler, "sigma-async", 50)
    assert profile.plumbing, "the plumbing entries are kept beside the overall top"
    assert any("path_segment" in name for name, _ in profile.plumbing)
    assert Profile.from_json(profile.to_json()) == profile
    text = markdown([profile], "request")
    assert "- sigma-async, SDK plumbing (" in text
    assert "`sansio.py:" in text.split("SDK plumbing (", 1)[1]


def test_a_generic_builtin_is_split_between_its_callers_groups() -> None:
    callers = {
        ("/x/sigma_async/_http/sansio.py", 1, "build_request"): (3, 3, 0.3, 0.3),
        ("/x/site-packages/aiohttp/client.py", 2, "_request"): (1, 1, 0.1, 0.1),
    }
    shares = _shares("~", "<built-in method builtins.len>", 0.4, callers)
    assert shares == pytest.approx({"SDK plumbing": 0.3, "HTTP library": 0.1})
    assert _shares("/x/sigma_async/_http/engine.py", "call", 0.2, {}) == {"SDK plumbing": 0.2}
