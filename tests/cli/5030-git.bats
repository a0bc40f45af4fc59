#!/usr/bin/env bats
# cairn git ARGS: git run in the data directory, from anywhere; its exit status is git's.

load helpers

setup() {
	common_setup
	init_repo
	run cairn goal add "Earn the NCC" --id ncc --due 2027-09-30
}

@test "cairn git runs git in the data directory from anywhere, with git's exit status" {
	cd "$BATS_TEST_TMPDIR"
	run cairn git log --format=%s -1
	assert_success
	assert_output "goal add: ncc"
	run cairn -C "$DATA" git rev-parse --show-toplevel
	assert_output "$(cd "$DATA" && pwd -P)"
	run cairn git no-such-git-command
	assert_failure
	assert_output --partial "no-such-git-command"
}

@test "cairn git without a repository: exit 66 with the hint to run cairn init" {
	CAIRN_DIR="$BATS_TEST_TMPDIR/none" run --separate-stderr cairn git status
	assert_failure 66
	assert_err "cairn init"
}

@test "after cairn's commits git's cache of the index's trees stays valid, and true" {
	run cairn ce log "Ethics in telehealth" --hours 3 --provider PESI --format live-online \
		--date 2026-10-01
	assert_success
	dgit write-tree >/dev/null # git fills the cache
	run cairn goal add "Lead a consultation group" --id group --due 2027-06-30
	assert_success
	run cairn goal progress ncc +1
	assert_success
	run cairn ce log "Trauma-focused CBT" --hours 6 --provider PESI --format live-online \
		--date 2026-10-02
	assert_success
	run tree_cache_top
	assert_output "$(dgit ls-files | wc -l) $(dgit rev-parse 'HEAD^{tree}')"
	assert_clean
	# a folder that appears: the nodes above it are let go, for git to make again
	CAIRN_TODAY=2027-01-10 run cairn ce log "Ethics next year" --hours 3 --provider PESI \
		--format live-online \
		--date 2027-01-05
	assert_success
	run tree_cache_top
	assert_output "-1"
	assert_clean
	# what a person staged by hand stays staged, and the cache does not hide it
	dgit write-tree >/dev/null
	echo "notes" >notes.txt
	cp notes.txt "$DATA/notes.txt"
	dgit add notes.txt
	run cairn goal progress ncc +1
	assert_success
	run dgit status --porcelain
	assert_output "A  notes.txt"
	assert_tree_cache_true
}
