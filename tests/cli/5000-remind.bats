#!/usr/bin/env bats
# cairn remind: what needs the user by today + the window, most urgent first, each with the
# command that acts on it; nothing at all when nothing is due; --exit-code for cron; works
# with no HOME and no terminal, CAIRN_DIR alone. Today is 2026-11-28.

load helpers

setup() {
	common_setup
	init_repo
}

# cron's environment: no HOME, no terminal, CAIRN_DIR and the program's folder only
cron_remind() {
	run --separate-stderr env -i CAIRN_DIR="$DATA" CAIRN_TODAY="${TODAY_OVERRIDE:-$TODAY}" \
		CAIRN_EXEC_PATH="$CAIRN_BUILD_DIR" "$CAIRN_BUILD_DIR/cairn" remind "$@" </dev/null
}

@test "nothing due: no output at all, exit 0, and exit 0 with --exit-code" {
	run cairn goal add "Earn the NCC credential" --due 2027-09-30
	cron_remind
	assert_success
	assert_output ""
	assert_equal "$stderr" ""
	cron_remind --exit-code
	assert_success
	assert_output ""
}

@test "goals and steps due or overdue, grouped, most urgent first, each with its command" {
	run cairn goal add "Finish the ethics course" --id ethics --start 2026-10-01 --due 2026-12-10 \
		--step "Watch module one@2026-11-20" --step "Take the quiz@2026-12-05"
	run cairn goal add "Write the case study" --id case --start 2026-10-01 --due 2026-11-25
	run cairn goal add "Later" --id later --due 2027-06-30 --step "Far away@2027-05-01"
	cron_remind --exit-code
	assert_failure 1
	assert_line --index 0 "overdue"
	assert_line --index 1 '  step 1 of ethics "Watch module one" was due 2026-11-20'
	assert_line --index 2 "      cairn goal step done ethics 1"
	assert_line --index 3 '  goal case "Write the case study" was due 2026-11-25'
	assert_line --index 4 "      cairn goal show case"
	assert_line --index 5 "due by 2026-12-28"
	assert_line --index 6 '  step 2 of ethics "Take the quiz" is due 2026-12-05'
	assert_line --index 8 '  goal ethics "Finish the ethics course" is due 2026-12-10'
	refute_output --partial "later"
	refute_output --partial "Far away"
}

@test "--within widens or narrows the window; a bad window is a usage error" {
	run cairn goal add "Later" --id later --due 2027-01-20
	cron_remind
	assert_output ""
	cron_remind --within 60d
	assert_line --index 0 "due by 2027-01-27"
	assert_line --index 1 '  goal later "Later" is due 2027-01-20'
	cron_remind --within 2m
	assert_line --index 0 "due by 2027-01-28"
	cron_remind --within soon
	assert_failure 2
	assert_err "--within"
}

@test "a plan review due, and a goal without progress for 60 days" {
	run cairn goal add "Keep a weekly self-care routine" --id self-care --start 2026-09-01 \
		--due 2027-08-31 --metric weeks --target 40
	run cairn plan new growth --start 2026-10-30 --end 2027-10-29 --goal self-care
	cron_remind
	assert_line "due by 2026-12-28"
	assert_line '  review of plan growth "growth" is due 2026-11-30'
	assert_line "      cairn plan review growth"
	assert_line "going quiet"
	assert_line '  goal self-care "Keep a weekly self-care routine" has had no progress since 2026-09-01 (88 days)'
	assert_line "      cairn goal progress self-care N"
	# recorded progress quiets it
	run cairn goal progress self-care 10
	cron_remind
	refute_output --partial "going quiet"
}

@test "a license expiring within the window with hours still needed; one behind on CE" {
	run cairn rules add "$CAIRN_SOURCE_DIR/examples/rules/tx-lpc.yaml"
	run cairn license add tx --rule tx-lpc --issued 2019-12-31 --expires 2026-12-31
	assert_success
	run cairn ce log "Ethics" --hours 6 --date 2025-03-01 --topic ethics=6
	# 2026-11-28: the cycle ends 2026-12-31, after the window: behind on CE
	cron_remind --exit-code
	assert_failure 1
	assert_line --index 0 "behind on CE"
	assert_line --index 1 "  license tx: 18 hours still needed by 2026-12-31 (behind)"
	refute_output --partial "due by"
	# 2026-12-15: the end is within the window
	TODAY_OVERRIDE=2026-12-15 cron_remind
	assert_line "due by 2027-01-14"
	assert_line "  license tx: 18 hours still needed by 2026-12-31 (behind)"
	assert_line "      cairn ce status tx --explain"
}

@test "--json has every item with its kind, date and command" {
	run cairn goal add "Write the case study" --id case --start 2026-10-01 --due 2026-11-25
	cron_remind --json
	assert_success
	run /usr/bin/python3 -c 'import json,sys; d=json.load(sys.stdin); print(d[0]["kind"], d[0]["id"], d[0]["date"], d[0]["overdue"], d[0]["command"])' <<<"$output"
	assert_output "goal case 2026-11-25 True cairn goal show case"
}

@test "remind writes nothing" {
	run cairn goal add "Write the case study" --id case --start 2026-10-01 --due 2026-11-25
	local before
	before=$(snapshot)
	cron_remind
	assert_equal "$(snapshot)" "$before"
	assert_clean
}

@test "--ics: one to-do per item, read by python3-icalendar" {
	run cairn goal add "Write the case study" --id case --start 2026-10-01 --due 2026-11-25
	cron_remind --ics
	assert_success
	printf '%s' "$output" >"$BATS_TEST_TMPDIR/r.ics"
	run /usr/bin/python3 -c '
import icalendar, sys
cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
for c in cal.walk("VTODO"):
    print(c["UID"], c["DUE"].dt.isoformat(), c["SUMMARY"], "|", c["DESCRIPTION"])' "$BATS_TEST_TMPDIR/r.ics"
	assert_output 'remind-goal-case@cairn 2026-11-25 goal case "Write the case study" was due 2026-11-25 | cairn goal show case'
	cron_remind --ics --json
	assert_failure 2
}
