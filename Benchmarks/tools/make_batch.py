#!/usr/bin/env python3
"""Writes a synthetic batch root for the benchmark: N applicants in `<root>/<校系代碼>/<應試號碼>/` with
`<root>/profiles/<校系代碼>.json`, each a text-and-table packet of about 30 pages (five semesters of
course tables, three 課程學習成果, ten 多元表現 records plus the school's cadre list, four
self-written essays of 2,500–3,500 characters). No attachments: the packets are text and tables only.

    python3 Benchmarks/tools/make_batch.py /tmp/bench/root --applicants 100 [--seed 20261129]

Deterministic: applicant i depends only on the seed and i, so the first 100 of a 1,000-applicant root
are the 100 of a 100-applicant root. Every person, school and ID here is invented; the course tables
come from samples/tools/make_samples.py (same plans, same histogram code).
"""
import argparse
import json
import os
import random
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "samples", "tools"))

from make_samples import GENERAL_PLAN, VOC_PLAN_INFO, check_id, course_record, plan_codes, to_json  # noqa: E402

# (校系代碼, 招生管道, 校系名稱, items): three university departments and one 技專 department.
DEPARTMENTS = [
    ("001012", "申請入學", "國立臺灣大學 中國文學系", "uni"),
    ("001052", "申請入學", "國立臺灣大學 歷史學系", "uni"),
    ("011032", "申請入學", "國立清靄大學 資訊工程學系", "uni"),
    ("2A0105", "四技二專甄選入學", "國立嵐峰科技大學 資訊工程系", "tech"),
]
UNI_ITEMS = ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O", "P", "Q", "R"]
TECH_ITEMS = ["A", "B-1", "B-2", "C-1", "C-2", "C-3", "C-4", "C-5", "C-6", "C-7", "C-8", "D-1", "D-2", "D-3"]

SURNAMES = "陳林黃張李王吳劉蔡楊許鄭謝洪郭邱曾廖賴徐周葉蘇莊呂江何蕭羅高潘簡朱鍾彭游詹胡施沈余盧梁趙顏柯翁魏孫戴"
GIVEN = "怡君家豪雅婷志明淑芬冠宇宜蓁承恩思妤柏翰詠晴子軒宥廷品妍昱辰芷涵禹安語彤睿哲沛蓉峻瑋秉諺采萱郁婷彥廷"
SCHOOLS = [("臺北市", "臺北市立松岡高級中學"), ("新北市", "新北市立溪州高級中學"), ("桃園市", "桃園市立竹圍高級中學"),
           ("臺中市", "臺中市立楓林高級中學"), ("臺南市", "臺南市立鹽埕高級中學"), ("高雄市", "高雄市立旗津高級中學"),
           ("花蓮縣", "國立花東高級中學"), ("新竹市", "國立風城高級中學")]

# ---------------------------------------------------------------------------------------- essays
# Sentences are built from templates and fillers so that every essay differs and a packet uses a
# realistic number of distinct characters (1,000–2,000), which is what the font subsets cost.

TOPICS = ["校園噪音", "社區老街", "河川水質", "家族遷徙", "古典詩詞", "城市綠地", "在地小吃", "廟宇建築", "海岸垃圾",
          "交通安全", "長照服務", "閱讀習慣", "方言保存", "能源轉型", "食物里程", "原住民族語言", "外籍移工", "校園午餐",
          "手機使用", "颱風防災", "茶產業", "眷村文化", "老屋再生", "夜市經濟", "公共圖書館", "鳥類觀察", "地方選舉"]
METHODS = ["問卷調查", "田野訪談", "文獻回顧", "實地量測", "統計分析", "比較閱讀", "小組討論", "實驗設計", "程式模擬",
           "口述歷史", "地圖繪製", "影像紀錄", "資料視覺化", "專家諮詢", "長期觀察"]
PEOPLE = ["指導老師", "社團學長姊", "班上同學", "社區里長", "圖書館員", "大學教授", "家中長輩", "實習單位的主管",
          "志工隊的夥伴", "校外講師", "研究助理", "在地店家"]
FEELINGS = ["挫折", "好奇", "驚訝", "踏實", "緊張", "感動", "困惑", "興奮", "慚愧", "欣慰", "焦慮", "滿足"]
SKILLS = ["時間管理", "團隊合作", "口語表達", "資料判讀", "批判思考", "文字寫作", "溝通協調", "問題拆解", "自主學習",
          "跨域整合", "邏輯推理", "同理傾聽"]
FIELDS = ["文學", "歷史學", "社會學", "資訊工程", "環境科學", "公共衛生", "經濟學", "教育學", "人類學", "地理學",
          "心理學", "傳播學"]
TEMPLATES = [
    "我最初注意到「{t}」這個問題，是因為{p}在課堂上隨口提起的一件小事，當時的我只覺得{f}，卻說不出原因。",
    "為了把問題釐清，我決定以{m}為主要方法，先訂出研究範圍，再逐步蒐集資料，並在每週的筆記中記錄進度。",
    "第一次整理資料時，我發現數字彼此矛盾，只好重新檢查每一個步驟；這段過程雖然{f}，卻讓我學會不輕易下結論。",
    "在{p}的建議下，我把原本過於龐大的題目縮小，只聚焦在{t}與{t2}之間的關係，報告的脈絡因此清楚許多。",
    "回頭看這段經驗，我認為最重要的收穫不是成果本身，而是培養了{s}與{s2}的能力。",
    "{p}曾提醒我：「好的問題比好的答案更難得。」這句話我一直寫在筆記本的第一頁。",
    "我們小組在期中遇到嚴重的分歧，有人主張擴大樣本，有人堅持先完成分析；最後我提議用一週時間各自試做，再以結果決定方向。",
    "透過{m}，我看見了課本之外的真實世界：許多現象並沒有標準答案，需要一再提問、驗證、修正。",
    "這次經驗讓我對{fd}產生濃厚的興趣，也讓我開始思考，未來能否以更嚴謹的方法延續這個題目。",
    "在撰寫報告的最後階段，我反覆修改結論，刪去沒有證據支持的推論，只保留能被資料回答的部分。",
    "我也承認自己有不足之處，例如在{s}上仍不夠熟練，常常低估工作所需的時間，導致最後幾天必須熬夜趕工。",
    "為了彌補這個缺點，我開始使用甘特圖規劃進度，並在每個階段結束時寫下檢討，下一次便能估得更準確。",
    "當我把成果分享給{p}時，對方提出的幾個問題讓我重新檢視研究的前提，也讓我發現先前忽略的變因。",
    "高二下學期，我參與了以{t}為主題的跨校交流，與來自不同學校的同學合作，體會到觀點多元的可貴。",
    "這些經歷累積起來，讓我更確定自己想在大學就讀{fd}相關的科系，並以{m}作為日後研究的基本功。",
    "每當遇到瓶頸，我會先離開書桌散步十分鐘，讓腦袋放空；回來之後，常常就能看見原本沒注意到的線索。",
    "我記得那天傍晚，{p}陪我在實驗室等最後一批數據，窗外下著大雨，我心裡卻感到前所未有的{f}。",
    "閱讀相關書籍時，我特別留意作者如何界定概念、如何處理反例，並試著在自己的報告中模仿這種寫法。",
    "這段歷程也讓我理解，所謂「學習」並不只是吸收知識，更是學會面對不確定、與他人協作、為自己的選擇負責。",
    "未來，我希望能在{fd}的訓練中，把今天的好奇心轉化為扎實的研究能力，回應{t}這類與社會息息相關的議題。",
    "在整理第{n}份訪談紀錄時，我發現受訪者的說法與官方統計有所出入，於是又花了兩週比對不同來源的資料。",
    "我們最後完成了一份{n}頁的報告，並在校內成果發表會上分享，聽眾的提問讓我看見許多可以延伸的方向。",
    "這門課的評量方式和過去不同，老師重視的是思考過程，而不只是最後的分數，這讓我更敢於嘗試新的做法。",
    "從{t}到{t2}，看似不相干的題目，其實都讓我練習同一件事：先觀察、再提問、最後用證據說話。",
]
HEADINGS_UNI = {
    "N": ["一、從參與到帶領", "二、跨出校園的嘗試", "三、失敗教會我的事", "四、我所培養的能力"],
    "O": ["一、高一：摸索與適應", "二、高二：找到方向", "三、高三：深化與整合", "四、回顧與反思"],
    "P": ["一、興趣的起點", "二、與貴系的連結", "三、我已做好的準備", "四、期待在貴系學到的事"],
    "Q": ["一、近程計畫：大一至大二", "二、中程計畫：大三至大四", "三、遠程目標：畢業之後", "四、持續修正的藍圖"],
}


def sentence(rng):
    return rng.choice(TEMPLATES).format(
        t=rng.choice(TOPICS), t2=rng.choice(TOPICS), m=rng.choice(METHODS), p=rng.choice(PEOPLE),
        f=rng.choice(FEELINGS), s=rng.choice(SKILLS), s2=rng.choice(SKILLS), fd=rng.choice(FIELDS),
        n=rng.randint(3, 40))


def paragraph(rng, sentences):
    return "".join(sentence(rng) for _ in range(sentences))


def essay(rng, title, headings, markdown, target):
    """About `target` characters: headings, paragraphs and, in the markdown ones, a list."""
    parts, length = [], 0
    if markdown:
        parts.append("# " + title)
    else:
        parts.append(title)
    section = 0
    while length < target:
        heading = headings[section % len(headings)] + ("" if section < len(headings) else "（續）")
        parts.append(("## " if markdown else "") + heading)
        for _ in range(rng.randint(2, 3)):
            text = paragraph(rng, rng.randint(3, 5))
            parts.append(text if markdown else "　　" + text)
            length += len(text)
        if markdown and section % 2 == 1:
            items = [sentence(rng) for _ in range(rng.randint(3, 4))]
            parts.append("\n".join("%d. %s" % (i + 1, item) for i, item in enumerate(items)))
            length += sum(map(len, items))
        section += 1
    return "\n\n".join(parts) + "\n" if markdown else "\n".join(parts) + "\n"


# ---------------------------------------------------------------------------------------- records


def date(year, month, day):
    return "%04d/%02d/%02d" % (year, month, day)


def short(rng, limit=90):
    """A 內容簡述 under the 100-character limit."""
    text = sentence(rng)
    while len(text) > limit:
        text = sentence(rng)
    return text


def performance(rng, tech):
    """Ten records counted against the cap, plus the school's cadre list (not counted)."""
    club = rng.choice(["古典詩社", "天文社", "機器人研究社", "辯論社", "攝影社", "生態社", "管樂社", "程式設計社"])
    perf = {
        "校方建立幹部經歷紀錄": [
            {"學年度": 112 + i // 2, "學期": 1 + i % 2, "單位名稱": "班級", "開始日期": date(2023 + (i + 1) // 2, 8 if i % 2 == 0 else 2, 30 if i % 2 == 0 else 1),
             "結束日期": date(2024 + i // 2, 1 if i % 2 == 0 else 6, 20 if i % 2 == 0 else 30),
             "擔任職務名稱": rng.choice(["班長", "副班長", "學藝股長", "風紀股長", "衛生股長", "總務股長"]), "幹部等級代碼": 2}
            for i in range(5)],
        "幹部經歷暨事蹟紀錄": [
            {"單位名稱": club, "開始日期": "2024/08/30", "結束日期": "2025/06/30", "擔任職務名稱": "社長", "幹部等級代碼": 3,
             "內容簡述": short(rng)}],
        "競賽參與紀錄": [
            {"競賽名稱": name, "競賽等級代碼": level, "競賽獎項": rng.choice(["第一名", "第二名", "第三名", "佳作", "優等", "甲等"]),
             "結果公布日期": date(2023 + k, rng.randint(3, 12), rng.randint(1, 28)), "項目": rng.choice(["高中組", "個人組", "團體組"]),
             "團體或個人參與代碼": 1 + k % 2, "內容簡述": short(rng)}
            for k, (name, level) in enumerate([("全國高級中等學校專題研究競賽", 3), ("縣市學生語文競賽", 2)])],
        "檢定證照紀錄": [
            {"證照資訊": {"證照區域": "國內", "證照類別": "語言能力", "證照名稱": "全民英語能力分級檢定測驗中級"},
             "取得證照日期": date(2024, 6, rng.randint(1, 28)), "分項結果": "初試：通過；複試：通過",
             "檢定證照結果分數": rng.randint(160, 200), "檢定證照字號": "SYN-%06d" % rng.randint(0, 999999)}],
        "服務學習紀錄": [
            {"服務名稱": rng.choice(["社區圖書室志工", "淨灘活動", "長者數位陪伴", "課後輔導志工"]),
             "服務單位名稱": rng.choice(["里活動中心", "社區關懷據點", "地方文化館"]), "開始日期": "2023/09/02",
             "結束日期": "2024/06/15", "服務學習時數": rng.randint(12, 60), "內容簡述": short(rng)}],
        "彈性學習時間紀錄": [
            {"學年度": 113, "學期": 1, "彈性學習時間類別代碼": 1, "內容_開設名稱": rng.choice(TOPICS) + "自主學習計畫",
             "開設單位": "教務處", "每週節數": 2, "開設週數": 18, "內容簡述": short(rng)}],
        "團體活動時間紀錄": [
            {"學年度": 112 + k, "學期": 1, "團體活動時間類別代碼": 2, "辦理單位": club,
             "團體活動內容名稱": club + "社課：" + rng.choice(TOPICS), "節數或時數": 18} for k in range(2)],
        "作品成果紀錄": [
            {"名稱": rng.choice(TOPICS) + "專題小誌", "作品日期": date(2025, 1, rng.randint(1, 28)),
             "作品成果連結": "https://works.example.org/%06d" % rng.randint(0, 999999), "內容簡述": short(rng)}],
        "其他多元表現紀錄": [
            {"名稱": rng.choice(TOPICS) + "田野調查", "主辦單位": "圖書館", "開始日期": "2024/03/01", "結束日期": "2024/05/31",
             "時數": rng.randint(10, 40), "內容簡述": short(rng)}],
    }
    return perf


def outcomes(rng, codes, plan, tech):
    subjects = sorted({c[0] for courses in plan.values() for c in courses})
    chosen = rng.sample(subjects, 3)
    items = ["B-1", "B-2", "B-2"] if tech else ["B", "C", "D"]
    result = []
    for subject, item in zip(chosen, items):
        year, term = next(k for k, v in plan.items() if any(c[0] == subject for c in v))
        entry = {"科目名稱": subject, "實際修課學年度": year, "實際修課學期": term, "課程代碼": codes[subject],
                 "課程學習成果簡述": short(rng), "認證狀態": "已認證", "審查項目代碼": item}
        if tech:
            entry["成果類別"] = 1 if item == "B-1" else 2
        result.append(entry)
    return result


def applicant(root, seed, index):
    dept, channel, _name, kind = DEPARTMENTS[index % len(DEPARTMENTS)]
    tech = kind == "tech"
    number = "%02d%06d" % (10 + index % len(DEPARTMENTS), index)
    rng = random.Random("%d/%s" % (seed, number))
    folder = os.path.join(root, dept, number)
    os.makedirs(folder, exist_ok=True)

    def write(name, text):
        with open(os.path.join(folder, "%s_%s" % (number, name)), "w", encoding="utf-8") as fh:
            fh.write(text)

    region, school = rng.choice(SCHOOLS)
    school_code = "%06d" % rng.randint(10000, 999999)
    letter = rng.choice("ABCDEFGHJKLMNPQRSTUVXYWZIO")
    basic = {
        "應試號碼": number, "學生中文姓名": rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, 2)),
        "國民身分證統一編號(或居留證統一證號)": check_id(letter, "%d%07d" % (rng.randint(1, 2), rng.randint(0, 9999999))),
        "學生出生年月日": "09%d%02d%02d" % (6 + rng.randint(0, 1), rng.randint(1, 12), rng.randint(1, 28)),
        "就讀學校代碼": school_code, "學校名稱": school, "學校地區": region,
        "群別": "電機與電子群" if tech else "普通型", "科班學程別": "資訊科" if tech else "普通科",
        "班別": "一般班", "學習型態": "一般",
    }
    write("基本資料.json", to_json(basic) + "\n")

    plan = VOC_PLAN_INFO if tech else GENERAL_PLAN
    track = "V30301" if tech else "H11101"
    codes = plan_codes(112, school_code, track, plan)
    ability = {"01": rng.uniform(70, 92), "02": rng.uniform(65, 92), "00": rng.uniform(70, 92), "*": rng.uniform(72, 88)}
    pops = {"grade": rng.randint(250, 560), "elective": rng.randint(90, 200), "small": rng.randint(24, 40),
            "dept": rng.randint(70, 110), "group": rng.randint(180, 300)}
    record = course_record(rng, entry=112, school=school_code, track=track, plan=plan, ability=ability, pops=pops,
                           sem_pops=(rng.randint(400, 700), rng.randint(250, 400), rng.randint(200, 400)))
    write("修課紀錄.json", json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
    write("課程學習成果.json", to_json(outcomes(rng, codes, plan, tech)) + "\n")
    write("多元表現.json", to_json(performance(rng, tech)) + "\n")

    titles = {"N": "多元表現綜整心得", "O": "高中學習歷程反思", "P": "就讀動機", "Q": "未來學習計畫與生涯規劃"}
    for code, title in titles.items():
        markdown = rng.random() < 0.5
        write(title + (".md" if markdown else ".txt"),
              essay(rng, title, HEADINGS_UNI[code], markdown, rng.randint(2500, 3500)))
    return dept


def profiles(root):
    for dept, channel, name, kind in DEPARTMENTS:
        path = os.path.join(root, "profiles", dept + ".json")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        profile = {"招生學年度": 115, "招生管道": channel, "校系代碼": dept, "校系名稱": name,
                   "審查項目": TECH_ITEMS if kind == "tech" else UNI_ITEMS,
                   "上限": {"B-1": 3} if kind == "tech" else {"課程學習成果": 3, "多元表現": 10}}
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(to_json(profile) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("root")
    parser.add_argument("--applicants", type=int, default=100)
    parser.add_argument("--seed", type=int, default=20261129)
    args = parser.parse_args()
    shutil.rmtree(args.root, ignore_errors=True)
    profiles(args.root)
    for i in range(args.applicants):
        applicant(args.root, args.seed, i)
    print("%d applicants written under %s" % (args.applicants, args.root))


if __name__ == "__main__":
    main()
