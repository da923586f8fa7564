"""The reader-experience figures of issue 11, measured the way the issue measured them.

    .venv/bin/python -m tests.quality.reader [SITE]

builds the site (or reads the built SITE folder given), serves it from 127.0.0.1 and prints each
figure: how much of a citation preview stays inside the window, marker target sizes, what the
claims filter finds for a few words, what the search index holds, the connections picture on a
phone, title gaps and the tab stops of the flagship page. Pass an older build to compare.
"""

from __future__ import annotations

import json
import sys
import tempfile
from itertools import pairwise
from pathlib import Path
from typing import Any

from tests.browser.conftest import (
    CHROMIUM,
    CHROMIUM_ARGS,
    DESKTOP,
    PHONE,
    flagship_topic,
    page_paths,
)
from tests.browser.test_claims_index import WORDS, expected_count
from tests.quality.serve import serve
from tests.sitebuild import REPO, mkdocs_build

_SHARE = """(link) => {
  const box = link.closest('sup.cite').querySelector('.cite-preview').getBoundingClientRect();
  const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
  const h = Math.max(0, Math.min(box.bottom, innerHeight) - Math.max(box.top, header, 0));
  const w = Math.max(0, Math.min(box.right, innerWidth) - Math.max(box.left, 0));
  return box.width * box.height ? h * w / (box.width * box.height) : 0;
}"""
_NEAR_BOTTOM = "(l) => window.scrollBy(0, l.getBoundingClientRect().top - (innerHeight - 30))"


def _preview_shares(browser: Any, base: str, path: str) -> dict[str, float]:
    """The smallest share of a preview inside the window, for markers near the bottom edge."""
    worst = {}
    for name, profile in (("phone, tap", PHONE), ("desktop 1280×900, focus", DESKTOP)):
        context = browser.new_context(**profile)
        tab = context.new_page()
        tab.goto(base + path)
        links = tab.locator("a.cite-link:visible")
        shares = []
        for i in range(links.count()):
            link = links.nth(i)
            tab.evaluate(_NEAR_BOTTOM, link.element_handle())
            link.tap() if profile is PHONE else link.focus()
            tab.wait_for_timeout(60)
            shares.append(tab.evaluate(_SHARE, link.element_handle()))
            if profile is PHONE:
                tab.touchscreen.tap(5, 300)
        worst[name] = min(shares)
        context.close()
    return worst


def _targets(browser: Any, base: str, path: str) -> dict[str, Any]:
    context = browser.new_context(**PHONE)
    tab = context.new_page()
    tab.goto(base + path)
    boxes = tab.evaluate(
        """() => [...document.querySelectorAll('a.cite-link')].filter(a => a.checkVisibility())
        .map(a => { const r = a.getBoundingClientRect(); return [r.width, r.height, r.left, r.right, r.top]; })"""
    )
    gaps = [b[2] - a[3] for a, b in pairwise(boxes) if abs(a[4] - b[4]) < 1 and b[2] > a[2]]
    tab_stops = tab.evaluate(
        "() => [...document.querySelectorAll('a.cite-link')].filter(a => a.checkVisibility()).length"
    )
    context.close()
    return {
        "smallest marker (w×h px)": f"{min(b[0] for b in boxes):.1f}×{min(b[1] for b in boxes):.1f}",
        "gap between markers side by side (px)": f"{min(g for g in gaps if g < 10):.1f}"
        if gaps
        else "-",
        "markers to tab through": tab_stops,
    }


def _filter_counts(browser: Any, base: str, site: Path) -> dict[str, str]:
    records = json.loads((site / "claims.json").read_text(encoding="utf-8"))
    context = browser.new_context(**DESKTOP)
    tab = context.new_page()
    tab.goto(base + "claims/")
    counts = {}
    for words in WORDS:
        tab.fill("input[name=q]", words)
        shown = tab.locator("article.claim:not([hidden])").count()
        counts[words] = f"{shown} shown, {expected_count(records, words)} in claims.json"
    context.close()
    return counts


def _search(site: Path) -> dict[str, Any]:
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    pages = {d["location"].split("#")[0] for d in docs if "tertitskiy" in d["text"].lower()}
    return {
        "index entries": len(docs),
        "entries with citation metadata (¶)": sum("¶" in d["text"] for d in docs),
        "pages matching “Tertitskiy”": len(pages),
    }


def _connections_and_titles(browser: Any, base: str, site: Path) -> dict[str, Any]:
    context = browser.new_context(**PHONE)
    tab = context.new_page()
    tab.goto(base + "connections/")
    figure = tab.evaluate(
        """() => { const f = document.querySelector('figure.connections');
        return [f.querySelector('svg').getBoundingClientRect().width, f.scrollWidth, f.clientWidth,
                [...f.querySelectorAll('text')].filter(t => t.textContent.includes('…')).length]; }"""
    )
    gaps = 0
    for path in page_paths(site):
        tab.goto(base + path)
        gaps += tab.evaluate(
            """() => { const h1 = document.querySelector('.md-content h1');
            const r = document.createRange(); r.selectNodeContents(h1);
            const link = h1.querySelector('.headerlink'); if (link) { r.setEndBefore(link); }
            const lines = new Set([...r.getClientRects()].map(x => Math.round(x.bottom))).size;
            return Math.abs(h1.getBoundingClientRect().height / parseFloat(getComputedStyle(h1).lineHeight) - lines) > 0.25 ? 1 : 0; }"""
        )
    context.close()
    return {
        "connections picture on a phone (svg px, scroll width / box px)": (
            f"{figure[0]:.0f}, {figure[1]} / {figure[2]}"
        ),
        "cut labels (…)": figure[3],
        "pages whose title leaves a gap on a phone": gaps,
    }


def measure(site: Path) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            flagship = flagship_topic(site)
            return {
                "flagship page": flagship,
                "preview share inside the window (worst)": _preview_shares(browser, base, flagship),
                **_targets(browser, base, flagship),
                "claims filter": _filter_counts(browser, base, site),
                **_search(site),
                **_connections_and_titles(browser, base, site),
            }
        finally:
            browser.close()


def main(argv: list[str]) -> int:
    if argv:
        print(json.dumps(measure(Path(argv[0])), indent=2, ensure_ascii=False))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        built = mkdocs_build(REPO, Path(tmp) / "site")
        if built.returncode != 0:
            print(built.output, file=sys.stderr)
            return 1
        print(json.dumps(measure(built.site), indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
