#!/usr/bin/env python3
"""End-to-end tests of where and how the report is written: -o over a symbolic link, a device,
a FIFO, '-' and a file another run writes at the same time; the mode a new file gets. Each test
prints one line; the last line counts them.

usage: output_test.py PREFLIGHT   (run from the source root)
"""
import os
import stat
import subprocess
import sys
import tempfile
import threading

PREFLIGHT = os.path.abspath(sys.argv[1])
ROOT = os.getcwd()
PROJECT = os.path.join(ROOT, "tests", "golden", "project")
ONLY_ANY = ["--checks", "-*,typing-explicit-any"]
RESULTS = []


def run(args, cwd=ROOT, env=None, umask=None):
    p = subprocess.run([PREFLIGHT] + args, cwd=cwd, capture_output=True, text=True,
                       env=dict(os.environ, NO_COLOR="1", **(env or {})),
                       preexec_fn=(lambda: os.umask(umask)) if umask is not None else None)
    return p.returncode, p.stdout, p.stderr


def check(name, ok, detail=""):
    RESULTS.append((name, ok))
    print(f"{'ok' if ok else 'FAIL'}: {name}" + (f"\n{detail}" if detail and not ok else ""))


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


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

        code, out, err = run(ONLY_ANY + ["-o", "-", PROJECT])
        check("-o - writes standard output", code == 1 and out == want and
              "1 file analysed" in err, err)
        code, _, err = run(ONLY_ANY + ["-o", "/dev/null", PROJECT])
        check("-o /dev/null: written through, the device stays",
              code == 1 and stat.S_ISCHR(os.stat("/dev/null").st_mode), err)
        if os.path.exists("/dev/full"):
            code, _, err = run(ONLY_ANY + ["-o", "/dev/full", PROJECT])
            check("-o /dev/full: exit 2 with the reason", code == 2 and err.endswith(
                "preflight: error: cannot write '/dev/full': No space left on device\n"), err)
        fifo = f"{d}/fifo"
        os.mkfifo(fifo)
        got = []
        reader = threading.Thread(target=lambda: got.append(read(fifo)))
        reader.start()
        code, _, err = run(ONLY_ANY + ["-o", fifo, PROJECT])
        reader.join(60)
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
    for test in (test_output_targets, test_concurrent_runs):
        test()
    failed = sum(1 for _, ok in RESULTS if not ok)
    print(f"{len(RESULTS) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
