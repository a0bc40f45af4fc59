#!/usr/bin/env bats
# The guided review's actions and the review schedule: p +N adds, resume, an action that would
# leave a goal invalid is undone at once; a review held early takes the scheduled one's place.

load helpers

setup() {
	common_setup
	init_repo
	run cairn goal add "Lead DBT skills groups" --id dbt --start 2026-11-01 --due 2027-06-30 \
		--metric "groups led" --target 10
	assert_success
	run cairn goal progress dbt 3
	run cairn goal pause dbt
	run cairn plan new growth --start 2026-10-28 --end 2027-10-27 --goal dbt
	assert_success
}

on_tty() {
	local input=$1
	shift
	printf '%q ' "$@" >"$BATS_TEST_TMPDIR/cmd"
	run bash -c "printf '$input' | script -qec \"\$(cat '$BATS_TEST_TMPDIR/cmd')\" /dev/null"
	output=${output//$'\r'/}
}

@test "p +N adds to the count, resume reactivates, a due date before the start is undone at once" {
	on_tty 'resume\np +2\nd 2026-01-01\n\n\nGroups going well\n\n4\nyes\n\n\ny\n' \
		cairn plan review growth
	assert_success
	assert_output --partial "due 2026-01-01 is before start 2026-11-01"
	assert_output --partial "saved the review of growth on 2026-11-28"
	run grep -E '^(status|due|  current):' "$DATA/goals/dbt.yaml"
	assert_line "status: active"
	assert_line "  current: 5"
	assert_line "due: 2027-06-30"
	run git -C "$DATA" log -1 --format=%B
	assert_line "goal dbt:"
	assert_line "  measure.current 3 -> 5"
	assert_line "  status paused -> active"
	assert_clean
}

@test "a review held early, in the second half of the period, takes the scheduled one's place" {
	# monthly from 2026-10-28: the first review is due 2026-11-28
	run grep '^  next:' "$DATA/plans/growth.yaml"
	assert_output "  next: 2026-11-28"
	CAIRN_TODAY=2026-11-20 run cairn plan review growth --achieved "early"
	assert_success
	assert_output "saved the review of growth on 2026-11-20; next review 2026-12-28"
	# an extra review soon after keeps the schedule
	CAIRN_TODAY=2026-11-22 run cairn plan review growth --achieved "extra"
	assert_success
	assert_output "saved the review of growth on 2026-11-22; next review 2026-12-28"
	# the last review of the plan has no next one
	CAIRN_TODAY=2027-10-20 run cairn plan review growth --achieved "last"
	assert_success
	assert_output "saved the review of growth on 2027-10-20"
	run grep -c '^  next:' "$DATA/plans/growth.yaml"
	assert_output 0
}

@test "r N DATE moves a step's due date in the sitting; a bad step is named" {
	run cairn goal step add dbt "Finish module one" --due 2026-12-15
	assert_success
	on_tty 'resume\nr 9 2027-01-10\nr 1 2027-01-10\n\n\n\n\n\n\n\n\ny\n' cairn plan review growth
	assert_success
	assert_output --partial "step 9"
	run grep -A2 'title: Finish module one' "$DATA/goals/dbt.yaml"
	assert_line "    due: 2027-01-10"
	assert_clean
}

@test "plan edit: a valid change is one commit; an invalid one is shown with file:line:col and kept" {
	cat >"$BATS_TEST_TMPDIR/ed" <<'SH'
#!/bin/sh
sed -i 's/^title: .*/title: Growth plan 2026-27/' "$1"
SH
	chmod +x "$BATS_TEST_TMPDIR/ed"
	EDITOR="$BATS_TEST_TMPDIR/ed" run --separate-stderr cairn plan edit grow
	assert_success
	assert_output "saved plan growth"
	run git -C "$DATA" log -1 --format=%B
	assert_line "plan edit: growth"
	assert_line "title growth -> Growth plan 2026-27"
	cat >"$BATS_TEST_TMPDIR/bad" <<'SH'
#!/bin/sh
sed -i 's/^end: .*/end: 2026-02-30/' "$1"
SH
	chmod +x "$BATS_TEST_TMPDIR/bad"
	local before
	before=$(git -C "$DATA" rev-parse HEAD)
	EDITOR="$BATS_TEST_TMPDIR/bad" run --separate-stderr cairn plan edit growth </dev/null
	assert_failure 65
	assert_err "cairn-edit/plan-growth.yaml:4:6: end: 2026-02-30 does not exist"
	assert_err "cairn plan edit growth"
	assert_equal "$(git -C "$DATA" rev-parse HEAD)" "$before"
	[ -e "$DATA/.git/cairn-edit/plan-growth.yaml" ]
	assert_clean
}

@test "a goal added in the sitting joins the plan, in the review's one commit" {
	local before
	before=$(commits)
	on_tty '\nPresent at the TCA conference\n2027-02-30\n+11m\n\n\nOk\n\n\n\n\n\ny\n' cairn plan review growth
	assert_success
	assert_output --partial "2027-02-30 does not exist"
	assert_output --partial "goal present-at-the-tca-conference joins the plan"
	assert_new_commits "$before" 1
	assert_last_commit "plan review: growth" goals/present-at-the-tca-conference.yaml \
		plans/growth.yaml reviews/growth/2026-11-28.yaml
	run grep -E '^(title|due|status):' "$DATA/goals/present-at-the-tca-conference.yaml"
	assert_line "title: Present at the TCA conference"
	assert_line "due: 2027-10-28"
	assert_line "status: active"
	run grep -- '- present-at-the-tca-conference' "$DATA/plans/growth.yaml"
	assert_success
	run grep 'goal: present-at-the-tca-conference' "$DATA/reviews/growth/2026-11-28.yaml"
	assert_success
	assert_clean
}

@test "a goal touched in the sitting but left as it was is not written nor counted as changed" {
	local before
	before=$(commits)
	on_tty 'd 2027-06-30\n\n\nSame plan\n\n\n\n\n\ny\n' cairn plan review growth
	assert_success
	assert_output --partial "saved the review of growth on 2026-11-28; next review 2026-12-28"
	refute_output --partial "goal changed"
	assert_new_commits "$before" 1
	assert_last_commit "plan review: growth" plans/growth.yaml reviews/growth/2026-11-28.yaml
	run grep -c 'goal: dbt' "$DATA/reviews/growth/2026-11-28.yaml"
	assert_output 1
}
