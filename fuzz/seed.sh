#!/usr/bin/env bash
# Regenerates the seed corpus of the fuzz targets from examples/ and the hand-written inputs
# below: fuzz/corpus/record/, fuzz/corpus/date/, fuzz/corpus/id/ (each emptied first).
# Usage: fuzz/seed.sh
#   record: each example record file (examples/repo/**/*.yaml, examples/rules/*.yaml) behind the
#           byte naming its kind (g goal, c CE activity, r rule, p plan, v review, f profile),
#           named <kind>-<file>; plus a few hand-written records (hand-*)
#   date:   every YYYY-MM-DD in the examples and the relative forms, one string a file
#   id:     every id and title in the examples (titles are what slugs are made of) and a few
#           hand-written ids, one string a file
# Date and id files are named by the SHA-1 of their content, as libFuzzer names its own.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
out=fuzz/corpus
ex=examples
rm -rf "$out/record" "$out/date" "$out/id"
mkdir -p "$out/record" "$out/date" "$out/id"

# ---- record ----

# seed_record TAG KIND FILE [NAME]
seed_record() {
  local name=${4:-$(basename "$3" .yaml)}
  { printf '%s' "$1"; cat "$3"; } >"$out/record/$2-$name"
}

for f in "$ex"/repo/goals/*.yaml; do seed_record g goal "$f"; done
for f in "$ex"/repo/ce/*/*.yaml; do seed_record c ce "$f"; done
for f in "$ex"/repo/rules/*.yaml; do seed_record r rule "$f" "repo-$(basename "$f" .yaml)"; done
for f in "$ex"/rules/*.yaml; do seed_record r rule "$f"; done
for f in "$ex"/repo/plans/*.yaml; do seed_record p plan "$f"; done
for f in "$ex"/repo/reviews/*/*.yaml; do
  seed_record v review "$f" "$(basename "$(dirname "$f")")-$(basename "$f" .yaml)"
done
seed_record f profile "$ex/repo/cairn.yaml" cairn

# hand_record TAG NAME: the record is read from standard input
hand_record() {
  { printf '%s' "$1"; cat; } >"$out/record/hand-$2"
}

# flow style, comments, explicit nulls
hand_record g goal-flow <<'EOF'
id: dbt-certification
title: Become certified in Dialectical Behavior Therapy
horizon: short            # short | long
domain: professional
area: clinical-skills
status: active
created: 2026-11-28
start: 2026-12-01
due: 2027-06-30
specific: Complete the DBT certification program to better support my clients with
  borderline personality disorder.
measure: {metric: DBT group sessions conducted, unit: sessions, baseline: 0, target: 5, current: 2.5}
serves: [specialize-emotion-regulation]
steps:
  - {title: Enroll in the DBT intensive, due: 2027-01-15, done: 2027-01-10}
  - {title: "Pass the exam: part 1", due: 2027-06-15}
progress:
  - {date: 2027-02-01, value: 1, note: first group session}
tags: [dbt, "yes", '123', "#hash"]
completed: null
reason: ~
EOF

# unknown keys at every level, of every shape, and text that needs quoting or a block
hand_record g goal-extra <<'EOF'
id: x
title: "  leading spaces, a \"quote\", a tab\there"
status: draft
specific: |+
  kept trailing lines

achievable: "line one\nline two\n"
relevant: 'it''s: quoted # not a comment'
x-note: free text
x-list: [1, two, {three: 3}, [4, 5], [], {}]
x-map:
  nested:
    deeper: [a, b]
    empty: {}
  when: 2026-01-01
  flag: yes
  nothing:
measure:
  metric: m
  target: -1e3
  x-unit-note: "kept"
steps:
  - title: one
    x-owner: me
EOF

# the escapes of a double-quoted scalar, in a field and in unknown keys and values
hand_record v review-escapes <<'EOF'
plan: p
date: 2026-01-15
achieved: "tab\t \x41\u00e9\U0001F600 nel\N nbsp\_ ls\L ps\P \/ \" \\"
challenges: 'single ''quoted'' text'
x-escapes: ["cr\r bell\a esc\e", "\x7f", "\u0085", "\ufeff", "\u2028", "\uE000", "\uFFFD", "\U0010FFFF"]
"key\twith\ttabs": "value\nwith\nlines\n"
"": empty key
EOF

hand_record c ce-topics <<'EOF'
id: 2026-02-01-ethics
date: 2026-02-01
title: Ethics
format: live-online
hours: 1.5
topics: {ethics: 1, "law and rules": 0.5}
licenses: [tx-lpc]
certificate: certificates/0123456789ab-ethics.pdf
EOF

hand_record r rule-fixed <<'EOF'
id: fixed
title: A rule with every part
authority: A board
source: https://example.org/rules
checked: 2026-01-01
cycle: {months: 24, anchor: fixed-start, start: 2025-12-01}
total_hours: 40
minimums:
  - {topic: ethics, hours: 6}
  - {topic: suicide-risk, hours: 3, every: once}
  - {topic: supervision, hours: 3, every: "2"}
maximums:
  - {format: self-study, hours: 20}
carry_over: {max_hours: 10, excludes: [ethics]}
first_cycle: {total_hours: 0}
retention_years: 4
EOF

hand_record p plan-review <<'EOF'
id: p
title: Plan
start: 2026-01-01
end: 2026-12-31
goals: [a, b-2]
evaluation: "Met: 2 of 3"
review: {every: 14d, next: 2026-01-15}
notes: |-
  two
  lines
EOF

hand_record v review-yes <<'EOF'
plan: p
date: 2026-01-15
motivation: 5
still_fits: "yes"
next: 2026-01-29
snapshot:
  - {goal: a, status: done, current: 1, target: 1, unit: "", open_steps: 0, smart: warn}
EOF

hand_record f profile-min <<'EOF'
format: 1
name: "A: Name"
licenses:
  - {id: l, title: L, rule: r, number: 007, expires: 2027-01-31}
settings: {remind_within: 30d, review_every: 3}
EOF

# ---- date and id: one string a file, named by its SHA-1 ----

# seed_strings TARGET: one string a line on standard input, empty lines included
seed_strings() {
  local s name
  while IFS= read -r s; do
    name=$(printf '%s' "$s" | sha1sum | cut -c1-40)
    printf '%s' "$s" >"$out/$1/$name"
  done
}

yaml_files() {
  find "$ex/repo" "$ex/rules" -name '*.yaml' -print0 | sort -z
}

{
  yaml_files | xargs -0 grep -ohE '[0-9]{4}-[0-9]{2}-[0-9]{2}' | sort -u
  cat <<'EOF'
today
tomorrow
yesterday
eom
eoy
+3d
+2w
+6m
+1y
-2w
-1d
+0d
+12m
-18m
+100000d
-100000d
+100000y
-100000y
+100001d
+99999999999999999999d
+1
+d
+3D
+ 3d
3d
2024-02-29
2023-02-29
2000-02-29
1900-02-29
1000-01-01
0999-12-31
9999-12-31
10000-01-01
2026-13-01
2026-00-10
2026-04-31
2026-01-00
2026-1-5
 2026-01-05
2026-01-05 
2026/01/05
2026-01-05T10:00:00Z

EOF
} | seed_strings date

{
  yaml_files | xargs -0 sed -nE \
    -e 's/^ *(- )?(id|goal|plan|rule|title|topic|metric|unit|provider): *//p' \
    -e 's/^ *- +([a-z0-9-]+) *$/\1/p' |
    sed -E 's/^"(.*)"$/\1/' | sort -u
  cat <<'EOF'
a
0
-
-a
a-
a--b
trailing-dash-
Überprüfung der Praxis
Café & Crème brûlée: Ærø, Øresund, Straße
日本語のタイトル
Ethics — and boundaries…
!!!

../../etc/passwd
..
.hidden
x/y
a b
UPPER CASE
tab	separated
0123456789012345678901234567890123456789012345678901234567890123
01234567890123456789012345678901234567890123456789012345678901234
a-very-long-title-made-of-many-words-that-goes-on-past-the-limit-of-sixty-four
An Extremely Long Title Made Of Many Words That Goes On And On Past The Limit Of Sixty Four Characters
Supercalifragilisticexpialidociousandevenlongerthansixtyfourcharacterswithoutbreaks plus
EOF
} | seed_strings id

echo "seeds: $(find "$out/record" -type f | wc -l) record, $(find "$out/date" -type f | wc -l) date," \
  "$(find "$out/id" -type f | wc -l) id; $(cat "$out"/*/* | wc -c) bytes"
