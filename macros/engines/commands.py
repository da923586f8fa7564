"""Engine commands: `python -m macros generate DIR` and `python -m macros finish SITE`.

They sit in the engine layer, which the contributor tools may not import; macros/__main__.py adds
them to the tools' command line. Like macros/tools/cli.py, this module prints and picks exit codes.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from macros.core.diagnostics import DataError
from macros.engines.finish import finish_site
from macros.engines.generate import CONFIG, ENGINE_LINKS, GenerateError, generate
from macros.engines.watched import CODE, code_fingerprint, fingerprint

# What `generate --watch` follows: a change to any of these regenerates DIR.
_WATCHED = ("data", "docs", CONFIG, CODE)
_POLL_SECONDS = 0.5


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    gen = commands.add_parser(
        "generate",
        help="write the whole site as a plain project (DIR/mkdocs.yml, DIR/docs/) for any engine",
        description="Write DIR/mkdocs.yml (no hooks, navigation expanded, theme overrides "
        "copied) and DIR/docs/ (every page with macros expanded, exports, assets), so that "
        "`mkdocs build -f DIR/mkdocs.yml` or `zensical build` builds the site without the hook.",
    )
    gen.add_argument("dir", type=Path, help="where to write (created; never inside docs/)")
    gen.add_argument(
        "--engine",
        choices=sorted(ENGINE_LINKS),
        default="mkdocs",
        help="the engine that will build DIR (Zensical reads links in pages differently)",
    )
    gen.add_argument(
        "--watch",
        action="store_true",
        help="keep running and regenerate whenever data/, docs/, mkdocs.yml or macros/ change",
    )
    gen.set_defaults(run=_generate)

    fin = commands.add_parser(
        "finish",
        help="finish a built site in place: theme markup repairs and Content-Security-Policy",
        description="Run the pass the MkDocs hook runs on each page over every HTML file of a "
        "built site (for engines without hooks). Running it twice changes nothing.",
    )
    fin.add_argument("site", type=Path, help="the built site folder, e.g. site/")
    fin.set_defaults(run=_finish)


def _generate_once(root: Path, out: Path, engine: str) -> int:
    started = time.perf_counter()
    try:
        done = generate(root, out, engine)
    except DataError as err:
        print(err, file=sys.stderr)
        print(f"{out} was left as it was.", file=sys.stderr)
        return 1
    except GenerateError as err:
        print(f"generate: {err}", file=sys.stderr)
        return 2
    elapsed = time.perf_counter() - started
    print(
        f"generate: {out}: {done.files} files, {done.written} written, "
        f"{done.removed} removed, in {elapsed:.2f} s"
    )
    return 0


def _generate(args: argparse.Namespace) -> int:
    root: Path = args.root
    out: Path = args.dir
    status = _generate_once(root, out, args.engine)
    if not args.watch or status == 2:
        return status
    print(f"generate: watching {', '.join(_WATCHED)} (Ctrl+C stops)", flush=True)
    code, seen = code_fingerprint(root), fingerprint(root, *_WATCHED)
    try:
        while True:
            time.sleep(_POLL_SECONDS)
            now = fingerprint(root, *_WATCHED)
            if now == seen:
                continue
            seen = now
            if code_fingerprint(root) != code:  # the generator itself changed: restart it
                sys.stdout.flush()
                os.execv(sys.executable, [sys.executable, "-m", "macros", *sys.argv[1:]])
            _generate_once(root, out, args.engine)
            sys.stdout.flush()
    except KeyboardInterrupt:
        return 0


def _finish(args: argparse.Namespace) -> int:
    site: Path = args.site
    if not site.is_dir():
        print(f"finish: {site} is not a folder (build the site first)", file=sys.stderr)
        return 2
    done = finish_site(site)
    if not done.pages:
        print(f"finish: {site} has no HTML pages", file=sys.stderr)
        return 2
    print(f"finish: {site}: {done.pages} pages, {done.changed} rewritten")
    return 0
