"""Suite-wide fixtures and reporting.

- `engine_site`: the real site built once per test session by each engine (`make site ENGINE=…`),
  shared by every test that reads built output; tests that use it run once per engine.
- The closing summary says plainly which checks did not run, and how to run them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sitebuild import ENGINES, REPO, REPO_URL, BuildResult, engine_build, engine_missing


class EngineSites:
    """Each engine's build of the repository's site, made on first use and kept for the session."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.built: dict[str, BuildResult] = {}

    def get(self, engine: str) -> BuildResult:
        if engine not in self.built:
            site = self.folder / engine / "site"
            result = engine_build(engine, REPO, site, env={"SITE_REPO_URL": REPO_URL})
            assert result.returncode == 0, result.output
            self.built[engine] = result
        return self.built[engine]


@pytest.fixture(scope="session")
def engine_sites(tmp_path_factory: pytest.TempPathFactory) -> EngineSites:
    return EngineSites(tmp_path_factory.mktemp("engines"))


@pytest.fixture(scope="session", params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    name: str = request.param
    reason = engine_missing(name)
    if reason:
        pytest.skip(reason)
    return name


@pytest.fixture(scope="session")
def engine_site(engine: str, engine_sites: EngineSites) -> BuildResult:
    """The real site as `engine` builds it (with edit buttons, as the Pages workflow deploys)."""
    return engine_sites.get(engine)


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
