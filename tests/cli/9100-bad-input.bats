#!/usr/bin/env bats
# The bad-input corpus (tests/fixtures/bad/): every file of it, placed in a fresh copy of a
# small repository and read by a cairn command, is refused with the exit code and message of
# its row in tests/fixtures/bad/TABLE, naming the file (and line:column for a YAML problem):
# never a crash, never a sanitizer report, never a write. Files that are valid apart from CRLF
# line ends or a byte-order mark load (exit 0).
#
# The huge inputs (10 MiB, 10,000 levels deep, an alias bomb) are not committed: the corpus'
# generate.sh writes them into this file's temporary directory.
#
# Each case's wall time is recorded and the slowest are printed at the end (SPEC §6: timings
# are reported, never asserted).
#
# One @test per section of TABLE; a failing test lists every failing case of its section by
# its corpus file.

load helpers

CORPUS_DIR="$BATS_TEST_DIRNAME/../fixtures/bad"

# The base repository every case starts from (a copy of it): see TABLE's header.
build_base() {
	run cairn rules add "$CAIRN_SOURCE_DIR/examples/repo/rules/tx-lpc.yaml"
	assert_success
	run cairn license add tx-lpc --rule tx-lpc --expires 2027-08-31 --issued 2019-08-14
	assert_success
	add_goal "Lead a DBT skills group" --id base --horizon short --domain professional \
		--area clinical-skills --start 2026-12-01 --due 2027-06-30 \
		--specific "Co-lead the weekly adult DBT skills group through all four modules for my clients." \
		--metric "sessions co-led" --unit sessions --target 24 \
		--achievable "Tuesday afternoons are in my scheduled hours." \
		--relevant "Emotion-regulation skills are half of my specialization."
	run cairn plan new base-plan --start 2026-12-01 --end 2027-11-30 --goal base
	assert_success
	run cairn plan new side-plan --start 2026-12-01 --end 2027-11-30 --goal base
	assert_success
	run cairn ce log "Base course" --hours 3 --date 2026-10-01 --topic ethics=3
	assert_success
	run cairn plan review base-plan --achieved "Planned the group." --challenges "None yet." \
		--motivation 4 --still-fits yes --feedback "None yet." --adjustments "None."
	assert_success
	assert_clean
}

setup_file() {
	fixture_build build_base
	"$CORPUS_DIR/generate.sh" "$BATS_FILE_TMPDIR/generated"
	: >"$BATS_FILE_TMPDIR/timings"
	parse_table >"$BATS_FILE_TMPDIR/rows"
}

setup() {
	common_setup
}

teardown_file() {
	local f="$BATS_FILE_TMPDIR/timings"
	if [[ -s "$f" ]]; then
		local n median over
		n=$(wc -l <"$f")
		median=$(sort -n -k1,1 "$f" | sed -n "$(((n + 1) / 2))p" | cut -f1)
		over=$(awk -F'\t' '$1 > 50' "$f" | wc -l)
		echo "# bad-input corpus: $n cases, median ${median} ms, $over over 50 ms; the slowest (wall time of the cairn command):" >&3
		sort -t$'\t' -k1,1nr "$f" | head -n 5 | while IFS=$'\t' read -r ms what; do
			echo "#   ${ms} ms  $what" >&3
		done
	fi
}

# The rows of TABLE, as "section<TAB>file<TAB>place<TAB>command<TAB>exit<TAB>fragment" lines
# (written once, by setup_file, to $BATS_FILE_TMPDIR/rows).
parse_table() {
	local line section="" f p c e fr x
	local -a cols
	while IFS= read -r line || [[ -n "$line" ]]; do
		if [[ "$line" =~ ^#\ ----\ (.*)\ ----$ ]]; then
			section="${BASH_REMATCH[1]}"
			continue
		fi
		[[ -z "${line//[[:space:]]/}" || "$line" == \#* ]] && continue
		IFS='|' read -r f p c e fr <<<"$line"
		cols=()
		for x in "$f" "$p" "$c" "$e" "$fr"; do
			x="${x#"${x%%[![:space:]]*}"}"
			cols+=("${x%"${x##*[![:space:]]}"}")
		done
		printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$section" "${cols[@]}"
	done <"$CORPUS_DIR/TABLE"
}

table_rows() {
	cat "$BATS_FILE_TMPDIR/rows"
}

# has_fragment TEXT FRAGMENT — TEXT contains FRAGMENT, where '...' in FRAGMENT stands for any
# text on the same line.
has_fragment() {
	local text="$1" frag="$2" line rest piece ok
	if [[ "$frag" != *...* ]]; then
		[[ "$text" == *"$frag"* ]]
		return
	fi
	while IFS= read -r line; do
		rest="$line"
		ok=1
		while :; do
			piece="${frag%%...*}"
			if [[ "$rest" != *"$piece"* ]]; then
				ok=0
				break
			fi
			rest="${rest#*"$piece"}"
			[[ "$frag" == *...* ]] || break
			frag="${frag#*...}"
		done
		frag="$2"
		((ok)) && return 0
	done <<<"$text"
	return 1
}

# fresh_copy — the case directory holds nothing but a fresh copy of the base repository.
fresh_copy() {
	rm -rf "$CASE_DIR"
	mkdir -p "$CASE_DIR"
	cp -a "$BATS_FILE_TMPDIR/data" "$CASE_DIR/data"
}

# run_case FILE PLACE COMMAND EXIT FRAGMENT — one row; appends what went wrong to PROBLEMS.
# The copy of the base repository is reused by the next case when this one changed nothing
# (only its placed file is taken away again), else it is copied afresh.
run_case() {
	local file="$1" place="$2" command="$3" want="$4" frag="$5"
	local label="$file -> ${place} : cairn $command"
	local src="" dest="" backup="" st_before st_after d x
	local -a argv why=() made=() tmp
	local t0 t1 ms text stream w

	export DATA="$CASE_DIR/data" CAIRN_DIR="$CASE_DIR/data"
	if [[ "$place" != arg ]]; then
		src="$BATS_FILE_TMPDIR/generated/$file"
		[[ -e "$src" ]] || src="$CORPUS_DIR/$file"
		if [[ ! -f "$src" ]]; then
			PROBLEMS+=("$label"$'\n'"  the corpus has no file $file")
			return
		fi
		dest="$DATA/$place"
		for ((d = 0; ; d++)); do
			x="${dest%/*}"
			for ((w = 0; w < d; w++)); do x="${x%/*}"; done
			[[ -d "$x" ]] && break
			made+=("$x")
		done
		((${#made[@]} == 0)) || mkdir -p "${dest%/*}"
		if [[ -e "$dest" ]]; then
			backup="$CASE_DIR/original"
			cp -p "$dest" "$backup"
		fi
		cp "$src" "$dest"
	fi
	# the work tree, the index and HEAD (branch.oid) in one git command
	st_before=$(dgit status --porcelain=v2 --branch --untracked-files=all)
	eval "argv=($command)"

	cd "$DATA" || return 1
	t0=$EPOCHREALTIME
	run --separate-stderr timeout 10 cairn "${argv[@]}"
	t1=$EPOCHREALTIME
	cd "$BATS_TEST_TMPDIR" || return 1
	ms=$(((10#${t1/./} - 10#${t0/./}) / 1000))
	printf '%s\t%s\n' "$ms" "$label" >>"$BATS_FILE_TMPDIR/timings"

	if ((status == 124)); then
		why+=("timed out after 10 s")
	elif ((status >= 128)); then
		why+=("crashed: exit $status (signal $((status - 128)))")
	fi
	if [[ "$stderr" == *"ERROR: AddressSanitizer"* || "$stderr" == *"ERROR: LeakSanitizer"* ||
		"$stderr" == *"runtime error:"* ]]; then
		why+=("sanitizer report")
	fi
	if [[ "$status" != "$want" ]]; then
		why+=("exit $status, expected $want")
	fi
	if [[ "$frag" == out:* ]]; then
		stream=stdout
		text="$output"
		frag="${frag#out:}"
	else
		stream=stderr
		text="$stderr"
	fi
	if [[ -n "$frag" ]] && ! has_fragment "$text" "$frag"; then
		why+=("$stream lacks: $frag")
	fi
	st_after=$(dgit status --porcelain=v2 --branch --untracked-files=all)
	if [[ "$st_after" != "$st_before" ]]; then
		if [[ "$(grep '^# branch.oid' <<<"$st_after")" != "$(grep '^# branch.oid' <<<"$st_before")" ]]; then
			why+=("HEAD moved: $(dgit log -1 --format=%s)")
		fi
		why+=("the work tree or index changed:"$'\n'"$(dgit status --porcelain --untracked-files=all | sed 's/^/      /')")
	fi
	shopt -s globstar dotglob nullglob
	tmp=("$DATA"/**/*.cairn-tmp.*)
	shopt -u globstar dotglob nullglob
	if ((${#tmp[@]})); then
		why+=("temporary files left: ${tmp[*]}")
	fi
	if [[ -e "$DATA/.git/index.lock" ]]; then
		why+=("the git index lock was left behind")
	fi
	if [[ -n "$dest" ]] && ! cmp -s "$src" "$dest"; then
		why+=("the placed file was changed or removed")
	fi

	if ((${#why[@]})); then
		local msg="$label"
		for w in "${why[@]}"; do
			msg+=$'\n'"  - $w"
		done
		msg+=$'\n'"  stderr: $(head -c 600 <<<"$stderr" | sed '2,$s/^/          /')"
		[[ "$stream" == stdout ]] && msg+=$'\n'"  stdout: $(head -c 600 <<<"$output" | sed '2,$s/^/          /')"
		PROBLEMS+=("$msg")
		fresh_copy
		return
	fi
	# nothing changed: take the placed file away again
	if [[ -n "$backup" ]]; then
		mv "$backup" "$dest"
	elif [[ -n "$dest" ]]; then
		rm -f "$dest"
	fi
	for x in "${made[@]}"; do
		rmdir "$x"
	done
	for x in "$CASE_DIR"/*; do
		[[ "$x" == "$DATA" ]] || rm -rf "$x"
	done
}

# run_section NAME — every row of TABLE's section NAME; fails listing every failing case.
run_section() {
	local section f p c e fr n=0
	PROBLEMS=()
	CASE_DIR="$BATS_TEST_TMPDIR/case"
	fresh_copy
	while IFS=$'\t' read -r section f p c e fr; do
		[[ "$section" == "$1" ]] || continue
		run_case "$f" "$p" "$c" "$e" "$fr"
		n=$((n + 1))
	done < <(table_rows)
	((n > 0)) || fail "TABLE has no section '$1'"
	if ((${#PROBLEMS[@]})); then
		fail "${#PROBLEMS[@]} of $n cases of '$1' failed:"$'\n'"$(printf '%s\n' "${PROBLEMS[@]}")"
	fi
}

@test "the corpus: at least 60 cases, every record kind, every file used, small when committed" {
	local rows section f p c e fr missing="" unused="" kinds="" size
	rows=$(table_rows)
	[ "$(wc -l <<<"$rows")" -ge 60 ] || fail "TABLE has fewer than 60 cases"
	while IFS=$'\t' read -r section f p c e fr; do
		[[ "$e" =~ ^[0-9]+$ ]] || fail "TABLE: '$f': exit '$e' is not a number"
		[[ -n "$c" && -n "$p" ]] || fail "TABLE: '$f': a row needs a place and a command"
		if [[ "$p" != arg && ! -f "$CORPUS_DIR/$f" && ! -f "$BATS_FILE_TMPDIR/generated/$f" ]]; then
			missing+=" $f"
		fi
		if [[ "$e" != 0 && "$p" != arg && "$fr" != *"${p#../}"* ]]; then
			fail "TABLE: '$f' -> $p: the fragment must name the file"
		fi
		case "$p" in
		goals/*) kinds+=" goal" ;;
		ce/*) kinds+=" ce" ;;
		rules/*) kinds+=" rule" ;;
		plans/*) kinds+=" plan" ;;
		reviews/*) kinds+=" review" ;;
		cairn.yaml) kinds+=" profile" ;;
		arg) kinds+=" arg" ;;
		esac
	done <<<"$rows"
	[[ -z "$missing" ]] || fail "TABLE names files that are not in the corpus:$missing"
	for k in goal ce rule plan review profile arg; do
		[[ " $kinds " == *" $k "* ]] || fail "no case places a $k"
	done
	for f in "$CORPUS_DIR"/*.yaml "$BATS_FILE_TMPDIR"/generated/*.yaml; do
		f=$(basename "$f")
		cut -f2 <<<"$rows" | grep -qxF -- "$f" || unused+=" $f"
	done
	[[ -z "$unused" ]] || fail "corpus files no case uses:$unused"
	size=$(cat "$CORPUS_DIR"/* | wc -c)
	[ "$size" -lt $((200 * 1024)) ] || fail "the committed corpus is $size bytes (at most 200 KiB)"

	# generate.sh is deterministic
	"$CORPUS_DIR/generate.sh" "$BATS_TEST_TMPDIR/again"
	run diff -r "$BATS_FILE_TMPDIR/generated" "$BATS_TEST_TMPDIR/again"
	assert_success
}

@test "bad goals: refused with file:line:col, nothing written; CRLF and BOM goals load" {
	run_section goals
}

@test "bad CE activities: refused with file:line:col, nothing written" {
	run_section "CE activities"
}

@test "bad rules: refused with file:line:col, nothing written, also by rules add FILE" {
	run_section rules
}

@test "bad plans: refused with file:line:col, nothing written" {
	run_section plans
}

@test "bad plan reviews and review answers: refused with file:line:col, nothing written" {
	run_section "plan reviews"
}

@test "a bad profile: refused with cairn.yaml:line:col, nothing written" {
	run_section "the profile"
}

@test "ids and paths on the command line that could leave their folder: refused, nothing written" {
	run_section "ids and paths on the command line"
}
