"""What the site reproduces of a source, said plainly; and no continuous reading of one it may not
republish.

The shares are counted here by hand from the small project's text (tests/helpers.py), never with
the code under test.
"""

from __future__ import annotations

import html
import io
import json
import re
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from macros.core import reproduction as rights
from macros.core.knowledge import KnowledgeBase
from macros.core.project import load_knowledge
from macros.core.reproduction import percent, reproductions
from macros.pages.annotations import annotation_collection
from macros.pages.exports import claims_json
from macros.pages.plan import SitePlan
from macros.pages.render import render_site
from macros.tools.cli import main
from tests.helpers import ARCHIVED_TEXT, CLAIMS, REPO, SOURCE_ID, write_project

QUOTES = [
    "Seoul’s trade with Moscow grew steadily after the two countries established relations in 1990",
    "The railway project has been at a standstill for decades",
    "“balance” is the word for the country’s foreign policy",
]
RAILWAY_CONTEXT = "and nothing suggests it"
# A fourth claim whose quote overlaps the second one: shared characters count once.
OVERLAPPING = "at a standstill for decades, and nothing suggests it"
EXTRA_CLAIM = f"""\
- id: railway-unlikely
  source: sample-article
  quote: "{OVERLAPPING}"
  statement: The author expects the railway project not to move forward soon.
  kind: forecast
  topics: [trade]
  actors: []
"""


TRADE_TOPIC = "data/topics/trade.yaml"
RAILWAY_CITED = '{{ cite("railway-stalled") }}'
BOTH_CITED = '{{ cite("railway-stalled", "railway-unlikely") }}'


def non_space(text: str) -> int:
    return len(re.sub(r"\s", "", text))


def knowledge(root: Path, *, republish: bool = False, claims: str = CLAIMS) -> KnowledgeBase:
    project = write_project(root)
    project.write("data/claims/core.yaml", claims)
    if "- id: railway-unlikely\n" in claims:  # every claim is cited on a page
        project.replace(TRADE_TOPIC, RAILWAY_CITED, BOTH_CITED)
    if republish:
        project.replace(f"data/sources/{SOURCE_ID}.yaml", "republish: false", "republish: true")
    return load_knowledge(root)


def source_page(kb: KnowledgeBase) -> str:
    pages = {p.src_uri: p.content for p in render_site(SitePlan(kb))}
    return html.unescape(pages[f"sources/{SOURCE_ID}.md"])


# -- the share -------------------------------------------------------------------------------


def test_share_counts_the_non_space_characters_of_the_quotes(tmp_path: Path) -> None:
    reproduced = reproductions(knowledge(tmp_path))[SOURCE_ID]
    assert reproduced.characters == non_space(ARCHIVED_TEXT)
    assert reproduced.quoted == reproduced.shown == sum(non_space(q) for q in QUOTES)
    assert reproduced.share == pytest.approx(reproduced.shown / non_space(ARCHIVED_TEXT))


def test_characters_quoted_twice_count_once(tmp_path: Path) -> None:
    reproduced = reproductions(knowledge(tmp_path, claims=CLAIMS + EXTRA_CLAIM))[SOURCE_ID]
    railway = "The railway project has been at a standstill for decades, and nothing suggests it"
    assert railway in ARCHIVED_TEXT
    expected = non_space(QUOTES[0]) + non_space(railway) + non_space(QUOTES[2])
    assert reproduced.shown == expected


def test_a_republishable_source_is_reproduced_whole(tmp_path: Path) -> None:
    reproduced = reproductions(knowledge(tmp_path, republish=True))[SOURCE_ID]
    assert reproduced.shown == reproduced.characters == non_space(ARCHIVED_TEXT)
    assert reproduced.quoted == sum(non_space(q) for q in QUOTES)
    assert percent(reproduced.share) == "100 %"


def test_context_shown_around_quotes_would_be_counted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Were context shown for a source not republished, the share would count it too."""
    kb = knowledge(tmp_path)
    monkeypatch.setattr(rights, "shows_context", lambda source: True)
    reproduced = reproductions(kb)[SOURCE_ID]
    # Each quote with the 32 characters (whitespace folded) shown before and after it.
    folded = " ".join(ARCHIVED_TEXT.split())
    spans = []
    for quote in QUOTES:
        at = folded.index(quote)
        spans.append((max(0, at - 32), at + len(quote) + 32))
    covered = {i for start, end in spans for i in range(start, min(end, len(folded)))}
    expected = sum(1 for i in covered if not folded[i].isspace())
    assert reproduced.shown == expected
    assert reproduced.quoted < reproduced.shown


@pytest.mark.parametrize(
    ("share", "shown"),
    [(0.0, "0 %"), (0.004, "under 1 %"), (0.5, "50 %"), (0.996, "over 99 %"), (1.0, "100 %")],
)
def test_a_share_is_never_rounded_to_all_or_nothing(share: float, shown: str) -> None:
    assert percent(share) == shown


# -- what pages and exports show of a source not republished ---------------------------------


def test_source_page_states_the_share_and_strings_no_excerpts_together(tmp_path: Path) -> None:
    kb = knowledge(tmp_path)
    page = source_page(kb)
    shown = sum(non_space(q) for q in QUOTES)
    total = non_space(ARCHIVED_TEXT)
    assert (
        f"{round(100 * shown / total)} % of the archived text ({shown:,} of its {total:,}" in page
    )
    assert "in its exports (claims.json, claims.csv, annotations.jsonld) together" in page
    for quote in QUOTES[2:]:  # the first two statements repeat their quotes word for word
        assert quote not in page
    assert 'class="excerpts"' not in page and "<q" not in page
    assert "Excerpts in source order" not in page
    # Each paragraph still has its anchor and links to the claims quoting it.
    for number, claim in ((1, "trade-grew"), (2, "railway-stalled"), (3, "balance-word")):
        section = page.split(f'id="_p{number}"', 1)[1].split("</section>", 1)[0]
        assert f"claims/#{claim}" in section
    assert 'id="p4"' not in page  # the excluded byline block


def test_source_page_of_a_republishable_source_shows_its_text_and_excerpts(tmp_path: Path) -> None:
    page = source_page(knowledge(tmp_path, republish=True))
    assert "100 % of the archived text" in page
    assert "nothing suggests it will move soon" in page
    assert all(f'<q class="quote">{quote}</q>' in page for quote in QUOTES)


def test_claims_index_shows_no_context_around_quotes_of_a_source_not_republished(
    tmp_path: Path,
) -> None:
    pages = {
        p.src_uri: html.unescape(p.content) for p in render_site(SitePlan(knowledge(tmp_path)))
    }
    assert "Context in the archived text" not in pages["claims.md"]
    assert "and nothing suggests it" not in pages["claims.md"]
    republished = render_site(SitePlan(knowledge(tmp_path / "r", republish=True)))
    claims = next(html.unescape(p.content) for p in republished if p.src_uri == "claims.md")
    assert "Context in the archived text" in claims
    assert "and nothing suggests it" in claims


def test_claims_index_lists_a_source_not_republished_by_statement_not_in_text_order(
    tmp_path: Path,
) -> None:
    """Its quotes in text order would read as the text itself: 99 % of the real article."""

    def listed(kb: KnowledgeBase) -> tuple[list[str], str]:
        page = next(p.content for p in render_site(SitePlan(kb)) if p.src_uri == "claims.md")
        return re.findall(r'<article class="claim" data-claim="([^"]+)"', page), page

    order, page = listed(knowledge(tmp_path))
    assert order == ["balance-word", "trade-grew", "railway-stalled"]  # Observers, Seoul’s, The
    assert ">3 claims</span>, A to Z</h2>" in page
    assert "“A Sample Article” are listed by statement, A to Z: in the order of its text" in page
    order, page = listed(knowledge(tmp_path / "r", republish=True))
    assert order == ["trade-grew", "railway-stalled", "balance-word"]  # paragraphs 1, 2, 3
    assert "A to Z" not in page


def test_exports_give_no_context_for_a_source_not_republished(tmp_path: Path) -> None:
    for republish in (False, True):
        plan = SitePlan(knowledge(tmp_path / str(republish), republish=republish))
        records = json.loads(claims_json(plan))
        railway = next(r for r in records if r["id"] == "railway-stalled")
        assert (railway["suffix"] == ", and nothing suggests it will m") is republish
        selectors = [
            a["target"]["selector"][0] for a in annotation_collection(plan)["first"]["items"]
        ]
        assert all(("suffix" in s) is republish for s in selectors)
        assert all(RAILWAY_CONTEXT not in json.dumps(s) for s in selectors) is not republish


# -- make check and the README ---------------------------------------------------------------


def test_make_check_prints_the_share_of_every_source(tmp_path: Path) -> None:
    knowledge(tmp_path)
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["--root", str(tmp_path), "check", "--no-github"])
    assert code == 0, err.getvalue()
    shown = sum(non_space(q) for q in QUOTES)
    total = non_space(ARCHIVED_TEXT)
    line = next(x for x in out.getvalue().splitlines() if x.startswith("data/sources/"))
    assert line.startswith(f"data/sources/{SOURCE_ID}.yaml: the site reproduces ")
    assert f"({shown:,} of its {total:,} non-space characters)" in line
    assert "licence: Not known" in line
    assert "republish: false" in out.getvalue()


def test_readme_states_the_share_the_real_data_has() -> None:
    kb = load_knowledge(REPO)
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Publishing and rights", 1)[1].split("\n## ", 1)[0]
    for reproduced in reproductions(kb).values():
        assert f"**{percent(reproduced.share)} of the archived article's text**" in section
        assert f"({reproduced.shown:,} of its {reproduced.characters:,} non-space" in section
    assert "permission from the rights holder" in section
