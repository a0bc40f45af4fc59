#!/usr/bin/env bash
# Every manual page passes mandoc's lint at warning level, and every program has its page.
set -u
src=${CAIRN_SOURCE_DIR:?}
fail=0
pages=("$src"/man/*.[1-9])
[ -e "${pages[0]}" ] || { echo "no manual pages in $src/man"; exit 1; }
for page in "${pages[@]}"; do
  out=$(mandoc -T lint -W warning "$page" 2>&1)
  if [ -n "$out" ]; then
    echo "$out"
    fail=1
  fi
done
for c in "$src"/cmd/cairn*.c; do
  name=$(basename "$c" .c)
  [ -e "$src/man/$name.1" ] || { echo "cmd/$name.c has no man/$name.1"; fail=1; }
done
for p in cairn-files.5 cairn.7; do
  [ -e "$src/man/$p" ] || { echo "missing man/$p"; fail=1; }
done
[ $fail -eq 0 ] && echo "1 passed, 0 failed" || echo "0 passed, 1 failed"
exit $fail
