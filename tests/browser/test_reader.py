"""What a reader does in a real browser: previews, filters, search, and nothing leaving the site."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import page_paths


@pytest.fixture()
def page(browser: Any) -> Any:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    yield tab
    context.close()


def _first_topic_with_citation(site_dir: Path) -> str:
    for path in sorted((site_dir / "topics").glob("*/index.html")):
        if "cite-link" in path.read_text(encoding="utf-8"):
            return f"topics/{path.parent.name}/"
    raise AssertionError("no topic page has a citation")


def test_citation_preview_opens_on_hover_and_shows_the_quote(
    page: Any, base_url: str, site_dir: Path
) -> None:
    page.goto(base_url + _first_topic_with_citation(site_dir))
    marker = page.locator("sup.cite:has(a.cite-link[data-claim])").first
    preview = marker.locator(".cite-preview")
    assert not preview.is_visible()
    marker.locator("a.cite-link").hover()
    assert preview.is_visible()
    claim_id = marker.locator("a.cite-link").get_attribute("data-claim")
    records = json.loads((site_dir / "claims.json").read_text(encoding="utf-8"))
    quote = next(r["quote"] for r in records if r["id"] == claim_id)
    assert " ".join(quote.split())[:40] in " ".join(preview.inner_text().split())


def test_citation_preview_opens_on_keyboard_focus(page: Any, base_url: str, site_dir: Path) -> None:
    page.goto(base_url + _first_topic_with_citation(site_dir))
    link = page.locator("a.cite-link").first
    link.focus()
    preview = page.locator("sup.cite").first.locator(".cite-preview")
    assert preview.is_visible()
    describedby = link.get_attribute("aria-describedby")
    assert describedby and page.locator(f"#{describedby}").count() == 1


def test_first_tap_on_a_marker_previews_and_second_tap_follows(
    browser: Any, base_url: str, site_dir: Path
) -> None:
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True
    )
    try:
        tab = context.new_page()
        url = base_url + _first_topic_with_citation(site_dir)
        tab.goto(url)
        link = tab.locator("a.cite-link[data-claim]").first
        link.tap()
        assert tab.locator("sup.cite.is-open .cite-preview").first.is_visible()
        assert tab.url == url
        box = tab.locator("sup.cite.is-open .cite-preview").first.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390 + 1
        link.tap()
        tab.wait_for_url("**/claims/#*")
    finally:
        context.close()


def test_claims_filters_narrow_the_list_and_restore_from_the_url(
    page: Any, base_url: str, site_dir: Path
) -> None:
    page.goto(base_url + "claims/")
    total = page.locator("article.claim").count()
    assert total > 0
    kind_options = page.locator("select[name=kind] option").all_inner_texts()
    kind = next(k for k in kind_options if k in ("forecast", "attribution", "fact", "assessment"))
    page.select_option("select[name=kind]", kind)
    visible = page.locator("article.claim:visible")
    assert 0 < visible.count() < total
    assert all(a.get_attribute("data-kind") == kind for a in visible.all())
    assert f"kind={kind}" in page.url
    status = page.locator("#_claim-filter-status").inner_text()
    assert f"of {total} claims" in status

    shared = page.url
    page.goto("about:blank")
    page.goto(shared)
    assert page.locator("select[name=kind]").input_value() == kind
    assert page.locator("article.claim:visible").count() == visible.count()

    page.fill("input[name=q]", "zzzz-no-such-words")
    assert page.locator("article.claim:visible").count() == 0
    page.click("#_claim-filters button[type=reset]")
    page.wait_for_function(
        f"document.querySelectorAll('article.claim:not([hidden])').length === {total}"
    )


def _search_material(page: Any, words: str) -> list[str]:
    """Material's search (MkDocs, ProperDocs): the header's input, results below it."""
    page.locator(".md-search__input").click()
    # The index loads in a web worker; until then Material shows "Initializing search".
    meta = page.locator(".md-search-result__meta")
    page.wait_for_function(
        "() => !/Initializing/i.test(document.querySelector('.md-search-result__meta')"
        ".textContent)",
        timeout=20_000,
    )
    page.locator(".md-search__input").press_sequentially(words, delay=30)
    page.locator(".md-search-result__item").first.wait_for(timeout=20_000)
    assert "matching" in meta.inner_text().lower()
    hrefs: list[str] = page.locator(".md-search-result__link").evaluate_all(
        "els => els.map(a => a.getAttribute('href') || '')"
    )
    return hrefs


def _search_zensical(page: Any, words: str) -> list[str]:
    """Zensical's search: a dialog in a shadow root (Playwright's locators reach into it)."""
    page.locator(".md-search__button").click()
    page.locator("dialog[aria-label=Search] input[role=combobox]").press_sequentially(
        words, delay=30
    )
    results = page.locator("ol[role=listbox] a[role=option]")
    results.first.wait_for(timeout=20_000)
    assert "result" in page.locator("dialog [role=status]").inner_text()
    # Read every href in one step: the list is redrawn as results arrive, and an option fetched
    # one at a time may be gone before it is read.
    hrefs: list[str] = results.evaluate_all("els => els.map(a => a.getAttribute('href') || '')")
    return hrefs


def test_search_finds_a_claim_by_words_of_its_quote(page: Any, base_url: str, engine: str) -> None:
    page.goto(base_url)
    search = _search_zensical if engine == "zensical" else _search_material
    links = search(page, "adroitly fulfills")
    assert any("claims/" in href for href in links), links


def test_the_search_index_is_fetched_when_the_reader_opens_search_not_before(
    page: Any, base_url: str, engine: str
) -> None:
    if engine == "zensical":
        pytest.skip("Zensical's own search loads its index itself")
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url) if "search_index" in r.url else None)
    page.goto(base_url)
    page.wait_for_load_state("networkidle")
    assert fetched == []
    links = _search_material(page, "adroitly fulfills")
    assert any(url.endswith("search/search_index.json") for url in fetched), fetched
    assert any("claims/" in href for href in links), links


def test_no_request_leaves_the_site_and_no_console_error_on_any_page(
    page: Any, base_url: str, site_dir: Path
) -> None:
    origin = urlsplit(base_url).netloc
    foreign: list[str] = []
    problems: list[str] = []

    def check(route: Any) -> None:
        url = route.request.url
        if urlsplit(url).netloc != origin and not url.startswith(("data:", "blob:")):
            foreign.append(url)
            route.abort()
        else:
            route.continue_()

    page.route("**/*", check)
    page.on(
        "console",
        lambda m: (
            problems.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None
        ),
    )
    page.on("pageerror", lambda e: problems.append(f"pageerror: {e}"))
    for path in page_paths(site_dir):
        page.goto(base_url + path)
        page.wait_for_load_state("networkidle")
    assert not foreign, foreign
    assert not problems, problems
