#!/bin/sh
# Installs what crimeview needs to build and test on Debian (and Ubuntu): the compiler,
# autotools, ncursesw, SQLite 3 and libcsv, plus sqlite3 and tmux for the tests, valgrind
# for the unit tests' memory check, and clang with libFuzzer (libclang-rt-dev) for the fuzz
# targets.
# Uses sudo when not run as root. Safe to run again: apt-get skips what is there.
set -e
packages="build-essential autoconf automake pkg-config libncurses-dev libsqlite3-dev
libcsv-dev sqlite3 tmux valgrind clang libclang-rt-dev"
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
missing=""
for p in $packages; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done
if [ -n "$missing" ]; then
	echo "Installing:$missing"
	$sudo apt-get update -qq
	# shellcheck disable=SC2086
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null
fi
