#!/usr/bin/env python3
"""Runs a command and reports what it cost, children included (for the robust tests).

    measure.py STATS_FILE COMMAND [ARG...]

The command's stdin, stdout and stderr are this process's. STATS_FILE gets one line
"rc=N maxrss_kb=N wchar=N seconds=S": the exit code (128+signal when a signal ended it), the
peak resident memory of the largest process among the waited-for descendants (getrusage
RUSAGE_CHILDREN), and the bytes written by write() calls of the command and its waited-for
descendants (/proc/self/io, which adds the I/O of reaped children)."""
import resource
import subprocess
import sys
import time


def written():
    with open("/proc/self/io") as f:
        for line in f:
            k, v = line.split(":")
            if k == "wchar":
                return int(v)
    return 0


def main():
    stats, cmd = sys.argv[1], sys.argv[2:]
    before = written()
    start = time.monotonic()
    rc = subprocess.run(cmd).returncode
    seconds = time.monotonic() - start
    if rc < 0:
        rc = 128 - rc
    maxrss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    with open(stats, "w") as f:
        f.write("rc=%d maxrss_kb=%d wchar=%d seconds=%.2f\n" % (rc, maxrss, written() - before, seconds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
