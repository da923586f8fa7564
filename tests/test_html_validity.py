"""The Nu HTML Checker (vnu.jar from npm, run with Java) over every page each engine builds."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.sitebuild import REPO, BuildResult

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
JAVA = shutil.which("java")

pytestmark = [
    pytest.mark.build,
    pytest.mark.skipif(
        not (VNU.exists() and JAVA),
        reason="Nu HTML Checker skipped: needs Java (apt-get install default-jre-headless) "
        "and `npm ci` for vnu-jar",
    ),
]


@pytest.fixture()
def built(engine_site: BuildResult) -> BuildResult:
    return engine_site


def test_every_page_is_valid_html(built: BuildResult) -> None:
    pages = sorted(str(p) for p in built.site.rglob("*.html"))
    assert JAVA is not None
    done = subprocess.run(
        [JAVA, "-jar", str(VNU), "--errors-only", "--format", "json", *pages],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(done.stderr or done.stdout or '{"messages": []}')["messages"]
    errors = [
        f"{Path(m.get('url', '')).as_posix().split('/site/')[-1]}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m.get("type") == "error"
    ]
    assert not errors, "\n".join(errors[:30])
