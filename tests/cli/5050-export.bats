#!/usr/bin/env bats
# cairn export: JSON parsed back, CSV with commas, quotes and line breaks, and an iCalendar
# file that Debian's python3-icalendar reads, item by item. Today is 2026-11-28.

load helpers

setup() {
	common_setup
	init_repo
	run cairn goal add 'Present "Trauma, Grief" at TCA' --id tca --due 2027-11-15 \
		--specific $'A 90-minute session, with a handout;\nslides, too' \
		--step "Submit the proposal@2027-03-31" --metric talks --target 1
	assert_success
	run cairn goal add "Earn the NCC" --id ncc --due 2027-09-30
	run cairn plan new growth --start 2026-10-28 --end 2027-10-27 --goal tca
	run cairn rules add "$CAIRN_SOURCE_DIR/examples/rules/tx-lpc.yaml"
	run cairn license add tx --rule tx-lpc --issued 2019-08-14 --expires 2027-08-31 \
		--title "Licensed Professional Counselor (Texas)"
	run cairn ce log "Ethics, Boundaries and Telehealth" --hours 3 --date 2026-03-14 --topic ethics=3
	assert_success
}

@test "JSON: one document with every record, parsed back" {
	run --separate-stderr cairn export --format json
	assert_success
	run /usr/bin/python3 -c '
import json, sys
d = json.load(sys.stdin)
print(d["format"], d["profile"]["name"], sorted(g["id"] for g in d["goals"]),
      d["plans"][0]["id"], d["rules"][0]["id"], d["ce"][0]["title"], d["goals"][1]["title"])' <<<"$output"
	assert_output "1 Dana Reyes ['ncc', 'tca'] growth tx-lpc Ethics, Boundaries and Telehealth Present \"Trauma, Grief\" at TCA"
}

@test "CSV: commas, quotes and line breaks survive a CSV reader; every kind has its table" {
	cairn export --format csv -o "$BATS_TEST_TMPDIR/goals.csv"
	run /usr/bin/python3 -c '
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
t = [r for r in rows if r["id"] == "tca"][0]
print(len(rows), t["title"], repr(t["specific"]), t["steps"], t["due"])' "$BATS_TEST_TMPDIR/goals.csv"
	assert_output "2 Present \"Trauma, Grief\" at TCA 'A 90-minute session, with a handout;\\nslides, too' 1 2027-11-15"
	for k in plans ce rules licenses; do
		run cairn export --format csv --kind $k
		assert_success
		assert_line --index 0 --regexp '^id,'
	done
	run cairn export --format csv --kind ce
	assert_line --index 1 $'2026-03-14-ethics-boundaries-and-telehealth,2026-03-14,"Ethics, Boundaries and Telehealth",,,,3,ethics=3,,\r'
	run --separate-stderr cairn export --format csv --kind nothing
	assert_failure 2
	run --separate-stderr cairn export --format xml
	assert_failure 2
}

@test "ICS: CRLF lines of at most 75 octets, and every item read by python3-icalendar" {
	cairn export --format ics -o "$BATS_TEST_TMPDIR/cairn.ics"
	# CRLF everywhere, no line over 75 octets
	run /usr/bin/python3 -c '
import sys
raw = open(sys.argv[1], "rb").read()
lines = raw.split(b"\r\n")
print(raw.count(b"\n") == raw.count(b"\r\n"), max(len(l) for l in lines) <= 75)' "$BATS_TEST_TMPDIR/cairn.ics"
	assert_output "True True"
	run /usr/bin/python3 -c '
import icalendar, sys
cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
print(cal["VERSION"], cal["PRODID"].startswith("-//cairn//"))
for c in cal.walk():
    if c.name == "VTODO":
        print("TODO", c["UID"], c["DUE"].dt.isoformat(), c["STATUS"], c["SUMMARY"], c["DTSTAMP"].dt.isoformat())
    elif c.name == "VEVENT":
        print("EVENT", c["UID"], c["DTSTART"].dt.isoformat(), c["DTEND"].dt.isoformat(), c["SUMMARY"])
' "$BATS_TEST_TMPDIR/cairn.ics"
	assert_success
	assert_line "2.0 True"
	assert_line "TODO goal-ncc@cairn 2027-09-30 NEEDS-ACTION Goal: Earn the NCC 2026-11-28T00:00:00+00:00"
	assert_line "TODO goal-tca@cairn 2027-11-15 NEEDS-ACTION Goal: Present \"Trauma, Grief\" at TCA 2026-11-28T00:00:00+00:00"
	assert_line "TODO step-tca-1@cairn 2027-03-31 NEEDS-ACTION Step 1 of tca: Submit the proposal 2026-11-28T00:00:00+00:00"
	assert_line "EVENT review-growth@cairn 2026-11-28 2026-11-29 Review of plan growth"
	assert_line "EVENT license-tx@cairn 2027-08-31 2027-09-01 License Licensed Professional Counselor (Texas) expires"
	assert_equal "${#lines[@]}" 6
	# the description with its comma, semicolon and line break comes back as written
	run /usr/bin/python3 -c '
import icalendar, sys
cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
print(repr(str([c for c in cal.walk("VTODO") if c["UID"] == "goal-tca@cairn"][0]["DESCRIPTION"])))' "$BATS_TEST_TMPDIR/cairn.ics"
	assert_output "'A 90-minute session, with a handout;\\nslides, too'"
}

@test "the same records give the same file (stable UIDs); export writes nothing in the repository" {
	local before
	before=$(snapshot)
	cairn export --format ics -o "$BATS_TEST_TMPDIR/a.ics"
	cairn export --format ics -o "$BATS_TEST_TMPDIR/b.ics"
	cmp "$BATS_TEST_TMPDIR/a.ics" "$BATS_TEST_TMPDIR/b.ics"
	assert_equal "$(snapshot)" "$before"
	assert_clean
}
