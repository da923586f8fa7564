"""Safe YAML reading that keeps the file, line and column of every value.

Scanning and parsing are libyaml's, through PyYAML's C binding (`yaml.CSafeLoader`): PyYAML's own
scanner is pure Python and took tens of seconds on a hostile file under the size limit. The nodes
are composed here from the parser's event stream, without recursion, with the checks the project
needs: duplicate keys (PyYAML keeps the last one silently), anchors and aliases (the "billion
laughs" expansion), merge keys, tags other than the standard scalar/list/mapping ones, deep nesting,
too many values, oversized or non-UTF-8 files. libyaml's error messages are turned into the same
plain-language problems whichever parser ran. Every failure becomes a `Problem` with a position;
nothing here raises to the caller.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from macros.core.collector import paused_collection
from macros.core.diagnostics import Position, Problem
from macros.core.problems import Code
from macros.core.settings import SETTINGS

# libyaml when PyYAML was built with it (its wheels are); PyYAML's pure-Python parser otherwise.
LIBYAML: bool = bool(getattr(yaml, "__with_libyaml__", False)) and hasattr(yaml, "CSafeLoader")

_STANDARD = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_STANDARD}{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")}
_TEXT_TAGS = {f"{_STANDARD}str", f"{_STANDARD}timestamp"}  # dates stay text: the schema checks them
_SEQ_TAG = f"{_STANDARD}seq"
_MAP_TAG = f"{_STANDARD}map"
_MERGE_TAG = f"{_STANDARD}merge"
_STR_TAG = f"{_STANDARD}str"
_QUOTED_STYLES = ("'", '"', "|", ">")

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


def parser_note() -> str | None:
    """What a contributor should know about the YAML parser in use (None: nothing)."""
    if LIBYAML:
        return None
    return (
        "note: PyYAML was installed without libyaml, so data files are read by its pure-Python "
        "parser, which can take many seconds on a large file; reinstall it from its wheel: "
        "pip install --force-reinstall PyYAML==6.0.4"
    )


class _RejectedError(Exception):
    def __init__(self, code: Code, mark: Any, message: str, hint: str) -> None:
        super().__init__(message)
        self.code = code
        self.mark = mark
        self.message = message
        self.hint = hint


def _position(path: str, mark: Any) -> Position:
    if mark is None:
        return Position(path)
    return Position(path, mark.line + 1, mark.column + 1)


def _byte_position(path: str, data: bytes, offset: int) -> Position:
    line_start = data.rfind(b"\n", 0, offset) + 1
    return Position(path, data.count(b"\n", 0, offset) + 1, offset - line_start + 1)


def _offset_position(path: str, text: str, offset: int) -> Position:
    line_start = text.rfind("\n", 0, offset) + 1
    return Position(path, text.count("\n", 0, offset) + 1, offset - line_start + 1)


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
    return decode_text(data, display, problems)


def decode_text(data: bytes, display: str, problems: list[Problem]) -> str | None:
    """A file's bytes as text (UTF-8, a BOM accepted), or record where they are not UTF-8."""
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


@paused_collection()  # the nodes hold no cycles; collections while they are made only cost time
def parse(text: str, display: str, problems: list[Problem]) -> Node | None:
    """Parse one YAML document into located nodes; on failure record a problem and return None."""
    loader: Any = None
    try:
        # (PyYAML's own reader checks the first characters already here.)
        loader = yaml.CSafeLoader(text) if LIBYAML else yaml.SafeLoader(text)
        root = _Composer(loader, display, text, problems).document()
        if root is None:
            problems.append(
                Problem(
                    Code.FILE_EMPTY,
                    Position(display),
                    "file is empty",
                    "add the data, or delete the file",
                )
            )
        return root
    except _RejectedError as err:
        problems.append(Problem(err.code, _position(display, err.mark), err.message, err.hint))
    except yaml.MarkedYAMLError as err:
        problems.append(_syntax_problem(err, display, text))
    except yaml.reader.ReaderError as err:  # a character YAML does not allow
        # libyaml counts the offset in UTF-8 bytes, PyYAML in characters.
        offset = err.position
        if LIBYAML:
            offset = len(text.encode("utf-8")[:offset].decode("utf-8", errors="ignore"))
        char = err.character
        problems.append(
            _character_problem(
                display, text, offset, ord(char) if isinstance(char, str) else int(char)
            )
        )
    except UnicodeEncodeError as err:  # a lone surrogate: libyaml reads UTF-8, which cannot hold it
        problems.append(_character_problem(display, text, err.start, ord(text[err.start])))
    except yaml.YAMLError as err:
        problems.append(
            Problem(Code.YAML_SYNTAX, Position(display), f"YAML cannot read this file: {err}")
        )
    finally:
        if loader is not None:
            loader.dispose()
    return None


def _character_problem(display: str, text: str, offset: int, code: int) -> Problem:
    # One line, naming the character (PyYAML's own message spans two and says "<unicode string>").
    return Problem(
        Code.YAML_CHARACTER,
        _offset_position(display, text, offset),
        f"character U+{code:04X} is not allowed in a YAML file",
        "remove it: an invisible control character, often pasted by accident",
    )


def _tag_name(tag: str) -> str:
    """A tag as it was written: 'tag:yaml.org,2002:set' → '!!set'."""
    return tag.replace(_STANDARD, "!!")


_TAG_WORDS = {"int": "a whole number", "float": "a number", "bool": "true/false", "null": "empty"}


class _Open:
    """A list or mapping whose end has not been read yet."""

    __slots__ = ("duplicate", "entries", "items", "key", "key_position", "position")

    def __init__(self, position: Position, mapping: bool) -> None:
        self.position = position
        self.items: list[Node] | None = None if mapping else []
        self.entries: dict[str, YEntry] | None = {} if mapping else None
        self.key = ""
        self.key_position: Position | None = None  # None: the next node is a key
        self.duplicate = False  # the current key was given before: its value is read, then dropped


class _Composer:
    """Located nodes from a parser's events, refusing what data files must not contain."""

    def __init__(self, loader: Any, path: str, text: str, problems: list[Problem]) -> None:
        self.loader = loader
        self.path = path
        self.text = text
        self.problems = problems
        self._lines: list[str] | None = None
        self._last_mark: Any = None  # the end of the last event read
        self._stack: list[_Open] = []  # the lists and mappings open at that point
        # First characters for which PyYAML's resolver may find a tag other than str (None: any,
        # when a resolver matches every character).
        resolvers = loader.yaml_implicit_resolvers
        self._implicit_first: set[str] | None = None if None in resolvers else set(resolvers)

    def document(self) -> Node | None:
        try:
            return self._document()
        except yaml.MarkedYAMLError as err:
            if "nesting depth" not in str(err.problem) or err.problem_mark is None:
                raise
            # libyaml's own limit (1,000 levels) can strike while it looks ahead for a key, before
            # the events of the levels past ours arrive: find the first of those in the text.
            mark: Any = err.problem_mark
            start = self._last_mark.index if self._last_mark is not None else 0
            found = _too_deep(self.text, start, mark.index, len(self._stack))
            if found is not None:
                line = self.text.count("\n", 0, found)
                column = found - (self.text.rfind("\n", 0, found) + 1)
                mark = yaml.Mark(self.path, found, line, column, "", 0)
            raise _RejectedError(
                Code.YAML_TOO_DEEP,
                mark,
                f"values are nested more than {SETTINGS.max_yaml_depth} levels deep",
                "data files need only a few levels: flatten the structure",
            ) from None

    def _document(self) -> Node | None:
        loader = self.loader
        loader.get_event()  # stream start
        if loader.check_event(yaml.StreamEndEvent):
            return None
        self._last_mark = loader.get_event().end_mark  # document start
        root = self._compose()
        loader.get_event()  # document end
        if not loader.check_event(yaml.StreamEndEvent):
            raise _RejectedError(
                Code.YAML_SYNTAX,
                loader.get_event().start_mark,
                "YAML syntax error: a second document starts here",
                "a data file holds one YAML document: remove this '---' or move what follows "
                "into a file of its own",
            )
        return root

    def _compose(self) -> Node:
        get_event = self.loader.get_event
        stack = self._stack
        values = 0
        while True:
            event = get_event()
            self._last_mark = event.end_mark
            kind = type(event)
            node: Node
            if kind is yaml.SequenceEndEvent:
                done = stack.pop()
                node = YList(done.position, tuple(done.items or ()))
            elif kind is yaml.MappingEndEvent:
                done = stack.pop()
                node = YMap(done.position, done.entries or {})
            else:
                if kind is yaml.AliasEvent or event.anchor:
                    self._refuse_reuse(event)
                if len(stack) >= SETTINGS.max_yaml_depth:
                    raise _RejectedError(
                        Code.YAML_TOO_DEEP,
                        event.start_mark,
                        f"values are nested more than {SETTINGS.max_yaml_depth} levels deep",
                        "data files need only a few levels: flatten the structure",
                    )
                values += 1
                if values > SETTINGS.max_yaml_values:
                    raise _RejectedError(
                        Code.YAML_TOO_MANY_VALUES,
                        event.start_mark,
                        f"the file holds more than {SETTINGS.max_yaml_values:,} values",
                        "split it into smaller files",
                    )
                parent = stack[-1] if stack else None
                if (
                    parent is not None
                    and parent.entries is not None
                    and parent.key_position is None
                ):
                    self._key(parent, event)
                    continue
                if kind is yaml.ScalarEvent:
                    node = self._scalar(event)
                else:
                    stack.append(self._open(event, mapping=kind is yaml.MappingStartEvent))
                    continue
            if not stack:
                return node
            parent = stack[-1]
            if parent.items is not None:
                parent.items.append(node)
            else:
                if not parent.duplicate and parent.entries is not None and parent.key_position:
                    parent.entries[parent.key] = YEntry(parent.key_position, node)
                parent.key_position = None

    @staticmethod
    def _refuse_reuse(event: Any) -> None:
        if type(event) is yaml.AliasEvent:
            raise _RejectedError(
                Code.YAML_ANCHOR,
                event.start_mark,
                f"YAML alias '*{event.anchor}' is not allowed",
                "write the value out in full instead of referring to an anchor",
            )
        if event.anchor:
            raise _RejectedError(
                Code.YAML_ANCHOR,
                event.start_mark,
                f"YAML anchor '&{event.anchor}' is not allowed",
                "remove the anchor and write each value out in full",
            )

    def _scalar_tag(self, event: Any) -> str:
        """The scalar's tag; most text skips PyYAML's resolver (a regex loop per value)."""
        tag = event.tag
        if tag is None or tag == "!":
            value = event.value
            first = self._implicit_first
            if not event.implicit[0] or (value and first is not None and value[0] not in first):
                return _STR_TAG
            tag = self.loader.resolve(yaml.ScalarNode, value, event.implicit)
        return str(tag)

    def _open(self, event: Any, mapping: bool) -> _Open:
        expected = _MAP_TAG if mapping else _SEQ_TAG
        # Without a tag (or with '!') a list or mapping is just that: PyYAML's resolver agrees.
        tag = expected if event.tag is None or event.tag == "!" else str(event.tag)
        if tag != expected:
            raise _RejectedError(
                Code.YAML_TAG,
                event.start_mark,
                f"YAML tag '{_tag_name(tag)}' is not allowed",
                "remove it",
            )
        return _Open(_position(self.path, event.start_mark), mapping)

    def _key(self, parent: _Open, event: Any) -> None:
        if type(event) is not yaml.ScalarEvent:
            raise _RejectedError(
                Code.YAML_COMPLEX_KEY,
                event.start_mark,
                "a key must be plain text",
                "use a simple key",
            )
        tag = self._scalar_tag(event)
        if tag == _MERGE_TAG:
            raise _RejectedError(
                Code.YAML_MERGE_KEY,
                event.start_mark,
                "YAML merge key '<<' is not allowed",
                "write every field out in full",
            )
        # A tag on a key (`!custom title: x`) was silently dropped: refuse it like any other tag.
        if tag not in _SCALAR_TAGS:
            raise _RejectedError(
                Code.YAML_TAG,
                event.start_mark,
                f"YAML tag '{_tag_name(tag)}' is not allowed",
                "remove the tag from the key",
            )
        key = str(event.value)
        position = _position(self.path, event.start_mark)
        entries = parent.entries or {}
        parent.duplicate = key in entries
        if parent.duplicate:
            self.problems.append(
                Problem(
                    Code.DUPLICATE_KEY,
                    position,
                    f"duplicate key '{key}' (first given on line {entries[key].key_position.line})",
                    "keep one of the two: YAML would silently drop the first",
                )
            )
        parent.key = key
        parent.key_position = position

    def _scalar(self, event: Any) -> YScalar:
        tag = self._scalar_tag(event)
        if tag not in _SCALAR_TAGS:
            raise _RejectedError(
                Code.YAML_TAG,
                event.start_mark,
                f"YAML tag '{_tag_name(tag)}' is not allowed",
                "remove the tag: data files hold only plain text, numbers, lists and mappings",
            )
        raw: str = event.value
        value: Scalar = raw if tag in _TEXT_TAGS else self._construct(event, tag)
        indent = 0
        if event.style == "|":
            # The content's column, from its first non-blank line (a leading blank line has no
            # indentation and used to shift every column reported inside the block).
            if self._lines is None:
                self._lines = self.text.splitlines()
            below = self._lines[event.start_mark.line + 1 : event.end_mark.line + 1]
            first = next((line for line in below if line.strip()), "")
            indent = len(first) - len(first.lstrip(" ")) + 1
        mark = event.start_mark
        position = Position(self.path, mark.line + 1, mark.column + 1)
        return YScalar(position, value, raw, event.style in _QUOTED_STYLES, indent)

    def _construct(self, event: Any, tag: str) -> Scalar:
        """A scalar's value; a value its (possibly explicit) tag cannot hold becomes a problem.

        PyYAML raises plain ValueError/KeyError for `!!int "abc"`, `!!bool "maybe"`, `!!float "x"`
        and for integers longer than Python's 4300-digit conversion limit; those escaped as
        tracebacks once.
        """
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            value: Scalar = self.loader.yaml_constructors[tag](self.loader, node)
        except (ValueError, KeyError, OverflowError, yaml.YAMLError):
            shown = node.value if len(node.value) <= 40 else node.value[:37] + "…"
            what = _TAG_WORDS.get(tag.removeprefix(_STANDARD), _tag_name(tag))
            raise _RejectedError(
                Code.YAML_TAG,
                event.start_mark,
                f"'{shown}' cannot be read as {what}",
                "write an ordinary value; put text in quotes and leave out tags such as !!int",
            ) from None
        return value


def _too_deep(text: str, start: int, end: int, depth: int) -> int | None:
    """Where, between two offsets of flow text, a value first lies deeper than the depth limit.

    `depth` is the number of collections open at `start`. Only flow syntax can nest that deep
    within libyaml's look-ahead; quoted text and comments are skipped.
    """
    i = start
    while i < end:
        char = text[i]
        if char in "[{":
            depth += 1
            if depth > SETTINGS.max_yaml_depth:
                return i
        elif char in "]}":
            depth -= 1
        elif char == "#" and (i == 0 or text[i - 1] in " \t\n"):
            i = text.find("\n", i)
            if i == -1:
                return None
        elif char in "'\"":
            if depth + 1 > SETTINGS.max_yaml_depth:
                return i
            i = _quoted_end(text, i)
        elif char not in " \t\r\n,:?-" or (char in ":?-" and text[i + 1 : i + 2] not in " \t\r\n"):
            if depth + 1 > SETTINGS.max_yaml_depth:
                return i
            while i + 1 < end and text[i + 1] not in ",[]{}\n" and text[i : i + 2] != ": ":
                i += 1
        i += 1
    return None


def _quoted_end(text: str, start: int) -> int:
    """The offset of the quote that closes the quoted scalar opening at `start`."""
    quote = text[start]
    i = start + 1
    while i < len(text):
        if quote == '"' and text[i] == "\\":
            i += 2
            continue
        if text[i] == quote:
            if quote == "'" and text[i + 1 : i + 2] == "'":
                i += 2
                continue
            return i
        i += 1
    return len(text)


# -- syntax errors ---------------------------------------------------------------------------

# What libyaml (and PyYAML's own parser) say, in a contributor's words: a pattern searched in
# "context: problem" of the parser's error, the message and the hint.
_EXPLAINED = [
    (
        r"mapping values are not allowed",
        "':' followed by a space cannot stand here",
        "put text that contains ': ' in quotes, or check the indentation of this line",
    ),
    (
        r"sequence entries are not allowed",
        "a list item ('- ') cannot start here",
        "start the list on the next line, indented under its key",
    ),
    (
        r"cannot start any token",
        "the character {char} cannot start a value",
        "put the text in quotes",
    ),
    (
        r"unknown escape character",
        "unknown escape sequence in double-quoted text",
        r"write \\ for a backslash, or use single quotes",
    ),
    (
        r"block collection: .*(expected '-' indicator|expected <block end>)",
        "this line does not continue the list above",
        "check its indentation: every item starts with '- ' at the same column",
    ),
    (
        r"expected key|expected <block end>",
        "this line does not continue the block above",
        "check its indentation; text that goes on after a quoted part must be quoted as a whole",
    ),
    (
        r"expected ',' or '[]}]'",
        "expected ',' or the closing bracket",
        "separate the items of a [ ] list or { } mapping with commas",
    ),
    (
        r"expected (the )?node content",
        "a value is missing here",
        "remove the extra comma, or write the value",
    ),
    (
        r"could not find expected ':'",
        "a key without ':' (or a line break inside plain text)",
        "write 'key: value', or put text that spans lines in quotes",
    ),
    (
        r"expected '?<document start>",
        "the document goes on after its end ('...')",
        "remove the '...' line",
    ),
    (
        r"an (alias|anchor): .*alphabetic or numeric",
        "'*' and '&' must be followed by a name",
        "data files use no anchors or aliases: put the text in quotes",
    ),
    (
        r"parsing a tag: ",
        "'!' must be followed by a tag name",
        "data files use no tags: put text that starts with '!' in quotes",
    ),
    (
        r"directive",
        "a '%' directive cannot stand here",
        "data files need no %YAML or %TAG lines: remove it",
    ),
]

_CLOSERS = {"[": "]", "{": "}", '"': '"', "'": "'"}


def _syntax_problem(err: yaml.MarkedYAMLError, path: str, text: str) -> Problem:
    mark = err.problem_mark or err.context_mark
    problem = err.problem or "invalid YAML"
    index = mark.index if mark is not None else 0
    char = text[index] if 0 <= index < len(text) else ""
    if char == "\t":
        return Problem(
            Code.YAML_SYNTAX,
            _position(path, mark),
            "YAML syntax error: a tab character",
            "indent with spaces, not tabs",
        )
    opened = err.context_mark
    opener = text[opened.index] if opened is not None and 0 <= opened.index < len(text) else ""
    if opener in _CLOSERS and not text[index:].strip():
        # An unclosed quote or bracket: the parser points at the end of the file; the place to
        # fix is where the value opened.
        return Problem(
            Code.YAML_SYNTAX,
            _position(path, opened),
            "YAML syntax error: this value is never closed (the file ends inside it)",
            f"add the closing {_CLOSERS[opener]}",
        )
    said = f"{err.context or ''}: {problem}"
    for pattern, message, hint in _EXPLAINED:
        if re.search(pattern, said):
            shown = repr(char) if char.strip() else "here"
            return Problem(
                Code.YAML_SYNTAX,
                _position(path, mark),
                "YAML syntax error: " + message.format(char=shown),
                hint,
            )
    problem = problem.replace("did not find expected", "expected")
    hint = f"check the YAML syntax ({err.context})" if err.context else "fix the YAML syntax"
    return Problem(Code.YAML_SYNTAX, _position(path, mark), f"YAML syntax error: {problem}", hint)
