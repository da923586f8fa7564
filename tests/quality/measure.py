"""Quality numbers for the README: Lighthouse (mobile) scores and page weights per page type.

Run with `make quality` (it installs Lighthouse 12 into .tools/ with npm and builds the site).
Everything is served from 127.0.0.1 with gzip, as a static host would; nothing leaves the machine.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.quality.serve import serve
from tests.sitebuild import REPO, mkdocs_build

LIGHTHOUSE = REPO / ".tools" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)
_ASSET = re.compile(r'(?:href|src)="([^"#?]+\.(?:css|js))"')


def page_types(site: Path) -> dict[str, str]:
    topic = sorted(p.parent.name for p in (site / "topics").glob("*/index.html"))[0]
    source = sorted(p.parent.name for p in (site / "sources").glob("*/index.html"))[0]
    return {
        "home": "",
        "topic page": f"topics/{topic}/",
        "claims index": "claims/",
        "source page": f"sources/{source}/",
    }


def transferred_bytes(site: Path, url_path: str) -> int:
    """First-visit weight: the gzipped HTML plus every CSS and JS file it references, gzipped."""
    page = site / url_path / "index.html"
    html = page.read_text(encoding="utf-8")
    total = len(gzip.compress(html.encode("utf-8"), mtime=0))
    for asset in sorted(set(_ASSET.findall(html))):
        path = (page.parent / asset).resolve()
        if path.is_file():
            total += len(gzip.compress(path.read_bytes(), mtime=0))
    return total


def lighthouse(url: str, report: Path) -> dict[str, float]:
    env = {**os.environ, "CHROME_PATH": "/usr/bin/chromium"}
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            f"--chrome-flags={CHROMIUM_FLAGS}",
            "--form-factor=mobile",
            "--output=json",
            f"--output-path={report}",
        ],
        env=env,
        check=True,
        timeout=300,
    )
    result = json.loads(report.read_text(encoding="utf-8"))
    return {k: v["score"] * 100 for k, v in result["categories"].items()}


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        built = mkdocs_build(REPO, Path(tmp) / "site")
        if built.returncode != 0:
            print(built.output, file=sys.stderr)
            return 1
        rows = []
        with serve(built.site) as base:
            for name, path in page_types(built.site).items():
                scores = lighthouse(base + path, Path(tmp) / "report.json")
                weight = transferred_bytes(built.site, path) / 1024
                rows.append(
                    f"| {name} | `/{path}` | {scores['performance']:.0f} | "
                    f"{scores['accessibility']:.0f} | {scores['best-practices']:.0f} | "
                    f"{scores['seo']:.0f} | {weight:.0f} KB |"
                )
    print(
        "| page type | URL | performance | accessibility | best practices | SEO | weight (gzip, first visit) |"
    )
    print("|---|---|---|---|---|---|---|")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
