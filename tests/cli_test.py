#!/usr/bin/env python3
"""End-to-end tests of the preflight command: golden outputs compared whole, the same output
for every -j, schema-valid SARIF, bad input that must not cost a result, usage errors and the
atomic -o. Each test prints one line; the last line counts them.

usage: cli_test.py PREFLIGHT SCHEMA.json [--update]   (run from the source root)
"""
import json
import os
import shutil
import socket
import stat
import subprocess
import sys
import tempfile

PREFLIGHT = os.path.abspath(sys.argv[1])
SCHEMA = os.path.abspath(sys.argv[2])
UPDATE = "--update" in sys.argv
ROOT = os.getcwd()
GOLDEN = os.path.join(ROOT, "tests", "golden")
RESULTS = []


def run(args, cwd=ROOT, stdin=None):
    p = subprocess.run([PREFLIGHT] + args, cwd=cwd, capture_output=True, text=True,
                       input=stdin, env=dict(os.environ, NO_COLOR="1", GITHUB_WORKSPACE=""))
    return p.returncode, p.stdout, p.stderr


def check(name, ok, detail=""):
    RESULTS.append((name, ok))
    print(f"{'ok' if ok else 'FAIL'}: {name}" + (f"\n{detail}" if detail and not ok else ""))


def validate(path):
    p = subprocess.run(["/usr/bin/python3", os.path.join(ROOT, "tests", "validate_sarif.py"),
                        SCHEMA, path], capture_output=True, text=True)
    return p.returncode == 0, p.stdout + p.stderr


def golden(name, args):
    code, out, err = run(args)
    path = os.path.join(GOLDEN, name)
    if UPDATE:
        with open(path, "w", encoding="utf-8") as f:
            f.write(out)
    with open(path, encoding="utf-8") as f:
        want = f.read()
    check(f"golden {name} (exit {code})", out == want and code == 1,
          f"--- want\n{want}\n--- got\n{out}\n--- stderr\n{err}")
    return out


# the golden files pin the pipeline and its formats, not the set of checks
ONLY_ANY = ["--checks", "-*,typing-explicit-any"]


def test_golden():
    project = "tests/golden/project"
    golden("expected.txt", ONLY_ANY + ["-j1", project])
    golden("expected.github", ONLY_ANY + ["-j1", "--format", "github", project])
    sarif = golden("expected.sarif", ONLY_ANY + ["-j1", "--format", "sarif", project])
    for jobs in ("2", "4"):
        for fmt in ("text", "sarif"):
            _, out, _ = run(ONLY_ANY + [f"-j{jobs}", "--format", fmt, project])
            want = sarif if fmt == "sarif" else open(os.path.join(GOLDEN, "expected.txt")).read()
            check(f"-j{jobs} {fmt} output equals -j1", out == want)
    with tempfile.NamedTemporaryFile("w", suffix=".sarif", delete=False) as f:
        f.write(sarif)
    ok, detail = validate(f.name)
    os.unlink(f.name)
    check("golden SARIF validates against the schema", ok, detail)


def test_sample_sarif():
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "out.sarif")
        code, _, err = run(["--format", "sarif", "-o", out, "corpus"])
        check("sample project: exit 1 with findings", code == 1, err)
        ok, detail = validate(out)
        check("sample project SARIF validates against the schema", ok, detail)
        doc = json.load(open(out))
        run0 = doc["runs"][0]
        rules = run0["tool"]["driver"]["rules"]
        check("every rule has help markdown", all(r.get("help", {}).get("markdown") for r in rules))
        results = run0["results"]
        check("every result has both fingerprints",
              results and all({"primaryLocationLineHash", "preflight/v1"} <= set(r["partialFingerprints"])
                              for r in results))
        check("ruleIndex points at the ruleId",
              all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in results))
        check("uris are relative to %SRCROOT%",
              all(r["locations"][0]["physicalLocation"]["artifactLocation"].get("uriBaseId") == "%SRCROOT%"
                  and not r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith("/")
                  for r in results))


def write(path, data, mode=0o644):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)
    os.chmod(path, mode)


def test_bad_input():
    d = tempfile.mkdtemp()
    try:
        good = b"export function f(x: any) { return x }\n"
        write(f"{d}/good.ts", good)
        write(f"{d}/empty.ts", b"")
        write(f"{d}/nul.ts", b"export const a = 1\0\n")
        write(f"{d}/latin1.ts", b"export const caf\xe9 = (x: any) => x\n")
        write(f"{d}/utf16.ts", "export const u = (x: any) => x\n".encode("utf-16"))
        write(f"{d}/bom.ts", b"\xef\xbb\xbfexport const b = (x: any) => x\n")
        write(f"{d}/crlf.ts", b"// c\r\nexport const c = (x: any) => x\r\n")
        write(f"{d}/broken.ts", b"export function (x: any {{{\n")
        write(f"{d}/locked.ts", good, 0)
        os.makedirs(f"{d}/dir.ts")
        os.symlink(f"{d}/loop", f"{d}/loop")
        os.symlink("/etc/hostname", f"{d}/outside.ts")
        os.mkfifo(f"{d}/fifo.ts")
        sock = socket.socket(socket.AF_UNIX)
        sock.bind(f"{d}/sock.py")
        # a FIFO named on the command line waited for a writer forever
        try:
            p = subprocess.run([PREFLIGHT, f"{d}/fifo.ts", f"{d}/good.ts"], capture_output=True,
                               text=True, timeout=20, env=dict(os.environ, NO_COLOR="1"))
            check("a FIFO argument is skipped with a warning, the rest analysed",
                  p.returncode == 1 and "fifo.ts: warning: skipped: not a regular file (a FIFO)"
                  in p.stderr and "good.ts:1:" in p.stdout, p.stdout + p.stderr)
        except subprocess.TimeoutExpired:
            check("a FIFO argument is skipped with a warning, the rest analysed", False, "hangs")
        code, out, err = run(["--format", "sarif", d])
        check("bad input: the run completes with status 1", code == 1, err)
        doc = json.loads(out)
        lines = {(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].rsplit("/", 1)[-1],
                  r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in doc["runs"][0]["results"]}
        for name, line in [("good.ts", 1), ("utf16.ts", 1), ("bom.ts", 1), ("crlf.ts", 2)]:
            check(f"bad input: {name} still reported", (name, line) in lines, str(sorted(lines)))
        notes = json.dumps(doc["runs"][0]["invocations"][0]["toolExecutionNotifications"])
        for name, word in [("nul.ts", "binary"), ("latin1.ts", "UTF-8"),
                           ("broken.ts", "syntax error at line 1")]:
            check(f"bad input: {name} noticed ({word})", name in notes and word in notes, notes)
        if os.geteuid() != 0:
            check("bad input: unreadable file noticed", "locked.ts" in notes, notes)
        check("bad input: notices on stderr too", "nul.ts" in err and "latin1.ts" in err, err)
        check("bad input: link out of the tree not followed", "outside.ts" not in {n for n, _ in lines})
        for name, kind in [("fifo.ts", "a FIFO"), ("sock.py", "a socket")]:
            check(f"bad input: {name} skipped with a notice ({kind})",
                  f"{name}: note: skipped: not a regular file ({kind})" in err, err)
        with open(f"{d}/out.sarif", "w") as f:
            f.write(out)
        ok, detail = validate(f"{d}/out.sarif")
        check("bad input: SARIF still validates", ok, detail)
    finally:
        sock.close()
        os.chmod(f"{d}/locked.ts", 0o644)
        shutil.rmtree(d)


def test_long_line():
    # minified code: one 180 KB line; findings keep a window of it, not 3,000 copies of it
    line = "const x = 1;" * 15000 + " export function f(a: any) { return a }" + ";y()" * 200
    with tempfile.TemporaryDirectory() as d:
        write(f"{d}/min.ts", (line + "\n").encode())
        code, out, _ = run(ONLY_ANY + [f"{d}/min.ts"])
        text = out.splitlines()
        check("long line: text shows a window with the caret under 'any'",
              code == 1 and len(text) == 3 and len(text[1]) < 600 and text[1].startswith("    1 | ...")
              and text[1][text[2].index("^")] == "a" and text[2].count("~") == 2, out[:2000])
        code, out, _ = run(ONLY_ANY + ["--format", "sarif", f"{d}/min.ts"])
        loc = json.loads(out)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
        check("long line: SARIF region snippet, no whole-line context",
              loc["region"]["snippet"]["text"] == "any" and "contextRegion" not in loc, json.dumps(loc))


def test_check_notice():
    # a file whose data flow exceeds the engine's work budget: the check says so, per file
    lines = ["export async function POST(req: Request) {", "  const body = await req.json()"]
    lines += [f"  let v{i} = body.a{i}" for i in range(3000)]
    lines += [f"  if (v{i % 100}) {{ v{(i * 7) % 3000} = v{(i * 13) % 3000} }}" for i in range(3000)]
    lines += ["  await supabase.from('leads').insert({ x: v1 })", "}"]
    with tempfile.TemporaryDirectory() as d:
        write(f"{d}/route.ts", ("\n".join(lines) + "\n").encode())
        code, out, err = run(["--checks", "-*,security-unvalidated-input-to-query", "--format", "sarif", d])
        notes = json.loads(out)["runs"][0]["invocations"][0]["toolExecutionNotifications"]
        check("a check's notice reaches stderr and SARIF, naming file and check",
              "route.ts: note: security-unvalidated-input-to-query: the data-flow work budget" in err
              and any("work budget" in n["message"]["text"] and n["level"] == "note" for n in notes),
              err + json.dumps(notes))


def test_usage_and_output():
    code, _, err = run(["--format", "xml", "corpus"])
    check("unknown format: exit 2 and says what to type", code == 2 and "text, concise, json, sarif or github" in err, err)
    code, _, err = run(["--checks", "no-such-check", "corpus"])
    check("unknown check glob: exit 2", code == 2 and "matches no check" in err, err)
    code, _, err = run(["--jobs", "0", "corpus"])
    check("bad --jobs: exit 2", code == 2 and "--jobs" in err, err)
    code, _, err = run(["--bogus"])
    check("unknown option: exit 2 with a hint", code == 2 and "--help" in err, err)
    code, _, err = run(["does/not/exist"])
    check("missing path: exit 2", code == 2 and "does/not/exist" in err, err)
    with tempfile.TemporaryDirectory() as d:
        target = os.path.join(d, "missing", "out.sarif")
        code, _, err = run(["--format", "sarif", "-o", target, "tests/golden/project"])
        check("-o into a missing directory: exit 2, nothing left", code == 2 and not os.path.exists(
            os.path.dirname(target)) and os.listdir(d) == [], err)
        target = os.path.join(d, "out.txt")
        code, _, _ = run(ONLY_ANY + ["-o", target, "tests/golden/project"])
        check("-o writes the file whole", code == 1 and open(target).read() ==
              open(os.path.join(GOLDEN, "expected.txt")).read() and os.listdir(d) == ["out.txt"])
    with tempfile.TemporaryDirectory() as d:
        # a glob can expand to a file name that getopt takes for --output (an abbreviation)
        write(f"{d}/--out=a.ts", b"export function f(x: any) { return x }\n")
        code, out, err = run(ONLY_ANY + ["--", "--out=a.ts"], cwd=d)
        check("'--' ends the options: '--out=a.ts' is a file, not --output",
              code == 1 and out.startswith("--out=a.ts:1:") and os.listdir(d) == ["--out=a.ts"],
              out + err)
        code, out, _ = run(["--help"])
        check("--help says what '--' is for", "'--' ends the options" in out)
    code, out, _ = run(["--exit-zero", "tests/golden/project"])
    check("--exit-zero: findings, status 0", code == 0 and "typing-explicit-any" in out)
    code, out, _ = run(["--checks", "-*", "--list-checks"])
    check("--list-checks honours --checks", code == 0 and out == "", out)
    code, out, _ = run(["--list-checks"])
    check("--list-checks lists typing-explicit-any", code == 0 and "typing-explicit-any" in out)
    code, out, _ = run(["--explain", "typing-explicit-any"])
    check("--explain shows the doc page and options", code == 0 and out.startswith("# typing-explicit-any")
          and "ignore-rest-args" in out)
    code, _, err = run(["--explain", "nope"])
    check("--explain of an unknown check: exit 2", code == 2 and "unknown check" in err)
    code, out, err = run(ONLY_ANY + ["--stats", "tests/golden/project"])
    check("--stats: report unchanged, table on stderr",
          code == 1 and out == open(os.path.join(GOLDEN, "expected.txt")).read() and
          "parse typescript" in err and "typing-explicit-any" in err and "peak RSS" in err, err)
    code, out, _ = run(["--version"])
    check("--version", code == 0 and out.startswith("preflight "))
    code, out, _ = run(["--color", "always", "tests/golden/project"])
    check("--color always colours", "\033[" in out)


def test_column_unit():
    """Line 7 of the golden project holds an emoji (4 bytes, 2 UTF-16 units, 1 character)
    before its 'any': each unit gives its own column, SARIF names its unit in columnKind."""
    args = ONLY_ANY + ["--format", "concise", "tests/golden/project/src/leads.ts"]
    cols = {}
    for unit in ("utf-8", "utf-16", "char"):
        code, out, err = run(args + ["--column-unit", unit])
        line = [l for l in out.splitlines() if l.startswith("tests/golden/project/src/leads.ts:7:")]
        cols[unit] = line[0].split(":")[2] if code == 1 and len(line) == 1 else out + err
    _, default, _ = run(args)
    check("--column-unit: the emoji line's 'any' is at byte 42, UTF-16 unit 40, character 39; "
          "bytes by default", cols == {"utf-8": "42", "utf-16": "40", "char": "39"} and
          ":7:42:" in default, json.dumps(cols))
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "chars.sarif")
        code, _, err = run(ONLY_ANY + ["--format", "sarif", "--column-unit", "char", "-o", out,
                                       "tests/golden/project"])
        sarif_run = json.load(open(out))["runs"][0] if code == 1 else {}
        region = [r["locations"][0]["physicalLocation"]["region"] for r in
                  sarif_run.get("results", []) if r["locations"][0]["physicalLocation"]["region"]
                  ["startLine"] == 7 and "leads.ts" in r["locations"][0]["physicalLocation"]
                  ["artifactLocation"]["uri"]]
        valid, why = validate(out)
        check("--format sarif --column-unit char: columnKind unicodeCodePoints, columns in "
              "characters, schema-valid", sarif_run.get("columnKind") == "unicodeCodePoints"
              and [(r["startColumn"], r["endColumn"]) for r in region] == [(39, 42)] and valid,
              json.dumps(region) + err + why)
        code, _, _ = run(ONLY_ANY + ["--format", "sarif", "--column-unit", "utf-16", "-o", out,
                                     "tests/golden/project"])
        check("--format sarif --column-unit utf-16: columnKind utf16CodeUnits", code == 1 and
              json.load(open(out))["runs"][0]["columnKind"] == "utf16CodeUnits")
    for bad, want in ((["--format", "sarif", "--column-unit", "utf-8"], "utf-16 or char"),
                      (["--format", "github", "--column-unit", "char"], "text, concise and sarif"),
                      (["--column-unit", "bytes"], "use utf-8, utf-16 or char")):
        code, out, err = run(bad + ["tests/golden/project"])
        check(f"{' '.join(bad)}: exit 2, says why", code == 2 and want in err and out == "", err)


def test_config():
    with tempfile.TemporaryDirectory() as d:
        write(f"{d}/src/a.ts", b"export function f(...args: any[]) { return args }\nexport function g(x: any) { return x }\n")
        write(f"{d}/gen/b.ts", b"export function h(x: any) { return x }\n")
        write(f"{d}/.preflight.json", json.dumps({
            "exclude": ["gen/"],
            "options": {"typing-explicit-any": {"ignore-rest-args": True}}}).encode())
        code, out, err = run(["--format", "github", "."], cwd=d)
        check("config: exclude and check options apply", code == 1 and "line=2" in out and
              "line=1" not in out and "gen/" not in out, out + err)
        for bad, key in [({"checks": 3}, "'checks' must be a string"),
                         ({"nope": 1}, "unknown key 'nope'"),
                         ({"options": {"typing-explicit-any": {"ignore-rest-args": "yes"}}},
                          "options.typing-explicit-any.ignore-rest-args must be a boolean"),
                         ({"options": {"no-such": {}}}, "options.no-such: no such check")]:
            write(f"{d}/.preflight.json", json.dumps(bad).encode())
            code, _, err = run(["."], cwd=d)
            check(f"config error names the key: {key}", code == 2 and key in err, err)


def test_entry_options():
    """The entry-point model's options: public and rate-limited paths, the user's own auth
    helpers, limiters and expensive calls, compared as the whole concise output."""
    checks = ["--checks", "-*,security-missing-auth,security-missing-rate-limit",
              "--format", "concise"]
    with tempfile.TemporaryDirectory() as d:
        route = ("import OpenAI from 'openai'\nconst openai = new OpenAI()\n"
                 "export async function POST(req: Request) {\n"
                 "  await openai.chat.completions.create({ model: 'm', messages: [] })\n}\n")
        write(f"{d}/app/api/public/chat/route.ts", route.encode())
        write(f"{d}/app/api/chat/route.ts", route.encode())
        write(f"{d}/app/api/own/route.ts", (
            "export async function POST(req: Request) {\n  await getViewerOrThrow()\n"
            "  await withQuota(req)\n  await resend.emails.send({})\n"
            "  await db.from('t').insert({})\n}\n").encode())
        code, out, err = run(checks + ["."], cwd=d)
        want_all = ("app/api/chat/route.ts:3:23: warning: route POST /api/chat calls an LLM with "
                    "no authentication on its path")
        check("entry options: without a config every route is reported",
              code == 1 and out.count("app/api/") == 5 and want_all in out, out + err)
        write(f"{d}/.preflight.json", json.dumps({"options": {
            "security-missing-auth": {"public-paths": ["/api/public/:path*"],
                                      "auth-functions": ["getViewerOrThrow"]},
            "security-missing-rate-limit": {"rate-limited-elsewhere": ["/api/chat"],
                                            "rate-limiters": ["withQuota"],
                                            "expensive-calls": ["resend.emails.send"]}}}).encode())
        code, out, err = run(checks + ["."], cwd=d)
        lines = out.splitlines()
        check("entry options: public and limited paths, own helpers and limiters apply",
              code == 1 and len(lines) == 2 and lines[0].startswith(want_all) and
              lines[1].startswith("app/api/public/chat/route.ts:3:23: warning: route POST "
                                  "/api/public/chat calls an LLM with no rate limit"), out + err)


def reported_files(args, cwd):
    code, out, err = run(ONLY_ANY + ["--format", "github"] + args, cwd=cwd)
    return sorted({line.split("file=", 1)[1].split(",", 1)[0] for line in out.splitlines()
                   if line.startswith("::")}), err


def test_discovery():
    any_ts = b"export function f(x: any) { return x }\n"
    with tempfile.TemporaryDirectory() as d:
        for rel in ["src/a.ts", "node_modules/pkg/index.ts", ".next/server/page.ts", "dist/a.ts",
                    "build/b.ts", "venv/lib/c.ts", "__pycache__/d.ts", "myenv/lib/e.ts",
                    "src/.git/f.ts", "src/deep/er/g.mts", "src/h.txt"]:
            write(f"{d}/{rel}", any_ts)
        write(f"{d}/myenv/pyvenv.cfg", b"home = /usr/bin\n")
        files, err = reported_files(["."], d)
        check("walk skips dependency, build and VCS directories and venvs",
              files == ["src/a.ts", "src/deep/er/g.mts"], f"{files}\n{err}")
        files, _ = reported_files(["node_modules/pkg/index.ts"], d)
        check("an explicit file argument is always analysed", files == ["node_modules/pkg/index.ts"], str(files))
        os.symlink(f"{d}/src", f"{d}/src/loop")
        files, err = reported_files(["src"], d)
        check("directory links are not followed (no loops)", files == ["src/a.ts", "src/deep/er/g.mts"],
              f"{files}\n{err}")
    with tempfile.TemporaryDirectory() as d:
        git = lambda *a: subprocess.run(["git", "-C", d] + list(a), capture_output=True, check=True)
        git("init", "-q")
        write(f"{d}/.gitignore", b"ignored/\n*.gen.ts\n")
        for rel in ["tracked.ts", "untracked.ts", "ignored/x.ts", "y.gen.ts", "dist/z.ts"]:
            write(f"{d}/{rel}", any_ts)
        git("add", "tracked.ts", ".gitignore")
        git("-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qm", "t")
        files, err = reported_files(["."], d)
        check("in a git work tree: tracked and untracked-not-ignored files",
              files == ["dist/z.ts", "tracked.ts", "untracked.ts"], f"{files}\n{err}")
        code, out, _ = run(ONLY_ANY + ["--format", "sarif", "."], cwd=os.path.join(d))
        uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                for r in json.loads(out)["runs"][0]["results"]}
        os.makedirs(f"{d}/sub", exist_ok=True)
        write(f"{d}/sub/s.ts", any_ts)
        code, out, _ = run(ONLY_ANY + ["--format", "sarif", "s.ts"], cwd=f"{d}/sub")
        sub_uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                    for r in json.loads(out)["runs"][0]["results"]}
        check("SARIF uris are relative to the repository root", "tracked.ts" in uris and
              sub_uris == {"sub/s.ts"}, f"{uris} {sub_uris}")
        # text files: discovered as the code files are, never from node_modules, never a
        # lockfile; one that holds binary data is skipped without a word
        write(f"{d}/.env", b"A=1\n")
        write(f"{d}/node_modules/pkg/.env", b"A=1\n")
        write(f"{d}/package-lock.json", b"{}\n")
        write(f"{d}/data.json", b"\x00\x01\x02binary")
        write(f"{d}/docs/guide.md", b"# guide\n")
        git("add", "-f", "node_modules/pkg/.env")
        code, out, err = run(["--format", "sarif", "."], cwd=d)
        props = json.loads(out)["runs"][0]["properties"]
        # four code files, and .env, data.json, docs/guide.md
        check("text files are discovered, lockfiles and node_modules are not",
              props["filesDiscovered"] == 7 and "data.json" not in err, f"{props}\n{err}")


def test_control_bytes():
    """A scanned file's name and lines reach the terminal and CI logs: no control byte may."""
    with tempfile.TemporaryDirectory() as d:
        name = "x\x1b[2J\nforged.ts:9:9: error: all clear [none]\rz.ts"
        write(os.path.join(d, name),
              b"/*\x1b[0m*/ export function f(x: any) { return x + '\x1b]0;pwned\x07\x7f\xc2\x9b2J' }\n")
        p = subprocess.run([PREFLIGHT] + ONLY_ANY + ["."], cwd=d, capture_output=True,
                           env=dict(os.environ, NO_COLOR="1"))
        out = p.stdout.decode("utf-8", "replace")
        bad = [c for c in out if (ord(c) < 0x20 and c not in "\n\t") or 0x7f <= ord(c) <= 0x9f]
        check("text: no control byte of the tree reaches the output", p.returncode == 1 and not bad
              and len(out.splitlines()) == 3, repr(out))
        check("text: control bytes shown as control pictures",
              out.startswith("x\u241b[2J\u240aforged.ts:9:9: error: all clear [none]\u240dz.ts:1:31:")
              and "'\u241b]0;pwned\u2407\u2421\ufffd2J'" in out, repr(out))
        lines = out.splitlines() + ["", "", ""]
        check("text: the caret stays under the range (a control byte before it is one column)",
              lines[2].index("^") == lines[1].index("any") and "/*\u241b[0m*/" in lines[1],
              repr(out))
        p = subprocess.run([PREFLIGHT] + ONLY_ANY + ["--format", "github", "."], cwd=d,
                           capture_output=True, env=dict(os.environ, NO_COLOR="1"))
        out = p.stdout.decode()
        check("github: one line, control bytes as %XX", p.returncode == 1 and
              out.count("\n") == 2 and out.count("::notice") == 1 and "file=./x%1B[2J%0Aforged.ts%3A9%3A9%3A error%3A all clear [none]%0Dz.ts,"
              in out.replace("file=x", "file=./x"), repr(out))
        write(f"{d}/bin\x1b[31m.ts", b"\0")
        p = subprocess.run([PREFLIGHT, "."], cwd=d, capture_output=True)
        err = p.stderr.decode()
        check("stderr notices: file names escaped too", "bin\u241b[31m.ts: warning:" in err and
              "\x1b" not in err, repr(err))


def test_syntax_error_line():
    # when tree-sitter cannot recover, the whole file is one ERROR node starting at byte 0: the
    # notice names the first error inside it (line 5 here), not line 1, column 1
    src = """/// <reference types="vitest" />
import { vi } from 'vitest';

vi.mock('node:os', async (load) => {
  const real = await load<typeof import('node:os')>();
  return { ...real, hostname: vi.fn(() => 'box') };
});

import { handler } from '../route';

vi.mock('node:fs', async (load) => {
  const real = await load<typeof import('node:fs')>()
  return {
    ...real,
    readFileSync: vi.fn((path: string, opts?: { flag?: string }) => ({
      path,
      flag: opts?.flag || 'r',
"""
    with tempfile.TemporaryDirectory() as d:
        write(f"{d}/route.test.ts", src.encode())
        code, out, err = run(["--no-config", d])
        check("an unrecovered parse names its first error's line and column",
              f"{d}/route.test.ts: note: syntax error at line 5, column 51:" in err, err)


def main():
    for test in (test_golden, test_sample_sarif, test_bad_input, test_long_line, test_check_notice,
                 test_syntax_error_line,
                 test_usage_and_output, test_column_unit, test_config, test_entry_options, test_control_bytes,
                 test_discovery):
        test()
    failed = sum(1 for _, ok in RESULTS if not ok)
    print(f"{len(RESULTS) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
