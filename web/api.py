"""Blueprint "api": JSON for search results, trends, quotes, articles and names."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, jsonify, request, url_for

from search.errors import QueryError
from search.names import SUGGEST_MIN

from .quotes import API_FIELDS, read_quote_form, run_quotes
from .views import archive, name_hints, run_search, search_form

bp = Blueprint("api", __name__, url_prefix="/api")


@bp.get("/search")
def search():
    """ResultPage.to_json() for the same arguments as the search page; bad queries set "error"."""
    form = search_form()
    return jsonify(run_search(form).to_json())


@bp.get("/trend")
def trend():
    """[{"period", "count", "per_thousand"}] for the search page's arguments.

    A query or date that cannot be run answers 200 with {"error": "..."}, as
    /api/search does, so a client checks one shape for every reader mistake.
    """
    form = search_form()
    if form.error:
        return jsonify({"error": form.error})
    try:
        return jsonify(archive().trend(form.request))
    except QueryError as exc:
        return jsonify({"error": str(exc)})
    except Exception:
        current_app.logger.exception("trend failed: %r", form.request)
        return jsonify({"error": "这次统计没能完成，请换个说法再试。(The trend failed.)"})


@bp.get("/quotes")
def quotes():
    """{"total", "page", "limit", "quotes", "speakers", "did_you_mean", "error"}.

    Arguments: q, speaker, from, to, paper, page, limit (at most 100). Each quote is
    {"speaker", "role", "verb", "text", "article_id", "date"}; a speaker with no exact
    match is widened to the near names in "did_you_mean" that score 80 or more.
    """
    cfg = current_app.config
    form = read_quote_form(request.args, 20, cfg["MAX_PAGE_SIZE"], cfg["MAX_PAGE"],
                           cfg["MAX_QUERY_CHARS"])
    result = run_quotes(form)
    return jsonify({"total": result.total, "page": result.page, "limit": result.limit,
                    "quotes": [{k: q[k] for k in API_FIELDS} for q in result.quotes],
                    "speakers": result.speakers, "did_you_mean": result.did_you_mean,
                    "error": result.error})


@bp.get("/articles/<path:article_id>")
def article(article_id: str):
    record = archive().article(article_id)
    if record is None:
        abort(404)
    return jsonify({**record, "url": url_for("search.article", article_id=article_id,
                                             _external=True)})


@bp.get("/names")
def names():
    """[{"name", "kind", "count", "score"}] for the names ``q`` most likely means."""
    matches = name_hints(request.args.get("q", ""), 10, SUGGEST_MIN)
    return jsonify([m.to_json() for m in matches])
