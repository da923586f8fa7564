"""The light/dark toggle in Chromium: it follows the system until the reader chooses, switches
with a click or Enter, keeps the choice from page to page, and tells the browser the page's
colours (theme-color, color-scheme) as the theme's own toggle did."""

from __future__ import annotations

from typing import Any

import pytest

_STATE = """() => ({
  scheme: document.body.dataset.mdColorScheme,
  shown: [...document.querySelectorAll('form.md-header__option label:not([hidden])')]
    .map(label => label.title),
  themeColor: document.querySelector('meta[name=theme-color]')?.content,
  colorScheme: document.querySelector('meta[name=color-scheme]')?.content,
  header: getComputedStyle(document.querySelector('header.md-header')).backgroundColor,
})"""

_SWITCH_TO = {"default": "Switch to dark mode", "slate": "Switch to light mode"}
_BROWSER_SCHEME = {"default": "light", "slate": "dark"}


def _hex(rgb: str) -> str:
    red, green, blue = (int(part) for part in rgb[rgb.index("(") + 1 : -1].split(",")[:3])
    return f"#{red:02x}{green:02x}{blue:02x}"


def _state(tab: Any) -> dict[str, Any]:
    # The browser's colours are told once the page is drawn: wait for them to match the scheme.
    tab.wait_for_function(
        """() => {
          const meta = document.querySelector('meta[name=color-scheme]');
          const dark = document.body.dataset.mdColorScheme === 'slate';
          return meta && meta.content === (dark ? 'dark' : 'light');
        }"""
    )
    state: dict[str, Any] = tab.evaluate(_STATE)
    return state


def _assert_consistent(state: dict[str, Any]) -> None:
    assert state["shown"] == [_SWITCH_TO[state["scheme"]]]  # one button, naming the other scheme
    assert state["colorScheme"] == _BROWSER_SCHEME[state["scheme"]]
    assert state["themeColor"] == _hex(state["header"])


@pytest.mark.parametrize("system", ["light", "dark"])
def test_the_toggle_follows_the_system_then_the_reader(
    browser: Any, base_url: str, system: str
) -> None:
    context = browser.new_context(color_scheme=system, viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        tab.goto(base_url + "claims/")
        first = _state(tab)
        assert first["scheme"] == ("slate" if system == "dark" else "default")
        _assert_consistent(first)

        tab.locator("form.md-header__option label:not([hidden])").click()
        tab.wait_for_function(f"() => document.body.dataset.mdColorScheme !== '{first['scheme']}'")
        chosen = _state(tab)
        _assert_consistent(chosen)
        assert chosen["header"] != first["header"] or chosen["colorScheme"] != first["colorScheme"]

        tab.goto(base_url + "topics/")  # the choice is kept on the next page
        assert _state(tab)["scheme"] == chosen["scheme"]

        tab.focus("form.md-header__option input")  # keyboard: Enter moves to the other scheme
        tab.keyboard.press("Enter")
        tab.wait_for_function(f"() => document.body.dataset.mdColorScheme === '{first['scheme']}'")
        _assert_consistent(_state(tab))
        assert errors == []
    finally:
        context.close()
