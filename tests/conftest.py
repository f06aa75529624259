"""Shared pytest fixtures."""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import socket
import threading
from itertools import islice
from pathlib import Path

import pytest

# ---------------------------------------------------------------------------
# Corpus location (ingest tests). The third-party corpus is never copied into
# the repository: tests read it from ../shared/corpus beside the repo root.
# ---------------------------------------------------------------------------

CORPUS_DIR = Path(__file__).resolve().parents[2] / "shared" / "corpus"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The shared corpus folder; skip when absent, but fail under CI=true."""
    if not CORPUS_DIR.is_dir():
        reason = f"corpus not found at {CORPUS_DIR}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{reason} (CI=true requires it)")
        pytest.skip(reason)
    return CORPUS_DIR


# ---------------------------------------------------------------------------
# Further fixtures go below this line.
# ---------------------------------------------------------------------------

# ---------------------------------------------------------------------------
# The archive index the engine and CLI tests search: the sample edition, all
# of February 2019 of 人民日报 (it holds the 转版 pair rmrb-20190217-01-02 and
# -02-02) and the first 眾新聞 records. Built once per run.
# ---------------------------------------------------------------------------

SEEDS_DIR = Path(__file__).resolve().parents[1] / "seeds"
ARCHIVE_RMRB_LINES = 1789  # 2019-02, the first month of the file
ARCHIVE_HK_LINES = 1500


def archive_articles(corpus: Path) -> list:
    from search.ingest import read_file
    from search.ingest.jsonl import parse_record

    articles = [a for f in sorted(SEEDS_DIR.glob("*.txt")) for a in read_file(f)]
    for name, lines in (("rmrb_dev.jsonl.gz", ARCHIVE_RMRB_LINES),
                        ("hk_dev.jsonl.gz", ARCHIVE_HK_LINES)):
        with gzip.open(corpus / name, "rt", encoding="utf-8") as stream:
            articles += [parse_record(json.loads(line)) for line in islice(stream, lines)]
    return articles


@pytest.fixture(scope="session")
def archive_dir(corpus_dir, tmp_path_factory) -> Path:
    from search.indexer import index_articles

    index_dir = tmp_path_factory.mktemp("archive-index")
    index_articles(archive_articles(corpus_dir), index_dir, procs=2)
    return index_dir


@contextlib.contextmanager
def served(app):
    """Serve ``app`` with waitress on a free loopback port; yield the port."""
    import waitress

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = waitress.create_server(app, host="127.0.0.1", port=port, threads=4)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    try:
        yield port
    finally:
        srv.close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def archive(archive_dir):
    from search.searcher import Archive

    with Archive(archive_dir) as opened:
        yield opened



# ---------------------------------------------------------------------------
# Web, names and browser tests (owner: web). A small index built once per run:
# the first People's Daily and 眾新聞 records of the corpus, plus hand-made
# articles with known names and one full of hostile markup.
# ---------------------------------------------------------------------------


WEB_RMRB_LINES = 1500
WEB_HK_LINES = 300
HOSTILE_ID = "test-hostile-1"
HOSTILE_TITLE = '<script>alert(1)</script>标题 <img src=x onerror="alert(2)">'
SAMPLE_NAMES = ["薛暮嵘", "沈东", "何一智", "王淑君", "田雨婷", "曾港深", "单雄"]


def _corpus_articles(path: Path, lines: int) -> list:
    """The first ``lines`` records of a corpus file as Articles."""
    from search.ingest.jsonl import parse_record

    with gzip.open(path, "rt", encoding="utf-8") as stream:
        return [parse_record(json.loads(raw)) for raw in islice(stream, lines)]


def web_sample_articles() -> list:
    """Hand-made articles: the sample edition's names and a hostile-content article."""
    from search.records import Article

    text = ("本报讯（{r}）3月4日，区委书记沈东带队调研国企工作，强调要推动国企改革再出发。"
            "沈东指出，要稳健开拓、专业精进，在市场搏击中彰显作为。")
    paper, date = "钟楼报", "2024-03-05"
    arts = [Article(id=f"zhonglou-2024-03-05-01-{i:02d}", paper=paper, date=date,
                    page="01版", section="要闻", title=f"区领导调研国企工作（{i}）",
                    text=text.format(r=name), reporters=[name], locations=["常州"])
            for i, name in enumerate(SAMPLE_NAMES, start=1)]
    arts.append(Article(
        id=HOSTILE_ID, paper=paper, date=date, page="02版", section="<b>版面</b>",
        title=HOSTILE_TITLE, subtitle="javascript:alert(3)",
        text=("钟楼区消防安全 <script>alert(4)</script> 检查。"
              '<a href="javascript:alert(5)">点我</a> <img src=x onerror=alert(6)>'),
        reporters=["<i>记者</i>"], locations=["钟楼区"]))
    return arts


def build_web_index(corpus: Path, index_dir: Path) -> Path:
    """Build the web tests' index in ``index_dir`` and return it."""
    from search.indexer import index_articles

    articles = (_corpus_articles(corpus / "rmrb_dev.jsonl.gz", WEB_RMRB_LINES)
                + _corpus_articles(corpus / "hk_dev.jsonl.gz", WEB_HK_LINES)
                + web_sample_articles())
    index_articles(articles, index_dir, procs=1)
    return index_dir


@pytest.fixture(scope="session")
def web_index(corpus_dir, tmp_path_factory) -> Path:
    return build_web_index(corpus_dir, tmp_path_factory.mktemp("web-index"))


@pytest.fixture(scope="session")
def web_app(web_index):
    from web import create_app

    return create_app({"TESTING": True, "INDEX_DIR": str(web_index)})


@pytest.fixture()
def client(web_app):
    return web_app.test_client()


# ---------------------------------------------------------------------------
# Hostile content and fuzzing (owner: web). A tiny index of its own, needing no
# corpus, whose every field carries markup, script URLs and HTML entities; its
# app serves tests/test_hostile.py. Built in a few seconds.
# ---------------------------------------------------------------------------

HOSTILE_PAPER = "<img src=x onerror=alert(11)>晚报"
HOSTILE_DATE = "2023-05-06"
HOSTILE_ARTICLE = "hostile-2023-05-06-01-01"
HOSTILE_ENTITY_TITLE = "&lt;script&gt;alert(0)&lt;/script&gt; &amp; 粗体"
HOSTILE_QUOTE = "<script>alert(8)</script>要&lt;b&gt;加强&amp;消防<img src=x onerror=alert(9)>，javascript:alert(10)。"


def pytest_configure(config):
    config.addinivalue_line("markers", "fuzz: property-based request fuzzing (runs by default)")


def hostile_articles() -> list:
    """Three articles in two papers; the first puts script, handlers and entities everywhere."""
    from search.records import Article

    first = Article(
        id=HOSTILE_ARTICLE, paper=HOSTILE_PAPER, date=HOSTILE_DATE, page="01版",
        section="<b>版面</b>", pretitle='<a href="javascript:alert(13)">引题</a>',
        title='<script>alert(1)</script>消防标题 <img src=x onerror="alert(2)">',
        subtitle="javascript:alert(3)",
        text=("钟楼区消防安全 <script>alert(4)</script> 检查。&lt;script&gt;alert(0)&lt;/script&gt; &amp; 消防\n"
              f"市长沈东说：“{HOSTILE_QUOTE}”\n"
              '<a href="javascript:alert(5)">点我</a> <img src=x onerror=alert(6)> 消防演练'),
        reporters=["<i>记者</i>"], locations=["钟楼区"],
        tags=["<script>alert(14)</script>", "javascript:alert(15)", "&amp;"],
        url="javascript:alert(16)")
    second = Article(
        id="hostile-2023-05-06-02-01", paper=HOSTILE_PAPER, date=HOSTILE_DATE, page="02版",
        section="要闻", title=HOSTILE_ENTITY_TITLE,
        text="消防检查常态化。钟楼区消防安全检查覆盖全区，消防演练每月一次。", reporters=["沈东"])
    third = Article(
        id="hostile-2023-05-07-01-01", paper="钟楼报", date="2023-05-07", page="01版",
        section="要闻", title="消防演练走进社区",
        text="钟楼区消防演练走进社区，居民学习消防安全知识。", reporters=["王淑君"])
    return [first, second, third]


@pytest.fixture(scope="session")
def hostile_index(tmp_path_factory) -> Path:
    from search.indexer import index_articles

    index_dir = tmp_path_factory.mktemp("hostile-index")
    index_articles(hostile_articles(), index_dir, procs=1)
    return index_dir


@pytest.fixture(scope="session")
def hostile_app(hostile_index):
    from web import create_app

    return create_app({"TESTING": True, "INDEX_DIR": str(hostile_index)})
