# Shared by the robustness tests (92xx): the table of mutating commands and the checks run
# after a command failed or was killed.
#
# MUTATING — one line per mutating command; adding a command to the fault, kill and
# umask tests is adding its line here. Fields, separated by '|':
#   name | environment (VAR=value words) | set-up (shell, run before each attempt, without
#   faults) | the cairn command's arguments
# $I is a number new for each attempt (ids, titles, days); everything is evaluated by bash.
# The repository is the one robust_fixture builds: goals g1 (measured) and g2, plan p1
# (2026-11-01..2030-12-31, holding g1), license lic under tx-lpc, and a PDF in $CERT.
MUTATING=(
	'goal-add|||goal add "Finish training module $I" --id m-$I --due 2027-06-30 --metric modules --target 10'
	'goal-edit|EDITOR=$ROBUST_EDITOR||goal edit g1'
	'goal-progress|||goal progress g1 +1 --note "practice test $I"'
	'goal-step-add|||goal step add g1 "Read chapter $I" --due 2027-01-31'
	'goal-step-done||quiet goal step add g1 "Task $I"|goal step done g1 "Task $I"'
	'goal-step-rm||quiet goal step add g1 "Spare task $I"|goal step rm g1 "Spare task $I"'
	'goal-done||quiet goal add "Achieve $I" --id a-$I --due 2027-06-30|goal done a-$I'
	'goal-drop||quiet goal add "Drop $I" --id x-$I --due 2027-06-30|goal drop x-$I --reason "no longer fits"'
	'goal-pause||quiet goal resume g2 ; true|goal pause g2'
	'goal-resume||quiet goal pause g2 ; true|goal resume g2'
	'goal-rm||quiet goal add "Spare goal $I" --id r-$I --due 2027-06-30|goal rm r-$I'
	'plan-new|||plan new p-$I --start 2027-01-01 --end 2027-12-31 --goal g2 --review quarterly'
	'plan-add-goal||quiet goal add "Extra $I" --id e-$I --due 2027-06-30|plan add-goal p1 e-$I'
	'plan-rm-goal||quiet plan add-goal p1 g2; true|plan rm-goal p1 g2'
	'plan-edit|EDITOR=$ROBUST_EDITOR||plan edit p1'
	'plan-review|CAIRN_TODAY=$(robust_day $I)||plan review p1 --achieved "Practice test $I done" --motivation 4 --still-fits yes'
	'license-add|||license add l-$I --rule tx-lpc --expires 2028-06-30'
	'license-renew|||license renew lic --expires $(robust_day $((I * 7)) 2028-06-30)'
	'license-rm||quiet license add z-$I --rule tx-lpc --expires 2028-06-30|license rm z-$I'
	'rules-add||robust_rule $I|rules add "$BATS_TEST_TMPDIR/rule-$I.yaml"'
	'ce-log|||ce log "Ethics in practice $I" --hours 3 --date 2026-11-20 --topic ethics=3 --license lic --cert "$CERT"'
	'ce-rm||quiet ce log "Spare hour $I" --hours 1 --date 2026-11-01|ce rm 2026-11-01-spare-hour-$I'
	'doctor-fix||robust_hand_edit $I|doctor --fix'
)

# The commands the fault-injection loop of issue 7 names; the others get one persist round.
FAULT_COMMANDS="goal-add goal-edit goal-progress ce-log plan-review"

# The operations CAIRN_FAULT can make fail (lib/fs.c and lib/txn.c).
FAULT_OPS="open write fsync rename unlink mkdir git-tree-write git-index-add git-index-write git-commit git-ref-update"

ROBUST_SEQ=0

# quiet ARGS... — cairn, output thrown away (set-up steps).
quiet() {
	cairn "$@" >/dev/null 2>&1
}

# robust_day N [FROM] — the date N days after FROM (default 2026-11-28).
robust_day() {
	date -u -d "${2:-2026-11-28} + $1 days" +%F
}

robust_rule() {
	sed -e "s/^id: .*/id: rule-$1/" "$CAIRN_SOURCE_DIR/examples/rules/ny-lmhc.yaml" \
		>"$BATS_TEST_TMPDIR/rule-$1.yaml"
}

# A valid hand edit of g2, for doctor --fix to commit.
robust_hand_edit() {
	sed -i "s/^title: .*/title: Lead a consultation group (draft $1)/" "$DATA/goals/g2.yaml"
}

# The repository every robustness test starts from (built once per file: fixture_build).
robust_fixture() {
	quiet rules add "$CAIRN_SOURCE_DIR/examples/rules/tx-lpc.yaml" &&
		quiet license add lic --rule tx-lpc --expires 2028-06-30 &&
		quiet goal add "Pass the licensing exam" --id g1 --due 2027-06-30 \
			--metric "practice tests" --target 1000 &&
		quiet goal add "Lead a consultation group" --id g2 --due 2027-09-30 &&
		quiet plan new p1 --start 2026-11-01 --end 2030-12-31 --title "Growth plan" --goal g1 \
			--review monthly
}

robust_setup() {
	fixture_copy
	export CERT="$BATS_TEST_TMPDIR/certificate.pdf"
	printf '%%PDF-1.4\n%% certificate of completion\n%%%%EOF\n' >"$CERT"
	# an editor that changes the title, differently each time
	export ROBUST_EDITOR="$BATS_TEST_TMPDIR/editor"
	cat >"$ROBUST_EDITOR" <<'EOF'
#!/bin/sh
n=$(cat "$0.n" 2>/dev/null || echo 0)
n=$((n + 1))
echo "$n" >"$0.n"
sed -i "s/^title: \(.*\)/title: \1 $n/" "$1"
EOF
	chmod +x "$ROBUST_EDITOR"
}

# robust_row NAME — sets ROW_ENV, ROW_SETUP and ROW_ARGS from the table.
robust_row() {
	local line
	for line in "${MUTATING[@]}"; do
		if [[ "${line%%|*}" == "$1" ]]; then
			IFS='|' read -r _ ROW_ENV ROW_SETUP ROW_ARGS <<<"$line"
			return 0
		fi
	done
	fail "no mutating command named $1 in robust.bash"
}

# robust_prepare NAME — a new $I, the row's set-up run, and RUN (an array: env ... cairn
# ARGS...) ready to run.
robust_prepare() {
	local envs=() args=()
	robust_row "$1"
	ROBUST_SEQ=$((ROBUST_SEQ + 1))
	I=$ROBUST_SEQ
	export ROBUST_N=$I
	if [[ -n "$ROW_SETUP" ]]; then
		eval "$ROW_SETUP" || fail "$1: the set-up failed: $ROW_SETUP"
	fi
	eval "envs=($ROW_ENV)"
	eval "args=($ROW_ARGS)"
	RUN=(env "${envs[@]}" "$CAIRN_BUILD_DIR/cairn" "${args[@]}")
}

# The state a failed command must leave exactly as it was: HEAD, the index and work tree
# (every file's content), cairn's temporary files and journal, git's locks.
robust_state() {
	dgit rev-parse HEAD
	dgit status --porcelain --untracked-files=all
	dgit ls-files -s | sha256sum
	find "$DATA" -path "$DATA/.git/objects" -prune -o -type f \
		\( -name '*.cairn-tmp.*' -o -name 'cairn-journal' -o -name '*.lock' \) -print |
		grep -v '/cairn.lock$' || true
	find "$DATA" -path "$DATA/.git" -prune -o -type f -print0 | sort -z | xargs -0 sha256sum
}

# Anything left behind: a dirty work tree or index, temporary files, the journal, git locks.
robust_leftovers() {
	dgit status --porcelain --untracked-files=all
	find "$DATA" -path "$DATA/.git/objects" -prune -o \
		\( -name '*.cairn-tmp.*' -o -name 'cairn-journal' -o -name '*.lock' \) -print |
		grep -v '/cairn.lock$' || true
}

# The repository is sound: git fsck finds nothing wrong, and every record loads (a hand edit
# the set-up made for doctor --fix may be pending).
robust_fsck() {
	local out
	out=$(git -C "$DATA" fsck --no-dangling --no-progress 2>&1) ||
		fail "$1: git fsck failed:"$'\n'"$out"
	if [[ -n "$out" ]]; then
		fail "$1: git fsck complained:"$'\n'"$out"
	fi
}

robust_sound() {
	local out
	robust_fsck "$1"
	out=$(cairn doctor 2>&1) || true
	[[ "$out" == *" 0 invalid,"* ]] || fail "$1: cairn doctor found a problem:"$'\n'"$out"
}

# Skips the test in a build without the fault seams (-DCAIRN_TESTING=ON builds them).
require_fault_seams() {
	local trace="$BATS_TEST_TMPDIR/probe-trace"
	CAIRN_FAULT_TRACE="$trace" cairn goal list >/dev/null 2>&1 || true
	if [[ ! -s "$trace" ]]; then
		skip "needs a build with -DCAIRN_TESTING=ON (CAIRN_FAULT)"
	fi
}

# robust_names PATTERN [EXCLUDE] — the table's command names matching an extended regex.
robust_names() {
	local line name
	for line in "${MUTATING[@]}"; do
		name=${line%%|*}
		if [[ "$name" =~ $1 ]] && { [[ -z "${2:-}" ]] || ! [[ "$name" =~ $2 ]]; }; then
			echo "$name"
		fi
	done
}

# After a failed or killed command: the leftovers (if any) are reported by cairn doctor and
# cleared by cairn doctor --fix, after which nothing is left.
robust_clear_leftovers() {
	local what=$1 left out
	left=$(robust_leftovers)
	[[ -n "$left" ]] || return 0
	# git's own locks, as old as they are when a person comes to look
	find "$DATA/.git" -name '*.lock' ! -name cairn.lock -exec touch -d '-1 minute' {} +
	out=$(cairn doctor 2>&1) && fail "$what: cairn doctor said nothing of:"$'\n'"$left"
	[[ "$out" == *leftover* ]] ||
		fail "$what: cairn doctor did not report the leftovers:"$'\n'"$left"$'\n'"doctor: $out"
	out=$(cairn doctor --fix 2>&1) || fail "$what: cairn doctor --fix failed:"$'\n'"$out"
	left=$(robust_leftovers)
	[[ -z "$left" ]] || fail "$what: cairn doctor --fix left:"$'\n'"$left"$'\n'"doctor: $out"
}

# fault_loop NAME — CAIRN_FAULT=op:N for every op and N = 1, 2, ... until the command
# succeeds; after each failure the repository is exactly as before and sound, after the
# success the change is one whole commit. Prints the number of injection points.
fault_loop() {
	local name=$1 op n before after commits_before points=0
	for op in $FAULT_OPS; do
		for ((n = 1; ; n++)); do
			((n < 400)) || fail "$name: $op keeps failing after $n attempts"
			robust_prepare "$name"
			before=$(robust_state)
			commits_before=$(commits)
			run --separate-stderr env CAIRN_FAULT="$op:$n" "${RUN[@]}" </dev/null
			if ((status == 0)); then
				assert_equal "$(commits)" "$((commits_before + 1))"
				# removing the journal after the commit failed: harmless, and cleared
				if [[ $op == unlink && "$(robust_leftovers)" == */.git/cairn-journal ]]; then
					robust_clear_leftovers "$name $op:$n"
				fi
				[[ -z "$(robust_leftovers)" ]] ||
					fail "$name $op:$n succeeded but left:"$'\n'"$(robust_leftovers)"
				robust_sound "$name $op:$n"
				break
			fi
			((status == 74)) ||
				fail "$name $op:$n: exit $status, not 74 (I/O)"$'\n'"stderr: $stderr"
			[[ "$stderr" == *cannot* ]] ||
				fail "$name $op:$n: no clear message"$'\n'"stderr: $stderr"
			after=$(robust_state)
			[[ "$before" == "$after" ]] ||
				fail "$name $op:$n: failed (exit $status) but changed the repository:"$'\n'"$(diff <(echo "$before") <(echo "$after"))"
			robust_sound "$name $op:$n"
			points=$((points + 1))
		done
	done
	echo "# $name: $points injection points, each failed cleanly" >&3
}

# persist_round NAME — every op failing from its first call on (a disk that stays full, a
# git directory gone read-only): the command fails, and what it leaves is either nothing or
# what doctor reports and --fix puts back to exactly the state before.
persist_round() {
	local name=$1 op before after
	for op in $FAULT_OPS; do
		robust_prepare "$name"
		before=$(robust_state)
		run --separate-stderr env CAIRN_FAULT="$op:1:persist" "${RUN[@]}" </dev/null
		if ((status == 0)); then
			# never does this, or only after its commit (removing the journal)
			robust_clear_leftovers "$name $op:1:persist"
			continue
		fi
		((status < 128)) || fail "$name $op:1:persist: crashed (exit $status)"$'\n'"$stderr"
		after=$(robust_state)
		if [[ "$before" != "$after" ]]; then
			robust_clear_leftovers "$name $op:1:persist"
			after=$(robust_state)
		fi
		[[ "$before" == "$after" ]] ||
			fail "$name $op:1:persist: the repository is not as before:"$'\n'"$(diff <(echo "$before") <(echo "$after"))"
		robust_sound "$name $op:1:persist"
	done
}

# kill_loop NAME — the command killed with SIGKILL CAIRN_KILLS times (default 50): half at a
# random fault point (CAIRN_FAULT=kill:N), half after a random delay from outside. After
# each: nothing committed is lost, git fsck is clean, doctor reports what was left and
# --fix clears it (then every record loads), and the command then succeeds.
kill_loop() {
	local name=$1 kills=${CAIRN_KILLS:-50} k points t0 t1 dur_us at head_before how pid heads
	local trace="$BATS_TEST_TMPDIR/trace"
	robust_prepare "$name"
	rm -f "$trace"
	t0=$(date +%s%N)
	env CAIRN_FAULT_TRACE="$trace" "${RUN[@]}" </dev/null >/dev/null 2>&1 ||
		fail "$name does not run: ${RUN[*]}"
	t1=$(date +%s%N)
	points=$(wc -l <"$trace")
	dur_us=$(((t1 - t0) / 1000))
	for ((k = 1; k <= kills; k++)); do
		robust_prepare "$name"
		head_before=$(head_id)
		if ((k % 2)); then
			at=$((RANDOM % points + 1))
			how="killed at point $at of $points"
			env CAIRN_FAULT="kill:$at" "${RUN[@]}" </dev/null >/dev/null 2>&1 || true
		else
			at=$(((RANDOM * 32768 + RANDOM) % (dur_us + 1)))
			how="killed after $at us"
			"${RUN[@]}" </dev/null >/dev/null 2>&1 &
			pid=$!
			sleep "$(printf '%d.%06d' $((at / 1000000)) $((at % 1000000)))"
			kill -KILL "$pid" 2>/dev/null || true
			wait "$pid" || true
		fi
		# nothing committed is lost: the old HEAD is HEAD or the new commit's parent
		heads=$(dgit rev-parse HEAD HEAD^)
		[[ "$heads" == "$head_before"$'\n'* || "$heads" == *$'\n'"$head_before" ]] ||
			fail "$name $how: HEAD is neither the commit before nor its child"
		if [[ -n "$(robust_leftovers)" ]]; then
			robust_clear_leftovers "$name $how"
			robust_sound "$name $how"
		else
			robust_fsck "$name $how"
		fi
		robust_prepare "$name"
		run --separate-stderr "${RUN[@]}" </dev/null
		((status == 0)) || fail "$name after $how: the command then failed:"$'\n'"$stderr"
	done
	robust_sound "$name after $kills kills"
	echo "# $name: $kills kills ($points fault points, ${dur_us}us a run)" >&3
}
