"""Searching the archive index built from the sample edition and corpus slices."""

import gzip
import json
import re
from itertools import islice

import pytest

from search.searcher import SearchRequest

from conftest import archive_articles


def search(archive, q="", **kw):
    return archive.search(SearchRequest(q=q, **kw))


def ids(result):
    return [h.id for h in result.hits]


def test_sample_edition_words(archive):
    r = search(archive, "国企改革", paper=["zhonglou"])
    assert ids(r)[0] == "zhonglou-2024-03-04-01"


def test_quoted_phrase_needs_adjacent_words(archive):
    together = search(archive, '"要聚焦主业"')  # rejoined across the layout break
    assert ids(together) == ["zhonglou-2024-03-04-01"]
    apart = search(archive, '"聚焦主业要"')
    assert apart.total == 0


def test_phrase_across_segmentation_boundaries_is_found(archive):
    # cut mid-word at both ends: only the n-gram fallback can find it
    r = search(archive, '"东带队调研金控集"')
    assert ids(r) == ["zhonglou-2024-03-04-01"]


def test_every_substring_of_a_headline_is_findable(archive):
    title = "眉山市丹棱县党政代表团来钟楼考察交流"
    for i in range(len(title) - 1):
        r = search(archive, f'"{title[i:i + 2]}"', paper=["zhonglou"])
        assert "zhonglou-2024-03-04-02" in ids(r), title[i:i + 2]


def test_simplified_query_finds_traditional_text_and_back(archive):
    simplified = search(archive, '"立法会议员"', paper=["眾新聞"])
    traditional = search(archive, '"立法會議員"', paper=["眾新聞"])
    assert simplified.total > 0 and simplified.total == traditional.total
    trad = search(archive, "認識", paper=["人民日报"])
    simp = search(archive, "认识", paper=["人民日报"])
    assert trad.total == simp.total > 0


def test_reprinted_body_is_shown_once(archive):
    r = search(archive, '"' + _phrase_of(archive, "rmrb-20190217-02-02") + '"')
    shown = [i for i in ids(r) if i in ("rmrb-20190217-01-02", "rmrb-20190217-02-02")]
    assert len(shown) == 1
    assert r.reprints >= 1


def _phrase_of(archive, article_id):
    text = archive.article(article_id)["text"]
    run = max(re.findall(r"[\u4e00-\u9fff]{12,}", text), key=len)
    return run[:12]


def test_facets_count_people_separately(archive):
    r = search(archive, "", paper=["zhonglou"])
    reporters = {f["value"]: f["count"] for f in r.facets["reporter"]}
    assert reporters["薛暮嵘"] == 4 and reporters["何一智"] == 2
    locations = {f["value"] for f in r.facets["location"]}
    assert {"钟楼区", "上海市"} <= locations


def test_facet_counts_match_filtered_totals(archive):
    r = search(archive, "疫情 OR 春节")
    for facet in r.facets["year"][:2] + r.facets["reporter"][:2]:
        name = "reporter" if facet in r.facets["reporter"] else None
        kw = {"reporter": [facet["value"]]} if name else {
            "date_from": facet["value"], "date_to": facet["value"]}
        assert search(archive, "疫情 OR 春节", **kw).total == facet["count"]


@pytest.mark.parametrize("q", ["", "香港", "记者 OR 記者", "春节"])
def test_facet_top_values_are_the_head_of_all_counts(archive, q):
    # the top is chosen among the values counted at least as often as the 20th;
    # it must be the head of every value's count, most first, then by name
    docs, facets = archive.matching_docs(SearchRequest(q=q))
    for name in ("section", "topic", "reporter", "location"):
        every = facets.counts(name, docs, limit=None)
        assert facets.counts(name, docs, limit=20) == every[:20]
        assert facets.counts(name, docs, limit=3) == every[:3]
        assert every == sorted(every, key=lambda vc: (-vc[1], vc[0])) and all(v for v, _ in every)
    assert len(facets.counts("location", docs, limit=None)) > 20 or q  # many values, unfiltered


def test_field_filters_in_the_query(archive):
    r = search(archive, "reporter:薛暮嵘")
    assert r.total == 4
    assert search(archive, "-reporter:薛暮嵘", paper=["zhonglou"]).total == 5
    hk = search(archive, "section:眾聞")
    assert hk.total > 100 and all(h.section == "眾聞" for h in hk.hits)


def test_date_range_and_sort(archive):
    r = search(archive, "date:2019-02-10..2019-02-12", sort="oldest", limit=100)
    dates = [h.date for h in r.hits]
    assert dates == sorted(dates) and dates[0] >= "2019-02-10" and dates[-1] <= "2019-02-12"
    newest = search(archive, "春节", sort="newest")
    assert [h.date for h in newest.hits] == sorted((h.date for h in newest.hits), reverse=True)


def test_or_and_exclusion(archive):
    a, b = search(archive, "脱贫"), search(archive, "扶贫")
    either = search(archive, "脱贫 OR 扶贫")
    assert max(a.total, b.total) <= either.total <= a.total + b.total
    without = search(archive, "脱贫 -扶贫")
    assert without.total < a.total


def test_headline_typed_as_is_comes_first(corpus_dir, archive):
    with gzip.open(corpus_dir / "rmrb_dev.jsonl.gz", "rt", encoding="utf-8") as f:
        records = [json.loads(line) for line in islice(f, 0, 1789, 97)]
    titles = [r for r in records if len(r["title"]) >= 6]
    found = sum(r["id"] in ids(search(archive, r["title"], limit=5)) for r in titles)
    assert found / len(titles) >= 0.9


@pytest.mark.parametrize("q, message", [
    ("nosuch:field", "no field called"),
    ("date:2019-13-01", "no month 13"),
])
def test_bad_query_is_a_message_not_an_exception(archive, q, message):
    r = search(archive, q)
    assert r.error and message in r.error and r.total == 0


def test_page_and_limit_are_clamped(archive):
    r = search(archive, "春节", page=10_000, limit=10_000)
    assert r.limit == 100 and r.page == r.pages and r.hits


def test_snippet_marks_matches_and_escapes(archive):
    r = search(archive, "消防安全", paper=["zhonglou"])
    assert all("<mark>" in h.snippet for h in r.hits)
    assert all("<" not in re.sub(r"</?mark>", "", h.snippet) for h in r.hits)


def test_json_shape(archive):
    data = search(archive, "春节", limit=3).to_json()
    assert set(data) >= {"query", "total", "hits", "facets"}
    assert set(data["hits"][0]) == {"id", "title", "date", "paper", "page", "section",
                                    "reporters", "locations", "snippet"}
    assert set(data["facets"]) == {"section", "topic", "reporter", "location", "year"}
    assert set(data["facets"]["year"][0]) == {"value", "count"}


def test_result_cache_answers_repeats_and_follows_commits(tmp_path, corpus_dir):
    from search.indexer import index_articles
    from search.ingest import read_file
    from search.searcher import Archive

    edition = list(read_file(corpus_dir.parent / "seeds" / "zhonglou-2024-03.txt"))
    index_articles(edition[:5], tmp_path)
    with Archive(tmp_path, result_cache=8) as archive:
        assert search(archive, "").total == 5
        first = search(archive, "消防")
        again = search(archive, "消防")
        assert not first.cached and again.cached
        assert ids(again) == ids(first) and again.facets == first.facets
        assert not search(archive, "消防", sort="newest").cached  # another request
        index_articles(edition[5:], tmp_path)  # a commit: nothing old may answer
        after = search(archive, "消防")
        assert not after.cached and ids(after) == ids(first)
        assert search(archive, "").total == len(edition)
    with Archive(tmp_path) as archive:  # off by default
        assert not search(archive, "消防").cached and not search(archive, "消防").cached


@pytest.mark.parametrize("q, kw", [("香港 政府", {}), ('"春节期间"', {}), ("記者", {"sort": "newest"}),
                                   ("", {"paper": ["zhonglou"]}), ("经济 发展", {"page": 2})])
def test_kept_folded_texts_give_the_same_snippets(archive_dir, archive, q, kw):
    from search.searcher import Archive

    with Archive(archive_dir, text_cache=64) as keeping:
        first, again = search(keeping, q, **kw), search(keeping, q, **kw)
        _, facets = keeping.current()
        kept = len(facets.folded._items)
    plain = search(archive, q, **kw)
    assert plain.hits and [h.snippet for h in first.hits] == [h.snippet for h in plain.hits]
    assert [h.snippet for h in again.hits] == [h.snippet for h in plain.hits]
    # texts are folded (and kept) only where a term could be marked
    assert kept == (min(len(plain.hits), 64) if q else 0)


def test_an_open_archive_sees_an_updated_article_once(tmp_path, corpus_dir):
    """Whoosh's refresh() kept the old version of an updated document searchable."""
    import dataclasses

    from search.indexer import index_articles
    from search.ingest import read_file
    from search.searcher import Archive

    edition = list(read_file(corpus_dir.parent / "seeds" / "zhonglou-2024-03.txt"))
    index_articles(edition, tmp_path)
    with Archive(tmp_path) as archive:
        assert search(archive, "沈东").total == 5
        first = edition[0]
        assert "沈东" in first.text
        revised = dataclasses.replace(first, text=first.text.replace("沈东", "沈某") + "\n更正启事")
        index_articles([revised], tmp_path)
        assert search(archive, "沈东").total == 4
        assert ids(search(archive, "更正启事")) == [first.id]
        assert search(archive, "").total == len(edition)
        assert search(archive, "").reprints == 0


@pytest.mark.parametrize("q", ["教育", "香港", "经济 发展", "警方", "春节", "政府"])
def test_first_hits_do_not_depend_on_the_page_size(archive, q):
    # Whoosh's top-N pruning once dropped the best hit from short pages.
    full = search(archive, q, limit=100)
    assert full.total > 20
    scores = [h.score for h in full.hits]
    assert scores == sorted(scores, reverse=True)
    for limit in (1, 3, 10):
        page = search(archive, q, limit=limit)
        assert [h.score for h in page.hits] == scores[:limit], limit


def test_a_reverted_article_is_indexed_again(tmp_path, corpus_dir):
    """An article changed and then changed back is not taken for unchanged: the term
    of its first version's digest outlives that version's deletion in its segment."""
    import dataclasses

    from search.indexer import content_hash, index_articles, indexed_values, open_index
    from search.ingest import read_file
    from search.searcher import Archive

    edition = list(read_file(corpus_dir.parent / "seeds" / "zhonglou-2024-03.txt"))
    index_articles(edition, tmp_path)
    first = edition[0]
    revised = dataclasses.replace(first, text=first.text + "\n更正启事")
    assert index_articles([revised], tmp_path).updated == 1
    with open_index(tmp_path).searcher() as searcher:
        hashes = [content_hash(a) for a in [first, revised, *edition[1:]]]
        assert indexed_values(searcher, "content_hash", hashes) == set(hashes[1:])
        assert indexed_values(searcher, "id", [a.id for a in edition] + ["nope"]) == {a.id for a in edition}
    report = index_articles(edition, tmp_path)  # the first version again
    assert (report.updated, report.unchanged) == (1, len(edition) - 1)
    with Archive(tmp_path) as archive:
        assert search(archive, "更正启事").total == 0


def test_facet_values_are_read_once_per_segment(tmp_path, corpus_dir):
    """A commit reads the facet values of its new segments only; the counts are those
    of a cache built from nothing."""
    from itertools import islice

    import numpy as np

    from search.facets import FacetCache, SegmentValues
    from search.indexer import index_articles, open_index
    from search.ingest import read_file

    articles = [a for a in islice(read_file(corpus_dir / "hk_dev.jsonl.gz"), 300) if a.text.strip()]
    store = SegmentValues()
    index_articles(articles[:100], tmp_path)
    index_articles(articles[100:200], tmp_path)
    with open_index(tmp_path).searcher() as searcher:
        FacetCache(searcher.reader(), segments=store)
        before = dict(store._kept)
    assert len(before) == 2
    index_articles(articles[200:], tmp_path)
    with open_index(tmp_path).searcher() as searcher:
        reader = searcher.reader()
        kept = FacetCache(reader, segments=store)
        fresh = FacetCache(reader)
    assert len(store._kept) == 3
    assert all(store._kept[k] is v for k, v in before.items())  # not read again
    docs = kept.live[::3]
    for name in ("section", "date", "body_hash", "reporter", "location", "topic"):
        assert kept.counts(name, docs, limit=None) == fresh.counts(name, docs, limit=None), name
    assert np.array_equal(kept.single["body_hash"].codes, fresh.single["body_hash"].codes)
    assert kept.counts("location", kept.live, limit=5)  # 眾新聞 articles name places


def test_facet_values_are_saved_beside_their_segments(tmp_path, corpus_dir, monkeypatch):
    """Each segment's facet values are saved when it is committed and read from there
    by a server; they go with their segment when it is merged away, and a damaged or
    out-of-date file is read afresh from the segment."""
    from itertools import islice

    from search import facets
    from search.facets import FacetCache, SegmentValues
    from search.indexer import index_articles, open_index
    from search.ingest import read_file

    articles = [a for a in islice(read_file(corpus_dir / "hk_dev.jsonl.gz"), 200) if a.text.strip()]

    def segment_ids():
        with open_index(tmp_path).reader() as reader:
            return {leaf.segment().segment_id() for leaf, _ in reader.leaf_readers()}

    def saved():
        return {p.name.removesuffix(".facets") for p in tmp_path.glob("*.facets")}

    index_articles(articles[:40], tmp_path)
    index_articles(articles[40:80], tmp_path)
    assert len(segment_ids()) == 2 and saved() == segment_ids()
    for start in range(80, 200, 40):  # four small segments are merged into one
        index_articles(articles[start:start + 40], tmp_path)
    assert len(segment_ids()) < 5 and saved() == segment_ids()

    def unread(self, leaf):
        raise AssertionError("read from the segment")

    names = ("section", "date", "body_hash", "reporter", "location", "topic")
    with open_index(tmp_path).searcher() as searcher:
        reader = searcher.reader()
        fresh = FacetCache(reader)
        with monkeypatch.context() as m:
            m.setattr(facets._Values, "_read", unread)
            loaded = FacetCache(reader, segments=SegmentValues(tmp_path))
        docs = fresh.live[::3]
        for name in names:
            assert loaded.counts(name, docs, limit=None) == fresh.counts(name, docs, limit=None), name
        assert fresh.counts("location", fresh.live, limit=5)  # 眾新聞 articles name places

        first, second = sorted(tmp_path.glob("*.facets"))[:2]
        first.write_bytes(b"not a facet file")
        saved_second = second.read_bytes()
        monkeypatch.setattr(facets, "VALUES_VERSION", facets.VALUES_VERSION + 1)
        again = FacetCache(reader, segments=SegmentValues(tmp_path))
        for name in names:
            assert again.counts(name, docs, limit=None) == fresh.counts(name, docs, limit=None), name
        assert first.read_bytes() != b"not a facet file"  # written again
        assert second.read_bytes() != saved_second  # of the new version
    assert not list(tmp_path.glob(".*"))  # no half-written files left


@pytest.mark.parametrize("text", ["港", "們", "蛋", "沈东", "經濟"])
def test_one_character_and_one_pair_find_every_article_that_has_them(corpus_dir, archive_dir, text):
    """A single character is looked up in the ``chars`` field, a pair in ``grams``: each
    finds exactly the indexed articles whose folded headline or body holds it."""
    from search.analysis import fold, query_grams, squeeze
    from search.indexer import article_document, open_index
    from search.query import gram_query

    wanted = fold(text)
    having = set()
    for a in archive_articles(corpus_dir):
        if a.text.strip() or a.date:  # (empty placeholders are not indexed)
            if wanted in squeeze(article_document(a)["grams"]):
                having.add(a.id)
    with open_index(archive_dir).searcher() as searcher:
        found = {searcher.stored_fields(d)["id"]
                 for d in searcher.docs_for_query(gram_query(query_grams(text)))}
    assert found == having and len(having) >= 2
