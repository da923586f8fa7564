"""The argument map: conclusions at the top, what supports, concedes or conditions them below."""

from __future__ import annotations

from itertools import pairwise

from macros.pages.argument_map import (
    MAX_DEPTH,
    Edge,
    MapNode,
    argument_map,
    conclusions,
    map_claims,
)


def edge(source: str, relation: str, target: str) -> Edge:
    return Edge(source, relation, target, f"{source} {relation} {target}")


def outline(nodes: list[MapNode], depth: int = 0) -> list[str]:
    """The map as indented lines: "role: claim" (a repeated claim is marked with "↑")."""
    lines: list[str] = []
    for node in nodes:
        lines.append("  " * depth + f"{node.role}: {node.claim}" + (" ↑" if node.repeated else ""))
        lines += outline(list(node.children), depth + 1)
    return lines


def build(edges: list[Edge], scope: str) -> list[str]:
    claims = scope.split()
    return outline(argument_map(edges, claims, {c: i for i, c in enumerate(claims)}))


def test_a_conclusion_is_what_reasons_evidence_and_examples_support() -> None:
    edges = [
        edge("thesis", "because", "reason"),  # the thesis holds because of the reason
        edge("fact", "evidence-for", "thesis"),
        edge("case", "example-of", "general"),
        edge("thesis", "despite", "obstacle"),
    ]
    assert conclusions(edges) == {"thesis", "general"}


def test_children_come_in_the_order_of_their_roles_whatever_the_order_of_the_links() -> None:
    edges = [
        edge("answer", "answers", "question"),
        edge("thesis", "depends-on", "condition"),
        edge("nuance", "qualifies", "thesis"),
        edge("thesis", "despite", "obstacle"),
        edge("case", "example-of", "thesis"),
        edge("fact", "evidence-for", "thesis"),
        edge("thesis", "because", "reason"),
        edge("thesis", "answers", "question"),
    ]
    assert build(edges, "thesis reason fact case obstacle nuance condition question") == [
        "conclusion: thesis",
        "  reason: reason",
        "  evidence: fact",
        "  example: case",
        "  concession: obstacle",
        "  qualification: nuance",
        "  condition: condition",
        "  question answered: question",
    ]


def test_a_reason_that_is_itself_supported_nests_under_the_conclusion() -> None:
    edges = [
        edge("thesis", "because", "middle"),
        edge("middle", "because", "ground"),
        edge("fact", "evidence-for", "ground"),
    ]
    assert build(edges, "thesis middle ground fact") == [
        "conclusion: thesis",
        "  reason: middle",
        "    reason: ground",
        "      evidence: fact",
    ]


def test_a_claim_under_two_conclusions_is_expanded_once() -> None:
    edges = [
        edge("one", "because", "shared"),
        edge("two", "because", "shared"),
        edge("shared", "because", "ground"),
    ]
    assert build(edges, "one two shared ground") == [
        "conclusion: one",
        "  reason: shared",
        "    reason: ground",
        "conclusion: two",
        "  reason: shared ↑",
    ]


def test_the_argument_follows_links_out_of_the_scope() -> None:
    edges = [edge("thesis", "because", "elsewhere"), edge("elsewhere", "because", "far")]
    assert build(edges, "thesis") == [
        "conclusion: thesis",
        "  reason: elsewhere",
        "    reason: far",
    ]


def test_a_claim_with_only_a_condition_heads_an_argument_of_its_own() -> None:
    edges = [edge("forecast", "depends-on", "condition")]
    assert build(edges, "forecast condition") == ["claim: forecast", "  condition: condition"]


def test_a_loop_of_examples_still_puts_every_claim_on_the_map() -> None:
    edges = [edge("a", "example-of", "b"), edge("b", "example-of", "a")]
    lines = build(edges, "a b")
    assert lines == ["conclusion: a", "  example: b", "    example: a ↑"]


def test_claims_without_links_are_not_on_the_map() -> None:
    edges = [edge("thesis", "because", "reason")]
    nodes = argument_map(edges, ["thesis", "reason", "alone"], {})
    assert map_claims(nodes) == ["thesis", "reason"]


def test_a_long_chain_of_reasons_stops_nesting_at_the_maximum_depth() -> None:
    chain = [f"c{i}" for i in range(MAX_DEPTH + 5)]
    edges = [edge(a, "because", b) for a, b in pairwise(chain)]
    nodes = argument_map(edges, chain[:1], {})
    depth, node = 0, nodes[0]
    while node.children:
        (node,) = node.children
        depth += 1
    assert depth == MAX_DEPTH
    assert node.truncated and node.claim == f"c{MAX_DEPTH}"
