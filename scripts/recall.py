"""Known-item recall of an index, with jieba's stock ChineseAnalyzer as a baseline.

Builds queries from the indexed articles themselves and checks that the
article comes back:
  phrase   a quoted run of 8-16 characters cut from a body       recall@10
  tfidf    the body's top five words by TF-IDF                    recall@10
  title    the headline typed as is (titles used once only)       recall@5
  script   a quoted phrase in the other script (简 <-> 繁)         recall@10
An article counts as found when it, or a copy with the same body (转版,
revision copies), is among the hits.

    python scripts/recall.py --index /tmp/full ../shared/corpus/*.jsonl.gz
    python scripts/recall.py --index /tmp/full --baseline-docs 3000 ../shared/corpus/*.jsonl.gz
"""

from __future__ import annotations

import json
import math
import random
import re
import shutil
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

import click
import opencc

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from search.analysis import WORD_CHARS, query_words, squeeze  # noqa: E402
from search.indexer import body_hash, is_placeholder  # noqa: E402
from search.ingest import discover, read_file  # noqa: E402
from search.records import Article, Failure  # noqa: E402
from search.searcher import Archive, SearchRequest  # noqa: E402

_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{8,}")


def load_articles(sources: list[str]) -> list[Article]:
    files, failures = discover(sources)
    articles = []
    for path in files:
        for item in read_file(path):
            if isinstance(item, Failure):
                failures.append(item)
            elif not is_placeholder(item):
                articles.append(item)
    for f in failures:
        print(f"failed: {f}", file=sys.stderr)
    return articles


def phrase_from(article: Article, rng: random.Random) -> str | None:
    """A run of 8-16 characters of the body, cut at a random place inside a sentence."""
    runs = [m.group(0) for m in _CJK_RUN.finditer(article.text)]
    if not runs:
        return None
    run = rng.choice(runs)
    size = rng.randint(8, min(16, len(run)))
    start = rng.randint(0, len(run) - size)
    return run[start:start + size]


def make_queries(articles: list[Article], n: int, seed: int) -> dict[str, list[tuple[str, str]]]:
    rng = random.Random(seed)
    t2s, s2t = opencc.OpenCC("t2s"), opencc.OpenCC("s2t")
    with_body = [a for a in articles if len(squeeze(a.text)) >= 200]
    sample = rng.sample(with_body, min(n, len(with_body)))
    queries: dict[str, list[tuple[str, str]]] = defaultdict(list)
    # A phrase found in more bodies than the cut-off is not a known-item query.
    bodies = "\x00".join({body_hash(a): squeeze(a.text) for a in articles}.values())
    for a in sample:
        p = phrase_from(a, rng)
        if p and bodies.count(squeeze(p)) <= CUTOFF["phrase"]:
            queries["phrase"].append((f'"{p}"', a.id))
            other = s2t.convert(p) if t2s.convert(p) == p else t2s.convert(p)
            queries["script"].append((f'"{other}"', a.id))

    # TF-IDF over the sample's own document frequencies
    df: Counter[str] = Counter()
    tfs = {}
    for a in sample:
        words = [w for w in query_words(a.text) if len(w) >= 2 and WORD_CHARS.match(w)]
        tfs[a.id] = Counter(words)
        df.update(set(words))
    for a in sample:
        tf = tfs[a.id]
        top = sorted(tf, key=lambda w: -tf[w] * math.log(len(sample) / df[w]))[:5]
        if len(top) == 5:
            queries["tfidf"].append((" ".join(top), a.id))

    titles = Counter(squeeze(a.title) for a in articles)
    unique = [a for a in articles if len(squeeze(a.title)) >= 4 and titles[squeeze(a.title)] == 1]
    for a in rng.sample(unique, min(n, len(unique))):
        queries["title"].append((a.title, a.id))
    return queries


CUTOFF = {"phrase": 10, "tfidf": 10, "title": 5, "script": 10}


def run_baoku(index_dir: Path, queries, groups: dict[str, set[str]]):
    archive = Archive(index_dir)
    out = {}
    for kind, qs in queries.items():
        found, misses, times = 0, [], []
        for q, target in qs:
            t = time.perf_counter()
            r = archive.search(SearchRequest(q=q, limit=CUTOFF[kind]))
            times.append(time.perf_counter() - t)
            if {h.id for h in r.hits} & groups[target]:
                found += 1
            else:
                misses.append(q)
        out[kind] = {"queries": len(qs), "recall": found / max(1, len(qs)),
                     "p50_ms": 1000 * sorted(times)[len(times) // 2] if times else 0,
                     "misses": misses[:10]}
    archive.close()
    return out


def run_stock(articles: list[Article], queries, groups) -> dict:
    """jieba.analyse.ChineseAnalyzer + Whoosh's QueryParser, the stock setup."""
    import jieba
    from jieba.analyse import ChineseAnalyzer
    from whoosh.fields import ID, TEXT, Schema
    from whoosh.filedb.filestore import FileStorage
    from whoosh.qparser import QueryParser

    tmp = Path(tempfile.mkdtemp(prefix="baoku-stock-"))
    jieba.dt.tmp_dir = str(tmp)
    jieba.setLogLevel(60)
    schema = Schema(id=ID(stored=True, unique=True), title=TEXT(analyzer=ChineseAnalyzer()),
                    body=TEXT(analyzer=ChineseAnalyzer()))
    ix = FileStorage(str(tmp / "ix")).create().create_index(schema)
    started = time.perf_counter()
    with ix.writer(limitmb=256) as w:
        for a in articles:
            w.add_document(id=a.id, title=a.title, body=a.text)
    build = time.perf_counter() - started
    parser = QueryParser("body", schema)
    out = {"build_seconds": build, "docs": len(articles)}
    with ix.searcher() as s:
        for kind, qs in queries.items():
            found = 0
            for q, target in qs:
                hits = s.search(parser.parse(q), limit=CUTOFF[kind])
                if {h["id"] for h in hits} & groups[target]:
                    found += 1
            out[kind] = {"queries": len(qs), "recall": found / max(1, len(qs))}
    shutil.rmtree(tmp, ignore_errors=True)
    return out


def reprint_groups(articles: list[Article]) -> dict[str, set[str]]:
    by_body: dict[str, set[str]] = defaultdict(set)
    for a in articles:
        by_body[body_hash(a)].add(a.id)
    return {a.id: by_body[body_hash(a)] for a in articles}


@click.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--index", "index_dir", type=click.Path(path_type=Path), required=True,
              help="An index built from SOURCES.")
@click.option("--n", default=500, show_default=True, help="Queries of each kind.")
@click.option("--seed", default=7, show_default=True)
@click.option("--baseline-docs", default=0, show_default=True,
              help="Also index this many articles with the stock analyzer, and a Baoku index "
                   "of the same articles, and compare them on queries from those articles.")
@click.option("--json-out", type=click.Path(path_type=Path))
def main(sources, index_dir, n, seed, baseline_docs, json_out) -> None:
    """Report known-item recall of the index in --index built from SOURCES."""
    articles = load_articles(list(sources))
    groups = reprint_groups(articles)
    report = {"articles": len(articles)}
    queries = make_queries(articles, n, seed)
    report["baoku"] = run_baoku(index_dir, queries, groups)
    if baseline_docs:
        from search.indexer import index_articles

        subset = random.Random(seed).sample(articles, min(baseline_docs, len(articles)))
        sub_queries = make_queries(subset, n, seed)
        sub_groups = reprint_groups(subset)
        tmp = Path(tempfile.mkdtemp(prefix="baoku-sub-"))
        started = time.perf_counter()
        index_articles(subset, tmp, procs=1)
        report["subset"] = {
            "docs": len(subset),
            "baoku_build_seconds": time.perf_counter() - started,
            "baoku": run_baoku(tmp, sub_queries, sub_groups),
            "stock": run_stock(subset, sub_queries, sub_groups),
        }
        shutil.rmtree(tmp, ignore_errors=True)
    text = json.dumps(report, ensure_ascii=False, indent=2)
    print(text)
    if json_out:
        json_out.write_text(text)


if __name__ == "__main__":
    main()
