"""Person and place names: normalise, spell in pinyin, find the near matches a reader meant.

Readers mistype names the way input methods fail: a homophone picked from
the candidate list (薛慕嵘 for 薛暮嵘, 沈冬 for 沈东) or one wrong character.
So a name is compared twice, by its characters and by its pinyin, and the
better of the two counts. Everything here is pure (strings in, scores out)
except ``name_query``, which turns a name into a Whoosh query.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from pypinyin import lazy_pinyin
from rapidfuzz import fuzz, process
from whoosh import query as wq

from .analysis import fold
from .query import value_variants

KINDS = ("reporter", "location")

# Surnames whose reading differs from the character's usual one (单 is shan
# as a surname, dan otherwise). Compound surnames first: they are matched
# on the leading characters of the folded (Simplified) name.
SURNAME_PINYIN = {
    "尉迟": ("yu", "chi"), "万俟": ("mo", "qi"), "单于": ("chan", "yu"),
    "长孙": ("zhang", "sun"), "澹台": ("tan", "tai"), "令狐": ("ling", "hu"),
    "欧阳": ("ou", "yang"), "司马": ("si", "ma"), "诸葛": ("zhu", "ge"),
    "曾": ("zeng",), "单": ("shan",), "解": ("xie",), "仇": ("qiu",), "朴": ("piao",),
    "区": ("ou",), "查": ("zha",), "盖": ("ge",), "尉": ("wei",), "乐": ("yue",),
    "缪": ("miao",), "覃": ("qin",), "翟": ("zhai",), "召": ("shao",), "秘": ("bi",),
    "繁": ("po",), "员": ("yun",), "种": ("chong",), "折": ("she",), "冼": ("xian",),
    "隗": ("wei",), "黑": ("he",), "谌": ("chen",), "过": ("guo",), "藏": ("zang",),
}

# Thresholds on rapidfuzz's 0-100 scale, chosen with scripts/measure_names.py
# on the 1,794 reporter names of the People's Daily and 眾新聞 dev corpora
# and the 770 place names of the web tests' index: a one-character
# homophone slip (薛慕嵘 for 薛暮嵘) scores 95 against the intended name (p5
# and median) and ranks it first 97.5% of the time; a random one-character
# slip of a three-character name scores at least 66.7 (two characters of
# three agree), of a two-character name only 50-63, which is no better than
# chance: the best name for a random two-character string scores 76 in the
# median. So suggestions start at 66, which keeps every homophone and every
# three-character slip; the list is ranked and short, so some noise is shown.
SUGGEST_MIN = 66.0
# Hints shown while typing in the main search box, where most input is not
# a name at all: only names that sound the same (95), start the same (90) or
# match exactly. Common two-character words (经济) reach 70-80 against some
# name by chance, as the unrelated-string figures above show.
HINT_MIN = 90.0
# Same pinyin but other characters must rank below the name as typed.
PINYIN_WEIGHT = 0.95
# A name that starts with what was typed (北京 -> 北京市, 香港 -> 香港特别行政区)
# is what a reader typing a place means; it ranks below a homophone of the
# whole name, above a random slip.
PREFIX_SCORE = 90.0
# One character matches a third of all names; longer text is a sentence.
MIN_NAME_CHARS, MAX_NAME_CHARS = 2, 12

_SPACE = re.compile(r"[\s\u00a0\u3000]+")
_CJK_SPACE = re.compile(r"(?<=[\u3400-\u9fff])[\s\u00a0\u3000]+(?=[\u3400-\u9fff])")
_CJK = re.compile(r"[\u3400-\u9fff]")


def normalise(name: str) -> str:
    """Fold a name for comparison: Simplified, half-width, lower case, no padding spaces.

    People's Daily pads two-character names (``李  刚``); spaces between Latin
    words stay, one each (``chris yeung``).
    """
    text = fold(name.strip())
    text = _CJK_SPACE.sub("", text)
    return _SPACE.sub(" ", text).strip()


def pinyin(name: str) -> tuple[str, ...]:
    """The toneless pinyin syllables of a name, reading a leading surname as a surname."""
    norm = normalise(name)
    head: tuple[str, ...] = ()
    for size in (2, 1):
        if len(norm) > size and norm[:size] in SURNAME_PINYIN:
            head, norm = SURNAME_PINYIN[norm[:size]], norm[size:]
            break
    rest = [s.strip().lower() for s in lazy_pinyin(norm) if s.strip()]
    return head + tuple(rest)


def spelled(name: str) -> str:
    """Pinyin as one string (``xue mu rong``): what the fuzzy matcher compares."""
    return " ".join(pinyin(name))


def similarity(query: str, name: str) -> float:
    """How likely ``query`` was meant as ``name``, 0-100: the better of characters and sound."""
    q, n = normalise(query), normalise(name)
    if not q or not n:
        return 0.0
    if q == n:
        return 100.0
    chars = fuzz.ratio(q, n)
    sound = fuzz.ratio(spelled(q), spelled(n)) * PINYIN_WEIGHT
    prefix = PREFIX_SCORE if len(q) >= MIN_NAME_CHARS and n.startswith(q) else 0.0
    return max(chars, sound, prefix)


def looks_like_name(text: str) -> bool:
    """True for short text that could be a name (not a sentence or a query with fields)."""
    norm = normalise(text)
    return MIN_NAME_CHARS <= len(norm) <= MAX_NAME_CHARS and ":" not in norm and '"' not in norm


@dataclass(frozen=True)
class Match:
    name: str
    kind: str  # "reporter", "location" or "speaker"
    count: int  # articles in the index with this name
    score: float

    def to_json(self) -> dict:
        return {"name": self.name, "kind": self.kind, "count": self.count,
                "score": round(self.score, 1)}


class NameIndex:
    """Names of an index with their counts, spelled out once for fast fuzzy lookups."""

    def __init__(self, names: Iterable[tuple[str, str, int]]):
        rows = [(n, k, c) for n, k, c in names if normalise(n)]
        self.names = [n for n, _, _ in rows]
        self.kinds = [k for _, k, _ in rows]
        self.counts = [c for _, _, c in rows]
        self.folded = [normalise(n) for n in self.names]
        self.sounds = [spelled(n) for n in self.names]
        self._exact: dict[tuple[str, str], int] = {}
        for i, (f, k) in enumerate(zip(self.folded, self.kinds)):
            self._exact.setdefault((f, k), i)

    def __len__(self) -> int:
        return len(self.names)

    def exact(self, name: str, kind: str) -> Match | None:
        """The indexed name that equals ``name`` once both are normalised."""
        i = self._exact.get((normalise(name), kind))
        return None if i is None else Match(self.names[i], kind, self.counts[i], 100.0)

    def lookup(self, query: str, limit: int = 8, min_score: float = SUGGEST_MIN,
               kind: str | None = None) -> list[Match]:
        """The names ``query`` most likely means, best first (ties: more articles first)."""
        if not looks_like_name(query) or not self.names:
            return []
        q = normalise(query)
        best: dict[int, float] = {}
        cutoff = min_score
        for _, score, i in process.extract(q, self.folded, scorer=fuzz.ratio,
                                           limit=None, score_cutoff=cutoff):
            best[i] = score
        sound_cutoff = cutoff / PINYIN_WEIGHT
        if sound_cutoff <= 100:
            for _, score, i in process.extract(spelled(q), self.sounds, scorer=fuzz.ratio,
                                               limit=None, score_cutoff=sound_cutoff):
                best[i] = max(best.get(i, 0.0), score * PINYIN_WEIGHT)
        if PREFIX_SCORE >= min_score:
            for i, name in enumerate(self.folded):
                if name.startswith(q):
                    best[i] = max(best.get(i, 0.0), PREFIX_SCORE)
        for i in best:
            if self.folded[i] == q:
                best[i] = 100.0
        ranked = sorted(best.items(), key=lambda item: (-item[1], -self.counts[item[0]],
                                                        self.names[item[0]]))
        out = [Match(self.names[i], self.kinds[i], self.counts[i], s)
               for i, s in ranked if kind is None or self.kinds[i] == kind]
        return out[:limit]


    def unknown(self, filters: dict[str, list[str] | tuple[str, ...]],
                limit: int = 5) -> list[tuple[str, str, list[Match]]]:
        """(kind, value, closest names) for each filter value naming nobody in the index."""
        return [(kind, value, self.lookup(value, limit=limit, kind=kind))
                for kind, values in filters.items() for value in values
                if self.exact(value, kind) is None]


def lookup_all(indexes: Iterable["NameIndex | None"], query: str, limit: int = 8,
               min_score: float = SUGGEST_MIN) -> list[Match]:
    """The names ``query`` most likely means across several name indexes
    (reporters and places, quoted speakers), best first."""
    matches = [m for ix in indexes if ix is not None
               for m in ix.lookup(query, limit=limit, min_score=min_score)]
    return sorted(matches, key=lambda m: (-m.score, -m.count, m.name))[:limit]


def name_query(name: str, field: str = "reporter") -> wq.Query:
    """A Whoosh query for articles filed under ``name`` in any script or padding."""
    forms = list(dict.fromkeys(value_variants(name) + value_variants(normalise(name))))
    return wq.Or([wq.Term(field, v) for v in forms])
