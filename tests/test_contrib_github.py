"""Repository conventions: GitHub workflows (checked by actionlint), issue forms, the pull request
template, pre-commit hooks and .editorconfig."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
GITHUB = REPO / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))


def _yaml(path: Path) -> Any:
    # PyYAML reads the key `on:` as True (YAML 1.1); workflows are looked at through that.
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def actionlint() -> str:
    beside = Path(sys.executable).parent / "actionlint"
    found = str(beside) if beside.is_file() else shutil.which("actionlint")
    assert found, "actionlint is missing: pip install -r requirements-dev.txt"
    return found


def test_workflows_passactionlint() -> None:
    assert [p.name for p in WORKFLOWS] == ["ci.yml", "pages.yml"]
    done = subprocess.run(
        [actionlint(), "-no-color", *(str(p.relative_to(REPO)) for p in WORKFLOWS)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path: Path) -> None:
    """The test above would be worthless if actionlint accepted anything."""
    broken = tmp_path / ".github" / "workflows" / "broken.yml"
    broken.parent.mkdir(parents=True)
    text = (GITHUB / "workflows" / "ci.yml").read_text(encoding="utf-8")
    broken.write_text(text.replace("fetch-depth: 0", "fetch-deep: 0"), encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True, timeout=60)
    done = subprocess.run(
        [actionlint(), "-no-color", ".github/workflows/broken.yml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert 'input "fetch-deep" is not defined' in done.stdout


def _uses(workflow: Any) -> list[str]:
    return [
        step["uses"]
        for job in workflow["jobs"].values()
        for step in job.get("steps", [])
        if "uses" in step
    ]


def test_only_official_actions_pinned_to_a_major_version() -> None:
    for path in WORKFLOWS:
        for uses in _uses(_yaml(path)):
            assert re.fullmatch(r"actions/[a-z-]+@v\d+", uses), f"{path.name}: {uses}"


def test_ci_runs_lint_check_tests_build_and_posts_the_claims_diff() -> None:
    ci = _yaml(GITHUB / "workflows" / "ci.yml")
    assert set(ci[True]) == {"pull_request", "push"}
    (job,) = ci["jobs"].values()
    steps = job["steps"]
    setup = next(s for s in steps if s.get("uses", "").startswith("actions/setup-python@"))
    assert setup["with"]["python-version"] == "3.11"
    runs = [s.get("run", "") for s in steps]
    order = [runs.index(f"make {target}") for target in ("lint", "check", "test", "site")]
    assert order == sorted(order)
    diff = next(s for s in steps if "claims-diff" in s.get("run", ""))
    assert "$GITHUB_STEP_SUMMARY" in diff["run"]
    assert "pull_request.base.sha" in diff["env"]["BASE"]
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
    assert ci["permissions"] == {"contents": "read"}


def test_pages_builds_with_the_pages_url_and_deploys() -> None:
    pages = _yaml(GITHUB / "workflows" / "pages.yml")
    assert pages[True]["push"]["branches"] == ["main"]
    assert pages["concurrency"]["cancel-in-progress"] is False
    build, deploy = pages["jobs"]["build"], pages["jobs"]["deploy"]
    configure = next(s for s in build["steps"] if "configure-pages" in s.get("uses", ""))
    site = next(s for s in build["steps"] if s.get("run") == "make site")
    assert site["env"]["SITE_URL"] == f"${{{{ steps.{configure['id']}.outputs.base_url }}}}"
    assert site["env"]["SITE_REPO_URL"] == "${{ github.server_url }}/${{ github.repository }}"
    upload = next(s for s in build["steps"] if "upload-pages-artifact" in s.get("uses", ""))
    assert upload["with"]["path"] == "site"
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"


# --- issue forms and the pull request template --------------------------------------------------


@pytest.mark.parametrize("name", ["claim-is-wrong.yml", "suggest-a-source.yml"])
def test_issue_forms_are_well_formed(name: str) -> None:
    form = _yaml(GITHUB / "ISSUE_TEMPLATE" / name)
    assert form["name"] and form["description"]
    ids = []
    for element in form["body"]:
        assert element["type"] in {"markdown", "input", "textarea", "dropdown", "checkboxes"}
        if element["type"] == "markdown":
            assert element["attributes"]["value"].strip()
            continue
        ids.append(element["id"])
        assert element["attributes"]["label"].strip()
        assert re.fullmatch(r"[a-z][a-z0-9_-]*", element["id"])
        if element["type"] in {"dropdown", "checkboxes"}:
            assert element["attributes"]["options"]
    assert len(ids) == len(set(ids))
    assert any(e.get("validations", {}).get("required") for e in form["body"])


def test_issue_template_config() -> None:
    config = _yaml(GITHUB / "ISSUE_TEMPLATE" / "config.yml")
    assert isinstance(config["blank_issues_enabled"], bool)


def _checkboxes(markdown: str) -> list[str]:
    items, current = [], ""
    for line in markdown.splitlines():
        if line.startswith("- [ ] "):
            if current:
                items.append(current)
            current = line[6:]
        elif current and line.startswith("      "):
            current += " " + line.strip()
        else:
            if current:
                items.append(current)
            current = ""
    if current:
        items.append(current)
    return items


def test_pull_request_template_carries_the_contributing_checklist() -> None:
    template = _checkboxes((GITHUB / "pull_request_template.md").read_text(encoding="utf-8"))
    contributing = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = contributing.split("## Review checklist", 1)[1].split("\n## ", 1)[0]
    assert template, "no checkboxes in the template"
    assert template == _checkboxes(section)


# --- pre-commit and editorconfig -----------------------------------------------------------------


def test_pre_commit_hooks_run_the_projects_own_checks() -> None:
    config = _yaml(REPO / ".pre-commit-config.yaml")
    (local,) = config["repos"]
    assert local["repo"] == "local"
    entries = {hook["id"]: hook["entry"] for hook in local["hooks"]}
    assert entries["schema"] == ".venv/bin/python -m macros schema --check"
    assert entries["check-data"] == "make check"
    assert entries["ruff-check"].startswith(".venv/bin/ruff check")
    for hook in local["hooks"]:
        assert hook["language"] == "system"
        re.compile(hook["files"])
    assert re.search(local["hooks"][2]["files"], "data/claims/core.yaml")


def test_editorconfig_protects_archived_texts() -> None:
    text = (REPO / ".editorconfig").read_text(encoding="utf-8")
    assert "\nroot = true\n" in text
    section = text.split("[**/sources/*.txt]", 1)[1].split("\n[", 1)[0]
    assert "trim_trailing_whitespace = false" in section
    assert "insert_final_newline = unset" in section
