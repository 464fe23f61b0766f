# lib.sh - TAP helpers for the end-to-end tests: they run the real crimeview binary as a
# user would and compare its exact output. Source it, call the checks, end with done_testing.
#   $CRIMEVIEW  the binary (set by make check)      $srcdir  the source tree
#   UPDATE_GOLDENS=1  rewrite expected files instead of comparing (review the diff!)

set -u
: "${srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${CRIMEVIEW:=$srcdir/crimeview}"
export LC_ALL=C.UTF-8 TZ=UTC
unset CRIMEVIEW_DB
tap_n=0
tap_failed=0
work=$(mktemp -d "${TMPDIR:-/tmp}/crimeview-test.XXXXXX")
trap 'rm -rf "$work"' EXIT

pass() { tap_n=$((tap_n + 1)); echo "ok $tap_n - $1"; }
fail() {
	tap_n=$((tap_n + 1)); tap_failed=$((tap_failed + 1))
	echo "not ok $tap_n - $1"
	shift
	[ $# -gt 0 ] && printf '%s\n' "$@" | sed 's/^/# /'
	return 0
}

# run ARGS...: runs crimeview, leaving $work/out, $work/err and $status.
run() {
	status=0
	"$CRIMEVIEW" "$@" >"$work/out" 2>"$work/err" || status=$?
}

# Times and rates vary from run to run: mask them before comparing.
mask_times() { sed -E 's/in [0-9.]+ (s|min [0-9]+ s|h [0-9]+ min)/in TIME/g; s/\(([0-9,]+) rows\/s\)/(RATE rows\/s)/g'; }

# check_eq NAME GOT WANT
check_eq() {
	if [ "$2" = "$3" ]; then pass "$1"; else
		fail "$1" "--- want" "$3" "--- got" "$2"
	fi
}

# check_status NAME WANT: the exit status of the last run.
check_status() { check_eq "$1 (exit status)" "$status" "$2"; }

# in_work FILE: FILE itself when absolute, else $work/FILE (where run leaves out and err).
in_work() { case $1 in /*) echo "$1" ;; *) echo "$work/$1" ;; esac; }

# check_output NAME FILE WANT_TEXT: compares a file's text (times masked).
check_output() {
	local got
	got=$(mask_times <"$(in_work "$2")")
	check_eq "$1" "$got" "$3"
}

# Folders and clock times that differ from one checkout or run to the next.
srcdir_real=$(cd "$srcdir" && pwd -P)
mask_places() {
	sed -E -e "s|$work|WORK|g" -e "s|$srcdir_real|SRCDIR|g" -e "s|$srcdir|SRCDIR|g" \
		-e 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z/TIMESTAMP/g'
}

# check_golden NAME FILE GOLDEN: compares with an expected file under tests/data/expected
# (times masked, the test's folder written WORK, the source tree SRCDIR).
check_golden() {
	local golden="$srcdir/tests/data/expected/$3"
	if [ "${UPDATE_GOLDENS:-}" = 1 ]; then
		mkdir -p "$(dirname "$golden")"
		mask_times <"$(in_work "$2")" | mask_places >"$golden"
		pass "$1 (golden rewritten)"
		return
	fi
	if [ ! -f "$golden" ]; then fail "$1" "no golden file $golden"; return; fi
	if mask_times <"$(in_work "$2")" | mask_places | diff -u "$golden" - >"$work/diff"; then
		pass "$1"
	else
		fail "$1" "$(cat "$work/diff")"
	fi
}

# sql DB QUERY: one query over a cache, for checks of what it holds.
sql() { sqlite3 -batch -noheader "$1" "$2"; }

skip_all() { echo "1..0 # SKIP $1"; exit 0; }

done_testing() {
	echo "1..$tap_n"
	[ "$tap_failed" -eq 0 ]
}
