#!/bin/sh
# sql.sh — the SQL front end's throughput (MB/s) and the share of statements it understands,
# on a generated Supabase migration set and on the migrations that registry packages ship.
# Numbers go to bench/RESULTS.md by hand (SQL section).
#
#   bench/sql.sh [BUILD_DIR]        default: build; needs a built libpreflight.a
#   FILES=2000 bench/sql.sh         size of the generated set (default 1500 migrations)
#   NO_NPM=1 bench/sql.sh           skip the npm packages
#   NO_DEB=1 bench/sql.sh           skip the Debian packages (apt-get download, no install)
set -eu
echo "== $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== building bench/sql_stats against $build"
# libpreflight.a first, then the libraries it needs (libnodes-walk.a, the grammars)
cc -std=c17 -O2 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -I"$root" -I"$root/analyzer" \
  -I"$root/grammars/node_modules/tree-sitter/vendor/tree-sitter/lib/include" \
  "$root/bench/sql_stats.c" "$build/libpreflight.a" "$build"/lib*.a "$build"/grammars/lib*.a \
  -lpg_query -lcjson -ljansson -lpthread -o "$work/sql_stats"

run_set() { # name dir: front end alone, then preflight end to end with the two schema checks
  name=$1 dir=$2
  echo "== $name"
  find "$dir" -name '*.sql' | LC_ALL=C sort > "$work/list"
  # warm the page cache, then measure
  xargs cat < "$work/list" > /dev/null
  xargs "$work/sql_stats" < "$work/list"
  for j in 1 2; do
    /usr/bin/time -f "preflight -j$j end to end: %e s wall, %U s user, %S s sys, %M kB max RSS" \
      "$build/preflight" -j "$j" --exit-zero --quiet \
      --checks '-*,performance-unindexed-foreign-key,security-rls-disabled' "$dir" > /dev/null
  done
}

python3 "$root/bench/sql_gen.py" "$work/gen" --files "${FILES:-1500}" --seed 1
run_set "generated Supabase migrations (bench/sql_gen.py, seed 1)" "$work/gen"

if [ -z "${NO_NPM:-}" ]; then
  # packages that ship their Postgres migrations as .sql files
  for pkg in graphile-worker@0.17.3 @logto/schemas@1.43.0; do
    mkdir -p "$work/npm/$pkg"
    if (cd "$work/npm/$pkg" && timeout 300 npm pack --silent "$pkg" > /dev/null 2>&1 && tar xzf ./*.tgz); then
      n=$(find "$work/npm/$pkg" -name '*.sql' | wc -l)
      if [ "$n" -gt 0 ]; then
        run_set "npm $pkg ($n .sql files)" "$work/npm/$pkg"
      else
        echo "== npm $pkg: no .sql files"
      fi
    else
      echo "== npm $pkg: not available (offline?)"
    fi
  done
fi

if [ -z "${NO_DEB:-}" ]; then
  # Debian packages of applications that ship their schema and upgrade scripts per database
  mkdir -p "$work/deb"
  for pkg in roundcube-core mediawiki; do
    if (cd "$work/deb" && timeout 600 apt-get download "$pkg" > /dev/null 2>&1); then
      dpkg-deb -x "$work/deb/${pkg}"_*.deb "$work/deb/$pkg"
    else
      echo "== deb $pkg: not available"
    fi
  done
  [ -d "$work/deb/roundcube-core" ] &&
    for db in postgres mysql sqlite; do
      run_set "deb roundcube-core SQL/$db" "$work/deb/roundcube-core/usr/share/roundcube/SQL/$db"
    done
  [ -d "$work/deb/mediawiki" ] &&
    run_set "deb mediawiki (every .sql: Postgres, MySQL and SQLite)" "$work/deb/mediawiki"
fi
