"""Traditional forms of the simplified characters the lexicons use.

Taiwanese and Hong Kong outlets write 商務部 and 稀土出口管制 where MOFCOM writes 商务部: every
Chinese phrase is also looked for in its traditional spelling.
"""

from __future__ import annotations

# Simplified, traditional: pairs for the characters that differ, as the lexicons need them.
_PAIRS = (
    "业業 两兩 为為 产產 会會 伟偉 体體 关關 决決 务務 华華 单單 发發 团團 国國 备備 "
    "复復 实實 宽寬 导導 将將 应應 开開 总總 术術 极極 欧歐 炼煉 电電 矿礦 种種 离離 "
    "类類 经經 许許 谈談 负負 贸貿 资資 达達 轻輕 采採 钆釓 钇釔 钐釤 钒釩 钕釹 钛鈦 "
    "钨鎢 钪鈧 钬鈥 钯鈀 钴鈷 钷鉕 钼鉬 钽鉭 铀鈾 铁鐵 铂鉑 铅鉛 铈鈰 铋鉍 铌鈮 铍鈹 "
    "铒鉺 铕銪 铜銅 铝鋁 铟銦 铥銩 铪鉿 铬鉻 银銀 铽鋱 锂鋰 锆鋯 锌鋅 锑銻 锗鍺 锡錫 "
    "锰錳 镁鎂 镍鎳 镓鎵 镝鏑 镥鑥 镧鑭 镨鐠 镱鐿 际際 项項 黄黃 储儲 暂暫 税稅 齐齊 "
    "价價 码碼 审審 条條 规規 执執 罚罰 调調 监監 东東 网網 动動 报報 尔爾 龙龍 广廣 "
    "门門 厂廠 长長 进進 过過 还還 这這 对對 让讓 买買 卖賣 录錄 标標 证證 倾傾 销銷 "
    "补補 贴貼 征徵 涨漲 扩擴 额額 办辦 签簽 议議 协協 约約 营營 钢鋼 闭閉 断斷 运運 "
    "输輸 数數 据據 亿億 万萬 状狀 态態 维維 护護 战戰 计計 划劃 围圍 紧緊 统統 视視 "
    "险險 级級 艺藝 构構 织織 组組 领領 军軍 飞飛 机機 车車 脑腦 缓緩 迟遲 释釋 续續 "
    "继繼 惩懲 责責 观觀 权權 认認 识識 设設 给給 与與 从從 严嚴 检檢 验驗 质質 汇匯 "
    "结結 闻聞 虽雖 尽盡 荐薦 获獲 图圖 书書 无無 说說 请請 询詢 问問 满滿 稳穩 链鏈"
)
_TO_TRADITIONAL = str.maketrans({pair[0]: pair[1] for pair in _PAIRS.split() if pair[0] != pair[1]})


def traditional(phrase: str) -> str:
    """The phrase with its simplified characters in traditional form (unchanged if none)."""
    return phrase.translate(_TO_TRADITIONAL)
