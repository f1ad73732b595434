#!/usr/bin/env python3
"""End-to-end tests of what reviewers and CI use: --diff and --diff-file in temporary git
repositories, --baseline, inline suppressions in TypeScript, Python and SQL (and their SARIF
form), unused suppressions, --category, and configuration errors that name their key. Each
test prints one line; the last line counts them.

usage: review_test.py PREFLIGHT SCHEMA.json   (run from the source root)
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

PREFLIGHT = os.path.abspath(sys.argv[1])
SCHEMA = os.path.abspath(sys.argv[2])
ROOT = os.getcwd()
RESULTS = []


def run(args, cwd, stdin=None):
    p = subprocess.run([PREFLIGHT] + args, cwd=cwd, capture_output=True, text=True,
                       input=stdin, env=dict(os.environ, NO_COLOR="1"))
    return p.returncode, p.stdout, p.stderr


def check(name, ok, detail=""):
    RESULTS.append((name, ok))
    print(f"{'ok' if ok else 'FAIL'}: {name}" + (f"\n{detail}" if detail and not ok else ""))


def write(path, text):
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def validate(doc):
    with tempfile.NamedTemporaryFile("w", suffix=".sarif", delete=False) as f:
        json.dump(doc, f)
    p = subprocess.run(["/usr/bin/python3", os.path.join(ROOT, "tests", "validate_sarif.py"),
                        SCHEMA, f.name], capture_output=True, text=True)
    os.unlink(f.name)
    return p.returncode == 0, p.stdout + p.stderr


def sarif(args, cwd, stdin=None):
    code, out, err = run(["--format", "sarif", "-j1"] + args, cwd, stdin)
    if code not in (0, 1):
        return code, None, err
    return code, json.loads(out), err


def results(doc, suppressed=None):
    """(uri, line, ruleId) of the results; suppressed=True/False keeps only those."""
    out = []
    for r in doc["runs"][0]["results"]:
        if suppressed is not None and bool(r.get("suppressions")) != suppressed:
            continue
        loc = r["locations"][0]["physicalLocation"]
        out.append((loc["artifactLocation"]["uri"], loc["region"]["startLine"], r["ruleId"]))
    return sorted(out)


class Repo:
    """A temporary git repository."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="preflight-review-")
        self.git("init", "-q", "-b", "main")

    def git(self, *args, stdin=None):
        p = subprocess.run(["git", "-c", "user.email=t@example.com", "-c", "user.name=t",
                            "-c", "commit.gpgsign=false"] + list(args), cwd=self.dir,
                           capture_output=True, text=True, input=stdin)
        if p.returncode != 0:
            raise SystemExit(f"git {' '.join(args)}: {p.stderr}")
        return p.stdout

    def write(self, rel, text):
        write(os.path.join(self.dir, rel), text)

    def commit(self, message):
        self.git("add", "-A")
        self.git("commit", "-qm", message)

    def close(self):
        shutil.rmtree(self.dir)


ANY = ["--checks", "-*,typing-explicit-any"]


def test_diff():
    repo = Repo()
    try:
        repo.write("web/lib/leads.ts",
                   "export function oldHelper(row: any) { return row }\n"
                   "export const limit = 10\n")
        repo.write("web/lib/moved.ts",
                   "export function stays(x: any) { return x }\n"
                   "export const a = 1\n"
                   "export const b = 2\n"
                   "export const c = 3\n")
        repo.write("engine/search.py",
                   "def find(cur, name):\n"
                   "    q = \"select * from users where name = 'x'\"\n"
                   "    cur.execute(q)\n"
                   "    return cur.fetchall()\n")
        repo.write("supabase/migrations/001_init.sql",
                   "create table public.tours (id bigint primary key);\n"
                   "alter table public.tours enable row level security;\n"
                   "create table public.leads (id bigint primary key, tour_id bigint references public.tours (id));\n"
                   "alter table public.leads enable row level security;\n"
                   "create index leads_tour_id_idx on public.leads (tour_id);\n"
                   "create table public.notes (id bigint primary key, lead_id bigint references public.leads (id));\n"
                   "alter table public.notes enable row level security;\n")
        repo.commit("base")
        repo.git("branch", "base")
        # the change: a new any in leads.ts, a rename with one new line, a sink whose string
        # becomes an f-string on the line above it, and a migration dropping an index
        repo.write("web/lib/leads.ts",
                   "export function oldHelper(row: any) { return row }\n"
                   "export function newHelper(patch: Record<string, any>) { return patch }\n"
                   "export const limit = 10\n")
        os.rename(os.path.join(repo.dir, "web/lib/moved.ts"), os.path.join(repo.dir, "web/lib/renamed.ts"))
        repo.write("web/lib/renamed.ts",
                   "export function stays(x: any) { return x }\n"
                   "export const a = 1\n"
                   "export const b = 2\n"
                   "export const c = 3\n"
                   "export function added(y: any) { return y }\n")
        repo.write("engine/search.py",
                   "def find(cur, name):\n"
                   "    q = f\"select * from users where name = '{name}'\"\n"
                   "    cur.execute(q)\n"
                   "    return cur.fetchall()\n")
        repo.write("supabase/migrations/002_drop.sql", "drop index public.leads_tour_id_idx;\n")
        repo.commit("change")

        code, doc, err = sarif(["--diff", "base", "."], repo.dir)
        got = results(doc) if doc else []
        check("--diff: exit 1 with new findings", code == 1, err)
        check("--diff reports the finding added in the last commit",
              ("web/lib/leads.ts", 2, "typing-explicit-any") in got, str(got))
        check("--diff hides the finding that was already there",
              ("web/lib/leads.ts", 1, "typing-explicit-any") not in got, str(got))
        check("--diff follows a renamed file: its new line only",
              ("web/lib/renamed.ts", 5, "typing-explicit-any") in got and
              ("web/lib/renamed.ts", 1, "typing-explicit-any") not in got, str(got))
        check("--diff keeps a finding whose related location changed (the f-string above the sink)",
              ("engine/search.py", 3, "security-sql-string-formatting") in got, str(got))
        check("--diff keeps a project finding on a changed line (DROP INDEX of a foreign key's index)",
              ("supabase/migrations/002_drop.sql", 1, "performance-unindexed-foreign-key") in got, str(got))
        check("--diff hides the project finding on unchanged lines (the old unindexed notes.lead_id)",
              not any(u.endswith("001_init.sql") for u, _, _ in got), str(got))
        ok, detail = validate(doc) if doc else (False, err)
        check("--diff: SARIF validates", ok, detail)

        text_code, text_out, _ = run(["--diff", "base", "."], repo.dir)
        patch = repo.git("diff", "base", "HEAD")
        code2, doc2, err2 = sarif(["--diff-file", "-", "."], repo.dir, stdin=patch)
        check("--diff-file - (stdin) gives the same findings as --diff",
              doc2 is not None and results(doc2) == got, f"{results(doc2) if doc2 else err2}\n{got}")
        patch_file = os.path.join(repo.dir, "..", os.path.basename(repo.dir) + ".patch")
        write(patch_file, repo.git("diff", "-U5", "base", "HEAD"))
        code3, text3, _ = run(["--diff-file", patch_file, "."], repo.dir)
        os.unlink(patch_file)
        check("--diff-file FILE with context lines gives the same text output",
              code3 == text_code == 1 and text3 == text_out, f"{text3}\n---\n{text_out}")

        # uncommitted and untracked work counts as changed
        repo.write("web/lib/wip.ts", "export const wip = (z: any) => z\n")
        code, doc, _ = sarif(ANY + ["--diff", "HEAD", "."], repo.dir)
        check("--diff HEAD: only the untracked file's finding",
              doc is not None and results(doc) == [("web/lib/wip.ts", 1, "typing-explicit-any")],
              str(results(doc) if doc else None))
        os.unlink(os.path.join(repo.dir, "web/lib/wip.ts"))
        code, out, err = run(ANY + ["--diff", "HEAD", "."], repo.dir)
        check("--diff with nothing changed: exit 0, and the summary says what was left out",
              code == 0 and out == "" and "on unchanged lines" in err, out + err)

        code, _, err = run(["--diff", "no-such-rev", "."], repo.dir)
        check("--diff of an unknown revision: exit 2, says so", code == 2 and "no-such-rev" in err, err)
        code, _, err = run(["--diff=--output=x", "."], repo.dir)
        check("--diff of something that is an option to git: exit 2", code == 2 and
              "needs a revision" in err and not os.path.exists(os.path.join(repo.dir, "x")), err)
        code, _, err = run(["--diff", "base", "--diff-file", "-", "."], repo.dir)
        check("--diff with --diff-file: exit 2", code == 2 and "exclude each other" in err, err)
        code, _, err = run(["--diff-file", "/no/such.patch", "."], repo.dir)
        check("--diff-file of a missing file: exit 2", code == 2 and "/no/such.patch" in err, err)
        code, _, err = run(["--diff-file", "-", "."], repo.dir, stdin="@@ -1 +x @@\n")
        check("--diff-file with a malformed hunk: exit 2 naming the line", code == 2 and "line 1" in err, err)
        # a failed `gh pr diff > pr.diff` must not turn the gate green
        for name, text, word in [("an empty diff", "", "is empty"),
                                 ("a blank diff", "\n \n", "is empty"),
                                 ("an error page", "<html>502 Bad Gateway</html>\n", "not a unified diff"),
                                 ("a message", "error: could not find pull request\n", "not a unified diff")]:
            code, out, err = run(["--diff-file", "-", "."], repo.dir, stdin=text)
            check(f"--diff-file of {name}: exit 2, says why", code == 2 and word in err and out == "",
                  f"{code} {out} {err}")
        code, _, err = run(["--diff-file", "-", "."], repo.dir,
                           stdin="diff --git a/x.ts b/x.ts\ndeleted file mode 100644\n--- a/x.ts\n"
                                 "+++ /dev/null\n@@ -1 +0,0 @@\n-export const x = 1\n")
        check("--diff-file that only deletes a file is a diff (exit 0)", code == 0, err)
        big = os.path.join(repo.dir, "..", os.path.basename(repo.dir) + "-big.patch")
        with open(big, "w") as f:
            f.write("--- a/x.ts\n+++ b/x.ts\n")
            f.truncate(65 << 20)
        code, _, err = run(["--diff-file", big, "."], repo.dir)
        os.unlink(big)
        check("--diff-file over 64 MB: exit 2, names the limit", code == 2 and "64 MB" in err, err)
    finally:
        repo.close()
    with tempfile.TemporaryDirectory() as d:
        write(f"{d}/a.ts", "export function f(x: any) { return x }\n")
        code, _, err = run(["--diff", "main", "."], d)
        check("--diff outside git: exit 2, points to --diff-file", code == 2 and "--diff-file" in err, err)


ROUTE = ("import { z } from 'zod'\n"
         "import { createClient } from '@/lib/supabase/server'\n"
         "\n"
         "const Lead = z.object({ email: z.string().email() })\n"
         "\n"
         "export async function POST(req: Request) {\n"
         "  const supabase = await createClient()\n"
         "  let body = await req.json()\n"
         "  body = Lead.parse(body)\n"
         "  await supabase.from('leads').insert(body)\n"
         "  return Response.json({ ok: true })\n"
         "}\n")
MIGRATION = ("create table public.leads (id bigint primary key, email text);\n"
             "alter table public.leads enable row level security;\n")


def test_diff_deletions():
    """--diff REV: what a change causes by deleting lines, compared with the merge base."""
    repo = Repo()
    try:
        repo.write("web/app/api/leads/route.ts", ROUTE)
        repo.write("web/app/api/other/route.ts", ROUTE.replace("  body = Lead.parse(body)\n", ""))
        repo.write("supabase/migrations/001_leads.sql", MIGRATION)
        repo.write("supabase/migrations/002_notes.sql",
                   "create table public.notes (id bigint primary key);\n"
                   "alter table public.notes enable row level security;\n")
        repo.write("supabase/migrations/003_tours.sql",
                   "create table public.tours (id bigint primary key);\n")
        repo.write("supabase/migrations/004_tours_rls.sql",
                   "alter table public.tours enable row level security;\n")
        repo.commit("base")
        repo.git("branch", "base")
        code, out, err = run(["--diff", "base", "."], repo.dir)
        check("--diff REV with nothing changed: exit 0", code == 0 and out == "", out + err)

        # the pull request only deletes lines
        repo.write("web/app/api/leads/route.ts", ROUTE.replace("  body = Lead.parse(body)\n", ""))
        repo.write("supabase/migrations/002_notes.sql",
                   "create table public.notes (id bigint primary key);\n")
        os.unlink(os.path.join(repo.dir, "supabase/migrations/004_tours_rls.sql"))
        repo.commit("delete the validation and two RLS statements")
        code, doc, err = sarif(["--diff", "base", "."], repo.dir)
        got = results(doc) if doc else []
        check("--diff REV: deleting .parse(body) fails the review (the insert on an unchanged line)",
              code == 1 and ("web/app/api/leads/route.ts", 9, "security-unvalidated-input-to-query") in got,
              f"{got}\n{err}")
        check("--diff REV: deleting 'enable row level security' fails the review",
              ("supabase/migrations/002_notes.sql", 1, "security-rls-disabled") in got, str(got))
        check("--diff REV: deleting the migration that enabled RLS fails the review (a finding "
              "in an unchanged migration)", ("supabase/migrations/003_tours.sql", 1,
                                              "security-rls-disabled") in got, str(got))
        check("--diff REV: an unchanged file's old finding stays hidden",
              not any(u == "web/app/api/other/route.ts" for u, _, _ in got), str(got))
        check("--diff REV: nothing else", len(got) == 3, str(got))
        res = doc["runs"][0]["results"] if doc else []
        check("--diff REV: results are baselineState new",
              res and all(r.get("baselineState") == "new" for r in res), json.dumps(res)[:400])
        props = doc["runs"][0]["properties"].get("review", {}) if doc else {}
        check("--diff REV: a run property says what was compared",
              props.get("diff") == "base" and len(props.get("mergeBase", "")) >= 40 and
              props.get("filesAnalyzedAtMergeBase") == 5, json.dumps(props))
        check("--diff REV: automationDetails of its own (does not close the full scan's alerts)",
              doc and doc["runs"][0].get("automationDetails", {}).get("id") == "preflight-review/",
              json.dumps(doc["runs"][0].get("automationDetails") if doc else None))
        ok, detail = validate(doc) if doc else (False, err)
        check("--diff REV: SARIF validates", ok, detail)
        patch = repo.git("diff", "base", "HEAD")
        code, doc2, err = sarif(["--diff-file", "-", "."], repo.dir, stdin=patch)
        check("--diff-file (no tree to compare with) still reports changed lines only",
              doc2 is not None and results(doc2) == [], str(results(doc2) if doc2 else err))

        # a re-indented old finding on a changed line is kept, and marked unchanged
        repo.git("checkout", "-q", "-b", "indent", "base")
        repo.write("web/app/api/other/route.ts",
                   ROUTE.replace("  body = Lead.parse(body)\n", "").replace(
                       "  await supabase", "    await supabase"))
        repo.commit("indent")
        # the finding followed is the unvalidated input's (the route has no authentication
        # either, which security-missing-auth reports on the handler's unchanged line)
        only = ["--checks", "-*,security-unvalidated-input-to-query"]
        code, doc, err = sarif(only + ["--diff", "base", "."], repo.dir)
        res = doc["runs"][0]["results"] if doc else []
        check("--diff REV: a finding on a changed line that the base had is baselineState unchanged",
              [r.get("baselineState") for r in res] == ["unchanged"], json.dumps(res)[:400])
        # the merge base, not the tip of REV: base moving on does not count as the change
        repo.git("checkout", "-q", "base")
        repo.write("web/app/api/leads/route.ts", ROUTE.replace("  body = Lead.parse(body)\n", ""))
        repo.commit("base moves on")
        repo.git("checkout", "-q", "indent")
        code, doc, err = sarif(only + ["--diff", "base", "."], repo.dir)
        check("--diff REV compares with the merge base",
              doc is not None and [u for u, _, _ in results(doc)] == ["web/app/api/other/route.ts"],
              str(results(doc) if doc else err))
    finally:
        repo.close()


HELPER = """import { createClient } from '@supabase/supabase-js'

const supabase = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!)

export async function saveLead(lead: unknown) {
  return supabase.from('leads').insert(lead)
}
"""
IMPORTER = """import { saveLead } from '@/lib/leads'

export async function POST(req: Request) {
  const body = await req.json()
  return Response.json(await saveLead(body))
}
"""


def test_diff_imports():
    """--diff REV: the base tree is analysed with the project modules a changed file imports
    (one hop), so a finding that runs through an unchanged helper is not new by default."""
    repo = Repo()
    only = ["--checks", "-*,security-unvalidated-input-to-query"]
    try:
        repo.write("web/lib/leads.ts", HELPER)
        repo.write("web/app/api/leads/route.ts", IMPORTER)
        repo.write("web/tsconfig.json", '{"compilerOptions": {"paths": {"@/*": ["./*"]}}}\n')
        repo.commit("base")
        repo.git("branch", "base")
        code, doc, err = sarif(only + ["."], repo.dir)
        full = results(doc) if doc else []
        check("the full scan: the body reaches the helper's insert (one module away)",
              full == [("web/app/api/leads/route.ts", 5, "security-unvalidated-input-to-query")],
              f"{full}\n{err}")
        # an unrelated edit of the importer: its old finding is not the change's
        repo.write("web/app/api/leads/route.ts", IMPORTER.replace(
            "export async function POST", "// leads are saved as sent\nexport async function POST"))
        repo.commit("a comment")
        code, doc, err = sarif(only + ["--diff", "base", "."], repo.dir)
        got = results(doc) if doc else []
        props = doc["runs"][0]["properties"].get("review", {}) if doc else {}
        check("--diff REV: an edit elsewhere in a file that imports a helper leaves the finding "
              "through the helper hidden (the helper is analysed at the base too)",
              code == 0 and got == [] and props.get("filesAnalyzedAtMergeBase") == 2,
              f"{got} {json.dumps(props)}\n{err}")
        # the change adds a second call to the helper: that one is new
        repo.write("web/app/api/leads/route.ts", IMPORTER.replace(
            "  return Response.json(await saveLead(body))",
            "  await saveLead(body.copy)\n  return Response.json(await saveLead(body))"))
        repo.commit("a second save")
        code, doc, err = sarif(only + ["--diff", "base", "."], repo.dir)
        got = results(doc) if doc else []
        check("--diff REV: a new call into the helper is reported, the old one is not",
              code == 1 and got == [("web/app/api/leads/route.ts", 5,
                                     "security-unvalidated-input-to-query")], f"{got}\n{err}")
    finally:
        repo.close()


def test_first_commit():
    """The pre-commit hook runs --diff HEAD before the repository's first commit."""
    repo = Repo()
    try:
        repo.write("a.ts", "export function f(x: any) { return x }\n")
        repo.git("add", "a.ts")
        code, doc, err = sarif(ANY + ["--diff", "HEAD", "."], repo.dir)
        check("--diff HEAD with no commit yet: every file is new",
              code == 1 and doc is not None and results(doc) == [("a.ts", 1, "typing-explicit-any")],
              err)
        code, _, err = run(ANY + ["--diff", "main", "."], repo.dir)
        check("--diff of another revision with no commit yet: exit 2", code == 2, err)
    finally:
        repo.close()


def test_baseline():
    with tempfile.TemporaryDirectory() as d:
        write(f"{d}/api.ts",
              "export function parse(body: any) { return body }\n"
              "export function log(entry: any) { console.log(entry) }\n")
        base = os.path.join(d, "..", os.path.basename(d) + "-baseline.sarif")
        code, _, err = run(["--format", "sarif", "-o", base, "."], d)
        check("baseline written (exit 1)", code == 1, err)
        code, out, err = run(["--baseline", base, "."], d)
        check("--baseline of the same code: nothing new, exit 0",
              code == 0 and out == "" and "2 in the baseline" in err, out + err)
        # lines move, an old finding is copied (same text, same file), a new one appears
        write(f"{d}/api.ts",
              "// parsing\n"
              "export function parse(body: any) { return body }\n"
              "export function log(entry: any) { console.log(entry) }\n"
              "export function parse(body: any) { return body }\n"
              "export function other(v: any) { return v }\n")
        code, doc, err = sarif(["--baseline", base, "."], d)
        got = results(doc) if doc else []
        check("--baseline hides the old findings though their lines moved",
              ("api.ts", 2, "typing-explicit-any") not in got and
              ("api.ts", 3, "typing-explicit-any") not in got, str(got))
        check("--baseline shows a duplicated old finding as new (occurrence :2)",
              ("api.ts", 4, "typing-explicit-any") in got, str(got))
        check("--baseline shows the new finding", ("api.ts", 5, "typing-explicit-any") in got and
              len(got) == 2 and code == 1, str(got))
        fps = [r["partialFingerprints"]["preflight/v1"] for r in doc["runs"][0]["results"]] if doc else []
        check("the duplicate's fingerprint carries its occurrence number",
              any(fp.endswith(":2") for fp in fps), str(fps))
        run_doc = doc["runs"][0] if doc else {}
        check("--baseline: results are baselineState new, the run says it was a review",
              all(r.get("baselineState") == "new" for r in run_doc.get("results", [1])) and
              run_doc.get("automationDetails", {}).get("id") == "preflight-review/" and
              run_doc["properties"]["review"] == {"baseline": base, "findingsHidden": 2},
              json.dumps({k: run_doc.get(k) for k in ("automationDetails", "properties")}))
        code, doc, err = sarif(["--baseline", base, "--category", "web-review", "."], d)
        check("--baseline --category NAME: the category given wins",
              doc and doc["runs"][0]["automationDetails"]["id"] == "web-review/", err)
        code, _, err = run(["--baseline", os.path.join(d, "missing.sarif"), "."], d)
        check("--baseline of a missing file: exit 2", code == 2 and "missing.sarif" in err, err)
        write(f"{d}/bad.sarif", "{\"version\": \"2.1.0\"}")
        code, _, err = run(["--baseline", f"{d}/bad.sarif", "."], d)
        check("--baseline of a non-SARIF file: exit 2", code == 2 and "not a SARIF log" in err, err)
        with open(f"{d}/huge.sarif", "w") as f:
            f.write("{\"runs\": [")
            f.truncate(257 << 20)
        code, _, err = run(["--baseline", f"{d}/huge.sarif", "."], d)
        os.unlink(f"{d}/huge.sarif")
        check("--baseline over 256 MB: exit 2, names the limit", code == 2 and "256 MB" in err, err)
        os.unlink(base)


SUPPRESSION_FILES = {
    "web/app/api/leads/route.ts": (
        "// preflight-ignore-file[typing-explicit-any]: types come from the v1 SDK, replaced in #412\n"
        "export function a(x: any) { return x }\n",
        [(2, "typing-explicit-any", "types come from the v1 SDK, replaced in #412")]),
    "web/lib/sdk.ts": (
        "export function same(x: any) { return x } // preflight-ignore[typing-explicit-any]: SDK callback\n"
        "// preflight-ignore-next-line[typing-*]: generated by openapi-typescript\n"
        "\n"
        "// a comment line between is skipped\n"
        "export function next(y: any) { return y }\n"
        "export function kept(z: any) { return z }\n",
        [(1, "typing-explicit-any", "SDK callback"),
         (5, "typing-explicit-any", "generated by openapi-typescript")]),
    "engine/search.py": (
        "def find(cur, name):\n"
        "    cur.execute(f\"select * from users where name = '{name}'\")  # preflight-ignore[security-sql-string-formatting]: name is an enum value\n"
        "\n"
        "\n"
        "def find2(cur, name):\n"
        "    # preflight-ignore-next-line[security-*]\n"
        "    cur.execute(f\"select * from users where name = '{name}'\")\n"
        "\n"
        "\n"
        "def find3(cur, name):\n"
        "    cur.execute(f\"select * from users where name = '{name}'\")\n",
        [(2, "security-sql-string-formatting", "name is an enum value"),
         (7, "security-sql-string-formatting", None)]),
    "engine/admin.py": (
        "# preflight-ignore-file[security-sql-string-formatting]: admin scripts, run by hand\n"
        "def drop(cur, table):\n"
        "    cur.execute(f\"drop table {table}\")\n",
        [(3, "security-sql-string-formatting", "admin scripts, run by hand")]),
    "supabase/migrations/001_init.sql": (
        "-- preflight-ignore-file[security-rls-disabled]: internal tables, not exposed\n"
        "create table public.jobs (id bigint primary key);\n"
        "create table public.job_logs (\n"
        "  id bigint primary key,\n"
        "  job_id bigint references public.jobs (id) -- preflight-ignore[performance-unindexed-foreign-key]: pruned daily\n"
        ");\n"
        "create table public.job_tags (\n"
        "  id bigint primary key,\n"
        "  /* preflight-ignore-next-line[performance-unindexed-foreign-key]: ten rows */\n"
        "  job_id bigint references public.jobs (id)\n"
        ");\n"
        "create table public.job_runs (\n"
        "  id bigint primary key,\n"
        "  job_id bigint references public.jobs (id)\n"
        ");\n",
        [(2, "security-rls-disabled", "internal tables, not exposed"),
         (3, "security-rls-disabled", "internal tables, not exposed"),
         (5, "performance-unindexed-foreign-key", "pruned daily"),
         (7, "security-rls-disabled", "internal tables, not exposed"),
         (10, "performance-unindexed-foreign-key", "ten rows"),
         (12, "security-rls-disabled", "internal tables, not exposed")]),
}
# what stays reported
UNSUPPRESSED = [("engine/search.py", 11, "security-sql-string-formatting"),
                ("supabase/migrations/001_init.sql", 14, "performance-unindexed-foreign-key"),
                ("web/lib/sdk.ts", 6, "typing-explicit-any")]


def test_suppressions():
    with tempfile.TemporaryDirectory() as d:
        for rel, (text, _) in SUPPRESSION_FILES.items():
            write(f"{d}/{rel}", text)
        code, doc, err = sarif(["."], d)
        if doc is None:
            check("suppressions: SARIF output", False, err)
            return
        ok, detail = validate(doc)
        check("suppressions: SARIF validates", ok, detail)
        by_place = {}
        for r in doc["runs"][0]["results"]:
            loc = r["locations"][0]["physicalLocation"]
            by_place.setdefault((loc["artifactLocation"]["uri"], loc["region"]["startLine"], r["ruleId"]), []).append(r)
        for rel, (_, expected) in SUPPRESSION_FILES.items():
            for line, rule, why in expected:
                rs = by_place.get((rel, line, rule), [])
                sup = [s for r in rs for s in r.get("suppressions", [])]
                want = {"kind": "inSource", "status": "accepted", **({"justification": why} if why else {})}
                check(f"suppressed in SARIF as inSource: {rel}:{line} {rule}",
                      len(rs) == 1 and sup == [want], json.dumps(rs, indent=1)[:2000])
        check("what is not suppressed stays reported, nothing else",
              results(doc, suppressed=False) == UNSUPPRESSED, str(results(doc, suppressed=False)))
        code, out, err = run(["-j1", "."], d)
        shown = sorted(set(re.findall(r"^([\w/.]+):(\d+):\d+: \w+: .*\[([a-z-]+)\]$", out, re.M)))
        check("text output hides suppressed findings",
              [(p, int(l), c) for p, l, c in shown] == UNSUPPRESSED and code == 1, out)
        check("the text summary counts what was suppressed", "12 suppressed in the source" in err, err)
        code, out, _ = run(["-j1", "--show-suppressed", "."], d)
        check("--show-suppressed shows them with their reason",
              "(suppressed: pruned daily)" in out and "web/lib/sdk.ts:1:" in out, out)
        code, out, _ = run(["-j1", "--format", "github", "."], d)
        check("github output hides suppressed findings",
              out.count("\n::") == len(UNSUPPRESSED) and "12 suppressed in the source" in out, out)
        # everything suppressed: exit 0
        code, out, err = run(["-j1", "web/app"], d)
        check("only suppressed findings: exit 0", code == 0 and out == "", out + err)


def test_unused_suppressions():
    with tempfile.TemporaryDirectory() as d:
        write(f"{d}/a.ts",
              "export function typed(x: unknown) { return x } // preflight-ignore[typing-explicit-any]: v1\n"
              "// preflight-ignore-next-line[typing-explicit-any]\n"
              "export const b = 1\n"
              "export function c(x: any) { return x } // preflight-ignore[typing-explicit-anyy]\n")
        write(f"{d}/b.py", "x = 1  # preflight-ignore[security-sql-string-formatting]: old\n")
        write(f"{d}/c.sql", "-- preflight-ignore-file[security-rls-disabled]\ncreate index i on t (a);\n")
        code, doc, err = sarif(["."], d)
        got = results(doc) if doc else []
        want = [("a.ts", 1, "maintainability-unused-suppression"),
                ("a.ts", 2, "maintainability-unused-suppression"),
                ("a.ts", 4, "maintainability-unused-suppression"),
                ("a.ts", 4, "typing-explicit-any"),
                ("b.py", 1, "maintainability-unused-suppression"),
                ("c.sql", 1, "maintainability-unused-suppression")]
        check("unused suppressions are reported in TS, Python and SQL", got == want, f"{got}\n{want}")
        rules = [r["id"] for r in doc["runs"][0]["tool"]["driver"]["rules"]] if doc else []
        check("maintainability-unused-suppression is a rule of the run", "maintainability-unused-suppression" in rules)
        msgs = [r["message"]["text"] for r in doc["runs"][0]["results"]] if doc else []
        check("a misspelt id is named as such", any("'typing-explicit-anyy' names no check" in m for m in msgs), str(msgs))
        code, doc, _ = sarif(["--checks", "-maintainability-unused-suppression", "."], d)
        check("--checks -maintainability-unused-suppression turns it off",
              doc is not None and all(r[2] != "maintainability-unused-suppression" for r in results(doc)))
        code, doc, _ = sarif(["--checks", "-*,security-*,maintainability-*", "a.ts"], d)
        got = results(doc) if doc else []
        check("a suppression of a check that did not run is not called unused",
              got == [("a.ts", 4, "maintainability-unused-suppression")], str(got))
        code, _, err = run(["--explain", "maintainability-unused-suppression"], ROOT)
        check("--explain maintainability-unused-suppression", code == 0, err)


def test_category():
    with tempfile.TemporaryDirectory() as d:
        write(f"{d}/a.ts", "export function f(x: any) { return x }\n")
        code, doc, _ = sarif(["--category", "preflight-web", "."], d)
        check("--category sets automationDetails.id to 'NAME/'",
              doc is not None and doc["runs"][0].get("automationDetails") == {"id": "preflight-web/"})
        ok, detail = validate(doc)
        check("--category: SARIF validates", ok, detail)
        code, doc, _ = sarif(["--category", "web/ts/", "."], d)
        check("--category ending in '/' is kept as it is",
              doc is not None and doc["runs"][0]["automationDetails"]["id"] == "web/ts/")
        code, doc, _ = sarif(["."], d)
        check("no --category, no automationDetails", doc is not None and "automationDetails" not in doc["runs"][0])


def check_options():
    """{check id: {option: type}} from --explain of every check."""
    _, out, _ = run(["--list-checks"], ROOT)
    ids = [line.split()[0] for line in out.splitlines() if line.strip()]
    options = {}
    for cid in ids:
        _, doc, _ = run(["--explain", cid], ROOT)
        part = doc.split("## Options in .preflight.json", 1)
        if len(part) == 2:
            options[cid] = dict(re.findall(r"^- `([^`]+)` \(([a-z ]+)\)", part[1], re.M))
    return options


def test_config_errors():
    wrong = {"boolean": "yes", "string": 3, "array of strings": ["ok", 4]}
    want = {"boolean": "a boolean", "string": "a string", "array of strings": "an array of strings"}
    cases = [({"checks": 3}, "'checks'"),
             ({"checks": "-*,no-such-check"}, "no-such-check"),
             ({"exclude": "vendor/"}, "'exclude'"),
             ({"exclude": ["vendor/", 3]}, "'exclude[1]'"),
             ({"max-file-size": "4MB"}, "'max-file-size'"),
             ({"max-file-size": 0}, "'max-file-size'"),
             ({"options": []}, "'options'"),
             ({"options": {"no-such-check": {}}}, "options.no-such-check"),
             ({"options": {"typing-explicit-any": True}}, "options.typing-explicit-any"),
             ({"options": {"typing-explicit-any": {"nope": 1}}}, "options.typing-explicit-any.nope"),
             ({"nope": 1}, "'nope'")]
    for cid, opts in check_options().items():
        for name, kind in opts.items():
            if kind in wrong:
                cases.append(({"options": {cid: {name: wrong[kind]}}},
                              f"options.{cid}.{name} must be {want[kind]}"))
    with tempfile.TemporaryDirectory() as d:
        write(f"{d}/a.ts", "export const a = 1\n")
        for bad, key in cases:
            write(f"{d}/.preflight.json", json.dumps(bad))
            code, out, err = run(["."], d)
            check(f"config error names the key: {json.dumps(bad)}", code == 2 and key in err and
                  ".preflight.json" in err, err)
        # cJSON keeps both copies of a key: a reviewer reads one, the run could use the other
        for text, key in [('{"checks": "*", "checks": "-*"}', "'checks'"),
                          ('{"options": {"typing-explicit-any": {}, "typing-explicit-any": {}}}',
                           "'options.typing-explicit-any'"),
                          ('{"options": {"typing-explicit-any": {"ignore-rest-args": true, '
                           '"ignore-rest-args": false}}}',
                           "'options.typing-explicit-any.ignore-rest-args'")]:
            write(f"{d}/.preflight.json", text)
            code, _, err = run(["."], d)
            check(f"duplicate key is an error: {key}", code == 2 and "duplicate key " + key in err, err)
        write(f"{d}/.preflight.json", "{\"checks\": \"*\",\n \"exclude\": [}\n")
        code, _, err = run(["."], d)
        check("invalid JSON: exit 2 with the file and line", code == 2 and ".preflight.json:2" in err, err)
        os.unlink(f"{d}/.preflight.json")
        write(f"{d}/other.json", json.dumps({"exclude": 1}))
        code, _, err = run(["--config", "other.json", "."], d)
        check("--config FILE is read instead, errors name it", code == 2 and "other.json" in err and
              "'exclude'" in err, err)


def test_config_provenance():
    """A .preflight.json comes with the pull request: the reviewer sees which one ruled, and
    the command line has the last word."""
    any_ts = "export function f(x: any) { return x }\n"
    with tempfile.TemporaryDirectory() as d:
        # above the repository: not the project's (a home, /tmp); must not be read
        write(f"{d}/.preflight.json", "{ not json")
        repo = f"{d}/repo"
        write(f"{repo}/web/a.ts", any_ts + "//" + "x" * 300 + "\n")
        subprocess.run(["git", "init", "-q", repo], check=True)
        code, out, err = run(["web"], repo)
        check("config search stops at the repository root (.git)",
              code == 1 and err.rstrip().endswith("; config: none)"), err)
        write(f"{repo}/.preflight.json", json.dumps({"checks": "-*,typing-explicit-any",
                                                     "max-file-size": 100000000}))
        code, out, err = run(["web"], repo)
        check("stderr summary names the tree's config", code == 1 and
              err.rstrip().endswith("; config: .preflight.json)"), err)
        code, doc, err = sarif(["web"], repo)
        check("SARIF run property names the config and where it came from",
              doc["runs"][0]["properties"]["configuration"] ==
              {"path": ".preflight.json", "from": "the analysed tree"}, err)
        write(f"{d}/reviewer.json", json.dumps({"checks": "-*,security-*"}))
        code, doc, err = sarif(["--config", f"{d}/reviewer.json", "web"], repo)
        check("--config given by the reviewer wins over the tree's",
              code == 0 and doc["runs"][0]["properties"]["configuration"] ==
              {"path": f"{d}/reviewer.json", "from": "--config"} and
              [r["id"] for r in doc["runs"][0]["tool"]["driver"]["rules"]][0].startswith("security-"),
              err)
        code, doc, err = sarif(["--no-config", "web"], repo)
        rules = [r["id"] for r in doc["runs"][0]["tool"]["driver"]["rules"]] if doc else []
        check("--no-config ignores the tree's config", len(rules) > 1 and
              doc["runs"][0]["properties"]["configuration"] == {"path": None}, err)
        code, out, err = run(["--no-config", "web"], repo)
        check("--no-config: the summary says so", "; config: none (--no-config))" in err, err)
        # the tree asks for 100 MB files; the reviewer's ceiling is 100 bytes
        code, out, err = run(["--max-file-size", "100", "web"], repo)
        check("--max-file-size is a ceiling the tree's config cannot raise",
              code == 0 and "web/a.ts: warning: skipped: file too large" in err and
              "'max-file-size' 100000000 is above --max-file-size 100" in err, err)
        write(f"{repo}/.preflight.json", json.dumps({"max-file-size": 50}))
        code, out, err = run(["--max-file-size", "100000", "web"], repo)
        check("a config may lower the ceiling", "file too large" in err and "above" not in err, err)
        write(f"{repo}/.preflight.json", json.dumps({"parse-timeout": 3600}))
        code, out, err = run(["--parse-timeout", "5", "web"], repo)
        check("--parse-timeout is a ceiling too", code == 1 and
              "'parse-timeout' 3600 is above --parse-timeout 5" in err, err)
        for flag, value in [("--max-file-size", "0"), ("--max-file-size", "-5"),
                            ("--max-file-size", "1k"), ("--parse-timeout", "0"),
                            ("--parse-timeout", "nan"), ("--parse-timeout", "4000")]:
            code, _, err = run([flag, value, "web"], repo)
            check(f"{flag} {value}: exit 2", code == 2 and flag in err, err)
    with tempfile.TemporaryDirectory() as d:
        # no repository: the nearest config upward is still the project's
        write(f"{d}/.preflight.json", json.dumps({"checks": "-*,typing-explicit-any"}))
        write(f"{d}/src/a.ts", any_ts)
        code, out, err = run(["src"], d)
        check("outside git the search goes on upward", code == 1 and
              "; config: .preflight.json)" in err, err)


def main():
    for test in (test_diff, test_diff_deletions, test_diff_imports, test_first_commit, test_baseline, test_suppressions, test_unused_suppressions,
                 test_category, test_config_errors, test_config_provenance):
        test()
    failed = sum(1 for _, ok in RESULTS if not ok)
    print(f"{len(RESULTS) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
