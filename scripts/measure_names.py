"""Measure the fuzzy-name thresholds of search/names.py on real names.

Usage: python scripts/measure_names.py CORPUS_DIR [INDEX_DIR]

Reporter names come from the corpus files through ingest's parser; location
names (optional) from an index's facet cache. Prints how one-character
homophone slips, random one-character slips and unrelated strings score.
"""

from __future__ import annotations

import collections
import gzip
import json
import random
import sys
from pathlib import Path

import numpy as np
from pypinyin import lazy_pinyin

from search.ingest.jsonl import parse_record
from search.names import NameIndex, normalise, similarity


def real_names(corpus: Path, index_dir: str | None) -> list[tuple[str, str, int]]:
    counts: collections.Counter = collections.Counter()
    for name in ("rmrb_dev.jsonl.gz", "hk_dev.jsonl.gz"):
        with gzip.open(corpus / name, "rt", encoding="utf-8") as stream:
            for line in stream:
                counts.update(parse_record(json.loads(line)).reporters)
    rows = [(n, "reporter", c) for n, c in counts.items()]
    if index_dir:
        from search.searcher import Archive

        with Archive(index_dir) as archive:
            _, facets = archive.current()
            docs = np.arange(facets.doc_count_all)
            rows += [(n, "location", c) for n, c in facets.counts("location", docs, limit=None)]
    return rows


def main(corpus: str, index_dir: str | None = None, samples: int = 1500) -> None:
    rows = real_names(Path(corpus), index_dir)
    ix = NameIndex(rows)
    print(f"{sum(k == 'reporter' for _, k, _ in rows)} reporter and "
          f"{sum(k == 'location' for _, k, _ in rows)} location names")
    by_sound = collections.defaultdict(set)
    for n in ix.folded:
        for ch in n:
            if "\u4e00" <= ch <= "\u9fff":
                by_sound[lazy_pinyin(ch)[0]].add(ch)
    chars = sorted({ch for s in by_sound.values() for ch in s})
    cjk = sorted({n for n in ix.folded
                  if 2 <= len(n) <= 3 and all("\u4e00" <= ch <= "\u9fff" for ch in n)})
    rng = random.Random(1)
    homo, homo_first, slips = [], 0, collections.defaultdict(list)
    for n in rng.sample(cjk, min(samples, len(cjk))):
        i = rng.randrange(1, len(n))  # keep the surname
        alike = sorted(by_sound[lazy_pinyin(n[i])[0]] - {n[i]})
        if alike:
            q = n[:i] + rng.choice(alike) + n[i + 1:]
            if all((q, k) not in ix._exact for k in ("reporter", "location")):
                homo.append(similarity(q, n))
                best = ix.lookup(q, limit=1, min_score=0)
                homo_first += bool(best) and normalise(best[0].name) == n
        q = n[:i] + rng.choice(chars) + n[i + 1:]
        slips[len(n)].append(similarity(q, n))
    print(f"homophone slips: {len(homo)}, intended name first {homo_first / len(homo):.1%}, "
          f"score p5/p50 {np.percentile(homo, [5, 50])}")
    for size, scores in sorted(slips.items()):
        print(f"random slip, {size}-char names: p5/p25/p50 {np.percentile(scores, [5, 25, 50])}")
    for size in (2, 3):
        best = []
        for _ in range(500):
            q = "".join(rng.choice(chars) for _ in range(size))
            found = ix.lookup(q, limit=1, min_score=0)
            best.append(found[0].score if found else 0.0)
        print(f"unrelated {size}-char strings, best name: p50/p90 {np.percentile(best, [50, 90])}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
