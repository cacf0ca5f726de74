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
    for --param unit=UNIT; else nothing."""
    usage = run([rapp, "run", script, "--help"], environ).stdout.split("\n", 1)[0]
    return ["--param", "unit=ENH2010"] if "--param unit=UNIT" in usage else []


def finish(ok_line):
    if failures:
        print(f"{len(failures)} failure(s)")
        sys.exit(1)
    print(ok_line)
