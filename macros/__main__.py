"""Command line: `python -m macros check` (more commands in macros/cli.py)."""

from macros.cli import main

raise SystemExit(main())
