"""Snippets and highlighting: escaped HTML with <mark> around what the query matched.

Matching runs on folded text with spaces and punctuation skipped, the way
the n-gram field sees it, so a Simplified query marks Traditional text and a
phrase copied with other punctuation still lights up. We don't use
Whoosh's highlighter: it needs character offsets stored for every posting
and re-analyses the stored text, and its default fragmenter does not split
Chinese sentences.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from functools import lru_cache

from .analysis import NON_WORD_CHAR, WORD_CHAR_RUNS, fold

SENTENCE_END = re.compile(r"[。！？!?；;\n]+")


def match_spans(text: str, terms: list[str], folded: str | None = None) -> list[tuple[int, int]]:
    """Character spans of ``text`` where any of the folded, squeezed ``terms`` occurs
    (``folded``: ``fold(text)``, when the caller has it)."""
    patterns = _patterns(terms) if text else []
    if not patterns:
        return []
    return _find(patterns, fold(text) if folded is None else folded)


def _patterns(terms: list[str]) -> list[re.Pattern]:
    return [p for p in map(_term_pattern, terms) if p is not None]


def _find(patterns: list[re.Pattern], folded: str) -> list[tuple[int, int]]:
    # every non-word character as NUL (which is one itself): offsets stay the text's
    squashed = NON_WORD_CHAR.sub("\0", folded)
    spans = []
    for pattern in patterns:
        found = pattern.search(squashed)
        while found is not None:
            spans.append(found.span())
            found = pattern.search(squashed, found.start() + 1)
    return _merge(spans)


@lru_cache(maxsize=4096)
def _term_pattern(term: str) -> re.Pattern | None:
    """``term``'s characters with any run of NUL between them, for the squashed text.

    Searching the folded text with every non-word character turned into NUL
    finds what searching its word characters alone (spaces and punctuation
    squeezed out) for ``term`` finds, without building that squeezed copy and
    its offsets for every shown article. (The non-word class itself between
    the characters cost a millisecond per character to compile.) A term
    holding a non-word character never matches; nor does an empty one.
    """
    if not term or not WORD_CHAR_RUNS.fullmatch(term):
        return None
    return re.compile("\0*".join(re.escape(ch) for ch in term))


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def mark(text: str, spans: list[tuple[int, int]], start: int = 0, end: int | None = None) -> str:
    """Escape ``text[start:end]`` and wrap ``spans`` in <mark>."""
    end = len(text) if end is None else end
    out, pos = [], start
    for s, e in spans:
        if e <= start or s >= end:
            continue
        s, e = max(s, start), min(e, end)
        out.append(html.escape(text[pos:s]))
        out.append("<mark>" + html.escape(text[s:e]) + "</mark>")
        pos = e
    out.append(html.escape(text[pos:end]))
    return "".join(out)


def highlight(text: str, terms: list[str]) -> str:
    """All of ``text`` as escaped HTML, every match marked."""
    return mark(text, match_spans(text, terms))


def snippet(text: str, terms: list[str], width: int = 120,
            fold_text: Callable[[str], str] = fold) -> str:
    """The sentences of ``text`` that best show the matches, about ``width`` characters.

    ``fold_text`` folds the (stripped) text, only when a term could match
    it; a caller may pass one that remembers texts shown before (folding is
    most of a snippet's cost).
    """
    text = text.strip()
    patterns = _patterns(terms) if text else []
    folded = fold_text(text) if patterns else ""
    spans = _find(patterns, folded) if patterns else []
    if not spans:
        return html.escape(_cut(text, 0, width)) + ("…" if len(text) > width else "")
    sentences = _sentences(text)
    i = _best_sentence(sentences, spans, folded, terms)
    start, end = sentences[i]
    # grow forward, then backward, to about ``width`` characters
    while end - start < width and i + 1 < len(sentences):
        i += 1
        end = sentences[i][1]
    if end - start > width * 1.5:
        first = next((s for s, e in spans if start <= s < end), start)
        start = max(start, first - width // 3)
        end = min(end, start + width)
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return prefix + mark(text, spans, start, end).strip() + suffix


def _sentences(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for m in SENTENCE_END.finditer(text):
        if m.end() > pos:
            out.append((pos, m.end()))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return out or [(0, len(text))]


def _best_sentence(sentences: list[tuple[int, int]], spans, folded: str,
                   terms: list[str]) -> int:
    """Index of the sentence with the most distinct terms, then the most matches; the
    first such. Only sentences where a match starts can win, so only those are scored."""
    firsts = [s for s, _ in sentences]
    starts = [s for s, _ in spans]
    best, best_score = 0, (0, 0)
    lo = 0
    while lo < len(spans):
        i = bisect_right(firsts, starts[lo]) - 1
        s0, e0 = sentences[i]
        hi = bisect_left(starts, e0, lo)
        inside = [folded[s:e] for s, e in spans[lo:hi]]
        score = (sum(1 for t in terms if any(t in m or m in t for m in inside)), len(inside))
        if score > best_score:
            best, best_score = i, score
        lo = hi
    return best


def _cut(text: str, start: int, width: int) -> str:
    return text[start:start + width]
