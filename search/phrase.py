"""A fast phrase query: leapfrog the postings, compare position sets.

Whoosh's Phrase builds span objects for every candidate document; on the
n-gram field, where a phrase is many posting lists, that took most of a
query's time (0.5 s for "立法會議員" on 52k articles). This matcher
intersects the lists by skipping and checks positions with set arithmetic.
It serves any field whose positions count tokens: n-grams and words alike.
"""

from __future__ import annotations

import numpy as np
from whoosh import matching
from whoosh.matching import mcore
from whoosh.query import Phrase, Query, Term


class FastPhrase(Phrase):
    """Consecutive terms of a positions field, matched without spans."""

    def matcher(self, searcher, context=None):
        field = searcher.schema[self.fieldname]
        reader = searcher.reader()
        matchers = []
        for word in self.words:
            btext = field.to_bytes(word)
            if (self.fieldname, btext) not in reader:
                return matching.NullMatcher()
            matchers.append(Term(self.fieldname, word).matcher(searcher, context))
        # the rarest list leads: it decides how far the others skip
        order = sorted(range(len(matchers)), key=lambda i: reader.doc_frequency(
            self.fieldname, field.to_bytes(self.words[i])))
        return _PhraseMatcher([matchers[i] for i in order], order, self.boost)


class _PhraseMatcher(mcore.Matcher):
    def __init__(self, matchers, offsets, boost=1.0):
        self._ms = matchers
        self._offsets = offsets  # each matcher's place in the phrase
        self._boost = boost
        self._active = True
        self._find()

    def _find(self) -> None:
        ms = self._ms
        while True:
            if not all(m.is_active() for m in ms):
                self._active = False
                return
            target = max(m.id() for m in ms)
            for m in ms:
                if m.id() < target:
                    m.skip_to(target)
                    if not m.is_active():
                        self._active = False
                        return
            if any(m.id() != target for m in ms):
                continue
            if self._aligned():
                return
            ms[0].next()

    def _aligned(self) -> bool:
        starts = None
        for m, offset in zip(self._ms, self._offsets):
            shifted = {p - offset for p in m.value_as("positions")}
            starts = shifted if starts is None else starts & shifted
            if not starts:
                return False
        return True

    def is_active(self) -> bool:
        return self._active

    def id(self):
        return self._ms[0].id()

    def next(self):
        self._ms[0].next()
        self._find()

    def skip_to(self, id):
        if self._active and self.id() < id:
            self._ms[0].skip_to(id)
            self._find()

    def reset(self):
        for m in self._ms:
            m.reset()
        self._active = True
        self._find()

    def copy(self):
        return _PhraseMatcher([m.copy() for m in self._ms], self._offsets, self._boost)

    def supports_block_quality(self) -> bool:
        return False

    def max_quality(self):
        # an upper bound, as Whoosh's optimisations need: every term at its best
        return self._boost * sum(m.max_quality() for m in self._ms)

    def block_quality(self):
        return self.max_quality()

    def children(self):
        return []

    def replace(self, minquality=0):
        return self if self._active else matching.NullMatcher()

    def weight(self):
        return sum(m.weight() for m in self._ms)

    def score(self):
        return self._boost * sum(m.score() for m in self._ms)

    def supports(self, astype):
        return False


class DocSet(Query):
    """The documents already found to match (global numbers), each scoring ``score``.

    Searching first counts every match (for the total and the facets), then
    ranks: with the matches in hand, the ranking pass reads only the scoring
    terms instead of evaluating the whole query a second time.
    """

    def __init__(self, docnums, score: float = 0.1):
        self.docnums = np.asarray(docnums, dtype=np.int64)
        self.boost = score

    def __eq__(self, other):
        return type(other) is type(self) and np.array_equal(other.docnums, self.docnums)

    def __hash__(self):
        return hash(self.docnums.tobytes())

    def __repr__(self):
        return f"DocSet({self.docnums.size} documents)"

    def estimate_size(self, ixreader):
        return int(self.docnums.size)

    def matcher(self, searcher, context=None):
        offset = 0
        parent = searcher.get_parent() if searcher.has_parent() else None
        if parent is not None:
            offset = parent._offset_for_subsearcher(searcher)
        doc_count = searcher.reader().doc_count_all()
        local = self.docnums[(self.docnums >= offset) & (self.docnums < offset + doc_count)] - offset
        if local.size == 0:
            return matching.NullMatcher()
        ids = [int(d) for d in local]
        return matching.ListMatcher(ids, all_weights=self.boost)
