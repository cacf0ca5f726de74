#!/usr/bin/python3
"""Issue 17: language forms in the outputs of the standard reports.

  check_lang.py nynorsk OUT GOLDEN NB_LABELS.xlsx NN_LABELS.xlsx SNAPSHOT.db
      OUT holds kvartalsrapport-2026-T2.{pdf,xlsx,html,txt} of the nynorsk sample (no --lang: the
      municipality's language column chooses) and the pdf, xlsx and html of the other converted
      reports (NN_WORDS). Checks the quarterly report's headings, table and chart titles, column
      headers and key-figure labels against GOLDEN (RAPP_UPDATE_GOLDEN=1 rewrites it); the engine's
      fixed words in the PDF; /Lang, <html lang>, the XLSX Language property; per report its
      nynorsk words (NN_WORDS) in the PDF; that no report's own label key shadows a library or
      engine key; and, in every output, that no bokmål text of the label tables is left where nn
      differs (HTML text, every XLSX cell, PDF text, the Parametrar line of Om rapporten included).
  check_lang.py sami OUT STDERR LABELS_C
      OUT holds the Sámi sample's outputs: the letters ÁČĐŊŠŦŽ áčđŋšŧž of its data come back
      identical from the PDF text layer (pdftotext), the XLSX (openpyxl) and the HTML; the engine's
      se words are used; STDERR has the warning listing the labels shown in bokmål. The abbreviated
      months are the se texts of LABELS_C (src/util/labels.c month.axis.N, month.short.N): the
      sick-leave chart's twelve categories in the quarterly report's HTML and XLSX, and the
      scorecard's monthly measurement period in it and in enhetsrapport's PDF and HTML.
"""
import html.parser, os, re, sqlite3, subprocess, sys, zipfile
import openpyxl

fails = []
def fail(msg): fails.append(msg)

def pdf_text(path):
    return subprocess.run(["pdftotext", "-enc", "UTF-8", path, "-"], check=True, capture_output=True,
                          text=True).stdout

class Text(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(); self.parts = []; self.skip = 0
    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script"): self.skip += 1
    def handle_endtag(self, tag):
        if tag in ("style", "script"): self.skip -= 1
    def handle_data(self, d):
        if not self.skip: self.parts.append(d)

def html_text(path):
    p = Text(); p.feed(open(path, encoding="utf-8").read()); return " ".join(p.parts)

def xlsx_cells(path):
    wb = openpyxl.load_workbook(path)
    out = []
    for ws in wb.worksheets:
        out.append(ws.title)
        for row in ws.iter_rows(values_only=True):
            out.extend(str(v) for v in row if isinstance(v, str))
    return out

def xlsx_language(path):
    with zipfile.ZipFile(path) as z:
        if "docProps/custom.xml" not in z.namelist(): return None
        m = re.search(r'name="Language"[^>]*>\s*<vt:lpwstr>([^<]*)<', z.read("docProps/custom.xml").decode())
        return m and m.group(1)

def norm(s): return re.sub(r"\s+", " ", s.replace("\u00a0", " ")).strip()

def structure(txt):
    """Headings, table/chart titles, column headers and key-figure labels of a text dump."""
    out, lines = [], txt.split("\n")
    in_kf = False
    for n, line in enumerate(lines):
        if line.startswith("#") or line.startswith("[table") or line.startswith("[chart"):
            out.append(line)
        if line.startswith("[table"):  # the header rows: "|" lines up to the rule under them
            for h in lines[n + 1:]:
                if h.startswith("|-"): break
                if h.startswith("|"): out.append(re.sub(r" +", " ", h).strip())
        if line == "[key figures]":
            in_kf = True
        elif in_kf:
            if not line.strip(): in_kf = False
            else: out.append("key figure: " + line.split(":")[0])
    return out

def labels(path):
    ws = openpyxl.load_workbook(path)["labels"]
    return {r[0]: r[1] for r in ws.iter_rows(min_row=2, values_only=True) if r[0]}

def nynorsk(out, golden, nb_path, nn_path, db):
    base = os.path.join(out, "kvartalsrapport-2026-T2")
    txt = open(base + ".txt", encoding="utf-8").read()
    got = "\n".join(structure(txt)) + "\n"
    if os.environ.get("RAPP_UPDATE_GOLDEN"):
        open(golden, "w", encoding="utf-8").write(got)
    want = open(golden, encoding="utf-8").read()
    if got != want:
        import difflib
        fail("headings and fixed words differ from " + golden + ":\n" + "".join(
            difflib.unified_diff(want.splitlines(True), got.splitlines(True), "golden", "got", n=1)))
    pdf = pdf_text(base + ".pdf")
    for w in ("Innhald", "Side 2 av ", "Om rapporten", "Parametrar", "Laga med", "Ikkje målt",
              "Alle tal i heile 1 000 kroner", "Samandrag", "Sjukefråvær per rammeområde"):
        if w not in pdf.replace("\u00a0", " "): fail(f"PDF: no '{w}'")
    if b"/Lang (nn-NO)" not in open(base + ".pdf", "rb").read(): fail("PDF: no /Lang (nn-NO)")
    h = open(base + ".html", encoding="utf-8").read()
    if '<html lang="nn"' not in h: fail('HTML: no <html lang="nn">')
    for w in ("Innhald", "Tala i figuren", "Hopp til innhaldet"):
        if w not in h: fail(f"HTML: no '{w}'")
    if xlsx_language(base + ".xlsx") != "nn-NO": fail(f"XLSX: Language is {xlsx_language(base + '.xlsx')}, not nn-NO")
    # no bokmål text left where nynorsk differs
    nb, nn = labels(nb_path), labels(nn_path)
    if set(nb) != set(nn) or len(nb) < 100: fail(f"label dumps: {len(nb)} nb keys, {len(nn)} nn keys")
    # a report's own key shadows the library's or the engine's word of the same key (r:label looks in
    # the report's table first), so the library would print the report's text: no report may reuse one
    for key in sorted(nb):
        m = re.match(r"report\.([^.]+)\.(.*)", key)
        if m and m.group(2) in nb: fail(f"reports/labels/{m.group(1)}.lua: key '{m.group(2)}' shadows the library's or the engine's")
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    data = []
    for (t,) in con.execute("SELECT name FROM sqlite_schema WHERE type='table'"):
        for row in con.execute(f'SELECT * FROM "{t}"'):
            data.extend(str(v) for v in row if isinstance(v, str))
    data = norm(" ".join(data))
    nn_all = norm(" ".join(nn.values()))
    for name in sorted(f[:-5] for f in os.listdir(out) if f.endswith(".html")):
        words = [w for key, w in NN_WORDS.items() if name.startswith(key)]
        if not words: fail(f"{name}: an output check_lang.py does not know"); continue
        b = os.path.join(out, name)
        pdf = norm(pdf_text(b + ".pdf"))
        for w in words[0]:
            if w not in pdf: fail(f"{name}: PDF: no '{w}'")
        if xlsx_language(b + ".xlsx") != "nn-NO": fail(f"{name}: XLSX: Language is not nn-NO")
        texts = {"HTML": norm(html_text(b + ".html")), "XLSX": norm(" | ".join(xlsx_cells(b + ".xlsx"))), "PDF": pdf}
        checked = no_bokmal(name, texts, nb, nn, nn_all, data)
        if checked < 60: fail(f"{name}: only {checked} bokmål texts checked")
        print(f"nynorsk {name}: {len(nb)} labels, {checked} bokmål texts looked for in HTML, XLSX and PDF")

# Words each nynorsk output must show in its PDF text (beside the golden of the quarterly report).
NN_WORDS = {
    "kvartalsrapport": ["Samandrag"],
    "saksframlegg": ["Sakshandsamar", "Utvalssaksnr.", "Kommunedirektøren sitt framlegg til vedtak",
                     "Budsjettendringar", "Utgiftsauke", "Saksopplysningar", "Vedlegg 1: Tertialrapport"],
    "enhetsrapport": ["Einingsrapport", "Eininga", "Budsjett og rekneskap per månad", "Sjukefråvær per månad",
                      "Same månad i fjor", "Leiaravtale", "Målekort"],
    "ros": ["Risikoar i ROS-analysane", "Samandrag", "Høge risikoar", "Risikomatrise, heile kommunen",
            "Uønskt hending", "Ansvarleg", "dei siste fire tertiala"],
    "arshjul": ["Årshjul 2025", "Månad for månad", "Kvart fjerde år", "Vedtakast av", "Heile året",
                "Aktivitetar kvart fjerde år", "Neste gong etter 2025"],
    "eiermelding": ["Eigarmelding 2025", "Samandrag", "Selskapa 2025", "Eigarandel", "Eigenkapitalandel 2025",
                    "Siste eigarmøte", "Føremål", "Nøkkeltal", "Eigarstrategi", "Kjelde: årsrekneskapane til selskapa"],
    "arsrapport": ["Kommunedirektøren si innleiing", "Nøkkeltal 2025", "Sjukefråvær per rammeområde 2023–2025",
                   "Årsrekneskapen", "Tilrådd nivå", "Investeringar", "Vurderingane til einingane",
                   "KOSTRA-samanlikning", "landet utan Oslo", "Eigarstyring", "Heile kommunen"],
    "manedsrapport": ["Månadsrapport august 2026", "Samandrag", "Kommunedirektøren si vurdering"],
    "vedtaksoppfolging": ["Samandrag", "Ansvarleg", "som skal følgjast opp"],
}

def no_bokmal(name, texts, nb, nn, nn_all, data):
    """Fails for every bokmål text of the label tables (where nn differs) found in texts; returns
    how many texts were looked for."""
    checked = 0
    for key in sorted(nb):
        if nb[key] == nn[key]: continue
        for frag in re.split(r"%[sd%]|\*\*", nb[key]):
            frag = norm(frag).strip(" ,.:;()")
            word = re.compile(r"(?<![\wæøå])" + re.escape(frag) + r"(?![\wæøå])")
            if len(frag) < 5 or frag in nn_all or (frag in data and word.search(data)): continue
            checked += 1
            for where, text in texts.items():
                if frag in text and word.search(text): fail(f"{name}: {where}: bokmål '{frag}' (label {key}) in the nynorsk report")  # (the substring test first: fast)
    return checked

def se_labels(labels_c, prefix):
    """The se texts of the engine's keys prefix1..prefix12 in src/util/labels.c."""
    src = open(labels_c, encoding="utf-8").read()
    got = {}
    for m in re.finditer(r'\{"' + re.escape(prefix) + r'(\d+)", \{"[^"]*", "[^"]*", "([^"]*)"\}\}', src):
        got[int(m.group(1))] = m.group(2)
    if sorted(got) != list(range(1, 13)): fail(f"{labels_c}: no se text for every {prefix}1..12: {got}")
    return [got.get(i, "?") for i in range(1, 13)]

def sami_months(out, labels_c):
    axis, short = se_labels(labels_c, "month.axis."), se_labels(labels_c, "month.short.")
    base = os.path.join(out, "kvartalsrapport-2026-T2")
    h, x = html_text(base + ".html"), "\n".join(xlsx_cells(base + ".xlsx"))
    for where, text in (("HTML", h), ("XLSX", x)):
        for m, a in enumerate(axis, 1):
            if a not in text: fail(f"kvartalsrapport: {where}: no Sámi month abbreviation '{a}' (month {m}) in the sick-leave chart")
        for nb in ("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "okt", "nov", "des"):
            if re.search(r"(?<![\w])" + nb + r"(?![\w])", text): fail(f"kvartalsrapport: {where}: bokmål month '{nb}' left")
    aug = short[7] + "\u00a02026"  # the scorecard's monthly indicators measured in August 2026
    for name, where, text in (("kvartalsrapport", "HTML", h), ("enhetsrapport", "PDF", pdf_text(os.path.join(out, "enhetsrapport-2026-T2-ENH2010.pdf"))),
                              ("enhetsrapport", "HTML", html_text(os.path.join(out, "enhetsrapport-2026-T2-ENH2010.html")))):
        if aug not in text and aug.replace("\u00a0", " ") not in text: fail(f"{name}: {where}: no measurement period '{aug}'")
        if re.search(r"aug\.\s2026", text): fail(f"{name}: {where}: bokmål 'aug. 2026' left")
    print("sami: months", " ".join(axis), "in the chart;", aug, "in the scorecards")

def sami(out, stderr, labels_c):
    sami_months(out, labels_c)
    base = os.path.join(out, "kvartalsrapport-2026-T2")
    marker = "Plána ja biras ÁČĐŊŠŦŽ áčđŋšŧž"
    letters = "ÁČĐŊŠŦŽáčđŋšŧž"
    def has(where, text):
        if marker not in text: fail(f"{where}: '{marker}' not found")
        if "Šuoššjávri gielda" not in text: fail(f"{where}: 'Šuoššjávri gielda' not found")
        for c in letters:
            if c not in text: fail(f"{where}: letter {c} (U+{ord(c):04X}) missing")
        if "\u0110" in letters and "\u00d0" in text: fail(f"{where}: Ð (U+00D0) instead of Đ")
    pdf = pdf_text(base + ".pdf")
    has("PDF", pdf)
    has("XLSX", "\n".join(xlsx_cells(base + ".xlsx")))
    has("HTML", html_text(base + ".html"))
    for w in ("Sisdoallu", "Siidu 2 / ", "Raportta birra", "Sávvon boađus", "Gielda", "borgemánnu"):
        if w not in pdf and w not in html_text(base + ".html"): fail(f"se word '{w}' in neither PDF nor HTML")
    if "Sisdoallu" not in pdf: fail("PDF: no 'Sisdoallu'")
    if b"/Lang (se-NO)" not in open(base + ".pdf", "rb").read(): fail("PDF: no /Lang (se-NO)")
    if '<html lang="se"' not in open(base + ".html", encoding="utf-8").read(): fail('HTML: no lang="se"')
    if xlsx_language(base + ".xlsx") != "se-NO": fail("XLSX: Language is not se-NO")
    err = open(stderr, encoding="utf-8").read()
    m = re.search(r"warning: .*?(\d+) labels without a text in language form 'se', shown in bokmål: (.*)", err)
    if not m: fail("stderr: no warning listing the labels shown in bokmål:\n" + err)
    else:
        keys = m.group(2).split(", ")
        for k in ("h.economy", "unit.thousands", "sc.target_note", "period.tertial"):
            if k not in keys: fail(f"warning does not list '{k}'")
        for k in ("contents", "page", "h.summary", "sc.result"):
            if k in keys: fail(f"warning lists '{k}', which has a se text")
        if int(m.group(1)) != len(keys): fail("warning: count and list differ")
    print("sami: letters identical in PDF, XLSX and HTML; warning lists", m and m.group(1), "labels")

if __name__ == "__main__":
    {"nynorsk": nynorsk, "sami": sami}[sys.argv[1]](*sys.argv[2:])
    for f in fails: print("FAIL:", f)
    sys.exit(1 if fails else 0)
