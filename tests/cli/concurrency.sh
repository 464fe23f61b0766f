#!/usr/bin/env bash
# concurrency.sh - tables, lists and the browser keep working while another process imports
# into the same cache: each sees the cache before the import or after it, whole, never an
# error and never a mix of the two.
. "$(dirname "$0")/lib.sh"
cd "$work"

# make_export N FIRST YEAR: N crime rows with references from FIRST, dates over the ten
# years from YEAR (20YY).
make_export() {
	awk -v n="$1" -v first="$2" -v year="$3" 'BEGIN {
		print "Crime Reference,Recorded Date,Offence Title,Outcome,MO Text"
		for (i = 0; i < n; i++) {
			j = i + first
			printf "CR/%d,%02d/%02d/20%02d 10:%02d,Offence %d,Outcome %d,", j, j % 28 + 1,
				j % 12 + 1, year + j % 10, j % 60, j % 40, j % 7
			printf "\"Notes for record %d: suspect seen near the shop, words %d\"\n", j, j * 7
		}
	}'
}
make_export 2000 0 14 >small.csv
make_export 150000 1000000 12 >big.csv

# The reads: a table from the tally the import leaves, a table that must read the records
# (--match), and the first page of a list (of the years only the new file has).
read_table() { "$CRIMEVIEW" table --db "$1" --rows outcome --format tsv; }
read_match() { "$CRIMEVIEW" table --db "$1" --rows outcome --match 'shop' --format tsv; }
read_list() { "$CRIMEVIEW" list --db "$1" --to 2013-12-31 --limit 5 --format tsv --fields outcome; }
# The browser, headless: its first screen (the title line names the cache, so it goes).
printf ':save-display screen.txt\n' >browse.keys
read_browser() {
	CRIMEVIEW_SCRIPT=browse.keys TERM=xterm LINES=16 COLUMNS=100 LANG=C.UTF-8 \
		"$CRIMEVIEW" --db "$1" --rows outcome >/dev/null && sed 1d screen.txt
}
reads="table match list browser"

"$CRIMEVIEW" import --db cv.db --kind crime --quiet small.csv
cp cv.db full.db
"$CRIMEVIEW" import --db full.db --kind crime --quiet big.csv
declare -A old new seen_old seen_new
for r in $reads; do
	old[$r]=$(read_"$r" cv.db)
	new[$r]=$(read_"$r" full.db)
	seen_old[$r]=0 seen_new[$r]=0
	check_eq "the import changes what $r shows" \
		"$([ "${old[$r]}" != "${new[$r]}" ] && [ -n "${old[$r]}" ] && echo yes)" yes
done

"$CRIMEVIEW" import --db cv.db --kind crime --quiet big.csv >import.out 2>&1 &
pid=$!
n=0 bad=0 during=0
# Read until the import ends, then once more; at most 400 rounds.
while [ "$n" -lt 400 ]; do
	running=0
	kill -0 "$pid" 2>/dev/null && running=1
	for r in $reads; do
		code=0
		got=$(read_"$r" cv.db 2>err) || code=$?
		if [ "$code" -ne 0 ] || [ -s err ]; then
			bad=$((bad + 1))
			fail "$r during the import exited $code" "$(cat err)"
		elif [ "$got" = "${old[$r]}" ]; then
			seen_old[$r]=$((seen_old[$r] + 1))
		elif [ "$got" = "${new[$r]}" ]; then
			seen_new[$r]=$((seen_new[$r] + 1))
		else
			bad=$((bad + 1))
			fail "$r during the import shows neither the old nor the new cache" \
				"--- old" "${old[$r]}" "--- new" "${new[$r]}" "--- got" "$got"
		fi
	done
	n=$((n + 1))
	during=$((during + running))
	[ "$running" -eq 1 ] || break
done
code=0
wait "$pid" || code=$?
check_eq "the import alongside the readers succeeds" "$code $(cat import.out)" "0 "
echo "# $n rounds of reads, $during of them while the import ran"
for r in $reads; do
	echo "# $r: ${seen_old[$r]} times the old cache, ${seen_new[$r]} times the new"
done
check_eq "every read printed the old or the new cache whole, without an error" "$bad" 0
check_eq "reads ran while the import did" \
	"$([ "$during" -ge 3 ] && echo yes || echo "no: $during")" yes
check_eq "reads during the import saw the old cache" \
	"$([ "${seen_old[table]}" -ge 1 ] && [ "${seen_old[list]}" -ge 1 ] && echo yes)" yes
for r in $reads; do
	check_eq "$r after the import shows the new cache" "$(read_"$r" cv.db)" "${new[$r]}"
done

done_testing
