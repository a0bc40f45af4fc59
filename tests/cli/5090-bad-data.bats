#!/usr/bin/env bats
# Bad data met by the readers that gather many records (remind, status, export, plan
# reviews), by the profile's settings, by review files that are not where their plan and date
# say, and ids or paths on the command line that could leave their folder. Each problem is
# named with its file (and line:column for YAML); remind and status still print what they
# could read, then exit 65; export refuses outright; nothing is ever written. Today is
# 2026-11-28.

load helpers

CORPUS="$BATS_TEST_DIRNAME/../fixtures/bad"

# A repository with a license under tx-lpc, two goals (one due soon) and a plan with one
# review (held today).
build_repo() {
	run cairn rules add "$CAIRN_SOURCE_DIR/examples/repo/rules/tx-lpc.yaml"
	assert_success
	run cairn license add tx-lpc --rule tx-lpc --expires 2027-08-31 --issued 2019-08-14
	assert_success
	add_goal "Finish the ethics course" --id ethics --start 2026-10-01 --due 2026-12-10
	add_goal "Lead a DBT skills group" --id base --start 2026-12-01 --due 2027-06-30
	run cairn plan new base-plan --start 2026-12-01 --end 2027-11-30 --goal base
	assert_success
	run cairn plan review base-plan --achieved "Planned the group." --challenges "None yet." \
		--motivation 4 --still-fits yes --feedback "None yet." --adjustments "None."
	assert_success
	assert_clean
}

setup_file() {
	fixture_build build_repo
}

setup() {
	common_setup
	fixture_copy
	cd "$DATA"
	HEAD_BEFORE=$(head_id)
}

# a second license in cairn.yaml, by hand, that names no rule
add_license_without_rule() {
	sed -i 's/^licenses:$/licenses:\n  - id: nbcc\n    expires: 2027-09-30/' cairn.yaml
	grep -q '^  - id: nbcc$' cairn.yaml
}

# nothing written: HEAD where it was, no file changed but the one the test placed
assert_nothing_written() {
	assert_equal "$(head_id)" "$HEAD_BEFORE"
	run dgit status --porcelain --untracked-files=all
	assert_output "${1:-}"
}

# ---- the profile's settings ----

@test "remind with settings.remind_within a word: 65 naming cairn.yaml:13:18, no --within blamed" {
	cp "$CORPUS/profile-remind-within-word.yaml" cairn.yaml
	run --separate-stderr cairn remind
	assert_failure 65
	assert_err "cairn remind: cairn.yaml:13:18: settings.remind_within: 'soon' is not a window like 30d, 2w or 3m"
	assert_err "hint: a number of days, weeks, months or years: 30d, 2w, 3m, 1y"
	refute_err "--within"
	refute_err "AddressSanitizer"
	assert_output ""
	# with --within the window is fine, but the profile is still invalid
	run --separate-stderr cairn remind --within 2w
	assert_failure 65
	assert_err "cairn.yaml:13:18: settings.remind_within"
	assert_nothing_written " M cairn.yaml"
}

@test "remind --within that does not read is a usage error naming --within" {
	run --separate-stderr cairn remind --within soon
	assert_failure 2
	assert_err "cairn remind: --within: 'soon' is not a window like 30d, 2w or 3m"
	run --separate-stderr cairn remind --within -3d
	assert_failure 2
	assert_err "--within: '-3d'"
	run --separate-stderr cairn remind --within 2w
	assert_success
	assert_line '  goal ethics "Finish the ethics course" is due 2026-12-10'
}

@test "the profile's remind_within is the window when --within is not given" {
	# ethics is due 2026-12-10: not within 5 days, within 2 weeks
	sed -i 's/remind_within: .*/remind_within: 5d/' cairn.yaml
	run --separate-stderr cairn remind
	assert_success
	refute_output --partial "goal ethics"
	sed -i 's/remind_within: .*/remind_within: 2w/' cairn.yaml
	run --separate-stderr cairn remind
	assert_success
	assert_line "due by 2026-12-12"
	assert_line '  goal ethics "Finish the ethics course" is due 2026-12-10'
	assert_equal "$stderr" ""
}

@test "doctor reports settings.remind_within and review_every; --fix commits neither" {
	cp "$CORPUS/profile-remind-within-word.yaml" cairn.yaml
	run cairn doctor --fix
	assert_failure 65
	assert_line "error: cairn.yaml:13:18: settings.remind_within: 'soon' is not a window like 30d, 2w or 3m"
	assert_nothing_written " M cairn.yaml"
	sed -i -e 's/remind_within: .*/remind_within: "30d"/' -e 's/review_every: .*/review_every: fortnightly/' cairn.yaml
	run cairn doctor --fix
	assert_failure 65
	assert_line "error: cairn.yaml:14:17: settings.review_every: 'fortnightly' is not a cadence"
	assert_nothing_written " M cairn.yaml"
}

@test "plan new refuses an invalid profile (65, cairn.yaml:14:17) and commits nothing" {
	cp "$CORPUS/profile-review-every-list.yaml" cairn.yaml
	run --separate-stderr cairn plan new next-plan --start 2026-12-01 --end 2027-06-30
	assert_failure 65
	assert_err "cairn plan: cairn.yaml:14:17: settings.review_every: expected text, found a list"
	assert_nothing_written " M cairn.yaml"
	[ ! -e plans/next-plan.yaml ]
}

@test "plan new takes the profile's review_every when --review is not given" {
	sed -i 's/review_every: .*/review_every: quarterly/' cairn.yaml
	hand_commit "quarterly reviews"
	run cairn plan new next-plan --start 2026-12-01 --end 2027-06-30
	assert_success
	assert_output "added plan next-plan; first review 2027-03-01"
	run grep -A2 '^review:' plans/next-plan.yaml
	assert_line "  every: quarterly"
	run cairn plan new other-plan --start 2026-12-01 --end 2027-06-30 --review weekly
	assert_success
	assert_output "added plan other-plan; first review 2026-12-08"
}

# ---- readers that gather many records ----

@test "remind with a broken goal: the rest is printed, the file named with line:column, 65" {
	cp "$CORPUS/goal-due-feb30.yaml" goals/x.yaml
	run --separate-stderr cairn remind
	assert_failure 65
	assert_line '  goal ethics "Finish the ethics course" is due 2026-12-10'
	assert_err "cairn remind: goals/x.yaml:9:6: due: 2027-02-30 does not exist"
	assert_err "cairn remind: 1 record could not be used and was left out"
	# 65 wins over --exit-code's 1; the JSON is still whole
	run --separate-stderr cairn remind --exit-code --json
	assert_failure 65
	assert_output --partial '"id": "ethics"'
	jq -e 'map(.id) | index("ethics") != null' <<<"$output"
	assert_err "goals/x.yaml:9:6"
	assert_nothing_written "?? goals/x.yaml"
}

@test "remind names each record left out: a plan, a CE activity, a license without a rule" {
	cp "$CORPUS/plan-end-before-start.yaml" plans/x.yaml
	mkdir -p ce/2026
	cp "$CORPUS/ce-hours-word.yaml" ce/2026/2026-10-05-ethics.yaml
	add_license_without_rule
	run --separate-stderr cairn remind
	assert_failure 65
	assert_line '  goal ethics "Finish the ethics course" is due 2026-12-10'
	assert_err "plans/x.yaml"
	assert_err "ce/2026/2026-10-05-ethics.yaml:6:8: hours: expected a number"
	assert_err "cairn.yaml: license nbcc names no rule"
	assert_err "3 records could not be used and were left out"
}

@test "status with a broken goal: the dashboard, then the file named with line:column, 65" {
	cp "$CORPUS/goal-duplicate-key.yaml" goals/x.yaml
	run --separate-stderr cairn status
	assert_failure 65
	assert_line --index 0 "Dana Reyes, 2026-11-28"
	assert_line --regexp '^  ethics '
	assert_err "cairn status: goals/x.yaml:7:1: duplicate key 'status'"
	assert_err "cairn status: 1 record could not be used and was left out"
	refute_err "could not be read and was left out; run"
	assert_nothing_written "?? goals/x.yaml"
}

@test "status with an invalid rule file names it (65); a license without a rule names cairn.yaml" {
	cp "$CORPUS/rule-tx-lpc-months-negative.yaml" rules/tx-lpc.yaml
	run --separate-stderr cairn status
	assert_failure 65
	assert_line --regexp '^  tx-lpc +cannot be checked: `cairn ce status tx-lpc`$'
	assert_err "cairn status: rules/tx-lpc.yaml:6:11: cycle.months: may not be negative"
	dgit checkout -q rules/tx-lpc.yaml
	add_license_without_rule
	run --separate-stderr cairn status
	assert_failure 65
	assert_err "cairn status: cairn.yaml: license nbcc names no rule"
}

@test "export refuses a broken goal (65, file:line:column) and writes nothing, in every format" {
	cp "$CORPUS/goal-duplicate-key.yaml" goals/x.yaml
	for f in json csv ics; do
		run --separate-stderr cairn export --format "$f"
		assert_failure 65
		assert_output ""
		assert_err "cairn export: goals/x.yaml:7:1: duplicate key 'status'"
		assert_err "nothing is exported until every record reads"
	done
	run --separate-stderr cairn export -o ../backup.json
	assert_failure 65
	[ ! -e ../backup.json ]
	# the CSV of another kind does not read goals
	run --separate-stderr cairn export --format csv --kind plans
	assert_success
	assert_line --index 0 --partial "id,title,start,end,goals,evaluation,review_every,review_next"
	assert_nothing_written "?? goals/x.yaml"
}

@test "export refuses a broken plan review, a broken CE activity, and says how many more" {
	cp "$CORPUS/review-motivation-range.yaml" reviews/base-plan/2026-12-15.yaml
	run --separate-stderr cairn export
	assert_failure 65
	assert_output ""
	assert_err "cairn export: reviews/base-plan/2026-12-15.yaml"
	assert_err "motivation: 9 is not 1 to 5"
	rm reviews/base-plan/2026-12-15.yaml
	mkdir -p ce/2026
	cp "$CORPUS/ce-hours-word.yaml" ce/2026/2026-10-05-ethics.yaml
	cp "$CORPUS/ce-hours-inf.yaml" ce/2026/2026-10-06-ethics.yaml
	sed -i 's/^id: .*/id: 2026-10-06-ethics/; s/^date: .*/date: 2026-10-06/' ce/2026/2026-10-06-ethics.yaml
	run --separate-stderr cairn export
	assert_failure 65
	assert_err "ce/2026/2026-10-05-ethics.yaml:6:8: hours: expected a number"
	assert_err "1 more file cannot be read either"
}

@test "plan reviews lists the reviews that read, names the one that does not, and exits 65" {
	cp "$CORPUS/review-motivation-fraction.yaml" reviews/base-plan/2026-12-15.yaml
	run --separate-stderr cairn plan reviews base-plan
	assert_failure 65
	assert_line --regexp '^2026-11-28  motivation 4  yes +Planned the group\.$'
	assert_err "cairn plan: reviews/base-plan/2026-12-15.yaml:5:13: motivation: expected a whole number"
	assert_err "cairn plan: 1 review of base-plan could not be read"
	assert_nothing_written "?? reviews/base-plan/2026-12-15.yaml"
}

# ---- a review is where its plan and date say ----

@test "a review whose plan or date differs from its path, or named not by a date, is invalid" {
	cp "$CORPUS/review-plan-mismatch.yaml" reviews/base-plan/2026-12-15.yaml
	run cairn doctor
	assert_failure 65
	assert_line "error: reviews/base-plan/2026-12-15.yaml: plan 'other-plan' does not match the folder base-plan"
	run --separate-stderr cairn plan review base-plan --show 2026-12-15
	assert_failure 65
	assert_err "reviews/base-plan/2026-12-15.yaml: plan 'other-plan' does not match the folder base-plan"

	cp "$CORPUS/review-date-mismatch.yaml" reviews/base-plan/2026-12-15.yaml
	run cairn doctor --fix
	assert_failure 65
	assert_line "error: reviews/base-plan/2026-12-15.yaml: date 2026-12-16 does not match the file name"
	assert_nothing_written "?? reviews/base-plan/2026-12-15.yaml"
	rm reviews/base-plan/2026-12-15.yaml

	cp "$CORPUS/review-valid.yaml" "reviews/base-plan/2026-12-15 copy.yaml"
	run cairn doctor --fix
	assert_failure 65
	assert_line "error: reviews/base-plan/2026-12-15 copy.yaml: the file name '2026-12-15 copy.yaml' is not the review's date (2026-12-15.yaml)"
	assert_nothing_written '?? "reviews/base-plan/2026-12-15 copy.yaml"'
}

# ---- ids and paths on the command line ----

@test "ids with '/', '..' or other characters are refused (2) before any lookup, saying what an id is" {
	local -a cmds=(
		"goal show ../../etc/passwd|goal id '../../etc/passwd' is not valid"
		"goal progress ../base 2|goal id '../base' is not valid"
		"goal step add ../base Read|goal id '../base' is not valid"
		"plan add-goal base-plan ../goals/base|goal id '../goals/base' is not valid"
		"plan rm-goal base-plan ../goals/base|goal id '../goals/base' is not valid"
		"plan show ../plans/base-plan|plan id '../plans/base-plan' is not valid"
		"goal add Read --serves ../../etc|goal id '../../etc' is not valid"
		"rules show .git|rule id '.git' is not valid"
		"rules show /etc/passwd|rule id '/etc/passwd' is not valid"
		"goal show Base|goal id 'Base' is not valid"
	)
	local c
	for c in "${cmds[@]}"; do
		read -r -a argv <<<"${c%%|*}"
		run --separate-stderr cairn "${argv[@]}"
		[[ "$status" == 2 ]] || fail "cairn ${c%%|*}: exit $status, expected 2 ($stderr)"
		assert_err "${c#*|}"
		assert_err "hint: ids are lower-case letters, digits and '-'"
	done
	# a start of an id is still an id; an unknown one is still not found
	run cairn goal show eth
	assert_success
	run --separate-stderr cairn goal show nothing-like-this
	assert_failure 66
	assert_nothing_written
}

@test "log PATH outside the repository is refused (2); paths inside it are taken" {
	run --separate-stderr cairn log ../../etc/passwd
	assert_failure 2
	assert_err "cairn log: '../../etc/passwd' is outside the repository"
	run --separate-stderr cairn log /etc/passwd
	assert_failure 2
	assert_err "'/etc/passwd' is outside the repository"
	run --separate-stderr cairn log goals/../../x
	assert_failure 2
	run --separate-stderr cairn log ..
	assert_failure 2
	run --separate-stderr cairn log goals/../goals/./ethics.yaml
	assert_success
	assert_line --regexp 'goal add: ethics'
	run --separate-stderr cairn log "$DATA/goals/ethics.yaml"
	assert_success
	assert_line --regexp 'goal add: ethics'
	assert_nothing_written
}
