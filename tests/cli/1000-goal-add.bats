#!/usr/bin/env bats
# cairn goal add: every flag, ids, dates, refusals, modes.

load helpers

setup() {
	common_setup
	init_repo
}

@test "goal add with every flag writes the canonical file and one commit 'goal add: ID'" {
	add_goal "Specialize in emotion-regulation issues" --id specialize-emotion-regulation \
		--horizon long --due 2029-12-31
	local before
	before=$(commits)
	run --separate-stderr cairn goal add "Become certified in Dialectical Behavior Therapy" \
		--id dbt-certification --horizon short --domain professional --area clinical-skills \
		--start 2026-12-01 --due 2027-06-30 \
		--specific "Complete the DBT certification program to better support my clients with borderline personality disorder." \
		--metric "DBT group sessions conducted" --unit sessions --baseline 0 --target 5 \
		--achievable "Four hours a week of study, balanced with my current caseload." \
		--relevant "Serves my aim of specializing in emotional-regulation issues." \
		--serves specialize \
		--step "Enroll in the DBT intensive@2027-01-15" --step "Pass the certification exam@2027-06-15" \
		--tag dbt --tag certification --draft
	assert_success
	assert_line --index 0 "added goal dbt-certification (draft)"
	assert_equal "$stderr" ""

	# the file, in the canonical key order (a `completed: null` line is allowed)
	run grep -v '^completed: null$' "$(goal_file dbt-certification)"
	assert_output "$(
		cat <<'EOF'
id: dbt-certification
title: Become certified in Dialectical Behavior Therapy
horizon: short
domain: professional
area: clinical-skills
status: draft
created: 2026-11-28
start: 2026-12-01
due: 2027-06-30
specific: Complete the DBT certification program to better support my clients with borderline personality disorder.
measure:
  metric: DBT group sessions conducted
  unit: sessions
  baseline: 0
  target: 5
  current: 0
achievable: Four hours a week of study, balanced with my current caseload.
relevant: Serves my aim of specializing in emotional-regulation issues.
serves:
  - specialize-emotion-regulation
steps:
  - title: Enroll in the DBT intensive
    due: 2027-01-15
  - title: Pass the certification exam
    due: 2027-06-15
tags:
  - dbt
  - certification
EOF
	)"
	assert_new_commits "$before" 1
	assert_last_commit "goal add: dbt-certification" goals/dbt-certification.yaml
	assert_equal "$(last_body)" "added: Become certified in Dialectical Behavior Therapy"
	assert_clean
}

@test "goal add --help lists every flag it takes" {
	run cairn goal add --help
	assert_success
	local flag
	for flag in horizon domain area start due specific metric unit baseline target achievable \
		relevant serves step tag id draft; do
		assert_output --partial "--$flag"
	done
}

@test "the id comes from the title; the same title again gets -2, then -3" {
	run cairn goal add "Attend the NASW conference!"
	assert_success
	assert_line --index 0 "added goal attend-the-nasw-conference"
	run cairn goal add "Attend the NASW conference!"
	assert_line --index 0 "added goal attend-the-nasw-conference-2"
	run cairn goal add "Attend the NASW conference!"
	assert_line --index 0 "added goal attend-the-nasw-conference-3"
	[ -f "$(goal_file attend-the-nasw-conference-3)" ]
	run grep '^id: ' "$(goal_file attend-the-nasw-conference-2)"
	assert_output "id: attend-the-nasw-conference-2"
	assert_clean
}

@test "non-ASCII titles give a readable ASCII id" {
	run cairn goal add "Überprüfung der Supervision — café"
	assert_success
	assert_line --index 0 "added goal uberprufung-der-supervision-cafe"
}

@test "a title that gives no id is refused (exit 65) with a hint to use --id; --id makes it work" {
	local before
	before=$(head_id)
	run --separate-stderr cairn goal add "!!!"
	assert_failure 65
	assert_err "cannot make an id from the title '!!!'"
	assert_err "--id"
	assert_head_unchanged "$before"
	run cairn goal add "!!!" --id bangs
	assert_success
	run grep '^title: ' "$(goal_file bangs)"
	assert_output 'title: "!!!"'
}

@test "--id that exists already is refused (exit 65); nothing written" {
	add_goal "Read Linehan's manual" --id linehan
	local before sum
	before=$(head_id)
	sum=$(sha "$(goal_file linehan)")
	run --separate-stderr cairn goal add "Something else" --id linehan
	assert_failure 65
	assert_err "a goal 'linehan' exists already"
	assert_head_unchanged "$before"
	assert_equal "$(sha "$(goal_file linehan)")" "$sum"
	assert_clean
}

@test "--id with ../, a slash or capitals is refused; no file anywhere" {
	local before id
	before=$(head_id)
	for id in "../evil" "goals/../../evil" "a/b" "Bad" "-lead" ".hidden"; do
		run --separate-stderr cairn goal add "Escape" --id "$id"
		assert [ "$status" -eq 2 -o "$status" -eq 65 ]
		assert_err "--id '$id' is not valid"
		assert_err "hint: ids are lower-case letters, digits and '-'"
	done
	assert_head_unchanged "$before"
	[ ! -e "$DATA/goals" ]
	[ ! -e "$BATS_TEST_TMPDIR/evil.yaml" ]
	[ ! -e "$DATA/evil.yaml" ]
	assert_clean
}

@test "--draft saves a draft; without it a goal is active" {
	add_goal "Plan a research project" --draft
	assert_line --index 0 "added goal plan-a-research-project (draft)"
	run grep '^status: ' "$(goal_file plan-a-research-project)"
	assert_output "status: draft"
	add_goal "Present at a conference"
	run grep '^status: ' "$(goal_file present-at-a-conference)"
	assert_output "status: active"
}

@test "created and start default to today (CAIRN_TODAY)" {
	add_goal "Read one book a month"
	run cat "$(goal_file read-one-book-a-month)"
	assert_line "created: 2026-11-28"
	assert_line "start: 2026-11-28"
	refute_line --partial "due:"
}

@test "relative dates: tomorrow, +6m, eom, eoy, +2w, -2w" {
	add_goal "Relative one" --start tomorrow --due +6m
	run cat "$(goal_file relative-one)"
	assert_line "start: 2026-11-29"
	assert_line "due: 2027-05-28"

	add_goal "Relative two" --due eom
	run grep '^due: ' "$(goal_file relative-two)"
	assert_output "due: 2026-11-30"

	add_goal "Relative three" --due eoy --start -2w
	run cat "$(goal_file relative-three)"
	assert_line "due: 2026-12-31"
	assert_line "start: 2026-11-14"

	add_goal "Relative four" --due +2w
	run grep '^due: ' "$(goal_file relative-four)"
	assert_output "due: 2026-12-12"
}

@test "month arithmetic clamps: Jan 31 + 1m is Feb 28, and Feb 29 in a leap year" {
	CAIRN_TODAY=2027-01-31 run cairn goal add "Clamp" --due +1m
	assert_success
	run grep '^due: ' "$(goal_file clamp)"
	assert_output "due: 2027-02-28"

	CAIRN_TODAY=2028-01-31 run cairn goal add "Leap" --due +1m
	assert_success
	run grep '^due: ' "$(goal_file leap)"
	assert_output "due: 2028-02-29"

	run cairn goal add "Leap day" --due 2028-02-29
	assert_success
}

@test "the horizon defaults from the dates: within a year short, beyond long" {
	add_goal "Near" --due 2027-11-28
	run grep '^horizon: ' "$(goal_file near)"
	assert_output "horizon: short"
	add_goal "Far" --due 2027-11-30
	run grep '^horizon: ' "$(goal_file far)"
	assert_output "horizon: long"
}

@test "--step TITLE@DATE splits off the date; an @ that is not a date stays in the title" {
	add_goal "Network more" --step "Email dana@example.org" --step "Join the state chapter@+1m" \
		--step "Call the mentor@2027-01-10"
	run cat "$(goal_file network-more)"
	assert_line "  - title: Email dana@example.org"
	assert_line "  - title: Join the state chapter"
	assert_line "    due: 2026-12-28"
	assert_line "  - title: Call the mentor"
	assert_line "    due: 2027-01-10"
}

@test "--serves takes a prefix of an existing goal; an unknown one is refused (exit 66)" {
	add_goal "Become a clinical supervisor" --id become-supervisor --horizon long --due 2030-06-30
	add_goal "Take the supervision course" --serves become-sup
	run cat "$(goal_file take-the-supervision-course)"
	assert_line "serves:"
	assert_line "  - become-supervisor"

	local before
	before=$(head_id)
	run --separate-stderr cairn goal add "Dangling" --serves no-such-goal
	assert_failure 66
	assert_err "no goal 'no-such-goal'"
	assert_head_unchanged "$before"
	[ ! -e "$(goal_file dangling)" ]
	assert_clean
}

@test "bad enum values are usage errors (exit 2) that list the choices; nothing written" {
	local before
	before=$(head_id)
	run --separate-stderr cairn goal add "X" --horizon medium
	assert_failure 2
	assert_err "--horizon: unknown value 'medium'"
	assert_err "hint: one of: short, long"
	run --separate-stderr cairn goal add "X" --domain work
	assert_failure 2
	assert_err "--domain: unknown value 'work'"
	assert_err "professional, personal"
	run --separate-stderr cairn goal add "X" --area gardening
	assert_failure 2
	assert_err "--area: unknown value 'gardening'"
	assert_err "clinical-skills"
	assert_head_unchanged "$before"
	[ ! -e "$DATA/goals" ]
	assert_clean
}

@test "a date that does not exist: --due 2027-02-30 is refused naming the date; nothing written" {
	local before
	before=$(head_id)
	run --separate-stderr cairn goal add "Impossible" --due 2027-02-30
	assert [ "$status" -eq 2 -o "$status" -eq 65 ]
	assert_err "--due"
	assert_err "2027-02-30 does not exist"
	run --separate-stderr cairn goal add "Impossible" --start 2026-11-31
	assert [ "$status" -eq 2 -o "$status" -eq 65 ]
	assert_err "2026-11-31 does not exist"
	run --separate-stderr cairn goal add "Impossible" --due "next tuesday"
	assert_failure 2
	assert_err "'next tuesday' is not a date"
	assert_err "hint: use YYYY-MM-DD"
	assert_head_unchanged "$before"
	[ ! -e "$DATA/goals" ]
}

@test "numbers: --target abc is a usage error; a negative --target is refused; nothing written" {
	local before
	before=$(head_id)
	run --separate-stderr cairn goal add "Count" --target abc
	assert_failure 2
	assert_err "--target: 'abc' is not a number"
	run --separate-stderr cairn goal add "Count" --baseline 0x10
	assert_failure 2
	assert_err "--baseline"

	run --separate-stderr cairn goal add "Count" --target -3
	assert [ "$status" -eq 2 -o "$status" -eq 65 ]
	assert_err "target"
	assert_err "may not be negative"
	assert_head_unchanged "$before"
	[ ! -e "$DATA/goals" ]
	assert_clean
}

@test "due before start is refused (exit 65)" {
	local before
	before=$(head_id)
	run --separate-stderr cairn goal add "Backwards" --start 2027-03-01 --due 2027-01-01
	assert_failure 65
	assert_err "due 2027-01-01 is before start 2027-03-01"
	assert_head_unchanged "$before"
}

@test "a title with a line break is refused; an empty title too" {
	local before
	before=$(head_id)
	run --separate-stderr cairn goal add $'two\nlines'
	assert_failure 65
	assert_err "title must be on one line"
	run --separate-stderr cairn goal add ""
	assert [ "$status" -eq 2 -o "$status" -eq 65 ]
	assert_head_unchanged "$before"
	assert_clean
}

@test "goal add without a title is a usage error" {
	run --separate-stderr cairn goal add
	assert_failure 2
	assert_err "needs TITLE"
}

@test "goal add under umask 022: goals/ is 0700 and the goal file 0600" {
	umask 022
	add_goal "Finish the ethics course"
	assert_equal "$(file_mode "$DATA/goals")" 700
	assert_equal "$(file_mode "$(goal_file finish-the-ethics-course)")" 600
	assert_equal "$(file_mode "$DATA")" 700
}

@test "goal add under umask 000: still 0700 and 0600" {
	umask 000
	add_goal "Finish the ethics course"
	assert_equal "$(file_mode "$DATA/goals")" 700
	assert_equal "$(file_mode "$(goal_file finish-the-ethics-course)")" 600
}
