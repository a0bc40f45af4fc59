#!/usr/bin/env bats
# cairn rules add|list|show: boards' CE renewal rules in rules/<id>.yaml, against real
# repositories.

load helpers

setup() {
	common_setup
	init_repo
}

# A Texas-LPC-like rule as a user would write it: flow style, comments, any file name.
write_tx_rule() {
	cat >"${1:-$BATS_TEST_TMPDIR/texas.yaml}" <<'EOF'
# Texas LPC, read from 22 TAC ch. 681
id: tx-lpc
title: Texas LPC renewal
authority: Texas Behavioral Health Executive Council
source: https://example.org/tac-681
checked: 2026-11-01
cycle: {months: 24, anchor: expiry}
total_hours: 24
minimums:
  - {topic: ethics, hours: 6}          # every cycle
  - {topic: cultural-diversity, hours: 3}
maximums: [{format: self-study, hours: 12}]
carry_over: {max_hours: 10, excludes: [ethics]}
retention_years: 5
EOF
}

write_fl_rule() {
	cat >"$BATS_TEST_TMPDIR/fl.yaml" <<'EOF'
id: fl-491
title: Florida 491 renewal
cycle: {months: 24, anchor: expiry}
total_hours: 30
minimums:
  - {topic: ethics, hours: 3}
  - {topic: domestic-violence, hours: 2, every: 3}
  - {topic: suicide-prevention, hours: 2, every: once}
first_cycle: {total_hours: 0}
confirm: Confirm these figures with the Florida board before relying on them.
EOF
}

@test "rules add of a valid file writes the canonical rules/ID.yaml in one commit 'rules add: ID'" {
	write_tx_rule
	local before
	before=$(commits)
	run --separate-stderr cairn rules add "$BATS_TEST_TMPDIR/texas.yaml"
	assert_success
	assert_output "added rule tx-lpc"
	assert_equal "$stderr" ""
	# block style, fixed key order, no comments, whatever the file's own name
	run cat "$DATA/rules/tx-lpc.yaml"
	assert_output "$(
		cat <<'EOF'
id: tx-lpc
title: Texas LPC renewal
authority: Texas Behavioral Health Executive Council
source: https://example.org/tac-681
checked: 2026-11-01
cycle:
  months: 24
  anchor: expiry
total_hours: 24
minimums:
  - topic: ethics
    hours: 6
  - topic: cultural-diversity
    hours: 3
maximums:
  - format: self-study
    hours: 12
carry_over:
  max_hours: 10
  excludes:
    - ethics
retention_years: 5
EOF
	)"
	assert_new_commits "$before" 1
	assert_last_commit "rules add: tx-lpc" rules/tx-lpc.yaml
	assert_equal "$(last_body)" "added: Texas LPC renewal"
	[ "$(file_mode "$DATA/rules/tx-lpc.yaml")" = 600 ]
	assert_clean
}

@test "rules add of a file with a wrong type: exit 65 with file:line:col, nothing written" {
	write_tx_rule
	sed -i 's/^total_hours: 24$/total_hours: many/' "$BATS_TEST_TMPDIR/texas.yaml"
	local before state
	before=$(head_id)
	state=$(tree_state)
	run --separate-stderr cairn rules add "$BATS_TEST_TMPDIR/texas.yaml"
	assert_failure 65
	assert_err "$BATS_TEST_TMPDIR/texas.yaml:8:14: total_hours: expected a number, found 'many'"
	assert_equal "$output" ""
	[ ! -e "$DATA/rules/tx-lpc.yaml" ]
	assert_head_unchanged "$before"
	assert_equal "$(tree_state)" "$state"
	assert_clean
}

@test "rules add refuses an unknown anchor or format with its place, exit 65" {
	write_tx_rule
	sed -i 's/anchor: expiry/anchor: renewal/' "$BATS_TEST_TMPDIR/texas.yaml"
	run --separate-stderr cairn rules add "$BATS_TEST_TMPDIR/texas.yaml"
	assert_failure 65
	assert_err "texas.yaml:7:29: cycle.anchor: unknown value 'renewal'"
	assert_err "expiry, birth-month, fixed-start"
	write_tx_rule
	sed -i 's/format: self-study/format: webinar/' "$BATS_TEST_TMPDIR/texas.yaml"
	run --separate-stderr cairn rules add "$BATS_TEST_TMPDIR/texas.yaml"
	assert_failure 65
	assert_err "texas.yaml:12:21: maximums[1].format: unknown value 'webinar'"
	[ ! -e "$DATA/rules" ] || [ -z "$(ls -A "$DATA/rules")" ]
	assert_clean
}

@test "rules add refuses what a rule cannot mean (every, fixed-start, a minimum above the total, a topic twice): 65, naming the file" {
	local before
	before=$(head_id)
	write_tx_rule
	sed -i 's/{topic: ethics, hours: 6}/{topic: ethics, hours: 6, every: abc}/' \
		"$BATS_TEST_TMPDIR/texas.yaml"
	run --separate-stderr cairn rules add "$BATS_TEST_TMPDIR/texas.yaml"
	assert_failure 65
	assert_err "texas.yaml"
	assert_err "minimums[1].every: 'abc' is not 1, a number of cycles or once"

	write_tx_rule
	sed -i 's/{topic: ethics, hours: 6}/{topic: ethics, hours: 6, every: 0}/' \
		"$BATS_TEST_TMPDIR/texas.yaml"
	run --separate-stderr cairn rules add "$BATS_TEST_TMPDIR/texas.yaml"
	assert_failure 65
	assert_err "minimums[1].every: '0'"

	write_tx_rule
	sed -i 's/anchor: expiry/anchor: fixed-start/' "$BATS_TEST_TMPDIR/texas.yaml"
	run --separate-stderr cairn rules add "$BATS_TEST_TMPDIR/texas.yaml"
	assert_failure 65
	assert_err "texas.yaml"
	assert_err "cycle.start is needed with anchor fixed-start"

	write_tx_rule
	sed -i 's/{topic: ethics, hours: 6}/{topic: ethics, hours: 25}/' "$BATS_TEST_TMPDIR/texas.yaml"
	run --separate-stderr cairn rules add "$BATS_TEST_TMPDIR/texas.yaml"
	assert_failure 65
	assert_err "25 hours of ethics is more than total_hours"

	write_tx_rule
	sed -i 's/{topic: cultural-diversity, hours: 3}/{topic: ethics, hours: 3}/' \
		"$BATS_TEST_TMPDIR/texas.yaml"
	run --separate-stderr cairn rules add "$BATS_TEST_TMPDIR/texas.yaml"
	assert_failure 65
	assert_err "minimums: topic 'ethics' twice"

	assert_head_unchanged "$before"
	[ ! -e "$DATA/rules/tx-lpc.yaml" ]
	assert_clean
}

@test "rules add of a missing file: exit 66; without a file: exit 2" {
	run --separate-stderr cairn rules add "$BATS_TEST_TMPDIR/nope.yaml"
	assert_failure 66
	assert_err "nope.yaml"
	run --separate-stderr cairn rules add
	assert_failure 2
	assert_clean
}

@test "re-adding a changed rule makes one commit whose body shows the change; unchanged, no commit" {
	write_tx_rule
	run cairn rules add "$BATS_TEST_TMPDIR/texas.yaml"
	assert_success
	sed -i -e 's/^total_hours: 24$/total_hours: 30/' -e 's/max_hours: 10/max_hours: 12/' \
		"$BATS_TEST_TMPDIR/texas.yaml"
	local before
	before=$(commits)
	run cairn rules add "$BATS_TEST_TMPDIR/texas.yaml"
	assert_success
	assert_output "updated rule tx-lpc"
	assert_new_commits "$before" 1
	assert_last_commit "rules add: tx-lpc" rules/tx-lpc.yaml
	run last_body
	assert_line "total_hours 24 -> 30"
	assert_line "carry_over.max_hours 10 -> 12"
	run grep '^total_hours' "$DATA/rules/tx-lpc.yaml"
	assert_output "total_hours: 30"

	before=$(commits)
	run cairn rules add "$BATS_TEST_TMPDIR/texas.yaml"
	assert_success
	assert_output "rule tx-lpc: no change"
	assert_new_commits "$before" 0
	assert_clean
}

@test "rules list: a table of id, hours, cycle and title; --json; nothing written" {
	run cairn rules list
	assert_success
	assert_output --partial "no rules"
	assert_output --partial "cairn rules add FILE"

	write_tx_rule
	write_fl_rule
	cairn rules add -q "$BATS_TEST_TMPDIR/texas.yaml"
	cairn rules add -q "$BATS_TEST_TMPDIR/fl.yaml"
	local snap
	snap=$(snapshot)
	run --separate-stderr cairn rules list
	assert_success
	assert_equal "$stderr" ""
	assert_equal "${#lines[@]}" 3
	assert_line --index 0 --regexp '^ID +HOURS +CYCLE +TITLE$'
	assert_line --index 1 --regexp '^fl-491 +30 +24mo +Florida 491 renewal$'
	assert_line --index 2 --regexp '^tx-lpc +24 +24mo +Texas LPC renewal$'

	run --separate-stderr cairn rules list --json
	assert_success
	run json '[r["id"] for r in d]' <<<"$output"
	assert_output '["fl-491", "tx-lpc"]'
	run cairn rules list --json
	run json '[(m["topic"], m["hours"], m["every"]) for m in d[0]["minimums"]]' <<<"$output"
	assert_output '[["ethics", 3, null], ["domestic-violence", 2, "3"], ["suicide-prevention", 2, "once"]]'
	run cairn rules list --json
	run json 'd[1]["carry_over"]' <<<"$output"
	assert_output '{"excludes": ["ethics"], "max_hours": 10}'
	assert_equal "$(snapshot)" "$snap"
}

@test "rules show: every part of the rule in words, by a unique prefix; --json" {
	write_tx_rule
	write_fl_rule
	cairn rules add -q "$BATS_TEST_TMPDIR/texas.yaml"
	cairn rules add -q "$BATS_TEST_TMPDIR/fl.yaml"
	local snap
	snap=$(snapshot)
	run --separate-stderr cairn rules show tx
	assert_success
	assert_line --index 0 "tx-lpc  Texas LPC renewal"
	assert_line --regexp '^authority +Texas Behavioral Health Executive Council$'
	assert_line --regexp '^source +https://example.org/tac-681 \(read 2026-11-01\)$'
	assert_line --regexp '^cycle +24 months, anchored at the expiry$'
	assert_line --regexp '^total +24 hours$'
	assert_line --regexp '^minimums +6 hours of ethics$'
	assert_line --regexp '^ +3 hours of cultural-diversity$'
	assert_line --regexp '^maximums +12 hours of self-study$'
	assert_line --regexp '^carry-over +up to 10 hours, not toward ethics$'
	assert_line --regexp '^keep proof +5 years$'

	run cairn rules show fl
	assert_success
	assert_line --regexp '2 hours of domestic-violence, every 3 cycles$'
	assert_line --regexp '2 hours of suicide-prevention, once$'
	assert_line --regexp '^first cycle +exempt$'
	assert_line --regexp '^confirm +Confirm these figures with the Florida board'

	run --separate-stderr cairn rules show tx-lpc --json
	assert_success
	run json '(d["id"], d["total_hours"], d["cycle"]["months"], d["cycle"]["anchor"], d["maximums"][0]["format"])' <<<"$output"
	assert_output '["tx-lpc", 24, 24, "expiry", "self-study"]'
	assert_equal "$(snapshot)" "$snap"
}

@test "rules show of an unknown rule: exit 66 with a hint; an ambiguous prefix: exit 2" {
	write_tx_rule
	cairn rules add -q "$BATS_TEST_TMPDIR/texas.yaml"
	sed -i 's/^id: tx-lpc$/id: tx-lcsw/' "$BATS_TEST_TMPDIR/texas.yaml"
	cairn rules add -q "$BATS_TEST_TMPDIR/texas.yaml"
	run --separate-stderr cairn rules show ny
	assert_failure 66
	assert_err "no rule"
	assert_err "ny"
	assert_err "cairn rules list"
	run --separate-stderr cairn rules show tx-l
	assert_failure 2
	assert_err "ambiguous"
	assert_err "tx-lcsw"
	assert_err "tx-lpc"
	assert_clean
}

@test "a rule file broken by hand: rules list shows the others and names it (exit 65)" {
	write_tx_rule
	write_fl_rule
	cairn rules add -q "$BATS_TEST_TMPDIR/texas.yaml"
	cairn rules add -q "$BATS_TEST_TMPDIR/fl.yaml"
	sed -i 's/^total_hours: 30$/total_hours: thirty/' "$DATA/rules/fl-491.yaml"
	hand_commit "break the Florida rule"
	run --separate-stderr cairn rules list
	assert_failure 65
	assert_line --regexp '^tx-lpc +24'
	refute_output --partial "fl-491"
	assert_err "rules/fl-491.yaml:7:14: total_hours: expected a number, found 'thirty'"
	run --separate-stderr cairn rules show fl-491
	assert_failure 65
	assert_err "rules/fl-491.yaml:7:14"
}

@test "every example rule in examples/rules is accepted and shown" {
	shopt -s nullglob
	local files=("$CAIRN_SOURCE_DIR"/examples/rules/*.yaml) f id
	if ((${#files[@]} == 0)); then
		skip "no examples/rules/*.yaml yet"
	fi
	for f in "${files[@]}"; do
		run --separate-stderr cairn rules add "$f"
		assert_success
		id=$(sed -n 's/^id: //p' "$f")
		assert_output "added rule $id"
		assert_last_commit "rules add: $id" "rules/$id.yaml"
		run cairn rules show "$id"
		assert_success
		# SPEC §3: each example cites its source and the date read, and asks to confirm
		assert_line --regexp '^source +[^ ]+ \(read [0-9]{4}-[0-9]{2}-[0-9]{2}\)$'
		assert_line --regexp '^confirm +'
	done
	run cairn rules list
	assert_equal "${#lines[@]}" "$((${#files[@]} + 1))"
	assert_clean
}
