#!/usr/bin/env bash
# Smoke test of the built Linux bundle (dist/SuperbillDesk, from build.sh): run after build.sh.
#
#   bash packaging/linux/smoke.sh
#
# The frozen `superbill self-test` offscreen (under 3 s), under Xvfb with the xcb platform, and with
# no Python on PATH; the frozen CLI on the example practice file; a copy of a database written by
# schema version 1 opened by the frozen app; the install folder unchanged by all of it.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
BUNDLE=$ROOT/dist/SuperbillDesk
CLI=$BUNDLE/superbill
SAMPLE=../shared/examples/sample-practice.json
[ -f "$SAMPLE" ] || SAMPLE=tests/data/sample-practice.json  # the same file, for clones without shared/
[ -x "$CLI" ] || { echo "no bundle at $BUNDLE: run packaging/linux/build.sh first" >&2; exit 1; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export HOME=$WORK/home SUPERBILL_LOG_DIR=$WORK/logs XDG_RUNTIME_DIR=$WORK/runtime
mkdir -p "$HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
(cd "$BUNDLE" && find . -type f -printf '%p %s %T@\n' | sort) > "$WORK/before.txt"

step() { echo; echo "== $*"; }

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
