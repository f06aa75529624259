"""Searchers on the newest commit of an index: one per thread, and data derived once per commit."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from whoosh.reading import ReaderClosed


def refreshed(ix, searcher):
    """A new searcher on the newest commit; the old one is closed.

    Not Whoosh's ``refresh()``: whoosh3 reuses the old segment readers by
    segment id, with their old deletion lists, and keeps segments a merge
    removed, so an updated article's old version stayed searchable (and
    every article showed twice after an optimize). Opening afresh is cheap
    now that segment files are read through their mmap (search/storage.py).
    """
    fresh = ix.searcher()
    try:
        searcher.close()
    except ReaderClosed:
        pass
    return fresh


class Snapshots:
    """Per-thread searchers kept on the newest commit, with ``derive(reader)`` cached per commit.

    A Whoosh searcher reads its files through shared file positions, so two
    threads searching through one read each other's bytes ("Damaged
    postings block" under load, not a damaged index): each thread gets its
    own. What ``derive`` builds (facet arrays) is read-only and shared.
    """

    def __init__(self, ix, derive: Callable[[Any], Any]):
        self.ix = ix
        self._derive = derive
        self._local = threading.local()
        self._lock = threading.Lock()
        self._derived: dict[Any, Any] = {}
        self._opened: list = []

    def current(self):
        """(searcher, derived data) for the calling thread, on the newest commit."""
        searcher = getattr(self._local, "searcher", None)
        if searcher is None:
            searcher = self._local.searcher = self.ix.searcher()
            with self._lock:
                self._opened.append(searcher)
        elif not searcher.up_to_date():
            old = searcher
            searcher = self._local.searcher = refreshed(self.ix, old)
            with self._lock:
                self._opened = [s for s in self._opened if s is not old] + [searcher]
        reader = searcher.reader()
        key = (reader.generation(), reader.doc_count_all())
        with self._lock:
            data = self._derived.get(key)
            if data is None:
                data = self._derive(reader)
                # keep the last two: a thread may still finish a search on the older one
                self._derived = {**dict(list(self._derived.items())[-1:]), key: data}
        return searcher, data

    def close(self) -> None:
        with self._lock:
            for searcher in self._opened:
                try:
                    searcher.close()
                except ReaderClosed:
                    pass  # a refreshed searcher shares readers with the one it replaced
            self._opened.clear()
