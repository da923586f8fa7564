"""The finishing pass over built HTML: theme markup repairs, then the Content-Security-Policy.

The MkDocs hook runs `finish_page` on each page as MkDocs writes it; `finish_site` runs the same
function over a built site/ afterwards, so engines without hooks (Zensical) get the same pages.
Finishing a finished page changes nothing: the policy is recomputed, never added twice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from macros.engines.csp import content_span, with_policy
from macros.engines.material_fixes import repair_theme_markup

_POLICY_TAG = '<meta http-equiv="Content-Security-Policy" content="'
_POLICY_META = re.compile(r'\n?\s*<meta http-equiv="Content-Security-Policy" content="[^"]*">')


def finish_page(html: str) -> str:
    """A built page with the theme's markup repaired and its Content-Security-Policy.

    Only the theme's markup around the page's content is read and repaired: the content is most
    of a page's bytes, and nothing in it is the theme's to repair or to allow by hash.
    """
    start, end = content_span(html)
    if end == 0:  # no content article: the whole page is the theme's
        start = end = len(html)
    before, content, after = html[:start], html[start:end], html[end:]
    if _POLICY_TAG in before:  # finished before: the pattern alone would try every position
        before = _POLICY_META.sub("", before, count=1)
    return with_policy(repair_theme_markup(before), content, repair_theme_markup(after))


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
