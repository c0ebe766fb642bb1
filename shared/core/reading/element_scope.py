"""Elements: which minerals the development affects, from the sentences that carry it, with
group phrases expanded and vague ones ("rare earths") read against the lists a text states.
"""

from __future__ import annotations

import re

from chokewatch.shared.messages import EventType

from . import gazetteer
from .cues import HOST_METALS, HOST_ORES, HOST_STAGES, PROCESS_WORDS, RECALLING_OPENINGS, TECH_WORDS
from .gazetteer import Hit
from .sentence_cues import CuedSentence
from .sentences import DEBRIS_WEIGHT

# Groups that are a definite list; with one of these or named elements, vaguer phrases
# ("rare earths", "heavy rare earths") only restate the list.
_DEFINITE = {"medium_heavy_2025_04", "added_2025_10"}
_VAGUE = {"heavy_rare_earths", "light_rare_earths", "rare_earths", "medium_heavy_rare_earths"}
_RESTATE_REACH = 120
_ONE_BEFORE = re.compile(r"\b(?:a|an|one)\s+(?:[A-Za-z-]+\s+)?$", re.IGNORECASE)
_ONE_REACH = 24
_SENTENCE_BREAK = re.compile(r"[.!?。！？;；]\s|\n")
_MAGNETS = "ndfeb_magnets"
_AND_MAGNETS = re.compile(
    r"(?:\s+elements?|\s+metals?|\s+minerals?)?\s*(?:,\s*|\s+and\s+|\s*&\s*)(?:related\s+|their\s+)?magnets\b"
    r"|(?:元素)?(?:及|和|以及)(?:相关)?磁(?:体|铁|材)",
    re.IGNORECASE,
)
_MAGNET_METALS = frozenset(gazetteer.GROUPS[_MAGNETS])  # a list of these names the magnets' own
_MAGNET_GROUPS = frozenset({_MAGNETS, "smco_magnets"})
# "rare earth elements" as one good of a list: ", rare earth elements and uranium", "of rare earths,
# cobalt and ...", not "rare earths and magnets" nor "rare earth magnets".
_ITEM_BEFORE = re.compile(
    r"(?:,|\band|\bor|\bof|\bon|\binclud(?:e|es|ing)|\bsuch as|\blike|\bnamely)\s+$", re.IGNORECASE
)
_ITEM_REACH = 40
# Element names joined into one compound: by a hyphen or space in English, side by side in Chinese.
_JOINED = re.compile(r"\s*[-–]\s*|\s+|")
_COMPOUND_TAIL = re.compile(
    r"[\s-]*(?:[a-z]*ides?|[a-z]+ates?|alloys?|oxides?|compounds?|合金|化)(?![a-z])", re.IGNORECASE
)
_BROADLY_AFTER = re.compile(
    r"\s*,?\s*(?:more\s+broadly|broadly|in\s+general|generally|as\s+a\s+whole|of\s+all\s+kinds)\b",
    re.IGNORECASE,
)
# The reach of a rule over foreign goods: "goods that contain Chinese-origin rare earths", "products
# containing even trace amounts of rare earths" (not "magnets that contain rare earths").
_CONTAINING_BEFORE = re.compile(
    r"\bcontain(?:s|ing)?\s+(?:"
    r"(?:even\s+)?(?:(?:small|tiny|trace|minute)\s+)?(?:amounts|quantities|traces)\s+of\s+(?:chinese(?:[\s-]origin)?\s+)?"
    r"|(?:chinese(?:[\s-]origin)?|china-origin)\s+)$",
    re.IGNORECASE,
)
_CONTAINING_REACH = 60
_ITEM_AFTER = re.compile(
    r"\s*,\s*(?!and\s+(?:related\s+)?magnets)|\s+(?:and|or)\s+(?!(?:related\s+|their\s+)?magnets)"
)
_NARROWER = {"heavy_rare_earths", "light_rare_earths", "medium_heavy_rare_earths"}
LIST_WINDOW = 6  # body sentences within which a sentence spelling out a list counts
# Measures that need not touch a mineral: a chip rule, a sanction on firms.
_NO_MINERAL_TYPES = (EventType.chip_export_control, EventType.sanctions)
# Measures with goods of their own: an export control recalled beside a tariff truce or a
# subsidy is another measure, not what they cover.
_OWN_GOODS_TYPES = (EventType.tariff, EventType.industrial_policy)
# Deals and programmes, whose lead may tell them in general terms under a title naming one project.
_DEAL_TYPES = (EventType.trade_talks, EventType.industrial_policy)
FIRST_NAMING_REACH = 8  # body sentences searched when the event's own sentences name no mineral
# The October 2025 expansion, which reached every rare earth and its technologies.
_OCTOBER_CONTROLS = re.compile(r"[Oo]ctober\s+9|Oct\.?\s+9\b|10\s*月\s*9\s*日")
# The April 2025 rare-earth licensing named by its month: "imposed in April", "the April curbs".
_APRIL_CN = re.compile(r"4\s*月\s*4\s*日")
_APRIL_BEFORE = re.compile(
    r"(?:imposed|introduced|announced|since|from|in|early|mid-?)\s+(?:early\s+|mid-?)?$"
)
# "since April", "in April" name the controls only in a sentence about licences or curbs, not
# "stocks had their worst day since April".
_APRIL_PLAIN = re.compile(r"(?:since|from|in|early|mid-?)\s+(?:early\s+|mid-?)?$")
_APRIL_CONTEXT = re.compile(r"licen[cs]|permit|control|curb|restrict|export|approv|ban\b")
_APRIL_CONTEXT_REACH = 160
_APRIL_AFTER = re.compile(
    r"(?:\s+4)?(?:['’]s)?\s+(?:export\s+)?(?:controls?|curbs?|restrictions?|licensing|measures?)"
)
# A newsletter's later item heading on a line of its own: "2) Cobalt", "3. Week ahead".
_LATER_ITEM = re.compile(r"\s*(?:[2-9]|1\d)\s*[).]\s+\S")
_LIST_LINES = 40  # lines after "... the following goods:" read as the measure's list
_LIST_LINE_CHARS = 160  # a longer line is prose again
_LABEL_LINE_CHARS = 60  # "Schedule of increases:"
_LABEL_AFTER = 2  # sentences after the measure's own within which a label line opens its list
# "an investigation into whether ...": the inquiry's subject, not an open question.
_INQUIRY_BEFORE = re.compile(
    r"(?:investigat\w*|probe|inquiry|review|examin\w*|determine|assess\w*)\s+(?:into\s+|of\s+)?$"
)
_INQUIRY_REACH = 40
_TARIFF_GOODS_REACH = 60  # characters from a tariff's word to its goods, past the lead
# Between a group and the members it is given: "heavy rare earths dysprosium and terbium",
# "heavy rare earths (dysprosium, terbium)", "heavy rare earths such as ...".
_APPOSITION = re.compile(
    r"[\s,(:—–-]*(?:such as|including|namely|like|notably|especially|and|or)?[\s,(:—–-]*", re.IGNORECASE
)
_MEASURE_NOUN = re.compile(r"s?\s+(?:export\s+)?(?:controls?|curbs?|restrictions?|regime|rules?|bans?)\b")
# A time before the news, or a measure told as standing: "last December", "in October",
# "imposed this summer", "since 2023", "Beijing also controls ..." (not "also imposed": the
# same act may go on to another mineral; not "from January" or "in 2026": a start ahead).
_EARLIER_OR_STANDING = re.compile(
    r"\b(?:last|earlier|previously|already|since)\b"
    r"|\b(?:in|since)\s+(?:early\s+|late\s+|mid-?)?(?:january|february|march|april|may|june|july"
    r"|august|september|october|november|december)\b|\bsince\s+(?:19|20)\d\d\b"
    r"|\bthis\s+(?:spring|summer|autumn|fall|winter)\b"
    r"|\balso\s+(?:controls|restricts|requires|bans|limits|dominates)\b|\b(?:has|have|had)\s+also\b"
    r"|\bover the (?:past|last)\b"
    # A recap told in the plain past: "were the first to be put under licence, followed by ..."
    r"|\b(?:was|were)\s+(?:first\s+)?(?:added|put|placed|restricted|banned|licensed)\b|\bfollowed by\b"
    r"|\bthe first to be\b|\bstep was\b"
    r"|\balongside\s+(?:new\s+|separate\s+|other\s+)?(?:controls|curbs|restrictions|rules|measures)\b"
    # an earlier measure held up as the model: "the gallium pattern", "as with antimony"
    r"|\b(?:pattern|playbook|precedent|template)\b|\bas\s+(?:it\s+did\s+)?with\b",
    re.IGNORECASE,
)
# The news's own act told on ("Germanium, banned since December, will also resume"), or one
# still ahead: a recall inside it does not make the sentence another measure.
_SAME_ACT = re.compile(
    r"\b(?:will|shall)\b(?!\s+remain)|\b(?:is|are)\s+also\b|\bwith immediate effect\b"
    r"|\beffective immediately\b"
    r"|\balso\s+(?:resumes?|applies|apply|covers?|includes?)\b",
    re.IGNORECASE,
)
# A tariff "over rare earth curbs", "in retaliation for rare-earth export restrictions": the
# cause is another measure, and its minerals are not the tariff's goods.
_CAUSE_BEFORE = re.compile(
    r"\b(?:over|amid|after|against|citing|because of|in (?:retaliation|response) (?:for|to)|for)"
    r"\s+(?:[\w'’.-]+\s+){0,3}$",
    re.IGNORECASE,
)
_CAUSE_REACH = 48
_CAUSE_NOUN = re.compile(
    r"s?\s+(?:export\s+)?(?:controls?|curbs?|restrictions?|regime|rules?|bans?|moves?|measures?|limits?"
    r"|crackdown|squeeze|decision)\b",
    re.IGNORECASE,
)
_MARKET_AFTER = re.compile(
    r"s?\s+(?:stocks?|shares|prices?|miners?|producers?|companies|firms?|traders?|markets?|sector"
    r"|industry|projects?|developers?|deposits?|mines?)\b",
    re.IGNORECASE,
)
_CN_CONTROL_AFTER = re.compile(r"\s*(?:出口)?(?:管制|管控|限制|禁令)")
_CN_CAUSE_BEFORE = re.compile(r"(?:回应|回應|反制|报复|報復|针对|針對|因应|因應)[^，。；]{0,16}$")
_HOST_REACH = 24
_FIRM_AFTER = re.compile(
    r"\s+(?:Group|Corp\b\.?|Corporation|Co\b\.?|Company|Holdings|Ltd\b\.?|Limited|Inc\b\.?|Industry"
    r"|Industries|Mining|Resources)"
)
_FIRM_BEFORE = re.compile(r"\b[A-Z][a-z]+\s+$")
_TECH_WINDOW = 60
_TECH_BEFORE = 80  # "technology to make magnets and to separate rare earths"
_PROCESS_LIST_REACH = 180
_PROCESS_LIST_WORDS = 18
_WHETHER_REACH = 80
# Nouns that make "rare earth(s)" a label for a trade, firm or place rather than what a measure covers.
_DESCRIPTOR = re.compile(
    r"s?\s+(?:traders?|producers?|miners?|mines?|companies|company|firms?|industry|sector|stocks?"
    r"|shares|projects?|developers?|deposits?|markets?|prices?|business|supply chains?|export controls?"
    r"|export curbs?|export restrictions?|controls?|curbs?|restrictions?|regime|oxides? prices"
    r"|separation|refining|refinery|plants?|facility|facilities|production|output|capacity|feed)\b",
    re.IGNORECASE,
)


def _subject_sentences(
    etype: EventType, carriers: list[CuedSentence], sents: list[CuedSentence], listed: set[int]
) -> list[CuedSentence]:
    # Page furniture ("Related: ...") names other pages' subjects, even when it votes.
    chosen = {id(s) for s in carriers if s.info.weight > DEBRIS_WEIGHT} | listed
    # A chip rule or a sanction needs no mineral: one named beside it in the lead, outside the
    # sentences telling the measure, is context ("Japan relies on China for rare earths").
    own_lead = etype not in _NO_MINERAL_TYPES
    for s in sents:
        if s.background or not s.elements:
            continue
        if s.info.is_title or (s.info.position < 2 and own_lead and not _another_control(etype, s)):
            chosen.add(id(s))  # the title and the lead sentence name the subject
        elif (
            etype is not EventType.chip_export_control  # a chip rule's items are chips and tools
            and s.info.position < LIST_WINDOW
            and len(s.elements) >= 2
            and s.cues("listing")
            and not _another_control(etype, s)  # a tariff story's recall of a control's list
        ):
            chosen.add(id(s))  # "the list includes ...", "the items cover ..."
    return [s for s in sents if id(s) in chosen]


def _own_elements(s: CuedSentence, generic: bool = True) -> set[str]:
    """The elements a sentence names outside its reason clause; `generic` False keeps "rare
    earths" as one name, not as every rare earth ("seven other rare earths" names none of the
    five)."""
    return {
        e
        for h in s.elements
        if h.start < s.reason_at or h.start >= s.reason_end
        for e in (gazetteer.expand(h) if generic or h.kind != "generic" else (h.value,))
    }


def _on_the_headline(subject: list[CuedSentence], listed: set[int], full: str) -> list[CuedSentence]:
    """The title and the lead sentence name the news's minerals; a later sentence naming none
    of them and placed in the past or told as a standing state is another measure ("Last
    December it banned gallium", "curbs on germanium imposed this summer", "Beijing also
    controls graphite"), even when it lists ("seven other rare earths, including ..., in
    April"). One adding to the same act ("It also tightens reviews of graphite") stays. A head
    naming rare earths by name uses "rare earths" for those, not for all seventeen."""
    head = [s for s in subject if s.info.is_title or s.info.position == 0]
    named: set[str] = set()
    for s in head:
        named |= _own_elements(s, generic=False)
    if not named & set(gazetteer.ALL_RARE_EARTHS):
        # "rare earths" in general, not restating rare earths the head names, covers them all
        for s in head:
            named |= _own_elements(s)
    else:
        named.discard("rare_earths")
    if not named:
        return subject
    return [
        s
        for s in subject
        if s in head
        or id(s) in listed
        or not s.elements
        or _own_elements(s, generic=False) & named
        or not _EARLIER_OR_STANDING.search(full, s.info.start, s.info.end)
        or _SAME_ACT.search(full, s.info.start, s.info.end)
    ]


def _first_item(
    subject: list[CuedSentence], sents: list[CuedSentence], full: str, listed: set[int]
) -> list[CuedSentence]:
    """A newsletter's numbered items ("1) The halt", "2) Tungsten") are separate stories: the text
    leads with the first, and a later item naming none of the lead's minerals is not its news (a
    client alert's "2. Items covered" goes on with the lead's own)."""
    second = next(
        (
            s.info.start
            for s in sents
            if s.weight <= DEBRIS_WEIGHT
            and not s.info.is_title
            and id(s) not in listed  # "2) Permanent magnets: 25%": a line of the measure's schedule
            and _LATER_ITEM.match(full, s.info.start)
        ),
        None,
    )
    if second is None:
        return subject
    named = {e for s in subject if s.info.start < second for e in _own_elements(s, generic=False)}
    if not named:
        return subject
    return [
        s
        for s in subject
        if s.info.start < second or s.info.is_title or _own_elements(s, generic=False) & named
    ]


def _listed_after(carriers: list[CuedSentence], sents: list[CuedSentence], full: str) -> list[CuedSentence]:
    """ "... on the following Chinese goods:" then one line per good: a tariff schedule's lines are
    the measure's own goods, however short ("Permanent magnets: increase to 25%"). (A control
    notice's item lines name compounds of its elements, "samarium-cobalt alloy", instead.)"""
    listed: list[CuedSentence] = []
    heads = [c for c in carriers if not c.background]
    # "The new rates:", "Schedule of increases:": a label line just after the measure's sentence
    # opens its schedule too.
    told = {c.info.index for c in heads}
    heads += [
        s
        for s in sents
        if s.info.index not in told
        and not s.info.is_title
        and s.info.end - s.info.start <= _LABEL_LINE_CHARS
        and any(s.info.index - k in told for k in range(1, _LABEL_AFTER + 1))
    ]
    for c in heads:
        if not full[c.info.start : c.info.end].rstrip().endswith((":", "：")):
            continue
        for s in sents[c.info.index + 1 : c.info.index + 1 + _LIST_LINES]:
            if s.info.end - s.info.start > _LIST_LINE_CHARS:
                break  # prose again: the list has ended
            listed.append(s)
    return listed


def elements_of(
    etype: EventType, carriers: list[CuedSentence], sents: list[CuedSentence], full: str
) -> tuple[list[str], list[str]]:
    if etype is EventType.not_relevant:
        return [], []
    listed: set[int] = set()
    if etype is EventType.commentary:
        subject = [s for s in sents if s.in_lead]
    else:
        listed = {id(s) for s in _listed_after(carriers, sents, full)} if etype is EventType.tariff else set()
        subject = _subject_sentences(etype, carriers, sents, listed)
        subject = _first_item(_on_the_headline(subject, listed, full), sents, full, listed)
        if not any(s.elements for s in subject) and etype not in _NO_MINERAL_TYPES:
            undone = any(s.cues("easing") or s.cues("undoing") for s in carriers)
            subject = _first_naming(sents, etype not in _OWN_GOODS_TYPES, undone, etype)
    hits = [
        h
        for s in subject
        for h in s.elements
        if (h.start < s.reason_at or h.start >= s.reason_end)
        # "did not say whether this included rare earths": an open question covers nothing.
        and not _open_question(full, max(s.info.start, h.start - _WHETHER_REACH), h.start)
        and not _host_ore(s, h, full)
        and not _firm_name(full, h)
        and (
            etype is not EventType.tariff
            or ((s.in_lead or id(s) in listed or _tariffed(s, h)) and not _a_cause(full, h))
        )
    ]
    hits = _title_scope(_without_partners(hits, sents, full), sents, etype) + _restating_groups(subject, hits)
    rare_named = {h.value for h in hits if h.kind == "element" and h.value in gazetteer.ALL_RARE_EARTHS}
    # A named list, or a group that is one ("NdPr", "SmCo magnets"), is what the text means.
    definite = len(rare_named) >= 2 or any(h.kind == "group" and h.value not in _VAGUE for h in hits)
    # Magnets name their own metals; "rare earths" listed beside them as another good keeps its own
    # reach ("critical minerals, rare earth elements and uranium, and ... permanent magnets").
    magnets_only = definite and len(rare_named) < 2 and all(
        h.value in _MAGNET_GROUPS for h in hits if h.kind == "group" and h.value not in _VAGUE
    )
    stated = set() if definite or rare_named else _stated_rare_earths(sents, full)
    defined = _defined_groups(sents, full) if any(h.value in _NARROWER for h in hits) else {}
    # "heavy rare earths" beside "rare earths": the narrower group is what the text means.
    narrower = any(h.kind == "group" and h.value in _NARROWER for h in hits)
    found: set[str] = set()
    phrases: list[str] = []
    for h in hits:
        if h.kind == "generic" and len(rare_named - _MAGNET_METALS) < 2 and _AND_MAGNETS.match(full, h.end):
            # "rare earths and magnets", "稀土及相关磁体": the measure's magnets, their own metals
            # (beside a named list, they are that list's magnets)
            found.update(gazetteer.GROUPS[_MAGNETS])
        if h.kind == "generic" and narrower and not stated and not _technology_follows(full, h):
            continue
        vague = h.kind == "generic" or (h.kind == "group" and h.value in _VAGUE)
        if h.kind == "group" and h.value in defined and not rare_named:
            found.update(defined[h.value])  # "heavy rare earths" as the text defines them
            phrases.append(full[h.start : h.end])
            continue
        broad = h.kind == "generic" and (_technology_follows(full, h) or _all_of_them(full, h))
        if vague and stated and not broad:
            found.update(stated)  # "rare earths" restates the list the text spells out elsewhere
            phrases.append(full[h.start : h.end])
            continue
        if (
            vague
            and definite
            and not broad
            and not (magnets_only and _list_item(full, h, hits))
        ):
            continue
        if len(rare_named - _MAGNET_METALS) >= 2 and _magnets_of_the_list(full, h):
            continue  # "rare earth magnets" beside the list of rare earths: that list's magnets
        if vague and rare_named and not broad:
            if _DESCRIPTOR.match(full, h.end) or _restates_named(hits, h, full) or _one_of(full, h):
                continue  # "rare earth traders"; "dysprosium oxide, the first heavy rare earth"
        found.update(gazetteer.expand(h))
        phrases.append(full[h.start : h.end])
    return sorted(found), phrases


def _all_of_them(full: str, h: Hit) -> bool:
    """ "rare earths more broadly", "goods that contain Chinese-origin rare earths": every rare
    earth, whatever list the text names beside them."""
    return bool(
        _BROADLY_AFTER.match(full, h.end)
        or _CONTAINING_BEFORE.search(full, max(0, h.start - _CONTAINING_REACH), h.start)
    )


def _list_item(full: str, h: Hit, hits: list[Hit]) -> bool:
    """ "rare earths" as a good of its own in a list, coordinated with another mineral."""
    if h.kind != "generic" or _AND_MAGNETS.match(full, h.end):
        return False
    if not (_ITEM_BEFORE.search(full, max(0, h.start - 12), h.start) and _ITEM_AFTER.match(full, h.end)):
        return False
    return any(
        k.kind == "element"
        and k.value not in gazetteer.ALL_RARE_EARTHS
        and (0 <= k.start - h.end <= _ITEM_REACH or 0 <= h.start - k.end <= _ITEM_REACH)
        and not _SENTENCE_BREAK.search(full, min(h.end, k.end), max(h.start, k.start))
        for k in hits
    )


def _compound_runs(sents: list[CuedSentence], full: str) -> list[list[Hit]]:
    """Element names joined into one compound or alloy: "tungsten-nickel-iron alloy", "indium
    tin oxide", "碲锌镉" (characters side by side; a Chinese list parts its items with 、)."""
    runs: list[list[Hit]] = []
    for s in sents:
        named = [h for h in s.elements if h.kind == "element"]
        run: list[Hit] = []
        for h in named:
            if run and _JOINED.fullmatch(full, run[-1].end, h.start):
                run.append(h)
                continue
            if len(run) >= 2 and _compound(full, run):
                runs.append(run)
            run = [h]
        if len(run) >= 2 and _compound(full, run):
            runs.append(run)
    return runs


def _compound(full: str, run: list[Hit]) -> bool:
    joins = [full[a.end : b.start] for a, b in zip(run, run[1:], strict=False)]
    if all(j == "" or "-" in j or "–" in j for j in joins):
        return True  # "gold-antimony", "钨镍"
    return _COMPOUND_TAIL.match(full, run[-1].end) is not None


def _without_partners(hits: list[Hit], sents: list[CuedSentence], full: str) -> list[Hit]:
    """A compound of the measure's metal names other metals ("indium tin oxide" on an indium
    list, "钨镍铁合金" on a tungsten list): only the members the text names on their own count."""
    runs = _compound_runs(sents, full)
    if not runs:
        return hits
    inside = {(h.start, h.end) for run in runs for h in run}
    alone = {h.value for s in sents for h in s.elements if (h.start, h.end) not in inside}
    partners: set[tuple[int, int]] = set()
    for run in runs:
        if any(h.value in alone for h in run):
            partners.update((h.start, h.end) for h in run if h.value not in alone)
    return [h for h in hits if (h.start, h.end) not in partners]


def _open_question(full: str, start: int, end: int) -> bool:
    """ "did not say whether it covers rare earths"; but "a probe into whether imports of rare
    earths threaten security" names what the probe covers."""
    at = full.find("whether", start, end)
    if at < 0:
        return False
    return _INQUIRY_BEFORE.search(full[max(0, at - _INQUIRY_REACH) : at].lower()) is None


def _firm_name(full: str, h: Hit) -> bool:
    """ "Shandong Gold Group", "Yunnan Tin Co": a firm named for a metal; the metal it works counts
    where the text names it again."""
    if h.kind != "element" or not full[h.start : h.start + 1].isupper():
        return False
    return bool(_FIRM_AFTER.match(full, h.end) and _FIRM_BEFORE.search(full, max(0, h.start - 24), h.start))


def _host_ore(s: CuedSentence, h: Hit, full: str) -> bool:
    """ "alumina", "zinc smelting residues" in a sentence naming gallium or germanium: the source
    the by-product comes from."""
    products = HOST_METALS.get(h.value)
    if products is None or not any(k.value in products for k in s.elements):
        return False
    if h.phrase in HOST_ORES:
        return True
    follows = full[h.end : h.end + _HOST_REACH].lower().split()
    return bool(follows) and follows[0].startswith(HOST_STAGES)


def _a_cause(full: str, h: Hit) -> bool:
    """ "a tariff over rare earth curbs", "以回应中国扩大稀土出口管制": the minerals of the control the
    tariff answers; "rare earth stocks", "rare earth prices": the market, not the tariff's goods."""
    if h.kind == "generic" and _MARKET_AFTER.match(full, h.end):
        return True
    if _CN_CONTROL_AFTER.match(full, h.end):
        return _CN_CAUSE_BEFORE.search(full, max(0, h.start - _CAUSE_REACH), h.start) is not None
    if not _CAUSE_NOUN.match(full, h.end):
        return False
    return _CAUSE_BEFORE.search(full, max(0, h.start - _CAUSE_REACH), h.start) is not None


def _tariffed(s: CuedSentence, h: Hit) -> bool:
    """Past the lead, a tariff's goods follow its word ("tariffs on natural graphite"); a mineral
    further on is the sentence's context ("accepted tariffs of 15%, ... its grip on rare earths")."""
    words = [t.end for t in s.cues("tariff")]
    if any(0 <= h.start - at <= _TARIFF_GOODS_REACH for at in words):
        return True
    # "imports of active anode material face duties of 93.5%": the goods may come first.
    if any(0 <= t.start - h.end <= _TARIFF_GOODS_REACH for t in s.cues("tariff")):
        return True
    # A list runs on from its word: "tariffs on goods in strategic sectors, including ...".
    return any(
        k.start < h.start and 0 <= k.start - at <= _TARIFF_GOODS_REACH
        for k in s.cues("listing")
        for at in words
    )


def _one_of(full: str, h: Hit) -> bool:
    """ "a Western heavy rare earth": one element of the group, the one the text names."""
    said = full[h.start : h.end]
    if said.endswith(("s", "S")) or full[h.end : h.end + 1].isalpha():
        return False
    return _ONE_BEFORE.search(full, max(0, h.start - _ONE_REACH), h.start) is not None


def _restates_named(hits: list[Hit], h: Hit, full: str) -> bool:
    """A group phrase after a rare earth named earlier in its sentence names that element's kind
    ("its first dysprosium oxide, ... the first producer of heavy rare earths outside China")."""
    for k in hits:
        if k.kind == "element" and k.value in gazetteer.ALL_RARE_EARTHS and k.end <= h.start:
            between = full[k.end : h.start]
            if len(between) <= _RESTATE_REACH and not _SENTENCE_BREAK.search(between):
                return True
    return False


def _magnets_of_the_list(full: str, h: Hit) -> bool:
    """ "rare earth magnets", "稀土磁体": magnets named by the group, not by their alloy (NdFeB)."""
    if h.kind != "group" or h.value != _MAGNETS:
        return False
    said = full[h.start : h.end].lower()
    # "permanent magnets" name no alloy either; "NdFeB", "neodymium magnets" do.
    return "rare" in said or "稀土" in said or said.startswith(("permanent magnet", "永磁"))


def _restating_groups(subject: list[CuedSentence], hits: list[Hit]) -> list[Hit]:
    """ "Rare earth shortage idles plant" then "... a shortage of rare earth magnets caused by
    ...": a vague title restated as a narrower group, even inside the cause, names the elements."""
    if any(h.kind != "generic" for h in hits) or not hits:
        return []
    return [
        h
        for s in subject
        for h in s.elements
        if h.kind == "group"
        and h.value not in _VAGUE
        and s.reason_at <= h.start < s.reason_end
        # "rare earths critical to chips, permanent magnets ...": what they are used for
        and not any(u.start < h.start for u in s.hits.get("uses", ()))
    ]


def _another_control(etype: EventType, s: CuedSentence) -> bool:
    """An export control told beside a tariff ("On April 4, China put seven rare earths under
    licence"): another measure, unless the sentence ties it to the duties."""
    return (
        etype is EventType.tariff
        and bool(s.cues("control") or s.cues("control_weak"))
        and not s.cues("tariff")
    )


def _first_naming(
    sents: list[CuedSentence], recalled: bool, undone: bool, etype: EventType | None = None
) -> list[CuedSentence]:
    """The first sentence of the body that names minerals, when the sentences carrying the event
    name none ("the measures cover the following items: ..."). With `recalled`, a sentence
    recalling an export control may name them: its list of items, or, for a measure `undone`
    (suspended, eased), what it covered."""
    for s in sents:
        if s.info.position >= FIRST_NAMING_REACH:
            break
        if s.elements and not s.background and s.weight > DEBRIS_WEIGHT and not _another_control(etype, s):
            return [s]
    if not recalled:
        return []
    # None but a sentence recalling the measure itself ("the notices had put rare earths under
    # control", "the list includes gallium ... under licensing since 2023"); a sentence telling
    # what the news came after, or another measure, names other minerals.
    for s in sents:
        if s.info.position >= FIRST_NAMING_REACH:
            break
        if (
            s.elements
            and s.cues("control")
            and s.info.weight > DEBRIS_WEIGHT
            and (undone or s.cues("listing"))
            and not _recalls_before(s)
        ):
            return [s]
    return []


def _recalls_before(s: CuedSentence) -> bool:
    """ "The move follows curbs on ...": the measure the news came after, not the news."""
    return any(h.phrase in RECALLING_OPENINGS for h in s.hits.get("reason", ()))


def _title_scope(hits: list[Hit], sents: list[CuedSentence], etype: EventType) -> list[Hit]:
    """A title naming its minerals ("... on lithium batteries and graphite anodes") and no rare
    earths sets the scope: "rare earths" further on are another measure or context. The lead
    sentence telling a deal or a programme in general terms, without the title's minerals ("a
    framework on critical minerals and rare earths"), keeps its rare earths; one naming the
    title's minerals compares ("controls on a par with those on rare earths")."""
    if not sents or not sents[0].info.is_title:
        return hits
    title = sents[0].elements
    if not title or any(h.kind != "element" or h.value in gazetteer.ALL_RARE_EARTHS for h in title):
        return hits
    end = sents[0].info.end
    lead = next((s for s in sents if s.info.position == 0), None) if etype in _DEAL_TYPES else None
    if lead is not None and {h.value for h in lead.elements} & {h.value for h in title}:
        lead = None
    return [
        h
        for h in hits
        if h.start < end
        or not (h.kind == "generic" or h.value in _VAGUE)
        or (lead is not None and lead.info.start <= h.start < lead.info.end)
    ]


def _stated_rare_earths(sents: list[CuedSentence], full: str) -> set[str]:
    """The rare earths a text spells out as a list (a named group such as the seven of April
    2025, or two or more named in one sentence), outside its background; empty if none."""
    stated: set[str] = set()
    for s in sents:
        if s.background or s.weight <= DEBRIS_WEIGHT:
            continue
        named = {h.value for h in s.elements if h.kind == "element" and h.value in gazetteer.ALL_RARE_EARTHS}
        groups = [h for h in s.elements if h.kind == "group" and h.value in _DEFINITE]
        if len(named) >= 2:
            stated |= named
        for h in groups:
            stated.update(e for e in gazetteer.expand(h) if e in gazetteer.ALL_RARE_EARTHS)
    if not stated and _names_april_controls(full) and not _names_october_controls(full):
        # Rare-earth licences "since April", "the April controls": the seven of April 2025.
        stated.update(gazetteer.GROUPS["medium_heavy_2025_04"])
    return stated


def _defined_groups(sents: list[CuedSentence], full: str) -> dict[str, set[str]]:
    """ "the heavy rare earths dysprosium and terbium", "heavy rare earths such as ...": the
    members a text gives a narrower group, wherever it says so, are what it means by the group."""
    defined: dict[str, set[str]] = {}
    for s in sents:
        for i, h in enumerate(s.elements):
            if h.kind != "group" or h.value not in _NARROWER:
                continue
            members: set[str] = set()
            end = h.end
            for k in s.elements[i + 1 :]:
                if k.kind != "element" or k.value not in gazetteer.ALL_RARE_EARTHS:
                    break
                if not _APPOSITION.fullmatch(full, end, k.start):
                    break
                members.add(k.value)
                end = k.end
            if len(members) >= 2:
                defined.setdefault(h.value, set()).update(members)
    return defined


def _names_april_controls(full: str) -> bool:
    if "月" in full and _APRIL_CN.search(full):
        return True
    for word in ("April", "april", "APRIL"):
        at = full.find(word)
        while at >= 0:
            before = full[max(0, at - 24) : at].lower()
            if _APRIL_AFTER.match(full[at + 5 : at + 45].lower()):
                return True
            if _APRIL_BEFORE.search(before) and (
                not _APRIL_PLAIN.search(before) or _about_licences(full, at)
            ):
                return True
            at = full.find(word, at + 5)
    return False


def _about_licences(full: str, at: int) -> bool:
    """Whether the sentence around `at` speaks of licences, curbs or exports."""
    before = full[max(0, at - _APRIL_CONTEXT_REACH) : at]
    breaks = list(_SENTENCE_BREAK.finditer(before))
    if breaks:
        before = before[breaks[-1].end() :]
    after = full[at : at + _APRIL_CONTEXT_REACH]
    end = _SENTENCE_BREAK.search(after)
    said = before + (after[: end.start()] if end else after)
    return _APRIL_CONTEXT.search(said.lower()) is not None


def _names_october_controls(full: str) -> bool:
    return ("ctober" in full or "Oct" in full or "月" in full) and _OCTOBER_CONTROLS.search(full) is not None


def _process_list_before(full: str, hit: Hit) -> bool:
    """ "technology for the mining, smelting, separation, metal processing, magnet making and
    recycling of rare earths": a list of processes between the technology and its rare earths."""
    said = full[max(0, hit.start - _PROCESS_LIST_REACH) : hit.start]
    breaks = list(_SENTENCE_BREAK.finditer(said))
    if breaks:
        said = said[breaks[-1].end() :]
    low = said.lower()
    at = max((low.rfind(w) for w in TECH_WORDS), default=-1)
    if at < 0 or not low.rstrip().endswith((" of", " for")):
        return False
    between = low[at:]
    return any(w in between for w in PROCESS_WORDS) and len(between.split()) <= _PROCESS_LIST_WORDS


def _technology_follows(full: str, hit: Hit) -> bool:
    """ "rare earth processing technologies", "technologies for rare earth mining": the text
    means the technology, not a place or trade ("a rare earth mining town")."""
    after = full[hit.end : hit.end + _TECH_WINDOW].lower()
    if any(w in after for w in TECH_WORDS) and not _MEASURE_NOUN.match(after):
        return True  # not "rare earth controls with ... magnet technology": the controls' own
    # "technology to extract and separate rare earths": the process may come before the name;
    # "ReElement Technologies, which refines rare earths" names a firm, not a technology.
    said = full[max(0, hit.start - _TECH_BEFORE) : hit.start]
    before = said.lower()
    if not any(w in before for w in TECH_WORDS):
        return _process_list_before(full, hit)
    if any(w in after for w in PROCESS_WORDS):
        return True
    return any(w in said for w in TECH_WORDS) and any(w in before for w in PROCESS_WORDS)
