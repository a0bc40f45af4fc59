#!/usr/bin/env bats
# cairn goal done|drop|pause|resume|rm and the transitions that are refused.

load helpers

setup_file() {
	fixture_build add_dbt_goal
}

setup() {
	common_setup
	fixture_copy
	GOAL=$(goal_file dbt-certification)
}

# refused COMMAND... — the command exits 65 and changes nothing.
refused() {
	local before state
	before=$(head_id)
	state=$(tree_state)
	run --separate-stderr cairn goal "$@"
	assert_failure 65
	assert_head_unchanged "$before"
	assert_equal "$(tree_state)" "$state"
}

@test "done: status done, completed today, one commit 'goal done: ID'" {
	local before
	before=$(commits)
	run --separate-stderr cairn goal done dbt
	assert_success
	assert_output "goal dbt-certification is done"
	assert_new_commits "$before" 1
	assert_last_commit "goal done: dbt-certification" goals/dbt-certification.yaml
	run last_body
	assert_line "status active -> done"
	assert_line "completed (none) -> 2026-11-28"
	run cat "$GOAL"
	assert_line "status: done"
	assert_line "completed: 2026-11-28"
	run cairn goal list
	refute_output --partial "dbt-certification"
	run cairn goal list --all
	assert_line --regexp '^dbt-certification +done '
	assert_clean
}

@test "done --date records that day; a day in the future is refused" {
	local before
	before=$(head_id)
	run --separate-stderr cairn goal done dbt --date tomorrow
	assert_failure 2
	assert_err "--date 2026-11-29 is in the future"
	assert_head_unchanged "$before"
	run cairn goal done dbt --date 2026-11-20
	assert_success
	run grep '^completed: ' "$GOAL"
	assert_output "completed: 2026-11-20"
	run cairn goal show dbt
	assert_line --index 2 --partial ", completed 2026-11-20"
}

@test "drop --reason: status dropped and the reason kept, one commit 'goal drop: ID'" {
	run --separate-stderr cairn goal drop dbt --reason "The program closed; I chose CBT instead"
	assert_success
	assert_output "goal dbt-certification is dropped"
	assert_last_commit "goal drop: dbt-certification" goals/dbt-certification.yaml
	run last_body
	assert_line "status active -> dropped"
	assert_line "reason (none) -> The program closed; I chose CBT instead"
	run cat "$GOAL"
	assert_line "status: dropped"
	assert_line "reason: The program closed; I chose CBT instead"
	assert_clean
}

@test "drop without a reason, or with an empty one, is a usage error (exit 2); nothing written" {
	local before
	before=$(head_id)
	run --separate-stderr cairn goal drop dbt
	assert_failure 2
	assert_err "--reason"
	run --separate-stderr cairn goal drop dbt --reason ""
	assert_failure 2
	assert_head_unchanged "$before"
	run grep '^status: ' "$GOAL"
	assert_output "status: active"
	assert_clean
}

@test "pause then resume: two commits 'goal pause: ID' and 'goal resume: ID'" {
	local before
	before=$(commits)
	run cairn goal pause dbt
	assert_success
	assert_output "goal dbt-certification is paused"
	assert_last_commit "goal pause: dbt-certification" goals/dbt-certification.yaml
	run last_body
	assert_line "status active -> paused"
	assert_clean
	run cairn goal resume dbt
	assert_success
	assert_output "goal dbt-certification is active"
	assert_last_commit "goal resume: dbt-certification" goals/dbt-certification.yaml
	run last_body
	assert_line "status paused -> active"
	assert_new_commits "$before" 2
	assert_clean
}

@test "resume makes a draft active; a paused goal may be done or dropped" {
	add_goal "Plan a research project" --id research --draft
	run cairn goal resume research
	assert_success
	assert_output "goal research is active"
	run cairn goal pause research
	assert_success
	run cairn goal done research
	assert_success
	run cairn goal pause dbt
	assert_success
	run cairn goal drop dbt --reason "Paused for too long"
	assert_success
	assert_clean
}

@test "refused: pausing a paused goal, resuming an active one" {
	refused resume dbt
	assert_err "goal 'dbt-certification' is active: cannot resume it"
	run cairn goal pause dbt
	assert_success
	refused pause dbt
	assert_err "goal 'dbt-certification' is paused: cannot pause it"
}

@test "refused: a done goal cannot be done, dropped, paused or resumed; the hint says how to reopen" {
	run cairn goal done dbt
	assert_success
	refused done dbt
	assert_err "goal 'dbt-certification' is done: cannot complete it"
	assert_err 'hint: to reopen it, set status: active with `cairn goal edit dbt-certification`'
	refused drop dbt --reason "Changed my mind"
	assert_err "is done: cannot drop it"
	refused pause dbt
	assert_err "is done: cannot pause it"
	refused resume dbt
	assert_err "is done: cannot resume it"
}

@test "refused: a dropped goal cannot be done; a draft cannot be paused or done" {
	run cairn goal drop dbt --reason "No longer relevant"
	assert_success
	refused done dbt
	assert_err "is dropped: cannot complete it"
	add_goal "Plan a research project" --id research --draft
	refused pause research
	assert_err "goal 'research' is draft: cannot pause it"
	refused done research
	assert_err "goal 'research' is draft: cannot complete it"
}

@test "status verbs on an unknown goal: exit 66" {
	local verb
	for verb in done pause resume rm; do
		run --separate-stderr cairn goal "$verb" no-such-goal
		assert_failure 66
		assert_err "no goal 'no-such-goal'"
	done
	run --separate-stderr cairn goal drop no-such-goal --reason x
	assert_failure 66
}

@test "rm removes the file in one commit 'goal rm: ID'; it stays in the history" {
	add_goal "Attend the NASW conference" --id nasw
	local before
	before=$(commits)
	run --separate-stderr cairn goal rm nasw
	assert_success
	assert_output --partial "removed goal nasw"
	assert_new_commits "$before" 1
	assert_last_commit "goal rm: nasw" goals/nasw.yaml
	assert_equal "$(last_body)" "removed: Attend the NASW conference"
	[ ! -e "$(goal_file nasw)" ]
	run cairn goal show nasw
	assert_failure 66
	run cairn goal list --all
	refute_output --partial "nasw"
	run dgit show HEAD~1:goals/nasw.yaml
	assert_line "title: Attend the NASW conference"
	assert_clean
}

@test "rm is refused while another goal serves it (exit 65); --force removes it" {
	local before
	before=$(head_id)
	run --separate-stderr cairn goal rm specialize-emotion-regulation
	assert_failure 65
	assert_err "goal 'dbt-certification' serves 'specialize-emotion-regulation'"
	assert_err "--force"
	assert_head_unchanged "$before"
	[ -f "$(goal_file specialize-emotion-regulation)" ]
	assert_clean

	run cairn goal rm specialize-emotion-regulation --force
	assert_success
	assert_last_commit "goal rm: specialize-emotion-regulation" goals/specialize-emotion-regulation.yaml
	[ ! -e "$(goal_file specialize-emotion-regulation)" ]
	assert_clean
}

@test "rm -f is --force" {
	run cairn goal rm spec -f
	assert_success
	[ ! -e "$(goal_file specialize-emotion-regulation)" ]
}

@test "rm refuses a goal that was never committed: git could not give it back" {
	local before
	before=$(head_id)
	sed 's/^id: .*/id: sketch/' "$(goal_file dbt-certification)" >"$(goal_file sketch)"
	run --separate-stderr cairn goal rm sketch --force
	assert_equal "$status" 65
	assert_err "goals/sketch.yaml: never committed: removing it would lose it for good"
	assert_err "cairn doctor --fix"
	[ -f "$(goal_file sketch)" ] || fail "the uncommitted goal was deleted"
	assert_head_unchanged "$before"
}

@test "rm refuses a goal changed since its last commit: the changes would be lost" {
	local before
	before=$(head_id)
	sed -i 's/^title: .*/title: DBT certification, my own notes/' "$(goal_file dbt-certification)"
	run --separate-stderr cairn goal rm dbt-certification --force
	assert_equal "$status" 65
	assert_err "goals/dbt-certification.yaml: changed since its last commit"
	assert_err "cairn git checkout -- goals/dbt-certification.yaml"
	grep -q "my own notes" "$(goal_file dbt-certification)" || fail "the hand edit was lost"
	assert_head_unchanged "$before"
}
