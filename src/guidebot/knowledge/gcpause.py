"""Building knowledge without Python's cycle collector running all the while.

Loading a large library makes hundreds of thousands of small objects (sections, paragraphs,
FAQ entries, passages) that all live on. Each few hundred new objects start a collection,
and as the heap grows, full ones that walk every object the process holds, the knowledge
already loaded (the one a reload replaces) included: at 100,000 passages about a third of
the time went to finding no garbage. These objects hold no cycles, so pausing the collector
while they are made loses nothing; it runs again, as before, once they are built.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Within it, no automatic cycle collection; after it, the collector as it was, so a
    nested pause does not switch it back on early. The switch is the process's: pauses in
    two threads at once end with the first to finish, which only costs speed."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
