#!/usr/bin/env bash
# Each program's --help and its manual page's SYNOPSIS name the same verbs and the same long
# options, so that neither can drift from the other.
set -u
src=${CAIRN_SOURCE_DIR:?}
build=${CAIRN_BUILD_DIR:?}
common='^--(dir|quiet|no-color|help|version)$'
fail=0 checked=0

synopsis() {
  mandoc -T ascii "$1" | col -b | awk '/^SYNOPSIS/{on=1; next} /^DESCRIPTION/{on=0} on'
}
options() {
  grep -oE -- '--[a-z][a-z-]*' | grep -vE "$common" | sort -u
}

for c in "$src"/cmd/cairn-*.c; do
  name=$(basename "$c" .c)
  page="$src/man/$name.1"
  [ -e "$page" ] || { echo "$name: no manual page"; fail=1; continue; }
  help=$("$build/$name" --help) || { echo "$name --help failed"; fail=1; continue; }
  usage=$(printf '%s\n' "$help" | awk '/^usage:/{on=1} on && /^$/{exit} on')
  syn=$(synopsis "$page")
  a=$(printf '%s\n' "$usage" | options)
  b=$(printf '%s\n' "$syn" | options)
  if [ "$a" != "$b" ]; then
    echo "$name: options differ between --help (<) and the SYNOPSIS of $page (>)"
    diff <(printf '%s\n' "$a") <(printf '%s\n' "$b")
    fail=1
  fi
  # every verb of the usage lines appears in the SYNOPSIS
  prog=${name/-/ }
  while IFS= read -r line; do
    verb=$(printf '%s\n' "$line" | sed -E "s/^(usage:)? *$prog ?//; s/ ?[A-Z\[].*$//; s/ +$//")
    [ -z "$verb" ] && continue
    if ! printf '%s\n' "$syn" | tr -s ' \n' ' ' | grep -qF "$prog $verb"; then
      echo "$name: verb '$verb' is in --help but not in the SYNOPSIS"
      fail=1
    fi
  done <<<"$usage"
  checked=$((checked + 1))
done
[ $checked -gt 0 ] || { echo "no program checked"; exit 1; }
[ $fail -eq 0 ] && echo "$checked passed, 0 failed" || echo "0 passed, $checked failed"
exit $fail
