"""Status and issuer read from the lead when the title is missing or neutral: the lead sentence's
mood, the government that is the grammatical actor of the measure, a release's own government
named in its letterhead, talks told as "the two sides", and a deal signed against one only agreed
in principle.

Each text is the project's own, written from the facts of the measures in the styles outlets use.
"""

from __future__ import annotations

from chokewatch.shared.core.reading.classifier import classify
from chokewatch.shared.messages import Status


def _status_issuer(text: str, title: str = "") -> tuple[Status | None, str | None]:
    c = classify(text, title)
    return c.status, c.issuer


# An untitled text: the lead sentence tells the mood, not a background sentence further on.


def test_an_untitled_report_of_a_measure_weighed_is_speculation() -> None:
    text = (
        "Officials in Washington are weighing whether to replace the blanket waivers that let Samsung and "
        "SK Hynix ship American chipmaking tools to their plants in China with yearly licences, people "
        "briefed on the talks said on Tuesday.\n"
        "The waivers, granted in 2022, exempted the two memory makers from rules that restricted exports "
        "of advanced fab equipment to China. Shares of both companies fell in Seoul.\n"
    )
    assert _status_issuer(text)[0] is Status.speculation


def test_a_planned_title_over_a_lead_that_only_weighs_is_speculation() -> None:
    # "those produced by AMD" names a product's maker, not an act done
    text = (
        "Seeking to stem the flow of advanced processors into China, the administration is weighing licence "
        "requirements on shipments of AI accelerators, including those produced by AMD, to Vietnam.\n"
        "A draft of the rule is still being revised, according to a news report.\n"
    )
    title = "Washington plans to curb AI chip shipments to Vietnam"
    assert _status_issuer(text, title)[0] is Status.speculation


def test_a_potential_size_of_a_stake_is_no_doubt_on_the_deal() -> None:
    text = (
        "Texas-based magnet maker Noveon is handing the government a potential 10% ownership stake in return "
        "for $600 million in federal grants and loans, a move meant to speed up domestic magnet output.\n"
        "The company said the funds would go to a second plant in San Marcos.\n"
    )
    assert _status_issuer(text, "Noveon lands federal funding for magnet plant")[0] is Status.enacted


# A lead's reported future gives way to a start told in the next sentence.


def test_controls_said_to_come_then_told_effective_immediately_are_enacted() -> None:
    text = (
        "China's commerce ministry said on Thursday it would place export controls on several rare metals, "
        "including tellurium and molybdenum, on national security grounds.\n"
        "Shippers of the listed products will have to apply for licences, effective immediately, the "
        "ministry said.\n"
    )
    title = "Beijing adds tellurium and molybdenum to export control list"
    assert _status_issuer(text, title) == (Status.enacted, "CN")


def test_a_suspension_said_to_come_then_told_in_a_notice_is_enacted() -> None:
    text = (
        "China's commerce ministry said on Sunday it would suspend its ban on exports of gallium, germanium "
        "and antimony to the United States until November 27, 2026.\n"
        "The suspension covers the dual-use items named in the ban of last December, the ministry said in a "
        "notice posted on its website.\n"
    )
    title = "China lifts ban on gallium and germanium exports to the US"
    assert _status_issuer(text, title) == (Status.enacted, "CN")


def test_an_untitled_rule_a_ministry_says_starts_in_a_named_month_is_enacted() -> None:
    text = (
        "Japan will tighten export rules on 23 types of semiconductor equipment from July, its trade "
        "ministry said on Friday.\n"
        "The ministry had floated the change in March and may add more items later.\n"
    )
    assert _status_issuer(text) == (Status.enacted, "JP")


def test_another_governments_vow_to_respond_after_a_done_act_is_no_plan() -> None:
    text = (
        "The Commerce Department on Monday placed 140 Chinese chip companies on its entity list, while "
        "Beijing said it would respond firmly to protect its firms.\n"
        "The listing bars US suppliers from shipping to them without a licence.\n"
    )
    title = "US hits Chinese chip firms with new blacklisting"
    assert _status_issuer(text, title) == (Status.enacted, "US")


# A government that tells a firm its sales now need a licence has imposed the requirement.


def test_a_firm_told_by_the_government_that_sales_need_a_licence_is_enacted() -> None:
    text = (
        "Advanced Micro Devices said on Wednesday it would book about $800 million in charges after the "
        "U.S. government told it that shipments of its MI308 accelerators to China would require an export "
        "licence.\n"
        "The chipmaker said in a filing that it did not expect licences to be granted. Its shares fell 5% "
        "in late trading.\n"
    )
    title = "AMD to book $800 million charge after US imposes licence rule on MI308 chips"
    assert _status_issuer(text, title) == (Status.enacted, "US")


def test_licences_to_resume_sales_name_what_the_licence_allows_not_a_plan() -> None:
    text = (
        "The U.S. Commerce Department has begun issuing licences that allow Nvidia to sell its H20 chips to "
        "China, a company spokesperson said on Friday.\n"
        "The licences followed a meeting between Chief Executive Jensen Huang and President Trump.\n"
    )
    title = "Nvidia gets licences to resume H20 sales to China"
    assert _status_issuer(text, title) == (Status.enacted, "US")


# A framework signed is done even when its terms are told in the future tense; one agreed in
# principle and still to be approved by leaders is only announced.


def test_a_signed_minerals_framework_between_two_governments_is_enacted() -> None:
    text = (
        "Japan and the United States have signed a framework on securing supplies of critical minerals and "
        "rare earths, under which both governments will coordinate stockpiles and co-finance processing "
        "projects.\n"
        "The framework also provides for joint work on price mechanisms, officials in Tokyo said.\n"
    )
    title = "Tokyo, Washington sign critical minerals framework"
    assert _status_issuer(text, title) == (Status.enacted, "multiple")


def test_a_framework_agreed_in_principle_pending_leaders_is_announced() -> None:
    text = (
        "Negotiators from the United States and China agreed in principle on a framework to carry out the "
        "tariff truce reached in Geneva, after two days of talks in London, officials said on Wednesday.\n"
        "The framework, which would restore shipments of rare earths, must still be approved by the two "
        "countries' presidents, Commerce Secretary Howard Lutnick told reporters.\n"
    )
    title = "US and China agree on framework to restore rare earth flows"
    assert _status_issuer(text, title) == (Status.announced, "multiple")


def test_a_framework_agreed_with_each_sides_steps_expected_is_announced() -> None:
    text = (
        "BRUSSELS, July 24, 2025 — EU and Chinese negotiators said they had agreed on a framework to restore "
        "the flow of rare earth magnets, after a day of talks, with China expected to speed up export "
        "licences and the EU to review its duties on Chinese electric cars.\n"
        "The framework still needs the approval of leaders at the summit.\n"
    )
    title = "EU and China agree framework on rare earth licences"
    assert _status_issuer(text, title) == (Status.announced, "multiple")


# A release's own government: its lead's actor, or the agency its letterhead names.


def test_a_release_whose_lead_names_its_own_government_as_actor_is_that_governments() -> None:
    text = (
        "Press release | 15-01-2025 | Ministry of Foreign Affairs\n"
        "The Dutch government is widening the national licence requirement to cover certain measuring and "
        "inspection equipment used to make advanced chips. From 15 January 2025 exporters need a licence to "
        "ship these items outside the European Union. Until now the United States decided on licences for "
        "some of these tools.\n"
    )
    title = "Government widens licence requirement for chipmaking equipment"
    assert _status_issuer(text, title)[1] == "NL"


def test_an_australian_department_release_is_australias() -> None:
    text = (
        "Media release | Department of Foreign Affairs and Trade\n"
        "The Government has today imposed targeted financial sanctions and travel bans on four entities that "
        "supplied drone components to Russia, including two firms registered in China.\n"
    )
    title = "New sanctions on suppliers of drone parts"
    assert _status_issuer(text, title)[1] == "AU"


def test_a_ministry_letterhead_over_an_unnamed_government_gives_its_country() -> None:
    text = (
        "Press release | Ministry of Economy, Trade and Industry\n"
        "The Government has today amended the Export Trade Control Order to add 23 items of advanced "
        "chipmaking equipment, including cleaning and etching tools. The amendment takes effect on "
        "23 July 2023.\n"
    )
    title = "Export controls on semiconductor manufacturing equipment tightened"
    assert _status_issuer(text, title) == (Status.enacted, "JP")


def test_a_government_that_tells_its_miner_to_hold_exports_is_the_issuer_not_china() -> None:
    text = (
        "Hanoi has asked state-run Vinacomin to suspend a supply agreement to ship rare earths to South "
        "Korea and to keep its neodymium for local magnet makers, two people familiar with the matter said.\n"
        "The people said the government wants the metal used at home after China's curbs on magnet exports "
        "hurt Vietnamese factories.\n"
    )
    title = "Vietnam tells state miner to halt rare earth exports to Korea"
    assert _status_issuer(text, title)[1] == "VN"


def test_a_ministers_release_over_the_government_unnamed_is_her_countrys() -> None:
    text = (
        "Media release\n"
        "Senator the Hon Penny Wong, Minister for Foreign Affairs\n"
        "The Government has today imposed targeted financial sanctions on 12 entities supplying components "
        "for Russian drones, including firms based in China.\n"
    )
    assert _status_issuer(text, "Sanctions on drone suppliers") == (Status.enacted, "AU")


def test_a_cabinet_named_by_its_own_title_gives_its_government() -> None:
    text = (
        "The Executive Yuan approved on Thursday an amendment requiring licences for exports of gallium and "
        "germanium scrap to China, effective immediately.\n"
    )
    assert _status_issuer(text, "New export restrictions on gallium scrap") == (Status.enacted, "TW")


# Talks told through their parties as a pair: the governments together.


def test_negotiators_from_both_countries_as_the_subject_are_multiple() -> None:
    text = (
        "Negotiators from both countries agreed on Tuesday to seek another 90-day extension of the pause on "
        "steep tariffs, Treasury Secretary Scott Bessent said after two days of meetings.\n"
        "The final decision rests with President Trump.\n"
    )
    assert _status_issuer(text, "Tariff truce extended after Stockholm round")[1] == "multiple"


def test_the_two_delegations_as_the_subject_are_multiple() -> None:
    text = (
        "The two delegations, led by Bessent and He Lifeng, ended talks in Stockholm without announcing an "
        "extension of the tariff pause.\n"
        "Bessent said Trump would decide.\n"
    )
    assert _status_issuer(text, "No deal yet on tariff pause")[1] == "multiple"


def test_talks_told_as_the_two_sides_are_multiple() -> None:
    text = (
        "Two days of meetings between the delegations in Madrid ended on Monday, with both sides agreeing "
        "to keep working on an extension of the tariff pause.\n"
        "Treasury Secretary Scott Bessent said the talks were constructive and that any decision rests "
        "with President Trump.\n"
    )
    title = "Madrid round ends without a tariff deal"
    assert _status_issuer(text, title)[1] == "multiple"


# Each government's side of a bargain told in the lead: the deal is theirs together. A dateline on
# a line of its own ("GENEVA, Switzerland — May 12, 2025") is no lead sentence.


def test_a_bargain_under_a_dateline_line_is_multiple() -> None:
    text = (
        "GENEVA, Switzerland — May 12, 2025\n"
        "Treasury Secretary Scott Bessent said on Monday the United States had agreed to cut its tariffs on "
        "Chinese goods to 30% for 90 days, while China would lower its duties on American goods to 10%.\n"
        "Markets rallied on the news.\n"
    )
    assert _status_issuer(text, "US cuts China tariffs to 30% in 90-day truce")[1] == "multiple"


def test_the_other_sides_part_after_talks_makes_a_bargain() -> None:
    text = (
        "President Trump said he had agreed to halve the fentanyl tariff on Chinese imports after talks with "
        "Xi Jinping, while Beijing would resume purchases of US soybeans.\n"
        "The White House did not give a start date.\n"
    )
    title = "Trump says tariffs on China cut after summit"
    assert _status_issuer(text, title) == (Status.announced, "multiple")


# Governments told as a group, or speaking in a joint statement: the measure is theirs together.


def test_leaders_of_a_group_of_governments_endorsing_a_charter_are_multiple() -> None:
    text = (
        "BIARRITZ, France — 26 August 2019\n"
        "Leaders of the Group of Seven on Monday adopted a charter on critical mineral supply chains, "
        "committing to shared stockpile data and joint financing of refining capacity.\n"
        "France said it would convene the first meeting of experts before the end of the year.\n"
    )
    assert _status_issuer(text)[1] == "multiple"


def test_a_chinese_report_of_a_joint_statement_is_multiple() -> None:
    text = (
        "【要闻】双方同意延长关税休战\n"
        "7月29日，中美发布斯德哥尔摩经贸会谈联合声明。根据声明，美方将继续暂停实施24%的对等关税90天，"
        "中方相应继续暂停实施24%的反制关税90天。\n"
    )
    assert _status_issuer(text)[1] == "multiple"


def test_an_untitled_decision_under_a_chinese_law_naming_us_targets_is_chinas() -> None:
    text = (
        "根据《中华人民共和国反外国制裁法》第三条、第四条规定，决定对12家美国军工企业采取反制措施，"
        "冻结其在境内的财产，禁止境内组织和个人与其进行交易。\n"
        "本决定自公布之日起施行。\n"
    )
    assert _status_issuer(text) == (Status.enacted, "CN")
