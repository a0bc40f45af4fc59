#!/usr/bin/env bats
# cairn goal edit: $VISUAL/$EDITOR on a copy, commit only a valid result, never lose the text.
# stdin is not a terminal here, so an invalid result is not offered for re-editing.

load helpers

setup_file() {
	fixture_build add_dbt_goal
}

setup() {
	common_setup
	fixture_copy
	GOAL=$(goal_file dbt-certification)
}

# The copy of an edit that cairn kept, as its message names it ("your text is kept in PATH").
kept_copy() {
	sed -n 's/.*your text is kept in \([^;:]*\).*/\1/p' <<<"$stderr" | head -n 1
}

# No edit copy is left inside .git.
assert_no_copy() {
	run find "$DATA/.git" -name '*cairn-edit*' -type f
	assert_output ""
}

# assert_err_at LINE:COL MESSAGE — the error names the goal, or the copy being edited (which
# holds the user's text), at LINE:COL.
assert_err_at() {
	assert_err_regex "^cairn goal: (goals/dbt-certification\.yaml|$DATA/\.git/cairn-edit[^:]*dbt-certification\.yaml):$1: $2"
}

@test "a valid change is committed as 'goal edit: ID' with what changed" {
	local before
	before=$(commits)
	EDITOR=$(make_editor ed-ok 's/^due: .*/due: 2027-05-31/') \
		run --separate-stderr cairn goal edit dbt-certification </dev/null
	assert_success
	assert_line --index 0 "saved goal dbt-certification"
	run grep '^due: ' "$GOAL"
	assert_output "due: 2027-05-31"
	assert_new_commits "$before" 1
	assert_last_commit "goal edit: dbt-certification" goals/dbt-certification.yaml
	run last_body
	assert_line "due 2027-06-30 -> 2027-05-31"
	assert_no_copy
	assert_clean
}

@test "the editor gets a copy inside .git, not the record itself" {
	cat >"$BATS_TEST_TMPDIR/ed-spy" <<EOF
#!/bin/sh
echo "\$1" >"$BATS_TEST_TMPDIR/edited-path"
EOF
	chmod +x "$BATS_TEST_TMPDIR/ed-spy"
	EDITOR="$BATS_TEST_TMPDIR/ed-spy" run cairn goal edit dbt </dev/null
	assert_success
	run cat "$BATS_TEST_TMPDIR/edited-path"
	assert_output --regexp "^$DATA/\.git/.*dbt-certification.*\.yaml$"
	assert_no_copy
}

@test "VISUAL wins over EDITOR; an editor given with arguments works" {
	VISUAL=$(make_editor ed-visual 's/^due: .*/due: 2027-04-30/') EDITOR=false \
		run cairn goal edit dbt-certification </dev/null
	assert_success
	run grep '^due: ' "$GOAL"
	assert_output "due: 2027-04-30"

	printf '#!/bin/sh\nsed -i -e "s/^due: .*/due: $1/" "$2"\n' >"$BATS_TEST_TMPDIR/ed-args"
	chmod +x "$BATS_TEST_TMPDIR/ed-args"
	EDITOR="$BATS_TEST_TMPDIR/ed-args 2027-03-31" run cairn goal edit dbt-certification </dev/null
	assert_success
	run grep '^due: ' "$GOAL"
	assert_output "due: 2027-03-31"
	assert_clean
}

@test "no change: 'no changes', no commit, no copy left" {
	local before
	before=$(head_id)
	EDITOR=true run --separate-stderr cairn goal edit dbt-certification </dev/null
	assert_success
	assert_output "goal dbt-certification: no changes"
	assert_head_unchanged "$before"
	assert_no_copy
	assert_clean
}

@test "an invalid change: exit 65 with file:line:col, nothing written, the text kept; the next edit continues from it" {
	local before sum
	before=$(head_id)
	sum=$(sha "$GOAL")
	EDITOR=$(make_editor ed-bad 's/^due: .*/due: 2027-02-30/') \
		run --separate-stderr cairn goal edit dbt-certification </dev/null
	assert_failure 65
	assert_err_at 9:6 "due: 2027-02-30 does not exist"
	local copy
	copy=$(kept_copy)
	assert [ -n "$copy" ]
	[[ "$copy" == "$DATA/.git/"* ]]
	assert_head_unchanged "$before"
	assert_equal "$(sha "$GOAL")" "$sum"
	assert_clean
	run grep '^due: ' "$copy"
	assert_output "due: 2027-02-30"

	# the fixing editor sees the kept text, not the file
	EDITOR=$(make_editor ed-fix 's/^due: 2027-02-30$/due: 2027-02-28/') \
		run --separate-stderr cairn goal edit dbt-certification </dev/null
	assert_success
	assert_err "continuing your earlier edit kept in $copy"
	assert_line --index 0 "saved goal dbt-certification"
	run grep '^due: ' "$GOAL"
	assert_output "due: 2027-02-28"
	assert_last_commit "goal edit: dbt-certification" goals/dbt-certification.yaml
	assert_no_copy
	assert_clean
}

@test "broken YAML from the editor: exit 65 with line and column; nothing written" {
	local before sum
	before=$(head_id)
	sum=$(sha "$GOAL")
	EDITOR=$(make_editor ed-yaml 's/^title: .*/title: [unclosed/') \
		run --separate-stderr cairn goal edit dbt-certification </dev/null
	assert_failure 65
	assert_err_at '[0-9]+:[0-9]+' 'invalid YAML'
	assert_head_unchanged "$before"
	assert_equal "$(sha "$GOAL")" "$sum"
	run grep -c 'title: \[unclosed' "$(kept_copy)"
	assert_output 1
	assert_clean
}

@test "a duplicate key from the editor is refused with its line" {
	local before
	before=$(head_id)
	EDITOR=$(make_editor ed-dup 's/^status: active$/status: active\nstatus: done/') \
		run --separate-stderr cairn goal edit dbt-certification </dev/null
	assert_failure 65
	assert_err_at 7:1 "duplicate key 'status'"
	assert_head_unchanged "$before"
}

@test "changing the id is refused (exit 65); the text is kept" {
	local before
	before=$(head_id)
	EDITOR=$(make_editor ed-id 's/^id: .*/id: dbt-cert/') \
		run --separate-stderr cairn goal edit dbt-certification </dev/null
	assert_failure 65
	assert_err "id 'dbt-cert' does not match the file name"
	assert_head_unchanged "$before"
	[ -f "$(kept_copy)" ]
	[ ! -e "$(goal_file dbt-cert)" ]
	assert_clean
}

@test "an editor that exits non-zero: an error, nothing written" {
	local before sum
	before=$(head_id)
	sum=$(sha "$GOAL")
	printf '#!/bin/sh\nsed -i -e "s/^due: .*/due: 2027-01-01/" "$1"\nexit 1\n' >"$BATS_TEST_TMPDIR/ed-fail"
	chmod +x "$BATS_TEST_TMPDIR/ed-fail"
	EDITOR="$BATS_TEST_TMPDIR/ed-fail" run --separate-stderr cairn goal edit dbt-certification </dev/null
	assert_failure 74
	assert_err "the editor '$BATS_TEST_TMPDIR/ed-fail' failed"
	assert_head_unchanged "$before"
	assert_equal "$(sha "$GOAL")" "$sum"
	assert_clean
}

@test "edit repairs a goal file that was committed broken" {
	sed -i 's/^status: active$/status: finished/' "$GOAL"
	hand_commit "broken by hand"
	run cairn goal show dbt-certification
	assert_failure 65
	EDITOR=$(make_editor ed-repair 's/^status: finished$/status: active/') \
		run cairn goal edit dbt-certification </dev/null
	assert_success
	assert_last_commit "goal edit: dbt-certification" goals/dbt-certification.yaml
	run cairn goal show dbt-certification
	assert_success
	assert_clean
}

@test "continuing a kept edit after the goal changed does not silently undo that change" {
	EDITOR=$(make_editor ed-bad 's/^due: .*/due: 2027-02-30/') \
		run --separate-stderr cairn goal edit dbt-certification </dev/null
	assert_failure 65
	[ -f "$(kept_copy)" ]

	# meanwhile, progress is recorded
	run cairn goal progress dbt-certification 3 --note "third group session"
	assert_success

	EDITOR=$(make_editor ed-fix 's/^due: 2027-02-30$/due: 2027-02-28/') \
		run --separate-stderr cairn goal edit dbt-certification </dev/null
	# refusing (and keeping the text), or merging, are both fine; losing the progress is not
	if [ "$status" -ne 0 ]; then
		assert_err "changed while you were editing"
		[ -f "$(kept_copy)" ]
		run grep '^due: ' "$(kept_copy)"
		assert_output "due: 2027-02-28"
	fi
	run grep -c "third group session" "$GOAL"
	assert_output 1
	run grep '^  current: ' "$GOAL"
	assert_output "  current: 3"
	assert_clean
}

@test "edit of an unknown goal: exit 66 and the editor is not started" {
	EDITOR=$(make_editor ed-touch "w $BATS_TEST_TMPDIR/editor-ran") \
		run --separate-stderr cairn goal edit no-such-goal </dev/null
	assert_failure 66
	assert_err "no goal 'no-such-goal'"
	[ ! -e "$BATS_TEST_TMPDIR/editor-ran" ]
}
