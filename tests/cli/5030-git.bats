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
