#!/usr/bin/env bats
# cairn doctor [--fix]: invalid records, references, hand edits, leftovers; the example
# repository.

load helpers

setup_file() {
	fixture_build add_dbt_goal
}

setup() {
	common_setup
	fixture_copy
	GOAL=$(goal_file dbt-certification)
}

@test "a clean repository: exit 0, a one-line summary, no error or warning" {
	run --separate-stderr cairn doctor
	assert_success
	assert_output "3 record files checked: 0 invalid, 0 uncommitted changes, 0 leftovers"
	assert_equal "$stderr" ""
	run cairn -q doctor
	assert_success
	assert_output ""
}

@test "an invalid hand edit: exit 65 naming file:line:col; --fix neither touches nor commits it" {
	sed -i 's/^due: .*/due: 2027-02-30/' "$GOAL"
	local before sum
	before=$(head_id)
	sum=$(sha "$GOAL")
	run cairn doctor
	assert_failure 65
	assert_line "error: goals/dbt-certification.yaml:9:6: due: 2027-02-30 does not exist (2027-02 has 28 days)"
	assert_line "uncommitted: goals/dbt-certification.yaml: changed by hand, not committed"
	assert_line --regexp '1 invalid'

	run cairn doctor --fix
	assert_failure 65
	assert_line --partial "error: goals/dbt-certification.yaml:9:6:"
	assert_head_unchanged "$before"
	assert_equal "$(sha "$GOAL")" "$sum"
	run dgit status --porcelain
	assert_output " M goals/dbt-certification.yaml"
}

@test "invalid YAML, a duplicate key, an alias: each an error with line and column" {
	sed -i 's/^title: .*/title: [unclosed/' "$GOAL"
	run cairn doctor
	assert_failure 65
	assert_line --regexp '^error: goals/dbt-certification\.yaml:[0-9]+:[0-9]+: invalid YAML'

	dgit checkout -q -- goals/dbt-certification.yaml
	sed -i 's/^status: active$/status: active\nstatus: done/' "$GOAL"
	run cairn doctor
	assert_failure 65
	assert_line "error: goals/dbt-certification.yaml:7:1: duplicate key 'status'"

	dgit checkout -q -- goals/dbt-certification.yaml
	sed -i 's/^specific: .*/specific: *text/' "$GOAL"
	run cairn doctor
	assert_failure 65
	assert_line --partial "error: goals/dbt-certification.yaml:10:11: aliases (*name) are not allowed"
}

@test "a valid uncommitted hand edit: exit 1; --fix commits it in one 'doctor:' commit; then exit 0" {
	sed -i 's/^due: .*/due: 2027-05-31/' "$GOAL"
	local before
	before=$(commits)
	run cairn doctor
	assert_failure 1
	assert_line "uncommitted: goals/dbt-certification.yaml: changed by hand, not committed"
	assert_line --partial 'hint: `cairn doctor --fix` commits it'
	assert_line "3 record files checked: 0 invalid, 1 uncommitted change, 0 leftovers"
	assert_equal "$(commits)" "$before"

	run cairn doctor --fix
	assert_success
	assert_line "fixed: goals/dbt-certification.yaml: changed by hand, not committed"
	assert_new_commits "$before" 1
	assert_last_commit "doctor: commit 1 hand edit" goals/dbt-certification.yaml
	run dgit show HEAD:goals/dbt-certification.yaml
	assert_line "due: 2027-05-31"
	assert_clean

	run cairn doctor
	assert_success
}

@test "--fix commits a goal added by hand and one deleted by hand in the same commit" {
	cat >"$(goal_file read-linehan)" <<'EOF'
id: read-linehan
title: Read Linehan's skills manual
status: active
EOF
	dgit rm -q --cached goals/specialize-emotion-regulation.yaml
	rm "$(goal_file specialize-emotion-regulation)"
	sed -i '/^serves:/,/^  - specialize-emotion-regulation$/d' "$GOAL"
	local before
	before=$(commits)
	run cairn doctor
	assert_failure 1
	run cairn doctor --fix
	assert_success
	assert_new_commits "$before" 1
	assert_last_commit "doctor: commit 3 hand edits" goals/read-linehan.yaml \
		goals/specialize-emotion-regulation.yaml goals/dbt-certification.yaml
	assert_clean
	run cairn doctor
	assert_success
}

@test "leftovers (a temporary file, a stale index.lock): exit 1; --fix removes them; then goal add works" {
	touch -d "1 hour ago" "$DATA/goals/.x.yaml.cairn-tmp.ABC123" "$DATA/.git/index.lock"
	run cairn doctor
	assert_failure 1
	assert_line "leftover: goals/.x.yaml.cairn-tmp.ABC123: temporary file left by an interrupted command"
	assert_line "leftover: .git/index.lock: git lock file left by an interrupted command"
	assert_line "3 record files checked: 0 invalid, 0 uncommitted changes, 2 leftovers"

	local before
	before=$(commits)
	run cairn doctor --fix
	assert_success
	assert_line "fixed: goals/.x.yaml.cairn-tmp.ABC123: temporary file left by an interrupted command"
	assert_line "fixed: .git/index.lock: git lock file left by an interrupted command"
	[ ! -e "$DATA/goals/.x.yaml.cairn-tmp.ABC123" ]
	[ ! -e "$DATA/.git/index.lock" ]
	assert_equal "$(commits)" "$before"

	run cairn goal add "Attend the NASW conference"
	assert_success
	assert_last_commit "goal add: attend-the-nasw-conference" goals/attend-the-nasw-conference.yaml
	assert_clean
	run cairn doctor
	assert_success
}

@test "a stale branch lock under .git/refs is a leftover too" {
	touch -d "1 hour ago" "$DATA/.git/refs/heads/main.lock"
	run cairn doctor
	assert_failure 1
	assert_line "leftover: .git/refs/heads/main.lock: git lock file left by an interrupted command"
	run cairn doctor --fix
	assert_success
	[ ! -e "$DATA/.git/refs/heads/main.lock" ]
	run cairn goal progress dbt 1
	assert_success
}

@test "doctor --fix leaves a git lock younger than a few seconds alone (git may be running)" {
	touch "$DATA/.git/index.lock"
	run cairn doctor --fix
	assert_failure 1
	assert_line "leftover: .git/index.lock: git lock file left by an interrupted command"
	assert_line --partial "a git command may be running"
	[ -e "$DATA/.git/index.lock" ]
}

@test "a serves link to a missing goal is invalid" {
	run cairn goal rm specialize-emotion-regulation --force
	assert_success
	run cairn doctor
	assert_failure 65
	assert_line "error: goals/dbt-certification.yaml: serves: no goal 'specialize-emotion-regulation'"
	assert_line --partial "1 invalid"
}

@test "serving a short-horizon goal is a warning, not an error" {
	add_goal "Short one" --id short-one --due 2027-01-31
	add_goal "Serving" --id serving --serves short-one
	run cairn doctor
	assert_success
	assert_line "warning: goals/serving.yaml: serves 'short-one', which is a short-horizon goal"
}

@test "a goal whose id differs from its file name is invalid" {
	sed -i 's/^id: .*/id: dbt-cert/' "$GOAL"
	run cairn doctor
	assert_failure 65
	assert_line --partial "error: goals/dbt-certification.yaml: id 'dbt-cert' does not match the file name"
}

@test "doctor --fix while another cairn holds the lock: exit 75" {
	sed -i 's/^due: .*/due: 2027-05-31/' "$GOAL"
	local before
	before=$(head_id)
	hold_lock 10
	CAIRN_LOCK_TIMEOUT=0.5 run --separate-stderr cairn doctor --fix
	assert_failure 75
	assert_err "another cairn command is writing"
	assert_head_unchanged "$before"
}

@test "doctor writes nothing without --fix" {
	sed -i 's/^due: .*/due: 2027-05-31/' "$GOAL"
	touch "$DATA/.git/index.lock"
	local before
	before=$(snapshot)
	run cairn doctor
	assert_failure 1
	assert_equal "$(snapshot)" "$before"
}

@test "doctor without a repository: exit 66" {
	rm -rf "$DATA"
	run --separate-stderr cairn doctor
	assert_failure 66
	assert_err 'run `cairn init`'
}

@test "the example repository passes doctor and goal list --all shows every goal file" {
	local example="$CAIRN_SOURCE_DIR/examples/repo"
	if [[ ! -f "$example/cairn.yaml" ]]; then
		skip "examples/repo is not written yet"
	fi
	local ex="$BATS_TEST_TMPDIR/example"
	cp -R "$example" "$ex"
	git init -q -b main "$ex"
	git -C "$ex" add -A
	git -C "$ex" -c user.name=Example -c user.email=example@example.org commit -q -m "example"

	run --separate-stderr cairn -C "$ex" doctor
	assert_success
	refute_line --regexp '^(error|warning)'
	assert_equal "$stderr" ""

	local files ids
	files=$(cd "$ex/goals" && ls -- *.yaml | sed 's/\.yaml$//' | sort | paste -sd' ')
	[ -n "$files" ]
	run --separate-stderr cairn -C "$ex" goal list --all --json
	assert_success
	ids=$(json '" ".join(sorted(g["id"] for g in d))' <<<"$output")
	assert_equal "$ids" "$files"

	run --separate-stderr cairn -C "$ex" goal list --all
	assert_success
	assert_equal "$stderr" ""
	assert_equal "$((${#lines[@]} - 1))" "$(ls "$ex/goals"/*.yaml | wc -l)"
	local id
	for id in $files; do
		assert_line --regexp "^${id:0:31}"
	done
}
