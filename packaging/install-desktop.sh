#!/usr/bin/env bash
# Put TrustDesk in this user's application menu, with its icon (no root needed):
#   TrustDesk/install-desktop.sh              # from the extracted bundle: launches that folder's TrustDesk
#   bash packaging/install-desktop.sh         # from the repository: launches dist/TrustDesk/TrustDesk
#   ... install-desktop.sh --exec PROGRAM     # launch another TrustDesk (e.g. .venv/bin/trustdesk)
#   ... install-desktop.sh --uninstall        # take the launcher, icons and `trustdesk` link away
# Installs into ${XDG_DATA_HOME:-~/.local/share}: applications/org.trustdesk.TrustDesk.desktop
# (its Exec is this program's absolute path: run this again after moving the folder),
# icons/hicolor/*/apps/org.trustdesk.TrustDesk.{png,svg}, metainfo/ (software centres), and
# links ~/.local/bin/trustdesk to the program for the terminal. Neither this nor --uninstall
# touches the data: the database, backups and settings stay in the user data folder
# (~/.local/share/TrustDesk unless TRUSTDESK_DATA_DIR says otherwise).
set -euo pipefail

APP_ID=org.trustdesk.TrustDesk
here=$(cd "$(dirname "$0")" && pwd)
data_home=${XDG_DATA_HOME:-$HOME/.local/share}
bin_dir=$HOME/.local/bin

program=""
uninstall=0
while [ $# -gt 0 ]; do
  case "$1" in
    --exec) program=${2:?--exec needs the program to launch}; shift ;;
    --uninstall) uninstall=1 ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "usage: install-desktop.sh [--exec PROGRAM] [--uninstall]" >&2; exit 2 ;;
  esac
  shift
done

# Where the files to install are: beside this script in a bundle (share/…), or in the
# repository (packaging/ and resources/icons/).
if [ -d "$here/share/applications" ]; then
  entry="$here/share/applications/$APP_ID.desktop"
  metainfo="$here/share/metainfo/$APP_ID.metainfo.xml"
  icons="$here/share/icons/hicolor"
  default_program="$here/TrustDesk"
else
  entry="$here/$APP_ID.desktop"
  metainfo="$here/$APP_ID.metainfo.xml"
  icons=""
  default_program="$(dirname "$here")/dist/TrustDesk/TrustDesk"
fi

refresh_caches() {
  # Menus notice a new entry by themselves; the icon folder's new time tells icon themes
  # that any cache of it is stale (no cache is written here: a stale one hides icons).
  [ -d "$data_home/icons/hicolor" ] && touch "$data_home/icons/hicolor" || true
}

if [ "$uninstall" = 1 ]; then
  rm -f "$data_home/applications/$APP_ID.desktop" "$data_home/metainfo/$APP_ID.metainfo.xml"
  rm -f "$data_home"/icons/hicolor/*/apps/"$APP_ID".png "$data_home/icons/hicolor/scalable/apps/$APP_ID.svg"
  # The terminal link only if it is ours (it points at a TrustDesk bundle's program).
  if [ -L "$bin_dir/trustdesk" ] && [ "$(basename "$(readlink "$bin_dir/trustdesk")")" = TrustDesk ]; then
    rm -f "$bin_dir/trustdesk"
  fi
  refresh_caches
  echo "TrustDesk's launcher and icons are removed. Your data is kept in" \
       "${TRUSTDESK_DATA_DIR:-$data_home/TrustDesk}; delete that folder yourself to remove it too."
  exit 0
fi

program=${program:-$default_program}
[ -x "$program" ] || { echo "install-desktop: $program is not a program (build the bundle first: bash packaging/build.sh)" >&2; exit 1; }
program=$(cd "$(dirname "$program")" && pwd)/$(basename "$program")

# Exec= takes the path in double quotes (spaces are fine); the few characters that would
# need escaping there are refused rather than escaped.
case "$program" in
  *[\"\`\$\\%]*) echo "install-desktop: move TrustDesk to a folder whose path has none of \" \` \$ \\ % (it is $program)" >&2; exit 1 ;;
esac
mkdir -p "$data_home/applications" "$data_home/metainfo"
while IFS= read -r line; do
  case "$line" in
    Exec=TrustDesk*) printf 'Exec="%s"%s\n' "$program" "${line#Exec=TrustDesk}" ;;
    TryExec=*) printf 'TryExec=%s\n' "$program" ;;
    *) printf '%s\n' "$line" ;;
  esac
done < "$entry" > "$data_home/applications/$APP_ID.desktop.tmp"
mv "$data_home/applications/$APP_ID.desktop.tmp" "$data_home/applications/$APP_ID.desktop"
cp "$metainfo" "$data_home/metainfo/$APP_ID.metainfo.xml"

if [ -n "$icons" ]; then
  (cd "$icons" && find . -name "$APP_ID.*" -type f) | while read -r icon; do
    install -Dm644 "$icons/$icon" "$data_home/icons/hicolor/$icon"
  done
else
  repo_icons="$(dirname "$here")/resources/icons"
  for png in "$repo_icons"/trustdesk-*.png; do
    size=${png##*-}; size=${size%.png}
    install -Dm644 "$png" "$data_home/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
  done
  install -Dm644 "$repo_icons/trustdesk.svg" "$data_home/icons/hicolor/scalable/apps/$APP_ID.svg"
fi
refresh_caches

# `trustdesk` in a terminal, unless something else of that name is there already.
if [ ! -e "$bin_dir/trustdesk" ] || [ -L "$bin_dir/trustdesk" ]; then
  mkdir -p "$bin_dir"
  ln -sfn "$program" "$bin_dir/trustdesk"
  linked="; 'trustdesk' in a terminal runs it ($bin_dir)"
else
  linked="; $bin_dir/trustdesk exists and is not a link, so it was left as it is"
fi
echo "TrustDesk is in your application menu (Office), launching $program$linked."
echo "Your data lives in ${TRUSTDESK_DATA_DIR:-$data_home/TrustDesk}."
