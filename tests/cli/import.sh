#!/usr/bin/env bash
# import.sh - crimeview import, fields, show and rejects, end to end, exact output.
. "$(dirname "$0")/lib.sh"
data="$srcdir/tests/data/import"
db="$work/cv.db"
cd "$work"
cp "$data"/*.csv "$data"/*.map .

run --version
check_eq "--version prints the version" "$(cat out)" "crimeview 0.1.0"
run --help
check_eq "--help starts with the usage" "$(head -1 out)" \
	"Usage: crimeview [--db FILE] [FILE.csv ...]     import what is new or changed, then browse"
check_status "--help" 0

run import --db "$db"
check_status "import without a file" 2
check_output "import without a file says so" err "crimeview: no file to import
Try 'crimeview import --help' for more information."

run import --db "$db" --frobnicate crimes-small.csv
check_status "unknown option" 2
check_output "unknown option is named" err "crimeview: unknown option '--frobnicate'
Try 'crimeview import --help' for more information."

run frobnicate
check_status "unknown command" 2
check_output "unknown command is named" err "crimeview: unknown command 'frobnicate'
Try 'crimeview --help' for more information."

run import --db "$db" --encoding ebcdic crimes-small.csv
check_status "bad --encoding" 2
check_output "bad --encoding is explained" err "crimeview: --encoding takes utf-8 or windows-1252, not 'ebcdic'
Try 'crimeview import --help' for more information."

run import --db "$db" --kind crimes crimes-small.csv
check_status "bad --kind" 2

run import --db "$db" --map bad.map crimes-small.csv
check_status "map file with a bad line" 2
check_output "map file error names file and line" err "crimeview: bad.map:3: expected 'role = Header'"

run import --db "$db" --date-format '%Q' crimes-small.csv
check_status "bad --date-format" 2

run import --db "$db" crimes-small.csv
check_status "import with rejected rows" 0
check_output "import reports each file" out \
"crimes-small.csv: 7 rows read, 5 imported, 2 rejected (crime, utf-8, day-first dates) in TIME
1 file imported, 0 unchanged, 0 failed: 7 rows read, 5 imported, 2 rejected in TIME (RATE rows/s) into $db"
check_output "rejected rows are FILE:LINE: cause" err \
'crimes-small.csv:5: bad date in Recorded Date: "31/02/2021" (no such day: 31 February 2021)
crimes-small.csv:7: 3 fields, expected 6'
check_eq "the cache is private (mode 0600)" "$(stat -c %a "$db")" "600"

printf 'Crimes: January 2020\nCrime Number,Date\nCR1,13/01/2020\nCR2,14/01/2020\n' >titled.csv
run import --db "$work/titled.db" titled.csv
check_output "a title line before the header is skipped and said" err \
	'titled.csv: line 1 comes before the header on line 2 ("Crimes: January 2020"): not imported'
check_eq "the rows under it are imported" \
	"$(sql "$work/titled.db" "SELECT group_concat(line || '=' || ref, ' ') FROM records")" "3=CR1 4=CR2"

printf 'Crime Number,Date\nCR1,01/01/2020\n' >one-row.csv
run import --db "$work/one.db" one-row.csv
check_output "one row is one row" out \
"one-row.csv: 1 row read, 1 imported, 0 rejected (crime, utf-8, day-first dates) in TIME
1 file imported, 0 unchanged, 0 failed: 1 row read, 1 imported, 0 rejected in TIME (RATE rows/s) into $work/one.db"

run import --db "$db" crimes-small.csv
check_output "an unchanged file is not imported again" out \
"crimes-small.csv: unchanged since the last import
0 files imported, 1 unchanged, 0 failed: 0 rows read, 0 imported, 0 rejected in TIME (RATE rows/s) into $db"

run rejects --db "$db"
check_output "rejects lists every rejected row" out \
"$work/crimes-small.csv:5: bad date in Recorded Date: \"31/02/2021\" (no such day: 31 February 2021)
$work/crimes-small.csv:7: 3 fields, expected 6"

run fields --db "$db"
check_status "fields" 0
check_output "fields lists name, header, role, type, distinct and blanks" out \
"name                 header               role   type      distinct      blank
crime_reference      Crime Reference      ref    text             4          0
recorded_date        Recorded Date        date   date             4          0
offence_title        Offence Title               text             2          0
outcome_description  Outcome Description         text             2          1
victim_age           Victim Age                  number           3          1
mo_text              MO Text              notes  text             4          0"

run show --db "$db" 20/1006/22
check_status "show" 0
check_output "show prints every record of the reference, notes in full" out \
"== 20/1006/22 | crime | 2022-07-05 | $work/crimes-small.csv line 8
Crime Reference      20/1006/22
Recorded Date        05/07/2022
Offence Title        Blackmail
Outcome Description  Charge
Victim Age           22

MO Text:
DEEP
FAKE video sent to family

== 20/1006/22 | crime | 2022-07-05 | $work/crimes-small.csv line 10
Crime Reference      20/1006/22
Recorded Date        05/07/2022
Offence Title        Harassment
Outcome Description  Charge
Victim Age           22

MO Text:
DEEP
FAKE video sent to family"

run show --db "$db" 20/1004/22
check_eq "escape sequences in notes are shown inert" "$(grep -c $'\033' out)" "0"
check_eq "escape sequences in notes are visible" "$(tail -1 out)" \
	"Notes carry a title change ␛]0;pwned␇ and a clear ␛[2J here"

run show --db "$db" NOPE/1
check_status "show of an unknown reference" 1
check_output "show of an unknown reference says so" err \
	"crimeview: no record has the reference 'NOPE/1' in $db"

run import --db "$db" incidents-1252.csv
check_output "a Windows-1252 file is detected and said" err \
	"incidents-1252.csv: not UTF-8: read as Windows-1252"
run show --db "$db" 1001
check_eq "Windows-1252 text is stored as UTF-8" "$(tail -1 out)" \
	"Café owner reports youths – £300 damage"

run import --db "$db" nope.csv "$work"
check_status "a missing file and a directory fail the import" 1
check_output "a missing file and a directory are named" err \
"crimeview: nope.csv: no such file
crimeview: $work: is a directory, not a CSV file"

run fields --db "$work/none.db"
check_status "fields without a cache" 1
check_output "fields without a cache says how to make one" err \
	"crimeview: no cache at $work/none.db: import a file first (crimeview import FILE.csv)"

CRIMEVIEW_DB="$db" run fields
check_status "\$CRIMEVIEW_DB names the cache" 0
unset CRIMEVIEW_DB

run import --db "$work/mapped.db" --map good.map --kind crime --quiet crimes-small.csv
check_status "roles from a map file" 0
check_eq "--quiet prints no report" "$(cat out)" ""
check_eq "map file roles are used" \
	"$(sql "$work/mapped.db" "SELECT header || '=' || role FROM file_fields WHERE role <> '' ORDER BY position")" \
	"Crime Reference=ref
Recorded Date=date
MO Text=notes"

# --rebuild makes a new cache from just the files given.
run import --db "$db" --rebuild --quiet incidents-1252.csv
check_status "--rebuild" 0
check_eq "--rebuild keeps only the files given" "$(sql "$db" "SELECT count(*) FROM records")" "2"
check_eq "--rebuild leaves the cache private" "$(stat -c %a "$db")" "600"

# A cache from a newer crimeview is refused, and left alone.
cp "$db" newer.db
sql newer.db "PRAGMA user_version = 7" >/dev/null
run fields --db newer.db
check_status "a cache of a newer schema" 1
check_output "a cache of a newer schema is explained" err \
	"crimeview: newer.db was made by a newer crimeview (cache schema 7; this one reads 3): import the files again with --rebuild"

# kill -9 during an import leaves the previous cache: same counts, intact.
awk 'BEGIN { print "Crime Reference,Recorded Date,Offence Title,MO Text";
	for (i = 0; i < 600000; i++)
		printf "CR/%d,%02d/%02d/20%02d 10:00,Offence %d,\"Notes for record %d, with words\"\n",
			i, i % 28 + 1, i % 12 + 1, 10 + i % 14, i % 50, i }' >big.csv
"$CRIMEVIEW" import --db "$db" --quiet big.csv >/dev/null 2>&1 &
pid=$!
sleep 0.4
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
check_eq "after kill -9 the cache passes integrity_check" "$(sql "$db" "PRAGMA integrity_check")" "ok"
check_eq "after kill -9 the cache has its previous records" \
	"$(sql "$db" "SELECT count(*) FROM records")" "2"
check_eq "after kill -9 the cache is still private" "$(stat -c %a "$db")" "600"

# kill -9 during the first import into a new cache leaves an empty cache, not half of one.
"$CRIMEVIEW" import --db "$work/first.db" --quiet big.csv >/dev/null 2>&1 &
pid=$!
sleep 0.4
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
run fields --db "$work/first.db"
check_output "after kill -9 in a first import the cache holds nothing" err \
	"crimeview: $work/first.db holds no imported records yet"
run import --db "$work/first.db" --quiet crimes-small.csv
check_status "after kill -9 in a first import the cache takes a new import" 0
check_eq "after kill -9 in a first import the new import is whole" \
	"$(sql "$work/first.db" "PRAGMA integrity_check; SELECT count(*) FROM records")" "ok
5"

# The progress bar: drawn on a terminal (script(1) gives the command one), never otherwise.
if command -v script >/dev/null 2>&1; then
	script -qec "'$CRIMEVIEW' import --db '$work/tty.db' big.csv" /dev/null >tty.out 2>&1
	check_eq "on a terminal the import draws a progress bar with rows/s and ETA" \
		"$(grep -c 'rows/s  ETA' tty.out)" "1"
	check_eq "the progress bar is wiped before the report" \
		"$(grep -c $'\r\033\\[Kbig.csv: 600,000 rows read' tty.out)" "1"
	check_eq "after the files, the bar says the records are being indexed, then goes" \
		"$(grep -c $'^\rindexing 600,000 records…\033\\[K\r\033\\[K1 file imported' tty.out)" "1"
fi

done_testing
