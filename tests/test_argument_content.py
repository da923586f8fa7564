"""The real site reads as an argument (issue 10): measured on the built pages, as a reader sees them.

Each topic with links between its claims opens with an argument in brief made of link() passages
and shows its argument map; topic and actor prose does not open most sentences with "The author";
and a sentence of their prose appears on one page only, so pages connect rather than repeat.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from pathlib import Path

import pytest

from macros.core.knowledge import KnowledgeBase
from macros.core.project import load_knowledge
from tests.conftest import EngineSites
from tests.sitebuild import REPO

pytestmark = pytest.mark.build

# The page's own prose: the argument in brief and the sections' prose blocks.
_PROSE_BLOCK = re.compile(r'<div class="(?:lead argument-in-brief|prose)">(.*?)</div>', re.S)
_PREVIEW = re.compile(r'<span class="cite-preview".*?</span></sup>', re.S)
_MARKER = re.compile(r"<sup[^>]*>.*?</sup>", re.S)
_SENTENCE_END = re.compile(r"(?<![A-Z]\.[A-Z]\.)(?<=[.?!”])\s+(?=[A-Z“])")
_AUTHOR_OPENING = re.compile(r"(?:The author|According to the author)\b")


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge(REPO)


@pytest.fixture(scope="module")
def mkdocs_site(engine_sites: EngineSites) -> Path:
    return engine_sites.get("mkdocs").site


def prose_sentences(page: Path) -> list[str]:
    text = page.read_text(encoding="utf-8")
    sentences: list[str] = []
    for block in _PROSE_BLOCK.findall(text):
        plain = html.unescape(re.sub(r"<[^>]+>", " ", _MARKER.sub("", _PREVIEW.sub("", block))))
        plain = " ".join(plain.split()).replace(" ,", ",").replace(" .", ".")
        sentences += [s for s in _SENTENCE_END.split(plain) if len(s.split()) >= 3]
    return sentences


def prose_pages(site: Path) -> list[Path]:
    return sorted([*site.glob("topics/*/index.html"), *site.glob("actors/*/index.html")])


def test_every_topic_with_links_opens_with_an_argument_in_brief_and_its_map(
    kb: KnowledgeBase, mkdocs_site: Path
) -> None:
    for topic in kb.topics.values():
        claims = kb.claims_of_topic(topic.id)
        if not any(c.claim.links for c in claims):
            continue
        assert '{{ link("' in topic.lead, f"{topic.file}: the lead uses no link()"
        page = (mkdocs_site / "topics" / topic.id / "index.html").read_text(encoding="utf-8")
        brief = page.split('class="lead argument-in-brief"', 1)[1].split("</div>", 1)[0]
        assert 'class="cite cite-joint"' in brief, f"{topic.id}: no link marker in the brief"
        assert 'class="argument-map"' in page, topic.id


def test_at_most_a_third_of_a_pages_prose_opens_with_the_author(mkdocs_site: Path) -> None:
    for page in prose_pages(mkdocs_site):
        sentences = prose_sentences(page)
        opening = [s for s in sentences if _AUTHOR_OPENING.match(s)]
        assert len(opening) * 3 <= len(sentences), (page, opening)


def test_no_prose_sentence_is_repeated_word_for_word_on_another_page(mkdocs_site: Path) -> None:
    pages_of: dict[str, set[str]] = defaultdict(set)
    for page in prose_pages(mkdocs_site):
        for sentence in prose_sentences(page):
            pages_of[sentence].add(page.relative_to(mkdocs_site).as_posix())
    repeated = {s: sorted(p) for s, p in pages_of.items() if len(p) > 1}
    assert not repeated, repeated
