"""Pausing Python's cyclic garbage collector while the knowledge base is built.

Loading creates millions of small objects that all stay alive (nodes, records, checked claims)
and few or no reference cycles. Each time enough of them are made, the collector walks every
object made so far: at ×100 of the real site that was a third of the loading time, for nothing.
Objects without cycles are still freed at once by reference counting; a cycle made meanwhile is
collected once the pause ends.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_collection() -> Iterator[None]:
    """No cyclic collection inside (also as a decorator); whoever paused it first resumes it."""
    resume = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if resume:
            gc.enable()
