"""Direction and event type as outside outlets write them: deals and calls that keep supply
going or cap tariffs, chip sales cleared on terms, investigations opened, talks announced.

Each sample is the project's own short text in one outlet's manner (wire, official notice,
trade press, law-firm alert, translated statement). LABELS.md gives the conventions: a deal that
restores supply or cuts tariffs eases; an investigation opened is the first step to a duty.
"""

from __future__ import annotations

import pytest

from chokewatch.shared.core.reading.classifier import classify
from chokewatch.shared.messages import Direction, EventType

_MEASURE_OR_DEAL = {
    EventType.trade_talks,
    EventType.mineral_export_control,
    EventType.chip_export_control,
    EventType.tariff,
}

# Supply kept going, or a ceiling put on tariffs, under a deal, a call or a joint statement; the
# title often has no easing verb, and the text goes on to recall the restrictions.
DEALS_THAT_EASE = [
    (
        "Trump says call with Xi resulted in deal on rare earths",
        "US President Donald Trump said on Friday that a phone call with Chinese leader Xi Jinping "
        "resulted in China agreeing to keep rare earth magnets flowing to American factories. "
        "Washington had threatened new duties last month.",
    ),
    (
        "Beijing says it will keep rare earths flowing after Trump-Xi talks",
        "China will keep rare earths flowing to the US, the commerce ministry said on Saturday, after "
        "the two leaders spoke by phone and agreed to maintain their trade truce.",
    ),
    (
        "Trump and Xi talk trade by phone",
        "A call between the two presidents on Thursday resulted in China agreeing to keep supplies of "
        "rare earth magnets moving to US manufacturers, the White House said. Beijing imposed "
        "licensing requirements on seven rare earths in April and broadened them in October, causing "
        "shortages at carmakers. Washington has threatened 100% tariffs on Chinese goods.",
    ),
    (
        "Korea, US finalise tariff deal capping auto duties at 15%",
        "South Korea and the United States finalised a trade deal on Wednesday that caps US tariffs on "
        "Korean cars and chips at 15%, the presidential office in Seoul said.",
    ),
    (
        "Korea says US deal keeps chip tariffs no higher than others'",
        "South Korea's presidential office said on Friday that its trade deal with the United States "
        "guarantees that tariffs on Korean semiconductors will be no less favourable than those of "
        "Taiwan. Washington launched a Section 232 investigation into chip imports in April and "
        "threatened duties of up to 100%.",
    ),
    (
        "Readout of the President's call with President Xi",
        "The two leaders had a productive call. President Xi committed to ensure steady supplies of "
        "rare earth elements and magnets to American industry. Tariffs imposed earlier this year "
        "were also discussed.",
    ),
    (
        "Trade ministers reach understanding on minerals",
        "Under the understanding reached in Kuala Lumpur on Sunday, Beijing will keep exports of "
        "gallium, germanium and graphite open to US buyers, officials said. The two sides have "
        "traded export restrictions since 2023.",
    ),
    (
        "Beijing, Washington strike framework at London talks",
        "The framework agreed on Tuesday will see China guarantee deliveries of rare earth magnets to "
        "US carmakers, Commerce Secretary Howard Lutnick said. China began requiring licences for the "
        "magnets in April, and many plants ran short.",
    ),
    (
        "Taiwan-US trade agreement: chips to face tariffs of no more than 15%",
        "Taiwan's cabinet said on Friday that under the agreement its semiconductors will face US "
        "tariffs of no more than 15%, whatever the outcome of the Section 232 investigation.",
    ),
]

# Chip sales allowed on conditions: the licence is the relief, the terms are its price.
CHIP_SALES_CLEARED = [
    (
        "Chip giants bow to Trump with revenue-sharing deal for China sales",
        "In an unusual arrangement, the two chipmakers will hand a share of their China revenue to "
        "Washington to secure the licences they need to sell processors there. The administration "
        "had banned H20 sales in April.",
    ),
    (
        "Chip giants bow to Trump: Nvidia and AMD to share China revenue with US",
        "President Trump said on Monday he had struck a deal with Nvidia and AMD under which the "
        "companies will pay the government 15% of revenue from chip sales to China.",
    ),
    (
        "Client alert: the H20 revenue-share arrangement",
        "Nvidia has agreed to remit 15 percent of its H20 sales in China to the US Treasury. The "
        "Bureau of Industry and Security imposed a licence requirement on the chip in April.",
    ),
    (
        "AMD gets its China chip licences",
        "AMD has obtained the US export licences for its MI308 accelerators, chief executive Lisa Su "
        "said on Tuesday. The curbs imposed in April had cost the company $800 million.",
    ),
    (
        "Samsung wins US nod for China chip tools",
        "Samsung Electronics secured annual US licences on Wednesday to bring American chipmaking "
        "tools into its Xian plant, after Washington revoked its blanket waiver last year.",
    ),
    (
        "Commerce signs off on AMD's MI308 exports to China",
        "The Commerce Department has signed off on export licences for AMD's MI308 processors bound "
        "for China, two people familiar with the decision said.",
    ),
    (
        "Washington gives nod to Samsung's China chip fab equipment imports",
        "Washington has given Samsung a one-year authorization to bring US chipmaking tools into its "
        "China plants, the company confirmed on Wednesday.",
    ),
    (
        "ASML may keep servicing Chinese DUV machines, Dutch government says",
        "The Dutch government said on Friday ASML would be permitted to continue servicing and "
        "supplying spare parts for DUV lithography systems already installed in China.",
    ),
]

# An investigation opened into imports is the first step towards a duty.
INVESTIGATIONS = [
    (
        "Commerce launches Section 232 investigation into processed critical minerals",
        "The Commerce Department has initiated a Section 232 national security investigation into "
        "imports of processed critical minerals and derivative products, following an executive "
        "order signed by President Trump. Comments are due within 15 days.",
    ),
    (
        "Trump orders critical minerals probe, eyeing tariffs",
        "President Donald Trump signed an order on Tuesday directing his commerce secretary to "
        "investigate whether imports of critical minerals such as rare earths and lithium threaten "
        "national security, opening the door to tariffs.",
    ),
    (
        "Law firm alert: Section 232 investigation of drones and polysilicon",
        "The Department of Commerce has initiated investigations under Section 232 of the Trade "
        "Expansion Act into imports of unmanned aircraft systems and polysilicon. Interested parties "
        "may submit comments.",
    ),
    (
        "Washington starts national-security inquiry into tungsten imports",
        "The Commerce Department started an inquiry on Thursday into imports of tungsten and "
        "tungsten products under Section 232, officials said.",
    ),
    (
        "US opens Section 232 review of copper and cobalt supply",
        "The administration opened a Section 232 investigation into imported refined copper and "
        "cobalt on Monday, the department's notice said.",
    ),
    # Chips as the imports investigated: a tariff matter, not a chip export rule.
    (
        "Federal Register: Notice of request for public comments on Section 232 investigation of "
        "semiconductors",
        "On April 1, 2025, the Secretary of Commerce initiated an investigation to determine the "
        "effects on national security of imports of semiconductors and semiconductor manufacturing "
        "equipment.",
    ),
    (
        "US launches probe into chip imports, paving way for tariffs",
        "The Commerce Department has begun a national security investigation into imports of "
        "semiconductors and chipmaking equipment, according to a notice posted on its website.",
    ),
    (
        "Commerce opens Section 232 investigation into semiconductor imports",
        "The Bureau of Industry and Security published a notice in the Federal Register on Monday "
        "opening an investigation into imported chips and the tools used to make them.",
    ),
    (
        "Trade alert: Section 232 inquiry into semiconductors and derivatives",
        "Commerce has initiated a Section 232 investigation of imports of semiconductors, "
        "semiconductor manufacturing equipment and their derivative products. Comments are due "
        "within 21 days.",
    ),
    (
        "US starts investigation of imported polysilicon used in chips and solar panels",
        "The Commerce Department started a Section 232 investigation into imports of polysilicon "
        "and its derivatives, which are used to make semiconductors and solar panels.",
    ),
]


# Talks announced, sought or held, with the restrictions or tariffs they are about: the
# talks are the news, and what is on their agenda is neither set nor lifted.
TALKS_ON_THE_AGENDA = [
    (
        "China, EU trade chiefs to discuss rare earth curbs next week",
        "China's commerce minister Wang Wentao will hold talks with EU trade commissioner Maros "
        "Sefcovic in Brussels next week to discuss rare earth export restrictions and electric "
        "vehicle tariffs, both sides said.",
    ),
    (
        "Trump says he will meet Xi at APEC to discuss rare earths and tariffs",
        "President Donald Trump said on Sunday he would meet Chinese President Xi Jinping in "
        "South Korea later this month, where he expects to discuss China's curbs on rare earths "
        "and US tariffs.",
    ),
    (
        "Beijing and Washington announce talks over chip export controls",
        "Commerce officials from both countries will hold consultations on export controls in the "
        "coming weeks, the Chinese ministry said, without giving a date.",
    ),
    (
        "Japan seeks talks with China over rare earth restrictions",
        "Japan's trade minister said on Tuesday Tokyo had asked Beijing for a dialogue on its "
        "restrictions on rare earth exports to Japanese companies.",
    ),
    (
        "MOFCOM: China and the Netherlands to hold consultations on chip export controls",
        "The Ministry of Commerce said Chinese and Dutch officials would hold consultations on "
        "semiconductor export controls and the Nexperia dispute, at the Dutch side's request.",
    ),
    (
        "EU trade chief to travel to Beijing for talks on export curbs",
        "EU trade commissioner Maros Sefcovic will travel to Beijing next month for talks on "
        "China's export curbs on rare earths and gallium, his spokesperson said on Friday.",
    ),
    (
        "South Korea, China agree to discuss export restrictions on graphite",
        "Seoul and Beijing agreed on Wednesday to discuss export restrictions on graphite and "
        "other battery materials through a new supply chain dialogue, the trade ministry said.",
    ),
    (
        "Trade officials meet to discuss chip tariffs",
        "Taiwanese and US trade officials met in Washington on Thursday to discuss semiconductor "
        "tariffs and investment commitments, with another round planned for next month.",
    ),
]


@pytest.mark.parametrize(("title", "body"), DEALS_THAT_EASE, ids=[t for t, _ in DEALS_THAT_EASE])
def test_a_deal_that_keeps_supply_going_or_caps_tariffs_eases(title: str, body: str) -> None:
    c = classify(body, title=title)
    assert c.event_type in _MEASURE_OR_DEAL
    assert c.direction is Direction.easing


@pytest.mark.parametrize(("title", "body"), CHIP_SALES_CLEARED, ids=[t for t, _ in CHIP_SALES_CLEARED])
def test_chip_sales_cleared_on_terms_ease_a_chip_control(title: str, body: str) -> None:
    c = classify(body, title=title)
    assert c.event_type is EventType.chip_export_control
    assert c.direction is Direction.easing


@pytest.mark.parametrize(("title", "body"), INVESTIGATIONS, ids=[t for t, _ in INVESTIGATIONS])
def test_an_investigation_opened_into_imports_tightens(title: str, body: str) -> None:
    c = classify(body, title=title)
    assert c.event_type is EventType.tariff
    assert c.direction is Direction.tightening


def test_accusations_recalled_after_the_lead_do_not_make_a_deal_a_dispute() -> None:
    c = classify(
        "The United States and China said on Wednesday they had agreed on a framework to implement "
        "the Geneva consensus, under which China will approve export licences for rare earth magnets "
        "and the US will lift some restrictions on chip design software. The talks followed weeks "
        "of accusations that both sides had violated the truce.",
        title="US and China agree on rare earth and chip steps after London talks",
    )
    assert c.direction is Direction.easing


def test_a_requirement_to_obtain_licences_is_no_licence_obtained() -> None:
    c = classify(
        "The rules, announced on Thursday, require foreign manufacturers to obtain Chinese licences "
        "for goods that contain Chinese rare earths.",
        title="China widens rare earth rules to foreign-made goods",
    )
    assert c.direction is Direction.tightening


@pytest.mark.parametrize(("title", "body"), TALKS_ON_THE_AGENDA, ids=[t for t, _ in TALKS_ON_THE_AGENDA])
def test_talks_about_restrictions_are_talks_without_a_direction(title: str, body: str) -> None:
    c = classify(body, title=title)
    assert c.event_type is EventType.trade_talks
    assert c.direction is Direction.neutral


# How things stand, under a title that names no measure and no act: an overview, not news.
STATE_OF_AFFAIRS = [
    (
        "US-China relations: where things stand on trade",
        "Relations between Washington and Beijing remain tense. Tariffs on Chinese goods stand at "
        "about 55%, China still requires licences for rare earth exports, and both sides say talks "
        "will continue.",
    ),
    (
        "Rare earths: a year of controls",
        "A year after China required licences for seven medium and heavy rare earths, buyers say "
        "approvals have become more predictable but remain slow, and prices outside China are far "
        "above domestic levels.",
    ),
    (
        "Gallium after the ban",
        "Two years on, China's gallium and germanium exports to the United States remain banned, "
        "and buyers still rely on shipments routed through third countries.",
    ),
    (
        "Europe's carmakers and the magnet squeeze",
        "European carmakers still wait weeks for Chinese magnet licences, and several suppliers "
        "remain dependent on a handful of Chinese exporters, industry groups say.",
    ),
    (
        "Germanium: supply outside China",
        "Buyers outside China still depend on a few refiners in Belgium and Canada, and Chinese "
        "exports of the metal remain subject to licences.",
    ),
    (
        "Korea's chipmakers and their China fabs",
        "Samsung and SK Hynix still run large memory plants in China, and their access to US tools "
        "remains subject to annual approvals from Washington.",
    ),
]


@pytest.mark.parametrize(("title", "body"), STATE_OF_AFFAIRS, ids=[t for t, _ in STATE_OF_AFFAIRS])
def test_an_overview_of_how_things_stand_is_commentary(title: str, body: str) -> None:
    c = classify(body, title=title)
    assert c.event_type is EventType.commentary
    assert c.direction is Direction.neutral


def test_a_measure_told_without_a_state_word_is_still_news() -> None:
    c = classify(
        "Beijing banned exports of gallium, germanium and antimony to the United States, the "
        "commerce ministry said, citing national security.",
        title="Gallium: export ban to the US",
    )
    assert c.event_type is EventType.mineral_export_control
    assert c.direction is Direction.tightening


# A measure not enforced, put on hold or held off: a suspension told without the word.
NOT_ENFORCED = [
    (
        "MOFCOM puts October rare earth rules on hold for a year",
        "Beijing will not enforce the sweeping rare earth export rules it unveiled on October 9 "
        "for one year, the commerce ministry said on Friday, following the leaders' meeting in "
        "South Korea. The rules would have required foreign firms to obtain licences for products "
        "containing even traces of Chinese rare earths.",
        EventType.mineral_export_control,
    ),
    (
        "China holds off on new lithium battery technology curbs",
        "China will not implement the export restrictions on lithium battery and cathode "
        "technology announced in October, the commerce ministry said, after the trade talks in "
        "Kuala Lumpur. The curbs would have required licences for exports of advanced battery "
        "know-how.",
        EventType.mineral_export_control,
    ),
    (
        "US places chip tariff increase on hold",
        "The administration has put the planned increase in tariffs on Chinese semiconductors on "
        "hold until June 2027, the trade representative's office said on Tuesday. Duties on older "
        "Chinese chips were raised to 50% in January.",
        EventType.tariff,
    ),
    (
        "Washington stops enforcing affiliates rule pending review",
        "The Bureau of Industry and Security said it would stop enforcing the rule that extended "
        "Entity List restrictions to majority-owned subsidiaries while it reviews the measure. "
        "The rule took effect on September 29.",
        EventType.chip_export_control,
    ),
    (
        "China to stop applying extra tariffs on US farm goods and graphite",
        "China's tariff commission said it would stop applying the additional 24% duties on US "
        "goods, including graphite electrodes, from November 10, keeping only a 10% rate. The "
        "duties were imposed in April.",
        EventType.tariff,
    ),
    (
        "Gallium and germanium for US buyers: the commerce ministry's notice",
        "China will no longer enforce its ban on exports of gallium, germanium and antimony to "
        "the United States, the commerce ministry said in a notice on Sunday. Beijing imposed the "
        "ban in December 2024.",
        EventType.mineral_export_control,
    ),
]


@pytest.mark.parametrize(("title", "body", "etype"), NOT_ENFORCED, ids=[t for t, _, _ in NOT_ENFORCED])
def test_a_measure_not_enforced_or_put_on_hold_eases(title: str, body: str, etype: EventType) -> None:
    c = classify(body, title=title)
    assert c.event_type is etype
    assert c.direction is Direction.easing


def test_a_cap_that_does_not_apply_to_a_tariff_is_no_relief() -> None:
    c = classify(
        "The United States imposed 50% tariffs on steel and aluminium from the bloc on Wednesday; the "
        "15% ceiling agreed last month does not apply to those duties.",
        title="US raises metals tariffs on EU",
    )
    assert c.direction is Direction.tightening


# A deal's terms listed under a title that asks only what was agreed, in pages with furniture and
# paragraphs recalling older controls, accusations and threats.
DEAL_TERMS_LISTED = [
    (
        "What's in the US-EU trade deal",
        "Brussels and Washington set out the terms of their trade deal on Thursday. Most EU exports "
        "to the US will face a 15% tariff, lower than the 30% Trump had threatened. EU duties on "
        "American industrial goods will be removed. Steel and aluminium stay at 50%.",
    ),
    (
        "Trump-Xi call: what was agreed",
        "Share this article\n"
        "US President Donald Trump and Chinese leader Xi Jinping spoke for more than an hour on "
        "Thursday.\n"
        "The call resulted in China agreeing to keep rare earth minerals and magnets flowing to the "
        "United States, Trump said on social media, while the US would allow Chinese students to "
        "stay at American universities.\n"
        "Beijing had imposed export licensing requirements on seven rare earth elements in April, "
        "and shipments slowed sharply, forcing some carmakers to halt production lines.\n"
        "US officials accused China of slow-walking the approvals in breach of the Geneva agreement.\n"
        "Trade teams will meet again soon, Trump said.",
    ),
    (
        "EU, US publish framework agreement",
        "Brussels, 21 August\n"
        "The European Commission and the United States published a joint statement on Thursday on "
        "their framework agreement on trade.\n"
        "Under the framework, the US will apply a ceiling of 15% on tariffs on most EU goods, "
        "including cars, pharmaceuticals, semiconductors and lumber, while the EU will eliminate "
        "tariffs on US industrial goods.\n"
        "The EU also intends to purchase $750 billion of US energy and $40 billion of AI chips.\n"
        "Steel and aluminium will remain subject to 50% US tariffs, though both sides said they "
        "would consider tariff-rate quotas.\n"
        "The US imposed 25% tariffs on European cars in April and threatened tariffs of 30% on all "
        "EU goods from August 1.",
    ),
]


@pytest.mark.parametrize(("title", "body"), DEAL_TERMS_LISTED, ids=[t for t, _ in DEAL_TERMS_LISTED])
def test_a_deal_whose_terms_ease_is_easing_news(title: str, body: str) -> None:
    c = classify(body, title=title)
    assert c.event_type in _MEASURE_OR_DEAL
    assert c.direction is Direction.easing


# A price floor or minimum price set or sought by a government is policy, not market talk.
PRICE_FLOORS = [
    (
        "Price floors for critical minerals: the administration's new plan",
        "The White House is preparing a programme of price floors for critical minerals such as "
        "rare earths, cobalt and gallium to support Western producers against Chinese competition, "
        "officials said.",
    ),
    (
        "Trump proclamation seeks price floors for processed critical minerals",
        "The proclamation directs the Commerce Secretary to negotiate agreements with partners that "
        "set minimum import prices for processed critical minerals and their derivative products.",
    ),
    (
        "Japan and US agree to coordinate on critical mineral price floors",
        "Tokyo and Washington agreed on Monday to coordinate on price floors and stockpiling for rare "
        "earths and other critical minerals under a new framework.",
    ),
    (
        "Canberra's floor prices for gallium and rare earths",
        "The Australian government will offer floor prices to producers of gallium and rare earths "
        "through its new strategic reserve, the resources minister said on Wednesday.",
    ),
]


@pytest.mark.parametrize(("title", "body"), PRICE_FLOORS, ids=[t for t, _ in PRICE_FLOORS])
def test_a_price_floor_is_industrial_policy(title: str, body: str) -> None:
    c = classify(body, title=title)
    assert c.event_type in (EventType.industrial_policy, EventType.trade_talks)
    assert c.event_type is not EventType.trade_talks or "Japan" in title
    assert c.direction is Direction.neutral


# A minerals pact signed between allies, to secure supply through investment and stockpiles: a
# partnership (LABELS.md, industrial_policy), not talks, and no relief of any control.
ALLIED_PACTS = [
    (
        "US and Australia sign critical minerals framework",
        "President Donald Trump and Prime Minister Anthony Albanese signed a framework on Monday to "
        "expand mining and processing of critical minerals and rare earths, with each country "
        "committing at least $1 billion to projects within six months.",
    ),
    (
        "Korea and US sign framework to secure supplies of critical minerals",
        "Seoul and Washington signed a framework on Wednesday to secure supplies of critical minerals "
        "and rare earths, pledging joint investment in processing projects and coordinated "
        "stockpiles.",
    ),
    (
        "UK, US strike deal to secure rare earth supply chains",
        "Britain and the United States struck an agreement on Thursday to secure rare earth supply "
        "chains through joint financing of magnet and refining projects, officials said.",
    ),
    (
        "EU and Australia sign deal to ensure supply of critical raw materials",
        "The European Union and Australia signed an agreement on Monday to ensure supply of critical "
        "raw materials such as lithium and rare earths, including investment in new processing "
        "plants.",
    ),
]


@pytest.mark.parametrize(("title", "body"), ALLIED_PACTS, ids=[t for t, _ in ALLIED_PACTS])
def test_a_minerals_pact_between_allies_is_industrial_policy(title: str, body: str) -> None:
    c = classify(body, title=title)
    assert c.event_type is EventType.industrial_policy
    assert c.direction is Direction.neutral


def test_a_deal_with_china_on_its_controls_stays_a_deal() -> None:
    c = classify(
        "The United States and China signed a deal on Friday under which Beijing will issue general "
        "licences for rare earth exports and Washington will cut tariffs by 10 points.",
        title="US and China sign deal on rare earth supplies",
    )
    assert c.event_type in _MEASURE_OR_DEAL
    assert c.direction is Direction.easing


# Export controls discussed between governments, at a meeting or on a call, or a relief pressed
# for in talks: the talks are the news, and they settle nothing yet.
CONTROLS_DISCUSSED = [
    (
        "China, EU hold first meeting of export control mechanism",
        "Chinese and EU officials held the first meeting of their export control dialogue mechanism "
        "in Brussels on Tuesday, discussing licences for rare earths and dual-use items, the "
        "commerce ministry said.",
    ),
    (
        "EU's Sefcovic and Wang Wentao talk export controls by video call",
        "EU trade commissioner Maros Sefcovic and Chinese commerce minister Wang Wentao discussed "
        "rare earth export controls and the Nexperia dispute in a video call on Friday, both sides "
        "said.",
    ),
    (
        "Brussels presses Beijing on rare earth licences in trade talks",
        "European officials pressed their Chinese counterparts to speed up rare earth export "
        "licences during talks in Beijing on Monday, the Commission said, without announcing any "
        "agreement.",
    ),
    (
        "China, Japan discuss export controls on dual-use items",
        "Chinese and Japanese officials discussed export controls on dual-use items, including rare "
        "earths, at a meeting in Tokyo on Thursday, according to Japan's foreign ministry.",
    ),
]


@pytest.mark.parametrize(("title", "body"), CONTROLS_DISCUSSED, ids=[t for t, _ in CONTROLS_DISCUSSED])
def test_export_controls_discussed_between_governments_are_talks(title: str, body: str) -> None:
    c = classify(body, title=title)
    assert c.event_type is EventType.trade_talks
    assert c.direction is Direction.neutral


# A government promising to keep a mineral it controls flowing to a country or its firms: the
# control eased for them, whatever word the promise uses.
SUPPLY_ASSURED = [
    (
        "China agrees to ensure rare earth supply to India, minister says",
        "China has assured India that it will address its needs for rare earths, fertilisers and "
        "tunnel boring machines, India's foreign ministry said after talks between the two "
        "foreign ministers.",
    ),
    (
        "Beijing pledges to keep gallium shipments to Europe flowing",
        "China will keep gallium and germanium shipments to European chipmakers flowing, commerce "
        "minister Wang Wentao told his EU counterpart on Tuesday, according to a Chinese readout.",
    ),
    (
        "China vows stable rare earth supplies for German carmakers",
        "Chinese Premier Li Qiang told German business leaders that Beijing would ensure stable "
        "supplies of rare earth magnets to their factories, a participant said.",
    ),
    (
        "Wang Yi: China will address Vietnam's concerns over graphite supplies",
        "China's foreign minister Wang Yi said on Friday that Beijing would address Vietnam's "
        "concerns over supplies of graphite anode material for battery plants, state media "
        "reported.",
    ),
    (
        "China assures Korean firms of steady antimony deliveries",
        "China's commerce ministry assured South Korean battery makers that antimony deliveries "
        "would continue without disruption, Seoul's trade ministry said in a statement.",
    ),
]


@pytest.mark.parametrize(("title", "body"), SUPPLY_ASSURED, ids=[t for t, _ in SUPPLY_ASSURED])
def test_a_government_assuring_supply_of_a_controlled_mineral_eases(title: str, body: str) -> None:
    c = classify(body, title=title)
    assert c.event_type in (EventType.mineral_export_control, EventType.trade_talks)
    assert c.direction is Direction.easing


# Talks proposed, requested or held with a relief as their aim: the relief is sought, not granted.
RELIEF_SOUGHT_IN_TALKS = [
    (
        "China proposes talks with EU on easing export curbs",
        "China has proposed talks with the European Union on easing export restrictions on rare "
        "earths and on EU tariffs on electric vehicles, the commerce ministry said on Sunday.",
    ),
    (
        "US, China to hold talks aimed at lifting tariffs",
        "US and Chinese officials will meet in Geneva this weekend for talks aimed at lowering "
        "tariffs that have choked trade between the two countries, the Treasury said.",
    ),
    (
        "Japan calls for consultations on relaxing rare earth licence rules",
        "Japan's trade ministry said on Tuesday it had requested consultations with China on "
        "relaxing licence requirements for rare earth magnets exported to Japanese carmakers.",
    ),
    (
        "Officials to discuss suspending chip export restrictions",
        "Senior US and Chinese commerce officials will discuss suspending some chip export "
        "restrictions when they meet in Madrid next week, people familiar with the plans said.",
    ),
]


@pytest.mark.parametrize(
    ("title", "body"), RELIEF_SOUGHT_IN_TALKS, ids=[t for t, _ in RELIEF_SOUGHT_IN_TALKS]
)
def test_a_relief_sought_in_talks_is_not_yet_easing(title: str, body: str) -> None:
    c = classify(body, title=title)
    assert c.event_type is EventType.trade_talks
    assert c.direction is Direction.neutral


def test_talks_that_ended_with_a_relief_ease() -> None:
    c = classify(
        "Two days of talks in London ended with China agreeing to lift its ban on gallium exports to "
        "the United States, officials said on Wednesday.",
        title="Talks end with China agreeing to lift gallium ban",
    )
    assert c.direction is Direction.easing


# A licence told by who must now get it, beside grades of a mineral that are "lower", not lowered.
LICENCES_NEEDED = [
    (
        "Beijing to license graphite exports",
        "China said on Friday that exporters of certain graphite products will need government "
        "permits from December 1. Controls on some lower-grade graphite will be dropped.",
    ),
    (
        "Lower-grade graphite left out of new rules",
        "China's commerce ministry said lower-grade natural graphite will not be covered, while "
        "exporters of spherical graphite will need licences from December.",
    ),
]


@pytest.mark.parametrize(("title", "body"), LICENCES_NEEDED, ids=[t for t, _ in LICENCES_NEEDED])
def test_a_licence_exporters_must_now_get_tightens(title: str, body: str) -> None:
    c = classify(body, title=title)
    assert c.event_type is EventType.mineral_export_control
    assert c.direction is Direction.tightening


# A government that, at the end of an investigation, orders talks instead of duties: no duty is set.
TALKS_CHOSEN_OVER_DUTIES = [
    (
        "White House opts for talks, not tariffs, after critical minerals probe",
        "President Trump on Wednesday ordered the Commerce Secretary and the trade representative to "
        "negotiate agreements with supplier countries on processed critical minerals, rather than "
        "imposing tariffs after the Section 232 investigation.",
    ),
    (
        "Section 232 on polysilicon ends with instruction to negotiate",
        "The proclamation directs the US Trade Representative to negotiate agreements limiting "
        "imports of polysilicon, instead of new duties, and asks for a report within 180 days.",
    ),
    (
        "Trump tasks negotiators with minerals deals in lieu of duties",
        "Trump tasked his trade team with reaching agreements on critical mineral imports in lieu of "
        "tariffs, giving negotiators six months before he considers other measures.",
    ),
    (
        "Negotiations preferred over tariffs for drones, for now",
        "The administration said negotiations were preferred over tariffs on imported drone "
        "components after its national security investigation, though duties remain possible.",
    ),
]


@pytest.mark.parametrize(
    ("title", "body"), TALKS_CHOSEN_OVER_DUTIES, ids=[t for t, _ in TALKS_CHOSEN_OVER_DUTIES]
)
def test_talks_chosen_over_duties_set_no_direction(title: str, body: str) -> None:
    c = classify(body, title=title)
    assert c.event_type in (EventType.tariff, EventType.trade_talks)
    assert c.direction is Direction.neutral


def test_a_duty_imposed_with_talks_directed_still_tightens() -> None:
    c = classify(
        "President Trump imposed a 25% tariff on certain advanced chips on Thursday after a Section "
        "232 investigation and directed officials to negotiate with allies on supply.",
        title="US imposes 25% tariff on chips after Section 232 probe, directs talks with allies",
    )
    assert c.event_type is EventType.tariff
    assert c.direction is Direction.tightening


# Licences given in bulk, or shipments let through: a control eased in the words of trade press.
RELIEF_IN_TRADE_WORDS = [
    (
        "China to offer blanket licences for rare earth magnet exports",
        "Beijing will offer blanket licences covering a year of shipments to some magnet exporters "
        "supplying European and American carmakers, people familiar with the plan said.",
    ),
    (
        "China lets rare earth exports to India through",
        "China has begun letting shipments of rare earth magnets through to Indian automakers after "
        "months of delays, two industry sources said on Tuesday.",
    ),
]


@pytest.mark.parametrize(("title", "body"), RELIEF_IN_TRADE_WORDS, ids=[t for t, _ in RELIEF_IN_TRADE_WORDS])
def test_licences_in_bulk_or_shipments_let_through_ease(title: str, body: str) -> None:
    c = classify(body, title=title)
    assert c.event_type is EventType.mineral_export_control
    assert c.direction is Direction.easing
