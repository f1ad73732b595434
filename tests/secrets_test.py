#!/usr/bin/env python3
"""security-hardcoded-secret end to end: no output format carries a secret, fingerprints are
made from the masked text, the message follows what git knows of an env file, and the
allow-paths option. Fake keys come from fake_secrets.py (made here, never committed). Each test
prints one line; the last line counts them.

usage: secrets_test.py PREFLIGHT   (run from the source root)
"""
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import corpus_test  # noqa: E402
import fake_secrets  # noqa: E402

PREFLIGHT = os.path.abspath(sys.argv[1])
ONLY = ["--checks", "-*,security-hardcoded-secret"]
RESULTS = []


def check(name, ok, detail=""):
    RESULTS.append((name, ok))
    print(f"{'ok' if ok else 'FAIL'}: {name}" + (f"\n{detail}" if detail and not ok else ""))


def run(args, cwd):
    p = subprocess.run([PREFLIGHT] + args, cwd=cwd, capture_output=True, text=True,
                       env=dict(os.environ, NO_COLOR="1"))
    return p.returncode, p.stdout, p.stderr


def git(d, *args):
    subprocess.run(["git", "-C", d, "-c", "core.hooksPath=/dev/null", "-c", "user.email=t@t",
                    "-c", "user.name=t"] + list(args), check=True, capture_output=True)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def test_no_output_carries_a_secret():
    with tempfile.TemporaryDirectory() as tmp:
        corpus = corpus_test.materialize("corpus", tmp)
        outputs = {}
        for name, args in [("text", []), ("text --show-suppressed", ["--show-suppressed"]),
                           ("sarif", ["--format", "sarif"]), ("github", ["--format", "github"]),
                           ("github --show-suppressed", ["--format", "github",
                                                         "--show-suppressed"])]:
            code, out, err = run(["--exit-zero", "-j1"] + args + [corpus], tmp)
            outputs[name] = out + err
        # the sample platform's key is committed: a JWT signed with a dummy secret
        with open("corpus/platform/web/.env", encoding="utf-8") as f:
            platform = [line.split("=", 1)[1].strip() for line in f
                        if line.startswith(("SUPABASE_SERVICE_ROLE_KEY=", "DATABASE_URL="))]
        values = sorted(fake_secrets.VALUES) + [platform[0], "FAKE-platform-db-2025"]
        check(f"the fixtures hold {len(values)} fake secrets", len(values) >= 40, str(len(values)))
        for name, out in outputs.items():
            leaked = [v for v in values if v in out]
            check(f"{name}: no secret in the output", not leaked, "\n".join(leaked[:5]))
        code, out, _ = run(["--exit-zero", "--format", "sarif"] + ONLY + [corpus], tmp)
        results = json.loads(out)["runs"][0]["results"]
        masked = [r for r in results
                  if "\u2026" in r["locations"][0]["physicalLocation"]["region"].get("snippet", {})
                  .get("text", "")]
        check("SARIF region snippets show the secret masked (first 4 characters, then ...)",
              len(masked) >= 40, f"{len(masked)} of {len(results)}")


def fingerprints(tmp, value):
    write(f"{tmp}/.env", f"# the audit's .env\nSTRIPE_SECRET_KEY={value}\n")
    code, out, _ = run(["--format", "sarif"] + ONLY + ["."], tmp)
    r = json.loads(out)["runs"][0]["results"][0]
    return r["partialFingerprints"], r["locations"][0]["physicalLocation"]


def test_fingerprints_from_masked_text():
    with tempfile.TemporaryDirectory() as tmp:
        a = fingerprints(tmp, fake_secrets.make("stripe-live", "one"))
        b = fingerprints(tmp, fake_secrets.make("stripe-live", "two"))
        check("fingerprints are made from the masked text (two keys, one fingerprint)",
              a[0] == b[0], f"{a[0]} {b[0]}")
        check("context region shows the masked line",
              a[1]["contextRegion"]["snippet"]["text"] == "STRIPE_SECRET_KEY=sk_l\u2026",
              json.dumps(a[1]))


def test_messages_follow_git():
    key = fake_secrets.make("stripe-live", "git")
    with tempfile.TemporaryDirectory() as d:
        git(d, "init", "-q")
        write(f"{d}/.gitignore", ".env.production\n")
        for name in [".env", ".env.local", ".env.production", ".env.example"]:
            write(f"{d}/{name}", f"STRIPE_SECRET_KEY={key}\n")
        git(d, "add", ".env", ".env.example", ".gitignore")
        code, out, err = run(["-j1"] + ONLY + ["."], d)
        what = ("STRIPE_SECRET_KEY holds a Stripe live secret key: it charges, refunds and reads "
                "customers' payment data; ")
        shown = ("    1 | STRIPE_SECRET_KEY=sk_l\u2026\n"
                 "      | ^~~~~~~~~~~~~~~~~~~~~~~\n")
        want = (f".env:1:1: error: {what}the file is tracked by git, so the key is in the "
                "repository's history: rotate it, remove the file from the index (git rm "
                "--cached .env) and ignore it (.env*.local in .gitignore) "
                "[security-hardcoded-secret]\n" + shown +
                f".env.example:1:1: error: {what}a template is shared to be copied: write a "
                "placeholder here and rotate the key [security-hardcoded-secret]\n" + shown +
                f".env.local:1:1: error: {what}git does not ignore the file, one 'git add' away "
                "from the repository: add it to .gitignore (.env*.local) "
                "[security-hardcoded-secret]\n" + shown)
        check("tracked, template and untracked env files: whole text output (ignored: unread)",
              out == want and code == 1, f"--- want\n{want}--- got\n{out}{err}")
    with tempfile.TemporaryDirectory() as d:
        write(f"{d}/.env", f"STRIPE_SECRET_KEY={key}\n")
        code, out, _ = run(["-j1"] + ONLY + ["."], d)
        check("an env file outside git", "keep env files out of version control" in out, out)
        code, out, _ = run(["-j1"] + ONLY + [".env"], d)
        check("an env file named on the command line", "keep env files out of version" in out,
              out)


def test_allow_paths():
    key = fake_secrets.make("openai-proj", "allow")
    with tempfile.TemporaryDirectory() as d:
        write(f"{d}/tests/fixtures/.env", f"OPENAI_API_KEY={key}\n")
        write(f"{d}/app/.env", f"OPENAI_API_KEY={key}\n")
        write(f"{d}/.preflight.json", json.dumps(
            {"options": {"security-hardcoded-secret": {"allow-paths": ["tests/fixtures/**"]}}}))
        code, out, err = run(["-j1", "--format", "github"] + ONLY + ["."], d)
        files = sorted({line.split("file=", 1)[1].split(",", 1)[0] for line in out.splitlines()
                        if line.startswith("::")})
        check("allow-paths: files in the allowed folders are not reported",
              files == ["app/.env"], f"{files}\n{err}")


def main():
    for test in (test_no_output_carries_a_secret, test_fingerprints_from_masked_text,
                 test_messages_follow_git, test_allow_paths):
        test()
    failed = sum(1 for _, ok in RESULTS if not ok)
    print(f"{len(RESULTS) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
