"""What a change does to the site's claims: added, removed and changed claims between two revisions.

Claims are read from `data/claims/*.yaml` at a git revision (`git ls-tree` + `git show`) or in the
working tree, and compared by id. The summary is Markdown, for a pull request's job summary
(`$GITHUB_STEP_SUMMARY`) or a reviewer's terminal.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from macros.core.diagnostics import Problem
from macros.core.yaml_nodes import Node, YList, YMap, YScalar, parse

CLAIMS_DIR = "data/claims"
# The fields compared, in the order a reviewer reads them.
FIELDS = ("statement", "quote", "kind", "source", "topics", "actors", "date", "note")


class GitError(Exception):
    """A git command failed (unknown revision, not a repository, …)."""


@dataclass(frozen=True)
class ClaimRecord:
    id: str
    file: str
    fields: dict[str, str]  # field → its value as text (lists joined with ", ")


@dataclass
class ClaimSet:
    """The claims at one revision, with the files that could not be read."""

    label: str
    claims: dict[str, ClaimRecord] = field(default_factory=dict)
    unreadable: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Change:
    id: str
    file: str
    fields: tuple[tuple[str, str, str], ...]  # (field, old, new)
    old_file: str = ""


@dataclass(frozen=True)
class ClaimsDiff:
    base: str
    head: str
    added: tuple[ClaimRecord, ...]
    removed: tuple[ClaimRecord, ...]
    changed: tuple[Change, ...]
    unchanged: int
    unreadable: tuple[str, ...]

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def _git(root: Path, *args: str) -> str:
    try:
        done = subprocess.run(
            ["git", *args],
            cwd=root,
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=False,
            timeout=60,
        )
    except OSError as err:
        raise GitError(f"cannot run git: {err}") from err
    if done.returncode != 0:
        raise GitError(f"git {' '.join(args)}: {done.stderr.strip() or 'failed'}")
    return done.stdout


def _scalar(node: Node) -> str:
    if isinstance(node, YScalar):
        if node.value is None:
            return ""
        return node.raw if not isinstance(node.value, str) else node.value
    if isinstance(node, YList):
        return ", ".join(_scalar(item) for item in node.items)
    return "(a mapping)"


def _records(text: str, display: str, into: ClaimSet) -> None:
    problems: list[Problem] = []
    node = parse(text, display, problems)
    if not isinstance(node, YList):
        into.unreadable.append(display)
        return
    for item in node.items:
        if not isinstance(item, YMap) or "id" not in item.entries:
            continue
        ident = _scalar(item.entries["id"].node)
        values = {
            name: _scalar(item.entries[name].node) if name in item.entries else ""
            for name in FIELDS
        }
        into.claims.setdefault(ident, ClaimRecord(ident, display, values))
    if problems:
        into.unreadable.append(display)


def claims_at(root: Path, revision: str | None) -> ClaimSet:
    """The claims at a git revision, or in the working tree when revision is None."""
    if revision is None:
        found = ClaimSet("working tree")
        for path in sorted((root / CLAIMS_DIR).glob("*.yaml")):
            rel = path.relative_to(root).as_posix()
            _records(path.read_text(encoding="utf-8-sig"), rel, found)
        return found
    found = ClaimSet(revision)
    try:
        _git(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    except GitError:
        raise GitError(
            f"'{revision}' is not a known git revision (branch, tag or commit)"
        ) from None
    listing = _git(root, "ls-tree", "-r", "--name-only", revision, "--", f"{CLAIMS_DIR}/")
    for rel in sorted(listing.splitlines()):
        if rel.endswith(".yaml") and rel.count("/") == CLAIMS_DIR.count("/") + 1:
            _records(_git(root, "show", f"{revision}:./{rel}"), rel, found)
    return found


def compare(base: ClaimSet, head: ClaimSet) -> ClaimsDiff:
    added = [c for i, c in head.claims.items() if i not in base.claims]
    removed = [c for i, c in base.claims.items() if i not in head.claims]
    changed: list[Change] = []
    unchanged = 0
    for ident, new in head.claims.items():
        old = base.claims.get(ident)
        if old is None:
            continue
        fields = tuple(
            (name, old.fields[name], new.fields[name])
            for name in FIELDS
            if old.fields[name] != new.fields[name]
        )
        if fields or old.file != new.file:
            changed.append(
                Change(ident, new.file, fields, old.file if old.file != new.file else "")
            )
        else:
            unchanged += 1
    return ClaimsDiff(
        base.label,
        head.label,
        tuple(sorted(added, key=lambda c: (c.file, c.id))),
        tuple(sorted(removed, key=lambda c: (c.file, c.id))),
        tuple(sorted(changed, key=lambda c: (c.file, c.id))),
        unchanged,
        tuple(sorted(set(base.unreadable) | set(head.unreadable))),
    )


def diff_revisions(root: Path, base: str, head: str | None = None) -> ClaimsDiff:
    """Compare the claims at `base` with those at `head` (the working tree when None)."""
    return compare(claims_at(root, base), claims_at(root, head))


_MARKDOWN_SPECIAL = str.maketrans(
    {c: "\\" + c for c in "\\`*_{}[]<>()#+!|~"} | {"\n": " ", "\r": " "}
)


def md(text: str) -> str:
    """Text shown literally in Markdown (data values are text, never markup)."""
    return text.translate(_MARKDOWN_SPECIAL)


def code(text: str) -> str:
    """Text in a Markdown code span (where backslash escapes would show)."""
    return "`" + text.replace("`", "'").replace("\n", " ") + "`"


def _value(text: str) -> str:
    return f"“{md(text)}”" if text else "*(none)*"


def _claim_lines(claim: ClaimRecord) -> list[str]:
    f = claim.fields
    lines = [
        f"- **{code(claim.id)}** ({md(f['kind']) or 'no kind'}, {code(claim.file)}): "
        f"{md(f['statement'])}",
        f"  > {md(f['quote'])}",
    ]
    extras = [f"{name}: {md(f[name])}" for name in ("topics", "actors", "date") if f[name]]
    if extras:
        lines.append("  <br>" + " · ".join(extras))
    return lines


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}"


def format_markdown(diff: ClaimsDiff) -> str:
    """The summary a reviewer reads: counts, then every added, removed and changed claim."""
    head = code(diff.head) if diff.head != "working tree" else "the working tree"
    lines = [f"## Claims: {code(diff.base)} → {head}", ""]
    lines.append(
        " · ".join(
            [
                _count(len(diff.added), "added"),
                _count(len(diff.removed), "removed"),
                _count(len(diff.changed), "changed"),
                _count(diff.unchanged, "unchanged"),
            ]
        )
    )
    lines.append("")
    if diff.empty:
        lines.append("No claim was added, removed or changed.")
        lines.append("")
    if diff.added:
        lines += [f"### Added ({len(diff.added)})", ""]
        for claim in diff.added:
            lines += _claim_lines(claim)
        lines.append("")
    if diff.removed:
        lines += [f"### Removed ({len(diff.removed)})", ""]
        for claim in diff.removed:
            lines += _claim_lines(claim)
        lines.append("")
    if diff.changed:
        lines += [f"### Changed ({len(diff.changed)})", ""]
        for change in diff.changed:
            what = ", ".join(name for name, _, _ in change.fields) or "moved"
            lines.append(f"- **{code(change.id)}** ({code(change.file)}): {what}")
            if change.old_file:
                lines.append(f"  - moved from {code(change.old_file)}")
            for name, old, new in change.fields:
                lines.append(f"  - {name}: {_value(old)} → {_value(new)}")
        lines.append("")
    if diff.unreadable:
        lines.append(
            "⚠️ Not fully readable (YAML errors; `make check` shows them): "
            + ", ".join(code(p) for p in diff.unreadable)
        )
        lines.append("")
    return "\n".join(lines)
