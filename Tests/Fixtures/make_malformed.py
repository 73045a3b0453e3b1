#!/usr/bin/env python3
"""Regenerate Tests/Fixtures/malformed/: one tiny broken applicant folder per case, cases.tsv, the profile.

    python3 Tests/Fixtures/make_malformed.py

Deterministic, standard library only. All data is synthetic. The huge-array case is not here: the test
code generates it at run time. Symlinks are created with os.symlink (git stores them as links).
"""
import hashlib
import json
import os
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "malformed")

BASIC_KEYS = {
    "學生中文姓名": "測試生",
    "國民身分證統一編號(或居留證統一證號)": "A123456789",
    "學生出生年月日": "0970315",
    "就讀學校代碼": "999901",
    "學校名稱": "測試市立範例高級中學",
    "學校地區": "測試市",
    "群別": "普通型",
    "科班學程別": "普通科",
    "班別": "一般班",
    "學習型態": "一般",
}


def basic(number, **changes):
    data = {"應試號碼": number}
    data.update(BASIC_KEYS)
    data.update(changes)
    return data


def js(value):
    return json.dumps(value, ensure_ascii=False, indent=1).encode("utf-8") + b"\n"


def tiny_pdf(label):
    """A one-page PDF with correct xref offsets (Helvetica, ASCII text)."""
    text = label.replace("\\", "").replace("(", "").replace(")", "")
    stream = ("BT /F1 12 Tf 56 780 Td (%s) Tj ET\n" % text).encode("ascii")
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
            b"/Contents 5 0 R >>",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"endstream"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def outcome(**extra):
    rec = {"科目名稱": "物理", "實際修課學年度": 113, "實際修課學期": 1,
           "課程學習成果簡述": "測試用的課程學習成果。", "認證狀態": "已認證"}
    rec.update(extra)
    return rec


def hist(n, start=70):
    """A small histogram of n students, one per bin starting at `start`."""
    return {"組距%d_%d的人數" % (k, k + 1): 1 for k in range(start, start + n)}


def course(**extra):
    rec = {"實際修課學年度": 113, "實際修課學期": 1, "科目名稱": "國語文", "學分數": 4, "課程類別": "部定必修",
           "課程領域資訊": {"名稱": "語文"}, "課程代碼": "112999901H11101A1010101", "學業成績": {"分數": 75},
           "母體人數": 10, "本科目分數級距分布": hist(10)}
    rec.update(extra)
    return rec


def courses_file(*records, semesters=None):
    return {"學期成績與學習相對表現資訊": semesters or [], "學習紀錄": list(records)}


PDF = tiny_pdf("Attachment (synthetic test fixture)")
PDF_MD5 = hashlib.md5(PDF).hexdigest()
# The target of the relative symlink cases: a valid PDF outside every applicant folder (no symlink cycles).
OUTSIDE_PDF = tiny_pdf("OUTSIDE the applicant folder: must never be read")
OUTSIDE_MD5 = hashlib.md5(OUTSIDE_PDF).hexdigest()

# Each case: (short name, exit code, file suffix named in messages, what, builder)
# builder(number) -> (files: {relative path: bytes or None}, symlinks: {relative path: target})
# A None value means "do not write this file" (used to drop the default 基本資料).
CASES = []


def case(short, exit_code, suffix, what):
    def register(builder):
        CASES.append((short, exit_code, suffix, what, builder))
        return builder
    return register


# ---------------------------------------------------------------- _基本資料.json missing or unreadable → 65

@case("basic-missing", 65, "基本資料.json", "no _基本資料.json at all (other files present)")
def _(n):
    return {"_基本資料.json": None, "_課程學習成果.json": js([outcome()])}, {}


@case("basic-empty", 65, "基本資料.json", "_基本資料.json is 0 bytes")
def _(n):
    return {"_基本資料.json": b""}, {}


@case("basic-bom-only", 65, "基本資料.json", "_基本資料.json holds only a UTF-8 BOM")
def _(n):
    return {"_基本資料.json": b"\xef\xbb\xbf"}, {}


@case("basic-truncated", 65, "基本資料.json", "_基本資料.json is cut off in the middle of a string")
def _(n):
    text = json.dumps(basic(n), ensure_ascii=False)
    return {"_基本資料.json": text[:text.index("測試生") + 2].encode("utf-8")}, {}  # ends inside a string


@case("basic-not-object", 65, "基本資料.json", "_基本資料.json is a JSON string, not an object")
def _(n):
    return {"_基本資料.json": js(n)}, {}


@case("basic-null", 65, "基本資料.json", "_基本資料.json is the JSON literal null")
def _(n):
    return {"_基本資料.json": b"null\n"}, {}


@case("basic-top-array", 65, "基本資料.json", "_基本資料.json is an array holding the object")
def _(n):
    return {"_基本資料.json": js([basic(n)])}, {}


@case("basic-utf32le-bom", 65, "基本資料.json", "_基本資料.json in UTF-32 LE with BOM (FF FE 00 00, looks like a UTF-16 BOM)")
def _(n):
    return {"_基本資料.json": b"\xff\xfe\x00\x00" + json.dumps(basic(n), ensure_ascii=False).encode("utf-32-le")}, {}


@case("basic-utf32be-bom", 65, "基本資料.json", "_基本資料.json in UTF-32 BE with BOM (00 00 FE FF)")
def _(n):
    return {"_基本資料.json": b"\x00\x00\xfe\xff" + json.dumps(basic(n), ensure_ascii=False).encode("utf-32-be")}, {}


@case("basic-big5", 65, "基本資料.json", "_基本資料.json in Big5/CP950 bytes (invalid UTF-8)")
def _(n):
    data = json.dumps(basic(n, 學生中文姓名="王小明", 學校名稱="測試市立範例高級中學"), ensure_ascii=False).encode("cp950")
    try:
        data.decode("utf-8")
        raise SystemExit("cp950 sample unexpectedly valid UTF-8")
    except UnicodeDecodeError:
        pass
    return {"_基本資料.json": data}, {}


@case("basic-utf16le-no-bom", 65, "基本資料.json", "_基本資料.json in UTF-16 LE without a BOM")
def _(n):
    return {"_基本資料.json": json.dumps(basic(n), ensure_ascii=False).encode("utf-16-le")}, {}


@case("basic-utf16be-no-bom", 65, "基本資料.json", "_基本資料.json in UTF-16 BE without a BOM")
def _(n):
    return {"_基本資料.json": json.dumps(basic(n), ensure_ascii=False).encode("utf-16-be")}, {}


@case("basic-utf16-odd-length", 65, "基本資料.json", "_基本資料.json: UTF-16 LE BOM but an odd number of bytes (cut off)")
def _(n):
    return {"_基本資料.json": b"\xff\xfe" + json.dumps(basic(n), ensure_ascii=False).encode("utf-16-le") + b"}"}, {}


# ---------------------------------------------------------------- an optional file unreadable → 65 (packet still made)

@case("courses-truncated", 65, "修課紀錄.json", "_修課紀錄.json is cut off (syntax error)")
def _(n):
    return {"_修課紀錄.json": js(courses_file(course()))[:150]}, {}


@case("courses-string", 65, "修課紀錄.json", "_修課紀錄.json is a JSON string instead of an object")
def _(n):
    return {"_修課紀錄.json": js("請見紙本成績單")}, {}


@case("courses-deep-nesting", 65, "修課紀錄.json", "_修課紀錄.json nests arrays 10,000 deep")
def _(n):
    depth = 10000
    text = '{"學期成績與學習相對表現資訊": [], "學習紀錄": ' + "[" * depth + "]" * depth + "}\n"
    return {"_修課紀錄.json": text.encode("utf-8")}, {}


@case("outcomes-object", 65, "課程學習成果.json", "_課程學習成果.json is one object instead of an array")
def _(n):
    return {"_課程學習成果.json": js(outcome())}, {}


@case("outcomes-lone-surrogate", 65, "課程學習成果.json",
      "_課程學習成果.json has a lone surrogate escape \\ud800 in 簡述 (a JSON syntax error for the parser)")
def _(n):
    text = ('[{"科目名稱": "物理", "實際修課學年度": 113, "實際修課學期": 1, '
            '"課程學習成果簡述": "前半\\ud800後半", "認證狀態": "已認證"}]\n')
    return {"_課程學習成果.json": text.encode("utf-8")}, {}


@case("outcomes-utf16be-no-bom", 65, "課程學習成果.json", "_課程學習成果.json in UTF-16 BE without a BOM")
def _(n):
    return {"_課程學習成果.json": json.dumps([outcome()], ensure_ascii=False).encode("utf-16-be")}, {}


@case("outcomes-trailing-garbage", 65, "課程學習成果.json", "_課程學習成果.json: a valid array followed by more text")
def _(n):
    return {"_課程學習成果.json": js([outcome()]) + b'{"extra": true}\n'}, {}


@case("perf-array", 65, "多元表現.json", "_多元表現.json is an array instead of an object")
def _(n):
    return {"_多元表現.json": js([{"競賽名稱": "測試競賽", "競賽等級代碼": 1}])}, {}


@case("perf-invalid-utf8", 65, "多元表現.json", "_多元表現.json contains an invalid UTF-8 sequence (C3 28) in a string")
def _(n):
    head = '{"其他多元表現紀錄": [{"名稱": "測試'.encode("utf-8")
    tail = '", "主辦單位": "測試單位"}]}\n'.encode("utf-8")
    return {"_多元表現.json": head + b"\xc3\x28" + tail}, {}


@case("perf-truncated", 65, "多元表現.json", "_多元表現.json is cut off after an opening bracket")
def _(n):
    return {"_多元表現.json": '{"競賽參與紀錄": [{"競賽名稱": "測試競賽", "競賽等級代碼": 1}, '.encode("utf-8")}, {}


@case("perf-empty-file", 65, "多元表現.json", "_多元表現.json is 0 bytes (not JSON; not the same as absent)")
def _(n):
    return {"_多元表現.json": b""}, {}


# ---------------------------------------------------------------- everything else: warnings only → 0

@case("basic-wrong-types", 0, "基本資料.json",
      "_基本資料.json readable but 學生中文姓名 is an array, 擔任學校幹部經歷紀錄 a string, 學生出生年月日 a number")
def _(n):
    return {"_基本資料.json": js(basic(n, 學生中文姓名=["測", "試", "生"], 擔任學校幹部經歷紀錄="班長",
                                    學生出生年月日=970315))}, {}


@case("folder-id-mismatch", 0, "基本資料.json", "應試號碼 inside _基本資料.json differs from the folder name")
def _(n):
    return {"_基本資料.json": js(basic("09009999"))}, {}


@case("courses-wrong-types", 0, "修課紀錄.json", "學年度: true, 學分數: {\"a\":1}, 科目名稱: an array")
def _(n):
    sem = {"學年度": True, "學期": 1, "學生學期成績": 80,
           "校學習相對表現資訊": {"母體人數": 10, "分數級距分布": hist(10)}}
    return {"_修課紀錄.json": js(courses_file(
        course(實際修課學年度=True, 學分數={"a": 1}, 科目名稱=["國語文"]), semesters=[sem]))}, {}


@case("courses-number-garbage", 0, "修課紀錄.json", "學分數 \"四\", 母體人數 \"many\", 學業成績.分數 \"A+\"")
def _(n):
    return {"_修課紀錄.json": js(courses_file(course(學分數="四", 母體人數="many", 學業成績={"分數": "A+"})))}, {}


@case("courses-huge-numbers", 65, "修課紀錄.json", "學分數 1e400 (overflows a double), 母體人數 a 23-digit integer: out of range, a data error")
def _(n):
    text = js(courses_file(course(學分數="@@CREDITS@@", 母體人數="@@POP@@"))).decode("utf-8")
    text = text.replace('"@@CREDITS@@"', "1e400").replace('"@@POP@@"', "12345678901234567890123")
    return {"_修課紀錄.json": text.encode("utf-8")}, {}


@case("course-code-wrong-length", 0, "修課紀錄.json", "課程代碼 of 22 and 24 characters, and one with a '!'")
def _(n):
    return {"_修課紀錄.json": js(courses_file(
        course(課程代碼="112999901H11101A101010"),
        course(科目名稱="英語文", 課程代碼="112999901H11101A10101022"),
        course(科目名稱="數學", 課程代碼="112999901H11101A1010!03")))}, {}


@case("bin-key-malformed", 0, "修課紀錄.json", "bin keys 組距abc的人數, 組距5_7的人數, 組距100_101的人數")
def _(n):
    dist = hist(7)
    dist.update({"組距abc的人數": 1, "組距5_7的人數": 1, "組距100_101的人數": 1})
    return {"_修課紀錄.json": js(courses_file(course(本科目分數級距分布=dist)))}, {}


@case("histogram-negative", 0, "修課紀錄.json", "a histogram with negative counts")
def _(n):
    dist = hist(10)
    dist["組距70_71的人數"] = -5
    dist["組距71_72的人數"] = 6
    return {"_修課紀錄.json": js(courses_file(course(本科目分數級距分布=dist)))}, {}


@case("score-150", 0, "修課紀錄.json", "學業成績.分數 150 (outside 0-100)")
def _(n):
    return {"_修課紀錄.json": js(courses_file(course(學業成績={"分數": 150})))}, {}


@case("population-zero", 0, "修課紀錄.json", "母體人數 0 with a non-empty histogram")
def _(n):
    return {"_修課紀錄.json": js(courses_file(course(母體人數=0)))}, {}


@case("outcomes-unknown-keys", 0, "課程學習成果.json", "unknown keys 備註欄 and x_vendor in an outcome record")
def _(n):
    return {"_課程學習成果.json": js([outcome(備註欄="教師補充說明", x_vendor={"id": 7})])}, {}


@case("perf-unknown-category", 0, "多元表現.json", "an unknown category key 志工時數紀錄 in _多元表現.json")
def _(n):
    return {"_多元表現.json": js({"志工時數紀錄": [{"名稱": "測試"}],
                                "其他多元表現紀錄": [{"名稱": "測試活動", "主辦單位": "測試單位", "時數": 2}]})}, {}


@case("perf-category-object", 0, "多元表現.json", "競賽參與紀錄 is an object, not an array (other categories fine)")
def _(n):
    return {"_多元表現.json": js({"競賽參與紀錄": {"競賽名稱": "測試競賽", "競賽等級代碼": 1},
                                "其他多元表現紀錄": [{"名稱": "測試活動", "主辦單位": "測試單位", "時數": 2}]})}, {}


@case("perf-record-not-object", 0, "多元表現.json", "競賽參與紀錄 holds a number, a string and null instead of objects")
def _(n):
    return {"_多元表現.json": js({"競賽參與紀錄": [1, "測試競賽", None]})}, {}


@case("perf-empty-object", 0, "多元表現.json", "_多元表現.json is {} (valid, no records)")
def _(n):
    return {"_多元表現.json": b"{}\n"}, {}


@case("outcomes-empty-array", 0, "課程學習成果.json", "_課程學習成果.json is [] (valid, no records)")
def _(n):
    return {"_課程學習成果.json": b"[]\n"}, {}


@case("link-dotdot", 0, "課程學習成果.json", "文件檔案連結 ../../etc/passwd")
def _(n):
    return {"_課程學習成果.json": js([outcome(課程學習成果文件檔案連結="../../etc/passwd",
                                          文件檔案MD5="d41d8cd98f00b204e9800998ecf8427e")])}, {}


@case("link-dotdot-inside", 0, "課程學習成果.json", "連結 files/../../x.pdf: enters the folder, then leaves it")
def _(n):
    return {"_課程學習成果.json": js([outcome(課程學習成果文件檔案連結="files/../../x.pdf")]),
            "files/report.pdf": PDF}, {}


@case("link-absolute", 0, "多元表現.json", "證明文件連結 /etc/passwd (absolute path)")
def _(n):
    return {"_多元表現.json": js({"其他多元表現紀錄": [{"名稱": "測試活動", "主辦單位": "測試單位",
                                                  "證明文件連結": "/etc/passwd"}]})}, {}


@case("link-file-url", 0, "多元表現.json", "證明文件連結 file:///etc/passwd (a URL scheme in a path field)")
def _(n):
    return {"_多元表現.json": js({"其他多元表現紀錄": [{"名稱": "測試活動", "主辦單位": "測試單位",
                                                  "證明文件連結": "file:///etc/passwd"}]})}, {}


@case("link-symlink-absolute", 0, "課程學習成果.json", "files/report.pdf is a symlink to /etc/passwd")
def _(n):
    return ({"_課程學習成果.json": js([outcome(課程學習成果文件檔案連結="files/report.pdf")])},
            {"files/report.pdf": "/etc/passwd"})


@case("link-symlink-relative", 0, "課程學習成果.json",
      "files/report.pdf is a relative symlink to ../../../_outside/secret.pdf (a readable PDF outside the folder)")
def _(n):
    return ({"_課程學習成果.json": js([outcome(課程學習成果文件檔案連結="files/report.pdf",
                                          文件檔案MD5=OUTSIDE_MD5)])},
            {"files/report.pdf": "../../../_outside/secret.pdf"})


@case("link-symlink-directory", 0, "多元表現.json",
      "shared/ is a directory symlink to ../../_outside; 連結 shared/secret.pdf goes through it")
def _(n):
    return ({"_多元表現.json": js({"其他多元表現紀錄": [{"名稱": "測試活動", "主辦單位": "測試單位",
                                                   "證明文件連結": "shared/secret.pdf",
                                                   "證明文件MD5": OUTSIDE_MD5}]})},
            {"shared": "../../_outside"})


@case("link-missing-file", 0, "課程學習成果.json", "文件檔案連結 files/nope.pdf does not exist")
def _(n):
    return {"_課程學習成果.json": js([outcome(課程學習成果文件檔案連結="files/nope.pdf",
                                          文件檔案MD5="d41d8cd98f00b204e9800998ecf8427e")])}, {}


@case("link-unsupported-type", 0, "課程學習成果.json", "文件檔案連結 names an existing .docx (not pdf/jpg/png/mp3/mp4)")
def _(n):
    data = b"PK\x03\x04 not really a docx, synthetic fixture\n"
    return {"_課程學習成果.json": js([outcome(課程學習成果文件檔案連結="files/notes.docx",
                                          文件檔案MD5=hashlib.md5(data).hexdigest())]),
            "files/notes.docx": data}, {}


@case("md5-not-hex", 0, "課程學習成果.json", "文件檔案MD5 is not 32 hex digits")
def _(n):
    return {"_課程學習成果.json": js([outcome(課程學習成果文件檔案連結="files/report.pdf",
                                          文件檔案MD5="zz-not-an-md5-zzzzzzzzzzzzzzzzzzz")]),
            "files/report.pdf": PDF}, {}


@case("md5-mismatch", 0, "課程學習成果.json", "文件檔案MD5 is well-formed hex but not the file's digest")
def _(n):
    return {"_課程學習成果.json": js([outcome(課程學習成果文件檔案連結="files/report.pdf",
                                          文件檔案MD5="0123456789abcdef0123456789abcdef")]),
            "files/report.pdf": PDF}, {}


@case("impossible-dates", 0, "多元表現.json", "dates 2024/02/30, 1131345 (ROC month 13), 2024-13-01, 113/00/10")
def _(n):
    return {"_多元表現.json": js({
        "服務學習紀錄": [{"服務名稱": "測試服務", "服務單位名稱": "測試單位", "開始日期": "2024/02/30",
                       "結束日期": "1131345", "服務學習時數": 4}],
        "其他多元表現紀錄": [{"名稱": "測試活動", "主辦單位": "測試單位", "開始日期": "2024-13-01",
                        "結束日期": "113/00/10", "時數": 2}]})}, {}


@case("summary-5000", 0, "課程學習成果.json", "課程學習成果簡述 of 5,000 characters")
def _(n):
    unit = "這是一段刻意過長的簡述，用來測試排版與警告。"  # 22 characters
    text = (unit * (5000 // len(unit) + 1))[:5000]
    assert len(text) == 5000
    return {"_課程學習成果.json": js([outcome(課程學習成果簡述=text)])}, {}


@case("item-code-unknown", 0, "課程學習成果.json", "審查項目代碼 \"Z\" (no such review item)")
def _(n):
    return {"_課程學習成果.json": js([outcome(審查項目代碼="Z")])}, {}


@case("control-characters", 0, "課程學習成果.json", "strings with escaped \\u0000, ESC, BEL and U+FFFF in 科目名稱 and 簡述")
def _(n):
    text = ('[{"科目名稱": "物\\u0000理", "實際修課學年度": 113, "實際修課學期": 1, '
            '"課程學習成果簡述": "紅字\\u001b[31m警告\\u0007結束\\uffff", "認證狀態": "已認證"}]\n')
    return {"_課程學習成果.json": text.encode("utf-8")}, {}


def main():
    os.makedirs(OUT, exist_ok=True)
    for entry in os.listdir(OUT):  # start clean, but keep the hand-written README.md
        path = os.path.join(OUT, entry)
        if entry == "README.md":
            continue
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path)
        else:
            os.remove(path)
    profile = {"招生學年度": 115, "招生管道": "大學個人申請", "校系代碼": "999999", "校系名稱": "測試大學 測試學系",
               "審查項目": list("ABCDEFGHIJKLMNOPQR"), "上限": {"課程學習成果": 3, "多元表現": 10}}
    with open(os.path.join(OUT, "profile-university.json"), "wb") as fh:
        fh.write(js(profile))
    os.makedirs(os.path.join(OUT, "_outside"))
    with open(os.path.join(OUT, "_outside", "secret.pdf"), "wb") as fh:
        fh.write(OUTSIDE_PDF)
    rows = ["case\texit\tnames\twhat"]
    for index, (short, exit_code, suffix, what, builder) in enumerate(CASES, start=1):
        name = "%02d-%s" % (index, short)
        number = "090000%02d" % index
        folder = os.path.join(OUT, name, number)
        os.makedirs(folder)
        files, links = builder(number)
        if "_基本資料.json" not in files:
            files["_基本資料.json"] = js(basic(number))
        for rel, data in files.items():
            if data is None:
                continue
            path = os.path.join(folder, number + rel if rel.startswith("_") else rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as fh:
                fh.write(data)
        for rel, target in links.items():
            path = os.path.join(folder, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            os.symlink(target, path)
        assert "\t" not in what and "\n" not in what
        rows.append("%s\t%d\t%s_%s\t%s" % (name, exit_code, number, suffix, what))
    with open(os.path.join(OUT, "cases.tsv"), "w", encoding="utf-8") as fh:
        fh.write("\n".join(rows) + "\n")
    print("%d cases written to %s" % (len(CASES), OUT))


if __name__ == "__main__":
    main()
