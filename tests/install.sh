#!/usr/bin/env bash
# `cmake --install` into a temporary prefix: cairn in bin/, the programs in libexec/cairn/,
# the library, headers, cairn.pc and the manual pages; the installed `cairn goal` finds its
# program with an empty PATH; a program built against the installed library links and runs.
set -eu
build=${CAIRN_BUILD_DIR:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prefix="$tmp/prefix"
cmake -S "${CAIRN_SOURCE_DIR:?}" -B "$tmp/b" -DCMAKE_INSTALL_PREFIX="$prefix" -DCAIRN_BUILD_TESTS=OFF >/dev/null
cmake --build "$tmp/b" -j2 >/dev/null
cmake --install "$tmp/b" >/dev/null
fail=0
for f in bin/cairn libexec/cairn/cairn-init libexec/cairn/cairn-goal libexec/cairn/cairn-doctor \
  lib/libcairn.a include/cairn/cairn.h lib/pkgconfig/cairn.pc share/man/man1/cairn.1 \
  share/man/man1/cairn-goal.1 share/man/man5/cairn-files.5 share/man/man7/cairn.7; do
  [ -e "$prefix/$f" ] || { echo "missing after install: $f"; fail=1; }
done
ls "$prefix"/lib/libcairn.so* >/dev/null 2>&1 || { echo "missing: lib/libcairn.so"; fail=1; }
# the installed dispatcher, with no PATH help and no CAIRN_EXEC_PATH
out=$(env -i HOME="$tmp" CAIRN_DIR="$tmp/data" CAIRN_TODAY=2026-11-28 PATH=/nonexistent \
  "$prefix/bin/cairn" init --name "Install Test" 2>&1) || { echo "installed cairn init failed: $out"; fail=1; }
out=$(env -i HOME="$tmp" CAIRN_DIR="$tmp/data" CAIRN_TODAY=2026-11-28 PATH=/nonexistent \
  "$prefix/bin/cairn" goal add "Finish the EMDR basic training" 2>&1) || { echo "installed cairn goal failed: $out"; fail=1; }
case "$out" in *"added goal finish-the-emdr-basic-training"*) ;; *) echo "unexpected: $out"; fail=1 ;; esac
# a program of the user's, compiled against the installed library through pkg-config
cat >"$tmp/use.c" <<'C'
#include <cairn/cairn.h>
#include <stdio.h>
int main(void)
{
	cairn_date d;
	cairn_err err;
	char buf[CAIRN_DATE_BUF];
	if (cairn_date_parse(&d, "+1m", 0, &err) == 0)
		return 1;
	cairn_date_parse_iso(&d, "2027-01-31", &err);
	puts(cairn_date_format(cairn_date_add_months(d, 1), buf));
	return 0;
}
C
PKG_CONFIG_PATH="$prefix/lib/pkgconfig" cc -o "$tmp/use" "$tmp/use.c" \
  -Wl,-rpath,"$prefix/lib" $(PKG_CONFIG_PATH="$prefix/lib/pkgconfig" pkg-config --cflags --libs --static cairn) || fail=1
[ "$("$tmp/use")" = "2027-02-28" ] || { echo "library program printed the wrong date"; fail=1; }
# the same build installed under another prefix, and the configured one gone: cairn finds its
# programs beside itself (bin/../libexec/cairn), not only where it was configured to live
cmake --install "$tmp/b" --prefix "$tmp/elsewhere" >/dev/null
rm -rf "$prefix"
out=$(env -i HOME="$tmp" CAIRN_DIR="$tmp/data" CAIRN_TODAY=2026-11-28 PATH=/nonexistent \
  "$tmp/elsewhere/bin/cairn" goal list 2>&1) || { echo "cairn under another prefix failed: $out"; fail=1; }
case "$out" in *finish-the-emdr-basic-training*) ;; *) echo "unexpected: $out"; fail=1 ;; esac
[ $fail -eq 0 ] && echo "1 passed, 0 failed" || echo "0 passed, 1 failed"
exit $fail
