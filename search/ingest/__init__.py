"""Source files to Article records: find the files, pick a reader, report failures.

No Whoosh and no jieba here: ingest only reads. Every problem with one file
becomes a :class:`~search.records.Failure` with a sentence, never a
traceback, and the other files go on.
"""

from __future__ import annotations

import glob
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..records import Article, Failure
from .decode import SourceError
from .edition_text import read_edition
from .hkcnews import read_hkcnews
from .jsonl import read_jsonl
from .rmrb import is_rmrb_name, read_rmrb

__all__ = ["SourceError", "discover", "read_edition", "read_file"]

# Files that live beside sources but are not sources.
IGNORED_NAMES = frozenset({".gitattributes"})


def discover(paths: Iterable[str]) -> tuple[list[Path], list[Failure]]:
    """Expand folders (recursively), glob patterns and files into a file list.

    Folders are walked in sorted order, skipping hidden files and folders.
    A path that matches nothing is a Failure. Each file appears once.
    """
    files: list[Path] = []
    failures: list[Failure] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files.extend(_walk(path))
        elif path.is_file():
            files.append(path)
        elif glob.has_magic(given):
            matches = sorted(glob.glob(given, recursive=True))
            found = [Path(m) for m in matches if Path(m).is_file() and _wanted(Path(m))]
            for match in matches:
                if Path(match).is_dir():
                    found.extend(_walk(Path(match)))
            if found:
                files.extend(found)
            else:
                failures.append(Failure(given, "no file matches this pattern"))
        else:
            failures.append(Failure(given, "no such file or folder"))
    return list(dict.fromkeys(files)), failures


def _walk(folder: Path) -> list[Path]:
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and _wanted(p.relative_to(folder))
    )


def _wanted(relative: Path) -> bool:
    """Skip hidden files and anything inside a hidden folder."""
    return relative.name not in IGNORED_NAMES and not any(
        part.startswith(".") and part not in (".", "..") for part in relative.parts
    )


# The longest real article of the corpora has 44,023 characters; a body a
# thousand times that is a broken source, and would hold the indexer for minutes.
MAX_ARTICLE_CHARS = 1_000_000


def read_file(
    path: Path,
    date: str | None = None,
    *,
    on_date: Callable[[Path, str, str], None] | None = None,
) -> Iterator[Article | Failure]:
    """Yield the Articles of one source file, or Failures saying what is wrong.

    See ``_read_file``; an article longer than MAX_ARTICLE_CHARS is a Failure.
    """
    for item in _read_file(path, date, on_date=on_date):
        if isinstance(item, Article) and len(item.text) > MAX_ARTICLE_CHARS:
            yield Failure(str(path), f"article {item.id} has {len(item.text):,} characters, "
                                     f"over the limit of {MAX_ARTICLE_CHARS:,}; not indexed")
        else:
            yield item


def _read_file(
    path: Path,
    date: str | None = None,
    *,
    on_date: Callable[[Path, str, str], None] | None = None,
) -> Iterator[Article | Failure]:
    """Yield the Articles of one source file, or Failures saying what is wrong.

    The reader follows the file: ``*.jsonl``/``*.jsonl.gz`` records,
    ``*.md`` with front matter (hkcnews), ``YYYYMMDD-PP-NN.txt`` (人民日报),
    any other ``.txt`` as an edition text. A bad JSON Lines record is a
    Failure naming its line, and the other records go on; any other problem
    ends the file with one Failure.

    :param date: YYYY-MM-DD for an edition text whose date is neither in its
        front matter nor in its file name.
    :param on_date: called as ``on_date(path, date, how)`` with how an
        edition text's date was found (``"inferred from the text"`` …).
    """
    path = Path(path)
    name = path.name.lower()
    try:
        if name.endswith((".jsonl", ".jsonl.gz")):
            yield from read_jsonl(path)
        elif name.endswith(".md"):
            yield read_hkcnews(path)
        elif name.endswith(".txt") and is_rmrb_name(path):
            yield read_rmrb(path)
        elif name.endswith(".txt"):
            articles, how = read_edition(path, date)
            if on_date is not None:
                on_date(path, articles[0].date, how)
            yield from articles
        else:
            yield Failure(str(path), f"unsupported file type {path.suffix or '(no extension)'!r}")
    except SourceError as exc:
        yield Failure(str(path), exc.reason)
    except OSError as exc:
        yield Failure(str(path), f"cannot read: {exc.strerror or exc}")
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop a run
        yield Failure(str(path), f"unexpected error: {type(exc).__name__}: {exc}")

