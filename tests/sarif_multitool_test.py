#!/usr/bin/env python3
"""Microsoft's SARIF Multitool (npm @microsoft/sarif-multitool-linux, pinned in tests/tools)
validates the SARIF preflight writes with its SARIF and GitHub rule sets: corpus/platform's
(multi-line regions, code flows, related locations, suppressions), a review run's (--diff:
baselineState, automationDetails) and a generated repository's 30,050 findings (cut to GitHub's
25,000 with a notification). Any error fails; warnings are printed. Exit 77 (skipped) when the
tool cannot be had or does not run here (it is an x86-64 or arm64 Linux binary).

usage: sarif_multitool_test.py PREFLIGHT SCHEMA.json   (run from the source root)
"""
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile

from npm_tools import tool
from output_test import generated_repository

VERSION = "5.7.0"  # tests/tools/package.json pins it
PREFLIGHT = os.path.abspath(sys.argv[1])
GIT = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"]


def preflight(args, cwd):
    p = subprocess.run([PREFLIGHT] + args, cwd=cwd, capture_output=True, text=True,
                       env={**os.environ, "NO_COLOR": "1", "GITHUB_WORKSPACE": ""})
    if p.returncode not in (0, 1):
        sys.exit(f"FAIL: preflight {' '.join(args)} exited {p.returncode}\n{p.stderr}")


def review_run(tmp, out):
    """A pull request's SARIF: corpus/platform committed, then one more finding on a new line."""
    repo = os.path.join(tmp, "review")
    shutil.copytree("corpus/platform", repo)
    subprocess.run(["git", "init", "-q", repo], check=True)
    subprocess.run(GIT + ["-C", repo, "add", "-A"], check=True)
    subprocess.run(GIT + ["-C", repo, "commit", "-qm", "base"], check=True)
    with open(os.path.join(repo, "web", "review.ts"), "w") as f:
        f.write("export function changed(x: any) { return x }\n")
    preflight(["--format", "sarif", "--diff", "HEAD", "-o", out, "."], repo)


def main():
    if platform.machine() not in ("x86_64", "amd64", "aarch64", "arm64"):
        print(f"skipped: no SARIF Multitool build for {platform.machine()}")
        return 77
    multitool = tool("@microsoft/sarif-multitool-linux/Sarif.Multitool")
    if not multitool:
        print(f"skipped: @microsoft/sarif-multitool-linux@{VERSION} is not reachable "
              "(tests/tools/fetch: npm or its registry)")
        return 77
    with tempfile.TemporaryDirectory() as tmp:
        logs = {name: os.path.join(tmp, f"{name}.sarif")
                for name in ("platform", "review", "generated")}
        preflight(["--format", "sarif", "-o", logs["platform"], "corpus/platform"], os.getcwd())
        review_run(tmp, logs["review"])
        generated_repository(os.path.join(tmp, "generated"))
        preflight(["--format", "sarif", "-o", logs["generated"], "generated"], tmp)
        with open(logs["generated"]) as f:
            count = len(json.load(f)["runs"][0]["results"])
        out = os.path.join(tmp, "validation.sarif")
        # a .NET binary: no ICU needed for what it validates, none downloaded
        env = {**os.environ, "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT": "1",
               "DOTNET_CLI_TELEMETRY_OPTOUT": "1"}
        p = subprocess.run([multitool, "validate", "--rule-kind", "Sarif;Gh",
                            "--level", "Error;Warning", "-o", out] + list(logs.values()),
                           capture_output=True, text=True, env=env, timeout=600)
        if not os.path.exists(out):
            if "Analysis completed" not in p.stdout:
                print(f"skipped: the SARIF Multitool does not run here\n{p.stdout[-1500:]}"
                      f"{p.stderr[-1500:]}")
                return 77
            print(f"FAIL: the SARIF Multitool wrote no log\n{p.stdout[-3000:]}{p.stderr}")
            return 1
        with open(out) as f:
            validation = json.load(f)["runs"][0]
        failed = 0
        for name, path in logs.items():
            found = [r for r in validation.get("results", [])
                     if any(loc["physicalLocation"]["artifactLocation"]["uri"].endswith(
                         os.path.basename(path)) for loc in r.get("locations", []))]
            errors = [r for r in found if r.get("level", "warning") == "error"]
            failed += bool(errors)
            size = f", {count} results" if name == "generated" else ""
            print(f"{'FAIL' if errors else 'ok'}: SARIF Multitool {VERSION} (SARIF and GitHub "
                  f"rules) on the {name} SARIF{size}: {len(errors)} errors, "
                  f"{len(found) - len(errors)} warnings")
            for r in found[:20]:
                print(f"  {r.get('level', 'warning')} {r['ruleId']}: {r['message'].get('arguments')}")
        tool_errors = [n for inv in validation.get("invocations", [])
                       for n in inv.get("toolExecutionNotifications", [])
                       if n.get("level") == "error"]
        if tool_errors or not all(inv.get("executionSuccessful")
                                  for inv in validation.get("invocations", [])):
            print(f"FAIL: the SARIF Multitool did not finish\n{json.dumps(tool_errors)[:2000]}")
            failed += 1
        return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
