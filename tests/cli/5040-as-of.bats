#!/usr/bin/env bats
# --as-of DATE on goal show, plan show and ce status: the records as they stood at the last
# commit on or before DATE. Commit dates are set with git's own GIT_COMMITTER_DATE.

load helpers

# at DATE cairn ARGS... — a command made on DATE: its commit is dated DATE.
at() {
	local d=$1
	shift
	GIT_COMMITTER_DATE=$d GIT_AUTHOR_DATE=$d CAIRN_TODAY=$d run cairn "$@"
	assert_success
}

setup() {
	common_setup
	at 2026-01-05 init --name "Dana Reyes"
	at 2026-01-10 goal add "Lead DBT skills groups" --id dbt --due 2026-12-31 --metric groups --target 5
	at 2026-02-10 goal progress dbt 2
	at 2026-03-10 goal progress dbt 4
	export CAIRN_TODAY=2026-04-01
	# the views of the past are made here, to be counted
	export TMPDIR="$BATS_TEST_TMPDIR/tmp"
	mkdir -p "$TMPDIR"
}

@test "goal show --as-of: between commits, on a commit's day, and today's" {
	run --separate-stderr cairn goal show dbt --as-of 2026-02-20
	assert_success
	assert_line "measure    groups: 2 of 5  [####......] 40%"
	assert_err "as of 2026-02-10, commit "
	run --separate-stderr cairn goal show dbt --as-of 2026-03-10
	assert_line "measure    groups: 4 of 5  [########..] 80%"
	run --separate-stderr cairn goal show dbt --as-of 2026-02-20 --json
	run /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["measure"]["current"])' <<<"$output"
	assert_output 2
}

@test "--as-of before the first commit, or before the goal existed: a clear message, 66" {
	run --separate-stderr cairn goal show dbt --as-of 2026-01-01
	assert_failure 66
	assert_err "no commit on or before 2026-01-01"
	assert_err "the history starts on 2026-01-05"
	run --separate-stderr cairn goal show dbt --as-of 2026-01-07
	assert_failure 66
	assert_err "no goal 'dbt'"
}

@test "plan show and ce status --as-of read the past too; nothing is left behind" {
	at 2026-03-15 plan new growth --start 2026-03-01 --end 2027-02-28 --goal dbt
	at 2026-03-20 rules add "$CAIRN_SOURCE_DIR/examples/rules/tx-lpc.yaml"
	at 2026-03-20 license add tx --rule tx-lpc --issued 2019-08-14 --expires 2027-08-31
	at 2026-03-25 ce log "Ethics" --hours 6 --date 2026-03-25 --topic ethics=6
	run --separate-stderr cairn plan show growth --as-of 2026-03-16
	assert_success
	assert_line --regexp '^  dbt +active +\[########\.\.\] +80%'
	run --separate-stderr cairn plan show growth --as-of 2026-03-01
	assert_failure 66
	run --separate-stderr cairn ce status --as-of 2026-03-21
	assert_success
	assert_line --regexp '^  total +\[\.\.\.\.\.\.\.\.\.\.\] +0 of 24 hours$'
	run --separate-stderr cairn ce status --as-of 2026-03-26
	assert_line --regexp '^  total +\[###\.\.\.\.\.\.\.\] +6 of 24 hours$'
	run bash -c "ls -d '$TMPDIR'/cairn-as-of.* 2>/dev/null | wc -l"
	assert_output 0
	assert_clean
}
