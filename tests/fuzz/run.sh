#!/usr/bin/env bash
# tests/fuzz/run.sh - runs one libFuzzer target (built by `make fuzz`) from its seed corpus.
#
# Usage: tests/fuzz/run.sh [-t SECONDS | -n RUNS] [-b BUILD_DIR] TARGET [LIBFUZZER_ARG...]
#   TARGET   reader, date, match or redact
#   -t N     stop after N seconds (default 60)
#   -n N     stop after N executions instead (e.g. -n 10000000)
#   -b DIR   the build directory that ran `make fuzz` (default: the current directory)
#   LIBFUZZER_ARG  passed on: -jobs=1, or a file to run once (a reproducer)
# The corpus that grows is kept out of the repo, in $FUZZ_WORK/TARGET/corpus (FUZZ_WORK
# defaults to BUILD_DIR/tests/fuzz/work), and the seeds in tests/fuzz/corpus/TARGET are
# only read; a crashing input is written to $FUZZ_WORK/TARGET/crash-* and named at the end.
# Exit status: libFuzzer's (0 no finding; 1 a finding, or the target could not run; 72
# interrupted); 2 bad usage; 77 the target was not built (make fuzz).
set -uo pipefail

usage() {
	sed -n '4,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}
die_usage() {
	printf 'run.sh: %s\n' "$1" >&2
	usage >&2
	exit 2
}

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
build=.
seconds=60
runs=""
while getopts ':t:n:b:h' opt; do
	case "$opt" in
	t) seconds=$OPTARG ;;
	n) runs=$OPTARG ;;
	b) build=$OPTARG ;;
	h)
		usage
		exit 0
		;;
	:) die_usage "-$OPTARG needs a value" ;;
	*) die_usage "unknown option -$OPTARG" ;;
	esac
done
shift $((OPTIND - 1))
(($# >= 1)) || die_usage "which target?"
target=$1
shift
[[ "$seconds" =~ ^[1-9][0-9]*$ ]] || die_usage "-t wants a number of seconds, not '$seconds'"
[[ -z "$runs" || "$runs" =~ ^[1-9][0-9]*$ ]] || die_usage "-n wants a number, not '$runs'"

# The longest input worth trying: a few records, a date, a query, a page of notes.
case "$target" in
reader) max_len=8192 ;;
date) max_len=128 ;;
match) max_len=512 ;;
redact) max_len=4096 ;;
*) die_usage "unknown target '$target' (reader, date, match or redact)" ;;
esac

bin="$build/tests/fuzz/fuzz_$target"
if [[ ! -x "$bin" ]]; then
	echo "run.sh: $bin is not built: run make fuzz in $build" >&2
	exit 77
fi
work="${FUZZ_WORK:-$build/tests/fuzz/work}/$target"
mkdir -p "$work/corpus"

args=(-max_len="$max_len" -timeout=10 -error_exitcode=1 -timeout_exitcode=1 -rss_limit_mb=2048
	-print_final_stats=1	-artifact_prefix="$work/")
[[ -f "$here/$target.dict" ]] && args+=(-dict="$here/$target.dict")
if [[ -n "$runs" ]]; then
	args+=(-runs="$runs")
else
	args+=(-max_total_time="$seconds")
fi

# A file among the arguments: run it once, as a reproducer, and nothing else.
for a in "$@"; do
	if [[ "$a" != -* ]]; then
		exec "$bin" "$@"
	fi
done

before=$(ls "$work" | grep -c '^\(crash\|leak\|timeout\|oom\|slow-unit\)-' || true)
"$bin" "${args[@]}" "$@" "$work/corpus" "$here/corpus/$target"
status=$?
after=$(ls "$work" | grep -c '^\(crash\|leak\|timeout\|oom\|slow-unit\)-' || true)
if ((status == 72 && after == before)); then
	echo "run.sh: fuzz_$target interrupted (^C), nothing found" >&2
elif ((status != 0 || after > before)); then
	echo "run.sh: fuzz_$target found something (exit $status); the inputs:" >&2
	ls -t "$work" | grep '^\(crash\|leak\|timeout\|oom\|slow-unit\)-' | sed "s|^|  $work/|" >&2
	echo "run.sh: run one again with: $0 -b $build $target FILE" >&2
	((status != 0)) || status=1
fi
exit "$status"
