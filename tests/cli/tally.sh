#!/usr/bin/env bash
# tally.sh - the tallies stay true through every import: after files are added to a cache,
# after a file changes (records gone, values renamed), and for a field new to the cache,
# a table read from the tallies equals the same table read from the records, and the
# tallies are still there (the first table after adding a month's export stays instant).
. "$(dirname "$0")/lib.sh"
db="$work/tally.db"

# The sample crimes dealt into two files, record by record (a record ends on a line where
# the quotes seen so far are even: the notes hold quoted line breaks).
split_records() {
	awk -v a="$2" -v b="$3" 'NR == 1 { print > a; print > b; next }
		{ buf = buf $0 "\n"; q += gsub(/"/, "&")
		  if (q % 2 == 0) { printf "%s", buf > (++rec % 2 ? a : b); buf = ""; q = 0 } }' "$1"
}
split_records "$srcdir/sample-data/crimes.csv" "$work/crimes-a.csv" "$work/crimes-b.csv"
# A value found in one file only: when that file changes and loses it, its group must go.
printf 'CR-2099-0001,15/06/2021 10:00,,Test Offence,Under investigation,30,,N,one of a kind\n' \
	>>"$work/crimes-a.csv"

# The tallies: "tally" (by no field: a table by period alone makes it), then tally__FIELDS.
tally_sql="(name = 'tally' OR name GLOB 'tally__*')"
tally_names() { sql "$db" "SELECT name FROM sqlite_master WHERE $tally_sql ORDER BY name" | paste -sd,; }
# The columns that make a tally's group, quoted and joined for a count(DISTINCT ...).
group_key() {
	local fields=${1#tally}
	fields=${fields#__}
	[[ -z "$fields" ]] || echo "quote(f_${fields//__/) || quote(f_}) || "
}

# check_tables WHEN: each table, read from the tallies, equals the same table read from the
# records of a copy of the cache without tallies.
tables=("--rows offence_title" "--rows offence_title,outcome_description --kind crime"
	"--rows incident_category --kind incident --period month" "--rows platform --period fy"
	"--rows period --kind crime")
check_tables() {
	cp "$db" "$work/records.db"
	sqlite3 "$work/records.db" "$(sql "$work/records.db" \
		"SELECT 'DROP TABLE \"' || name || '\";' FROM sqlite_master WHERE $tally_sql")"
	for t in "${tables[@]}"; do
		# shellcheck disable=SC2086
		run table --db "$db" $t --format tsv
		cp "$work/out" "$work/from-tally.tsv"
		# shellcheck disable=SC2086
		run table --db "$work/records.db" $t --format tsv
		check_eq "$1: table $t from the tallies equals the records'" \
			"$(cat "$work/from-tally.tsv")" "$(cat "$work/out")"
	done
	run fields --db "$db"
	cp "$work/out" "$work/fields-tally.txt"
	run fields --db "$work/records.db"
	check_eq "$1: the fields' distinct and blank counts from the tallies equal the records'" \
		"$(cat "$work/fields-tally.txt")" "$(cat "$work/out")"
	# The browser's value picker (f, a field, its values by count) reads the tallies too.
	printf 'f\n/offence_title<Enter>\n<Enter>\n:save-display %s\n' "$work/picker.txt" >"$work/picker.keys"
	for d in "$db" "$work/records.db"; do
		CRIMEVIEW_SCRIPT="$work/picker.keys" TERM=xterm COLUMNS=100 LINES=30 "$CRIMEVIEW" --db "$d" \
			>/dev/null 2>&1
		mv "$work/picker.txt" "$work/picker-$(basename "$d").txt"
	done
	check_eq "$1: the value picker's counts from the tallies equal the records'" \
		"$(sed 1d "$work/picker-tally.db.txt")" "$(sed 1d "$work/picker-records.db.txt")"
	check_eq "$1: every tally has one row per group, and no empty group" \
		"$(for t in $(tally_names | tr , ' '); do
			sql "$db" "SELECT count(*) - count(DISTINCT $(group_key "$t")quote(kind) || quote(year) || quote(month)) + sum(n <= 0) FROM \"$t\""
		done | sort -u)" "0"
	check_eq "$1: every tally counts every record" \
		"$(for t in $(tally_names | tr , ' '); do sql "$db" "SELECT sum(n) FROM \"$t\""; done | sort -u)" \
		"$(sql "$db" "SELECT count(*) FROM records")"
}

"$CRIMEVIEW" import --db "$db" --quiet "$work/crimes-a.csv"
# A tally of two fields, and the one by no field, made by tables, are kept true too.
run table --db "$db" --rows offence_title,outcome_description --kind crime --format tsv
run table --db "$db" --rows period --format tsv
before=$(tally_names)
check_eq "the first import and two tables leave these tallies" "$before" \
	"tally,tally__committed_date,tally__crime_reference,tally__internet_enabled,tally__offence_title,tally__offence_title__outcome_description,tally__outcome_description,tally__platform,tally__recorded_date,tally__victim_age"

"$CRIMEVIEW" import --db "$db" --quiet "$work/crimes-b.csv" "$srcdir/sample-data/incidents.csv"
check_eq "adding files keeps every tally, and fields new to the cache get one" "$(tally_names)" \
	"tally,tally__closing_code,tally__committed_date,tally__crime_reference,tally__incident_category,tally__incident_date,tally__incident_number,tally__internet_enabled,tally__location_beat,tally__offence_title,tally__offence_title__outcome_description,tally__outcome_description,tally__platform,tally__recorded_date,tally__victim_age"
check_eq "the incidents' categories: blank for the crimes counted before" \
	"$(sql "$db" "SELECT kind, sum(n) FROM tally__incident_category WHERE f_incident_category IS NULL GROUP BY kind")" \
	"crime|9935"
check_tables "after adding files"

# The file changes: a third of its records go (Test Offence with them), others are renamed.
awk 'NR == 1 || !/^CR-/ || NR % 3 != 0' "$work/crimes-a.csv" | grep -v "Test Offence" |
	sed 's/,Harassment,/,Harassment (renamed),/' >"$work/changed.csv"
mv "$work/changed.csv" "$work/crimes-a.csv"
run import --db "$db" --quiet "$work/crimes-a.csv"
check_status "the changed file imports" 0
check_eq "the changed file's offence is gone from the tally" \
	"$(sql "$db" "SELECT count(*) FROM tally__offence_title WHERE f_offence_title = 'Test Offence'")" "0"
check_eq "its renamed offence is in it" \
	"$(sql "$db" "SELECT count(*) > 0 FROM tally__offence_title WHERE f_offence_title = 'Harassment (renamed)'")" "1"
check_tables "after a file changed"

# A tally that grows past the size worth keeping goes, and the tables read the records.
seq 1 30000 | awk 'BEGIN { print "Crime Reference,Recorded Date,Offence Title" }
	{ printf "CR-2098-%05d,01/%02d/2020,Offence %d\n", $1, $1 % 12 + 1, $1 }' >"$work/many.csv"
"$CRIMEVIEW" import --db "$db" --quiet "$work/many.csv"
check_eq "a tally past 25,000 groups is dropped" \
	"$(sql "$db" "SELECT count(*) FROM sqlite_master WHERE name IN ('tally__offence_title', 'tally__crime_reference')")" "0"
check_tables "after a tally grew too big"

done_testing
