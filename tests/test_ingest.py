"""Tests for search.ingest: decoding, the four readers, discovery, failures."""

from __future__ import annotations

import dataclasses
import gzip
import json
from pathlib import Path

import pytest

from search.ingest import discover, read_edition, read_file
from search.ingest.credits import names_in_credit
from search.ingest.decode import SourceError, clean_text, decode_bytes, read_text
from search.ingest.edition_text import edition_date, paper_slug
from search.ingest.hkcnews import cut_footer, parse_authors
from search.ingest.jsonl import parse_record, read_jsonl
from search.ingest.markdown import markdown_to_text
from search.ingest.rmrb import read_rmrb
from search.records import Article, Failure

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "zhonglou-2024-03.txt"
BAD = Path(__file__).resolve().parent / "fixtures" / "bad"


def articles_and_failures(path: Path, **kwargs) -> tuple[list[Article], list[Failure]]:
    items = list(read_file(path, **kwargs))
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Failure)]


def fields(article: Article) -> dict:
    """An Article's fields without ``source``, which names the file read."""
    data = dataclasses.asdict(article)
    data.pop("source")
    return data


# --- decode -----------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("a\r\nb\rc", "a\nb\nc"),
        ("甲\u2028乙\u2029丙", "甲\n乙\n丙"),
        ("甲\t乙", "甲 乙"),
        ("\ufeff开\u200b头\u200c中\u200d间\u2060\ufeff", "开头中间"),
        ("控\x10\x10\x16制\x08字\x1b符\x7f\x85", "控制字符"),
        ("保留\n换行 和\u3000空格\u00a0", "保留\n换行 和\u3000空格\u00a0"),
    ],
)
def test_clean_text(raw, clean):
    assert clean_text(raw) == clean


@pytest.mark.parametrize(
    "text, encoding",
    [
        ("本报讯 区委书记带队调研国企工作,强调要凝聚共识。", "gb18030"),
        ("本報訊 區委書記帶隊調研國企工作，強調要凝聚共識。", "big5"),
        ("本报讯 区委书记带队调研国企工作。", "utf-16"),
        ("本报讯 区委书记带队调研国企工作。", "utf-8-sig"),
        ("本报讯 区委书记带队调研国企工作。", "utf-8"),
    ],
)
def test_decode_bytes(text, encoding):
    assert decode_bytes(text.encode(encoding)) == text


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty file"),
        (b" \n\t\r\n", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        (b"\xff\xfd\x80" * 20, "not text in UTF-8, GB18030 or Big5"),
    ],
)
def test_decode_bytes_refuses(data, reason):
    with pytest.raises(SourceError) as info:
        decode_bytes(data)
    assert info.value.reason == reason


def test_read_text_truncated_gzip(tmp_path):
    path = tmp_path / "cut.txt.gz"
    path.write_bytes(gzip.compress("## 标题\n\n正文。\n".encode())[:-10])
    with pytest.raises(SourceError, match="truncated gzip"):
        read_text(path)


# --- bad-input fixtures -------------------------------------------------------


@pytest.mark.parametrize(
    "name, titles, reporters",
    [
        ("edition-gb18030-2024-05-06.txt", ["河畔社区举办春季义诊", "新图书馆周末试开放"], ["林晓雨", "陈立新"]),
        ("edition-big5-2024-05-06.txt", ["河畔社區舉辦春季義診", "新圖書館週末試開放"], ["林曉雨", "陳立新"]),
        ("edition-utf16-2024-05-06.txt", ["河畔社区举办春季义诊", "新图书馆周末试开放"], ["林晓雨", "陈立新"]),
        ("edition-utf8bom-2024-05-06.txt", ["河畔社区举办春季义诊", "新图书馆周末试开放"], ["林晓雨", "陈立新"]),
    ],
)
def test_encoded_editions_decode(name, titles, reporters):
    articles, failures = articles_and_failures(BAD / name)
    assert failures == []
    assert [a.title for a in articles] == titles
    assert articles[0].reporters == reporters
    assert articles[0].date == "2024-05-06"
    assert articles[0].id == f"{name.split('-2024')[0]}-2024-05-06-01"
    assert "\r" not in articles[0].text and "\ufeff" not in articles[0].text


@pytest.mark.parametrize(
    "name, reason",
    [
        ("empty.txt", "empty file"),
        ("blank.txt", "empty file"),
        ("binary.txt", "binary file"),
        ("undecodable.txt", "not text in UTF-8, GB18030 or Big5"),
        ("no-front-matter.md", "Markdown file without '---' front matter"),
        ("no-headlines-2024-05-06.txt", "no headlines (lines starting with '## ') found"),
        ("table.csv", "unsupported file type '.csv'"),
        ("undated.txt", "no edition date: none in front matter, file name or text; pass a date"),
    ],
)
def test_bad_file_gives_one_failure(name, reason):
    items = list(read_file(BAD / name))
    assert items == [Failure(str(BAD / name), reason)]


def test_undated_edition_takes_date_argument():
    seen = []
    articles, failures = articles_and_failures(
        BAD / "undated.txt", date="2024-05-07", on_date=lambda *args: seen.append(args)
    )
    assert failures == []
    assert [a.id for a in articles] == ["undated-2024-05-07-01"]
    assert seen == [(BAD / "undated.txt", "2024-05-07", "--date")]


def test_jsonl_bad_records_fail_by_line():
    articles, failures = articles_and_failures(BAD / "bad-records.jsonl")
    assert [a.id for a in articles] == ["demo-2024-05-06-01", "demo-2024-05-06-02"]
    assert [f.reason.split(":")[0] for f in failures] == ["line 2", "line 3", "line 4", "line 5", "line 7"]
    reasons = [f.reason for f in failures]
    assert reasons[0].startswith("line 2: not valid JSON")
    assert reasons[1:] == [
        'line 3: field "id" missing',
        'line 4: field "id" should be a string, not a number',
        "line 5: not a JSON object but an array",
        'line 7: field "title" should be a string, not an array',
    ]
    assert articles[0].paper == "示例报" and articles[0].text == "正文一。"


def test_truncated_jsonl_gz_keeps_records_read():
    items = list(read_jsonl(BAD / "truncated.jsonl.gz"))
    assert [i.id for i in items[:-1]] == ["demo-2024-05-06-01", "demo-2024-05-06-02"]
    assert isinstance(items[-1], Failure)
    assert items[-1].reason.startswith("truncated gzip file")


# --- discover -----------------------------------------------------------------


def test_discover(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    for name in ["b/2.txt", "a.txt", ".hidden/x.txt", "b/.secret.txt", ".gitattributes", "b/c.md"]:
        (tmp_path / name).write_text("x", encoding="utf-8")
    files, failures = discover([str(tmp_path), str(tmp_path / "missing"), str(tmp_path / "**" / "*.md")])
    assert files == [tmp_path / "a.txt", tmp_path / "b" / "2.txt", tmp_path / "b" / "c.md"]
    assert failures == [Failure(str(tmp_path / "missing"), "no such file or folder")]


def test_discover_glob_without_match(tmp_path):
    files, failures = discover([str(tmp_path / "*.jsonl")])
    assert files == [] and failures[0].reason == "no file matches this pattern"


# --- edition text ---------------------------------------------------------------

SEED_ARTICLES = [
    (None, "区领导调研国企工作", None, ["薛暮嵘", "王淑君", "何一智"]),
    (None, "眉山市丹棱县党政代表团来钟楼考察交流", None, ["薛暮嵘"]),
    (None, "沈东以“四不两直”方式督查消防安全工作", None, ["薛暮嵘"]),
    (None, "区领导赴上海开展经贸洽谈活动", None, ["薛暮嵘"]),
    (None, "区消防安全整治专项会议召开", None, ["田雨婷"]),
    (None, "首场新能源产业对接活动举行", None, ["张宇"]),
    ("区市场监督管理局", "发出我市首张电子特种设备使用登记证", None, ["戴琪"]),
    (None, "传承雷锋精神 守护运河文明", None, ["何一智", "于琪云", "裴伟明", "庞子衡", "谭琳琪"]),
    (None, "从“宅”老太到“舞”老师", "家门口的大学让她脱胎换骨", []),
]


def test_seed_edition():
    articles, how = read_edition(SEED)
    assert how == "inferred from the text"
    assert [(a.pretitle, a.title, a.subtitle, a.reporters) for a in articles] == SEED_ARTICLES
    assert [a.id for a in articles] == [f"zhonglou-2024-03-04-{n:02d}" for n in range(1, 10)]
    assert {a.date for a in articles} == {"2024-03-04"}
    assert {a.paper for a in articles} == {"zhonglou"}
    assert {a.source for a in articles} == {str(SEED)}
    first, second = articles[0], articles[1]
    assert first.byline == "本报讯(薛暮嵘 王淑君 何一智)"
    assert "本报讯" not in first.text and first.text.startswith("2月29日—3月30日")
    assert "要聚焦主业" in first.text
    assert "集团要实施放权管理" in first.text
    assert "四大功能区”建设" in second.text
    assert articles[7].byline == "何一智 于琪云 裴伟明 庞子衡 谭琳琪图文报道"
    assert "图文报道" not in articles[7].text
    assert articles[8].byline is None
    assert "吴玉英脱掉白色羽绒服,露出黑色毛衣" in articles[8].text
    assert all("\n\n" not in a.text and a.text == a.text.strip() for a in articles)


def test_seed_through_read_file():
    seen = []
    articles, failures = articles_and_failures(SEED, on_date=lambda *args: seen.append(args))
    assert failures == [] and len(articles) == 9
    assert seen == [(SEED, "2024-03-04", "inferred from the text")]


def test_edition_front_matter(tmp_path):
    path = tmp_path / "demo-2024-01.txt"
    path.write_text(
        '---\npaper: "示例晚报"\ndate: 2024-01-09\ntitle: "第一版"\n---\n\n'
        "## 标题甲：\n\n## 标题乙\n\n本报讯(王 五、赵六) 1月8日,正文\n\n接着写完。\n\n## 标题丙\n\n正文。\n",
        encoding="utf-8",
    )
    articles, how = read_edition(path, date="2030-01-01")
    assert how == "front matter"
    assert [(a.id, a.paper, a.pretitle, a.title) for a in articles] == [
        ("demo-2024-01-09-01", "示例晚报", "标题甲", "标题乙"),
        ("demo-2024-01-09-02", "示例晚报", None, "标题丙"),
    ]
    assert articles[0].reporters == ["王五", "赵六"]
    assert articles[0].text == "1月8日,正文接着写完。"


@pytest.mark.parametrize(
    "text, name, date, expected",
    [
        ("3月4日,某某。", "x-2024-03-05.txt", None, ("2024-03-05", "file name")),
        ("3月4日,某某。", "x-2024-03.txt", "2024-03-09", ("2024-03-09", "--date")),
        ("3月4日,某某。2月29日—3月30日", "x-2024-03.txt", None, ("2024-03-04", "inferred from the text")),
        ("2023年开始。5月6日,2022年5月18日。", "x.txt", None, ("2023-05-06", "inferred from the text")),
        ("26日—28日。2月26日。", "x-2024.txt", None, ("2024-02-26", "inferred from the text")),
    ],
)
def test_edition_date(text, name, date, expected):
    assert edition_date(text, name, date) == expected


@pytest.mark.parametrize(
    "name, slug",
    [("zhonglou-2024-03.txt", "zhonglou"), ("x-gb18030-2024-05-06.txt", "x-gb18030"), ("undated.txt", "undated")],
)
def test_paper_slug(name, slug):
    assert paper_slug(name) == slug


# --- credits (人民日报 bylines) ------------------------------------------------------

NBSP = "\u00a0"

# Real byline values from rmrb_dev.jsonl.gz (U+00A0 as in the data).
RMRB_BYLINES = [
    (f"本报北京1月31日电{NBSP}{NBSP}（记者杜一菲）", ["杜一菲"]),
    (f"本报内比都1月18日电{NBSP}{NBSP}（记者杜尚泽、丁子）", ["杜尚泽", "丁子"]),
    (f"据新华社惠灵顿2月3日电{NBSP}{NBSP}（记者郭磊、卢怀谦）", ["郭磊", "卢怀谦"]),
    (f"本报记者{NBSP}{NBSP}李{NBSP}{NBSP}刚", ["李刚"]),
    (f"本报记者{NBSP}万秀斌{NBSP}黄{NBSP}娴{NBSP}程{NBSP}焕", ["万秀斌", "黄娴", "程焕"]),
    (f"本报记者{NBSP}{NBSP}何{NBSP}{NBSP}勇{NBSP}{NBSP}申智林", ["何勇", "申智林"]),
    (f"本报记者{NBSP}杨明方{NBSP}阿尔达克", ["杨明方", "阿尔达克"]),
    ("（本报记者田俊荣、陆娅楠、刘志强）", ["田俊荣", "陆娅楠", "刘志强"]),
    ("（本报记者申琳整理）", ["申琳"]),
    ("（王彦东参与采写）", ["王彦东"]),
    (f"邵{NBSP}丹摄（人民视觉）", ["邵丹"]),
    (f"新华社记者{NBSP}{NBSP}王全超摄", ["王全超"]),
    ("新华社发", []),
    ("（作者为中央美术学院人文学院副教授）", []),
    ("（作者单位：荆州博物馆）", []),
    ("（本报巴黎电）", []),
    ("新华社北京2月18日电", []),
    (f"（执笔：胡{NBSP}{NBSP}敏）", ["胡敏"]),
    (f"本报记者{NBSP}{NBSP}方{NBSP}{NBSP}圆文{NBSP}{NBSP}新华社记者{NBSP}{NBSP}王{NBSP}{NBSP}松摄", ["方圆", "王松"]),
    (f"本报记者{NBSP}沈文敏文{NBSP}影像中国供图", ["沈文敏"]),
    (f"本报驻美国记者{NBSP}高{NBSP}石文并图", ["高石"]),
    (f"宋{NBSP}文摄（影像中国）", ["宋文"]),
    ("库尔班江·马木提摄（影像中国）", ["库尔班江·马木提"]),
    ("（作者为缅甸执政党全国民主联盟党报《民主浪潮》总编辑，本报记者李秉新采访整理）", ["李秉新"]),
    ("（本报记者汪晓东、付文、李昌禹、申少铁、韩鑫，健康时报记者赵安平）", ["汪晓东", "付文", "李昌禹", "申少铁", "韩鑫", "赵安平"]),
    (f"（本报东京电{NBSP}记者刘军国）", ["刘军国"]),
    (f"（新华社北京2月25日电{NBSP}{NBSP}记者李斌、安蓓）", ["李斌", "安蓓"]),
    ("（综合本报记者庞革平、程远州、宋豪新、刘洪超报道）", ["庞革平", "程远州", "宋豪新", "刘洪超"]),
    (f"本报记者{NBSP}张{NBSP}枨摄影报道", ["张枨"]),
    (f"本报记者{NBSP}\u3000周{NBSP}輖摄", ["周輖"]),
]


@pytest.mark.parametrize("credit, names", RMRB_BYLINES)
def test_names_in_credit(credit, names):
    assert names_in_credit(credit) == names


@pytest.mark.parametrize(
    "credit, names",
    [("肖家鑫、郑志勇", ["肖家鑫", "郑志勇"]), (f"（罗{NBSP}{NBSP}懿）", ["罗懿"]), ("（相关报道见第六版）", []), ("（画间语）", [])],
)
def test_bare_credits(credit, names):
    assert names_in_credit(credit, bare=True) == names


# --- 人民日报 files -----------------------------------------------------------------


def load_jsonl(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        return [json.loads(line) for line in stream]


@pytest.fixture(scope="module")
def rmrb_records(corpus_dir) -> dict[str, dict]:
    return {r["id"]: r for r in load_jsonl(corpus_dir / "rmrb_dev.jsonl.gz")}


def test_rmrb_sample_file(corpus_dir, rmrb_records):
    path = corpus_dir / "samples" / "2019年2月" / "20190201" / "20190201-01-01.txt"
    article = read_rmrb(path)
    record = rmrb_records["rmrb-20190201-01-01"]
    assert (article.id, article.paper, article.date, article.page, article.section) == (
        "rmrb-20190201-01-01", "人民日报", "2019-02-01", "01版", None,
    )
    assert article.title == record["title"].strip()
    assert article.pretitle == (record["pretitle"] or None)
    assert article.subtitle == record["subtitle"]
    paragraphs = article.text.split("\n")
    assert all(p == p.strip() and p for p in paragraphs)
    assert "\r" not in article.text and "\u3000\u3000" not in article.text


def test_rmrb_samples_equal_jsonl_records(corpus_dir, rmrb_records):
    files, failures = discover([str(corpus_dir / "samples")])
    assert failures == [] and len(files) == 1377
    with_reporters = 0
    for path in files:
        [article] = list(read_file(path))
        record_article = parse_record(rmrb_records[article.id])
        assert fields(article) == fields(record_article), path
        with_reporters += bool(article.reporters)
    assert with_reporters > 300


def test_rmrb_bylines_agree_with_corpus(rmrb_records):
    """Where the corpus names a byline, ours is the same string."""
    for record in rmrb_records.values():
        if record["byline"] is not None:
            assert parse_record(record).byline == record["byline"], record["id"]


def test_rmrb_jsonl_whole_file(corpus_dir):
    articles, failures = articles_and_failures(corpus_dir / "rmrb_dev.jsonl.gz")
    assert (len(articles), failures) == (8185, [])
    assert len({a.id for a in articles}) == 8185
    assert sum(bool(a.reporters) for a in articles) > 2500


# --- hkcnews ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "author, people",
    [
        ("眾新聞記者", []),
        ("記者林勵", ["林勵"]),
        ("實習記者鄭啟智", ["鄭啟智"]),
        ("中國組記者黃麗萍", ["黃麗萍"]),
        ("台灣特派員鄭智仁", ["鄭智仁"]),
        ("澳門特約記者黃嘉成", ["黃嘉成"]),
        ("記者林勵、實習記者梁穎欣", ["林勵", "梁穎欣"]),
        ("實習記者郭文傑、容倩文、馮靖桐", ["郭文傑", "容倩文", "馮靖桐"]),
        ("實習記者謝鎧文‧郭日朗", ["謝鎧文", "郭日朗"]),
        ("廖天琪・田牧", ["廖天琪", "田牧"]),
        ("飄楊 & 小鳥", ["飄楊", "小鳥"]),
        ("Florence & Kayser", ["Florence", "Kayser"]),
        ("春麗 x 鄧諾文", ["春麗", "鄧諾文"]),
        ("胡國威【胡・說樓市】", ["胡國威"]),
        ("王浩鈞（佛前一丁）", ["王浩鈞"]),
        ("Chris Yeung", ["Chris Yeung"]),
        ("楊健興", ["楊健興"]),
        ("中產平民", ["中產平民"]),
        ("讀者來論", []),
        ("眾新聞中國組", []),
        ("特約轉載", []),
        ("系統管理員", []),
        ("專業和你傾", []),
        ("法政匯思", []),
        ("師潮作者群", []),
        ("眾觀_香港政情", []),
        ("CitizenNews Op-ed", []),
        ("HK Columns (Translated)", []),
        ("帝國之間、民國之外", []),
        ("香港聖公會福利協會", []),
        ("建國與國際政治：近代中印泰主權國家建構比較史", []),
        ("", []),
    ],
)
def test_parse_authors(author, people):
    assert parse_authors(author) == people


MARKDOWN = """\
第一段第一行   
 第一段第二行，**粗體**與[連結文字](https://web.archive.org/web/20210101000000/https://example.com/a)。

<figure>
<img src="https://web.archive.org/web/20210101000000im_/https://example.com/p.jpg" alt="">
<figcaption>圖片說明。某某攝</figcaption>
</figure>

<figure>
<img src="x.jpg" alt="">
<figcaption>請在這輸入 Caption。如不需要caption, 請將此行文字移除</figcaption>
</figure>

## 小標題

> 引文一行
>  引文二行

![圖](https://web.archive.org/web/20210101000000im_/https://example.com/q.jpg)

{{< video src="https://web.archive.org/web/20210101000000if_/https://www.youtube.com/embed/x" >}}

<script type="text/javascript">var secret = "不應出現";</script>

| 年份 | 事件 |
| --- | --- |
| 2019 | 某事 |

來信請寄[email\u00a0protected]。 English words   
 join with a space.
"""


def test_markdown_to_text():
    paragraphs, captions = markdown_to_text(MARKDOWN)
    assert paragraphs == [
        "第一段第一行第一段第二行，粗體與連結文字。",
        "小標題",
        "引文一行引文二行",
        "年份 事件",
        "2019 某事",
        "來信請寄。 English words join with a space.",
    ]
    assert captions == ["圖片說明。某某攝"]


FOOTER = """\
正文。

---

參考資料：某書

---


請加入成為眾新聞的月費訂戶，長期支持我們的工作。

---

![博客 | 某某](https://example.com/a.png)

**博客 | 某某**
"""


def test_cut_footer():
    assert cut_footer(FOOTER).rstrip() == "正文。\n\n---\n\n參考資料：某書"


@pytest.fixture(scope="module")
def hk_records(corpus_dir) -> dict[str, dict]:
    return {r["source_path"]: r for r in load_jsonl(corpus_dir / "hk_dev.jsonl.gz")}


def test_hk_samples_equal_jsonl_records(corpus_dir, hk_records):
    root = corpus_dir / "samples_hk"
    files, failures = discover([str(root)])
    assert failures == [] and len(files) == 200
    for path in files:
        [article] = list(read_file(path))
        record = hk_records[path.relative_to(root).as_posix()]
        assert article.id == record["id"]
        assert fields(article) == fields(parse_record(record)), path


def test_hk_sample_article(corpus_dir):
    [article] = list(read_file(corpus_dir / "samples_hk" / "articles" / "1-1000" / "article_194.md"))
    assert (article.id, article.paper, article.date, article.section) == ("hkcnews-194", "眾新聞", "2017-01-01", "眾說")
    assert article.reporters == ["伍成邦"] and article.byline == "伍成邦"
    assert article.url.startswith("https://www.hkcnews.com/article/194/")
    assert "月費訂戶" not in article.text and "博客" not in article.text
    assert not article.text.startswith("#") and article.title not in article.text


def test_hk_crlf_and_control_characters(corpus_dir):
    [article] = list(read_file(corpus_dir / "samples_hk" / "articles" / "10001-11000" / "article_10524.md"))
    assert article.text and "\r" not in article.text and "\x10" not in article.text


def test_hk_texts_are_plain(corpus_dir):
    articles, failures = articles_and_failures(corpus_dir / "hk_dev.jsonl.gz")
    assert (len(articles), failures) == (45118, [])
    markup = ("web.archive.org/web/", "<figure", "<img", "<script", "{{<", "**", "請加入成為眾新聞的月費訂戶")
    for article in articles:
        for text in [article.text, *article.captions]:
            assert not any(m in text for m in markup), article.id
        assert "請在這輸入 Caption" not in " ".join(article.captions)
    assert sum(bool(a.reporters) for a in articles) > 25000
