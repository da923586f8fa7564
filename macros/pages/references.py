"""How pages refer to sources and how readers can cite the site: short notes and "Cite this".

A note names its source author-date ("Tertitskiy 2021", with a letter when two sources would share
a label) and the full reference is given once per page. "Cite this" offers a plain-text citation and
a BibTeX entry for every page and every claim. Everything here returns plain text; pages escape it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from functools import lru_cache

from macros.core.knowledge import KnowledgeBase
from macros.core.model import Source, VerifiedClaim
from macros.pages.dates import format_date
from macros.pages.site_info import SiteInfo


def short_labels(kb: KnowledgeBase) -> Mapping[str, str]:
    """Source id → author-date label, unique across the site."""
    # Asked for every marker and note: the key of the cache below is a tuple of every source,
    # so building it on each call made rendering quadratic (×1000: 1,000 sources per call, issue
    # 15). The same knowledge base gets the same labels without it.
    last = _LAST_LABELS.get("kb")
    if last is not None and last[0] is kb:
        return last[1]
    labels = _short_labels(tuple((s.id, s.author, s.published) for s in kb.sources.values()))
    _LAST_LABELS["kb"] = (kb, labels)
    return labels


_LAST_LABELS: dict[str, tuple[KnowledgeBase, Mapping[str, str]]] = {}


@lru_cache(maxsize=8)  # asked by every page; the sources are the same for a whole build
def _short_labels(sources: tuple[tuple[str, str, str], ...]) -> Mapping[str, str]:
    labels = {ident: _author_date(author, published) for ident, author, published in sources}
    shared: dict[str, list[str]] = defaultdict(list)
    for ident, label in labels.items():
        shared[label].append(ident)
    for label, idents in shared.items():
        if len(idents) > 1:  # in the sources' order: 2021a, 2021b, …
            for n, ident in enumerate(idents):
                labels[ident] = label + _letter(n)
    return labels


def _author_date(author: str, published: str) -> str:
    names = author.split()
    return f"{names[-1] if names else author} {str(published)[:4]}".strip()


def _letter(n: int) -> str:
    letters = ""
    n += 1
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def full_reference(source: Source) -> str:
    """Author, “Title”, publisher, date: the reference a short note stands for."""
    return f"{source.author}, “{source.title}”, {source.publisher}, {format_date(source.published)}"


def note_text(kb: KnowledgeBase, verified: VerifiedClaim) -> str:
    """A short note for a claim's quote: "Tertitskiy 2021, ¶ 2"."""
    return f"{short_labels(kb)[verified.claim.source]}, ¶ {verified.match.paragraph}"


# -- "Cite this" -----------------------------------------------------------------------------------
# `url` is the address to print: absolute when the site's public address is known.


def page_citation(site: SiteInfo, title: str, url: str) -> str:
    """A plain-text citation of one of the site's pages."""
    return _plain(site, f"“{title}”", url)


def claim_citation(kb: KnowledgeBase, site: SiteInfo, verified: VerifiedClaim, url: str) -> str:
    """A plain-text citation of a claim, naming the passage it quotes."""
    claim = verified.claim
    what = f"“{claim.statement}” Claim {claim.id}, quoting {_passage(kb, verified)}"
    return _plain(site, what, url)


def _passage(kb: KnowledgeBase, verified: VerifiedClaim) -> str:
    source = kb.sources[verified.claim.source]
    return f"{full_reference(source)}, ¶ {verified.match.paragraph}"


def _plain(site: SiteInfo, what: str, url: str) -> str:
    built = f", built {format_date(site.build_date)}" if site.build_date else ""
    return f"{what}. In {site.name or 'this site'}{built}. {url}"


def page_bibtex(site: SiteInfo, title: str, site_path: str, url: str) -> str:
    key = site_path.split("#")[0].strip("/").replace("/", "-") or "home"
    return _bibtex(site, key, title, url, "")


def claim_bibtex(kb: KnowledgeBase, site: SiteInfo, verified: VerifiedClaim, url: str) -> str:
    claim = verified.claim
    note = f"Claim {claim.id}, quoting {_passage(kb, verified)}"
    return _bibtex(site, f"claim-{claim.id}", claim.statement, url, note)


def _bibtex(site: SiteInfo, key: str, title: str, url: str, note: str) -> str:
    prefix = re.sub(r"[^a-z0-9]+", "-", site.name.lower()).strip("-")
    fields = [
        ("title", "{" + _bibtex_text(title) + "}"),
        ("author", "{{" + _bibtex_text(site.name or "Anonymous") + "}}"),
        ("howpublished", "{\\url{" + _bibtex_url(url) + "}}"),
    ]
    if site.build_date:
        fields.append(("year", site.build_date[:4]))
        note = "; ".join(n for n in (note, f"built {format_date(site.build_date)}") if n)
    if note:
        fields.append(("note", "{" + _bibtex_text(note) + "}"))
    body = ",\n".join(f"  {name:<12} = {value}" for name, value in fields)
    return f"@misc{{{prefix + ':' if prefix else ''}{key},\n{body}\n}}"


_BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "^": r"\^{}",
    "~": r"\~{}",
}


_BIBTEX_SYNTAX = re.compile("[" + re.escape("".join(_BIBTEX_SPECIAL)) + "]")


def _bibtex_text(text: str) -> str:
    return _BIBTEX_SYNTAX.sub(lambda m: _BIBTEX_SPECIAL[m[0]], " ".join(str(text).split()))


def _bibtex_url(url: str) -> str:
    # \url{} takes its argument verbatim, except that braces and % must stay balanced/escaped.
    return url.replace("%", r"\%").replace("{", "%7B").replace("}", "%7D")
