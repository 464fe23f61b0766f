#!/usr/bin/env bash
# table.sh - crimeview table and list on the sample data: every table of the three seed
# disclosures, exactly (tsv and text goldens, reviewed against the seeds), the options,
# and the error paths with their exact messages.
. "$(dirname "$0")/lib.sh"
export SOURCE_DATE_EPOCH=1795000000 # the method note's "Made:" time, pinned
db="$work/sample.db"
ceop="$work/ceop.db"
cd "$srcdir/sample-data"
"$CRIMEVIEW" import --db "$db" --quiet crimes.csv incidents.csv
"$CRIMEVIEW" import --db "$ceop" --quiet ceop-referrals.csv 2>/dev/null

Q='deepfake* OR "deep fake*"'

# An import into an empty cache counts every field on the way: the first table is instant.
check_eq "the import leaves a tally of offences by kind and month" \
	"$(sql "$db" "SELECT sum(n), count(DISTINCT kind) FROM tally__offence_title")" "12938|2"
check_eq "the tally counts the incidents' missing offence as blank" \
	"$(sql "$db" "SELECT sum(n) FROM tally__offence_title WHERE f_offence_title IS NULL")" "3004"
# table_golden NAME GOLDEN ARGS...: runs crimeview table ARGS and compares with the golden.
table_golden() {
	local name=$1 golden=$2
	shift 2
	run table "$@"
	check_status "$name" 0
	check_golden "$name" out "$golden"
}

for format in tsv text; do
	D=(--db "$db" --match "$Q" --from 2019-02-01 --to 2024-02-29 --format "$format")
	table_golden "deepfake seed 1: crimes per year ($format)" "seeds/deepfake-1-crimes.$format" \
		"${D[@]}" --kind crime --rows period
	table_golden "deepfake seed 1: incidents per year, apart ($format)" \
		"seeds/deepfake-1-incidents.$format" "${D[@]}" --kind incident --rows period
	table_golden "deepfake seed 2: offences by year ($format)" "seeds/deepfake-2-offences.$format" \
		"${D[@]}" --kind crime --rows offence_title
	table_golden "deepfake seed 2: incident categories by year ($format)" \
		"seeds/deepfake-2-categories.$format" "${D[@]}" --kind incident --rows incident_category
	table_golden "deepfake seed 3: outcomes under offences ($format)" \
		"seeds/deepfake-3-outcomes.$format" "${D[@]}" --kind crime \
		--rows offence_title,outcome_description

	C=(--db "$db" --kind crime --where internet_enabled=Y --from 2017-01-01 --to 2019-07-31 --format "$format")
	table_golden "cyber seed table 1: offences ($format)" "seeds/cyber-1-offences.$format" \
		"${C[@]}" --rows offence_title
	table_golden "cyber seed table 2: victim age bands ($format)" "seeds/cyber-2-ages.$format" \
		"${C[@]}" --rows victim_age --band victim_age:16,18
	table_golden "cyber seed table 2 as laid out in the seed: years down, bands across ($format)" \
		"seeds/cyber-2-ages-by-year.$format" "${C[@]}" --rows period --cols victim_age \
		--band victim_age:16,18
	table_golden "cyber seed table 3: outcomes with (blank) ($format)" "seeds/cyber-3-outcomes.$format" \
		"${C[@]}" --rows outcome_description
	table_golden "cyber seed table 4: platforms ($format)" "seeds/cyber-4-platforms.$format" \
		"${C[@]}" --rows platform

	table_golden "CEOP seed: count, average, shortest, longest days ($format)" "seeds/ceop.$format" \
		--db "$ceop" --from 2013-01-01 --to 2017-09-30 --rows period --format "$format" \
		--measure count --measure 'avg:days(date_received,date_actioned)' \
		--measure 'min:days(date_received,date_actioned)' --measure 'max:days(Date Received,Date Actioned)'
done

table_golden "financial years" options/fy.txt --db "$db" --kind crime --rows period --period fy \
	--from 2020-04-01 --to 2022-03-31
table_golden "quarters" options/quarter.tsv --db "$db" --kind incident --rows incident_category \
	--period quarter --from 2023-01-01 --to 2023-06-30 --format tsv
table_golden "months, cut mid-month" options/month.txt --db "$db" --kind crime --rows platform \
	--period month --from 2019-05-15 --to 2019-07-31 --where internet_enabled=Y
table_golden "columns by a field" options/cols-field.tsv --db "$db" --kind crime \
	--where internet_enabled=Y --from 2018-01-01 --to 2018-12-31 --rows platform \
	--cols victim_age --band victim_age:16,18 --format tsv
table_golden "suppression, primary and secondary" options/suppress.txt --db "$db" --kind crime \
	--match "$Q" --from 2019-02-01 --to 2024-02-29 --rows offence_title --suppress 3
table_golden "sort by total" options/sort-total.tsv --db "$db" --kind crime --where internet_enabled=Y \
	--from 2019-01-01 --to 2019-07-31 --rows platform --sort total --format tsv
table_golden "records and distinct references" options/refs.tsv --db "$db" --kind crime \
	--rows period --measure count --measure refs --from 2016-01-01 --to 2017-12-31 --format tsv
table_golden "--count refs" options/count-refs.tsv --db "$db" --kind crime --rows offence_title \
	--count refs --where offence_title=Harassment --where "Offence Title=Other Criminal Damage" \
	--from 2016-01-01 --to 2017-12-31 --format tsv
table_golden "csv" options/outcomes.csv --db "$db" --kind crime --match "$Q" --from 2019-02-01 \
	--to 2024-02-29 --rows offence_title,outcome_description --format csv
table_golden "markdown" options/outcomes.md --db "$db" --kind crime --match "$Q" --from 2019-02-01 \
	--to 2024-02-29 --rows offence_title,outcome_description --format md
table_golden "json" options/offences.json --db "$db" --kind crime --match "$Q" --from 2019-02-01 \
	--to 2024-02-29 --rows offence_title --format json

table_golden "the FOI request's crime tables from one command" options/several.tsv --db "$db" \
	--kind crime --match "$Q" --from 2019-02-01 --to 2024-02-29 --rows period \
	--rows offence_title --rows offence_title,outcome_description --format tsv
run table --db "$db" --kind incident --match "$Q" --from 2019-02-01 --to 2024-02-29 \
	--rows period --rows incident_category --format json
cp "$work/out" "$work/several.json"
check_eq "several tables as json are one valid JSON array" \
	"$(sqlite3 :memory: "SELECT json_valid(readfile('$work/several.json')), json_array_length(readfile('$work/several.json'))")" \
	"1|2"
check_eq "a json table is valid JSON" \
	"$(sqlite3 :memory: "SELECT json_valid(readfile('$srcdir/tests/data/expected/options/offences.json'))")" "1"

# A table read from a tally (counts by field, kind and whole months) equals one read from
# the records (a --where that every crime meets forces that path).
for rows in offence_title offence_title,outcome_description platform; do
	run table --db "$db" --kind crime --rows "$rows" --from 2017-01-01 --to 2019-06-30 --format tsv
	cp "$work/out" "$work/tally.tsv"
	run table --db "$db" --kind crime --rows "$rows" --from 2017-01-01 --to 2019-06-30 --format tsv \
		--where crime_reference~CR-
	check_eq "rows $rows: the tally gives the records' counts" "$(cat "$work/tally.tsv")" "$(cat "$work/out")"
done
check_eq "the tallies are kept in the cache: one per field from the import, pairs on demand" \
	"$(sql "$db" "SELECT name FROM sqlite_master WHERE name GLOB 'tally_*' ORDER BY name" | paste -sd,)" \
	"tally__closing_code,tally__committed_date,tally__crime_reference,tally__incident_category,tally__incident_date,tally__incident_number,tally__internet_enabled,tally__location_beat,tally__offence_title,tally__offence_title__outcome_description,tally__outcome_description,tally__platform,tally__recorded_date,tally__victim_age"

# list: the records behind a table.
run list --db "$db" --kind incident --match "$Q" --from 2019-02-01 --to 2024-02-29 \
	--fields incident_category --format tsv
check_status "list" 0
check_golden "list: the deepfake incidents with their category and notes" out list/incidents.tsv
run list --db "$db" --kind crime --match "$Q" --from 2019-02-01 --to 2024-02-29 \
	--fields "Offence Title,outcome_description" --limit 3 --format json
check_golden "list --limit 3 as json" out list/crimes.json
run list --db "$db" --kind crime --limit 2 --fields offence_title
check_golden "list as text" out list/crimes.txt

# Errors: exact messages, exit 2 for bad usage.
expect_usage() {
	local name=$1 message=$2
	shift 2
	run "$@"
	check_status "$name" 2
	check_output "$name: message" err "$message"
}
expect_usage "unknown field in --rows" \
	"crimeview: --rows: unknown field 'offense' (crimeview fields lists them)" \
	table --db "$db" --rows offense
expect_usage "unknown field in --where" \
	"crimeview: --where: unknown field 'colour' (crimeview fields lists them)" \
	table --db "$db" --rows offence_title --where colour=red
expect_usage "bad --where" \
	"crimeview: --where \"Blackmail\": expected FIELD=VALUE, FIELD=, FIELD~TEXT, FIELD>=N or FIELD<=N
Try 'crimeview table --help' for more information." \
	table --db "$db" --rows offence_title --where Blackmail
expect_usage "bad --match" "crimeview: --match: unterminated quote at character 10" \
	table --db "$db" --rows offence_title --match 'deepfake "deep'
expect_usage "bad --from date" "crimeview: --from \"31/02/2020\": no such day: 31 February 2020
Try 'crimeview table --help' for more information." \
	table --db "$db" --rows offence_title --from 31/02/2020
expect_usage "bad --period" "crimeview: --period takes year, fy, year@MM, quarter or month, not 'decade'
Try 'crimeview table --help' for more information." \
	table --db "$db" --rows offence_title --period decade
expect_usage "no --rows" "crimeview: --rows is needed: a field, two fields, or period
Try 'crimeview table --help' for more information." \
	table --db "$db"
expect_usage "notes as rows" \
	"crimeview: --rows: incident_summary is the notes, which cannot be counted by value" \
	table --db "$db" --rows incident_summary
expect_usage "bad --measure" \
	"crimeview: --measure \"median:victim_age\": expected count, refs, avg:EXPR, min:EXPR, max:EXPR or sum:EXPR (EXPR a number field or days(A,B))
Try 'crimeview table --help' for more information." \
	table --db "$db" --rows period --measure median:victim_age
expect_usage "list with a table option" "crimeview: --rows belongs to crimeview table, not list
Try 'crimeview list --help' for more information." \
	list --db "$db" --rows offence_title

# An import changes the counts: the tallies follow (tests/cli/tally.sh has the cases; this
# changes $db: keep it last).
cp "$srcdir/sample-data/incidents.csv" "$work/more.csv"
"$CRIMEVIEW" import --db "$db" --quiet --kind incident "$work/more.csv"
check_eq "an import into a cache with records keeps its tallies, counting the new records" \
	"$(sql "$db" "SELECT sum(n), sum(n) FILTER (WHERE f_offence_title IS NULL) FROM tally__offence_title")" \
	"15942|6008"

done_testing
