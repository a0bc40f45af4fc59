#!/usr/bin/env bats
# CE activities that are wrong in ways the bad-input corpus found: a certificate that names a
# file outside certificates/ (read by `ce show`, copied by `ce audit`, committed by `doctor
# --fix`), `ce rm` of a file git could not give back (invalid, or never committed), and a file
# in the folder of another year (or with an id without its date) that `ce show` named wrongly.
# Today is 2026-11-28; license tx-lpc expires 2027-06-30 (window 2025-07-01..2027-06-30).

load helpers

ETHICS=2026-10-05-ethics
REL=ce/2026/$ETHICS.yaml

setup() {
	common_setup
	init_repo
	run cairn rules add "$CAIRN_SOURCE_DIR/examples/rules/tx-lpc.yaml"
	assert_success
	run cairn license add tx-lpc --rule tx-lpc --issued 2019-07-01 --expires 2027-06-30
	assert_success
	run cairn ce log "Base course" --hours 3 --date 2026-10-01
	assert_success
}

# activity FILE [EXTRA-LINE...] — writes a valid activity 2026-10-05-ethics to FILE (relative to
# the data directory), with the extra lines after the known ones (line 5 is the first).
activity() {
	local file="$DATA/$1"
	shift
	mkdir -p "$(dirname "$file")"
	printf 'id: %s\ndate: 2026-10-05\ntitle: Ethics in telehealth practice\nhours: 3\n' \
		"${ID:-$ETHICS}" >"$file"
	if (($#)); then
		printf '%s\n' "$@" >>"$file"
	fi
}

@test "a certificate outside certificates/ is refused with file:line:col by show, list, status and audit" {
	local cert before state
	before=$(commits)
	for cert in ../../../../../../../../etc/passwd /etc/passwd certificates/../cairn.yaml \
		certificates/sub/x.pdf; do
		activity "$REL" "certificate: $cert"
		state=$(tree_state)
		run --separate-stderr cairn ce show $ETHICS
		assert_failure 65
		assert_err "$REL:5:14: certificate: '$cert' is not a file in certificates/"
		refute_output --partial root:
		run --separate-stderr cairn ce list
		assert_failure 65
		assert_err "$REL:5:14: certificate"
		run --separate-stderr cairn ce status tx-lpc
		assert_failure 65
		assert_err "$REL:5:14: certificate"
		run --separate-stderr cairn ce audit tx-lpc --out "$BATS_TEST_TMPDIR/audit"
		assert_failure 65
		assert_err "$REL:5:14: certificate"
		# nothing of /etc (or of the repository) is copied: no pack at all
		[ ! -e "$BATS_TEST_TMPDIR/audit" ]
		assert_equal "$(tree_state)" "$state"
	done
	assert_equal "$(commits)" "$before"
}

@test "doctor reports a certificate outside certificates/ as invalid and --fix does not commit it" {
	local cert before
	# paths that reach the real /etc/passwd from the data directory, as the corpus's do
	for cert in ../../../../../../../../../../etc/passwd /etc/passwd; do
		activity "$REL" "certificate: $cert"
		before=$(head_id)
		run cairn doctor
		assert_failure 65
		assert_output --partial "error: $REL:5:14: certificate: '$cert' is not a file in certificates/"
		run cairn doctor --fix
		assert_failure 65
		assert_output --partial "error: $REL"
		assert_head_unchanged "$before"
		run dgit status --porcelain --untracked-files=all
		assert_output "?? $REL"
		run dgit ls-files -- "$REL"
		assert_output ""
	done
}

@test "a certificate in certificates/ still shows, and its audit copy is the file itself" {
	local sum
	printf '%%PDF-1.4\n%%%%EOF\n' >"$BATS_TEST_TMPDIR/cert.pdf"
	sum=$(sha256sum "$BATS_TEST_TMPDIR/cert.pdf" | cut -c1-12)
	run cairn ce log "Ethics in telehealth practice" --hours 3 --date 2026-10-05 \
		--cert "$BATS_TEST_TMPDIR/cert.pdf"
	assert_success
	run cairn ce show $ETHICS
	assert_success
	assert_output --partial "proof     certificates/$sum-cert.pdf"
	run cairn ce audit tx-lpc --out "$BATS_TEST_TMPDIR/audit"
	# the base course has no certificate: missing proof, exit 1, the pack written
	assert_failure 1
	cmp "$BATS_TEST_TMPDIR/cert.pdf" \
		"$BATS_TEST_TMPDIR/audit/$ETHICS-in-telehealth-practice.pdf"
	assert_clean
}

@test "ce rm of an invalid file not committed is refused with file:line:col, and nothing is written" {
	local before state
	# the corpus's ce-duplicate-key: placed by hand, never committed
	activity "$REL" "hours: 4"
	before=$(head_id)
	state=$(tree_state)
	run --separate-stderr cairn ce rm $ETHICS
	assert_failure 65
	assert_err "$REL:5:1: duplicate key 'hours'"
	assert_err "not removed: it was never committed"
	refute_output --partial "git log"
	[ -f "$DATA/$REL" ]
	assert_head_unchanged "$before"
	assert_equal "$(tree_state)" "$state"

	# a committed activity broken by hand, the break not committed: refused the same way
	local BASE=ce/2026/2026-10-01-base-course.yaml
	sed -i 's/^hours: 3$/hours: three/' "$DATA/$BASE"
	state=$(tree_state)
	run --separate-stderr cairn ce rm 2026-10-01-base-course
	assert_failure 65
	assert_err "$BASE:4:8: hours: expected a number, found 'three'"
	assert_err "not removed: its changes are not committed"
	assert_head_unchanged "$before"
	assert_equal "$(tree_state)" "$state"

	# committed as it is, git keeps it: removing it is one way out of it
	hand_commit "broken by hand"
	run cairn ce rm $ETHICS
	assert_success
	assert_output "removed $ETHICS (\`git log\` keeps it)"
	assert_last_commit "ce rm: $ETHICS" "$REL"
	run dgit show "HEAD~1:$REL"
	assert_output --partial "hours: 4"
	[ ! -e "$DATA/$REL" ]
	assert_clean
}

@test "ce rm of a file never committed, or with changes not committed, is refused; git keeps what it removes" {
	local before state
	activity "$REL"
	before=$(head_id)
	state=$(tree_state)
	run --separate-stderr cairn ce rm $ETHICS
	assert_failure 65
	assert_err "$REL: never committed: removing it would lose it for good"
	assert_err "cairn doctor --fix"
	refute_output --partial "git log"
	[ -f "$DATA/$REL" ]
	assert_head_unchanged "$before"
	assert_equal "$(tree_state)" "$state"

	# committed, then changed by hand
	run cairn doctor --fix
	assert_success
	before=$(head_id)
	echo "notes: changed by hand" >>"$DATA/$REL"
	state=$(tree_state)
	run --separate-stderr cairn ce rm $ETHICS
	assert_failure 65
	assert_err "$REL: changed since its last commit"
	assert_head_unchanged "$before"
	assert_equal "$(tree_state)" "$state"

	# as committed: removed in one commit, and git does keep it
	dgit checkout -q -- "$REL"
	run cairn ce rm $ETHICS
	assert_success
	assert_output "removed $ETHICS (\`git log\` keeps it)"
	assert_last_commit "ce rm: $ETHICS" "$REL"
	run dgit show "HEAD~1:$REL"
	assert_success
	assert_output --partial "title: Ethics in telehealth practice"
	assert_clean
}

@test "a file in another year's folder is named as it is by show and rm (not ce/2026/...)" {
	local before state
	activity ce/2025/$ETHICS.yaml
	before=$(head_id)
	state=$(tree_state)
	run --separate-stderr cairn ce show $ETHICS
	assert_failure 65
	assert_err "ce/2025/$ETHICS.yaml: id '$ETHICS' is in the folder of the year 2025"
	assert_err "move the file to ce/2026/"
	refute_err "$REL"
	run --separate-stderr cairn ce show 2026-10-05
	assert_failure 65
	assert_err "ce/2025/$ETHICS.yaml"
	run --separate-stderr cairn ce rm $ETHICS
	assert_failure 65
	assert_err "ce/2025/$ETHICS.yaml: id '$ETHICS' is in the folder of the year 2025"
	assert_err "not removed: it was never committed"
	[ -f "$DATA/ce/2025/$ETHICS.yaml" ]
	assert_head_unchanged "$before"
	assert_equal "$(tree_state)" "$state"

	# committed as it is: ce rm removes that file, the one that holds the id
	hand_commit "misplaced by hand"
	run cairn ce rm $ETHICS
	assert_success
	assert_last_commit "ce rm: $ETHICS" "ce/2025/$ETHICS.yaml"
	assert_clean

	# in its own folder with a copy left in another: one activity, not an ambiguous prefix
	activity "$REL"
	activity ce/2025/$ETHICS.yaml
	run cairn ce show 2026-10-05
	assert_success
	assert_output --partial "$ETHICS  Ethics in telehealth practice"
}

@test "an id that does not start with its date is named with its file, not a folder made up from it" {
	ID=ethics-course activity ce/2026/ethics-course.yaml
	run --separate-stderr cairn ce show ethics-course
	assert_failure 65
	assert_err "ce/2026/ethics-course.yaml: id 'ethics-course' does not start with its date 2026-10-05"
	refute_err "ce/ethi/"
	refute_err "folder of the year"
	run --separate-stderr cairn ce rm ethics
	assert_failure 65
	assert_err "ce/2026/ethics-course.yaml: id 'ethics-course' does not start with its date"
	[ -f "$DATA/ce/2026/ethics-course.yaml" ]
}

@test "an id on the command line that could leave ce/ is a usage error" {
	local arg
	for arg in /etc/passwd ../../etc/passwd 2026/../x; do
		run --separate-stderr cairn ce show "$arg"
		assert_failure 2
		assert_err "'$arg' is not valid"
		run --separate-stderr cairn ce rm "$arg"
		assert_failure 2
		assert_err "'$arg' is not valid"
	done
	assert_clean
}

@test "a certificate committed as a symbolic link to /etc/passwd is not followed by show or audit" {
	mkdir -p "$DATA/certificates"
	ln -s /etc/passwd "$DATA/certificates/abc-cert.pdf"
	activity "$REL" "certificate: certificates/abc-cert.pdf"
	dgit add -A
	dgit -c user.name=Hand -c user.email=hand@example.org commit -q -m "a link by hand"
	run --separate-stderr cairn ce audit tx-lpc --out "$BATS_TEST_TMPDIR/audit"
	assert_equal "$status" 74
	assert_err "certificates/abc-cert.pdf: cannot read: a symbolic link, not a file"
	if [ -d "$BATS_TEST_TMPDIR/audit" ]; then
		run grep -rl "root:" "$BATS_TEST_TMPDIR/audit"
		assert_failure
	fi
}
