#!/usr/bin/python3
"""tests/e2e/check_arshjul.py — end to end: the sample municipality through `rapp import` and
reports/arshjul.lua for 2026 (a year with the kommuneplan), 2024 (the year after the election:
planstrategi, folkevalgtopplæring, eierpolitikk) and the default (2025, the latest complete year).

The årshjul must hold every activity of the governance document's table
(../shared/seeds/000_f91ef1168935487d.txt, "Årshjul") in its months: SEED below is that table
written out here, independently of the snapshot (two lines normalised as samples/gen/sg_politics.c
says: the July quarterly report is written as in April and October, and "Dialogmøte tillitsvalgte
og enheter" is its two meetings). Checked in the calendar sheet (a mark in exactly those months),
the month-by-month sheet, and the PDF text layer (the marks under the month headers). The deciding
body and the every-fourth-year items are checked against SQL over the raw wheel_activity table.

Usage: check_arshjul.py RAPP SOURCE_DIR WORK_DIR"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2e_common import check, finish, run, setup  # noqa: E402
from report_expect import check_rerun, header_row, run_report  # noqa: E402

RAPP, SRC, WORK, ENV, SCRIPT, DB, Q = setup("arshjul")

ALL = list(range(1, 13))
# The governance document's årshjul: activity -> months (ALL = "Hele året"), and for the items of
# every fourth year after the election (2023) the year they take place in (2024, 2028, ...).
SEED = {
    "Handlingsprogram inneværende periode til Fylkesmannen": [1],
    "Folkevalgtopplæring hvert 4. år etter valg": [1],
    "Ferdigstille årsregnskap": [2],
    "Rapportere KOSTRA": [2],
    "Lederavtaler": [2],
    "Medarbeidersamtaler": [2],
    "Dialogmøte enheter": [2, 4, 6, 8, 10, 12],
    "Foreløpig årsregnskap til bystyre": [3],
    "Ferdigstille årsrapport": [3],
    "Dialogmøte tillitsvalgte": [3, 6, 9, 12],
    "Behandling av foreløpig årsregnskap bystyre": [3],
    "Kvalitetssikre KOSTRA-tall": [4],
    "Kvartalsrapport formannskap/bystyre": [4, 7, 10],
    "Årsregnskap og årsrapport kontrollutvalg, formannskap/bystyre": [5],
    "Behandling av kvartalsrapport formannskap/bystyre": [5, 8, 11],
    "Årsregnskap og årsrapport til Fylkesmannen": [6],
    "Oppstart handlingsprogram": [6],
    "Behandling av årsregnskap og årsrapport": [6],
    "Konsekvensjustert budsjett ledergruppe": [8],
    "Oppstart eiermelding": [8],
    "Enhetene ferdigstiller handlingsprogram og handlingsplaner": [9],
    "Lønnsforhandlinger": [9],
    "Eiermelding bystyret": [10],
    "Ferdigstille betalingssatser": [10],
    "Budsjettkonferanse formannskap": [10],
    "Rådmannens utkast til handlingsprogram ferdigstilles": [11],
    "Behandling av handlingsprogram formannskap": [11],
    "Bystyrets eiermøte: Rullering av eierportefølje hvert år": [11],
    "Rullering av eierpolitikk hvert 4.år etter valg": [11],
    "Formannskapets forslag til handlingsprogram til offentlig ettersyn": [12],
    "Utarbeide detaljbudsjett": [12],
    "Behandling av handlingsprogram bystyre": [12],
    "Månedsrapportering alle enheter": ALL,
    "Rullering plandokument": ALL,
    "ROS-analyser": ALL,
    "Undersøkelser (bruker, medarbeider, innbygger, folkevalgt) ulikt frekvens": ALL,
    "Månedsrapportering formannskap": ALL,
    "Rapportering kommunens eierrepresentanter formannskap/bystyre": ALL,
}
SEED_FOURTH = {"Folkevalgtopplæring hvert 4. år etter valg": 2024, "Rullering av eierpolitikk hvert 4.år etter valg": 2024}
MONTHS = ["Jan", "Feb", "Mar", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Des"]
MONTH_NAMES = ["Januar", "Februar", "Mars", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
               "November", "Desember"]
MARK = "●"


def expected(year):
    """Every activity of the snapshot for the year, from the raw table: text -> (months, body,
    every fourth year); the every-fourth-year rule written again here."""
    acts = {}
    for month, text, fourth, ref, body in Q(
            "SELECT w.month, w.text, w.every_fourth_year, w.reference_year, b.name FROM wheel_activity w "
            "LEFT JOIN political_body b ON b.code = w.body_code"):
        if fourth and ref is not None and (year - ref) % 4 != 0:
            continue
        months, bodies, f = acts.get(text, (set(), set(), fourth))
        months |= set(ALL) if month is None else {month}
        if body:
            bodies.add(body)
        acts[text] = (months, bodies, fourth)
    return acts


def cell_text(v):
    return "" if v is None else str(v)


def one(period, default=False):
    year = int(period)
    out = os.path.join(WORK, period)
    res = run_report(check, run, ENV, RAPP, SCRIPT, DB, out, period, default)
    if res is None:
        return
    args, text, flat, wb = res
    exp = expected(year)

    # the seed's activities, in the right months, are in the snapshot's wheel for every year
    for name, months in SEED.items():
        occurs = name not in SEED_FOURTH or (year - SEED_FOURTH[name]) % 4 == 0
        check((name in exp) == occurs, f"{year}: seed activity {name!r} {'in' if occurs else 'not in'} the wheel")
        if occurs and name in exp:
            check(sorted(exp[name][0]) == months, f"{year}: {name!r} months {sorted(exp[name][0])} vs the seed's {months}")

    # the calendar sheet: one row per activity, a mark in exactly its months, the deciding body
    ws = wb["Årshjul"]
    hr, header = header_row(ws, "Aktivitet")
    check(header is not None and header[1:13] == MONTHS and header[13] == "Vedtas av", f"{year}: calendar header {header}")
    rows = {}
    if hr:
        for row in ws.iter_rows(min_row=hr + 1, max_row=ws.max_row):
            vals = [c.value for c in row]
            if vals[0] and any(vals[1:13]):
                rows[re.sub(r" \(hvert 4\. år\)$", "", vals[0])] = vals
    check(set(rows) == set(exp), f"{year}: calendar rows {sorted(set(rows) ^ set(exp))} differ from the table")
    for name, (months, bodies, fourth) in exp.items():
        vals = rows.get(name)
        if not vals:
            continue
        marked = {m for m in ALL if vals[m] == MARK}
        check(marked == months, f"{year}: {name!r} marked in {sorted(marked)}, expected {sorted(months)}")
        check(all(vals[m] in (None, MARK) for m in ALL), f"{year}: {name!r} only marks in the month cells")
        check(cell_text(vals[13]) == ", ".join(sorted(bodies)), f"{year}: {name!r} body {vals[13]!r} vs {bodies}")
        check(vals[0].endswith("(hvert 4. år)") == bool(fourth), f"{year}: {name!r} marked as every fourth year: {fourth}")
    for name in SEED:
        check(name in rows or name in SEED_FOURTH, f"{year}: seed activity {name!r} in the calendar sheet")

    # the PDF: each activity's line has its marks under its months' headers
    lines = text.splitlines()
    heads = [i for i, ln in enumerate(lines) if re.search(r"Aktivitet\s+Jan\s+Feb\s+Mar", ln)]
    check(heads, f"{year}: calendar header in the PDF text")
    found = set()
    for h in heads:
        cols = [lines[h].index(m) + len(m) / 2 for m in MONTHS]
        for ln in lines[h + 1:h + 60]:
            if re.search(r"Aktivitet\s+Jan", ln) or ln.startswith("\f"):
                break
            name = re.sub(r"\s{2,}.*$", "", ln.strip())
            name = re.sub(r" \(hvert 4\. år\)$", "", name)
            if name not in exp:
                continue
            found.add(name)
            pos = [i for i, ch in enumerate(ln) if ch == MARK]
            marked = {min(range(12), key=lambda k: abs(cols[k] - p)) + 1 for p in pos}
            check(marked == exp[name][0] and len(pos) == len(exp[name][0]),
                  f"{year}: PDF line of {name!r} marks {sorted(marked)}, expected {sorted(exp[name][0])}")
            for b in exp[name][1]:
                check(b in ln, f"{year}: PDF line of {name!r} names {b}")
    check(found == set(exp), f"{year}: activities missing from the PDF calendar: {sorted(set(exp) - found)}")

    # the month-by-month sheet: every (month, activity) pair, whole-year items under "Hele året"
    ws = wb["Måned for måned"]
    hr, header = header_row(ws, "Måned")
    check(header is not None and header[:4] == ["Måned", "Aktivitet", "Spor", "Vedtas av"], f"{year}: month sheet header {header}")
    pairs = set()
    if hr:
        for row in ws.iter_rows(min_row=hr + 1, max_row=ws.max_row):
            if row[0].value and row[1].value:
                pairs.add((row[0].value, re.sub(r" \(hvert 4\. år\)$", "", row[1].value)))
    want = set()
    for name, (months, _, _) in exp.items():
        for m in (["Hele året"] if months == set(ALL) else [MONTH_NAMES[m - 1] for m in months]):
            want.add((m, name))
    check(pairs == want, f"{year}: month-by-month pairs differ: {sorted(pairs ^ want)[:6]}")

    # every-fourth-year items: the summary count and the table's "I <year>" and next year
    nfourth = sum(1 for v in exp.values() if v[2])
    check(f"{len(exp)} aktiviteter i {year}, av dem {nfourth} som bare skjer hvert fjerde år" in flat,
          f"{year}: count sentence ({len(exp)}, {nfourth})")
    ws = wb["Hvert fjerde år"]
    hr, header = header_row(ws, "Aktivitet")
    check(header is not None and header[3] == f"I {year}", f"{year}: fourth-year header {header}")
    got = {}
    if hr:
        for row in ws.iter_rows(min_row=hr + 1, max_row=ws.max_row):
            if row[0].value:
                got[row[0].value] = (row[3].value, row[4].value)
    for text_, ref in Q("SELECT text, reference_year FROM wheel_activity WHERE every_fourth_year = 1"):
        this = (year - ref) % 4 == 0
        nxt = year + 1 + (ref - year - 1) % 4
        check(got.get(text_) == ("Ja" if this else "Nei", str(nxt)), f"{year}: {text_!r} row {got.get(text_)} vs {this}, {nxt}")
        in_pdf = re.search(re.escape(text_) + r" \(hvert 4\. år\)", flat) is not None
        check(in_pdf == this, f"{year}: {text_!r} in the PDF calendar: {in_pdf}, expected {this}")
    check(re.search(r"\b20\d\d-\d\d-\d\d\b", text) is None, f"{year}: no ISO date in the PDF text")
    check_rerun(check, run, ENV, args, out, "arshjul", period)


one("2026")
one("2024")
one("2025", default=True)
finish("ok: arshjul 2026, 2024 and the default 2025: every seed activity in its months, bodies and every-fourth-year items")
