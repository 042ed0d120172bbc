#!/usr/bin/env bash
# Import benchmark: `accord import` of a generated feed against bare SQLite
# inserts of the same rows (same driver, same PRAGMAs). Prints both rates and
# their ratio (target: Accord at 70 % of raw or better), and the ratio against
# a stricter floor: the same raw inserts in a process set up as the CLI is
# (mimalloc, SQLite's heap on it without statistics).
#
#   bench/import.sh            100 000 contracts/cases (about 1 000 000 feed events)
#   bench/import.sh 10000      a quick check
#   bench/import.sh 100000 --profile    also shows where the import spends its time
#   bench/import.sh 100000 --repeat 3   three runs of each side, alternating; medians compared
#
# Environment: CARGO_TARGET_DIR (default ~/.cache/accord-target),
# ACCORD_BENCH_DIR (work folder; default a fresh temporary one, removed
# afterwards unless ACCORD_BENCH_KEEP=1), ACCORD_BENCH_SEED.
set -euo pipefail

CASES="${1:-${ACCORD_BENCH_CASES:-100000}}"
shift || true
case "$CASES" in
  ''|*[!0-9]*) echo "usage: bench/import.sh [CASES] [--profile]" >&2; exit 2 ;;
esac

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/accord-target}"

echo "building accord (release) and the benchmark…" >&2
cargo build --quiet -p accord-cli --release
cargo bench --quiet -p accord-app --bench import --no-run
# The stricter floor's binary (import_floor: raw inserts set up as the CLI is).
FLOOR_BIN="$(cargo bench -p accord-app --bench import_floor --no-run 2>&1 \
  | sed -n 's/.*Executable .*(\(.*\)).*/\1/p' | tail -1)"
[[ -x "$FLOOR_BIN" ]] || { echo "cannot find the import_floor benchmark binary" >&2; exit 1; }

if [[ -n "${ACCORD_BENCH_DIR:-}" ]]; then
  WORK="$ACCORD_BENCH_DIR"
  mkdir -p "$WORK"
else
  WORK="$(mktemp -d "${TMPDIR:-/tmp}/accord-bench.XXXXXX")"
  if [[ "${ACCORD_BENCH_KEEP:-0}" != 1 ]]; then
    trap 'rm -rf "$WORK"' EXIT
  fi
fi

cargo bench --quiet -p accord-app --bench import -- \
  --cases "$CASES" \
  --seed "${ACCORD_BENCH_SEED:-20261122}" \
  --accord "$CARGO_TARGET_DIR/release/accord" \
  --dir "$WORK" \
  --floor "$FLOOR_BIN" "$@"
