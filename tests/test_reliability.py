"""Never lose the archive: kill -9 mid-indexing, two indexers at once, readers during a commit."""

import gzip
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from itertools import islice
from pathlib import Path

import pytest
from click.testing import CliRunner

from search.cli import main
from search.indexer import open_index
from search.searcher import Archive, SearchRequest

BATCH = 40
ARTICLES = 200


@pytest.fixture(scope="module")
def slice_file(corpus_dir, tmp_path_factory) -> Path:
    """200 人民日报 records with a body, as a JSON Lines source outside the repo."""
    path = tmp_path_factory.mktemp("slice") / "rmrb-slice.jsonl"
    with gzip.open(corpus_dir / "rmrb_dev.jsonl.gz", "rt", encoding="utf-8") as f:
        rows = [line for line in islice(f, 2000, 2400) if json.loads(line)["text"].strip()]
    path.write_text("".join(rows[:ARTICLES]), encoding="utf-8")
    return path


def baoku(*args) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "search.cli", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            cwd=Path(__file__).resolve().parents[1])


def doc_count(index_dir: Path) -> int:
    ix = open_index(index_dir)
    with ix.searcher() as s:
        return s.doc_count()


def test_kill_9_never_corrupts_and_a_rerun_completes(slice_file, tmp_path):
    """20 kills at random moments; each leaves exactly a committed batch, and re-runs finish."""
    index_dir = tmp_path / "ix"
    rng = random.Random(20)
    committed = {0} | {n for n in range(BATCH, ARTICLES + 1, BATCH)}
    job = ("index", str(slice_file), "--index", str(index_dir), "--procs", "1",
           "--commit-every", str(BATCH), "--no-progress")
    # One whole run, and one with nothing left to do, timed: the kills land while the
    # job works on this machine. A re-run after a kill indexes only what is left.
    timed = []
    for _ in range(2):
        started = time.monotonic()
        run = baoku(*job)
        run.communicate(timeout=300)
        assert run.returncode == 0
        timed.append(time.monotonic() - started)
    whole, idle = timed
    shutil.rmtree(index_dir)
    kills = 0
    for attempt in range(20):
        left = ARTICLES
        if (index_dir / "baoku.json").exists():
            left -= doc_count(index_dir)
            if not left:
                shutil.rmtree(index_dir)  # the job is done: start it again, to kill it again
                left = ARTICLES
        proc = baoku(*job)
        time.sleep(idle + rng.uniform(0.3, 0.95) * max(whole - idle, 0.5) * left / ARTICLES)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            kills += 1
        proc.communicate()
        if not (index_dir / "baoku.json").exists():
            continue  # killed before the index was created
        count = doc_count(index_dir)
        assert count in committed, f"attempt {attempt}: {count} documents"
        with Archive(index_dir) as archive:  # opens and searches after every kill
            assert archive.search(SearchRequest(q="中国")).error is None
    assert kills >= 12, f"only {kills} of 20 kills landed while indexing"
    done = baoku("index", str(slice_file), "--index", str(index_dir), "--procs", "1",
                 "--no-progress")
    out, err = done.communicate(timeout=300)
    assert done.returncode == 0, err.decode()
    assert doc_count(index_dir) == ARTICLES


def test_second_indexer_is_told_and_changes_nothing(slice_file, tmp_path):
    index_dir = tmp_path / "ix"
    runner = CliRunner()
    assert runner.invoke(main, ["index", str(slice_file), "--index", str(index_dir),
                                "--procs", "1"]).exit_code == 0
    before = doc_count(index_dir)
    writer = open_index(index_dir).writer()  # another indexer holds the lock
    try:
        result = runner.invoke(main, ["index", "seeds/", "--index", str(index_dir)])
    finally:
        writer.cancel()
    assert result.exit_code == 1
    assert "another `baoku index` is writing" in result.output
    assert doc_count(index_dir) == before


def test_readers_see_the_new_commit_without_restart(slice_file, tmp_path):
    index_dir = tmp_path / "ix"
    runner = CliRunner()
    runner.invoke(main, ["index", str(slice_file), "--index", str(index_dir), "--procs", "1"])
    with Archive(index_dir) as archive:
        before = archive.search(SearchRequest(q="")).total
        seeds = Path(__file__).resolve().parents[1] / "seeds"
        assert runner.invoke(main, ["index", str(seeds), "--index", str(index_dir)]).exit_code == 0
        after = archive.search(SearchRequest(q=""))
        assert after.total == before + 9
        assert archive.search(SearchRequest(q="沈东")).total == 5


def test_indexing_the_same_sources_twice_changes_nothing(slice_file, tmp_path):
    index_dir = tmp_path / "ix"
    runner = CliRunner()
    slice_file = Path(shutil.copy(slice_file, tmp_path / "slice.jsonl"))  # this test edits it
    first = runner.invoke(main, ["index", str(slice_file), "--index", str(index_dir), "--procs", "1"])
    toc = sorted(p.name for p in index_dir.iterdir())
    second = runner.invoke(main, ["index", str(slice_file), "--index", str(index_dir)])
    every = runner.invoke(main, ["index", str(slice_file), "--index", str(index_dir), "--all"])
    assert first.exit_code == second.exit_code == every.exit_code == 0
    # an unchanged source is not even read again; --all reads it and finds nothing new
    assert "1 source(s) unchanged" in second.output and "nothing new to index" in second.output
    assert f"0 added, 0 updated, {ARTICLES} unchanged" in every.output
    assert sorted(p.name for p in index_dir.iterdir()) == toc
    with slice_file.open("a", encoding="utf-8") as f:  # a changed source is read again
        f.write("\n")
    third = runner.invoke(main, ["index", str(slice_file), "--index", str(index_dir)])
    assert f"0 added, 0 updated, {ARTICLES} unchanged" in third.output


def test_searches_keep_answering_while_indexing(slice_file, tmp_path):
    """Four threads search in a loop while another process indexes: no failure, new commits seen."""
    import threading

    index_dir = tmp_path / "ix"
    seeds = Path(__file__).resolve().parents[1] / "seeds"
    assert CliRunner().invoke(main, ["index", str(seeds), "--index", str(index_dir)]).exit_code == 0
    failures, totals = [], []
    with Archive(index_dir) as archive:
        proc = baoku("index", str(slice_file), "--index", str(index_dir), "--procs", "1",
                     "--commit-every", str(BATCH), "--no-progress")

        def search_loop():
            for n in range(10_000):  # bounded; stops when the indexer does
                if proc.poll() is not None and n > 5:
                    return
                try:
                    r = archive.search(SearchRequest(q=["中国", "沈东", '"发展"', ""][n % 4]))
                    if r.error:
                        failures.append(r.error)
                    totals.append(archive.search(SearchRequest(q="")).total)
                except Exception as exc:  # noqa: BLE001 - counting every failure is the point
                    failures.append(repr(exc))

        threads = [threading.Thread(target=search_loop) for _ in range(4)]
        for t in threads:
            t.start()
        proc.communicate(timeout=300)
        for t in threads:
            t.join(timeout=120)
        final = archive.search(SearchRequest(q="")).total
    assert proc.returncode == 0
    assert failures == []
    assert len(set(totals)) > 1, "readers should see commits land while they search"
    assert final > 9 + BATCH  # the slice (less its reprints) on top of the seeds


def test_a_failing_worker_commits_nothing_and_frees_the_lock(corpus_dir, tmp_path, monkeypatch):
    from search import indexer
    from search.ingest.jsonl import parse_record
    from search.segments import WorkerFailed

    with gzip.open(corpus_dir / "hk_dev.jsonl.gz", "rt", encoding="utf-8") as f:
        articles = [a for a in (parse_record(json.loads(line)) for line in islice(f, 600))
                    if a.text.strip()]
    first, second = articles[:250], articles[250:]
    indexer.index_articles(first, tmp_path, procs=2)
    before = doc_count(tmp_path)
    quotes_before = quote_count(tmp_path)
    bad = second[-1].id
    real = indexer.article_document

    def failing(article):
        if article.id == bad:  # in the second worker, after others were written
            raise RuntimeError("disk full")
        return real(article)

    monkeypatch.setattr(indexer, "article_document", failing)
    with pytest.raises(WorkerFailed, match="disk full"):
        indexer.index_articles(second, tmp_path, procs=2)
    assert doc_count(tmp_path) == before == len(first)
    assert quote_count(tmp_path) == quotes_before > 0
    monkeypatch.setattr(indexer, "article_document", real)
    report = indexer.index_articles(second, tmp_path, procs=2)  # the lock was released
    assert report.added == len(second) and doc_count(tmp_path) == len(articles)
    assert quote_count(tmp_path) > quotes_before
    with Archive(tmp_path) as archive:
        assert archive.search(SearchRequest(q=second[-1].title[:6])).total >= 1


def quote_count(index_dir: Path) -> int:
    from whoosh import index as whoosh_index

    with whoosh_index.open_dir(str(index_dir), indexname="quotes").searcher() as s:
        return s.doc_count()
