"""A whole edition as one text file, as in ``seeds/zhonglou-2024-03.txt``.

``## `` lines are headlines; the paragraphs under one belong to its article.
Two headline lines with only blank lines between are one article's kicker
and title (the first ends with a colon) or title and subtitle. The paper is
the front matter's ``paper`` or else the file name's prefix (``zhonglou``),
which is also the slug in article ids: no table of paper names is kept.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from ..records import Article
from .credits import names_in_credit
from .decode import SourceError, read_text
from .frontmatter import has_front_matter, split_front_matter
from .markdown import glue

HEADLINE = "## "
# A paragraph ending in one of these ends a sentence; any other paragraph was
# cut by the page layout (``要聚`` / ``焦主业``) and continues in the next.
SENTENCE_END = frozenset("。！？!?…；;：:”」』）)】〕》\"'")
KICKER_END = (":", "：")

# 本报讯 ("this paper reports") with the reporters in brackets; 本報訊 in
# traditional script.
_BYLINE = re.compile(r"本[报報][讯訊]\s*[(（]([^)）]{1,60})[)）]\s*")
# A closing credit paragraph: ``何一智 于琪云图文报道``, ``张三摄``, ``李四文/图``.
_CLOSING_CREDIT = re.compile(r"[\u3400-\u9fff·、，, ]{2,80}?(?:图文报道|报道|摄|文[/／]图)")
_NAME_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})(?:-(\d{2}))?(?!\d)")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
# M月D日, with an optional year before it and a range dash after it.
_DAY = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日")
_RANGE_END = re.compile(r"(?:—|–|-|~|～|至|到)\s*$")

HOW_FRONT_MATTER = "front matter"
HOW_FILE_NAME = "file name"
HOW_ARGUMENT = "--date"
HOW_INFERRED = "inferred from the text"


def read_edition(path: Path, date: str | None = None) -> tuple[list[Article], str]:
    """Read an edition text file; return its articles and how its date was found.

    :param date: YYYY-MM-DD, used when neither front matter nor file name
        gives the date.
    :raises SourceError: when the file has no headlines or no date can be
        found.
    """
    path = Path(path)
    text = read_text(path)
    meta: dict = {}
    if has_front_matter(text):
        meta, text = split_front_matter(text)
    edition_day, how = edition_date(text, path.name, date, meta.get("date") or None)
    slug = paper_slug(path.name)
    paper = str(meta.get("paper") or slug)
    articles = []
    for number, (heads, paragraphs) in enumerate(split_articles(text), start=1):
        article = parse_article(heads, paragraphs)
        article.id = f"{slug}-{edition_day}-{number:02d}"
        article.paper = paper
        article.date = edition_day
        article.source = str(path)
        articles.append(article)
    if not articles:
        raise SourceError("no headlines (lines starting with '## ') found")
    if not any(a.text.strip() for a in articles):
        raise SourceError(f"{len(articles)} headline(s) but no article text under any of them")
    return articles, how


def paper_slug(name: str) -> str:
    """Return the paper's slug from a file name: ``zhonglou-2024-03.txt`` → ``zhonglou``."""
    stem = Path(name).name.split(".", 1)[0]
    match = _NAME_DATE.search(stem)
    slug = (stem[: match.start()] if match else stem).strip("-_ ").lower()
    return slug or stem


def edition_date(
    text: str, name: str, date: str | None = None, front: str | None = None
) -> tuple[str, str]:
    """Decide an edition's date; return ``(YYYY-MM-DD, how)``.

    In order: the front matter's ``date``, a full date in the file name, the
    ``date`` argument, else the latest single day the text names (``3月4日``;
    of a range ``2月29日—3月30日`` only the start counts), in the year the file
    name names or else the latest year the text names.

    :raises SourceError: when nothing gives a date.
    """
    for value, how in ((front, HOW_FRONT_MATTER), (None, HOW_FILE_NAME), (date, HOW_ARGUMENT)):
        if how == HOW_FILE_NAME:
            match = _NAME_DATE.search(name)
            value = match.group(0) if match and match.group(3) else None
        if value:
            return _check_date(str(value), how), how
    name_year = _YEAR.search(name)
    years = [int(y) for y in _YEAR.findall(text)]
    year = int(name_year.group(1)) if name_year else (max(years) if years else None)
    if year is None:
        raise SourceError("no edition date: none in front matter, file name or text; pass a date")
    days = []
    for day in _DAY.finditer(text):
        if day.group(1) and int(day.group(1)) != year:
            continue  # 2022年5月18日 is history, not this edition
        if _RANGE_END.search(text, 0, day.start()):
            continue  # the end of a range such as 2月29日—3月30日
        try:
            days.append(dt.date(year, int(day.group(2)), int(day.group(3))))
        except ValueError:
            continue
    if not days:
        raise SourceError(f"no edition date: the text names no day of {year}; pass a date")
    return max(days).isoformat(), HOW_INFERRED


def _check_date(value: str, how: str) -> str:
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError as exc:
        raise SourceError(f"date from {how} is not YYYY-MM-DD: {value!r}") from exc


def split_articles(text: str) -> list[tuple[list[str], list[str]]]:
    """Cut an edition into ``(headlines, paragraphs)`` per article.

    Text before the first headline is dropped. A headline that follows
    another with no paragraph between joins it, up to two per article.
    """
    articles: list[tuple[list[str], list[str]]] = []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        if line == HEADLINE.strip() or line.startswith(HEADLINE):
            head = line[2:].strip()
            if articles and not articles[-1][1] and len(articles[-1][0]) < 2:
                articles[-1][0].append(head)
            else:
                articles.append(([head], []))
        elif articles:
            articles[-1][1].append(line)
    return articles


def parse_article(heads: list[str], paragraphs: list[str]) -> Article:
    """Build an Article (without id, paper and date) from its lines."""
    pretitle = subtitle = None
    title = heads[0]
    if len(heads) > 1:
        if title.endswith(KICKER_END):
            pretitle, title = title.rstrip(":：").strip(), heads[1]
        else:
            subtitle = heads[1]
    paragraphs = list(paragraphs)
    credits: list[str] = []
    reporters: list[str] = []
    if paragraphs:
        match = _BYLINE.match(paragraphs[0])
        if match:
            credits.append(match.group(0).strip())
            reporters += names_in_credit(match.group(1), bare=True)
            paragraphs[0] = paragraphs[0][match.end() :]
    if paragraphs and _CLOSING_CREDIT.fullmatch(paragraphs[-1]):
        credit = paragraphs.pop()
        credits.append(credit)
        reporters += [n for n in names_in_credit(credit) if n not in reporters]
    return Article(
        id="",
        paper="",
        date=None,
        title=title,
        text="\n".join(join_broken(p for p in paragraphs if p)),
        pretitle=pretitle,
        subtitle=subtitle,
        reporters=reporters,
        byline=" ".join(credits) or None,
    )


def join_broken(paragraphs) -> list[str]:
    """Join paragraphs the page layout broke mid-sentence to the next one."""
    joined: list[str] = []
    open_sentence = False
    for paragraph in paragraphs:
        if open_sentence:
            joined[-1] = glue(joined[-1], paragraph)
        else:
            joined.append(paragraph)
        open_sentence = joined[-1][-1] not in SENTENCE_END
    return joined

