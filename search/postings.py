"""A term's postings and a field's lengths as NumPy arrays, over every segment of a commit.

Whoosh hands out postings one at a time: matching a broad word (香港, in
28,000 articles) through its matchers, then scoring each match through its
BM25 scorer, cost about 5 µs per article in Python. Here a term's document
numbers and term frequencies are read block by block (a block's ids and
weights come out of one unpickled tuple) into arrays, which the matching and
ranking in ``ranking.py`` combine with NumPy.

The block reader reaches into whoosh3's ``W3LeafMatcher`` (its block data
and next-block offset); any other matcher, such as the list a rare term's
inlined postings give, is read through the public matcher calls.
``tests/test_ranking.py`` checks both against Whoosh's own results.
"""

from __future__ import annotations

import io
import itertools
import pickle
import struct
import threading
import zlib
from collections import OrderedDict

import numpy as np
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.util.numeric import byte_to_length, length_to_byte

from .storage import MapWindow

# what a stored length byte stands for (Whoosh keeps field lengths as one lossy byte)
_BYTE_LENGTHS = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)
_BYTE_LENGTHS[0] = 0.0  # Whoosh answers None (no length) for byte 0

EMPTY_IDS = np.zeros(0, dtype=np.int64)
FREQUENCIES_KEPT = 200_000


class PostingArrays:
    """Postings and field lengths of one commit, read once and kept (least recently used first out).

    ``budget`` bounds the postings kept, in postings (16 bytes each):
    the default 8 million is about 128 MB.
    """

    def __init__(self, budget: int = 8_000_000):
        self.budget = budget
        self._kept: OrderedDict[tuple[str, str], tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self._size = 0
        self._lengths: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()
        self._frequencies: OrderedDict[tuple[str, str], int] = OrderedDict()

    def doc_frequency(self, searcher, field: str, text: str) -> int:
        """``searcher.doc_frequency``, kept for the 200,000 terms last asked about (none
        with a budget of 0).

        Each asks every segment (a hash lookup each); a phrase on the n-gram
        field asks about each of its character pairs, and common pairs recur
        from query to query.
        """
        key = (field, text)
        with self._lock:
            found = self._frequencies.get(key)
            if found is not None:
                self._frequencies.move_to_end(key)
        if found is None:
            found = searcher.doc_frequency(field, text)
            if not self.budget:
                return found
            with self._lock:
                self._frequencies[key] = found
                if len(self._frequencies) > FREQUENCIES_KEPT:
                    self._frequencies.popitem(last=False)
        return found

    def term(self, searcher, field: str, text: str) -> tuple[np.ndarray, np.ndarray]:
        """(document numbers, sorted; term frequencies) of ``text`` in ``field``, deleted ones too."""
        key = (field, text)
        with self._lock:
            found = self._kept.get(key)
            if found is not None:
                self._kept.move_to_end(key)
                return found
        found = read_term(searcher, field, text)
        if found[0].size <= self.budget:
            with self._lock:
                if key not in self._kept:
                    self._kept[key] = found
                    self._size += found[0].size
                while self._size > self.budget:
                    _, (ids, _) = self._kept.popitem(last=False)
                    self._size -= ids.size
        return found

    def weights_at(self, searcher, field: str, text: str, docs: np.ndarray,
                   ratio: float) -> tuple[np.ndarray, np.ndarray]:
        """(the ones of ``docs`` (sorted) holding the term, its frequency in each).

        When the term is in more than ``ratio`` times as many documents as
        ``docs`` holds and its array is not kept, its postings are skipped
        through to ``docs`` instead of read whole.
        """
        with self._lock:
            kept = self._kept.get((field, text))
        if kept is None and self.doc_frequency(searcher, field, text) > ratio * docs.size:
            return skim_term(searcher, field, text, docs)
        ids, weights = kept if kept is not None else self.term(searcher, field, text)
        if ids.size == 0 or docs.size == 0:
            return EMPTY_IDS, np.zeros(0)
        at = np.minimum(np.searchsorted(docs, ids), docs.size - 1)
        hit = docs[at] == ids
        return ids[hit], weights[hit]

    def lengths(self, searcher, field: str) -> np.ndarray:
        """The length of ``field`` in every document, as Whoosh's scorers see it."""
        found = self._lengths.get(field)
        if found is None:
            found = self._lengths[field] = read_lengths(searcher, field)
        return found


def read_term(searcher, field: str, text: str) -> tuple[np.ndarray, np.ndarray]:
    try:
        btext = searcher.schema[field].to_bytes(text)
    except (KeyError, ValueError):
        return EMPTY_IDS, np.zeros(0)
    id_parts, weight_parts = [], []
    for sub, offset in searcher.leaf_searchers():
        reader = sub.reader()
        if (field, btext) not in reader:
            continue
        matcher = reader.postings(field, btext)
        if isinstance(matcher, W3LeafMatcher) and not matcher._byteids:
            ids, weights = _read_blocks(matcher)
        else:
            ids, weights = _read_matcher(matcher)
        id_parts.append(ids + offset)
        weight_parts.append(weights)
    if not id_parts:
        return EMPTY_IDS, np.zeros(0)
    return np.concatenate(id_parts), np.concatenate(weight_parts)


def skim_term(searcher, field: str, text: str, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The term's postings at ``docs`` alone (sorted global numbers), skipping between them."""
    btext = searcher.schema[field].to_bytes(text)
    found_ids, found_weights = [], []
    for sub, offset in searcher.leaf_searchers():
        reader = sub.reader()
        local = docs[(docs >= offset) & (docs < offset + reader.doc_count_all())] - offset
        if local.size == 0 or (field, btext) not in reader:
            continue
        matcher = reader.postings(field, btext)
        for doc in local.tolist():
            matcher.skip_to(doc)
            if not matcher.is_active():
                break
            if matcher.id() == doc:
                found_ids.append(doc + offset)
                found_weights.append(matcher.weight())
    return np.array(found_ids, dtype=np.int64), np.array(found_weights, dtype=np.float64)


_BLOCK_LENGTH = struct.Struct("!i")  # whoosh3: a block's length, negative for the last


def _read_blocks(m: W3LeafMatcher) -> tuple[np.ndarray, np.ndarray]:
    """Every block of ``m``: each stores its ids as gaps from 0 and its weights (or one for all)."""
    gaps, counts, weights = [], [], []
    for block_gaps, block_weights in _blocks(m):
        n = len(block_gaps)
        gaps.append(block_gaps)
        counts.append(n)
        if block_weights is None:
            block_weights = itertools.repeat(1.0, n)
        elif isinstance(block_weights, float):
            block_weights = itertools.repeat(block_weights, n)
        weights.append(block_weights)
    total = sum(counts)
    running = np.cumsum(np.fromiter(itertools.chain.from_iterable(gaps), np.int64, total))
    counts_arr = np.array(counts, dtype=np.int64)
    starts = np.cumsum(counts_arr) - counts_arr
    before = np.where(starts > 0, running[np.maximum(starts - 1, 0)], 0)  # each block restarts at 0
    ids = running - np.repeat(before, counts_arr)
    return ids, np.fromiter(itertools.chain.from_iterable(weights), np.float64, total)


def _blocks(m: W3LeafMatcher):
    """(id gaps, weights) of each of ``m``'s blocks, from its first.

    A block is its length (negative for the term's last), the pickled block
    info (count, last id, max weight, compression, min and max length byte)
    and the pickled, perhaps compressed, (id gaps, weights, values). Read
    straight from the segment's mmap (``storage.py``): Whoosh's matcher
    reads a block's info through about twenty small file reads.
    """
    window = m._postfile.file
    if not isinstance(window, MapWindow):
        while True:
            m._read_data()
            yield m._data[0], m._data[1]
            if m._lastblock:
                return
            m._goto(m._nextoffset)
    source, at = window._source, window._offset + m._baseoffset
    while True:
        length = _BLOCK_LENGTH.unpack(source[at:at + 4])[0]
        block = source[at + 4:at + 4 + abs(length)]
        header = io.BytesIO(block)
        compression = pickle.load(header)[3]
        data = block[header.tell():]
        block_gaps, block_weights, _ = pickle.loads(zlib.decompress(data) if compression else data)
        yield block_gaps, block_weights
        if length < 0:
            return
        at += 4 + abs(length)


def _read_matcher(m) -> tuple[np.ndarray, np.ndarray]:
    ids, weights = [], []
    while m.is_active():
        ids.append(m.id())
        weights.append(m.weight())
        m.next()
    return np.array(ids, dtype=np.int64), np.array(weights, dtype=np.float64)


def read_lengths(searcher, field: str) -> np.ndarray:
    parts = [_BYTE_LENGTHS[length_bytes(sub.reader(), field)] for sub, _ in searcher.leaf_searchers()]
    return np.concatenate(parts) if parts else np.zeros(0)


def length_bytes(reader, field: str) -> np.ndarray:
    """The field's stored length byte of each of a segment's documents (0: none)."""
    count = reader.doc_count_all()
    if not hasattr(getattr(reader, "_perdoc", None), "_cached_reader"):  # not whoosh3: ask each
        return np.array([length_to_byte(reader.doc_field_length(d, field) or 0)
                         for d in range(count)], dtype=np.uint8)
    out = np.zeros(count, dtype=np.uint8)
    column = length_column(reader, field)
    if column is not None:  # none: no document has the field
        raw, stored = column
        found = np.frombuffer(raw, dtype=np.uint8)[:min(stored, count)]
        out[:found.size] = found
    return out


def length_column(reader, field: str):
    """(the raw length bytes, how many documents they cover) of a whoosh3 segment, or None."""
    perdoc = getattr(reader, "_perdoc", None)
    get = getattr(perdoc, "_cached_reader", None)
    if get is None:
        return None
    from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield

    column = get(_lenfield(field), LENGTHS_COLUMN)
    if column is None or getattr(column, "_fixedlen", None) != 1:
        return None
    return column._dbfile.get(column._basepos, column._count), column._count
