"""The argument the links make: each claim's links both ways, conclusions and what supports them.

A link is written on one claim ("a because b"); the other claim shows it under the inverse
("b is a reason for a"). A claim that others support through `because`, `evidence-for` or
`example-of` is a conclusion; those others are its reasons, evidence and examples. Built once from
the verified claims and answered from indexes; nothing here knows about pages or URLs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from macros.core.model import VerifiedClaim, VerifiedLink
from macros.core.relations import Role

ROLES: tuple[Role, ...] = ("reason", "evidence", "example")  # the order a page lists them in


@dataclass(frozen=True)
class ClaimLink:
    """A link as one of its two claims sees it: outgoing on the claim that holds it, incoming
    (under the relation's inverse) on the other."""

    link: VerifiedLink
    outgoing: bool

    @property
    def other(self) -> str:
        """The id of the claim at the link's other end."""
        return self.link.target if self.outgoing else self.link.holder

    @property
    def relation(self) -> str:
        """The relation as seen from this claim: `because` outgoing, `explains` incoming."""
        return self.link.relation.name if self.outgoing else self.link.relation.inverse

    @property
    def label(self) -> str:
        """The relation in words, as seen from this claim: "because", "is a reason for"."""
        return self.link.relation.label if self.outgoing else self.link.relation.inverse_label


@dataclass(frozen=True)
class Support:
    """One claim's part in a conclusion: a reason, evidence or an example, and the link saying so."""

    role: Role
    claim: VerifiedClaim
    link: VerifiedLink


@dataclass(frozen=True)
class Argument:
    claims: Mapping[str, VerifiedClaim]  # the knowledge base's claims, in its order
    _incoming: dict[str, list[VerifiedLink]] = field(default_factory=dict)
    _support: dict[str, list[Support]] = field(default_factory=dict)
    _roles: dict[str, set[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, claims: Mapping[str, VerifiedClaim]) -> Argument:
        incoming: dict[str, list[VerifiedLink]] = defaultdict(list)
        support: dict[str, list[Support]] = defaultdict(list)
        roles: dict[str, set[str]] = defaultdict(set)
        for verified in claims.values():  # holders in the base's order
            for link in verified.links:
                incoming[link.target].append(link)
                ends = link.relation.conclusion_and_supporter(link.holder, link.target)
                role = link.relation.supporter
                if ends is None or role is None:
                    continue
                conclusion, supporter = ends
                support[conclusion].append(Support(role, claims[supporter], link))
                roles[conclusion].add("conclusion")
                roles[supporter].add(role)
        for found in support.values():
            found.sort(key=lambda s: ROLES.index(s.role))  # stable: the base's order within a role
        return cls(claims, dict(incoming), dict(support), dict(roles))

    @property
    def links(self) -> list[VerifiedLink]:
        """Every link, in the order of the claims that hold them."""
        return [link for verified in self.claims.values() for link in verified.links]

    def outgoing(self, claim_id: str) -> list[ClaimLink]:
        """The links written on this claim, in the order written."""
        return [ClaimLink(link, True) for link in self.claims[claim_id].links]

    def incoming(self, claim_id: str) -> list[ClaimLink]:
        """The links other claims make to this one, under their inverse."""
        return [ClaimLink(link, False) for link in self._incoming.get(claim_id, ())]

    def links_of(self, claim_id: str) -> list[ClaimLink]:
        """Both ways: the claim's own links, then those of other claims to it."""
        return self.outgoing(claim_id) + self.incoming(claim_id)

    def conclusions(self, among: Iterable[VerifiedClaim] | None = None) -> list[VerifiedClaim]:
        """The claims other claims support (all, or those among the given ones), in base order."""
        pool = self.claims.values() if among is None else among
        return [v for v in pool if v.id in self._support]

    def support_for(self, claim_id: str) -> list[Support]:
        """A conclusion's reasons, then its evidence, then its examples."""
        return list(self._support.get(claim_id, ()))

    def roles_of(self, claim_id: str) -> tuple[str, ...]:
        """What the claim is in the argument: "conclusion", "reason", "evidence", "example"."""
        held = self._roles.get(claim_id, set())
        return tuple(r for r in ("conclusion", *ROLES) if r in held)
