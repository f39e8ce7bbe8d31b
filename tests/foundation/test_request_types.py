"""Models check their field types at construction: a wrong value is refused before it is sent.

A sweep over every model and every field: each right value of the field's spec type is accepted,
every other value from a pool of JSON-ish and Python values raises ``SigmaValidationError``
naming the field, and so does setting it afterwards.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from typing import Any

import attrs
import pytest

from sigma_async import UNSET, ChannelCreate, SigmaValidationError, models
from sigma_async._convert import unstructure
from sigma_async._model_support import SigmaEnum, Unset

from .test_convert_properties import MODEL_CLASSES

NOW = dt.datetime(2024, 7, 22, 11, 33, 50, tzinfo=dt.timezone.utc)
POOL: list[Any] = [
    "abc",
    "",
    0,
    7,
    True,
    False,
    1.5,
    None,
    UNSET,
    [],
    ["a"],
    [1],
    ["a", None],
    ("a",),
    {"a": 1},
    b"x",
    NOW,
    object(),
]


def arms(tp: Any) -> tuple[Any, ...]:
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        return typing.get_args(tp)
    return (tp,)


def minimal(cls: Any) -> Any:
    """An instance with only its required fields, each at a right value."""
    hints = typing.get_type_hints(cls)
    kwargs = {
        f.name: right_values(hints[f.name])[0]
        for f in attrs.fields(cls)
        if f.default is attrs.NOTHING
    }
    return cls(**kwargs)


def right_values(tp: Any) -> list[Any]:
    """Values of the annotation's type, the first the plainest."""
    out: list[Any] = []
    for arm in arms(tp):
        if arm is str:
            out += ["abc", ""]
        elif arm is bool:
            out += [True, False]
        elif arm is int:
            out += [0, 7]
        elif arm is float:
            out += [1.5, 7]
        elif arm is dt.datetime:
            out.append(NOW)
        elif arm is type(None):
            out.append(None)
        elif arm is Unset:
            out.append(UNSET)
        elif typing.get_origin(arm) is list:
            (item,) = typing.get_args(arm)
            out += [[], [right_values(item)[0]]]
        elif isinstance(arm, type) and issubclass(arm, SigmaEnum):
            member = next(iter(arm))
            out += [member, member.value, "a-newer-servers-value"]
        elif attrs.has(arm):
            out.append(minimal(arm))
        else:  # pragma: no cover - a new annotation kind needs a rule here
            raise AssertionError(f"no right values for {arm!r}")
    return out


def accepts(tp: Any, value: Any) -> bool:
    """Whether ``value`` is of the annotation's type (the rule the models must follow)."""
    for arm in arms(tp):
        if arm is type(None) and value is None:
            return True
        if arm is Unset and value is UNSET:
            return True
        if arm is str and isinstance(value, str):
            return True
        if arm is bool and isinstance(value, bool):
            return True
        if arm in (int, float) and isinstance(value, int) and not isinstance(value, bool):
            return True
        if arm is float and isinstance(value, float):
            return True
        if arm is dt.datetime and isinstance(value, dt.datetime):
            return True
        if typing.get_origin(arm) is list and isinstance(value, list):
            (item,) = typing.get_args(arm)
            if all(accepts(item, each) for each in value):
                return True
        if isinstance(arm, type) and issubclass(arm, SigmaEnum) and isinstance(value, str):
            return True
        if attrs.has(arm) and isinstance(value, arm):
            return True
    return False


FIELDS = [(cls, field) for cls in MODEL_CLASSES for field in attrs.fields(cls)]


@pytest.mark.parametrize(
    ("cls", "field"), FIELDS, ids=[f"{c.__name__}.{f.name}" for c, f in FIELDS]
)
def test_every_field_takes_its_type_and_refuses_any_other(cls: Any, field: Any) -> None:
    tp = typing.get_type_hints(cls)[field.name]
    base = attrs.asdict(minimal(cls), recurse=False)
    constrained = getattr(field.validator, "__name__", None) != "typed"  # typed + length/minimum
    for value in right_values(tp):
        if constrained and value in ("", 0):
            continue  # a length or minimum constraint refuses it: tested in test_convert
        built = cls(**{**base, field.name: value})
        assert getattr(built, field.name) == value
    for value in POOL:
        if accepts(tp, value):
            continue
        with pytest.raises(SigmaValidationError, match=rf"{cls.__name__}\.{field.name} must be"):
            cls(**{**base, field.name: value})
        instance = cls(**base)
        with pytest.raises(SigmaValidationError, match=rf"{cls.__name__}\.{field.name} must be"):
            setattr(instance, field.name, value)


def test_a_string_is_not_a_list_of_tags() -> None:
    with pytest.raises(SigmaValidationError, match=r"ChannelCreate\.tags must be list\[str\]"):
        ChannelCreate(name="x", tags="abc")  # type: ignore[arg-type]
    assert unstructure(ChannelCreate(name="x", tags=["abc"])) == {"name": "x", "tags": ["abc"]}


def test_the_message_names_the_type_never_the_value() -> None:
    secret = b"AKIA-unique-value"
    with pytest.raises(SigmaValidationError) as caught:
        models.S3Destination(secret_key=secret)  # type: ignore[arg-type]
    assert "AKIA-unique-value" not in str(caught.value)
    assert "S3Destination.secret_key must be str | None, got bytes" in str(caught.value)
    assert "JSON" in str(caught.value)


def test_enum_fields_take_a_member_or_its_string_and_refuse_other_types() -> None:
    assert ChannelCreate(name="x", type="forward").type is models.ChannelType.FORWARD
    assert ChannelCreate(name="x", type=models.ChannelType.HYBRID).type is models.ChannelType.HYBRID
    with pytest.raises(SigmaValidationError, match=r"ChannelCreate\.type must be ChannelType"):
        ChannelCreate(name="x", type=5)  # type: ignore[arg-type]
