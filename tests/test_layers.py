"""The package's layers, checked: core ← pages ← engines, tools on core and pages, no cycles.

Every module's imports are read from its source (ast), including imports inside functions and
under `TYPE_CHECKING`: a lazy import is still a dependency. Only the engine layer may import an
engine or its theme, only the pages layer the template libraries; a layer imports only the layers
below it. Then each module is imported alone in a fresh interpreter, as sphinx-needs' tests do, so
an import cycle that a lucky import order hides elsewhere still fails here.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.helpers import REPO

PACKAGE = REPO / "macros"

# Which macros.* layers each layer may import ("entry" is macros/__init__ and __main__, where the
# command line combines every layer).
LAYERS = ("core", "pages", "engines", "tools")
MAY_IMPORT: dict[str, frozenset[str]] = {
    "core": frozenset({"core"}),
    "pages": frozenset({"core", "pages"}),
    "tools": frozenset({"core", "pages", "tools"}),
    "engines": frozenset({"core", "pages", "engines"}),
    "entry": frozenset({"core", "pages", "engines", "tools"}),
}
# Third-party packages only one layer may import: the site engines and their theme, and the
# template libraries that only page rendering uses.
ONLY_IN: dict[str, str] = {
    "mkdocs": "engines",
    "material": "engines",  # mkdocs-material, the theme
    "properdocs": "engines",
    "zensical": "engines",
    "jinja2": "pages",
    "markupsafe": "pages",
}


@dataclass(frozen=True)
class Module:
    name: str  # macros.core.loader
    path: Path

    @property
    def layer(self) -> str:
        parts = self.name.split(".")
        return parts[1] if len(parts) > 1 and parts[1] in LAYERS else "entry"


def package_modules() -> list[Module]:
    modules = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(REPO).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        modules.append(Module(".".join(parts), path))
    return modules


def imported_names(module: Module) -> set[str]:
    """Every module name the source imports, relative imports resolved."""
    tree = ast.parse(module.path.read_text(encoding="utf-8"), str(module.path))
    is_package = module.path.name == "__init__.py"
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.name.split(".")
                base = base if is_package else base[:-1]
                base = base[: len(base) - (node.level - 1)]
                prefix = ".".join(base)
                target = f"{prefix}.{node.module}" if node.module else prefix
            else:
                target = node.module or ""
            names.add(target)
            # `from macros import pages` imports a layer too
            names.update(f"{target}.{alias.name}" for alias in node.names if target == "macros")
    return names


def violations(module: Module, names: set[str]) -> list[str]:
    """What the module imports that its layer may not, as readable lines."""
    found = []
    for name in sorted(names):
        top, *rest = name.split(".")
        if top in ONLY_IN and ONLY_IN[top] != module.layer:
            found.append(f"{module.name} imports {name}: only macros/{ONLY_IN[top]}/ may")
        imported_layer = rest[0] if top == "macros" and rest and rest[0] in LAYERS else None
        if imported_layer and imported_layer not in MAY_IMPORT[module.layer]:
            found.append(f"{module.name} ({module.layer}) imports {name} ({imported_layer})")
    return found


MODULES = package_modules()


def test_every_module_belongs_to_a_layer() -> None:
    layers = {m.layer for m in MODULES}
    assert layers <= set(MAY_IMPORT)
    assert set(LAYERS) <= layers


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.name)
def test_module_imports_only_what_its_layer_may(module: Module) -> None:
    assert violations(module, imported_names(module)) == []


def test_the_check_finds_each_kind_of_violation(tmp_path: Path) -> None:
    """The rules above do catch a wrong import (so the per-module test can fail)."""
    source = tmp_path / "bad.py"
    source.write_text(
        "import mkdocs.plugins\nfrom jinja2 import Template\nfrom ..pages import routes\n"
        "def later() -> None:\n    from macros.engines import mkdocs_hook\n",
        encoding="utf-8",
    )
    module = Module("macros.core.bad", source)
    found = violations(module, imported_names(module))
    assert found == [
        "macros.core.bad imports jinja2: only macros/pages/ may",
        "macros.core.bad (core) imports macros.engines (engines)",
        "macros.core.bad (core) imports macros.pages (pages)",
        "macros.core.bad imports mkdocs.plugins: only macros/engines/ may",
    ]


def _import_alone(name: str) -> tuple[str, int, str]:
    done = subprocess.run(
        [sys.executable, "-c", f"import {name}"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return name, done.returncode, done.stderr


def test_every_module_imports_alone_in_a_fresh_interpreter() -> None:
    """An import cycle fails whichever of its modules is imported first; try each one first."""
    names = [m.name for m in MODULES if m.name != "macros.__main__"]  # __main__ runs the CLI
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(_import_alone, names))
    failed = [
        f"{name}:\n{stderr.strip().splitlines()[-1]}" for name, code, stderr in results if code
    ]
    assert failed == []
