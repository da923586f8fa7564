"""The argument map: conclusions, and under each what the article gives for it, recursively.

Built from the links between claims as plain edges (S, relation, T), where S is the claim holding
the link: "S because T", "S evidence-for T". A claim another supports (through because,
evidence-for or example-of) is a conclusion. Under a claim come its reasons, evidence and
examples, then its concessions, qualifications, conditions and the questions it answers; each
claim is expanded once per map and shown again, unexpanded, where it recurs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from macros.pages.passages import (
    ANSWERS,
    BECAUSE,
    DEPENDS_ON,
    DESPITE,
    EVIDENCE_FOR,
    EXAMPLE_OF,
    QUALIFIES,
)


@dataclass(frozen=True)
class Edge:
    source: str  # S: the claim the link is written on
    relation: str
    target: str  # T
    link: str  # an opaque key for the link


# relation → (whether the supported or qualified claim is S, the other claim's role under it),
# in the order the children of a claim are listed.
CHILD_ROLES: dict[str, tuple[bool, str]] = {
    BECAUSE: (True, "reason"),
    EVIDENCE_FOR: (False, "evidence"),
    EXAMPLE_OF: (False, "example"),
    DESPITE: (True, "concession"),
    QUALIFIES: (False, "qualification"),
    DEPENDS_ON: (True, "condition"),
    ANSWERS: (True, "question answered"),
}
SUPPORTING = (BECAUSE, EVIDENCE_FOR, EXAMPLE_OF)


def parent_and_child(edge: Edge) -> tuple[str, str]:
    """(the claim the edge hangs under, the claim it brings) for the map."""
    parent_is_source, _ = CHILD_ROLES[edge.relation]
    return (edge.source, edge.target) if parent_is_source else (edge.target, edge.source)


def conclusions(edges: Iterable[Edge]) -> set[str]:
    """The claims that others support (reasons, evidence, examples)."""
    return {parent_and_child(e)[0] for e in edges if e.relation in SUPPORTING}


def supporters(edges: Iterable[Edge]) -> set[str]:
    """The claims that support another: its reasons, evidence and examples."""
    return {parent_and_child(e)[1] for e in edges if e.relation in SUPPORTING}


@dataclass(frozen=True)
class MapNode:
    claim: str
    role: str  # "conclusion" or "claim" at the top; below, how it relates to its parent
    link: str | None  # the link joining it to its parent (None at the top)
    children: tuple[MapNode, ...]
    repeated: bool = False  # expanded elsewhere in the map: shown here without its children


def argument_map(
    edges: Iterable[Edge], scope: Sequence[str], order: Mapping[str, int]
) -> list[MapNode]:
    """The map of the claims in `scope` (a topic's claims, or all), in `order` (claim → rank).

    At the top: the conclusions in scope that support no other conclusion in scope, then any
    other claim in scope that has something under it and is not yet on the map. Children may
    lie outside the scope: the argument goes where the links go.
    """
    edges = list(edges)
    below: dict[str, list[Edge]] = defaultdict(list)
    for edge in edges:
        below[parent_and_child(edge)[0]].append(edge)
    in_scope = set(scope)
    concluded = conclusions(edges) & in_scope
    supporting_in_scope = {
        child
        for edge in edges
        if edge.relation in SUPPORTING
        for parent, child in [parent_and_child(edge)]
        if parent in concluded
    }
    ranked = sorted(in_scope, key=lambda c: order.get(c, len(order)))
    expanded: set[str] = set()

    def node(claim: str, role: str, link: str | None) -> MapNode:
        if claim in expanded:
            return MapNode(claim, role, link, (), repeated=bool(below.get(claim)))
        expanded.add(claim)
        children = sorted(
            below.get(claim, ()),
            key=lambda e: (
                list(CHILD_ROLES).index(e.relation),
                order.get(parent_and_child(e)[1], len(order)),
            ),
        )
        return MapNode(
            claim,
            role,
            link,
            tuple(
                node(parent_and_child(e)[1], CHILD_ROLES[e.relation][1], e.link) for e in children
            ),
        )

    roots = [
        node(c, "conclusion", None)
        for c in ranked
        if c in concluded and c not in supporting_in_scope
    ]
    # Conclusions only reached through a loop of examples, and claims with only concessions,
    # conditions and the like under them, head an argument of their own.
    for claim in ranked:
        if claim not in expanded and below.get(claim):
            roots.append(node(claim, "conclusion" if claim in concluded else "claim", None))
    return roots


def map_claims(nodes: Iterable[MapNode]) -> list[str]:
    """Every claim on the map, top-down, each once."""
    seen: dict[str, None] = {}

    def walk(items: Iterable[MapNode]) -> None:
        for item in items:
            seen.setdefault(item.claim)
            walk(item.children)

    walk(nodes)
    return list(seen)
