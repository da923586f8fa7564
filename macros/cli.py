"""Contributor commands. Only this module prints or chooses exit codes."""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from macros.diagnostics import DataError
from macros.site import load_knowledge


def _check(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    try:
        kb = load_knowledge(args.root)
    except DataError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
            if args.github:
                print(problem.github_annotation())
        count = len(err.problems)
        print(f"\n{count} problem{'s' if count != 1 else ''} found.", file=sys.stderr)
        return 1
    elapsed = time.perf_counter() - started
    print(
        f"OK: {len(kb.claims)} claims from {len(kb.sources)} source(s), {len(kb.topics)} topics, "
        f"{len(kb.actors)} actors, {len(kb.events)} events, {len(kb.terms)} terms "
        f"checked in {elapsed:.2f} s."
    )
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros", description=__doc__)
    parser.add_argument(
        "--root", type=Path, default=Path.cwd(), help="project folder (holding data/ and docs/)"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate data/ and report every problem")
    check.add_argument(
        "--github",
        action=argparse.BooleanOptionalAction,
        default=os.environ.get("GITHUB_ACTIONS") == "true",
        help="also print GitHub Actions annotations (default: on under GitHub Actions)",
    )
    check.set_defaults(run=_check)
    args = parser.parse_args(argv)
    result: int = args.run(args)
    return result
