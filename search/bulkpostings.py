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
vocabulary; for a character pair, ``c1 << 22 | (c2 + 1)`` from the code
points, and for a character its code point, which sort as their UTF-8 bytes
do (UTF-8 keeps code-point order and no character's bytes are a prefix of
another's).
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable
from pickle import dumps

import numpy as np
from whoosh.codec.whoosh3 import COMPRESSION_MIN_SIZE, WHOOSH3_HEADER_MAGIC
from whoosh.filedb.filetables import crc_hash
from whoosh.system import pack_ushort
from whoosh.util.numeric import length_to_byte
from zlib_ng import zlib_ng

from . import picklebytes
from .analysis import WORD_CHARS, ChineseTokenizer, fold, segmenter, squeeze, sub_words
from .picklebytes import Pieces, fixed, merge, take
from .positions import PackedPositions
from .schema import CharField, GramField

# whoosh3's term record (W3TermInfo: "!BfIBBfII") and a block term's extent ("!qi"), packed
_TERMINFO_DTYPE = np.dtype([("flag", "u1"), ("weight", ">f4"), ("df", ">u4"), ("minl", "u1"),
                            ("maxl", "u1"), ("maxw", ">f4"), ("minid", ">u4"), ("maxid", ">u4")])
_EXTENT_DTYPE = np.dtype([("start", ">i8"), ("length", ">i4")])
_BLOCK_SIZE = struct.Struct("!i")  # StructFile.write_int
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
        n = self.length(keys, positions)
        if n:
            self._keys.append(keys)
            self._positions.append(positions)
            self._docs.append(docnum)
            self._sizes.append(keys.size)
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

    def length(self, keys: np.ndarray, positions: np.ndarray) -> int:
        """The field length of a document with these terms: its number of occurrences."""
        return keys.size

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
        order = stable_argsort(self._sort_keys(keys))
        return keys[order], docs[order], positions[order]

    def _sort_keys(self, keys: np.ndarray) -> np.ndarray:
        """Keys in the same order as ``keys`` (non-negative); a narrower range sorts faster."""
        return keys

    def postings(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, Pieces]:
        """(key, document, count of occurrences, value) of every posting, in key order."""
        keys, docs, positions = self.arrays()
        n = keys.size
        # postings: one per (key, document)
        starts = np.flatnonzero(np.concatenate(([True], (keys[1:] != keys[:-1]) | (docs[1:] != docs[:-1]))))
        counts = np.diff(np.append(starts, n))
        previous = np.empty(n, dtype=np.int64)
        previous[0] = 0
        previous[1:] = positions[:-1]
        previous[starts] = 0
        buf, voffsets = encode_values(counts, positions - previous)
        return keys[starts], docs[starts], counts, Pieces(buf, voffsets)

    def chunks(self, size: int):
        """The segment's postings, a run of whole terms (about ``size`` postings) at a time:
        (term bytes, each term's first and end posting in the run, documents, weights,
        length bytes, values)."""
        pkeys, pdocs, counts, values = self.postings()
        buf, voffsets = values.buf, values.offsets
        weights = counts.astype(np.float32) * np.float32(self.boost)
        lbytes = np.zeros(int(pdocs.max()) + 1, dtype=np.uint8)
        for doc, lb in self.length_bytes.items():
            lbytes[doc] = lb
        plbytes = lbytes[pdocs]
        # terms: one per key
        tstarts = np.flatnonzero(np.concatenate(([True], pkeys[1:] != pkeys[:-1])))
        tends = np.append(tstarts[1:], pkeys.size)
        for t0, t1 in term_runs(tstarts, size):
            a, b = int(tstarts[t0]), int(tends[t1 - 1])
            yield (self.term_bytes(pkeys[tstarts[t0:t1]]), tstarts[t0:t1] - a, tends[t0:t1] - a,
                   pdocs[a:b], weights[a:b], plbytes[a:b], Pieces(buf, voffsets[a:b + 1]))


class WordPostings(FieldPostings):
    """Words and the dictionary words inside them, at word positions (``ChineseTokenizer``)."""

    def __init__(self, boost: float, userdict: str | None) -> None:
        super().__init__(boost)
        self.userdict = userdict
        self._vocab: dict[str, int] = {}
        self._sorted: list[str] | None = None
        # what each word the segmenter gives becomes: its term id and those of the
        # dictionary words inside it, or None (punctuation, spaces); a segment meets
        # most words many times
        self._entries: dict[str, tuple[int, tuple[int, ...]] | None] = {}
        self._segmenter = None

    def _entry(self, word: str, seg) -> tuple[int, tuple[int, ...]] | None:
        if not WORD_CHARS.search(word):
            entry = None
        else:
            vocab = self._vocab
            subs = sub_words(word, seg)
            entry = (vocab.setdefault(word, len(vocab)),
                     tuple(vocab.setdefault(w, len(vocab)) for w in subs))
        self._entries[word] = entry
        return entry

    def terms(self, value: str) -> tuple[np.ndarray, np.ndarray]:
        """The terms ``ChineseTokenizer`` gives ``value`` at index time, as ids, in
        position order (a word, then the dictionary words inside it, at its position)."""
        seg = segmenter(self.userdict)
        if seg is not self._segmenter:
            self._entries, self._segmenter = {}, seg  # another dictionary: other sub-words
        entries, entry_of = self._entries, self._entry
        ids: list[int] = []
        subs: list[int] = []  # (sub-word id, position) pairs, flattened
        for word in seg.cut(fold(value)):
            entry = entries[word] if word in entries else entry_of(word, seg)
            if entry is None:
                continue
            if entry[1]:
                pos = len(ids)
                for sub in entry[1]:
                    subs += (sub, pos)
            ids.append(entry[0])
        n = len(ids)
        if not subs:
            return np.array(ids, dtype=np.int64), np.arange(n, dtype=np.int64)
        pairs = np.array(subs, dtype=np.int64).reshape(-1, 2)
        keys = np.concatenate([ids, pairs[:, 0]])
        pos = np.concatenate([np.arange(n, dtype=np.int64), pairs[:, 1]])
        order = np.argsort(pos, kind="stable")  # each word before the dictionary words inside it
        return keys[order], pos[order]

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
    """Each pair of adjacent characters, at character positions (``GramField``)."""

    def terms(self, value: str) -> tuple[np.ndarray, np.ndarray]:
        cps = _code_points(value)
        if cps.size < 2:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        return (cps[:-1] << _PAIR_SHIFT) | (cps[1:] + 1), np.arange(cps.size - 1)

    def _sort_keys(self, keys: np.ndarray) -> np.ndarray:
        # each character numbered by its rank among the segment's characters (a few
        # thousand, where code points need 21 bits), so that a key and its index fit
        # in one integer for ``stable_argsort``
        first = keys >> _PAIR_SHIFT
        second = keys & ((1 << _PAIR_SHIFT) - 1)  # the second character's code + 1
        present = np.zeros(max(int(first.max()) + 1, int(second.max())) + 1, dtype=bool)
        present[first + 1] = True
        present[second] = True
        rank = np.cumsum(present)  # rank[c]: how many characters are below c
        del present
        bits = int(rank[-1]).bit_length()
        narrow = rank.take(first)
        del first
        narrow <<= bits
        narrow |= rank.take(second)  # (the second character's rank + 1)
        return narrow

    def term_bytes(self, keys: np.ndarray) -> list[bytes]:
        mask = (1 << _PAIR_SHIFT) - 1
        return [(chr(key >> _PAIR_SHIFT) + chr((key & mask) - 1)).encode("utf-8")
                for key in keys.tolist()]


class CharPostings(FieldPostings):
    """Each character with its count in the document, no positions (``CharField``)."""

    def terms(self, value: str) -> tuple[np.ndarray, np.ndarray]:
        # (the characters, and their counts where the other fields keep positions)
        cps = _code_points(value)
        if not cps.size:
            return cps, cps
        return np.unique(cps, return_counts=True)

    def length(self, keys: np.ndarray, counts: np.ndarray) -> int:
        return int(counts.sum())

    def postings(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, Pieces]:
        keys, docs, counts = self.arrays()  # a document's characters are distinct
        return keys, docs, counts, Pieces(np.zeros(0, dtype=np.uint8),
                                          np.zeros(keys.size + 1, dtype=np.int64))

    def term_bytes(self, keys: np.ndarray) -> list[bytes]:
        return [chr(k).encode("utf-8") for k in keys.tolist()]


_last_squeezed = ("", np.zeros(0, dtype=np.int64))


def _code_points(value: str) -> np.ndarray:
    """The code points of ``squeeze(value)``, as int64 (the same text's pairs and
    characters are asked for one after the other: the last answer is kept)."""
    global _last_squeezed
    last = _last_squeezed  # (read once: another thread may replace it)
    if last[0] is not value:
        s = squeeze(value)
        last = _last_squeezed = (value, np.frombuffer(s.encode("utf-32-le"), dtype="<u4").astype(np.int64))
    return last[1]


def stable_argsort(keys: np.ndarray) -> np.ndarray:
    """``np.argsort(keys, kind="stable")`` for non-negative integer keys.

    When a key and its index fit in one 63-bit integer together, those
    integers are sorted instead, by NumPy's default sort, which is SIMD code
    where the stable sort is not: on a segment's 19.7M n-gram keys, about
    0.5 s against 1.7 s.
    """
    n = keys.size
    shift = max(1, (n - 1).bit_length())
    if n == 0 or int(keys.max()) >= 1 << (63 - shift):
        return np.argsort(keys, kind="stable")
    packed = keys << shift if keys.dtype == np.int64 else keys.astype(np.int64) << shift
    packed |= np.arange(n, dtype=np.int64)
    packed.sort()
    packed &= (1 << shift) - 1
    return packed


def encode_values(counts: np.ndarray, gaps: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every posting's ``PackedPositions`` value, concatenated (uint8), and where each starts.

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
    return buf, offsets


def write_field(fw, fieldname: str, fieldobj, postings, blocklimit: int,
                inlinelimit: int, compression: int) -> None:
    """Write a field's postings through whoosh3 field writer ``fw``: term records and blocks.

    ``postings`` (a ``FieldPostings``, or ``merging.MergedPostings``) gives
    them as chunks of whole terms, in term order (``chunks``)."""
    if not postings:
        return
    fw.start_field(fieldname, fieldobj)
    fieldid = pack_ushort(fw._fieldid)
    valueless = fieldobj.format.fixed_value_size() == 0  # (``Counts``)
    for names, ts, te, docs, weights, lbytes, values in postings.chunks(_CHUNK):
        records = _write_chunk(fw._postfile, ts, te, docs, weights, lbytes,
                               None if valueless else values, blocklimit, inlinelimit, compression)
        _add_terms(fw._tindex, [fieldid + name for name in names], records)
    fw.finish_field()


def _write_chunk(postfile, ts: np.ndarray, te: np.ndarray, docs: np.ndarray, weights: np.ndarray,
                 lbytes: np.ndarray, values: Pieces | None, blocklimit: int, inlinelimit: int,
                 compression: int) -> Pieces:
    """Write the blocks of a run of terms; returns each term's record for the term table.

    ``ts``/``te`` bound each term's postings in ``docs``, ``weights``,
    ``lbytes`` (the document's length byte) and ``values``. A term with
    fewer than ``inlinelimit`` postings keeps them in its record; the others
    get blocks of ``blocklimit`` postings in ``postfile``, compressed by
    zlib-ng (the same format as zlib's: Whoosh reads them as it reads its own). The pickled
    tuples of both are made all at once (``picklebytes``); only zlib and
    each block's small header are called per block.
    """
    df = te - ts
    heads = np.zeros(ts.size, dtype=_TERMINFO_DTYPE)
    heads["weight"] = np.add.reduceat(weights.astype(np.float64), ts)
    heads["df"] = df
    heads["minl"] = np.minimum.reduceat(lbytes, ts)
    heads["maxl"] = np.maximum.reduceat(lbytes, ts)
    heads["maxw"] = np.maximum.reduceat(weights, ts)
    heads["minid"] = docs[ts]
    heads["maxid"] = docs[te - 1]
    inline = df < inlinelimit
    heads["flag"] = inline
    owner = np.repeat(np.arange(ts.size), df)  # each posting's term

    # inlined terms: the record ends with the pickled (ids, weights, values)
    kept = inline[owner]
    inline_bounds = _bounds(df[inline])
    inlined = picklebytes.postings_tuples(
        docs[kept], weights[kept], np.full(inline_bounds.size - 1, 2),
        None if values is None else take(values, kept), inline_bounds, picklebytes.EMPTY_TUPLE)

    # the other terms: blocks of up to ``blocklimit`` postings, ids as gaps from 0 in each
    kept = ~kept
    bdf = df[~inline]
    nblocks = (bdf + blocklimit - 1) // blocklimit
    block_sizes = np.minimum(blocklimit, bdf[np.repeat(np.arange(bdf.size), nblocks)]
                             - blocklimit * _ranks(nblocks))
    bounds = _bounds(block_sizes)
    bdocs, bweights, blbytes = docs[kept], weights[kept], lbytes[kept]
    gaps = bdocs.copy()
    if bdocs.size:
        gaps[1:] -= bdocs[:-1]
        gaps[bounds[:-1]] = bdocs[bounds[:-1]]
    starts = bounds[:-1]
    bmaxw = np.maximum.reduceat(bweights, starts) if starts.size else bweights[:0]
    bminw = np.minimum.reduceat(bweights, starts) if starts.size else bweights[:0]
    kind = np.where(bminw != bmaxw, 2, np.where(bmaxw == 1.0, 0, 1))
    data = picklebytes.postings_tuples(gaps, bweights, kind,
                                       None if values is None else take(values, kept), bounds)
    data_buf, data_offs = data.buf.tobytes(), data.offsets.tolist()
    infos = zip(block_sizes.tolist(), bdocs[bounds[1:] - 1].tolist() if starts.size else [],
                bmaxw.tolist(),
                (np.minimum.reduceat(blbytes, starts) if starts.size else starts).tolist(),
                (np.maximum.reduceat(blbytes, starts) if starts.size else starts).tolist())
    last_block = np.zeros(block_sizes.size, dtype=bool)
    last_block[np.cumsum(nblocks) - 1] = True
    first_block = np.zeros(block_sizes.size, dtype=bool)
    first_block[np.cumsum(nblocks) - nblocks] = True
    parts, block_bytes = [], []
    for k, (count, last_id, maxw, minl, maxl), first, last in zip(
            range(block_sizes.size), infos, first_block.tolist(), last_block.tolist()):
        # whoosh3's block: its length (negative for a term's last block),
        # (count, last id, max weight, compression, min and max length byte)
        # pickled, then the pickled (id gaps, weights, values)
        block = data_buf[data_offs[k]:data_offs[k + 1]]
        comp = compression if len(block) >= COMPRESSION_MIN_SIZE else 0
        if comp:
            block = zlib_ng.compress(block, comp)
        info = dumps((count, last_id, maxw, comp, minl, maxl), 2)
        size = len(info) + len(block)
        if first:
            parts.append(WHOOSH3_HEADER_MAGIC)
        parts.append(_BLOCK_SIZE.pack(-size if last else size))
        parts.append(info)
        parts.append(block)
        block_bytes.append(4 + size + (len(WHOOSH3_HEADER_MAGIC) if first else 0))
    base = postfile.tell()
    postfile.write(b"".join(parts))
    # each block term's extent: from its first block's magic to the end of its last block
    term_bytes = (np.add.reduceat(np.array(block_bytes, dtype=np.int64), _bounds(nblocks)[:-1])
                  if nblocks.size else np.zeros(0, dtype=np.int64))
    extents = np.zeros(bdf.size, dtype=_EXTENT_DTYPE)
    extents["start"] = base + _bounds(term_bytes)[:-1]
    extents["length"] = term_bytes
    tails = merge(inline, inlined, fixed(extents.view(np.uint8), _EXTENT_DTYPE.itemsize))
    return picklebytes.join([fixed(heads.view(np.uint8), _TERMINFO_DTYPE.itemsize), tails])


def term_runs(tstarts: np.ndarray, size: int):
    """(first, end) term of each run of whole terms holding about ``size`` postings;
    ``tstarts`` is each term's first posting."""
    t0 = 0
    while t0 < tstarts.size:
        t1 = max(t0 + 1, int(np.searchsorted(tstarts, tstarts[t0] + size, side="left")))
        yield t0, t1
        t0 = t1


def _bounds(sizes: np.ndarray) -> np.ndarray:
    out = np.zeros(sizes.size + 1, dtype=np.int64)
    np.cumsum(sizes, out=out[1:])
    return out


def _ranks(counts: np.ndarray) -> np.ndarray:
    """0, 1, …, counts[i] - 1 for each i, concatenated."""
    return np.arange(int(counts.sum())) - np.repeat(_bounds(counts)[:-1], counts)


def _add_terms(tindex, keys: list[bytes], records: Pieces) -> None:
    """``OrderedHashWriter.add`` for many keys, in order, with one write.

    ``records`` holds each key's value. The keys' hashes are kept as arrays
    (``tindex.bulk_hashes``) for ``write_hashes``."""
    if keys[0] <= tindex.lastkey:
        raise ValueError(f"Keys must increase: {tindex.lastkey!r}..{keys[0]!r}")
    key_lengths = np.fromiter(map(len, keys), dtype=np.int64, count=len(keys))
    lengths = np.empty((len(keys), 2), dtype=">i4")
    lengths[:, 0] = key_lengths
    lengths[:, 1] = np.diff(records.offsets)
    key_pieces = Pieces(np.frombuffer(b"".join(keys), dtype=np.uint8), _bounds(key_lengths))
    items = picklebytes.join([fixed(lengths.view(np.uint8).ravel(), 8), key_pieces, records])
    pos = tindex.dbfile.tell()
    tindex.dbfile.write(items.buf.tobytes())
    positions = items.offsets[:-1] + pos
    index = tindex.index
    index.append(int(positions[-1]))  # widens the array's type if the last (largest) needs it
    index.array.pop()
    index.array.extend(positions.tolist())
    if tindex.hashfn is not crc_hash:
        raise RuntimeError("the term table does not hash with CRC-32 (see use_crc32)")
    tindex.bulk_hashes.append((crc32_hashes(key_pieces), positions))
    tindex.lastkey = keys[-1]


def _crc_table() -> np.ndarray:
    table = np.arange(256, dtype=np.uint32)
    for _ in range(8):
        table = np.where(table & 1, (table >> 1) ^ np.uint32(0xEDB88320), table >> 1)
    return table.astype(np.uint32)


_CRC_TABLE = _crc_table()


def crc32_hashes(keys: Pieces) -> np.ndarray:
    """``zlib.crc32`` of every piece (whoosh's ``crc_hash``), a byte position at a time
    over all the keys still that long."""
    lengths = np.diff(keys.offsets)
    order = np.argsort(-lengths, kind="stable")  # longest first: the keys still going are a prefix
    starts = keys.offsets[:-1][order]
    descending = lengths[order]
    crc = np.full(lengths.size, 0xFFFFFFFF, dtype=np.uint32)
    for j in range(int(descending[0]) if descending.size else 0):
        k = int(np.searchsorted(-descending, -j, side="left"))  # the keys longer than j bytes
        part = crc[:k]
        byte = keys.buf[starts[:k] + j].astype(np.uint32)
        crc[:k] = _CRC_TABLE[(part ^ byte) & 0xFF] ^ (part >> 8)
    out = np.empty_like(crc)
    out[order] = crc ^ np.uint32(0xFFFFFFFF)
    return out


def use_crc32(tindex) -> None:
    """Make a new term table hash its keys with CRC-32 (whoosh's hash type 1) instead of MD5.

    Readers take the type from the table's header. CRC-32 is computed for a
    whole chunk of keys at once here (MD5 took a Python call per term) and
    looked up faster too. Called before any key is added: the header's type
    byte is rewritten.
    """
    if tindex.hashtype == 1:
        return
    dbfile = tindex.dbfile
    if dbfile.tell() != tindex.startoffset + 13 or any(tindex.buckets):
        raise RuntimeError("the term table already holds keys")
    dbfile.seek(tindex.startoffset + 4)  # after the magic
    dbfile.write_byte(1)
    dbfile.seek(tindex.startoffset + 13)
    tindex.hashtype, tindex.hashfn = 1, crc_hash
    tindex.bulk_hashes = []


_SLOT = np.dtype([("hash", ">u4"), ("position", ">i8")])  # a hash table slot ("!Iq")


def write_hashes(tindex) -> None:
    """``HashWriter._write_hashes``: the 256 open-addressing tables, built as arrays.

    Installed on a segment's term table. Slots are filled by linear probing, a
    round at a time: in each round every key not yet placed takes its slot if
    it is free and no earlier key wants it, else moves on one slot. Every slot
    between a key's own and where it lands is taken, which is all a reader's
    probe needs.
    """
    parts = list(getattr(tindex, "bulk_hashes", []))
    listed = [entry for entries in tindex.buckets for entry in entries]
    if listed:
        pairs = np.array(listed, dtype=np.int64).reshape(-1, 2)
        parts.append((pairs[:, 0].astype(np.uint32), pairs[:, 1]))
    hashes = np.concatenate([h for h, _ in parts]) if parts else np.zeros(0, np.uint32)
    positions = np.concatenate([p for _, p in parts]) if parts else np.zeros(0, np.int64)
    bucket = (hashes & 255).astype(np.int64)
    numslots = 2 * np.bincount(bucket, minlength=256)
    base = _bounds(numslots)
    table = np.zeros(int(base[-1]), dtype=_SLOT)
    taken = np.zeros(int(base[-1]), dtype=bool)
    waiting = np.arange(hashes.size)
    slot = (hashes.astype(np.int64) >> 8) % np.maximum(numslots[bucket], 1)
    while waiting.size:
        at = base[bucket[waiting]] + slot[waiting]
        free = ~taken[at]
        _, first = np.unique(at[free], return_index=True)  # the earliest key wanting each free slot
        placed = np.flatnonzero(free)[first]
        table["hash"][at[placed]] = hashes[waiting[placed]]
        table["position"][at[placed]] = positions[waiting[placed]]
        taken[at[placed]] = True
        moved = np.ones(waiting.size, dtype=bool)
        moved[placed] = False
        waiting = waiting[moved]
        slot[waiting] = (slot[waiting] + 1) % numslots[bucket[waiting]]
    start = tindex.dbfile.tell()
    tindex.directory.extend(zip((start + 12 * base[:-1]).tolist(), numslots.tolist()))
    tindex.dbfile.write(table.tobytes())


def collector_for(fieldobj) -> Callable[[], FieldPostings] | None:
    """How to gather ``fieldobj``'s postings in bulk, or None for Whoosh's own writer."""
    boost = getattr(fieldobj.format, "field_boost", 1.0)
    if isinstance(fieldobj, CharField):
        return lambda: CharPostings(boost)
    if not isinstance(fieldobj.format, PackedPositions) or fieldobj.vector:
        return None
    if isinstance(fieldobj, GramField):
        return lambda: GramPostings(boost)
    if isinstance(fieldobj.analyzer, ChineseTokenizer):
        userdict = fieldobj.analyzer.userdict
        return lambda: WordPostings(boost, userdict)
    return None
