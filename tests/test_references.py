"""Short notes, citations of the site's own pages and claims, and quotes shown in whole words."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from macros.core.knowledge import KnowledgeBase
from macros.core.project import load_knowledge
from macros.core.text import Text
from macros.pages.context import quote_context
from macros.pages.references import claim_bibtex, claim_citation, note_text, short_labels
from macros.pages.site_info import SiteInfo
from tests.helpers import SOURCE_ID, write_project


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    root = tmp_path_factory.mktemp("references")
    write_project(root)
    return load_knowledge(root)


def test_a_note_is_author_year_and_paragraph(kb: KnowledgeBase) -> None:
    assert note_text(kb, kb.claims["railway-stalled"]) == "Author 2021, ¶ 2"


def test_two_sources_sharing_author_and_year_get_letters(kb: KnowledgeBase) -> None:
    source = kb.sources[SOURCE_ID]
    twin = replace(source, id=Text("sample-article-two", source.position))
    doubled = replace(kb, sources={SOURCE_ID: source, "sample-article-two": twin})
    assert short_labels(doubled) == {
        SOURCE_ID: "Author 2021a",
        "sample-article-two": "Author 2021b",
    }


def test_a_claim_citation_names_the_passage_and_the_build(kb: KnowledgeBase) -> None:
    site = SiteInfo(name="Sample Site", build_date="2026-12-01")
    text = claim_citation(
        kb, site, kb.claims["trade-grew"], "https://example.org/claims/#trade-grew"
    )
    assert text == (
        "“Seoul’s trade with Moscow grew steadily.” Claim trade-grew, quoting A. N. Author, "
        f"“{kb.sources[SOURCE_ID].title}”, {kb.sources[SOURCE_ID].publisher}, 15 July 2021, ¶ 1. "
        "In Sample Site, built 1 December 2026. https://example.org/claims/#trade-grew"
    )


def test_bibtex_escapes_what_latex_would_read(kb: KnowledgeBase) -> None:
    verified = kb.claims["trade-grew"]
    statement = Text("50% of {trade} & $_#^~\\", verified.claim.position)
    tricky = replace(verified, claim=replace(verified.claim, statement=statement))
    entry = claim_bibtex(kb, SiteInfo(name="Site"), tricky, "https://e.org/a%20b#x")
    title = entry.split("title        = {", 1)[1].split("},\n", 1)[0]
    assert title == r"50\% of \{trade\} \& \$\_\#\^{}\~{}\textbackslash{}"
    assert r"\url{https://e.org/a\%20b#x}" in entry
    assert entry.count("{") == entry.count("}") + entry.count(r"\{") - entry.count(r"\}")
    assert "year" not in entry  # no build date known: no year rather than the clock's


def test_context_keeps_whole_words_inside_the_paragraph(kb: KnowledgeBase) -> None:
    verified = kb.claims["railway-stalled"]
    source = kb.sources[SOURCE_ID]
    whole = quote_context(source, verified)
    assert (whole.before, whole.before_cut) == ("", False)  # the quote opens its paragraph
    assert whole.after == ", and nothing suggests it will move soon."
    assert not whole.after_cut
    short = quote_context(source, verified, chars=16)
    assert short.after == ", and nothing" and short.after_cut  # not ", and nothing su"


def test_context_before_a_quote_starts_on_a_word(tmp_path: Path) -> None:
    kb = load_knowledge(write_project(tmp_path).root)
    verified = kb.claims["balance-word"]
    context = quote_context(kb.sources[SOURCE_ID], verified, chars=17)
    # "Observers in Seoul say that “balance”…": 17 characters back is "n Seoul say that "
    assert context.before == "Seoul say that " and context.before_cut
