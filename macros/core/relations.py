"""The closed vocabulary of links between claims: one declaration that checks, pages and docs read.

A link is written on one claim and says "this claim <relation> that claim" (`because`,
`evidence-for`, …); the other claim shows it under the inverse (`explains`, `supported-by`, …).
Each relation has a human label for both directions, what it means, an example for CONTRIBUTING.md,
and, for the relations that make an argument's structure, which of its two claims is the
conclusion and what the other one is to it (a reason, evidence, an example).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Role = Literal["reason", "evidence", "example"]


@dataclass(frozen=True)
class Relation:
    name: str  # as written in `links:`: "because"
    label: str  # shown on the claim that holds the link: "A because B"
    inverse: str  # the same link seen from the other claim: "explains"
    inverse_label: str  # shown on the other claim: "B is a reason for A"
    meaning: str  # for CONTRIBUTING.md
    example: str  # for CONTRIBUTING.md: a made-up pair of claims and the link's quote
    # Which claim is the conclusion: the one holding the link ("source") or its target; None for
    # relations that qualify rather than support. The other claim is `supporter` to it.
    conclusion: Literal["source", "target"] | None = None
    supporter: Role | None = None
    # Whether following this relation from supporter to conclusion may never come back round:
    # a claim cannot be, through reasons and evidence, a reason for itself.
    acyclic: bool = False
    # Whether a passage (the link() macro) tells the target before the claim holding the link:
    # the general claim before its example, the question before its answer, the condition
    # before what depends on it, the claim before what qualifies it.
    target_first: bool = False

    def conclusion_and_supporter(self, holder: str, target: str) -> tuple[str, str] | None:
        """(conclusion, supporter) of a link from `holder` to `target`, if it supports one."""
        if self.conclusion == "source":
            return holder, target
        if self.conclusion == "target":
            return target, holder
        return None


RELATIONS: tuple[Relation, ...] = (
    Relation(
        "because",
        "because",
        "explains",
        "is a reason for",
        "this claim holds because of that one",
        "`ferry-cancelled` because `storm-warning`: “the ferry was cancelled because of the storm”",
        conclusion="source",
        supporter="reason",
        acyclic=True,
    ),
    Relation(
        "evidence-for",
        "is evidence for",
        "supported-by",
        "is supported by",
        "this claim is evidence that that one is true",
        "`tickets-sold-out` evidence-for `festival-popular`: “proof of its popularity: every ticket”",
        conclusion="target",
        supporter="evidence",
        acyclic=True,
    ),
    Relation(
        "example-of",
        "is an example of",
        "has-example",
        "has as an example",
        "this claim is a case of the general claim",
        "`bakery-closed` example-of `shops-struggle`: “one of them, the corner bakery”",
        conclusion="target",
        supporter="example",
        target_first=True,
    ),
    Relation(
        "despite",
        "despite",
        "does-not-prevent",
        "does not prevent",
        "this claim holds although that one might suggest otherwise",
        "`market-open` despite `rain-forecast`: “despite the forecast, the market opened”",
    ),
    Relation(
        "answers",
        "answers",
        "answered-by",
        "is answered by",
        "this claim answers the question that one raises",
        "`bridge-will-reopen` answers `will-bridge-reopen`: “Will it reopen? Yes”",
        target_first=True,
    ),
    Relation(
        "depends-on",
        "holds only if",
        "condition-for",
        "is a condition for",
        "this claim holds only if that one does",
        "`harvest-good` depends-on `rain-in-may`: “a good harvest, but only if it rains”",
        target_first=True,
    ),
    Relation(
        "qualifies",
        "qualifies",
        "qualified-by",
        "is qualified by",
        "this claim limits, or concedes something about, that one",
        "`some-routes-cut` qualifies `service-improved`: “although a few routes were cut”",
        target_first=True,
    ),
)

RELATION_NAMES = tuple(r.name for r in RELATIONS)
_BY_NAME = {r.name: r for r in RELATIONS}


def relation(name: str) -> Relation:
    """The relation with this name (KeyError for a name not in the vocabulary)."""
    return _BY_NAME[name]


BASES = ("assessment", "fact")  # a link is the author's reasoning unless the source states it
