#!/usr/bin/env bash
# Takes the README's screenshots in real X11 windows: starts Xvfb (Debian package xvfb) itself.
set -euo pipefail
cd "$(dirname "$0")/.."
exec xvfb-run -a -s "-screen 0 1440x1100x24" env QT_QPA_PLATFORM=xcb python3 -m tools.screenshots "${1:-docs}"
