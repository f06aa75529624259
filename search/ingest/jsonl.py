"""JSON Lines files of article records, plain or gzipped, read as a stream.

Records follow the corpus form (``id``, ``paper``, ``date``, ``page``,
``section``, ``title``, ``subtitle``, ``pretitle``, ``byline``, ``text`` …).
People's Daily and hkcnews records go through the same parsers as their
source files; any other record is mapped field by field.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator
from pathlib import Path

from ..records import Article, Failure
from .decode import clean_text
from .hkcnews import PAPER as HK_PAPER
from .hkcnews import parse_hkcnews
from .rmrb import PAPER as RMRB_PAPER
from .rmrb import parse_rmrb


class RecordError(ValueError):
    """A record that cannot become an Article; the message names the field."""


def read_jsonl(path: Path) -> Iterator[Article | Failure]:
    """Yield one Article per record, or a Failure naming the bad line.

    A truncated or corrupt gzip file yields the records read so far, then
    one Failure for the file.
    """
    path = Path(path)
    source = str(path)
    opener = gzip.open if path.name.endswith(".gz") else open
    number = 0
    try:
        with opener(path, "rb") as stream:
            for number, raw in enumerate(stream, start=1):
                if not raw.strip():
                    continue
                try:
                    yield parse_record(_load(raw), source)
                except RecordError as exc:
                    yield Failure(source, f"line {number}: {exc}")
    except EOFError:
        yield Failure(source, f"truncated gzip file: it ends after line {number}")
    except (gzip.BadGzipFile, zlib.error) as exc:
        yield Failure(source, f"corrupt gzip file after line {number} ({exc})")


def _load(raw: bytes) -> dict:
    try:
        record = json.loads(raw.decode("utf-8").strip())
    except UnicodeDecodeError as exc:
        raise RecordError(f"not UTF-8 (byte {exc.start})") from exc
    except json.JSONDecodeError as exc:
        raise RecordError(f"not valid JSON: {exc.msg} (column {exc.colno})") from exc
    if not isinstance(record, dict):
        raise RecordError(f"not a JSON object but {_kind(record)}")
    return record


def parse_record(record: dict, source: str | None = None) -> Article:
    """Turn one decoded record into an Article.

    :raises RecordError: when a field is missing or has the wrong type.
    """
    record_id = _field(record, "id", str, required=True)
    if not record_id.strip():
        raise RecordError('field "id" is empty')
    paper = _field(record, "paper", str)
    member = f"{source}!{record_id}" if source else record_id
    if paper == RMRB_PAPER or record_id.startswith("rmrb-"):
        return parse_rmrb(
            id=record_id,
            date=_field(record, "date", str),
            page=_field(record, "page", str),
            pretitle=_field(record, "pretitle", str),
            title=_field(record, "title", str, required=True),
            subtitle=_field(record, "subtitle", str),
            body=_field(record, "text", str) or "",
            source=member,
        )
    if paper == HK_PAPER or record_id.startswith("hkcnews-"):
        front = {
            "title": _field(record, "title", str, required=True),
            "date": _field(record, "date", str),
            "author": _field(record, "byline", str),
            "category": _field(record, "section", str),
            "tags": _string_list(record, "tags"),
            "original_url": _field(record, "url", str),
        }
        return parse_hkcnews(front, _field(record, "text", str) or "", member, id=record_id)
    return _generic(record, record_id, paper, member)


def _generic(record: dict, record_id: str, paper: str | None, source: str) -> Article:
    """Map a record of another paper key by key."""
    authors = _string_list(record, "authors")
    byline = _field(record, "byline", str)
    return Article(
        id=record_id,
        # Ids are built paper-first (``zhonglou-2024-03-04-01``).
        paper=_one_line(paper) or record_id.split("-", 1)[0],
        date=_field(record, "date", str),
        title=_one_line(_field(record, "title", str)),
        text=clean_text(_field(record, "text", str) or "").strip(),
        page=_field(record, "page", str),
        section=_field(record, "section", str),
        pretitle=_field(record, "pretitle", str),
        subtitle=_field(record, "subtitle", str),
        reporters=[_one_line(a) for a in authors if _one_line(a)],
        byline=byline or ("、".join(authors) if authors else None),
        tags=_string_list(record, "tags"),
        url=_field(record, "url", str),
        source=source,
    )


def _field(record: dict, key: str, kind: type, *, required: bool = False):
    if key not in record or (record[key] is None and not required):
        if required:
            raise RecordError(f'field "{key}" missing')
        return None
    value = record[key]
    if not isinstance(value, kind):
        raise RecordError(f'field "{key}" should be {_KINDS[kind]}, not {_kind(value)}')
    return value


def _string_list(record: dict, key: str) -> list[str]:
    value = _field(record, key, list) or []
    if not all(isinstance(item, str) for item in value):
        raise RecordError(f'field "{key}" should be a list of strings')
    return value


def _one_line(value: str | None) -> str:
    return " ".join(clean_text(value or "").split("\n")).strip()


_KINDS = {dict: "an object", list: "an array", str: "a string", bool: "a boolean", int: "a number"}


def _kind(value) -> str:
    return _KINDS.get(type(value), "null" if value is None else type(value).__name__)
