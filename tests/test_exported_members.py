"""``sigma_async.__all__`` is exactly the package's public names, each from the module it names."""

from __future__ import annotations

import pickle
import types

import sigma_async

SUBPACKAGES = {
    "bulk",
    "cli",
    "contract",
    "diagnostics",
    "errors",
    "helpers",
    "models",
    "operations",
    "pagination",
    "resources",
    "testing",
}
"""Public submodules, which the package namespace holds once imported (not exported names)."""


def _public_names() -> set[str]:
    # dir(), not vars(): the package imports its names when first used (PEP 562).
    return {
        name
        for name in dir(sigma_async)
        if name.isidentifier()  # pytest's assertion rewriting adds "@py_builtins"
        and not name.startswith("_")
        and not isinstance(getattr(sigma_async, name), types.ModuleType)
    } - {"annotations", "TYPE_CHECKING", "Any"} | {"__version__"}


def test_all_is_exactly_the_public_names() -> None:
    assert sorted(sigma_async.__all__) == sorted(_public_names())
    assert len(sigma_async.__all__) == len(set(sigma_async.__all__))


def test_public_submodules_are_the_known_ones() -> None:
    loaded = {
        name
        for name, value in vars(sigma_async).items()
        if isinstance(value, types.ModuleType) and name.isidentifier() and not name.startswith("_")
    }
    assert loaded <= SUBPACKAGES


def _expected_module(name: str) -> str:
    # The package's own tables, read rather than copied: where each name is defined, and the
    # names shown as ``sigma_async.X`` although defined in a private module (httpx's way). A
    # wrong home, or a pin the package forgot to apply, fails here.
    if name in sigma_async._PINNED:
        return "sigma_async"
    return f"sigma_async{sigma_async._HOMES[name]}"


def test_each_export_has_its_module_pinned() -> None:
    homes = {
        name: getattr(sigma_async, name).__module__
        for name in sigma_async.__all__
        if name not in ("UNSET", "__version__")
    }
    assert homes == {name: _expected_module(name) for name in homes}


def test_pinned_classes_still_pickle_by_their_public_name() -> None:
    assert pickle.loads(pickle.dumps(sigma_async.OutcomeState.FAILED)) is (
        sigma_async.OutcomeState.FAILED
    )
    assert pickle.loads(pickle.dumps(sigma_async.UNSET)) is sigma_async.UNSET
