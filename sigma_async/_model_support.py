"""Runtime pieces the generated models (``sigma_async/models.py``) are built from.

The code generator writes only declarations; everything with behaviour lives here, so a fix
never means editing generated code.
"""

from __future__ import annotations

import enum
from typing import Any, Final

import attrs

from .errors import SigmaValidationError

__all__ = ["UNSET", "WIRE_NAME", "SigmaEnum", "Unset", "at_least", "length", "redacted_repr"]

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


def redacted_repr(value: object) -> str:
    """Represent a secret field: show that it is set, never what it is."""
    return repr(value) if value is None or value is UNSET else "'***'"
