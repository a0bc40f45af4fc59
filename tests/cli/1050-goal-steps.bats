#!/usr/bin/env bats
# cairn goal step add|done|rm.

load helpers

setup_file() {
	fixture_build add_dbt_goal
}

setup() {
	common_setup
	fixture_copy
	GOAL=$(goal_file dbt-certification)
}

@test "step add appends a step with its due date: one commit 'goal step add: ID'" {
	local before
	before=$(commits)
	run --separate-stderr cairn goal step add dbt "Co-lead a skills group" --due 2027-03-01
	assert_success
	assert_output "goal dbt-certification: added step 3"
	assert_new_commits "$before" 1
	assert_last_commit "goal step add: dbt-certification" goals/dbt-certification.yaml
	run last_body
	assert_line "steps + Co-lead a skills group"
	run cat "$GOAL"
	assert_line "  - title: Co-lead a skills group"
	assert_line "    due: 2027-03-01"
	run cairn goal show dbt
	assert_line "           3 [ ] Co-lead a skills group (due 2027-03-01)"
	assert_clean
}

@test "step add without a due date, and with a relative one" {
	run cairn goal step add dbt "Read the skills manual"
	assert_success
	run cairn goal step add dbt "Find a consultation team" --due +2w
	assert_success
	run cairn goal show dbt --json
	assert_equal "$(json '[(s["title"], s["due"]) for s in d["steps"][2:]]' <<<"$output")" \
		'[["Read the skills manual", null], ["Find a consultation team", "2026-12-12"]]'
	assert_clean
}

@test "step done by number: done today, one commit 'goal step done: ID'" {
	run --separate-stderr cairn goal step done dbt-certification 2
	assert_success
	assert_output "goal dbt-certification: step 2 done (Pass the certification exam)"
	assert_last_commit "goal step done: dbt-certification" goals/dbt-certification.yaml
	run last_body
	assert_line "steps[2].done (none) -> 2026-11-28"
	run cairn goal show dbt
	assert_line "           2 [x] Pass the certification exam (due 2027-06-15) (done 2026-11-28)"
	assert_clean
}

@test "step done by the start of the title, in any case, with --date" {
	run cairn goal step done dbt "enroll" --date 2026-11-20
	assert_success
	assert_output "goal dbt-certification: step 1 done (Enroll in the DBT intensive)"
	run cairn goal show dbt
	assert_line "steps      1 [x] Enroll in the DBT intensive (due 2027-01-15) (done 2026-11-20)"
	assert_clean
}

@test "step done --date in the future is refused" {
	local before
	before=$(head_id)
	run --separate-stderr cairn goal step done dbt 1 --date +1w
	assert_failure 2
	assert_err "--date 2026-12-05 is in the future"
	assert_head_unchanged "$before"
	assert_clean
}

@test "step done twice: says when it was done, no second commit" {
	run cairn goal step done dbt 1
	assert_success
	local before
	before=$(head_id)
	run cairn goal step done dbt 1
	assert_success
	assert_output "goal dbt-certification: step 1 was done on 2026-11-28 (no change)"
	assert_head_unchanged "$before"
	assert_clean
}

@test "step rm removes a step: one commit 'goal step rm: ID'" {
	run --separate-stderr cairn goal step rm dbt 1
	assert_success
	assert_output "goal dbt-certification: removed step 1 (Enroll in the DBT intensive)"
	assert_last_commit "goal step rm: dbt-certification" goals/dbt-certification.yaml
	run grep -c "Enroll in the DBT intensive" "$GOAL"
	assert_output 0
	run cairn goal show dbt
	assert_line "steps      1 [ ] Pass the certification exam (due 2027-06-15)"
	assert_clean
}

@test "a step number out of range: exit 66 with the range; nothing written" {
	local before
	before=$(head_id)
	run --separate-stderr cairn goal step done dbt 9
	assert_failure 66
	assert_err "goal 'dbt-certification' has no step 9"
	assert_err "hint: its steps are numbered 1 to 2"
	run --separate-stderr cairn goal step rm dbt 0
	assert_failure 66
	assert_head_unchanged "$before"
	assert_clean
}

@test "an unknown step title: exit 66; an ambiguous one: exit 2; nothing written" {
	local before
	before=$(head_id)
	run --separate-stderr cairn goal step done dbt "write"
	assert_failure 66
	assert_err "goal 'dbt-certification' has no step 'write'"
	run cairn goal step add dbt "Pass the ethics quiz"
	assert_success
	before=$(head_id)
	run --separate-stderr cairn goal step done dbt "pass the"
	assert_failure 2
	assert_err "step 'pass the' is ambiguous: 2 steps start with it"
	assert_head_unchanged "$before"
	assert_clean
}

@test "a goal without steps: exit 66" {
	add_goal "No steps here" --id bare
	run --separate-stderr cairn goal step done bare 1
	assert_failure 66
	assert_err "goal 'bare' has no steps"
}

@test "step add with an empty title or a bad date is a usage error; nothing written" {
	local before
	before=$(head_id)
	run --separate-stderr cairn goal step add dbt ""
	assert_failure 2
	assert_err "a step needs a title"
	run --separate-stderr cairn goal step add dbt "Something" --due 2027-13-01
	assert_failure 2
	assert_err "--due"
	run --separate-stderr cairn goal step add dbt $'two\nlines'
	assert_failure 65
	assert_head_unchanged "$before"
	assert_clean
}

@test "steps give progress to a goal without a measure" {
	add_goal "Build a referral network" --id referrals --step "List local psychiatrists" --step "Call three"
	run cairn goal step done referrals 1
	assert_success
	run cairn goal list
	assert_line --regexp '^referrals +active +- +\[#####\.\.\.\.\.\] +50% +Build a referral network$'
}
