#!/usr/bin/env bash
# The unit tests and a handful of real CLI runs under valgrind memcheck: no errors, no
# definitely lost bytes. Usage: tests/valgrind.sh BUILD-DIR
set -euo pipefail
build=$(cd "${1:?usage: tests/valgrind.sh BUILD-DIR}" && pwd)
src=$(cd "$(dirname "$0")/.." && pwd)
vg=(valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite
    --show-leak-kinds=definite --trace-children=yes --child-silent-after-fork=yes
    '--trace-children-skip=/usr/*,/bin/*,*/git,*/sh,*/bash,*/sed,*/env')
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0

# check WHAT COMMAND... — the command must exit 0 (EXPECT=N: N) with nothing from valgrind.
check() {
  local what=$1 rc=0
  shift
  "${vg[@]}" --log-file="$tmp/vg.%p" "$@" >"$tmp/out" 2>&1 || rc=$?
  if [ "$rc" -eq "${EXPECT:-0}" ] && ! grep -qs . "$tmp"/vg.*; then
    echo "ok: $what"
  else
    echo "FAILED (exit $rc): $what"
    cat "$tmp/out" "$tmp"/vg.* 2>/dev/null | head -60
    failed=1
  fi
  rm -f "$tmp"/vg.*
}

export GIT_CONFIG_NOSYSTEM=1 CAIRN_SOURCE_DIR="$src" HOME="$tmp/home"
mkdir -p "$HOME"
# the unit tests two at a time (each in its own log folder)
unit() {
  local t=$1 d="$tmp/unit-$(basename "$1")"
  mkdir -p "$d"
  if "${vg[@]}" --log-file="$d/vg.%p" "$t" >"$d/out" 2>&1 && ! grep -qs . "$d"/vg.*; then
    echo "ok: unit $(basename "$t")"
  else
    echo "FAILED: unit $(basename "$t")"
    cat "$d/out" "$d"/vg.* 2>/dev/null | head -60
    return 1
  fi
}
running=0
for t in "$build"/tests/check_*; do
  [ -x "$t" ] || continue
  if [ "$running" -ge 2 ]; then
    wait -n || failed=1
    running=$((running - 1))
  fi
  unit "$t" &
  running=$((running + 1))
done
while [ "$running" -gt 0 ]; do
  wait -n || failed=1
  running=$((running - 1))
done

# the CLI, as a user would run it
export CAIRN_DIR="$tmp/data" CAIRN_EXEC_PATH="$build" CAIRN_TODAY=2026-11-28 NO_COLOR=1
cairn="$build/cairn"
printf '%%PDF-1.4\n%%%%EOF\n' >"$tmp/cert.pdf"
check "init" "$cairn" init --name "Dana Reyes"
check "rules add" "$cairn" rules add "$src/examples/rules/tx-lpc.yaml"
check "license add" "$cairn" license add lic --rule tx-lpc --expires 2028-06-30
check "goal add" "$cairn" goal add "Pass the licensing exam" --id exam --due 2027-06-30 \
  --metric "practice tests" --target 10 --step "Book the exam@2027-03-01"
check "goal progress" "$cairn" goal progress exam 2 --note "two done"
check "ce log --cert" "$cairn" ce log "Ethics" --hours 3 --date 2026-11-20 --topic ethics=3 \
  --cert "$tmp/cert.pdf"
check "plan new" "$cairn" plan new growth --start 2026-11-01 --end 2027-12-31 --goal exam
check "plan review" "$cairn" plan review growth --achieved "Two practice tests" --motivation 4
check "goal list" "$cairn" goal list --all
check "ce status" "$cairn" ce status --explain
check "status" "$cairn" status
check "remind" "$cairn" remind --within 120d
EXPECT=1 check "smart check (a goal that fails S)" "$cairn" smart check
check "log" "$cairn" log -n 5
check "export" "$cairn" export --format json
check "doctor" "$cairn" doctor
echo "broken: [" >"$CAIRN_DIR/goals/bad.yaml"
EXPECT=65 check "doctor on a broken file" "$cairn" doctor
exit $failed
