"""Data read from the database once per process and kept in memory until it changes."""

import threading
import uuid

from django.core.cache import cache
from django.db import transaction


class Versioned:
    """`load()`'s result, kept in this process's memory.

    A version stamp in the shared cache says when it must be read again: `bump()` (called
    where the data changes) gives it a new value, and every process, on its next `get()`,
    sees the stamp moved and loads the data again. A request reads one small stamp from the
    cache, never the data itself (which a cache would unpickle each time)."""

    def __init__(self, key, load):
        self.key, self.load = key, load
        self.lock = threading.Lock()
        self.version = self.data = None

    def stamp(self):
        version = cache.get(self.key)
        if version is None:  # first use, or the cache was emptied
            cache.add(self.key, uuid.uuid4().hex, timeout=None)
            version = cache.get(self.key)
        return version

    def get(self):
        version = self.stamp()
        if self.version != version or self.data is None:
            with self.lock:
                if self.version != version or self.data is None:
                    self.data, self.version = self.load(), version
        return self.data

    def bump(self, *args, **kwargs):
        """The data changed (usable as a signal receiver): a new stamp now, and another once
        the transaction commits. A process that reloads in between reads the database as it
        was before the change (not committed yet) and would keep that under the new stamp;
        the second stamp makes it read again."""
        self._new_stamp()
        if transaction.get_connection().in_atomic_block:  # else the change is committed
            transaction.on_commit(self._new_stamp)

    def _new_stamp(self):
        cache.set(self.key, uuid.uuid4().hex, timeout=None)
