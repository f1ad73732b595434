#!/usr/bin/env python3
"""The container image (Dockerfile): it builds, its entry point is preflight, every library
the binary links is in the runtime stage, and run on a mounted copy of corpus/platform it
finds what the build under test finds there. Skipped (77) with the reason when no docker
daemon answers (the build itself needs the Debian and npm registries).

    tests/docker_test.py PREFLIGHT SOURCE_ROOT"""
import json
import os
import shutil
import sys
import tempfile

from installcheck import check, finish, run

PREFLIGHT, ROOT = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
IMAGE = f"preflight-test:{os.getpid()}"


def findings(sarif_text):
    try:
        results = json.loads(sarif_text)["runs"][0]["results"]
    except (ValueError, KeyError, IndexError):
        return None
    return sorted((r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                   r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in results)


def main():
    if not shutil.which("docker"):
        print("skip: docker is not installed")
        sys.exit(77)
    info = run(["docker", "info", "--format", "{{.ServerVersion}}"])
    if info.returncode != 0 or not info.stdout.strip():
        reason = (info.stderr.strip().splitlines() or ["no answer"])[-1]
        print(f"skip: no docker daemon answers here ({reason})")
        sys.exit(77)
    p = run(["docker", "build", "-q", "-t", IMAGE, ROOT])
    check("docker build", p.returncode == 0, p.stdout[-3000:] + p.stderr[-3000:])
    if p.returncode != 0:
        sys.exit(1)
    try:
        inspect = json.loads(run(["docker", "image", "inspect", IMAGE]).stdout)[0]
        check("the entry point is preflight", inspect["Config"]["Entrypoint"] == ["preflight"],
              str(inspect["Config"]["Entrypoint"]))
        size = inspect["Size"] / 1e6
        print(f"     image size: {size:.0f} MB")
        p = run(["docker", "run", "--rm", "--entrypoint", "ldd", IMAGE, "/usr/local/bin/preflight"])
        check("every linked library is in the image", p.returncode == 0
              and "not found" not in p.stdout, p.stdout + p.stderr)
        p = run(["docker", "run", "--rm", IMAGE, "--version"])
        check("preflight --version", p.stdout.startswith("preflight "), p.stdout + p.stderr)
        with tempfile.TemporaryDirectory() as tmp:
            tree = os.path.join(tmp, "platform")
            shutil.copytree(os.path.join(ROOT, "corpus/platform"), tree)
            expected = findings(run([PREFLIGHT, "--format", "sarif", "."], cwd=tree).stdout)
            p = run(["docker", "run", "--rm", "--user", f"{os.getuid()}:{os.getgid()}",
                     "-v", f"{tree}:/src", IMAGE, "--format", "sarif", "-o", "out.sarif", "."])
            check("a run on the mounted tree finds something (exit 1)", p.returncode == 1,
                  p.stderr)
            try:
                with open(os.path.join(tree, "out.sarif")) as f:
                    got = findings(f.read())
            except OSError as e:
                got = str(e)
            check("its findings are the build's", expected and got == expected,
                  f"{got} != {expected}")
    finally:
        run(["docker", "image", "rm", "-f", IMAGE])
    finish("docker")


if __name__ == "__main__":
    main()
