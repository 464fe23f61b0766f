#!/usr/bin/env bash
# bench/scale.sh: crimeview at 100k, 1M and 10M rows, side by side with the sqlite3 shell
# (.import + an FTS5 index of the notes, then a GROUP BY) and VisiData's batch mode (load
# the CSV, a frequency table of the offences), all on the same generated export.
#
# Usage: bench/scale.sh [-r RUNS] [-V] [SIZE ...]
#   SIZE   rows: digits, or with k / M (100k, 1M, 10M); default: 100k 1M
#   -r N   runs of every measurement, the median is reported (default 3)
#   -V     leave VisiData out (it needs several GB of memory and minutes at 10M rows)
# Environment: CRIMEVIEW (default: the repo's ./crimeview), SQLITE3 (sqlite3), VD (vd).
#
# For each size: bench/out/N.csv is made once by bench/gen_export.py (seed 1), and
# bench/out/N.more.csv of N/100 rows (seed 2), the next month's export. Each run imports
# into a fresh bench/out/N.scale.db and times, on it, what a user does first: the totals
# (counts by offence and year, from the tally the import leaves), totals with --match, the
# first list page, `crimeview --db` (the overview by kind and year, without a terminal);
# then the import of the next month into the same cache and the first totals after it
# (the tallies kept true by that import); then the same totals after dropping the tallies
# (a full scan, as a table by fields no tally has). Then the sqlite3 baseline into a fresh
# bench/out/N.scale-sqlite3.db and its GROUP BY; then VisiData. Import times and peak RSS
# come from GNU time, query times from bash's $EPOCHREALTIME around the whole process.
# Every sample goes to bench/out/scale-N.tsv; the medians and ratios are printed as
# Markdown tables for bench/RESULTS.md.
#
# Exit status: 0 the targets hold (import under 90 s and 64 MB peak RSS, totals under 1 s
# after the first import and after the next month's, list page and overview within 50 ms); 1 one is missed or a command failed; 2 bad usage
# or a missing tool.
set -euo pipefail

usage() {
	sed -n '6,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}
die_usage() {
	printf 'scale.sh: %s\n' "$1" >&2
	usage >&2
	exit 2
}

if [[ -n "${CRIMEVIEW:-}" ]]; then
	case "$CRIMEVIEW" in
	/*) ;;
	*/*) CRIMEVIEW="$PWD/$CRIMEVIEW" ;;
	esac
fi
cd "$(dirname "${BASH_SOURCE[0]}")/.."
CRIMEVIEW="${CRIMEVIEW:-$PWD/crimeview}"
SQLITE3="${SQLITE3:-sqlite3}"
VD="${VD:-vd}"
GNU_TIME=/usr/bin/time
OUT=bench/out

# Targets (issue "Scale and hostile input").
IMPORT_S=90
RSS_MB=64
TOTALS_MS=1000
SCREEN_MS=50

MATCH_QUERY='deepfake* OR "deep fake*"'

runs=3
do_vd=1
while getopts ':r:Vh' opt; do
	case "$opt" in
	r) runs="$OPTARG" ;;
	V) do_vd=0 ;;
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
(($# > 0)) || set -- 100000 1000000
sizes=()
for arg in "$@"; do
	[[ "$arg" =~ ^([0-9]+)([kKmM]?)$ ]] || die_usage "size must be a number of rows: '$arg'"
	n="${BASH_REMATCH[1]}"
	case "${BASH_REMATCH[2]}" in
	k | K) n=$((n * 1000)) ;;
	m | M) n=$((n * 1000000)) ;;
	esac
	((n > 0)) || die_usage "size must be above 0: '$arg'"
	sizes+=("$n")
done

need() {
	command -v "$1" >/dev/null || {
		echo "scale.sh: $1 not found${2:+: $2}" >&2
		exit 2
	}
}
need "$GNU_TIME" "apt-get install time"
need "$SQLITE3"
need "$CRIMEVIEW" "build it (make), or set CRIMEVIEW"
((!do_vd)) || need "$VD" "apt-get install visidata, or leave it out with -V"
mkdir -p "$OUT"

remove_db() { rm -f "$1" "$1-journal" "$1-wal" "$1-shm"; }

# elapsed T0 T1: microseconds between two $EPOCHREALTIME readings.
elapsed() { echo $((10#${2//[!0-9]/} - 10#${1//[!0-9]/})); }

# make_input N [NAME SEED]: bench/out/NAME.csv (default N.csv, seed 1) of N rows.
make_input() {
	local csv="$OUT/${2:-$1}.csv" tmp="$OUT/${2:-$1}.csv.tmp.$$"
	[[ -s "$csv" ]] && return 0
	printf 'generating %s rows into %s ...\n' "$1" "$csv" >&2
	python3 bench/gen_export.py --rows "$1" --seed "${3:-1}" --out "$tmp" || {
		rm -f "$tmp"
		return 1
	}
	mv "$tmp" "$csv"
}

# sample N NAME VALUE: one measurement, kept in memory and in bench/out/scale-N.tsv.
declare -A samples=()
sample() {
	samples[$1.$2]+="$3 "
	printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$OUT/scale-$1.tsv"
}

# gnu_timed N NAME LOG CMD...: CMD under GNU time; samples NAME.s and NAME.kb.
gnu_timed() {
	local n="$1" name="$2" log="$3" tf s kb
	shift 3
	tf=$(mktemp)
	if ! "$GNU_TIME" -o "$tf" -f '%e %M' "$@" >"$log" 2>&1 </dev/null; then
		printf 'scale.sh: failed: %s\n' "$*" >&2
		tail -n 5 "$log" | sed 's/^/  /' >&2
		rm -f "$tf"
		exit 1
	fi
	read -r s kb < <(tail -n 1 "$tf")
	rm -f "$tf"
	sample "$n" "$name.s" "$s"
	sample "$n" "$name.kb" "$kb"
}

# wall N NAME CMD...: CMD's wall milliseconds (stdout to /dev/null) as sample NAME.ms.
wall() {
	local n="$1" name="$2" t0 t1
	shift 2
	t0="$EPOCHREALTIME"
	"$@" </dev/null >/dev/null 2>"$OUT/$n.scale.err" || {
		printf 'scale.sh: failed: %s\n' "$*" >&2
		tail -n 5 "$OUT/$n.scale.err" | sed 's/^/  /' >&2
		exit 1
	}
	t1="$EPOCHREALTIME"
	sample "$n" "$name.ms" "$(awk -v us="$(elapsed "$t0" "$t1")" 'BEGIN { printf "%.1f", us / 1000 }')"
}

db_bytes() { cat "$1" "$1-wal" 2>/dev/null | wc -c; }

drop_tallies() {
	local sql
	sql="$("$SQLITE3" -batch -bail "$1" "SELECT 'DROP TABLE \"' || replace(name, '\"', '\"\"') ||
		'\";' FROM sqlite_master WHERE type = 'table' AND (name = 'tally' OR name GLOB 'tally__*');")"
	[[ -z "$sql" ]] || "$SQLITE3" -batch -bail "$1" "$sql"
}

run_crimeview() {
	local n="$1" db="$OUT/$1.scale.db"
	remove_db "$db"
	gnu_timed "$n" cv_import "$OUT/$n.scale-crimeview.log" "$CRIMEVIEW" import --db "$db" \
		"$OUT/$n.csv"
	sample "$n" cv_cache.bytes "$(db_bytes "$db")"
	wall "$n" cv_totals "$CRIMEVIEW" table --db "$db" --rows offence_title --format tsv
	wall "$n" cv_match "$CRIMEVIEW" table --db "$db" --rows offence_title --match "$MATCH_QUERY" \
		--format tsv
	wall "$n" cv_list "$CRIMEVIEW" list --db "$db" --limit 50 --format tsv
	wall "$n" cv_overview "$CRIMEVIEW" --db "$db"
	# The next month's export (1% more rows) into the same cache: the tallies follow it.
	gnu_timed "$n" cv_add "$OUT/$n.scale-crimeview-add.log" "$CRIMEVIEW" import --db "$db" \
		"$OUT/$n.more.csv"
	wall "$n" cv_added_totals "$CRIMEVIEW" table --db "$db" --rows offence_title --format tsv
	drop_tallies "$db"
	wall "$n" cv_scan "$CRIMEVIEW" table --db "$db" --rows offence_title --format tsv
}

run_sqlite() {
	local n="$1" db="$OUT/$1.scale-sqlite3.db"
	remove_db "$db"
	cat >"$OUT/$n.scale-sqlite3.sql" <<EOF
.import --csv "$OUT/$n.csv" t
CREATE VIRTUAL TABLE f USING fts5("Incident Summary", content='t', content_rowid='rowid',
    tokenize='unicode61 remove_diacritics 2');
INSERT INTO f(f) VALUES('rebuild');
EOF
	gnu_timed "$n" sq_import "$OUT/$n.scale-sqlite3.log" "$SQLITE3" -batch -bail -init \
		"$OUT/$n.scale-sqlite3.sql" "$db" .quit
	sample "$n" sq_cache.bytes "$(db_bytes "$db")"
	wall "$n" sq_totals "$SQLITE3" -batch -bail "$db" \
		'SELECT "Offence Title", substr("Recorded Date", 7, 4), count(*) FROM t GROUP BY 1, 2;'
	wall "$n" sq_match "$SQLITE3" -batch -bail "$db" \
		"SELECT t.\"Offence Title\", substr(t.\"Recorded Date\", 7, 4), count(*) FROM f JOIN t
		 ON t.rowid = f.rowid WHERE f MATCH 'deepfake* OR \"deep fake\"*' GROUP BY 1, 2;"
}

# VisiData in batch mode replays a command log: open the CSV, a frequency table of
# Offence Title (Shift+F), save it. The table's counts must add up to the rows.
run_vd() {
	local n="$1" out="$OUT/$1.vd-freq.tsv"
	rm -f "$out"
	{
		printf 'sheet\tcol\trow\tlongname\tinput\tkeystrokes\tcomment\n'
		printf '\t\t\topen-file\t%s\to\t\n' "$OUT/$n.csv"
		printf '%s\tOffence Title\t\tfreq-col\t\tF\t\n' "$n"
		printf '%s_Offence Title_freq\t\t\tsave-sheet\t%s\t^S\t\n' "$n" "$out"
	} >"$OUT/$n.vd-freq.vd"
	gnu_timed "$n" vd_freq "$OUT/$n.vd.log" "$VD" -b -p "$OUT/$n.vd-freq.vd"
	local total
	total=$(awk -F'\t' 'NR > 1 { s += $2 } END { print s + 0 }' "$out")
	[[ "$total" == "$n" ]] || {
		echo "scale.sh: VisiData's frequency table counts $total rows, not $n" >&2
		exit 1
	}
}

median() {
	printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END {
		if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
med() {
	local v="${samples[$1.$2]:-}"
	[[ -n "$v" ]] || {
		echo "-"
		return
	}
	# shellcheck disable=SC2086
	median $v
}

status=0
for n in "${sizes[@]}"; do
	make_input "$n"
	make_input $((n / 100)) "$n.more" 2
	: >"$OUT/scale-$n.tsv"
	cat "$OUT/$n.csv" >/dev/null
	for ((i = 1; i <= runs; i++)); do
		run_crimeview "$n"
		run_sqlite "$n"
		((!do_vd)) || run_vd "$n"
		printf '%s rows, run %d/%d: crimeview import %s s, sqlite3 %s s%s\n' "$n" "$i" "$runs" \
			"$(med "$n" cv_import.s)" "$(med "$n" sq_import.s)" \
			"$( ((do_vd)) && echo ", VisiData $(med "$n" vd_freq.s) s (medians so far)")" >&2
	done
done

printf '\n## Import (median of %d runs)\n\n' "$runs"
printf '| rows | crimeview | peak RSS | cache | sqlite3 .import + FTS5 | peak RSS | db '
printf '| VisiData load + freq | peak RSS | crimeview / sqlite3 | crimeview / VisiData |\n'
printf '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n'
for n in "${sizes[@]}"; do
	awk -v n="$n" -v cs="$(med "$n" cv_import.s)" -v ck="$(med "$n" cv_import.kb)" \
		-v cb="$(med "$n" cv_cache.bytes)" -v ss="$(med "$n" sq_import.s)" \
		-v sk="$(med "$n" sq_import.kb)" -v sb="$(med "$n" sq_cache.bytes)" \
		-v vs="$(med "$n" vd_freq.s)" -v vk="$(med "$n" vd_freq.kb)" 'BEGIN {
		printf "| %d | %.2f s | %.1f MB | %.0f MB | %.2f s | %.1f MB | %.0f MB",
			n, cs, ck / 1024, cb / 1048576, ss, sk / 1024, sb / 1048576
		printf " | %s | %s | %.2f | %s |\n",
			vs == "-" ? "-" : sprintf("%.2f s", vs), vk == "-" ? "-" : sprintf("%.0f MB", vk / 1024),
			cs / ss, vs == "-" ? "-" : sprintf("%.2f", cs / vs) }'
done

printf '\n## First answers on a fresh cache (wall ms, whole process, median of %d runs)\n\n' "$runs"
printf '| rows | totals (tally) | totals, no tally | totals --match | list page (50) | overview '
printf '| sqlite3 GROUP BY | sqlite3 FTS5 + GROUP BY | totals / sqlite3 | no tally / sqlite3 |\n'
printf '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n'
for n in "${sizes[@]}"; do
	awk -v n="$n" -v t="$(med "$n" cv_totals.ms)" -v sc="$(med "$n" cv_scan.ms)" \
		-v m="$(med "$n" cv_match.ms)" -v l="$(med "$n" cv_list.ms)" \
		-v o="$(med "$n" cv_overview.ms)" -v st="$(med "$n" sq_totals.ms)" \
		-v sm="$(med "$n" sq_match.ms)" 'BEGIN {
		printf "| %d | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.3f | %.2f |\n",
			n, t, sc, m, l, o, st, sm, t / st, sc / st }'
done

printf '\n## The next month: 1%% more rows into the same cache (median of %d runs)\n\n' "$runs"
printf '| rows | rows added | import | peak RSS | first totals after it (ms) |\n'
printf '|---:|---:|---:|---:|---:|\n'
for n in "${sizes[@]}"; do
	awk -v n="$n" -v s="$(med "$n" cv_add.s)" -v k="$(med "$n" cv_add.kb)" \
		-v t="$(med "$n" cv_added_totals.ms)" 'BEGIN {
		printf "| %d | %d | %.2f s | %.1f MB | %.1f |\n", n, n / 100, s, k / 1024, t }'
done

printf '\n## Targets\n\n'
for n in "${sizes[@]}"; do
	line=$(awk -v n="$n" -v cs="$(med "$n" cv_import.s)" -v ck="$(med "$n" cv_import.kb)" \
		-v t="$(med "$n" cv_totals.ms)" -v sc="$(med "$n" cv_scan.ms)" \
		-v at="$(med "$n" cv_added_totals.ms)" \
		-v l="$(med "$n" cv_list.ms)" -v o="$(med "$n" cv_overview.ms)" \
		-v is="$IMPORT_S" -v rss="$RSS_MB" -v tm="$TOTALS_MS" -v sm="$SCREEN_MS" 'BEGIN {
		miss = 0
		s = sprintf("- %d rows: import %.1f s (< %d s) %s, peak RSS %.1f MB (< %d MB) %s,", n,
			cs, is, cs < is ? "ok" : "MISSED", ck / 1024, rss, ck / 1024 < rss ? "ok" : "MISSED")
		miss += !(cs < is) + !(ck / 1024 < rss)
		s = s sprintf(" totals %.0f ms and after the next month %.0f ms (< %d ms) %s", t, at, tm,
			t < tm && at < tm ? "ok" : "MISSED")
		s = s sprintf(" (without a tally %.0f ms: %s),", sc, sc < tm ? "ok" : "over")
		miss += !(t < tm && at < tm)
		s = s sprintf(" list page %.1f ms and overview %.1f ms (<= %d ms) %s", l, o, sm,
			l <= sm && o <= sm ? "ok" : "MISSED")
		miss += !(l <= sm && o <= sm)
		print s "\t" miss }')
	printf '%s\n' "${line%$'\t'*}"
	[[ "${line##*$'\t'}" == 0 ]] || status=1
done
exit "$status"
