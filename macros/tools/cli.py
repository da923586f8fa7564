"""Contributor commands: python -m macros COMMAND (check, schema, find-quote, add-source,
claims-diff, coverage). Only this module (and, for the engine commands generate and finish,
macros/engines/commands.py) prints or chooses exit codes."""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from macros.core.diagnostics import DataError
from macros.core.project import load_knowledge
from macros.pages.json_schemas import stale_schemas, stamp_files, write_schemas
from macros.tools.add_source import AddSourceError, add_source
from macros.tools.claims_diff import GitError, diff_revisions, format_markdown
from macros.tools.coverage_report import below, coverage_reports, format_report
from macros.tools.quote_finder import find_phrase, format_result


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


def _schema(args: argparse.Namespace) -> int:
    root: Path = args.root
    if args.check:
        stale = stale_schemas(root)
        unstamped = stamp_files(root, write=False)
        for rel in stale:
            print(
                f"{rel}: out of date with macros/core/model.py — run: python -m macros schema",
                file=sys.stderr,
            )
        for rel in unstamped:
            print(
                f"{rel}:1:1: first line is not this file's schema line "
                "— run: python -m macros schema --stamp",
                file=sys.stderr,
            )
        if stale or unstamped:
            return 1
        print("OK: schema files are up to date and every data file names its schema.")
        return 0
    changed = write_schemas(root)
    for rel in changed:
        print(f"wrote {rel}")
    if args.stamp:
        for rel in stamp_files(root, write=True):
            print(f"stamped {rel}")
    if not changed and not args.stamp:
        print("schema files are up to date.")
    return 0


def _find_quote(args: argparse.Namespace) -> int:
    phrase = " ".join(args.phrase)
    result = find_phrase(args.root, phrase, source_id=args.source)
    print(format_result(result))
    return 0 if result.occurrences else 1


def _add_source(args: argparse.Namespace) -> int:
    try:
        added = add_source(args.root, args.id, args.file, line_paragraphs=args.line_paragraphs)
    except AddSourceError as err:
        print(f"add-source: {err}", file=sys.stderr)
        return 1
    root: Path = args.root
    text_rel = added.text_path.relative_to(root).as_posix()
    meta_rel = added.meta_path.relative_to(root).as_posix()
    print(f"wrote {text_rel} ({added.paragraphs} paragraphs, sha256 {added.sha256})")
    print(f"wrote {meta_rel}")
    for name, origin in added.prefilled.items():
        print(f"  {name}: taken from the page's {origin} — check it")
    print()
    print("Next steps:")
    print(f"  1. Read {text_rel}: every paragraph must be text of the source.")
    print("     Paragraphs that are not (menus, bylines, captions) go under excluded_blocks.")
    if added.to_fill:
        print(f"  2. Fill in {meta_rel}: {', '.join(added.to_fill)} (marked FILL IN).")
    else:
        print(f"  2. Check every value in {meta_rel}, and the licence.")
    print("  3. Run: make check")
    return 0


def _claims_diff(args: argparse.Namespace) -> int:
    try:
        diff = diff_revisions(args.root, args.base, args.head)
    except GitError as err:
        print(f"claims-diff: {err}", file=sys.stderr)
        return 2
    print(format_markdown(diff), end="")
    return 0


def _coverage(args: argparse.Namespace) -> int:
    reports = coverage_reports(args.root)
    print(format_report(reports, details=not args.summary))
    if args.min is not None:
        low = below(reports, args.min)
        for report in low:
            print(
                f"{report.id}: coverage {report.percent:.1f}% is below the minimum {args.min:g}%",
                file=sys.stderr,
            )
        if low:
            return 1
    return 0


def _percent(value: str) -> float:
    try:
        number = float(value.rstrip("%"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a number") from None
    if not 0 <= number <= 100:
        raise argparse.ArgumentTypeError("give a percentage from 0 to 100")
    return number


if TYPE_CHECKING:  # what the `more` callables of `parser` add their commands to
    Commands = argparse._SubParsersAction[argparse.ArgumentParser]


def parser(*more: Callable[[Commands], None]) -> argparse.ArgumentParser:
    """The command line; each of `more` adds commands of a higher layer (macros/__main__.py)."""
    main_parser = argparse.ArgumentParser(prog="python -m macros", description=__doc__)
    main_parser.add_argument(
        "--root", type=Path, default=Path.cwd(), help="project folder (holding data/ and docs/)"
    )
    commands = main_parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser("check", help="validate data/ and report every problem")
    check.add_argument(
        "--github",
        action=argparse.BooleanOptionalAction,
        default=os.environ.get("GITHUB_ACTIONS") == "true",
        help="also print GitHub Actions annotations (default: on under GitHub Actions)",
    )
    check.set_defaults(run=_check)

    schema = commands.add_parser(
        "schema",
        help="write schema/*.schema.json from macros/core/model.py",
        description="Write the JSON Schema of every kind of data file into schema/.",
    )
    mode = schema.add_mutually_exclusive_group()
    mode.add_argument(
        "--stamp",
        action="store_true",
        help="also give every data file its first line '# yaml-language-server: $schema=…'",
    )
    mode.add_argument(
        "--check",
        action="store_true",
        help="write nothing; fail if a schema file is out of date or a data file lacks its line",
    )
    schema.set_defaults(run=_schema)

    find = commands.add_parser(
        "find-quote",
        help="find a phrase in the archived sources and print the exact quote to paste",
        description="Find a phrase (as copied from a browser: straight quotes, odd spaces and "
        "dashes are fine) in the archived sources, and print the source's exact text.",
    )
    find.add_argument("phrase", nargs="+", help="the words to look for")
    find.add_argument("--source", help="search only this source id")
    find.set_defaults(run=_find_quote)

    add = commands.add_parser(
        "add-source",
        help="archive a new source from a local text or HTML file",
        description="Write data/sources/ID.txt (normalised text) and data/sources/ID.yaml "
        "(metadata to fill in). Never overwrites existing files.",
    )
    add.add_argument("--id", required=True, help="the new source's id, e.g. author-2021-title")
    add.add_argument("file", type=Path, help="a .txt or .html file")
    add.add_argument(
        "--line-paragraphs",
        action="store_true",
        help="text files: each non-empty line is a paragraph (default: blank lines separate them)",
    )
    add.set_defaults(run=_add_source)

    diff = commands.add_parser(
        "claims-diff",
        help="Markdown summary of the claims added, removed and changed between revisions",
    )
    diff.add_argument("base", help="git revision to compare from (branch, tag or commit)")
    diff.add_argument(
        "head", nargs="?", default=None, help="git revision to compare to (default: working tree)"
    )
    diff.set_defaults(run=_claims_diff)

    coverage = commands.add_parser(
        "coverage", help="per source: sentence coverage and the sentences no claim covers yet"
    )
    coverage.add_argument(
        "--min",
        type=_percent,
        metavar="PERCENT",
        help="exit with status 1 when a source's coverage is below PERCENT",
    )
    coverage.add_argument(
        "--summary", action="store_true", help="only the totals, not every uncovered sentence"
    )
    coverage.set_defaults(run=_coverage)
    for add_commands in more:
        add_commands(commands)
    return main_parser


def main(argv: Sequence[str] | None = None, *more: Callable[[Commands], None]) -> int:
    args = parser(*more).parse_args(argv)
    result: int = args.run(args)
    return result
