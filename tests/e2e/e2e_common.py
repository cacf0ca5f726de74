"""tests/e2e/e2e_common.py — what the as-of end-to-end tests (check_asof.py, check_asof_periods.py)
share: the environment of a run (a fixed SOURCE_DATE_EPOCH), check() that collects failures,
run(), the sample imported into a fresh work folder, and the final verdict."""
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


def finish(ok_line):
    if failures:
        print(f"{len(failures)} failure(s)")
        sys.exit(1)
    print(ok_line)
