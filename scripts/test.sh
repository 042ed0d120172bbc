#!/usr/bin/env bash
# Runs every test Accord has: the workspace crates, the UI's checks and unit
# tests, the desktop shell's Rust tests, and the e2e suite in the real webview
# under Xvfb. Every step runs even after a failure; the exit code is non-zero
# if any step failed.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

"$ROOT/scripts/setup.sh" || { echo "[test] setup failed" >&2; exit 1; }
export PATH="$HOME/.cargo/bin:$PATH"
# Outside the work tree, so later runs (and CI on this machine) reuse builds.
export CARGO_TARGET_DIR="$(realpath -m "${CARGO_TARGET_DIR:-$HOME/.cache/accord-target}")"

passed=()
failed=()
step() {
  local name="$1"; shift
  printf '\n[test] === %s\n' "$name"
  if "$@"; then passed+=("$name"); else failed+=("$name"); fi
}
ok() { [[ " ${passed[*]} " == *" $1 "* ]]; }

e2e() {
  for need in desk-build cli-build; do
    ok "$need" || { echo "[test] e2e skipped: $need failed"; return 1; }
  done
  (cd tests/e2e && xvfb-run -a --server-args='-screen 0 1280x800x24' npx wdio run ./wdio.conf.ts)
}

# Plain `cargo test` covers the default members: every crate but the desk.
step cargo-test cargo test
step ui-check npm --prefix ui run check
step ui-unit npm --prefix ui test
# The Tauri CLI builds ui/dist too, which the desk's own tests compile against.
step desk-build npm --prefix ui run desk:build
# Also fails when ui/src/generated/ (the UI's types, made by ts-rs) is stale;
# regenerate with: ACCORD_WRITE_BINDINGS=1 cargo test -p accord-desk bindings
step desk-test cargo test -p accord-desk
step cli-build cargo build -p accord-cli
step e2e-check npm --prefix tests/e2e run check
step e2e e2e

printf '\n[test] === summary\n'
for s in "${passed[@]}"; do echo "[test] PASS $s"; done
for s in "${failed[@]}"; do echo "[test] FAIL $s"; done
echo "steps: ${#passed[@]} passed, ${#failed[@]} failed"
[ "${#failed[@]}" -eq 0 ]
