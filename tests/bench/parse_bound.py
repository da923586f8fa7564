"""`make bench` / `make bench-parse`: every hostile YAML file answered within 2 seconds.

For each input of tests/bench/hostile_yaml.py (the worst data files we can make, each just under
the 2 MB limit), in this process, best of several runs:

(1) read + parse: `read_text` and `parse`, the located YAML nodes or the problems;
(2) the whole check of a project holding it: `load` of a copy of the mini fixture site with the
    file as `data/claims/hostile.yaml` (parse, then the schema checks of whatever was parsed).

Wall time decides (a contributor waits for it); CPU time is recorded beside it, as other work on the
2 shared cores only ever adds wall time. The results go to tests/bench/results-parse.json, and
BENCHMARKS.md is rewritten from every results file there is.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from macros.core import yaml_nodes
from macros.core.diagnostics import Problem
from macros.core.loader import load
from macros.core.settings import SETTINGS
from macros.core.yaml_nodes import parse, read_text
from tests.bench.corpus import REPO
from tests.bench.hostile_yaml import Hostile, hostile_inputs

RESULTS_PARSE = REPO / "tests" / "bench" / "results-parse.json"
MAX_ANSWER_SECONDS = 2.0  # issue 14: any file the loader accepts or rejects
FIXTURE = REPO / "tests" / "fixtures" / "mini-site"
HOSTILE_FILE = "data/claims/hostile.yaml"
RUNS = 3


def _timed(action: Any) -> tuple[float, float, Any]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = action()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def _answer(problems: list[Problem]) -> str:
    if not problems:
        return "accepted"
    first = problems[0]
    more = f" (+{len(problems) - 1:,} more)" if len(problems) > 1 else ""
    return f"{first.position.line}:{first.position.col} {first.message}{more}"


def measure(hostile: Hostile, project: Path, runs: int) -> dict[str, Any]:
    path = project / HOSTILE_FILE
    path.write_bytes(hostile.data)
    parse_runs: list[tuple[float, float]] = []
    check_runs: list[tuple[float, float]] = []
    problems: list[Problem] = []
    for _ in range(runs):

        def read_and_parse() -> list[Problem]:
            found: list[Problem] = []
            text = read_text(path, HOSTILE_FILE, found)
            if text is not None:
                parse(text, HOSTILE_FILE, found)
            return found

        wall, cpu, problems = _timed(read_and_parse)
        parse_runs.append((wall, cpu))
        wall, cpu, _ = _timed(lambda: load(project))
        check_runs.append((wall, cpu))
    path.unlink()
    return {
        "name": hostile.name,
        "what": hostile.what,
        "bytes": len(hostile.data),
        "answer": _answer(problems),
        "problems": len(problems),
        "parse": [w for w, _ in parse_runs],
        "parse_cpu": [c for _, c in parse_runs],
        "check": [w for w, _ in check_runs],
        "check_cpu": [c for _, c in check_runs],
    }


def run(runs: int) -> dict[str, Any]:
    from tests.bench.run import machine

    results: dict[str, Any] = {
        "machine": machine(),
        "libyaml": yaml_nodes.LIBYAML,
        "bound": MAX_ANSWER_SECONDS,
        "max_values": SETTINGS.max_yaml_values,
        "inputs": [],
    }
    with tempfile.TemporaryDirectory(prefix="claims-parse-bench-") as work:
        project = Path(work) / "project"
        shutil.copytree(FIXTURE, project)
        for hostile in hostile_inputs():
            row = measure(hostile, project, runs)
            results["inputs"].append(row)
            print(
                f"{hostile.name:32} parse {min(row['parse']):6.3f} s  check "
                f"{min(row['check']):6.3f} s  {row['answer'][:70]}",
                file=sys.stderr,
                flush=True,
            )
    return results


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Time the hostile YAML inputs against 2 s.")
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--results", type=Path, default=RESULTS_PARSE)
    parser.add_argument("--no-report", dest="report", action="store_false")
    args = parser.parse_args(argv)
    results = run(args.runs)
    args.results.write_text(
        json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    if args.report:
        from tests.bench.report import write_report
        from tests.bench.run import REPORT, RESULTS, RESULTS_1000

        write_report(REPORT, RESULTS, RESULTS_1000)


if __name__ == "__main__":
    main()
