"""Quote extraction on the sample edition, and the quote index."""

import re
from pathlib import Path

import pytest

from search.ingest import read_file
from search.quotes import extract_quotes

SEED = Path(__file__).resolve().parents[1] / "seeds" / "zhonglou-2024-03.txt"
EDITION = {a.id: a for a in read_file(SEED)}


def quotes_of(n):
    return extract_quotes(EDITION[f"zhonglou-2024-03-04-{n:02d}"].text)


# Every place the sample edition opens a statement of 区委书记沈东.
SHEN_DONG = re.compile(r"(他强调|他指出|他表示|沈东指出|沈东强调)[,，]?")


@pytest.mark.parametrize("article", sorted(EDITION))
def test_every_statement_of_shen_dong_is_his(article):
    text = EDITION[article].text
    quotes = extract_quotes(text)
    opened = [m.end() for m in SHEN_DONG.finditer(text)]
    for start in opened:
        said = [q for q in quotes if q.start == start]
        assert said, f"no quote starts at {text[start:start + 20]!r}"
        assert said[0].speaker == "沈东"
        assert said[0].role == "区委书记"


def test_guo_hongkui_is_credited_with_his_statement():
    quotes = quotes_of(2)
    guo = [q for q in quotes if q.speaker == "郭红奎"]
    assert len(guo) == 1
    assert guo[0].text.startswith("将充分学习借鉴钟楼区")
    assert guo[0].role == "丹棱县委书记"
    assert guo[0].verb == "表示"


def test_pronoun_follows_the_person_named_before():
    # 沈东对代表团的到来表示欢迎,他表示,希望两地…
    quotes = quotes_of(2)
    hope = next(q for q in quotes if q.text.startswith("希望两地"))
    assert hope.speaker == "沈东"


def test_direct_quotes_with_speaker_before_and_after():
    quotes = quotes_of(9)
    by_speaker = {(q.speaker, q.kind) for q in quotes}
    assert ("吴玉英", "direct") in by_speaker  # 吴玉英笑着说:“生活就是如此滋润呢!”
    assert ("周亚媛", "direct") in by_speaker  # “…开心呐!”周亚媛告诉记者
    assert ("蒋俏艳", "reported") in by_speaker  # 蒋俏艳告诉记者,社区将…
    wu = {q.text for q in quotes if q.speaker == "吴玉英"}
    assert "生活就是如此滋润呢!" in wu


def test_a_quote_without_verb_goes_to_the_person_its_sentence_names():
    # 她在东北甚至连秧歌都没有扭过。“由于工作调动,…”说起青枫社区老年大学的课,吴玉英一脸的自豪
    quotes = quotes_of(9)
    move = next(q for q in quotes if q.text.startswith("由于工作调动"))
    assert (move.speaker, move.kind) == ("吴玉英", "direct")
    # “吴老师好!…” greets 吴玉英: a quote addressing someone is not theirs
    assert not any(q.text.startswith("吴老师好") and q.speaker == "吴玉英" for q in quotes)


def test_offsets_point_into_the_text():
    for article in EDITION.values():
        for q in extract_quotes(article.text):
            assert article.text[q.start:q.end] == q.text


def test_scare_quotes_and_slogans_are_not_quotes():
    texts = {q.text for a in EDITION.values() for q in extract_quotes(a.text)}
    assert "四不两直" not in texts and "国资力量" not in texts


def test_quote_index_forgives_a_misspelt_speaker(tmp_path):
    from search.indexer import index_articles, userdict_path
    from search.quotebook import QuoteBook

    index_articles(list(EDITION.values()), tmp_path)
    book = QuoteBook(tmp_path, str(userdict_path(tmp_path)))
    exact = book.search(speaker="沈东")
    typo = book.search(speaker="沈冬")
    assert exact.total >= 12
    assert typo.total == exact.total
    assert typo.did_you_mean[0]["name"] == "沈东"
    words = book.search(q="电动自行车", speaker="沈东")
    assert words.total == 2 and all("<mark>电动自行车</mark>" in q["text_html"] for q in words.quotes)
    assert book.search(q="电动自行车", date_from="2025").total == 0
    book.close()


def test_relayed_and_joint_speakers():
    relayed = extract_quotes("张三引述李四回应指，会尽快处理此事。")
    assert [(q.speaker, q.verb, q.text) for q in relayed] == [("李四", "回应指", "会尽快处理此事。")]
    joint = extract_quotes("王五和赵六都表示，不会放弃。")
    assert [(q.speaker, q.text) for q in joint] == [("王五、赵六", "不会放弃。")]


def speakers(text):
    return [(q.speaker, q.text) for q in extract_quotes(text)]


def test_chained_verbs_with_no_new_subject_are_one_statement():
    assert speakers("张三表示，经济会好转，强调要继续努力。") == [("张三", "经济会好转，强调要继续努力。")]


def test_verb_without_subject_takes_the_subject_of_its_sentence():
    said = speakers("王大明在会上接受提问时，以英语回答称，这件事会尽快处理。")
    assert said == [("王大明", "这件事会尽快处理。")]
    # an organisation opening the sentence is not the last person named
    assert speakers("李四表示，会去法院。高等法院今早颁下判决书，指出政府的做法违反条例。") == [
        ("李四", "会去法院。")]


def test_listener_and_plural_pronoun_are_not_the_speaker():
    assert speakers("李四向王五表示，会尽快处理此事。") == [("李四", "会尽快处理此事。")]
    assert speakers("赵六表示，问题不大。他们认为，还要再等一等。") == [("赵六", "问题不大。")]


def test_description_before_a_name_and_unnamed_titles():
    assert speakers("“我们会坚持下去。”老周的妻子陈小兰说。")[0][0] == "陈小兰"
    assert speakers("民主派议员在台上表示，会继续争取。") == [("民主派议员", "会继续争取。")]


def test_terms_in_quotes_are_not_given_to_the_next_speaker():
    said = speakers("委员会提出要实现“家庭目标”，但法官指出，政策并没有区分。")
    assert ("法官", "家庭目标") not in said and all(t != "家庭目标" for _, t in said)


def test_speech_inside_a_quotation_starts_no_statement():
    said = speakers("孙七说：“我们一直很努力，他们认为，这样不够。”")
    assert [s for s, _ in said] == ["孙七"]


def test_dotted_and_glossed_foreign_names():
    assert speakers("玛丽·安表示，会议会继续。") == [("玛丽·安", "会议会继续。")]
    said = speakers("曾任助理的卡洛斯（Juan Carlos）昨日辞职。卡洛斯说：“我没有做错事。”")
    assert said == [("卡洛斯", "我没有做错事。")]


def test_a_quote_after_a_verb_is_not_the_next_speakers():
    said = speakers("王五与李梅见面后表示，“明天再谈。”李梅表示，她下周会去北京。")
    assert said[0] == ("王五", "明天再谈。")
    assert said[1] == ("李梅", "她下周会去北京。")


def test_more_verbs_and_an_omitted_subject_before_a_colon():
    said = speakers("吴立新则强调，天气不算太冷。他慨叹菜价越来越贵，又笑眯眯地说：“明年再来吧。”")
    assert [s for s, _ in said] == ["吴立新"] * 3


def test_a_verb_after_a_setting_clause_takes_the_sentence_subject():
    said = speakers("教授吴立新昨日在书展上发言时，提到纸书会慢慢回暖。")
    assert said == [("吴立新", "纸书会慢慢回暖。")]
    # 说完 is not 说 + a statement
    assert speakers("“我去看看水管。”吴立新说完，转身下楼。") == [("吴立新", "我去看看水管。")]


def test_a_nickname_in_quote_marks_is_a_name():
    said = speakers("店主与一位熟客「小芳姐姐」聊天。小芳姐姐指，面包很好吃。她说，明天还来。")
    assert said == [("小芳姐姐", "面包很好吃。"), ("小芳姐姐", "明天还来。")]


def test_questions_subheads_and_joint_speakers_behind_a_title():
    said = speakers("律师王大同问李四，那天有没有去过菜市场。")
    assert said == [("王大同", "那天有没有去过菜市场。")]
    said = speakers("馆长吴立新出席开幕。\n吴：明年想多办几场展览\n辩方：展品共有三百件\n")
    assert ("吴立新", "明年想多办几场展览") in said and ("辩方", "展品共有三百件") in said
    assert [(q.speaker, q.role) for q in extract_quotes("前校长何大明和杨小兰都表示很开心。")] == [
        ("何大明、杨小兰", "前校长")]


def test_a_name_after_a_kin_word_and_before_a_manner_phrase():
    assert speakers("老王的妻子叶小珠说，那年她也不同意搬家。") == [("叶小珠", "那年她也不同意搬家。")]
    said = speakers("陈大文在门口等车。陈大文信心满满地回应：“肯定赶得上啊！”")
    assert said == [("陈大文", "肯定赶得上啊！")]


def test_pronouns_after_relayed_words_and_names_inside_statements():
    said = speakers("馆长李大明表示，会借出主任王小平修好的古琴。他警告说，“古琴”是很怕潮的乐器。")
    assert said == [("李大明", "会借出主任王小平修好的古琴。"), ("李大明", "“古琴”是很怕潮的乐器。")]
    said = speakers("吴立新表示，会继续写作。他引述已故作家陈大文说过“写作的时候要慢慢来”。他形容这是好习惯。")
    assert [s for s, _ in said] == ["吴立新", "陈大文", "吴立新"]


def test_dates_documents_lists_and_reports():
    assert speakers("裁判官王大同在3月8日裁定，两名被告罪名不成立。")[0][0] == "王大同"
    assert speakers("裁判官王大同在裁决书指出，证据不足以定罪。")[0][0] == "王大同"
    assert speakers("店主们纷纷表示，这次集市很有帮助。") == [("店主们", "这次集市很有帮助。")]
    said = speakers("李四、王五及胡小明今天到场。胡则表示「下次还会再来」。")
    assert said == [("胡小明", "下次还会再来")]
    said = speakers("《晨报》当年报道，「仍在民主党的邵嘉铭表示，不会支持新的收费。」")
    assert said[0][0] == "邵嘉铭"


def test_a_quote_cited_with_from_stays_inside_the_statement():
    said = speakers("教授吴立新分析，书店在改变做法，从店长王小平说“书要放在门口”，到最近的打折。")
    assert said[0] == ("吴立新", "书店在改变做法，从店长王小平说“书要放在门口”，到最近的打折。")
    assert ("王小平", "书要放在门口") in said


def test_a_time_clause_with_its_own_subject_starts_a_new_statement():
    said = speakers("王大同称，上周才收到那封电邮，他被问到有否考虑过与对方会面时，称投诉已经交给秘书处理。")
    assert said == [("王大同", "上周才收到那封电邮"), ("王大同", "投诉已经交给秘书处理。")]


def test_a_quote_followed_by_a_person_the_text_does_not_name():
    assert speakers("“饺子马上就好了！”一旁的村妇女主任快言快语。")[0][0] == "村妇女主任"
    said = speakers("“这台机器很好用。”去年展会期间，一位参展宾客试用后赞不绝口。")
    assert said == [("一位参展宾客", "这台机器很好用。")]
    assert speakers("“你快去上班，孩子我来带。”妻子知道，他一定会去。")[0][0] == "妻子"


def test_heard_someone_say():
    assert speakers("曾听一位老师说，读书要趁早。") == [("一位老师", "读书要趁早。")]
    assert speakers("李四说，明天会过来。听说，他们明天就到。") == [("李四", "明天会过来。")]


def test_a_quote_only_subhead_goes_to_whoever_says_the_words():
    text = "馆长吴立新昨日出席开幕。\n「书店不会关门」\n吴立新表示，「书店不会关门」，会继续经营。"
    said = speakers(text)
    assert ("吴立新", "书店不会关门") in said


def test_a_verb_of_manner_between_subject_and_speech_verb():
    assert speakers("法官打断表示，不需要重复这个问题。") == [("法官", "不需要重复这个问题。")]


def test_a_statement_ends_with_a_sentence_closed_inside_quote_marks():
    said = speakers("李四表示，自己很累，「每天只睡五个小时。」即使如此，他也会坚持跑步。")
    assert said[0] == ("李四", "自己很累，「每天只睡五个小时。」")


def test_a_verb_after_a_comma_takes_the_subject_of_its_sentence():
    said = speakers("王大明昨天给全体员工写了一封信，表示公司明年会加薪。")
    assert said == [("王大明", "公司明年会加薪。")]
    said = speakers("李小梅在台上介绍新书的写法，指「每一章都要改三遍」。")
    assert said == [("李小梅", "每一章都要改三遍")]


def test_the_subject_is_the_name_that_opens_the_clause_not_one_after_a_title():
    said = speakers("王大明总经理称赞了各个部门的努力，指出明年的任务会更重。")
    assert said == [("王大明", "明年的任务会更重。")]
    said = speakers("昨天，陈小东会长向李大明主席寄去贺信，表示两会会继续合作。")
    assert said == [("陈小东", "两会会继续合作。")]


def test_two_people_named_as_the_subject_of_an_earlier_clause():
    said = speakers("协会主席陈小东及议员杨小兰今日见记者，表示会继续办展览。")
    assert said == [("陈小东、杨小兰", "会继续办展览。")]


def test_a_pronoun_after_a_quote_is_the_person_named_last():
    text = ("陈大文带儿子去学游泳。王小明这个夏天学会了游泳，而陈大文也认识了几位新朋友。"
            "“我们每周都一起去海边，孩子们很开心。”他说。")
    assert speakers(text) == [("陈大文", "我们每周都一起去海边，孩子们很开心。")]


def test_kin_words_and_bystanders_standing_alone_speak():
    assert speakers("目击者说，他们听到一声巨响。") == [("目击者", "他们听到一声巨响。")]
    assert speakers("她的叔叔表示，那条路晚上很暗。") == [("她的叔叔", "那条路晚上很暗。")]


def test_narration_after_a_statement_is_cut():
    said = speakers("她的家人认为事情不简单，于是自己去找目击者。")
    assert said == [("她的家人", "事情不简单")]


def test_calling_someone_something_and_passive_subjects_are_not_speech():
    assert speakers("王大明称李小梅为「老师傅」。") == []
    assert speakers("他年轻时被邻居称作“怪人”，还被邻居说，不务正业。") == []
    assert speakers("李四称，「认为这个方案不可行」。") == [("李四", "认为这个方案不可行")]


def test_unnamed_subject_before_a_bare_verb_and_media_adverbials():
    assert speakers("家属又指那条路没有路灯。") == [("家属", "那条路没有路灯。")]
    said = speakers("有居民在社交媒体表示，楼下的店已经关门。")
    assert said == [("有居民", "楼下的店已经关门。")]
    said = speakers("协会主席黄家和今早于电台节目《早晨好》表示，会员有两万人。")
    assert said == [("黄家和", "会员有两万人。")]
    assert speakers("王大明今仅回应称，影片早已录好。") == [("王大明", "影片早已录好。")]


def test_advice_with_content_is_speech_but_advice_to_a_person_is_not():
    assert speakers("有业界人士建议政府增设检测站。") == [("有业界人士", "政府增设检测站。")]
    assert speakers("王大明建议李小梅早点回家。") == []


def test_a_statement_then_a_colon_and_a_closing_quote_makes_two_entries():
    said = speakers("陈小东表示，不担心。她批评新规很麻烦：「只会越改越乱。」")
    assert said == [("陈小东", "不担心。"), ("陈小东", "新规很麻烦"), ("陈小东", "只会越改越乱。")]


def test_an_omitted_subject_after_a_comma_takes_a_one_character_verb():
    said = speakers("王大明介绍，店里很忙。他接着谈到明年的计划，指店面会再扩大一倍。")
    assert said == [("王大明", "店里很忙。"), ("王大明", "店面会再扩大一倍。")]


def test_put_forward_with_a_comma():
    assert speakers("李小梅提出，学校应该多开几门课。") == [("李小梅", "学校应该多开几门课。")]


def test_a_department_ending_in_a_surname_character_before_a_name():
    assert speakers("省卫健委妇幼司王大明介绍，孕妇要去定点医院。")[0][0] == "王大明"


def test_an_unnamed_or_described_subject_opens_the_sentence():
    said = speakers("王大明表示，不担心。不过家属不接受，认为公司没有道歉。")
    assert said[-1] == ("家属", "公司没有道歉。")
    said = speakers("同事李小梅刚刚回来，但她坚决要求留下：“这时候必须顶上去！”")
    assert said == [("李小梅", "这时候必须顶上去！")]
    assert speakers("一旁的老支书说：“今年的苗长得不错。”")[0][0] == "一旁的老支书"


def test_a_surname_and_a_courtesy_title_is_a_person_named():
    said = speakers("黄先生表示，不担心。50多岁的李先生则同意检测有用，他称自己下周才开工。")
    assert said[-1] == ("李先生", "自己下周才开工。")


def test_a_doubted_topic_before_a_colon_is_not_a_statement():
    said = speakers("王大明表示，不担心。他质疑每周检测一次的实际作用：「今日验完，听日都可以中。」")
    assert ("王大明", "每周检测一次的实际作用") not in said
    assert ("王大明", "今日验完，听日都可以中。") in said


def test_a_quote_after_a_comma_takes_the_subject_of_the_clause_before_it():
    said = speakers("王大明表示，会继续。对于小店关门，他感到唏嘘，「开了三十年，说关就关。」")
    assert said[-1] == ("王大明", "开了三十年，说关就关。")


def test_a_kin_word_leading_into_a_quote_is_the_speaker():
    said = speakers("李四正准备做饭，远在老家的母亲打来电话：“你现在怎么样，千万注意安全！”")
    assert said == [("母亲", "你现在怎么样，千万注意安全！")]


def test_people_described_as_someones_friend_or_by_a_group():
    assert speakers("王大明的前队友证实，视频里的人确是他。") == [("王大明的前队友", "视频里的人确是他。")]
    assert speakers("旁听人士说，审讯很快结束。") == [("旁听人士", "审讯很快结束。")]


def test_subjects_inside_a_statement_and_names_that_are_words():
    # 而乙… after …，指… is what the first speaker says, not a new subject
    said = speakers("王大明回顾过去十年，指工厂扩大了三倍，而李小梅负责了大部分工作，强调明年要继续扩大。")
    assert [s for s, _ in said] == ["王大明"]
    # 翁同意: a surname and a verb, not a three-character name
    said = speakers("消防处长翁锦明到场。组长建议先灭火；翁同意此方案。惟翁强调，要先疏散居民。")
    assert said[-1][0] == "翁锦明"


def test_a_double_surname_name_and_a_judge_called_by_surname():
    said = speakers("林郑秀芬昨日出席论坛。她对结果感到可惜，表示会再努力。林郑秀芬说，明年再来。")
    assert [s for s, _ in said] == ["林郑秀芬", "林郑秀芬"]
    said = speakers("法官杜美玲审理此案。杜官则纠正说，辩方应看大局。")
    assert said == [("杜美玲", "辩方应看大局。")]


def test_kin_words_speak_only_when_they_lead_into_a_quote_with_a_colon():
    assert speakers("股东是他和妹妹，「注册三家公司，就是为了多开几个账号。」") == []


def test_open_letters_and_contrastive_openings():
    assert speakers("公开信引述世卫的统计，指很多国家未有防控。") == []
    assert speakers("然而分析人士表示，局势仍然紧张。") == [("分析人士", "局势仍然紧张。")]


def test_a_surname_then_a_verb_and_a_title_alone_open_a_sentence():
    said = speakers("何美玲在街站派单张。何参与集会后在网上发文，表示「燭光依旧，人心不死」。")
    assert said == [("何美玲", "燭光依旧，人心不死")]
    said = speakers("裁判官屈美玲审理此案。裁判官不接纳被告的解释，认为她刻意隐瞒住址。")
    assert said == [("屈美玲", "她刻意隐瞒住址。")]
    said = speakers("法官李国华今早判案。李官又指，证据充分。")
    assert said == [("李国华", "证据充分。")]


def test_a_latin_name_is_named_for_a_later_pronoun():
    said = speakers("Amy 从小就看这份报纸，对于停刊，她感到唏嘘，「睇咗咁多年，好唔舍得。」")
    assert said == [("Amy", "睇咗咁多年，好唔舍得。")]


def test_comrades_and_staff_later_in_a_story_and_time_openings():
    assert speakers("县里同志告诉记者，志愿者都来帮忙了。") == [("县里同志", "志愿者都来帮忙了。")]


def test_titles_ending_in_yuan_and_impersonal_ju_verbs():
    said = speakers("陈大文表示，很辛苦。记者见到了刚送完物资的网格员吴月华。她说，自己负责三百户。")
    assert said[-1] == ("吴月华", "自己负责三百户。")
    assert speakers("王大明表示，会继续。据介绍，工厂明年会扩建。") == [("王大明", "会继续。")]
    assert speakers("甚至有人向现场警员说侮辱性说话。") == []


def test_the_second_turn_of_a_dialogue_goes_to_the_person_named_after_it():
    text = "王大明正准备出门，母亲打来电话：“你现在怎么样，千万注意安全！”“您放心，我们都挺好！”放下电话，王大明出门了。"
    said = speakers(text)
    assert ("母亲", "你现在怎么样，千万注意安全！") in said
    assert ("王大明", "您放心，我们都挺好！") in said


def test_weekdays_and_occasions_are_adverbials():
    assert speakers("王大明周三在庭上表示，会负责到底。") == [("王大明", "会负责到底。")]
    assert speakers("李小梅在记者会说，会继续沟通。") == [("李小梅", "会继续沟通。")]
    assert speakers("王大明表示，会继续。他举例说，自己每天都跑步。")[-1] == ("王大明", "自己每天都跑步。")


def test_a_name_with_its_title_after_it():
    assert speakers("王国华代表说，要多修几条路。") == [("王国华", "要多修几条路。")]
    assert [(q.speaker, q.role) for q in extract_quotes("陈明华总书记指出，要抓好春耕。")] == [("陈明华", "总书记")]


def test_foreign_ministers_with_dotted_names_and_minister_titles():
    assert speakers("加拿大卫生部长约翰·史密斯说，风险很低。") == [("约翰·史密斯", "风险很低。")]
    assert speakers("柬埔寨卫生大臣曼本亨27日说，当天确诊了首例病例。")[0][0] == "曼本亨"


def test_four_character_and_dotted_transliterated_names_are_whole():
    said = speakers("“雪天路滑，大家都要小心。”索朗次仁说。索朗次仁指着远处的山说，“那里就是我们要去的地方。”")
    assert [s for s, _ in said] == ["索朗次仁", "索朗次仁"]
    said = speakers("“这座桥修了三年。”馆长伊万·加缪说：“明年还要再修一座。”")
    assert [s for s, _ in said] == ["伊万·加缪", "伊万·加缪"]
    assert speakers("托尔斯泰写道：“幸福的家庭都是相似的。”")[0][0] == "托尔斯泰"


def test_foreign_names_between_a_title_and_a_speech_verb_are_names():
    said = speakers("某国执政党主席、总理奥利表示，两国友谊深厚。")
    assert said == [("奥利", "两国友谊深厚。")]
    said = speakers("联盟主席阿库尼亚表示，会议很成功。阿库尼亚说，明年还会再来。")
    assert [s for s, _ in said] == ["阿库尼亚", "阿库尼亚"]
    # the title runs on into what follows (员|工, 支书|记): not a name
    assert speakers("公司员工蒋大文表示，奶酪很好吃。")[0][0] == "蒋大文"


def test_continuing_adverbs_and_a_surname_standing_alone():
    said = speakers("法官陈大文审理此案。陈官续表示明早再讯。")
    assert said == [("陈大文", "明早再讯。")]
    said = speakers("内地女子唐小梅被捕。唐一度称由律师代表她。其后唐再答「不用了」。")
    assert [s for s, _ in said] == ["唐小梅", "唐小梅"]
    # 问唐有没有…: a surname then a verb is not a name; 姓唐女子 names nobody
    said = speakers("一名姓唐女子被捕。法官问唐有没有话想说，唐答「没有」。")
    assert all(s != "唐有没" for s, _ in said)


def test_so_and_reverse_claims_and_asking_with_a_comma():
    said = speakers("医生黄秀文表示，病情不严重。所以她建议，市民应及早求诊。")
    assert said[-1] == ("黄秀文", "市民应及早求诊。")
    assert speakers("黄小姐反指，医院长期人手不足。") == [("黄小姐", "医院长期人手不足。")]
    assert speakers("辩方询问，这次会面是否改变了结果。") == [("辩方", "这次会面是否改变了结果。")]
    assert speakers("李小梅觉得人手不足是罢工的原因。") == [("李小梅", "人手不足是罢工的原因。")]


def test_an_unnamed_description_ends_at_a_word_boundary():
    said = speakers("所以有一日会在这里见到民主社会，「没有政权不倒」。")
    assert all(not s.startswith("有一日") for s, _ in said)


def test_words_said_to_someone_go_on_with_the_same_subject():
    said = speakers("法官陈大文要求她解释。她以英语表示这是小事，向陈官说她喜欢拍照便拍照。")
    assert len(said) == 1 and said[0][1].endswith("喜欢拍照便拍照。")


def test_saying_up_to_a_point_and_comparisons_are_not_statements():
    said = speakers("王老师表示，数字没有根据。她说到此时，台下的学生向身旁的同学说：「我录下来了。」")
    assert said[-1] == ("台下的学生", "我录下来了。")
    said = speakers("王老师指，数字没有根据，情况如同学者指历史有五千年一样。")
    assert [s for s, _ in said] == ["王老师"]


def test_a_spokesperson_is_a_person_even_of_a_government():
    said = speakers("本报向运输局查询，获政府发言人回复指，已审批八百宗申请。政府发言人续说，工作安排属内地事宜。")
    assert [s for s, _ in said] == ["政府发言人", "政府发言人"]


def test_a_latin_first_name_stands_for_the_full_name_given_before():
    said = speakers("主厨Andy Ma表示，小笼包用上特制薄皮。至于鸡蛋仔，Andy指他们加入了火腿。")
    assert [s for s, _ in said] == ["Andy Ma", "Andy Ma"]


def test_a_full_stop_inside_a_quote_does_not_end_the_sentence():
    said = speakers("总统府发言人罗大文表示，「他们在说谎。这不是事实」，又指这是对手所为。")
    assert said[-1] == ("罗大文", "这是对手所为。")


def test_a_name_after_a_quote_must_open_its_clause():
    said = speakers("修复是第一步。“以前采石头很便宜，现在修复一平方米要花八十元”，虽然成本高昂，但公司坚持修复。")
    assert said == []
    said = speakers("“这几天在准备提案，很忙。”政协委员贺小春笑着点头。")
    assert [s for s, _ in said] == ["贺小春"]


def test_a_semicolon_then_a_new_subject_and_verb_ends_a_statement():
    said = speakers("研究员指，这些因素最重要，认为平地有助生意；团体认为交通也重要。")
    assert said[0][1] == "这些因素最重要，认为平地有助生意"
    said = speakers("主厨李大文表示，小笼包用上薄皮；至于鸡蛋仔，味道由甜变咸，李大文指他们加入了火腿。")
    assert said == [("李大文", "小笼包用上薄皮"), ("李大文", "他们加入了火腿。")]


def test_a_quote_before_a_verb_that_opens_its_own_statement_is_not_that_speakers():
    said = speakers("梁先生说，很危险。二人都很愤怒，「佢哋唔理我哋。」特首陈大文昨日表示周六起要检疫。")
    assert ("陈大文", "佢哋唔理我哋。") not in said


def test_two_people_named_before_are_the_pair():
    said = speakers("排队的包括两名化验师梁先生及黄小姐。梁先生说，很危险。特首陈大文表示周六起要检疫，但二人都认为措施没有用。")
    assert said[-1] == ("梁先生、黄小姐", "措施没有用。")


def test_confirming_with_a_comma_and_posted_comments():
    said = speakers("前司长王大文确认，当年曾与官员会面。")
    assert said == [("王大文", "当年曾与官员会面。")]
    said = speakers("李小梅并未说明照片在何处拍摄，但留言称「这并不有趣，应该拆下来」。")
    assert said == [("李小梅", "这并不有趣，应该拆下来")]


def test_long_descriptions_before_a_listener_and_neighbours_relayed():
    said = speakers("与王大文保持密切联络的湖南维权人士欧小峰对电台透露，王大文早已离婚。")
    assert said == [("欧小峰", "王大文早已离婚。")]
    said = speakers("档主李小梅指，租金便宜。她又引述街坊希望有更多墟市，认为社区更热闹。")
    assert said[-1][0] == "街坊"


def test_a_title_alone_is_the_one_person_the_article_gives_it():
    said = speakers("团队公布结果。研究员指，交通最重要。研究员苏小英表示，高分的地点都近住宅。")
    assert [s for s, _ in said] == ["苏小英", "苏小英"]


def test_names_do_not_run_into_negations_words_or_a_second_surname_once():
    said = speakers("特首林郑秀娥表示，不便评论。周庭未正面回应，只说提出呈请关乎长远。")
    assert [s for s, _ in said] == ["林郑秀娥", "周庭"]
    # 高度|重视 is a word and the first character of the next, not 高度重
    said = speakers("中央高度重视。从强调“把安全放在第一位”，到要求高度重视防控，中央高度重视。")
    assert all(s != "高度重" for s, _ in said)


def test_a_pronoun_in_a_time_clause_is_the_subject_of_the_sentence():
    text = ("舰队司令王大文出席论坛，被一名学者问到，如果总统李小明下令他开火，他会否遵命时回答说「会的」。"
            "他说，军人都要服从命令。")
    said = speakers(text)
    assert [s for s, _ in said] == ["王大文", "王大文"]


def test_an_act_of_speaking_before_a_one_character_verb():
    assert speakers("六分钟后，司机就报警指乘客跳车。") == [("司机", "乘客跳车。")]


def test_a_quote_only_subhead_is_given_to_whoever_says_the_words_further_on():
    text = ("医院成立了突击队。\n“关键时刻必须冲在前面”\n同事李小梅刚刚归来，组织安排她休息，"
            "但她坚决要求值守门诊：“关键时刻必须冲在前面！这是党员的担当。”")
    said = speakers(text)
    assert ("李小梅", "关键时刻必须冲在前面") in said


def test_three_titled_names_speak_jointly_and_documents_do_not_speak():
    said = speakers("陆军医疗队队长徐大雄、海军医疗队队长刘小斌、空军医疗队队长王成表示，要坚决完成任务。")
    assert said == [("徐大雄、刘小斌、王成", "要坚决完成任务。")]
    said = speakers("朴素的信念：岂曰无衣，与子同袍。“请组织考验我！”深圳6名一线的“90后”递交了入党申请书。")
    assert all(s != "申请书" for s, _ in said)


def test_platforms_are_places_and_nouns_of_speech_that_someone_got_are_not_speech():
    said = speakers("前校长沈大尧在其Facebook透露，明年将赴新加坡。")
    assert said == [("沈大尧", "明年将赴新加坡。")]
    assert speakers("即使的士业多年来受尽市民批评，政府也一直袒护。") == []
    said = speakers("白宫发言人斯派塞说，总统接受部长建议，下令革除局长。")
    assert said == [("斯派塞", "总统接受部长建议，下令革除局长。")]
    said = speakers("大学教授丁大范接受本报访问时分析，大陆正在重新思考。")
    assert said == [("丁大范", "大陆正在重新思考。")]


def test_long_foreign_names_and_adverbs_after_dotted_names():
    said = speakers("克罗地亚总统基塔罗维奇表示，祝中国人民新年快乐。")
    assert said == [("基塔罗维奇", "祝中国人民新年快乐。")]
    said = speakers("民族学者、歌手斯塔罗思京表示，音乐具有治愈功能。")
    assert said == [("斯塔罗思京", "音乐具有治愈功能。")]
    said = speakers("比尔·盖茨多次对媒体表示，“中国从一开始就做了很多正确的事情。”")
    assert said[0][0] == "比尔·盖茨"


def test_greetings_conjunctions_and_headings_are_not_names():
    said = speakers("新西兰总理阿德恩发布春节贺词：“祝福华人鼠年事业兴旺！新年快乐！”")
    assert said == [("阿德恩", "祝福华人鼠年事业兴旺！新年快乐！")]
    assert speakers("旅游业发展很快。\n周边交通：境内有三条高速公路经过，交通十分方便。") == []


def test_titles_of_reports_documents_and_other_experts_do_not_speak():
    assert speakers("报道题为〈老人高烧死在家里之后〉，指在封城令下，巴士停驶。") == []
    said = speakers("主控官王大文早上向陪审团作开案陈词时，指本案关乎诚信。")
    assert said == [("王大文", "本案关乎诚信。")]
    said = speakers("报章引述专家指要杜绝沙尘，就要治理沙漠。报道又引述另一位专家任小玉表示，防护林最重要。")
    assert [s for s, _ in said] == ["专家", "任小玉"]


def test_through_a_lawyer_years_and_a_title_that_makes_a_word_with_what_follows():
    said = speakers("李大豪延续亡夫遗愿，如今官司胜诉。他托律师表示：「若果伴侣今天还在，一定感到安慰。」")
    assert said == [("李大豪", "若果伴侣今天还在，一定感到安慰。")]
    said = speakers("汤大骅2003年曾批评建制派支持港府匆匆立法。")
    assert said == [("汤大骅", "建制派支持港府匆匆立法。")]


def test_doubt_as_an_attitude_and_crowd_chants_are_not_statements():
    assert speakers("多名议员曾对他的裁决表示质疑。期间议员一度高呼「反对修改规则」。") == []
    assert speakers("支联会主席邹小彤高喊：「平反六四！」") == [("邹小彤", "平反六四！")]


def test_headings_numbers_naming_verbs_and_when_clauses():
    said = speakers("双方起诉。\n【说法】法官认为，赠与合同无效。")
    assert said == [("法官", "赠与合同无效。")]
    said = speakers("帕特木汗是十连的一名群众。帕特木汗说，“心里真是高兴。”")
    assert said == [("帕特木汗", "心里真是高兴。")]
    said = speakers("过往交锋，杨小新堪称时越的“苦主”。当人们问起目标，他脱口而出：“世界冠军是每个棋手的梦想。”")
    assert all(not s.startswith("当") and s != "杨小新堪" for s, _ in said)


def test_a_name_does_not_cut_through_a_longer_word_or_run_into_cantonese():
    said = speakers("可能适得其反\n华中科技大学医学院教授吴志刚：「黄姜在中医里，是一味药食两用的药。」")
    assert said == [("吴志刚", "黄姜在中医里，是一味药食两用的药。")]
    said = speakers("「唔知政府或市民明唔明：嗰个系我老公」\n他忆述，当日丈夫去世不足12小时。")
    assert all(s != "明唔明" for s, _ in said)


def test_proposals_handled_are_nouns_and_a_verb_word_after_a_surname_is_no_name():
    said = speakers("副部长李小萌介绍，2019年科技部共承办人大代表建议408件，政协委员提案300件。")
    assert [s for s, _ in said] == ["李小萌"]
    assert speakers("全体党员高举右拳，面向党旗宣誓：“牢记使命，冲锋在前。”") == []
    assert speakers("不少人表示，今年的年货很丰富。") == [("不少人", "今年的年货很丰富。")]


def test_speaking_out_the_one_answered_and_a_latin_surname_for_the_full_name():
    assert speakers("影片最后由医生说出来他自杀的原因。") == []
    assert speakers("心里想着的，是为了那天回应王小丹提问的那一句：「无论是去是留，我们也会一直在这里。」") == []
    said = speakers("小提琴家Hilary Hahn在巴黎演出。好友离世后，Hahn 发文说：「我感觉到一个伟大的人物离开了。」")
    assert said == [("Hilary Hahn", "我感觉到一个伟大的人物离开了。")]


def test_a_quote_after_an_ellipsis_and_a_colleague_with_a_place_like_name():
    said = speakers("组织生日会、运动会等集体活动……“在党委的部署下，工作有条不紊。”测试指挥张小甜说。")
    assert said == [("张小甜", "在党委的部署下，工作有条不紊。")]
    said = speakers("“风雪路段，疏导交通是我们的重要工作。” 王大明的同事顿珠说。")
    assert said == [("顿珠", "风雪路段，疏导交通是我们的重要工作。")]


def test_a_noun_of_saying_and_what_someone_is_made_to_believe():
    said = speakers("有记者提到官员有关病毒来源的说，总统回答时，首先提到他刚达成贸易协议。")
    assert all(s != "有记者提到官员" for s, _ in said)
    assert speakers("当然要有所谓的选举制度，让台湾蓝丝相信和平统一可行。") == []


def test_a_name_the_dictionary_lacks_is_learned_from_its_repeated_speech():
    text = ("喜欢看电影的博宁，年约三十岁。博宁指，以前在戏院只能猜剧情。\n"
            "他表示，今天终于可以和朋友一起笑。\n博宁说，希望以后有更多这样的场次。"
            "片中阿杰是一名厨师。阿杰提到，「做饭最要紧是开心。」")
    said = speakers(text)
    assert said[:3] == [("博宁", "以前在戏院只能猜剧情。"), ("博宁", "今天终于可以和朋友一起笑。"),
                        ("博宁", "希望以后有更多这样的场次。")]
    assert said[3] == ("阿杰", "做饭最要紧是开心。")
    # once is not enough: a clause subject said only once is no name
    assert speakers("博宁指，以前在戏院只能猜剧情。") == []


def test_a_belief_that_opens_a_statement_is_part_of_it():
    said = speakers("王小明指，专家认为明年房价会回落，市民不必急于入市。")
    assert said == [("王小明", "专家认为明年房价会回落，市民不必急于入市。")]
    # a new speaker with a comma of their own still starts a statement of their own
    said = speakers("王小明指，房价会回落，李大文则认为，房价还会升。")
    assert said == [("王小明", "房价会回落"), ("李大文", "房价还会升。")]


def test_adverbs_the_tagger_knows_between_a_speaker_and_the_verb():
    said = speakers("局长杨大海昨日出席活动。杨大海首次透露已跟考评局讨论有关事宜。")
    assert said == [("杨大海", "已跟考评局讨论有关事宜。")]
    said = speakers("俄罗斯总统普京近日表示，愿意与各方对话。")
    assert said == [("普京", "愿意与各方对话。")]
    # what someone did not say, and narration while someone speaks, are not statements
    assert speakers("局长李大超出席活动。李大超未正面回应，只说会研究。") == [("李大超", "会研究。")]
    assert speakers("司机王大文出席。王大文一边说，眼泪一直流下来。") == []


def test_a_plea_to_charges_at_a_paragraph_end_or_before_a_noun_is_no_statement():
    assert speakers("被告陈大文早前已经承认一项刑事损坏罪及一项企图强行进入罪\n案件押后。") == []
    quotes = extract_quotes("法官王小明宣布押后，并向已承认暴动罪的被告预告裁决日期。")
    assert all(q.verb != "承认" for q in quotes)


def test_court_roles_name_a_person_and_a_verb_with_its_object_is_no_name():
    said = speakers("法官张美玲今日处理上诉，指出证据不足。\n被告贾小龙今年二十岁，就读大学。他承认在站内阻碍列车关门。")
    assert said[-1] == ("贾小龙", "在站内阻碍列车关门。")
    said = speakers("被追截者戴绿色口罩，被告戴黑色面巾。\n被告戴黑色面巾，他称当时只是路过。")
    assert all(s != "戴黑色" for s, _ in said)



def test_testimony_verbs_keep_the_witness_as_speaker():
    said = speakers("第七被告邓大宗供称，当晚与友人到旺角。")
    assert said == [("邓大宗", "当晚与友人到旺角。")]


def test_a_passive_question_ends_the_statement_before_it():
    said = speakers("局长杨大海指，放榜安排不变，被问及会否缩减考试范围，杨大海首次透露已与考评局讨论。")
    assert said == [("杨大海", "放榜安排不变"), ("杨大海", "已与考评局讨论。")]


def test_police_titles_name_a_person():
    said = speakers("省委负责人指出，要守好关口。\n检查站民警李大良在寒风中核查车辆。他告诉记者，这里每天检查上千人。")
    assert said[-1] == ("李大良", "这里每天检查上千人。")


def test_a_quote_that_calls_someone_by_given_name_is_not_theirs():
    said = speakers("“建华、建华，马上穿好防护服，准备出发！”李建华立刻跑了过去。")
    assert all(s != "李建华" for s, _ in said)


def test_a_quote_is_not_given_to_the_one_spoken_to_or_to_a_document():
    said = speakers("“这两家的矛盾太深，最好不要去蹚这个浑水。”有人劝驻村第一书记杨大海，他回答：“不怕难题！”")
    assert said == [("杨大海", "不怕难题！")]
    said = speakers("「監獄發現王大文病情後，即通知了其家屬。」公告最後一段稱，王大文入監前已有病史。")
    assert all(s != "王大文" for s, _ in said)


def test_a_space_before_the_comma_after_the_verb():
    said = speakers("议员何大仁昨日接受查询时表示 ，开记者会反而对事件没有帮助。")
    assert said == [("何大仁", "开记者会反而对事件没有帮助。")]


def test_parties_to_an_appeal_speak_as_unnamed_persons():
    said = speakers("上诉方指，裁判官认为被追截者就是被告，其实两人在画面中交错。\n上诉方强调，被告没有向前冲撞。")
    assert said == [("上诉方", "裁判官认为被追截者就是被告，其实两人在画面中交错。"),
                    ("上诉方", "被告没有向前冲撞。")]


def test_the_first_of_several_speakers_joined_by_deng():
    said = speakers("中国工程院院士、气候变化特别顾问丁大汇等专家指出，南方持续阴雨与厄尔尼诺有关。")
    assert said == [("丁大汇", "南方持续阴雨与厄尔尼诺有关。")]
    said = speakers("医院感染内科副主任曹小玮等表示，废弃口罩要集中处理。")
    assert said == [("曹小玮", "废弃口罩要集中处理。")]


def test_verbs_of_agreeing_questioning_and_attacking_with_a_comma():
    said = speakers("法学教授陈大敏认同，深圳湾口岸的安排有法律依据。")
    assert said == [("陈大敏", "深圳湾口岸的安排有法律依据。")]
    said = speakers("民主党议员许大峰追问：「你可否解释一下？」")
    assert said == [("许大峰", "你可否解释一下？")]
    # a noun of agreeing is no statement
    assert speakers("如果人们对制度深刻认同，制度就有生命力。") == []


def test_a_statement_goes_on_after_a_quoted_question_and_a_comma():
    said = speakers("裁判官郭大健连番质问，证人出庭的作用，「你是否预期他会承认？」，还是「对被告更不利？」")
    assert said == [("郭大健", "证人出庭的作用，「你是否预期他会承认？」，还是「对被告更不利？」")]


def test_a_name_that_owns_the_subject_is_not_the_speaker():
    said = speakers("诗人刘大波昨日病逝。刘大波夫妇的好友、维权人士胡小佳接受访问时痛批，当局责无旁贷。")
    assert said == [("胡小佳", "当局责无旁贷。")]


def test_a_time_word_after_the_verb_is_no_aspect_particle():
    said = speakers("局长杨大海出席活动。杨补充过去疫情期间，学生减少了上课时数。")
    assert said == [("杨大海", "过去疫情期间，学生减少了上课时数。")]
    assert speakers("局长杨大海表示了欢迎。") == []  # (表示了: an attitude, still)


def test_a_courtesy_surname_with_likewise_is_the_judge():
    said = speakers("法官张美玲审理此案。\n张官同谓，新闻片是独立证据。")
    assert said == [("张美玲", "新闻片是独立证据。")]
    said = speakers("“我们实现了创业带就业的目标。”总经理高同介绍说，孵化器已有企业入驻。")
    assert [s for s, _ in said] == ["高同", "高同"]


def test_unnamed_classmates_drivers_and_nurses_speak():
    assert speakers("其中一名同学说，自己从初中开始就读他的作品。") == [("其中一名同学", "自己从初中开始就读他的作品。")]
    assert speakers("有熟悉该路段的司机在网上发文，说原定路线灯位多。")[0][0] == "有熟悉该路段的司机"


def test_a_term_glossed_in_lower_case_is_not_a_name():
    said = speakers("前总编徐小缘离职后开了新公司。\n他的新公司名叫Toast，主力做内容行销（content marketing），"
                    "「过去几年，美国公司专攻这一范畴。」")
    assert all(s != "内容行销" for s, _ in said)
    assert speakers("前总统卡特（Jimmy Carter）昨日表示，愿意访问。") == [("卡特", "愿意访问。")]


def test_the_honorific_tongzhi_is_not_part_of_the_name():
    assert speakers("邓小平同志指出：“发展才是硬道理。”") == [("邓小平", "发展才是硬道理。")]


def test_a_speaker_that_still_holds_a_verb_or_a_time_word_is_dropped():
    from search.quotes import _JUNK_SPEAKER
    assert _JUNK_SPEAKER.search("时表示") and _JUNK_SPEAKER.search("赵指") and _JUNK_SPEAKER.search("时期最")
    assert not _JUNK_SPEAKER.search("赵卓威") and not _JUNK_SPEAKER.search("曾钰成")


def test_people_who_know_the_matter_speak_unnamed():
    assert speakers("两家人和好了。了解内情的人都说，驻村干部有办法！") == [("了解内情的人", "驻村干部有办法！")]
    # a description after a verb of meeting or hearing is no subject
    assert all(s != "恶意中伤他的人" for s, _ in speakers("偶尔遇上恶意中伤他的人，发叔只会一笑置之。"))


def test_a_demand_or_a_proposal_named_as_a_thing_is_no_speech_act():
    text = "副总理孙小兰指出，形势好转。要坚定不移做到应收尽收，切实落实“四早”要求，坚决切断传播途径。"
    assert speakers(text) == [("孙小兰", "形势好转。")]
    assert speakers("王大学的建议很快被总部采纳。") == []


def test_a_manner_verb_after_a_named_speaker_in_a_longer_clause():
    said = speakers("半小时后，立法会主席梁大彦就出来宣布，不接纳休会辩论的提议。")
    assert said == [("梁大彦", "不接纳休会辩论的提议。")]
    said = speakers("特首林大娥今日到乡议局吊唁前主席刘大发时未有回应，记者再追问。")
    assert all(s != "刘大发时" for s, _ in said)
    assert speakers("这个女子为什么认定古天乐应该说普通话？") == []
    said = speakers("根据早前曝光的2008年刘大波被捕前访问，刘大波透露他曾被劝保外就医。")
    assert said == [("刘大波", "他曾被劝保外就医。")]  # (访问 is no 问)


def test_a_pronoun_speaking_to_someone_before_a_quote():
    said = speakers("护士长赵小晶很感动。查房时，医生李大涛总会鼓励患者。他对同事说：“相信我，患者一定能听见。”")
    assert said == [("李大涛", "相信我，患者一定能听见。")]
    # 对于: what it is about, not to whom
    said = speakers("作家王小波出席活动。他对于博文被删也无话可说，「我觉得匪夷所思。」")
    assert said == []


def test_a_sequence_adverb_before_a_pronoun():
    said = speakers("议员冯大基向记者解释如何错估形势。最后他说：「点解泛民唔倾呢？」")
    assert said == [("冯大基", "点解泛民唔倾呢？")]
    assert speakers("训练营最终选拔出8名男运动员和3名女运动员补充集训队。") == []


def test_a_run_of_quotes_closing_the_sentence_is_one_speakers_list():
    said = speakers("总书记王大平强调，“疫情防控是一场严峻斗争”“防控工作到了最吃劲的关键阶段”。")
    assert said == [("王大平", "疫情防控是一场严峻斗争"), ("王大平", "防控工作到了最吃劲的关键阶段")]
    # a second turn answered by someone named after it stays theirs
    said = speakers("医生张大明说：“该吃药了。”“吃过了。”村民李小华答完就走了。")
    assert ("张大明", "该吃药了。") in said and ("张大明", "吃过了。") not in said


def test_a_judge_ruling_with_the_subject_left_out():
    said = speakers("高等法院法官区大祥今午颁下判决，裁定四名议员宣誓无效。")
    assert said == [("区大祥", "四名议员宣誓无效。")]


def test_a_statement_that_opens_with_a_quote_and_goes_on_is_reported():
    text = "行政会议成员汤大骅认为，「因为中央的权力系无限的」，若不引用第20条，被司法覆核的机会则会「大少少」。"
    said = extract_quotes(text)
    assert [(q.speaker, q.kind) for q in said] == [("汤大骅", "reported")]
    assert said[0].text.startswith("「因为中央") and said[0].text.endswith("。")
    # a new speech act, or narration, after the quote: the quote stands alone
    said = extract_quotes("议员罗大光回应时称「不便回应」，记者追问会否退党，罗同样不予评论。")
    assert said[0].kind == "direct" and said[0].text == "不便回应"
    said = extract_quotes("男子林大健被两人拦住，对方说「我们上车聊聊」，并箍住他的颈。")
    assert all(q.kind == "direct" for q in said)


def test_an_adverb_between_the_speaker_and_the_verb():
    said = speakers("环境局局长黄大星却表示，在露天焚烧垃圾是主要来源。")
    assert said == [("黄大星", "在露天焚烧垃圾是主要来源。")]
    # a belief verb opening the clause keeps it inside the statement: not a speaker 相信有市民
    said = speakers("讲师吴大宇表示，不一定只受疫情影响，相信有市民认为中美关系紧张，担心经济受影响。")
    assert [s for s, _ in said] == ["吴大宇"] and said[0][1].endswith("担心经济受影响。")


def test_verbs_of_mentioning_forecasting_and_appealing():
    said = speakers("讲师吴大宇认为，民主指数下降与选举押后有关，他提及调查期间仍未发生拘捕，故未有列入。")
    assert said == [("吴大宇", "民主指数下降与选举押后有关"), ("吴大宇", "调查期间仍未发生拘捕，故未有列入。")]
    assert speakers("环境局局长黄大星预计，若其他因素不变，电费可减多过5%。") == [
        ("黄大星", "若其他因素不变，电费可减多过5%。")]
    assert speakers("外长吴大燮在访问中呼吁台湾与日本进行安全对话。") == [("吴大燮", "台湾与日本进行安全对话。")]
    # 提及 with a topic, 预计 with no comma: not a statement
    assert speakers("蔡大文在发言时特别提及香港，表示「想谈谈我们必须处理的一大挑战」。") == [
        ("蔡大文", "想谈谈我们必须处理的一大挑战")]
    assert speakers("全部被告预计承认控罪。") == []


def test_a_name_the_dictionary_does_not_file_as_one_after_a_title():
    assert speakers("阿尔及利亚总统特本表示，中方为抗击疫情付出巨大努力。特本说，要加强合作。")[:1] == [
        ("特本", "中方为抗击疫情付出巨大努力。")]
    # a dictionary word is a name when the article has it speak again
    said = speakers("英国外交大臣拉布呼吁各方降级冲突。拉布还表示，要继续努力。")
    assert said[0] == ("拉布", "各方降级冲突。")
    # not a name: what the titled person does, or a word after a one-character title
    assert speakers("习近平总书记点点头说：“你们下一步的路子都有了。”")[0][0] == "习近平"
    assert all(s != "要求唐" for s, _ in speakers("陈官要求唐解释，遭她拒绝，她并表示这是小事一宗。"))


def test_numbered_points_after_a_person_announces_them():
    text = ("买方代表黄大浩今日入禀高等法院。\n另外，黄大浩发出以下3点声明：\n1）对对方反口感到遗憾。\n"
            "2）从去年七月已出现收款问题。\n3）买方付出了努力，现唯有透过法律途径。\n对方未有回应上述声明。")
    said = extract_quotes(text)
    assert [(q.speaker, q.verb, q.text) for q in said if q.verb == "声明"] == [
        ("黄大浩", "声明", "对对方反口感到遗憾。"), ("黄大浩", "声明", "从去年七月已出现收款问题。"),
        ("黄大浩", "声明", "买方付出了努力，现唯有透过法律途径。")]
    said = speakers("发言人杨大光表示，中央密切关注局势。他表明三点意见：\n第一，希望各界反对暴力；第二，守护法治。\n")
    assert said[-1] == ("杨大光", "希望各界反对暴力；第二，守护法治。")
    assert all(t != "三点意见：" for _, t in said)
    # a document's or a body's list is not a person's statement
    assert speakers("特区政府作出以下声明：\n1. 公务员须保持政治中立。\n2. 政府会严肃跟进。\n") == []
    assert speakers("报告有以下建议：\n第一，在条例中加设条文。\n") == []


def test_unnamed_speakers_described_by_a_person_noun():
    assert speakers("报告提醒结果不能直接推论。团队成员补充，单凭一个数字难以断定超标。") == [
        ("团队成员", "单凭一个数字难以断定超标。")]
    assert speakers("政治分析家预计，他如果赢得大选，将只做满一个任期。") == [
        ("政治分析家", "他如果赢得大选，将只做满一个任期。")]
    assert speakers("被告承认控罪。\n辩方代表大律师求情时指，被告完成中学文凭试。") == [
        ("辩方代表大律师", "被告完成中学文凭试。")]
    assert speakers("有人为李大锐抱屈说，他生前坐过不少年的黑牢。") == [("有人", "他生前坐过不少年的黑牢。")]
    assert speakers("比如，作者认为，谈及落脚点，要讲明白三个阶段。") == [("作者", "谈及落脚点，要讲明白三个阶段。")]
    said = speakers("中国网民在《环球时报》留言称，「这次搁浅肯定是故意的」，又有网民指对方又要故技重施了。")
    assert [s for s, _ in said] == ["中国网民", "有网民"]
    # the one asked to answer, a hearer of 网友, a byline, and countries: not speakers
    assert speakers("传真社进一步要求公司负责人回应，但至截稿前不获回复。") == []
    assert speakers("就听不少网友说也想去考，发表下伟论。")[:1] != [("就听不少网友", "也想去考，发表下伟论。")]
    assert speakers("作者：本报记者 张大明\n") == []
    assert speakers("也有一些国家建议本国公民减少非必要的旅行。") == []


def test_paragraphs_signed_by_a_dash_line_are_the_signers():
    text = ("抓落实，要以新发展理念引领\n一分部署，九分落实。各级干部要扛起责任。\n"
            "要把抓落实作为开展工作的主要方式，确保各项任务落地。\n"
            "——某某省委书记王大涛日前在省委专题会议上说\n（本报记者张小明整理）")
    said = extract_quotes(text)
    assert [(q.speaker, q.text) for q in said] == [
        ("王大涛", "抓落实，要以新发展理念引领"),
        ("王大涛", "一分部署，九分落实。各级干部要扛起责任。\n要把抓落实作为开展工作的主要方式，确保各项任务落地。")]
    # a signature inside a compilation signs the one paragraph above it
    text = ("代表们热议民生。代表李小华说，要补齐短板。\n人民至上、生命至上，保护人民生命安全可以不惜一切代价。\n"
            "——习近平总书记5月22日参加代表团审议时指出\n代表张大伟说，疫情防控是一次大考。")
    said = speakers(text)
    assert ("习近平", "人民至上、生命至上，保护人民生命安全可以不惜一切代价。") in said
    assert ("李小华", "要补齐短板。") in said
    # a dash inside the text is no signature
    assert speakers("人不为己，天诛地灭！\n——这又是那门子思想？你能说当中没道理吗？\n") == []


def test_names_after_less_usual_titles_and_before_ranks():
    assert speakers("美国民主党总统参选人拜登宣布，参议员贺锦丽为他的竞选拍档。")[0][0] == "拜登"
    assert speakers("长春跑友杨皓月说，家马只是暂时的选择。") == [("杨皓月", "家马只是暂时的选择。")]
    assert speakers("菲律宾武装部队公共事务部负责人迪托亚托上校称，已派出所有能用的舰只。")[0][0] == "迪托亚托"
    # spoken to a paper named in 《》
    said = speakers("人权活动人士胡佳对《美国之音》说：「这个肯定是要的。」")
    assert said == [("胡佳", "这个肯定是要的。")]
    # someone's aide named in Latin letters speaks, not the one they work for
    said = speakers("壹传媒创办人黎智英的前私人助理Mark Simon随即在其Twitter帐户回应，称从没与对方见面。")
    assert said == [("Mark Simon", "从没与对方见面。")]
    # not names: an adjective and a number word after a title; X律师 is X's lawyer
    assert all(s != "不满二人" for s, _ in speakers("员工不满二人解释，直斥沟通应在裁员前进行。"))
    assert all(s != "米季科" for s, _ in speakers("院长米季科被控叛国罪。报道引述米季科律师表示，会上诉。"))


def test_a_latin_gloss_spaces_and_a_cited_study_inside_the_attribution():
    said = speakers("港大化学系博士邝大山（Dr. K. Kwong）曾 提出 ，催泪弹在高温下会产生致癌物。")
    assert said == [("邝大山", "催泪弹在高温下会产生致癌物。")]
    said = speakers("副教授克拉克（Michael Clarke）认为，有关的情况是真确的。")
    assert said == [("克拉克", "有关的情况是真确的。")]
    said = speakers("据医学院系主任许大昌引用美国研究指，若在高温燃烧，会释出山埃。")
    assert said == [("许大昌", "若在高温燃烧，会释出山埃。")]


def test_a_dotted_name_is_whole_and_its_last_part_stands_for_it():
    text = ("荷兰经济学家、研究所委员卡塔琳娜·范德堡日前表示，合作前景广阔。"
            "范德堡认为，两国贸易会继续增长。范德堡说，明年还会再来。")
    assert [s for s, _ in speakers(text)] == ["卡塔琳娜·范德堡"] * 3
    # the tagger's words, not a cut inside the last part, end the name
    said = speakers("芬兰研究所所长米卡·萨尔米宁赞同有关意见。他认为，限制交通会引起副作用。")
    assert [s for s, _ in said] == ["米卡·萨尔米宁"]
    # a verb after the name and a noun before it are not part of it
    said = speakers("比赛期间，网友阿卜杜·萨拉姆共计9次获奖。阿卜杜·萨拉姆说：“这次活动让我受益很多。”")
    assert [s for s, _ in said] == ["阿卜杜·萨拉姆"]


def test_a_family_name_stands_for_the_japanese_name_given_before():
    text = ("“两国交流非常重要。”日本东海大学教授大西广对记者说，"
            "“青年应该多来往，加深理解。”")
    assert {s for s, _ in speakers(text)} == {"大西广"}


def test_a_name_the_article_makes_plain_by_repetition_or_a_title():
    # 游清源 is no dictionary name (the tagger cuts 游|清源), but it is a speech verb's subject again and again
    text = "网站将暂别。游清源指，网站会遣散记者。游清源指，主要是为保障员工安全。"
    assert [s for s, _ in speakers(text)] == ["游清源", "游清源"]
    # 提达汶 reads as a verb to the tagger; after 校长 it is a name, and so it is later
    text = ("“两国交流会更密切。”曼德勒大学校长提达汶日前表示。"
            "提达汶表示，两国是友好邻邦。“合作会不断拓展。”提达汶说，两国人民会更亲近。")
    assert {s for s, _ in speakers(text)} == {"提达汶"}
    # a transliteration the tagger reads as one name, after a title (佐科, not 佐科|通电话)
    text = "国家主席习近平应约同印尼总统佐科通电话。佐科表示，印尼将始终坚定同中国站在一起。"
    assert speakers(text) == [("佐科", "印尼将始终坚定同中国站在一起。")]


def test_a_dotted_name_right_before_the_verb_is_read_whole():
    said = speakers("老挝《人民报》记者西玛拉洪·苏克萨克洪说：“老挝人民愿意分享中国发展经验。”")
    assert said == [("西玛拉洪·苏克萨克洪", "老挝人民愿意分享中国发展经验。")]
    said = speakers("国际移民组织代表团团长让—菲利普·肖伊说：“许多人仍然居住在安置点。”")
    assert said == [("让—菲利普·肖伊", "许多人仍然居住在安置点。")]
    # the name ends where the tagger finds no name: 的发言 is not part of it
    said = speakers("西班牙卫生部官员费尔南多·西蒙的发言表示，疫情正得到控制。")
    assert all(s != "费尔南多·西蒙的发言" for s, _ in said)


def test_transcript_lines_headed_by_a_description_but_not_credits():
    text = ("以下是友人拍摄的片段节录。\n陈友珍：他们强制性地把我关在这里。\n"
            "陈友珍友人：不要吃药啊，坚决不吃药，吃药就死。\n")
    assert speakers(text) == [("陈友珍", "他们强制性地把我关在这里。"),
                              ("陈友珍友人", "不要吃药啊，坚决不吃药，吃药就死。")]
    # a report's credits under the same pattern are nobody's words
    assert speakers("全文完。\n记者：陈纪宜｜编辑：黄俊霖\n实习记者：罗宝晴、陈颖贤\n") == []


def test_more_verbs_take_a_statement_with_no_comma():
    said = speakers("特首林郑月娥今日见记者。她重申自己原则是用人唯才。")
    assert said == [("林郑月娥", "自己原则是用人唯才。")]
    said = speakers("法官李素兰今日判刑。法官李素兰自言不太了解医生规管制度。")
    assert said == [("李素兰", "不太了解医生规管制度。")]
    said = speakers("议员张三表示支持。他暗示政府不会让步。")
    assert [s for s, _ in said][-1] == "张三" and said[-1][1] == "政府不会让步。"


def test_words_a_medium_relays_are_the_speakers():
    said = speakers("新加坡《联合早报》援引新加坡总理李显龙的话表示，中国正在努力做好疫情防控。")
    assert said == [("李显龙", "中国正在努力做好疫情防控。")]


def test_a_place_phrase_between_name_and_verb():
    text = ("卢旺达总统卡加梅日前表示，非洲国家需要加大投入。\n会议当天举行。\n"
            "卡加梅在会议上发言说，非洲各国应加强协作。")
    assert [s for s, _ in speakers(text)] == ["卡加梅", "卡加梅"]


def test_compound_surnames_and_vietnamese_names_are_whole():
    text = "横洲村民欧阳元指，他的岳父购入农地。\n欧阳元表示，家园不仅是居住的地方。"
    assert [s for s, _ in speakers(text)] == ["欧阳元", "欧阳元"]
    said = speakers("“中国的智能物流太让人震撼了。”越南新闻网记者宋氏秋水感叹道，“我希望推广到更多国家。”")
    assert {s for s, _ in said} == {"宋氏秋水"}


def test_a_title_after_the_name_and_a_verb_read_as_a_speaker_are_not_the_speaker():
    said = speakers("“学校教育也遇到新挑战。”北京史家教育集团校长王欢委员表示，应推进学校家庭教育一体化。")
    assert {s for s, _ in said} == {"王欢"}
    # 明言 is what she does, not who she is: no quote is given to 明言
    said = speakers("被告在庭上读出陈词，自言不认同法例本身，明言「权威不代表正确」。")
    assert all(s != "明言" for s, _ in said)


def test_short_forms_stand_for_the_full_name():
    text = ("“中国人民从来不会被困难吓倒。”埃及《消息晚报》总编辑贾迈勒·侯赛因日前接受本报记者采访时表示。"
            "贾迈勒说，中国同埃及一样是文明古国。")
    assert {s for s, _ in speakers(text)} == {"贾迈勒·侯赛因"}
    text = "特首林郑月娥今日公布新班子。林郑表示，她尊重孙先生希望退休的意愿。"
    assert [s for s, _ in speakers(text)] == ["林郑月娥"]
    # 张文和工友们 is 张文 and his workmates, not a name of two surnames
    text = "冬捕负责人张文和工友们越干越带劲。张文说，今年春节的游客一直没断。"
    assert [s for s, _ in speakers(text)] == ["张文"]


def test_a_name_with_its_title_after_it_is_the_he_that_follows():
    text = ("记者采访了多位获奖者，大家纷纷表示，奖项含金量十足。"
            "“接过证书的那一刻，真切感受到关怀。”东北大学姜周华教授是这次一等奖项目的获得者，他说，今后要继续努力。")
    assert [s for s, _ in speakers(text)][-1] == "姜周华"


def test_a_clause_read_as_the_speaker_is_cut_to_the_person_it_opens_with():
    text = ("代表壹传媒四间公司的资深大律师韦仕博陈词时指，警方是以国安法第43条去申请手令。"
            "韦仕博认为以国安法申请的手令不合理。")
    assert [s for s, _ in speakers(text)] == ["韦仕博", "韦仕博"]
    # 郝海东的队友 is someone else: the name is not cut out of it
    assert "郝海东" not in {s for s, _ in speakers("郝海东发表声明。郝海东的队友透露，他可能无法回国。")}


def test_joined_speakers_and_the_reporter_told():
    said = speakers("死因庭今日开庭。法医及专家证人一致认为，死者的死亡原因为病毒性心肌炎。")
    assert said == [("法医、专家证人", "死者的死亡原因为病毒性心肌炎。")]
    said = speakers("屯门新墟街市人多。有街坊向记者指，新墟街市是区内相对廉价的市场。")
    assert said == [("有街坊", "新墟街市是区内相对廉价的市场。")]


def test_a_named_turn_inside_a_paragraph_is_what_they_say():
    text = ("特首候选人林郑月娥与曾俊华出席辩论。"
            "曾俊华问林郑月娥：“为何咁多人叫你CY 2.0？”林郑月娥：因为CY1.0不参选，所以要找代替品。\n")
    said = speakers(text)
    assert ("林郑月娥", "因为CY1.0不参选，所以要找代替品。") in said
    # 曰 is the verb of a classic cited, not part of the name
    assert speakers("再如，以仁义涵养社会公德。孔子曰：“仁者，人也。”\n") == [("孔子", "仁者，人也。")]


def test_a_described_name_and_what_is_told_to_us():
    text = ("车间主任孙爱民正在巡查。“看上去简单，熟练的贴条工可不好找。”"
            "站在一旁的孙爱民说，“赶上春节当口，招工难，招贴条工更难。”")
    assert [s for s, _ in speakers(text)] == ["孙爱民", "孙爱民"]
    assert speakers("质检员姜爱平告诉我们，医用防护服生产标准极其严格。") == [
        ("姜爱平", "医用防护服生产标准极其严格。")]


def test_hearing_this_and_a_time_word_after_a_name_are_not_part_of_the_speaker():
    text = "裁判官施祖尧今日判刑。施官闻言称：“这个说法很勉强。”"
    assert speakers(text) == [("施祖尧", "这个说法很勉强。")]
    text = "法官高浩文今（13日）颁下判词。法官高浩文今颁下判词，直指申请人误解了安排。他指出，限期合理。"
    assert {s for s, _ in speakers(text)} == {"高浩文"}


def test_a_surname_then_an_adverb_or_a_speech_verb_is_no_name():
    # 梁形容 is 梁 (梁振英) and the verb 形容; 简先用 is 简 (简广荣), 先 and 用
    text = ("梁振英其后向本报表示，当年组织行动时，刘早有参与。"
            "梁形容刘沉厚寡言。梁又指，刘要为口奔驰。")
    assert [s for s, _ in speakers(text)] == ["梁振英", "梁振英", "梁振英"]
    text = "保安简广荣作供。简先用左手抱住郭的身体。简指，他成功将郭的手松开。"
    assert [s for s, _ in speakers(text)] == ["简广荣"]


def test_a_name_the_article_gives_twice_with_an_adverb_before_the_verb():
    text = "丹麦雕塑家高志活发声明。高志活说，三个月前已经致函港大。高志活续说，多个国家都愿意接受雕塑。"
    assert [s for s, _ in speakers(text)] == ["高志活", "高志活"]


def test_a_reply_a_barrister_a_mother_and_a_team_leader_speak():
    assert [s for s, _ in speakers("不过，特首梁振英回应表示，取消考试也是7月1日后的事。")] == ["梁振英"]
    text = "代表被告的大律师张锦熙求情。大状指，被告今年已22岁，望法庭轻判。"
    assert [s for s, _ in speakers(text)] == ["张锦熙"]
    assert [s for s, _ in speakers("被告黄伟舜认罪。其母亲指儿子孝顺，品性不坏。")] == ["其母亲"]
    text = "据国家摔跤队领队王彦会介绍，本次强化训练围绕模拟比赛进行。"
    assert [s for s, _ in speakers(text)] == ["王彦会"]
    assert [s for s, _ in speakers("控方陈词指，保安也同意郭未有出手。")] == ["控方"]


def test_the_last_part_of_a_dotted_name_opening_a_paragraph_is_the_person():
    text = ("“患难见真情。”俄中友好协会主席伊万·梅利尼科夫近日在接受本报记者采访时表示。\n"
            "梅利尼科夫指出，两国人民之间的友谊更加牢固。\n梅利尼科夫认为，各国应该加强合作。")
    assert [s for s, _ in speakers(text)] == ["伊万·梅利尼科夫"] * 3


def test_a_surname_then_a_continuing_verb_is_the_person_named_before():
    # 郑续指 and 郑形容 are 郑 (郑冠明) and the verb, not names of their own
    text = "救护员郑冠明作供。郑形容，伤者情况危急。郑形容伤者呼吸困难。郑续指，伤者瞳孔反应不对称。"
    said = speakers(text)
    assert said and {s for s, _ in said} == {"郑冠明"}
    assert ("郑冠明", "伤者瞳孔反应不对称。") in said


def test_a_name_after_a_title_given_again_before_a_speech_verb():
    text = ("校长锡喜昂指着平房后面的茅草棚介绍学校的历史。"
            "“新校舍竣工后，我们在校生有313名，也不觉得挤了。”锡喜昂说。")
    assert [s for s, _ in speakers(text)] == ["锡喜昂"]
    # 会否 after a title is a verb the article uses again, not a name
    text = "林郑月娥并未回答同时担任特首和政协副主席会否出现利益冲突。传媒人问及，会否认为现任特首失职。"
    assert all(s != "会否" for s, _ in speakers(text))


def test_a_title_in_guan_stands_for_the_one_named_with_it():
    text = "审裁官屈丽雯今日裁定申索人败诉。审裁官指，食环署的做法合理。"
    assert speakers(text)[-1] == ("屈丽雯", "食环署的做法合理。")
    assert [s for s, _ in speakers("署长熊运信出席会议。熊运信反而提出，应该提高报酬。")] == ["熊运信"]


def test_an_unnamed_customer_or_member_of_the_public_keeps_how_the_text_counts_them():
    assert speakers("一名顾客表示，价钱太贵了。") == [("一名顾客", "价钱太贵了。")]
    assert speakers("有顾客表示，价钱太贵了。") == [("有顾客", "价钱太贵了。")]
    assert speakers("有民众指，会籍费太贵。") == [("有民众", "会籍费太贵。")]


def test_a_quote_standing_alone_after_a_sentence_about_one_person_is_theirs():
    text = ("刘伟与同行深入沟通探讨，在多个城市实地调研，也见证了许多变化。"
            "“前两年，人工智能还停留在实验室，而现在人工智能已经走进生活。”\n")
    assert [s for s, _ in speakers(text)] == ["刘伟"]
    # the sentence before names two people: whose words these are is not said
    text = ("刘伟与张强一起在多个城市实地调研，也见证了许多变化。"
            "“前两年，人工智能还停留在实验室，而现在人工智能已经走进生活。”\n")
    assert speakers(text) == []


def test_a_name_joined_to_a_group_by_a_conjunction_is_the_name():
    text = ("春节过后，查干湖上的渔工们又开捕了。冬捕冰上作业负责人张文和工友们越干越带劲。"
            "“这几年，查干湖水质好了，一网最多能打30万斤，鱼又大又肥。”\n")
    assert [s for s, _ in speakers(text)] == ["张文"]


def test_spaces_inside_chinese_text_do_not_break_a_name_or_a_verb():
    # 眾新聞 prints a name that was a link with spaces around it; the offsets stay the text's
    text = "《蘋果日報》今走入歷史，台灣總統 蔡英文今(24/6)表示 ，自由民主之樹可以被攔腰砍斷。"
    said = extract_quotes(text)
    assert [(q.speaker, q.text) for q in said] == [("蔡英文", "自由民主之樹可以被攔腰砍斷。")]
    assert text[said[0].start:said[0].end] == said[0].text
    text = "记者 胡 健报道。“这几年，查干湖水质好了，鱼又大又肥。”村民 张 文 说。"
    said = extract_quotes(text)
    assert [q.speaker for q in said] == ["张文"]
    assert text[said[0].start:said[0].end] == said[0].text


def test_a_work_title_is_nobody_s_name():
    text = "專家在2015年中國大陸訂立《國家安全法》時已指出，該法律並不符合國際標準。"
    assert all(s != "安全法" for s, _ in speakers(text))
    assert speakers("人權專家在中國大陸訂立《國家安全法》時已指出，該法律並不符合國際標準。") == [
        ("人權專家", "該法律並不符合國際標準。")]


def test_an_unnamed_kin_speaker_keeps_whose_kin_they_are():
    text = "被告离庭时，与家人挥手道别，他的母亲高喊：“我们会一直等你，你要保重身体！”"
    assert [s for s, _ in speakers(text)] == ["他的母亲"]


def test_a_clause_after_a_quoted_answer_has_the_answerer_as_subject():
    text = "潘熙又质问控方：“今日下午你不行吗？”杨美琪则称“不是你喜欢怎样就怎样”，强调只是听从法官指示。"
    assert speakers(text)[-1] == ("杨美琪", "只是听从法官指示。")


def test_a_name_ending_in_qiang_is_whole_but_qiang_diao_is_the_verb():
    text = "特首到北京述职。李克强赞扬特首上任半年以来履行承诺。他表示，中央支持特区政府。"
    assert [s for s, _ in speakers(text)][-1] == "李克强"
    text = "行政总裁曾锦强批准了有薪假。他表示，过去数月公司表现不错。"
    assert [s for s, _ in speakers(text)] == ["曾锦强"]
    assert all(s != "张强" for s, _ in speakers("主席张伟出席会议。张强调，香港要团结。"))


def test_a_surname_then_duoci_is_no_name():
    text = "吴伟豪在狱中服刑。吴多次向署方投诉但不得要领，他承认，担心狱中防疫问题。"
    assert [s for s, _ in speakers(text)] == ["吴伟豪"]


def test_fanying_with_a_comma_reports_what_people_say():
    said = speakers("调研时，不少基层党员反映，遇到问题习惯找上级领导。")
    assert said == [("不少基层党员", "遇到问题习惯找上级领导。")]


def test_a_short_form_the_article_repeats_still_stands_for_the_titled_full_name():
    # 林郑 is the subject of many verbs; it is still short for 林郑月娥, whom a title names
    text = ("行政长官林郑月娥昨日发表录像讲话。记者问林郑为何后知后觉，林郑表示，行动只有一个目的。"
            "林郑回应说，内容大致一样。林郑指，委任过程不方便公开。")
    assert {s for s, _ in speakers(text)} == {"林郑月娥"}


def test_an_aide_s_title_is_cut_off_a_dotted_name():
    text = "据伊朗媒体日前援引伊朗原子能组织负责人特别助理阿里·阿斯加尔·扎雷安的话称，伊朗正在考虑其他备选方案。"
    assert [s for s, _ in speakers(text)] == ["阿里·阿斯加尔·扎雷安"]


def test_a_titled_name_the_tagger_cuts_is_whole_before_a_speech_verb():
    text = "保安局局长李家超指警方今日采取行动，拘捕了一批活跃分子。李续指，他们意图瘫痪特区政府。"
    assert [s for s, _ in speakers(text)] == ["李家超"]


def test_the_reporter_asking_is_an_unnamed_speaker():
    said = speakers("特首宣布撤回修订。记者又追问，四项行动是特首自己提出还是由中央指示。")
    assert said == [("记者", "四项行动是特首自己提出还是由中央指示。")]


def test_a_reporter_s_byline_is_no_quote_but_the_reporter_s_question_is():
    text = "记者：罗恩惠（罗）\n记者：张凯杰、周满铿\n记者：所以，您不会私下去谈？\n"
    assert speakers(text) == [("记者", "所以，您不会私下去谈？")]


def test_a_name_the_text_always_continues_with_the_same_character_is_whole():
    # the tagger's 塔姆|拉利|姆 gives 塔姆拉利; the article writes 塔姆拉利姆 every time
    text = "会谈前，外长塔姆拉利姆会见了记者。\n塔姆拉利姆表示，两国合作前景广阔。"
    assert [s for s, _ in speakers(text)] == ["塔姆拉利姆"]


def test_an_unknown_name_between_a_title_and_a_speech_verb_is_a_name():
    assert speakers("裁判官香淑仪指，控罪严重，必须判处阻吓性刑罚。") == [
        ("香淑仪", "控罪严重，必须判处阻吓性刑罚。")]
    assert [s for s, _ in speakers("法律分析家怀德罗说，大法官用打动人心的方式写下判词。")] == ["怀德罗"]
    # a department's last character is not a surname (妇幼司王亮, not 司王亮)
    assert [s for s, _ in speakers("国家卫健委妇幼司王亮介绍，孕产妇将得到优先救治。")] == ["王亮"]


def test_renshi_is_a_title():
    assert [s for s, _ in speakers("当地分析人士阿迪夫对本报记者表示，局势正在好转。")] == ["阿迪夫"]


def test_a_time_of_day_and_posting_online_stand_between_the_name_and_the_verb():
    text = "民建联张志坚周四下午发文指，图书馆的推介书架放满了某人的著作。"
    assert speakers(text) == [("张志坚", "图书馆的推介书架放满了某人的著作。")]


def test_telling_this_paper_stands_between_the_name_and_the_verb():
    assert speakers("区议员杨志明回复众新闻查询表示，昨早收到市民反映。") == [("杨志明", "昨早收到市民反映。")]
    assert [s for s, _ in speakers("议员冯志基回应众新闻指，对方是相识多时的朋友。")] == ["冯志基"]


def test_a_long_transliteration_the_dictionary_knows_is_one_name():
    text = "内塔尼亚胡表示，以方赞赏各国为防止疫情蔓延所作的努力。"
    assert [s for s, _ in speakers(text)] == ["内塔尼亚胡"]
    # a name the dictionary knows, then a word, is not one longer name
    text = "他引述毛泽东思想里的一分为二说。毛认为，世间所有事物都是一分为二的。"
    assert [s for s, _ in speakers(text)] == ["毛泽东"]


def test_a_titled_transliteration_may_hold_a_place_word():
    # the tagger reads 拉|法兰 (法兰 a place): after a title, before 表示，, a name
    assert [s for s, _ in speakers("法国前总理拉法兰表示，两国关系不会因此改变。")] == ["拉法兰"]


def test_a_list_of_names_and_colons_is_no_quotation():
    text = ("法官判刑如下：\n陈大文：监禁1个月、缓刑1年\n李小明：监禁2个月、缓刑1年\n"
            "张志坚：监禁1个月、罚款1万元\n")
    assert speakers(text) == []
    # statements one after another, and a dialogue, are what they said
    text = "陈大文：「我们会继续上诉。」\n李小明：「感谢大家支持。」\n张志坚：「我没有后悔。」\n"
    assert [s for s, _ in speakers(text)] == ["陈大文", "李小明", "张志坚"]
    text = "记者：你怎么看？\n王小明：我觉得很好。\n记者：为什么？\n王小明：因为大家都努力。\n"
    assert [s for s, _ in speakers(text)] == ["记者", "王小明", "记者", "王小明"]


def test_a_text_that_ends_in_a_title_after_a_titled_name():
    # a list of signatories ends the text: the title after the name is the last word
    assert speakers("联署人：香港理工大学校长滕锦光教授香港大学校长张翔教授") == []


def test_runs_that_only_look_like_names():
    # ︰ (a vertical two-dot leader) is the colon of many Hong Kong texts
    assert speakers("陳大文表示不會放棄。他說︰「我們會繼續上訴。」")[1] == ("陳大文", "我們會繼續上訴。")
    # 明言 is a speech verb, though the tagger files it as a name: she goes on speaking
    text = ("第二被告陳美玲今天親自讀出陳詞，明言「權威不代表正確」。\n"
            "她指出，社會沒有空間討論法例合理與否。她明言已不相信司法制度。")
    assert [s for s, _ in speakers(text)] == ["陳美玲"] * 3
    # 和 ending a name before a speech verb is part of it, not "and"
    assert [s for s, _ in speakers("南韓外長康京和稱，兩國會繼續研究對策。")] == ["康京和"]
    # 鄭與隊 (鄭 with his team) is no name: 鄭 is the one named in full before
    text = "救護員鄭冠明作供。鄭與隊員到場後為傷者急救。鄭續指，傷者頭部受傷。"
    assert [s for s, _ in speakers(text)] == ["鄭冠明"]


def test_verbs_in_dao_and_a_short_form_read_on_into_a_preposition():
    assert speakers("陳大文嘆道：「這幾年真的很辛苦。」") == [("陳大文", "這幾年真的很辛苦。")]
    assert speakers("李小明大聲喊道：「快走！」") == [("李小明", "快走！")]
    # 彭官在…指: the judge named in full before, not "彭官在"
    assert [s for s, _ in speakers("法官彭寶琴今日判刑。彭官在判刑時指，被告角色吃重。")] == ["彭寶琴"]


def test_a_name_the_tagger_cuts_apart_that_the_article_repeats():
    # 梁國|雄 to the tagger; the article opens two clauses with it, each time before a verb
    text = "議員們發言。\n梁國雄在散庭後見記者，指判決不公。他說：「我會上訴。」\n梁國雄又指，他會繼續抗爭。"
    assert [s for s, _ in speakers(text)] == ["梁國雄"] * 3
    # 戴|口罩 is a verb and its object: the article has 口罩 on its own too
    assert speakers("戴口罩的人很多。戴口罩是為了防疫，口罩不夠用。") == []


def test_a_court_pseudonym_of_one_letter_speaks():
    text = ("辯方傳召證人X出庭。X說，被告當晚在店裏吃飯。她覺得「好驚」。\n"
            "X又表示，她直至本月才知悉審期。")
    assert [s for s, _ in speakers(text)] == ["X"] * 3
    assert speakers("市民對A股市場的走勢表示關注。") == []


def test_a_surname_alone_then_an_adverb_is_the_person_named_before():
    text = "消防隊長邱曉生作供。\n邱沒聽到有人要求撤退。\n邱表示，現場非常黑暗。"
    assert [s for s, _ in speakers(text)] == ["邱曉生"]
    text = "代表大律師劉啟賢盤問證人。劉大狀在庭上指出，片中的棍會彎曲。"
    assert [s for s, _ in speakers(text)] == ["劉啟賢"]
    assert [s for s, _ in speakers("袁海文被質疑知名度低。袁海文不認為知名度是唯一條件。")] == ["袁海文"]


def test_more_verbs_of_saying():
    assert [s for s, _ in speakers("特朗普表示雙方取得進展。他還抱怨稱，美國商品被征收高額關稅。")] == ["特朗普"] * 2
    assert speakers("交警刘振基冲上前去，大声喝令：“停车！停车！”") == [("刘振基", "停车！停车！")]
    assert speakers("委員會開會。\n中大副教授陳健民問到，各參選人是否支持一國兩制。") == [
        ("陳健民", "各參選人是否支持一國兩制。")]


def test_a_time_word_before_the_pronoun():
    text = "党毅飞扮演终结者角色。赛后他表示，中国队打下了很好的基础。"
    assert speakers(text) == [("党毅飞", "中国队打下了很好的基础。")]


def test_a_name_ends_where_a_speech_verb_begins():
    # the tagger reads 楊岳橋|批 as one name; 批評 is the verb
    assert speakers("議會今日開會。公民黨楊岳橋批評，政府做法錯誤。") == [("楊岳橋", "政府做法錯誤。")]


def test_a_clause_that_ends_in_an_act_of_speaking():
    text = ("本报北京2月25日电  中共中央总书记、国家主席习近平近日对春季农业生产工作作出重要指示强调，"
            "越要稳住农业。")
    assert [(q.speaker, q.role) for q in extract_quotes(text)] == [("习近平", "中共中央总书记、国家主席")]
    assert speakers("李克强在会上发表讲话指出，春耕在即。") == [("李克强", "春耕在即。")]
    # carrying out another's instruction is not speaking
    assert speakers("会议全面贯彻落实习近平总书记关于公共卫生的重要指示要求，依法保护野生动物。") == []


def test_a_name_never_ends_in_an_adverb():
    # 中聯辦主任駱惠寧則指: 駱惠寧 is the name, 則 the adverb after it
    text = "中聯辦主任駱惠寧則指，他沒有資產。\n中聯辦主任駱惠寧則表示，制裁他是白費勁。駱又稱，他可以寄出100美元。"
    assert [s for s, _ in speakers(text)] == ["駱惠寧"] * 3
    # 黨魁 (party leader) is a title, not 黨 the surname
    text = "自由黨今日與林鄭月娥會面，黨魁鍾國斌會後表示，林太未正式邀請。"
    assert speakers(text) == [("鍾國斌", "林太未正式邀請。")]


def test_a_titled_name_heading_a_line():
    text = ("多名官員回應制裁。\n保安局局長李家超：維護國家安全天經地義\n"
            "他指美方做法是雙重標準。\n我的警務處處長盧偉聰：新人上場，社會對你抱極大期望")
    assert [(q.speaker, q.role, q.text) for q in extract_quotes(text)][:1] == [
        ("李家超", "保安局局長", "維護國家安全天經地義")]
    assert "盧偉聰" not in [q.speaker for q in extract_quotes(text)]  # a letter's greeting


def test_a_nickname_stands_for_the_person_it_names():
    text = "陳凱欣貼出她與「深水埗明哥」陳灼明的合照。明哥表示，願意與她合作。"
    assert speakers(text) == [("陳灼明", "願意與她合作。")]
    text = "被告陳志明（阿明）今日出庭作供。阿明表示，他當晚在家。"
    assert speakers(text) == [("陳志明", "他當晚在家。")]


def test_zhi_chu_after_an_adverb_is_one_verb_and_zhi_in_a_word_is_none():
    # 又指出，: the verb is 又指出 and the statement opens after the comma (not "出，…")
    text = "梁先生今日出席。梁先生又指出，政府做法錯誤。"
    assert [(q.verb, q.text) for q in extract_quotes(text)] == [("又指出", "政府做法錯誤。")]
    assert speakers("家屬今日見記者。家屬又指出事的路段沒有煞車痕。") == [("家屬", "出事的路段沒有煞車痕。")]
    # 指定, 指挥: 指 opens another word, it says nothing
    assert speakers("林鄭月娥出席會議。她已指定了首批法官。") == []


def test_many_unnamed_people_speak():
    text = "习近平主席发表新年贺词。广大干部群众纷纷表示，新的一年要继续奋斗。"
    assert speakers(text) == [("广大干部群众", "新的一年要继续奋斗。")]
    assert speakers("論壇今日舉行。多位講者都認為，香港人需要團結。") == [("多位講者", "香港人需要團結。")]


def test_a_dictionary_word_before_a_scholars_title_is_a_name_when_it_speaks():
    # 温静 is a word (gentle) to the dictionary; 温静教授和同学们… then ”温静说，
    text = ("北京师范大学的温静教授和同学们一起收看了新年贺词。“我想起自己的课堂。”"
            "温静说，“新的一年，我将继续讲好思政课。”")
    assert [(q.speaker, q.role) for q in extract_quotes(text)] == [("温静", "教授")] * 2
