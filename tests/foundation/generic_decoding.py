"""The oracle for the generated structure functions: the same rules through cattrs' generic hooks.

``sigma_async._convert.generic_converter()`` shares the converter's leaf and enum hooks but
structures each model with cattrs' own ``make_dict_structure_fn`` instead of the function the
generator wrote. What is left here is only what the generated functions do by themselves and
cattrs does not: turning cattrs' failure (an attribute path, ``$.data[0].created_at``) into the
SDK's decode error with the wire path (``$.data[0].createdAt``). Not used by the SDK.
"""

from __future__ import annotations

import re
import types
import typing
from typing import Any, TypeVar

import attrs
import cattrs

from sigma_async._convert import generic_converter
from sigma_async._model_support import WIRE_NAME, Unset
from sigma_async.errors import ResponseDecodeError

__all__ = ["structure"]

T = TypeVar("T")

_generic = generic_converter()
_PATH_STEP = re.compile(r"\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]")


def _arms(tp: Any) -> list[Any]:
    """The arms of a union other than None and Unset (``[tp]`` for anything else)."""
    if typing.get_origin(tp) not in (typing.Union, types.UnionType):
        return [tp]
    return [arm for arm in typing.get_args(tp) if arm not in (Unset, type(None))]


def _wire_path(cls: Any, path: str) -> str:
    """Rewrite cattrs' attribute path with each field's wire name, following the types."""
    out, current = ["$"], cls
    for step in _PATH_STEP.finditer(path.removeprefix("$")):
        name, index = step.groups()
        current = _arms(current)[0] if current is not None else None
        if index is not None:
            out.append(f"[{index}]")
            args = typing.get_args(current)
            current = args[0] if args else None
        elif current is not None and attrs.has(current):
            field = attrs.fields_dict(current).get(name)
            out.append(f".{field.metadata[WIRE_NAME] if field else name}")
            current = typing.get_type_hints(current).get(name)
        else:
            out.append(f".{name}")
            current = None
    return "".join(out)


def _where(cls: Any, error: Exception) -> str:
    """The wire path of the first failure cattrs reports (``$`` when it names none)."""
    if isinstance(error, cattrs.BaseValidationError):
        messages = cattrs.transform_error(error)
        if messages:
            _, separator, path = messages[0].rpartition(" @ ")
            if separator:
                return _wire_path(cls, path)
    return "$"


def structure(data: Any, cls: type[T]) -> T:
    """Build a ``cls`` with the generic converter, or raise the decode error with its wire path."""
    try:
        return _generic.structure(data, cls)
    except Exception as error:  # every failure becomes the SDK's decode error
        raise ResponseDecodeError(f"does not fit {cls.__name__}", path=_where(cls, error)) from None
