#!/usr/bin/env bash
# The walkthrough (tools/walkthrough.py) on its own X server: xvfb-run (Debian package xvfb) starts
# Xvfb with a screen of the size asked for, then the script starts a window manager and the app.
#   bash tools/walkthrough.sh --size 1024x600 [--strict] [--out DIR] [--wm openbox|none] [--verbose]
set -euo pipefail
cd "$(dirname "$0")/.."
size=1024x600
previous=""
for argument in "$@"; do
  case "$previous" in --size) size=$argument ;; esac
  case "$argument" in --size=*) size=${argument#--size=} ;; esac
  previous=$argument
done
# -n: a server number of its own, so that walkthroughs run side by side do not pick the same one
exec xvfb-run -a -n $((100 + RANDOM % 800)) -s "-screen 0 ${size}x24 -nolisten tcp" python3 -m tools.walkthrough --size "$size" "$@"
