"""Quote attribution on the hand-labelled sets stays at least where it was measured.

The floors sit just under the figures of `scripts/quote_eval.py` when they
were set: a rule change that loses ground on any set fails here. All six sets
have now been tuned on, so their figures overstate what a fresh set will show.
The fourth held-out set was labelled without reading or running the extractor
and was the untuned measure until the sixth round of rules, which studied its
misses (precision 0.950 and recall 0.671 before, 1.000 and 0.867 after); its
floor now guards that round's rules like the others.

The fifth held-out set was labelled blind while that round was written
(precision 0.790 and recall 0.547 before the sixth round, 0.782 and 0.564
after) and has now been tuned on as well: the seventh round (names) studied
its misses, reading dotted transliterated names whole, resolving their
last part to the full name and a Japanese family name to the name given
before (0.864 and 0.628 after).

The sixth held-out set was labelled blind while the seventh round was
written and has not been tuned on: precision 0.818 and recall 0.625 before
that round, 0.827 and 0.632 after. Its floor states that honest level, under
the issue's 0.90 / 0.80, not a claim to meet it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import quote_eval  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
# set: (speaker precision, speaker recall) floors
FLOORS = {
    "quotes_gold.jsonl": (0.97, 0.88),
    "quotes_heldout.jsonl": (0.98, 0.91),
    "quotes_heldout2.jsonl": (0.95, 0.86),
    "quotes_heldout3.jsonl": (0.94, 0.80),
    "quotes_heldout4.jsonl": (0.94, 0.86),
    "quotes_heldout5.jsonl": (0.86, 0.62),
    "quotes_heldout6.jsonl": (0.81, 0.62),
}


@pytest.fixture(scope="module")
def texts(corpus_dir):
    wanted = {}
    for name in FLOORS:
        wanted.update(quote_eval.load_gold(FIXTURES / name))
    sources = dict(quote_eval.SOURCES, rmrb=corpus_dir / "rmrb_dev.jsonl.gz",
                   hk=corpus_dir / "hk_dev.jsonl.gz")
    return quote_eval.load_texts(wanted, sources)


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_speaker_attribution_holds(texts, name):
    gold = quote_eval.load_gold(FIXTURES / name)
    assert set(gold) <= set(texts), "every labelled article is in the corpus"
    result = quote_eval.evaluate(gold, texts)
    assert result["labels_whose_text_changed"] == 0  # the labels still point at their text
    precision, recall = FLOORS[name]
    assert result["speaker_precision"] >= precision, result
    assert result["speaker_recall"] >= recall, result
