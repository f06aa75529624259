"""Blueprint "quotes": who said what, searchable by words, speaker, paper and dates."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, current_app, request
from werkzeug.datastructures import MultiDict
from whoosh import index as whoosh_index
from whoosh import query as wq

from search.indexer import userdict_path
from search.quotebook import INDEX_NAME, SPEAKER_MIN_SCORE, QuoteBook, QuotePage

from .forms import clamped_int
from .partial import render_page

bp = Blueprint("quotes", __name__)

PAGE_SIZE = 20
MAX_SPEAKER_CHARS = 50  # no name is longer; a 10,000-character "speaker" only costs fuzzy matching
FILTER_LABELS = {"speaker": "说话人", "paper": "报纸", "from": "起", "to": "止"}
API_FIELDS = ("speaker", "role", "verb", "text", "article_id", "date")


def open_quote_book(index_dir: str) -> QuoteBook | None:
    """The index's quote book, or None for an index built before quotes were kept.

    ``QuoteBook()`` would create an empty quote index in a folder without one;
    the web app only reads, so it checks first.
    """
    if not whoosh_index.exists_in(index_dir, indexname=INDEX_NAME):
        return None
    return QuoteBook(index_dir, str(userdict_path(index_dir)))


def quote_book() -> QuoteBook | None:
    return current_app.extensions["baoku.quotes"]


@dataclass
class QuoteForm:
    """The quote search as the reader asked for it."""

    q: str
    speaker: str
    date_from: str
    date_to: str
    paper: str
    page: int
    limit: int

    @property
    def filters(self) -> list[tuple[str, str, str]]:
        """Active filters as (argument, label, value), one removable chip each."""
        values = {"speaker": self.speaker, "paper": self.paper, "from": self.date_from,
                  "to": self.date_to}
        return [(name, FILTER_LABELS[name], v) for name, v in values.items() if v]


def read_quote_form(args: MultiDict, limit: int = PAGE_SIZE, max_limit: int = 100,
                    max_page: int = 1000, max_chars: int = 500) -> QuoteForm:
    """``request.args`` of /quotes and /api/quotes, trimmed and clamped."""
    return QuoteForm(
        q=args.get("q", "")[:max_chars], speaker=args.get("speaker", "").strip()[:MAX_SPEAKER_CHARS],
        date_from=args.get("from", "").strip(), date_to=args.get("to", "").strip(),
        paper=args.get("paper", "").strip(), page=clamped_int(args, "page", 1, 1, max_page),
        limit=clamped_int(args, "limit", limit, 1, max_limit))


def run_quotes(form: QuoteForm) -> QuotePage:
    """Search the quote book; a page past the end shows the last one, failures a sentence."""
    book = quote_book()
    if book is None:
        return QuotePage(total=0, quotes=[], speakers=[],
                         error="这个索引里没有引语；请用 baoku index 重建索引。")
    args = dict(q=form.q, speaker=form.speaker, date_from=form.date_from,
                date_to=form.date_to, paper=form.paper, limit=form.limit)
    try:
        result = book.search(page=form.page, **args)
        if result.total and not result.quotes and form.page > 1:
            result = book.search(page=-(-result.total // result.limit), **args)
        return result
    except Exception:  # the safety net, as for articles: log everything, show a sentence
        current_app.logger.exception("quote search failed: %r", form)
        return QuotePage(total=0, quotes=[], speakers=[],
                         error="这次搜索没能完成，请换个说法再试。(The search failed; try other words.)")


def article_quotes(article_id: str) -> list[dict]:
    """The quotes of one article, in reading order."""
    book = quote_book()
    if book is None:
        return []
    hits = book.current().search(wq.Term("article_id", article_id), limit=None)
    return sorted((dict(hit["record"]) for hit in hits), key=lambda r: r["start"])


@bp.get("/quotes")
def index():
    cfg = current_app.config
    form = read_quote_form(request.args, PAGE_SIZE, PAGE_SIZE, cfg["MAX_PAGE"],
                           cfg["MAX_QUERY_CHARS"])
    result = run_quotes(form)
    # QuoteBook lists every near name; those under 100 are the ones the reader
    # may have meant. When some reach SPEAKER_MIN_SCORE it has already widened
    # the search to them, and the page says so.
    suggestions = [d for d in result.did_you_mean if d["score"] < 100]
    widened = any(d["score"] >= SPEAKER_MIN_SCORE for d in suggestions)
    return render_page("quotes.html", "_quotes.html", form=form, result=result,
                       suggestions=suggestions, widened=widened)
