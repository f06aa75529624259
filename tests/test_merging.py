"""Merging segments copies the text fields' postings as arrays: the merged segment is the
segment that indexing the same articles at once would have written."""

from __future__ import annotations

import random

import pytest

from search.indexer import article_document, create_or_open, open_index
from search.segments import MemorySegmentWriter, commit_segments

from conftest import _corpus_articles

FIELDS = ["title", "body", "grams", "chars", "id", "reporter", "section", "date", "location"]


def _segment(ix, docs):
    writer = MemorySegmentWriter(ix, _lk=False)
    for doc in docs:
        writer.add_document(**doc)
    return writer._finalize_segment()


def _build(index_dir, docs, parts: int):
    """An index of ``docs`` in ``parts`` segments, none merged."""
    ix = create_or_open(index_dir)
    size = -(-len(docs) // parts)
    segments = [_segment(ix, docs[i:i + size]) for i in range(0, len(docs), size)]
    writer = ix.writer()
    writer._commit_toc(segments)  # as they are: no merge policy
    writer._finish()
    return open_index(index_dir)


def _merge_all(ix):
    """Every segment of ``ix`` merged into one, through ``MemorySegmentWriter.add_reader``."""
    from whoosh.reading import SegmentReader

    writer = MemorySegmentWriter(ix)
    for seg in ix._segments():
        reader = SegmentReader(writer.storage, writer.schema, seg)
        try:
            writer.add_reader(reader)
        finally:
            reader.close()
    merged = writer._finalize_segment()
    writer._commit_toc([merged])
    writer._finish()
    return open_index(ix.storage.folder)


def _postings(reader, field, term):
    m = reader.postings(field, term)
    out = []
    while m.is_active():
        value = m.value_as("positions") if field in ("title", "body", "grams") else m.value()
        out.append((m.id(), m.weight(), value))
        m.next()
    return out


def _stats(info):
    return (info.weight(), info.doc_frequency(), info.min_length(), info.max_length(),
            info.max_weight(), info.min_id(), info.max_id())


def _assert_same(merged, whole, ndocs, exact_totals=True):
    assert len(merged._segments()) == 1
    a, b = merged.reader(), whole.reader()
    blocks = 0
    for field in FIELDS:
        terms = list(a.lexicon(field))
        assert terms == list(b.lexicon(field)), field
        for term in terms:
            assert _stats(a.term_info(field, term)) == _stats(b.term_info(field, term)), (field, term)
            assert _postings(a, field, term) == _postings(b, field, term), (field, term)
            blocks += not a.term_info(field, term).is_inlined()
        for doc in range(ndocs):
            assert a.doc_field_length(doc, field) == b.doc_field_length(doc, field)
        if field in ("title", "body", "grams", "chars"):  # the scored fields: BM25's average lengths
            if exact_totals:
                assert a.field_length(field) == b.field_length(field)
            else:  # a deleted document's length is known only as its lossy byte
                assert a.field_length(field) == pytest.approx(b.field_length(field), rel=0.01)
            assert a.max_field_length(field) == b.max_field_length(field)
    assert blocks > 100  # postings of both kinds were compared
    assert [a.stored_fields(d) for d in range(ndocs)] == [b.stored_fields(d) for d in range(ndocs)]
    assert a.doc_count_all() == b.doc_count_all() == ndocs


@pytest.fixture(scope="module")
def docs(corpus_dir):
    articles = (_corpus_articles(corpus_dir / "rmrb_dev.jsonl.gz", 150)
                + _corpus_articles(corpus_dir / "hk_dev.jsonl.gz", 150))
    random.Random(5).shuffle(articles)
    return [article_document(a) for a in articles]


def test_merged_segments_are_the_segment_indexed_at_once(docs, tmp_path):
    whole = _build(tmp_path / "whole", docs, parts=1)
    merged = _merge_all(_build(tmp_path / "parts", docs, parts=4))
    _assert_same(merged, whole, len(docs))


def test_a_merge_leaves_deleted_articles_out(docs, tmp_path):
    gone = set(random.Random(3).sample(range(len(docs)), 40))
    parts = _build(tmp_path / "parts", docs, parts=3)
    writer = parts.writer()
    for i in sorted(gone):
        writer.delete_by_term("id", docs[i]["id"])
    writer.commit(merge=False)
    parts = open_index(tmp_path / "parts")
    kept = [d for i, d in enumerate(docs) if i not in gone]
    whole = _build(tmp_path / "whole", kept, parts=1)
    _assert_same(_merge_all(parts), whole, len(kept), exact_totals=False)


def test_segments_of_a_size_are_merged_by_tens(corpus_dir, tmp_path, monkeypatch):
    """The merge policy at commit folds MERGE_FACTOR segments of one size class into one,
    in both indexes; ``baoku merge`` applies it to an archive built before. Every article
    stays findable."""
    from click.testing import CliRunner

    from search import segments
    from search.cli import main
    from search.indexer import index_articles
    from search.quotebook import open_or_create
    from search.searcher import Archive, SearchRequest

    monkeypatch.setattr(segments, "SMALL_MERGE_DOCS", 3)  # no 2-article segment is small
    monkeypatch.setattr(segments, "MERGE_FACTOR", 4)
    articles = [a for a in _corpus_articles(corpus_dir / "rmrb_dev.jsonl.gz", 80)
                if len(a.text) > 300][:16]
    for start in range(0, 16, 2):
        index_articles(articles[start:start + 2], tmp_path, procs=1)
    # the fifth run found four 2-article segments and merged them
    assert sorted(s.doc_count_all() for s in open_index(tmp_path)._segments()) == [2, 2, 2, 2, 8]
    quotes_before = open_or_create(tmp_path, None).doc_count()
    quote_segments = len(open_or_create(tmp_path, None)._segments())
    assert quotes_before > 0

    # pairs now: two merges at a time, in two processes, then the merged ones again
    monkeypatch.setattr(segments, "MERGE_FACTOR", 2)
    result = CliRunner().invoke(main, ["merge", "--index", str(tmp_path), "--procs", "2"])
    assert result.exit_code == 0, result.output
    assert "articles: 5 -> 1 segments" in result.output
    assert "articles: merging 2 segments (4 documents), 2 segments (4 documents)" in result.output
    assert [s.doc_count_all() for s in open_index(tmp_path)._segments()] == [16]
    assert len(open_or_create(tmp_path, None)._segments()) < quote_segments
    assert open_or_create(tmp_path, None).doc_count() == quotes_before
    with Archive(tmp_path) as archive:
        for a in articles:
            found = archive.search(SearchRequest(q=f'"{a.title[:6]}"', limit=50))
            assert a.title in [h.title for h in found.hits], a.title
