"""The claims index in Chromium: a text filter that matches statements and quotes only, headings
that count what is shown, advice when nothing matches, folded filters on a phone, and history."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest

WORDS = ["sanctions", "copy", "link", "Tertitskiy", "seoul moscow", "North Korea's", "fact"]


def _normalise(text: str) -> str:
    """The filter's folding: NFC, lower case, curly quotes as straight ones, one space."""
    text = unicodedata.normalize("NFC", text).lower()
    text = text.replace("\u2018", "'").replace("\u2019", "'")
    text = text.replace("\u201c", '"').replace("\u201d", '"')
    return " ".join(text.split())


def _quotes(value: Any) -> list[str]:
    """Every `quote` in a claims.json record: its own, and those of evidence and links to come."""
    if isinstance(value, dict):
        found = [value["quote"]] if isinstance(value.get("quote"), str) else []
        return found + [q for k, v in value.items() if k != "quote" for q in _quotes(v)]
    if isinstance(value, list):
        return [q for item in value for q in _quotes(item)]
    return []


def expected_count(records: list[dict[str, Any]], words: str) -> int:
    wanted = _normalise(words).split()
    texts = [_normalise("\n".join([r["statement"], *_quotes(r)])) for r in records]
    return sum(all(w in text for w in wanted) for text in texts)


@pytest.fixture(scope="module")
def records(site_dir: Path) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads((site_dir / "claims.json").read_text(encoding="utf-8"))
    return data


def _shown(tab: Any) -> int:
    count: int = tab.locator("article.claim:not([hidden])").count()
    return count


def test_the_text_filter_matches_statements_and_quotes_only(
    desktop: Any, base_url: str, records: list[dict[str, Any]]
) -> None:
    desktop.goto(base_url + "claims/")
    total = len(records)
    counts = {}
    for words in WORDS:
        desktop.fill("input[name=q]", words)
        counts[words] = _shown(desktop)
    expected = {words: expected_count(records, words) for words in WORDS}
    assert counts == expected
    # Words of the card that are not statement or quote ("Copy link", "Cited on", topic names
    # and the author's name) find nothing by themselves.
    assert expected["copy"] < total and expected["link"] < total
    assert expected["Tertitskiy"] < total


def test_headings_count_what_is_shown(desktop: Any, base_url: str) -> None:
    desktop.goto(base_url + "claims/?kind=forecast")
    shown = _shown(desktop)
    heading = desktop.locator(".claims-group:not([hidden]) h2 .group-count").first.inner_text()
    total = desktop.locator("article.claim").count()
    assert heading == f"{shown} of {total} claims"
    assert desktop.locator("#_claim-filter-status").inner_text() == (
        f"Showing {shown} of {total} claims."
    )


def test_no_result_says_what_to_change(desktop: Any, base_url: str) -> None:
    desktop.goto(base_url + "claims/")
    facts = desktop.locator("article.claim[data-kind=fact]").count()
    desktop.select_option("select[name=kind]", "fact")
    desktop.fill("input[name=q]", "zzzz")
    assert _shown(desktop) == 0
    status = desktop.locator("#_claim-filter-status").inner_text()
    assert "No claim matches all of these filters." in status
    assert f"without the words “zzzz”: {facts} claims" in status
    assert "with any kind instead of “fact”: 0 claims" in status
    assert "Clear" in status
    assert desktop.locator(".claims-group:not([hidden])").count() == 0


def test_each_filter_change_is_a_step_back_in_history(desktop: Any, base_url: str) -> None:
    desktop.goto(base_url)
    desktop.goto(base_url + "claims/")
    total = _shown(desktop)
    desktop.select_option("select[name=kind]", "forecast")
    forecasts = _shown(desktop)
    desktop.locator("input[name=q]").press_sequentially("the author", delay=20)
    narrowed = _shown(desktop)
    assert total > forecasts >= narrowed
    assert "kind=forecast" in desktop.url and "q=the+author" in desktop.url

    desktop.go_back()  # the words go, as one step however many keys were typed
    desktop.wait_for_function("() => !location.search.includes('q=')")
    assert desktop.locator("input[name=q]").input_value() == ""
    assert desktop.locator("select[name=kind]").input_value() == "forecast"
    assert _shown(desktop) == forecasts
    desktop.go_back()  # then the kind
    desktop.wait_for_function("() => location.search === ''")
    assert desktop.url.endswith("/claims/")
    assert _shown(desktop) == total
    desktop.go_forward()
    desktop.wait_for_function("() => location.search === '?kind=forecast'")
    assert _shown(desktop) == forecasts
    desktop.go_back()
    desktop.go_back()  # only now does Back leave the page
    desktop.wait_for_url(base_url)


def test_filters_are_folded_on_a_phone_and_open_on_a_desktop(
    phone: Any, desktop: Any, base_url: str
) -> None:
    phone.goto(base_url + "claims/")
    panel = phone.locator("#_claim-filter-panel")
    assert panel.get_attribute("open") is None
    assert not phone.locator("#_claim-filters").is_visible()
    first = phone.locator("article.claim h3").first.bounding_box()
    assert first is not None and first["y"] < 844  # the first screen shows a claim
    phone.locator("#_claim-filter-panel > summary").tap()
    assert phone.locator("select[name=kind]").is_visible()
    phone.select_option("select[name=kind]", "forecast")
    assert "1 active" in phone.locator("#_claim-filter-panel > summary").inner_text()

    desktop.goto(base_url + "claims/")
    assert desktop.locator("select[name=kind]").is_visible()


def test_a_claims_citation_can_be_copied_with_the_pages_own_address(
    browser: Any, base_url: str, records: list[dict[str, Any]]
) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    try:
        tab = context.new_page()
        claim = records[3]["id"]
        tab.goto(base_url + "claims/")
        fold = tab.locator(f"article[data-claim='{claim}'] details.claim-more")
        fold.locator("summary").click()
        address = f"{base_url}claims/#{claim}"
        assert address in fold.locator(".cite-plain").inner_text()  # the address as seen here
        fold.get_by_role("button", name="Copy BibTeX").click()
        copied = tab.evaluate("() => navigator.clipboard.readText()")
        assert copied == fold.locator(".cite-bibtex").text_content()
        assert copied.startswith(f"@misc{{double-ally:claim-{claim},")
        fold.get_by_role("button", name="Copy link").click()
        assert tab.evaluate("() => navigator.clipboard.readText()") == address
    finally:
        context.close()
