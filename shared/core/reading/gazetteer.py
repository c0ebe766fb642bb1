"""Finds elements, element groups, compounds and Chinese names in a text, with their positions.

All phrases live in one Aho-Corasick automaton built at import, so a text is scanned once
whatever the number of phrases. Bare chemical symbols ("Y", "Nd", "In") collide with ordinary
words and model names, so they count only where they are plainly chemistry: in a list of
symbols ("Sm, Gd, Tb") or in a formula ("Dy2O3").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

import ahocorasick

from chokewatch.shared.elements import ALL_RARE_EARTHS, ELEMENTS, GROUPS, OTHER_METALS

from .hanzi import simplified, traditional


class Hit(NamedTuple):
    start: int
    end: int
    kind: str  # "element", "group", "generic" (rare earths in general), or a cue kind
    value: str  # element symbol, GROUPS key, or the cue's value
    phrase: str


def _is_cjk(ch: str) -> bool:
    return "\u3040" <= ch <= "\u9fff"  # kana and CJK ideographs: no spaces to anchor on


_new = tuple.__new__  # builds a Hit without the Python-level constructor: scanning is hot

# Punctuation becomes a space, one character for one so offsets hold. Phrases get the same
# treatment and a space at each word end, so the automaton itself enforces word boundaries
# and no time is spent on matches inside longer words ("ore" in "more").
_PUNCT = (
    "".join(chr(c) for c in range(0x21, 0x7F) if not chr(c).isalnum())
    + "\u2018\u2019\u201c\u201d\u2013\u2014\u00a0\t\r\n\u3000"
)
_TO_SPACE = str.maketrans(_PUNCT, " " * len(_PUNCT))
# str.translate looks every character up in a dict; bytes.translate is one table lookup per
# byte. In UTF-8 an ASCII byte never occurs inside a longer character, so the ASCII marks can be
# replaced in the encoded text and the few non-ASCII ones afterwards, offsets unchanged.
_ASCII_PUNCT = "".join(c for c in _PUNCT if c.isascii())
_ASCII_TO_SPACE = bytes.maketrans(_ASCII_PUNCT.encode(), b" " * len(_ASCII_PUNCT))
_WIDE_PUNCT = tuple(c for c in _PUNCT if not c.isascii())


def normalise(lower: str) -> str:
    """The lower-case text as lexicons scan it: punctuation as spaces, one space around it."""
    # "surrogatepass": a stray surrogate in scraped text must not raise.
    encoded = lower.encode("utf-8", "surrogatepass")
    spaced = encoded.translate(_ASCII_TO_SPACE).decode("utf-8", "surrogatepass")
    if not spaced.isascii():
        for mark in _WIDE_PUNCT:
            if mark in spaced:
                spaced = spaced.replace(mark, " ")
    return f" {spaced} "


# What the automaton reports per match: (end index, (length, trailing space, payloads)).
_Match = tuple[int, tuple[int, int, tuple[tuple[str, str, str], ...]]]


class Lexicon:
    """Phrases (lower case) mapped to (kind, value); '*' at the end of a phrase marks a stem.

    The automaton looks a character up among the children of its current node one by one, and
    Chinese phrases, which start without a space, give the root a child per first character:
    every character of a text pays for them. Most texts cannot hold a Chinese phrase, so those
    are scanned by an automaton of the spaced phrases alone, which reports the same matches.
    """

    def __init__(self, entries: list[tuple[str, str, str]]) -> None:
        table: dict[str, list[tuple[str, str, str]]] = {}
        # Chinese phrases are looked for in traditional characters too. Texts are scanned folded
        # to simplified characters (`scan`), so keys are folded the same way; a text scanned
        # unfolded still finds the traditional spelling. Hits report the phrase as written here.
        spelled = [(p, p, kind, value) for p, kind, value in entries] + [
            (traditional(p), p, kind, value) for p, kind, value in entries if traditional(p) != p
        ]
        spelled += [(simplified(p), p, kind, value) for p, kind, value in entries if simplified(p) != p]
        for phrase, reported, kind, value in spelled:
            stem = phrase.endswith("*")
            text = reported.rstrip("*").lower()
            key = phrase.rstrip("*").lower().translate(_TO_SPACE)
            if not any(_is_cjk(ch) for ch in key):  # Chinese has no spaces to anchor on
                key = " " + key + ("" if stem else " ")
            payloads = table.setdefault(key, [])
            if all((kind, value) != (k, v) for k, v, _ in payloads):  # "rare-earth" = "rare earth"
                payloads.append((kind, value, text))
        self._auto = _automaton(table)
        spaced = {key: payloads for key, payloads in table.items() if key[0] == " "}
        self._spaced = _automaton(spaced) if len(spaced) < len(table) else self._auto
        # Every other key holds a non-ASCII character. In UTF-8 such a character opens with a
        # lead byte; a text lacking all the lead bytes of those characters holds none of them.
        unspaced = {ch for key in table if key[0] != " " for ch in key if not ch.isascii()}
        self._lead_bytes = tuple({ch.encode()[:1] for ch in unspaced})

    def _spaced_only(self, normalised: str) -> bool:
        if self._spaced is self._auto or normalised.isascii():
            return True
        encoded = normalised.encode("utf-8", "surrogatepass")
        return not any(lead in encoded for lead in self._lead_bytes)

    def raw(self, normalised: str) -> Iterable[_Match]:
        """(end index, (length, trailing space, payloads)) per match, in order of end; for hot loops."""
        return (self._spaced if self._spaced_only(normalised) else self._auto).iter(normalised)

    def scan(self, normalised: str) -> list[Hit]:
        """Hits in a text prepared by normalise(); offsets are those of the original text."""
        hits: list[Hit] = []
        append = hits.append
        for end_idx, (length, trail, payloads) in self.raw(normalised):
            # normalise() added one leading space, so index i here is i - 1 in the original.
            end = end_idx - trail
            start = end - length
            for kind, value, phrase in payloads:
                append(_new(Hit, (start, end, kind, value, phrase)))
        return hits


def _automaton(table: dict[str, list[tuple[str, str, str]]]) -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    for key, payloads in table.items():
        lead = 1 if key[0] == " " else 0
        trail = 1 if key[-1] == " " else 0
        auto.add_word(key, (len(key) - lead - trail, trail, tuple(payloads)))
    auto.make_automaton()
    return auto


def longest_only(hits: list[Hit]) -> list[Hit]:
    """Leftmost-longest: drop hits inside a longer one ("rare earth" inside "rare earth magnets")."""
    hits = sorted(hits, key=lambda h: (h.start, -(h.end - h.start)))
    kept: list[Hit] = []
    reach = -1
    for hit in hits:
        if hit.start >= reach:
            kept.append(hit)
            reach = hit.end
        elif hit.end <= reach and kept and (kept[-1].start, kept[-1].end) == (hit.start, hit.end):
            kept.append(hit)  # same span, several meanings
    return kept


def _plurals(*stems: str) -> list[str]:
    return [form for stem in stems for form in (stem, stem + "s")]


_GENERIC = _plurals(
    "rare earth",
    "rare-earth",
    "rare earth element",
    "rare-earth element",
    "rare earth metal",
    "rare earth mineral",
    "rare-earth mineral",
    "ree",
) + ["稀土", "rare earth elements (rees)", "レアアース"]

# Group phrases -> GROUPS key, per the labelling rules.
_GROUP_PHRASES: dict[str, list[str]] = {
    "heavy_rare_earths": _plurals(
        "heavy rare earth",
        "heavy rare-earth",
        "heavy rare earth element",
        "heavy ree",
    )
    + ["重稀土"],
    "medium_heavy_2025_04": _plurals(
        "seven medium and heavy rare earth",
        "seven rare earth",
        "seven rare-earth",
        "seven heavy rare earth",
        "seven medium-heavy rare earth",
        "7 rare earth",
        "seven rare earth element",
        "seven medium and heavy rare earth element",
    )
    + ["七种中重稀土", "7种中重稀土", "7类中重稀土", "七类中重稀土"],
    # China's name for the April 2025 list, vague beside a list a text names.
    "medium_heavy_rare_earths": _plurals(
        "medium and heavy rare earth",
        "medium-heavy rare earth",
        "medium and heavy rare-earth",
        "middle and heavy rare earth",
    )
    + ["中重稀土"],
    "added_2025_10": _plurals(
        "five additional rare earth",
        "five more rare earth",
        "five new rare earth",
        "five other rare earth",
        "five rare earth",
        "five additional rare-earth",
        "five more rare-earth",
        "five rare earth element",
        "five additional rare earth element",
        "five additional rare earth mineral",
        "five more rare earth element",
        "five medium and heavy rare earth",
        "five more medium and heavy rare earth",
        "five additional medium and heavy rare earth",
        "five new medium and heavy rare earth",
        "five heavy rare earth",
        "five more heavy rare earth",
        "five additional heavy rare earth",
        "five new heavy rare earth",
    )
    + ["五种中重稀土", "5种中重稀土", "5类中重稀土", "五类中重稀土"],
    "light_rare_earths": _plurals("light rare earth", "light rare-earth") + ["轻稀土"],
    "ndfeb_magnets": _plurals(
        "rare earth magnet",
        "rare-earth magnet",
        "rare earth permanent magnet",
        "rare-earth permanent magnet",
        "permanent magnet",
        "ndfeb magnet",
        "neodymium magnet",
        "neodymium-iron-boron magnet",
        "neodymium iron boron magnet",
        "neo magnet",
        "heavy rare earth magnet",
        "heavy rare-earth magnet",
        "heavy rare earth permanent magnet",
        "magnet technology",
        "magnet-making technology",
        "magnet manufacturing technology",
    )
    + [
        "ndfeb",
        "nd-fe-b",
        "neodymium-iron-boron",
        "neodymium iron boron",
        "稀土永磁",
        "钕铁硼",
        "永磁体",
        "稀土磁体",
        "稀土磁铁",
        "magnet-making technologies",
        "magnet manufacturing technologies",
        "magnet technologies",
    ],
    "smco_magnets": _plurals("samarium-cobalt magnet", "samarium cobalt magnet", "smco magnet")
    + ["samarium-cobalt", "samarium cobalt", "smco", "sm-co", "钐钴"],
    "ndpr": ["ndpr", "nd-pr", "ndpr oxide", "didymium", "镨钕", "nd/pr", "nd pr oxide"],
}

# Compounds and product names that stand for one element.
_ALIASES: dict[str, list[str]] = {
    "Li": [
        "lithium-ion batter*",
        "lithium batter*",
        "lithium-battery",
        "lithium iron phosphate",
        "lithium manganese iron phosphate",
        "磷酸锰铁锂",
        "磷酸铁锂",
        "锰酸锂",
        "锂电池",
        "锂离子电池",
    ],
    "graphite": ["graphite anode*", "anode material*", "石墨负极", "负极材料", "黒鉛"],
    # Japanese names of the minerals under control.
    "Dy": ["ジスプロシウム"],
    "Tb": ["テルビウム"],
    "Nd": ["ネオジム"],
    "Sm": ["サマリウム"],
    "Y": ["イットリウム"],
    # Compounds of a controlled metal that name other metals ("indium gallium arsenide",
    # "磷锗锌") stand for the controlled one alone.
    "Ga": [
        "gallium nitride",
        "gallium arsenide",
        "gallium oxide",
        "ガリウム",
        "indium gallium arsenide",
        "indium gallium nitride",
        "indium gallium phosphide",
        "aluminium gallium nitride",
        "aluminum gallium nitride",
        "aluminium gallium arsenide",
        "aluminum gallium arsenide",
        "砷化铟镓",
        "氮化铟镓",
        "磷化铟镓",
        "铟镓砷",
        "氮化铝镓",
        "砷化铝镓",
    ],
    "Ge": ["germanium dioxide", "ゲルマニウム", "zinc germanium phosphide", "磷锗锌", "锗磷锌"],
    "Sb": ["アンチモン", "gold-antimony", "gold antimony", "antimony-gold", "antimony gold", "金锑", "锑金"],
    "W": ["wolfram", "ammonium paratungstate", "タングステン"],
    "Al": ["aluminum", "bauxite", "alumina"],
    "Pb": [
        "lead-acid",
        "lead and zinc",
        "zinc and lead",
        "lead ore",
        "lead concentrate*",
        "refined lead",
        "lead-zinc",
        "lead zinc",
        "lead metal",
    ],
    "Si": ["polysilicon", "silicon metal", "metallurgical silicon", "solar-grade silicon", "工业硅"],
    "Cu": ["copper cathode*", "copper concentrate*"],
    "U": ["enriched uranium", "uranium ore"],
}
# Element names that are ordinary words or belong to chips ("lead", "silicon" of wafers): only
# their aliases above count.
_NAME_NEEDS_ALIAS = frozenset({"Pb", "Si"})


# Names that contain an element's name but mean something else; they win as longer matches.
_NOT_ELEMENTS = [
    "cobalt strike",
    "cobalt blue",
    "chevrolet cobalt",
    "bismuth subsalicylate",
    "gold standard",
    "golden",
    "silver lining",
    "silver medal",
    "gold medal",
    "tin can",
    "copper-bottomed",
    "nickel-and-dime",
    "silver screen",
    "goldman",
    "gold coast",
    "silver spring",
    # Firms named for rare earths: the name is not what a measure covers.
    "lynas rare earth",
    "lynas rare earths",
    "usa rare earth",
    "rainbow rare earths",
    "china rare earth group",
    "northern rare earth",
    "china northern rare earth",
    "iluka rare earths",
    "australian rare earths",
    "北方稀土",
    "中国稀土集团",
]


OTHER_METAL_SYMBOLS = frozenset(e.symbol for e in OTHER_METALS)
ELEMENT_KINDS = frozenset({"element", "generic", "group", "not_element"})


def element_entries() -> list[tuple[str, str, str]]:
    entries: list[tuple[str, str, str]] = [(p, "not_element", "") for p in _NOT_ELEMENTS]
    for element in ELEMENTS.values():
        if element.symbol not in _NAME_NEEDS_ALIAS:
            entries.append((element.name, "element", element.symbol))
        for chinese in element.chinese:
            entries.append((chinese, "element", element.symbol))
    for symbol, phrases in _ALIASES.items():
        entries += [(p, "element", symbol) for p in phrases]
    entries += [(p, "generic", "rare_earths") for p in _GENERIC]
    for group, phrases in _GROUP_PHRASES.items():
        entries += [(p, "group", group) for p in phrases]
    return entries


ELEMENT_LEXICON = Lexicon(element_entries())

# Symbols read as chemistry: the minerals under export controls, not base metals ("U", "Al").
_SYMBOLS = sorted(
    (s for s in ELEMENTS if s != "graphite" and s not in OTHER_METAL_SYMBOLS), key=len, reverse=True
)
_SYMBOL_RE = re.compile(r"(" + "|".join(_SYMBOLS) + r")(?![a-z])")
_OXIDE_TAIL = re.compile(r"\d*O\d")  # Dy2O3, Tb4O7, GeO2
_III_V_TAIL = re.compile(r"(?:N|As|P)\b")  # GaN, GaAs, InP
_LIST_GAP = re.compile(r"[\s,/、&+\-–()]*(?:and|or|和|及|与)?[\s,/、&+\-–()]*")


def symbol_hits(text: str) -> list[Hit]:
    """Chemical symbols in the original-case text that are plainly chemistry, not words."""
    candidates = [
        (m.start(), m.end(), m.group(1))
        for m in _SYMBOL_RE.finditer(text)
        if m.start() == 0 or not text[m.start() - 1].isalnum()
    ]
    hits: list[Hit] = []
    for i, (start, end, symbol) in enumerate(candidates):
        formula = _OXIDE_TAIL.match(text, end) is not None or (
            symbol in ("Ga", "In") and _III_V_TAIL.match(text, end) is not None
        )
        listed = False
        for j in (i - 1, i + 1):
            if 0 <= j < len(candidates):
                a, b = (candidates[j][1], start) if j < i else (end, candidates[j][0])
                if b - a <= 7 and _LIST_GAP.fullmatch(text, a, b):
                    listed = True
        if formula or listed:
            hits.append(Hit(start, end, "element", symbol, symbol))  # rare: few symbols pass
    return hits


def expand(hit: Hit) -> tuple[str, ...]:
    """The element symbols a hit stands for."""
    if hit.kind == "element":
        return (hit.value,)
    if hit.kind == "generic":
        return ALL_RARE_EARTHS
    return GROUPS.get(hit.value, ())


def element_hits(text: str, normalised: str, scanned: list[Hit] | None = None) -> list[Hit]:
    """Every element, group and generic rare-earth mention, longest phrase first.

    `scanned` may hold element hits already found by a combined lexicon's single pass.
    """
    found = ELEMENT_LEXICON.scan(normalised) if scanned is None else scanned
    kept = longest_only(found + symbol_hits(text))
    return [h for h in kept if h.kind != "not_element"]


def drop_shadowed(hits: list[Hit]) -> list[Hit]:
    """Remove hits lying inside a 'shadow' phrase, and the shadow hits themselves."""
    spans = [(h.start, h.end) for h in hits if h.kind == "shadow"]
    if not spans:
        return hits
    return [
        h
        for h in hits
        if h.kind != "shadow"
        and not any(a <= h.start and h.end <= b and (h.start, h.end) != (a, b) for a, b in spans)
    ]
