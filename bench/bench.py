"""Benchmark Baoku beside the stock jieba ChineseAnalyzer + Whoosh setup on the same articles.

Reports articles/s and characters/s to index, index size, peak memory, and
p50/p95/p99 latency of a fixed query mix (words, phrases, filters, names,
date sort; facets on; 10 hits with snippets) run through the same
``Archive.search`` the web page uses. The baseline answers the same mix with
Whoosh's QueryParser and counts facets with ``groupedby``.

    python bench/bench.py ../shared/corpus/rmrb_dev.jsonl.gz ../shared/corpus/hk_dev.jsonl.gz --docs 3000
"""

from __future__ import annotations

import json
import os
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import click

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from search.indexer import index_articles  # noqa: E402
from search.searcher import Archive, SearchRequest  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from recall import load_articles, phrase_from  # noqa: E402


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def percentiles(times: list[float]) -> dict:
    ms = sorted(t * 1000 for t in times)
    pick = lambda p: ms[min(len(ms) - 1, int(p * len(ms)))]  # noqa: E731
    return {"n": len(ms), "p50_ms": round(pick(0.50), 1), "p95_ms": round(pick(0.95), 1),
            "p99_ms": round(pick(0.99), 1), "mean_ms": round(statistics.mean(ms), 1)}


def query_mix(articles, archive: Archive, n: int, seed: int) -> list[SearchRequest]:
    """A fixed, realistic mix: words, phrases, section and reporter filters, names, date sort."""
    rng = random.Random(seed)
    stats = archive.stats(top=30)
    sections = [v["value"] for v in stats["facets"]["section"]]
    reporters = [v["value"] for v in stats["facets"]["reporter"]]
    locations = [v["value"] for v in stats["facets"]["location"]]
    words = ["经济", "发展", "政府", "疫情", "香港", "记者", "社会", "教育", "文化", "警方",
             "议员", "学生", "医院", "法院", "选举", "春节", "脱贫", "改革", "美国", "市民"]
    mix = []
    for i in range(n):
        kind = i % 6
        a = rng.choice(articles)
        if kind == 0:
            mix.append(SearchRequest(q=rng.choice(words)))
        elif kind == 1:
            mix.append(SearchRequest(q=" ".join(rng.sample(words, 2))))
        elif kind == 2:
            p = phrase_from(a, rng)
            mix.append(SearchRequest(q=f'"{p}"' if p else rng.choice(words)))
        elif kind == 3:
            mix.append(SearchRequest(q=rng.choice(words),
                                     section=[rng.choice(sections)] if sections else []))
        elif kind == 4:
            mix.append(SearchRequest(q="", reporter=[rng.choice(reporters)] if reporters else [],
                                     sort="newest"))
        else:
            mix.append(SearchRequest(q=rng.choice(words), sort="newest",
                                     location=[rng.choice(locations)] if locations else []))
    return mix


def run_baoku(articles, mix_n: int, seed: int, procs: int) -> dict:
    tmp = Path(tempfile.mkdtemp(prefix="baoku-bench-"))
    chars = sum(len(a.text) for a in articles)
    started = time.perf_counter()
    report = index_articles(articles, tmp, procs=procs)
    build = time.perf_counter() - started
    out = {"docs": len(articles), "chars": chars, "build_seconds": round(build, 1),
           "docs_per_s": round(report.articles / build, 1), "chars_per_s": round(chars / build),
           "index_bytes": folder_size(tmp)}
    archive = Archive(tmp, match_cache=0)  # every query costs in full, as on first asking
    mix = query_mix(articles, archive, mix_n, seed)
    out["query"] = time_mix(archive, mix)
    out["query_postings_uncached"], out["facets"] = time_uncached(tmp, mix)
    out["mix"] = [vars(r) for r in mix[:6]]
    archive.close()
    shutil.rmtree(tmp, ignore_errors=True)
    return out, mix


def time_mix(archive: Archive, mix: list[SearchRequest]) -> dict:
    """Latency percentiles of the mix through Archive.search, after a warm-up."""
    for req in mix[:20]:  # warm the caches the server would have warm
        archive.search(req)
    times = []
    for req in mix:
        t = time.perf_counter()
        archive.search(req)
        times.append(time.perf_counter() - t)
    return percentiles(times)


def time_uncached(index_dir: Path, mix: list[SearchRequest]) -> tuple[dict, dict]:
    """The mix again, and the facet comparison, with no posting arrays kept: every
    term is read from the index each time, as Whoosh's ``groupedby`` search reads it."""
    with Archive(index_dir, match_cache=0, postings_cache=0) as archive:
        return time_mix(archive, mix), compare_facets(archive, mix)


def measure_index(index_dir: Path, articles, mix_n: int, seed: int) -> dict:
    """The query mix and the facet comparison on an index built already (the full corpus)."""
    archive = Archive(index_dir, match_cache=0)
    mix = query_mix(articles, archive, mix_n, seed)
    out = {"docs": archive.stats()["articles"], "index_bytes": folder_size(index_dir),
           "query": time_mix(archive, mix)}
    out["query_postings_uncached"], out["facets"] = time_uncached(index_dir, mix)
    archive.close()
    return out


def compare_facets(archive: Archive, mix: list[SearchRequest]) -> dict:
    """Facet counting on the same index and queries: our NumPy arrays against ``groupedby``."""
    from whoosh import sorting

    from search.query import build, parse

    facets = {name: sorting.FieldFacet(name, allow_overlap=name in ("reporter", "location"))
              for name in ("section", "reporter", "location", "year")}
    ours, theirs, ours_counting, theirs_counting = [], [], [], []
    searcher, cache = archive.current()
    for req in mix:
        try:
            q = build(parse(req.q), archive._filters(req), None, archive.userdict)
        except Exception:  # noqa: BLE001 - a query the mix cannot build is skipped in both
            continue
        t = time.perf_counter()  # matching included on both sides
        distinct = Archive._matches(searcher, cache, q)[1]  # as a search matches
        matched = time.perf_counter()
        for name in facets:
            cache.counts(name, distinct)
        done = time.perf_counter()
        ours.append(done - t)
        ours_counting.append(done - matched)
        t = time.perf_counter()
        searcher.search(q, limit=1, groupedby=facets)
        grouped = time.perf_counter() - t
        theirs.append(grouped)
        t = time.perf_counter()  # the same search without facets: what groupedby adds
        searcher.search(q, limit=1)
        theirs_counting.append(max(0.0, grouped - (time.perf_counter() - t)))
    a, b = percentiles(ours), percentiles(theirs)
    ac, bc = percentiles(ours_counting), percentiles(theirs_counting)
    return {"numpy": a, "groupedby": b,
            "speedup_p50": round(b["p50_ms"] / max(0.05, a["p50_ms"]), 1),
            "speedup_p95": round(b["p95_ms"] / max(0.05, a["p95_ms"]), 1),
            # counting alone: our arrays after matching; groupedby's time over the same
            # search without it
            "counting_only": {"numpy": ac, "groupedby": bc,
                              "speedup_p50": round(bc["p50_ms"] / max(0.05, ac["p50_ms"]), 1),
                              "speedup_p95": round(bc["p95_ms"] / max(0.05, ac["p95_ms"]), 1)}}


def run_stock(articles, mix) -> dict:
    """jieba.analyse.ChineseAnalyzer into Whoosh, QueryParser, groupedby facets."""
    import jieba
    from jieba.analyse import ChineseAnalyzer
    from whoosh import sorting
    from whoosh.fields import ID, KEYWORD, TEXT, Schema
    from whoosh.index import create_in
    from whoosh.qparser import QueryParser
    from whoosh.query import And, Every, Term

    tmp = Path(tempfile.mkdtemp(prefix="baoku-stock-"))
    jieba.dt.tmp_dir = str(tmp)
    jieba.setLogLevel(60)
    ana = ChineseAnalyzer()
    schema = Schema(id=ID(stored=True, unique=True), title=TEXT(analyzer=ana, stored=True),
                    body=TEXT(analyzer=ana, stored=True), date=ID(sortable=True),
                    section=ID(sortable=True), reporter=KEYWORD(commas=True),
                    location=KEYWORD(commas=True), year=ID(sortable=True))
    ix = create_in(str(tmp), schema)
    chars = sum(len(a.text) for a in articles)
    started = time.perf_counter()
    with ix.writer(limitmb=256, procs=2) as w:
        for a in articles:
            w.add_document(id=a.id, title=a.title, body=a.text, date=a.date or "",
                           section=a.section or "", reporter=",".join(a.reporters),
                           location=",".join(a.locations), year=(a.date or "")[:4])
    build = time.perf_counter() - started
    out = {"docs": len(articles), "build_seconds": round(build, 1),
           "docs_per_s": round(len(articles) / build, 1), "chars_per_s": round(chars / build),
           "index_bytes": folder_size(tmp)}
    parser = QueryParser("body", schema)
    facets = {name: sorting.FieldFacet(name, allow_overlap=name in ("reporter", "location"))
              for name in ("section", "reporter", "location", "year")}
    times, facet_times = [], []
    with ix.searcher() as s:
        for req in mix:
            t = time.perf_counter()
            parts = [parser.parse(req.q)] if req.q else [Every()]
            for name in ("section", "reporter", "location"):
                parts += [Term(name, v) for v in getattr(req, name)]
            q = And(parts) if len(parts) > 1 else parts[0]
            kw = {"sortedby": "date", "reverse": True} if req.sort == "newest" else {}
            t_f = time.perf_counter()
            hits = s.search(q, limit=10, groupedby=facets, **kw)
            for h in hits:
                h.highlights("body")
            facet_times.append(time.perf_counter() - t_f)
            times.append(time.perf_counter() - t)
    out["query"] = percentiles(times)
    shutil.rmtree(tmp, ignore_errors=True)
    return out


@click.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--docs", default=3000, show_default=True, help="Articles to index (0: all).")
@click.option("--queries", default=300, show_default=True)
@click.option("--seed", default=11, show_default=True)
@click.option("--procs", default=2, show_default=True)
@click.option("--baseline/--no-baseline", default=True)
@click.option("--index", "index_dir", type=click.Path(path_type=Path),
              help="Measure the query mix on this existing index of SOURCES instead of building.")
@click.option("--json-out", type=click.Path(path_type=Path))
def main(sources, docs, queries, seed, procs, baseline, index_dir, json_out) -> None:
    """Index SOURCES (a sample of --docs articles) with Baoku and the stock setup; compare."""
    articles = load_articles(list(sources))
    if index_dir:
        text = json.dumps(measure_index(index_dir, articles, queries, seed), indent=2)
        print(text)
        if json_out:
            json_out.write_text(text)
        return
    if docs and docs < len(articles):
        articles = random.Random(seed).sample(articles, docs)
    result = {"machine": {"cpus": os.cpu_count()}}
    result["baoku"], mix = run_baoku(articles, queries, seed, procs)
    if baseline:
        result["stock"] = run_stock(articles, mix)
        b, s = result["baoku"], result["stock"]
        result["ratios"] = {
            "index_chars_per_s": round(b["chars_per_s"] / s["chars_per_s"], 2),
            "query_p50": round(s["query"]["p50_ms"] / max(0.1, b["query"]["p50_ms"]), 2),
            "query_p95": round(s["query"]["p95_ms"] / max(0.1, b["query"]["p95_ms"]), 2),
        }
    usage = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result["peak_rss_mb"] = {"main": round(usage / 1024), "children": round(children / 1024)}
    text = json.dumps(result, ensure_ascii=False, indent=2)
    print(text)
    if json_out:
        json_out.write_text(text)


if __name__ == "__main__":
    main()
