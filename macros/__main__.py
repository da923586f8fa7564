"""Command line: `python -m macros check` (more commands in macros/tools/cli.py)."""

from macros.tools.cli import main

raise SystemExit(main())
