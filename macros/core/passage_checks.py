"""`{{ link("a", "x", …) }}` calls checked against the links: each named claim must be linked to
the first, each named once, and the first may follow the others in only one way.

A passage tells the target of an `example-of`, `answers`, `depends-on` or `qualifies` link before
the claim holding it (`Relation.target_first`), then one connective ("For example", a quoted
question, "In that case", "However") opens the first claim's sentence: the targets it follows
must all be of one relation.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from macros.core.diagnostics import Report
from macros.core.model import VerifiedClaim, VerifiedLink
from macros.core.problems import Code
from macros.core.prose import MacroCall


class PassageLinks:
    """The links between each pair of claims, either way, for checking link() calls."""

    def __init__(self, claims: Iterable[VerifiedClaim]) -> None:
        self._between: dict[frozenset[str], list[VerifiedLink]] = defaultdict(list)
        self._neighbours: dict[str, set[str]] = defaultdict(set)
        for verified in claims:
            for link in verified.links:
                self._between[frozenset((link.holder, link.target))].append(link)
                self._neighbours[link.holder].add(link.target)
                self._neighbours[link.target].add(link.holder)

    def between(self, a: str, b: str) -> list[VerifiedLink]:
        return list(self._between.get(frozenset((a, b)), ()))

    def linked_to(self, claim_id: str) -> list[str]:
        return sorted(self._neighbours.get(claim_id, ()))


def check_passage(
    call: MacroCall, claims: Mapping[str, VerifiedClaim], links: PassageLinks, report: Report
) -> None:
    """Report what is wrong with one link() call (claims that do not exist, or failed their own
    checks, are reported elsewhere and skipped here)."""
    anchor, *others = call.args
    if anchor not in claims:
        return
    seen = {anchor}
    leads: list[VerifiedLink] = []
    for other in others:
        if other in seen:
            again = "its first claim" if other == anchor else "the claim"
            report.add(
                Code.PASSAGE_REPEATS_CLAIM,
                call.position,
                f"link() names {again} '{other}' again",
                "name each claim once",
            )
            continue
        seen.add(other)
        if other not in claims:
            continue
        between = links.between(anchor, other)
        if not between:
            neighbours = links.linked_to(anchor)
            hint = (
                f"link them in `links:` of one of the two, or name a claim linked to '{anchor}': "
                + ", ".join(neighbours)
                if neighbours
                else f"'{anchor}' has no links yet: add one to `links:` of either claim"
            )
            report.add(
                Code.PASSAGE_NOT_LINKED,
                call.position,
                f"link(): '{other}' is not linked to '{anchor}'",
                hint,
            )
            continue
        leads += [lk for lk in between if lk.holder == anchor and lk.relation.target_first]
    if len({lk.relation.name for lk in leads}) > 1:
        named = " and ".join(f"'{lk.target}' ({lk.relation.name})" for lk in leads)
        report.add(
            Code.PASSAGE_FOLLOWS_TWO,
            call.position,
            f"link(): '{anchor}' comes after {named} in a passage, in two ways",
            "write one link() call for each way",
        )
