#!/usr/bin/env bash
# Install Superbill Desk for this user (no root needed), from the unpacked folder:
#
#   tar -xzf SuperbillDesk-<version>-linux-x86_64.tar.gz && SuperbillDesk/install.sh
#
# Copies the folder to ~/.local/opt/SuperbillDesk (replacing an older version there), puts the
# app in the applications menu and `superbill` in ~/.local/bin. `install.sh --uninstall` removes
# those again. Your practice data lives elsewhere (~/.local/share/SuperbillDesk) and is never touched.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
DATA_HOME=${XDG_DATA_HOME:-$HOME/.local/share}
TARGET=${SUPERBILL_INSTALL_DIR:-$HOME/.local/opt/SuperbillDesk}
BIN=$HOME/.local/bin
DESKTOP=$DATA_HOME/applications/superbill-desk.desktop

uninstall() {
  rm -f "$DESKTOP" "$BIN/superbill" \
    "$DATA_HOME/icons/hicolor/scalable/apps/superbill-desk.svg" \
    "$DATA_HOME/icons/hicolor/256x256/apps/superbill-desk.png"
  rm -rf "$TARGET"
  command -v update-desktop-database >/dev/null && update-desktop-database -q "$DATA_HOME/applications" || true
  echo "Superbill Desk removed. Your practice data was not touched."
}

if [ "${1:-}" = "--uninstall" ]; then
  uninstall
  exit 0
fi

if [ "$HERE" != "$TARGET" ]; then
  mkdir -p "$(dirname "$TARGET")"
  staging="$TARGET.new"
  rm -rf "$staging"
  cp -a "$HERE" "$staging"
  rm -rf "$TARGET"
  mv "$staging" "$TARGET"
fi
mkdir -p "$BIN" "$(dirname "$DESKTOP")" "$DATA_HOME/icons/hicolor/scalable/apps" "$DATA_HOME/icons/hicolor/256x256/apps"
ln -sfn "$TARGET/superbill" "$BIN/superbill"
cp "$TARGET/superbill-desk.svg" "$DATA_HOME/icons/hicolor/scalable/apps/superbill-desk.svg"
cp "$TARGET/superbill-desk.png" "$DATA_HOME/icons/hicolor/256x256/apps/superbill-desk.png"
sed "s|@INSTALL_DIR@|$TARGET|g" "$TARGET/superbill-desk.desktop" > "$DESKTOP"
chmod 644 "$DESKTOP"
command -v update-desktop-database >/dev/null && update-desktop-database -q "$(dirname "$DESKTOP")" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$DATA_HOME/icons/hicolor" || true
echo "Superbill Desk installed in $TARGET"
echo "It is in your applications menu; 'superbill' is in $BIN (add it to PATH if your shell does not)."
