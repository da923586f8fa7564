"""axe-core on every page, in Chromium (WCAG 2.1 A and AA rules)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import page_paths
from tests.sitebuild import REPO

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"


@pytest.mark.skipif(not AXE.exists(), reason="axe-core missing: run `npm ci` (make test does)")
def test_every_page_has_no_axe_violation(browser: Any, base_url: str, site_dir: Path) -> None:
    script = AXE.read_text(encoding="utf-8")
    violations: list[str] = []
    for scheme in ("light", "dark"):
        # axe is injected as an inline script, which the site's CSP rightly blocks.
        context = browser.new_context(
            color_scheme=scheme, viewport={"width": 1280, "height": 900}, bypass_csp=True
        )
        page = context.new_page()
        for path in page_paths(site_dir):
            page.goto(base_url + path)
            # Folded content (a topic's claims, "Cite this", the claims filters) is checked too.
            page.evaluate(
                "() => document.querySelectorAll('details').forEach(d => { d.open = true; })"
            )
            page.add_script_tag(content=script)
            result = page.evaluate(
                """() => axe.run(document, {runOnly: {type: 'tag',
                values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
                resultTypes: ['violations']})"""  # details of violations only: much faster
            )
            for v in result["violations"]:
                targets = [n["target"] for n in v["nodes"][:3]]
                violations.append(f"{scheme} /{path}: {v['id']} ({v['help']}) {targets}")
        context.close()
    assert not violations, "\n".join(violations)
