"""Render sigma_async/_structure.py: one structure function per model, specialised at codegen time.

The input is the generated ``sigma_async/models.py`` itself, read as source (its AST), so the
decoder is made from exactly the declarations the models have: each field's attribute name, wire
name, type annotation, default and constraint validator. Nothing about the spec is restated here.

Each function reads every field inline (no per-field dispatch), checks its type the way the
converter's rules say, and sets the slot by plain assignment on a bare instance of the model's
raw class (``raw_class``: same slots, no ``__setattr__`` hooks), which becomes the model at the
end: attrs' ``__init__`` and hooks would re-run the enum converters the decoder has just applied.
Nested models are direct calls of their own functions. A failure raises ``StructureError`` at the
first bad value, which collects the wire path on its way out (see
``sigma_async/_decode_support.py``).

What the speed comes from, measured against the generic form (``benchmarks/s2_decoding.py``):
``key in data`` / ``data[key]`` rather than a bound ``data.get`` call, plain slot assignment
rather than the slot descriptor's ``__set__``, the short path for a body of only the required
keys, the every-key path for a body with as many keys as fields (each optional key read by
``data[key]`` alone: the ``in`` test it saves is a second hash lookup per field), a bare instance
made by calling the raw class (``object.__new__(raw)`` builds an argument tuple), and inline
fast paths for the common values (a ``...Z`` timestamp, an empty array, an
integral float). The per-field ``step = ".wire"`` stores that name a failure's field cost nothing
measurable and stay.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

HEADER = '''\
# DO NOT EDIT: generated from sigma_async/models.py (itself generated from
# openapi/sigma-livestream.yaml) by codegen/structure.py. Change the spec, the templates or the
# generator, then run `nox -s codegen`; `nox -s codegen-check` fails when this file differs from a
# fresh generation.
"""Structure functions specialised per model: decoded JSON -> model, in one pass.

Registered as the cattrs converter's hooks by ``sigma_async._convert``; call them through
``sigma_async._convert.structure``, which turns a ``StructureError`` into ``ResponseDecodeError``.
"""
'''

_LEAF_CHECKS = {
    # kind -> (condition that the value is wrong, what the message says is expected)
    "str": ("v.__class__ is not str", "str"),
    "int": ("v.__class__ is not int", "int"),
    "bool": ("v is not True and v is not False", "bool"),
}


@dataclass
class Field:
    """One model field as the generated declaration states it."""

    name: str
    wire: str
    kind: str  # str int bool float datetime str_list message enum model model_list
    target: str | None  # the enum or model class for enum / model / model_list
    nullable: bool  # None is a value it may hold (the annotation has `| None`)
    default: str | None  # "None", "UNSET", or None when the field is required
    constraint: str | None  # the constraint validator (length, at_least) the model declares


@dataclass
class Model:
    """One attrs model class and its fields, in declaration order."""

    name: str
    fields: list[Field]

    @property
    def prefix(self) -> str:
        """The model's name in snake case, for the module-level names made for it."""
        return re.sub(r"(?<!^)(?=[A-Z])", "_", self.name).lower()

    @property
    def function(self) -> str:
        return f"structure_{self.prefix}"


def _kind(core: str, enums: set[str], models: set[str]) -> tuple[str, str | None]:
    simple = {"str", "int", "bool", "float", "datetime"}
    if core in simple:
        return core, None
    if core == "list[str]":
        return "str_list", None
    if core in enums:
        return "enum", core
    if core in models:
        return "model", core
    match = re.fullmatch(r"list\[(\w+)\]", core)
    if match and match[1] in models:
        return "model_list", match[1]
    raise ValueError(f"no structure rule for the annotation {core!r}")


def _field(node: ast.AnnAssign, enums: set[str], models: set[str]) -> Field:
    assert isinstance(node.target, ast.Name), ast.dump(node)
    assert isinstance(node.value, ast.Call), f"{node.target.id}: not attrs.field(...)"
    arms = [arm.strip() for arm in ast.unparse(node.annotation).split("|")]
    core = [arm for arm in arms if arm not in ("None", "Unset")]
    keywords = {k.arg: k.value for k in node.value.keywords if k.arg}
    metadata = keywords["metadata"]
    assert isinstance(metadata, ast.Dict), node.target.id
    wire = ast.literal_eval(metadata.values[0])
    if core == ["str", "list[str]"]:
        kind, target = "message", None
    else:
        assert len(core) == 1, f"{node.target.id}: union {arms}"
        kind, target = _kind(core[0], enums, models)
    default = keywords.get("default")
    return Field(
        name=node.target.id,
        wire=wire,
        kind=kind,
        target=target,
        nullable="None" in arms,
        default=None if default is None else ast.unparse(default),
        constraint=_constraint(keywords.get("validator")),
    )


def _constraint(validator: ast.expr | None) -> str | None:
    """The spec constraint among a field's validators; ``typed`` is left out: the decoder checks
    types itself."""
    calls = validator.elts if isinstance(validator, ast.List) else [validator]
    constraints = [ast.unparse(call) for call in calls if isinstance(call, ast.Call)]
    assert len(constraints) <= 1, constraints
    return constraints[0] if constraints else None


def read_models(models_source: str) -> tuple[list[str], list[Model]]:
    """The enum class names and the models (with their fields) that ``models.py`` declares."""
    tree = ast.parse(models_source)
    classes = [node for node in tree.body if isinstance(node, ast.ClassDef)]
    enums = {c.name for c in classes if any(ast.unparse(b) == "SigmaEnum" for b in c.bases)}
    model_names = {c.name for c in classes if c.decorator_list}
    models = [
        Model(
            c.name,
            [_field(n, enums, model_names) for n in c.body if isinstance(n, ast.AnnAssign)],
        )
        for c in classes
        if c.name in model_names
    ]
    return sorted(enums), models


def _convert_lines(field: Field, model: Model) -> list[str]:
    """Statements that turn ``v`` (present, and not None when the field is nullable) into the
    field's value, or raise."""
    kind = field.kind
    if kind in _LEAF_CHECKS:
        wrong, label = _LEAF_CHECKS[kind]
        return [f"if {wrong}:", f"    raise expected({label!r}, v)"]
    if kind == "float":
        # an integral number (a duration of 12) is read inline; to_float rejects the rest
        return [
            "if v.__class__ is not float:",
            "    v = float(v) if v.__class__ is int else to_float(v)",
        ]
    if kind == "datetime":
        # fromisoformat inline (3.11+ reads the service's "...Z" itself); parse_datetime decides
        # everything else (3.10's "Z", a non-string, the error), so the result and the message
        # are parse_datetime's either way.
        return [
            "try:",
            "    v = fromisoformat(v)",
            "except Exception:",
            "    v = parse_datetime(v)",
            "if v.tzinfo is None:",
            "    v = v.replace(tzinfo=UTC)",
        ]
    if kind == "str_list":  # an empty array (most are) needs no call
        return ["v = [] if v.__class__ is list and not v else str_list(v)"]
    if kind == "message":
        return ["v = str_or_str_list(v)"]
    if kind == "enum":
        # A known value is one dict read (the try costs nothing until a value is unknown); only
        # a plain str is looked up: a str subclass or any other value must reach unknown_enum.
        members = f"_{Model(field.target, []).prefix}_members"
        unknown = f"v = unknown_enum(models.{field.target}, v, {model.name!r}, {field.wire!r})"
        return [
            "if v.__class__ is str:",
            "    try:",
            f"        v = {members}[v]",
            "    except KeyError:",
            f"        {unknown}",
            "else:",
            f"    {unknown}",
        ]
    assert field.target is not None
    function = Model(field.target, []).function
    if kind == "model":
        return [f"v = {function}(v)"]
    return [f"v = [] if v.__class__ is list and not v else list_of({function}, v)"]


def _guarded(guard: str | None, convert: list[str]) -> list[str]:
    """``convert`` under ``guard`` (``if v is not None``), or as it is when there is none.

    A one-test conversion (``if wrong: raise``) is folded into the guard, its test first: a
    present value of the right type takes one test and one branch.
    """
    if guard is None:
        return convert
    if len(convert) == 2 and convert[0].startswith("if "):
        return [f"if ({convert[0][3:-1]}) and {guard[3:]}:", convert[1]]
    return [f"{guard}:", *_indented(convert)]


def _field_lines(
    field: Field, model: Model, *, drift_checks: bool, every_key: bool = False
) -> list[str]:
    """Read, check and set one field; ``step`` names it for a failure's wire path.

    ``key in data`` and ``data[key]`` are single specialised instructions (3.11+), where
    ``data.get(key, MISSING)`` is a method call; the slot is set by plain attribute assignment
    on the raw class (see ``raw_class``). On the ``every_key`` path (a body with as many keys
    as the model has fields: most likely all of them) an optional field is read by
    ``data[key]`` alone, and an absent key is the ``KeyError`` of that read: a ``try`` costs
    nothing until it raises (3.11+), and only the read is inside it, so the conversion's own
    errors are not caught there.
    """
    key = repr(field.wire)
    convert = _guarded("if v is not None" if field.nullable else None, _convert_lines(field, model))
    lines = [f"step = {'.' + field.wire!r}"]
    if field.default is None:  # required: a missing key is a KeyError, reported below
        return [*lines, f"v = data[{key}]", *convert, f"self.{field.name} = v"]
    present = [*convert, f"self.{field.name} = v"]
    # A missing optional key: the body has one key the spec lacks more than its length says.
    missing = [*(["unknown += 1"] if drift_checks else []), f"self.{field.name} = {field.default}"]
    if every_key:
        return [
            *lines,
            "try:",
            f"    v = data[{key}]",
            "except KeyError:",
            *_indented(missing),
            "else:",
            *_indented(present),
        ]
    return [
        *lines,
        f"if {key} in data:",
        f"    v = data[{key}]",
        *_indented(present),
        "else:",
        *_indented(missing),
    ]


def _indented(lines: list[str]) -> list[str]:
    """``lines`` one block deeper (four spaces)."""
    return [f"    {line}" for line in lines]


def _with_short_paths(model: Model, body: list[str], *, drift_checks: bool) -> list[str]:
    """``body`` behind two shorter paths: exactly the required keys, or as many keys as fields.

    A model embedded by reference (a session's ``channel``: ``{"id", "name"}`` of 22 fields) then
    sets each optional field's default without testing for its key. One length test decides:
    the required fields come first (the short path is made only then), so both paths read them
    alike, in order; if they all read, the body holds those keys and no other, and a missing
    one fails on both paths at the same field. A plain dict with one key per field (most
    likely every field) takes the every-key path, which reads each optional key without an
    ``in`` test (see :func:`_field_lines`); any other length takes ``body``.
    """
    required = [f for f in model.fields if f.default is None]
    optional = model.fields[len(required) :]
    if not optional or any(f.default is None for f in optional):
        return _counted(model, body, drift_checks=drift_checks)
    short = [line for f in required for line in _field_lines(f, model, drift_checks=drift_checks)]
    short += [f"self.{f.name} = {f.default}" for f in optional]
    every = [
        line
        for f in model.fields
        for line in _field_lines(f, model, drift_checks=drift_checks, every_key=True)
    ]
    return [
        f"if len(data) == {len(required)}:  # the required keys only, or a required key missing",
        *_indented(short),
        # A dict subclass may answer a missing key (__missing__): it takes the `in` path.
        f"elif len(data) == {len(model.fields)} and data.__class__ is dict:  # every key, likely",
        *_indented(every),
        "else:",
        *_indented(_counted(model, body, drift_checks=drift_checks)),
    ]


def _counted(model: Model, body: list[str], *, drift_checks: bool) -> list[str]:
    """``body`` (the ``in`` path) after counting the keys beyond the fields into ``unknown``.

    Each absent optional key then adds one: at the end ``unknown`` is the number of keys the
    spec lacks. The short path leaves it as the entry set it (0 for a plain dict: exactly the
    required keys), and the every-key path counts only the absent keys (a body of as many keys
    as fields has that many unknown ones).
    """
    if not drift_checks:
        return body
    return [f"unknown += len(data) - {len(model.fields)}", *body]


def _plain_entry_lines() -> list[str]:
    """Refuse what is no JSON object (without drift checks: nothing to count)."""
    return [
        "    if data.__class__ is not dict and not isinstance(data, dict):",
        "        raise not_an_object(data)",
    ]


def _entry_lines() -> list[str]:
    """Refuse what is no JSON object, and start the count of keys the spec lacks.

    A dict subclass starts it at ``DICT_SUBCLASS``, so its keys are always tested at the end:
    its ``__missing__`` may answer a read (a ``defaultdict`` also adds the key), and then its
    length proves nothing. Decided here, where the class is tested anyway, a plain dict pays
    nothing for it.
    """
    return [
        "    if data.__class__ is dict:",
        "        unknown = 0",
        "    elif isinstance(data, dict):",
        "        unknown = DICT_SUBCLASS",
        "    else:",
        "        raise not_an_object(data)",
    ]


def _model_block(model: Model, *, drift_checks: bool = True) -> list[str]:
    cls = f"models.{model.name}"
    prefix = model.prefix
    keys = ", ".join(repr(f.wire) for f in model.fields)
    out = [
        f"_{prefix}_keys = frozenset(({keys},))",
        f"_raw_{prefix} = raw_class({cls})",
        *(
            [f"_{prefix}_accepted = accepted_keys({model.name!r}, _{prefix}_keys)"]
            if drift_checks
            else []
        ),
    ]
    if any(f.constraint for f in model.fields):
        out.append(f"_fields_{prefix} = attrs.fields({cls})")
        out += [f"_check_{prefix}_{f.name} = {f.constraint}" for f in model.fields if f.constraint]
    body = [
        line for f in model.fields for line in _field_lines(f, model, drift_checks=drift_checks)
    ]
    body = _with_short_paths(model, body, drift_checks=drift_checks)
    body.append(f"self.__class__ = {cls}  # every slot is set: it is a {model.name} now")
    # Constraints after every field is read, in field order, as attrs' __init__ runs validators:
    # a body with two faults names the same one either way.
    for f in model.fields:
        if f.constraint:
            body += [
                f"step = {'.' + f.wire!r}",
                f"_check_{prefix}_{f.name}(self, _fields_{prefix}.{f.name}, self.{f.name})",
            ]
    out += [
        "",
        "",
        f"def {model.function}(data: Any) -> {cls}:",
        f'    """Build a ``{model.name}`` from its decoded JSON object, or raise StructureError."""',  # noqa: E501
        *(_entry_lines() if drift_checks else _plain_entry_lines()),
        f"    self = _raw_{prefix}()",
        '    step = ""',
        "    try:",
        *(f"        {line}" for line in body),
        # On failure the half-built instance is dropped: some slots are unset (its repr would
        # raise), and it must not outlive the error in the traceback's frames.
        "    except StructureError as failure:",
        "        del self",
        "        failure.steps.append(step)",
        "        raise",
        "    except KeyError:  # only a required key read as data[key] raises it",
        "        del self",
        '        raise StructureError("required field missing", step) from None',
        "    except Exception as error:  # a bad timestamp, a constraint: the field's failure",
        "        del self",
        "        raise StructureError(describe(error), step) from None",
        *(
            [
                # A key the spec lacks (counted on the way), not already reported (one subset test).
                f"    if unknown and not data.keys() <= _{prefix}_accepted:",
                f"        unknown_keys({model.name!r}, data, _{prefix}_keys)",
            ]
            if drift_checks
            else []
        ),
        "    return self",
        "",
        "",
    ]
    return out


def render(models_path: Path, *, drift_checks: bool = True) -> str:
    """The source of ``sigma_async/_structure.py`` for the models declared at ``models_path``.

    ``drift_checks=False`` leaves out the unknown-key check, for the benchmark that shows what
    the check costs (``benchmarks/s2_decoding.py``); the committed module always has it.
    """
    enums, models = read_models(models_path.read_text(encoding="utf-8"))
    uses_attrs = any(f.constraint for m in models for f in m.fields)
    lines = [
        HEADER,
        "from __future__ import annotations",
        "",
        "from typing import Any",
        "",
        *(["import attrs", ""] if uses_attrs else []),
        "from . import models",
        "from ._decode_support import (",
        "    DICT_SUBCLASS,",
        "    StructureError,",
        "    describe,",
        "    expected,",
        "    list_of,",
        "    members_of,",
        "    not_an_object,",
        "    UTC,",
        "    accepted_keys,",
        "    fromisoformat,",
        "    parse_datetime,",
        "    str_list,",
        "    str_or_str_list,",
        "    to_float,",
        "    unknown_enum,",
        "    raw_class,",
        "    unknown_keys,",
        ")",
        "from ._model_support import UNSET, at_least, length",
        "",
        f"__all__ = [{', '.join(repr(m.function) for m in models)}, 'STRUCTURE_FUNCTIONS']",
        "",
        *(f"_{Model(name, []).prefix}_members = members_of(models.{name})" for name in enums),
        "",
    ]
    for model in models:
        lines += _model_block(model, drift_checks=drift_checks)
    lines += [
        "STRUCTURE_FUNCTIONS: dict[type[Any], Any] = {",
        *(f"    models.{m.name}: {m.function}," for m in models),
        "}",
        '"""Every model class and its structure function."""',
        "",
    ]
    return "\n".join(lines)
