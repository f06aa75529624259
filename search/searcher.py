"""Run searches on an open archive: filters, paging, facets, snippets -> ResultPage."""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from . import ranking
from .analysis import fold
from .errors import QueryError
from .facets import FacetCache, SegmentValues
from .highlight import snippet
from .indexer import open_index, userdict_path
from .query import build, matching_part, parse, parse_date_range, scoring_part
from .snapshot import Snapshots

SORTS = ("relevance", "newest", "oldest")
FACET_FIELDS = ("section", "topic", "reporter", "location", "year")
MAX_KEPT_MATCHES = 100_000  # documents; the match memo holds at most 64 such (about 100 MB)
# characters; a longer text (1 in 200) is folded each time it is shown, so the
# text cache of the web app (2,048) stays under 40 MB even if all were this long
MAX_KEPT_TEXT = 10_000


@dataclass
class SearchRequest:
    q: str = ""
    section: list[str] = field(default_factory=list)
    reporter: list[str] = field(default_factory=list)
    location: list[str] = field(default_factory=list)
    paper: list[str] = field(default_factory=list)
    topic: list[str] = field(default_factory=list)
    date_from: str = ""
    date_to: str = ""
    sort: str = "relevance"
    page: int = 1
    limit: int = 10
    facet_limit: int = 20


@dataclass
class Hit:
    id: str
    title: str
    date: str | None
    paper: str
    page: str | None
    section: str | None
    reporters: list[str]
    locations: list[str]
    snippet: str  # escaped HTML; only <mark> is markup
    pretitle: str | None = None
    subtitle: str | None = None
    score: float | None = None


HIT_JSON_FIELDS = ("id", "title", "date", "paper", "page", "section", "reporters", "locations",
                   "snippet")


@dataclass
class ResultPage:
    query: str
    total: int  # distinct articles matched; reprints of one body count once
    hits: list[Hit]
    facets: dict[str, list[dict]]
    page: int = 1
    limit: int = 10
    sort: str = "relevance"
    reprints: int = 0  # matches hidden because they repeat another match's body
    notices: list[str] = field(default_factory=list)
    error: str | None = None
    elapsed_ms: float = 0.0
    cached: bool = False  # answered from the result cache of this commit

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.limit))

    def to_json(self) -> dict:
        """The result shape every interface uses."""
        return {
            "query": self.query,
            "total": self.total,
            # attributes read directly: asdict() deep-copied every hit (0.1 ms a page)
            "hits": [{k: getattr(h, k) for k in HIT_JSON_FIELDS} for h in self.hits],
            "facets": self.facets,
            "page": self.page,
            "limit": self.limit,
            "sort": self.sort,
            "reprints": self.reprints,
            "notices": self.notices,
            "error": self.error,
        }


class Archive:
    """An open index: searchers kept up to date with commits, and its facet arrays."""

    def __init__(self, index_dir: str | Path, max_query_chars: int = 500, max_limit: int = 100,
                 result_cache: int = 0, match_cache: int = 64, postings_cache: int = 8_000_000,
                 text_cache: int = 0):
        """``result_cache``: result pages kept per commit (0: none); ``match_cache``: the
        matching documents of that many recent queries (a page and its trend share them);
        ``postings_cache``: postings kept as arrays (16 bytes each; 0: read every time);
        ``text_cache``: folded texts of that many shown articles (about 4 kB each)."""
        self.index_dir = Path(index_dir)
        self.ix = open_index(self.index_dir)
        self.userdict = str(userdict_path(self.index_dir))
        self.max_query_chars = max_query_chars
        self.max_limit = max_limit
        segments = SegmentValues(self.index_dir)  # each segment's facet values, read once
        self._snapshots = Snapshots(
            self.ix, lambda reader: FacetCache(reader, matches=match_cache, results=result_cache,
                                               postings=postings_cache, folded=text_cache,
                                               segments=segments))

    def close(self) -> None:
        self._snapshots.close()

    def __enter__(self) -> "Archive":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def current(self):
        """This thread's searcher and the facet arrays of the newest commit."""
        return self._snapshots.current()

    def search(self, req: SearchRequest) -> ResultPage:
        """Run ``req``; a query that cannot be run comes back with ``error`` set, not raised.

        With a result cache, a request asked before on the same commit is
        answered from it (``cached`` is set and ``elapsed_ms`` is the lookup's).
        """
        started = time.perf_counter()
        searcher, facets = self.current()
        key = tuple(tuple(v) if isinstance(v, list) else v for v in vars(req).values())
        kept = facets.results.peek(key)
        if kept is not None:
            return replace(kept, cached=True, elapsed_ms=(time.perf_counter() - started) * 1000)
        result = self._search(req, searcher, facets)
        facets.results.put(key, result)
        return result

    def _search(self, req: SearchRequest, searcher, facets: FacetCache) -> ResultPage:
        started = time.perf_counter()
        limit = min(max(1, req.limit), self.max_limit)
        page = max(1, req.page)
        sort = req.sort if req.sort in SORTS else "relevance"
        result = ResultPage(query=req.q, total=0, hits=[], facets={}, page=page,
                            limit=limit, sort=sort)
        try:
            parsed = parse(req.q, self.max_query_chars)
            date_range = None
            if req.date_from or req.date_to:
                low = parse_date_range(req.date_from)[0] if req.date_from else ""
                high = parse_date_range(req.date_to)[1] if req.date_to else ""
                date_range = (low, high)
            q = build(parsed, self._filters(req), date_range, self.userdict)
        except QueryError as exc:
            result.error = str(exc)
            result.elapsed_ms = (time.perf_counter() - started) * 1000
            return result
        result.notices = parsed.notices
        docs, distinct = self._matches(searcher, facets, q)
        result.total = int(distinct.size)
        result.reprints = int(docs.size - distinct.size)
        result.facets = {
            name: [{"value": v, "count": c} for v, c in
                   facets.counts(name, distinct, limit=None if name == "year" else req.facet_limit,
                                 by_value=(name == "year"))]
            for name in FACET_FIELDS
        }
        max_page = max(1, -(-result.total // limit))
        result.page = page = min(page, max_page)

        # Only one document per body is ranked (the first indexed copy), so
        # reprints need no collapsing; dates sort from the facet arrays.
        if sort == "relevance":
            # rank the matches already found; only the word terms are read again
            shown = self._ranked(searcher, facets, scoring_part(q), distinct, page, limit)
        else:
            shown = [(int(d), searcher.stored_fields(int(d))["record"], None)
                     for d in facets.by_date(docs, newest=(sort == "newest"))[
                         (page - 1) * limit: page * limit]]
        terms = parsed.highlight_terms()
        for docnum, rec, score in shown:
            result.hits.append(Hit(
                id=rec["id"], title=rec["title"], date=rec["date"], paper=rec["paper"],
                page=rec["page"], section=rec["section"], reporters=rec["reporters"],
                locations=rec["locations"], snippet=self._snippet(facets, docnum, rec, terms),
                pretitle=rec["pretitle"], subtitle=rec["subtitle"], score=score))
        result.elapsed_ms = (time.perf_counter() - started) * 1000
        return result

    @staticmethod
    def _snippet(facets: FacetCache, docnum: int, rec: dict, terms: list[str]) -> str:
        """The hit's snippet; the folded text of an article shown before on this commit is
        kept (``text_cache``), so a page shown again, or the same article for another
        query, skips folding it."""
        if facets.folded.size <= 0:
            return snippet(rec["text"], terms)

        def fold_kept(text: str) -> str:
            folded = facets.folded.peek(docnum)
            if folded is None:
                folded = fold(text)
                if len(folded) <= MAX_KEPT_TEXT:
                    facets.folded.put(docnum, folded)
            return folded

        return snippet(rec["text"], terms, fold_text=fold_kept)

    @staticmethod
    def _ranked(searcher, facets: FacetCache, scoring, distinct: np.ndarray, page: int,
                limit: int) -> list[tuple[int, dict, float]]:
        """(document number, record, score) of the page's hits, best first.

        Every match is scored (BM25F over posting arrays, see ranking.py).
        Whoosh's own top-N collector pruned with each matcher's estimated
        best score, and those estimates dropped real top hits: the first page
        changed with the page size.
        """
        doc_scores = np.full(distinct.size, ranking.MATCH_SCORE)  # what being a match is worth
        if scoring is not None:
            doc_scores += ranking.scores(searcher, facets.postings, scoring, distinct)
        best = ranking.top(distinct, doc_scores, page * limit)[(page - 1) * limit:]
        return [(int(distinct[i]), searcher.stored_fields(int(distinct[i]))["record"],
                 round(float(doc_scores[i]), 3)) for i in best]

    @staticmethod
    def _filters(req: SearchRequest) -> dict[str, list[str]]:
        return {"section": req.section, "reporter": req.reporter, "location": req.location,
                "paper": req.paper, "topic": req.topic}

    def matching_docs(self, req: SearchRequest):
        """Document numbers of the distinct articles ``req`` matches, and the facet arrays.

        :raises QueryError: the query cannot be run.
        """
        parsed = parse(req.q, self.max_query_chars)
        low = parse_date_range(req.date_from)[0] if req.date_from else ""
        high = parse_date_range(req.date_to)[1] if req.date_to else ""
        q = build(parsed, self._filters(req), (low, high) if (low or high) else None, self.userdict)
        searcher, facets = self.current()
        return self._matches(searcher, facets, q)[1], facets

    @staticmethod
    def _matches(searcher, facets: FacetCache, q) -> tuple[np.ndarray, np.ndarray]:
        """(every matching document, one per distinct body), kept per commit for a repeat."""
        matching = matching_part(q)
        key = repr(matching)
        kept = facets.matches.peek(key)
        if kept is not None:
            return kept
        docs = ranking.matches(searcher, facets.postings, facets.live, matching)
        found = docs, facets.distinct_bodies(docs)
        if docs.size <= MAX_KEPT_MATCHES:  # a broad query on a big archive is not kept
            facets.matches.put(key, found)
        return found

    def trend(self, req: SearchRequest, by: str = "auto") -> list[dict]:
        """Matching articles per month (per year over long spans), and per 1,000 articles then.

        :raises QueryError: the query cannot be run.
        """
        docs, facets = self.matching_docs(req)
        months = facets.all_counts("month")
        if by == "auto":
            by = "year" if len(months) > 36 else "month"
        field_name = "month" if by == "month" else "year"
        base = facets.all_counts(field_name)
        hits = dict(facets.counts(field_name, docs, limit=None))
        return [{"period": period, "count": hits.get(period, 0),
                 "per_thousand": round(1000 * hits.get(period, 0) / n, 2)}
                for period, n in sorted(base.items()) if period]

    def related(self, article_id: str, limit: int = 5) -> list[dict]:
        """Articles most like this one (its distinctive words), reprints of its body left out."""
        searcher, facets = self.current()
        docnum = searcher.document_number(id=article_id)
        if docnum is None:
            return []
        rec = searcher.stored_fields(docnum)["record"]
        own = facets.single["body_hash"].codes[docnum]
        hits = searcher.more_like(docnum, "body", text=rec["title"] + "\n" + rec["text"],
                                  top=limit * 3, numterms=12)
        out = []
        for hit in hits:
            if facets.single["body_hash"].codes[hit.docnum] == own:
                continue
            r = hit["record"]
            out.append({"id": r["id"], "title": r["title"], "date": r["date"], "paper": r["paper"]})
            if len(out) == limit:
                break
        return out

    def article(self, article_id: str) -> dict | None:
        """The stored record of one article, or None."""
        searcher, _ = self.current()
        doc = searcher.document(id=article_id)
        return doc["record"] if doc else None

    def stats(self, top: int = 10) -> dict:
        """Counts for ``baoku stats``: articles, editions, date range, top facet values."""
        searcher, facets = self.current()
        docs = facets.live
        dates = [v for v, _ in facets.counts("date", docs, limit=None, by_value=True)]
        editions = facets.counts("paper", docs, limit=None)
        return {
            "articles": int(docs.size),
            "distinct_bodies": int(facets.distinct_bodies(docs).size),
            "papers": [{"value": v, "count": c} for v, c in editions],
            "dates": {"first": dates[0] if dates else None, "last": dates[-1] if dates else None,
                      "days": len(dates)},
            "facets": {name: [{"value": v, "count": c} for v, c in facets.counts(name, docs, limit=top)]
                       for name in ("section", "topic", "reporter", "location", "year")},
        }
