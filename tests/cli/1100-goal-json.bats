#!/usr/bin/env bats
# --json of goal show and goal list: one document on stdout, sorted keys, the right types.

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

@test "show --json: one JSON object on stdout and nothing on stderr" {
	run --separate-stderr cairn goal show dbt --json
	assert_success
	assert_equal "$stderr" ""
	assert_equal "$(json 'type(d).__name__' <<<"$output")" dict
	assert_equal "$(json 'd["id"]' <<<"$output")" dbt-certification
}

@test "show --json: every field of a goal, with its type" {
	run cairn goal show dbt-certification --json
	assert_success
	assert_equal "$(json 'sorted(d)' <<<"$output")" \
		'["achievable", "area", "completed", "created", "domain", "due", "horizon", "id", "measure", "progress", "reason", "relevant", "serves", "specific", "start", "status", "steps", "tags", "title"]'
	assert_equal "$(json 'd["title"]' <<<"$output")" "Become certified in Dialectical Behavior Therapy"
	assert_equal "$(json '[d["horizon"], d["domain"], d["area"], d["status"]]' <<<"$output")" \
		'["short", "professional", "clinical-skills", "active"]'
	assert_equal "$(json '[d["created"], d["start"], d["due"], d["completed"]]' <<<"$output")" \
		'["2026-11-28", "2026-12-01", "2027-06-30", null]'
	assert_equal "$(json 'd["measure"]' <<<"$output")" \
		'{"baseline": 0, "current": 2, "metric": "DBT group sessions conducted", "target": 5, "unit": "sessions"}'
	assert_equal "$(json 'd["steps"]' <<<"$output")" \
		'[{"done": "2026-11-20", "due": "2027-01-15", "title": "Enroll in the DBT intensive"}, {"done": null, "due": "2027-06-15", "title": "Pass the certification exam"}]'
	assert_equal "$(json 'd["progress"]' <<<"$output")" \
		'[{"date": "2026-11-28", "note": "first group session", "value": 2}]'
	assert_equal "$(json 'd["serves"]' <<<"$output")" '["specialize-emotion-regulation"]'
	assert_equal "$(json 'd["tags"]' <<<"$output")" '["dbt", "certification"]'
	assert_equal "$(json 'd["reason"]' <<<"$output")" null
}

@test "JSON keys are sorted and the output is the same every time" {
	run cairn goal show dbt-certification --json
	local first="$output"
	assert_equal "$(json 'list(d) == sorted(d)' <<<"$output")" true
	assert_equal "$(json 'list(d["measure"]) == sorted(d["measure"])' <<<"$output")" true
	run cairn goal show dbt-certification --json
	assert_equal "$output" "$first"
}

@test "titles that look like other types are JSON strings" {
	local t id
	for t in "123" "yes" "2027-06-30" "null" "1.5e3" "false" "Überprüfung der Supervision — café"; do
		id="t$(printf '%s' "$t" | sha256sum | cut -c1-8)"
		run cairn goal add "$t" --id "$id" --tag "$t"
		assert_success
		run cairn goal show "$id" --json
		assert_success
		assert_equal "$(json 'd["title"]' <<<"$output")" "$t"
		assert_equal "$(json 'type(d["title"]).__name__' <<<"$output")" str
		assert_equal "$(json 'type(d["tags"][0]).__name__' <<<"$output")" str
		assert_equal "$(json 'd["tags"][0]' <<<"$output")" "$t"
	done
}

@test "list --json holds the same objects as show --json" {
	run cairn goal show dbt-certification --json
	local one
	one=$(json 'd' <<<"$output")
	run cairn goal list --json
	assert_success
	assert_equal "$(json '[g for g in d if g["id"] == "dbt-certification"][0]' <<<"$output")" "$one"
	assert_equal "$(json '[g["id"] for g in d]' <<<"$output")" '["dbt-certification", "specialize-emotion-regulation"]'
}

@test "list --json honours --all and the filters" {
	run cairn goal done dbt-certification
	assert_success
	run cairn goal list --json
	assert_equal "$(json '[g["id"] for g in d]' <<<"$output")" '["specialize-emotion-regulation"]'
	run cairn goal list --json --all
	assert_equal "$(json '[g["id"] for g in d]' <<<"$output")" '["dbt-certification", "specialize-emotion-regulation"]'
	run cairn goal list --json --status done
	assert_equal "$(json '[[g["id"], g["completed"]] for g in d]' <<<"$output")" '[["dbt-certification", "2026-11-28"]]'
	run cairn goal list --json --horizon long
	assert_equal "$(json '[g["id"] for g in d]' <<<"$output")" '["specialize-emotion-regulation"]'
}

@test "an error with --json goes to stderr, with nothing on stdout" {
	run --separate-stderr cairn goal show no-such-goal --json
	assert_failure 66
	assert_output ""
	assert_err "no goal 'no-such-goal'"
}
