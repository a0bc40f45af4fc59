#!/usr/bin/env bats
# cairn status: the one-screen dashboard of the example repository; plain text without a
# terminal or with NO_COLOR, colour on a terminal. Today is 2026-11-28.

load helpers

setup() {
	common_setup
	cp -r "$CAIRN_SOURCE_DIR/examples/repo" "$DATA"
	git -C "$DATA" init -q
	git -C "$DATA" add -A
	git -C "$DATA" -c user.name=Example -c user.email=e@example.org commit -qm seed
}

@test "status shows active goals by due date, CE per license, plans and what needs you" {
	run --separate-stderr cairn status
	assert_success
	assert_line --index 0 "Maya R. Delgado, 2026-11-28"
	assert_line "goals"
	assert_line --regexp '^  weekly-self-care-routine +\[####\.\.\.\.\.\.\]  42%  due 2027-06-30$'
	assert_line "CE"
	assert_line --regexp '^  tx-lpc +\[##########\] 28 of 24 h +ends 2027-08-31  behind \(ethics\)$'
	assert_line --regexp '^  nbcc-ncc +\[######\.\.\.\.\] 57 of 100 h +ends 2028-09-30  behind$'
	assert_line "plans"
	assert_line --regexp '^  2026-growth +6 goals, next review 2026-11-30$'
	assert_line "needs you (next 30 days)"
	assert_line '  review of plan 2026-growth "Professional development plan 2026-27" is due 2026-11-30'
	# done, dropped, paused and draft goals are not on the dashboard
	refute_output --partial "peer-consultation-group"
	refute_output --partial "dbt-skills-group"
	refute_output --partial "tf-cbt-practice-article"
	# the goals come soonest due first
	local a b
	a=$(grep -n '^  weekly-self-care-routine' <<<"$output" | cut -d: -f1)
	b=$(grep -n '^  trauma-specialization' <<<"$output" | cut -d: -f1)
	[ "$a" -lt "$b" ]
	assert_equal "$stderr" ""
}

@test "plain text without a terminal; colour on a terminal unless NO_COLOR" {
	run cairn status
	refute_output --partial $'\e['
	unset NO_COLOR
	run script -qec "$CAIRN_BUILD_DIR/cairn status" /dev/null
	assert_output --partial $'\e[1mgoals'
	NO_COLOR=1 run script -qec "$CAIRN_BUILD_DIR/cairn status" /dev/null
	refute_output --partial $'\e['
}

@test "status writes nothing and needs no HOME" {
	local before
	before=$(snapshot)
	run env -i CAIRN_DIR="$DATA" CAIRN_TODAY=2026-11-28 CAIRN_EXEC_PATH="$CAIRN_BUILD_DIR" \
		"$CAIRN_BUILD_DIR/cairn" status
	assert_success
	assert_equal "$(snapshot)" "$before"
	assert_clean
}
