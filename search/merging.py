"""Merging segments without the posting pool: a text field's postings copied as arrays.

Whoosh merges a segment by reading every posting back as a Python tuple
(field, term, document, weight, value), pooling them and writing them out
one by one: about 2,300 postings per article, so folding ten segments of
10,000 articles into one took far longer than indexing them had. Here a
text field's postings are read term by term as whole pickled tuples (a
rare term's inlined postings, or a common term's blocks), renumbered with
the merge's document map as arrays, and written with the segment builder's
own block writer (``bulkpostings.write_field``). The values (packed
positions) are copied as bytes, never decoded.

The merged segment is what indexing the same documents in one segment would
have written: the same terms, postings, positions and lengths
(``tests/test_merging.py``).
"""

from __future__ import annotations

import io
import pickle
import struct
import zlib

import numpy as np
from whoosh.codec.whoosh3 import W3TermsReader
from whoosh.reading import SegmentReader
from whoosh.system import pack_ushort

from .bulkpostings import term_runs
from .picklebytes import Pieces, take
from .postings import length_bytes

_HEAD = struct.Struct("!BfIBBfII")  # W3TermInfo's fixed part
_EXTENT = struct.Struct("!qi")  # a block term's postings: offset and length in the postings file
_BLOCK_LENGTH = struct.Struct("!i")  # a block's length, negative for a term's last
_MAGIC_SIZE = 4  # whoosh3 starts each term's blocks with a magic number


class SegmentField:
    """One text field of one segment, read whole: its terms and their postings in term order.

    ``docs`` are the segment's own document numbers (deleted ones included);
    ``counts[i]`` postings belong to ``names[i]``.
    """

    def __init__(self, names: list[bytes], counts: np.ndarray, docs: np.ndarray,
                 weights: np.ndarray, values: Pieces) -> None:
        self.names, self.counts, self.docs, self.weights, self.values = \
            names, counts, docs, weights, values


def read_field(reader, fieldname: str) -> SegmentField:
    """Every posting of ``fieldname`` in segment ``reader`` (a whoosh3 ``SegmentReader``)."""
    terms = reader._terms
    if not isinstance(terms, W3TermsReader):
        raise TypeError(f"not a whoosh3 segment: {type(terms).__name__}")
    names: list[bytes] = []
    counts: list[int] = []
    out = _Postings()
    add, gaps = out.add, out.gaps
    fnum = terms._fieldmap.get(fieldname)
    if fnum is not None:
        prefix = pack_ushort(fnum)
        postings = terms._postfile
        head_size = _HEAD.size
        names, records = _field_records(terms._tindex, prefix)
        for record in records:
            if len(gaps) >= _FLUSH:
                out.flush()
            if record[0]:  # inlined: (ids, weights, values)
                ids, ws, vs = pickle.loads(record[head_size:])
                counts.append(add(ids, ws, vs, True))
                continue
            offset, length = _EXTENT.unpack_from(record, head_size)
            data = postings.get(offset, length)
            at, total = _MAGIC_SIZE, 0
            while True:
                size = _BLOCK_LENGTH.unpack_from(data, at)[0]
                block = data[at + 4:at + 4 + abs(size)]
                header = io.BytesIO(block)
                info = pickle.load(header)  # (count, last id, max weight, compression, min/max length)
                body = block[header.tell():]
                bgaps, ws, vs = pickle.loads(zlib.decompress(body) if info[3] else body)
                total += add(bgaps, ws, vs, False)
                if size < 0:
                    break
                at += 4 + abs(size)
            counts.append(total)
    docs, weights_array, values_pieces = out.arrays()
    return SegmentField(names, np.array(counts, dtype=np.int64), docs, weights_array, values_pieces)


_FLUSH = 1 << 20  # postings read into Python lists before they become arrays


class _Postings:
    """Postings read as Python lists (from unpickled tuples) and turned into arrays a
    million at a time: the lists cost about 200 bytes a posting, the arrays 25."""

    def __init__(self) -> None:
        self.gaps: list[int] = []  # document gaps, restarting at every run
        # postings per run: a block, or (negative) a term's inlined postings, which
        # hold document numbers instead of gaps
        self.runs: list[int] = []
        self.weights: list[float] = []
        self.values: list[bytes] = []
        self._parts: list[tuple[np.ndarray, np.ndarray, np.ndarray, bytes]] = []

    def add(self, listed, ws, vs, numbers: bool) -> int:
        """Add a run: document ``numbers`` (a term's inlined postings) or gaps (a block),
        whoosh3's weights and the values. Returns its length."""
        n = len(listed)
        self.gaps.extend(listed)
        self.runs.append(-n if numbers else n)
        if ws is None:  # whoosh3's minified weights: None when all are 1, one when all equal
            self.weights.extend([1.0] * n)
        elif isinstance(ws, float):
            self.weights.extend([ws] * n)
        else:
            self.weights.extend(ws)
        self.values.extend(vs or [b""] * n)  # (a field without values: None, or () inlined)
        return n

    def flush(self) -> None:
        n = len(self.gaps)
        runs = np.array(self.runs, dtype=np.int64)
        run_sizes = np.abs(runs)
        listed = np.fromiter(self.gaps, dtype=np.int64, count=n)
        numbers = np.repeat(runs < 0, run_sizes)
        running = np.cumsum(np.where(numbers, 0, listed))
        starts = np.cumsum(run_sizes) - run_sizes
        before = np.where(starts > 0, running[np.maximum(starts - 1, 0)], 0)
        docs = np.where(numbers, listed, running - np.repeat(before, run_sizes)).astype(np.int32)
        lengths = np.fromiter(map(len, self.values), dtype=np.int64, count=n)
        self._parts.append((docs, np.array(self.weights, dtype=np.float32), lengths,
                            b"".join(self.values)))
        for kept in (self.gaps, self.runs, self.weights, self.values):
            kept.clear()

    def arrays(self) -> tuple[np.ndarray, np.ndarray, Pieces]:
        """(documents, weights, values) of every posting read."""
        self.flush()
        parts = self._parts
        self._parts = []
        docs = np.concatenate([p[0] for p in parts])
        weights = np.concatenate([p[1] for p in parts])
        offsets = np.zeros(docs.size + 1, dtype=np.int64)
        np.cumsum(np.concatenate([p[2] for p in parts]), out=offsets[1:])
        buf = np.frombuffer(b"".join(p[3] for p in parts), dtype=np.uint8)
        return docs, weights, Pieces(buf, offsets)


def _field_records(tindex, prefix: bytes) -> tuple[list[bytes], list[bytes]]:
    """The terms (without ``prefix``) and records of the keys starting with ``prefix`` in
    whoosh's ordered hash table ``tindex``, in key order.

    Records lie back to back in key order: (key length, value length, key,
    value); the table's index array holds where each starts. All of a field's
    are sliced out of one read instead of two small reads each.
    """
    first = tindex.closest_key_pos(prefix)
    if first is None:
        return [], []
    after = tindex.closest_key_pos(pack_ushort(int.from_bytes(prefix, "big") + 1))
    end = tindex.endofdata if after is None else after
    dbfile = tindex.dbfile
    index = np.frombuffer(dbfile.get(tindex.indexbase, tindex.indexlen * tindex.indexsize),
                          dtype=">" + tindex.extras["indextype"]).astype(np.int64)
    at = index[(index >= first) & (index < end)] - first
    data = dbfile.get(first, end - first)
    raw = np.frombuffer(data, dtype=np.uint8)
    lengths = raw[(at[:, None] + np.arange(8)).ravel()].reshape(-1, 8).copy().view(">i4")
    key_start = (at + 8).tolist()
    value_start = (at + 8 + lengths[:, 0]).tolist()
    value_end = (at + 8 + lengths[:, 0] + lengths[:, 1]).tolist()
    skip = len(prefix)
    names = [data[k + skip:v] for k, v in zip(key_start, value_start)]
    records = [data[v:e] for v, e in zip(value_start, value_end)]
    return names, records


def gather(pieces: Pieces, order: np.ndarray) -> Pieces:
    """Pieces ``order[0]``, ``order[1]``, … of ``pieces``, in a new buffer."""
    lengths = np.diff(pieces.offsets)[order]
    offsets = np.zeros(order.size + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    source = np.repeat(pieces.offsets[:-1][order] - offsets[:-1], lengths)
    source += np.arange(int(offsets[-1]), dtype=np.int64)
    return Pieces(pieces.buf[source], offsets)


def concat(parts: list[Pieces]) -> Pieces:
    """The pieces of ``parts``, one after another, in one buffer."""
    bufs, offsets, shift = [], [np.zeros(1, dtype=np.int64)], 0
    for p in parts:
        first, last = int(p.offsets[0]), int(p.offsets[-1])
        bufs.append(p.buf[first:last])
        offsets.append(p.offsets[1:] - first + shift)
        shift += last - first
    buf = np.concatenate(bufs) if bufs else np.zeros(0, dtype=np.uint8)
    return Pieces(buf, np.concatenate(offsets))


class MergedPostings:
    """A text field's postings from the segments merged into a new one, in its numbering.

    Takes the place of the field's ``FieldPostings`` collector in
    ``MemorySegmentWriter`` and answers ``chunks`` as it does, for
    ``bulkpostings.write_field``.
    """

    def __init__(self) -> None:
        self._segments: list[tuple] = []  # (storage, schema, segment, field name, new numbers)
        self._length_bytes: list[tuple[np.ndarray, np.ndarray]] = []
        self._postings = 0

    def add(self, storage, reader, fieldname: str, newdocs: np.ndarray) -> None:
        """Add the field's postings from segment ``reader`` of the index in ``storage``: its
        document ``d`` becomes ``newdocs[d]``, or is left out where that is negative (deleted).

        They are read when the segment is written, a field at a time: a merge of
        68,000 articles held all three text fields' postings at once, 6.9 GB at its peak."""
        keep = newdocs >= 0
        lengths = length_bytes(reader, fieldname)[keep]
        self._length_bytes.append((newdocs[keep], lengths))
        self._segments.append((storage, reader.schema, reader.segment(), fieldname, newdocs))
        self._postings += int(np.count_nonzero(lengths))  # a text field's documents with terms

    def _read(self, storage, schema, segment, fieldname: str, newdocs: np.ndarray):
        reader = SegmentReader(storage, schema, segment)
        try:
            field = read_field(reader, fieldname)
        finally:
            reader.close()
        docs = newdocs[field.docs]
        live = docs >= 0
        counts = field.counts
        values = field.values
        if not live.all():
            bounds = np.zeros(counts.size + 1, dtype=np.int64)
            np.cumsum(counts, out=bounds[1:])
            kept = np.cumsum(np.concatenate(([0], live)))
            counts = kept[bounds[1:]] - kept[bounds[:-1]]
            values = take(values, live)
        return field.names, counts, docs[live].astype(np.int32), field.weights[live], values

    def __bool__(self) -> bool:
        return bool(self._postings)

    def chunks(self, size: int):
        """As ``FieldPostings.chunks``: runs of whole terms, in term order."""
        sources = [self._read(*source) for source in self._segments]
        self._segments = []
        vocab = sorted(set().union(*(names for names, *_ in sources)))
        rank = {name: i for i, name in enumerate(vocab)}
        keys = [np.repeat(np.fromiter((rank[n] for n in names), dtype=np.int32, count=len(names)),
                          counts) for names, counts, *_ in sources]
        del rank
        last = max((int(d.max()) for d, _ in self._length_bytes if d.size), default=-1)
        last = max([last] + [int(d.max()) for _, _, d, _, _ in sources if d.size])
        lbytes = np.zeros(last + 1, dtype=np.uint8)
        for docs, raw in self._length_bytes:
            lbytes[docs] = raw
        # each source's postings are in term order: a range of terms is a slice of each
        per_term = np.zeros(len(vocab), dtype=np.int64)
        for k in keys:
            per_term += np.bincount(k, minlength=len(vocab))
        tstarts = np.cumsum(per_term) - per_term
        for t0, t1 in term_runs(tstarts, size):
            parts = []
            for k, (_, _, docs, weights, values) in zip(keys, sources):
                a, b = np.searchsorted(k, [t0, t1])
                if b > a:
                    parts.append((k[a:b], docs[a:b], weights[a:b],
                                  Pieces(values.buf, values.offsets[a:b + 1])))
            if not parts:
                continue
            run_keys = np.concatenate([p[0] for p in parts])
            # sources follow each other in document order, and each term's postings are in
            # document order within a source: a stable sort by term keeps that order
            order = np.argsort(run_keys, kind="stable")
            run_keys = run_keys[order]
            docs = np.concatenate([p[1] for p in parts])[order]
            weights = np.concatenate([p[2] for p in parts])[order]
            values = gather(concat([p[3] for p in parts]), order)
            starts = np.flatnonzero(np.concatenate(([True], run_keys[1:] != run_keys[:-1])))
            ends = np.append(starts[1:], run_keys.size)
            yield ([vocab[t] for t in run_keys[starts].tolist()], starts, ends, docs, weights,
                   lbytes[docs], values)
