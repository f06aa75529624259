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
import math
import multiprocessing
import os
import pickle
import traceback
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import numpy as np
from whoosh.analysis import IDTokenizer
from whoosh.codec.whoosh3 import W3Codec, W3TermInfo
from whoosh.columns import TranslatingColumnReader
from whoosh.fields import ID
from whoosh.formats import Existence
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.writing import SegmentWriter
from zlib_ng import zlib_ng

from .bulkpostings import FieldPostings, collector_for, use_crc32, write_field, write_hashes
from .merging import MergedPostings
from .postings import length_bytes


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
# level of posting blocks' compression. zlib's level 1 gave the same index size as
# Whoosh's 3, faster; zlib-ng's level 1 (``_write_chunk``) is three times faster again
# on posting blocks, which come out 11% larger (the index about 3%)
BLOCK_COMPRESSION = 1

# A document's stored fields are compressed by zlib-ng (Whoosh decompresses them
# with zlib): at Whoosh's level (3), half zlib's time on articles' records for 2.5%
# more bytes, and at level 1 when shorter than this. A quotation's record (about
# 470 bytes) took zlib 20 µs whatever the level and shrank by 14% only; zlib-ng's
# level 1 takes 5 µs and shrinks it by 5%, but an article's by 28% against 43%.
SMALL_STORED = 1024


def compress_stored(data: bytes, level: int) -> bytes:
    """Compress a document's pickled stored fields (``CompressedBytesColumn``'s call)."""
    return zlib_ng.compress(data, 1 if len(data) < SMALL_STORED else level)


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
        # ID fields whose value is their one term (an id, a date, a speaker): each
        # document has several, and Whoosh's analyzer chain cost more than the term
        self._id_boosts = {name: field.format.field_boost for name, field in self.schema.items()
                           if type(field) is ID and type(field.analyzer) is IDTokenizer
                           and type(field.format) is Existence}
        tindex = self.fieldwriter._tindex
        use_crc32(tindex)
        tindex._write_hashes = functools.partial(write_hashes, tindex)
        perdoc = self.perdocwriter
        # (whoosh3 creates the stored-fields column with the writer: a pickle of each
        # document's stored fields, compressed)
        perdoc._colwriters["_stored"]._child._compress = compress_stored
        add_field = perdoc.add_field
        note = self._lengths.note

        def add_field_noting_length(fieldname, fieldobj, value, length):
            note(fieldname, perdoc._docnum, length)
            add_field(fieldname, fieldobj, value, length)

        perdoc.add_field = add_field_noting_length

    def add_reader(self, reader) -> None:
        """Copy a segment in, as a merge does at commit.

        The text fields' postings are copied as arrays (``merging.py``); the
        other fields' (IDs, keywords: a few per document) go through the
        pool. Whoosh's own pool rejects the ``''`` that an inlined posting
        without a value reads back as; this pool stores it as empty bytes.
        Documents cannot be added to a writer that merges.
        """
        self._check_state()
        if any(isinstance(p, FieldPostings) and p for p in self._bulk.values()):
            raise RuntimeError("a segment merged into a writer that already holds new documents")
        schema = self.schema
        count = reader.doc_count_all()
        base = self.docnum
        fieldnames = set(schema.names()) | {f for f in reader.indexed_field_names() if f in schema}
        docmap = self.write_per_doc(fieldnames, reader)
        newdocs = np.arange(base, base + count, dtype=np.int64)
        if docmap is not None:  # deleted documents are left out, the others renumbered
            newdocs[:] = -1
            newdocs[list(docmap)] = list(docmap.values())
        add_post = self.pool.add
        for name in sorted(set(reader.indexed_field_names()) & set(schema.names())):
            if name in self._bulk:
                merged = self._bulk[name]
                if not isinstance(merged, MergedPostings):
                    merged = self._bulk[name] = MergedPostings()
                merged.add(self.storage, reader, name, newdocs)
                continue
            for tbytes in reader.lexicon(name):
                m = reader.postings(name, tbytes)
                while m.is_active():
                    doc = int(newdocs[m.id()])
                    if doc >= 0:
                        add_post((name, tbytes, doc, m.weight(), m.value() or b""))
                    m.next()
        self._added = True

    def write_per_doc(self, fieldnames, reader):
        """``SegmentWriter.write_per_doc`` (stored fields, lengths and columns of a merged
        segment's live documents), with each field's lengths and column read once, not
        looked up per document: Whoosh's lookup checks that the column file exists every time."""
        schema = self.schema
        docmap = {} if reader.has_deletions() else None
        pdw = self.perdocwriter
        names = sorted(fieldnames)
        lengths = {name: length_bytes(reader, name) for name in names}
        lengths = {name: [byte_to_length(b) if b else 0 for b in raw.tolist()]
                   for name, raw in lengths.items() if raw.any()}
        cols = {}
        for name in names:
            coltype = schema[name].column_type
            if coltype and reader.has_column(name):
                creader = reader.column_reader(name, coltype)
                if isinstance(creader, TranslatingColumnReader):
                    creader = creader.raw_column()
                cols[name] = (coltype, creader)
        for docnum, stored in reader.iter_docs():
            if docmap is not None:
                docmap[docnum] = self.docnum
            pdw.start_doc(self.docnum)
            extra = [s for s in stored if s in schema and s not in fieldnames]
            for name in names + sorted(extra):
                found = lengths.get(name)
                pdw.add_field(name, schema[name], stored.get(name), found[docnum] if found else 0)
                if name in cols:
                    coltype, creader = cols[name]
                    pdw.add_column_value(name, coltype, creader[docnum])
            pdw.finish_doc()
            self.docnum += 1
        # A document's length is kept as one lossy byte, but a segment's total field
        # length exactly (BM25's average length): the live documents' lossy lengths
        # were added above, and the difference between the exact total and the lossy
        # one is carried over (the deleted documents' lengths cancel out of it).
        for name, found in lengths.items():
            pdw._fieldlengths[name] += reader.field_length(name) - sum(found)
        return docmap

    def add_document(self, **fields: Any) -> None:
        """Add a document, as ``SegmentWriter.add_document`` does (without boosts,
        vectors or spelling, which Baoku's schemas do not use); the text fields'
        postings go to their bulk collectors."""
        self._check_state()
        perdoc = self.perdocwriter
        schema = self.schema
        docnum = self.docnum
        add_post = self.pool.add
        id_boosts = self._id_boosts
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
                if isinstance(bulk, MergedPostings):
                    raise RuntimeError("a document added to a writer that merged segments")
                if bulk is not None:
                    length = bulk.add(docnum, value)
                elif name in id_boosts and type(value) is str:
                    # (as ``field.index`` gives it: the value whole, frequency 1, no value bytes)
                    add_post((name, value.encode("utf-8"), docnum, id_boosts[name], b""))
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


# The merge policy. A merge copies a segment's text postings as arrays
# (merging.py): about 2.3 ms of one core per article, and at its peak about
# twice the size of the segments merged at once in memory (5.7 GB for 100,000
# articles).
SMALL_MERGE_DOCS = 2000  # small segments (an edition each) are merged once
SMALL_MERGE_MIN = 4  # this many of them hold this many live documents or fewer
MERGE_FACTOR = 10  # segments of one size class are merged this many at a time ...
MERGE_MAX_BYTES = 4_000_000_000  # ... into a segment of at most this size


def pick_merges(segments: list, sizes: dict | None = None) -> list[list]:
    """The groups of ``segments`` to merge, each into one new segment.

    Small segments are merged as soon as there are ``SMALL_MERGE_MIN`` of
    them holding ``SMALL_MERGE_DOCS`` live documents or fewer. The others
    fall in size classes, powers of ten of their live documents (a
    ``baoku index`` run writes article segments of about 10,000: ``commit_every``
    over ``procs``); a class of ``MERGE_FACTOR`` segments or more has its
    smallest ``MERGE_FACTOR`` merged into one of the next class, unless their
    files (``sizes``, by segment id) hold more than ``MERGE_MAX_BYTES``. A
    million articles so end in about 10 article segments of 100,000 and at
    most 9 of 10,000 (12 in all when measured), where they had been 120: a
    query looks up each of its terms in every segment. Sizes count live documents,
    so a segment whose articles were re-indexed falls to a smaller class and
    is merged (its deleted documents dropped).
    """
    sizes = sizes or {}
    ordered = sorted(segments, key=lambda s: s.doc_count())
    groups = []
    small, total = [], 0
    for seg in ordered:
        if total + seg.doc_count() > SMALL_MERGE_DOCS:
            break
        small.append(seg)
        total += seg.doc_count()
    if len(small) >= SMALL_MERGE_MIN:
        groups.append(small)
        ordered = ordered[len(small):]
    classes: dict[int, list] = {}
    for seg in ordered:
        classes.setdefault(round(math.log10(max(seg.doc_count(), 1))), []).append(seg)
    for members in classes.values():
        while len(members) >= MERGE_FACTOR:
            group, members = members[:MERGE_FACTOR], members[MERGE_FACTOR:]
            if sum(sizes.get(seg.segid, 0) for seg in group) > MERGE_MAX_BYTES:
                break
            groups.append(group)
    return groups


def segment_sizes(storage, indexname: str) -> dict[str, int]:
    """The bytes of each segment's files in ``storage``, by segment id."""
    sizes: dict[str, int] = {}
    prefix = f"{indexname}_"
    for name in storage.list():
        if name.startswith(prefix) and not name.endswith(".toc"):
            segid = name[len(prefix):].split(".")[0]
            sizes[segid] = sizes.get(segid, 0) + storage.file_length(name)
    return sizes


def merge_policy(procs: int = 1, limit: int | None = None) -> Callable[[SegmentWriter, list], list]:
    """Whoosh's merge-policy hook for ``commit_segments``: drops segments whose
    documents are all deleted, merges the groups ``pick_merges`` chooses (the first
    ``limit``, in ``procs`` processes, a group each) and returns the segments the
    commit keeps."""

    def policy(writer: SegmentWriter, segments: list) -> list:
        live = [seg for seg in segments if seg.doc_count() > 0]
        groups = pick_merges(live, segment_sizes(writer.storage, writer.indexname))[:limit]
        if not groups:
            return live
        merged = merge_groups(writer, groups, procs)
        picked = {id(seg) for group in groups for seg in group}
        return [seg for seg in live if id(seg) not in picked] + merged

    return policy


def merge_groups(writer: SegmentWriter, groups: list[list], procs: int = 1) -> list:
    """Merge each group of the segments of ``writer``'s index (as ``writer`` sees them, with
    its deletions) into one new segment; ``procs`` processes merge groups side by side.
    ``writer`` holds the write lock and commits the returned segments."""
    from whoosh.index import FileIndex
    from whoosh.reading import SegmentReader

    ix = FileIndex(writer.storage, writer.schema, writer.indexname)

    def merge(share: range) -> list:
        out = []
        for g in share:
            target = MemorySegmentWriter(ix, _lk=False)
            try:
                for seg in groups[g]:
                    reader = SegmentReader(writer.storage, writer.schema, seg)
                    try:
                        target.add_reader(reader)
                    finally:
                        reader.close()
                out.append(target._finalize_segment())
            except BaseException:
                _drop(target)
                raise
        return out

    sizes = [sum(seg.doc_count() for seg in group) for group in groups]
    if max(1, min(procs, len(groups))) == 1:
        return merge(range(len(groups)))
    shares = _in_workers(merge, len(groups), min(procs, len(groups)), sizes=sizes)
    return [seg for share in shares for seg in share]


def commit_segments(writer: SegmentWriter, segments: Iterable, procs: int = 1,
                    merges: int | None = None) -> None:
    """Commit ``writer``'s deletions and own documents together with ``segments``.

    ``writer`` holds the index's write lock; the new segments were built by
    ``build_segments`` against the same generation of the index. Segments
    already in the index are merged by the merge policy (``pick_merges``), in
    ``procs`` processes; ``merges`` limits how many merges this commit makes.
    """
    try:
        final = writer._merge_segments(merge_policy(procs, merges), None, None)
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
