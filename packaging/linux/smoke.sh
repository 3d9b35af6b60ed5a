#!/usr/bin/env bash
# Smoke test of the built Linux bundle (dist/SuperbillDesk, from build.sh): run after build.sh.
#
#   bash packaging/linux/smoke.sh
#
# The libraries the bundle leaves to the system; `superbill` as a link; the frozen `superbill self-test`
# offscreen (under 3 s), under Xvfb with the xcb platform, and with no Python on PATH; the frozen CLI on
# the example practice file; a copy of a database written by schema version 1 opened by the frozen app;
# the install folder unchanged by all of it.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
BUNDLE=$ROOT/dist/SuperbillDesk
CLI=$BUNDLE/superbill
SAMPLE=tests/data/sample-practice.json  # the complete example of docs/practice-file.md
[ -x "$CLI" ] || { echo "no bundle at $BUNDLE: run packaging/linux/build.sh first" >&2; exit 1; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export HOME=$WORK/home SUPERBILL_LOG_DIR=$WORK/logs XDG_RUNTIME_DIR=$WORK/runtime
mkdir -p "$HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
(cd "$BUNDLE" && find . -type f -printf '%p %s %T@\n' | sort) > "$WORK/before.txt"

step() { echo; echo "== $*"; }

step "the libraries the bundle leaves to the system are the ones README's Install section lists"
# glibc, OpenGL (PyInstaller never bundles them) and build.spec's SYSTEM_LIBRARIES. A library missing from
# the bundle would go unnoticed on this machine, which has it: this catches it.
expected="ld-linux-x86-64.so.2 libEGL.so.1 libGL.so.1 libX11-xcb.so.1 libX11.so.6 libc.so.6 libcups.so.2
libdbus-1.so.3 libdl.so.2 libfontconfig.so.1 libfreetype.so.6 libglib-2.0.so.0 libgssapi_krb5.so.2
libgthread-2.0.so.0 libm.so.6 libpthread.so.0 libresolv.so.2 libxcb.so.1"
find "$BUNDLE" -type f -exec sh -c 'head -c 4 "$1" | grep -q ELF' _ {} \; -print \
  | xargs -n 50 readelf -d 2>/dev/null | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | sort -u > "$WORK/needed.txt"
find "$BUNDLE" \( -type f -o -type l \) -name '*.so*' -printf '%f\n' | sort -u > "$WORK/bundled.txt"
comm -23 "$WORK/needed.txt" "$WORK/bundled.txt" > "$WORK/from-system.txt"
echo "$expected" | tr ' ' '\n' | sort -u | diff - "$WORK/from-system.txt" \
  || { echo "the bundle needs other system libraries than the documented ones (> extra, < no longer)" >&2; exit 1; }
echo "from the system: $(tr '\n' ' ' < "$WORK/from-system.txt")"

step "superbill is a link to SuperbillDesk (one program file; it finds its files through the link)"
[ "$(readlink "$CLI")" = SuperbillDesk ]
"$CLI" --version

step "self-test, offscreen"
start=$(date +%s%N)
QT_QPA_PLATFORM=offscreen "$CLI" self-test
ms=$((($(date +%s%N) - start) / 1000000))
echo "frozen self-test took $ms ms, process start to exit (budget 3000 ms)"
[ "$ms" -lt 3000 ] || { echo "self-test slower than 3 s" >&2; exit 1; }

step "self-test of the windowed program (--self-test), offscreen"
QT_QPA_PLATFORM=offscreen "$BUNDLE/SuperbillDesk" --self-test

step "self-test under Xvfb, xcb platform"
if ! { command -v xvfb-run && command -v xauth; } >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  apt-get update -qq && apt-get install -y -qq --no-install-recommends xvfb xauth
fi
xvfb-run -a -s "-screen 0 1280x800x24" env QT_QPA_PLATFORM=xcb "$CLI" self-test | tee "$WORK/xcb.txt"
grep -q "ok   main window .* xcb:" "$WORK/xcb.txt"

step "self-test with no Python on PATH"
mkdir "$WORK/empty-path"
env -i LANG=C.UTF-8 HOME="$HOME" SUPERBILL_LOG_DIR="$SUPERBILL_LOG_DIR" PATH="$WORK/empty-path" QT_QPA_PLATFORM=offscreen \
  /bin/sh -c 'if command -v python3 || command -v python; then exit 9; fi; exec "$0" self-test' "$CLI"

step "frozen CLI on $SAMPLE"
DATA=$WORK/practice
"$CLI" --data-dir "$DATA" import "$SAMPLE"
"$CLI" --data-dir "$DATA" check --patient pt-0001
"$CLI" --data-dir "$DATA" render --patient pt-0001 -o "$WORK/superbill.pdf"
head -c 5 "$WORK/superbill.pdf" | grep -q '%PDF-'
"$CLI" --data-dir "$DATA" codes icd low back | grep -q M54.50
"$CLI" --data-dir "$DATA" export -o "$WORK/export.json"
grep -q '"format": "superbill/1"' "$WORK/export.json"

step "a database written by schema version 1 opens in the frozen app"
OLD=$WORK/old-practice
mkdir -m 700 "$OLD"
cp tests/data/schema-v1.sqlite3 "$OLD/practice.sqlite3"
"$CLI" --data-dir "$OLD" export -o "$WORK/old.json"
grep -q '"patients"' "$WORK/old.json"
"$CLI" --data-dir "$OLD" backups >/dev/null

step "the install folder is unchanged (data lives outside it)"
(cd "$BUNDLE" && find . -type f -printf '%p %s %T@\n' | sort) > "$WORK/after.txt"
diff "$WORK/before.txt" "$WORK/after.txt"

echo
echo "smoke test passed"
