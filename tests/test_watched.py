"""The fingerprints a live preview compares: the generator's Python code apart from the files
every build reads anew, so a preview restarts (or says to restart) only when it must."""

from __future__ import annotations

import os
from pathlib import Path

from macros.engines.watched import code_fingerprint, files_fingerprint, fingerprint, imported_code


def _tree(root: Path) -> None:
    for name, text in {
        "macros/pages/render.py": "RENDER = 1\n",
        "macros/pages/templates/topic.md.j2": "{{ title }}\n",
        "macros/engines/theme/main.html": "<main></main>\n",
        "macros/pages/__pycache__/render.cpython-311.pyc": "bytecode",
        "data/claims/core.yaml": "[]\n",
    }.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _touch(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))  # a later save


def test_an_edit_to_the_generator_s_python_changes_its_code_fingerprint(tmp_path: Path) -> None:
    _tree(tmp_path)
    before = code_fingerprint(tmp_path)
    assert [Path(path).name for path, _, _ in before] == ["render.py"]
    _touch(tmp_path / "macros/pages/render.py", "RENDER = 2\n")
    assert code_fingerprint(tmp_path) != before


def test_templates_theme_and_bytecode_leave_the_code_fingerprint_alone(tmp_path: Path) -> None:
    _tree(tmp_path)
    before = code_fingerprint(tmp_path)
    _touch(tmp_path / "macros/pages/templates/topic.md.j2", "{{ title }}!\n")
    _touch(tmp_path / "macros/engines/theme/main.html", "<main>!</main>\n")
    _touch(tmp_path / "macros/pages/__pycache__/render.cpython-311.pyc", "other bytecode")
    assert code_fingerprint(tmp_path) == before


def test_the_watched_fingerprint_sees_data_and_templates_but_not_bytecode(tmp_path: Path) -> None:
    _tree(tmp_path)
    before = fingerprint(tmp_path, "data", "macros", "no-such-folder")
    assert len(before) == 4  # bytecode left out, a missing name is no error
    _touch(tmp_path / "macros/pages/__pycache__/render.cpython-311.pyc", "other bytecode")
    assert fingerprint(tmp_path, "data", "macros", "no-such-folder") == before
    _touch(tmp_path / "data/claims/core.yaml", "[] # edited\n")
    assert fingerprint(tmp_path, "data", "macros", "no-such-folder") != before


def test_imported_code_lists_the_package_s_loaded_modules_only() -> None:
    loaded = {path.as_posix() for path in imported_code("macros")}
    assert any(path.endswith("macros/engines/watched.py") for path in loaded)
    assert not any(
        path.endswith("macros/tools/site_template/tests/test_build.py") for path in loaded
    )
    assert imported_code("no_such_package_anywhere") == []


def test_a_file_that_is_gone_drops_out_of_the_files_fingerprint(tmp_path: Path) -> None:
    _tree(tmp_path)
    code = tmp_path / "macros/pages/render.py"
    before = files_fingerprint([code])
    assert len(before) == 1
    code.unlink()
    assert files_fingerprint([code]) == frozenset()
