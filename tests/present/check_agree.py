"""tests/present/check_agree.py — present_renderers_agree: one document (agree.lua) rendered to
PDF, XLSX and txt by `rapp run`; the same cells must show the same text, number and fill in all
three (the presentation step, model/present.c, decides them once). The XLSX cell's shown text is
computed here from its stored value and number format, the way a spreadsheet shows it, so a value
that rounds to zero must not come out as "−0" there either. SOURCE_DATE_EPOCH is 23:30 UTC on
31.12.2026, so every output must give the production date 01.01.2027 (Oslo time).
  check_agree.py RAPP SRC WORK"""
import datetime
import os
import re
import subprocess
import sys
from decimal import ROUND_HALF_UP, Decimal

import openpyxl

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e"))
from e2e_common import check, finish, import_sample, run  # noqa: E402

RAPP, SRC, WORK = sys.argv[1:4]
NBSP, MINUS = "\u00a0", "\u2212"
ENV = dict(os.environ, SOURCE_DATE_EPOCH="1798759800", RAPP_HOME=SRC, LC_ALL="C.UTF-8")
# THE status table's fills and words (model/present.c), as the reader sees them
FILL = {"desired": "FFC6EFCE", "acceptable": "FFFFEB9C", "unacceptable": "FFFFC7CE", "not_measured": "FFD9D9D9"}
WORD = {"desired": "● Ønsket resultat", "acceptable": "▲ Akseptabelt resultat",
        "unacceptable": "■ Uakseptabelt resultat", "not_measured": "○ Ikke målt"}

db = import_sample(RAPP, SRC, WORK, ENV)
out = os.path.join(WORK, "out")
r = run([RAPP, "run", os.path.join(os.path.dirname(os.path.abspath(__file__)), "agree.lua"),
         "--db", db, "--out", out, "--format", "pdf,xlsx,txt"], ENV)
if r.returncode != 0:
    sys.exit("rapp run failed: " + r.stderr)
PDF, XLSX, TXT = (os.path.join(out, "samsvar." + e) for e in ("pdf", "xlsx", "txt"))


def norm(s):
    return s.replace(NBSP, " ").replace("\u202f", " ")


# ---- an XLSX cell as a spreadsheet shows it -------------------------------------------------
def sections(fmt):
    out, cur, q = [], "", False
    for ch in fmt:
        if ch == '"':
            q = not q
        if ch == ";" and not q:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    return out + [cur]


def show(value, fmt):
    """The text of a numeric cell with an Excel number format (the subset Rapp writes)."""
    secs = sections(fmt)
    sec = secs[0] if value >= 0 or len(secs) == 1 else secs[1]
    v = abs(value) if len(secs) > 1 and value < 0 else value
    sec = sec.replace("[Red]", "")
    parts = re.split(r'("[^"]*")', sec)
    pct = any("%" in p for p in parts if not p.startswith('"'))
    text, numdone = "", False
    for p in parts:
        if p.startswith('"'):
            text += p[1:-1]
            continue
        m = re.search(r"#,##0(\.0+)?(,?)", p)
        if m and not numdone:
            dec = len(m.group(1)) - 1 if m.group(1) else 0
            x = Decimal(repr(v))
            if m.group(2):
                x /= 1000
            if pct:
                x *= 100
            x = x.quantize(Decimal(1).scaleb(-dec), rounding=ROUND_HALF_UP)
            neg = x < 0
            s = f"{abs(x):,.{dec}f}".replace(",", NBSP).replace(".", ",")
            text += (MINUS if neg else "") + s + p[m.end():]
            numdone = True
        else:
            text += p
    return text


def xshow(c):
    if isinstance(c.value, (int, float)):
        return show(c.value, c.number_format)
    return "" if c.value is None else str(c.value)


# ---- the table in each format ----------------------------------------------------------------
txt = open(TXT, encoding="utf-8").read()
trows = []
for line in txt.splitlines():
    if line.startswith("| ") and not line.startswith("| ["):
        trows.append([norm(x.strip()) for x in line.strip().strip("|").split("|")])
check(trows and trows[0][:5] == ["Område", "Antall", "Beløp", "Andel", "Resultat"], f"txt header: {trows[:1]}")
trows = trows[1:]  # DATA, DATA, Sum, DATA, DATA, Sum, Totalt

wb = openpyxl.load_workbook(XLSX, data_only=True)
ws = wb["Samsvar"]
head = next(r for r in range(1, 40) if ws.cell(r, 1).value == "Område")
hdr = [ws.cell(head, c).value for c in range(1, 8)]
check(hdr == ["Område", "Antall", "Beløp", "Andel", "Resultat", "Status", None], f"XLSX header {hdr}")
# body rows in order, group heading rows left out (they carry only the label)
body = []
r = head + 1
while len(body) < 7 and r < head + 20:
    is_group = ws.cell(r, 1).value in ("Oppvekst", "Helse") and all(ws.cell(r, c).value is None for c in range(2, 6)) \
        and ws.cell(r, 1).font.b
    if not is_group:
        body.append(r)
    r += 1

pdf = subprocess.run(["pdftotext", "-layout", PDF, "-"], capture_output=True, text=True, check=True).stdout
pdf = norm(pdf)


def pdf_line(*needles):
    ls = [l for l in pdf.splitlines() if all(n in l for n in needles)]
    check(len(ls) == 1, f"PDF: one line with {needles}, got {ls}")
    return ls[0] if ls else ""


# ---- the same facts in all three --------------------------------------------------------------
# 1. values that round to zero show "0" and "0,0 %", never with a minus
t0, x0 = trows[0], body[0]
check(t0[2] == "0" and t0[3] == "0,0 %", f"txt zero row: {t0}")
check(ws.cell(x0, 3).value == -32 and norm(xshow(ws.cell(x0, 3))) == "0",
      f"XLSX −32 kr in 1 000 kr shows {xshow(ws.cell(x0, 3))!r} (value {ws.cell(x0, 3).value})")
check(norm(xshow(ws.cell(x0, 4))) == "0,0 %", f"XLSX −0,04 % shows {xshow(ws.cell(x0, 4))!r}")
l0 = pdf_line("7,6 %")
check(re.search(r"\b3\s+0\s+0,0 %", l0) is not None, f"PDF zero row: {l0!r}")
for name, text in (("PDF", pdf), ("txt", norm(txt))):
    check(MINUS + "0 " not in text + " " and MINUS + "0," + "0 %" not in text, f"{name} shows a negative zero")
# 2. the same text in every cell of every row (merged repeats empty / '"')
for i, (t, x) in enumerate(zip(trows, body)):
    for c in range(5):
        tv = t[c]
        for word in WORD.values():
            tv = tv.replace(" " + word, "").replace(word, "")
        xv = norm(xshow(ws.cell(x, c + 1)))
        if tv == "–" and ws.cell(x, c + 1).value is None:
            continue  # a missing number: the dash on paper, a blank cell (no value) in the workbook
        if tv == '"':
            check(xv == "" and any(ws.cell(x, c + 1).coordinate in rg for rg in ws.merged_cells.ranges),
                  f"row {i} col {c}: txt repeats, XLSX {xv!r} is not inside a merged range")
            continue
        check(tv == xv, f"row {i} col {c}: txt {tv!r} vs XLSX {xv!r}")
# the integer column merges like the text column, in all three formats
t1, x1 = trows[1], body[1]
check(t1[0] == '"' and t1[1] == '"', f"txt merges text and integer repeats: {t1}")
merged = {str(rg) for rg in ws.merged_cells.ranges}
check(f"A{body[0]}:A{body[1]}" in merged and f"B{body[0]}:B{body[1]}" in merged,
      f"XLSX merges area and count: {merged}")
l1 = pdf_line("16 dager")
check("Oppvekst" not in l1 and not re.search(r"(^|\s)3(\s|$)", l1), f"PDF repeat row shows the repeat: {l1!r}")
# 3. statuses: word in txt and XLSX, symbol and fill; the same per row
for t, x, st in ((trows[0], body[0], "unacceptable"), (trows[1], body[1], "desired"),
                 (trows[3], body[3], "not_measured"), (trows[4], body[4], "acceptable")):
    check(WORD[st] in t[4], f"txt status {st}: {t[4]!r}")
    check(ws.cell(x, 6).value == WORD[st], f"XLSX status column {ws.cell(x, 6).value!r} vs {WORD[st]!r}")
    check(ws.cell(x, 5).fill.fgColor.rgb == FILL[st], f"XLSX fill {ws.cell(x, 5).fill.fgColor.rgb} for {st}")
check(WORD["not_measured"] == trows[3][4], f"txt status-only cell: {trows[3][4]!r}")
check(ws.cell(body[3], 5).value is None, "XLSX status-only cell is empty (the Status column says why)")
check("■" in l0 and "●" in l1 and "Ikke målt" in pdf_line("Helse", "○", "Ikke målt"), "PDF status symbols")
# 4. units and sums
check(ws.cell(body[0], 5).value == 7.63 and ws.cell(body[1], 5).value == 16, "XLSX keeps values as numbers")
tot_t = trows[6]
check(tot_t[0] == "Totalt" and tot_t[2] == "1 233", f"txt total: {tot_t}")
check(ws.cell(body[6], 3).value == 1233435 and norm(xshow(ws.cell(body[6], 3))) == "1 233",
      f"XLSX total {ws.cell(body[6], 3).value}")
check(re.search(r"Totalt\s+13\s+1 233", pdf_line("Totalt")) is not None, "PDF total")
check("Beløp i 1 000 kr" in pdf and "(Beløp i 1 000 kr)" in norm(txt) and
      any(norm(str(ws.cell(r, 1).value)) == "Beløp i 1 000 kr" for r in range(1, head)), "the default unit note in all three")
# 5. an all-zero column chart says so instead of drawing an empty 0-1 plot
check("Alle verdiene er 0" in pdf, "PDF: the all-zero chart says 'Alle verdiene er 0'")
check("plot: Alle verdiene er 0" in txt, "txt: the all-zero chart says 'Alle verdiene er 0'")
# 6. production time at 23:30 UTC on 31.12.2026: 01.01.2027 00:30 in Oslo, in every format
check("created: 2027-01-01T00:30:00+01:00" in txt, "txt created line")
check("Produsert 01.01.2027" in pdf and "31.12.2026" not in pdf, "PDF production date")
about = wb["Om rapporten"]
prod = [about.cell(r, 2).value for r in range(1, 40) if about.cell(r, 1).value == "Produsert"]
check(prod == [datetime.datetime(2027, 1, 1, 0, 30)], f"XLSX production time {prod}")
finish("present_renderers_agree: PDF, XLSX and txt agree")
