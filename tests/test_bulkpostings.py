"""The bulk postings writer gives the same segment, as Whoosh reads it, as Whoosh's own writer."""

from __future__ import annotations

import random

import pytest

from search.indexer import article_document, create_or_open, open_index
from search.positions import PackedPositions
from search.segments import MemorySegmentWriter, commit_segments

from conftest import _corpus_articles


def _build(index_dir, docs, bulk: bool):
    ix = create_or_open(index_dir)
    writer = MemorySegmentWriter(ix, _lk=False)
    assert set(writer._bulk) == {"title", "body", "grams", "chars"}
    assert {"id", "date", "paper", "body_hash"} <= set(writer._id_boosts)
    if not bulk:
        writer._bulk = {}  # every field through Whoosh's posting pool and block writer
        writer._id_boosts = {}  # and Whoosh's analyzer
    for doc in docs:
        writer.add_document(**doc)
    commit_segments(ix.writer(), [writer._finalize_segment()])
    return open_index(index_dir)


def _postings(reader, field, term):
    m = reader.postings(field, term)
    out = []
    while m.is_active():
        out.append((m.id(), m.weight(), m.value_as("positions") if field != "chars" else m.value()))
        m.next()
    return out


def _stats(info):
    return (info.weight(), info.doc_frequency(), info.min_length(), info.max_length(),
            info.max_weight(), info.min_id(), info.max_id())


@pytest.fixture(scope="module")
def two_indexes(corpus_dir, tmp_path_factory):
    articles = (_corpus_articles(corpus_dir / "rmrb_dev.jsonl.gz", 200)
                + _corpus_articles(corpus_dir / "hk_dev.jsonl.gz", 200))
    random.Random(7).shuffle(articles)
    docs = [article_document(a) for a in articles]
    bulk = _build(tmp_path_factory.mktemp("bulk"), docs, bulk=True)
    whoosh = _build(tmp_path_factory.mktemp("whoosh"), docs, bulk=False)
    return bulk.reader(), whoosh.reader(), len(docs)


@pytest.mark.parametrize("field", ["title", "body", "grams", "chars"])
def test_same_terms_postings_and_lengths(two_indexes, field):
    bulk, whoosh, ndocs = two_indexes
    terms = list(bulk.lexicon(field))
    assert terms == list(whoosh.lexicon(field))
    assert len(terms) > 1000
    blocks = 0
    for term in terms:
        assert _stats(bulk.term_info(field, term)) == _stats(whoosh.term_info(field, term)), term
        assert _postings(bulk, field, term) == _postings(whoosh, field, term), term
        blocks += not bulk.term_info(field, term).is_inlined()
    assert blocks > 50  # both inlined postings and block postings were compared
    for doc in range(ndocs):
        assert bulk.doc_field_length(doc, field) == whoosh.doc_field_length(doc, field)
    assert bulk.field_length(field) == whoosh.field_length(field)


@pytest.mark.parametrize("field", ["id", "date", "month", "paper", "page", "section",
                                   "body_hash", "content_hash", "reporter", "tag"])
def test_same_id_and_keyword_terms_as_whoosh_indexes(two_indexes, field):
    bulk, whoosh, _ = two_indexes
    terms = list(bulk.lexicon(field))
    assert terms == list(whoosh.lexicon(field))
    assert len(terms) > 1
    for term in terms:
        assert _stats(bulk.term_info(field, term)) == _stats(whoosh.term_info(field, term)), term
        ids = []
        m, w = bulk.postings(field, term), whoosh.postings(field, term)
        while m.is_active():
            assert (m.id(), m.weight(), m.value()) == (w.id(), w.weight(), w.value()), term
            ids.append(m.id())
            m.next()
            w.next()
        assert not w.is_active() and ids


def test_packed_positions_round_trip():
    fmt = PackedPositions()
    for positions in ([0], [5, 5, 5], [3, 70_000, 70_001], list(range(0, 3000, 7)), [65_535, 131_071]):
        value = fmt.encode(positions)
        assert fmt.decode_positions(value) == positions
        assert fmt.decode_frequency(value) == len(positions)


def test_many_small_commits_merge(corpus_dir, tmp_path):
    """Small incremental runs pile up small segments until they are merged at a commit.

    Whoosh's own merge pool rejected the '' an inlined ID posting reads back
    as, so the sixth small run failed; ID and keyword postings go through our pool.
    """
    from search.indexer import index_articles
    from search.quotebook import open_or_create
    from search.searcher import Archive, SearchRequest

    articles = _corpus_articles(corpus_dir / "rmrb_dev.jsonl.gz", 60)
    articles = [a for a in articles if a.text.strip()][:16]
    for start in range(0, 16, 2):
        index_articles(articles[start:start + 2], tmp_path, procs=1)
    ix = open_index(tmp_path)
    assert len(ix._segments()) < 8  # some were merged
    assert ix.doc_count() == 16
    assert open_or_create(tmp_path, None).doc_count() > 0
    with Archive(tmp_path) as archive:
        for a in articles:
            found = archive.search(SearchRequest(q=f'"{a.title[:6]}"', limit=50))
            # a reprint (same body) is listed once, under either printing
            assert a.title in [h.title for h in found.hits], a.title


def test_large_segments_are_never_merged(corpus_dir, tmp_path, monkeypatch):
    """No merge makes a segment of more than MERGE_MAX_BYTES: merging ten segments of
    100,000 articles at once would need about 50 GB of memory."""
    from search import segments
    from search.indexer import index_articles

    monkeypatch.setattr(segments, "SMALL_MERGE_DOCS", 3)  # no 2-article segment is small
    monkeypatch.setattr(segments, "MERGE_FACTOR", 4)
    articles = [a for a in _corpus_articles(corpus_dir / "rmrb_dev.jsonl.gz", 60) if a.text.strip()]
    for start in range(0, 16, 2):
        index_articles(articles[start:start + 2], tmp_path, procs=1)
        if start == 0:  # four segments at least this size would be more
            size = segments.segment_sizes(open_index(tmp_path).storage, "MAIN")
            monkeypatch.setattr(segments, "MERGE_MAX_BYTES", 3 * min(size.values()))
    ix = open_index(tmp_path)
    assert sorted(s.doc_count_all() for s in ix._segments()) == [2] * 8
    assert ix.doc_count() == 16


def test_segments_of_deleted_articles_are_dropped(corpus_dir, tmp_path, monkeypatch):
    """A segment too large to merge whose articles were all indexed again (their old
    versions deleted) is dropped at the next commit: re-indexing the archive does not
    leave a copy of it behind each time."""
    import dataclasses

    from search import segments
    from search.indexer import index_articles

    monkeypatch.setattr(segments, "SMALL_MERGE_DOCS", 3)  # no 4-article segment is small
    monkeypatch.setattr(segments, "MERGE_FACTOR", 100)  # nor merged with others of its size
    articles = [a for a in _corpus_articles(corpus_dir / "rmrb_dev.jsonl.gz", 30) if a.text.strip()][:8]
    index_articles(articles, tmp_path, procs=1, commit_every=4)
    for k in (1, 2):
        revised = [dataclasses.replace(a, text=a.text + "\n更正" * k) for a in articles]
        index_articles(revised, tmp_path, procs=1, commit_every=4)
    ix = open_index(tmp_path)
    assert [(s.doc_count_all(), s.doc_count()) for s in ix._segments()] == [(4, 4), (4, 4)]
    assert ix.doc_count_all() == ix.doc_count() == 8


def test_a_failed_document_leaves_no_postings(tmp_path):
    """A document whose adding fails is not kept: the next one takes its number."""
    ix = create_or_open(tmp_path)
    writer = MemorySegmentWriter(ix, _lk=False)
    writer.add_document(id="a", title="钟楼区", body="区委书记沈东强调", grams="区委书记沈东强调",
                        chars="区委书记沈东强调")
    with pytest.raises(ValueError):
        # body and grams are gathered before the year, which is no string, fails
        writer.add_document(id="b", body="李刚指出", grams="李刚指出", chars="李刚指出", year=object())
    writer.add_document(id="c", body="郭红奎表示", grams="郭红奎表示", chars="郭红奎表示")
    commit_segments(ix.writer(), [writer._finalize_segment()])
    reader = open_index(tmp_path).reader()
    assert [reader.stored_fields(d)["id"] for d in range(reader.doc_count_all())] == ["a", "c"]
    assert ("grams", "李刚") not in reader  # only the failed document had 李刚
    assert _postings(reader, "body", "沈东") == [(0, 1.0, [1])]
    assert [d for d, _, _ in _postings(reader, "grams", "郭红")] == [1]
    assert ("chars", "李") not in reader and ("chars", "郭") in reader


def test_term_lookups_through_the_mmap_agree_with_whoosh(two_indexes):
    """storage.py looks terms up in a segment's hash tables straight from its mmap;
    every term of three fields, and as many that are not there, give Whoosh's answer."""
    from search import storage
    from search.storage import MapWindow

    bulk, _, _ = two_indexes
    tables = bulk._terms._tindex
    assert isinstance(tables.dbfile.file, MapWindow)  # the fast path is the one taken
    assert tables.hashtype == 1  # CRC-32, hashed in bulk when the segment was written
    keys = [bulk._terms._keycoder(field, term)
            for field in ("title", "body", "grams", "chars") for term in bulk.lexicon(field)]
    keys += [key + "缺".encode() for key in keys[::3]]
    found = 0
    for key in keys:
        ours = list(storage._ranges_for_key(tables, key))
        assert ours == list(storage._whoosh_ranges_for_key(tables, key)), key
        found += bool(ours)
    assert 10_000 < found < len(keys)


def test_blocks_read_through_the_mmap_agree_with_whoosh(two_indexes):
    """postings.py reads a term's blocks straight from the segment's mmap; every term
    stored in blocks gives the ids and weights Whoosh's matcher reads, block by block."""
    from whoosh.codec.whoosh3 import W3LeafMatcher

    from search.postings import _blocks
    from search.storage import MapWindow

    bulk, whoosh, _ = two_indexes
    compared = multi = 0
    for reader in (bulk, whoosh):
        for field in ("body", "grams", "chars", "reporter"):
            for term in reader.lexicon(field):
                m = reader.postings(field, term)
                if not isinstance(m, W3LeafMatcher) or m._byteids:
                    continue  # inlined in the term table
                assert isinstance(m._postfile.file, MapWindow)
                ours = [(list(g), w if isinstance(w, float) or w is None else list(w))
                        for g, w in _blocks(m)]
                theirs, m = [], reader.postings(field, term)
                while True:
                    m._read_data()
                    g, w = m._data[0], m._data[1]
                    theirs.append((list(g), w if isinstance(w, float) or w is None else list(w)))
                    if m._lastblock:
                        break
                    m._goto(m._nextoffset)
                assert ours == theirs, (field, term)
                compared += 1
                multi += len(theirs) > 1
    assert compared > 100 and multi > 0, (compared, multi)


def test_pickled_tuples_load_as_the_tuples_they_encode():
    """``picklebytes`` makes what ``pickle.loads`` reads back as whoosh3's posting tuples:
    small, two-byte and four-byte ids; no, one or many weights; short and long values."""
    import pickle

    import numpy as np

    from search import picklebytes

    rng = np.random.default_rng(3)
    for trial in range(60):
        sizes = rng.integers(1, 200 if trial % 2 else 4, rng.integers(1, 20))
        bounds = np.concatenate([[0], np.cumsum(sizes)])
        n = int(bounds[-1])
        ids = rng.integers(0, (256, 65_536, 2**31 - 1)[trial % 3], n)
        weights = rng.integers(1, 4, n).astype(np.float32) * np.float32(1.5 if trial % 2 else 1)
        kind = rng.integers(0, 3, sizes.size)
        value_offsets = np.concatenate([[0], np.cumsum(rng.integers(0, 300 if trial % 4 else 9, n))])
        data = rng.integers(0, 256, int(value_offsets[-1])).astype(np.uint8)
        got = picklebytes.postings_tuples(ids, weights, kind,
                                          picklebytes.Pieces(data, value_offsets), bounds).tolist()
        raw, offs = data.tobytes(), value_offsets.tolist()
        for g, (s, e) in enumerate(zip(bounds[:-1].tolist(), bounds[1:].tolist())):
            w = (None, weights[s].item(), tuple(weights[s:e].tolist()))[kind[g]]
            want = (tuple(ids[s:e].tolist()), w, tuple(raw[offs[i]:offs[i + 1]] for i in range(s, e)))
            assert pickle.loads(got[g]) == want


def test_work_is_split_by_characters_so_both_processes_finish_together(corpus_dir):
    """A batch is read paper by paper: split by count, one process got the
    人民日报 articles and the other the longer 眾新聞 ones."""
    from search.segments import _split

    articles = (_corpus_articles(corpus_dir / "rmrb_dev.jsonl.gz", 1000)
                + _corpus_articles(corpus_dir / "hk_dev.jsonl.gz", 1000))
    sizes = [len(a.text) for a in articles]
    by_count = [sum(sizes[i] for i in share) for share in _split(len(sizes), 2)]
    assert max(by_count) > 1.05 * min(by_count)
    shares = _split(len(sizes), 2, sizes)
    assert [i for share in shares for i in share] == list(range(len(sizes)))
    by_size = [sum(sizes[i] for i in share) for share in shares]
    assert max(by_size) - min(by_size) <= max(sizes)


def test_gram_keys_sort_as_a_stable_argsort_of_the_code_points(corpus_dir):
    """The packed sort of character-pair keys gives the stable sort's order, on real text
    of both papers with characters beyond the BMP (CJK extensions B and G, which squeeze
    keeps); keys too wide to pack with their index are sorted by the stable sort itself."""
    import numpy as np

    from search.bulkpostings import GramPostings, stable_argsort

    articles = (_corpus_articles(corpus_dir / "rmrb_dev.jsonl.gz", 150)
                + _corpus_articles(corpus_dir / "hk_dev.jsonl.gz", 150))
    grams = GramPostings(1.0)
    for n, a in enumerate(articles):
        grams.add(n, a.title + "\n" + a.text + " 𠀋𪚥\U0003134a")
    keys = np.concatenate(grams._keys)
    assert np.array_equal(stable_argsort(grams._sort_keys(keys)), np.argsort(keys, kind="stable"))
    wide = np.array([5 << 60, 3, 5 << 60, 3, 0], dtype=np.int64)
    assert stable_argsort(wide).tolist() == [4, 1, 3, 0, 2]
