#!/usr/bin/env bats
# cairn ce log|list|show|rm|status: CE activities in ce/<year>/<id>.yaml and where each
# license stands, against real repositories. Figures are worked out in the comments; today
# is 2026-11-28.
#
# The Texas LPC rule (examples/rules/tx-lpc.yaml, or a copy of its figures): 24 hours every
# 24 months ending on the expiry, ethics 6 and cultural-diversity 3 every cycle, up to 10
# hours carried over. License tx: issued 2019-07-01, expires 2027-06-30, so today's window
# is 2025-07-01..2027-06-30 (cycle 4: earlier windows end 2025-06-30, 2023-06-30,
# 2021-06-30, and 2019-07-01..2021-06-30 holds the issue date), 730 days long, 516 of them
# begun on 2026-11-28 (share elapsed 0.7068), 215 days left.

load helpers

# rule_file ID — examples/rules/ID.yaml when it is there, else a copy of its figures.
rule_file() {
	local f="$CAIRN_SOURCE_DIR/examples/rules/$1.yaml"
	if [[ -f "$f" ]]; then
		echo "$f"
		return
	fi
	f="$BATS_TEST_TMPDIR/$1.yaml"
	case "$1" in
	tx-lpc)
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
		;;
	ny-lmhc)
		cat >"$f" <<'EOF'
id: ny-lmhc
title: New York Licensed Mental Health Counselor registration
cycle: {months: 36, anchor: expiry}
total_hours: 36
maximums: [{format: self-study, hours: 12}]
first_cycle: {total_hours: 0}
EOF
		;;
	pa-psychologist)
		cat >"$f" <<'EOF'
id: pa-psychologist
title: Pennsylvania psychologist biennial renewal
cycle: {months: 24, anchor: fixed-start, start: 2025-12-01}
total_hours: 30
minimums:
  - {topic: ethics, hours: 3}
  - {topic: suicide-prevention, hours: 1}
  - {topic: child-abuse-recognition, hours: 2}
maximums: [{format: self-study, hours: 15}]
carry_over: {max_hours: 10, excludes: [ethics]}
EOF
		;;
	esac
	echo "$f"
}

setup() {
	common_setup
	init_repo
	run cairn rules add "$(rule_file tx-lpc)"
	assert_success
	run cairn license add tx --rule tx-lpc --issued 2019-07-01 --expires 2027-06-30 \
		--title "Licensed Professional Counselor"
	assert_success
	run cairn license add ncc --rule tx-lpc --issued 2019-07-01 --expires 2027-06-30
	assert_success
}

# log TITLE ARGS... — cairn ce log, quietly; fails the test when it fails.
log() {
	run cairn ce log "$@"
	assert_success
}

# The activities of the status tests (license tx):
#   2025-09-10 Ethics refresher    6h in-person,   ethics 6          counts 6
#   2026-02-01 Trauma-focused CBT 12h live-online, cultural-div. 3   counts 12
#   2026-03-14 NCC reading         3h self-study,  only ncc          counts 0 for tx
# tx: 18 of 24, ethics 6 of 6, cultural-diversity 3 of 3; shares 18/24 = 0.75, 1, 1: the
# smallest 0.75 >= 0.7068: on track; needed 6, 6 * 30.4375 / 214 = 0.853 a month (0.9).
log_status_acts() {
	log "Ethics refresher" --hours 6 --date 2025-09-10 --format in-person --topic ethics=6
	log "Trauma-focused CBT" --hours 12 --date 2026-02-01 --format live-online \
		--topic cultural-diversity=3
	log "NCC reading" --hours 3 --date 2026-03-14 --format self-study --license ncc
}

# ---- log ----

@test "ce log with every option writes ce/<year>/<date>-<slug>.yaml in one commit 'ce log: ID'" {
	local before id=2026-03-14-ethics-in-telehealth-practice
	before=$(commits)
	run --separate-stderr cairn ce log "Ethics in Telehealth Practice" --hours 6 \
		--date 2026-03-14 --provider "Texas Counseling Association" --approval "TCA-1234" \
		--format live-online --topic ethics=3 --topic telehealth=2.5 --license tx \
		--license ncc --notes "Certificate in the TCA portal"
	assert_success
	assert_output "logged $id (6 hours)"
	assert_equal "$stderr" ""
	run cat "$DATA/ce/2026/$id.yaml"
	assert_output "$(
		cat <<'EOF'
id: 2026-03-14-ethics-in-telehealth-practice
date: 2026-03-14
title: Ethics in Telehealth Practice
provider: Texas Counseling Association
approval: TCA-1234
format: live-online
hours: 6
topics:
  ethics: 3
  telehealth: 2.5
licenses:
  - tx
  - ncc
notes: Certificate in the TCA portal
EOF
	)"
	assert_new_commits "$before" 1
	assert_last_commit "ce log: $id" "ce/2026/$id.yaml"
	run last_body
	assert_output --partial "Ethics in Telehealth Practice"
	[ "$(file_mode "$DATA/ce/2026/$id.yaml")" = 600 ]
	assert_clean
}

@test "ce log defaults: today's date, every license; the year folder and id come from the date" {
	run cairn ce log "Peer consultation" --hours 1.5
	assert_success
	assert_output "logged 2026-11-28-peer-consultation (1.5 hours)"
	run cat "$DATA/ce/2026/2026-11-28-peer-consultation.yaml"
	assert_output "$(printf '%s\n' "id: 2026-11-28-peer-consultation" "date: 2026-11-28" \
		"title: Peer consultation" "hours: 1.5")"
	run cairn ce show 2026-11-28-peer
	assert_line --regexp '^licenses +all$'

	run cairn ce log "Year-end webinar" --hours 1 --date 2025-12-31
	assert_success
	assert_output "logged 2025-12-31-year-end-webinar (1 hour)"
	[ -f "$DATA/ce/2025/2025-12-31-year-end-webinar.yaml" ]
	run cairn ce log "Grand rounds" --hours 2 --date -2w
	assert_success
	assert_output "logged 2026-11-14-grand-rounds (2 hours)"
	run cairn ce log "Grand rounds" --hours 2 --date yesterday
	assert_output "logged 2026-11-27-grand-rounds (2 hours)"
	assert_clean
}

@test "the same title on the same day gets -2, then -3" {
	log "Ethics lunch" --hours 1 --date 2026-05-01
	run cairn ce log "Ethics lunch" --hours 1 --date 2026-05-01
	assert_output "logged 2026-05-01-ethics-lunch-2 (1 hour)"
	run cairn ce log "Ethics lunch" --hours 1 --date 2026-05-01
	assert_output "logged 2026-05-01-ethics-lunch-3 (1 hour)"
	run grep '^id: ' "$DATA/ce/2026/2026-05-01-ethics-lunch-2.yaml"
	assert_output "id: 2026-05-01-ethics-lunch-2"
	assert_clean
}

@test "ce log refuses bad input, each with its exit code and message, nothing written" {
	local before state
	before=$(head_id)
	state=$(tree_state)
	# exit code | message | arguments after the title
	while IFS='|' read -r code msg args; do
		eval "set -- $args"
		run --separate-stderr cairn ce log "Bad activity" "$@"
		if [[ "$status" != "$code" ]]; then
			fail "ce log $args: exit $status, expected $code"$'\n'"stderr: $stderr"
		fi
		assert_err "$msg"
		assert_equal "$output" ""
		assert_head_unchanged "$before"
		assert_equal "$(tree_state)" "$state"
	done <<'EOF'
2|--hours must be more than 0|--hours 0
2|--hours must be more than 0|--hours -1
2|--hours: 'abc' is not a number|--hours abc
2|--hours H is required|--date 2026-03-14
65|topics add up to 7 hours, more than the activity's 6|--hours 6 --topic ethics=4 --topic trauma=3
65|topics add up to 6.5 hours, more than the activity's 6|--hours 6 --topic ethics=6.5
2|--topic: 'ethics' is not TOPIC=HOURS|--hours 3 --topic ethics
2|--topic ethics: 'x' is not a number of hours|--hours 3 --topic ethics=x
2|--topic ethics: '-1' is not a number of hours|--hours 3 --topic ethics=-1
2|'Ethics' is not a topic name|--hours 3 --topic Ethics=1
66|--license: no license 'ny'|--hours 3 --license ny
66|--license: no license 'ny'|--hours 3 --license tx --license ny
2|--date 2026-11-29 is in the future (today is 2026-11-28)|--hours 3 --date 2026-11-29
2|--date 2026-11-29 is in the future|--hours 3 --date tomorrow
2|2026-02-30 does not exist|--hours 3 --date 2026-02-30
2|--format: unknown value 'webinar'|--hours 3 --format webinar
EOF
	[ ! -e "$DATA/ce" ]
	assert_clean
}

@test "ce log --help lists every option it takes" {
	run cairn ce log --help
	assert_success
	local flag
	for flag in hours date provider approval format topic license notes; do
		assert_output --partial "--$flag"
	done
}

@test "ce log of a title that gives no id: 65, and the hint names only options ce log has" {
	local before
	before=$(head_id)
	run --separate-stderr cairn ce log '!!!' --hours 1
	assert_failure 65
	assert_err "cannot make an id from the title '!!!'"
	if [[ "$stderr" == *"--id"* ]]; then
		# the hint says --id: then ce log must take it
		run --separate-stderr cairn ce log '!!!' --hours 1 --id ethics-lunch
		assert_success
	fi
	assert_clean
}

# ---- list, show, rm ----

# 2025-09-10 Ethics refresher     6 in-person   ethics 6        all licenses
# 2026-03-14 Trauma-focused CBT  12 live-online trauma 12       tx only
# 2026-05-01 NCC reading          3 self-study                  ncc only
# 2026-10-02 Cultural humility    3 conference  cult.-div. 3    all
log_list_acts() {
	log "Ethics refresher" --hours 6 --date 2025-09-10 --format in-person --topic ethics=6
	log "Trauma-focused CBT" --hours 12 --date 2026-03-14 --format live-online \
		--topic trauma=12 --license tx
	log "NCC reading" --hours 3 --date 2026-05-01 --format self-study --license ncc
	log "Cultural humility" --hours 3 --date 2026-10-02 --format conference \
		--topic cultural-diversity=3
}

# The titles of `ce list ARGS` (after the header, before the total line).
list_titles() {
	cairn ce list "$@" | sed -e '1d' -e '$d' | sed -E 's/^[0-9-]+ +[0-9.]+ +[a-z-]+ +//'
}

@test "ce list: every activity oldest first with its topics and a total; nothing written" {
	log_list_acts
	local snap
	snap=$(snapshot)
	run --separate-stderr cairn ce list
	assert_success
	assert_equal "$stderr" ""
	assert_equal "${#lines[@]}" 6
	assert_line --index 0 --regexp '^DATE +HOURS +FORMAT +TITLE$'
	assert_line --index 1 --regexp '^2025-09-10 +6 +in-person +Ethics refresher \(ethics 6\)$'
	assert_line --index 2 --regexp '^2026-03-14 +12 +live-online +Trauma-focused CBT \(trauma 12\)$'
	assert_line --index 3 --regexp '^2026-05-01 +3 +self-study +NCC reading$'
	assert_line --index 4 --regexp '^2026-10-02 +3 +conference +Cultural humility \(cultural-diversity 3\)$'
	assert_line --index 5 "4 activities, 24 hours"
	assert_equal "$(snapshot)" "$snap"
}

@test "ce list filters: --license (a prefix will do), --since, --until (days included), --topic" {
	log_list_acts
	run list_titles --license tx
	assert_output "$(printf '%s\n' "Ethics refresher (ethics 6)" "Trauma-focused CBT (trauma 12)" \
		"Cultural humility (cultural-diversity 3)")"
	run list_titles --license nc
	assert_output "$(printf '%s\n' "Ethics refresher (ethics 6)" "NCC reading" \
		"Cultural humility (cultural-diversity 3)")"
	run list_titles --since 2026-03-14
	assert_output "$(printf '%s\n' "Trauma-focused CBT (trauma 12)" "NCC reading" \
		"Cultural humility (cultural-diversity 3)")"
	run list_titles --until 2026-03-14
	assert_output "$(printf '%s\n' "Ethics refresher (ethics 6)" "Trauma-focused CBT (trauma 12)")"
	run list_titles --since 2026-01-01 --until 2026-06-30 --license tx
	assert_output "Trauma-focused CBT (trauma 12)"
	# -6m is 2026-05-28
	run list_titles --since -6m
	assert_output "Cultural humility (cultural-diversity 3)"
	run list_titles --topic ethics
	assert_output "Ethics refresher (ethics 6)"
	run cairn ce list --topic ethics
	assert_line "1 activity, 6 hours"
	run cairn ce list --topic suicide-prevention
	assert_success
	assert_output "no CE activities match"
}

@test "ce list refuses an unknown license (66) and a bad date (2)" {
	log_list_acts
	run --separate-stderr cairn ce list --license ny
	assert_failure 66
	assert_err "no license 'ny'"
	run --separate-stderr cairn ce list --since 2026-13-01
	assert_failure 2
	assert_err "--since"
}

@test "ce list --json: one document with every field; the filters apply" {
	log_list_acts
	run --separate-stderr cairn ce list --json
	assert_success
	assert_equal "$stderr" ""
	run json '[(a["id"], a["hours"], a["format"]) for a in d]' <<<"$output"
	assert_output '[["2025-09-10-ethics-refresher", 6, "in-person"], ["2026-03-14-trauma-focused-cbt", 12, "live-online"], ["2026-05-01-ncc-reading", 3, "self-study"], ["2026-10-02-cultural-humility", 3, "conference"]]'
	run cairn ce list --json --license tx --topic trauma
	run json '[(a["id"], a["date"], a["topics"], a["licenses"]) for a in d]' <<<"$output"
	assert_output '[["2026-03-14-trauma-focused-cbt", "2026-03-14", {"trauma": 12}, ["tx"]]]'
	run cairn ce list --json --topic nothing
	assert_success
	assert_output "[]"
}

@test "ce show: every field by a unique prefix; --json; unknown 66; ambiguous 2 with the candidates" {
	run cairn ce log "Ethics in Telehealth Practice" --hours 6 --date 2026-03-14 \
		--provider "Texas Counseling Association" --approval "TCA-1234" --format live-online \
		--topic ethics=3 --topic telehealth=3 --license tx --notes "Certificate in the portal"
	log "Ethics lunch" --hours 1 --date 2026-03-20
	local snap
	snap=$(snapshot)
	run --separate-stderr cairn ce show 2026-03-14
	assert_success
	assert_line --index 0 "2026-03-14-ethics-in-telehealth-practice  Ethics in Telehealth Practice"
	assert_line --regexp '^date +2026-03-14, 6 hours, live-online$'
	assert_line --regexp '^topics +ethics 3, telehealth 3$'
	assert_line --regexp '^provider +Texas Counseling Association$'
	assert_line --regexp '^approval +TCA-1234$'
	assert_line --regexp '^licenses +tx$'
	assert_line --regexp '^notes +Certificate in the portal$'

	run --separate-stderr cairn ce show 2026-03-14 --json
	assert_success
	run json '(d["id"], d["hours"], d["topics"], d["licenses"], d["provider"])' <<<"$output"
	assert_output '["2026-03-14-ethics-in-telehealth-practice", 6, {"ethics": 3, "telehealth": 3}, ["tx"], "Texas Counseling Association"]'

	run --separate-stderr cairn ce show 2027
	assert_failure 66
	assert_err "no CE activity"
	assert_err "cairn ce list"
	run --separate-stderr cairn ce show 2026-03
	assert_failure 2
	assert_err "ambiguous"
	assert_err "2026-03-14-ethics-in-telehealth-practice"
	assert_err "2026-03-20-ethics-lunch"
	assert_equal "$(snapshot)" "$snap"
}

@test "ce rm: the file is gone in one commit 'ce rm: ID'; git log keeps it; status no longer counts it" {
	log_list_acts
	local before id=2026-03-14-trauma-focused-cbt
	before=$(commits)
	run --separate-stderr cairn ce rm 2026-03
	assert_success
	assert_output "removed $id (\`git log\` keeps it)"
	[ ! -e "$DATA/ce/2026/$id.yaml" ]
	assert_new_commits "$before" 1
	assert_last_commit "ce rm: $id" "ce/2026/$id.yaml"
	run dgit log --format=%s -- "ce/2026/$id.yaml"
	assert_output "$(printf '%s\n' "ce rm: $id" "ce log: $id")"
	run dgit show "HEAD~1:ce/2026/$id.yaml"
	assert_line "title: Trauma-focused CBT"
	run cairn ce list
	refute_output --partial "Trauma-focused CBT"
	run cairn ce status tx --json
	run json 'd[0]["earned"]' <<<"$output"
	assert_output "9"
	assert_clean

	before=$(head_id)
	run --separate-stderr cairn ce rm "$id"
	assert_failure 66
	assert_head_unchanged "$before"
	assert_clean
}

@test "ce rm: the commit body says what was removed" {
	log "Trauma-focused CBT" --hours 12 --date 2026-03-14
	run cairn ce rm 2026-03-14-trauma-focused-cbt
	assert_success
	run last_body
	assert_output --partial "Trauma-focused CBT"
}

# ---- status ----

@test "ce status: the cycle window, bars, verdict, hours still needed and per month" {
	log_status_acts
	local snap
	snap=$(snapshot)
	run --separate-stderr cairn ce status tx
	assert_success
	assert_equal "$stderr" ""
	assert_output "$(
		cat <<'EOF'
tx  Licensed Professional Counselor, rule tx-lpc
  cycle                2025-07-01 to 2027-06-30 (cycle 4), 215 days left
  total                [########..]    18 of 24 hours
  ethics               [##########]     6 of 6 hours
  cultural-diversity   [##########]     3 of 3 hours
  verdict              on track: the hours at 75% with 70% of the cycle gone
  still needed         6 hours, 0.9 a month
EOF
	)"
	# both licenses, one after the other: ncc counts the NCC reading too (21 of 24)
	run cairn ce status
	assert_success
	assert_line --index 0 "tx  Licensed Professional Counselor, rule tx-lpc"
	assert_line --regexp '^ncc  rule tx-lpc$'
	assert_line --regexp '^  total +\[[#.]{10}\] +21 of 24 hours$'
	assert_equal "$(snapshot)" "$snap"
}

@test "ce status: a topic short names what is still needed and holds the verdict back" {
	# only the ethics refresher: 6 of 24, ethics 6 of 6, cultural-diversity 0 of 3: the
	# smallest share is 0: behind; needed 18, 18 * 30.4375 / 214 = 2.56 a month (2.6)
	log "Ethics refresher" --hours 6 --date 2025-09-10 --format in-person --topic ethics=6
	run cairn ce status tx
	assert_success
	assert_line --regexp '^  cultural-diversity +\[\.{10}\] +0 of 3 hours$'
	assert_line --regexp '^  verdict +behind: cultural-diversity at 0% with 70% of the cycle gone$'
	assert_line --regexp '^  still needed +18 hours, 2\.6 a month$'
	assert_line --regexp '^  still needed +3 hours? of cultural-diversity$'
}

@test "ce status --explain: each activity with the hours it gave and why not more" {
	log_status_acts
	run --separate-stderr cairn ce status tx --explain
	assert_success
	assert_line "  activities of this cycle:"
	assert_line --regexp '^    2025-09-10 +6  Ethics refresher$'
	assert_line --regexp '^    2026-02-01 +12  Trauma-focused CBT$'
	assert_line --regexp '^    2026-03-14 +0  NCC reading: counts only toward ncc$'
	assert_line "  carried over: the cycle 2023-07-01 to 2025-06-30 earned 0 of 24 hours; 0 carried over (at most 10)"
}

@test "ce status --explain: a format maximum cuts an activity and says so" {
	# New York: self-study at most 12 a 36-month cycle. License ny expires 2027-12-31:
	# window 2025-01-01..2027-12-31, 399 days left (365 to 2027-11-28, + 33); cycle 3 with
	# issued 2020-01-15 (2022-01-01..2024-12-31 is 2, 2019-01-01..2021-12-31 holds it), not exempt.
	# 10 + 5 hours of self-study: 10 count, then 12 - 10 = 2 of the 5; plus 4 in person:
	# earned 10 + 2 + 4 = 16 of 36.
	run cairn rules add "$(rule_file ny-lmhc)"
	assert_success
	cairn license add -q ny --rule ny-lmhc --issued 2020-01-15 --expires 2027-12-31
	log "Self-paced ethics" --hours 10 --date 2025-03-01 --format self-study --license ny
	log "Online module" --hours 5 --date 2025-06-01 --format self-study --license ny
	log "Case conference" --hours 4 --date 2025-09-01 --format in-person --license ny
	run cairn ce status ny --explain
	assert_success
	assert_line --regexp '^  cycle +2025-01-01 to 2027-12-31 \(cycle 3\), 399 days left$'
	assert_line --regexp '^  total +\[[#.]{10}\] +16 of 36 hours$'
	assert_line --regexp '^    2025-03-01 +10  Self-paced ethics$'
	assert_line --regexp '^    2025-06-01 +2  Online module: self-study is limited to 12 hours a cycle: 2 of its 5 hours count$'
	assert_line --regexp '^    2025-09-01 +4  Case conference$'
	run cairn ce status ny --json
	run json '[(a["id"], a["hours"], a["counted"]) for a in d[0]["activities"]]' <<<"$output"
	assert_output '[["2025-03-01-self-paced-ethics", 10, 10], ["2025-06-01-online-module", 5, 2], ["2025-09-01-case-conference", 4, 4]]'
}

@test "ce status: hours carried over from the previous cycle, in the bar and in --explain" {
	# previous cycle 2023-07-01..2025-06-30: 30 hours, excess 30 - 24 = 6, carried 6 (cap 10)
	# this cycle: the status activities, 18 + 6 = 24 of 24: total met, verdict complete
	log "Annual conference" --hours 30 --date 2024-05-01 --format conference
	log_status_acts
	run cairn ce status tx --explain
	assert_success
	assert_line --regexp '^  total +\[#{10}\] +24 of 24 hours \(6 carried over\)$'
	assert_line --regexp '^  verdict +complete$'
	assert_line "  carried over: the cycle 2023-07-01 to 2025-06-30 earned 30 of 24 hours; 6 carried over (at most 10)"
	run cairn ce status tx --json
	run json '(d[0]["earned"], d[0]["carried"], d[0]["needed"], d[0]["verdict"])' <<<"$output"
	assert_output '[18, 6, 0, "complete"]'
}

@test "ce status --json: the window, figures, topics and activities of each license" {
	log_status_acts
	local snap
	snap=$(snapshot)
	run --separate-stderr cairn ce status --json
	assert_success
	assert_equal "$stderr" ""
	run json '[l["license"] for l in d]' <<<"$output"
	assert_output '["tx", "ncc"]'
	run cairn ce status tx --json
	run json '[d[0][k] for k in ("license", "rule", "start", "end", "cycle", "first_cycle", "exempt", "required", "earned", "carried", "needed", "days_left", "verdict")]' <<<"$output"
	assert_output '["tx", "tx-lpc", "2025-07-01", "2027-06-30", 4, false, false, 24, 18, 0, 6, 215, "on track"]'
	run cairn ce status tx --json
	run json 'round(d[0]["hours_per_month"], 4)' <<<"$output"
	assert_output "0.8494"
	run cairn ce status tx --json
	run json '[(t["topic"], t["every"], t["applies"], t["required"], t["earned"], t["met"]) for t in d[0]["topics"]]' <<<"$output"
	assert_output '[["ethics", 1, true, 6, 6, true], ["cultural-diversity", 1, true, 3, 3, true]]'
	run cairn ce status tx --json
	run json '[(a["id"], a["counted"], a["why"]) for a in d[0]["activities"]]' <<<"$output"
	assert_output '[["2025-09-10-ethics-refresher", 6, null], ["2026-02-01-trauma-focused-cbt", 12, null], ["2026-03-14-ncc-reading", 0, "counts only toward ncc"]]'
	assert_equal "$(snapshot)" "$snap"
}

@test "ce status --exit-code: 0 on track or complete, 1 behind or lapsed; without it 0" {
	log_status_acts
	# on track (18 of 24 at 70% of the cycle)
	run cairn ce status --exit-code
	assert_success
	# lapsed: 2027-07-01, the license not renewed, still 18 of 24
	CAIRN_TODAY=2027-07-01 run cairn ce status tx --exit-code
	assert_failure 1
	assert_line --regexp '^  verdict +lapsed$'
	assert_line --regexp '^  cycle +2025-07-01 to 2027-06-30 \(cycle 4\), 0 days left$'
	CAIRN_TODAY=2027-07-01 run cairn ce status tx
	assert_success
	# complete: 6 more hours, 24 of 24, both topics met
	log "Cultural humility" --hours 6 --date 2026-10-02 --format conference
	run cairn ce status tx --exit-code
	assert_success
	assert_line --regexp '^  verdict +complete$'
	assert_line --regexp '^  total +\[#{10}\] +24 of 24 hours$'
	refute_line --partial "still needed"
	CAIRN_TODAY=2027-07-01 run cairn ce status tx --exit-code
	assert_success
	assert_line --regexp '^  verdict +complete$'
}

@test "ce status --exit-code: behind is 1; the worst license decides" {
	# tx and ncc: 6 of 24 with cultural-diversity 0 of 3: behind for both
	log "Ethics refresher" --hours 6 --date 2025-09-10 --topic ethics=6
	run cairn ce status --exit-code
	assert_failure 1
	assert_line --regexp '^  verdict +behind'
	run cairn ce status
	assert_success
	# ncc complete on its own (6 + 18 = 24, ethics 6, cultural-diversity 3), tx still behind
	log "NCC intensive" --hours 18 --date 2026-01-10 --topic cultural-diversity=3 --license ncc
	run cairn ce status ncc --exit-code
	assert_success
	run cairn ce status tx --exit-code
	assert_failure 1
	run cairn ce status --exit-code
	assert_failure 1
}

@test "ce status: on the last day of the cycle the hours still needed are still shown" {
	# 2027-06-30, the window's last day, which still counts: 18 of 24, 6 still needed
	log_status_acts
	CAIRN_TODAY=2027-06-30 run cairn ce status tx
	assert_success
	assert_line --regexp '^  verdict +behind'
	assert_line --regexp '^  still needed +6 hours'
}

@test "ce status: an exempt first cycle, a fixed-start cycle" {
	# New York, issued 2025-03-01 in the window 2025-01-01..2027-12-31: cycle 1, exempt
	run cairn rules add "$(rule_file ny-lmhc)"
	assert_success
	cairn license add -q ny --rule ny-lmhc --issued 2025-03-01 --expires 2027-12-31
	run cairn ce status ny --exit-code
	assert_success
	assert_line --regexp '^  cycle +2025-01-01 to 2027-12-31 \(cycle 1, the first\), 399 days left$'
	assert_line --regexp '^  total +the first cycle is exempt$'
	assert_line --regexp '^  verdict +complete$'
	run cairn ce status ny --json
	run json '(d[0]["exempt"], d[0]["required"], d[0]["needed"], d[0]["verdict"])' <<<"$output"
	assert_output '[true, 0, 0, "complete"]'

	# Pennsylvania: cycles from 2025-12-01 every 24 months, whatever the expiry:
	# 2025-12-01..2027-11-30, 368 days left (365 to 2027-11-28, + 2)
	run cairn rules add "$(rule_file pa-psychologist)"
	assert_success
	cairn license add -q pa --rule pa-psychologist --issued 2021-05-01 --expires 2027-11-30
	run cairn ce status pa
	assert_success
	assert_line --regexp '^  cycle +2025-12-01 to 2027-11-30 \(cycle 4\), 368 days left$'
	assert_line --regexp '^  total +\[\.{10}\] +0 of 30 hours$'
}

@test "ce status of a license whose rule file is missing: 66, the other licenses still shown" {
	run cairn rules add "$(rule_file ny-lmhc)"
	assert_success
	cairn license add -q ny --rule ny-lmhc --issued 2020-01-15 --expires 2027-12-31
	dgit rm -q rules/tx-lpc.yaml
	hand_commit "remove the Texas rule"
	local snap
	snap=$(snapshot)
	run --separate-stderr cairn ce status
	assert_failure 66
	assert_err "no rule 'tx-lpc'"
	assert_line --regexp '^ny  rule ny-lmhc$'
	refute_line --regexp '^tx '
	run --separate-stderr cairn ce status tx
	assert_failure 66
	assert_err "no rule 'tx-lpc'"
	run --separate-stderr cairn ce status tx --exit-code
	assert_failure 66
	assert_equal "$(snapshot)" "$snap"
}

@test "ce status LICENSE: a unique prefix; an unknown license 66; no licenses says how to add one" {
	run cairn ce status t
	assert_success
	assert_line --index 0 "tx  Licensed Professional Counselor, rule tx-lpc"
	refute_line --regexp '^ncc '
	run --separate-stderr cairn ce status ny
	assert_failure 66
	assert_err "ny"
	assert_err "cairn license list"
	cairn license rm -q tx
	cairn license rm -q ncc
	run cairn ce status
	assert_success
	assert_output --partial "no licenses"
	assert_output --partial "cairn license add ID --rule RULE --expires DATE"
	assert_clean
}

@test "a CE file broken by hand: list and status name it (65) and still show the rest" {
	log_status_acts
	local f="$DATA/ce/2026/2026-02-01-trauma-focused-cbt.yaml"
	sed -i 's/^hours: 12$/hours: twelve/' "$f"
	hand_commit "break one activity"
	run --separate-stderr cairn ce list
	assert_failure 65
	assert_err "ce/2026/2026-02-01-trauma-focused-cbt.yaml:5:8: hours: expected a number, found 'twelve'"
	assert_line --regexp 'Ethics refresher'
	refute_output --partial "Trauma-focused CBT"
	run --separate-stderr cairn ce status tx
	assert_failure 65
	assert_err "2026-02-01-trauma-focused-cbt.yaml"
	assert_line --regexp '^  total +\[[#.]{10}\] +6 of 24 hours$'
	# rm is one way out of it
	run cairn ce rm 2026-02-01-trauma-focused-cbt
	assert_success
	run cairn ce list
	assert_success
	assert_clean
}
