#!/usr/bin/python3
"""tests/e2e/check_asof_periods.py — end to end (issue 10): periods against the snapshot's cut-off
and the provenance every output carries, on the sample municipality (cut off 30.09.2026).

  1. a period that ends after the cut-off (2026-T3) or lies before the first data (2019-T1) is
     refused with exit 2, the cut-off and the latest complete period in the message, and nothing
     written; lower-case periods and upper-case formats are accepted alike
  2. with --allow-partial the PDF carries "Foreløpig — data til og med 30.09.2026" on every page
     (each page's text layer on its own) and in its document info, the workbook in A1 of every
     sheet and on "Om rapporten"; a script may allow it itself (allow_partial = true) and reads
     p.period.complete
  3. every standard report's PDF ends with "Om rapporten" naming the cut-off, the snapshot's hash
     (checked against sha256sum) and the parameters; the same in the PDF's Keywords (pdfinfo) and
     on the workbook's "Om rapporten"; no status legend in a workbook without statuses
  4. the partial run is byte-reproducible under SOURCE_DATE_EPOCH

Usage: check_asof_periods.py RAPP SOURCE_DIR WORK_DIR [periods|provenance]   (default: all)"""
import datetime
import glob
import os
import sys

import openpyxl

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2e_common import check, finish, run as run_with, setup, unit_args  # noqa: E402

RAPP, SRC, WORK, ENV, _, DB, _ = setup()
PART = sys.argv[4] if len(sys.argv) > 4 else "all"  # periods: 1, 2 and 4; provenance: 3
if PART not in ("all", "periods", "provenance"):
    sys.exit(f"check_asof_periods.py: unknown part {PART!r} (periods, provenance)")
QUARTERLY = os.path.join(SRC, "reports", "kvartalsrapport.lua")
MARK = "Foreløpig — data til og med 30.09.2026"


def run(args):
    return run_with(args, ENV)


def norm(s):
    return " ".join(s.replace("\u00a0", " ").split())


def pdf_pages(pdf):
    info = run(["pdfinfo", pdf]).stdout
    n = int(next(ln.split()[1] for ln in info.splitlines() if ln.startswith("Pages:")))
    # one pdftotext run, split at its page breaks (the same text as a run per page, 5 times less CPU)
    return [p + "\f" for p in run(["pdftotext", pdf, "-"]).stdout.split("\f")[:n]]


def pdf_info(pdf, key):
    for ln in run(["pdfinfo", pdf]).stdout.splitlines():
        if ln.startswith(key + ":"):
            return ln.split(":", 1)[1].strip()
    return ""


def about(wb):
    om = wb["Om rapporten"]
    return {om.cell(r, 1).value: om.cell(r, 2).value for r in range(1, om.max_row + 1)}


SHA = run(["sha256sum", DB]).stdout.split()[0]
check(len(SHA) == 64, "sha256sum of the snapshot")



if PART in ("all", "periods"):
    # ==== 1. refused periods ===========================================================================
    REFUSED = {  # per report whose first period kind is not a tertial (issue 12), else the tertial cases
        "manedsrapport": (("2026-10", ["2026-09-30", "latest complete month is 2026-09", "--allow-partial"]),
                          ("2019-01", ["2026-09-30", "before the snapshot's first data", "2026-09"]),
                          ("2030-01", ["2026-09-30", "2026-09"])),
        "arsrapport": (("2026", ["2026-09-30", "latest complete year is 2025", "--allow-partial"]),
                       ("2019", ["2026-09-30", "before the snapshot's first data", "2025"]),
                       ("2030", ["2026-09-30", "2025"])),
        "eiermelding": (("2026", ["2026-09-30", "latest complete year is 2025", "--allow-partial"]),
                        ("2019", ["2026-09-30", "before the snapshot's first data", "2025"]),
                        ("2030", ["2026-09-30", "2025"])),
        # the årshjul allows the running and later years (a plan; marked Foreløpig), never one before the data
        "arshjul": (("2019", ["2026-09-30", "before the snapshot's first data", "2025"]),),
    }
    for script in sorted(glob.glob(os.path.join(SRC, "reports", "*.lua"))):
        name = os.path.basename(script)[:-4]
        for period, words in REFUSED.get(name, (("2026-T3", ["2026-09-30", "latest complete tertial is 2026-T2", "--allow-partial"]),
                                                ("2026-t3", ["2026-09-30", "2026-T3"]),
                                                ("2019-T1", ["2026-09-30", "before the snapshot's first data", "2026-T2"]),
                                                ("2030-T1", ["2026-09-30", "2026-T2"]))):
            out = os.path.join(WORK, f"refused-{name}-{period}")
            os.makedirs(out)
            r = run([RAPP, "run", script, "--db", DB, "--period", period, "--out", out] + unit_args(RAPP, script, ENV))
            check(r.returncode == 2, f"{name} {period}: exit {r.returncode}, expected 2 ({r.stderr.strip()})")
            for w in words:
                check(w in r.stderr, f"{name} {period}: the message lacks {w!r}: {r.stderr.strip()}")
            check(os.listdir(out) == [], f"{name} {period}: wrote {os.listdir(out)}")
            check(r.stdout == "", f"{name} {period}: printed {r.stdout!r}")

    # 2019-T1 stays refused with --allow-partial (there is no data at all)
    out = os.path.join(WORK, "refused-before-partial")
    os.makedirs(out)
    r = run([RAPP, "run", QUARTERLY, "--db", DB, "--period", "2019-T1", "--allow-partial", "--out", out])
    check(r.returncode == 2 and os.listdir(out) == [], f"2019-T1 --allow-partial: exit {r.returncode}, {os.listdir(out)}")

    # case: 2026-q2 and --format PDF,Xlsx are the same as 2026-Q2 and pdf,xlsx
    out = os.path.join(WORK, "case")
    r = run([RAPP, "run", QUARTERLY, "--db", DB, "--period", "2026-q2", "--format", "PDF,Xlsx", "--out", out])
    check(r.returncode == 0, f"--period 2026-q2 --format PDF,Xlsx: exit {r.returncode}: {r.stderr.strip()}")
    check(sorted(os.listdir(out)) == ["kvartalsrapport-2026-Q2.pdf", "kvartalsrapport-2026-Q2.xlsx"] if os.path.isdir(out) else False,
          f"case-insensitive period and format: wrote {os.listdir(out) if os.path.isdir(out) else None}")

    # ==== 2. --allow-partial ===========================================================================
    out = os.path.join(WORK, "partial")
    r = run([RAPP, "run", QUARTERLY, "--db", DB, "--period", "2026-T3", "--allow-partial", "--out", out])
    check(r.returncode == 0, f"2026-T3 --allow-partial: exit {r.returncode}: {r.stderr.strip()}")
    pdf = os.path.join(out, "kvartalsrapport-2026-T3.pdf")
    xlsx = os.path.join(out, "kvartalsrapport-2026-T3.xlsx")
    if r.returncode == 0:
        pages = pdf_pages(pdf)
        check(len(pages) > 3, f"partial PDF has {len(pages)} pages")
        for i, text in enumerate(pages, 1):
            check(MARK in norm(text), f"partial PDF page {i} of {len(pages)} lacks the marking")
        check(MARK in norm(pages[0]) and "Side " not in pages[0], "the cover carries the marking, no page number")
        check("30. september 2026" in norm(pages[0]) and "31. desember 2026" not in norm(pages[0]),
              "the partial period's cover is dated the cut-off, not the period's end: " + norm(pages[0])[:200])
        check("Status " + MARK in norm(pages[-1]), "the colophon says the period is preliminary")
        check(MARK in pdf_info(pdf, "Subject"), "PDF Subject carries the marking: " + pdf_info(pdf, "Subject"))
        wb = openpyxl.load_workbook(xlsx)
        for ws in wb.worksheets:
            check(ws["A1"].value == MARK, f"sheet {ws.title!r}: A1 is {ws['A1'].value!r}, not the marking")
        a = about(wb)
        check(a.get("Status") == MARK, f"Om rapporten: Status is {a.get('Status')!r}")
        check(a.get("Per dato") == datetime.datetime(2026, 9, 30), f"Om rapporten: Per dato {a.get('Per dato')!r}")
        # the economy of a partial period runs to the cut-off month: budget and accounts January to
        # September, never a year's budget against nine months of accounts (issue 10's 52,0 mill. kr)
        text = norm("\n".join(pages))
        dev = float(run(["sqlite3", DB, "SELECT (SELECT sum(amount) FROM budget WHERE month BETWEEN '2026-01' AND "
                         "'2026-09') - (SELECT sum(amount) FROM actual WHERE month BETWEEN '2026-01' AND '2026-09')"]).stdout)
        words = ("et mindreforbruk" if dev >= 0 else "et merforbruk") + " på " + f"{abs(dev) / 1e6:.1f}".replace(".", ",")
        check("Per 30. september 2026 viser enhetenes prognose" in text, "partial summary: forecast not per 30.09.2026")
        check(f"Hittil i år er avviket mot periodisert budsjett {words} mill. kr" in text,
              f"partial summary: year-to-date deviation is not {words} mill. kr (January-September)")
        check("regnskap hittil i år (januar–september 2026)" in text, "partial economy: not January-September")
        # byte-reproducible
        out2 = os.path.join(WORK, "partial2")
        r2 = run([RAPP, "run", QUARTERLY, "--db", DB, "--period", "2026-T3", "--allow-partial", "--out", out2])
        for f in ("kvartalsrapport-2026-T3.pdf", "kvartalsrapport-2026-T3.xlsx"):
            same = r2.returncode == 0 and open(os.path.join(out, f), "rb").read() == open(os.path.join(out2, f), "rb").read()
            check(same, f"{f}: a second run gives different bytes")

    # a script that allows partial periods itself, and reads p.period.complete and r.cutoff_date
    own = os.path.join(WORK, "egen.lua")
    with open(own, "w") as f:
        f.write('''local rapp = require("rapp")
    return rapp.report { name = "egen", title = "Egen", formats = { "txt", "xlsx" },
      params = { { name = "period", type = "period", kinds = { "month" }, allow_partial = true } },
      build = function(r, p)
        r.doc:paragraph("komplett=" .. tostring(p.period.complete) .. " uttak=" .. r.cutoff_date)
        r.doc:table { rows = { { a = "x" } }, columns = { { key = "a", title = "A" } } }
      end }
    ''')
    for period, complete in (("2026-10", "false"), ("2026-09", "true")):
        out = os.path.join(WORK, "own-" + period)
        r = run([RAPP, "run", own, "--db", DB, "--period", period, "--out", out])
        check(r.returncode == 0, f"allow_partial script {period}: exit {r.returncode}: {r.stderr.strip()}")
        if r.returncode == 0:
            txt = open(os.path.join(out, f"egen-{period}.txt"), encoding="utf-8").read()
            check(f"komplett={complete} uttak=2026-09-30" in txt, f"{period}: p.period.complete/r.cutoff_date: {txt[-200:]!r}")
            check(("preliminary: " + MARK in txt) == (complete == "false"), f"{period}: txt preliminary line")
            a = about(openpyxl.load_workbook(os.path.join(out, f"egen-{period}.xlsx")))
            check("Statusfarger" not in a, f"{period}: a workbook without statuses shows no status legend")
            check(a.get("Kontrollsum (SHA-256)") == SHA[:12], f"{period}: own script's workbook hash")
    r = run([RAPP, "run", own, "--help"])
    check("a period past the cut-off runs as preliminary" in r.stdout, "--help tells that the script allows partial periods")

if PART in ("all", "provenance"):
    # ==== 3. provenance on every standard report =======================================================
    for script in sorted(glob.glob(os.path.join(SRC, "reports", "*.lua"))):
        name = os.path.basename(script)[:-4]
        out = os.path.join(WORK, "std-" + name)
        unit = unit_args(RAPP, script, ENV)
        r = run([RAPP, "run", script, "--db", DB, "--out", out, "--format", "pdf,xlsx"] + unit)
        check(r.returncode == 0, f"{name}: exit {r.returncode}: {r.stderr.strip()}")
        if r.returncode != 0:
            continue
        pdf = next(p for p in r.stdout.split() if p.endswith(".pdf"))
        xlsx = next(p for p in r.stdout.split() if p.endswith(".xlsx"))
        code = os.path.basename(pdf)[len(name) + 1:-4]  # kvartalsrapport-2026-T2.pdf -> 2026-T2
        if unit:
            code = code[:-len(unit[1][5:]) - 1]  # enhetsrapport-2026-T2-ENH2010.pdf -> 2026-T2
        pages = pdf_pages(pdf)
        last = norm(pages[-1])
        check("Om rapporten" in last, f"{name}: the last page is not the colophon")
        for want in ("Datagrunnlag fjordvik.db", "Datagrunnlag per 30.09.2026", "Kontrollsum (SHA-256) " + SHA[:12],
                     f"Parametere Periode={code}", "Rapp 0.", f"({name})", "Produsert 21.09.2026",
                     "Komplett periode"):
            check(want in last, f"{name}: the colophon lacks {want!r}")
        check(all(MARK not in norm(p) for p in pages), f"{name}: a complete period is marked preliminary")
        kw = pdf_info(pdf, "Keywords")
        for want in ("Kontrollsum (SHA-256): " + SHA[:12], "Datagrunnlag per: 30.09.2026", f"Periode={code}",
                     "Datagrunnlag: fjordvik.db"):
            check(want in kw, f"{name}: PDF Keywords lack {want!r}: {kw!r}")
        check("per " in pdf_info(pdf, "Subject"), f"{name}: PDF Subject without the as-of date")
        wb = openpyxl.load_workbook(xlsx)
        a = about(wb)
        check(a.get("Kontrollsum (SHA-256)") == SHA[:12], f"{name}: workbook hash {a.get('Kontrollsum (SHA-256)')!r}")
        check(a.get("Datagrunnlag per") == datetime.datetime(2026, 9, 30), f"{name}: workbook cut-off {a.get('Datagrunnlag per')!r}")
        check(a.get("Parametere", "").startswith(f"Periode={code}"), f"{name}: workbook parameters {a.get('Parametere')!r}")
        check(a.get("Datagrunnlag") == "fjordvik.db", f"{name}: workbook snapshot {a.get('Datagrunnlag')!r}")
        check(wb.worksheets[0]["A1"].value != MARK, f"{name}: complete period marked in the workbook")

finish({"all": "ok: refused periods, --allow-partial markings, provenance on every standard report",
        "periods": "ok: refused periods, --allow-partial markings",
        "provenance": "ok: provenance on every standard report"}[PART])
