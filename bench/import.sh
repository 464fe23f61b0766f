#!/usr/bin/env bash
# bench/import.sh: time `crimeview import` against the sqlite3 shell doing the same job
# (.import of the CSV plus an FTS5 index of the notes), on generated force-like exports.
#
# Usage: bench/import.sh [-r RUNS] [-s | -c] [SIZE ...]
#   SIZE   rows per file: digits, or with k / M (100k, 1M); default: 100000 1000000
#   -r N   runs per measurement, the median is reported (default 3)
#   -s     sqlite3 baseline only (no crimeview binary needed)
#   -c     crimeview only
# Environment: CRIMEVIEW (default: the repo's ./crimeview; a relative path is taken from the
# directory you run the script in), SQLITE3 (default: sqlite3).
#
# Inputs bench/out/N.csv are made once by bench/gen_export.py (seed 1) when missing; delete
# one to make it again. Each run starts from a fresh database: crimeview's is bench/out/N.db,
# the baseline's bench/out/N.sqlite3.db; logs of the last run are bench/out/N.*.log.
# Wall seconds and peak RSS come from GNU time (/usr/bin/time -f '%e %M').
#
# Exit status: 0 all measured targets hold; 1 a target is missed or a command failed;
# 2 bad usage or a missing tool.
set -euo pipefail

usage() {
	sed -n '5,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

die_usage() {
	printf 'import.sh: %s\n' "$1" >&2
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
GNU_TIME=/usr/bin/time
OUT=bench/out

# Targets (bench/README.md).
MAX_RATIO=1.0
MAX_RSS_MB=64

runs=3
do_crimeview=1
do_sqlite=1
while getopts ':r:sch' opt; do
	case "$opt" in
	r) runs="$OPTARG" ;;
	s) do_crimeview=0 ;;
	c) do_sqlite=0 ;;
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
((do_crimeview || do_sqlite)) || die_usage "-s and -c exclude each other"

sizes=()
if (($# == 0)); then
	set -- 100000 1000000
fi
for arg in "$@"; do
	if [[ "$arg" =~ ^([0-9]+)([kKmM]?)$ ]]; then
		n="${BASH_REMATCH[1]}"
		case "${BASH_REMATCH[2]}" in
		k | K) n=$((n * 1000)) ;;
		m | M) n=$((n * 1000000)) ;;
		esac
		((n > 0)) || die_usage "size must be above 0: '$arg'"
		sizes+=("$n")
	else
		die_usage "size must be a number of rows (e.g. 100000, 100k, 1M): '$arg'"
	fi
done

[[ -x "$GNU_TIME" ]] ||
	{
		echo "import.sh: $GNU_TIME not found; install GNU time: apt-get install -y time" >&2
		exit 2
	}
if ((do_sqlite)); then
	command -v "$SQLITE3" >/dev/null || {
		echo "import.sh: $SQLITE3 not found" >&2
		exit 2
	}
fi
if ((do_crimeview)); then
	command -v "$CRIMEVIEW" >/dev/null || {
		echo "import.sh: no crimeview binary at '$CRIMEVIEW': build it (make), set CRIMEVIEW," \
			"or run the sqlite3 baseline alone with -s" >&2
		exit 2
	}
fi

mkdir -p "$OUT"

# make_input N: bench/out/N.csv, generated once.
make_input() {
	local n="$1" csv="$OUT/$1.csv" tmp
	[[ -s "$csv" ]] && return 0
	tmp="$csv.tmp.$$"
	printf 'generating %s rows into %s ... ' "$n" "$csv" >&2
	local t0 t1
	t0=$(date +%s.%N)
	python3 bench/gen_export.py --rows "$n" --seed 1 --out "$tmp" || {
		rm -f "$tmp"
		return 1
	}
	t1=$(date +%s.%N)
	mv "$tmp" "$csv"
	awk -v n="$n" -v a="$t0" -v b="$t1" -v sz="$(stat -c %s "$csv")" 'BEGIN {
		printf "%.1f s, %.0f rows/s, %.1f MB\n", b - a, n / (b - a), sz / 1048576 }' >&2
}

# timed LOG CMD...: run CMD (stdin inherited) under GNU time; print "SECONDS PEAK_KB".
# CMD's stdout and stderr go to LOG. On failure, say so with the log's tail and return 1.
timed() {
	local log="$1" tf
	shift
	tf="$(mktemp)"
	if ! "$GNU_TIME" -o "$tf" -f '%e %M' "$@" >"$log" 2>&1; then
		printf 'import.sh: failed: %s\n' "$*" >&2
		tail -n 5 "$log" | sed 's/^/  /' >&2
		rm -f "$tf"
		return 1
	fi
	tail -n 1 "$tf"
	rm -f "$tf"
}

remove_db() {
	rm -f "$1" "$1-journal" "$1-wal" "$1-shm"
}

run_crimeview() {
	local n="$1" db="$OUT/$1.db"
	remove_db "$db"
	timed "$OUT/$n.crimeview.log" "$CRIMEVIEW" import --db "$db" "$OUT/$n.csv" </dev/null
}

# The baseline, timed as one process: load the CSV with the shell's .import (one
# transaction, one prepared INSERT, the header row naming the columns), then build an
# external-content FTS5 index of the notes with the tokenizer crimeview uses.
# 'rebuild' rather than INSERT INTO f(rowid, notes) SELECT rowid, "Incident Summary" FROM t:
# both tokenise every note once and write the same index (measured within 2% of each other
# at 1M rows), and rebuild is the documented way to fill an external-content table from
# its content table, read by FTS5's own scan. rebuild finds the content by column name, so
# the FTS5 column is named after the CSV header, not "notes".
run_sqlite() {
	local n="$1" db="$OUT/$1.sqlite3.db" sql="$OUT/$1.sqlite3.sql"
	remove_db "$db"
	cat >"$sql" <<EOF
.import --csv "$OUT/$n.csv" t
CREATE VIRTUAL TABLE f USING fts5("Incident Summary", content='t', content_rowid='rowid',
    tokenize='unicode61 remove_diacritics 2');
INSERT INTO f(f) VALUES('rebuild');
EOF
	timed "$OUT/$n.sqlite3.log" "$SQLITE3" -batch -bail "$db" <"$sql"
}

# median X...: the median of the numbers (the mean of the middle two for an even count).
median() {
	printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END {
		if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

for n in "${sizes[@]}"; do
	make_input "$n"
done

status=0
rows_out=()
for n in "${sizes[@]}"; do
	cat "$OUT/$n.csv" >/dev/null # same warm page cache for every run
	cv_s=() cv_kb=() sq_s=() sq_kb=()
	for ((i = 1; i <= runs; i++)); do
		# Alternate the two so that drift in the machine's load hits both alike.
		if ((do_crimeview)); then
			read -r s kb < <(run_crimeview "$n") && [[ -n "${kb:-}" ]] || exit 1
			cv_s+=("$s") cv_kb+=("$kb")
			printf '%s rows, run %d/%d: crimeview %s s, %s KB\n' "$n" "$i" "$runs" "$s" "$kb" >&2
		fi
		if ((do_sqlite)); then
			read -r s kb < <(run_sqlite "$n") && [[ -n "${kb:-}" ]] || exit 1
			sq_s+=("$s") sq_kb+=("$kb")
			printf '%s rows, run %d/%d: sqlite3   %s s, %s KB\n' "$n" "$i" "$runs" "$s" "$kb" >&2
		fi
	done
	cs=- ckb=- ss=- skb=-
	if ((do_crimeview)); then
		cs="$(median "${cv_s[@]}")" ckb="$(median "${cv_kb[@]}")"
	fi
	if ((do_sqlite)); then
		ss="$(median "${sq_s[@]}")" skb="$(median "${sq_kb[@]}")"
	fi
	line="$(awk -v n="$n" -v cs="$cs" -v ckb="$ckb" -v ss="$ss" -v skb="$skb" \
		-v max_ratio="$MAX_RATIO" -v max_rss="$MAX_RSS_MB" 'BEGIN {
		c = (cs != "-"); q = (ss != "-")
		if (c) cs = sprintf("%.2f", cs)
		if (q) ss = sprintf("%.2f", ss)
		crate = c ? (cs > 0 ? sprintf("%.0f", n / cs) : "inf") : "-"
		cmb = c ? sprintf("%.1f", ckb / 1024) : "-"
		smb = q ? sprintf("%.1f", skb / 1024) : "-"
		ratio = (c && q && ss > 0) ? sprintf("%.2f", cs / ss) : "-"
		verdict = ""; miss = 0
		if (ratio != "-") {
			if (ratio + 0 <= max_ratio) verdict = "speed ok"
			else { verdict = "SLOWER"; miss = 1 }
		}
		if (c) {
			verdict = verdict (verdict == "" ? "" : ", ")
			if (ckb / 1024 <= max_rss) verdict = verdict "RSS ok"
			else { verdict = verdict "RSS OVER"; miss = 1 }
		}
		if (verdict == "") verdict = "n/a"
		printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d\n", n, cs, crate, cmb, ss, smb, ratio, verdict, miss
	}')"
	[[ "${line##*$'\t'}" == 0 ]] || status=1
	rows_out+=("${line%$'\t'*}")
done

printf '\nimport benchmark: median of %d run(s); ' "$runs"
printf 'targets: ratio <= %s, crimeview peak RSS <= %s MB\n' "$MAX_RATIO" "$MAX_RSS_MB"
{
	printf 'rows\tcrimeview s\trows/s\tpeak RSS MB\tsqlite3 s\tsqlite3 RSS MB\tratio\ttargets\n'
	printf '%s\n' "${rows_out[@]}"
} | awk -F'\t' '
	{ for (i = 1; i <= NF; i++) { cell[NR, i] = $i; if (length($i) > w[i]) w[i] = length($i) } }
	NF > nf { nf = NF }
	END {
		for (r = 1; r <= NR; r++) {
			line = ""
			for (i = 1; i <= nf; i++) {
				# numbers right-aligned, the last (text) column left-aligned
				f = (i == nf) ? "%-" w[i] "s" : "%" w[i] "s"
				line = line (i > 1 ? "  " : "") sprintf(f, cell[r, i])
			}
			sub(/ +$/, "", line)
			print line
		}
	}'
exit "$status"
