"""Many small pickles at once: tuples of ints, floats and bytes, encoded with NumPy.

whoosh3 keeps a term's postings as a pickled ``(ids, weights, values)``
tuple: inlined in the term table for a rare term, in blocks of the postings
file otherwise. Readers unpickle them with ``pickle.loads``, which reads any
valid pickle. A segment has hundreds of thousands of such tuples, and a
``dumps`` call and the slicing around it per tuple was a fifth of writing
a segment. Here every tuple of a segment part is encoded in a few array
passes, with the same opcodes ``dumps`` would use (without its memo).

Byte strings are handled as ``Pieces``: one flat ``uint8`` buffer and the
``n + 1`` offsets of its ``n`` pieces.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# pickle opcodes (pickletools)
_MARK, _TUPLE, _TUPLE3, _NONE, _STOP = b"(", b"t", b"\x87", b"N", b"."
EMPTY_TUPLE = b")"
_PROTO = b"\x80\x04"  # protocol 4 (SHORT_BINBYTES needs 3); framing is optional
_BININT1, _BININT2, _BININT = 0x4B, 0x4D, 0x4A  # K, M, J
_BINFLOAT = 0x47  # G
_SHORT_BINBYTES, _BINBYTES = 0x43, 0x42  # C, B


@dataclass
class Pieces:
    """``n`` byte strings: piece ``i`` is ``buf[offsets[i]:offsets[i + 1]]``."""

    buf: np.ndarray  # uint8
    offsets: np.ndarray  # int64, n + 1 entries, non-decreasing

    def __len__(self) -> int:
        return self.offsets.size - 1

    def grouped(self, bounds: np.ndarray) -> Pieces:
        """Consecutive pieces joined: group ``g`` is pieces ``bounds[g]`` to ``bounds[g + 1]``."""
        return Pieces(self.buf, self.offsets[bounds])

    def tolist(self) -> list[bytes]:
        data = self.buf.tobytes()
        offs = self.offsets.tolist()
        return [data[s:e] for s, e in zip(offs[:-1], offs[1:])]


def fixed(buf: np.ndarray, width: int) -> Pieces:
    """Pieces of ``width`` bytes each, back to back in ``buf``."""
    return Pieces(buf.reshape(-1), np.arange(buf.size // width + 1, dtype=np.int64) * width)


def take(pieces: Pieces, which: np.ndarray) -> Pieces:
    """The pieces a boolean mask ``which`` selects, in order, in a new buffer."""
    lengths = np.diff(pieces.offsets)
    first, last = int(pieces.offsets[0]), int(pieces.offsets[-1])
    keep = np.repeat(which, lengths)  # each byte: is its piece chosen (the pieces lie back to back)
    offsets = np.zeros(int(which.sum()) + 1, dtype=np.int64)
    np.cumsum(lengths[which], out=offsets[1:])
    return Pieces(pieces.buf[first:last][keep], offsets)


def _spread(pieces: Pieces, at: np.ndarray) -> Pieces:
    """``pieces`` as the rows ``at`` (a boolean mask) of a longer run, empty in the other rows."""
    lengths = np.zeros(at.size, dtype=np.int64)
    lengths[at] = np.diff(pieces.offsets)
    offsets = np.empty(at.size + 1, dtype=np.int64)
    offsets[0] = pieces.offsets[0]
    np.cumsum(lengths, out=offsets[1:])
    offsets[1:] += pieces.offsets[0]
    return Pieces(pieces.buf, offsets)


def merge(first: np.ndarray, a: Pieces, b: Pieces) -> Pieces:
    """Piece ``i`` is the next piece of ``a`` where ``first[i]``, else the next of ``b``."""
    return join([_spread(a, first), _spread(b, ~first)])


def compact(rows: np.ndarray, lengths: np.ndarray) -> Pieces:
    """Pieces from the first ``lengths[i]`` bytes of each row of ``rows`` (n x width)."""
    keep = np.arange(rows.shape[1]) < lengths[:, None]
    offsets = np.zeros(lengths.size + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    return Pieces(rows[keep], offsets)


def constant(value: bytes, n: int) -> Pieces:
    """``value`` ``n`` times."""
    width = len(value)
    buf = np.tile(np.frombuffer(value, dtype=np.uint8), n) if width else np.zeros(0, np.uint8)
    return Pieces(buf, np.arange(n + 1, dtype=np.int64) * width)


def join(columns: list[Pieces]) -> Pieces:
    """Row ``i`` of the result is piece ``i`` of each column, concatenated in column order."""
    n = len(columns[0])
    lengths = np.stack([np.diff(c.offsets) for c in columns], axis=1)  # n x columns
    starts = np.zeros(lengths.size, dtype=np.int64)
    np.cumsum(lengths.ravel()[:-1], out=starts[1:])
    starts = starts.reshape(lengths.shape)
    total = int(lengths.sum())
    out = np.empty(total, dtype=np.uint8)
    for k, col in enumerate(columns):
        first, last = int(col.offsets[0]), int(col.offsets[-1])
        if last == first:
            continue
        if 4 * (last - first) > total:
            # a column of most of the bytes (the values): mark where its pieces go, one
            # byte per output byte, and copy the bytes there in order
            mine = np.zeros(lengths.shape, dtype=bool)
            mine[:, k] = True
            out[np.repeat(mine.ravel(), lengths.ravel())] = col.buf[first:last]
            continue
        # byte j of the column's buffer goes to its row's start plus its offset in the piece
        shift = starts[:, k] - col.offsets[:-1]
        out[np.arange(first, last) + np.repeat(shift, lengths[:, k])] = col.buf[first:last]
    offsets = np.empty(n + 1, dtype=np.int64)
    offsets[:-1] = starts[:, 0]
    offsets[-1] = total
    return Pieces(out, offsets)


def ints(values: np.ndarray) -> Pieces:
    """Each value (0 <= v < 2**31) as ``dumps`` writes an int: BININT1, BININT2 or BININT."""
    v = values.astype(np.int64)
    if v.size and (v.min() < 0 or v.max() >= 1 << 31):
        raise ValueError("ints are pickled here only from 0 to 2**31 - 1")
    rows = np.empty((v.size, 5), dtype=np.uint8)
    rows[:, 0] = np.where(v < 256, _BININT1, np.where(v < 65536, _BININT2, _BININT))
    rows[:, 1:] = v.astype("<u4").view(np.uint8).reshape(-1, 4)
    return compact(rows, np.where(v < 256, 2, np.where(v < 65536, 3, 5)))


def floats(values: np.ndarray) -> Pieces:
    """Each value as BINFLOAT: ``G`` and the big-endian double."""
    rows = np.empty((values.size, 9), dtype=np.uint8)
    rows[:, 0] = _BINFLOAT
    rows[:, 1:] = values.astype(">f8").view(np.uint8).reshape(-1, 8)
    return Pieces(rows.ravel(), np.arange(values.size + 1, dtype=np.int64) * 9)


def byte_strings(data: Pieces) -> Pieces:
    """Each piece as a pickled ``bytes``: SHORT_BINBYTES (under 256 bytes) or BINBYTES."""
    lengths = np.diff(data.offsets)
    short = lengths < 256
    rows = np.empty((lengths.size, 5), dtype=np.uint8)
    rows[:, 0] = np.where(short, _SHORT_BINBYTES, _BINBYTES)
    rows[:, 1:] = lengths.astype("<u4").view(np.uint8).reshape(-1, 4)
    return join([compact(rows, np.where(short, 2, 5)), data])


def tuples(items: Pieces, bounds: np.ndarray) -> Pieces:
    """Pickled items grouped into tuples: MARK, the items, TUPLE."""
    n = bounds.size - 1
    return join([constant(_MARK, n), items.grouped(bounds), constant(_TUPLE, n)])


def weights(values: np.ndarray, bounds: np.ndarray, kind: np.ndarray) -> Pieces:
    """whoosh3's weights part of each group: ``None`` (kind 0), the group's first
    weight (kind 1, all weights equal) or the tuple of its weights (kind 2)."""
    n = bounds.size - 1
    listed = np.repeat(kind == 2, np.diff(bounds))
    counts = np.where(kind == 2, np.diff(bounds), 0)
    listed_bounds = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(counts, out=listed_bounds[1:])
    head = np.empty((n, 9), dtype=np.uint8)
    head[:, 0] = _NONE[0]
    one = kind == 1
    if one.any():
        head[one] = floats(values[bounds[:-1][one]]).buf.reshape(-1, 9)
    scalar = compact(head, np.where(kind == 2, 0, np.where(one, 9, 1)))
    is_tuple = (kind == 2).astype(np.int64)
    return join([scalar, compact(np.full((n, 1), _MARK[0], dtype=np.uint8), is_tuple),
                 floats(values[listed]).grouped(listed_bounds),
                 compact(np.full((n, 1), _TUPLE[0], dtype=np.uint8), is_tuple)])


def postings_tuples(ids: np.ndarray, weight_values: np.ndarray, weight_kind: np.ndarray,
                    values: Pieces | None, bounds: np.ndarray, no_values: bytes = _NONE) -> Pieces:
    """``dumps((ids, weights, values))`` for each group of postings ``bounds[g]:bounds[g + 1]``:
    a tuple of ints, whoosh3's weights (see ``weights``) and a tuple of bytes, or, for a
    field without values, ``no_values`` (``None``, or ``EMPTY_TUPLE`` as whoosh3 inlines)."""
    n = bounds.size - 1
    return join([constant(_PROTO, n), tuples(ints(ids), bounds),
                 weights(weight_values, bounds, weight_kind),
                 tuples(byte_strings(values), bounds) if values is not None else constant(no_values, n),
                 constant(_TUPLE3 + _STOP, n)])
