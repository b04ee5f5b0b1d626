# Shared set-up for scripts/serve and scripts/test. Sourced, not run.
# Installs only what is missing, prints nothing when nothing is, and keeps
# every installed tool under $WELLPRESS_TOOLS (default ~/.cache/wellpress).

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# Another site's folder, from where the command was run: the scripts move
# to $ROOT, and the content tool and the app's build.rs read it from there.
if [ -n "${WELLPRESS_SITE:-}" ]; then
  site_dir=$(cd "$WELLPRESS_SITE" 2>/dev/null && pwd) ||
    { printf 'wellpress: error: WELLPRESS_SITE=%s is not a folder\n' "$WELLPRESS_SITE" >&2; exit 1; }
  WELLPRESS_SITE=$site_dir
  export WELLPRESS_SITE
fi
# shellcheck source=versions.env
source "$ROOT/scripts/versions.env"

TOOLS=${WELLPRESS_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/wellpress}
LOGS="$TOOLS/logs"
mkdir -p "$TOOLS" "$LOGS"
# scripts/bin first: its wasm-opt keeps the last output for the same input.
export PATH="$ROOT/scripts/bin:$TOOLS/cargo/bin:$TOOLS/node/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_OFFLINE=true

say() { printf '\033[1mwellpress:\033[0m %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

# Runs a noisy install step with its output in a log, shown only on failure.
quietly() {
  local name=$1; shift
  local log="$LOGS/$name.log"
  if ! "$@" >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    die "$name failed; the full log is $log"
  fi
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else die "need root (or sudo) to run: $*"
  fi
}

APT_UPDATED=
apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null || die "missing ${missing[*]}, and there is no apt-get to install them; install them by hand"
  say "installing ${missing[*]} (Debian packages)"
  if [ -z "$APT_UPDATED" ]; then quietly apt-update as_root apt-get update; APT_UPDATED=1; fi
  quietly apt-install as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
}

# --- the wasm toolchain -----------------------------------------------------
# rustup's own wasm target when it has (or can download) one; otherwise
# Debian's path: rustc 1.96 (rustc-web) builds the standard library for wasm
# from its sources (rust-web-src), and lld (lld-22) links. rustc asks for the
# wasm linker by the name `rust-lld`, which Debian does not ship, so a link
# named rust-lld to Debian's lld stands in for it (rustc passes it
# `-flavor wasm`). The standard library's own dependencies come from the
# registry, fetched before trunk runs cargo offline.

DEBIAN_RUSTC=/usr/bin/rustc
DEBIAN_STD_SRC=/usr/lib/rustlib/src/rust/library
WASM_LINKER_DIR=$TOOLS/wasm-linker

debian_lld() { # the newest Debian lld, or nothing
  local lld
  for lld in /usr/lib/llvm-*/bin/lld; do [ -x "$lld" ] && echo "$lld"; done | sort -V | tail -n 1
}

debian_rustc_version() { "$DEBIAN_RUSTC" --version 2>/dev/null | awk 'NR == 1 { print $2 }'; }

# Prints what the Debian path lacks, one line each; nothing when complete.
debian_wasm_missing() {
  local version
  if [ ! -x "$DEBIAN_RUSTC" ]; then
    echo "rustc 1.96 or later at $DEBIAN_RUSTC (package rustc-web)"
  else
    version=$(debian_rustc_version)
    { [[ $version =~ ^[0-9]+\.[0-9]+ ]] && [ "$(printf '%s\n' 1.96.0 "$version" | sort -V | head -n 1)" = 1.96.0 ]; } ||
      echo "rustc 1.96 or later at $DEBIAN_RUSTC (it is ${version:-unreadable}; package rustc-web)"
  fi
  [ -f "$DEBIAN_STD_SRC/Cargo.lock" ] ||
    echo "the standard library's sources in $DEBIAN_STD_SRC (package rust-web-src)"
  [ -n "$(debian_lld)" ] || echo "lld, the wasm linker, as /usr/lib/llvm-*/bin/lld (package lld-22)"
}

debian_wasm_ready() { [ -z "$(debian_wasm_missing)" ]; }

rustup_wasm_ready() {
  command -v rustup >/dev/null && rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown
}

# Installs the Debian path's packages, then makes it whole: the rust-lld
# link and the standard library's dependencies in the cargo cache. Checks
# everything afresh each time, so nothing depends on what an earlier run left.
setup_debian_wasm() {
  local missing
  apt_install $DEBIAN_WASM_PACKAGES
  missing=$(debian_wasm_missing)
  [ -z "$missing" ] || die "the Debian wasm toolchain is incomplete; missing:
$(printf '%s\n' "$missing" | sed 's/^/  - /')
(the install log is $LOGS/apt-install.log)"
  mkdir -p "$WASM_LINKER_DIR"
  ln -sfn "$(debian_lld)" "$WASM_LINKER_DIR/rust-lld"
  quietly fetch-std-dependencies with_host_env env RUSTC="$DEBIAN_RUSTC" RUSTC_BOOTSTRAP=1 \
    cargo fetch --locked --manifest-path "$DEBIAN_STD_SRC/Cargo.toml"
}

# Says once per run (nested scripts included) which toolchain builds the app.
say_wasm_toolchain() {
  [ -z "${WELLPRESS_TOOLCHAIN_SAID:-}" ] || return 0
  export WELLPRESS_TOOLCHAIN_SAID=1
  if [ "$WASM_MODE" = debian ]; then
    say "wasm toolchain: Debian's rustc $(debian_rustc_version), the standard library built from source, linked by $(debian_lld)"
  else
    say "wasm toolchain: rustup's wasm32-unknown-unknown target ($(rustc --version | awk '{ print $2 }'))"
  fi
}

WASM_MODE=
setup_wasm_toolchain() {
  command -v cargo >/dev/null || die "cargo is missing: install Rust with rustup first"
  # WELLPRESS_WASM_TOOLCHAIN=debian forces the offline path, to test it on
  # a machine that also has rustup's target.
  if [ "${WELLPRESS_WASM_TOOLCHAIN:-}" = debian ]; then
    setup_debian_wasm
    WASM_MODE=debian
  elif rustup_wasm_ready; then WASM_MODE=rustup
  elif debian_wasm_ready; then
    setup_debian_wasm
    WASM_MODE=debian
  elif command -v rustup >/dev/null && timeout 45 rustup target add wasm32-unknown-unknown >"$LOGS/rustup-target.log" 2>&1; then
    WASM_MODE=rustup
  else
    command -v apt-get >/dev/null || die "cannot add the wasm32 target with rustup (see $LOGS/rustup-target.log), and there is no apt-get for the Debian toolchain"
    setup_debian_wasm
    WASM_MODE=debian
  fi
  say_wasm_toolchain
}

# Runs a command that builds for wasm32 in the environment it needs.
with_wasm_env() {
  if [ "$WASM_MODE" = debian ]; then
    PATH="$WASM_LINKER_DIR:$PATH" RUSTC="$DEBIAN_RUSTC" RUSTC_BOOTSTRAP=1 \
      CARGO_UNSTABLE_BUILD_STD=std,panic_abort "$@"
  else
    "$@"
  fi
}

# Runs a command for the host, never inheriting the wasm-only settings.
with_host_env() {
  env -u RUSTC -u RUSTC_BOOTSTRAP -u CARGO_UNSTABLE_BUILD_STD "$@"
}

cargo_tool() { # name crate version [extra cargo install flags]
  local bin=$1 crate=$2 version=$3; shift 3
  if [ -x "$TOOLS/cargo/bin/$bin" ] && "$TOOLS/cargo/bin/$bin" --version 2>/dev/null | grep -q " $version\$"; then
    return 0
  fi
  say "installing $crate $version (compiles from source, a few minutes)"
  quietly "install-$crate" with_host_env cargo install "$crate" --version "$version" --root "$TOOLS/cargo" --force "$@"
}

lockfile_version() {
  awk -v name="$1" '$0 == "name = \"" name "\"" { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

node_tools() { # installs the npm packages the build and tests use, pinned
  command -v npm >/dev/null || apt_install nodejs npm
  local want="binaryen@$BINARYEN_VERSION terser@$TERSER_VERSION @playwright/test@$PLAYWRIGHT_VERSION @axe-core/playwright@$AXE_PLAYWRIGHT_VERSION"
  local stamp="$TOOLS/node/.installed"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return 0; fi
  say "installing $want (npm)"
  mkdir -p "$TOOLS/node"
  # shellcheck disable=SC2086
  quietly npm-install npm install --prefix "$TOOLS/node" --no-audit --no-fund --save-exact $want
  printf '%s' "$want" >"$stamp"
}

# Installs pinned npm packages into $TOOLS/<folder>, a folder of their own,
# for one benchmark (not the build or the tests); then runs the check
# command given (a function's name, or `true`) before counting them as
# installed. Usage: npm_folder FOLDER CHECK PACKAGE@VERSION...
npm_folder() {
  local folder=$1 check=$2; shift 2
  command -v npm >/dev/null || apt_install nodejs npm
  local want="$*" dir="$TOOLS/$folder" stamp="$TOOLS/$folder/.installed"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return 0; fi
  say "installing $want (npm)"
  mkdir -p "$dir"
  quietly "npm-$folder" npm install --prefix "$dir" --no-audit --no-fund --save-exact "$@"
  "$check"
  printf '%s' "$want" >"$stamp"
}

# Pagefind and playwright-core, for bench/pagefind.mjs.
pagefind_tools() {
  npm_folder pagefind pagefind_runs "pagefind@$PAGEFIND_VERSION" "playwright-core@$PLAYWRIGHT_VERSION"
}
pagefind_runs() {
  "$TOOLS/pagefind/node_modules/.bin/pagefind" --version >/dev/null 2>&1 ||
    die "pagefind $PAGEFIND_VERSION installed but does not run (no native binary for $(uname -m)?); see $LOGS/npm-pagefind.log"
}

# wordpress-export-to-markdown, for scripts/bench-import.
wxr_converter_tools() {
  npm_folder wxr-converter true "wordpress-export-to-markdown@$WP_EXPORT_TO_MARKDOWN_VERSION"
}

# Everything `trunk build` and `trunk serve` need.
setup_build() {
  setup_wasm_toolchain
  cargo_tool trunk trunk "$TRUNK_VERSION" --locked
  local wbg
  wbg=$(lockfile_version wasm-bindgen)
  [ -n "$wbg" ] || die "no wasm-bindgen in Cargo.lock"
  cargo_tool wasm-bindgen wasm-bindgen-cli "$wbg"
  node_tools
  wasm-opt --version | grep -q "version ${BINARYEN_VERSION%%.*}" || die "wasm-opt on PATH is not binaryen $BINARYEN_VERSION"
  # trunk runs cargo offline: every crate the app needs, for every target,
  # must be in the cargo cache first.
  quietly fetch-dependencies with_host_env cargo fetch --locked --manifest-path "$ROOT/Cargo.toml"
}

# A full test run from a fresh clone writes about 4.5 GB under target/, and
# its offline-toolchain step a second build of about 2.5 GB in the temporary
# folder (removed after it); a full disk shows up only as a compiler I/O
# error deep in the log, so say so first.
warn_low_disk() {
  local dir free_kb
  for dir in "$ROOT" "${TMPDIR:-/tmp}"; do
    free_kb=$(df -Pk "$dir" 2>/dev/null | awk 'NR == 2 { print $4 }') || continue
    [ -n "$free_kb" ] && [ "$free_kb" -lt $((7 * 1024 * 1024)) ] &&
      say "warning: only $((free_kb / 1024)) MiB free for $dir; a full test run needs about 7 GiB"
  done
  return 0
}

# Everything the tests need on top of the build.
setup_test() {
  warn_low_disk
  setup_build
  apt_install $DEBIAN_TEST_PACKAGES
  ln -sfn "$TOOLS/node/node_modules" "$ROOT/tests/e2e/node_modules"
}
