"""A data diff as Markdown for a pull request's summary page or a reviewer's terminal.

Changed text is shown word by word, as GitHub renders it: ~~removed words~~ **added words**. Every
value from the data is escaped: it is shown as text, never read as Markdown or HTML.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

from macros.tools.claims_diff import (
    CITED_ON,
    KINDS,
    PARAGRAPH,
    Change,
    DataDiff,
    Entry,
    Snapshot,
)

# What GitHub's Markdown could read as syntax inside a line (links need "[", images "![", so "(",
# "{" and "!" alone are safe and stay readable in a terminal: `{{ claim("id") }}`).
_MARKDOWN_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>#+|~"} | {"\n": " ", "\r": " "})
# Words (with their hyphens and apostrophes, so an id is one word), macro calls, spaces, marks.
_TOKEN = re.compile(r"\{\{.*?\}\}|\s+|\w+(?:[-’'.]\w+)*|[^\w\s]")
# Unchanged stretches longer than this many tokens on each side of a change are cut to "…".
CONTEXT_TOKENS = 16
# Values of fewer words than this are shown whole, old → new, rather than word by word.
_SHORT_WORDS = 2


def md(text: str) -> str:
    """Text shown literally in Markdown (data values are text, never markup)."""
    return text.translate(_MARKDOWN_SPECIAL)


def code(text: str) -> str:
    """Text in a Markdown code span (where backslash escapes would show)."""
    return "`" + text.replace("`", "'").replace("\n", " ") + "`"


def _marked(delimiter: str, text: str) -> str:
    """Text between GitHub's ~~ or ** delimiters, which must not open or close on a space."""
    core = text.strip()
    if not core:
        return text
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    return f"{lead}{delimiter}{md(core)}{delimiter}{trail}"


def _cut(tokens: list[str], *, keep_start: bool, keep_end: bool) -> str:
    if len(tokens) <= 2 * CONTEXT_TOKENS + 1:
        return md("".join(tokens))
    head = tokens[:CONTEXT_TOKENS] if keep_start else []
    tail = tokens[-CONTEXT_TOKENS:] if keep_end else []
    return md("".join(head)) + " … " + md("".join(tail))


_Opcode = tuple[str, int, int, int, int]


def _joined(codes: Sequence[_Opcode], a: list[str]) -> list[_Opcode]:
    """Opcodes with changes that only a space separates made one ("~~one of~~ **as**", not
    "~~one~~ **as** ~~of~~")."""
    merged: list[_Opcode] = []
    for code_ in codes:
        tag, _, i2, _, j2 = code_
        if (
            len(merged) >= 2
            and tag != "equal"
            and merged[-1][0] == "equal"
            and "".join(a[merged[-1][1] : merged[-1][2]]).isspace()
            and merged[-2][0] != "equal"
        ):
            merged.pop()
            first = merged.pop()
            merged.append(("replace", first[1], i2, first[3], j2))
            continue
        merged.append(code_)
    return merged


def word_diff(old: str, new: str) -> str:
    """`new` with the words `old` had and it lacks ~~struck~~, and its own new words in **bold**."""
    a, b = _TOKEN.findall(" ".join(old.split())), _TOKEN.findall(" ".join(new.split()))
    codes = _joined(difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes(), a)
    parts: list[str] = []
    for n, (tag, i1, i2, j1, j2) in enumerate(codes):
        if tag == "equal":
            parts.append(_cut(a[i1:i2], keep_start=n > 0, keep_end=n < len(codes) - 1))
            continue
        removed, added = "".join(a[i1:i2]), "".join(b[j1:j2])
        if removed.strip():
            parts.append(_marked("~~", removed))
        if removed.strip() and added.strip():
            parts.append(" ")
        if added.strip():
            parts.append(_marked("**", added))
    return "".join(parts).strip()


def _change_of_list(old: list[str], new: list[str]) -> str:
    added = [item for item in new if item not in old]
    removed = [item for item in old if item not in new]
    said = [f"**+ {md(', '.join(added))}**"] if added else []
    said += [f"~~{md(', '.join(removed))}~~"] if removed else []
    if not said:
        return f"reordered: {md(', '.join(new))}"
    return " ".join(said)


def _words(text: str) -> int:
    return sum(1 for token in _TOKEN.findall(text) if not token.isspace())


def _change_of_value(old: str, new: str) -> str:
    old, new = " ".join(old.split()), " ".join(new.split())
    if not old:
        return f"**{md(new)}** (new)"
    if not new:
        return f"~~{md(old)}~~ (removed)"
    if min(_words(old), _words(new)) < _SHORT_WORDS:
        return f"~~{md(old)}~~ → **{md(new)}**"
    return word_diff(old, new)


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _where(snapshot: Snapshot) -> str:
    revision = snapshot.revision
    if revision is None:
        return "the working tree"
    if revision.name.startswith(revision.short[:7]):
        return code(revision.short)
    return f"{code(revision.name)} ({code(revision.short)})"


def _compared(diff: DataDiff) -> list[str]:
    base, head = diff.base.revision, diff.head.revision
    lines = [f"## Data changes: {_where(diff.base)} → {_where(diff.head)}", ""]
    said = f"Compared {_where(diff.head)} with {_where(diff.base)}"
    if base is not None and base.how:
        said += f", {md(base.how)}: what the branch adds to it"
    lines.append(said + ".")
    if head is not None and diff.not_included:
        files = ", ".join(code(f) for f in diff.not_included[:5])
        more = f" and {len(diff.not_included) - 5} more" if len(diff.not_included) > 5 else ""
        lines.append(
            f"Uncommitted changes are not included ({files}{more}): commit them, or compare "
            "the working tree (`make claims-diff HEAD=working-tree`)."
        )
    lines.append("")
    problems = diff.head.problems
    lines.append(
        f"`make check` at {_where(diff.head)}: "
        + ("no problems." if not problems else f"⚠️ {_plural(problems, 'problem')} (run it).")
    )
    lines.append("")
    return lines


def _counts(diff: DataDiff) -> list[str]:
    lines = ["| | added | removed | changed | unchanged |", "|---|--:|--:|--:|--:|"]
    for kind, plural in KINDS:
        changes = diff.of_kind(kind)
        counts = [sum(c.status == s for c in changes) for s in ("added", "removed", "changed")]
        if not any(counts) and not diff.unchanged[kind]:
            continue
        cells = " | ".join(str(n) for n in (*counts, diff.unchanged[kind]))
        lines.append(f"| {plural} | {cells} |")
    if diff.links_added or diff.links_removed:
        lines.append(
            f"| links between claims | {len(diff.links_added)} | {len(diff.links_removed)} | | |"
        )
    return [*lines, ""]


def _links(diff: DataDiff) -> list[str]:
    """Every link added or removed, read as a sentence: `a` because `b`: “its quote”."""
    if not (diff.links_added or diff.links_removed):
        return []
    lines = ["### Links between claims", ""]
    for status, links in (("added", diff.links_added), ("removed", diff.links_removed)):
        for holder, relation, target in links:
            quote = md(diff.link_quote((holder, relation, target)))
            lines.append(f"- **{status}** {code(holder)} {md(relation)} {code(target)}: “{quote}”")
    return [*lines, ""]


def _fields_line(entry: Entry, names: tuple[str, ...]) -> str:
    shown = [f"{name}: {md(entry.fields[name])}" for name in names if entry.fields.get(name)]
    return " · ".join(shown)


# For each kind, the fields that make the entry's summary line (the rest follow, one a line).
_SUMMARY = {
    "source": ("author", "publisher", "published", "language"),
    "topic": ("order", "related"),
    "actor": ("kind", "aliases"),
    "event": ("date", "when", "actors"),
    "term": (),
    "page": (),
    "claim": ("kind", "source", PARAGRAPH, "topics", "actors", "date"),
}
# Fields shown elsewhere (the entry's first line), or too long to be useful in full.
_NOT_LISTED = {"title", "name", "term", "statement", "quote", "text", "sha256"}


def _added(entry: Entry) -> list[str]:
    kind = entry.kind
    lines = [f"- **added** {code(entry.id)}: {md(entry.name)} ({code(entry.file)})"]
    if kind == "claim":
        lines.append(f"  > {md(entry.fields.get('quote', ''))}")
    summary = _fields_line(entry, _SUMMARY[kind])
    if kind == "claim" and entry.fields.get(PARAGRAPH):
        summary = summary.replace(f"{PARAGRAPH}: ", "¶ ")
    if summary:
        lines.append(f"  - {summary}")
    if kind == "source":
        republish = entry.fields.get("republish") == "true"
        lines.append(
            f"  - licence: {md(entry.fields.get('licence', ''))} · republish: "
            + (
                "**true: the site shows the full text**"
                if republish
                else "false: only quoted excerpts"
            )
        )
    if kind == "claim" and not entry.fields.get(CITED_ON):
        lines.append("  - ⚠️ cited on no page")
    for name, value in entry.fields.items():
        if name in _SUMMARY[kind] or name in _NOT_LISTED:
            continue
        if kind == "source" and name in ("licence", "republish"):
            continue
        lines.append(f"  - {md(name)}: {md(value)}")
    return lines


def _changed(change: Change) -> list[str]:
    assert change.new is not None
    what = ", ".join(name for name, _, _ in change.fields)
    lines = [
        f"- **changed** {code(change.id)}: {md(change.new.name)} ({code(change.new.file)}) — {md(what)}"
    ]
    for name, old, new in change.fields:
        if name in change.new.lists:
            assert change.old is not None
            shown = _change_of_list(change.old.items(name), change.new.items(name))
        else:
            shown = _change_of_value(old, new)
        lines.append(f"  - {md(name)}: {shown}")
    return lines


def _gone(change: Change) -> list[str]:
    assert change.old is not None
    entry = change.old
    if change.status == "unread":
        return [
            f"- ⚠️ **not readable** {code(entry.id)}: {md(entry.name)} ({code(entry.file)}) — it "
            "has problems at the new revision, so it is not compared (`make check` says why)"
        ]
    return [f"- **removed** {code(entry.id)}: {md(entry.name)} ({code(entry.file)})"]


def format_markdown(diff: DataDiff) -> str:
    """The summary a reviewer reads: what was compared, counts, then every change by kind."""
    lines = _compared(diff)
    if diff.empty and not diff.links_added and not diff.links_removed:
        lines += ["Nothing in the data was added, removed or changed.", ""]
        total = sum(diff.unchanged.values())
        lines += [f"{_plural(total, 'record')} compared, all unchanged.", ""]
        return "\n".join(lines)
    lines += _counts(diff)
    lines += _links(diff)
    for kind, plural in KINDS:
        changes = diff.of_kind(kind)
        if not changes:
            continue
        lines += [f"### {plural.capitalize()}", ""]
        for change in changes:
            if change.status == "added" and change.new is not None:
                lines += _added(change.new)
            elif change.status == "changed":
                lines += _changed(change)
            else:
                lines += _gone(change)
        lines.append("")
    return "\n".join(lines)
