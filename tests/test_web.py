"""The web app: every URL with and without htmx, bad input, escaping, headers, JSON shapes."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from conftest import HOSTILE_ID

HX = {"HX-Request": "true"}
FULL = "<!doctype html>"


def html_of(response) -> str:
    return response.get_data(as_text=True)


def total_of(page: str) -> int:
    return int(re.search(r'<strong id="total">(\d+)</strong>', page).group(1))


# --- partial or full page ----------------------------------------------------

@pytest.mark.parametrize("url, marker", [
    ("/", 'class="intro"'),
    ("/?q=经济", 'id="total"'),
    ("/?q=经济&year=2019&sort=newest&page=2", 'id="total"'),
    ("/?reporter=薛慕嵘", "didyoumean"),
    ("/names?q=沈冬", "沈东"),
    ("/?q=疫情", 'class="trend"'),
    ("/quotes", 'class="quotelist"'),
    ("/quotes?speaker=沈东&page=2", 'data-facet="speaker"'),
    ("/quotes?speaker=沈冬", "didyoumean"),
])
def test_fragment_for_htmx_full_page_otherwise(client, url, marker):
    full, part = client.get(url), client.get(url, headers=HX)
    assert full.status_code == part.status_code == 200
    assert html_of(full).startswith(FULL) and marker in html_of(full)
    assert not html_of(part).lstrip().startswith(FULL) and marker in html_of(part)
    assert "HX-Request" in full.headers["Vary"] and "HX-Request" in part.headers["Vary"]


def test_history_restore_gets_the_whole_page(client):
    r = client.get("/?q=经济", headers={**HX, "HX-History-Restore-Request": "true"})
    assert html_of(r).startswith(FULL)


@pytest.mark.parametrize("url", [
    f"/article/{HOSTILE_ID}", "/article/rmrb-20190201-01-01?q=卡塔尔",
    "/edition/人民日报/2019-02-01", "/browse", "/browse/人民日报", "/browse/人民日报/2019",
])
def test_other_pages_are_whole_pages_either_way(client, url):
    for headers in ({}, HX):
        r = client.get(url, headers=headers)
        assert r.status_code == 200 and html_of(r).startswith(FULL)


# --- not found ---------------------------------------------------------------

@pytest.mark.parametrize("url", [
    "/article/no-such-article", "/article/a/b/c", "/edition/人民日报/2030-01-01",
    "/edition/人民日报/yesterday", "/browse/没有这份报", "/browse/人民日报/1900", "/nowhere",
])
def test_unknown_pages_are_404_pages(client, url):
    r = client.get(url)
    assert r.status_code == 404
    assert html_of(r).startswith(FULL) and "回到搜索" in html_of(r)


def test_unknown_api_article_is_json_404(client):
    r = client.get("/api/articles/no-such-article")
    assert r.status_code == 404 and r.json["error"] == "not found"


# --- bad input ---------------------------------------------------------------

@pytest.mark.parametrize("args, page, limit", [
    ("page=-5", 1, 10), ("page=abc", 1, 10), ("page=99999", None, 10),
    ("limit=0", 1, 1), ("limit=100000", 1, 100), ("limit=ten", 1, 10), ("page=1.5&limit=", 1, 10),
])
def test_paging_is_clamped(client, args, page, limit):
    r = client.get(f"/api/search?q=经济&{args}")
    assert r.status_code == 200
    data = r.json
    assert data["limit"] == limit
    last = -(-data["total"] // data["limit"])
    assert data["page"] == (page or last)


def test_page_past_the_end_shows_the_last(client):
    r = client.get("/?q=经济&page=99999")
    assert r.status_code == 200 and 'aria-current="page"' in html_of(r)


@pytest.mark.parametrize("q, message", [
    ("nosuchfield:值", "no field called"),
    ("date:2019-13", "no month"),
])
def test_malformed_query_is_a_message_not_an_error(client, q, message):
    for headers in ({}, HX):
        r = client.get("/", query_string={"q": q}, headers=headers)
        assert r.status_code == 200
        assert 'class="error"' in html_of(r) and message in html_of(r)


@pytest.mark.parametrize("q", ["经" * 5000, "a\x00b", "\"\"\"", "OR", "-", "reporter:", "((("])
def test_odd_queries_never_fail(client, q):
    for headers in ({}, HX):
        assert client.get("/", query_string={"q": q}, headers=headers).status_code == 200
    assert client.get("/api/search", query_string={"q": q}).status_code == 200


def test_bad_date_filter_is_a_message(client):
    r = client.get("/?q=经济&from=2019-99")
    assert r.status_code == 200 and 'class="error"' in html_of(r)
    assert client.get("/api/search?q=经济&from=2019-99").json["error"]


def test_notices_are_shown(client):
    r = client.get("/", query_string={"q": "“生态文明"})
    assert 'class="notice"' in html_of(r) and "not closed" in html_of(r)


def test_search_failure_is_caught(client, web_app, monkeypatch):
    def broken(req):
        raise RuntimeError("disk on fire")
    monkeypatch.setattr(web_app.extensions["baoku"], "search", broken)
    r = client.get("/?q=经济", headers=HX)
    assert r.status_code == 200 and 'class="error"' in html_of(r)
    assert "disk on fire" not in html_of(r)
    assert client.get("/api/search?q=经济").json["error"]


# --- escaping and headers ----------------------------------------------------

HOSTILE_RAW = ["<script>alert", "<img src=x onerror", 'href="javascript:', "<b>版面</b>",
               "<i>记者</i>"]


@pytest.mark.parametrize("url", [
    "/?q=钟楼区消防安全", f"/article/{HOSTILE_ID}?q=消防", "/edition/钟楼报/2024-03-05",
    "/?q=钟楼区消防安全&section=<b>版面</b>", "/?reporter=<script>alert(9)</script>",
    "/names?q=<script>", "/?q=<script>alert(1)</script>",
])
def test_hostile_content_is_escaped(client, url):
    for headers in ({}, HX):
        page = html_of(client.get(url, headers=headers))
        for raw in HOSTILE_RAW + ["<script>alert(9)", "<script>alert(1)"]:
            assert raw not in page, (url, raw)
    assert "&lt;script&gt;" in html_of(client.get(f"/article/{HOSTILE_ID}"))


def test_hostile_article_keeps_highlight_markup(client):
    page = html_of(client.get(f"/article/{HOSTILE_ID}?q=消防"))
    assert "<mark>消防</mark>" in page and "&lt;script&gt;alert(4)&lt;/script&gt;" in page


@pytest.mark.parametrize("url", ["/", "/?q=经济", "/article/nope", "/api/search?q=经济",
                                 "/browse", "/opensearch.xml", "/static/site.css", "/quotes",
                                 "/api/quotes", "/api/trend?q=经济"])
def test_security_headers(client, url):
    r = client.get(url)
    csp = r.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "unsafe-inline" not in csp
    assert "script-src 'self'" in csp and "style-src 'self'" in csp
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert r.headers["Referrer-Policy"]


@pytest.mark.parametrize("url", ["/", "/?q=经济&year=2019", "/article/rmrb-20190201-01-01",
                                 "/browse/人民日报/2019", "/names?q=沈冬", "/?q=疫情",
                                 "/quotes?speaker=沈冬", "/article/zhonglou-2024-03-05-01-01?quote=30-41"])
def test_no_inline_script_or_style(client, url):
    page = html_of(client.get(url))
    assert not re.search(r"<script(?![^>]*\ssrc=)[^>]*>", page)
    assert "<style" not in page and " style=" not in page and " on" + "click=" not in page


# --- search page features ----------------------------------------------------

def test_results_show_highlights_and_metadata(client):
    page = html_of(client.get("/?q=卡塔尔"))
    assert "<mark>卡塔尔</mark>" in page
    assert "人民日报" in page and "01版" in page and "杜一菲" in page
    assert 'href="/article/rmrb-20190201-01-01?q=' in page


def test_facet_link_adds_one_argument_and_count_matches(client):
    page = html_of(client.get("/?q=经济"))
    m = re.search(r'<li data-facet="reporter"><a href="([^"]+)">([^<]+)</a>\s*'
                  r'<span class="count">(\d+)</span>', page)
    href, name, count = m.group(1).replace("&amp;", "&"), m.group(2), int(m.group(3))
    assert parse_qs(urlsplit(href).query) == {"q": ["经济"], "reporter": [name]}
    filtered = html_of(client.get(href))
    assert total_of(filtered) == count
    # the chip removes exactly that argument again
    chip = re.search(r'<ul class="chips".*?<a href="([^"]+)"', filtered, re.S).group(1)
    assert parse_qs(urlsplit(chip.replace("&amp;", "&")).query) == {"q": ["经济"]}


def test_year_shows_month_histogram(client):
    page = html_of(client.get("/?q=经济&year=2019"))
    assert page.count("<meter") == 12 and "2019 年各月" in page
    feb = html_of(client.get("/?q=经济&year=2019&month=2019-02"))
    assert total_of(feb) == total_of(page)


def test_date_range_filters(client):
    whole = total_of(html_of(client.get("/?q=经济")))
    some = total_of(html_of(client.get("/?q=经济&from=2019-02-01&to=2019-02-05")))
    assert 0 < some < whole


def test_sort_and_pagination_links(client):
    page = html_of(client.get("/?q=经济&page=2"))
    assert 'href="/?q=%E7%BB%8F%E6%B5%8E&amp;sort=newest"' in page  # a new sort starts at page 1
    assert 'rel="next"' in page and 'rel="prev"' in page
    newest = client.get("/api/search?q=经济&sort=newest").json["hits"]
    assert [h["date"] for h in newest] == sorted((h["date"] for h in newest), reverse=True)


def test_did_you_mean_for_unknown_reporter(client):
    page = html_of(client.get("/?reporter=薛慕嵘"))
    assert "没有叫“薛慕嵘”的记者" in page
    assert "reporter=%E8%96%9B%E6%9A%AE%E5%B5%98" in page and "(1 篇)" in page
    assert "didyoumean" not in html_of(client.get("/?reporter=薛暮嵘"))


def test_name_hints_on_the_full_page(client):
    assert "薛暮嵘" in html_of(client.get("/?q=薛慕嵘"))


def test_filters_survive_as_hidden_inputs(client):
    page = html_of(client.get("/?q=经济&reporter=李刚&sort=oldest"))
    assert '<input type="hidden" name="reporter" value="李刚">' in page
    assert '<input type="hidden" name="sort" value="oldest">' in page


def test_head_links_assets_and_opensearch(client):
    page = html_of(client.get("/"))
    assert 'rel="search" type="application/opensearchdescription+xml"' in page
    assert "/static/site.css" in page and "http" not in re.findall(r'<script[^>]*>', page)[0]
    r = client.get("/opensearch.xml")
    assert r.mimetype == "application/opensearchdescription+xml"
    assert "{searchTerms}" in html_of(r)


# --- article, edition, browse ------------------------------------------------

def test_article_page(client):
    page = html_of(client.get("/article/rmrb-20190201-01-01?q=卡塔尔"))
    assert "<mark>卡塔尔</mark>" in page
    assert "杜一菲. 习近平同卡塔尔埃米尔塔米姆举行会谈[N]. 人民日报, 2019-02-01(01)." in page
    assert 'id="permalink" href="http://localhost/article/rmrb-20190201-01-01"' in page
    assert 'rel="next" href="/article/rmrb-20190201-01-02?q=' in page
    assert "同一期的其他文章" in page and "/edition/" in page


def test_edition_page_lists_articles_by_page(client):
    page = html_of(client.get("/edition/人民日报/2019-02-01"))
    pages = re.findall(r'<h3 class="page">(\d+)版</h3>', page)
    assert pages == sorted(pages) and pages[0] == "01"
    assert 'rel="next" href="/edition/' in page


def test_browse_walks_papers_years_months_days(client):
    assert "/browse/%E4%BA%BA%E6%B0%91%E6%97%A5%E6%8A%A5" in html_of(client.get("/browse"))
    assert "2019 年" in html_of(client.get("/browse/人民日报"))
    year = html_of(client.get("/browse/人民日报/2019"))
    assert "/edition/%E4%BA%BA%E6%B0%91%E6%97%A5%E6%8A%A5/2019-02-01" in year


# --- JSON API ----------------------------------------------------------------

def test_api_search_shape(client):
    data = client.get("/api/search?q=经济&limit=3&reporter=李刚").json
    assert set(data) == {"query", "total", "hits", "facets", "page", "limit", "sort",
                         "reprints", "notices", "error"}
    assert data["error"] is None and data["limit"] == 3
    for hit in data["hits"]:
        assert set(hit) == {"id", "title", "date", "paper", "page", "section", "reporters",
                            "locations", "snippet"}
    assert set(data["facets"]) >= {"section", "reporter", "location", "year"}


def test_api_search_error_shape(client):
    data = client.get("/api/search?q=nosuchfield:x").json
    assert data["error"] and data["hits"] == []


def test_api_article(client):
    data = client.get("/api/articles/rmrb-20190201-01-01").json
    assert data["id"] == "rmrb-20190201-01-01" and data["text"]
    assert data["url"].endswith("/article/rmrb-20190201-01-01")


def test_api_names(client):
    data = client.get("/api/names?q=薛慕嵘").json
    assert data[0] == {"name": "薛暮嵘", "kind": "reporter", "count": 1, "score": 95.0}
    assert all(set(d) == {"name", "kind", "count", "score"} for d in data)
    assert client.get("/api/names?q=").json == []


# --- trend chart -------------------------------------------------------------

def test_trend_chart_is_server_rendered_svg(client, web_app):
    page = html_of(client.get("/?q=疫情"))
    svg = re.search(r'<svg class="bars".*?</svg>', page, re.S).group(0)
    points = client.get("/api/trend?q=疫情").json
    assert svg.count('class="slot"') == len(points)  # one column per period
    assert " style=" not in svg and "<script" not in svg
    for p in points:
        assert f"<title>{p['period']}：{p['count']} 篇" in svg
    # the tallest bar fills the chart; bars sit on the baseline
    top = max(points, key=lambda p: p["per_thousand"])
    assert re.search(r'<rect class="bar" x="[\d.]+" y="0.0" width="8" height="100.0"/>', svg)
    assert top["count"] > 0
    # the first and last periods label the axis
    axis = re.search(r'<p class="axis[^"]*">(.*?)</p>', page, re.S).group(1)
    assert points[0]["period"] in axis and points[-1]["period"] in axis


def test_trend_bar_links_filter_to_its_period(client):
    page = html_of(client.get("/?q=疫情"))
    links = re.findall(r'<a href="([^"]+)">\s*<title>(\d{4}-\d{2})：(\d+) 篇', page)
    assert links
    for href, period, count in links:
        href = href.replace("&amp;", "&")
        assert parse_qs(urlsplit(href).query) == {"q": ["疫情"], "from": [period], "to": [period]}
        assert total_of(html_of(client.get(href))) == int(count)


def test_trend_year_bars_link_to_years(web_app):
    from web.trend import chart
    from web.views import url_period

    bars = chart([{"period": "1998", "count": 3, "per_thousand": 1.5},
                  {"period": "1999", "count": 0, "per_thousand": 0.0},
                  {"period": "2000", "count": 6, "per_thousand": 3.0}])
    assert bars.by == "year" and [b.height for b in bars.bars] == [50.0, 0.0, 100.0]
    with web_app.test_request_context("/?q=经济&page=3"):
        assert url_period("1998") == "/?q=%E7%BB%8F%E6%B5%8E&from=1998&to=1998"
    assert chart([]) is None and chart([{"period": "2019", "count": 0, "per_thousand": 0}]) is None


def test_no_trend_without_results_or_for_bad_queries(client):
    assert 'class="trend"' not in html_of(client.get("/?q=没有这种词语的文章啊啊"))
    assert 'class="trend"' not in html_of(client.get("/?q=nosuchfield:x"))


def test_api_trend(client):
    data = client.get("/api/trend?q=疫情").json
    assert all(set(p) == {"period", "count", "per_thousand"} for p in data)
    assert sum(p["count"] for p in data) == client.get("/api/search?q=疫情").json["total"]
    assert [p["period"] for p in data] == sorted(p["period"] for p in data)
    for bad in ("q=nosuchfield:x", "q=date:2019-13", "q=经济&from=2019-99"):
        r = client.get(f"/api/trend?{bad}")
        assert r.status_code == 200 and set(r.json) == {"error"} and r.json["error"]


def test_trend_failure_leaves_the_results(client, web_app, monkeypatch):
    def broken(req, by="auto"):
        raise RuntimeError("disk on fire")
    monkeypatch.setattr(web_app.extensions["baoku"], "trend", broken)
    r = client.get("/?q=疫情")
    assert r.status_code == 200 and total_of(html_of(r)) > 0 and 'class="trend"' not in html_of(r)
    assert client.get("/api/trend?q=疫情").json["error"]


# --- quotes ------------------------------------------------------------------

def test_quotes_page_shows_quotes_in_context(client):
    page = html_of(client.get("/quotes?speaker=沈东&q=国企"))
    assert '<strong id="total">7</strong>' in page  # one per sample article
    assert "<mark>国企</mark>" in page and "区委书记" in page and "强调" in page
    assert "2024-03-05" in page and "钟楼报" in page
    link = re.search(r'href="(/article/zhonglou-2024-03-05-01-0\d\?[^"]+)"', page).group(1)
    args = parse_qs(urlsplit(link.replace("&amp;", "&")).query)
    assert args["q"] == ["国企"] and re.fullmatch(r"\d+-\d+", args["quote"][0])
    assert link.endswith("#quote")


def test_quote_link_marks_the_quote_in_the_article(client):
    q = client.get("/api/quotes?speaker=沈东&q=国企&limit=1").json["quotes"][0]
    text = client.get(f"/api/articles/{q['article_id']}").json["text"]
    start = text.index(q["text"])
    page = html_of(client.get(f"/article/{q['article_id']}?quote={start}-{start + len(q['text'])}"))
    assert '<p class="quoted" id="quote">' in page
    assert f'<mark class="quote">{q["text"]}</mark>' in page
    for bad in ("9-3", "x", "1-99999999", "-1-5", "0-0"):
        assert client.get(f"/article/{q['article_id']}?quote={bad}").status_code == 200


def test_speaker_facet_adds_and_removes_speaker(client):
    page = html_of(client.get("/quotes?q=合作"))
    m = re.search(r'<li data-facet="speaker"><a href="([^"]+)">([^<]+)</a>\s*'
                  r'<span class="count">(\d+)</span>', page)
    href, name, count = m.group(1).replace("&amp;", "&"), m.group(2), int(m.group(3))
    assert parse_qs(urlsplit(href).query) == {"q": ["合作"], "speaker": [name]}
    filtered = html_of(client.get(href))
    assert f'<strong id="total">{count}</strong>' in filtered
    on = re.search(r'<li data-facet="speaker"><a href="([^"]+)" class="on"', filtered).group(1)
    assert parse_qs(urlsplit(on.replace("&amp;", "&")).query) == {"q": ["合作"]}


def test_quotes_did_you_mean(client):
    page = html_of(client.get("/quotes?speaker=沈冬"))
    assert "没有叫“沈冬”的说话人" in page and "speaker=%E6%B2%88%E4%B8%9C" in page
    assert "didyoumean" not in html_of(client.get("/quotes?speaker=沈东"))
    data = client.get("/api/quotes?speaker=沈冬").json
    assert data["did_you_mean"][0]["name"] == "沈东" and data["did_you_mean"][0]["score"] < 100


def test_quotes_paging(client):
    page = html_of(client.get("/quotes?speaker=习近平&page=1"))
    assert 'rel="next" href="/quotes?speaker=%E4%B9%A0%E8%BF%91%E5%B9%B3&amp;page=2"' in page
    last = html_of(client.get("/quotes?speaker=习近平&page=99999"))
    assert 'rel="next"' not in last and 'class="quote"' in last  # the last page, not empty


def test_quotes_bad_input_is_a_message(client):
    for url in ("/quotes?from=2019-99", "/quotes?q=nosuchfield:x"):
        for headers in ({}, HX):
            r = client.get(url, headers=headers)
            assert r.status_code == 200 and 'class="error"' in html_of(r)


def test_api_quotes_shape(client):
    data = client.get("/api/quotes?speaker=沈东&limit=3&page=2").json
    assert set(data) == {"total", "page", "limit", "quotes", "speakers", "did_you_mean", "error"}
    assert data["limit"] == 3 and data["page"] == 2 and len(data["quotes"]) == 3
    for q in data["quotes"]:
        assert set(q) == {"speaker", "role", "verb", "text", "article_id", "date"}
    assert data["speakers"][0] == {"value": "沈东", "count": data["total"]}
    assert client.get("/api/quotes?from=2019-99").json["error"]


def test_header_links_to_quotes(client):
    assert '<a href="/quotes">引语</a>' in html_of(client.get("/"))


# --- article page additions --------------------------------------------------

def test_article_related_keywords_topics_and_quotes(client):
    page = html_of(client.get("/article/rmrb-20190201-01-01"))
    related = re.search(r'<section class="related".*?</section>', page, re.S).group(0)
    assert related.count('href="/article/') == 5 and "rmrb-20190201-01-01\"" not in related
    record = client.get("/api/articles/rmrb-20190201-01-01").json
    for word in record["keywords"]:
        assert f'href="/?q=tag:{quote(word)}">{word}</a>' in page
    for topic in record["topics"]:
        assert f'href="/?topic={quote(topic)}">{topic}</a>' in page
    quotes = re.search(r'<section class="article-quotes".*?</section>', page, re.S).group(0)
    assert quotes.count('<li class="quote">') == 4 and "quote=" in quotes


def test_tag_and_topic_links_find_the_article(client):
    record = client.get("/api/articles/rmrb-20190201-01-01").json
    ids = [h["id"] for h in client.get("/api/search", query_string={
        "q": f"tag:{record['keywords'][0]}", "limit": 100}).json["hits"]]
    assert "rmrb-20190201-01-01" in ids
    r = client.get("/api/search", query_string={"topic": record["topics"][0], "limit": 1}).json
    assert r["total"] > 0


def test_topic_facet_renders_and_filters(client):
    page = html_of(client.get("/?q=经济"))
    assert '<h2 id="facet-topic">主题</h2>' in page
    m = re.search(r'<li data-facet="topic"><a href="([^"]+)">([^<]+)</a>\s*'
                  r'<span class="count">(\d+)</span>', page)
    filtered = html_of(client.get(m.group(1).replace("&amp;", "&")))
    assert total_of(filtered) == int(m.group(3)) and f"主题：{m.group(2)}" in filtered


@pytest.mark.parametrize("q", ["经济 " * 40 + "x" * 10_000, "TO" * 5_000, "${7*7} " * 100])
def test_long_queries_are_capped_and_links_stay_short(client, q):
    r = client.get("/", query_string={"q": q})
    page = html_of(r)
    assert r.status_code == 200 and "were searched" in page
    assert max(len(h) for h in re.findall(r'href="([^"]+)"', page)) < 5_000
    assert "were searched" in client.get("/api/search", query_string={"q": q}).json["notices"][0]


def test_a_misspelt_speaker_in_the_search_box_is_suggested(client):
    # 沈东 speaks in the sample edition; he is no reporter or place, and 沈冬
    # only finds a reporter called 沈冬兵.
    page = html_of(client.get("/?q=沈冬"))
    assert 'href="/quotes?speaker=%E6%B2%88%E4%B8%9C"' in page and "发言人" in page
    names = client.get("/api/names?q=沈冬").json
    assert {"name": "沈东", "kind": "speaker", "count": 14, "score": 95.0} in names
