"""People's Daily (人民日报) article files: ``YYYYMMDD-PP-NN.txt``.

Each file holds one article: line 1 the 引题 (pretitle, the kicker above the
headline), line 2 the headline, line 3 the 副题 (subtitle), then the body, one
paragraph per line, indented with U+3000. There is no author field: reporters
are read from the credits the body prints (see :func:`find_credits`).
"""

from __future__ import annotations

import re
from pathlib import Path

from ..records import Article
from .credits import names_in_credit
from .decode import SourceError, clean_text, read_text

PAPER = "人民日报"
FILE_NAME = re.compile(r"(\d{4})(\d{2})(\d{2})-(\d{2})-(\d{2})\.txt")

# 电头 (dateline): who filed it, where and when, then the reporters' bracket.
# ``本报北京1月31日电  （记者杜一菲）``, ``据新华社电``, ``本报电``.
_DATELINE = re.compile(
    r"(?:据)?(?:本报|新华社|中新社|人民网|新华网)[^，。：“”\s（(]{0,80}?电"
    r"(?P<bracket>[\s\u00a0\u3000]*[（(](?P<inner>[^）)]{0,300})[）)])?"
)
# A standalone reporter line near the top: ``本报记者  李  刚``.
_REPORTER_LINE = re.compile(
    r"(?:本报(?:特约|驻[^\s\u00a0]{1,12}?)?记者|本报评论员|本报通讯员|特约记者|新华社记者)"
)
_REPORTER_LINE_MAX = 60
# A whole last paragraph in brackets: ``（本报记者田俊荣、陆娅楠）``.
_BRACKET_CREDIT = re.compile(r"[（(][^\n]{1,400}[）)]")
_CREDIT_OPENING = re.compile(r"本报|新华社|作者|执笔|据|综合")
# A photo credit as the last paragraph: ``邵 丹摄（人民视觉）``, ``新华社发``.
_PHOTO_CREDIT = re.compile(r"[^。！？，]{0,60}(?:摄|摄影报道|文并图|新华社发)(?:[（(][^）)]{1,20}[）)])?")


def is_rmrb_name(path: Path) -> bool:
    """Tell whether a file name has the People's Daily form ``YYYYMMDD-PP-NN.txt``."""
    return FILE_NAME.fullmatch(Path(path).name) is not None


def read_rmrb(path: Path) -> Article:
    """Read one People's Daily article file.

    :raises SourceError: when the name or the layout is not the expected one.
    """
    path = Path(path)
    match = FILE_NAME.fullmatch(path.name)
    if match is None:
        raise SourceError("file name is not YYYYMMDD-PP-NN.txt")
    year, month, day, page, _number = match.groups()
    lines = read_text(path).split("\n")
    if len(lines) < 2:
        raise SourceError("fewer than two lines: no headline on line 2")
    return parse_rmrb(
        id=f"rmrb-{path.stem}",
        date=f"{year}-{month}-{day}",
        page=f"{page}版",
        pretitle=lines[0],
        title=lines[1],
        subtitle=lines[2] if len(lines) > 2 else None,
        body="\n".join(lines[3:]),
        source=str(path),
    )


def parse_rmrb(
    *,
    id: str,
    date: str | None,
    page: str | None,
    pretitle: str | None,
    title: str,
    subtitle: str | None,
    body: str,
    source: str | None = None,
) -> Article:
    """Build an Article from a People's Daily article's fields.

    Shared by the file reader and the JSON Lines reader so both give equal
    Articles. ``body`` is one paragraph per line; indentation and
    whitespace-only lines are dropped.
    """
    paragraphs = [p.strip() for p in clean_text(body).split("\n")]
    paragraphs = [p for p in paragraphs if p]
    credits = find_credits(paragraphs)
    reporters: list[str] = []
    for credit, bare in credits:
        reporters.extend(n for n in names_in_credit(credit, bare=bare) if n not in reporters)
    return Article(
        id=id,
        paper=PAPER,
        date=date,
        title=_line(title) or "",
        text="\n".join(paragraphs),
        page=page,
        section=None,
        pretitle=_line(pretitle),
        subtitle=_line(subtitle),
        reporters=reporters,
        byline=credits[0][0] if credits else None,
        source=source,
    )


def find_credits(paragraphs: list[str]) -> list[tuple[str, bool]]:
    """Find the credits printed in an article, in the order bylines rank.

    Returns ``(credit, bare)`` pairs, ``bare`` meaning the credit's bracket
    may list names without a role word. The first credit is the byline as
    the corpus defines it: the dateline opening the first paragraph, else a
    short reporter line among the first three paragraphs, else a bracketed
    last paragraph, else a photo credit as the last paragraph.
    """
    credits: list[tuple[str, bool]] = []
    if not paragraphs:
        return credits
    dateline = _DATELINE.match(paragraphs[0])
    if dateline:
        credits.append((dateline.group(0).strip(), False))
        if dateline.group("inner"):
            # ``本报烟台1月16日电  （肖家鑫、郑志勇）``: names with no 记者.
            credits.append((dateline.group("inner"), True))
    for paragraph in paragraphs[:3]:
        if len(paragraph) <= _REPORTER_LINE_MAX and _REPORTER_LINE.match(paragraph):
            credits.append((paragraph, False))
    last = paragraphs[-1]
    if len(paragraphs) > 1 or not dateline:
        if _BRACKET_CREDIT.fullmatch(last):
            # ``（本报巴黎电）`` and ``（作者为…）`` are credits without people;
            # ``（尚  文）`` signs a commentary; ``（相关报道见第六版）`` is no credit.
            if _CREDIT_OPENING.match(last[1:]) or names_in_credit(last[1:-1], bare=True):
                credits.append((last, True))
        elif _PHOTO_CREDIT.fullmatch(last):
            credits.append((last, False))
    return credits


def _line(value: str | None) -> str | None:
    """Clean a headline line; None when it is empty."""
    if value is None:
        return None
    value = clean_text(value).strip()
    return value or None
