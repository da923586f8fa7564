"""The site built once per test session, strictly, for every test that reads built output."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from .site_checks import PROJECT, Run, strict_build


@dataclass(frozen=True)
class Built:
    run: Run
    site: Path


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    site = tmp_path_factory.mktemp("built") / "site"
    run = strict_build(PROJECT, site)
    assert run.returncode == 0, run.output
    return Built(run, site)
