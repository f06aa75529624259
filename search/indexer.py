"""Build and update the Whoosh index from Article records."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import time
from array import array
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.index import LockError

from .allocator import keep_freed_memory
from .analysis import (fixed_dictionary, fold, fold_lines, kept_folds, segmenter, squeeze,
                       write_userdict)
from .errors import IndexBusy, IndexMissing
from .facets import save_segment_values
from .keywords import DocumentFrequencies, content_words, keywords, shortlist
from .places import ancestors, find_locations, place
from .quotebook import quote_documents, quote_writer
from .segments import (MemorySegmentWriter, build_segments, commit_segments, fork_map, pick_merges,
                       segment_sizes)
from .topics import classify
from .records import Article
from .schema import SCHEMA_VERSION, article_schema

META_FILE = "baoku.json"
USERDICT_FILE = "userdict.txt"
SOURCES_FILE = "sources.json"
# Bodies shorter than this are not grouped as reprints: short credit-only
# items (版式设计：蔡华伟) repeat across unrelated pages.
MIN_REPRINT_CHARS = 50


@dataclass
class IndexReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0  # empty placeholders: no text and no date
    quotes: int = 0  # quotations written to the quote index
    characters: int = 0
    seconds: float = 0.0

    @property
    def articles(self) -> int:
        return self.added + self.updated + self.unchanged


class SourceLog:
    """The sources an index was built from, with the size and modification time then.

    ``baoku index`` reads only sources that are new or changed since, so adding
    one edition to a large archive costs one edition. Kept in ``sources.json``
    beside the index, written after the commit that holds the sources.
    """

    def __init__(self, index_dir: str | Path, date: str | None = None):
        self.index_dir = Path(index_dir)
        self.path = self.index_dir / SOURCES_FILE
        self.date = date or ""
        self.entries = self._load() if whoosh_index.exists_in(self.index_dir) else {}

    def _load(self) -> dict:
        try:
            return json.loads(self.path.read_text("utf-8"))
        except (OSError, ValueError):
            return {}

    def stamp(self, source: Path) -> list | None:
        """What identifies this state of ``source``: size, modification time, --date."""
        try:
            st = Path(source).stat()
        except OSError:
            return None
        return [st.st_size, st.st_mtime_ns, self.date]

    def changed(self, source: Path) -> bool:
        """True unless ``source`` was indexed as it is now (and with the same --date)."""
        stamp = self.stamp(source)
        return stamp is None or self.entries.get(str(Path(source).resolve())) != stamp

    def record(self, stamps: dict[Path, list]) -> None:
        """Note sources as indexed, with the stamps taken when they were read.

        A source that changed while it was read is not noted, so it is read again.
        """
        if not whoosh_index.exists_in(self.index_dir):
            return
        entries = self._load()  # another indexer may have noted sources meanwhile
        for source, stamp in stamps.items():
            if stamp is not None and self.stamp(source) == stamp:
                entries[str(Path(source).resolve())] = stamp
        tmp = self.path.with_name(f"{SOURCES_FILE}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(entries, ensure_ascii=False, indent=0), "utf-8")
        tmp.replace(self.path)
        self.entries = entries


def userdict_path(index_dir: Path) -> Path:
    return Path(index_dir) / USERDICT_FILE


def open_index(index_dir: str | Path) -> whoosh_index.Index:
    """Open an existing index, checking it was built by this version's schema."""
    index_dir = Path(index_dir)
    if not whoosh_index.exists_in(index_dir):
        raise IndexMissing(
            f"there is no index in {index_dir}/; build one with `baoku index seeds/`")
    meta = _read_meta(index_dir)
    if meta.get("schema_version") != SCHEMA_VERSION:
        raise IndexMissing(
            f"the index in {index_dir}/ was built by another version of Baoku "
            f"(schema {meta.get('schema_version')}, this one reads {SCHEMA_VERSION}); "
            "delete it and index the sources again")
    ix = whoosh_index.open_dir(str(index_dir))
    _point_analyzers_at(ix.schema, index_dir)
    return ix


def create_or_open(index_dir: str | Path) -> whoosh_index.Index:
    """Open the index in ``index_dir``, creating the folder and an empty index if needed."""
    index_dir = Path(index_dir)
    if whoosh_index.exists_in(index_dir):
        return open_index(index_dir)
    index_dir.mkdir(parents=True, exist_ok=True)
    userdict_path(index_dir).touch()
    ix = whoosh_index.create_in(str(index_dir), article_schema(str(userdict_path(index_dir))))
    (index_dir / META_FILE).write_text(json.dumps({"schema_version": SCHEMA_VERSION}))
    return ix


def _read_meta(index_dir: Path) -> dict:
    try:
        return json.loads((index_dir / META_FILE).read_text())
    except (OSError, ValueError):
        return {}


def _point_analyzers_at(schema, index_dir: Path) -> None:
    # The analyzer is pickled with the schema; the index folder may have moved
    # since, so its user dictionary path is set from where the index is now.
    path = str(userdict_path(index_dir))
    for name in ("title", "body"):
        schema[name].analyzer.userdict = path


def body_hash(article: Article) -> str:
    """Equal for articles printed twice with the same body (转版), unique otherwise."""
    body = squeeze(article.text)
    if len(body) < MIN_REPRINT_CHARS:
        return "id:" + article.id
    return hashlib.sha1(body.encode("utf-8")).hexdigest()[:20]


# Fields the indexer derives: they depend on the index (document frequencies,
# the user dictionary), so they are left out of what says an article changed.
DERIVED_FIELDS = ("locations", "keywords", "topics")


def content_hash(article: Article) -> str:
    """A digest of the article as its source gives it."""
    record = {k: v for k, v in dataclasses.asdict(article).items() if k not in DERIVED_FIELDS}
    data = json.dumps(record, ensure_ascii=False, sort_keys=True)
    return hashlib.sha1(data.encode("utf-8")).hexdigest()


def article_document(article: Article) -> dict:
    """The Whoosh document for an article."""
    record = dataclasses.asdict(article)
    headline = "\n".join(p for p in (article.pretitle, article.title, article.subtitle) if p)
    body = "\n".join([article.text, *article.captions])
    # the fields join the same lines three ways: fold each line once (the analyzers
    # and the quote extractor find the texts folded)
    fold_lines(article.text, *article.captions)  # body (and the text, for body_hash)
    fold_lines(headline, body)  # grams and chars
    both = headline + "\n" + body
    date = article.date or ""
    return {
        "id": article.id,
        "title": headline,
        "body": body,
        "grams": both,
        "chars": both,
        "date": date,
        "year": date[:4],
        "month": date[:7],
        "paper": article.paper,
        "page": article.page or "",
        "section": article.section or "",
        "reporter": _keywords(article.reporters),
        "location": _keywords(article.locations),
        "region": _keywords(regions(article.locations)),
        "tag": _keywords(list(dict.fromkeys(article.tags + article.keywords))),
        "topic": _keywords(article.topics),
        "body_hash": body_hash(article),
        "content_hash": content_hash(article),
        "record": record,
    }


def _keywords(values: Sequence[str]) -> str:
    # comma KEYWORD fields: a comma inside a value would split it
    return ",".join(v.replace(",", " ").strip() for v in values if v.strip())


def regions(locations: Sequence[str]) -> list[str]:
    """The places and every division above them (钟楼区 -> 钟楼区, 常州市, 江苏省)."""
    out = []
    for name in locations:
        out.append(name)
        found = place(name)
        if found:
            out.extend(ancestors(found))
    return list(dict.fromkeys(out))


def add_keywords(articles: Sequence[Article], ix, userdict: str | None, procs: int = 1) -> None:
    """Set each article's keywords from TF-IDF over the index's and the batch's frequencies."""
    segmenter(userdict)  # loaded once, before the workers fork

    def counted(i: int) -> tuple[str, bytes, int, str]:
        # an article's distinct words, their counts and how the text writes them, packed
        # as two strings and an array: the workers send these back for every article of
        # the batch, and a dict a word costs several times as much to pickle (53k
        # articles: 13 s of the 24 this pass took)
        ws, surface = content_words(articles[i].text, userdict)
        tf = Counter(ws)
        return ("\0".join(tf), array("I", tf.values()).tobytes(), len(ws),
                "\0".join(surface[w] for w in tf))

    packed = fork_map(counted, len(articles), procs, sizes=[len(a.text) for a in articles])
    # the batch's document frequencies, each article's distinct words split and counted
    # in C by Counter.update: on 53k articles 2.7 s, against 7.9 s through a set and a
    # Counter per article, and 4.8 s and 1.4 GB more at the peak splitting one string
    # of them all
    frequencies: Counter[str] = Counter()
    for words, _, _, _ in packed:
        if words:
            frequencies.update(words.split("\0"))
    batch = DocumentFrequencies()
    batch.add_counts(frequencies, len(packed))

    def shortlisted(i: int) -> tuple[dict[str, int], dict[str, str]]:
        words, counts, _, surfaces = packed[i]
        distinct = words.split("\0") if words else []
        tf = dict(zip(distinct, array("I", counts)))
        short = shortlist(tf, batch)
        surface = dict(zip(distinct, surfaces.split("\0")))
        return short, {w: surface[w] for w in short}

    shortlists = fork_map(shortlisted, len(packed), procs, sizes=[len(a.text) for a in articles])
    with ix.searcher() as searcher:
        dfs = batch
        if searcher.doc_count():
            reader = searcher.reader()
            asked = {w for short, _ in shortlists for w in short}
            indexed = {w: reader.doc_frequency("body", w) for w in asked}
            dfs = DocumentFrequencies(indexed.__getitem__, searcher.doc_count())
            dfs.add_counts(batch.batch, batch.batch_docs)
    for a, (_, _, n, _), (short, surface) in zip(articles, packed, shortlists):
        a.keywords = [surface[w] for w in keywords(short, dfs, length=n)]


def is_placeholder(article: Article) -> bool:
    """An empty capture: no text, no date (眾新聞's 'Temporarily Offline' pages)."""
    return not article.text.strip() and not article.date


def index_articles(articles: Sequence[Article], index_dir: str | Path,
                   progress: Callable[[int], None] | None = None,
                   commit_every: int = 20000, lock_timeout: float = 0.0,
                   procs: int = 1) -> IndexReport:
    """Add or update ``articles`` in the index, committing every ``commit_every`` articles.

    An article whose id and content are already indexed is left alone, so
    indexing the same sources twice changes nothing. Earlier commits survive
    a crash: Whoosh writes a new segment and switches to it only on commit.

    :raises IndexBusy: another process holds the write lock past ``lock_timeout`` seconds.
    """
    started = time.perf_counter()
    keep_freed_memory()
    index_dir = Path(index_dir)
    ix = create_or_open(index_dir)
    report = IndexReport()
    wanted = [a for a in articles if not is_placeholder(a)]
    report.skipped = len(articles) - len(wanted)

    report.characters = sum(len(a.text) for a in wanted)
    # Unchanged articles are skipped before the costly derived fields are made.
    with ix.searcher() as searcher:
        if searcher.doc_count_all():
            hashes = [content_hash(a) for a in wanted]
            known = indexed_values(searcher, "content_hash", hashes)
            fresh = [a for a, h in zip(wanted, hashes) if h not in known]
            report.unchanged = len(wanted) - len(fresh)
            if progress and report.unchanged:
                progress(report.unchanged)
            wanted = fresh

    if len(wanted) < 200:
        procs = 1  # forking workers costs more than it saves on a small batch
    udict = str(userdict_path(index_dir))
    names = {r: "nr" for a in wanted for r in a.reporters}
    write_userdict(udict, names)

    def first_pass(i: int) -> tuple[list[str] | None, str]:
        # the places an article names (when its source gives none), and its text folded
        a = wanted[i]
        folded = fold(a.text)
        places = None if a.locations else find_locations(a.title, a.text, userdict=udict)
        return places, folded

    with fixed_dictionary(udict):
        found = fork_map(first_pass, len(wanted), procs, sizes=[len(a.text) for a in wanted])
    for article, (locations, _) in zip(wanted, found):
        if locations is not None:
            article.locations = locations
    # every later pass (keywords, topics, postings, quotes) folds the text again: the
    # folded texts are kept while this batch is indexed, and the workers inherit them
    write_userdict(udict, {loc: "ns" for a in wanted for loc in a.locations})
    with kept_folds({a.text: folded for a, (_, folded) in zip(wanted, found)}), fixed_dictionary(udict):
        ix = open_index(index_dir)  # reload the schema's analyzers with the new words
        add_keywords(wanted, ix, udict, procs)

        for start in range(0, len(wanted), commit_every):
            batch = wanted[start:start + commit_every]
            with ix.searcher() as searcher:
                replaced = sorted(indexed_values(searcher, "id", [a.id for a in batch]))
            writer = _writer(ix, index_dir, lock_timeout)
            try:
                qix, qwriter = quote_writer(index_dir, udict, lock_timeout)
            except BaseException as exc:
                writer.cancel()
                if isinstance(exc, LockError):
                    raise _busy(index_dir) from exc
                raise
            try:
                for article_id in replaced:
                    writer.delete_by_term("id", article_id)
                if qix.doc_count_all():
                    # quotes of these articles: of a replaced one, or left by a run
                    # that crashed between the two commits
                    with qix.searcher() as qsearcher:
                        stale = indexed_values(qsearcher, "article_id", [a.id for a in batch])
                    for article_id in sorted(stale):
                        qwriter.delete_by_term("article_id", article_id)

                def work(items: range, writers: list, done: Callable[[int], None]) -> None:
                    # Runs in each worker process on its share of the batch.
                    articles_writer, quotes_writer = writers
                    for i in items:
                        article = batch[i]
                        article.topics = classify(article)
                        articles_writer.add_document(**article_document(article))
                        for doc in quote_documents(article):
                            quotes_writer.add_document(**doc)
                        done(1)

                article_segments, quote_segments = build_segments(
                    [ix, qix], work, len(batch), procs=procs, progress=progress,
                    sizes=[len(a.text) for a in batch])
                # Quotes first: a crash between the two commits leaves quotes of
                # uncommitted articles, which the re-run rewrites, never articles
                # whose quotes are missing.
                commit_segments(qwriter, quote_segments, procs)
            except BaseException:
                for w in (qwriter, writer):
                    if not w.is_closed:
                        w.cancel()
                raise
            try:
                commit_segments(writer, article_segments, procs)
            except BaseException:
                if not writer.is_closed:
                    writer.cancel()
                raise
            report.quotes += sum(seg.doc_count() for seg in quote_segments)
            report.added += len(batch) - len(replaced)
            report.updated += len(replaced)
        if wanted:
            with open_index(index_dir).reader() as reader:
                save_segment_values(reader, index_dir)
    report.seconds = time.perf_counter() - started
    return report


def merge_index(index_dir: str | Path, procs: int = 2, lock_timeout: float = 0.0,
                progress: Callable[[str], None] | None = None,
                indexes: Sequence[str] = ("articles", "quotes")) -> dict[str, tuple[int, int]]:
    """Apply the merge policy (``segments.pick_merges``) to the article and quote indexes
    (or those of ``indexes`` named) until it picks nothing more, as every ``index_articles``
    commit does: for an archive built before the policy. Returns each index's segment
    count before and after.

    :raises IndexBusy: another process holds a write lock past ``lock_timeout`` seconds.
    """
    keep_freed_memory()
    index_dir = Path(index_dir)
    open_index(index_dir)  # says so if there is no index
    udict = str(userdict_path(index_dir))
    counts = {}
    for name in indexes:
        before = None
        while True:
            if name == "articles":
                ix = open_index(index_dir)
                writer = _writer(ix, index_dir, lock_timeout)
            else:
                try:
                    ix, writer = quote_writer(index_dir, udict, lock_timeout)
                except LockError as exc:
                    raise _busy(index_dir) from exc
            if before is None:
                before = len(writer.segments)
            live = [seg for seg in writer.segments if seg.doc_count() > 0]
            groups = pick_merges(live, segment_sizes(writer.storage, writer.indexname))
            if not groups and len(live) == len(writer.segments):
                counts[name] = (before, len(live))
                writer.cancel()
                break
            if progress:
                progress(f"{name}: merging " + ", ".join(
                    f"{len(g)} segments ({sum(seg.doc_count() for seg in g):,} documents)"
                    for g in groups[:procs]) + f"; {len(live)} segments")
            try:
                # a few merges per commit: the merged segments' files are on disk beside
                # the old ones only until the commit deletes those
                commit_segments(writer, [], procs, merges=procs)
            except BaseException:
                if not writer.is_closed:
                    writer.cancel()
                raise
    with open_index(index_dir).reader() as reader:
        save_segment_values(reader, index_dir)
    return counts


def indexed_values(searcher, fieldname: str, values: Sequence[str]) -> set[str]:
    """The ``values`` that a live document of the index has in ID field ``fieldname``.

    One lookup costs a few microseconds per segment. For a large batch the
    field's terms are read segment by segment first (about 10 microseconds per
    indexed document), and only the values found there are looked up: terms of
    deleted documents stay in a segment until it is merged.
    """
    if not values or not searcher.doc_count_all():
        return set()
    leaves = searcher.reader().leaf_readers()
    if len(values) * len(leaves) * 2 > searcher.doc_count_all():
        terms: set[str] = set()
        for leaf, _ in leaves:
            terms.update(leaf.field_terms(fieldname))
        values = [v for v in values if v in terms]
    return {v for v in values if searcher.document_number(**{fieldname: v}) is not None}


def _writer(ix, index_dir: Path, lock_timeout: float):
    try:
        return MemorySegmentWriter(ix, timeout=lock_timeout)
    except LockError as exc:
        raise _busy(index_dir) from exc


def _busy(index_dir: Path) -> IndexBusy:
    return IndexBusy(f"another `baoku index` is writing to {index_dir}/; "
                     "wait for it to finish (or pass --wait SECONDS)")
