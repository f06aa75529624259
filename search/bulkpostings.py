"""A segment's text-field postings gathered as arrays and written in whoosh3's block format.

The text fields (title, body and the character n-grams) carry nearly all of
an index's postings: about 2,300 term-document pairs per article. Going
through Whoosh's writer, each pair costs a Token, a pickled position list,
a tuple in the posting pool and a call into the block writer, and indexing
spent most of its time there. Here a document's terms become integer keys
and positions appended to NumPy arrays; when the segment is written, one
stable sort groups them by term and document, every posting's value is
encoded at once (``PackedPositions``), and the blocks and term records are
written in whoosh3's own layout, so Whoosh and ``postings.py`` read them as
they read any segment.

Term order is Whoosh's (the UTF-8 bytes of the term): for words, the sorted
vocabulary; for n-grams, a key built from the code points, ``c1 << 22 |
(c2 + 1)`` for a pair and ``c1 << 22`` for one character, which sorts as
their UTF-8 bytes do (UTF-8 keeps code-point order and no character's
bytes are a prefix of another's).
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable
from pickle import dumps

import numpy as np
from whoosh.codec.whoosh3 import COMPRESSION_MIN_SIZE, WHOOSH3_HEADER_MAGIC
from whoosh.filedb.filetables import md5_hash
from whoosh.system import pack_ushort
from whoosh.util.numeric import length_to_byte

from .analysis import ChineseTokenizer, index_terms, squeeze
from .positions import PackedPositions
from .schema import GramField
from .storage import md5_low32

_TERMINFO = struct.Struct("!BfIBBfII")
_EXTENT = struct.Struct("!qi")
_BLOCK_SIZE = struct.Struct("!i")  # StructFile.write_int
_KV_LENGTHS = struct.Struct("!ii")  # filetables: key and value length before each record
_PAIR_SHIFT = 22  # above every code point (< 2**21), with room for c2 + 1
# Postings handled per pass of the writing loop: bounds the Python lists made from the arrays.
_CHUNK = 1 << 20


class FieldPostings:
    """The postings of one text field in one segment, as appended arrays.

    ``terms(value)`` gives a document's (term keys, positions); ``term_bytes``
    turns the sorted keys back into the terms' UTF-8 bytes.
    """

    def __init__(self, boost: float) -> None:
        self.boost = boost
        self._keys: list[np.ndarray] = []
        self._positions: list[np.ndarray] = []
        self._docs: list[int] = []
        self._sizes: list[int] = []
        self.length_bytes: dict[int, int] = {}  # docnum -> the length byte the segment stores

    def add(self, docnum: int, value: str) -> int:
        """Add a document's value; returns the field length (its number of term occurrences)."""
        keys, positions = self.terms(value)
        n = len(keys)
        if n:
            self._keys.append(keys)
            self._positions.append(positions)
            self._docs.append(docnum)
            self._sizes.append(n)
            self.length_bytes[docnum] = length_to_byte(n)
        return n

    def discard(self, docnum: int) -> None:
        """Forget document ``docnum`` if it was the last added (its adding failed)."""
        if self._docs and self._docs[-1] == docnum:
            for kept in (self._keys, self._positions, self._docs, self._sizes):
                kept.pop()
            self.length_bytes.pop(docnum, None)

    def terms(self, value: str) -> tuple[np.ndarray, np.ndarray]:
        raise NotImplementedError

    def term_bytes(self, keys: np.ndarray) -> list[bytes]:
        raise NotImplementedError

    def __bool__(self) -> bool:
        return bool(self._docs)

    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(keys, documents, positions) of every occurrence, sorted by key, then document, then position."""
        keys = np.concatenate(self._keys)
        positions = np.concatenate(self._positions)
        docs = np.repeat(np.array(self._docs, dtype=np.int64), self._sizes)
        self._keys, self._positions = [], []
        # documents arrive in order, positions in order within each: a stable
        # sort by key alone leaves each key's occurrences in (document, position) order
        order = np.argsort(keys, kind="stable")
        return keys[order], docs[order], positions[order]


class WordPostings(FieldPostings):
    """Words and the dictionary words inside them, at word positions (``ChineseTokenizer``)."""

    def __init__(self, boost: float, userdict: str | None) -> None:
        super().__init__(boost)
        self.userdict = userdict
        self._vocab: dict[str, int] = {}
        self._sorted: list[str] | None = None

    def terms(self, value: str) -> tuple[np.ndarray, np.ndarray]:
        words, positions = index_terms(value, self.userdict)
        vocab = self._vocab
        ids = np.array([vocab.setdefault(w, len(vocab)) for w in words], dtype=np.int64)
        pos = np.array(positions, dtype=np.int64)
        if pos.size > 1 and (pos[1:] < pos[:-1]).any():
            # dictionary words come last: put every occurrence in position order
            order = np.argsort(pos, kind="stable")
            ids, pos = ids[order], pos[order]
        return ids, pos

    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        # Python orders strings by code point, which is their UTF-8 byte order.
        self._sorted = sorted(self._vocab)
        rank = np.empty(len(self._sorted), dtype=np.int64)
        rank[[self._vocab[w] for w in self._sorted]] = np.arange(len(self._sorted))
        self._keys = [rank[k] for k in self._keys]
        return super().arrays()

    def term_bytes(self, keys: np.ndarray) -> list[bytes]:
        words = self._sorted
        return [words[k].encode("utf-8") for k in keys.tolist()]


class GramPostings(FieldPostings):
    """Each character and each pair of adjacent characters, at character positions (``GramField``)."""

    def terms(self, value: str) -> tuple[np.ndarray, np.ndarray]:
        s = squeeze(value)
        if not s:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        cps = np.frombuffer(s.encode("utf-32-le"), dtype="<u4").astype(np.int64)
        singles = cps << _PAIR_SHIFT
        pairs = singles[:-1] | (cps[1:] + 1)
        n = cps.size
        return (np.concatenate([singles, pairs]),
                np.concatenate([np.arange(n), np.arange(n - 1)]))

    def term_bytes(self, keys: np.ndarray) -> list[bytes]:
        mask = (1 << _PAIR_SHIFT) - 1
        out = []
        for key in keys.tolist():
            second = key & mask
            text = chr(key >> _PAIR_SHIFT) + (chr(second - 1) if second else "")
            out.append(text.encode("utf-8"))
        return out


def encode_values(counts: np.ndarray, gaps: np.ndarray) -> tuple[bytes, np.ndarray]:
    """Every posting's ``PackedPositions`` value, concatenated, and where each starts.

    ``counts`` holds each posting's number of positions and ``gaps`` their
    gaps, posting after posting. The returned offsets have one more entry
    than ``counts``: posting i's value is ``buf[offsets[i]:offsets[i + 1]]``.
    """
    nposts = counts.size
    first = np.cumsum(counts) - counts  # index in ``gaps`` of each posting's first gap
    owner = np.repeat(np.arange(nposts), counts)
    wide = np.maximum.reduceat(gaps, first) >= (1 << 16)
    width = np.where(wide, 4, 2)
    sizes = 5 + width * counts
    offsets = np.zeros(nposts + 1, dtype=np.int64)
    np.cumsum(sizes, out=offsets[1:])
    buf = np.zeros(int(offsets[-1]), dtype=np.uint8)
    starts = offsets[:-1]
    header = counts.astype(">u4").view(np.uint8).reshape(nposts, 4)
    for k in range(4):
        buf[starts + k] = header[:, k]
    buf[starts + 4] = np.where(wide, ord("I"), ord("H"))
    rank = np.arange(gaps.size) - first[owner]
    at = starts[owner] + 5 + width[owner] * rank
    g = gaps.astype(np.uint32)
    buf[at] = g & 0xFF
    buf[at + 1] = (g >> 8) & 0xFF
    w4 = wide[owner]
    if w4.any():
        buf[at[w4] + 2] = (g[w4] >> 16) & 0xFF
        buf[at[w4] + 3] = g[w4] >> 24
    return buf.tobytes(), offsets


def write_field(fw, fieldname: str, fieldobj, postings: FieldPostings, blocklimit: int,
                inlinelimit: int, compression: int) -> None:
    """Write a field's postings through whoosh3 field writer ``fw``: term records and blocks."""
    if not postings:
        return
    keys, docs, positions = postings.arrays()
    n = keys.size
    # postings: one per (key, document)
    starts = np.flatnonzero(np.concatenate(([True], (keys[1:] != keys[:-1]) | (docs[1:] != docs[:-1]))))
    counts = np.diff(np.append(starts, n))
    previous = np.empty(n, dtype=np.int64)
    previous[0] = 0
    previous[1:] = positions[:-1]
    previous[starts] = 0
    buf, voffsets = encode_values(counts, positions - previous)
    del previous, positions
    pkeys = keys[starts]
    pdocs = docs[starts]
    del keys, docs
    weights = counts.astype(np.float32) * np.float32(postings.boost)
    lbytes = np.zeros(int(pdocs.max()) + 1, dtype=np.uint8)
    for doc, lb in postings.length_bytes.items():
        lbytes[doc] = lb
    plbytes = lbytes[pdocs]
    # terms: one per key
    tstarts = np.flatnonzero(np.concatenate(([True], pkeys[1:] != pkeys[:-1])))
    tends = np.append(tstarts[1:], pkeys.size)

    fw.start_field(fieldname, fieldobj)
    fieldid = pack_ushort(fw._fieldid)
    postfile = fw._postfile
    t0 = 0
    while t0 < tstarts.size:
        # a chunk of whole terms, about _CHUNK postings
        t1 = max(t0 + 1, int(np.searchsorted(tstarts, tstarts[t0] + _CHUNK, side="left")))
        a, b = int(tstarts[t0]), int(tends[t1 - 1])
        names = postings.term_bytes(pkeys[tstarts[t0:t1]])
        infos = _write_chunk(postfile, tstarts[t0:t1] - a, tends[t0:t1] - a, pdocs[a:b],
                             weights[a:b], plbytes[a:b], buf, voffsets[a:b + 1],
                             blocklimit, inlinelimit, compression)
        _add_terms(fw._tindex, [fieldid + name for name in names], infos)
        t0 = t1
    fw.finish_field()


def _write_chunk(postfile, ts: np.ndarray, te: np.ndarray, docs: np.ndarray, weights: np.ndarray,
                 lbytes: np.ndarray, buf: bytes, voffsets: np.ndarray, blocklimit: int,
                 inlinelimit: int, compression: int) -> list[bytes]:
    """Write the blocks of a run of terms; returns each term's record for the term table.

    ``ts``/``te`` bound each term's postings in ``docs``, ``weights`` and
    ``lbytes`` (the document's length byte); posting i's value is
    ``buf[voffsets[i]:voffsets[i + 1]]``. A term with fewer than
    ``inlinelimit`` postings keeps them in its record; the others get
    blocks of ``blocklimit`` postings in ``postfile``.
    """
    # per term: total weight, max weight, min and max length byte
    tw = np.add.reduceat(weights.astype(np.float64), ts)
    tmaxw = np.maximum.reduceat(weights, ts)
    tminl = np.minimum.reduceat(lbytes, ts)
    tmaxl = np.maximum.reduceat(lbytes, ts)
    # blocks, for the terms not inlined
    df = te - ts
    nblocks = np.where(df >= inlinelimit, (df + blocklimit - 1) // blocklimit, 0)
    first_block = np.cumsum(nblocks) - nblocks
    owner = np.repeat(np.arange(ts.size), nblocks)
    bs = ts[owner] + (np.arange(owner.size) - first_block[owner]) * blocklimit
    be = np.minimum(bs + blocklimit, te[owner])
    bounds = np.empty(2 * bs.size, dtype=np.int64)
    bounds[0::2], bounds[1::2] = bs, be

    def per_block(ufunc, x):
        if not bs.size:
            return []
        return ufunc.reduceat(np.append(x, x[:1]), bounds)[0::2].tolist()

    bmaxw, bminw = per_block(np.maximum, weights), per_block(np.minimum, weights)
    bminl, bmaxl = per_block(np.minimum, lbytes), per_block(np.maximum, lbytes)
    previous = np.empty_like(docs)
    previous[0] = 0
    previous[1:] = docs[:-1]
    previous[bs] = 0  # each block stores its ids as gaps from 0
    gap_list = (docs - previous).tolist()
    del previous
    doc_list = docs.tolist()
    weight_list = weights.tolist()
    off_list = voffsets.tolist()
    values = [buf[s:e] for s, e in zip(off_list[:-1], off_list[1:])]
    bs_list, be_list = bs.tolist(), be.tolist()

    base = postfile.tell()
    out = bytearray()
    infos = []
    rows = zip(ts.tolist(), te.tolist(), tw.tolist(), tmaxw.tolist(), tminl.tolist(),
               tmaxl.tolist(), first_block.tolist(), nblocks.tolist())
    for i, j, total, maxw, minl, maxl, fb, nb in rows:
        head = _TERMINFO.pack(0, total, j - i, minl, maxl, maxw, doc_list[i], doc_list[j - 1])
        if not nb:
            infos.append(b"\x01" + head[1:] + dumps(
                (tuple(doc_list[i:j]), tuple(weight_list[i:j]), tuple(values[i:j])), 5))
            continue
        start = base + len(out)
        out += WHOOSH3_HEADER_MAGIC
        for k in range(fb, fb + nb):
            s, e = bs_list[k], be_list[k]
            # whoosh3's block: its length (negative for a term's last block),
            # (count, last id, max weight, compression, min and max length
            # byte) pickled, then the pickled (id gaps, weights, values)
            w = bmaxw[k]
            if bminw[k] != w:
                w = tuple(weight_list[s:e])
            elif w == 1.0:
                w = None
            data = dumps((tuple(gap_list[s:e]), w, tuple(values[s:e])), 5)
            comp = compression if len(data) >= COMPRESSION_MIN_SIZE else 0
            if comp:
                data = zlib.compress(data, comp)
            info = dumps((e - s, doc_list[e - 1], bmaxw[k], comp, bminl[k], bmaxl[k]), 2)
            size = len(info) + len(data)
            out += _BLOCK_SIZE.pack(-size if k == fb + nb - 1 else size)
            out += info
            out += data
        infos.append(head + _EXTENT.pack(start, base + len(out) - start))
    postfile.write(bytes(out))
    return infos


def _add_terms(tindex, keys: list[bytes], values: list[bytes]) -> None:
    """``OrderedHashWriter.add`` for many keys, in order, with one write."""
    if keys[0] <= tindex.lastkey:
        raise ValueError(f"Keys must increase: {tindex.lastkey!r}..{keys[0]!r}")
    pos = tindex.dbfile.tell()
    parts, positions = [], []
    for key, value in zip(keys, values):
        positions.append(pos)
        parts.append(_KV_LENGTHS.pack(len(key), len(value)))
        parts.append(key)
        parts.append(value)
        pos += 8 + len(key) + len(value)
    tindex.dbfile.write(b"".join(parts))
    tindex.index.extend(positions)
    hashfn, buckets = tindex.hashfn, tindex.buckets
    if hashfn is md5_hash:
        hashfn = md5_low32
    for key, at in zip(keys, positions):
        h = hashfn(key)
        buckets[h & 255].append((h, at))
    tindex.lastkey = keys[-1]


def write_hashes(tindex) -> None:
    """``HashWriter._write_hashes`` with one write per hash table instead of one per slot.

    Installed on a segment's term table: its 256 tables have two slots per
    term, and writing them slot by slot cost as much as writing the terms.
    """
    dbfile = tindex.dbfile
    for entries in tindex.buckets:
        numslots = 2 * len(entries)
        tindex.directory.append((dbfile.tell(), numslots))
        table = [0] * (2 * numslots)  # (hash, position) pairs, flattened; 0, 0 is empty
        for hashval, position in entries:
            slot = (hashval >> 8) % numslots
            while table[2 * slot + 1]:  # no key is at position 0 (the header is)
                slot = (slot + 1) % numslots
            table[2 * slot] = hashval
            table[2 * slot + 1] = position
        if numslots:
            dbfile.write(struct.pack("!" + "Iq" * numslots, *table))


def collector_for(fieldobj) -> Callable[[], FieldPostings] | None:
    """How to gather ``fieldobj``'s postings in bulk, or None for Whoosh's own writer."""
    if not isinstance(fieldobj.format, PackedPositions) or fieldobj.vector:
        return None
    boost = fieldobj.format.field_boost
    if isinstance(fieldobj, GramField):
        return lambda: GramPostings(boost)
    if isinstance(fieldobj.analyzer, ChineseTokenizer):
        userdict = fieldobj.analyzer.userdict
        return lambda: WordPostings(boost, userdict)
    return None
