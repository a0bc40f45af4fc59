#!/usr/bin/env bats
# Fault injection (test builds: -DCAIRN_TESTING=ON): every step of the write road made to
# fail in turn — open, write, fsync, rename, unlink, mkdir and each git step — for the
# commands that matter most, then every mutating command with a failure that persists.
# After a failure the repository is exactly as before; after success the change is whole.

load helpers
load robust

setup_file() {
	fixture_build robust_fixture
}

setup() {
	common_setup
	robust_setup
	require_fault_seams
}

@test "goal add: every injected failure leaves the repository as it was" {
	fault_loop goal-add
}

@test "goal edit: every injected failure leaves the repository as it was" {
	fault_loop goal-edit
}

@test "goal progress: every injected failure leaves the repository as it was" {
	fault_loop goal-progress
}

@test "ce log with a certificate: every injected failure leaves the repository as it was" {
	fault_loop ce-log
}

@test "plan review: every injected failure leaves the repository as it was" {
	fault_loop plan-review
}

@test "every mutating command: a failure that persists is undone, by doctor --fix if not at once" {
	local name
	for name in $(robust_names .); do
		persist_round "$name"
	done
}
