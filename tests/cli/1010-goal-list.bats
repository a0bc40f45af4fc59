#!/usr/bin/env bats
# cairn goal list: the table, its order, every filter, --all and --json.

load helpers

# A repository with goals of every status, horizon, domain and area used below.
make_goals() {
	add_goal "Pass the NCE exam" --id nce --due 2027-04-15 --area education --domain professional --tag exam --target 1
	add_goal "Become certified in DBT" --id dbt --due 2027-06-30 --area clinical-skills --domain professional --tag dbt --target 5
	run cairn goal progress dbt 2
	assert_success
	add_goal "Run a half marathon" --id half-marathon --due 2027-03-01 --area self-care --domain personal --tag health
	run cairn goal pause half-marathon
	assert_success
	add_goal "Become a clinical supervisor" --id supervisor --due 2030-06-30 --area leadership --horizon long
	add_goal "Write a practice blog" --id blog --area technology --draft --step "Pick a platform" --step "Write the first post"
	run cairn goal step done blog 1
	assert_success
	add_goal "Finish the ethics CE" --id ethics-ce --due 2026-12-15 --area ethics --tag ce
	run cairn goal done ethics-ce
	assert_success
	add_goal "Learn Spanish" --id spanish --due 2027-01-31 --domain personal --area other
	run cairn goal drop spanish --reason "No time this year"
	assert_success
	add_goal "Renew the CPR card" --id cpr --start 2026-01-01 --due 2026-11-01 --area other --tag ce
}

# The ids of the table rows, in order, on one line.
ids_of() {
	tail -n +2 <<<"$1" | awk '{print $1}' | paste -sd' '
}

setup_file() {
	fixture_build make_goals
}

setup() {
	common_setup
	fixture_copy
}

empty_repo() {
	rm -rf "$DATA"
	init_repo
}

@test "an empty repository: 'no goals yet' and a pointer to goal add" {
	empty_repo
	run cairn goal list
	assert_success
	assert_output 'no goals yet: add one with `cairn goal add`'
}

@test "the table: a header, soonest due first, undated last, done and dropped hidden" {
	run --separate-stderr cairn goal list
	assert_success
	assert_line --index 0 --regexp '^ID +STATUS +DUE +PROGRESS +TITLE$'
	assert_equal "$(ids_of "$output")" "cpr half-marathon nce dbt supervisor blog"
	assert_equal "${#lines[@]}" 7
	assert_equal "$stderr" ""
}

@test "rows show status, due date, a progress bar with percent, and the whole title" {
	run cairn goal list
	assert_success
	assert_line --regexp '^dbt +active +2027-06-30 +\[####\.\.\.\.\.\.\] +40% +Become certified in DBT$'
	assert_line --regexp '^nce +active +2027-04-15 +\[\.\.\.\.\.\.\.\.\.\.\] +0% +Pass the NCE exam$'
	assert_line --regexp '^blog +draft +- +\[#####\.\.\.\.\.\] +50% +Write a practice blog$'
	assert_line --regexp '^half-marathon +paused +2027-03-01 '
}

@test "an overdue goal is marked with ! (today pinned by CAIRN_TODAY)" {
	run cairn goal list
	assert_line --regexp '^cpr +active +2026-11-01! '
	refute_line --regexp '^nce .*!'

	# the same goal is not overdue on an earlier day
	CAIRN_TODAY=2026-10-01 run cairn goal list
	assert_line --regexp '^cpr +active +2026-11-01  '
}

@test "--all adds done and dropped goals, in due order" {
	run cairn goal list --all
	assert_success
	assert_equal "$(ids_of "$output")" "cpr ethics-ce spanish half-marathon nce dbt supervisor blog"
	assert_line --regexp '^ethics-ce +done +2026-12-15 '
	assert_line --regexp '^spanish +dropped +2027-01-31 '

	run cairn goal list -a
	assert_equal "$(ids_of "$output")" "cpr ethics-ce spanish half-marathon nce dbt supervisor blog"
}

@test "--status keeps only that status, done and dropped included" {
	run cairn goal list --status paused
	assert_equal "$(ids_of "$output")" "half-marathon"
	run cairn goal list --status done
	assert_equal "$(ids_of "$output")" "ethics-ce"
	run cairn goal list --status dropped
	assert_equal "$(ids_of "$output")" "spanish"
	run cairn goal list --status draft
	assert_equal "$(ids_of "$output")" "blog"
	run cairn goal list --status active
	assert_equal "$(ids_of "$output")" "cpr nce dbt supervisor"
}

@test "--horizon, --domain and --area filter" {
	run cairn goal list --horizon long
	assert_equal "$(ids_of "$output")" "supervisor"
	run cairn goal list --domain personal
	assert_equal "$(ids_of "$output")" "half-marathon"
	run cairn goal list --domain personal --all
	assert_equal "$(ids_of "$output")" "spanish half-marathon"
	run cairn goal list --area clinical-skills
	assert_equal "$(ids_of "$output")" "dbt"
	run cairn goal list --area ethics --all
	assert_equal "$(ids_of "$output")" "ethics-ce"
}

@test "--tag keeps goals with that tag" {
	run cairn goal list --tag ce
	assert_equal "$(ids_of "$output")" "cpr"
	run cairn goal list --tag ce --all
	assert_equal "$(ids_of "$output")" "cpr ethics-ce"
}

@test "--due-before keeps goals due on or before the date; undated goals are left out" {
	run cairn goal list --due-before 2027-04-15
	assert_equal "$(ids_of "$output")" "cpr half-marathon nce"
	run cairn goal list --due-before +4m
	assert_equal "$(ids_of "$output")" "cpr half-marathon"
	run --separate-stderr cairn goal list --due-before 2027-02-30
	assert_failure 2
	assert_err "2027-02-30 does not exist"
}

@test "filters combine; nothing matching says so" {
	run cairn goal list --domain professional --area education
	assert_equal "$(ids_of "$output")" "nce"
	run cairn goal list --tag no-such-tag
	assert_success
	assert_output "no goals match"
}

@test "a bad filter value is a usage error (exit 2)" {
	run --separate-stderr cairn goal list --status finished
	assert_failure 2
	assert_err "--status: unknown value 'finished'"
	assert_err "draft, active, paused, done, dropped"
	run --separate-stderr cairn goal list --horizon medium
	assert_failure 2
	run --separate-stderr cairn goal list --area gardening
	assert_failure 2
}

@test "--json: one array of goals in due order, filters applied" {
	run --separate-stderr cairn goal list --json
	assert_success
	assert_equal "$stderr" ""
	assert_equal "$(json '" ".join(g["id"] for g in d)' <<<"$output")" "cpr half-marathon nce dbt supervisor blog"
	assert_equal "$(json 'd[3]["measure"]["current"]' <<<"$output")" 2

	run cairn goal list --json --all
	assert_equal "$(json 'len(d)' <<<"$output")" 8
	assert_equal "$(json '[g["status"] for g in d if g["id"] == "spanish"][0]' <<<"$output")" dropped

	run cairn goal list --json --status draft
	assert_equal "$(json '[g["id"] for g in d]' <<<"$output")" '["blog"]'
	assert_equal "$(json 'd[0]["steps"][0]["done"]' <<<"$output")" 2026-11-28

	run cairn goal list --json --tag no-such-tag
	assert_success
	assert_equal "$(json 'd' <<<"$output")" "[]"
}

@test "--json on an empty repository is an empty array" {
	empty_repo
	run cairn goal list --json
	assert_success
	assert_equal "$(json 'd' <<<"$output")" "[]"
}

@test "goal list writes nothing" {
	local before
	before=$(snapshot)
	run cairn goal list --all
	run cairn goal list --json
	assert_equal "$(snapshot)" "$before"
	assert_clean
}

@test "an invalid goal file is named with line and column (exit 65); the other goals are still listed" {
	sed -i 's/^status: .*/status: finished/' "$(goal_file nce)"
	run --separate-stderr cairn goal list
	assert_failure 65
	assert_err "goals/nce.yaml:6:9: status: unknown value 'finished'"
	assert_equal "$(ids_of "$output")" "cpr half-marathon dbt supervisor blog"

	run --separate-stderr cairn goal list --json
	assert_failure 65
	assert_err "goals/nce.yaml:6:9:"
	assert_equal "$(json '" ".join(g["id"] for g in d)' <<<"$output")" "cpr half-marathon dbt supervisor blog"
}
