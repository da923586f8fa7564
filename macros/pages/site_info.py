"""What pages need to know about the site itself: its name, public address, repository, build date.

The build date is the date of the commit the site is built from (`SOURCE_DATE_EPOCH`, as
reproducible-build tools set it, else the last commit's date), never the wall clock: two builds of
one commit must be byte for byte the same. Without either, pages give no build date.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from macros.pages.dates import format_date
from macros.pages.exports import DOWNLOADS

ISSUE_FORM = (
    "claim-is-wrong.yml"  # .github/ISSUE_TEMPLATE/claim-is-wrong.yml; its id field: `claim`
)


@dataclass(frozen=True)
class SiteInfo:
    name: str = ""
    url: str = ""  # public address ("https://host/path/"), "" when not deployed anywhere known
    repo_url: str = ""  # e.g. "https://github.com/owner/repo", "" when not known
    build_date: str = ""  # ISO date (YYYY-MM-DD) of the commit built, "" when not known

    def absolute(self, site_path: str) -> str:
        """A site-relative URL as an absolute one, when the public address is known."""
        if not self.url:
            return site_path
        return self.url.rstrip("/") + "/" + site_path

    @property
    def repository(self) -> str:
        return self.repo_url.rstrip("/")

    def issue_form(self, claim_id: str = "") -> str:
        """The "This claim is wrong" form, prefilled with a claim's id; "" without a GitHub repo.

        GitHub fills an issue form's fields from query parameters named by the fields' ids.
        """
        if urlsplit(self.repository).netloc.lower() not in ("github.com", "www.github.com"):
            return ""
        query = f"template={ISSUE_FORM}"
        if claim_id:
            query += f"&title={quote('Claim: ' + claim_id, safe='')}&claim={quote(claim_id)}"
        return f"{self.repository}/issues/new?{query}"


def build_date(root: Path, environ: dict[str, str] | None = None) -> str:
    """The ISO date of the commit being built: SOURCE_DATE_EPOCH, else `git log -1`, else ""."""
    env = os.environ if environ is None else environ
    epoch = env.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        try:
            done = subprocess.run(
                ["git", "-C", str(root), "log", "-1", "--format=%ct"],
                capture_output=True,
                text=True,
                timeout=10,
                check=False,
            )
        except (OSError, subprocess.SubprocessError):
            return ""
        epoch = done.stdout.strip() if done.returncode == 0 else ""
    if not epoch.isdigit():
        return ""
    return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date().isoformat()


def footer_values(site: SiteInfo) -> dict[str, Any]:
    """What the theme's footer shows (`config.extra.site_footer`): downloads, repository, date."""
    return {
        "site_footer": {
            "downloads": [{"path": d.path, "format": d.format} for d in DOWNLOADS],
            "repository": site.repository,
            "issue_form": site.issue_form(),
            "build_date": site.build_date,
            "build_date_text": format_date(site.build_date) if site.build_date else "",
        }
    }
