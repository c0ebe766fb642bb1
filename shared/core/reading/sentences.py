"""Splits a text into sentences and weighs them by position: the news sits in the title and lead.

Offsets are kept, so phrase hits found on the whole text map back to their sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from .cues import SECTION_HEADINGS

# A sentence ends at . ! ? before a capital, digit or quote, at a line break, or after 。！？；
# Every sentence end in one pattern led by its mark, so the engine skips the text between marks;
# after . ! ? come closing quotes or brackets, then space, then what may open a sentence.
_END = re.compile(
    r"[.!?\n。！？；](?:(?<=[.!?])[\"”’)\]]*\s+(?=[\"“‘(\[A-Z0-9\u4e00-\u9fff])|(?<=\n)\n*|(?<=[。！？；]))"
)
# Abbreviations whose full stop does not end a sentence ("U.S. Commerce", "No. 61").
_ABBREVIATIONS = frozenset(
    "U.S. U.K. U.N. No. Nos. Mr. Ms. Mrs. Dr. Inc. Co. Corp. Ltd. St. Jan. Feb. Mar. Apr. Jun. "
    "Jul. Aug. Sep. Sept. Oct. Nov. Dec. e.g. i.e. vs. approx. Gen. Sen. Rep. Gov. Art. Sec. "
    "Fig. U.S.A. a.m. p.m. Bros.".split()
)


def _abbreviation(full: str, dot: int) -> bool:
    """Whether the full stop at `dot` closes an abbreviation or an initial ("George W.")."""
    word = full[max(0, dot - 8) : dot + 1].rsplit(None, 1)[-1].lstrip('("“')
    return word in _ABBREVIATIONS or (len(word) == 2 and word[0].isupper())


# Page debris and header fields ("Share this article", "Menu | Markets", "Posted Nov. 6, 2025",
# "Agency: ...", a dateline alone): they take no lead position and count for little.
_DEBRIS_OPENING = re.compile(
    r"\s*(?:share\b|print\b|menu\b|subscribe\b|sign up\b|sign in\b|log in\b|leave a (?:reply|comment)"
    r"|related\b|tags?\b|comments?\b|\(?\d+\)? comments?\b|click here|advertisement|read more|copy link"
    r"|privacy|cookie|photo:|image:|file (?:photo|picture|image)\b|also read\b|see also\b|read also\b"
    r"|recommended\b|more from\b|most read\b|trending\b|you may also like|listen to|follow us"
    r"|by (?:our|a|the) |about the author"
    r"|for further information|affiliate|(?:written|authored|posted|edited|reported) by\b"
    # a newsletter's contents line: its items are other stories
    r"|in (?:today'?s|this|this week'?s) (?:issue|edition)\b|inside (?:this|today'?s) (?:issue|edition)\b)",
    re.IGNORECASE,
)
# The same furniture on Chinese pages: source, editor and share lines, "related news", print and
# correction buttons ("来源：", "责任编辑：", "【纠错】【打印】", "分享到：", "相關新聞：").
_CN_FURNITURE_WORDS = (
    "来源 來源 责任编辑 責任編輯 编辑 編輯 校对 校對 审核 審核 作者 撰文 出版 记者 記者 "
    "相关新闻 相關新聞 相关阅读 相關閱讀 相关报道 相關報導 延伸阅读 延伸閱讀 推荐阅读 推薦閱讀 热门推荐 "
    "熱門推薦 分享到 分享 扫一扫 掃一掃 打印 列印 纠错 糾錯 关闭 關閉 原标题 原標題 本文链接 本文鏈接 "
    "原文链接 热度 熱度 免责声明 免責聲明 版权所有 版權所有 标签 標籤 关键词 關鍵詞 发布时间 發布時間 "
    "發佈時間 时间 時間 更新 返回"
).split()
# A time stamp may lead the line ("2025-12-04 10:23:45 来源：…").
_CN_DEBRIS = re.compile(
    r"\s*(?:\d[\d\-/:.年月日 ]{5,24})?\s*[【\[(（]?\s*(?:"
    + "|".join(sorted(_CN_FURNITURE_WORDS, key=len, reverse=True))
    + r")\s*(?:[:：】\]）)|]|$)"
)
# Page furniture that runs to a full sentence: author bios, firm blurbs, subscription pitches,
# picture credits, rights notices. Anywhere in a sentence, it makes the sentence debris.
_BOILERPLATE = re.compile(
    r"all rights reserved|\bcopyright\b|©|getty images|\(image credit|image credit:|photo credit"
    r"|sign up (?:for|to) (?:our|the)|subscribe to (?:our|the)|newsletter|register for|"
    r"is an? (?:[\w-]+ ){0,4}firm (?:with|that|of)\b|\bwe use cookies|this website uses|"
    r"(?:is|was) (?:a|an) (?:news )?(?:writer|reporter|journalist|editor|correspondent)\b"
    r"|graduate of|editorial policy|fact checked by|contributing writer|"
    r"the views expressed|for more information, (?:visit|contact)|click to share|open in app"
)
# Words every furniture phrase holds one of: most sentences hold none and skip the pattern.
_FURNITURE_HINTS = (
    "rights reserved",
    "copyright",
    "©",
    "getty",
    "credit",
    "sign up",
    "subscribe",
    "newsletter",
    "register for",
    " firm ",
    "cookies",
    "this website",
    "writer",
    "reporter",
    "journalist",
    "editor",
    "correspondent",
    "graduate of",
    "fact checked",
    "views expressed",
    "for more information",
    "click to share",
    "open in app",
)


def _furniture(sentence: str) -> bool:
    low = sentence.lower()
    return any(h in low for h in _FURNITURE_HINTS) and _BOILERPLATE.search(low) is not None


_FIELD = re.compile(r"\s*[A-Z][A-Za-z ]{1,24}:\s")
_DATE_WORDS = re.compile(
    r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?|\b(?:mon|tues|wednes|thurs|fri"
    r"|satur|sun)day\b|\b(?:a\.m|p\.m|am|pm|et|gmt|utc|bst|cet|cest|edt|est|pdt|pst|ist|jst|hkt|sgt"
    r"|date|dateline|posted|published|updated|on|at|last|ago|hours?|mins?|minutes?|read"
    r"|(?:media|press|news) release|for immediate release)\b|[\d\W_年月日]+"
)
DEBRIS_WEIGHT = 0.1
DEBRIS_POSITION = 99  # never in the lead
_DEBRIS_MAX = 110  # characters; longer lines are prose
_DATELINE_MAX = 48
_DATELINE_LABEL = re.compile(
    r"(?:[A-Z][\w.'’-]*|and|of)(?:[\s,]+(?:[A-Z][\w.'’-]*|release|statement|item|and|of))*"
)
_DATELINE_DASH = re.compile(r"\s[—–-]\s")


# "By Jane Doe / May 2, 2025": a byline naming its writer.
_NAME = r"[A-Z][a-z]+(?: [A-Z][a-z.'-]+){1,3}"
_BYLINE = re.compile(rf"\s*By {_NAME}(?:(?:,| and| &) {_NAME})*(?:\s*[/|,]|\s*$)")


def _debris(line: str, opening: bool = False) -> bool:
    """Whether a whole line is page furniture; `opening`: it opens the text, where a short line
    is the headline rather than a label."""
    if _BYLINE.match(line):
        return True
    if (
        not opening
        and len(line) <= _FRAGMENT_MAX
        and _FRAGMENT.match(line)
        and not line.rstrip().endswith((":", "："))
    ):
        return True  # a byline, section name or stamp on a line of its own
    head = line.lstrip()[:1]
    if head in _DEBRIS_FIRST and _DEBRIS_OPENING.match(line):
        return True
    if not head.isascii() and _CN_DEBRIS.match(line):
        return True
    if head == "#" or " | " in line or " · " in line or line.count(" / ") >= 2:
        return True
    if ":" in line[:26] and _FIELD.match(line):
        return True
    if len(line) > _DATELINE_MAX or _DIGIT.search(line) is None:
        return False
    rest = _DATE_WORDS.sub(" ", line).strip()
    # "BUSAN, South Korea — October 30, 2025", "Media release — 21 October 2025": a place or a
    # release label before the date, no sentence
    labelled = _DATELINE_LABEL.fullmatch(rest) is not None
    return not rest or (not opening and labelled and _DATELINE_DASH.search(line) is not None)


def chinese_furniture(line: str) -> bool:
    """A Chinese page's source, editor, share or time line ("2025-12-04 10:23 来源：…")."""
    return _CN_DEBRIS.match(line) is not None


# "Background.", "Why it matters:", "US developments to watch.": a section heading on its own line.
_HEADING = re.compile(
    r"\s*(?:(?:[A-Za-z]{2,4}|[A-Z][a-z]+)\s+)?(?:"
    + "|".join(re.escape(h) for h in sorted(SECTION_HEADINGS, key=len, reverse=True))
    + r")\s*[.:：]?\s*$",
    re.IGNORECASE,
)
_HEADING_MAX = 40


def _heading(line: str) -> bool:
    return len(line) <= _HEADING_MAX and _HEADING.match(line) is not None


# A line of a few words with no closing mark is a label, not a sentence ("- Myind Staff").
_FRAGMENT = re.compile(r"\s*[-•*–]?\s*(?:[^\s.!?。！？]+\s+){0,4}[^\s.!?。！？]*\s*$")
_FRAGMENT_MAX = 40
_DEBRIS_FIRST = frozenset("SsPpMmLlRrTtCcAaIiFfBbWwEeYy(0123456789")
_DIGIT = re.compile(r"\d")


TITLE_WEIGHT = 2.5
# Body sentences by position; the rest get the last value.
LEAD_WEIGHTS = (1.6, 1.25, 1.0, 0.7, 0.6, 0.5)
TAIL_WEIGHT = 0.35


@dataclass(slots=True)
class Sentence:
    index: int
    start: int
    end: int
    weight: float
    is_title: bool
    position: int  # 0 for the first body sentence; -1 for the title


def split(full: str, title_end: int) -> list[Sentence]:
    """Sentences of `full`; when title_end > 0 the first title_end characters are the title."""
    spans: list[tuple[int, int]] = []
    if title_end > 0:
        spans.append((0, title_end))
    start = title_end
    search = _END.search
    at_most = len(full)
    pos = title_end
    while pos < at_most:
        match = search(full, pos)
        if match is None:
            break
        at = match.start()
        mark = full[at]
        if mark == "\n":
            end = at
        elif mark in ".!?":
            if mark == "." and _abbreviation(full, at):
                pos = at + 1  # a newline inside the space after it may still end the sentence
                continue
            end = at + 1
        else:
            end = at + 1
        resume = match.end()
        if end > start and full[start:end].strip():
            spans.append((start, end))
        start = pos = resume
    if full[start:].strip():
        spans.append((start, len(full)))
    sentences = []
    body = 0
    for i, (a, b) in enumerate(spans):
        if title_end > 0 and i == 0:
            sentences.append(Sentence(i, a, b, TITLE_WEIGHT, True, -1))
            continue
        whole_line = (a == 0 or full[a - 1] == "\n") and (b == len(full) or full[b] == "\n")
        if (
            (whole_line and b - a <= _DEBRIS_MAX and _debris(full[a:b], a == 0))
            or (a > 0 and _heading(full[a:b]))  # "Background." on its own line or run in
            or (body < len(LEAD_WEIGHTS) and _furniture(full[a:b]))  # furniture in the lead
        ):
            sentences.append(Sentence(i, a, b, DEBRIS_WEIGHT, False, DEBRIS_POSITION))
            continue
        weight = LEAD_WEIGHTS[body] if body < len(LEAD_WEIGHTS) else TAIL_WEIGHT
        sentences.append(Sentence(i, a, b, weight, False, body))
        body += 1
    return sentences


class Locator:
    """Maps a character offset to the index of the sentence holding it."""

    def __init__(self, sentences: list[Sentence]) -> None:
        self._starts = [s.start for s in sentences]

    def __call__(self, offset: int) -> int:
        return max(0, bisect_right(self._starts, offset) - 1)
