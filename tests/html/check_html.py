#!/usr/bin/python3
"""Checks Rapp's HTML edition (src/html/) with html5lib as an independent reader.

  check_html.py valid FILE...            strict HTML5 parse: no parse error at all
  check_html.py structure FILE...        landmarks, lang, headings without skipped levels, tables
                                         (caption, thead, scope, scroll region, figures
                                         right-aligned, codes left-aligned as written), charts (SVG
                                         role=img with title and desc, data table in details),
                                         status cells (symbol and word), ids and links, nothing
                                         fetched, status fills with >= 4.5:1 contrast
  check_html.py same-as-txt HTML TXT     every table's rows read the same as the txt renderer's
  check_html.py same-as-pdf HTML PDF     every figure of every HTML table (outside charts' data)
                                         appears in the PDF's text (pdftotext), as often
  check_html.py agree HTML TXT DATE      tests/present/agree.lua: same-as-txt, no "−0" in any
                                         cell, and "Om rapporten" gives the production date DATE
  check_html.py patterns HTML PDF        tests/html/patterns.lua: the 3-series chart has no fill
                                         pattern, the 4-series ones have SVG <pattern>s used by
                                         the bars and the legend, and the PDF pages of the
                                         4-series charts draw the clipped pattern paths
"""
import re
import subprocess
import sys
from collections import Counter

import html5lib

STATUS_WORDS = {"Ønsket resultat", "Akseptabelt resultat", "Uakseptabelt resultat", "Ikke målt",
                "Uten resultatkrav"}
NUMBER = re.compile(r"^[−-]?\d{1,3}(?:\u00a0\d{3})*(?:,\d+)?(?:\u00a0%)?$")
# Codes are identifiers, not figures (Konto 10100, Ansvar 3010, Funksjon 254, Arkiv 151): text,
# left-aligned and written as they are, digits only. A column holds codes when its header is one of
# these words (the code columns' titles in reports/labels/*.lua).
CODE_HEADS = {"Konto", "Ansvar", "Funksjon", "Prosj", "Prosjektnr", "Arkiv"}
CODE = re.compile(r"^\d+$")

failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg)


def parse(path, strict=False):
    with open(path, "rb") as f:
        data = f.read()
    p = html5lib.HTMLParser(strict=strict, namespaceHTMLElements=False)
    doc = p.parse(data, transport_encoding="utf-8")
    for e in doc.iter():  # SVG elements keep their namespace: use the local names
        if isinstance(e.tag, str) and e.tag.startswith("{"):
            e.tag = e.tag.split("}", 1)[1]
    return doc, data


def text(el, hidden=True):
    """Text content; hidden=False leaves out visually hidden (.vh) text."""
    out = []

    def walk(e):
        if not hidden and "vh" in (e.get("class") or "").split():
            if e.tail:
                out.append(e.tail)
            return
        if e.text:
            out.append(e.text)
        for ch in e:
            walk(ch)
        if e is not el and e.tail:
            out.append(e.tail)

    walk(el)
    return "".join(out)


def classes(e):
    return (e.get("class") or "").split()


def layout(rows):
    """The cells of table rows (<tr>s) with their column: a list per row of (column, cell), spans
    (rowspan, colspan) taken into account; a cell spanning columns is listed at its first."""
    out, taken = [], set()
    for i, tr in enumerate(rows):
        row, col = [], 0
        for cell in tr:
            while (i, col) in taken:
                col += 1
            row.append((col, cell))
            span, down = int(cell.get("colspan") or 1), int(cell.get("rowspan") or 1)
            taken.update((i + d, col + c) for d in range(down) for c in range(span))
            col += span
        out.append(row)
    return out


def column_heads(table):
    """Each column's header text (the lowest header cell over it), by column."""
    heads = {}
    for row in layout(table.findall("thead/tr")):
        for col, th in row:
            for c in range(col, col + int(th.get("colspan") or 1)):
                heads[c] = text(th).strip()
    return heads


def check_valid(paths):
    for p in paths:
        try:
            parse(p, strict=True)
            print(f"ok: {p} parses without error (html5lib strict)")
        except html5lib.html5parser.ParseError as e:
            fail(f"{p}: parse error: {e}")


def luminance(hexc):
    def ch(c):
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (int(hexc[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b)


def contrast(a, b):
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def cell_faults(t):
    """The faults of a table's body cells: a figure not right-aligned, a code (a column of
    CODE_HEADS) right-aligned or written as a figure, a status cell without symbol or word. Returns
    (faults, figures seen, codes seen)."""
    faults, numbers, codes = [], 0, 0
    heads = column_heads(t)
    trs = t.findall("tbody/tr")
    for tr, row in zip(trs, layout(trs)):
        for col, cell in row:
            c = classes(cell)
            shown = text(cell, hidden=False).strip()
            if heads.get(col) in CODE_HEADS and "group" not in classes(tr):
                if "num" in c:
                    faults.append(f"code {shown!r} ({heads[col]}) is right-aligned like a figure")
                elif CODE.match(shown):
                    codes += 1
                elif NUMBER.match(shown):
                    faults.append(f"code {shown!r} ({heads[col]}) is written as a figure")
            elif "st" in c:
                sym = [s for s in cell.iter("span") if "sym" in classes(s)]
                vh = [s for s in cell.iter("span") if "vh" in classes(s)]
                # the word hidden after a value, or shown when the status is the content
                word = text(vh[0]).strip(" ()") if vh else \
                    shown.replace(text(sym[0]) if sym else "", "", 1).strip()
                if not sym or word not in STATUS_WORDS:
                    faults.append(f"status cell {shown!r} lacks symbol or word")
            elif NUMBER.match(shown):
                if "num" not in c:
                    faults.append(f"number {shown!r} is not right-aligned")
                numbers += 1
    return faults, numbers, codes


# A table with known faults that cell_faults must find, each once, so that a check that silently
# checks nothing cannot pass: a figure left-aligned, a code right-aligned, a code written as a figure
# (a status symbol without its word); the merged cell and the group row shift nothing.
CANARY = """<table><thead><tr><th scope="col" rowspan="2">Konto</th><th scope="colgroup" colspan="2">Beløp</th>
<th scope="col" rowspan="2">Funksjon</th><th scope="col" rowspan="2" class="num">Status</th></tr>
<tr><th scope="col" class="num">Budsjett</th><th scope="col" class="num">Regnskap</th></tr></thead><tbody>
<tr class="group"><th scope="rowgroup" colspan="5">Drift 2026</th></tr>
<tr><th scope="row" rowspan="2">10100</th><td class="num">1\u00a0000</td><td>2\u00a0500</td><td class="num">254</td>
<td class="st"><span class="sym">●</span></td></tr>
<tr><td class="num">300</td><td class="num">12,5</td><td>10\u00a0100</td><td class="st"><span class="sym">●</span>
<span class="vh">(Ønsket resultat)</span></td></tr></tbody></table>"""
NBSP = "\u00a0"
CANARY_FAULTS = [f"number {'2' + NBSP + '500'!r} is not right-aligned",
                 "code '254' (Funksjon) is right-aligned like a figure",
                 "status cell '●' lacks symbol or word",
                 f"code {'10' + NBSP + '100'!r} (Funksjon) is written as a figure"]


def check_canary():
    doc = html5lib.HTMLParser(namespaceHTMLElements=False).parse(CANARY)
    faults, numbers, codes = cell_faults(doc.find(".//table"))
    if faults != CANARY_FAULTS or (numbers, codes) != (4, 1):
        fail(f"the table check finds {faults} ({numbers} figures, {codes} codes) in its canary, "
             f"not {CANARY_FAULTS} (4 figures, 1 code)")


def check_structure(paths):
    check_canary()
    for p in paths:
        doc, data = parse(p)
        n0 = len(failures)
        html = doc
        if html.get("lang") not in ("nb", "nn", "se", "nb-NO", "nn-NO", "se-NO"):
            fail(f"{p}: <html lang> is {html.get('lang')!r}")
        title = html.find("head/title")
        if title is None or not (title.text or "").strip():
            fail(f"{p}: no <title>")
        body = html.find("body")
        for tag in ("header", "main", "footer"):
            if len(body.findall(tag)) != 1:
                fail(f"{p}: {len(body.findall(tag))} <{tag}> landmarks at the top (want 1)")
        navs = body.findall(".//nav")
        for nav in navs:
            if not nav.findall(".//a"):
                fail(f"{p}: <nav> without links")
        if len(body.findall(".//h1")) != 1:
            fail(f"{p}: {len(body.findall('.//h1'))} <h1> (want 1)")
        # headings in document order, never deeper than one level below the one before
        last = 0
        for e in body.iter():
            m = re.fullmatch(r"h([1-6])", e.tag)
            if not m:
                continue
            lvl = int(m.group(1))
            if lvl > last + 1:
                fail(f"{p}: heading <h{lvl}> {text(e)!r} after <h{last}> skips a level")
            last = lvl
        # nothing is fetched and nothing runs
        if body.findall(".//script") or html.findall(".//script") or html.findall(".//link"):
            fail(f"{p}: has <script> or <link>")
        for e in html.iter():
            for a in ("src", "href", "xlink:href"):
                v = e.get(a)
                if v and not (v.startswith("#") or v.startswith("data:")):
                    fail(f"{p}: <{e.tag} {a}={v[:60]!r}> points outside the file")
        if re.search(rb"url\((?!#|data:)", data) or re.search(rb"@import", data):
            fail(f"{p}: CSS fetches something")
        # ids unique, every reference resolves
        ids = Counter(e.get("id") for e in html.iter() if e.get("id"))
        for i, n in ids.items():
            if n > 1:
                fail(f"{p}: id {i!r} used {n} times")
        for e in html.iter():
            for ref in (e.get("aria-labelledby") or "").split():
                if ref not in ids:
                    fail(f"{p}: aria-labelledby {ref!r} names no element")
            h = e.get("href")
            if h and h.startswith("#") and h[1:] not in ids:
                fail(f"{p}: link {h!r} leads nowhere")
        # tables
        parents = {c: e for e in html.iter() for c in e}
        tables = body.findall(".//table")
        numbers = codes = 0
        for t in tables:
            cap = t.find("caption")
            name = text(cap).strip() if cap is not None else "?"
            if cap is None or not name:
                fail(f"{p}: a table has no caption")
            if t.find("thead") is None or not t.findall("thead/tr/th"):
                fail(f"{p}: table {name!r} has no <thead> with <th>")
            for th in t.findall("thead/tr/th"):
                if th.get("scope") not in ("col", "colgroup"):
                    fail(f"{p}: table {name!r}: header {text(th)!r} has no scope=col")
            for th in t.findall("tbody/tr/th"):
                if th.get("scope") not in ("row", "rowgroup"):
                    fail(f"{p}: table {name!r}: row header {text(th)!r} has no scope=row")
            if not t.findall("colgroup"):
                fail(f"{p}: table {name!r} has no <colgroup>")
            wrap = parents.get(t)
            if wrap is None or "tbl" not in classes(wrap) or wrap.get("role") != "region" \
                    or wrap.get("tabindex") != "0" or wrap.get("aria-labelledby") != (cap.get("id") if cap is not None else None):
                fail(f"{p}: table {name!r} is not in a focusable region labelled by its caption")
            faults, n, k = cell_faults(t)
            for f in faults:
                fail(f"{p}: table {name!r}: {f}")
            numbers, codes = numbers + n, codes + k
        # charts
        # (a legend swatch is a decorative svg, aria-hidden: the label beside it says it in words)
        svgs = [s for s in body.findall(".//svg") if s.get("aria-hidden") != "true"]
        for s in svgs:
            t, d = s.find("title"), s.find("desc")
            if s.get("role") != "img" or t is None or not (t.text or "").strip() or d is None \
                    or not (d.text or "").strip():
                fail(f"{p}: an <svg> lacks role=img, <title> or <desc>")
        for fig in body.findall(".//figure"):
            if fig.find("svg") is not None and fig.find("details//table") is None:
                fail(f"{p}: chart {text(fig.find('figcaption'))!r} has no data table in <details>")
        # status fills against the ink
        css = data.decode("utf-8")
        fills = re.findall(r"\.st-([a-z_]+)\{background:#([0-9A-Fa-f]{6});color:#([0-9A-Fa-f]{6})\}", css)
        if len(fills) != 5:
            fail(f"{p}: found {len(fills)} status colour rules in the CSS (want 5)")
        for code, fill, ink in fills:
            if contrast(fill, ink) < 4.5:
                fail(f"{p}: status {code}: ink #{ink} on #{fill} has contrast {contrast(fill, ink):.2f} < 4.5")
        if len(failures) == n0:
            print(f"ok: {p}: {len(tables)} tables ({numbers} figures right-aligned, {codes} codes as text), "
                  f"{len(svgs)} charts, {len(ids)} ids; structure clean")


def html_grids(doc):
    """Every table of the page as rows of cell texts the way the txt renderer writes them: merged
    repeats as '"', group rows as '[label]', status as 'value symbol word'."""
    grids = []
    for t in doc.find("body").findall(".//table"):
        rows, pending = [], {}
        for tr in t.findall("tbody/tr"):
            if "group" in classes(tr):
                rows.append(["[" + text(tr).strip() + "]"])
                continue
            out, col = [], 0
            cells = list(tr)
            while cells or col in pending:
                if col in pending:
                    out.append('"')
                    pending[col] -= 1
                    if pending[col] == 0:
                        del pending[col]
                    col += 1
                    continue
                cell = cells.pop(0)
                s = re.sub(r"\s+\((" + "|".join(STATUS_WORDS) + r")\)$", r" \1", text(cell).strip())
                out.append(re.sub(r"\s+", " ", s.replace("\u00a0", " ")))
                span = int(cell.get("rowspan") or 1)
                if span > 1:
                    pending[col] = span - 1
                col += 1
            rows.append(out)
        grids.append(rows)
    return grids


def txt_grids(path):
    grids, cur, in_body = [], None, False
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.startswith("|"):
                if cur is not None:
                    grids.append(cur)
                cur, in_body = None, False
                continue
            if cur is None:
                cur = []
            if re.fullmatch(r"\|(-+\|)+", line):
                in_body = True
                continue
            if not in_body:
                continue
            m = re.fullmatch(r"\| \[(.*)\]", line)
            if m:
                cur.append(["[" + m.group(1) + "]"])
                continue
            line = re.sub(r" \((sub)?total\)$", "", line)
            cells = [re.sub(r"\s+", " ", c.strip().replace("\u00a0", " ")) for c in line.strip("|").split("|")]
            cur.append(cells)
    if cur is not None:
        grids.append(cur)
    return grids


def check_same_as_txt(html_path, txt_path):
    doc, _ = parse(html_path)
    h, t = html_grids(doc), txt_grids(txt_path)
    if len(h) != len(t):
        fail(f"{html_path}: {len(h)} tables, the txt has {len(t)}")
    cells = 0
    for i, (a, b) in enumerate(zip(h, t)):
        if a != b:
            for j, (ra, rb) in enumerate(zip(a, b)):
                if ra != rb:
                    fail(f"table {i + 1} row {j + 1}: html {ra} != txt {rb}")
                    break
            else:
                fail(f"table {i + 1}: {len(a)} rows in html, {len(b)} in txt")
        cells += sum(len(r) for r in a)
    if not failures:
        print(f"ok: {len(h)} tables, {cells} cells read the same in {html_path} and {txt_path}")


NUM_IN_TEXT = re.compile(r"(?<![\d,])[−-]?\d{1,3}(?:[ \u00a0]\d{3})*(?:,\d+)?(?![\d,])")


def check_same_as_pdf(html_path, pdf_path):
    doc, _ = parse(html_path)
    figures = Counter()
    parents = {c: e for e in doc.iter() for c in e}

    def in_details(e):
        while e is not None:
            if e.tag == "details":
                return True
            e = parents.get(e)
        return False

    ntab = 0
    for t in doc.find("body").findall(".//table"):
        if in_details(t):
            continue
        ntab += 1
        for cell in t.iter():
            if cell.tag in ("td", "th"):
                s = text(cell, hidden=False).replace("\u00a0", " ")
                for m in NUM_IN_TEXT.findall(s):
                    figures[m.replace("-", "−")] += 1
    pdf = subprocess.run(["pdftotext", "-layout", pdf_path, "-"], capture_output=True, check=True,
                         text=True).stdout.replace("\u00a0", " ")
    in_pdf = Counter(m.replace("-", "−") for m in NUM_IN_TEXT.findall(pdf))
    missing = {k: v - in_pdf[k] for k, v in figures.items() if in_pdf[k] < v}
    if missing:
        fail(f"{html_path}: figures of its tables that the PDF does not show as often: "
             + ", ".join(f"{k!r} x{v}" for k, v in sorted(missing.items())[:20]))
    elif not figures:
        fail(f"{html_path}: no figures found in its tables")
    else:
        print(f"ok: {html_path}: {sum(figures.values())} figures in {ntab} tables, all in {pdf_path}")


def check_agree(html_path, txt_path, date):
    check_same_as_txt(html_path, txt_path)
    doc, _ = parse(html_path)
    for cell in doc.find("body").iter():
        if cell.tag in ("td", "th") and re.match(r"^−0(,0+)?(\u00a0%)?$", text(cell, hidden=False).strip()):
            fail(f"{html_path}: a cell shows {text(cell, hidden=False).strip()!r} (a value that rounds to zero is 0)")
    with open(txt_path, encoding="utf-8") as f:
        zero = f.read().count("plot: Alle verdiene er 0")
    shown = sum(1 for e in doc.iter("p") if "allzero" in classes(e) and text(e).strip() == "Alle verdiene er 0")
    if zero != shown:
        fail(f"{html_path}: {shown} charts say 'Alle verdiene er 0', the txt has {zero}")
    foot = doc.find("body/footer")
    about = {text(d[0]).strip(): text(d[1]).strip() for d in foot.iter("div") if len(d) == 2} if foot is not None else {}
    produced = [v for k, v in about.items() if k.startswith("Produsert")]
    if not produced or not produced[0].startswith(date):
        fail(f"{html_path}: 'Om rapporten' gives the production time {produced!r}, want {date}")
    elif not failures:
        print(f"ok: {html_path}: no −0, {zero} all-zero charts said so, produced {produced[0]}")


def figure_by_title(doc, title):
    for fig in doc.iter("figure"):
        cap = fig.find(".//figcaption")
        if cap is not None and text(cap).startswith(title):
            return fig
    return None


def check_html_patterns(path):
    doc, _ = parse(path)
    want = {"Tre serier": 0, "Fire serier": 3, "Fire liggende": 3}
    for title, npat in want.items():
        fig = figure_by_title(doc, title)
        if fig is None:
            fail(f"{path}: no figure '{title}'")
            continue
        svg = fig.find(".//svg")
        pats = {p.get("id"): p for p in svg.iter("pattern")}
        if len(pats) != npat:
            fail(f"{title}: {len(pats)} <pattern>s in the SVG, want {npat}")
        for pid, p in pats.items():
            if not any(ch.tag in ("path", "circle") for ch in p):
                fail(f"{title}: pattern {pid} draws nothing")
        uses = Counter()
        for r in svg.iter("rect"):
            m = re.fullmatch(r"url\(#([^)]+)\)", r.get("fill") or "")
            if m:
                uses[m.group(1)] += 1
        # 3 categories: every patterned series' three bars
        if set(uses) != set(pats) or any(n != 3 for n in uses.values()):
            fail(f"{title}: bars use patterns {dict(uses)}, want each of {sorted(pats)} 3 times")
        legend = fig.find(".//ul")
        lrefs, words = set(), []
        for li in (legend.iter("li") if legend is not None else []):
            for r in li.iter("rect"):
                m = re.fullmatch(r"url\(#([^)]+)\)", r.get("fill") or "")
                if m:
                    lrefs.add(m.group(1))
                    words.append(text(li))
        if lrefs != set(pats):
            fail(f"{title}: legend swatches use {sorted(lrefs)}, want {sorted(pats)}")
        if npat and words != ["To (skravert)", "Tre (rutet)", "Fire (prikket)"]:
            fail(f"{title}: legend labels {words}")
    print(f"ok: {path}: patterns checked in {len(want)} charts")


def pdf_page_ops(pdf):
    """Per page: (text, count of clip operators 'W n', count of stroke operators 'S')."""
    qdf = pdf + ".qdf"
    subprocess.run(["qpdf", "--qdf", "--object-streams=disable", pdf, qdf], check=True)
    data = open(qdf, "rb").read().decode("latin-1")
    pages = re.split(r"%% Contents for page \d+", data)[1:]
    out = []
    for i, p in enumerate(pages, 1):
        p = p.split("endstream", 1)[0]
        t = subprocess.run(["pdftotext", "-f", str(i), "-l", str(i), "-layout", pdf, "-"],
                           capture_output=True, text=True).stdout
        out.append((t, len(re.findall(r"(?m)^W n$|\sW\s+n\s", p)), len(re.findall(r"(?m)^S$", p))))
    return out


def check_pdf_patterns(pdf):
    pages = pdf_page_ops(pdf)

    def page(title):
        for t, clips, strokes in pages:
            if title in t:
                return clips, strokes
        fail(f"{pdf}: no page with '{title}'")
        return 0, 0

    c3, s3 = page("Tre serier")
    if c3 != 1:  # only the chart box
        fail(f"Tre serier: {c3} clips on its page, want 1 (no patterns)")
    for title in ("Fire serier", "Fire liggende"):
        c4, s4 = page(title)
        # 3 patterned series x 3 bars + 3 legend swatches, each clipped; 2 of the 3 stroke lines
        if c4 != 1 + 12:
            fail(f"{title}: {c4} clips on its page, want 13 (chart box + 9 bars + 3 swatches)")
        if s4 < s3 + 8:
            fail(f"{title}: {s4} strokes on its page against {s3} without patterns")
    print(f"ok: {pdf}: pattern paths on the 4-series pages, none on the 3-series page")


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    mode, args = sys.argv[1], sys.argv[2:]
    if mode == "valid":
        check_valid(args)
    elif mode == "structure":
        check_structure(args)
    elif mode == "same-as-txt":
        check_same_as_txt(*args)
    elif mode == "agree":
        check_agree(*args)
    elif mode == "patterns":
        check_html_patterns(args[0])
        check_pdf_patterns(args[1])
    elif mode == "same-as-pdf":
        for i in range(0, len(args) - 1, 2):
            check_same_as_pdf(args[i], args[i + 1])
    else:
        print(__doc__)
        return 2
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
