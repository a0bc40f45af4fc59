#!/usr/bin/env bats
# cairn goal progress: N and +N, --note and --date, the commit, refusals, unknown keys kept.

load helpers

setup_file() {
	fixture_build add_dbt_goal
}

setup() {
	common_setup
	fixture_copy
	GOAL=$(goal_file dbt-certification)
}

@test "progress N records the value: one commit 'goal progress: ID' saying measure.current 0 -> N" {
	local before
	before=$(commits)
	run --separate-stderr cairn goal progress dbt-certification 2
	assert_success
	assert_output "goal dbt-certification: 2 of 5 sessions"
	assert_equal "$stderr" ""
	assert_new_commits "$before" 1
	assert_last_commit "goal progress: dbt-certification" goals/dbt-certification.yaml
	run last_body
	assert_line "measure.current 0 -> 2"
	assert_line "progress + 2026-11-28"
	run cat "$GOAL"
	assert_line "  current: 2"
	assert_line "progress:"
	assert_line "  - date: 2026-11-28"
	assert_line "    value: 2"
	assert_clean
}

@test "+N adds to the current value" {
	run cairn goal progress dbt-certification 2
	assert_success
	run cairn goal progress dbt +1
	assert_success
	assert_output "goal dbt-certification: 3 of 5 sessions"
	run last_body
	assert_line "measure.current 2 -> 3"
	run cairn goal progress dbt +0.5
	assert_output "goal dbt-certification: 3.5 of 5 sessions"
	run grep '^  current: ' "$GOAL"
	assert_output "  current: 3.5"
	assert_clean
}

@test "reaching the target says so and names the command that marks the goal done" {
	run --separate-stderr cairn goal progress dbt-certification 4
	assert_success
	refute_output --partial "target reached"
	run --separate-stderr cairn goal progress dbt +1
	assert_success
	assert_line --index 0 "goal dbt-certification: 5 of 5 sessions"
	assert_line --index 1 'target reached: `cairn goal done dbt-certification` marks the goal done'
	# past the target is allowed (more sessions than planned), and still active until done
	run --separate-stderr cairn goal progress dbt 7
	assert_success
	assert_line --index 0 "goal dbt-certification: 7 of 5 sessions"
	run grep '^status: ' "$GOAL"
	assert_output "status: active"
	assert_clean
}

@test "--note and --date are stored with the entry; relative dates work" {
	run cairn goal progress dbt-certification 1 --note "first group session" --date yesterday
	assert_success
	run cat "$GOAL"
	assert_line "  - date: 2026-11-27"
	assert_line "    value: 1"
	assert_line "    note: first group session"
	run cairn goal show dbt-certification
	assert_line "progress   2026-11-27  1  first group session"
	assert_line --partial "measure    DBT group sessions conducted: 1 of 5 sessions  [##........] 20%"
	assert_clean
}

@test "the log stays in date order; the latest entry gives the current value" {
	run cairn goal progress dbt-certification 3
	assert_success
	run cairn goal progress dbt-certification 1 --date 2026-11-01 --note "back-dated"
	assert_success
	run grep '^  current: ' "$GOAL"
	assert_output "  current: 3"
	run cairn goal show dbt-certification --json
	assert_equal "$(json '[p["date"] for p in d["progress"]]' <<<"$output")" '["2026-11-01", "2026-11-28"]'
	assert_clean
}

@test "progress on a goal without a measure starts one" {
	add_goal "Read Linehan's manual" --id linehan
	run cairn goal progress linehan 4
	assert_success
	assert_output "goal linehan: 4"
	run cat "$(goal_file linehan)"
	assert_line "measure:"
	assert_line "  current: 4"
	run cairn goal show linehan
	assert_line "measure    4"
	assert_clean
}

@test "a value that is not a number, or negative, is a usage error; nothing written" {
	local before
	before=$(head_id)
	run --separate-stderr cairn goal progress dbt-certification abc
	assert_failure 2
	assert_err "'abc' is not a number (use N, or +N to add)"
	run --separate-stderr cairn goal progress dbt-certification -1
	assert_failure 2
	assert_err "may not be negative"
	run --separate-stderr cairn goal progress dbt-certification 0x10
	assert_failure 2
	run --separate-stderr cairn goal progress dbt-certification 2 --date 2026-02-30
	assert_failure 2
	assert_err "--date: 2026-02-30 does not exist"
	run --separate-stderr cairn goal progress dbt-certification 2 --date tomorrow
	assert_failure 2
	assert_err "--date 2026-11-29 is in the future (today is 2026-11-28)"
	assert_head_unchanged "$before"
	assert_clean
}

@test "progress needs ID and VALUE" {
	run --separate-stderr cairn goal progress dbt-certification
	assert_failure 2
	assert_err "needs ID VALUE"
}

@test "progress of a done or dropped goal is refused (exit 65); nothing written" {
	run cairn goal done dbt-certification
	assert_success
	local before
	before=$(head_id)
	run --separate-stderr cairn goal progress dbt-certification 3
	assert_failure 65
	assert_err "goal 'dbt-certification' is done: its progress is closed"
	assert_head_unchanged "$before"
	assert_clean
}

@test "progress of an unknown goal: exit 66" {
	run --separate-stderr cairn goal progress nothing-here 3
	assert_failure 66
	assert_err "no goal 'nothing-here'"
}

@test "unknown keys of a hand-edited goal survive goal progress and goal step add" {
	cat >>"$GOAL" <<'EOF'
supervisor_notes: keep this
review:
  with: Dr. Alvarez
  sessions: [1, two]
  signed: true
EOF
	sed -i 's/^  - title: Pass the certification exam$/&\n    location: Seattle/' "$GOAL"
	sed -i 's/^  current: 0$/&\n  source: group roster/' "$GOAL"
	hand_commit "notes by hand"
	run cairn goal show dbt-certification
	assert_success

	run cairn goal progress dbt-certification 2
	assert_success
	assert_last_commit "goal progress: dbt-certification" goals/dbt-certification.yaml
	run tail -n 8 "$GOAL"
	assert_output "$(
		cat <<'EOF'
  - certification
supervisor_notes: keep this
review:
  with: Dr. Alvarez
  sessions:
    - 1
    - two
  signed: true
EOF
	)"
	run cat "$GOAL"
	assert_line "    location: Seattle"
	assert_line "  source: group roster"
	assert_clean

	run cairn goal step add dbt-certification "Co-lead a skills group" --due 2027-03-01
	assert_success
	run cat "$GOAL"
	assert_line "supervisor_notes: keep this"
	assert_line "  with: Dr. Alvarez"
	assert_line "  signed: true"
	assert_line "    location: Seattle"
	assert_line "  source: group roster"
	assert_line "  - title: Co-lead a skills group"
	assert_clean
}
