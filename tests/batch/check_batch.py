"""tests/batch/check_batch.py RAPP SRC WORK CASE — the batch tests of issue 14, one CASE each:

burst   every sample unit through tests/batch/enhet.lua (--each unit -j 2): one PDF and text file per
        unit naming that unit (pdftotext), its sick leave as an independent SQL query gives it, and a
        manifest entry with the parameters, status, size and SHA-256 of every output
jobs    -j 1 and -j 4 give byte-identical outputs and equal manifests (durations and folder aside)
fail    a report failing for two units: exit 3, exactly those two failed in the manifest with the
        script's message and line, no file or temporary folder of theirs, every other unit written
resume  a second --resume run runs nothing; a deleted and a changed output are redone; a batch
        killed with SIGKILL in the middle and resumed gives the outputs of an uninterrupted run
shards  for N = 1..5 the shards (--shard K/N, and the Slurm/Kubernetes variables) split the items
        with no overlap and no gap; `manifest merge` of 3 shards equals the unsharded manifest and
        refuses a missing or doubled shard
plan    reports/plans/manedspakke.lua: every job run (the unit report for every unit), an optional missing report skipped, each
        area's decision follow-up named by area; a plan that reaches for a library is refused
worker  the worker running an item (a report spinning for ENH2010) killed with SIGKILL: exactly that
        item fails naming the signal, a new worker runs the rest, exit 3, no temporary folder left
limits  a worker runs item after item in its own process (-j 1): a stuck C call for ENH1020 is stopped
        at the wall-clock limit (the worker is killed and replaced), ENH2010 fails at the memory limit,
        each with the limit's message; every other unit is written by a new Lua state (the script's
        own counter says 1), exit 3, no temporary folder left
crash   the worker killed with SIGKILL while it writes ENH2010's PDF into its private folder (which
        only the parent can then remove, from the folder the worker announced): exactly that item
        fails naming the signal, the folder is gone, a new worker writes the rest, exit 3
interrupt  SIGINT to the batch alone and to its whole process group (Ctrl-C) in the middle: the batch
        dies of SIGINT, leaves no temporary manifest or folder, its manifest is whole and records
        every finished item with its hashes; a temporary manifest left by a SIGKILL is removed by
        the next run; --resume then runs only the rest
"""
import hashlib
import json
import os
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e"))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2e_common import check, finish, run, setup  # noqa: E402
from manifest_compare import comparable  # noqa: E402

rapp, src, work, E, _, db, Q = setup()
case = sys.argv[4]
ENHET = os.path.join(src, "tests", "batch", "enhet.lua")


def paced_enhet():
    """enhet.lua with a fixed spin of about 0.1 s per item, for the tests that signal or kill a batch
    in the middle: its workers run the plain one for all 48 units in about a second, which can end
    before the manifest (written at most once a second) shows the first items done."""
    path = os.path.join(work, "paced", "enhet.lua")
    if not os.path.exists(path):
        text = open(ENHET, encoding="utf-8").read()
        paced = text.replace("  build = function(r, p)\n",
                             "  build = function(r, p)\n    for _ = 1, 30000000 do end -- pacing\n", 1)
        check(paced != text, "tests/batch/enhet.lua has no 'build = function(r, p)' line to pace")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(paced)
    return path
FEIL = os.path.join(src, "tests", "batch", "enhet_feil.lua")
con = Q.con
UNITS = con.execute("SELECT code, name FROM unit ORDER BY code").fetchall()


def sha(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def manifest(out, name="manifest.json"):
    with open(os.path.join(out, name)) as f:
        return json.load(f)


def pdftext(path):
    return subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True).stdout


def batch(script, out, *extra, each="unit"):
    return run([rapp, "run", script, "--db", db, "--each", each, "--out", out, *extra], E)


def check_outputs_hashed(m, where):
    for it in m["items"]:
        for o in it["outputs"]:
            ok = os.path.exists(o["path"]) and sha(o["path"]) == o["sha256"] \
                and os.path.getsize(o["path"]) == o["size"]
            check(ok, f"{where}: {it['key']}: {o['path']} is not there with the recorded size and SHA-256")


def wait_for_ok(p, out, n):
    """Waits until the running batch p's manifest in out records n finished items (or p ends)."""
    done = 0
    while p.poll() is None and done < n:
        try:
            done = sum(it["status"] == "ok" for it in manifest(out)["items"])
        except (OSError, ValueError):
            pass
        time.sleep(0.02)
    return done


def kill_worker(p, out):
    """Kills the one worker of the running batch p (-j 1) with SIGKILL and waits for the batch: exit 3,
    ENH2010 alone failed, naming the signal. Returns stderr and the manifest."""
    with open(f"/proc/{p.pid}/task/{p.pid}/children") as f:
        workers = f.read().split()
    check(len(workers) == 1, f"-j 1 runs {len(workers)} workers")
    os.kill(int(workers[0]), signal.SIGKILL)
    _, err = p.communicate()
    check(p.returncode == 3, f"the batch exited {p.returncode}, expected 3: {err[-300:]}")
    m = manifest(out)
    st = {it["params"]["unit"]: it for it in m["items"]}
    failed = sorted(c for c, it in st.items() if it["status"] != "ok")
    check(failed == ["ENH2010"], f"items not ok: {failed}")
    check("worker process died (signal 9)" in (st["ENH2010"]["message"] or ""),
          f"the message does not name the signal: {st['ENH2010']['message']}")
    return err, m


def pct_text(code):
    row = con.execute("SELECT 100.0 * sum(short_term_days + long_term_days) / sum(planned_days) FROM absence "
                      "WHERE unit_code = ? AND month BETWEEN '2026-05' AND '2026-08'", (code,)).fetchone()
    if row[0] is None:
        return "ikke registrert"
    return f"{row[0]:.1f}".replace(".", ",") + " %"


def case_burst():
    out = os.path.join(work, "burst")
    r = batch(ENHET, out, "-j", "2", "--period", "2026-T2")
    check(r.returncode == 0, f"burst exited {r.returncode}: {r.stderr[-500:]}")
    m = manifest(out)
    check(m["total_items"] == len(UNITS) and len(m["items"]) == len(UNITS),
          f"manifest lists {len(m['items'])} items, the snapshot has {len(UNITS)} units")
    check(m["snapshot_sha256"] == sha(db), "the manifest's snapshot hash is not the snapshot's")
    by_unit = {it["params"].get("unit"): it for it in m["items"]}
    for code, name in UNITS:
        it = by_unit.get(code)
        check(it is not None, f"no manifest entry for {code}")
        if not it:
            continue
        check(it["status"] == "ok" and it["exit_code"] == 0 and it["message"] is None,
              f"{code}: status {it['status']}: {it['message']}")
        check(it["params"] == {"period": "2026-T2", "unit": code}, f"{code}: params {it['params']}")
        check(it["report_sha256"] == sha(ENHET), f"{code}: report_sha256 is not the script's")
        check(isinstance(it["duration_s"], float) and it["duration_s"] > 0, f"{code}: duration {it['duration_s']}")
        names = sorted(os.path.basename(o["path"]) for o in it["outputs"])
        want = [f"enhet-2026-T2-{code}.pdf", f"enhet-2026-T2-{code}.txt"]
        check(names == want, f"{code}: outputs {names}, expected {want}")
        pdf = os.path.join(out, want[0])
        text = pdftext(pdf) if os.path.exists(pdf) else ""
        check(f"Enhetsark for {name}" in text and f"Enhetskode: {code}." in text,
              f"{pdf} does not name {code} {name}")
        check(f"Sykefravær 2. tertial 2026: {pct_text(code)}" in text,
              f"{pdf}: sick leave is not {pct_text(code)} as SQL gives it")
        for other, _ in UNITS:
            if other != code and f"Enhetskode: {other}." in text:
                check(False, f"{pdf} names another unit {other}")
    check_outputs_hashed(m, "burst")
    listed = sorted(r.stdout.split())
    check(listed == sorted(o["path"] for it in m["items"] for o in it["outputs"]),
          "stdout does not list exactly the files written")
    check(f"{len(UNITS)} items: {len(UNITS)} ok, 0 failed" in r.stderr, f"no summary on stderr: {r.stderr[-300:]}")
    check(r.stderr.count("] ok enhet.lua") == len(UNITS), "off a terminal: not one progress line per item")


def case_jobs():
    runs = {}
    for j in ("1", "4"):
        out = os.path.join(work, "j" + j)
        r = batch(ENHET, out, "-j", j, "--quiet")
        check(r.returncode == 0, f"-j {j} exited {r.returncode}: {r.stderr[-500:]}")
        check(r.stderr == "", f"--quiet printed: {r.stderr[:200]}")
        runs[j] = out
    files1 = sorted(os.listdir(runs["1"]))
    files4 = sorted(os.listdir(runs["4"]))
    check(files1 == files4, "-j 1 and -j 4 wrote different files")
    for f in files1:
        if f.endswith(".json"):
            continue
        check(sha(os.path.join(runs["1"], f)) == sha(os.path.join(runs["4"], f)), f"{f} differs between -j 1 and -j 4")
    check(comparable(manifest(runs["1"])) == comparable(manifest(runs["4"])), "the manifests of -j 1 and -j 4 differ")
    check(len(files1) == 2 * len(UNITS) + 1, f"{len(files1)} files, expected {2 * len(UNITS) + 1}")


def case_fail():
    out = os.path.join(work, "fail")
    r = batch(FEIL, out, "-j", "2")
    check(r.returncode == 3, f"a batch with failed items exited {r.returncode}, expected 3")
    m = manifest(out)
    failed = {it["params"]["unit"]: it for it in m["items"] if it["status"] == "failed"}
    check(sorted(failed) == ["ENH1020", "ENH2010"], f"failed items: {sorted(failed)}")
    for code, it in failed.items():
        check(f"ingen data for enheten {code}" in (it["message"] or "") and "enhet_feil.lua:" in it["message"],
              f"{code}: the manifest's message does not say why and where: {it['message']}")
        check(it["exit_code"] == 1 and it["outputs"] == [], f"{code}: exit_code {it['exit_code']}, outputs {it['outputs']}")
        check(f"failed: enhet_feil.lua unit={code}: " in r.stderr, f"stderr does not name {code}")
        check(not os.path.exists(os.path.join(out, f"enhet-2026-T2-{code}.pdf")), f"a file for failed {code}")
    ok = [it for it in m["items"] if it["status"] == "ok"]
    check(len(ok) == len(UNITS) - 2, f"{len(ok)} items ok, expected {len(UNITS) - 2}")
    check_outputs_hashed(m, "fail")
    left = sorted(f for f in os.listdir(out) if f.startswith("."))
    check(left == [], f"temporary files left in the output folder: {left}")
    check(sorted(os.listdir(out)) == sorted([f"enhet-2026-T2-{c}.pdf" for c, _ in UNITS if c not in failed]
                                            + ["manifest.json"]), "the output folder holds other files")
    # a value the report's declaration refuses (not a unit; bytes that are not UTF-8) fails that item only
    units = os.path.join(work, "units.txt")
    with open(units, "wb") as f:
        f.write(b"ENH1010\nENH\xff9\n")
    out = os.path.join(work, "badvalue")
    r = batch(ENHET, out, "--format", "txt", each="unit=@" + units)
    check(r.returncode == 3, f"a batch with a refused value exited {r.returncode}, expected 3")
    m = manifest(out)
    st = [(it["params"]["unit"], it["status"], it["exit_code"]) for it in m["items"]]
    check(st == [("ENH1010", "ok", 0), ("ENH\ufffd9", "failed", 2)], f"items {st}")
    check("is not a unit in the snapshot" in (m["items"][-1]["message"] or ""), f"message {m['items'][-1]['message']}")


def case_resume():
    ref = os.path.join(work, "ref")
    check(batch(ENHET, ref, "-j", "2", "--quiet").returncode == 0, "the reference run failed")
    out = os.path.join(work, "resume")
    check(batch(ENHET, out, "-j", "2", "--quiet").returncode == 0, "the first run failed")
    stamp = {f: os.stat(os.path.join(out, f)).st_mtime_ns for f in os.listdir(out) if not f.endswith(".json")}
    r = batch(ENHET, out, "-j", "2", "--resume")
    check(r.returncode == 0 and f"{len(UNITS)} items: 0 ok, 0 failed, {len(UNITS)} skipped" in r.stderr,
          f"a second --resume run ran items: {r.stderr[-300:]}")
    check(all(os.stat(os.path.join(out, f)).st_mtime_ns == t for f, t in stamp.items()), "--resume rewrote a file")
    os.remove(os.path.join(out, "enhet-2026-T2-ENH1030.pdf"))
    with open(os.path.join(out, "enhet-2026-T2-ENH2020.txt"), "a") as f:
        f.write("endret\n")
    r = batch(ENHET, out, "-j", "2", "--resume")
    check(r.returncode == 0 and f"{len(UNITS)} items: 2 ok, 0 failed, {len(UNITS) - 2} skipped" in r.stderr,
          f"--resume after a deleted and a changed output: {r.stderr[-300:]}")
    check("unit=ENH1030" in r.stderr and "unit=ENH2020" in r.stderr, "--resume did not redo ENH1030 and ENH2020")
    for f in ("enhet-2026-T2-ENH1030.pdf", "enhet-2026-T2-ENH2020.txt"):
        check(os.path.exists(os.path.join(out, f)) and sha(os.path.join(out, f)) == sha(os.path.join(ref, f)),
              f"{f} was not redone as the reference")
    check_outputs_hashed(manifest(out), "resume")
    # killed in the middle with SIGKILL, then resumed (the paced script, so the kill lands mid-way,
    # and an uninterrupted run of it to compare with)
    paced = paced_enhet()
    ref = os.path.join(work, "ref_paced")
    check(batch(paced, ref, "-j", "2", "--quiet").returncode == 0, "the paced reference run failed")
    out = os.path.join(work, "killed")
    p = subprocess.Popen([rapp, "run", paced, "--db", db, "--each", "unit", "--out", out, "-j", "1", "--quiet"],
                         env=E, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for_ok(p, out, 5)
    check(p.poll() is None, "the batch finished before it could be killed")
    p.send_signal(signal.SIGKILL)
    p.wait()
    m = manifest(out)  # must still be a whole JSON file
    before = sum(it["status"] == "ok" for it in m["items"])
    check(0 < before < len(UNITS), f"{before} items were done when the batch was killed")
    for _ in range(100):  # the item process dies with the batch and removes its temporary folder
        if not [f for f in os.listdir(out) if f.startswith(".")]:
            break
        time.sleep(0.05)
    r = batch(paced, out, "-j", "2", "--resume")
    check(r.returncode == 0, f"the resumed batch exited {r.returncode}: {r.stderr[-300:]}")
    check(f"{before} skipped" in r.stderr.splitlines()[-1] or f"{before + 1} skipped" in r.stderr,
          f"the resumed batch did not skip the {before} finished items: {r.stderr[-200:]}")
    files = sorted(os.listdir(out))
    check(files == sorted(os.listdir(ref)), "the resumed batch's files are not those of an uninterrupted run")
    for f in files:
        if not f.endswith(".json"):
            check(sha(os.path.join(out, f)) == sha(os.path.join(ref, f)), f"{f} differs from an uninterrupted run")
    check(comparable(manifest(out)) == comparable(manifest(ref)), "the resumed manifest differs from an uninterrupted run's")


def case_shards():
    units = os.path.join(work, "units.txt")
    with open(units, "w") as f:
        f.write("# a list file: one value a line\n\n")
        f.write("".join(c + "\n" for c, _ in UNITS[::4]))
    want = sorted(f"enhet.lua unit={c}" for c, _ in UNITS[::4])
    spec = "unit=@" + units
    for n in range(1, 6):
        seen = []
        for k in range(n):
            out = os.path.join(work, f"shard{n}")
            r = batch(ENHET, out, "--shard", f"{k}/{n}", "--format", "txt", "--quiet", each=spec)
            check(r.returncode == 0, f"shard {k}/{n} exited {r.returncode}: {r.stderr[-300:]}")
            m = manifest(out, f"manifest-shard-{k}-of-{n}.json")
            check(m["shard"] == {"index": k, "count": n} and m["total_items"] == len(want), f"shard {k}/{n}: header")
            seen += [it["key"] for it in m["items"]]
            check([it["key"] for it in m["items"]] == want[k::n], f"shard {k}/{n} is not sorted position mod {n}")
        check(sorted(seen) == want, f"the {n} shards do not cover the items exactly once")
    # the scheduler's own variables pick the shard
    for var, k in ((dict(SLURM_ARRAY_TASK_ID="5", SLURM_ARRAY_TASK_COUNT="3", SLURM_ARRAY_TASK_MIN="4"), 1),
                   (dict(JOB_COMPLETION_INDEX="2", JOB_COMPLETIONS="3"), 2)):
        out = os.path.join(work, "env" + str(k))
        r = subprocess.run([rapp, "run", ENHET, "--db", db, "--each", spec, "--out", out, "--format", "txt", "--quiet"],
                           env=dict(E, **var), capture_output=True, text=True)
        check(r.returncode == 0, f"{var}: exited {r.returncode}: {r.stderr}")
        m = manifest(out, f"manifest-shard-{k}-of-3.json")
        check([it["key"] for it in m["items"]] == want[k::3], f"{var} did not give shard {k}/3")
    r = subprocess.run([rapp, "run", ENHET, "--db", db, "--each", spec, "--out", work],
                       env=dict(E, JOB_COMPLETION_INDEX="1"), capture_output=True, text=True)
    check(r.returncode == 2 and "JOB_COMPLETIONS" in r.stderr, "JOB_COMPLETION_INDEX without JOB_COMPLETIONS is not refused")
    # merge 3 shards = one unsharded run
    full = os.path.join(work, "full")
    check(batch(ENHET, full, "--format", "txt", "--quiet", "-j", "1", each=spec).returncode == 0, "the full run failed")
    merged = os.path.join(work, "merged.json")
    r = run([rapp, "manifest", "merge", os.path.join(work, "shard3"), "-o", merged], E)
    check(r.returncode == 0, f"merge exited {r.returncode}: {r.stderr}")
    with open(merged) as f:
        mm = json.load(f)
    mf = manifest(full)
    check(comparable(mm) == comparable(mf),
          "the merged manifest of 3 shards is not the unsharded run's")
    check(mm.get("merged_from") == 3, "the merged manifest does not say it joined 3 shards")
    s3 = [os.path.join(work, "shard3", f"manifest-shard-{k}-of-3.json") for k in range(3)]
    r = run([rapp, "manifest", "merge", s3[0], s3[2], "-o", merged + "2"], E)
    check(r.returncode == 1 and "shard 1 of 3 is missing" in r.stderr, f"merge of a missing shard: {r.returncode} {r.stderr}")
    check(not os.path.exists(merged + "2"), "a refused merge wrote its output")
    r = run([rapp, "manifest", "merge", s3[0], s3[1], s3[1], s3[2], "-o", merged + "2"], E)
    check(r.returncode == 1 and "given twice" in r.stderr, f"merge of a doubled shard: {r.returncode} {r.stderr}")
    r = run([rapp, "manifest", "merge", s3[0], os.path.join(work, "shard2", "manifest-shard-1-of-2.json"),
             "-o", merged + "2"], E)
    check(r.returncode == 1 and "not a shard of the same batch" in r.stderr, f"merge of other shards: {r.stderr}")


def case_plan():
    out = os.path.join(work, "plan")
    plan = os.path.join(src, "reports", "plans", "manedspakke.lua")
    r = run([rapp, "batch", plan, "--db", db, "--period", "2026-T2", "--out", out, "-j", "2"], E)
    check(r.returncode == 0, f"the plan exited {r.returncode}: {r.stderr[-500:]}")
    m = manifest(out)
    areas = con.execute("SELECT code, name FROM area ORDER BY code").fetchall()
    status = {it["key"]: it["status"] for it in m["items"]}
    units = [u for (u,) in con.execute("SELECT code FROM unit ORDER BY code")]
    want = {"kvartalsrapport.lua period=2026-T2": "ok", "vedtaksoppfolging.lua period=2026-T2": "ok"}
    want.update({f"vedtaksoppfolging.lua period=2026-T2 area={c}": "ok" for c, _ in areas})
    want.update({f"enhetsrapport.lua period=2026-T2 unit={u}": "ok" for u in units})
    check(status == want, f"plan items {status}")
    check(m["batch"] == "batch manedspakke", f"batch label {m['batch']}")
    check_outputs_hashed(m, "plan")
    for code, name in areas:
        pdf = os.path.join(out, f"vedtaksoppfolging-2026-T2-{code}.pdf")
        check(os.path.exists(pdf) and name in pdftext(pdf), f"{pdf} does not name {name}")
    check("Kvartals- og tertialrapport" in pdftext(os.path.join(out, "kvartalsrapport-2026-T2.pdf"))
          or "Tertialrapport" in pdftext(os.path.join(out, "kvartalsrapport-2026-T2.pdf")),
          "the kvartalsrapport of the plan is not one")
    for u in units:
        check(os.path.exists(os.path.join(out, f"enhetsrapport-2026-T2-{u}.pdf")), f"the plan made no unit report for {u}")
    # an optional job whose script is missing is skipped, the others run
    opt = os.path.join(work, "optional_plan.lua")
    with open(opt, "w") as f:
        f.write('return { name = "valgfri", jobs = { { report = "%s" }, { report = "mangler.lua", each = "unit", '
                'optional = true } } }\n' % os.path.join(src, "reports", "vedtaksoppfolging.lua"))
    r = run([rapp, "batch", opt, "--db", db, "--period", "2026-T2", "--out", os.path.join(work, "optional")], E)
    check(r.returncode == 0, f"the plan with an optional missing job exited {r.returncode}: {r.stderr[-300:]}")
    st = {it["key"]: it["status"] for it in manifest(os.path.join(work, "optional"))["items"]}
    check(st == {"vedtaksoppfolging.lua period=2026-T2": "ok", "mangler.lua period=2026-T2 unit=*": "skipped"},
          f"optional plan items {st}")
    bad = os.path.join(work, "bad_plan.lua")
    with open(bad, "w") as f:
        f.write('-- a plan that reaches for a library\nreturn { jobs = { { report = os.getenv("HOME") } } }\n')
    r = run([rapp, "batch", bad, "--db", db, "--out", os.path.join(work, "bad")], E)
    check(r.returncode == 1 and "bad_plan.lua:2:" in r.stderr, f"a plan using os: exit {r.returncode}: {r.stderr}")
    with open(bad, "w") as f:
        f.write('return { jobs = { { each = "unit" } } }\n')
    r = run([rapp, "batch", bad, "--db", db, "--out", os.path.join(work, "bad")], E)
    check(r.returncode == 1 and "jobs[1].report" in r.stderr, f"a job without report: {r.stderr}")


def interrupt_batch(out, group):
    """Starts a batch, waits until its manifest records 3 finished items, sends SIGINT (to the batch
    alone, or to its process group as Ctrl-C does) and returns (exit status, stderr, ok items)."""
    p = subprocess.Popen([rapp, "run", paced_enhet(), "--db", db, "--each", "unit", "--out", out, "-j", "2"],
                         env=E, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                         start_new_session=group)
    done = wait_for_ok(p, out, 3)
    check(p.poll() is None, "the batch finished before it could be interrupted")
    if group:
        os.killpg(p.pid, signal.SIGINT)
    else:
        p.send_signal(signal.SIGINT)
    _, err = p.communicate()
    return p.returncode, err, done


def case_interrupt():
    for group in (False, True):
        what = "Ctrl-C to the process group" if group else "SIGINT to the batch"
        out = os.path.join(work, "group" if group else "alone")
        rc, err, before = interrupt_batch(out, group)
        check(rc == -signal.SIGINT, f"{what}: the batch exited {rc}, expected to die of SIGINT")
        check("stopped (signal 2)" in err and "--resume" in err, f"{what}: stderr does not say so: {err[-300:]}")
        left = sorted(f for f in os.listdir(out) if f.startswith(".") or ".tmp" in f)
        check(left == [], f"{what}: temporary files left: {left}")
        m = manifest(out)  # whole JSON, written when the signal came
        statuses = {it["status"] for it in m["items"]}
        ok = [it for it in m["items"] if it["status"] == "ok"]
        check(statuses <= {"ok", "pending"}, f"{what}: statuses {statuses}")
        check(before <= len(ok) < len(UNITS), f"{what}: {len(ok)} items ok after the signal, {before} before")
        check_outputs_hashed(m, what)
        # a temporary manifest a SIGKILL left behind goes with the next run
        stale = os.path.join(out, "manifest.json.tmpAbC123")
        with open(stale, "w") as f:
            f.write("{")
        r = batch(paced_enhet(), out, "-j", "2", "--resume")
        check(r.returncode == 0, f"{what}: the resumed batch exited {r.returncode}: {r.stderr[-300:]}")
        check(f"{len(UNITS)} items: {len(UNITS) - len(ok)} ok, 0 failed, {len(ok)} skipped" in r.stderr,
              f"{what}: the resumed batch did not run just the rest: {r.stderr[-200:]}")
        check(not os.path.exists(stale), f"{what}: the stale temporary manifest is still there")
        m = manifest(out)
        check([it["status"] for it in m["items"]] == ["ok"] * len(UNITS), f"{what}: not every item ok after --resume")
        check_outputs_hashed(m, what + ", resumed")
        check(sorted(os.listdir(out)) == sorted([f"enhet-2026-T2-{c}.{e}" for c, _ in UNITS for e in ("pdf", "txt")]
                                                + ["manifest.json"]), f"{what}: other files in the output folder")


def case_worker():
    out = os.path.join(work, "worker")
    treg = os.path.join(src, "tests", "batch", "enhet_treg.lua")
    codes = [c for c, _ in UNITS]
    before = codes.index("ENH2010")  # items run in key order with -j 1: these come first
    p = subprocess.Popen([rapp, "run", treg, "--db", db, "--each", "unit", "--out", out, "-j", "1"],
                         env=E, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wait_for_ok(p, out, before)
    check(p.poll() is None, "the batch ended before its worker could be killed")
    err, m = kill_worker(p, out)
    check("failed: enhet_treg.lua unit=ENH2010: " in err, "stderr does not name the failed item")
    check_outputs_hashed(m, "worker")
    for _ in range(100):  # the killed worker's report process dies with it and removes its folder
        left = [f for f in os.listdir(out) if f.startswith(".")]
        if not left:
            break
        time.sleep(0.05)
    check(left == [], f"temporary folders left: {left}")
    check(sorted(os.listdir(out)) == sorted([f"enhet-2026-T2-{c}.txt" for c in codes if c != "ENH2010"]
                                            + ["manifest.json"]), "the output folder holds other files")


def case_limits():
    out = os.path.join(work, "limits")
    # 10 s: the limit also bounds ENH2010's way to the memory limit, a worker's start included,
    # which took more than 5 s in the sanitizer pass at load 20 (a CI run beside six builds)
    r = batch(os.path.join(src, "tests", "batch", "enhet_grense.lua"), out, "-j", "1",
              "--time-limit", "10", "--memory-limit", "64")
    check(r.returncode == 3, f"the batch exited {r.returncode}, expected 3: {r.stderr[-300:]}")
    m = manifest(out)
    st = {it["params"]["unit"]: it for it in m["items"]}
    failed = sorted(c for c, it in st.items() if it["status"] != "ok")
    check(failed == ["ENH1020", "ENH2010"], f"items not ok: {failed}")
    check("stopped after 10 seconds (the wall-clock limit)" in (st["ENH1020"]["message"] or ""),
          f"ENH1020: not the wall-clock message: {st['ENH1020']['message']}")
    check("used more than 64 MB of memory" in (st["ENH2010"]["message"] or ""),
          f"ENH2010: not the memory message: {st['ENH2010']['message']}")
    check_outputs_hashed(m, "limits")
    for code, name in UNITS:
        path = os.path.join(out, f"enhet-2026-T2-{code}.txt")
        if code in failed:
            check(not os.path.exists(path), f"{code} failed but {path} was written")
            continue
        with open(path, encoding="utf-8") as f:
            text = f.read()
        check(f"Enhetsark for {name}" in text, f"{code}: the text does not name the unit")
        check("Tellar: 1\n" in text, f"{code}: the script's state came from an earlier item: {text[-60:]}")
    left = [f for f in os.listdir(out) if f.startswith(".") or ".tmp" in f]
    check(left == [], f"temporary files left: {left}")


def case_crash():
    out = os.path.join(work, "crash")
    stor = os.path.join(src, "tests", "batch", "enhet_stor.lua")
    p = subprocess.Popen([rapp, "run", stor, "--db", db, "--each", "unit", "--out", out, "-j", "1"],
                         env=E, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    folder = None
    while p.poll() is None and folder is None:
        try:
            names = os.listdir(out)
        except OSError:
            names = []
        hits = [n for n in names if n.startswith(".enhet-2026-T2-ENH2010.tmp")]
        if hits:
            folder = hits[0]
        else:
            time.sleep(0.005)
    check(folder is not None, "the batch ended before ENH2010's private folder appeared")
    time.sleep(0.05)  # the worker announced it right after creating it; now it writes the PDF
    _, m = kill_worker(p, out)
    check_outputs_hashed(m, "crash")
    left = [f for f in os.listdir(out) if f.startswith(".")]
    check(left == [], f"temporary folders left: {left}")
    check(sorted(os.listdir(out)) == sorted([f"enhet-2026-T2-{c}.pdf" for c, _ in UNITS if c != "ENH2010"]
                                            + ["manifest.json"]), "the output folder holds other files")
    for code, name in UNITS:
        if code != "ENH2010":
            check(f"Enhetsark for {name}" in pdftext(os.path.join(out, f"enhet-2026-T2-{code}.pdf")),
                  f"{code}: the PDF does not name the unit")


{"burst": case_burst, "jobs": case_jobs, "fail": case_fail, "resume": case_resume,
 "shards": case_shards, "plan": case_plan, "interrupt": case_interrupt,
 "worker": case_worker, "limits": case_limits, "crash": case_crash}[case]()
finish(f"batch {case}: all checks passed")
