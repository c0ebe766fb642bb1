"""The words that signal event types, direction, status, issuers, stages and companies.

One table per decision, merged into a single Aho-Corasick lexicon at import. A phrase ending in
'*' is a stem ("restrict*" also finds "restrictions"). Phrases are lower case; Chinese ones
match anywhere. Changing what the classifier notices means editing this file only.
"""

from __future__ import annotations

from .gazetteer import Lexicon, element_entries

# Phrase tables read best packed several to a line, so the formatter leaves them alone.
# fmt: off
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
    "dual use items", "general licen*", "prohibited from export", "restricted from export",
    "catalogue of technologies", "出口管制", "管制", "出口许可", "禁止出口", "輸出管理", "輸出規制",
    "输出管制", "限制出口", "两用物项", "不得出口", "curbs on", "controls on", "restrictions on",
    "earth controls", "earths controls", "earth curbs", "earths curbs", "earth restrictions",
    "mineral controls", "minerals controls", "mineral curbs", "minerals curbs",
    "de minimis", "extraterritorial", "foreign direct product",
    "not to export", "cease exporting", "stop exporting", "banning the export", "banned from export*",
    "not to re-export", "re-export control*", "re-export ban*",
    "export approval*", "export application*", "export quota*", "state trading", "state-trading",
    "export whitelist", "export management", "出口管理", "出口配额", "出口许可证", "出口申请",
    "国营贸易", "对相关企业出口", "出口予以豁免", "出口禁令", "禁止向", "出口限制", "出口管控",
    "出口新限制", "恢复出口", "许可申请", "技术出口", "禁令", "輸出禁止", "輸出許可", "許可制",
    # A general licence is a licence of the control regime: "通用许可" on the mainland, "一般許可"
    # in Taiwan and Hong Kong reports.
    "通用许可", "一般许可", "一般出口许可", "出口审批", "许可审批",
    "export checks", "export procedures", "export screening", "export review*",
    # Enforcement of a control: smuggling crackdowns and export supervision.
    "smuggling", "走私", "出口监管", "出口的监管", "出口全链条", "全链条管控",
    "export rules", "export rule", "export regime",
    "resume supply", "resume the supply", "resume supplies", "resume exports", "resumed exports",
    "resumes exports", "resume shipments", "resumed shipments", "ready to supply",
    "agreed to supply", "agrees to supply", "agree to supply",
    "will flow", "to flow again", "flowing again", "resume flowing",  # supply let through under a deal
]
# Chip controls named as such: what makes a deal or a mineral measure involve chips.
CHIP_CONTROL = [
    "chip export control*", "chip controls", "chip curbs", "chip restrictions", "chip rule*",
    "semiconductor export control*", "export controls on semiconductors",
    "export controls on chips", "restrictions on chips", "curbs on chips", "chip design software",
    "entity list", "affiliates rule", "50% rule", "h20", "h200", "hbm", "high-bandwidth memory",
    "实体清单",
    "chipmaking equipment", "chipmaking tools", "chip tools", "advanced chips", "ai chips",
    "ai chip", "blackwell", "50% owned", "50 percent owned", "majority-owned", "majority owned",
    "affiliates", "芯片出口管制", "chip export*", "export curbs on chips", "restrictions on chip*",
    "chip sales", "sales of chips", "ai chip sales", "eda software", "eda tools", "design software",
    "semiconductor curbs", "semiconductor restrictions", "semiconductor controls", "chip equipment",
    "chip technology", "半导体出口管制", "芯片管制",
]
# Words that go with export controls but also with plain trade news: weak evidence alone.
CONTROL_WEAK = [
    "re-export", "re-exports", "re-exporting", "shipments", "exports", "export of", "exports of",
    "exporters", "licences", "licenses",
    "licence", "license", "licensing", "permit", "permits", "approval", "approvals",
    "许可", "审批",
]
# Words of chip trade: with control language they make a chip export control.
CHIP = [
    "chip*", "semiconductor*", "h20", "h200", "b30a", "blackwell", "hbm", "high-bandwidth memory",
    "chipmaking", "chip-making", "lithography", "euv", "duv", "advanced computing", "ai diffusion",
    "entity list", "affiliates rule", "50% rule", "50 percent rule", "foundry", "实体清单",
    "majority-owned affiliates", "ai accelerator*",
    "wafer fab equipment", "wafer fabrication equipment", "gpu*", "芯片", "半导体", "晶片",
    "fabs", "chipmaker*", "chip maker*", "chip equipment", "semiconductor equipment",
    "wafer fab*", "fab equipment", "fab tools", "microcontroller*", "半導体", "製造装置", "光刻",
    "刻蚀", "晶圆",
    "半导体设备", "芯片制造", "露光装置",
    # Taiwan's words for high-bandwidth memory, memory, advanced process nodes and lithography tools.
    "高频宽记忆体", "高带宽内存", "曝光机", "微影设备", "记忆体", "先进制程", "制程设备",
]
# Chips as the goods a disruption cuts off: a line stopped for want of them involves chips.
CHIP_SHORTAGE = [
    "chip shortage*", "semiconductor shortage*", "shortage of chips", "shortage of semiconductors",
    "shortages of chips", "shortages of semiconductors", "lack of chips", "lack of semiconductors",
    "enough chips", "enough semiconductors", "chip supply", "chip supplies", "semiconductor supply",
    "semiconductor supplies", "supply of chips", "supplies of chips", "supply of semiconductors",
    "deliveries of chips", "chip deliveries", "shipments of chips", "chip shipments",
    "deliveries of microcontrollers", "chips from", "semiconductors from", "芯片短缺", "缺芯",
    "芯片供应", "半导体短缺", "芯片断供", "半导体供应",
]
CHIP_RULE = [
    "bureau of industry and security", "bis", "federal register", "interim final rule",
    "final rule", "rule", "rules", "entity list", "实体清单", "affiliates rule", "ai diffusion",
    "联邦公报", "联邦纪事", "暂行最终规则", "最终规则", "工业与安全局", "工业和安全局", "工业及安全局",
    "licence requirement", "license requirement", "licensing requirement", "export licen*",
    "export control*", "export restriction*", "licences", "licenses", "licence", "license",
    # Permission to sell or ship chips and tools is what chip rules decide.
    "permit", "not permit", "permitted", "allowed to sell", "allow sales", "allow the sale",
    "allowing sales", "barred from", "blocks sales", "blocked sales", "block sales",
    "ban on sales", "ban sales", "sell to china", "sales to china", "sell in china",
    "shipments to china", "ship to china", "waiver*", "validated end user", "veu",
    "end-user", "authorization*", "authorisation*", "revok*", "not permitted", "block*", "ban",
    "curbs", "controls", "restrictions", "requirements", "allow*", "permission", "approv*",
    "to sell", "to ship", "grant*", "reprieve", "green light", "shipping",
    "bans", "banned", "banning",
    # The Entity List as wire copy names it.
    "trade blacklist", "trade restriction list", "export blacklist", "trade blacklists",
    "restrict sales", "restricting sales", "restrict the sale", "restricting the sale", "curb sales",
    "curbing sales", "limit sales", "limiting sales", "restrictions on sales", "curbs on sales",
]
# Context that makes control language about minerals even without a named element.
MINERAL_CONTEXT = [
    "critical mineral*", "minerals", "magnet*", "superhard material*", "battery technolog*",
    "cathode", "anode", "ore", "concentrate*", "smelting", "separation technolog*", "mineral",
    "metals", "稀土", "矿产", "critical raw material*", "关键原材料", "关键矿物", "战略矿产", "磁材",
    "永磁",
    # Superhard materials under China's export controls: a mineral product.
    "artificial diamond*", "synthetic diamond*", "industrial diamond*", "lab-grown diamond*",
    "diamond powder*", "diamond micropowder*", "diamond wire*", "超硬材料", "人造金刚石", "金刚石",
    "人造金剛石", "金剛石",
]
TARIFF = [
    "tariff*", "duties", "import duty", "import duties", "customs duties", "levy", "levies",
    "anti-dumping", "countervailing", "section 232", "section 301", "关税", "reciprocal tariff*",
    "tariff probe", "trade probe", "duty on", "duty of", "extra duty", "additional duty",
    "反倾销", "反补贴", "加征", "関税", "export tax*", "export dut*", "export levy",
    # An investigation of imports under a trade statute is the first step towards a duty.
    "investigation into imports", "investigation into imported", "investigation of imports",
    "probe into imports", "probe into imported", "inquiry into imports", "national security of imports",
    "trade expansion act",
]
# Statutes on imports: a case under them is a tariff matter whatever goods it names.
IMPORT_STATUTES = frozenset({"section 232", "trade expansion act", "national security of imports"})
# One side accusing the other of breaking a deal: the news is a dispute over the deal.
BREACH = [
    "violat*", "breach*", "broke the", "broken the", "breaking the", "breaking its", "breaking a",
    "reneg*", "accuses", "accused", "accusing", "failed to honour", "failed to honor",
    "not complying", "non-compliance", "违反", "违背", "违约",
]
# One government pressing another to act: the measure would be the other's, and only possible.
URGING = [
    "urges", "urged", "urging", "calls on", "called on", "calling on", "asks", "asked", "asking",
    "presses", "pressed", "pressing", "pushes", "pushed", "pushing", "lobbies", "lobbied",
    "lobbying", "requests", "requested", "wants", "敦促", "呼吁",
    # A firm bowing to a rule: the rule is what it complies with.
    "to comply with", "complying with", "in compliance with", "comply with",
]
# Who a measure names: with control-list language and no mineral, the news is a sanction.
TARGETS = [
    "companies", "firms", "entities", "contractors", "individuals", "subsidiaries",
    "defense contractors", "defence firms", "实体", "企业", "maker", "makers", "manufacturer",
    "manufacturers", "contractor",
]
TALKS = [
    "trade talks", "talks", "negotiation*", "negotiators", "negotiating", "summit", "trade deal",
    "trade agreement", "trade truce", "truce", "framework agreement", "framework", "met with",
    "meeting between", "round of", "delegation*", "consensus", "trade war", "deal with china",
    "deal with the us", "deal with washington", "deal with beijing", "us china deal", "china us deal",
    "us china agreement", "china us agreement", "trump xi", "xi trump", "leaders meeting",
    "leaders' meeting", "presidents' meeting", "agreement reached", "deal reached", "reached a deal",
    "reached an agreement", "struck a deal", "joint statement", "磋商", "会谈", "经贸",
    "geneva deal", "london framework", "busan deal", "trade deals", "trade agreements",
    "谈判", "会晤", "通话", "框架协议", "agree on", "agreed on", "agrees on", "part of a deal",
    "part of the deal", "under the deal", "under a deal", "geneva agreement", "london agreement",
    "commitments under", "violated the agreement", "violating the agreement", "violating deal",
    "violating a deal", "violating the deal", "violating its deal", "violated a deal",
    "violated its deal", "breaking deal", "breaking a deal", "breaking its deal",
    "violated the deal", "broke the deal", "breaking the deal", "breach of the deal",
    "phone call", "call with xi", "call with trump", "call between", "spoke by phone", "held a call",
    "call with president", "call with premier", "call with prime minister", "call with chinese",
    "leaders' call", "leaders call", "productive call",
    "dialogue", "consultation*", "to discuss", "discussed", "对话", "协商",
    # Officials discussing a measure, by any channel: the measure is the agenda.
    "discuss", "discusses", "discussing", "video call", "videoconference", "video conference",
        "meeting of", "held a meeting", "hold a meeting", "first meeting", "ministers meet",
    "negotiators meet", "officials meet", "leaders meet", "envoys meet",
    # A leaders' meeting named by the other leader: "after meeting with Xi", "met Trump".
    "meeting with xi", "meeting xi", "met xi", "meets xi", "meet xi", "meeting with trump",
    "meeting trump", "met trump", "meets trump", "meet trump", "trump and xi", "xi and trump",
    "meet chinese leader", "meet chinese president", "meeting chinese leader", "meeting chinese president",
    "met chinese leader", "met chinese president", "meets chinese leader", "meets chinese president",
    # What talks will take up, named after the matters: "tariffs expected to top the agenda".
    "top the agenda", "tops the agenda", "top of the agenda", "on the agenda", "dominate the agenda",
    "high on the agenda",
    # Governments acting together on controls: the controls are what they agree on.
    "to coordinate", "coordinate their", "coordination on", "cooperate on", "cooperation on",
    "align their", "协调",
]
# Talks words that make what follows them ("talks on export controls") the agenda, not a measure.
AGENDA_TALKS = ("talks", "dialogue", "consultation", "negotiation", "meeting", "discuss",
                "磋商", "会谈", "谈判", "对话", "协商", "coordinat", "cooperat", "align their", "协调")
AGENDA_AFTER = frozenset({"top the agenda", "tops the agenda", "top of the agenda", "on the agenda",
                          "dominate the agenda", "high on the agenda"})
# Talks words that name what is discussed, not what is negotiated or chosen instead.
DISCUSSING = ("to discuss", "discuss", "talks", "dialogue", "consultation", "磋商", "会谈", "对话")
SANCTIONS = [
    "sanction*", "unreliable entity list", "unreliable entities list", "counter-sanction*",
    "countermeasure*", "asset freeze", "assets frozen", "froze the assets", "freeze the assets",
    "blacklist*", "barred from doing business", "banned from dealing", "entity list", "不可靠实体清单",
    # "barred Chinese firms from doing business with five US units": a ban on dealing with them
    "from doing business with", "from dealing with", "from transactions with", "from trading with",
    "ordered to divest", "to divest", "divestiture order", "forced divest*",
    "实体清单",
    "反制", "制裁", "管控名单", "反制裁",
    # A Treasury release's own words: "designated 15 entities", "blocks all property and interests
    # in property", "added to the Specially Designated Nationals list"
    "property and interests in property", "specially designated national*", "sdn list", "sdns",
    "designated persons", "designated entities", "designated individuals", "designated companies",
    "designated firms", "blocked persons", "blocks all property", "blocking sanctions",
]
# Measures on buying or importing a named firm's products, and rulings against a firm: these act
# on companies, not on exports (a sanction, even when the products are chips).
COMPANY_MEASURE = [
    "from buying", "from purchasing", "stop buying", "stop purchasing", "not to buy",
    "not to purchase", "ditch", "purchase ban", "ban on purchases", "not permitted to enter",
    "import ban", "banned imports", "may not enter", "not allowed to enter", "barred from entering",
    "anti-monopoly", "antimonopoly", "antitrust", "anti-trust",
    "security review", "cybersecurity review", "network security review", "monopoly law",
    "反垄断", "网络安全审查", "停止采购", "禁止采购", "立案调查", "反垄断调查",
    "不得进口", "禁止进口", "暂停进口", "不得采购", "禁止使用", "停止使用", "不得入境",
    "critical infrastructure", "key infrastructure", "critical information infrastructure",
    "关键信息基础设施",
]
DISRUPTION = [
    # A stopped line or mine starting again: the disruption's end is news of the same kind.
    "resume production", "resumes production", "resumed production", "restart production",
    "restarts production", "restarted production", "resume output", "resumes output",
    "restart output", "resumption of production", "恢复生产", "复产",
    # "shipments resume after a halt that lasted two years", "permits to restart mines"
    "after a halt", "after the halt", "following a halt", "following the halt", "halt that lasted",
    "after a months-long halt", "after a year-long halt", "after a two-year halt", "mining halt",
    "mining suspension", "suspension of mining", "resumption permit*", "restart permit*",
    "restart the mine*", "restarted the mine*", "mines reopen*", "mine reopen*", "复工", "停产后",
    "halted production", "halts production", "halt production", "suspended production",
    "suspends production", "suspended operations", "suspends operations", "production halt*",
    "suspend production", "suspend operations", "production suspension*", "smelting halt*",
    "suspend its smelting", "suspend smelting", "suspended smelting", "halts smelting", "halted smelting",
    "shut down", "shuts down", "shutdown", "shut", "closed the", "closure", "closes", "flood*",
    "landslide*", "fire at", "explosion", "fighting", "militia*", "rebel*", "armed group*",
    "kachin", "border crossing*", "border closed", "border closure", "force majeure", "stoppage*",
    "outage*", "strike", "blockade*", "seized", "seize", "shortage*", "ran out", "run out",
    "running out", "idled", "idle", "stopped production", "stop production", "production stop*",
    "cut output", "output cut", "supply disruption*", "disrupted", "disruption", "typhoon",
    "earthquake", "collapse", "accident", "fire broke out", "a fire", "blaze", "cyclone",
    "hurricane", "tropical storm", "heavy rain", "landslide", "停产",
    "受阻", "暴雨", "降雨", "洪水", "冲突", "中断", "封锁", "停工", "减产", "短缺",
    "暂停生产", "暂停部分生产", "停线", "停产线", "无法获得",
    "power rationing", "power curbs", "power cuts", "power shortage*", "electricity rationing",
    "blackout*", "cut output of", "output cuts", "限电", "拉闸限电", "disrupt", "disrupts",
    "disrupting", "armed clash*", "mine clash*", "clashes near",
    "unrest", "protest*", "riot*", "insurgen*", "roadblock*", "road block*", "landslip*", "drought",
    "抗议", "骚乱",
]
POLICY = [
    "equity stake", "stake in", "price floor*", "shareholder", "preferred stock",
    "minimum price*", "guaranteed price*", "price guarantee*", "strategic reserve", "minerals reserve",
    "stockpil*", "nationalis*", "nationaliz*", "majority stake*", "state takeover", "国有化",
    "mining quota*", "production quota*", "总量控制指标", "开采指标",
    "offtake", "off-take", "funding", "to fund", "will fund", "to finance", "joint purchas*",
    "will provide", "to provide", "would provide", "minerals fund", "fund backs",
    "joint procurement", "joint buying",
    "loan*", "invest", "invests", "invested", "investing", "investment*",
    "subsidy", "subsidies", "subsidis*", "subsidiz*",  # not "subsidiary", a firm's owner
    "partnership", "memorandum of understanding",
    "critical minerals agreement*", "critical minerals deal*", "critical minerals framework*",
    "minerals agreement*", "minerals deal*", "minerals partnership*",
    "critical raw materials act", "strategic project*", "new plant", "new facility",
    "processing plant", "refinery", "breaks ground", "broke ground", "groundbreaking",
    "defense production act", "tax credit*", "commits", "committed to buy", "agreement to buy",
    "multi-year agreement", "purchase agreement", "long-term agreement",
    "grant of", "awarded", "award", "financing",
    "capacity", "joint venture", "acquisition", "acquire*", "supply agreement", "supply deal",
    "commissioned", "opens", "opened", "opening", "begins production", "began production",
    "start production", "started production", "commercial production", "production line",
    "produced its first", "first production", "first output", "has produced", "plant", "factory",
    "facility", "expansion", "selected", "strategic", "收储", "储备", "扶持", "补贴", "产能",
    "高质量发展", "入股", "投资", "战略项目", "融资", "资助", "价格下限", "承购", "包销", "新建", "投产",
    "produces first", "produced first", "commercial output", "signs deal", "signed a deal",
    "smelter", "to build", "will build", "builds",
    "inks deal", "signs agreement", "signed an agreement", "will buy", "would buy",
    "begins importing", "began importing", "begun importing", "first imports", "first shipment",
    "first cargo", "initiative", "solicitation", "purchase*", "procure*", "national defense stockpile",
    "defense logistics agency", "equity", "government stake", "direct stake",
]
# Explainer, opinion, market talk: pulls a text towards commentary.
COMMENTARY = [
    "analysis", "opinion", "explainer", "explained", "what is", "what are", "what to know", "why",
    "how", "here's", "column", "commentary", "podcast", "in my view", "we believe", "investors",
    "stocks", "stock", "shares", "rally", "analyst*", "experts", "expert", "strategist*",
    "scenario*", "lesson*", "history", "historically", "outlook", "long term", "long-term",
    "could", "would", "might", "leverage", "bargaining chip", "guide", "everything you need",
    "the case for", "implications", "price target", "buy rating", "valuation", "portfolio",
    "newsletter", "webinar", "q&a", "look back", "a look at", "we look at", "key moments",
    "in this episode", "timeline", "retrospective", "stand to gain", "winners and losers",
]

# An outlet's label for a signed opinion piece, set before its headline ("Opinion | ...",
# "Op-ed: ...", "社评：..."), and the line that signs one off: each piece is its own, never a report.
OPINION_LABELS = [
    "opinion", "op-ed", "oped", "editorial", "guest essay", "guest column", "viewpoint", "column",
    "社评", "社论", "评论员文章", "观点", "评论",
]
OPINION_SIGNOFFS = [
    "the writer is", "the author is", "the writers are", "the authors are",
    "views expressed are", "views expressed in this", "作者系", "作者为", "作者是", "本文仅代表作者",
]

# A meeting of governments as a report's headline or first sentence tells it ("after meeting Xi",
# "两国元首会晤"); and the words by which an order or notice says it carries out what one agreed
# ("carrying out a commitment made when he met", "为落实...磋商成果"): a verb, then what was agreed
# (not "implements export controls").
MEETING_WORDS = ["meet", "meets", "met", "meeting", "summit", "talks", "会晤", "会谈", "峰会", "会面", "磋商"]
CARRY_OUT_WORDS = [
    "carrying out", "carries out", "carry out", "implementing", "implements", "to implement",
    "follows through on", "following through on", "delivering on", "delivers on", "落实", "兑现",
]
AGREED_WORDS = [
    "consensus", "commitment", "commitments", "agreement", "agreed", "deal", "understanding",
    "outcome", "outcomes", "共识", "成果", "承诺", "协议",
]

# Words of the supply and trade topic: without any, an element name is chemistry or trivia.
TOPIC = [
    "supply", "supplies", "supply chain*", "supplier*", "export*", "import*", "trade", "market*",
    "price*", "producer*", "production", "mining", "refin*", "processing", "stockpil*",
    "shortage*", "critical mineral*", "demand", "procurement", "geopolitic*", "beijing",
    "washington", "sanction*", "tariff*", "customs", "sales", "revenue", "earnings", "investor*",
    "shares", "stock*", "rally", "出口", "供应", "储量", "供应链", "产业链", "博弈", "价格", "进口",
    "加工能力",
    # Relations and a maker's trade: a feature or a survey of ties is about the field.
    "relations", "relationship", "dispute*", "tensions", "rivalry", "escalation", "customers",
    "factory", "factories", "manufactur*", "摩擦", "关系", "buyers", "clients", "cost of",
    "comply with", "to comply with", "complying with", "in compliance with",
    "市场", "需求", "报价", "库存", "采购", "供需", "下游", "上游", "企业",
]

# Direction. Easing language turns a control or tariff into relief.
EASING = [
    "suspend*", "suspension", "pause*", "exempt*", "exemption*", "general licen*",
    "approves first", "approved the first", "approved first", "approved some", "approved more",
    "approving exports", "approved exports", "approved shipments", "began approving",
    "has approved", "have approved", "granted", "grants", "granting", "approved licen*",
    "approve licen*", "approves licen*", "approving licen*", "granted licen*",
    "grant licen*", "grants licen*", "issued licen*", "first licen*", "licences approved",
    "licenses approved", "licences granted", "licenses granted", "lift*", "lifted", "eases",
    "eased", "easing", "ease", "relax*", "roll back", "rolled back", "rolls back", "rescind*",
    "revoke*", "scrap*", "waive*", "cut tariffs", "cuts tariffs", "lower tariffs",
    "lowers tariffs", "lowered tariffs", "reduce tariffs", "reduces tariffs", "reduced tariffs",
    "tariff cut*", "tariffs cut", "issuing licen*", "begins issuing", "began issuing",
    "started issuing", "allow*", "cut", "cuts", "slash*", "halve*", "halving", "lower", "lowers",
    "lowered", "reduce*",
    "reduction*", "will fall", "will drop", "resume*", "restore*", "restoring", "reopen*",
    "loosen*", "truce", "exclusion*", "carve-out*", "carve out", "waiver*", "begun issuing",
    "starts issuing", "start issuing", "started granting", "begun granting", "began granting",
    "removed from", "remove from", "removes from", "delays implementation",
    "postpone*", "暂停", "取消", "放宽", "豁免", "通用许可", "一般许可", "一般出口许可", "恢复",
    "停止执行", "停止实施", "中止实施", "中止执行", "不再实施", "不再执行",  # a control stopped
    "松绑", "解禁", "放行", "开闸", "缓和", "放松",  # loosened, unbanned, let through
    # Facilitation of licensing: simpler, faster approvals, validated end users.
    "简化", "便利化", "便利合规", "便捷", "快速通道", "缩短审批", "经验证最终用户", "验证最终用户",
    "rescission", "repeal*", "revocation of the rule", "green channel", "expedite*", "fast-track*",
    "fast track", "speed up", "faster approvals", "approve applications", "approved applications",
    "批准", "绿色通道", "加快审批", "暂缓", "推迟", "accelerated approvals", "accelerate approvals",
    "accelerating approvals", "approvals accelerated", "accelerated the approval",
    "accelerate the approval", "accelerated approval", "speeding up approvals", "sped up approvals",
    "quicker approvals", "faster licen*", "speed up licen*", "sped up licen*",
    "avert*", "de-escalat*", "defuse*", "ensure supplies", "ensure supply",
    "greater access", "blanket licen*", "bulk licen*", "blanket approval*", "blanket permit*",
    "offer licen*", "offers licen*", "offered licen*", "offering licen*",
    "secure supplies", "restore supplies", "extend the truce", "extends truce", "extended the truce",
    "truce extension", "withdraw tariff*", "withdraws tariff*", "withdrew tariff*",
    "withdraw the tariff*", "withdrew the tariff*", "withdraw additional tariff*",
    "delay implementation", "delayed implementation", "delay the implementation", "ready to supply",
    "agreed to supply", "agrees to supply", "agree to supply",
    "will flow", "to flow again", "flowing again", "resume flowing",  # supply let through under a deal
    "approves", "approved", "approving", "had approved", "removes", "removed", "delist*",
    "approve exports", "approve shipments", "approve sales", "approve the export*", "would approve",
    "will approve", "lowering", "eliminat* tariff*", "eliminat* duties", "eliminat* the tariff*",
    "remove tariff*", "removes tariff*", "removed tariff*", "removing tariff*", "remove duties",
    "removes duties", "removed duties", "removing duties", "remove the tariff*", "tariff relief",
    "in exchange for export licen*", "in exchange for licen*", "address concerns",
    "gets licen*", "get licen*", "got licen*", "receives licen*", "received licen*", "wins licen*",
    "won licen*", "secures licen*", "secured licen*", "obtains licen*", "obtained licen*",
    "received export", "receive export", "receives export", "get export", "gets export",
    "got export", "obtained export", "secured export", "received permit*", "gets permit*",
    "got permit*", "获得出口许可", "获批", "发放", "核发", "颁发", "签发", "获得许可", "取得许可",
    "批出", "授予", "获准", "准许",  # "已批出部分通用许可" in Hong Kong copy
    "换取出口许可", "换取许可",  # "以换取出口许可"
    "gets approval", "wins approval", "won approval", "receives approval", "received approval",
    "waves through", "waved through", "waving through", "olive branch",
    "relief", "reprieve", "green light", "green-light*", "greenlight*", "clears", "cleared",
    "cap tariff*", "caps tariff*", "capping tariff*", "capped tariff*", "tariffs capped",
    "capped at", "caps at", "not exceed", "tariff cap", "tariff ceiling", "ceiling on tariffs",
    "clearing the way", "clear the way", "paving the way", "paves the way", "paved the way",
    "unblock*", "soften*", "reverses", "reversed", "reversal", "u-turn", "drops ban", "dropped the ban",
    "drop the ban", "ends ban", "ended the ban", "ending the ban", "backs down", "backtrack*", "thaw",
    "解除", "放开", "允许", "同意出口", "移出", "移除",
    "禁止を停止", "禁止措置を停止", "規制を停止", "規制を緩和", "緩和",
    "restart*", "unfreez*", "renew* licen*", "licence renewal*",
    "license renewal*", "terminat* investigation", "terminates the investigation",
    "terminated the investigation", "drops investigation", "dropped the investigation",
    "ends investigation", "ended the investigation", "closes investigation", "zero tariff*",
    "tariff-free", "duty-free", "ceasefire", "détente", "detente", "unlock*", "normaliz*", "normalis*",
    "licences were issued", "licenses were issued", "permits exports", "no longer need*",
    "no longer require*", "no longer be required", "no longer subject to", "no longer requires",
    "不再需要", "无需", "免于", "延期", "下调", "降低关税", "免征",
    "停止加征", "不再加征",
    "addressing concerns", "address the concerns", "address needs", "address the needs",
    # Trade figures in Chinese (the direction reader reads English ones by pattern).
    "出口回升", "出口反弹",
]
TIGHTENING = [
    "impose", "imposes", "imposed", "imposing", "ban", "bans", "banned", "banning", "restrict*",
    "出口骤降", "出口暴跌",  # exports plunging, in Chinese trade figures
    "tighten*", "require*", "requirement*", "add", "adds", "added", "adding", "expand*", "raise*",
    "hike*", "increase*", "halt*", "block*", "curb*", "prohibit*", "shut*", "closed", "closure",
    "stop", "stops", "stopped", "stopping", "denied", "deny", "refus*", "escalat*", "retaliat*",
    "crack down", "crackdown", "holding back", "hold back", "held back", "withhold*", "withheld",
    "delaying licen*", "delayed licen*", "licence delay*", "license delay*", "licensing delay*",
    "delaying approv*", "stalled", "stalling", "slow-walk*", "new controls", "new export controls",
    "new restrictions", "禁止",
    "限制", "实施出口管制", "暂停出口许可", "吊销", "撤销许可", "加强管控", "收紧",
    "暂停发放", "停止发放", "暂停审批", "停止审批", "暂停受理", "停止受理",  # licensing stopped
    "不予许可", "拒绝", "驳回", "搁置", "断供", "加码", "加严", "从严", "升级管制", "全面禁止",
    "上调关税", "提高关税",  # duties raised
    "additional tariff*", "additional duties", "new tariff*", "new duties", "higher tariff*",
    "tariff increase*", "tariff hike*",
]
# Easing words whose object is itself a relief: revoking a waiver or suspending a licence
# restricts ("China suspends dysprosium export licences for a magnet maker"). Verb stems, then
# the reliefs they may act on, a few words later.
UNDOING_VERBS = ["suspend", "paus", "revok", "cancel", "withdr", "scrap", "terminat", "rescind", "phase out",
                 "phases out", "phased out", "phasing out", "ends", "ended", "ending", "abolish", "cut",
                 "expir", "laps", "to end", "will end", "would end", "strip"]
RELIEFS = ["licence", "licences", "license", "licenses", "waiver", "waivers", "exemption",
           "exemptions", "permits", "approvals", "authorization", "authorizations",
           "authorisation", "authorisations", "validated end-user", "validated end user", "veu",
           "end-user status", "privileges", "truce", "pause", "reprieve"] + [
    "暂停出口许可", "吊销", "撤销许可",
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
    "shut", "bans", "imposes", "adds", "puts", "halts", "takes", "approves", "picks", "suspends",
    "blacklists", "idles", "extends", "expands", "raises", "cuts", "slashes", "lifts", "grants",
    "begins", "starts", "issues", "restricts", "tightens", "closes", "seizes", "stops", "shuts",
    "produces", "selects", "signs", "stopped", "selected", "produced", "deal announced",
    "agreement announced", "condemns", "criticised", "criticized", "came into force",
    "comes into force", "起施行", "起实施", "起正式实施", "正式实施", "发布", "决定", "已", "的公告", "生效",
    "即日起", "之日起", "起执行", "起生效", "公告如下",  # "自即日起", "自公布之日起": in force from a day
    "开始", "启动", "实施了", "陆续发放", "已发放", "已批准",
    "exempts", "exempted", "requires", "required", "invokes", "invoked", "has begun", "have begun",
    "orders", "ordered", "bars", "barred", "revokes", "revoked",
    "designates", "designated", "finalizes", "finalized", "finalises", "finalised", "finalize",
    "extended", "eases", "eased", "allows", "allowed", "adopts", "adopted",
    "enacts", "enacted", "tightened", "restricted", "granted", "resumed",
    "resumes", "rescinded", "rescinds", "inks", "inked", "launched", "launches",
    "has started", "have started", "started", "has introduced", "introduces", "introduced",
    "is imposing", "are imposing", "directs", "directed", "rolls out",
    "rolled out", "slaps", "slapped", "loosened", "loosens", "relaxed", "relaxes", "removed",
    "removes", "restored", "restores", "waived", "waives", "renewed", "renews", "scrapped",
    "scraps", "dropped", "drops", "withdrew", "withdraws", "revised", "revises", "amended",
    "amends", "cleared", "clears", "greenlit", "greenlights", "given approval", "gave approval",
    "gives approval", "signed off", "signs off", "okayed", "okays", "awarded", "has awarded",
]
# Reporting verbs: a report of a decision, weaker than intent ("will", "plans to").
REPORTING = [
    "said", "says", "said on", "told reporters", "according to", "reported", "reports",
    "sources said", "people familiar", "announced", "announces", "statement", "表示", "宣布",
]
# Reported by unnamed sources or another outlet, not stated by the authority: decided, not issued.
HEARSAY = [
    "people familiar", "people briefed", "people with knowledge", "person familiar",
    "sources said", "sources say", "source said", "sources familiar", "citing sources",
    "sources with knowledge", "sources told", "sources close to",
    "citing people", "citing three people", "citing two people", "citing government",
    "reportedly", "according to reports", "according to a report", "according to people",
    "according to sources", "according to three people", "according to two people",
    "the report said", "paper reports", "newspaper reported", "daily reported",
    "知情人士", "据报道", "消息人士", "据悉", "据了解", "援引", "外媒报道", "报道称",
]
# "said Malaysia would ban", "Beijing would suspend": a measure's verb in reported future.
REPORTED_PLANS = [
    f"would {verb}"
    for verb in (
        "ban", "impose", "restrict", "suspend", "lift", "require", "halt", "add", "extend", "tighten",
        "ease", "allow", "grant", "exempt", "remove", "raise", "cut", "introduce", "expand", "resume",
        "stop", "end", "scrap", "delay", "control", "limit", "curb", "block", "approve", "issue",
    )
]
ANNOUNCED = [
    "will", "plans to", "plan to", "planned", "agreed to", "agrees to", "agree to", "agreed on",
    "agrees on", "agree on", "agreed in principle",
    "officials said", "official said", "said it would", "intends to", "is set to", "are set to",
    "to suspend", "to impose", "to lift", "to restrict", "to require", "to cut", "to ban",
    "pledged", "pledges", "promised", "vowed", "proposed", "proposes", "propose", "proposal",
    "draft", "public comment", "for comment", "consultation", "将",
    "to exempt", "to allow", "to grant", "to ease", "to resume", "to halt", "to add", "to expand",
    "to tighten", "to raise", "to extend", "to remove", "to delay", "to introduce",
    "to establish", "to set up", "set for", "seeks to", "offers to", "offered to", "willing to",
    "willingness", "assures", "assured", "assurance", "promises",
    "拟", "计划", "愿意", "征求意见", "草案", "已同意", "已经同意", "已承诺", "已经承诺", "已答应",
    "expects to", "aims to", "asks", "asked", "urges", "urged",
    "ready to", "同意", "it would", "they would", "he would", "she would", "passes bill",
    "passed a bill", "passed the bill", "passes a bill", "introduced a bill", "introduces a bill",
    "introduced legislation", "reach a", "reach an", "reached a", "reached an",
    "reaches a", "reaches an", "reaches deal", "reaches agreement", "deal reached", "达成",
    *REPORTED_PLANS,
]
SPECULATION = [
    "could", "may", "might", "considering", "is considering", "weighing", "weighs", "mulls",
    "mulling", "analysts warn", "analysts say", "warn*", "expected to", "possible", "potential",
    "potentially", "fear*", "threat*", "rumour*", "rumor*", "speculat*", "hoped", "hopes", "if",
    "likely", "risk of", "contemplat*", "floated", "signalled", "signaled", "may be",
    "prepared to", "poised to", "or may not", "whether to", "no decision",
    "expected", "looms", "looming", "mulled", "explores", "exploring", "eyes", "eyeing",
    "could face", "would face", "可能", "或将", "考虑", "预计", "正研究", "研究限制", "酝酿", "拟议",
    "或面临", "或进一步", "或再", "恐将", "恐怕", "料将", "有望", "如果", "倘若", "一旦",
    "据传", "传闻", "传言",
    "seeks", "seeking", "nears", "nearing", "expects", "expect",
    "near deal", "near a deal", "close to a deal", "closer to a deal", "in talks to", "discussing",
    "explore", "exploring", "signals", "hints", "hinted", "suggested", "suggests",
    "drafting",
]

# Words a "that" clause completes (what is said, feared or expected), not a noun it describes:
# "warned that Beijing could", "fears that curbs may", "so that", "now that".
CONTENT_CLAUSE_HEADS = (
    "said", "says", "say", "saying", "warned", "warns", "warn", "warning", "warnings", "announced",
    "announces", "added", "adds", "noted", "notes", "stated", "states", "confirmed", "confirms",
    "believe", "believes", "believed", "expect", "expects", "expected", "expectations", "fear",
    "fears", "feared", "hope", "hopes", "hoped", "signalled", "signaled", "signals", "indicated",
    "indicates", "suggested", "suggests", "reported", "reports", "report", "argued", "argues",
    "cautioned", "acknowledged", "insisted", "insists", "concern", "concerns", "worry", "worries",
    "worried", "risk", "risks", "means", "meant", "such", "now", "given", "ensure", "showed", "shows",
    "clear", "likely", "possible", "concluded", "found", "determined", "decided", "agreed", "claimed",
    "predicted", "estimated", "think", "thinks", "thought", "know", "knew", "understood", "sign",
    "signs", "chance", "chances", "possibility", "prospect", "prospects", "statement", "assurance",
    "assurances", "speculation", "news", "view", "told", "tells", "reminded", "stressed", "emphasised",
    "emphasized", "explained", "revealed", "disclosed", "denied", "rumours", "rumors", "threatened",
    "threatening", "vowed", "pledged", "promised", "clarified", "specified", "stipulated", "indication",
    "idea", "suspicion", "suspicions", "doubt", "doubts", "belief", "likelihood", "odds", "claims",
    "alleged", "allegations", "insisting", "adding", "noting", "stating", "arguing", "wrote", "writes",
)

# Who acts. Issuers as ISO codes, EU, or the US/China actors by institution.
ACTORS: dict[str, list[str]] = {
    "CN": [
        "china", "chinese", "beijing", "mofcom", "ministry of commerce", "china's commerce",
        "general administration of customs", "prc", "商务部", "海关总署", "中国", "people's republic",
        "中华人民共和国",
        "中方", "中美", "commerce ministry", "cyberspace administration", "cac",
        "state administration for market regulation", "samr", "china's market regulator", "gacc",
        "chinese customs", "china customs", "ministry of science and technology", "miit",
        "ministry of industry and information technology", "state council", "ndrc",
        "xi jinping", "wang yi", "he lifeng", "li chenggang", "wang wentao", "he yadong",
        "foreign ministry spokes*", "国务院", "海关", "网信办", "市场监管总局", "工信部", "工业和信息化部",
        "外交部", "大陆", "北京", "不可靠实体清单工作机制", "税委会", "出口管制工作协调机制",
        "国家发展改革委", "发改委", "物资储备局", "自然资源部", "科技部", "国资委", "国防科工局",
        # Mining and processing regions, where a disruption's government is China's.
        "jiangxi", "ganzhou", "inner mongolia", "baotou", "yunnan", "guangxi", "sichuan", "hunan",
        "xinjiang", "江西", "赣州", "内蒙古", "包头", "云南", "广西", "四川", "湖南",
    ],
    "US": [
        "united states", "washington", "american", "bis", "bureau of industry and security",
        "commerce department", "department of commerce", "white house", "trump", "biden", "ustr",
        "pentagon", "department of defense", "department of war", "defense department",
        "war department", "treasury", "dod", "federal register", "bessent", "lutnick", "greer",
        "美国", "美方", "中美", "米国", "米政府", "工业与安全局", "工业和安全局", "工业及安全局", "ofac",
        "office of foreign assets control",
        "commerce secretary",
        "trade representative", "customs and border protection", "department of energy",
        "defense logistics agency", "dla",
        "department of the treasury", "treasury department", "rubio", "kessler", "white house's",
        "u s government", "us government", "美商务部", "白宫", "美国商务部",
        # Agencies as outlets name them, body first or department first.
        "energy department", "state department", "department of state", "interior department",
        "department of the interior", "export-import bank", "development finance corporation",
        "office of strategic capital",
    ],
    "JP": ["japan", "japanese", "tokyo", "meti", "ministry of economy trade and industry", "日本", "jogmec",
           "ministry of economy, trade and industry",
           "経済産業省", "日本政府"],
    "AU": ["australia", "australian", "canberra", "澳大利亚", "dfat",
           "department of foreign affairs and trade", "department of industry, science and resources",
           "albanese", "penny wong", "madeleine king"],
    "MM": ["myanmar", "burma", "kachin", "naypyidaw", "缅甸", "克钦", "pangwa", "chipwi", "wa state"],
    "EU": ["european union", "european commission", "brussels", "von der leyen", "sefcovic",
           "official journal", "šefčovič", "欧盟"],
    "CA": ["canada", "canadian", "ottawa", "加拿大"],
    "KR": ["south korea", "korea", "korean", "seoul", "韩国", "motie", "산업통상자원부",
           "ministry of trade, industry and energy", "ministry of trade industry and energy"],
    "IN": ["india", "indian", "new delhi", "印度"],
    "NL": ["netherlands", "dutch", "the hague", "荷兰", "荷方", "rijksoverheid"],
    "GB": ["britain", "british", "united kingdom"],
    "VN": ["vietnam", "vietnamese", "hanoi", "越南"],
    "MY": ["malaysia", "malaysian", "miti", "马来西亚"],
    "CD": ["congo", "drc", "kinshasa", "刚果"],
    "ID": ["indonesia", "indonesian", "jakarta", "印尼", "印度尼西亚"],
    "RU": ["russia", "russian", "moscow", "俄罗斯"],
    "TW": ["taiwan", "taiwanese", "taipei", "台湾", "臺灣", "台灣", "moea", "經濟部", "国际贸易署",
           "executive yuan", "行政院",
           "國際貿易署", "國貿署"],
    "MZ": ["mozambique", "mozambican"],
    "BR": ["brazil", "brazilian"],
    "CL": ["chile", "chilean"],
    "AR": ["argentina"],
    "ZA": ["south africa", "durban", "richards bay"],
    "DE": ["germany", "german", "berlin"],
    "FR": ["france", "french", "paris"],
    "MN": ["mongolia"],
    "KZ": ["kazakhstan"],
    "PH": ["philippines"],
    "GL": ["greenland"],
    "UA": ["ukraine"],
    "MG": ["madagascar"],
    "ZW": ["zimbabwe"],
    "NA": ["namibia"],
    "TZ": ["tanzania"],
    "GN": ["guinea"],
    "MX": ["mexico", "mexican"],
    "SA": ["saudi arabia", "saudi"],
    "SG": ["singapore", "singaporean"],
    "TH": ["thailand", "thai", "bangkok"],
    "AE": ["united arab emirates", "uae", "emirati", "abu dhabi"],
    "IL": ["israel", "israeli"],
    "PL": ["poland", "warsaw"],
    "SE": ["sweden", "swedish"],
    "FI": ["finland", "finnish"],
    "NO": ["norway", "norwegian"],
    "EE": ["estonia", "estonian"],
    "IT": ["italy", "italian"],
    "ES": ["spain", "spanish"],
    "CH": ["switzerland", "swiss"],
    "UZ": ["uzbekistan"],
    "PE": ["peru", "peruvian"],
    "BO": ["bolivia", "bolivian"],
    "NG": ["nigeria", "nigerian"],
    "RW": ["rwanda", "rwandan"],
    "MW": ["malawi"],
    "LA": ["laos", "laotian"],
    "KH": ["cambodia", "cambodian"],
    "PK": ["pakistan", "pakistani"],
    "NZ": ["new zealand"],
    "TR": ["türkiye", "turkish"],
    # Groups of governments acting together.
    "multiple": ["quad", "g7", "g-7", "group of seven", "g20", "minerals security partnership"],
}

# A clause after these gives a cause or history, not the news ("in response to US tariffs").
REASON = [
    "after talks", "following talks", "to implement the", "为落实", "根据",
    "in response to", "in retaliation", "responding to", "in reply to", "retaliation for",
    "following the", "following a", "following an", "following new", "following last", "after the",
    "after washington", "after beijing", "answering", "in the wake of", "because of", "amid",
    "since", "a response to", "response to", "hits back at", "hit back at", "hitting back at",
    "strikes back at", "retaliation against", "retaliating against", "retaliates against",
    "retaliated against", "a day after", "days after", "hours after", "weeks after", "in return for",
    "despite", "in spite of", "even though", "after china", "after china's", "after chinese",
    "citing",
    "after us", "after u.s", "after american", "after japan", "after the dutch", "after brussels",
    # A deadline looming over talks: the duties due are the occasion, not the news.
    "as a deadline", "as the deadline", "as tariff deadline", "as a tariff deadline",
    "as the tariff deadline", "ahead of a deadline", "ahead of the deadline", "ahead of deadline",
    "ahead of a tariff deadline", "ahead of the tariff deadline",
    # What a measure adds to: the earlier measure is history, not its reach.
    "adding to", "adds to the", "on top of", "in addition to", "builds on", "building on",
    "expanding on", "expanding earlier", "expanding its earlier", "expanding curbs it",
    "expanding controls it", "expanding restrictions it", "extending curbs it", "widening curbs it",
    "the move follows", "which follows", "which followed", "comes after", "came after",
    "follows curbs", "follows controls", "follows restrictions", "follows a", "follows the",
    # A relative clause recalling an earlier measure: context, whatever comes before it.
    "which imposed", "which has imposed", "which had imposed", "which introduced",
    "which has introduced", "which restricted", "which banned", "which placed",
]
# Sentences holding these recall the past or explain the topic: background for elements.
BACKGROUND = [
    "earlier", "previously", "last year", "last month", "last spring", "last summer",
    "last autumn", "last fall", "last winter", "a year ago", "years ago", "back in", "already",
    "historically", "history", "first imposed", "had imposed", "had introduced", "had added",
    "had placed", "had banned", "had put", "had restricted", "had curbed", "had tightened",
    "had blocked", "had halted", "had required", "prior to", "previous", "in the past", "since then",
    "are a group", "is a group", "group of 17", "17 elements", "17 metals",
    "17 minerals", "periodic table", "dominat*", "accounts for", "account for", "accounting for",
    "percent of the world", "% of the world", "per cent of the world", "of global",
    "similar", "recall", "largest producer", "biggest producer", "top producer", "leading producer",
    "largest supplier", "biggest supplier",
    "remember", "remains in force", "remain in force", "remains in place", "remain in place",
    "stays in force", "stay in force", "stays in place", "stay in place",
    "does not undo", "not affected", "unaffected", "still in force", "designed to comply",
    "has restricted since", "have restricted since", "restricted since", "in place since",
    "in force since", "separately", "in a separate", "alongside new", "alongside separate",
    "alongside other", "over the past", "over the last", "in recent years", "has also restricted",
    "have also restricted", "has also banned", "has also imposed", "later that year",
    "earlier that year", "that year", "the following year", "the year before", "at the time",
    "at that time", "back then", "in those days", "a decade ago", "曾", "此前", "去年", "早在",
    "继续有效", "仍然有效", "仍有效", "繼續有效",
    "更早之前", "早前", "先前", "稍早前", "回顾",  # "earlier", "a look back"
]
# What a mineral is used for: the clause after these explains, the rest of the sentence may be news.
USES = [
    "used in", "used to make", "essential for", "essential to", "crucial for", "critical for",
    "key to", "vital for", "which are added to", "are added to", "go into", "goes into", "used for",
    "found in", "critical to", "crucial to", "needed for", "needed to make", "needed in",
    "vital to", "indispensable for", "indispensable to",
]
# A sentence that spells out what a measure covers.
LISTING = [
    "covered by", "covers", "cover", "include", "includes", "including", "the list", "items",
    "namely", "are:", "such items", "涉及", "包括", "相关物项",
]
# Phrases that hide the shorter cues inside them ("entity list" in "unreliable entity list").
SHADOW = [
    "unreliable entity list", "unreliable entities list", "不可靠实体清单",
    "印度尼西亚",  # Indonesia, which holds the name of India
    "美国商务部", "美商务部",  # the US Commerce Department, which holds the name of MOFCOM
    "模拟", "虚拟",  # "analog", "virtual": not the plan word 拟
    "已同意", "已经同意", "已承诺", "已经承诺", "已答应",  # "has agreed to": a promise, not an act done
    # "chips" of wood, food or games, and a chip in bargaining, are not semiconductors.
    "wood chip*", "hardwood chip*", "softwood chip*", "woodchip*", "potato chip*",
    "chocolate chip*", "poker chip*", "blue chip*", "blue-chip*", "bargaining chip*",
    # Scrap metal is a material, not a measure scrapped.
    "scrap metal*", "metal scrap", "scrap aluminium", "scrap aluminum", "aluminium scrap",
    "aluminum scrap", "scrap copper", "copper scrap", "scrap steel", "steel scrap", "scrap iron",
    "iron scrap", "scrap magnets", "magnet scrap", "scrap yard*", "scrapyard*", "废铝", "废铜",
    # Grades and ends of a market are not tariffs lowered.
    "lower-grade", "lower grade", "lower-end", "lower end", "lower-quality", "lower quality",
    "lower-purity", "lower purity", "lower-value", "lower value", "lower-cost", "lower cost",
    # Supply promised "without disruption" is not disrupted.
    "without disruption", "without any disruption", "without disruptions", "no disruption",
    "no disruptions", "without a shortage", "without shortages", "avoid disruption*", "avoid shortage*",
    "prevent disruption*", "prevent shortage*",
    # Governments that "strike a deal" agree; no workers walk out.
    "strike deal", "strike a deal", "strike an agreement", "strike agreement", "strike a trade",
    "strike trade", "strike a pact", "strike pact", "strike a minerals", "strike minerals",
    # A person who "talks about" something in a feature is speaking, not negotiating.
    "she talks", "he talks", "who talks about", "who talks of", "talks about her", "talks about his",
    # "Effective" as a judgment of a tool, not a measure taking effect.
    "most effective", "more effective", "less effective", "least effective", "cost-effective",
    "cost effective", "highly effective", "an effective", "effective lever", "effective tool",
    "effective weapon",
]
# Words of the other trades that sell "chips": with only the bare word, chips are not chips here.
CHIP_SENSE = [
    "potato*", "crisps", "snack*", "wood", "hardwood", "softwood", "pulp*", "timber", "sawmill*",
    "casino*", "poker", "chocolate", "biscuit*", "supermarket*", "crisp", "kettle", "tortilla*",
    "flavour*", "flavor*",
]
# Trades outside minerals and chips that sanctions often target: with no mineral or chip in the
# text, a sanction on them is not this field's news.
OTHER_TRADE = [
    "oil", "crude", "tanker*", "shadow fleet", "lng", "natural gas", "refiner*", "petroleum",
    "banks", "bank", "financial institution*", "energy sector", "arms dealer*",
    "pork", "dairy", "brandy", "cognac", "wine", "beef", "poultry", "seafood", "lobster", "canola",
    "rapeseed", "soybean*", "agricultur*", "farm goods", "farm products", "textile*", "apparel",
    "footwear", "furniture", "whisky", "whiskey", "猪肉", "乳制品", "白兰地", "大豆",
    "lumber", "timber", "softwood", "watches", "watchmaker*", "luxury", "rice", "wheat", "sugar",
    "coffee", "cocoa", "onion*", "cheese", "toys", "shoes", "handbags", "cosmetics",
]
# Tariffs in another sense: what an energy supplier pays or charges, a phone plan.
TARIFF_SENSE = [
    "export tariff*", "feed-in tariff*", "feed in tariff*", "electricity tariff*", "energy tariff*",
    "fixed tariff*", "tariff plan*", "mobile tariff*", "broadband tariff*", "smart export guarantee",
    "per kilowatt hour", "kilowatt hour", "kwh", "energy supplier*", "rooftop solar",
]
STAGES: dict[str, list[str]] = {
    "mining": ["mining", "mine", "mines", "extraction", "开采", "ore"],
    "separation": ["separation", "refining", "refinery", "processing", "smelting", "冶炼", "分离", "oxide*"],
    "metal": ["metal making", "metal smelting", "metals", "alloy*", "metal production"],
    "magnet": ["magnet*", "永磁", "磁材"],
    "technology": ["technolog*", "know-how", "技术"],
    "recycling": ["recycl*", "secondary resources", "回收"],
    "battery": ["batter*", "anode*", "cathode*", "电池", "负极", "正极"],
    "chips": ["chip*", "semiconductor*", "芯片"],
}
COMPANIES = {
    "MP Materials": ["mp materials"],
    "Lynas": ["lynas"],
    "China Northern Rare Earth": ["china northern rare earth", "northern rare earth", "北方稀土"],
    "China Rare Earth Group": ["china rare earth group", "中国稀土集团"],
    "JL Mag": ["jl mag", "jl mag rare-earth", "金力永磁"],
    "Shenghe": ["shenghe", "盛和资源"],
    "USA Rare Earth": ["usa rare earth"],
    # Taiwan writes 輝達 for Nvidia and 超微 for AMD (found in `scan`: 超微 also means "ultrafine").
    "Nvidia": ["nvidia", "英伟达", "辉达"],
    "AMD": ["amd", "超威半导体"],
    "Iluka": ["iluka"],
    "Energy Fuels": ["energy fuels"],
    "Arafura": ["arafura"],
    "Neo Performance Materials": ["neo performance materials"],
    "Noveon": ["noveon"],
    "Vulcan Elements": ["vulcan elements"],
    "Ningbo Yunsheng": ["ningbo yunsheng"],
    "Zhong Ke San Huan": ["zhong ke san huan"],
    "Huawei": ["huawei", "华为"],
    "SMIC": ["smic", "中芯国际"],
    "ASML": ["asml", "阿斯麦", "艾司摩尔"],
    "Applied Materials": ["applied materials", "应用材料公司", "美商应材"],
    "Lam Research": ["lam research", "泛林集团", "科林研发"],
    "Tokyo Electron": ["tokyo electron", "东京电子", "东京威力科创"],
    "Intel": ["intel", "英特尔"],
    "Tesla": ["tesla"],
    "Ford": ["ford"],
    "General Motors": ["general motors"],
    "Toyota": ["toyota"],
    "Volkswagen": ["volkswagen"],
    "BMW": ["bmw"],
    "Bosch": ["bosch"],
    "Syrah Resources": ["syrah resources", "syrah"],
    "Almonty": ["almonty"],
    "Ucore": ["ucore"],
    "Solvay": ["solvay"],
    "Umicore": ["umicore"],
    "Albemarle": ["albemarle"],
    "Lockheed Martin": ["lockheed martin", "lockheed"],
    "Hitachi Metals": ["hitachi metals", "proterial"],
    "Shin-Etsu": ["shin-etsu"],
    "Japan Organization for Metals and Energy Security": ["jogmec"],
    "Rainbow Rare Earths": ["rainbow rare earths"],
    "Pensana": ["pensana"],
    "Northern Minerals": ["northern minerals"],
    "Hastings": ["hastings technology metals"],
    "Niron Magnetics": ["niron"],
    "Alcoa": ["alcoa"],
    "Korea Zinc": ["korea zinc"],
    "Nexperia": ["nexperia", "安世半导体", "安世"],
    "Wingtech": ["wingtech", "闻泰科技"],
    "Texas Instruments": ["texas instruments"],
    "Qualcomm": ["qualcomm", "高通"],
    "Broadcom": ["broadcom"],
    "Alibaba": ["alibaba", "阿里巴巴"],
    "ByteDance": ["bytedance", "字节跳动"],
    "Tencent": ["tencent", "腾讯"],
    "Baidu": ["baidu", "百度"],
    "Xiaomi": ["xiaomi", "小米"],
    "CXMT": ["cxmt", "changxin memory", "长鑫存储"],
    "YMTC": ["ymtc", "yangtze memory", "长江存储"],
    "Cambricon": ["cambricon", "寒武纪"],
    "Hua Hong": ["hua hong", "华虹"],
    "KLA": ["kla corp"],
    "Synopsys": ["synopsys"],
    "Cadence": ["cadence design"],
    "Infineon": ["infineon"],
    "NXP": ["nxp"],
    "Renesas": ["renesas"],
    "GlobalFoundries": ["globalfoundries"],
    "Nikon": ["nikon"],
    "Canon": ["canon inc"],
    "Supermicro": ["supermicro", "super micro", "美超微"],
    "Apple": ["apple"],
    "Zijin Mining": ["zijin", "紫金矿业"],
    "CMOC": ["cmoc", "洛阳钼业"],
    "China Minmetals": ["minmetals", "中国五矿"],
    "Chalco": ["chalco", "中国铝业"],
    "Xiamen Tungsten": ["xiamen tungsten", "厦门钨业"],
    "Baotou Steel": ["baotou steel", "包钢"],
    "Guangsheng": ["guangsheng", "广晟"],
    "Rio Tinto": ["rio tinto"],
    "BHP": ["bhp"],
    "Glencore": ["glencore"],
    "Sojitz": ["sojitz", "双日"],
    "Sumitomo Metal Mining": ["sumitomo metal mining"],
    "Rosneft": ["rosneft"],
    "Lukoil": ["lukoil"],
    "Raytheon": ["raytheon", "rtx"],
    "Boeing": ["boeing"],
    "General Dynamics": ["general dynamics"],
    "Skydio": ["skydio"],
    "Perpetua Resources": ["perpetua resources", "perpetua"],
    "United States Antimony": ["united states antimony", "us antimony"],
    "ReElement Technologies": ["reelement"],
    "Bajaj Auto": ["bajaj auto", "bajaj"],
    "Maruti Suzuki": ["maruti suzuki", "maruti"],
    "Hyundai": ["hyundai"],
    "Nissan": ["nissan"],
    "Honda": ["honda"],
    "Stellantis": ["stellantis"],
    "Mercedes-Benz": ["mercedes-benz", "mercedes benz"],
    "LG Energy Solution": ["lg energy solution"],
    "Panasonic": ["panasonic"],
    "POSCO": ["posco"],
    "SK Hynix": ["sk hynix", "sk海力士"],
    "Samsung": ["samsung", "三星"],
    "TSMC": ["tsmc", "台积电", "taiwan semiconductor manufacturing", "taiwan semiconductor"],
    "CATL": ["catl", "宁德时代"],
    "BYD": ["byd", "比亚迪"],
    "Ganfeng": ["ganfeng", "赣锋锂业"],
    "Tianqi": ["tianqi", "天齐锂业"],
    "Micron": ["micron", "美光"],
}

# China's commerce ministry as an actor phrase: the body that issues export-control notices.
MOFCOM = frozenset({"商务部", "mofcom", "ministry of commerce", "commerce ministry", "china's commerce"})
DUAL_USE = frozenset({"dual-use", "dual use items", "两用物项"})  # China's dual-use export list
# Firms whose business is minerals: naming one names the mineral trade.
MINERAL_FIRMS = frozenset({
    "MP Materials", "Lynas", "China Northern Rare Earth", "China Rare Earth Group", "JL Mag",
    "Shenghe", "USA Rare Earth", "Iluka", "Energy Fuels", "Arafura", "Neo Performance Materials",
    "Noveon", "Vulcan Elements", "Ningbo Yunsheng", "Zhong Ke San Huan", "Syrah Resources",
    "Almonty", "Ucore", "Albemarle", "Ganfeng", "Tianqi", "Rainbow Rare Earths", "Pensana",
    "Northern Minerals", "Hastings", "Niron Magnetics", "Korea Zinc", "Zijin Mining", "CMOC",
    "China Minmetals", "Chalco", "Xiamen Tungsten", "Baotou Steel", "Perpetua Resources",
    "United States Antimony", "ReElement Technologies", "Umicore", "Solvay", "Alcoa",
    "Hitachi Metals", "Shin-Etsu", "Sumitomo Metal Mining", "Glencore", "Rio Tinto",
})
# Firms whose business is chips or chipmaking tools.
CHIP_FIRMS = frozenset({
    "Nvidia", "AMD", "Intel", "Micron", "SMIC", "Huawei", "TSMC", "Samsung", "SK Hynix", "ASML",
    "Applied Materials", "Lam Research", "Tokyo Electron", "KLA", "Qualcomm", "Broadcom",
    "Texas Instruments", "CXMT", "YMTC", "Cambricon", "Hua Hong", "Nexperia", "Wingtech",
    "Infineon", "NXP", "Renesas", "GlobalFoundries", "Nikon", "Canon", "Synopsys", "Cadence",
    "Supermicro",
})
# Legal forms that close a company's name.
LEGAL_FORMS = ["Inc", "Corp", "Corporation", "Ltd", "Limited", "Holdings", "PLC", "plc", "AG",
               "LLC", "GmbH", "NV"]
CHINESE_LEGAL_FORMS = ["股份有限公司", "有限责任公司", "有限公司", "集团"]


# Word lists the passes read directly, by prefix or whole phrase, not through the lexicon.
# Verbs that restrict what they act on ("banned ... exports"), unlike "expand" or "raise".
RESTRICTING_VERBS = ("impos", "ban", "restrict", "tighten", "require", "halt", "block", "curb",
                     "prohibit", "stop", "denied", "deny", "refus", "withh", "delay", "stall",
                     "slow", "holding back", "hold back", "held back", "crack", "new ", "禁止",
                     "限制", "实施")
# Easing verbs that act on exports or licences ("approves exports", "resumes shipments").
PERMITTING_VERBS = ("approv", "grant", "allow", "resum", "lift", "exempt", "issu", "restor",
                    "暂停", "恢复", "批准")
# A measure named by its mineral: "China's gallium ban", "antimony curbs".
NAMED_BANS = ("ban", "curb", "restrict", "embargo", "禁令")
# Nouns of places and scale: with no policy act they say little on their own.
WEAK_POLICY = frozenset({"plant", "factory", "facility", "capacity", "strategic", "production line",
                         "expansion", "selected", "opens"})
# Sanctions phrases that name a sanction and nothing else (the Entity List serves chip rules too).
OWN_SANCTIONS = frozenset({"unreliable entity list", "unreliable entities list", "不可靠实体清单",
                           "asset freeze", "assets frozen", "froze the assets", "freeze the assets",
                           "反制裁"})
# Heads of government named as actors: their word announces, an order or a notice enacts.
LEADERS = frozenset({"trump", "biden", "xi jinping"})  # their phrases in ACTORS
# Speculation words that make a stated start date a threat ("threatened 100% tariffs from ...").
THREATS = ("threat", "could", "may", "might", "warn", "if", "consider", "weigh", "mull",
           "可能", "或将", "或面临", "考虑", "恐将", "料将", "如果", "倘若", "一旦")
# Rumours in Chinese copy ("据传", "市场传闻"): every plan told after one is only rumoured.
RUMOURS = frozenset({"据传", "传闻", "传言"})
# Plan words that make a stated start date a proposal's ("拟自2026年1月1日起施行": a draft).
PROPOSALS = ("拟", "计划")
# A sentence opening on what came before recalls it whole ("The move follows controls on ...").
RECALLING_OPENINGS = frozenset({"the move follows", "comes after", "came after", "builds on",
                                "follows a", "follows the"})
# Reason markers that give a cause only at the start of a sentence ("To implement the consensus, ...").
LEADING_ONLY_REASONS = frozenset({"to implement the", "为落实", "根据"})
# Reason markers that set a context rather than give a cause, after any main statement or none:
# "despite US controls", "..., which imposed controls in April".
CONCESSIONS = frozenset({"despite", "in spite of", "even though", "which imposed", "which has imposed",
                         "which had imposed", "which introduced", "which has introduced",
                         "which restricted", "which banned", "which placed"})

# Status words the status reader reads by prefix or whole phrase.
# An infinitive after a done verb states its purpose ("approved licences to allow ..."), not a plan.
PURPOSE_MARKERS = ("to ", "aims to", "seeks to", "in order to")
# The plain future of a lead that overrules a present-tense headline; not "agreed to", which a
# report of the measure issued afterwards often opens with.
PLAIN_FUTURE = frozenset(
    {"will", "said it would", "plans to", "plan to", "it would", "they would", "he would", "she would",
     *REPORTED_PLANS}
)
# "could hit", "may disrupt": a modal on the effects of a measure, not on the measure itself.
IMPACT_MODALS = frozenset({"could", "may", "might", "likely", "expected to"})
IMPACT_VERBS = (
    "hit", "hurt", "disrupt", "affect", "squeeze", "cripple", "dent", "weigh on", "raise prices",
    "worsen", "deepen", "cost", "push up", "drive up", "spur", "boost", "benefit", "ripple",
    "be hit", "be hurt", "be affected", "feel",
)
# Done verbs (an authority "is imposing" duties acts now), and markers that an ongoing act goes
# on ("will continue to", "将继续").
PAST_ENDINGS = ("ed", "issued", "took", "began", "shut", "已", "is imposing", "are imposing")
CONTINUED_MARKERS = frozenset({"will", "将"})
# Words that state a measure in force, beating a weaker plan word.
STRONG_ENACTED = (
    "的公告",  # a notice's heading, "关于…的公告"
    "take",
    "took",
    "in force",
    "into force",
    "effective",
    "federal register",
    "announcement n",
    "起",
    "即日起",
    "之日起",
    "公告如下",  # a notice's own opening
    "号公告",
    "正式",
    "came into",
    "comes into",
    "interim final",
    "final rule",
    "published a rule",
    "published the rule",
    "issued a rule",
)

# Direction words the direction reader reads by prefix or whole phrase.
# "a 100% tariff, with exemptions for ...": a carve-out of a new measure, no easing.
CARVE_OUTS = ("exempt", "exclusion", "carve", "waive", "waiver")
# A trade agreement signed, with no restriction in it, eases.
SIGNING = frozenset({"signed", "signs", "inks", "inked", "was signed"})
# A permit decided: "has approved licences", "granted an exemption", "已批准…申请".
GRANTING = ("approved", "granted", "cleared", "licensed", "批准", "准予", "发放", "颁发")
# An investigation opened is a first step; a trade-remedy case is a duty on its way.
PROBES = ("investigation", "probe", "inquiry", "调查")
# Verbs that open an investigation: its outcome, the duty, is still only possible.
PROBE_OPENINGS = ("launch", "open", "initiat", "begin", "began", "begun", "start", "order", "announce",
                  "invok", "self-initiat", "立案", "发起", "启动", "开展")
TRADE_REMEDIES = ("dumping", "countervailing", "subsid", "反倾销", "反补贴")
# "不会放宽", "未恢复": a relief denied.
CHINESE_NEGATIONS = ("不", "未", "没", "沒", "無", "无意")
# Two-character negations that reach over a verb of getting ("没有获得批准", "尚未得到许可").
CHINESE_DENIALS = ("没有", "沒有", "未能", "尚未", "并未", "並未", "无法", "無法")
# "Halts the permit requirement", "stop granting licences": a stop of a restriction eases, a
# stop of an easing word tightens.
HALTING = ("halt", "stop")
RESTRICTIONS = (
    "requirement", "require", "ban", "curb", "restrict", "new controls", "new export controls",
)
STOPPING = ("stop", "halt", "block", "deny", "denied", "refus", "end")

# Words the element reader reads near a mineral named in a measure.
TECH_WORDS = ("technolog", "技术", "know-how", "equipment", "machinery", "设备")
PROCESS_WORDS = ("mining", "smelt", "separat", "process", "refin", "extract")
# Metals a by-product is recovered from: beside that by-product their ores and plants are its
# source ("gallium from an alumina refinery", "germanium from zinc smelting residues"), not a
# mineral of their own.
HOST_METALS = {"Al": ("Ga",), "Zn": ("Ge", "In")}
HOST_ORES = ("alumina", "bauxite")  # ores that are a source whatever follows
HOST_STAGES = ("smelt", "refin", "ore", "concentrate", "residue", "tailing", "leach", "plant")

# fmt: on


def _entries() -> list[tuple[str, str, str]]:
    tables = {
        "control": CONTROL,
        "control_weak": CONTROL_WEAK,
        "chip": CHIP,
        "chip_rule": CHIP_RULE,
        "chip_control": CHIP_CONTROL,
        "chip_shortage": CHIP_SHORTAGE,
        "mineral": MINERAL_CONTEXT,
        "tariff": TARIFF,
        "targets": TARGETS,
        "talks": TALKS,
        "sanctions": SANCTIONS,
        "company_measure": COMPANY_MEASURE,
        "disruption": DISRUPTION,
        "policy": POLICY,
        "commentary": COMMENTARY,
        "topic": TOPIC,
        "easing": EASING,
        "tightening": TIGHTENING,
        "enacted": ENACTED,
        "announced": ANNOUNCED,
        "speculation": SPECULATION,
        "reporting": REPORTING,
        "hearsay": HEARSAY,
        "reason": REASON,
        "background": BACKGROUND,
        "uses": USES,
        "shadow": SHADOW,
        "tariff_sense": TARIFF_SENSE,
        "undoing": [verb + "*" for verb in UNDOING_VERBS],
        "chip_sense": CHIP_SENSE,
        "other_trade": OTHER_TRADE,
        "listing": LISTING,
        "urging": URGING,
        "breach": BREACH,
    }
    entries = [(p, kind, kind) for kind, phrases in tables.items() for p in phrases]
    for table_kind, table in (("actor", ACTORS), ("stage", STAGES), ("company", COMPANIES)):
        entries += [(p, table_kind, value) for value, phrases in table.items() for p in phrases]
    return entries


CUE_LEXICON = Lexicon(_entries())
# Cues and elements in one automaton, so the classifier reads a text in a single pass.
LEXICON = Lexicon(_entries() + element_entries())
# Section headings of long pieces (client alerts, newsletters, explainers): a label on a line of
# its own, not a sentence; it must not take a lead position from the sentences that tell the news.
SECTION_HEADINGS = (
    "summary", "in summary", "background", "context", "overview", "in brief", "at a glance",
    "key points", "key takeaways", "takeaways", "what changes", "what changes now", "what has changed",
    "what happens next", "what's next", "next steps", "practical steps", "practical implications",
    "implications", "why it matters", "why this matters", "reaction", "reactions", "market watch",
    "market reaction", "markets", "the details", "details", "also this week", "also today",
    "in other news", "other news", "elsewhere", "bottom line", "the bottom line", "our take",
    "outlook", "analysis", "timeline", "what to watch", "us developments to watch", "developments to watch",
    "top story", "top stories", "this week's top story", "recommendations", "action items",
)
