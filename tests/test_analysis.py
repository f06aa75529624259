"""The analyzer: folding, word positions, sub-words, n-grams, and agreement with jieba."""

import gzip
import itertools
import json

import pytest
from whoosh.filedb.filestore import RamStorage
from whoosh.query import Phrase, Term

from search.analysis import (ChineseTokenizer, fixed_dictionary, fold, fold_lines, char_counts, pair_positions,
                             query_grams, segmenter, squeeze, write_userdict)
from search.schema import article_schema

ANALYZER = ChineseTokenizer()


@pytest.mark.parametrize("text, words", [
    ("北京市长表示欢迎", ["北京", "市长", "表示", "欢迎"]),
    ("区委书记沈东带队调研国企工作。", ["区委书记", "沈东", "带队", "调研", "国企", "工作"]),
    ("認識眾新聞", ["认识", "众", "新闻"]),  # Traditional folded before segmenting
    ("ＩＣＣ成立于2000年", ["icc", "成立", "于", "2000", "年"]),  # full-width and case folded
    ("“春节”，快乐！", ["春节", "快乐"]),  # punctuation takes no position
])
def test_query_words(text, words):
    assert [t.text for t in ANALYZER(text, mode="query")] == words


def test_positions_count_words_not_characters():
    tokens = [(t.text, t.pos) for t in ANALYZER("北京市长表示欢迎", positions=True, mode="query")]
    assert tokens == [("北京", 0), ("市长", 1), ("表示", 2), ("欢迎", 3)]


def test_sub_words_share_the_parent_position_at_index_time_only():
    index = [(t.text, t.pos) for t in ANALYZER("中华人民共和国国务院", positions=True, mode="index")]
    query = [t.text for t in ANALYZER("中华人民共和国国务院", mode="query")]
    parents = {pos for text, pos in index if text in query}
    subs = {text: pos for text, pos in index if text not in query}
    assert {"国务", "国务院"} <= set(subs) or {"中华", "人民"} <= set(subs)
    assert set(subs.values()) <= parents
    assert all(len(w) > 1 for w in subs)


def test_chars_are_offsets_into_the_original_text():
    text = "記者　林勵報道：區議會"
    for t in ANALYZER(text, chars=True, mode="query"):
        assert fold(text[t.startchar:t.endchar]) == t.text


@pytest.mark.parametrize("text", ["①②③㎡ﬁ", "ＡＢＣ　１２", "臺灣裏綫", "𠀋𠮷野家", "e\u0301"])
def test_fold_keeps_length(text):
    assert len(fold(text)) == len(text)


def test_fold_traditional_and_width():
    assert fold("認識ＡＢＣ") == "认识abc"


def _fold_by_definition(text):
    """fold() as first written: NFKC of the whole text, else one character at a time."""
    import unicodedata

    import opencc
    norm = unicodedata.normalize("NFKC", text)
    if len(norm) != len(text):
        norm = "".join(n if len(n := unicodedata.normalize("NFKC", ch)) == 1 else ch for ch in text)
    conv = opencc.OpenCC("t2s").convert(norm)
    assert len(conv) == len(norm)
    return conv.lower()


@pytest.mark.parametrize("text", [
    "e\u0301", "ｅ\u0301", "ＡＢＣ\u0301１", "\u1100\u1161\u11a8", "가\u11a8", "①\u0301",
    "ﬁ\u0327", "\u0b47\u0b3e", "a\u0323\u0307", "…\u0301", "か\u3099", "ｶﾞ", "\u212b",
    "q\u0307\u0323", "e\u0301ﬁ", "가\u11a8㎏",  # reordered, or merged beside an expansion
])
def test_fold_of_combining_characters_is_its_definition(text):
    # the fast NFKC (each character's form, checked normalized) must agree here too
    assert fold(text) == _fold_by_definition(text)


def test_fold_of_corpus_text_is_its_definition(corpus_dir):
    with gzip.open(corpus_dir / "hk_dev.jsonl.gz", "rt", encoding="utf-8") as f:
        records = [json.loads(line) for line in itertools.islice(f, 400)]
    with gzip.open(corpus_dir / "rmrb_dev.jsonl.gz", "rt", encoding="utf-8") as f:
        records += [json.loads(line) for line in itertools.islice(f, 400)]
    texts = [r.get(k) or "" for r in records for k in ("title", "text")]
    assert any("…" in t for t in texts)  # the per-character path is exercised
    for text in texts:
        assert fold(text) == _fold_by_definition(text)


def test_folding_lines_one_by_one_is_folding_them_joined(corpus_dir):
    """The indexer folds an article's lines once and joins them (``fold_lines``): no folding
    step may reach across a line break, on real articles or on the awkward cases."""
    with gzip.open(corpus_dir / "hk_dev.jsonl.gz", "rt", encoding="utf-8") as f:
        records = [json.loads(line) for line in itertools.islice(f, 400)]
    with gzip.open(corpus_dir / "rmrb_dev.jsonl.gz", "rt", encoding="utf-8") as f:
        records += [json.loads(line) for line in itertools.islice(f, 400)]
    cases = [[r.get("title") or "", r.get("text") or ""] for r in records]
    cases += [["ΟΔΟΣ", "Σ"], ["e", "\u0301x"], ["①", "臺灣"], ["乾", "隆"], ["", ""]]
    for lines in cases:
        assert fold_lines(*lines) == _fold_by_definition("\n".join(lines))
        assert fold("\n".join(lines)) == _fold_by_definition("\n".join(lines))


def test_a_fixed_dictionary_is_not_read_again_until_the_block_ends(tmp_path):
    """The indexer pins its user dictionary while its passes run (``fixed_dictionary``);
    outside such a block a word written to the file is used at once."""
    udict = str(tmp_path / "userdict.txt")
    write_userdict(udict, {"量子蛋挞": "nz"})
    assert "量子蛋挞" in segmenter(udict).cut("量子蛋挞很好吃")
    with fixed_dictionary(udict):
        pinned = segmenter(udict)
        write_userdict(udict, {"钟楼蓝莓节": "nz"})
        assert segmenter(udict) is pinned
        assert segmenter(udict).cut("钟楼蓝莓节开幕")[0] == "钟楼"
    assert segmenter(udict).cut("钟楼蓝莓节开幕")[0] == "钟楼蓝莓节"


def test_grams_cover_every_substring():
    text = "北京市长表示，欢迎！"
    pairs, chars = pair_positions(text), char_counts(text)
    s = squeeze(text)
    for i, j in itertools.combinations(range(len(s) + 1), 2):
        q = query_grams(s[i:j])
        if j - i == 1:
            assert q == [s[i]] and chars[s[i]] == s.count(s[i])
            continue
        starts = [set(p - k for p in pairs[g]) for k, g in enumerate(q)]
        assert set.intersection(*starts), s[i:j]


def _ram_index(docs):
    ix = RamStorage().create_index(article_schema())
    with ix.writer() as w:
        for i, (title, body) in enumerate(docs):
            w.add_document(id=str(i), title=title, body=body, grams=title + body)
    return ix


def test_phrase_finds_words_at_consecutive_positions():
    ix = _ram_index([("", "他说北京市长表示欢迎各方"), ("", "市长今天没有表示")])
    with ix.searcher() as s:
        hits = s.search(Phrase("body", ["市长", "表示"]))
        assert [h["id"] for h in hits] == ["0"]


def test_sub_word_query_finds_long_word():
    ix = _ram_index([("", "中华人民共和国国务院新闻办公室")])
    with ix.searcher() as s:
        assert len(s.search(Term("body", "国务院"))) == 1


def test_grams_find_text_split_across_words():
    ix = _ram_index([("", "沈东对金控集团近年来取得的发展成效表示肯定")])
    with ix.searcher() as s:
        q = Phrase("grams", query_grams("团近年来取"))
        assert len(s.search(q)) == 1


def test_rjieba_agrees_with_jieba_on_the_corpus(corpus_dir, tmp_path):
    """rjieba may stand in for jieba only while it cuts the corpus the same way."""
    import jieba
    import rjieba

    jieba.dt.tmp_dir = str(tmp_path)  # never load a cache from the shared temp dir
    jieba.setLogLevel(60)
    same = total = 0
    with gzip.open(corpus_dir / "rmrb_dev.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in itertools.islice(f, 0, 8000, 40):  # 200 articles across the months
            text = json.loads(line)["text"]
            a = set(jieba.tokenize(text))  # (word, start, end)
            b = set(rjieba.tokenize(text))
            total += max(len(a), len(b))
            same += len(a & b)
    assert total > 50_000
    assert same / total >= 0.999


def test_keyword_frequencies_are_looked_up_once_per_word():
    """The index is asked once per distinct word (a million-article index answers slowly)."""
    from search.keywords import DocumentFrequencies

    asked = []

    def indexed(word):
        asked.append(word)
        return {"香港": 900}.get(word, 0)

    dfs = DocumentFrequencies(indexed, indexed_docs=1000)
    for words in (["香港", "立法会"], ["香港", "选举"], ["经济"]):
        dfs.add(words)
    first = [dfs.idf(w) for w in ("香港", "立法会", "香港", "立法会", "经济")]
    assert sorted(asked) == ["立法会", "经济", "香港"]
    assert first[0] < first[1]  # common in the archive: a lower weight
    assert first[0] == first[2]


def test_keywords_from_shortlists_are_those_of_every_word(corpus_dir):
    """Keywords are ranked among each article's shortlist (its first words by the batch's
    own frequencies), so the index is asked about far fewer words; they come out the same."""
    from collections import Counter
    from itertools import islice

    from search.ingest import read_file
    from search.keywords import DocumentFrequencies, content_words, keywords, shortlist

    articles = [a for a in islice(read_file(corpus_dir / "hk_dev.jsonl.gz"), 1500) if a.text.strip()]
    index_side = Counter()  # stands for the index: the first 1,000 articles' frequencies
    for a in articles[:1000]:
        index_side.update(set(content_words(a.text)[0]))
    batch = [(Counter(ws), len(ws)) for ws, _ in (content_words(a.text) for a in articles[1000:])]

    def ranked(indexed):
        dfs = DocumentFrequencies(indexed, 1000)
        for tf, _ in batch:
            dfs.add(tf)
        return dfs

    every_word = ranked(index_side.__getitem__)
    own = DocumentFrequencies()
    for tf, _ in batch:
        own.add(tf)
    shortlists = [shortlist(tf, own) for tf, _ in batch]
    asked = {w for short in shortlists for w in short}
    few = ranked({w: index_side[w] for w in asked}.__getitem__)
    assert len(asked) < len(every_word.batch) / 2
    same = [keywords(tf, every_word, n) == keywords(short, few, n)
            for (tf, n), short in zip(batch, shortlists)]
    assert len(same) > 400 and all(same)
