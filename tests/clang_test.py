#!/usr/bin/env python3
"""The C and C++ front end end to end: flags from compile_commands.json as Clang tools read
them (found at the root, in build*/, or named with --compile-commands), default flags and the
notice when a header is missing, what --version says, and a database that cannot be read.

usage: clang_test.py PREFLIGHT   (run from the source root; skips when built without libclang)
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

PREFLIGHT = os.path.abspath(sys.argv[1])
RESULTS = []

SOURCE = r'''#include <stdio.h>
#include <libpq-fe.h>

void touch(PGconn *conn, const char *id)
{
    char sql[256];
    snprintf(sql, sizeof sql, "UPDATE jobs SET seen = now() WHERE id = '%s'", id);
    PQexec(conn, sql);
}
'''
HEADER = '''typedef struct pg_conn PGconn;
typedef struct pg_result PGresult;
PGresult *PQexec(PGconn *conn, const char *query);
'''


def run(args, cwd):
    p = subprocess.run([PREFLIGHT, "--format", "sarif", "-j1"] + args, cwd=cwd,
                       capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def check(name, ok, detail=""):
    RESULTS.append((name, ok))
    print(f"{'ok' if ok else 'FAIL'}: {name}" + (f"\n{detail}" if detail and not ok else ""))


def results(sarif_text):
    run = json.loads(sarif_text)["runs"][0]
    found = [(r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
              r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in run["results"]]
    notes = [n["message"]["text"] for n in run["invocations"][0].get("toolExecutionNotifications", [])]
    return found, notes


def project(tmp, db_dir=None, command_form=False, extra_args=()):
    """A project whose header is only found with -Iinclude; db_dir: where compile_commands.json
    goes (None: nowhere)."""
    os.makedirs(os.path.join(tmp, "src"))
    os.makedirs(os.path.join(tmp, "include"))
    with open(os.path.join(tmp, "src", "jobs.c"), "w") as f:
        f.write(SOURCE)
    with open(os.path.join(tmp, "include", "libpq-fe.h"), "w") as f:
        f.write(HEADER)
    if db_dir is None:
        return
    build = os.path.join(tmp, db_dir)
    os.makedirs(build, exist_ok=True)
    rel_src = os.path.relpath(os.path.join(tmp, "src", "jobs.c"), build)
    include = os.path.relpath(os.path.join(tmp, "include"), build)
    args = ["cc", "-I" + include, "-DNDEBUG", *extra_args,
            "-c", "-o", "jobs.o", rel_src]
    entry = {"directory": build, "file": rel_src}
    if command_form:
        entry["command"] = " ".join(f"'{a}'" if " " in a else a for a in args)
    else:
        entry["arguments"] = args
    with open(os.path.join(build, "compile_commands.json"), "w") as f:
        json.dump([entry], f)


EXPECTED = [("security-sql-string-formatting", "src/jobs.c", 8)]


def test_database_places():
    for where, command_form in ((".", False), ("build", True), ("build-debug", False)):
        with tempfile.TemporaryDirectory() as tmp:
            project(tmp, where, command_form)
            code, out, err = run(["."], tmp)
            found, notes = results(out)
            check(f"compile_commands.json in {where}/ gives the flags ({'command' if command_form else 'arguments'})",
                  code == 1 and found == EXPECTED and not notes, f"{found}\n{notes}\n{err}")


def test_explicit_database():
    with tempfile.TemporaryDirectory() as tmp:
        project(tmp, "out/cmake")
        code, out, err = run(["--compile-commands", "out/cmake/compile_commands.json", "."], tmp)
        found, notes = results(out)
        check("--compile-commands FILE names the database", code == 1 and found == EXPECTED,
              f"{found}\n{notes}\n{err}")
        code, out, err = run(["--compile-commands", "missing.json", "."], tmp)
        check("--compile-commands with no such file is exit 2 with a message",
              code == 2 and "cannot read 'missing.json'" in err, err)
        with open(os.path.join(tmp, "bad.json"), "w") as f:
            f.write("{not json")
        code, out, err = run(["--compile-commands", "bad.json", "."], tmp)
        check("a database that is not a JSON array is exit 2 with a message",
              code == 2 and "is not a compilation database" in err, err)


def test_outputs_not_written():
    with tempfile.TemporaryDirectory() as tmp:
        project(tmp, "build", extra_args=("-MD", "-MF", "jobs.d"))
        code, out, err = run(["."], tmp)
        found, _ = results(out)
        written = [n for n in os.listdir(os.path.join(tmp, "build")) if n != "compile_commands.json"]
        check("the build's output and dependency options write nothing",
              found == EXPECTED and written == [], f"{found} {written}\n{err}")


def test_missing_header():
    with tempfile.TemporaryDirectory() as tmp:
        project(tmp, None)
        code, out, err = run(["."], tmp)
        found, notes = results(out)
        note = [n for n in notes if "libclang reported" in n]
        check("without the flags, the missing header is a notice that says what to do",
              len(note) == 1 and "'libpq-fe.h' file not found" in note[0]
              and "compile_commands.json" in note[0], f"{notes}\n{err}")
        check("and the code that needs the header is not guessed at", found == [], f"{found}")


def test_header_borrows_flags():
    with tempfile.TemporaryDirectory() as tmp:
        project(tmp, "build")
        with open(os.path.join(tmp, "src", "jobs.h"), "w") as f:
            f.write("#include <libpq-fe.h>\nstatic inline void ping(PGconn *c) { PQexec(c, \"SELECT 1\"); }\n")
        code, out, err = run(["."], tmp)
        found, notes = results(out)
        check("a header with no entry of its own borrows its neighbour's flags",
              found == EXPECTED and not notes, f"{found}\n{notes}\n{err}")


def test_version():
    p = subprocess.run([PREFLIGHT, "--version"], capture_output=True, text=True)
    check("--version names the C and C++ front end and its libclang",
          "c, c++ (libclang " in p.stdout, p.stdout)


def main():
    version = subprocess.run([PREFLIGHT, "--version"], capture_output=True, text=True).stdout
    if "c, c++ (" not in version:
        print("1..0 # SKIP built without libclang")
        print("clang: skipped: this preflight is built without libclang")
        return 77
    for t in (test_database_places, test_explicit_database, test_outputs_not_written,
              test_missing_header, test_header_borrows_flags, test_version):
        t()
    failed = [n for n, ok in RESULTS if not ok]
    print(f"clang: {len(RESULTS) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
