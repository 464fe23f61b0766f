#!/usr/bin/env bash
# bench/query.sh: time crimeview's tables and first list page on a cache of a generated
# force-like export, against a plain GROUP BY in the sqlite3 shell over a plain .import.
#
# Usage: bench/query.sh [-r RUNS] [SIZE]
#   SIZE   rows in the export: digits, or with k / M (100k, 1M); default: 1000000
#   -r N   runs per measurement, the median is reported (default 5)
# Environment: CRIMEVIEW (default: the repo's ./crimeview; a relative path is taken from the
# directory you run the script in), SQLITE3 (default: sqlite3).
#
# Made once when missing (delete one to make it again): bench/out/N.csv by
# bench/gen_export.py (seed 1); the crimeview cache bench/out/N.query.db; the baseline's
# bench/out/N.sqlite3.db (table t, also written by bench/import.sh). stderr of the last
# commands: bench/out/N.query.log. Wall time is taken by the shell around each command.
#
# Exit status: 0 the warm totals, --match and list page targets hold; 1 a target is missed
# or a command failed; 2 bad usage or a missing tool.
set -euo pipefail

usage() {
	sed -n '5,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

die_usage() {
	printf 'query.sh: %s\n' "$1" >&2
	usage >&2
	exit 2
}

# Resolve CRIMEVIEW before moving to the repo root, so a relative path means what the caller
# meant; a bare name is looked up in PATH.
if [[ -n "${CRIMEVIEW:-}" ]]; then
	case "$CRIMEVIEW" in
	/*) ;;
	*/*) CRIMEVIEW="$PWD/$CRIMEVIEW" ;;
	esac
fi
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$PWD"
CRIMEVIEW="${CRIMEVIEW:-$ROOT/crimeview}"
SQLITE3="${SQLITE3:-sqlite3}"
OUT=bench/out

# Targets (bench/README.md), in milliseconds; totals also at most 1/TOTALS_BASE_DIV of
# the baseline.
TOTALS_MS=100
TOTALS_BASE_DIV=5
MATCH_MS=150
LIST_MS=20

MATCH_QUERY='deepfake* OR "deep fake*"'
BASELINE_SQL='SELECT "Offence Title", substr("Recorded Date", 7, 4) AS year, count(*) FROM t GROUP BY 1, 2;'

runs=5
while getopts ':r:h' opt; do
	case "$opt" in
	r) runs="$OPTARG" ;;
	h)
		usage
		exit 0
		;;
	:) die_usage "-$OPTARG needs a value" ;;
	*) die_usage "unknown option -$OPTARG" ;;
	esac
done
shift $((OPTIND - 1))
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || die_usage "-r wants a positive number, not '$runs'"
(($# <= 1)) || die_usage "one size at most"

arg="${1:-1000000}"
if [[ "$arg" =~ ^([0-9]+)([kKmM]?)$ ]]; then
	n="${BASH_REMATCH[1]}"
	case "${BASH_REMATCH[2]}" in
	k | K) n=$((n * 1000)) ;;
	m | M) n=$((n * 1000000)) ;;
	esac
	((n > 0)) || die_usage "size must be above 0: '$arg'"
else
	die_usage "size must be a number of rows (e.g. 100000, 100k, 1M): '$arg'"
fi

command -v "$SQLITE3" >/dev/null || {
	echo "query.sh: $SQLITE3 not found" >&2
	exit 2
}
command -v "$CRIMEVIEW" >/dev/null || {
	echo "query.sh: no crimeview binary at '$CRIMEVIEW': build it (make), or set CRIMEVIEW" >&2
	exit 2
}

mkdir -p "$OUT"
CSV="$OUT/$n.csv"
CVDB="$OUT/$n.query.db"
SQDB="$OUT/$n.sqlite3.db"
LOG="$OUT/$n.query.log"

remove_db() {
	rm -f "$1" "$1-journal" "$1-wal" "$1-shm"
}

# elapsed T0 T1: microseconds between two $EPOCHREALTIME readings (whatever the locale's
# decimal mark: both have six decimals).
elapsed() {
	echo $((10#${2//[!0-9]/} - 10#${1//[!0-9]/}))
}

# make_input: bench/out/N.csv, generated once (as bench/import.sh does).
make_input() {
	[[ -s "$CSV" ]] && return 0
	local tmp="$CSV.tmp.$$" t0 t1
	printf 'generating %s rows into %s ... ' "$n" "$CSV" >&2
	t0="$EPOCHREALTIME"
	python3 bench/gen_export.py --rows "$n" --seed 1 --out "$tmp" || {
		rm -f "$tmp"
		return 1
	}
	t1="$EPOCHREALTIME"
	mv "$tmp" "$CSV"
	awk -v us="$(elapsed "$t0" "$t1")" -v sz="$(stat -c %s "$CSV")" 'BEGIN {
		printf "%.1f s, %.1f MB\n", us / 1e6, sz / 1048576 }' >&2
}

# built WHAT CMD...: run a build step with its output in the log; on failure say so with
# the log's tail and return 1.
built() {
	local what="$1" t0 t1
	shift
	printf 'building %s ... ' "$what" >&2
	t0="$EPOCHREALTIME"
	if ! "$@" >"$LOG" 2>&1; then
		printf 'failed\nquery.sh: failed: %s\n' "$*" >&2
		tail -n 5 "$LOG" | sed 's/^/  /' >&2
		return 1
	fi
	t1="$EPOCHREALTIME"
	awk -v us="$(elapsed "$t0" "$t1")" 'BEGIN { printf "%.1f s\n", us / 1e6 }' >&2
}

# make_caches: the crimeview cache and the plain sqlite3 import, each written under a
# temporary name and renamed when complete, so an interrupted build is never used.
make_caches() {
	local tmp rows
	if [[ ! -s "$CVDB" ]]; then
		tmp="$CVDB.tmp.$$"
		remove_db "$tmp"
		built "$CVDB" "$CRIMEVIEW" import --db "$tmp" --quiet "$CSV" </dev/null || {
			remove_db "$tmp"
			return 1
		}
		mv "$tmp" "$CVDB"
		remove_db "$tmp"
	fi
	# bench/import.sh writes the same file (t plus an FTS5 index that the GROUP BY does not
	# read) from fresh on every run; take it only when t holds every row.
	rows=0
	if [[ -s "$SQDB" ]]; then
		rows="$("$SQLITE3" -batch -readonly "$SQDB" 'SELECT count(*) FROM t;' 2>/dev/null ||
			true)"
	fi
	if [[ "$rows" != "$n" ]]; then
		tmp="$SQDB.tmp.$$"
		remove_db "$tmp"
		built "$SQDB" "$SQLITE3" -batch -bail "$tmp" ".import --csv \"$CSV\" t" </dev/null || {
			remove_db "$tmp"
			return 1
		}
		remove_db "$SQDB"
		mv "$tmp" "$SQDB"
		remove_db "$tmp"
	fi
}

# drop_tallies: the cache as a table finds it after files were added to a cache that had
# records (an import into an empty cache leaves its tallies; adding to one drops them).
drop_tallies() {
	local sql
	sql="$("$SQLITE3" -batch -bail "$CVDB" \
		"SELECT 'DROP TABLE \"' || replace(name, '\"', '\"\"') || '\";' FROM sqlite_master
		 WHERE type = 'table' AND (name = 'tally' OR name GLOB 'tally__*');")"
	[[ -z "$sql" ]] || "$SQLITE3" -batch -bail "$CVDB" "$sql"
}

tally_count() {
	"$SQLITE3" -batch -bail "$CVDB" \
		"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND (name = 'tally' OR name GLOB 'tally__*');"
}

# timed NAME CMD...: run CMD (stdin from /dev/null, stdout to /dev/null, stderr to the log),
# add its wall microseconds to the samples of NAME. On failure, say so with the log's tail
# and exit 1.
timed() {
	local name="$1" t0 t1
	shift
	t0="$EPOCHREALTIME"
	if ! "$@" </dev/null >/dev/null 2>"$LOG"; then
		printf 'query.sh: failed: %s\n' "$*" >&2
		tail -n 5 "$LOG" | sed 's/^/  /' >&2
		exit 1
	fi
	t1="$EPOCHREALTIME"
	samples[$name]+="$(elapsed "$t0" "$t1") "
}

# median X...: the median of the numbers (the mean of the middle two for an even count).
median() {
	printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END {
		if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

make_input
make_caches
cat "$CSV" >/dev/null
cat "$CVDB" "$SQDB" >/dev/null # same warm page cache for every run

declare -A samples=()
names=(first warm match where list baseline)
for name in "${names[@]}"; do
	samples[$name]=""
done
tallies_made=1

for ((i = 1; i <= runs; i++)); do
	drop_tallies
	timed first "$CRIMEVIEW" table --db "$CVDB" --rows offence_title --format tsv
	(($(tally_count) > 0)) || tallies_made=0
	timed warm "$CRIMEVIEW" table --db "$CVDB" --rows offence_title --format tsv
	timed match "$CRIMEVIEW" table --db "$CVDB" --rows offence_title --match "$MATCH_QUERY" \
		--format tsv
	timed where "$CRIMEVIEW" table --db "$CVDB" --rows offence_title \
		--where internet_enabled=Y --format tsv
	timed list "$CRIMEVIEW" list --db "$CVDB" --limit 50 --format tsv
	timed baseline "$SQLITE3" -batch -bail "$SQDB" "$BASELINE_SQL"
	line="$n rows, run $i/$runs:"
	for name in "${names[@]}"; do
		read -r -a s <<<"${samples[$name]}"
		line+="$(awk -v k="$name" -v us="${s[-1]}" 'BEGIN { printf " %s %.1f ms", k, us / 1000 }')"
	done
	printf '%s\n' "$line" >&2
done

med=()
for name in "${names[@]}"; do
	read -r -a s <<<"${samples[$name]}"
	med+=("$(median "${s[@]}")")
done

printf '\nquery benchmark: %s rows, median of %d run(s), wall ms\n' "$n" "$runs"
table="$(awk -v us_first="${med[0]}" -v us_warm="${med[1]}" -v us_match="${med[2]}" \
	-v us_where="${med[3]}" -v us_list="${med[4]}" -v us_base="${med[5]}" \
	-v totals_ms="$TOTALS_MS" -v div="$TOTALS_BASE_DIV" -v match_ms="$MATCH_MS" \
	-v list_ms="$LIST_MS" 'BEGIN {
	# verdicts read the figures as printed (0.1 ms), as numbers
	ms["first"] = sprintf("%.1f", us_first / 1000); ms["warm"] = sprintf("%.1f", us_warm / 1000)
	ms["match"] = sprintf("%.1f", us_match / 1000); ms["where"] = sprintf("%.1f", us_where / 1000)
	ms["list"] = sprintf("%.1f", us_list / 1000); ms["base"] = sprintf("%.1f", us_base / 1000)
	for (k in ms) v[k] = ms[k] + 0
	cap = sprintf("%.1f", v["base"] / div) + 0
	totals_t = sprintf("<= %d ms and <= 1/%d baseline (%.1f ms)", totals_ms, div, cap)
	print "measurement\tmedian ms\ttarget\tresult"
	row("totals, no tally (after adding to a cache)", ms["first"], totals_t,
		v["first"] <= totals_ms && v["first"] <= cap)
	gate += row("totals (tally from the import, or kept)", ms["warm"], totals_t,
		v["warm"] <= totals_ms && v["warm"] <= cap)
	gate += row("totals --match", ms["match"], sprintf("<= %d ms", match_ms),
		v["match"] <= match_ms)
	row("totals --where internet_enabled=Y", ms["where"], "-", -1)
	gate += row("list, first page (50)", ms["list"], sprintf("<= %d ms", list_ms),
		v["list"] <= list_ms)
	row("sqlite3 GROUP BY (baseline)", ms["base"], "-", -1)
	print "#status\t" (gate ? 1 : 0)
}
# row LABEL MS TARGET HELD: print the row; return 1 when a target is missed.
function row(label, v, target, held) {
	printf "%s\t%s\t%s\t%s\n", label, v, target, held < 0 ? "-" : held ? "ok" : "MISSED"
	return held == 0
}')"
status="$(printf '%s\n' "$table" | sed -n 's/^#status\t//p')"
printf '%s\n' "$table" | grep -v '^#status' | awk -F'\t' '
	{ for (i = 1; i <= NF; i++) { cell[NR, i] = $i; if (length($i) > w[i]) w[i] = length($i) } }
	NF > nf { nf = NF }
	END {
		for (r = 1; r <= NR; r++) {
			line = ""
			for (i = 1; i <= nf; i++) {
				# the milliseconds right-aligned, the text columns left-aligned
				f = (i == 2) ? "%" w[i] "s" : "%-" w[i] "s"
				line = line (i > 1 ? "  " : "") sprintf(f, cell[r, i])
			}
			sub(/ +$/, "", line)
			print line
		}
	}'
printf 'Exit status from the totals with a tally (what every table reads after an import into\n'
printf 'a new cache, and every table after the first once files were added to a cache), --match\n'
printf 'and the list page; the no-tally totals is the full scan that makes the tally, shown\n'
printf 'against the same target for information.\n'
if ((!tallies_made)); then
	printf 'note: the first table left no tally_* table in the cache, so warm measured a full\n'
	printf 'scan too (a crimeview without tallies, or a read-only cache).\n'
fi
exit "$status"
