#!/usr/bin/env bats
# cairn smart check [ID|FILE...] [--strict] [--json]: the verdicts a supervisor would give on
# real goals, the output, the exit codes, ids and files, and that it never writes.

load helpers

setup() {
	common_setup
	init_repo
}

# write_goal ID — goals/ID.yaml from stdin (by hand, not committed).
write_goal() {
	mkdir -p "$DATA/goals"
	cat >"$DATA/goals/$1.yaml"
}

# criterion LETTER VERDICT [REGEX] — the output has the line of that criterion with that
# verdict (ok, WARN, FAIL) and a reason matching REGEX.
criterion() {
	assert_line --regexp "^  $1  $2 +${3:-}"
}

# Every WARN or FAIL line is followed by its "fix:" line; an ok line is not.
assert_fixes() {
	local i n=${#lines[@]} line next
	for ((i = 0; i < n; i++)); do
		line=${lines[i]}
		next=${lines[i + 1]:-}
		if [[ "$line" =~ ^\ \ [SMART]\ \ (WARN|FAIL)\ \ .+ ]]; then
			[[ "$next" =~ ^\ +fix:\ .{10,} ]] || fail "no fix: line after: $line"$'\n'"$output"
		elif [[ "$line" =~ ^\ \ [SMART]\ \ ok\ \ \ \ .+ ]]; then
			[[ ! "$next" =~ fix: ]] || fail "an ok line has a fix: $line"$'\n'"$output"
		fi
	done
}

# The heading lines of the output: the ids checked, in order.
checked_ids() {
	grep -E '^[a-z0-9][a-z0-9-]*  ' <<<"$output" | cut -d' ' -f1
}

# ---- the verdicts a supervisor would give ----

@test "'Improve my therapy skills' without a measure or a date fails S, M and T, each with a fix (exit 1)" {
	add_goal "Improve my therapy skills"
	run --separate-stderr cairn smart check improve-my-therapy-skills
	assert_failure 1
	assert_line --index 0 "improve-my-therapy-skills  Improve my therapy skills"
	criterion S FAIL "title: \"Improve my therapy skills\" rests on 'improve'"
	criterion M FAIL "measure: "
	criterion T FAIL "due: "
	criterion A WARN
	criterion R WARN
	assert_line "  SMART: 3 fail (S, M, T), 2 warn (A, R)"
	assert_fixes
	[[ $(grep -c 'fix: ' <<<"$output") -eq 5 ]] || fail "five fixes expected"
	assert_equal "$stderr" ""
}

@test "'Complete a training course in CBT ...' due in 5 months passes S and T" {
	add_goal "Complete a training course in CBT to enhance my skills in treating anxiety disorders" \
		--id cbt-course --due +5m
	run cairn smart check cbt-course
	criterion S ok "title: says what you will do in 14 words"
	criterion T ok "due: 2027-04-28"
	refute_line --regexp '^  SMART:.*[(][^)]*S'
	refute_line --regexp '^  SMART:.*[(][^)]*T'
	# it has no measure yet: that is the only failure
	criterion M FAIL "measure: "
	assert_failure 1
	assert_fixes
}

@test "'Increase my client base by 20% ...' with a metric, baseline 40 and target 48 passes M" {
	add_goal "Increase my client base by 20% over the next six months" --id client-base \
		--metric "active clients" --baseline 40 --target 48 --due +6m
	run cairn smart check client-base
	criterion M ok "measure: active clients, from 40 to 48"
	criterion T ok "due: 2027-05-28"
	# the title says what, not why: a warning, not a failure
	criterion S WARN "title: .*why"
	refute_output --partial "FAIL"
	assert_success
	assert_fixes
}

@test "'Become a licensed psychologist' due next month with a step due in 8 months fails A" {
	add_goal "Become a licensed psychologist" --id licensed --due +1m \
		--step "Complete the internship@+8m"
	run cairn smart check licensed
	assert_failure 1
	criterion A FAIL 'steps: step 1 "Complete the internship" is due 2027-07-28, after the goal.s due date 2026-12-28'
	assert_line --regexp '^ +fix: .*2027-07-28'
	# the step is dated, so that much is measurable; the date itself is fine
	criterion M ok "steps: "
	criterion T ok "due: 2026-12-28"
	assert_fixes

	# a step already done no longer holds the goal back
	run cairn goal step done licensed 1
	assert_success
	run cairn smart check licensed
	criterion A ok
}

@test "a short-horizon goal due in 18 months fails T; as a long-horizon goal it passes" {
	add_goal "Open a group practice with two associates" --id practice --horizon short --due +18m
	run cairn smart check practice
	assert_failure 1
	criterion T FAIL "due: 2028-05-28 is more than a year after the start 2026-11-28; a short-horizon goal ends by 2027-11-28"
	assert_fixes

	add_goal "Open a group practice with two associates" --id practice-long --horizon long --due +18m
	run cairn smart check practice-long
	criterion T ok "due: 2028-05-28"
}

@test "a goal that serves a long-term goal passes R until that goal is dropped, then fails R" {
	add_goal "Run my own group practice" --id own-practice --horizon long --due +4y
	add_goal "Get the business license for the practice" --id business-license --due +3m \
		--serves own-practice
	run cairn smart check business-license
	criterion R ok "serves: the long-term goal 'own-practice'"

	run cairn goal drop own-practice --reason "staying with the clinic"
	assert_success
	run cairn smart check business-license
	assert_failure 1
	criterion R FAIL "serves: 'own-practice' was dropped"
	assert_fixes
}

@test "a goal that serves a goal that does not exist fails R" {
	write_goal orphan <<'EOF'
id: orphan
title: Pass the NCMHCE to qualify for my LPC license
status: active
start: 2026-11-28
due: 2027-05-31
serves: [no-such-goal]
EOF
	run cairn smart check orphan
	assert_failure 1
	criterion R FAIL "serves: 'no-such-goal' is not a goal"
}

# ---- the output ----

@test "output: a heading 'ID  TITLE', five lines S M A R T with ok/WARN/FAIL, and a SMART: summary" {
	add_dbt_goal
	run --separate-stderr cairn smart check dbt-certification
	assert_success
	assert_equal "$stderr" ""
	assert_output "$(
		cat <<'EOF'
dbt-certification  Become certified in Dialectical Behavior Therapy
  S  ok    specific: says what you will do in 14 words
  M  ok    measure: DBT group sessions conducted, from 0 to 5 sessions
  A  ok    steps: 2 steps planned, 2 still open; achievable says how
  R  ok    serves: the long-term goal 'specialize-emotion-regulation'
  T  ok    due: 2027-06-30, in 214 days
  SMART: all five criteria pass
EOF
	)"
}

@test "output: several goals, one block each with its heading, separated by a blank line" {
	add_dbt_goal
	add_goal "Improve my therapy skills"
	run cairn smart check improve dbt
	assert_failure 1
	assert_equal "$(checked_ids)" "$(printf '%s\n' improve-my-therapy-skills dbt-certification)"
	[[ $(grep -c '^  [SMART]  \(ok  \|WARN\|FAIL\)  ' <<<"$output") -eq 10 ]] ||
		fail "ten criterion lines expected"$'\n'"$output"
	[[ $(grep -c '^  SMART: ' <<<"$output") -eq 2 ]] || fail "two summaries expected"
	[[ "$output" == *$'\n\n'"dbt-certification  "* ]] || fail "no blank line between the blocks"
}

@test "--json: one valid JSON document, a verdict and criteria for each goal, exit as in text" {
	add_dbt_goal
	add_goal "Improve my therapy skills"
	run --separate-stderr cairn smart check --json dbt improve
	assert_failure 1
	assert_equal "$stderr" ""
	local doc=$output
	assert_equal "$(json 'len(d)' <<<"$doc")" 2
	assert_equal "$(json '[g["id"] for g in d]' <<<"$doc")" '["dbt-certification", "improve-my-therapy-skills"]'
	assert_equal "$(json 'sorted(d[0].keys())' <<<"$doc")" '["criteria", "file", "id", "title", "verdict"]'
	assert_equal "$(json 'sorted(d[0]["criteria"].keys())' <<<"$doc")" \
		'["achievable", "measurable", "relevant", "specific", "time-bound"]'
	assert_equal "$(json 'sorted(d[0]["criteria"]["specific"].keys())' <<<"$doc")" \
		'["reason", "suggestion", "verdict"]'
	assert_equal "$(json 'd[0]["verdict"]' <<<"$doc")" pass
	assert_equal "$(json 'd[0]["file"]' <<<"$doc")" null
	assert_equal "$(json 'd[0]["title"]' <<<"$doc")" "Become certified in Dialectical Behavior Therapy"
	assert_equal "$(json '[c["suggestion"] for c in d[0]["criteria"].values()]' <<<"$doc")" \
		'[null, null, null, null, null]'
	assert_equal "$(json 'd[1]["verdict"]' <<<"$doc")" fail
	local k
	for k in specific:fail measurable:fail achievable:warn relevant:warn time-bound:fail; do
		assert_equal "$(json "d[1][\"criteria\"][\"${k%%:*}\"][\"verdict\"]" <<<"$doc")" "${k#*:}"
	done
	run json 'd[1]["criteria"]["time-bound"]["reason"]' <<<"$doc"
	assert_output --regexp '^due: '
	run json 'd[1]["criteria"]["time-bound"]["suggestion"]' <<<"$doc"
	assert_output --regexp '.{10,}'
	# the same reasons as the text
	run cairn smart check improve
	assert_line "  T  FAIL  $(json 'd[1]["criteria"]["time-bound"]["reason"]' <<<"$doc")"
}

@test "the global --json (cairn --json smart check) is the same as smart check --json" {
	add_dbt_goal
	local want
	want=$(cairn smart check --json dbt)
	run --separate-stderr cairn --json smart check dbt
	assert_success
	assert_output "$want"
}

@test "--json of a goal that passes exits 0; with no active goal it is an empty list" {
	add_dbt_goal
	run cairn smart check dbt --json
	assert_success
	assert_equal "$(json 'd[0]["verdict"]' <<<"$output")" pass
	run cairn goal pause dbt
	run cairn goal pause specialize-emotion-regulation
	run cairn smart check --json
	assert_success
	assert_equal "$(json 'd' <<<"$output")" '[]'
}

@test "--strict: a goal with only a warning exits 0, and 1 with --strict; the same output" {
	add_goal "Increase my client base by 20% over the next six months" --id client-base \
		--metric "active clients" --baseline 40 --target 48 --due +6m \
		--achievable "Two new referral sources"
	run cairn smart check client-base
	assert_success
	criterion S WARN "title: .*why"
	criterion R WARN "relevant and serves: "
	assert_line "  SMART: 2 warn (S, R)"
	local plain=$output
	run cairn smart check client-base --strict
	assert_failure 1
	assert_equal "$output" "$plain"
	run cairn smart check --json --strict client-base
	assert_failure 1
	assert_equal "$(json 'd[0]["verdict"]' <<<"$output")" warn

	# a goal that passes all five passes --strict too
	add_dbt_goal
	run cairn smart check --strict dbt
	assert_success
}

# ---- which goals ----

@test "no argument: every active goal, and only those (draft, paused, done, dropped are not shown)" {
	add_dbt_goal
	add_goal "Improve my therapy skills"
	add_goal "Write a paper on group work" --id draft-goal --draft
	add_goal "Read the Gottman method book" --id paused-goal
	add_goal "Attend the ACA conference" --id done-goal
	add_goal "Learn Spanish for clinical work" --id dropped-goal
	run cairn goal pause paused-goal
	assert_success
	run cairn goal done done-goal
	assert_success
	run cairn goal drop dropped-goal --reason "no time"
	assert_success

	run cairn smart check
	assert_failure 1
	# sorted by due date, goals without one last
	assert_equal "$(checked_ids)" "$(printf '%s\n' dbt-certification specialize-emotion-regulation improve-my-therapy-skills)"
	refute_output --partial draft-goal
	refute_output --partial paused-goal
	refute_output --partial done-goal
	refute_output --partial dropped-goal
}

@test "no argument and no active goal: says so, exit 0" {
	run --separate-stderr cairn smart check
	assert_success
	assert_output "no active goals to check"
	add_goal "Write a paper on group work" --draft
	run cairn smart check
	assert_success
	assert_output "no active goals to check"
	run cairn -q smart check
	assert_success
	assert_output ""
}

@test "a named goal is checked whatever its status" {
	add_goal "Improve my therapy skills" --draft
	run cairn smart check improve
	assert_failure 1
	assert_line --index 0 "improve-my-therapy-skills  Improve my therapy skills"
}

@test "an id prefix names the goal; an ambiguous one exits 2 and lists the candidates" {
	add_dbt_goal
	add_goal "Improve my therapy skills"
	add_goal "Increase my client base by 20% over the next six months" --id client-base
	run cairn smart check sp
	assert_line --index 0 --regexp '^specialize-emotion-regulation  '
	[[ $(checked_ids | wc -l) -eq 1 ]] || fail "one goal expected"

	add_goal "Improve my intake notes" --id improve-notes
	run --separate-stderr cairn smart check improve
	assert_failure 2
	assert_output ""
	assert_err "'improve' is ambiguous"
	assert_err "improve-my-therapy-skills"
	assert_err "improve-notes"
}

@test "an unknown id: exit 66, and the goals that are known are still checked" {
	add_dbt_goal
	run --separate-stderr cairn smart check no-such-goal
	assert_failure 66
	assert_output ""
	assert_err "no goal 'no-such-goal'"

	run --separate-stderr cairn smart check dbt no-such-goal
	assert_failure 66
	assert_line --index 0 --regexp '^dbt-certification  '
	assert_err "no goal 'no-such-goal'"
}

@test "an id without a repository: exit 66 and how to make one" {
	export CAIRN_DIR="$BATS_TEST_TMPDIR/nowhere"
	run --separate-stderr cairn smart check dbt
	assert_failure 66
	assert_err "no cairn repository"
	run --separate-stderr cairn smart check
	assert_failure 66
	assert_err "no cairn repository"
}

# ---- files ----

good_file() {
	cat <<'EOF'
id: lpc-exam
title: Pass the national counselor exam
status: active
horizon: short
start: 2026-11-28
due: 2027-05-31
specific: Pass the NCE in spring to apply for my LPC license in Texas.
measure: {metric: practice exams passed, baseline: 0, target: 4}
achievable: Two evenings a week with the study group.
serves: [specialize-emotion-regulation]
EOF
}

@test "a goal file outside the repository is checked alone: serves only warns (exit 0; 1 with --strict)" {
	add_dbt_goal
	mkdir "$BATS_TEST_TMPDIR/elsewhere"
	local f="$BATS_TEST_TMPDIR/elsewhere/lpc-exam.yaml"
	good_file >"$f"
	run --separate-stderr cairn smart check "$f"
	assert_success
	assert_line --index 0 "lpc-exam  Pass the national counselor exam"
	criterion S ok
	criterion M ok
	criterion A ok
	criterion R WARN "serves: 'specialize-emotion-regulation' cannot be checked in a file outside the repository"
	criterion T ok
	assert_fixes
	run cairn smart check --strict "$f"
	assert_failure 1
	run cairn smart check --json "$f"
	assert_equal "$(json 'd[0]["file"]' <<<"$output")" "$f"
	assert_equal "$(json 'd[0]["criteria"]["relevant"]["verdict"]' <<<"$output")" warn

	# and it needs no repository at all (a hook's copy, a draft)
	export CAIRN_DIR="$BATS_TEST_TMPDIR/nowhere"
	run --separate-stderr cairn smart check "$f"
	assert_success
	criterion R WARN "serves: "
	assert_equal "$stderr" ""
	# a relative path, and a name that only ends in .yaml
	cd "$BATS_TEST_TMPDIR/elsewhere"
	run cairn smart check lpc-exam.yaml
	assert_success
	assert_line --index 0 --regexp '^lpc-exam  '
}

@test "a goal file inside the repository given by path is judged with the other goals" {
	add_dbt_goal
	good_file >"$DATA/goals/lpc-exam.yaml" # not committed: the work tree is what is checked
	run cairn smart check "$DATA/goals/lpc-exam.yaml"
	assert_success
	criterion R ok "serves: the long-term goal 'specialize-emotion-regulation'"
	assert_line "  SMART: all five criteria pass"
	run cairn smart check --json "$DATA/goals/lpc-exam.yaml"
	assert_equal "$(json 'd[0]["file"]' <<<"$output")" goals/lpc-exam.yaml
	cd "$DATA"
	run cairn smart check goals/lpc-exam.yaml
	assert_success
	criterion R ok "serves: "

	# the other goals are those of the repository: once the long-term goal is dropped, R fails
	run cairn goal drop specialize-emotion-regulation --reason "changed course"
	assert_success
	run cairn smart check goals/lpc-exam.yaml
	assert_failure 1
	criterion R FAIL "serves: 'specialize-emotion-regulation' was dropped"
}

@test "a missing file: exit 66, naming it" {
	run --separate-stderr cairn smart check "$BATS_TEST_TMPDIR/none.yaml"
	assert_failure 66
	assert_err "$BATS_TEST_TMPDIR/none.yaml"
	assert_output ""
}

@test "an invalid goal file: exit 65 naming file:line:col, and the valid goals are still checked" {
	add_dbt_goal
	write_goal broken <<'EOF'
id: broken
title: Attend the EMDR basic training
status: active
due: 2027-02-30
EOF
	run --separate-stderr cairn smart check
	assert_failure 65
	assert_err "goals/broken.yaml:4:6: due: 2027-02-30 does not exist"
	assert_equal "$(checked_ids)" "$(printf '%s\n' dbt-certification specialize-emotion-regulation)"

	# named by path, with a valid one
	cd "$DATA"
	run --separate-stderr cairn smart check goals/broken.yaml goals/dbt-certification.yaml
	assert_failure 65
	assert_err "goals/broken.yaml:4:6:"
	assert_line --index 0 --regexp '^dbt-certification  '
	# named by id
	run --separate-stderr cairn smart check broken
	assert_failure 65
	assert_err "goals/broken.yaml:4:6:"

	# a YAML syntax error, outside the repository
	printf 'id: x\ntitle: [unclosed\nstatus: active\n' >"$BATS_TEST_TMPDIR/x.yaml"
	run --separate-stderr cairn smart check "$BATS_TEST_TMPDIR/x.yaml"
	assert_failure 65
	assert_err_regex "x\.yaml:[0-9]+:[0-9]+: "
}

@test "an invalid file wins over a failing goal: exit 65" {
	add_goal "Improve my therapy skills"
	printf 'id: broken\ntitle: x\nstatus: maybe\n' >"$DATA/goals/broken.yaml"
	run --separate-stderr cairn smart check
	assert_failure 65
	assert_line --index 0 --regexp '^improve-my-therapy-skills  '
	assert_err "goals/broken.yaml:3:"
}

# ---- read only, and the terminal ----

@test "smart check writes nothing: work tree, index and HEAD unchanged, whatever it is asked" {
	add_dbt_goal
	add_goal "Improve my therapy skills"
	mkdir "$BATS_TEST_TMPDIR/elsewhere"
	good_file >"$BATS_TEST_TMPDIR/elsewhere/lpc-exam.yaml"
	local head snap outside
	head=$(head_id)
	snap=$(snapshot)
	outside=$(sha "$BATS_TEST_TMPDIR/elsewhere/lpc-exam.yaml")
	sleep 1 # so that a rewrite would show in the times
	run cairn smart check
	run cairn smart check --json --strict
	run cairn smart check dbt improve
	run cairn smart check "$DATA/goals/dbt-certification.yaml"
	run cairn smart check "$BATS_TEST_TMPDIR/elsewhere/lpc-exam.yaml"
	run cairn smart check no-such-goal
	assert_head_unchanged "$head"
	assert_equal "$(snapshot)" "$snap"
	assert_equal "$(sha "$BATS_TEST_TMPDIR/elsewhere/lpc-exam.yaml")" "$outside"
	assert_clean
}

@test "no escape codes when not on a terminal, even without NO_COLOR; NO_COLOR and --no-color on a terminal" {
	add_goal "Improve my therapy skills"
	unset NO_COLOR
	run cairn smart check
	assert_failure 1
	criterion S FAIL
	refute_output --partial $'\e'

	# on a terminal: colour, unless NO_COLOR or --no-color
	command -v script >/dev/null || skip "script(1) is not installed"
	run script -qec "cairn smart check" /dev/null
	assert_output --partial $'\e['
	run env NO_COLOR=1 script -qec "cairn smart check" /dev/null
	refute_output --partial $'\e'
	assert_output --partial "S  FAIL  title: "
	run script -qec "cairn --no-color smart check" /dev/null
	refute_output --partial $'\e'
	assert_output --partial "T  FAIL  due: "
}

@test "smart check --help names the options and the arguments" {
	run cairn smart check --help
	assert_success
	assert_output --partial "--strict"
	assert_output --partial "--json"
	assert_output --partial "[ID|FILE...]"
}
