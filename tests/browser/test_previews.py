"""Citation previews as WCAG 2.2 asks: dismissible with Escape, state announced, inside the window,
targets large enough to tap; on a phone (390×844, touch) and a desktop (1280×900)."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import flagship_topic

# The preview's box, how much of it lies inside the window below the sticky header, and the
# state its marker announces.
_PREVIEW_STATE = """(link) => {
  const preview = link.closest('sup.cite').querySelector('.cite-preview');
  const box = preview.getBoundingClientRect();
  const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
  const top = Math.max(box.top, header, 0), bottom = Math.min(box.bottom, innerHeight);
  const left = Math.max(box.left, 0), right = Math.min(box.right, document.documentElement.clientWidth);
  const inside = Math.max(0, bottom - top) * Math.max(0, right - left);
  return {
    shown: getComputedStyle(preview).display !== 'none',
    share: box.width * box.height ? inside / (box.width * box.height) : 0,
    expanded: link.getAttribute('aria-expanded'),
  };
}"""

_PUT_NEAR = """([link, where]) => {
  const box = link.getBoundingClientRect();
  const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
  const y = where === 'bottom' ? innerHeight - 30 : header + 12;
  window.scrollBy(0, box.top - y);
}"""


def _state(tab: Any, link: Any) -> dict[str, Any]:
    result: dict[str, Any] = tab.evaluate(_PREVIEW_STATE, link.element_handle())
    return result


def _wait_state(tab: Any, link: Any, shown: bool) -> dict[str, Any]:
    tab.wait_for_function(
        "([link, shown]) => (link.getAttribute('aria-expanded') === 'true') === shown",
        arg=[link.element_handle(), shown],
        timeout=5_000,
    )
    return _state(tab, link)


def _markers(tab: Any) -> Any:
    return tab.locator("a.cite-link:visible")


@pytest.mark.parametrize("way", ["hover", "focus"])
def test_escape_closes_a_preview_opened_by_hover_or_focus(
    desktop: Any, base_url: str, site_dir: Path, way: str
) -> None:
    desktop.goto(base_url + flagship_topic(site_dir))
    link = _markers(desktop).nth(2)
    link.hover() if way == "hover" else link.focus()
    assert _wait_state(desktop, link, True)["shown"]
    desktop.evaluate("() => { window.focusedBefore = document.activeElement; }")
    desktop.keyboard.press("Escape")
    after = _wait_state(desktop, link, False)
    assert not after["shown"]
    assert desktop.evaluate("() => document.activeElement === window.focusedBefore")  # focus stays
    if way == "hover":  # it stays closed while the pointer rests, and opens on the next visit
        desktop.mouse.move(1, 400)
        link.hover()
        assert _wait_state(desktop, link, True)["shown"]


def test_escape_closes_a_preview_opened_by_a_tap(phone: Any, base_url: str, site_dir: Path) -> None:
    url = base_url + flagship_topic(site_dir)
    phone.goto(url)
    link = _markers(phone).nth(1)
    link.tap()
    assert _wait_state(phone, link, True)["shown"]
    assert phone.url == url  # the first tap previews, it does not navigate
    phone.keyboard.press("Escape")
    assert not _wait_state(phone, link, False)["shown"]


def test_a_tap_elsewhere_closes_the_preview_and_its_state_says_so(
    phone: Any, base_url: str, site_dir: Path
) -> None:
    phone.goto(base_url + flagship_topic(site_dir))
    link = _markers(phone).first
    link.tap()
    assert _wait_state(phone, link, True)["shown"]
    phone.locator("h1").tap()
    assert not _wait_state(phone, link, False)["shown"]


def test_the_preview_offers_a_link_to_the_claim(phone: Any, base_url: str, site_dir: Path) -> None:
    phone.goto(base_url + flagship_topic(site_dir))
    link = phone.locator("a.cite-link[data-claim]:visible").first  # a claim's, not a link's
    claim = link.get_attribute("data-claim")
    link.tap()
    open_claim = phone.locator("sup.cite.is-open a.cite-open")
    assert open_claim.inner_text() == "Open claim"
    open_claim.tap()
    phone.wait_for_url(f"**/claims/#{claim}")


@pytest.mark.parametrize("where", ["bottom", "top"])
def test_previews_stay_inside_a_phone_screen(
    phone: Any, base_url: str, site_dir: Path, where: str
) -> None:
    phone.goto(base_url + flagship_topic(site_dir))
    markers = _markers(phone)
    for i in range(markers.count()):
        link = markers.nth(i)
        phone.evaluate(_PUT_NEAR, [link.element_handle(), where])
        link.tap()
        state = _wait_state(phone, link, True)
        assert state["share"] > 0.999, (i, where, state)
        phone.locator("h1").tap()  # close it again (scrolls back up if needed)
        _wait_state(phone, link, False)


@pytest.mark.parametrize("where", ["bottom", "top"])
def test_previews_stay_inside_a_900px_desktop_window(
    desktop: Any, base_url: str, site_dir: Path, where: str
) -> None:
    desktop.goto(base_url + flagship_topic(site_dir))
    markers = _markers(desktop)
    for i in range(markers.count()):
        link = markers.nth(i)
        desktop.evaluate(_PUT_NEAR, [link.element_handle(), where])
        link.focus()
        state = _wait_state(desktop, link, True)
        assert state["share"] > 0.999, (i, where, state)


def test_previews_stay_inside_the_window_at_its_left_and_right_edges(
    phone: Any, base_url: str, site_dir: Path
) -> None:
    phone.goto(base_url + flagship_topic(site_dir))
    markers = _markers(phone)
    xs = [markers.nth(i).bounding_box()["x"] for i in range(markers.count())]
    for i in (xs.index(min(xs)), xs.index(max(xs))):
        link = markers.nth(i)
        link.tap()
        assert _wait_state(phone, link, True)["share"] > 0.999
        phone.locator("h1").tap()
        _wait_state(phone, link, False)


def _page_with_a_cluster(site_dir: Path) -> str:
    """A topic or actor page where markers stand side by side, like [11][12], in its prose."""
    for kind in ("topics", "actors"):
        for path in sorted((site_dir / kind).glob("*/index.html")):
            prose = path.read_text(encoding="utf-8").split('<details class="all-claims"')[0]
            if '</sup><sup class="cite' in prose:
                return f"{kind}/{path.parent.name}/"
    raise AssertionError("no topic or actor page cites two claims side by side")


_TARGET = """(link) => {
  const r = link.getBoundingClientRect();
  const hit = (x, y) => document.elementFromPoint(x, y) === link;
  return {w: r.width, h: r.height, top: r.top, left: r.left, right: r.right,
          hits: hit(r.left + 1, r.top + 1) && hit(r.right - 1, r.bottom - 1)
                && hit(r.left + r.width / 2, r.top + r.height / 2)};
}"""


@pytest.mark.parametrize("profile", ["phone", "desktop"])
@pytest.mark.parametrize("which", ["cluster", "flagship"])
def test_markers_are_targets_of_at_least_24_by_24_px_even_in_clusters(
    request: pytest.FixtureRequest, base_url: str, site_dir: Path, profile: str, which: str
) -> None:
    """WCAG 2.2 SC 2.5.8: each marker's own box is 24×24 or more and no neighbour covers it, in
    running text, in lists and in clusters like [11][12]."""
    tab = request.getfixturevalue(profile)
    page = _page_with_a_cluster(site_dir) if which == "cluster" else flagship_topic(site_dir)
    tab.goto(base_url + page)
    markers = _markers(tab)
    for i in range(markers.count()):
        link = markers.nth(i)
        link.scroll_into_view_if_needed()
        box = tab.evaluate(_TARGET, link.element_handle())
        assert box["w"] >= 24 and box["h"] >= 24, (i, box)
        assert box["hits"], (i, box)  # the whole box answers a tap, corner to corner
    boxes = tab.evaluate(
        """() => [...document.querySelectorAll('a.cite-link')].filter(a => a.getClientRects().length)
        .map(a => { const r = a.getBoundingClientRect(); return [r.left, r.right, r.top]; })"""
    )
    side_by_side = [(a, b) for a, b in pairwise(boxes) if abs(a[2] - b[2]) < 1 and b[0] > a[0]]
    assert all(b[0] >= a[1] - 0.01 for a, b in side_by_side)  # neighbours never overlap
    if which == "cluster":
        assert any(b[0] - a[1] < 4 for a, b in side_by_side), "no cluster like [11][12] to check"


def test_markers_do_not_move_the_lines_of_text_apart(
    desktop: Any, base_url: str, site_dir: Path
) -> None:
    desktop.goto(base_url + flagship_topic(site_dir))
    heights = desktop.evaluate(
        """() => [...document.querySelectorAll('.md-typeset .lead p, .md-typeset .prose p')]
        .map(p => {
          const lines = p.getClientRects()[0].height / parseFloat(getComputedStyle(p).lineHeight);
          return Math.abs(lines - Math.round(lines));
        })"""
    )
    assert heights and max(heights) < 0.05, heights  # every paragraph: whole lines only


# For each visible marker: the last visible character before it in the text and whether the two
# share a line. Hidden text (another marker's closed preview) has no boxes and is skipped.
_MARKER_AND_ITS_WORDS = """() => [...document.querySelectorAll('.md-content sup.cite')]
  .filter(sup => sup.getClientRects().length)
  .map(sup => {
    const walker = document.createTreeWalker(sup.closest('p, li, td, dd') || document.body,
                                             NodeFilter.SHOW_TEXT);
    walker.currentNode = sup;
    let before = null;
    for (let node = walker.previousNode(); node && !before; node = walker.previousNode()) {
      const text = node.data.replace(/[\\s\\u2060]+$/, '');
      if (!text) continue;
      const range = document.createRange();
      range.setStart(node, text.length - 1);
      range.setEnd(node, text.length);
      const rects = range.getClientRects();
      if (rects.length) before = rects[rects.length - 1];
    }
    const mark = sup.querySelector('.cite-link').getBoundingClientRect();
    return {marker: sup.querySelector('.cite-link').textContent,
            sameLine: !before || (mark.top < before.bottom && mark.bottom > before.top)};
  })"""


@pytest.mark.parametrize("which", ["cluster", "flagship"])
def test_a_marker_never_starts_a_line_on_a_phone(
    phone: Any, base_url: str, site_dir: Path, which: str
) -> None:
    """A marker stays on the line of the words it cites, and [2][3] never splits in two: "][" and
    ".[" are break opportunities, so a narrow screen would otherwise wrap between them."""
    phone.goto(
        base_url
        + (_page_with_a_cluster(site_dir) if which == "cluster" else flagship_topic(site_dir))
    )
    markers = phone.evaluate(_MARKER_AND_ITS_WORDS)
    assert markers
    assert [m["marker"] for m in markers if not m["sameLine"]] == []
