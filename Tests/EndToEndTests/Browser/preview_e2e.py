"""Drives `portfolio-export serve` with Debian's chromium through Playwright, as a student would:
open the record, add a department, tick within the caps (and see the page refuse one more), save,
preview, follow a fix-list link. DOM assertions throughout; screenshots go to the artefacts folder.

Last, a zip of the record and a zip-slip zip (both made here) are uploaded through the page.

Usage: preview_e2e.py <url of the record page> <artefacts folder> <record folder>
Exits 0 when every step passed; otherwise prints the failed step and exits 1.
"""

import json
import re
import sys
import zipfile
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

CHROMIUM = "/usr/bin/chromium"


def main() -> int:
    url, artefacts, record = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    artefacts.mkdir(parents=True, exist_ok=True)
    base = url.rsplit("/", 1)[0]
    origin = "/".join(url.split("/")[:3])
    summary = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        context = browser.new_context(locale="zh-TW", viewport={"width": 1280, "height": 900})
        page = context.new_page()
        problems = []
        # A Content-Security-Policy violation or a script error is a failure of the pages.
        page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.on("response", lambda response: problems.append(f"{response.status} {response.url}") if response.status >= 400 else None)
        outside = []
        page.on("request", lambda request: outside.append(request.url) if not request.url.startswith(base) else None)

        # The record: every item with its facts and thumbnails, filterable by category.
        page.goto(url)
        expect(page.locator("html")).to_have_attribute("lang", "zh-Hant")
        expect(page.locator("h1")).to_have_text("學習歷程紀錄")
        items = page.locator("li.item")
        summary["items"] = items.count()
        assert summary["items"] >= 26, summary
        expect(page.locator("li.item").first).to_contain_text("已認證")
        first_thumbnail = page.locator("li.item img").first
        first_thumbnail.scroll_into_view_if_needed()
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=first_thumbnail.element_handle())
        page.screenshot(path=str(artefacts / "record.png"))
        page.get_by_role("link", name=re.compile("^競賽參與紀錄")).click()
        expect(page.locator("li.item")).to_have_count(3)

        # Add a department from the profiles folder, with the keyboard.
        page.get_by_role("link", name="校系與勾選").click()
        choice = page.locator("#profile option", has_text="2A0105").get_attribute("value")
        page.get_by_label("校系審查設定檔").select_option(value=choice)
        page.get_by_role("button", name="加入").focus()
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"/department/2A0105$"))
        expect(page.locator("h1")).to_contain_text("2A0105")

        # Tick within the caps: B-1 takes 3. Count live, then the page refuses a fourth.
        cap = page.locator('[data-cap="B-1"]')
        expect(cap.locator(".count")).to_have_text("0")
        b1 = page.locator('input[type=checkbox][data-scopes~="B-1"]')
        assert b1.count() >= 4, b1.count()
        for index in range(3):
            box = b1.nth(index)
            box.focus()
            page.keyboard.press("Space")
            expect(box).to_be_checked()
        expect(cap.locator(".count")).to_have_text("3")
        expect(page.locator("#cap-message")).to_contain_text("已達上限 3 件")
        fourth = b1.nth(3)
        expect(fourth).to_be_disabled()
        fourth.click(force=True)
        expect(fourth).not_to_be_checked()
        expect(cap.locator(".count")).to_have_text("3")
        # A record of a semester the department does not see counts toward no cap: the student may
        # still tick it, and the preview says why it is left out.
        unseen = page.locator("li", has_text="校系看不到").locator("input[type=checkbox]").first
        unseen.check()
        expect(cap.locator(".count")).to_have_text("3")
        page.screenshot(path=str(artefacts / "ticks.png"), full_page=True)

        # Save: the server writes 勾選/2A0105.json.
        page.get_by_role("button", name="儲存勾選清單").click()
        expect(page.get_by_role("status").filter(has_text="已儲存")).to_be_visible()
        expect(page.locator('input[type=checkbox]:checked')).to_have_count(4)

        # Preview: the packet by the same pipeline, its pages, its fix list.
        page.get_by_role("link", name="預覽備審資料").click()
        expect(page.locator("h1")).to_contain_text("預覽")
        pages = page.locator("ul.pages img")
        summary["pages"] = pages.count()
        assert summary["pages"] > 1, summary
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=pages.first.element_handle())
        pdf = page.request.get(origin + page.locator("#open-pdf").get_attribute("href"))
        assert pdf.headers["content-type"] == "application/pdf", pdf.headers
        assert pdf.body().startswith(b"%PDF-")
        expect(page.locator("#fix-heading")).to_be_visible()
        expect(page.locator("ul.fixes")).not_to_have_count(0)
        expect(page.locator("ul.fixes").first).to_contain_text("2A0105.json")
        # Each row says what to do, in the page's language (Chinese here).
        rows = page.locator("ul.fixes > li")
        expect(page.locator("ul.fixes > li .todo")).to_have_count(rows.count())
        expect(page.locator("ul.fixes .todo").first).to_be_visible()
        expect(page.locator("ul.fixes .todo").first).to_contain_text(re.compile("[\u4e00-\u9fff]"))
        page.screenshot(path=str(artefacts / "preview.png"), full_page=True)

        # Follow a fix-list link: the record page, at the item.
        link = page.locator("a.fix-link").first
        target = link.get_attribute("href").split("#", 1)[1]
        link.click()
        page.wait_for_url(re.compile("/record#" + target + "$"))
        expect(page.locator("#" + target)).to_be_visible()
        assert page.evaluate("() => document.querySelector(':target') && document.querySelector(':target').id") == target
        summary["fix_target"] = target
        page.screenshot(path=str(artefacts / "fix-link.png"))

        # Readable at 200 % zoom: a 1280-pixel window zoomed twice is 640 CSS pixels wide; nothing
        # may need scrolling sideways.
        zoomed = browser.new_context(locale="zh-TW", viewport={"width": 640, "height": 900}, device_scale_factor=2)
        zoom_page = zoomed.new_page()
        for path in ["record", "department/2A0105", "department/2A0105/preview"]:
            zoom_page.goto(base + "/" + path)
            width = zoom_page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
            assert width[0] <= width[1], (path, width)
        zoom_page.goto(base + "/department/2A0105")
        zoom_page.screenshot(path=str(artefacts / "ticks-200-percent.png"))
        zoomed.close()

        # Focus is visible: a focused control draws an outline.
        page.goto(base + "/department/2A0105")
        page.locator("#mode-ticked").focus()
        page.keyboard.press("Tab")
        outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
        assert outline not in ("none", ""), outline

        # English with the browser's language.
        english = browser.new_context(locale="en-US")
        english_page = english.new_page()
        english_page.goto(url)
        expect(english_page.locator("html")).to_have_attribute("lang", "en")
        expect(english_page.locator("h1")).to_have_text("Record")
        english.close()

        # Upload: a zip-slip archive is refused with a message, the zipped record is opened.
        hostile = artefacts / "zip-slip.zip"
        with zipfile.ZipFile(hostile, "w") as archive:
            archive.writestr("03000001/03000001_基本資料.json", "{}")
            archive.writestr("../escaped.txt", "x")
        zipped = artefacts / "record.zip"
        with zipfile.ZipFile(zipped, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(record.rglob("*")):
                if path.is_file():
                    archive.write(path, "03000001/" + str(path.relative_to(record)))
        page.goto(base + "/open")
        page.get_by_label("或上傳 zip 壓縮檔").set_input_files(str(hostile))
        page.get_by_role("button", name="上傳並開啟").click()
        expect(page.locator("#upload-status")).to_contain_text("資料夾外")
        assert not (artefacts.parent / "escaped.txt").exists()
        problems[:] = [p for p in problems if "422" not in p]
        page.get_by_label("或上傳 zip 壓縮檔").set_input_files(str(zipped))
        page.get_by_role("button", name="上傳並開啟").click()
        page.wait_for_url(re.compile(r"/record$"))
        expect(page.locator("li.item")).to_have_count(summary["items"])

        assert not problems, problems
        assert not outside, outside
        browser.close()
    print(json.dumps(summary, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except AssertionError as error:
        print("FAILED:", error, file=sys.stderr)
        raise
