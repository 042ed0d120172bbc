#!/usr/bin/env bash
# Desk speed benchmark. In one run, prints a table of figures beside their limits:
#
#  1. Command latency (no display): App::queue (first page of 200, default
#     sort; a page of 200 mid-list through the keyset cursor) and App::case on
#     a case with 1 000 events, each the median of 31 runs (alternating with raw), against the raw
#     SQL reading the same rows through sqlx (crates/app/benches/desk_commands.rs).
#     Target: opening a case with 1 000 events <= 50 ms.
#  2. Cold start under Xvfb, through tauri-driver (bench/desk-start.mjs): from
#     the new-session request (which launches the binary) until the first
#     queue row is in the page; the floor is the same binary with
#     ACCORD_EMPTY_WINDOW=1 (the same window on about:blank: no UI, no
#     database) until its page has loaded. Median of RUNS, the sides
#     alternating run by run. Target <= 1.5x.
#  3. Memory: PSS summed over the desk process and its WebKit children, 2 s
#     after the first queue row (or the blank page), median of RUNS. Target <= 1.3x.
#     The desk renders on the CPU, not through GL (src-tauri/src/lib.rs);
#     2 and 3 are also given against the empty window rendering that way.
#
#   bench/desk.sh                 100 000 cases, 5 start runs of each (alternating)
#   bench/desk.sh 10000 5         a smaller database, 5 start runs
#   bench/desk.sh --commands-only  part 1 only (no Xvfb / WebKit needed)
#
# The case with 1 000 events is made by appending add_note actions (through
# App::act) to the first demo case, so the database is changed; a case that
# already has them is reused.
#
# Environment: CARGO_TARGET_DIR (the command benchmark and the CLI, release;
# default ~/.cache/accord-target), ACCORD_DESK_TARGET_DIR (the desk binary,
# built by `npm --prefix ui run desk:build` first; default
# ~/.cache/accord-target-desk), ACCORD_BENCH_DB (an existing demo database to
# use instead of generating one), ACCORD_BENCH_DIR (work folder; default a
# fresh temporary one, removed afterwards unless ACCORD_BENCH_KEEP=1),
# TAURI_DRIVER (default ~/.cargo/bin/tauri-driver).
set -euo pipefail

COMMANDS_ONLY=0
POS=()
for a in "$@"; do
  case "$a" in
    --commands-only) COMMANDS_ONLY=1 ;;
    *) POS+=("$a") ;;
  esac
done
CASES="${POS[0]:-100000}"
RUNS="${POS[1]:-5}"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/accord-target}"
DESK_TARGET="${ACCORD_DESK_TARGET_DIR:-$HOME/.cache/accord-target-desk}"
DESK="$DESK_TARGET/debug/accord-desk"
TAURI_DRIVER="${TAURI_DRIVER:-$HOME/.cargo/bin/tauri-driver}"

echo "building the command benchmark and accord (release)…" >&2
cargo build --quiet -p accord-cli --release
BENCH_BIN="$(cargo bench -p accord-app --bench desk_commands --no-run 2>&1 \
  | sed -n 's/.*Executable .*(\(.*\)).*/\1/p' | tail -1)"
[[ -x "$BENCH_BIN" ]] || { echo "cannot find the desk_commands benchmark binary" >&2; exit 1; }
if [[ "$COMMANDS_ONLY" != 1 ]]; then
  # Always (an up-to-date build is quick): a stale desk would measure old code.
  echo "building the desk (debug)…" >&2
  CARGO_TARGET_DIR="$DESK_TARGET" npm --prefix ui run desk:build >&2
fi

if [[ -n "${ACCORD_BENCH_DIR:-}" ]]; then
  WORK="$ACCORD_BENCH_DIR"
  mkdir -p "$WORK"
else
  WORK="$(mktemp -d "${TMPDIR:-/tmp}/accord-desk-bench.XXXXXX")"
  if [[ "${ACCORD_BENCH_KEEP:-0}" != 1 ]]; then
    trap 'rm -rf "$WORK"' EXIT
  fi
fi
DB="${ACCORD_BENCH_DB:-$WORK/demo.db}"
if [[ ! -f "$DB" ]]; then
  echo "generating a $CASES-case demo database…" >&2
  "$CARGO_TARGET_DIR/release/accord" demo --db "$DB" --cases "$CASES" --seed 1 >&2
fi

# A database at rest: the demo (and part 1's notes) leave a WAL as large as
# the database, which makes the first open and every read slower than a desk
# would see it from day to day. Merged back here before each part.
checkpoint() {
  if command -v sqlite3 >/dev/null; then
    sqlite3 "$DB" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
  else
    echo "no sqlite3: the database's WAL is not checkpointed" >&2
  fi
}
checkpoint

LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"

echo "== 1. command latency" >&2
CMD_OUT="$("$BENCH_BIN" --db "$DB" --events 1000 --runs 31)"

median() { sort -n | awk '{v[NR]=$1} END {if (NR==0) print "NA"; else print v[int((NR+1)/2)]}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (a=="NA"||b=="NA"||b==0) print "NA"; else printf "%.2f", a/b}'; }

START_A=NA START_E=NA PSS_A=NA PSS_E=NA START_S=NA PSS_S=NA
if [[ "$COMMANDS_ONLY" != 1 ]]; then
  checkpoint
  echo "== 2/3. cold start and memory, $RUNS runs of each, alternating (accord, empty, empty on the CPU)" >&2
  # One run of each in turn, so that the machine's drift over the minutes
  # this takes lands on all three alike.
  A_OUT="" E_OUT="" S_OUT=""
  for _ in $(seq "$RUNS"); do
    A_OUT+="$(ACCORD_DATABASE_URL="$DB" ACCORD_PROFILE=supervisor:sam \
      xvfb-run -a -s "-screen 0 1280x1024x24" \
      node bench/desk-start.mjs --mode accord --runs 1 --desk "$DESK" --driver "$TAURI_DRIVER")"$'\n'
    E_OUT+="$(ACCORD_EMPTY_WINDOW=1 ACCORD_DATABASE_URL="$WORK/unused.db" \
      xvfb-run -a -s "-screen 0 1280x1024x24" \
      node bench/desk-start.mjs --mode empty --runs 1 --desk "$DESK" --driver "$TAURI_DRIVER")"$'\n'
    # The same floor rendering as the desk does (on the CPU, see
    # src-tauri/src/lib.rs): not what the issue calls the floor (a default
    # window), but what the desk costs over its own way of rendering.
    S_OUT+="$(WEBKIT_SKIA_ENABLE_CPU_RENDERING=1 ACCORD_EMPTY_WINDOW=1 ACCORD_DATABASE_URL="$WORK/unused.db" \
      xvfb-run -a -s "-screen 0 1280x1024x24" \
      node bench/desk-start.mjs --mode empty --runs 1 --desk "$DESK" --driver "$TAURI_DRIVER")"$'\n'
  done
  A_OUT="${A_OUT%$'\n'}" E_OUT="${E_OUT%$'\n'}" S_OUT="${S_OUT%$'\n'}"
  START_S="$(cut -f1 <<<"$S_OUT" | median)"
  PSS_S="$(cut -f2 <<<"$S_OUT" | median | awk '{if ($1=="NA") print "NA"; else printf "%.1f", $1/1024}')"
  START_A="$(cut -f1 <<<"$A_OUT" | median)"
  START_E="$(cut -f1 <<<"$E_OUT" | median)"
  PSS_A="$(cut -f2 <<<"$A_OUT" | median | awk '{if ($1=="NA") print "NA"; else printf "%.1f", $1/1024}')"
  PSS_E="$(cut -f2 <<<"$E_OUT" | median | awk '{if ($1=="NA") print "NA"; else printf "%.1f", $1/1024}')"
fi
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"

echo
echo "Accord desk benchmark: $(sqlite3 -readonly "$DB" 'SELECT COUNT(*) FROM cases' 2>/dev/null || echo "$CASES") cases; $(nproc) cores; load average $LOAD_BEFORE before, $LOAD_AFTER after"
FMT="%-42s %12s %12s %8s %10s\n"
printf "$FMT" "measure" "Accord" "floor/raw" "ratio" "target"
printf "$FMT" "------------------------------------------" "------------" "------------" "--------" "----------"
while IFS=$'\t' read -r _ name acc raw rat target; do
  printf "$FMT" "$name" "$acc ms" "$raw ms" "${rat}x" "$target"
done <<<"$CMD_OUT"
if [[ "$COMMANDS_ONLY" != 1 ]]; then
  printf "$FMT" "cold start to first queue row (median $RUNS)" "$START_A ms" "$START_E ms" "$(ratio "$START_A" "$START_E")x" "<= 1.5x"
  printf "$FMT" "memory, PSS desk + WebKit (median $RUNS)" "$PSS_A MiB" "$PSS_E MiB" "$(ratio "$PSS_A" "$PSS_E")x" "<= 1.3x"
  printf "$FMT" "  start, floor rendering on the CPU" "$START_A ms" "$START_S ms" "$(ratio "$START_A" "$START_S")x" "(stricter)"
  printf "$FMT" "  memory, floor rendering on the CPU" "$PSS_A MiB" "$PSS_S MiB" "$(ratio "$PSS_A" "$PSS_S")x" "(stricter)"
fi
echo "(latency: median of 31, alternating with raw, after a warm-up; raw = the same SELECT through sqlx, columns decoded."
echo " start: new-session request to first [data-testid=queue-row]; floor = ACCORD_EMPTY_WINDOW=1, about:blank loaded."
echo " memory: sum of PSS from /proc/PID/smaps_rollup, 2 s after ready."
echo " The desk renders on the CPU (WEBKIT_SKIA_ENABLE_CPU_RENDERING=1 unless set);"
echo " the floor is a default window; the stricter rows compare with the empty window rendering that way too.)"
