"""tests/e2e/check_markdown.py — Markdown text contributions from the sample, through `rapp import`,
r.db:text and doc:markdown, into the PDF (pdftotext, and the link annotations' URIs) and the XLSX
(openpyxl). The expectations come from the .md files themselves and an SQL query, not from the
script: every list item, the emphasised words, each link's text and URL, and "Ingen kommentar
levert" where the snapshot has no text.
  check_markdown.py RAPP SOURCE_DIR WORK"""
import os
import re
import subprocess
import sys

import xml.etree.ElementTree as ET
import zipfile

import openpyxl

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2e_common import check, finish, run, setup  # noqa: E402

rapp, src, work, environ, _, db, Q = setup()
sample = os.path.join(src, "samples", "fjordvik")

SCRIPT = r'''
local rapp = require("rapp")
return rapp.report {
  name = "tekster", title = "Tekster",
  params = { { name = "period", type = "period", kinds = { "year", "tertial", "month" } } },
  build = function(r, p)
    r.doc:heading(1, "Kommunedirektøren")
    for _, s in ipairs { "sammendrag", "vurdering" } do
      r.doc:markdown(r.db:text("kommunedirektor", s, p.period) or "*Ingen kommentar levert*")
    end
    for _, a in ipairs(r.db:rows("SELECT code, name FROM area ORDER BY sort_order")) do
      r.doc:heading(1, a.name)
      r.doc:markdown(r.db:text(a.code, "okonomi", p.period) or "*Ingen kommentar levert*")
    end
  end }
'''
script = os.path.join(work, "tekster.lua")
with open(script, "w", encoding="utf-8") as f:
    f.write(SCRIPT)


def plain(md_line):
    """What a Markdown line reads as: markers, emphasis and link syntax removed."""
    s = re.sub(r"^(\s*[-*] |\s*\d+\. |> ?)", "", md_line)
    s = re.sub(r"\[([^\]]*)\]\(([^)]*)\)", r"\1", s)
    return s.replace("**", "").replace("*", "")


def norm(s):
    return " ".join(s.split())


for period in ("2025", "2026-T2", "2026-08"):
    r = run([rapp, "run", script, "--db", db, "--period", period, "--format", "pdf,xlsx", "--out", work], environ)
    check(r.returncode == 0, f"{period}: run failed: {r.stderr}")
    if r.returncode:
        continue
    pdf = os.path.join(work, f"tekster-{period}.pdf")
    text = norm(subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True).stdout)
    raw = open(pdf, "rb").read()
    q = subprocess.run(["qpdf", "--check", pdf], capture_output=True, text=True)
    check(q.returncode == 0, f"{period}: qpdf --check: {q.stdout[-300:]}")
    # the URIs of the link annotations (in the file, possibly inside compressed object streams)
    uris = set(re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), u.decode())
               for u in re.findall(rb"/URI\s*\(([^)]*)\)", raw))  # PDF string escapes: \057 is /
    wb = openpyxl.load_workbook(os.path.join(work, f"tekster-{period}.xlsx"))
    cells = [norm(str(c.value)) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    xtext = " ".join(cells)  # a long paragraph is wrapped over several cells, at spaces
    # emphasis: the bold and italic runs of the workbook's rich strings (inline or shared; this
    # openpyxl reads no rich text)
    bold, italic = [], []
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    runs = []
    with zipfile.ZipFile(os.path.join(work, f"tekster-{period}.xlsx")) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/") or name == "xl/sharedStrings.xml":
                runs += ET.fromstring(z.read(name)).findall(".//m:r", ns)
    for r_ in runs:  # a span wrapped over two cells is two runs: compare with the runs joined
        t = norm("".join(x.text or "" for x in r_.iterfind("m:t", ns)))
        if r_.find("m:rPr/m:b", ns) is not None:
            bold.append(t)
        if r_.find("m:rPr/m:i", ns) is not None:
            italic.append(t)
    rows = Q("SELECT owner, section, source_file FROM report_text WHERE period = ? AND "
             "((owner = 'kommunedirektor' AND section IN ('sammendrag', 'vurdering')) OR section = 'okonomi') "
             "AND owner NOT LIKE 'ENH%'", period)
    areas = Q("SELECT count(*) FROM area")[0][0]
    have = sum(1 for o, s, _ in rows if s == "okonomi")
    kd = sum(1 for o, s, _ in rows if o == "kommunedirektor")
    missing = (areas - have) + (2 - kd)
    check(text.count("Ingen kommentar levert") == missing,
          f"{period}: PDF has {text.count('Ingen kommentar levert')} 'Ingen kommentar levert', expected {missing}")
    check(xtext.count("Ingen kommentar levert") == missing, f"{period}: XLSX 'Ingen kommentar levert' count")
    nlists = nlinks = nquotes = 0
    for owner, section, source in rows:
        md = open(os.path.join(sample, source), encoding="utf-8").read()
        for line in md.splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            words = norm(plain(line))
            item = re.match(r"^\s*(\d+)\. ", line)
            bullet = re.match(r"^\s*[-*] ", line)
            nlists += bool(item or bullet)
            # the PDF text layer: each line's words (line breaks may fall anywhere: compare a prefix)
            check(words[:40] in text, f"{period} {source}: PDF lacks '{words[:40]}'")
            if item:
                check(f"{item.group(1)}. {words[:30]}" in text, f"{period} {source}: PDF lacks numbered item {item.group(1)}")
                check(f"{item.group(1)}. {words[:30]}" in xtext, f"{period} {source}: XLSX lacks numbered item {item.group(1)}")
            elif bullet:
                check(f"• {words[:30]}" in xtext, f"{period} {source}: XLSX lacks bullet '{words[:30]}'")
            for label, url in re.findall(r"\[([^\]]*)\]\(([^)]*)\)", line):
                nlinks += 1
                check(url in uris, f"{period} {source}: no PDF link annotation to {url} (have {sorted(uris)})")
                check(f"{label} ({url})" in xtext, f"{period} {source}: XLSX lacks '{label} ({url})'")
            for w in re.findall(r"\*\*([^*]+)\*\*", line):
                check(norm(w) in " ".join(bold), f"{period} {source}: '{w}' is not bold in the XLSX")
            for w in re.findall(r"(?<!\*)\*([^*]+)\*(?!\*)", line):
                check(norm(w) in " ".join(italic), f"{period} {source}: '{w}' is not italic in the XLSX")
            if line.startswith("> ") and not (item or bullet):  # a quote: indented in the PDF, "» " in the workbook
                nquotes += 1
                check(f"\u00bb {words[:30]}" in xtext, f"{period} {source}: XLSX lacks the quote '» {words[:30]}'")
            if not (item or bullet):
                check(words[:40] in xtext, f"{period} {source}: XLSX lacks '{words[:40]}'")
    check(nlists > 0, f"{period}: the texts checked have no list (the test would prove nothing)")
    print(f"{period}: {len(rows)} texts, {nlists} list items, {nlinks} links, {nquotes} quotes, {missing} missing checked")
    if period == "2025":
        check(nlinks > 0 and nquotes > 0, "2025: no link or no quote checked")
finish("markdown texts in PDF and XLSX match the .md files")
