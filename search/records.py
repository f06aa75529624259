"""Plain records for the archive: what ingest produces and the indexer consumes."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Article:
    """One article of one edition.

    ``id`` is readable and stable (``rmrb-20200119-01-02``,
    ``hkcnews-45500``, ``zhonglou-2024-03-04-03``): indexing the same source
    again replaces the article instead of adding a copy.
    """

    id: str
    paper: str
    date: str | None  # publication date, YYYY-MM-DD; None when the source has none
    title: str
    text: str  # body as plain text, paragraphs separated by "\n"
    page: str | None = None  # "01版"; None for papers without pages
    section: str | None = None  # the source's own section or category
    pretitle: str | None = None  # 引题: the kicker line above the headline
    subtitle: str | None = None  # 副题: the line below the headline
    reporters: list[str] = field(default_factory=list)  # clean personal names
    byline: str | None = None  # the credit as printed
    locations: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)  # the source's own tags
    keywords: list[str] = field(default_factory=list)  # top TF-IDF words, set when indexed
    topics: list[str] = field(default_factory=list)  # from search.topics, set when indexed
    captions: list[str] = field(default_factory=list)
    url: str | None = None
    source: str | None = None  # file (and member) the article was read from


@dataclass
class Failure:
    """A source that could not be read, with a sentence saying why."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"
