#!/usr/bin/env bats
# Privacy: whatever the umask, everything cairn creates — records, certificates, git's own
# files, exports, edit copies — is the user's alone (files 0600 or stricter, folders 0700);
# a data directory that others may write to is refused.

load helpers

# Every file and folder under $1 that group or others may read, write or enter.
open_to_others() {
	find "$1" -perm /077 -printf '%m %p\n'
}

exercise() {
	init_repo
	printf '%%PDF-1.4\n%%%%EOF\n' >"$BATS_TEST_TMPDIR/cert.pdf"
	run cairn rules add "$CAIRN_SOURCE_DIR/examples/rules/tx-lpc.yaml"
	assert_success
	run cairn license add lic --rule tx-lpc --expires 2028-06-30
	assert_success
	add_dbt_goal
	run cairn goal progress dbt-certification 2
	assert_success
	EDITOR=$(printf '#!/bin/sh\nsed -i "s/^title: .*/title: DBT certification/" "$1"\n' \
		>"$BATS_TEST_TMPDIR/ed" && chmod 755 "$BATS_TEST_TMPDIR/ed" && echo "$BATS_TEST_TMPDIR/ed") \
		run cairn goal edit dbt-certification </dev/null
	assert_success
	run cairn ce log "Ethics" --hours 3 --date 2026-11-20 --topic ethics=3 --cert "$BATS_TEST_TMPDIR/cert.pdf"
	assert_success
	run cairn plan new growth --start 2026-11-01 --end 2027-12-31 --goal dbt-certification
	assert_success
	run cairn plan review growth --achieved "Enrolled" --motivation 4
	assert_success
	run cairn export --format csv -o "$BATS_TEST_TMPDIR/out/export.csv"
	assert_success
	run cairn ce audit lic --out "$BATS_TEST_TMPDIR/out/audit"
	assert_success
	run cairn git gc -q
	assert_success
}

@test "under umask 022 every file cairn creates is 0600 and every folder 0700" {
	umask 022
	exercise
	assert_equal "$(file_mode "$DATA")" 700
	assert_equal "$(open_to_others "$DATA")" ""
	assert_equal "$(open_to_others "$BATS_TEST_TMPDIR/out/export.csv")" ""
	assert_equal "$(find "$BATS_TEST_TMPDIR/out/audit" -perm /077 -printf '%m %p\n')" ""
	assert_equal "$(file_mode "$DATA/goals/dbt-certification.yaml")" 600
}

@test "under umask 000 too" {
	umask 000
	exercise
	assert_equal "$(open_to_others "$DATA")" ""
	assert_equal "$(open_to_others "$BATS_TEST_TMPDIR/out")" ""
}

@test "a data directory writable by its group or by everyone is refused, with the fix" {
	init_repo
	add_goal "Read the ethics code" --due 2027-01-31
	chmod 770 "$DATA"
	run --separate-stderr cairn goal list
	assert_equal "$status" 77
	assert_err "$DATA: the folder is writable by its group (mode 0770)"
	assert_err "chmod 700 '$DATA'"
	run --separate-stderr cairn goal add "Another" --due 2027-01-31
	assert_equal "$status" 77
	assert_equal "$(commits)" 2
	chmod 707 "$DATA"
	run --separate-stderr cairn status
	assert_equal "$status" 77
	assert_err "writable by every user"
	chmod 700 "$DATA"
	chmod 775 "$DATA/.git"
	run --separate-stderr cairn goal list
	assert_equal "$status" 77
	assert_err "$DATA/.git: the folder is writable by its group"
	chmod 700 "$DATA/.git"
	# readable by the group is the user's choice; only writing is refused
	chmod 750 "$DATA"
	run cairn goal list
	assert_success
}
