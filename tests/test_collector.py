"""Loading pauses the cyclic garbage collector and always resumes it, even when the data is bad:
a build or a live preview that went on without it would keep every reference cycle it makes."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from macros.core.collector import paused_collection
from macros.core.diagnostics import DataError
from macros.core.project import load_knowledge
from tests.helpers import write_project


def test_loading_resumes_the_collector_after_good_and_bad_data(tmp_path: Path) -> None:
    project = write_project(tmp_path)
    assert gc.isenabled()
    load_knowledge(project.root)
    assert gc.isenabled()
    project.write("data/claims/core.yaml", "- id: [unclosed\n")
    with pytest.raises(DataError):
        load_knowledge(project.root)
    assert gc.isenabled()


def test_a_pause_inside_a_pause_leaves_the_collector_paused() -> None:
    with paused_collection():
        with paused_collection():
            assert not gc.isenabled()
        assert not gc.isenabled()  # resumed only by the outer pause
    assert gc.isenabled()


def test_a_collector_already_off_stays_off() -> None:
    gc.disable()
    try:
        with paused_collection():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
