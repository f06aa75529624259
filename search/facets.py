"""Facet counts from per-reader value arrays.

Whoosh's ``groupedby`` walks every hit in Python and counts a comma
KEYWORD field as whole strings ('何一智,沈东'). Instead, once per index
reader, we load each facet field into NumPy arrays (a value code per
document for single-valued fields, document/value pairs for multi-valued
ones) and count a query's documents with ``bincount``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from .memo import Memo
from .postings import PostingArrays
from .schema import MULTI_FACETS, SINGLE_FACETS

# The multi-valued fields anything counts. ``tag`` (an article's keywords,
# hundreds of thousands of distinct values) and ``region`` (the place
# hierarchy, for filtering) are searched, never counted: loading them took
# most of the 7 s a new commit cost before its first answer.
COUNTED_MULTI = tuple(name for name in MULTI_FACETS if name not in ("tag", "region"))


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
                 folded: int = 0):
        self.matches = Memo(matches)
        self.results = Memo(results)
        self.folded = Memo(folded)
        self._all_counts: dict[str, dict[str, int]] = {}
        self.postings = PostingArrays(postings)
        self.doc_count_all = reader.doc_count_all()
        self.live = np.fromiter(reader.all_doc_ids(), dtype=np.int64)  # not deleted
        self.single: dict[str, _Single] = {}
        empty = self.doc_count_all == 0  # an empty index's reader has no columns
        for name in (*SINGLE_FACETS, "date", "body_hash"):
            values = [] if empty else list(reader.column_reader(name, translate=True))
            uniq, codes = np.unique(np.array(values, dtype=object), return_inverse=True)
            self.single[name] = _Single(codes.astype(np.int32), [str(u) for u in uniq])
        self.multi: dict[str, _Multi] = {}
        for name in COUNTED_MULTI:
            docs, codes, values = [], [], []
            for code, term in enumerate([] if empty else reader.field_terms(name)):
                ids = list(reader.postings(name, term).all_ids())
                docs.extend(ids)
                codes.extend([code] * len(ids))
                values.append(term if isinstance(term, str) else term.decode("utf-8"))
            self.multi[name] = _Multi(np.array(docs, dtype=np.int64),
                                      np.array(codes, dtype=np.int32), values)

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
