# Shared setup for the cairn end-to-end tests (bats).
#
# Every test gets a fresh temporary directory (BATS_TEST_TMPDIR) with its own HOME, its own
# git configuration (no user.name anywhere, so cairn's identity rules show), a data directory
# $DATA that does not exist yet, and "today" pinned to 2026-11-28.
#
# Run one file by hand:
#   CAIRN_BUILD_DIR=build CAIRN_SOURCE_DIR=. bats tests/cli/1000-goal-add.bats

bats_require_minimum_version 1.5.0

load '/usr/lib/bats/bats-support/load'
load '/usr/lib/bats/bats-assert/load'

TODAY=2026-11-28

# common_setup [BASE] — the environment of one test, under BASE (default BATS_TEST_TMPDIR;
# setup_file passes BATS_FILE_TMPDIR to build a fixture once for a whole file).
common_setup() {
	local base="${1:-$BATS_TEST_TMPDIR}"
	if [[ -z "${CAIRN_BUILD_DIR:-}" || ! -x "$CAIRN_BUILD_DIR/cairn" ]]; then
		echo "CAIRN_BUILD_DIR must name the build tree holding cairn and cairn-*" >&2
		return 1
	fi
	CAIRN_BUILD_DIR=$(cd "$CAIRN_BUILD_DIR" && pwd)
	: "${CAIRN_SOURCE_DIR:=$(cd "$BATS_TEST_DIRNAME/../.." && pwd)}"
	export CAIRN_BUILD_DIR CAIRN_SOURCE_DIR

	export HOME="$base/home"
	export XDG_CONFIG_HOME="$HOME/.config"
	mkdir -p "$HOME" "$XDG_CONFIG_HOME"
	unset XDG_DATA_HOME
	export GIT_CONFIG_NOSYSTEM=1
	unset GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_AUTHOR_DATE GIT_COMMITTER_NAME \
		GIT_COMMITTER_EMAIL GIT_COMMITTER_DATE GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE \
		GIT_CONFIG_GLOBAL GIT_CONFIG_SYSTEM EMAIL
	export DATA="$base/data"
	export CAIRN_DIR="$DATA"
	export CAIRN_EXEC_PATH="$CAIRN_BUILD_DIR"
	export CAIRN_TODAY="$TODAY"
	export NO_COLOR=1
	unset CAIRN_LOCK_TIMEOUT VISUAL EDITOR
	export PATH="$CAIRN_BUILD_DIR:$PATH"
	umask 022
	LOCK_PID=
}

setup() {
	common_setup
}

teardown() {
	release_lock
}

# A repository built once in setup_file (fixture_build FUNCTION) and copied for each test
# (fixture_copy), for files whose tests all start from the same goals.
fixture_build() {
	common_setup "$BATS_FILE_TMPDIR"
	init_repo
	"$@"
}

fixture_copy() {
	cp -a "$BATS_FILE_TMPDIR/data" "$DATA"
}

# ---- the repository ----

# cairn init with a name (and any further arguments); fails the test when it fails.
init_repo() {
	run cairn init --name "Dana Reyes" "$@"
	assert_success
}

# git in the data directory.
dgit() {
	git -C "$DATA" "$@"
}

# Commits everything in the work tree as a user would by hand (with an identity given only
# to this git command).
hand_commit() {
	dgit add -A
	dgit -c user.name="Hand Editor" -c user.email=hand@example.org commit -q -m "${1:-hand edit}"
}

# Number of commits on HEAD.
commits() {
	dgit rev-list --count HEAD
}

head_id() {
	dgit rev-parse HEAD
}

last_subject() {
	dgit log -1 --format=%s
}

last_body() {
	dgit log -1 --format=%b
}

# The files the last commit changed, one a line.
last_files() {
	dgit show --name-only --format= HEAD
}

# assert_last_commit SUBJECT FILE... — the last commit has this subject and changed exactly
# these files.
assert_last_commit() {
	local subject="$1"
	shift
	assert_equal "$(last_subject)" "$subject"
	assert_equal "$(last_files | sort)" "$(printf '%s\n' "$@" | sort)"
}

# assert_new_commits BEFORE N — exactly N commits were made since BEFORE (a commit count).
assert_new_commits() {
	assert_equal "$(commits)" "$(($1 + $2))"
}

assert_head_unchanged() {
	assert_equal "$(head_id)" "$1"
}

# The work tree equals HEAD: nothing modified, staged or untracked, no temporary file of an
# interrupted write, no git index lock.
assert_clean() {
	local st tmp
	st=$(dgit status --porcelain --untracked-files=all)
	if [[ -n "$st" ]]; then
		fail "the work tree is not clean:"$'\n'"$st"
	fi
	tmp=$(find "$DATA" -name '*.cairn-tmp.*' -print)
	if [[ -n "$tmp" ]]; then
		fail "temporary files were left:"$'\n'"$tmp"
	fi
	if [[ -e "$DATA/.git/index.lock" ]]; then
		fail "the git index lock was left behind"
	fi
	assert_tree_cache_true
}

# git's cache of the index's trees (the TREE extension cairn keeps up to date) is true: the
# tree git writes from it, on a copy of the index, is the tree of the entries themselves.
assert_tree_cache_true() {
	local ix1 ix2 cached entries
	ix1=$(mktemp) ix2=$(mktemp)
	cp "$DATA/.git/index" "$ix1"
	rm -f "$ix2"
	cached=$(GIT_INDEX_FILE=$ix1 dgit write-tree)
	dgit ls-files -s | GIT_INDEX_FILE=$ix2 dgit update-index --index-info
	entries=$(GIT_INDEX_FILE=$ix2 dgit write-tree)
	rm -f "$ix1" "$ix2"
	[[ "$cached" == "$entries" ]] ||
		fail "git's tree cache in the index says $cached, the entries make $entries"
}

# The top node of git's cache of the index's trees: "COUNT TREE-ID", or "-1" when invalid.
tree_cache_top() {
	/usr/bin/python3 - "$DATA/.git/index" <<'PY'
import struct, sys
b = open(sys.argv[1], "rb").read()
n = struct.unpack(">I", b[8:12])[0]
p, v = 12, struct.unpack(">I", b[4:8])[0]
for _ in range(n):  # entries (versions 2 and 3)
    flags = struct.unpack(">H", b[p + 60:p + 62])[0]
    fix = 64 if flags & 0x4000 else 62
    end = b.index(b"\0", p + fix)
    p += (fix + end - (p + fix) + 8) & ~7
while p + 8 <= len(b) - 20:
    sig, size = b[p:p + 4], struct.unpack(">I", b[p + 4:p + 8])[0]
    if sig == b"TREE":
        q = p + 8
        nul = b.index(b"\0", q)
        nl = b.index(b"\n", nul)
        count = int(b[nul + 1:nl].split()[0])
        print(f"{count} {b[nl + 1:nl + 21].hex()}" if count >= 0 else "-1")
        sys.exit(0)
    p += 8 + size
print("none")
PY
}

# The state of the work tree and index: compare before and after a refused command.
tree_state() {
	dgit status --porcelain --untracked-files=all
	find "$DATA" -path "$DATA/.git" -prune -o -type f -print0 | sort -z | xargs -0 sha256sum
}

# Every file under the data directory, .git included, with size, time and mode: a read
# command must leave all of it as it was.
snapshot() {
	find "$DATA" -printf '%p %s %T@ %m\n' | sort
}

file_mode() {
	stat -c %a "$1"
}

sha() {
	sha256sum "$1" | cut -d' ' -f1
}

goal_file() {
	echo "$DATA/goals/$1.yaml"
}

# add_goal TITLE [ARGS...] — cairn goal add, quietly; fails the test when it fails.
add_goal() {
	run cairn goal add "$@"
	assert_success
}

# The canonical DBT goal of the specification, with its long-term goal.
add_dbt_goal() {
	add_goal "Specialize in emotion-regulation issues" --id specialize-emotion-regulation \
		--horizon long --domain professional --area career-path --due 2029-12-31
	add_goal "Become certified in Dialectical Behavior Therapy" --id dbt-certification \
		--horizon short --domain professional --area clinical-skills \
		--start 2026-12-01 --due 2027-06-30 \
		--specific "Complete the DBT certification program to better support my clients with borderline personality disorder." \
		--metric "DBT group sessions conducted" --unit sessions --baseline 0 --target 5 \
		--achievable "Four hours a week of study, balanced with my current caseload." \
		--relevant "Serves my aim of specializing in emotional-regulation issues." \
		--serves specialize-emotion-regulation \
		--step "Enroll in the DBT intensive@2027-01-15" --step "Pass the certification exam@2027-06-15" \
		--tag dbt --tag certification
}

# ---- stderr (bats-assert has no assert_stderr in this version) ----

# assert_err TEXT — stderr (after run --separate-stderr) contains TEXT.
assert_err() {
	if [[ "$stderr" != *"$1"* ]]; then
		fail "stderr does not contain: $1"$'\n'"stderr: $stderr"
	fi
}

refute_err() {
	if [[ "$stderr" == *"$1"* ]]; then
		fail "stderr contains: $1"$'\n'"stderr: $stderr"
	fi
}

# assert_err_regex REGEX — some line of stderr matches the extended regex.
assert_err_regex() {
	if ! grep -Eq -- "$1" <<<"$stderr"; then
		fail "no line of stderr matches: $1"$'\n'"stderr: $stderr"
	fi
}

# ---- JSON: Debian's python, as jq is not always installed ----

# json EXPR — evaluates EXPR over the document d read from stdin and prints the result
# (strings as they are, anything else as JSON).
json() {
	/usr/bin/python3 -c '
import json, sys
d = json.load(sys.stdin)
v = eval(sys.argv[1], {"d": d})
print(v if isinstance(v, str) else json.dumps(v, ensure_ascii=False))
' "$1"
}

# ---- editors ----

# make_editor NAME SED-SCRIPT — an editor script that runs sed on the file it is given.
make_editor() {
	local path="$BATS_TEST_TMPDIR/$1"
	printf '#!/bin/bash\nexec sed -i -e %q "$1"\n' "$2" >"$path"
	chmod +x "$path"
	echo "$path"
}

# ---- another writer holding cairn's lock ----

# hold_lock SECONDS — another process holds $DATA/.git/cairn.lock (started here, ended in
# teardown by its pid).
hold_lock() {
	local lock="$DATA/.git/cairn.lock" i
	flock -o "$lock" sleep "${1:-5}" </dev/null >/dev/null 2>&1 3>&- &
	LOCK_PID=$!
	for i in $(seq 1 100); do
		if ! flock -n -o "$lock" true 2>/dev/null; then
			return 0
		fi
		sleep 0.05
	done
	fail "could not take the lock for the test"
}

release_lock() {
	local kids
	if [[ -n "${LOCK_PID:-}" ]]; then
		kids=$(cat /proc/"$LOCK_PID"/task/*/children 2>/dev/null || true)
		kill "$LOCK_PID" $kids 2>/dev/null || true
		wait "$LOCK_PID" 2>/dev/null || true
		LOCK_PID=
	fi
}
