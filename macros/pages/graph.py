"""The connections picture: topics and actors as an SVG drawn at build time (no script library).

Topics stand in a column on the left, actors on the right, and a line joins a topic to each actor
that its claims are about. Every node is a link; the page also lists the same connections as text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup, escape

from macros.core.knowledge import KnowledgeBase
from macros.core.model import Topic
from macros.pages.anchors import site_id
from macros.pages.escape import escape_text

# The picture is drawn at the width of a phone's content column (about 360 CSS px), so it fits
# one without scrolling at its natural size; wider screens show it a little larger. Labels wrap
# onto as many lines as they need inside their box: every label is shown whole.
WIDTH = 360
TOP = 30  # room for the column headings
GAP = 8  # between two boxes of a column
LEFT_X = 1
RIGHT_X = 209
NODE_WIDTH = 150
LINE_HEIGHT = 15
PADDING = 5  # above and below the lines of a label
LABEL_UNITS = 18.5  # what fits on one line of a box, in widths of an average letter (12 px)


@dataclass(frozen=True)
class Node:
    kind: str  # "topic" or "actor"
    ident: str
    label: str
    x: int
    y: int
    lines: tuple[str, ...]

    @property
    def height(self) -> int:
        return 2 * PADDING + LINE_HEIGHT * len(self.lines)

    @property
    def middle(self) -> int:
        return self.y + self.height // 2


@dataclass(frozen=True)
class Connections:
    topics: tuple[Node, ...]
    actors: tuple[Node, ...]
    edges: tuple[tuple[str, str], ...]  # (topic id, actor id)
    height: int


# Letters narrower or wider than average in sans-serif faces, so wrapping errs on the safe side.
_NARROW = set("iljtf.,;:'’!|() ")
_WIDE = set("MWmw")


def _units(text: str) -> float:
    return sum(0.5 if c in _NARROW else 1.35 if c in _WIDE or c.isupper() else 1.0 for c in text)


def wrap_label(label: str, units: float = LABEL_UNITS) -> tuple[str, ...]:
    """The label in lines that fit a box; a word longer than a line is broken across lines."""
    lines: list[str] = []
    for word in label.split():
        for piece in _pieces(word, units):
            if lines and _units(lines[-1] + " " + piece) <= units:
                lines[-1] += " " + piece
            else:
                lines.append(piece)
    return tuple(lines) or ("",)


def _pieces(word: str, units: float) -> list[str]:
    """A word as it fits on lines: whole when it can be, else cut where a line is full."""
    pieces = [""]
    for char in word:
        if pieces[-1] and _units(pieces[-1] + char) > units:
            pieces.append("")
        pieces[-1] += char
    return pieces


def connections(kb: KnowledgeBase, shown: Iterable[Topic] | None = None) -> Connections:
    """Lay out topics (all, or those `shown` on one page) and their actors in two columns, each
    centred vertically."""
    topic_list = list(kb.topics.values() if shown is None else shown)
    edges = tuple((t.id, a.id) for t in topic_list for a in kb.actors_of_topic(t.id))
    linked = {a for _, a in edges}
    actors = [a for a in kb.actors.values() if a.id in linked]

    def column(items: list[tuple[str, str]], kind: str, x: int) -> list[Node]:
        nodes, y = [], 0
        for ident, label in items:
            node = Node(kind, ident, label, x, y, wrap_label(label))
            nodes.append(node)
            y += node.height + GAP
        return nodes

    topics = column([(t.id, t.title) for t in topic_list], "topic", LEFT_X)
    named = column([(a.id, a.name) for a in actors], "actor", RIGHT_X)
    extent = max((n.y + n.height for n in (*topics, *named)), default=0)

    def centred(nodes: list[Node]) -> tuple[Node, ...]:
        used = max((n.y + n.height for n in nodes), default=0)
        shift = TOP + (extent - used) // 2
        return tuple(Node(n.kind, n.ident, n.label, n.x, n.y + shift, n.lines) for n in nodes)

    return Connections(
        topics=centred(topics),
        actors=centred(named),
        edges=edges,
        height=TOP + extent + 2,
    )


def connections_svg(graph: Connections, href: dict[str, str]) -> Markup:
    """The picture as inline SVG; `href` maps "kind:id" to the link for each node."""
    where = {f"{n.kind}:{n.ident}": n for n in (*graph.topics, *graph.actors)}
    parts = [
        Markup(
            '<svg class="connections-graph" viewBox="0 0 {w} {h}" role="group" '
            'aria-labelledby="{title}"><title id="{title}">Topics (left) '
            "and the actors their claims are about (right)</title>"
        ).format(w=WIDTH, h=graph.height, title=site_id("connections-title")),
        Markup('<text class="column-label" x="{}" y="16">Topics</text>').format(LEFT_X),
        Markup('<text class="column-label" x="{}" y="16">Actors</text>').format(RIGHT_X),
    ]
    # f-strings over escaped values: Markup.format was most of the picture's cost (issue 15).
    for topic_id, actor_id in graph.edges:
        a, b = where[f"topic:{topic_id}"], where[f"actor:{actor_id}"]
        parts.append(
            Markup(
                f'<line class="edge" data-topic="{escape(topic_id)}" data-actor="{escape(actor_id)}" '
                f'x1="{a.x + NODE_WIDTH}" y1="{a.middle}" x2="{b.x}" y2="{b.middle}"/>'
            )
        )
    for node in (*graph.topics, *graph.actors):
        lines = "".join(
            f'<tspan x="{node.x + 6}" y="{node.y + PADDING + 11 + i * LINE_HEIGHT}">'
            f"{escape_text(line)}</tspan>"
            for i, line in enumerate(node.lines)
        )
        link = escape(href[f"{node.kind}:{node.ident}"])
        parts.append(
            Markup(
                f'<a class="node node-{escape(node.kind)}" href="{link}"><rect x="{node.x}" '
                f'y="{node.y}" width="{NODE_WIDTH}" height="{node.height}" rx="4"/>'
                f"<text>{lines}</text></a>"
            )
        )
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)
