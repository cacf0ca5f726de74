"""tests/e2e/e2e_common.py — what the end-to-end tests (tests/e2e/check_*.py and a few beside them)
share: setup(), the preamble of a check run as `check_X.py RAPP SRC WORK`; the environment of a
run (a fixed SOURCE_DATE_EPOCH), check() that collects failures, run(), the sample imported into a
fresh work folder, the unit argument of a one-unit report, and the final verdict."""
import os
import shutil
import sqlite3
import subprocess
import sys

failures = []


def env(src):
    return dict(os.environ, SOURCE_DATE_EPOCH="1790000000", RAPP_HOME=src, LC_ALL="C.UTF-8")


def check(cond, msg):
    if not cond:
        failures.append(msg)
        print("FAIL:", msg)


def run(args, environ):
    return subprocess.run(args, env=environ, capture_output=True, text=True)


def import_sample(rapp, src, work, environ):
    """A fresh WORK folder holding the sample imported as fjordvik.db; returns its path."""
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    db = os.path.join(work, "fjordvik.db")
    r = run([rapp, "import", os.path.join(src, "samples", "fjordvik"), "-o", db], environ)
    if r.returncode != 0:
        sys.exit("import failed: " + r.stderr)
    return db


def setup(report=None, rows=False):
    """The preamble of a check_X.py run as `check_X.py RAPP SRC WORK`: returns
    (rapp, src, work, environ, script, db, Q): the arguments, the run's environment (env), the
    script reports/<report>.lua (None without report), the sample imported into a fresh WORK
    (import_sample) and Q(sql, *args), the rows of a query on it (sqlite3.Row rows when rows;
    Q.con is the connection)."""
    rapp, src, work = sys.argv[1:4]
    environ = env(src)
    script = os.path.join(src, "reports", report + ".lua") if report else None
    db = import_sample(rapp, src, work, environ)
    con = sqlite3.connect(db)
    if rows:
        con.row_factory = sqlite3.Row

    def Q(sql, *a):
        return con.execute(sql, a).fetchall()
    Q.con = con
    return rapp, src, work, environ, script, db, Q


def unit_args(rapp, script, environ):
    """--param unit=ENH2010 (the sample's first school) for a report of one unit, whose usage asks
    for --param unit=UNIT; else nothing. Asked once per script (a `run --help` costs a process,
    0.2 s CPU under ASan)."""
    if (rapp, script) not in _unit_args:
        usage = run([rapp, "run", script, "--help"], environ).stdout.split("\n", 1)[0]
        _unit_args[(rapp, script)] = ["--param", "unit=ENH2010"] if "--param unit=UNIT" in usage else []
    return list(_unit_args[(rapp, script)])


_unit_args = {}


def check_secondary(check, heads, pub, inn, totals, what, row_relations=()):
    """Personvern's secondary suppression, checked on the printed cells of one table: heads the
    number columns' titles, pub and inn the data rows' number cells (the same rows, in order) in
    the public and the internal edition, totals the public Sum row's cells (None: no Sum row). No
    column, and no row relation (row_relations: tuples of column indexes, a total with its parts),
    hides exactly one cell (':'); a column's total minus its shown cells is the sum of its hidden
    cells' internal values, and the total is the internal edition's. Returns the hidden cells."""
    hidden = {(i, c) for i, r in enumerate(pub) for c in range(len(heads)) if r[c] == ":"}
    for c, head in enumerate(heads):
        rows = [i for i in range(len(pub)) if (i, c) in hidden]
        check(len(rows) != 1, f"{what}: column '{head}' hides exactly one cell: the total gives it away")
        if totals is None:
            continue
        total = totals[c]
        check(isinstance(total, (int, float)), f"{what}: the total of '{head}' is not printed as a number: {total!r}")
        shown = sum(r[c] for r in pub if isinstance(r[c], (int, float)))
        check(total == sum(r[c] or 0 for r in inn), f"{what}: column '{head}': the total differs between the editions")
        check(total - shown == sum(inn[i][c] for i in rows),
              f"{what}: column '{head}': total {total} - shown {shown} is not the hidden cells' sum")
    for i in range(len(pub)):
        for rel in row_relations:
            n = sum((i, c) in hidden for c in rel)
            check(n != 1, f"{what}: row {i + 1} hides one cell of {[heads[c] for c in rel]}: recomputable")
    return hidden


def finish(ok_line):
    if failures:
        print(f"{len(failures)} failure(s)")
        sys.exit(1)
    print(ok_line)
