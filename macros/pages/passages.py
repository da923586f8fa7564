"""Links between claims as connected prose: the passage a `{{ link("a", "x", …) }}` call renders.

Pure text work, no knowledge base: the caller says which claims are linked to the anchor and how,
and gets back pieces (plain text, claim markers, connectives carrying a link's marker) that the
page renderer escapes and turns into markup.

The order follows the relation. With S the claim holding the link and T its target:

- *because* and *despite* on the anchor join it in one sentence: "Although[L] x, a, because[L] y."
- The other way round, and for the other relations, each relation group continues that sentence
  after a semicolon (a colon before examples): "…; hence[L], …", "…; even so[L], …",
  "…; the evidence[L]: …", "…: for example[L], …; also[L], …; and[L] …".
- *example-of*, *answers*, *depends-on* and *qualifies* always put T first (the general before
  its example, the question before its answer, the condition before what depends on it, the claim
  before its qualification): when the anchor is S, the passage opens with T, in the same sentence
  but for a question, which stands quoted on its own.

A passage is therefore one sentence (or, after a quoted question, two), so a claim shown as the
opening of passages on several pages never repeats there word for word as a sentence of its own.

A claim joined into a sentence loses its final full stop, and its first letter is lowercased
unless its first word is a proper noun, which `ProperNouns` learns from the texts of the site.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from macros.core.relations import RELATIONS

BECAUSE = "because"
EVIDENCE_FOR = "evidence-for"
EXAMPLE_OF = "example-of"
DESPITE = "despite"
ANSWERS = "answers"
DEPENDS_ON = "depends-on"
QUALIFIES = "qualifies"

# Relations whose target comes first in a passage: the anchor holding such a link follows its
# target, and can follow targets in only one of these ways (`leading_joints`; checked in core).
TARGET_FIRST = tuple(r.name for r in RELATIONS if r.target_first)


# -- what the caller gives ---------------------------------------------------------------------


@dataclass(frozen=True)
class Joint:
    """One link, seen from the anchor of a passage."""

    relation: str  # one of RELATIONS
    anchor_holds: bool  # True: written on the anchor ("anchor <relation> other")
    other: str  # the other claim's id
    statement: str  # the other claim's statement
    quote: str  # the link's connective quote
    link: str  # an opaque key for the link's marker


# -- what the caller gets ----------------------------------------------------------------------


@dataclass(frozen=True)
class ClaimMark:
    """The claim's ordinary citation marker, placed after its clause."""

    claim: str


@dataclass(frozen=True)
class Connective:
    """The words that state a link ("because", "Even so"), carrying the link's marker."""

    text: str
    link: str


Piece = str | ClaimMark | Connective


def leading_joints(joints: Iterable[Joint]) -> list[Joint]:
    """The joints whose target comes before the anchor (in a passage, all of one relation)."""
    return [j for j in joints if j.anchor_holds and j.relation in TARGET_FIRST]


# -- proper nouns ------------------------------------------------------------------------------

# A word: letters, with apostrophes, hyphens and full stops inside ("Moscow’s", "U.S", "vis-à-vis").
_WORD = re.compile(r"[^\W\d_]+(?:[’'.\-][^\W\d_]+)*")
_POSSESSIVE = re.compile(r"[’']s?$")
# What ends a sentence (or a heading, a list item) between two words, ignoring opening quotes.
_GAP_ENDS_SENTENCE = re.compile(r"[.!?:•\n][\s“”‘’\"'(\[]*$")


def _key(word: str) -> str:
    return _POSSESSIVE.sub("", word).casefold()


@dataclass
class ProperNouns:
    """Which words are names, learnt from text rather than listed by hand.

    A word is a proper noun when it is written with a capital somewhere other than at the start
    of a sentence, and never in lower case.
    """

    capitalised_inside: set[str] = field(default_factory=set)
    lower_case: set[str] = field(default_factory=set)

    @classmethod
    def learn(cls, texts: Iterable[str]) -> ProperNouns:
        nouns = cls()
        for text in texts:
            nouns.read(text)
        return nouns

    def read(self, text: str) -> None:
        previous_end: int | None = None
        for match in _WORD.finditer(text):
            word = match.group()
            if word[0].islower():
                self.lower_case.add(_key(word))
            elif previous_end is not None and not _GAP_ENDS_SENTENCE.search(
                text, previous_end, match.start()
            ):
                self.capitalised_inside.add(_key(word))
            previous_end = match.end()

    def is_proper(self, word: str) -> bool:
        if any(ch.isupper() for ch in word[1:]):
            return True  # "NATO", "U.S.": lowercasing the first letter alone would garble it
        key = _key(word)
        return key in self.capitalised_inside and key not in self.lower_case


def as_clause(statement: str, nouns: ProperNouns) -> str:
    """A statement for the inside of a sentence: no final full stop, a lowercase first letter
    unless its first word is a proper noun."""
    text = " ".join(statement.split())
    if text.endswith(".”"):
        text = text[:-2] + "”"
    elif text.endswith("."):
        text = text[:-1]
    first = _WORD.search(text)
    opens = first is not None and text[: first.start()].strip("“‘\"'(") == ""
    if first and opens and first.group()[0].isupper() and not nouns.is_proper(first.group()):
        at = first.start()
        text = text[:at] + text[at].lower() + text[at + 1 :]
    return text


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


# -- passages ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Follow:
    """The part of a passage's sentence after the anchor that lists one relation group."""

    opening: str  # the connective that opens it ("hence")
    after_opening: str  # what stands between it and the first clause (", ")
    joiner: str  # the connective before the last further clause ("and")
    after_joiner: str  # between that connective and its clause (" ", " that ")
    before_joiner: str = "; "
    middle: str = ""  # the connective before a further clause that is not the last ("also")
    before_opening: str = "; "  # what joins the group to the sentence so far (": " for examples)


# (relation, anchor holds the link) → how the anchor's sentence continues with that group
_FOLLOWS: dict[tuple[str, bool], _Follow] = {
    (BECAUSE, False): _Follow("hence", ", ", "and", " "),
    (DESPITE, False): _Follow("even so", ", ", "and", " "),
    (EVIDENCE_FOR, False): _Follow("the evidence", ": ", "and", " "),
    (EVIDENCE_FOR, True): _Follow("that is evidence", " that ", "and", " that ", ", "),
    (EXAMPLE_OF, False): _Follow(
        "for example", ", ", "and", " ", middle="also", before_opening=": "
    ),
    (DEPENDS_ON, False): _Follow("in that case", ", ", "and", " "),
    (QUALIFIES, False): _Follow("however", ", ", "and", " "),
}
# The order of follow-up sentences.
_FOLLOW_ORDER: tuple[tuple[str, bool], ...] = (
    (BECAUSE, False),
    (DESPITE, False),
    (EVIDENCE_FOR, False),
    (EVIDENCE_FOR, True),
    (EXAMPLE_OF, False),
    (ANSWERS, False),
    (DEPENDS_ON, False),
    (QUALIFIES, False),
)
# relation → how the anchor continues its target's sentence when it follows the link's target
_LEADS = {EXAMPLE_OF: ": for example", DEPENDS_ON: "; in that case", QUALIFIES: "; however"}


def is_question(quote: str) -> bool:
    return quote.rstrip().rstrip("”’\"')").endswith("?")


def link_passage(
    anchor: str, statement: str, joints: Sequence[Joint], nouns: ProperNouns
) -> list[Piece]:
    """The passage about claim `anchor` (with this statement) and the claims joined to it.

    The anchor may follow several claims in one way (the answer to a question two claims raise,
    an example of two general claims); callers check first that the leading joints (see
    `leading_joints`) share their relation, and two relations are a ValueError here.
    """
    leads = leading_joints(joints)
    if len({j.relation for j in leads}) > 1:
        raise ValueError(f"'{anchor}' follows claims in two ways: {[j.other for j in leads]}")
    pieces: list[Piece] = []
    starts_sentence = True
    if leads:
        lead_in, starts_sentence = _lead_in(leads, nouns)
        pieces += lead_in
    pieces += _anchor_sentence(anchor, statement, joints, nouns, starts_sentence)
    for group in _FOLLOW_ORDER:
        members = [j for j in joints if (j.relation, j.anchor_holds) == group]
        if group == (ANSWERS, False):
            for joint in members:
                pieces += [" ", *_answer(joint, nouns)]
        elif members:
            pieces = _open_sentence(pieces)
            pieces += _follow(_FOLLOWS[group], members, nouns)
    return _merged(pieces)


def _open_sentence(pieces: list[Piece]) -> list[Piece]:
    """The pieces with the full stop of their last sentence taken off, to continue it."""
    for at in range(len(pieces) - 1, -1, -1):
        piece = pieces[at]
        if isinstance(piece, str) and piece.rstrip().endswith("."):
            trimmed = piece.rstrip()[:-1]
            return [*pieces[:at], *([trimmed] if trimmed else []), *pieces[at + 1 :]]
        if isinstance(piece, str) and piece.strip():
            break
    return pieces


def _lead_in(leads: Sequence[Joint], nouns: ProperNouns) -> tuple[list[Piece], bool]:
    """The targets the anchor follows, each as a sentence, then the connective opening the
    anchor's sentence, carrying every lead's marker; and whether the anchor's words then start a
    sentence (after a quoted question) or not."""
    pieces: list[Piece] = []
    first = leads[0]
    if first.relation != ANSWERS:
        # The targets open the anchor's sentence, joined like the clauses of a list.
        for at, lead in enumerate(leads):
            if at:
                pieces.append(" and " if at == len(leads) - 1 else ", ")
            clause = as_clause(lead.statement, nouns)
            pieces += [_capitalise(clause) if at == 0 else clause, ClaimMark(lead.other)]
        return [*pieces, *_connective(_LEADS[first.relation], leads), ", "], False
    for lead in leads:
        pieces += [_sentence(lead.statement), ClaimMark(lead.other), " "]
    if first.relation == ANSWERS and all(is_question(j.quote) for j in leads):
        # Each question once, quoted, with the markers of every link that quotes it.
        by_question: dict[str, list[Joint]] = {}
        for lead in leads:
            by_question.setdefault(_quoted(lead.quote), []).append(lead)
        for question, asked in by_question.items():
            pieces += [*_connective(question, asked), " "]
        return pieces, True
    return [*pieces, *_connective("The answer", leads), ": "], False


def _connective(text: str, joints: Sequence[Joint]) -> list[Piece]:
    """Words stating one or more links: the first link's marker on them, the others' after it."""
    return [Connective(text, joints[0].link), *(Connective("", j.link) for j in joints[1:])]


def _anchor_sentence(
    anchor: str, statement: str, joints: Sequence[Joint], nouns: ProperNouns, starts: bool
) -> list[Piece]:
    """The anchor with its concessions before it and its reasons after it, in one sentence.

    `starts`: whether the anchor's words start a sentence; if not, a connective ending in ", "
    or ": " stands before them.
    """
    despites = [j for j in joints if j.anchor_holds and j.relation == DESPITE]
    reasons = [j for j in joints if j.anchor_holds and j.relation == BECAUSE]
    if starts and not (despites or reasons):
        return [_sentence(statement), ClaimMark(anchor)]  # a sentence of its own, as written
    pieces: list[Piece] = []
    for at, joint in enumerate(despites):
        if at:
            pieces.append(" and " if at == len(despites) - 1 else ", ")
        connective = "Although" if starts and at == 0 else "although"
        pieces += [Connective(connective, joint.link), " ", *_clause(joint, nouns)]
    if despites:
        pieces.append(", ")
    clause = as_clause(statement, nouns)
    pieces += [_capitalise(clause) if starts and not despites else clause, ClaimMark(anchor)]
    for at, joint in enumerate(reasons):
        # ", and because" before the last of several: their clauses often hold commas themselves.
        pieces.append(", and " if at and at == len(reasons) - 1 else ", ")
        pieces += [Connective("because", joint.link), " ", *_clause(joint, nouns)]
    return [*pieces, "."]


def _follow(form: _Follow, members: Sequence[Joint], nouns: ProperNouns) -> list[Piece]:
    pieces: list[Piece] = [form.before_opening]
    for at, joint in enumerate(members):
        if at == 0:
            pieces += [Connective(form.opening, joint.link), form.after_opening]
        elif form.middle and at < len(members) - 1:
            pieces += [form.before_joiner, Connective(form.middle, joint.link), ", "]
        else:
            pieces += [form.before_joiner, Connective(form.joiner, joint.link), form.after_joiner]
        pieces += _clause(joint, nouns)
    return [*pieces, "."]


def _answer(joint: Joint, nouns: ProperNouns) -> list[Piece]:
    """An answer after the claim it answers: the question quoted, or "The answer: …"."""
    if is_question(joint.quote):
        return [
            Connective(_quoted(joint.quote), joint.link),
            " ",
            _sentence(joint.statement),
            ClaimMark(joint.other),
        ]
    return [Connective("The answer", joint.link), ": ", *_clause(joint, nouns), "."]


def _clause(joint: Joint, nouns: ProperNouns) -> list[Piece]:
    """The other claim of a joint inside a sentence, with its marker."""
    return [as_clause(joint.statement, nouns), ClaimMark(joint.other)]


def _sentence(statement: str) -> str:
    return " ".join(statement.split())


def _quoted(quote: str) -> str:
    """A question shown as what it is: a quotation of the source, not an assertion."""
    return f"“{_sentence(quote)}”"


def _merged(pieces: Iterable[Piece]) -> list[Piece]:
    """Adjacent strings joined, empty ones dropped."""
    out: list[Piece] = []
    for piece in pieces:
        if isinstance(piece, str):
            if not piece:
                continue
            if out and isinstance(out[-1], str):
                out[-1] += piece
                continue
        out.append(piece)
    return out


def plain_passage(pieces: Iterable[Piece], mark: str = "") -> str:
    """A passage as plain text (for meta descriptions and tests); markers become `mark`."""
    out: list[str] = []
    for piece in pieces:
        if isinstance(piece, str):
            out.append(piece)
        elif isinstance(piece, Connective):
            out.append(piece.text + mark)
        else:
            out.append(mark)
    return "".join(out)
