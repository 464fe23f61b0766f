#!/usr/bin/env bash
# sample_data.sh - the bundled sample exports import cleanly, and the cache they make holds
# the records behind every table of the three seed disclosures (checked here with plain SQL
# over the cache; the table command reproduces the tables themselves).
. "$(dirname "$0")/lib.sh"
db="$work/sample.db"
cd "$srcdir/sample-data"

run --db "$db" crimes.csv incidents.csv ceop-referrals.csv
check_status "crimeview FILES imports the sample data" 0
check_golden "the import report and the records by year" out sample-data-import.txt
check_golden "the sample data's notices" err sample-data-notices.txt

run fields --db "$db"
check_golden "the sample data's fields" out sample-data-fields.txt

# deepfake_years KIND: records of KIND whose notes mention deepfake, Feb 2019 - Feb 2024,
# found by an FTS5 index with word positions made here from the cache's notes (the cache's
# own keeps none: crimeview checks phrases itself).
deepfake_years() {
	sql "$db" "CREATE VIRTUAL TABLE temp.words USING fts5(notes,
			tokenize = 'unicode61 remove_diacritics 2');
		INSERT INTO temp.words(rowid, notes) SELECT id, notes FROM notes;
		SELECT r.year || ' ' || count(*) FROM records r JOIN temp.words w ON w.rowid = r.id
		WHERE words MATCH 'deepfake* OR \"deep fake\"*' AND r.kind = '$1'
		AND r.date BETWEEN '2019-02-01' AND '2024-02-29' GROUP BY r.year ORDER BY r.year" | paste -sd,
}
check_eq "deepfake crimes per year (seed: 2021 1, 2022 1, 2023 5, 2024 1)" \
	"$(deepfake_years crime)" "2021 1,2022 1,2023 5,2024 1"
check_eq "deepfake incidents per year (seed: 2023 1, 2024 1)" \
	"$(deepfake_years incident)" "2023 1,2024 1"
check_eq "internet-enabled crimes per year, 2017 to July 2019 (seed: 1,054 2,204 1,841)" \
	"$(sql "$db" "SELECT year || ' ' || count(*) FROM records WHERE kind = 'crime'
		AND f_internet_enabled = 'Y' AND date BETWEEN '2017-01-01' AND '2019-07-31'
		GROUP BY year" | paste -sd,)" "2017 1054,2018 2204,2019 1841"
check_eq "CEOP referrals: count, average, shortest, longest days per year" \
	"$(sql "$db" "SELECT year || ' ' || count(*) || ' ' || printf('%.1f', avg(d)) || ' ' || min(d) || ' ' || max(d)
		FROM (SELECT year, julianday(f_date_actioned) - julianday(date) AS d FROM records
		WHERE f_date_actioned IS NOT NULL AND date BETWEEN '2013-01-01' AND '2017-09-30')
		GROUP BY year" | paste -sd,)" \
	"2013 161 5.0 1.0 46.0,2014 107 2.0 1.0 18.0,2015 190 3.0 1.0 43.0,2016 205 3.0 1.0 41.0,2017 242 2.0 1.0 76.0"

done_testing
