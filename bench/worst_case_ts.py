#!/usr/bin/env python3
"""bench/worst_case_ts.py — inputs that made per-region walks quadratic, timed end to end.

Writes four generated TypeScript files under bench/work/worst_case/ and times preflight on
each with security-error-message-leak and reliability-missing-retry only (the checks that bind
names per region and walk up from calls). Linear checks finish each in well under a second;
before the fixes of 8d8b769, `block` took 204 s and `nested-ifs` minutes.
  block        3000 `const { data, error } = await supabase...` + a leak each, one block
  nested-try   3000 try/catch levels, each catch leaking its own error (multi-line)
  nested-ifs   1500 nested ifs on one line, each with a Gemini call (walk-up from deep calls:
               the check takes 0.2 s of --stats CPU; the rest is output of 1500 findings that
               all sit on one 70 KB line)
  nested-clean 1500 try/catch levels without any finding

usage: bench/worst_case_ts.py PREFLIGHT [--n N]
"""
import argparse
import os
import subprocess
import sys
import time

CHECKS = "-*,security-error-message-leak,reliability-missing-retry"


def generate(n):
    files = {}
    body = "".join(
        f"  const {{ data: d{i}, error: e{i} }} = await supabase.from('t').select()\n"
        f"  if (e{i}) return NextResponse.json({{ error: e{i}.message }})\n" for i in range(n))
    files["block"] = "export async function GET() {\n" + body + "}\n"
    deep = "x"
    for i in range(n):
        deep = f"try {{\n{deep}\n}} catch (e{i}) {{\nres.json({{ error: e{i}.message }})\n}}"
    files["nested-try"] = deep + "\n"
    ifs = "x"
    for i in range(n // 2):
        ifs = f"if (a{i}) {{ await model.generateContent(p{i}); {ifs} }}"
    files["nested-ifs"] = ("import { GoogleGenerativeAI } from '@google/generative-ai'\n"
                           "async function f() {\n" + ifs + "\n}\n")
    clean = "x"
    for i in range(n // 2):
        clean = f"try {{ res.json({{ ok: 1 }}); {clean} }} catch (e{i}) {{ res.json({{ error: 'x' }}) }}"
    files["nested-clean"] = clean + "\n"
    return files


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("preflight")
    ap.add_argument("--n", type=int, default=3000)
    args = ap.parse_args()
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "work", "worst_case")
    os.makedirs(out, exist_ok=True)
    for name, text in generate(args.n).items():
        path = os.path.join(out, name + ".ts")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        t0 = time.monotonic()
        r = subprocess.run([args.preflight, "-j1", "--exit-zero", "--checks", CHECKS,
                            path], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        dt = time.monotonic() - t0
        found = r.stderr.strip().splitlines()[-1] if r.stderr.strip() else ""
        print(f"{name:13s} {len(text) / 1024:8.0f} KB {dt:7.2f} s  {found}")
        if r.returncode != 0:
            sys.exit(f"preflight exited {r.returncode} on {name}")


if __name__ == "__main__":
    main()
