#!/usr/bin/env python3
"""Makes the students' PDF corpus: PDFs written by the real producers students use, from small
inputs this script writes itself (a synthetic student; nothing here is anyone's).

    make_corpus.py OUT_FOLDER

Writes OUT_FOLDER/<name>.pdf for every case and OUT_FOLDER/manifest.json: for each case its file,
its producer and what it exercises. Nothing it makes is committed; the end-to-end test
CorpusFidelityTests runs it into a temporary folder. Run it with the test venv's Python
(.build/test-venv, made by scripts/bootstrap --test: reportlab, img2pdf, pikepdf, Pillow pinned).
The producers (LibreOffice, Chromium, Ghostscript, pango-view, qpdf) are Debian packages that
scripts/bootstrap --test installs. A producer that fails is an error (exit 1), never a smaller corpus.
"""

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import img2pdf
import pikepdf
from PIL import Image, ImageDraw
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import cidfonts, pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

# A synthetic student's text: Traditional Chinese with full-width punctuation, digits and Latin.
TITLE = "學習歷程自述：校園植物調查"
PARAGRAPHS = [
    "我在高二時參加科學研究社，和同學一起調查校園裡的植物分布。我們把操場、中庭與後山步道分成十二個樣區，"
    "每週記錄一次物種與數量，共記錄到 42 種植物。",
    "這次研究讓我學會設計實驗、整理資料與撰寫報告，也讓我確定自己想就讀生命科學相關科系。",
    "Learning portfolio 2026: field survey of 12 plots, 42 species, weekly records.",
]
TABLE = [("科目", "學分", "成績"), ("國語文", "4", "88"), ("生物", "2", "93"), ("英語文", "4", "85")]


def run(arguments, **kwargs):
    """Runs a producer; its failure stops the corpus (a missing producer is an error, not a skip)."""
    result = subprocess.run(arguments, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kwargs)
    if result.returncode != 0:
        sys.stderr.write(f"make_corpus: {' '.join(map(str, arguments))} failed ({result.returncode}):\n")
        sys.stderr.write(result.stderr.decode("utf-8", "replace")[-2000:])
        sys.exit(1)
    return result


def xml_escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# MARK: Images


def photo(path):
    """A small photo-like PNG: shapes and a gradient (colour, no transparency)."""
    image = Image.new("RGB", (480, 320), (250, 240, 200))
    draw = ImageDraw.Draw(image)
    for y in range(320):
        draw.line([(0, y), (479, y)], fill=(250 - y // 4, 240 - y // 6, 200))
    draw.ellipse((40, 40, 280, 280), fill=(30, 120, 200))
    draw.rectangle((240, 120, 440, 280), fill=(200, 60, 40))
    draw.polygon([(300, 30), (460, 30), (380, 110)], fill=(40, 160, 80))
    image.save(path)
    return path


# MARK: LibreOffice (.odt and .docx written here, one soffice call converts them all)


def odt(path, latin_font, cjk_font):
    """A text document as a student writes it in LibreOffice: heading, paragraphs, a table."""
    rows = "".join(
        "<table:table-row>"
        + "".join(
            f'<table:table-cell office:value-type="string"><text:p text:style-name="P1">{xml_escape(cell)}</text:p></table:table-cell>'
            for cell in row)
        + "</table:table-row>"
        for row in TABLE)
    paragraphs = "".join(f'<text:p text:style-name="P1">{xml_escape(p)}</text:p>' for p in PARAGRAPHS)
    content = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" office:version="1.3">
<office:font-face-decls>
 <style:font-face style:name="Latin" svg:font-family="'{latin_font}'"/>
 <style:font-face style:name="CJK" svg:font-family="'{cjk_font}'"/>
</office:font-face-decls>
<office:automatic-styles>
 <style:style style:name="P1" style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0.2cm" fo:line-height="150%"/>
  <style:text-properties style:font-name="Latin" fo:font-size="12pt" style:font-name-asian="CJK" style:font-size-asian="12pt"/></style:style>
 <style:style style:name="H1" style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0.4cm"/>
  <style:text-properties style:font-name="Latin" fo:font-size="20pt" fo:font-weight="bold" style:font-name-asian="CJK" style:font-size-asian="20pt" style:font-weight-asian="bold"/></style:style>
</office:automatic-styles>
<office:body><office:text>
<text:p text:style-name="H1">{xml_escape(TITLE)}</text:p>{paragraphs}
<table:table table:name="Courses"><table:table-column table:number-columns-repeated="3"/>{rows}</table:table>
</office:text></office:body></office:document-content>
"""
    styles = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.3">
<office:automatic-styles><style:page-layout style:name="A4"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm"
 fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2.2cm" fo:margin-right="2.2cm"/></style:page-layout></office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="A4"/></office:master-styles>
</office:document-styles>
"""
    manifest = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
 <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
 <manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"""
    with zipfile.ZipFile(path, "w") as archive:
        # The mimetype comes first and uncompressed (ODF 1.3 part 2, 3.3).
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        archive.writestr("styles.xml", styles, zipfile.ZIP_DEFLATED)


def docx(path, latin_font, cjk_font):
    """The same document as Word writes it (WordprocessingML), A4 with Word's margins."""
    def run_xml(text, size, bold=False):
        props = f'<w:rFonts w:ascii="{latin_font}" w:hAnsi="{latin_font}" w:eastAsia="{cjk_font}"/>'
        props += ("<w:b/><w:bCs/>" if bold else "") + f'<w:sz w:val="{size * 2}"/><w:szCs w:val="{size * 2}"/>'
        return f'<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{xml_escape(text)}</w:t></w:r>'

    body = f'<w:p><w:pPr><w:spacing w:after="240"/></w:pPr>{run_xml(TITLE, 20, bold=True)}</w:p>'
    body += "".join(f'<w:p><w:pPr><w:spacing w:after="120" w:line="360" w:lineRule="auto"/></w:pPr>{run_xml(p, 12)}</w:p>' for p in PARAGRAPHS)
    border = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>' for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    body += f'<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblBorders>{border}</w:tblBorders></w:tblPr>'
    body += '<w:tblGrid><w:gridCol w:w="2400"/><w:gridCol w:w="1600"/><w:gridCol w:w="1600"/></w:tblGrid>'
    for row in TABLE:
        body += "<w:tr>" + "".join(f'<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr><w:p>{run_xml(cell, 12)}</w:p></w:tc>' for cell in row) + "</w:tr>"
    body += "</w:tbl><w:p/>"
    document = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}
<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1800" w:bottom="1440" w:left="1800" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>
</w:body></w:document>
"""
    types = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>
"""
    rels = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>
"""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("_rels/.rels", rels)
        archive.writestr("word/document.xml", document)


def libreoffice(work, out):
    """.odt and .docx documents to PDF with one soffice start (its first start is the slow part)."""
    sources = []
    odt(work / "lo-odt.odt", "Liberation Serif", "Noto Serif CJK TC")
    # Fonts the student had and this machine has not (Word's defaults in Taiwan): LibreOffice
    # substitutes them through fontconfig and embeds what it used.
    odt(work / "lo-odt-missing-font.odt", "Calibri", "標楷體")
    docx(work / "lo-docx.docx", "Times New Roman", "新細明體")
    sources = [work / "lo-odt.odt", work / "lo-odt-missing-font.odt", work / "lo-docx.docx"]
    profile = work / "lo-profile"
    run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore", "--convert-to", "pdf",
         "--outdir", str(out)] + [str(s) for s in sources], timeout=240)
    return [
        ("lo-odt", "LibreOffice (.odt)", "Liberation Serif and Noto Serif CJK TC, embedded subsets; a table"),
        ("lo-odt-missing-font", "LibreOffice (.odt)", "names Calibri and 標楷體, not installed: LibreOffice substitutes and embeds"),
        ("lo-docx", "LibreOffice (.docx)", "Word document naming Times New Roman and 新細明體"),
    ]


# MARK: Chromium


def chromium(work, out):
    photo(work / "photo.png")
    rows = "".join("<tr>" + "".join(f"<td>{xml_escape(c)}</td>" for c in row) + "</tr>" for row in TABLE)
    paragraphs = "".join(f"<p>{xml_escape(p)}</p>" for p in PARAGRAPHS)
    html = f"""<!doctype html><html lang="zh-Hant"><head><meta charset="utf-8"><style>
@page {{ size: A4; margin: 18mm; }}
body {{ font-family: "Noto Sans CJK TC", sans-serif; font-size: 12pt; line-height: 1.6; }}
p.serif {{ font-family: "Liberation Serif", serif; }}
table {{ border-collapse: collapse; margin: 8pt 0; }} td {{ border: 1px solid #333; padding: 3pt 10pt; }}
tr:first-child td {{ background: #dde8f4; font-weight: bold; }}
</style></head><body><h1>{xml_escape(TITLE)}</h1>{paragraphs}
<p class="serif">Times-like text set in Liberation Serif (TrueType): 12 plots, 42 species.</p>
<table>{rows}</table><img src="photo.png" width="240" height="160" alt="校園樣區照片"></body></html>
"""
    page = work / "chromium.html"
    page.write_text(html, encoding="utf-8")
    run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         f"--user-data-dir={work / 'chromium-profile'}", f"--print-to-pdf={out / 'chromium.pdf'}", page.as_uri()],
        timeout=120)
    return [("chromium", "Chromium print (Skia)", "Noto Sans CJK TC as Type 3, Liberation Serif TrueType, a table, a PNG")]


# MARK: Ghostscript


POSTSCRIPT = """%!PS-Adobe-3.0
%%BoundingBox: 0 0 595 842
%%Pages: 2
%%Page: 1 1
/Helvetica-Bold findfont 22 scalefont setfont 72 760 moveto (Learning Portfolio: Science Club) show
/Times-Roman findfont 12 scalefont setfont
72 730 moveto (In my second year I surveyed the plants on our school grounds, twelve plots,) show
72 715 moveto (forty-two species, recorded every week from March to June.) show
/Times-Italic findfont 12 scalefont setfont 72 695 moveto (What I learned: planning, measuring, writing it up.) show
/Courier findfont 11 scalefont setfont 72 670 moveto (plots = 12; species = 42; weeks = 16) show
/Helvetica findfont 10 scalefont setfont 72 640 moveto (Chart: species per plot) show
0.2 0.4 0.7 setrgbcolor
1 1 12 { /i exch def 72 i 30 mul add 500 20 i 7 mul 3 mod 10 mul 40 add rectfill } for
0 setgray 1 setlinewidth 72 500 moveto 450 500 lineto stroke
showpage
%%Page: 2 2
/Times-Bold findfont 16 scalefont setfont 72 760 moveto (Appendix) show
/Symbol findfont 14 scalefont setfont 72 730 moveto (a b g D S p) show
/Helvetica findfont 12 scalefont setfont 72 700 moveto (Page two of the Ghostscript document.) show
showpage
%%EOF
"""

# Adobe-CNS1 text through the predefined CMap, the way old Taiwanese systems print: 學習歷程自述
# in UCS-2. Ghostscript has no MSung-Light of its own and substitutes a CIDFont it has.
POSTSCRIPT_CJK = """%!PS-Adobe-3.0
%%BoundingBox: 0 0 595 842
%%Pages: 1
%%Page: 1 1
/MSung-Light-UniCNS-UCS2-H findfont 24 scalefont setfont 72 740 moveto <5B78 7FD2 6B77 7A0B 81EA 8FF0> show
/Helvetica findfont 12 scalefont setfont 72 700 moveto (Ghostscript, CID-keyed font through UniCNS-UCS2-H) show
showpage
%%EOF
"""


def ghostscript(work, out):
    (work / "gs.ps").write_text(POSTSCRIPT, encoding="ascii")
    (work / "gs-cjk.ps").write_text(POSTSCRIPT_CJK, encoding="ascii")
    run(["ps2pdf", "-sPAPERSIZE=a4", str(work / "gs.ps"), str(out / "gs-base14.pdf")], timeout=60)
    run(["ps2pdf", "-sPAPERSIZE=a4", "-dPDFSETTINGS=/prepress", str(work / "gs.ps"), str(out / "gs-embedded.pdf")], timeout=60)
    run(["ps2pdf", "-sPAPERSIZE=a4", str(work / "gs-cjk.ps"), str(out / "gs-cjk.pdf")], timeout=60)
    return [
        ("gs-base14", "Ghostscript ps2pdf", "Helvetica, Times, Courier, Symbol not embedded (Ghostscript's default for the base 14)"),
        ("gs-embedded", "Ghostscript ps2pdf /prepress", "the same PostScript with every font embedded (URW Type 1C subsets)"),
        ("gs-cjk", "Ghostscript ps2pdf", "CID text through UniCNS-UCS2-H, Ghostscript's substitute embedded as Type 1C"),
    ]


# MARK: cairo


def cairo(work, out):
    text = TITLE + "\n\n" + "\n".join(PARAGRAPHS)
    run(["pango-view", "-q", "--font=Noto Serif CJK TC 14", "--width=480", "--wrap=char", "--margin=36",
         f"--output={out / 'cairo.pdf'}", f"--text={text}"], timeout=60)
    return [("cairo", "cairo via pango-view", "Noto Serif CJK TC, CID Type 0C subset; a page the size of its text")]


# MARK: reportlab


def reportlab_documents(work, out):
    # Standard 14, never embedded by reportlab.
    pdf = canvas.Canvas(str(out / "reportlab-base14.pdf"), pagesize=A4, invariant=1)
    for number in (1, 2):
        pdf.setFont("Helvetica-Bold", 20)
        pdf.drawString(72, 770, f"Science club report, page {number}")
        pdf.setFont("Times-Roman", 12)
        y = 740
        for line in ("We divided the school grounds into twelve plots and visited each once a week.",
                     "Each visit we counted the species and the plants of each species.",
                     "Forty-two species were found; the back hill had the most."):
            pdf.drawString(72, y, line)
            y -= 16
        pdf.setFont("Courier", 11)
        pdf.drawString(72, y - 10, "plot  species  plants")
        pdf.setFont("Helvetica-Oblique", 11)
        pdf.drawString(72, y - 30, "Figures are weekly means.")
        pdf.setFillColorRGB(0.85, 0.3, 0.2)
        pdf.rect(72, 420, 180, 120, fill=1, stroke=0)
        pdf.setFillColorRGB(0, 0, 0)
        pdf.setFont("Times-Bold", 14)
        pdf.drawCentredString(297, 380, "Figure 1")
        pdf.showPage()
    pdf.save()

    # The Adobe CJK standard fonts with UniCNS-UCS2-H, never embedded: the common Taiwanese case. A
    # page set solid (the most glyphs a page of the corpus has) with a table.
    # reportlab 5 pairs MSung-Light with UniGB-UCS2-H (a CMap of the other character collection) and
    # has no MHei-Medium: MSung-Light is set to UniCNS-UCS2-H here. reportlab writes the descendant
    # CIDFont inline in /DescendantFonts; other producers (iText …) write it as an object of its own:
    # reportlab-cid-indirect is that form, and reportlab-cid-hei the same with the font renamed to
    # MHei-Medium (the two share their full-width advances).
    cidfonts.defaultUnicodeEncodings["MSung-Light"] = ("cht", "UniCNS-UCS2-H")
    pdfmetrics.registerFont(UnicodeCIDFont("MSung-Light"))
    pdf = canvas.Canvas(str(out / "reportlab-cid.pdf"), pagesize=A4, invariant=1)
    pdf.setFont("MSung-Light", 20)
    pdf.drawString(72, 770, TITLE)
    pdf.setFont("Helvetica", 11)
    pdf.drawString(72, 745, PARAGRAPHS[2])
    for row, cells in enumerate(TABLE):
        for column, cell in enumerate(cells):
            pdf.setFont("MSung-Light", 12)
            pdf.rect(72 + column * 100, 700 - row * 22, 100, 22)
            pdf.drawString(80 + column * 100, 706 - row * 22, cell)
    y = 600
    pdf.setFont("MSung-Light", 12)
    text = "".join(PARAGRAPHS[:2])
    line = 0
    while y > 72:
        start = (line * 36) % len(text)
        pdf.drawString(72, y, (text + text)[start:start + 36])
        y -= 18
        line += 1
    pdf.showPage()
    pdf.save()
    with pikepdf.open(out / "reportlab-cid.pdf") as document:
        for font in document.pages[0].Resources.Font.values():
            if font.Subtype == "/Type0":
                font.DescendantFonts = pikepdf.Array([document.make_indirect(font.DescendantFonts[0])])
        document.save(out / "reportlab-cid-indirect.pdf")
        for font in document.pages[0].Resources.Font.values():
            if font.Subtype == "/Type0":
                font.BaseFont = pikepdf.Name("/MHei-Medium-UniCNS-UCS2-H")
                descendant = font.DescendantFonts[0]
                descendant.BaseFont = pikepdf.Name("/MHei-Medium")
                descendant.FontDescriptor.FontName = pikepdf.Name("/MHei-Medium")
        document.save(out / "reportlab-cid-hei.pdf")
    return [
        ("reportlab-base14", "reportlab", "Helvetica, Times, Courier (standard 14) not embedded, two pages"),
        ("reportlab-cid", "reportlab", "a page of MSung-Light with UniCNS-UCS2-H, not embedded, its CIDFont inline; Helvetica"),
        ("reportlab-cid-indirect", "reportlab, CIDFont made an object by pikepdf", "the same page, the CIDFont an object of its own"),
        ("reportlab-cid-hei", "reportlab, renamed by pikepdf", "the same page in MHei-Medium"),
    ]


# MARK: img2pdf


def images(work, out):
    photo(work / "scan.png")
    Image.open(work / "scan.png").convert("RGB").save(work / "scan.jpg", quality=90)
    layout = img2pdf.get_layout_fun((img2pdf.mm_to_pt(210), img2pdf.mm_to_pt(297)))
    (out / "img2pdf-png.pdf").write_bytes(img2pdf.convert(str(work / "scan.png"), layout_fun=layout))
    (out / "img2pdf-jpeg.pdf").write_bytes(img2pdf.convert(str(work / "scan.jpg")))
    return [
        ("img2pdf-png", "img2pdf", "a PNG scaled onto an A4 page (Flate, predictor)"),
        ("img2pdf-jpeg", "img2pdf", "a JPEG at its own size (DCT passed through)"),
    ]


# MARK: qpdf and page boxes


def rewritten(out):
    base = out / "lo-odt.pdf"
    cases = [
        ("qpdf-objstm", ["--object-streams=generate"], "object streams and a cross-reference stream"),
        ("qpdf-linearized", ["--linearize"], "linearized (fast web view)"),
        ("qpdf-r3", ["--allow-weak-crypto", "--encrypt", "", "owner", "128", "--use-aes=n", "--print=none", "--"],
         "owner password only, RC4 128-bit (R3)"),
        ("qpdf-r4", ["--encrypt", "", "owner", "128", "--use-aes=y", "--modify=none", "--"], "owner password only, AES-128 (R4)"),
        ("qpdf-r6", ["--encrypt", "", "owner", "256", "--print=none", "--modify=none", "--"], "owner password only, AES-256 (R6)"),
    ]
    made = []
    for name, options, what in cases:
        run(["qpdf"] + options + [str(base), str(out / f"{name}.pdf")], timeout=60)
        made.append((name, "qpdf over LibreOffice", what))
    # The Helvetica pages encrypted too: unembedded fonts and decryption at once.
    run(["qpdf", "--encrypt", "", "owner", "256", "--print=none", "--", str(out / "reportlab-base14.pdf"),
         str(out / "qpdf-r6-base14.pdf")], timeout=60)
    made.append(("qpdf-r6-base14", "qpdf over reportlab", "owner password only, AES-256, standard 14 not embedded"))

    # Pages turned as a scanner app or a viewer saves them: /Rotate 90, 180 and 270 on a landscape
    # reportlab page whose text says which way is up.
    landscape_pdf = out / "landscape.tmp.pdf"
    pdf = canvas.Canvas(str(landscape_pdf), pagesize=landscape(A4), invariant=1)
    for number in range(3):
        pdf.setFont("Helvetica-Bold", 24)
        pdf.drawString(60, 520, f"Landscape page {number + 1}: this edge is up")
        pdf.setFillColorRGB(0.2, 0.5, 0.3)
        pdf.rect(60, 60, 300, 200, fill=1, stroke=0)
        pdf.setFillColorRGB(0, 0, 0)
        pdf.setFont("Times-Roman", 14)
        pdf.drawString(400, 100, "lower right corner")
        pdf.showPage()
    pdf.save()
    run(["qpdf", str(landscape_pdf), "--rotate=+90:1", "--rotate=+180:2", "--rotate=+270:3", "--",
         str(out / "rotated.pdf")], timeout=60)
    landscape_pdf.unlink()
    made.append(("rotated", "reportlab, turned by qpdf", "/Rotate 90, 180 and 270 on three pages"))

    # A page cut down: CropBox smaller than the MediaBox and off-centre, as after "crop" in a viewer.
    with pikepdf.open(out / "chromium.pdf") as document:
        for page in document.pages:
            page.obj.CropBox = pikepdf.Array([40, 300, 520, 800])
        document.save(out / "cropped.pdf")
    made.append(("cropped", "Chromium, cropped with pikepdf", "CropBox [40 300 520 800] inside an A4 MediaBox"))
    with pikepdf.open(out / "rotated.pdf") as document:
        page = document.pages[0]
        page.obj.CropBox = pikepdf.Array([30, 40, 600, 500])
        del document.pages[1:]
        document.save(out / "rotated-cropped.pdf")
    made.append(("rotated-cropped", "reportlab, turned and cropped", "/Rotate 90 with a CropBox"))
    return made


def main():
    if len(sys.argv) != 2:
        sys.stderr.write("usage: make_corpus.py OUT_FOLDER\n")
        return 2
    out = Path(sys.argv[1]).resolve()
    out.mkdir(parents=True, exist_ok=True)
    work = out / "sources"
    work.mkdir(exist_ok=True)
    cases = []
    cases += libreoffice(work, out)
    cases += chromium(work, out)
    cases += ghostscript(work, out)
    cases += cairo(work, out)
    cases += reportlab_documents(work, out)
    cases += images(work, out)
    cases += rewritten(out)
    manifest = []
    for name, producer, what in cases:
        path = out / f"{name}.pdf"
        if not path.is_file() or path.stat().st_size == 0:
            sys.stderr.write(f"make_corpus: {producer} made no {path.name}\n")
            return 1
        manifest.append({"name": name, "file": path.name, "producer": producer, "what": what})
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
