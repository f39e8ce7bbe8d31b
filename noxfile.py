"""Developer sessions: `nox` runs tests, lint, typecheck, codegen-check and spec (what CI runs)."""

from __future__ import annotations

import os
import shutil

import nox

nox.options.default_venv_backend = "uv|virtualenv"
nox.options.sessions = ["tests", "compat", "lint", "typecheck", "codegen-check", "spec"]
nox.options.reuse_existing_virtualenvs = True
# `compat` runs on whichever of its Pythons the machine has (CI has all three; `.ci/run` points
# pyenv at them); elsewhere it is skipped with one line. uv must never try to download one: on
# a one-Python machine that printed interpreter-download errors.
nox.options.error_on_missing_interpreters = False
os.environ.setdefault("UV_PYTHON_DOWNLOADS", "never")
COMPAT_PYTHONS = [v for v in ("3.10", "3.12", "3.13") if shutil.which(f"python{v}")]

PYPROJECT = nox.project.load_toml("pyproject.toml")
# Every session installs within these pins (`nox -s lock` refreshes them), so CI tests the same
# versions today and next month; the package itself still declares ranges for its users.
CONSTRAINTS = ("-c", "constraints.txt")
GROUPS = ("test", "bench", "lint", "typecheck", "codegen", "spec")
# Derandomized property tests: a red CI always means a change (see tests/conftest.py).
CI_PROFILE = "--hypothesis-profile=ci"
# Tests talk to 127.0.0.1 only; a proxy set in the environment must not catch the libraries
# that honour one (schemathesis through requests, the httpx benchmark peers).
LOOPBACK = {"NO_PROXY": "127.0.0.1,localhost,::1", "no_proxy": "127.0.0.1,localhost,::1"}


def install(session: nox.Session, *groups: str, package: bool = True) -> None:
    """Install dependency groups (and the package with its CLI extra, editable) within the pins."""
    editable = ("-e", ".[cli]") if package else ()
    session.install(*CONSTRAINTS, *editable, *nox.project.dependency_groups(PYPROJECT, *groups))


@nox.session
def tests(session: nox.Session) -> None:
    """Run the test suite (the emulator and loopback HTTP only; no network).

    The benchmark peers are installed too, so the benchmarks' smoke test runs every scenario.
    """
    install(session, "test", "bench")
    session.run("pytest", CI_PROFILE, *session.posargs, env=LOOPBACK)


@nox.session(python=COMPAT_PYTHONS or None)
def compat(session: nox.Session) -> None:
    """Run the test suite on the other supported Pythons (schemathesis needs 3.11+)."""
    if not COMPAT_PYTHONS:
        session.skip("none of Python 3.10, 3.12 and 3.13 is installed here (CI has them)")
    install(session, "test")
    session.run("pytest", "-q", CI_PROFILE, *session.posargs, env=LOOPBACK)


@nox.session
def fuzz(session: nox.Session) -> None:
    """Explore (not part of CI): the property tests with random seeds and 25x the examples,
    and the response-decoding mutation loop for `SIGMA_FUZZ_SECONDS` (default 300).

    A failure found here becomes an `@example` on its test, so CI keeps checking it.
    """
    install(session, "test")
    session.env["SIGMA_FUZZ_SECONDS"] = os.environ.get("SIGMA_FUZZ_SECONDS", "300")
    properties = [
        "tests/reliability/test_fuzz.py",
        "tests/foundation/test_convert_properties.py",
        "tests/client/test_sansio.py",
    ]
    session.run(
        "pytest",
        "-q",
        "--hypothesis-profile=explore",
        *(session.posargs or properties),
        env=LOOPBACK,
    )


@nox.session
def lock(session: nox.Session) -> None:
    """Re-pin constraints.txt: every dependency group, resolved for Python 3.10 and later."""
    session.install("uv")
    group_flags = [flag for group in GROUPS for flag in ("--group", group)]
    session.run(
        "uv",
        "pip",
        "compile",
        "pyproject.toml",
        "--extra",
        "cli",
        *group_flags,
        "--universal",
        "--python-version",
        "3.10",
        "--upgrade",
        "-o",
        "constraints.txt",
    )


@nox.session
def lint(session: nox.Session) -> None:
    """Ruff lint and format check."""
    install(session, "lint", package=False)
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session
def typecheck(session: nox.Session) -> None:
    """mypy --strict on the package and its tests (the test group makes their imports typed)."""
    install(session, "typecheck", "test")
    session.run("mypy", "--strict", "sigma_async", "tests")


@nox.session
def codegen(session: nox.Session) -> None:
    """Regenerate sigma_async/models.py from the spec (`-- --check` only compares)."""
    install(session, "codegen")  # the package with click: the CLI help pages are rendered
    session.run("python", "codegen/generate.py", *session.posargs)


@nox.session(name="codegen-check")
def codegen_check(session: nox.Session) -> None:
    """Fail when the committed models differ from a fresh generation."""
    install(session, "codegen")  # the package with click: the CLI help pages are rendered
    session.run("python", "codegen/generate.py", "--check")


@nox.session
def spec(session: nox.Session) -> None:
    """Validate openapi/sigma-livestream.yaml as OpenAPI 3.0."""
    install(session, "spec", package=False)
    session.run("openapi-spec-validator", "openapi/sigma-livestream.yaml")


@nox.session
def pictures(session: nox.Session) -> None:
    """Redraw the README's SVG pictures of the CLI (docs/*.svg); a test checks they are current."""
    install(session)
    session.run("python", "-m", "tests.docs.pictures", "docs", env=LOOPBACK)


@nox.session
def bench(session: nox.Session) -> None:
    """Run the benchmarks (not part of CI); `-- --quick` for smaller sizes. See benchmarks/."""
    install(session, "bench")
    session.run("python", "-m", "benchmarks", *session.posargs)
