#!/usr/bin/env bash
# keys.sh - the keys are one table: the help view, `crimeview --keys` and the man page all
# say the same. The man page's Keys section is compared with --keys, key by key.
. "$(dirname "$0")/../cli/lib.sh"
man="$srcdir/man/crimeview.1"

run --keys
check_status "crimeview --keys lists the keys" 0
check_eq "every action has its keys and a help line" \
	"$(awk -F'\t' 'NF != 2 || $1 == "" || $2 == ""' "$work/out")" ""
# The man page's Keys section: after each .TP, a .B line with the keys and a line of help.
awk '/^\.SS Keys/ { on = 1; next } /^\.S[SH]/ { on = 0 }
	on && /^\.B "/ { sub(/^\.B "/, ""); sub(/"$/, ""); keys = $0; getline; print keys "\t" $0 }' \
	"$man" | sed -e 's/\\-/-/g' -e 's/\\\\/\\/g' >"$work/man-keys"
check_output "the man page documents every key, as the key table has it" man-keys "$(cat "$work/out")"
check_eq "the man page lists as many keys as the table" "$(wc -l <"$work/man-keys")" \
	"$(wc -l <"$work/out")"
# The help view shows the same table (its first screen, keys column).
printf '?\n:save-display help.txt\n' >"$work/help.keys"
(cd "$work" && "$CRIMEVIEW" import --db h.db "$srcdir/tests/data/tui/odd-notes.csv" >/dev/null 2>&1 &&
	CRIMEVIEW_SCRIPT=help.keys TERM=xterm LINES=60 COLUMNS=120 LANG=C.UTF-8 "$CRIMEVIEW" --db h.db)
check_eq "the help view lists every key of the table" \
	"$(sed -n 's/^  \(.\{20\}\)  *\(.*\)$/\1/p' "$work/help.txt" | sed 's/ *$//' | grep -v '^$')" \
	"$(cut -f1 "$work/out")"
done_testing
