"""Train the topic model (search/topic_model.json) from the corpus by weak supervision.

    python scripts/train_topics.py [--corpus ../shared/corpus] [--out search/topic_model.json]

Nobody labels the training articles by hand. Each one gets a weak label from
the seed lexicons below, counted in its headline lines (x3), its 眾新聞 tags
(x2) and the first 300 characters of its body, and from 人民日报 column labels
that name a subject (（钟声） is international, （体坛观澜） sport); articles whose
seeds do not point clearly at one topic stay unlabelled. Naive Bayes then
learns from the labelled ones which other words go with each topic, and one
round of self-training adds the unlabelled articles the first model is sure
of. Where both papers have enough articles of a topic, its word
distribution is the even mix of theirs (see ``fit``). Articles of the
hand-labelled evaluation set, and other copies of them (same title), are
never used.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import click
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from search.analysis import fold, query_words  # noqa: E402
from search.ingest import read_file  # noqa: E402
from search.topics import COMMENT, TOPICS, features  # noqa: E402

GOLD = ROOT / "tests" / "fixtures" / "topics_gold.jsonl"
SUBJECTS = [t for t in TOPICS if t != COMMENT]

# Seed lexicons, Simplified (text, titles and tags are folded before matching).
SEEDS: dict[str, str] = {
    "时政": "中央政治局 全国人大 人大常委会 委员长会议 政协 两会 党建 党员干部 党组织 党的建设 "
            "主题教育 从严治党 不忘初心 全会 巡视 国家治理 治理体系 意识形态 干部队伍 政治建设 特首 林郑 梁振英 立法会 区议会 区议员 选举 选委 建制派 民主派 泛民 港独 "
            "逃犯条例 反送中 修例 国安法 示威 游行 集会 一国两制 基本法 中联办 港澳办 蔡英文 两岸 "
            "行政长官 政务司 议员 初选 宣誓 施政报告 解放军 强军 国防 六四 支联会 民主党 人大代表 政协委员",
    "经济": "经济 企业 产业 投资 金融 银行 股市 港股 股价 贸易 出口 进口 消费 复工复产 营商环境 GDP "
            "楼市 房价 农业 粮食 春耕 制造业 税收 减税 财政 央行 利率 通胀 招商 基建 上市 电商 物流 "
            "外贸 商品 价格 收入 供应链 融资 债务 汇率 农产品 种植 养殖 工业 能源 电力",
    "社会民生": "民生 扶贫 脱贫 贫困 社区 养老 老人 低保 救助 志愿 住房 公屋 劏房 春运 环保 生态 "
                "污染 垃圾 河长 环境 气候变化 野生动物 残疾 妇女 儿童 农民工 劳工 工会 长者 保育 "
                "绿化 湿地 社工 露宿 小区 居民 困难群众 慈善",
    "法治": "法院 法官 审讯 判刑 判囚 罪成 被告 控罪 起诉 检察 律师 律政司 拘捕 被捕 犯罪 案件 "
            "违纪违法 纪委 监委 开除党籍 受贿 贪污 廉署 司法 法治 裁判法院 保释 上诉 死因 暴动罪 "
            "诈骗 毒品 公安 民法典 审查调查 裁决 判决 罪名 刑事 警方",
    "安全应急": "消防 火灾 火警 事故 安全生产 应急 救援 地震 台风 暴雨 洪水 倒塌 塌 爆炸 遇难 "
                "伤亡 灾害 防汛 山竹 食品安全 交通意外 车祸 隐患 危化品 煤矿 防灾 救灾 山泥 消防安全 "
                "应急管理 安全检查 专项整治 安全隐患 森林火灾 泥石流 溺水 坠落 安全监管",
    "卫生健康": "疫情 肺炎 新冠 病毒 确诊 医院 医生 医护 护士 医疗 患者 病人 卫生 健康 防控 疫苗 "
                "口罩 检测 隔离 医管局 卫生防护中心 流感 癌症 药物 公共卫生 抗疫 病例 诊疗 中医药",
    "文化": "文化 艺术 电影 音乐 演出 戏剧 文学 作家 小说 诗歌 书展 博物馆 文物 非遗 遗产 历史 "
            "纪录片 电视剧 节目 展览 演唱会 歌手 导演 出版 图书 阅读 宗教 书法 美术 文艺 影视 歌曲 "
            "乐团 画家 古籍 考古 传统文化",
    "教育": "教育 学校 学生 教师 老师 校长 大学 高校 中学 小学 幼儿园 课程 考试 高考 文凭试 DSE "
            "通识 教科书 学位 毕业生 留学 学院 教育局 办学 课堂 校园 学童",
    "科技": "科技 科学 科学家 科研 科技创新 航天 卫星 火箭 探月 嫦娥 5G 人工智能 芯片 互联网 "
            "数码 数字化 软件 实验室 院士 研发 北斗 空间站 量子 大数据 机器人 区块链",
    "体育": "体育 比赛 赛事 冠军 奥运 冬奥 足球 篮球 乒乓 排球 游泳 运动员 教练 联赛 世界杯 锦标赛 "
            "马拉松 金牌 选手 球队 港队 国乒 女排 亚运 滑雪 滑冰 全运会 田径 羽毛球 网球 击剑 国足",
    "国际": "美国 特朗普 拜登 日本 韩国 朝鲜 北韩 南韩 俄罗斯 英国 欧盟 欧洲 德国 法国 印度 伊朗 "
            "以色列 联合国 外交部 外长 大使 总统 首相 中美 国际 世卫 北约 巴西 澳洲 澳大利亚 加拿大 "
            "东盟 非洲 中东 叙利亚 阿富汗 菲律宾 越南 泰国 缅甸 新加坡 马来西亚 印尼 一带一路 外国 "
            "各国 白宫 国务卿 蓬佩奥 普京 安倍 默克尔 马克龙 峰会 建交",
    "生活": "美食 餐厅 食谱 旅游 旅行 游客 景区 假期 春节 过年 年货 节日 习俗 购物 时尚 宠物 "
            "咖啡 茶餐厅 减肥 家居 婚姻 美酒 菜式 食材 烹饪 甜品 游记 年味 灯会 庙会 亲子",
}
# 人民日报 column labels that say the subject outright.
COLUMN_SUBJECTS: dict[str, str] = {
    "钟声": "国际", "和音": "国际", "国际论坛": "国际", "国际视点": "国际", "大使随笔": "国际",
    "环球走笔": "国际", "国际观察": "国际", "体坛观澜": "体育", "看台人语": "体育",
    "体育大看台": "体育", "名师谈艺": "文化", "艺海观澜": "文化", "文化脉动": "文化",
    "科技大观": "科技", "科技视点": "科技", "法治头条": "法治", "以案说法": "法治",
    "健康焦点": "卫生健康", "一线抗疫群英谱": "卫生健康",
    "患难见真情 共同抗疫情": "国际", "大使新春寄语": "国际", "他山之石": "国际",
    "英雄烈士谱": "文化", "文物有话说": "文化", "新书评介": "文化", "光影视界": "文化",
}
SEED_HEAD = 300
MIN_SCORE = 3.0  # seed weight needed for a label
MIN_RATIO = 2.0  # ... and this many times the runner-up's
VOCAB = 12000  # words kept in the shipped model
SMOOTH = 0.1  # additive smoothing of word counts
MIN_PER_SOURCE = 50  # articles of a topic each paper needs for the even mix


def seed_patterns() -> dict[str, re.Pattern]:
    return {t: re.compile("|".join(sorted(map(re.escape, s.split()), key=len, reverse=True)))
            for t, s in SEEDS.items()}


def weak_label(article, patterns) -> str | None:
    """A subject from seed counts and column labels, or None when unclear."""
    heads = fold(" ".join(filter(None, (article.pretitle, article.title, article.subtitle))))
    for column in re.findall(r"[（(]([^（）()]{2,14})[）)]", heads):
        for part in re.split(r"[·・]", column):
            if part in COLUMN_SUBJECTS:
                return COLUMN_SUBJECTS[part]
    tags = fold(" ".join(article.tags or []))
    head = fold(article.text[:SEED_HEAD])
    score = {t: 3 * len(p.findall(heads)) + 2 * len(p.findall(tags)) + len(p.findall(head))
             for t, p in patterns.items()}
    ranked = sorted(score.items(), key=lambda kv: -kv[1])
    (top, s1), (_, s2) = ranked[0], ranked[1]
    return top if s1 >= MIN_SCORE and s1 >= MIN_RATIO * s2 else None


def training_articles(corpus: Path, excluded: set[str]) -> list:
    """Corpus articles usable for training: with text, Chinese, not in the gold set or a copy of one."""
    articles = []
    for name in ("rmrb_dev.jsonl.gz", "hk_dev.jsonl.gz"):
        articles += [a for a in read_file(corpus / name) if hasattr(a, "text")]
    gold_titles = {a.title for a in articles if a.id in excluded}
    seen, out = set(), []
    for a in articles:
        if a.id in excluded or a.title in gold_titles or len(a.text) < 50:
            continue
        if a.section == "tri-angles" or (a.title, a.text[:200]) in seen:
            continue  # English section; revision copies would count twice
        seen.add((a.title, a.text[:200]))
        out.append(a)
    return out


def fit(docs: list[Counter], labels: list[tuple[int, int]], k: int):
    """Class priors and smoothed log P(word | class) over the most informative words.

    ``labels`` are (topic, source) pairs. Where both papers have enough
    articles of a topic, its word distribution is the even mix of the two
    papers' distributions: 眾新聞's 30,000 articles would otherwise make
    时政 mean Hong Kong politics only, and 人民日报's political vocabulary
    (全体会议, 初心使命) would drift to whichever small topic it fills.
    """
    totals = np.zeros((k, 2))
    per_word: dict[str, np.ndarray] = defaultdict(lambda: np.zeros((k, 2)))
    for counts, (y, src) in zip(docs, labels):
        for w, c in counts.items():
            per_word[w][y, src] += c
        totals[y, src] += 1
    # Keep words seen often enough whose distribution over topics is most
    # uneven (mutual information with the topic).
    grand = sum(per_word.values()).sum(axis=1)
    pc = grand / grand.sum()
    scored = []
    for w, table in per_word.items():
        row = table.sum(axis=1)
        n = row.sum()
        if n < 8:
            continue
        pw = row / n
        mi = n * float(np.sum(np.where(pw > 0, pw * np.log(np.maximum(pw, 1e-12) / pc), 0)))
        scored.append((mi, w))
    vocab = [w for _, w in sorted(scored, reverse=True)[:VOCAB]]
    # The seed words themselves stay, however rare, as whole words.
    seeds = {w for words in SEEDS.values() for s in words.split() for w in query_words(s)}
    vocab += sorted(w for w in seeds - set(vocab) if w in per_word)
    tables = np.array([per_word[w] for w in vocab]) + SMOOTH  # words x topics x sources
    by_source = tables / tables.sum(axis=0)
    pooled = tables.sum(axis=2) / tables.sum(axis=(0, 2))
    mixed = np.where(totals.min(axis=1) >= MIN_PER_SOURCE, by_source.mean(axis=2), pooled)
    # Priors are flattened (square root of the label counts): 眾新聞's politics
    # would otherwise swamp the rarer topics.
    prior = np.sqrt(totals.sum(axis=1) + 1)
    return np.log(prior / prior.sum()), np.log(mixed), vocab


def predict(docs, log_prior, log_prob, vocab):
    index = {w: i for i, w in enumerate(vocab)}
    out = []
    for counts in docs:
        known = [(index[w], c) for w, c in counts.items() if w in index]
        s = log_prior.copy()
        if known:
            rows, weights = zip(*known)
            s = s + np.asarray(weights) @ log_prob[list(rows)]
            n = sum(weights)
        else:
            n = 1
        top2 = np.argsort(-s)[:2]
        out.append((int(top2[0]), float((s[top2[0]] - s[top2[1]]) / n)))
    return out


@click.command()
@click.option("--corpus", type=click.Path(path_type=Path, file_okay=False),
              default=ROOT.parent / "shared" / "corpus", show_default=True)
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False),
              default=ROOT / "search" / "topic_model.json", show_default=True)
@click.option("--self-train/--no-self-train", default=True, show_default=True)
def main(corpus: Path, out: Path, self_train: bool) -> None:
    excluded = {json.loads(line)["article_id"] for line in GOLD.read_text("utf-8").splitlines() if line.strip()}
    articles = training_articles(corpus, excluded)
    patterns = seed_patterns()
    weak = [weak_label(a, patterns) for a in articles]
    click.echo(f"{len(articles)} training articles, {sum(w is not None for w in weak)} weakly labelled: "
               + ", ".join(f"{t} {n}" for t, n in Counter(w for w in weak if w).most_common()))
    docs = [features(a) for a in articles]
    k = len(SUBJECTS)
    sources = [int(a.paper != "人民日报") for a in articles]
    labelled = [(d, (SUBJECTS.index(w), src)) for d, w, src in zip(docs, weak, sources) if w]
    log_prior, log_prob, vocab = fit([d for d, _ in labelled], [y for _, y in labelled], k)
    if self_train:
        # Add the unlabelled articles the first model is sure of (a per-word
        # margin above the median of its own margins on them).
        rest = [(d, src) for d, w, src in zip(docs, weak, sources) if not w]
        guesses = predict([d for d, _ in rest], log_prior, log_prob, vocab)
        cut = float(np.median([m for _, m in guesses]))
        extra = [(d, (y, src)) for (d, src), (y, m) in zip(rest, guesses) if m > cut]
        click.echo(f"self-training adds {len(extra)} of {len(rest)} unlabelled articles")
        labelled += extra
        log_prior, log_prob, vocab = fit([d for d, _ in labelled], [y for _, y in labelled], k)
    model = {
        "about": "search.topics naive Bayes: log P(word|topic) x100 per word, topics in order; "
                 "built by scripts/train_topics.py",
        "topics": SUBJECTS,
        "log_prior": [round(v * 100) for v in log_prior],
        "words": {w: [round(v * 100) for v in row] for w, row in zip(vocab, log_prob)},
    }
    out.write_text(json.dumps(model, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    click.echo(f"wrote {out} ({out.stat().st_size:,} bytes, {len(vocab)} words)")


if __name__ == "__main__":
    main()
