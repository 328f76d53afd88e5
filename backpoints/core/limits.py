"""How big a dataset may be, and loading many objects without the cyclic collector.

Kept apart from loader.py so that the verified-copy path (core/cache.py) uses the same
limit without importing PyYAML.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator

#: The largest dataset file read, in bytes. A point takes about 1.9 kB of YAML, so this
#: holds about 17,000 points (the benchmark's 10,000 are 19 MB); parsing a file this size
#: takes a few seconds and a few hundred MB of memory at most, so a hostile or mistaken
#: file (a log, a disk image) is refused before it is read. Sheets, routines and the other
#: files keep the general limit (files.MAX_FILE_BYTES, 8 MB).
DATASET_MAX_BYTES = 32 * 1024 * 1024


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection inside: parsing makes hundreds of thousands of objects
    and no cycles, and the collector kept re-scanning them (60-70% of the load time of
    10,000 points). Restored as it was, also on errors."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
