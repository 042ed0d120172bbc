#!/usr/bin/env bash
# Sets up, builds the CLI and the desk, makes a demo database when there is
# none yet (at ACCORD_DATABASE_URL, else the default path), and opens the desk.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
say() { printf '[desk] %s\n' "$*"; }

"$ROOT/scripts/setup.sh"
export PATH="$HOME/.cargo/bin:$PATH"
# Outside the work tree, so later runs (and CI on this machine) reuse builds.
export CARGO_TARGET_DIR="$(realpath -m "${CARGO_TARGET_DIR:-$HOME/.cache/accord-target}")"
CLI="$CARGO_TARGET_DIR/debug/accord"
DESK="$CARGO_TARGET_DIR/debug/accord-desk"

say "building the CLI"
cargo build -p accord-cli
# ui's desk:build is the Tauri CLI: it builds ui/ first and sets
# `custom-protocol` (without it the binary looks for the Vite dev server).
say "building the desk"
npm --prefix ui run desk:build

DB="$("$DESK" --print-database-url)"
case "$DB" in
  postgres://* | postgresql://*)
    say "database: $DB" ;;
  *)
    file="${DB#sqlite:}"; file="${file#//}"; file="${file%%\?*}"
    if [ -e "$file" ]; then
      say "database: $file"
    else
      say "no database at $file: making a demo one"
      mkdir -p "$(dirname "$file")"
      "$CLI" demo --db "$DB" --cases "${ACCORD_DEMO_CASES:-40}" --seed "${ACCORD_DEMO_SEED:-1}"
    fi ;;
esac
export ACCORD_DATABASE_URL="$DB"

if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  say "no display here: running under Xvfb, where nothing is visible (Ctrl-C ends it)"
  exec xvfb-run -a "$DESK"
fi
say "opening the desk"
exec "$DESK"
