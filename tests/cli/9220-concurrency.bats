#!/usr/bin/env bats
# Concurrency: cairn beside cairn (the writer lock), beside a reader, and beside a person
# committing with git by hand (libgit2's lock and "modified" errors, retried). No commit is
# lost on either side, and every cairn exit is 0 or 75 (try again).

load helpers

setup() {
	common_setup
	init_repo
	export CAIRN_LOCK_TIMEOUT=30
}

# retry_75 LOG ARGS... — cairn ARGS, again while it exits 75 (as cron would); every exit
# status goes to LOG; fails on any other status.
retry_75() {
	local log=$1 rc
	shift
	while :; do
		rc=0
		cairn "$@" >/dev/null 2>>"$log.err" || rc=$?
		echo "$rc" >>"$log"
		((rc == 75)) || return "$rc"
	done
}

@test "two processes logging 100 CE activities each end with exactly 200 in HEAD" {
	local before
	before=$(commits)
	(for i in $(seq 1 100); do retry_75 "$BATS_TEST_TMPDIR/a" ce log "Workshop A$i" --hours 1 \
		--date 2026-11-20 || exit 1; done) &
	local a=$!
	(for i in $(seq 1 100); do retry_75 "$BATS_TEST_TMPDIR/b" ce log "Workshop B$i" --hours 1 \
		--date 2026-11-21 || exit 1; done) &
	local b=$!
	wait "$a" || fail "writer A failed: $(sort "$BATS_TEST_TMPDIR/a" | uniq -c) $(cat "$BATS_TEST_TMPDIR/a.err")"
	wait "$b" || fail "writer B failed: $(sort "$BATS_TEST_TMPDIR/b" | uniq -c) $(cat "$BATS_TEST_TMPDIR/b.err")"
	assert_equal "$(dgit ls-tree -r --name-only HEAD ce | wc -l)" 200
	assert_equal "$(commits)" "$((before + 200))"
	assert_equal "$(cat "$BATS_TEST_TMPDIR/a" "$BATS_TEST_TMPDIR/b" | grep -cvx '0\|75')" 0
	assert_clean
	echo "# exits: $(cat "$BATS_TEST_TMPDIR/a" "$BATS_TEST_TMPDIR/b" | sort | uniq -c | xargs)" >&3
}

@test "a cairn remind loop beside a goal add loop: every reminder run succeeds, every goal lands" {
	local stop="$BATS_TEST_TMPDIR/stop" runs=0 rc
	(for i in $(seq 1 60); do retry_75 "$BATS_TEST_TMPDIR/w" goal add "Finish module $i" \
		--id m-$i --due 2026-12-10 || exit 1; done; touch "$stop") &
	local w=$!
	while [[ ! -e "$stop" ]] && kill -0 "$w" 2>/dev/null; do
		rc=0
		cairn remind --within 30d >/dev/null 2>>"$BATS_TEST_TMPDIR/r.err" || rc=$?
		((rc == 0)) || fail "cairn remind exited $rc: $(cat "$BATS_TEST_TMPDIR/r.err")"
		runs=$((runs + 1))
	done
	wait "$w" || fail "the writer failed: $(cat "$BATS_TEST_TMPDIR/w.err")"
	assert_equal "$(dgit ls-tree --name-only HEAD goals/ | wc -l)" 60
	run cairn remind --within 30d
	assert_success
	assert_output --partial "Finish module 60"
	assert_clean
	echo "# $runs remind runs beside 60 goal adds" >&3
}

@test "cairn beside git commit by hand in the same repository: no commit lost on either side" {
	local hand=0
	(for i in $(seq 1 60); do retry_75 "$BATS_TEST_TMPDIR/c" goal add "Read book $i" \
		--id book-$i --due 2027-06-30 || exit 1; done) &
	local c=$!
	# the person: a note, git add, git commit; again when git finds the index locked
	for i in $(seq 1 60); do
		echo "supervision note $i" >"$DATA/note-$i.txt"
		until git -C "$DATA" add "note-$i.txt" 2>/dev/null &&
			git -C "$DATA" -c user.name=Hand -c user.email=hand@example.org \
				commit -q -m "hand note $i" -- "note-$i.txt" 2>/dev/null; do
			hand=$((hand + 1))
			((hand < 5000)) || fail "git by hand could never commit"
			sleep 0.01
		done
	done
	wait "$c" || fail "cairn failed: $(sort "$BATS_TEST_TMPDIR/c" | uniq -c) $(cat "$BATS_TEST_TMPDIR/c.err")"
	assert_equal "$(dgit ls-tree --name-only HEAD goals/ | wc -l)" 60
	assert_equal "$(dgit ls-tree --name-only HEAD | grep -c '^note-')" 60
	assert_equal "$(dgit log --format=%s | grep -c '^hand note ')" 60
	assert_equal "$(dgit log --format=%s | grep -c '^goal add: ')" 60
	assert_equal "$(grep -cvx '0\|75' "$BATS_TEST_TMPDIR/c")" 0
	assert_clean
	echo "# 60 cairn commits, 60 hand commits ($hand retries by hand), cairn exits: $(sort "$BATS_TEST_TMPDIR/c" | uniq -c | xargs)" >&3
}
