"""JSON <-> model conversion with cattrs, kept apart from the generated models.

Rules (the README's "Unset and None" section says the same to users):

- JSON keys are the exact wire names the generator stored in each field's metadata.
- Timestamps are ISO-8601 strings; they become timezone-aware ``datetime`` (a string without an
  offset is read as UTC) and are written back as UTC with milliseconds and ``Z``.
- Unknown keys in a response are ignored; an unknown enum value becomes a pseudo-member of its
  enum carrying the raw string (``member.known`` is False).
- Primitives are checked, not coerced: ``"false"`` is not a bool and ``12`` is not a string.
- Writing a model leaves out every field still at its default: ``None`` on optional fields that
  may not be null, ``UNSET`` on those that may. ``None`` on a nullable field is sent as ``null``.

Models are structured by functions specialised per model at codegen time
(``sigma_async/_structure.py``), registered as this converter's cattrs hooks. They check and
convert each field once and raise at the first bad value with its wire path, so a wrong-shaped
body costs no more than a right one up to that value (see ``sigma_async/_decode_support.py``).
Other targets (a bare ``str``, ``list[str]``) go through cattrs with the checking hooks below.
:func:`generic_converter` builds the same converter with cattrs' own per-model functions in place
of the generated ones: the oracle the tests hold the generated functions to.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Callable
from typing import Any, Final, TypeVar

import attrs
import cattrs
from cattrs.cols import list_structure_factory
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from . import models
from ._decode_support import StructureError, json_type, parse_datetime
from ._json import loads
from ._model_support import WIRE_NAME, SigmaEnum, Unset
from ._structure import STRUCTURE_FUNCTIONS
from .errors import ResponseDecodeError

__all__ = [
    "converter",
    "decode_error",
    "format_datetime",
    "generic_converter",
    "loads",
    "parse_datetime",
    "structure",
    "unstructure",
]

T = TypeVar("T")


def format_datetime(value: dt.datetime) -> str:
    """Write a datetime as the service does: UTC, milliseconds, ``Z``."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.timezone.utc)
    text = value.astimezone(dt.timezone.utc).isoformat(timespec="milliseconds")
    return text.removesuffix("+00:00") + "Z"


def _expected(kind: str, value: object) -> TypeError:
    return TypeError(f"expected {kind}, got {json_type(value)}")


_Hook = Callable[[Any, Any], Any]
"""A cattrs structure hook: ``hook(value, target_type)``."""


# Hooks that check instead of coercing (cattrs would turn "false" into True). JSON decoding
# yields exactly these classes, so a class identity test is the whole check, and it keeps bool
# from passing as a number.
def _exact_hooks(cls: type[Any], kind: str) -> tuple[_Hook, _Hook]:
    """Hooks (required, optional) that accept a value of exactly ``cls`` and return it."""

    def required(value: Any, _: Any) -> Any:
        if value.__class__ is cls:
            return value
        raise _expected(kind, value)

    def optional(value: Any, _: Any) -> Any:
        if value.__class__ is cls or value is None:
            return value
        raise _expected(f"{kind} | None", value)

    return required, optional


def _with_none(required: _Hook) -> tuple[_Hook, _Hook]:
    """Hooks (required, optional) where the optional one takes JSON null as None."""
    return required, lambda value, target: None if value is None else required(value, target)


def _float(value: Any, _: Any) -> float:
    if value.__class__ is float or value.__class__ is int:
        return float(value)
    raise _expected("float", value)


def _datetime(value: Any, _: Any) -> dt.datetime:
    return parse_datetime(value)


def _str_list(value: Any, _: Any) -> list[str]:
    if value.__class__ is not list:
        raise _expected("an array of strings", value)
    for item in value:
        if item.__class__ is not str:
            raise _expected("an array of strings", value)
    return value[:]


_LEAF_HOOKS: dict[Any, tuple[_Hook, _Hook]] = {
    str: _exact_hooks(str, "str"),
    bool: _exact_hooks(bool, "bool"),
    int: _exact_hooks(int, "int"),
    float: _with_none(_float),
    dt.datetime: _with_none(_datetime),
    list[str]: _with_none(_str_list),
}


def _enum_hooks(enum_cls: type[SigmaEnum]) -> tuple[_Hook, _Hook]:
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

    return _with_none(structure_enum)


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


def _make_converter(*, generated: bool) -> cattrs.Converter:
    # generated=False builds the generic converter (see generic_converter): cattrs' own
    # per-model hooks, and per-item error paths inside lists of strings.
    converter = cattrs.Converter()
    for kind, (required_hook, _) in _LEAF_HOOKS.items():
        if typing.get_origin(kind) is None:  # a class; list[str] is registered below
            converter.register_structure_hook(kind, required_hook)
    converter.register_unstructure_hook(dt.datetime, format_datetime)
    converter.register_structure_hook(str | list[str] | None, _structure_message)

    leaf_hooks: dict[Any, tuple[_Hook, _Hook]] = dict(_LEAF_HOOKS)
    if not generated:  # so that an optional list[str] takes the per-item path as well
        del leaf_hooks[list[str]]
    for enum_cls in _enum_classes():
        leaf_hooks[enum_cls] = _enum_hooks(enum_cls)
        converter.register_structure_hook(enum_cls, leaf_hooks[enum_cls][0])
        converter.register_unstructure_hook(enum_cls, lambda member: member._value_)

    def structure_optional(tp: Any) -> _Hook:
        # cattrs' own Optional handling dispatches on every call; resolve the arm once instead.
        # UNSET never comes off the wire: a present key is null or a value of the other arm.
        others = [arm for arm in _union_args(tp) if arm not in (Unset, type(None))]
        inner = others[0] if len(others) == 1 else typing.Union[tuple(others)]  # noqa: UP007
        if inner in leaf_hooks:
            return leaf_hooks[inner][1]
        handler = converter.get_structure_hook(inner)
        return lambda value, _: None if value is None else handler(value, inner)

    converter.register_structure_hook_factory(_is_optional, structure_optional)
    converter.register_unstructure_hook(Unset, lambda _: None)

    def structure_strict_list(tp: Any) -> _Hook:
        # cattrs takes any iterable as a list: "abc" would become ["a", "b", "c"].
        structure_items = list_structure_factory(tp, converter)

        def structure_list(value: Any, tp: Any) -> Any:
            if value.__class__ is not list:
                raise TypeError(f"expected a JSON array, got {json_type(value)}")
            return structure_items(value, tp)

        return structure_list

    converter.register_structure_hook_factory(_is_list, structure_strict_list)
    if generated:
        converter.register_structure_hook_func(lambda tp: tp == list[str], _str_list)
        # Models: the generated functions, one per class (cattrs calls hooks as hook(value, type)).
        for cls, structure_model in STRUCTURE_FUNCTIONS.items():
            converter.register_structure_hook(cls, _as_hook(structure_model))
    else:
        converter.register_structure_hook_factory(
            attrs.has, lambda cls: _generic_model_hook(cls, converter)
        )

    def unstructure_model(cls: type[Any]) -> Callable[[Any], Any]:
        return make_dict_unstructure_fn(
            cls,
            converter,
            _cattrs_omit_if_default=True,
            **_wire_names(cls),
        )

    converter.register_unstructure_hook_factory(attrs.has, unstructure_model)
    return converter


def _wire_names(cls: type[Any]) -> dict[str, Any]:
    """Return the cattrs overrides that read and write each field of ``cls`` under its wire name."""
    return {a.name: override(rename=a.metadata[WIRE_NAME]) for a in attrs.fields(cls)}


def _generic_model_hook(cls: type[Any], converter: cattrs.Converter) -> _Hook:
    """Build cattrs' structure function for ``cls`` under its wire names, for a JSON object only."""
    structure_fields = make_dict_structure_fn(
        cls,
        converter,
        **_wire_names(cls),
    )

    def structure_object(value: Any, tp: Any) -> Any:
        # cattrs reads an optional key as `key in value`, which a list or a string answers too.
        if not isinstance(value, dict):
            raise TypeError(f"expected a JSON object, got {json_type(value)}")
        return structure_fields(value, tp)

    return structure_object


def _as_hook(structure_model: Callable[[Any], Any]) -> Callable[[Any, Any], Any]:
    return lambda value, _: structure_model(value)


def _enum_classes() -> list[type[SigmaEnum]]:
    return [
        value
        for value in vars(models).values()
        if isinstance(value, type) and issubclass(value, SigmaEnum) and value is not SigmaEnum
    ]


converter: Final = _make_converter(generated=True)
"""The cattrs converter: structure hooks for every model (generated) and leaf, and the writer."""


def generic_converter() -> cattrs.Converter:
    """Build a converter by the same rules that structures models with cattrs' own functions.

    It leaves out the generated functions of ``_structure.py``: the tests hold them to what it
    builds, and to the wire path of its first failure (``cattrs.transform_error`` names it), for
    every model. Each call builds a new converter; the SDK itself never uses one.
    """
    return _make_converter(generated=False)


def structure(data: Any, cls: type[T]) -> T:
    """Build a ``cls`` from decoded JSON, or raise :class:`ResponseDecodeError` naming the field."""
    structure_model = STRUCTURE_FUNCTIONS.get(cls)
    try:
        if structure_model is not None:  # every model: skip cattrs' dispatch
            return structure_model(data)  # type: ignore[no-any-return]
        return converter.structure(data, cls)
    except StructureError as failure:
        raise decode_error(cls, failure) from None
    except Exception as error:  # a non-model target (str, list[str]) failed in cattrs
        message = str(error) or type(error).__name__
        name = getattr(cls, "__name__", str(cls))
        raise ResponseDecodeError(f"response does not fit {name}: {message}", path="$") from None


def decode_error(cls: type[Any], failure: StructureError) -> ResponseDecodeError:
    """Return the :class:`ResponseDecodeError` for a structure function's ``failure``."""
    return ResponseDecodeError(
        f"response does not fit {cls.__name__}: {failure.message}", path=failure.path
    )


def unstructure(model: Any) -> Any:
    """Turn a model (or a list of models) into JSON-ready data, by the rules above."""
    return converter.unstructure(model)
