"""Reading data/ into typed records, collecting every problem instead of stopping at the first."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from macros.core.diagnostics import Position, Problem
from macros.core.model import Actor, Claim, Event, Source, SourceMetadata, Term, Topic
from macros.core.problems import Code
from macros.core.quotes import ArchivedText
from macros.core.records import Record, check_fields, extended, read_record
from macros.core.schema import ID_PATTERN, shown
from macros.core.settings import SETTINGS
from macros.core.text import Text
from macros.core.yaml_nodes import Node, YList, YMap, YScalar, decode_text, parse, read_text

_ID_RE = re.compile(ID_PATTERN)

R = TypeVar("R", bound=Record)


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


@dataclass(frozen=True)
class _Parsed:
    """What reading one data file gave, kept for the next load while the file's bytes stay the
    same (a live preview reloads every file after each save; records are immutable)."""

    content: bytes
    result: Any  # the record, or the list of records
    problems: tuple[Problem, ...]
    failed: tuple[tuple[str, str], ...]  # the `failed` calls made, in order
    unreadable: frozenset[str]


# (resolved path, how it was read, record class) → what it gave; one entry per data file.
_PARSED: dict[tuple[str, str, type[Record]], _Parsed] = {}


class _Reader:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.real_root = root.resolve()
        self.data = LoadedData(root)
        self._failed_calls: list[tuple[str, str]] | None = None
        # The file `reused` has just read (and found inside the project and small enough), so
        # that reading it for the parse does not resolve, stat and read it a second time.
        self._prefetched: tuple[Path, bytes] | None = None

    def reused(self, path: Path, how: str, cls: type[R], read: Callable[[], Any]) -> Any:
        """`read()`'s result and problems, or those of the last read of the same bytes."""
        try:
            real = path.resolve()
            small = path.is_file() and path.stat().st_size <= SETTINGS.max_file_bytes
        except OSError:
            small = False
        if not small or not (real == self.real_root or self.real_root in real.parents):
            return read()  # reported as it is read; not worth keeping
        content = path.read_bytes()
        key = (str(real), how, cls)
        hit = _PARSED.get(key)
        if hit is not None and hit.content == content:
            self.data.problems.extend(hit.problems)
            for ident, kind in hit.failed:
                self.failed(ident, kind)
            self.data.unreadable_kinds |= hit.unreadable
            return hit.result
        problems, unreadable = len(self.data.problems), set(self.data.unreadable_kinds)
        self._failed_calls = []
        self._prefetched = (path, content)
        try:
            result = read()
            failed = tuple(self._failed_calls)
        finally:
            self._failed_calls = None
            self._prefetched = None
        _PARSED[key] = _Parsed(
            content,
            result,
            tuple(self.data.problems[problems:]),
            failed,
            frozenset(self.data.unreadable_kinds - unreadable),
        )
        return result

    def display(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def problem(self, code: Code, position: Position, message: str, hint: str = "") -> None:
        self.data.problems.append(Problem(code, position, message, hint))

    def inside_root(self, path: Path) -> bool:
        """False (with a problem) for a file that is, or links to, something outside the project."""
        real = path.resolve()
        if real == self.real_root or self.real_root in real.parents:
            return True
        self.problem(
            Code.OUTSIDE_PROJECT,
            Position(self.display(path)),
            "file points outside the project (a symbolic link or a path with '..')",
            "keep data files inside the repository as ordinary files",
        )
        return False

    def failed(self, ident: str, kind: str) -> None:
        """Remember a record that exists but did not load, so references to it stay quiet."""
        if self._failed_calls is not None:
            self._failed_calls.append((ident, kind))
        if _ID_RE.fullmatch(ident):
            self.data.failed_ids.setdefault(ident, kind)

    def read_node(self, path: Path) -> tuple[str, Node | None]:
        display = self.display(path)
        prefetched = self._prefetched
        if prefetched is not None and prefetched[0] == path:
            text = decode_text(prefetched[1], display, self.data.problems)
        elif not self.inside_root(path):
            return display, None
        else:
            text = read_text(path, display, self.data.problems)
        if text is None:
            return display, None
        return display, parse(text, display, self.data.problems)

    def file_id(self, path: Path, display: str) -> Text | None:
        if _ID_RE.fullmatch(path.stem):  # fullmatch: a file name may end in a newline
            return Text(path.stem, Position(display))
        self.problem(
            Code.INVALID_FILE_NAME,
            Position(display),
            f"file name '{shown(path.name)}' is not a valid id",
            "name the file in lowercase kebab-case, e.g. city-council.yaml: it becomes the URL",
        )
        return None

    def mapping_file(self, path: Path, cls: type[R]) -> R | None:
        """The record of a file that holds one mapping, identified by its file name."""
        loaded: R | None = self.reused(path, "mapping", cls, lambda: self._mapping_file(path, cls))
        return loaded

    def list_file(self, path: Path, cls: type[R]) -> list[R]:
        """The records of a file that is a list of mappings, each with its own `id:`."""
        loaded: list[R] = self.reused(path, "list", cls, lambda: self._list_file(path, cls))
        return list(loaded)

    def _mapping_file(self, path: Path, cls: type[R]) -> R | None:
        kind = cls.spec.kind
        display, node = self.read_node(path)
        if node is None:
            self.failed(path.stem, kind)
            return None
        if not isinstance(node, YMap):
            self.failed(path.stem, kind)
            self.problem(
                Code.FILE_SHAPE,
                node.position,
                f"a {kind} file must be a mapping (key: value lines), not a list or text",
                f"see the {kind} example in CONTRIBUTING.md",
            )
            return None
        ident = self.file_id(path, display)
        if ident is None:
            check_fields(cls.spec.fields, node, self.data.problems)  # report those too
            loaded = None
        else:
            loaded = read_record(cls, node, self.data.problems, id=ident, file=display)
        if loaded is None:
            self.failed(path.stem, kind)
        return loaded

    def _list_file(self, path: Path, cls: type[R]) -> list[R]:
        kind = cls.spec.kind
        display, node = self.read_node(path)
        if node is None:
            self.data.unreadable_kinds.add(kind)
            return []
        if not isinstance(node, YList):
            self.data.unreadable_kinds.add(kind)
            self.problem(
                Code.FILE_SHAPE,
                node.position,
                f"this file must be a list of {kind}s (each starting with '- id:')",
                f"start each {kind} with '- ' as in CONTRIBUTING.md",
            )
            return []
        records: list[R] = []
        for item in node.items:
            if not isinstance(item, YMap):
                self.problem(
                    Code.FILE_SHAPE,
                    item.position,
                    f"each {kind} must be a mapping (key: value lines)",
                    "write 'id: …' and the other fields under the '- '",
                )
                continue
            loaded = read_record(cls, item, self.data.problems, file=display)
            if loaded is not None:
                records.append(loaded)
                continue
            written = item.entries.get("id")  # what the record would have been known by
            if written and isinstance(written.node, YScalar):
                value = written.node.value
                self.failed(value if isinstance(value, str) else written.node.raw, kind)
        return records


def _yaml_files(folder: Path, reader: _Reader) -> list[Path]:
    if not folder.is_dir():
        return []
    files: list[Path] = []
    for path in sorted(folder.iterdir()):
        if path.suffix == ".yaml":
            files.append(path)
        elif path.suffix == ".yml":
            reader.problem(
                Code.YML_EXTENSION,
                Position(reader.display(path)),
                "data files end in .yaml",
                f"rename to {path.stem}.yaml",
            )
        elif path.is_dir():
            reader.problem(
                Code.UNEXPECTED_FILE,
                Position(reader.display(path)),
                "unexpected folder in data/",
                "data folders hold files only: move its files up",
            )
    return files


def load(root: Path) -> LoadedData:
    """Read every data file under root/data; problems are collected in the result."""
    reader = _Reader(root)
    data = reader.data
    data_dir = SETTINGS.data_dir(root)
    if not data_dir.is_dir():
        reader.problem(
            Code.NO_DATA_FOLDER,
            Position("data"),
            "no data/ folder",
            "create data/ with the data files",
        )
        return data
    s = SETTINGS
    _load_sources(reader, data_dir / s.sources_folder)
    for path in _yaml_files(data_dir / s.claims_folder, reader):
        data.claims.extend(reader.list_file(path, Claim))
    data.topics.extend(_mapping_files(reader, data_dir / s.topics_folder, Topic))
    data.actors.extend(_mapping_files(reader, data_dir / s.actors_folder, Actor))
    data.events.extend(_list_files(reader, data_dir, s.events_file, s.events_folder, Event))
    data.terms.extend(_list_files(reader, data_dir, s.glossary_file, s.glossary_folder, Term))
    for path in sorted(data_dir.iterdir()):
        if path.name not in s.data_entries and not path.name.startswith("."):
            reader.problem(
                Code.UNEXPECTED_FILE,
                Position(reader.display(path)),
                f"unexpected '{path.name}' in data/",
                "data/ holds sources/, claims/, topics/, actors/, events.yaml or events/ and "
                "glossary.yaml or glossary/",
            )
    return data


def _mapping_files(reader: _Reader, folder: Path, cls: type[R]) -> list[R]:
    loaded = (reader.mapping_file(path, cls) for path in _yaml_files(folder, reader))
    return [record for record in loaded if record is not None]


def _list_files(reader: _Reader, data_dir: Path, file: str, folder: str, cls: type[R]) -> list[R]:
    """A list kept in one file (data/events.yaml), in a folder of files (data/events/*.yaml, read
    in the order of their names), or both: the file first."""
    single = data_dir / file
    records = reader.list_file(single, cls) if single.exists() else []
    for path in _yaml_files(data_dir / folder, reader):
        records.extend(reader.list_file(path, cls))
    return records


def _load_sources(reader: _Reader, folder: Path) -> None:
    for path in _yaml_files(folder, reader):
        meta = reader.mapping_file(path, SourceMetadata)
        if meta is None:
            continue
        # Until the source is appended below, its claims are not checked against it.
        reader.failed(meta.id, "source")
        source = _with_archive(reader, folder, meta)
        if source is not None:
            reader.data.failed_ids.pop(meta.id, None)
            reader.data.sources.append(source)


def _with_archive(reader: _Reader, folder: Path, meta: SourceMetadata) -> Source | None:
    """The source with its archived text, or None when the text is missing or was changed."""
    text_path = folder / (meta.text or f"{meta.id}.txt")
    text_display = reader.display(text_path)
    if not text_path.is_file():
        reader.problem(
            Code.TEXT_FILE_MISSING,
            meta.text.position if meta.text is not None else meta.position,
            f"the archived text {text_display} does not exist",
            f"add the text as {text_display}, or point 'text:' at the right file",
        )
        return None
    if not reader.inside_root(text_path):
        return None
    archived = read_text(text_path, text_display, reader.data.problems)
    if archived is None:
        return None
    if not archived.strip():  # an empty text has no passage to quote (and no paragraph 1)
        reader.problem(
            Code.TEXT_FILE_EMPTY,
            Position(text_display),
            "the archived text is empty",
            "archive the source's text in this file, paragraphs separated by blank lines",
        )
        return None
    digest = hashlib.sha256(text_path.read_bytes()).hexdigest()
    if digest != meta.sha256:
        reader.problem(
            Code.SHA256_MISMATCH,
            meta.sha256.position,
            f"sha256 does not match {text_display} (the file's is {digest})",
            "the archived text must not change: restore it; to archive a new version of the "
            f"source, run: make re-archive ID={meta.id} FILE=the-new-version",
        )
        return None
    if not unicodedata.is_normalized("NFC", archived):
        reader.problem(
            Code.TEXT_NOT_NFC,
            Position(text_display),
            "the archived text is not in Unicode NFC form",
            "normalise it to NFC (the add-source command does this) and update sha256",
        )
        return None
    archive = _archive(archived, tuple((b.block, b.reason) for b in meta.excluded_blocks))
    # A block number past the end, or given twice, was silently ignored (the second reason
    # replaced the first): the contributor meant to exclude something that is still quotable.
    seen: set[int] = set()
    for excluded in meta.excluded_blocks:
        number = excluded.block
        if number > len(archive.paragraphs) or number in seen:
            reader.problem(
                Code.BAD_EXCLUDED_BLOCK,
                excluded.position,
                f"block {number} is listed twice"
                if number in seen
                else f"block {number} does not exist: {text_display} has "
                f"{len(archive.paragraphs)} blocks",
                "number the blocks of the archived text from 1, as separated by blank lines",
            )
        seen.add(number)
    return extended(meta, Source, text_file=text_display, archive=archive)


@lru_cache(maxsize=4096)
def _archive(text: str, excluded: tuple[tuple[int, str], ...]) -> ArchivedText:
    """A source's text in blocks, folded for matching: made again only when the text changes (a
    live preview reloads every source after each save)."""
    return ArchivedText.parse(text, dict(excluded))
