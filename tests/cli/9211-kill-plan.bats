#!/usr/bin/env bats
# Kill tests (test builds: -DCAIRN_TESTING=ON): plan, license and rules commands killed with SIGKILL
# ${CAIRN_KILLS:-50} times each, at random fault points and after random delays. Afterwards
# nothing committed is lost, git fsck is clean, cairn doctor reports what was left, doctor
# --fix clears it, and the command then succeeds. The commands come from robust.bash.

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

@test "plan, license and rules commands survive SIGKILL at any moment" {
	local name
	for name in $(robust_names '^(plan|license|rules)-'); do
		kill_loop "$name"
	done
}
