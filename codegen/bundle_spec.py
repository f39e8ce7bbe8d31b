"""Write sigma_async/contract/_bundled.json, the spec as JSON, for ``contract check`` at run time.

    python codegen/bundle_spec.py           # write the JSON copy
    python codegen/bundle_spec.py --check   # exit 1 if the committed copy differs

PyYAML is not a runtime dependency of sigma-async, so the installed package carries the spec as
JSON (the same data as openapi/sigma-livestream.yaml, key order kept). tests/contract checks
that the committed copy matches the YAML.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "openapi" / "sigma-livestream.yaml"
TARGET = ROOT / "sigma_async" / "contract" / "_bundled.json"


def render() -> str:
    """The JSON text of the spec: one key a line, so a change to the spec reads as a small diff."""
    document = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    return json.dumps(document, indent=1, ensure_ascii=False) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the committed copy differs")
    args = parser.parse_args()
    text = render()
    if args.check:
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        if current != text:
            print(f"{TARGET.relative_to(ROOT)} is out of date: run codegen/bundle_spec.py")
            return 1
        print(f"{TARGET.relative_to(ROOT)} is up to date")
        return 0
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
