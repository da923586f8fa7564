"""The knowledge base's links as the pure renderers want them: joints for a passage, edges for a
map, and the proper nouns that decide how a clause begins."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from macros.core.knowledge import KnowledgeBase
from macros.core.model import VerifiedLink
from macros.pages.argument_map import Edge, MapNode, argument_map
from macros.pages.passages import Joint, ProperNouns
from macros.pages.routes import Routes


def link_key(link: VerifiedLink) -> str:
    """A link's identity (a claim holds each relation to a claim once): its anchor."""
    return Routes.link_anchor(link.holder, link.relation.name, link.target)


@dataclass(frozen=True)
class PassageParts:
    """What `passages.link_passage` needs for one link() call, and the links its keys stand for."""

    joints: tuple[Joint, ...]
    links: dict[str, VerifiedLink]


def passage_parts(kb: KnowledgeBase, anchor: str, others: Iterable[str]) -> PassageParts:
    """The links between the anchor and each other claim, in the order the claims are named."""
    joints: list[Joint] = []
    links: dict[str, VerifiedLink] = {}
    mine = kb.argument.links_of(anchor)
    for other in others:
        for seen in mine:
            if seen.other != other:
                continue
            link = seen.link
            key = link_key(link)
            links[key] = link
            joints.append(
                Joint(
                    relation=link.relation.name,
                    anchor_holds=seen.outgoing,
                    other=other,
                    statement=kb.claims[other].claim.statement,
                    quote=link.link.quote,
                    link=key,
                )
            )
    return PassageParts(tuple(joints), links)


def map_of(kb: KnowledgeBase, topic_id: str | None = None) -> list[MapNode]:
    """The argument map of a topic, or of everything."""
    edges, order = _edges_and_order(kb)
    scope = [v.id for v in (kb.claims_of_topic(topic_id) if topic_id else kb.claims.values())]
    return argument_map(edges, scope, order)


def _edges_and_order(kb: KnowledgeBase) -> tuple[list[Edge], dict[str, int]]:
    """Every link as an edge, and each claim's rank: made once per knowledge base, not once per
    topic page (that was quadratic: 1,200 topics × 9,000 claims at ×100, issue 15)."""
    if _graph and _graph[0][0] is kb:
        return _graph[0][1], _graph[0][2]
    edges = [
        Edge(link.holder, link.relation.name, link.target, link_key(link))
        for link in kb.argument.links
    ]
    order = {claim_id: rank for rank, claim_id in enumerate(kb.claims)}
    _graph[:] = [(kb, edges, order)]
    return edges, order


_graph: list[tuple[KnowledgeBase, list[Edge], dict[str, int]]] = []


# One knowledge base is rendered at a time (a build, or a preview's last good data): its proper
# nouns are learnt once and kept until another base is rendered.
_learnt: list[tuple[KnowledgeBase, ProperNouns]] = []


def proper_nouns(kb: KnowledgeBase) -> ProperNouns:
    """The proper nouns of the sources' archived texts and the claims' statements."""
    if _learnt and _learnt[0][0] is kb:
        return _learnt[0][1]
    nouns = ProperNouns.learn(
        [
            *(source.archive.text for source in kb.sources.values()),
            *(verified.claim.statement for verified in kb.claims.values()),
        ]
    )
    _learnt[:] = [(kb, nouns)]
    return nouns
