#!/usr/bin/env python3
"""A pull request from a stranger must not make preflight run a program through git.

Builds the hostile repository forms: a top-level .git/config that names a program for every
key git runs one from (core.fsmonitor, filter.<x>.clean/smudge/process with a .gitattributes
that uses them, diff.external, diff.<x>.command, textconv, pagers, hooks, ssh, gpg, editors,
credential helpers), a filter driver of the user's own global config that the tree's
.gitattributes points every file at (git-lfs's shape), and folders laid out as git
repositories of their own (HEAD, config, objects/, refs/, index) inside the tree. Each
"program" is a script that writes a marker file. The test first shows that plain git runs
them (so the repository is hostile), then runs preflight on `.`, a subfolder, a folder that
poses as a repository, several folders, from outside the repository, and with `--diff REV`,
and asserts that no marker appears, that .git/index is not rewritten, and that the analysis
still lists files through git and reports what it should. As root it also checks that a
repository git refuses (another owner: safe.directory) is named in a notice.

usage: hostile_repo_test.py PREFLIGHT   (run from anywhere)
"""
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile

PREFLIGHT = os.path.abspath(sys.argv[1])
RESULTS = []
TOP = tempfile.mkdtemp(prefix="preflight-hostile-")
MARKERS = os.path.join(TOP, "markers")
HOME = os.path.join(TOP, "home")
PROGS = os.path.join(TOP, "progs")
HOOKS = ["applypatch-msg", "pre-applypatch", "post-applypatch", "pre-commit",
         "pre-merge-commit", "prepare-commit-msg", "commit-msg", "post-commit", "pre-rebase",
         "post-checkout", "post-merge", "pre-push", "pre-receive", "update",
         "proc-receive", "post-receive", "post-update", "reference-transaction",
         "push-to-checkout", "pre-auto-gc", "post-rewrite", "sendemail-validate",
         "fsmonitor-watchman", "p4-changelist", "p4-prepare-changelist", "p4-post-changelist",
         "p4-pre-submit", "post-index-change"]


def check(name, ok, detail=""):
    RESULTS.append((name, ok))
    print(f"{'ok' if ok else 'FAIL'}: {name}" + (f"\n{detail}" if detail and not ok else ""),
          flush=True)
    return ok


def env(**extra):
    """A controlled environment: this test's HOME (its global config), no system config."""
    e = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    e.update(HOME=HOME, NO_COLOR="1", GIT_CONFIG_NOSYSTEM="1")
    e.pop("XDG_CONFIG_HOME", None)
    e.update(extra)
    return e


def prog(label):
    """A 'program' that records that it ran: writes MARKERS/label. Returns its path."""
    path = os.path.join(PROGS, label)
    with open(path, "w") as f:
        # reads nothing: a filter process waiting for its handshake would hang git
        f.write(f"#!/bin/sh\necho \"$0 $*\" >> '{MARKERS}/{label}'\nexit 0\n")
    os.chmod(path, 0o755)
    return path


def markers():
    return sorted(os.listdir(MARKERS))


def clear_markers():
    for m in os.listdir(MARKERS):
        os.unlink(os.path.join(MARKERS, m))


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb" if isinstance(data, bytes) else "w") as f:
        f.write(data)


def git(cwd, *args, check_rc=True):
    p = subprocess.run(["git", "-c", "user.email=t@example.com", "-c", "user.name=t",
                        "-c", "commit.gpgsign=false"] + list(args), cwd=cwd,
                       capture_output=True, text=True, env=env(), timeout=60)
    if check_rc and p.returncode != 0:
        raise SystemExit(f"git {' '.join(args)}: {p.stderr}")
    return p


def preflight(args, cwd):
    p = subprocess.run([PREFLIGHT, "--format", "sarif", "-j1"] + args, cwd=cwd,
                       capture_output=True, text=True, env=env(), timeout=300)
    doc = None
    if p.returncode in (0, 1):
        try:
            doc = json.loads(p.stdout)
        except ValueError:
            pass
    return p.returncode, doc, p.stderr


def results(doc):
    out = set()
    for r in doc["runs"][0].get("results", []):
        loc = r["locations"][0]["physicalLocation"]
        out.add((loc["artifactLocation"]["uri"], loc["region"]["startLine"], r["ruleId"]))
    return out


def notices(doc):
    inv = doc["runs"][0].get("invocations", [{}])[0]
    return [n["message"]["text"] for n in inv.get("toolExecutionNotifications", [])]


ROUTE = ("export async function POST(req: Request) {\n"
         "  return handle(await req.json())\n"
         "}\n"
         "function handle(body: any) {\n"
         "  return body\n"
         "}\n")


def fake_repo(folder, config):
    """A folder laid out as a git directory, as a pull request can add it: HEAD, config,
    objects/ and refs/ (kept by placeholder files), an index."""
    write(os.path.join(folder, "HEAD"), "ref: refs/heads/main\n")
    write(os.path.join(folder, "config"), config)
    write(os.path.join(folder, "objects", "info", "packs"), "")
    write(os.path.join(folder, "refs", "heads", ".keep"), "")
    scratch = tempfile.mkdtemp(dir=TOP)
    git(scratch, "init", "-q")
    write(os.path.join(scratch, "app", "page.ts"), "export const x = 1\n")
    git(scratch, "add", "-A")
    shutil.copy(os.path.join(scratch, ".git", "index"), os.path.join(folder, "index"))


def build():
    """The hostile repository; returns its path."""
    for d in (MARKERS, HOME, PROGS):
        os.makedirs(d)
    repo = os.path.join(TOP, "repo")
    os.makedirs(repo)
    git(repo, "init", "-q", "-b", "main")
    write(os.path.join(repo, "web", "app", "api", "items", "route.ts"), ROUTE)
    write(os.path.join(repo, "engine", "app.py"), "def f(x):\n    return x\n")
    write(os.path.join(repo, "pkg", "util.ts"), "export const u = 1\n")
    write(os.path.join(repo, "supabase", "migrations", "001_init.sql"),
          "create table public.items (id bigint primary key);\n")
    write(os.path.join(repo, ".gitattributes"),
          "*.ts filter=x diff=y\n*.py filter=p diff=y\n*.sql filter=lfs diff=z\npkg/*.ts !filter !diff\n")
    # folders that pose as repositories of their own, committed like any other file
    fake_repo(os.path.join(repo, "web"),
              f"[core]\n\tfsmonitor = {prog('nested-fsmonitor')}\n\tbare = false\n"
              f"\thooksPath = {PROGS}\n[filter \"x\"]\n\tclean = {prog('nested-filter')}\n")
    fake_repo(os.path.join(repo, "engine"),
              f"[core]\n\tfsmonitor = {prog('nested-fsmonitor-worktree')}\n\tbare = false\n"
              f"\tworktree = ..\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "init")

    # the repository's own config names a program for every key that runs one
    hooks = os.path.join(TOP, "hooks")
    os.makedirs(hooks)
    for h in HOOKS:
        for d in (hooks, os.path.join(repo, ".git", "hooks")):
            path = os.path.join(d, h)
            shutil.copy(prog("hook-" + h), path)
            os.chmod(path, 0o755)
    cfg = {
        "core.fsmonitor": prog("fsmonitor"),
        "filter.x.clean": prog("filter-clean"),
        "filter.x.smudge": prog("filter-smudge"),
        "filter.x.required": "true",
        "filter.p.process": prog("filter-process"),
        "diff.external": prog("diff-external"),
        "diff.y.command": prog("diff-command"),
        "diff.y.textconv": prog("textconv"),
        "diff.z.textconv": prog("textconv-z"),
        "core.pager": prog("pager"),
        "pager.diff": prog("pager-diff"),
        "pager.ls-files": prog("pager-ls-files"),
        "core.hooksPath": hooks,
        "core.sshCommand": prog("ssh"),
        "gpg.program": prog("gpg"),
        "log.showSignature": "true",
        "core.editor": prog("editor"),
        "core.askPass": prog("askpass"),
        "credential.helper": "!" + prog("credential"),
        "remote.origin.url": "ext::" + prog("ext-transport"),
        "protocol.ext.allow": "always",
        "remote.origin.promisor": "true",
        "extensions.partialClone": "origin",
    }
    for k, v in cfg.items():
        git(repo, "config", k, v)
    # the user's global config: a filter driver the tree's .gitattributes points files at
    write(os.path.join(HOME, ".gitconfig"),
          f"[filter \"lfs\"]\n\tprocess = {prog('global-filter-lfs')}\n"
          f"\tclean = {prog('global-filter-lfs-clean')}\n\trequired = true\n")

    # uncommitted edits (stat dirty, content changed) and an untracked file for --diff
    with open(os.path.join(repo, "web", "app", "api", "items", "route.ts"), "a") as f:
        f.write("export function extra(v: any) {\n  return v\n}\n")
    with open(os.path.join(repo, "pkg", "util.ts"), "a") as f:
        f.write("export function w(v: any) { return v }\n")
    with open(os.path.join(repo, "engine", "app.py"), "a") as f:
        f.write("def g(y):\n    return y\n")
    with open(os.path.join(repo, "supabase", "migrations", "001_init.sql"), "a") as f:
        f.write("create table public.more (id bigint primary key);\n")
    write(os.path.join(repo, "web", "lib", "new.ts"), "export function n(z: any) { return z }\n")
    return repo


def prove_hostile(repo):
    """Plain git runs the programs: the repository is as hostile as the test means."""
    clear_markers()
    git(repo, "ls-files", "-co", "--exclude-standard", check_rc=False)
    route = "web/app/api/items/route.ts"
    for args in (["diff", "HEAD", "--", route], ["diff", "--no-ext-diff", "HEAD", "--", route],
                 ["diff", "HEAD", "--", "engine/app.py"], ["diff", "HEAD", "--", "supabase"],
                 ["diff", "HEAD", "--", "pkg"]):
        git(repo, "-c", "filter.x.required=false", "-c", "filter.lfs.required=false", *args,
            check_rc=False)
    git(repo, "commit", "-q", "--allow-empty", "-m", "probe", check_rc=False)
    fired = set(markers())
    want = {"fsmonitor", "filter-clean", "diff-command", "textconv", "filter-process",
            "global-filter-lfs", "diff-external", "hook-pre-commit"}
    check("plain git runs the hostile repository's programs", want <= fired,
          f"expected {sorted(want)} among {sorted(fired)}")
    git(repo, "reset", "-q", "--soft", "HEAD~1", check_rc=False)
    clear_markers()


def case(name, args, cwd, status=(0, 1), expect=(), notice=None):
    code, doc, err = preflight(args, cwd)
    fired = markers()
    check(f"{name}: no program ran", not fired, f"ran: {fired}\n{err}")
    clear_markers()
    if not check(f"{name}: exit status {code}", code in status, err):
        return None
    if doc is None:
        return None
    got = results(doc)
    missing = [e for e in expect if e not in got]
    check(f"{name}: findings", not missing, f"missing {missing}, got {sorted(got)}\n{err}")
    if notice:
        texts = notices(doc)
        check(f"{name}: notice", any(notice in t for t in texts) and notice in err,
              f"{notice!r} not in {texts} / {err}")
    return doc


def main():
    if not shutil.which("git"):
        print("SKIP: git is not installed")
        return 77
    repo = build()
    prove_hostile(repo)
    index = os.path.join(repo, ".git", "index")
    with open(index, "rb") as f:
        index_before = f.read()
    route = "web/app/api/items/route.ts"
    route_any = (route, 4, "typing-explicit-any")
    new_any = ("web/lib/new.ts", 1, "typing-explicit-any")

    doc = case("preflight .", ["."], repo, expect=[route_any, new_any])
    if doc:
        # listed by git: the fake repository's own files are not languages, the index is
        # not read as code; the ignored-by-walk folders would differ
        uris = {a["location"]["uri"] for a in doc["runs"][0].get("artifacts", [])} or None
        check("preflight .: no notice about the repository",
              not any("repository" in t for t in notices(doc)), str(notices(doc)))
    doc = case("subfolder", ["pkg"], repo, expect=[("pkg/util.ts", 2, "typing-explicit-any")])
    if doc:
        check("subfolder: listed by git, no notice", not notices(doc), str(notices(doc)))
    case("subfolder of a folder posing as a repository", ["web/app"], repo, expect=[route_any],
         notice="bare git repository")
    case("folder posing as a repository", ["web"], repo, expect=[route_any, new_any],
         notice="bare git repository")
    case("folder posing as a repository (worktree=..)", ["engine"], repo)
    case("several folders", ["pkg", "web", "engine", "supabase"], repo, expect=[route_any])
    case("several folders, the repository first", [".", "web", "engine"], repo,
         expect=[route_any])
    case("from outside the repository", [repo], TOP,
         expect=[("web/app/api/items/route.ts", 4, "typing-explicit-any")])
    doc = case("--diff HEAD", ["--diff", "HEAD", "."], repo, status=(1,),
               expect=[(route, 7, "typing-explicit-any"), new_any])
    if doc:
        check("--diff HEAD: only changed lines", route_any not in results(doc),
              str(sorted(results(doc))))
    case("--diff HEAD on a subfolder", ["--diff", "HEAD", "pkg"], repo, status=(1,),
         expect=[("pkg/util.ts", 2, "typing-explicit-any")])
    code, _, err = preflight(["--diff", "HEAD", "web"], repo)
    check("--diff HEAD on a folder posing as a repository fails closed",
          code == 2 and "--diff" in err and not markers(), f"{code} {err} {markers()}")
    clear_markers()
    with open(index, "rb") as f:
        check(".git/index is never rewritten", f.read() == index_before)

    if os.geteuid() == 0:
        other = os.path.join(TOP, "other")
        shutil.copytree(repo, other, symlinks=True)
        for d, dirs, files in os.walk(other):
            for n in dirs + files:
                os.lchown(os.path.join(d, n), 4242, 4242)
        os.lchown(other, 4242, 4242)
        case("a repository git refuses (safe.directory)", ["."], other,
             expect=[route_any], notice="belongs to another user")
    else:
        print("skip: a repository git refuses (needs root to give it another owner)")

    failed = [n for n, ok in RESULTS if not ok]
    print(f"{len(RESULTS) - len(failed)}/{len(RESULTS)} passed")
    return 1 if failed else 0


if __name__ == "__main__":
    try:
        code = main()
    finally:
        for d, dirs, _ in os.walk(TOP):
            for n in dirs:
                p = os.path.join(d, n)
                if not os.path.islink(p):
                    os.chmod(p, stat.S_IRWXU)
        shutil.rmtree(TOP, ignore_errors=True)
    sys.exit(code)
