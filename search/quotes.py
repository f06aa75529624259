"""Quoted and reported speech (“…”, 「…」, 沈东指出，要…) and who said it.

Rules over folded text (Simplified, half-width, same length as the
original, so offsets point into the article as printed):
  * reported speech: a speech verb (指出, 强调, 表示, 认为, 说 …) followed by
    a comma or colon (指出/强调 also without one); the statement runs to the
    end of the sentence, or to the closing mark when it opens with one, or
    to where the next speech act starts;
  * a direct quote followed by its speaker: “…”，周亚媛告诉记者;
  * a paragraph that opens with a name and a colon (李卓人：应有之义);
  * the speaker is the clause before the verb with adverbials removed
    (在会上, 31日, 笑着): a name, a role and a name (区委书记沈东 -> 沈东, role
    区委书记), a surname standing for a person named before (邵又认为 ->
    邵家臻), or a pronoun or nothing, resolved to the person last named as a
    speaker, or else last named, earlier in the article.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from dataclasses import dataclass

from .analysis import fold, segmenter
from .places import gazetteer

STRONG_VERBS = "强调指出|指出|强调"
# 指 opening another word says nothing (指定, 指挥, 指引)
_ZHI_NOT_A_WORD = "(?![挥引令定导向派点望南标纹甲尖头使])"
VERBS = ("(?:作)?供称|(?:对|向|告诉)(?:本报|本台)?记者(?:表示|说|介绍|坦言|透露|强调)?|"
         "(?:回答|感叹|解释|补充|强调|分析|透露|介绍|反驳|忆述|回忆|警告|笑|直言|表示|举例|抱怨)(?:称|说|道)|" + STRONG_VERBS +
         "|要求|表示|认为|介绍|透露|坦言|谈到|提及|(?:预计|估计)(?=[ \u3000]?[，,:：])|说道|表明|宣布|回复(?=[ \u3000]?[，,:：])|感言(?=[:：])|回应表示|回应称|回应指|回应说|回应|直言|明言|坦承|解释|补充|"
         "提到|呼吁|承认|重申|声称|宣称|感慨|感叹|叮嘱|勉励|寄语|(?:续|又|更|直)指(?:出(?![口现发来去入版售租品台席路事]))?" + _ZHI_NOT_A_WORD + "|批评|反问|"
         "笑言|笑说|警告说|警告|期望|盼望|希望|觉得|相信|建议|回答|形容|质疑|忆述|提醒|高喊|高呼|"
         "续称|又称|并称|反指|反称|询问(?=[ \u3000]?[，,:：])|(?:同意|认同|质问|追问|问到|举例|痛批|狠批|痛斥|怒斥|抨击|炮轰)(?=[ \u3000]?[，,:：])|确认(?=[ \u3000]?[，,:：])|(?:留言|回复)(?:称|指|说|表示)|裁定|正告|分析|证实|反驳|披露|写道|回称|答称|接话说|说过|谈到|问及|"
         "回忆说|通知(?=[:：])|(?:叹|喊|问|笑|骂|答|叫|嚷)道(?=[ \u3000]?[，,:：])|提出(?=[ \u3000]?[，,:：])|慨叹|坚称|承诺|暗示|自言|期待|"
         "(?:总结|写|举例指|担忧|反映|暗讽|告诉(?:我们|笔者)|记得)(?=[ \u3000]?[，,:：])|喝令(?=[:：])|斥(?![资责])|称|说|谓|问|答|指" + _ZHI_NOT_A_WORD)
_VERB = re.compile(f"(?P<verb>{VERBS})(?:[ \\u3000](?=[，,:：]))?(?P<after>[，,:：]\\s*[“「]?|[“「])?")
# VERBS is literal words in groups, alternatives and lookarounds, with no ranges, escapes or
# dots (checked): a verb starts with a literal character (see ``_first_chars``).
assert not re.search(r"[\\.\-]", VERBS)


def _top_alternatives(pattern: str) -> list[str]:
    """The alternatives of ``pattern`` split at its top-level ``|`` (VERBS has no classes
    with a ``|`` in them)."""
    out, depth, part = [], 0, ""
    for ch in pattern:
        if ch == "|" and depth == 0:
            out.append(part)
            part = ""
            continue
        depth += (ch == "(") - (ch == ")")
        part += ch
    return out + [part]


def _first_chars(alternative: str) -> set[str]:
    """The characters a match of one alternative of VERBS may start with: its first literal,
    or what may start the alternatives of the group it opens with (and the rest, when the
    group is optional, as in (?:作)?供称)."""
    if not alternative.startswith("("):
        assert alternative and alternative[0] not in "|?*+{[\\.^$"
        return {alternative[0]}
    assert alternative.startswith("(?:")  # (no alternative opens with a lookaround)
    depth, end = 0, 0
    for end, ch in enumerate(alternative):
        depth += (ch == "(") - (ch == ")")
        if depth == 0:
            break
    inner = _top_alternatives(alternative[3:end])
    assert all(inner)  # (no empty alternative: the group takes a character)
    out = set().union(*map(_first_chars, inner))
    if alternative[end + 1:end + 2] in ("?", "*"):
        out |= _first_chars(alternative[end + 2:])
    return out


# Where a verb may start: far fewer places than the characters of VERBS (示 of 表示, 为 of 认为)
assert "|".join(_top_alternatives(VERBS)) == VERBS
_VERB_START = re.compile("[%s]" % re.escape("".join(sorted(set().union(*map(_first_chars, _top_alternatives(VERBS)))))))


def _verbs_in(folded: str) -> list[re.Match]:
    """``list(_VERB.finditer(folded))``, about five times as fast: the alternation of 150 verbs
    is tried only where a character that opens one of them stands, found by a character class
    in C (``_VERB_START``; trying at any character of VERBS, 示 of 表示, 为 of 认为 …, took
    two and a half times as long)."""
    out, at = [], 0
    while True:
        c = _VERB_START.search(folded, at)
        if c is None:
            return out
        m = _VERB.match(folded, c.start())
        if m:
            out.append(m)
            at = m.end()  # (never empty: a verb has characters)
        else:
            at = c.start() + 1


# Clause marks and sentence ends, as sets: a character is tested without a call into re
_CLAUSE_MARKS = frozenset("。！？!?；;，,：:\n“”「」『』（）()")
_SENTENCE_MARKS = frozenset("。！？!?\n")
_QUOTE_OR_SENTENCE_END = re.compile(r"[“「”」。！？!?\n]")  # what ``_sentence_end`` reacts to
_CLOSE = {"“": "”", "「": "」"}

_ROLE_LITERALS = (
    "书记|主任|主席|部长|局长|厅长|省长|市长|县长|区长|镇长|乡长|村长|发言人|总监|经理|董事长|总裁|"
    "校长|院长|委员|议员|代表|负责人|教授|专家|队长|所长|司长|总理|总统|首相|国务卿|大使|领事|秘书长|会长|"
    "理事长|特首|主编|编辑|主播|律师|医生|老师|研究员|主管|处长|科长|站长|馆长|社长|总编|学者|作家|导演|演员|教练|"
    "工程师|创始人|官员|署长|司令|召集人|成员|分析家|评论家|观察家|政治家|"
    "参选人|候选人|当事人|创办人|经纪人|代理人|领导人|带头人|传承人|策展人|制作人|合伙人|发起人|"
    "跑友|球友|病友|工友|农民|游客|乘客|志愿者|选手|运动员|队员|患者|车主|业主|职工|员工|工人|学生|居民|村民|市民|家长|师傅|阿姨|大爷|大妈|老人|"
    "人士|领队|公关|大状|助理|被告|原告|证人|疑犯|民警|交警|辅警|刑警|特警|狱警|店主|档主|摊主|院士|教师|女子|男子|歌手|画家|诗人|艺术家|科学家|企业家|学家|博士|讲师|顾问|主持人|评论员|分析师|牧师|神父|主教|枢机|护士|医师|营养师|团长|常委|党员|党魁|干部|行政长官|法官|裁判官|主审|支书|大臣|干事|官|员|师")
# 组长, 行长, 舰长: any run of letters ending in 长 is a title too (tried last)
_ROLE_WORDS = _ROLE_LITERALS + "|[^\\W\\d_]*长|[^\\W\\d_]{2,3}官"  # (审裁官, 外交官)
ROLE = re.compile(
    rf"^(?P<role>.*(?:{_ROLE_WORDS}))(?P<name>[\u4e00-\u9fff·]{{2,6}}|[\u4e00-\u9fff]{{1,6}}·[\u4e00-\u9fff]{{1,6}}"
    rf"|[A-Za-z][A-Za-z .\-]{{1,30}})$")
_ROLE_WORD = re.compile(f"(?:{_ROLE_WORDS})")
_NAME_THEN_TITLE = re.compile(r"([\u4e00-\u9fff·]{2,8}?)((?:总|副|前|原)?(?:书记|代表|委员|主席|总理|部长|议员|教授|主任|院士|局长|"
                              r"总统|首相|大使|省长|市长|博士|将军|[上中少大准]校|[上中少]将|[上中少]尉)|同志|先生|女士)")
_VERB_OR_ROLE = re.compile(f"{VERBS}|{_ROLE_WORDS}")
_ADVERBIAL = re.compile(
    r"(?:[在于][^在于]{1,16}?(?:上|中|时|后|前)|"
    r"[在于][^在于，]{0,14}?(?:节目|媒体|网上|网络|网站|电台|电视|专栏|直播|记者会|会议|论坛|场合|典礼|仪式)"
    r"(?:《[^》]{1,12}》)?(?:上|中|里)?|"
    r"(?:上|下|本)?(?:周|星期)[一二三四五六日天末]|上午|下午|中午|晚上|早上|凌晨|傍晚|深夜|今早|今晨|昨晚|今晚|仅|只是|接受[^接]{0,14}采访时|应询|在?(?:\d{4}年)?(?:\d{1,2}月)?\d{1,2}日|"
    r"在[^在，]{0,12}?(?:书|文|信|帖|声明|网志|专页)(?:中|里|内)?|纷纷|一致|[今昨前]天|当天|当日|随后|最后|"
    r"首先|同时|也|还|则|又|都|再次|进一步|特别|一再|反复|明确|郑重|深刻|坦率地|激动地|动情地|高兴地|"
    r"笑着|笑|感慨地|语重心长地|一针见血地|直接|更|亦|便|就|曾|已|并|对此|对此事|于是|高声|大声|"
    r"之后|其后|早前|日前|近日|昨日|今日|稍后|最终|事后|庭上|席间|会上|当时|只|均|仍|至今|马上|另|"
    r"续|再|一度|再度|突然|终于|其实|多次|屡次|多番|屡屡|再三|一直|却|竟|亦曾|也曾|当即|当场|早已|首度|首次|"
    r"(?:\d{4}|去|今|前|明)年(?:\d{1,2}月)?(?:初|中|底)?|"  # 甲2003年曾批评
    r"(?:托|透过|通过|经由?)[^，,]{0,6}?(?:律师|律师行|发言人|助理|秘书)|"  # 甲托律师表示
    r"在[^在，]{0,6}?(?:facebook|fb|instagram|ig|twitter|youtube|telegram|whatsapp|微博|微信|脸书|面书|社交平台|社交网站)"
    r"(?:专页|帐户|账户|帐号|账号|群组|直播|贴文|帖文)?(?:上|中|里|内)?|"
    r"接受[^接]{0,10}访问|在《[^》]{1,12}》(?:上|中|里|网站|网页)?|以[^以，]{1,6}?(?:语|话|方式|身份|形式|口吻)|[^，地的]{1,5}地|在[^在]{0,12}(?:撰文|贴文|访问中)|开案陈词|陈词|闻言|反而|发文|撰文|发帖|发声明|去信|(?:向|对|跟|回复|回覆|回应)众新闻(?:查询|提问)?|今|昨)+$")
_ADVERB_TAIL = re.compile("一度|再度|其后|随即|随后|亦曾|也曾|曾经|一直|再次|多次|屡次|多番|同时|突然|其实|终于|早前|日前|今早|昨日|今日")
_LAST_TITLE = re.compile(rf"[\u4e00-\u9fff、]{{0,16}}(?:{_ROLE_WORDS})(?=[\u4e00-\u9fff]{{2}})")
_PAIR = re.compile("[二两]人")
_OBJECT_BEFORE = re.compile("(?:回应|回答|采访|访问|告诉|感谢|询问|问|向|对|给)$")
_CANTONESE = re.compile("[唔冇咗嘅係喺哋佢啲咁嚟]")
_UNDERGONE = re.compile(r"(?:受尽|受到|遭到|饱受|招致|引起|引来|备受|接受|承办|办理|采纳|答复|听取|征求)(?![\u4e00-\u9fff]{0,12}(?:采访|访问|查询|邀请|时|后))"
                        r"[\u4e00-\u9fff]{0,12}$")
_SPEECH_ACT = re.compile("报警|发文|撰文|去信|致函|回信|致电|来电|发帖|贴文|留言|解释|补充|求情|作供|供称")
_COMPARISON = re.compile("如同|犹如|就像|好像|好比|正如")
# Conjunctions and particles before a subject: 但陈帆, 而他, 的汤家骅
_LEADING = re.compile(r"^(?:[\u4e00-\u9fff]{1,2}后(?=[他她](?![们]))|加上|后来|随后|当时|此时|这时|[又亦也另](?=有)|(?:最后|最终|首先|其次|接着|此外)(?=[他她])|然而|但是|但|而且|而|并且|并|且|的|惟|另外|另|至于|不过|其后|之后|然后|据悉|据了解|据|从|曾听(?=.)|听(?=.)|"
                      r"所以|因此|因而|根据|尽管|【[^】]{1,8}】)")
# 向马时亨表示, 对记者说: whom the words are for; the speaker is the omitted subject
_ADDRESSEE = re.compile(r"^(?:向|对|跟|同)")
_UNNAMED = re.compile(r"^(?:(?:一[名位个]|有|有一些|不少|多名|多位|数名|几位|广大|众多|部分|很多|许多|另一[名位]|其中一[名位]|该名|其中)"
                      r"[\u4e00-\u9fff]{0,14}(?:者|人士|人|员|民|众|客|(?<!国)家|生|师|友|属|妇|女|男|户|告|同学|司机|护士)"
                      r"|记者|控方|辩方|(?:上诉|答辩|申请|原告|被告|检)方|被告|原告|申诉一方|大家|委员们|[^我你咱他她的\W\d_]{1,3}们"
                      # 目击者, 家属, 她的叔叔: a kin word or a bystander standing alone
                      r"|[^\W\d_听看说就被让向对给据叫问]{0,4}(?:网民|网友)|作者|[\u4e00-\u9fff]{1,10}人士|(?:熟悉|了解|知情|认识|在场|现场|参与|到场|围观|路过|接近)[\u4e00-\u9fff]{0,8}的人|[\u4e00-\u9fff]{0,4}(?:同志|工作人员)"  # 旁听人士, 县里同志
                      r"|(?:[他她其]|[\u4e00-\u9fff]{2,4}(?<![我你们]))的前?(?:队友|战友|同学|"
                      r"妻子|丈夫|母亲|父亲|儿子|女儿|家人|家属|亲属|邻居|同事|朋友)"  # 甲的前队友
                      r"|(?:[他她其]的|其)?(?:妻子|丈夫|太太|母亲|父亲|儿子|女儿|哥哥|姐姐|弟弟|妹妹|叔叔|"
                      r"舅舅|姑姑|阿姨|家人|家属|亲属|邻居|街坊|乡亲|路人|同事|朋友|目击者|证人|职员|店员|司机|网友|事主)们?)$")
# A clause that opens with an organisation (高等法院原讼庭今早…, 律政司…): what it says is the
# organisation's, and an omitted subject after it is not the last person.
_ORG_START = re.compile(
    r"^[\u4e00-\u9fff]{0,12}?(?:法院|法庭|原讼庭|政府|当局|委员会|协会|学会|公司|集团|银行|医院|学校|"
    r"大学|中心|组织|机构|部门|警方|方面|局|署|处|办|厅|会|党|台|社|报|网|团|队)(?![长员上下前后中内外里])")
_ROLE_END = re.compile(f"(?:{_ROLE_WORDS})$")
_PREPOSITION_END = re.compile("(?:有关|关于|对于|对|就|向|据|从|与|和|跟|同|把|被|让|令|使|为|及|、)$")
# People the text does not name: 母亲, 妻子, 一位村民 …
_PERSON_NOUN = re.compile(
    "妻子|丈夫|太太|老伴|母亲|父亲|妈妈|爸爸|儿子|女儿|哥哥|姐姐|弟弟|妹妹|爷爷|奶奶|孙子|孙女|家人|"
    "家属|亲属|邻居|同事|朋友|战友|队友|同学|网民|记者|村民|居民|市民|游客|乘客|患者|病人|顾客|员工|"
    "一[名位个]")
_PRONOUN = re.compile(r"^(?:他|她|他们|她们|佢|佢哋)$")
# A run of two or three characters that opens a clause and is the subject of a speech verb
# with a comma or colon after it (博辉指，…): a name, when the article does it more than once
_SUBJECT_BEFORE_VERB = re.compile(
    r"(?:^|(?<=[。！？!?\n，,；;」”]))(?P<who>[\u4e00-\u9fff]{2,3}?)[又也亦续还更则再]?"  # (高志活续说)
    r"(?:指|表示|说|称|认为|强调|指出|透露|坦言|直言|补充|回应|提到|形容|解释|介绍|觉得)[，,:：]")
# 阿姨, 阿婆, 阿爸: kin and courtesy words, not 阿 nicknames
_KIN_AFTER_A = set("姨婆伯爸妈妈公嫲叔婶姐哥嫂爷奶妹弟姑舅")
# two-character surnames (欧阳元 is not 欧阳 and a stray 元)
_COMPOUND_SURNAMES = frozenset("欧阳 司马 上官 诸葛 皇甫 尉迟 公孙 慕容 令狐 夏侯 宇文 司徒 端木 申屠 轩辕 "
                               "独孤 南宫 呼延 澹台 钟离 濮阳 淳于 赫连".split())
_CJK_NAME = re.compile(r"^[\u4e00-\u9fff·]{2,4}$")
_LATIN_NAME = re.compile(r"^[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}$")
# 玛丽·安: a transliterated foreign name with a middle dot
_DOTTED_NAME = re.compile(r"^[\u4e00-\u9fff]{1,6}·[\u4e00-\u9fff]{1,6}$")
_TO_REPORTER = re.compile("(?:向|对|跟|告诉)(?:本报|本台)?(?:记者|传媒|媒体|众新闻)$")  # 有街坊向记者 (表示)
# a medium relays someone's words: 援引新加坡总理李显龙的话(表示), 刊发…马斯洛夫的评论(指出)
_RELAYED_WORDS = re.compile(r"(?:援引|引述|引用|转引|刊发|转发)(?P<who>[^，,。；;！？!?\n]{2,40}?)的(?:话|发言|评论|表态|观点|说法|讲话|文章)(?:报道)?")
# a clause that ends in a dotted name: 老挝《人民报》记者西玛拉洪·苏克萨克洪(说)
_DOTTED_BEFORE = re.compile(r"[\u4e00-\u9fff]{1,16}(?:[·—][\u4e00-\u9fff]{1,8})*·[\u4e00-\u9fff]{1,8}")
_WHOSE_KIN = re.compile("(?:[他她]们?的|其)$")
_WORK_TITLE = re.compile(r"《[^《》\n]{1,40}》")
_DOTTED_TAIL = re.compile(r"·([\u4e00-\u9fff]{2,6})")
_BEFORE_A_CLAUSE = "”」。！？!?\n，,；;"  # the marks a name stands alone after, before its verb (…。梅利尼科夫指出)
_ALONE_THEN_VERB = re.compile("[还也又则亦并续]?(?:表示|说|称|指出|强调|认为|透露|呼吁|介绍|回应|坦言|直言)")
_DOTTED_RUN = re.compile(r"([\u4e00-\u9fff]{1,6}(?:·[\u4e00-\u9fff]{1,6})*·)([\u4e00-\u9fff]{1,6})")
# What a court or a text says, not who: 陈词续指, 宣言指, 判词指出 (陈 and 宣 open names too)
_DOCUMENT_WORDS = frozenset("公开信 陈词 陈述 宣言 声明 判词 报告 报道 公告 文件 信件 裁决 证供 供词 口供 决定 通告 通知".split())
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
# 总理奥利表示: a title, a name and a speech verb
_TITLED_VERB = re.compile("(?:表示|指出|强调|说|称|认为|介绍)[,:，：]")
# 卡特（Jimmy Carter）: a name glossed with its Latin spelling (lower-cased by folding)
_GLOSS = re.compile(r"[（(][a-z][a-z.\-]*(?: [a-z][a-z.\-]*){1,3}[）)]")
_GLOSS_CAPITAL = re.compile(r"[（(][A-Z]")  # (the printed text: a name is capitalised)


def _glossed_words(folded: str) -> list[tuple[int, int]]:
    """The spans of the runs of CJK characters (and ·), two to eight long, that end right
    before a Latin gloss. A search skips to the glosses and walks back: a pattern for the
    run and its gloss, tried at every CJK position, cost ten times as much."""
    out = []
    for g in _GLOSS.finditer(folded):
        b = at = g.start()
        while at > 0 and b - at < 8 and ("\u4e00" <= folded[at - 1] <= "\u9fff" or folded[at - 1] == "·"):
            at -= 1
        if b - at >= 2:
            out.append((at, b))
    return out
# 屈官 (Magistrate 屈), 何生 (Mr 何), 陈太 (Mrs 陈): a surname and a courtesy word
_SURNAME_REF = re.compile(r"^([\u4e00-\u9fff])(?:(?:官|生|太|sir|局|司|老|大状)同?)?$")  # (张官同谓: 同 is "likewise")

# Characters that end a name's run of characters more often than they end a
# name: 沈东以“四不两直”, 沈东带队, 郭红奎率团.
_AFTER_NAME = set("以在对带率等和与及到来赴出说表指要就向为将也还是的了同陪主参会讲视调考察称认"
                  "介透告坦回接解补提答问笑忆续叮勉寄谈呼另参未没不均仍再亦又却便唔冇咗嘅係喺"
                  "今闻先")  # 高浩文今颁下判词, 陈仲衡闻言, 简先用左手
# The commonest Chinese surnames (Simplified), about nine in ten people: a
# two-character word the dictionary doesn't know reads as a name only when
# it starts with one (沈东 yes, 之称 and 更放 no).
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏"
    "魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚"
    "邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左"
    "柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈"
    "饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵"
    "苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝区蔺冼植湛")
# Characters a title does not run back over: 来访的英国首相, 同 …
_ROLE_STOP = set("的在同与和及对向跟为时后日由")
_PLACE_ENDS = set("村镇乡县区市省街路港湾山河湖岛州")
# Adverbs and verbs that follow a surname standing alone (汤又, 何亦) or 曾 (曾是, 曾任)
_NOT_NAME_END = set("又也亦则还再更都便就曾已并即却仍是任经在被为有将要续当与")
_ADVERB_AFTER_NAME = set("不没未又也亦则还再都便就却仍被")  # (never a name's last character)
# A surname and a courtesy title (李先生, 陈小姐): how Hong Kong reports name passers-by
_COURTESY = re.compile(f"[{''.join(sorted(SURNAMES))}](?:先生|小姐|女士|太太)")
# Surnames that also end the name of a department or body (卫健委妇幼司, 某党)
_ORG_SURNAMES = set("司党")
# Characters that open sentences but never a name: pronouns, demonstratives.
_NOT_SURNAME = set("他她我你您它这那其该本此各每某另据从在对把被让使有令二两一三四五六七八九十几")


# the characters a reading runs on into after a name (王贵武听…, 马斐的…, 曹宇把…, 彭官在…)
_READ_ON = "的听把送在"
# what a run read as a person's name cannot be: 曾 (once) before a verb, 与/向/跟 inside a
# three-character run, a preposition or verb before a time word or pronoun, a particle or
# time word at its end (曾手持, 郑与队, 于前年, 曹宇把, 刘当日)
_RUN_NOT_A_NAME = re.compile(r"^曾(?:手持|获颁|向|经|多次|因|在|于)|^[\u4e00-\u9fff][与向跟][\u4e00-\u9fff]$|^和前"
                             rf"|^[于於祝应](?:前年|去年|今年|明年|你们|我们|他们|如何|怎样)$|[{_READ_ON}]$"
                             r"|^.[每于於均皆]$|^(?:闻言|明白)$"
                             r"|^[上下本]?周[一二三四五六日末]$|(?:当日|今日|昨日|当时|前日|早前)$")

# Patterns the rules below spelled inline (``re.match("…", s)``), compiled once: each such
# call looked its pattern up in the re module's cache, a few hundred times an article.
_NOT_SAID = re.compile("一[边面]|[未没不无]|拒绝")
_CONDITION = re.compile("如果|假如|倘若|要是|即使|只要|一旦")
_BELIEF = re.compile("相信|认为|觉得|估计|担心|指出|表示|希望|深信|坚信")
_TO_MEDIUM = re.compile(r"(?:向|对|跟|接受)《[^《》]{1,12}》$")
_ON_BEHALF = re.compile(r"(.{1,8}?)(?:为|替)(.{1,10}?)(?:抱屈|抱不平|辩护|求情|说项|叫屈|打气|辩解)")
_LISTENER = re.compile(r"(.{1,30}?)(?:向|对|跟)(.{1,10})")
_PRONOUN_ADVERB = re.compile("[他她](?:总|也|又|还|便|就|则|常|常常|经常|总是|一再|再次)?")
_YU_CI = re.compile("[于於此]")
_SHORT_COLON_QUOTE = re.compile(r"[\u4e00-\u9fff]{1,4}[：:][“「]")
_NEGATION = re.compile("[未没不无]|拒绝")
_LATIN_GLOSSED_CLAUSE = re.compile(r"(.{2,50}?)[（(][^\u4e00-\u9fff（()）]{1,40}[)）](.{0,8})")
_CITES = re.compile(r"(.{2,50}?)(?:引用|引述|援引|根据)[^，,]{0,12}?(?:研究|报告|数据|资料|调查|统计|文献|论文)")
_RELAYED = re.compile(r"引述(.{2,12}?)$")
_ALL_TOO_END = re.compile("(?:都|均|也|亦|同样|一致)$")
_AND_WORDS = re.compile("、|和|与|及")
_JOINT = re.compile(r"(.{2,20}?)(?:和|与|及|、)(.{2,20}?)(?:都|均|也|亦|同样|一致)?")
_LATIN_END = re.compile(r"(?:^|[\u4e00-\u9fff])([A-Z][a-z]+(?: [A-Z][a-z]+)?|[A-Z])$")
_REQUEST = re.compile("要求|[请促邀约问叫]")
_TOWARDS = re.compile("[向对跟]")
_TIME_END = re.compile(r"[时后中前]$")
_HE_SHE = re.compile(r"[他她](?![们])")
_TIME_OR_ON_END = re.compile(r"[时后中上前]$")
# A clause that ends in an act of speaking (习近平作出重要指示强调，…; 甲在会上发表讲话指出，…):
# the one who spoke opens it, as before a time clause
_SPEECH_ACT_END = re.compile(r"(?:讲话|指示|批示|致辞|演讲|视频讲话)$")
# …but not one who carries out another's (贯彻落实习近平总书记关于…的重要指示要求，…)
_OTHERS_ACT = re.compile("的|贯彻|落实|学习|传达|根据|按照|遵照|依照")
_PASSIVE = re.compile(r"[遭被让令使]")
_HE_SHE_YUE = re.compile(r"[他她佢](?![们哋])")
_PREPOSITION = re.compile("[替向对为跟与和被把给让]")
# a common surname and two characters at a clause's opening (see ``_recurring_names``)
_RECURRING_RUN = re.compile(f"(?:^|(?<=[。！？!?\\n」”，,；;：:]))([{''.join(sorted(SURNAMES))}][\\u4e00-\\u9fff]{{2}})")
_PREPOSITION_SURNAMES = set("向和于与跟对为把被党")  # (surnames that are more often words: 向法庭, 党的)
_NOT_IN_NAME = set("的之内和与一家")  # (党的十|九大, 刘洋家: a particle or a word's part, not a name's)
_BODY_ENDS = set("署委线墙寺道庙墟局所站院馆厅处")  # (康文署, 沙中线, 连侬墙: a body, a line, a place)
_SPEECH_TAILS = frozenset("形容 反驳 话过 公开 谢你".split())  # (郑|形容, 林|反驳: a surname alone, then a verb)
_CLAUSE_OPENING = re.compile(r"(?:^|[。！？!?\n」”]|[，,；;](?:而|但|并且|不过|同时)?)\s*([\u4e00-\u9fff]{2,3})")
# one capital letter opening a clause: a court's pseudonym for a person when it says something (X说，)
_PSEUDONYM_OPENING = re.compile(r"(?:^|(?<=[。！？!?\n」”，,]))\s*([A-Z])(?![A-Za-z0-9])(?=[\u4e00-\u9fff])")
_LATIN_OPENING = re.compile(r"(?:^|[。！？!?\n」”，,])\s*([A-Z][a-z]+(?: [A-Z][a-z]+)?)(?=\s?[\u4e00-\u9fff])")
_NOT_IN_NAME_BEFORE = re.compile(r"[^\u4e00-\u9fff]|[的、及和与跟]")
_NICKNAME = re.compile(r"[“「]([\u4e00-\u9fff]{2,4})[”」]")
# A nickname in quote marks right before a name (「深水埗明哥」陈灼明), or in brackets right
# after one (曾健成（阿牛）): the article may later make the nickname the speaker
_NICKNAME_BEFORE = re.compile(r"[“「]([\u4e00-\u9fff]{2,6})[”」](?=[\u4e00-\u9fff])")
_NICKNAME_AFTER = re.compile(r"[（(]([\u4e00-\u9fff]{2,4})[)）]")
_NAMED_AS = re.compile(r"[^，。,！？!?：:“「]{0,12}?(?<![认以作因成])为")
_SHORT_TOPIC = re.compile(r"[^，。,！？!?]{0,4}[，,。！？!?]")
_TIME_CLAUSE_BEFORE = re.compile(r"[时中后][，,]\s*$")
_COLON_QUOTE = re.compile("[:：][“「]")
_TIME_COMMA_END = re.compile(r"[时后][，,]$")
_HE_SHE_WHEN = re.compile(r"\s*[他她](?![们]).*[时后]")
_WORD_CHAR = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
_COLON = re.compile("[:：]")
_OF_TOPIC_END = re.compile(r"的[\u4e00-\u9fff]{1,4}$")
_CONTENT_START = re.compile(r"[\u4e00-\u9fffA-Za-z0-9“「《]")
_OPEN_GLOSS_END = re.compile(r"[（(][^\u4e00-\u9fff（()）]{1,40}$")
_NEW_SPEECH_ACT = re.compile("否认|追问|反问|质问|回应|反驳|质疑|评论|批评")
_STORY_GOES_ON = re.compile(r"\s*(?:并|随即|随后|于是|然后|便|接着|遂)")
_QUOTED_TERM = re.compile("[“「]([^”」]*)[”」]")
_OPEN_QUOTE = re.compile(r"[“「]")
_STRONG_VERB = re.compile(STRONG_VERBS)
_COLON_BEFORE_QUOTE = re.compile(r"[：:︰](?=[“「])")
_TITLE_OPENING = re.compile(rf"[\u4e00-\u9fff、]{{0,16}}?(?:{_ROLE_WORDS})(?=[\u4e00-\u9fff]{{2}})")
_SHORT_TITLE_OPENING = re.compile(rf"[\u4e00-\u9fff]{{0,10}}?(?:{_ROLE_WORDS})(?=[\u4e00-\u9fff]{{2}})")
_TITLE_OR_PERSON = re.compile(f"{_ROLE_WORDS}|{_PERSON_NOUN.pattern}")
_OF_PERSON_NOUN_END = re.compile(f"的(?:{_PERSON_NOUN.pattern})$")


# A title after the name, then a verb or the clause's end (姜周华教授是…, 陶春辉研究员获得…)
_TITLE_AFTER = re.compile("(?<=[\u4e00-\u9fff])(?:教授|研究员|副研究员|院士|博士|委员|代表|工程师)(?=[，,。是说表指认介称在和与及])")
# For ``_title_name_starts``: a title word with two characters of name after it (all literal
# words, so a search skips in C to the characters that open one)
_ROLE_THEN_NAME = re.compile(rf"(?:{_ROLE_LITERALS})(?=[\u4e00-\u9fff]{{2}})")
_CJK_OR_COMMA = re.compile(r"[\u4e00-\u9fff、]")
# From the start of a run of letters to the run's last 长 with two CJK characters after it
_RUN_TO_CHANG = re.compile(r"(?<![^\W\d_])[^\W\d_]*长(?=[\u4e00-\u9fff]{2})")


def _title_name_starts(folded: str) -> list[int]:
    r"""Where a name may start after a title: for each position in turn, the end of the
    first title word (in ``_ROLE_WORDS``' order) there with two CJK characters after it, a
    start the same as the one before it left out (it would add nobody to ``_people``).

    The same as ``m.start(1)`` over ``re.finditer(rf"(?=(?:{_ROLE_WORDS})([\u4e00-\u9fff]{{2,3}}))")``,
    four times faster: that tried 150 words and a backtracking ``[^\W\d_]*长`` at every
    character, a tenth of the extractor's time. Here a search for the words alone skips to
    where one stands, and ``[^\W\d_]*长`` (tried last) is worked out per run of
    letters: from any position of the run up to the run's last 长 with two CJK characters
    after it, it reaches that 长 (``_RUN_TO_CHANG`` finds the runs that have one).
    """
    starts, at = {}, 0
    while m := _ROLE_THEN_NAME.search(folded, at):
        starts[m.start()] = m.end()
        at = m.start() + 1  # (委员: 员 may open a title too)
    if "长" in folded:
        # (each run of letters that holds such a 长, from its start to that 长: found in C,
        # not by a loop over every run of the text)
        for run in _RUN_TO_CHANG.finditer(folded):
            a, q = run.start(), run.end() - 1
            for p in range(a, q + 1):
                starts.setdefault(p, q + 1)
    out: list[int] = []
    for p in sorted(starts):
        if not out or out[-1] != starts[p]:
            out.append(starts[p])
    return out


@dataclass
class Quote:
    speaker: str
    role: str | None
    verb: str
    text: str
    start: int  # offsets of ``text`` in the article text
    end: int
    kind: str  # "reported" or "direct"


@dataclass
class _Person:
    pos: int  # where the text names them
    name: str  # as printed
    key: str  # folded, for comparison
    role: str | None


class _Article:
    """One article's text, folded, and the people it names."""

    def __init__(self, text: str, known: frozenset[str], folded: str | None = None):
        self.text = text
        self.folded = (fold(text) if folded is None else folded).replace("\ufe30", "：")
        # (︰, a vertical two-dot leader, is how Hong Kong papers often print the colon:
        # 她說︰「…」; NFKC makes it two characters, so ``fold`` keeps it)
        self._names: dict[tuple[int, bool], str | None] = {}
        self._quoted: bytearray | None = None
        self._titles: bytearray | None = None  # (see ``in_work_title``)
        self._counts: dict[str, int] = {}
        self._nicknames: dict[str, tuple[str, str]] | None = None  # (see ``nicknames``)
        self.title_starts = _title_name_starts(self.folded)  # (asked twice: names and people)
        self.known = known | self._glossed()
        self.known_lengths = sorted({len(k) for k in self.known if len(k) > 1}, reverse=True)
        self.people = self._people()
        # what the rules ask of the people again and again, kept (the list never changes):
        # their keys (``any(p.key == w for p in people)``), each key's first role, positions
        self.keys = frozenset(p.key for p in self.people)
        self._roles: dict[str, str] = {}
        for p in self.people:
            if p.role:
                self._roles.setdefault(p.key, p.role)
        self._positions = [p.pos for p in self.people]  # (sorted)

    def _glossed(self) -> frozenset[str]:
        """Names printed with their Latin spelling after them (卡特（Jimmy Carter）): the
        words before the bracket back to a 的 or a word too long for a transliteration."""
        out = set()
        for start, end in _glossed_words(self.folded):
            if not _GLOSS_CAPITAL.match(self.text, end, end + 2):
                continue  # 内容行销（content marketing）: a term glossed, not a name (Jimmy Carter)
            name = ""
            for word in reversed(segmenter().cut(self.folded[start:end])):
                if "的" in word or len(name) + len(word) > 4:
                    break
                name = word + name
                if len(name) >= 3:
                    break
            if len(name) >= 2 and not _ROLE_WORD.search(name):
                out.add(name)
        # a nickname in quote marks that is later the subject of a speech verb
        # (一位姊妹「小芳姐」… 小芳姐指，…)
        for m in _NICKNAME.finditer(self.folded):
            nick = m.group(1)
            if nick in out or segmenter().has_word(nick):
                continue
            at = self.folded.find(nick, m.end())
            while at >= 0:
                said = _VERB.match(self.folded, at + len(nick))
                if (said and (said.group("after") or "")[:1] in ("，", ",", "：", ":")
                        and self.folded[at - 1] in "。！？，\n”」"):
                    out.add(nick)
                    break
                at = self.folded.find(nick, at + 1)
        # a foreign name the dictionary does not file as a person, between a title and a
        # speech verb (总理奥利表示, 主席阿库尼亚表示, 院士钟南山表示): named again later
        folded = self.folded
        for v in _TITLED_VERB.finditer(folded):
            for n in (2, 3, 4):
                at = v.start() - n
                word = folded[at:v.start()]
                if (at > 0 and _ends_with_role(folded, max(0, at - 8), at) and _foreign_name(word)
                        and word[-1] not in "时后中前上" and word[-1] not in _ADVERB_AFTER_NAME
                        and not segmenter().has_word(folded[at - 1:at + 1])
                        and not _ends_with_role(folded, max(0, at - 3), at + 1)):
                    # (not 员|工蒋子文, 支书|记杨玉麒: the title goes on into the name)
                    out.add(word)
                    break
        # the last part of a dotted name given in full, when it is later a speech verb's
        # subject on its own (伊万·梅利尼科夫 … 梅利尼科夫指出，…)
        if "·" in folded:
            for m in _DOTTED_TAIL.finditer(folded):
                tail = m.group(1)
                for n in range(len(tail), 1, -1):
                    if self._alone_before_verb(tail[:n], "。！？!?\n，,；;”」"):
                        out.add(tail[:n])
                        break
        # a name after a title that the article gives again right before a speech verb, after
        # a quote or at a clause's start (校长锡喜昂指着… “…”锡喜昂说。)
        seg = segmenter()
        for at in self.title_starts:
            for n in (3, 2):
                word = folded[at:at + n]
                if (len(word) < n or word in out or not _CJK_RUN.fullmatch(word) or seg.has_word(word)
                        or _ROLE_WORD.search(word) or word[0] in _NOT_SURNAME or word[-1] in _AFTER_NAME
                        or word[-1] in _NOT_NAME_END or word in gazetteer()
                        or not (folded[at + n:at + n + 1] in _AFTER_NAME or _VERB.match(folded, at + n)
                                or not _CJK_RUN.match(folded, at + n))):
                    continue  # (not 林郑 of 特首林郑月娥: the name ends where a verb or 的 follows)
                tags = seg.tag(word)
                if len(tags) == 1 and tags[0][1][:1] in "vdpcrm" and word[0] not in SURNAMES:
                    continue  # (not 会否 of 副主席会否出现…，会否认为…: a word the tagger knows)
                if self._alone_before_verb(word, _BEFORE_A_CLAUSE, at_start=False):
                    out.add(word)
                    break
        out |= self._repeated_subjects()
        out |= self._recurring_names(out)
        return frozenset(out)

    def _recurring_names(self, known: set[str]) -> set[str]:
        """Three-character names the tagger cuts apart (梁国|雄, 黄浩|铭) that the article gives
        at a clause's opening and again, once at least ending where a verb, a mark or a
        particle comes: a common surname and two characters that are no dictionary word, and
        never a word going on into what follows (高球场, 施政报|告, 戴|口罩)."""
        folded, seg, out = self.folded, segmenter(), set()
        for w in {m.group(1) for m in _RECURRING_RUN.finditer(folded)}:
            if (w in known or self.count(w) < 2 or w[0] in _PREPOSITION_SURNAMES
                    or w[1] in _NOT_IN_NAME or w[1] in _NOT_NAME_END or w[-1] in _NOT_IN_NAME
                    or w[-1] in _AFTER_NAME or w[-1] in _NOT_NAME_END or w[-1] in _PLACE_ENDS
                    or w[-1] in _BODY_ENDS or _VERB.fullmatch(w, 1) or w[1:] in _SPEECH_TAILS
                    or w in gazetteer() or seg.has_word(w)
                    or seg.has_word(w[:2]) and not seg.tag(w[:2])[0][1].startswith(("nr", "ns"))
                    or _CANTONESE.search(w) or _RUN_NOT_A_NAME.search(w) or _ROLE_WORD.search(w)
                    or self.count(w[:2]) > self.count(w) or self.count(w[1:]) > self.count(w)):
                # (林郑|月娥, 孔子|学院, 戴|口罩: a name or word of two that the article also has alone)
                continue
            at = folded.find(w)
            while at >= 0:
                nx = folded[at + 3:at + 4]
                said = _VERB.match(folded, at + 3)
                if not nx or not "\u4e00" <= nx <= "\u9fff" or said or (
                        nx in _AFTER_NAME and not seg.has_word(w + nx) and not seg.has_word(w[1:] + nx)
                        and not seg.has_word(w[2] + nx)):
                    out.add(w)
                    break
                at = folded.find(w, at + 1)
        return out

    def _alone_before_verb(self, word: str, marks: str, at_start: bool = True) -> bool:
        """``word`` stands somewhere right after one of ``marks`` (or at the text's start) and
        right before a speech verb (…。梅利尼科夫指出, ”锡喜昂说)."""
        folded, at = self.folded, self.folded.find(word)
        while at >= 0:
            if (at == 0 and at_start or at > 0 and folded[at - 1] in marks) and _ALONE_THEN_VERB.match(
                    folded, at + len(word)):
                return True
            at = folded.find(word, at + 1)
        return False

    def _repeated_subjects(self) -> set[str]:
        """Names the dictionary does not know but the article makes plain by using them as
        the subject of a speech verb again and again (博辉指，… 博辉表示，… 博辉说，…), and
        阿 nicknames (阿龙提到，…) that the article names more than once."""
        folded, seen, out = self.folded, {}, set()
        for m in _SUBJECT_BEFORE_VERB.finditer(folded):
            word = m.group("who")
            seen[word] = seen.get(word, 0) + 1
        seg = segmenter()
        for word, n in seen.items():
            if word[0] == "阿" and len(word) == 2:
                if word[1] not in _KIN_AFTER_A and self.count(word) >= 2:
                    out.add(word)  # 阿龙, 阿明: a nickname
                continue
            if (n < 2 or word[0] in _NOT_SURNAME or word in gazetteer() or word in _DOCUMENT_WORDS
                    or _ROLE_WORD.search(word) or _ORG_START.match(word) or _UNNAMED.match(word)
                    or _PRONOUN.match(word) or _CANTONESE.search(word)):
                continue
            if len(word) == 2 and word[0] in SURNAMES and word[1] in SURNAMES and self._titled_somewhere(word, more=2):
                continue  # 林郑 stands for 林郑月娥, whom a title names in full (行政长官林郑月娥)
            tags = seg.tag(word)
            if seg.has_word(word) and not tags[0][1].startswith("nr"):
                continue  # 政府, 警方, 报告: a dictionary word that is not a name
            if all(t.startswith("nr") for _, t in tags):
                out.add(word)
            elif (not seg.has_word(word) and word[-1] not in _NOT_NAME_END
                  and (word[0] in SURNAMES or self._titled_somewhere(word))):
                out.add(word)  # 游|清源 (游清源指，… 游清源指，…), 提达汶 (校长提达汶 … 提达汶表示，…)
        return out

    def _titled_somewhere(self, word: str, more: int = 0) -> bool:
        """``word`` follows a title somewhere in the article (大学校长提达汶), with ``more``
        Chinese characters after it there (2: 行政长官林郑|月娥)."""
        folded, at = self.folded, self.folded.find(word)
        while at >= 0:
            after = folded[at + len(word):at + len(word) + more]
            if (at and _ends_with_role(folded, max(0, at - 8), at)
                    and (not more or len(after) == more and _CJK_RUN.fullmatch(after))):
                return True
            at = folded.find(word, at + 1)
        return False

    def count(self, part: str) -> int:
        """How often ``part`` occurs in the folded text (``str.count``), memoised: the name rules
        ask about the same few strings at place after place, and each count reads the text."""
        n = self._counts.get(part)
        if n is None:
            n = self._counts[part] = self.folded.count(part)
        return n

    def in_work_title(self, at: int) -> bool:
        """``at`` is inside 《…》, the title of a work."""
        if self._titles is None:
            self._titles = bytearray(len(self.folded))
            for m in _WORK_TITLE.finditer(self.folded):
                self._titles[m.start() + 1:m.end() - 1] = b"\x01" * (m.end() - m.start() - 2)
        return bool(self._titles[at]) if at < len(self._titles) else False

    @property
    def quoted(self) -> bytearray:
        """1 at each position inside a quotation (see ``_inside_quotes``)."""
        if self._quoted is None:
            self._quoted = _inside_quotes(self.folded)
        return self._quoted

    def original(self, start: int, end: int) -> str:
        return self.text[start:end]

    def _people(self) -> list[_Person]:
        folded, out = self.folded, []
        # every title followed by a name (欧盟委员会主席容克: 委员 is tried and fails, then 主席);
        # the title runs back over the words before it to a clause mark, 的 or a verb-like cut
        seg = segmenter()
        for at in self.title_starts:
            if seg.has_word(folded[at - 1:at + 1]):
                continue  # 官|司胜诉, 员|工: the title's last character makes a word with the next
            name = self.name_at(at, titled=True)
            if name:
                if out and out[-1].pos == at:
                    continue
                role_from = at
                while (role_from > 0 and at - role_from < 24
                       and _CJK_OR_COMMA.match(folded[role_from - 1])
                       and folded[role_from - 1] not in _ROLE_STOP
                       and folded[role_from - 2:role_from] != "日电"):  # (本报北京2月25日电 主席…)
                    role_from -= 1
                role = self.text[role_from:at].lstrip("、") or None
                out.append(_Person(at, self.original(at, at + len(name)), name, role))
        # a name opening a sentence is its subject: 沈东对代表团的到来表示欢迎，他表示…
        # or a clause, after a conjunction (…，而乙也结识了…)
        for m in _CLAUSE_OPENING.finditer(folded):
            at = m.start(1)
            if out and out[-1].pos == at:
                continue
            inside = m.group(0)[0] in "，,；;"  # (a clause inside a sentence)
            if inside and (folded[at] in _NOT_SURNAME or self.count(folded[at:at + 2]) < 2):
                continue  # (cheap test first: a name inside a sentence must be named again)
            name = self.name_at(at)
            if name and inside and (
                    self.count(name) < 2 or name[0] in "向对与和跟同给为把被让"
                    or len(name) == 3 and _verb_word(name[1:])):  # 翁|同意此策略
                continue  # inside a sentence, only a name the article names again
            if name:
                out.append(_Person(at, self.original(at, at + len(name)), name, None))
        # a Latin name opening a sentence or clause (Will 由中学开始…)
        for m in _LATIN_OPENING.finditer(self.text):
            out.append(_Person(m.start(1), m.group(1), fold(m.group(1)), None))
        # a court's pseudonym, one capital letter (证人X, 警员A), where the article has it say
        # something at a clause's opening (X说，…, X又表示，…): every clause it opens names them
        letters = [(m.start(1), m.group(1)) for m in _PSEUDONYM_OPENING.finditer(self.text)]
        speaking = {letter for at, letter in letters if _says_at(folded, at + 1)}
        out.extend(_Person(at, letter, fold(letter), None) for at, letter in letters if letter in speaking)
        # 李先生, 陈小姐: people the article names by surname and courtesy title only
        for m in _COURTESY.finditer(folded):
            if m.start() and not _NOT_IN_NAME_BEFORE.match(folded[m.start() - 1]) \
                    and not _PERSON_NOUN.search(folded, max(0, m.start() - 2), m.start()) \
                    and not _ends_with_role(folded, max(0, m.start() - 4), m.start()):
                continue  # 王小明先生: the end of a longer name
            if not any(p.pos == m.start() for p in out):
                out.append(_Person(m.start(), self.original(m.start(), m.end()), m.group(), None))
        # 姜周华教授, 陶春辉研究员: a name with its title after it (rmrb's style for scholars)
        for m in _TITLE_AFTER.finditer(folded):
            for n in (3, 2):
                at = m.start() - n
                if at < 0 or any(p.pos == at for p in out):
                    continue
                name = folded[at:m.start()]
                if ((_titled_name(name, self.known, whole=True)
                     # (a word the dictionary has, 温静教授, when it is a speech verb's subject too: ”温静说，)
                     or name[0] in SURNAMES and self._alone_before_verb(name, _BEFORE_A_CLAUSE))
                        and (at == 0 or folded[at - 1] in "的、，,。\n”」"
                             or segmenter().has_word(folded[max(0, at - 2):at]))):
                    out.append(_Person(at, self.original(at, at + n), name, self.original(m.start(), m.end())))
                    break
        out.sort(key=lambda p: p.pos)
        return out

    def name_at(self, start: int, titled: bool = False) -> str | None:
        """The person's name (folded) that starts at ``start``, if one does (memoised: the
        same places are asked about again and again)."""
        key = (start, titled)
        if key not in self._names:
            name = self._name_at(start, titled) if start < len(self.folded) else None
            if name is None and titled and not self.in_work_title(start):
                name = self._titled_then_verb(start)
            if name and (_CANTONESE.search(name) or name.endswith("·") or _VERB.fullmatch(name)):
                # 明唔明: Cantonese particles are never part of a name; nor is 米卡· whole; nor
                # is a speech verb one (…，明言「…」: the tagger files 明言 as a name)
                name = None
            if name:
                name = self._long_name(start) or self._always_continued(start, name)
            if name and _RUN_NOT_A_NAME.search(name):
                name = None  # a name cut together with the words around it
            if name and len(name) >= 3:
                said = _VERB.match(self.folded, start + len(name) - 1)
                if said and len(said.group("verb")) >= 2 and is_name(name[:-1], self.known):
                    name = name[:-1]  # 杨岳桥|批评: the name ends where a speech verb begins
            if name and len(name) == 2 and self.folded[start + 2:start + 3] in ("和", "与"):
                said = _VERB.match(self.folded, start + 3)
                if said and (said.group("after") or "")[:1] in ("，", ",", "：", ":"):
                    name += self.folded[start + 2]  # 康京|和称，: the name's last character, not "and"
            self._names[key] = name
        return self._names[key]

    def _long_name(self, start: int) -> str | None:
        """A transliteration of five or more characters the dictionary knows whole that starts
        where a shorter name was read (内塔尼|亚胡 -> 内塔尼亚胡; not 毛泽东|思想, a name and a word)."""
        folded, seg = self.folded, segmenter()
        if not any(seg.has_word(folded[start:start + k]) for k in (5, 6, 7, 8) if start + k <= len(folded)):
            return None  # (the tagger is asked only where such a word starts)
        word, tag = seg.tag(folded[start:start + 8])[0]
        if (len(word) >= 5 and tag.startswith("nr") and seg.has_word(word)
                and not any(seg.has_word(word[:k]) and seg.has_word(word[k:]) for k in range(2, len(word) - 1))):
            return word
        return None

    def _always_continued(self, start: int, name: str) -> str:
        """``name`` with the characters the article writes after it every time, when the longer
        word stands alone before a speech verb somewhere (外长穆阿利姆通电话。穆阿利姆表示，:
        the tagger's 穆|阿利|姆 gives 穆阿利)."""
        folded, seg = self.folded, segmenter()
        while len(name) < 6:
            end = start + len(name)
            nxt = folded[end:end + 1]
            if (not nxt or not "\u4e00" <= nxt <= "\u9fff" or nxt in _AFTER_NAME or nxt in _NOT_NAME_END
                    or _VERB_START.match(nxt) and _VERB.match(folded, end)):
                break
            pair = name[-1] + nxt
            if seg.has_word(pair) and not seg.tag(pair)[0][1].startswith(("nr", "ns")):
                break  # 萧云|自己, 李则|挥手: a word of the text runs across the name's end
            longer = name + nxt
            if (self.count(longer) != self.count(name)
                    or not self._alone_before_verb(longer, _BEFORE_A_CLAUSE)):
                break
            name = longer
        return name

    def _name_at(self, start: int, titled: bool = False) -> str | None:
        """The person's name (folded) that starts at ``start``, if one does.

        jieba cuts unknown names either way (张定|宇说, 沈东带|队), so a
        3-character reading wins when its third character is not one that
        usually follows a name and the 2-character reading never stands
        without it in the text.
        """
        folded, seg, known = self.folded, segmenter(), self.known
        if self.in_work_title(start):
            return None  # 《国家安全法》: a law, a book or a paper is nobody's name
        # (``is_name(w, known)`` is written out below: w is never empty here)
        for n in self.known_lengths:  # a name the article glosses or gives in quote marks
            if folded[start:start + n] in known:
                return folded[start:start + n]
        if folded[start] in _NOT_SURNAME or folded[start + 2:start + 3] in _PLACE_ENDS:
            return None  # 许民村 is a village
        if folded[start + 1:start + 2] == "的":
            return None  # 戴的用: a character and 的
        if folded[start] in "和与及同跟" and self.name_at(start + 1):
            return None  # 大妈和习近平: a conjunction, then the name
        four = folded[start:start + 4]
        if (len(four) == 4 and four[0] in SURNAMES and four[1] in SURNAMES and (four in known or _reads_as_name(four))
                and self.count(four) == self.count(four[:3]) and four[3] not in _AFTER_NAME
                and not any(seg.has_word(w) for w in (four[:2], four[2:], four[1:3]))):
            return four  # 林郑月娥: a married woman's two surnames
        three = folded[start:start + 3]
        if (three[:2] in _COMPOUND_SURNAMES and len(three) == 3 and _CJK_NAME.match(three)
                and three[2] not in _AFTER_NAME and three[2] not in _NOT_NAME_END):
            if (len(four) == 4 and _CJK_NAME.match(four) and four[3] not in _AFTER_NAME
                    and self.count(four) == self.count(three) > 1):
                return four  # 欧阳文华 … 欧阳文华
            return three  # 欧阳元指 … 欧阳元表示: a compound surname and a given name
        if (len(four) == 4 and four[1] == "氏" and four[0] in SURNAMES and _CJK_NAME.match(four)
                and (folded[start + 4:start + 5] in ("", "，", "、", "：", ":", "（", "(", "“", "「")
                     or _VERB.match(folded, start + 4))):
            return four  # 宋氏秋水感叹道, 阮氏金银说: a Vietnamese woman's name (not 王氏家族)
        dotted = self._dotted_name(start) if "·" in folded[start + 1:start + 8] else None
        if dotted:
            return dotted
        if (len(four) == 4 and four[3] not in _AFTER_NAME and four[3] not in _ADVERB_AFTER_NAME
                and _CJK_NAME.match(four) and "·" not in four
                and (seg.has_word(four) or self.count(four) > 1
                     and self.count(four) == self.count(four[:3]))):
            tags = seg.tag(four)
            if (four[0] not in SURNAMES and self.count(four) > 1 and all(t.startswith("nr") for _, t in tags)
                    and not seg.has_word(folded[start + 3:start + 5])):
                return four  # 帕特|木汗: a transliteration named the same way every time
            if tags[0][1].startswith("nr") and (
                    len(tags) == 1 and seg.has_word(four)
                    or len(tags[0][0]) >= 3 and self.count(four) == self.count(four[:3]) > 1
                    and not _ROLE_WORD.match(folded, start + 3)
                    and not any(seg.has_word(folded[start + 3:start + n]) for n in (5, 6))):
                # 巴尔扎克, 米玛次仁: a transliterated name of four characters (one word, or
                # three the tagger calls a name and a fourth that always goes with them)
                return four
        if (folded[start] in _ORG_SURNAMES and start and "\u4e00" <= folded[start - 1] <= "\u9fff"
                and folded[start + 1] in SURNAMES and self.name_at(start + 1, titled)):
            return None  # 妇幼司王亮: a department's last character, then the name
        two, three = folded[start:start + 2], folded[start:start + 3]
        if folded.startswith("强调", start + 2):
            three = two  # 梁国|强调 (强 ends no name before 调; 李克强, 曾锦强 are whole)
        if not (folded[start] in SURNAMES or (two in known or _reads_as_name(two))
                or (three in known or _reads_as_name(three))):
            # every reading below is two or three characters that are a name or start with
            # a surname (a title's name aside): spare the tagger the rest of the sentences
            if not titled:
                return None
            # after a title, also a dictionary word that is no place in the gazetteer (the
            # tagger's "ns" of _titled_name); neither: no reading is (常委会|主任会议, 代表大会)
            if not any(2 <= len(w) <= 3 and seg.has_word(w) and w not in gazetteer() for w in (two, three)):
                return None
        pieces = seg.tag(folded[start:start + 10])
        if len(pieces[0][0]) > 3 and not pieces[0][1].startswith("nr"):
            return None  # 华中科|技大学: a name does not cut through a longer word
        if _ADVERB_TAIL.fullmatch(three[1:]):
            three = two  # 唐一度称, 陈再度表示: a surname and an adverb, not a name
        if (len(three) == 3 and three[2] not in _AFTER_NAME and _CJK_NAME.match(three)
                and ((three in known or _reads_as_name(three)) or three[0] in SURNAMES)):
            # 吕恒喜 cut as 吕恒|喜: the three characters recur together every time
            if (self.count(two) == self.count(three) and self.count(three) > 1
                    and not (seg.has_word(two) and not (two in known or _reads_as_name(two)))
                    and not _verb_object(three) and not _VERB.fullmatch(three, 1)):
                # (戴黑色 of 戴黑色面巾, said twice; 郑形容 of 郑形容，… 郑形容是…: a surname and a verb)
                return three  # (not 高度|重视: a word, then the first character of the next)
        if (titled and len(three) == 3 and _CJK_NAME.match(three) and three[2] not in _AFTER_NAME
                and three[2] not in _NOT_NAME_END and _VERB.match(folded, start + 3)
                and (three in known or _reads_as_name(three)) and not seg.has_word(three[1:])):
            return three  # 局长李家超|指…: the tagger's 李家|超指 cuts the name, a verb follows it whole
        first, tag = pieces[0]
        if (len(first) == 2 and len(pieces) > 1 and len(pieces[1][0]) == 1
                and (first[0] in SURNAMES or tag == "nrt") and len(three) == 3
                and _CJK_NAME.match(three) and three[2] not in _AFTER_NAME
                and (two in known or _reads_as_name(two))):
            return three  # 图斯|克|与: a stray third character finishes the name
        for cand in (first, three, two):
            if len(cand) == 3 and (_ADVERB_TAIL.fullmatch(cand[1:]) or cand[2] in _AFTER_NAME or cand[:2] in gazetteer()
                                   and seg.has_word(folded[start + 2:start + 4])):
                continue  # 沈阳司|法局: a place, then a word
            if (len(cand) == 3 and titled and cand not in known and self.count(three) == 1
                    and self.count(two) > 1 and not seg.has_word(cand)):
                continue  # 总统佐科|通电话 … 佐科表示: the name stands without the third character
            if len(cand) == 2 and cand[1] in "说称指谓问答" and not _CJK_NAME.match(three):
                continue  # 梁说，…: a surname and a speech verb
            if len(cand) == 2 and cand[1] in _NOT_NAME_END:
                continue  # 汤又认为, 曾是: a surname (or 曾) and an adverb or a verb
            if (len(cand) == 2 and not seg.has_word(cand)
                    and seg.has_word(folded[start + 1:start + 3])):
                continue  # 何|参与: the surname of someone named before, then a verb
            if 2 <= len(cand) <= 3 and ((cand in known or _reads_as_name(cand))
                                        or titled and _titled_name(cand, self.known)):
                return cand
        return None

    def _titled_then_verb(self, start: int) -> str | None:
        """A name no rule above reads, between a title and a speech verb with its comma, colon
        or quote mark (裁判官香淑仪指，… 分析家怀德拉说，…): two to four characters that hold no
        dictionary word but a name's."""
        folded, seg = self.folded, segmenter()
        for n in (2, 3, 4):
            cand = folded[start:start + n]
            if len(cand) < n or not _CJK_NAME.match(cand) or "·" in cand:
                return None
            verb = _VERB.match(folded, start + n)
            if not verb or not verb.group("after"):
                continue
            if (cand[0] in _NOT_SURNAME or cand[0] in _ORG_SURNAMES or cand[-1] in _AFTER_NAME or cand[-1] in _NOT_NAME_END
                    or cand in gazetteer() or _ROLE_WORD.search(cand) or _UNNAMED.match(cand)
                    or _PRONOUN.match(cand)):
                return None
            if seg.has_word(cand) or len(verb.group("verb")) == 1 and seg.has_word(
                    folded[start + n - 1:start + n + 1]):
                return None  # a word the dictionary knows is no unknown name; nor 邝俊宇|直斥
            for w, t in seg.tag(cand):
                if (len(w) > 1 and not (t.startswith("nr") or t in ("x", "n") and not seg.has_word(w)
                                        or t == "ns" and n > 2)
                        or len(w) == 1 and t[:1] in "pcurdmtfq"):
                    return None  # (今供, 自辩, 方推特, 成|日, 中|委: not names)
            return cand
        return None

    def _dotted_name(self, start: int) -> str | None:
        """伊万·加缪 in 伊万·加缪说: a transliterated name with a middle dot. The part after the
        last dot ends where a verb or a name-ending character follows, or where the text
        names the person again with something else after them (特雷莎·梅举行…)."""
        folded = self.folded
        m = _DOTTED_RUN.match(folded, start)
        if not m or _ROLE_WORD.search(m.group(1)):
            return None  # (部长约翰·: the title is not part of the name)
        head = m.group(1)
        first = segmenter().tag(head.split("·")[0])
        if len(first) > 1 and len(first[0][0]) >= 2 and first[0][1] == "n":
            return None  # 网民|努尔汗·巴卡尔: a noun before the name is not part of it
        last = m.start(2)
        pieces = segmenter().tag(folded[last:last + 12])
        cuts, at, spans = set(), last, []
        for word, tag in pieces:
            spans.append((at, at + len(word), tag))
            at += len(word)
            cuts.add(at)
        for n in range(1, min(5, len(m.group(2))) + 1):
            cand = head + m.group(2)[:n]
            end = start + len(cand)
            if any(a < end <= b and b - a >= 2 and a >= last and tag[:1] in ("v", "d", "m", "p", "c", "t")
                   for a, b, tag in spans):
                break  # 巴卡尔共计: a verb or a number word the tagger finds is not the name's
            nxt = folded[end:end + 1]
            if (not nxt or not "\u4e00" <= nxt <= "\u9fff" or nxt in _AFTER_NAME and (end in cuts or n < 4)
                    or _VERB.match(folded, end) or self.count(cand) > self.count(cand + nxt)
                    or end in cuts  # (not 苏|克萨克洪, 萨尔米宁赞|同: the tagger's words end there)
                    and segmenter().tag(folded[end:end + 4])[0][1][:1] in ("d", "p", "m", "t", "c")):
                # (比尔·盖茨|多次对媒体表示: an adverb or a time word follows the name)
                return cand
        # 米卡·萨尔米宁赞同: the words the tagger calls a name, then a verb or an adverb
        n = 0
        for i, (word, tag) in enumerate(pieces):
            if not tag.startswith("nr") or n + len(word) > 4:
                if n and tag[:1] in ("v", "d", "p"):
                    return head + folded[last:last + n]
                break
            n += len(word)
        return None

    def names_in(self, start: int, end: int) -> list[tuple[int, str]]:
        """(position, folded name) of every person the text names in folded[start:end]."""
        out, pos = [], start
        people = self.people[bisect_left(self._positions, start):bisect_left(self._positions, end)]
        known = {p.pos: p.key for p in people}  # (those with start <= p.pos < end)
        for word, tag in segmenter().tag(self.folded[start:end]):
            if pos in known:
                out.append((pos, known[pos]))
            elif (tag.startswith("nr") and 2 <= len(word) <= 4 and word[0] in SURNAMES
                  and not _VERB_OR_ROLE.fullmatch(word)):
                name = self.name_at(pos)
                if name:
                    out.append((pos, name))
            pos += len(word)
        return out

    def is_person(self, word: str) -> bool:
        return is_name(word, self.known) or word in self.keys

    def role_of(self, key: str) -> str | None:
        return self._roles.get(key)  # (the first person with that key and a role)

    def by_role(self, clause: str, before: int) -> tuple[str, str | None] | None:
        """The person last named before ``before`` with the title ``clause`` (法官, 裁判官)."""
        if not _ROLE_WORD.fullmatch(clause):
            return None
        titles = (clause, "大律师") if clause == "大状" else (clause,)  # 大状: Hong Kong's word for a barrister
        for p in reversed([p for p in self.people if p.pos < before and p.role]):
            if fold(p.role).endswith(titles):
                return p.name, p.role
        # 研究员指… before 研究员苏文英表示…: the one person the article gives that title
        later = {p.key: p for p in self.people if p.pos >= before and p.role and fold(p.role).endswith(titles)
                 and "另" not in self.folded[max(0, p.pos - 8):p.pos]}  # (not 另一位专家甲)
        if len(later) == 1:
            p = next(iter(later.values()))
            return p.name, p.role
        return None

    def pair_before(self, before: int) -> tuple[str, None] | None:
        """二人, 两人: the last two people named before the sentence of ``before`` (not 甲 of
        甲表示…，但二人都认为), joined as the text names them."""
        seen: list[_Person] = []
        before = _sentence_start(self.folded, before)
        for p in reversed([p for p in self.people if p.pos < before and not _PAIR.match(p.key)]):
            if not any(q.key == p.key or q.key.startswith(p.key) or p.key.startswith(q.key) for q in seen):
                seen.append(p)
                if len(seen) == 2:
                    first = {q.key: min(r.pos for r in self.people if r.key == q.key) for q in seen}
                    return "、".join(q.name for q in sorted(seen, key=lambda q: first[q.key])), None
        return None

    def by_surname(self, surname: str, before: int) -> tuple[str, str | None] | None:
        """The person named before ``before`` whose name starts with ``surname`` (邵 -> 邵家臻)."""
        for p in reversed([p for p in self.people if p.pos < before]):
            if p.key.startswith(surname) and len(p.key) > 1 and not (
                    p.key[1] in "官生太老局司" and not p.role):  # not 杜官 (又) itself
                return p.name, self.role_of(p.key)
        at = self.folded.rfind(surname, 0, before)  # 甲、乙及胡小明今认罪 … 胡则表示
        while at >= 0:
            name = self.name_at(at) if at + 2 <= len(self.folded) else None
            if (name and len(name) > 1 and name[1] not in "官生太老局司" and name[1] not in _NOT_NAME_END
                    and self.folded[at - 1:at] != "姓"):  # not 问唐有没有, 姓唐女子
                return self.original(at, at + len(name)), self.role_of(name)
            at = self.folded.rfind(surname, 0, at)
        return None

    def speaker(self, start: int, end: int, weak_verb: bool):
        """(name, role) for the clause folded[start:end], "?" for a pronoun or no subject, else None.
        When the clause does not resolve, adverbs and time words the tagger finds at its end
        (杨润雄首次透露, 甲当场说) are dropped and it is tried once more."""
        while end > start + 1 and self.folded[end - 1] in " \u3000":
            end -= 1  # 鄺士山（…）曾 提出 ，: spaces around a link in the text
        dotted = (self._dotted_before(start, end) or self._relayed_words(start, end)
                  or self._described_name(start, end))
        if dotted:
            return dotted
        who = self._speaker(start, end, weak_verb)
        etc = _ET_CETERA.search(self.folded, start, end) if who is None else None
        if etc and etc.start() - start >= 2:
            # 院士甲等专家指出, 甲等人表示: the one named first speaks (QUOTES_GOLD.md)
            who = self._speaker(start, etc.start(), weak_verb)
            if not isinstance(who, tuple) or fold(who[0]) not in self.keys:
                who = None
        if isinstance(who, tuple) and len(who[0]) > 2 and who[0].endswith("等"):
            who = who[0][:-1], who[1]  # 曹玮等表示: the one named first
        if who is None and end - start >= 3:
            bare = _strip_adverb_tail(self.folded[start:end])
            opinion = self.folded[end - 1] == "不" and self.folded.startswith(("认为", "认同", "同意"), end)
            if opinion and len(bare) == end - start:
                bare = bare[:-1]
            tail = self.folded[start + len(bare):end]
            if (2 <= len(bare) < end - start and not _NEGATED.search(bare)
                    and (not _NOT_SAID.search(tail) or opinion and tail == "不")):
                # (not 甲未正面回应: what was not said; not 甲一边说: narration goes on; but 甲不认为
                # is an opinion stated)
                who = self._speaker(start, start + len(bare), weak_verb)
                if who == "?" or isinstance(who, tuple) and not (
                        fold(who[0]) in self.keys
                        or _ends_with_role(fold(who[0])) or _UNNAMED.match(fold(who[0]))):
                    # (a clause of adverbs only was not a pronoun's; a name must be one the
                    # article names elsewhere, not 李家 of 李家|超未|正面 cut by the tagger)
                    who = None
        if isinstance(who, tuple):
            who = self.whole_name(who[0], start), who[1]
        return who

    def _described_name(self, start: int, end: int) -> tuple[str, str | None] | None:
        """(name, role) when the clause is a description, 的 and a name the article gives
        (站在一旁的孙爱民说, 在场的陈大文表示): the name speaks, not what describes them."""
        clause = self.folded[start:end]
        de = clause.rfind("的")
        tail = clause[de + 1:]
        if de < 2 or not 2 <= len(tail) <= 4 or tail not in self.keys:
            return None
        return self.original(start + de + 1, end), self.role_of(tail)

    def _relayed_words(self, start: int, end: int) -> tuple[str, str | None] | None:
        """(name, role) of the person whose words a medium relays (《联合早报》援引新加坡总理李显龙的话
        表示, 俄新社刊发…马斯洛夫的评论指出): the one named last before 的话/的发言/的评论."""
        if self.folded.rfind("的", start, end) < 0:
            return None  # (every clause asks: most have no 的 before the verb)
        m = _RELAYED_WORDS.search(self.folded, start, end)
        if not m or m.end() != end:
            return None
        for p in reversed(self.people):
            if m.start("who") <= p.pos < m.end("who") and p.pos + len(p.key) == m.end("who"):
                return p.name, p.role
        return self._dotted_before(m.start("who"), m.end("who"))

    def _dotted_before(self, start: int, end: int) -> tuple[str, str | None] | None:
        """(name, role) when the clause ends in a whole dotted name (记者西玛拉洪·苏克萨克洪说,
        团长让—菲利普·肖伊说): the verb ends its last part, and a title, 的 or 、 before the
        first part ends what stands before the name. None when nothing marks where the name
        starts or the last part reads as more than a name (特雷莎·梅举行会晤后)."""
        folded = self.folded
        if folded.rfind("·", start, end) < 0:
            return None  # (every clause asks: a dot is rare)
        m = _DOTTED_BEFORE.search(folded, start, end)
        if not m or m.end() != end:
            return None
        s, last = m.start(), folded.rfind("·", start, end) + 1
        if not _last_part(folded[last:end]):
            return None  # 费尔南多·西蒙的发言, 比尔·盖茨多次: not a name's last part
        first = min(i for i in (folded.find("·", s, end), folded.find("—", s, end)) if i >= 0)
        cut = max([s, *(k.end() for k in _TITLE_OR_PERSON.finditer(folded, s, first - 1)),
                   *(k + 1 for k in range(s, first - 1) if folded[k] in "的、")])
        if not 1 <= first - cut <= 6:
            return None
        role = None
        head = re.split(r"[，,。；;：:“”「」\s]", self.text[max(start, cut - 24):cut])[-1].rstrip("的、")
        if head and _ends_with_role(fold(head)):
            role = head  # 老挝《人民报》记者, 泰国《今日曼谷报》国际新闻执行主编
        return self.text[cut:end], role

    def whole_name(self, name: str, before: int) -> str:
        """奥尔特曼 after 米丽亚姆·奥尔特曼, 冯蓬 of 萨米塔·泰冯蓬: the last part of a dotted name
        the article gave in full stands for the whole."""
        key = fold(name)
        if "·" in key or not _CJK_RUN.fullmatch(key) or len(key) < 2:
            return name
        for p in self.people:
            if p.pos < before + len(key) and "·" in p.key and p.key.rsplit("·", 1)[1].endswith(key) \
                    and len(p.key.rsplit("·", 1)[1]) - len(key) <= 1:
                return p.name
        return name

    def settle_speaker(self, q: Quote) -> None:
        """The speaker of ``q`` as the article names them, however the rules found them: a
        short form as the full name, a title or a clause read with the name cut off."""
        if q.speaker and len(fold(q.speaker)) == 2:
            q.speaker = self.family_name(q.speaker, q.end + 30)  # 大西 of 教授大西广对记者说
        elif q.speaker and _LATIN_NAME.match(q.speaker):  # Kim after 韓籍男商人Kim Minho
            q.speaker = self.full_latin(q.speaker, q.start)
        if len(q.speaker) > 2 and fold(q.speaker[-1]) in _READ_ON and fold(q.speaker[:-1]) in self.keys:
            q.speaker = q.speaker[:-1]  # the person the article names, read on (王贵武听…说)
        if len(q.speaker) > 2 and q.speaker.endswith("曰"):
            q.speaker = q.speaker[:-1]  # 孔子曰：“…”: 曰 is the verb, not part of the name
        to_reporter = _TO_REPORTER.search(fold(q.speaker))
        if to_reporter and to_reporter.start() >= 2:  # 有街坊向记者表示: the one who tells the reporter
            q.speaker = q.speaker[:to_reporter.start()]
        q.speaker = self.joint(self.whole_name(self.full_form(self.named_prefix(q.speaker), q.start), q.start))
        titled = _NAME_THEN_TITLE.fullmatch(fold(q.speaker))
        if titled and self.is_person(titled.group(1)):  # 王欢委员表示: the name, then the title
            q.speaker, q.role = q.speaker[:len(titled.group(1))], q.role or q.speaker[len(titled.group(1)):]
        named = self.nicknames.get(fold(q.speaker))
        if named:  # 明哥表示 after 「深水埗明哥」陈灼明: the person the nickname stands for
            q.speaker, q.role = named[0], q.role or self.role_of(named[1])

    @property
    def nicknames(self) -> dict[str, tuple[str, str]]:
        """Nickname (folded, and each ending of it of two characters or more) -> (the name as
        printed, its key), for a nickname given in quote marks right before a person's name or
        in brackets right after it."""
        if self._nicknames is None:
            self._nicknames, folded = {}, self.folded
            for m in _NICKNAME_BEFORE.finditer(folded):
                name = self.name_at(m.end())
                if name and name in self.keys:
                    for k in range(len(m.group(1)) - 1):
                        self._nicknames.setdefault(m.group(1)[k:], (self.original(m.end(), m.end() + len(name)), name))
            for m in _NICKNAME_AFTER.finditer(folded):
                for p in self.people:
                    if p.pos + len(p.key) == m.start() and m.group(1) not in ("译音", "音译"):
                        self._nicknames.setdefault(m.group(1), (p.name, p.key))
        return self._nicknames

    def joint(self, name: str) -> str:
        """法医、专家证人 for 法医及专家证人: two speakers joined by a word are joined with 、, as
        the rules join them elsewhere (甲、乙)."""
        key = fold(name)
        m = re.fullmatch(r"([\u4e00-\u9fff]{2,8}?)(?:及|和|与|以及)([\u4e00-\u9fff]{2,8})", key)
        if not m or "、" in key:
            return name
        if all(self.is_person(part) or _ends_with_role(part) or _PERSON_HEAD.search(part)
               or _PERSON_NOUN.fullmatch(part) or part[-1] in "医师员官者" for part in m.groups()):
            return f"{name[:m.end(1)]}、{name[m.start(2):]}"
        return name

    def named_prefix(self, name: str) -> str:
        """韦仕博 of 韦仕博陈词时, 袁海文 of 袁海文不: a clause read as the speaker that opens with
        someone the article names, then words that are no part of a name."""
        key = fold(name)
        if key in self.keys or not _CJK_RUN.fullmatch(key) or len(key) < 3:
            return name
        for n in range(len(key) - 1, 1, -1):
            if (key[:n] in self.keys and not is_name(key, self.known) and key[n] not in "的之"
                    and (key[n] in _NOT_NAME_END or key[-1] in "时后"
                         or segmenter().tag(key[n:])[0][1][:1] in ("v", "d", "p", "c", "t", "f", "u"))):
                return name[:n]
        return name

    def full_form(self, name: str, at: int) -> str:
        """The full name a short form stands for: 贾迈勒 for 贾迈勒·侯赛因 (a dotted name's first
        part), 林郑 for 林郑月娥 (a name of two surnames), 邓官 for 邓少雄 (a surname and 官,
        the magistrate named before)."""
        key = fold(name)
        if "·" in key or not _CJK_RUN.fullmatch(key):
            return name
        for p in self.people:
            if "·" in p.key and p.key.split("·", 1)[0] == key:
                return p.name
        folded, at_dot = self.folded, self.folded.find(key + "·")
        if at_dot >= 0 and (at_dot == 0 or not "\u4e00" <= folded[at_dot - 1] <= "\u9fff"
                            or _ends_with_role(folded, max(0, at_dot - 8), at_dot)
                            or folded[at_dot - 1] in "的、"):
            last = at_dot + len(key) + 1
            for n in range(5, 0, -1):  # the longest last part that ends where a name may end
                tail, nxt = folded[last:last + n], last + n
                if (len(tail) == n and _CJK_RUN.fullmatch(tail) and _last_part(tail)
                        and (not "\u4e00" <= folded[nxt:nxt + 1] <= "\u9fff" or _VERB.match(folded, nxt)
                             or folded[nxt] in _AFTER_NAME
                             or segmenter().tag(folded[nxt:nxt + 4])[0][1][:1] in ("d", "t", "p", "v"))):
                    return self.original(at_dot, nxt)  # 贾迈勒 of 总编辑贾迈勒·侯赛因日前…
        if len(key) == 2 and key[0] in SURNAMES and key[1] in SURNAMES:
            for p in self.people:
                if (len(p.key) == 4 and p.key.startswith(key) and not set(p.key) & set("和与及同跟")
                        and (p.key in self.known or _reads_as_name(p.key))):
                    return p.name  # 林郑 of 林郑月娥
        ref = _SURNAME_REF.match(key)
        if ref and len(key) == 2 and key[1] in "官生太":
            who = self.by_surname(key[0], at)
            if who and len(fold(who[0])) > 2 and fold(who[0])[1] not in "官生太":
                return who[0]
        return name

    def family_name(self, name: str, before: int) -> str:
        """大西 after 教授大西广对记者说, 石水 after 的石水未奈、: a two-character family name
        stands for the full name given once before, after a title, 的 or 、 and before a
        speech verb or 、 (a Japanese name the dictionary does not know)."""
        key, folded = fold(name), self.folded
        if len(key) != 2 or key[0] in _NOT_SURNAME or not _CJK_RUN.fullmatch(key) or _UNNAMED.match(key):
            return name  # (not 控方|陈词: a party to the case is no family name)
        for m in re.finditer(re.escape(key), folded[:before]):
            if self.quoted[m.start()] or not (
                    m.start() == 0 or folded[m.start() - 1] in "的、"
                    or _ends_with_role(folded, max(0, m.start() - 6), m.start())):
                continue
            for n in (1, 2, 3):
                end = m.end() + n
                if not _CJK_RUN.fullmatch(folded[m.end():end]):
                    break
                if folded[end:end + 1] in ("、", "，") or _VERB.match(folded, end):
                    whole = folded[m.start():end]
                    if (not segmenter().has_word(whole) and not _ROLE_WORD.search(whole)
                            and not set(whole[2:]) & (_NOT_NAME_END | _AFTER_NAME | _GROUP_END)
                            and self.count(whole) == 1
                            and not any(t[:1] in "tdvpmcrfq" for _, t in segmenter().tag(whole[2:]))):
                        return self.original(m.start(), end)  # (not 普京|近日: a time word)
                    break
        return name

    def _speaker(self, start: int, end: int, weak_verb: bool):
        raw = self.folded[start:end]
        trimmed = _without_adverbials(raw)
        if (trimmed and len(trimmed) < len(raw) and raw[len(trimmed)] not in _NOT_NAME_END
                and raw[:len(trimmed) + 1] in self.keys):
            trimmed = raw[:len(trimmed) + 1]  # 陈大文信心满满地: the manner phrase is 信心满满地
        lead_word = _LEADING.match(trimmed)
        if lead_word:
            start += lead_word.end()
            trimmed = trimmed[lead_word.end():]
        lead = len(trimmed) - len(trimmed.lstrip())
        clause = trimmed.strip()
        cstart = start + lead
        if not clause:
            return None if weak_verb else "?"
        if clause[0] in "让令使叫":
            return None  # 让台湾蓝丝相信…: what someone is made to believe
        if _CONDITION.match(clause):
            return None  # 如果人们对制度认同，…: a condition, not someone speaking
        if _BELIEF.match(clause) and len(clause) > 2:
            return None  # 相信有市民认为…: a belief inside someone's statement, not its speaker
        if clause.startswith("获") and _ends_with_role(clause):
            cstart, clause = cstart + 1, clause[1:]  # 获政府发言人回复指: the one who replies
        if clause[-1] in "〉》" and not _TO_MEDIUM.search(clause):
            return None  # 〈…〉，指: the title of a report, not who speaks (but 甲对《美国之音》说)
        if _UNDERGONE.search(clause):
            return None  # 受尽市民批评, 接受部长建议: the verb is a noun, what someone got
        if _COMPARISON.search(clause):
            return None  # 情况如同学者指…: a comparison inside someone's statement
        if clause[0] in "被遭" and not clause.startswith(("被告", "被访")):
            return None  # 被村民称为, 遭人质问: the one spoken to or of
        if _PRONOUN.match(clause):
            return None if clause in ("他们", "她们", "佢哋") else "?"  # 他们: not the last one person
        if _PAIR.fullmatch(clause):
            return self.pair_before(cstart)  # 二人都认为: the two named last
        acting = _ACTING.fullmatch(clause)
        if acting:  # 辩方代表大律师求情时指: the one who pleads
            who = self._speaker(cstart, cstart + len(acting.group(1)), weak_verb)
            if isinstance(who, tuple):
                return who
        behalf = _ON_BEHALF.fullmatch(clause)
        if behalf:  # 有人为李锐抱屈说: the one who speaks up for someone
            who = self._speaker(cstart, cstart + len(behalf.group(1)), weak_verb)
            if isinstance(who, tuple):
                return who
        listener = _LISTENER.fullmatch(clause)
        if listener and not _ADDRESSEE.match(clause) and not _ADVERBIAL.fullmatch(clause[listener.start(2) - 1:]):
            # 李四向王五表示: the one who speaks to the other
            who = self.speaker(cstart, cstart + listener.end(1), weak_verb)
            if who not in (None, "?"):
                return who
            if (who == "?" and _PRONOUN_ADVERB.fullmatch(listener.group(1))
                    and not _YU_CI.match(listener.group(2))
                    and _SHORT_COLON_QUOTE.match(self.folded[end:end + 7])):
                return "?"  # 他总对同事说：“…”: he speaks, to them (not 他对于…, 对此)
        if _ADDRESSEE.match(clause) and (_PRONOUN.match(clause[1:]) or is_name(clause[1:], self.known)
                                         or clause[1:] in self.keys):
            return "?"
        if 3 <= len(clause) <= 24:
            *rest, (last, tag) = segmenter().tag(clause)
            if (rest and len(last) == 2 and tag == "v" and not _VERB_OR_ROLE.search(last)
                    and not (_ends_with_role(clause[:-2]) and self.speaks_again(last, cstart + len(clause) - 2))):
                # (not 外交大臣拉布: a name the tagger takes for a verb, named again)
                # 法官打断表示, 他回应表示: a verb of manner between the subject and the verb
                who = self.speaker(cstart, cstart + len(clause) - 2, weak_verb)
                if len(clause) > 8 and who is not None:
                    # a longer clause (主席甲就出来宣布, 甲也挖苦说): a person the article names,
                    # whose name ends the part before the verb but for a few adverbs; no
                    # negation and no modal (应该说: what someone should say)
                    gap = clause[:-2].rfind(fold(who[0])) if isinstance(who, tuple) else -1
                    between = clause[gap + len(fold(who[0])):-2] if gap >= 0 else ""
                    if (gap < 0 or not self.is_person(fold(who[0]))
                            or len(between) > 3 and not _ADVERBIAL.fullmatch(between)  # (甲在会议上发言说)
                            or _NEGATION.search(clause[gap + len(fold(who[0])):])
                            or last in ("应该", "应当", "可以", "能够", "需要", "愿意", "必须", "不会")):
                        who = None
                if who is not None and who != "?" or _PRONOUN.match(clause[:-2]):
                    return who
        glossed = _LATIN_GLOSSED_CLAUSE.fullmatch(clause)
        if glossed and (not glossed.group(2) or _ADVERBIAL.fullmatch(glossed.group(2))):
            # 博士邝士山（Dr. K. Kwong）曾: the name before its Latin gloss
            who = self._speaker(cstart, cstart + len(glossed.group(1)), weak_verb)
            if isinstance(who, tuple):
                return who
        cites = _CITES.fullmatch(clause)
        if cites:  # 主任甲引用美国研究指: the one who cites a study speaks
            who = self._speaker(cstart, cstart + len(cites.group(1)), weak_verb)
            if isinstance(who, tuple):
                return who
        relayed = _RELAYED.search(clause)
        if relayed:  # 胡志伟引述林郑月娥回应指: the words are the one quoted
            inner = self.speaker(cstart + relayed.start(1), cstart + len(clause), weak_verb)
            if inner not in (None, "?"):
                return inner
        if clause.count("、") >= 1 and len(clause) <= 60:
            # 队长甲、队长乙、队长丙表示: three or more titled names
            body = _ALL_TOO_END.sub("", clause)
            parts, at, names = _AND_WORDS.split(body), 0, []
            for part in parts:
                at = body.index(part, at)
                found = self._titled_or_name(part) if 2 <= len(part) <= 24 else None
                if not found:
                    break
                names.append(self.original(cstart + at + found[0], cstart + at + len(part)))
                at += len(part)
            else:
                if len(names) >= 3:
                    return "、".join(names), None
        joint = _JOINT.fullmatch(clause)
        if joint:  # 甲和乙都表示; 前主席甲和乙; 主席甲及议员乙
            people = [self._titled_or_name(joint.group(i)) for i in (1, 2)]
            if all(people):
                names = [self.original(cstart + joint.start(i) + at, cstart + joint.end(i))
                         for i, (at, _) in zip((1, 2), people)]
                # a title before the first name only is shared (前主席甲和乙)
                shared = people[1][0] == 0 and people[0][0] > 0
                return "、".join(names), self.original(cstart, cstart + people[0][0]) if shared else None
        aide = _AIDE.search(self.folded, cstart, cstart + len(clause))
        if aide and aide.end() == cstart + len(clause) and self.text[aide.start(1)].isupper():
            # 黎智英的前私人助理Mark Simon: the aide, not the one named first
            name = self.original(aide.start(1), aide.end(1))
            return self.full_latin(name, aide.start(1)), self.original(cstart, aide.start(1)) or None
        m = ROLE.match(clause)
        if m and "·" in m.group("name") and not all(
                t.startswith("nr") for w, t in segmenter().tag(m.group("name")) if w != "·") and (
                self.name_at(cstart + m.start("name")) != m.group("name")):
            # (but 萨米塔·泰冯蓬表示: the whole is the dotted name the text gives)
            m = None  # 特雷莎·梅举行会晤后: a dotted name, then what they did
        if m and (_titled_name(m.group("name"), self.known, whole=True) or _foreign_name(m.group("name"))
                  or self._bare_titled_name(m.group("name"), m.group("role"), cstart + m.start("name"))):
            name_start = cstart + m.start("name")
            role = self.original(cstart, name_start).strip("、， ") or None
            return self.original(name_start, cstart + len(clause)), role
        both = _NAME_THEN_TITLE.fullmatch(m.group("name")) if m else None
        if both and is_name(both.group(1), self.known):
            # 负责人迪托亚托上校: a title, the name, and a rank after it
            name_start = cstart + m.start("name")
            return (self.original(name_start, name_start + len(both.group(1))),
                    self.original(cstart, name_start).strip("、， ") or None)
        after = _NAME_THEN_TITLE.fullmatch(clause)
        if after and (is_name(after.group(1), self.known) or after.group(1) in self.keys):
            # 甲代表说, 甲总书记指出: a name with its title after it
            return (self.original(cstart, cstart + len(after.group(1))),
                    self.original(cstart + after.start(2), cstart + len(clause)))
        s = _SURNAME_REF.match(clause)
        if s:  # 邵又认为 -> 邵家臻; 屈官 (Magistrate 屈) after 裁判官屈麗雯
            found = self.by_surname(s.group(1), start)
            if found:
                return found
        if is_name(clause, self.known) or clause in self.keys:
            return self.full_latin(self.original(cstart, cstart + len(clause)), cstart), self.role_of(clause)
        printed = self.original(cstart, cstart + len(clause))  # folding lower-cased Latin
        latin = _LATIN_END.search(printed)
        if latin:  # 受害人Tom憶述, Will 指
            name_start = cstart + latin.start(1)
            return self.full_latin(latin.group(1), name_start), None
        titled = self.by_role(clause, start)
        if titled:  # 法官指出 after 高院法官周家明: the judge named before
            return titled
        named = self.names_in(cstart, cstart + len(clause)) if len(clause) <= 24 else []
        tail = self.tail_name(cstart, clause) if len(clause) <= 24 else None
        if (not tail and named and named[-1][0] + len(named[-1][1]) == cstart + len(clause)
                and named[-1][0] > cstart and not _UNNAMED.match(clause)  # (not 有|顾客)
                and not _PREPOSITION_END.search(clause[:named[-1][0] - cstart])):
            tail = named[-1][0]  # a name the tagger knows
        if tail:
            # 叶全奖的妻子叶小珠, 民建联黄定光: a description, then the name (not 有关X, 对X)
            role = self.original(cstart, tail) or None
            return self.original(tail, cstart + len(clause)), role
        if clause.endswith("发言人") and len(clause) <= 16 and not _PRONOUN_IN.search(clause):
            return self.described(cstart, clause), None  # 政府发言人: a person, though unnamed
        if (_ends_with_role(clause) and len(clause) <= 16
                and (not _ORG_START.match(clause)
                     or _PERSON_HEAD.search(clause) and not _REQUEST.search(clause))
                and not _PRONOUN_IN.search(clause) and not named and not _TOWARDS.search(clause)):
            # 民主派议员, 被告的代表大律师: a person described, not named
            return self.described(cstart, clause), None
        if _UNNAMED.match(clause):  # 一位参展宾客说, 有村民说: a person, though unnamed
            return self.described(cstart, clause), None
        # a name that opens a longer clause: 李卓人承认煽动罪时表示
        acted = _SPEECH_ACT_END.search(clause) and not _OTHERS_ACT.search(clause)
        name = self.name_at(cstart) if acted or _TIME_END.search(clause) else None
        if name and _POSSESSED.match(clause, len(name)):
            name = None  # 甲夫妇的好友乙接受访问时痛批: the clause is about 甲's friend
        if name:
            return self.original(cstart, cstart + len(name)), self.role_of(name)
        if _HE_SHE.match(clause) and (acted or _TIME_END.search(clause)):
            return "?"  # 他被问到…时，称: the person spoken of before
        if acted or _TIME_OR_ON_END.search(clause):
            # the subject named before a time clause: 欧盟委员会主席容克2月7日在…会晤后表示
            named = [(pos, key) for pos, key in self.names_in(cstart, cstart + len(clause))
                     if not _POSSESSED.match(self.folded, pos + len(key))]
            if named:
                pos, key = named[0]
                return self.original(pos, pos + len(key)), self.role_of(key)
        return None

    def _bare_titled_name(self, word: str, role: str, pos: int) -> bool:
        """A word of two or three characters between a title and the speech verb that the
        dictionary does not file as a name (总统特本, 总裁高崖, 外交大臣拉布): a name, when it
        is no title, kin or group word, and either no dictionary word or one the article uses
        again (a name is named more than once; 助理, 夫人 are ruled out by the list)."""
        if (not 2 <= len(word) <= 3 or not _CJK_RUN.fullmatch(word) or _ROLE_WORD.search(word)
                or word[-1] in _GROUP_END or word in gazetteer() or word[0] in _NOT_SURNAME
                or _NOT_A_NAME.search(word) or len(_ROLE_END.search(role).group()) < 2
                or role[0] in "为对向给跟与和把被让据从" or word[0] == word[1]
                or _NAME_THEN_TITLE.fullmatch(role) and is_name(_NAME_THEN_TITLE.fullmatch(role).group(1), self.known)):
            # (not 习近平总书记|点点头: a name and its title, then what the person does)
            return False  # (not 陈官|要求唐: a one-character title is too often a short form)
        seg = segmenter()
        tags = seg.tag(word)
        if any(t[:1] in ("r", "m", "q", "f", "p", "c", "u", "d", "t") for _, t in tags):
            return False
        if not seg.has_word(word):  # (not 发言人|造谣说, 官员|开腔指出: a verb the dictionary lacks)
            return (len(tags) <= 2 and all(t[:1] == "n" for _, t in tags)
                    and (any(t.startswith(("nr", "ns")) for _, t in tags) or self.speaks_again(word, pos)))
        return len(tags) == 1 and tags[0][1] in ("n", "v", "nz", "ns") and self.speaks_again(word, pos)

    def speaks_again(self, word: str, pos: int) -> bool:
        """True when ``word`` is, elsewhere than at ``pos``, the subject of a speech verb that
        opens a clause or follows a title (。拉布还表示): a name, not the word it also spells
        (拉布 "filibuster"; 发言人造谣说 twice is still no name)."""
        folded, at = self.folded, self.folded.find(word)
        while at >= 0:
            if at != pos and _ALONE_THEN_VERB.match(folded, at + len(word)) and (
                    at == 0 or folded[at - 1] in "。！？!?\n，,：:；;”」"
                    or _ends_with_role(folded, max(0, at - 6), at)
                    and not _ends_with_role(folded, max(0, pos - 6), pos)):
                return True
            at = folded.find(word, at + 1)
        return False

    def full_latin(self, name: str, before: int) -> str:
        """Andy 指 after 主厨Andy Ma: a Latin first name stands for the full name given before."""
        if not _LATIN_NAME.match(name) or " " in name:
            return name
        full = (re.search(rf"(?<![A-Za-z]){name} [A-Z][a-z]+(?![A-Za-z])", self.text[:before])
                or re.search(rf"(?<![A-Za-z])[A-Z][a-z]+ {name}(?![A-Za-z])", self.text[:before]))
        return full.group() if full else name  # (Hahn after Hilary Hahn too)

    def described(self, cstart: int, clause: str) -> str:
        """The printed description of an unnamed speaker."""
        return self.original(cstart, cstart + len(clause))

    def _titled_or_name(self, part: str) -> tuple[int, str] | None:
        """(where the name starts, name) when ``part`` is a name or a title and a name."""
        if is_name(part, self.known):
            return 0, part
        m = ROLE.match(part)
        if m and _titled_name(m.group("name"), self.known):
            return m.start("name"), m.group("name")
        return None

    def tail_name(self, cstart: int, clause: str) -> int | None:
        """Where a name that ends ``clause`` (at folded[cstart:]) starts, when a description
        (的…, a party or body) comes before it, else None."""
        seg = segmenter()
        if _PASSIVE.search(clause):
            return None  # 曾遭一名高官质问: the one spoken to
        for n in (3, 2):
            if (len(clause) > n + 2 and clause[-n] not in SURNAMES and _foreign_name(clause[-n:])
                    and _OF_PERSON_NOUN_END.search(clause[:-n])):
                return cstart + len(clause) - n  # 甲的同事顿珠: a name the dictionary files as a place
            if len(clause) <= n + 1 or clause[-n] not in SURNAMES:
                continue
            pos, tail, prefix = cstart + len(clause) - n, clause[-n:], clause[:-n]
            if self.name_at(pos, titled=True) != tail or n == 3 and any(
                    seg.has_word(w) and not is_name(w, self.known) for w in (tail[1:], tail[:2])
            ) and not _OF_PERSON_NOUN_END.search(prefix):
                continue  # 律政司没有, 历史经验, 高官质: words, not a name (but X的妻子李小梅)
            if _PREPOSITION_END.search(prefix) or _VERB.search(prefix):
                return None  # 有关X, 对X; 他指X: the clause is what someone else says
            if (prefix.endswith("的") or seg.tag(prefix)[-1][1] in ("n", "nt", "nz", "j")
                    or prefix[-1] in _ORG_SURNAMES):
                return pos
            return None
        return None

    def sentence_subject(self, clause_start: int, strict: bool = False):
        """The subject of the nearest earlier clause of the sentence that has one:
        (name, role), "?" for a pronoun or (unless ``strict``) when the sentence names
        none, None for an organisation."""
        folded, quoted = self.folded, self.quoted
        at = clause_start - 1  # the mark before the clause
        while at > 0 and (folded[at] not in "。！？!?\n" or folded[at] != "\n" and quoted[at]):
            # (「…。…」，又指: a full stop inside a quotation does not end the sentence)
            start = at
            while start > 0 and folded[start - 1] not in "。！？!?\n，,；;：:":
                start -= 1
            if start < at and not self.in_statement(start) and folded[at - 1] not in "〉》":
                # (not a title of a work: 〈老人高烧死在家里之后〉，指…)
                who = self.clause_subject(start)
                if who is not None:
                    return who
                if _ORG_START.match(folded[start:at].strip()) and not self.names_in(start, at):
                    return None
                if strict and self.names_in(start, at):
                    return None  # 好友甲上载影片，称…: someone named, though not as we can parse
            at = start - 1
        return None if strict else "?"

    def in_statement(self, start: int) -> bool:
        """True when an earlier clause of the sentence opens a statement (…，指甲…，而乙…):
        the clause at ``start`` is what someone says, and its subject not the sentence's."""
        folded = self.folded
        for v in _VERB.finditer(folded, _sentence_start(folded, start), start):
            if folded[v.start() - 1:v.start()] == "的":
                continue  # …的说，: a noun
            after = v.group("after") or ""
            if after[:1] in ("，", ",", ":", "：") or (
                    _OMITTED_BARE.fullmatch(v.group("verb")) and folded[v.start() - 1:v.start()] in ("，", ",")
                    and not segmenter().has_word(folded[v.start():v.end() + 1])):
                return True
        return False

    def clause_subject(self, start: int):
        """(name, role) of a person opening the clause at ``start`` (沈东…, 区委书记沈东…),
        "?" for a pronoun (他…), else None."""
        folded = self.folded
        while start < len(folded) and folded[start] in " \u3000」”":
            start += 1  # (…？」乙则称「…」，强调…: the clause after a quotation opens after its mark)
        lead = _LEADING.match(folded[start:start + 4])  # (^ does not match at a pos)
        if lead and lead.end():
            start += lead.end()
        if folded[start:start + 1] == "当" and folded[start + 1:start + 2] not in tuple("地天时日年场晚事前局"):
            return None  # 当人们问起…: a time clause, no subject
        if _PAIR.match(folded, start) and folded[start + 2:start + 3] not in ("的", "之"):
            return self.pair_before(start)
        clause_end = start
        while clause_end < len(folded) and clause_end - start < 40 and folded[clause_end] not in "，,。！？!?；;：:\n":
            clause_end += 1
        aide = _AIDE.search(folded, start, clause_end)
        if aide and self.text[aide.start(1)].isupper():
            # 黎智英的前私人助理Mark Simon随即…: the aide opens the clause, not the one named first
            return (self.full_latin(self.original(aide.start(1), aide.end(1)), aide.start(1)),
                    self.original(start, aide.start(1)))
        if _HE_SHE_YUE.match(folded[start:start + 2]):
            return "?"
        titled = _TITLE_OPENING.match(folded[start:start + 24])
        if titled:
            # a clause that opens with a name has it as subject, whatever title comes
            # later (甲总书记…, 甲代表乙…, 甲感谢乙总统…)
            first = self.name_at(start) if start + 1 < len(folded) else None
            if first and folded[start + len(first)] not in "的之、和与及":
                return self.original(start, start + len(first)), self.role_of(first)
        at = start + titled.end() if titled else start
        if titled and folded[at] in "向对与和跟同给为把被让" and self.name_at(at + 1, titled=True):
            # 甲总统向乙主席…: the one after the title is spoken to; the subject is the
            # name before the title
            before = _ROLE_END.sub("", folded[start:at])
            if before != folded[start:at] and _titled_name(before, self.known):
                return self.original(start, start + len(before)), self.original(start + len(before), at)
            return None
        name = self.name_at(at, titled=bool(titled)) if at + 1 < len(folded) else None
        if titled and not name:
            # 菲律宾总统|府发言人甲: the first title is part of a longer one; try the last
            last = _LAST_TITLE.match(folded, start, start + 24)
            if last and last.end() > at and last.end() + 1 < len(folded):
                name = self.name_at(last.end(), titled=True)
                if name:
                    at = last.end()
        if name:
            other = self.joined_name(at + len(name))
            if other:  # 秘书长甲及议员乙召开记者会，表示…: both speak
                return self.original(at, at + len(name)) + "、" + other, self.role_of(name)
            return self.original(at, at + len(name)), self.role_of(name)
        if not titled and folded[start] in SURNAMES and folded[start] not in "曾常向和同于时全连都还更也单" and (
                folded[start + 1:start + 2] in _NOT_NAME_END or _verb_word(folded[start + 1:start + 3])):
            found = self.by_surname(folded[start], start)
            if found:  # 何参与集会后…: the surname of someone named before, then a verb
                return found
        if titled and _ROLE_WORD.fullmatch(folded[start:at]) and not name:
            found = self.by_role(folded[start:at], start)
            if found:  # 裁判官不接纳…: the judge named before
                return found
        # a person the text does not name (家属不接受，认为…): the longest such opening
        for n in range(min(12, len(folded) - start), 1, -1):
            if (_UNNAMED.match(folded[start:start + n]) and folded[start + n] not in "的之们"
                    and not segmenter().has_word(folded[start + n - 1:start + n + 1])  # 有…民|主
                    and not _PREPOSITION.search(folded[start + 1:start + n])):
                named = self.name_at(start + n, titled=True)
                if named:  # 同事李四…: the word describes the one named
                    return (self.original(start + n, start + n + len(named)),
                            self.original(start, start + n))
                return self.original(start, start + n), None
        # a description, then the name that ends the clause (曾任助理的卡洛斯（…），)
        end = start
        while end < len(folded) and end - start < 30 and folded[end] not in "，,。！？!?；;：:\n（(":
            end += 1
        if end - start <= 30 and end < len(folded) and folded[end] in "（(，,":
            named = self.names_in(start, end) + [
                (end - n, folded[end - n:end]) for n in (4, 3) if folded[end - n:end] in self.known]
            named.sort(key=lambda n: -len(n[1]) if n[0] + len(n[1]) == end else 0)
            if named and named[0][0] + len(named[0][1]) == end and named[0][0] > start:
                named = named[:1]
                pos, key = named[-1]
                if not _PREPOSITION_END.search(folded[start:pos]) and not _VERB.search(folded, start, pos):
                    return self.original(pos, pos + len(key)), self.role_of(key)
        return None

    def joined_name(self, at: int) -> str | None:
        """The second name of 甲及(议员)乙 when folded[at:] opens with 及, 和, 与 or 、."""
        folded = self.folded
        if folded[at:at + 1] not in ("及", "和", "与", "、"):
            return None
        at += 1
        titled = _SHORT_TITLE_OPENING.match(folded[at:at + 16])
        if titled:
            at += titled.end()
        name = self.name_at(at, titled=bool(titled)) if at + 1 < len(folded) else None
        if name and not _ROLE_WORD.match(folded, at + len(name)):
            return self.original(at, at + len(name))
        return None

    def last_person(self, last_speaker, before: int, said: list[Quote] = ()):
        """The speaker of the previous statement, unless someone was named since (not inside
        what someone else said: 甲表示，会支持乙的方案。他警告说… is still 甲)."""
        named = [p for p in self.people if p.pos < before
                 and not any(q.start <= p.pos < q.end and q.speaker != p.name for q in said[-3:])]
        if last_speaker and (not named or named[-1].pos < last_speaker[2]):
            return last_speaker[0], last_speaker[1]
        if not named:
            return None
        return named[-1].name, self.role_of(named[-1].key)


# Someone's aide named in Latin letters: 甲的前私人助理Mark Simon (folded: lower case)
_AIDE = re.compile(r"的[\u4e00-\u9fff]{0,8}(?:助理|秘书|发言人|顾问|律师|代表|经理|朋友|妻子|丈夫|女儿|儿子|同事|职员|员工|主管|助手)"
                   r"([a-z]+(?: [a-z]+)?)(?![a-z])")
# A person heads a description that opens with a body (团队成员, 政府官员, 公司发言人)
_PERSON_HEAD = re.compile("(?:成员|人员|职员|员工|官员|代表|发言人|负责人|人士|律师|医生|专家|学者|分析家|网民|网友|议员)$")
# Pleading or giving evidence: what the speaker is doing when they say it (求情时, 作供时)
_ACTING = re.compile(r"(.{2,16}?)(?:求情|作供|供称|答辩|陈词|结案陈词|盘问|作结)时")
# 等专家, 等人, 等三人: the end of a clause that names the first of several speakers
_ET_CETERA = re.compile(r"等(?:[一二两三四五六七八九十多数几]+[名位个]?)?(?:专家|学者|人士|官员|议员|委员|代表|人|多人)?$")
# After a name: what makes it the owner of the clause's subject (甲的好友, 甲夫妇的, 甲之)
_POSSESSED = re.compile("(?:夫妇|夫妻|一家|家人|家属|二人|两人)?的|之")
_NEGATED = re.compile("(?:未|没|没有|未有|不|并未|并没有|拒绝|无)$")


# What ends a group or a place after a title, not a name (主席团, 大使馆, 代表处)
_GROUP_END = set("们等的团组会馆处部局办室队方界级署院府所厅委司时后中前上下里内外")
# Words after a title that are people or things around the titled person, not a name
_NOT_A_NAME = re.compile("助理|夫人|本人|太太|丈夫|妻子|秘书|家属|家人|团队|办公|一行|人员|候选|本身|先生|女士|小姐")


@functools.lru_cache(maxsize=1024)
def _without_adverbials(clause: str) -> str:
    """``_ADVERBIAL.sub("", clause)``, kept for the clauses asked about last: the main loop,
    ``_omitted`` and ``_speaker`` each strip the same clause before a verb (the pattern is
    tried at every position of it)."""
    return _ADVERBIAL.sub("", clause)


def _strip_adverb_tail(clause: str) -> str:
    """``clause`` without the adverbs and time words the tagger finds at its end (首次, 当场,
    最终, 昨天下午): what stands between a subject and its verb."""
    words = segmenter().tag(clause)
    while len(words) > 1:
        word, tag = words[-1]
        if len(word) < 2 or word[0] == word[1] or not segmenter().has_word(word) or not (
                tag[:1] in ("d", "t") or tag == "ad" or tag == "m" and word.endswith("次")):
            break  # (one character is as often the end of a name: 朴根太)
        words.pop()
    return "".join(w for w, _ in words)


# The word tests below depend on the word alone (the segmenter without a user dictionary
# and the gazetteer never change within a process), so each keeps its answers for the words
# asked about last: the same few thousand words come back in article after article.
@functools.lru_cache(maxsize=1 << 16)
def _verb_word(word: str) -> bool:
    """True when ``word`` is a single dictionary word used as a verb or adverb (同意, 表示)."""
    tags = segmenter().tag(word)
    return len(tags) == 1 and segmenter().has_word(word) and tags[0][1][:1] in ("v", "d", "c", "p")


@functools.lru_cache(maxsize=1 << 16)
def _verb_object(word: str) -> bool:
    """True when three characters read as a one-character verb and a noun or adjective the
    dictionary knows (戴|黑色), not a surname and a given name."""
    return len(word) == 3 and [t for _, t in segmenter().tag(word)] in (["v", "n"], ["v", "a"])


@functools.lru_cache(maxsize=1 << 16)
def _verb_opening(word: str) -> bool:
    """True when the first two characters of ``word`` are a dictionary verb (高举右)."""
    tags = segmenter().tag(word)
    return len(tags[0][0]) == 2 and tags[0][1] in ("v", "d") and segmenter().has_word(tags[0][0])


def _titled_name(word: str, known: frozenset[str] = frozenset(), whole: bool = False) -> bool:
    """A name right after a title (总裁黄得圭): one the tagger doesn't know may still be a name
    when it starts with a common surname and is not a place or a dictionary word. ``whole``:
    the word runs to the speech verb, so its last character (黄家和) cannot belong to what
    follows."""
    if not word:
        return False
    if is_name(word, known):
        return True
    if len(word) == 3 and _verb_opening(word):
        return False  # 党员|高举右拳
    if _verb_object(word):
        return False  # 被告|戴|黑色(面巾): a verb and its object, not a surname and a name
    if (len(word) == 3 and word[0] in "向对跟与和同给为被把让" and segmenter().has_word(word[1:])
            and not segmenter().tag(word[1:])[0][1].startswith("nr")):
        return False  # 学生|向身旁的同学说: a preposition and a word, not a name
    if word in gazetteer() and len(word) == 2 and word[0] in SURNAMES:
        return True  # 部长尚志: a title makes a person of a town's name
    if (2 <= len(word) <= 3 and word not in gazetteer() and segmenter().has_word(word)
            and [t for _, t in segmenter().tag(word)] == ["ns"]):
        return True  # 总统 + a foreign name the dictionary files as a place
    if (2 <= len(word) <= 3 and _CJK_NAME.match(word) and not segmenter().has_word(word)
            and [t[:2] for _, t in segmenter().tag(word)] == ["nr"] and word[-1] not in _AFTER_NAME):
        return True  # 总统佐科: a transliteration the tagger reads as one name
    return (_CJK_NAME.match(word) is not None and len(word) <= 3 and word[0] in SURNAMES
            and word not in gazetteer() and not segmenter().has_word(word)
            and (word[-1] not in _AFTER_NAME or whole and len(word) == 3 and word[-1] not in "等们的"))


_NAME_TAGS = ("nr", "ns", "nz")
_NOT_NAME_TAGS = frozenset("vpducrmqfta")  # first letters of verb, particle … tags


@functools.lru_cache(maxsize=1 << 16)
def _foreign_name(word: str) -> bool:
    """A name of two to four characters the tagger reads as names or places of people
    (奥利, 阿库尼亚, 钟南山), for use right between a title and a speech verb."""
    if (not 2 <= len(word) <= 6 or not _CJK_RUN.fullmatch(word) or word in gazetteer()
            or word[0] in _NOT_SURNAME or word[0] in "的之" or _ROLE_WORD.search(word)
            or word in _DOCUMENT_WORDS):
        return False
    tags = segmenter().tag(word)
    if (len(tags) > 1 and len(tags[-1][0]) == 1 and tags[-1][1] == "v" and tags[0][1].startswith("nr")
            and len(tags[0][0]) >= 2 and word[-1] not in _AFTER_NAME and word[-1] not in _NOT_NAME_END):
        tags = tags[:-1]  # 斯派|塞: a last character the tagger takes for a verb
    return (any(t.startswith(_NAME_TAGS) for _, t in tags)
            and all(t.startswith(_NAME_TAGS) or len(w) == 1 and t[:1] not in _NOT_NAME_TAGS
                    or t == "n" and not segmenter().has_word(w)  # 基塔|罗维奇: a guess of the tagger's
                    for w, t in tags))


def _last_part(tail: str) -> bool:
    """``tail`` can be the last part of a dotted name: five characters at most, and no
    word the tagger reads as a verb, adverb, number or time (西蒙|的发言, 盖茨|多次)."""
    return (len(tail) <= 5 and not set(tail) & set("的之在时后中前上")
            and not any(len(w) > 1 and t[:1] in ("v", "d", "p", "m", "t", "q", "f", "c")
                        for w, t in segmenter().tag(tail)))


_ROLE_LITERAL_WORDS = _ROLE_LITERALS.split("|")
assert all(re.escape(w) == w for w in _ROLE_LITERAL_WORDS)  # (plain words)
_SHORT_ROLES = frozenset(w for w in _ROLE_LITERAL_WORDS if len(w) <= 2)


def _opens_with_role(pair: str) -> bool:
    r"""``bool(_ROLE_WORD.match(pair))`` for at most two characters: a title word of one or two
    characters, or ``[^\W\d_]*长``, which needs a 长 (a set test before the 200 words)."""
    return pair[:1] in _SHORT_ROLES or pair in _SHORT_ROLES or "长" in pair and _ROLE_WORD.match(pair) is not None


_ROLE_LITERAL_SET = frozenset(_ROLE_LITERAL_WORDS)
_LONGEST_ROLE = max(map(len, _ROLE_LITERAL_WORDS))


def _ends_with_role(text: str, pos: int = 0, endpos: int | None = None) -> bool:
    r"""``bool(_ROLE_END.search(text, pos, endpos))``, twice as fast: a title word ends
    the span (the 200 words are a set), or a 长 does (``[^\W\d_]*长``); as for ``$``, the end
    is the span's, or just before a line break that ends it."""
    end = len(text) if endpos is None else min(endpos, len(text))
    pos = max(pos, 0)
    ends = (end, end - 1) if end > pos and text[end - 1] == "\n" else (end,)
    for e in ends:
        if e > pos and text[e - 1] == "长":
            return True
        for k in range(1, min(_LONGEST_ROLE, e - pos) + 1):
            if text[e - k:e] in _ROLE_LITERAL_SET:
                return True
    return False


def is_name(word: str, known: frozenset[str] = frozenset()) -> bool:
    """True when ``word`` (folded) reads as a person's name."""
    if not word:
        return False
    return word in known or _reads_as_name(word)


@functools.lru_cache(maxsize=1 << 16)
def _reads_as_name(word: str) -> bool:
    """``is_name`` for a name the article does not give: a function of the word alone, kept
    for the words asked about last (``_name_at`` asks about the same few again and again)."""
    if "A" <= word[0] <= "Z" and _LATIN_NAME.match(word) or "·" in word and _DOTTED_NAME.match(word):
        return True  # (``_LATIN_NAME`` opens with [A-Z]: most words are spared the call)
    if (word in _DOCUMENT_WORDS or word[:2] in _DOCUMENT_WORDS
            or word[-1] in "书函词" and segmenter().has_word(word)):
        return False  # 申请书, 公开函, 贺词: a document
    if _opens_with_role(word[:2]) or word[0] in _NOT_SURNAME:
        return False  # 顾问许: a title, not a name; 令人: a verb
    if not _CJK_NAME.match(word) or word in gazetteer():
        return False  # 丹棱 is a county, though the tagger calls it a name
    if word[-1] in _ADVERB_AFTER_NAME:
        return False  # 邱没(听到), 袁海文不(认为): a name and the adverb or negation after it
    if len(word) == 4 and word[2] in "和与及跟同":
        return False  # 张文和工 (of 张文和工友们): a name, a conjunction and what follows
    seg = segmenter()
    if seg.has_word(word):
        # a dictionary word is a name only when the tagger says so (习近平)
        return any(t.startswith("nr") for _, t in seg.tag(word))
    if len(word) == 2:
        return word[0] in SURNAMES
    if (len(word) == 4 and word[0] in SURNAMES and word[1] in SURNAMES
            and not (seg.has_word(word[:2]) and not seg.tag(word[:2])[0][1].startswith("nr"))):
        return True  # 林郑月娥, 陈方安生: a married woman's two surnames (Hong Kong)
    if word[-1] in _PLACE_ENDS:
        return False  # 许民村
    tags = seg.tag(word)
    if (len(word) == 3 and len(tags[0][0]) == 2 and tags[0][1] in ("v", "d")
            and seg.has_word(tags[0][0])):  # (``_verb_opening(word)``, from the tags at hand)
        return False  # 高举|右拳: a surname that opens a verb
    if len(word) == 3 and (len(tags) == 1 and tags[0][1] == "d"
                           or len(tags) == 2 and len(tags[1][0]) == 2 and _VERB.fullmatch(word, 1)):
        return False  # 简先用 (an adverb then a verb, as the tagger reads it), 梁形容 (a surname, a speech verb)
    if word[0] not in SURNAMES:
        # a transliteration (塔|米姆, 巴尼耶), not words ending in a surname (去年|乌, 凭着|叶)
        return (len(tags) == 1 and tags[0][1].startswith("nr")) or (
            any(t == "nrt" for _, t in tags) and tags[0][1][:1] not in _NOT_NAME_TAGS)  # (不满|二人)
    # not a dictionary word: a name unless it cuts into common words (会议上) or a conjunction
    # joins it to another (张文|和|工友们)
    return len(tags) == 1 or (any(t.startswith("nr") for _, t in tags)
                              and not any(t == "c" and w in "和与及跟同" for w, t in tags))


# A space between Chinese characters, or between one and a Chinese mark: how 眾新聞 prints a
# name that was a link (台灣總統 蔡英文今表示 ，…) and rmrb a spaced name (胡 健)
_INNER_SPACE = re.compile(r"(?<=[\u4e00-\u9fff，。、：；！？「」“”（）])[ \u00a0]+(?=[\u4e00-\u9fff，。、：；！？「」“”（）])")


def extract_quotes(text: str, known_names: frozenset[str] = frozenset()) -> list[Quote]:
    """The quotations of an article text, in order, each with a resolved speaker.

    Spaces inside Chinese text are read as if they were not there (a name is whole, a
    verb meets its comma), and every quote's offsets are into ``text`` as given."""
    kept = [m.span() for m in _INNER_SPACE.finditer(text)] if " " in text or "\u00a0" in text else []
    if not kept:
        return _extract_quotes(text, known_names)
    # the runs between the spaces; the folded text is cut into the same runs (folding keeps
    # every character's place), so the indexer's fold of the article serves
    runs = list(zip([0, *(b for _, b in kept)], [*(a for a, _ in kept), len(text)]))
    folded = fold(text)
    squeezed = "".join(text[a:b] for a, b in runs)
    where = [i for a, b in runs for i in range(a, b)]  # where[i]: character i of squeezed in text
    quotes = _extract_quotes(squeezed, known_names, "".join(folded[a:b] for a, b in runs))
    for q in quotes:
        start = where[q.start] if q.start < len(where) else len(text)
        end = where[q.end - 1] + 1 if q.end > q.start else start
        if q.text == squeezed[q.start:q.end]:
            q.text = text[start:end]
        q.start, q.end = start, end
    return quotes


def _extract_quotes(text: str, known_names: frozenset[str], folded: str | None = None) -> list[Quote]:
    art = _Article(text, frozenset(fold(n) for n in known_names), folded)
    folded = art.folded
    candidates = []  # (clause start, verb match, speaker or "?", subject omitted)
    quoted = art.quoted
    asked = [m for m in _ASK.finditer(folded)
             if art.is_person(m.group("who")) or _PRONOUN.match(m.group("who"))]
    for m in sorted([*_verbs_in(folded), *asked], key=lambda m: m.start()):
        verb, after = m.group("verb"), m.group("after") or ""
        if m.end() >= len(folded) or not _starts_content(folded, m.end(), after):
            continue
        if quoted[m.start()]:
            continue  # 「…他们认为，…」: speech inside a quotation belongs to the quotation
        if verb in ("说", "称") and folded[m.start() - 1:m.start()] == "的":
            continue  # …来源的说，: a noun (说法) cut short, not a verb
        if verb == "说" and not after and folded[m.end():m.end() + 1] in ("到", "完", "罢", "起", "着", "出"):
            continue  # 她说到此时, 说完: not what she says
        if verb in ("要求", "建议", "呼吁", "承诺", "批评", "警告") and folded[m.start() - 1:m.start()] in tuple("的”」项点条些"):
            continue  # 落实“四早”要求，…; 他的建议，…: a noun, not a speech act
        if verb == "问" and folded[m.start() - 1:m.start()] in tuple("访提疑顾反追质询"):
            continue  # 访问, 提问, 疑问, 顾问: nouns, not 问 (反问/追问/质问 match whole)
        if folded[m.start() - 1:m.start()] == "据":
            continue  # 据介绍, 据透露: nobody in particular says it
        if verb == "称" and folded[m.start() - 1:m.start()] in ("堪", "号", "俗", "简", "统", "素", "昵"):
            continue  # 堪称, 号称, 简称: naming, not saying
        if verb.endswith("称") and not after:
            if _NAMED_AS.match(folded[m.end():m.end() + 14]):
                continue  # 称甲为「…」, 被称为: naming, not saying
        clause_start = _clause_start(folded, m.start())
        if not after and _STRONG_VERB.fullmatch(verb) is None:
            # 陈帆指今年…, 他认为懲教署…: no comma, so the subject must be there,
            # the verb a word of its own and what follows not a bare object (表示欢迎)
            subject = _without_adverbials(folded[clause_start:m.start()]).strip()
            # 司机报警指, 甲去信指: an act of speaking, then the verb
            act = verb in ("指", "称", "说") and len(subject) > 2 and _SPEECH_ACT.fullmatch(subject[-2:])
            if (_BARE_VERB.fullmatch(verb) is None or _ATTITUDE.match(folded, m.end())
                    or verb == "提及" and _SHORT_TOPIC.match(folded[m.end():m.end() + 6])  # 提及香港，: a topic
                    or verb == "承认" and _CHARGE.match(folded, m.end())
                    or verb == "建议" and art.name_at(m.end())  # 建议李四…: advice to a person
                    or not (_word_at(folded, clause_start, m.start(), m.end())
                            or _PRONOUN.match(subject)
                            or not subject and _OMITTED_BARE.fullmatch(verb)
                            and not segmenter().has_word(folded[m.start():m.end() + 1])
                            and _subject_goes_on(art, folded, clause_start)
                            or (art.is_person(subject) or _UNNAMED.match(subject)
                                or len(subject) == 1 and art.by_surname(subject, m.start())
                                or art.is_person(_strip_adverb_tail(subject)))
                            and not segmenter().has_word(folded[m.start():m.end() + 1])
                            or act)):
                # (他指林…, 王五说香港…: after a pronoun or a name the verb is a verb,
                # however the tagger cuts it, unless it makes a word with what follows: 说完)
                continue
            speaker = art.speaker(clause_start, m.start() - 2 if act else m.start(), True)
            if (speaker is None and _OMITTED_BARE.fullmatch(verb)
                    and _omitted(folded, clause_start, m.start())
                    and (_TIME_CLAUSE_BEFORE.search(folded[max(0, clause_start - 3):clause_start])
                         or _subject_goes_on(art, folded, clause_start))):
                speaker = "?"  # X在论坛上发言时，提到…: the subject of the sentence
        else:
            # a one-character verb with no subject is too often part of a word (，称…),
            # unless it opens a quotation with a colon (又笑着说：“…”) or follows a time
            # clause (他被问到…时，称，…)
            speaker = art.speaker(clause_start, m.start(),
                                  len(verb) == 1 and not _COLON_QUOTE.search(after)
                                  and not _TIME_COMMA_END.search(folded[max(0, clause_start - 2):clause_start]))
            if (speaker is None and _OMITTED_BARE.fullmatch(verb)
                    and _omitted(folded, clause_start, m.start())
                    and _subject_goes_on(art, folded, clause_start)):
                speaker = "?"  # 甲发出慰问电，指「…」: the subject of the sentence goes on
        if speaker is not None:
            candidates.append((clause_start, m, speaker,
                               _omitted(folded, clause_start, m.start())))

    quotes: list[Quote] = []
    last_speaker = None  # (name, role, position)
    statement_end = 0  # where the last statement (not a nested quote) ends
    for i, (clause_start, m, speaker, omitted) in enumerate(candidates):
        nested = _is_nested(folded, clause_start)
        if m.start() < statement_end and not (nested and m.group("after")
                                              and m.group("after")[-1] in _CLOSE):
            continue  # the verb sits inside the previous statement
        if speaker == "?" and omitted:
            # no subject: the subject of an earlier clause of the sentence (蘇貞昌在…時，以台語回答稱),
            # none when that is an organisation (法院今早頒下判決書，指出)
            speaker = art.sentence_subject(clause_start)
            if speaker is None:
                continue
        if speaker == "?":  # a pronoun or no subject: whoever spoke or was named last
            subject = None
            sentence = _sentence_start(folded, clause_start)
            if (sentence < clause_start - 1 and _HE_SHE_WHEN.match(folded[clause_start:m.start()])):
                # 甲被问到，如果乙下令，他会否…时回答说: the subject of the sentence, not
                # whoever its clauses name last
                subject = art.clause_subject(sentence)
                if isinstance(subject, tuple) and not art.is_person(fold(subject[0])):
                    subject = None  # (同事劝她休息: a description, no one named)
            speaker = subject if isinstance(subject, tuple) else art.last_person(last_speaker, m.start(), quotes)
            if speaker is None:
                continue
        name, role = speaker
        if m.group("verb") in ("高呼", "高喊") and not art.is_person(fold(name)):
            continue  # 议员一度高呼「…」: a crowd's chant, not a statement (QUOTES_GOLD.md)
        after = m.group("after") or ""
        content_start = m.end()
        opening = after[-1] if after and after[-1] in _CLOSE else None
        if opening:
            close = folded.find(_CLOSE[opening], content_start)
            if (close > content_start and folded[close - 1] not in "。！？!?…"
                    and (_WORD_CHAR.match(folded[close + 1:close + 2])
                         or not _COLON.search(after) and not nested and _goes_on(folded, close + 1))):
                # 他说，“甲”是乙…: a quoted term opens a statement that goes on after it; so
                # does a quote after which the sentence goes on with no new speech act
                opening, content_start = None, content_start - 1
        if opening:
            end = close if close >= 0 else _sentence_end(folded, content_start)
        else:
            end = _sentence_end(folded, content_start)
            for later_start, later, _, omitted in candidates[i + 1:]:
                if later_start >= end:
                    break
                if omitted and not _COLON_QUOTE.search(later.group("after") or ""):
                    # 表示…，强调…: the same subject goes on, one statement; but 表示…，他被问到
                    # …时，称…: a time clause with a subject of its own starts a new one
                    setting = max(folded.rfind(c, content_start, later_start - 1) for c in "，,；;") + 1
                    if (setting > content_start and _TIME_COMMA_END.search(folded[setting:later_start])
                            and art.clause_subject(setting) is not None):
                        end = setting
                        break
                    continue
                if _is_nested(folded, later_start):
                    continue  # …，从甲说“…”到…: words cited inside the statement
                if not folded[content_start:later_start].strip() and not later.group("after"):
                    continue  # 他指，乙认为…: what 乙 thinks is what he says, not a new speech act
                end = later_start  # the next speech act starts inside this sentence
                semi = max(folded.rfind(c, content_start, later_start) for c in "；;")
                if semi > content_start:
                    end = semi  # 甲表示…；至于乙，丙指…: the statement ends at the semicolon
                break
            semi = content_start
            while True:  # 研究员指…；团体认为…: an organisation's statement after a semicolon
                semi = min((i for i in (folded.find(c, semi + 1, end) for c in "；;") if i >= 0), default=-1)
                if semi < 0:
                    break
                if _new_speaker_after(art, folded, semi + 1):
                    end = semi
                    break
            colon = _COLON_BEFORE_QUOTE.search(folded, content_start + 4, end)
            if colon and _ends_sentence_with_quote(folded, colon.end()):
                # 她批评…擾民：「…」: the quote that closes the sentence is one of its own
                end = colon.start()
                if (_OF_TOPIC_END.search(folded[content_start:end])
                        and m.group("verb") in ("质疑", "否认", "承认")):
                    continue  # 质疑…的成效：「…」: a topic, then the words
            narrative = _NARRATIVE.search(folded, content_start, end)
            if narrative:  # 认为事有蹊跷，于是重组经过: the story goes on, not the statement
                end = narrative.start()
        body = text[content_start:end].rstrip("，,；; ")
        if len(body.strip()) < 2:
            continue
        quotes.append(Quote(name, role, m.group("verb"), body, content_start,
                            content_start + len(body), "direct" if opening else "reported"))
        if m.start() < statement_end:
            continue  # a quote cited inside the statement: the statement's speaker goes on
        statement_end = content_start + len(body)
        last_speaker = (name, role, m.start())
        relay = folded.rfind("引述", clause_start, m.start())
        if relay >= 0:  # 他引述甲说过“…”。他又形容…: the one who relays is 他 afterwards
            relayer = art.speaker(clause_start, relay, True)
            if relayer == "?" and len(quotes) > 1:
                relayer = quotes[-2].speaker, quotes[-2].role
            if isinstance(relayer, tuple):
                last_speaker = (*relayer, m.start())
    quotes.extend(_quotes_before_speaker(art, quotes))
    quotes.extend(_headed_quotes(art, quotes))
    quotes.extend(_enumerated_quotes(art, quotes))
    quotes.extend(_quotes_by_neighbour(art, quotes))
    quotes.extend(_signed_blocks(art, quotes))
    quotes.sort(key=lambda q: q.start)
    # a speaker that still holds a verb or a time word (时表示, 赵指, 曾表示, 时期最) was read
    # from a clause the rules did not parse: better no quote than a wrong name
    for q in quotes:  # however the speaker was found
        art.settle_speaker(q)
    # a speech verb read as the speaker (…，明言「…」) gives no one's words
    return [q for q in quotes if not _JUNK_SPEAKER.search(fold(q.speaker)) and not _VERB.fullmatch(fold(q.speaker))]


_JUNK_SPEAKER = re.compile("(?:表示|指出|认为|强调|透露|介绍|说|称|指|出版)$|^时(?!.*[、])")


# Verbs that take a statement with no comma after a named subject (HK style: 陳帆指今年…),
# and what after 表示 is an attitude, not a statement (表示欢迎, 表示衷心感谢).
_BARE_VERB = re.compile(
    "表示|认为|指|称|说|坦言|透露|直言|明言|形容|批评|相信|提到|忆述|慨叹|感叹|期望|希望|"
    "坚称|声称|宣称|续指|又指|更指|直指|续称|又称|并称|补充|斥|估计|预计|担心|强调|指出|承诺|警告|"
    "裁定|正告|分析|证实|反驳|披露|谈到|提及|呼吁|质疑|承认|说过|答称|回称|写道|寄语|表明|明言|建议|觉得|反指|反称|"
    "重申|坦承|暗示|自言|期待|(?:留言|回复)(?:称|指|说|表示)")
_ATTITUDE = re.compile(
    r"(?:衷心|热烈|高度|诚挚|深切|强烈|充分|坚决|严重|极大|非常|十分|愿意)?"
    r"(?:欢迎|支持|肯定|感谢|谢意|赞赏|祝贺|哀悼|慰问|同情|关注|关切|遗憾|反对|认同|赞同|同意|歉意|"
    r"敬意|不满|愤怒|震惊|担忧|谴责|抗议|赞扬|称赞|感激|钦佩|满意|祝福|问候|致意|"
    r"质疑|怀疑|不解|异议|失望|惋惜|痛心|无奈|理解|尊重|"
    r"(?:了|过(?!去|往|来|程)|着(?!手|重|眼)|的(?!确)|得(?!到|出|知)|地))")


# Verbs that open a statement with neither a subject nor a comma (…开记者会，表示…);
# not 希望/相信/质疑, which as often take a plain object
_OMITTED_BARE = re.compile("表示|认为|承认|批评|形容|提到|透露|坦言|直言|明言|强调|指出|慨叹|声称|坚称|裁定|"
                           "承诺|补充|重申|续指|续称|又指|又称|并称|称|指|说|斥")
# 承认控罪, 承认一项…罪: pleading to a charge, not a statement
_CHARGE = re.compile(r"[^，。,\n]{0,24}?罪(?:[。，,；;\n]|$|的)")


# A clause that carries the story on after a statement (…，于是…; …，随即…)
_NARRATIVE = re.compile(r"[，,](?=于是|随即|随后|接着|然后便|遂|(?:在|当|而)?被(?:记者|传媒|媒体)?问(?:及|到))")


def _says_at(folded: str, at: int) -> bool:
    """A speech verb and a comma or colon start at ``at``, after an adverb or none (又表示，)."""
    said = _VERB.match(folded, at + (folded[at:at + 1] in "又亦则也再续还"))
    return said is not None and (said.group("after") or "")[:1] in ("，", ",", "：", ":")


def _goes_on(folded: str, at: int) -> bool:
    """True when a comma at ``at`` carries the sentence on with more of the same statement:
    no speech verb with a comma, colon or quote after it, no new subject and verb, and no
    further quotation longer than a term (…「…」，若不引用的话，机会则会「大少少」。)."""
    if folded[at:at + 1] not in ("，", ","):
        return False
    end = _sentence_end(folded, at + 1)
    rest = folded[at + 1:end]
    if len(rest.strip("。！？!? \n")) < 4:
        return False
    if _NEW_SPEECH_ACT.search(rest):
        return False  # …，但否认…; …，记者追问…: a new speech act
    if _STORY_GOES_ON.match(rest):
        return False  # 对方说「…」，并箍住他: the story goes on, not the statement
    for m in _VERB.finditer(folded, at + 1, end):
        if m.group("after") or _word_at(folded, max(at + 1, m.start() - 6), m.start(), m.end()):
            return False
    return not any(len(m.group(1)) > 6 for m in _QUOTED_TERM.finditer(rest))


def _ends_sentence_with_quote(folded: str, open_at: int) -> bool:
    """True when the quote opening at ``open_at`` runs to the end of its sentence."""
    close = folded.find(_CLOSE[folded[open_at]], open_at + 1)
    after = folded[close + 1:close + 2]
    return close > 0 and (not after or after not in "，,、；;") and (folded[close - 1] in "。！？!?…" or after in ("", "。", "\n"))


def _subject_goes_on(art: _Article, folded: str, clause_start: int) -> bool:
    """True when a clause with no subject follows a comma in a sentence whose subject is a
    person or a pronoun (甲向乙发出慰问电，表示…; 他继而分享计划，指…)."""
    return (folded[clause_start - 1:clause_start] in ("，", ",")
            and art.sentence_subject(clause_start, strict=True) is not None)


def _inside_quotes(folded: str) -> bytearray:
    """1 at each position inside “…” or 「…」 (counted within a paragraph), else 0.

    Only the quote marks and line ends change the state; the characters between two of
    them are filled in at once (a loop over every character was 3% of the extractor)."""
    inside, depth, report = bytearray(len(folded)), 0, False
    filled = 0  # inside[:filled] is set
    for m in _QUOTE_STATE.finditer(folded):
        i, ch = m.start(), m.group()
        if depth > 0 and not report:
            inside[filled:i] = b"\x01" * (i - filled)
        if ch in "“「":
            if depth == 0:  # 《某报》报道，「甲表示，…」: what a report quoted says
                report = _REPORT_BEFORE.search(folded, max(0, i - 4), i) is not None
            depth += 1
        elif ch in "”」":
            depth = max(0, depth - 1)
        else:  # a line end
            depth = 0
        inside[i] = depth > 0 and not report
        filled = i + 1
    if depth > 0 and not report:
        inside[filled:] = b"\x01" * (len(folded) - filled)
    return inside


_QUOTE_STATE = re.compile("[“「”」\n]")
_REPORT_BEFORE = re.compile(r"(?:报道|报导|报称)[，,:：]?$")


def _is_nested(folded: str, clause_start: int) -> bool:
    """True for a clause that cites someone inside another statement (从甲说“…”到…)."""
    return folded[clause_start:clause_start + 1] == "从"


def _new_speaker_after(art: _Article, folded: str, at: int) -> bool:
    """True when the clause at ``at`` opens with a subject of its own, a person or an
    organisation, and a speech verb (…；团体认为…; …；其中一人表示…)."""
    clause_end = at
    while clause_end < len(folded) and clause_end - at < 30 and folded[clause_end] not in "，,。！？!?：:；;\n":
        clause_end += 1
    v = _VERB.search(folded, at, clause_end)
    if not v or v.start() == at:
        return False
    subject = _without_adverbials(folded[at:v.start()]).strip()
    lead = _LEADING.match(subject)
    subject = subject[lead.end() if lead else 0:]
    if not subject or len(subject) > 12 or _verb_word(subject):
        return False
    return bool(_ORG_START.match(subject) or _UNNAMED.match(subject) or _ends_with_role(subject)
                or art.is_person(subject) or _PRONOUN.match(subject))


def _omitted(folded: str, start: int, end: int) -> bool:
    """True when the clause before a verb has no subject, only adverbials (，并强调)."""
    clause = _without_adverbials(folded[start:end])
    lead = _LEADING.match(clause)
    clause = clause[lead.end() if lead else 0:].strip()
    # 向陈官说, 对记者表示: whom the words are for, the subject still omitted
    return not clause or len(clause) <= 8 and _ADDRESSEE.match(clause) is not None


def _word_at(folded: str, clause_start: int, start: int, end: int) -> bool:
    """True when folded[start:end] is cut as a word of its own in its clause."""
    cut_from = max(clause_start, start - 12)
    bounds, pos = set(), cut_from
    for word in segmenter().cut(folded[cut_from:end + 4]):
        bounds.add(pos)
        pos += len(word)
    return start in bounds and end in bounds


def _starts_content(folded: str, i: int, after: str) -> bool:
    ch = folded[i]
    return bool(_CONTENT_START.match(ch)) or bool(after and after[-1] in _CLOSE)


def _clause_start(folded: str, end: int) -> int:
    start = end
    while start > 0 and end - start < 40:
        if folded[start - 1] in "）)":
            gloss = _OPEN_GLOSS_END.search(folded[max(0, start - 42):start - 1])
            if gloss:  # 鄺士山（Dr. K. Kwong）曾提出: a Latin gloss inside the clause
                start -= len(gloss.group()) + 1
                continue
        if folded[start - 1] in _CLAUSE_MARKS:
            break
        start -= 1
    return start


def _sentence_end(folded: str, start: int) -> int:
    depth = 0
    for mark in _QUOTE_OR_SENTENCE_END.finditer(folded, start):  # (no other character counts)
        i, ch = mark.start(), mark.group()
        if ch in "“「":
            depth += 1
        elif ch in "”」":
            depth = max(0, depth - 1)
            if (depth == 0 and i > start and folded[i - 1] in "。！？!?"
                    and folded[i + 1:i + 2] not in ("，", ",", "、")):  # (「…？」，还是「…」: goes on)
                return i + 1  # …，「…。」: the statement ends inside the closing mark
        elif depth == 0:  # (a sentence end)
            return i + 1 if ch != "\n" else i
    return len(folded)


def _sentence_start(folded: str, at: int) -> int:
    while at > 0 and folded[at - 1] not in _SENTENCE_MARKS:
        at -= 1
    return at


def _overlaps(quotes: list[Quote], start: int, end: int) -> bool:
    return any(q.start < end and start < q.end for q in quotes)


_AFTER_QUOTE = re.compile(
    r"[”」](?:[^\n“”「」。！？]{0,30}?[，,])?[ \u3000]*(?P<clause>[^。！？!?\n“”「」，,：:]{1,40}?)"
    r"(?P<verb>告诉(?:本报)?记者|(?:回忆|补充|解释|感叹|笑|强调|介绍)(?:说|道)|说道|写道|表示|指出|强调|"
    r"坦言|直言|透露|介绍|解释|认为|感叹|称|说|谓)(?![：:“「])")


def _quotes_before_speaker(art: _Article, found: list[Quote]) -> list[Quote]:
    """“…”，周亚媛告诉记者: direct quotes whose speaker follows them."""
    out = []
    folded = art.folded
    for m in _AFTER_QUOTE.finditer(folded):
        close = m.start()
        opening = "“" if folded[close] == "”" else "「"
        open_at = folded.rfind(opening, 0, close)
        if open_at < 0 or _overlaps(found, open_at + 1, close):
            continue
        # the quote opens its sentence or follows a comma or colon; one inside a sentence
        # (要实现「家庭目标」，但法官指出) is a term, not the words of whoever speaks next
        lead = folded[_sentence_start(folded, open_at):open_at].strip()
        if lead and (lead[-1] not in "：:，,…" or _DOCUMENT.search(lead)
                     or _VERB_BEFORE_MARK.search(lead)):
            continue  # 甲…表示，“…”乙说: the words of whoever the verb before them has
        if _WORD_CHAR.match(folded[m.end():m.end() + 1]):
            continue  # “…”甲昨日表示周六起…: the verb opens a statement of its own
        speaker = art.speaker(m.start("clause"), m.start("verb"), True)
        if speaker == "?" and _PRONOUN.match(folded[m.start("clause"):m.start("verb")].strip()):
            # “…”他说。: the person who spoke or was named last before the quote
            prev = max((q for q in found + out if q.end <= open_at), key=lambda q: q.end, default=None)
            speaker = art.last_person(prev and (prev.speaker, prev.role, prev.start), open_at, found)
        if speaker in (None, "?"):
            continue
        body = art.text[open_at + 1:close].strip()
        if len(body) < 4:
            continue
        name, role = speaker
        out.append(Quote(name, role, m.group("verb"), body, open_at + 1,
                         open_at + 1 + len(body), "direct"))
    return out


# 甲问乙，…: a question put to someone, the asker speaking
_ASK = re.compile(r"(?P<verb>询问|追问|质问|问)(?P<who>[\u4e00-\u9fff]{1,4}?)(?P<after>[，,])")
_VERB_BEFORE_MARK = re.compile(f"(?:{VERBS})[，,:：]$")
_HEADED = re.compile(r"(?m)^(?P<name>[\u4e00-\u9fff]{1,6})[:：](?P<body>[^\n]{4,})$")
# …or a titled name, a roundup's subhead (保安局局长李家超：维护国家安全天经地义)
_HEADED_TITLED = re.compile(r"(?m)^(?P<name>[\u4e00-\u9fff、]{3,24})[:：](?P<body>[^\n]{4,})$")
# the same inside a paragraph, after a question or a sentence (a debate's exchange: …CY 2.0？林郑月娥：因为…);
# what they say runs to the next such turn or the paragraph's end
_TURN = re.compile(r"(?<=[？?！!。”」])(?P<name>[\u4e00-\u9fff]{2,4})[:：](?P<body>[^\n]{4,}?)"
                   r"(?=\n|$|[？?！!。][\u4e00-\u9fff]{2,4}[:：](?![“「]))")
# who a transcript line gives (陈友珍友人：…, 一旁看护：…, 小男孩：…): a person word ends it
# (not 记者：… or 旁白：…, which head a report's credits as often as a reporter's question)
_DESCRIBED = re.compile(r"(?:友人|朋友|看护|护士|男孩|女孩|小孩|孩子|男子|女子|司机|市民|村民|居民|"
                        r"母亲|父亲|妈妈|爸爸|主持人|学生|老师|医生|警员|警察)$")
_ASKS_OR_SAYS = re.compile("[问说]")  # 甲问父亲：…: the one who asks is 甲
_CREDIT_NAME = re.compile(r"\s*(?:[\u4e00-\u9fff·]{2,4}(?:[（(][^（()）]{1,8}[)）])?[、\s]*){1,3}")  # 罗恩惠（罗）, 甲、乙: names alone
_CREDITS = re.compile(r"[|｜]|(?:编辑|摄影|剪接|撰文|文字)[:：]")  # 记者：甲｜编辑：乙


_STATEMENT_MARK = re.compile(r"[。！？!?“”「」]")


def _listed_lines(headed: list[re.Match]) -> set[int]:
    """The indexes of ``headed`` lines that stand in a run of three or more on consecutive lines,
    each with another name and none with a sentence's end or a quote mark: a list (甲：监禁1个月\n
    乙：监禁2个月\n丙：…, the sentences of a trial's defendants), not what they said. A dialogue's
    lines name the same few in turn; statements one after another (甲：「…」\n乙：「…」) end
    their sentences."""
    out: set[int] = set()
    run = [0] if headed else []
    for i in range(1, len(headed) + 1):
        if i < len(headed) and headed[i].start() == headed[i - 1].end() + 1:
            run.append(i)
            continue
        names = [headed[k].group("name") for k in run]
        if (len(run) >= 3 and len(set(names)) == len(names)
                and not any(_STATEMENT_MARK.search(headed[k].group("body")) for k in run)):
            out.update(run)
        run = [i]
    return out


def _headed_quotes(art: _Article, found: list[Quote]) -> list[Quote]:
    """李卓人：应有之义，无悔无憾 — a paragraph that gives a name, a colon and what they said; and
    a named person's turn inside a paragraph (…CY 2.0？林郑月娥：因为…)."""
    out = []
    headed = list(_HEADED.finditer(art.folded))
    listed = _listed_lines(headed)
    taken = {m.start() for i, m in enumerate(headed) if i in listed}
    for i, m in enumerate(headed):
        if i in listed or _overlaps(found, m.start("body"), m.end("body")):
            continue
        key = m.group("name")
        if len(key) == 1:  # 王：… after 王小明 was named: the surname stands for them
            who = art.by_surname(key, m.start())
        elif is_name(key, art.known):
            who = art.original(m.start("name"), m.end("name")), art.role_of(key)
        elif (len(key) <= 4 and _UNNAMED.match(key) and not _DOCUMENT.search(key) and key != "作者"
              and not _CREDITS.search(m.group("body"))
              and not (key == "记者" and _CREDIT_NAME.fullmatch(m.group("body")))):
            # 控方：… (作者：, 记者：甲｜编辑：乙 and 记者：罗恩惠（罗） are bylines)
            who = art.original(m.start("name"), m.end("name")), None
        elif (_DESCRIBED.search(key) and not _DOCUMENT.search(key) and not _CREDITS.search(m.group("body"))
              and not key.startswith("我的") and not _ASKS_OR_SAYS.search(key)):
            # (not 我的孩子：, a letter's greeting; not 甲问父亲：, who asks is 甲)
            who = art.original(m.start("name"), m.end("name")), None
        else:
            who = None
        if who is None:
            continue
        name, role = who
        out.append(_headed_quote(art, m, name, role))
        taken.add(m.start())
    headed = list(_HEADED_TITLED.finditer(art.folded))
    listed = _listed_lines(headed)
    for i, m in enumerate(headed):
        titled = ROLE.match(m.group("name"))
        if (m.start() in taken or i in listed or not titled or titled.group("name") not in art.keys
                or _ASKS_OR_SAYS.search(titled.group("role")) or _VERB.search(titled.group("role"))
                or titled.group("role").startswith(("我的", "致", "亲爱的"))  # (a letter's greeting)
                or not _titled_name(titled.group("name"), art.known, whole=True)
                or m.group("body").lstrip()[:1] in "“「" or _overlaps(found + out, m.start("body"), m.end("body"))):
            continue  # (a quote mark after the colon: the quotation's own rules take it)
        out.append(_headed_quote(art, m, art.original(m.start("name") + titled.start("name"), m.end("name")),
                                 art.original(m.start("name"), m.start("name") + titled.end("role"))))
    for m in _TURN.finditer(art.folded):  # (a named person only: 问题：…, 原因：… are not turns)
        key = m.group("name")
        if (key not in art.keys or key[-1] in "曰道说称指问答回著着叫满断如" or art.quoted[m.start()]
                or _overlaps(found + out, m.start("body"), m.end("body"))):
            continue
        name = art.full_form(art.original(m.start("name"), m.end("name")), m.start())
        body = art.text[m.start("body"):m.end("body")].strip()
        out.append(Quote(name, art.role_of(fold(name)), "：", body, m.start("body"),
                         m.start("body") + len(body), "direct"))
    return out


def _headed_quote(art: _Article, m: re.Match, name: str, role: str | None) -> Quote:
    body = art.text[m.start("body"):m.end("body")]
    return Quote(name, role, "：", body.strip(), m.start("body"), m.start("body") + len(body.strip()), "direct")


# A paragraph that announces a list of points (甲发出以下6点声明：, 乙表示如下：) and the
# numbered paragraphs after it (1）…, (2)…, 三、…, 第四，…, ④…)
_ANNOUNCES = re.compile(r"(?:以下|如下|下列|[\d一二两三四五六七八九十几多]+[点项个])[^，,。\n]{0,8}"
                        r"(?:声明|表示|指出|回应|说|称|强调|意见|看法|观点|建议|回复|澄清|补充)"
                        r"|(?:声明|表示|指出|回应|说|称|强调|回复|澄清|补充|提出)(?:了)?(?:以下|如下|下列)[^，,。\n]{0,8}")
_NUMBERED = re.compile(r"[ \u3000]*(?:[(（]?\d{1,2}(?:[)）]|[.、．](?!\d))|[(（][一二三四五六七八九十]{1,2}[)）]|"
                       r"[一二三四五六七八九十]{1,2}、|第[一二三四五六七八九十]{1,2}[，,、:：]|[①②③④⑤⑥⑦⑧⑨⑩])[ \u3000]*")


_LINE_END_COLON = re.compile(r"[:：︰][ \u3000]*(?=\n|$)")
_LEAD = re.compile(r"(?P<lead>[^\n]*)[:：︰][ \u3000]*")


def _enumerated_quotes(art: _Article, found: list[Quote]) -> list[Quote]:
    """黄浩发出以下6点声明：⏎1）…⏎2）…: each numbered paragraph after a paragraph that
    ends by announcing a person's points is a statement of theirs."""
    folded, out = art.folded, []
    for m in _LINE_END_COLON.finditer(folded):
        line_from = max(folded.rfind("\n", 0, m.start()) + 1, m.start() - 120)
        if m.start() - line_from < 4:
            continue
        m = _LEAD.match(folded, line_from, m.end())  # (colons at line ends first: a cheap scan)
        lead = m.group("lead")
        said = _ANNOUNCES.search(lead)
        if not said:
            continue
        clause_from = m.start() + max(lead.rfind(c, 0, said.start()) for c in "，,；;。") + 1
        if _DOCUMENT_LEAD.search(folded, clause_from, m.start() + said.start()):
            continue
        who = art.clause_subject(clause_from)
        if isinstance(who, tuple) and fold(who[0]) not in folded[clause_from:m.start() + said.start()]:
            continue  # (a subject from further back: 毕业后 of 学生报读须符合以下…)
        if who == "?":  # 他表明三点意见：the one who spoke or was named last
            prev = max((q for q in found if q.start <= m.start() + said.start()), key=lambda q: q.start, default=None)
            who = art.last_person(prev and (prev.speaker, prev.role, prev.start), m.start(), found)
        if not isinstance(who, tuple) or not (art.is_person(fold(who[0])) or _ends_with_role(fold(who[0]))
                                              or _UNNAMED.match(fold(who[0]))):
            continue
        verb = re.sub(r"^(?:以下|如下|下列)?[\d一二两三四五六七八九十几多]*[点项个]?", "", said.group())
        verb = re.sub("(?:以下|如下|下列).*$", "", verb)  # 6点声明 -> 声明; 表示如下 -> 表示
        at = m.end() + 1
        while at < len(folded):
            line_end = folded.find("\n", at)
            line_end = len(folded) if line_end < 0 else line_end
            number = _NUMBERED.match(folded, at, line_end)
            if not number:
                break
            body = art.text[number.end():line_end].strip()
            start = number.end() + len(art.text[number.end():line_end]) - len(art.text[number.end():line_end].lstrip())
            if len(body) >= 4 and not _overlaps(found + out, start, start + len(body)):
                out.append(Quote(who[0], who[1], verb or said.group(), body, start, start + len(body), "reported"))
            at = line_end + 1
        if out and out[-1].start > m.end():
            # the announcement itself (表明|三点意见：) is no statement
            found[:] = [q for q in found if not m.start() + said.start() <= q.start < m.end()]
    return out


# A line that signs the paragraphs above it: ——山西省委书记甲日前在…会议上说, ——发言人乙
_SIGNATURE = re.compile(r"(?m)^[ \u3000]*(?:——|－－|--)[ \u3000]*(?P<who>[^\n@＠]{2,80}?)[ \u3000]*$")
_SIGNED_VERB = re.compile(r"(?:时|上|中|后)?(?:说|讲|表示|指出|强调|谈到|答问|致辞|发言|写道)$")


def _signed_blocks(art: _Article, found: list[Quote]) -> list[Quote]:
    """Paragraphs followed by a line that names who said them (⏎——山西省委书记甲日前在省委
    会议上说): everything since the article's start or the last such line is theirs, one
    statement, with a title line that opens the article (no full stop) as one of its own."""
    folded, out, block_from = art.folded, [], 0
    signatures = list(_SIGNATURE.finditer(folded))
    for m in signatures:
        who_text = m.group("who")
        start = m.start("who")
        said = _SIGNED_VERB.search(who_text)
        if said:
            # the verb's clause: 甲日前在…会议上说 -> 甲, up to the time or the occasion
            occasion = re.match(r".{2,40}?(?=日前|近日|近期|昨天|昨日|今天|\d{1,2}月\d{1,2}日|在|于|接受|参加|出席|谈)",
                                who_text)
            who = art.speaker(start, start + (occasion.end() if occasion else said.start()), False)
            if not isinstance(who, tuple):
                name = art.clause_subject(start)
                who = name if isinstance(name, tuple) else None
        elif re.search("[，,。！？!?；;：:]", who_text):
            who = None  # ——这又是那门子思想？: a dash in the text, not a signature
        else:
            who = art.speaker(start, m.end("who"), False)  # ——泰国…发言人塔威信: a title and a name
        begin, end = block_from, m.start()
        block_from = m.end()
        if not isinstance(who, tuple) or "?" in who[0]:
            continue
        if not (art.is_person(fold(who[0])) or _ends_with_role(fold(who[0])) or _UNNAMED.match(fold(who[0]))):
            continue
        verb = said.group().lstrip("时上中后") if said else ""
        paragraphs = [(p.start(), p.end()) for p in re.finditer(r"[^\n]+", folded[begin:end])]
        paragraphs = [(begin + a, begin + b) for a, b in paragraphs if folded[begin + a:begin + b].strip()]
        if not paragraphs:
            continue
        rest = [line.strip() for line in folded[m.end():].split("\n") if line.strip()]
        if len(signatures) > 1 or any(not re.match(r"[（(]", line) for line in rest):
            # a signature inside the article (a compilation of voices, or a remark quoted
            # before the report goes on) signs the one paragraph above it
            paragraphs = paragraphs[-1:]
        else:  # a column of remarks signed at its end: the whole column
            # back to a paragraph where someone else is quoted (a compilation of voices)
            for i in range(len(paragraphs) - 1, -1, -1):
                a, b = paragraphs[i]
                if any(a <= q.start < b and fold(q.speaker) != fold(who[0]) for q in found):
                    paragraphs = paragraphs[i + 1:]
                    break
            if not paragraphs:
                continue
        spans = [paragraphs]
        first = paragraphs[0]
        if len(paragraphs) > 1 and first[0] == 0 and folded[first[1] - 1] not in "。！？!?”」…":
            spans = [[first], paragraphs[1:]]  # the title line of a column of remarks
        for run in spans:
            a, b = run[0][0], run[-1][1]
            body = art.text[a:b]
            lead = len(body) - len(body.lstrip())
            body = body.strip()
            if len(body) >= 4:
                out.append(Quote(who[0], who[1], verb, body, a + lead, a + lead + len(body), "reported"))
    return out


# The lead of a list that belongs to a document, not to a person (公告列出以下…, 报告指出以下…)
_DOCUMENT_LEAD = re.compile("公告|通告|报告|文件|决定|通知|规定|条例|判词|判决书|宣言|法案|协议|计划|方案|措施")


# “…” then a person the text does not name, as the subject: 一旁的村干部, 妻子, 一位游客
_KIN_AND_FOLK = _PERSON_NOUN.pattern.replace("|一[名位个]", "")
_UNNAMED_AFTER = re.compile(
    r"(?:[^，。！？“”「」\n]{0,20}(?:期间|时|后)[，,])?"  # 去年大会期间，一位嘉宾…
    rf"(?:一旁的|身旁的|旁边的)?(?P<who>(?:一[位名个])?[\u4e00-\u9fff]{{0,5}}?(?:{_KIN_AND_FOLK}|宾客|嘉宾|主任|干部|书记))"
    r"(?![\u4e00-\u9fff]{0,1}的)")
# What a quotation must look like to stand without a speech verb: a statement
# (a clause mark inside, or long), not a title, term or slogan.
_SPEECHLIKE = re.compile(r"[，。！？,!?；;…]")
_DOCUMENT = re.compile(r"(?:公告|声明|宣言|判词|信中|报道|文件|标语|横幅|口号|写着|写道|题为|主题|名为|称为|"
                       r"所谓|被称|号称|简称|俗称|誉为|评为|列为|印有|刻着|显示|条例|规定|通知|决定|《)")
# A verb of address before a name: the name is the one spoken to (有人劝甲, 记者问乙)
_ADDRESSED = re.compile("劝|问|告诉|嘱咐|叮嘱|提醒|请求|恳求|[对向给跟朝](?![于着])")
_PRONOUN_IN = re.compile(r"[他她佢]")


def _previous_sentence_subject(art: _Article, open_at: int) -> tuple[str, str | None] | None:
    """(name, role) of the person named as the subject of the sentence before ``open_at``, in
    the same paragraph, when that sentence names nobody else: a quote that stands alone
    right after it is theirs (夏立拧螺丝时全神贯注。…。“要反复测算…”)."""
    folded = art.folded
    end = open_at - 1
    if end < 0 or folded[end] not in "。！？!?":
        return None  # (the quote opens its paragraph, or follows a quote or a heading)
    start = end
    while start > 0 and folded[start - 1] not in "。！？!?\n”」":
        start -= 1
    if end - start < 4:
        return None
    who = art.clause_subject(start)
    if not isinstance(who, tuple):
        return None
    key = fold(who[0])
    if key not in art.keys or not (key in art.known or _reads_as_name(key)):
        return None  # (not a name as such: 张文和工 of 张文和工友们)
    if any(k != key and not key.endswith(k) for _, k in art.names_in(start, end)):
        return None  # (another person named in that sentence)
    return who


def _quotes_by_neighbour(art: _Article, found: list[Quote]) -> list[Quote]:
    """“…” with no speech verb, given to the person its sentence names.

    A quotation led into by a clause that names someone ending in a colon or
    comma (李方洪拦住：“…”; 村民吕恒喜眉开眼笑，“…”) is theirs; one that
    opens its sentence is given to the first person named right after it
    (“…”谈及写这条建议的初衷，李东红…). Statements, not terms: a clause
    mark inside or at least 12 characters, and no document or title word
    in the lead.
    """
    folded, out = art.folded, []
    subheads: list[tuple[str, int, str]] = []
    for m in _OPEN_QUOTE.finditer(folded):
        open_at = m.start()
        close = folded.find(_CLOSE[folded[open_at]], open_at + 1)
        if close < 0 or _overlaps(found + out, open_at + 1, close):
            continue
        raw = art.text[open_at + 1:close]
        body = raw.strip()
        body_at = open_at + 1 + len(raw) - len(raw.lstrip())
        if (len(body) >= 4 and (open_at == 0 or folded[open_at - 1] == "\n")
                and not folded[close + 1:close + 2].strip()):
            # a subhead that is only a quote: the words of whoever says them in the body
            key = folded[body_at:body_at + len(body)].rstrip("。！？!?")
            said = next((q for q in found + out if q.start != body_at
                         and key in folded[q.start:q.end]), None)
            if said is not None:
                out.append(Quote(said.speaker, said.role, said.verb, body, body_at,
                                 body_at + len(body), "direct"))
                continue
            subheads.append((body, body_at, key))  # said further on: tried again at the end
        if len(body) < 4 or not (_SPEECHLIKE.search(body) or len(body) >= 12):
            continue
        if open_at > 1 and folded[open_at - 1] in "、，," and folded[open_at - 2] in "”」":
            # 「…」、「…」: a list of one speaker's words goes on
            prev = next((q for q in found + out if 0 < open_at - 1 - q.end <= 1), None)
            if prev is not None and not _DOCUMENT.search(folded[prev.end:open_at]):
                out.append(Quote(prev.speaker, prev.role, prev.verb, body, body_at,
                                 body_at + len(body), "direct"))
            continue
        if open_at and folded[open_at - 1] in "”」":
            # a second turn of a dialogue: the person named right after it answers
            # (“…”“您放心！”放下电话，甲…), if the first turn was not theirs
            end = _sentence_end(folded, close + 1)
            named = art.names_in(close + 1, min(end, close + 24))[:1]
            before = next((q for q in found + out if q.end == open_at - 1), None)
            if named and not (before and fold(before.speaker) == named[0][1]):
                pos, key = named[0]
                out.append(Quote(art.original(pos, pos + len(key)), art.role_of(key), "", body,
                                 body_at, body_at + len(body), "direct"))
            elif (not named and before is not None and before.verb
                  and not folded[close + 1:close + 2].strip("。！？!?…\n")):
                # 有网友说…：「…」「…」: a list of what the same speaker said, closing the sentence
                out.append(Quote(before.speaker, before.role, before.verb, body, body_at,
                                 body_at + len(body), "direct"))
            continue
        lead_from = open_at
        while lead_from > 0 and folded[lead_from - 1] not in _SENTENCE_MARKS:
            lead_from -= 1
        lead = folded[lead_from:open_at]
        if _DOCUMENT.search(lead):
            continue
        standalone = False
        if lead.strip():
            if lead[-1] not in "：:，,":
                continue  # a quoted phrase inside a sentence
            said = [v for v in _VERB.finditer(folded, lead_from, open_at - 1)
                    if (v.group("after") or "")[:1] in ("，", ",", ":", "：")]
            if said:
                # X指，…，「…」: the quote goes on with a statement someone began in the sentence
                v = said[-1]
                who = art.speaker(_clause_start(folded, v.start()), v.start(), len(v.group("verb")) == 1)
                if who in (None, "?"):
                    continue
                out.append(Quote(who[0], who[1], v.group("verb"), body, body_at,
                                 body_at + len(body), "direct"))
                continue
            # the subject of the clause that leads into the quote (母亲打来电话：), not of the
            # sentence's earlier clauses
            clause_from = lead_from + max(lead.rfind(c, 0, len(lead) - 1) for c in "，,；;") + 1
            named = art.names_in(clause_from, open_at)
            # the name that opens the clause is its subject (甲与乙谈完后说：), else the last one
            opens = len(folded[clause_from:open_at]) - len(folded[clause_from:open_at].lstrip())
            named = named[:1] if named and named[0][0] == clause_from + opens else named[-1:]
            if named and _OBJECT_BEFORE.search(folded, max(0, named[0][0] - 2), named[0][0]):
                named = []  # 回应王丹提问的那一句：: the one answered, not the speaker
            if not named and clause_from > lead_from:
                kin = _PERSON_NOUN.search(folded, clause_from, open_at)
                if kin:  # 老家的母亲打来电话：someone the text does not name
                    if (kin.group()[0] != "一" and folded[kin.end():kin.end() + 1] != "的"
                            and lead[-1] in "：:"):
                        whose = _WHOSE_KIN.search(folded, max(clause_from, kin.start() - 3), kin.start())
                        at = whose.start() if whose else kin.start()  # 他的母亲, as printed
                        out.append(Quote(art.original(at, kin.end()), None, "", body,
                                         body_at, body_at + len(body), "direct"))
                    continue
                who = art.clause_subject(clause_from)  # 他感到唏嘘，「…」: the clause's subject
                if who in (None, "?"):  # else the sentence's subject (甲…，但她坚持：)
                    who = art.clause_subject(lead_from) or who
                if who == "?":
                    who = art.last_person(None, open_at)
                if who:
                    out.append(Quote(who[0], who[1], "", body, body_at, body_at + len(body),
                                     "direct"))
                continue
        else:
            end = _sentence_end(folded, close + 1)
            named = art.names_in(close + 1, min(end, close + 48))[:1]
            if named:
                # the name opens its clause, or follows a description of a person (…的同事,
                # 村民): not 成本高昂 inside a clause about something else
                pos = named[0][0]
                lead_in = folded[close + 1:pos]
                lead_in = lead_in[max(lead_in.rfind(c) for c in "，,；;") + 1:].strip()
                tags = segmenter().tag(lead_in) if lead_in else []
                if tags and (tags[0][1][:1] in ("c", "d", "p") or not (
                        lead_in.endswith("的") or _ends_with_role(lead_in) or tags[-1][1][:1] == "n"
                        or len(tags) == 1 and tags[0][1][:1] == "v")):  # 见到甲时
                    named = []
                elif _ADDRESSED.search(lead_in) or _DOCUMENT.search(folded, close + 1, pos):
                    named = []  # ”有人劝…书记甲: the one spoken to; ”公告…称…甲: a document's words
            standalone = not folded[close + 1:end].strip("。！？!? \n")
            unnamed = _UNNAMED_AFTER.match(folded, close + 1)
            if unnamed and not (named and named[0][0] < unnamed.end()):
                # “…”一旁的村干部笑着说 / “…”妻子知道: a person the text does not name
                at = unnamed.start("who")
                out.append(Quote(art.original(at, unnamed.end("who")), None, "", body, body_at,
                                 body_at + len(body), "direct"))
                continue
        if named:
            pos, key = named[0]
            if body.startswith(art.original(pos, pos + 1)) or len(key) == 3 and re.match(
                    f"{re.escape(art.original(pos + 1, pos + 3))}[、，,！!]", body):
                continue  # “吴老师好！…”, “建文、建文…” address the person named, who is not the speaker
            speaker, role = art.full_latin(art.original(pos, pos + len(key)), pos), art.role_of(key)
        else:
            # she goes on: a quote soon after someone's statement, nobody named between
            prev = max((q for q in found + out if q.end <= open_at), key=lambda q: q.end,
                       default=None)
            if (prev is None or open_at - prev.end > 120 or art.names_in(prev.end, open_at)
                    or (not _PRONOUN_IN.search(lead) if lead.strip() else not standalone)):
                who = _previous_sentence_subject(art, open_at) if standalone and not lead.strip() else None
                if who is None:
                    continue  # “…”妻子知道: the words of whoever the rest of the sentence is about
                speaker, role = who  # 刘伟…见证了许多变化。“…”: the one the sentence before is about
            else:
                speaker, role = prev.speaker, prev.role
        out.append(Quote(speaker, role, "", body, body_at, body_at + len(body), "direct"))
    for body, body_at, key in subheads:
        if _overlaps(found + out, body_at, body_at + len(body)):
            continue
        said = next((q for q in found + out if q.start != body_at and key in folded[q.start:q.end]), None)
        if said is not None:
            out.append(Quote(said.speaker, said.role, said.verb, body, body_at, body_at + len(body), "direct"))
    return out
