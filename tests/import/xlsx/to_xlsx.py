#!/usr/bin/python3
"""Writes one TABLE.xlsx per table of a snapshot imported from CSV, the way economy and payroll
systems export: native numbers, native dates, codes of known width as numbers (their leading
zeros lost, as LibreOffice and Excel store them).

  to_xlsx.py SNAPSHOT CSV_DIR OUT_DIR [--text T1,T2] [--1904 T] [--shared T] [--sheet T=NAME]

  --text:   these tables are written from the CSV file's own text (decimal commas, 12.02.2026)
  --1904:   this table's workbook uses the 1904 date system
  --shared: this table's strings are shared strings (Excel's way), not inline (openpyxl's)
  --sheet:  put this table on a second sheet named NAME, after a decoy first sheet
The snapshot gives the rows and the declared types, so the workbooks hold exactly what the CSV
import stored."""
import csv
import datetime
import io
import os
import re
import sqlite3
import sys
import zipfile

import openpyxl
from openpyxl.utils.datetime import CALENDAR_MAC_1904

DIGIT_CODES = {("municipality", "number"), ("company", "org_number"),
               ("company_figure", "org_number"), ("budget", "kostra_function"),
               ("budget", "kostra_art"), ("actual", "kostra_function"), ("actual", "kostra_art")}
SKIP = {"period", "status_label"}


def is_date_col(name):
    return name.endswith("_date") or name == "deadline"


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        text = f.read()
    first = text.split("\n", 1)[0]
    sep = ";" if first.count(";") >= first.count(",") and ";" in first else ","
    return list(csv.reader(io.StringIO(text), delimiter=sep))


def shared_strings(path):
    """Rewrites every inline-string cell (openpyxl's way) as a shared string (Excel's way)."""
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    items, index = [], {}
    for name in [n for n in parts if n.startswith("xl/worksheets/sheet")]:
        def repl(m):
            s = m.group(3)
            if s not in index:
                index[s] = len(items)
                items.append(s)
            return '<c%s t="s"%s><v>%d</v></c>' % (m.group(1), m.group(2), index[s])
        parts[name] = re.sub(r'<c([^>]*?) t="inlineStr"([^>]*)><is>(.*?)</is></c>', repl,
                             parts[name].decode(), flags=re.S).encode()
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    parts["xl/sharedStrings.xml"] = ('<?xml version="1.0" encoding="UTF-8"?>\n<sst xmlns="%s" '
                                     'count="%d" uniqueCount="%d">%s</sst>' % (
                                         ns, len(items), len(items),
                                         "".join("<si>%s</si>" % s for s in items))).encode()
    ct = parts["[Content_Types].xml"].decode()
    parts["[Content_Types].xml"] = ct.replace("</Types>", (
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')).encode()
    rels = parts["xl/_rels/workbook.xml.rels"].decode()
    parts["xl/_rels/workbook.xml.rels"] = rels.replace("</Relationships>", (
        '<Relationship Id="rIdSst" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in parts.items():
            z.writestr(n, data)


def main():
    snap, csv_dir, out = sys.argv[1:4]
    opts = {"--text": set(), "--1904": set(), "--shared": set(), "--sheet": {}}
    args = sys.argv[4:]
    for i in range(0, len(args), 2):
        if args[i] == "--sheet":
            t, n = args[i + 1].split("=")
            opts["--sheet"][t] = n
        else:
            opts[args[i]].update(args[i + 1].split(","))
    db = sqlite3.connect(snap)
    tables = [r[0] for r in db.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")]
    for t in tables:
        if t in SKIP or not os.path.exists("%s/%s.csv" % (csv_dir, t)):
            continue  # filled by the import itself, or a table the folder leaves out
        wb = openpyxl.Workbook()
        if t in opts["--1904"]:
            wb.epoch = CALENDAR_MAC_1904
        ws = wb.active
        if t in opts["--sheet"]:
            ws.title = "Forklaring"
            ws["A1"] = "Uttrekket er på neste ark"
            ws = wb.create_sheet(opts["--sheet"][t])
        else:
            ws.title = t
        if t in opts["--text"]:
            for row in read_csv("%s/%s.csv" % (csv_dir, t)):
                ws.append([v if v != "" else None for v in row])
        else:
            cols = [(r[1], r[2]) for r in db.execute('PRAGMA table_info("%s")' % t)]
            ws.append([c for c, _ in cols])
            for row in db.execute('SELECT * FROM "%s" ORDER BY rowid' % t):
                out_row = []
                for (name, decl), v in zip(cols, row):
                    if v is not None and is_date_col(name):
                        v = datetime.datetime.strptime(v, "%Y-%m-%d")
                    elif v is not None and (t, name) in DIGIT_CODES:
                        v = int(v)
                    out_row.append(v)
                ws.append(out_row)
            for col in ws.iter_cols(min_row=2):
                for c in col:
                    if isinstance(c.value, datetime.datetime):
                        c.number_format = "DD.MM.YYYY"
        path = "%s/%s.xlsx" % (out, t)
        wb.save(path)
        if t in opts["--shared"]:
            shared_strings(path)


main()
