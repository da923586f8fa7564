"""The editorial rules a program can check (GUIDE §5), run on a checked knowledge base.

Each rule is a function from the knowledge base to the problems it finds, with its own code:

- `numbers_not_in_quotes`: a statement gives a number, year or date its quotes do not (nor the
  source's publication date, which "as of July 2021" rests on);
- `dates_not_in_quotes`: a claim's `date` that its quotes do not state;
- `uncited_sentences`: a prose sentence of a topic, actor, event, glossary or hand-written page
  that cites nothing (sentences.py says what a sentence and a citation are);
- `uncited_claims`: a claim no page cites;
- `topic_mismatches`: a claim cited on a topic page whose `topics` do not list that topic;
- `views_not_attributed`: an assessment or forecast that names neither the author nor "the
  author";
- `links_on_no_common_page`: a link between two claims that no page shows together (a reader
  could never follow it).

`load_knowledge` reports them like any other problem, once the data itself is sound, so
`make check`, `mkdocs serve` and every build show them at `path:line:col`. The one exception is
marked in the data: `<!-- uncited: reason -->` on a hand-written page, for text about the site
itself; every other rule has an honest fix (quote the words, add the topic, name the author).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from macros.core.collector import paused_collection
from macros.core.diagnostics import Problem
from macros.core.knowledge import CitedIn, KnowledgeBase
from macros.core.model import Claim, Source
from macros.core.problems import Code
from macros.core.prose import MacroCall, parse_prose
from macros.core.sentences import unmarked_uncited
from macros.core.text import Text, position_of

# Number words a statement could add: "one" and "first" are left out, as they are far more often
# not a count ("one of the few", "first among").
NUMBER_WORDS = frozenset(
    [
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "seventy",
        "eighty",
        "ninety",
        "hundred",
        "thousand",
        "million",
        "billion",
        "trillion",
        "dozen",
        "dozens",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "twentieth",
        "hundredth",
    ]
)
# Digits (with a decade's or an ordinal's ending: "1990s", "12th") or a number word.
_NUMBER = re.compile(
    r"(?<![\w.,])(?:\d+(?:[.,]\d+)*(?:s|st|nd|rd|th)?|"
    + "|".join(sorted(NUMBER_WORDS))
    + r")(?!\w)",
    re.IGNORECASE,
)
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_VIEWS = ("assessment", "forecast")
THE_AUTHOR = "the author"
_NAME_WORD = re.compile(r"[^\W\d_][\w’'.-]*")


@paused_collection()
def editorial_problems(kb: KnowledgeBase) -> list[Problem]:
    """Every breach of a mechanically checkable editorial rule, in file order."""
    return sorted({problem for rule in RULES for problem in rule(kb)})


def claim_quotes(claim: Claim) -> list[str]:
    """Every passage a claim rests on: its quote and its further quotes (`evidence`)."""
    return [claim.quote, *(e.quote for e in claim.evidence)]


def _contains(passages: Iterable[str], word: str) -> bool:
    pattern = re.compile(rf"(?<![\w.,]){re.escape(word)}(?!\w)", re.IGNORECASE)
    return any(pattern.search(p) for p in passages)


def _date_words(date: str) -> list[str]:
    """What a text must say to give a date: '2008', 'August' for 2008-08, then the day."""
    parts = date.split("-")
    words = [parts[0]]
    if len(parts) > 1:
        words.append(MONTHS[int(parts[1]) - 1])
    if len(parts) > 2:
        words.append(str(int(parts[2])))
    return words


def numbers_not_in_quotes(kb: KnowledgeBase) -> list[Problem]:
    found: list[Problem] = []
    for verified in kb.claims.values():
        claim = verified.claim
        dates = [" ".join(_date_words(kb.sources[s].published)) for s in claim.sources_quoted]
        given = [*claim_quotes(claim), *dates]
        numbers = (m.group() for m in _NUMBER.finditer(claim.statement))
        missing = list(dict.fromkeys(n for n in numbers if not _contains(given, n)))
        if missing:
            found.append(
                Problem(
                    Code.NUMBER_NOT_IN_QUOTE,
                    claim.statement.position,
                    f"the statement gives {', '.join(repr(n) for n in missing)}, which its quote "
                    "does not",
                    "say only what the quote says: quote the words that give it, or leave it "
                    "out (where the source is vague, as in 'three decades', stay vague)",
                )
            )
    return found


def dates_not_in_quotes(kb: KnowledgeBase) -> list[Problem]:
    found: list[Problem] = []
    for verified in kb.claims.values():
        claim = verified.claim
        date = claim.date
        if date is None or any(
            kb.sources[s].published.startswith(date) for s in claim.sources_quoted
        ):
            continue  # "as of" the source: its own date
        missing = [w for w in _date_words(date) if not _contains(claim_quotes(claim), w)]
        if missing:
            found.append(
                Problem(
                    Code.DATE_NOT_IN_QUOTE,
                    date.position,
                    f"date '{date}' is not in the claim's quote, which lacks {', '.join(missing)}",
                    "give a date only when the quote states it, and only as precisely as it does "
                    "(a year alone for 'in 2008'); otherwise leave 'date' out",
                )
            )
    return found


def uncited_claims(kb: KnowledgeBase) -> list[Problem]:
    return [
        Problem(
            Code.UNCITED_CLAIM,
            position_of(verified.claim.id, verified.claim.position),
            f"claim '{ident}' is cited on no page",
            f'cite it with {{{{ claim("{ident}") }}}} in the prose of a topic it belongs to, or '
            "remove it",
        )
        for ident, verified in kb.claims.items()
        if not kb.cited_in.get(ident)
    ]


def _claim_calls(prose: Text) -> Iterator[MacroCall]:
    for segment in parse_prose(prose, [], prose.position):
        if isinstance(segment, MacroCall) and segment.kind == "claim":
            yield segment


def topic_mismatches(kb: KnowledgeBase) -> list[Problem]:
    found: list[Problem] = []
    for topic in kb.topics.values():
        for prose in (topic.lead, *(s.body for s in topic.sections)):
            for call in _claim_calls(prose):
                for ident in call.ids:
                    claim = kb.claims[ident].claim
                    if topic.id in claim.topics:
                        continue
                    found.append(
                        Problem(
                            Code.TOPIC_MISMATCH,
                            call.position,
                            f"topic '{topic.id}' cites claim '{ident}', whose topics do not "
                            f"include it ({', '.join(claim.topics)})",
                            f"add {topic.id} to the claim's topics ({claim.file}), or cite it "
                            "on a page of one of its own topics",
                        )
                    )
    return found


def _name_words(name: str) -> list[str]:
    """The words of a name up to the first that is not one ("Fyodor Tertitskiy (ed.)" →
    Fyodor, Tertitskiy)."""
    words: list[str] = []
    for word in name.split():
        if not _NAME_WORD.fullmatch(word):
            break
        words.append(word)
    return words


def author_names(source: Source) -> list[str]:
    """How a statement may name the author: full names, surnames (aliases too), 'the author'."""
    names = [source.author, *source.author_aliases]
    surnames = [words[-1] for name in names if (words := _name_words(name))]
    return list(dict.fromkeys([*names, *surnames, THE_AUTHOR]))


def views_not_attributed(kb: KnowledgeBase) -> list[Problem]:
    found: list[Problem] = []
    for verified in kb.claims.values():
        claim = verified.claim
        if claim.kind not in _VIEWS:
            continue
        names = author_names(kb.sources[claim.source])
        if any(_contains([claim.statement], name) for name in names):
            continue
        own = _name_words(kb.sources[claim.source].author)
        surname = own[-1] if own else THE_AUTHOR
        article = "an" if claim.kind[0] in "aeiou" else "a"
        found.append(
            Problem(
                Code.VIEW_NOT_ATTRIBUTED,
                claim.statement.position,
                f"{article} {claim.kind} worded as fact: the statement names neither the author "
                f"({', '.join(n for n in names if n != THE_AUTHOR)}) nor '{THE_AUTHOR}'",
                f"word it as the author's view, e.g. “{surname} argues that …” or “…, in the "
                "author’s view, …” (other spellings of the name go in the source's "
                "author_aliases)",
            )
        )
    return found


def uncited_sentences(kb: KnowledgeBase) -> list[Problem]:
    fields: list[Text] = []
    for topic in kb.topics.values():
        fields += [topic.lead, *(s.body for s in topic.sections)]
    fields += [a.description for a in kb.actors.values()]
    fields += [e.summary for e in kb.events]
    fields += [t.definition for t in kb.terms.values()]
    texts = [(f, False) for f in fields] + [(p.markdown, True) for p in kb.pages]
    found: list[Problem] = []
    for prose, markdown in texts:
        for sentence in unmarked_uncited(prose, markdown=markdown):
            shown = sentence.text if len(sentence.text) <= 90 else sentence.text[:87] + "…"
            hint = 'make it a claim, {{ claim("id") }}, or end it with {{ cite("id") }}'
            if markdown:
                hint += "; text about the site itself goes under <!-- uncited: reason -->"
            found.append(
                Problem(
                    Code.UNCITED_SENTENCE,
                    prose.position_at(sentence.start),
                    f"a sentence without a citation: “{shown}”",
                    hint,
                )
            )
    return found


def _page_of(owner: CitedIn) -> tuple[str, str]:
    """The page a citation is on: its topic's, actor's or hand-written page; every event is on
    the timeline and every term in the glossary."""
    if owner.kind in ("event", "term"):
        return (owner.kind, "")
    return (owner.kind, owner.ident)


def links_on_no_common_page(kb: KnowledgeBase) -> list[Problem]:
    found: list[Problem] = []
    for verified in kb.claims.values():
        for link in verified.links:
            pages = [
                {_page_of(c) for c in kb.cited_in.get(i, ())} for i in (link.holder, link.target)
            ]
            if not all(pages) or pages[0] & pages[1]:
                continue  # an uncited claim is reported as such
            found.append(
                Problem(
                    Code.LINK_ON_NO_COMMON_PAGE,
                    link.link.position,
                    f"'{link.holder}' {link.relation.name} '{link.target}': no page cites both "
                    f"claims, so no reader sees the link",
                    "cite both on one page, a topic of both (add it to their topics), or remove "
                    "the link",
                )
            )
    return found


# Every rule, in the order their problems are explained in CONTRIBUTING.md.
RULES: tuple[Callable[[KnowledgeBase], list[Problem]], ...] = (
    numbers_not_in_quotes,
    dates_not_in_quotes,
    uncited_sentences,
    uncited_claims,
    topic_mismatches,
    views_not_attributed,
    links_on_no_common_page,
)
