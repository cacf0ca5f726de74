#!/usr/bin/env python3
"""tests/personvern/check_personvern_figures.py — issue 17, the personvern gaps of session 6, on the
sample's Barnehagemyndighet (3 employees, fewer than k = 5):

  * a table fed by r.db:rows and the same one fed by r.db:each(sql) hide the same cells (the
    cursor path reads each row's persons column in C, as add_rows does);
  * a misspelt `personal = "KEY"` is an error naming the script line, the column and the key, for
    hand-built Lua rows, query rows and a query cursor alike;
  * the HTML edition writes a hidden figure as <abbr title="Vises ikke av personvernhensyn">:</abbr>;
  * (session 7) a chart that repeats a table (r.doc:chart { table = t }) hides exactly the cells the
    table hides, the secondary ones too, in the PDF, the workbook's chart data and the HTML edition.
usage: check_personvern_figures.py RAPP SRC WORK"""
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e"))
from e2e_common import check, finish, run, setup  # noqa: E402

rapp, src, work, E, _, db, Q = setup()
NOTE = "Vises ikke av personvernhensyn"
ABBR = f'<abbr title="{NOTE}">:</abbr>'
UNIT = "Barnehagemyndighet"

# the area's units with their fewest employees and short-term sick leave in 2025
UNITS_SQL = """SELECT u.name AS name, u.code AS code, (SELECT min(s.headcount) FROM staffing s WHERE s.unit_code = u.code
  AND s.month BETWEEN '2025-01' AND '2025-12') AS employees,
  (SELECT 100.0 * sum(a.short_term_days) / sum(a.planned_days) FROM absence a WHERE a.unit_code = u.code
  AND a.month BETWEEN '2025-01' AND '2025-12') AS pct,
  CASE WHEN u.code < 'ENH2100' THEN 'A' ELSE 'B' END AS part
  FROM unit u WHERE u.area_code = 'OPPV' ORDER BY part, u.code"""


def script(name, body):
    path = os.path.join(work, name + ".lua")
    with open(path, "w", encoding="utf-8") as f:
        f.write('local rapp = require("rapp")\nlocal SQL = [[' + UNITS_SQL + ']]\n'
                f'return rapp.report {{ name = "{name}", title = "Personvern", build = function(r, p)\n'
                + body + "\nend }\n")
    return path


def render(path, fmt="txt", extra=()):
    r = run([rapp, "run", path, "--db", db, "--out", os.path.join(work, "out"), "--format", fmt] + list(extra), E)
    return r, r.stdout.split()


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def tables_of(txt):
    """The [table] sections of a text dump, each as its text."""
    return [s.split("\n\n")[0] for s in txt.split("[table]\n")[1:]]


# ---- 1. r.db:rows and r.db:each hide the same cells ---------------------------------------------
COLS = """local cols = { { key = "name", title = "Enhet" },
    { key = "pct", title = "Korttid", type = "percent", decimals = 1, personal = "employees" } }"""
both = script("rows_each", COLS + """
  r.doc:table { columns = cols, rows = r.db:rows(SQL), total = "Sum" }
  r.doc:table { columns = cols, rows = r.db:each(SQL), total = "Sum" }
  r.doc:table { columns = cols, rows = r.db:rows(SQL), group_by = "part" }
  r.doc:table { columns = cols, rows = r.db:each(SQL), group_by = "part" }""")
r, paths = render(both)
check(r.returncode == 0, f"rows_each: exit {r.returncode}: {r.stderr}")
if r.returncode == 0:
    t = tables_of(read(paths[0]))
    check(len(t) == 4, f"rows_each: 4 tables, got {len(t)}")
    if len(t) == 4:
        check(t[0] == t[1], f"rows_each: r.db:rows and r.db:each differ:\n{t[0]}\n---\n{t[1]}")
        check(t[2] == t[3], f"rows_each, group_by: r.db:rows and r.db:each differ:\n{t[2]}\n---\n{t[3]}")
        for i, tab in enumerate(t):
            line = [ln for ln in tab.splitlines() if UNIT in ln]
            check(len(line) == 1 and line[0].split("|")[2].strip() == ":",
                  f"rows_each table {i + 1}: {UNIT} is not ':': {line}")
            hidden = sum(1 for ln in tab.splitlines() if ln.startswith("|") and ln.count("|") > 2
                         and ln.split("|")[2].strip() == ":")
            check(hidden >= 2, f"rows_each table {i + 1}: one hidden figure only (no secondary): {tab}")
        check(NOTE in read(paths[0]), "rows_each: the footnote is missing")
# the internal edition shows the SQL value in both paths
r, paths = render(both, extra=["--edition", "internal"])
check(r.returncode == 0, f"rows_each internal: exit {r.returncode}: {r.stderr}")
if r.returncode == 0:
    pct = Q("SELECT 100.0 * sum(short_term_days) / sum(planned_days) FROM absence WHERE unit_code = 'ENH2130' "
            "AND month BETWEEN '2025-01' AND '2025-12'")[0][0]
    want = f"{pct:.1f}".replace(".", ",") + "\u00a0%"
    for i, tab in enumerate(tables_of(read(paths[0]))):
        line = [ln for ln in tab.splitlines() if UNIT in ln]
        got = line[0].split("|")[2].strip() if line else None
        check(got == want, f"rows_each internal table {i + 1}: {UNIT} shows {got!r}, expected {want!r}")

# ---- 2. a misspelt personal key: an error naming the script line, the column and the key ------------
CASES = {
    "typo_lua": ('local rows = { { name = "A", pct = 4.5, employees = 3 }, { name = "B", pct = 5.5, employees = 30 } }\n'
                 '  r.doc:table { columns = { { key = "name", title = "Enhet" },\n'
                 '    { key = "pct", title = "Korttid", type = "percent", personal = "employes" } }, rows = rows }'),
    "typo_rows": ('local rows = r.db:rows(SQL)\n'
                  '  r.doc:table { columns = { { key = "name", title = "Enhet" },\n'
                  '    { key = "pct", title = "Korttid", type = "percent", personal = "employes" } }, rows = rows }'),
    "typo_each": ('local rows = r.db:each(SQL)\n'
                  '  r.doc:table { columns = { { key = "name", title = "Enhet" },\n'
                  '    { key = "pct", title = "Korttid", type = "percent", personal = "employes" } }, rows = rows }'),
    "typo_add_row": ('local t = r.doc:table { columns = { { key = "name", title = "Enhet" },\n'
                     '    { key = "pct", title = "Korttid", type = "percent", personal = "employes" } } }\n'
                     '  t:add_row { name = "A", pct = 4.5, employees = 3 }'),
}
for name, body in CASES.items():
    path = script(name, body)
    mark = "t:add_row" if name == "typo_add_row" else "r.doc:table {"  # the call's line
    line = next(i + 1 for i, ln in enumerate(read(path).splitlines()) if mark in ln)
    r, paths = render(path)
    err = r.stderr
    check(r.returncode == 1, f"{name}: exit {r.returncode}, expected 1: {err}")
    check(re.search(rf"{name}\.lua:{line}:", err) is not None, f"{name}: the error does not name line {line}: {err}")
    check("employes" in err and ("Korttid" in err or "column 2" in err), f"{name}: the error names neither key nor column: {err}")
    check(not os.path.exists(os.path.join(work, "out", name + ".txt")), f"{name}: an output was written")
# false: a row that is not about persons is no error, and is not hidden
ok = script("not_personal", 'r.doc:table { columns = { { key = "name", title = "Enhet" },\n'
            '    { key = "pct", title = "Korttid", type = "percent", personal = "n" } },\n'
            '    rows = { { name = "A", pct = 4.5, n = 3 }, { name = "B", pct = 5.5, n = false }, { name = "C", pct = 6.5, n = 40 } } }')
r, paths = render(ok)
check(r.returncode == 0, f"not_personal: exit {r.returncode}: {r.stderr}")
if r.returncode == 0:
    rows = [ln.split("|")[2].strip() for ln in tables_of(read(paths[0]))[0].splitlines()[2:] if ln.startswith("|")]
    check(rows[0] == ":" and rows[1] != ":", f"not_personal: A (3 persons) hidden, B (false) shown: {rows}")

# ---- 3. HTML: the ':' is an <abbr> with the reason -------------------------------------------------
r, paths = render(both, "html")
check(r.returncode == 0, f"rows_each html: exit {r.returncode}: {r.stderr}")
if r.returncode == 0:
    page = read(paths[0])
    rows = re.findall(r"<tr>.*?</tr>", page, re.S)
    unit_rows = [x for x in rows if UNIT in x]
    check(len(unit_rows) == 4 and all(ABBR in x for x in unit_rows), f"html: {UNIT}'s cell is not {ABBR}: {unit_rows}")
    check(not re.search(r"<td[^>]*>:</td>", page), "html: a bare ':' cell")

# ---- 4. a key figure and a chart about persons -------------------------------------------------
import subprocess  # noqa: E402
import zipfile  # noqa: E402

import openpyxl  # noqa: E402

con = Q.con
SICK = ("SELECT 100.0 * sum(short_term_days + long_term_days) / sum(planned_days) FROM absence "
        "WHERE unit_code = ? AND month BETWEEN '2025-01' AND '2025-12'")
bh_pct = con.execute(SICK, ("ENH2130",)).fetchone()[0]
fs_pct = con.execute(SICK, ("ENH2010",)).fetchone()[0]
check(con.execute("SELECT min(headcount) FROM staffing WHERE unit_code = 'ENH2130' AND month LIKE '2025-%'").fetchone()[0] == 3,
      f"{UNIT} has not 3 employees")
FIG = script("figures", """local rows = r.db:rows([[SELECT u.name AS name, (SELECT min(s.headcount) FROM staffing s
    WHERE s.unit_code = u.code AND s.month BETWEEN '2025-01' AND '2025-12') AS employees,
    (SELECT 100.0 * sum(a.short_term_days + a.long_term_days) / sum(a.planned_days) FROM absence a
    WHERE a.unit_code = u.code AND a.month BETWEEN '2025-01' AND '2025-12') AS pct
    FROM unit u WHERE u.code IN ('ENH2010', 'ENH2020', 'ENH2130') ORDER BY u.code]])
  local bh = rows[3]
  r.doc:keyfigures { { label = "Sykefravær " .. bh.name, value = bh.pct, type = "percent", decimals = 1,
    persons = bh.employees, comparison = "Samme enhet i fjor" },
    { label = "Sykefravær " .. rows[1].name, value = rows[1].pct, type = "percent", decimals = 1, persons = rows[1].employees } }
  r.doc:chart { kind = "column", title = "Sykefravær per enhet", type = "percent", decimals = 1, rows = rows,
    category = "name", series = { { key = "pct", name = "Sykefravær", personal = "employees" } }, show_table = true }""")


def pct_text(v):
    return f"{v:.1f}".replace(".", ",") + " %"


for edition in ("public", "internal"):
    public = edition == "public"
    r, paths = render(FIG, "pdf,xlsx,html,txt", ["--edition", edition])
    check(r.returncode == 0, f"figures {edition}: exit {r.returncode}: {r.stderr}")
    if r.returncode != 0:
        continue
    out = {os.path.splitext(x)[1][1:]: x for x in paths}
    want = ":" if public else pct_text(bh_pct)
    # PDF text layer: the key figure, the data table under the chart, the note
    pdf = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", out["pdf"], "-"], capture_output=True, text=True).stdout
    pdf = pdf.replace("\u00a0", " ")
    unit_lines = [ln.split() for ln in pdf.splitlines() if ln.strip().startswith(UNIT)]
    check([" ".join(x[1:]) for x in unit_lines] == [want],
          f"figures {edition} PDF: {UNIT}'s data-table row {unit_lines}, expected {want!r}")
    kf = pdf.split("Sykefravær per enhet")[0]
    check((pct_text(bh_pct) in kf) != public and pct_text(fs_pct) in kf,
          f"figures {edition} PDF: key figure of {UNIT} {'shown' if public else 'missing'}: {kf}")
    check((NOTE in pdf) == public, f"figures {edition} PDF: the note '{NOTE}' {'missing' if public else 'present'}")
    check(("Samme enhet i fjor" in pdf) != public, f"figures {edition} PDF: the hidden key figure's comparison")
    # XLSX: the key figure's cell, the chart's data cell, and the chart's data range
    wb = openpyxl.load_workbook(out["xlsx"])
    ws = wb.worksheets[-1]
    cells = {(c.row, c.column): c.value for row in ws.iter_rows() for c in row if c.value is not None}
    kfv = [ws.cell(rw, cl + 1).value for (rw, cl), v in cells.items() if v == "Sykefravær " + UNIT]
    data = [ws.cell(rw, cl + 1).value for (rw, cl), v in cells.items() if v == UNIT]
    for what, got in (("key figure", kfv), ("chart data", data)):
        ok = got == [":"] if public else (len(got) == 1 and isinstance(got[0], float) and abs(got[0] * 100 - bh_pct) < 1e-9)
        check(ok, f"figures {edition} XLSX {what} of {UNIT}: {got}, expected {want!r}")
    with zipfile.ZipFile(out["xlsx"]) as z:
        chart = z.read("xl/charts/chart1.xml").decode()
    ref = re.findall(r"<c:val>.*?<c:f>[^!]*!\$([A-Z]+)\$(\d+):\$[A-Z]+\$(\d+)</c:f>", chart, re.S)
    check(len(ref) == 1, f"figures {edition} XLSX chart: one value range, got {ref}")
    if ref:
        col, a, b = ref[0]
        vals = [ws[f"{col}{i}"].value for i in range(int(a), int(b) + 1)]
        names = [ws[f"{chr(ord(col) - 1)}{i}"].value for i in range(int(a), int(b) + 1)]
        got = vals[names.index(UNIT)] if UNIT in names else "missing"
        ok = got == ":" if public else isinstance(got, float) and abs(got * 100 - bh_pct) < 1e-9
        check(ok, f"figures {edition} XLSX chart range {col}{a}:{col}{b}: {UNIT} is {got!r}")
        check(f"{bh_pct / 100:.6f}"[:7] not in chart, f"figures {edition} XLSX chart XML caches {UNIT}'s value")
    # HTML: the key figure, the SVG's bars, the data table in <details>
    page = read(out["html"])
    kfhtml = re.search(r'<ul class="keyfigures">.*?</ul>', page, re.S).group(0)
    check((ABBR in kfhtml) == public and (pct_text(bh_pct).replace(" ", "\u00a0") in kfhtml or pct_text(bh_pct) in kfhtml) != public,
          f"figures {edition} HTML key figure: {kfhtml}")
    svg = re.search(r"<svg.*?</svg>", page, re.S).group(0)
    bars = re.findall(r"<rect [^>]*fill=\"#1F4E79\"", svg)
    check(len(bars) == (2 if public else 3), f"figures {edition} HTML SVG: {len(bars)} bars, expected {2 if public else 3}")
    details = re.search(r"<details>.*?</details>", page, re.S).group(0)
    row = re.search(rf"<tr><th scope=\"row\">{UNIT}</th><td[^>]*>(.*?)</td></tr>", details)
    got = row.group(1) if row else None
    check(got == (ABBR if public else pct_text(bh_pct).replace(" ", "\u00a0")) or (not public and got == pct_text(bh_pct)),
          f"figures {edition} HTML data table: {UNIT} {got!r}")
    # the generated summary never quotes the hidden value; the text dump agrees
    txt = read(out["txt"])
    check((pct_text(bh_pct).replace(" ", "\u00a0") in txt) != public, f"figures {edition} txt: {UNIT}'s value")

# ---- 5. the standard unit report of Barnehagemyndighet: its sick leave per month, table and chart --
jan = con.execute("SELECT 100.0 * sum(short_term_days + long_term_days) / sum(planned_days) FROM absence "
                  "WHERE unit_code = 'ENH2130' AND month = '2026-01'").fetchone()[0]
for edition in ("public", "internal"):
    r = run([rapp, "run", os.path.join(src, "reports", "enhetsrapport.lua"), "--db", db, "--param", "unit=ENH2130",
             "--edition", edition, "--out", os.path.join(work, "unit_" + edition), "--format", "txt"], E)
    check(r.returncode == 0, f"enhetsrapport ENH2130 {edition}: {r.stderr}")
    if r.returncode != 0:
        continue
    txt = read(r.stdout.split()[0])
    jans = [[c.strip() for c in ln.split("|")[1:-1]] for ln in txt.splitlines() if ln.startswith("| Januar ")]
    check(len(jans) == 4, f"enhetsrapport {edition}: economy and sick leave, table and chart, a January row each: {jans}")
    want = ":" if edition == "public" else pct_text(jan).replace(" ", "\u00a0")
    got = [jans[2][3], jans[3][1]] if len(jans) == 4 else None  # the table's total, the chart's 2026
    check(got == [want, want], f"enhetsrapport {edition}: {UNIT} January sick leave {got}, expected {want!r}")
    chart = txt.split("[chart line")[1].split("\n\n")[0] if "[chart line" in txt else ""
    check((pct_text(jan).replace(" ", "\u00a0") in chart) == (edition == "internal"),
          f"enhetsrapport {edition}: the chart's summary or table and the value {jan}")

# ---- 6. a chart that repeats a table hides what the table hides, secondary cells too -----------------
# Pasient's 2 cases in T1 are under k (primary); the row relation then hides its 173 in T2, and the
# columns (against their Sum) Personvern's 231 and 297: three values of at least k that only
# secondary suppression hides. A chart of the same cells (r.doc:chart { table = t }), per row and
# per column, must hide exactly those four in every format: the session-6 chart (the primary rule
# on its own values) showed 173, 231 and 297, and with the table's Sum they give the 2 away.
SECRET = {"Pasient": (2, 173), "Personvern": (231, 297)}
TCHART = script("table_chart", """local t = r.doc:table { title = "Avvik", columns = {
      { key = "cat", title = "Kategori" },
      { key = "a", title = "T1", type = "integer", sum = true, personal = "a_n" },
      { key = "b", title = "T2", type = "integer", sum = true, personal = "b_n" } },
    rows = { { cat = "HMS", a = 40, b = 31, a_n = false, b_n = false },
             { cat = "Pasient", a = 2, b = 173, a_n = 2, b_n = 173 },
             { cat = "Personvern", a = 231, b = 297, a_n = 231, b_n = 297 } }, total = "Sum" }
  r.doc:chart { kind = "column", title = "Per kategori", type = "integer", table = t, category = "cat",
    series = { { key = "a" }, { key = "b", name = "Andre tertial" } }, show_table = true }
  r.doc:chart { kind = "bar", title = "Per tertial", type = "integer", table = t, series_rows = "cat",
    columns = { "a", "b" }, show_table = true }""")
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e"))
from chart_expect import html_chart_table, xlsx_charts  # noqa: E402

for edition in ("public", "internal"):
    public = edition == "public"
    what = f"table_chart {edition}"
    r, paths = render(TCHART, "pdf,xlsx,html,txt", ["--edition", edition])
    check(r.returncode == 0, f"{what}: exit {r.returncode}: {r.stderr}")
    if r.returncode != 0:
        continue
    out = {os.path.splitext(x)[1][1:]: x for x in paths}
    txt = read(out["txt"])
    table = tables_of(txt.replace('[table "Avvik"]', "[table]"))[0]
    cells = {ln.split("|")[1].strip(): [c.strip() for c in ln.split("|")[2:4]] for ln in table.splitlines()[2:] if ln.startswith("|")}
    hidden = {(n, i) for n, v in cells.items() for i in range(2) if v[i] == ":"}
    want_hidden = {(n, i) for n in SECRET for i in range(2)} if public else set()
    check(hidden == want_hidden, f"{what}: the table hides {sorted(hidden)}, expected {sorted(want_hidden)}")
    check(cells.get("Sum") == ["273", "501"], f"{what}: the Sum row {cells.get('Sum')}")
    pdf = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", out["pdf"], "-"], capture_output=True, text=True).stdout
    page = read(out["html"])
    wb = openpyxl.load_workbook(out["xlsx"], data_only=True)
    book = [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    # the values only secondary suppression hides appear nowhere in the public edition
    for v in (173, 231, 297):
        for fmt_, body in (("PDF", pdf), ("HTML", page), ("text dump", txt)):
            check(bool(re.search(rf"(?<![\d,]){v}(?![\d,])", body)) != public,
                  f"{what}: {v} {'in' if public else 'missing from'} the {fmt_}")
        check((v in book) != public, f"{what}: {v} {'in' if public else 'missing from'} the workbook's cells")
    # the native charts' data ranges: ':' with no value where the table hides a cell
    charts = xlsx_charts(out["xlsx"])
    check(len(charts) == 2, f"{what}: two native charts, got {len(charts)}")
    if len(charts) == 2:
        per_cat = {name: vals for name, _, vals in charts[0]["series"]}
        want = {"T1": [40, ":", ":"] if public else [40, 2, 231], "Andre tertial": [31, ":", ":"] if public else [31, 173, 297]}
        check(per_cat == want, f"{what}: XLSX chart per category {per_cat}, expected {want}")
        per_t = {name: vals for name, _, vals in charts[1]["series"]}
        want = {"HMS": [40, 31], "Pasient": [":", ":"] if public else [2, 173],
                "Personvern": [":", ":"] if public else [231, 297]}
        check(per_t == want, f"{what}: XLSX chart per tertial {per_t}, expected {want}")
        check(charts[1]["series"][0][1] == ["T1", "T2"], f"{what}: categories of the chart per tertial {charts[1]['series'][0][1]}")
    # the HTML edition's data tables of both charts
    got = html_chart_table(page, "Per tertial")
    want = {"T1": ["40", ":", ":"], "T2": ["31", ":", ":"]} if public else {"T1": ["40", "2", "231"], "T2": ["31", "173", "297"]}
    check(got is not None and got[1] == want, f"{what}: HTML data table per tertial {got}, expected {want}")
    check((NOTE in pdf) == public and (pdf.count(NOTE) >= 3) == public, f"{what}: the note under the table and both charts")

finish("ok: personvern figures (rows/each, misspelt keys, HTML abbr, key figures and charts)")
