"""The converter as it was before the generated structure functions: the reference they must match.

Kept verbatim (imports made absolute) so ``test_structure_matches_reference`` can check that the
generated decoder builds exactly the models cattrs built, and fails exactly where it failed.
Not used by the SDK.

Original docstring: JSON <-> model conversion with cattrs, kept apart from the generated models.

Rules (the README's "Unset and None" section says the same to users):

- JSON keys are the exact wire names the generator stored in each field's metadata.
- Timestamps are ISO-8601 strings; they become timezone-aware ``datetime`` (a string without an
  offset is read as UTC) and are written back as UTC with milliseconds and ``Z``.
- Unknown keys in a response are ignored; an unknown enum value becomes a pseudo-member of its
  enum carrying the raw string (``member.known`` is False).
- Primitives are checked, not coerced: ``"false"`` is not a bool and ``12`` is not a string.
- Writing a model leaves out every field still at its default: ``None`` on optional fields that
  may not be null, ``UNSET`` on those that may. ``None`` on a nullable field is sent as ``null``.

Structuring runs a fast converter first; only when that fails does a second converter with
cattrs' detailed validation run, to name the bad field in the :class:`ResponseDecodeError`.
"""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from collections.abc import Callable
from typing import Any, TypeVar

import attrs
import cattrs
from cattrs.cols import list_structure_factory
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from sigma_async import models
from sigma_async._model_support import WIRE_NAME, SigmaEnum, Unset
from sigma_async.errors import ResponseDecodeError

__all__ = ["format_datetime", "parse_datetime", "structure", "unstructure"]

T = TypeVar("T")


def parse_datetime(value: object) -> dt.datetime:
    """Read an ISO-8601 timestamp (``2024-07-22T10:34:36.772Z``) as an aware datetime."""
    if not isinstance(value, str):
        raise TypeError(f"expected an ISO-8601 string, got {type(value).__name__}")
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        # Python 3.10 reads no "Z"; 3.11+ takes the fast path above.
        parsed = dt.datetime.fromisoformat(value[:-1] + "+00:00" if value[-1:] in "Zz" else value)
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=dt.timezone.utc)


def format_datetime(value: dt.datetime) -> str:
    """Write a datetime as the service does: UTC, milliseconds, ``Z``."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.timezone.utc)
    text = value.astimezone(dt.timezone.utc).isoformat(timespec="milliseconds")
    return text.removesuffix("+00:00") + "Z"


def _expected(kind: str, value: object) -> TypeError:
    return TypeError(f"expected {kind}, got {_json_type(value)}")


# Hooks that check instead of coercing (cattrs would turn "false" into True). JSON decoding
# yields exactly these classes, and bool must not pass as a number. They are written out one
# by one because they run for nearly every field of every record.
def _str(value: Any, _: Any) -> str:
    if value.__class__ is str:
        return value
    raise _expected("str", value)


def _optional_str(value: Any, _: Any) -> str | None:
    if value.__class__ is str or value is None:
        return value
    raise _expected("str | None", value)


def _bool(value: Any, _: Any) -> bool:
    if value is True or value is False:
        return value
    raise _expected("bool", value)


def _optional_bool(value: Any, _: Any) -> bool | None:
    if value is True or value is False or value is None:
        return value
    raise _expected("bool | None", value)


def _int(value: Any, _: Any) -> int:
    if value.__class__ is int:
        return value
    raise _expected("int", value)


def _optional_int(value: Any, _: Any) -> int | None:
    if value.__class__ is int or value is None:
        return value
    raise _expected("int | None", value)


def _float(value: Any, _: Any) -> float:
    if value.__class__ is float or value.__class__ is int:
        return float(value)
    raise _expected("float", value)


def _optional_float(value: Any, _: Any) -> float | None:
    return None if value is None else _float(value, _)


def _datetime(value: Any, _: Any) -> dt.datetime:
    return parse_datetime(value)


def _optional_datetime(value: Any, _: Any) -> dt.datetime | None:
    return None if value is None else parse_datetime(value)


def _str_list(value: Any, _: Any) -> list[str]:
    if value.__class__ is not list:
        raise _expected("an array of strings", value)
    for item in value:
        if item.__class__ is not str:
            raise _expected("an array of strings", value)
    return value[:]


def _optional_str_list(value: Any, _: Any) -> list[str] | None:
    return None if value is None else _str_list(value, _)


_LEAF_HOOKS: dict[Any, tuple[Callable[[Any, Any], Any], Callable[[Any, Any], Any]]] = {
    str: (_str, _optional_str),
    bool: (_bool, _optional_bool),
    int: (_int, _optional_int),
    float: (_float, _optional_float),
    dt.datetime: (_datetime, _optional_datetime),
    list[str]: (_str_list, _optional_str_list),
}


def _enum_hooks(
    enum_cls: type[SigmaEnum],
) -> tuple[Callable[[Any, Any], Any], Callable[[Any, Any], Any]]:
    """Structure hooks for one enum (required, optional): a dict lookup, not ``Enum()``."""
    members = enum_cls._value2member_map_
    expected = f"a {enum_cls.__name__} string"

    def structure_enum(value: Any, _: Any) -> Any:
        member = members.get(value) if value.__class__ is str else None
        if member is not None:
            return member
        if value.__class__ is str:
            return enum_cls(value)  # a newer server's value: a pseudo-member, see SigmaEnum
        raise _expected(expected, value)

    def structure_optional_enum(value: Any, _: Any) -> Any:
        return None if value is None else structure_enum(value, _)

    return structure_enum, structure_optional_enum


def _structure_message(value: Any, _: Any) -> str | list[str] | None:
    # ErrorBody.message: NestJS sends one string, or a list of strings for validation errors.
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return value
    raise TypeError("expected a string or a list of strings")


def _union_args(tp: Any) -> tuple[Any, ...]:
    origin = typing.get_origin(tp)
    return typing.get_args(tp) if origin in (typing.Union, types.UnionType) else ()


def _is_list(tp: Any) -> bool:
    return bool(typing.get_origin(tp) is list)


def _is_optional(tp: Any) -> bool:
    arms = _union_args(tp)
    return type(None) in arms and len([a for a in arms if a not in (Unset, type(None))]) == 1


def _make_converter(*, detailed: bool) -> cattrs.Converter:
    converter = cattrs.Converter(detailed_validation=detailed)
    for kind, (required_hook, _) in _LEAF_HOOKS.items():
        if typing.get_origin(kind) is None:  # a class; list[str] is registered below
            converter.register_structure_hook(kind, required_hook)
    converter.register_unstructure_hook(dt.datetime, format_datetime)
    converter.register_structure_hook(str | list[str] | None, _structure_message)

    leaf_hooks: dict[Any, tuple[Callable[[Any, Any], Any], Callable[[Any, Any], Any]]]
    leaf_hooks = dict(_LEAF_HOOKS)
    for enum_cls in _enum_classes():
        leaf_hooks[enum_cls] = _enum_hooks(enum_cls)
        converter.register_structure_hook(enum_cls, leaf_hooks[enum_cls][0])
        converter.register_unstructure_hook(enum_cls, lambda member: member._value_)

    def structure_optional(tp: Any) -> Callable[[Any, Any], Any]:
        # cattrs' own Optional handling dispatches on every call; resolve the arm once instead.
        # UNSET never comes off the wire: a present key is null or a value of the other arm.
        others = [arm for arm in _union_args(tp) if arm not in (Unset, type(None))]
        inner = others[0] if len(others) == 1 else typing.Union[tuple(others)]  # noqa: UP007
        if inner in leaf_hooks and (typing.get_origin(inner) is None or not detailed):
            return leaf_hooks[inner][1]
        handler = converter.get_structure_hook(inner)
        return lambda value, _: None if value is None else handler(value, inner)

    converter.register_structure_hook_factory(_is_optional, structure_optional)
    converter.register_unstructure_hook(Unset, lambda _: None)

    def structure_strict_list(tp: Any) -> Callable[[Any, Any], Any]:
        # cattrs takes any iterable as a list: "abc" would become ["a", "b", "c"].
        structure_items = list_structure_factory(tp, converter)

        def structure_list(value: Any, tp: Any) -> Any:
            if value.__class__ is not list:
                raise TypeError(f"expected a JSON array, got {_json_type(value)}")
            return structure_items(value, tp)

        return structure_list

    converter.register_structure_hook_factory(_is_list, structure_strict_list)
    if not detailed:
        # One pass over a list of strings; the detailed converter keeps per-item error paths.
        converter.register_structure_hook_func(lambda tp: tp == list[str], _str_list)

    def structure_model(cls: type[Any]) -> Callable[[Any, Any], Any]:
        renames = {a.name: override(rename=a.metadata[WIRE_NAME]) for a in attrs.fields(cls)}
        structure_fn = make_dict_structure_fn(cls, converter, **renames)  # type: ignore[arg-type]
        # A required key is read as value[key], which fails on anything but an object; an
        # optional one as `key in value`, which a list or a string also answers. So a model
        # whose fields are all optional would come out of [] or "x" empty: only such models
        # pay for the check on the fast path.
        if not detailed and any(a.default is attrs.NOTHING for a in attrs.fields(cls)):
            return structure_fn

        def structure_object(value: Any, tp: Any) -> Any:
            # On the detailed (error) path it also turns "not iterable" into a sentence.
            if not isinstance(value, dict):
                raise TypeError(f"expected a JSON object, got {_json_type(value)}")
            return structure_fn(value, tp)

        return structure_object

    def unstructure_model(cls: type[Any]) -> Callable[[Any], Any]:
        renames = {a.name: override(rename=a.metadata[WIRE_NAME]) for a in attrs.fields(cls)}
        return make_dict_unstructure_fn(
            cls,
            converter,
            _cattrs_omit_if_default=True,
            **renames,  # type: ignore[arg-type]
        )

    converter.register_structure_hook_factory(attrs.has, structure_model)
    converter.register_unstructure_hook_factory(attrs.has, unstructure_model)
    return converter


def _enum_classes() -> list[type[SigmaEnum]]:
    return [
        value
        for value in vars(models).values()
        if isinstance(value, type) and issubclass(value, SigmaEnum) and value is not SigmaEnum
    ]


_fast = _make_converter(detailed=False)
_detailed = _make_converter(detailed=True)


def _json_type(value: object) -> str:
    names = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}
    return names.get(type(value), "number" if isinstance(value, (int, float)) else "value")


_PATH_STEP = re.compile(r"\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]")


def _wire_path(cls: Any, path: str) -> str:
    """Rewrite cattrs' attribute path (``$.data[0].created_at``) with wire names (``createdAt``)."""
    out, current = ["$"], cls
    for step in _PATH_STEP.finditer(path.removeprefix("$")):
        name, index = step.groups()
        while _union_args(current):
            arms = [arm for arm in _union_args(current) if arm not in (Unset, type(None))]
            current = arms[0] if arms else None
        if index is not None:
            out.append(f"[{index}]")
            args = typing.get_args(current)
            current = args[0] if args else None
        elif current is not None and attrs.has(current):
            hints = typing.get_type_hints(current)
            field = attrs.fields_dict(current).get(name or "")
            out.append(f".{field.metadata[WIRE_NAME] if field else name}")
            current = hints.get(name or "")
        else:
            out.append(f".{name}")
            current = None
    return "".join(out)


def _describe(cls: Any, error: BaseException) -> tuple[str, str | None]:
    if isinstance(error, cattrs.BaseValidationError):
        messages = cattrs.transform_error(error)
        if messages:
            message, _, path = messages[0].rpartition(" @ ")
            return message or messages[0], _wire_path(cls, path) if path else None
    return str(error) or type(error).__name__, "$"


def structure(data: Any, cls: type[T]) -> T:
    """Build a ``cls`` from decoded JSON, or raise :class:`ResponseDecodeError` naming the field."""
    try:
        return _fast.structure(data, cls)
    except Exception:  # the detailed pass below explains the failure
        pass
    try:
        _detailed.structure(data, cls)
    except Exception as error:  # every failure becomes the SDK's decode error
        message, path = _describe(cls, error)
        raise ResponseDecodeError(
            f"response does not fit {cls.__name__}: {message}", path=path
        ) from None
    raise ResponseDecodeError(f"response does not fit {cls.__name__}")


def unstructure(model: Any) -> Any:
    """Turn a model (or a list of models) into JSON-ready data, by the rules above."""
    return _fast.unstructure(model)
