#!/usr/bin/env bats
# Proof of CE: `ce log --cert` keeps the certificate in certificates/ named by its content;
# `ce audit` writes the folder a board's auditor asks for; doctor checks the references.
# Today is 2026-11-28; license tx expires 2027-06-30 (window 2025-07-01..2027-06-30).

load helpers

setup() {
	common_setup
	init_repo
	run cairn rules add "$CAIRN_SOURCE_DIR/examples/rules/tx-lpc.yaml"
	assert_success
	run cairn license add tx --rule tx-lpc --issued 2019-07-01 --expires 2027-06-30 \
		--number 12345 --title "Licensed Professional Counselor"
	assert_success
	PDF="$BATS_TEST_TMPDIR/Ethics Certificate (2026).pdf"
	printf '%%PDF-1.4\n1 0 obj << >> endobj\n%%%%EOF\n' >"$PDF"
}

@test "--cert keeps a PDF in certificates/<sha256-12>-<name>, in the same commit as the activity" {
	local sum
	sum=$(sha256sum "$PDF" | cut -c1-12)
	run cairn ce log "Ethics in telehealth" --hours 3 --date 2026-03-14 --topic ethics=3 \
		--cert "$PDF"
	assert_success
	assert_output "logged 2026-03-14-ethics-in-telehealth (3 hours)"
	[ -f "$DATA/certificates/$sum-ethics-certificate-2026.pdf" ]
	cmp "$PDF" "$DATA/certificates/$sum-ethics-certificate-2026.pdf"
	run grep '^certificate: ' "$DATA/ce/2026/2026-03-14-ethics-in-telehealth.yaml"
	assert_output "certificate: certificates/$sum-ethics-certificate-2026.pdf"
	assert_last_commit "ce log: 2026-03-14-ethics-in-telehealth" \
		"ce/2026/2026-03-14-ethics-in-telehealth.yaml" \
		"certificates/$sum-ethics-certificate-2026.pdf"
	run stat -c %a "$DATA/certificates/$sum-ethics-certificate-2026.pdf"
	assert_output 600
	assert_clean
}

@test "the same certificate twice is stored once; PNG and JPEG are known by their first bytes" {
	run cairn ce log "Part one" --hours 1 --date 2026-03-14 --cert "$PDF"
	assert_success
	run cairn ce log "Part two" --hours 1 --date 2026-03-15 --cert "$PDF"
	assert_success
	run bash -c "ls '$DATA/certificates' | wc -l"
	assert_output 1
	printf '\x89PNG\r\n\x1a\nrest' >"$BATS_TEST_TMPDIR/scan.dat"
	run cairn ce log "A scan" --hours 1 --date 2026-03-16 --cert "$BATS_TEST_TMPDIR/scan.dat"
	assert_success
	printf '\xff\xd8\xff\xe0rest' >"$BATS_TEST_TMPDIR/photo.dat"
	run cairn ce log "A photo" --hours 1 --date 2026-03-17 --cert "$BATS_TEST_TMPDIR/photo.dat"
	assert_success
	run bash -c "ls '$DATA/certificates' | wc -l"
	assert_output 3
	assert_clean
}

@test "a certificate that is not PDF, PNG or JPEG, over 20 MiB, or missing is refused; nothing written" {
	local before
	before=$(commits)
	echo "just text" >"$BATS_TEST_TMPDIR/cert.pdf"
	run --separate-stderr cairn ce log "Text" --hours 1 --cert "$BATS_TEST_TMPDIR/cert.pdf"
	assert_failure 65
	assert_err "is not a PDF, PNG or JPEG file"
	{ printf '%%PDF-1.4\n'; head -c $((20 * 1024 * 1024)) /dev/zero; } >"$BATS_TEST_TMPDIR/big.pdf"
	run --separate-stderr cairn ce log "Big" --hours 1 --cert "$BATS_TEST_TMPDIR/big.pdf"
	assert_failure 65
	assert_err "is over 20 MiB"
	run --separate-stderr cairn ce log "Gone" --hours 1 --cert "$BATS_TEST_TMPDIR/nope.pdf"
	assert_failure 66
	assert_equal "$(commits)" "$before"
	[ ! -e "$DATA/ce" ]
	[ ! -e "$DATA/certificates" ]
	assert_clean
}

@test "ce audit writes the certificates, summary.csv and summary.md, and names the activities without proof" {
	run cairn ce log "Ethics in telehealth" --hours 3 --date 2026-03-14 --topic ethics=3 \
		--provider "Texas Counseling Association" --approval "TCA 1234" --format live-online \
		--cert "$PDF"
	run cairn ce log "Trauma, part 1" --hours 6 --date 2026-04-01 --topic trauma=6
	run cairn ce log "Before the cycle" --hours 5 --date 2025-06-30 --cert "$PDF"
	local before
	before=$(snapshot)
	run --separate-stderr cairn ce audit tx --out "$BATS_TEST_TMPDIR/audit"
	assert_failure 1
	assert_output "audit pack for tx, 2025-07-01 to 2027-06-30, in $BATS_TEST_TMPDIR/audit: 2 activities, 1 certificate"
	assert_err "missing proof: 1 counting activity without a certificate"
	assert_err "2026-04-01-trauma-part-1"
	cmp "$PDF" "$BATS_TEST_TMPDIR/audit/2026-03-14-ethics-in-telehealth.pdf"
	run cat "$BATS_TEST_TMPDIR/audit/summary.csv"
	assert_line --index 0 $'date,id,title,provider,approval,format,hours,counted,topics,certificate\r'
	assert_line --index 1 $'2026-03-14,2026-03-14-ethics-in-telehealth,Ethics in telehealth,Texas Counseling Association,TCA 1234,live-online,3,3,ethics 3,2026-03-14-ethics-in-telehealth.pdf\r'
	assert_line --index 2 $'2026-04-01,2026-04-01-trauma-part-1,"Trauma, part 1",,,,6,6,trauma 6,\r'
	assert_equal "${#lines[@]}" 3
	run cat "$BATS_TEST_TMPDIR/audit/summary.md"
	assert_line "# CE audit: tx — Licensed Professional Counselor"
	assert_line "- License number: 12345"
	assert_line "- Cycle: 2025-07-01 to 2027-06-30"
	assert_line "## Missing proof"
	assert_line "- 2026-04-01-trauma-part-1"
	assert_output --partial "Hours that count in this cycle: 9"
	# the repository is not touched
	assert_equal "$(snapshot)" "$before"
	assert_clean
}

@test "ce audit --cycle previous, all proof there: exit 0; an existing folder is refused" {
	run cairn ce log "Before the cycle" --hours 5 --date 2025-06-30 --cert "$PDF"
	run cairn ce audit tx --out "$BATS_TEST_TMPDIR/prev" --cycle previous
	assert_success
	assert_output "audit pack for tx, 2023-07-01 to 2025-06-30, in $BATS_TEST_TMPDIR/prev: 1 activity, 1 certificate"
	run --separate-stderr cairn ce audit tx --out "$BATS_TEST_TMPDIR/prev"
	assert_failure 2
	assert_err "exists and is not an empty folder"
	run --separate-stderr cairn ce audit tx --out "$BATS_TEST_TMPDIR/x" --cycle last
	assert_failure 2
	run --separate-stderr cairn ce audit nope --out "$BATS_TEST_TMPDIR/y"
	assert_failure 66
}

@test "doctor checks CE records and their references: a rule that is gone, a certificate that is gone" {
	run cairn ce log "Ethics" --hours 3 --date 2026-03-14 --topic ethics=3 --cert "$PDF"
	run cairn doctor
	assert_success
	rm "$DATA"/certificates/*
	run cairn doctor
	assert_failure 65
	assert_output --partial "error: ce/2026/2026-03-14-ethics.yaml: certificate: certificates/"
	dgit checkout -q certificates
	sed -i 's/^hours: 3$/hours: 2/' "$DATA/ce/2026/2026-03-14-ethics.yaml"
	run cairn doctor
	assert_failure 65
	assert_output --partial "topics add up to 3 hours, more than the activity's 2"
	dgit checkout -q ce
	dgit rm -q rules/tx-lpc.yaml
	dgit -c user.name=Dana -c user.email=dana@example.org commit -qm "rule removed by hand"
	run cairn doctor
	assert_failure 65
	assert_output --partial "error: cairn.yaml: license tx: rule 'tx-lpc' is not in rules/"
}
