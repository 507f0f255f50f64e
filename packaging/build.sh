#!/usr/bin/env bash
# Build TrustDesk as a desktop app: a one-folder PyInstaller bundle with its own Python, Qt
# and libraries, so the machine it runs on needs no Python set-up.
#   bash packaging/build.sh            # dist/TrustDesk/ and dist/TrustDesk-<version>-linux-x86_64.tar.gz
#   bash packaging/build.sh --check    # the same, then the bundle's tests (tests/bundle) on a copy
#                                      # in an empty folder: --version, demo, search, encryption,
#                                      # screenshots, the window under Xvfb, an old database
#                                      # upgraded; prints size, build time and cold start
#   bash packaging/build.sh --check --no-build   # the tests only, on the dist/TrustDesk/ there
# Uses .venv (made by packaging/setup.sh when missing; PYTHON=... for another interpreter)
# and installs the `bundle` extra's PyInstaller into it. On Debian, --check installs Xvfb
# if it is missing. Windows and macOS: see README, "Building the bundle".
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

check=0
build=1
for arg in "$@"; do
  case "$arg" in
    --check) check=1 ;;
    --no-build) build=0 ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "usage: bash packaging/build.sh [--check [--no-build]]" >&2; exit 2 ;;
  esac
done

if [ -z "${PYTHON:-}" ]; then
  [ -x .venv/bin/python ] || bash packaging/setup.sh install
  PYTHON=.venv/bin/python
fi
version=$("$PYTHON" -c 'import re,sys; print(re.search(r"__version__ = \"(.+?)\"", open("trustdesk/__init__.py").read())[1])')
arch=$(uname -m)
system=$(uname -s | tr '[:upper:]' '[:lower:]')
archive="dist/TrustDesk-$version-$system-$arch.tar.gz"

# PyInstaller as the `bundle` extra of pyproject.toml names it (read there, not repeated here).
ensure_pyinstaller() {
  local wanted
  wanted=$("$PYTHON" -c 'import tomllib; print(*tomllib.load(open("pyproject.toml", "rb"))["project"]["optional-dependencies"]["bundle"], sep="\n")')
  if ! "$PYTHON" - "$wanted" <<'EOF'
import sys
from importlib.metadata import PackageNotFoundError, version
from packaging.requirements import Requirement
for line in sys.argv[1].splitlines():
    req = Requirement(line)
    try:
        if not req.specifier.contains(version(req.name), prereleases=True):
            sys.exit(1)
    except PackageNotFoundError:
        sys.exit(1)
EOF
  then
    echo "build: installing $(echo "$wanted" | tr '\n' ' ')"
    # shellcheck disable=SC2086
    "$PYTHON" -m pip install -q $wanted
  fi
}

# The desktop files beside the program, so that the extracted folder installs its own
# launcher (TrustDesk/install-desktop.sh): the entry, the AppStream metainfo, the icons.
add_desktop_files() {
  local out=dist/TrustDesk share
  share="$out/share"
  rm -rf "$share"
  install -Dm644 packaging/org.trustdesk.TrustDesk.desktop "$share/applications/org.trustdesk.TrustDesk.desktop"
  install -Dm644 packaging/org.trustdesk.TrustDesk.metainfo.xml "$share/metainfo/org.trustdesk.TrustDesk.metainfo.xml"
  for png in resources/icons/trustdesk-*.png; do
    local size=${png##*-}; size=${size%.png}
    install -Dm644 "$png" "$share/icons/hicolor/${size}x${size}/apps/org.trustdesk.TrustDesk.png"
  done
  install -Dm644 resources/icons/trustdesk.svg "$share/icons/hicolor/scalable/apps/org.trustdesk.TrustDesk.svg"
  install -m755 packaging/install-desktop.sh "$out/install-desktop.sh"
  # The licence notices where a user looks for them, beside the program (the app never
  # reads them: out of _internal/).
  rm -rf "$out/licenses"
  mv "$out/_internal/licenses" "$out/licenses"
}

# Libraries Qt's Wayland plugin needs that a build machine without a desktop may lack: the
# bundle carries what the build machine has, so they must be there to be carried.
BUILD_DEBIAN_PACKAGES=(libwayland-client0 libwayland-cursor0 libwayland-egl1 libxkbcommon0)

apt_install() {
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "build: installing Debian packages: $*"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

install_debian_packages() {
  command -v dpkg-query >/dev/null || return 0
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"
}

if [ "$build" = 1 ]; then
  install_debian_packages "${BUILD_DEBIAN_PACKAGES[@]}"
  ensure_pyinstaller
  started=$(date +%s)
  echo "build: PyInstaller (log in build/pyinstaller.log)…"
  mkdir -p build
  # This checkout's trustdesk first, whatever the environment has installed.
  if ! PYTHONPATH="$ROOT" "$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
      --distpath dist --workpath build/pyinstaller packaging/trustdesk.spec >build/pyinstaller.log 2>&1; then
    tail -30 build/pyinstaller.log >&2
    echo "build: PyInstaller failed; the whole log is build/pyinstaller.log" >&2
    exit 1
  fi
  add_desktop_files
  tar -C dist -czf "$archive" TrustDesk
  seconds=$(( $(date +%s) - started ))
  printf '%s\n' "$seconds" > dist/build-seconds
  echo "build: dist/TrustDesk/ ($(du -sm dist/TrustDesk | cut -f1) MB) and $archive" \
       "($(du -sm "$archive" | cut -f1) MB) in ${seconds}s"
fi

[ "$check" = 1 ] || exit 0

[ -x dist/TrustDesk/TrustDesk ] || { echo "build: no dist/TrustDesk/TrustDesk; build it first" >&2; exit 1; }
if ! command -v Xvfb >/dev/null; then
  if command -v dpkg-query >/dev/null; then
    echo "build: Xvfb is needed: the window's start-up is tested on a virtual display"
    install_debian_packages xvfb
  else
    echo "build: --check needs Xvfb (Debian/Ubuntu: apt-get install xvfb; Fedora: dnf install xorg-x11-server-Xvfb)" >&2
    exit 1
  fi
fi
# The bundle's tests are left out of the default test run (pyproject: --ignore=tests/bundle);
# naming the folder runs them. -s: they print the figures as they measure them.
TRUSTDESK_BUNDLE="$ROOT/dist/TrustDesk" TRUSTDESK_BUNDLE_ARCHIVE="$ROOT/$archive" \
  "$PYTHON" -m pytest -p no:cacheprovider -m bundle -s tests/bundle
