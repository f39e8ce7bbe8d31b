"""What the generated structure functions (``sigma_async/_structure.py``) are built from.

The generator writes one function per model that reads each field inline; everything with
behaviour that is not specific to one field lives here, so a fix never means editing generated
code. The rules are the converter's (``sigma_async._convert``): primitives are checked, never
coerced; an unknown enum value becomes a pseudo-member; unknown keys are ignored (and reported
to :mod:`sigma_async._drift`).

A failure is a :class:`StructureError`. It is raised at the first bad value and collects the
wire path on its way out, one step per enclosing field or list item, so the error path costs what
the success path costs up to that value: nothing is built or formatted for the other items.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, Final, TypeVar

from . import _drift
from ._model_support import SigmaEnum

__all__ = [
    "DICT_SUBCLASS",
    "UTC",
    "StructureError",
    "accepted_keys",
    "describe",
    "expected",
    "fromisoformat",
    "list_of",
    "members_of",
    "not_an_object",
    "parse_datetime",
    "raw_class",
    "str_list",
    "str_or_str_list",
    "to_float",
    "unknown_enum",
    "unknown_keys",
]

T = TypeVar("T")
E = TypeVar("E", bound=SigmaEnum)


class StructureError(Exception):
    """The first value that does not fit, with the wire path collected innermost first."""

    def __init__(self, message: str, step: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.steps: list[str] = [] if step is None else [step]
        self.float_for_int = False
        """A float where an int is due: orjson's reading of a huge integer (see ``_json``)."""

    @property
    def path(self) -> str:
        """The wire path from the root: ``$.data[0].clientInfo.tcUrl``."""
        return "$" + "".join(reversed(self.steps))


def json_type(value: object) -> str:
    """Name a decoded JSON value's type as JSON does (never its content: it may be secret)."""
    names = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}
    return names.get(type(value), "number" if isinstance(value, (int, float)) else "value")


def expected(kind: str, value: object) -> StructureError:
    """Make the failure for a value of the wrong JSON type."""
    failure = StructureError(f"expected {kind}, got {json_type(value)}")
    failure.float_for_int = kind == "int" and value.__class__ is float
    return failure


DICT_SUBCLASS: Final = 1 << 62
"""Where a structure function's count of unknown keys starts for a dict subclass.

Far beyond any count a body's keys can move it by, so the keys of a subclass are always
tested: its ``__missing__`` may answer a read, and then its length tells nothing.
"""


def not_an_object(value: object) -> StructureError:
    """Make the failure for a model read from anything but a JSON object."""
    return StructureError(f"expected a JSON object, got {json_type(value)}")


def describe(error: BaseException) -> str:
    """Say what an unexpected error in a structure function was (a bad timestamp, say)."""
    return str(error) or type(error).__name__


fromisoformat: Final = dt.datetime.fromisoformat
"""``datetime.fromisoformat``, which the structure functions call inline before
:func:`parse_datetime` (on 3.11+ it reads the service's ``...Z`` timestamps itself)."""
UTC: Final = dt.timezone.utc
"""The zone a timestamp without an offset is read in."""


def parse_datetime(value: object) -> dt.datetime:
    """Read an ISO-8601 timestamp (``2024-07-22T10:34:36.772Z``) as an aware datetime."""
    if value.__class__ is not str and not isinstance(value, str):
        raise TypeError(f"expected an ISO-8601 string, got {type(value).__name__}")
    try:
        parsed = fromisoformat(value)
    except ValueError:
        # Python 3.10 reads no "Z"; 3.11+ takes the fast path above.
        text = str(value)
        parsed = fromisoformat(text[:-1] + "+00:00" if text[-1:] in "Zz" else text)
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def to_float(value: Any) -> float:
    """Read a JSON number as a float (``12`` -> ``12.0``); a bool is not a number."""
    if value.__class__ is float:
        return value
    if value.__class__ is int:
        return float(value)
    raise expected("float", value)


def str_list(value: Any) -> list[str]:
    """Read a JSON array of strings (copied); a string is not a list of its characters."""
    if value.__class__ is not list:
        raise expected("an array of strings", value)
    for item in value:
        if item.__class__ is not str:
            break
    else:
        return value[:]
    index = next(i for i, item in enumerate(value) if item.__class__ is not str)
    raise StructureError(f"expected str, got {json_type(value[index])}", f"[{index}]")


def str_or_str_list(value: Any) -> str | list[str]:
    """``ErrorBody.message``: NestJS sends one string, or a list of them for validation errors."""
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return value
    raise StructureError("expected a string or a list of strings")


def list_of(structure_item: Callable[[Any], T], value: Any) -> list[T]:
    """Read a JSON array of models, each built by ``structure_item``.

    The happy path is one comprehension. Only when an item fails are the items walked again one
    by one to find its index: the same item fails first, so the error costs at most twice the
    work up to it, and nothing is built for the items after it.
    """
    if value.__class__ is not list:
        raise expected("a JSON array", value)
    try:
        return [structure_item(item) for item in value]
    except StructureError:
        pass
    for index, item in enumerate(value):
        try:
            structure_item(item)
        except StructureError as failure:
            failure.steps.append(f"[{index}]")
            raise
    raise AssertionError("an item failed once and then never")  # pragma: no cover


def members_of(enum_cls: type[E]) -> dict[str, E]:
    """Return the members of ``enum_cls`` by value: one dict lookup reads a known value."""
    members: dict[str, E] = enum_cls._value2member_map_  # type: ignore[assignment]
    return members


def unknown_enum(enum_cls: type[E], value: Any, model: str, wire_name: str) -> E:
    """Read a value that is no member of ``enum_cls``: a pseudo-member if it is a string.

    A newer server's value is kept (see :class:`SigmaEnum`) and reported once to the drift
    recorder; anything but a string is a decode failure.
    """
    if value.__class__ is not str:
        raise expected(f"a {enum_cls.__name__} string", value)
    _drift.recorder.unknown_enum_value(model, wire_name, enum_cls.__name__, value)
    return enum_cls(value)


def raw_class(cls: type[T]) -> Callable[[], T]:
    """Return a subclass of attrs class ``cls`` with the same slots and no ``__setattr__`` hooks.

    Typed as what the structure functions do with it: call it for a bare instance.

    attrs' ``__setattr__`` runs a field's converter and validators again; the structure
    functions have already checked and converted each value. They build a bare instance of this
    class by calling it (its ``__init__`` is ``object.__init__``), set its slots by plain
    assignment (``object.__setattr__``: the interpreter stores a slot in one specialised
    instruction, where calling the slot descriptor's ``__set__`` is a method call), then assign
    ``__class__ = cls``: the layouts are the same (``__slots__ = ()``), so the instance simply
    becomes a ``cls``. No instance of the subclass outlives a structure function, but
    ``cls.__subclasses__()`` lists it (a private ``_Raw<Model>`` of this module).
    """
    namespace = {
        "__slots__": (),
        "__setattr__": object.__setattr__,
        # ``raw()`` makes a bare instance, as ``object.__new__(raw)`` does but cheaper: the
        # call takes no argument tuple, and attrs' ``__init__`` is not run.
        "__init__": object.__init__,
        "__module__": __name__,
    }
    return type(f"_Raw{cls.__name__}", (cls,), namespace)


def unknown_keys(model: str, data: dict[str, Any], known: frozenset[str]) -> None:
    """Report the keys of ``data`` that ``model`` does not declare (called when some are new)."""
    _drift.recorder.unknown_keys(model, data.keys(), known)


def accepted_keys(model: str, known: frozenset[str]) -> set[str]:
    """Return the keys a ``model`` body may carry unreported: ``known`` and those already held."""
    return _drift.recorder.accepted_keys(model, known)
