#!/usr/bin/env python3
"""Compiles every .typ under SRC with Typst, in one warm process, one document after the other, and
prints a JSON summary (per document: milliseconds, pages, bytes). Run by Benchmarks/run.

    python3 Benchmarks/tools/typst_compile.py SRC OUT [--font-path DIR]... [--shard I --shards N --barrier DIR]

The compiler is created once (fonts found and indexed) and the first document compiled once before
the clock starts; `startupMilliseconds` reports that separately, so `milliseconds` is the warm
throughput the issue asks for. Typst keeps its memoisation cache between documents, as a long-lived
Typst process would.

With `--shards N`, this process compiles every N-th document starting at `--shard I` (one worker of N,
started by Benchmarks/run side by side); with `--barrier DIR` it writes `DIR/ready-I` once warm and
waits for `DIR/go` before compiling, so that the workers' compiling overlaps. `compileStartEpoch` and
`compileEndEpoch` (seconds since the epoch) let the caller take the wall time of all workers, and
`compileCPUMilliseconds` is the process's CPU time while compiling (all its threads).
"""
import argparse
import json
import os
import re
import sys
import time

import typst

WARM_UP = """#set text(lang: "zh", region: "tw", font: ("Noto Serif CJK TC", "TW-Sung", "TW-Sung-Ext-B", "TW-Sung-Plus"))
= 暖身
#text(font: "Noto Sans CJK TC")[無襯線] #text(font: "Noto Sans CJK TC", weight: "bold")[粗體] 明體文字，𠀀。
#table(columns: 2, [甲], [乙])
""".encode()
PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("src")
    parser.add_argument("out")
    parser.add_argument("--font-path", action="append", default=[])
    parser.add_argument("--shard", type=int, default=0)
    parser.add_argument("--shards", type=int, default=1)
    parser.add_argument("--barrier", help="folder: write ready-SHARD when warm, wait for go")
    args = parser.parse_args()

    sources = sorted(os.path.join(d, f) for d, _, fs in os.walk(args.src) for f in fs if f.endswith(".typ"))
    sources = sources[args.shard::args.shards]
    if not sources:
        sys.exit("typst_compile: no .typ files under %s" % args.src)

    started = time.perf_counter()
    compiler = typst.Compiler(sources[0], root=args.src, font_paths=args.font_path, ignore_system_fonts=True)
    # Warm up on a document of its own that touches every face, so that no packet is compiled from
    # Typst's cache of an earlier run of itself.
    compiler.compile(input=WARM_UP)
    startup = (time.perf_counter() - started) * 1000
    if args.barrier:
        open(os.path.join(args.barrier, "ready-%d" % args.shard), "w").close()
        while not os.path.exists(os.path.join(args.barrier, "go")):
            time.sleep(0.005)

    documents = []
    failed = 0
    start_epoch = time.time()
    cpu = time.process_time()
    wall = time.perf_counter()
    for source in sources:
        target = os.path.join(args.out, os.path.relpath(source, args.src))[:-4] + ".pdf"
        os.makedirs(os.path.dirname(target), exist_ok=True)
        t = time.perf_counter()
        try:
            pdf = compiler.compile(input=source)
        except typst.TypstError as error:
            failed += 1
            print("typst_compile: %s: %s" % (source, str(error).splitlines()[0]), file=sys.stderr)
            continue
        milliseconds = (time.perf_counter() - t) * 1000
        with open(target, "wb") as fh:  # outside the timed part: ours times its writes, but not this
            fh.write(pdf)
        documents.append({"source": os.path.relpath(source, args.src), "milliseconds": round(milliseconds, 2),
                          "pages": len(PAGE.findall(pdf)), "pdfBytes": len(pdf)})
    wall = (time.perf_counter() - wall) * 1000
    cpu = (time.process_time() - cpu) * 1000
    print(json.dumps({
        "typst": getattr(typst, "__version__", "?"),
        "documents": documents, "failed": failed, "startupMilliseconds": round(startup, 1),
        "compileMilliseconds": round(sum(d["milliseconds"] for d in documents), 1), "wallMilliseconds": round(wall, 1),
        "compileCPUMilliseconds": round(cpu, 1), "compileStartEpoch": start_epoch, "compileEndEpoch": time.time(),
        "pages": sum(d["pages"] for d in documents), "pdfBytes": sum(d["pdfBytes"] for d in documents),
    }))


if __name__ == "__main__":
    main()
