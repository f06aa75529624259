"""Ways into the archive beside a search: editions, the calendar, month counts, names, citations."""

from __future__ import annotations

import calendar as _calendar
import re
import threading
from collections import defaultdict
from dataclasses import dataclass

import numpy as np
from whoosh import query as wq

from .errors import QueryError
from .names import KINDS, NameIndex
from .query import parse_date_range

_YEAR = re.compile(r"^\d{4}$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


def date_window(date_from: str = "", date_to: str = "", year: str = "",
                month: str = "") -> tuple[str, str]:
    """One (from, to) pair of YYYY-MM-DD bounds for the form's range, year and month together.

    :raises QueryError: a bound is not a date, or the window is empty.
    """
    lows, highs = [], []
    if date_from.strip():
        lows.append(parse_date_range(date_from.strip())[0])
    if date_to.strip():
        highs.append(parse_date_range(date_to.strip())[1])
    for value, pattern, what in ((year, _YEAR, "year"), (month, _MONTH, "month")):
        if value.strip():
            if not pattern.match(value.strip()):
                raise QueryError(f"“{value}” is not a {what}; write 2019 or 2019-02.")
            low, high = parse_date_range(value.strip())
            lows.append(low)
            highs.append(high)
    low, high = (max(lows) if lows else ""), (min(highs) if highs else "")
    if low and high and high < low:
        raise QueryError("No date is in all of the chosen ranges; remove one of them.")
    return low, high


def month_counts(archive, req, year: str) -> list[tuple[str, int]]:
    """Articles matching ``req`` in each month of ``year`` (all twelve, zeros included).

    :raises QueryError: when the query cannot be run.
    """
    docs, facets = archive.matching_docs(req)
    found = dict(facets.counts("month", docs, limit=None, by_value=True))
    return [(f"{year}-{m:02d}", found.get(f"{year}-{m:02d}", 0)) for m in range(1, 13)]


def _page_key(record: dict) -> tuple:
    page = record.get("page") or ""
    digits = re.match(r"\d+", page)
    return (int(digits.group()) if digits else 10_000, page, record["id"])


def edition(archive, paper: str, date: str) -> list[dict]:
    """Every article of one paper on one day, by page, as {id, title, page, section, reporters}."""
    searcher, _ = archive.current()
    q = wq.And([wq.Term("paper", paper), wq.Term("date", date)])
    rows = []
    for docnum in searcher.docs_for_query(q):
        rec = searcher.stored_fields(docnum)["record"]
        rows.append({k: rec.get(k) for k in ("id", "title", "pretitle", "subtitle", "page",
                                              "section", "reporters")})
    return sorted(rows, key=_page_key)


def neighbours(rows: list[dict], article_id: str) -> tuple[dict | None, dict | None]:
    """The articles before and after ``article_id`` in an edition listing."""
    ids = [r["id"] for r in rows]
    if article_id not in ids:
        return None, None
    i = ids.index(article_id)
    return (rows[i - 1] if i > 0 else None), (rows[i + 1] if i + 1 < len(rows) else None)


def by_page(rows: list[dict]) -> list[tuple[str, list[dict]]]:
    """Group an edition listing by page, keeping page order."""
    pages: dict[str, list[dict]] = {}
    for row in rows:
        pages.setdefault(row.get("page") or "", []).append(row)
    return list(pages.items())


def citation(record: dict) -> str:
    """A GB/T 7714 newspaper reference: ``作者. 题名[N]. 报纸名, 出版日期(版次).``"""
    authors = ", ".join(record.get("reporters") or [])
    page = re.match(r"\d+", record.get("page") or "")
    where = f"{record.get('paper', '')}, {record.get('date') or '出版日期不详'}"
    if page:
        where += f"({page.group()})"
    title = record.get("title") or "无题"
    return (f"{authors}. " if authors else "") + f"{title}[N]. {where}."


@dataclass
class Calendar:
    """Days with editions: paper -> year -> month -> [day], all sorted."""

    papers: dict[str, dict[str, dict[str, list[str]]]]
    undated: dict[str, int]  # paper -> articles without a date

    def years(self, paper: str) -> dict[str, dict[str, list[str]]]:
        return self.papers.get(paper, {})


def _calendar_of(searcher, facets) -> Calendar:
    docs = np.fromiter(searcher.reader().all_doc_ids(), dtype=np.int64)
    paper, date = facets.single["paper"], facets.single["date"]
    pairs = np.unique(paper.codes[docs].astype(np.int64) * len(date.values) + date.codes[docs])
    tree: dict = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    undated: dict[str, int] = {}
    if "" in date.values:
        blank = date.codes[docs] == date.values.index("")
        undated = dict(facets.counts("paper", docs[blank], limit=None))
    for pair in pairs:
        p, d = paper.values[pair // len(date.values)], date.values[pair % len(date.values)]
        if p and len(d) == 10:
            tree[p][d[:4]][d[:7]].append(d)
    papers = {p: {y: {m: sorted(days) for m, days in sorted(months.items())}
                  for y, months in sorted(years.items())} for p, years in sorted(tree.items())}
    return Calendar(papers, undated)


def month_grid(month: str) -> list[list[int]]:
    """Weeks of ``YYYY-MM`` as lists of day numbers (0 outside the month), Monday first."""
    year, mon = int(month[:4]), int(month[5:7])
    return _calendar.Calendar().monthdayscalendar(year, mon)


class ArchiveViews:
    """Per-commit caches the web app keeps beside an Archive: the calendar and the name index."""

    def __init__(self, archive, name_limit: int | None = None):
        self.archive = archive
        self.name_limit = name_limit
        self._lock = threading.Lock()
        self._facets = None
        self._calendar: Calendar | None = None
        self._names: NameIndex | None = None

    def _fresh(self):
        searcher, facets = self.archive.current()
        with self._lock:
            if facets is not self._facets:
                # a commit arrived: rebuild lazily from the new reader
                self._facets, self._calendar, self._names = facets, None, None
        return searcher, facets

    def calendar(self) -> Calendar:
        searcher, facets = self._fresh()
        if self._calendar is None:
            self._calendar = _calendar_of(searcher, facets)
        return self._calendar

    def names(self) -> NameIndex:
        searcher, facets = self._fresh()
        if self._names is None:
            docs = np.fromiter(searcher.reader().all_doc_ids(), dtype=np.int64)
            self._names = NameIndex(
                (value, kind, count) for kind in KINDS
                for value, count in facets.counts(kind, docs, limit=self.name_limit))
        return self._names
