"""Where each page lives on the site (MkDocs directory URLs) and relative links between pages."""

from __future__ import annotations

import posixpath
from functools import lru_cache


def page_url(src_uri: str) -> str:
    """The site-relative URL of a Markdown page: 'topics/x.md' → 'topics/x/', 'index.md' → ''."""
    stem = src_uri.removesuffix(".md")
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


@lru_cache(maxsize=65536)  # every page links to the same few hundred targets
def relative_url(from_url: str, to_url: str) -> str:
    """A link from page `from_url` to `to_url` (both site-relative) that works on any host."""
    target, hash_, fragment = to_url.partition("#")
    if not target and hash_:
        return "#" + fragment
    path = posixpath.relpath(target or ".", from_url or ".")
    if target.endswith("/") or not target:
        path = "./" if path == "." else path + "/"
    return path + (hash_ + fragment if hash_ else "")
