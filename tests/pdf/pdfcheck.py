#!/usr/bin/python3
"""tests/pdf/pdfcheck.py - checks a PDF made by Rapp with independent readers (poppler, qpdf).

    pdfcheck.py [--family F[,F...]] [--cover] [--expect FILE] PDF...

Families (default: all):
  syntax  qpdf --check is clean; poppler prints nothing on stderr (e.g. "Invalid 'begincidrange'")
  fonts   every font embedded, subset, with a ToUnicode map (pdffonts: emb/sub/uni yes)
  layout  footer "Side N av M" on every page but the cover; TOC page numbers equal the pages the
          headings are on, and no heading ends its page; bookmark count
  bbox    every word's box inside the media box and at least 10 mm from its left/right edges
  text    the expectations of the PDF's .expect file (see below)
Expectations (PDF.expect beside the PDF, or --expect; one per line):
  cover | toc | pages N | min_pages N | bookmarks N | info KEY VALUE
  text T (T somewhere, whitespace-normalised) | line L (an exact line of pdftotext's output)
  sequence FMT A B (FMT % i for i in A..B each exactly once, in order)
  header_with REGEX H (every page with a line starting with REGEX also shows H)
  landscape_with T (every page showing T is landscape, and there is one)
  followed_by RX1 RX2 (a line matching RX1 is followed on its page by one matching RX2;
                      RX2 has no space)
  together A => B (the last page where text A appears - the contents come first - shows text B
                  too: keep with next)
  count T N (T appears exactly N times as a word) | lang TAG (catalog /Lang) | bookmarks_top N (top-level bookmarks, some with nested kids)
Prints one line per failure and exits 1 if any; usable on any PDF path.
"""
import json
import os
import re
import subprocess
import sys

FAILS = []
MM = 72 / 25.4


def fail(pdf, msg):
    FAILS.append(f"{os.path.basename(pdf)}: {msg}")


def run(pdf, args, check_stderr=True):
    p = subprocess.run(args, capture_output=True)
    err = p.stderr.decode("utf-8", "replace").strip()
    if check_stderr and err:
        fail(pdf, f"{args[0]} printed on stderr: {err.splitlines()[0]}")
    return p.returncode, p.stdout.decode("utf-8", "replace")


def norm(s):
    return re.sub(r"[\s\u00a0\u2003]+", " ", s).strip()


class Doc:
    def __init__(self, pdf):
        self.pdf = pdf
        _, info = run(pdf, ["pdfinfo", pdf])
        self.info = {}
        for ln in info.splitlines():
            if ":" in ln:
                k, v = ln.split(":", 1)
                self.info[k.strip()] = v.strip()
        self.npages = int(self.info.get("Pages", "0"))
        _, sizes = run(pdf, ["pdfinfo", "-f", "1", "-l", str(max(self.npages, 1)), pdf])
        self.sizes = {}
        for m in re.finditer(r"Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+)", sizes):
            self.sizes[int(m.group(1))] = (float(m.group(2)), float(m.group(3)))
        _, text = run(pdf, ["pdftotext", "-layout", pdf, "-"])
        self.pages = text.split("\f")[: self.npages]
        _, raw = run(pdf, ["pdftotext", pdf, "-"])
        self.raw_lines = [ln.strip() for ln in raw.splitlines()]

    def landscape(self, i):
        w, h = self.sizes.get(i, (0, 0))
        return w > h


def check_syntax(d):
    rc, out = run(d.pdf, ["qpdf", "--check", d.pdf], check_stderr=True)
    if rc != 0 or "No syntax or stream encoding errors" not in out:
        fail(d.pdf, "qpdf --check: " + " | ".join(out.strip().splitlines()[-3:]))
    run(d.pdf, ["pdffonts", d.pdf])
    run(d.pdf, ["pdftotext", "-bbox", d.pdf, "/dev/null"])


def check_fonts(d):
    _, out = run(d.pdf, ["pdffonts", d.pdf])
    rows = out.splitlines()[2:]
    if not rows:
        fail(d.pdf, "pdffonts lists no fonts")
    if len(rows) > 4:
        fail(d.pdf, f"{len(rows)} fonts embedded, expected at most the family's four faces")
    for r in rows:
        f = r.split()
        # name type... encoding emb sub uni object ID
        emb, sub, uni = f[-5], f[-4], f[-3]
        if (emb, sub, uni) != ("yes", "yes", "yes"):
            fail(d.pdf, f"font not embedded+subset+unicode: {r}")
        if not re.match(r"^[A-Z]{6}\+", f[0]):
            fail(d.pdf, f"font name without subset tag: {f[0]}")


def check_layout(d, exp):
    cover = "cover" in exp
    # An attachment's pages (a saksframlegg's vedlegg) are numbered on their own, "Vedlegg K –
    # side N av M" (docs/pdf-layout.md); the document's pages count the rest.
    att_re = re.compile(r"Vedlegg (\d+) \u2013 side (\d+) av (\d+)$")
    last = []
    for i in range(d.npages):
        lines = [ln for ln in (d.pages[i] if i < len(d.pages) else "").splitlines() if ln.strip()]
        last.append(att_re.search(norm(lines[-1])) if lines else None)
    main_total = sum(1 for m in last if not m)
    att_count, att_seen = {}, {}
    for m in last:
        if m:
            att_count[m.group(1)] = att_count.get(m.group(1), 0) + 1
    main_no = 0
    for i in range(1, d.npages + 1):
        page = d.pages[i - 1] if i - 1 < len(d.pages) else ""
        m = last[i - 1]
        if m:
            k = m.group(1)
            att_seen[k] = att_seen.get(k, 0) + 1
            if (int(m.group(2)), int(m.group(3))) != (att_seen[k], att_count[k]):
                fail(d.pdf, f"page {i}: footer 'Vedlegg {k} \u2013 side {m.group(2)} av {m.group(3)}', "
                     f"expected side {att_seen[k]} av {att_count[k]}")
            continue
        main_no += 1
        want = f"Side {main_no} av {main_total}"
        if cover and i == 1:
            if "Side " in page:
                fail(d.pdf, "the cover has a page footer")
            continue
        lines = [ln for ln in page.splitlines() if ln.strip()]
        if not lines or not norm(lines[-1]).endswith(want):
            fail(d.pdf, f"page {i}: footer '{want}' missing (last line: {lines[-1] if lines else ''!r})")
    entries = []
    for i, page in enumerate(d.pages, 1):
        if not any(norm(ln) == "Innhold" for ln in page.splitlines()):
            continue
        for ln in page.splitlines():
            m = re.match(r"^\s*(.+?)\s*(?:\.\s*){3,}\s*(\d+)\s*$", ln)
            if m:
                entries.append((norm(m.group(1)), int(m.group(2)), i))
    if "toc" in exp and not entries:
        fail(d.pdf, "no table of contents entries found")
    for title, target, tocpage in entries:
        if not 1 <= target <= d.npages:
            fail(d.pdf, f"TOC entry '{title}' points to page {target} of {d.npages}")
            continue
        lines = [norm(ln) for ln in d.pages[target - 1].splitlines() if ln.strip()]
        key = title[:40]
        starts = [k for k, ln in enumerate(lines) if ln.startswith(key)]
        if not starts:
            fail(d.pdf, f"TOC entry '{title}' says page {target}, but the heading is not there")
            continue
        # Keep with next: something other than the footer follows the (possibly wrapped) heading.
        k, text = starts[0], lines[starts[0]]
        while k + 1 < len(lines) and title.startswith(norm(text + " " + lines[k + 1])):
            k += 1
            text += " " + lines[k]
        if k + 1 >= len(lines) - 1:
            fail(d.pdf, f"heading '{title}' is the last thing on page {target} (keep with next)")
    if "bookmarks" in exp:
        rc, out = run(d.pdf, ["qpdf", "--json", "--json-key=outlines", d.pdf])
        try:
            outl = json.loads(out).get("outlines", [])
        except ValueError:
            outl = []

        def count(items):
            return sum(1 + count(it.get("kids", [])) for it in items)

        n = count(outl)
        if n != int(exp["bookmarks"]):
            fail(d.pdf, f"{n} bookmarks, expected {exp['bookmarks']}")
        if entries and len(entries) != n:
            fail(d.pdf, f"{len(entries)} TOC entries but {n} bookmarks")


def check_bbox(d):
    _, html = run(d.pdf, ["pdftotext", "-bbox", d.pdf, "-"])
    bad = 0
    for pm in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', html, re.S):
        w, h = float(pm.group(1)), float(pm.group(2))
        for wm in re.finditer(r'<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">(.*?)</word>',
                              pm.group(3)):
            x0, y0, x1, y1 = map(float, wm.groups()[:4])
            if x0 < 10 * MM or x1 > w - 10 * MM or y0 < 0 or y1 > h:
                bad += 1
                if bad <= 5:
                    fail(d.pdf, f"word '{wm.group(5)}' at ({x0:.1f},{y0:.1f})-({x1:.1f},{y1:.1f}) outside {w:.0f}x{h:.0f} less margins")


def check_text(d, exp, lines):
    alltext = norm(" ".join(d.pages))
    for key, val in lines:
        if key == "pages" and d.npages != int(val):
            fail(d.pdf, f"{d.npages} pages, expected {val}")
        elif key == "min_pages" and d.npages < int(val):
            fail(d.pdf, f"{d.npages} pages, expected at least {val}")
        elif key == "info":
            k, v = val.split(" ", 1)
            if d.info.get(k) != v:
                fail(d.pdf, f"info {k} is {d.info.get(k)!r}, expected {v!r}")
        elif key == "text":
            if norm(val) not in alltext:
                fail(d.pdf, f"text {val!r} not found")
        elif key == "line":
            if val.strip() not in d.raw_lines:
                near = [ln for ln in d.raw_lines if ln[:8] == val.strip()[:8]]
                fail(d.pdf, f"line {val!r} not extracted exactly (got {near[:1]!r})")
        elif key == "sequence":
            fmt, a, b = val.split(" ")
            pos = 0
            joined = " ".join(d.pages)
            for i in range(int(a), int(b) + 1):
                tok = fmt % i
                n = len(re.findall(re.escape(tok) + r"(?!\d)", joined))
                if n != 1:
                    fail(d.pdf, f"{tok} appears {n} times, expected once")
                    break
                p = joined.find(tok)
                if p < pos:
                    fail(d.pdf, f"{tok} out of order")
                    break
                pos = p
        elif key == "header_with":
            rx, header = val.split(" ", 1)
            seen = 0
            for i, page in enumerate(d.pages, 1):
                if any(re.match(rx, ln.strip()) for ln in page.splitlines()):
                    seen += 1
                    if norm(header) not in norm(page):
                        fail(d.pdf, f"page {i} continues a table without its header '{header}'")
            if not seen:
                fail(d.pdf, f"no page has a line matching {rx!r}")
        elif key == "count":
            t, n = val.rsplit(" ", 1)
            got = len(re.findall(r"(?<!\w)" + re.escape(norm(t)) + r"(?!\w)", alltext))
            if got != int(n):
                fail(d.pdf, f"{t!r} appears {got} times, expected {n}")
        elif key == "followed_by":
            rx1, rx2 = val.rsplit(" ", 1)
            seen = 0
            for i, page in enumerate(d.pages, 1):
                lines = [ln.strip() for ln in page.splitlines() if ln.strip()]
                for k, ln in enumerate(lines):
                    if re.match(rx1, ln):
                        seen += 1
                        if k + 1 >= len(lines) - 1 or not re.match(rx2, lines[k + 1]):
                            fail(d.pdf, f"page {i}: '{ln}' is not followed by a line matching {rx2!r}")
            if not seen:
                fail(d.pdf, f"no line matches {rx1!r}")
        elif key == "together":
            a, b = (norm(x) for x in val.split("=>", 1))
            rxa, rxb = (re.compile(r"(?<!\w)" + re.escape(x) + r"(?!\w)") for x in (a, b))
            hits = [i for i, page in enumerate(d.pages, 1) if rxa.search(norm(page))]
            if not hits:
                fail(d.pdf, f"no page shows {a!r}")
            elif not rxb.search(norm(d.pages[hits[-1] - 1])):
                fail(d.pdf, f"page {hits[-1]} shows {a!r} but not {b!r} (keep with next)")
        elif key == "lang":
            with open(d.pdf, "rb") as f:
                data = f.read()
            if f"/Lang ({val})".encode() not in data:
                fail(d.pdf, f"catalog has no /Lang ({val})")
        elif key == "bookmarks_top":
            _, out = run(d.pdf, ["qpdf", "--json", "--json-key=outlines", d.pdf])
            try:
                top = json.loads(out).get("outlines", [])
            except ValueError:
                top = []
            if len(top) != int(val):
                fail(d.pdf, f"{len(top)} top-level bookmarks, expected {val}")
            elif not any(it.get("kids") for it in top):
                fail(d.pdf, "bookmarks are not nested")
        elif key == "landscape_with":
            hits = [i for i, page in enumerate(d.pages, 1) if norm(val) in norm(page)]
            if not hits:
                fail(d.pdf, f"no page shows {val!r}")
            for i in hits:
                if not d.landscape(i):
                    fail(d.pdf, f"page {i} shows {val!r} but is not landscape")
            if d.npages and d.landscape(1):
                fail(d.pdf, "page 1 is landscape")


def read_expect(path):
    exp, lines = {}, []
    if path and os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for ln in f:
                ln = ln.rstrip("\n")
                if not ln or ln.startswith("#"):
                    continue
                key, _, val = ln.partition(" ")
                exp[key] = val
                lines.append((key, val))
    return exp, lines


def main(argv):
    families = ["syntax", "fonts", "layout", "bbox", "text"]
    pdfs, expect, cover = [], None, False
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--family":
            families = argv[i + 1].split(",")
            i += 1
        elif a == "--expect":
            expect = argv[i + 1]
            i += 1
        elif a == "--cover":
            cover = True
        else:
            pdfs.append(a)
        i += 1
    if not pdfs:
        print(__doc__, file=sys.stderr)
        return 2
    for pdf in pdfs:
        exp, lines = read_expect(expect or os.path.splitext(pdf)[0] + ".expect")
        if cover:
            exp["cover"] = ""
        d = Doc(pdf)
        if d.npages == 0:
            fail(pdf, "no pages (pdfinfo failed)")
            continue
        if "syntax" in families:
            check_syntax(d)
        if "fonts" in families:
            check_fonts(d)
        if "layout" in families:
            check_layout(d, exp)
        if "bbox" in families:
            check_bbox(d)
        if "text" in families:
            check_text(d, exp, lines)
    for f in FAILS:
        print(f)
    print(f"pdfcheck: {len(pdfs)} file(s), families {','.join(families)}: {len(FAILS)} failure(s)")
    return 1 if FAILS else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
