"""The argument on pages: each topic's argument in brief and map, the whole map, and the claims
index showing every quote of a claim and its links both ways, filterable by role."""

from __future__ import annotations

import html
import re

import pytest

from macros.core.knowledge import KnowledgeBase
from macros.core.project import load_knowledge
from macros.pages.plan import SitePlan
from macros.pages.render import render_site
from tests.helpers import ESSAY_ID, SOURCE_ID, write_argued_project


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    return load_knowledge(write_argued_project(tmp_path_factory.mktemp("argued")).root)


@pytest.fixture(scope="module")
def pages(kb: KnowledgeBase) -> dict[str, str]:
    return {p.src_uri: p.content for p in render_site(SitePlan(kb))}


def text_of(markup: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", markup)).split())


def map_lines(markup: str) -> list[str]:
    """A rendered map as "depth role: statement" lines."""
    lines: list[str] = []
    depth = 0
    for tag in re.finditer(r"<(/?)(ul|li)[^>]*>|<span class=\"map-role\">(\w[\w ]*)", markup):
        closing, name, role = tag.groups()
        if name == "ul":
            depth += -1 if closing else 1
        elif role:
            rest = markup[tag.end() :]
            statement = re.search(r"<a href=\"[^\"]+\">([^<]+)</a>", rest)
            assert statement is not None
            lines.append(f"{depth} {role}: {html.unescape(statement.group(1))}")
    return lines


def test_a_topic_opens_with_the_argument_in_brief_then_its_map(pages: dict[str, str]) -> None:
    page = pages["topics/port.md"]
    headings = re.findall(r"^## (.+?)(?: \{ #[^}]+ \})?$", page, flags=re.M)
    assert headings[:3] == ["The argument in brief", "The argument map", "Why it grew"]
    brief = page.split("## The argument in brief", 1)[1].split("## The argument map", 1)[0]
    assert 'class="lead argument-in-brief"' in brief
    assert "The river port handles most of the town’s trade." in text_of(brief)


def test_a_topic_map_nests_reasons_evidence_examples_and_concessions(
    pages: dict[str, str],
) -> None:
    section = pages["topics/port.md"].split("## The argument map", 1)[1].split("\n## ", 1)[0]
    assert '<div class="argument-map" data-search-exclude="1">' in section
    assert map_lines(section) == [
        "1 Conclusion: Traffic through the port grew by a third.",
        "2 Reason: The new cranes load a barge in half the time.",
        "3 Evidence: Loading a barge takes three hours instead of six.",
        "1 Conclusion: Shippers prefer the port.",
        "2 Reason: The author finds the road slower still than the port.",
        "2 Example: The grain cooperative moved all its cargo to barges.",
        "2 Concession: The port’s fees rose twice this year.",
        "1 Claim: The author expects the port to keep growing, but only if the channel is dredged every year.",
        "2 Condition: The author names dredging the channel every year as the condition.",
        "2 Question answered: The author asks whether the port will keep growing.",
    ]
    assert 'href="../../claims/#shippers-prefer-port"' in section
    assert '<span class="kind kind-forecast">forecast</span>' in section


def test_a_topic_without_links_has_its_brief_but_no_map(pages: dict[str, str]) -> None:
    page = pages["topics/trade.md"]
    assert "## The argument in brief" in page
    assert "## The argument map" not in page


def test_the_whole_argument_has_a_page_in_the_navigation(
    kb: KnowledgeBase, pages: dict[str, str]
) -> None:
    page = pages["argument.md"]
    assert page.split("\n# ", 1)[1].startswith("The argument { #_title }\n")
    lines = map_lines(page)
    assert lines[0] == "1 Conclusion: Traffic through the port grew by a third."
    linked = {c for link in kb.argument.links for c in (link.holder, link.target)}
    shown = {kb.claims[c].claim.statement for c in linked}
    assert shown <= {line.split(": ", 1)[1] for line in lines}
    planned = SitePlan(kb).page("argument.md")
    assert planned is not None and planned.in_nav


def claim_entry(page: str, claim_id: str) -> str:
    start = page.index(f'<article class="claim" data-claim="{claim_id}"')
    return page[start : page.index("</article>", start)]


def test_the_claims_index_shows_every_quote_of_a_claim_primary_first(pages: dict[str, str]) -> None:
    entry = claim_entry(pages["claims.md"], "seoul-trade-grew-too")
    quotes = re.findall(
        r'<blockquote class="claim-quote( claim-evidence)?" data-filter-text="quote"><p>“([^”]+)”',
        entry,
    )
    assert [(bool(further), html.unescape(q)) for further, q in quotes] == [
        (False, "Seoul’s trade with Moscow grew steadily too"),
        (True, "Seoul’s trade with Moscow grew steadily after the two countries"),
    ]
    sources = re.findall(r'<p class="claim-source"[^>]*>(.*?)</p>', entry)
    # A quote from the group's source gives its short label (the heading has the full
    # reference); one from another source gives that one in full.
    assert text_of(sources[0]).startswith("— Author 2021a, paragraph 6")
    assert f"sources/{ESSAY_ID}/#_quote-seoul-trade-grew-too" in sources[0]
    assert text_of(sources[1]).startswith("Further quote 1 — A. N. Author, A Sample Article, ")
    assert f"sources/{SOURCE_ID}/#_p1" in sources[1]
    assert "characters 0–" in sources[1]


def test_the_claims_index_shows_links_both_ways_with_their_quotes(
    kb: KnowledgeBase, pages: dict[str, str]
) -> None:
    index = pages["claims.md"]
    entry = claim_entry(index, "faster-loading")
    rows = re.findall(r"<li( id=\"[^\"]+\")? class=\"joint joint-(out|in)\">(.*?)</li>", entry)
    because, evidence = (
        link.found.match for link in kb.argument.links if link.target == "faster-loading"
    )
    assert [(anchor, way, text_of(row)) for anchor, way, row in rows] == [
        (
            "",
            "in",
            "is a reason for: Traffic through the port grew by a third. The link’s quote: "
            f"grew by a third, because the new cranes (paragraph 2, characters "
            f"{because.start}–{because.end}; the author’s reasoning; the link on the other claim)",
        ),
        (
            "",
            "in",
            "is supported by: Loading a barge takes three hours instead of six. The link’s "
            f"quote: in half the time. Loading a barge now (paragraph 2, characters "
            f"{evidence.start}–{evidence.end}; stated as fact by the source; the link on the "
            "other claim)",
        ),
    ]
    holder = claim_entry(index, "traffic-grew")
    assert '<li id="_link-traffic-grew--because--faster-loading" class="joint joint-out">' in holder
    assert '<q data-filter-text="link">grew by a third, because the new cranes</q>' in holder


def test_every_link_marker_and_link_row_points_at_an_anchor_on_the_index(
    pages: dict[str, str],
) -> None:
    index = pages["claims.md"]
    anchors = set(re.findall(r'\bid="([^"]+)"', index))
    targets = {t for t in re.findall(r'href="[^"]*claims/#([^"]+)"', "".join(pages.values()))}
    targets |= set(re.findall(r'href="\./#([^"]+)"', index))
    assert targets and targets <= anchors


def test_claims_carry_their_roles_and_can_be_filtered_by_them(pages: dict[str, str]) -> None:
    index = pages["claims.md"]
    roles = dict(re.findall(r'data-claim="([^"]+)"[^>]*data-roles="([^"]*)"', index))
    assert roles["traffic-grew"] == "conclusion"
    assert roles["faster-loading"] == "conclusion reason"
    assert roles["loading-three-hours"] == "evidence"
    assert roles["cooperative-moved"] == "example"
    assert roles["trade-grew"] == ""
    menu = re.search(r'<select name="role">(.*?)</select>', index)
    assert menu is not None
    assert re.findall(r'<option value="(\w*)">', menu.group(1)) == [
        "",
        "conclusion",
        "reason",
        "evidence",
        "example",
    ]


def test_without_links_there_is_no_role_menu(tmp_path_factory: pytest.TempPathFactory) -> None:
    from tests.helpers import write_project

    kb = load_knowledge(write_project(tmp_path_factory.mktemp("plain")).root)
    index = {p.src_uri: p.content for p in render_site(SitePlan(kb))}["claims.md"]
    assert 'name="role"' not in index
    assert "Links to other claims" not in index


def test_a_claims_preview_shows_every_quote_it_rests_on_with_where_each_sits(
    pages: dict[str, str],
) -> None:
    page = pages["topics/port.md"]
    marker = page.split('data-claim="seoul-trade-grew-too"', 1)[1].split("</sup>", 1)[0]
    preview = text_of(marker)
    primary = preview.index("“Seoul’s trade with Moscow grew steadily too”")
    further = preview.index(
        "“Seoul’s trade with Moscow grew steadily after the two countries” "
        "Further quote: Author 2021b, ¶ 1"
    )
    assert primary < further < preview.index("Open claim")


def test_a_claims_links_are_folded_under_a_summary_that_counts_and_names_them(
    pages: dict[str, str],
) -> None:
    entry = claim_entry(pages["claims.md"], "traffic-grew")
    summary = re.search(r'<details class="claim-joints"[^>]*><summary>(.*?)</summary>', entry)
    assert summary is not None
    rows = re.findall(r'class="joint joint-(?:out|in)"><span class="joint-relation">([^<]+)', entry)
    labels = list(dict.fromkeys(rows))
    count = f"{len(rows)} link{'' if len(rows) == 1 else 's'}"
    assert text_of(summary.group(1)) == f"{count} to other claims: {', '.join(labels)}"
