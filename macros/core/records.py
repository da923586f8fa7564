"""Records declared once: the class that code reads is also the check and the JSON Schema.

A record class lists its data fields with `required(...)` / `optional(...)`, each naming its
field type (schema.py) and a description. From that one declaration come the checks of a
contributor's YAML mapping, the JSON Schema editors use, and the typed constructor call: adding a
field means adding one line to the class. Attributes declared without a specifier (`file`,
`position`, a source's archive) are not in the file; the loader supplies them. This is what
Material's blog plugin does with its typed front-matter config and autorefs with
`class …Config(base.Config)`, with dataclasses so that mypy checks every declaration and call.
"""

from __future__ import annotations

import dataclasses
import difflib
from dataclasses import dataclass
from typing import Any, ClassVar, TypeVar, cast, dataclass_transform

from macros.core.diagnostics import Position, Problem
from macros.core.problems import Code
from macros.core.schema import FieldType, shown, wrong_type
from macros.core.yaml_nodes import Node, YMap, YScalar

T = TypeVar("T")
D = TypeVar("D")
R = TypeVar("R", bound="Record")

_FIELD = "data_field"  # the key of a data field's declaration in its dataclass metadata


@dataclass(frozen=True)
class Field:
    """One data field as a record class declares it: its key in the file, type and description."""

    name: str
    type: FieldType[Any]
    description: str
    required: bool


@dataclass(frozen=True)
class RecordSpec:
    """What one record class reads: a file that is one mapping, or an entry of a list or field."""

    kind: str  # "claim", "topic", …; "" for a record nested in another (a section)
    title: str  # for JSON Schema; for a nested record also the "expected …" in messages
    fields: tuple[Field, ...]
    id_from: str  # "field" (an `id:` key) or "stem" (the file name)

    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]


def required(type_: FieldType[T], description: str) -> T:
    """Declare a data field the file must give (typed as what its field type yields)."""
    declared = Field("", type_, description, required=True)
    return cast(T, dataclasses.field(metadata={_FIELD: declared}))


def optional(type_: FieldType[T], description: str, *, default: D) -> T | D:
    """Declare a data field the file may leave out (or leave empty): then it is `default`."""
    declared = Field("", type_, description, required=False)
    return cast("T | D", dataclasses.field(default=default, metadata={_FIELD: declared}))


@dataclass_transform(
    kw_only_default=True, frozen_default=True, field_specifiers=(required, optional)
)
class _Declared:
    """Makes each subclass a frozen, keyword-only dataclass and derives its spec once."""

    spec: ClassVar[RecordSpec]

    def __init_subclass__(cls, *, kind: str = "", title: str = "", **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        dataclasses.dataclass(frozen=True, kw_only=True)(cls)
        if title:  # a subclass that only adds attributes the loader supplies keeps its parent's
            fields = tuple(
                dataclasses.replace(f.metadata[_FIELD], name=f.name)
                for f in dataclasses.fields(cls)  # type: ignore[arg-type]
                if _FIELD in f.metadata
            )
            id_from = "field" if any(f.name == "id" for f in fields) else "stem"
            cls.spec = RecordSpec(kind, title, fields, id_from)


class Record(_Declared):
    """A mapping read from a data file; it remembers where it starts."""

    position: Position


def check_fields(fields: tuple[Field, ...], node: YMap, problems: list[Problem]) -> dict[str, Any]:
    """Check a mapping against its fields: unknown, missing, and each value's type."""
    known = {f.name: f for f in fields}
    values: dict[str, Any] = {}
    for key, entry in node.entries.items():
        if key not in known:
            close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else "allowed fields: " + ", ".join(known)
            problems.append(
                Problem(
                    Code.UNKNOWN_FIELD, entry.key_position, f"unknown field '{shown(key)}'", hint
                )
            )
    for f in fields:
        found = node.entries.get(f.name)
        if found is None:
            if f.required:
                problems.append(
                    Problem(
                        Code.MISSING_FIELD,
                        node.position,
                        f"missing required field '{f.name}'",
                        f"add '{f.name}:' ({f.description})",
                    )
                )
            continue
        if (
            not f.required
            and isinstance(found.node, YScalar)
            and found.node.value is None
            and not found.node.raw
        ):
            continue  # `note:` with nothing after it: treated as absent
        value = f.type.check(found.node, problems)
        if value is not None:
            values[f.name] = value
    return values


def read_record(cls: type[R], node: YMap, problems: list[Problem], **supplied: Any) -> R | None:
    """The record a mapping holds, or None when a required field failed (problems say why).

    `supplied` gives the attributes that are not in the file (`file`, a stem's `id`, …).
    """
    fields = cls.spec.fields
    values = check_fields(fields, node, problems)
    if any(f.required and f.name not in values for f in fields):
        return None
    return cls(position=node.position, **values, **supplied)


def extended(record: Record, cls: type[R], **supplied: Any) -> R:
    """`record` as an instance of its subclass `cls`, given the attributes only `cls` has."""
    inherited = {f.name: getattr(record, f.name) for f in dataclasses.fields(record)}
    return cls(**inherited, **supplied)


def nested(cls: type[R]) -> FieldType[R]:
    """A field whose value is a mapping with fields of its own (a section, a native name, …)."""
    summary = cls.spec.title

    def check(node: Node, problems: list[Problem]) -> R | None:
        if not isinstance(node, YMap):
            wrong_type(node, summary, problems)
            return None
        # A nested record that lacks a required field (its problem is recorded) is left out.
        return read_record(cls, node, problems)

    return FieldType(summary, mapping_schema(cls.spec), check)


def mapping_schema(spec: RecordSpec) -> dict[str, Any]:
    """The JSON Schema of a record's mapping: its fields, which are required, nothing else."""
    return {
        "type": "object",
        "title": spec.title,
        "additionalProperties": False,
        "required": [f.name for f in spec.fields if f.required],
        "properties": {f.name: {**f.type.json, "description": f.description} for f in spec.fields},
    }
