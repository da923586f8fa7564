"""JSON Schema files for every kind of data file, generated from the record classes in model.py.

`python -m macros schema` writes them to schema/<kind>.schema.json; editors that understand the
`# yaml-language-server: $schema=…` first line of a data file then autocomplete its fields and flag
mistakes as the contributor types. The files are generated, never edited: a test fails when the
committed ones differ from what `schema_documents()` produces.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from macros.core.model import Actor, Claim, Event, SourceMetadata, Term, Topic
from macros.core.records import RecordSpec, mapping_schema
from macros.pages.json_text import pretty_json

SCHEMA_DIR = "schema"
JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
STAMP_PREFIX = "# yaml-language-server:"


@dataclass(frozen=True)
class FileKind:
    """One kind of data file: where such files live and what shape they have."""

    name: str  # schema/<name>.schema.json
    spec: RecordSpec
    is_list: bool  # the file is a YAML list of records (claims, events, glossary)
    patterns: tuple[str, ...]  # globs relative to the project, e.g. "data/claims/*.yaml"
    description: str

    @property
    def schema_file(self) -> str:
        return f"{SCHEMA_DIR}/{self.name}.schema.json"


FILE_KINDS: tuple[FileKind, ...] = (
    FileKind(
        "source",
        SourceMetadata.spec,
        False,
        ("data/sources/*.yaml",),
        "Metadata of one archived source; its text is the .txt file beside it.",
    ),
    FileKind(
        "claims",
        Claim.spec,
        True,
        ("data/claims/*.yaml",),
        "A list of claims, each with a verbatim quote from its source.",
    ),
    FileKind("topic", Topic.spec, False, ("data/topics/*.yaml",), "One topic page."),
    FileKind(
        "actor",
        Actor.spec,
        False,
        ("data/actors/*.yaml",),
        "One state, territory, organisation or person.",
    ),
    FileKind(
        "events",
        Event.spec,
        True,
        ("data/events.yaml", "data/events/*.yaml"),
        "The timeline: a list of events in chronological order.",
    ),
    FileKind(
        "glossary",
        Term.spec,
        True,
        ("data/glossary.yaml", "data/glossary/*.yaml"),
        "The glossary: a list of terms, each explained through claims.",
    ),
)


def schema_document(kind: FileKind) -> dict[str, Any]:
    """The JSON Schema of one kind of data file."""
    record = mapping_schema(kind.spec)
    document: dict[str, Any] = {
        "$schema": JSON_SCHEMA_DIALECT,
        "$id": f"{kind.name}.schema.json",
        "title": kind.spec.title,
        "description": kind.description + " Generated from macros/core/model.py: do not edit.",
    }
    if kind.is_list:
        record = {**record, "title": f"one {kind.spec.kind}"}
        document.update({"type": "array", "items": record})
    else:
        record = {k: v for k, v in record.items() if k != "title"}
        document.update(record)
    return document


def render(document: dict[str, Any]) -> str:
    """The exact text written to a schema file (stable key order, UTF-8, trailing newline)."""
    return pretty_json(document) + "\n"


def schema_documents() -> dict[str, str]:
    """Every schema file: project-relative path → its text."""
    return {kind.schema_file: render(schema_document(kind)) for kind in FILE_KINDS}


def write_schemas(root: Path) -> list[str]:
    """Write every schema file under root; returns the paths that changed."""
    changed: list[str] = []
    for rel, text in schema_documents().items():
        path = root / rel
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        changed.append(rel)
    return changed


def stale_schemas(root: Path) -> list[str]:
    """Schema files that are missing or differ from what the generator produces."""
    stale = []
    for rel, text in schema_documents().items():
        path = root / rel
        if not path.is_file() or path.read_bytes() != text.encode("utf-8"):
            stale.append(rel)
    return stale


def data_files(root: Path) -> Iterator[tuple[Path, FileKind]]:
    """Every data file in the project with its kind, in a stable order."""
    for kind in FILE_KINDS:
        for path in sorted(p for pattern in kind.patterns for p in root.glob(pattern)):
            if path.is_file():
                yield path, kind


def stamp_line(root: Path, path: Path, kind: FileKind) -> str:
    """The first line that points editors at the file's schema (a path relative to the file)."""
    target = os.path.relpath(root / kind.schema_file, path.parent)
    return f"{STAMP_PREFIX} $schema={Path(target).as_posix()}"


def stamped(content: bytes, line: str) -> bytes:
    """The file's bytes with `line` as its first line; every other byte is kept as it was.

    An existing `# yaml-language-server:` first line is replaced; otherwise the line is inserted
    above the first line. A UTF-8 byte order mark stays in front, and the new line ends the way the
    file's first line does (CRLF or LF).
    """
    bom = b"\xef\xbb\xbf" if content.startswith(b"\xef\xbb\xbf") else b""
    body = content[len(bom) :]
    first_end = body.find(b"\n")
    first = body if first_end == -1 else body[: first_end + 1]
    newline = b"\r\n" if first.endswith(b"\r\n") else b"\n"
    new_first = line.encode("utf-8") + newline
    if first.startswith(STAMP_PREFIX.encode("utf-8")):
        rest = b"" if first_end == -1 else body[first_end + 1 :]
        if first_end == -1:
            new_first = line.encode("utf-8") + b"\n"
        return bom + new_first + rest
    return bom + new_first + body


def stamp_files(root: Path, *, write: bool) -> list[str]:
    """Give every data file its schema line; returns the files that needed it (written if `write`)."""
    changed: list[str] = []
    for path, kind in data_files(root):
        content = path.read_bytes()
        new = stamped(content, stamp_line(root, path, kind))
        if new != content:
            changed.append(path.relative_to(root).as_posix())
            if write:
                path.write_bytes(new)
    return changed
