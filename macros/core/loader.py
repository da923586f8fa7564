"""Reading data/ into typed records, collecting every problem instead of stopping at the first."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from macros.core.diagnostics import Position, Problem
from macros.core.model import (
    Actor,
    Claim,
    Event,
    ExcludedBlock,
    NativeName,
    Section,
    Source,
    Term,
    Topic,
)
from macros.core.quotes import ArchivedText
from macros.core.schema import ID_PATTERN, RecordSpec, check_fields, shown
from macros.core.specs import ACTOR, CLAIM, EVENT, SOURCE, TERM, TOPIC
from macros.core.text import Text
from macros.core.yaml_nodes import Node, YList, YMap, parse, read_text

_ID_RE = re.compile(ID_PATTERN)

T = TypeVar("T")


@dataclass
class LoadedData:
    """Everything read from data/, before cross-references and quotes are checked."""

    root: Path
    sources: list[Source] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # Records that exist but could not be loaded (their problems are already in `problems`), by id,
    # and kinds whose whole list file could not be read. References to them are not reported
    # again: one typo must give one message, not one per page that mentions the record.
    failed_ids: dict[str, str] = field(default_factory=dict)
    unreadable_kinds: set[str] = field(default_factory=set)


class _Reader:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.real_root = root.resolve()
        self.data = LoadedData(root)

    def display(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def problem(self, position: Position, message: str, hint: str = "") -> None:
        self.data.problems.append(Problem(position, message, hint))

    def inside_root(self, path: Path) -> bool:
        """False (with a problem) for a file that is, or links to, something outside the project."""
        real = path.resolve()
        if real == self.real_root or self.real_root in real.parents:
            return True
        self.problem(
            Position(self.display(path)),
            "file points outside the project (a symbolic link or a path with '..')",
            "keep data files inside the repository as ordinary files",
        )
        return False

    def failed(self, ident: str, kind: str) -> None:
        """Remember a record that exists but did not load, so references to it stay quiet."""
        if _ID_RE.fullmatch(ident):
            self.data.failed_ids.setdefault(ident, kind)

    def read_node(self, path: Path) -> tuple[str, Node | None]:
        display = self.display(path)
        if not self.inside_root(path):
            return display, None
        text = read_text(path, display, self.data.problems)
        if text is None:
            return display, None
        return display, parse(text, display, self.data.problems)

    def file_id(self, path: Path, display: str) -> Text | None:
        if _ID_RE.fullmatch(path.stem):  # fullmatch: a file name may end in a newline
            return Text(path.stem, Position(display))
        self.problem(
            Position(display),
            f"file name '{shown(path.name)}' is not a valid id",
            "name the file in lowercase kebab-case, e.g. south-korea.yaml: it becomes the URL",
        )
        return None

    def mapping_file(self, path: Path, spec: RecordSpec) -> tuple[Text, dict[str, Any]] | None:
        display, node = self.read_node(path)
        if node is None:
            self.failed(path.stem, spec.kind)
            return None
        if not isinstance(node, YMap):
            self.failed(path.stem, spec.kind)
            self.problem(
                node.position,
                f"a {spec.kind} file must be a mapping (key: value lines), not a list or text",
                f"see the {spec.kind} example in CONTRIBUTING.md",
            )
            return None
        values = check_fields(spec.fields, node, self.data.problems)
        ident = self.file_id(path, display)
        if ident is None or not _complete(spec, values):
            self.failed(path.stem, spec.kind)
            return None
        return ident, values

    def list_file(self, path: Path, spec: RecordSpec) -> list[tuple[Text, dict[str, Any]]]:
        _, node = self.read_node(path)
        if node is None:
            self.data.unreadable_kinds.add(spec.kind)
            return []
        if not isinstance(node, YList):
            self.data.unreadable_kinds.add(spec.kind)
            self.problem(
                node.position,
                f"this file must be a list of {spec.kind}s (each starting with '- id:')",
                f"start each {spec.kind} with '- ' as in CONTRIBUTING.md",
            )
            return []
        records: list[tuple[Text, dict[str, Any]]] = []
        for item in node.items:
            if not isinstance(item, YMap):
                self.problem(
                    item.position,
                    f"each {spec.kind} must be a mapping (key: value lines)",
                    "write 'id: …' and the other fields under the '- '",
                )
                continue
            values = check_fields(spec.fields, item, self.data.problems)
            if _complete(spec, values):
                records.append((values["id"], values))
            elif "id" in values:
                self.failed(values["id"], spec.kind)
        return records


def _complete(spec: RecordSpec, values: dict[str, Any]) -> bool:
    """Whether every required field survived checking (problems were recorded otherwise)."""
    return all(f.name in values for f in spec.fields if f.required)


def _yaml_files(folder: Path, reader: _Reader) -> list[Path]:
    if not folder.is_dir():
        return []
    files: list[Path] = []
    for path in sorted(folder.iterdir()):
        if path.suffix == ".yaml":
            files.append(path)
        elif path.suffix == ".yml":
            reader.problem(
                Position(reader.display(path)),
                "data files end in .yaml",
                f"rename to {path.stem}.yaml",
            )
        elif path.is_dir():
            reader.problem(
                Position(reader.display(path)),
                "unexpected folder in data/",
                "data folders hold files only: move its files up",
            )
    return files


def load(root: Path) -> LoadedData:
    """Read every data file under root/data; problems are collected in the result."""
    reader = _Reader(root)
    data_dir = root / "data"
    if not data_dir.is_dir():
        reader.problem(Position("data"), "no data/ folder", "create data/ with the data files")
        return reader.data
    _load_sources(reader, data_dir / "sources")
    for path in _yaml_files(data_dir / "claims", reader):
        for ident, v in reader.list_file(path, CLAIM):
            reader.data.claims.append(_claim(ident, reader.display(path), v))
    for path in _yaml_files(data_dir / "topics", reader):
        loaded = reader.mapping_file(path, TOPIC)
        if loaded:
            reader.data.topics.append(_topic(*loaded, reader.display(path)))
    for path in _yaml_files(data_dir / "actors", reader):
        loaded = reader.mapping_file(path, ACTOR)
        if loaded:
            reader.data.actors.append(_actor(*loaded, reader.display(path)))
    _load_list(reader, data_dir / "events.yaml", EVENT, _event, reader.data.events)
    _load_list(reader, data_dir / "glossary.yaml", TERM, _term, reader.data.terms)
    known = {"sources", "claims", "topics", "actors", "events.yaml", "glossary.yaml"}
    for path in sorted(data_dir.iterdir()):
        if path.name not in known and not path.name.startswith("."):
            reader.problem(
                Position(reader.display(path)),
                f"unexpected '{path.name}' in data/",
                "data/ holds sources/, claims/, topics/, actors/, events.yaml and glossary.yaml",
            )
    return reader.data


def _load_list(
    reader: _Reader,
    path: Path,
    spec: RecordSpec,
    make: Callable[[Text, str, dict[str, Any]], T],
    into: list[T],
) -> None:
    if path.exists():
        for ident, values in reader.list_file(path, spec):
            into.append(make(ident, reader.display(path), values))


def _load_sources(reader: _Reader, folder: Path) -> None:
    for path in _yaml_files(folder, reader):
        loaded = reader.mapping_file(path, SOURCE)
        if loaded is None:
            continue
        ident, v = loaded
        display = reader.display(path)
        # Until the source is appended below, its claims are not checked against it.
        reader.failed(ident, "source")
        text_name = str(v.get("text") or f"{path.stem}.txt")
        text_path = folder / text_name
        text_display = reader.display(text_path)
        text_position = v["text"].position if "text" in v else v["__position__"]
        if not text_path.is_file():
            reader.problem(
                text_position,
                f"the archived text {text_display} does not exist",
                f"add the text as {text_display}, or point 'text:' at the right file",
            )
            continue
        if not reader.inside_root(text_path):
            continue
        archived = read_text(text_path, text_display, reader.data.problems)
        if archived is None:
            continue
        if not archived.strip():  # an empty text has no passage to quote (and no paragraph 1)
            reader.problem(
                Position(text_display),
                "the archived text is empty",
                "archive the source's text in this file, paragraphs separated by blank lines",
            )
            continue
        digest = hashlib.sha256(text_path.read_bytes()).hexdigest()
        if digest != v["sha256"]:
            reader.problem(
                v["sha256"].position,
                f"sha256 does not match {text_display} (the file's is {digest})",
                "the archived text must not change: restore it, or if the source itself was "
                "re-archived, update sha256 and re-check every quote",
            )
            continue
        if not unicodedata.is_normalized("NFC", archived):
            reader.problem(
                Position(text_display),
                "the archived text is not in Unicode NFC form",
                "normalise it to NFC (the add-source command does this) and update sha256",
            )
            continue
        excluded = tuple(
            ExcludedBlock(b["block"], b["reason"]) for b in v.get("excluded_blocks", ())
        )
        archive = ArchivedText.parse(archived, {b.block: b.reason for b in excluded})
        # A block number past the end, or given twice, was silently ignored (the second reason
        # replaced the first): the contributor meant to exclude something that is still quotable.
        seen: set[int] = set()
        for entry in v.get("excluded_blocks", ()):
            number = entry["block"]
            if number > len(archive.paragraphs) or number in seen:
                reader.problem(
                    entry["__position__"],
                    f"block {number} is listed twice"
                    if number in seen
                    else f"block {number} does not exist: {text_display} has "
                    f"{len(archive.paragraphs)} blocks",
                    "number the blocks of the archived text from 1, as separated by blank lines",
                )
            seen.add(number)
        reader.data.failed_ids.pop(ident, None)
        reader.data.sources.append(
            Source(
                id=ident,
                file=display,
                position=v["__position__"],
                title=v["title"],
                author=v["author"],
                author_aliases=v.get("author_aliases", ()),
                publisher=v["publisher"],
                published=v["published"],
                series=v.get("series"),
                language=v["language"],
                url=v["url"],
                retrieved=v["retrieved"],
                licence=v["licence"],
                republish=v["republish"],
                sha256=v["sha256"],
                text_file=text_display,
                excluded_blocks=excluded,
                archive=archive,
            )
        )


def _claim(ident: Text, file: str, v: dict[str, Any]) -> Claim:
    return Claim(
        id=ident,
        file=file,
        position=v["__position__"],
        source=v["source"],
        quote=v["quote"],
        statement=v["statement"],
        kind=v["kind"],
        topics=v["topics"],
        actors=v["actors"],
        date=v.get("date"),
        note=v.get("note"),
    )


def _topic(ident: Text, v: dict[str, Any], file: str) -> Topic:
    return Topic(
        id=ident,
        file=file,
        position=v["__position__"],
        title=v["title"],
        order=v["order"],
        order_position=v["__fields__"]["order"],
        lead=v["lead"],
        sections=tuple(Section(s["heading"], s["body"]) for s in v["sections"]),
        related=v.get("related", ()),
    )


def _actor(ident: Text, v: dict[str, Any], file: str) -> Actor:
    return Actor(
        id=ident,
        file=file,
        position=v["__position__"],
        name=v["name"],
        kind=v["kind"],
        aliases=v.get("aliases", ()),
        native_names=tuple(NativeName(n["text"], n["lang"]) for n in v.get("native_names", ())),
        description=v["description"],
    )


def _event(ident: Text, file: str, v: dict[str, Any]) -> Event:
    return Event(
        id=ident,
        file=file,
        position=v["__position__"],
        title=v["title"],
        date=v.get("date"),
        when=v.get("when"),
        summary=v["summary"],
        claims=v["claims"],
        actors=v.get("actors", ()),
    )


def _term(ident: Text, file: str, v: dict[str, Any]) -> Term:
    return Term(
        id=ident,
        file=file,
        position=v["__position__"],
        term=v["term"],
        definition=v["definition"],
        claims=v["claims"],
    )
