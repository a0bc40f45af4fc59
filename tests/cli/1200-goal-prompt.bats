#!/usr/bin/env bats
# cairn goal add on a real terminal: the guided SMART prompt (util-linux script(1) gives the
# program a pseudo-terminal), Enter to skip, Ctrl-D and Ctrl-C write nothing; without a
# terminal there is never a prompt. goal add and goal edit print the verdict after saving.

load helpers

setup() {
	common_setup
	init_repo
}

# on_tty INPUT COMMAND... — runs COMMAND on a pseudo-terminal fed with INPUT (printf format).
on_tty() {
	local input=$1
	shift
	printf '%q ' "$@" >"$BATS_TEST_TMPDIR/cmd"
	run bash -c "printf '$input' | script -qec \"\$(cat '$BATS_TEST_TMPDIR/cmd')\" /dev/null"
	# the terminal turns \n into \r\n
	output=${output//$'\r'/}
	lines=()
	while IFS= read -r l; do lines+=("$l"); done <<<"$output"
}

@test "on a terminal, each missing SMART field is asked for with what it means and an example" {
	local before
	before=$(commits)
	on_tty 'Complete the DBT intensive so I can co-lead the skills group for clients who self-harm\nDBT group sessions led\n5\nsessions\nFour hours a week; my agency pays the fee\nA third of my caseload struggles with emotion regulation\n+6m\n' \
		cairn goal add "Lead a DBT skills group"
	assert_success
	assert_output --partial "Specific: what exactly will you do, and why?"
	assert_output --partial "Measurable: what will you count"
	assert_output --partial "Achievable:"
	assert_output --partial "Relevant:"
	assert_output --partial "Time-bound: by when?"
	assert_output --partial "  e.g. "
	assert_output --partial "added goal lead-a-dbt-skills-group"
	assert_output --partial "SMART: all five criteria pass"
	assert_new_commits "$before" 1
	run cat "$DATA/goals/lead-a-dbt-skills-group.yaml"
	assert_line "specific: Complete the DBT intensive so I can co-lead the skills group for clients who self-harm"
	assert_line "  metric: DBT group sessions led"
	assert_line "  target: 5"
	assert_line "  unit: sessions"
	assert_line "due: 2027-05-28"
	assert_line "horizon: short"
	assert_clean
}

@test "Enter skips a question; the goal is saved with what was given and the verdict says what is missing" {
	on_tty '\n\n\n\n\n' cairn goal add "Read more about attachment"
	assert_success
	assert_output --partial "added goal read-more-about-attachment"
	assert_output --partial "SMART: 3 fail (S, M, T), 2 warn (A, R)"
	assert_output --partial '`cairn smart check read-more-about-attachment` says how to fix them'
	run cat "$DATA/goals/read-more-about-attachment.yaml"
	refute_output --partial "specific:"
	refute_output --partial "due:"
	assert_clean
}

@test "only the fields the flags left out are asked for" {
	on_tty 'Clients with trauma histories are most of my referrals\n' \
		cairn goal add "Earn TF-CBT certification" --due 2027-06-30 \
		--specific "Finish the TF-CBT web course and consultation calls to treat children with PTSD" \
		--metric "consultation calls" --target 12 --step "Register for the course@2026-12-15"
	assert_success
	refute_output --partial "Specific:"
	refute_output --partial "Measurable:"
	refute_output --partial "Achievable:"
	refute_output --partial "Time-bound:"
	assert_output --partial "Relevant: why does it matter"
	run grep '^relevant: ' "$DATA/goals/earn-tf-cbt-certification.yaml"
	assert_output "relevant: Clients with trauma histories are most of my referrals"
}

@test "a target that is not a number and a date that does not exist are asked again" {
	on_tty '\ncalls\nabc\n12\ncalls\n\n\n2027-02-30\n2027-03-31\n' cairn goal add "Attend consultation calls"
	assert_success
	assert_output --partial "'abc' is not a number"
	assert_output --partial "2027-02-30 does not exist"
	run cat "$DATA/goals/attend-consultation-calls.yaml"
	assert_line "  target: 12"
	assert_line "due: 2027-03-31"
}

@test "Ctrl-D during the prompt writes nothing: exit 1, no file, no commit" {
	local before
	before=$(commits)
	on_tty 'Complete the EMDR basic training to treat trauma in adults\n\004' \
		cairn goal add "EMDR basic training"
	assert_failure 1
	assert_output --partial "nothing written"
	[ ! -e "$DATA/goals/emdr-basic-training.yaml" ]
	assert_equal "$(commits)" "$before"
	assert_clean
}

@test "Ctrl-C during the prompt writes nothing and ends as interrupted (130)" {
	local before
	before=$(commits)
	printf '%q ' cairn goal add "EMDR basic training" >"$BATS_TEST_TMPDIR/cmd"
	run bash -c "{ printf 'Complete the EMDR training\n'; sleep 1; printf '\003'; sleep 1; } | script -qec \"\$(cat '$BATS_TEST_TMPDIR/cmd')\" /dev/null"
	assert_equal "$status" 130
	assert_output --partial "interrupted; nothing written"
	[ ! -e "$DATA/goals/emdr-basic-training.yaml" ]
	assert_equal "$(commits)" "$before"
	assert_clean
}

@test "without a terminal there is never a prompt, and nothing waits for input" {
	run --separate-stderr cairn goal add "Join a peer consultation group" </dev/null
	assert_success
	refute_output --partial "Specific:"
	assert_line --index 0 "added goal join-a-peer-consultation-group"
	# input from a pipe is not a terminal either
	run bash -c 'echo "an answer" | cairn goal add "Write a case study"'
	assert_success
	refute_output --partial "Specific:"
	run grep -c "an answer" "$DATA/goals/write-a-case-study.yaml"
	assert_output 0
}

@test "goal add prints the verdict after saving and never refuses an imperfect goal; -q prints nothing" {
	run --separate-stderr cairn goal add "Improve my therapy skills"
	assert_success
	assert_line --index 0 "added goal improve-my-therapy-skills"
	assert_line --index 1 "SMART: 3 fail (S, M, T), 2 warn (A, R)"
	assert_output --partial "  S  FAIL  title: \"Improve my therapy skills\" rests on 'improve'"
	assert_output --partial "  T  FAIL  due: none"
	[ -e "$DATA/goals/improve-my-therapy-skills.yaml" ]
	run --separate-stderr cairn goal add "Improve my supervision skills" -q
	assert_success
	assert_output ""
	run --separate-stderr cairn goal add "Plan a research project" --draft
	assert_line --index 0 "added goal plan-a-research-project (draft)"
	assert_line --index 1 --partial "SMART: "
}

@test "a goal that passes every criterion says so in one line" {
	run cairn goal add "Earn the NCC credential" --due +10m \
		--specific "Pass the NCE exam to earn the NCC and show my clients a national standard" \
		--metric "exam passed" --target 1 --achievable "Six hours of study a week from January" \
		--relevant "The group practice I want to join asks for the NCC"
	assert_success
	assert_line --index 0 "added goal earn-the-ncc-credential"
	assert_line --index 1 "SMART: all five criteria pass"
	assert_equal "${#lines[@]}" 2
}

@test "goal edit prints the verdict of the saved goal" {
	run cairn goal add "Present at the state conference" --due +8m
	cat >"$BATS_TEST_TMPDIR/ed" <<'EOF'
#!/bin/sh
printf 'specific: Present a 90-minute session on TF-CBT to share what works with families\n' >>"$1"
EOF
	chmod +x "$BATS_TEST_TMPDIR/ed"
	EDITOR="$BATS_TEST_TMPDIR/ed" run --separate-stderr cairn goal edit present
	assert_success
	assert_line --index 0 "saved goal present-at-the-state-conference"
	assert_line --index 1 "SMART: 1 fail (M), 2 warn (A, R)"
	refute_output --partial "S  "
	assert_clean
}

@test "an --id already taken is refused before any question is asked" {
	run cairn goal add "Lead a DBT skills group" --id dbt --due +6m
	assert_success
	on_tty 'an answer that would be lost\n' cairn goal add "Run a second DBT group" --id dbt
	assert_failure 65
	assert_output --partial "a goal 'dbt' exists already"
	refute_output --partial "Specific:"
}
