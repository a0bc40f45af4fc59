#!/usr/bin/env bats
# examples/hooks/pre-commit: a hand commit that adds or changes goal files goes through only
# when each of them passes `cairn smart check --strict`.

load helpers

setup() {
	common_setup
	init_repo
	HOOK="$DATA/.git/hooks/pre-commit"
	mkdir -p "$DATA/.git/hooks" "$DATA/goals"
	cp "$CAIRN_SOURCE_DIR/examples/hooks/pre-commit" "$HOOK"
	chmod +x "$HOOK"
}

# git commit by hand, as the user would (an identity given to this command only).
commit() {
	run git -C "$DATA" -c user.name="Hand Editor" -c user.email=hand@example.org \
		commit "$@"
}

write_goal() {
	cat >"$DATA/goals/$1.yaml"
}

vague_goal() {
	write_goal improve-my-therapy-skills <<'EOF'
id: improve-my-therapy-skills
title: Improve my therapy skills
status: active
EOF
}

# All five criteria pass: a specific text of 8+ words with its purpose, a metric and target,
# achievable text, relevant text, due within a year of the start.
good_goal() {
	write_goal cbt-anxiety-course <<'EOF'
id: cbt-anxiety-course
title: Complete a CBT course for anxiety disorders
horizon: short
status: active
start: 2026-11-28
due: 2027-04-30
specific: Complete a 12-week CBT course to treat my clients with anxiety disorders.
measure:
  metric: course modules completed
  baseline: 0
  target: 12
achievable: Two evenings a week; my employer pays the fee.
relevant: Most of my caseload presents with anxiety.
EOF
}

# The commit was refused: HEAD did not move and what was staged is still staged.
assert_refused() {
	local before="$1" file="$2"
	assert_failure
	assert_output --partial "pre-commit: commit refused"
	assert_head_unchanged "$before"
	grep -qxF "$file" <<<"$(dgit diff --cached --name-only)" || fail "$file is no longer staged"
}

@test "the hook is installed as the example says: executable, a shell script" {
	[ -x "$HOOK" ]
	run head -1 "$HOOK"
	assert_output --regexp '^#!/bin/(ba)?sh'
	run sh -n "$HOOK"
	assert_success
}

@test "a vague goal file staged by hand: git commit fails, nothing is committed, the message says why" {
	vague_goal
	dgit add goals/improve-my-therapy-skills.yaml
	local before
	before=$(head_id)
	commit -m "add a goal"
	assert_refused "$before" goals/improve-my-therapy-skills.yaml
	# why: the criteria that fail, each with its fix, and how to get past it
	assert_line --regexp "^  S  FAIL  title: \"Improve my therapy skills\" rests on 'improve'"
	assert_line --regexp '^  M  FAIL  measure: '
	assert_line --regexp '^  T  FAIL  due: '
	assert_output --partial "fix: "
	assert_output --partial "--no-verify"
	# the file is as it was
	run cat "$DATA/goals/improve-my-therapy-skills.yaml"
	assert_line "title: Improve my therapy skills"
}

@test "a goal that passes all five criteria: the commit goes through" {
	good_goal
	run cairn smart check "$DATA/goals/cbt-anxiety-course.yaml"
	assert_line "  SMART: all five criteria pass"
	dgit add goals/cbt-anxiety-course.yaml
	local before
	before=$(commits)
	commit -q -m "add the CBT course"
	assert_success
	assert_new_commits "$before" 1
	assert_last_commit "add the CBT course" goals/cbt-anxiety-course.yaml
	assert_clean
}

@test "a good goal that serves a long-term goal in the same commit goes through" {
	write_goal own-practice <<'EOF'
id: own-practice
title: Open my own group practice for couples therapy
horizon: long
status: active
start: 2026-11-28
due: 2030-12-31
specific: Open a group practice with two associates to offer couples therapy in my town.
measure: {metric: associates hired, target: 2}
achievable: Savings for two years of rent; a mentor who did it.
relevant: Couples therapy is what I do best and my town has no practice for it.
EOF
	write_goal gottman-level-2 <<'EOF'
id: gottman-level-2
title: Complete Gottman Method Level 2 training
status: active
start: 2026-11-28
due: 2027-09-30
specific: Complete the Gottman Level 2 training to treat couples in my future practice.
measure: {metric: training days attended, target: 4}
steps:
  - {title: Register for the spring cohort, due: 2027-01-31}
serves: [own-practice]
EOF
	dgit add goals
	local before
	before=$(commits)
	commit -q -m "two goals"
	assert_success
	assert_new_commits "$before" 1
}

@test "a goal with only a warning is refused too (the hook is --strict)" {
	good_goal
	sed -i '/^relevant: /d' "$DATA/goals/cbt-anxiety-course.yaml"
	dgit add goals
	local before
	before=$(head_id)
	commit -m "no relevant"
	assert_refused "$before" goals/cbt-anxiety-course.yaml
	assert_line --regexp '^  R  WARN  relevant and serves: '
}

@test "a hand edit that breaks a committed goal is refused" {
	good_goal
	dgit add goals
	commit -q -m "add"
	assert_success
	# a short-horizon goal moved 18 months out
	sed -i 's/^due: .*/due: 2028-04-30/' "$DATA/goals/cbt-anxiety-course.yaml"
	dgit add goals
	local before
	before=$(head_id)
	commit -m "move the date"
	assert_refused "$before" goals/cbt-anxiety-course.yaml
	assert_line --regexp '^  T  FAIL  due: 2028-04-30 is more than a year after the start 2026-11-28'
}

@test "git commit -a with a tracked goal made vague is refused" {
	good_goal
	dgit add goals
	commit -q -m "add"
	assert_success
	sed -i '/^measure:/,/^  target:/d' "$DATA/goals/cbt-anxiety-course.yaml"
	local before
	before=$(head_id)
	commit -a -m "drop the measure"
	assert_failure
	assert_output --partial "pre-commit: commit refused"
	assert_line --regexp '^  M  FAIL  measure: '
	assert_head_unchanged "$before"
}

@test "an invalid goal file is refused, naming file:line:col" {
	printf 'id: broken\ntitle: Attend the EMDR basic training\nstatus: active\ndue: 2027-02-30\n' \
		>"$DATA/goals/broken.yaml"
	dgit add goals
	local before
	before=$(head_id)
	commit -m "broken"
	assert_refused "$before" goals/broken.yaml
	assert_output --partial "goals/broken.yaml:4:6:"
}

@test "a commit that touches no goal file is not checked" {
	# a vague goal is already in the repository (cairn's own commits run no hook)
	run cairn goal add "Improve my therapy skills"
	assert_success
	mkdir -p "$DATA/journal"
	echo "Supervision went well." >"$DATA/journal/2026-11-28-1.md"
	dgit add journal
	local before
	before=$(commits)
	commit -m "journal"
	assert_success
	refute_output --partial "pre-commit"
	refute_output --partial "SMART"
	assert_new_commits "$before" 1

	# removing a goal file is not a goal to check either
	dgit rm -q goals/improve-my-therapy-skills.yaml
	commit -q -m "remove the vague goal"
	assert_success
	assert_new_commits "$before" 2
}

@test "only the goals of the commit are checked, not the others in the repository" {
	run cairn goal add "Improve my therapy skills"
	assert_success
	good_goal
	dgit add goals/cbt-anxiety-course.yaml
	commit -m "good one"
	assert_success
	refute_output --partial "improve-my-therapy-skills"
}

@test "git commit --no-verify skips the check" {
	vague_goal
	dgit add goals
	local before
	before=$(commits)
	commit -q --no-verify -m "vague, on purpose"
	assert_success
	assert_new_commits "$before" 1
	assert_last_commit "vague, on purpose" goals/improve-my-therapy-skills.yaml
}

@test "CAIRN names the program when cairn is not on PATH; CAIRN_DIR elsewhere does not matter" {
	export PATH="${PATH#"$CAIRN_BUILD_DIR":}"
	! command -v cairn >/dev/null || skip "cairn is installed on PATH"
	export CAIRN="$CAIRN_BUILD_DIR/cairn"
	export CAIRN_DIR="$BATS_TEST_TMPDIR/another"
	vague_goal
	dgit add goals
	local before
	before=$(head_id)
	commit -m "vague"
	assert_refused "$before" goals/improve-my-therapy-skills.yaml
	assert_line --regexp '^  S  FAIL  '

	dgit rm -q --cached goals/improve-my-therapy-skills.yaml
	rm "$DATA/goals/improve-my-therapy-skills.yaml"
	good_goal
	dgit add goals
	commit -q -m "good"
	assert_success
	assert_new_commits "$(dgit rev-list --count "$before")" 1
}

@test "a vague goal staged, then fixed in the work tree but not staged: the commit is refused" {
	# what would be committed is the staged, vague version
	vague_goal
	dgit add goals
	cat >"$DATA/goals/improve-my-therapy-skills.yaml" <<'EOF'
id: improve-my-therapy-skills
title: Complete a CBT course for anxiety disorders
horizon: short
status: active
start: 2026-11-28
due: 2027-04-30
specific: Complete a 12-week CBT course to treat my clients with anxiety disorders.
measure: {metric: course modules completed, baseline: 0, target: 12}
achievable: Two evenings a week; my employer pays the fee.
relevant: Most of my caseload presents with anxiety.
EOF
	local before
	before=$(head_id)
	commit -m "vague in the index"
	assert_refused "$before" goals/improve-my-therapy-skills.yaml
}

@test "when cairn cannot be run, the commit is refused and the hook says cairn was not found" {
	export CAIRN="$BATS_TEST_TMPDIR/no-such-cairn"
	good_goal
	dgit add goals
	local before
	before=$(head_id)
	commit -m "good, but no cairn to check it"
	assert_refused "$before" goals/cbt-anxiety-course.yaml
	assert_output --partial "no-such-cairn"
	# not a verdict on the goal, which was never checked
	refute_output --partial "not SMART"
}
