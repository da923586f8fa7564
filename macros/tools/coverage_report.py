"""`python -m macros coverage`: per source, how many body sentences the claims cover, and which not.

Uses the sentence coverage of macros/core/coverage.py. Claims are matched against their sources directly,
so the report works even while other parts of the data have problems; claims whose quote does not
match (yet) are counted as skipped and do not cover anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from macros.core.coverage import Coverage, Quoted, source_coverage
from macros.core.loader import LoadedData, load
from macros.core.quotes import ArchivedText, QuoteMatch, match_quote
from macros.core.settings import SETTINGS


@dataclass(frozen=True)
class SourceReport:
    id: str
    title: str
    text_file: str
    coverage: Coverage
    claims: int  # claims with a quote in this source that matched
    skipped: tuple[str, ...]  # claims with a quote in this source that did not match

    @property
    def percent(self) -> float:
        return 100.0 * self.coverage.share


@dataclass(frozen=True)
class CoverageReport:
    sources: tuple[SourceReport, ...]
    not_loaded: tuple[str, ...]  # data/sources/*.yaml whose metadata has problems


def claims_quoting(
    data: LoadedData, source_id: str, archive: ArchivedText
) -> tuple[list[Quoted], list[str]]:
    """Every quote in a source that matches it (a claim's own and its further quotes), and the
    ids of the claims with a quote there that does not.

    Each quote is matched on its own, so this works while other parts of the data have problems.
    """
    quoted: list[Quoted] = []
    skipped: list[str] = []
    for claim in data.claims:
        passages = [claim.quote] if claim.source == source_id else []
        passages += [e.quote for e in claim.evidence if (e.source or claim.source) == source_id]
        for passage in passages:
            found = match_quote(archive, passage)
            if isinstance(found, QuoteMatch):
                quoted.append((claim.id, found))
            elif claim.id not in skipped:
                skipped.append(claim.id)
    return quoted, skipped


def coverage_reports(root: Path) -> CoverageReport:
    """One report per source that loads, in id order, and the sources that do not load."""
    data = load(root)
    reports: list[SourceReport] = []
    for source in sorted(data.sources, key=lambda s: s.id):
        quoted, skipped = claims_quoting(data, source.id, source.archive)
        reports.append(
            SourceReport(
                source.id,
                source.title,
                source.text_file,
                source_coverage(source, quoted),
                len({claim_id for claim_id, _ in quoted}),
                tuple(skipped),
            )
        )
    loaded = {s.file for s in data.sources}
    folder = SETTINGS.sources_dir(root)
    not_loaded = tuple(
        path.relative_to(root).as_posix()
        for path in sorted(folder.glob("*.yaml") if folder.is_dir() else ())
        if path.relative_to(root).as_posix() not in loaded
    )
    return CoverageReport(tuple(reports), not_loaded)


def _ratio(covered: int, total: int) -> str:
    percent = 100.0 * covered / total if total else 100.0
    return f"{covered}/{total} sentences covered ({percent:.1f}%)"


def format_report(report_set: CoverageReport, *, details: bool = True) -> str:
    """The report as plain text: a summary per source, then its uncovered sentences."""
    reports = report_set.sources
    lines: list[str] = []
    for rel in report_set.not_loaded:
        lines.append(f"{rel}: not included, its metadata has problems (run make check)")
    if not reports:
        lines.append("No sources to report on.")
        return "\n".join(lines)
    if lines:
        lines.append("")
    for report in reports:
        cov = report.coverage
        lines.append(f"{report.id} — {' '.join(report.title.split())}")
        lines.append(
            f"  {_ratio(cov.covered, cov.sentences)} by {report.claims} claim"
            f"{'s' if report.claims != 1 else ''}"
        )
        if report.skipped:
            lines.append(
                f"  {len(report.skipped)} claim(s) skipped, their quote does not match "
                f"(make check): {', '.join(report.skipped)}"
            )
        uncovered = cov.uncovered()
        if details and uncovered:
            lines.append(f"  not yet covered by any claim's quote ({len(uncovered)}):")
            for sentence in uncovered:
                lines.append(f"    ¶{sentence.paragraph}: {' '.join(sentence.text.split())}")
        lines.append("")
    covered = sum(r.coverage.covered for r in reports)
    total = sum(r.coverage.sentences for r in reports)
    lines.append(f"All sources: {_ratio(covered, total)}.")
    return "\n".join(lines)


def below(report_set: CoverageReport, minimum: float) -> list[SourceReport]:
    """The sources whose coverage is below `minimum` percent."""
    return [r for r in report_set.sources if r.percent + 1e-9 < minimum]
