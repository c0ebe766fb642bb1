"""The words that signal event types, direction, status, issuers, stages and companies.

One table per decision, merged into a single Aho-Corasick lexicon at import. A phrase ending in
'*' is a stem ("restrict*" also finds "restrictions"). Phrases are lower case; Chinese ones
match anywhere. Changing what the classifier notices means editing this file only.
"""

from __future__ import annotations

from .gazetteer import Lexicon

# Export-control language: a measure on exports needing a licence, banned or listed.
CONTROL = [
    "export control*", "export restriction*", "export curb*", "export ban*", "export licen*",
    "export permit*", "export licensing", "licensing requirement*", "licence requirement*",
    "license requirement*", "licensing regime", "licensing system", "export controls",
    "restrict exports", "restricts exports", "restricted exports", "restricting exports",
    "restrictions on exports", "restrictions on the export", "controls on exports",
    "controls on the export", "curbs on exports", "curbs on the export", "ban on exports",
    "ban on the export", "bans exports", "banned exports", "banning exports", "bans the export",
    "banned the export", "ban exports", "ban the export", "control list", "dual-use",
    "dual use items", "export of", "exports of", "exporters", "licences", "licenses",
    "licence", "license", "licensing", "general licen*", "prohibited from export",
    "restricted from export", "catalogue of technologies", "出口管制", "管制", "出口许可",
    "禁止出口", "限制出口", "两用物项", "不得出口", "de minimis", "extraterritorial",
    "foreign direct product", "shipments", "exports",
]
# Words of chip trade: with control language they make a chip export control.
CHIP = [
    "chip*", "semiconductor*", "h20", "h200", "b30a", "blackwell", "hbm",
    "high-bandwidth memory", "chipmaking", "chip-making", "lithography", "euv", "duv",
    "advanced computing", "ai diffusion", "entity list", "affiliates rule", "50% rule",
    "50 percent rule", "foundry", "wafer fab equipment", "gpu*", "芯片", "半导体",
]
CHIP_RULE = [
    "bureau of industry and security", "bis", "federal register", "interim final rule",
    "final rule", "rule", "rules", "entity list", "affiliates rule", "ai diffusion",
    "licence requirement", "license requirement", "licensing requirement", "export licen*",
    "export control*", "export restriction*", "licences", "licenses", "licence", "license",
]
# Context that makes control language about minerals even without a named element.
MINERAL_CONTEXT = [
    "critical mineral*", "minerals", "magnet*", "superhard material*", "battery technolog*",
    "cathode", "anode", "ore", "concentrate*", "smelting", "separation technolog*", "mineral",
    "metals", "稀土", "矿产",
]
TARIFF = [
    "tariff*", "duties", "import duty", "import duties", "customs duties", "levy", "levies",
    "anti-dumping", "countervailing", "section 232", "section 301", "关税", "reciprocal tariff*",
]
TALKS = [
    "trade talks", "talks", "negotiation*", "negotiators", "negotiating", "summit",
    "trade deal", "trade agreement", "trade truce", "truce", "framework agreement",
    "framework", "met with", "meeting between", "round of", "delegation*", "consensus",
    "trade war", "deal with china", "deal with the us", "deal with washington",
    "deal with beijing", "磋商", "会谈", "经贸",
]
SANCTIONS = [
    "sanction*", "unreliable entity list", "unreliable entities list", "counter-sanction*",
    "countermeasure*", "asset freeze", "assets frozen", "froze the assets", "freeze the assets",
    "blacklist*", "barred from doing business", "banned from dealing", "entity list",
    "不可靠实体清单", "反制", "制裁",
]
DISRUPTION = [
    "halted production", "halts production", "halt production", "suspended production",
    "suspends production", "suspended operations", "suspends operations", "production halt*",
    "shut down", "shuts down", "shutdown", "shut", "closed the", "closure", "closes",
    "flood*", "landslide*", "fire at", "explosion", "fighting", "militia*", "rebel*",
    "armed group*", "kachin", "border crossing*", "border closed", "border closure",
    "force majeure", "stoppage*", "outage*", "strike", "blockade*", "seized", "seize",
    "shortage*", "ran out", "run out", "running out", "idled", "idle", "stopped production",
    "stop production", "production stop*", "cut output", "output cut", "supply disruption*",
    "disrupted", "disruption", "typhoon", "earthquake", "collapse", "accident", "停产",
]
POLICY = [
    "equity stake", "stake in", "price floor", "stockpil*", "offtake", "off-take",
    "funding", "loan*", "invest*", "subsid*", "partnership", "memorandum of understanding",
    "critical minerals agreement", "critical minerals deal", "critical minerals framework",
    "critical raw materials act", "strategic project*", "new plant", "new facility",
    "processing plant", "refinery", "breaks ground", "broke ground", "groundbreaking",
    "defense production act", "tax credit*", "grant of", "awarded", "award", "financing",
    "capacity", "joint venture", "acquisition", "acquire*", "supply agreement", "supply deal",
    "commissioned", "opens", "opened", "opening", "begins production", "began production",
    "start production", "started production", "commercial production", "production line",
    "收储", "储备",
]
# Explainer, opinion, market talk: pulls a text towards commentary.
COMMENTARY = [
    "analysis", "opinion", "explainer", "explained", "what is", "what are", "what to know",
    "why", "how", "here's", "column", "commentary", "podcast", "in my view", "we believe",
    "investors", "stocks", "stock", "shares", "rally", "analyst*", "experts", "expert",
    "strategist*", "scenario*", "lesson*", "history", "historically", "outlook", "long term",
    "long-term", "could", "would", "might", "leverage", "bargaining chip", "guide",
    "everything you need", "the case for", "implications", "price target", "buy rating",
    "valuation", "portfolio", "newsletter", "webinar", "q&a",
]

# Words of the supply and trade topic: without any, an element name is chemistry or trivia.
TOPIC = [
    "supply", "supplies", "supply chain*", "supplier*", "export*", "import*", "trade",
    "market*", "price*", "producer*", "production", "mining", "refin*", "processing",
    "stockpil*", "shortage*", "critical mineral*", "demand", "procurement", "geopolitic*",
    "beijing", "washington", "sanction*", "tariff*", "customs", "出口", "供应",
]

# Direction. Easing language turns a control or tariff into relief.
EASING = [
    "suspend*", "suspension", "pause*", "exempt*", "exemption*", "general licen*",
    "approved licen*", "approve licen*", "approves licen*", "approving licen*",
    "granted licen*", "grant licen*", "grants licen*", "issued licen*", "first licen*",
    "licences approved", "licenses approved", "licences granted", "licenses granted",
    "lift*", "lifted", "eases", "eased", "easing", "ease", "relax*", "roll back",
    "rolled back", "rolls back", "rescind*", "revoke*", "scrap*", "waive*",
    "cut tariffs", "cuts tariffs", "lower tariffs", "lowers tariffs", "lowered tariffs",
    "reduce tariffs", "reduces tariffs", "reduced tariffs", "tariff cut*", "tariffs cut",
    "resume*", "restore*", "restoring", "reopen*", "loosen*", "truce", "removed from",
    "remove from", "removes from", "delays implementation", "postpone*", "暂停", "取消", "放宽", "豁免",
    "通用许可", "恢复",
]
TIGHTENING = [
    "impose", "imposes", "imposed", "imposing", "ban", "bans", "banned", "banning",
    "restrict*", "tighten*", "require*", "requirement*", "add", "adds", "added", "adding",
    "expand*", "raise*", "hike*", "increase*", "halt*", "block*", "curb*", "prohibit*",
    "shut*", "closed", "closure", "stop", "stops", "stopped", "stopping", "denied", "deny",
    "refus*", "escalat*", "retaliat*", "crack down", "crackdown", "new controls",
    "new export controls", "new restrictions", "禁止", "限制", "加征", "实施出口管制",
]

# Status. Checked on the sentences that carry the event, strongest first.
ENACTED = [
    "announcement no", "announcement number", "号公告", "federal register", "published a rule",
    "published the rule", "issued a rule", "interim final rule", "final rule", "takes effect",
    "take effect", "took effect", "taking effect", "in force", "into force",
    "effective immediately", "effective from", "effective on", "effective as of", "effective",
    "imposed", "has imposed", "have imposed", "implemented", "has banned", "banned", "added",
    "has added", "signed", "was signed", "published", "issued", "placed", "halted", "closed",
    "suspended", "approved", "granted", "lifted", "took", "entered into", "began", "seized",
    "shut", "起施行", "起实施", "起正式实施", "正式实施", "发布", "决定",
]
ANNOUNCED = [
    "will", "plans to", "plan to", "planned", "agreed to", "agrees to", "officials said",
    "official said", "said it would", "said on", "said in", "announced", "announces",
    "intends to", "is set to", "are set to", "to suspend", "to impose", "to lift",
    "pledged", "pledges", "promised", "vowed", "confirmed", "according to", "told reporters",
    "reported", "reports", "sources said", "people familiar", "将", "表示",
]
SPECULATION = [
    "could", "may", "might", "considering", "is considering", "weighing", "weighs",
    "mulls", "mulling", "analysts warn", "analysts say", "warn*", "expected to", "possible",
    "potential", "potentially", "fear*", "threat*", "rumour*", "rumor*", "speculat*",
    "hoped", "hopes", "if", "likely", "risk of", "contemplat*", "floated", "signalled",
    "signaled", "may be", "prepared to", "poised to", "or may not",
]

# Who acts. Issuers as ISO codes, EU, or the US/China actors by institution.
ACTORS: dict[str, list[str]] = {
    "CN": ["china", "chinese", "beijing", "mofcom", "ministry of commerce",
           "china's commerce",
           "general administration of customs", "prc", "商务部", "海关总署", "中国",
           "people's republic"],
    "US": ["united states", "washington", "american", "bis",
           "bureau of industry and security", "commerce department", "department of commerce",
           "white house", "trump", "biden", "ustr", "pentagon", "department of defense",
           "department of war", "defense department", "war department", "treasury",
           "federal register", "bessent", "lutnick", "greer"],
    "JP": ["japan", "japanese", "tokyo", "meti"],
    "AU": ["australia", "australian", "canberra"],
    "MM": ["myanmar", "burma", "kachin", "naypyidaw"],
    "EU": ["european union", "european commission", "brussels"],
    "CA": ["canada", "canadian", "ottawa"],
    "KR": ["south korea", "korean", "seoul"],
    "IN": ["india", "indian", "new delhi"],
    "NL": ["netherlands", "dutch", "the hague"],
    "GB": ["britain", "british", "united kingdom"],
    "VN": ["vietnam", "vietnamese", "hanoi"],
    "MY": ["malaysia", "malaysian"],
    "CD": ["congo", "drc", "kinshasa"],
    "ID": ["indonesia", "indonesian", "jakarta"],
    "RU": ["russia", "russian", "moscow"],
    "TW": ["taiwan", "taiwanese", "taipei"],
}

# A clause after these gives a cause or history, not the news ("in response to US tariffs").
REASON = [
    "in response to", "in retaliation", "responding to", "in reply to", "retaliation for",
    "following", "after the", "after washington", "after beijing", "answering",
    "in the wake of", "because of", "amid", "since", "a response to", "response to",
]
# Sentences holding these recall the past or explain the topic: background for elements.
BACKGROUND = [
    "earlier", "previously", "last year", "last month", "last spring", "last summer",
    "last autumn", "last fall", "last winter", "a year ago", "years ago", "back in", "already",
    "historically", "history", "first imposed", "had imposed", "had introduced", "had added",
    "had placed", "had banned", "had put", "prior to", "previous", "in the past", "since then",
    "used in", "used to make", "essential for", "essential to", "crucial for", "critical for",
    "key to", "vital for", "are a group", "is a group", "group of 17", "17 elements",
    "17 metals", "17 minerals", "periodic table", "dominat*", "accounts for", "account for",
    "accounting for", "percent of the world", "% of the world", "per cent of the world",
    "of global", "such as", "for example", "for instance", "like the", "including in",
    "similar", "recall", "remember",
]
STAGES: dict[str, list[str]] = {
    "mining": ["mining", "mine", "mines", "extraction", "开采", "ore"],
    "separation": ["separation", "refining", "refinery", "processing", "smelting", "冶炼",
                   "分离", "oxide*"],
    "metal": ["metal making", "metal smelting", "metals", "alloy*", "metal production"],
    "magnet": ["magnet*", "永磁", "磁材"],
    "technology": ["technolog*", "know-how", "技术"],
    "recycling": ["recycl*", "secondary resources", "回收"],
    "battery": ["batter*", "anode*", "cathode*", "电池", "负极", "正极"],
    "chips": ["chip*", "semiconductor*", "芯片"],
}
COMPANIES = {
    "MP Materials": ["mp materials"], "Lynas": ["lynas"],
    "China Northern Rare Earth": ["china northern rare earth", "northern rare earth", "北方稀土"],
    "China Rare Earth Group": ["china rare earth group", "中国稀土集团"],
    "JL Mag": ["jl mag", "jl mag rare-earth", "金力永磁"], "Shenghe": ["shenghe", "盛和资源"],
    "USA Rare Earth": ["usa rare earth"], "Nvidia": ["nvidia", "英伟达"], "AMD": ["amd"],
    "Iluka": ["iluka"], "Energy Fuels": ["energy fuels"], "Arafura": ["arafura"],
    "Neo Performance Materials": ["neo performance materials"], "Noveon": ["noveon"],
    "Vulcan Elements": ["vulcan elements"], "Ningbo Yunsheng": ["ningbo yunsheng"],
    "Zhong Ke San Huan": ["zhong ke san huan"], "Huawei": ["huawei", "华为"],
    "SMIC": ["smic", "中芯国际"], "ASML": ["asml"], "Applied Materials": ["applied materials"],
    "Lam Research": ["lam research"], "Tokyo Electron": ["tokyo electron"], "Intel": ["intel"],
    "TSMC": ["tsmc"], "Micron": ["micron"], "Samsung": ["samsung"], "SK Hynix": ["sk hynix"],
    "Tesla": ["tesla"], "Ford": ["ford"], "General Motors": ["general motors"], "BYD": ["byd"],
    "Toyota": ["toyota"], "Volkswagen": ["volkswagen"], "BMW": ["bmw"], "Bosch": ["bosch"],
    "Syrah Resources": ["syrah resources", "syrah"], "Almonty": ["almonty"],
    "Ucore": ["ucore"], "Solvay": ["solvay"], "Umicore": ["umicore"], "CATL": ["catl"],
    "Albemarle": ["albemarle"], "Ganfeng": ["ganfeng"], "Tianqi": ["tianqi"],
    "Lockheed Martin": ["lockheed martin", "lockheed"], "Apple": ["apple inc"],
    "Hitachi Metals": ["hitachi metals", "proterial"], "Shin-Etsu": ["shin-etsu"],
    "Japan Organization for Metals and Energy Security": ["jogmec"],
    "Rainbow Rare Earths": ["rainbow rare earths"], "Pensana": ["pensana"],
    "Northern Minerals": ["northern minerals"], "Hastings": ["hastings technology metals"],
    "Niron Magnetics": ["niron"], "Alcoa": ["alcoa"], "Korea Zinc": ["korea zinc"],
}


def _entries() -> list[tuple[str, str, str]]:
    tables = {
        "control": CONTROL, "chip": CHIP, "chip_rule": CHIP_RULE, "mineral": MINERAL_CONTEXT,
        "tariff": TARIFF, "talks": TALKS, "sanctions": SANCTIONS, "disruption": DISRUPTION,
        "policy": POLICY, "commentary": COMMENTARY, "topic": TOPIC, "easing": EASING,
        "tightening": TIGHTENING, "enacted": ENACTED, "announced": ANNOUNCED,
        "speculation": SPECULATION, "reason": REASON, "background": BACKGROUND,
    }
    entries = [(p, kind, kind) for kind, phrases in tables.items() for p in phrases]
    for table_kind, table in (("actor", ACTORS), ("stage", STAGES), ("company", COMPANIES)):
        entries += [(p, table_kind, value) for value, phrases in table.items() for p in phrases]
    return entries


CUE_LEXICON = Lexicon(_entries())
