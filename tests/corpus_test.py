#!/usr/bin/env python3
"""The fixture test: runs preflight over corpus/ and compares with the annotations in place.

Annotations follow Semgrep's rule tests, in the comment syntax of the file, on the line above
the target (several may stack):
    // ruleid: CHECK-ID      a finding of CHECK-ID is expected on the next line
    // ok: CHECK-ID          the next line must stay clean of CHECK-ID
    // todoruleid: CHECK-ID  a known miss: no finding yet (the test fails once it is found)
    // todook: CHECK-ID      a known false positive: a finding is there (fails once it is gone)
    // ruleid: CHECK-ID @note   the same, and the finding must be a note (or @warning, @error)
Any finding without an annotation is unexpected. Several ids may be separated by commas.
Markdown writes them as <!-- ruleid: CHECK-ID -->.

The corpus is copied to a temporary git repository (every file tracked, as in this checkout)
where the @@fake:KIND@@ markers of fake_secrets.py become fake credentials of real shapes:
no key-shaped value is ever committed.

usage: corpus_test.py PREFLIGHT CORPUS_DIR [--checks GLOBS] [-j N]
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fake_secrets  # noqa: E402

EXTENSIONS = {".ts", ".mts", ".cts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".py", ".sql",
              # read as text (lang.h)
              ".json", ".jsonc", ".yml", ".yaml", ".toml", ".ini", ".cfg", ".dockerfile", ".sh",
              ".bash", ".zsh", ".md", ".env"}
LOCKFILES = {"package-lock.json", "npm-shrinkwrap.json", "pnpm-lock.yaml", "poetry.lock"}
# read by libclang, in a build that has it (preflight --version says "c, c++")
C_EXTENSIONS = {".c", ".h", ".cc", ".cpp", ".cxx", ".c++", ".hpp", ".hh", ".hxx"}
# `ruleid: check-id @note` (or @warning, @error) also pins the finding's level
ANNOTATION = re.compile(
    r"^\s*(?://|#|--|/\*|\{/\*|<!--)\s*(ruleid|ok|todoruleid|todook)\s*:\s*([a-z0-9\-, ]+?)"
    r"(?:\s+@(note|warning|error))?\s*(?:\*/\}?|-->)?\s*$")
LEVELS = {}  # (path, line, check) -> the level an annotation pins


def annotations(path):
    """Yields (line, kind, check_id) with 1-based target lines."""
    with open(path, encoding="utf-8", errors="replace") as f:
        lines = f.read().splitlines()
    pending = []
    for number, text in enumerate(lines, start=1):
        m = ANNOTATION.match(text)
        if m:
            for check in m.group(2).split(","):
                if check.strip():
                    pending.append((m.group(1), check.strip(), number, m.group(3)))
            continue
        for kind, check, _, level in pending:
            if level:
                LEVELS[(path, number, check)] = level
            yield number, kind, check
        pending = []
    for kind, check, at, _ in pending:
        raise SystemExit(f"{path}:{at}: annotation '{kind}: {check}' has no line after it")


def read_by_preflight(name, extensions):
    """Whether preflight reads the file (front/lang.c, by name)."""
    if name in LOCKFILES:
        return False
    if name in (".env", ".envrc") or name.startswith(".env.") or name.startswith("Dockerfile"):
        return True
    return os.path.splitext(name)[1] in extensions


def materialize(corpus, tmp):
    """Copies corpus into the git repository tmp with the fake credentials expanded; returns
    the copy's path relative to tmp."""
    rel = os.path.relpath(os.path.abspath(corpus), os.getcwd())
    dst = os.path.join(tmp, rel)
    shutil.copytree(corpus, dst, ignore=shutil.ignore_patterns("__pycache__"))
    for dirpath, _, filenames in os.walk(dst):
        for name in filenames:
            path = os.path.join(dirpath, name)
            try:
                with open(path, encoding="utf-8") as f:
                    text = f.read()
            except (UnicodeDecodeError, OSError):
                continue
            if "@@fake:" in text:
                with open(path, "w", encoding="utf-8") as f:
                    f.write(fake_secrets.expand(text))
    git = ["git", "-C", tmp, "-c", "core.hooksPath=/dev/null"]
    subprocess.run(git + ["init", "-q"], check=True)
    subprocess.run(git + ["add", "-A"], check=True)
    return rel


def selected(check, globs):
    if not globs:
        return True
    on = True
    for g in globs.split(","):
        g = g.strip()
        if not g:
            continue
        neg = g.startswith("-")
        pattern = re.escape(g.lstrip("-")).replace(r"\*", ".*")
        if re.fullmatch(pattern, check):
            on = not neg
    return on


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("preflight")
    ap.add_argument("corpus")
    ap.add_argument("--checks")
    ap.add_argument("-j", default="2")
    args = ap.parse_args()
    if args.checks and not args.checks.lstrip().startswith("-"):
        args.checks = "-*," + args.checks  # "--checks ID" here means only ID

    cmd = [os.path.abspath(args.preflight), "--format", "sarif", "--exit-zero", "-q", "-j", args.j]
    if args.checks:
        cmd += ["--checks", args.checks]
    with tempfile.TemporaryDirectory() as tmp:
        corpus = materialize(args.corpus, tmp)
        cmd.append(corpus)
        return check(args, cmd, tmp, corpus)


def check(args, cmd, tmp, corpus):
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp)
    if proc.returncode != 0:
        print(f"preflight exited {proc.returncode}: {proc.stderr}", file=sys.stderr)
        return 1
    sarif = json.loads(proc.stdout)
    run = sarif["runs"][0]
    known = {r["id"] for r in run["tool"]["driver"]["rules"]}

    found = {}  # (path, line, check) -> count
    levels = {}  # (path, line, check) -> the levels reported there
    for r in run["results"]:
        if r.get("suppressions"):
            continue
        loc = r["locations"][0]["physicalLocation"]
        key = (urllib.parse.unquote(loc["artifactLocation"]["uri"]), loc["region"]["startLine"],
               r["ruleId"])
        found[key] = found.get(key, 0) + 1
        levels.setdefault(key, set()).add(r.get("level", "warning"))

    version = subprocess.run([os.path.abspath(args.preflight), "--version"], capture_output=True,
                             text=True).stdout
    extensions = EXTENSIONS | (C_EXTENSIONS if "c, c++" in version else set())
    if extensions == EXTENSIONS:
        print("corpus: C and C++ fixtures not checked: this preflight is built without libclang")

    root = tmp
    expected, clean, todo_miss, todo_fp = set(), set(), set(), set()
    want_levels = {}
    files = 0
    for dirpath, dirnames, filenames in os.walk(os.path.join(tmp, corpus)):
        dirnames.sort()
        for name in sorted(filenames):
            if not read_by_preflight(name, extensions):
                continue
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(os.path.abspath(path), root).replace(os.sep, "/")
            files += 1
            for line, kind, check in annotations(path):
                if not selected(check, args.checks):
                    continue
                if (path, line, check) in LEVELS:
                    want_levels[(rel, line, check)] = LEVELS[(path, line, check)]
                if check not in known and not args.checks:
                    print(f"{rel}:{line}: annotation names unknown check '{check}'")
                    expected.add(("unknown", 0, check))
                    continue
                key = (rel, line, check)
                {"ruleid": expected, "ok": clean, "todoruleid": todo_miss, "todook": todo_fp}[kind].add(key)

    failures = []
    for key in sorted(expected):
        if key[0] != "unknown" and key not in found:
            failures.append(f"{key[0]}:{key[1]}: missing finding of {key[2]}")
    for key in sorted(found):
        if key in expected or key in todo_fp:
            continue
        why = "finding on a line marked ok" if key in clean else "unexpected finding"
        if key in todo_miss:
            why = "known miss is now found: change todoruleid to ruleid"
        failures.append(f"{key[0]}:{key[1]}: {why} of {key[2]}")
    for key, level in sorted(want_levels.items()):
        if key in found and levels[key] != {level}:
            failures.append(f"{key[0]}:{key[1]}: {key[2]} reported as {'/'.join(sorted(levels[key]))}, "
                            f"the annotation says @{level}")
    for key in sorted(todo_fp):
        if key not in found:
            failures.append(f"{key[0]}:{key[1]}: known false positive is gone: change todook to ok ({key[2]})")
    if any(k[0] == "unknown" for k in expected):
        failures.append("annotations name unknown checks (see above)")

    for f in failures:
        print(f)
    positives = len([k for k in expected if k[0] != "unknown"])
    print(f"corpus: {files} files, {positives} expected findings, {len(clean)} ok lines, "
          f"{len(todo_miss)} known misses, {len(todo_fp)} known false positives")
    checked = positives + len(clean) + len(todo_miss) + len(todo_fp)
    print(f"{max(checked - len(failures), 0)} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
