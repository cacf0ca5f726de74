#!/usr/bin/env python3
"""tests/personvern/check_personvern.py — issue 17, personvern: small groups suppressed in the
public edition, everything shown and marked exempt in the internal one.

Every standard report in reports/ on the sample, in both editions, as PDF (text layer per page
through pdftotext), XLSX (openpyxl) and HTML:
  * Barnehagemyndighet (3 employees, samples/gen) shows ':' for sick leave in the public edition of
    the annual report, its value (an independent SQL query) in the internal one;
  * a hidden figure never stands alone: in every deviation table (kvartalsrapport, arsrapport,
    ros, enhetsrapport) every column and the row relation (registered = closed + open; the four
    tertials and their total) hide none or at least two, and recomputing the total from the
    printed cells gives the sum of the hidden ones (the internal edition's figures);
  * the footnote "Vises ikke av personvernhensyn" is on every sheet, page (or the next) and HTML
    page that shows ':', and nowhere in the internal edition;
  * the internal edition carries "Unntatt offentlighet, offl. § 13" on every PDF page, in the PDF
    metadata, on every sheet and in the HTML page; the public one nowhere;
  * no deviation id (the only per-case text the snapshot keeps) appears in any output, and the
    import refuses a deviation file with a free-text column;
  * the default edition is the public one; k comes from the snapshot's setting table (the view
    personvern_rule), and a k the view cannot give as a whole number >= 1 stops the run;
  * "Om rapporten" (PDF colophon, XLSX sheet, HTML) and the text dump name the edition.
usage: check_personvern.py RAPP SRC WORK"""
import glob
import html.parser
import os
import re
import shutil
import sqlite3
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e"))
from e2e_common import check, check_secondary, finish, run, setup, unit_args  # noqa: E402

import openpyxl  # noqa: E402

rapp, src, work, E, _, db, Q = setup()
MARK = "Unntatt offentlighet, offl. \u00a7 13"
NOTE = "Vises ikke av personvernhensyn"
REPORTS = sorted(os.path.splitext(os.path.basename(p))[0] for p in glob.glob(os.path.join(src, "reports", "*.lua")))


def render(report, edition, out, extra=()):
    args = [rapp, "run", os.path.join(src, "reports", report + ".lua"), "--db", db, "--out", out,
            "--format", "pdf,xlsx,html"] + (["--edition", edition] if edition else []) + unit_args(rapp, os.path.join(src, "reports", report + ".lua"), E) + list(extra)
    r = run(args, E)
    check(r.returncode == 0, f"{report} {edition}: exit {r.returncode}: {r.stderr}")
    paths = r.stdout.split()
    return {os.path.splitext(p)[1][1:]: p for p in paths}


def pdf_pages(path):
    n = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", path], capture_output=True, text=True).stdout).group(1))
    # one pdftotext run, split at its page breaks (the same text as a run per page, 5 times less CPU)
    text = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", path, "-"], capture_output=True, text=True).stdout
    return [p + "\f" for p in text.replace("\u00a0", " ").split("\f")[:n]]


def pdf_subject(path):
    out = subprocess.run(["pdfinfo", "-enc", "UTF-8", path], capture_output=True, text=True).stdout
    m = re.search(r"^Subject:\s*(.*)$", out, re.M)
    return m.group(1) if m else ""


def cells_of_line(line):
    """A table line of the PDF text layer as its cells (columns are 2+ spaces apart)."""
    return [c for c in re.split(r"\s{2,}", line.strip()) if c]


class Rows(html.parser.HTMLParser):
    """Every table row of an HTML page as a list of cell texts."""

    def __init__(self):
        super().__init__()
        self.rows, self.row, self.cell = [], None, None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.cell = ""

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.row.append(" ".join(self.cell.replace("\u00a0", " ").split()))
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self.rows.append(self.row)
            self.row = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data


def html_rows(path):
    p = Rows()
    with open(path, encoding="utf-8") as f:
        p.feed(f.read())
    return p.rows


def text_of(path):
    with open(path, encoding="utf-8") as f:
        return f.read().replace("\u00a0", " ")


def nb_pct(v):
    s = f"{v:.1f}".replace(".", ",")
    return s + " %"


outs = {}
for report in REPORTS:
    for edition in ("public", "internal"):
        outs[(report, edition)] = render(report, edition, os.path.join(work, edition))

# ---- the default edition is the public one (byte-identical with SOURCE_DATE_EPOCH) ----------
default = render("arsrapport", None, os.path.join(work, "default"))
for ext in ("pdf", "xlsx", "html"):
    with open(default[ext], "rb") as a, open(outs[("arsrapport", "public")][ext], "rb") as b:
        check(a.read() == b.read(), f"arsrapport: the default {ext} differs from --edition public")

# ---- Barnehagemyndighet: 3 employees -----------------------------------------------------------
con = Q.con
heads = con.execute("SELECT min(headcount), max(headcount) FROM staffing WHERE unit_code = 'ENH2130' "
                    "AND month BETWEEN '2025-01' AND '2025-12'").fetchone()
check(heads == (3, 3), f"the sample's Barnehagemyndighet has {heads} employees, not 3")
k = con.execute("SELECT min_group FROM personvern_rule").fetchone()[0]
check(k == 5, f"personvern_rule.min_group is {k}, not the default 5")
s, l, t, ly = con.execute(
    "SELECT 100.0 * sum(short_term_days) / sum(planned_days), 100.0 * sum(long_term_days) / sum(planned_days), "
    "100.0 * sum(short_term_days + long_term_days) / sum(planned_days), "
    "(SELECT 100.0 * sum(short_term_days + long_term_days) / sum(planned_days) FROM absence "
    " WHERE unit_code = 'ENH2130' AND month BETWEEN '2024-01' AND '2024-12') "
    "FROM absence WHERE unit_code = 'ENH2130' AND month BETWEEN '2025-01' AND '2025-12'").fetchone()
expected = {"public": [":", ":", ":", ":"], "internal": [nb_pct(s), nb_pct(l), nb_pct(t), nb_pct(ly)]}
UNIT = "Barnehagemyndighet"

for edition in ("public", "internal"):
    o = outs[("arsrapport", edition)]
    want = expected[edition]
    # PDF text layer: the unit's row of the per-unit sick-leave table
    rows = [cells_of_line(ln) for pg in pdf_pages(o["pdf"]) for ln in pg.splitlines() if ln.strip().startswith(UNIT)]
    sick = [r for r in rows if len(r) == 6 and r[4].endswith("%")]
    check(len(sick) == 1, f"arsrapport {edition} PDF: one sick-leave row of {UNIT}, got {rows}")
    if sick:
        got = [sick[0][1], sick[0][2], sick[0][3], sick[0][5]]
        check(got == want, f"arsrapport {edition} PDF: {UNIT} sick leave {got}, expected {want}")
    # XLSX: the sheet "Sykefravær OPPV"
    wb = openpyxl.load_workbook(o["xlsx"])
    ws = wb["Sykefravær OPPV"]
    row = [r for r in ws.iter_rows(values_only=True) if r and r[0] == UNIT]
    check(len(row) == 1, f"arsrapport {edition} XLSX: one row of {UNIT} on 'Sykefravær OPPV'")
    if row:
        got = [row[0][1], row[0][2], row[0][3], row[0][5]]
        if edition == "public":
            check(got == [":"] * 4, f"arsrapport public XLSX: {UNIT} sick leave {got}, expected ':'")
        else:
            exp = [s, l, t, ly]
            ok = all(isinstance(g, (int, float)) and (abs(g * 100 - e) < 1e-6 or abs(g - e) < 1e-6) for g, e in zip(got, exp))
            check(ok, f"arsrapport internal XLSX: {UNIT} sick leave {got}, expected {exp}")
    # HTML
    hrows = [r for r in html_rows(o["html"]) if r and r[0] == UNIT and len(r) == 6]
    check(len(hrows) == 1, f"arsrapport {edition} HTML: one sick-leave row of {UNIT}, got {hrows}")
    if hrows:
        got = [hrows[0][1], hrows[0][2], hrows[0][3], hrows[0][5]]
        check(got == want, f"arsrapport {edition} HTML: {UNIT} sick leave {got}, expected {want}")
    # the unit table's columns: a hidden figure never stands alone among the units
    if edition == "public":
        units = [r for r in ws.iter_rows(min_row=1, values_only=True)
                 if r and isinstance(r[0], str) and r[0] != "Oppvekst" and len(r) >= 6 and r[4] is not None
                 and isinstance(r[4], (int, float))]
        for c in (1, 2, 3, 5):
            hidden = sum(1 for r in units if r[c] == ":")
            check(hidden != 1, f"arsrapport public: column {c} of 'Sykefravær OPPV' hides exactly one unit")

# ---- the deviation tables: recomputing from the printed cells ---------------------------------
# rapp.control's (registered = closed + open) and rapp.risk's per category (the four tertials sum
# to the total), in every report that prints one; enhetsrapport's for the unit render() gives it.
DEVIATION_TABLES = {
    "kvartalsrapport": ("Avvik", lambda h: [tuple(h.index(t) for t in ("Hittil i år", "Lukket", "Åpne"))]),
    "arsrapport": ("Avvik", lambda h: [tuple(h.index(t) for t in ("Hittil i år", "Lukket", "Åpne"))]),
    "ros": ("Avvik per kategori", lambda h: [(0, 1, 2, 3, h.index("Sum fire tertialer"))]),
    "enhetsrapport": ("Avvik per kategori", lambda h: [(0, 1, 2, 3, h.index("Sum fire tertialer"))]),
}
for report, (sheet, relations) in DEVIATION_TABLES.items():
    tables = {}
    for edition in ("public", "internal"):
        for formulas in (False, True):
            ws = openpyxl.load_workbook(outs[(report, edition)]["xlsx"], data_only=not formulas)[sheet]
            rows = list(ws.iter_rows(values_only=True))
            head = next(i for i, r in enumerate(rows) if r and r[0] == "Kategori")
            body = [r for r in rows[head + 1:] if r and r[0]]
            total = next(r for r in body if r[0] == "Sum")
            data = [r for r in body[:body.index(total)]]
            tables[(edition, formulas)] = (rows[head], data, total)
    head, pub, pub_total = tables[("public", False)]
    _, inn, inn_total = tables[("internal", False)]
    _, _, pub_formulas = tables[("public", True)]
    ncols = len([h for h in head if h])
    heads = list(head[1:ncols])
    check([r[0] for r in pub] == [r[0] for r in inn], f"{report}: the deviation rows differ between the editions")
    hidden = check_secondary(check, heads, [r[1:ncols] for r in pub], [r[1:ncols] for r in inn], pub_total[1:ncols],
                             report, row_relations=relations(heads))
    for c in {c for _, c in hidden}:  # a SUBTOTAL formula would sum the shown cells only when recalculated
        check(not str(pub_formulas[c + 1]).startswith("="), f"{report}: column '{heads[c]}' hides cells but its total is a formula")
    check(bool(hidden), f"{report}: the sample's personal deviation categories hide nothing (expected some ':')")
    check(all(":" not in (str(x) for x in r) for r in inn), f"{report}: the internal edition hides deviations")
    check(list(inn_total[1:ncols]) == list(pub_total[1:ncols]), f"{report}: the deviation totals differ between the editions")

# ---- markings and footnotes, every report and format ----------------------------------------
dev_ids = [r[0] for r in con.execute("SELECT id FROM deviation")]
check(len(dev_ids) > 100, "the sample has deviations")
id_re = re.compile(r"AVV-\d{4}-\d{5}")
last_page, about_rows = {}, {}  # for the edition line of "Om rapporten" below
for report in REPORTS:
    for edition in ("public", "internal"):
        o = outs[(report, edition)]
        internal = edition == "internal"
        # PDF, page by page
        pages = pdf_pages(o["pdf"])
        last_page[(report, edition)] = pages[-1]
        for i, pg in enumerate(pages):
            check((MARK in pg) == internal, f"{report} {edition} PDF page {i + 1}: marking {'missing' if internal else 'present'}")
            colon = any(":" in cells_of_line(ln)[1:] for ln in pg.splitlines())
            if colon:
                check(not internal, f"{report} internal PDF page {i + 1}: a ':' cell")
                near = " ".join((pg + (pages[i + 1] if i + 1 < len(pages) else "")).split())
                check(NOTE in near, f"{report} {edition} PDF page {i + 1}: ':' without the footnote '{NOTE}'")
            check(not id_re.search(pg), f"{report} {edition} PDF page {i + 1}: a deviation id")
        if internal:
            check(all(NOTE not in " ".join(pg.split()) for pg in pages), f"{report} internal PDF: the footnote without ':'")
        check((MARK in pdf_subject(o["pdf"])) == internal, f"{report} {edition} PDF metadata: marking")
        # XLSX, sheet by sheet
        wb = openpyxl.load_workbook(o["xlsx"])
        about_rows[(report, edition)] = [r[:2] for r in wb["Om rapporten"].iter_rows(values_only=True) if r and r[0] == "Utgave"]
        for ws in wb.worksheets:
            values = [str(v) for r in ws.iter_rows(values_only=True) for v in r if v is not None]
            top = [str(v) for r in ws.iter_rows(min_row=1, max_row=2, values_only=True) for v in r if v is not None]
            check(any(MARK in v for v in top) == internal,
                  f"{report} {edition} XLSX sheet '{ws.title}': marking in its first rows {'missing' if internal else 'present'}")
            check((MARK in (ws.oddHeader.center.text or "")) == internal,
                  f"{report} {edition} XLSX sheet '{ws.title}': marking in the page header")
            if ":" in values:
                check(not internal, f"{report} internal XLSX sheet '{ws.title}': a ':' cell")
                check(any(NOTE in v for v in values), f"{report} {edition} XLSX sheet '{ws.title}': ':' without the footnote")
            if internal:
                check(not any(NOTE in v for v in values), f"{report} internal XLSX sheet '{ws.title}': the footnote")
            check(not any(id_re.search(v) for v in values), f"{report} {edition} XLSX sheet '{ws.title}': a deviation id")
        # HTML
        page = text_of(o["html"])
        check((MARK in page) == internal, f"{report} {edition} HTML: marking")
        colon = any(":" in r[1:] for r in html_rows(o["html"]))
        if colon:
            check(not internal, f"{report} internal HTML: a ':' cell")
            check(NOTE in page, f"{report} {edition} HTML: ':' without the footnote")
        check(not id_re.search(page), f"{report} {edition} HTML: a deviation id")

# ---- "Om rapporten" names the edition: PDF colophon, XLSX sheet, HTML, text dump ---------------
EDITION = {"public": "Offentlig", "internal": "Intern"}
for report in REPORTS:
    for edition in ("public", "internal"):
        o, want = outs[(report, edition)], EDITION[edition]
        other = EDITION["internal" if edition == "public" else "public"]
        got = [cells_of_line(ln) for ln in last_page[(report, edition)].splitlines() if ln.strip().startswith("Utgave")]
        check(got == [["Utgave", want]], f"{report} {edition} PDF 'Om rapporten': edition line {got}, expected {want}")
        got = about_rows[(report, edition)]
        check(got == [("Utgave", want)], f"{report} {edition} XLSX 'Om rapporten': edition line {got}, expected {want}")
        page = text_of(o["html"])
        check(f"<dt>Utgave</dt><dd>{want}</dd>" in page and f"<dd>{other}</dd>" not in page,
              f"{report} {edition} HTML: no edition line '{want}' in 'Om rapporten'")
for edition, line in (("public", "edition: public"), ("internal", "edition: internal: " + MARK)):
    r = run([rapp, "run", os.path.join(src, "reports", "arsrapport.lua"), "--db", db, "--out", os.path.join(work, "txt_" + edition),
             "--format", "txt", "--edition", edition], E)
    check(r.returncode == 0, f"arsrapport txt {edition}: {r.stderr}")
    if r.returncode == 0:
        meta = text_of(r.stdout.split()[0]).split("\n\n")[0].splitlines()
        check(line in meta, f"arsrapport txt {edition}: no '{line}' in its [meta]: {meta}")

# ---- no free text from deviations: the snapshot keeps none, the import refuses it ------------
cols = [r[1] for r in con.execute("PRAGMA table_info(deviation)")]
check(cols == ["id", "unit_code", "category", "severity", "reported_date", "closed_date", "status"],
      f"deviation has columns {cols}: a free-text column would reach the snapshot")
bad = os.path.join(work, "freetext")
shutil.copytree(os.path.join(src, "samples", "fjordvik"), bad)
with open(os.path.join(bad, "deviation.csv"), encoding="utf-8") as f:
    lines = f.read().splitlines()
with open(os.path.join(bad, "deviation.csv"), "w", encoding="utf-8") as f:
    f.write(lines[0] + ";beskrivelse\n" + "".join(ln + ";Pasient Ola Nordmann falt i gangen\n" for ln in lines[1:]))
r = run([rapp, "import", bad, "-o", os.path.join(work, "freetext.db")], E)
check(r.returncode == 1 and "beskrivelse" in r.stderr and not os.path.exists(os.path.join(work, "freetext.db")),
      f"import of a deviation file with free text: exit {r.returncode}, {r.stderr.strip()}")

# ---- k from the settings table ------------------------------------------------------------------
k12 = os.path.join(work, "k12")
shutil.copytree(os.path.join(src, "samples", "fjordvik"), k12)
with open(os.path.join(k12, "setting.csv"), "w", encoding="utf-8") as f:
    f.write("key;value\npersonvern_min_group;12\n")
db12 = os.path.join(work, "k12.db")
r = run([rapp, "import", k12, "-o", db12], E)
check(r.returncode == 0, f"import with setting.csv: {r.stderr}")
r = run([rapp, "run", os.path.join(src, "reports", "arsrapport.lua"), "--db", db12, "--out", os.path.join(work, "k12out"),
         "--format", "xlsx"], E)
check(r.returncode == 0, f"arsrapport with k = 12: {r.stderr}")
if r.returncode == 0:
    ws = openpyxl.load_workbook(r.stdout.split()[0])["Sykefravær OPPV"]
    ppt = [x for x in ws.iter_rows(values_only=True) if x and x[0] == "PPT"]
    check(ppt and ppt[0][3] == ":", "k = 12: PPT (11 employees) is not suppressed")
with open(os.path.join(k12, "setting.csv"), "w", encoding="utf-8") as f:
    f.write("key;value\npersonvern_min_group;fem\n")
r = run([rapp, "import", k12, "-o", os.path.join(work, "kbad.db")], E)
check(r.returncode == 1 and "personvern_min_group" in r.stderr, f"import of k = 'fem': exit {r.returncode}, {r.stderr.strip()}")
# a snapshot changed after the import: the view gives k = 0, which is an error, never a default
kbad = os.path.join(work, "kbad-run.db")
shutil.copyfile(db12, kbad)
with sqlite3.connect(kbad) as c:
    c.execute("UPDATE setting SET value = 'fem' WHERE key = 'personvern_min_group'")
c.close()
for edition in ("public", "internal"):
    out = os.path.join(work, "kbad-out-" + edition)
    r = run([rapp, "run", os.path.join(src, "reports", "arsrapport.lua"), "--db", kbad, "--out", out,
             "--edition", edition], E)
    check(r.returncode == 1 and "personvern_rule gives k = 0" in r.stderr and "personvern_min_group" in r.stderr
          and not (os.path.isdir(out) and os.listdir(out)),
          f"{edition} edition with k = 'fem' in the snapshot: exit {r.returncode}, {r.stderr.strip()}")

# ---- the edition on the command line -------------------------------------------------------------
r = run([rapp, "run", os.path.join(src, "reports", "arsrapport.lua"), "--db", db, "--edition", "hemmelig"], E)
check(r.returncode == 2 and "--edition" in r.stderr, f"--edition hemmelig: exit {r.returncode}, {r.stderr.strip()}")

finish(f"ok: personvern over {len(REPORTS)} reports in both editions")
