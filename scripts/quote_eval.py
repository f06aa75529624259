"""Precision and recall of quote extraction against the hand-labelled set.

    python scripts/quote_eval.py [--gold tests/fixtures/quotes_gold.jsonl] [--show-errors]
    python scripts/quote_eval.py --gold A.jsonl --against B.jsonl   # how far two labellings agree

A predicted quote matches a labelled one in the same article when their
spans overlap by at least half of the longer one. Speaker attribution is
right when the matched quote names the same person (script and padding
folded). Every quotation of each labelled article was labelled, so
predictions in those articles that match nothing count against precision.
Labelled quotes said by organisations (会议强调) are out of scope: they are
not counted in recall, and predictions matching them are not counted at all.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import click

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from search.ingest import read_file  # noqa: E402
from search.names import normalise  # noqa: E402
from search.quotes import extract_quotes  # noqa: E402

SOURCES = {
    "seeds": ROOT / "seeds" / "zhonglou-2024-03.txt",
    "rmrb": ROOT.parent / "shared" / "corpus" / "rmrb_dev.jsonl.gz",
    "hk": ROOT.parent / "shared" / "corpus" / "hk_dev.jsonl.gz",
}


def load_gold(path: Path) -> dict[str, list[dict]]:
    gold: dict[str, list[dict]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            gold[row["article_id"]].extend([] if row.get("none") else [row])
    return gold


def load_texts(gold: dict[str, list[dict]], sources: dict[str, Path]) -> dict[str, str]:
    wanted = set(gold)
    texts = {}
    for path in sources.values():
        for article in read_file(path):
            if getattr(article, "id", None) in wanted:
                texts[article.id] = article.text
    return texts


def overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return max(0, inter) / max(a[1] - a[0], b[1] - b[0], 1)


def labelled(other: dict[str, list[dict]], texts: dict[str, str]) -> Callable[[str, str], list]:
    """A stand-in for the extractor that answers with another labelling's quotes by persons
    (``--against``): two labellings of the same articles scored as the extractor is."""
    def predict(article_id: str, text: str) -> list:
        return [SimpleNamespace(speaker=r["speaker"], start=r["start"], end=r["end"],
                                text=text[r["start"]:r["end"]])
                for r in other.get(article_id, []) if not r.get("org")]
    return predict


def evaluate(gold: dict[str, list[dict]], texts: dict[str, str], show_errors: bool = False,
             predict: Callable[[str, str], list] | None = None) -> dict:
    """Score ``predict(article_id, text)`` (the extractor unless given) against ``gold``."""
    counts = defaultdict(int)
    drift = 0
    started = time.perf_counter()
    for article_id, labels in gold.items():
        text = texts[article_id]
        for g in labels:
            digest = hashlib.sha1(text[g["start"]:g["end"]].encode("utf-8")).hexdigest()[:12]
            drift += digest != g["sha1"]
        predicted = predict(article_id, text) if predict else extract_quotes(text)
        people = [g for g in labels if not g.get("org")]
        orgs = [g for g in labels if g.get("org")]
        counts["gold"] += len(people)
        matched_gold = set()
        for p in predicted:
            span = (p.start, p.end)
            best = max(people, key=lambda g: overlap(span, (g["start"], g["end"])), default=None)
            if best is None or overlap(span, (best["start"], best["end"])) < 0.5:
                if any(overlap(span, (g["start"], g["end"])) >= 0.5 for g in orgs):
                    continue
                counts["predicted"] += 1
                if show_errors:
                    print(f"extra   {article_id} {p.speaker}: {p.text[:30]}")
                continue
            counts["predicted"] += 1
            if id(best) in matched_gold:
                continue  # a second prediction on the same quote: not a new hit
            matched_gold.add(id(best))
            counts["span_hits"] += 1
            counts["exact_span"] += (p.start, p.end) == (best["start"], best["end"])
            if normalise(p.speaker) == normalise(best["speaker"]):
                counts["speaker_hits"] += 1
            elif show_errors:
                print(f"speaker {article_id} {p.speaker} (should be {best['speaker']}): {p.text[:30]}")
        if show_errors:
            for g in people:
                if id(g) not in matched_gold:
                    print(f"missed  {article_id} {g['speaker']}: {text[g['start']:g['end']][:30]}")
    seconds = time.perf_counter() - started
    pred, gold_n = max(1, counts["predicted"]), max(1, counts["gold"])
    sp, sr = counts["speaker_hits"] / pred, counts["speaker_hits"] / gold_n
    return {
        "articles": len(gold), "gold_quotes": counts["gold"], "predicted": counts["predicted"],
        "speaker_precision": round(sp, 3), "speaker_recall": round(sr, 3),
        "speaker_f1": round(2 * sp * sr / max(1e-9, sp + sr), 3),
        "span_precision": round(counts["span_hits"] / pred, 3),
        "span_recall": round(counts["span_hits"] / gold_n, 3),
        "exact_span_share": round(counts["exact_span"] / max(1, counts["span_hits"]), 3),
        "labels_whose_text_changed": drift,
        "seconds": round(seconds, 2),
    }


@click.command()
@click.option("--gold", type=click.Path(path_type=Path),
              default=ROOT / "tests" / "fixtures" / "quotes_gold.jsonl", show_default=True)
@click.option("--show-errors", is_flag=True)
@click.option("--against", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Score this second labelling of the same articles instead of the extractor.")
def main(gold: Path, show_errors: bool, against: Path | None) -> None:
    """Report speaker attribution and span precision/recall on the labelled quotes."""
    labels = load_gold(gold)
    texts = load_texts(labels, SOURCES)
    predict = labelled(load_gold(against), texts) if against else None
    print(json.dumps(evaluate(labels, texts, show_errors, predict), ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
