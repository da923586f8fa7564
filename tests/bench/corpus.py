"""A seeded synthetic corpus: a complete, valid project at a multiple of the real site's size.

Scale ×1 is the size of the real site: one archived source of about 7 KB in 21 blocks (20 paragraphs
of body text and an excluded byline), 90 claims, 12 topics, 20 actors, 10 events and 10 glossary
terms. Scale ×n has n times each of those. The texts are random words, but every sentence is unique,
so each claim can quote one verbatim (sometimes only its first words) and the quote occurs exactly
once. The texts use what the real one uses: typographic ’ “ ” and –, and no-break spaces inside
sentences and at paragraph ends, which the claims' quotes write as ordinary spaces.

Everything is derived from `random.Random` seeded with the seed and the group number (one group per
source), so the same seed and scale always write the same bytes.

    python -m tests.bench.corpus --scale 10 /tmp/corpus-x10
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from macros.core.editorial import NUMBER_WORDS
from macros.core.settings import SETTINGS

REPO = Path(__file__).resolve().parents[2]

# Per unit of scale: the size of the real site.
SOURCES = 1
CLAIMS_PER_SOURCE = 90
TOPICS = 12
ACTORS = 20
EVENTS = 10
TERMS = 10
BODY_PARAGRAPHS = 20  # plus one excluded byline block: 21 blocks, like the real source
SENTENCES_PER_SOURCE = 95
MAX_TOPIC_ORDER = 10_000  # the schema's limit for `order`
CLAIMS_PER_FILE = 15
MAX_DATA_FILE_BYTES = SETTINGS.max_file_bytes  # what the loader accepts
MAX_DATA_FILE_VALUES = SETTINGS.max_yaml_values  # likewise

_KINDS = ("fact",) * 5 + ("assessment",) * 3 + ("forecast", "attribution")
_ACTOR_KINDS = ("state",) * 8 + ("territory",) * 2 + ("organisation",) * 5 + ("person",) * 5
_FUNCTION_WORDS = [
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "that",
    "is",
    "for",
    "on",
    "with",
    "as",
    "by",
    "at",
    "from",
    "its",
    "was",
    "it",
    "has",
    "not",
    "but",
    "this",
    "are",
    "which",
    "or",
    "be",
    "have",
    "their",
    "more",
    "also",
    "been",
    "than",
    "into",
    "over",
    "after",
]
_CYRILLIC = [
    "ка",
    "ро",
    "ни",
    "ва",
    "ли",
    "до",
    "ма",
    "се",
    "то",
    "ры",
    "ко",
    "ла",
    "ре",
    "ми",
    "на",
]
_HANGUL = [
    "한",
    "국",
    "서",
    "울",
    "대",
    "민",
    "북",
    "남",
    "조",
    "선",
    "평",
    "양",
    "경",
    "제",
    "외",
    "교",
]


@dataclass(frozen=True)
class CorpusStats:
    """What a corpus holds, for tests and for the benchmark report."""

    scale: int
    sources: int
    claims: int
    topics: int
    actors: int
    events: int
    terms: int
    source_bytes: int  # all archived texts together
    data_bytes: int  # everything under data/
    edit_claim: str  # a claim whose statement the live-reload benchmark edits
    edit_file: str  # its file, relative to the project
    edit_page: str  # a page showing the claim's statement (its first topic), site-relative URL


@dataclass
class _Claim:
    id: str
    source: str
    quote: str
    statement: str
    kind: str
    topics: list[str]
    actors: list[str]
    date: str | None
    note: str | None


@dataclass
class _Group:
    """One source with everything built around it: the unit of scale."""

    number: int
    source_id: str
    topic_ids: list[str]
    actor_ids: list[str]
    claims: list[_Claim] = field(default_factory=list)
    published: str = ""  # the source's publication date: its claims and events are no later


class _Words:
    """A fixed vocabulary of pronounceable pseudo-words and ways to make text from it."""

    def __init__(self, seed: int) -> None:
        rng = random.Random(f"vocabulary-{seed}")
        consonants, vowels = "bdfghklmnprstvz", "aeiou"
        words: set[str] = set()
        while len(words) < 3000:
            syllables = rng.choice((1, 2, 2, 2, 3, 3, 4))
            word = "".join(rng.choice(consonants) + rng.choice(vowels) for _ in range(syllables))
            if word not in NUMBER_WORDS:  # "nine" in a statement is a number its quote lacks
                words.add(word)
        self.words = sorted(words)

    def word(self, rng: random.Random) -> str:
        if rng.random() < 0.3:
            return rng.choice(_FUNCTION_WORDS)
        return rng.choice(self.words)

    def content_word(self, rng: random.Random) -> str:
        return rng.choice(self.words)

    def name(self, rng: random.Random, words: int) -> str:
        return " ".join(self.content_word(rng).capitalize() for _ in range(words))

    def slug(self, rng: random.Random, words: int, suffix: str) -> str:
        return "-".join([*(self.content_word(rng) for _ in range(words)), suffix])

    def clause(self, rng: random.Random, low: int, high: int) -> str:
        return " ".join(self.word(rng) for _ in range(rng.randint(low, high)))

    def source_sentence(self, rng: random.Random) -> str:
        """A sentence of the archived text, with the typographic characters the real one has."""
        words = [self.word(rng) for _ in range(rng.randint(8, 16))]
        for i in range(1, len(words)):
            if rng.random() < 0.06:
                words[i] += "’s"
        if rng.random() < 0.1:
            i = rng.randrange(1, len(words))
            words[i] = f"“{words[i]}”"
        if rng.random() < 0.07:
            words.insert(rng.randrange(2, len(words)), "–")
        words[0] = words[0].capitalize()
        sentence = " ".join(words) + "."
        if rng.random() < 0.12:  # a no-break space inside the sentence
            at = sentence.find(" ", len(sentence) // 2)
            if at != -1:
                sentence = sentence[:at] + "\u00a0" + sentence[at + 1 :]
        return sentence

    def prose_sentence(self, rng: random.Random) -> str:
        """A free sentence for prose (no template syntax, no markup)."""
        return self.clause(rng, 5, 11).capitalize() + "."


def _fold(text: str) -> str:
    return " ".join(text.split())


def _call(name: str, *args: str) -> str:
    return "{{ " + name + "(" + ", ".join(f'"{a}"' for a in args) + ") }}"


def _q(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def _block(value: str, indent: int) -> str:
    """A YAML literal block scalar (`|`) for multi-line prose."""
    pad = " " * indent
    lines = [pad + line if line else "" for line in value.rstrip("\n").split("\n")]
    return "|\n" + "\n".join(lines) + "\n"


def _ids(values: list[str]) -> str:
    return "[" + ", ".join(values) + "]"


def _claim_date(rng: random.Random, group: _Group) -> str | None:
    """A claim dated three times in ten: by its source's publication date, the one date a random
    quote can honestly give ("as of" the source). The random date is drawn all the same, so the
    rest of the corpus stays as it was."""
    if rng.random() >= 0.3:
        return None
    _date(rng, year_high=_before(group))
    return group.published


def _date(rng: random.Random, year_low: int = 1950, year_high: int = 2021) -> str:
    year = rng.randint(year_low, year_high)
    precision = rng.random()
    if precision < 0.4:
        return f"{year}"
    if precision < 0.8:
        return f"{year}-{rng.randint(1, 12):02d}"
    return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _before(group: _Group) -> int:
    """The last year before the group's source was published: any date in it is earlier."""
    return int(group.published[:4]) - 1


class _Writer:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.bytes = 0

    def write(self, rel: str, content: str) -> None:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        data = content.encode("utf-8")
        path.write_bytes(data)
        if rel.startswith("data/"):
            self.bytes += len(data)


def _source_text(rng: random.Random, words: _Words, author: str) -> tuple[str, list[list[str]]]:
    """The archived text and its body paragraphs as lists of sentences (as written)."""
    counts = [4] * BODY_PARAGRAPHS
    while sum(counts) < SENTENCES_PER_SOURCE:
        counts[rng.randrange(BODY_PARAGRAPHS)] += 1
    for _ in range(BODY_PARAGRAPHS):  # vary the paragraph lengths, keeping the total
        a, b = rng.randrange(BODY_PARAGRAPHS), rng.randrange(BODY_PARAGRAPHS)
        if counts[a] > 1 and counts[b] < 9:
            counts[a] -= 1
            counts[b] += 1
    seen: set[str] = set()
    paragraphs: list[list[str]] = []
    for count in counts:
        sentences: list[str] = []
        while len(sentences) < count:
            sentence = words.source_sentence(rng)
            if _fold(sentence) not in seen:
                seen.add(_fold(sentence))
                sentences.append(sentence)
        paragraphs.append(sentences)
    blocks = [" ".join(p) for p in paragraphs]
    for i in rng.sample(range(BODY_PARAGRAPHS), 2):  # no-break spaces at paragraph ends
        blocks[i] += "\u00a0"
    blocks.append(f"  • {author}")  # the byline fragment, excluded in the metadata
    return "\n\n".join(blocks) + "\n", paragraphs


def _quotes(rng: random.Random, paragraphs: list[list[str]]) -> list[str]:
    """One quote per claim: whole sentences or their first words, each occurring exactly once."""
    body = "\n".join(_fold(" ".join(p)) for p in paragraphs)
    sentences = [_fold(s) for p in paragraphs for s in p]
    chosen = sorted(rng.sample(range(len(sentences)), CLAIMS_PER_SOURCE))
    quotes: list[str] = []
    for i in chosen:
        quote = sentences[i]
        words = quote.split(" ")
        if rng.random() < 0.3 and len(words) > 5:
            partial = " ".join(words[: rng.randint(4, len(words) - 1)])
            if len(partial) >= 25 and body.count(partial) == 1:
                quote = partial
        if body.count(quote) != 1:  # cannot happen: sentences are unique and end with "."
            raise AssertionError(f"quote is not unique: {quote!r}")
        quotes.append(quote)
    return quotes


def generate(root: Path, scale: int, seed: int = 7) -> CorpusStats:
    """Write a complete project (mkdocs.yml, docs/, data/) at `scale` × the real site into root."""
    if scale < 1:
        raise ValueError("scale must be at least 1")
    if root.exists():
        shutil.rmtree(root)
    writer = _Writer(root)
    words = _Words(seed)
    # Topic `order` must be unique and at most 10 000: past ×833 the groups share topics.
    n_topics = min(TOPICS * scale, MAX_TOPIC_ORDER)
    n_actors = ACTORS * scale

    # Ids first, so that any group can refer to any other.
    id_rng = random.Random(f"ids-{seed}-{scale}")
    all_topics: list[str] = []
    groups: list[_Group] = []
    for g in range(scale * SOURCES):
        source_id = words.slug(id_rng, 2, f"s{g}")
        topic_ids: list[str] = []
        for i in range(TOPICS):
            n = g * TOPICS + i
            if n < n_topics:
                all_topics.append(words.slug(id_rng, 2, f"t{n}"))
            topic_ids.append(all_topics[n % n_topics])
        actor_ids = [words.slug(id_rng, 1, f"a{g * ACTORS + i}") for i in range(ACTORS)]
        groups.append(_Group(g, source_id, topic_ids, actor_ids))
    order_of = {t: i + 1 for i, t in enumerate(all_topics)}
    written: set[str] = set()
    all_actors = [a for g in groups for a in g.actor_ids]
    source_bytes = 0
    claim_number = 0
    events: list[tuple[str, str, dict[str, Any]]] = []  # (sort key, id, fields)
    terms: list[dict[str, Any]] = []

    for group in groups:
        rng = random.Random(f"group-{seed}-{group.number}")
        author = words.name(rng, 2)
        title = words.name(rng, rng.randint(5, 9))
        text, paragraphs = _source_text(rng, words, author)
        writer.write(f"data/sources/{group.source_id}.txt", text)
        source_bytes += len(text.encode("utf-8"))
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        url = "" if group.number % 2 == 0 else f"https://example.org/{group.source_id}"
        publisher = words.name(rng, 3)
        group.published = _date(rng, 2000)
        writer.write(
            f"data/sources/{group.source_id}.yaml",
            f"# Source metadata: {author}, {title}\n"
            f"title: {_q(title)}\n"
            f"author: {_q(author)}\n"
            f"publisher: {_q(publisher)}\n"
            f'published: "{group.published}"\n'
            "language: en\n"
            f"url: {_q(url)}\n"
            'retrieved: "2026-11-27"\n'
            'licence: "Not known: treated as all rights reserved; only quoted excerpts are shown."\n'
            f"republish: {'true' if group.number % 10 == 9 else 'false'}\n"
            f"sha256: {digest}\n"
            "excluded_blocks:\n"
            f"  - block: {BODY_PARAGRAPHS + 1}\n"
            "    reason: Byline fragment left over from the page layout, not body text.\n",
        )

        for k, quote in enumerate(_quotes(rng, paragraphs)):
            claim_number += 1
            topics = [group.topic_ids[k % TOPICS]]
            if rng.random() < 0.2:
                other = all_topics[rng.randrange(n_topics)]
                if other not in topics:
                    topics.append(other)
            actors = rng.sample(group.actor_ids, rng.choice((0, 1, 1, 2, 2, 3)))
            if rng.random() < 0.05:
                other = all_actors[rng.randrange(n_actors)]
                if other not in actors:
                    actors.append(other)
            kind = rng.choice(_KINDS)
            lead = {
                "fact": "",
                "assessment": "The author argues that ",
                "forecast": "The author expects that ",
                "attribution": "According to the author, observers say that ",
            }[kind]
            clause = words.clause(rng, 8, 18)
            statement = (lead + clause if lead else clause.capitalize()) + "."
            group.claims.append(
                _Claim(
                    id=words.slug(rng, 3, f"c{claim_number}"),
                    source=group.source_id,
                    quote=quote,
                    statement=statement,
                    kind=kind,
                    topics=topics,
                    actors=actors,
                    date=_claim_date(rng, group),
                    note=words.prose_sentence(rng) if rng.random() < 0.1 else None,
                )
            )
        _write_claims(writer, group)
        _write_topics(writer, group, rng, words, order_of, written)
        _write_actors(writer, group, rng, words)
        events.extend(_events(group, rng, words))
        terms.extend(_terms(group, rng, words))

    events.sort(key=lambda e: (e[0], e[1]))
    # events.yaml and glossary.yaml would pass the loader's 2 MB limit for one file past about
    # ×500: then they are written as folders of files (data/events/, data/glossary/).
    n_events = _write_events(writer, [e[2] for e in events])
    n_terms = _write_terms(writer, terms)
    _write_site_files(writer, groups)
    _check_file_sizes(root)

    first = groups[0].claims[0]
    return CorpusStats(
        scale=scale,
        sources=len(groups),
        claims=claim_number,
        topics=n_topics,
        actors=n_actors,
        events=n_events,
        terms=n_terms,
        source_bytes=source_bytes,
        data_bytes=writer.bytes,
        edit_claim=first.id,
        edit_file=f"data/claims/{group_file(groups[0], 0)}",
        edit_page=f"topics/{first.topics[0]}/",
    )


def group_file(group: _Group, part: int) -> str:
    return f"{group.source_id}-{part + 1}.yaml"


def _write_claims(writer: _Writer, group: _Group) -> None:
    for part in range(0, len(group.claims), CLAIMS_PER_FILE):
        lines = [f"# Claims from {group.source_id}, part {part // CLAIMS_PER_FILE + 1}"]
        for c in group.claims[part : part + CLAIMS_PER_FILE]:
            lines += [
                f"- id: {c.id}",
                f"  source: {c.source}",
                f"  quote: {_q(c.quote)}",
                f"  statement: {_q(c.statement)}",
                f"  kind: {c.kind}",
                f"  topics: {_ids(c.topics)}",
                f"  actors: {_ids(c.actors)}",
            ]
            if c.date:
                lines.append(f'  date: "{c.date}"')
            if c.note:
                lines.append(f"  note: {_q(c.note)}")
        writer.write(
            f"data/claims/{group_file(group, part // CLAIMS_PER_FILE)}", "\n".join(lines) + "\n"
        )


def _chunks(items: list[str], rng: random.Random) -> Iterator[list[str]]:
    i = 0
    while i < len(items):
        n = rng.choice((1, 2, 2, 3))
        yield items[i : i + n]
        i += n


def _add_section(writer: _Writer, topic_id: str, claims: list[str]) -> None:
    """A section citing another group's claims of a topic already written (past ×833, where
    groups share topics), so that every claim is still cited on a page."""
    if not claims:
        return
    rel = f"data/topics/{topic_id}.yaml"
    text = (writer.root / rel).read_text(encoding="utf-8")
    body = " ".join(_call("claim", c) for c in claims)
    section = f"  - heading: {_q('More claims on this topic')}\n    body: {_block(body, 6)}"
    if "\nrelated: " in text:  # the sections come before the related topics
        head, _, tail = text.partition("\nrelated: ")
        text = f"{head}\n{section}related: {tail}"
    else:
        text += section
    writer.bytes -= len((writer.root / rel).read_bytes())
    writer.write(rel, text)


def _write_topics(
    writer: _Writer,
    group: _Group,
    rng: random.Random,
    words: _Words,
    order_of: dict[str, int],
    written: set[str],
) -> None:
    for topic_id in group.topic_ids:
        if topic_id in written:  # shared with an earlier group (past ×833 only)
            _add_section(writer, topic_id, [c.id for c in group.claims if c.topics[0] == topic_id])
            continue
        written.add(topic_id)
        own = [c.id for c in group.claims if c.topics[0] == topic_id]
        title = words.name(rng, rng.randint(2, 6))
        lead = f"{words.prose_sentence(rng)} {_call('cite', own[0])}"
        paragraphs: list[str] = []
        for chunk in _chunks(own[1:] or own, rng):
            if rng.random() < 0.6:
                sentence = " ".join(_call("claim", c) for c in chunk)
            else:
                sentence = f"{words.prose_sentence(rng)} {_call('cite', *chunk)}"
            if rng.random() < 0.3:
                actor = rng.choice(group.actor_ids)
                sentence += f" It concerns {_call('actor', actor)}. {_call('cite', chunk[0])}"
            paragraphs.append(sentence)
        related = rng.sample([t for t in group.topic_ids if t != topic_id], rng.randint(0, 3))
        links = [_call("source", group.source_id)]
        if related:
            links.append(_call("topic", related[0], "a related topic"))
        paragraphs.append(f"Read more in {' and '.join(links)}. {_call('cite', own[0])}")
        sections: list[str] = []
        per_section = max(1, (len(paragraphs) + 2) // 3)
        for s in range(0, len(paragraphs), per_section):
            body = "\n\n".join(paragraphs[s : s + per_section])
            sections.append(
                f"  - heading: {_q(words.name(rng, rng.randint(1, 4)))}\n    body: {_block(body, 6)}"
            )
        order = order_of[topic_id]
        writer.write(
            f"data/topics/{topic_id}.yaml",
            f"# Topic: {title}\n"
            f"title: {_q(title)}\n"
            f"order: {order}\n"
            f"lead: {_block(lead, 2)}"
            "sections:\n" + "".join(sections) + (f"related: {_ids(related)}\n" if related else ""),
        )


def _write_actors(writer: _Writer, group: _Group, rng: random.Random, words: _Words) -> None:
    for actor_id in group.actor_ids:
        about = [c.id for c in group.claims if actor_id in c.actors][:3] or [group.claims[0].id]
        name = words.name(rng, rng.randint(1, 3))
        kind = rng.choice(_ACTOR_KINDS)
        lines = [f"# Actor: {name}", f"name: {_q(name)}", f"kind: {kind}"]
        if rng.random() < 0.5:
            aliases = [words.name(rng, rng.randint(1, 2)) for _ in range(rng.randint(1, 2))]
            lines.append("aliases: [" + ", ".join(_q(a) for a in aliases) + "]")
        if rng.random() < 0.3:
            lines.append("native_names:")
            if rng.random() < 0.5:
                native = "".join(rng.choice(_CYRILLIC) for _ in range(3)).capitalize()
                lines += [f"  - text: {_q(native)}", "    lang: ru"]
            else:
                native = "".join(rng.choice(_HANGUL) for _ in range(2))
                lines += [f"  - text: {_q(native)}", "    lang: ko"]
        description = "\n\n".join(
            [
                " ".join(_call("claim", c) for c in about[:2]),
                f"{words.prose_sentence(rng)} {_call('cite', about[-1])}",
            ]
        )
        lines.append(f"description: {_block(description, 2)}".rstrip("\n"))
        writer.write(f"data/actors/{actor_id}.yaml", "\n".join(lines) + "\n")


def _events(
    group: _Group, rng: random.Random, words: _Words
) -> list[tuple[str, str, dict[str, Any]]]:
    events: list[tuple[str, str, dict[str, Any]]] = []
    for i in range(EVENTS):
        claims = [c.id for c in rng.sample(group.claims, rng.randint(1, 2))]
        actors = sorted({a for c in group.claims if c.id in claims for a in c.actors})
        key = _date(rng, year_high=_before(group))
        fields: dict[str, Any] = {
            "id": words.slug(rng, 2, f"e{group.number * EVENTS + i}"),
            "title": words.name(rng, rng.randint(2, 5)),
            "summary": " ".join(_call("claim", c) for c in claims),
            "claims": claims,
            "actors": actors,
        }
        if rng.random() < 0.85:
            fields["date"] = key
        else:
            fields["when"] = f"in the {key[:3]}0s"
        events.append((key, fields["id"], fields))
    return events


def _values(item: str) -> int:
    """How many values a YAML snippet holds, as the loader counts them (keys included)."""
    kinds = (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)
    return sum(isinstance(e, kinds) for e in yaml.parse(item, Loader=yaml.CSafeLoader))


def _fitting(header: str, items: list[str]) -> int:
    """How many of the items one file holds within the loader's limits."""
    size, values, kept = len(header.encode("utf-8")) + 1, 1, 0
    for item in items:
        size += len(item.encode("utf-8")) + 1
        values += _values(item) - 1  # the item's list is the file's, counted once above
        if size > MAX_DATA_FILE_BYTES or values > MAX_DATA_FILE_VALUES:
            break
        kept += 1
    return kept


def _write_fitting(writer: _Writer, rel: str, header: str, items: list[str]) -> int:
    """Write the items as one file (`data/events.yaml`) while they fit the loader's limits for
    one file, else as files of a folder (`data/events/0001.yaml`, …, in order); return how many."""
    if _fitting(header, items) == len(items):
        writer.write(rel, "\n".join([header, *items]) + "\n")
        return len(items)
    folder = rel.removesuffix(".yaml")
    rest, number = items, 0
    while rest:
        number += 1
        kept = max(1, _fitting(header, rest))
        writer.write(f"{folder}/{number:04}.yaml", "\n".join([header, *rest[:kept]]) + "\n")
        rest = rest[kept:]
    return len(items)


def _write_events(writer: _Writer, events: list[dict[str, Any]]) -> int:
    items: list[str] = []
    for e in events:
        lines = [f"- id: {e['id']}", f"  title: {_q(e['title'])}"]
        lines.append(f'  date: "{e["date"]}"' if "date" in e else f"  when: {_q(e['when'])}")
        lines += [
            f"  summary: {_q(e['summary'])}",
            f"  claims: {_ids(e['claims'])}",
            f"  actors: {_ids(e['actors'])}",
        ]
        items.append("\n".join(lines))
    header = "# Events, in chronological order (synthetic benchmark corpus)"
    return _write_fitting(writer, "data/events.yaml", header, items)


def _terms(group: _Group, rng: random.Random, words: _Words) -> list[dict[str, Any]]:
    terms: list[dict[str, Any]] = []
    for i in range(TERMS):
        claims = [c.id for c in rng.sample(group.claims, 2)]
        terms.append(
            {
                "id": words.slug(rng, 1, f"g{group.number * TERMS + i}"),
                "term": words.name(rng, rng.randint(1, 2)),
                "definition": f"{_call('claim', claims[0])} "
                f"{words.prose_sentence(rng)} {_call('cite', claims[1])}",
                "claims": claims,
            }
        )
    return terms


def _write_terms(writer: _Writer, terms: list[dict[str, Any]]) -> int:
    items = [
        f"- id: {t['id']}\n  term: {_q(t['term'])}\n  definition: {_q(t['definition'])}\n"
        f"  claims: {_ids(t['claims'])}"
        for t in terms
    ]
    return _write_fitting(
        writer, "data/glossary.yaml", "# Glossary (synthetic benchmark corpus)", items
    )


def _check_file_sizes(root: Path) -> None:
    """The loader refuses data files over 2 MB; say so here rather than in a failed build."""
    for path in (root / "data").rglob("*.yaml"):
        size = path.stat().st_size
        if size > MAX_DATA_FILE_BYTES:
            raise ValueError(
                f"{path.relative_to(root)} is {size:,} bytes, over the loader's "
                f"{MAX_DATA_FILE_BYTES:,}-byte limit for one data file"
            )


# -- mkdocs.yml and docs/ ----------------------------------------------------------------------


class EnvTag:
    """`!ENV [NAME, default]` in mkdocs.yml, kept as written."""

    def __init__(self, value: Any) -> None:
        self.value = value


class _ConfigLoader(yaml.SafeLoader):
    pass


class _ConfigDumper(yaml.SafeDumper):
    pass


def _construct_env(loader: yaml.SafeLoader, node: yaml.Node) -> EnvTag:
    if isinstance(node, yaml.SequenceNode):
        return EnvTag(loader.construct_sequence(node))
    return EnvTag(loader.construct_scalar(node))  # type: ignore[arg-type]


def _represent_env(dumper: yaml.SafeDumper, data: EnvTag) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence("!ENV", data.value, flow_style=True)
    return dumper.represent_scalar("!ENV", str(data.value))


_ConfigLoader.add_constructor("!ENV", _construct_env)
_ConfigDumper.add_representer(EnvTag, _represent_env)


def read_config(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as f:
        config: dict[str, Any] = yaml.load(f, Loader=_ConfigLoader)
    return config


def write_config(path: Path, config: dict[str, Any]) -> None:
    text = yaml.dump(config, Dumper=_ConfigDumper, sort_keys=False, allow_unicode=True, width=100)
    path.write_text(text, encoding="utf-8")


def corpus_config(repo: Path = REPO) -> dict[str, Any]:
    """The repository's mkdocs.yml with its hook, theme overrides and watched code made absolute.

    The corpus then runs the repository's own macros/ (so an optimisation there is measured),
    while `data` and `docs` resolve inside the corpus.
    """
    config = read_config(repo / "mkdocs.yml")
    config["hooks"] = [str((repo / h).resolve()) for h in config.get("hooks", [])]
    theme = config.get("theme")
    if isinstance(theme, dict) and "custom_dir" in theme:
        theme["custom_dir"] = str((repo / theme["custom_dir"]).resolve())
    config["watch"] = [
        w if w in ("data", "docs") else str((repo / w).resolve()) for w in config.get("watch", [])
    ]
    config["site_name"] = "Synthetic benchmark corpus"
    return config


def _write_site_files(writer: _Writer, groups: list[_Group]) -> None:
    root = writer.root
    write_config(root / "mkdocs.yml", corpus_config())
    assets = REPO / "docs" / "assets"
    if assets.is_dir():
        shutil.copytree(assets, root / "docs" / "assets", dirs_exist_ok=True)
    first = groups[0]
    cited = " ".join(_call("claim", c.id) for c in first.claims[:3])
    topics = "\n".join(f"- {_call('topic', t)}" for t in first.topic_ids)
    writer.write(
        "docs/index.md",
        "---\nmacros: true\n---\n\n# Synthetic benchmark corpus\n\n"
        "<!-- uncited: what this generated site is -->\n"
        f"A generated site for benchmarks. {cited}\n\n## Topics\n\n"
        f"<!-- uncited: navigation -->\n{topics}\n",
    )
    writer.write(
        "docs/about.md",
        "---\nmacros: true\n---\n\n# About\n\n"
        f"Every claim quotes {_call('source', first.source_id)} or another generated source. "
        f"{_call('cite', first.claims[0].id)}\n\n"
        "<!-- uncited: how the corpus is made -->\n"
        "The texts are random words, generated by `tests/bench/corpus.py`.\n",
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("root", type=Path, help="folder to write (replaced if it exists)")
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    stats = generate(args.root, args.scale, args.seed)
    print(json.dumps(stats.__dict__, indent=2))


if __name__ == "__main__":
    main()
