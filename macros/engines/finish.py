"""The finishing pass over built HTML: theme markup repairs, then the Content-Security-Policy.

The MkDocs hook runs `finish_page` on each page as MkDocs writes it; `finish_site` runs the same
function over a built site/ afterwards, so engines without hooks (Zensical) get the same pages.
Finishing a finished page changes nothing: the policy is recomputed, never added twice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from macros.engines.csp import with_content_security_policy
from macros.engines.material_fixes import repair_theme_markup

_POLICY_TAG = '<meta http-equiv="Content-Security-Policy" content="'
_POLICY_META = re.compile(r'\n?\s*<meta http-equiv="Content-Security-Policy" content="[^"]*">')


def finish_page(html: str) -> str:
    """A built page with the theme's markup repaired and its Content-Security-Policy."""
    if _POLICY_TAG in html:  # finished before: the pattern alone would try every position
        html = _POLICY_META.sub("", html, count=1)
    return with_content_security_policy(repair_theme_markup(html))


@dataclass(frozen=True)
class Finished:
    pages: int  # HTML files looked at
    changed: int  # of which rewritten


def finish_site(site: Path) -> Finished:
    """Finish every HTML file of a built site in place (the 404 page too)."""
    pages = changed = 0
    for path in sorted(site.rglob("*.html")):
        pages += 1
        html = path.read_text(encoding="utf-8")
        finished = finish_page(html)
        if finished != html:
            path.write_text(finished, encoding="utf-8")
            changed += 1
    return Finished(pages, changed)
