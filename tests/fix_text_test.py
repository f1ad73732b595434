#!/usr/bin/env python3
"""The fix each finding names, pinned whole: preflight over corpus/*/fix_texts/ in the concise
format must print tests/fix_texts.expected exactly (the corpus test checks lines, not words).

usage: fix_text_test.py PREFLIGHT [--update]
"""
import glob
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXPECTED = os.path.join(ROOT, "tests", "fix_texts.expected")


def main():
    preflight = sys.argv[1]
    dirs = sorted(os.path.relpath(d, ROOT) for d in glob.glob(os.path.join(ROOT, "corpus", "*", "fix_texts")))
    checks = ",".join(["-*"] + [d.split(os.sep)[1] for d in dirs])
    out = subprocess.run([preflight, "--format", "concise", "--exit-zero", "--color", "never",
                          "--checks", checks, *dirs], cwd=ROOT, capture_output=True, text=True)
    if out.returncode != 0:
        print(out.stderr)
        return 1
    if "--update" in sys.argv:
        with open(EXPECTED, "w") as f:
            f.write(out.stdout)
        return 0
    with open(EXPECTED) as f:
        want = f.read()
    if out.stdout != want:
        import difflib
        sys.stdout.writelines(difflib.unified_diff(want.splitlines(True), out.stdout.splitlines(True),
                                                   "expected", "got"))
        print("FAIL: fix texts differ (tests/fix_text_test.py PREFLIGHT --update rewrites them)")
        return 1
    print(f"ok: {len(want.splitlines())} findings' fix texts as pinned")
    return 0


if __name__ == "__main__":
    sys.exit(main())
