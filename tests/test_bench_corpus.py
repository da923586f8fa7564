"""The benchmark corpus at ×10 is valid data: it loads without a problem and renders every page.

`make bench` measures the generator on corpora from tests/bench/corpus.py; if a change to the
schema or the checks made that corpus invalid, the benchmark would fail late and far away. This test
catches it in CI, in seconds, without running MkDocs.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from macros.core.knowledge import KnowledgeBase
from macros.core.project import load_knowledge
from macros.pages.escape import escape_text
from macros.pages.exports import claims_csv, claims_json
from macros.pages.plan import SitePlan
from macros.pages.render import GeneratedPage, render_site
from tests.bench.corpus import CorpusStats, generate, read_config

SCALE = 10


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[CorpusStats, Path]:
    root = tmp_path_factory.mktemp("bench") / f"x{SCALE}"
    return generate(root, SCALE), root


@pytest.fixture(scope="module")
def kb(corpus: tuple[CorpusStats, Path]) -> KnowledgeBase:
    return load_knowledge(corpus[1])  # raises DataError, listing every problem, if invalid


@pytest.fixture(scope="module")
def pages(kb: KnowledgeBase) -> list[GeneratedPage]:
    return render_site(SitePlan(kb))


def test_counts_are_ten_times_the_real_site(corpus: tuple[CorpusStats, Path]) -> None:
    stats, _ = corpus
    assert (stats.sources, stats.claims, stats.topics) == (10, 900, 120)
    assert (stats.actors, stats.events, stats.terms) == (200, 100, 100)
    assert 60_000 <= stats.source_bytes <= 80_000  # about 7 KB per source, like the real one


def test_every_record_loads_and_every_quote_is_verified(
    corpus: tuple[CorpusStats, Path], kb: KnowledgeBase
) -> None:
    stats, _ = corpus
    assert len(kb.sources) == stats.sources
    assert len(kb.claims) == stats.claims
    assert len(kb.topics) == stats.topics
    assert len(kb.actors) == stats.actors
    assert len(kb.events) == stats.events
    assert len(kb.terms) == stats.terms
    assert [p.src_uri for p in kb.pages] == ["about.md", "index.md"]


def test_sources_look_like_the_real_one(kb: KnowledgeBase) -> None:
    for source in kb.sources.values():
        blocks = source.archive.paragraphs
        assert len(blocks) == 21
        assert [b.number for b in blocks if b.excluded] == [21]
        assert "\u00a0" in source.archive.text and "’" in source.archive.text
    paragraphs = Counter(v.match.paragraph for v in kb.claims.values())
    assert 21 not in paragraphs and len(paragraphs) >= 15  # claims spread over the body text


def test_claims_use_every_kind_and_prose_cites_most_of_them(kb: KnowledgeBase) -> None:
    assert set(kb.kind_counts()) == {"fact", "assessment", "forecast", "attribution"}
    assert len(kb.cited_in) >= 0.9 * len(kb.claims)
    assert all(kb.claims_of_topic(t) for t in kb.topics)
    assert any(e.when for e in kb.events) and any(e.date for e in kb.events)


def test_every_page_renders(
    corpus: tuple[CorpusStats, Path], kb: KnowledgeBase, pages: list[GeneratedPage]
) -> None:
    stats, _ = corpus
    kinds = Counter(p.src_uri.split("/")[0] if "/" in p.src_uri else p.src_uri for p in pages)
    assert kinds["topics"] == stats.topics + 1  # and topics/index.md
    assert kinds["actors"] == stats.actors + 1
    assert kinds["sources"] == stats.sources + 1
    assert {"claims.md", "timeline.md", "glossary.md", "connections.md"} <= set(kinds)
    # Past one page of claims, the index is one page per source under claims/.
    claims_pages = [p for p in pages if p.src_uri.startswith("claims/")]
    assert kinds["claims"] == stats.sources
    assert sum(p.content.count('<article class="claim"') for p in claims_pages) == stats.claims
    edited = next(p for p in pages if p.src_uri == stats.edit_page.rstrip("/") + ".md")
    assert escape_text(kb.claims[stats.edit_claim].claim.statement) in edited.content
    assert len(json.loads(claims_json(SitePlan(kb)))) == stats.claims
    assert len(claims_csv(SitePlan(kb)).splitlines()) == stats.claims + 1


def test_mkdocs_yml_runs_the_repository_hook(corpus: tuple[CorpusStats, Path]) -> None:
    config = read_config(corpus[1] / "mkdocs.yml")
    hooks = [Path(h) for h in config["hooks"]]
    assert hooks and all(h.is_absolute() and h.is_file() for h in hooks)
    assert Path(config["theme"]["custom_dir"]).is_dir()
    assert "data" in config["watch"]
    for page in ("index.md", "about.md", "assets/claims.css"):
        assert (corpus[1] / "docs" / page).is_file()


def test_the_corpus_is_repeatable(tmp_path: Path, corpus: tuple[CorpusStats, Path]) -> None:
    stats, root = corpus
    again = generate(tmp_path / "again", SCALE)
    assert again == stats
    for rel in ("data/events.yaml", stats.edit_file, "mkdocs.yml"):
        assert (tmp_path / "again" / rel).read_bytes() == (root / rel).read_bytes()
