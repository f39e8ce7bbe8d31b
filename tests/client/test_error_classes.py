"""Sweeps over every exception class of ``sigma_async.errors``.

Every class pickles with its attributes (issue 11 item 15), is drawn in the module's tree, and
sits on the right side of the line between caller mistakes and service/network failures; the
status classes pin their status; headers on errors are case-insensitive; no code raises the bare
base class.
"""

from __future__ import annotations

import ast
import inspect
import pathlib
import pickle
from typing import Any

import pytest

import sigma_async
from sigma_async import errors
from sigma_async._http.sansio import RawResponse, error_for_status

EXCEPTIONS = [
    obj
    for name in errors.__all__
    if isinstance(obj := getattr(errors, name), type) and issubclass(obj, BaseException)
]

_SAMPLE_ARGUMENTS: dict[str, Any] = {
    "message": "something failed",
    "status": 418,
    "method": "GET",
    "url": "https://h/api/livestream/channels/x",
    "body": {"message": "nope"},
    "headers": {"X-Request-Id": "r1", "Retry-After": "3"},
    "request_id": "r1",
    "retry_after": 3.0,
    "path": "$.data[0].id",
    "body_excerpt": "<html>",
    "limit": 10,
    "request_sent": False,
    "last_status": "init",
    "started": True,
}


def _sample(cls: type[BaseException]) -> BaseException:
    if cls is errors.BulkError:
        return cls([])
    parameters = inspect.signature(cls.__init__).parameters
    kwargs = {
        name: _SAMPLE_ARGUMENTS[name]
        for name, parameter in parameters.items()
        if name not in ("self", "message", "kwargs") and parameter.kind is parameter.KEYWORD_ONLY
    }
    if issubclass(cls, errors.APIStatusError):
        kwargs.update({key: _SAMPLE_ARGUMENTS[key] for key in ("method", "url", "body", "headers")})
    if "message" in parameters:
        return cls("something failed", **kwargs)
    return cls(**kwargs)


def test_the_sweep_sees_every_exception() -> None:
    assert len(EXCEPTIONS) >= 20
    assert all(issubclass(cls, errors.SigmaError) for cls in EXCEPTIONS)


@pytest.mark.parametrize("cls", EXCEPTIONS, ids=lambda cls: cls.__name__)
def test_every_exception_round_trips_through_pickle(cls: type[BaseException]) -> None:
    error = _sample(cls)
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is cls
    assert str(copy) == str(error)
    assert repr(copy) == repr(error)
    assert copy.args == error.args
    public = {key: value for key, value in vars(error).items() if key != "result"}
    assert {key: value for key, value in vars(copy).items() if key != "result"} == public


@pytest.mark.parametrize("cls", EXCEPTIONS, ids=lambda cls: cls.__name__)
def test_every_exception_is_drawn_in_the_tree(cls: type[BaseException]) -> None:
    assert f" {cls.__name__}" in (errors.__doc__ or "")


@pytest.mark.parametrize("cls", EXCEPTIONS, ids=lambda cls: cls.__name__)
def test_every_exception_is_exported(cls: type[BaseException]) -> None:
    assert getattr(sigma_async, cls.__name__) is cls


def test_caller_mistakes_are_apart_from_failures() -> None:
    failures = [
        errors.APIStatusError,
        errors.APIConnectionError,
        errors.ResponseDecodeError,
        errors.ResponseTooLargeError,
    ]
    assert all(issubclass(cls, errors.APIError) for cls in failures)
    assert not issubclass(errors.SigmaValidationError, errors.APIError)
    assert not issubclass(errors.ClientClosedError, errors.APIError)


STATUS_LEAVES = [cls for cls in EXCEPTIONS if issubclass(cls, errors.APIStatusError)]


@pytest.mark.parametrize("cls", STATUS_LEAVES, ids=lambda cls: cls.__name__)
def test_status_leaves_pin_their_status(cls: type[errors.APIStatusError]) -> None:
    if cls is errors.APIStatusError:
        return
    assert cls.status >= 400
    error = cls("m", method="GET", url="u")
    assert error.status == cls.status
    status = 503 if cls is errors.InternalServerError else cls.status
    built = error_for_status("GET", RawResponse(status, "", {}, b"", "u"))
    assert type(built) is cls
    assert built.status == status


def test_headers_on_errors_are_case_insensitive_and_without_credentials() -> None:
    response = RawResponse(
        503,
        "",
        {"Retry-After": "2", "Set-Cookie": "s=1", "Authorization": "Basic x", "X-A": "1"},
        b"",
        "u",
    )
    error = error_for_status("GET", response)
    assert error.headers["retry-after"] == "2"
    assert error.headers["RETRY-AFTER"] == "2"
    assert "set-cookie" not in error.headers
    assert "authorization" not in error.headers
    assert pickle.loads(pickle.dumps(error)).headers["x-a"] == "1"


def _raises_of_bare_base(source: str) -> list[int]:
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            func = node.exc.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name == "SigmaError":
                lines.append(node.lineno)
    return lines


def test_no_code_raises_the_bare_base_class() -> None:
    package = pathlib.Path(sigma_async.__file__).parent
    found = {
        str(path.relative_to(package)): lines
        for path in sorted(package.rglob("*.py"))
        if (lines := _raises_of_bare_base(path.read_text(encoding="utf-8")))
    }
    assert found == {}
