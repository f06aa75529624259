"""The Whoosh schema of an article index."""

from __future__ import annotations

from typing import Any

from whoosh.fields import ID, KEYWORD, STORED, TEXT, FieldType, Schema

from .analysis import char_counts, chinese_analyzer, pair_positions
from .positions import Counts, PackedPositions

# Bump when the schema or the analyzer's output changes: an index built with
# another version must be rebuilt, and opening one says so.
SCHEMA_VERSION = 4

# Fields that readers filter and count by. Multi-valued ones are comma KEYWORD
# fields; single-valued ones are sortable IDs so their values come from columns.
MULTI_FACETS = ("reporter", "location", "region", "tag", "topic")
SINGLE_FACETS = ("section", "paper", "page", "year", "month")
FACETS = SINGLE_FACETS + MULTI_FACETS

TITLE_BOOST = 3.0


class GramField(FieldType):
    """Pairs of adjacent characters of a text, with positions.

    The fallback that makes every run of characters findable, whatever the
    word segmenter did with it: a query string becomes a phrase of its
    overlapping pairs (one character is looked up in ``CharField``). Indexed
    straight from a dict of positions, without Token objects, because this
    field carries a posting per character.
    """

    def __init__(self) -> None:
        self.format = self._format()
        self.analyzer = None
        self.column_type = None
        self.scorable = True
        self.stored = False
        self.unique = False
        self.vector = None
        self.spelling = False
        self.multitoken_query = "phrase"

    def _format(self):
        return PackedPositions(field_boost=1.0)

    def index(self, value: Any, **kwargs: Any):
        encode = self.format.encode
        for gram, poslist in pair_positions(value).items():
            yield gram.encode("utf-8"), len(poslist), float(len(poslist)), encode(poslist)

    def process_text(self, qstring, mode="", **kwargs):
        # Only query.py builds queries on this field, from analysis.query_grams.
        return iter(())

    def self_parsing(self) -> bool:
        return False


class CharField(GramField):
    """Each character of a text with its count, without positions.

    A query of one character is the only one that looks here, and it needs
    no positions: leaving them out halves the n-gram occurrences a segment
    writes (a single character's positions were half of them).
    """

    def _format(self):
        return Counts(field_boost=1.0)

    def index(self, value: Any, **kwargs: Any):
        for ch, n in char_counts(value).items():
            yield ch.encode("utf-8"), n, float(n), b""


def text_field(analyzer, boost: float = 1.0) -> TEXT:
    """A segmented text field with word positions (for phrases), in Baoku's posting format."""
    field = TEXT(analyzer=analyzer, phrase=True, field_boost=boost)
    field.format = PackedPositions(field_boost=boost)
    return field


def article_schema(userdict: str | None = None) -> Schema:
    """Build the schema; ``userdict`` is the index's own word list for the segmenter."""
    ana = chinese_analyzer(userdict)
    return Schema(
        id=ID(unique=True, stored=True, sortable=True),
        # pretitle, title and subtitle, weighted up in BM25F
        title=text_field(ana, TITLE_BOOST),
        body=text_field(ana),
        grams=GramField(),  # title and body as character pairs
        chars=CharField(),  # title and body as characters
        date=ID(sortable=True),  # YYYY-MM-DD; "" when unknown
        year=ID(sortable=True),
        month=ID(sortable=True),  # YYYY-MM
        paper=ID(sortable=True),
        page=ID(sortable=True),
        section=ID(sortable=True),
        reporter=KEYWORD(commas=True),
        location=KEYWORD(commas=True),  # the places named
        # the places named and every division that holds them: a filter on
        # 江苏省 finds articles naming 钟楼区
        region=KEYWORD(commas=True),
        topic=KEYWORD(commas=True),
        tag=KEYWORD(commas=True),  # the source's tags and the keywords
        # one value per distinct body: reprints (转版) and revision copies share it
        body_hash=ID(sortable=True),
        content_hash=ID(),
        record=STORED(),  # the Article as a dict, for results and the article page
    )
