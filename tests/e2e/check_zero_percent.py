"""tests/e2e/check_zero_percent.py — e2e_zero_percent: a 0 % share (and 5 %, one digit) prints
"0 %" with the space in every format: the PDF's text layer (pdftotext, plain and -layout; before
the fix a run of one-character words like "0 %" read "0%"), the txt, the HTML cells and the XLSX
number formats. The test report is zero_percent.lua.
  check_zero_percent.py RAPP SRC WORK"""
import os
import re
import subprocess
import sys

import openpyxl

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2e_common import check, finish, run, setup  # noqa: E402

RAPP, SRC, WORK, ENV, _, db, _ = setup()
NBSP = "\u00a0"
out = os.path.join(WORK, "out")
r = run([RAPP, "run", os.path.join(os.path.dirname(os.path.abspath(__file__)), "zero_percent.lua"),
         "--db", db, "--out", out], ENV)
if r.returncode != 0:
    sys.exit("rapp run failed: " + r.stderr)
PDF, XLSX, TXT, HTML = (os.path.join(out, "nullprosent." + e) for e in ("pdf", "xlsx", "txt", "html"))


def pdftext(*opts):
    return subprocess.run(["pdftotext", *opts, PDF, "-"], capture_output=True, text=True,
                          check=True).stdout.replace(NBSP, " ")


# ---- PDF: the table row, the running text and the chart's 0 % tick ---------------------------
for mode in ((), ("-layout",)):
    text = pdftext(*mode)
    name = "pdftotext " + " ".join(mode)
    check(re.search(r"(?<![\d,])0%", text) is None and re.search(r"(?<![\d,])5%", text) is None,
          f"{name}: a percentage without the space: {re.findall(r'.{0,20}(?<![0-9,])[05]%', text)}")
    check("Kommunen eier 0 % av Selskap C." in text, f"{name}: the running text's 0 %")
    check("0,0 %" in text and "5,0 %" in text, f"{name}: 0,0 % and 5,0 %")
layout = pdftext("-layout")
for company, shown in (("Selskap A", "38 %"), ("Selskap B", "5 %"), ("Selskap C", "0 %"), ("Selskap D", "0 %")):
    row = [ln for ln in layout.splitlines() if ln.strip().startswith(company + " ")]
    check(row and re.search(r"\s" + re.escape(shown) + r"\s", row[0] + " "),
          f"PDF table row of {company}: {shown!r} in {row[:1]}")
ticks = [ln for ln in layout.splitlines() if re.match(r"\s*0 %\s+5 %\s+10 %", ln)]
check(len(ticks) == 1, "PDF chart: the value axis reads 0 %, 5 %, 10 % ...")
plain = pdftext()
check(re.search(r"^0 %$", plain, re.M) is not None, "pdftotext: the chart's 0 % tick on its own line")

# ---- txt and HTML ----------------------------------------------------------------------------
txt = open(TXT, encoding="utf-8").read()
check(re.search(r"\| Selskap C \|\s+0" + NBSP + r"% \|\s+0,0" + NBSP + r"% \|", txt) is not None,
      "txt: Selskap C's row reads 0 % and 0,0 %")
check("Kommunen eier 0" + NBSP + "% av Selskap C." in txt, "txt: the running text's 0 %")
html = open(HTML, encoding="utf-8").read()
cells = re.findall(r'<td class="num">([^<]*)</td>', html)
check(cells.count("0" + NBSP + "%") >= 2 and "5" + NBSP + "%" in cells and "0,0" + NBSP + "%" in cells,
      f"HTML: 0 %, 5 % and 0,0 % cells (got {sorted(set(cells))})")

# ---- XLSX: the value 0 with a number format that shows "0 %" ---------------------------------
wb = openpyxl.load_workbook(XLSX)
found = 0
for ws in wb:
    for row in ws.iter_rows():
        if row[0].value != "Selskap C":
            continue
        for c in row[1:]:
            if isinstance(c.value, (int, float)):
                found += 1
                check(c.value == 0, f"XLSX {ws.title}!{c.coordinate}: the share 0 stored as 0 ({c.value!r})")
                first = c.number_format.split(";")[0]
                check(re.fullmatch(r'#,##0(\.0+)?"' + NBSP + '"%', first) is not None,
                      f"XLSX {ws.title}!{c.coordinate}: format {c.number_format!r} shows 0 %")
check(found >= 2, f"XLSX: Selskap C's shares ({found} numeric cells)")
finish("ok: 0 % and 5 % print with the space before % in PDF, txt, HTML and XLSX")
