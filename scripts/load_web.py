"""Load a running Baoku server: N clients for T seconds on /api/search and the htmx partial.

Usage: python scripts/load_web.py [URL] [--clients 20] [--seconds 60] [--distinct 2000] [--zipf 1.0]

Loopback servers only. The query mix (words, phrases, facet filters, names,
date sorts) is built from the index's own titles and facet values, fetched
from the server first. Clients draw from ``--distinct`` queries with Zipf
weights (rank r drawn in proportion to 1/r**s), the shape of real search
logs, where a few queries are common and most are rare; ``--zipf 0`` draws
uniformly. Prints p50/p95/p99 latency and error counts per endpoint, and the
share of each endpoint's requests that repeated one it had sent before (an
upper bound on what a per-process result cache can serve).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import threading
import time
from collections import defaultdict
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode, urlsplit
from urllib.request import Request, urlopen

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
TIMEOUT = 15.0
MAX_REQUESTS_PER_CLIENT = 100_000  # a bound on each loop besides the clock


def fetch_json(base: str, path: str, **params) -> dict | list:
    with urlopen(f"{base}{path}?{urlencode(params, doseq=True)}", timeout=TIMEOUT) as r:
        return json.load(r)


def build_mix(base: str, rng: random.Random, distinct: int = 400) -> list[dict]:
    """Realistic query arguments from the index's facet values and titles."""
    overview = fetch_json(base, "/api/search", q="", limit=100, sort="newest")
    facets = overview["facets"]
    titles = [h["title"] for h in overview["hits"] if h["title"]]
    for sort, page in (("oldest", 1), ("newest", 50), ("oldest", 50), ("newest", 150)):
        more = fetch_json(base, "/api/search", q="", limit=100, sort=sort, page=page)
        titles += [h["title"] for h in more["hits"] if h["title"]]
    words, phrases = [], []
    for title in titles:
        chars = [c for c in title if "\u4e00" <= c <= "\u9fff"]
        if len(chars) >= 4:
            i = rng.randrange(0, len(chars) - 1)
            words.append("".join(chars[i:i + 2]))
            j = rng.randrange(0, max(1, len(chars) - 4))
            phrases.append("“" + "".join(chars[j:j + 4]) + "”")
    words = words or ["经济", "发展"]
    phrases = phrases or ["“高质量发展”"]
    values = {k: [v["value"] for v in facets.get(k, [])] for k in ("section", "reporter",
                                                                 "location", "year")}
    mix, seen = [], set()
    for _ in range(distinct * 20):  # a small index may not offer that many distinct queries
        if len(mix) >= distinct:
            break
        roll = rng.random()
        w = rng.choice(words)
        if roll < 0.30:
            args = {"q": w if rng.random() < 0.6 else f"{w} {rng.choice(words)}"}
        elif roll < 0.45:
            args = {"q": rng.choice(phrases)}
        elif roll < 0.65 and any(values.values()):
            name = rng.choice([k for k in ("section", "location", "year") if values[k]]
                              or ["reporter"])
            args = {"q": w, name: rng.choice(values[name])}
        elif roll < 0.80 and values["reporter"]:
            args = {"reporter": rng.choice(values["reporter"])}
        else:
            args = {"q": w, "sort": rng.choice(["newest", "oldest"])}
        if rng.random() < 0.1:
            args["page"] = rng.randint(2, 5)
        key = tuple(sorted(args.items()))
        if key not in seen:
            seen.add(key)
            mix.append(args)
    if len(mix) < distinct:
        print(f"note: only {len(mix)} distinct queries could be made from this index",
              file=sys.stderr)
    return mix


def client(base: str, mix: list[dict], weights: list[float], deadline: float, seed: int, stats,
           lock, asked: set) -> None:
    rng = random.Random(seed)
    for _ in range(MAX_REQUESTS_PER_CLIENT):
        if time.monotonic() >= deadline:
            return
        args = rng.choices(mix, cum_weights=weights)[0]
        if rng.random() < 0.5:
            endpoint, url, headers = "/api/search", f"{base}/api/search?{urlencode(args)}", {}
        else:
            endpoint, url = "partial /", f"{base}/?{urlencode(args)}"
            headers = {"HX-Request": "true", "HX-Current-URL": base + "/"}
        started = time.perf_counter()
        error = None
        try:
            with urlopen(Request(url, headers=headers), timeout=TIMEOUT) as r:
                body = r.read()
            if endpoint == "partial /" and body.lstrip().startswith(b"<!doctype"):
                error = "full page instead of fragment"
        except HTTPError as exc:
            error = f"HTTP {exc.code}"
        except (URLError, OSError) as exc:
            error = type(exc).__name__
        elapsed = (time.perf_counter() - started) * 1000
        key = (endpoint == "/api/search", tuple(sorted(args.items())))
        with lock:
            stats[endpoint]["repeats"] += key in asked
            asked.add(key)
            stats[endpoint]["ms"].append(elapsed)
            if error:
                stats[endpoint]["errors"][error] += 1


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", nargs="?", default="http://127.0.0.1:8000")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--distinct", type=int, default=2000, help="Distinct queries in the mix.")
    parser.add_argument("--zipf", type=float, default=1.0, help="Zipf exponent; 0 draws uniformly.")
    opts = parser.parse_args(argv)
    base = opts.url.rstrip("/")
    if urlsplit(base).hostname not in LOOPBACK:
        parser.error("only loopback servers (127.0.0.1, localhost, ::1) may be loaded")
    rng = random.Random(opts.seed)
    mix = build_mix(base, rng, opts.distinct)
    weights, total = [], 0.0
    for rank in range(1, len(mix) + 1):
        total += rank ** -opts.zipf
        weights.append(total)
    stats = defaultdict(lambda: {"ms": [], "errors": defaultdict(int), "repeats": 0})
    lock, asked = threading.Lock(), set()
    deadline = time.monotonic() + opts.seconds
    threads = [threading.Thread(target=client, args=(base, mix, weights, deadline, opts.seed + i,
                                                     stats, lock, asked))
               for i in range(max(1, opts.clients))]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=opts.seconds + TIMEOUT + 5)
    wall = time.monotonic() - started
    print(f"{opts.clients} clients, {wall:.1f} s, {len(mix)} distinct queries (Zipf s={opts.zipf}), "
          f"against {base}")
    print(f"{'endpoint':<14}{'requests':>9}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"
          f"{'repeats':>9}  errors")
    failed = 0
    for endpoint, s in sorted(stats.items()):
        ms, errors = s["ms"], dict(s["errors"])
        failed += sum(errors.values())
        print(f"{endpoint:<14}{len(ms):>9}{len(ms) / wall:>8.1f}{percentile(ms, 50):>9.1f}"
              f"{percentile(ms, 95):>9.1f}{percentile(ms, 99):>9.1f}"
              f"{s['repeats'] / max(1, len(ms)):>9.0%}  {errors or 0}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
