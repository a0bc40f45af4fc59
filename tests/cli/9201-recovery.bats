#!/usr/bin/env bats
# Recovery from a killed command (test builds: -DCAIRN_TESTING=ON) when the person has done
# something since: committed by hand, staged an edit, or left a git lock. What the person
# did is never undone; what the killed command did is, and only that.

load helpers
load robust

setup_file() {
	fixture_build robust_fixture
}

setup() {
	common_setup
	robust_setup
	require_fault_seams
}

# point_of OP ARGS... — the number of the fault point at which `cairn ARGS` reaches OP for
# the first time (found on a copy of the repository).
point_of() {
	local op=$1
	shift
	rm -rf "$BATS_TEST_TMPDIR/probe" "$BATS_TEST_TMPDIR/probe-trace"
	cp -a "$DATA" "$BATS_TEST_TMPDIR/probe"
	CAIRN_DIR="$BATS_TEST_TMPDIR/probe" CAIRN_FAULT_TRACE="$BATS_TEST_TMPDIR/probe-trace" \
		cairn "$@" >/dev/null 2>&1
	grep -n -m1 -x "$op" "$BATS_TEST_TMPDIR/probe-trace" | cut -d: -f1
}

# killed_at OP ARGS... — cairn ARGS killed just before OP (staged, not committed at git-commit).
killed_at() {
	local op=$1 at
	shift
	at=$(point_of "$op" "$@")
	[[ -n "$at" ]] || fail "cairn $* never reaches $op"
	run env CAIRN_FAULT="kill:$at" "$CAIRN_BUILD_DIR/cairn" "$@"
	assert_equal "$status" 137
	[[ -e "$DATA/.git/cairn-journal" ]] || fail "no journal after the kill"
}

@test "a kill before the commit is undone by the next command, file and index alike" {
	local before
	before=$(head_id)
	killed_at git-commit goal progress g1 5
	assert_equal "$(dgit status --porcelain)" "M  goals/g1.yaml"
	run cairn goal pause g2
	assert_success
	assert_equal "$(dgit show HEAD~1:goals/g1.yaml)" "$(dgit show "$before":goals/g1.yaml)"
	assert_clean
	refute [ -e "$DATA/.git/cairn-journal" ]
}

@test "what the person committed by hand after the kill is not undone" {
	killed_at git-commit goal progress g1 5
	# they look, like the change, and commit it themselves
	dgit -c user.name=Hand -c user.email=hand@example.org commit -q -m "progress by hand"
	run cairn goal pause g2
	assert_success
	run dgit show HEAD~1 --format=%s --stat
	assert_line --index 0 "progress by hand"
	assert_clean
	grep -q "current: 5" "$DATA/goals/g1.yaml" || fail "the hand commit's content was undone"
}

@test "an edit the person staged after the kill stays staged, and their file stays" {
	killed_at git-commit goal progress g1 5
	sed -i 's/^title: .*/title: Pass the licensing exam in June/' "$DATA/goals/g1.yaml"
	dgit add goals/g1.yaml
	sed -i 's/^title: .*/title: Pass the licensing exam in July/' "$DATA/goals/g1.yaml"
	local staged
	staged=$(dgit ls-files -s goals/g1.yaml)
	run cairn goal pause g2
	assert_success
	assert_equal "$(dgit ls-files -s goals/g1.yaml)" "$staged"
	grep -q "in July" "$DATA/goals/g1.yaml" || fail "the person's file was changed"
}

@test "a stale git lock in the way: the next command stops, doctor --fix puts everything back" {
	local before
	before=$(head_id)
	killed_at git-commit goal progress g1 5
	touch "$DATA/.git/index.lock"
	run --separate-stderr cairn goal pause g2
	assert_equal "$status" 75
	assert_err "cairn doctor --fix"
	assert_head_unchanged "$before"
	# the journal of the killed command is still the one there: nothing was lost
	grep -q "goals/g1.yaml" "$DATA/.git/cairn-journal" || fail "the journal was replaced"
	run cairn doctor
	assert_failure 1
	assert_output --partial "leftover: goals/g1.yaml: changed by an interrupted cairn command"
	touch -d '-1 minute' "$DATA/.git/index.lock"
	run cairn doctor --fix
	assert_success
	assert_output --partial "fixed: goals/g1.yaml"
	assert_clean
	assert_head_unchanged "$before"
	run cairn goal pause g2
	assert_success
}

@test "doctor --fix killed while committing a hand edit, holding git's index lock: the next one commits it" {
	sed -i 's/^title: .*/title: Lead a consultation group, edited by hand/' "$DATA/goals/g2.yaml"
	killed_at git-index-add doctor --fix
	[[ -e "$DATA/.git/index.lock" ]] || fail "the kill did not leave the index lock"
	# found later, as a person would
	touch -d '-1 minute' "$DATA/.git/index.lock"
	run cairn doctor --fix
	assert_success
	assert_clean
	assert_equal "$(last_subject)" "doctor: commit 1 hand edit"
	grep -q "edited by hand" "$DATA/goals/g2.yaml" || fail "the hand edit was lost"
}
