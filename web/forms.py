"""Reading the search form's URL arguments: filters, dates, sort and clamped paging."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields

from werkzeug.datastructures import MultiDict

from search.browse import date_window
from search.errors import QueryError
from search.searcher import SORTS, SearchRequest

# URL arguments a facet or chip adds or removes; repeatable ones AND together.
# They are the request's list fields, so a facet the engine adds is filterable.
FILTER_ARGS = tuple(f.name for f in fields(SearchRequest) if f.name not in ("q", "sort")
                    and f.default_factory is list)
DATE_ARGS = ("year", "month", "from", "to")
LABELS = {"section": "栏目", "topic": "主题", "reporter": "记者", "location": "地点",
          "paper": "报纸", "year": "年份", "month": "月份", "from": "起", "to": "止"}


def clamped_int(args: MultiDict, name: str, default: int, low: int, high: int) -> int:
    """An integer argument forced into [low, high]; missing or non-numeric gives ``default``."""
    try:
        value = int(args.get(name, ""))
    except ValueError:
        return default
    return min(max(value, low), high)


@dataclass
class SearchForm:
    """What the reader asked for, as the page needs it."""

    request: SearchRequest
    error: str | None  # a date bound the engine cannot use
    year: str
    filtered: bool  # any filter or date set

    @property
    def empty(self) -> bool:
        return not self.request.q.strip() and not self.filtered


def read_form(args: MultiDict, page_size: int, max_page_size: int, max_page: int,
              max_chars: int = 500) -> SearchForm:
    """Turn ``request.args`` into a SearchRequest; bad dates become an error message."""
    lists = {name: [v.strip() for v in args.getlist(name) if v.strip()][:10] for name in FILTER_ARGS}
    sort = args.get("sort", "relevance")
    # the engine caps the query itself (length, items, words) and says so in notices
    req = SearchRequest(
        q=args.get("q", "")[:max_chars * 2], sort=sort if sort in SORTS else "relevance",
        page=clamped_int(args, "page", 1, 1, max_page),
        limit=clamped_int(args, "limit", page_size, 1, max_page_size), **lists)
    year = args.get("year", "").strip()
    error = None
    try:
        req.date_from, req.date_to = date_window(args.get("from", ""), args.get("to", ""),
                                                 year, args.get("month", ""))
    except QueryError as exc:
        error = str(exc)
    filtered = any(lists.values()) or any(args.get(a, "").strip() for a in DATE_ARGS)
    return SearchForm(req, error, year, filtered)


def chips(args: MultiDict) -> list[tuple[str, str, str]]:
    """Active filters as (argument, label, value), one removable chip each."""
    out = []
    for name in FILTER_ARGS + DATE_ARGS:
        for value in args.getlist(name):
            if value.strip():
                out.append((name, LABELS.get(name, name), value))
    return out


def toggled(args: Mapping[str, list[str]], name: str, value: str) -> dict[str, list[str]]:
    """``args`` ({name: values}) with ``name=value`` added, or removed when present;
    paging starts again. ``args`` is not changed."""
    new = {k: v for k, v in args.items() if k != "page"}
    values = new.get(name, [])
    if value in values:
        new[name] = [v for v in values if v != value]
    elif name in FILTER_ARGS:
        new[name] = values + [value]
    else:
        new[name] = [value]  # one year, one month, one sort
    return new
