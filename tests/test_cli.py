"""The baoku command: index, search (one query or a list on stdin), quotes, stats, bad sources."""

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from search.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
BAD = ROOT / "tests" / "fixtures" / "bad"


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    index_dir = tmp_path_factory.mktemp("cli-index")
    result = CliRunner().invoke(main, ["index", str(SEEDS), "--index", str(index_dir)])
    assert result.exit_code == 0, result.output
    return index_dir, result


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_index_summary_and_date_note(seeded):
    _, result = seeded
    assert "9 articles in 1 editions (9 added" in result.output
    assert "0 files failed" in result.output
    assert "edition date 2024-03-04 (inferred from the text)" in result.output


def test_search_json_shape(seeded):
    index_dir, _ = seeded
    result = run("search", "沈东", "--index", index_dir, "--json", "--limit", 2)
    data = json.loads(result.output)
    assert data["total"] == 5 and len(data["hits"]) == 2
    assert "<mark>沈东</mark>" in data["hits"][0]["snippet"]


def test_search_filters(seeded):
    index_dir, _ = seeded
    data = json.loads(run("search", "消防", "--index", index_dir, "--reporter", "田雨婷",
                          "--json").output)
    assert [h["id"] for h in data["hits"]] == ["zhonglou-2024-03-04-05"]
    data = json.loads(run("search", "", "--index", index_dir, "--location", "江苏省", "--json",
                          "--limit", 100).output)
    assert data["total"] >= 6  # the 钟楼区/常州市 articles, through the place hierarchy


def test_misspelt_reporter_gets_a_suggestion(seeded):
    index_dir, _ = seeded
    typo = run("search", "--index", index_dir, "--reporter", "薛慕嵘")
    assert typo.exit_code == 0 and typo.output.startswith("0 articles")
    assert "did you mean: 薛暮嵘 (4)" in typo.output
    right = run("search", "--index", index_dir, "--reporter", "薛暮嵘")
    assert right.output.startswith("4 articles") and "did you mean" not in right.output


def test_search_list_on_stdin(seeded):
    index_dir, _ = seeded
    result = CliRunner().invoke(main, ["search", "-", "--index", str(index_dir)],
                                input='沈东\n"要聚焦主业"\nfoo:bar\n\n')
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert [d["query"] for d in lines] == ["沈东", '"要聚焦主业"', "foo:bar"]
    assert lines[1]["total"] == 1 and lines[2]["error"]


def test_bad_query_says_why_without_traceback(seeded):
    index_dir, _ = seeded
    result = run("search", "date:2019-13", "--index", index_dir)
    assert result.exit_code == 2
    assert "no month 13" in result.output and "Traceback" not in result.output


def test_missing_index_is_a_clear_message(tmp_path):
    result = run("search", "沈东", "--index", tmp_path / "nowhere")
    assert result.exit_code == 1
    assert "baoku index seeds/" in result.output and "Traceback" not in result.output


def test_quotes_and_stats(seeded):
    index_dir, _ = seeded
    result = run("quotes", "--speaker", "郭红魁", "--index", index_dir)
    assert "1 quotes" in result.output and "郭红奎" in result.output
    stats = json.loads(run("stats", "--index", index_dir, "--json").output)
    assert stats["articles"] == 9 and stats["dates"]["first"] == "2024-03-04"


def test_bad_sources_are_reported_and_nothing_is_lost(seeded, tmp_path):
    """Every broken file is one line with its reason; good ones are indexed; exit status 1."""
    index_dir = tmp_path / "ix"
    shutil.copytree(seeded[0], index_dir)
    sources = tmp_path / "sources"
    shutil.copytree(BAD, sources, ignore=shutil.ignore_patterns("*.py"))
    # a 50 MB single article and a headline-only edition, made here, not committed
    (sources / "huge-2024-05-07.txt").write_text(
        "## 一篇很长的文章\n\n" + "长文测试。" * 10_000_000, encoding="utf-8")
    (sources / "headlines-only-2024-05-08.txt").write_text("## 只有标题\n", encoding="utf-8")
    result = run("index", sources, "--index", index_dir, "--procs", 1)
    assert result.exit_code == 1, result.output
    failed = [line for line in result.output.splitlines() if line.startswith("failed: ")]
    reasons = "\n".join(failed)
    for name in ("binary.txt", "empty.txt", "blank.txt", "undecodable.txt", "table.csv",
                 "truncated.jsonl.gz", "bad-records.jsonl", "no-headlines-2024-05-06.txt",
                 "huge-2024-05-07.txt", "headlines-only-2024-05-08.txt"):
        assert name in reasons, name
    assert len(failed) >= 8
    stats = json.loads(run("stats", "--index", index_dir, "--json").output)
    # the 9 seed articles are still there, plus the good ones of the bad folder
    assert stats["articles"] > 9
    assert json.loads(run("search", "沈东", "--index", index_dir, "--json").output)["total"] == 5
    assert json.loads(run("search", '"义诊"', "--index", index_dir, "--json").output)["total"] >= 1
    assert "over the limit of 1,000,000" in reasons
    assert json.loads(run("search", '"长文测试"', "--index", index_dir, "--json").output)["total"] == 0


def test_a_name_that_finds_nothing_gets_the_names_it_may_mean(seeded):
    index_dir, _ = seeded
    typo = run("search", "沈冬", "--index", index_dir)
    assert typo.exit_code == 0 and typo.output.startswith("0 articles")
    assert "did you mean: 沈东 (quoted speaker, " in typo.output
    found = run("search", "沈东", "--index", index_dir)
    assert not found.output.startswith("0 articles") and "did you mean" not in found.output
    sentence = run("search", "经济发展的一个长句子不是名字", "--index", index_dir)
    assert "did you mean" not in sentence.output
