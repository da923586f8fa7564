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

from macros.core.relations import relation


@dataclass(frozen=True)
class Edge:
    source: str  # S: the claim the link is written on
    relation: str
    target: str  # T
    link: str  # an opaque key for the link


# Relations that qualify rather than support: which end the other claim hangs under ("source":
# the claim holding the link), and what it is to that claim.
_QUALIFYING: dict[str, tuple[str, str]] = {
    "despite": ("source", "concession"),
    "qualifies": ("target", "qualification"),
    "depends-on": ("source", "condition"),
    "answers": ("source", "question answered"),
}
# The order in which the claims under a claim are listed.
ROLE_ORDER = (
    "reason",
    "evidence",
    "example",
    "concession",
    "qualification",
    "condition",
    "question answered",
)


def parent_and_child(edge: Edge) -> tuple[str, str]:
    """(the claim the edge hangs under, the claim it brings) for the map: the conclusion and its
    reason, evidence or example; the claim and its concession, qualification, condition or the
    question it answers."""
    ends = relation(edge.relation).conclusion_and_supporter(edge.source, edge.target)
    if ends is not None:
        return ends
    parent, _ = _QUALIFYING[edge.relation]
    return (edge.source, edge.target) if parent == "source" else (edge.target, edge.source)


def role_of(edge: Edge) -> str:
    """What the claim an edge brings is to the claim it hangs under."""
    return relation(edge.relation).supporter or _QUALIFYING[edge.relation][1]


def _supports(edge: Edge) -> bool:
    return relation(edge.relation).supporter is not None


def conclusions(edges: Iterable[Edge]) -> set[str]:
    """The claims that others support (reasons, evidence, examples)."""
    return {parent_and_child(e)[0] for e in edges if _supports(e)}


@dataclass(frozen=True)
class MapNode:
    claim: str
    role: str  # "conclusion" or "claim" at the top; below, how it relates to its parent
    link: str | None  # the link joining it to its parent (None at the top)
    children: tuple[MapNode, ...]
    repeated: bool = False  # expanded elsewhere in the map: shown here without its children
    truncated: bool = False  # deeper than MAX_DEPTH: its claim entry lists what is under it


# Nesting stops here, so a long chain of reasons cannot make a page (or the recursion) unbounded.
MAX_DEPTH = 8


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
        if _supports(edge)
        for parent, child in [parent_and_child(edge)]
        if parent in concluded
    }
    ranked = sorted(in_scope, key=lambda c: order.get(c, len(order)))
    expanded: set[str] = set()

    def node(claim: str, role: str, link: str | None, depth: int = 0) -> MapNode:
        if claim in expanded:
            return MapNode(claim, role, link, (), repeated=bool(below.get(claim)))
        if depth >= MAX_DEPTH:
            return MapNode(claim, role, link, (), truncated=bool(below.get(claim)))
        expanded.add(claim)
        children = sorted(
            below.get(claim, ()),
            key=lambda e: (
                ROLE_ORDER.index(role_of(e)),
                order.get(parent_and_child(e)[1], len(order)),
            ),
        )
        return MapNode(
            claim,
            role,
            link,
            tuple(node(parent_and_child(e)[1], role_of(e), e.link, depth + 1) for e in children),
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
