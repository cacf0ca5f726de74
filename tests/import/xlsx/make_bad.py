#!/usr/bin/python3
"""Writes the faulty workbooks of import_xlsx_bad, one folder per case under OUT_DIR; each
folder's files replace or join tests/import/base (a file NAME.delete removes NAME).

  make_bad.py BASE_DIR OUT_DIR"""
import csv
import io
import os
import sys
import zipfile

import openpyxl

base, out = sys.argv[1:3]


def rows_of(table):
    with open("%s/%s.csv" % (base, table), encoding="utf-8-sig", newline="") as f:
        text = f.read()
    sep = ";" if ";" in text.split("\n", 1)[0] else ","
    return [[v if v != "" else None for v in r] for r in csv.reader(io.StringIO(text), delimiter=sep)]


def workbook(table, rows, sheet=None):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet or table
    for r in rows:
        ws.append(r)
    return wb, ws


def case(name, files):
    d = os.path.join(out, name)
    os.makedirs(d, exist_ok=True)
    for fname, data in files.items():
        path = os.path.join(d, fname)
        if isinstance(data, bytes):
            with open(path, "wb") as f:
                f.write(data)
        else:
            data.save(path)


def saved(wb):
    b = io.BytesIO()
    wb.save(b)
    return b.getvalue()


def rezip(data, change):
    """The workbook's parts, changed by change(dict), zipped again."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    change(parts)
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
        for n, v in parts.items():
            z.writestr(n, v)
    return b.getvalue()


# 1. cell faults, each named by file, sheet and cell
rows = rows_of("budget")
wb, ws = workbook("budget", rows, "Budsjett")
ws["D3"] = 1234                 # kostra_art: a number of four digits
ws["E4"] = "#DIV/0!"            # an error value
ws["E5"] = "mye"                # not an amount
ws["A6"] = "ENH9"               # unknown unit (a rule of the snapshot)
ws["G3"] = "notat"              # a value under no column name
unit_wb, unit_ws = workbook("unit", rows_of("unit"))
unit_ws["A3"] = 12              # a code stored as a number, width unknown
dev_wb, dev_ws = workbook("deviation", rows_of("deviation"))
dev_ws["E2"] = 60               # Excel's 29.02.1900
dev_ws["E2"].number_format = "DD.MM.YYYY"
case("cells", {"budget.xlsx": wb, "budget.csv.delete": b"", "unit.xlsx": unit_wb,
               "unit.csv.delete": b"", "deviation.xlsx": dev_wb, "deviation.csv.delete": b""})

# 2. the header row: an unknown column, a missing one, an empty sheet
rows = rows_of("budget")
rows[0][4] = "beløp"
wb, _ = workbook("budget", rows)
empty, _ = workbook("company", [])
# title rows above the header are passed over: the fault is named in the header's row 3; a
# correct header under titles imports; a sheet with titles and data but no header is named
rows = rows_of("actual")
rows[0][4] = "beløp"
titled, _ = workbook("actual", [["Regnskap 2026"], [None], *rows])
area_ok, _ = workbook("area", [["Rammeområder"], ["Kilde: økonomisystemet"], *rows_of("area")])
no_header, _ = workbook("goal", [["Mål"], *rows_of("goal")[1:]])
case("header", {"budget.xlsx": wb, "budget.csv.delete": b"", "company.xlsx": empty,
                "company.csv.delete": b"", "actual.xlsx": titled, "actual.csv.delete": b"",
                "area.xlsx": area_ok, "area.csv.delete": b"", "goal.xlsx": no_header,
                "goal.csv.delete": b""})

# 3. one table in two files
wb, _ = workbook("budget", rows_of("budget"))
case("both", {"budget.xlsx": wb})

# 4. files that are not workbooks Rapp reads
good = {t: saved(workbook(t, rows_of(t))[0]) for t in
        ["unit", "goal", "indicator", "political_body", "risk", "area", "focus_area"]}


def bomb(parts):
    parts["xl/worksheets/sheet1.xml"] += b" " * (64 << 20)


def encrypted(data):
    """The zip's entries flagged as encrypted (traditional PKWARE), in both headers."""
    b = bytearray(data)
    for sig, off in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        i = b.find(sig)
        while i >= 0:
            b[i + off] |= 1
            i = b.find(sig, i + 4)
    return bytes(b)


def outside(parts):
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"/xl/worksheets/sheet1.xml", b"../../etc/passwd").replace(
        b'"worksheets/sheet1.xml"', b'"../../etc/passwd"')


def doctype(parts):
    s = parts["xl/worksheets/sheet1.xml"]
    i = s.index(b"<worksheet")
    parts["xl/worksheets/sheet1.xml"] = (s[:i] + b'<!DOCTYPE worksheet [<!ENTITY a "aaaa">]>'
                                         + s[i:])


def truncated(parts):
    s = parts["xl/worksheets/sheet1.xml"]
    parts["xl/worksheets/sheet1.xml"] = s[:s.index(b"</sheetData>") - 20]


case("container", {
    "area.xlsx": b"code;name;sort_order\nOPPV;Oppvekst;1\n",
    "area.csv.delete": b"",
    "focus_area.xlsx": b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + bytes(504),
    "focus_area.csv.delete": b"",
    "unit.xlsx": rezip(good["unit"], bomb), "unit.csv.delete": b"",
    "goal.xlsx": encrypted(good["goal"]), "goal.csv.delete": b"",
    "indicator.xlsx": rezip(good["indicator"], outside), "indicator.csv.delete": b"",
    "political_body.xlsx": rezip(good["political_body"], doctype),
    "political_body.csv.delete": b"",
    "risk.xlsx": rezip(good["risk"], truncated), "risk.csv.delete": b"",
})
