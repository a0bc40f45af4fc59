#!/usr/bin/env bats
# cairn init: the data repository, its modes, idempotence, refusals; no repository elsewhere.

load helpers

@test "init creates the repository, the profile and one commit 'init: NAME'" {
	run --separate-stderr cairn init --name "Dana Reyes"
	assert_success
	assert_output "created the cairn repository $DATA"
	assert_equal "$stderr" ""
	[ -d "$DATA/.git" ]
	run cat "$DATA/cairn.yaml"
	assert_line "format: 1"
	assert_line "name: Dana Reyes"
	assert_equal "$(commits)" 1
	assert_last_commit "init: Dana Reyes" cairn.yaml
	assert_equal "$(dgit symbolic-ref --short HEAD)" main
	assert_clean
}

@test "init without a name still makes its first commit" {
	run cairn init
	assert_success
	assert_equal "$(commits)" 1
	assert_last_commit "init: cairn" cairn.yaml
	run cat "$DATA/cairn.yaml"
	assert_line "format: 1"
	refute_line --partial "name:"
	assert_clean
}

@test "init: the data directory, .git and every new folder 0700, the profile 0600, under umask 022" {
	umask 022
	export CAIRN_DIR="$BATS_TEST_TMPDIR/deep/er/data"
	run cairn init --name "Dana Reyes"
	assert_success
	assert_equal "$(file_mode "$CAIRN_DIR")" 700
	assert_equal "$(file_mode "$CAIRN_DIR/.git")" 700
	assert_equal "$(file_mode "$CAIRN_DIR/cairn.yaml")" 600
	assert_equal "$(file_mode "$BATS_TEST_TMPDIR/deep")" 700
}

@test "init: modes stay private under umask 000 too" {
	umask 000
	run cairn init
	assert_success
	assert_equal "$(file_mode "$DATA")" 700
	assert_equal "$(file_mode "$DATA/.git")" 700
	assert_equal "$(file_mode "$DATA/cairn.yaml")" 600
}

@test "init: the commit is authored by the name given, as the profile name" {
	run cairn init --name "Dana Reyes"
	assert_success
	assert_equal "$(dgit log -1 --format=%an)" "Dana Reyes"
}

@test "init twice: exit 0, says nothing changed, no new commit, profile untouched" {
	init_repo
	local before sum
	before=$(head_id)
	sum=$(sha "$DATA/cairn.yaml")
	run cairn init --name "Somebody Else"
	assert_success
	assert_output "$DATA is a cairn repository already; nothing changed"
	assert_head_unchanged "$before"
	assert_equal "$(sha "$DATA/cairn.yaml")" "$sum"
	assert_clean
}

@test "init -C DIR creates the repository there" {
	run cairn init -C "$BATS_TEST_TMPDIR/elsewhere"
	assert_success
	[ -f "$BATS_TEST_TMPDIR/elsewhere/cairn.yaml" ]
	[ ! -e "$DATA" ]
}

@test "init in an existing empty folder is fine" {
	mkdir "$DATA"
	run cairn init
	assert_success
	[ -f "$DATA/cairn.yaml" ]
	assert_clean
}

@test "init in a non-empty folder that is not a git repository is refused (exit 2)" {
	mkdir "$DATA"
	echo "my notes" >"$DATA/notes.txt"
	run --separate-stderr cairn init
	assert_failure 2
	assert_err "$DATA is not empty and not a git repository"
	assert_err "hint: choose an empty or new folder"
	[ ! -e "$DATA/.git" ]
	[ ! -e "$DATA/cairn.yaml" ]
	assert_equal "$(cat "$DATA/notes.txt")" "my notes"
	assert_equal "$(ls -A "$DATA")" "notes.txt"
}

@test "init --remote with a password in the URL is refused; nothing is created" {
	run --separate-stderr cairn init --remote "https://dana:s3cret@git.example.org/dana/career.git"
	assert_failure 2
	assert_err "the remote URL holds a password"
	assert_err "hint:"
	refute_err "s3cret"
	[ ! -e "$DATA" ]
}

@test "init --remote with an ssh URL records it as origin" {
	run cairn init --remote "git@git.example.org:dana/career.git"
	assert_success
	assert_equal "$(dgit remote get-url origin)" "git@git.example.org:dana/career.git"
	assert_clean
}

@test "without a repository, other commands exit 66 and say to run cairn init" {
	local cmd
	for cmd in "goal list" "goal show x" "goal add Title" "goal progress x 1" "doctor"; do
		# shellcheck disable=SC2086
		run --separate-stderr cairn $cmd
		assert_failure 66
		assert_err "no cairn repository at $DATA"
		assert_err 'run `cairn init`'
	done
	[ ! -e "$DATA" ]
}

@test "a git repository without cairn.yaml is not a cairn repository (exit 66)" {
	mkdir -p "$DATA"
	git init -q "$DATA"
	run --separate-stderr cairn goal list
	assert_failure 66
	assert_err "is not a cairn repository (no cairn.yaml)"
	assert_err 'cairn init'
}

@test "init --help lists its options" {
	run cairn init --help
	assert_success
	assert_line --partial "usage: cairn init [--name NAME] [--remote URL]"
	assert_output --partial "--name NAME"
	assert_output --partial "--remote URL"
}
