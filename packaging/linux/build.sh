#!/usr/bin/env bash
# Build the Linux bundle from this checkout: dist/SuperbillDesk/ (one folder) and
# dist/SuperbillDesk-<version>-linux-x86_64.tar.gz (the folder, a .desktop file, the icon, install.sh).
#
#   bash packaging/linux/build.sh
#
# Builds in a clean virtual environment holding only the app's dependencies and PyInstaller
# (BUILD_VENV, default build/venv), so nothing else installed on this machine ends up in the bundle.
# Needs python3 (3.11+) with venv, binutils (strip, readelf), gcc and ICU's icupkg (icu-devtools: the
# bundle's ICU data is cut to what Qt uses, packaging/linux/icu_data.py); as root on Debian/Ubuntu the
# missing system packages are installed with apt-get.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
PYTHON=${PYTHON:-python3}
VENV=${BUILD_VENV:-$ROOT/build/venv}

export PATH="$PATH:/usr/sbin"  # Debian puts icupkg there, outside an ordinary user's PATH
missing=()
command -v strip >/dev/null && command -v readelf >/dev/null || missing+=(binutils)
command -v gcc >/dev/null || missing+=(gcc)
command -v icupkg >/dev/null || missing+=(icu-devtools)
"$PYTHON" -c 'import venv, ensurepip' 2>/dev/null || missing+=(python3-venv)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}"
  else
    echo "build.sh needs: ${missing[*]} (install them with your package manager)" >&2
    exit 1
  fi
fi

if [ ! -x "$VENV/bin/python" ]; then
  "$PYTHON" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install --quiet --upgrade pip
"$VENV/bin/python" -m pip install --quiet ".[build]"

VERSION=$("$VENV/bin/python" -c 'import app; print(app.__version__)')
rm -rf build/pyinstaller dist/SuperbillDesk
"$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller build.spec

# Every module of the app is in the bundle (the UI imports dialogs lazily; a missed one fails here, not
# in a therapist's hands). app/__main__.py is the one exception: the bundle's entry point replaces it.
missing_modules=0
while read -r module; do
  grep -q "'$module'" build/pyinstaller/build/PYZ-00.toc || { echo "not in the bundle: $module" >&2; missing_modules=1; }
done < <(find app -name '*.py' ! -name '__main__.py' | sed -e 's|/__init__\.py$||' -e 's|\.py$||' -e 's|/|.|g' | sort)
[ "$missing_modules" = 0 ]

# The desktop integration travels inside the folder: the installer script copies it into place.
cp packaging/linux/superbill-desk.desktop packaging/linux/install.sh dist/SuperbillDesk/
cp resources/icons/superbill-desk.svg resources/icons/superbill-desk.png dist/SuperbillDesk/
chmod +x dist/SuperbillDesk/install.sh

ARCHIVE="dist/SuperbillDesk-$VERSION-linux-$(uname -m).tar.gz"
tar -C dist -czf "$ARCHIVE" SuperbillDesk
echo "bundle folder: $(du -sb dist/SuperbillDesk | cut -f1) bytes  (dist/SuperbillDesk)"
echo "archive:       $(stat -c %s "$ARCHIVE") bytes  ($ARCHIVE)"
