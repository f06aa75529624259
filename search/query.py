"""A reader's query text -> a Whoosh query.

The language: words (all must match), "quoted phrases" (also “…” and 「…」),
``OR`` between two items, ``-item`` to exclude, ``field:value`` for
section, reporter, location, paper, page, tag, year and id, and
``date:2019-10..2019-12`` ranges (either end may be left open).

We parse it ourselves rather than with Whoosh's QueryParser, which never
fails (it silently drops what it cannot read), takes time growing with the
square of the query's length, and widens ``date:[1998-01-05 to 1998-01-10]``
to the whole year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import opencc
from whoosh import query as wq

from .analysis import WORD_CHARS, fold, query_grams, query_words, squeeze
from .errors import QueryError
from .phrase import FastPhrase
from .places import place
from .schema import TITLE_BOOST

FILTER_FIELDS = ("section", "reporter", "location", "paper", "page", "tag", "topic", "year", "id")
FIELD_ALIASES = {"author": "reporter", "place": "location"}
# A place filter also finds the places inside it (江苏省 finds 钟楼区).
FILTER_INDEX_FIELD = {"location": "region"}
MAX_WORDS = 32
MAX_GRAMS = 24
MAX_GROUPS = 16  # words, phrases and filters in one query: each is a matcher ANDed
# Matches through the character n-gram fallback rank below whole-word matches.
GRAM_BOOST = 0.4

_QUOTES = {'"': '"', "“": "”", "「": "」", "『": "』", "＂": "＂"}
_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")
_SPACE = re.compile(r"[\s\u3000]+")
_BRACKETS = "()[]{}（）【】"  # read as punctuation inside a word: they do not group
_FIELD = re.compile(r"^([A-Za-z]+):")


@dataclass
class Item:
    kind: str  # "words", "phrase", "field", "date"
    text: str
    field: str | None = None
    negated: bool = False
    date_range: tuple[str, str] | None = None


@dataclass
class ParsedQuery:
    """The query as understood, with what was ignored said in ``notices``."""

    text: str
    groups: list[list[Item]] = field(default_factory=list)  # AND of ORs
    notices: list[str] = field(default_factory=list)

    def highlight_terms(self) -> list[str]:
        """Folded strings to mark in snippets: the positive words and phrases."""
        terms = []
        for group in self.groups:
            for item in group:
                if item.negated:
                    continue
                if item.kind == "phrase":
                    terms.append(squeeze(item.text))
                elif item.kind == "words":
                    terms.extend(query_words(item.text))
                elif item.kind == "field" and item.field in ("reporter", "location"):
                    terms.append(squeeze(item.text))
        return [t for t in dict.fromkeys(terms) if t]


def parse(text: str, max_chars: int = 500) -> ParsedQuery:
    """Parse a reader's query; raise QueryError with a sentence when it cannot be used."""
    parsed = ParsedQuery(text=text)
    text = text.replace("\x00", "")
    if len(text) > max_chars:
        parsed.notices.append(
            f"The query was {len(text)} characters long; only the first {max_chars} were searched.")
        text = text[:max_chars]
    pending_or = False
    brackets: list[str] = []
    for raw in _split(text, parsed, brackets):
        if raw == ("OR",) or raw == ("|",):
            if not parsed.groups:
                parsed.notices.append("A leading OR was ignored.")
            else:
                pending_or = True
            continue
        item = _item(raw[0], raw[1], parsed)
        if item is None or any(item == other for group in parsed.groups for other in group):
            continue
        if len(parsed.groups) >= MAX_GROUPS and not (pending_or and parsed.groups):
            parsed.notices.append(f"Only the first {MAX_GROUPS} words and phrases were searched.")
            break
        if pending_or and parsed.groups:
            parsed.groups[-1].append(item)
        else:
            parsed.groups.append([item])
        pending_or = False
    if pending_or:
        parsed.notices.append("A trailing OR was ignored.")
    if brackets:
        parsed.notices.append("Brackets do not group words here; they were read as punctuation: "
                              + " ".join(dict.fromkeys(brackets)))
    if not parsed.groups and parsed.notices and text.strip():
        # everything typed was ignored: say so, rather than list the whole archive
        raise QueryError(" ".join(["Nothing was left to search for.", *parsed.notices]))
    return parsed


def _split(text: str, parsed: ParsedQuery, brackets: list[str]):
    """Yield (prefix, body) pieces: body is ("phrase", s) or ("bare", s); OR as ("OR",).
    The brackets met outside quotation marks are added to ``brackets``."""
    i, n = 0, len(text)
    while i < n:
        if _SPACE.match(text[i]):
            i += 1
            continue
        prefix = ""
        if text[i] == "-" and i + 1 < n and not _SPACE.match(text[i + 1]):
            prefix, i = "-", i + 1
        m = _FIELD.match(text[i:])
        if m and i + len(m.group(0)) < n and not _SPACE.match(text[i + len(m.group(0))]):
            prefix += m.group(0)
            i += len(m.group(0))
        if text[i] in _QUOTES:
            close = _QUOTES[text[i]]
            end = text.find(close, i + 1)
            closed = end >= 0
            end = end if closed else n
            if not WORD_CHARS.search(text[i + 1:end]):
                parsed.notices.append(
                    f"The quotation marks {text[i]}{close} held nothing to search for and were ignored."
                    if closed else f"A lone quotation mark {text[i]} was ignored.")
            else:
                if not closed:
                    parsed.notices.append(f"A quotation mark {text[i]} was not closed; "
                                          "the rest was searched as a phrase.")
                yield (prefix, ("phrase", text[i + 1:end]))
            i = end + 1
            continue
        m2 = _SPACE.search(text, i)
        end = m2.start() if m2 else n
        word = text[i:end]
        i = end
        # brackets do not group here; "(a OR) b" still means OR, not the word "or"
        bare = word.strip(_BRACKETS)
        brackets.extend(ch for ch in word if ch in _BRACKETS)
        if not prefix and bare in ("OR", "|"):
            yield (bare,)
        elif word == "-":
            parsed.notices.append("A lone '-' was ignored.")
        else:
            yield (prefix, ("bare", word))


def _item(prefix: str, body: tuple[str, str], parsed: ParsedQuery) -> Item | None:
    negated = prefix.startswith("-")
    fname = prefix.lstrip("-").rstrip(":").lower()
    kind, value = body
    if fname:
        fname = FIELD_ALIASES.get(fname, fname)
        if fname == "date":
            return Item("date", value, "date", negated, parse_date_range(value))
        if fname not in FILTER_FIELDS:
            known = ", ".join(FILTER_FIELDS + ("date",))
            raise QueryError(f"There is no field called “{fname}”; you can use {known}.")
        value = value.strip()
        if not value:
            parsed.notices.append(f"“{fname}:” had no value and was ignored.")
            return None
        return Item("field", value, fname, negated)
    if not squeeze(value):
        if value.strip():
            parsed.notices.append(f"“{value}” has no letters or characters to search for and was ignored.")
        return None
    return Item("phrase" if kind == "phrase" else "words", value, None, negated)


def parse_date_range(value: str) -> tuple[str, str]:
    """``2019``, ``2019-10``, ``2019-10-05`` or ``A..B`` (an end may be empty) -> (low, high)."""
    lo, sep, hi = value.partition("..")
    if not sep:
        hi = lo
    if not lo.strip() and not hi.strip():
        raise QueryError("A date range needs at least one end, as in date:2019-10..2019-12.")
    low = _date_bound(lo.strip(), low=True) if lo.strip() else ""
    high = _date_bound(hi.strip(), low=False) if hi.strip() else "9999-12-31"
    if low and high < low:
        raise QueryError(f"The date range {value} ends before it starts.")
    return low, high


def _date_bound(text: str, low: bool) -> str:
    m = _DATE.match(text)
    if not m:
        raise QueryError(
            f"“{text}” is not a date; write 2019, 2019-10 or 2019-10-05 (ranges as 2019-10..2019-12).")
    year, month, day = m.group(1), m.group(2), m.group(3)
    if month and not 1 <= int(month) <= 12:
        raise QueryError(f"“{text}” has no month {int(month)}.")
    if day and not 1 <= int(day) <= 31:
        raise QueryError(f"“{text}” has no day {int(day)}.")
    month = f"{int(month):02d}" if month else ("01" if low else "12")
    day = f"{int(day):02d}" if day else ("01" if low else "31")
    return f"{year}-{month}-{day}"


# --- building Whoosh queries -----------------------------------------------

_s2t = opencc.OpenCC("s2t")
_s2hk = opencc.OpenCC("s2hk")


def value_variants(value: str) -> list[str]:
    """A filter value as written, and in the other script (林励 finds 林勵)."""
    value = value.strip()
    return list(dict.fromkeys([value, fold(value), _s2t.convert(value), _s2hk.convert(value)]))


def field_query(fname: str, value: str) -> wq.Query:
    fname = FILTER_INDEX_FIELD.get(fname, fname)
    values = value_variants(value)
    if fname == "region":  # a short name (上海) filters as the full one (上海市)
        found = place(value)
        if found:
            values.append(found.name)
    return wq.Or([wq.Term(fname, v) for v in dict.fromkeys(values)])


def text_query(words: list[str], phrase_text: str | None = None) -> wq.Query:
    """Text must occur (through the n-gram field); as words in title or body it ranks higher.

    Matching runs on character pairs alone: every place the words occur,
    the pairs do too, so this finds the same articles as an OR of both and
    whatever the segmenter did. The word terms only add to the score, so
    Whoosh evaluates them just for the articles that match.
    """
    grams = query_grams(phrase_text if phrase_text is not None else "".join(words))
    required = gram_query(grams)
    scoring: list[wq.Query] = []
    if words:
        for fname, boost in (("title", TITLE_BOOST), ("body", 1.0)):
            q = wq.Term(fname, words[0]) if len(words) == 1 else FastPhrase(fname, words[:MAX_WORDS])
            q.boost = boost
            scoring.append(q)
    if required is None:
        return wq.Or(scoring)
    if not scoring:
        return required
    return wq.AndMaybe(required, wq.Or(scoring))


def gram_query(grams: list[str]) -> wq.Query | None:
    """Consecutive character pairs; a long run is checked at its start and its end.

    Checking every pair of a 500-character run (a pasted paragraph, or
    ``aaaa…``) costs seconds; its first and last MAX_GRAMS pairs already pin
    down the text.
    """
    if not grams:
        return None
    if len(grams) == 1:  # one character (``chars``) or one pair
        q = wq.Term("chars" if len(grams[0]) == 1 else "grams", grams[0])
    elif len(grams) <= MAX_GRAMS:
        q = FastPhrase("grams", grams)
    else:
        q = wq.And([FastPhrase("grams", grams[:MAX_GRAMS]), FastPhrase("grams", grams[-MAX_GRAMS:])])
    q.boost = GRAM_BOOST
    return q


def scoring_part(q: wq.Query) -> wq.Query | None:
    """The word terms of ``q`` that rank a match: the optional half of each AndMaybe."""
    if isinstance(q, wq.AndMaybe):
        return q.b
    if isinstance(q, wq.AndNot):
        return scoring_part(q.a)
    if isinstance(q, (wq.And, wq.Or)):
        parts = [p for p in (scoring_part(sub) for sub in q.subqueries) if p is not None]
        return wq.Or(parts) if len(parts) > 1 else (parts[0] if parts else None)
    return None


def matching_part(q: wq.Query) -> wq.Query:
    """``q`` without the parts that only add to the score: which articles match, for counting."""
    if isinstance(q, wq.AndMaybe):
        return matching_part(q.a)
    if isinstance(q, wq.AndNot):
        return wq.AndNot(matching_part(q.a), q.b)
    if isinstance(q, (wq.And, wq.Or)):
        return type(q)([matching_part(sub) for sub in q.subqueries])
    return q


def item_query(item: Item, userdict: str | None, parsed: ParsedQuery) -> wq.Query | None:
    if item.kind == "date":
        low, high = item.date_range
        return wq.TermRange("date", low or "0000", high)
    if item.kind == "field":
        return field_query(item.field, item.text)
    if item.kind == "phrase":
        return text_query(query_words(item.text, userdict), item.text)
    words = list(dict.fromkeys(query_words(item.text, userdict)))  # 经济经济… is one word
    if len(words) > MAX_WORDS:
        parsed.notices.append(f"Only the first {MAX_WORDS} words of “{item.text[:20]}…” were searched.")
        words = words[:MAX_WORDS]
    if not words:
        return None
    # Each word must match somewhere; together they need not be adjacent.
    qs = [text_query([w]) for w in words]
    return qs[0] if len(qs) == 1 else wq.And(qs)


def build(parsed: ParsedQuery, filters: dict[str, list[str]] | None = None,
          date_range: tuple[str, str] | None = None, userdict: str | None = None) -> wq.Query:
    """The Whoosh query for a parsed query plus the filters of the search form."""
    required: list[wq.Query] = []
    excluded: list[wq.Query] = []
    for group in parsed.groups:
        alternatives = []
        for item in group:
            q = item_query(item, userdict, parsed)
            if q is None:
                continue
            if item.negated:
                if len(group) == 1:
                    excluded.append(q)
                else:
                    alternatives.append(wq.Not(q))
            else:
                alternatives.append(q)
        if alternatives:
            required.append(alternatives[0] if len(alternatives) == 1 else wq.Or(alternatives))
    for fname, values in (filters or {}).items():
        for value in values:
            if value and value.strip():
                required.append(field_query(fname, value))
    if date_range:
        low, high = date_range
        required.append(wq.TermRange("date", low or "0000", high or "9999-12-31"))
    if not required:
        required.append(wq.Every())
    q = required[0] if len(required) == 1 else wq.And(required)
    if excluded:
        q = wq.AndNot(q, wq.Or(excluded) if len(excluded) > 1 else excluded[0])
    return q
