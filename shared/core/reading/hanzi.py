"""Simplified and traditional Chinese characters, both ways.

Outlets in Taiwan and Hong Kong write traditional characters (商務部, 稀土出口管制) where the
mainland writes simplified ones (商务部). Two uses, two tables:
- `simplified(text)` folds a whole text, for comparing reports: it covers the characters common
  in trade, export-control and minerals reporting, and several traditional forms may fold to one.
- `traditional(phrase)` spells a lexicon phrase the traditional way, so every Chinese cue is also
  looked for in that spelling: only pairs that are safe in that direction (制 stays 制 in 管制).
"""

from __future__ import annotations

import re

_FOLD_PAIRS = (
    "國国 們们 會会 時时 來来 對对 說说 經经 過过 還还 這这 樣样 實实 發发 現现 與与 業业 點点 開开 "
    "關关 問问 題题 電电 話话 長长 車车 東东 為为 個个 學学 應应 從从 後后 義义 書书 買买 賣卖 讀读 "
    "寫写 聽听 語语 認认 識识 記记 計计 設设 許许 議议 論论 調调 談谈 請请 變变 區区 醫医 藥药 衛卫 "
    "護护 軍军 隊队 戰战 爭争 權权 歷历 數数 據据 證证 擔担 憂忧 態态 總总 統统 領领 導导 農农 產产 "
    "廠厂 礦矿 鐵铁 鋼钢 銀银 銅铜 鋁铝 鎳镍 鈷钴 鎢钨 鉬钼 鋰锂 鎵镓 鍺锗 銻锑 鏑镝 鋱铽 釹钕 鐠镨 "
    "釤钐 釓钆 鑥镥 鈧钪 釔钇 鈥钬 鉺铒 銩铥 銪铕 鐿镱 銦铟 鉍铋 鎂镁 錳锰 鉻铬 鈦钛 鋯锆 鈮铌 鉭钽 "
    "鉑铂 鈀钯 貿贸 額额 價价 費费 資资 幣币 錢钱 財财 稅税 務务 協协 員员 單单 號号 條条 約约 規规 "
    "則则 標标 準准 質质 測测 試试 驗验 檢检 審审 處处 辦办 勢势 場场 環环 備备 機机 構构 組组 織织 "
    "網网 絡络 線线 體体 係系 層层 級级 結结 團团 積积 負负 責责 節节 優优 難难 邊边 擴扩 張张 縮缩 "
    "減减 壓压 劑剂 製制 術术 錄录 佈布 輸输 運运 轉转 續续 維维 響响 頭头 內内 萬万 億亿 無无 於于 "
    "並并 歐欧 韓韩 蘭兰 紐纽 倫伦 華华 頓顿 徵征 聯联 報报 稱称 週周 間间 將将 進进 達达 選选 遠远 "
    "適适 連连 親亲 視视 覺觉 觀观 劃划 執执 勞劳 動动 損损 險险 陸陆 陽阳 隨随 雙双 雖虽 雜杂 靈灵 "
    "順顺 須须 預预 頻频 風风 飛飞 養养 館馆 驅驱 麥麦 黃黄 齊齐 龍龙 傳传 僅仅 兒儿 兩两 創创 勵励 "
    "卻却 厲厉 參参 啟启 嚴严 圍围 圖图 堅坚 塊块 壞坏 復复 夠够 奪夺 獎奖 寧宁 屆届 屬属 歲岁 島岛 "
    "幫帮 幹干 廣广 強强 歸归 當当 徑径 懷怀 戶户 擁拥 擇择 擊击 擬拟 敗败 敵敌 斷断 舊旧 暫暂 曆历 "
    "棄弃 歡欢 殘残 氣气 漢汉 潛潜 獨独 瑪玛 畫画 盡尽 監监 盤盘 確确 碼码 禮礼 穩稳 競竞 範范 簡简 "
    "簽签 糧粮 紀纪 紅红 納纳 紙纸 終终 絕绝 給给 綜综 綠绿 緊紧 編编 緩缓 練练 縣县 繼继 罰罚 羅罗 "
    "聞闻 聲声 職职 腦脑 興兴 舉举 艦舰 藝艺 蘇苏 衝冲 補补 裝装 複复 襲袭 訂订 討讨 訊讯 訪访 訴诉 "
    "註注 評评 詞词 詳详 誤误 誰谁 課课 諾诺 謀谋 講讲 謝谢 譯译 讓让 貝贝 貢贡 貨货 販贩 貴贵 貸贷 "
    "賓宾 賠赔 購购 贏赢 趨趋 跡迹 軟软 較较 載载 輕轻 輔辅 輪轮 違违 遲迟 遺遗 鄰邻 釋释 針针 銷销 "
    "錯错 鍵键 鎖锁 鏈链 門门 閉闭 閣阁 階阶 際际 隱隐 離离 項项 顏颜 類类 顯显 餘余 馬马 鬥斗 魚鱼 "
    "鮮鲜 鳥鸟 麼么 黨党 臺台 灣湾 輝辉 偉伟 鑒鉴 習习 盧卢 懲惩 倉仓 儲储 庫库 貼贴 鑄铸 煉炼 採采 "
    "廢废 純纯 鹽盐 極极 陰阴 儀仪 啟启 邏逻 輯辑 壟垄 斷断 韌韧 稅税 佔占 囑嘱 纜缆 燈灯 螢萤 鏡镜 "
    "頒颁 詢询 揚扬 壯壮 盜盗 竊窃 緝缉 嫌嫌 濟济 貫贯 債债 潤润 漲涨 額额 幾几 剛刚 亞亚 澤泽 "
    "傾倾 臨临 築筑 營营 揮挥 頁页 "
    "顧顾 飾饰 罷罢 讚赞 裡里 裏里 鬆松 濫滥 獲获 憑凭 滿满 膽胆 闆板 驟骤 攜携 擔担 韋韦 "
    # More of the common characters of news copy from Taiwan and Hong Kong.
    "綁绑 擱搁 凍冻 禦御 慮虑 謹谨 遞递 憲宪 覽览 噸吨 櫃柜 爐炉 鑽钻 礎础 賬账 諮咨 繞绕 決决 彈弹 圓圆 "
    "鍊炼 種种 鋅锌 錫锡 鉛铅 鉿铪 釩钒 鈹铍 鈾铀 釷钍 鑭镧 鈰铈 鉕钷 矽硅 閘闸 闊阔 闡阐 闖闯 顆颗 願愿 "
    "顛颠 飆飙 駐驻 騰腾 髮发 鬧闹 魯鲁 鳴鸣 齒齿 龐庞 龜龟 兌兑 誠诚 誼谊 諒谅 謂谓 謠谣 譜谱 譽誉 賀贺 "
    "賃赁 賜赐 賞赏 賤贱 賦赋 贈赠 贊赞 趕赶 躍跃 軌轨 軒轩 輛辆 轄辖 轟轰 辭辞 遊游 遙遥 遷迁 遼辽 郵邮 "
    "鄉乡 鄭郑 釀酿 鈔钞 鈕钮 鉤钩 銜衔 銳锐 鋒锋 錦锦 鍋锅 鍛锻 鎮镇 鐘钟 鑑鉴 閃闪 閒闲 閱阅 陣阵 陳陈 "
    "雞鸡 雲云 靜静 頂顶 飯饭 飲饮 飽饱 駕驾 驚惊 髒脏 麗丽 齡龄 擋挡 擺摆 擾扰 攤摊 攬揽 斂敛 晉晋 暢畅 "
    "曉晓 曠旷 楊杨 榮荣 槍枪 樂乐 樓楼 樞枢 樹树 橋桥 檔档 殺杀 氫氢 沒没 況况 洩泄 淨净 淺浅 渦涡 湯汤 "
    "溝沟 滅灭 滬沪 滯滞 滲渗 漁渔 潔洁 澀涩 濃浓 濕湿 濤涛 瀏浏 災灾 烏乌 煙烟 煩烦 熱热 燒烧 爺爷 牆墙 "
    "犧牺 狀状 猶犹 獄狱 獵猎 獻献 畝亩 畢毕 疊叠 療疗 眾众 禍祸 穀谷 窮穷 筆笔 籃篮 籌筹 糾纠 紋纹 紛纷 "
    "細细 絲丝 緣缘 縱纵 績绩 繪绘 聖圣 聰聪 肅肃 脅胁 脫脱 膚肤 膠胶 臉脸 艙舱 艱艰 莊庄 葉叶 蒼苍 蓋盖 "
    "蔣蒋 蕭萧 薦荐 薩萨 藍蓝 蟲虫 見见 觸触 託托 診诊 詐诈 該该 誇夸 誕诞 諸诸 謊谎 豐丰 豬猪 貧贫 貪贪 "
    "賴赖 賺赚 贖赎 趙赵 蹤踪 辯辩 鑰钥 閥阀 隸隶 頗颇 頸颈 顫颤 飢饥 飼饲 饋馈 駁驳 騎骑 鬱郁 鴻鸿 鷹鹰 "
    "麵面 併并 側侧 偵侦 傑杰 傷伤 僑侨 儘尽 償偿 冊册 凱凯 劇剧 劉刘 劍剑 勁劲 勝胜 勳勋 匯汇 厭厌 叢丛 "
    "喪丧 喬乔 嗎吗 嘆叹 嚇吓 園园 塗涂 塵尘 墊垫 壇坛 壩坝 壽寿 夢梦 夾夹 奮奋 婦妇 孫孙 寬宽 寶宝 專专 "
    "尋寻 屢屡 峽峡 崗岗 嶺岭 廳厅 彙汇 憶忆 懇恳 懸悬 懼惧 戲戏 拋抛 挾挟 捨舍 掃扫 掛挂 換换 搖摇 搶抢 "
    "撐撑 撥拨 擠挤 攔拦 攝摄 敘叙 斬斩 繳缴 "
)
TABLE = str.maketrans({p[0]: p[1] for p in _FOLD_PAIRS.split()})


# A reading aid some sites print after a character, its pinyin with the tone marked: "實(shí)體",
# "報(bào)". It splits the words the lexicons look for; an English name in brackets ("輝達(NVIDIA)")
# carries no tone mark and stays.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_PINYIN_AID = re.compile(rf"(?<=[\u4e00-\u9fff])[(（](?=[^)）]*[{_TONED}])[a-zü{_TONED}]{{1,7}}[)）]")


def simplified(text: str) -> str:
    """The text with the traditional characters above in their simplified form, and without the
    pinyin some pages print after each character."""
    if text.isascii():
        return text
    return _PINYIN_AID.sub("", text).translate(TABLE)


# Simplified, traditional: pairs for the characters that differ, as the lexicons need them.
_LEXICON_PAIRS = (
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
_TO_TRADITIONAL = str.maketrans({pair[0]: pair[1] for pair in _LEXICON_PAIRS.split() if pair[0] != pair[1]})


def traditional(phrase: str) -> str:
    """The phrase with its simplified characters in traditional form (unchanged if none)."""
    return phrase.translate(_TO_TRADITIONAL)
