"""The posting format of Baoku's text fields: term positions as packed integers.

Whoosh's ``Positions`` format pickles each posting's list of position gaps,
which costs a pickle call per term per document when writing and an
unpickle per posting when reading. ``PackedPositions`` stores the same
information (frequency, then the gaps between positions) as a fixed-width
little-endian array, so the indexer can encode every posting of a segment
at once with NumPy (``bulkpostings.py``) and a phrase check decodes a
posting with one ``array`` call.

A value is: the frequency (4 bytes, big-endian, as in ``Positions`` so
Whoosh's frequency and weight readers apply), one byte giving the width of
the gaps (``H`` for 2 bytes, ``I`` for 4), then the gaps.
"""

from __future__ import annotations

import sys
from array import array
from itertools import accumulate
from struct import Struct

from whoosh import formats

_COUNT = Struct("!I")
WIDE_GAP = 1 << 16  # a gap this large needs 4 bytes
assert array("H").itemsize == 2 and array("I").itemsize == 4


class PackedPositions(formats.Positions):
    """``Positions`` with the gaps packed as 2- or 4-byte integers instead of pickled."""

    def encode(self, poslist) -> bytes:
        gaps = [b - a for a, b in zip([0, *poslist], poslist)]
        code = "I" if gaps and max(gaps) >= WIDE_GAP else "H"
        packed = array(code, gaps)
        if sys.byteorder == "big":
            packed.byteswap()
        return _COUNT.pack(len(gaps)) + code.encode("ascii") + packed.tobytes()

    def decode_positions(self, valuestring: bytes) -> list[int]:
        gaps = array(chr(valuestring[4]), valuestring[5:])
        if sys.byteorder == "big":
            gaps.byteswap()
        return list(accumulate(gaps))

    def combine(self, vs) -> bytes:
        positions: set[int] = set()
        for v in vs:
            positions.update(self.decode_positions(v))
        return self.encode(sorted(positions))


class Counts(formats.Format):
    """A term's count in the document as its posting's weight, and no value (no positions).

    For terms that are only ever looked up alone, never as part of a phrase
    (``schema.CharField``, which counts them itself). As for Whoosh's
    ``Existence``, a block stores no values (``None``) and an inlined term an
    empty tuple; unlike it, the weight is the count, which BM25 reads.
    """

    posting_size = 0

    def __init__(self, field_boost: float = 1.0, **options) -> None:
        self.field_boost = field_boost
        self.options = options

    def encode(self, value) -> bytes:
        return b""
