#!/usr/bin/env bash
# screens.sh - the browser, driven headless by key scripts as a user would drive it, screen
# by screen: each `:save-display NAME.txt` in a script is compared with
# tests/data/expected/screens/NAME.txt (make goldens rewrites them; review the diff).
# TERM, LINES, COLUMNS, LANG and TZ are pinned; the data is sample-data/.
. "$(dirname "$0")/../cli/lib.sh"
cd "$work" || exit 1
cp "$srcdir"/sample-data/*.csv "$srcdir"/tests/data/tui/odd-notes.csv \
	"$srcdir"/tests/data/redact/victims.csv "$srcdir"/tests/data/redact/names.txt .
"$CRIMEVIEW" import --db s.db crimes.csv incidents.csv ceop-referrals.csv >/dev/null 2>&1 ||
	{ echo "Bail out! the sample data did not import"; exit 1; }
"$CRIMEVIEW" import --db odd.db odd-notes.csv >/dev/null 2>&1 ||
	{ echo "Bail out! odd-notes.csv did not import"; exit 1; }
"$CRIMEVIEW" import --db victims.db victims.csv >/dev/null 2>&1 ||
	{ echo "Bail out! victims.csv did not import"; exit 1; }

# browse DB NAME [ARGS...] < KEYS: runs the browser on DB with the key script read from stdin
# (saved as NAME.keys), on a screen of $cols x $lines (80 x 24 unless set).
browse() {
	local db=$1 name=$2
	shift 2
	cat >"$name.keys"
	status=0
	CRIMEVIEW_SCRIPT="$name.keys" TERM=xterm LINES="${lines:-24}" COLUMNS="${cols:-80}" \
		LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC SOURCE_DATE_EPOCH=1700000000 \
		CRIMEVIEW_CLIPBOARD="$work/clipboard" timeout 60 "$CRIMEVIEW" --db "$db" "$@" \
		>"$name.out" 2>"$name.err" || status=$?
	check_eq "$name: the browser ran its script and exited 0" "$status" 0
	check_eq "$name: nothing on stderr" "$(cat "$name.err")" ""
}

# screens NAME...: compares the saved screens with their goldens (a marked screen shows the
# cursor's cell [bracketed] and search hits {braced}).
screens() {
	for s in "$@"; do check_golden "screen $s" "$s.txt" "screens/$s.txt"; done
}

deepfake='deepfake* OR "deep fake*"'

########## Home: yearly totals, crimes and incidents apart ##########
browse s.db home <<'KEYS'
:save-display home-80x24.txt
G
:save-display home-last-row.txt
KEYS
screens home-80x24 home-last-row

########## The FOI walk-through: open with the request's options, drill, back, export ##########
cols=100 browse s.db deepfake --match "$deepfake" --from 2019-02-01 --to 2024-02-29 \
	--rows offence_title <<'KEYS'
:save-display deepfake-totals.txt
j$
:save-marked deepfake-cursor-on-a-total.txt
<Enter>
:save-marked deepfake-harassment-total.txt
jj<Enter>
:save-marked deepfake-record.txt
R
:save-display deepfake-record-redacted.txt
q
:save-display deepfake-back-to-list.txt
e
deepfake-harassment.csv<Enter>
q
G$<Enter>
:save-display deepfake-total-total.txt
q
e
deepfake.txt<Enter>
e
deepfake.csv<Enter>
:save-display deepfake-exported.txt
y
:save-display deepfake-copied.txt
KEYS
screens deepfake-totals deepfake-cursor-on-a-total deepfake-harassment-total deepfake-record deepfake-record-redacted \
	deepfake-back-to-list deepfake-total-total deepfake-exported deepfake-copied
check_golden "the exported list of a cell's records, notes redacted" deepfake-harassment.csv \
	screens/deepfake-harassment.csv
check_golden "the exported table with its method note" deepfake.txt screens/deepfake.txt
check_golden "the exported table as csv" deepfake.csv screens/deepfake.csv
check_eq "exports are readable by their owner only" "$(stat -c %a deepfake.csv)" 600
check_eq "y copies the cell under the cursor with OSC 52 (2, the incidents' Total, in base64)" \
	"$(cat -v clipboard)" "^[]52;c;Mg==^G"
check_eq "the table the browser exports (redacted: R is on) is the one crimeview table prints" \
	"$(grep -v '^Made:' deepfake.txt | sed -n '/^INCIDENTS/,$p' | tail -n +3)" \
	"$(SOURCE_DATE_EPOCH=1700000000 "$CRIMEVIEW" table --db s.db --redact --kind incident \
		--match "$deepfake" \
		--from 2019-02-01 --to 2024-02-29 --rows offence_title | grep -v '^Made:')"

########## Filters: a field's value with counts, the date range, the stack, undo ##########
browse s.db filters <<'KEYS'
f
/offence<Enter>
:save-display filters-field-picker.txt
<Enter>
/black<Enter>
:save-display filters-value-picker.txt
<Enter>
:save-display filters-blackmail.txt
D
01/02/2019<Enter>
2024-02-29<Enter>
:save-display filters-dates.txt
<Tab>
:save-display filters-stack.txt
d
:save-display filters-removed.txt
U
:save-display filters-undone.txt
q
D
<C-u>2024-01-01<Enter>
<C-u>2023-01-01<Enter>
:save-display filters-bad-range.txt
D
<C-u>31/02/2020<Enter>
:save-display filters-bad-date.txt
/
<C-u>"deep fake<Enter>
:save-display filters-bad-search.txt
/deepfake<Enter>
D
<C-u><Enter>
<C-u><Enter>
:save-display filters-search-and-no-dates.txt
KEYS
screens filters-field-picker filters-value-picker filters-blackmail filters-dates filters-stack \
	filters-removed filters-undone filters-bad-range filters-bad-date filters-bad-search \
	filters-search-and-no-dates

########## Table options: rows (nested), period, count, suppression, sort, kind ##########
cols=100 browse s.db options --kind crime --match "$deepfake" <<'KEYS'
r
/offence_title<Enter>
<Enter>
:save-display options-rows.txt
r
/outcome_desc<Enter>
<Enter>
:save-display options-nested.txt
p
j<Enter>
:save-display options-fy.txt
]
:save-display options-sorted-by-total.txt
S
:save-display options-suppressed.txt
c
:save-display options-refs.txt
K
:save-display options-kind-picker.txt
g<Enter>
:save-display options-both-kinds.txt
KEYS
screens options-rows options-nested options-fy options-sorted-by-total options-suppressed \
	options-refs options-kind-picker options-both-kinds

########## Paging a long list: the window moves by key, never by offset ##########
browse s.db paging <<'KEYS'
jjj<Enter>
:save-display paging-first.txt
<PgDn>
:save-display paging-second.txt
G
:save-display paging-last.txt
<PgUp><PgUp>
:save-display paging-back.txt
g
:save-display paging-top.txt
KEYS
screens paging-first paging-second paging-last paging-back paging-top

########## Search hits: highlighted, and n / N between them in a long note ##########
lines=12 browse s.db hits --match 'suspect OR ip' --kind crime <<'KEYS'
<Enter>
:save-marked hits-list.txt
<Enter>
:save-marked hits-record-top.txt
n
:save-marked hits-record-next.txt
n
:save-marked hits-record-second.txt
n
:save-marked hits-record-no-more.txt
N
:save-marked hits-record-previous.txt
KEYS
screens hits-list hits-record-top hits-record-next hits-record-second hits-record-no-more \
	hits-record-previous

########## Help, resize, cancel ##########
browse s.db help <<'KEYS'
?
:save-display help-keys.txt
<PgDn>
:save-display help-keys-end.txt
q
:resize 60 16
:save-display resized-60x16.txt
:resize 120 30
:save-display resized-120x30.txt
:cancel-next-query
c
:save-display cancelled.txt
KEYS
screens help-keys help-keys-end resized-60x16 resized-120x30 cancelled

# Keys typed while a query runs are read after it, as a terminal keeps them; ^C among them
# cancels it, and what was typed before the ^C goes with it.
browse s.db typed-ahead <<'KEYS'
:keys-during-next-query jj
c
:save-marked typed-ahead.txt
KEYS
browse s.db typed-ahead-cancelled <<'KEYS'
:keys-during-next-query j<C-c>j
c
:save-marked typed-ahead-cancelled.txt
j
:save-marked typed-ahead-then-a-key.txt
KEYS
screens typed-ahead typed-ahead-cancelled typed-ahead-then-a-key

########## Data that fights the terminal: escapes, wide and combining characters ##########
cols=90 browse odd.db odd <<'KEYS'
<Enter>
:save-display odd-list.txt
<Enter>
:save-display odd-record-escapes.txt
qj<Enter>
:save-display odd-record-wide.txt
KEYS
screens odd-list odd-record-escapes odd-record-wide

########## Redaction: R masks personal fields, takes personal data out of notes and labels ##########
cols=100 browse victims.db redact --rows victim_name <<'KEYS'
:save-display redact-off-totals.txt
R
:save-display redact-on-totals.txt
<Enter>
:save-display redact-on-list.txt
<Enter>
:save-display redact-on-record.txt
e
redacted-record.txt<Enter>
q
e
redacted-list.txt<Enter>
R
:save-display redact-off-list.txt
q
<Enter>
R
:save-display redact-crumb.txt
KEYS
screens redact-off-totals redact-on-totals redact-on-list redact-on-record redact-off-list \
	redact-crumb
check_golden "an exported record notes its redaction, with counts" redacted-record.txt \
	screens/redacted-record.txt
check_golden "an exported list notes its redaction with counts, its filters redacted too" \
	redacted-list.txt screens/redacted-list.txt
check_eq "the cache still holds the original text" \
	"$(sql victims.db "SELECT count(*) FROM notes_fts WHERE notes LIKE '%Chloe Turner%'")" 1
cols=100 browse victims.db redact-list --redact-list names.txt --kind crime <<'KEYS'
<Enter>j<Enter>
:save-display redact-list-record.txt
KEYS
screens redact-list-record

########## Review marks: x leaves a record out, X lists the marks, x there puts it back ##########
cols=100 browse victims.db review-mark --match deepfake <<'KEYS'
:save-display review-before.txt
$<Enter>
x
foi-118<Enter>
duplicate<Enter>
:save-display review-marked.txt
q
:save-display review-table-after.txt
KEYS
screens review-before review-marked review-table-after
cols=100 browse victims.db review-restart --match deepfake --review foi-118 <<'KEYS'
:save-display review-after-restart.txt
X
:save-marked review-marks.txt
x
:save-display review-put-back.txt
q
:save-display review-table-restored.txt
KEYS
screens review-after-restart review-marks review-put-back review-table-restored
check_eq "the mark is gone from the cache once put back" \
	"$(sql victims.db "SELECT count(*) FROM review_marks")" 0

########## Without a terminal there is no browser ##########
run --db s.db
check_status "crimeview with stdout not a terminal prints the overview" 0
check_output "the overview of the cache" out "Records in s.db by year:
CRIMES
  2016         558
  2017       1,329
  2018       2,488
  2019       2,754
  2020         611
  2021         635
  2022         581
  2023         659
  2024         319

INCIDENTS
  2018         508
  2019         497
  2020         466
  2021         424
  2022         442
  2023         441
  2024         226

NEITHER CRIME NOR INCIDENT
  2013         161
  2014         107
  2015         190
  2016         205
  2017         282"
run --db s.db --rows period,offence_title
check_status "the browser refuses two --rows values in one: one table" 0
run --db s.db --rows offence_title --rows outcome_description
check_status "the browser opens on one table" 2
check_output "it says to give --rows once" err "crimeview: the browser opens on one table: give --rows once (r changes the rows in the browser)
Try 'crimeview --help' for more information."

done_testing
