#!/usr/bin/env python3
"""Runs the composite action (action.yml) the way a GitHub runner runs it, in a scratch
workspace: each step's `if:` and `env:` expressions evaluated from the inputs and the github,
runner and steps contexts, each `run:` script written to a file and run with
`bash --noprofile --norc -e -o pipefail` in its working directory, GITHUB_OUTPUT read back into
the step's outputs. The two `uses:` steps are stood in for: actions/cache by a folder of saved
paths (a hit when the key was saved before), upload-sarif by reading the file and the category
it would upload. A push run and a pull-request run (whose diff step fetches the target branch
from a bare "origin" and annotates only what the pull request added).

The build step runs when the cache misses. The test fills the cache with the binary under
test, so the build step is skipped as on a runner's second run; PREFLIGHT_TEST_ACTION_BUILD=1
starts from an empty cache and builds (minutes). Every script also passes shellcheck when it
is installed.

    tests/action_test.py PREFLIGHT SOURCE_ROOT"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

from installcheck import check, finish

try:
    import yaml
except ImportError:
    print("skip: python3-yaml is not installed (tools/install-deps --dev installs it)")
    sys.exit(77)

PREFLIGHT, ROOT = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
# --- the expressions the action uses: ${{ }} with contexts, literals, == != && || ! ( ) ---
TOKEN = re.compile(r"\s*(?:('(?:[^']|'')*')|(==|!=|&&|\|\||!|\(|\))|([A-Za-z_][\w.-]*(?:\(\))?))")


def evaluate(expr, ctx):
    tokens, pos = [], 0
    expr = expr.strip()
    while pos < len(expr):
        m = TOKEN.match(expr, pos)
        if not m or m.end() == pos:
            raise ValueError(f"cannot read the expression '{expr}' at {pos}")
        tokens.append(m.group(0).strip())
        pos = m.end()
    tokens.append(None)
    i = 0

    def peek():
        return tokens[i]

    def take():
        nonlocal i
        i += 1
        return tokens[i - 1]

    def primary():
        t = take()
        if t == "(":
            v = disjunction()
            assert take() == ")", expr
            return v
        if t == "!":
            return not truthy(primary())
        if t.startswith("'"):
            return t[1:-1].replace("''", "'")
        if t in ("true", "false"):
            return t == "true"
        if t in ("success()", "always()"):
            return True
        if t.endswith("()"):
            raise ValueError(f"the test does not know the function {t}")
        value = ctx
        for part in t.split("."):
            value = value.get(part, "") if isinstance(value, dict) else ""
        return value

    def comparison():
        left = primary()
        while peek() in ("==", "!="):
            op, right = take(), primary()
            same = str(left).lower() == str(right).lower()
            left = same if op == "==" else not same
        return left

    def conjunction():
        left = comparison()
        while peek() == "&&":
            take()
            right = comparison()
            left = right if truthy(left) else left
        return left

    def disjunction():
        left = conjunction()
        while peek() == "||":
            take()
            right = conjunction()
            left = left if truthy(left) else right
        return left

    v = disjunction()
    if peek() is not None:
        raise ValueError(f"left over in '{expr}': {tokens[i:]}")
    return v


def truthy(v):
    return v not in ("", False, None, 0)


def interpolate(text, ctx):
    def one(m):
        v = evaluate(m.group(1), ctx)
        return "true" if v is True else "false" if v is False else str(v)
    return re.sub(r"\$\{\{(.*?)\}\}", one, str(text))


def condition(step, ctx):
    cond = step.get("if")
    if cond is None:
        return True
    cond = str(cond).strip()
    if cond.startswith("${{"):
        cond = cond[3:-2]
    return truthy(evaluate(cond, ctx))


def read_outputs(path):
    out, lines = {}, open(path).read().splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        m = re.match(r"^([^=<]+)<<(.+)$", line)
        if m:  # name<<DELIM multi-line values
            j = lines.index(m.group(2), i + 1)
            out[m.group(1)] = "\n".join(lines[i + 1:j])
            i = j + 1
            continue
        if "=" in line:
            k, v = line.split("=", 1)
            out[k] = v
        i += 1
    return out


def run_action(action, workspace, tmp, inputs, event, cache_store, base_ref="", last=None):
    """One job's run of the action, up to the step whose id is `last` when given; returns
    (steps context, log, upload, exit status)."""
    defaults = {k: str(v.get("default", "")) for k, v in action["inputs"].items()}
    defaults.update(inputs)
    runner_temp = os.path.join(tmp, "runner-temp")
    shutil.rmtree(runner_temp, ignore_errors=True)
    os.makedirs(runner_temp)
    home = os.path.join(tmp, "home")
    os.makedirs(home, exist_ok=True)
    ctx = {"inputs": defaults, "steps": {},
           "github": {"action_path": ROOT, "workspace": workspace, "event_name": event,
                      "base_ref": base_ref},
           "runner": {"os": "Linux", "arch": "X64", "temp": runner_temp}}
    base_env = {"PATH": os.environ["PATH"], "HOME": home, "CI": "true", "GITHUB_ACTIONS": "true",
                "GITHUB_ACTION_PATH": ROOT, "GITHUB_WORKSPACE": workspace,
                "GITHUB_EVENT_NAME": event, "GITHUB_BASE_REF": base_ref,
                "RUNNER_TEMP": runner_temp, "RUNNER_OS": "Linux", "RUNNER_ARCH": "X64",
                "GIT_CONFIG_GLOBAL": os.path.join(home, ".gitconfig")}
    log, upload, cache_saves = [], None, []
    for n, step in enumerate(action["runs"]["steps"]):
        sid = step.get("id", f"__{n}")
        name = step.get("name", sid)
        if not condition(step, ctx):
            log.append(f"skip {name}")
            continue
        outputs = {}
        if "uses" in step:
            with_ = {k: interpolate(v, ctx) for k, v in step.get("with", {}).items()}
            if step["uses"].startswith("actions/cache@"):
                saved = os.path.join(cache_store, with_["key"])
                hit = os.path.isdir(saved)
                target = os.path.expanduser(with_["path"].replace("~", home, 1))
                if hit:
                    shutil.copytree(saved, target, dirs_exist_ok=True)
                cache_saves.append((with_["key"], target, hit))
                outputs["cache-hit"] = "true" if hit else "false"
            elif step["uses"].startswith("github/codeql-action/upload-sarif@"):
                upload = with_
            else:
                raise ValueError(f"the test cannot stand in for {step['uses']}")
            log.append(f"uses {name}")
        else:
            assert step.get("shell") == "bash", f"step '{name}' must say shell: bash"
            env = dict(base_env)
            env.update({k: interpolate(v, ctx) for k, v in step.get("env", {}).items()})
            out_file = os.path.join(runner_temp, f"output-{n}")
            open(out_file, "w").close()
            env["GITHUB_OUTPUT"] = out_file
            env["GITHUB_ENV"] = os.path.join(runner_temp, f"env-{n}")
            env["GITHUB_PATH"] = os.path.join(runner_temp, f"path-{n}")
            script = os.path.join(runner_temp, f"step-{n}.sh")
            with open(script, "w") as f:
                f.write(step["run"])
            cwd = interpolate(step.get("working-directory", workspace), ctx)
            p = subprocess.run(["bash", "--noprofile", "--norc", "-e", "-o", "pipefail", script],
                               cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
            log.append(f"run  {name}: exit {p.returncode}\n{p.stdout}{p.stderr}")
            if p.returncode != 0:
                return ctx["steps"], log, upload, p.returncode
            outputs = read_outputs(out_file)
        ctx["steps"][sid] = {"outputs": outputs}
        if sid == last:
            return ctx["steps"], log, upload, 0
    # the cache action saves at the end of a job that missed
    for key, target, hit in cache_saves:
        if not hit and os.path.isdir(target):
            shutil.copytree(target, os.path.join(cache_store, key))
    return ctx["steps"], log, upload, 0


def git(cwd, *args):
    return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=cwd,
                          check=True, capture_output=True, text=True).stdout


def shellcheck_steps(action):
    if not shutil.which("shellcheck"):
        print("skip shellcheck of the run steps: shellcheck is not installed")
        return
    for step in action["runs"]["steps"]:
        if "run" not in step:
            continue
        # what a runner pastes in: ${{ }} would be text to bash; none must be in a script
        check(f"'{step['name']}' pastes no expression into its script", "${{" not in step["run"])
        p = subprocess.run(["shellcheck", "-s", "bash", "-"], input=step["run"], text=True,
                           capture_output=True)
        check(f"shellcheck '{step['name']}'", p.returncode == 0, p.stdout)


def main():
    with open(os.path.join(ROOT, "action.yml")) as f:
        action = yaml.safe_load(f)
    check("composite action", action["runs"]["using"] == "composite")
    check("inputs for paths, checks, category and the diff",
          {"paths", "checks", "category", "diff"} <= set(action["inputs"]))
    uses = [s["uses"] for s in action["runs"]["steps"] if "uses" in s]
    check("uploads with github/codeql-action/upload-sarif@v4",
          "github/codeql-action/upload-sarif@v4" in uses, str(uses))
    shellcheck_steps(action)
    version = json.loads(subprocess.run(["meson", "introspect", "--projectinfo",
                                         os.path.dirname(PREFLIGHT)], capture_output=True,
                                        text=True).stdout or "{}").get("version", "0.1.0")

    with tempfile.TemporaryDirectory() as tmp:
        # origin: a main branch with a clean file; the pull request adds a finding
        origin = os.path.join(tmp, "origin.git")
        seed = os.path.join(tmp, "seed")
        os.makedirs(os.path.join(seed, "app"))
        git(tmp, "init", "-q", "--bare", "-b", "main", origin)
        git(tmp, "init", "-q", "-b", "main", seed)
        with open(os.path.join(seed, "app/old.ts"), "w") as f:
            f.write("export function old(x: any) { return x; }\n")
        with open(os.path.join(seed, "app/ok.py"), "w") as f:
            f.write("def ok(cur, uid):\n    cur.execute('select 1 where id = %s', (uid,))\n")
        git(seed, "add", ".")
        git(seed, "commit", "-qm", "base")
        git(seed, "remote", "add", "origin", origin)
        git(seed, "push", "-q", "origin", "main")
        git(seed, "checkout", "-qb", "feature")
        with open(os.path.join(seed, "app/new.py"), "w") as f:
            f.write("def find(cur, name):\n    cur.execute(f\"select * from users where name = '{name}'\")\n")
        git(seed, "add", ".")
        git(seed, "commit", "-qm", "feature")
        git(seed, "push", "-q", "origin", "feature")
        # the workspace as actions/checkout leaves it: a shallow clone of the pull request
        workspace = os.path.join(tmp, "work")
        git(tmp, "clone", "-q", "--depth=1", "--no-local", "-b", "feature", f"file://{origin}",
            workspace)

        cache_store = os.path.join(tmp, "cache")
        os.makedirs(cache_store)
        build = os.environ.get("PREFLIGHT_TEST_ACTION_BUILD") == "1"

        if not build:
            # what an earlier run saved: the binary under test where the build installs it
            steps, log, _, status = run_action(action, workspace, tmp, {"upload": "false"},
                                               "push", cache_store, last="version")
            key = steps.get("version", {}).get("outputs", {}).get("key", "")
            check("the cache key names the version", f"-{version}-" in key, key)
            home = steps.get("version", {}).get("outputs", {}).get("home", "")
            os.makedirs(os.path.join(cache_store, key, "bin"))
            shutil.copy2(PREFLIGHT, os.path.join(cache_store, key, "bin", "preflight"))
            shutil.rmtree(home, ignore_errors=True)

        # a push: the whole tree to SARIF, uploaded under its category
        steps, log, upload, status = run_action(
            action, workspace, tmp, {"category": "preflight-web", "paths": "app"}, "push",
            cache_store)
        text = "\n".join(log)
        check("push: every step passes", status == 0, text)
        check("push: the build " + ("runs on a cache miss" if build else "is skipped on a cache hit"),
              ("run  Build preflight" in text) == build, text)
        check("push: no pull-request step", "skip Findings on the lines" in text, text)
        sarif_path = steps.get("analyse", {}).get("outputs", {}).get("sarif", "")
        check("push: the upload gets the report and the category",
              upload is not None and upload["sarif_file"] == sarif_path
              and upload["category"] == "preflight-web", str(upload))
        try:
            with open(sarif_path) as f:
                run = json.load(f)["runs"][0]
            found = sorted((r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])
                           for r in run["results"])
            check("push: the report holds both findings of the tree",
                  found == [("security-sql-string-formatting", "app/new.py"),
                            ("typing-explicit-any", "app/old.ts")], str(found))
            check("push: the report names the category",
                  run.get("automationDetails", {}).get("id") == "preflight-web/",
                  str(run.get("automationDetails")))
        except (OSError, ValueError, KeyError) as e:
            check("push: a SARIF report", False, str(e))

        # a pull request with --checks: only what it changed, as annotations, failing the step
        steps, log, upload, status = run_action(
            action, workspace, tmp, {"checks": "-*,security-*,typing-*", "upload": "false"},
            "pull_request", cache_store, base_ref="main")
        text = "\n".join(log)
        diff_log = next((entry for entry in log if entry.startswith("run  Findings on the lines")), "")
        check("pull request: the diff step fails on a new finding", status == 1, text)
        check("pull request: no upload when upload is false", upload is None)
        check("pull request: the new line is annotated",
              "::error file=app/new.py,line=2" in diff_log, diff_log)
        check("pull request: the unchanged line is not", "app/old.ts" not in diff_log, diff_log)

        steps, log, upload, status = run_action(
            action, workspace, tmp, {"diff": "annotate", "upload": "false"}, "pull_request",
            cache_store, base_ref="main")
        check("pull request: diff annotate passes with the annotation",
              status == 0 and "::error file=app/new.py" in "\n".join(log), "\n".join(log))
        steps, log, upload, status = run_action(
            action, workspace, tmp, {"diff": "off", "upload": "false"}, "pull_request",
            cache_store, base_ref="main")
        check("pull request: diff off skips the step",
              status == 0 and "skip Findings on the lines" in "\n".join(log), "\n".join(log))

    finish("action")


if __name__ == "__main__":
    main()
