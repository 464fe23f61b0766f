#!/usr/bin/env bash
# The whole test suite on a fresh Debian machine: installs the dependencies, then builds
# and runs every test twice (a -Werror build, and an AddressSanitizer + UBSan build), runs
# the unit tests once more under valgrind, each libFuzzer target for a minute
# ($FUZZ_SECONDS), then `make distcheck`. Ends with one line: N passed, N failed.
set -uo pipefail
cd "$(dirname "$0")/.."
top=$(pwd)
tests/deps.sh || { echo "0 passed, 1 failed"; exit 1; }
./autogen.sh >/dev/null 2>&1 || { echo "autogen.sh failed"; echo "0 passed, 1 failed"; exit 1; }
if [ -f config.status ]; then
	echo "The source tree is configured in place; cleaning it for out-of-tree builds."
	make distclean >/dev/null 2>&1 || true
fi

passed=0
failed=0
# count_log DIR: adds the results of that build's test-suite.log to the totals.
count_log() {
	local log="$1/test-suite.log" p f
	if [ ! -f "$log" ]; then failed=$((failed + 1)); return; fi
	p=$(awk '/^# PASS:/ {print $3; exit}' "$log")
	f=$(awk '/^# (FAIL|ERROR|XPASS):/ {n += $3} END {print n + 0}' "$log")
	passed=$((passed + ${p:-0}))
	failed=$((failed + ${f:-0}))
}

# build NAME CONFIGURE-FLAGS...: configure, make and make check in _build/NAME.
build() {
	local name=$1 dir="$top/_build/$1"
	shift
	echo "== $name build: configure $*"
	rm -rf "$dir" && mkdir -p "$dir"
	if ! (cd "$dir" && "$top/configure" "$@" >configure.out 2>&1); then
		tail -20 "$dir/configure.out"; failed=$((failed + 1)); return
	fi
	if ! (cd "$dir" && make -j"$(nproc)" >make.out 2>&1); then
		tail -40 "$dir/make.out"; failed=$((failed + 1)); return
	fi
	(cd "$dir" && make -j"$(nproc)" check >check.out 2>&1)
	grep -E '^(PASS|FAIL|ERROR|XPASS|SKIP)' "$dir/check.out" | grep -v '^PASS' || true
	grep -E '^# (TOTAL|PASS|FAIL|ERROR|SKIP)' "$dir/check.out" || true
	if grep -qE '^(FAIL|ERROR)' "$dir/check.out"; then
		for log in "$dir"/tests/*/*.log; do
			grep -qE '^(not ok|Bail out)' "$log" 2>/dev/null && { echo "--- $log"; cat "$log"; }
		done
	fi
	count_log "$dir"
}

build plain --enable-werror
build sanitizers --enable-werror --enable-sanitizers

# Each unit test binary of the plain build under valgrind: one counted test each (memory
# errors or a definite leak fail it, as does a failing test).
echo "== unit tests under valgrind"
if ! command -v valgrind >/dev/null 2>&1; then
	echo "valgrind is not installed: skipped (tests/deps.sh installs it)"
elif [ ! -x "$top/_build/plain/tests/unit/test_strbuf" ]; then
	echo "no plain build to run under valgrind"; failed=$((failed + 1))
else
	for t in "$top"/_build/plain/tests/unit/test_*; do
		case ${t##*/} in *.*) continue ;; esac
		[ -x "$t" ] || continue
		name=${t##*/}
		if (cd "$top/_build/plain" && srcdir="$top" LC_ALL=C.UTF-8 TZ=UTC TAP_TIME_FACTOR=50 \
			valgrind -q --error-exitcode=99 --leak-check=full \
			--errors-for-leak-kinds=definite "$t" >"tests/unit/$name.valgrind.out" 2>&1); then
			passed=$((passed + 1)); echo "PASS: valgrind $name"
		else
			failed=$((failed + 1)); echo "FAIL: valgrind $name"
			grep -v '^ok ' "$top/_build/plain/tests/unit/$name.valgrind.out" | head -60
		fi
	done
fi

# Each libFuzzer target for FUZZ_SECONDS (60) from its seeds: one counted test each.
echo "== fuzz targets, ${FUZZ_SECONDS:-60} s each"
if ! grep -q '^FUZZ_AVAILABLE = yes' "$top/_build/plain/Makefile" 2>/dev/null; then
	echo "fuzzing skipped: $(sed -n 's/^FUZZ_MISSING = //p' "$top/_build/plain/Makefile" 2>/dev/null)"
elif ! (cd "$top/_build/plain" && make fuzz >fuzz-build.out 2>&1); then
	tail -20 "$top/_build/plain/fuzz-build.out"; failed=$((failed + 1))
else
	for target in reader date match redact; do
		if "$top/tests/fuzz/run.sh" -b "$top/_build/plain" -t "${FUZZ_SECONDS:-60}" "$target" \
			>"$top/_build/plain/fuzz-$target.out" 2>&1; then
			passed=$((passed + 1))
			echo "PASS: fuzz_$target ($(sed -n 's/^stat::number_of_executed_units: *//p' \
				"$top/_build/plain/fuzz-$target.out") runs)"
		else
			failed=$((failed + 1)); echo "FAIL: fuzz_$target"
			grep -v '^#[0-9]' "$top/_build/plain/fuzz-$target.out" | tail -60
		fi
	done
fi

echo "== make distcheck"
if (cd "$top/_build/plain" && make distcheck >distcheck.out 2>&1); then
	passed=$((passed + 1)); echo "distcheck passed"
else
	failed=$((failed + 1)); tail -40 "$top/_build/plain/distcheck.out"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
