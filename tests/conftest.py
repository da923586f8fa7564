"""Suite-wide reporting: say plainly which browser checks did not run, and how to run them."""

from __future__ import annotations

import pytest


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    skipped = terminalreporter.stats.get("skipped", [])
    reasons = sorted(
        {
            str(report.longrepr[2]).removeprefix("Skipped: ")
            for report in skipped
            if isinstance(report.longrepr, tuple)
        }
    )
    if reasons:
        terminalreporter.section("checks that did not run")
        for reason in reasons:
            terminalreporter.write_line(f"- {reason}")
