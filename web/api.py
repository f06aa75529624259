"""Blueprint "api": JSON for search results, articles and names."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, jsonify, request, url_for

from .forms import read_form
from .views import archive, archive_views, run_search

bp = Blueprint("api", __name__, url_prefix="/api")


@bp.get("/search")
def search():
    """ResultPage.to_json() for the same arguments as the search page; bad queries set "error"."""
    cfg = current_app.config
    form = read_form(request.args, cfg["PAGE_SIZE"], cfg["MAX_PAGE_SIZE"], cfg["MAX_PAGE"])
    return jsonify(run_search(form).to_json())


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
    matches = archive_views().names().lookup(request.args.get("q", ""), limit=10)
    return jsonify([m.to_json() for m in matches])
