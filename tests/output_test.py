#!/usr/bin/env python3
"""End-to-end tests of where and how the report is written: -o over a symbolic link, a device,
a FIFO, '-' and a file another run writes at the same time; the mode a new file gets. Each test
prints one line; the last line counts them.

usage: output_test.py PREFLIGHT SCHEMA.json [--update]   (run from the source root)
"""
import gzip
import json
import os
import stat
import subprocess
import sys
import tempfile
import threading

PREFLIGHT = os.path.abspath(sys.argv[1])
SCHEMA = os.path.abspath(sys.argv[2])
UPDATE = "--update" in sys.argv
ROOT = os.getcwd()
GOLDEN = os.path.join(ROOT, "tests", "golden")
PROJECT = os.path.join(ROOT, "tests", "golden", "project")
ONLY_ANY = ["--checks", "-*,typing-explicit-any"]
RESULTS = []


def run(args, cwd=ROOT, env=None, umask=None):
    p = subprocess.run([PREFLIGHT] + args, cwd=cwd, capture_output=True, text=True,
                       env={**os.environ, "NO_COLOR": "1", "GITHUB_WORKSPACE": "", **(env or {})},
                       preexec_fn=(lambda: os.umask(umask)) if umask is not None else None)
    return p.returncode, p.stdout, p.stderr


def check(name, ok, detail=""):
    RESULTS.append((name, ok))
    print(f"{'ok' if ok else 'FAIL'}: {name}" + (f"\n{detail}" if detail and not ok else ""))


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def golden(name, args, env=None):
    code, out, err = run(args, env=env)
    path = os.path.join(GOLDEN, name)
    if UPDATE:
        with open(path, "w", encoding="utf-8") as f:
            f.write(out)
    want = read(path)
    check(f"golden {name} (exit {code})", out == want and code == 1,
          f"--- want\n{want}\n--- got\n{out}\n--- stderr\n{err}")
    return out


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(data)


def test_formats():
    golden("expected.concise", ONLY_ANY + ["-j1", "--format", "concise", "tests/golden/project"])
    out = golden("expected.json", ONLY_ANY + ["-j1", "--format", "json", "tests/golden/project"])
    doc = json.loads(out)
    check("json: version 1, the documented top-level keys",
          doc["version"] == 1 and list(doc) == ["version", "tool", "summary", "findings", "notices"]
          and all(f"`{k}`" in read("docs/json.md") for k in doc["findings"][0]), list(doc))
    _, out4, _ = run(ONLY_ANY + ["-j4", "--format", "json", "tests/golden/project"])
    check("json: the same for -j4", out4 == out)

    # a project with each level: the summary line first, then errors, warnings, notices
    with tempfile.TemporaryDirectory() as d:
        write(f"{d}/app/a.py", "def f(cur, name):\n    cur.execute(f\"select * from t where n = '{name}'\")\n")
        write(f"{d}/app/b.ts", "export function g(x: any) { return x }\n")
        write(f"{d}/supabase/migrations/001_init.sql",
              "create table public.leads (id bigint primary key);\n"
              "create table public.notes (id bigint primary key, lead_id bigint references public.leads(id));\n")
        code, out, err = run(["--format", "github", d], cwd=d, env={"GITHUB_WORKSPACE": d})
        lines = out.splitlines()
        kinds = [line.split(" ", 1)[0] for line in lines[1:]]
        order = {"::error": 0, "::warning": 1, "::notice": 2}
        check("github: a summary line first, counts per check and level, most severe first",
              lines and lines[0].startswith("preflight: ") and " (" in lines[0]
              and lines[0].index("error") < lines[0].index("note")
              and kinds == sorted(kinds, key=lambda k: order[k]) and len(set(kinds)) >= 2,
              out + err)
        check("github: file= relative to GITHUB_WORKSPACE, not the current folder",
              "file=app/a.py," in out and "file=app/b.ts," in out, out)
        sub = os.path.join(d, "app")
        code, out2, err = run(["--format", "github", "."], cwd=sub, env={"GITHUB_WORKSPACE": d})
        check("github: from a subfolder, still relative to the workspace",
              "file=app/a.py," in out2 and "file=a.py" not in out2, out2 + err)
        code, out3, _ = run(["--format", "github", d], cwd=d, env={"GITHUB_WORKSPACE": ""})
        check("github: without GITHUB_WORKSPACE, paths as named", f"file={d}/app/a.py," in out3, out3)

    _, plain, _ = run(ONLY_ANY + [PROJECT])
    code, forced, _ = run(ONLY_ANY + [PROJECT], env={"NO_COLOR": "", "FORCE_COLOR": "1"})
    check("FORCE_COLOR=1 colours a pipe", "\033[" in forced and "\033[" not in plain)
    code, out, _ = run(ONLY_ANY + [PROJECT], env={"NO_COLOR": "", "FORCE_COLOR": "0"})
    check("FORCE_COLOR=0 does not", out == plain)
    code, out, _ = run(ONLY_ANY + [PROJECT], env={"NO_COLOR": "1", "FORCE_COLOR": "1"})
    check("NO_COLOR wins over FORCE_COLOR", out == plain)
    code, out, _ = run(ONLY_ANY + ["--color", "never", PROJECT], env={"NO_COLOR": "", "FORCE_COLOR": "1"})
    check("--color never wins over FORCE_COLOR", out == plain)
    code, out, _ = run(ONLY_ANY + ["--format", "concise", PROJECT], env={"NO_COLOR": "", "FORCE_COLOR": "1"})
    check("concise is never coloured", "\033[" not in out)


def test_output_targets():
    _, want, _ = run(ONLY_ANY + [PROJECT])
    _, want_sarif, _ = run(ONLY_ANY + ["--format", "sarif", PROJECT])
    with tempfile.TemporaryDirectory() as d:
        os.mkdir(f"{d}/real")
        os.symlink("real/out.txt", f"{d}/link")
        code, _, err = run(ONLY_ANY + ["-o", f"{d}/link", PROJECT])
        check("-o through a symbolic link writes its target and keeps the link",
              code == 1 and os.path.islink(f"{d}/link") and read(f"{d}/real/out.txt") == want
              and sorted(os.listdir(f"{d}/real")) == ["out.txt"], err)
        os.symlink("link", f"{d}/link2")
        code, _, err = run(ONLY_ANY + ["--format", "sarif", "-o", f"{d}/link2", PROJECT])
        check("-o through a chain of links", code == 1 and os.path.islink(f"{d}/link2")
              and os.path.islink(f"{d}/link") and read(f"{d}/real/out.txt") == want_sarif, err)
        os.symlink("missing/x.txt", f"{d}/dangling")
        code, _, err = run(ONLY_ANY + ["-o", f"{d}/dangling", PROJECT])
        check("-o through a link into a missing folder: exit 2, says which",
              code == 2 and err == f"preflight: error: cannot write '{d}/dangling': it links to "
              f"'{d}/missing/x.txt', whose directory '{d}/missing' does not exist\n", err)
        os.symlink("loop", f"{d}/loop")
        code, _, err = run(ONLY_ANY + ["-o", f"{d}/loop", PROJECT])
        check("-o through a loop of links: exit 2", code == 2 and "symbolic link" in err, err)
        code, _, err = run(ONLY_ANY + ["-o", f"{d}/real", PROJECT])
        check("-o naming a folder: exit 2, says so",
              code == 2 and err == f"preflight: error: cannot write '{d}/real': it is a directory\n",
              err)

        # refused before the analysis (no "analysed" summary), naming the folder and why
        write(f"{d}/afile", "x\n")
        cases = [(f"{d}/missing/x.sarif", f"directory '{d}/missing' does not exist"),
                 (f"{d}/afile/x.sarif", f"'{d}/afile' is not a directory"),
                 (f"{d}/afile/sub/x.sarif",
                  f"'{d}/afile/sub' is not a directory: a part of it is a file"),
                 ("/proc/x.sarif", "no file can be created in directory '/proc': "
                  "No such file or directory")]
        if os.geteuid() != 0:  # root writes whatever the mode bits say
            os.mkdir(f"{d}/ro", 0o555)
            cases.append((f"{d}/ro/x.sarif", f"no file can be created in directory '{d}/ro': "
                          "Permission denied"))
        for target, why in cases:
            code, out, err = run(ONLY_ANY + ["-o", target, PROJECT])
            check(f"-o {target.replace(d, 'TMP')}: exit 2 before the analysis, says why",
                  code == 2 and out == "" and
                  err == f"preflight: error: cannot write '{target}': {why}\n", err)
        os.symlink("afile/x.sarif", f"{d}/under-file")
        code, _, err = run(ONLY_ANY + ["-o", f"{d}/under-file", PROJECT])
        check("-o through a link to a path under a file: exit 2, names both",
              code == 2 and err == f"preflight: error: cannot write '{d}/under-file' (a link to "
              f"'{d}/afile/x.sarif'): '{d}/afile' is not a directory\n", err)
        code, _, err = run(ONLY_ANY + ["-o", f"{d}/good.txt", PROJECT])
        check("-o into a writable folder: the report, and no trial file left beside it",
              code == 1 and read(f"{d}/good.txt") == want and
              not [n for n in os.listdir(d) if n.startswith("good.txt.")], err)

        code, out, err = run(ONLY_ANY + ["-o", "-", PROJECT], cwd=d)
        check("-o - writes standard output", code == 1 and out == want and
              "1 file analysed" in err and not os.path.exists(f"{d}/-"), err)
        # as root, a preflight that renamed over its target would replace the machine's own
        # /dev/null: use device nodes of the test's own (mknod needs root; without it the real
        # ones are safe, /dev cannot be written)
        null, full = "/dev/null", "/dev/full"
        if os.geteuid() == 0:
            null, full = f"{d}/null", f"{d}/full"
            os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
            os.mknod(full, 0o666 | stat.S_IFCHR, os.makedev(1, 7))
        code, _, err = run(ONLY_ANY + ["-o", null, PROJECT])
        check("-o /dev/null: written through, the device stays",
              code == 1 and stat.S_ISCHR(os.lstat(null).st_mode), err)
        if os.path.exists(full):
            code, _, err = run(ONLY_ANY + ["-o", full, PROJECT])
            check("-o /dev/full: exit 2 with the reason", code == 2 and err.endswith(
                f"preflight: error: cannot write '{full}': No space left on device\n")
                and stat.S_ISCHR(os.lstat(full).st_mode), err)
        fifo = f"{d}/fifo"
        os.mkfifo(fifo)
        got = []
        reader = threading.Thread(target=lambda: got.append(read(fifo)), daemon=True)
        reader.start()
        code, _, err = run(ONLY_ANY + ["-o", fifo, PROJECT])
        reader.join(30)
        check("-o FIFO: the reader gets the report, the FIFO stays",
              code == 1 and got == [want] and stat.S_ISFIFO(os.lstat(fifo).st_mode), err)

        # the mode: what the umask leaves of 0666 for a new file; a replaced file keeps its own
        code, _, _ = run(ONLY_ANY + ["-o", f"{d}/new.txt", PROJECT], umask=0o077)
        mode = stat.S_IMODE(os.stat(f"{d}/new.txt").st_mode)
        check("-o a new file: mode 0666 less the umask (077 -> 0600)", mode == 0o600, oct(mode))
        code, _, _ = run(ONLY_ANY + ["-o", f"{d}/new2.txt", PROJECT], umask=0o002)
        mode = stat.S_IMODE(os.stat(f"{d}/new2.txt").st_mode)
        check("-o a new file: umask 002 -> 0664", mode == 0o664, oct(mode))
        os.chmod(f"{d}/new2.txt", 0o640)
        code, _, _ = run(ONLY_ANY + ["-o", f"{d}/new2.txt", PROJECT], umask=0o022)
        mode = stat.S_IMODE(os.stat(f"{d}/new2.txt").st_mode)
        check("-o over a file keeps its mode", mode == 0o640, oct(mode))


MASK = (1 << 64) - 1
def github_line_hashes(data: bytes):
    """The upload action's hash per line (src/fingerprints.ts), written afresh: the file read
    as UTF-8 with replacement, each UTF-16 code unit hashed."""
    text = data.decode("utf-8", errors="replace")
    units = list(int.from_bytes(text.encode("utf-16-le")[i:i + 2], "little")
                 for i in range(0, len(text.encode("utf-16-le")), 2))
    B = 100
    window = [0] * B
    line_numbers = [-1] * B
    first_mod = pow(37, B, 1 << 64)
    state = dict(h=0, index=0, line=0, start=True, cr=False)
    counts, out = {}, {}

    def output():
        v = format(state["h"], "x")
        counts[v] = counts.get(v, 0) + 1
        out[line_numbers[state["index"]]] = f"{v}:{counts[v]}"
        line_numbers[state["index"]] = -1

    def update(c):
        begin = window[state["index"]]
        window[state["index"]] = c
        state["h"] = (37 * state["h"] + c - first_mod * begin) & MASK
        state["index"] = (state["index"] + 1) % B

    def char(c):
        if c in (32, 9) or (state["cr"] and c == 10):
            state["cr"] = False
            return
        if c == 13:
            c, state["cr"] = 10, True
        else:
            state["cr"] = False
        if line_numbers[state["index"]] != -1:
            output()
        if state["start"]:
            state["start"] = False
            state["line"] += 1
            line_numbers[state["index"]] = state["line"]
        if c == 10:
            state["start"] = True
        update(c)

    for c in units:
        char(c)
    char(65535)
    for _ in range(B):
        if line_numbers[state["index"]] != -1:
            output()
        update(0)
    return out


def test_line_hash_encodings():
    """primaryLocationLineHash is what the upload action computes, whatever the file's bytes."""
    body = ("function f(x: any) { return x }\n"
            "// é, 日本, 🙂\n"
            "export function g(y: any) { return y }\r\n"
            "\tconst h = (z: any) => z  // Ċ ഀ\n")
    files = {
        "plain.ts": body.encode("utf-8"),
        "bom.ts": b"\xef\xbb\xbf" + body.encode("utf-8"),
        "utf16le.ts": b"\xff\xfe" + body.encode("utf-16-le"),
        "utf16be.ts": b"\xfe\xff" + body.encode("utf-16-be"),
    }
    with tempfile.TemporaryDirectory() as d:
        for name, data in files.items():
            with open(f"{d}/{name}", "wb") as f:
                f.write(data)
        code, out, err = run(ONLY_ANY + ["--format", "sarif", d])
        results = json.loads(out)["runs"][0]["results"] if code == 1 else []
        for name, data in files.items():
            want = github_line_hashes(data)
            got = [(r["locations"][0]["physicalLocation"]["region"]["startLine"],
                    r["partialFingerprints"].get("primaryLocationLineHash"))
                   for r in results
                   if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith(name)]
            check(f"primaryLocationLineHash of {name} equals the upload action's (lines 1, 3, 4)",
                  [line for line, _ in got] == [1, 3, 4] and
                  all(h == want.get(line) for line, h in got), f"{got} {want} {err}")


def proper_superset(ctx, reg):
    """The SARIF Multitool's SARIF1008 test (Region.IsProperSupersetOf), for line/column regions."""
    big = 1 << 31
    c = (ctx["startLine"], ctx.get("startColumn", 1), ctx.get("endLine", ctx["startLine"]),
         ctx.get("endColumn", big))
    r = (reg["startLine"], reg.get("startColumn", 1), reg.get("endLine", reg["startLine"]),
         reg.get("endColumn", big))
    if c[0] > r[0] or c[2] < r[2]:
        return False
    if c[0] == r[0] and c[1] > r[1]:
        return False
    if c[2] == r[2] and c[3] < r[3]:
        return False
    return c != r


def physical_locations(result):
    for loc in result.get("locations", []) + result.get("relatedLocations", []):
        yield loc["physicalLocation"]
    for flow in result.get("codeFlows", []):
        for tf in flow["threadFlows"]:
            for step in tf["locations"]:
                yield step["location"]["physicalLocation"]


def test_sarif_shape():
    code, out, err = run(["--format", "sarif", "corpus"])
    sarif_run = json.loads(out)["runs"][0]
    results = sarif_run["results"]
    phys = [p for r in results for p in physical_locations(r)]
    bad = [p for p in phys if "contextRegion" in p and not proper_superset(p["contextRegion"], p["region"])]
    multi = [p for p in phys if p["region"]["endLine"] > p["region"]["startLine"] and "contextRegion" in p]
    check(f"every contextRegion is larger than its region ({len(phys)} locations, "
          f"{len(multi)} multi-line)", code == 1 and not bad and multi, json.dumps(bad[:3]))
    rules = sarif_run["tool"]["driver"]["rules"]
    long_ = [r["id"] for r in rules if len(r["fullDescription"]["text"]) > 1024]
    cut = [r["id"] for r in rules if r["fullDescription"]["text"].endswith("...")]
    check(f"rule fullDescription within GitHub's 1,024 characters ({len(cut)} cut, the page in help)",
          rules and not long_ and cut and all(r["help"]["markdown"].startswith(f"# {r['id']}") for r in rules),
          f"{long_} {cut}")
    base = "https://github.com/preflight-dev/preflight/blob/main/docs/checks/"
    check("rule helpUri is the check's page in the repository",
          all(r["helpUri"] == f"{base}{r['id']}.md" and os.path.exists(f"docs/checks/{r['id']}.md")
              for r in rules), json.dumps([r.get("helpUri") for r in rules]))
    supp = [r for r in results if "suppressions" in r]
    check(f"suppressed results carry status accepted ({len(supp)})", supp and all(
        r["suppressions"] == [dict({"kind": "inSource", "status": "accepted"},
                                   **({"justification": r["suppressions"][0]["justification"]}
                                      if "justification" in r["suppressions"][0] else {}))]
        for r in supp), json.dumps(supp[:1]))


def generated_repository(d):
    """30,050 findings: 60 files of 500 'any' parameters (notes) and 50 SQL f-strings (errors)."""
    for f in range(60):
        write(f"{d}/web/m{f:02d}.ts", "".join(
            f"export function f{i}(a{i}: any) {{ return a{i} }}\n" for i in range(500)))
    write(f"{d}/engine/q.py", "".join(
        f"def q{i}(cur, name):\n    cur.execute(f\"select * from t{i} where n = '{{name}}'\")\n"
        for i in range(50)))


def test_github_limits():
    with tempfile.TemporaryDirectory() as d:
        generated_repository(f"{d}/repo")
        out = f"{d}/out.sarif"
        code, _, err = run(["--format", "sarif", "-o", out, f"{d}/repo"], cwd=d)
        with open(out, "rb") as f:
            raw = f.read()
        sarif_run = json.loads(raw)["runs"][0]
        results = sarif_run["results"]
        levels = [r["level"] for r in results]
        notes = sarif_run["invocations"][0]["toolExecutionNotifications"]
        want = ("5050 of 30050 results left out: GitHub code scanning accepts at most 25000 "
                "results per run; the most severe were kept (left out: 5050 notes); narrow the "
                "run with --checks or split it by folder and --category to see the rest")
        check("30,050 findings: 25,000 results, every error kept, what was cut said on stderr "
              "and in a notification", code == 1 and len(results) == 25000
              and levels.count("error") == 50 and f"preflight: warning: SARIF: {want}\n" in err
              and any(n["message"]["text"] == want and n["level"] == "warning" for n in notes),
              f"{code} {len(results)} {levels.count('error')} {err[-600:]}")
        keys = [(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                 r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in results]
        check("the kept results stay in path and line order", keys == sorted(keys))
        check(f"the upload is within 10 MB gzipped ({len(gzip.compress(raw)) // 1024} KB)",
              len(gzip.compress(raw)) <= 10 << 20)
        check("at most 10 related and 1,000 flow steps per result", all(
            len(r.get("relatedLocations", [])) <= 10 and
            all(len(tf["locations"]) <= 1000 for cf in r.get("codeFlows", [])
                for tf in cf["threadFlows"]) for r in results))
        p = subprocess.run(["/usr/bin/python3", os.path.join(ROOT, "tests", "validate_sarif.py"),
                            SCHEMA, out], capture_output=True, text=True)
        check("the 30,050-finding SARIF validates against the schema", p.returncode == 0,
              p.stdout + p.stderr)

        # the size limit: lowered for the test, reached by the same code path
        code, _, err = run(["--format", "sarif", "-o", out, f"{d}/repo"], cwd=d,
                           env={"PREFLIGHT_TEST_SARIF_GZIP_LIMIT": "400000"})
        with open(out, "rb") as f:
            raw = f.read()
        results = json.loads(raw)["runs"][0]["results"]
        size = len(gzip.compress(raw))
        check(f"a gzip limit of 400,000 bytes: {len(results)} results in {size} bytes, errors kept",
              code == 1 and 1000 < len(results) < 25000 and size <= 400000
              and sum(r["level"] == "error" for r in results) == 50
              and "of gzipped SARIF per upload" in err, err[-400:])
        code, out_text, err = run(["--format", "sarif", "-q", f"{d}/repo"], cwd=d)
        check("--quiet: the cut is in the SARIF only", code == 1 and err == "", err[-300:])


def test_concurrent_runs():
    """Runs writing one -o at the same time leave one whole report and no temporary file."""
    _, want_text, _ = run(ONLY_ANY + [PROJECT])
    _, want_sarif, _ = run(ONLY_ANY + ["--format", "sarif", PROJECT])
    with tempfile.TemporaryDirectory() as d:
        target = f"{d}/report"
        for round_ in range(5):
            procs = [subprocess.Popen([PREFLIGHT] + ONLY_ANY + ["-j1", "-o", target] +
                                      (["--format", "sarif"] if i % 2 else []) + [PROJECT],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                     for i in range(6)]
            codes = [p.wait() for p in procs]
            got = read(target)
            if not (codes == [1] * 6 and got in (want_text, want_sarif) and os.listdir(d) == ["report"]):
                break
        check("six concurrent runs writing one -o (5 rounds): one whole report, nothing left",
              codes == [1] * 6 and got in (want_text, want_sarif) and os.listdir(d) == ["report"],
              f"{codes} {os.listdir(d)} {len(got)}")


def main():
    for test in (test_formats, test_output_targets, test_line_hash_encodings, test_sarif_shape,
                 test_github_limits, test_concurrent_runs):
        test()
    failed = sum(1 for _, ok in RESULTS if not ok)
    print(f"{len(RESULTS) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
