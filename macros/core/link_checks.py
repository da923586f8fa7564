"""Links between claims checked: each link's target, its quote, and the reasoning they form.

A link is an assertion of the source, so it is checked like a claim: its target must be another
claim that exists, the same link may not be written twice, and its quote (the connective that
states it) must be found exactly once in a source both claims quote. Then all `because` and
`evidence-for` links together may not go round in a circle.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping

from macros.core.diagnostics import Report
from macros.core.model import Claim, Link, Source, VerifiedLink
from macros.core.problems import Code
from macros.core.quote_checks import find_quote
from macros.core.references import References
from macros.core.relations import relation


def verify_links(
    claim: Claim,
    claims: Mapping[str, Claim],
    sources: Mapping[str, Source],
    refs: References,
    report: Report,
) -> tuple[VerifiedLink, ...] | None:
    """The claim's links, each verified; None if any of them has a problem (reported)."""
    verified: list[VerifiedLink] = []
    written: set[tuple[str, str]] = set()
    complete = True
    for link in claim.links:
        found = _verify_link(claim, link, claims, sources, refs, report, written)
        if found is None:
            complete = False
        else:
            verified.append(found)
    return tuple(verified) if complete else None


def _verify_link(
    claim: Claim,
    link: Link,
    claims: Mapping[str, Claim],
    sources: Mapping[str, Source],
    refs: References,
    report: Report,
    written: set[tuple[str, str]],
) -> VerifiedLink | None:
    if link.claim == claim.id:
        report.add(
            Code.LINK_TO_ITSELF,
            link.claim.position,
            f"claim '{claim.id}' is linked to itself",
            "link it to another claim, or remove the link",
        )
        return None
    if not refs.resolve(link.claim, "claim", "link claim", Code.LINK_UNKNOWN_TARGET):
        return None
    if (link.relation, link.claim) in written:
        report.add(
            Code.DUPLICATE_LINK,
            link.position,
            f"this claim already has the link '{link.relation}' to '{link.claim}'",
            "keep one of the two",
        )
        return None
    written.add((link.relation, link.claim))
    if link.source is not None and not refs.resolve(link.source, "source", "link source"):
        return None
    source_id = link.source or claim.source
    target = claims[link.claim]
    if not _source_is_shared(claim, target, source_id, link, report):
        return None
    found = find_quote(link.quote, sources[source_id], report)
    if found is None:
        return None
    return VerifiedLink(claim.id, link, relation(link.relation), found)


def _source_is_shared(
    claim: Claim, target: Claim, source_id: str, link: Link, report: Report
) -> bool:
    """Whether both claims quote the source of the link's quote (else report it)."""
    lacking = [c.id for c in (claim, target) if source_id not in c.sources_quoted]
    if not lacking:
        return True
    who = f"claim '{lacking[0]}' does not" if len(lacking) == 1 else "neither claim does"
    report.add(
        Code.LINK_SOURCE_NOT_SHARED,
        link.source.position if link.source is not None else link.quote.position,
        f"the link's quote is from source '{source_id}', which {who} quote",
        f"quote the link from a source both '{claim.id}' and '{target.id}' quote, "
        "or give the claim an evidence quote from this source",
    )
    return False


def check_reasoning_cycles(links: Iterable[VerifiedLink], report: Report) -> None:
    """Report each circle of `because` / `evidence-for` links once, naming every link in it."""
    # supporter → conclusion, with the link that says so (the first written, if several do)
    edges: dict[str, dict[str, VerifiedLink]] = defaultdict(dict)
    for link in links:
        ends = link.relation.conclusion_and_supporter(link.holder, link.target)
        if link.relation.acyclic and ends is not None:
            conclusion, supporter = ends
            edges[supporter].setdefault(conclusion, link)
    for component in _strongly_connected(edges):
        if len(component) < 2:
            continue
        # Named from each conclusion to what supports it: "a because b, b because c, …".
        cycle = _cycle_in(component, edges)[::-1]
        first = min(cycle, key=lambda lk: lk.link.position)
        at = cycle.index(first)
        ordered = cycle[at:] + cycle[:at]
        named = ", ".join(f"'{lk.holder}' {lk.relation.label} '{lk.target}'" for lk in ordered)
        report.add(
            Code.REASONING_CYCLE,
            first.link.position,
            f"these links go round in a circle: {named}",
            "a claim cannot be a reason for itself: remove or reverse one of these links",
        )


def _strongly_connected(edges: Mapping[str, Mapping[str, VerifiedLink]]) -> list[list[str]]:
    """Tarjan's strongly connected components, iteratively, in a stable order."""
    nodes = sorted({n for n in edges} | {m for out in edges.values() for m in out})
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
    for root in nodes:
        if root in index:
            continue
        work = [(root, iter(sorted(edges.get(root, {}))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, successors = work[-1]
            for nxt in successors:
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(sorted(edges.get(nxt, {})))))
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    components.append(sorted(component))
    return components


def _cycle_in(
    component: list[str], edges: Mapping[str, Mapping[str, VerifiedLink]]
) -> list[VerifiedLink]:
    """One circle through the component's first node, as the links along it.

    Iterative, like the search above: a hostile file may chain thousands of claims.
    """
    members = set(component)
    start = component[0]

    def successors(node: str) -> Iterator[tuple[str, VerifiedLink]]:
        return iter(
            sorted(((n, lk) for n, lk in edges.get(node, {}).items() if n in members), key=_first)
        )

    path: list[VerifiedLink] = []
    visited = {start}
    pending = [successors(start)]
    while pending:
        for nxt, link in pending[-1]:
            if nxt == start:
                return [*path, link]
            if nxt not in visited:
                visited.add(nxt)
                path.append(link)
                pending.append(successors(nxt))
                break
        else:
            pending.pop()
            if path:
                path.pop()
    raise AssertionError("a strongly connected component always has a circle")


def _first(item: tuple[str, VerifiedLink]) -> str:
    return item[0]
