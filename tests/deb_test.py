#!/usr/bin/env python3
"""The Debian package (tools/make-deb) of the build under test: its control fields (Depends
from the libraries the binary links), its files (binary, man page, license, changelog, the
check pages), that apt accepts it (`apt-get install --simulate ./preflight_*.deb`: every
dependency resolves), and that the binary it carries, unpacked, gives the build's own report
on corpus/platform. With PREFLIGHT_TEST_DEB_INSTALL=1 (CI in a throwaway container) it is
really installed with `apt-get install ./preflight_*.deb`, run from /usr/bin and removed.

    tests/deb_test.py PREFLIGHT SOURCE_ROOT"""
import json
import os
import shutil
import sys
import tempfile

from installcheck import check, finish, run

PREFLIGHT, ROOT = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
BUILD = os.path.dirname(PREFLIGHT)


def report(binary):
    return run([binary, "--format", "sarif", "corpus/platform"], cwd=ROOT).stdout


def main():
    for tool in ("dpkg-deb", "apt-get", "objdump"):
        if not shutil.which(tool):
            print(f"skip: {tool} is not installed (a Debian or Ubuntu system has it)")
            sys.exit(77)
    version = json.loads(run(["meson", "introspect", "--projectinfo", BUILD]).stdout)["version"]
    arch = run(["dpkg", "--print-architecture"]).stdout.strip()
    with tempfile.TemporaryDirectory() as tmp:
        p = run([os.path.join(ROOT, "tools/make-deb"), BUILD, tmp])
        deb = p.stdout.strip()
        check("tools/make-deb builds the package", p.returncode == 0
              and deb == os.path.join(tmp, f"preflight_{version}_{arch}.deb"), p.stderr)
        if p.returncode != 0:
            sys.exit(1)
        fields = dict(line.split(": ", 1) for line in
                      run(["dpkg-deb", "--field", deb]).stdout.splitlines() if ": " in line)
        check("control: package, version, architecture",
              (fields.get("Package"), fields.get("Version"), fields.get("Architecture"))
              == ("preflight", version, arch), str(fields))
        linked = run([os.path.join(ROOT, "tools/linked-libs"), "--depends", PREFLIGHT]).stdout.strip()
        check("control: Depends is the linked libraries' packages", fields.get("Depends") == linked
              and all(p in linked for p in ("libc6 (>= ", "libcjson1 (>= ", "libjansson4 (>= ",
                                                    "libpg-query")), fields.get("Depends"))
        contents = sorted(line.split()[-1].lstrip(".") for line in
                          run(["dpkg-deb", "--contents", deb]).stdout.splitlines())
        pages = sorted(os.listdir(os.path.join(ROOT, "docs/checks")))
        for path in ["/usr/bin/preflight", "/usr/share/man/man1/preflight.1.gz",
                     "/usr/share/doc/preflight/copyright", "/usr/share/doc/preflight/changelog.gz",
                     "/usr/share/doc/preflight/README.md"] + \
                [f"/usr/share/doc/preflight/checks/{p}" for p in pages]:
            check(f"contains {path}", path in contents)
        check("nothing outside /usr", all(c.startswith("/usr/") or c in ("/", "/usr/")
                                          for c in contents), str(contents))
        owners = {line.split()[1] for line in
                  run(["dpkg-deb", "--contents", deb]).stdout.splitlines()}
        check("files owned by root", owners == {"root/root"}, str(owners))

        # apt resolves every dependency (nothing is installed: --simulate)
        p = run(["apt-get", "install", "--simulate", "--no-install-recommends", deb])
        check("apt-get install --simulate accepts it",
              p.returncode == 0 and "Inst preflight" in p.stdout, p.stdout + p.stderr)

        # the packaged binary, unpacked, is the build's binary
        unpacked = os.path.join(tmp, "root")
        run(["dpkg-deb", "-x", deb, unpacked])
        binary = os.path.join(unpacked, "usr/bin/preflight")
        v = run([binary, "--version"]).stdout
        check("the packaged binary runs", v.startswith(f"preflight {version}"), v)
        expected = report(PREFLIGHT)
        check("the packaged binary's report on corpus/platform is the build's",
              expected and report(binary) == expected)
        man = run(["sh", "-c", f"gzip -dc {unpacked}/usr/share/man/man1/preflight.1.gz | head -c 400"])
        check("the man page is preflight's", "preflight" in man.stdout, man.stdout)

        if os.environ.get("PREFLIGHT_TEST_DEB_INSTALL") == "1":
            p = run(["apt-get", "install", "-y", "--no-install-recommends", deb],
                    env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))
            check("apt-get install ./preflight_*.deb", p.returncode == 0, p.stderr)
            check("the installed preflight's report is the build's",
                  report("/usr/bin/preflight") == expected)
            p = run(["apt-get", "remove", "-y", "preflight"])
            check("apt-get remove preflight", p.returncode == 0, p.stderr)
        else:
            print("skip the real install: PREFLIGHT_TEST_DEB_INSTALL=1 installs and removes it")
    finish("deb")


if __name__ == "__main__":
    main()
