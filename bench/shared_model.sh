#!/bin/sh
# bench/shared_model.sh BEFORE AFTER APP [RUNS] — the CPU time (user + sys, -j1, every check,
# SARIF to a temp file) of two preflight binaries on one app, runs alternated, and the median
# of each; then without the two checks of the entry-point model, and with only them. Used for the
# shared file model (bench/RESULTS.md, "Entry-point model").
set -eu
before=$(realpath "$1"); after=$(realpath "$2"); app=$3; runs=${4:-5}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cpu() { # binary, checks -> seconds of CPU
    /usr/bin/time -f '%U %S' -o "$out/t" "$1" --no-config -j1 --checks "$2" -f sarif \
        -o "$out/r.sarif" "$app" >/dev/null 2>&1 || true
    tail -n 1 "$out/t" | awk '{ printf "%.2f\n", $1 + $2 }'
}
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
for checks in '*' '*,-security-missing-auth,-security-missing-rate-limit' \
    '-*,security-missing-auth,security-missing-rate-limit'; do
    : >"$out/b"; : >"$out/a"
    i=0
    while [ $i -lt "$runs" ]; do
        cpu "$before" "$checks" >>"$out/b"
        cpu "$after" "$checks" >>"$out/a"
        i=$((i + 1))
    done
    echo "checks '$checks': before $(median <"$out/b") s ($(tr '\n' ' ' <"$out/b")), after $(median <"$out/a") s ($(tr '\n' ' ' <"$out/a"))"
done
