#!/usr/bin/env bash
# Installs what Accord needs to build, run and test, skipping whatever is
# already there, so it is safe (and quick) to run again. Debian 12.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
say() { printf '[setup] %s\n' "$*"; }

# Root needs no sudo (CI, containers); anyone else does.
SUDO=()
if [ "$(id -u)" -ne 0 ]; then SUDO=(sudo); fi

# WebKitGTK and friends for Tauri; Xvfb, xauth and WebKitWebDriver for e2e.
DEB_PACKAGES=(
  libwebkit2gtk-4.1-dev build-essential curl wget file libxdo-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev pkg-config
  xvfb xauth webkit2gtk-driver
)
missing=()
for pkg in "${DEB_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done
if [ "${#missing[@]}" -gt 0 ]; then
  say "installing Debian packages: ${missing[*]}"
  "${SUDO[@]}" apt-get update
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
else
  say "Debian packages: all ${#DEB_PACKAGES[@]} present"
fi

# Rust comes with the machine (rustup); we only check for it.
export PATH="$HOME/.cargo/bin:$PATH"
if ! command -v cargo >/dev/null; then
  say "cargo not found: install Rust with rustup first" >&2
  exit 1
fi
say "Rust: $(rustc --version)"

# Vite needs Node >= 20.19 (Debian 12's own nodejs is 18).
if ! command -v node >/dev/null || ! node -e '
  const [a, b] = process.versions.node.split(".").map(Number);
  process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)'; then
  say "Node.js >= 20.19 is needed (found: $(node --version 2>/dev/null || echo none))" >&2
  exit 1
fi
say "Node: $(node --version), npm $(npm --version 2>/dev/null)"

# npm ci only when node_modules is missing or package-lock.json changed since
# the last install here (its hash is kept inside node_modules).
npm_ci() {
  local dir="$1" stamp="$1/node_modules/.accord-lock.sha256"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$(lock_hash "$dir")" ]; then
    say "npm packages in ${dir#"$ROOT"/}: up to date"
    return
  fi
  say "npm ci in ${dir#"$ROOT"/}"
  local log; log="$(mktemp)"
  if (cd "$dir" && npm ci --no-audit --no-fund) >"$log" 2>&1; then
    grep -v 'nodedir' "$log" || true
  else
    # npm ci refuses a lock that lacks optional per-platform packages, and a
    # registry without @tauri-apps/cli's non-Linux builds makes exactly such a
    # lock. npm install still installs what that same lock pins.
    grep -m3 'error code\|Missing:' "$log" || true
    say "npm ci refused the lock file; npm install from the same lock instead"
    (cd "$dir" && npm install --no-audit --no-fund)
  fi
  rm -f "$log"
  lock_hash "$dir" >"$stamp"
}
lock_hash() { sha256sum "$1/package-lock.json" | cut -d' ' -f1; }
npm_ci "$ROOT/ui"
npm_ci "$ROOT/tests/e2e"

# tauri-driver proxies WebDriver to WebKitWebDriver for the e2e suite.
if [ -x "$HOME/.cargo/bin/tauri-driver" ] || command -v tauri-driver >/dev/null; then
  say "tauri-driver: present"
else
  say "installing tauri-driver (cargo install tauri-driver --locked)"
  cargo install tauri-driver --locked
fi
say "done"
