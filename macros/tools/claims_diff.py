"""What a change does to the data: every source, topic, actor, event, term, page and claim added,
removed or changed between two revisions, for a reviewer (formatted by diff_report.py).

Each revision is read by the same loader `make check` uses, so every field a record class declares
is compared, including ones added later, without this module naming them. To the declared fields
it adds what a reviewer needs and the files do not say: the paragraph a claim's quote is in, the
pages that cite it, and how many paragraphs a source's archived text has.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from macros.core.checks import build, prose_fields
from macros.core.diagnostics import DataError
from macros.core.editorial import editorial_problems
from macros.core.knowledge import CitedIn, HandWrittenPage
from macros.core.loader import LoadedData, load
from macros.core.model import Claim
from macros.core.project import hand_written_pages
from macros.core.prose import MacroCall, parse_prose
from macros.core.quotes import ArchivedText, QuoteMatch, match_quote
from macros.core.records import Record
from macros.pages.plan import markdown_title
from macros.tools.revisions import Revision, checked_out, resolve, uncommitted

# The kinds of things compared, in the order a reviewer reads them, with their plural.
KINDS: tuple[tuple[str, str], ...] = (
    ("source", "sources"),
    ("topic", "topics"),
    ("actor", "actors"),
    ("event", "events"),
    ("term", "glossary terms"),
    ("page", "hand-written pages"),
    ("claim", "claims"),
)
# Fields worth naming in a derived value ("paragraph", "cited on") rather than in the files.
PARAGRAPH = "paragraph"
CITED_ON = "cited on"
PARAGRAPHS = "paragraphs"
FURTHER_QUOTE = "further quote"
LINK = "link"


@dataclass(frozen=True)
class Entry:
    """One record as a reviewer reads it: its fields as text, in declaration order."""

    kind: str
    id: str
    file: str
    name: str  # what it is called on the site: a claim's statement, a topic's title, …
    fields: dict[str, str]  # field (nested ones as "sections 2 body") → value as text
    lists: frozenset[str] = frozenset()  # the fields that are lists of ids or names

    def items(self, name: str) -> list[str]:
        """A list field's values (an empty list when the entry does not have it)."""
        value = self.fields.get(name, "")
        return value.split(LIST_SEPARATOR) if value else []


@dataclass(frozen=True)
class Snapshot:
    """Everything at one revision (or in the working tree)."""

    revision: Revision | None  # None: the working tree
    entries: dict[str, dict[str, Entry]]  # kind → id → entry
    problems: int  # what `make check` would report there
    unread: frozenset[str]  # ids of records that exist but could not be read, and files with errors
    links: dict[tuple[str, str, str], str] = field(default_factory=dict)  # see `_links`


@dataclass(frozen=True)
class Change:
    kind: str
    id: str
    status: str  # "added", "removed", "changed" or "unread" (exists, but could not be read)
    old: Entry | None
    new: Entry | None
    fields: tuple[tuple[str, str, str], ...] = ()  # (field, old, new) of a changed entry


@dataclass(frozen=True)
class DataDiff:
    base: Snapshot
    head: Snapshot
    changes: tuple[Change, ...]  # by kind (KINDS order), then file and id
    unchanged: dict[str, int]  # kind → entries present and equal on both sides
    not_included: tuple[str, ...] = ()  # uncommitted content files a commit diff leaves out
    links_added: tuple[tuple[str, str, str], ...] = ()  # (claim, relation, other claim)
    links_removed: tuple[tuple[str, str, str], ...] = ()

    def of_kind(self, kind: str) -> list[Change]:
        return [c for c in self.changes if c.kind == kind]

    @property
    def empty(self) -> bool:
        return not self.changes

    def link_quote(self, link: tuple[str, str, str]) -> str:
        return self.head.links.get(link) or self.base.links.get(link, "")


LIST_SEPARATOR = ", "


def _as_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return LIST_SEPARATOR.join(_as_text(item) for item in value)
    return str(value)


def _flatten(record: Record, prefix: str = "") -> tuple[dict[str, str], set[str]]:
    """A record's declared fields as text, and which are lists; a list of nested records becomes
    one field per value and nested field ("sections 2 body")."""
    fields: dict[str, str] = {}
    lists: set[str] = set()
    for declared in type(record).spec.fields:
        if declared.name == "id":
            continue
        value = getattr(record, declared.name)
        label = f"{prefix}{declared.name}"
        nested: list[tuple[str, Record]] = []
        if isinstance(value, tuple) and value and all(isinstance(v, Record) for v in value):
            nested = [(f"{label} {n} ", item) for n, item in enumerate(value, 1)]
        elif isinstance(value, Record):
            nested = [(f"{label} ", value)]
        elif value not in (None, ()):
            fields[label] = _as_text(value)
            if isinstance(value, tuple):
                lists.add(label)
        for inner_prefix, item in nested:
            inner, inner_lists = _flatten(item, inner_prefix)
            fields.update(inner)
            lists.update(inner_lists)
    return fields, lists


def _citations(data: LoadedData, pages: Sequence[HandWrittenPage]) -> dict[str, list[str]]:
    """Claim id → whose prose cites it, each as 'topic: Its title' (an event: 'timeline: …')."""
    names: dict[CitedIn, str] = {CitedIn("topic", t.id): f"topic: {t.title}" for t in data.topics}
    names |= {CitedIn("actor", a.id): f"actor: {a.name}" for a in data.actors}
    names |= {CitedIn("event", e.id): f"timeline: {e.title}" for e in data.events}
    names |= {CitedIn("term", t.id): f"glossary: {t.term}" for t in data.terms}
    names |= {
        CitedIn("page", p.src_uri): f"page: {markdown_title(p.markdown) or p.file}" for p in pages
    }
    cited: dict[str, list[str]] = defaultdict(list)
    texts = prose_fields(data) + [(CitedIn("page", p.src_uri), p.markdown) for p in pages]
    for owner, text in texts:
        label = names.get(owner, f"{owner.kind}: {owner.ident}")
        for segment in parse_prose(text, [], text.position):
            if isinstance(segment, MacroCall) and segment.kind == "claim":
                for ident in segment.ids:
                    if label not in cited[ident]:
                        cited[ident].append(label)
    return cited


def _entries(data: LoadedData, pages: Sequence[HandWrittenPage]) -> dict[str, dict[str, Entry]]:
    archives: dict[str, ArchivedText] = {s.id: s.archive for s in data.sources}
    cited = _citations(data, pages)
    entries: dict[str, dict[str, Entry]] = {kind: {} for kind, _ in KINDS}

    def add(kind: str, record: Record, ident: str, file: str, name: str, **extra: str) -> None:
        fields, lists = _flatten(record)
        fields |= {k: v for k, v in extra.items() if v}
        entries[kind].setdefault(ident, Entry(kind, ident, file, name, fields, frozenset(lists)))

    for source in data.sources:
        count = f"{len(source.archive.paragraphs)} in {source.text_file}"
        add("source", source, source.id, source.file, source.title, **{PARAGRAPHS: count})
    for topic in data.topics:
        add("topic", topic, topic.id, topic.file, topic.title)
    for actor in data.actors:
        add("actor", actor, actor.id, actor.file, actor.name)
    for event in data.events:
        add("event", event, event.id, event.file, event.title)
    for term in data.terms:
        add("term", term, term.id, term.file, term.term)
    for page in pages:
        name = markdown_title(page.markdown) or page.file
        entries["page"][page.file] = Entry(
            "page", page.file, page.file, name, {"text": page.markdown}
        )
    for claim in data.claims:
        pages_citing = LIST_SEPARATOR.join(cited.get(claim.id, ()))
        derived = {PARAGRAPH: _paragraph(archives, claim.source, claim.quote)}
        add("claim", claim, claim.id, claim.file, claim.statement, **derived)
        entry = entries["claim"][claim.id]
        fields = _readable_quotes(claim, entry.fields, archives)
        if pages_citing:
            fields[CITED_ON] = pages_citing
        entries["claim"][claim.id] = replace(entry, fields=fields, lists=entry.lists | {CITED_ON})
    return entries


def _paragraph(archives: dict[str, ArchivedText], source: str, quote: str) -> str:
    """The paragraph a quote is in, or "" when it is not found (make check says why)."""
    archive = archives.get(source)
    found = match_quote(archive, quote) if archive is not None else None
    return str(found.paragraph) if isinstance(found, QuoteMatch) else ""


def _where(source: str, paragraph: str) -> str:
    return f"{source}, ¶ {paragraph}" if paragraph else source


def _readable_quotes(
    claim: Claim, fields: dict[str, str], archives: dict[str, ArchivedText]
) -> dict[str, str]:
    """A claim's fields with each further quote and each link as one line a reviewer reads
    ("link 1: because other-claim: “the quote” (source, ¶ 3)"), where they were declared."""
    further = {
        f"{FURTHER_QUOTE} {n}": f"“{e.quote}” ({_where(s, _paragraph(archives, s, e.quote))})"
        for n, e in enumerate(claim.evidence, 1)
        if (s := e.source or claim.source)
    }
    links = {
        f"{LINK} {n}": f"{link.relation} {link.claim}: “{link.quote}” "
        f"({_where(s, _paragraph(archives, s, link.quote))}"
        + ("" if link.basis == "assessment" else f"; {link.basis}")
        + ")"
        for n, link in enumerate(claim.links, 1)
        if (s := link.source or claim.source)
    }
    readable: dict[str, str] = {}
    for name, value in fields.items():
        group = name.split(" ", 1)[0]
        if group == "evidence":
            readable |= further
        elif group == "links":
            readable |= links
        else:
            readable[name] = value
    return readable


def _links(data: LoadedData) -> dict[tuple[str, str, str], str]:
    """Every link written on a claim: (claim, relation, other claim) → its quote."""
    return {(c.id, link.relation, link.claim): link.quote for c in data.claims for link in c.links}


def snapshot(root: Path, revision: Revision | None = None) -> Snapshot:
    """The data at a revision, or in the working tree (None)."""
    if revision is None:
        return _read(root, None)
    with checked_out(root, revision) as folder:
        return _read(folder, revision)


def _read(root: Path, revision: Revision | None) -> Snapshot:
    data = load(root)
    pages = hand_written_pages(root, data.problems)
    try:
        kb = build(data, pages)
        count = len(editorial_problems(kb))
    except DataError as err:
        count = len(err.problems)
    unread = {p.position.path for p in data.problems} | set(data.failed_ids)
    return Snapshot(revision, _entries(data, pages), count, frozenset(unread), _links(data))


_STATUS_ORDER = ("added", "changed", "removed", "unread")


def _sorted(changes: Iterable[Change]) -> list[Change]:
    rank = {kind: i for i, (kind, _) in enumerate(KINDS)}

    def key(change: Change) -> tuple[int, int, str, str]:
        entry = change.new or change.old
        status = _STATUS_ORDER.index(change.status)
        return (rank[change.kind], status, entry.file if entry else "", change.id)

    return sorted(changes, key=key)


def compare(base: Snapshot, head: Snapshot) -> tuple[list[Change], dict[str, int]]:
    changes: list[Change] = []
    unchanged: dict[str, int] = {}
    for kind, _ in KINDS:
        old_entries, new_entries = base.entries[kind], head.entries[kind]
        unchanged[kind] = 0
        for ident, new in new_entries.items():
            old = old_entries.get(ident)
            if old is None:
                changes.append(Change(kind, ident, "added", None, new))
                continue
            names = [*new.fields, *(n for n in old.fields if n not in new.fields)]
            if old.file != new.file:
                names.insert(0, "file")
            fields = tuple(
                (name, _value(old, name), _value(new, name))
                for name in names
                if _value(old, name) != _value(new, name)
            )
            if fields:
                changes.append(Change(kind, ident, "changed", old, new, fields))
            else:
                unchanged[kind] += 1
        for ident, old in old_entries.items():
            if ident in new_entries:
                continue
            gone = ident in head.unread or old.file in head.unread
            changes.append(Change(kind, ident, "unread" if gone else "removed", old, None))
    return _sorted(changes), unchanged


def _value(entry: Entry, name: str) -> str:
    return entry.file if name == "file" else entry.fields.get(name, "")


def diff_revisions(
    root: Path, base: Revision, head: Revision | None, *, check_uncommitted: bool = True
) -> DataDiff:
    """Compare the data at `base` with the data at `head` (the working tree when None)."""
    old, new = snapshot(root, base), snapshot(root, head)
    changes, unchanged = compare(old, new)
    left_out: tuple[str, ...] = ()
    if head is not None and check_uncommitted and head.commit == resolve(root, "HEAD").commit:
        left_out = tuple(uncommitted(root))
    added = tuple(sorted(set(new.links) - set(old.links)))
    removed = tuple(sorted(set(old.links) - set(new.links)))
    return DataDiff(old, new, tuple(changes), unchanged, left_out, added, removed)
