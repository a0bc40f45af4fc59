#!/usr/bin/env bats
# cairn plan: the development plan (plans/ID.yaml) and its reviews (reviews/ID/DATE.yaml).
# new, add-goal, rm-goal, list, show; a review without a terminal (options, --from FILE,
# --dry-run) and the guided review on a pseudo-terminal (util-linux script(1)): each saved
# review is ONE commit holding the review, the plan with its next date moved, and every goal
# changed in the sitting; a refused or interrupted review leaves nothing behind.
#
# The fixture: three goals for the plan and one outside it. With "today" 2026-11-28:
#   dbt-certification    0 of 5 sessions, 2 open steps (2027-01-15, 2027-06-15), SMART pass
#   emdr-basic-training  no measure; 3 dated steps, the first (2026-11-15) overdue, SMART pass
#   private-practice     0 of 5 clients, no steps, no relevant/serves: SMART warn (R)
#   self-care            not in the plan
# The plan "growth" runs 2026-10-28..2027-10-27 with monthly reviews: the first is due on
# 2026-11-28, the next after that on 2026-12-28.

load helpers

make_goals() {
	add_dbt_goal
	add_goal "Complete EMDR basic training" --id emdr-basic-training --horizon short \
		--domain professional --area clinical-skills --start 2026-11-01 --due 2027-10-31 \
		--specific "Complete an EMDRIA-approved basic training with its practicum and ten consultation hours, to treat adult trauma clients" \
		--achievable "Two training weekends; the agency pays half the fee." \
		--relevant "The second certification of my trauma specialization." \
		--step "Register for the basic training@2026-11-15" \
		--step "Attend training weekend 1@2027-02-28" --step "Attend training weekend 2@2027-05-31"
	add_goal "Open a part-time private practice" --id private-practice --horizon short \
		--domain professional --area career-path --start 2026-11-01 --due 2027-10-29 \
		--specific "Open a Friday private practice for adults with trauma, with five paying clients by next autumn" \
		--metric "paying clients" --unit clients --baseline 0 --target 5 \
		--achievable "One day a week; a colleague sublets her office on Fridays."
	add_goal "Keep a weekly self-care routine" --id self-care --horizon short --domain personal \
		--area self-care --start 2026-11-01 --due 2027-06-30 \
		--specific "Each week three workouts and one evening without work, to keep doing this job for years" \
		--metric "weeks kept" --unit weeks --baseline 0 --target 30 \
		--achievable "The gym is on the way home." --relevant "Burnout is the main risk of trauma work."
}

setup_file() {
	fixture_build make_goals
}

setup() {
	common_setup
	fixture_copy
}

EVALUATION="Certified in DBT and EMDR-trained by October, judged with my supervisor"

# The plan of most tests (goals given by prefix).
new_plan() {
	run cairn plan new growth --title "Growth plan 2027" --start 2026-10-28 --end 2027-10-27 \
		--goal dbt --goal emdr --goal private-practice --evaluation "$EVALUATION"
	assert_success
}

# on_tty INPUT COMMAND... — runs COMMAND on a pseudo-terminal fed with INPUT (printf format,
# no single quotes).
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

# The sitting that changes three goals: progress 2 on dbt-certification, step 1 of
# emdr-basic-training done, private-practice dropped; then the six answers; then save.
THREE_CHANGES='p 2\n\ns 1\n\ndrop the agency job is enough for now\n\n\nEnrolled in the DBT intensive\nA full caseload; I blocked Friday mornings\n4\nadjust\nMy supervisor liked the group plans\nDrop the practice for this year\n\n'

# Sums of the goal files, to show that they did not change.
goal_sums() {
	sha256sum "$DATA"/goals/*.yaml
}

PLAN_FILE='id: growth
title: Growth plan 2027
start: 2026-10-28
end: 2027-10-27
goals:
  - dbt-certification
  - emdr-basic-training
  - private-practice
evaluation: Certified in DBT and EMDR-trained by October, judged with my supervisor
review:
  every: monthly
  next: 2026-11-28'

# ---- new ----

@test "plan new: one commit 'plan new: ID' with the canonical plans/ID.yaml and the first review date" {
	local before
	before=$(commits)
	run --separate-stderr cairn plan new growth --title "Growth plan 2027" --start 2026-10-28 \
		--end 2027-10-27 --goal dbt --goal emdr --goal private-practice --evaluation "$EVALUATION"
	assert_success
	assert_output "added plan growth; first review 2026-11-28"
	assert_equal "$stderr" ""
	assert_new_commits "$before" 1
	assert_last_commit "plan new: growth" plans/growth.yaml
	assert_equal "$(cat "$DATA/plans/growth.yaml")" "$PLAN_FILE"
	assert_equal "$(file_mode "$DATA/plans/growth.yaml")" 600
	assert_equal "$(file_mode "$DATA/plans")" 700
	assert_clean
}

@test "plan new: the first review follows the cadence from the start; the title defaults to the id" {
	run cairn plan new quarters --start 2026-11-30 --end 2027-11-29 --goal self-care --review quarterly
	assert_success
	assert_output "added plan quarters; first review 2027-02-28"
	run cat "$DATA/plans/quarters.yaml"
	assert_line "title: quarters"
	assert_line "  every: quarterly"
	assert_line "  next: 2027-02-28"

	run cairn plan new tens --start 2026-11-28 --end 2027-11-27 --review 10d
	assert_output "added plan tens; first review 2026-12-08"
	run cairn plan new weeks --start 2026-11-30 --end 2027-11-29 --review weekly
	assert_output "added plan weeks; first review 2026-12-07"
	run cairn plan new fortnights --start 2026-11-30 --end 2027-11-29 --review biweekly
	assert_output "added plan fortnights; first review 2026-12-14"
	# monthly by default, clamped at the month's end: from Jan 31, Feb 28
	run cairn plan new from-january --start 2026-01-31 --end 2026-12-31
	assert_output "added plan from-january; first review 2026-02-28"
	run grep -c '^  every: monthly$' "$DATA/plans/from-january.yaml"
	assert_output 1
	# relative dates on the command line
	run cairn plan new relative --start today --end +1y
	assert_success
	run cat "$DATA/plans/relative.yaml"
	assert_line "start: 2026-11-28"
	assert_line "end: 2027-11-28"
	assert_line "  next: 2026-12-28"
	assert_clean
}

@test "plan new refuses an unknown goal (66), a bad cadence or a missing date (2), an end before the start; nothing written" {
	local before state
	before=$(head_id)
	state=$(tree_state)

	run --separate-stderr cairn plan new growth --start 2026-10-28 --end 2027-10-27 --goal dbt --goal no-such-goal
	assert_failure 66
	assert_err "no-such-goal"
	run --separate-stderr cairn plan new growth --start 2026-10-28 --end 2027-10-27 --review fortnightly
	assert_failure 2
	assert_err "'fortnightly' is not a cadence"
	run --separate-stderr cairn plan new growth --start 2026-10-28 --end 2027-10-27 --review 0d
	assert_failure 2
	run --separate-stderr cairn plan new growth --end 2027-10-27 --goal dbt
	assert_failure 2
	assert_err "--start"
	run --separate-stderr cairn plan new growth --start 2026-10-28
	assert_failure 2
	assert_err "--end"
	run --separate-stderr cairn plan new growth --start 2026-02-30 --end 2027-10-27
	assert [ "$status" -eq 2 -o "$status" -eq 65 ]
	assert_err "2026-02-30"
	run --separate-stderr cairn plan new growth --start 2026-10-28 --end 2026-10-01
	assert [ "$status" -eq 65 -o "$status" -eq 2 ]
	assert_err "end 2026-10-01 is not after start 2026-10-28"
	run --separate-stderr cairn plan new ../growth --start 2026-10-28 --end 2027-10-27
	assert_failure 2
	assert_err "plan id '../growth' is not valid"

	assert_head_unchanged "$before"
	assert_equal "$(tree_state)" "$state"
	[ ! -e "$DATA/plans/growth.yaml" ]
	assert_clean
}

@test "plan new with an id already taken: 65, the plan kept, and the hint names a command that exists" {
	local sum
	new_plan
	sum=$(sha "$DATA/plans/growth.yaml")
	run --separate-stderr cairn plan new growth --start 2026-01-01 --end 2026-12-31
	assert_failure 65
	assert_err "a plan 'growth' exists already"
	assert_equal "$(sha "$DATA/plans/growth.yaml")" "$sum"
	# whatever command the hint offers must be one a user can run
	local cmd
	cmd=$(grep -o 'cairn plan [a-z-]*' <<<"$stderr" | head -n 1 || true)
	if [[ -n "$cmd" ]]; then
		run $cmd --help
		assert_success
	fi
}

# ---- add-goal, rm-goal ----

@test "plan add-goal and rm-goal change only the plan, one commit each; the goals stay" {
	local before sums
	new_plan
	sums=$(goal_sums)
	before=$(commits)

	run --separate-stderr cairn plan add-goal growth self
	assert_success
	assert_output "plan growth: added 1 goal"
	assert_new_commits "$before" 1
	assert_last_commit "plan add-goal: growth" plans/growth.yaml
	run last_body
	assert_output --partial "self-care"
	run sed -n '/^goals:/,/^[a-z]/p' "$DATA/plans/growth.yaml"
	assert_output "goals:
  - dbt-certification
  - emdr-basic-training
  - private-practice
  - self-care
evaluation: Certified in DBT and EMDR-trained by October, judged with my supervisor"

	run --separate-stderr cairn plan rm-goal growth emdr-basic-training private
	assert_success
	assert_output "plan growth: removed 2 goals"
	assert_new_commits "$before" 2
	assert_last_commit "plan rm-goal: growth" plans/growth.yaml
	run sed -n '/^goals:/,/^[a-z]/p' "$DATA/plans/growth.yaml"
	assert_output "goals:
  - dbt-certification
  - self-care
evaluation: Certified in DBT and EMDR-trained by October, judged with my supervisor"
	# the goals themselves are untouched and still there
	assert_equal "$(goal_sums)" "$sums"
	run cairn goal show emdr-basic-training
	assert_success
	# the review date is kept
	run grep '^  next: ' "$DATA/plans/growth.yaml"
	assert_output "  next: 2026-11-28"
	assert_clean
}

@test "add-goal of a goal already in the plan changes nothing; unknown goals and plans are refused" {
	local before state
	new_plan
	before=$(head_id)
	state=$(tree_state)
	run --separate-stderr cairn plan add-goal growth dbt-certification
	assert_success
	assert_output "plan growth: added 1 goal (no change)"
	assert_head_unchanged "$before"

	run --separate-stderr cairn plan add-goal growth no-such-goal
	assert_failure 66
	assert_err "no-such-goal"
	run --separate-stderr cairn plan rm-goal growth self-care
	assert_failure 66
	assert_err "goal self-care is not in plan growth"
	run --separate-stderr cairn plan add-goal no-such-plan self-care
	assert_failure 66
	assert_err "no-such-plan"
	run --separate-stderr cairn plan add-goal growth
	assert_failure 2

	assert_head_unchanged "$before"
	assert_equal "$(tree_state)" "$state"
}

@test "rm-goal takes out of the plan a goal that was removed with goal rm --force" {
	new_plan
	run cairn goal rm private-practice --force
	assert_success
	# the plan still names it; doctor says so and says to use rm-goal
	run cairn doctor
	assert_failure 65
	assert_output --partial "plans/growth.yaml: goals: no goal 'private-practice'"
	assert_output --partial "cairn plan rm-goal"
	run --separate-stderr cairn plan rm-goal growth private-practice
	assert_success
	run grep -c 'private-practice' "$DATA/plans/growth.yaml"
	assert_output 0
	# and the plan can be changed again
	run --separate-stderr cairn plan add-goal growth self-care
	assert_success
	assert_clean
}

# ---- list ----

@test "plan list marks the review 'due' on and after review.next, not before it, not after the plan's end" {
	run --separate-stderr cairn plan list
	assert_success
	assert_output --partial "no plans"
	new_plan

	CAIRN_TODAY=2026-11-27 run --separate-stderr cairn plan list
	assert_success
	assert_equal "$stderr" ""
	assert_line --index 0 --regexp '^ID +PERIOD +GOALS +NEXT REVIEW +TITLE$'
	assert_line --index 1 --regexp '^growth  2026-10-28\.\.2027-10-27 +3  2026-11-28 +Growth plan 2027$'
	refute_output --partial "due"
	assert_equal "${#lines[@]}" 2

	CAIRN_TODAY=2026-11-28 run --separate-stderr cairn plan list
	assert_line --index 1 --regexp '^growth  2026-10-28\.\.2027-10-27 +3  2026-11-28 due +Growth plan 2027$'
	CAIRN_TODAY=2027-01-15 run --separate-stderr cairn plan list
	assert_line --index 1 --partial "2026-11-28 due"
	CAIRN_TODAY=2027-10-27 run --separate-stderr cairn plan list
	assert_line --index 1 --partial "2026-11-28 due"
	CAIRN_TODAY=2027-10-28 run --separate-stderr cairn plan list
	refute_output --partial " due"

	# a second plan, sorted by id
	run cairn plan new alpha --start 2026-11-28 --end 2027-11-27 --review quarterly
	CAIRN_TODAY=2026-11-28 run --separate-stderr cairn plan list
	assert_line --index 1 --regexp '^alpha  +2026-11-28\.\.2027-11-27 +0  2027-02-28 +alpha$'
	assert_line --index 2 --partial "growth"
}

@test "plan list --json: one document, review_due true on and after review.next" {
	local before
	new_plan
	before=$(snapshot)
	CAIRN_TODAY=2026-11-27 run --separate-stderr cairn plan list --json
	assert_success
	assert_equal "$(json 'len(d)' <<<"$output")" 1
	assert_equal "$(json 'd[0]["id"]' <<<"$output")" growth
	assert_equal "$(json 'd[0]["title"]' <<<"$output")" "Growth plan 2027"
	assert_equal "$(json 'd[0]["start"]' <<<"$output")" 2026-10-28
	assert_equal "$(json 'd[0]["end"]' <<<"$output")" 2027-10-27
	assert_equal "$(json 'd[0]["goals"]' <<<"$output")" '["dbt-certification", "emdr-basic-training", "private-practice"]'
	assert_equal "$(json 'd[0]["review"]' <<<"$output")" '{"every": "monthly", "next": "2026-11-28"}'
	assert_equal "$(json 'd[0]["evaluation"]' <<<"$output")" "$EVALUATION"
	assert_equal "$(json 'd[0]["review_due"]' <<<"$output")" false
	CAIRN_TODAY=2026-11-28 run --separate-stderr cairn plan list --json
	assert_equal "$(json 'd[0]["review_due"]' <<<"$output")" true
	CAIRN_TODAY=2027-10-28 run --separate-stderr cairn plan list --json
	assert_equal "$(json 'd[0]["review_due"]' <<<"$output")" false
	# a read command writes nothing
	assert_equal "$(snapshot)" "$before"
}

@test "a plan file broken by hand: list shows the others and exits 65 naming the file" {
	new_plan
	printf 'id: broken\ntitle: Broken\nstart: 2027-01-01\nend: 2026-01-01\n' >"$DATA/plans/broken.yaml"
	run --separate-stderr cairn plan list
	assert_failure 65
	assert_line --partial "growth"
	assert_err "plans/broken.yaml"
	assert_err "is not after start"
	run --separate-stderr cairn plan show broken
	assert_failure 65
	assert_err "plans/broken.yaml"
	printf 'id: broken\ntitle: Broken\nstart: 2026-01-01\nend: 2027-01-01\nreview: {every: fortnightly}\n' >"$DATA/plans/broken.yaml"
	run --separate-stderr cairn plan list
	assert_failure 65
	assert_err "plans/broken.yaml"
	assert_err "review.every: 'fortnightly' is not a cadence"
	run --separate-stderr cairn plan review broken --achieved "x"
	assert_failure 65
	[ ! -e "$DATA/reviews/broken" ]
}

# ---- show ----

@test "plan show: period, evaluation, reviews, and each goal with progress, due date, steps and SMART verdict" {
	local before
	new_plan
	before=$(snapshot)
	run --separate-stderr cairn plan show gro
	assert_success
	assert_equal "$stderr" ""
	assert_line --index 0 "growth  Growth plan 2027"
	assert_line --index 1 "period     2026-10-28 to 2027-10-27"
	assert_line --index 2 "evaluation $EVALUATION"
	assert_line --index 3 "reviews    none yet, next 2026-11-28 (monthly): due"
	assert_line --index 4 "goals"
	assert_line --index 5 --regexp '^  dbt-certification +active +\[\.{10}\] +0% +due 2027-06-30 +2 open steps +SMART pass$'
	assert_line --index 6 --regexp '^  emdr-basic-training +active +.* +due 2027-10-31 +3 open steps, 1 overdue +SMART pass$'
	assert_line --index 7 --regexp '^  private-practice +active +\[\.{10}\] +0% +due 2027-10-29 +0 open steps +SMART warn$'
	assert_equal "${#lines[@]}" 8
	CAIRN_TODAY=2026-11-27 run --separate-stderr cairn plan show growth
	assert_line --index 3 "reviews    none yet, next 2026-11-28 (monthly)"

	run --separate-stderr cairn plan show growth --json
	assert_success
	assert_equal "$(json 'd["id"]' <<<"$output")" growth
	assert_equal "$(json 'd["reviews"]' <<<"$output")" '[]'
	assert_equal "$(json 'd["review_due"]' <<<"$output")" true
	assert_equal "$(json 'd["review"]["next"]' <<<"$output")" 2026-11-28
	assert_equal "$(json 'd["goals"]' <<<"$output")" '["dbt-certification", "emdr-basic-training", "private-practice"]'
	assert_equal "$(snapshot)" "$before"

	run --separate-stderr cairn plan show nothing-like-it
	assert_failure 66
	assert_err "nothing-like-it"
}

# ---- a review without a terminal ----

# The review of the first test below, as stored.
REVIEW_FILE='plan: growth
date: 2026-11-28
achieved: Enrolled in the DBT intensive
challenges: "A full caseload: I blocked Friday mornings"
motivation: 4
still_fits: adjust
feedback: My supervisor liked the group plans
adjustments: Drop the practice for this year
next: 2026-12-28
snapshot:
  - goal: dbt-certification
    status: active
    current: 0
    target: 5
    unit: sessions
    open_steps: 2
    overdue_steps: 0
    smart: pass
  - goal: emdr-basic-training
    status: active
    open_steps: 3
    overdue_steps: 1
    smart: pass
  - goal: private-practice
    status: active
    current: 0
    target: 5
    unit: clients
    open_steps: 0
    overdue_steps: 0
    smart: warn'

review_with_options() {
	run --separate-stderr cairn plan review growth --achieved "Enrolled in the DBT intensive" \
		--challenges "A full caseload: I blocked Friday mornings" --motivation 4 \
		--still-fits adjust --feedback "My supervisor liked the group plans" \
		--adjustments "Drop the practice for this year" "$@" </dev/null
}

@test "a review with options: the review file and the plan's next date in ONE commit; git status clean" {
	local before sums
	new_plan
	sums=$(goal_sums)
	before=$(commits)
	review_with_options
	assert_success
	assert_output "saved the review of growth on 2026-11-28; next review 2026-12-28"
	assert_equal "$stderr" ""
	assert_new_commits "$before" 1
	assert_last_commit "plan review: growth" plans/growth.yaml reviews/growth/2026-11-28.yaml
	run last_body
	assert_output --partial "review of 2026-11-28; next review 2026-12-28"
	assert_equal "$(cat "$DATA/reviews/growth/2026-11-28.yaml")" "$REVIEW_FILE"
	# the plan: only its next review moved
	assert_equal "$(cat "$DATA/plans/growth.yaml")" "${PLAN_FILE/next: 2026-11-28/next: 2026-12-28}"
	assert_equal "$(goal_sums)" "$sums"
	assert_equal "$(file_mode "$DATA/reviews/growth/2026-11-28.yaml")" 600
	assert_equal "$(file_mode "$DATA/reviews/growth")" 700
	assert_clean
	run git -C "$DATA" status --porcelain
	assert_output ""
	# no longer due
	run cairn plan list
	refute_output --partial " due"
	run cairn plan show growth
	assert_line --index 3 "reviews    last 2026-11-28, next 2026-12-28 (monthly)"
}

@test "a review held late sets the next date of the series after it; the following one too" {
	new_plan
	CAIRN_TODAY=2026-12-05 run --separate-stderr cairn plan review growth --achieved "Late, after the holidays" </dev/null
	assert_success
	assert_output "saved the review of growth on 2026-12-05; next review 2026-12-28"
	run grep '^  next: ' "$DATA/plans/growth.yaml"
	assert_output "  next: 2026-12-28"
	CAIRN_TODAY=2026-12-28 run --separate-stderr cairn plan review growth --motivation 3 </dev/null
	assert_success
	assert_output "saved the review of growth on 2026-12-28; next review 2027-01-28"
	run cat "$DATA/reviews/growth/2026-12-28.yaml"
	assert_line "motivation: 3"
	assert_line "next: 2027-01-28"
	refute_line --partial "achieved:"
	assert_clean
}

@test "--from FILE: the answers from a YAML file, options over them" {
	local before
	new_plan
	before=$(commits)
	cat >"$BATS_TEST_TMPDIR/answers.yaml" <<'EOF'
achieved: |
  Enrolled in the DBT intensive.
  Registered for the EMDR training.
challenges: A full caseload
motivation: 3
still_fits: yes
feedback: My supervisor liked the group plans
adjustments: none
EOF
	run --separate-stderr cairn plan review growth --from "$BATS_TEST_TMPDIR/answers.yaml" --motivation 5 </dev/null
	assert_success
	assert_output "saved the review of growth on 2026-11-28; next review 2026-12-28"
	assert_new_commits "$before" 1
	assert_last_commit "plan review: growth" plans/growth.yaml reviews/growth/2026-11-28.yaml
	run sed -n '1,12p' "$DATA/reviews/growth/2026-11-28.yaml"
	assert_output 'plan: growth
date: 2026-11-28
achieved: |
  Enrolled in the DBT intensive.
  Registered for the EMDR training.
challenges: A full caseload
motivation: 5
still_fits: "yes"
feedback: My supervisor liked the group plans
adjustments: none
next: 2026-12-28
snapshot:'
	assert_clean
}

@test "--from a bad file: 65 with file:line:column, nothing saved" {
	local before state
	new_plan
	before=$(head_id)
	state=$(tree_state)
	printf 'achieved: Enrolled\nchallenges: Time\nmotivaton: 4\n' >"$BATS_TEST_TMPDIR/answers.yaml"
	run --separate-stderr cairn plan review growth --from "$BATS_TEST_TMPDIR/answers.yaml" </dev/null
	assert_failure 65
	assert_err "$BATS_TEST_TMPDIR/answers.yaml:3:1: "
	assert_err "motivaton"

	printf 'achieved: Enrolled\nstill_fits: maybe\n' >"$BATS_TEST_TMPDIR/answers.yaml"
	run --separate-stderr cairn plan review growth --from "$BATS_TEST_TMPDIR/answers.yaml" </dev/null
	assert_failure 65
	assert_err "$BATS_TEST_TMPDIR/answers.yaml:2:13: "

	printf 'achieved: "Enrolled\nmotivation: 4\n' >"$BATS_TEST_TMPDIR/answers.yaml"
	run --separate-stderr cairn plan review growth --from "$BATS_TEST_TMPDIR/answers.yaml" </dev/null
	assert_failure 65
	assert_err_regex "answers\.yaml:[0-9]+:[0-9]+: "

	printf 'achieved: Enrolled\nmotivation: 6\n' >"$BATS_TEST_TMPDIR/answers.yaml"
	run --separate-stderr cairn plan review growth --from "$BATS_TEST_TMPDIR/answers.yaml" </dev/null
	assert_failure 65
	assert_err "answers.yaml"
	assert_err "motivation: 6 is not 1 to 5"

	run --separate-stderr cairn plan review growth --from "$BATS_TEST_TMPDIR/no-such-file.yaml" </dev/null
	assert_failure 66
	assert_err "no-such-file.yaml"

	assert_head_unchanged "$before"
	assert_equal "$(tree_state)" "$state"
	[ ! -e "$DATA/reviews" ]
	assert_clean
}

@test "--dry-run prints the summary with its snapshot and saves nothing" {
	local before
	new_plan
	before=$(snapshot)
	review_with_options --dry-run
	assert_success
	assert_output "review of growth on 2026-11-28
achieved    Enrolled in the DBT intensive
challenges  A full caseload: I blocked Friday mornings
motivation  4 of 5
still fits  adjust
feedback    My supervisor liked the group plans
adjustments Drop the practice for this year
next review 2026-12-28
snapshot
  dbt-certification            active  0 of 5 sessions  2 open steps  SMART pass
  emdr-basic-training          active   3 open steps, 1 overdue  SMART pass
  private-practice             active  0 of 5 clients  0 open steps  SMART warn
(dry run: nothing saved)"
	assert_equal "$(snapshot)" "$before"
	[ ! -e "$DATA/reviews" ]
}

@test "without a terminal and without answers: 2, and nothing waits for input or is saved" {
	local before state
	new_plan
	before=$(head_id)
	state=$(tree_state)
	run --separate-stderr cairn plan review growth </dev/null
	assert_failure 2
	assert_err "a review needs answers"
	assert_err "--from FILE"
	assert_err 'on a terminal, `cairn plan review growth` asks for them'
	# a pipe is not a terminal either
	run --separate-stderr bash -c 'printf "Enrolled\n4\n" | cairn plan review growth'
	assert_failure 2
	run --separate-stderr cairn plan review growth --motivation 6 </dev/null
	assert_failure 2
	assert_err "--motivation: '6' is not 1, 2, 3, 4 or 5"
	run --separate-stderr cairn plan review growth --motivation 0 </dev/null
	assert_failure 2
	run --separate-stderr cairn plan review growth --still-fits maybe </dev/null
	assert_failure 2
	assert_err "maybe"
	run --separate-stderr cairn plan review no-such-plan --achieved x </dev/null
	assert_failure 66
	assert_head_unchanged "$before"
	assert_equal "$(tree_state)" "$state"
}

@test "a second review on the same day: 65, the first kept; the next day is fine" {
	local before sum
	new_plan
	review_with_options
	assert_success
	before=$(head_id)
	sum=$(sha "$DATA/reviews/growth/2026-11-28.yaml")
	run --separate-stderr cairn plan review growth --achieved "Something else" </dev/null
	assert_failure 65
	assert_err "plan growth has a review on 2026-11-28 already"
	assert_err '`cairn plan review growth --show 2026-11-28`'
	assert_head_unchanged "$before"
	assert_equal "$(sha "$DATA/reviews/growth/2026-11-28.yaml")" "$sum"
	assert_clean
	CAIRN_TODAY=2026-11-29 run --separate-stderr cairn plan review growth --achieved "Something else" </dev/null
	assert_success
	assert_output "saved the review of growth on 2026-11-29; next review 2026-12-28"
}

@test "plan reviews lists the past reviews oldest first; --show DATE prints one" {
	local before
	new_plan
	run --separate-stderr cairn plan reviews growth
	assert_success
	assert_output "no reviews of growth yet; \`cairn plan review growth\` holds one"
	review_with_options
	CAIRN_TODAY=2026-12-28 run cairn plan review growth --achieved "Led two group sessions" --motivation 5 --still-fits yes </dev/null
	assert_success
	before=$(snapshot)

	run --separate-stderr cairn plan reviews growth
	assert_success
	assert_equal "$stderr" ""
	assert_equal "${#lines[@]}" 2
	assert_line --index 0 --regexp '^2026-11-28  motivation 4  adjust +Enrolled in the DBT intensive$'
	assert_line --index 1 --regexp '^2026-12-28  motivation 5  yes +Led two group sessions$'

	run --separate-stderr cairn plan review growth --show 2026-11-28
	assert_success
	assert_output "review of growth on 2026-11-28
achieved    Enrolled in the DBT intensive
challenges  A full caseload: I blocked Friday mornings
motivation  4 of 5
still fits  adjust
feedback    My supervisor liked the group plans
adjustments Drop the practice for this year
next review 2026-12-28
snapshot
  dbt-certification            active  0 of 5 sessions  2 open steps  SMART pass
  emdr-basic-training          active   3 open steps, 1 overdue  SMART pass
  private-practice             active  0 of 5 clients  0 open steps  SMART warn"
	run --separate-stderr cairn plan review growth --show 2026-11-29
	assert_failure 66
	assert_err "no review of plan growth on 2026-11-29"
	assert_equal "$(snapshot)" "$before"
}

# ---- the guided review on a terminal ----

@test "a guided review that changes three goals is ONE commit: the review, the plan and the three goals" {
	local before
	new_plan
	before=$(commits)
	on_tty "$THREE_CHANGES" cairn plan review growth
	assert_success
	assert_output --partial "This is the plan's first review."
	assert_output --partial "dbt-certification (active) [..........] 0 of 5, due 2027-06-30"
	assert_output --partial "dbt-certification (active) [####......] 2 of 5, due 2027-06-30"
	assert_output --partial "  step 1: Register for the basic training, due 2026-11-15"
	assert_output --partial "private-practice (dropped)"
	assert_equal "$(grep -c 'noted (saved with the review)' <<<"$output")" 3
	assert_output --partial "Save this review? [Y/n]"
	assert_output --partial "saved the review of growth on 2026-11-28; next review 2026-12-28 (3 goals changed)"

	assert_new_commits "$before" 1
	assert_last_commit "plan review: growth" goals/dbt-certification.yaml \
		goals/emdr-basic-training.yaml goals/private-practice.yaml plans/growth.yaml \
		reviews/growth/2026-11-28.yaml
	# the body says what changed in each goal
	run last_body
	assert_output --partial "review of 2026-11-28; next review 2026-12-28"
	assert_output --partial "dbt-certification"
	assert_output --partial "measure.current 0 -> 2"
	assert_output --partial "emdr-basic-training"
	assert_output --partial "private-practice"
	assert_output --partial "status active -> dropped"

	# the goals as the sitting left them
	run cat "$DATA/goals/dbt-certification.yaml"
	assert_line "  current: 2"
	assert_line "  - date: 2026-11-28"
	assert_line "    value: 2"
	run sed -n '/^steps:/,/^[a-z]/p' "$DATA/goals/emdr-basic-training.yaml"
	assert_line --index 1 "  - title: Register for the basic training"
	assert_line --index 2 "    due: 2026-11-15"
	assert_line --index 3 "    done: 2026-11-28"
	run cat "$DATA/goals/private-practice.yaml"
	assert_line "status: dropped"
	assert_line "reason: the agency job is enough for now"

	# the snapshot is taken after the changes
	run cat "$DATA/reviews/growth/2026-11-28.yaml"
	assert_line "achieved: Enrolled in the DBT intensive"
	assert_output --partial "  - goal: dbt-certification
    status: active
    current: 2
    target: 5"
	assert_output --partial "  - goal: emdr-basic-training
    status: active
    open_steps: 2
    overdue_steps: 0"
	assert_output --partial "  - goal: private-practice
    status: dropped"
	run grep '^  next: ' "$DATA/plans/growth.yaml"
	assert_output "  next: 2026-12-28"
	assert_clean
}

@test "a failure in the middle of the save leaves no trace; once the lock is gone it works" {
	local before sums plan state
	new_plan
	before=$(head_id)
	sums=$(goal_sums)
	plan=$(sha "$DATA/plans/growth.yaml")
	state=$(tree_state)
	# git's own lock on the branch, as a user running git by hand (never released here)
	touch "$DATA/.git/refs/heads/main.lock"
	on_tty "$THREE_CHANGES" cairn plan review growth
	assert [ "$status" -eq 74 -o "$status" -eq 75 ]
	assert_output --partial "git"
	refute_output --partial "saved the review"
	rm "$DATA/.git/refs/heads/main.lock"

	assert_head_unchanged "$before"
	assert_clean
	assert_equal "$(tree_state)" "$state"
	[ ! -e "$DATA/reviews/growth/2026-11-28.yaml" ]
	assert_equal "$(goal_sums)" "$sums"
	assert_equal "$(sha "$DATA/plans/growth.yaml")" "$plan"

	on_tty "$THREE_CHANGES" cairn plan review growth
	assert_success
	assert_output --partial "(3 goals changed)"
	assert_equal "$(commits)" "$(($(dgit rev-list --count "$before") + 1))"
	assert_equal "$(last_files | wc -l)" 5
	assert_clean
}

@test "the guided review asks every question, asks again after a wrong answer, and saves every answer" {
	local before
	new_plan
	before=$(commits)
	on_tty '\nx 1\n\n\n\nEnrolled in the DBT intensive\nA full caseload\n9\n4\nmaybe\nyes\nMy supervisor liked the group plans\nNothing yet\n\n' \
		cairn plan review growth
	assert_success
	assert_output --partial "'x 1' is not"
	assert_output --partial "What did you achieve since the last review?"
	assert_output --partial "What challenges did you meet, and how did you handle them?"
	assert_output --partial "How committed are you to these goals now, 1 (none left) to 5 (eager)?"
	assert_output --partial "'9' is not 1 to 5"
	assert_output --partial "Do these goals still fit you, or do they need adjusting? (yes/adjust)"
	assert_output --partial "answer yes or adjust"
	assert_output --partial "What feedback did you get from your supervisor, peers or clients?"
	assert_output --partial "What will you change?"
	# the summary before saving
	assert_output --partial "motivation  4 of 5"
	assert_output --partial "saved the review of growth on 2026-11-28; next review 2026-12-28"
	refute_output --partial "goals changed"
	assert_new_commits "$before" 1
	assert_last_commit "plan review: growth" plans/growth.yaml reviews/growth/2026-11-28.yaml
	run sed -n '1,9p' "$DATA/reviews/growth/2026-11-28.yaml"
	assert_output 'plan: growth
date: 2026-11-28
achieved: Enrolled in the DBT intensive
challenges: A full caseload
motivation: 4
still_fits: "yes"
feedback: My supervisor liked the group plans
adjustments: Nothing yet
next: 2026-12-28'
	assert_clean
}

@test "on a terminal, Enter skips a question and answers given as options are not asked" {
	new_plan
	on_tty '\n\n\n\nEnrolled\n\n\n\n\n' cairn plan review growth --motivation 4 --still-fits yes
	assert_success
	refute_output --partial "How committed are you"
	refute_output --partial "Do these goals still fit you"
	run cat "$DATA/reviews/growth/2026-11-28.yaml"
	assert_line "achieved: Enrolled"
	assert_line "motivation: 4"
	# "yes" is quoted: unquoted, other YAML readers take it for a boolean
	assert_line 'still_fits: "yes"'
	refute_line --partial "challenges:"
	refute_line --partial "feedback:"
	assert_clean
}

@test "quitting half-way with Ctrl-D in a later sitting changes nothing: exit 1, same HEAD, same files" {
	local before state sums
	new_plan
	review_with_options
	assert_success
	run cairn goal progress dbt-certification 1
	assert_success
	before=$(head_id)
	state=$(tree_state)
	sums=$(goal_sums)
	CAIRN_TODAY=2026-12-28 on_tty 'p 3\n\ns 1\n\ndrop no time\n\n\nLed my first group\n\004' cairn plan review growth
	assert_failure 1
	# what changed since the last review is shown first
	assert_output --partial "Since the last review (2026-11-28):"
	assert_output --regexp "dbt-certification +progress 0 -> 1"
	assert_output --partial "input ended; nothing saved"
	refute_output --partial "saved the review"
	assert_head_unchanged "$before"
	assert_equal "$(tree_state)" "$state"
	assert_equal "$(goal_sums)" "$sums"
	[ ! -e "$DATA/reviews/growth/2026-12-28.yaml" ]
	run grep '^  next: ' "$DATA/plans/growth.yaml"
	assert_output "  next: 2026-12-28"
	assert_clean
}

@test "Ctrl-C during the guided review saves nothing and ends as interrupted (130)" {
	local before state
	new_plan
	before=$(head_id)
	state=$(tree_state)
	printf '%q ' cairn plan review growth >"$BATS_TEST_TMPDIR/cmd"
	run bash -c "{ printf 'p 2\n\n'; sleep 1; printf '\003'; sleep 1; } | script -qec \"\$(cat '$BATS_TEST_TMPDIR/cmd')\" /dev/null"
	assert_equal "$status" 130
	assert_output --partial "interrupted; nothing saved"
	assert_head_unchanged "$before"
	assert_equal "$(tree_state)" "$state"
	[ ! -e "$DATA/reviews" ]
}

@test "answering n to 'Save this review?' saves nothing" {
	local before state
	new_plan
	before=$(head_id)
	state=$(tree_state)
	on_tty 'p 2\n\n\n\n\nEnrolled\n\n\n\n\n\nn\n' cairn plan review growth
	assert_failure 1
	assert_output --partial "Save this review? [Y/n]"
	assert_output --partial "nothing saved"
	assert_head_unchanged "$before"
	assert_equal "$(tree_state)" "$state"
}

@test "a due date a goal cannot have is refused when typed, and the review is still saved" {
	local sum
	new_plan
	sum=$(sha "$DATA/goals/dbt-certification.yaml")
	# dbt-certification starts on 2026-12-01: it cannot be due in June 2026
	on_tty 'd 2026-06-01\n\n\n\n\nEnrolled in the DBT intensive\n\n\n\n\n\n\n' cairn plan review growth
	assert_success
	assert_output --partial "before start"
	[ -e "$DATA/reviews/growth/2026-11-28.yaml" ]
	assert_equal "$(sha "$DATA/goals/dbt-certification.yaml")" "$sum"
	assert_clean
}

@test "a goal changed by another command during the sitting is not overwritten by the review" {
	new_plan
	printf '%q ' cairn plan review growth >"$BATS_TEST_TMPDIR/cmd"
	# while the user is in the sitting, a step is added to dbt-certification elsewhere
	run bash -c "{ printf 'p 2\n\n'; sleep 1; cairn goal step add dbt-certification 'Book the exam' >/dev/null 2>&1; printf '\n\n\nEnrolled\n\n\n\n\n\n\n'; } | script -qec \"\$(cat '$BATS_TEST_TMPDIR/cmd')\" /dev/null"
	run dgit log --format=%s
	assert_line "goal step add: dbt-certification"
	# whatever the review did, the step added elsewhere is still there
	run grep -c "Book the exam" "$DATA/goals/dbt-certification.yaml"
	assert_output 1
	assert_clean
}

@test "plan show sends the user to doctor for a goal the plan names but that is gone; doctor names it" {
	new_plan
	rm "$DATA/goals/private-practice.yaml"
	hand_commit "remove a goal by hand"
	run --separate-stderr cairn plan show growth
	assert_success
	assert_line --regexp '^  private-practice +\(no such goal: `cairn doctor`\)$'
	run --separate-stderr cairn doctor
	assert_failure
	assert_output --partial "private-practice"
	assert_output --partial "plans/growth.yaml"
}
