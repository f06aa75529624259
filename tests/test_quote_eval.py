"""Quote attribution on the hand-labelled sets stays at least where it was measured.

The floors sit just under the figures of `scripts/quote_eval.py` when they
were set: a rule change that loses ground on any set fails here. Every set
but the newest has been tuned on, so their figures overstate what a fresh
set will show.
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
written (precision 0.818 and recall 0.625 before that round, 0.827 and 0.632
after). The eighth round studied the misses of the fifth and sixth sets:
names the article makes plain by using them again and again as a speech
verb's subject (游清源指，… 游清源指，…) or after a title (校长提达汶 …
提达汶表示), dotted names read whole before the verb (记者西玛拉洪·苏克萨克洪说),
a title's transliterated name the tagger reads as one name (总统佐科), and
transcript lines headed by a description (陈友珍友人：…).

The seventh held-out set was labelled blind, by four labellers, while the
eighth round was written, and measured once before any of its misses were
read: precision 0.905 and recall 0.710 (0.904 and 0.706 with the rules
before the eighth round). Its floor states that honest level, under the
issue's 0.90 / 0.80, not a claim to meet it.

The ninth round studied the seventh set's misses (more verbs that take a
statement with no comma, words a medium relays, a place phrase between a
name and its verb). The eighth held-out set was labelled blind meanwhile
and measured once, with that round's rules, before any of its misses were
read: precision 0.762 and recall 0.593 (0.757 and 0.577 with the rules
before the eighth round). Sets differ more than rounds move them.

The tenth round studied the eighth set's misses (compound surnames, 氏
names, a title after the name, a verb read as the speaker). The ninth
held-out set was labelled blind meanwhile and measured once, with that
round's rules: precision 0.806 and recall 0.636 (0.799 and 0.631 with the
rules before the eighth round). An eleventh round then studied its misses
(short forms of a full name: 贾迈勒 of 贾迈勒·侯赛因, 林郑 of 林郑月娥,
邓官 of 邓少雄; a name with its title after it).

The tenth held-out set was labelled blind meanwhile and measured once, with
those rules: precision 0.864 and recall 0.679 (0.846 and 0.655 with the
rules before the eighth round). Over the four blind sets of these rounds
(7-10) the rules gained 0.5-2.4 points of recall on text they had not seen.

A twelfth round studied the tenth set's misses (joined speakers, 向记者,
a named person's turn inside a paragraph, 曰). The eleventh held-out set
was labelled blind meanwhile and measured once, with those rules:
precision 0.836 and recall 0.596 (0.810 and 0.550 with the rules before
the eighth round). Over the five blind sets (7-11, 923 quotations by
persons) the figures when each was fresh pool to precision 0.836 and
recall 0.645: under the issue's 0.90 / 0.80.

The twelfth held-out set, labelled blind while the eleventh was measured,
was measured once with the same rules: precision 0.835 and recall 0.653
(0.817 and 0.639 before the eighth round). Sets 7-12 (1,070 quotations by
persons) pool to precision 0.836 and recall 0.646. It has not been tuned
on: its floor is the honest level of the rules as they stand.

A thirteenth round studied the eleventh set's misses (a description, 的
and a name; 告诉我们). The thirteenth held-out set, labelled blind
meanwhile, was measured once with those rules: precision 0.663 and recall
0.521 (0.642 and 0.502 before the eighth round), the hardest set so far
(court reports and interrupted quotes). Sets 7-13 (1,327 quotations by
persons) pool to precision 0.802 and recall 0.622.

A fourteenth round studied the twelfth and thirteenth sets' misses (闻言 and
a time word after a name, a surname then an adverb or a speech verb, 大状).
The fourteenth held-out set, labelled blind meanwhile, was measured once with
those rules: precision 0.804 and recall 0.599 (0.803 and 0.594 with the
rules at the start of the round). Sets 7-14 (1,539 quotations by persons)
pool to precision 0.802 and recall 0.619.

A fifteenth round studied the fourteenth set's misses (the last part of a
dotted name, a name after a title given again before a verb, titles in 官).
The fifteenth held-out set, labelled blind meanwhile, was measured once with
those rules: precision 0.832 and recall 0.650 (0.828 and 0.631 with the
rules at the start of the fourteenth round). Sets 7-15 (1,699 quotations by
persons) pool to precision 0.805 and recall 0.622.

A sixteenth round studied the fifteenth set's misses (an unnamed speaker
as the text counts them, a quote standing alone after a sentence about one
person). The sixteenth held-out set, labelled blind meanwhile, was measured
once with those rules: precision 0.876 and recall 0.723 (0.875 and 0.717
with the rules at the start of the fourteenth round). Sets 7-16 (1,865
quotations by persons) pool to precision 0.812 and recall 0.631.

A seventeenth round studied the sixteenth set's misses (spaces inside
Chinese text, a work's title, the clause after a quoted answer). The
seventeenth held-out set, labelled blind meanwhile, was measured once with
those rules: precision 0.825 and recall 0.670 (0.830 and 0.670 with the
rules at the start of the fourteenth round: these rounds gained nothing on
it). Sets 7-17 (2,098 quotations by persons) pool to precision 0.813 and
recall 0.635.

An eighteenth round studied the seventeenth set's misses (强 in names, a
dotted name's last part as the speaker, 反映). The eighteenth held-out set,
labelled blind meanwhile, was measured once with those rules: precision
0.667 and recall 0.551 (0.664 and 0.545 with the rules at the start of the
fourteenth round). Sets 7-18 (2,254 quotations by persons) pool to
precision 0.803 and recall 0.629; sets 14-18 (927), measured with the rules
of their time, to 0.804 / 0.640 against 0.803 / 0.633 with the rules before
the fourteenth round.

A nineteenth round studied the eighteenth set's misses (林郑 repeated as a
subject, 助理, a titled name the tagger cuts, 记者 asking). The nineteenth
held-out set was labelled blind meanwhile, but under a time limit that left
its labellers searching the earlier decisions rather than reading them
through (QUOTES_GOLD.md says so); measured once with those rules: precision
0.846 and recall 0.667 (0.843 and 0.654 with the rules at the start of the
fourteenth round). Sets 7-19 (2,410 quotations by persons) pool to 0.805 /
0.632.

A twentieth round studied the misses of sets 7-19 (names the tagger cuts or
does not know between a title and a speech verb, 人士 as a title, 众新闻 as
the one told, a list of names and colons). The twentieth and twenty-first
held-out sets were labelled blind meanwhile and measured once with those
rules: precision 0.768 and recall 0.594 (set 20), 0.783 and 0.562 (set 21),
exactly what the rules before that round score on them. Sets 7-21 (2,698
quotations by persons) pool to 0.802 / 0.626. Neither set has been tuned on.
A second, independent labelling of set 21 (quotes_heldout21_second.jsonl)
scores 0.994 / 0.988 against the first: the labels follow from the written
rules, so the extractor's gap is its own.

The twenty-second held-out set was labelled blind while a twenty-second
round studied the misses of sets 7-21 (runs read as names that are not:
曾手持, 鄭與隊, 明言; ︰ as a colon; 叹道/喊道), and measured before and
after it, not read until the twenty-third round's error analysis:
precision 0.885 and recall 0.654 with the rules before the round, 0.895
and 0.654 after. Sets 7-22 (2,828 quotations by
persons), each as first measured, pool to 0.806 / 0.627.

The twenty-third held-out set was labelled blind and measured before its
misses were read: precision 0.840 and recall 0.618 with the rules before
the twenty-third round, the same with its first step (names the tagger
cuts apart that an article repeats). It was studied since (one-letter
court pseudonyms, 杨岳桥|批评): 0.865 / 0.685. Sets 7-23 (3,006
quotations by persons), each as first measured, pool to 0.808 / 0.626.

The twenty-fourth held-out set was labelled blind and measured before its
misses were read: precision 0.878 and recall 0.661 with the rules before
the twenty-fourth round. It was studied since (作出重要指示强调, titled
subheads 保安局局長李家超：…, nicknames, 黨魁, 温静教授): 0.909 / 0.747. Sets 7-24
(3,180 quotations by persons), each as first measured, pool to 0.812 /
0.628.
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
    "quotes_heldout5.jsonl": (0.88, 0.73),
    "quotes_heldout6.jsonl": (0.86, 0.73),
    "quotes_heldout7.jsonl": (0.91, 0.76),
    "quotes_heldout8.jsonl": (0.83, 0.66),
    "quotes_heldout9.jsonl": (0.91, 0.72),
    "quotes_heldout10.jsonl": (0.89, 0.73),
    "quotes_heldout11.jsonl": (0.83, 0.61),
    "quotes_heldout12.jsonl": (0.86, 0.68),
    "quotes_heldout13.jsonl": (0.75, 0.57),
    "quotes_heldout14.jsonl": (0.82, 0.65),
    "quotes_heldout15.jsonl": (0.84, 0.66),
    "quotes_heldout16.jsonl": (0.89, 0.75),
    "quotes_heldout17.jsonl": (0.85, 0.70),
    "quotes_heldout18.jsonl": (0.77, 0.64),
    "quotes_heldout19.jsonl": (0.85, 0.67),
    "quotes_heldout20.jsonl": (0.76, 0.59),
    "quotes_heldout21.jsonl": (0.78, 0.56),
    "quotes_heldout22.jsonl": (0.89, 0.65),
    "quotes_heldout23.jsonl": (0.86, 0.68),
    "quotes_heldout24.jsonl": (0.90, 0.74),
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


def test_a_second_labelling_scores_as_a_prediction(texts):
    """``--against``: two labellings of set 21 scored against each other, as the extractor is."""
    first = quote_eval.load_gold(FIXTURES / "quotes_heldout21.jsonl")
    second = quote_eval.load_gold(FIXTURES / "quotes_heldout21_second.jsonl")
    assert set(first) == set(second)
    result = quote_eval.evaluate(first, texts, predict=quote_eval.labelled(second, texts))
    assert result["gold_quotes"] == 160 and result["predicted"] == 159
    assert result["speaker_precision"] >= 0.99 and result["speaker_recall"] >= 0.98, result
    # the first labelling against itself is perfect; against nothing, nothing is found
    same = quote_eval.evaluate(first, texts, predict=quote_eval.labelled(first, texts))
    assert same["speaker_precision"] == same["speaker_recall"] == 1.0
    empty = quote_eval.evaluate(first, texts, predict=quote_eval.labelled({}, texts))
    assert empty["predicted"] == 0 and empty["speaker_recall"] == 0.0
