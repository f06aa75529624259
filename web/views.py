"""Blueprint "search": the search page, articles, editions, browsing and name suggestions."""

from __future__ import annotations

import re
from urllib.parse import quote_plus

from flask import (Blueprint, abort, current_app, g, make_response, render_template, request,
                   url_for)

from search.browse import by_page, citation, edition, month_grid, month_counts, neighbours
from search.errors import QueryError
from search.highlight import highlight, mark, match_spans
from search.names import HINT_MIN, SUGGEST_MIN, looks_like_name, lookup_all
from search.query import parse
from search.searcher import ResultPage

from .forms import LABELS, chips, read_form, toggled
from .partial import render_page, wants_partial
from .quotes import article_quotes, quote_book
from .trend import chart, run_trend

bp = Blueprint("search", __name__)

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_YEAR = re.compile(r"^\d{4}$")
_SPAN = re.compile(r"^(\d{1,7})-(\d{1,7})$")
_NEEDS_QUOTES = re.compile(r"[\s\"“”「」『』＂]")
SORT_LABELS = {"relevance": "相关度", "newest": "最新", "oldest": "最早"}


def archive():
    return current_app.extensions["baoku"]


def archive_views():
    return current_app.extensions["baoku.views"]


def highlight_terms(q: str) -> list[str]:
    """Terms to mark for ``q``; a query that cannot be parsed marks nothing."""
    try:
        return parse(q, archive().max_query_chars).highlight_terms()
    except QueryError:
        return []


def search_form():
    """The search page's arguments (also /api/search and /api/trend) under the app's limits."""
    cfg = current_app.config
    return read_form(request.args, cfg["PAGE_SIZE"], cfg["MAX_PAGE_SIZE"], cfg["MAX_PAGE"],
                     cfg["MAX_QUERY_CHARS"])


def run_search(form) -> ResultPage:
    """Run the search; whatever goes wrong, the reader gets a page with a message, not a 500."""
    req = form.request
    if form.error:
        return ResultPage(query=req.q, total=0, hits=[], facets={}, error=form.error)
    try:
        result = archive().search(req)
        return result
    except Exception:  # the safety net: log everything, show a sentence
        current_app.logger.exception("search failed: %r", req)
        return ResultPage(query=req.q, total=0, hits=[], facets={},
                          error="这次搜索没能完成，请换个说法再试。(The search failed; try other words.)")


def did_you_mean(form) -> list[tuple[str, str, list]]:
    """For each reporter or location filter that names nobody in the index, the closest names."""
    req = form.request
    return archive_views().names().unknown({"reporter": req.reporter, "location": req.location})


def related(article_id: str) -> list[dict]:
    """Articles like this one; the list is an extra, so a failure only leaves it out."""
    try:
        return archive().related(article_id)
    except Exception:
        current_app.logger.exception("related articles failed for %r", article_id)
        return []


def quote_span(value: str) -> tuple[int, int] | None:
    """``start-end`` character offsets of a quote (the quotes page links with them), or None."""
    m = _SPAN.match(value)
    if m is None or int(m.group(1)) >= int(m.group(2)):
        return None
    return int(m.group(1)), int(m.group(2))


def marked_paragraphs(text: str, terms: list[str],
                      span: tuple[int, int] | None = None) -> list[tuple[str, bool]]:
    """Each paragraph as (escaped HTML with matches marked, holds the quote ``span``).

    The quote's offsets count characters of the whole text, so paragraphs keep
    theirs here instead of coming from ``text.split()`` alone. The quote is a
    ``<mark class="quote">`` around the part in the paragraph; matched words
    inside it keep their own ``<mark>``.
    """
    out, pos = [], 0
    for line in text.split("\n"):
        start, end = pos + len(line) - len(line.lstrip()), pos + len(line.rstrip())
        pos += len(line) + 1
        if end <= start:
            continue
        para = text[start:end]
        spans = match_spans(para, terms)
        if span is None or span[0] >= end or span[1] <= start:
            out.append((mark(para, spans), False))
            continue
        qs, qe = max(span[0], start) - start, min(span[1], end) - start
        out.append((mark(para, spans, 0, qs) + '<mark class="quote">' + mark(para, spans, qs, qe)
                    + "</mark>" + mark(para, spans, qe), True))
    return out


def link_args() -> dict[str, list[str]]:
    """``request.args`` for building links as {name: values}, each cut to what the engine reads.

    Without the cut a 10,000-character query is copied into every facet, page
    and chart link: a page of megabytes for one request. Built once per
    request and shared: callers make new dicts and lists, never change it.
    """
    if "link_args" not in g:
        most = current_app.config["MAX_QUERY_CHARS"]
        lists: dict[str, list[str]] = {}
        for k, v in request.args.items(multi=True):
            lists.setdefault(k[:most], []).append(v[:most])
        g.link_args = lists
    return g.link_args


_LINK_SAFE = "!$'()*,/:;?@"


def search_link(endpoint: str, args: dict[str, list[str]]) -> str:
    """``url_for(endpoint, **args)``, the endpoint's path built once per request.

    A results page holds about 70 facet and sort links, and Werkzeug's URL
    building of each was an eighth of a page's time. The query string is
    encoded as ``url_for`` (Werkzeug 3) encodes it (``urlencode`` with
    ``doseq``), each distinct name and value quoted once per request: the
    same query quoted again for every link was most of the rest.
    """
    bases = g.setdefault("link_bases", {})
    if endpoint not in bases:
        bases[endpoint] = url_for(endpoint)
    quoted = g.setdefault("link_quoted", {})

    def q(text) -> str:
        text = str(text)
        out = quoted.get(text)
        if out is None:
            out = quoted[text] = quote_plus(text, safe=_LINK_SAFE)
        return out

    query = "&".join(q(k) + "=" + q(v) for k, values in args.items()
                     for v in (values if isinstance(values, (list, tuple)) else (values,)))
    return bases[endpoint] + ("?" + query if query else "")


@bp.app_template_global()
def url_toggle(name: str, value: str, endpoint: str = "search.index") -> str:
    """This search with ``name=value`` added, or removed if it is there."""
    return search_link(endpoint, toggled(link_args(), name, value))


@bp.app_template_global()
def facet_links(name: str, values: list[dict]) -> list[tuple[dict, str, bool]]:
    """(value, ``url_toggle(name, value)``, chosen now) for each of a facet's values.

    One call per facet instead of two template calls per value: a results
    page lists about 80 values.
    """
    args, chosen = link_args(), request.args.getlist(name)
    return [(f, search_link("search.index", toggled(args, name, f["value"])), f["value"] in chosen)
            for f in values]


@bp.app_template_global()
def url_swap(name: str, old: str, new: str, endpoint: str = "search.index") -> str:
    """This search with ``name=old`` replaced by ``name=new`` (a did-you-mean link)."""
    args = toggled(link_args(), name, old)
    args[name] = args.get(name, []) + [new]
    return search_link(endpoint, args)


@bp.app_template_global()
def url_with(name: str, value, endpoint: str = "search.index") -> str:
    """This search with one argument set (sort, page); a new sort starts at page 1."""
    args = {k: v for k, v in link_args().items() if name == "page" or k != "page"}
    args[name] = [str(value)]
    return search_link(endpoint, args)


@bp.app_template_global()
def url_period(period: str) -> str:
    """This search narrowed to one trend period: ``from`` and ``to`` both set to it."""
    args = {k: v for k, v in link_args().items() if k != "page"}
    args["from"] = [period]
    args["to"] = [period]
    return search_link("search.index", args)


@bp.app_template_global()
def field_query(name: str, value: str) -> str:
    """Query text for one field value (``tag:经济``), quoted when it holds spaces or quotes."""
    if _NEEDS_QUOTES.search(value):
        value = '"' + _NEEDS_QUOTES.sub(" ", value).strip() + '"'
    return f"{name}:{value}"


@bp.get("/")
def index():
    form = search_form()
    q = form.request.q
    result = months = trend = None
    suggestions, titles = [], {}
    if not form.empty:
        result = run_search(form)
        if result.error is None:
            terms = highlight_terms(q)
            titles = {h.id: highlight(h.title or "无题", terms) for h in result.hits}
            suggestions = did_you_mean(form)
            if _YEAR.match(form.year):
                months = month_counts(archive(), form.request, form.year)
            if result.total:
                trend = chart(run_trend(form.request) or [])
    names = name_hints(q, 6, HINT_MIN) if not wants_partial() and looks_like_name(q) else []
    return render_page("search.html", "_results.html", q=q, form=form, result=result,
                       titles=titles, months=months, trend=trend, chips=chips(request.args),
                       suggestions=suggestions, names=names, labels=LABELS,
                       sort_labels=SORT_LABELS)


@bp.get("/names")
def names():
    q = request.args.get("q", "")
    # hints while typing show only names that sound or start the same; the
    # page of its own (no JavaScript) lists every plausible name
    floor = HINT_MIN if wants_partial() else SUGGEST_MIN
    return render_page("names.html", "_names.html", q=q, names=name_hints(q, 8, floor))


def name_hints(q: str, limit: int, min_score: float) -> list:
    """Reporters, places and quoted speakers whose names ``q`` most likely means.

    Speakers come from the quote book: 沈冬 finds 区委书记沈东, who is never a
    reporter or a place.
    """
    book = quote_book()
    return lookup_all([archive_views().names(), book.names if book else None], q, limit, min_score)


@bp.get("/article/<path:article_id>")
def article(article_id: str):
    record = archive().article(article_id)
    if record is None:
        abort(404, description=f"报库里没有编号为 {article_id} 的文章。")
    q = request.args.get("q", "")
    terms = highlight_terms(q)
    span = quote_span(request.args.get("quote", ""))
    rows = edition(archive(), record["paper"], record["date"]) if record.get("date") else []
    before, after = neighbours(rows, article_id)
    return render_template(
        "article.html", record=record, q=q, title_html=highlight(record.get("title") or "", terms),
        paragraphs=marked_paragraphs(record["text"], terms, span), pages=by_page(rows),
        before=before, after=after, cite=citation(record),
        permalink=url_for("search.article", article_id=article_id, _external=True),
        related=related(article_id), quotes=article_quotes(article_id),
        tags=list(dict.fromkeys((record.get("tags") or []) + (record.get("keywords") or []))))


@bp.get("/edition/<paper>/<date>")
def edition_page(paper: str, date: str):
    rows = edition(archive(), paper, date) if _DATE.match(date) else []
    if not rows:
        abort(404, description=f"报库里没有 {paper} {date} 这一期。")
    days = archive_views().calendar().years(paper).get(date[:4], {}).get(date[:7], [])
    i = days.index(date) if date in days else -1
    return render_template("edition.html", paper=paper, date=date, pages=by_page(rows),
                           count=len(rows), before=days[i - 1] if i > 0 else None,
                           after=days[i + 1] if 0 <= i < len(days) - 1 else None)


@bp.get("/browse")
def browse():
    cal = archive_views().calendar()
    return render_template("browse.html", papers=cal.papers, undated=cal.undated)


@bp.get("/browse/<paper>")
def browse_paper(paper: str):
    years = archive_views().calendar().years(paper)
    if not years:
        abort(404, description=f"报库里没有 {paper} 的报纸。")
    return render_template("browse_paper.html", paper=paper, years=years)


@bp.get("/browse/<paper>/<year>")
def browse_year(paper: str, year: str):
    months = archive_views().calendar().years(paper).get(year)
    if not months:
        abort(404, description=f"报库里没有 {paper} {year} 年的报纸。")
    grids = {m: (month_grid(m), {int(d[8:]) for d in days}) for m, days in months.items()}
    return render_template("browse_year.html", paper=paper, year=year, grids=grids)


@bp.get("/opensearch.xml")
def opensearch():
    response = make_response(render_template("opensearch.xml"))
    response.mimetype = "application/opensearchdescription+xml"
    return response
