"""The generated structure functions: the same models as cattrs' generic structuring builds.

``generic_decoding`` decodes by the same rules through cattrs' own per-model functions (the
converter the generated ones replaced, without a copy of it). Over every model, for any plausible
or random JSON, both must accept the same bodies, build models that are equal with equal reprs,
and name the same wire path on failure.
"""

from __future__ import annotations

import collections
import typing
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sigma_async import ResponseDecodeError, models
from sigma_async._convert import converter, structure, unstructure
from sigma_async._model_support import WIRE_NAME, SigmaEnum
from sigma_async._structure import STRUCTURE_FUNCTIONS

from . import generic_decoding
from .samples import guide_samples
from .test_convert_properties import MODEL_CLASSES, json_values, plausible, value_for
from .test_request_types import minimal


def _outcome(decode: Any, payload: Any, cls: Any) -> tuple[str, Any]:
    try:
        model = decode(payload, cls)
    except ResponseDecodeError as error:
        return "error", error.path
    return "model", model


def _field_types(model: Any) -> Any:
    """Each field's value type, recursively: equal models may still differ in 5 vs 5.0."""
    if not attrs.has(type(model)):
        if isinstance(model, list):
            return [_field_types(item) for item in model]
        return type(model)
    return {f.name: _field_types(getattr(model, f.name)) for f in attrs.fields(type(model))}


def assert_same(payload: Any, cls: Any) -> None:
    new_kind, new = _outcome(structure, payload, cls)
    old_kind, old = _outcome(generic_decoding.structure, payload, cls)
    assert new_kind == old_kind, (payload, new, old)
    if new_kind == "error":
        # The same wire path; where the reference could only say "$" (a constraint such as
        # ChannelCreate.name's length failed in attrs' __init__), the new one names the field.
        assert new == old or (old == "$" and new.startswith("$")), payload
    else:
        assert type(new) is cls
        assert new == old
        assert repr(new) == repr(old)
        assert _field_types(new) == _field_types(old)


def test_every_model_has_a_generated_function_registered_as_its_cattrs_hook() -> None:
    assert set(STRUCTURE_FUNCTIONS) == set(MODEL_CLASSES)
    sample = {"id": "a", "name": "n", "type": "forward"}
    assert converter.structure(sample, models.Channel) == structure(sample, models.Channel)


@pytest.mark.parametrize(("fixture", "schema", "sample"), guide_samples())
def test_guide_samples_decode_as_the_reference_did(fixture: str, schema: str, sample: Any) -> None:
    assert_same(sample, getattr(models, schema))


# One value of each JSON kind, and the strings and arrays that some field takes.
ANY_FIELD_VALUES: list[Any] = [
    None, True, False, 0, 7, 1.5, -1, "", "abc", "2024-07-22T11:33:50.903Z", "2024-07-22",
    [], ["abc"], [1], [None], {}, {"id": "a"},
]  # fmt: skip


def _enum_values(tp: Any) -> list[str]:
    arms = typing.get_args(tp) or (tp,)
    return [
        m.value for arm in arms if isinstance(arm, type) and issubclass(arm, SigmaEnum) for m in arm
    ]


@pytest.mark.parametrize("cls", MODEL_CLASSES, ids=lambda cls: cls.__name__)
def test_every_field_given_every_kind_of_value_matches_reference(cls: Any) -> None:
    # Deterministic, beside the random tests below: each field of a valid body in turn, given
    # each kind of JSON value (and each of its enum's values), decodes or fails as cattrs does.
    body = unstructure(minimal(cls))
    hints = typing.get_type_hints(cls)
    for field in attrs.fields(cls):
        for value in [*ANY_FIELD_VALUES, *_enum_values(hints[field.name])]:
            assert_same({**body, field.metadata[WIRE_NAME]: value}, cls)


@pytest.mark.parametrize("cls", MODEL_CLASSES, ids=lambda cls: cls.__name__)
def test_a_body_with_as_many_keys_as_required_fields_matches_reference(cls: Any) -> None:
    # The structure functions take a short path for a body of exactly the required keys; a
    # body with that many keys but one required key swapped for another key must not take it.
    body = unstructure(minimal(cls))
    required = [f.metadata[WIRE_NAME] for f in attrs.fields(cls) if f.default is attrs.NOTHING]
    others = [f.metadata[WIRE_NAME] for f in attrs.fields(cls) if f.default is not attrs.NOTHING]
    for missing in required:
        rest = {key: value for key, value in body.items() if key != missing}
        for key in [*others, "notInTheSpec"]:
            for value in ANY_FIELD_VALUES:
                assert_same({**rest, key: value}, cls)


@pytest.mark.parametrize("cls", MODEL_CLASSES, ids=lambda cls: cls.__name__)
def test_a_body_with_every_key_matches_reference(cls: Any) -> None:
    # A body with as many keys as fields takes the every-key path (no `in` test per key):
    # every key present (the optional ones null), each field given each kind of value; then
    # each optional key swapped for an unknown one, also in a dict subclass that answers a
    # missing key: an absent key is absent there too (the `in` path reads it), as in a dict.
    optional = [f.metadata[WIRE_NAME] for f in attrs.fields(cls) if f.default is not attrs.NOTHING]
    body = {**dict.fromkeys(optional), **unstructure(minimal(cls))}
    hints = typing.get_type_hints(cls)
    for field in attrs.fields(cls):
        for value in [*ANY_FIELD_VALUES, *_enum_values(hints[field.name])]:
            assert_same({**body, field.metadata[WIRE_NAME]: value}, cls)
    for dropped in optional:
        swapped = {**{k: v for k, v in body.items() if k != dropped}, "notInTheSpec": None}
        assert_same(swapped, cls)
        answering = collections.defaultdict(lambda: "answered", swapped)
        assert _outcome(structure, answering, cls) == _outcome(structure, swapped, cls)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_structure_matches_reference(data: st.DataObject) -> None:
    for cls in MODEL_CLASSES:
        payload = data.draw(plausible(cls) | json_values, label=cls.__name__)
        assert_same(payload, cls)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_bodies_with_every_key_match_reference(data: st.DataObject) -> None:
    # A body with as many keys as the model has fields takes the every-key path, which reads
    # an optional key without testing for it; `plausible` rarely draws every key of a large
    # model. Random values under every key, then one key dropped for an unknown one.
    for cls in MODEL_CLASSES:
        hints = typing.get_type_hints(cls)
        keys = {f.metadata[WIRE_NAME]: value_for(hints[f.name], 0) for f in attrs.fields(cls)}
        body = data.draw(st.fixed_dictionaries(keys), label=cls.__name__)
        assert_same(body, cls)
        dropped = data.draw(st.sampled_from(sorted(body)), label="dropped")
        swapped = {**{k: v for k, v in body.items() if k != dropped}, "notInTheSpec": None}
        assert_same(swapped, cls)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_pages_of_plausible_items_match_reference(data: st.DataObject) -> None:
    for page, item in (
        (models.SessionPage, models.Session),
        (models.ChannelPage, models.Channel),
        (models.EventPage, models.Event),
    ):
        items = data.draw(st.lists(plausible(item), max_size=4), label=page.__name__)
        assert_same({"data": items, "total": len(items)}, page)


def test_models_are_built_without_rerunning_converters() -> None:
    # A bare instance with every slot set: no attrs __init__, so each enum is converted once.
    seen: list[Any] = []
    original = models.Channel.__init__

    def spy(self: Any, **kwargs: Any) -> None:
        seen.append(kwargs)
        original(self, **kwargs)

    models.Channel.__init__ = spy  # type: ignore[method-assign]
    try:
        channel = structure({"id": "a", "name": "n", "type": "forward"}, models.Channel)
    finally:
        models.Channel.__init__ = original  # type: ignore[method-assign]
    assert seen == []
    assert channel == models.Channel(id="a", name="n", type=models.ChannelType.FORWARD)
    assert channel.type is models.ChannelType.FORWARD
    for field in attrs.fields(models.Channel):
        getattr(channel, field.name)  # every slot is set


@pytest.mark.parametrize("cls", MODEL_CLASSES, ids=lambda cls: cls.__name__)
def test_each_required_field_missing_is_named_by_its_wire_name(cls: Any) -> None:
    hints = typing.get_type_hints(cls)
    required = [f for f in attrs.fields(cls) if f.default is attrs.NOTHING]
    for field in required:
        with pytest.raises(ResponseDecodeError) as caught:
            structure({}, cls)
        assert caught.value.path == f"$.{required[0].metadata['sigma_wire_name']}"
        assert hints[field.name] is not None


def test_a_body_with_two_faults_names_the_one_the_reference_named() -> None:
    # The constraint (name's length) is checked after every field, as attrs' __init__ does.
    assert_same({"name": "", "destinationCatchup": {}}, models.ChannelCreate)
    assert_same({"name": "", "stopTimeout": "x"}, models.ChannelCreate)


def test_no_half_built_model_is_left_in_the_traceback() -> None:
    # A failure mid-model must not leave an instance with unset slots in the frames of the
    # error or of its context (its repr would raise where tools print locals).
    body = {"data": [{"id": "s", "status": "live", "channel": {"id": 5}}]}
    with pytest.raises(ResponseDecodeError) as caught:
        structure(body, models.SessionPage)
    error: BaseException | None = caught.value
    frames = 0
    while error is not None:
        traceback = error.__traceback__
        while traceback is not None:
            frames += 1
            for value in traceback.tb_frame.f_locals.values():
                repr(value)
            traceback = traceback.tb_next
        error = error.__context__
    assert frames >= 3  # the inner structure functions' frames were walked
