"""A Content-Security-Policy for each built page, as a <meta> tag.

Only the site's own scripts and styles may run. The theme's few inline scripts are allowed by their
hashes, computed from the built page itself because some embed the page's relative base URL. Inline
scripts inside the page content are never hashed: content comes from data, and anything executable
there must stay blocked even if escaping ever failed.
"""

from __future__ import annotations

import base64
import hashlib
import re

_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.DOTALL)
_DATA_TYPE = re.compile(r"""type=["']?application/(?:ld\+)?json""")
_CONTENT_START = '<article class="md-content__inner'
_ARTICLE_TAG = re.compile(r"<article\b|</article>")

POLICY = (
    "default-src 'self'; script-src 'self' {hashes}; style-src 'self'{styles}; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'"
)

# Inline styles a theme's own script adds, by the generator the page names. Zensical 0.0.73's search
# dialog styles its shadow root with one constant <style> (from its bundle, not from any page); a
# new version changes the hash, and the browser tests' CSP check says so.
THEME_STYLE_HASHES = {
    "zensical-0.0.73": ("'sha256-NwSx/R2V/U4jnW0Tq5pQ53Y/rzPVJ4dqE7D6UTA/J1k='",),
}
_GENERATOR = re.compile(r'<meta name="generator" content="([^"]*)">')


def content_span(html: str) -> tuple[int, int]:
    """Where the page's own content (Material's main article, nested articles included) sits;
    (0, 0) for a page without one."""
    start = html.find(_CONTENT_START)
    if start == -1:
        return (0, 0)
    depth = 0
    for tag in _ARTICLE_TAG.finditer(html, start):
        depth += 1 if tag.group() == "<article" else -1
        if depth == 0:
            return (start, tag.end())
    return (start, len(html))


def theme_script_hashes(html: str) -> list[str]:
    """CSP source expressions for the executable inline scripts outside the page content."""
    start, end = content_span(html)
    return _script_hashes((html[:start], html[end:]))


def _script_hashes(theme_parts: tuple[str, ...]) -> list[str]:
    hashes: list[str] = []
    for part in theme_parts:
        for match in _INLINE_SCRIPT.finditer(part):
            if _DATA_TYPE.search(match.group(1)):
                continue
            source = _HASHES.get(match.group(2))
            if source is None:
                digest = hashlib.sha256(match.group(2).encode("utf-8")).digest()
                source = f"'sha256-{base64.b64encode(digest).decode('ascii')}'"
                if len(_HASHES) < _MAX_HASHES:
                    _HASHES[match.group(2)] = source
            if source not in hashes:
                hashes.append(source)
    return hashes


# The theme's scripts are the same on every page at the same depth: hash each text once.
_HASHES: dict[str, str] = {}
_MAX_HASHES = 1000


def with_policy(before: str, content: str, after: str) -> str:
    """A page, split around its content (`content_span`; a page without content is all `before`),
    with a CSP <meta> tag as the first element of <head>. Only the theme's markup around the
    content is read."""
    head = before.find("<head>")
    if head == -1:
        return before + content + after
    generator = _GENERATOR.search(before)
    styles = THEME_STYLE_HASHES.get(generator.group(1), ()) if generator else ()
    policy = POLICY.format(
        hashes=" ".join(_script_hashes((before, after))), styles="".join(f" {s}" for s in styles)
    )
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    at = head + len("<head>")
    return before[:at] + "\n    " + meta + before[at:] + content + after
