#!/usr/bin/env bats
# cairn log: the history of the plan as field-level changes, newest first; one record by id
# or path; --since and -n; hand commits made with git show too; --json.

load helpers

setup() {
	common_setup
	init_repo
	run cairn goal add "Lead DBT skills groups" --id dbt --due 2027-06-30 --metric groups \
		--target 5 --specific "Co-lead the agency's DBT skills group to serve clients who self-harm"
	run cairn goal progress dbt 2
	run cairn goal add "Earn the NCC" --id ncc --due 2027-09-30
}

@test "log lists the commits newest first with each record's field changes" {
	run --separate-stderr cairn log
	assert_success
	assert_line --regexp '^[0-9]{4}-[0-9]{2}-[0-9]{2}  goal add: ncc  \([0-9a-f]{7}, Dana Reyes\)$'
	assert_line "  goals/ncc.yaml"
	assert_line "    added: Earn the NCC"
	assert_line --regexp '^[0-9-]{10}  goal progress: dbt  '
	assert_line "    measure.current 0 -> 2"
	assert_line "    progress + 2026-11-28"
	assert_line --regexp '^[0-9-]{10}  init: Dana Reyes  '
	# newest first
	local a b
	a=$(grep -n 'goal add: ncc' <<<"$output" | cut -d: -f1)
	b=$(grep -n 'goal progress: dbt' <<<"$output" | cut -d: -f1)
	[ "$a" -lt "$b" ]
}

@test "one record by id prefix or by path; -n limits the commits" {
	run cairn log db
	assert_success
	assert_line --regexp '  goal progress: dbt  '
	assert_line --regexp '  goal add: dbt  '
	refute_output --partial "ncc"
	run cairn log goals/ncc.yaml
	assert_line "    added: Earn the NCC"
	refute_output --partial "dbt"
	run cairn log -n 1
	assert_equal "$(grep -c '^[0-9]' <<<"$output")" 1
	run --separate-stderr cairn log nothing-like-this
	assert_failure 66
}

@test "a hand commit made with git shows as field changes; a long text as 'changed'" {
	sed -i 's/^due: .*/due: 2027-08-31/' "$DATA/goals/dbt.yaml"
	sed -i "s/^specific: .*/specific: $(printf 'word %.0s' {1..40})/" "$DATA/goals/dbt.yaml"
	dgit -c user.name="Dana by hand" -c user.email=d@example.org commit -qam "moved the DBT date"
	run cairn log -n 1
	assert_line --regexp '  moved the DBT date  \([0-9a-f]{7}, Dana by hand\)$'
	assert_line "    due 2027-06-30 -> 2027-08-31"
	assert_line "    specific changed"
}

@test "--json gives each commit with its files and change lines" {
	run cairn log --json -n 1
	assert_success
	run /usr/bin/python3 -c 'import json,sys; c=json.load(sys.stdin)[0]; print(c["subject"], c["files"][0]["path"], c["files"][0]["changes"])' <<<"$output"
	assert_output "goal add: ncc goals/ncc.yaml ['added: Earn the NCC']"
}

@test "--since leaves out older commits; log writes nothing" {
	local before
	before=$(snapshot)
	run cairn log --since 2030-01-01
	assert_success
	assert_output ""
	assert_equal "$(snapshot)" "$before"
	assert_clean
}
