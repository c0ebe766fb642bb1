"""Separate steps that look alike: a permission given and taken away, one statute's actions in
different years, the same firms in unrelated measures, and an undated report's own day."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from chokewatch.shared.core.reading.classifier import classify
from chokewatch.shared.core.reading.incident_facts import action, cosine
from chokewatch.shared.core.reading.incident_policy import item, member
from chokewatch.shared.core.reading.incident_rules import (
    AGREED_JOIN,
    COUNT_FLOOR,
    FAR_JOIN,
    FAR_PENALTY,
    FLOOR,
    JOIN,
    LIST_JOIN,
    Item,
    anchors,
    follows,
    group_strength,
    join_reason,
    names_day_of,
    names_month_of,
    one_pause,
    same_incident,
    strength,
    tie,
)
from chokewatch.shared.core.reading.similarity import signature
from chokewatch.shared.messages import Classification, EventType

GRANTED = (
    "US grants Samsung and SK Hynix waivers for chip tools in China\n"
    "The United States granted Samsung Electronics and SK Hynix indefinite waivers to ship "
    "American chipmaking equipment to their plants in China without separate licences, Seoul said."
)
REVOKED = (
    "US revokes waivers for Samsung and SK Hynix chip tools in China\n"
    "The United States revoked the waivers that let Samsung Electronics and SK Hynix ship "
    "American chipmaking equipment to their plants in China; licences will be needed in 120 days."
)
AFTER_REVOCATION = (
    "Samsung and SK Hynix get US approval for chip tools in China next year\n"
    "The United States approved yearly licences for Samsung Electronics and SK Hynix to ship "
    "chipmaking equipment to their China plants, after the waivers they held expired."
)


def text_item(text: str, when: str | None) -> Item:
    at = datetime.fromisoformat(when).replace(tzinfo=UTC) if when else None
    return item(member(classify(text), text, "", at))


def test_the_headline_step_on_a_permission() -> None:
    assert action(GRANTED) == "grant"
    assert action(REVOKED) == "revoke"
    assert action(AFTER_REVOCATION) == "revoke"  # a licence decision under the withdrawal
    assert action("Malaysia requires permits for AI chip exports\nPermits are needed from Monday.") == ""
    assert action("China to lift its export ban on gallium\nThe ban is suspended for a year.") == ""


def test_a_permission_given_and_one_taken_away_are_two_steps() -> None:
    granted, revoked = text_item(GRANTED, None), text_item(REVOKED, None)
    assert not same_incident(granted, revoked)
    assert same_incident(revoked, text_item(AFTER_REVOCATION, None))


def test_one_statute_in_different_years_is_two_actions() -> None:
    review = ("USTR finalizes Section 301 tariff increases on graphite and magnets\n"
              "After its four-year review of the 2018 duties, the trade office raised rates on "
              "natural graphite and permanent magnets to 25% from 2026, and on syringes, medical "
              "gloves, ship-to-shore cranes and electric vehicles to 100% this year. Katherine Tai "
              "said the increases answer forced technology transfer.")
    ships = ("USTR sets port fees on Chinese-built ships under Section 301\n"
             "The trade office will charge fees on each port call by vessels built or operated "
             "by Chinese firms, after finding Beijing's dominance of shipbuilding and logistics "
             "unreasonable; the first fees fall due in October, per net ton, and owners of "
             "car carriers and tankers face separate charges. Shipowners and exporters objected.")
    assert not same_incident(text_item(review, "2024-09-13"), text_item(ships, "2025-04-17"))
    assert not same_incident(text_item(review, None), text_item(ships, None))


def test_shared_firms_alone_do_not_join_chip_measures() -> None:
    draft = ("US plans curbs on Nvidia AI chips to Malaysia and Thailand\n"
             "The Commerce Department is drafting a rule to restrict shipments of Nvidia "
             "processors to Malaysian and Thai data centres over fears they are smuggled onward, "
             "two people familiar with the draft said; the rule would replace the rescinded "
             "diffusion framework.")
    refusal = ("White House blocks Nvidia Blackwell sales\n"
               "The administration told Nvidia it may not sell its scaled-down Blackwell "
               "accelerator to Chinese buyers, officials said after the summit in Busan, despite "
               "the chief executive's lobbying and a promised revenue share.")
    assert not same_incident(text_item(draft, "2025-07-05"), text_item(refusal, None))


def test_an_undated_report_names_the_day_of_its_development() -> None:
    undated = text_item("The Dutch government announced wider export controls on lithography "
                        "machines on Friday, September 6, effective September 7.", None)
    assert names_day_of(undated, text_item("Dutch expand lithography controls.", "2024-09-10"))
    assert not names_day_of(undated, text_item("Dutch confirm lithography controls.", "2023-03-08"))


def test_a_country_s_rules_on_one_product_a_year_apart_are_two_rounds() -> None:
    # Two reports on one country's rules for the same tools, fairly alike but not copies.
    facts = Classification(event_type=EventType.chip_export_control, issuer="NL", companies=["ASML"])
    common = {"c:asml": 0.5, "c:netherlands": 0.4, "lithography": 0.3}

    def report(extra: dict[str, float], when: str) -> Item:
        at = datetime.fromisoformat(when).replace(tzinfo=UTC)
        return Item(facts, signature(" ".join(extra)), at, profile={**common, **extra})

    first = report({"cabinet": 0.5, "summer": 0.4}, "2023-03-08")
    again = report({"immersion": 0.5, "saturday": 0.4}, "2023-03-10")
    later = report({"immersion": 0.5, "saturday": 0.4}, "2024-09-06")
    assert 0.45 < cosine(first.profile, again.profile) < FAR_JOIN
    assert same_incident(first, again)
    assert not same_incident(first, later)


def test_a_programme_is_named_alike_in_chinese_and_english() -> None:
    assert "named:unreliable entity list" in anchors("商务部决定将15家美国企业列入不可靠实体清单。")
    assert "named:section 301" in anchors("美方发起301调查。")


def _event(profile: dict[str, float], elements: tuple[str, ...] = ("Sm",), when: str | None = None) -> Item:
    facts = Classification(event_type=EventType.mineral_export_control, issuer="CN", elements=list(elements),
                           direction="tightening", status="enacted", severity=0.5)
    at = datetime.fromisoformat(when).replace(tzinfo=UTC) if when else None
    return Item(classification=facts, signature=(), published_at=at, profile=profile, lang="latin")


def _unit(weights: dict[str, float]) -> dict[str, float]:
    norm = sum(w * w for w in weights.values()) ** 0.5
    return {t: w / norm for t, w in weights.items()}


def test_a_text_matching_an_incidents_reports_together_joins_it() -> None:
    # Two reports of one notice, each naming its own particulars; a third names some of each.
    licences = _event(_unit({"licence": 1, "magnet": 1, "exporter": 1, "samarium": 1}))
    customs = _event(_unit({"customs": 1, "seized": 1, "port": 1, "inspection": 1}))
    both = _event(_unit({"licence": 1, "customs": 1, "audit": 1.2}), ("Sm", "Tb", "Dy"))
    assert max(strength(licences, both), strength(customs, both)) == 0.0
    assert group_strength([licences, customs], both) > 0.0
    # One report alone is no sum of several, and an unlike text matches neither way.
    assert group_strength([licences], both) == 0.0
    # Commentary, where topics drift most, joins a report it is like, never a sum of them.
    opinion = Item(**{**{f: getattr(both, f) for f in both.__slots__},
                      "classification": Classification(event_type=EventType.commentary, elements=["Sm"])})
    assert group_strength([licences, customs], opinion) == 0.0
    other = _event(_unit({"quota": 1, "smelter": 1, "audit": 0.2}))
    assert group_strength([licences, customs], other) == 0.0


def test_the_sum_of_reports_does_not_override_what_keeps_texts_apart() -> None:
    licences = _event(_unit({"licence": 1, "magnet": 1, "exporter": 1, "samarium": 1}))
    customs = _event(_unit({"customs": 1, "seized": 1, "port": 1, "inspection": 1}))
    both = _unit({"licence": 1, "customs": 1, "audit": 1.2})
    chips = Classification(event_type=EventType.chip_export_control, issuer="CN", elements=[],
                           direction="tightening", status="enacted", severity=0.5)
    chip_rule = Item(classification=chips, signature=(), profile=both, lang="latin")
    assert group_strength([licences, customs], _event(both, ("Sm", "Tb", "Dy"))) > 0.0
    assert group_strength([licences, customs], chip_rule) == 0.0  # a chip measure, not a mineral one


INDIUM_CURBS = (
    "China puts indium and bismuth exports under licence\n"
    "The commerce ministry said exporters of indium ingots and bismuth compounds must apply for "
    "licences from the first of next month, citing national security and non-proliferation. "
    "The notice lists 14 items, among them indium phosphide wafers and bismuth telluride, and "
    "asks applicants to name end users; a spokesman told reporters in Beijing the step was not "
    "aimed at any country. Analysts at a Shanghai brokerage called it a reply to new US duties."
)
INDIUM_LIFTED = (
    "China lifts licence rule on indium and bismuth exports\n"
    "Exporters of indium and bismuth no longer need a licence, the commerce ministry said, ending "
    "a requirement that had slowed shipments to display and solder makers for most of the year."
)
INDIUM_LICENCES = (
    "First indium licences granted since the February curbs\n"
    "Two Guangxi smelters said on Tuesday that Beijing had cleared their shipments to Korean "
    "panel buyers, the earliest clearances since the rule began. Spot prices in Rotterdam fell "
    "8% on the news, and Samsung Display and LG Display said deliveries of ingots and bismuth "
    "solder alloys would resume within weeks, after warehouses in Busan ran low over the spring."
)


def test_a_headline_reporting_a_later_step_of_a_measure() -> None:
    from chokewatch.shared.core.reading.incident_facts import follow_up, months_named

    assert follow_up(INDIUM_LIFTED) and follow_up(INDIUM_LICENCES)
    assert follow_up("商务部宣布暂停实施铟出口管制措施\n正文")
    assert follow_up("Gallium export ban takes effect\nThe ban applies from today.")
    assert not follow_up(INDIUM_CURBS)
    assert not follow_up("Netherlands expands controls on chip tools\nMore machines need a licence.")
    assert months_named(INDIUM_LICENCES) == (2,)
    assert months_named("商务部批准4月管制的稀土出口许可\n正文") == (4,)
    assert months_named("Exports may slow\nTraders may wait.") == ()  # the verb, not the month


def test_a_later_step_months_on_joins_its_measure_and_a_new_measure_does_not() -> None:
    curbs = text_item(INDIUM_CURBS, "2025-02-06")
    lifted = text_item(INDIUM_LIFTED, "2025-11-20")  # nine months on: no penalty for the wait
    assert follows(curbs, lifted) and follows(lifted, curbs)
    assert tie(curbs, lifted) == pytest.approx(cosine(curbs.profile, lifted.profile))
    licences = text_item(INDIUM_LICENCES, "2025-04-10")
    assert names_month_of(licences, curbs) and same_incident(curbs, licences)
    # Worded unlike the notice: the month it names is what ties them.
    assert tie(curbs, licences) < JOIN and join_reason(curbs, licences, 0.0, tie(curbs, licences)) == "anchor"
    assert not same_incident(text_item(INDIUM_CURBS, "2024-08-06"), licences)  # another February
    # A year and a half on, a lifting is no later step of this measure.
    late = text_item(INDIUM_LIFTED, "2026-08-20")
    assert not follows(curbs, late)
    # A new measure on other elements, however it is headlined, is not a later step of this one.
    tin = text_item("China lifts licence rule on tungsten exports\nExporters of tungsten no longer "
                    "need a licence, the commerce ministry said.", "2025-11-20")
    assert not follows(curbs, tin)


def _paused(profile: dict[str, float], elements: tuple[str, ...], when: str | None, lang: str) -> Item:
    base = _event(profile, elements, when)
    return Item(classification=base.classification, signature=(), published_at=base.published_at,
                profile=profile, lang=lang, follow_up="pause")


def test_one_suspension_reported_twice_is_one_step() -> None:
    from chokewatch.shared.core.reading.incident_facts import follow_up

    assert follow_up("商务部宣布暂停实施铟、铋出口管制措施\n正文") == "pause"
    assert follow_up("China lifts its curbs on indium exports\nBody.") == "pause"
    assert follow_up("商务部：不再实施对美铟出口管制\n正文") == "pause"
    assert follow_up("EU puts indium duties on hold\nBody.") == "pause"
    assert follow_up("Indium export licences take effect\nFrom today.") == "step"
    # Two reports of one suspension with little in common but the step and the minerals.
    english = _paused(_unit({"c:suspend": 1, "c:indium": 1, "c:trump": 1, "c:busan": 1, "c:samsung": 1}),
                      ("In", "Bi"), "2025-11-08", "latin")
    chinese = _paused(_unit({"c:suspend": 1, "c:indium": 1, "c:he yadong": 1, "c:nexperia": 1, "c:eu": 1}),
                      ("In", "Bi"), None, "cjk")
    assert tie(english, chinese) < JOIN and one_pause(english, chinese) and same_incident(english, chinese)
    # Not a suspension of a measure on other minerals, nor one a season later.
    tungsten = _paused(english.profile, ("W",), "2025-11-08", "latin")
    later = _paused(english.profile, ("In", "Bi"), "2026-03-08", "latin")
    assert not one_pause(tungsten, chinese) and not one_pause(english, later)


def test_the_same_count_on_one_list_is_one_listing() -> None:
    from chokewatch.shared.core.reading.incident_facts import terms

    assert terms("Acme Chips and 35 other companies join the entity list")["count:36"] == 1
    chips = Classification(event_type=EventType.chip_export_control, issuer="US", elements=[],
                           direction="tightening", status="enacted", severity=0.5)
    draft = Item(classification=chips, signature=(), lang="latin",
                 profile=_unit({"count:36": 1, "c:entity list": 1, "rumour": 3, "seoul": 3}))
    rule = Item(classification=chips, signature=(), lang="latin",
                profile=_unit({"count:36": 1, "c:entity list": 1, "radar": 3, "institute": 3}))
    assert tie(draft, rule) < COUNT_FLOOR and same_incident(draft, rule)
    # The same count of firms on no list, or on different lists, says less.
    unlisted = Item(classification=chips, signature=(), lang="latin",
                    profile=_unit({"count:36": 1, "radar": 2, "institute": 2}))
    assert not same_incident(draft, unlisted)


def _chip_rule(profile: dict[str, float], lead: str = "US", subject: str = "chips") -> Item:
    facts = Classification(event_type=EventType.chip_export_control, issuer="US", elements=[],
                           direction="tightening", status="enacted", severity=0.5)
    return Item(classification=facts, signature=(), profile=profile, lang="latin",
                actors=(lead, lead), subject=subject)


def test_element_less_measures_whose_facts_agree_need_less_likeness() -> None:
    # One chip rule, two write-ups sharing a third of their particulars.
    issued = _chip_rule(_unit({"diffusion": 1, "tier": 1, "cap": 1, "ally": 1, "cloud": 1.2}))
    explained = _chip_rule(_unit({"diffusion": 1, "tier": 1, "lawyer": 1.3, "compliance": 1.3, "fine": 1}))
    assert AGREED_JOIN <= tie(issued, explained) < JOIN
    assert join_reason(issued, explained, 0.0, tie(issued, explained)) == "facts"
    # Headlines led by another government, or on another subject, do not agree.
    malaysian = _chip_rule(explained.profile, lead="MY")
    assert not same_incident(issued, malaysian)
    assert not same_incident(issued, _chip_rule(explained.profile, subject="minerals"))


def _tariff(elements: tuple[str, ...], anchors: frozenset[str], profile: dict[str, float]) -> Item:
    facts = Classification(event_type=EventType.tariff, issuer="US", elements=list(elements),
                           direction="tightening", status="enacted", severity=0.5)
    return Item(classification=facts, signature=(), profile=profile, lang="latin", anchors=anchors)


def test_reports_of_one_list_of_goods_may_name_different_minerals() -> None:
    review = frozenset({"named:section 301"})
    graphite = _tariff(("graphite",), review, _unit({"review": 2, "graphite": 1, "crane": 1, "syringe": 1}))
    magnets = _tariff(("Nd", "Dy"), review, _unit({"review": 2, "magnet": 1, "crane": 1, "syringe": 1}))
    assert tie(graphite, magnets) >= LIST_JOIN and same_incident(graphite, magnets)
    # Without the named measure, or only loosely alike, disjoint minerals keep them apart.
    assert not same_incident(graphite, _tariff(("Nd", "Dy"), frozenset(), magnets.profile))
    loose = _tariff(("Nd", "Dy"), review, _unit({"review": 1, "magnet": 2, "port": 2, "ship": 2}))
    assert tie(graphite, loose) < LIST_JOIN and not same_incident(graphite, loose)


def test_a_minerals_deal_read_as_talks_or_as_industrial_policy_is_one_deal() -> None:
    def deal(kind: EventType, issuer: str, anchors: frozenset[str], profile: dict[str, float]) -> Item:
        facts = Classification(event_type=kind, issuer=issuer, elements=["Nd", "Pr"], direction="neutral",
                               status="enacted", severity=0.3)
        return Item(classification=facts, signature=(), profile=profile, lang="latin", anchors=anchors)

    venue = frozenset({"venue:kuala lumpur"})
    talks = deal(EventType.trade_talks, "multiple", venue, _unit({"summit": 1, "tariff": 1, "rubber": 1}))
    offtake = deal(EventType.industrial_policy, "US", venue,
                   _unit({"summit": 1, "offtake": 1, "refinery": 1}))
    assert tie(talks, offtake) < JOIN and same_incident(talks, offtake)
    # Without the meeting's place, a deal and an investment are told apart.
    elsewhere = deal(EventType.industrial_policy, "US", frozenset(), offtake.profile)
    assert not same_incident(talks, elsewhere)


def test_a_text_barely_like_each_report_does_not_join_their_sum() -> None:
    # Four reports on four sides of a broad topic; a text touching each a little matches their
    # sum, but is wholly unlike every one of them: a drifting topic, not the development.
    sides = [_event(_unit({f"{side}0": 1, f"{side}1": 1, f"topic{side}": 0.8})) for side in "abcd"]
    new = _event(_unit({"topica": 1, "topicb": 1, "topicc": 1, "topicd": 1, "own": 1.5}), ("Sm", "Tb", "Dy"))
    assert all(tie(x, new) < FLOOR for x in sides)
    total = {t: sum(x.profile.get(t, 0.0) for x in sides) for x in sides for t in x.profile}
    summed = Item(classification=sides[0].classification, signature=(), lang="latin", profile=_unit(total))
    assert tie(summed, new) >= JOIN and group_strength(sides, new) == 0.0


def test_a_suspension_naming_last_years_announcement_ties_to_it() -> None:
    from chokewatch.shared.core.reading.incident_facts import years_cited

    notice = "商务部公告2026年第9号 关于暂停实施商务部公告2025年第30号的公告\n正文"
    assert years_cited(notice) == (2025, 2026)
    assert years_cited("China suspends Announcement No. 30 of 2025\nBody.") == (2025,)
    assert years_cited("Under Announcement [2025] No. 30, licences are needed\nBody.") == (2025,)
    ban = _event(_unit({"ban": 1, "bismuth": 1, "indium": 1}), ("In", "Bi"), "2025-06-02")
    pause = Item(classification=ban.classification, signature=(), lang="cjk", follow_up="pause",
                 published_at=datetime(2026, 3, 1, tzinfo=UTC), years=(2025, 2026),
                 profile=_unit({"c:suspend": 1, "暂停": 1, "公告": 1}))
    assert names_month_of(pause, ban) and same_incident(ban, pause)
    # The year of its own announcement is no citation of an earlier measure.
    same_year = Item(**{**{f: getattr(pause, f) for f in pause.__slots__}, "years": (2026,)})
    assert not names_month_of(same_year, ban)


def test_a_disruption_stays_news_for_months_and_a_measure_is_discounted() -> None:
    def report(kind: EventType, when: str, profile: dict[str, float]) -> Item:
        facts = Classification(event_type=kind, issuer="MM", elements=["Dy", "Tb"], direction="tightening",
                               status="enacted", severity=0.5)
        return Item(classification=facts, signature=(), profile=profile, lang="latin",
                    published_at=datetime.fromisoformat(when).replace(tzinfo=UTC))

    closed = _unit({"mine": 1, "militia": 1, "border": 1, "convoy": 1})
    still = _unit({"mine": 1, "militia": 1, "border": 1, "monsoon": 1})
    first = report(EventType.supply_disruption, "2025-03-01", closed)
    later = report(EventType.supply_disruption, "2025-07-01", still)
    assert tie(first, later) == pytest.approx(cosine(closed, still))
    ruled = report(EventType.mineral_export_control, "2025-03-01", closed)
    again = report(EventType.mineral_export_control, "2025-07-01", still)
    assert tie(ruled, again) == pytest.approx(cosine(closed, still) - FAR_PENALTY)
