"""Screenshots of a running Baoku server in Debian's Chromium, for notes and reviews.

    python scripts/screenshots.py [URL] [--out screenshots/] [--query 疫情]

Saves the results page for the query (trend chart, facets, highlighted hits),
its first article, and the quotes page, each at desktop and phone widths.
Loopback servers only.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from urllib.parse import urlencode, urlsplit

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
SIZES = {"": {"width": 1280, "height": 900}, "-phone": {"width": 390, "height": 844}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", nargs="?", default="http://127.0.0.1:8000")
    parser.add_argument("--out", type=Path, default=Path("screenshots"))
    parser.add_argument("--query", default="疫情")
    opts = parser.parse_args()
    base = opts.url.rstrip("/")
    if urlsplit(base).hostname not in {"127.0.0.1", "localhost", "::1"}:
        parser.error("only loopback servers may be photographed")
    opts.out.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for suffix, size in SIZES.items():
            page = browser.new_context(viewport=size, locale="zh-CN").new_page()
            page.goto(f"{base}/?{urlencode({'q': opts.query})}", timeout=60_000)
            page.screenshot(path=str(opts.out / f"search{suffix}.png"), full_page=True)
            first = page.locator("ol.hitlist h3 a").first
            if first.count():
                page.goto(base + first.get_attribute("href"), timeout=60_000)
                page.screenshot(path=str(opts.out / f"article{suffix}.png"), full_page=True)
            page.goto(f"{base}/quotes?{urlencode({'q': opts.query})}", timeout=60_000)
            page.screenshot(path=str(opts.out / f"quotes{suffix}.png"), full_page=True)
        browser.close()
    for path in sorted(opts.out.glob("*.png")):
        print(path)


if __name__ == "__main__":
    main()
