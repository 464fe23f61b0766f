#!/usr/bin/env bash
# crash.sh - kill -9 at 50 moments of an import: the cache keeps its previous contents.
#
# A cache is made from a small file; then, 50 times, an import of a bigger file into the
# same cache is killed with SIGKILL at a point drawn (seeded: CRASH_SEED) from the first
# nine tenths of the CPU time that import takes, as measured first (and lowered when an
# import ends before its kill), so the kills land in every phase: the file scan before
# the cache is touched, the inserts, the full-text index, the commit. After
# each kill the cache must open, pass PRAGMA integrity_check and give exactly the previous
# table and list; if the import had committed before the kill, exactly the new ones (then
# the previous cache is put back for the next round). Kills after the commit test less, so
# at least 40 of the 50 must land before it, some while it parses and inserts, some while
# it indexes or commits.
# Where each kill landed is read from /proc (see import_phase) and counted.
. "$(dirname "$0")/lib.sh"
cd "$work"

ROUNDS=50
MIN_MID_IMPORT=40
RANDOM=${CRASH_SEED:-4242}

# make_export N FIRST YEAR: N crime rows with references from FIRST, dates over the ten
# years from YEAR (20YY).
make_export() {
	awk -v n="$1" -v first="$2" -v year="$3" 'BEGIN {
		print "Crime Reference,Recorded Date,Offence Title,Outcome,MO Text"
		for (i = 0; i < n; i++) {
			j = i + first
			printf "CR/%d,%02d/%02d/20%02d 10:%02d,Offence %d,Outcome %d,", j, j % 28 + 1,
				j % 12 + 1, year + j % 10, j % 60, j % 40, j % 7
			printf "\"Notes for record %d: suspect seen near the shop, \"\"words\"\" %d\"\n",
				j, j * 7
		}
	}'
}
make_export 2000 0 14 >small.csv
make_export 25000 1000000 12 >big.csv

# snapshot DB: what a user sees of a cache, as one text (a table, and a list page of the
# years only big.csv has).
snapshot() {
	"$CRIMEVIEW" table --db "$1" --rows outcome --format tsv &&
		"$CRIMEVIEW" list --db "$1" --to 2013-12-31 --limit 5 --format tsv --fields outcome
}

"$CRIMEVIEW" import --db base.db --kind crime --quiet small.csv
before=$(snapshot base.db)
check_eq "the small cache has its 2,000 records" "$(sql base.db "SELECT count(*) FROM records")" \
	"2000"

# measure_cpu: the CPU time (clock ticks, both threads) of the whole import, uninterrupted,
# into a copy of the small cache, in total_ticks. The kills aim at points of that CPU time,
# not of wall time: the machine is shared, and its load changes wall times from one import
# to the next, not the work done.
ticks_per_s=$(getconf CLK_TCK)
measure_cpu() {
	rm -f full.db full.db-wal full.db-shm
	cp base.db full.db
	local TIMEFORMAT='%3U %3S' user sys
	read -r user sys < <({ time "$CRIMEVIEW" import --db full.db --kind crime --quiet big.csv \
		>/dev/null 2>&1; } 2>&1)
	total_ticks=$(awk -v u="$user" -v s="$sys" -v hz="$ticks_per_s" 'BEGIN {
		printf "%d", (u + s) * hz }')
}
# The least of three: a kill aimed past the end of a shorter import is wasted.
measure_cpu
least=$total_ticks
measure_cpu
[ "$total_ticks" -lt "$least" ] && least=$total_ticks
measure_cpu
[ "$total_ticks" -lt "$least" ] && least=$total_ticks
total_ticks=$least
after=$(snapshot full.db)
check_eq "the uninterrupted import adds 25,000 records" \
	"$(sql full.db "SELECT count(*) FROM records")" "27000"
check_eq "the import changes what the cache shows" "$([ "$before" != "$after" ] && echo yes)" yes

# import_phase PID: where the import is, from /proc: "start" (one thread, nothing written:
# the file scan), "parse+insert" (the parsing and writing threads), "index+commit" (one
# thread again, having written: the full-text index, tallies, the commit), "?" (it had
# ended).
import_phase() {
	local threads wchar
	threads=$(ls "/proc/$1/task" 2>/dev/null | wc -l)
	wchar=$(awk '$1 == "wchar:" { print $2 }' "/proc/$1/io" 2>/dev/null)
	if [ "$threads" -eq 0 ] || [ -z "$wchar" ]; then echo "?"
	elif [ "$threads" -ge 2 ]; then echo parse+insert
	elif [ "$wchar" -lt 65536 ]; then echo start
	else echo index+commit
	fi
}

cp base.db cv.db
mid=0 committed=0 finished=0
declare -A phases=([start]=0 [parse+insert]=0 [index+commit]=0 [?]=0)
for ((round = 1; round <= ROUNDS; round++)); do
	# A point of the import's CPU time: (RANDOM * 32768 + RANDOM) since one RANDOM tops
	# out at 32767. The import runs until its user + system ticks (/proc/PID/stat, fields
	# 14 and 15) reach it, or it ends (bash reaps it at once: /proc/PID goes).
	# The last tenth is left out: a kill aimed there mostly finds the import ended.
	at=$(((RANDOM * 32768 + RANDOM) % (total_ticks * 9 / 10 + 1)))
	"$CRIMEVIEW" import --db cv.db --kind crime --quiet big.csv >/dev/null 2>&1 &
	pid=$!
	t0=$(date +%s%N)
	st=()
	while read -r -a st <"/proc/$pid/stat" && [ $((st[13] + st[14])) -lt "$at" ]; do
		sleep 0.005
	done 2>/dev/null
	delay_ms=$((($(date +%s%N) - t0) / 1000000))
	phase=$(import_phase "$pid")
	kill="kill $round at tick $at of $total_ticks (${delay_ms} ms)"
	kill -9 "$pid" 2>/dev/null
	code=0
	wait "$pid" 2>/dev/null || code=$?
	got=$(snapshot cv.db 2>&1)
	integrity=$(sql cv.db "PRAGMA integrity_check" 2>&1)
	if [ "$code" -ne 137 ] && [ "$code" -ne 0 ]; then
		fail "$kill: the import exited $code before the kill"
		continue
	fi
	if [ "$integrity" != ok ]; then
		fail "$kill: integrity_check fails" "$integrity"
	elif [ "$code" -eq 137 ] && [ "$got" = "$before" ]; then
		mid=$((mid + 1))
		phases[$phase]=$((phases[$phase] + 1))
		pass "$kill, mid-import ($phase): integrity ok, the previous table and list"
	elif [ "$code" -eq 137 ] && [ "$got" = "$after" ]; then
		committed=$((committed + 1))
		pass "$kill, after the commit: integrity ok, the new table and list"
	elif [ "$code" -eq 0 ] && [ "$got" = "$after" ]; then
		finished=$((finished + 1))
		# It ended before tick $at: its CPU time changes with the machine's load (the
		# measure above may have had more), and a poll may sleep past its end. The later
		# kills aim within what this one took.
		[ "$at" -lt "$total_ticks" ] && total_ticks=$at
		pass "$kill found the import finished: integrity ok, the new table and list"
	else
		fail "$kill (exit $code): the cache shows neither the previous contents nor the new" \
			"--- previous" "$before" "--- new" "$after" "--- got" "$got"
	fi
	if [ "$got" != "$before" ]; then
		rm -f cv.db cv.db-wal cv.db-shm cv.db-journal
		cp base.db cv.db
	fi
done

echo "# $ROUNDS kills over $total_ticks ticks of CPU time: $mid mid-import" \
	"(${phases[start]} at the start, ${phases[parse+insert]} parsing and inserting," \
	"${phases[index+commit]} indexing or committing, ${phases[?]} as it ended)," \
	"$committed after the commit, $finished after the import ended"
check_eq "at least $MIN_MID_IMPORT of the $ROUNDS kills landed mid-import" \
	"$([ "$mid" -ge "$MIN_MID_IMPORT" ] && echo yes || echo "no: $mid")" yes
check_eq "kills landed mid-import while parsing and inserting, and while indexing or committing" \
	"$([ "${phases[parse+insert]}" -ge 1 ] && [ "${phases[index+commit]}" -ge 1 ] && echo yes ||
		echo no)" yes
check_eq "after the kills an import runs to the end" \
	"$("$CRIMEVIEW" import --db cv.db --kind crime --quiet big.csv && snapshot cv.db)" "$after"

done_testing
