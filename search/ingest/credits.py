"""Reporters' names out of mainland-style credits (bylines, photo credits).

A credit such as ``本报记者  李  刚``, ``（本报记者田俊荣、陆娅楠）`` or
``邵 丹摄（人民视觉）`` is cut into role words (记者, 通讯员 …), suffixes
(摄 "photographed by", 整理 "compiled by", 参与采写 "co-reported by" …) and the
chunks between them. A chunk counts as a list of names only when a role word
comes before it or a suffix after it; anything else (places in ``本报巴黎电``,
``作者为…`` descriptions, agencies) is ignored.
"""

from __future__ import annotations

import re

CJK = "\u3400-\u9fff"
# A personal name: 2-4 Han characters, or a transliterated minority or
# foreign name whose parts are joined by a middle dot.
_NAME = re.compile(rf"[{CJK}]{{2,4}}|[{CJK}]{{1,10}}(?:[·・][{CJK}]{{1,10}})+")
_SINGLE = re.compile(rf"[{CJK}]")

# Words that look like names to the pattern above but are credits or agencies.
NOT_NAMES = frozenset(
    """本报 新华社 新华 人民视觉 影像中国 视觉中国 中新社 人民网 本报记者 记者 通讯员
    特约记者 图片 资料图片 供图 制图 执笔 整理 采访 报道 综合 摄影 图文 文图
    相关 画间语""".split()
)

# Roles that introduce names. 本报驻X记者: the paper's correspondent in X.
_ROLE = (
    rf"(?:本报|新华社|[{CJK}]{{2,4}}报)?(?:驻[{CJK}]{{1,8}}?)?(?:特约|见习|实习)?(?:记者|通讯员)"
    r"|执笔记者[:：]?|执笔[:：]|参与采写[:：]|参与记者[:：]|采写[:：]|综合"
)
# Suffixes that close a list of names. 文 ("text by") only counts when
# another credit follows it (``罗艾桦文  陈北跑摄``); ``宋 文摄`` is 宋文.
_SUFFIX = (
    r"摄影报道|图文报道|文并图|文[/／]图|采访整理|整理|参与采写|(?<!相关)报道|摄|文(?=\s+\S.*(?:摄|图))"
)
_STOP = r"供图|提供|作者为|作者单位|图片由|新华社发|[（）()【】。；;：:]"
_TOKEN = re.compile(rf"(?P<role>{_ROLE})|(?P<suffix>{_SUFFIX})|(?P<stop>{_STOP})")
_SPACES = re.compile(r"[\s\u00a0\u3000]+")


def normalise_spaces(s: str) -> str:
    """Turn no-break and ideographic spaces into plain ones, trimmed."""
    return _SPACES.sub(" ", s).strip()


def names_in_credit(credit: str, *, bare: bool = False) -> list[str]:
    """Return the personal names a credit names, in order, without padding.

    :param bare: the credit may be a bare list of names with no role word,
        as in a dateline's bracket ``（肖家鑫、郑志勇）``; it must then hold
        nothing but names.
    """
    credit = normalise_spaces(credit)
    if bare and credit[:1] in "（(" and credit[-1:] in "）)":
        credit = credit[1:-1]
    names: list[str] = []
    # Chunks between tokens, with the kind of token on each side.
    pos, before = 0, "start"
    for match in _TOKEN.finditer(credit):
        after = match.lastgroup or ""
        chunk = credit[pos : match.start()]
        if before == "role" or after == "suffix":
            names.extend(split_names(chunk, tail_only=(before != "role")))
        pos, before = match.end(), after
    chunk = credit[pos:]
    if before == "role":
        names.extend(split_names(chunk))
    elif bare and before == "start":
        names.extend(split_names(chunk, strict=True))
    return _unique(names)


def split_names(chunk: str, *, tail_only: bool = False, strict: bool = False) -> list[str]:
    """Split a run of names on 、，, and spaces, rejoining padded names.

    Two-character names are printed at the width of three (``李  刚``), so two
    single Han characters in a row are one name: ``何 勇 申智林`` is 何勇 and
    申智林. With ``tail_only`` only the names right before the end are kept
    (the chunk before 摄 may start with other words). With ``strict`` the
    chunk must be nothing but names, or no name is returned.
    """
    pieces = re.split(r"[、，,;；]", chunk)
    if tail_only:
        pieces = pieces[-1:] if not _all_names(pieces) else pieces
    names: list[str] = []
    for piece in pieces:
        tokens = piece.split()
        if tail_only and tokens:
            tokens = _tail(tokens)
        names.extend(_join_padded(tokens))
    valid = [n for n in names if _NAME.fullmatch(n) and n not in NOT_NAMES]
    if strict and len(valid) != len(names):
        return []
    return valid


def _all_names(pieces: list[str]) -> bool:
    return all(_NAME.fullmatch(n) for p in pieces for n in _join_padded(p.split()))


def _tail(tokens: list[str]) -> list[str]:
    """Keep the trailing tokens that can be names or halves of padded names."""
    kept: list[str] = []
    for token in reversed(tokens):
        if not (_NAME.fullmatch(token) or _SINGLE.fullmatch(token)):
            break
        kept.insert(0, token)
    return kept


def _join_padded(tokens: list[str]) -> list[str]:
    names: list[str] = []
    i = 0
    while i < len(tokens):
        if i + 1 < len(tokens) and _SINGLE.fullmatch(tokens[i]) and _SINGLE.fullmatch(tokens[i + 1]):
            names.append(tokens[i] + tokens[i + 1])
            i += 2
        else:
            names.append(tokens[i])
            i += 1
    return names


def _unique(names: list[str]) -> list[str]:
    return list(dict.fromkeys(names))
