"""Snippets and highlighting: which characters are marked, and which sentence is shown."""

import gzip
import itertools
import json
import random

from search.analysis import WORD_CHAR_RUNS, fold, query_words, squeeze
from search.highlight import highlight, match_spans, snippet


def spans_by_definition(text, terms):
    """Each term found in the text's folded word characters alone, mapped back to the text."""
    folded = fold(text)
    offsets, stream = [], ""
    for run in WORD_CHAR_RUNS.finditer(folded):
        offsets.extend(range(run.start(), run.end()))
        stream += run.group()
    spans = []
    for term in filter(None, terms):
        start = stream.find(term)
        while start >= 0:
            spans.append((offsets[start], offsets[start + len(term) - 1] + 1))
            start = stream.find(term, start + 1)
    merged = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def test_matches_skip_punctuation_and_spaces_between_characters():
    assert match_spans("北京，市长 表示", ["京市长"]) == [(1, 5)]
    assert highlight("北京，市长", ["京市"]) == "北<mark>京，市</mark>长"


def test_overlapping_matches_are_one_mark():
    assert match_spans("哈哈哈，哈", ["哈哈"]) == [(0, 5)]


def test_a_term_holding_punctuation_never_matches():
    assert match_spans("a-b a b", ["a-b"]) == []


def test_simplified_term_marks_traditional_text():
    assert highlight("區議會選舉", ["议会"]) == "區<mark>議會</mark>選舉"


def test_snippet_shows_the_sentence_with_most_distinct_terms_first_of_equals():
    text = "消防演练。安全消防检查在进行。消防安全月。"
    # the second and third sentences hold both terms, once each: the second is shown
    assert snippet(text, ["消防", "安全"], width=10) == "…<mark>安全消防</mark>检查在进行。…"
    assert snippet("甲消防。乙消防。", ["消防"], width=4) == "甲<mark>消防</mark>。…"


def test_spans_on_corpus_text_are_their_definition(corpus_dir):
    rng = random.Random(11)
    texts = []
    for name in ("rmrb_dev.jsonl.gz", "hk_dev.jsonl.gz"):
        with gzip.open(corpus_dir / name, "rt", encoding="utf-8") as f:
            texts += [json.loads(line).get("text") or "" for line in itertools.islice(f, 300)]
    for text in filter(None, texts):
        pieces = [text[i:i + rng.randint(1, 8)] for i in rng.sample(range(len(text)), 3)]
        terms = query_words(pieces[0]) + [squeeze(pieces[1]), pieces[2].lower()]
        assert match_spans(text, terms) == spans_by_definition(text, terms)
