"""Read Whoosh segment files through the segment's mmap instead of copying them.

whoosh3 3.54's ``CompoundStorage.open_file`` wraps each file of a segment in a
``BufferFile``, whose ``BytesIO`` copies the bytes: every reader copied the
term and posting files of every segment, about 3 s and 2.5 GB per searcher on
the 53k-article index, and the web app keeps one searcher per thread. Here a
file is a window on the segment's mmap with a position of its own: reads copy
only what they read, and every reader shares the operating system's page cache.
"""

from __future__ import annotations

from whoosh.filedb import compound
from whoosh.filedb.structfile import StructFile
from whoosh.filedb.filestore import StorageError


class MapWindow:
    """A read-only file over ``length`` bytes of ``source`` (an mmap) from ``offset``."""

    def __init__(self, source, offset: int, length: int):
        self._source = source
        self._offset = offset
        self._length = length
        self._pos = 0
        self.closed = False

    def read(self, size: int | None = -1) -> bytes:
        end = self._length if size is None or size < 0 else min(self._length, self._pos + size)
        start = self._pos
        if end <= start:
            return b""
        self._pos = end
        return self._source[self._offset + start:self._offset + end]

    def readline(self, size: int | None = -1) -> bytes:
        start = self._offset + self._pos
        stop = self._offset + self._length
        newline = self._source.find(b"\n", start, stop)
        end = stop if newline < 0 else newline + 1
        if size is not None and size >= 0:
            end = min(end, start + size)
        self._pos = end - self._offset
        return self._source[start:end]

    def seek(self, where: int, whence: int = 0) -> int:
        base = {0: 0, 1: self._pos, 2: self._length}[whence]
        self._pos = max(0, base + where)
        return self._pos

    def tell(self) -> int:
        return self._pos

    def close(self) -> None:
        self.closed = True


_copying_open_file = compound.CompoundStorage.open_file


def _open_file(self, name, *args, **kwargs):
    if self._source is None:  # no mmap (a 32-bit build, or out of address space)
        return _copying_open_file(self, name, *args, **kwargs)
    if self.is_closed:
        raise StorageError("Storage was closed")
    offset, length = self.range(name)
    return StructFile(MapWindow(self._source, offset, length), name=name)


def install() -> None:
    """Make every compound segment of this process read through its mmap."""
    compound.CompoundStorage.open_file = _open_file
