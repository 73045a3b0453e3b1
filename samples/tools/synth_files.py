"""Tiny, dependency-free writers for the synthetic binary files used by the samples and fixtures.

Everything here is made from scratch with the Python standard library (zlib, struct, hashlib);
JPEG files are rasterised from a PDF we wrote ourselves with poppler's `pdftoppm`.
All output is deterministic: no timestamps, no random bytes.
"""
import hashlib
import os
import shutil
import struct
import subprocess
import tempfile
import zlib


def md5_hex(data: bytes) -> str:
    return hashlib.md5(data).hexdigest()


# --------------------------------------------------------------------------------------------- PDF

def _pdf_escape(text: str) -> str:
    out = []
    for ch in text:
        if ch in "()\\":
            out.append("\\" + ch)
        elif 32 <= ord(ch) < 127:
            out.append(ch)
        else:
            raise ValueError("PDF sample text must be printable ASCII (standard Type1 font): %r" % ch)
    return "".join(out)


def make_pdf(pages, title="Synthetic sample", size=(595, 842), drawings=None) -> bytes:
    """pages: list of pages, each a list of text lines (ASCII). The first line of a page is set in
    Helvetica-Bold 16, the others in Helvetica 11. drawings: optional list (one per page) of raw
    content-stream operators painted before the text (e.g. coloured rectangles)."""
    width, height = size
    objects = []  # index i -> object number i+1

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # placeholder, filled below
    pages_obj = add(b"")
    font_regular = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    font_bold = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
    page_numbers = []
    for index, lines in enumerate(pages):
        ops = []
        if drawings and index < len(drawings) and drawings[index]:
            ops.append(drawings[index])
        y = height - 72
        ops.append("BT")
        for n, line in enumerate(lines):
            font, fsize, lead = ("/F2", 16, 26) if n == 0 else ("/F1", 11, 16)
            ops.append("%s %d Tf 1 0 0 1 56 %d Tm (%s) Tj" % (font, fsize, y, _pdf_escape(line)))
            y -= lead
        ops.append("ET")
        stream = ("\n".join(ops) + "\n").encode("ascii")
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"endstream")
        page = add(("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] "
                    "/Resources << /Font << /F1 %d 0 R /F2 %d 0 R >> >> /Contents %d 0 R >>"
                    % (pages_obj, width, height, font_regular, font_bold, content)).encode("ascii"))
        page_numbers.append(page)
    objects[catalog - 1] = ("<< /Type /Catalog /Pages %d 0 R >>" % pages_obj).encode("ascii")
    kids = " ".join("%d 0 R" % p for p in page_numbers)
    objects[pages_obj - 1] = ("<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(page_numbers))).encode("ascii")
    info = add(("<< /Title (%s) /Producer (portfolio-export samples/tools, synthetic) >>" % _pdf_escape(title)).encode("ascii"))

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n" % (len(objects) + 1)
    out += b"0000000000 65535 f \n"
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    file_id = hashlib.md5(bytes(out)).hexdigest().encode("ascii")
    out += (b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R /ID [<%s> <%s>] >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objects) + 1, catalog, info, file_id, file_id, xref))
    return bytes(out)


def make_scan_pdf(rows=12, columns=5, size=(595, 842)) -> bytes:
    """A one-page "scanned" table with no text and no fonts: a grid of ruled cells whose contents are
    grey bars, the way a photocopied school form looks. A PDF without fonts needs none embedded, so
    the packet that imports it can stay PDF/A."""
    width, height = size
    ops = ["0.2 G 0.8 w"]
    left, right, top = 56, width - 56, height - 90
    row_height = 28
    ops.append("0.85 g %d %d %d %d re f" % (left, top - row_height, right - left, row_height))
    for r in range(rows + 1):
        y = top - r * row_height
        ops.append("%d %d m %d %d l S" % (left, y, right, y))
    column_width = (right - left) / columns
    for c in range(columns + 1):
        x = left + c * column_width
        ops.append("%.1f %d m %.1f %d l S" % (x, top, x, top - rows * row_height))
    ops.append("0.55 g")
    for r in range(rows):
        for c in range(columns):
            bar = column_width * (0.35 + 0.45 * (((r * 7 + c * 3) % 5) / 4))
            x = left + c * column_width + 6
            y = top - (r + 1) * row_height + 10
            ops.append("%.1f %d %.1f 7 re f" % (x, y, bar))
    content = "\n".join(ops).encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        ("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Resources << >> /Contents 4 0 R >>" % (width, height)).encode("ascii"),
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def picture_drawing(width, height, palette):
    """A few filled rectangles and a 'sun' made of a square - enough to look like a picture."""
    ops = []
    r, g, b = palette[0]
    ops.append("%.2f %.2f %.2f rg 0 0 %d %d re f" % (r, g, b, width, height))
    r, g, b = palette[1]
    ops.append("%.2f %.2f %.2f rg 0 0 %d %d re f" % (r, g, b, width, height // 3))
    r, g, b = palette[2]
    ops.append("%.2f %.2f %.2f rg %d %d %d %d re f" % (r, g, b, width * 2 // 3, height * 2 // 3, width // 8, width // 8))
    r, g, b = palette[3]
    for i in range(5):
        ops.append("%.2f %.2f %.2f rg %d %d %d %d re f" % (r, g, b, 20 + i * (width // 6), height // 3, width // 12, 20 + i * 15))
    return "\n".join(ops)


def make_jpeg(caption, palette, size=(320, 240), resolution=36) -> bytes:
    """Rasterise a one-page PDF with `pdftoppm -jpeg` (poppler-utils)."""
    pdf = make_pdf([[caption]], title=caption, size=size,
                   drawings=[picture_drawing(size[0], size[1], palette)])
    tool = shutil.which("pdftoppm")
    if not tool:
        raise SystemExit("pdftoppm (poppler-utils) is needed to make the JPEG samples")
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "in.pdf")
        with open(src, "wb") as fh:
            fh.write(pdf)
        subprocess.run([tool, "-jpeg", "-r", str(resolution), "-singlefile", src, os.path.join(tmp, "out")],
                       check=True)
        with open(os.path.join(tmp, "out.jpg"), "rb") as fh:
            return fh.read()


# --------------------------------------------------------------------------------------------- PNG

def make_png(width=160, height=120, seed=0) -> bytes:
    """A banded RGB gradient with a few bars, compressed with zlib."""
    rows = bytearray()
    for y in range(height):
        rows.append(0)  # filter: none
        for x in range(width):
            r = ((x // 16) * 255 // max(1, (width - 1) // 16) + seed * 40) % 256  # banded, compresses well
            g = ((y // 12) * 255 // max(1, (height - 1) // 12) + seed * 70) % 256
            b = 180 if (x // 20 + seed) % 3 == 0 and y > height // 2 else 90
            rows += bytes((r, g, b))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) +
            chunk(b"tEXt", b"Comment\x00synthetic sample image") +
            chunk(b"IDAT", zlib.compress(bytes(rows), 9)) + chunk(b"IEND", b""))


# ------------------------------------------------------------------------------------- MP4 / MP3

def _box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def make_mp4(label: str) -> bytes:
    """An ISO BMFF file with a valid ftyp box, a free box and a small mdat. Not playable media,
    but identified as video/mp4 by its signature."""
    ftyp = _box(b"ftyp", b"isom" + struct.pack(">I", 0x200) + b"isom" + b"iso2" + b"avc1" + b"mp41")
    free = _box(b"free", ("synthetic sample: " + label).encode("ascii"))
    mdat = _box(b"mdat", bytes((i * 37 + 11) % 256 for i in range(96)))
    return ftyp + free + mdat


def make_mp3(title: str, frames=6) -> bytes:
    """ID3v2.3 tag with a TIT2 frame, then MPEG-1 Layer III 128 kbit/s 44.1 kHz mono frames of silence."""
    text = b"\x00" + title.encode("latin-1")
    tit2 = b"TIT2" + struct.pack(">I", len(text)) + b"\x00\x00" + text
    size = len(tit2)
    syncsafe = bytes(((size >> 21) & 0x7F, (size >> 14) & 0x7F, (size >> 7) & 0x7F, size & 0x7F))
    tag = b"ID3\x03\x00\x00" + syncsafe + tit2
    frame = b"\xff\xfb\x90\xc4" + bytes(417 - 4)
    return tag + frame * frames
