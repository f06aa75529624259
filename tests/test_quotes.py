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
    said = speakers("王五与李梅会谈后表示，“还没有进展。”李梅表示，她会继续努力。")
    assert said[0] == ("王五", "还没有进展。")
    assert said[1] == ("李梅", "她会继续努力。")


def test_more_verbs_and_an_omitted_subject_before_a_colon():
    said = speakers("吴立新则强调，案件不大。他慨叹自由越来越少，又半开玩笑地说：“我还会回来。”")
    assert [s for s, _ in said] == ["吴立新"] * 3


def test_a_verb_after_a_setting_clause_takes_the_sentence_subject():
    said = speakers("教授吴立新昨日在论坛上发言时，提到经济会慢慢好转。")
    assert said == [("吴立新", "经济会慢慢好转。")]
    # 说完 is not 说 + a statement
    assert speakers("“我先过去看看。”吴立新说完，继续向前走。") == [("吴立新", "我先过去看看。")]


def test_a_nickname_in_quote_marks_is_a_name():
    said = speakers("牧师与一位姊妹「小芳姐姐」来到学校。小芳姐姐指，学生很害怕。她说，会再来。")
    assert said == [("小芳姐姐", "学生很害怕。"), ("小芳姐姐", "会再来。")]


def test_questions_subheads_and_joint_speakers_behind_a_title():
    said = speakers("律师王大同问李四，当时有没有看过那封信。")
    assert said == [("王大同", "当时有没有看过那封信。")]
    said = speakers("议员吴立新出席集会。\n吴：明年希望更多人参选\n控方：集会人数达两万人\n")
    assert ("吴立新", "明年希望更多人参选") in said and ("控方", "集会人数达两万人") in said
    assert [(q.speaker, q.role) for q in extract_quotes("前主席何大明和杨森都表示不感后悔。")] == [
        ("何大明、杨森", "前主席")]


def test_a_name_after_a_kin_word_and_before_a_manner_phrase():
    assert speakers("老王的妻子叶小珠说，当时她也不理解丈夫。") == [("叶小珠", "当时她也不理解丈夫。")]
    said = speakers("陈大文在庭外显得轻松。陈大文信心满满地回应：“一定没问题啊！”")
    assert said == [("陈大文", "一定没问题啊！")]


def test_pronouns_after_relayed_words_and_names_inside_statements():
    said = speakers("议长李大明表示，只会支持主席王小平谈妥的协议。他警告说，“无协议”是很危险的做法。")
    assert said == [("李大明", "只会支持主席王小平谈妥的协议。"), ("李大明", "“无协议”是很危险的做法。")]
    said = speakers("吴立新表示，会继续。他引述已故作家陈大文说过“人性是追求自由的”。他形容这是历史规律。")
    assert [s for s, _ in said] == ["吴立新", "陈大文", "吴立新"]


def test_dates_documents_lists_and_reports():
    assert speakers("法官王大同在10月31日裁定，全部被告罪名不成立。")[0][0] == "王大同"
    assert speakers("法官王大同在判决书指出，证据不足以定罪。")[0][0] == "王大同"
    assert speakers("企业家们纷纷表示，这次活动很有帮助。") == [("企业家们", "这次活动很有帮助。")]
    said = speakers("李四、王五及胡小明今认罪。胡则表示「我没有后悔」。")
    assert said == [("胡小明", "我没有后悔")]
    said = speakers("《晨报》当年报道，「仍在民主党的邵嘉铭表示，不会支持这种做法。」")
    assert said[0][0] == "邵嘉铭"


def test_a_quote_cited_with_from_stays_inside_the_statement():
    said = speakers("教授吴立新分析，对方正在改变策略，从主任王小平说“统一后收入可用于民生”，到最近的清单。")
    assert said[0] == ("吴立新", "对方正在改变策略，从主任王小平说“统一后收入可用于民生”，到最近的清单。")
    assert ("王小平", "统一后收入可用于民生") in said


def test_a_time_clause_with_its_own_subject_starts_a_new_statement():
    said = speakers("陈帆称，今年6月才得知那封电邮，他被问到有否考虑过与对方会面时，称投诉已经得到处理。")
    assert said == [("陈帆", "今年6月才得知那封电邮"), ("陈帆", "投诉已经得到处理。")]


def test_a_quote_followed_by_a_person_the_text_does_not_name():
    assert speakers("“大家都行动起来了！”一旁的村妇女主任快言快语。")[0][0] == "村妇女主任"
    said = speakers("“坐着非常平稳。”去年大会期间，一位参展宾客试乘后满是惊叹。")
    assert said == [("一位参展宾客", "坐着非常平稳。")]
    assert speakers("“你去吧，家里交给我。”妻子知道，留也留不住。")[0][0] == "妻子"


def test_heard_someone_say():
    assert speakers("曾听一位朋友说，春节必须回家。") == [("一位朋友", "春节必须回家。")]
    assert speakers("李四说，明天会过来。听说，他们明天就到。") == [("李四", "明天会过来。")]


def test_a_quote_only_subhead_goes_to_whoever_says_the_words():
    text = "议员吴立新昨日出席集会。\n「烛光不会熄灭」\n吴立新表示，「烛光不会熄灭」，会继续坚持。"
    said = speakers(text)
    assert ("吴立新", "烛光不会熄灭") in said


def test_a_verb_of_manner_between_subject_and_speech_verb():
    assert speakers("法官打断表示，无需翻译这段话。") == [("法官", "无需翻译这段话。")]


def test_a_statement_ends_with_a_sentence_closed_inside_quote_marks():
    said = speakers("李四表示，自己受到伤害，「心灵上的创伤都好大。」即使担心，他也愿意站出来。")
    assert said[0] == ("李四", "自己受到伤害，「心灵上的创伤都好大。」")
