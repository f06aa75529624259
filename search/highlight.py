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

from .analysis import WORD_CHAR_RUNS, fold

SENTENCE_END = re.compile(r"[。！？!?；;\n]+")


def match_spans(text: str, terms: list[str], folded: str | None = None) -> list[tuple[int, int]]:
    """Character spans of ``text`` where any of the folded, squeezed ``terms`` occurs
    (``folded``: ``fold(text)``, when the caller has it)."""
    if not terms or not text:
        return []
    folded = fold(text) if folded is None else folded
    offsets: list[int] = []
    runs = []
    for run in WORD_CHAR_RUNS.finditer(folded):
        offsets.extend(range(run.start(), run.end()))
        runs.append(run.group())
    stream = "".join(runs)
    spans = []
    for term in terms:
        if not term:
            continue
        start = stream.find(term)
        while start >= 0:
            spans.append((offsets[start], offsets[start + len(term) - 1] + 1))
            start = stream.find(term, start + 1)
    return _merge(spans)


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


def snippet(text: str, terms: list[str], width: int = 120) -> str:
    """The sentences of ``text`` that best show the matches, about ``width`` characters."""
    text = text.strip()
    folded = fold(text)
    spans = match_spans(text, terms, folded)
    if not spans:
        return html.escape(_cut(text, 0, width)) + ("…" if len(text) > width else "")
    sentences = _sentences(text)
    best = max(sentences, key=lambda se: _score(se, spans, folded, terms))
    start, end = best
    # grow forward, then backward, to about ``width`` characters
    i = sentences.index(best)
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


def _score(sentence: tuple[int, int], spans, folded: str, terms: list[str]) -> tuple[int, int]:
    s0, e0 = sentence
    inside = [folded[s:e] for s, e in spans if s0 <= s < e0]
    distinct = sum(1 for t in terms if any(t in m or m in t for m in inside))
    return (distinct, len(inside))


def _cut(text: str, start: int, width: int) -> str:
    return text[start:start + width]
