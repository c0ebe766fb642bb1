"""The type vote: how strongly one sentence speaks for each event type, before its weight.

A control word votes for a mineral or a chip control by the goods its sentence names; tariffs,
talks, sanctions, disruptions and policy vote by their own words. `event_type` adds the votes
up over the text.
"""

from __future__ import annotations

from chokewatch.shared.messages import EventType

from .cues import (
    AGENDA_AFTER,
    AGENDA_TALKS,
    CHIP_FIRMS,
    DISCUSSING,
    DUAL_USE,
    IMPORT_STATUTES,
    MINERAL_FIRMS,
    NAMED_BANS,
    OWN_SANCTIONS,
    PERMITTING_VERBS,
    RESTRICTING_VERBS,
    WEAK_POLICY,
)
from .sentence_cues import CAP_PER_SENTENCE, NO_HITS, CuedSentence

Votes = dict[EventType, float]

WEAK_CONTROL = 0.4  # "exports", "licences": control words that plain trade news also uses
CONTEXT_FACTOR = 0.8  # a control whose goods only the rest of the text names
AGENDA_FACTOR = 0.3  # controls that talks are about
_AGENDA_REACH = 30
_TARGET_GAP = 12  # characters between a country's name and the firms it describes
# 商务部, 海关总署, 国务院: governing bodies that act, not countries that describe targets.
_CN_BODIES = ("部", "署", "局", "委员会", "机制", "办", "院")
_TRADE_WORDS = ("export", "shipment", "sales", "deliver", "suppl", "出口", "供应", "供應", "供货", "供貨",
                "发货", "發貨", "出货", "出貨", "交付", "断供", "斷供")
_PERMISSIONS = ("approv", "permit", "licen", "许可", "审批")  # a permission granted, not a control
# The kinds of a measure (not talks, disruption or policy).
MEASURES = (
    EventType.mineral_export_control,
    EventType.chip_export_control,
    EventType.tariff,
    EventType.sanctions,
)
_VOTE_KINDS = frozenset(
    {
        "control",
        "control_weak",
        "chip",
        "chip_rule",
        "tariff",
        "talks",
        "sanctions",
        "company_measure",
        "disruption",
        "supply_halt",
        "policy",
    }
)


def sentence_votes(s: CuedSentence, notice_minerals: bool = False, subject: str = "") -> Votes:
    """How strongly one sentence speaks for each event type, before its weight.

    `notice_minerals`: the text is a numbered notice whose articles name the minerals, so its
    heading and preamble speak of them too. `subject`: what the text as a whole is about
    ("mineral", "chip" or ""), for a lead sentence whose control names neither.
    """
    if _VOTE_KINDS.isdisjoint(s.main) and not _names_a_ban(s) and not _supply_assured(s):
        return {}
    mineral = _names_mineral(s, notice_minerals)
    chip_words = bool(s.cues("chip"))
    chip = chip_words or any(h.value in CHIP_FIRMS for h in s.hits.get("company", NO_HITS))
    control = _control_strength(s, mineral or chip_words)
    on_firms = s.count("company_measure")
    agenda = _on_the_agenda(s, "control")
    if control and agenda:
        control *= AGENDA_FACTOR  # "talks on export controls": the controls are what is discussed
    if (
        control
        and s.in_lead
        and not (mineral or chip or on_firms or s.cues("talks"))  # both sides' controls in a deal
        and not _named_targets(s)  # "bans dual-use exports to 28 US entities": a sanction on them
        and subject
        and "reason" not in s.hits
    ):
        # "banning the export of dual-use goods to ...": the text's subject says which goods.
        mineral, chip = subject == "mineral", subject == "chip"
        control *= CONTEXT_FACTOR
    votes: Votes = {}
    if mineral and control:
        votes[EventType.mineral_export_control] = control
    if chip and (control or s.cues("chip_rule")) and not _duty_on_imports(s):
        strength = max(control, s.count("chip_rule") * (AGENDA_FACTOR if agenda else 1.0))
        votes[EventType.chip_export_control] = strength * (0.5 if mineral or on_firms else 1.0)
    if on_firms:
        votes[EventType.sanctions] = on_firms
    if s.cues("tariff"):
        # "to discuss rare earths and tariffs": duties on the agenda of talks, not set
        votes[EventType.tariff] = s.count("tariff") * (AGENDA_FACTOR if _tariffs_discussed(s) else 1.0)
    if s.cues("talks"):
        votes[EventType.trade_talks] = s.count("talks")
    if s.cues("sanctions"):
        votes[EventType.sanctions] = votes.get(EventType.sanctions, 0.0) + _sanction_strength(s, chip_words)
    if listed(s) and not mineral and not chip:
        # Control-list language aimed at named firms, with no mineral: a measure on companies.
        votes[EventType.sanctions] = votes.get(EventType.sanctions, 0.0) + control
    _supply_votes(s, mineral, votes)
    return votes


def listed(s: CuedSentence) -> bool:
    """Control words aimed at firms ("puts 12 defence firms on its control list", "lifts controls
    on US entities"), not a firm's own export permitted ("snack maker wins export approval")."""
    controls = s.cues("control")
    if not controls or not s.cues("targets"):
        return False
    granted = s.cues("easing") and not s.cues("tightening")
    return not (granted and all(any(w in h.phrase for w in _PERMISSIONS) for h in controls))


def votes_measure(s: CuedSentence) -> bool:
    return any(t in MEASURES for t in sentence_votes(s))


def _on_the_agenda(s: CuedSentence, kind: str) -> bool:
    """Every control word sits beside a word of talks ("talks on export controls", "an export
    control dialogue", "consultations over the curbs"): the controls are the agenda."""
    agenda = [h for h in s.cues("talks") if any(w in h.phrase for w in AGENDA_TALKS)]
    controls = s.cues(kind)
    return bool(agenda and controls) and all(
        any(
            -_AGENDA_REACH <= c.start - a.end <= _AGENDA_REACH or 0 <= a.start - c.end <= _AGENDA_REACH
            for a in agenda
        )
        for c in controls
    )


def _duty_on_imports(s: CuedSentence) -> bool:
    """Duties or a Section 232 case on imports, with no export or control word ("a Section 232
    investigation into semiconductor imports"): a tariff matter, not a chip export rule."""
    duties = s.cues("tariff")
    if not duties or s.cues("control"):
        return False
    if any(h.phrase in IMPORT_STATUTES for h in duties):
        return True  # Section 232 is a statute on imports
    trade = [h.phrase for h in s.hits.get("topic", NO_HITS)]
    return any(p.startswith("import") for p in trade) and not any(p.startswith("export") for p in trade)


def _tariffs_discussed(s: CuedSentence) -> bool:
    """Every tariff word follows a word of discussion ("will meet Xi to discuss rare earths and
    tariffs", "talks on tariffs"); negotiations chosen over tariffs are not about them."""
    talked = [h for h in s.cues("talks") if h.phrase.startswith(DISCUSSING)]
    # "with tariffs and rare earths expected to top the agenda": the agenda named after them
    agenda = [h for h in s.cues("talks") if h.phrase in AGENDA_AFTER]
    return bool(talked or agenda) and all(
        any(0 <= t.start - a.end <= _AGENDA_REACH for a in talked)
        or any(0 <= a.start - t.end <= 2 * _AGENDA_REACH for a in agenda)
        for t in s.cues("tariff")
    )


def _supply_assured(s: CuedSentence) -> bool:
    """China promising to keep a mineral flowing ("China assured India it will address its needs
    for rare earths"): a relief of its control on that mineral's exports. Allies pledging to
    secure supply together make policy instead."""
    kept = any(h.value == "kept" for h in s.cues("easing"))
    china = any(h.value == "CN" for h in s.cues("actor"))
    return kept and china and bool(s.elements or s.hits.get("mineral"))


def _names_a_ban(s: CuedSentence) -> bool:
    """ "China still restricts rare earths": a restricting verb on a mineral, no control noun."""
    return bool(s.cues("tightening")) and bool(s.elements or s.hits.get("mineral")) and _named_ban(s)


def _named_targets(s: CuedSentence) -> bool:
    """Targets named by their country ("28 US entities", "American defence firms"); a Chinese
    ministry before them acts on them ("商务部已对部分企业发放…")."""
    actors = [a for a in s.cues("actor") if not a.phrase.endswith(_CN_BODIES)]
    return any(0 <= t.start - a.end <= _TARGET_GAP for t in s.cues("targets") for a in actors)


def _names_mineral(s: CuedSentence, notice_minerals: bool) -> bool:
    return (
        bool(s.elements)
        or bool(s.hits.get("mineral"))
        or (notice_minerals and s.in_lead)
        or _chinese_dual_use(s)
        or any(h.value in MINERAL_FIRMS for h in s.hits.get("company", NO_HITS))
    )


def _control_strength(s: CuedSentence, goods: bool) -> float:
    # Weak control words with a restricting verb ("banned ... exports") are control language.
    acted_on = any(h.phrase.startswith(RESTRICTING_VERBS) for h in s.cues("tightening")) or any(
        h.phrase.startswith(PERMITTING_VERBS)
        for h in s.cues("easing")  # "approves exports"
    )
    # "exports halted by floods": a physical cause, not control language
    weak = 1.0 if acted_on and not s.cues("disruption") else WEAK_CONTROL
    control = min(CAP_PER_SENTENCE, s.count("control") + weak * s.count("control_weak"))
    if goods and not control and (_named_ban(s) or _supply_assured(s)):
        control = 1.0  # "China's gallium ban", "curbs chip sales": a measure named by its goods
    return control


def _supply_votes(s: CuedSentence, mineral: bool, votes: Votes) -> None:
    """Halts, disruptions and policy, added to the measure votes of the sentence."""
    halts = s.cues("supply_halt")
    disruption = s.count("disruption") + 0.5 * len(halts)
    # Exports stopped by a government are its measure; output cut by smelters is not.
    trade_halts = [h for h in halts if any(w in h.phrase for w in _TRADE_WORDS)]
    by_government = s.cues("actor") and not s.hits.get("company") and not s.count("disruption")
    if trade_halts and mineral and by_government:
        # A government that suspends or halts exports has imposed an export measure.
        votes[EventType.mineral_export_control] = votes.get(EventType.mineral_export_control, 0.0) + len(
            trade_halts
        )
        disruption = 0.0
    if disruption:
        votes[EventType.supply_disruption] = disruption * (1.0 if mineral or s.hits.get("company") else 0.5)
    amount = _policy_amount(s, disruption)
    if amount:
        votes[EventType.industrial_policy] = amount * (1.0 if mineral else 0.4)


def _chinese_dual_use(s: CuedSentence) -> bool:
    """China's dual-use export list is a list of minerals and their products, unless the
    sentence puts firms on it (a sanction)."""
    return (
        any(h.phrase in DUAL_USE for h in s.cues("control"))
        and not s.cues("targets")
        and any(h.value == "CN" for h in s.hits.get("actor", NO_HITS))
    )


def _sanction_strength(s: CuedSentence, chip_words: bool) -> float:
    """ "could face sanctions", "warns of sanctions": a threat beside the measure, not the measure;
    beside chip words, sanctions words are mostly the Entity List's."""
    threat = s.cues("speculation") and min(h.start for h in s.cues("speculation")) < min(
        h.start for h in s.cues("sanctions")
    )
    # "unreliable entity list", "asset freeze": no chip rule is ever called so.
    own = any(h.phrase in OWN_SANCTIONS for h in s.cues("sanctions"))
    return s.count("sanctions") * (0.3 if (chip_words and not own) or threat else 1.0)


def _policy_amount(s: CuedSentence, disruption: float) -> float:
    """Policy needs someone to make it: a government or a named company. A plant, factory or
    capacity named beside a disruption is where supply stopped, not a policy."""
    policy = s.cues("policy")
    if not policy or not (s.hits.get("actor") or s.hits.get("company")):
        return 0.0
    strong = [h for h in policy if h.phrase not in WEAK_POLICY]
    weak = len(policy) - len(strong)
    return min(CAP_PER_SENTENCE, len(strong) + (0.0 if disruption else 0.5 * weak))


def _named_ban(s: CuedSentence) -> bool:
    """A ban or curb said of a mineral with no other control word, outside a firm's troubles
    ("Bajaj reels from the magnet curbs"), a disruption or the agenda of talks."""
    if s.hits.get("company") or s.cues("disruption") or s.cues("talks"):
        return False
    return any(h.phrase.startswith(NAMED_BANS) for h in s.cues("tightening"))
