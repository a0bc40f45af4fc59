#!/usr/bin/env bats
# cairn license add|list|renew|rm: the licenses in the profile (cairn.yaml), each under a
# board's rule in rules/.

load helpers

# The Texas LPC rule: examples/rules/tx-lpc.yaml when it is there, else a copy of its figures.
tx_rule_file() {
	local f="$CAIRN_SOURCE_DIR/examples/rules/tx-lpc.yaml"
	if [[ ! -f "$f" ]]; then
		f="$BATS_TEST_TMPDIR/tx-lpc.yaml"
		cat >"$f" <<'EOF'
id: tx-lpc
title: Texas Licensed Professional Counselor renewal
cycle: {months: 24, anchor: expiry}
total_hours: 24
minimums:
  - {topic: ethics, hours: 6}
  - {topic: cultural-diversity, hours: 3}
carry_over: {max_hours: 10}
EOF
	fi
	echo "$f"
}

setup() {
	common_setup
	init_repo
	run cairn rules add "$(tx_rule_file)"
	assert_success
}

# The license entries of cairn.yaml (from "licenses:" to the next top-level key).
profile_licenses() {
	sed -n '/^licenses:/,/^[a-z]/p' "$DATA/cairn.yaml" | sed '$d'
}

@test "license add with every option: the profile gains it in one commit 'license add: ID'" {
	local before
	before=$(commits)
	run --separate-stderr cairn license add tx --rule tx-lpc --expires 2027-06-30 \
		--issued 2019-07-01 --number 12345 --state TX --title "Licensed Professional Counselor"
	assert_success
	assert_output "added license tx (rule tx-lpc)"
	assert_equal "$stderr" ""
	run profile_licenses
	assert_output "$(
		cat <<'EOF'
licenses:
  - id: tx
    title: Licensed Professional Counselor
    rule: tx-lpc
    number: "12345"
    state: TX
    issued: 2019-07-01
    expires: 2027-06-30
EOF
	)"
	assert_new_commits "$before" 1
	assert_last_commit "license add: tx" cairn.yaml
	run last_body
	assert_output --partial "tx"
	[ "$(file_mode "$DATA/cairn.yaml")" = 600 ]
	assert_clean
}

@test "license add needs an existing rule: exit 66 with a hint, nothing written" {
	local before state
	before=$(head_id)
	state=$(tree_state)
	run --separate-stderr cairn license add tx --rule ny-lmhc --expires 2027-06-30
	assert_failure 66
	assert_err "no rule 'ny-lmhc'"
	assert_err "cairn rules add FILE"
	assert_head_unchanged "$before"
	assert_equal "$(tree_state)" "$state"
	refute [ -n "$(profile_licenses)" ]
}

@test "license add: --rule and --expires are required (exit 2), nothing written" {
	local before
	before=$(head_id)
	run --separate-stderr cairn license add tx --expires 2027-06-30
	assert_failure 2
	assert_err "--rule RULE is required"
	run --separate-stderr cairn license add tx --rule tx-lpc
	assert_failure 2
	assert_err "--expires DATE is required"
	run --separate-stderr cairn license add --rule tx-lpc --expires 2027-06-30
	assert_failure 2
	assert_head_unchanged "$before"
	assert_clean
}

@test "license add refuses bad ids and dates: exit 2 or 65, nothing written" {
	local before
	before=$(head_id)
	run --separate-stderr cairn license add "TX/../x" --rule tx-lpc --expires 2027-06-30
	assert_failure 2
	assert_err "license id"
	run --separate-stderr cairn license add tx --rule "../rules" --expires 2027-06-30
	assert_failure 2
	run --separate-stderr cairn license add tx --rule tx-lpc --expires 2027-02-30
	assert_failure 2
	assert_err "--expires"
	run --separate-stderr cairn license add tx --rule tx-lpc --expires 2027-06-30 --issued tomorrow
	assert_failure 2
	assert_err "--issued 2026-11-29 is in the future"
	run --separate-stderr cairn license add tx --rule tx-lpc --expires 2019-06-30 --issued 2019-07-01
	assert_failure 65
	assert_err "--expires must be after --issued"
	assert_head_unchanged "$before"
	assert_clean
}

@test "license add of a taken id: exit 65, the first license unchanged" {
	run cairn license add tx --rule tx-lpc --expires 2027-06-30
	assert_success
	local before sum
	before=$(head_id)
	sum=$(sha "$DATA/cairn.yaml")
	run --separate-stderr cairn license add tx --rule tx-lpc --expires 2029-06-30
	assert_failure 65
	assert_err "a license 'tx' exists already"
	assert_err "cairn license renew tx --expires DATE"
	assert_head_unchanged "$before"
	assert_equal "$(sha "$DATA/cairn.yaml")" "$sum"
	assert_clean
}

@test "license list: a table; --json; empty: says how to add one; nothing written" {
	run --separate-stderr cairn license list
	assert_success
	assert_output --partial "no licenses"
	assert_output --partial "cairn license add ID --rule RULE --expires DATE"
	run cairn license list --json
	assert_success
	assert_output "[]"

	cairn license add -q tx --rule tx-lpc --expires 2027-06-30 --number 12345 \
		--title "Licensed Professional Counselor"
	cairn license add -q ncc --rule tx-lpc --expires 2030-12-31 --issued 2015-12-31
	local snap
	snap=$(snapshot)
	run --separate-stderr cairn license list
	assert_success
	assert_equal "$stderr" ""
	assert_equal "${#lines[@]}" 3
	assert_line --index 0 --regexp '^ID +RULE +EXPIRES +NUMBER +TITLE$'
	assert_line --index 1 --regexp '^tx +tx-lpc +2027-06-30 +12345 +Licensed Professional Counselor$'
	assert_line --index 2 --regexp '^ncc +tx-lpc +2030-12-31 +- *$'

	run --separate-stderr cairn license list --json
	assert_success
	run json '[(l["id"], l["rule"], l["expires"], l["issued"]) for l in d]' <<<"$output"
	assert_output '[["tx", "tx-lpc", "2027-06-30", null], ["ncc", "tx-lpc", "2030-12-31", "2015-12-31"]]'
	run cairn license --json list
	assert_success
	run json 'len(d)' <<<"$output"
	assert_output 2
	assert_equal "$(snapshot)" "$snap"
}

@test "license renew moves the expiry forward in one commit whose body shows it; a prefix will do" {
	cairn license add -q tx --rule tx-lpc --expires 2027-06-30 --issued 2019-07-01
	local before
	before=$(commits)
	run --separate-stderr cairn license renew t --expires 2029-06-30
	assert_success
	assert_output "license tx renewed: expires 2029-06-30"
	assert_new_commits "$before" 1
	assert_last_commit "license renew: tx" cairn.yaml
	run last_body
	assert_output --partial "2027-06-30 -> 2029-06-30"
	run grep '^    expires: ' "$DATA/cairn.yaml"
	assert_output "    expires: 2029-06-30"
	# the renewed license's next cycle, once today is in it
	CAIRN_TODAY=2027-07-01 run cairn ce status tx
	assert_success
	assert_line --regexp '^  cycle +2027-07-01 to 2029-06-30 \(cycle 5\), 731 days left$'
	# renewed ahead of time: today's cycle is still the one that ends on the old expiry
	run cairn ce status tx
	assert_success
	assert_line --regexp '^  cycle +2025-07-01 to 2027-06-30 \(cycle 4\), 215 days left$'
	assert_clean
}

@test "license renew to the same or an earlier expiry: exit 65, nothing written" {
	cairn license add -q tx --rule tx-lpc --expires 2027-06-30
	local before sum
	before=$(head_id)
	sum=$(sha "$DATA/cairn.yaml")
	run --separate-stderr cairn license renew tx --expires 2027-06-30
	assert_failure 65
	assert_err "--expires 2027-06-30 is not after the current expiry 2027-06-30"
	run --separate-stderr cairn license renew tx --expires 2026-12-31
	assert_failure 65
	assert_err "is not after the current expiry 2027-06-30"
	assert_head_unchanged "$before"
	assert_equal "$(sha "$DATA/cairn.yaml")" "$sum"
	assert_clean
}

@test "license renew: an unknown license is 66, a missing --expires 2" {
	cairn license add -q tx --rule tx-lpc --expires 2027-06-30
	local before
	before=$(head_id)
	run --separate-stderr cairn license renew ny --expires 2029-06-30
	assert_failure 66
	assert_err "ny"
	assert_err "cairn license list"
	run --separate-stderr cairn license renew tx
	assert_failure 2
	assert_err "--expires DATE is required"
	assert_head_unchanged "$before"
	assert_clean
}

@test "license rm removes it from the profile in one commit; its CE activities stay" {
	cairn license add -q tx --rule tx-lpc --expires 2027-06-30
	cairn license add -q ncc --rule tx-lpc --expires 2030-12-31
	run cairn ce log "Ethics in telehealth" --hours 3 --date 2026-03-14 --license tx
	assert_success
	local before
	before=$(commits)
	run --separate-stderr cairn license rm tx
	assert_success
	assert_output "removed license tx (its CE activities stay)"
	assert_new_commits "$before" 1
	assert_last_commit "license rm: tx" cairn.yaml
	run cairn license list --json
	run json '[l["id"] for l in d]' <<<"$output"
	assert_output '["ncc"]'
	[ -f "$DATA/ce/2026/2026-03-14-ethics-in-telehealth.yaml" ]
	assert_clean

	before=$(head_id)
	run --separate-stderr cairn license rm tx
	assert_failure 66
	assert_head_unchanged "$before"
	assert_clean
}

@test "license commands outside a repository: exit 66" {
	export CAIRN_DIR="$BATS_TEST_TMPDIR/nowhere"
	run --separate-stderr cairn license list
	assert_failure 66
	run --separate-stderr cairn license add tx --rule tx-lpc --expires 2027-06-30
	assert_failure 66
	[ ! -e "$BATS_TEST_TMPDIR/nowhere" ]
}
