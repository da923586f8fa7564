"""The argument in Chromium: a link's marker on its connective shows the link's quote, the claims
index filters by role with the state in the address, and pages with maps and links pass axe.

The site is the repository's, with its stylesheet and script, plus the fixture site's linked claims
about an invented harbour (its own sources, claims and topic page)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.test_accessibility import AXE
from tests.quality.serve import serve
from tests.sitebuild import REPO, copy_project, mkdocs_build

FIXTURE = REPO / "tests" / "fixtures" / "mini-site"
HARBOUR = (
    "data/sources/fixture-2026-harbour-report.txt",
    "data/sources/fixture-2026-harbour-report.yaml",
    "data/sources/fixture-2026-harbour-log.txt",
    "data/sources/fixture-2026-harbour-log.yaml",
    "data/claims/harbour.yaml",
    "data/topics/the-harbour.yaml",
)


@pytest.fixture(scope="module")
def fixture_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = copy_project(tmp_path_factory.mktemp("argued") / "project")
    for name in HARBOUR:
        shutil.copy2(FIXTURE / name, root / name)
    result = mkdocs_build(root, root / "site")
    assert result.returncode == 0, result.output
    with serve(result.site) as url:
        yield url


def test_a_connectives_marker_shows_the_quote_that_states_the_link(
    desktop: Any, fixture_url: str
) -> None:
    desktop.goto(fixture_url + "topics/the-harbour/")
    marker = desktop.locator(".argument-in-brief sup.cite-joint a.cite-link").first
    preview = desktop.locator(".argument-in-brief sup.cite-joint .cite-preview").first
    assert not preview.is_visible()
    marker.focus()
    preview.wait_for(state="visible", timeout=5_000)
    text = " ".join((preview.text_content() or "").split())
    assert "“stays open all winter, because a warm current keeps”" in text
    assert "link: because" in text
    assert "fact" in text  # the report states the link as fact
    marker.click()
    desktop.wait_for_url(
        "**/claims/#_link-harbour-open-all-winter--because--warm-current-keeps-ice-away"
    )
    # The link's row sits in its claim's folded list of links, which opens to show it.
    row = desktop.locator("#_link-harbour-open-all-winter--because--warm-current-keeps-ice-away")
    row.wait_for(state="visible", timeout=5_000)
    assert row.evaluate("li => li.closest('details').open")
    assert "stays open all winter, because a warm current keeps" in (row.text_content() or "")


def test_the_claims_index_filters_by_role_and_keeps_it_in_the_address(
    desktop: Any, fixture_url: str
) -> None:
    records = desktop.request.get(fixture_url + "claims.json").json()
    with_role = {
        role: sorted(r["id"] for r in records if role in r["roles"])
        for role in ("reason", "conclusion")
    }
    assert "warm-current-keeps-ice-away" in with_role["reason"]
    desktop.goto(fixture_url + "claims/")
    desktop.select_option("select[name=role]", "reason")
    shown = desktop.locator("article.claim:not([hidden])")
    assert (
        sorted(shown.nth(i).get_attribute("data-claim") for i in range(shown.count()))
        == (with_role["reason"])
    )
    assert desktop.url.endswith("claims/?role=reason")
    desktop.goto(fixture_url + "claims/?role=conclusion")
    desktop.wait_for_function(
        "n => document.querySelectorAll('article.claim:not([hidden])').length === n",
        arg=len(with_role["conclusion"]),
    )
    assert desktop.locator("select[name=role]").input_value() == "conclusion"


def test_the_text_filter_finds_a_claim_by_a_further_quote_or_a_links_quote(
    desktop: Any, fixture_url: str
) -> None:
    desktop.goto(fixture_url + "claims/")
    shown = desktop.locator("article.claim:not([hidden])")
    desktop.fill("input[name=q]", "ships docked on every day")  # a further quote, other source
    assert [shown.nth(i).get_attribute("data-claim") for i in range(shown.count())] == [
        "harbour-open-all-winter"
    ]
    desktop.fill("input[name=q]", "Even so, the ferry company")  # a link's quote
    claims = {shown.nth(i).get_attribute("data-claim") for i in range(shown.count())}
    assert claims == {"harbour-open-all-winter", "ferry-shortens-timetable"}  # both of its ends


@pytest.mark.skipif(not AXE.exists(), reason="axe-core missing: run `npm ci` (make test does)")
def test_pages_with_maps_and_links_have_no_axe_violation(browser: Any, fixture_url: str) -> None:
    script = AXE.read_text(encoding="utf-8")
    violations: list[str] = []
    for scheme in ("light", "dark"):
        context = browser.new_context(
            color_scheme=scheme, viewport={"width": 1280, "height": 900}, bypass_csp=True
        )
        page = context.new_page()
        for path in ("topics/the-harbour/", "argument/", "claims/"):
            page.goto(fixture_url + path)
            page.evaluate(
                "() => document.querySelectorAll('details').forEach(d => { d.open = true; })"
            )
            page.add_script_tag(content=script)
            result = page.evaluate(
                """() => axe.run(document, {runOnly: {type: 'tag',
                values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"""
            )
            for v in result["violations"]:
                targets = [n["target"] for n in v["nodes"][:3]]
                violations.append(f"{scheme} /{path}: {v['id']} ({v['help']}) {targets}")
        context.close()
    assert not violations, "\n".join(violations)


def test_the_map_reads_as_nested_lists_without_script(browser: Any, fixture_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(fixture_url + "argument/")
        nested = page.locator(".argument-map > ul > li > ul > li")
        assert nested.count() >= 1
        assert nested.first.is_visible()
        assert (nested.first.text_content() or "").startswith("Reason:")
    finally:
        context.close()
