"""tests/compose/check_compose.py — composition (issue 13) and reports/saksframlegg.lua.

  check_compose.py MODE RAPP SOURCE_DIR WORK_DIR     MODE: saksframlegg | errors | nynorsk

saksframlegg: the sample's saksframlegg for 2026-T2 with the tertial report as vedlegg 1, against
  the stand-alone kvartalsrapport: the attachment's pages (pdftotext -layout) read exactly as the
  stand-alone report's body pages once the running header and footer lines are taken off; the
  outline (qpdf --json) has the attachment's entry with the report's headings under it; footers
  "Side N av M" for the case pages and "Vedlegg 1 – side N av M" for the attachment's; the budget
  changes against an independent SQL query; the workbook's "V1 " sheets hold the stand-alone
  workbook's sheets cell for cell; the HTML has the attachment in a section.
errors: an include of a missing report and a failing included report name both scripts; an
  include cycle is refused; the limits count the whole run; the included report cannot see the
  including script's globals.
nynorsk: the saksframlegg of a nynorsk municipality (the sample with language 'nn') has the
  nynorsk headings and labels: its case part equals golden_saksframlegg_nn.txt."""
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "e2e"))
from e2e_common import check, env, finish, import_sample, run  # noqa: E402

mode, rapp, src, work = sys.argv[1:5]
environ = env(src)
CASE = ["--param", "arkivsak=2026/1407", "--param", "saksnummer=45/26", "--param", "motedato=2026-10-15",
        "--param", "saksbehandler=Kari Nordmann", "--param", "arkiv=151"]


def norm(s):
    return re.sub(r"[\s\u00a0\u2003]+", " ", s).strip()


def rapp_run(script, out, args, fmt="pdf"):
    r = run([rapp, "run", script, "--db", db, "--out", out, "--format", fmt] + args, environ)
    if r.returncode != 0:
        sys.exit(f"rapp run {script} failed: {r.stderr}")
    return [ln for ln in r.stdout.splitlines() if ln.strip()]


def pages(pdf):
    r = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True, check=True)
    return r.stdout.split("\f")[:-1]


def body(page):
    """A page's lines without the running header (first line) and footer (last line)."""
    lines = [ln.rstrip() for ln in page.splitlines() if ln.strip()]
    return [norm(ln) for ln in lines[1:-1]]


def footer(page):
    lines = [ln for ln in page.splitlines() if ln.strip()]
    return norm(lines[-1]) if lines else ""


def outline(pdf):
    r = subprocess.run(["qpdf", "--json", "--json-key=outlines", pdf], capture_output=True, text=True, check=True)
    return json.loads(r.stdout)["outlines"]


def check_saksframlegg():
    out = os.path.join(work, "out")
    alone = os.path.join(work, "alone")
    case = rapp_run(os.path.join(src, "reports", "saksframlegg.lua"), out, ["--period", "2026-T2"] + CASE,
                    "pdf,xlsx,html")
    std = rapp_run(os.path.join(src, "reports", "kvartalsrapport.lua"), alone, ["--period", "2026-T2"], "pdf,xlsx")
    pdf = [p for p in case if p.endswith(".pdf")][0]
    cp, sp = pages(pdf), pages([p for p in std if p.endswith(".pdf")][0])

    # footers: the case's own pages, then the attachment's, numbered on their own
    att_re = re.compile(r"Vedlegg 1 \u2013 side (\d+) av (\d+)$")
    att = [i for i, p in enumerate(cp) if att_re.search(footer(p))]
    main = [i for i in range(len(cp)) if i not in att]
    check(len(att) > 5 and len(main) >= 2, f"{len(main)} case pages and {len(att)} attachment pages")
    for k, i in enumerate(main, 1):
        check(footer(cp[i]).endswith(f"Side {k} av {len(main)}"), f"case page {i + 1}: footer {footer(cp[i])!r}")
    for k, i in enumerate(att, 1):
        m = att_re.search(footer(cp[i]))
        check(m and (int(m.group(1)), int(m.group(2))) == (k, len(att)),
              f"attachment page {i + 1}: footer {footer(cp[i])!r}, expected side {k} av {len(att)}")
    check(att == list(range(att[0], att[0] + len(att))), "the attachment's pages are one run")
    check(all(norm(cp[i].splitlines()[0]).startswith("Vedlegg 1: Tertialrapport 2. tertial 2026")
              for i in att if cp[i].strip()), "the attachment's running header is its title")
    check("Side " in footer(cp[-1]) and "Om rapporten" in cp[-1], "the case's colophon closes the document")

    # the attachment's text layer equals the stand-alone report's body pages (after cover and
    # contents, before its colophon), page for page
    first = next(i for i, p in enumerate(sp) if i > 0 and "Innhold" not in p)
    last = next(i for i, p in enumerate(sp) if "Om rapporten" in body(p)[:2])
    standalone = sp[first:last]
    check(len(standalone) == len(att), f"stand-alone body has {len(standalone)} pages, attachment {len(att)}")
    for k, (i, p) in enumerate(zip(att, standalone), 1):
        a, s = body(cp[i]), body(p)
        if a != s:
            diff = next((x, y) for x, y in zip(a + [""], s + [""]) if x != y)
            check(False, f"attachment page {k} differs from the stand-alone report's: {diff}")
            break

    # outline: the case's title with its sections, then the attachment with the report's headings
    ol = outline(pdf)
    titles = [o["title"] for o in ol]
    check(titles == ["Tertialrapport 2. tertial 2026", "Vedlegg 1: Tertialrapport 2. tertial 2026"],
          f"top-level outline {titles}")
    kids = [o["title"] for o in ol[0].get("kids", [])]
    check(kids == ["Kommunedirektørens innstilling", "Saksopplysninger", "Vurdering", "Vedlegg"],
          f"the case's sections in the outline: {kids}")
    akids = ol[1].get("kids", []) if len(ol) > 1 else []
    want = ["1 Sammendrag", "2 Økonomi per rammeområde", "3 Sykefravær per rammeområde",
            "4 Mål og resultat (målekort)", "5 Oppfølging av politiske vedtak", "6 Internkontroll"]
    check([o["title"] for o in akids] == want, f"the attachment's headings: {[o['title'] for o in akids]}")
    sub = [o["title"] for o in akids[3].get("kids", [])] if len(akids) > 3 else []
    check(sub[:1] == ["4.1 Hele kommunen"], f"level-2 headings nest under theirs: {sub[:2]}")
    std_ol = outline([p for p in std if p.endswith(".pdf")][0])
    check([o["title"] for o in std_ol] == want, "the stand-alone report's outline has the same headings")

    # the case part: header block, the innstilling and the budget changes against SQL
    text = norm(" ".join(cp[i] for i in main))
    text_lines = [norm(ln) for i in main for ln in cp[i].splitlines() if ln.strip()]
    for s in ["SAKSFRAMLEGG", "Saksbehandler Arkiv Arkivsaksnr.", "Kari Nordmann 151 2026/1407",
              "Utvalgssaksnr. Utvalg Møtedato", "45/26 Formannskapet 15.10.2026",
              "1. Formannskapet tar tertialrapporten for 2. tertial 2026 til orientering.",
              "Vedlegg 1: Tertialrapport 2. tertial 2026"]:
        check(s in text, f"case text lacks {s!r}")
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    rows = con.execute("SELECT account, text, expense_increase, expense_decrease, income_decrease, income_increase "
                       "FROM budget_change WHERE case_ref = '2026/1407' ORDER BY line").fetchall()
    check(len(rows) == 6, f"{len(rows)} budget changes in the sample")

    def kr(v):
        return "–" if v is None else f"{v:,.0f}".replace(",", " ")
    for acc, t, *amounts in rows:  # the line's account and amounts, in its row
        line = next((ln for ln in text_lines if ln.startswith(acc + " ")), "")
        check(line.endswith(" ".join(kr(v) for v in amounts)) and t[:4] in line,
              f"budget line {acc} {t} {amounts}: {line!r}")
    sums = con.execute("SELECT sum(expense_increase), sum(expense_decrease), sum(income_decrease), sum(income_increase) "
                       "FROM budget_change WHERE case_ref = '2026/1407'").fetchone()
    check("Sum " + " ".join(kr(v) for v in sums) in text, f"budget sums {sums} not in the text")

    # XLSX: the attachment's sheets "V1 ...", cell for cell the stand-alone workbook's
    import openpyxl
    wb = openpyxl.load_workbook([p for p in case if p.endswith(".xlsx")][0])
    sw = openpyxl.load_workbook([p for p in std if p.endswith(".xlsx")][0])
    v1 = [n for n in wb.sheetnames if n.startswith("V1 ")]
    stdnames = [n for n in sw.sheetnames if n != "Om rapporten"]
    check(len(v1) == len(stdnames), f"V1 sheets {v1} vs stand-alone {stdnames}")
    for a, s in zip(v1, stdnames):
        check(a == ("V1 " + s)[:31], f"sheet {a!r} for {s!r}")
        va = [[c.value for c in row] for row in wb[a].iter_rows()]
        vs = [[c.value for c in row] for row in sw[s].iter_rows()]
        check(va == vs, f"sheet {a!r} differs from the stand-alone {s!r}")

    # HTML: the attachment is a section headed by its title
    html = open([p for p in case if p.endswith(".html")][0], encoding="utf-8").read()
    check('<section class="attachment" aria-labelledby="vedlegg-1">' in html
          and '<h2 id="vedlegg-1">Vedlegg 1: Tertialrapport 2. tertial 2026</h2>' in html, "HTML section")
    check(html.count("<section") == html.count("</section>") == 1, "one attachment section, closed")


def check_errors():
    scripts = os.path.join(HERE, "scripts")
    out = os.path.join(work, "err")

    def go(name, *args):
        return run([rapp, "run", os.path.join(scripts, name + ".lua"), "--db", db, "--out", out,
                    "--format", "txt"] + list(args), environ)
    r = go("missing")
    check(r.returncode == 1 and "missing.lua:5: r:include(\"finnesikke\"): there is no report 'finnesikke'" in r.stderr,
          f"missing include: {r.returncode} {r.stderr!r}")
    r = go("fail_outer")
    check(r.returncode == 1 and "fail_outer.lua:5:" in r.stderr and "fail_inner.lua:4: noe gikk galt i det indre" in r.stderr,
          f"failing include: {r.returncode} {r.stderr!r}")
    r = go("cycle_a")
    check(r.returncode == 1 and "include cycle refused: cycle_a -> cycle_b -> cycle_a" in r.stderr
          and "cycle_a.lua:4:" in r.stderr, f"include cycle: {r.returncode} {r.stderr!r}")
    check(not os.path.exists(out) or not os.listdir(out), "no output written by the failed runs")
    # limits count the whole run: each script spends ~300 000 instructions
    r = go("busy_outer", "--param", "with_inner=nei", "--instruction-limit", "500000")
    check(r.returncode == 0, f"the outer alone passes the limit: {r.stderr!r}")
    r = go("busy_outer", "--param", "with_inner=ja", "--instruction-limit", "500000")
    check(r.returncode == 1 and "more than 500000 instructions" in r.stderr, f"outer + include over the limit: {r.stderr!r}")
    r = go("busy_outer", "--param", "with_inner=ja")
    check(r.returncode == 0, f"without the limit it runs: {r.stderr!r}")
    txt = open(os.path.join(out, "busy_outer.txt"), encoding="utf-8").read()
    check("indre 300000, fra ytre, secret=nil" in txt, "the included report got its parameter and no outer global")
    check("# Indre kapittel" in txt and "[attachment" not in txt, "a chapter include, not an attachment")
    # two attachments: the first without its cover and contents (the default), the second with
    r = run([rapp, "run", os.path.join(scripts, "attach_outer.lua"), "--db", db, "--out", out,
             "--format", "pdf,txt,xlsx,html"], environ)
    check(r.returncode == 0, f"attach_outer: {r.stderr!r}")
    txt = open(os.path.join(out, "attach_outer.txt"), encoding="utf-8").read()
    a1, a2 = txt.split("[attachment 1]")[1].split("[attachment 2]")
    check("title: Vedlegg 1: Liten rapport" in a1 and "[cover]" not in a1 and "[toc]" not in a1,
          "attachment 1: default title, no cover, no contents")
    check("title: Vedlegg 2: Med forside og innhold" in a2 and "[cover]" in a2 and "[toc]" in a2,
          "attachment 2: its own cover and contents kept")
    pp = pages(os.path.join(out, "attach_outer.pdf"))
    feet = [footer(p) for p in pp]
    check(feet[0].endswith("Side 1 av 2") and feet[-1].endswith("Side 2 av 2"), f"case footers {feet}")
    v1 = [f for f in feet if "Vedlegg 1 \u2013" in f]
    check(len(v1) == 2 and v1[0].endswith("side 1 av 2") and v1[1].endswith("side 2 av 2"),
          f"attachment 1 footers {v1}")
    toc = next((p for p in pp if any(ln.strip() == "Innhold" for ln in p.splitlines())), "")
    entries = re.findall(r"(Første|Andre) kapittel[ .]+(\d+)", toc)
    check(entries == [("Første", "3"), ("Andre", "4")],
          f"attachment 2's contents list its own headings with its own page numbers: {entries}")
    check(pp.index(toc) > 0 and "Vedlegg 2" in footer(toc), "the contents are on attachment 2's pages")
    ol = outline(os.path.join(out, "attach_outer.pdf"))
    check([o["title"] for o in ol] == ["Saken", "Vedlegg 1: Liten rapport", "Vedlegg 2: Med forside og innhold"]
          and [k["title"] for k in ol[2].get("kids", [])] == ["Første kapittel", "Andre kapittel"],
          f"outline {[(o['title'], [k['title'] for k in o.get('kids', [])]) for o in ol]}")
    import openpyxl
    names = openpyxl.load_workbook(os.path.join(out, "attach_outer.xlsx")).sheetnames
    check(names == ["Om rapporten", "Saken", "V1 Første kapittel", "V1 Andre kapittel",
                    "V2 Første kapittel", "V2 Andre kapittel"], f"sheets {names}")
    html = open(os.path.join(out, "attach_outer.html"), encoding="utf-8").read()
    check(html.count('<section class="attachment"') == 2 and "<nav" not in html,
          "two attachment sections; an attachment's contents are no page navigation")


def check_nynorsk():
    global db
    sample = os.path.join(work, "nn")
    shutil.copytree(os.path.join(src, "samples", "fjordvik"), sample)
    mpath = os.path.join(sample, "municipality.csv")
    lines = open(mpath, encoding="utf-8").read().splitlines()
    cols = lines[0].split(";")
    vals = lines[1].split(";")
    vals[cols.index("language")] = "nn"
    open(mpath, "w", encoding="utf-8").write(lines[0] + "\n" + ";".join(vals) + "\n")
    # without the kommunedirektør's (bokmål) texts: the report's own nynorsk sentences show
    for section in ("innstilling", "saksopplysninger", "vurdering"):
        os.remove(os.path.join(sample, "tekster", "2026-T2", "kommunedirektor", section + ".md"))
    db = os.path.join(work, "nn.db")
    r = run([rapp, "import", sample, "-o", db], environ)
    if r.returncode != 0:
        sys.exit("import failed: " + r.stderr)
    out = rapp_run(os.path.join(src, "reports", "saksframlegg.lua"), os.path.join(work, "nn-out"),
                   ["--period", "2026-T2"] + CASE, "txt,html")
    txt = open([p for p in out if p.endswith(".txt")][0], encoding="utf-8").read()
    case = txt.split("\n\n", 1)[1].split("[attachment 1]")[0]
    golden_path = os.path.join(HERE, "golden_saksframlegg_nn.txt")
    golden = open(golden_path, encoding="utf-8").read()
    if case != golden:
        open(os.path.join(work, "actual_nn.txt"), "w", encoding="utf-8").write(case)
        check(False, f"nynorsk case part differs from {golden_path} (actual in {work}/actual_nn.txt)")
    check("language: nn" in txt, "the document's language is nn")
    html = open([p for p in out if p.endswith(".html")][0], encoding="utf-8").read()
    check('<html lang="nn">' in html, "the HTML edition declares nn")


if mode == "nynorsk":
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    check_nynorsk()
else:
    db = import_sample(rapp, src, work, environ)
    {"saksframlegg": check_saksframlegg, "errors": check_errors}[mode]()
finish(f"compose {mode}: ok")
