"""眾新聞 (Citizen News, Hong Kong) articles: Markdown files with front matter.

Files are ``articles/<folder>/article_<number>.md``. The body repeats the
title as a ``# `` heading, mixes Markdown and HTML, and ends with the site's
footer (subscription appeal, columnist card), all removed here.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..records import Article
from .decode import SourceError, clean_text, read_text
from .frontmatter import has_front_matter, split_front_matter
from .markdown import markdown_to_text

PAPER = "眾新聞"
FILE_NAME = re.compile(r"article_(\d+)\.md")

# Lines that open the site footer when they follow a ``---`` rule: the
# subscription appeal, the older crowdfunding appeals, and the columnist
# card (``![博客 | name](avatar)``, ``**博客 | name**``, also 主筆, Blogger).
_FOOTER_START = re.compile(
    r"請加入成為眾新聞的月費訂戶|我們的眾籌活動已結束|\*\*眾新聞眾籌呼籲"
    r"|!\[[^\]|\n]{1,20}\|[^\]\n]*\]\(|\*\*[^*|\n]{1,20}\|[^*\n]*\*\*"
)

# Author values that are desks, groups, columns or accounts, not people.
NOT_PEOPLE = frozenset(
    {
        "眾新聞記者",  # the news desk
        "眾新聞中國組",  # the China desk
        "眾新聞特約記者",
        "眾新聞工會",
        "讀者來論",  # readers' letters
        "特約轉載",  # syndicated pieces
        "特約分享",
        "系統管理員",  # the CMS account
        "專業和你傾",
        "法政匯思",
        "師潮作者群",
        "公民記者有限公司",
        "CitizenNews",
        "CitizenNews Op-ed",
        "CitizenNews Reader",
        "HK Columns (Translated)",
        "我是記者・我的六四故事",
        "帝國之間、民國之外",  # a book title, not two people
        "R－Connect 難民在線",
        "公民數據 CivicData",
        "公民數據CivicData",
        "ANNIE LAB",
        "Edu Insights",
        "KnowYourRights HK",
        "Disportery Channel",
        "Sounds of the Silenced",
    }
)
# Prefixes of column accounts: 眾觀_香港政情, 眾觀_國際政局 …
NOT_PEOPLE_PREFIXES = ("眾觀_", "眾新聞")
# Endings of organisations' names: 香港藥學服務基金, 綠色和平 is in no rule
# and stays, as pen names do.
ORGANISATION_ENDINGS = (
    "基金", "協會", "委員會", "工會", "總工會", "聯盟", "關注組", "實驗室", "分析部",
    "有限公司", "義工隊", "研究社", "硏究社", "義顯社", "樂施會", "職工盟", "綠色和平",
)
# Book titles and series used as the author: they carry title punctuation.
_TITLE_MARKS = re.compile(r"[：:《》]|——|—|自傳")

# Role written before a name: 記者, 實習記者, 中國組記者, 台灣特派員, 澳門特約記者 …
_ROLE = re.compile(
    r"^(?:(?:眾新聞|中國組|台灣|澳門|香港|駐[^\s、]{1,6})?(?:實習|見習|特約|首席|高級)?(?:記者|特派員))+"
)
# 胡國威【胡・說樓市】: a column name after the person; 王浩鈞（佛前一丁）: a pen name.
_COLUMN = re.compile(r"【[^】]*】|（[^）]*）|\([^)]*\)|@.*$")
_SEPARATORS = re.compile(r"\s*(?:、|，|,|&|＆|\band\b|(?<=[\u3400-\u9fff])\s*x\s*(?=[\u3400-\u9fff]))\s*")
# 廖天琪・田牧: two people; only split on the dot when every part is a short Han name.
_DOT = re.compile(r"[・‧·]")
_HAN_NAME = re.compile(r"[\u3400-\u9fff]{2,4}")
_HONORIFIC = re.compile(r"(?:博士|教授)$")


def hk_article_id(path: Path) -> str:
    """Return ``hkcnews-<number>`` for ``article_<number>.md``."""
    match = FILE_NAME.fullmatch(Path(path).name)
    return f"hkcnews-{match.group(1)}" if match else f"hkcnews-{Path(path).stem}"


def read_hkcnews(path: Path) -> Article:
    """Read one hkcnews Markdown file.

    :raises SourceError: when the file has no front matter.
    """
    path = Path(path)
    text = read_text(path)
    if not has_front_matter(text):
        raise SourceError("Markdown file without '---' front matter")
    front, body = split_front_matter(text)
    return parse_hkcnews(front, body, str(path), id=hk_article_id(path))


def parse_hkcnews(front: dict, markdown_body: str, source: str | None, *, id: str) -> Article:
    """Build an Article from hkcnews front matter and Markdown body.

    Shared by the Markdown reader and the JSON Lines reader (whose records
    carry the same fields) so both give equal Articles.
    """
    author = _clean(front.get("author"))
    paragraphs, captions = markdown_to_text(cut_footer(drop_title(clean_text(markdown_body))))
    tags = front.get("tags") or []
    return Article(
        id=id,
        paper=PAPER,
        date=_clean(front.get("date")) or None,
        title=_clean(front.get("title")),
        text="\n".join(paragraphs),
        page=None,
        section=_clean(front.get("category")) or None,
        reporters=parse_authors(author),
        byline=author or None,
        tags=[t for t in (_clean(tag) for tag in tags) if t],
        captions=captions,
        url=_clean(front.get("original_url")) or None,
        source=source,
    )


def drop_title(body: str) -> str:
    """Remove the ``# title`` heading that opens the body."""
    lines = body.lstrip("\n").split("\n")
    if lines and lines[0].startswith("# "):
        lines = lines[1:]
    return "\n".join(lines)


def cut_footer(body: str) -> str:
    """Cut the site footer: from the first ``---`` line that a footer follows."""
    lines = body.split("\n")
    for i, line in enumerate(lines):
        if line.strip() != "---":
            continue
        following = next((rest.strip() for rest in lines[i + 1 :] if rest.strip()), "")
        if _FOOTER_START.match(following):
            return "\n".join(lines[:i])
    return body


def parse_authors(author: str) -> list[str]:
    """Return the people an hkcnews ``author`` value names.

    Role prefixes are dropped from each name (``記者林勵、實習記者梁穎欣`` →
    林勵, 梁穎欣); desks, columns, organisations and book titles give no
    person; pen names and Latin names are kept as written.
    """
    author = author.strip()
    if not author or author in NOT_PEOPLE or author.startswith(NOT_PEOPLE_PREFIXES):
        return []
    if author.endswith(ORGANISATION_ENDINGS) or _TITLE_MARKS.search(author):
        return []
    names: list[str] = []
    for part in _SEPARATORS.split(_COLUMN.sub("", author)):
        part = _ROLE.sub("", part.strip())
        parts = _DOT.split(part)
        if len(parts) > 1 and not all(_HAN_NAME.fullmatch(p.strip()) for p in parts):
            parts = [part]
        for name in parts:
            name = _HONORIFIC.sub("", _ROLE.sub("", name.strip())).strip()
            if name and name not in names and name not in NOT_PEOPLE:
                names.append(name)
    return names


def _clean(value) -> str:
    """A front-matter value as clean one-line text."""
    if value is None:
        return ""
    return " ".join(clean_text(str(value)).split("\n")).strip()
