"""Re-archiving a source: `python -m macros re-archive --id ID FILE [--accept-changes]`.

A source's archived text may be replaced by a new version (a corrected text, a better copy). The
new version is read and normalised exactly as add-source reads a first one, and every quote taken
from the source is anchored in it again, exactly as the build anchors quotes (`quotes.match_quote`):

- unchanged: found once, at the same paragraph and offsets;
- moved: the same text, found once, at a new paragraph or offsets;
- changed: not found exactly; the nearest passage is shown with a word diff;
- ambiguous: found, but more than once (the build would refuse it);
- orphaned: nothing in the new text is close to it.

A quote is never anchored to text that differs from it: tools that re-anchor annotations fuzzily
are known for silently attaching notes to the wrong words. Excluded blocks are renumbered where the
same block is found in the new text. The text and its sha256 are written only when every quote
still matches exactly and every excluded block was found, or when the contributor confirms with
`--accept-changes`; then whatever `make check` now reports is listed, for the contributor to fix.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from pathlib import Path

from macros.core.diagnostics import DataError, Position, Problem
from macros.core.loader import load
from macros.core.model import Claim, Source
from macros.core.project import load_knowledge
from macros.core.quotes import ArchivedText, QuoteFailure, QuoteMatch, fold, match_quote
from macros.core.schema import ID_PATTERN
from macros.core.text import Text, position_of
from macros.core.yaml_nodes import YList, YMap, YScalar, parse
from macros.tools.add_source import AddSourceError, archivable_text

_ID_RE = re.compile(ID_PATTERN)
# A passage is "near" a quote when this share of the longer one's words is common to both.
NEAR_RATIO = 0.5

UNCHANGED, MOVED, CHANGED, AMBIGUOUS, ORPHANED = (
    "unchanged",
    "moved",
    "changed",
    "ambiguous",
    "orphaned",
)
OUTCOMES = (UNCHANGED, MOVED, CHANGED, AMBIGUOUS, ORPHANED)
EXACT = frozenset({UNCHANGED, MOVED})


class ReArchiveError(Exception):
    """The source cannot be re-archived (the message says why and what to do)."""


@dataclass(frozen=True)
class QuoteRef:
    """One quote taken from the source: whose it is, and what the contributor wrote."""

    owner: str  # the claim's id
    what: str  # the field it is written in: "quote", "evidence" or "link"
    quote: Text


@dataclass(frozen=True)
class Passage:
    paragraph: int
    text: str  # whitespace folded, as quotes are compared
    ratio: float


@dataclass(frozen=True)
class Reanchored:
    ref: QuoteRef
    outcome: str
    old: QuoteMatch | None  # None: the quote did not match the old text either
    new: QuoteMatch | None  # set for unchanged and moved only
    nearest: Passage | None = None  # for changed quotes
    diff: str = ""  # word diff from the quote to the nearest passage
    detail: str = ""  # what the build says about the quote now


@dataclass(frozen=True)
class BlockMove:
    """An excluded block of the old text, and its number in the new one (None: not found)."""

    old: int
    new: int | None
    reason: str


@dataclass(frozen=True)
class ReArchive:
    source_id: str
    text_file: str
    meta_file: str
    input_file: str
    old_sha256: str
    new_sha256: str
    paragraphs: tuple[int, int]  # blocks in the old text, in the new
    quotes: tuple[Reanchored, ...]
    blocks: tuple[BlockMove, ...]
    written: bool
    problems: tuple[Problem, ...] = ()  # what `make check` reports after writing

    @property
    def identical(self) -> bool:
        return self.old_sha256 == self.new_sha256

    @property
    def unresolved(self) -> list[Reanchored]:
        return [q for q in self.quotes if q.outcome not in EXACT]

    @property
    def lost_blocks(self) -> list[BlockMove]:
        return [b for b in self.blocks if b.new is None]

    def count(self, outcome: str) -> int:
        return sum(1 for q in self.quotes if q.outcome == outcome)


def re_archive(
    root: Path,
    ident: str,
    input_file: Path,
    *,
    accept_changes: bool = False,
    line_paragraphs: bool = False,
) -> ReArchive:
    """Anchor every quote of source `ident` in a new version of its text; write it if allowed."""
    if not _ID_RE.fullmatch(ident):
        raise ReArchiveError(f"'{ident}' is not a valid source id")
    data = load(root)
    source = next((s for s in data.sources if s.id == ident), None)
    if source is None:
        raise ReArchiveError(_missing_source(root, ident, data.problems))
    try:
        new_text, _ = archivable_text(input_file, line_paragraphs=line_paragraphs)
    except AddSourceError as err:
        raise ReArchiveError(str(err)) from None
    new_data = new_text.encode("utf-8")
    new_sha = hashlib.sha256(new_data).hexdigest()
    plain = ArchivedText.parse(new_text)
    blocks = tuple(
        _moved_block(source, plain, b.block, str(b.reason)) for b in source.excluded_blocks
    )
    excluded = {b.new: b.reason for b in blocks if b.new is not None}
    new_archive = ArchivedText.parse(new_text, excluded)
    quotes = tuple(
        _reanchor(ref, source.archive, new_archive) for ref in quotes_of(data.claims, ident)
    )
    result = ReArchive(
        source_id=ident,
        text_file=source.text_file,
        meta_file=source.file,
        input_file=str(input_file),
        old_sha256=str(source.sha256),
        new_sha256=new_sha,
        paragraphs=(len(source.archive.paragraphs), len(new_archive.paragraphs)),
        quotes=quotes,
        blocks=blocks,
        written=False,
    )
    if result.identical:
        return result
    if (result.unresolved or result.lost_blocks) and not accept_changes:
        return result
    meta_path = root / source.file
    meta_text = _updated_metadata(
        meta_path.read_text(encoding="utf-8"), source.file, new_sha, blocks
    )
    (root / source.text_file).write_bytes(new_data)
    meta_path.write_text(meta_text, encoding="utf-8")
    try:
        load_knowledge(root)
        problems: tuple[Problem, ...] = ()
    except DataError as err:
        problems = tuple(err.problems)
    return replace(result, written=True, problems=problems)


def quotes_of(claims: list[Claim], source_id: str) -> list[QuoteRef]:
    """Every quote taken from the source, in the order of the data files: claims' own quotes,
    their further quotes (evidence) and their links' quotes, for all must be re-anchored."""
    return [
        QuoteRef(str(c.id), what, quote) for c in claims for what, quote in c.quotes_from(source_id)
    ]


def _missing_source(root: Path, ident: str, problems: list[Problem]) -> str:
    folder = f"data/sources/{ident}"
    own = [p for p in problems if p.position.path.startswith(folder)]
    if own:
        listed = "\n".join(f"  {p}" for p in own)
        return (
            f"source '{ident}' cannot be read as it is archived now; fix this first (the old "
            f"text must match its sha256, so each quote's old place is known):\n{listed}"
        )
    if not (root / f"{folder}.yaml").is_file():
        return f"there is no source '{ident}' ({folder}.yaml does not exist)"
    return f"source '{ident}' could not be loaded: run make check"


def _moved_block(source: Source, new: ArchivedText, number: int, reason: str) -> BlockMove:
    """Where an excluded block of the old text is in the new one: the one block identical to it."""
    old = source.archive.paragraph(number).folded
    same = [p.number for p in new.paragraphs if p.folded == old]
    return BlockMove(number, same[0] if len(same) == 1 else None, reason)


def _reanchor(ref: QuoteRef, old_archive: ArchivedText, new_archive: ArchivedText) -> Reanchored:
    before = match_quote(old_archive, ref.quote)
    old = before if isinstance(before, QuoteMatch) else None
    after = match_quote(new_archive, ref.quote)
    if isinstance(after, QuoteMatch):
        same = old is not None and (old.paragraph, old.start, old.end) == (
            after.paragraph,
            after.start,
            after.end,
        )
        return Reanchored(ref, UNCHANGED if same else MOVED, old, after)
    detail = _said(after)
    if "ambiguous" in after.message:
        return Reanchored(ref, AMBIGUOUS, old, None, detail=detail)
    quote = fold(ref.quote)
    nearest = nearest_passage(new_archive, quote)
    if nearest is None or nearest.ratio < NEAR_RATIO:
        return Reanchored(ref, ORPHANED, old, None, detail=detail)
    return Reanchored(ref, CHANGED, old, None, nearest, word_diff(quote, nearest.text), detail)


def _said(failure: QuoteFailure) -> str:
    return f"{failure.message} — {failure.hint}" if failure.hint else failure.message


def nearest_passage(archive: ArchivedText, quote: str) -> Passage | None:
    """The body passage whose words are most like the quote's, or None.

    Only for showing the contributor what became of a quote: nothing is anchored to it.
    """
    words = quote.split(" ")
    candidates: list[tuple[int, int, list[str]]] = []
    for paragraph in archive.paragraphs:
        if paragraph.excluded:
            continue
        theirs = paragraph.folded.split(" ")
        longest = SequenceMatcher(None, words, theirs, autojunk=False).find_longest_match(
            0, len(words), 0, len(theirs)
        )
        if longest.size:
            candidates.append((longest.size, paragraph.number, theirs))
    best: Passage | None = None
    for _, number, theirs in sorted(candidates, key=lambda c: -c[0])[:3]:
        passage = _best_window(words, theirs)
        if passage and (best is None or passage[1] > best.ratio):
            best = Passage(number, passage[0], passage[1])
    return best


def _best_window(words: list[str], theirs: list[str]) -> tuple[str, float] | None:
    """The run of `theirs` most like `words`, around their longest common run of words.

    Likeness: words in common over the longer of the two runs, so that a passage is not shortened
    to leave out the words that changed; of equally like runs, the one as long as the quote wins.
    """
    longest = SequenceMatcher(None, words, theirs, autojunk=False).find_longest_match(
        0, len(words), 0, len(theirs)
    )
    if not longest.size:
        return None
    start = longest.b - longest.a
    end = longest.b + len(words) - longest.a
    slack = max(2, len(words) // 5)
    best: tuple[float, int, str] | None = None
    for s in range(max(0, start - slack), max(0, start + slack) + 1):
        for e in range(max(s + 1, end - slack), min(len(theirs), end + slack) + 1):
            run = theirs[s:e]
            blocks = SequenceMatcher(None, words, run, autojunk=False).get_matching_blocks()
            score = sum(b.size for b in blocks) / max(len(words), len(run))
            key = (score, -abs(len(run) - len(words)), " ".join(run))
            if best is None or key[:2] > best[:2]:
                best = key
    return (best[2], best[0]) if best else None


def word_diff(old: str, new: str) -> str:
    """`old` turned into `new` word by word: removed words as [-…-], added ones as {+…+}."""
    a, b = old.split(" "), new.split(" ")
    out: list[str] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.extend(a[i1:i2])
            continue
        if i2 > i1:
            out.append("[-" + " ".join(a[i1:i2]) + "-]")
        if j2 > j1:
            out.append("{+" + " ".join(b[j1:j2]) + "+}")
    return " ".join(out)


def _updated_metadata(text: str, display: str, sha256: str, blocks: tuple[BlockMove, ...]) -> str:
    """The source's YAML with the new sha256 and block numbers, every other byte as it was."""
    problems: list[Problem] = []
    root = parse(text, display, problems)
    if not isinstance(root, YMap) or problems or "sha256" not in root.entries:
        raise ReArchiveError(f"{display} cannot be read: run make check")
    lines = text.split("\n")
    edits: list[tuple[YScalar, str]] = []
    sha = root.entries["sha256"].node
    if isinstance(sha, YScalar):
        edits.append((sha, sha256))
    listed = root.entries.get("excluded_blocks")
    items = listed.node.items if listed and isinstance(listed.node, YList) else ()
    moves = {b.old: b.new for b in blocks}
    for item in items:
        entry = item.entries.get("block") if isinstance(item, YMap) else None
        number = entry.node if entry else None
        if isinstance(number, YScalar) and isinstance(number.value, int):
            new = moves.get(number.value)
            if new is not None and new != number.value:
                edits.append((number, str(new)))
    # Right to left on each line, so earlier columns stay where they were.
    for node, value in sorted(edits, key=lambda e: (e[0].position.line, -e[0].position.col)):
        lines[node.position.line - 1] = _replaced(lines[node.position.line - 1], node, value)
    return "\n".join(lines)


def _replaced(line: str, node: YScalar, value: str) -> str:
    start = node.position.col - 1
    if node.quoted:
        quote = line[start]
        end = line.index(quote, start + 1) + 1
        return line[:start] + quote + value + quote + line[end:]
    end = start + len(node.raw)
    if line[start:end] != node.raw:
        raise ReArchiveError(f"line {node.position.line} of the metadata is not as it was read")
    return line[:start] + value + line[end:]


# -- the report ------------------------------------------------------------------------------


def format_re_archive(result: ReArchive) -> str:
    """What happened to every quote, and what the contributor does next."""
    lines = [
        f"Re-archiving {result.source_id} from {result.input_file}: "
        f"{result.paragraphs[0]} blocks before, {result.paragraphs[1]} now.",
    ]
    if result.identical:
        lines.append(f"The new version is identical to {result.text_file}: nothing to do.")
        return "\n".join(lines) + "\n"
    lines.append("")
    width = max((len(q.ref.owner) for q in result.quotes), default=0)
    for q in result.quotes:
        where = position_of(q.ref.quote, _NOWHERE)
        head = f"{q.outcome:<9}  {q.ref.owner:<{width}}"
        if q.outcome == UNCHANGED and q.new:
            lines.append(f"{head}  ¶ {q.new.paragraph}, {q.new.start}–{q.new.end}")
        elif q.outcome == MOVED and q.new:
            was = f"¶ {q.old.paragraph}, {q.old.start}–{q.old.end}" if q.old else "not found"
            lines.append(f"{head}  {was} → ¶ {q.new.paragraph}, {q.new.start}–{q.new.end}")
        else:
            lines.append(f"{head}  {where}")
            lines.append(f"{'':<{width + 11}}  quote: “{fold(q.ref.quote)}”")
            if q.nearest:
                lines.append(
                    f"{'':<{width + 11}}  nearest passage, ¶ {q.nearest.paragraph}: "
                    f"“{q.nearest.text}”"
                )
                lines.append(f"{'':<{width + 11}}  word diff: {q.diff}")
            elif q.outcome == ORPHANED:
                lines.append(f"{'':<{width + 11}}  nothing in the new text is close to it")
            if q.outcome == AMBIGUOUS:
                lines.append(f"{'':<{width + 11}}  {q.detail}")
    for block in result.blocks:
        if block.new is None:
            lines.append(
                f"excluded block {block.old} ({block.reason}) is not in the new text as it was: "
                f"set excluded_blocks in {result.meta_file} to the new text's numbering"
            )
        elif block.new != block.old:
            lines.append(f"excluded block {block.old} is block {block.new} of the new text")
    counts = ", ".join(f"{result.count(o)} {o}" for o in OUTCOMES if result.count(o))
    lines += ["", f"{len(result.quotes)} quotes: {counts or 'none'}."]
    unresolved = len(result.unresolved)
    if not result.written:
        reasons = []
        if unresolved:
            reasons.append(
                f"{unresolved} quote{'s' if unresolved != 1 else ''} no longer "
                f"match{'' if unresolved != 1 else 'es'} the new text exactly"
            )
        lost = len(result.lost_blocks)
        if lost:
            reasons.append(f"{lost} excluded block{'s' if lost != 1 else ''} not found in it")
        lines.append(
            f"Nothing written: {', and '.join(reasons)}. Quotes are never re-anchored to text "
            "that differs from them. To archive the new version anyway, run again with "
            "--accept-changes (make re-archive … ACCEPT_CHANGES=1), then fix each quote that "
            "make check reports."
        )
        return "\n".join(lines) + "\n"
    lines.append(f"wrote {result.text_file} and the new sha256 in {result.meta_file}.")
    if result.problems:
        lines.append(f"make check now reports {len(result.problems)} problem(s) to fix:")
        lines += [f"  {p}" for p in result.problems]
    else:
        lines.append("make check passes.")
    return "\n".join(lines) + "\n"


_NOWHERE = Position("<unknown>")
