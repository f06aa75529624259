"""The search page in Debian's Chromium: active search, facets, history, names, trend, quotes, no-JS."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import served

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).parent / "screenshots"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def _require_browser():
    """Skip without Chromium or Playwright, except under CI=true, where that is a failure."""
    problem = None
    if not CHROMIUM.exists():
        problem = f"{CHROMIUM} is missing (apt-get install chromium)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            problem = "playwright is not installed (pip install playwright==1.65.2)"
    if problem:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{problem}; CI=true requires browser tests")
        pytest.skip(problem)


@pytest.fixture(scope="module")
def server(web_app):
    """The app under waitress on a free loopback port, for the module's tests."""
    with served(web_app) as port:
        yield f"http://127.0.0.1:{port}"


@pytest.fixture(scope="module")
def browser():
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser, server):
    context = browser.new_context(base_url=server, locale="zh-CN")
    pg = context.new_page()
    pg.problems = []  # CSP violations and script errors show up as console errors
    pg.on("console", lambda m: m.type == "error" and pg.problems.append(m.text))
    pg.on("pageerror", lambda e: pg.problems.append(str(e)))
    yield pg
    context.close()


# null-safe: #total is briefly absent while htmx swaps or restores the page
def wait_for_htmx(page, seconds: float = 10.0) -> None:
    """Wait until htmx has loaded, polling from Python.

    page.wait_for_function may evaluate its predicate with eval inside the
    page, which the site's Content-Security-Policy refuses.
    """
    import time

    deadline = time.monotonic() + seconds
    while not page.evaluate("typeof window.htmx !== 'undefined'"):
        assert time.monotonic() < deadline, "htmx did not load"
        page.wait_for_timeout(50)


def type_query(page, text: str) -> None:
    with page.expect_response(lambda r: "/?q=" in r.url and r.request.headers.get("hx-request")):
        page.fill("#q", text)


def total(page) -> int:
    return int(page.inner_text("#total"))


def test_typing_updates_results_without_a_page_load(page):
    page.goto("/")
    wait_for_htmx(page)
    page.evaluate("window.__marker = 'kept'")
    type_query(page, "经济")
    page.wait_for_selector("#total")
    assert total(page) > 0
    assert page.evaluate("window.__marker") == "kept"
    assert page.url.endswith("/?q=%E7%BB%8F%E6%B5%8E")  # empty date fields left out
    assert page.problems == []
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "search.png"), full_page=True)


def test_facet_click_filters_to_its_count(page):
    page.goto("/")
    wait_for_htmx(page)
    page.evaluate("window.__marker = 'kept'")
    type_query(page, "经济")
    facet = page.locator("li[data-facet=reporter]").first
    name = facet.locator("a").inner_text()
    expected = int(facet.locator(".count").inner_text())
    facet.locator("a").click()
    page.wait_for_selector(".chips")
    assert total(page) == expected
    assert "reporter=" in page.url and page.evaluate("window.__marker") == "kept"
    assert name in page.inner_text(".chips")
    # the filter is kept when the words change
    type_query(page, "经济 发展")
    assert name in page.inner_text(".chips")


def test_back_button_restores_previous_results(page):
    from playwright.sync_api import expect

    page.goto("/")
    wait_for_htmx(page)
    type_query(page, "经济")
    first = total(page)
    type_query(page, "卡塔尔")
    # Playwright's expect polls from Python: a wait_for_function predicate can
    # be evaluated with eval in the page, which our CSP (rightly) refuses
    expect(page.locator("#total")).not_to_have_text(str(first))
    assert total(page) != first
    page.go_back()
    expect(page.locator("#total")).to_have_text(str(first))
    assert page.input_value("#q") == "经济"
    assert "q=%E7%BB%8F%E6%B5%8E" in page.url


def test_misspelled_reporter_gets_the_right_suggestion(page):
    page.goto("/")
    wait_for_htmx(page)
    page.fill("#q", "薛慕嵘")
    hint = page.wait_for_selector("#name-hints a")
    assert hint.inner_text() == "薛暮嵘"
    hint.click()
    page.wait_for_selector("#total")
    assert total(page) == 1 and "reporter=" in page.url


def test_article_page_and_citation(page):
    page.goto("/article/rmrb-20190201-01-01?q=卡塔尔")
    assert page.locator("mark").count() > 0
    assert "[N]. 人民日报, 2019-02-01(01)." in page.input_value("#cite")
    assert page.is_visible("button.copy")
    assert page.problems == []
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "article.png"), full_page=True)


def test_phone_width_and_keyboard(browser, server):
    context = browser.new_context(base_url=server, viewport={"width": 375, "height": 740})
    pg = context.new_page()
    pg.goto("/?q=经济&year=2019")
    assert pg.evaluate("document.documentElement.scrollWidth") <= 375
    pg.keyboard.press("Tab")  # the skip link comes first
    assert pg.evaluate("document.activeElement.className") == "skip"
    SCREENSHOTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(SCREENSHOTS / "search-phone.png"), full_page=True)
    context.close()


def test_works_without_javascript(browser, server):
    context = browser.new_context(base_url=server, java_script_enabled=False)
    pg = context.new_page()
    pg.goto("/")
    pg.fill("#q", "卡塔尔")
    with pg.expect_navigation():
        pg.press("#q", "Enter")
    assert "q=%E5%8D%A1%E5%A1%94%E5%B0%94" in pg.url and total(pg) > 0
    with pg.expect_navigation():
        pg.locator("li[data-facet=year] a").first.click()
    assert "year=" in pg.url and pg.is_visible(".chips")
    context.close()


def test_trend_chart_draws_and_links(page):
    page.goto("/?q=疫情")
    bar = page.locator("svg.bars rect.bar").first
    box = bar.bounding_box()
    # sized by SVG presentation attributes, which the CSP (no inline style) allows
    assert box and box["height"] > 50 and box["width"] > 10
    assert page.eval_on_selector("svg.bars rect.bar", "e => getComputedStyle(e).fill") != "none"
    assert page.problems == []  # a CSP violation would be reported here
    SCREENSHOTS.mkdir(exist_ok=True)
    page.locator("figure.trend").scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "trend.png"), full_page=False)
    with page.expect_navigation():
        page.locator("svg.bars a").first.click()
    assert "from=2019-02" in page.url and "to=2019-02" in page.url
    assert page.input_value("#from") == "2019-02" and total(page) > 0


def test_quotes_active_search_and_speaker_facet(page):
    page.goto("/quotes")
    wait_for_htmx(page)
    page.evaluate("window.__marker = 'kept'")
    with page.expect_response(lambda r: "/quotes?" in r.url and r.request.headers.get("hx-request")):
        page.fill("#q", "国企")
    page.wait_for_selector(".quote mark")
    page.locator("li[data-facet=speaker] a", has_text="沈东").click()
    page.wait_for_selector(".chips")
    assert "speaker=" in page.url and page.evaluate("window.__marker") == "kept"
    assert page.input_value("#speaker") == "沈东" and total(page) == 7
    assert page.locator(".quote mark").count() > 0 and page.problems == []
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "quotes.png"), full_page=True)
    # the quote's link opens its article with the quote marked and in view
    page.locator(".quote .meta a[href*='quote=']").first.click()
    page.wait_for_selector("#quote mark.quote")
    assert page.url.endswith("#quote")


def test_quotes_and_article_extras_at_phone_width(browser, server):
    context = browser.new_context(base_url=server, viewport={"width": 375, "height": 740})
    pg = context.new_page()
    for url in ("/quotes?speaker=沈冬", "/article/rmrb-20190201-01-01", "/?q=疫情"):
        pg.goto(url)
        assert pg.evaluate("document.documentElement.scrollWidth") <= 375, url
    SCREENSHOTS.mkdir(exist_ok=True)
    pg.goto("/quotes?speaker=沈冬")
    pg.screenshot(path=str(SCREENSHOTS / "quotes-phone.png"), full_page=True)
    context.close()


def test_quotes_work_without_javascript(browser, server):
    context = browser.new_context(base_url=server, java_script_enabled=False)
    pg = context.new_page()
    pg.goto("/quotes")
    pg.fill("#speaker", "沈冬")
    with pg.expect_navigation():
        pg.press("#speaker", "Enter")
    assert "speaker=" in pg.url and pg.is_visible(".didyoumean") and total(pg) > 0
    with pg.expect_navigation():
        pg.locator(".didyoumean a").first.click()
    assert pg.input_value("#speaker") == "沈东"
    pg.fill("#q", "国企")
    with pg.expect_navigation():
        pg.press("#q", "Enter")
    assert "speaker=" in pg.url and total(pg) == 7
    context.close()
