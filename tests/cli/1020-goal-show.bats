#!/usr/bin/env bats
# cairn goal show: the full view, dates relative to today, id prefixes, titles that look like
# other types.

load helpers

build() {
	add_dbt_goal
	run cairn goal step done dbt-certification 1 --date 2026-11-20
	assert_success
	run cairn goal progress dbt-certification 2 --note "first group session"
	assert_success
}

setup_file() {
	fixture_build build
}

setup() {
	common_setup
	fixture_copy
}

@test "goal show prints every part of the goal" {
	run --separate-stderr cairn goal show dbt-certification
	assert_success
	assert_equal "$stderr" ""
	assert_output "$(
		cat <<'EOF'
dbt-certification  Become certified in Dialectical Behavior Therapy
status     active (short, professional, clinical-skills)
dates      created 2026-11-28, start 2026-12-01, due 2027-06-30 (214 days left)
specific   Complete the DBT certification program to better support my clients with borderline personality disorder.
measure    DBT group sessions conducted: 2 of 5 sessions  [####......] 40%
achievable Four hours a week of study, balanced with my current caseload.
relevant   Serves my aim of specializing in emotional-regulation issues.
serves     specialize-emotion-regulation
steps      1 [x] Enroll in the DBT intensive (due 2027-01-15) (done 2026-11-20)
           2 [ ] Pass the certification exam (due 2027-06-15)
progress   2026-11-28  2  first group session
tags       dbt, certification
EOF
	)"
}

@test "days left and overdue follow CAIRN_TODAY" {
	CAIRN_TODAY=2027-06-29 run cairn goal show dbt-certification
	assert_line --index 2 "dates      created 2026-11-28, start 2026-12-01, due 2027-06-30 (1 day left)"
	assert_line "           2 [ ] Pass the certification exam (due 2027-06-15, overdue)"

	CAIRN_TODAY=2027-07-02 run cairn goal show dbt-certification
	assert_line --index 2 "dates      created 2026-11-28, start 2026-12-01, due 2027-06-30 (2 days overdue)"

	CAIRN_TODAY=2027-07-01 run cairn goal show dbt-certification
	assert_line --index 2 --partial "(1 day overdue)"
}

@test "a unique prefix of an id is enough" {
	run cairn goal show dbt
	assert_success
	assert_line --index 0 "dbt-certification  Become certified in Dialectical Behavior Therapy"
	run cairn goal show spec
	assert_success
	assert_line --index 0 --partial "specialize-emotion-regulation"
}

@test "an exact id wins over a longer id it is a prefix of" {
	add_goal "Read" --id read
	add_goal "Read more" --id read-more
	run cairn goal show read
	assert_success
	assert_line --index 0 "read  Read"
}

@test "an ambiguous prefix: exit 2 and the candidates on stderr" {
	add_goal "Read" --id read-less
	add_goal "Read more" --id read-more
	run --separate-stderr cairn goal show read
	assert_failure 2
	assert_output ""
	assert_err "goal id 'read' is ambiguous: 2 goals start with it"
	assert_err_regex "^hint: candidates: (read-less, read-more|read-more, read-less)$"
}

@test "an unknown id: exit 66 and a pointer to goal list --all" {
	run --separate-stderr cairn goal show no-such-goal
	assert_failure 66
	assert_err "cairn goal: no goal 'no-such-goal'"
	assert_err 'hint: `cairn goal list --all` shows the ids'
}

@test "show of a hand-broken goal file: exit 65 naming file, line and column" {
	sed -i 's/^due: .*/due: 2027-02-30/' "$(goal_file dbt-certification)"
	run --separate-stderr cairn goal show dbt-certification
	assert_failure 65
	assert_err "cairn goal: goals/dbt-certification.yaml:9:6: due: 2027-02-30 does not exist"
	assert_err "hint:"
}

@test "a baseline, multi-line text and a goal without a due date are shown" {
	add_goal "Log supervision hours" --id hours --baseline 3 --target 10 --unit hours \
		--specific $'Log every hour\nwith my supervisor'
	run cairn goal show hours
	assert_success
	assert_line "dates      created 2026-11-28, start 2026-11-28"
	assert_line "specific   Log every hour"
	assert_line "           with my supervisor"
	assert_line "measure    3 of 10 hours (baseline 3)  [..........] 0%"
}

@test "a dropped goal shows its reason" {
	run cairn goal drop dbt-certification --reason "The program closed"
	assert_success
	run cairn goal show dbt-certification
	assert_line --index 1 "status     dropped (short, professional, clinical-skills)"
	assert_line "reason     The program closed"
	refute_output --partial "days left"
}

@test "titles 123, yes, 2027-06-30, null and non-ASCII text round-trip as written" {
	local t id
	for t in "123" "yes" "2027-06-30" "null" "true" "~" "Überprüfung der Supervision — café" "x #y" "a: b"; do
		run cairn goal add "$t" --id "t$(printf '%s' "$t" | sha256sum | cut -c1-8)"
		assert_success
	done
	for t in "123" "yes" "2027-06-30" "null" "true" "~" "Überprüfung der Supervision — café" "x #y" "a: b"; do
		id="t$(printf '%s' "$t" | sha256sum | cut -c1-8)"
		run cairn goal show "$id"
		assert_success
		assert_line --index 0 "$id  $t"
		run cairn goal show "$id" --json
		assert_equal "$(json 'd["title"]' <<<"$output")" "$t"
		assert_equal "$(json 'type(d["title"]).__name__' <<<"$output")" str
	done
}

@test "in the file, titles that would read back as another type are quoted" {
	local t
	for t in 123 yes 2027-06-30 null; do
		run cairn goal add "$t" --id "t-$t"
		assert_success
		run grep '^title: ' "$(goal_file "t-$t")"
		assert_output "title: \"$t\""
	done
	add_goal "Überprüfung der Supervision — café"
	run grep '^title: ' "$(goal_file uberprufung-der-supervision-cafe)"
	assert_output "title: Überprüfung der Supervision — café"
	# and they stay so after another command rewrites the file
	run cairn goal progress t-yes 1
	assert_success
	run grep '^title: ' "$(goal_file t-yes)"
	assert_output 'title: "yes"'
	assert_clean
}

@test "ids that look like numbers or dates are quoted in the file and still resolve" {
	add_goal "123"
	assert_line --index 0 "added goal 123"
	run grep '^id: ' "$(goal_file 123)"
	assert_output 'id: "123"'
	run cairn goal show 123
	assert_success
	assert_line --index 0 "123  123"
}

@test "goal show writes nothing" {
	local before
	before=$(snapshot)
	run cairn goal show dbt
	run cairn goal show dbt --json
	assert_equal "$(snapshot)" "$before"
}
