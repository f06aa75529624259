"""The Baoku web app: search page, quotes, articles, editions, browse and a JSON API."""

from __future__ import annotations

from pathlib import Path

from flask import Flask, jsonify, render_template, request

from search.browse import ArchiveViews
from search.config import Settings
from search.searcher import Archive

# No inline script or style anywhere: htmx is told (in base.html) not to
# inject its indicator <style>, month bars are <meter> elements and the trend
# chart is SVG sized by presentation attributes (x, y, width, height), which
# style-src does not govern; only style="" attributes and <style> would need
# 'unsafe-inline'.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
HTMX_JS = "htmx-2.0.11.min.js"  # pinned in package.json; scripts/setup_assets.sh fetches it
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def create_app(test_config: dict | None = None) -> Flask:
    """Build the app; the index is opened here, once, and shared by every request."""
    app = Flask(__name__)
    defaults = Settings()
    app.config.from_mapping(
        INDEX_DIR=str(defaults.index_dir),
        PAGE_SIZE=defaults.page_size,
        MAX_PAGE_SIZE=defaults.max_page_size,
        MAX_QUERY_CHARS=defaults.max_query_chars,
        MAX_PAGE=1000,  # deeper pages cost a full sort of the hits; nobody reads them
        RESULT_CACHE=defaults.result_cache,  # result pages kept per commit, per process
        TEXT_CACHE=defaults.text_cache,  # folded article texts kept for snippets, per process
    )
    if test_config is None:
        app.config.from_prefixed_env()  # FLASK_INDEX_DIR=... and so on
    else:
        app.config.from_mapping(test_config)
    app.json.ensure_ascii = False

    archive = Archive(app.config["INDEX_DIR"], app.config["MAX_QUERY_CHARS"],
                      app.config["MAX_PAGE_SIZE"], app.config["RESULT_CACHE"],
                      text_cache=app.config["TEXT_CACHE"])
    app.extensions["baoku"] = archive
    app.extensions["baoku.views"] = ArchiveViews(archive)

    from . import api, quotes, views

    # one quote book per app beside the Archive; it follows commits by itself
    app.extensions["baoku.quotes"] = quotes.open_quote_book(app.config["INDEX_DIR"])
    app.register_blueprint(views.bp)
    app.register_blueprint(quotes.bp)
    app.register_blueprint(api.bp)

    # Pages work without JavaScript, so a missing htmx (setup not run) only
    # loses the enhancements; say so once instead of serving a broken <script>.
    htmx_js = HTMX_JS if (Path(app.static_folder) / HTMX_JS).is_file() else None
    if htmx_js is None:
        app.logger.warning("web/static/%s is missing; run scripts/setup_assets.sh", HTMX_JS)

    @app.context_processor
    def assets():
        return {"htmx_js": htmx_js}

    @app.after_request
    def secure(response):
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    @app.errorhandler(404)
    def not_found(error):
        if request.path.startswith("/api/"):
            return jsonify({"error": "not found", "path": request.path}), 404
        return render_template("error.html", status=404, title="找不到这个页面",
                               message=getattr(error, "description", "")), 404

    @app.errorhandler(500)
    def server_error(error):
        app.logger.error("unhandled error on %s", request.full_path)
        if request.path.startswith("/api/"):
            return jsonify({"error": "internal error"}), 500
        return render_template("error.html", status=500, title="出错了",
                               message="服务器出了问题，请稍后再试。"), 500

    return app
