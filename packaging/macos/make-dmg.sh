#!/usr/bin/env bash
# The macOS disk image: dist/SuperbillDesk-<version>-macos.dmg holding "Superbill Desk.app" and a
# link to Applications (drag to install). Runs on macOS only: hdiutil, sips and iconutil ship with
# macOS and have no Linux build, so nothing here runs on the Linux CI machine; the GitHub workflow
# (.github/workflows/build.yml) runs it on a macOS runner.
#
#   bash packaging/macos/make-dmg.sh            builds the .app with build.spec first when missing
#
# Signing and notarizing (docs/install.md): set MACOS_SIGN_IDENTITY ("Developer ID Application: ...")
# to sign the app before the image is made; notarize the .dmg afterwards with notarytool.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ "$(uname -s)" != Darwin ]; then
  echo "make-dmg.sh runs on macOS only (hdiutil); on this system: $(uname -s)" >&2
  exit 2
fi
PYTHON=${PYTHON:-python3}
VERSION=$("$PYTHON" -c 'import re,pathlib; print(re.search(r"__version__ = \"([^\"]+)\"", pathlib.Path("app/__init__.py").read_text()).group(1))')
APP="dist/Superbill Desk.app"

if [ ! -f packaging/macos/superbill-desk.icns ]; then
  iconset=build/superbill-desk.iconset
  mkdir -p "$iconset"
  for size in 16 32 128 256; do
    sips -z "$size" "$size" resources/icons/superbill-desk.png --out "$iconset/icon_${size}x${size}.png" >/dev/null
  done
  iconutil -c icns "$iconset" -o packaging/macos/superbill-desk.icns
fi
if [ ! -d "$APP" ]; then
  "$PYTHON" -m PyInstaller --noconfirm --clean --distpath dist --workpath build/pyinstaller build.spec
fi
"$APP/Contents/MacOS/superbill" --version

if [ -n "${MACOS_SIGN_IDENTITY:-}" ]; then
  codesign --force --deep --options runtime --timestamp --sign "$MACOS_SIGN_IDENTITY" "$APP"
  codesign --verify --strict --verbose=2 "$APP"
fi

staging=build/dmg
rm -rf "$staging" && mkdir -p "$staging"
cp -R "$APP" "$staging/"
ln -s /Applications "$staging/Applications"
DMG="dist/SuperbillDesk-$VERSION-macos.dmg"
hdiutil create -volname "Superbill Desk" -srcfolder "$staging" -ov -format UDZO "$DMG"
hdiutil verify "$DMG"
echo "disk image: $DMG ($(stat -f %z "$DMG") bytes)"
