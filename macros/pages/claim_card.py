"""A claim's card on the claims index: its statement, every quote with where it sits, its links
both ways, the pages citing it, and the fold with context, topics, actors and "cite this".

Written in Python, not as a Jinja loop: the index holds every claim, and the card's dozen
attribute lookups and filters per claim made it the largest template of a build (profile, issue
15). The HTML is what the template wrote, byte for byte; every data value goes through
`escape_text`, as the environment's finalize did.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from markupsafe import Markup

from macros.core.model import VerifiedClaim
from macros.pages.claim_views import JointView, QuoteView
from macros.pages.dates import format_date
from macros.pages.escape import escape_text

if TYPE_CHECKING:  # the card is made for a page; render.py imports this module
    from macros.pages.render import PageContext

_EXTERNAL = (
    'open the original at this passage<span class="visually-hidden"> (external site, new tab)'
    "</span>"
)


def claim_card(page: PageContext, verified: VerifiedClaim) -> Markup:
    claim = verified.claim
    ident = str(claim.id)  # ids are validated (core/schema.py): written as they are, as anchors
    quotes = page.quotes_of(verified)
    joints = page.joints_of(claim.id)
    roles = page.roles_of(claim.id)
    kind = escape_text(claim.kind)
    role_tags = "".join(f' <span class="role">{escape_text(role)}</span>' for role in roles)
    out = [
        f'<article class="claim" data-claim="{ident}" data-kind="{kind}" '
        f'data-topics="{" ".join(claim.topics)}" data-actors="{" ".join(claim.actors)}" '
        f'data-roles="{escape_text(" ".join(roles))}">\n'
        f'<h3 class="claim-statement" id="{ident}" data-filter-text="statement">'
        f"{escape_text(claim.statement)}</h3>\n"
        f'<p class="claim-meta" data-search-exclude="1"><span class="kind kind-{kind}">{kind}</span>'
        f'{role_tags} <a class="claim-anchor" href="#{ident}" title="Link to this claim">#{ident}</a>'
        "</p>\n"
    ]
    out.extend(_quote(page, q, at, claim.source) for at, q in enumerate(quotes))
    if joints:
        out.append(_joints(page, joints))
    if claim.date:
        out.append(
            f'<p class="claim-date">Refers to: <time datetime="{escape_text(claim.date)}">'
            f"{escape_text(format_date(claim.date))}</time></p>"
        )
    if claim.note:
        out.append(f'<p class="claim-note">Editor’s note: {escape_text(claim.note)}</p>')
    citing = ", ".join(
        f'<a href="{page.href(p.url)}">{escape_text(p.title)}</a>' for p in page.cited_on(claim.id)
    )
    citing = citing or '<span class="none">not cited in prose yet</span>'
    out.append(f'<p class="claim-cited" data-search-exclude="1">Cited on: {citing}</p>\n')
    has_context = any(q.context for q in quotes)
    out.append(
        f'<details class="claim-more" data-href="{page.data_href(page.claim_url(claim.id))}" '
        f'data-search-exclude="1"><summary>{"Context, topics" if has_context else "Topics"} and '
        "actors, cite or report</summary>\n"
    )
    out.extend(_context(q, at) for at, q in enumerate(quotes) if q.context)
    topics = ", ".join(page.link("topic", t) for t in claim.topics)
    actors = ", ".join(page.link("actor", a) for a in claim.actors)
    out.append(
        f'<p class="claim-links">Topics: {topics}{f" · Actors: {actors}" if actors else ""}</p>\n'
        f"{page.cite_this_claim(verified)}\n</details>\n</article>"
    )
    return Markup("".join(out))


def _quote(page: PageContext, q: QuoteView, at: int, group_source: str) -> str:
    """A quote and the line saying where it sits; the group's own source by its short label."""
    if q.source.id == group_source:
        source = str(escape_text(q.label))
    else:
        source = (
            f"{escape_text(q.source.author)}, <cite>{escape_text(q.source.title)}</cite>, "
            f"{escape_text(format_date(q.source.published))}"
        )
    external = (
        f' · <a class="external" href="{html.escape(q.fragment_url)}" rel="noopener" '
        f'target="_blank">{_EXTERNAL}</a>'
        if q.fragment_url
        else ""
    )
    return (
        f'<blockquote class="claim-quote{"" if q.primary else " claim-evidence"}" '
        f'data-filter-text="quote"><p>“{escape_text(q.quote)}”</p></blockquote>\n'
        f'<p class="claim-source" data-search-exclude="1">'
        f"{'' if q.primary else f'Further quote {at} '}— {source}, "
        f'<a href="{page.href(q.place_url)}">paragraph {q.match.paragraph}</a>, '
        f"characters {q.match.start}–{q.match.end}{external}</p>\n"
    )


def _joints(page: PageContext, joints: list[JointView]) -> str:
    labels: dict[str, str] = {}  # first spelling of each label, compared ignoring case
    for joint in joints:
        labels.setdefault(joint.label.lower(), joint.label)
    rows = "".join(_joint(page, j) for j in joints)
    return (
        f'<details class="claim-joints" data-search-exclude="1"><summary>{len(joints)} '
        f"link{'' if len(joints) == 1 else 's'} to other claims: "
        f"{escape_text(', '.join(labels.values()))}</summary>\n<ul>\n{rows}</ul></details>\n"
    )


def _joint(page: PageContext, j: JointView) -> str:
    statement = page.kb.claims[j.other].claim.statement
    other_end = (
        "" if j.outgoing else f'; <a href="{page.href(j.link_url)}">the link on the other claim</a>'
    )
    row_id = f' id="{j.anchor}"' if j.anchor else ""  # made from validated ids (Routes.link_anchor)
    place = page.href(page.paragraph_url(j.source.id, j.match.paragraph))
    return (
        f'<li{row_id} class="joint joint-{"out" if j.outgoing else "in"}">'
        f'<span class="joint-relation">{escape_text(j.label)}</span>: '
        f'<a href="{page.href(page.claim_url(j.other))}">{escape_text(statement)}</a> '
        f'The link’s quote: <q data-filter-text="link">{escape_text(j.quote)}</q> '
        f'<span class="joint-place">(<a href="{place}">paragraph {j.match.paragraph}</a>, '
        f"characters {j.match.start}–{j.match.end}; "
        f"{escape_text(j.basis_words)}{other_end})</span></li>\n"
    )


def _context(q: QuoteView, at: int) -> str:
    context = q.context
    assert context is not None  # only quotes with a context are passed
    label = "Context in the archived text" if q.primary else f"Context of further quote {at}"
    return (
        f'<p class="claim-context">{label}: {"…" if context.before_cut else ""}'
        f"{escape_text(context.before)}<mark>{escape_text(context.exact)}</mark>"
        f"{escape_text(context.after)}{'…' if context.after_cut else ''}</p>"
    )
