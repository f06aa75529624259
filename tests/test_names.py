"""Names: normalising, pinyin with surname readings, and fuzzy lookups on real names."""

from __future__ import annotations

import pytest
from whoosh import query as wq

from search.browse import ArchiveViews
from search.names import (PINYIN_WEIGHT, SUGGEST_MIN, NameIndex, looks_like_name, name_query,
                          normalise, pinyin, similarity)
from search.searcher import Archive


@pytest.mark.parametrize("raw, folded", [
    ("李\u00a0\u00a0刚", "李刚"),  # People's Daily pads two-character names
    ("于 洋", "于洋"),
    ("林勵", "林励"),  # Traditional folds to Simplified
    ("  翁維愷 ", "翁维恺"),
    ("Chris  Yeung", "chris yeung"),  # Latin names keep one space
])
def test_normalise(raw, folded):
    assert normalise(raw) == folded


@pytest.mark.parametrize("name, syllables", [
    ("薛暮嵘", ("xue", "mu", "rong")),
    ("曾港深", ("zeng", "gang", "shen")),
    ("单雄", ("shan", "xiong")),
    ("解缙", ("xie", "jin")),
    ("仇英", ("qiu", "ying")),
    ("朴槿惠", ("piao", "jin", "hui")),
    ("區家麟", ("ou", "jia", "lin")),  # Traditional surname, folded first
    ("查良镛", ("zha", "liang", "yong")),
    ("盖聂", ("ge", "nie")),
    ("尉迟恭", ("yu", "chi", "gong")),
    ("李  刚", ("li", "gang")),
])
def test_pinyin_reads_surnames(name, syllables):
    assert pinyin(name) == syllables


@pytest.mark.parametrize("typed, meant, at_least", [
    ("薛暮嵘", "薛暮嵘", 100.0),
    ("薛慕嵘", "薛暮嵘", 100 * PINYIN_WEIGHT),  # homophone from the input method
    ("沈冬", "沈东", 100 * PINYIN_WEIGHT),
    ("何一志", "何一智", 100 * PINYIN_WEIGHT),
    ("林励", "林勵", 100.0),
    ("王淑军", "王淑君", SUGGEST_MIN),
    ("北京", "北京市", SUGGEST_MIN),  # the start of a place name
])
def test_similarity(typed, meant, at_least):
    assert similarity(typed, meant) >= at_least


def test_exact_ranks_above_homophone():
    ix = NameIndex([("沈东", "reporter", 1), ("沈冬", "reporter", 1)])
    assert [m.name for m in ix.lookup("沈冬")][:2] == ["沈冬", "沈东"]


def test_more_articles_break_ties():
    ix = NameIndex([("张伟", "reporter", 2), ("张玮", "reporter", 40)])
    assert ix.lookup("张炜")[0].name == "张玮"


@pytest.mark.parametrize("text, ok", [
    ("薛暮嵘", True), ("李", False), ("reporter:李刚", False),
    ("中华人民共和国国务院总理主持召开会议", False)])
def test_looks_like_name(text, ok):
    assert looks_like_name(text) is ok


def test_name_query_ors_variants():
    q = name_query("李  刚")
    assert isinstance(q, wq.Or)
    assert {t.text for t in q.subqueries} >= {"李刚"}


# --- against the names of the web tests' index ------------------------------

@pytest.fixture(scope="module")
def names(web_index):
    with Archive(web_index) as archive:
        yield ArchiveViews(archive).names()


@pytest.mark.parametrize("typed, expected, kind", [
    ("薛慕嵘", "薛暮嵘", "reporter"),  # sample edition, homophone slip
    ("沈冬", "沈东", "reporter"),
    ("何一志", "何一智", "reporter"),
    ("王淑军", "王淑君", "reporter"),
    ("单熊", "单雄", "reporter"),
    ("曾港森", "曾港深", "reporter"),
    ("李刚", "李刚", "reporter"),  # People's Daily prints 李  刚
    ("李  刚", "李刚", "reporter"),
    ("陆亚楠", "陆娅楠", "reporter"),
    ("林励", "林勵", "reporter"),  # 眾新聞, Traditional
    ("林厉", "林勵", "reporter"),
    ("杨建兴", "楊健興", "reporter"),
    ("翁伟恺", "翁維愷", "reporter"),
    ("北京", "北京市", "location"),
    ("香港", "香港特别行政区", "location"),
])
def test_lookup_finds_real_names(names, typed, expected, kind):
    best = names.lookup(typed)[0]
    assert (best.name, best.kind) == (expected, kind)
    assert best.count >= 1


def test_lookup_of_noise_is_short(names):
    assert names.lookup("的") == []
    assert len(names.lookup("薛慕嵘", limit=3)) <= 3


def test_padded_name_finds_articles(web_index):
    with Archive(web_index) as archive:
        searcher, _ = archive.current()
        assert len(list(searcher.docs_for_query(name_query("李  刚")))) >= 1
