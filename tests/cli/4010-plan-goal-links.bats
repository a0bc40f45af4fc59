#!/usr/bin/env bats
# A goal and the plans that hold it: goal rm refuses to leave a plan naming nothing; plan
# rm-goal never deletes the goal; doctor reports a plan whose goal is gone.

load helpers

setup() {
	common_setup
	init_repo
	run cairn goal add "Lead a DBT skills group" --id dbt --due +6m
	assert_success
	run cairn plan new growth --start 2026-11-01 --end 2027-10-31 --goal dbt
	assert_success
}

@test "goal rm of a goal a plan holds is refused (65) naming the plan; nothing removed" {
	local before
	before=$(commits)
	run --separate-stderr cairn goal rm dbt
	assert_failure 65
	assert_err "plan 'growth' holds goal 'dbt'"
	assert_err "cairn plan rm-goal growth dbt"
	[ -e "$DATA/goals/dbt.yaml" ]
	assert_equal "$(commits)" "$before"
	assert_clean
}

@test "plan rm-goal keeps the goal; then goal rm works" {
	run cairn plan rm-goal growth dbt
	assert_success
	[ -e "$DATA/goals/dbt.yaml" ]
	run grep -c dbt "$DATA/plans/growth.yaml"
	assert_output 0
	run cairn goal rm dbt
	assert_success
	assert_clean
}

@test "doctor reports a plan whose goal was deleted by hand (goal rm --force)" {
	run cairn goal rm dbt --force
	assert_success
	run cairn doctor
	assert_failure 65
	assert_output --partial "error: plans/growth.yaml: goals: no goal 'dbt'"
}
