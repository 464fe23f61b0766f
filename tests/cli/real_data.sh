#!/usr/bin/env bash
# real_data.sh - importing real public exports (../shared/data/real): exact counts, rejects
# at the right lines, UK-time bucketing. Skipped when the folder is not there.
. "$(dirname "$0")/lib.sh"
real="${CRIMEVIEW_REAL_DATA:-$srcdir/../shared/data/real}"
[ -d "$real" ] || skip_all "no real exports at $real"
cd "$real"

# import_file FILE: imports FILE alone into a fresh cache $work/FILE.db.
import_file() {
	db="$work/$1.db"
	run import --db "$db" "$1"
}

import_file 2016-03-cumbria-street.csv
check_status "Cumbria street crimes import" 0
check_output "Cumbria: 3,326 rows, all imported" out \
"2016-03-cumbria-street.csv: 3,326 rows read, 3,326 imported, 0 rejected (crime, utf-8, day-first dates) in TIME
1 file imported, 0 unchanged, 0 failed: 3,326 rows read, 3,326 imported, 0 rejected in TIME (RATE rows/s) into $db"
check_output "Cumbria: the rows without a Crime ID are reported" err \
"2016-03-cumbria-street.csv: 1,099 rows have no Crime ID (the first at line 2): not recorded as crimes, they count as neither crime nor incident (--kind crime counts them as crimes)"
check_eq "Cumbria: 1,099 anti-social behaviour rows have a blank Crime ID" \
	"$(sql "$db" "SELECT count(*) FROM records WHERE ref IS NULL AND f_crime_type = 'Anti-social behaviour'")" \
	"1099"
check_eq "Cumbria: every row with a blank Crime ID is anti-social behaviour" \
	"$(sql "$db" "SELECT count(*) FROM records WHERE ref IS NULL")" "1099"
run table --db "$db" --kind crime --rows crime_type --format tsv
check_eq "Cumbria: anti-social behaviour is not counted among the crimes (2,227 crimes)" \
	"$(grep -E '^(Anti-social|Burglary|Total)' "$work/out")" \
	"Burglary	186	186
Total	2227	2227"
run table --db "$db" --kind other --rows crime_type --format tsv
check_eq "Cumbria: it counts as neither crime nor incident" "$(grep -v '^Crime type' "$work/out")" \
	"Anti-social behaviour	1099	1099
Total	1099	1099"
dups=$(tail -n +2 2016-03-cumbria-street.csv | sort | uniq -d | wc -l)
kept=$(sql "$db" "SELECT count(*) FROM (SELECT 1 FROM records GROUP BY f_longitude, f_latitude, f_location, f_lsoa_code, f_crime_type, ref, f_last_outcome_category HAVING count(*) > 1)")
check_eq "Cumbria: genuine duplicate rows are all kept ($dups repeated rows)" "$kept" "$dups"
check_eq "Cumbria: month-precision dates have a year and month, no day" \
	"$(sql "$db" "SELECT DISTINCT date || ' ' || year || ' ' || month || ' ' || quote(day) FROM records")" \
	"2016-03 2016 3 NULL"

import_file 2011-02-west-midlands-street.csv
check_output "West Midlands 2011: 25,558 rows, all imported" out \
"2011-02-west-midlands-street.csv: 25,558 rows read, 25,558 imported, 0 rejected (utf-8, day-first dates) in TIME
1 file imported, 0 unchanged, 0 failed: 25,558 rows read, 25,558 imported, 0 rejected in TIME (RATE rows/s) into $db"
check_output "West Midlands 2011: a file of unknown kind is reported" err \
	"2011-02-west-midlands-street.csv: not known to hold crimes or incidents: its records count as neither (say which with --kind)"

import_file 2019-06-greater-manchester-stop-and-search.csv
check_output "Greater Manchester stop and search: 907 rows" out \
"2019-06-greater-manchester-stop-and-search.csv: 907 rows read, 907 imported, 0 rejected (utf-8, day-first dates) in TIME
1 file imported, 0 unchanged, 0 failed: 907 rows read, 907 imported, 0 rejected in TIME (RATE rows/s) into $db"
late_may=$(grep -c ',2019-05-31T23:' 2019-06-greater-manchester-stop-and-search.csv)
check_eq "Greater Manchester: the file has UTC times late on 31 May" "$((late_may > 0))" "1"
check_eq "Greater Manchester: those count in June, UK time (all 907 in June 2019)" \
	"$(sql "$db" "SELECT year || '-' || month || ' ' || count(*) FROM records GROUP BY year, month")" \
	"2019-6 907"
check_eq "Greater Manchester: 23:01 UTC on 31 May is 1 June" \
	"$(sql "$db" "SELECT DISTINCT date FROM records WHERE f_date = '2019-05-31T23:01:00+00:00'")" \
	"2019-06-01"

import_file 2024-01-west-midlands-stop-and-search.csv
check_output "West Midlands stop and search 2024: 2,326 rows" out \
"2024-01-west-midlands-stop-and-search.csv: 2,326 rows read, 2,326 imported, 0 rejected (utf-8, day-first dates) in TIME
1 file imported, 0 unchanged, 0 failed: 2,326 rows read, 2,326 imported, 0 rejected in TIME (RATE rows/s) into $db"

import_file carrollton-ga-2017-01_04-incidents.csv
check_status "Carrollton (US, month-first) import" 0
check_output "Carrollton: 664 rows read month-first" out \
"carrollton-ga-2017-01_04-incidents.csv: 664 rows read, 664 imported, 0 rejected (incident, utf-8, month-first dates) in TIME
1 file imported, 0 unchanged, 0 failed: 664 rows read, 664 imported, 0 rejected in TIME (RATE rows/s) into $db"
check_eq "Carrollton: the month-first evidence is reported" \
	"$(sed -E 's/\(line [0-9]+ has "[^"]*"\)/(line N has "D")/' "$work/err")" \
	"carrollton-ga-2017-01_04-incidents.csv: dates are month-first (line N has \"D\"): reading them month-first"
check_eq "Carrollton: \"03/03/2017, 9:13:00 am\" is 3 March 2017" \
	"$(sql "$db" "SELECT date FROM records WHERE ref = '19081540'")" "2017-03-03"
check_eq "Carrollton: trailing spaces in categories are trimmed" \
	"$(sql "$db" "SELECT count(*) FROM records WHERE f_incidenttype LIKE '% '")" "0"

import_file minneapolis-police-incidents-2015-sample.csv
check_status "Minneapolis (cut off) import" 0
check_output "Minneapolis: 3 rows imported, the cut-off record rejected" out \
"minneapolis-police-incidents-2015-sample.csv: 4 rows read, 3 imported, 1 rejected (incident, utf-8, day-first dates) in TIME
1 file imported, 0 unchanged, 0 failed: 4 rows read, 3 imported, 1 rejected in TIME (RATE rows/s) into $db"
check_output "Minneapolis: the cut-off record is reported at the line it starts on" err \
	"minneapolis-police-incidents-2015-sample.csv:5: the file ends inside this record (lines 5-6, 2 of 20 fields)"
check_eq "Minneapolis: the double-encoded byte-order mark is not part of the first header" \
	"$(sql "$db" "SELECT header FROM file_fields WHERE position = 0")" "FID"

done_testing
