"""What a text says that identifies one development, read from its whole body for incident matching.

Two reports of one development share its particulars — who acts against whom, which firms,
goods and numbers — whatever their wording, length, web debris or language. A text's profile is
a weighted bag of those particulars: content words weighted by how rare they are in this
field's writing (`incident_background.DF`, document frequencies over the project's own sample
texts), plus concepts read in English, Chinese and Japanese alike (firms, countries, people,
kinds of measure, elements), Latin-spelled names in Chinese texts, and numbers with their units
(percentages, counts of firms or items, spans of days, calendar days), which carry across
languages. Chinese is read in simplified characters (`hanzi`). Two profiles are compared by
cosine. Only the strongest terms are kept, so a stored profile stays small.

Also read here: a text's script (`script`), whether it is plainly about chips or minerals
(`subject`), the governments its headline names, the leading one first (`actors`), whether the
headline gives or takes away a permission (`action`) or reports a later step of a measure
(`follow_up`), and the months and announcement years its opening names (`months_named`,
`years_cited`).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Mapping
from datetime import date, timedelta

from .cues import AGREED_WORDS, CARRY_OUT_WORDS, MEETING_WORDS, OPINION_LABELS, OPINION_SIGNOFFS
from .gazetteer import Lexicon, normalise
from .hanzi import simplified
from .incident_background import DF, DOCS

TOP_TERMS = 60  # words kept per profile
TOP_CONCEPTS = 30  # concepts and numbers kept per profile
TITLE_WEIGHT = 2.0  # a title states the development; the body also carries background
CONCEPT_WEIGHT = 2.0  # a named firm, country or kind of measure, in any language

# Firms, governments, people and kinds of measure as English and Chinese (simplified and
# traditional) texts name them; the value is the concept both sides share.
_CONCEPTS: dict[str, tuple[str, ...]] = {
    # firms
    "nvidia": ("nvidia", "英伟达", "英偉達", "輝達"),
    "nexperia": ("nexperia", "安世"),
    "wingtech": ("wingtech", "闻泰", "聞泰"),
    "micron": ("micron", "美光"),
    "asml": ("asml", "阿斯麦", "阿斯麥", "艾司摩尔", "艾司摩爾"),
    "samsung": ("samsung", "三星"),
    "sk hynix": ("sk hynix", "hynix", "海力士"),
    "intel": ("intel", "英特尔", "英特爾"),
    "tsmc": ("tsmc", "台积电", "台積電"),
    "huawei": ("huawei", "华为", "華為"),
    "smic": ("smic", "中芯"),
    "ymtc": ("ymtc", "yangtze memory", "长江存储", "長江存儲"),
    "cxmt": ("cxmt", "changxin", "长鑫", "長鑫"),
    "amd": ("amd", "advanced micro devices", "超威"),
    "qualcomm": ("qualcomm", "高通"),
    "apple": ("apple", "苹果公司", "蘋果公司"),
    "tesla": ("tesla", "特斯拉"),
    "mp materials": ("mp materials", "mp材料"),
    "lynas": ("lynas", "莱纳斯", "萊納斯"),
    "lockheed": ("lockheed", "洛克希德"),
    "raytheon": ("raytheon", "雷神"),
    "boeing": ("boeing", "波音"),
    "northrop": ("northrop", "诺斯罗普", "諾斯洛普"),
    "general atomics": ("general atomics", "通用原子"),
    "skydio": ("skydio",),
    "hanwha": ("hanwha", "韩华", "韓華"),
    "alibaba": ("alibaba", "阿里巴巴"),
    "bytedance": ("bytedance", "字节跳动", "字節跳動"),
    "tencent": ("tencent", "腾讯", "騰訊"),
    "applied materials": ("applied materials", "应用材料", "應用材料"),
    "lam research": ("lam research", "泛林"),
    "tokyo electron": ("tokyo electron", "东京电子", "東京威力"),
    "albemarle": ("albemarle", "雅宝"),
    "lithium americas": ("lithium americas",),
    "trilogy metals": ("trilogy metals",),
    "usa rare earth": ("usa rare earth",),
    "vulcan elements": ("vulcan elements",),
    "noveon": ("noveon",),
    "illumina": ("illumina", "因美纳", "因美納"),
    "pvh": ("pvh",),
    "cobalt": ("cobalt", "钴", "鈷"),
    # governments and places
    "japan": ("japan", "japanese", "日本"),
    "india": ("india", "indian", "印度"),
    "korea": ("korea", "korean", "韩国", "韓國", "南韩", "南韓"),
    "netherlands": ("netherlands", "dutch", "荷兰", "荷蘭"),
    "taiwan": ("taiwan", "taiwanese", "台湾", "臺灣", "台灣"),
    "malaysia": ("malaysia", "malaysian", "马来西亚", "馬來西亞"),
    "thailand": ("thailand", "thai", "泰国", "泰國"),
    "vietnam": ("vietnam", "vietnamese", "越南"),
    "eu": ("european union", "eu", "brussels", "欧盟", "歐盟"),
    "germany": ("germany", "german", "德国", "德國"),
    "canada": ("canada", "canadian", "加拿大"),
    "mexico": ("mexico", "mexican", "墨西哥"),
    "australia": ("australia", "australian", "澳大利亚", "澳洲"),
    "myanmar": ("myanmar", "burma", "缅甸", "緬甸"),
    "russia": ("russia", "russian", "俄罗斯", "俄羅斯"),
    "ukraine": ("ukraine", "乌克兰", "烏克蘭"),
    "brazil": ("brazil", "巴西"),
    "indonesia": ("indonesia", "印尼", "印度尼西亚"),
    "congo": ("congo", "drc", "刚果", "剛果"),
    "kachin": ("kachin", "克钦", "克欽"),
    "singapore": ("singapore", "新加坡"),
    # people
    "trump": ("trump", "特朗普", "川普"),
    "xi": ("xi jinping", "习近平", "習近平"),
    "biden": ("biden", "拜登"),
    "bessent": ("bessent", "贝森特", "貝森特"),
    "lutnick": ("lutnick", "卢特尼克", "盧特尼克"),
    "greer": ("greer", "格里尔", "格里爾"),
    "he lifeng": ("he lifeng", "何立峰"),
    "wang wentao": ("wang wentao", "王文涛", "王文濤"),
    "li chenggang": ("li chenggang", "李成钢", "李成鋼"),
    "takaichi": ("takaichi", "高市"),
    "modi": ("modi", "莫迪"),
    # authorities
    "mofcom": ("ministry of commerce", "commerce ministry", "mofcom", "商务部", "商務部"),
    "foreign ministry": ("foreign ministry", "ministry of foreign affairs", "外交部"),
    "tariff commission": ("tariff commission", "customs tariff commission", "关税税则委员会",
                          "關稅稅則委員會"),
    "state council": ("state council", "国务院", "國務院"),
    "samr": ("samr", "market regulation", "市场监管总局", "市場監管總局", "市场监督管理总局"),
    "cac": ("cyberspace administration", "网信办", "網信辦"),
    "miit": ("miit", "ministry of industry and information technology", "工信部", "工业和信息化部"),
    "white house": ("white house", "白宫", "白宮"),
    "ustr": ("ustr", "trade representative", "贸易代表", "貿易代表"),
    "bis": ("bureau of industry and security", "bis", "工业和安全局", "工業和安全局", "工业与安全局"),
    "pentagon": ("pentagon", "department of defense", "department of war", "五角大楼", "五角大樓",
                 "国防部", "國防部"),
    "energy department": ("department of energy", "energy department", "doe", "能源部"),
    # kinds of measure and their objects
    "export control": ("export control", "export controls", "出口管制"),
    "licence": ("licence", "license", "licences", "licenses", "licensing", "许可证", "許可證",
                "许可", "許可"),
    "ban": ("ban", "bans", "banned", "prohibit", "prohibits", "prohibited", "禁止", "禁令"),
    "tariff": ("tariff", "tariffs", "duties", "关税", "關稅"),
    "semiconductor": ("semiconductor", "semiconductors", "chip", "chips", "芯片", "晶片",
                      "半导体", "半導體"),
    "military": ("military", "defense", "defence", "军事", "軍事", "军工", "軍工"),
    "technology": ("technology", "technologies", "技术", "技術"),
    "anti-dumping": ("anti-dumping", "antidumping", "dumping", "反倾销", "反傾銷"),
    "countervailing": ("countervailing", "反补贴", "反補貼"),
    "countermeasures": ("countermeasure", "countermeasures", "anti-foreign sanctions", "反制",
                        "反外国制裁", "反外國制裁"),
    "unreliable entity": ("unreliable entity", "不可靠实体", "不可靠實體"),
    "control list": ("export control list", "control list", "管控名单", "管控名單"),
    "entity list": ("entity list", "实体清单", "實體清單"),
    "dual-use": ("dual-use", "dual use", "两用物项", "兩用物項", "两用", "兩用"),
    "military end": ("military end", "military users", "military use", "军事用户", "軍事用戶",
                     "军事用途", "軍事用途"),
    "draft": ("draft", "public comment", "for comment", "征求意见", "意见稿"),
    "general licence": ("general licence", "general license", "general licenses",
                        "general licences", "通用许可", "通用許可", "通用出口许可", "一般许可",
                        "一般出口许可"),
    "suspend": ("suspend", "suspends", "suspended", "suspension", "pause", "paused", "暂停",
                "暫停", "暂缓", "暫緩", "停止实施", "停止實施", "停止执行", "中止实施", "中止执行"),
    "exempt": ("exempt", "exempts", "exempted", "exemption", "exemptions", "豁免"),
    "technology catalogue": ("catalogue of technologies", "catalog of technologies",
                             "technology export", "technologies prohibited", "技术目录",
                             "技術目錄"),
    "investigation": ("investigation", "probe", "调查", "調查"),
    "antitrust": ("antitrust", "anti-monopoly", "antimonopoly", "垄断", "壟斷"),
    "cybersecurity review": ("cybersecurity review", "网络安全审查", "網絡安全審查",
                             "網路安全審查"),
    "critical infrastructure": ("critical information infrastructure", "critical infrastructure",
                                "关键信息基础设施", "關鍵信息基礎設施"),
    "customs": ("customs", "海关", "海關"),
    "arms sales": ("arms sale", "arms sales", "对台军售", "對台軍售", "军售", "軍售"),
    "truce": ("truce", "休战", "休戰"),
    "stockpile": ("stockpile", "stockpiling", "储备", "儲備"),
    "equity stake": ("equity stake", "stake", "股权", "股權", "持股"),
    "price floor": ("price floor", "价格下限", "價格下限", "底价"),
    "state trading": ("state trading", "国营贸易", "國營貿易"),
    "analog chips": ("analog chip", "analog chips", "analogue chips", "模拟芯片", "模擬芯片"),
    "battery": ("battery", "batteries", "电池", "電池"),
    "cathode": ("cathode", "正极", "正極"),
    "anode": ("anode", "负极", "負極"),
    "magnet": ("magnet", "magnets", "磁体", "磁體", "磁铁", "磁鐵"),
    "silver": ("silver", "白银", "白銀"),
    "drone": ("drone", "drones", "无人机", "無人機"),
    "fentanyl": ("fentanyl", "芬太尼"),
    "green channel": ("green channel", "绿色通道", "綠色通道"),
    "fertiliser": ("fertiliser", "fertilizer", "fertilizers", "化肥"),
    "tunnel boring": ("tunnel boring", "盾构", "盾構"),
    "section 232": ("section 232", "232条款", "232條款"),
    "section 301": ("section 301", "301条款", "301條款"),
    "hbm": ("high-bandwidth memory", "high bandwidth memory", "hbm"),
    "h20": ("h20",), "h200": ("h200",), "blackwell": ("blackwell",),
    "rtx pro 6000d": ("rtx pro 6000d", "6000d"),
    "veu": ("validated end user", "validated end-user", "veu", "经验证最终用户"),
    "affiliates rule": ("affiliates rule", "50% rule", "50 percent rule", "穿透性规则"),
    "de minimis": ("de minimis", "extraterritorial", "foreign direct product", "域外"),
    "superhard": ("superhard", "超硬"),
    "catl": ("catl", "contemporary amperex", "宁德时代"), "byd": ("byd", "比亚迪"),
    "xiaomi": ("xiaomi", "小米"), "zte": ("zte", "中兴"), "dji": ("dji", "大疆"),
    "hikvision": ("hikvision", "海康威视"), "lenovo": ("lenovo", "联想"), "baidu": ("baidu", "百度"),
    "northern rare earth": ("northern rare earth", "北方稀土"),
    "china rare earth group": ("china rare earth group", "中国稀土集团"),
    "jl mag": ("jl mag", "金力永磁"), "shenghe": ("shenghe", "盛和资源"),
    "ganfeng": ("ganfeng", "赣锋"), "tianqi": ("tianqi", "天齐"), "chinalco": ("chinalco", "中铝"),
    "cmoc": ("cmoc", "洛阳钼业"), "volkswagen": ("volkswagen", "大众汽车"),
    "bmw": ("bmw", "宝马"), "mercedes": ("mercedes", "奔驰"), "toyota": ("toyota", "丰田"),
    "honda": ("honda", "本田"), "nissan": ("nissan", "日产"), "ford": ("ford", "福特"),
    "general motors": ("general motors", "通用汽车"), "bosch": ("bosch", "博世"),
    "google": ("google", "谷歌"), "microsoft": ("microsoft", "微软"), "amazon": ("amazon", "亚马逊"),
    "broadcom": ("broadcom", "博通"), "texas instruments": ("texas instruments", "德州仪器"),
    "infineon": ("infineon", "英飞凌"), "nxp": ("nxp", "恩智浦"),
    "stmicroelectronics": ("stmicroelectronics", "意法半导体"),
    "globalfoundries": ("globalfoundries", "格芯"), "kla": ("kla", "科磊"),
    "sony": ("sony", "索尼"), "panasonic": ("panasonic", "松下"), "posco": ("posco", "浦项"),
    "rio tinto": ("rio tinto", "力拓"), "bhp": ("bhp", "必和必拓"), "glencore": ("glencore", "嘉能可"),
    "solvay": ("solvay", "索尔维"), "umicore": ("umicore", "优美科"), "sumitomo": ("sumitomo", "住友"),
    "mitsubishi": ("mitsubishi", "三菱"), "sojitz": ("sojitz", "双日"),
    # more places
    "united kingdom": ("united kingdom", "britain", "british", "英国"),
    "france": ("france", "french", "法国"), "italy": ("italy", "italian", "意大利"),
    "philippines": ("philippines", "菲律宾"), "south africa": ("south africa", "南非"),
    "chile": ("chile", "智利"), "argentina": ("argentina", "阿根廷"),
    "kazakhstan": ("kazakhstan", "哈萨克斯坦"), "mongolia": ("mongolia", "蒙古"),
    "greenland": ("greenland", "格陵兰"), "saudi arabia": ("saudi", "沙特"),
    "uae": ("uae", "united arab emirates", "阿联酋"), "israel": ("israel", "以色列"),
    "iran": ("iran", "伊朗"), "north korea": ("north korea", "朝鲜"),
    "pakistan": ("pakistan", "巴基斯坦"), "turkey": ("turkey", "türkiye", "土耳其"),
    "hong kong": ("hong kong", "香港"), "geneva": ("geneva", "日内瓦"), "london": ("london", "伦敦"),
    "stockholm": ("stockholm", "斯德哥尔摩"), "madrid": ("madrid", "马德里"),
    "kuala lumpur": ("kuala lumpur", "吉隆坡"), "busan": ("busan", "釜山"),
    "gyeongju": ("gyeongju", "庆州"), "hunan": ("hunan", "湖南"), "jiangxi": ("jiangxi", "江西"),
    "inner mongolia": ("inner mongolia", "baotou", "内蒙古", "包头"),
    # more people
    "lin jian": ("lin jian", "林剑"), "he yadong": ("he yadong", "何亚东"),
    "mao ning": ("mao ning", "毛宁"), "guo jiakun": ("guo jiakun", "郭嘉昆"),
    "jensen huang": ("jensen huang", "黄仁勋"), "rubio": ("rubio", "鲁比奥"),
    "vance": ("vance", "万斯"), "von der leyen": ("von der leyen", "冯德莱恩"),
    "sefcovic": ("sefcovic", "šefčovič", "谢夫乔维奇"), "ishiba": ("ishiba", "石破"),
    "lee jae-myung": ("lee jae-myung", "李在明"), "anwar": ("anwar", "安瓦尔"),
    "albanese": ("albanese", "阿尔巴尼斯"), "raimondo": ("raimondo", "雷蒙多"),
    "yellen": ("yellen", "耶伦"), "navarro": ("navarro", "纳瓦罗"), "musk": ("musk", "马斯克"),
    "li qiang": ("li qiang", "李强"), "wang yi": ("wang yi", "王毅"),
    # more kinds of measure, goods and steps
    "sanctions": ("sanction", "sanctions", "sanctioned", "制裁"),
    "approve": ("approve", "approved", "approval", "approvals", "批准", "获批", "审批通过"),
    "resume": ("resume", "resumed", "resumption", "恢复"),
    "smuggling": ("smuggling", "smuggled", "走私"), "crackdown": ("crackdown", "打击"),
    "quota": ("quota", "quotas", "配额"), "end user": ("end user", "end-user", "最终用户"),
    "end use": ("end use", "end-use", "最终用途"), "re-export": ("re-export", "再出口"),
    "transshipment": ("transshipment", "transshipping", "转运"),
    "third country": ("third country", "third countries", "第三国"),
    "national security": ("national security", "国家安全"),
    "retaliation": ("retaliation", "retaliatory", "报复"),
    "agreement": ("agreement", "deal", "协议", "协定"), "framework": ("framework", "框架"),
    "consensus": ("consensus", "共识"), "phone call": ("phone call", "call with", "通话"),
    "summit": ("summit", "峰会"), "meeting": ("meeting", "met", "会晤", "会谈", "磋商"),
    "extend": ("extend", "extended", "extension", "延长", "延期"),
    "smelter": ("smelter", "smelters", "smelting", "冶炼"),
    "mine": ("mine", "mines", "mining", "矿山", "采矿"),
    "production halt": ("halt", "halted", "shut", "shutdown", "停产", "关停"),
    "lithography": ("lithography", "光刻"), "wafer": ("wafer", "wafers", "晶圆"),
    "memory chips": ("memory chip", "memory chips", "dram", "nand", "存储芯片"),
    "ai chips": ("ai chip", "ai chips", "人工智能芯片", "ai芯片"),
    "electric vehicles": ("electric vehicle", "electric vehicles", "ev", "evs", "电动车",
                          "电动汽车", "新能源汽车"),
    "aerospace": ("aerospace", "航空航天"), "solar": ("solar", "photovoltaic", "光伏"),
    "polysilicon": ("polysilicon", "多晶硅"), "uranium": ("uranium", "铀"),
    "nickel": ("nickel", "镍"), "copper": ("copper", "铜"), "manganese": ("manganese", "锰"),
    "aluminium": ("aluminium", "aluminum", "铝"), "steel": ("steel", "钢铁"),
    "lanthanum": ("lanthanum", "镧"), "cerium": ("cerium", "铈"),
    "praseodymium": ("praseodymium", "镨"), "neodymium": ("neodymium", "钕"),
    "europium": ("europium", "铕"), "gadolinium": ("gadolinium", "钆"), "erbium": ("erbium", "铒"),
    "thulium": ("thulium", "铥"), "ytterbium": ("ytterbium", "镱"), "lutetium": ("lutetium", "镥"),
    "scandium": ("scandium", "钪"), "yttrium": ("yttrium", "钇"),
    # elements Chinese texts name by character (English texts by name, read below)
    "gallium": ("gallium", "镓", "鎵"), "germanium": ("germanium", "锗", "鍺"),
    "antimony": ("antimony", "锑", "銻"), "graphite": ("graphite", "石墨"),
    "tungsten": ("tungsten", "钨", "鎢"), "lithium": ("lithium", "锂", "鋰"),
    "rare earth": ("rare earth", "rare earths", "rare-earth", "稀土"),
    "indium": ("indium", "铟", "銦"), "tellurium": ("tellurium", "碲"),
    "bismuth": ("bismuth", "铋", "鉍"), "molybdenum": ("molybdenum", "钼", "鉬"),
    "dysprosium": ("dysprosium", "镝", "鏑"), "terbium": ("terbium", "铽", "鋱"),
    "samarium": ("samarium", "钐", "釤"), "holmium": ("holmium", "钬", "鈥"),
}  # fmt: skip
# Steps, goods and terms of art a notice and its translation both name, and the Japanese forms
# of concepts above: a report in another language shares these with the original.
_BILINGUAL: dict[str, tuple[str, ...]] = {
    "precursor": ("precursor", "precursors", "前驱体"),
    "lithium iron phosphate": ("lithium iron phosphate", "lfp", "磷酸铁锂"),
    "artificial graphite": ("artificial graphite", "synthetic graphite", "人造石墨"),
    "tantalum": ("tantalum", "钽"), "niobium": ("niobium", "铌"), "zirconium": ("zirconium", "锆"),
    "hafnium": ("hafnium", "铪"), "chromium": ("chromium", "铬"), "titanium": ("titanium", "钛"),
    "vanadium": ("vanadium", "钒"), "beryllium": ("beryllium", "铍"),
    "magnesium": ("magnesium", "镁"), "platinum": ("platinum", "铂"), "palladium": ("palladium", "钯"),
    "rhenium": ("rhenium", "铼"), "silicon": ("silicon", "硅"),
    "fluorspar": ("fluorspar", "fluorite", "萤石"),
    # Japanese forms (kana, and kanji as Japan writes them)
    "mofcom": ("商務省",), "export control": ("輸出規制", "輸出管理"),
    "rare earth": ("レアアース", "希土類"), "semiconductor": ("半導体",),
    "gallium": ("ガリウム",), "germanium": ("ゲルマニウム",), "antimony": ("アンチモン",),
    "graphite": ("黒鉛", "グラファイト"), "tungsten": ("タングステン",), "lithium": ("リチウム",),
    "dysprosium": ("ジスプロシウム",), "terbium": ("テルビウム",), "neodymium": ("ネオジム",),
    "samarium": ("サマリウム",), "yttrium": ("イットリウム",), "scandium": ("スカンジウム",),
    "cobalt": ("コバルト",), "nickel": ("ニッケル",), "indium": ("インジウム",),
    "dual-use": ("軍民両用", "デュアルユース", "両用"), "licence": ("ライセンス",),
    "tariff": ("関税",), "magnet": ("磁石",), "entity list": ("エンティティー・リスト", "エンティティリスト"),
    "drone": ("ドローン",), "nvidia": ("エヌビディア",), "military": ("軍需",),
}  # fmt: skip
# Text is folded to simplified characters before scanning, so the phrases are folded too.
_LEXICON = Lexicon([(simplified(phrase), "concept", concept)
                    for table in (_CONCEPTS, _BILINGUAL) for concept, phrases in table.items()
                    for phrase in phrases])

_LANGUAGE_FREE = ("c:", "n:", "pct:", "count:", "days:", "day:")
_WORD = re.compile(r"[a-z][a-z0-9\-]*[a-z0-9]|\d+(?:\.\d+)?%?")
# Function words and the words every text of this field uses.
_STOP = frozenset(
    "a an the of to in on for and or but is are was were be been being by with as at from that "
    "this these those it its their his her has have had will would shall should can could may "
    "might must said says say into than over after also which who whom whose they them we our "
    "us you your he she not no nor so such if then there here about more most other some any "
    "all each both only very just new one two three up out what when where while how why per "
    "via amid against between under before during without within among including told according "
    "reported report reuters bloomberg news read share photo image copyright subscribe advertisement "
    "click email print facebook twitter linkedin whatsapp related stories story article "
    "articles button link links written content reserved rights caption newsletter sign login "
    "menu download app follow updated published posted editor editing reporting writing staff "
    "correspondent contributor comment comments cookie cookies privacy policy terms home page "
    "video watch listen podcast advertise subscription subscriber premium free trial".split()
)
_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*(?:%|percent|per cent)")
_COUNT = re.compile(
    r"(\d{1,4})\s+(?:[a-z\-]+\s+){0,3}?(?:companies|firms|entities|executives|items|"
    r"individuals|technologies|subsidiaries|products)"
)
_CJK_COUNT = re.compile(r"(\d{1,4})\s*(?:家|个|個|项|項|名|种|種|品目)")
_DAYS = re.compile(r"(\d{1,3})\s*(?:-|\s)?(?:days?\b|天|日内|日內)")
_MONTH_DAY = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?!\d)"
    r"|(\d{1,2})\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b"
    r"|(\d{1,2})\s*月\s*(\d{1,2})\s*日"
)
_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}


def _idf(term: str) -> float:
    return math.log((DOCS + 1) / (DF.get(term, 0) + 0.5))


def _stem(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


# Characters that join words rather than name things, and pairs every report uses.
_CJK_FUNCTION = frozenset("的了在是和对将为与等及也并而或被把由于其之以从向到这那个着过就都还又")
_CJK_STOP = frozenset(
    "中国 表示 实施 相关 进行 有关 以及 我们 他们 已经 可以 没有 一个 目前 其中 根据 通过 今天 日电 "
    "记者 报道 新闻 发布 发言 言人 问题 情况 工作 国家 部门 政府 企业 市场 经济 发展 全球 国际 合作 "
    "一步 方面 此外 同时 此前 指出 认为 强调 美国 商务 务部 月日 年月 公司 产业 行业 领域 重要 主要".split()
)
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")


def words(lower: str) -> list[str]:
    """Content words of a lower-case text (plurals folded) and pairs of Chinese characters, as
    the background counts them."""
    out = [_stem(w) for w in _WORD.findall(lower) if w not in _STOP]
    if not lower.isascii():
        for run in _CJK_RUN.findall(lower):
            out += [pair for pair in (run[i : i + 2] for i in range(len(run) - 1))
                    if pair not in _CJK_STOP and not _CJK_FUNCTION.intersection(pair)]
    return out


def _concepts(lower: str) -> list[str]:
    return [hit.value for hit in _LEXICON.scan(normalise(lower))]


def _listed(m: re.Match[str]) -> int:
    """How many a count names: "YMTC and 35 other companies" is a listing of 36."""
    words = m.group(0).split()
    return int(m.group(1)) + (len(words) > 1 and words[1] == "other")


def _numbers(lower: str) -> list[str]:
    out = [f"pct:{float(m.group(1)):g}" for m in _PERCENT.finditer(lower)]
    out += [f"count:{_listed(m)}" for m in _COUNT.finditer(lower)]
    out += [f"count:{int(m.group(1))}" for m in _CJK_COUNT.finditer(lower)]
    out += [f"days:{int(m.group(1))}" for m in _DAYS.finditer(lower)]
    for m in _MONTH_DAY.finditer(lower):
        if m.group(1):
            month, day = _MONTHS[m.group(1)], int(m.group(2))
        elif m.group(4):
            month, day = _MONTHS[m.group(4)], int(m.group(3))
        else:
            month, day = int(m.group(5)), int(m.group(6))
        if 1 <= month <= 12 and 1 <= day <= 31:
            out.append(f"day:{month:02d}-{day:02d}")
    return out


_LATIN_WORD = re.compile(r"[a-z][a-z0-9\-]*[a-z0-9]")


def _names(lower: str) -> list[str]:
    """Names (`n:`) a Chinese text gives in Latin letters: foreign firms, products and people
    keep their own spelling there, so they tie the text to English reports."""
    return ["n:" + _stem(w) for w in _LATIN_WORD.findall(lower) if w not in _STOP]


def terms(text: str, at: date | None = None) -> Counter[str]:
    """Every term of a text with its count: words, `c:` concepts, `n:` names, `pct:`, `count:`,
    `days:` and `day:` numbers (with its publication day `at`, also the days a Chinese report
    names by the day of the month alone)."""
    lower = simplified(unicodedata.normalize("NFKC", text).lower())
    cjk = script(lower) == "cjk"
    bag: Counter[str] = Counter(w for w in words(lower) if not (cjk and w.isascii()))
    bag.update("c:" + c for c in _concepts(lower))
    bag.update(_numbers(lower))
    if cjk:
        bag.update(_names(lower))
        if at is not None:
            bag.update(_days_of_month(lower, at))
    return bag


# "商务部9日宣布": Chinese reports name a recent day by its day of the month alone.
_DAY_OF_MONTH = re.compile(r"(?<![\d月])(?<!月\s)(\d{1,2})\s*日(?!\s*[内內])")
RECENT_DAYS = 10  # a day named so is within this many days before publication


def _days_of_month(lower: str, at: date) -> list[str]:
    """`day:` terms for the days of the month a Chinese text names alone, read as the most
    recent such day on or before its publication."""
    out = []
    for m in _DAY_OF_MONTH.finditer(lower):
        day = int(m.group(1))
        for back in range(RECENT_DAYS + 1):
            then = at - timedelta(days=back)
            if then.day == day:
                out.append(f"day:{then.month:02d}-{then.day:02d}")
                break
    return out


def _weight(term: str) -> float:
    if term.startswith(_LANGUAGE_FREE):
        return CONCEPT_WEIGHT * _idf(term)
    return _idf(term)


HEADLINE_MAX = 200  # characters; a longer first line is the opening paragraph, not a headline
STAMP_LINES = 3  # leading lines at most skipped as stamps before the headline
STAMP_MAX = 60  # characters; a longer line is prose, whatever it opens with
# A first line that only stamps the page: a time or date ("12:40", "2025-12-04 16:05"), or a
# byline or source line as English and Chinese outlets set it ("By Jane Doe", "鉅亨網編譯 綜合外電",
# "撰文:", "發佈於", "来源:"). The headline, if any, is the next line.
_STAMP_WORDS = re.compile(
    r"^\s*(?:by\s|authored\s|written\s|撰文|撰稿|编译|记者|来源|发布于|发布时间|出版|更新|时间)"
    r"|网编译|综合外电|综合报道|特约记者|通讯员|^\s*(?:posted|published|updated)\b.*\d"
)
_LETTERS = re.compile(r"[^\W\d_]")


def _stamp(line: str) -> bool:
    """A leading line that stamps the page rather than heads the text."""
    stripped = line.strip()
    if not stripped:
        return True
    if len(stripped) > STAMP_MAX:
        return False
    lower = simplified(unicodedata.normalize("NFKC", stripped).lower())
    return len(_LETTERS.findall(lower)) < 2 or bool(_STAMP_WORDS.search(lower))


def headline(text: str, title: str = "") -> tuple[str, str]:
    """(headline, body): the given title, else the first short line standing above the rest once
    stamp lines (times, dates, bylines) are skipped, else no headline and the whole text."""
    if title:
        return title, text
    lines = text.strip().split("\n")
    skip = 0
    while skip < min(STAMP_LINES, len(lines) - 1) and _stamp(lines[skip]):
        skip += 1
    first, rest = lines[skip], "\n".join(lines[skip + 1 :])
    if rest.strip() and len(first) <= HEADLINE_MAX:
        return first, rest
    return "", text


def profile(text: str, title: str = "", at: date | None = None) -> dict[str, float]:
    """The text's strongest particulars, unit length (term -> weight); `at` is its day of
    publication, when known."""
    title, text = headline(text, title)
    body, head = terms(text, at), terms(title, at)
    vector = {}
    for term in body.keys() | head.keys():
        tf = 1 + math.log(body[term] + TITLE_WEIGHT * head[term])
        vector[term] = tf * _weight(term)
    ranked = sorted(vector.items(), key=lambda kv: (-kv[1], kv[0]))
    # Concepts and numbers are what a translation shares: keep them apart from the words.
    top = [kv for kv in ranked if kv[0].startswith(_LANGUAGE_FREE)][:TOP_CONCEPTS]
    top += [kv for kv in ranked if not kv[0].startswith(_LANGUAGE_FREE)][:TOP_TERMS]
    norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
    return {term: round(w / norm, 4) for term, w in top}


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Dot product of two unit-length profiles."""
    return sum(a[term] * b[term] for term in a.keys() & b.keys())


def shared_concepts(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Cosine over the terms that read alike in any language: concepts, numbers, and the names
    a Chinese text spells in Latin letters (`n:x`), which an English text has as the word x."""
    names = {t[2:] for t in (*a, *b) if t.startswith("n:")}
    fa, fb = _language_free(a, names), _language_free(b, names)
    na = math.sqrt(sum(w * w for w in fa.values()))
    nb = math.sqrt(sum(w * w for w in fb.values()))
    return cosine(fa, fb) / (na * nb) if na and nb else 0.0


def _language_free(p: Mapping[str, float], names: set[str]) -> dict[str, float]:
    out = {t: w for t, w in p.items() if t.startswith(_LANGUAGE_FREE)}
    for t, w in p.items():
        if t in names:
            out["n:" + t] = max(w, out.get("n:" + t, 0.0))
    return out


_CHIP_WORDS = re.compile(
    r"\bchips?\b|semiconductor|chipmak|\bwafers?\b|lithograph|\bgpus?\b|\bdram\b|\bnand\b|"
    r"\bhbm\b|芯片|晶片|半导体|半導體|光刻"
)
_MINERAL_WORDS = re.compile(
    r"mineral|rare.earth|\bmetals?\b|\bores?\b|gallium|germanium|antimony|graphite|lithium|"
    r"cobalt|tungsten|magnet|nickel|稀土|矿产|礦產|矿物|礦物|镓|鎵|锗|鍺|锑|銻|石墨|锂|鋰|钨|鎢|磁"
)
SUBJECT_RATIO = 3  # one subject must outnumber the other this many times over to be the text's


def subject(text: str) -> str:
    """"chips" or "minerals" when a text is plainly about one of them, else ""."""
    lower = simplified(unicodedata.normalize("NFKC", text).lower())
    chips, minerals = len(_CHIP_WORDS.findall(lower)), len(_MINERAL_WORDS.findall(lower))
    if chips >= 3 and chips >= SUBJECT_RATIO * minerals:
        return "chips"
    if minerals >= 3 and minerals >= SUBJECT_RATIO * chips:
        return "minerals"
    return ""


# Who acts, as a headline names them: the government whose step the report is about.
_ACTORS = Lexicon([(phrase, "actor", code) for code, phrases in {
    # "中美", "美中" (China-US talks, relations) name both governments.
    "CN": ("china", "chinese", "beijing", "mofcom", "prc", "中国", "中國", "商务部", "商務部",
           "北京", "中方", "我国", "大陆", "大陸", "xi", "xi jinping", "习近平", "習近平", "li qiang",
           "李强", "李強", "中美", "美中"),
    "US": ("us", "u s", "usa", "united states", "american", "america", "washington", "trump",
           "biden", "white house", "bis", "ustr", "pentagon", "commerce department", "美国", "美國",
           "美方", "特朗普", "川普", "拜登", "白宫", "白宮", "中美", "美中"),
    "JP": ("japan", "japanese", "tokyo", "日本", "takaichi", "ishiba", "高市", "石破"),
    "NL": ("netherlands", "dutch", "the hague", "荷兰", "荷蘭"),
    "EU": ("eu", "european union", "brussels", "欧盟", "歐盟"),
    "KR": ("korea", "south korea", "korean", "seoul", "韩国", "韓國"),
    "TW": ("taiwan", "taipei", "台湾", "臺灣", "台灣"),
    "MY": ("malaysia", "malaysian", "马来西亚", "馬來西亞"),
    "IN": ("india", "indian", "new delhi", "印度"),
    "AU": ("australia", "australian", "canberra", "澳大利亚", "澳洲"),
    "MM": ("myanmar", "burma", "缅甸", "緬甸"),
    "CA": ("canada", "canadian", "ottawa", "加拿大"),
}.items() for phrase in phrases])


LEAD_CHARS = 12  # a government named this close to a headline's start is its subject


def actors(text: str, title: str = "") -> tuple[str, ...]:
    """Governments a text's headline names (its first short line when no title is given), the
    one it leads with first."""
    title = headline(text, title)[0]
    lower = simplified(unicodedata.normalize("NFKC", title).lower()).replace(".", " ")
    hits = sorted(_ACTORS.scan(normalise(lower)), key=lambda h: h.start)
    found = tuple(dict.fromkeys(hit.value for hit in hits))
    # The headline's subject leads it ("China adds 28 US entities"); a later name is often the
    # target. Without a leading one, "" stands first.
    lead = hits[0].value if hits and hits[0].start <= LEAD_CHARS else ""
    return (lead, *found)


# What a headline's step does to a permission (a waiver, exemption, licence or listed status):
# granting one and taking it away are separate developments, however alike the rest.
_PERMISSION = r"(?:waiver|exemption|exception|licen[cs]e|authori[sz]ation|approval|end.user|veu)"
_REVOKE = re.compile(
    r"\b(?:revok|rescind|withdr[ae]w|strip|cancel|terminat|scrap|end|ends|ended|ending)\w*"
    r"\s+(?:[\w\-']+\s+){0,4}?" + _PERMISSION
    + r"|(?:撤销|撤銷|取消|吊销|吊銷)\S{0,8}(?:许可|許可|豁免|资质|資質)"
)
_GRANT = re.compile(
    r"\b(?:grant|approv|waive|waiver|exempt|green.light|allow)\w*|批准|豁免|准许|准許"
)
# Not "replaced": a new permission "replacing case-by-case approvals" takes nothing away.
_ENDED = re.compile(r"\b(?:expired|lapsed)\b|已到期|已届满|已屆滿")
LEAD_TEXT = 400  # the opening this long states the step (and what it follows)


def action(text: str, title: str = "") -> str:
    """"grant" or "revoke" when the headline (else the opening) gives or takes away a
    permission, else "". A grant whose opening tells of a permission revoked or expired is a
    licence decision under that withdrawal: "revoke"."""
    body = text.strip()
    if not title:
        title, body = headline(body)
        title = title or body[:LEAD_TEXT]
    lower = simplified(unicodedata.normalize("NFKC", title).lower())
    if _REVOKE.search(lower):
        return "revoke"
    if not _GRANT.search(lower):
        return ""
    opening = simplified(unicodedata.normalize("NFKC", body[:LEAD_TEXT]).lower())
    return "revoke" if _REVOKE.search(opening) or _ENDED.search(opening) else "grant"


# A later step of a measure already in place, as a headline reports it: the measure suspended,
# lifted, delayed, extended, taking effect or finalised, or licences issued under it. Such a
# report comes weeks or a year after the measure and is still the same incident (README, How a text is read).
# A pause (suspended, lifted, delayed) is the rarest of these steps.
_PAUSE = re.compile(
    r"\b(?:suspen(?:d|ds|ded|sion)|paus(?:e|es|ed)|lift(?:s|ed|ing)?|scrap(?:s|ped)?|"
    r"rescind(?:s|ed)?|drop(?:s|ped)?|delay(?:s|ed)?|postpon(?:e|es|ed)|shelv(?:e|es|ed)|"
    r"roll(?:s|ed)?\s+back|(?:put|puts|placed?)\s+(?:[\w\-']+\s+){0,3}?on\s+hold|hold(?:s)?\s+off)\b"
    r"|暂停|暂缓|停止实施|停止执行|不再实施|延迟实施|延后实施|取消|解除|推迟"
)
_STEP = re.compile(
    r"\b(?:extend(?:s|ed)?|resum(?:e|es|ed)|takes?\s+effect|took\s+effect|into\s+(?:force|effect)|"
    r"kicks?\s+in|final(?:i[sz]e[sd]?)?\s+(?:determination|ruling|dut(?:y|ies)|rate)|"
    r"finali[sz]e[sd]?|first\s+(?:[\w\-']+\s+){0,3}?(?:batch|licen[cs]es?|approvals?|permits?))\b"
    r"|\b(?:grant\w*|issu\w*|approv\w*)\s+(?:[\w\-']+\s+){0,4}?licen[cs]es?\b"
    r"|恢复|延长|延期|生效|正式实施|终裁|首批|(?:批准|发放)\S{0,6}许可"
    # licences granted under a control: "已依法批准一定数量的合规申请", "获得出口许可", general licences
    r"|批准[^，。；]{0,12}(?:申请|许可)|获得[^，。；]{0,4}许可|通用许可|一般许可|(?:核发|颁发|签发)[^，。；]{0,8}许可"
)


def follow_up(text: str, title: str = "") -> str:
    """What later step of a measure the headline (else the opening) reports: "pause" (suspended,
    lifted, delayed), "step" (extended, taking effect, finalised, licences issued under it), or
    "" for none."""
    if not title:
        title, body = headline(text)
        title = title or body.strip()[:LEAD_TEXT]
    lower = simplified(unicodedata.normalize("NFKC", title).lower())
    if _PAUSE.search(lower):
        return "pause"
    return "step" if _STEP.search(lower) else ""


_MONTH_NAMED = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)(?:uary|ruary|ch|il|e|y|ust|t|tember|"
    r"ober|ember)?\b|(?<!\d)(1[0-2]|[1-9])\s*月(?!份?\s*以来)"
)


def months_named(text: str, title: str = "") -> tuple[int, ...]:
    """Months a headline and opening name ("since the April curbs", "10月出台的管制"): the
    time of the measure a follow-up report refers to."""
    title, body = headline(text, title)  # the opening after the headline, not the headline twice
    head = f"{title}\n{body.strip()[:LEAD_TEXT]}"
    lower = simplified(unicodedata.normalize("NFKC", head).lower())
    found = set()
    for m in _MONTH_NAMED.finditer(lower):
        if m.group(1):
            if m.group(0) == "may":
                continue  # the verb as often as the month
            found.add(_MONTHS[m.group(1)])
        else:
            found.add(int(m.group(2)))
    return tuple(sorted(found))


# An announcement named with its year: "公告2024年第46号", "Announcement No. 46 of 2024",
# "Announcement [2024] No. 46".
_NUMBER_OF_YEAR = re.compile(
    r"(20\d\d)\s*年\s*第\s*\d{1,3}\s*号|no\.\s*\d{1,3}\s*(?:\(\s*|,\s*|of\s+)(20\d\d)"
    r"|announcement\s*[\[(]\s*(20\d\d)\s*[\])]"
)


def years_cited(text: str, title: str = "") -> tuple[int, ...]:
    """Years of the numbered announcements a headline and opening name: a follow-up that names
    "Announcement No. 46 of 2024" refers to a measure taken that year."""
    head = f"{title}\n{text.strip()[:LEAD_TEXT]}"
    lower = simplified(unicodedata.normalize("NFKC", head).lower())
    return tuple(sorted({int(next(g for g in m.groups() if g)) for m in _NUMBER_OF_YEAR.finditer(lower)}))


_OPINION_LABEL = re.compile(
    r"^\s*[\[(【]?\s*(?:" + "|".join(re.escape(w) for w in OPINION_LABELS)
    + r")\s*[\])】]?\s*(?:[|:：\-–—/·]|$)"
)
_OPINION_SIGNOFF = re.compile("|".join(re.escape(w) for w in OPINION_SIGNOFFS))
SIGNOFF_TAIL = 400  # characters at a text's end where an opinion piece names its writer


def opinion(text: str, title: str = "") -> bool:
    """A signed opinion piece: its headline carries the outlet's opinion label ("Opinion | ...",
    "社评：..."), or its end names the writer ("The writer is a former trade official")."""
    head, _ = headline(text, title)
    if _OPINION_LABEL.search(simplified(unicodedata.normalize("NFKC", head).lower())):
        return True
    tail = simplified(unicodedata.normalize("NFKC", text.strip()[-SIGNOFF_TAIL:]).lower())
    return bool(_OPINION_SIGNOFF.search(tail))


_MEETING = re.compile(r"\b(?:" + "|".join(w for w in MEETING_WORDS if w.isascii()) + r")\b|"
                      + "|".join(w for w in MEETING_WORDS if not w.isascii()))
_CARRY_OUT = re.compile(
    r"(?:\b(?:" + "|".join(w for w in CARRY_OUT_WORDS if w.isascii()) + r")\b|"
    + "|".join(w for w in CARRY_OUT_WORDS if not w.isascii()) + r")[^.。;；]{0,40}?(?:\b(?:"
    + "|".join(w for w in AGREED_WORDS if w.isascii()) + r")\b|"
    + "|".join(w for w in AGREED_WORDS if not w.isascii()) + ")"
)  # the agreed thing follows the verb within a clause
_FIRST_SENTENCE = re.compile(r"[^.。!?！？]*")


def _lower(text: str) -> str:
    return simplified(unicodedata.normalize("NFKC", text).lower())


def meeting(text: str, title: str = "") -> bool:
    """The headline or first sentence tells of a meeting of governments (a summit, talks)."""
    head, body = headline(text, title)
    first = _FIRST_SENTENCE.match(body.strip()[:LEAD_TEXT])
    return bool(_MEETING.search(_lower(f"{head}\n{first.group() if first else ''}")))


def carries_out(text: str, title: str = "") -> bool:
    """The headline or opening says the measure carries out what was agreed or decided before
    ("carrying out a commitment made at the summit", "为落实两国元首会晤成果")."""
    head, body = headline(text, title)
    return bool(_CARRY_OUT.search(_lower(f"{head}\n{body.strip()[:LEAD_TEXT]}")))


def script(text: str) -> str:
    """"cjk" for a text mostly in Chinese or Japanese characters, else "latin"."""
    sample = text[:2000]
    cjk = sum(1 for ch in sample if "\u3040" <= ch <= "\u9fff")
    return "cjk" if cjk > 0.2 * max(1, len(sample.strip())) else "latin"
