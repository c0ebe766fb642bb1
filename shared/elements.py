"""The catalogue of elements chokewatch tracks: symbols, names, Chinese names and named groups.

Every service validates element identifiers against this one list, so a profile can only name
elements the classifier can emit.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Element:
    symbol: str  # the identifier used everywhere ("Dy"; "graphite" has no symbol of its own)
    name: str
    chinese: tuple[str, ...] = ()
    rare_earth: bool = False


RARE_EARTHS: tuple[Element, ...] = (
    Element("La", "lanthanum", ("镧",), True),
    Element("Ce", "cerium", ("铈",), True),
    Element("Pr", "praseodymium", ("镨",), True),
    Element("Nd", "neodymium", ("钕",), True),
    Element("Pm", "promethium", ("钷",), True),
    Element("Sm", "samarium", ("钐",), True),
    Element("Eu", "europium", ("铕",), True),
    Element("Gd", "gadolinium", ("钆",), True),
    Element("Tb", "terbium", ("铽",), True),
    Element("Dy", "dysprosium", ("镝",), True),
    Element("Ho", "holmium", ("钬",), True),
    Element("Er", "erbium", ("铒",), True),
    Element("Tm", "thulium", ("铥",), True),
    Element("Yb", "ytterbium", ("镱",), True),
    Element("Lu", "lutetium", ("镥",), True),
    Element("Sc", "scandium", ("钪",), True),
    Element("Y", "yttrium", ("钇",), True),
)

OTHER_CRITICAL: tuple[Element, ...] = (
    Element("Ga", "gallium", ("镓",)),
    Element("Ge", "germanium", ("锗",)),
    Element("Sb", "antimony", ("锑",)),
    Element("graphite", "graphite", ("石墨",)),
    Element("W", "tungsten", ("钨",)),
    Element("Te", "tellurium", ("碲",)),
    Element("Bi", "bismuth", ("铋",)),
    Element("Mo", "molybdenum", ("钼",)),
    Element("In", "indium", ("铟",)),
    Element("Li", "lithium", ("锂",)),
    Element("Co", "cobalt", ("钴",)),
)

# Base, precious and energy metals that trade measures also name (tariff exemptions, Section 232).
OTHER_METALS: tuple[Element, ...] = (
    Element("Ag", "silver", ("白银",)),
    Element("Au", "gold", ("黄金",)),
    Element("U", "uranium", ("铀",)),
    Element("Cu", "copper", ("铜",)),
    Element("Al", "aluminium", ("铝",)),
    Element("Ni", "nickel", ("镍",)),
    Element("Zn", "zinc", ("锌",)),
    Element("Pb", "lead", ("铅",)),
    Element("Sn", "tin", ("锡锭", "精锡")),
    Element("Mn", "manganese", ("锰",)),
    Element("Mg", "magnesium", ("镁",)),
    Element("Ti", "titanium", ("钛",)),
    Element("Si", "silicon", ("多晶硅",)),
    Element("Nb", "niobium", ("铌",)),
    Element("Ta", "tantalum", ("钽",)),
    Element("V", "vanadium", ("钒",)),
    Element("Pt", "platinum", ("铂",)),
    Element("Pd", "palladium", ("钯",)),
    Element("Cr", "chromium", ("铬",)),
    Element("Zr", "zirconium", ("锆",)),
    Element("Hf", "hafnium", ("铪",)),
    Element("Be", "beryllium", ("铍",)),
)

ELEMENTS: dict[str, Element] = {e.symbol: e for e in RARE_EARTHS + OTHER_CRITICAL + OTHER_METALS}
ALL_RARE_EARTHS: tuple[str, ...] = tuple(e.symbol for e in RARE_EARTHS)

# Named sets, as the labelling rules expand them.
GROUPS: dict[str, tuple[str, ...]] = {
    "rare_earths": ALL_RARE_EARTHS,
    "light_rare_earths": ("La", "Ce", "Pr", "Nd", "Sm"),
    "heavy_rare_earths": ("Gd", "Tb", "Dy", "Ho", "Er", "Tm", "Yb", "Lu", "Y"),
    "medium_heavy_2025_04": ("Sm", "Gd", "Tb", "Dy", "Lu", "Sc", "Y"),
    # "medium and heavy rare earths" with no list: China's name for the April 2025 seven.
    "medium_heavy_rare_earths": ("Sm", "Gd", "Tb", "Dy", "Lu", "Sc", "Y"),
    "added_2025_10": ("Ho", "Er", "Tm", "Eu", "Yb"),
    "ndfeb_magnets": ("Nd", "Pr", "Dy", "Tb"),
    "smco_magnets": ("Sm", "Co"),
    "ndpr": ("Nd", "Pr"),
}


def normalise_symbol(value: str) -> str:
    """Map a symbol or English name, in any case, to the catalogue's identifier.

    Raises ValueError naming the value when it is not a tracked element.
    """
    raw = value.strip()
    for element in ELEMENTS.values() if raw.isascii() else ():  # 'K' (Kelvin) lowers to 'k'
        if raw.lower() in (element.symbol.lower(), element.name):
            return element.symbol
    raise ValueError(
        f"unknown element {value!r}; expected a symbol such as 'Dy' or a name such as 'dysprosium'"
    )


def _any_case(word: str) -> str:
    return "".join(f"[{c.upper()}{c.lower()}]" if c.isalpha() else c for c in word)


# What normalise_symbol accepts, as a JSON Schema pattern: a symbol or English name in any
# letter case, with white space around it.
IDENTIFIER_PATTERN = r"^\s*(?:" + "|".join(
    _any_case(word) for word in sorted({w for e in ELEMENTS.values() for w in (e.symbol, e.name)},
                                       key=lambda w: (-len(w), w))
) + r")\s*$"
