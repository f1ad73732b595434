#!/usr/bin/env python3
"""The source release and the npm packages, as a user without the network gets them:

1. `meson dist` of the committed tree (HEAD: commit what you want tested) makes a tarball
   that carries the pinned grammar and runtime sources with their licenses
   (grammars/vendor/, tools/dist-vendor) and no node_modules;
2. unpacked, it configures with the defaults and builds as a release (`-Dclang=disabled`,
   the configuration of the container and the npm package) in a network namespace of its
   own (`unshare -n`): no registry can be reached; its preflight says no commit and gives
   the build's own report on corpus/platform;
3. tools/make-npm packs that build into the launcher and the linux-x64 package; both install
   into a scratch project with `npm install --offline ./...tgz`, and `npx preflight` runs.

Skipped (77) with the reason when unshare may not make a namespace here, or npm is missing.

    tests/release_test.py PREFLIGHT SOURCE_ROOT"""
import json
import os
import shutil
import sys
import tarfile
import tempfile
import time

from installcheck import check, finish, run

PREFLIGHT, ROOT = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
BUILD = os.path.dirname(PREFLIGHT)


def offline_prefix():
    """The command prefix that cuts the network off, or None."""
    for prefix in (["unshare", "-n"], ["unshare", "-rn"]):
        try:
            if run(prefix + ["true"]).returncode == 0:
                return prefix
        except OSError:
            return None
    return None


def report(binary, cwd=ROOT):
    return run(binary + ["--format", "sarif", os.path.join(ROOT, "corpus/platform")],
               cwd=cwd).stdout


def main():
    if not os.path.exists(os.path.join(ROOT, ".git")):
        print("skip: not a git checkout (meson dist packs a commit)")
        sys.exit(77)
    offline = offline_prefix()
    if offline is None:
        print("skip: unshare cannot make a network namespace here (needs root or user "
              "namespaces), so the offline build cannot be proved")
        sys.exit(77)
    version = json.loads(run(["meson", "introspect", "--projectinfo", BUILD]).stdout)["version"]
    with tempfile.TemporaryDirectory() as tmp:
        # 1. the tarball
        start = time.monotonic()
        p = run(["meson", "dist", "-C", BUILD, "--no-tests", "--allow-dirty", "--formats", "gztar"])
        tarball = os.path.join(BUILD, "meson-dist", f"preflight-{version}.tar.gz")
        check("meson dist makes the tarball", p.returncode == 0 and os.path.exists(tarball),
              p.stdout + p.stderr)
        if p.returncode != 0:
            sys.exit(1)
        top = f"preflight-{version}/"
        with tarfile.open(tarball) as t:
            names = set(t.getnames())
            t.extractall(tmp)
        vendor = top + "grammars/vendor/"
        for path in ["LICENSE", "CHANGELOG.md", "grammars/vendor/README.md",
                     "grammars/vendor/tree-sitter/LICENSE",
                     "grammars/vendor/tree-sitter/vendor/tree-sitter/lib/src/lib.c",
                     "grammars/vendor/tree-sitter-typescript/LICENSE",
                     "grammars/vendor/tree-sitter-typescript/tsx/src/parser.c",
                     "grammars/vendor/tree-sitter-typescript/common/scanner.h",
                     "grammars/vendor/tree-sitter-python/LICENSE",
                     "grammars/vendor/@derekstride/tree-sitter-sql/LICENSE",
                     "grammars/vendor/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"]:
            check(f"the tarball has {path}", top + path in names)
        check("the tarball has no node_modules", not any("/node_modules/" in n for n in names))
        with open(os.path.join(tmp, vendor, "README.md")) as f:
            manifest = f.read()
        with open(os.path.join(ROOT, "grammars/package-lock.json")) as f:
            lock = json.load(f)["packages"]
        for name in ["tree-sitter", "tree-sitter-typescript", "tree-sitter-python",
                     "@derekstride/tree-sitter-sql"]:
            entry = lock[f"node_modules/{name}"]
            check(f"the vendored {name} is the locked {entry['version']}",
                  f"| {name} | {entry['version']} |" in manifest and entry["integrity"] in manifest)
        print(f"     dist: {time.monotonic() - start:.1f} s")

        # 2. offline: configure with the defaults, build the release configuration
        src = os.path.join(tmp, top)
        env = dict(os.environ, npm_config_registry="http://registry.invalid/")
        p = run(offline + ["meson", "setup", os.path.join(tmp, "b-default"), src], env=env)
        check("offline: meson setup with the defaults", p.returncode == 0, p.stdout[-3000:] + p.stderr)
        start = time.monotonic()
        release = os.path.join(tmp, "b")
        p = run(offline + ["sh", "-c", f"meson setup {release} {src} -Dbuildtype=release "
                           f"-Dtests=false -Dclang=disabled && ninja -C {release}"], env=env)
        check("offline: the release build", p.returncode == 0, p.stdout[-3000:] + p.stderr)
        if p.returncode != 0:
            sys.exit(1)
        print(f"     offline release build: {time.monotonic() - start:.1f} s")
        check("nothing was fetched", not os.path.exists(os.path.join(src, "grammars/node_modules")))
        v = run([os.path.join(release, "preflight"), "--version"]).stdout
        check("a tarball build names no commit", v.startswith(f"preflight {version}\n"), v)
        expected = report([PREFLIGHT])
        check("the tarball build's report on corpus/platform is the build's",
              expected and report([os.path.join(release, "preflight")]) == expected)

        # 3. npm: the packages of that build, installed from the tarballs alone
        if not shutil.which("npm"):
            print("skip the npm packages: npm is not installed")
        else:
            out = os.path.join(tmp, "npm")
            p = run([os.path.join(ROOT, "tools/make-npm"), "--build", release, "--out", out])
            tgzs = p.stdout.split()
            check("tools/make-npm packs the launcher and the linux-x64 package",
                  p.returncode == 0 and [os.path.basename(t) for t in tgzs] ==
                  [f"preflight-dev-preflight-{version}.tgz",
                   f"preflight-dev-preflight-linux-x64-{version}.tgz"], p.stdout + p.stderr)
            with tarfile.open(tgzs[0]) as t:
                launcher = json.load(t.extractfile("package/package.json"))
            with tarfile.open(tgzs[1]) as t:
                plat = json.load(t.extractfile("package/package.json"))
                files = set(t.getnames())
            check("the launcher: a bin, the platform package optional at the same version",
                  launcher.get("bin") == {"preflight": "bin/preflight.js"}
                  and launcher.get("optionalDependencies") ==
                  {"@preflight-dev/preflight-linux-x64": version}, str(launcher))
            check("the platform package: linux x64 only",
                  (plat.get("os"), plat.get("cpu")) == (["linux"], ["x64"]), str(plat))
            needed = [line.split("\t")[0] for line in run(
                [os.path.join(ROOT, "tools/linked-libs"), os.path.join(release, "preflight")]
            ).stdout.splitlines()]
            bundled = [n for n in needed if not n.startswith(("ld-linux", "libc.so", "libm.so"))]
            check("the platform package carries the libraries beyond glibc, with their licenses",
                  bundled and all(f"package/lib/{n}" in files and f"package/lib/{n}.copyright"
                                  in files for n in bundled), f"{bundled} {sorted(files)}")
            project = os.path.join(tmp, "project")
            os.makedirs(project)
            with open(os.path.join(project, "package.json"), "w") as f:
                json.dump({"name": "scratch", "version": "1.0.0", "private": True}, f)
            npm_env = dict(env, npm_config_cache=os.path.join(tmp, "npm-cache"),
                           npm_config_update_notifier="false")
            p = run(offline + ["npm", "install", "--offline", "--no-audit", "--no-fund"] + tgzs,
                    cwd=project, env=npm_env)
            check("npm install --offline ./...tgz", p.returncode == 0, p.stdout + p.stderr)
            p = run(offline + ["npx", "--offline", "preflight", "--version"], cwd=project,
                    env=npm_env)
            check("npx preflight --version", p.returncode == 0 and
                  p.stdout.startswith(f"preflight {version}\n"), p.stdout + p.stderr)
            check("npx preflight gives the build's report on corpus/platform",
                  report(offline + ["npx", "--offline", "preflight"], cwd=project) == expected)
    finish("release")


if __name__ == "__main__":
    main()
