#!/usr/bin/env python3
"""Writes one synthetic applicant with many course rows and 多元表現 records, for measuring the
reader and the assembly on large inputs:

    python3 Benchmarks/tools/make_large_applicant.py /tmp/large 20000 50000
    /usr/bin/time -v .build/release/portfolio-export check /tmp/large/001012/07000001
"""
import json, os, sys

root, courses, records = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
folder = os.path.join(root, "001012", "07000001")
os.makedirs(folder, exist_ok=True)

def write(name, value):
    with open(os.path.join(folder, "07000001_" + name), "w", encoding="utf-8") as f:
        json.dump(value, f, ensure_ascii=False)

write("基本資料.json", {"應試號碼": "07000001", "學生中文姓名": "測試生", "國民身分證統一編號(或居留證統一證號)": "A100000001"})
rows = []
for i in range(courses):
    score = (i % 1001) / 10
    k = min(int(score), 99)
    rows.append({"實際修課學年度": 112 + (i // 2000) % 3, "實際修課學期": 1 + (i // 1000) % 2, "科目名稱": f"科目{i}",
                 "學分數": 2, "課程類別": "部定必修", "課程領域資訊": {"名稱": "語文"}, "課程代碼": "112013301H11101A1010101",
                 "學業成績": {"分數": score}, "母體人數": 300,
                 "本科目分數級距分布": {f"組距{k}_{k + 1}的人數": 100, "組距99_100的人數": 200}})
write("修課紀錄.json", {"學期成績與學習相對表現資訊": [], "學習紀錄": rows})
write("多元表現.json", {"競賽參與紀錄": [{"競賽名稱": f"競賽{i}", "競賽等級代碼": 1 + i % 4, "競賽獎項": "佳作",
                                       "結果公布日期": "2024/05/01"} for i in range(records)]})
