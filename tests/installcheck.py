"""What the install tests (action, deb, release, docker) share: the ok/FAIL lines, a quiet
subprocess run, and the closing count and exit status."""
import subprocess
import sys

failures = 0


def check(name, ok, detail=""):
    """Prints one result line; a failed one with its detail, and counts it."""
    global failures
    print(("ok   " if ok else "FAIL ") + name + ("" if ok or not detail else f": {detail}"))
    sys.stdout.flush()
    if not ok:
        failures += 1


def run(cmd, **kw):
    """Runs cmd (a list) with its output captured as text; never raises on its status."""
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def finish(name):
    """The closing line, then exit 1 if any check failed."""
    print(f"{name}: {failures} failed")
    sys.exit(1 if failures else 0)
