"""Generate models.py, operations.py and _structure.py (sigma_async/) from the OpenAPI spec.

And cli/help_pages.json from the command line's click tree (codegen/cli_help.py).

    python codegen/generate.py           # write the generated modules
    python codegen/generate.py --check   # exit 1 if a committed module differs

datamodel-code-generator has no attrs output: we ask for dataclasses and override the
templates in codegen/templates/ (see the comments there for the field rules). The operations
table is rendered by codegen/operations.py; the per-model structure functions by
codegen/structure.py, from the models just generated.
"""

from __future__ import annotations

import argparse
import difflib
import subprocess
import sys
import tempfile
from importlib.metadata import version
from pathlib import Path

import cli_help
import operations
import structure

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "openapi" / "sigma-livestream.yaml"
TEMPLATES = ROOT / "codegen" / "templates"
TARGET = ROOT / "sigma_async" / "models.py"
OPERATIONS_TARGET = ROOT / "sigma_async" / "operations.py"
STRUCTURE_TARGET = ROOT / "sigma_async" / "_structure.py"
HELP_TARGET = ROOT / "sigma_async" / "cli" / "help_pages.json"

HEADER = '''\
# DO NOT EDIT: generated from openapi/sigma-livestream.yaml by datamodel-code-generator {version}
# with the templates in codegen/templates/. Change the spec or the templates, then run
# `nox -s codegen`; `nox -s codegen-check` fails when this file differs from a fresh generation.
"""The Sigma Livestream API's models, generated from the OpenAPI contract.

Conversion to and from JSON lives apart, in ``sigma_async._convert``.
"""'''


def _ruff_format(source: str, target: Path) -> str:
    """Format as the committed file, with the project's ruff config, wherever it is written."""
    for ruff in (["check", "--fix", "--exit-zero", "--quiet"], ["format", "--quiet"]):
        source = subprocess.run(
            [sys.executable, "-m", "ruff", *ruff, "--stdin-filename", str(target), "-"],
            input=source,
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        ).stdout
    return source


def generate_operations(output: Path) -> None:
    output.write_text(_ruff_format(operations.render(SPEC), OPERATIONS_TARGET), encoding="utf-8")


def generate_structure(output: Path, models: Path) -> None:
    source = structure.render(models)
    output.write_text(_ruff_format(source, STRUCTURE_TARGET), encoding="utf-8")


def generate_help_pages(output: Path) -> None:
    output.write_text(cli_help.render(ROOT), encoding="utf-8")


def generate(output: Path) -> None:
    header = HEADER.format(version=version("datamodel-code-generator"))
    command = [
        sys.executable,
        "-m",
        "datamodel_code_generator",
        "--input",
        str(SPEC),
        "--input-file-type",
        "openapi",
        "--output",
        str(output),
        "--output-model-type",
        "dataclasses.dataclass",
        "--custom-template-dir",
        str(TEMPLATES),
        "--custom-file-header",
        header,
        "--disable-timestamp",
        "--target-python-version",
        "3.10",
        "--snake-case-field",
        "--strict-nullable",
        "--field-constraints",
        "--use-field-description",
        "--use-schema-description",
        "--use-union-operator",
        "--use-standard-collections",
        "--use-subclass-enum",
        "--capitalise-enum-members",
        "--use-double-quotes",
        "--output-datetime-class",
        "datetime",
        "--field-extra-keys",
        "x-sigma-secret",
        "--additional-imports",
        "attrs,sigma_async._model_support.UNSET,sigma_async._model_support.Unset,"
        "sigma_async._model_support.SigmaEnum,sigma_async._model_support.WIRE_NAME,"
        "sigma_async._model_support.length,sigma_async._model_support.at_least,"
        "sigma_async._model_support.redacted_repr,sigma_async._model_support.typed",
        "--no-formatters",
    ]
    subprocess.run(command, check=True, cwd=ROOT)
    output.write_text(_ruff_format(output.read_text(encoding="utf-8"), TARGET), encoding="utf-8")


def _write_all(
    models: Path, operations_module: Path, structure_module: Path, help_pages: Path
) -> None:
    # The structure functions are read off the models, so the models come first.
    generate(models)
    generate_operations(operations_module)
    generate_structure(structure_module, models)
    generate_help_pages(help_pages)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args()
    targets = (TARGET, OPERATIONS_TARGET, STRUCTURE_TARGET, HELP_TARGET)
    if not args.check:
        _write_all(*targets)
        for target in targets:
            print(f"wrote {target.relative_to(ROOT)}")
        return 0
    stale = 0
    with tempfile.TemporaryDirectory() as tmp:
        fresh = [Path(tmp) / target.name for target in targets]
        _write_all(*fresh)
        for target, fresh_target in zip(targets, fresh, strict=True):
            expected = fresh_target.read_text()
            actual = target.read_text() if target.exists() else ""
            if actual == expected:
                print(f"{target.relative_to(ROOT)} is up to date")
                continue
            diff = difflib.unified_diff(
                actual.splitlines(keepends=True),
                expected.splitlines(keepends=True),
                f"committed/{target.name}",
                f"generated/{target.name}",
            )
            sys.stdout.writelines(diff)
            print(f"\n{target.relative_to(ROOT)} differs from the spec: run `nox -s codegen`")
            stale = 1
    return stale


if __name__ == "__main__":
    raise SystemExit(main())
