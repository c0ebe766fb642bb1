"""Issuer: the government whose measure the news is, told apart from the governments a text
names as objects ("exports to China"), targets ("17 US entities") or places ("plants in China").
"""

from __future__ import annotations

import re
from collections import defaultdict

from chokewatch.shared.messages import EventType

from .cues import PERMITTING_VERBS, RESTRICTING_VERBS
from .gazetteer import Hit
from .sentence_cues import MAIN_KINDS, NO_HITS, CuedSentence
from .sentences import DEBRIS_WEIGHT

OBJECT_PREP = re.compile(
    r"(?:\bon|\bagainst|\bto|\bfrom|\bwith|\bby|\bfor|\bof|\bat|\bin|\boutside|\binto|\bthan|\bover)\s+(?:the\s+|an?\s+)?$"
    r"|[对對向从從自于於]\s*$",  # "对美国", "向美方": the object of a Chinese measure
    re.IGNORECASE,  # headlines capitalise "On", "To"
)
# "joining the United States in ...", "mirroring American rules", "following Washington's lead": the
# government named is the model the measure follows, not the one taking it.
_MODEL_PREP = re.compile(
    r"\b(?:join(?:s|ed|ing)?|mirror(?:s|ed|ing)?|match(?:es|ed|ing)?|emulat\w+|copy(?:ing)?|copie[sd]"
    r"|in line with|in step with|alongside|following|follows|followed|like|unlike)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_MODEL_REACH = 20
# A government that answers another's measure with words, not a measure of its own.
_REACTING = re.compile(
    r"(?:['’]s)?[^.;:]{0,30}?\b(?:protest\w*|condemn\w*|criticis\w*|criticiz\w*|slam\w*|decr[iy]\w*"
    r"|express\w* (?:concern|regret|dismay|opposition)|voic\w* (?:concern|opposition)|lodg\w*"
    r"|regrets?|deplor\w*|object\w* to|oppos\w*|complain\w*|hit out|lashe?s? out|raise[sd]? concerns?)",
    re.IGNORECASE,
)
_MODEL_PAIR = re.compile(
    r"\b(?:join(?:s|ed|ing)?|mirror(?:s|ed|ing)?|match(?:es|ed|ing)?|alongside|following|like)\s+(?:the\s+)?"
    r"[A-Z][\w.]+(?:\s+[A-Z][\w.]+)?\s*(?:,|and|&)\s+(?:the\s+)?$"
)
_MODEL_PAIR_REACH = 45
OBJECT_PAIR = re.compile(r"\b(?:on|against|to|from|for)\s+(?:the\s+)?[A-Z][a-z]+\s+(?:and|&)\s+(?:the\s+)?$")
_ACTING_KINDS = ("easing", "tightening", "chip_rule", "company_measure", "control")
_ACTING_REACH = 30  # characters from a government's name to the verb it governs
# "17 US entities", "Chinese chip makers", "American defence firms": the government's name
# describes the targets of the measure, not who takes it.
_TARGET_AFTER = re.compile(
    r"(?:['’]s)?\s+(?:[A-Za-z-]+\s+){0,2}?(?:entities|companies|company|firms?|contractors|chipmakers?"
    r"|manufacturers?|makers?|producers?|suppliers?|customers|buyers|clients|exporters|importers|individuals|"
    r"defen[cs]e (?:firms|companies|contractors)|military users|end users|persons|semiconductors?"
    r"|chips|goods|imports|products|comp|tech firms|origin|sales|revenues?|market|business)\b"
    r"|(?:\d+|[一二三四五六七八九十百几多数幾數]+)?\s*(?:家|个|個|名)?(?:相关)?"
    r"(?:企业|公司|实体|个人|军工|军方|用户|企業|實體|個人|軍工|軍方|用戶)",
    re.IGNORECASE,
)
# "blacklisted by the US", "imposed by Beijing": who takes the measure, not its object.
_DONE_BY = re.compile(
    r"(?:blacklisted|sanctioned|imposed|banned|restricted|targeted|added|listed|announced|issued"
    r"|ordered|approved|granted|blocked|hit|placed|put)\s+by\s+(?:the\s+)?$"
    r"|(?:rules?|measures?|notice|statement|announcement|order|decision)\s+from\s+(?:the\s+)?$"
    # "obtained export licences from Beijing", "won approval from Washington": the grantor
    r"|(?:approvals?|licen[cs]es?|permits?|permission|go-ahead|clearance|nod|waivers?|exemptions?)\s+from\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# "on the commerce ministry's website", "in MOFCOM's notice": the ministry speaks.
_OWN_VOICE = re.compile(
    r"['’]s\s+(?:official\s+)?(?:website|statement|notice|announcement|spokes(?:person|man|woman)|officials?"
    r"|minister|decision|order)\b",
    re.IGNORECASE,
)
# "a spokesperson of the Ministry of Commerce": the ministry speaks, it is not an object.
_SPEAKER_OF = re.compile(
    r"(?:(?:spokes(?:person|man|woman)|officials?|minister|head|chief|secretary|director)\s+(?:of|for|at)"
    # "the person in charge of the Ministry of Commerce", "according to the ministry": it speaks
    r"|(?:person|official|people)s?\s+in\s+charge\s+(?:of|at)|according\s+to)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_SUBJECT_FIRST = (*MAIN_KINDS, "easing", "tightening", "chip")
_JOINED_AFTER = re.compile(r"(?:['’]s)?\s*(?:,|and|&)\s", re.IGNORECASE)
_PAIR_DESCRIBES = re.compile(
    r"\s+(?:[a-z-]+\s+){0,3}?(?:rules?|regulations?|controls?|curbs|restrictions|measures|tariffs|duties"
    r"|export controls|licen[cs]e requirements?)\b"
)
_JOINED = re.compile(r"(?:['’]s)?(?:\s+(?:and|&)|\s*,)\s+(?:the\s+)?$")
# "Washington, Dec 13 —", "BEIJING (Reuters) -": a dateline names a place, not an actor.
_DATELINE_AFTER = re.compile(
    r"\s*(?:,\s*(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|\((?:reuters|ap|afp|xinhua)\)"
    r"|\s[—–-]\s)",
    re.IGNORECASE,
)
# A dateline followed by a body named without its country ("The trade ministry said"): the
# dateline's government speaks.
_BARE_BODY = re.compile(
    r"[^—–\n]{0,40}?(?:--|—|–|\s-)\s*(?:the\s+)?(?:[a-z]+\s+){0,2}"
    r"(?:ministry|government|cabinet|regulator|authorities|agency|parliament)\b",
    re.IGNORECASE,
)
# "新华社北京11月7日电", "（中央社台北4日電）": the agency, then the place and day of the dateline.
_CN_DATELINE_AFTER = re.compile(r"\s*(?:\d{1,2}\s*月\s*)?\d{1,2}\s*日\s*(?:电|電|讯|訊)")
_CN_DATELINE_REACH = 8
_SUBJECT_START = 4  # a sentence's subject opens it ("The OFAC ...")
# Measures whose object is a firm: there a country naming the firm tells its home, not the actor.
_FIRM_OBJECT_TYPES = (EventType.chip_export_control, EventType.mineral_export_control, EventType.sanctions)
_OWNER_GAP = 14
_OWNER_LINK = re.compile(
    r"['’]s\s+|\s+(?:firm|company|chipmaker|chip maker|giant|group|miner|manufacturer|maker|producer"
    r"|supplier)\s+",
    re.IGNORECASE,
)  # characters between a country and the firm it describes ("Dutch firm ASML")
_SCRIPT_SAMPLE = 400  # characters read to tell a text's script
_SIGNED_WITH = re.compile(
    r"\b(?:sign(?:s|ed)?|inks?|inked|seal(?:s|ed)?|conclud(?:es|ed))\s+(?:a\s+|an\s+|the\s+|new\s+|two\s+)*"
    r"(?:[\w-]+\s+){0,3}?(?:agreements?|deals?|pacts?|accords?|memorand\w+|frameworks?|mous?)\s+with\s+"
    r"(?:the\s+)?",
    re.IGNORECASE,
)
_GAZETTES = frozenset({"federal register", "official journal"})
_CHINESE_OUTLET = re.compile(
    r"\b(?:SMM|Xinhua|China Daily|Global Times|CGTN|People['’]s Daily|Caixin|Shanghai Metals Market"
    r"|China News Service|Yicai|Mysteel)\b"
)
_OUTLET_SAMPLE = 1500  # an outlet names itself in the byline or the lead
_CAUSE_REACH = 30  # characters from a government's name to the measure it took
_MODIFIES = re.compile(r"(?:['’]s)?\s+(?:new\s+|latest\s+|sweeping\s+|tighter\s+)?(?:[\w-]+\s+)?")
# "Australian miner Syrah", "Australia-listed Lynas", "a Japanese carmaker": a firm's home, not
# the place or the government of a disruption.
_FIRM_HOME = re.compile(
    r"(?:-listed|-based|-headquartered)\b|\s+(?:[a-z-]+\s+)?(?:miner|mining company|carmaker|automaker"
    r"|car maker|battery maker|chipmaker|refiner|smelter|trading house|conglomerate|steelmaker|group|firm"
    r"|company|producer|manufacturer|supplier|developer|explorer)\b",
    re.IGNORECASE,
)
_BARRING = ("ban", "barr", "bar ", "block", "restrict", "curb", "禁止", "限制")
_URGED_GAP = 6
# Measures one government may press another to take.
PRESSED_TYPES = (
    EventType.mineral_export_control,
    EventType.chip_export_control,
    EventType.tariff,
    EventType.sanctions,
)
_URGED_BETWEEN = re.compile(r"\s+(?:the\s+)?", re.IGNORECASE)
_FORBIDDING = re.compile(
    r"[^.;:]{0,30}?\b(?:not to|to not|to stop|to refrain|to avoid)\b|[^。；]{0,10}?(?:不要|不得|勿)"
)
# Governments told as a group without their names ("the two countries", "both sides").
_SEVERAL_GOVERNMENTS = re.compile(
    r"\b(?:(?:two|three|four|five|six|seven|both|the member|partner|participating|allied)\s+"
    r"(?:countries|governments|nations|sides|states|partners|capitals)|jointly|双方|两国)\b",
    re.IGNORECASE,
)
# The parties to talks told as a pair in a lead: "both sides agreed", "the two delegations", or
# as a group of governments ("G7 leaders endorsed ...").
_SIDES = re.compile(
    r"\b(?:(?:the\s+)?(?:two|both)\s+(?:sides|countries|governments)|(?:the|two|both)\s+(?:trade\s+"
    r"|negotiating\s+)?(?:delegations|negotiating teams)|group of (?:seven|7|twenty|20)|g-?7|g-?20)\b"
    r"|双方|两国",
    re.IGNORECASE,
)
# A decision taken under a law of the People's Republic is China's, whoever it names.
_PRC_LAW = re.compile(
    r"《中华人民共和国|\bunder (?:the )?(?:PRC|People['’]s Republic of China)['’]?s?\s", re.IGNORECASE
)
_SIDES_SUBJECT_REACH = 32  # characters from a sentence's start where its subject stands
_SIDES_PARTY = re.compile(
    r"\b(?:negotiators|officials|delegates|delegations|ministers|leaders|envoys|teams)\s+(?:from|of)\s+$",
    re.IGNORECASE,
)
_DEAL_TYPES = (EventType.trade_talks, EventType.industrial_policy)
_DEAL_WORDS = re.compile(
    r"\b(?:sign\w*|agree\w*|endors\w*|framework|deal|agreement|pact|accord|action plan|commit\w*)\b"
    r"|同意|达成",
    re.IGNORECASE,
)
# "the joint statement of the Geneva talks", "中美发布联合声明": two governments speak as one.
_JOINT_STATEMENT = re.compile(
    r"\bjoint (?:statement|declaration|communiqu\w+)\b|联合声明|联合公报|共同声明", re.IGNORECASE
)
# "Trump said he had agreed to lower tariffs ..., while Beijing would pause its controls": each
# government's side of a bargain told in one sentence.
_BARGAIN = re.compile(
    r"\bagreed\b[^.;]{0,160}?\b(?:while|whereas|and|with|in return|in exchange)\s+(?:for\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)
_COMMITS = re.compile(r"(?:['’]s)?\s+(?:\w+\s+)?(?:would|will|agreed|agrees|is to|was to)\b", re.IGNORECASE)
# "Two days of talks between U.S. and Chinese officials ended ...": a sentence whose subject is
# the talks of two governments.
_TALKS_BETWEEN = re.compile(
    r"[^,;:]{0,40}?\b(?:talks|negotiations|meetings?|consultations)\s+between\s+[^,;:]{0,50}?"
    r"(?:\band\b|delegations|sides)",
    re.IGNORECASE,
)
ISSUER_SENTENCES = 8  # event sentences read for the issuer, heaviest first


def urged(sents: list[CuedSentence], full: str) -> Hit | None:
    """The government the title (or, with none, the lead sentence) presses to act: "US urges
    South Korea to curb ...", "Washington is pressing the Dutch government to ..." (not "asks
    South Korean firms", an instruction to companies)."""
    for s in sents[:2]:
        if not (s.info.is_title or s.info.position == 0):
            continue
        actors = s.cues("actor")
        for u in s.cues("urging"):
            for h in actors:
                if 0 < h.start - u.end <= _URGED_GAP and _URGED_BETWEEN.fullmatch(full, u.end, h.start):
                    # "asks Korea not to export Chinese-origin items": the asker's own control
                    if not _targets(s, full, h, False) and not _FORBIDDING.match(full, h.end):
                        return h
        if s.info.is_title and (s.cues("urging") or actors):
            return None  # the title decides
    return None


def issuer_of(
    etype: EventType, carriers: list[CuedSentence], sents: list[CuedSentence], full: str
) -> tuple[str | None, list[str]]:
    if etype in (EventType.commentary, EventType.not_relevant):
        return None, []
    pressed = _pressed_issuer(etype, sents, full)
    if pressed is not None:
        return pressed
    # The heaviest sentences carrying the event name its actor; the title and lead name it even
    # when the measure's words sit elsewhere.
    ordered = sorted(carriers, key=lambda s: -s.weight)[:ISSUER_SENTENCES]
    # A lead sentence that recalls earlier measures names their governments, not this one's.
    ordered += [s for s in sents if s.in_lead and not s.background and all(s is not c for c in ordered)]
    counts: dict[str, float] = defaultdict(float)
    acting: set[str] = set()  # governments named other than as an object or a target
    first: list[Hit] = []
    for s in ordered:
        for h in sorted(s.cues("actor"), key=lambda h: h.start):
            if etype is EventType.supply_disruption and _FIRM_HOME.match(full, h.end):
                continue  # a firm's home is not where its mine or plant stops
            if h.start - s.info.start <= 2 and _DATELINE_AFTER.match(full, h.end):
                bare = _BARE_BODY.match(full, h.end)
                if bare and not any(h.end < a.start < bare.end() for a in s.cues("actor")):
                    return h.value, [h.phrase]  # "SEOUL, May 2 -- The industry ministry said": Seoul's
                continue
            if h.start - s.info.start <= _CN_DATELINE_REACH and _CN_DATELINE_AFTER.match(full, h.end):
                continue
            if h.phrase in _GAZETTES:
                pass  # "according to the Official Journal": the gazette speaks for its government
            elif (
                (
                    OBJECT_PREP.search(full, max(0, h.start - 12), h.start)
                    and not _SPEAKER_OF.search(full, max(0, h.start - 30), h.start)
                    and not _DONE_BY.search(full, max(0, h.start - 30), h.start)
                    and not _OWN_VOICE.match(full, h.end)
                )
                or OBJECT_PAIR.search(full, max(0, h.start - 30), h.start)
                or _modelled(full, h)
                or _targets(s, full, h, etype in _FIRM_OBJECT_TYPES)
            ):
                counts[h.value] += 0.2 * s.weight
                continue
            counts[h.value] += s.weight
            acting.add(h.value)
            if not first or first[0] is None:
                first.append(h)
    if etype is EventType.supply_disruption:
        cause = measure_government(ordered, full)
        if cause is not None:
            return cause.value, [cause.phrase]  # a plant idled by China's ban: China's measure
    opening = [s for s in sents if s.info.is_title or s.info.position == 0]
    joint = _joint_actors(ordered[:2], full) or _signed_with(ordered[:2], full)
    joint = joint or _talks_between(opening, full) or _bargain(opening, full)
    joint = joint or _joint_statement(opening, full)
    if not joint and etype in _DEAL_TYPES:
        joint = _sides_deal(opening, full)
    joint = joint or _sides_subject(opening, full)
    if joint:
        return "multiple", joint  # "The United States and China said they would cut tariffs"
    if etype is EventType.trade_talks:
        # Talks take two: one named actor in the lead usually means the other is further on.
        actors = {h.value for s in sents for h in s.hits.get("actor", [])}
        if len(actors) >= 2:
            return "multiple", sorted(actors)[:4]
        several = _SEVERAL_GOVERNMENTS.search(full)
        told = [m for s in opening for m in [_SIDES.search(full, s.info.start, s.info.end)] if m]
        if several is not None and (not acting or told):
            # "ministers of the two countries", "both sides agreed" in the lead: governments unnamed,
            # whichever official is quoted further on
            return "multiple", [several.group()]
    if etype is EventType.mineral_export_control and "CN" in acting:
        named = _title_subjects(sents, full)
        titled = sents[0].info.is_title
        if titled and len(named) == 1 and named[0].value != "CN" and _opens_clause(sents[0], full, named[0]):
            # "India tells state miner to pause neodymium exports ... after China's curbs": India's
            return named[0].value, [named[0].phrase]
        return "CN", ["China"]
    reacted = _reacted_to(ordered, full, first[0]) if first else None
    if reacted is not None:
        return reacted.value, [reacted.phrase]  # "Seoul protests China's graphite licensing": China's
    if etype is EventType.chip_export_control:
        return _chip_issuer(sents, full, first[0] if first else None, acting)
    if first:
        return first[0].value, [first[0].phrase]
    return _no_actor(etype, counts, bool(acting), (ordered, sents), full)


def _no_actor(
    etype: EventType,
    counts: dict[str, float],
    acting: bool,
    read: tuple[list[CuedSentence], list[CuedSentence]],
    full: str,
) -> tuple[str | None, list[str]]:
    """No government acts first in the event's sentences: one that speaks through its notice,
    then the one named most, then the usual one of a mainland report or a disruption's cause."""
    ordered, sents = read
    head = _letterhead(sents)
    if head is not None:
        return head.value, [head.phrase]
    opening = [s for s in sents if s.info.is_title or s.info.position == 0]
    law = next((m for s in opening for m in [_PRC_LAW.search(full, s.info.start, s.info.end)] if m), None)
    if law is not None and not acting:
        return "CN", [law.group()]  # "根据《中华人民共和国反外国制裁法》…决定": a decision under China's law
    voiced = _voiced(ordered, full)
    if voiced is not None:
        return voiced.value, [voiced.phrase]
    outlet = _CHINESE_OUTLET.search(full[:_OUTLET_SAMPLE]) if not acting else None
    if outlet is not None and etype is not EventType.industrial_policy:
        # China's own media write "the country", "domestic smelters": the government unnamed is China's
        return "CN", [outlet.group()]
    if counts and (acting or etype is not EventType.industrial_policy):
        # A company's plant "outside China" names no government that acts.
        value = max(counts, key=counts.__getitem__)
        return value, [value]
    if etype is EventType.mineral_export_control and _chinese(full):
        # "企业已获得出口许可", "當局已批出…許可證": a Chinese report of the mainland's licences;
        # Taiwan and Hong Kong copy says "the authorities" of the same mainland.
        return "CN", ["出口"]
    if etype is EventType.supply_disruption:
        # A plant idled "because of China's export restrictions": the measure's government.
        for s in ordered + sents:
            for h in s.hits.get("actor", NO_HITS):
                return h.value, [h.phrase]
    return None, []


def _letterhead(sents: list[CuedSentence]) -> Hit | None:
    """ "Media release | Department of Foreign Affairs and Trade", then "The Government has
    today imposed ...": with no government acting by name, a release's letterhead, the lines between
    its title and its first sentence, names its own."""
    named = [
        h
        for s in sents
        if not s.info.is_title and s.info.position != 0 and s.info.weight <= DEBRIS_WEIGHT
        for h in s.hits.get("actor", NO_HITS)
        if not s.in_lead
    ]
    first = next((s.info.start for s in sents if s.info.position == 0), None)
    named = [h for h in named if first is not None and h.start < first]
    return named[0] if named and len({h.value for h in named}) == 1 else None


def _reacted_to(ordered: list[CuedSentence], full: str, first: Hit) -> Hit | None:
    """The first government named only reacts (protests, condemns, voices concern) to another's
    measure, which the same sentence names as that government's ("China's new licensing")."""
    s = next((s for s in ordered if s.info.start <= first.start < s.info.end), None)
    if s is None or not _REACTING.match(full, first.end):
        return None
    other = measure_government([s], full, first.value)
    if other is None:
        return None
    # "China protested the US tariffs and imposed duties of its own": it acts too
    own = [
        e
        for e in s.cues("enacted")
        if e.start > first.end
        and e.phrase.startswith(RESTRICTING_VERBS + PERMITTING_VERBS)
        and not 0 <= e.start - other.end <= _CAUSE_REACH
    ]
    return None if own else other


def _modelled(full: str, h: Hit) -> bool:
    """The government is named as the model a measure follows ("joining the US and Japan")."""
    return bool(
        _MODEL_PREP.search(full, max(0, h.start - _MODEL_REACH), h.start)
        or _MODEL_PAIR.search(full, max(0, h.start - _MODEL_PAIR_REACH), h.start)
    )


def _chinese(full: str) -> bool:
    """A Chinese text, in simplified or traditional characters: most of it hanzi, no kana."""
    head = full[:_SCRIPT_SAMPLE]
    hanzi = sum(1 for ch in head if "\u4e00" <= ch <= "\u9fff")
    return hanzi * 2 > len(head) and not any("\u3040" <= ch <= "\u30ff" for ch in head)


def _opens_clause(s: CuedSentence, full: str, h: Hit) -> bool:
    """The name opens its sentence or a headline's clause ("The OFAC ...", "Nvidia: White House")."""
    if h.start - s.info.start <= _SUBJECT_START:
        return True
    return full[max(s.info.start, h.start - 3) : h.start].rstrip().endswith((":", "—", "–", " -", "|"))


def _chip_issuer(
    sents: list[CuedSentence], full: str, first: Hit | None, acting: set[str]
) -> tuple[str, list[str]]:
    """The usual issuer of chip rules, named or not, unless another government acts as subject
    more than the United States is named ("China exempts Nexperia chips", "Japan adds ...")."""
    named = _title_subjects(sents, full)
    if len(named) == 1 and named[0].value != "US":
        return named[0].value, [named[0].phrase]
    opener = _opening_subject(named, sents, full)
    if opener is not None and opener.value != "US":
        return opener.value, [opener.phrase]  # "South Korea joins US in curbing ...": Korea acts
    if first is not None and first.value != "US" and "US" not in acting:
        return first.value, [first.phrase]  # "商务部…豁免": only one government acts
    titled = bool(sents) and sents[0].info.is_title
    body = _body_subject(sents, full) if _paired_title(sents, full) or (titled and not named) else None
    if body is not None and body.value != "US":
        # "Dutch and US rules" in the title, or a title naming no government ("Government expands
        # licence requirement"); the lead: "the Dutch government ..."
        return body.value, [body.phrase]
    head = _letterhead(sents)
    if head is not None and head.value != "US" and "US" not in acting:
        return head.value, [head.phrase]  # "Press release | METI", then "The Government has amended ..."
    everywhere = {h.value for s in sents for h in s.hits.get("actor", NO_HITS)}
    lead = [h for s in sents if s.in_lead for h in s.hits.get("actor", NO_HITS) if h.value != "CN"]
    if "US" not in everywhere and len({h.value for h in lead}) == 1:
        # "ASML stops servicing tools under Dutch rules": China is the usual target, not the
        # issuer, and no US word anywhere leaves the one other government named up front.
        return lead[0].value, [lead[0].phrase]
    return "US", ["United States"]


def _pressed_issuer(etype: EventType, sents: list[CuedSentence], full: str) -> tuple[str, list[str]] | None:
    """The measure would be the pressed government's; "urges the Netherlands and Japan": theirs."""
    pressed = urged(sents, full) if etype in PRESSED_TYPES else None
    if pressed is None:
        return None
    actors = [h for s in sents[:2] for h in s.cues("actor")]
    also = [h for h in actors if _JOINED.fullmatch(full, pressed.end, h.start)]
    if also and also[0].value != pressed.value:
        return "multiple", [pressed.phrase, also[0].phrase]
    return pressed.value, [pressed.phrase]


def measure_government(sentences: list[CuedSentence], full: str, besides: str = "") -> Hit | None:
    """The government whose export measure a sentence names as a cause ("after China barred
    exports of ...", "Chinese export licences have not arrived", "Beijing's ban on ...")."""
    for s in sentences:
        controls = [
            h
            for kind in ("control", "chip_control", "control_weak", "tightening")
            for h in s.hits.get(kind, NO_HITS)
            if kind != "tightening" or h.phrase.startswith(_BARRING)
        ]
        if not controls:
            continue
        for h in s.hits.get("actor", NO_HITS):
            near = [c for c in controls if 0 <= c.start - h.end <= _CAUSE_REACH]
            if not near or h.value == besides:
                continue
            # "because of China's export controls", "caused by Chinese curbs": the name modifies
            # the measure, whatever the preposition before it.
            if not OBJECT_PREP.search(full, max(0, h.start - 12), h.start) or any(
                _MODIFIES.fullmatch(full, h.end, c.start) for c in near
            ):
                return h
    return None


def _voiced(ordered: list[CuedSentence], full: str) -> Hit | None:
    """With no government acting in the main clauses, one whose notice or spokesman tells the
    news anywhere in them ("..., according to a notice on the commerce ministry's website")."""
    for s in ordered:
        for h in s.hits.get("actor", NO_HITS):
            if _OWN_VOICE.match(full, h.end):
                return h
    return None


def _targets(s: CuedSentence, full: str, h: Hit, firm_object: bool = True) -> bool:
    """ "17 US entities", "Chinese firms": the name describes the targets; but not when the
    government's own act stands between them ("OFAC sanctions Chinese firms")."""
    if firm_object and _owns_firm(s, h, full):
        return True  # "Taiwan's TSMC", "Dutch firm ASML": the firm's home, not the actor
    m = _TARGET_AFTER.match(full, h.end)
    if m is None or m.end() - h.end < 12 or not _opens_clause(s, full, h):
        return m is not None
    kinds = (*_ACTING_KINDS, *MAIN_KINDS)
    return not any(h.end < a.start < m.end() for kind in kinds for a in s.hits.get(kind, NO_HITS))


def _owns_firm(s: CuedSentence, h: Hit, full: str) -> bool:
    return any(
        0 <= c.start - h.end <= _OWNER_GAP and _OWNER_LINK.fullmatch(full, h.end, c.start)
        for c in s.hits.get("company", NO_HITS)
    )


def _title_subjects(sents: list[CuedSentence], full: str) -> list[Hit]:
    """The governments the opening line names acting ("China exempts", "商务部…豁免"), not as an
    object ("to China", "of a US firm") or a bystander ("as Beijing vows a response")."""
    first = next((s for s in sents if s.info.weight > DEBRIS_WEIGHT), None)  # past a menu line
    if first is None:
        return []
    acts = [h.start for kind in _ACTING_KINDS for h in first.hits.get(kind, NO_HITS)]
    found: dict[str, Hit] = {}
    for h in first.hits.get("actor", NO_HITS):
        if (
            OBJECT_PREP.search(full, max(0, h.start - 12), h.start)
            or _modelled(full, h)
            or _targets(first, full, h)
        ):
            continue  # "adds Chinese firms to ...", "Taiwan's TSMC told to ...": targets
        if any(0 <= at - h.end <= _ACTING_REACH for at in acts):
            found.setdefault(h.value, h)
    return list(found.values())


# "On September 6, 2024, the Dutch government announced": a date clause, then the subject.
_DATE_CLAUSE = re.compile(r"\s*(?:on|in|from)?\s*[A-Z]?[a-z]*\.?\s*\d{1,2},?\s*(?:\d{4})?,\s*", re.IGNORECASE)
_BODY_SUBJECT_REACH = 24  # characters past the date clause where the subject stands
_SAID_KINDS = ("reporting", "enacted", "announced", "tightening", "easing")
_GOVERNMENT_SUBJECT = re.compile(
    r"(?:['’]s)?\s+(?:government|cabinet|authorities)\s+(?:is|are|has|have|had|will|\w+(?:s|ed))\b",
    re.IGNORECASE,
)


def _paired_title(sents: list[CuedSentence], full: str) -> bool:
    """The title names two governments' rules together ("the new Dutch and US rules")."""
    if not sents or not sents[0].info.is_title:
        return False
    actors = sorted(sents[0].cues("actor"), key=lambda h: h.start)
    return any(
        a.value != b.value and _JOINED.match(full[a.end : b.start]) and _PAIR_DESCRIBES.match(full, b.end)
        for a, b in zip(actors, actors[1:], strict=False)
    )


def _body_subject(sents: list[CuedSentence], full: str) -> Hit | None:
    """The government the first lead sentence of the body opens on, acting or speaking."""
    first = next((s for s in sents if not s.info.is_title and s.info.weight > DEBRIS_WEIGHT), None)
    if first is None or first.background:
        return None
    date = _DATE_CLAUSE.match(full, first.info.start)
    start = date.end() if date else first.info.start
    actors = [h for h in first.cues("actor") if 0 <= h.start - start <= _BODY_SUBJECT_REACH]
    if not actors or _JOINED_AFTER.match(full, actors[0].end):
        return None
    verbs = [h.start for kind in _SAID_KINDS for h in first.hits.get(kind, NO_HITS)]
    subject = actors[0]
    if _GOVERNMENT_SUBJECT.match(full, subject.end):
        return subject  # "The Dutch government is widening ...": the government acts, whatever its verb
    return subject if any(0 <= at - subject.end <= _ACTING_REACH for at in verbs) else None


def _opening_subject(named: list[Hit], sents: list[CuedSentence], full: str) -> Hit | None:
    """Of the governments an opening line names acting, the one it opens on, when it opens on one
    and the others do not join it as subjects ("Japan and the US ...")."""
    first = next((s for s in sents if s.info.weight > DEBRIS_WEIGHT), None)
    if first is None or len(named) < 2:
        return None
    lead = min(named, key=lambda h: h.start)
    if not _opens_clause(first, full, lead) or _JOINED_AFTER.match(full, lead.end):
        return None
    # It must do the restricting or easing itself, not condemn another's rule.
    verbs = [h.start for kind in ("tightening", "easing") for h in first.cues(kind)]
    return lead if any(0 <= at - lead.end <= _ACTING_REACH for at in verbs) else None


def _reacting_pair(s: CuedSentence, b: Hit) -> bool:
    """The pair's own clause names no measure or talks; the measure sits in its reason clause."""
    after = [h.start for h in s.hits.get("reason", NO_HITS) if h.start >= b.end]
    if not after:
        return False
    at = min(after)
    own = ("tightening", "easing", "control", "tariff", "sanctions", "chip_rule", "talks")
    return not any(b.end <= h.start < at for kind in own for h in s.hits.get(kind, NO_HITS))


def _signed_with(sentences: list[CuedSentence], full: str) -> list[str]:
    """ "Trump signed minerals agreements with Malaysia and Thailand": a deal a government signs
    with another government is theirs together."""
    for s in sentences:
        actors = s.cues("actor")
        for m in _SIGNED_WITH.finditer(full, s.info.start, s.info.end):
            before = [
                h
                for h in actors
                if h.end <= m.start() and not OBJECT_PREP.search(full, max(0, h.start - 12), h.start)
            ]
            after = [
                h
                for h in actors
                if 0 <= h.start - m.end() <= 2
                and not _FIRM_HOME.match(full, h.end)
                and not _targets(s, full, h)
            ]  # "with the US-based firm", "with Chinese suppliers": a firm, not a government
            if before and after and after[0].value != before[0].value:
                return sorted({before[0].value, after[0].value})
    return []


def _talks_between(sentences: list[CuedSentence], full: str) -> list[str]:
    """The title or lead opens on talks between two governments ("Talks between US and Chinese
    officials in Stockholm ended ..."): whatever the measures discussed, the talks are theirs."""
    for s in sentences:
        m = _TALKS_BETWEEN.match(full, s.info.start, s.info.end)
        if m is None:
            continue
        end = min(s.info.end, m.end() + 30)
        named = {h.value for h in s.cues("actor") if m.start() <= h.start < end and h.start > m.end() - 60}
        if len(named) >= 2:
            return sorted(named)
        sides = _SIDES.search(full, m.start(), m.end())
        if sides is not None:
            return [sides.group()]  # "talks between the two delegations"
    return []


def _joint_statement(sentences: list[CuedSentence], full: str) -> list[str]:
    """A joint statement of two governments in the title or lead."""
    for s in sentences:
        m = _JOINT_STATEMENT.search(full, s.info.start, s.info.end)
        named = {h.value for h in s.hits.get("actor", NO_HITS)}
        if m is not None and (len(named) >= 2 or _SIDES.search(full, s.info.start, s.info.end)):
            return sorted(named) or [m.group()]
    return []


def _sides_subject(sentences: list[CuedSentence], full: str) -> list[str]:
    """ "Negotiators from both countries agreed ...", "The two delegations ended talks ...": the
    governments, told as a pair, are the subject the title or lead opens on."""
    for s in sentences:
        sides = _SIDES.search(full, s.info.start, min(s.info.end, s.info.start + _SIDES_SUBJECT_REACH))
        if sides is None or not sides.group().isascii():
            continue  # "根据中美双方…共识": a Chinese clause's pair is often the basis cited, not the actor
        if not OBJECT_PREP.search(full, max(0, sides.start() - 12), sides.start()):
            return [sides.group()]
        if _SIDES_PARTY.search(full, max(0, sides.start() - 20), sides.start()):
            return [sides.group()]  # "Negotiators from both countries": the parties themselves
    return []


def _sides_deal(sentences: list[CuedSentence], full: str) -> list[str]:
    """ "Both governments committing ...", "G7 leaders endorsed an action plan": a deal of governments
    told as a group in the title or lead."""
    for s in sentences:
        sides = _SIDES.search(full, s.info.start, s.info.end)
        if sides is not None and _DEAL_WORDS.search(full, s.info.start, s.info.end):
            return [sides.group()]
    return []


def _bargain(sentences: list[CuedSentence], full: str) -> list[str]:
    """The lead tells an agreement and, joined to it, another government's commitment."""
    for s in sentences:
        # the other side's part often sits in the clause after "after talks ...": all names count
        actors = sorted(s.hits.get("actor", NO_HITS), key=lambda h: h.start)
        for h in actors:
            window = max(s.info.start, h.start - 200)
            if not _COMMITS.match(full, h.end) or not _BARGAIN.search(full, window, h.start):
                continue
            before = [
                a
                for a in actors
                if a.end <= h.start
                and a.value != h.value
                and not OBJECT_PREP.search(full, max(0, a.start - 12), a.start)
                and not _targets(s, full, a)
            ]
            if before:
                return sorted({before[0].value, h.value})
    return []


def _joint_actors(sentences: list[CuedSentence], full: str) -> list[str]:
    """Two governments named together as the subject ("US and China agree", "Japan and Australia")."""
    for s in sentences:
        actors = sorted(s.cues("actor"), key=lambda h: h.start)
        for a, b in zip(actors, actors[1:], strict=False):
            if a.value == b.value or b.start - a.end > 8 or not _JOINED.match(full[a.end : b.start]):
                continue
            if OBJECT_PREP.search(full, max(0, a.start - 12), a.start) or _modelled(full, a):
                continue
            if _PAIR_DESCRIBES.match(full, b.end):
                continue  # "the new Dutch and US equipment rules": two measures, not one joint act
            if any(h.start < a.start for kind in _SUBJECT_FIRST for h in s.cues(kind)):
                continue  # "China will suspend ..., the White House and Chinese officials said"
            if _reacting_pair(s, b):
                continue  # "Tokyo and Seoul scramble after Beijing widens curbs": they react
            return sorted({a.value, b.value})
    return []
