"""Place names: a gazetteer of Chinese administrative divisions and Hong Kong districts.

Mainland divisions (provinces, prefecture cities, counties and districts,
with their adcodes) come from the table shipped with the ``cpca`` package;
Hong Kong's 18 districts and its common neighbourhoods are listed here,
because no maintained package ships them. An article's locations are the
words jieba's tagger marks as places (``ns``), or any word that is a
gazetteer name, kept only when the gazetteer knows them: the tagger alone
marks people (沈东) and organisations as places.
"""

from __future__ import annotations

import csv
import functools
import io
import re
from collections import Counter
from dataclasses import dataclass
from importlib import resources

from .analysis import fold, fold_lines, pos_tags

# Hong Kong's 18 districts (香港十八區) and well-known neighbourhoods, in
# Traditional script as Hong Kong papers write them. 東區, 南區 and 北區 are
# only recognised with 區: "東" alone is not a place.
HK_DISTRICTS = (
    "中西區", "灣仔區", "東區", "南區", "油尖旺區", "深水埗區", "九龍城區", "黃大仙區",
    "觀塘區", "葵青區", "荃灣區", "屯門區", "元朗區", "北區", "大埔區", "沙田區",
    "西貢區", "離島區",
)
HK_NEIGHBOURHOODS = (
    "中環", "上環", "西環", "金鐘", "銅鑼灣", "跑馬地", "北角", "鰂魚涌", "柴灣", "筲箕灣",
    "香港仔", "鴨脷洲", "赤柱", "淺水灣", "旺角", "尖沙咀", "油麻地", "佐敦", "太子",
    "深水埗", "長沙灣", "石硤尾", "九龍塘", "土瓜灣", "紅磡", "何文田", "黃大仙", "鑽石山",
    "慈雲山", "觀塘", "牛頭角", "藍田", "油塘", "將軍澳", "坑口", "葵涌", "青衣", "荃灣",
    "屯門", "元朗", "天水圍", "上水", "粉嶺", "沙頭角", "大埔", "沙田", "馬鞍山", "大圍",
    "火炭", "西貢", "大嶼山", "東涌", "長洲", "南丫島", "坪洲", "愉景灣", "九龍", "新界",
    "港島", "香港島", "灣仔", "天水圍", "啟德", "西九龍",
)

_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "地区", "新区", "林区", "矿区",
             "省", "市", "区", "县", "盟", "旗")


@dataclass(frozen=True)
class Place:
    name: str  # the display name, as the gazetteer writes it
    code: str  # adcode for the mainland; "HK" for Hong Kong
    parent: str | None  # display name of the enclosing division


@functools.lru_cache(maxsize=1)
def gazetteer() -> dict[str, list[Place]]:
    """Map folded names, full and short (常州市, 常州), to the places they may name."""
    rows = _adcode_rows()
    by_code = {code: name for code, name in rows}
    nations = _nations()
    places: dict[str, list[Place]] = {}
    for code, name in rows:
        place = Place(name, code, _parent_name(code, by_code))
        places.setdefault(fold(name), []).append(place)
        for short in _short_forms(name, nations):
            places.setdefault(fold(short), []).append(place)
    hk = by_code.get("810000000000")
    for name in HK_DISTRICTS + HK_NEIGHBOURHOODS:
        places.setdefault(fold(name), [Place(name, "HK", hk)])
    return places


def ancestors(place: Place) -> list[str]:
    """Display names of the divisions that hold ``place``, nearest first."""
    names = []
    parent = place.parent
    while parent:
        names.append(parent)
        found = gazetteer().get(fold(parent))
        parent = found[0].parent if found else None
    return names


def _adcode_rows() -> list[tuple[str, str]]:
    text = resources.files("cpca").joinpath("resources/adcodes.csv").read_text("utf-8")
    rows = []
    for row in csv.DictReader(io.StringIO(text)):
        code, name = row["adcode"], row["name"]
        if name in ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"):
            continue  # table placeholders, not places
        rows.append((code, name))
    return rows


@functools.lru_cache(maxsize=1)
def _nations() -> list[str]:
    text = resources.files("cpca").joinpath("resources/56_nations.csv").read_text("utf-8")
    names = [n.strip() for n in text.splitlines() if n.strip()]
    # 壮族 -> also 壮 (as in 广西壮族自治区 -> 广西)
    return sorted({*names, *(n[:-1] for n in names if n.endswith("族") and len(n) > 2)},
                  key=len, reverse=True)


def _parent_name(code: str, by_code: dict[str, str]) -> str | None:
    if code[2:] == "0" * 10:
        return None
    if code[4:] == "0" * 8:
        return by_code.get(code[:2] + "0" * 10)
    return by_code.get(code[:4] + "0" * 8) or by_code.get(code[:2] + "0" * 10)


def _short_forms(name: str, nations: list[str]) -> list[str]:
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            stem = name[: -len(suffix)]
            if suffix.startswith("自治"):
                for nation in nations:
                    if stem.endswith(nation) and len(stem) - len(nation) >= 2:
                        return [stem[: -len(nation)]]
            return [stem]
    return []


_PLACE_TAGS = {"ns", "nsf"}
_SPACES = re.compile(r"\s+")


def find_locations(*lines: str, userdict: str | None = None, limit: int = 12) -> list[str]:
    """The places the text of ``lines`` names, most mentioned first, as gazetteer display names.

    A name is taken when it is a full division name (钟楼区) or when the tagger
    marks it as a place (上海). A county-level name that is short (钟楼) or
    only two characters, and a name several divisions share, counts only when
    the text also names the division that holds it: 新建 is a word before it is
    南昌's 新建区.
    """
    places = gazetteer()
    mentions: list[tuple[str, list[Place]]] = []
    # each line folded on its own (``fold_lines``): the indexer has folded an article's text
    for word, tag in pos_tags(_SPACES.sub("", fold_lines(*filter(None, lines))), userdict):
        if len(word) < 2:
            continue
        candidates = places.get(word)
        if candidates and (tag in _PLACE_TAGS or any(word == fold(p.name) for p in candidates)):
            mentions.append((word, candidates))
    named = {fold(p.name) for _, cands in mentions for p in cands if len(cands) == 1}
    named |= {word for word, _ in mentions}
    counts: Counter[str] = Counter()
    for word, candidates in mentions:
        # the enclosing division: the city for a county, the province for a city
        in_context = [p for p in candidates
                      if p.parent and (fold(p.parent) in named or _short_in(p.parent, named))]
        if len(candidates) == 1:
            p = candidates[0]
            county = p.code != "HK" and p.code[4:6] != "00"
            full = word == fold(p.name)
            if county and not (full and len(word) >= 3) and not in_context:
                continue
            counts[p.name] += 1
        elif len(in_context) == 1:
            counts[in_context[0].name] += 1
    return [name for name, _ in counts.most_common(limit)]


def _short_in(name: str, named: set[str]) -> bool:
    return any(fold(s) in named for s in _short_forms(name, _nations()))


def place(name: str) -> Place | None:
    """Look up a place by its full name or an unambiguous short one."""
    found = gazetteer().get(fold(name), [])
    return found[0] if len(found) == 1 else None
