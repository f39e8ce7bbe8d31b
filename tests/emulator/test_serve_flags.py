"""Both emulator entry points fill every :class:`ServeOptions` field, by one builder."""

from __future__ import annotations

import attrs
import pytest

from sigma_async.cli.emulator import serve as cli_serve
from sigma_async.testing import Credentials, ServeOptions
from sigma_async.testing._launcher import LaunchError, _parser

FIELDS = set(attrs.fields_dict(ServeOptions))
ACCOUNT_FLAGS = {"username", "secret_key", "app_id"}  # read into ServeOptions.credentials


def test_the_argparse_flags_are_the_fields_and_the_account() -> None:
    dests = {action.dest for action in _parser("x")._actions} - {"help"}
    assert dests == (FIELDS - {"credentials"}) | ACCOUNT_FLAGS


def test_the_click_flags_are_the_fields_but_the_global_json_and_the_account() -> None:
    # The parameters click passes to `serve` (the common options are read from the context).
    passed = {parameter.name for parameter in cli_serve.params if parameter.expose_value}
    assert passed == FIELDS - {"credentials", "json"}


def test_the_parsers_defaults_are_the_fields_defaults() -> None:
    flags = vars(_parser("x").parse_args([]))
    for name in ACCOUNT_FLAGS:
        assert flags.pop(name) is None
    assert ServeOptions.from_flags(flags) == ServeOptions()


def test_from_flags_checks_and_keeps_the_credentials() -> None:
    chosen = Credentials("me", "chosen-secret-0123456789", "a1")
    options = ServeOptions.from_flags({"port": 0, "retry_after": False}, credentials=chosen)
    assert (options.port, options.retry_after, options.credentials) == (0, False, chosen)
    with pytest.raises(LaunchError, match="--port"):
        ServeOptions.from_flags({"port": 70000})


def test_from_flags_refuses_a_name_that_is_no_field() -> None:
    with pytest.raises(TypeError):
        ServeOptions.from_flags({"no_retry_after": True})


def test_the_click_defaults_are_the_fields_defaults() -> None:
    with cli_serve.make_context("serve", []) as context:
        flags = {name: value for name, value in context.params.items() if name in FIELDS}
    assert ServeOptions.from_flags({**flags, "json": False}) == ServeOptions()
