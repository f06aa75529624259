"""Chinese text analysis for Whoosh: folding, word segmentation, character n-grams.

This is the only module that imports a segmenter. We segment with rjieba
(jieba-rs): the same dictionary and algorithm as jieba, about 20x faster;
``tests/test_analysis.py`` checks that both cut the corpus the same way.
"""

from __future__ import annotations

import os
import re
import threading
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager

import opencc
import rjieba
from whoosh.analysis import Composable, Token, Tokenizer

# Characters that can be part of a searchable word: CJK ideographs (with the
# extension blocks), kana, Hangul, Latin letters and digits.
_WORD_CHAR = (
    r"0-9A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff"
    r"\u3005\u3007\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
    r"\U00020000-\U0003134f"
)
WORD_CHARS = re.compile(f"[{_WORD_CHAR}]")
NON_WORD_CHAR = re.compile(f"[^{_WORD_CHAR}]")
NON_WORD_CHARS = re.compile(f"[^{_WORD_CHAR}]+")
WORD_CHAR_RUNS = re.compile(f"[{_WORD_CHAR}]+")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")

_t2s_local = threading.local()


def _t2s() -> opencc.OpenCC:
    # One converter per thread: the web server answers from several threads.
    conv = getattr(_t2s_local, "conv", None)
    if conv is None:
        conv = _t2s_local.conv = opencc.OpenCC("t2s")
    return conv


class _CharTable(dict):
    """A ``str.translate`` table (code point -> ``func(character)``) filled as characters are met.

    Mapping a text one character at a time then runs in C. A miss costs a
    Python call once per code point; at most ``LIMIT`` code points are kept.
    """

    LIMIT = 1 << 16

    def __init__(self, func):
        super().__init__()
        self.func = func

    def __missing__(self, code: int) -> str:
        value = self.func(chr(code))
        if len(self) < self.LIMIT:
            self[code] = value
        return value


_NFKC_CHARS = _CharTable(lambda ch: unicodedata.normalize("NFKC", ch))
_FOLD_CHARS = _CharTable(lambda ch: _fold_char(ch))
_T2S_CHARS = _CharTable(lambda ch: _t2s_char(ch))


def _nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``, about twice as fast on news text.

    Each character's own NFKC form, joined, is compatibility-equivalent to
    ``text``; when that join is already normalized it is therefore text's
    NFKC form. It is unless characters combine (accents, jamo): those texts
    are normalized whole. Chinese text fails NFKC's quick check on every
    full-width comma, and the full normalization was half the cost of a snippet.
    """
    joined = text.translate(_NFKC_CHARS)
    if unicodedata.is_normalized("NFKC", joined):
        return joined
    return unicodedata.normalize("NFKC", text)


_FOLDED: dict[str, str] = {}  # the last texts folded (insertion order: oldest first)
_KEPT: dict[str, str] = {}  # texts folded for the indexer (``kept_folds``)
_FOLDED_MAX = 64
_folded_lock = threading.Lock()


def fold(text: str) -> str:
    """Fold text for matching: full-width to half-width, Traditional to Simplified, lower case.

    The result has exactly as many characters as ``text``, so an offset into
    one is an offset into the other; highlighting relies on that. Kept for
    the last texts folded: indexing folds an article's text for several fields.
    """
    folded = _KEPT.get(text) or _FOLDED.get(text)
    if folded is None:
        folded = _remember(text, _fold(text))
    return folded


@contextmanager
def kept_folds(folded: dict[str, str]) -> Iterator[None]:
    """Make ``fold`` answer from ``folded`` (text -> ``fold(text)``) inside the block:
    the indexer folds every article once and its passes over the batch find them."""
    _KEPT.update(folded)
    try:
        yield
    finally:
        _KEPT.clear()


def fold_lines(*lines: str) -> str:
    """``fold("\\n".join(lines))``, folding each line once: no folding step reaches
    across a line break, and an article's fields join the same lines in several ways."""
    text = "\n".join(lines)
    folded = _FOLDED.get(text)
    if folded is None:
        folded = _remember(text, "\n".join(fold(line) for line in lines))
    return folded


def remember_fold(text: str, folded: str) -> None:
    """Tell ``fold`` that ``text`` folds to ``folded``: a part of an article's folded
    text that is ``text``'s place in the article (folding keeps every character's
    place), so a quotation is not folded again."""
    if len(folded) == len(text):
        _remember(text, folded)


def _remember(text: str, folded: str) -> str:
    with _folded_lock:
        _FOLDED[text] = folded
        while len(_FOLDED) > _FOLDED_MAX:
            del _FOLDED[next(iter(_FOLDED))]
    return folded


def _fold(text: str) -> str:
    norm = _nfkc(text)
    if len(norm) != len(text):
        # NFKC expanded or merged something (①, ㎡, ﬁ, …): fold one character
        # at a time and keep any character whose folding is not one character.
        norm = text.translate(_FOLD_CHARS)
    conv = _t2s().convert(norm)
    if len(conv) != len(norm):
        conv = norm.translate(_T2S_CHARS)
    return conv.lower()


def _fold_char(ch: str) -> str:
    n = unicodedata.normalize("NFKC", ch)
    return n if len(n) == 1 else ch


def _t2s_char(ch: str) -> str:
    c = _t2s().convert(ch)
    return c if len(c) == 1 else ch


def squeeze(text: str) -> str:
    """Keep only the word characters of folded ``text`` (no spaces, no punctuation)."""
    return NON_WORD_CHARS.sub("", fold(text))


def is_cjk(word: str) -> bool:
    return bool(_CJK.match(word))


# --- the segmenter ---------------------------------------------------------

_segmenters: dict[tuple[str, float], rjieba.Jieba] = {}
_segmenters_lock = threading.Lock()


_plain: rjieba.Jieba | None = None  # the segmenter without a user dictionary, once loaded
_fixed: dict[str, rjieba.Jieba] = {}  # user dictionaries that do not change (``fixed_dictionary``)


def segmenter(userdict: str | None = None) -> rjieba.Jieba:
    """Return the rjieba segmenter with ``userdict``'s words added, loaded once per process.

    Without a user dictionary it is answered first thing: the quote rules ask for it
    several hundred times an article. With one, the file is looked at each time (a
    ``stat``), so words added since are used, unless ``fixed_dictionary`` says it
    cannot change."""
    global _plain
    if not userdict:
        if _plain is not None:
            return _plain
    elif userdict in _fixed:
        return _fixed[userdict]
    try:
        mtime = os.stat(userdict).st_mtime if userdict else 0.0
    except OSError:
        mtime = 0.0
    key = (userdict or "", mtime)
    seg = _segmenters.get(key)
    if seg is None:
        with _segmenters_lock:
            seg = _segmenters.get(key)
            if seg is None:
                seg = rjieba.Jieba()
                for word, tag in read_userdict(userdict):
                    seg.add_word(word, None, tag)
                _segmenters[key] = seg
    if not userdict:
        _plain = seg
    return seg


@contextmanager
def fixed_dictionary(userdict: str) -> Iterator[None]:
    """Inside the block, ``segmenter(userdict)`` answers with the segmenter of the file as
    it is now, without looking at it again: the indexer's passes ask for it for every
    field of every article (two ``stat`` calls each, about 3% of indexing), and the file does not
    change while they run. Workers forked inside the block inherit it."""
    _fixed[userdict] = segmenter(userdict)
    try:
        yield
    finally:
        _fixed.pop(userdict, None)


def read_userdict(path: str | None) -> list[tuple[str, str | None]]:
    """Read a jieba-style user dictionary: ``word [freq] [tag]`` per line."""
    if not path or not os.path.exists(path):
        return []
    words = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if not parts:
                continue
            tag = parts[-1] if len(parts) > 1 and not parts[-1].isdigit() else None
            words.append((fold(parts[0]), tag))
    return words


def write_userdict(path: str, words: dict[str, str]) -> int:
    """Add ``words`` (word -> part-of-speech tag) to the user dictionary at ``path``.

    Returns how many words were new. Words already there are kept.
    """
    known = {w for w, _ in read_userdict(path)}
    new = sorted((fold(w), tag) for w, tag in words.items()
                 if len(w) >= 2 and " " not in w and fold(w) not in known)
    new = list(dict.fromkeys(new))
    if new:
        with open(path, "a", encoding="utf-8") as f:
            for w, tag in new:
                f.write(f"{w} {tag}\n")
    return len(new)


def sub_words(word: str, seg: rjieba.Jieba) -> list[str]:
    """The 2- and 3-character dictionary words inside a longer CJK word (none for another word)."""
    subs = []
    n = len(word)
    if n <= 2 or not is_cjk(word):
        return subs
    for size in (2, 3):
        if size >= n:
            break
        for i in range(n - size + 1):
            sub = word[i:i + size]
            if seg.has_word(sub):
                subs.append(sub)
    return subs


def pos_tags(text: str, userdict: str | None = None) -> list[tuple[str, str]]:
    """Part-of-speech tag folded ``text`` with jieba's tag set (ns = place name)."""
    return segmenter(userdict).tag(text)


class ChineseTokenizer(Tokenizer):
    """Segment Chinese text into words for Whoosh.

    Positions count words, so phrase queries work (jieba's own
    ChineseAnalyzer puts character offsets in ``pos``, and ``"市长 表示"`` then
    misses 市长表示). At index time the 2- and 3-character dictionary words
    inside a longer word are emitted at the longer word's position, so 国务院
    finds 中华人民共和国国务院; at query time (``mode="query"``) only whole words
    are emitted, so a query word is one term, not an OR of its pieces.
    """

    def __init__(self, userdict: str | None = None):
        self.userdict = userdict

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.userdict == self.userdict

    def __hash__(self) -> int:
        return hash((type(self), self.userdict))

    def __call__(self, value: str, positions: bool = False, chars: bool = False,
                 keeporiginal: bool = False, removestops: bool = True,
                 start_pos: int = 0, start_char: int = 0, tokenize: bool = True,
                 mode: str = "", **kwargs) -> Iterator[Token]:
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            t.original = t.text = fold(value)
            t.boost = 1.0
            if positions:
                t.pos = start_pos
            if chars:
                t.startchar = start_char
                t.endchar = start_char + len(value)
            yield t
            return

        seg = segmenter(self.userdict)
        for word, start, end, pos in _terms(fold(value), seg, mode != "query"):
            t.text = word
            t.boost = 1.0
            t.stopped = False
            if keeporiginal:
                t.original = value[start:end] if end - start == len(word) else word
            if positions:
                t.pos = start_pos + pos
            if chars:
                t.startchar = start_char + start
                t.endchar = start_char + end
            yield t


def _terms(folded: str, seg: rjieba.Jieba, subwords: bool) -> Iterator[tuple[str, int, int, int]]:
    """(term, start, end, word position) of folded text: each word, then (with
    ``subwords``) the dictionary words inside it, at the same position and span."""
    pos = 0
    for word, start, end in seg.tokenize(folded):
        if not WORD_CHARS.search(word):
            continue  # whitespace and punctuation take no position
        yield word, start, end, pos
        if subwords:
            for sub in sub_words(word, seg):
                yield sub, start, end, pos
        pos += 1


def chinese_analyzer(userdict: str | None = None) -> Composable:
    """The analyzer for Baoku's text fields."""
    return ChineseTokenizer(userdict)


def query_words(text: str, userdict: str | None = None) -> list[str]:
    """The whole words of a reader's text, as the index knows them (no spaces or punctuation)."""
    return folded_words(fold(text), userdict)


def folded_words(folded: str, userdict: str | None = None) -> list[str]:
    """``query_words`` of text already folded (a part of an article's folded text)."""
    search = WORD_CHARS.search
    return [w for w in segmenter(userdict).cut(folded) if search(w)]


# --- character n-grams -----------------------------------------------------

def pair_positions(text: str) -> dict[str, list[int]]:
    """Map each pair of adjacent characters to its positions (``GramField``).

    Runs over the word characters of folded text with spaces and punctuation
    removed, so a phrase copied with different punctuation still lines up.
    Position i holds the pair starting at character i.
    """
    s = squeeze(text)
    poses: dict[str, list[int]] = defaultdict(list)
    for i in range(len(s) - 1):
        poses[s[i:i + 2]].append(i)
    return poses


def char_counts(text: str) -> Counter[str]:
    """How often each character occurs in ``pair_positions``' text (``CharField``)."""
    return Counter(squeeze(text))


def query_grams(text: str) -> list[str]:
    """The n-gram terms that must stand at consecutive positions for ``text`` to match.

    One character is looked up as itself (in ``CharField``); longer text as its
    overlapping pairs (in ``GramField``).
    """
    s = squeeze(text)
    if len(s) <= 1:
        return [s] if s else []
    return [s[i:i + 2] for i in range(len(s) - 1)]
