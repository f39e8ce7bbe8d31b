"""Property tests: any JSON given to any model gives a model or the SDK's decode error."""

from __future__ import annotations

import typing
from typing import Any

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sigma_async import ResponseDecodeError, models
from sigma_async._convert import structure, unstructure
from sigma_async._model_support import WIRE_NAME, SigmaEnum

MODEL_CLASSES = [
    value for value in vars(models).values() if isinstance(value, type) and attrs.has(value)
]

json_scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
json_values = st.recursive(
    json_scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


def plausible(cls: Any, depth: int = 0) -> st.SearchStrategy[Any]:
    """Objects with the model's own wire keys and random (often right, often wrong) values."""
    hints = typing.get_type_hints(cls)
    keys = {}
    for field in attrs.fields(cls):
        keys[field.metadata[WIRE_NAME]] = value_for(hints[field.name], depth)
    return st.fixed_dictionaries({}, optional=keys)


def value_for(tp: Any, depth: int) -> st.SearchStrategy[Any]:
    args = [arg for arg in typing.get_args(tp) if arg is not type(None)]
    if attrs.has(tp) and depth < 3:
        return plausible(tp, depth + 1) | json_values
    if typing.get_origin(tp) is list and args:
        return st.lists(value_for(args[0], depth), max_size=3) | json_values
    if args:
        return st.one_of([value_for(arg, depth) for arg in args]) | st.none()
    if isinstance(tp, type) and issubclass(tp, SigmaEnum):
        return st.sampled_from([m.value for m in tp]) | st.text(max_size=5) | json_values
    if tp is str:
        return st.text(max_size=60) | json_values
    return json_values | st.sampled_from(["2024-07-22T11:33:50.903Z", "2024-07-22", "nope"])


@settings(suppress_health_check=[HealthCheck.too_slow])  # examples: the profile's
@given(data=st.data())
def test_any_json_gives_a_model_or_the_decode_error(data: st.DataObject) -> None:
    for cls in MODEL_CLASSES:
        payload = data.draw(json_values | plausible(cls), label=cls.__name__)
        try:
            model = structure(payload, cls)
        except ResponseDecodeError as error:
            failure: ResponseDecodeError | None = error
        else:
            failure = None
            assert isinstance(model, cls)
            # What we read, we can write, and reading it again gives the same model.
            assert structure(unstructure(model), cls) == model
        assert failure is None or failure.path is None or failure.path.startswith("$")
