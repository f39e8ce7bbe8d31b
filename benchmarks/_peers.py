"""The peer libraries' code, generated from our own spec at benchmark time and never committed.

- openapi-python-client: a full client (httpx + attrs models with ``from_dict``).
- datamodel-code-generator: pydantic v2 models.

Both go into a temporary folder that is put on ``sys.path`` under unique package names.
"""

from __future__ import annotations

import importlib
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from ._data import SPEC

OPC_PACKAGE = "bench_opc_sigma"
PYDANTIC_MODULE = "bench_pydantic_sigma"


class GenerationError(RuntimeError):
    """A generator failed on the spec; the message has its exact output (spec feedback)."""


@dataclass
class Peers:
    """The generated packages, imported."""

    folder: Path
    opc: ModuleType  # the client package (``.client``, ``.api``, ``.models``)
    pydantic: ModuleType  # the pydantic models module
    warnings: list[str]  # what the generators warned about (parts of the spec they skipped)


def _run(args: list[str], tool: str) -> list[str]:
    """Run a generator; return its warning lines (it may skip what it cannot read)."""
    result = subprocess.run(args, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise GenerationError(
            f"{tool} failed (exit {result.returncode}):\n{result.stdout}\n{result.stderr}"
        )
    output = f"{result.stdout}\n{result.stderr}"
    lines = [" ".join(line.split()) for line in output.splitlines()]
    noise = ("Generating ", "If you believe this was a mistake", "Warning(s) encountered")
    return [f"{tool}: {line}" for line in lines if line and not line.startswith(noise)]


def generate(folder: Path) -> Peers:
    """Generate both peers into ``folder`` and import them."""
    config = folder / "opc-config.yaml"
    # No post hooks: the generated code is imported as written (ruff would only reformat it).
    config.write_text("post_hooks: []\n", encoding="utf-8")
    warnings = _run(
        [
            sys.executable,
            "-m",
            "openapi_python_client",
            "generate",
            "--path",
            str(SPEC),
            "--output-path",
            str(folder / OPC_PACKAGE),
            "--meta",
            "none",
            "--config",
            str(config),
            "--overwrite",
        ],
        "openapi-python-client",
    )
    warnings += _run(
        [
            sys.executable,
            "-m",
            "datamodel_code_generator",
            "--input",
            str(SPEC),
            "--input-file-type",
            "openapi",
            "--output-model-type",
            "pydantic_v2.BaseModel",
            "--output",
            str(folder / f"{PYDANTIC_MODULE}.py"),
            "--snake-case-field",
            "--use-annotated",
            "--disable-timestamp",
            "--formatters",
            "builtin",
        ],
        "datamodel-code-generator",
    )
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))
    importlib.invalidate_caches()
    opc = importlib.import_module(OPC_PACKAGE)
    for sub in ("client", "models", "api.channels.get_channel"):
        importlib.import_module(f"{OPC_PACKAGE}.{sub}")
    pydantic_models = importlib.import_module(PYDANTIC_MODULE)
    return Peers(folder=folder, opc=opc, pydantic=pydantic_models, warnings=warnings)


_cached: Peers | None = None
_tempdir: tempfile.TemporaryDirectory[str] | None = None


def peers() -> Peers:
    """Generate once per process, into a temporary folder removed at exit."""
    global _cached, _tempdir
    if _cached is None:
        _tempdir = tempfile.TemporaryDirectory(prefix="sigma-bench-peers-")
        _cached = generate(Path(_tempdir.name))
    return _cached


def warning_note() -> str | None:
    """A RESULTS.md note quoting the generators' warnings, when the peers were generated."""
    if _cached is None or not _cached.warnings:
        return None
    unique = list(dict.fromkeys(line.replace("`", "'") for line in _cached.warnings))
    quoted = "\n".join(f"- {line}" for line in unique)
    return f"The generators warned (spec feedback; what they name was not generated):\n\n{quoted}"
