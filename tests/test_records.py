"""A record class is the one declaration of its fields: the check, the schema and the value."""

from __future__ import annotations

from macros.core.diagnostics import Position, Problem
from macros.core.model import FILE_RECORDS, Source, SourceMetadata
from macros.core.records import Record, mapping_schema, optional, read_record, required
from macros.core.schema import ID, integer, list_of, text
from macros.core.text import Number, Text
from macros.core.yaml_nodes import YMap, parse


class _Note(Record, kind="note", title="a note (data/notes/*.yaml)"):
    """A kind of record a later change might add: the class is all it has to write."""

    file: str
    id: Text = required(ID, "stable id")
    words: Text = required(text(), "what the note says")
    weight: Number | None = optional(integer(1, 9), "how much it matters", default=None)
    tags: tuple[Text, ...] = optional(list_of(ID), "ids of tags", default=())


def _mapping(yaml: str) -> YMap:
    problems: list[Problem] = []
    node = parse(yaml, "notes.yaml", problems)
    assert problems == [] and isinstance(node, YMap)
    return node


def test_a_new_field_is_checked_read_and_described_from_its_declaration() -> None:
    problems: list[Problem] = []
    note = read_record(
        _Note, _mapping("id: first\nwords: Hello\nweight: 3\n"), problems, file="notes.yaml"
    )
    assert problems == []
    assert note is not None
    assert (note.id, note.words, note.weight, note.tags) == ("first", "Hello", 3, ())
    assert note.weight is not None and note.weight.position == Position("notes.yaml", 3, 9)
    schema = mapping_schema(_Note.spec)
    assert list(schema["properties"]) == ["id", "words", "weight", "tags"]
    assert schema["required"] == ["id", "words"]
    assert schema["properties"]["weight"]["description"] == "how much it matters"


def test_a_missing_required_field_is_located_and_gives_no_record() -> None:
    problems: list[Problem] = []
    note = read_record(_Note, _mapping("id: first\nweight: 12\n"), problems, file="notes.yaml")
    assert note is None
    assert [str(p) for p in problems] == [
        "notes.yaml:1:1: missing required field 'words' — add 'words:' (what the note says) "
        "[missing-field]",
        "notes.yaml:2:9: 12 is out of range — use a whole number from 1 to 9 [out-of-range]",
    ]


def test_attributes_the_loader_supplies_are_not_data_fields() -> None:
    for record in FILE_RECORDS:
        names = record.spec.field_names()
        assert "file" not in names and "position" not in names
    assert "archive" not in SourceMetadata.spec.field_names()
    assert Source.spec is SourceMetadata.spec  # adding the archive adds no field to the file
