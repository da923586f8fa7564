"""The worst YAML data files we can make, each just under the size limit, with the answer it must get.

Used twice: tests/test_yaml_hostile.py checks that each is accepted, or rejected with the right
message at the right `line:col`; `make bench` (tests/bench/parse_bound.py) times each against the
2-second bound. Every expected position is computed here from how the file was built, never from
the loader.

PyYAML's pure-Python scanner took from 1 to 70 seconds on files like these; libyaml reads any of
them in milliseconds, so what is left is composing the nodes, which the value limit bounds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from macros.core.settings import SETTINGS

MAX_DEPTH = SETTINGS.max_yaml_depth
MAX_FILE_BYTES = SETTINGS.max_file_bytes
MAX_VALUES = SETTINGS.max_yaml_values

# Just under the limit, so the file is read and parsed rather than refused unread.
SIZE = MAX_FILE_BYTES - 100


@dataclass(frozen=True)
class Rejected:
    """A problem the file must get: where, and a fragment of its message."""

    line: int
    col: int
    fragment: str


@dataclass(frozen=True)
class Hostile:
    name: str
    what: str  # one line for the benchmark report
    data: bytes
    rejected: tuple[Rejected, ...] = ()  # empty: the file is valid YAML and must be accepted
    values: int = 0  # for an accepted file: how many values (keys included) it holds
    problems: int = 1  # for a rejected file: how many problems in all


def _fill(head: str, unit: str, tail: str = "", size: int = SIZE) -> tuple[str, int]:
    """`head` + `unit` × n + `tail` just under `size` bytes, and n."""
    room = size - len(head.encode()) - len(tail.encode())
    n = room // len(unit.encode())
    return head + unit * n + tail, n


def _long_text() -> tuple[str, int]:
    """A valid file of one long plain scalar with room for a last line, and its line count."""
    text, _ = _fill("text: ", "word ", "end\n", size=SIZE - 10_000)
    return text, 1


Case = Callable[[], Hostile]
CASES: list[Case] = []


def case(make: Case) -> Case:
    CASES.append(make)
    return make


def hostile_inputs() -> Iterator[Hostile]:
    for make in CASES:
        yield make()


# -- accepted: long values -------------------------------------------------------------------


@case
def long_plain_scalar() -> Hostile:
    text, _ = _fill("text: ", "word ", "end\n")
    return Hostile(
        "long-plain-scalar", "one plain scalar of 2 MB on one line", text.encode(), values=3
    )


@case
def long_double_quoted_escapes() -> Hostile:
    text, _ = _fill('text: "', '\\u00e9\\t\\" ', '"\n')
    return Hostile(
        "double-quoted-escapes",
        "a double-quoted scalar made only of escape sequences",
        text.encode(),
        values=3,
    )


@case
def long_single_quoted_doubled() -> Hostile:
    text, _ = _fill("text: '", "it''s ", "'\n")
    return Hostile(
        "single-quoted-doubled",
        "a single-quoted scalar full of doubled quotes",
        text.encode(),
        values=3,
    )


@case
def quotes_inside_plain_text() -> Hostile:
    text, _ = _fill("text: ", "a'b\"c ", "end\n")
    return Hostile(
        "quotes-in-plain-text", "plain text full of ' and \" characters", text.encode(), values=3
    )


@case
def quoted_scalar_over_many_lines() -> Hostile:
    text, n = _fill('text: "', "word\n  ", 'end"\n')
    return Hostile(
        "quoted-over-many-lines",
        f"one double-quoted scalar folded over {n:,} lines",
        text.encode(),
        values=3,
    )


@case
def literal_block() -> Hostile:
    text, n = _fill("text: |\n", "  a line of the block\n")
    return Hostile(
        "literal-block", f"a literal block scalar of {n:,} lines", text.encode(), values=3
    )


@case
def folded_block() -> Hostile:
    text, _ = _fill("text: >\n", "  a line of the block\n\n")
    return Hostile(
        "folded-block",
        "a folded block scalar of blank-line-separated lines",
        text.encode(),
        values=3,
    )


@case
def multibyte_text() -> Hostile:
    text, _ = _fill("text: ", "é😀 ", "end\n")
    return Hostile(
        "multibyte-text",
        "plain text of two- and four-byte UTF-8 characters",
        text.encode(),
        values=3,
    )


@case
def huge_float() -> Hostile:
    text, _ = _fill("x: 1.", "1", "\n")
    return Hostile(
        "huge-float", "a number of 2 million digits after the point", text.encode(), values=3
    )


@case
def comments_only_but_one() -> Hostile:
    text, n = _fill("", "# a comment line\n", "id: x\n")
    return Hostile("comments", f"{n:,} comment lines and one value", text.encode(), values=3)


@case
def whitespace() -> Hostile:
    text, _ = _fill("id: x", " \n")
    return Hostile(
        "whitespace", "one value followed by 2 MB of spaces and newlines", text.encode(), values=3
    )


@case
def empty_flow_list_of_spaces() -> Hostile:
    text, _ = _fill("x: [", " ", "]\n")
    return Hostile(
        "spaces-in-brackets", "a [ ] list holding 2 MB of spaces", text.encode(), values=3
    )


def _distinct_keys(pairs: int, newline: str, size: int) -> str:
    """`pairs` lines `kNNNNNNN: vvv…`, their values as long as `size` bytes allow."""
    width = (size - pairs * len(f"k0000000: {newline}")) // pairs
    lines = [f"k{i:07d}: {'v' * width}{newline}" for i in range(pairs)]
    rest = size - sum(len(line) for line in lines)
    lines[-1] = lines[-1].replace("v", "v" * (rest + 1), 1)
    return "".join(lines)


@case
def bom_and_crlf() -> Hostile:
    pairs = (MAX_VALUES - 1) // 2
    return Hostile(
        "bom-crlf-many-keys",
        f"a BOM, CRLF line ends and {pairs:,} keys (the most the value limit allows)",
        b"\xef\xbb\xbf" + _distinct_keys(pairs, "\r\n", SIZE - 3).encode(),
        values=1 + 2 * pairs,
    )


@case
def many_keys_under_the_limit() -> Hostile:
    pairs = (MAX_VALUES - 1) // 2
    return Hostile(
        "many-keys",
        f"{pairs:,} distinct keys with long values (the most the value limit allows)",
        _distinct_keys(pairs, "\n", SIZE).encode(),
        values=1 + 2 * pairs,
    )


@case
def nesting_at_the_limit() -> Hostile:
    # A list (depth 1) of items nested in brackets down to depth MAX_DEPTH, each holding one scalar.
    brackets = MAX_DEPTH - 2
    per_line = brackets + 1
    lines = (MAX_VALUES - 1) // per_line
    pad = SIZE // lines - len("- \n") - 2 * brackets
    line = "- " + "[" * brackets + "a" * pad + "]" * brackets + "\n"
    return Hostile(
        "nesting-at-the-limit",
        f"{lines:,} lines nested {MAX_DEPTH} levels deep, the deepest allowed",
        (line * lines).encode(),
        values=1 + lines * per_line,
    )


# -- rejected: too many values ---------------------------------------------------------------


@case
def flow_list_of_letters() -> Hostile:
    text, n = _fill("x: [", "a, ", "a]\n")
    # Values: the mapping, the key, the list, then item i is value 4 + i.
    item = MAX_VALUES + 1 - 4
    return Hostile(
        "flow-list-of-letters",
        f"a [ ] list of {n + 1:,} one-letter items",
        text.encode(),
        (Rejected(1, len("x: [") + 1 + 3 * item, f"more than {MAX_VALUES:,} values"),),
    )


@case
def block_list_of_letters() -> Hostile:
    text, n = _fill("", "- a\n")
    item = MAX_VALUES + 1 - 2  # the list is value 1, item i value 2 + i
    return Hostile(
        "block-list-of-letters",
        f"a list of {n:,} one-letter items",
        text.encode(),
        (Rejected(item + 1, 3, f"more than {MAX_VALUES:,} values"),),
    )


@case
def empty_lists() -> Hostile:
    text, n = _fill("", "- []\n")
    item = MAX_VALUES + 1 - 2
    return Hostile(
        "empty-lists",
        f"a list of {n:,} empty lists",
        text.encode(),
        (Rejected(item + 1, 3, f"more than {MAX_VALUES:,} values"),),
    )


@case
def many_keys_over_the_limit() -> Hostile:
    pairs = SIZE // len("k0000000: v\n")
    text = "".join(f"k{i:07d}: v\n" for i in range(pairs))
    # The mapping is value 1; pair i's key is value 2 + 2i, its value 3 + 2i.
    pair = (MAX_VALUES + 1 - 3) // 2
    return Hostile(
        "many-keys-over-the-limit",
        f"{pairs:,} distinct keys with one-letter values",
        text.encode(),
        (Rejected(pair + 1, len("k0000000: ") + 1, f"more than {MAX_VALUES:,} values"),),
    )


@case
def duplicate_keys() -> Hostile:
    text, n = _fill("", "title: v\n")
    pair = (MAX_VALUES + 1 - 3) // 2
    return Hostile(
        "duplicate-keys",
        f"the same key on {n:,} lines",
        text.encode(),
        (
            Rejected(2, 1, "duplicate key 'title' (first given on line 1)"),
            Rejected(pair + 1, 1, "duplicate key 'title' (first given on line 1)"),
            Rejected(pair + 1, len("title: ") + 1, f"more than {MAX_VALUES:,} values"),
        ),
        problems=pair + 1,  # a duplicate on every line up to the limit's, and the limit
    )


# -- rejected: anchors, aliases, nesting, documents --------------------------------------------


@case
def anchor_and_many_aliases() -> Hostile:
    text, n = _fill("a: &a x\nb: [", "*a, ", "*a]\n")
    return Hostile(
        "many-aliases",
        f"one anchor and {n + 1:,} aliases to it",
        text.encode(),
        (Rejected(1, 4, "anchor '&a' is not allowed"),),
    )


@case
def aliases_without_anchor() -> Hostile:
    text, n = _fill("", "- *a\n")
    return Hostile(
        "aliases-without-anchor",
        f"a list of {n:,} aliases",
        text.encode(),
        (Rejected(1, 3, "alias '*a' is not allowed"),),
    )


@case
def alias_at_the_end() -> Hostile:
    text, lines = _long_text()
    return Hostile(
        "alias-at-the-end",
        "2 MB of valid text, then an alias",
        (text + "last: *a\n").encode(),
        (Rejected(lines + 1, len("last: ") + 1, "alias '*a' is not allowed"),),
    )


@case
def deep_flow_lists() -> Hostile:
    text, n = _fill("x: ", "[")
    # The mapping is depth 1; the bracket at column 4 + k opens depth 2 + k.
    return Hostile(
        "deep-brackets",
        f"{n:,} opening brackets",
        text.encode(),
        (Rejected(1, 4 + MAX_DEPTH - 1, f"nested more than {MAX_DEPTH} levels"),),
    )


@case
def deep_flow_mappings() -> Hostile:
    text, n = _fill("x: ", "{a: ")
    # Mapping k (0-based) opens at column 4 + 4k at depth 2 + k; its key is one deeper.
    k = MAX_DEPTH - 2
    return Hostile(
        "deep-braces",
        f"{n:,} nested {{ }} mappings",
        text.encode(),
        (Rejected(1, 4 + 4 * k + 1, f"nested more than {MAX_DEPTH} levels"),),
    )


@case
def deep_brackets_at_the_end() -> Hostile:
    text, lines = _long_text()
    last = "last: " + "[" * 5_000 + "\n"
    return Hostile(
        "deep-brackets-at-the-end",
        "2 MB of valid text, then 5,000 opening brackets",
        (text + last).encode(),
        (Rejected(lines + 1, len("last: ") + MAX_DEPTH, f"nested more than {MAX_DEPTH} levels"),),
    )


@case
def deep_block_mappings() -> Hostile:
    lines: list[str] = []
    size = 0
    while size < SIZE - 5_000:
        lines.append(" " * len(lines) + "a:\n")
        size += len(lines[-1])
    # Line i (0-based) holds the key at depth i + 2.
    return Hostile(
        "deep-indentation",
        f"{len(lines):,} ever deeper indented keys",
        "".join(lines).encode(),
        (Rejected(MAX_DEPTH, MAX_DEPTH, f"nested more than {MAX_DEPTH} levels"),),
    )


@case
def many_documents() -> Hostile:
    text, n = _fill("", "--- a\n")
    return Hostile(
        "many-documents",
        f"{n:,} small YAML documents",
        text.encode(),
        (Rejected(2, 1, "a second document starts here"),),
    )


@case
def documents_ended_and_restarted() -> Hostile:
    text, n = _fill("", "a\n...\n")
    return Hostile(
        "ended-documents",
        f"{n:,} documents closed with '...'",
        text.encode(),
        (Rejected(3, 1, "the document goes on after its end"),),
    )


# -- rejected: unclosed values, bad characters, bad values at the end ------------------------


@case
def unclosed_quote() -> Hostile:
    text, _ = _fill('text: "', "word ")
    return Hostile(
        "unclosed-quote",
        "a double quote opened on line 1 and never closed",
        text.encode(),
        (Rejected(1, len("text: ") + 1, "never closed"),),
    )


@case
def unclosed_bracket() -> Hostile:
    text, _ = _fill("text: [", "word ")
    return Hostile(
        "unclosed-bracket",
        "a [ opened on line 1 and never closed",
        text.encode(),
        (Rejected(1, len("text: ") + 1, "never closed"),),
    )


@case
def control_character_at_the_end() -> Hostile:
    text, lines = _long_text()
    return Hostile(
        "control-character-at-the-end",
        "2 MB of valid text, then a U+0007",
        (text + "last: a\x07b\n").encode(),
        (Rejected(lines + 1, len("last: a") + 1, "U+0007"),),
    )


@case
def invalid_utf8_at_the_end() -> Hostile:
    text, lines = _long_text()
    return Hostile(
        "invalid-utf8-at-the-end",
        "2 MB of valid text, then a Latin-1 byte",
        text.encode() + b"last: caf\xe9\n",
        (Rejected(lines + 1, len("last: caf") + 1, "0xe9 is not valid UTF-8"),),
    )


@case
def tab_at_the_end() -> Hostile:
    text, lines = _long_text()
    return Hostile(
        "tab-at-the-end",
        "2 MB of valid text, then a line indented with a tab",
        (text + "\tlast: x\n").encode(),
        (Rejected(lines + 1, 1, "a tab character"),),
    )


@case
def colon_in_plain_text_at_the_end() -> Hostile:
    text, lines = _long_text()
    return Hostile(
        "colon-at-the-end",
        "2 MB of valid text, then ': ' inside plain text",
        (text + "last: Seoul says: no\n").encode(),
        (Rejected(lines + 1, len("last: Seoul says") + 1, "':' followed by a space"),),
    )


@case
def huge_integer() -> Hostile:
    text, _ = _fill("x: ", "1", "\n")
    return Hostile(
        "huge-integer",
        "a whole number of 2 million digits",
        text.encode(),
        (Rejected(1, 4, "cannot be read as a whole number"),),
    )


@case
def long_key() -> Hostile:
    text, _ = _fill("", "k", ": v\n")
    # YAML allows a plain key of at most 1024 characters: the ':' after a longer one is an error.
    return Hostile(
        "long-key",
        "a key of 2 million characters",
        text.encode(),
        (Rejected(1, len(text) - len(": v\n") + 1, "':' followed by a space"),),
    )
