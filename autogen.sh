#!/bin/sh
# Regenerate the build system: ./autogen.sh && ./configure && make
set -e
cd "$(dirname "$0")"
mkdir -p build-aux m4
autoreconf --force --install --verbose
# The TAP driver that runs our tests ships with automake; copy it if autoreconf did not.
if [ ! -f build-aux/tap-driver.sh ]; then
	for d in /usr/share/automake-*; do
		[ -f "$d/tap-driver.sh" ] && cp "$d/tap-driver.sh" build-aux/ && break
	done
fi
