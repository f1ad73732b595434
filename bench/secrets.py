#!/usr/bin/env python3
"""bench/secrets.py — what security-hardcoded-secret costs on a large repository.

Builds bench/work/secrets/tree (git-ignored): COPIES copies of one application, from a git
directory (`git archive HEAD`, e.g. a mirror fetched with the search tool) or a folder, made a
git repository of its own so that discovery lists it as it lists a real one (tracked files).
Then times whole runs of preflight, interleaved round by round so that a shared machine's
noise falls on both alike:
  A  every check (the default run)
  B  every check but security-hardcoded-secret
and prints the medians of wall and CPU time (rusage of the child) and the check's share,
(A - B) / A, with the check's own CPU time from one `--stats` run.

usage: bench/secrets.py PREFLIGHT SOURCE [--copies 20] [--runs 5] [-j 2]
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time

WORK = os.path.join(os.path.dirname(os.path.abspath(__file__)), "work", "secrets")


def make_tree(source, copies):
    tree = os.path.join(WORK, "tree")
    shutil.rmtree(tree, ignore_errors=True)
    os.makedirs(tree)
    first = os.path.join(tree, "copy00")
    os.makedirs(first)
    if os.path.exists(os.path.join(source, "HEAD")):  # a git directory
        archive = subprocess.run(["git", "--git-dir", source, "archive", "HEAD"],
                                 capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", first], input=archive, check=True)
    else:
        shutil.copytree(source, first, dirs_exist_ok=True)
    for i in range(1, copies):
        shutil.copytree(first, os.path.join(tree, f"copy{i:02d}"), symlinks=True)
    git = ["git", "-C", tree, "-c", "core.hooksPath=/dev/null"]
    subprocess.run(git + ["init", "-q"], check=True)
    subprocess.run(git + ["add", "-A"], check=True)
    return tree


def timed(cmd):
    start = time.monotonic()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.monotonic() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)}: exit {os.waitstatus_to_exitcode(status)}")
    return wall, usage.ru_utime + usage.ru_stime


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("preflight")
    ap.add_argument("source")
    ap.add_argument("--copies", type=int, default=20)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("-j", default="2")
    args = ap.parse_args()
    tree = make_tree(os.path.abspath(args.source), args.copies)
    base = [os.path.abspath(args.preflight), "-q", "--exit-zero", "-j", args.j, "--format",
            "sarif", "-o", os.devnull]
    configs = {"A every check": base + [tree],
               "B without security-hardcoded-secret":
                   base + ["--checks", "*,-security-hardcoded-secret", tree]}
    times = {k: [] for k in configs}
    for _ in range(args.runs):
        for name, cmd in configs.items():
            times[name].append(timed(cmd))
    stats = subprocess.run([os.path.abspath(args.preflight), "-q", "--exit-zero", "-j", args.j,
                            "--stats", "--format", "sarif", "-o", os.devnull, tree],
                           capture_output=True, text=True).stderr
    own = [line.strip() for line in stats.splitlines() if "security-hardcoded-secret" in line]
    files = subprocess.run(["git", "-C", tree, "ls-files"], capture_output=True,
                           text=True).stdout.count("\n")
    print(f"tree: {args.copies} copies of {args.source}, {files} tracked files, -j{args.j}, "
          f"{args.runs} runs each, interleaved")
    med = {}
    for name, runs in times.items():
        wall = statistics.median(w for w, _ in runs)
        cpu = statistics.median(c for _, c in runs)
        med[name] = (wall, cpu)
        print(f"  {name:40s} wall {wall:7.2f} s   cpu {cpu:7.2f} s   "
              f"(wall runs: {', '.join(f'{w:.2f}' for w, _ in runs)})")
    (wa, ca), (wb, cb) = med.values()
    print(f"  the check's share: wall {100 * (wa - wb) / wa:+.1f}%, cpu {100 * (ca - cb) / ca:+.1f}%")
    for line in own:
        print(f"  --stats: {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
