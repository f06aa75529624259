"""Accuracy of search.topics against the hand-labelled set, and how the set was drawn.

    python scripts/topic_eval.py [--gold tests/fixtures/topics_gold.jsonl] [--errors 15]
    python scripts/topic_eval.py --draw     # list the sample the gold set labels
    python scripts/topic_eval.py --gold tests/fixtures/topics_heldout.jsonl
    python scripts/topic_eval.py --draw-heldout   # the held-out sample (160, plain random)

A prediction is correct when its first topic is one of the article's gold
topics; strict top-1 asks for the gold first topic. Per-topic precision and
recall count first topics, with a prediction right for a topic when it names
that topic first and the topic is among the gold ones.

The sample (seed 20240304): the 9 articles of the sample edition; 7 人民日报
articles from each month x page band (01-04, 05-10, 11-20); for 眾新聞, per
year 2017-2021, 10 from 眾聞, 6 from 眾說 and 2 from 眾觀 (one copy per
title); then 2 articles per source whose title matches each of five rarer
subjects (sport, science, education, culture, safety) so that every topic
has examples. The model was tuned on that set, so a second one is held out:
80 articles per paper drawn at random (seed 20261126) from those not in the
first, labelled by reading, with the same scopes, after the model was fixed.
"""

from __future__ import annotations

import json
import random
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import click

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from search.ingest import read_file  # noqa: E402
from search.topics import TOPICS, default_classifier  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
SOURCES = {
    "seeds": ROOT / "seeds" / "zhonglou-2024-03.txt",
    "rmrb": CORPUS / "rmrb_dev.jsonl.gz",
    "hk": CORPUS / "hk_dev.jsonl.gz",
}
GOLD = ROOT / "tests" / "fixtures" / "topics_gold.jsonl"
HELDOUT = ROOT / "tests" / "fixtures" / "topics_heldout.jsonl"
SEED = 20240304
HELDOUT_SEED = 20261126
TARGETS = {
    "rmrb": [r"赛|冠军|奥运|足球|乒|篮球|女排", r"科技|航天|卫星|5G|芯片|科学家|火箭",
             r"教育|学校|高校|学生|高考|教师", r"文化|艺术|电影|文艺|博物|戏|书",
             r"消防|地震|事故|救援|火灾|应急|安全生产"],
    "hk": [r"足球|奧運|賽|球|運動員", r"科技|5G|AI|網絡|手機|科學",
           r"教育|學校|中學|大學|DSE|學生|文憑試|老師", r"電影|音樂|展覽|書|藝術|演唱會",
           r"火警|意外|颱風|塌|救援|山泥|車禍|墮"],
}


def load(source: Path) -> list:
    return [a for a in read_file(source) if hasattr(a, "text")]


def draw(rmrb: list, hk: list, seed: int = SEED) -> list[tuple[str, object]]:
    """The stratified sample of 人民日报 and 眾新聞 articles, in labelling order."""
    rng = random.Random(seed)
    picked: list[tuple[str, object]] = []
    strata = defaultdict(list)
    for a in rmrb:
        if len(a.text) >= 100:
            page = int(a.page[:2])
            strata[(a.date[:7], "a" if page <= 4 else "b" if page <= 10 else "c")].append(a)
    for key in sorted(strata):
        picked += [("rmrb", a) for a in rng.sample(strata[key], 7)]
    strata, seen = defaultdict(list), set()
    for a in hk:
        if not a.date or len(a.text) < 200 or a.section not in ("眾聞", "眾說", "眾觀") or a.title in seen:
            continue
        seen.add(a.title)
        if "2017" <= a.date[:4] <= "2021":
            strata[(a.date[:4], a.section)].append(a)
    quota = {"眾聞": 10, "眾說": 6, "眾觀": 2}
    for key in sorted(strata):
        picked += [("hk", a) for a in rng.sample(strata[key], quota[key[1]])]
    ids = {a.id for _, a in picked}
    for source, pool in (("rmrb", rmrb), ("hk", hk)):
        for pattern in TARGETS[source]:
            candidates = [a for a in pool if a.id not in ids and len(a.text) >= 200
                          and re.search(pattern, a.title) and (source == "rmrb" or a.section == "眾聞")]
            for a in rng.sample(candidates, 2):
                picked.append((source, a))
                ids.add(a.id)
    return picked


def draw_heldout(rmrb: list, hk: list, exclude: set[str], per_source: int = 80,
                 seed: int = HELDOUT_SEED) -> list[tuple[str, object]]:
    """A plain random sample, per paper, of articles the classifier was never tuned on.

    Unlike ``draw`` it is not stratified towards rare subjects, so its accuracy is
    the accuracy a reader meets: any article of at least 100 characters whose
    title was not seen before, minus the labelled set the model was tuned on.
    """
    rng = random.Random(seed)
    picked = []
    for source, pool in (("rmrb", rmrb), ("hk", hk)):
        seen, candidates = set(), []
        for a in sorted(pool, key=lambda a: a.id):
            if a.id in exclude or len(a.text) < 100 or a.title in seen:
                continue
            seen.add(a.title)
            candidates.append(a)
        picked += [(source, a) for a in rng.sample(candidates, per_source)]
    return picked


def evaluate(gold: list[dict], articles: dict, errors: int = 15) -> dict:
    """Print accuracy, per-topic precision/recall, confusions and errors; return the figures."""
    clf = default_classifier()
    started = time.perf_counter()
    predicted = {g["article_id"]: clf.classify(articles[g["article_id"]]) for g in gold}
    elapsed = time.perf_counter() - started
    right = strict = 0
    tp, fp, fn = Counter(), Counter(), Counter()
    confusion, wrong, by_source = Counter(), [], defaultdict(lambda: [0, 0])
    for g in gold:
        first, topics = predicted[g["article_id"]][0], g["topics"]
        ok = first in topics
        right += ok
        strict += first == topics[0]
        by_source[g["source"]][0] += ok
        by_source[g["source"]][1] += 1
        if ok:
            tp[first] += 1
        else:
            fp[first] += 1
            fn[topics[0]] += 1
            confusion[(topics[0], first)] += 1
            wrong.append(g)
    n = len(gold)
    click.echo(f"{n} articles: accuracy {right / n:.3f} (first topic among gold), "
               f"strict top-1 {strict / n:.3f}; "
               + ", ".join(f"{s} {r}/{t}" for s, (r, t) in sorted(by_source.items())))
    click.echo(f"{'topic':<8} {'gold1':>5} {'pred1':>5} {'P':>6} {'R':>6}")
    for topic in TOPICS:
        gold_first = sum(g["topics"][0] == topic for g in gold)
        pred_first = sum(p[0] == topic for p in predicted.values())
        p = tp[topic] / (tp[topic] + fp[topic]) if tp[topic] + fp[topic] else float("nan")
        r_den = tp[topic] + fn[topic]
        r = tp[topic] / r_den if r_den else float("nan")
        click.echo(f"{topic:<8} {gold_first:>5} {pred_first:>5} {p:>6.2f} {r:>6.2f}")
    click.echo("confusions (gold first -> predicted first): "
               + ", ".join(f"{a}->{b} {c}" for (a, b), c in confusion.most_common(10)))
    two = sum(len(p) == 2 for p in predicted.values())
    seconds = [(predicted[g["article_id"]][1], g["topics"]) for g in gold
               if len(predicted[g["article_id"]]) == 2]
    click.echo(f"two topics given for {two}/{n}, the second among the gold topics in "
               f"{sum(s in t for s, t in seconds)}; classify() speed here {n / elapsed:,.0f} articles/s "
               "(includes loading the model)")
    for g in wrong[:errors]:
        a = articles[g["article_id"]]
        why = " ".join(w for w, _ in clf.explain(a, 5))
        click.echo(f"  {g['article_id']}: {a.title[:30]} gold {'/'.join(g['topics'])} "
                   f"got {'/'.join(predicted[g['article_id']])} [{why}]")
    return {"accuracy": right / n, "strict": strict / n, "n": n}


def speed(paths: list[Path], limit: int = 10000) -> float:
    """Articles per second for classify() over the first ``limit`` articles of the given files."""
    clf = default_classifier()
    articles = [a for p in paths for a in load(p)][:limit]
    clf.classify(articles[0])
    started = time.perf_counter()
    for a in articles:
        clf.classify(a)
    return len(articles) / (time.perf_counter() - started)


@click.command()
@click.option("--gold", "gold_path", type=click.Path(path_type=Path, dir_okay=False), default=GOLD)
@click.option("--errors", default=15, show_default=True, help="Wrong articles to list.")
@click.option("--draw", "do_draw", is_flag=True, help="List the drawn sample instead of evaluating.")
@click.option("--draw-heldout", "do_heldout", is_flag=True,
              help="List the held-out sample (tests/fixtures/topics_heldout.jsonl labels it).")
@click.option("--speed", "do_speed", is_flag=True, help="Also time classify() on 10,000 corpus articles.")
def main(gold_path: Path, errors: int, do_draw: bool, do_heldout: bool, do_speed: bool) -> None:
    if do_draw or do_heldout:
        rmrb, hk = load(SOURCES["rmrb"]), load(SOURCES["hk"])
        if do_draw:
            sample = draw(rmrb, hk)
        else:
            tuned = {json.loads(line)["article_id"] for line in GOLD.read_text("utf-8").splitlines()
                     if line.strip()}
            sample = draw_heldout(rmrb, hk, tuned)
        for source, a in sample:
            click.echo(f"{source}\t{a.id}\t{a.title}")
        return
    gold = [json.loads(line) for line in gold_path.read_text("utf-8").splitlines() if line.strip()]
    wanted = {g["article_id"] for g in gold}
    articles = {a.id: a for p in SOURCES.values() for a in load(p) if a.id in wanted}
    missing = wanted - set(articles)
    if missing:
        raise click.ClickException(f"{len(missing)} gold articles not found, e.g. {sorted(missing)[:3]}")
    evaluate(gold, articles, errors)
    if do_speed:
        rate = speed([SOURCES["hk"], SOURCES["rmrb"]])
        click.echo(f"speed: {rate:,.0f} articles/s on one core (10,000 corpus articles)")


if __name__ == "__main__":
    main()
