#!/usr/bin/env python3
"""tests/personvern/check_personvern_figures.py — issue 17, the personvern gaps of session 6, on the
sample's Barnehagemyndighet (3 employees, fewer than k = 5):

  * a table fed by r.db:rows and the same one fed by r.db:each(sql) hide the same cells (the
    cursor path reads each row's persons column in C, as add_rows does);
  * a misspelt `personal = "KEY"` is an error naming the script line, the column and the key, for
    hand-built Lua rows, query rows and a query cursor alike;
  * the HTML edition writes a hidden figure as <abbr title="Vises ikke av personvernhensyn">:</abbr>.
usage: check_personvern_figures.py RAPP SRC WORK"""
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e"))
from e2e_common import check, env, finish, import_sample, run  # noqa: E402

rapp, src, work = sys.argv[1:4]
E = env(src)
db = import_sample(rapp, src, work, E)
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
    import sqlite3
    pct = sqlite3.connect(db).execute(
        "SELECT 100.0 * sum(short_term_days) / sum(planned_days) FROM absence WHERE unit_code = 'ENH2130' "
        "AND month BETWEEN '2025-01' AND '2025-12'").fetchone()[0]
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

finish("ok: personvern figures (rows/each, misspelt keys, HTML abbr)")
