"""Runtime pieces the generated models (``sigma_async/models.py``) are built from.

The code generator writes only declarations; everything with behaviour lives here, so a fix
never means editing generated code.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from collections.abc import Callable
from typing import Any, Final

import attrs

from .errors import SigmaValidationError

__all__ = [
    "UNSET",
    "WIRE_NAME",
    "SigmaEnum",
    "Unset",
    "at_least",
    "length",
    "redacted_repr",
    "typed",
]

WIRE_NAME: Final = "sigma_wire_name"
"""The ``attrs`` metadata key holding a field's exact JSON key."""


class Unset(enum.Enum):
    """The type of :data:`UNSET`: "not given", as opposed to an explicit ``None`` (JSON null)."""

    UNSET = "UNSET"

    def __repr__(self) -> str:
        return "UNSET"

    def __bool__(self) -> bool:
        return False


UNSET: Final = Unset.UNSET
"""Default of optional nullable fields: left out of the request body, unlike ``None``."""


class SigmaEnum(str, enum.Enum):
    """Base of the API's string enums.

    A value this SDK version does not know (a newer server's) still converts: it becomes a
    pseudo-member whose ``value`` is the raw string and whose ``known`` is False, so reading a
    response never fails on a new enum value. Members compare equal to their wire strings.
    """

    @classmethod
    def _missing_(cls, value: object) -> Any:
        if not isinstance(value, str):
            return None
        # Not cached in _value2member_map_: hostile input must not grow the class.
        pseudo = str.__new__(cls, value)
        pseudo._name_ = value
        pseudo._value_ = value
        return pseudo

    @property
    def known(self) -> bool:
        """Whether this value is one the spec lists (False for a newer server's value)."""
        return self._value_ in type(self)._value2member_map_

    def __str__(self) -> str:
        return str(self._value_)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._value_!r})"


def _is_given(value: object) -> bool:
    return value is not None and value is not UNSET


def length(minimum: int | None, maximum: int | None) -> Any:
    """Check, as an attrs validator, a string's ``minLength``/``maxLength``."""

    def validate(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, str) or not _is_given(value):
            return
        name = f"{type(instance).__name__}.{attribute.name}"
        if minimum is not None and len(value) < minimum:
            raise SigmaValidationError(
                f"{name} must have at least {minimum} character(s), got {len(value)}"
            )
        if maximum is not None and len(value) > maximum:
            raise SigmaValidationError(
                f"{name} must have at most {maximum} characters, got {len(value)}"
            )

    return validate


def at_least(minimum: float) -> Any:
    """Check, as an attrs validator, a number is no smaller than the spec's ``minimum``."""

    def validate(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return
        if value < minimum:
            name = f"{type(instance).__name__}.{attribute.name}"
            raise SigmaValidationError(f"{name} must be at least {minimum:g}, got {value!r}")

    return validate


_Check = Callable[[object], bool]


def _check_for(tp: Any) -> tuple[_Check, str]:
    """Return a test for one annotation arm, and how a message names the type it wants."""
    if tp is type(None):
        return (lambda value: value is None), "None"
    if tp is Unset:
        return (lambda value: value is UNSET), "UNSET"
    if tp is bool:
        return (lambda value: value is True or value is False), "bool"
    if tp is int:  # a bool is an int to Python, not to the spec
        return (lambda value: isinstance(value, int) and not isinstance(value, bool)), "int"
    if tp is float:  # a JSON number: an int is a float's value too
        return (lambda value: isinstance(value, (int, float)) and not isinstance(value, bool)), (
            "float"
        )
    if tp is str:
        return (lambda value: isinstance(value, str)), "str"
    if tp is dt.datetime:
        return (lambda value: isinstance(value, dt.datetime)), "datetime"
    if typing.get_origin(tp) is list:
        (item_type,) = typing.get_args(tp)
        check_item, item_name = _check_for(item_type)
        return (
            lambda value: isinstance(value, list) and all(check_item(item) for item in value)
        ), f"list[{item_name}]"
    if isinstance(tp, type):  # an enum (its converter has made a member) or a model
        return (lambda value: isinstance(value, tp)), tp.__name__
    raise TypeError(f"no type check for {tp!r}")  # pragma: no cover - the generator's types


def _union_arms(tp: Any) -> tuple[Any, ...]:
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        return typing.get_args(tp)
    return (tp,)


_type_checks: dict[tuple[type[Any], str], tuple[_Check, str]] = {}


def _field_check(cls: type[Any], name: str) -> tuple[_Check, str]:
    # Resolved on first use: the annotations are strings until every model class exists.
    key = (cls, name)
    if key not in _type_checks:
        arms = [_check_for(arm) for arm in _union_arms(typing.get_type_hints(cls)[name])]
        tests = [test for test, _ in arms]
        wanted = " | ".join(label for _, label in arms)
        _type_checks[key] = (lambda value: any(test(value) for test in tests)), wanted
    return _type_checks[key]


def typed(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Check, as an attrs validator, that a value has its field's spec type.

    ``ChannelCreate(tags="abc")`` must not be sent as ``["a", "b", "c"]``: every field's value is
    checked against its annotation (generated from the spec) when a model is built or a field is
    set. Enum fields accept a member or its string (the field's converter has made the member
    already); number fields refuse bools. The message names the type, never the value (it may be
    a secret).
    """
    check, wanted = _field_check(type(instance), attribute.name)
    if not check(value):
        name = f"{type(instance).__name__}.{attribute.name}"
        raise SigmaValidationError(
            f"{name} must be {wanted}, got {type(value).__name__} (not the spec's JSON type)"
        )


def redacted_repr(value: object) -> str:
    """Represent a secret field: show that it is set, never what it is."""
    return repr(value) if value is None or value is UNSET else "'***'"
