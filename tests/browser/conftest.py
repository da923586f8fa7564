"""Browser tests: the built site served on 127.0.0.1 and driven in Debian's Chromium by Playwright.

Each test runs on every engine's build of the site (`engine_site` in tests/conftest.py).

Without /usr/bin/chromium (a contributor's laptop) every test here is skipped with a message saying
how to enable them; the rest of the suite still runs.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.quality.serve import serve
from tests.sitebuild import BuildResult

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
HAVE_CHROMIUM = Path(CHROMIUM).exists()
SKIP_REASON = (
    "browser tests skipped: Debian's chromium is not installed "
    "(apt-get install chromium, then `make test-browser`)"
)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in item.nodeid:
            item.add_marker(pytest.mark.browser)
            if not HAVE_CHROMIUM:
                item.add_marker(pytest.mark.skip(reason=SKIP_REASON))


@pytest.fixture(scope="session")
def site_dir(engine_site: BuildResult) -> Path:
    return engine_site.site


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    with serve(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            instance.close()


def page_paths(site_dir: Path) -> list[str]:
    """Site-relative URLs of every HTML page (directory URLs), 404 page excluded."""
    paths = []
    for path in sorted(site_dir.rglob("index.html")):
        relative = path.parent.relative_to(site_dir).as_posix()
        paths.append("" if relative == "." else relative + "/")
    return paths


PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}


@pytest.fixture()
def phone(browser: Any) -> Iterator[Any]:
    """A tab in a phone-sized window with a touch screen (390×844 CSS px)."""
    context = browser.new_context(**PHONE)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture()
def desktop(browser: Any) -> Iterator[Any]:
    """A tab in a desktop window 900 px tall."""
    context = browser.new_context(**DESKTOP)
    try:
        yield context.new_page()
    finally:
        context.close()


def flagship_topic(site_dir: Path) -> str:
    """The topic page with the most citation markers (the one readers meet first)."""
    counts = {
        f"topics/{p.parent.name}/": p.read_text(encoding="utf-8").count('class="cite-link"')
        for p in (site_dir / "topics").glob("*/index.html")
    }
    return max(sorted(counts), key=counts.__getitem__)
