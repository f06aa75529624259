"""Quoted and reported speech (“…”, 「…」, 沈东指出，要…) and who said it.

Rules over folded text (Simplified, half-width, same length as the
original, so offsets point into the article as printed):
  * reported speech: a speech verb (指出, 强调, 表示, 认为, 说 …) followed by
    a comma or colon (指出/强调/要求 also without one); the statement runs to
    the end of the sentence, or to the closing mark when it opens with one;
  * a direct quote followed by its speaker: “…”，周亚媛告诉记者;
  * the speaker is the clause before the verb with adverbials removed
    (在会上, 31日, 笑着): a name, a role and a name (区委书记沈东 -> 沈东, role
    区委书记), or a pronoun or nothing, resolved to the person last named as
    a speaker, or else last named with a role, earlier in the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .analysis import fold, segmenter

STRONG_VERBS = "强调指出|指出|强调"
VERBS = ("(?:对|向|告诉)(?:本报|本台)?记者(?:表示|说|介绍|坦言|透露|强调)?|" + STRONG_VERBS +
         "|要求|表示|认为|介绍|透露|坦言|谈到|说道|表明|宣布|回应|直言|坦承|解释|补充|提到|"
         "呼吁|承认|重申|声称|宣称|感慨|感叹|叮嘱|勉励|寄语|续指|又指|更指|直指|批评|反问|笑言|笑说|"
         "续称|又称|并称|称|说|问|答|指")
_VERB = re.compile(f"(?P<verb>{VERBS})(?P<after>[，,:：]\\s*[“「]?|[“「])?")
_CLAUSE_START = re.compile(r"[。！？!?；;，,：:\n“”「」『』（）()]")
_SENTENCE_END = re.compile(r"[。！？!?\n]")
_CLOSE = {"“": "”", "「": "」"}

ROLE = re.compile(
    r"^(?P<role>.*(?:书记|主任|主席|部长|局长|厅长|省长|市长|县长|区长|镇长|乡长|村长|发言人|总监|"
    r"经理|董事长|总裁|校长|院长|委员|议员|代表|负责人|教授|专家|队长|所长|司长|总理|总统|首相|"
    r"大使|领事|秘书长|会长|理事长|特首|律师|医生|老师|研究员|主管|处长|科长|站长|馆长|社长|"
    r"总编|学者|作家|导演|演员|教练|工程师|创始人|官员|署长|司令|召集人|成员|学生|居民|村民|市民|"
    r"家长|师傅|阿姨|大爷|大妈|老人|店主|博士|讲师|团长|常委|党员|干部|行政长官|[^\W\d_]*长))"
    r"(?P<name>[\u4e00-\u9fff·]{2,4}|[A-Za-z][A-Za-z .\-]{1,30})$")
_ADVERBIAL = re.compile(
    r"(?:在[^在]{1,16}?(?:上|中|时|后|前)|接受[^接]{0,14}采访时|\d{1,2}日|[今昨前]天|当天|当日|随后|最后|首先|"
    r"同时|也|还|则|又|都|再次|进一步|特别|一再|反复|明确|郑重|深刻|坦率地|激动地|动情地|高兴地|"
    r"笑着|笑|感慨地|语重心长地|一针见血地|直接|更|亦|便|就|曾|已|并|对此|对此事|于是)+$")
_PRONOUN = re.compile(r"^(?:他|她|他们|她们|佢|佢哋)$")
_CJK_NAME = re.compile(r"^[\u4e00-\u9fff·]{2,4}$")
_LATIN_NAME = re.compile(r"^[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}$")


@dataclass
class Quote:
    speaker: str
    role: str | None
    verb: str
    text: str
    start: int  # offsets of ``text`` in the article text
    end: int
    kind: str  # "reported" or "direct"


def extract_quotes(text: str, known_names: frozenset[str] = frozenset()) -> list[Quote]:
    """The quotations of an article text, in order, each with a resolved speaker."""
    folded = fold(text)
    mentions = _role_mentions(folded)
    candidates = []  # (clause start, verb match, speaker or "?")
    for m in _VERB.finditer(folded):
        verb, after = m.group("verb"), m.group("after") or ""
        if not after and re.fullmatch(STRONG_VERBS, verb) is None:
            continue
        if m.end() >= len(folded) or not _starts_content(folded, m.end(), after):
            continue
        clause_start = _clause_start(folded, m.start())
        clause = _ADVERBIAL.sub("", folded[clause_start:m.start()]).strip()
        speaker = _speaker(clause, text, clause_start, folded, known_names, len(verb) == 1)
        if speaker is not None:
            candidates.append((clause_start, m, speaker))

    quotes: list[Quote] = []
    last_speaker: tuple[str, str | None, int] | None = None
    for i, (clause_start, m, speaker) in enumerate(candidates):
        if quotes and m.start() < quotes[-1].end:
            continue  # the verb sits inside the previous statement
        if speaker == "?":  # a pronoun or no subject: whoever spoke or was named last
            speaker = _last_person(last_speaker, mentions, m.start())
            if speaker is None:
                continue
        name, role = speaker
        role = role or _role_for(name, mentions)
        after = m.group("after") or ""
        content_start = m.end()
        opening = after[-1] if after and after[-1] in _CLOSE else None
        if opening:
            close = folded.find(_CLOSE[opening], content_start)
            end = close if close >= 0 else _sentence_end(folded, content_start)
        else:
            end = _sentence_end(folded, content_start)
            if i + 1 < len(candidates) and candidates[i + 1][0] < end:
                end = candidates[i + 1][0]  # the next speech act starts inside this sentence
        body = text[content_start:end].rstrip("，,；; ")
        if len(body.strip()) < 4:
            continue
        quotes.append(Quote(name, role, m.group("verb"), body, content_start,
                            content_start + len(body), "direct" if opening else "reported"))
        last_speaker = (name, role, m.start())
    quotes.extend(_quotes_before_speaker(text, folded, quotes, known_names, mentions))
    quotes.sort(key=lambda q: q.start)
    return quotes


def _starts_content(folded: str, i: int, after: str) -> bool:
    ch = folded[i]
    return bool(re.match(r"[\u4e00-\u9fffA-Za-z0-9“「]", ch)) or bool(after and after[-1] in _CLOSE)


def _clause_start(folded: str, end: int) -> int:
    start = end
    while start > 0 and not _CLAUSE_START.match(folded[start - 1]) and end - start < 40:
        start -= 1
    return start


def _sentence_end(folded: str, start: int) -> int:
    depth = 0
    for i in range(start, len(folded)):
        ch = folded[i]
        if ch in "“「":
            depth += 1
        elif ch in "”」":
            depth = max(0, depth - 1)
        elif depth == 0 and _SENTENCE_END.match(ch):
            return i + 1 if ch != "\n" else i
    return len(folded)


def _speaker(clause: str, text: str, clause_start: int, folded: str,
             known: frozenset[str], weak_verb: bool):
    """(name, role), "?" for a pronoun or missing subject, or None when the clause names nobody."""
    if not clause:
        return None if weak_verb else "?"
    if _PRONOUN.match(clause):
        return "?"
    original = _original(text, folded, clause)
    m = ROLE.match(clause)
    if m and _is_name(m.group("name"), known):
        name = original[-len(m.group("name")):]
        role = original[:len(m.group("role"))].strip("、， ") or None
        return name, role
    if _is_name(clause, known):
        return original, None
    return None


def _original(text: str, folded: str, clause: str) -> str:
    # the clause as printed (Traditional stays Traditional)
    idx = folded.find(clause)
    return text[idx:idx + len(clause)] if idx >= 0 else clause


def _is_name(word: str, known: frozenset[str]) -> bool:
    if word in known or _LATIN_NAME.match(word):
        return True
    if not _CJK_NAME.match(word):
        return False
    seg = segmenter()
    if seg.has_word(word):
        # a dictionary word is a name only when the tagger says so (习近平)
        return any(t.startswith("nr") for _, t in seg.tag(word))
    # not a dictionary word: a name unless it cuts into common words (会议上)
    pieces = seg.cut(word)
    return len(pieces) == 1 or any(t.startswith("nr") for _, t in seg.tag(word))


def _role_mentions(folded: str) -> list[tuple[int, str, str]]:
    """(offset, name, role) for every 'role + name' the text names (区委书记沈东)."""
    out = []
    for m in re.finditer(r"[\u4e00-\u9fff、]{2,24}?(?:书记|主任|主席|部长|局长|县长|市长|区长|发言人|"
                         r"总监|董事长|校长|院长|议员|教授|总理|总统|行政长官|特首)([\u4e00-\u9fff]{2,3})",
                         folded):
        name = m.group(1)
        role = m.group(0)[: len(m.group(0)) - len(name)]
        found = _name_at(folded, m.start(1))
        if found:
            out.append((m.start(), found, role))
    # a name opening a sentence is its subject: 沈东对代表团的到来表示欢迎，他表示…
    for m in re.finditer(r"(?:^|[。！？!?\n])\s*([\u4e00-\u9fff]{2,3})", folded):
        found = _name_at(folded, m.start(1))
        if found:
            out.append((m.start(1), found, None))
    out.sort()
    return out


# Characters that end a name's run of characters more often than they end a
# name: 沈东以“四不两直”, 沈东带队, 郭红奎率团.
_AFTER_NAME = set("以在对带率等和与到来赴出说表指强要就向为将也还是的了同陪主参会讲视调考察")


# Characters that open sentences but never a name: pronouns, demonstratives.
_NOT_SURNAME = set("他她我你您它这那其该本此各每某另据从在对把被让使")


def _name_at(folded: str, start: int) -> str | None:
    """The person's name that starts at ``start``, if one does.

    jieba cuts unknown names either way (张定|宇说, 沈东带|队), so a 3-character
    reading wins when its third character is not one that usually follows a
    name and the 2-character reading is never seen without it in the text.
    """
    if folded[start] in _NOT_SURNAME:
        return None
    two, three = folded[start:start + 2], folded[start:start + 3]
    if len(three) == 3 and three[2] not in _AFTER_NAME and _is_name(three, frozenset()):
        if folded.count(two) == folded.count(three) and folded.count(three) > 1:
            return three
    first = segmenter().cut(folded[start:start + 6])[0]
    for cand in (first, three, two):
        if len(cand) == 3 and cand[2] in _AFTER_NAME:
            continue
        if 2 <= len(cand) <= 3 and _is_name(cand, frozenset()):
            return cand
    return None


def _last_person(last_speaker, mentions, before: int):
    """The speaker of the previous statement, unless someone was named since."""
    mentioned = [(pos, name) for pos, name, _ in mentions if pos < before]
    if last_speaker and (not mentioned or mentioned[-1][0] < last_speaker[2]):
        return last_speaker[0], last_speaker[1]
    return _last_mention(mentions, before)


def _last_mention(mentions, before: int):
    found = [(name, role) for pos, name, role in mentions if pos < before]
    if not found:
        return None
    name = found[-1][0]
    return name, _role_for(name, mentions)


def _role_for(name: str, mentions) -> str | None:
    return next((role for _, n, role in mentions if n == name and role), None)


_AFTER_QUOTE = re.compile(
    r"[”」][，,]?\s*(?P<clause>[^。！？!?\n“”「」，,：:]{1,20}?)(?P<verb>告诉(?:本报)?记者|说道|表示|指出|强调|坦言|透露|称|说)")


def _quotes_before_speaker(text, folded, found, known, mentions) -> list[Quote]:
    """“…”，周亚媛告诉记者: direct quotes whose speaker follows them."""
    out = []
    spans = [(q.start, q.end) for q in found]
    for m in _AFTER_QUOTE.finditer(folded):
        close = m.start()
        opening = "“" if folded[close] == "”" else "「"
        open_at = folded.rfind(opening, 0, close)
        if open_at < 0 or any(s <= open_at + 1 < e or s < close <= e for s, e in spans):
            continue
        clause = _ADVERBIAL.sub("", m.group("clause")).strip()
        speaker = _speaker(clause, text, m.start("clause"), folded, known, True)
        if speaker in (None, "?"):
            continue
        body = text[open_at + 1:close].strip()
        if len(body) < 4:
            continue
        name, role = speaker
        out.append(Quote(name, role or _role_for(name, mentions), m.group("verb"), body,
                         open_at + 1, open_at + 1 + len(body), "direct"))
    return out
