"""Contributor commands: python -m macros COMMAND (check, schema, find-quote, paragraph,
add-source, re-archive, claims-diff, coverage, new-site, update-generator). Only this module (and, for the engine commands
generate and finish, macros/engines/commands.py) prints or chooses exit codes."""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from macros.core.diagnostics import DataError
from macros.core.reproduction import reproductions
from macros.core.yaml_nodes import parser_note
from macros.pages.json_schemas import stale_schemas, stamp_files, write_schemas
from macros.pages.names import checked_plan
from macros.tools.add_source import AddSourceError, add_source
from macros.tools.claims_diff import diff_revisions
from macros.tools.coverage_report import below, coverage_reports, format_report
from macros.tools.diff_report import format_markdown
from macros.tools.new_site import NewSiteError, new_site, update_generator
from macros.tools.paragraphs import ParagraphError, format_paragraphs, source_paragraphs
from macros.tools.quote_finder import find_phrase, fold_phrase, format_result
from macros.tools.re_archive import ReArchiveError, format_re_archive, re_archive
from macros.tools.revisions import GitError, branch_point, resolve

WORKING_TREE = "working-tree"  # as --head: the files as they are now, committed or not


def _check(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    note = parser_note()
    if note:
        print(note, file=sys.stderr)
    try:
        kb = checked_plan(args.root).kb
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
        f"{len(kb.actors)} actors, {len(kb.events)} events, {len(kb.terms)} terms, "
        f"{len(kb.argument.links)} links between claims checked in {elapsed:.2f} s."
    )
    for ident, reproduced in reproductions(kb).items():
        source = kb.sources[ident]
        print(
            f"{source.file}: the site reproduces {reproduced.amount()}, pages and exports "
            f"together: {reproduced.how}; licence: {source.licence}"
        )
        if not source.republish:
            print("  republish: false: read README.md, “Publishing and rights”, before publishing")
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


def _read_phrase() -> str:
    """The phrase from standard input: pasted at a prompt, or piped in (every line of it)."""
    if sys.stdin.isatty():
        print("Paste the words from the source, then press Enter:", file=sys.stderr)
        return sys.stdin.readline()
    return sys.stdin.read()


def _find_quote(args: argparse.Namespace) -> int:
    if len(args.phrase) > 1:
        # Several arguments mean the shell split the phrase at its quote marks and dropped them.
        print(
            f"find-quote: got {len(args.phrase)} separate arguments "
            f"({', '.join(repr(word) for word in args.phrase)}): the shell split the phrase at "
            "a quote mark. Give no phrase and paste it when asked (make find-quote), or pipe "
            "it in: python -m macros find-quote < phrase.txt",
            file=sys.stderr,
        )
        return 2
    phrase = args.phrase[0] if args.phrase else _read_phrase()
    if not fold_phrase(phrase):
        print("find-quote: the phrase is empty: copy some words from the source", file=sys.stderr)
        return 2
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


def _re_archive(args: argparse.Namespace) -> int:
    try:
        result = re_archive(
            args.root,
            args.id,
            args.file,
            accept_changes=args.accept_changes,
            line_paragraphs=args.line_paragraphs,
        )
    except ReArchiveError as err:
        print(f"re-archive: {err}", file=sys.stderr)
        return 2
    print(format_re_archive(result), end="")
    if result.identical or (result.written and not result.problems):
        return 0
    return 1


def _line_paragraphs_option(command: argparse.ArgumentParser) -> None:
    """How a text file is cut into paragraphs: add-source and re-archive read files alike."""
    command.add_argument(
        "--line-paragraphs",
        action="store_true",
        help="text files: each non-empty line is a paragraph (default: blank lines separate them)",
    )


def _claims_diff(args: argparse.Namespace) -> int:
    root: Path = args.root
    try:
        head = None if args.head == WORKING_TREE else resolve(root, args.head)
        base = (
            resolve(root, args.base)
            if args.base
            else branch_point(root, head or resolve(root, "HEAD"))
        )
        diff = diff_revisions(root, base, head)
    except GitError as err:
        print(f"claims-diff: {err}", file=sys.stderr)
        return 2
    print(format_markdown(diff), end="")
    return 0


def _paragraph(args: argparse.Namespace) -> int:
    try:
        view = source_paragraphs(args.root, args.source, args.number)
    except ParagraphError as err:
        print(f"paragraph: {err}", file=sys.stderr)
        return 2
    print(format_paragraphs(view))
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


def _new_site(args: argparse.Namespace) -> int:
    try:
        made = new_site(args.folder, args.name)
    except NewSiteError as err:
        print(f"new-site: {err}", file=sys.stderr)
        return 2
    print(f"wrote {made.files} files into {made.root}")
    print()
    print("Next steps:")
    print(f"  cd {made.root}")
    print("  make site    # installs the pinned requirements into .venv, builds site/ strictly")
    print("  make test    # lint and the generic tests")
    print("Then replace the example source (data/sources/example-*) with your own: see its README.")
    return 0


def _update_generator(args: argparse.Namespace) -> int:
    try:
        update = update_generator(args.root, args.source)
    except NewSiteError as err:
        print(f"update-generator: {err}", file=sys.stderr)
        return 2
    for rel in update.changed:
        print(f"updated {rel}")
    for rel in update.removed:
        print(f"removed {rel}")
    if not update.changed and not update.removed:
        print("the generator and the generic tests were already up to date.")
    for rel in update.differing:
        print(
            f"note: {rel} is yours and was left as it is; the newer template's differs "
            f"(compare with {args.source / 'macros/tools/site_template' / rel})"
        )
    print("Next: make test")
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
        "dashes are fine) in the archived sources, and print the source's exact text. Without "
        "a PHRASE argument it is read from standard input, where quote marks need no escaping.",
    )
    find.add_argument(
        "phrase",
        nargs="*",
        help="the words to look for, as one argument (default: read them from standard input)",
    )
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
    _line_paragraphs_option(add)
    add.set_defaults(run=_add_source)

    again = commands.add_parser(
        "re-archive",
        help="replace a source's archived text by a new version, re-anchoring every quote exactly",
        description="Read a new version of a source's text (normalised as add-source does), "
        "report each quote as unchanged, moved, changed, ambiguous or orphaned, and write the "
        "text and its sha256 only when every quote still matches exactly (or with "
        "--accept-changes).",
    )
    again.add_argument("--id", required=True, help="the source's id")
    again.add_argument("file", type=Path, help="the new version: a .txt or .html file")
    again.add_argument(
        "--accept-changes",
        action="store_true",
        help="write the new version even though some quotes no longer match it exactly",
    )
    _line_paragraphs_option(again)
    again.set_defaults(run=_re_archive)

    diff = commands.add_parser(
        "claims-diff",
        help="Markdown summary of every source, topic, actor, event, term and claim a branch "
        "adds, removes or changes",
        description="Compare the data at two git revisions: by default the commit HEAD with "
        "the commit it branched from (its merge-base with origin/main, or main).",
    )
    diff.add_argument(
        "--base", help="revision to compare from (default: the merge-base of HEAD and main)"
    )
    diff.add_argument(
        "--head",
        default="HEAD",
        help=f"revision to compare to (default: HEAD; '{WORKING_TREE}': the files as they are now)",
    )
    diff.set_defaults(run=_claims_diff)

    paragraph = commands.add_parser(
        "paragraph",
        help="print paragraph N of an archived source (or all, numbered) and the claims quoting it",
        description="Print an archived source's paragraph N, sentence by sentence, with the "
        "claims that already quote each sentence; without N, every paragraph.",
    )
    paragraph.add_argument(
        "number", nargs="?", type=int, metavar="N", help="paragraph number (default: all)"
    )
    paragraph.add_argument("--source", help="the source's id (needed when there are several)")
    paragraph.set_defaults(run=_paragraph)

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

    new = commands.add_parser(
        "new-site",
        help="make the project folder of a claims site on another subject",
        description="Write a new project (outside this one) holding the generator, an example "
        "source with three claims, a topic, an actor and a link, generic pages and tests, its "
        "own README, Makefile and CI. Never writes into a folder that is not empty.",
    )
    new.add_argument("folder", type=Path, help="the new project's folder (new or empty)")
    new.add_argument("--name", required=True, help='the site\'s name, e.g. "Birds of the Marsh"')
    new.set_defaults(run=_new_site)

    update = commands.add_parser(
        "update-generator",
        help="replace this site's generator (macros/) and generic tests by a newer version",
        description="Copy macros/, docs/assets/claims.*, the requirement pins and the generic "
        "tests from FROM (a checkout of the generator's repository) into this site; data/, "
        "docs/ pages, mkdocs.yml and the site's own files stay as they are.",
    )
    update.add_argument("source", type=Path, metavar="FROM", help="the newer generator's folder")
    update.set_defaults(run=_update_generator)
    for add_commands in more:
        add_commands(commands)
    return main_parser


def main(argv: Sequence[str] | None = None, *more: Callable[[Commands], None]) -> int:
    args = parser(*more).parse_args(argv)
    try:
        result: int = args.run(args)
    except BrokenPipeError:
        # The reader stopped reading (`make claims-diff | head`): say nothing more, and keep
        # Python from reporting the pipe again when it flushes stdout at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return result
