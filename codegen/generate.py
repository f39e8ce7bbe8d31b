"""Generate sigma_async/models.py from openapi/sigma-livestream.yaml.

    python codegen/generate.py           # write the models module
    python codegen/generate.py --check   # exit 1 if the committed module differs

datamodel-code-generator has no attrs output: we ask for dataclasses and override the
templates in codegen/templates/ (see the comments there for the field rules).
"""

from __future__ import annotations

import argparse
import difflib
import subprocess
import sys
import tempfile
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "openapi" / "sigma-livestream.yaml"
TEMPLATES = ROOT / "codegen" / "templates"
TARGET = ROOT / "sigma_async" / "models.py"

HEADER = '''\
# DO NOT EDIT: generated from openapi/sigma-livestream.yaml by datamodel-code-generator {version}
# with the templates in codegen/templates/. Change the spec or the templates, then run
# `nox -s codegen`; `nox -s codegen-check` fails when this file differs from a fresh generation.
"""The Sigma Livestream API's models, generated from the OpenAPI contract.

Conversion to and from JSON lives apart, in ``sigma_async._convert``.
"""'''


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
        "sigma_async._model_support.redacted_repr",
        "--no-formatters",
    ]
    subprocess.run(command, check=True, cwd=ROOT)
    # Format as the committed file, with the project's ruff config, wherever `output` lies.
    source = output.read_text(encoding="utf-8")
    for ruff in (["check", "--fix", "--exit-zero", "--quiet"], ["format", "--quiet"]):
        source = subprocess.run(
            [sys.executable, "-m", "ruff", *ruff, "--stdin-filename", str(TARGET), "-"],
            input=source,
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        ).stdout
    output.write_text(source, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args()
    if not args.check:
        generate(TARGET)
        print(f"wrote {TARGET.relative_to(ROOT)}")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "models.py"
        generate(fresh)
        expected = fresh.read_text()
    actual = TARGET.read_text() if TARGET.exists() else ""
    if actual == expected:
        print(f"{TARGET.relative_to(ROOT)} is up to date")
        return 0
    diff = difflib.unified_diff(
        actual.splitlines(keepends=True),
        expected.splitlines(keepends=True),
        "committed/models.py",
        "generated/models.py",
    )
    sys.stdout.writelines(diff)
    print(f"\n{TARGET.relative_to(ROOT)} differs from the spec: run `nox -s codegen`")
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
