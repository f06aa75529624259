"""Matching and ranking over posting arrays give what Whoosh's own matchers and scorers give.

Run on the corpus slice index (several segments, rare terms inlined), with
the query shapes the search box builds: words, several words, phrases,
alternatives, exclusions, filters and date ranges.
"""

import numpy as np
import pytest
from whoosh import collectors, matching
from whoosh import query as wq

from search import postings as postings_module
from search import ranking
from search.phrase import _local
from search.query import build, matching_part, parse, scoring_part
from search.searcher import SearchRequest

QUERIES = [
    ("香港", {}), ("经济 发展", {}), ('"香港政府"', {}), ('"春节期间"', {}), ('"中华人民共和国"', {}),
    ("春节 OR 元宵", {}), ("香港 -政府", {}), ("記者 香港", {}), ('香港 "立法會議員"', {}),
    ("改革", {"section": ["要闻"]}), ("", {"paper": ["rmrb"]}), ("习近平 date:2019-02-03..2019-02-20", {}), ("春节 OR -香港", {}),
    ("沈东 国企", {}), ("教育", {}), ("疫情", {}), ("文化", {}), ("党的建设", {}),
    ("民主派", {}), ("经济经济", {}), ("区委书记", {}), ("新冠 肺炎", {}),
    ("date:2019", {}), ("香港 date:2019-02", {}), ("date:..2019-02-10", {"paper": ["rmrb"]}),
    ("春节 date:2019-02-05..", {}), ("date:2030", {}),
]


class DocSet(wq.Query):
    """Given documents (global numbers), each scoring ``ranking.MATCH_SCORE``: with the
    scoring part in an AndMaybe, Whoosh's own scorers rank exactly those documents."""

    def __init__(self, docnums):
        self.docnums = docnums

    def matcher(self, searcher, context=None):
        local = _local(self.docnums, searcher).tolist()
        if not local:
            return matching.NullMatcher()
        return matching.ListMatcher(local, all_weights=ranking.MATCH_SCORE)


def whoosh_matches(searcher, q):
    """Whoosh's matches; an exclusion as the difference of Whoosh's two sides (see below)."""
    q = matching_part(q)
    if isinstance(q, wq.AndNot):
        return np.setdiff1d(whoosh_matches(searcher, q.a), whoosh_matches(searcher, q.b))
    return np.sort(np.fromiter(searcher.docs_for_query(q), dtype=np.int64))


def whoosh_ranking(searcher, scoring, distinct, limit):
    """Whoosh scoring every match (no pruning, no candidate limits): the reference."""
    collector = collectors.TopCollector(limit, usequality=False, replace=0)
    searcher.search_with_collector(wq.AndMaybe(DocSet(distinct), scoring), collector)
    return [(hit.docnum, round(hit.score, 9)) for hit in collector.results()]


def array_ranking(searcher, facets, scoring, distinct, limit):
    scores = ranking.scores(searcher, facets.postings, scoring, distinct) + ranking.MATCH_SCORE
    return [(int(distinct[i]), round(float(scores[i]), 9))
            for i in ranking.top(distinct, scores, limit)]


@pytest.mark.parametrize("text,filters", QUERIES)
def test_arrays_match_and_rank_as_whoosh_does(archive, text, filters):
    searcher, facets = archive.current()
    q = build(parse(text), filters)
    theirs = whoosh_matches(searcher, q)
    ours = ranking.matches(searcher, facets.postings, facets.live, matching_part(q))
    assert ours.tolist() == theirs.tolist()
    scoring = scoring_part(q)
    distinct = facets.distinct_bodies(ours)
    if scoring is None or distinct.size == 0:
        return
    expected = whoosh_ranking(searcher, scoring, distinct, 30)
    assert array_ranking(searcher, facets, scoring, distinct, 30) == expected


def test_an_exclusion_leaves_out_every_article_it_names(archive):
    # Whoosh's AndNot matcher let through an article that its own negative
    # side matches (9 times 政府) when both sides came from several segments.
    searcher, facets = archive.current()
    q = matching_part(build(parse("香港 -政府")))
    excluded = set(np.fromiter(searcher.docs_for_query(q.b), dtype=np.int64).tolist())
    found = ranking.matches(searcher, facets.postings, facets.live, q)
    assert found.size > 100 and not excluded & set(found.tolist())
    # every article (one per body) either holds 政府 or does not
    total = lambda text: archive.search(SearchRequest(q=text)).total  # noqa: E731
    assert total("香港 -政府") + total("香港 政府") == total("香港")


def test_the_test_queries_reach_every_path(archive):
    """The cases above are not vacuous: broad and rare words, phrases, several segments."""
    searcher, facets = archive.current()
    assert len(searcher.leaf_searchers()) > 1
    totals = {text: whoosh_matches(searcher, build(parse(text), filters)).size
              for text, filters in QUERIES}
    assert totals["香港"] > 500 and totals['"香港政府"'] > 5 and totals["沈东 国企"] >= 1
    assert totals["香港 -政府"] < totals["香港"]
    kinds = {type(sub.reader().postings("body", word)).__name__
             for word in ("沈东", "元宵", "肺炎") for sub, _ in searcher.leaf_searchers()
             if ("body", word) in sub.reader()}
    assert kinds == {"ListMatcher", "W3LeafMatcher"}  # inlined postings and blocks alike


def test_skipping_to_few_documents_scores_as_reading_the_whole_list(archive):
    searcher, facets = archive.current()
    docs = np.sort(np.fromiter(searcher.docs_for_query(wq.Term("grams", "香港")), dtype=np.int64))
    few = docs[::97]
    read = facets.postings.weights_at(searcher, "body", "香港", few, ratio=10**9)
    skimmed = postings_module.skim_term(searcher, "body", "香港", few)
    assert read[0].size > 3
    assert read[0].tolist() == skimmed[0].tolist() and read[1].tolist() == skimmed[1].tolist()


def test_field_lengths_are_the_ones_whoosh_scores_with(archive):
    searcher, facets = archive.current()
    lengths = facets.postings.lengths(searcher, "body")
    for doc in range(0, searcher.doc_count_all(), 211):
        assert lengths[doc] == (searcher.doc_field_length(doc, "body") or 0)


def test_a_kept_term_is_bounded_by_the_budget(archive):
    searcher, _ = archive.current()
    small = postings_module.PostingArrays(budget=1000)
    for word in ("香港", "经济", "政府", "记者"):
        small.term(searcher, "body", word)
    assert small._size <= 1000
