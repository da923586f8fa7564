"""Safe YAML reading that keeps the file, line and column of every value.

PyYAML's safe loader still accepts things a contributor's file must not contain, so composing is
done here with the checks the project needs: duplicate keys (PyYAML keeps the last one silently),
anchors and aliases (the "billion laughs" expansion), merge keys, tags other than the standard
scalar/list/mapping ones, deep nesting, oversized or non-UTF-8 files. Every failure becomes a
`Problem` with a position; nothing here raises to the caller.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from macros.core.diagnostics import Position, Problem
from macros.core.problems import Code
from macros.core.settings import SETTINGS

_STANDARD = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_STANDARD}{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")}
_SEQ_TAG = f"{_STANDARD}seq"
_MAP_TAG = f"{_STANDARD}map"

Scalar = str | int | float | bool | None


@dataclass(frozen=True)
class YScalar:
    position: Position
    value: Scalar
    raw: str  # the text as written, so `title: 1984` can still be read as text
    quoted: bool
    block_indent: int = 0  # for a literal block scalar (|): the column its content starts at


@dataclass(frozen=True)
class YList:
    position: Position
    items: tuple[Node, ...]


@dataclass(frozen=True)
class YEntry:
    key_position: Position
    node: Node


@dataclass(frozen=True)
class YMap:
    position: Position
    entries: dict[str, YEntry]


Node = YScalar | YList | YMap


def describe(node: Node) -> str:
    """What kind of YAML value a node is, in a contributor's words."""
    if isinstance(node, YMap):
        return "a mapping (key: value pairs)"
    if isinstance(node, YList):
        return "a list"
    if node.value is None:
        return "an empty value"
    return {bool: "true/false", int: "a number", float: "a number"}.get(type(node.value), "text")


class _RejectedError(Exception):
    def __init__(self, code: Code, mark: Any, message: str, hint: str) -> None:
        super().__init__(message)
        self.code = code
        self.mark = mark
        self.message = message
        self.hint = hint


class _Composer(yaml.SafeLoader):
    """A SafeLoader whose composer refuses anchors, aliases and deep nesting as it reads."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        if isinstance(event, yaml.AliasEvent):
            raise _RejectedError(
                Code.YAML_ANCHOR,
                event.start_mark,
                f"YAML alias '*{event.anchor}' is not allowed",
                "write the value out in full instead of referring to an anchor",
            )
        if getattr(event, "anchor", None):
            raise _RejectedError(
                Code.YAML_ANCHOR,
                event.start_mark,
                f"YAML anchor '&{event.anchor}' is not allowed",
                "remove the anchor and write each value out in full",
            )
        self._depth += 1
        try:
            if self._depth > SETTINGS.max_yaml_depth:
                raise _RejectedError(
                    Code.YAML_TOO_DEEP,
                    event.start_mark,
                    f"values are nested more than {SETTINGS.max_yaml_depth} levels deep",
                    "data files need only a few levels: flatten the structure",
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _position(path: str, mark: Any) -> Position:
    if mark is None:
        return Position(path)
    return Position(path, mark.line + 1, mark.column + 1)


def _byte_position(path: str, data: bytes, offset: int) -> Position:
    line_start = data.rfind(b"\n", 0, offset) + 1
    return Position(path, data.count(b"\n", 0, offset) + 1, offset - line_start + 1)


def read_text(path: Path, display: str, problems: list[Problem]) -> str | None:
    """Read a UTF-8 text file (a BOM is accepted), or record why it cannot be read."""
    try:
        size = path.stat().st_size
        if size > SETTINGS.max_file_bytes:
            problems.append(
                Problem(
                    Code.FILE_TOO_LARGE,
                    Position(display),
                    f"file is {size:,} bytes, larger than the {SETTINGS.max_file_bytes:,} allowed",
                    "split it into smaller files",
                )
            )
            return None
        data = path.read_bytes()
    except OSError as err:
        problems.append(
            Problem(Code.FILE_UNREADABLE, Position(display), f"cannot read file: {err.strerror}")
        )
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        problems.append(
            Problem(
                Code.NOT_UTF8,
                _byte_position(display, data, err.start),
                f"byte 0x{data[err.start]:02x} is not valid UTF-8",
                "save the file as UTF-8",
            )
        )
        return None


def parse(text: str, display: str, problems: list[Problem]) -> Node | None:
    """Parse one YAML document into located nodes; on failure record a problem and return None."""
    loader: _Composer | None = None
    try:
        loader = _Composer(text)  # reads the first characters: a bad one raises here already
        root = loader.get_single_node()
        if root is None:
            problems.append(
                Problem(
                    Code.FILE_EMPTY,
                    Position(display),
                    "file is empty",
                    "add the data, or delete the file",
                )
            )
            return None
        return _convert(root, loader, display, text.splitlines(), problems)
    except _RejectedError as err:
        problems.append(Problem(err.code, _position(display, err.mark), err.message, err.hint))
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        what = err.problem or "invalid YAML"
        hint = "fix the YAML syntax"
        if "\t" in what or "'\\t'" in what:
            hint = "indent with spaces, not tabs"
        elif ("end of stream" in what or "<stream end>" in what) and err.context_mark is not None:
            # An unclosed quote or bracket: PyYAML points at the end of the file; the place to
            # fix is where the value opened.
            mark = err.context_mark
            what = "this value is never closed (the file ends inside it)"
            hint = f"add the closing quote or bracket ({err.context})"
        elif err.context:
            hint = f"check the YAML syntax ({err.context})"
        problems.append(
            Problem(Code.YAML_SYNTAX, _position(display, mark), f"YAML syntax error: {what}", hint)
        )
    except yaml.reader.ReaderError as err:  # a character YAML does not allow
        # One line, naming the character: str(err) spans two lines and says "<unicode string>".
        char = err.character
        code = ord(char) if isinstance(char, str) else int(char)
        problems.append(
            Problem(
                Code.YAML_CHARACTER,
                _offset_position(display, text, err.position),
                f"character U+{code:04X} is not allowed in a YAML file",
                "remove it: an invisible control character, often pasted by accident",
            )
        )
    except yaml.YAMLError as err:
        problems.append(
            Problem(Code.YAML_SYNTAX, Position(display), f"YAML cannot read this file: {err}")
        )
    finally:
        if loader is not None:
            loader.dispose()
    return None


def _offset_position(path: str, text: str, offset: int) -> Position:
    line_start = text.rfind("\n", 0, offset) + 1
    return Position(path, text.count("\n", 0, offset) + 1, offset - line_start + 1)


def _tag_name(tag: str) -> str:
    """A tag as it was written: 'tag:yaml.org,2002:set' → '!!set'."""
    return tag.replace(_STANDARD, "!!")


_TAG_WORDS = {"int": "a whole number", "float": "a number", "bool": "true/false", "null": "empty"}


def _construct(node: Any, loader: _Composer) -> Scalar:
    """A scalar's value; a value its (possibly explicit) tag cannot hold becomes a problem.

    PyYAML raises plain ValueError/KeyError for `!!int "abc"`, `!!bool "maybe"`, `!!float "x"` and
    for integers longer than Python's 4300-digit conversion limit; those escaped as tracebacks.
    """
    try:
        value: Scalar = loader.construct_object(node, deep=True)
    except (ValueError, KeyError, OverflowError, yaml.YAMLError):
        shown = node.value if len(node.value) <= 40 else node.value[:37] + "…"
        what = _TAG_WORDS.get(node.tag.removeprefix(_STANDARD), _tag_name(node.tag))
        raise _RejectedError(
            Code.YAML_TAG,
            node.start_mark,
            f"'{shown}' cannot be read as {what}",
            "write an ordinary value; put text in quotes and leave out tags such as !!int",
        ) from None
    return value


def _convert(
    node: Any, loader: _Composer, path: str, lines: list[str], problems: list[Problem]
) -> Node:
    pos = _position(path, node.start_mark)
    if isinstance(node, yaml.ScalarNode):
        if node.tag not in _SCALAR_TAGS:
            raise _RejectedError(
                Code.YAML_TAG,
                node.start_mark,
                f"YAML tag '{node.tag.replace(_STANDARD, '!!')}' is not allowed",
                "remove the tag: data files hold only plain text, numbers, lists and mappings",
            )
        quoted = node.style in ("'", '"', "|", ">")
        # Dates stay text: the schema checks their form.
        timestamp_or_str = node.tag.endswith(("timestamp", "str"))
        value: Scalar = node.value if timestamp_or_str else _construct(node, loader)
        indent = 0
        if node.style == "|":
            # The content's column, from its first non-blank line (a leading blank line has no
            # indentation and used to shift every column reported inside the block).
            below = lines[node.start_mark.line + 1 : node.end_mark.line + 1]
            first = next((line for line in below if line.strip()), "")
            indent = len(first) - len(first.lstrip(" ")) + 1
        return YScalar(pos, value, node.value, quoted, indent)
    if isinstance(node, yaml.SequenceNode):
        if node.tag != _SEQ_TAG:
            raise _RejectedError(
                Code.YAML_TAG,
                node.start_mark,
                f"YAML tag '{_tag_name(node.tag)}' is not allowed",
                "remove it",
            )
        return YList(
            pos, tuple(_convert(item, loader, path, lines, problems) for item in node.value)
        )
    if node.tag != _MAP_TAG:
        raise _RejectedError(
            Code.YAML_TAG,
            node.start_mark,
            f"YAML tag '{_tag_name(node.tag)}' is not allowed",
            "remove it",
        )
    entries: dict[str, YEntry] = {}
    for key_node, value_node in node.value:
        if key_node.tag == f"{_STANDARD}merge":
            raise _RejectedError(
                Code.YAML_MERGE_KEY,
                key_node.start_mark,
                "YAML merge key '<<' is not allowed",
                "write every field out in full",
            )
        key_pos = _position(path, key_node.start_mark)
        if not isinstance(key_node, yaml.ScalarNode):
            raise _RejectedError(
                Code.YAML_COMPLEX_KEY,
                key_node.start_mark,
                "a key must be plain text",
                "use a simple key",
            )
        # A tag on a key (`!custom title: x`) was silently dropped: refuse it like any other tag.
        if key_node.tag not in _SCALAR_TAGS:
            raise _RejectedError(
                Code.YAML_TAG,
                key_node.start_mark,
                f"YAML tag '{_tag_name(key_node.tag)}' is not allowed",
                "remove the tag from the key",
            )
        key = str(key_node.value)
        if key in entries:
            first_line = entries[key].key_position.line
            problems.append(
                Problem(
                    Code.DUPLICATE_KEY,
                    key_pos,
                    f"duplicate key '{key}' (first given on line {first_line})",
                    "keep one of the two: YAML would silently drop the first",
                )
            )
            continue
        entries[key] = YEntry(key_pos, _convert(value_node, loader, path, lines, problems))
    return YMap(pos, entries)
