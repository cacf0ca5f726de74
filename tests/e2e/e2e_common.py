"""tests/e2e/e2e_common.py — what the as-of end-to-end tests (check_asof.py, check_asof_periods.py)
share: the environment of a run (a fixed SOURCE_DATE_EPOCH), check() that collects failures,
run(), the sample imported into a fresh work folder, the unit argument of a one-unit report, and
the final verdict."""
import os
import shutil
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
