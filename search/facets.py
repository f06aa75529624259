"""Facet counts from per-reader value arrays.

Whoosh's ``groupedby`` walks every hit in Python and counts a comma
KEYWORD field as whole strings ('何一智,沈东'). Instead, once per index
reader, we load each facet field into NumPy arrays (a value code per
document for single-valued fields, document/value pairs for multi-valued
ones) and count a query's documents with ``bincount``.
"""

from __future__ import annotations

import os
import threading
import zipfile
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np

from .memo import Memo
from .postings import PostingArrays
from .schema import MULTI_FACETS, SINGLE_FACETS

# The multi-valued fields anything counts. ``tag`` (an article's keywords,
# hundreds of thousands of distinct values) and ``region`` (the place
# hierarchy, for filtering) are searched, never counted: loading them took
# most of the 7 s a new commit cost before its first answer.
COUNTED_MULTI = tuple(name for name in MULTI_FACETS if name not in ("tag", "region"))


SINGLE_NAMES = (*SINGLE_FACETS, "date", "body_hash")


# Written beside each segment (``MAIN_<id>.facets``): Whoosh removes it with
# its segment. Bump when what it holds changes; an older file is read afresh.
VALUES_VERSION = 1
VALUES_SUFFIX = ".facets"


class _Values:
    """One segment's facet values: per single-valued field (its distinct values, sorted,
    and each document's code), per counted multi-valued one (document, code) pairs and
    the values."""

    def __init__(self, leaf=None):
        self.single: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self.multi: dict[str, tuple[np.ndarray, np.ndarray, list[str]]] = {}
        if leaf is not None:
            self._read(leaf)

    def _read(self, leaf) -> None:
        empty = leaf.doc_count_all() == 0  # an empty segment's reader has no columns
        for name in SINGLE_NAMES:
            values = [] if empty else list(leaf.column_reader(name, translate=True))
            uniq, codes = np.unique(np.array(values, dtype=object), return_inverse=True)
            self.single[name] = (uniq, codes.astype(np.int32))
        for name in COUNTED_MULTI:
            docs, codes, values = [], [], []
            for code, term in enumerate([] if empty else leaf.field_terms(name)):
                ids = list(leaf.postings(name, term).all_ids())
                docs.extend(ids)
                codes.extend([code] * len(ids))
                values.append(term if isinstance(term, str) else term.decode("utf-8"))
            self.multi[name] = (np.array(docs, dtype=np.int64), np.array(codes, dtype=np.int32),
                                values)

    def save(self, path: Path, doc_count_all: int) -> None:
        """Write to ``path`` (NumPy's .npz, no pickles), atomically."""
        arrays = {"version": np.array([VALUES_VERSION, doc_count_all], dtype=np.int64)}
        for name, (uniq, codes) in self.single.items():
            arrays[f"s.{name}.values"] = np.array([str(u) for u in uniq], dtype=str)
            arrays[f"s.{name}.codes"] = codes
        for name, (docs, codes, values) in self.multi.items():
            arrays[f"m.{name}.docs"] = docs
            arrays[f"m.{name}.codes"] = codes
            arrays[f"m.{name}.values"] = np.array(values, dtype=str)
        # a dot-name: Whoosh's clean-up leaves a half-written file of another process alone
        part = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}")
        try:
            with open(part, "wb") as f:
                np.savez(f, **arrays)
            os.replace(part, path)
        finally:
            part.unlink(missing_ok=True)

    @classmethod
    def load(cls, path: Path, doc_count_all: int) -> "_Values | None":
        """The values saved at ``path`` for a segment of ``doc_count_all`` documents;
        None when there is no such file or it does not fit."""
        try:
            with np.load(path, allow_pickle=False) as saved:
                if saved["version"].tolist() != [VALUES_VERSION, doc_count_all]:
                    return None
                found = cls()
                for name in SINGLE_NAMES:
                    found.single[name] = (saved[f"s.{name}.values"].astype(object),
                                          saved[f"s.{name}.codes"].astype(np.int32))
                for name in COUNTED_MULTI:
                    found.multi[name] = (saved[f"m.{name}.docs"].astype(np.int64),
                                         saved[f"m.{name}.codes"].astype(np.int32),
                                         saved[f"m.{name}.values"].tolist())
                return found
        except (OSError, KeyError, ValueError, EOFError, zipfile.BadZipFile):
            return None


class SegmentValues:
    """Facet values of an index's segments, kept from commit to commit.

    A segment never changes once written (a deletion only marks documents,
    which ``FacetCache.live`` accounts for), so a commit that adds an edition
    reads the new segment's values alone: reading all of them took 5 s on
    250,000 articles, before a commit's first answer.

    With ``folder`` (the index's), each segment's values are also saved beside
    it when first read, and read from there by every later process: reading
    them from the segment's term table mapped about 26 MB of it per segment
    into the serving process, and took 10 s on opening 550,000 articles.
    """

    def __init__(self, folder: str | Path | None = None) -> None:
        self._kept: dict[str, _Values] = {}
        self._lock = threading.Lock()
        self.folder = Path(folder) if folder is not None else None

    def of(self, leaf) -> _Values:
        segment = leaf.segment()
        key = segment.segment_id() if segment is not None else None
        with self._lock:
            found = self._kept.get(key) if key else None
        if found is None:
            found = self._saved(key, leaf)
            if key:
                with self._lock:
                    self._kept[key] = found
        return found

    def _saved(self, key: str | None, leaf) -> _Values:
        if key is None or self.folder is None:
            return _Values(leaf)
        found = _Values.load(_values_path(self.folder, key), leaf.doc_count_all())
        return found if found is not None else _read_and_save(leaf, self.folder)

    def keep_only(self, reader) -> None:
        """Forget the segments ``reader`` (the newest commit) no longer has."""
        current = {leaf.segment().segment_id() for leaf, _ in reader.leaf_readers()
                   if leaf.segment() is not None}
        with self._lock:
            self._kept = {k: v for k, v in self._kept.items() if k in current}


def _values_path(folder: str | Path, segment_id: str) -> Path:
    return Path(folder) / f"{segment_id}{VALUES_SUFFIX}"


def _read_and_save(leaf, folder: str | Path) -> _Values:
    """The segment's values read from it, and saved beside it when the folder allows."""
    found = _Values(leaf)
    try:
        found.save(_values_path(folder, leaf.segment().segment_id()), leaf.doc_count_all())
    except OSError:
        pass  # only a cache (a read-only index): the segment is read each time
    return found


def save_segment_values(reader, folder: str | Path) -> None:
    """Save the facet values of each segment of ``reader`` that has none saved
    beside it yet (after a commit, while the new segments are in the page cache)."""
    for leaf, _ in reader.leaf_readers():
        segment = leaf.segment()
        if segment is not None and not _values_path(folder, segment.segment_id()).exists():
            _read_and_save(leaf, folder)


def _combine_single(parts: list[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
    """One value list and code array for the whole index, from each segment's."""
    if len(parts) == 1:
        return parts[0]
    if not parts:
        return np.zeros(0, dtype=object), np.zeros(0, dtype=np.int32)
    uniq = np.unique(np.concatenate([u for u, _ in parts]))
    codes = [np.searchsorted(uniq, u).astype(np.int32)[c] for u, c in parts]
    return uniq, np.concatenate(codes)


def _combine_multi(parts: list[tuple[tuple, int]]) -> _Multi:
    """(document, value) pairs of the whole index, from each segment's."""
    values = sorted({v for (_, _, vals), _ in parts for v in vals})
    code_of = {v: i for i, v in enumerate(values)}
    docs, codes = [], []
    for (seg_docs, seg_codes, seg_values), offset in parts:
        remap = np.array([code_of[v] for v in seg_values], dtype=np.int32)
        docs.append(seg_docs + offset)
        codes.append(remap[seg_codes] if seg_codes.size else seg_codes)
    return _Multi(np.concatenate(docs) if docs else np.zeros(0, dtype=np.int64),
                  np.concatenate(codes) if codes else np.zeros(0, dtype=np.int32), values)


@dataclass
class _Single:
    codes: np.ndarray  # value code per document number
    values: list[str]

    def __post_init__(self):
        self.named = np.array([bool(v) for v in self.values], dtype=bool)  # not blank


@dataclass
class _Multi:
    docs: np.ndarray  # document number of each (document, value) pair
    codes: np.ndarray  # value code of each pair
    values: list[str]

    def __post_init__(self):
        self.named = np.array([bool(v) for v in self.values], dtype=bool)  # not blank


class FacetCache:
    """Facet values of every document of one index reader.

    ``matches`` and ``results`` memoise, for this reader only, the documents a
    query matches (a results page and its trend chart ask for the same ones)
    and whole result pages (the same search asked again); ``postings`` keeps
    the posting arrays that matching and ranking read, ``folded`` the folded
    text of articles shown (their snippets' main cost).
    """

    def __init__(self, reader, matches: int = 64, results: int = 0, postings: int = 8_000_000,
                 folded: int = 0, segments: SegmentValues | None = None):
        self.matches = Memo(matches)
        self.results = Memo(results)
        self.folded = Memo(folded)
        self._all_counts: dict[str, dict[str, int]] = {}
        self.postings = PostingArrays(postings)
        self.doc_count_all = reader.doc_count_all()
        self.live = np.fromiter(reader.all_doc_ids(), dtype=np.int64)  # not deleted
        store = segments if segments is not None else SegmentValues()
        parts = [(store.of(leaf), offset) for leaf, offset in reader.leaf_readers()]
        store.keep_only(reader)
        self.single: dict[str, _Single] = {}
        for name in SINGLE_NAMES:
            uniq, codes = _combine_single([part.single[name] for part, _ in parts])
            self.single[name] = _Single(codes, [str(u) for u in uniq])
        self.multi: dict[str, _Multi] = {}
        for name in COUNTED_MULTI:
            self.multi[name] = _combine_multi([(part.multi[name], offset) for part, offset in parts])

    def distinct_bodies(self, docs: np.ndarray) -> np.ndarray:
        """``docs`` with one document per body: reprints and revision copies counted once."""
        if docs.size == 0:
            return docs
        _, first = np.unique(self.single["body_hash"].codes[docs], return_index=True)
        return np.sort(docs[first])

    @cached_property
    def all_bodies(self) -> np.ndarray:
        """One document per distinct body over the whole index (the trend's denominators)."""
        return self.distinct_bodies(self.live)

    def all_counts(self, name: str) -> dict[str, int]:
        """{value: count} of facet ``name`` over one document per body of the whole
        index (a trend's denominators), counted once per commit."""
        kept = self._all_counts.get(name)
        if kept is None:
            kept = self._all_counts[name] = dict(self.counts(name, self.all_bodies, limit=None))
        return kept

    def by_date(self, docs: np.ndarray, newest: bool = False) -> np.ndarray:
        """One document per body of ``docs``, by publication date (oldest or newest first),
        then in index order; a reprinted body is shown at its oldest (newest) printing."""
        if docs.size == 0:
            return docs
        codes = self.single["date"].codes[docs]
        ordered = docs[np.lexsort((docs, -codes if newest else codes))]
        _, first = np.unique(self.single["body_hash"].codes[ordered], return_index=True)
        return ordered[np.sort(first)]

    def counts(self, name: str, docs: np.ndarray, limit: int | None = 20,
               by_value: bool = False) -> list[tuple[str, int]]:
        """(value, count) of facet ``name`` over ``docs``, most frequent first (or by value)."""
        if name in self.single:
            facet = self.single[name]
            counted = np.bincount(facet.codes[docs], minlength=len(facet.values))
            values = facet.values
        else:
            facet = self.multi[name]
            mask = np.zeros(self.doc_count_all, dtype=bool)
            mask[docs] = True
            counted = np.bincount(facet.codes[mask[facet.docs]], minlength=len(facet.values))
            values = facet.values
        present = np.flatnonzero(counted)
        if limit and not by_value and present.size > limit:
            # only values counted at least as often as the limit-th most counted (blank
            # values left out) can be in the top ``limit``: a word in 10,000 articles
            # has about 2,000 places, and sorting them all in Python cost 0.3 ms
            named = present[facet.named[present]]
            if named.size > limit:
                found = counted[named]
                floor = np.partition(found, found.size - limit)[found.size - limit]
                present = named[found >= floor]
        nonzero = [(values[i], int(counted[i])) for i in present.tolist() if values[i]]
        if by_value:
            nonzero.sort()
        else:
            nonzero.sort(key=lambda vc: (-vc[1], vc[0]))
        return nonzero[:limit] if limit else nonzero
