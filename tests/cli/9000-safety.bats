#!/usr/bin/env bats
# Safety: the lock, concurrent writers, failed commits, hand edits left alone, read commands
# that never write, private modes, defensive YAML, ids that cannot escape, author identity.

load helpers

setup_file() {
	fixture_build add_dbt_goal
}

setup() {
	common_setup
	fixture_copy
	GOAL=$(goal_file dbt-certification)
}

# ---- one writer at a time ----

@test "a lock held by another process: exit 75 after the timeout, a clear message, nothing written" {
	local before state t0 t1
	before=$(head_id)
	state=$(tree_state)
	hold_lock 10
	t0=$(date +%s%N)
	CAIRN_LOCK_TIMEOUT=1 run --separate-stderr cairn goal progress dbt-certification 2
	t1=$(date +%s%N)
	assert_failure 75
	assert_err "another cairn command is writing (waited 1s for the lock)"
	assert_err "hint: try again in a moment"
	assert [ $(((t1 - t0) / 1000000)) -ge 900 ]
	assert_head_unchanged "$before"
	assert_equal "$(tree_state)" "$state"

	CAIRN_LOCK_TIMEOUT=1 run --separate-stderr cairn goal add "Attend the NASW conference"
	assert_failure 75
	assert_err "another cairn command is writing"
	assert_head_unchanged "$before"
	assert_equal "$(tree_state)" "$state"

	release_lock
	run cairn goal progress dbt-certification 2
	assert_success
	assert_clean
}

@test "a writer waits for the lock while it is held only briefly" {
	hold_lock 1
	CAIRN_LOCK_TIMEOUT=10 run cairn goal progress dbt-certification 2
	assert_success
	assert_last_commit "goal progress: dbt-certification" goals/dbt-certification.yaml
	assert_clean
}

@test "read commands do not wait for the lock" {
	hold_lock 10
	CAIRN_LOCK_TIMEOUT=5 run cairn goal list
	assert_success
	CAIRN_LOCK_TIMEOUT=5 run cairn goal show dbt
	assert_success
}

@test "concurrent writers: every command succeeds, one commit each, nothing lost" {
	local before i
	before=$(commits)
	for i in 1 2 3 4 5; do
		cairn goal add "Parallel goal $i" >/dev/null 2>&1 &
		cairn goal progress dbt-certification +1 >/dev/null 2>&1 &
	done
	wait
	assert_new_commits "$before" 10
	for i in 1 2 3 4 5; do
		[ -f "$(goal_file parallel-goal-$i)" ]
	done
	run grep '^  current: ' "$GOAL"
	assert_output "  current: 5"
	assert_clean
}

# ---- a failed commit puts everything back ----

@test "a commit that fails (the branch is locked by git) restores the file and the index" {
	local before sum
	before=$(head_id)
	sum=$(sha "$GOAL")
	touch "$DATA/.git/refs/heads/main.lock"
	run --separate-stderr cairn goal progress dbt-certification 2
	assert [ "$status" -eq 74 -o "$status" -eq 75 ]
	assert_err "git"
	assert_head_unchanged "$before"
	assert_equal "$(sha "$GOAL")" "$sum"
	assert_clean

	run --separate-stderr cairn goal add "Attend the NASW conference"
	assert [ "$status" -eq 74 -o "$status" -eq 75 ]
	[ ! -e "$(goal_file attend-the-nasw-conference)" ]
	assert_clean

	rm "$DATA/.git/refs/heads/main.lock"
	run cairn goal progress dbt-certification 2
	assert_success
	assert_clean
}

# ---- hand edits are the user's ----

@test "an unstaged hand edit of another goal is left alone, not committed" {
	local other
	other=$(goal_file specialize-emotion-regulation)
	sed -i 's/^due: .*/due: 2030-06-30/' "$other"
	run cairn goal progress dbt-certification 2
	assert_success
	assert_last_commit "goal progress: dbt-certification" goals/dbt-certification.yaml
	run grep '^due: ' "$other"
	assert_output "due: 2030-06-30"
	run dgit status --porcelain
	assert_output " M goals/specialize-emotion-regulation.yaml"
}

@test "a change the user staged in another file is not swept into cairn's commit" {
	local other
	other=$(goal_file specialize-emotion-regulation)
	sed -i 's/^due: .*/due: 2030-06-30/' "$other"
	echo "my own notes" >"$DATA/notes.txt"
	dgit add goals/specialize-emotion-regulation.yaml notes.txt
	run cairn goal progress dbt-certification 2
	assert_success
	assert_last_commit "goal progress: dbt-certification" goals/dbt-certification.yaml
	# the user's staged changes are still theirs to commit
	run dgit diff --cached --name-only
	assert_line "goals/specialize-emotion-regulation.yaml"
	assert_line "notes.txt"
}

# ---- read commands never write ----

@test "read commands never write: list, show, --json, doctor leave every file as it was" {
	local before
	before=$(snapshot)
	run cairn goal list
	run cairn goal list --all --json
	run cairn goal show dbt
	run cairn goal show dbt --json
	run cairn doctor
	run cairn goal show no-such-goal
	assert_equal "$(snapshot)" "$before"
}

# ---- private modes ----

@test "a goal file that was 0644 is 0600 once cairn rewrites it" {
	chmod 644 "$GOAL"
	chmod 755 "$DATA/goals"
	run cairn goal progress dbt-certification 2
	assert_success
	assert_equal "$(file_mode "$GOAL")" 600
}

@test "every file cairn writes is 0600, every folder 0700, under umask 022" {
	umask 022
	run cairn goal add "Attend the NASW conference"
	run cairn goal progress dbt 1
	run cairn goal step add dbt "Co-lead a group"
	run cairn goal done spec
	local f
	while IFS= read -r f; do
		assert_equal "$f $(file_mode "$f")" "$f 600"
	done < <(find "$DATA" -path "$DATA/.git" -prune -o -type f -print)
	while IFS= read -r f; do
		assert_equal "$f $(file_mode "$f")" "$f 700"
	done < <(find "$DATA" -path "$DATA/.git" -prune -o -type d -print)
}

# ---- defensive YAML: a hand-broken file is named, with line and column, and nothing is
# written ----

# invalid EXPECTED — goal show and goal progress both refuse with exit 65 and stderr holding
# EXPECTED; nothing is written.
invalid() {
	local before state
	before=$(head_id)
	state=$(tree_state)
	run --separate-stderr cairn goal show dbt-certification
	assert_failure 65
	assert_err "$1"
	run --separate-stderr cairn goal progress dbt-certification 2
	assert_failure 65
	assert_err "cairn goal: $1"
	assert_head_unchanged "$before"
	assert_equal "$(tree_state)" "$state"
	run --separate-stderr cairn goal step add dbt-certification "A step"
	assert_failure 65
	assert_head_unchanged "$before"
	assert_equal "$(tree_state)" "$state"
}

@test "a YAML syntax error" {
	sed -i 's/^title: .*/title: [unclosed/' "$GOAL"
	invalid "goals/dbt-certification.yaml:3:"
	assert_err_regex "^cairn goal: goals/dbt-certification\.yaml:[0-9]+:[0-9]+: invalid YAML: "
	assert_err "hint:"
}

@test "bad indentation" {
	sed -i 's/^  target: 5$/ target: 5/' "$GOAL"
	run --separate-stderr cairn goal progress dbt-certification 2
	assert_failure 65
	assert_err_regex "^cairn goal: goals/dbt-certification\.yaml:[0-9]+:[0-9]+: invalid YAML"
}

@test "a duplicate key" {
	sed -i 's/^status: active$/status: active\nstatus: done/' "$GOAL"
	invalid "goals/dbt-certification.yaml:7:1: duplicate key 'status'"
	assert_err "hint: keep one 'status' and delete the other"
}

@test "a duplicate key inside a step" {
	sed -i 's/^    due: 2027-01-15$/&\n    due: 2027-01-20/' "$GOAL"
	invalid "goals/dbt-certification.yaml:24:5: duplicate key 'due'"
}

@test "an alias (*x)" {
	sed -i 's/^specific: .*/specific: *text/' "$GOAL"
	invalid "goals/dbt-certification.yaml:10:11: aliases (*name) are not allowed"
}

@test "an anchor (&x)" {
	sed -i 's/^title: /title: \&t /' "$GOAL"
	invalid "goals/dbt-certification.yaml:2:8: anchors (&name) are not allowed"
}

@test "an alias bomb is refused at its first anchor, quickly" {
	cat >>"$GOAL" <<'EOF'
bomb:
  a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]
  b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
  c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
  d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
  e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
  f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
  g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
EOF
	invalid "goals/dbt-certification.yaml:30:6: anchors (&name) are not allowed"
}

@test "a custom tag" {
	sed -i 's/^title: /title: !secret /' "$GOAL"
	invalid "goals/dbt-certification.yaml:2:8: tags (!name) are not allowed"
}

@test "two documents in one file" {
	printf -- '---\nid: other\n' >>"$GOAL"
	invalid "goals/dbt-certification.yaml:29:1: more than one document in the file"
}

@test "nesting deeper than 32" {
	python3 -c 'print("deep: " + "[" * 40 + "]" * 40)' >>"$GOAL"
	invalid "goals/dbt-certification.yaml:29:38: nested too deeply (more than 32 levels)"
}

@test "a file over 1 MiB" {
	python3 -c 'print("big: \"" + "x" * (1100 * 1024) + "\"")' >>"$GOAL"
	invalid "goals/dbt-certification.yaml: file too large"
}

@test "an id with ../ in the file" {
	sed -i 's|^id: .*|id: ../../evil|' "$GOAL"
	invalid "goals/dbt-certification.yaml:1:5: id: '../../evil' is not a valid id"
	[ ! -e "$BATS_TEST_TMPDIR/evil.yaml" ]
}

@test "an id that differs from the file name" {
	sed -i 's/^id: .*/id: dbt-cert/' "$GOAL"
	invalid "goals/dbt-certification.yaml: id 'dbt-cert' does not match the file name"
}

@test "a date that does not exist in the file: exit 65 with goals/X.yaml:LINE:COL" {
	sed -i 's/^due: .*/due: 2027-02-30/' "$GOAL"
	invalid "goals/dbt-certification.yaml:9:6: due: 2027-02-30 does not exist (2027-02 has 28 days)"
}

@test "a date in another form in the file" {
	sed -i 's|^due: .*|due: 06/30/2027|' "$GOAL"
	invalid "goals/dbt-certification.yaml:9:6: due: '06/30/2027' is not a date (YYYY-MM-DD)"
}

@test "an unknown status in the file" {
	sed -i 's/^status: .*/status: finished/' "$GOAL"
	invalid "goals/dbt-certification.yaml:6:9: status: unknown value 'finished'"
	assert_err "hint: one of: draft, active, paused, done, dropped"
}

@test "a negative number in the file" {
	sed -i 's/^  target: 5$/  target: -5/' "$GOAL"
	invalid "goals/dbt-certification.yaml:15:11: measure.target: may not be negative"
}

@test "a number written as text in the file" {
	sed -i 's/^  target: 5$/  target: "five"/' "$GOAL"
	invalid "goals/dbt-certification.yaml:15:11: measure.target: expected a number, found 'five'"
}

@test "a list where text belongs" {
	sed -i 's/^title: .*/title: [a, b]/' "$GOAL"
	invalid "goals/dbt-certification.yaml:2:8: title: expected text, found a list"
}

@test "a required field missing" {
	sed -i '/^title: /d' "$GOAL"
	invalid "goals/dbt-certification.yaml:1:1: title: required field is missing"
}

@test "an empty goal file" {
	: >"$GOAL"
	invalid "goals/dbt-certification.yaml"
}

# ---- ids cannot reach outside their folder ----

@test "an id argument with ../ or / names no file outside goals/" {
	mkdir -p "$DATA/secret"
	printf 'id: x\ntitle: secret\nstatus: active\n' >"$DATA/secret/x.yaml"
	run --separate-stderr cairn goal show ../secret/x
	assert [ "$status" -eq 2 -o "$status" -eq 65 -o "$status" -eq 66 ]
	refute_output --partial "secret"
	run --separate-stderr cairn goal show ../cairn
	assert [ "$status" -eq 2 -o "$status" -eq 65 -o "$status" -eq 66 ]
	refute_output --partial "format"
	run --separate-stderr cairn goal rm ../cairn
	assert [ "$status" -eq 2 -o "$status" -eq 65 -o "$status" -eq 66 ]
	[ -f "$DATA/cairn.yaml" ]
}

# ---- author identity: never fail for lack of one ----

@test "identity: no git identity anywhere, so the profile name" {
	run cairn goal progress dbt 1
	assert_success
	assert_equal "$(dgit log -1 --format='%an <%ae>')" "Dana Reyes <cairn@localhost>"
}

@test "identity: without a profile name, cairn <cairn@localhost>" {
	rm -rf "$DATA"
	run cairn init
	assert_success
	run cairn goal add "Attend the NASW conference"
	assert_success
	assert_equal "$(dgit log -1 --format='%an <%ae>')" "cairn <cairn@localhost>"
}

@test "identity: GIT_AUTHOR_NAME and GIT_AUTHOR_EMAIL first" {
	git config --global user.name "Global Name"
	git config --global user.email global@example.org
	GIT_AUTHOR_NAME="Env Name" GIT_AUTHOR_EMAIL=env@example.org run cairn goal progress dbt 1
	assert_success
	assert_equal "$(dgit log -1 --format='%an <%ae>')" "Env Name <env@example.org>"
}

@test "identity: the repository's git config, then the global one" {
	git config --global user.name "Global Name"
	git config --global user.email global@example.org
	run cairn goal progress dbt 1
	assert_success
	assert_equal "$(dgit log -1 --format='%an <%ae>')" "Global Name <global@example.org>"

	dgit config user.name "Repo Name"
	dgit config user.email repo@example.org
	run cairn goal progress dbt 2
	assert_success
	assert_equal "$(dgit log -1 --format='%an <%ae>')" "Repo Name <repo@example.org>"
}

@test "identity: git's XDG config (~/.config/git/config) counts as global" {
	mkdir -p "$XDG_CONFIG_HOME/git"
	printf '[user]\n\tname = Xdg Name\n\temail = xdg@example.org\n' >"$XDG_CONFIG_HOME/git/config"
	run cairn goal progress dbt 1
	assert_success
	assert_equal "$(dgit log -1 --format='%an <%ae>')" "Xdg Name <xdg@example.org>"
}
