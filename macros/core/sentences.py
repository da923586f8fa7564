"""Prose split into the sentences a reader sees, each saying whether it carries a citation.

A `{{ claim("id") }}` call renders a whole sentence, the claim's statement with its own full stop,
so it ends the sentence it is in: text after it starts a new one ("{{ claim("x") }} Seoul has long
courted Moscow." is two sentences, the second uncited). Text before it with no full stop of its own
joins it ("In short, {{ claim("x") }}"). A `{{ cite(…) }}` marks the sentence it is in, or, written
right after a full stop, the sentence that stop ended; `{{ cite_source("id") }}` does the same for
sentences that rest on the source's metadata (who wrote or published it).

In hand-written Markdown pages, headings, code blocks and comments are not prose, list items and
paragraphs end sentences, and a comment `<!-- uncited: reason -->` exempts the rest of its section
(up to the next heading): text about the site itself, not about its sources.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from macros.core.prose import MacroCall, parse_prose
from macros.core.text import Text

# A sentence ends at . ? ! or … (and any closing quote or bracket) before a capital, an opening
# quote, a digit or the end of the text; "U.S." and an initial such as "A." do not end one.
_END = re.compile(r"(?<![A-Z]\.[A-Z])(?<!\b[A-Z])[.?!…]+[\"”’)\]]*(?=\s+[A-Z0-9“\"‘(\[]|\s*$)")
_BLOCK_BREAK = re.compile(r"\n[ \t]*\n")
# Markdown only: a line that starts a list item, a heading, a fenced code block, a comment.
_LIST_ITEM = re.compile(r"\n[ \t]*(?:[-*+]|\d+[.)])[ \t]+")
_MARKDOWN_SKIP = re.compile(
    r"^[ \t]*(?:#{1,6}[ \t][^\n]*|```.*?^[ \t]*```[^\n]*)|<!--.*?-->", re.M | re.S
)
_EXEMPTION = re.compile(r"<!--\s*uncited:\s*(.*?)\s*-->", re.S)
_HEADING = re.compile(r"^[ \t]*#{1,6}[ \t]", re.M)
_CONTENT = re.compile(r"\w")

# Macros that render a whole sentence and cite it (a claim's statement; a link between claims,
# once prose has it), and macros that cite the sentence they end: claim markers, and the source's
# own marker for what rests on its metadata. A `source()` link alone cites nothing.
SENTENCE_MACROS = frozenset({"claim", "link"})
CITING_MACROS = frozenset({*SENTENCE_MACROS, "cite", "cite_source"})


@dataclass(frozen=True)
class ProseSentence:
    start: int  # offset of its first character in the prose
    text: str  # as written, macro calls included
    cited: bool
    exempt: str = ""  # the reason given by an `<!-- uncited: … -->` comment, or ""


@dataclass
class _Open:
    start: int = -1
    end: int = -1
    cited: bool = False
    content: bool = False

    def add(self, start: int, end: int, *, content: bool) -> None:
        if self.start < 0:
            self.start = start  # the caller starts a sentence at content, never at a space
        self.end = end
        self.content = self.content or content


@dataclass
class _Splitter:
    text: str
    exemptions: list[tuple[int, int, str]]  # (start, end, reason) of exempt stretches
    sentences: list[ProseSentence] = field(default_factory=list)
    open: _Open = field(default_factory=_Open)
    just_closed: bool = False  # nothing but space since the last sentence ended

    def close(self) -> None:
        current = self.open
        if current.content:
            exempt = next((r for s, e, r in self.exemptions if s <= current.start < e), "")
            text = " ".join(self.text[current.start : current.end].split())
            self.sentences.append(ProseSentence(current.start, text, current.cited, exempt))
            self.just_closed = True
        self.open = _Open()

    def cite_previous(self) -> None:
        last = self.sentences[-1]
        self.sentences[-1] = ProseSentence(last.start, last.text, True, last.exempt)

    def literal(self, start: int, end: int) -> None:
        """Plain text: sentences end at full stops, blank lines and (in Markdown) list items."""
        cursor = start
        for stop in _stops(self.text, start, end):
            self._piece(cursor, stop)
            self.close()
            cursor = stop
        self._piece(cursor, end)

    def _piece(self, start: int, end: int) -> None:
        if start >= end:
            return
        first = _CONTENT.search(self.text, start, end)
        if self.open.content:
            self.open.add(start, end, content=first is not None)
        elif first is not None:
            self.open.add(_sentence_start(self.text, start, first.start()), end, content=True)
        if first is not None:
            self.just_closed = False

    def call(self, call: MacroCall, start: int, end: int) -> None:
        if call.name in SENTENCE_MACROS:
            self.open.add(start, end, content=True)
            self.open.cited = True
            self.close()
        elif call.name in CITING_MACROS and not self.open.content and self.just_closed:
            self.cite_previous()  # "… Moscow. {{ cite("x") }}": the marker ends that sentence
        else:
            self.open.add(start, end, content=True)
            self.open.cited = self.open.cited or call.name in CITING_MACROS
            self.just_closed = False


def _sentence_start(text: str, start: int, first_word: int) -> int:
    """Where a sentence starts: its first word, or an opening quote or bracket before it."""
    at = first_word
    while at > start and not text[at - 1].isspace():
        at -= 1
    return at


def _stops(text: str, start: int, end: int) -> list[int]:
    """Where sentences end in text[start:end]: full stops, blank lines, list items."""
    found = [m.end() for m in _END.finditer(text, start, end)]
    found += [m.start() + 1 for m in _BLOCK_BREAK.finditer(text, start, end)]
    found += [m.start() + 1 for m in _LIST_ITEM.finditer(text, start, end)]
    return [at for at in sorted(set(found)) if start < at <= end]


def _markdown_blanked(text: str) -> tuple[str, list[tuple[int, int, str]]]:
    """The page with headings, code and comments blanked out (offsets and line breaks kept, so
    a heading becomes a blank line), and the stretches an `<!-- uncited: … -->` comment exempts:
    up to the next heading."""
    headings = [m.start() for m in _HEADING.finditer(text)]
    exemptions: list[tuple[int, int, str]] = []
    for marker in _EXEMPTION.finditer(text):
        following = [h for h in headings if h > marker.start()]
        reason = " ".join(marker[1].split())
        exemptions.append((marker.end(), following[0] if following else len(text), reason))
    blanked = _MARKDOWN_SKIP.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)
    return blanked, exemptions


def prose_sentences(prose: Text, *, markdown: bool = False) -> list[ProseSentence]:
    """The sentences of a prose field (or, with `markdown`, of a hand-written page)."""
    text, exemptions = _markdown_blanked(prose) if markdown else (str(prose), [])
    splitter = _Splitter(text, exemptions)
    cursor = 0
    # The prose is valid (the knowledge base was built), so every call parses and the literal
    # segments and calls follow each other without gaps.
    for segment in parse_prose(Text(text, prose.position, prose.block_indent), [], prose.position):
        if isinstance(segment, MacroCall):
            start = text.index("{{", cursor)
            end = text.index("}}", start) + 2
            splitter.call(segment, start, end)
        else:
            start, end = cursor, cursor + len(segment)
            splitter.literal(start, end)
        cursor = end
    splitter.close()
    return splitter.sentences


def unmarked_uncited(prose: Text, *, markdown: bool = False) -> list[ProseSentence]:
    """The sentences that carry no citation and are not exempt."""
    return [s for s in prose_sentences(prose, markdown=markdown) if not s.cited and not s.exempt]
