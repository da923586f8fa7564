"""Issue 10's reader figures for the built site: per page, its prose sentences, how many open with
"The author" or "According to the author", and the sentences that stand word for word on several
pages. Prose is what a reader reads as text: the home page, topic and actor pages, without their
claim lists, argument maps, notes and citation markers.

Run after `make site`: `.venv/bin/python -m tests.quality.prose site/`.
"""

from __future__ import annotations

import html
import re
import sys
from collections import defaultdict
from pathlib import Path

_ARTICLE = re.compile(r'<article class="md-content__inner[^>]*>(.*?)</article>', re.S)
# Where a page's prose ends: its lists of claims, its map, its notes.
_NOT_PROSE = ('<details class="all-claims"', '<div class="argument-map"', 'class="page-sources"')
_MARKER = re.compile(r'<sup class="cite.*?</sup>', re.S)
_PARAGRAPH = re.compile(r"<p[^>]*>(.*?)</p>", re.S)
_SENTENCE_END = re.compile(r"(?<=[.!?”])\s+(?=[A-Z“])")
_AUTHOR_OPENING = re.compile(r"(The author|According to the author)\b")


def prose_pages(site: Path) -> list[Path]:
    return [
        site / "index.html",
        *sorted(site.glob("topics/*/index.html")),
        *sorted(site.glob("actors/*/index.html")),
    ]


def sentences(page: Path) -> list[str]:
    found = _ARTICLE.search(page.read_text(encoding="utf-8"))
    body = found.group(1) if found else ""
    for cut in _NOT_PROSE:
        body = body.split(cut)[0]
    body = _MARKER.sub("", body)
    out: list[str] = []
    for paragraph in _PARAGRAPH.findall(body):
        text = " ".join(html.unescape(re.sub(r"<[^>]+>", "", paragraph)).split())
        out += [s for s in _SENTENCE_END.split(text) if len(s) > 20]
    return out


def main(site: Path) -> int:
    pages_of: defaultdict[str, set[str]] = defaultdict(set)
    total = opening = 0
    for page in prose_pages(site):
        name = page.parent.relative_to(site).as_posix()
        found = sentences(page)
        opens = sum(bool(_AUTHOR_OPENING.match(s)) for s in found)
        total += len(found)
        opening += opens
        for sentence in found:
            pages_of[sentence].add(name)
        print(f"{name or 'home':50} {len(found):3} sentences, {opens} open with “The author”")
    repeated = {s: p for s, p in pages_of.items() if len(p) > 1}
    share = 100 * opening / total if total else 0.0
    print(f"all: {total} sentences, {opening} open with “The author” ({share:.0f} %)")
    print(f"sentences on more than one page: {len(repeated)}")
    for sentence, pages in sorted(repeated.items()):
        print(f"  {sentence[:90]} — {len(pages)} pages")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "site")))
