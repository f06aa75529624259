"""The quote index: every quotation as its own document, searchable by speaker, words and date.

It lives beside the article index in the same folder under the Whoosh
index name ``quotes``, and is rewritten for an article whenever the
article is (re)indexed.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh import sorting
from whoosh.fields import ID, STORED, Schema

from .analysis import chinese_analyzer, fold, remember_fold
from .errors import QueryError
from .highlight import highlight
from .names import NameIndex
from .query import build, parse, parse_date_range, value_variants
from .quotes import extract_quotes
from .records import Article
from .schema import CharField, GramField, text_field
from .segments import MemorySegmentWriter
from .snapshot import Snapshots

INDEX_NAME = "quotes"
# A typed speaker with no exact match is widened to the names this close
# (names.py's scale): the homophone and one-character slips it measures.
SPEAKER_MIN_SCORE = 80.0


def quote_schema(userdict: str | None = None) -> Schema:
    ana = chinese_analyzer(userdict)
    return Schema(
        qid=ID(unique=True, stored=True),  # article id + "#" + number
        article_id=ID(stored=True),
        speaker=ID(sortable=True),  # as printed
        role=text_field(ana),
        body=text_field(ana),  # the quotation; named "body" so query.py's builders apply
        title=text_field(ana),  # the article's headline, matched at a lower weight
        grams=GramField(),
        chars=CharField(),
        date=ID(sortable=True),
        paper=ID(sortable=True),
        record=STORED(),
    )


def quote_documents(article: Article) -> list[dict]:
    """The quote index documents for one article."""
    docs = []
    folded = fold(article.text)  # (the indexer's, kept for the batch)
    for n, q in enumerate(extract_quotes(article.text), 1):
        if q.text == article.text[q.start:q.end]:
            remember_fold(q.text, folded[q.start:q.end])
        record = {"speaker": q.speaker, "role": q.role, "verb": q.verb, "text": q.text,
                  "kind": q.kind, "start": q.start, "end": q.end, "article_id": article.id,
                  "title": article.title, "date": article.date, "paper": article.paper}
        docs.append({"qid": f"{article.id}#{n}", "article_id": article.id, "speaker": q.speaker,
                     "role": q.role or "", "body": q.text, "title": "", "grams": q.text, "chars": q.text,
                     "date": article.date or "", "paper": article.paper, "record": record})
    return docs


def open_or_create(index_dir: Path, userdict: str | None) -> whoosh_index.Index:
    if whoosh_index.exists_in(str(index_dir), indexname=INDEX_NAME):
        ix = whoosh_index.open_dir(str(index_dir), indexname=INDEX_NAME)
        for name in ("role", "body", "title"):
            ix.schema[name].analyzer.userdict = userdict
        return ix
    return whoosh_index.create_in(str(index_dir), quote_schema(userdict), indexname=INDEX_NAME)


def quote_writer(index_dir: Path, userdict: str | None, lock_timeout: float = 0.0):
    """Open the quote index and take its write lock: (index, writer).

    The indexer deletes a changed article's old quotes with this writer and
    commits new quote segments with it (``segments.commit_segments``).
    """
    ix = open_or_create(index_dir, userdict)
    return ix, MemorySegmentWriter(ix, timeout=lock_timeout)


@dataclass
class QuotePage:
    total: int
    quotes: list[dict]
    speakers: list[dict]  # the speaker facet: [{"value", "count"}]
    page: int = 1
    limit: int = 20
    did_you_mean: list[dict] = field(default_factory=list)
    error: str | None = None
    elapsed_ms: float = 0.0

    def to_json(self) -> dict:
        return asdict(self)


class _Speakers:
    """Each quote's speaker as a code, the speakers' names and counts: per commit."""

    def __init__(self, reader):
        values = [] if reader.doc_count_all() == 0 else list(
            reader.column_reader("speaker", translate=True))
        uniq, codes = np.unique(np.array(values or [""], dtype=object), return_inverse=True)
        self.speakers = [str(u) for u in uniq]
        self.codes = codes.astype(np.int32)[: len(values)]
        counts = np.bincount(self.codes, minlength=len(self.speakers)) if values else []
        self.names = NameIndex((s, "speaker", int(c)) for s, c in zip(self.speakers, counts) if s)


class QuoteBook:
    """An open quote index with its speaker names, kept up to date with commits."""

    def __init__(self, index_dir: str | Path, userdict: str | None = None):
        self.index_dir = Path(index_dir)
        self.userdict = userdict
        self.ix = open_or_create(self.index_dir, userdict)
        self._snapshots = Snapshots(self.ix, _Speakers)

    @property
    def names(self) -> NameIndex:
        return self._snapshots.current()[1].names

    def current(self):
        """This thread's searcher on the newest commit."""
        return self._snapshots.current()[0]

    def close(self) -> None:
        self._snapshots.close()

    def search(self, q: str = "", speaker: str = "", date_from: str = "", date_to: str = "",
               paper: str = "", page: int = 1, limit: int = 20) -> QuotePage:
        """Quotes matching words ``q`` said by ``speaker`` (typos forgiven) in a date range."""
        started = time.perf_counter()
        limit = min(max(1, limit), 100)
        result = QuotePage(total=0, quotes=[], speakers=[], page=max(1, page), limit=limit)
        searcher, speakers = self._snapshots.current()
        try:
            parsed = parse(q)
            low = parse_date_range(date_from)[0] if date_from else ""
            high = parse_date_range(date_to)[1] if date_to else ""
            query = build(parsed, {"paper": [paper]} if paper else {},
                          (low, high) if (low or high) else None, self.userdict)
        except QueryError as exc:
            result.error = str(exc)
            return result
        if speaker.strip():
            names = [speaker.strip()]
            if not any(speakers.names.exact(n, "speaker") for n in names):
                close = [m for m in speakers.names.lookup(speaker, limit=5)
                         if m.score >= SPEAKER_MIN_SCORE]
                result.did_you_mean = [m.to_json() for m in speakers.names.lookup(speaker, limit=5)]
                names = [m.name for m in close[:3]] or names
            forms = [v for n in names for v in value_variants(n)]
            query = wq.And([query, wq.Or([wq.Term("speaker", f) for f in forms])])
        docs = np.fromiter(searcher.docs_for_query(query), dtype=np.int64)
        result.total = int(docs.size)
        if docs.size:
            counts = np.bincount(speakers.codes[docs], minlength=len(speakers.speakers))
            top = np.argsort(-counts, kind="stable")[:20]
            result.speakers = [{"value": speakers.speakers[i], "count": int(counts[i])}
                               for i in top if counts[i]]
        terms = parsed.highlight_terms()
        sort = sorting.FieldFacet("date", reverse=True) if not parsed.groups else None
        hits = searcher.search(query, limit=result.page * limit, sortedby=sort, terms=False)
        for hit in hits[(result.page - 1) * limit: result.page * limit]:
            rec = dict(hit["record"])
            rec["text_html"] = highlight(rec["text"], terms)
            result.quotes.append(rec)
        result.elapsed_ms = (time.perf_counter() - started) * 1000
        return result
