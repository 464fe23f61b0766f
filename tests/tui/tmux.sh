#!/usr/bin/env bash
# tmux.sh - the browser in a real terminal (tmux): what only a terminal shows. The screen a
# terminal draws equals the headless screen of the same size; resizing redraws; OSC 52 lands
# in tmux's paste buffer; a note carrying a title sequence and a clear-screen sequence
# changes neither; the terminal is restored on quit and on a kill.
. "$(dirname "$0")/../cli/lib.sh"
command -v tmux >/dev/null 2>&1 || skip_all "tmux is not installed"
cd "$work" || exit 1
cp "$srcdir"/sample-data/*.csv "$srcdir"/tests/data/tui/odd-notes.csv .
"$CRIMEVIEW" import --db s.db crimes.csv incidents.csv ceop-referrals.csv >/dev/null 2>&1 ||
	{ echo "Bail out! the sample data did not import"; exit 1; }
"$CRIMEVIEW" import --db odd.db odd-notes.csv >/dev/null 2>&1 ||
	{ echo "Bail out! odd-notes.csv did not import"; exit 1; }
golden="$srcdir/tests/data/expected/screens"

session=0
T() { tmux -S "$work/tmux-$session.sock" -f /dev/null "$@"; }
trap 'for s in $(seq 0 "$session"); do session=$s T kill-server 2>/dev/null; done; rm -rf "$work"' EXIT

# start COLS LINES ARGS...: a tmux session running crimeview ARGS, then a shell prompt that
# reports how the terminal was left.
start() {
	local cols=$1 lines=$2
	shift 2
	T kill-server 2>/dev/null
	session=$((session + 1))
	T new-session -d -s cv -x "$cols" -y "$lines" \
		"cd '$work' && LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC '$CRIMEVIEW' $*; s=\$?; m=\$(stty -a | tr ' ;' '\n\n' | grep -E '^-?(icanon|echo)$' | tr '\n' ' '); printf 'EXITED %s\n%s\n' \$s \"\$m\"; sleep 60"
	T set -g default-terminal screen >/dev/null
	T set -g set-clipboard on >/dev/null
}

# screen: the pane as text, trailing spaces dropped (as the headless dump writes it).
screen() { T capture-pane -p -t cv 2>/dev/null | sed -e 's/ *$//'; }

# headless COLS LINES ARGS... < KEYS: the headless screen after KEYS, for comparison.
headless() {
	local cols=$1 lines=$2
	shift 2
	{ cat; echo ":save-display headless.txt"; } >headless.keys
	CRIMEVIEW_SCRIPT=headless.keys TERM=xterm COLUMNS=$cols LINES=$lines LANG=C.UTF-8 \
		LC_ALL=C.UTF-8 TZ=UTC "$CRIMEVIEW" "$@" >/dev/null 2>&1
	cat headless.txt
}

# wait_for TEXT: up to 10 s for TEXT to show in the pane.
wait_for() {
	for _ in $(seq 100); do
		screen | grep -qF -- "$1" && return 0
		sleep 0.1
	done
	return 1
}

# wait_for_exit: up to 10 s for the browser's exit status and the terminal modes after it,
# which the shell prints together once the terminal is back in its hands.
wait_for_exit() {
	for _ in $(seq 100); do
		screen | grep -A1 '^EXITED' | grep -qE '(^| )-?echo ?$' && return 0
		sleep 0.1
	done
	return 1
}

# keys KEYS...: sends keys and lets the browser draw.
keys() { T send-keys -t cv "$@"; sleep 0.3; }

# check_screen NAME GOLDEN: the pane equals a headless screen.
check_screen() {
	if diff -u "$golden/$2.txt" <(screen | mask_places) >"$work/diff"; then pass "$1"; else
		fail "$1" "$(cat "$work/diff")"
	fi
}

########## Resize: 140x40 -> 80x24 -> back ##########
start 140 40 --db s.db
wait_for "CRIMES: 9,934 records" && pass "the browser starts in tmux" || fail "the browser starts in tmux" "$(screen)"
check_eq "at 140x40 the terminal shows what the headless screen of that size shows" \
	"$(screen)" "$(headless 140 40 --db s.db </dev/null)"
T resize-window -t cv -x 80 -y 24
sleep 0.5
check_screen "resized to 80x24 the screen is the headless 80x24 screen" home-80x24
T resize-window -t cv -x 140 -y 40
sleep 0.5
check_eq "back at 140x40 every line is redrawn for the new width" \
	"$(screen)" "$(headless 140 40 --db s.db </dev/null)"

########## OSC 52: y lands in tmux's paste buffer ##########
keys y
check_eq "y says what it copied" "$(screen | tail -1)" "Copied the cell (3 bytes) to the clipboard"
check_eq "the cell (2016: 558 crimes) is in tmux's buffer" "$(T show-buffer 2>&1)" "558"
keys j l Y
check_eq "Y copies the view as tsv" "$(T show-buffer 2>&1 | head -3)" "Year	Number
2016	558
2017	1329"

########## Quit restores the terminal ##########
keys Q
wait_for_exit && pass "Q quits" || fail "Q quits" "$(screen)"
check_eq "after Q the terminal is back in cooked mode with echo" \
	"$(screen | grep -A1 '^EXITED' | tr -s ' \n' ' ' | sed 's/ $//')" "EXITED 0 icanon echo"

########## Hostile notes: a title sequence and a clear screen do nothing ##########
start 90 24 --db odd.db
wait_for "CRIMES: 3 records" || fail "the browser starts on odd.db" "$(screen)"
title_before=$(T display -p -t cv '#{pane_title}')
keys Enter
keys Enter
check_screen "a note with escape sequences shows them inert, as the headless screen does" \
	odd-record-escapes
check_eq "the note's OSC title sequence did not set the title" \
	"$(T display -p -t cv '#{pane_title}')" "$title_before"
keys q j Enter
check_screen "wide and combining characters line up as in the headless screen" odd-record-wide

########## A kill restores the terminal too ##########
pkill -TERM -f "$CRIMEVIEW --db odd.db" || true
wait_for_exit && pass "SIGTERM ends the browser" || fail "SIGTERM ends the browser" "$(screen)"
check_eq "after SIGTERM the terminal is back in cooked mode with echo" \
	"$(screen | grep -A1 '^EXITED' | tr -s ' \n' ' ' | sed 's/ $//')" "EXITED 143 icanon echo"

done_testing
