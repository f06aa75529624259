"""Writing Whoosh segments quickly: postings gathered in memory, segments built in parallel.

Whoosh's ``SegmentWriter`` pickles every posting into sorted runs on disk,
merges the runs back with a heap at commit, and reads each posting's field
length back from the segment's own column while writing it. For Baoku's
documents (two n-gram postings per character) that bookkeeping cost more
than segmenting the text. ``MemorySegmentWriter`` keeps a segment's
postings grouped by field and term as the documents arrive, so nothing is
pickled or sorted but the term list, and it knows each field length from
when the document was added.

``build_segments`` runs writers in forked worker processes, one new segment
each, and ``commit_segments`` adds them to the index under the parent's
write lock: the same scheme as Whoosh's ``MpWriter(multisegment=True)``,
but each worker reads its share of the work from the parent's memory
instead of from pickled document files, and does all of that work itself
(deriving documents, quotes, postings) so both cores are busy throughout.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import pickle
import traceback
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from whoosh.codec.whoosh3 import W3Codec, W3TermInfo
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.writing import SegmentWriter

from .bulkpostings import FieldPostings, collector_for, use_crc32, write_field, write_hashes


class MemoryPool:
    """A segment's postings: field name -> term bytes -> [(docnum, weight, value bytes)].

    Postings must arrive in document order, as ``SegmentWriter`` adds them
    (``add_document`` and ``add_reader`` both number documents upwards), so
    each term's list is already sorted and only the terms need sorting.
    """

    def __init__(self) -> None:
        self.fields: dict[str, dict[bytes, list]] = {}

    @property
    def fieldnames(self) -> set[str]:
        return set(self.fields)

    def add(self, item: tuple) -> None:
        fieldname, tbytes, docnum, weight, vbytes = item
        terms = self.fields.get(fieldname)
        if terms is None:
            terms = self.fields[fieldname] = {}
        postings = terms.get(tbytes)
        if postings is None:
            terms[tbytes] = [(docnum, weight, vbytes)]
        else:
            postings.append((docnum, weight, vbytes))

    def iter_postings(self):
        for fieldname in sorted(self.fields):
            terms = self.fields[fieldname]
            for tbytes in sorted(terms):
                for docnum, weight, vbytes in terms[tbytes]:
                    yield fieldname, tbytes, docnum, weight, vbytes

    def cleanup(self) -> None:
        self.fields = {}


class _FieldLengths:
    """Field lengths as the segment stores them (one byte, logarithmic), by document."""

    def __init__(self) -> None:
        self.by_field: dict[str, dict[int, int]] = {}

    def note(self, fieldname: str, docnum: int, length: int) -> None:
        if length:
            lbyte = length_to_byte(length)
            if lbyte:
                self.by_field.setdefault(fieldname, {})[docnum] = byte_to_length(lbyte)

    def doc_field_length_reader(self, fieldname: str, default: int = 0):
        # The segment's own reader answers None for a missing length byte.
        return self.by_field.get(fieldname, {}).get


# Terms with fewer postings than this are stored in the term table itself
# instead of as a block in the postings file. Most terms of a segment are rare
# character pairs, and a block costs two pickles, a zlib call and a seek each.
INLINE_POSTINGS = 8
# zlib level of posting blocks: level 1 gave the same index size as Whoosh's 3, faster
BLOCK_COMPRESSION = 1

if not hasattr(W3TermInfo, "set_inline"):
    # whoosh3 3.54's postings writer calls set_inline(); the term info calls
    # it set_inlined(). (Its default inline limit of 1 never reaches the call.)
    W3TermInfo.set_inline = W3TermInfo.set_inlined


class MemorySegmentWriter(SegmentWriter):
    """A ``SegmentWriter`` whose postings stay in memory until the segment is written.

    The text fields' postings are gathered as arrays (``bulkpostings.py``),
    the others as Python lists; a segment of 10,000 articles took about 3.5 GB
    at its peak: the caller bounds memory by how many documents it gives one writer.
    """

    def __init__(self, ix, **kwargs: Any) -> None:
        kwargs.setdefault("codec", W3Codec(inlinelimit=INLINE_POSTINGS, compression=BLOCK_COMPRESSION))
        super().__init__(ix, **kwargs)
        self.pool.cleanup()  # Whoosh's file-backed pool, unused and still empty
        self.pool = MemoryPool()
        self._lengths = _FieldLengths()
        self._bulk: dict[str, FieldPostings] = {}
        for name, field in self.schema.items():
            if field.vector or field.separate_spelling():
                raise ValueError(f"field {name!r}: term vectors and spelling are not written here")
            make = collector_for(field)
            if make is not None:
                self._bulk[name] = make()
        tindex = self.fieldwriter._tindex
        use_crc32(tindex)
        tindex._write_hashes = functools.partial(write_hashes, tindex)
        perdoc = self.perdocwriter
        add_field = perdoc.add_field
        note = self._lengths.note

        def add_field_noting_length(fieldname, fieldobj, value, length):
            note(fieldname, perdoc._docnum, length)
            add_field(fieldname, fieldobj, value, length)

        perdoc.add_field = add_field_noting_length

    def add_reader(self, reader) -> None:
        """Copy a segment in, as Whoosh's merge policy does at commit, through the posting pool.

        Whoosh's own pool rejects the ``''`` that an inlined posting without a
        value (ID and keyword fields) reads back as; this pool stores it as
        empty bytes. Every field goes through the pool from here on, so text
        postings are never split between the pool and the bulk collectors.
        """
        if any(self._bulk.values()):
            raise RuntimeError("a segment merged into a writer that already holds new documents")
        self._bulk = {}
        super().add_reader(reader)

    def add_document(self, **fields: Any) -> None:
        """Add a document, as ``SegmentWriter.add_document`` does (without boosts,
        vectors or spelling, which Baoku's schemas do not use); the text fields'
        postings go to their bulk collectors."""
        self._check_state()
        perdoc = self.perdocwriter
        schema = self.schema
        docnum = self.docnum
        add_post = self.pool.add
        names = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(schema, names)
        perdoc.start_doc(docnum)
        try:
            for name in names:
                value = fields[name]
                if value is None:
                    continue
                field = schema[name]
                length = 0
                bulk = self._bulk.get(name)
                if bulk is not None:
                    length = bulk.add(docnum, value)
                elif field.indexed:
                    for tbytes, freq, weight, vbytes in field.index(value):
                        if field.scorable:
                            length += freq
                        add_post((name, tbytes, docnum, weight, vbytes))
                perdoc.add_field(name, field, value if field.stored else None, length)
                if field.column_type:
                    perdoc.add_column_value(name, field.column_type, field.to_column_value(value))
        except ValueError:
            perdoc.cancel_doc()
            for postings in self._bulk.values():
                postings.discard(docnum)  # the next document takes this number
            raise
        perdoc.finish_doc()
        self._added = True
        self.docnum += 1

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        lengths = self._lengths if self.codec.length_stats else None
        fw = self.fieldwriter
        schema = self.schema
        codec = self.codec
        bulk = {name: postings for name, postings in self._bulk.items() if postings}
        for fieldname in sorted(set(self.pool.fields) | set(bulk)):
            if fieldname in bulk:
                write_field(fw, fieldname, schema[fieldname], bulk.pop(fieldname),
                            codec._blocklimit, codec._inlinelimit, codec._compression)
                continue
            terms = self.pool.fields[fieldname]
            dfl = lengths.doc_field_length_reader(fieldname) if lengths else (lambda d: 0)
            fw.start_field(fieldname, schema[fieldname])
            start_term, add, finish_term = fw.start_term, fw.add, fw.finish_term
            for tbytes in sorted(terms):
                start_term(tbytes)
                for docnum, weight, vbytes in terms[tbytes]:
                    add(docnum, weight, vbytes or b"", dfl(docnum))
                finish_term()
            fw.finish_field()
        self._bulk = {}
        self.pool.cleanup()
        fw.close()


class WorkerFailed(RuntimeError):
    """A worker process building segments failed; nothing it wrote is committed."""


def _split(n: int, parts: int, sizes: Sequence[int] | None = None) -> list[range]:
    """``parts`` consecutive ranges of ``range(n)``: of equal length, or of about
    equal total ``sizes`` (the items' costs) when given."""
    if sizes is not None and n:
        total = sum(sizes)
        bounds, running, i = [0], 0, 0
        for k in range(1, parts):
            while i < n and running + sizes[i] / 2 < total * k / parts:
                running += sizes[i]
                i += 1
            bounds.append(min(max(i, bounds[-1] + 1), n - (parts - k)))  # none empty
        bounds.append(n)
        return [range(a, b) for a, b in zip(bounds, bounds[1:])]
    size, extra = divmod(n, parts)
    out, start = [], 0
    for i in range(parts):
        end = start + size + (1 if i < extra else 0)
        out.append(range(start, end))
        start = end
    return out


def fork_map(fn: Callable[[int], Any], n: int, procs: int = 1,
             sizes: Sequence[int] | None = None) -> list:
    """``[fn(i) for i in range(n)]``, computed by ``procs`` forked processes.

    ``fn`` reads its inputs from this process's memory; only the results are
    pickled back. For the indexer's per-article passes that run before the
    segments are built (places, keyword candidates). ``sizes``, each item's
    cost (its characters), splits the items so the processes finish together.
    """
    if max(1, min(procs, n)) == 1:
        return [fn(i) for i in range(n)]
    shares = _in_workers(lambda share: [fn(i) for i in share], n, procs, sizes=sizes)
    return [value for share in shares for value in share]


def build_segments(indexes: Sequence, work: Callable[[range, list, Callable[[int], None]], None],
                   n: int, procs: int = 1,
                   progress: Callable[[int], None] | None = None,
                   sizes: Sequence[int] | None = None) -> list[list]:
    """Build new segments for ``indexes`` from ``n`` items of work, in ``procs`` processes.

    ``work(items, writers, done)`` adds the documents of items ``items`` (a
    range) to ``writers`` (a ``MemorySegmentWriter`` for each index, in order)
    and calls ``done(k)`` as it finishes items. Returns, per index, the new
    segments (none for a writer that got no documents). Workers are forked,
    so ``work`` reads its inputs from this process's memory. ``sizes``, each
    item's cost, splits the items so the processes finish together: an
    archive's papers differ in article length, and a batch is read paper by paper.

    :raises WorkerFailed: a worker raised or died; its segments are abandoned.
    """
    if max(1, min(procs, n)) == 1:
        return _segments_of(indexes, work, range(n), progress or (lambda k: None))
    counter = multiprocessing.get_context("fork").Value("q", 0)

    def done(k: int) -> None:
        with counter.get_lock():
            counter.value += k

    reported = 0

    def report() -> None:
        nonlocal reported
        now = counter.value
        if progress and now > reported:
            progress(now - reported)
        reported = now

    shares = _in_workers(lambda share: _segments_of(indexes, work, share, done), n, procs,
                         waiting=report, sizes=sizes)
    report()
    return [[seg for share in shares for seg in share[i]] for i in range(len(indexes))]


def _segments_of(indexes, work, items: range, done) -> list[list]:
    writers = [MemorySegmentWriter(ix, _lk=False) for ix in indexes]
    try:
        work(items, writers, done)
    except BaseException:
        for w in writers:
            _drop(w)
        raise
    return [[w._finalize_segment()] if w._added else _drop(w) for w in writers]


def _in_workers(task: Callable[[range], Any], n: int, procs: int,
                waiting: Callable[[], None] | None = None,
                sizes: Sequence[int] | None = None) -> list:
    """``task(share)`` for ``procs`` shares of ``range(n)``, each in a forked process.

    Returns the results in share order. ``waiting`` is called about twice a
    second while the workers run.

    :raises WorkerFailed: a worker raised or died.
    """
    ctx = multiprocessing.get_context("fork")
    jobs = []
    for share in _split(n, max(1, min(procs, n)), sizes):
        recv, send = ctx.Pipe(duplex=False)
        proc = ctx.Process(target=_worker, args=(task, share, send), daemon=True)
        proc.start()
        send.close()
        jobs.append((proc, recv))
    results: list = []
    try:
        for proc, recv in jobs:
            while not recv.poll(0.5):
                if waiting:
                    waiting()
                if not proc.is_alive() and not recv.poll(0.1):
                    raise WorkerFailed(f"an indexing worker died (exit code {proc.exitcode})")
            try:
                ok, payload = pickle.loads(recv.recv_bytes())
            except EOFError:
                raise WorkerFailed(f"an indexing worker died (exit code {proc.exitcode})") from None
            if not ok:
                raise WorkerFailed(f"an indexing worker failed:\n{payload}")
            results.append(payload)
    finally:
        for proc, _ in jobs:
            proc.join(timeout=5 if len(results) == len(jobs) else 0.1)
            if proc.is_alive():
                proc.kill()
                proc.join()
    return results


def _worker(task, share: range, send) -> None:
    _die_with_parent()
    try:
        payload = (True, task(share))
    except BaseException:
        payload = (False, traceback.format_exc())
    try:
        send.send_bytes(pickle.dumps(payload))
    finally:
        send.close()
        os._exit(0)


# Writers of new segments share the index's temporary folder with the
# parent's locked writer, which removes it when it finishes: they must not
# (SegmentWriter.cancel would), and they hold no lock to release.

def _drop(writer: MemorySegmentWriter) -> list:
    """Close a writer's files; the next commit deletes them as unused."""
    try:
        writer._close_segment()
    except Exception:
        pass
    writer.is_closed = True
    return []


def _die_with_parent() -> None:
    # A killed indexer must not leave workers writing orphan segment files.
    try:
        import ctypes
        import signal
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


# Segments merged at commit go through the writer's posting pool, one Python
# tuple per posting (about 3,000 per article): only small segments are merged,
# as many as together hold at most this many documents.
MERGE_MAX_DOCS = 2000
MERGE_MIN_SEGMENTS = 4


def merge_small(writer: SegmentWriter, segments: list) -> list:
    """The merge policy at commit: the smallest segments are merged into ``writer`` once
    there are ``MERGE_MIN_SEGMENTS`` of them holding ``MERGE_MAX_DOCS`` live documents or
    fewer; a segment whose documents are all deleted is dropped, whatever its size.

    Whoosh's ``MERGE_SMALL`` merges every segment below a point on the
    Fibonacci sequence: with 25 segments of 10,000 articles it would merge
    250,000 articles through the pool. Runs of ``baoku index`` write segments
    of up to 10,000 articles each (``commit_every`` over ``procs``); many
    small incremental runs (one edition each) are folded together. Sizes
    count live documents: a merge copies only those, and a large segment
    whose articles were re-indexed (an updated article's old version stays,
    deleted, in its segment) would otherwise never be merged or removed.
    Returns the segments kept as they are.
    """
    from whoosh.reading import SegmentReader

    live = [seg for seg in segments if seg.doc_count() > 0]
    ordered = sorted(live, key=lambda s: s.doc_count())
    picked, total = [], 0
    for seg in ordered:
        count = seg.doc_count()
        if total + count > MERGE_MAX_DOCS:
            break
        picked.append(seg)
        total += count
    if len(picked) < MERGE_MIN_SEGMENTS:
        return live
    for seg in picked:
        reader = SegmentReader(writer.storage, writer.schema, seg)
        try:
            writer.add_reader(reader)
        finally:
            reader.close()
    return [seg for seg in live if seg not in picked]


def commit_segments(writer: SegmentWriter, segments: Iterable) -> None:
    """Commit ``writer``'s deletions and own documents together with ``segments``.

    ``writer`` holds the index's write lock; the new segments were built by
    ``build_segments`` against the same generation of the index. Small
    segments already in the index are merged (``merge_small``).
    """
    try:
        final = writer._merge_segments(merge_small, None, None)
        final.extend(segments)
        if writer._added:
            final.append(writer._finalize_segment())
        else:
            writer._close_segment()
        writer._commit_toc(final)
    except BaseException:
        writer._cleanup_on_error()
        raise
    writer._finish()
