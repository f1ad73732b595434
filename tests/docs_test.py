#!/usr/bin/env python3
"""The pages that go stale when the code moves, each held to the code:
- docs/configuration.md's key table is the reader's key list (the unknown-key error), both ways,
  and its example file is accepted;
- every path HACKING.md names is in a clone (git ls-files) or made by the build;
- each check page's examples fire as shown, and docs/suppressions.md's examples leave no
  suppression unused.

Marker convention of the fenced examples (the words after the language of a ``` line; GitHub
and --explain show them, and read as what they say):
  flagged       the page's check reports in this block; when lines of it end in a comment that
                says `reported` (`// reported: ...`, `# reported`, `-- reported`), exactly those
                lines have its findings
  clean         the page's check reports nothing in this block
  path=FILE     the file the block is analysed as (default example.<ext>; a migration's default
                is supabase/migrations/20240101000000_example.sql)
  group=NAME    blocks of a page with the same group are analysed together, as one project
Blocks without flagged / clean / path= are not run (commands, output, configuration).

usage: docs_test.py PREFLIGHT   (run from the source root)
"""
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

PREFLIGHT = os.path.abspath(sys.argv[1])
RESULTS = []
DEFAULT_PATH = {"ts": "example.ts", "tsx": "example.tsx", "js": "example.js", "jsx": "example.jsx",
                "python": "example.py", "py": "example.py",
                "sql": "supabase/migrations/20240101000000_example.sql"}
# what the build and the fetch scripts make: not in a clone, named by HACKING.md on purpose
MADE = ("build/", "build-", "grammars/node_modules", "tests/tools/node_modules")
FINDING = re.compile(r"^(.+?):(\d+):(\d+): (\w+): (.*) \[([a-z0-9-]+)\]$")


def check(name, ok, detail=""):
    RESULTS.append(ok)
    print(f"{'ok' if ok else 'FAIL'}: {name}" + (f"\n{detail}" if detail and not ok else ""))


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def run(args, cwd):
    p = subprocess.run([PREFLIGHT, "--no-config", "--format", "concise"] + args, cwd=cwd,
                       capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})
    found = []
    for line in p.stdout.splitlines():
        m = FINDING.match(line)
        if m:
            found.append((m.group(1), int(m.group(2)), m.group(6), line))
    return p.returncode, found, p.stdout + p.stderr


def section(text, heading):
    start = text.index(heading)
    end = text.find("\n## ", start + len(heading))
    return text[start:end if end >= 0 else len(text)]


def test_configuration():
    text = read("docs/configuration.md")
    documented = set(re.findall(r"^\| `([^`]+)` \|", section(text, "## The file"), re.M))
    with tempfile.TemporaryDirectory() as d:
        with open(f"{d}/.preflight.json", "w") as f:
            f.write('{"exclude-paths": 1}')
        p = subprocess.run([PREFLIGHT, "."], cwd=d, capture_output=True, text=True)
        m = re.search(r"unknown key 'exclude-paths' \(known: ([^)]*)\)", p.stderr)
        known = set(m.group(1).split(", ")) if m else set()
        # $schema is accepted and ignored: the table says so, the error does not offer it
        check("configuration.md's keys are the keys the reader accepts (both ways)",
              p.returncode == 2 and known and documented == known | {"$schema"},
              f"documented only: {sorted(documented - known - {'$schema'})}\n"
              f"read only: {sorted(known - documented)}\n{p.stderr}")
        line = re.search(r"^preflight: error: \.preflight\.json: unknown key 'exclude-paths'.*$",
                         text, re.M)
        check("configuration.md shows the unknown-key error as it is written",
              line and p.stderr.strip().endswith(line.group(0)[len("preflight: error: "):]),
              f"{line.group(0) if line else 'no such line'}\n{p.stderr}")
        example = re.search(r"^```json\n(.*?)^```", section(text, "## The file"), re.S | re.M)
        keys = set(json.loads(example.group(1))) if example else set()
        with open(f"{d}/.preflight.json", "w") as f:
            f.write(example.group(1) if example else "")
        p = subprocess.run([PREFLIGHT, "."], cwd=d, capture_output=True, text=True)
        check("configuration.md's example file is accepted and uses every key but $schema",
              p.returncode == 0 and keys == known, f"{sorted(known - keys)}\n{p.stderr}")


def test_hacking_paths():
    tracked = subprocess.run(["git", "ls-files"], capture_output=True, text=True).stdout.split()
    if not tracked:
        print("skipped: HACKING.md's paths (not a git checkout)")
        return
    dirs = {os.path.dirname(t)[:i] + "/" for t in tracked
            for i in range(len(os.path.dirname(t)) + 1) if (os.path.dirname(t) + "/")[i] == "/"}
    names = tracked + sorted(dirs)
    text = read("HACKING.md")
    missing = []
    paths = set(re.findall(r"(?<![\w.:/-])((?:\.\./)*[\w.-]+/[\w.<>*/-]*[\w>*/])", text))
    for path in sorted(paths):
        if path.startswith(MADE) or "://" in path:
            continue
        pattern = re.escape(path).replace(r"\*", "[^/]*")
        pattern = re.sub(r"<[^>]*>", "[^/]+", pattern.replace(r"\<", "<").replace(r"\>", ">"))
        # a path may be named from its folder (`model/dataflow/` inside analyzer/)
        if not any(re.search(rf"(^|/){pattern}/?$", n) for n in names):
            missing.append(path)
    check(f"HACKING.md's {len(paths)} paths are in a clone or made by the build", not missing,
          f"not in a clone: {missing}")


def blocks(page):
    """The annotated fenced blocks: (line, words, body)."""
    text = read(page)
    for m in re.finditer(r"^```(\w+)([^\n]*)\n(.*?)^```", text, re.S | re.M):
        words = dict(w.split("=", 1) if "=" in w else (w, True) for w in m.group(2).split())
        if {"flagged", "clean", "path"} & words.keys():
            words.setdefault("path", DEFAULT_PATH.get(m.group(1), f"example.{m.group(1)}"))
            yield text[:m.start()].count("\n") + 1, words, m.group(3)


def analyse(page, checks):
    """Runs each group of the page's blocks; yields (line, words, body, findings in its file)."""
    groups = {}
    for i, (line, words, body) in enumerate(blocks(page)):
        groups.setdefault(words.get("group", f"#{i}"), []).append((line, words, body))
    for members in groups.values():
        with tempfile.TemporaryDirectory() as d:
            for _, words, body in members:
                os.makedirs(os.path.dirname(os.path.join(d, words["path"])), exist_ok=True)
                with open(os.path.join(d, words["path"]), "w", encoding="utf-8") as f:
                    f.write(body)
            _, found, out = run(checks + ["."], d)
            for line, words, body in members:
                yield line, words, body, [f for f in found if f[0] == words["path"]], out


# pages whose bad example cannot be run as written, and why
NOT_RUN = {"security-hardcoded-secret": "a key-shaped value in docs/ would be a committed secret "
                                        "(its fixtures use tests/fake_secrets.py's markers)"}


def test_check_pages():
    for page in sorted(glob.glob("docs/checks/*.md")):
        cid = os.path.basename(page)[:-3]
        # an unused suppression is only called so when the checks it names ran
        only = [] if cid == "maintainability-unused-suppression" else ["--checks", f"-*,{cid}"]
        for line, words, body, found, out in analyse(page, only):
            mine = sorted({f[1] for f in found if f[2] == cid})
            where = f"{page}:{line} ({words['path']})"
            if "clean" in words:
                check(f"{where}: clean", not mine, out)
                continue
            if "flagged" not in words:
                continue
            said = [i + 1 for i, text in enumerate(body.splitlines())
                    if re.search(r"(//|#|--)\s*reported\b", text)]
            ok = mine == said if said else bool(mine)
            check(f"{where}: flagged" + (f" on lines {said}" if said else ""), ok,
                  f"reported on lines {mine}\n{out}")
        if cid in NOT_RUN:
            print(f"ok: {page}: its bad example is not run: {NOT_RUN[cid]}")
            continue
        check(f"{page} has a flagged example", any("flagged" in w for _, w, _ in blocks(page)),
              "mark the bad example's fence: ```ts flagged")


def test_suppressions():
    page = "docs/suppressions.md"
    n = 0
    for line, words, _, found, out in analyse(page, []):
        n += 1
        unused = [f[3] for f in found if f[2] == "maintainability-unused-suppression"]
        check(f"{page}:{line} ({words['path']}): every suppression covers a finding", not unused,
              "\n".join(unused))
    check(f"{page} has examples marked path= ({n})", n >= 3)


def main():
    test_configuration()
    test_hacking_paths()
    test_check_pages()
    test_suppressions()
    failed = RESULTS.count(False)
    print(f"{len(RESULTS) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
