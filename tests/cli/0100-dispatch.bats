#!/usr/bin/env bats
# cairn, the dispatcher: help, version, unknown commands, programs on PATH, global options.

load helpers

assert_command_list() {
	assert_line --partial "usage: cairn"
	assert_line --regexp '^  init +create the career repository$'
	assert_line --regexp '^  goal +add, follow and finish SMART goals$'
	assert_line --regexp '^  doctor +check every record'
	assert_line --regexp '^  help +show this list'
}

@test "cairn alone lists the built-in commands, one line each" {
	run --separate-stderr cairn
	assert_success
	assert_command_list
	assert_equal "$stderr" ""
}

@test "cairn help, cairn --help and cairn -h list the same commands" {
	run cairn help
	assert_success
	assert_command_list
	local help_out="$output"
	run cairn --help
	assert_success
	assert_equal "$output" "$help_out"
	run cairn -h
	assert_success
	assert_equal "$output" "$help_out"
}

@test "cairn --version prints the version, as do the programs" {
	run cairn --version
	assert_success
	assert_output --regexp '^cairn [0-9]+\.[0-9]+\.[0-9]+$'
	local version="$output"
	run cairn goal --version
	assert_success
	assert_output "$version"
}

@test "an unknown command near a real one: exit 2 and 'did you mean'" {
	run --separate-stderr cairn gaol list
	assert_failure 2
	assert_output ""
	assert_err "cairn: 'gaol' is not a cairn command"
	assert_err 'hint: did you mean `cairn goal`?'

	run --separate-stderr cairn doctr
	assert_failure 2
	assert_err 'did you mean `cairn doctor`?'
}

@test "an unknown command far from any: exit 2 and a pointer to cairn help" {
	run --separate-stderr cairn xyzzy
	assert_failure 2
	assert_err "'xyzzy' is not a cairn command"
	assert_err '`cairn help` lists the commands'
	refute_err "did you mean"
}

@test "a built-in command whose program cannot be found: exit 66 naming the program, no 'did you mean'" {
	[ ! -e /usr/local/libexec/cairn/cairn-init ] || skip "cairn is installed in /usr/local"
	mkdir -p "$BATS_TEST_TMPDIR/lone"
	cp "$CAIRN_BUILD_DIR/cairn" "$BATS_TEST_TMPDIR/lone/"
	run --separate-stderr env -u CAIRN_EXEC_PATH PATH=/nonexistent "$BATS_TEST_TMPDIR/lone/cairn" init
	assert_failure 66
	assert_err "cairn: cannot find the program cairn-init"
	assert_err "CAIRN_EXEC_PATH"
	refute_err "did you mean"
}

@test "a command name with a slash is never run as a path" {
	mkdir -p "$BATS_TEST_TMPDIR/bin"
	printf '#!/bin/sh\necho ran\n' >"$BATS_TEST_TMPDIR/bin/cairn-x"
	chmod +x "$BATS_TEST_TMPDIR/bin/cairn-x"
	run --separate-stderr cairn "../bin/x"
	assert_failure 2
	refute_output --partial ran
	assert_err "is not a cairn command"
}

@test "a user's own cairn-foo on PATH runs as 'cairn foo' with its arguments" {
	mkdir -p "$BATS_TEST_TMPDIR/bin"
	cat >"$BATS_TEST_TMPDIR/bin/cairn-foo" <<'EOF'
#!/bin/sh
echo "argc=$#"
for a in "$@"; do echo "arg=[$a]"; done
exit 3
EOF
	chmod +x "$BATS_TEST_TMPDIR/bin/cairn-foo"
	PATH="$BATS_TEST_TMPDIR/bin:$PATH" run cairn foo one "two words" --flag
	assert_failure 3
	assert_line --index 0 "argc=3"
	assert_line --index 1 "arg=[one]"
	assert_line --index 2 "arg=[two words]"
	assert_line --index 3 "arg=[--flag]"
}

@test "-C DIR is passed through to the program, before its arguments" {
	mkdir -p "$BATS_TEST_TMPDIR/bin"
	cat >"$BATS_TEST_TMPDIR/bin/cairn-foo" <<'EOF'
#!/bin/sh
for a in "$@"; do echo "arg=[$a]"; done
EOF
	chmod +x "$BATS_TEST_TMPDIR/bin/cairn-foo"
	PATH="$BATS_TEST_TMPDIR/bin:$PATH" run cairn -C /some/dir foo bar
	assert_success
	assert_equal "${lines[*]}" "arg=[-C] arg=[/some/dir] arg=[bar]"
}

@test "-C DIR chooses the data directory over CAIRN_DIR, before or after the command" {
	init_repo
	add_goal "Finish the ethics course" --id ethics-course
	export CAIRN_DIR="$BATS_TEST_TMPDIR/nowhere"

	run cairn -C "$DATA" goal list
	assert_success
	assert_output --partial "ethics-course"

	run cairn goal -C "$DATA" list
	assert_success
	assert_output --partial "ethics-course"

	run cairn goal list -C "$DATA"
	assert_success
	assert_output --partial "ethics-course"

	run cairn goal list --dir "$DATA"
	assert_success
	assert_output --partial "ethics-course"

	run cairn "-C$DATA" goal list
	assert_success
	assert_output --partial "ethics-course"

	run cairn goal list
	assert_failure 66
}

@test "--dir=DIR is accepted before the command as it is after it" {
	init_repo
	add_goal "Finish the ethics course" --id ethics-course
	export CAIRN_DIR="$BATS_TEST_TMPDIR/nowhere"

	run cairn goal list --dir="$DATA"
	assert_success
	assert_output --partial "ethics-course"

	run cairn --dir="$DATA" goal list
	assert_success
	assert_output --partial "ethics-course"
}

@test "an unknown global option: exit 2" {
	run --separate-stderr cairn --frobnicate goal list
	assert_failure 2
	assert_err "unknown option --frobnicate"
}

@test "-C without a directory: exit 2" {
	run --separate-stderr cairn -C
	assert_failure 2
	assert_err "-C needs a directory"
}

@test "cairn goal without a verb prints its usage on stderr and exits 2" {
	run --separate-stderr cairn goal
	assert_failure 2
	assert_output ""
	assert_err "usage: cairn goal add TITLE"
	assert_err "cairn goal list"
}

@test "cairn goal --help lists every verb on stdout" {
	run --separate-stderr cairn goal --help
	assert_success
	local verb
	for verb in add list show edit progress "step add" "step done" "step rm" done drop pause resume rm; do
		assert_line --regexp "^  $verb +[a-z]"
	done
	assert_equal "$stderr" ""
}

@test "cairn goal --help points at the manual page cairn-goal" {
	run cairn goal --help
	assert_success
	assert_output --partial "man cairn-goal"
	refute_output --partial "man cairn goal"
}

@test "verbs may be shortened to a unique prefix; an ambiguous one lists the candidates" {
	init_repo
	add_goal "Finish the ethics course" --id ethics-course

	run cairn goal li
	assert_success
	assert_output --partial "ethics-course"

	run --separate-stderr cairn goal s ethics-course
	assert_failure 2
	assert_err "command 's' is ambiguous: show, step"
}

@test "a two-word verb needs its second word" {
	init_repo
	run --separate-stderr cairn goal step
	assert_failure 2
	assert_err "'step' needs a command after it"

	run --separate-stderr cairn goal step frobnicate x y
	assert_failure 2
	assert_err "unknown command 'step frobnicate'"
}

@test "an unknown option of a verb: exit 2 with a pointer to that verb's help" {
	init_repo
	run --separate-stderr cairn goal list --frob
	assert_failure 2
	assert_err "cairn goal: unknown option --frob"
	assert_err 'hint: see `cairn goal list --help`'
}

@test "a missing or extra argument: exit 2" {
	init_repo
	run --separate-stderr cairn goal show
	assert_failure 2
	assert_err "needs ID"

	run --separate-stderr cairn goal show a b
	assert_failure 2
	assert_err "unexpected argument 'b'"
}

@test "an invalid CAIRN_TODAY is a usage error naming the variable" {
	init_repo
	CAIRN_TODAY=2026-13-01 run --separate-stderr cairn goal list
	assert_failure 2
	assert_err "CAIRN_TODAY"
}

@test "-q silences the success message but still does the work" {
	init_repo
	local before
	before=$(commits)
	run --separate-stderr cairn -q goal add "Finish the ethics course"
	assert_success
	assert_output ""
	assert_equal "$stderr" ""
	assert_new_commits "$before" 1
	[ -f "$(goal_file finish-the-ethics-course)" ]
}

@test "without CAIRN_DIR the data lives in \$XDG_DATA_HOME/cairn, else ~/.local/share/cairn" {
	unset CAIRN_DIR
	XDG_DATA_HOME="$BATS_TEST_TMPDIR/xdg" run cairn init
	assert_success
	[ -f "$BATS_TEST_TMPDIR/xdg/cairn/cairn.yaml" ]

	run cairn init
	assert_success
	[ -f "$HOME/.local/share/cairn/cairn.yaml" ]
	assert_equal "$(file_mode "$HOME/.local/share/cairn")" 700
}

@test "--json before the command is passed to it; a command without JSON output refuses it" {
	init_repo
	run cairn goal add "Lead a DBT skills group" --due +6m
	assert_success
	run --separate-stderr cairn goal list --json
	local after="$output"
	run --separate-stderr cairn --json goal list
	assert_success
	assert_output "$after"
	run --separate-stderr cairn --json goal progress lead 1
	assert_failure 2
	assert_err "has no JSON output (--json)"
	run grep -c "progress" "$DATA/goals/lead-a-dbt-skills-group.yaml"
	assert_output 0
}
