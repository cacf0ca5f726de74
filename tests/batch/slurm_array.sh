#!/usr/bin/env bash
# tests/batch/slurm_array.sh RAPP SRC WORK — issue 14 on a real scheduler: starts a single-node
# Slurm (Debian's slurm-wlm and munge) on this machine, submits the documented job-array script
# scripts/cluster/slurm-array.sbatch with 4 array tasks over every sample unit, waits, merges the
# shards' manifests with `rapp manifest merge` and compares outputs and manifest with a -j 1 run.
# Exit 77 (ctest SKIP_RETURN_CODE) only when Slurm cannot start here, saying why. Everything it
# starts (slurmctld, slurmd, and munged when none was running) it stops by the pids they wrote.
set -u
rapp=$1 src=$2 work=$3
skip() { echo "SKIP: $*"; exit 77; }
fail() { echo "FAIL: $*"; exit 1; }

for b in slurmctld slurmd sbatch sinfo scontrol munge unmunge; do
  command -v "$b" >/dev/null || [ -x "/usr/sbin/$b" ] || skip "$b is not installed (scripts/setup.sh --tests installs slurm-wlm and munge)"
done
[ "$(id -u)" -eq 0 ] || skip "a single-node Slurm here runs its daemons as root; this test runs as $(id -un)"

rm -rf "$work"
mkdir -p "$work/state" "$work/spool" "$work/logs"
work=$(cd "$work" && pwd)
export SOURCE_DATE_EPOCH=1790000000 RAPP_HOME=$src LC_ALL=C.UTF-8
db=$work/fjordvik.db
"$rapp" import "$src/samples/fjordvik" -o "$db" >/dev/null || fail "import of the sample failed"

started_munge=
cleanup() {
  for f in "$work/d.pid" "$work/ctld.pid"; do
    [ -s "$f" ] && kill "$(cat "$f")" 2>/dev/null
  done
  if [ -n "$started_munge" ] && [ -s /run/munge/munged.pid ]; then kill "$(cat /run/munge/munged.pid)" 2>/dev/null; fi
}
trap cleanup EXIT

# munge: use a running munged, else start one
if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
  [ -s /etc/munge/munge.key ] || skip "munge has no key /etc/munge/munge.key (reinstall munge)"
  mkdir -p /run/munge /var/log/munge /var/lib/munge
  chown munge:munge /run/munge /var/log/munge /var/lib/munge 2>/dev/null
  su -s /bin/sh munge -c /usr/sbin/munged >"$work/logs/munged.out" 2>&1 || \
    skip "munged does not start here: $(tail -2 "$work/logs/munged.out" | tr '\n' ' ')"
  started_munge=1
  for _ in $(seq 50); do munge -n 2>/dev/null | unmunge >/dev/null 2>&1 && break; sleep 0.2; done
  munge -n | unmunge >/dev/null 2>&1 || skip "munged started but munge -n | unmunge fails"
fi

host=$(hostname -s)
port=$((20000 + ($$ % 10000) * 2)) # ports of its own, so parallel runs do not meet
conf=$work/slurm.conf
cat >"$conf" <<EOF
ClusterName=rapptest
SlurmctldHost=$host
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/ctld.pid
SlurmdPidFile=$work/d.pid
SlurmctldLogFile=$work/logs/ctld.log
SlurmdLogFile=$work/logs/d.log
ReturnToService=2
MpiDefault=none
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
NodeName=$host CPUs=$(nproc) State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF=$conf
slurmctld -f "$conf" >"$work/logs/ctld.out" 2>&1 || skip "slurmctld does not start here: $(tail -3 "$work/logs/ctld.out" "$work/logs/ctld.log" 2>/dev/null | tr '\n' ' ')"
slurmd -f "$conf" >"$work/logs/d.out" 2>&1 || skip "slurmd does not start here: $(tail -3 "$work/logs/d.out" "$work/logs/d.log" 2>/dev/null | tr '\n' ' ')"
state=
for _ in $(seq 150); do
  state=$(sinfo -h -o %T 2>/dev/null | head -1)
  [ "$state" = idle ] && break
  sleep 0.2
done
[ "$state" = idle ] || skip "the Slurm node did not become idle (state '$state'): $(tail -3 "$work/logs/d.log" "$work/logs/ctld.log" 2>/dev/null | tr '\n' ' ')"
echo "slurm: node $host idle (ports $port, $((port + 1)))"

# the documented array script, 4 tasks, every sample unit
out=$work/out
mkdir -p "$out"
jobid=$(sbatch --parsable --array=0-3 --chdir="$work" --output="$work/logs/task-%a.log" \
  --export="ALL,RAPP=$rapp,RAPP_SCRIPT=$src/tests/batch/enhet.lua,RAPP_DB=$db,RAPP_OUT=$out,RAPP_EACH=unit,RAPP_PERIOD=2026-T2" \
  "$src/scripts/cluster/slurm-array.sbatch") || fail "sbatch exited $?"
# Wait for the four tasks by asking slurmctld every 0.5 s (up to 400 s), not with sbatch --wait:
# that one sleeps 2, 8 and then 32 s between its questions (MinJobAge 300), so it saw the tasks'
# end about 30 s late. A task is done in JobState COMPLETED with ExitCode 0:0 (what --wait's exit
# status checked); a task that ended otherwise fails the test at once, naming its state.
tasks=
for _ in $(seq 800); do
  # one line a task: "TASK STATE EXIT" (a range like 2-3 while tasks are still pending)
  tasks=$(scontrol -o show job "$jobid" 2>/dev/null | awk '{t = s = e = ""
    for (i = 1; i <= NF; i++) { split($i, kv, "=")
      if (kv[1] == "ArrayTaskId") t = kv[2]; else if (kv[1] == "JobState") s = kv[2]; else if (kv[1] == "ExitCode") e = kv[2] }
    print t, s, e}' | sort)
  [ "$tasks" = "$(printf '%s COMPLETED 0:0\n' 0 1 2 3)" ] && break
  echo "$tasks" | grep -Eq ' (FAILED|CANCELLED|TIMEOUT|NODE_FAIL|OUT_OF_MEMORY|BOOT_FAIL|DEADLINE|PREEMPTED) |COMPLETED [^0]|COMPLETED 0:[^0]' &&
    { tail -n 5 "$work"/logs/task-*.log; fail "array job $jobid: a task ended badly: $(echo "$tasks" | tr '\n' ';')"; }
  sleep 0.5
done
[ "$tasks" = "$(printf '%s COMPLETED 0:0\n' 0 1 2 3)" ] ||
  { tail -n 5 "$work"/logs/task-*.log; fail "array job $jobid not done after 400 s: $(echo "$tasks" | tr '\n' ';')"; }
echo "slurm: array job $jobid finished (4 tasks COMPLETED, exit code 0)"
for k in 0 1 2 3; do
  [ -s "$out/manifest-shard-$k-of-4.json" ] || fail "array task $k wrote no manifest-shard-$k-of-4.json: $(cat "$work/logs/task-$k.log")"
done
"$rapp" manifest merge "$out" -o "$work/merged.json" || fail "rapp manifest merge failed"

ref=$work/ref
"$rapp" run "$src/tests/batch/enhet.lua" --db "$db" --each unit --period 2026-T2 --out "$ref" -j 1 --quiet ||
  fail "the -j 1 run failed"
/usr/bin/python3 "$src/tests/batch/manifest_compare.py" "$work/merged.json" "$ref/manifest.json" ||
  fail "the merged manifest of the 4 array tasks differs from the -j 1 run's"
/usr/bin/python3 -c '
import json, sys
m = json.load(open(sys.argv[1]))
sys.exit(not (m.get("merged_from") == 4 and len(m["items"]) == m["total_items"] == 48
              and all(it["status"] == "ok" for it in m["items"])))' "$work/merged.json" ||
  fail "the merged manifest does not hold 48 items from 4 shards, all ok"
files=$(cd "$ref" && ls | grep -v '\.json$')
[ "$files" = "$(cd "$out" && ls | grep -v '\.json$')" ] || fail "the array tasks wrote other files than the -j 1 run"
for f in $files; do cmp -s "$ref/$f" "$out/$f" || fail "$f differs between the array tasks and the -j 1 run"; done
echo "slurm: 48 items from 4 array tasks equal the -j 1 run, $(echo "$files" | wc -l) files byte-identical"
echo "batch slurm_array: all checks passed"
