"""The injection-payload site in Chromium: nothing a contributor writes runs in a reader's browser."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import page_paths
from tests.payloads import build_payload_site
from tests.quality.serve import serve


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_payload_site(tmp_path_factory.mktemp("payloads"))


@pytest.fixture(scope="module")
def payload_url(payload_site: Path) -> Iterator[str]:
    with serve(payload_site) as url:
        yield url


def test_no_dialog_script_or_request_on_any_page_of_the_payload_site(
    browser: Any, payload_site: Path, payload_url: str
) -> None:
    context = browser.new_context()
    page = context.new_page()
    origin = urlsplit(payload_url).netloc
    events: list[str] = []

    def check(route: Any) -> None:
        if urlsplit(route.request.url).netloc != origin and not route.request.url.startswith(
            ("data:", "blob:")
        ):
            events.append(f"request: {route.request.url}")
            route.abort()
        else:
            route.continue_()

    def on_dialog(dialog: Any) -> None:
        events.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    page.route("**/*", check)
    page.on("dialog", on_dialog)
    page.on("pageerror", lambda e: events.append(f"pageerror: {e}"))
    page.on(
        "console",
        lambda m: events.append(f"console {m.type}: {m.text}") if m.type == "error" else None,
    )
    page.add_init_script("window.__pwned = 0;")
    try:
        for path in page_paths(payload_site):
            page.goto(payload_url + path)
            page.wait_for_load_state("networkidle")
            for marker in page.locator("a.cite-link").all()[:3]:
                marker.hover()
            for link in page.locator(".md-typeset a:visible").all()[:5]:
                link.hover()
            assert page.evaluate("window.__pwned") == 0
    finally:
        context.close()
    assert not events, "\n".join(events[:20])
