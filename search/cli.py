"""The ``baoku`` command: index sources, search, show statistics, serve the web UI."""

from __future__ import annotations

import html
import json
import re
import sys

import click
from tqdm import tqdm

from .config import Settings
from .errors import BaokuError
from .records import Article, Failure

_MARK = re.compile(r"<mark>(.*?)</mark>", re.S)
_SPACES = re.compile(r"\s+")


def _settings(index_dir: str | None) -> Settings:
    return Settings.from_env(index_dir)


index_option = click.option(
    "--index", "index_dir", metavar="DIR", envvar="BAOKU_INDEX",
    help="Index folder (default: index/, or $BAOKU_INDEX).")


@click.group()
@click.version_option(package_name="baoku")
def main() -> None:
    """Baoku (报库): full-text search for Chinese newspaper archives."""


@main.command("index")
@click.argument("sources", nargs=-1, required=True)
@index_option
@click.option("--date", metavar="YYYY-MM-DD", help="Edition date for edition text files that name none.")
@click.option("--procs", type=click.IntRange(1, 8), default=2, show_default=True,
              help="Processes that write the index.")
@click.option("--wait", "lock_timeout", type=float, default=0.0, metavar="SECONDS",
              help="Wait this long for another indexer to finish.")
@click.option("--commit-every", type=click.IntRange(1), default=20000, show_default=True,
              help="Commit after this many articles; a crash loses at most one batch.")
@click.option("--progress/--no-progress", default=None, help="Show progress bars (default: on a terminal).")
@click.option("--all", "reread", is_flag=True,
              help="Read every source, even those unchanged since they were last indexed.")
def index_command(sources, index_dir, date, procs, lock_timeout, commit_every, progress,
                  reread) -> None:
    """Index SOURCES: folders, files or globs of editions, articles and JSON Lines.

    Sources already indexed and unchanged since (same size and modification
    time, same --date) are not read again; --all reads them anyway.
    """
    from .indexer import SourceLog, index_articles
    from .ingest import discover, read_file

    if date and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        raise click.BadParameter("write the date as YYYY-MM-DD", param_hint="--date")
    settings = _settings(index_dir)
    show = sys.stderr.isatty() if progress is None else progress
    files, failures = discover(sources)
    log = SourceLog(settings.index_dir, date)
    fresh = files if reread else [f for f in files if log.changed(f)]
    if len(fresh) < len(files):
        click.echo(f"{len(files) - len(fresh)} source(s) unchanged since they were indexed: "
                   "not read (--all reads them)", err=True)
    files = fresh
    if not files and not failures:
        click.echo(f"nothing new to index -> {settings.index_dir}")
        return
    articles: list[Article] = []
    notes: list[str] = []
    read_ok: dict = {}  # source -> its stamp when read, for the sources read without failure
    with tqdm(files, desc="reading", unit="file", disable=not show, file=sys.stderr) as bar:
        for path in bar:
            failed_before = len(failures)
            stamp = log.stamp(path)
            for item in read_file(path, date=date, on_date=lambda p, d, how: notes.append(
                    f"{p}: edition date {d} ({how})")):
                if isinstance(item, Failure):
                    failures.append(item)
                else:
                    articles.append(item)
            if len(failures) == failed_before:  # a source with a bad part is read again
                read_ok[path] = stamp
    for note in notes:
        click.echo(note, err=True)
    for failure in failures:
        click.echo(f"failed: {failure}", err=True)
    if not articles and failures:
        raise click.ClickException(f"nothing to index: {len(failures)} source(s) failed")
    try:
        with tqdm(total=len(articles), desc="indexing", unit="article", disable=not show,
                  file=sys.stderr) as bar:
            report = index_articles(articles, settings.index_dir, progress=bar.update,
                                    commit_every=commit_every, lock_timeout=lock_timeout,
                                    procs=procs)
    except BaokuError as exc:
        raise click.ClickException(str(exc)) from exc
    log.record(read_ok)  # committed: these need not be read again while unchanged
    editions = len({(a.paper, a.date) for a in articles})
    rate = report.articles / report.seconds if report.seconds else 0.0
    click.echo(
        f"{report.articles} articles in {editions} editions "
        f"({report.added} added, {report.updated} updated, {report.unchanged} unchanged"
        + (f", {report.skipped} empty placeholders skipped" if report.skipped else "")
        + f"); {len(failures)} files failed; {report.seconds:.1f} s, {rate:.0f} articles/s, "
        f"{report.characters / report.seconds if report.seconds else 0:,.0f} chars/s "
        f"-> {settings.index_dir}")
    if failures:
        sys.exit(1)


@main.command("search")
@click.argument("query", default="")
@index_option
@click.option("--section", multiple=True, help="Only this section (repeatable).")
@click.option("--reporter", multiple=True, help="Only articles by this reporter (repeatable).")
@click.option("--location", multiple=True, help="Only articles naming this place (repeatable).")
@click.option("--paper", multiple=True, help="Only this paper (repeatable).")
@click.option("--topic", multiple=True, help="Only this topic (repeatable).")
@click.option("--from", "date_from", metavar="DATE", default="", help="From this date (2019, 2019-10, 2019-10-05).")
@click.option("--to", "date_to", metavar="DATE", default="", help="Up to this date.")
@click.option("--sort", type=click.Choice(["relevance", "newest", "oldest"]), default="relevance")
@click.option("--limit", type=click.IntRange(1, 100), default=10, show_default=True)
@click.option("--page", type=click.IntRange(1), default=1)
@click.option("--json", "as_json", is_flag=True, help="Print the JSON result.")
def search_command(query, index_dir, section, reporter, location, paper, topic, date_from,
                   date_to, sort, limit, page, as_json) -> None:
    """Search the archive. QUERY '-' reads one query a line and writes one JSON line each."""
    from .searcher import Archive, SearchRequest

    settings = _settings(index_dir)
    try:
        archive = Archive(settings.index_dir, settings.max_query_chars, settings.max_page_size)
    except BaokuError as exc:
        raise click.ClickException(str(exc)) from exc

    def run(q: str):
        return archive.search(SearchRequest(
            q=q, section=list(section), reporter=list(reporter), location=list(location),
            paper=list(paper), topic=list(topic), date_from=date_from, date_to=date_to, sort=sort,
            page=page, limit=limit))

    with archive:
        if query == "-":
            for line in sys.stdin:
                line = line.rstrip("\n")
                if line.strip():
                    click.echo(json.dumps(run(line).to_json(), ensure_ascii=False))
            return
        result = run(query)
        if as_json:
            click.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
        else:
            _print_result(result)
            _suggest_names(archive, {"reporter": reporter, "location": location})
            if result.total == 0 and not result.error:
                _name_hints(archive, settings.index_dir, query)
        if result.error:
            sys.exit(2)


def _suggest_names(archive, filters: dict[str, tuple[str, ...]]) -> None:
    """For a reporter or place filter that names nobody in the index: did you mean…"""
    if not any(filters.values()):
        return
    from .browse import ArchiveViews

    for kind, value, close in ArchiveViews(archive).names().unknown(filters):
        if close:
            click.echo(f"no {kind} {value!r}; did you mean: "
                       + ", ".join(f"{m.name} ({m.count})" for m in close), err=True)


def _name_hints(archive, index_dir, q: str) -> None:
    """For a query that finds nothing and could be a name: the names it may mean
    (沈冬 -> 沈东, quoted in the sample edition)."""
    from whoosh import index as whoosh_index

    from .browse import ArchiveViews
    from .names import HINT_MIN, looks_like_name, lookup_all
    from .quotebook import INDEX_NAME, QuoteBook

    if not looks_like_name(q):
        return
    book = (QuoteBook(index_dir) if whoosh_index.exists_in(str(index_dir), indexname=INDEX_NAME)
            else None)
    try:
        hints = lookup_all([ArchiveViews(archive).names(), book.names if book else None],
                           q, limit=5, min_score=HINT_MIN)
    finally:
        if book is not None:
            book.close()
    kinds = {"reporter": "reporter", "location": "place", "speaker": "quoted speaker"}
    if hints:
        click.echo("did you mean: " + ", ".join(
            f"{m.name} ({kinds.get(m.kind, m.kind)}, {m.count})" for m in hints), err=True)


def _print_result(result) -> None:
    if result.error:
        click.echo(f"Query not understood: {result.error}", err=True)
        return
    for notice in result.notices:
        click.echo(f"note: {notice}", err=True)
    extra = f" ({result.reprints} reprints folded)" if result.reprints else ""
    click.echo(f"{result.total} articles{extra}, page {result.page} of {result.pages}, "
               f"{result.elapsed_ms:.0f} ms")
    for n, hit in enumerate(result.hits, (result.page - 1) * result.limit + 1):
        where = " ".join(filter(None, [hit.date or "undated", hit.paper, hit.page, hit.section]))
        click.echo(f"\n{n}. " + click.style(hit.title or "(untitled)", bold=True) + f"  [{hit.id}]")
        click.echo(f"   {where}" + (f" | {'、'.join(hit.reporters)}" if hit.reporters else ""))
        click.echo("   " + _terminal(hit.snippet))


def _terminal(snippet_html: str) -> str:
    text = _MARK.sub(lambda m: click.style(m.group(1), fg="yellow", bold=True), snippet_html)
    return _SPACES.sub(" ", html.unescape(text)).strip()


@main.command("quotes")
@click.argument("query", default="")
@index_option
@click.option("--speaker", default="", help="Who said it; near misses (沈冬 for 沈东) are forgiven.")
@click.option("--paper", default="")
@click.option("--from", "date_from", metavar="DATE", default="")
@click.option("--to", "date_to", metavar="DATE", default="")
@click.option("--limit", type=click.IntRange(1, 100), default=10, show_default=True)
@click.option("--page", type=click.IntRange(1), default=1)
@click.option("--json", "as_json", is_flag=True)
def quotes_command(query, index_dir, speaker, paper, date_from, date_to, limit, page, as_json):
    """Find what was said: quotations with words QUERY, by --speaker, in a date range."""
    from .indexer import open_index, userdict_path
    from .quotebook import QuoteBook

    settings = _settings(index_dir)
    try:
        open_index(settings.index_dir)
    except BaokuError as exc:
        raise click.ClickException(str(exc)) from exc
    book = QuoteBook(settings.index_dir, str(userdict_path(settings.index_dir)))
    try:
        result = book.search(query, speaker, date_from, date_to, paper, page, limit)
    finally:
        book.close()
    if as_json:
        data = result.to_json()
        data["quotes"] = [{k: q[k] for k in ("speaker", "role", "verb", "text", "article_id", "date")}
                          for q in data["quotes"]]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    elif result.error:
        raise click.ClickException(result.error)
    else:
        if result.did_you_mean and not any(m["score"] == 100 for m in result.did_you_mean):
            click.echo("did you mean: " + ", ".join(
                f"{m['name']} ({m['count']})" for m in result.did_you_mean), err=True)
        click.echo(f"{result.total} quotes, {result.elapsed_ms:.0f} ms")
        for q in result.quotes:
            who = q["speaker"] + (f"（{q['role']}）" if q["role"] else "")
            click.echo(f"\n{q['date'] or 'undated'} {who} {q['verb']}：")
            click.echo("   " + _terminal(q["text_html"]))
            click.echo(f"   [{q['article_id']}] {q['title']}")
    if result.error:
        sys.exit(2)


@main.command("merge")
@index_option
@click.option("--procs", type=click.IntRange(1, 8), default=2, show_default=True,
              help="Processes that merge segments side by side.")
@click.option("--wait", "lock_timeout", type=float, default=0.0, metavar="SECONDS",
              help="Wait this long for another indexer to finish.")
def merge_command(index_dir, procs, lock_timeout) -> None:
    """Merge the index's segments by the merge policy that indexing applies at every
    commit: for an archive built before it."""
    from .indexer import merge_index

    settings = _settings(index_dir)
    try:
        counts = merge_index(settings.index_dir, procs=procs, lock_timeout=lock_timeout,
                             progress=lambda line: click.echo(line, err=True))
    except BaokuError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo("; ".join(f"{name}: {a} -> {b} segments" for name, (a, b) in counts.items())
               + f" -> {settings.index_dir}")


@main.command("stats")
@index_option
@click.option("--json", "as_json", is_flag=True)
def stats_command(index_dir, as_json) -> None:
    """Articles, editions, date range and the commonest facet values."""
    from .searcher import Archive

    settings = _settings(index_dir)
    try:
        with Archive(settings.index_dir) as archive:
            stats = archive.stats()
    except BaokuError as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(stats, ensure_ascii=False, indent=2))
        return
    dates = stats["dates"]
    click.echo(f"{stats['articles']} articles ({stats['distinct_bodies']} distinct bodies), "
               f"{dates['days']} publication days, {dates['first']} to {dates['last']}")
    for p in stats["papers"]:
        click.echo(f"  {p['value']}: {p['count']}")
    for name, values in stats["facets"].items():
        if values:
            click.echo(f"{name}: " + ", ".join(f"{v['value']} ({v['count']})" for v in values))


@main.command("serve")
@index_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=int, default=8000, show_default=True)
@click.option("--workers", type=click.IntRange(1, 16), default=2, show_default=True,
              help="Processes (gunicorn); 1 serves from one process with waitress.")
@click.option("--threads", type=int, default=4, show_default=True, help="Threads per process.")
@click.option("--result-cache", type=click.IntRange(0), default=Settings.result_cache,
              show_default=True, help="Result pages each process keeps per index commit; 0 for none.")
def serve_command(index_dir, host, port, workers, threads, result_cache) -> None:
    """Serve the web UI with a production WSGI server (gunicorn, or waitress for one process)."""
    from web import create_app

    settings = _settings(index_dir)
    config = {"INDEX_DIR": str(settings.index_dir), "RESULT_CACHE": result_cache}
    try:
        from .indexer import open_index

        open_index(settings.index_dir)  # fail here, with the fix, not in every worker
    except BaokuError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Serving {settings.index_dir} on http://{host}:{port}/ "
               f"({workers} process{'es' if workers > 1 else ''} x {threads} threads)")
    if workers == 1:
        import waitress

        waitress.serve(create_app(config), host=host, port=port, threads=threads)
        return
    # Searching is Python-bound: one process per core gets past the GIL. Each
    # worker opens the index itself (after the fork), never sharing handles.
    from gunicorn.app.base import BaseApplication

    class _Server(BaseApplication):
        def load_config(self):
            for key, value in {"bind": f"{host}:{port}", "workers": workers, "threads": threads,
                               "worker_class": "gthread", "accesslog": None,
                               "timeout": 60}.items():
                self.cfg.set(key, value)

        def load(self):
            return create_app(config)

    _Server().run()


if __name__ == "__main__":  # pragma: no cover
    main()
