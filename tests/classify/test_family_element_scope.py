"""Element scope: general groups listed beside other goods, background lists and other items
of a newsletter, compounds and ores that name other elements, and a framework deal's own
groups (LABELS, elements)."""

from __future__ import annotations

from chokewatch.shared.core.reading.classifier import classify
from chokewatch.shared.elements import ALL_RARE_EARTHS, GROUPS

FIVE_ADDED = sorted(GROUPS["added_2025_10"])


def test_a_newsletter_led_by_one_item_keeps_that_items_minerals() -> None:
    c = classify(
        "Critical Minerals Weekly — Tuesday edition\n"
        "In today's issue: Gallium licences resume · Cobalt quota chatter · Week ahead\n\n"
        "China's commerce ministry said on Tuesday it had approved the first export licences for "
        "gallium and germanium since the controls took effect.\n\n"
        "Cobalt: traders await detail on Kinshasa's export quotas."
    )
    assert c.elements == ["Ga", "Ge"]


def test_a_list_that_stays_in_force_beside_a_suspension_is_background() -> None:
    c = classify(
        "Beijing on Friday suspended for a year the export controls on holmium, erbium, thulium, "
        "europium and ytterbium that it unveiled in October. The licensing regime for samarium, "
        "gadolinium, terbium, dysprosium, lutetium, scandium and yttrium stays in force, and "
        "exporters still need a permit for each shipment.",
        title="China pauses controls on five rare earths",
    )
    assert c.elements == FIVE_ADDED


def test_a_tariff_threat_over_rare_earth_curbs_does_not_take_the_april_list() -> None:
    c = classify(
        "Trump vows extra 100% tariff on Chinese goods over rare earth curbs\n"
        "President Donald Trump said on Friday the United States would levy an additional 100% "
        "tariff on imports from China from November 1. Wall Street had its worst session since "
        "April."
    )
    assert c.elements == []


def test_a_duty_threat_citing_export_restrictions_covers_none_of_their_minerals() -> None:
    c = classify(
        "US to slap further 100% duties on China in row over rare-earth export restrictions\n"
        "Washington will add a 100% duty on Chinese imports from Nov. 1, the president wrote on "
        "social media. Shares of carmakers have lagged since early April."
    )
    assert c.elements == []


def test_licences_since_april_still_name_the_april_list() -> None:
    c = classify(
        "Japanese magnet makers still short of rare earths\n"
        "Japanese magnet makers said on Tuesday they were still waiting for Chinese export licences "
        "for rare earths, which exporters have needed since April. Several plants have cut shifts."
    )
    assert c.elements == sorted(GROUPS["medium_heavy_2025_04"])


def test_compounds_of_the_controlled_metals_do_not_add_indium_or_zinc() -> None:
    c = classify(
        "关于对镓、锗相关物项实施出口管制的公告\n"
        "商务部、海关总署决定对以下物项实施出口管制，自2023年8月1日起正式实施。\n"
        "（一）镓相关物项：金属镓、氮化镓、砷化镓、砷化铟镓、磷化镓。\n"
        "（二）锗相关物项：金属锗、磷锗锌、二氧化锗、四氯化锗。"
    )
    assert c.elements == ["Ga", "Ge"]


def test_an_english_item_list_of_compounds_names_only_the_controlled_metals() -> None:
    c = classify(
        "China to require licences for gallium and germanium exports\n"
        "Exporters of gallium and germanium will need licences from August 1, the commerce "
        "ministry said on Monday. The items covered include indium gallium arsenide, gallium "
        "nitride, zinc germanium phosphide and germanium epitaxial substrates."
    )
    assert c.elements == ["Ga", "Ge"]


def test_gold_antimony_smelting_technology_is_an_antimony_item() -> None:
    c = classify(
        "China tightens antimony export controls\n"
        "China will require export licences for antimony from September 15, the commerce ministry "
        "said. Items covered include antimony ores, antimony metal, antimony oxides and "
        "gold-antimony smelting and separation technologies."
    )
    assert c.elements == ["Sb"]


def test_a_gallium_plant_beside_an_alumina_refinery_is_not_an_aluminium_project() -> None:
    c = classify(
        "Japan and Australia back gallium recovery plant\n"
        "Japan and Australia agreed on Wednesday to fund a plant that will recover gallium from "
        "the liquor of an existing alumina refinery in Western Australia, the two governments said."
    )
    assert c.elements == ["Ga"]


def test_a_framework_naming_gallium_and_rare_earths_keeps_the_rare_earths() -> None:
    c = classify(
        "US and Japan sign critical minerals pact; gallium plant among first projects\n"
        "Washington and Tokyo signed a framework on Monday to secure supplies of critical minerals "
        "and rare earths, pledging joint financing for mining and processing projects. The first "
        "projects include a gallium recovery plant in Japan."
    )
    assert c.elements == sorted(["Ga", *ALL_RARE_EARTHS])


def test_a_release_dated_on_its_own_line_keeps_the_frameworks_rare_earths() -> None:
    c = classify(
        "Canada and the United States agree critical minerals framework; germanium project named\n"
        "Press release — 28 October 2025\n"
        "The two governments have signed a framework to expand the supply of critical minerals and "
        "rare earths, committing joint funding to projects in both countries. A germanium "
        "refinery in British Columbia is among the first projects."
    )
    assert c.elements == sorted(["Ge", *ALL_RARE_EARTHS])


def test_rare_earths_listed_beside_uranium_and_magnets_are_all_seventeen() -> None:
    c = classify(
        "Commerce opens national security probe into processed critical minerals\n"
        "The Commerce Department has opened a Section 232 investigation into imports of processed "
        "critical minerals and derivative products, it said on Tuesday. The inquiry covers "
        "critical minerals, rare earth elements and uranium, and products such as permanent "
        "magnets that contain them."
    )
    assert c.elements == sorted(["U", *ALL_RARE_EARTHS])


def test_rare_earths_as_one_item_of_a_list_with_magnets_are_not_narrowed() -> None:
    c = classify(
        "EU weighs duties on Chinese magnets and rare earths\n"
        "The European Commission proposed on Wednesday anti-dumping duties on imports of "
        "rare earths, cobalt and sintered permanent magnets from China, officials said."
    )
    assert c.elements == sorted(["Co", *ALL_RARE_EARTHS])


def test_technology_used_for_processing_rare_earths_names_all_of_them() -> None:
    c = classify(
        "China adds five rare earths and processing know-how to export control list\n"
        "China said on Thursday that holmium, erbium, thulium, europium and ytterbium will need "
        "export licences from November 8. The commerce ministry also restricted exports of "
        "technologies used for mining, smelting, separation and magnet manufacturing of rare "
        "earths, and added lithium battery and graphite anode items."
    )
    assert c.elements == sorted(["Li", "graphite", *ALL_RARE_EARTHS])



def test_a_long_list_of_processes_between_technology_and_rare_earths_still_names_them() -> None:
    c = classify(
        "Beijing puts five more rare earths under licence\n"
        "Holmium, erbium, thulium, europium and ytterbium now need export "
        "licences, the commerce ministry said on Thursday. It also placed controls on technology "
        "for the mining, smelting, separation, metal processing, magnet making and recycling of "
        "rare earths."
    )
    assert c.elements == sorted(ALL_RARE_EARTHS)


def test_a_tariff_schedule_under_a_label_line_gives_the_tariffs_goods() -> None:
    c = classify(
        "US raises Section 301 duties on Chinese batteries, graphite and magnets\n"
        "The U.S. Trade Representative on Friday confirmed higher Section 301 tariffs on a range "
        "of Chinese imports, most of them from January.\n"
        "The new rates:\n"
        "- Lithium-ion batteries for EVs: 25%\n"
        "- Natural graphite: 25%\n"
        "- Permanent magnets: 25%\n"
        "- Syringes: 100%\n"
        "Importers should check the tariff lines that apply to them."
    )
    assert c.elements == sorted(["Li", "graphite", *GROUPS["ndfeb_magnets"]])


def test_rare_earths_more_broadly_beside_magnets_are_all_of_them() -> None:
    c = classify(
        "US and China agree framework after London talks\n"
        "Negotiators from both countries agreed a framework on Wednesday to restore the Geneva "
        "truce. Supplies of rare earth magnets, and of rare earths more broadly, will be "
        "restored, the US commerce secretary said."
    )
    assert c.elements == sorted(ALL_RARE_EARTHS)


def test_a_rule_on_goods_containing_chinese_rare_earths_reaches_all_of_them() -> None:
    c = classify(
        "China suspends October export control package for a year\n"
        "The commerce ministry said on Friday it would suspend for one year the controls it "
        "announced on October 9, among them licences for erbium, holmium, thulium, europium and "
        "ytterbium and a rule covering foreign goods that contain Chinese-origin rare earths."
    )
    assert c.elements == sorted(ALL_RARE_EARTHS)


def test_rare_earths_first_in_an_including_list_beside_magnets_are_all_of_them() -> None:
    c = classify(
        "White House orders review of critical mineral imports\n"
        "The president ordered a national security review on Tuesday of imports of processed "
        "critical minerals, including rare earths, uranium and derivative products such as "
        "permanent magnets."
    )
    assert c.elements == sorted(["U", *ALL_RARE_EARTHS])


def test_a_tariff_threat_recalling_the_april_list_of_seven_does_not_take_it() -> None:
    c = classify(
        "Trump says US will impose 100% tariffs on China from Nov 1\n"
        "President Trump said the US would impose 100% tariffs on Chinese imports from November 1, "
        "on top of existing levies. Beijing's latest curbs build on restrictions on seven rare "
        "earths, including dysprosium and terbium, that it imposed in April."
    )
    assert c.elements == []


def test_alloys_and_oxides_on_a_metals_list_name_only_the_listed_metals() -> None:
    c = classify(
        "China adds tungsten, tellurium, bismuth, molybdenum and indium to export control list\n"
        "China will require export licences for tungsten, tellurium, bismuth, molybdenum and indium "
        "items with immediate effect, the commerce ministry said on Tuesday. The items include "
        "ammonium paratungstate, tungsten-nickel-iron alloys, bismuth telluride, indium tin oxide "
        "targets and molybdenum powder."
    )
    assert c.elements == ["Bi", "In", "Mo", "Te", "W"]


def test_a_chinese_item_list_of_alloys_names_only_the_controlled_metals() -> None:
    c = classify(
        "关于对钨、碲、铋、钼、铟相关物项实施出口管制的决定\n"
        "商务部决定对钨、碲、铋、钼、铟相关物项实施出口管制，自公布之日起正式实施。"
        "物项包括仲钨酸铵、钨镍铁合金、碲锌镉、氧化铟锡靶材、钼粉等。"
    )
    assert c.elements == ["Bi", "In", "Mo", "Te", "W"]


def test_germanium_recovered_from_zinc_smelting_is_not_a_zinc_measure() -> None:
    c = classify(
        "Beijing bans germanium shipments to the United States\n"
        "China banned exports of germanium to the United States on Tuesday, cutting off a metal "
        "that its plants recover from zinc smelting residues, the commerce ministry said."
    )
    assert c.elements == ["Ge"]


def test_permanent_magnets_beside_a_named_list_are_that_lists_magnets() -> None:
    c = classify(
        "What the new licence rule means for motor makers\n"
        "China said on Friday that exporters of samarium, gadolinium, terbium, dysprosium, "
        "lutetium, scandium and yttrium now need a licence for every shipment. Makers of "
        "permanent magnets for traction motors expect delays of several weeks."
    )
    assert c.elements == sorted(GROUPS["medium_heavy_2025_04"])


def test_a_metal_named_as_the_pattern_to_expect_is_not_the_measures() -> None:
    c = classify(
        "Tungsten hits record as Beijing's licence regime slows exports\n"
        "European tungsten prices hit a record this week as Chinese exporters waited for licences "
        "under the export controls imposed this month. No tungsten permits have been granted so "
        "far, traders said. \"We all expect the antimony playbook: weeks with no exports, then "
        "licences trickle out,\" one broker said."
    )
    assert c.elements == ["W"]


def test_the_second_item_of_a_numbered_newsletter_is_another_story() -> None:
    c = classify(
        "The Metals Dispatch, week 46\n"
        "1) The halt\n\n"
        "China's commerce ministry on Monday suspended for one year the export controls on "
        "holmium, erbium, thulium, europium and ytterbium that it announced in October.\n\n"
        "2) Tungsten\n\n"
        "Prices of ammonium paratungstate held steady in Rotterdam as Chinese export permits "
        "stayed scarce."
    )
    assert c.elements == FIVE_ADDED


def test_a_client_alerts_numbered_section_on_the_items_keeps_them() -> None:
    c = classify(
        "Client alert: China imposes export licensing on gallium and germanium\n"
        "1. What changed\n\n"
        "China's commerce ministry announced on Monday that exports of gallium items will require "
        "a licence from August 1.\n\n"
        "2. Items covered\n\n"
        "The items covered include gallium metal, gallium nitride, germanium metal and germanium "
        "dioxide."
    )
    assert c.elements == ["Ga", "Ge"]


def test_magnets_that_contain_rare_earths_stay_the_magnet_metals() -> None:
    c = classify(
        "China bans magnet exports to US defence firms\n"
        "China banned exports of permanent magnets that contain rare earths to 12 US defence "
        "contractors on Monday."
    )
    assert c.elements == sorted(GROUPS["ndfeb_magnets"])


def test_an_export_control_titled_on_one_mineral_keeps_its_scope_against_a_lead_recall() -> None:
    c = classify(
        "Beijing targets graphite in new export curbs\n"
        "China announced new export controls on Friday, adding to its curbs on rare earths. "
        "Exporters of natural graphite will need licences from December 1."
    )
    assert c.elements == ["graphite"]


def test_a_chinese_tariff_report_answering_rare_earth_controls_covers_none() -> None:
    c = classify(
        "特朗普威胁11月1日起对华加征100%关税\n"
        "美国总统特朗普10日表示，将从11月1日起对中国商品额外加征100%关税，以回应中国扩大稀土出口管制。"
    )
    assert c.elements == []


def test_a_tariff_over_a_rare_earth_move_with_rare_earth_stocks_covers_none() -> None:
    c = classify(
        "Trump threatens 100% tariffs over Beijing rare earth move\n"
        "President Trump on Friday threatened 100% tariffs on Chinese goods from November 1. "
        "Rare earth stocks have more than doubled this year."
    )
    assert c.elements == []


def test_a_numbered_tariff_schedule_is_not_a_newsletters_items() -> None:
    c = classify(
        "US confirms higher duties on Chinese graphite and batteries\n"
        "The Trade Representative confirmed on Friday higher tariffs on a range of Chinese goods, "
        "including natural graphite, effective January 1. The schedule:\n"
        "1) Natural graphite: 25%\n"
        "2) Lithium-ion batteries: 25%\n"
        "3) Syringes: 100%"
    )
    assert c.elements == ["Li", "graphite"]


def test_a_firm_named_for_a_metal_does_not_add_that_metal() -> None:
    c = classify(
        "Antimony smelter halts output after safety probe\n"
        "A smelter owned by Shandong Gold Group in Hunan halted antimony production on Tuesday "
        "after a safety inspection, the company said, tightening supply of the metal."
    )
    assert c.elements == ["Sb"]


def test_a_firm_named_for_its_metal_still_gives_the_metal_it_names_again() -> None:
    c = classify(
        "Yunnan Tin Co suspends smelter\n"
        "Yunnan Tin Co said on Monday it had halted tin smelting at its main plant for two weeks "
        "of maintenance, cutting refined tin supply."
    )
    assert "Sn" in c.elements
