"""Run searches on an open archive: filters, paging, facets, snippets -> ResultPage."""

from __future__ import annotations

import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
from whoosh import sorting

from .errors import QueryError
from .facets import FacetCache
from .highlight import snippet
from .indexer import open_index, userdict_path
from .query import build, parse, parse_date_range
from .snapshot import refreshed

SORTS = ("relevance", "newest", "oldest")
FACET_FIELDS = ("section", "reporter", "location", "year")


@dataclass
class SearchRequest:
    q: str = ""
    section: list[str] = field(default_factory=list)
    reporter: list[str] = field(default_factory=list)
    location: list[str] = field(default_factory=list)
    paper: list[str] = field(default_factory=list)
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

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.limit))

    def to_json(self) -> dict:
        """The result shape every interface uses."""
        return {
            "query": self.query,
            "total": self.total,
            "hits": [{k: v for k, v in asdict(h).items()
                      if k in ("id", "title", "date", "paper", "page", "section",
                               "reporters", "locations", "snippet")} for h in self.hits],
            "facets": self.facets,
            "page": self.page,
            "limit": self.limit,
            "sort": self.sort,
            "reprints": self.reprints,
            "notices": self.notices,
            "error": self.error,
        }


class Archive:
    """An open index: one searcher kept up to date with commits, and its facet arrays."""

    def __init__(self, index_dir: str | Path, max_query_chars: int = 500, max_limit: int = 100):
        self.index_dir = Path(index_dir)
        self.ix = open_index(self.index_dir)
        self.userdict = str(userdict_path(self.index_dir))
        self.max_query_chars = max_query_chars
        self.max_limit = max_limit
        self._lock = threading.Lock()
        self._searcher = self.ix.searcher()
        self._facets = FacetCache(self._searcher.reader())

    def close(self) -> None:
        self._searcher.close()

    def __enter__(self) -> "Archive":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def current(self):
        """The searcher and facet arrays of the newest commit (readers see one commit whole)."""
        with self._lock:
            if not self._searcher.up_to_date():
                self._searcher = refreshed(self.ix, self._searcher)
                self._facets = FacetCache(self._searcher.reader())
            return self._searcher, self._facets

    def search(self, req: SearchRequest) -> ResultPage:
        """Run ``req``; a query that cannot be run comes back with ``error`` set, not raised."""
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
            filters = {"section": req.section, "reporter": req.reporter,
                       "location": req.location, "paper": req.paper}
            q = build(parsed, filters, date_range, self.userdict)
        except QueryError as exc:
            result.error = str(exc)
            result.elapsed_ms = (time.perf_counter() - started) * 1000
            return result
        result.notices = parsed.notices
        searcher, facets = self.current()

        docs = np.fromiter(searcher.docs_for_query(q), dtype=np.int64)
        distinct = facets.distinct_bodies(docs)
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

        kwargs = {}
        if sort != "relevance":
            kwargs = {"sortedby": sorting.FieldFacet("date", reverse=(sort == "newest"))}
        hits = searcher.search(q, limit=page * limit, collapse="body_hash", terms=False, **kwargs)
        terms = parsed.highlight_terms()
        for hit in hits[(page - 1) * limit: page * limit]:
            rec = hit["record"]
            result.hits.append(Hit(
                id=rec["id"], title=rec["title"], date=rec["date"], paper=rec["paper"],
                page=rec["page"], section=rec["section"], reporters=rec["reporters"],
                locations=rec["locations"], snippet=snippet(rec["text"], terms),
                pretitle=rec["pretitle"], subtitle=rec["subtitle"],
                score=None if sort != "relevance" else round(hit.score, 3)))
        result.elapsed_ms = (time.perf_counter() - started) * 1000
        return result

    def article(self, article_id: str) -> dict | None:
        """The stored record of one article, or None."""
        searcher, _ = self.current()
        doc = searcher.document(id=article_id)
        return doc["record"] if doc else None

    def stats(self, top: int = 10) -> dict:
        """Counts for ``baoku stats``: articles, editions, date range, top facet values."""
        searcher, facets = self.current()
        docs = np.fromiter(searcher.reader().all_doc_ids(), dtype=np.int64)
        dates = [v for v, _ in facets.counts("date", docs, limit=None, by_value=True)]
        editions = facets.counts("paper", docs, limit=None)
        return {
            "articles": int(docs.size),
            "distinct_bodies": int(facets.distinct_bodies(docs).size),
            "papers": [{"value": v, "count": c} for v, c in editions],
            "dates": {"first": dates[0] if dates else None, "last": dates[-1] if dates else None,
                      "days": len(dates)},
            "facets": {name: [{"value": v, "count": c} for v, c in facets.counts(name, docs, limit=top)]
                       for name in ("section", "reporter", "location", "year")},
        }
