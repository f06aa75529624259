"""The query language: parsing, clear errors, and the Whoosh queries it builds."""

import pytest
from whoosh import query as wq

from search.errors import QueryError
from search.query import build, parse, parse_date_range


def shape(text):
    return [[(i.kind, i.text, i.field, i.negated) for i in group] for group in parse(text).groups]


@pytest.mark.parametrize("text, groups", [
    ("国企 改革", [[("words", "国企", None, False)], [("words", "改革", None, False)]]),
    ('"要聚焦主业"', [[("phrase", "要聚焦主业", None, False)]]),
    ("“四不两直”", [[("phrase", "四不两直", None, False)]]),
    ("「佔領中環」", [[("phrase", "佔領中環", None, False)]]),
    ("新春 OR 春节", [[("words", "新春", None, False), ("words", "春节", None, False)]]),
    ("-广告 春节", [[("words", "广告", None, True)], [("words", "春节", None, False)]]),
    ('reporter:薛暮嵘', [[("field", "薛暮嵘", "reporter", False)]]),
    ('author:"Chris Yeung"', [[("field", "Chris Yeung", "reporter", False)]]),
    ("-section:眾說", [[("field", "眾說", "section", True)]]),
    ("沈东指出：要", [[("words", "沈东指出：要", None, False)]]),  # a full-width colon is text
    ("(沈东 OR) [消防", [[("words", "(沈东", None, False), ("words", "[消防", None, False)]]),
])
def test_parse(text, groups):
    assert shape(text) == groups


@pytest.mark.parametrize("value, expected", [
    ("2019", ("2019-01-01", "2019-12-31")),
    ("2019-10..2019-12", ("2019-10-01", "2019-12-31")),
    ("2019-10-05", ("2019-10-05", "2019-10-05")),
    ("2019-1-5..", ("2019-01-05", "9999-12-31")),
    ("..2020-02", ("", "2020-02-31")),
])
def test_date_ranges(value, expected):
    assert parse_date_range(value) == expected


@pytest.mark.parametrize("text, message", [
    ("foo:bar", "no field called “foo”"),
    ("date:yesterday", "is not a date"),
    ("date:2019-13", "no month 13"),
    ("date:2020..2019", "ends before it starts"),
    ("date:..", "at least one end"),
    ("，。！", "Nothing was left to search for. .*no letters"),
    ('"")(', "Nothing was left.*held nothing.*no letters"),
    ("OR", "Nothing was left.*leading OR"),
])
def test_unusable_queries_say_why(text, message):
    with pytest.raises(QueryError, match=message):
        parse(text)


@pytest.mark.parametrize("text, notice", [
    ('"未闭合的引号', "was not closed"),
    ('春节 "', "lone quotation mark"),
    ("春节 “", "lone quotation mark"),
    ('春节 ""', "held nothing"),
    ("OR 春节", "leading OR"),
    ("春节 OR", "trailing OR"),
    ("春节 -", "lone '-'"),
    ("春节 ，。！", "no letters"),
    ("国企 (改革", "Brackets do not group"),
    ("(春节 OR 元宵)", "Brackets do not group"),
])
def test_what_is_ignored_is_said(text, notice):
    parsed = parse(text)
    assert any(notice in n for n in parsed.notices)


def test_long_query_is_cut_and_said():
    parsed = parse("春节" * 400, max_chars=500)
    assert "only the first 500" in parsed.notices[0]


def test_build_requires_every_word_and_excludes_negated():
    q = build(parse("春节 -广告"))
    assert isinstance(q, wq.AndNot)


def test_empty_query_with_filter_matches_everything_filtered():
    q = build(parse(""), {"section": ["眾聞"]})
    assert "眾聞" in str(q) and "众闻" in str(q)


def test_highlight_terms_are_folded_words_and_phrases():
    terms = parse('認識 "要聚焦 主业" -广告').highlight_terms()
    assert terms == ["认识", "要聚焦主业"]
