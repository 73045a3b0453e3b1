#!/usr/bin/env python3
"""Compares each page of a student's PDF with its imported copy in a packet, pixel by pixel.

    compare_pages.py ORIGINAL.pdf PACKET.pdf WORK_FOLDER [--images PNG_FOLDER]

The packet must hold ORIGINAL as its only attachment: its pages that draw a Form XObject are, in
order, ORIGINAL's pages. Prints JSON: one entry per page with the share of differing pixels and
the fonts the original page uses without their programs (those the exporter replaces).

How the two renders are made comparable. The packet draws the student's page as a form, scaled
by s into a box of its own page (and turned upright when the original has /Rotate). The box is
found from the packet page's content: the form's /BBox through its /Matrix and the graphics state's
CTM at the `Do`. A copy of the packet page whose CropBox is that box shows the student's page
alone, its corner on the pixel grid. The original is rendered with pdftoppm at 100 dpi (its
CropBox, rotated); the cropped packet page at 100/s dpi: both are the student's page at 100 dpi,
on one grid. (Scaling the second render to the first one's pixel size instead would stretch it by
pdftoppm's rounding of the sizes, up to a pixel at the far edge.)

A pixel differs when one of its channels differs by more than THRESHOLD (of 255): anti-aliasing
that the two renders do not share (a subpixel difference in a glyph's edge) stays under it; a
glyph moved by a pixel or drawn in another shape does not. The outermost pixel of the box is left
out: the packet's hairline frame around the student's page (0.4 pt, centred on the box's edge)
shades it.
"""

import json
import subprocess
import sys
from pathlib import Path

import pikepdf
from PIL import Image, ImageChops

THRESHOLD = 64
DPI = 100


def multiply(m, n):
    """m then n (PDF row-vector matrices [a b c d e f])."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return [a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F]


def apply(m, x, y):
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


def placed_forms(page):
    """(box, scale) of each Form XObject the page draws, in drawing order."""
    xobjects = page.Resources.get("/XObject", {})
    ctm = [1, 0, 0, 1, 0, 0]
    stack = []
    placed = []
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op == "q":
            stack.append(ctm)
        elif op == "Q":
            ctm = stack.pop() if stack else [1, 0, 0, 1, 0, 0]
        elif op == "cm":
            ctm = multiply([float(v) for v in operands], ctm)
        elif op == "Do":
            xobject = xobjects.get(str(operands[0]))
            if xobject is None or xobject.get("/Subtype") != "/Form":
                continue
            matrix = [float(v) for v in xobject.get("/Matrix", [1, 0, 0, 1, 0, 0])]
            full = multiply(matrix, ctm)
            x0, y0, x1, y1 = [float(v) for v in xobject.BBox]
            corners = [apply(full, x, y) for x, y in ((x0, y0), (x1, y0), (x0, y1), (x1, y1))]
            xs = [p[0] for p in corners]
            ys = [p[1] for p in corners]
            scale = abs(full[0] * full[3] - full[1] * full[2]) ** 0.5
            placed.append(((min(xs), min(ys), max(xs), max(ys)), scale))
    return placed


def unembedded_fonts(resources, seen=None):
    """Names of the fonts (in forms too) that need a program and have none."""
    seen = set() if seen is None else seen
    names = set()
    if resources is None:
        return names
    for font in resources.get("/Font", {}).values():
        if font.objgen in seen and font.objgen != (0, 0):
            continue
        seen.add(font.objgen)
        subtype = font.get("/Subtype")
        if subtype == "/Type3":
            continue
        descriptor_owner = font.DescendantFonts[0] if subtype == "/Type0" else font
        descriptor = descriptor_owner.get("/FontDescriptor")
        embedded = descriptor is not None and any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
        if not embedded:
            names.add(str(font.get("/BaseFont", "?")).lstrip("/"))
    for xobject in resources.get("/XObject", {}).values():
        if xobject.get("/Subtype") == "/Form" and xobject.objgen not in seen:
            seen.add(xobject.objgen)
            names |= unembedded_fonts(xobject.get("/Resources"), seen)
    return names


def render(pdf, page, png_stem, options):
    subprocess.run(["pdftoppm", "-png", "-cropbox", "-f", str(page), "-l", str(page), "-singlefile"] + options + [str(pdf), str(png_stem)],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return Image.open(f"{png_stem}.png").convert("RGB")


def main():
    arguments = sys.argv[1:]
    images = None
    if "--images" in arguments:
        index = arguments.index("--images")
        images = Path(arguments[index + 1])
        images.mkdir(parents=True, exist_ok=True)
        del arguments[index:index + 2]
    if len(arguments) != 3:
        sys.stderr.write(__doc__)
        return 2
    original_path, packet_path, work = Path(arguments[0]), Path(arguments[1]), Path(arguments[2])
    work.mkdir(parents=True, exist_ok=True)

    with pikepdf.open(packet_path) as packet:
        placements = []
        for number, page in enumerate(packet.pages):
            for box, scale in placed_forms(page):
                placements.append((number, box, scale))
    with pikepdf.open(original_path) as original:
        fonts = [sorted(unembedded_fonts(page.obj.get("/Resources"))) for page in original.pages]
    if len(placements) != len(fonts):
        sys.stderr.write(f"compare_pages: {original_path.name} has {len(fonts)} pages, the packet places {len(placements)}\n")
        return 1

    results = []
    for index, ((packet_page, box, scale), page_fonts) in enumerate(zip(placements, fonts)):
        stem = work / f"page{index + 1}"
        before = render(original_path, index + 1, f"{stem}-original", ["-r", str(DPI)])
        with pikepdf.open(packet_path) as packet:
            kept = packet.pages[packet_page]
            single = pikepdf.Pdf.new()
            single.pages.append(kept)
            single.pages[0].obj.CropBox = pikepdf.Array([round(v, 4) for v in box])
            single.save(f"{stem}-cropped.pdf")
        after = render(f"{stem}-cropped.pdf", 1, f"{stem}-imported", ["-r", repr(DPI / scale)])
        if after.size != before.size:
            # pdftoppm rounds each size up: a fraction of a pixel apart, the grids still coincide.
            after = after.crop((0, 0, before.width, before.height))
        difference = ImageChops.difference(before, after)
        channels = difference.split()
        peak = ImageChops.lighter(ImageChops.lighter(channels[0], channels[1]), channels[2])
        mask = peak.point(lambda v: 255 if v > THRESHOLD else 0)
        inner = mask.crop((1, 1, mask.width - 1, mask.height - 1))
        differing = inner.histogram()[255]
        total = inner.width * inner.height
        results.append({
            "page": index + 1, "packetPage": packet_page + 1, "width": before.width, "height": before.height,
            "scale": round(scale, 4), "differingPixels": differing, "differingPercent": round(100 * differing / total, 3),
            "fontsReplaced": page_fonts,
        })
        if images is not None:
            name = f"{original_path.stem}-p{index + 1}"
            gap = 12
            side = Image.new("RGB", (before.width * 3 + gap * 2, before.height), (255, 255, 255))
            side.paste(before, (0, 0))
            side.paste(after, (before.width + gap, 0))
            marked = Image.composite(Image.new("RGB", before.size, (220, 0, 0)), before.convert("L").convert("RGB").point(lambda v: 128 + v // 2), mask)
            side.paste(marked, (2 * (before.width + gap), 0))
            side.save(images / f"{name}.png", optimize=True)
    json.dump(results, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
