"""Command line: `python -m macros check` and the other commands.

The contributor tools (macros/tools/cli.py) may not import the engine layer, so the engine
commands (generate, finish) are added here, where every layer may be combined.
"""

from macros.engines.commands import add_commands
from macros.tools.cli import main

raise SystemExit(main(None, add_commands))
