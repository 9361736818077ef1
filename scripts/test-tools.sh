#!/usr/bin/env bash
# The Debian programs the tests drive, run as npm's pretest: silent when all are present; as root with
# apt-get it installs the missing ones; otherwise it stops at once, naming the packages to install.
# Usage: bash scripts/test-tools.sh [--check]    (--check only reports: exit 1 and the list if any is missing)
set -euo pipefail

check_only=false
case "${1:-}" in
  "") ;;
  --check) check_only=true ;;
  *)
    echo "usage: bash scripts/test-tools.sh [--check]" >&2
    exit 2
    ;;
esac

# package|what must exist (a command on PATH, or an absolute path)|what the tests use it for.
# The paths follow the tests: CHROMIUM and SCLITE override them there too.
TOOLS=(
  "tmux|tmux|the review screen, driven as a person uses it"
  "chromium|${CHROMIUM:-/usr/bin/chromium}|report.html opened in a real browser"
  "fonts-dejavu-core|/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf|text in Chromium's screenshots"
  "flite|flite|speech made at test time"
  "pocketsphinx|pocketsphinx_batch|the offline recogniser"
  "pocketsphinx-en-us|/usr/share/pocketsphinx/model/en-us/en-us.lm.bin|the recogniser's US English model"
  "sox|sox|harder audio: noise, mu-law, speed"
  "sctk|${SCLITE:-/usr/lib/sctk/bin/sclite}|NIST sclite, which the WER counts are checked against"
  "postgresql|pg_ctlcluster|a real PostgreSQL server, started on a temporary data folder, for the team store"
)

present() {
  case "$1" in
    /*) [ -e "$1" ] ;;
    *) command -v "$1" >/dev/null 2>&1 ;;
  esac
}

# Sets `packages` (the missing ones), `reasons` ("package (use)") and `wanted` (the command or path sought).
find_missing() {
  packages=()
  reasons=()
  wanted=()
  local entry package needed use
  for entry in "${TOOLS[@]}"; do
    IFS='|' read -r package needed use <<<"$entry"
    if ! present "$needed"; then
      packages+=("$package")
      reasons+=("$package ($use)")
      wanted+=("$needed")
    fi
  done
}

joined() {
  local out="" item
  for item in "$@"; do out+="${out:+, }$item"; done
  echo "$out"
}

find_missing
[ ${#packages[@]} -eq 0 ] && exit 0

if $check_only; then
  echo "test-tools: missing Debian packages: ${packages[*]}" >&2
  echo "  needed for: $(joined "${reasons[@]}")" >&2
  exit 1
fi

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "test-tools: the tests need Debian packages that are not installed: $(joined "${reasons[@]}")." >&2
  echo "  Install them, then run the tests again:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${packages[*]}" >&2
  exit 1
fi

# apt's progress lines are noise in a test run; they are shown only if it fails.
log=$(mktemp)
trap 'rm -f "$log"' EXIT
export DEBIAN_FRONTEND=noninteractive
apt_install() {
  apt-get update -qq && apt-get install -y -qq --no-install-recommends "${packages[@]}"
}
if ! apt_install >"$log" 2>&1; then
  cat "$log" >&2
  echo "test-tools: apt-get could not install ${packages[*]} (output above)." >&2
  exit 1
fi
echo "test-tools: installed ${packages[*]} with apt-get, for the tests: $(joined "${reasons[@]}")."

# A package that installed but left its program or file missing (say CHROMIUM points elsewhere) is not fixed.
find_missing
if [ ${#packages[@]} -gt 0 ]; then
  echo "test-tools: still missing after apt-get install: $(joined "${wanted[@]}")." >&2
  exit 1
fi
