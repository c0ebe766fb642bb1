"""The event type: the sentences' votes added up, weighted towards the title and lead.

A text reports an event when its lead carries enough weight for one type; otherwise it is
commentary or not of this field. Explainers' and judging titles need a stronger lead, a deal
whose lead reports one easing measure takes that measure's type (README, How a text is read),
and a long piece may still report one dated measure further on. The sentences that carry the winning type are
returned with it: the field readers read them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import NamedTuple

from chokewatch.shared.messages import EventType

from .cues import CHIP_FIRMS, DUAL_USE, MINERAL_FIRMS, MOFCOM
from .direction import NEGATION_REACH, negated
from .element_scope import LIST_WINDOW
from .issuers import OBJECT_PREP
from .roles import NEWS_TIME
from .sentence_cues import NO_HITS, CuedSentence
from .sentences import DEBRIS_WEIGHT
from .type_vote import MEASURES, Votes, listed, sentence_votes

EVENT_TYPES = (
    EventType.mineral_export_control,
    EventType.chip_export_control,
    EventType.tariff,
    EventType.trade_talks,
    EventType.sanctions,
    EventType.supply_disruption,
    EventType.industrial_policy,
)
# Minimum weighted support in the title and first sentences for a text to report an event.
LEAD_EVENT_MIN = 1.0
_QUESTION_LEAD_MIN = 2.5  # what a judging title's lead needs
_COMMENT_RATIO = 3.0  # commentary words outweighing the lead's votes this much: commentary
# Titles that announce a form which reports no news of its own.
_COMMENTARY_FORM = re.compile(
    r"^\s*(?:opinion|podcast|column|explainer|quiz|review|editorial|newsletter|webinar|q&a)\b"
    r"|^\s*(?:专家|專家|深度|财经|財經)?(?:分析|评论|評論|解读|解讀|观点|觀點|社论|社論|社评|社評|短评|短評"
    r"|观察|觀察|视点|視點)\s*[:：｜|]"
    r"|^\s*(?:[^:：]{0,6}评论员文章|[^:：]{0,6}評論員文章)"
    # "一文读懂…", "一图看懂…", "科普：": an explainer
    r"|(?:一文|一图|一圖|一張圖)(?:读懂|看懂|讀懂|了解)|^\s*(?:科普|盘点|盤點|小知识|小知識)"
    # "稀土周评：", "金属市场週報：": a market review's rubric
    r"|^[^:：]{0,8}(?:周评|週評|日评|日評|月评|月評|周报|週報|述评|述評|时评|時評|综述|綜述)\s*[:：]"
    # "2025年中美经贸关系回顾：…", "年度回顾：…", "relations in 2025: a year of tariffs", "from trade
    # war to truce": a look back over a year or a stretch of relations
    r"|(?:回顾|回顧|复盘|復盤)\s*(?:[:：]|20\d\d)|(?:年度|年终|年終)(?:回顾|回顧|盘点|盤點)|从(?:关税战|贸易战)到"
    r"|20\d\d年(?:的)?中美(?:经贸|經貿)?(?:关系|關係)"
    r"|大事记|大事記|(?:这|這)一年"
    r"|\b(?:relations|ties)\s+in\s+20\d\d\b|\ba year of\b|\bfrom (?:a |the )?(?:trade|tariff) war to\b"
    # "2025: the year rare earths became a weapon", "the year that changed the chip trade"
    r"|^\s*20\d\d\s*[:：](?!\d)"
    r"|\bthe year (?:that |when )?(?:[\w'’-]+\s+){0,4}?(?:became|changed|turned|went)\b"
    # "US-China relations: where things stand", "where the trade war stands"
    r"|\bwhere (?:things|ties|relations|talks|matters|it all|we|the [\w-]+(?: [\w-]+)?) stands?\b"
    r"|^\s*the view\s*[:：|\-–—]"
    r"|^\s*(?:letters?|letters to the editor|your views|readers' views)\s*[:：|\-–—]"
    # "A year after China's gallium ban, ...", "Six months on from the truce": an anniversary piece
    r"|^\s*(?:a|one|two|three|six|nine|\d+)\s+(?:years?|months?)\s+(?:after|on from|since)\b"
    r"|^\s*(?:analysis|insight|factbox|breakingviews|commentary|comment|viewpoint|perspective)\s*[:\-–—|]"
    r"|\b(?:quiz|podcast|weekly|what to know|things to know|need to know|things to watch|what to watch"
    r"|to watch (?:in|for)|lessons?|learned|explained"
    r"|a primer|a guide|faq|timeline|look back|looking back|year in review|in charts|in numbers"
    r"|takeaways?|what we learned|what it means|far from over)\b",
    re.IGNORECASE,
)
# Titles of explainers, analysis and market talk: they need a stronger lead to count as news.
_COMMENTARY_TITLE = re.compile(
    r"[?？]|^(?:will|can|should|is|are|does)\b|\b(?:why|how|what|lessons?|learned|opinion|analysis|"
    r"explainer|podcast|column|review|quiz|weekly|outlook|q&a|prices?|markets?|backfired?|backfiring"
    r"|worr(?:y|ies)|future of|limits of|holds the cards|folded|winners?|losers?|means for|playbook"
    r"|wake-up call|gamble|the case for|the case against|myths?|interpreting|differences"
    # Relations told as a whole: "US-China ties: hot and cold", "the ups and downs of ..."
    r"|hot and cold|hot-and-cold|the state of (?:play|relations|ties|the)|ups and downs"
    r"|roller-?coaster|tug of war|tug-of-war"
    r"|love-hate|push and pull|ebb and flow|on-again,? off-again"
    # Features on a firm or a field: "Meet the miner leading the charge on ...", "Inside ..."
    r"|leading the charge|leads the charge|spotlight|in focus"
    r"|(?:lead|leads|leading) the (?:race|push|pack|way|field)|race for|bets? on|betting on|pins? hopes)\b"
    r"|^\s*(?:meet the|inside)\b"
    r"|为何|為何|为什么|為什麼|如何|怎样|怎樣|意味着|意味著|影响几何|影響幾何|前景|展望|现状|現狀|走向何方",
    re.IGNORECASE,
)
# A feature on firms or a field ("Australian miners lead the race for ...", "bets on ..."): its
# firms' plans are the piece's matter, not news, unless the lead dates an act or tells one done.
_FEATURE_TITLE = re.compile(
    r"\b(?:(?:lead|leads|leading) the (?:race|push|pack|way|field|charge)|race for|bets? on|betting on"
    r"|pins? hopes|spotlight|in focus)\b"
    r"|竞逐|競逐|抢滩|搶灘|掘金|领跑|領跑|角逐|加速布局|加快布局",
    re.IGNORECASE,
)
# A headline that argues ("America must not trade away its chip controls", "Europe should ...").
_ARGUING_TITLE = re.compile(
    r"\b(?:must|mustn't|should|shouldn't|ought to|cannot afford to|can't afford to)\b"
    r"|应当|應當|必须|必須|不能再",
    re.IGNORECASE,
)
# "..., senators say", "..., EU chamber urges": a headline that reports someone's call.
_ATTRIBUTED_TITLE = re.compile(
    r"\b(?:says?|said|warns?|urges?|tells?|calls? for)\b|表示|称|稱|呼吁|呼籲", re.IGNORECASE
)
# A lead whose subject is a study ("A report by a Washington think tank says ...", "A new study from
# ... finds", "智库报告显示"): its findings and advice are analysis, not a government's act.
_STUDY_LEAD = re.compile(
    r"\s*(?:a|an|the|new|latest)\s+(?:[\w'’-]+\s+){0,3}?(?:report|study|paper|analysis|survey|white paper"
    r"|research note)\s+(?:by|from|of|published|released|issued)\b"
    r"|\s*(?:[^，,。]{0,12})(?:智库|智庫|研究机构|研究機構)(?:[^，,。]{0,10})(?:报告|報告)",
    re.IGNORECASE,
)
# A sentence opening on a month ("In April, ...", "In early October", "4月，", "10月9日，"): one step
# of a chronicle.
_MONTH_OPENING = re.compile(
    r"\s*(?:(?:in|by|then,? in|and in|back in)\s+(?:(?:early|late|mid-?)\s*)?"
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december)\b"
    r"|(?:今年|去年)?\d{1,2}\s*月(?:\d{1,2}\s*日)?(?:初|中旬|上旬|下旬|底|末)?\s*[，,])",
    re.IGNORECASE,
)
_CHRONICLE_STEPS = 3  # lead sentences opening on a month that make a survey of a stretch of time
_CHRONICLE_REACH = 6  # the body sentences looked at
# "What was agreed", "what's in the deal": a title that asks only to list a new deal's terms.
_NEWS_QUESTION = re.compile(
    r"\bwhat(?:'s| is| was| were| has been| have been)?\s+(?:agreed|decided|announced|signed"
    r"|in (?:the|their|a) (?:[\w'’-]+\s+){0,3}?(?:deal|agreement|framework|truce|statement|notice|rule))\b",
    re.IGNORECASE,
)
# A price set by policy ("price floors for critical minerals") is a measure, not market talk.
_PRICE_POLICY = re.compile(
    r"\b(?:price floors?|floor prices?|minimum (?:import )?prices?|guaranteed prices?|price guarantees?)\b",
    re.IGNORECASE,
)
_DIGEST_TITLE = re.compile(
    r"\b(?:weekly|newsletter|top stories|briefing|digest|round-?up|daily|issue of"
    r"|things to know|what to know|need to know|what it means"
    # "Explainer: what China's new curbs mean": a guide hung on a dated act reports that act
    r"|explainer|explained|factbox|what (?:[\w'’-]+\s+){1,6}means?)\b"
    r"|(?:一文|一图|一圖)(?:读懂|看懂|讀懂)|要点|要點|解读|解讀"
    # "where things stand" or "a year after ..." over a lead that dates a new act reports that act
    r"|^\s*(?:a|one|two|three|six|nine|\d+)\s+(?:years?|months?)\s+(?:after|on from|since)\b"
    r"|\bwhere (?:things|ties|relations|talks|matters|it all|we|the [\w-]+(?: [\w-]+)?) stands?\b",
    re.IGNORECASE,
)
_ASKING_TITLE = re.compile(
    r"^\s*(?:how|what|why|who|which|where|is|are|can|could|should|will|would|might|may|does|do)\b",
    re.IGNORECASE,
)
# "... after the Busan summit": talks named as the occasion of a measure, not as the news.
_TALKS_AS_CONTEXT = re.compile(
    r"\b(?:after|following|at|ahead of|during|on the sidelines of|under|as part of|in line with"
    r"|to implement|as|if|amid|unless)\b[^,.;:]{0,40}"
    r"\b(?:summit|talks|meeting|negotiations|deal|truce|consensus|agreement)\b",
    re.IGNORECASE,
)
# A round of talks held, a deal reached or signed, a meeting set: the news of the talks.
_TALKS_ACT = re.compile(
    r"\b(?:reached|struck|signed|sealed|inked|concluded|wrapped up|agreed (?:to|on|a|an)|held talks"
    r"|met (?:in|on|with|for)|will meet|to meet|set to meet|will hold|to hold|phone call|held a call"
    r"|spoke (?:by phone|with)|talked (?:by phone|with))\b|签署|簽署|签订|簽訂|达成|達成|缔结|締結",
    re.IGNORECASE,
)
# Market news: a title whose subject is a price, a share or a stock index moving ("Antimony
# price hits record", "Miners lead stock rally") reports the market, not a measure.
_MARKET_MOVE = (
    r"(?:rise|rises|rose|jump|jumps|jumped|soar|soars|soared|surge|surges|surged|climb|climbs"
    r"|climbed|rally|rallies|rallied|fall|falls|fell|drop|drops|dropped|slump|slumps|slumped"
    r"|tumble|tumbles|tumbled|plunge|plunges|plunged|sink|sinks|sank|slide|slides|slid|hit|hits"
    r"|gain|gains|gained|spike|spikes|spiked|higher|lower|record)"
)
_MARKET_TITLE = re.compile(
    r"\b(?:prices?|shares|stocks?|equities|futures)\s+(?:[\w'-]+\s+){0,2}?" + _MARKET_MOVE + r"\b"
    r"|\bstocks?\s+to\s+(?:buy|watch|own)\b|\bstocks?\s+(?:could|that could|poised)\b"
    r"|\bstocks?\s+(?:rally|rallies|slump|sell-?off|surge)\b|\blead\w*\s+[\w\s-]{0,30}\bstocks\b"
    r"|\b(?:lead|leads|led)\s+(?:[\w-]+\s+){0,3}?(?:higher|lower|gains|losses|declines|rally)\b"
    r"|(?:股价|股市|价格|價格)(?:小幅|大幅|持续|持續|继续|繼續|再度|明显|明顯)?"
    r"(?:大涨|大跌|上涨|下跌|飙升|暴涨|暴跌|走高|走低|创新高|上漲|下跌|飆升|暴漲|回落|反弹|反彈|走强|走弱)"
    r"|创(?:年内|历史)?新高|創(?:年內|歷史)?新高",
    re.IGNORECASE,
)
# An untitled text whose lead reports a company's results: "A magnet maker reported a 30%
# increase in net profit ...", "posted a 12% rise in half-year operating profit".
_RESULTS_LEAD = re.compile(
    r"\b(?:posts?|posted|reports?|reported|books?|booked|logs?|logged)\s+(?:[\w%.,$€£¥-]+\s+){0,5}?"
    r"(?:in\s+)?(?:(?:net|operating|pre-tax|pretax|quarterly|half-year|first-half|annual|full-year"
    r"|nine-month|third-quarter|second-quarter)\s+)*"
    r"(?:profits?|revenues?|earnings|net income|losses|sales)\b",
    re.IGNORECASE,
)
_NOT_RESULTS = ("control", "tariff", "sanctions", "disruption", "supply_halt")  # a lead that tells a measure
# A company's results: profit, revenue or earnings reported or moving.
_RESULTS_TITLE = re.compile(
    r"\b(?:posts?|reports?|books?|logs?)\s+(?:[\w-]+\s+){0,3}"
    r"(?:profit|revenue|earnings|results|net income|loss|quarter|sales)\b"
    r"|\b(?:profit|revenue|earnings|net income|sales)\s+" + _MARKET_MOVE + r"\b"
    r"|\b(?:quarterly|half-year|half-yearly|annual|full-year)\s+(?:profit|revenue|results|earnings|sales)\b"
    # "beats forecasts", "misses estimates", "swings to profit": results against expectations
    r"|\b(?:beats?|tops?|topped|miss(?:es|ed)?)\s+(?:[\w'-]+\s+){0,2}?(?:forecasts?|estimates|expectations)\b"
    r"|\b(?:swings?|swung)\s+to\s+(?:an?\s+)?(?:[\w-]+\s+)?(?:profit|loss)\b"
    # "营收增长两成" reports results; "营收15%上缴" is a share of sales handed over for a licence
    r"|净利润|业绩|营收[^，,。\s]{0,4}?(?:同比|环比|增|降|下滑|下跌|减少|新高|亿|翻倍|腰斩)"
    r"|\b(?:cuts?|raises?|lowers?|lifts?|trims?|slashes?|keeps?)\s+(?:[\w-]+\s+){0,2}"
    r"(?:outlook|forecast|guidance|sales targets?)\b",
    re.IGNORECASE,
)
_TALKS_PARTIES = frozenset({"US", "CN"})
# Talks words that name a meeting, not a deal ("hails meeting with Xi", "summit"): a title that
# names one beside a measure has not chosen that measure as the deal's news.
_MEETING_WORDS = ("meeting", "met ", "meets", "meet ", "summit", "trump and xi", "xi and trump", "会晤",
                  "会谈")
# Words of something done, decided or told: a judging title whose lead has none is commentary.
_ACT_KINDS = (
    "tightening",
    "easing",
    "enacted",
    "announced",
    "hearsay",
    "numbered",
    "supply_halt",
    "company_measure",
    "reporting",
)
_NOT_NEWS_KINDS = ("speculation", "commentary", "background", "reason")
_SUBJECT_REACH = 40  # characters from a sentence's start where its subject stands
_TITLE_ACTS = ("tightening", "easing", "enacted", "announced", "hearsay", "supply_halt")
# Words of a lasting state: "still requires", "remain slow", "stand at", "so far".
_STATE = re.compile(
    r"\b(?:still|remains?|remained|so far|to date|stands?|continues? to|a year after|months after)\b[^,;.]*$",
    re.IGNORECASE,
)
_STATE_WORD = re.compile(_STATE.pattern.removesuffix(r"[^,;.]*$"), re.IGNORECASE)
_STATE_REACH = 40
_LASTING = re.compile(r"\s+(?:continue|remain|stay|be maintained)\b", re.IGNORECASE)  # "talks will continue"


class Decision(NamedTuple):
    event_type: EventType
    carriers: list[CuedSentence]  # the sentences that report it


class _Tally(NamedTuple):
    totals: defaultdict[EventType, float]  # weighted votes over the whole text
    lead: defaultdict[EventType, float]  # over the title and lead, background aside
    votes_of: list[Votes]  # each sentence's own votes


def decide(sents: list[CuedSentence], title: str, full: str) -> Decision:
    """The event type of a text and the sentences that carry it."""
    tally = _tally(sents)
    if not _relevant(sents, tally.totals):
        return Decision(EventType.not_relevant, [])
    if _RESULTS_TITLE.search(title) or _results_lead(sents, full):
        return Decision(EventType.not_relevant, [])  # a company's results, whatever they mention
    if _MARKET_TITLE.search(title):
        return Decision(EventType.commentary, [])
    lead, votes_of = tally.lead, tally.votes_of
    if not lead or max(lead.values()) < LEAD_EVENT_MIN:
        buried = None if _COMMENTARY_FORM.search(title) else _buried_news(sents, votes_of, full)
        if buried is not None:
            news, etype = buried
            told = [s for s, v in zip(sents, votes_of, strict=True) if etype in v and not s.background]
            return Decision(etype, [news] + [s for s in told if s is not news])
    if not lead:
        return Decision(EventType.commentary, [])
    best = max(lead, key=lambda t: (lead[t] + 0.25 * tally.totals[t], -EVENT_TYPES.index(t)))
    voted = best
    if best is EventType.sanctions and _other_trade_only(sents):
        return Decision(EventType.not_relevant, [])
    if best in (EventType.tariff, EventType.trade_talks) and _other_goods_only(sents):
        return Decision(EventType.not_relevant, [])  # duties on brandy or pork, talks over dairy
    if best is EventType.trade_talks and _talks_only_as_occasion(sents, full):
        # "could extend its controls if trade talks break down": the talks are the backdrop
        measures = [m for m in MEASURES if lead.get(m, 0) >= LEAD_EVENT_MIN]
        if measures:
            best = max(measures, key=lead.__getitem__)
    if best is EventType.trade_talks and _talks_as_climate(sents, tally, full):
        return Decision(EventType.commentary, [])
    if best is EventType.trade_talks:
        best = _deal_news(sents, title, full, tally)
    if best is EventType.trade_talks and _allied_supply_pact(sents, tally, full):
        best = EventType.industrial_policy
        # The pact's own words are its support as a policy of supply.
        tally.lead[best] = max(tally.lead[best], tally.lead[EventType.trade_talks])
    elif best in MEASURES and EventType.trade_talks in lead and disputed(sents):
        best = EventType.trade_talks  # "accuses Beijing of breaking the tariff deal": the deal's news
    elif voted in MEASURES and _both_sides_relieve(sents, tally, full):
        best = EventType.trade_talks  # a measure-led headline over a deal of several measures
    return _judged(best, sents, title, full, tally)


def _tally(sents: list[CuedSentence]) -> _Tally:
    totals: defaultdict[EventType, float] = defaultdict(float)
    lead: defaultdict[EventType, float] = defaultdict(float)
    votes_of: list[Votes] = []
    notice = (
        any(s.cues("numbered") for s in sents if s.in_lead)
        and any(
            s.elements and s.cues("control") and not s.cues("chip")
            for s in sents[: LIST_WINDOW + 1]
            if not s.background
        )
    ) or _chinese_control_lead(sents)
    subject = _text_subject(sents)
    for s in sents:
        votes = sentence_votes(s, notice, subject)
        votes_of.append(votes)
        for etype, v in votes.items():
            totals[etype] += v * s.weight
            if s.in_lead and not s.background:
                lead[etype] += v * s.weight
    return _Tally(totals, lead, votes_of)


def _results_lead(sents: list[CuedSentence], full: str) -> bool:
    """An untitled text that opens on a company's results (no government acts in that sentence)."""
    if not sents or sents[0].info.is_title:
        return False
    first = next((s for s in sents if s.info.position == 0), None)
    if first is None or any(first.cues(k) for k in _NOT_RESULTS):
        return False  # "Ford reported a $1bn loss from a plant stopped for want of magnets": the stop
    return _RESULTS_LEAD.search(full, first.info.start, first.info.end) is not None


def _chinese_control_lead(sents: list[CuedSentence]) -> bool:
    """A Chinese ministry's control told in the lead with no goods named and no chip anywhere
    ("暂停实施第61号公告", "加强两用物项对日本出口管制"): a measure known by its number or by its
    dual-use list, which LABELS.md counts as one on minerals."""
    own = [s for s in sents if s.info.weight > DEBRIS_WEIGHT]
    if any(s.cues("chip") or s.elements or s.hits.get("mineral") or _chip_firm(s) for s in own):
        return False
    lead = [s for s in own if s.in_lead and not s.background]
    if any(s.cues("targets") for s in lead):
        return False  # "对28家美国实体实施出口管制": a control list of firms is a sanction on them
    return any(_chinese_control(s) for s in lead)


def _chinese_control(s: CuedSentence) -> bool:
    """A control word beside China's commerce ministry, which issues the export-control notices,
    or China's dual-use controls told by any of its voices ("中方依法对日本加强两用物项出口管制")."""
    controls = s.cues("control")
    if not controls:
        return False
    china = [h for h in s.cues("actor") if h.value == "CN"]
    dual_use = any(h.phrase in DUAL_USE for h in controls)
    return any(h.phrase in MOFCOM for h in china) or (bool(china) and dual_use)


def _chip_firm(s: CuedSentence) -> bool:
    return any(h.value in CHIP_FIRMS for h in s.hits.get("company", NO_HITS))


def _relevant(sents: list[CuedSentence], totals: dict[EventType, float]) -> bool:
    # Page furniture ("Related: ...", "Tags: tariffs, rare earths") names other pages' subjects.
    own = [s for s in sents if s.info.weight > DEBRIS_WEIGHT]
    topic = len({h.phrase for s in own for h in s.hits.get("topic", ())})
    mentions = any(_on_the_field(s) for s in own)
    return mentions and (topic >= 2 or sum(totals.values()) >= LEAD_EVENT_MIN)


def _talks_as_climate(sents: list[CuedSentence], tally: _Tally, full: str) -> bool:
    """Talks neither headlined nor dated ("negotiators meet regularly", "talks will continue"):
    the state of relations, told as commentary, not a round of talks."""
    title_votes = tally.votes_of[0] if sents else {}  # the heading, flagged as a title or not
    if any(t in title_votes for t in (EventType.trade_talks, *MEASURES)):
        return False
    return not any(
        s.in_lead
        and not s.info.is_title
        and (
            NEWS_TIME.search(full, s.info.start, s.info.end)
            or _TALKS_ACT.search(full, s.info.start, s.info.end)
        )
        for s in sents
    )


def _deal_news(sents: list[CuedSentence], title: str, full: str, tally: _Tally) -> EventType:
    """A deal whose news is one specific measure takes that measure's type (README, How a text is read)."""
    lead, votes_of = tally.lead, tally.votes_of
    best = EventType.trade_talks
    if disputed(sents):
        return best  # "accuses Beijing of breaking the deal": the deal is the news, not its terms
    title_votes = votes_of[0] if sents[0].info.is_title else {}
    talks = lead[best]
    if sents[0].info.is_title and _talks_only_as_context(sents[0], title):
        # "pauses its rules under the trade truce": the title's talks words name the occasion.
        talks -= title_votes.get(best, 0.0) * sents[0].info.weight
    measures = [m for m in MEASURES if lead.get(m, 0) >= 0.6 * talks]
    for measure in measures:
        # A deal reported by its talks in the title, or one whose lead names several measures
        # (tariffs and minerals), is a deal; one measure in a deal's lead takes the news.
        others = [m for m in MEASURES if m is not measure and lead.get(m, 0) >= 0.5 * lead[measure]]
        talks_title = (
            EventType.trade_talks in title_votes
            and measure not in title_votes
            and not _TALKS_AS_CONTEXT.search(title)
        )
        if not others and not talks_title and _lead_has_easing(sents, votes_of, measure, full):
            return measure
    return best


def _both_sides_relieve(sents: list[CuedSentence], tally: _Tally, full: str) -> bool:
    """A meeting of Washington and Beijing after which the lead eases measures of two kinds
    ("tariffs cut after meeting with Xi, while Beijing will pause its rare earth controls"): a deal
    of several measures, whatever the title leads with, is the talks' news (LABELS.md)."""
    lead = [(s, v) for s, v in zip(sents, tally.votes_of, strict=True) if s.in_lead and not s.background]
    if not any(s.cues("talks") for s, _ in lead):
        return False
    heading = sents[0]
    if (
        heading.info.is_title
        and not _talks_only_as_context(heading, full)
        and any(not h.phrase.startswith(_MEETING_WORDS) for h in heading.cues("talks"))
    ):
        return False  # "extend truce; Beijing to keep gallium flowing": the title picks the deal's term
    if not _TALKS_PARTIES <= {h.value for s, _ in lead for h in s.cues("actor")}:
        return False
    for s, votes in lead:
        # One sentence tells both reliefs ("would lower tariffs, while Beijing would pause its
        # controls"); a measure recalled in a sentence of its own is the background of the other.
        had = [
            h
            for h in s.cues("easing")
            if not negated(full[max(s.info.start, h.start - NEGATION_REACH) : h.start])
        ]
        measures = [m for m in MEASURES if votes.get(m, 0.0) >= 1.0]
        if len(had) >= 2 and len(measures) >= 2 and not s.cues("supply_halt"):
            return True
    return False


def _allied_supply_pact(sents: list[CuedSentence], tally: _Tally, full: str) -> bool:
    """A minerals pact signed between governments other than China, with no tariff or control in
    its lead ("US and Japan sign framework to secure critical mineral supply"): a partnership of
    allies, which LABELS.md counts as industrial policy."""
    lead = tally.lead
    # Stockpiles, investment or price mechanisms told in the lead make the pact a policy of supply.
    policy = lead.get(EventType.industrial_policy) or any(
        s.cues("policy") for s in sents if s.in_lead and not s.background
    )
    if not policy or any(lead.get(m, 0.0) >= LEAD_EVENT_MIN for m in MEASURES):
        return False
    heading = [s for s in sents[:2] if s.info.is_title or s.info.position == 0][:1]
    if not heading:
        return False
    h = heading[0]
    actors = {a.value for a in h.hits.get("actor", NO_HITS)}
    minerals = h.elements or h.hits.get("mineral")
    opening = [s for s in sents if s.info.is_title or s.info.position == 0]
    if len(actors) < 2 and h.info.is_title:
        # "美澳签署…" names the sides in short: the first sentence's subject names them in full.
        first = [s for s in opening if not s.info.is_title][:1]
        actors = {
            a.value
            for s in first
            for a in s.hits.get("actor", NO_HITS)
            if a.start - s.info.start <= _SUBJECT_REACH
        }
    signed = any(_TALKS_ACT.search(full, s.info.start, s.info.end) for s in opening)
    return len(actors) >= 2 and "CN" not in actors and bool(minerals) and signed


def _opinion(s: CuedSentence) -> list:
    """Commentary words that are not also a measure's doubt ("could extend its controls")."""
    doubts = {h.start for h in s.cues("speculation")}
    return [h for h in s.cues("commentary") if h.start not in doubts]


def _talks_only_as_context(s: CuedSentence, full: str) -> bool:
    """Every talks word of the title sits in a phrase naming the talks as the occasion."""
    spans = [(m.start(), m.end()) for m in _TALKS_AS_CONTEXT.finditer(full, s.info.start, s.info.end)]
    talks = s.cues("talks")
    return bool(spans and talks) and all(any(a <= h.start < b for a, b in spans) for h in talks)


def _talks_only_as_occasion(sents: list[CuedSentence], full: str) -> bool:
    """Every talks word of the title and lead names the talks as an occasion or a condition."""
    lead = [s for s in sents if s.in_lead and not s.background and s.cues("talks")]
    return bool(lead) and all(_talks_only_as_context(s, full) for s in lead)


def disputed(sents: list[CuedSentence]) -> bool:
    """The title or lead sentence accuses a side of breaking a deal."""
    return any(
        s.cues("breach") and s.cues("talks")
        for s in sents[:3]
        if (s.info.is_title or s.info.position == 0) and not s.background
    )


def _judged(best: EventType, sents: list[CuedSentence], title: str, full: str, tally: _Tally) -> Decision:
    """The winning type, or commentary when the title's form or a thin lead says so."""
    lead, votes_of = tally.lead, tally.votes_of
    voted = [s for s, v in zip(sents, votes_of, strict=True) if best in v]
    comment = sum(min(3, len(_opinion(s))) * s.info.weight for s in sents if s.in_lead)
    lead_text = " ".join(
        full[s.info.start : s.info.end] for s in sents if not s.info.is_title and s.info.position < 2
    )
    acted = any(
        s.in_lead
        and not s.info.is_title  # a judging title's own words do not report the act
        and not s.background
        and any(kind in s.hits for kind in _ACT_KINDS)
        and not _judged_act(s)
        for s in voted
    )
    # A digest ("Minerals Weekly", "Top stories") or a "things to know" piece that leads with a
    # dated act reports that act.
    # A headline that itself tells the act ("China tightens grip on rare earths: what you need to
    # know") needs only an ordinary lead.
    headline_act = bool(sents) and sents[0].info.is_title and any(sents[0].cues(k) for k in _TITLE_ACTS)
    digest_news = (
        _DIGEST_TITLE.search(title) is not None
        and acted
        and lead[best] >= (LEAD_EVENT_MIN if headline_act else _QUESTION_LEAD_MIN)
        and NEWS_TIME.search(lead_text) is not None
    )
    if digest_news:
        return Decision(best, [s for s in voted if not s.background])
    if _COMMENTARY_FORM.search(title) or (_ASKING_TITLE.search(title) and not NEWS_TIME.search(lead_text)):
        return Decision(EventType.commentary, voted)
    if _state_of_affairs(sents, votes_of, full, lead_text):
        return Decision(EventType.commentary, voted)
    done = any(
        s.cues("enacted") or _TALKS_ACT.search(full, s.info.start, s.info.end)  # "agreed to take a stake"
        for s in sents
        if s.in_lead and not s.info.is_title and not s.background
    )
    if _FEATURE_TITLE.search(title) and not done and not NEWS_TIME.search(lead_text):
        return Decision(EventType.commentary, voted)
    if _chronicle(sents, full):
        return Decision(EventType.commentary, voted)
    if _study_lead(sents, full):
        return Decision(EventType.commentary, voted)
    if _argued(sents, title, lead_text):
        return Decision(EventType.commentary, voted)
    question = _COMMENTARY_TITLE.search(_PRICE_POLICY.sub(" ", _NEWS_QUESTION.sub(" ", title))) is not None
    if question and not acted:
        return Decision(EventType.commentary, voted)
    if (
        lead[best] < LEAD_EVENT_MIN
        or (question and lead[best] < _QUESTION_LEAD_MIN)
        or comment > _COMMENT_RATIO * lead[best]
    ):
        return Decision(EventType.commentary, voted)
    told = [s for s in voted if not s.background]
    if best is EventType.supply_disruption and any(s.in_lead for s in told):
        # A later sentence giving a cause ("smelters, which had cut runs because of the shortage")
        # tells who felt the disruption, not where it is.
        told = [s for s in told if s.in_lead or not s.cues("reason")]
    return Decision(best, told)


def _argued(sents: list[CuedSentence], title: str, lead_text: str) -> bool:
    """An arguing headline over a lead that dates nothing and tells nothing done or said: an op-ed."""
    if not _ARGUING_TITLE.search(title) or NEWS_TIME.search(lead_text) or _ATTRIBUTED_TITLE.search(title):
        return False
    told = ("enacted", "reporting", "hearsay", "numbered")
    return not any(s.cues(k) for s in sents if s.in_lead and not s.background for k in told)


def _study_lead(sents: list[CuedSentence], full: str) -> bool:
    """A first sentence whose subject is a study, under a title that names no act."""
    if not sents or (sents[0].info.is_title and any(sents[0].cues(k) for k in _TITLE_ACTS)):
        return False
    first = next((s for s in sents if not s.info.is_title), None)
    return first is not None and _STUDY_LEAD.match(full, first.info.start) is not None


def _chronicle(sents: list[CuedSentence], full: str) -> bool:
    """A lead that steps month by month through a stretch of relations ("In April ... In May ...
    In October ..."), its first sentence dating nothing new: an overview, not one new act."""
    body = [s for s in sents if not s.info.is_title and s.info.position < _CHRONICLE_REACH]
    if not body or NEWS_TIME.search(full, body[0].info.start, body[0].info.end):
        return False
    steps = sum(1 for s in body if _MONTH_OPENING.match(full, s.info.start))
    return steps >= _CHRONICLE_STEPS


def _judged_act(s: CuedSentence) -> bool:
    """A lead sentence whose only act words are a measure's name inside a judgement ("letting Nvidia
    sell chips for a revenue share may raise money, but experts warn ..."): opinion, not a report."""
    reported = any(kind in s.hits for kind in ("enacted", "announced", "hearsay", "reporting", "numbered"))
    return not reported and bool(_opinion(s)) and bool(s.cues("speculation"))


def _state_of_affairs(sents: list[CuedSentence], votes_of: list[Votes], full: str, lead_text: str) -> bool:
    """A title that names no measure and no act, over a lead that tells how things stand ("tariffs
    stand at 55%, China still requires licences"): an overview of relations, not news."""
    if not sents or not sents[0].info.is_title or votes_of[0] or any(sents[0].cues(k) for k in _TITLE_ACTS):
        return False
    if NEWS_TIME.search(lead_text) or not _STATE_WORD.search(lead_text):
        return False
    if any(s.cues("disruption") for s in sents if s.in_lead):
        return False  # "production remains halted by floods": a disruption goes on
    acts = [
        h
        for s in sents
        if s.in_lead and not s.info.is_title and not s.background
        for kind in _TITLE_ACTS
        for h in s.cues(kind)
    ]
    return all(
        _STATE.search(full, max(0, h.start - _STATE_REACH), h.start) or _LASTING.match(full, h.end)
        for h in acts
    )


def _trade_signals(sents: list[CuedSentence]) -> tuple[set[str], bool, bool] | None:
    """None when a mineral or chip is named anywhere; else the governments the lead names, and
    whether goods of another field are named anywhere and in the lead."""
    governments: set[str] = set()
    anywhere = in_lead = False
    for s in sents:
        if s.info.weight <= DEBRIS_WEIGHT:
            continue  # a "Tags: rare earths" line is another page's subject
        if s.elements or "mineral" in s.hits or "chip" in s.hits:
            return None
        other = "other_trade" in s.hits
        anywhere = anywhere or other
        if s.in_lead:
            governments.update(h.value for h in s.hits.get("actor", NO_HITS))
            in_lead = in_lead or other
    return governments, anywhere, in_lead


def _other_trade_only(sents: list[CuedSentence]) -> bool:
    """Sanctions with no mineral or chip anywhere, on oil tankers or banks or by no government
    (a sports body's): another field. China in the lead keeps them in (a Chinese refinery
    sanctioned is part of the US-China contest)."""
    signals = _trade_signals(sents)
    if signals is None:
        return False
    governments, anywhere, _ = signals
    return "CN" not in governments and (anywhere or not governments)


def _other_goods_only(sents: list[CuedSentence]) -> bool:
    """Tariffs or talks whose lead names farm, energy or consumer goods and no mineral or chip
    anywhere in the text: trade news of another field, unless it is between the US and China,
    whose every tariff is part of the contest over minerals and chips."""
    signals = _trade_signals(sents)
    if signals is None:
        return False
    governments, _, in_lead = signals
    return in_lead and not {"CN", "US"} <= governments


def _text_subject(sents: list[CuedSentence]) -> str:
    """ "mineral" or "chip": what the text's own sentences (not its background) mostly name; when
    they name neither, what the background names ("the notices suspended had covered rare
    earths": a measure lifted is named by what it covered)."""
    return _subject_of([s for s in sents if not s.background]) or _subject_of(
        [s for s in sents if s.background]
    )


def _subject_of(sents: list[CuedSentence]) -> str:
    minerals = chips = 0
    for s in sents:
        if s.info.weight <= DEBRIS_WEIGHT:
            continue
        minerals += bool(s.elements or s.hits.get("mineral"))
        chips += bool(s.hits.get("chip"))
    if minerals and minerals >= chips:
        return "mineral"
    return "chip" if chips else ""


def _buried_news(
    sents: list[CuedSentence], votes_of: list[Votes], full: str
) -> tuple[CuedSentence, EventType] | None:
    """A long piece that opens on scene-setting may still report one dated measure further on:
    a government acting "on Wednesday" or "this week", told as fact, not as a possibility."""
    best: tuple[float, CuedSentence, EventType] | None = None
    for s, votes in zip(sents, votes_of, strict=True):
        if s.background or s.info.is_title or not votes:
            continue
        etype = max(votes, key=votes.__getitem__)
        if etype not in MEASURES or votes[etype] < 1.0:
            continue
        if any(kind in s.hits for kind in _NOT_NEWS_KINDS):
            continue
        if not (s.cues("enacted") or s.cues("announced")) or not NEWS_TIME.search(
            full, s.info.start, s.info.end
        ):
            continue
        actors = [h for h in s.cues("actor") if not OBJECT_PREP.search(full, max(0, h.start - 12), h.start)]
        if not actors or actors[0].start - s.info.start > _SUBJECT_REACH:
            continue  # the government must be the sentence's subject
        if best is None or votes[etype] > best[0]:
            best = (votes[etype], s, etype)
    return (best[1], best[2]) if best else None


def _lead_has_easing(sents: list[CuedSentence], votes_of: list[Votes], etype: EventType, full: str) -> bool:
    """A relief the lead reports as had: not one denied ("ended without a truce extension")."""
    return any(
        etype in v
        and s.in_lead
        and not s.cues("supply_halt")
        and any(
            not negated(full[max(s.info.start, h.start - NEGATION_REACH) : h.start]) for h in s.cues("easing")
        )
        for s, v in zip(sents, votes_of, strict=True)
    )


def _on_the_field(s: CuedSentence) -> bool:
    """The sentence names something of this field: a mineral, chips, duties, sanctions, talks on
    export controls or between Washington and Beijing, a mineral or chip firm."""
    return bool(
        s.elements
        or s.cues("chip")
        or s.cues("tariff")
        or s.hits.get("mineral")
        or s.cues("sanctions")
        or listed(s)  # "puts 12 US defence firms on its control list"
        or _chinese_control(s)  # "商务部公告…暂停实施第61号公告": China's controls are of the field
        or s.cues("company_measure")
        or (s.cues("talks") and (s.cues("control") or _us_china(s)))
        or any(h.value in MINERAL_FIRMS or h.value in CHIP_FIRMS for h in s.hits.get("company", NO_HITS))
    )


def _us_china(s: CuedSentence) -> bool:
    """Washington and Beijing both named: their talks are the trade news of this field."""
    actors = {h.value for h in s.hits.get("actor", NO_HITS)}
    return _TALKS_PARTIES <= actors
