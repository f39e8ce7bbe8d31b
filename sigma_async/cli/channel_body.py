"""A channel request body from ``--from-json`` and flags: merged, checked, secrets restored.

The rules (hardening items 6, 7, 9): flags override the file's keys *before* anything is
checked; a key that is no field of the request (a typo) is an error naming each one; the
fields the server sets (``id``, ``status``...; a ``channels get --json`` document has them)
are dropped with a note; a ``***`` placeholder of a redacted secret is never sent: an update
puts the channel's current value back, a create refuses it. Messages name the flag the user
typed, or the key of the file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import IO, Any, Final, TypeVar

from .. import SigmaValidationError
from ..models import Channel
from ._library import from_dict, wire_names
from .exits import UsageError
from .output import REDACTED, redacted_paths

__all__ = ["FIELD_FLAGS", "ChannelBody", "read_json_file"]

M = TypeVar("M")

FIELD_FLAGS: Final = {
    "name": "--name",
    "description": "--description",
    "tags": "--tag",
    "type": "--type",
    "mode": "--mode",
    "output_format": "--output-format",
    "stop_timeout": "--stop-timeout",
    "transcode_profile": "--transcode-profile",
    "catchup": "--catchup/--no-catchup",
    "record": "--record/--no-record",
}
"""Each request field a flag sets -> the flag."""
_MODEL_FIELD = re.compile(r"\bChannel(?:Create|Update)\.(\w+)")


def read_json_file(path: str, stdin: IO[str]) -> dict[str, Any]:
    """Read a JSON object from ``path`` (``-``: stdin) for ``--from-json``."""
    try:
        if path == "-":
            text = stdin.read()
        else:
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
        body = json.loads(text)
    except OSError as error:
        raise UsageError(f"cannot read --from-json {path}: {error.strerror}") from None
    except ValueError as error:
        raise UsageError(f"--from-json {path} is not JSON: {error}") from None
    if not isinstance(body, dict):
        raise UsageError(f"--from-json {path} must hold a JSON object")
    return body


def _get(data: Any, path: tuple[str, ...]) -> Any:
    for key in path:
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


def _put(data: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for key in path[:-1]:
        data = data[key]
    data[path[-1]] = value


class ChannelBody:
    """The wire body of one create or update, with the flags' fields marked as such."""

    def __init__(self, model: type[Any], file_body: Mapping[str, Any], flags: Mapping[str, Any]):
        self.model = model
        self.wire = wire_names(model)  # wire key -> attribute
        self._attribute_wire = {attribute: key for key, attribute in self.wire.items()}
        self.body: dict[str, Any] = json.loads(json.dumps(dict(file_body)))  # a deep copy
        self.from_flags: set[str] = set()
        self.notes: list[str] = []
        for attribute, value in flags.items():
            self.body[self._attribute_wire[attribute]] = value
            self.from_flags.add(attribute)

    @property
    def empty(self) -> bool:
        """Whether nothing at all was given."""
        return not self.body

    def drop_server_fields(self) -> None:
        """Drop the fields the server sets (a ``get --json`` document holds them); refuse typos."""
        channel_keys = set(wire_names(Channel))
        unknown = sorted(
            key for key in self.body if key not in self.wire and key not in channel_keys
        )
        if unknown:
            raise UsageError(
                f"--from-json: unknown key(s) {', '.join(unknown)}; "
                f"{self.model.__name__} takes {', '.join(sorted(self.wire))}"
            )
        ignored = sorted(key for key in self.body if key not in self.wire)
        for key in ignored:
            del self.body[key]
        if ignored:
            self.notes.append(f"ignored the field(s) the server sets: {', '.join(ignored)}")

    def restore_secrets(self, current: Mapping[str, Any] | None) -> None:
        """Put back the real value of each ``***`` placeholder, or refuse when there is none."""
        for path in list(redacted_paths(self.body)):
            value = _get(current, path) if current is not None else None
            dotted = ".".join(path)
            if value is None or value == REDACTED:
                raise UsageError(
                    f"--from-json: {dotted} holds {REDACTED}, the placeholder of a hidden "
                    "secret, and there is no value to keep: give the real value "
                    "(`channels get ID --json --show-secrets` prints it)"
                )
            _put(self.body, path, value)

    def keep_changes(self, current: Mapping[str, Any]) -> None:
        """Send only what differs from the channel as it is (a PATCH of the user's edits)."""
        for key in [key for key in self.body if current.get(key) == self.body[key]]:
            if self.wire[key] not in self.from_flags:
                del self.body[key]

    def _words(self, message: str) -> str:
        def name(match: re.Match[str]) -> str:
            attribute = match.group(1)
            if attribute in self.from_flags:
                return FIELD_FLAGS.get(attribute, attribute)
            return f'"{self._attribute_wire.get(attribute, attribute)}" of --from-json'

        return _MODEL_FIELD.sub(name, message)

    def build(self) -> Any:
        """Check the body against the model (bounds, then types) and return the model."""
        simple = {self.wire[k]: v for k, v in self.body.items() if not isinstance(v, dict)}
        try:
            self.model(**simple)  # the model's own checks, in its own (precise) words
        except SigmaValidationError as error:
            raise UsageError(self._words(str(error))) from None
        except TypeError:
            pass  # a wrong type: the converter below names the field
        try:
            return from_dict(self.body, self.model)
        except SigmaValidationError as error:  # from_dict names the bad field by its wire path
            text = str(error).replace("data does not fit", "--from-json does not fit")
            raise UsageError(self._words(text)) from None
