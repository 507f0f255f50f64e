#!/usr/bin/env bash
# Set up TrustDesk on Debian/Ubuntu and run it:
#   bash packaging/setup.sh run    # the app, on a local demo database
#   bash packaging/setup.sh test   # lint, format check and the test suite (extra args go to pytest)
#   bash packaging/setup.sh install   # only the set-up (packaging/build.sh uses it)
# Installs what is missing: Debian packages (Qt's X/EGL libraries, CJK and emoji fonts), a virtual
# environment in .venv with TrustDesk and its test tools, and the `trustdesk` command in
# ~/.local/bin. Safe to run again: it skips what is done.
set -euo pipefail
cd "$(dirname "$0")/.."

mode="${1:-run}"
[ $# -gt 0 ] && shift

# Qt's xcb platform and EGL, fontconfig, Noto CJK so Chinese never renders as boxes, Noto
# Color Emoji so a name like 王伟🎉 shows its emoji, and poppler-utils (pdftoppm, pdftotext) to
# look at the visit reports' PDF pages as images and text.
DEBIAN_PACKAGES=(
  libegl1 libgl1 libopengl0 libglib2.0-0 libfontconfig1 libfreetype6 libdbus-1-3
  libxkbcommon0 libxkbcommon-x11-0 libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0
  libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1
  fonts-noto-cjk fonts-noto-color-emoji poppler-utils
)
# For the tests only: PostgreSQL's server programs (initdb, pg_ctl). The team-sync tests start
# their own throwaway cluster on a free local port (tests/pg.py) and stop it when they end.
# This script starts no service (where init scripts run, Debian's package may start its own
# main cluster on port 5432; the tests do not use it). The app itself needs no server.
TEST_DEBIAN_PACKAGES=(postgresql)

apt_install() {
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "setup: installing Debian packages: $*"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

install_debian_packages() {
  command -v dpkg-query >/dev/null || {
    echo "setup: not Debian; install $1 yourself" >&2
    return 0
  }
  shift
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"
}

make_venv() {
  [ -x .venv/bin/python ] && return 0
  if ! "$PYTHON" -m venv .venv >/dev/null 2>&1; then
    # Debian's own Python leaves venv/ensurepip to a separate package.
    rm -rf .venv
    apt_install python3-venv
    "$PYTHON" -m venv .venv
  fi
}

# `trustdesk` as the README types it: a link in ~/.local/bin (on PATH in Debian's login shells
# once the folder exists) to this checkout's .venv/bin/trustdesk. Silent once it is in place.
link_command() {
  local bin="$HOME/.local/bin" target="$PWD/.venv/bin/trustdesk"
  [ "$(readlink "$bin/trustdesk" 2>/dev/null)" = "$target" ] && return 0
  if [ -e "$bin/trustdesk" ] && [ ! -L "$bin/trustdesk" ]; then
    echo "setup: $bin/trustdesk is not a link made by setup; left as it is (use $target)" >&2
    return 0
  fi
  mkdir -p "$bin"
  ln -sfn "$target" "$bin/trustdesk"
  echo "setup: linked $bin/trustdesk -> $target"
  case ":$PATH:" in
    *":$bin:"*) ;;
    *)
      if grep -qs '\.local/bin' "$HOME/.profile"; then
        echo "setup: $bin is on your PATH from your next login; in this shell type" \
             "'export PATH=\"\$HOME/.local/bin:\$PATH\"' first"
      else  # root's profile, and some others, never add it
        echo "setup: $bin is not on your PATH: add" \
             "'export PATH=\"\$HOME/.local/bin:\$PATH\"' to ~/.profile, then type 'trustdesk'"
      fi ;;
  esac
}

PYTHON="${PYTHON:-python3}"
"$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || {
  echo "setup: TrustDesk needs Python 3.11 or newer (found $("$PYTHON" --version 2>&1))" >&2; exit 1; }

install_debian_packages "Qt's X11/EGL libraries, a CJK and an emoji font" "${DEBIAN_PACKAGES[@]}"
if [ "$mode" = test ]; then
  install_debian_packages "PostgreSQL (initdb and pg_ctl, for the tests)" \
    "${TEST_DEBIAN_PACKAGES[@]}"
fi

stamp=".venv/.trustdesk-$(cat pyproject.toml | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  make_venv
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[test]"
  rm -f .venv/.trustdesk-*
  touch "$stamp"
fi
link_command

case "$mode" in
  install) ;;
  run)
    data_dir=$(.venv/bin/python -c 'from trustdesk import paths; print(paths.data_dir())')
    demo_db="${TRUSTDESK_DB:-$data_dir/demo.sqlite3}"
    .venv/bin/trustdesk --db "$demo_db" demo --if-empty
    exec .venv/bin/trustdesk --db "$demo_db" "$@"
    ;;
  test)
    .venv/bin/ruff check .
    .venv/bin/ruff format --check .
    .venv/bin/mypy
    # One process per core (-n auto), each taking whole test files, so module fixtures such
    # as the 2,000-customer demo are built once; then the few tests that time contention
    # (marked "alone") by themselves. Exit code 5 of the second run: none of them selected.
    export QT_QPA_PLATFORM=offscreen
    .venv/bin/python -m pytest -n auto --dist loadfile -m "not alone" "$@"
    .venv/bin/python -m pytest -m alone "$@" || [ $? -eq 5 ]
    ;;
  *)
    echo "usage: bash packaging/setup.sh run|test|install [args]" >&2
    exit 2
    ;;
esac
