"""tests/batch/manifest_compare.py — what the batch tests compare of two manifests: everything but
the durations, the output folder and the batch's label (and merged_from, which only a merge has).
As a program: manifest_compare.py A.json B.json exits 0 when they are equal so, else says so."""
import json
import os
import sys


def comparable(m):
    items = []
    for it in m["items"]:
        it = dict(it, duration_s=None)
        it["outputs"] = [dict(o, path=os.path.basename(o["path"])) for o in it["outputs"]]
        items.append(it)
    return dict(m, items=items, batch=None, merged_from=None)


if __name__ == "__main__":
    a, b = (json.load(open(p)) for p in sys.argv[1:3])
    if comparable(a) != comparable(b):
        print(f"FAIL: {sys.argv[1]} and {sys.argv[2]} differ beyond durations and folders")
        sys.exit(1)
