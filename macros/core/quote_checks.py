"""A claim's quotes checked against the archived sources: the primary one and its evidence.

Every quote, whichever field it is written in (a claim's `quote`, an `evidence` entry, a link's
`quote`), is looked up the same way (`find_quote`): the same matching, uniqueness and length
rules, excluded blocks, and the same messages, pointing at the quote itself.
"""

from __future__ import annotations

from collections.abc import Mapping

from macros.core.diagnostics import Report
from macros.core.model import Claim, FoundQuote, Source
from macros.core.problems import Code
from macros.core.quotes import QuoteFailure, QuoteMatch, match_quote
from macros.core.references import References
from macros.core.text import Text


def find_quote(quote: Text, source: Source, report: Report) -> FoundQuote | None:
    """The quote found exactly once in the source's body text, or None with the problem reported."""
    result = match_quote(source.archive, quote)
    if isinstance(result, QuoteFailure):
        report.add(
            result.code,
            quote.position,
            f"{result.message} (source '{source.id}', {source.text_file})",
            f"{result.hint}; `make find-quote` (then paste the words) shows the exact text",
        )
        return None
    return FoundQuote(source.id, result)


def claim_quotes(
    claim: Claim, sources: Mapping[str, Source], refs: References, report: Report
) -> tuple[QuoteMatch, tuple[FoundQuote, ...]] | None:
    """The claim's primary match and its further quotes' matches, or None if any failed.

    The claim's own source must already be resolved.
    """
    primary = find_quote(claim.quote, sources[claim.source], report)
    seen = {(primary.source, primary.match.start)} if primary else set()
    evidence: list[FoundQuote] = []
    complete = primary is not None
    for further in claim.evidence:
        source_id = further.source or claim.source
        if further.source is not None and not refs.resolve(
            further.source, "source", "evidence source"
        ):
            complete = False
            continue
        found = find_quote(further.quote, sources[source_id], report)
        if found is None:
            complete = False
            continue
        if (found.source, found.match.start) in seen:
            report.add(
                Code.DUPLICATE_QUOTE,
                further.quote.position,
                f"this passage (paragraph {found.match.paragraph} of '{found.source}') is "
                "already quoted by this claim",
                "quote another passage, or remove this one",
            )
            complete = False
            continue
        seen.add((found.source, found.match.start))
        evidence.append(found)
    if not complete or primary is None:
        return None
    return primary.match, tuple(evidence)
