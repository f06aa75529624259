"""Hostile content and requests: markup shown as text everywhere, headers on every route, no traversal."""

from __future__ import annotations

import http.client
import re
from html.parser import HTMLParser
from urllib.parse import quote

import pytest

from test_browser import wait_for_htmx

from conftest import (HOSTILE_ARTICLE, served, HOSTILE_DATE, HOSTILE_ENTITY_TITLE, HOSTILE_PAPER,
                      HOSTILE_QUOTE)

HX = {"HX-Request": "true"}
PAPER = quote(HOSTILE_PAPER, safe="")
URL_ATTRS = {"href", "src", "action", "formaction", "cite", "xlink:href", "data", "poster"}
SCRIPT_URL = re.compile(r"^\s*(javascript|vbscript|data):", re.I)


@pytest.fixture(scope="module")
def client(hostile_app):
    return hostile_app.test_client()


class Page(HTMLParser):
    """The tags, attributes and text of a page, as a browser's parser sees them."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        self.text.append(data)

    @property
    def all_text(self) -> str:
        # attribute values count as text too (the search box's value, a <title>)
        return "".join(self.text) + "".join(str(v) for _, a in self.tags for v in a.values())


def assert_inert(html: str, where: str) -> Page:
    """No markup from the data became markup: only our tags, no handlers, no script URLs."""
    page = Page(html)
    for tag, attrs in page.tags:
        assert tag not in ("img", "iframe", "object", "embed", "b", "i", "svg:script"), (where, tag)
        if tag == "script":
            assert attrs.get("src", "").startswith("/static/"), (where, attrs)
        for name, value in attrs.items():
            assert not name.startswith("on"), (where, tag, name)
            if name in URL_ATTRS and value:
                assert not SCRIPT_URL.match(value), (where, tag, name, value)
    return page


# every page that shows data, full and (where it has one) partial
PAGES = [
    ("/?q=消防", True),
    ("/?q=<script>alert(1)</script>", True),
    ('/?q="><img src=x onerror=alert(1)>', True),
    ("/?q=javascript:alert(1)", True),
    ("/?q=&lt;script&gt; &amp;", True),
    ("/?q=消防&section=<b>版面</b>", True),
    ("/?q=消防&reporter=<i>记者</i>", True),
    ("/?reporter=<script>alert(9)</script>", True),
    ("/?q=消防&from=<script>alert(1)</script>", True),
    ("/?q=tag:<script>alert(14)</script>", True),
    (f"/?q=消防&paper={PAPER}", True),
    (f"/article/{HOSTILE_ARTICLE}", False),
    (f"/article/{HOSTILE_ARTICLE}?q=<script>alert(1)</script>", False),
    (f"/article/{HOSTILE_ARTICLE}?q=消防&quote=50-120", False),
    ("/article/<script>alert(1)</script>", False),
    (f"/edition/{PAPER}/{HOSTILE_DATE}", False),
    ("/browse", False),
    (f"/browse/{PAPER}", False),
    (f"/browse/{PAPER}/2023", False),
    ("/quotes", True),
    ("/quotes?speaker=沈东", True),
    ("/quotes?q=<script>alert(8)</script>", True),
    ("/quotes?speaker=<script>alert(1)</script>", True),
    ("/quotes?q=消防&from=javascript:alert(1)", True),
    (f"/quotes?paper={PAPER}", True),
    ("/names?q=<script>alert(1)</script>", True),
    ("/names?q=<i>记者</i>", True),
]


@pytest.mark.parametrize("url, has_partial", PAGES)
def test_hostile_markup_is_text_on_every_page(client, url, has_partial):
    for headers in ({}, HX) if has_partial else ({},):
        r = client.get(url, headers=headers)
        assert r.status_code in (200, 404), (url, r.status_code)
        assert_inert(r.get_data(as_text=True), f"{url} {headers}")


@pytest.mark.parametrize("url, shown", [
    (f"/article/{HOSTILE_ARTICLE}", ["<script>alert(1)</script>消防标题", "<script>alert(4)</script>",
                                     "&lt;script&gt;alert(0)&lt;/script&gt; &amp; 消防",
                                     '<a href="javascript:alert(5)">点我</a>', "<b>版面</b>",
                                     "<i>记者</i>", "javascript:alert(3)", HOSTILE_PAPER,
                                     "<script>alert(14)</script>", HOSTILE_QUOTE]),
    ("/?q=消防", ["<script>alert(1)</script>消防标题", HOSTILE_ENTITY_TITLE,
                 "<script>alert(4)</script>", HOSTILE_PAPER, "<i>记者</i>", "<b>版面</b>"]),
    ("/?q=<script>alert(1)</script>", ["<script>alert(1)</script>"]),
    (f"/edition/{PAPER}/{HOSTILE_DATE}", ["<script>alert(1)</script>消防标题", HOSTILE_ENTITY_TITLE,
                                           "<i>记者</i>", HOSTILE_PAPER]),
    ("/browse", [HOSTILE_PAPER]),
    ("/quotes", [HOSTILE_QUOTE, "沈东"]),
    ("/quotes?q=加强", [HOSTILE_QUOTE]),
    ("/names?q=<script>alert(1)</script>", ["<script>alert(1)</script>"]),
    ("/article/<script>alert(1)</script>", ["<script>alert(1)</script>"]),
])
def test_hostile_text_is_shown_as_written(client, url, shown):
    text = Page(client.get(url).get_data(as_text=True)).all_text
    for s in shown:
        assert s in text, (url, s)


def test_snippets_escape_and_keep_marks(client):
    data = client.get("/api/search?q=消防").json
    snippets = " ".join(h["snippet"] for h in data["hits"])
    assert "<mark>" in snippets and "<script" not in snippets and "<img" not in snippets
    assert "&lt;script&gt;alert(4)" in snippets
    assert "&amp;lt;script&amp;gt;" in snippets  # an entity in the text stays an entity on screen


def test_api_json_is_data(client):
    r = client.get(f"/api/articles/{HOSTILE_ARTICLE}")
    assert r.mimetype == "application/json" and r.headers["X-Content-Type-Options"] == "nosniff"
    assert r.json["title"].startswith("<script>alert(1)</script>")  # data, untouched
    assert r.json["url"].startswith("http://localhost/article/")  # never the source's javascript:
    q = client.get("/api/quotes?q=加强").json["quotes"][0]
    assert q["text"] == HOSTILE_QUOTE and "text_html" not in q
    hits = client.get("/api/search?q=消防").json["hits"]
    assert HOSTILE_ENTITY_TITLE in [h["title"] for h in hits]
    for url in ("/api/trend?q=<script>", "/api/names?q=<script>", "/api/search?q=<script>"):
        assert client.get(url).mimetype == "application/json"


# --- security headers on every route -------------------------------------------

ROUTE_URLS = {
    "search.index": ["/", "/?q=消防", "/?q=nosuchfield:x"],
    "search.names": ["/names?q=沈冬"],
    "search.article": [f"/article/{HOSTILE_ARTICLE}", "/article/nope"],
    "search.edition_page": [f"/edition/{PAPER}/{HOSTILE_DATE}", "/edition/x/2020-01-01"],
    "search.browse": ["/browse"],
    "search.browse_paper": [f"/browse/{PAPER}", "/browse/nope"],
    "search.browse_year": [f"/browse/{PAPER}/2023", "/browse/nope/1900"],
    "search.opensearch": ["/opensearch.xml"],
    "quotes.index": ["/quotes", "/quotes?speaker=沈冬"],
    "api.search": ["/api/search?q=消防"],
    "api.trend": ["/api/trend?q=消防", "/api/trend?q=nosuchfield:x"],
    "api.quotes": ["/api/quotes?speaker=沈东"],
    "api.article": [f"/api/articles/{HOSTILE_ARTICLE}", "/api/articles/nope"],
    "api.names": ["/api/names?q=沈冬"],
    "static": ["/static/site.css", "/static/nope.css"],
    None: ["/nowhere", "/api/nowhere"],  # no route at all
}


def test_every_route_is_covered(hostile_app):
    assert {r.endpoint for r in hostile_app.url_map.iter_rules()} <= set(ROUTE_URLS)


@pytest.mark.parametrize("url", [u for urls in ROUTE_URLS.values() for u in urls])
def test_security_headers_everywhere(client, url):
    for r in (client.get(url), client.get(url, headers=HX), client.post(url)):
        assert r.status_code < 500, url
        csp = r.headers["Content-Security-Policy"]
        assert "default-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert r.headers["X-Content-Type-Options"] == "nosniff"
        assert r.headers["Referrer-Policy"] == "same-origin"


# --- path traversal ------------------------------------------------------------

SECRETS = ["[build-system]", "root:x:0:", "def create_app", "{% block", "import pytest"]
TRAVERSALS = [
    "/article/..%2f..%2fetc%2fpasswd", "/article/../../etc/passwd", "/article/%2e%2e/%2e%2e/etc/passwd",
    "/article/..%5c..%5cpyproject.toml", "/article/%00", "/article/....//....//etc/passwd",
    "/article/%252e%252e%252fpyproject.toml",
    "/api/articles/..%2f..%2fetc%2fpasswd", "/api/articles/../../../pyproject.toml",
    "/edition/../../x/2020-01-01", "/edition/..%2f..%2fx/2020-01-01", "/edition/%2e%2e/2020-01-01",
    "/edition/x/..%2f..%2fpyproject.toml", "/edition/%2e%2e%2f%2e%2e/2020-01-01",
    "/browse/..%2f..%2fetc", "/browse/../../etc/passwd", "/browse/%2e%2e/%2e%2e", "/browse/x/..%2f..",
    "/browse/..", "/browse/%2e%2e",
    "/static/../pyproject.toml", "/static/..%2fpyproject.toml", "/static/%2e%2e/pyproject.toml",
    "/static/%2e%2e%2fpyproject.toml", "/static/..%5cpyproject.toml", "/static/....//pyproject.toml",
    "/static//etc/passwd", "/static/%2fetc%2fpasswd", "/static/..%252f..%252fpyproject.toml",
    "/static/site.css%00.html", "/static/../__init__.py", "/static/../templates/base.html",
    "/static/../../tests/conftest.py", "/static/%c0%ae%c0%ae/pyproject.toml",
]


@pytest.mark.parametrize("url", TRAVERSALS)
def test_path_traversal_is_404(client, url):
    # Werkzeug answers "//" with a 308 to the merged path; follow it to the 404
    r = client.get(url, follow_redirects=True)
    body = r.get_data(as_text=True)
    assert r.status_code == 404, (url, r.status_code)
    assert not any(s in body for s in SECRETS), url


@pytest.fixture(scope="module")
def server(hostile_app):
    """The hostile app under waitress, for raw HTTP and the browser."""
    with served(hostile_app) as port:
        yield port


def test_path_traversal_over_raw_http(server):
    """The test client is not a server: send the paths unnormalised, as an attacker's tool does."""
    def fetch(path):
        conn = http.client.HTTPConnection("127.0.0.1", server, timeout=10)
        conn.request("GET", path)
        r = conn.getresponse()
        body = r.read().decode("utf-8", "replace")
        conn.close()
        return r, body

    for url in TRAVERSALS:
        r, body = fetch(url)
        if r.status == 308:  # "//" (also decoded from %2f) merged: it must stay on this site
            location = r.getheader("Location").removeprefix(f"http://127.0.0.1:{server}")
            assert location.startswith("/") and not location.startswith("//"), (url, location)
            r, body = fetch(location)
        assert r.status in (400, 404), (url, r.status)
        assert not any(s in body for s in SECRETS), url


# --- in a real browser -----------------------------------------------------------

@pytest.mark.browser
def test_no_script_runs_in_the_browser(server):
    from test_browser import ARGS, CHROMIUM, SCREENSHOTS, _require_browser

    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context(base_url=f"http://127.0.0.1:{server}", locale="zh-CN")
        page = context.new_page()
        dialogs, problems = [], []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: problems.append(str(e)))
        try:
            page.goto(f"/article/{HOSTILE_ARTICLE}?q=消防")
            assert "<script>alert(1)</script>消防标题" in page.inner_text("h1")
            assert page.get_by_text("<script>alert(4)</script>", exact=False).first.is_visible()
            assert "&lt;script&gt;alert(0)&lt;/script&gt;" in page.inner_text(".body")
            assert page.locator(".article-quotes").get_by_text("<script>alert(8)</script>",
                                                               exact=False).is_visible()
            assert page.locator("a[href^='javascript']").count() == 0
            SCREENSHOTS.mkdir(exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / "hostile-article.png"), full_page=True)

            page.goto("/?q=" + quote("<script>alert(1)</script>"))
            assert page.input_value("#q") == "<script>alert(1)</script>"
            assert "<script>alert(1)</script>" in page.title()
            # the same through htmx: typed, swapped in as a fragment
            page.goto("/")
            wait_for_htmx(page)
            with page.expect_response(lambda r: "/?q=" in r.url and r.request.headers.get("hx-request")):
                page.fill("#q", "<img src=x onerror=alert(1)> 消防")
            page.wait_for_selector("#total")
            assert "<script>alert(1)</script>消防标题" in page.inner_text("#results")
            page.goto("/quotes?q=" + quote("加强"))
            assert HOSTILE_QUOTE in page.inner_text(".quotelist")
            page.wait_for_timeout(300)  # a timer-started script would have fired by now
            assert dialogs == [] and problems == []
            assert page.locator("a[href^='javascript']").count() == 0
        finally:
            context.close()
            browser.close()
