"""Scale test: an archive of N articles made from the real corpus, indexed and queried.

    python bench/scale.py ../shared/corpus/*.jsonl.gz --articles 1000000 --index /tmp/million

Copy k of each corpus article is moved back 4*k years (a city daily's long
history), renumbered (``id~k``) and marked with one line so that it is not
folded away as a reprint of the original. The archive is indexed in batches
with the same ``index_articles`` as ``baoku index``; then a separate process,
as a server would be, opens it and runs the benchmark's query mix (words,
phrases, filters, names, date sorts; facets; 10 highlighted hits) with no
caches. Reports build time, articles/s, index size, query p50/p95/p99 and
the memory of the querying process (its own, and the index pages it maps). ``--measure-only`` skips the build;
``--start N`` resumes a build stopped after N articles (build figures then cover the rest).
"""

from __future__ import annotations

import dataclasses
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import click

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "scripts"))


def copies(articles, n: int):
    """N articles: the corpus, then re-dated, renumbered copies of it."""
    if not articles:
        raise click.ClickException("no articles in the sources")
    made = 0
    k = 0
    while made < n:
        for a in articles:
            if made >= n:
                return
            if k == 0:
                yield a
            else:
                date = a.date
                if date and date[:4].isdigit():
                    date = f"{int(date[:4]) - 4 * k:04d}{date[4:]}"  # 29 Feb stays a date
                yield dataclasses.replace(a, id=f"{a.id}~{k}", date=date,
                                          text=a.text + f"\n（档案副本{k}）")
            made += 1
        k += 1


def memory_now() -> dict:
    """This process's memory (Linux): RSS counts the index pages it has mapped, which the
    page cache shares with every other reader; anonymous memory is its own."""
    try:
        lines = Path("/proc/self/smaps_rollup").read_text().splitlines()
    except OSError:
        return {}
    kb = {line.split(":")[0]: int(line.split()[1]) for line in lines[1:] if line.split()[1].isdigit()}
    return {"rss_mb": round(kb.get("Rss", 0) / 1024), "anonymous_mb": round(kb.get("Anonymous", 0) / 1024),
            "mapped_file_mb": round((kb.get("Rss", 0) - kb.get("Anonymous", 0)) / 1024)}


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


@click.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--articles", "total", default=1_000_000, show_default=True)
@click.option("--index", "index_dir", type=click.Path(path_type=Path), required=True)
@click.option("--batch", default=50_000, show_default=True, help="Articles per index_articles call.")
@click.option("--procs", default=2, show_default=True)
@click.option("--queries", default=300, show_default=True)
@click.option("--seed", default=11, show_default=True)
@click.option("--measure-only", is_flag=True, help="Query an archive built before.")
@click.option("--start", default=0, show_default=True,
              help="Articles an interrupted run already indexed: they are not made again.")
@click.option("--mix-file", type=click.Path(path_type=Path), hidden=True)
def main(sources, total, index_dir, batch, procs, queries, seed, measure_only, start, mix_file) -> None:
    if mix_file:  # the child: open the archive as a server would and time the mix
        from bench import time_mix
        from search.searcher import Archive, SearchRequest

        mix = [SearchRequest(**r) for r in json.loads(mix_file.read_text("utf-8"))]
        started = time.perf_counter()
        archive = Archive(index_dir, match_cache=0)
        archive.search(SearchRequest(q="经济"))
        opened = time.perf_counter() - started
        out = {"open_and_first_query_s": round(opened, 1), "query": time_mix(archive, mix),
               "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
               **memory_now()}
        print(json.dumps(out))
        return

    from bench import query_mix
    from recall import load_articles
    from search.indexer import index_articles
    from search.searcher import Archive

    articles = load_articles(list(sources))
    result = {"articles": total, "corpus_articles": len(articles)}
    if not measure_only:
        started, done, chars, batch_items = time.perf_counter(), 0, 0, []
        for n, a in enumerate(copies(articles, total)):
            if n < start:
                continue
            batch_items.append(a)
            if len(batch_items) >= batch:
                index_articles(batch_items, index_dir, procs=procs)
                done += len(batch_items)
                chars += sum(len(x.text) for x in batch_items)
                batch_items = []
                elapsed = time.perf_counter() - started
                print(f"{start + done:,} articles, {elapsed:,.0f} s, {done / elapsed:.0f} articles/s",
                      file=sys.stderr, flush=True)
        if batch_items:
            index_articles(batch_items, index_dir, procs=procs)
            done += len(batch_items)
            chars += sum(len(x.text) for x in batch_items)
        build = time.perf_counter() - started
        result.update(resumed_at=start, build_seconds=round(build), articles_per_s=round(done / build, 1),
                      chars_per_s=round(chars / build))
    result["index_gb"] = round(folder_size(index_dir) / 1e9, 2)
    from search.indexer import open_index
    from search.quotebook import open_or_create

    result["segments"] = {"articles": len(open_index(index_dir)._segments()),
                          "quotes": len(open_or_create(index_dir, None)._segments())}
    with Archive(index_dir, match_cache=0) as archive:
        mix = query_mix(articles, archive, queries, seed)
    mix_path = index_dir.parent / f"{index_dir.name}-mix.json"
    mix_path.write_text(json.dumps([dataclasses.asdict(r) for r in mix], ensure_ascii=False))
    child = subprocess.run([sys.executable, __file__, *sources, "--index", str(index_dir),
                            "--mix-file", str(mix_path)], capture_output=True, text=True, check=True)
    result["serving"] = json.loads(child.stdout.strip().splitlines()[-1])
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
