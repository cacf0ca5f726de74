#!/usr/bin/python3
"""tests/e2e/check_asof.py — end to end (issue 10): the standard reports judge every decision by its
status ON the period's last day, with one overdue rule, checked against an independent SQL query
over the raw tables (asof_expect.py, not the snapshot's views).

- kvartalsrapport 2026-T2 (per 31.08.2026): FSK 25/47, ADM 25/15 and HOK 25/53 were finished in
  September 2026, so they are listed as open (57 rows, not the 54 a judgement at the cut-off gives);
  the same for 2026-Q3 (per 30.09.2026). A month is not a kvartalsrapport period (refused, see
  check_kvartalsrapport.py), so 2026-09 is checked with vedtaksoppfolging only.
- vedtaksoppfolging 2026-T2, 2026-Q3 and 2026-09: every decision made by the day, its status word
  (one capitalisation, from the schema's labels), "– frist passert" when overdue, and the summary
  sentence with what it counts.
- The ROS table marks overdue measures the same way.
PDF text (pdftotext -layout) and XLSX cells (openpyxl) both.

Usage: check_asof.py RAPP SOURCE_DIR WORK_DIR"""
import os
import re
import shutil
import sqlite3
import subprocess
import sys

import openpyxl

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from asof_expect import LABEL, decisions_on  # noqa: E402
from e2e_common import check, finish, run as run_with, setup  # noqa: E402

RAPP, SRC, WORK, ENV, _, DB, Q = setup()
NBSP = "\u00a0"
MONTHS = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
          "november", "desember"]


def run(args):
    return run_with(args, ENV)


def long_date(d):  # '2026-08-31' -> '31. august 2026'
    y, m, day = d.split("-")
    return f"{int(day)}. {MONTHS[int(m) - 1]} {y}"


def short_date(d):  # '2026-08-31' -> '31.08.2026'
    y, m, day = d.split("-")
    return f"{day}.{m}.{y}"


def pdf_text(pdf):
    t = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True, check=True).stdout
    return t.replace(NBSP, " ")


def flat(text):  # one line, single spaces: sentences that wrap can be searched whole
    return re.sub(r"\s+", " ", text)


def sheet_rows(wb, name):
    """[(Saksnr, Status)] of a decision sheet: the rows under the header row that starts with Saksnr."""
    ws = wb[name]
    head, rows = None, []
    for row in ws.iter_rows(values_only=True):
        if head is None:
            if row and row[0] == "Saksnr":
                head = list(row)
            continue
        if row[0] and re.match(r"^\d+/\d+$", str(row[0])):
            st = next(i for i, h in enumerate(head) if h and str(h).startswith("Status"))
            rows.append((row[0], row[st]))
    return head, rows


def pdf_rows_ok(text, expected, what):
    """Every expected decision has a table line in the PDF text starting with its case number and
    meeting date, carrying its status word, followed by '–' when overdue (the words after it may
    wrap onto the next line)."""
    for d in expected:
        pat = re.compile(r"^\s*" + re.escape(d["case_number"]) + r"\s+" + re.escape(short_date(d["meeting_date"])) + r"\s.*$",
                         re.M)
        lines = [m.group(0) for m in pat.finditer(text)]
        ok = any(LABEL[d["status"]] in ln and ((LABEL[d["status"]] + " –" in ln) == d["overdue"]) for ln in lines)
        check(ok, f"{what}: PDF line for {d['body_code']} {d['case_number']} with '{d['shown']}': {lines}")


BODIES = Q("SELECT code, name FROM political_body ORDER BY sort_order, code")
CUTOFF = Q("SELECT cutoff_date FROM municipality")[0][0]
check(CUTOFF == "2026-09-30", f"the sample's cut-off is 30.09.2026 (got {CUTOFF})")

# ==== kvartalsrapport: 2026-T2 and 2026-Q3 ===========================================================
for period, first, last in (("2026-T2", "2026-05-01", "2026-08-31"), ("2026-Q3", "2026-07-01", "2026-09-30")):
    out = os.path.join(WORK, "kv-" + period)
    r = run([RAPP, "run", os.path.join(SRC, "reports", "kvartalsrapport.lua"), "--db", DB, "--period", period,
             "--out", out])
    check(r.returncode == 0, f"kvartalsrapport {period} runs: {r.stderr}")
    if r.returncode != 0:
        continue
    allof = decisions_on(Q.con, last)
    listed = [d for d in allof if d["open"] or d["since"] >= first]
    n_open = sum(d["open"] for d in allof)
    n_overdue = sum(d["overdue"] for d in allof)
    n_closed = sum(1 for d in allof if not d["open"] and d["since"] >= first)
    wb = openpyxl.load_workbook(os.path.join(out, f"kvartalsrapport-{period}.xlsx"), data_only=True)
    text = pdf_text(os.path.join(out, f"kvartalsrapport-{period}.pdf"))
    got_total = 0
    for code, _name in BODIES:
        want = sorted((d for d in listed if d["body_code"] == code),
                      key=lambda d: (not d["overdue"], not d["open"], d["deadline"] is None, d["deadline"] or "",
                                     d["meeting_date"], d["case_number"]))
        if not want:
            check(f"Vedtak {code}" not in wb.sheetnames, f"kvartalsrapport {period}: no sheet for {code}")
            continue
        head, got = sheet_rows(wb, f"Vedtak {code}")
        got_total += len(got)
        check(head is not None and f"Status per {short_date(last)}" in head,
              f"kvartalsrapport {period} {code}: status column says its date: {head}")
        check(got == [(d["case_number"], d["shown"]) for d in want],
              f"kvartalsrapport {period} {code}: XLSX rows\n  got  {got}\n  want {[(d['case_number'], d['shown']) for d in want]}")
        pdf_rows_ok(text, want, f"kvartalsrapport {period} {code}")
    check(got_total == len(listed), f"kvartalsrapport {period}: {got_total} decision rows, expected {len(listed)}")
    kf = {row[0]: row[1] for row in wb["Sammendrag"].iter_rows(values_only=True) if row and row[0]}
    check(kf.get("Forfalte politiske vedtak") == n_overdue,
          f"kvartalsrapport {period}: key figure {kf.get('Forfalte politiske vedtak')}, expected {n_overdue}")
    ft = flat(text)
    want = (f"Per {long_date(last)} var {len(allof)} vedtak til oppfølging fattet, av dem {n_open} åpne (ikke ferdige "
            f"eller utgått); {n_overdue} har passert fristen. Tabellene viser de åpne vedtakene og de {n_closed} som "
            f"ble ferdige eller utgikk i perioden")
    check(want in ft, f"kvartalsrapport {period}: decision paragraph '{want}'")
    want = f"Av {n_open} politiske vedtak som var åpne per {short_date(last)}, har {n_overdue} passert fristen."
    check(want in ft, f"kvartalsrapport {period}: summary sentence '{want}'")
    # ROS: overdue measures marked, from the raw table
    ros = {row[1]: row for row in wb["ROS"].iter_rows(values_only=True) if row and row[1]}
    for hazard, status, deadline in Q(
            "SELECT hazard, status, deadline FROM risk WHERE status <> 'lukket' AND assessed_date <= ?", last):
        if hazard in ros:
            word = status[0].upper() + status[1:]
            want = word + (" – frist passert" if deadline and deadline < last else "")
            check(ros[hazard][-1] == want, f"kvartalsrapport {period} ROS {hazard!r}: status {ros[hazard][-1]!r}, want {want!r}")

    if period == "2026-T2":
        # the three decisions finished in September were open on 31.08.2026
        sept = {("FSK", "25/47"), ("ADM", "25/15"), ("HOK", "25/53")}
        finished_sept = {(d["body_code"], d["case_number"]) for d in decisions_on(Q.con, CUTOFF)
                         if d["status"] == "ferdig" and d["since"] > last}
        check(sept <= finished_sept, f"the sample has FSK 25/47, ADM 25/15, HOK 25/53 finished in September: {finished_sept}")
        for b, c in sept:
            head, got = sheet_rows(wb, f"Vedtak {b}")
            st = dict(got).get(c)
            check(st is not None and not st.startswith("Ferdig"), f"T2: {b} {c} listed as open, got {st!r}")
        check(len(listed) == 57, f"T2: 57 decisions listed (got {len(listed)} from the independent query)")
        # judged at the cut-off instead, the three would not be listed: the test tells the two apart
        at_cutoff = decisions_on(Q.con, CUTOFF)
        wrong = [d for d in at_cutoff if d["meeting_date"] <= last and (d["open"] or first <= d["since"] <= last)]
        check(len(wrong) == 54, f"T2 judged at the cut-off lists 54 (got {len(wrong)})")

# ==== vedtaksoppfolging: 2026-T2, 2026-Q3 and 2026-09 ===============================================
for period, last in (("2026-T2", "2026-08-31"), ("2026-Q3", "2026-09-30"), ("2026-09", "2026-09-30")):
    out = os.path.join(WORK, "vo-" + period)
    r = run([RAPP, "run", os.path.join(SRC, "reports", "vedtaksoppfolging.lua"), "--db", DB, "--period", period,
             "--out", out])
    check(r.returncode == 0, f"vedtaksoppfolging {period} runs: {r.stderr}")
    if r.returncode != 0:
        continue
    allof = decisions_on(Q.con, last)
    n_open = sum(d["open"] for d in allof)
    n_overdue = sum(d["overdue"] for d in allof)
    wb = openpyxl.load_workbook(os.path.join(out, f"vedtaksoppfolging-{period}.xlsx"), data_only=True)
    text = pdf_text(os.path.join(out, f"vedtaksoppfolging-{period}.pdf"))
    total = 0
    for code, _name in BODIES:
        want = sorted((d for d in allof if d["body_code"] == code), key=lambda d: (d["meeting_date"], d["case_number"]))
        if not want:
            continue
        head, got = sheet_rows(wb, code)
        total += len(got)
        check(got == [(d["case_number"], d["shown"]) for d in want],
              f"vedtaksoppfolging {period} {code}: XLSX rows differ\n  got  {got[:5]}...\n  want "
              f"{[(d['case_number'], d['shown']) for d in want][:5]}...")
        pdf_rows_ok(text, want, f"vedtaksoppfolging {period} {code}")
    check(total == len(allof), f"vedtaksoppfolging {period}: {total} rows, expected {len(allof)}")
    ft = flat(text)
    want = (f"Per {long_date(last)}: {len(allof)} vedtak til oppfølging, av dem {n_open} åpne (ikke ferdige eller "
            f"utgått); {n_overdue} har passert fristen.")
    check(want in ft, f"vedtaksoppfolging {period}: summary '{want}'")
    for status, label in LABEL.items():
        n = sum(d["status"] == status for d in allof)
        late = sum(d["status"] == status and d["overdue"] for d in allof)
        if n:
            want = f"{label}: {n}" + (f", av dem {late} med passert frist" if late else "")
            check(re.search(re.escape(want) + r"(?![0-9,])", ft) is not None, f"vedtaksoppfolging {period}: bullet '{want}'")
    check(not re.search(r"\b(ikke påbegynt|under arbeid|ferdig|forsinket|utgår)\b\s*[:|]", text),
          f"vedtaksoppfolging {period}: no status word in lower case")

# ==== no decision listed, but decisions made: the figures still come (kvartalsrapport's one query
# then gives a row without a decision) ===================================================================
# a copy of the sample with only the decisions finished or dropped before 2026-T2 (changed by SQL,
# so without the derived table decision_interval, as docs/schema.md says such a tool must leave it)
NOLIST = os.path.join(WORK, "nolist.db")
shutil.copyfile(DB, NOLIST)
con = sqlite3.connect(NOLIST)
con.executescript("""PRAGMA foreign_keys = OFF; DELETE FROM decision_status_change;
  DELETE FROM decision WHERE NOT (status IN ('ferdig', 'utgår') AND status_date < '2026-05-01');
  DROP TABLE IF EXISTS decision_interval;""")
con.commit()
allof = decisions_on(con, "2026-08-31")
con.close()
check(len(allof) > 0 and not any(d["open"] for d in allof), f"nolist: decisions made, none open ({len(allof)})")


def run_nolist(report):
    """Runs report for 2026-T2 on nolist.db: (its output folder, its PDF text on one line), or None."""
    out = os.path.join(WORK, report + "-nolist")
    r = run([RAPP, "run", os.path.join(SRC, "reports", report + ".lua"), "--db", NOLIST, "--period", "2026-T2",
             "--out", out])
    check(r.returncode == 0, f"{report} on nolist.db runs: {r.stderr}")
    return r.returncode == 0 and (out, flat(pdf_text(os.path.join(out, report + "-2026-T2.pdf"))))


got = run_nolist("kvartalsrapport")
if got:
    out, ft = got
    want = (f"Per 31. august 2026 var {len(allof)} vedtak til oppfølging fattet, av dem 0 åpne (ikke ferdige eller "
            f"utgått); 0 har passert fristen. Tabellene viser de åpne vedtakene og de 0 som ble ferdige eller utgikk")
    check(want in ft, f"nolist kvartalsrapport: decision paragraph '{want}'")
    check("Ingen vedtak å følge opp i perioden." in ft, "nolist kvartalsrapport: says no decision is listed")
    wb = openpyxl.load_workbook(os.path.join(out, "kvartalsrapport-2026-T2.xlsx"), data_only=True)
    check(not [n for n in wb.sheetnames if n.startswith("Vedtak ")], f"nolist kvartalsrapport: no decision sheet {wb.sheetnames}")
got = run_nolist("vedtaksoppfolging")
if got:
    ft = got[1]
    want = f"Per 31. august 2026: {len(allof)} vedtak til oppfølging, av dem 0 åpne (ikke ferdige eller utgått); 0 har"
    check(want in ft, f"nolist vedtaksoppfolging: summary '{want}'")
    for status, label in LABEL.items():
        n = sum(d["status"] == status for d in allof)
        bullet = re.search(re.escape(f"{label}: ") + r"\d", ft)
        check((bullet is not None) == (n > 0) and (not n or f"{label}: {n}" in ft),
              f"nolist vedtaksoppfolging: bullet for {label} ({n})")

finish("ok: decisions as of 31.08.2026 and 30.09.2026 in kvartalsrapport and vedtaksoppfolging (T2, Q3, 2026-09)")
