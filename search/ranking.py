"""Match and rank with posting arrays: Whoosh's matches and BM25F scores, computed with NumPy.

``matches`` finds the documents a query tree matches by combining term
arrays (intersect, union, difference); only phrases read positions, and
only at the documents holding all of their terms. ``scores`` computes
Whoosh's BM25F score (B 0.75, K1 1.2, the same idf and average lengths)
of the ranking terms at the matches; a date range is the union of its
days' arrays. Query types outside what Baoku builds are matched by Whoosh.
An exclusion is a set difference: Whoosh's AndNot matcher let through an
article its own negative side matched (香港 -政府 over several segments;
tests/test_ranking.py).
"""

from __future__ import annotations

from functools import reduce

import numpy as np
from whoosh import query as wq

from .phrase import FastPhrase
from .postings import EMPTY_IDS, PostingArrays

B, K1 = 0.75, 1.2  # whoosh.scoring.BM25F's defaults, which the archive's searchers use
# A term's array costs about 0.6 µs a posting to read; skipping to one
# candidate in its postings costs tens of µs (a block read and unpickled).
ARRAY_READ_RATIO = 50
# What being a match adds to every score: the ranking pass Whoosh ran gave
# each match 0.1, and scores stay comparable with the ones shown before.
MATCH_SCORE = 0.1


def matches(searcher, postings: PostingArrays, live: np.ndarray, q: wq.Query) -> np.ndarray:
    """Sorted document numbers (not deleted) that ``q`` matches; ``live`` is every live one."""
    found = _docs(searcher, postings, live, q)
    return found[_is_live(live, found)]


def _is_live(live: np.ndarray, docs: np.ndarray) -> np.ndarray:
    if docs.size == 0:
        return np.zeros(0, dtype=bool)
    at = np.minimum(np.searchsorted(live, docs), max(live.size - 1, 0))
    return live[at] == docs if live.size else np.zeros(docs.size, dtype=bool)


def _docs(searcher, postings: PostingArrays, live: np.ndarray, q: wq.Query) -> np.ndarray:
    if isinstance(q, FastPhrase):
        return phrase_docs(searcher, postings, q)
    if type(q) is wq.Term:
        return postings.term(searcher, q.fieldname, q.text)[0]
    if type(q) is wq.And:
        parts = sorted((_docs(searcher, postings, live, s) for s in q.subqueries), key=len)
        return reduce(lambda a, b: np.intersect1d(a, b, assume_unique=True), parts) \
            if parts else EMPTY_IDS
    if type(q) is wq.Or:
        parts = [_docs(searcher, postings, live, s) for s in q.subqueries]
        return np.unique(np.concatenate(parts)) if parts else EMPTY_IDS
    if type(q) is wq.AndNot:
        return np.setdiff1d(_docs(searcher, postings, live, q.a),
                            _docs(searcher, postings, live, q.b), assume_unique=True)
    if type(q) is wq.Not:
        return np.setdiff1d(live, _docs(searcher, postings, live, q.query), assume_unique=True)
    if type(q) is wq.Every:
        return live
    if type(q) is wq.TermRange:
        # the union of the terms' arrays, the terms Whoosh's own matcher would OR (a year
        # of dates is 365): its Python Or matchers took 90 ms for a year filter
        field = searcher.schema[q.fieldname]
        parts = [postings.term(searcher, name, field.from_bytes(btext))[0]
                 for name, btext in q.expanded_terms(searcher.reader()) if btext]
        return np.unique(np.concatenate(parts)) if parts else EMPTY_IDS
    return np.fromiter(searcher.docs_for_query(q), dtype=np.int64)


def phrase_docs(searcher, postings: PostingArrays, q: FastPhrase,
                among: np.ndarray | None = None) -> np.ndarray:
    """Where the phrase occurs (within ``among`` if given, sorted).

    The rarest terms' arrays narrow the candidates; once the next term is
    far more common than the candidates are many, reading its whole array
    costs more than skipping to the candidates in it, and the positions at
    the candidates are checked by the phrase matcher.
    """
    candidates = among
    field = q.fieldname
    frequencies = {w: postings.doc_frequency(searcher, field, w) for w in set(q.words)}
    for word in sorted(frequencies, key=frequencies.__getitem__):
        frequency = frequencies[word]
        if frequency == 0:
            return EMPTY_IDS
        if candidates is not None and frequency > ARRAY_READ_RATIO * candidates.size:
            break
        ids = postings.term(searcher, field, word)[0]
        candidates = ids if candidates is None else np.intersect1d(candidates, ids,
                                                                   assume_unique=True)
        if candidates.size == 0:
            return EMPTY_IDS
    limited = FastPhrase(field, q.words, boost=q.boost)
    limited.within = candidates
    return np.fromiter(searcher.docs_for_query(limited), dtype=np.int64)


def scores(searcher, postings: PostingArrays, q: wq.Query, docs: np.ndarray) -> np.ndarray:
    """Whoosh's score of ``q`` at each of ``docs`` (sorted), 0 where it does not match.

    ``q`` is a ranking part as ``query.scoring_part`` gives it: words and
    phrases (terms and FastPhrase), alternatives of them (Or).
    """
    if type(q) is wq.Term:
        return _term_scores(searcher, postings, q.fieldname, q.text, docs) * q.boost
    if isinstance(q, FastPhrase):
        at = np.isin(docs, phrase_docs(searcher, postings, q, among=docs), assume_unique=True)
        total = np.zeros(docs.size)
        if at.any():
            for word in q.words:  # a repeated word counts each time, as in the phrase matcher
                total[at] += _term_scores(searcher, postings, q.fieldname, word, docs[at])
        return total * q.boost
    if type(q) is wq.Or:
        total = np.zeros(docs.size)
        for sub in q.subqueries:
            total += scores(searcher, postings, sub, docs)
        return total * q.boost
    raise TypeError(f"no ranking for {q!r}")


def _term_scores(searcher, postings: PostingArrays, field: str, text: str,
                 docs: np.ndarray) -> np.ndarray:
    out = np.zeros(docs.size)
    if docs.size == 0:
        return out
    ids, tf = postings.weights_at(searcher, field, text, docs, ARRAY_READ_RATIO)
    if ids.size == 0:
        return out
    at = np.searchsorted(docs, ids)
    if not searcher.schema[field].scorable:  # Whoosh scores such a field by its weight alone
        out[at] = tf
        return out
    idf = searcher.idf(field, text)
    avgfl = searcher.avg_field_length(field) or 1
    fl = postings.lengths(searcher, field)[ids]
    out[at] = idf * ((tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * fl / avgfl)))
    return out


def top(docs: np.ndarray, doc_scores: np.ndarray, count: int) -> np.ndarray:
    """Indexes into ``docs`` of the ``count`` best: highest score first, then lowest number."""
    if docs.size > 4 * count:  # only the ones that can reach the top are sorted
        cut = np.partition(doc_scores, docs.size - count)[docs.size - count]
        keep = np.flatnonzero(doc_scores >= cut)
    else:
        keep = np.arange(docs.size)
    order = np.lexsort((docs[keep], -doc_scores[keep]))
    return keep[order[:count]]
