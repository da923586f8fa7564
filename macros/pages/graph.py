"""The connections picture: topics and actors as an SVG drawn at build time (no script library).

Topics stand in a column on the left, actors on the right, and a line joins a topic to each actor
that its claims are about. Every node is a link; the page also lists the same connections as text.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from macros.core.knowledge import KnowledgeBase
from macros.pages.escape import escape_text

ROW = 30
TOP = 40
WIDTH = 644
LEFT_X = 2
RIGHT_X = 392
NODE_WIDTH = 250
NODE_HEIGHT = 22


@dataclass(frozen=True)
class Node:
    kind: str  # "topic" or "actor"
    ident: str
    label: str
    x: int
    y: int


@dataclass(frozen=True)
class Connections:
    topics: tuple[Node, ...]
    actors: tuple[Node, ...]
    edges: tuple[tuple[str, str], ...]  # (topic id, actor id)
    height: int


def connections(kb: KnowledgeBase) -> Connections:
    """Lay out topics and actors in two columns, each centred vertically."""
    edges = tuple((t.id, a.id) for t in kb.topics.values() for a in kb.actors_of_topic(t.id))
    linked = {a for _, a in edges}
    actors = [a for a in kb.actors.values() if a.id in linked]
    rows = max(len(kb.topics), len(actors), 1)
    height = TOP + rows * ROW

    def column(items: list[tuple[str, str]], kind: str, x: int) -> tuple[Node, ...]:
        offset = TOP + (rows - len(items)) * ROW // 2
        return tuple(
            Node(kind, ident, label, x, offset + i * ROW) for i, (ident, label) in enumerate(items)
        )

    return Connections(
        topics=column([(t.id, t.title) for t in kb.topics.values()], "topic", LEFT_X),
        actors=column([(a.id, a.name) for a in actors], "actor", RIGHT_X),
        edges=edges,
        height=height,
    )


def _truncate(label: str, limit: int = 34) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def connections_svg(graph: Connections, href: dict[str, str]) -> Markup:
    """The picture as inline SVG; `href` maps "kind:id" to the link for each node."""
    where = {f"{n.kind}:{n.ident}": n for n in (*graph.topics, *graph.actors)}
    parts = [
        Markup(
            '<svg class="connections-graph" viewBox="0 0 {w} {h}" width="100%" role="group" '
            'aria-labelledby="connections-title"><title id="connections-title">Topics (left) '
            "and the actors their claims are about (right)</title>"
        ).format(w=WIDTH, h=graph.height),
        Markup('<text class="column-label" x="{}" y="20">Topics</text>').format(LEFT_X),
        Markup('<text class="column-label" x="{}" y="20">Actors</text>').format(RIGHT_X),
    ]
    for topic_id, actor_id in graph.edges:
        a, b = where[f"topic:{topic_id}"], where[f"actor:{actor_id}"]
        parts.append(
            Markup(
                '<line class="edge" data-topic="{t}" data-actor="{a}" x1="{x1}" y1="{y1}" '
                'x2="{x2}" y2="{y2}"/>'
            ).format(
                t=topic_id,
                a=actor_id,
                x1=a.x + NODE_WIDTH,
                y1=a.y + NODE_HEIGHT // 2,
                x2=b.x,
                y2=b.y + NODE_HEIGHT // 2,
            )
        )
    for node in (*graph.topics, *graph.actors):
        parts.append(
            Markup(
                '<a class="node node-{kind}" href="{href}"><rect x="{x}" y="{y}" width="{w}" '
                'height="{h}" rx="4"/><text x="{tx}" y="{ty}">{label}</text></a>'
            ).format(
                kind=node.kind,
                href=href[f"{node.kind}:{node.ident}"],
                x=node.x,
                y=node.y,
                w=NODE_WIDTH,
                h=NODE_HEIGHT,
                tx=node.x + 8,
                ty=node.y + 15,
                label=escape_text(_truncate(node.label)),
            )
        )
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)
