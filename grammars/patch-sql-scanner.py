#!/usr/bin/env python3
"""Writes tree-sitter-sql 0.3.11's scanner.c with one fix: deserialize() dropped the previous
start_tag without freeing it (LeakSanitizer, found by fuzz_sql; tests/regressions/sql-scanner-leak).
The package stays as npm ships it; the build compiles this patched copy. Fails loudly when
the text to patch is not there exactly once (a new version needs a new look).

usage: patch-sql-scanner.py SCANNER.c OUTPUT.c
"""
import sys

OLD = """  LexerState *state = (LexerState *)payload;
  state->start_tag = NULL;
  // A length of 1 can't exists."""
NEW = """  LexerState *state = (LexerState *)payload;
  free(state->start_tag); /* preflight: the upstream scanner leaks the previous tag here */
  state->start_tag = NULL;
  // A length of 1 can't exists."""


def main():
    src, out = sys.argv[1], sys.argv[2]
    with open(src, encoding="utf-8") as f:
        text = f.read()
    if text.count(OLD) != 1:
        sys.exit(f"patch-sql-scanner.py: the deserialize() code to patch is not in {src} once")
    with open(out, "w", encoding="utf-8") as f:
        f.write(text.replace(OLD, NEW))


if __name__ == "__main__":
    main()
