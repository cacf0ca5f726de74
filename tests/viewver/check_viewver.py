#!/usr/bin/python3
"""tests/viewver/check_viewver.py — the rules are this rapp's, never a snapshot's (docs/schema.md,
"The rules are this rapp's"). Every connection to a snapshot that is not exactly as this rapp
imports it creates the schema's views as TEMP views, which SQLite finds before the snapshot's own,
so:

- old: the snapshot that rapp at b603361 (session 7's start) imported from the sample, made here
  from this rapp's import with b603361.sql (its tables and indexes are checked against a digest
  of what b603361's schema_v1.sql and indexes_v1.sql make; its three decision views hold
  b603361's text). `rapp check` passes it (exit 0, "no problems") with one note per old view;
  kvartalsrapport and vedtaksoppfolging print the same PDF text and XLSX cells as from a fresh
  import, and enhetsrapport as a batch in two workers (the parent's remembered check) the same PDF
  text.
- tamper: a copy whose views hold other rules (decision_status_label's finished, result_status
  all 'desired', deviation_state all closed, period_as_of on the first day, personvern_rule's
  k = 1, text_section with one section); each view, read directly from the file, gives other rows
  than this rapp's (so the tamper would show), yet the reports print exactly what they print from
  the fresh import, and `rapp check`
  reports no problem (the texts' sections are checked against this rapp's text_section).
- noviews: a copy without any view: the same reports, `rapp check` notes each missing view.
- The decision figures (vedtaksoppfolging's summary and status counts, kvartalsrapport's key
  figure) of every copy are those of an independent SQL query over the raw tables (asof_expect).
- Neither check nor run writes the file (SHA-256 before and after, no journal beside it).

Usage: check_viewver.py RAPP SOURCE_DIR WORK_DIR"""
import hashlib
import os
import re
import shutil
import sqlite3
import subprocess
import sys

import openpyxl

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "e2e"))
from asof_expect import LABEL, decisions_on  # noqa: E402
from e2e_common import check, finish, run as run_with, setup  # noqa: E402

RAPP, SRC, WORK, ENV, _, DB, Q = setup()

# sqlite_schema's tables and indexes (type, name, tbl_name, sql; ordered by name, type) of the
# snapshot rapp at b603361 imported: `git show b603361:src/db/schema_v1.sql` and its indexes_v1.sql
# run in an empty database, the views left out
OLD_TABLES_SHA256 = "a29b0ece58c6375f47ec163a1e83442c80b9b02ded31372e1a04258247d43030"
OLD_VIEWS = ["decision_status_label", "decision_state", "decision_period_state"]
REPORTS = [("kvartalsrapport", "2026-T2"), ("vedtaksoppfolging", "2026-T2"), ("vedtaksoppfolging", "2026-Q3")]


def sha256_file(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def tables_digest(path):
    con = sqlite3.connect(path)
    rows = con.execute("SELECT type, name, tbl_name, coalesce(sql, '-') FROM sqlite_schema WHERE type <> 'view' "
                       "ORDER BY name, type").fetchall()
    con.close()
    return hashlib.sha256("\n".join("\x1f".join(r) for r in rows).encode()).hexdigest()


def variant(name, change):
    """A copy of the fresh import as WORK/NAME.db, changed by change(con)."""
    path = os.path.join(WORK, name + ".db")
    shutil.copyfile(DB, path)
    con = sqlite3.connect(path)
    change(con)
    con.commit()
    con.close()
    return path


def view_sql(con, name):
    return con.execute("SELECT sql FROM sqlite_schema WHERE type = 'view' AND name = ?", (name,)).fetchone()[0]


# other rules under the views' names: each would change what a report prints if it were read
TAMPERS = {
    "decision_status_label": "CREATE VIEW decision_status_label (status, finished, sort_order) AS VALUES "
                             "('ikke påbegynt', 0, 1), ('under arbeid', 1, 2), ('forsinket', 0, 3), "
                             "('ferdig', 0, 4), ('utgår', 1, 5)",
    "result_status": "CREATE VIEW result_status AS SELECT r.rowid AS result_id, r.indicator_code, r.period, "
                     "r.area_code, r.unit_code, r.value, r.comment, i.direction, i.decimals, NULL AS desired, "
                     "NULL AS acceptable, 'desired' AS status FROM result r JOIN indicator i ON i.code = r.indicator_code",
    "deviation_state": "CREATE VIEW deviation_state AS SELECT d.id, d.unit_code, d.category, d.severity, "
                       "d.reported_date, d.closed_date, 'lukket' AS status, 1 AS closed, d.reported_date AS valid_from, "
                       "NULL AS valid_to FROM deviation d",
    "period_as_of": "CREATE VIEW period_as_of AS SELECT p.code AS period, p.first_date AS as_of FROM period p",
    "personvern_rule": "CREATE VIEW personvern_rule (min_group) AS SELECT 1",
    "text_section": "CREATE VIEW text_section (code, label, sort_order) AS VALUES ('vurdering', 'Vurdering', 2)",
}


def tamper(con):
    for name, sql in TAMPERS.items():
        con.execute(f"DROP VIEW {name}")
        con.execute(sql)


def drop_views(con):
    for (name,) in con.execute("SELECT name FROM sqlite_schema WHERE type = 'view'").fetchall():
        con.execute(f"DROP VIEW {name}")


def schema_tables():
    """The tables this tree's schema_v1.sql makes; a snapshot's other tables are derived (indexes_v1.sql)."""
    con = sqlite3.connect(":memory:")
    with open(os.path.join(SRC, "src", "db", "schema_v1.sql"), encoding="utf-8") as f:
        con.executescript(f.read())
    names = {n for (n,) in con.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")}
    con.close()
    return names


def old_views(con):
    """The snapshot as b603361 imported it: no derived table, its indexes, its decision views."""
    keep = schema_tables()
    for (name,) in con.execute("SELECT name FROM sqlite_schema WHERE type = 'table'").fetchall():
        if name not in keep:
            con.execute(f"DROP TABLE {name}")
    for (name,) in con.execute("SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL").fetchall():
        con.execute(f"DROP INDEX {name}")
    with open(os.path.join(HERE, "b603361.sql"), encoding="utf-8") as f:
        con.executescript(f.read())


VARIANTS = {"old": variant("old", old_views), "tamper": variant("tamper", tamper),
            "noviews": variant("noviews", drop_views)}
check(tables_digest(VARIANTS["old"]) == OLD_TABLES_SHA256, "old.db has the tables and indexes rapp at b603361 wrote")
con = sqlite3.connect(VARIANTS["old"])
check("lead(e.status_date) OVER" in view_sql(con, "decision_state") and
      "label" in [r[1] for r in con.execute("PRAGMA table_info(decision_status_label)")],
      "old.db holds b603361's decision views (lead() over the changes, a label column)")
con.close()

# each tampered view, read from the file itself, differs from this rapp's: the tamper would show
tcon = sqlite3.connect(VARIANTS["tamper"])
for name in TAMPERS:
    q = f"SELECT * FROM {name} ORDER BY 1, 2" if name != "personvern_rule" else f"SELECT * FROM {name}"
    check(tcon.execute(q).fetchall() != Q.con.execute(q).fetchall(), f"tamper: {name} read from the file differs")
tcon.close()


def normalise(text, db):
    """Output text without what names the snapshot file: its SHA-256 (whole or cut) and its name."""
    sha = sha256_file(db)
    text = text.replace(sha, "SHA256").replace(os.path.basename(db), "SNAPSHOT.db")
    return re.sub(re.escape(sha[:12]) + r"\w*", "SHA256", text)


def pdf_text(pdf):
    return subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True, check=True).stdout


def xlsx_cells(path):
    wb = openpyxl.load_workbook(path, data_only=True)
    return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets}


def outputs(db, tag):
    """{(report, period): (pdf text, xlsx cells as text)} of the REPORTS run on db."""
    got = {}
    for report, period in REPORTS:
        out = os.path.join(WORK, f"{tag}-{report}-{period}")
        r = run_with([RAPP, "run", os.path.join(SRC, "reports", report + ".lua"), "--db", db, "--period", period,
                      "--format", "pdf,xlsx", "--out", out], ENV)
        check(r.returncode == 0, f"{tag}: {report} {period} runs: {r.stderr}")
        if r.returncode != 0:
            continue
        base = os.path.join(out, f"{report}-{period}")
        got[(report, period)] = (normalise(pdf_text(base + ".pdf"), db),
                                 normalise(repr(xlsx_cells(base + ".xlsx")), db))
    return got


def flat(text):
    return re.sub(r"\s+", " ", text.replace("\u00a0", " "))


def decision_figures_ok(got, tag):
    """The decision figures against the independent query over the raw tables (the same rows in
    every copy: only views differ)."""
    for (report, period), (pdf, cells) in got.items():
        last = {"2026-T2": "2026-08-31", "2026-Q3": "2026-09-30"}[period]
        allof = decisions_on(Q.con, last)
        n_open = sum(d["open"] for d in allof)
        n_overdue = sum(d["overdue"] for d in allof)
        ft = flat(pdf)
        if report == "vedtaksoppfolging":
            want = f"{len(allof)} vedtak til oppfølging, av dem {n_open} åpne (ikke ferdige eller utgått); {n_overdue} har"
            check(want in ft, f"{tag} {report} {period}: summary '{want}'")
            for status, label in LABEL.items():
                n = sum(d["status"] == status for d in allof)
                if n:
                    check(re.search(re.escape(f"{label}: {n}") + r"(?![0-9])", ft) is not None,
                          f"{tag} {report} {period}: bullet '{label}: {n}'")
        else:
            want = f"Av {n_open} politiske vedtak som var åpne per 31.08.2026, har {n_overdue} passert fristen."
            check(want in ft, f"{tag} {report} {period}: summary sentence '{want}'")
            check(f"'Forfalte politiske vedtak', {n_overdue}" in cells,
                  f"{tag} {report} {period}: key figure Forfalte politiske vedtak = {n_overdue}")


UNITS = os.path.join(WORK, "units.txt")
with open(UNITS, "w") as f:
    f.write("ENH2010\nENH3010\n")


def batch(db, tag):
    """enhetsrapport 2026-T2 as a batch of two units in two workers (each opens the snapshot its
    parent checked: the remembered check, with or without this rapp's views): {unit: PDF text}."""
    out = os.path.join(WORK, f"{tag}-batch")
    r = run_with([RAPP, "run", os.path.join(SRC, "reports", "enhetsrapport.lua"), "--db", db, "--period", "2026-T2",
                  "--each", "unit=@" + UNITS, "-j", "2", "--format", "pdf", "--out", out, "-q"], ENV)
    check(r.returncode == 0, f"{tag}: the enhetsrapport batch runs: {r.stderr}")
    return {u: normalise(pdf_text(os.path.join(out, f"enhetsrapport-2026-T2-{u}.pdf")), db)
            for u in ("ENH2010", "ENH3010") if r.returncode == 0}


fresh = outputs(DB, "fresh")
fresh_batch = batch(DB, "fresh")
check(len(fresh_batch) == 2, "the fresh import's batch runs")
check(len(fresh) == len(REPORTS), "the fresh import's reports run")
decision_figures_ok(fresh, "fresh")

for tag, db in VARIANTS.items():
    before = sha256_file(db)
    r = run_with([RAPP, "check", db], ENV)
    check(r.returncode == 0, f"{tag}: rapp check exits 0 (got {r.returncode}): {r.stderr}")
    check(re.fullmatch(r"rapp check: " + re.escape(db) + r": no problems \(39 tables, \d+ rows\)\n", r.stdout),
          f"{tag}: rapp check says no problems: {r.stdout!r}")
    names = re.findall(r"^note: view '(\w+)' (?:differs from this rapp's|is missing from the snapshot)",
                       r.stderr, re.M)
    want = {"old": OLD_VIEWS, "tamper": list(TAMPERS),
            "noviews": [n for (n,) in Q("SELECT name FROM sqlite_schema WHERE type = 'view' ORDER BY rowid")]}[tag]
    check(sorted(names) == sorted(want), f"{tag}: rapp check notes the views {sorted(want)}, got:\n{r.stderr}")
    check(len(r.stderr.splitlines()) == len(want), f"{tag}: rapp check prints nothing but the notes:\n{r.stderr}")
    check(all("reports use this rapp's view" in ln for ln in r.stderr.splitlines()),
          f"{tag}: each note says the reports use this rapp's view")
    got = outputs(db, tag)
    for key, (pdf, cells) in got.items():
        check(pdf == fresh[key][0], f"{tag}: {key[0]} {key[1]}: the PDF text is the fresh import's")
        check(cells == fresh[key][1], f"{tag}: {key[0]} {key[1]}: the XLSX cells are the fresh import's")
    decision_figures_ok(got, tag)
    check(batch(db, tag) == fresh_batch, f"{tag}: the batch's PDF texts are the fresh import's")
    check(sha256_file(db) == before, f"{tag}: check and run leave the snapshot's bytes as they were")
    check(not [f for f in os.listdir(WORK) if f.startswith(tag + ".db-")], f"{tag}: no journal beside the snapshot")



def older_text(con):
    """decision_state with an older rapp's text of the same rule: the snapshot is not exactly as
    this rapp imports it."""
    sql = view_sql(con, "decision_state")
    con.execute("DROP VIEW decision_state")
    con.execute(re.sub(r"\bAS\b", "AS /* an older rapp */", sql, count=1))


def derived(con):
    """An older rapp's derived tables: other rows than this rapp's rules derive (indexes_v1.sql),
    in a snapshot not exactly as this rapp imports it."""
    older_text(con)
    con.execute("UPDATE decision_interval SET status = 'ferdig', finished = 1")
    con.execute("UPDATE economy_month SET actual = 2 * actual, budget = 0")
    con.execute("UPDATE absence_month_total SET absent_days = 0, headcount = 1")


# the reports read what this rapp's rules derive (TEMP views over the definitions), not those
# rows; rapp check names each derived table whose rows differ from the definitions
db = variant("derived", derived)
got = outputs(db, "derived")
for key, (pdf, cells) in got.items():
    check(pdf == fresh[key][0], f"derived: {key[0]} {key[1]}: the PDF text is the fresh import's")
    check(cells == fresh[key][1], f"derived: {key[0]} {key[1]}: the XLSX cells are the fresh import's")
decision_figures_ok(got, "derived")


def derived_one(con):
    """As derived, one row of each derived table changed (rapp check prints 200 problems at most)."""
    older_text(con)
    con.execute("UPDATE decision_interval SET status = 'ferdig', finished = 1 WHERE rowid = (SELECT min(rowid) FROM decision_interval)")
    con.execute("UPDATE economy_month SET budget = 0 WHERE (unit_code, month) = (SELECT unit_code, month FROM economy_month LIMIT 1)")
    con.execute("UPDATE absence_month_total SET headcount = 1 WHERE month = (SELECT min(month) FROM absence_month_total)")


r = run_with([RAPP, "check", variant("derived_one", derived_one)], ENV)
check(r.returncode == 1, f"derived: rapp check exits 1 (got {r.returncode})")
for what in ("economy_month (the sums rapp import made) differs", "decision_interval (what rapp import derived) differs",
             "absence_month_total (what rapp import derived) differs"):
    check(what in r.stdout + r.stderr, f"derived: rapp check says '{what}':\n{r.stdout[-600:]}")

finish("ok: an older rapp's, a changed and a missing view, an older rapp's derived tables: check notes "
       "or names them, reports use this rapp's rules")
