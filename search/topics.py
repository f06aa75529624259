"""Topics: a fixed taxonomy of 13 and a transparent classifier that puts articles in it.

Each article gets one or two topics, best first. 评论 (opinion) is a genre, not a
subject, so it is decided by rules (the source's section, the paper's column
labels, an editorial byline) and the subject follows it as the second topic.
The subject comes from multinomial naive Bayes over words: a table of
P(word | topic) built by ``scripts/train_topics.py`` from weakly labelled
corpus articles and shipped as ``search/topic_model.json``. Every decision can
be explained by the words that weighed most (``Classifier.explain``).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

import numpy as np

from search.analysis import fold, folded_words, query_words

# The taxonomy. Scopes are one line each; docs and the labelling guide use them.
SCOPES: dict[str, str] = {
    "时政": "politics and governance of the mainland, Hong Kong, Macau and Taiwan: leaders, "
            "party, congresses, elections, legislatures, protests as political events, defence",
    "经济": "economy: industry, agriculture, business, finance, markets, trade, prices, jobs, "
            "infrastructure projects, the tourism trade",
    "社会民生": "society and livelihood: poverty relief, welfare, housing, transport services, "
                "community, environment and ecology, labour, ordinary people's stories",
    "法治": "law and justice: crime, police cases, courts and trials, prosecutors, legal reform, "
            "anti-corruption and discipline cases",
    "安全应急": "safety and emergencies: fires, accidents, disasters, weather emergencies, "
                "production and food safety, rescue",
    "卫生健康": "health: medicine, hospitals, public health, epidemics (COVID-19 prevention "
                "and treatment), mental health",
    "文化": "culture: arts, film, music, books, heritage, history and memory, religion, "
            "the press as an institution",
    "教育": "education: schools, universities, students, teachers, exams, curricula",
    "科技": "science and technology: research, space, the internet, telecoms, innovation",
    "体育": "sport: competitions, athletes, clubs, the Olympics, fitness campaigns",
    "国际": "other countries and international relations, China's diplomacy included",
    "评论": "opinion (a genre): editorials, commentary columns, op-eds, readers' letters, "
            "theory articles; the subject goes second",
    "生活": "daily life and leisure: food, travel, festivals and customs, shopping, "
            "personal and family essays",
}
TOPICS: tuple[str, ...] = tuple(SCOPES)
COMMENT = "评论"

MODEL_PATH = Path(__file__).with_name("topic_model.json")

# What the classifier reads: the headline lines count three times (they name
# the subject), 眾新聞 tags twice, and only the head of the body, because the
# lead says what the story is about and segmenting whole texts would not reach
# 2,000 articles a second.
TITLE_WEIGHT = 3.0
TAG_WEIGHT = 2.0
HEAD_CHARS = 400

# A second subject only when it is nearly as likely as the first: the gap in
# log-probability per word read. On the labelled set a gap of 0.12 gave 16
# second subjects of which 8 were gold topics; 0.08 keeps the surer ones.
SECOND_GAP = 0.08

# 眾新聞 sections that hold opinion (眾說 blogs and letters, 眾觀 commentary,
# 眾坊 one op-ed).
COMMENT_SECTIONS = frozenset({"眾說", "眾觀", "眾坊"})
# 人民日报 opinion and theory columns, as printed in brackets after a title
# (（人民时评）, （钟声）); report columns such as （国际视点） are left out.
COMMENT_COLUMNS = frozenset(
    "人民时评 人民论坛 快评 今日谈 评论员观察 大家手笔 钟声 和音 国际论坛 新论 新语 民生观 "
    "有的放矢 思想纵横 人民要论 纵横 人民观点 金台锐评 社论 观象台 说道 治理者说 一线视角 "
    "体坛观澜 看台人语 微言 创新谈 大使随笔 新知新觉 学苑论衡 生活漫步 经济形势理性看 "
    "暖闻热评 人民观察 财经观 评论员文章 望海楼 求是".split())
_COLUMN = re.compile(r"[（(]([^（）()]{2,14})[）)]")
# Editorials: "本报评论员" in the credit, or a subtitle "——论学习贯彻…".
_EDITORIAL = re.compile(r"评论员|^——论")


def is_comment(article) -> bool:
    """Whether the article is opinion by its section, column label or byline."""
    if (getattr(article, "section", None) or "") in COMMENT_SECTIONS:
        return True
    heads = " ".join(filter(None, (article.title, getattr(article, "pretitle", None),
                                   getattr(article, "subtitle", None))))
    for label in _COLUMN.findall(fold(heads)):
        if any(part in COMMENT_COLUMNS for part in re.split(r"[·・]", label)):
            return True
    credit = fold((getattr(article, "byline", None) or "") + " " + article.text[:30])
    return bool(_EDITORIAL.search(credit) or _EDITORIAL.search(getattr(article, "subtitle", None) or ""))


def features(article) -> Counter:
    """Weighted word counts of an article's headline lines, tags and body head."""
    counts: Counter = Counter()
    heads = " ".join(filter(None, (getattr(article, "pretitle", None), article.title,
                                   getattr(article, "subtitle", None))))
    for word in query_words(heads):
        counts[word] += TITLE_WEIGHT
    for tag in getattr(article, "tags", None) or ():
        for word in query_words(tag):
            counts[word] += TAG_WEIGHT
    for word in folded_words(fold(article.text)[:HEAD_CHARS]):  # (the indexer keeps the fold)
        counts[word] += 1.0
    # Digits and single Latin letters say nothing about a topic.
    for word in [w for w in counts if w.isdigit() or (len(w) == 1 and w.isascii())]:
        del counts[word]
    return counts


class Classifier:
    """Multinomial naive Bayes over words for the subject topics, plus the 评论 rule."""

    def __init__(self, topics: list[str], log_prior: list[float], words: dict[str, list[float]]):
        self.topics = list(topics)
        self.log_prior = np.asarray(log_prior, dtype=np.float64)
        self.index = {w: i for i, w in enumerate(words)}
        self.log_prob = np.asarray(list(words.values()), dtype=np.float64).reshape(len(words), len(topics))

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> Classifier:
        """Read a model written by ``scripts/train_topics.py``."""
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        # Stored as hundredths of a natural log to keep the file small.
        words = {w: [v / 100 for v in row] for w, row in data["words"].items()}
        return cls(data["topics"], [v / 100 for v in data["log_prior"]], words)

    def scores(self, counts: Counter) -> tuple[np.ndarray, float]:
        """Log-probability of each subject topic, and the weight of the words known."""
        known = []
        for w, c in counts.items():
            if w in self.index:
                known.append((self.index[w], c))
            elif len(w) == 4:
                # An unseen four-character compound (消防安全, 火灾事故) still
                # says what its two halves say.
                known += [(self.index[h], c) for h in (w[:2], w[2:]) if h in self.index]
        if not known:
            return self.log_prior.copy(), 0.0
        rows, weights = zip(*known)
        weights = np.asarray(weights)
        return self.log_prior + weights @ self.log_prob[list(rows)], float(weights.sum())

    def subjects(self, article) -> list[str]:
        """The subject topics, best first: one, or two when the second is nearly as likely."""
        scores, weight = self.scores(features(article))
        order = np.argsort(-scores)
        first, second = order[0], order[1]
        best = [self.topics[first]]
        if weight and (scores[first] - scores[second]) / weight <= SECOND_GAP:
            best.append(self.topics[second])
        return best

    def classify(self, article) -> list[str]:
        """One or two topics for an article, best first."""
        subjects = self.subjects(article)
        if is_comment(article):
            return [COMMENT, subjects[0]]
        return subjects

    def explain(self, article, n: int = 8) -> list[tuple[str, float]]:
        """The words that most favour the article's first subject over the runner-up."""
        counts = features(article)
        scores, _ = self.scores(counts)
        first, second = np.argsort(-scores)[:2]
        pull = {w: c * (self.log_prob[self.index[w], first] - self.log_prob[self.index[w], second])
                for w, c in counts.items() if w in self.index}
        return sorted(pull.items(), key=lambda kv: -kv[1])[:n]

    def top_words(self, topic: str, n: int = 20) -> list[str]:
        """The words most typical of a topic: highest P(word | topic) / P(word | others)."""
        k = self.topics.index(topic)
        others = np.delete(self.log_prob, k, axis=1)
        lift = self.log_prob[:, k] - np.logaddexp.reduce(others, axis=1) + np.log(others.shape[1])
        # Weight by how common the word is in the topic so rare names do not win.
        rank = lift * np.exp(self.log_prob[:, k] - self.log_prob[:, k].max())
        words = list(self.index)
        return [words[i] for i in np.argsort(-rank)[:n]]


@lru_cache(maxsize=1)
def default_classifier() -> Classifier:
    """The shipped model, loaded on first use."""
    return Classifier.load(MODEL_PATH)


def classify(article) -> list[str]:
    """One or two topics from TOPICS for an article, best first."""
    return default_classifier().classify(article)
