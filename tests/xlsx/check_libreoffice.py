#!/usr/bin/python3
"""Opens the workbook xlsx_cases wrote in a real client, LibreOffice headless, with a Norwegian
(nb-NO) locale, and checks what a reader sees: every sheet converts to CSV "as shown" without
error and numbers, percents and dates are displayed the Norwegian way from the en-US format
codes. The locale is set in a fresh user profile (ooSetupSystemLocale), so the test neither
depends on the machine's locales nor collides with parallel runs. Exit 77 (skip) without
soffice. Usage: check_libreoffice.py <outdir>"""
import csv
import glob
import os
import shutil
import subprocess
import sys
import tempfile

PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
           xmlns:xs="http://www.w3.org/2001/XMLSchema"
           xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>nb-NO</value></prop></item>
</oor:items>
"""
# separator ',', quote '"', UTF-8, from line 1, ..., "save cell contents as shown", all sheets
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"

failures = 0


def check(cond, what):
    global failures
    if not cond:
        failures += 1
        print("FAIL:", what)


def spaces(s):
    """Norwegian grouping is a no-break space (U+00A0, or U+202F in some versions)."""
    return s.replace("\u00a0", " ").replace("\u202f", " ")


def read_sheet(outdir, sheet):
    path = os.path.join(outdir, f"economy-{sheet}.csv")
    if not os.path.exists(path):
        check(False, f"LibreOffice wrote no CSV for sheet {sheet!r}")
        return []
    with open(path, encoding="utf-8", newline="") as f:
        return [[spaces(c) for c in row] for row in csv.reader(f)]


def row_starting(rows, first):
    for r in rows:
        if r and r[0] == first:
            return r
    check(False, f"no row starting with {first!r}")
    return []


def main(outdir):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        print("check_libreoffice: soffice not installed (scripts/setup.sh --tests); skipped")
        return 77
    src = os.path.join(outdir, "economy.xlsx")
    work = tempfile.mkdtemp(prefix="rapp-lo-")
    try:
        os.makedirs(os.path.join(work, "profile", "user"))
        with open(os.path.join(work, "profile", "user", "registrymodifications.xcu"), "w") as f:
            f.write(PROFILE)
        out = os.path.join(work, "out")
        env = dict(os.environ, HOME=work)
        p = subprocess.run([soffice, f"-env:UserInstallation=file://{work}/profile", "--headless",
                            "--norestore", "--convert-to", CSV_FILTER, "--outdir", out, src],
                           capture_output=True, text=True, timeout=100, env=env)
        check(p.returncode == 0, f"soffice exit {p.returncode}: {p.stderr}")
        check("Error" not in p.stdout + p.stderr, f"soffice reported an error: {p.stdout}{p.stderr}")
        sheets = sorted(os.path.basename(x) for x in glob.glob(os.path.join(out, "*.csv")))
        check(len(sheets) == 10, f"one CSV per sheet, got {sheets}")

        rows = read_sheet(out, "Formater")
        row = row_starting(rows, "1 234 568")
        check(row == ["1 234 568", "12,5", "12,5 %", "31.12.2026", "1 235", "\u22121 234", "\u221256,7"],
              f"Norwegian display of amount, decimal, percent, date, 1 000 kr, negatives: {row}")

        rows = read_sheet(out, "Økonomisk status drift")
        total = row_starting(rows, "Sum drift")
        # 98 765 432 + 187 654 321,4 + 5 432 100 + 143 210 987 + 87 654 321 kr = 522 717 thousand
        check(total[:2] == ["Sum drift", "522 717"], f"total row (cached SUBTOTAL) {total}")
        sub = row_starting(rows, "Sum Oppvekst")
        check(sub[1:3] == ["291 852", "194 568"] and sub[5] == "1,1 %", f"subtotal row {sub}")
        data = row_starting(rows, "Barnehage")
        check(data[4] == "\u2212156" and data[5] == "\u22120,2 %" and data[8] == "31.12.2026",
              f"negative amount and percent, date {data}")

        rows = read_sheet(out, "Mål og resultat")
        r = row_starting(rows, "Medarbeidere")
        check(r[3:5] == ["6,4 %", "▲ Akseptabelt resultat"], f"own decimals, unit and status word {r}")
        shown = {r[2]: r[3:5] for r in rows if len(r) > 4}
        check(shown.get("Ventetid PPT") == ["92 dager", "■ Uakseptabelt resultat"], f"unit 'dager' {shown.get('Ventetid PPT')}")
        check(shown.get("Ventetid sykehjem") == ["", "○ Ikke målt"], f"Ikke målt: empty value, word in Status {shown.get('Ventetid sykehjem')}")
        check(shown.get("Innbyggertilfredshet") == ["4,10", "– Uten resultatkrav"], f"column decimals {shown.get('Innbyggertilfredshet')}")

        rows = read_sheet(out, "Om rapporten")
        check(row_starting(rows, "Datagrunnlag per")[1:2] == ["31.08.2026"], "cut-off date")
        check(row_starting(rows, "Produsert")[1:2] == ["29.08.2026 12:40"], "production time")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"check_libreoffice: {'ok' if not failures else str(failures) + ' failures'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
