#!/usr/bin/env bash
# hostile.sh - crimeview import against hostile input: cut-off files, NUL bytes, binary
# files, huge fields, thousands of columns, broken headers, mixed encodings, odd line ends,
# ragged rows, stray byte-order marks, far dates, a file that grows, a FIFO, a directory,
# an unreadable file. No crash, no hang, every good row kept, every bad one reported as
# FILE:LINE: cause (the physical line its record starts on), exact counts.
# The small fixtures are tests/data/hostile/*.csv (made by make-fixtures.sh there); the
# large ones are made here at run time. Every import runs under timeout: a hang fails
# (status 124) instead of blocking. The limit is 60 s, five times that in a sanitizer
# build (make check sets CRIMEVIEW_SANITIZED there): ASan and UBSan make crimeview several
# times slower, and the longest import here, 601,000 rows into a cache that has them,
# takes half a minute with ASan on an idle machine.
. "$(dirname "$0")/lib.sh"
data="$srcdir/tests/data/hostile"
command -v timeout >/dev/null 2>&1 || skip_all "no timeout(1)"
limit=60
[ -n "${CRIMEVIEW_SANITIZED:-}" ] && limit=300
cd "$work" || exit 1
cp "$data"/*.csv .

# imp FILE [OPTIONS...]: imports FILE alone into a new cache $db, under a time limit.
imp() {
	db="$work/$1.db"
	rm -f "$db"
	status=0
	timeout "$limit" "$CRIMEVIEW" import --db "$db" "$@" >out 2>err || status=$?
	said_how_it_ended "$1"
}

# said_how_it_ended WHAT: a TAP comment when the last import hung or crashed.
said_how_it_ended() {
	if [ "$status" -eq 124 ]; then echo "# $1: crimeview import timed out after $limit s"
	elif [ "$status" -gt 128 ]; then echo "# $1: crimeview import was killed by signal $((status - 128))"; fi
	return 0
}

# report FILE READ IMPORTED REJECTED [WHAT]: the stdout of a one-file import that worked.
report() {
	local rows=rows
	[ "$2" = 1 ] && rows=row
	printf '%s: %s %s read, %s imported, %s rejected (%s) in TIME\n' "$1" "$2" "$rows" "$3" "$4" \
		"${5:-crime, utf-8, day-first dates}"
	printf '1 file imported, 0 unchanged, 0 failed: %s %s read, %s imported, %s rejected in TIME (RATE rows/s) into %s' \
		"$2" "$rows" "$3" "$4" "$db"
}

# failed: the stdout of a one-file import whose file failed.
failed() {
	printf '0 files imported, 0 unchanged, 1 failed: 0 rows read, 0 imported, 0 rejected in TIME (RATE rows/s) into %s' "$db"
}

# check_cache NAME RECORDS "REJECT LINES": what the cache holds after the import.
check_cache() {
	check_eq "$1: the cache holds the records and the rejects (at their lines)" \
		"$(sql "$db" "SELECT (SELECT count(*) FROM records) || ' records; rejects at:' ||
			coalesce((SELECT ' ' || group_concat(line, ' ') FROM (SELECT line FROM rejects ORDER BY line)), '')")" \
		"$2 records; rejects at:${3:+ $3}"
}

# check_match NAME FILE EXTENDED-REGEX: some line of the file matches.
check_match() {
	if grep -Eq -- "$3" "$(in_work "$2")"; then pass "$1"; else
		fail "$1" "--- want a line matching" "$3" "--- got" "$(cat "$(in_work "$2")")"
	fi
}

# check_no_match NAME FILE EXTENDED-REGEX: no line of the file matches.
check_no_match() {
	if grep -Eq -- "$3" "$(in_work "$2")"; then
		fail "$1" "--- want no line matching" "$3" "--- got" "$(cat "$(in_work "$2")")"
	else pass "$1"; fi
}

# commas N: N with thousands separators, as the report prints it.
commas() { echo "$1" | sed -E ':a; s/^([0-9]+)([0-9]{3})/\1,\2/; ta'; }

# notes REF: the notes of the record with that reference.
notes() { sql "$db" "SELECT notes FROM notes_fts WHERE rowid = (SELECT id FROM records WHERE ref = '$1')"; }

########## Files with no records ##########

for f in empty.csv bom-only.csv blank-lines-only.csv; do
	imp "$f"
	check_status "$f" 1
	check_output "$f: counted as failed" out "$(failed)"
	check_output "$f: the file is empty, said once" err \
		"crimeview: $f: the file is empty: there is no header line"
done

for f in header-only.csv header-only-no-newline.csv header-only-crlf.csv; do
	imp "$f"
	check_status "$f" 0
	check_output "$f: imported with no rows" out "$(report "$f" 0 0 0)"
	check_output "$f: nothing to report" err ""
	check_eq "$f: its four fields are known" \
		"$(sql "$db" "SELECT group_concat(name, ' ') FROM (SELECT name FROM fields ORDER BY id)")" \
		"crime_reference recorded_date offence_title mo_text"
done

########## Files cut off ##########

f=truncated-mid-quote.csv
imp $f
check_status "$f" 0
check_output "$f: the good row is kept, the cut one rejected" out "$(report $f 2 1 1)"
check_output "$f: the cut record is reported at its line" err \
	"$f:3: a quoted field opens on this line and never closes"
check_cache "$f" 1 "3"

f=truncated-mid-quote-multiline.csv
imp $f
check_status "$f" 0
check_output "$f: counts" out "$(report $f 3 1 2)"
check_output "$f: the open quote and the cut line after it are reported" err \
"$f:3: a quoted field opens on this line and never closes
$f:4: the file ends inside this record (2 of 4 fields)"
check_cache "$f" 1 "3 4"
check_eq "$f: the raw bytes of the cut record are kept" \
	"$(sql "$db" "SELECT raw FROM rejects WHERE line = 3")" 'CR/2,14/02/2021,Theft,"first line of the note'

f=truncated-mid-field.csv
imp $f
check_status "$f" 0
check_output "$f: counts" out "$(report $f 2 1 1)"
check_output "$f: the cut record is reported once" err \
	"$f:3: the file ends inside this record (3 of 4 fields)"
check_cache "$f" 1 "3"

f=no-final-newline.csv
imp $f
check_status "$f" 0
check_output "$f: a whole last record without a line break is good" out "$(report $f 2 2 0)"
check_output "$f: nothing to report" err ""
check_eq "$f: its notes are whole" "$(notes CR/2)" "two
lines"

# Three short rows, the last without a line break: each is its own bad row (a line break
# outside quotes ends a record), and only the last can be cut off.
f=short-rows-at-end.csv
imp $f
check_status "$f" 0
check_output "$f: three bad rows, each counted" out "$(report $f 4 1 3)"
check_output "$f: each short row is reported at its own line" err \
"$f:3: 2 fields, expected 4
$f:4: 1 field, expected 4
$f:5: the file ends inside this record (2 of 4 fields)"
check_cache "$f" 1 "3 4 5"

########## Quotes ##########

f=unclosed-quote-mid-file.csv
imp $f
check_status "$f" 0
check_output "$f: the rows after the open quote are kept" out "$(report $f 4 3 1)"
check_output "$f: the open quote is reported where it opens" err \
	"$f:3: a quoted field opens on this line and never closes"
check_cache "$f" 3 "3"
check_eq "$f: the rows it would have swallowed are at their own lines" \
	"$(sql "$db" "SELECT group_concat(line || '=' || ref, ' ') FROM records")" "2=CR/1 4=CR/3 5=CR/4"

f=every-line-opens-quote.csv
imp $f
check_status "$f" 0
check_output "$f: every row rejected, none lost" out "$(report $f 30 0 30)"
check_eq "$f: the first 20 are shown at their lines, then a count" "$(cat err)" \
	"$(for i in $(seq 2 21); do echo "$f:$i: a quoted field opens on this line and never closes"; done)
$f: 10 more rejected rows not shown (crimeview rejects lists them all)"
check_cache "$f" 0 "$(seq -s ' ' 2 31)"
run rejects --db "$db"
check_eq "$f: crimeview rejects lists all 30" "$(wc -l <out | tr -d ' ')" "30"

# "Help" she said: the quote closes; the text after it is the problem, and the message
# must not send the reader looking for a quote that never closes.
f=quote-then-text.csv
imp $f
check_status "$f" 0
check_output "$f: the rows around them are kept" out "$(report $f 4 2 2)"
check_match "$f: line 2 is reported" err "^$f:2: "
check_match "$f: line 4 is reported" err "^$f:4: "
check_eq "$f: two reports" "$(wc -l <err | tr -d ' ')" "2"
check_no_match "$f: the message does not say the quote never closes" err "never closes"
check_cache "$f" 2 "2 4"

f=quotes.csv
imp $f
check_status "$f" 0
check_output "$f: RFC 4180 quoting, all good" out "$(report $f 4 4 0)"
check_output "$f: nothing to report" err ""
check_eq "$f: values unquoted exactly" \
	"$(sql "$db" "SELECT group_concat(line || '=' || f_offence_title, '|') FROM records")" \
	'2=O"Brien|3=He said "hi"|4=a,b|6=Theft'
check_eq "$f: a quoted line break and doubled quotes in notes" "$(notes CR/3)" 'multi
line, with "quotes"'
check_eq "$f: a bare quote in an unquoted field is kept" "$(notes CR/1)" '5" screen'

# The header's quote never closes: there is no header to read the rows by.
f=header-open-quote.csv
imp $f
check_status "$f" 1
check_output "$f: the file fails" out "$(failed)"
check_match "$f: the header line and its quote are named" err "^crimeview: $f:1: .*quote"
check_eq "$f: one message" "$(wc -l <err | tr -d ' ')" "1"
check_eq "$f: nothing of it in the cache" "$(sql "$db" "SELECT count(*) FROM records")" "0"

########## NUL bytes and binary files ##########

f=nul-bytes.csv
imp $f
check_status "$f" 0
check_output "$f: counts" out "$(report $f 7 2 5)"
check_output "$f: each NUL is reported with its field (unnamed: by number)" err \
"$f:3: NUL byte in field 3
$f:4: NUL byte in MO Text
$f:5: 1 field, expected 4
$f:7: NUL byte in Crime Reference
$f:8: NUL byte in Recorded Date"
check_cache "$f" 2 "3 4 5 7 8"
check_eq "$f: the raw bytes of a rejected row are kept, NUL and all" \
	"$(sql "$db" "SELECT hex(raw) FROM rejects WHERE line = 3")" \
	"$(printf 'CR/2,14/02/2021,Th\000eft,nul in an unnamed column\n' | od -An -v -tx1 | tr -d ' \n' | tr a-f A-F)"

# A NUL in the header would cut a column's name short ("Crime"): the file is refused.
f=nul-in-header.csv
imp $f
check_status "$f" 1
check_output "$f: the file fails" out "$(failed)"
check_match "$f: the NUL in the header is named" err "^crimeview: $f:1: .*NUL"
check_eq "$f: one message" "$(wc -l <err | tr -d ' ')" "1"
check_eq "$f: no column named after half a header" \
	"$(sql "$db" "SELECT count(*) FROM fields")" "0"

f=binary-garbage.csv
imp $f
check_status "$f" 0
check_output "$f: the good rows around the garbage are kept" out \
	"$(report $f 7 2 5 "crime, windows-1252, day-first dates")"
check_output "$f: each garbage line is reported at its line" err \
"$f: not UTF-8: read as Windows-1252
$f:3: 1 field, expected 4
$f:4: NUL byte in Crime Reference
$f:5: bad date in Recorded Date: \"Ñâ\" (not a date)
$f:6: 1 field, expected 4
$f:7: a quoted field opens on this line and never closes"
check_cache "$f" 2 "3 4 5 6 7"
check_eq "$f: the good rows" "$(sql "$db" "SELECT group_concat(line || '=' || ref, ' ') FROM records")" \
	"2=CR/1 9=CR/2"

# Compressed files and spreadsheets saved as .csv are not CSV: refused with a message,
# never "1 file imported" with a header of binary and no rows.
for f in gzip-as-csv.csv xlsx-as-csv.csv; do
	imp "$f"
	check_status "$f" 1
	check_output "$f: the file fails" out "$(failed)"
	check_match "$f: says it is not a CSV file" err "^crimeview: $f(:1)?: .*(binary|not a CSV|compressed|zip|spreadsheet|NUL)"
	check_eq "$f: one message" "$(wc -l <err | tr -d ' ')" "1"
	check_eq "$f: no fields from its bytes" "$(sql "$db" "SELECT count(*) FROM fields")" "0"
done

for f in utf16le-bom.csv utf16be-bom.csv utf16le-no-bom.csv; do
	imp "$f"
	check_status "$f" 1
	check_output "$f: the file fails" out "$(failed)"
	check_output "$f: UTF-16 is named, with what to do" err \
		"crimeview: $f: UTF-16 text: save it as CSV UTF-8 (or Windows-1252) and import again"
done

########## Headers ##########

f=duplicate-headers.csv
imp $f
check_status "$f" 0
check_output "$f: imported" out "$(report $f 1 1 0)"
check_output "$f: nothing to report" err ""
check_eq "$f: every column kept, duplicates numbered" \
	"$(sql "$db" "SELECT group_concat(name || '=' || header, '|') FROM (SELECT * FROM fields ORDER BY id)")" \
	"crime_reference=Crime Reference|recorded_date=Recorded Date|offence_title=Offence Title|offence_title_2=offence-title|offence_title_3=OFFENCE TITLE|mo_text=MO Text|mo_text_2=mo text"
run show --db "$db" CR/1
check_output "$f: show lists every value under its own header" out \
"== CR/1 | crime | 2021-02-13 | $work/$f line 2
Crime Reference  CR/1
Recorded Date    13/02/2021
Offence Title    a
offence-title    b
OFFENCE TITLE    c
mo text          n2

MO Text:
n1"

f=empty-header-names.csv
imp $f
check_status "$f" 0
check_output "$f: imported" out "$(report $f 1 1 0)"
check_output "$f: nothing to report" err ""
run fields --db "$db"
check_output "$f: unnamed columns are kept as column_N" out \
"name             header           role   type      distinct      blank
crime_reference  Crime Reference  ref    text             1          0
recorded_date    Recorded Date    date   date             1          0
column_3                                 text             1          0
offence_title    Offence Title           text             1          0
column_5                                 text             1          0
mo_text          MO Text          notes  text             1          0"
run list --db "$db" --fields column_3,column_5 --format tsv
check_eq "$f: their values are there" "$(tail -n +2 out)" "CR/1	crime	2021-02-13	a	b	ok"

f=all-empty-header.csv
imp $f
check_status "$f" 0
check_output "$f: imported" out "$(report $f 1 1 0 "utf-8, day-first dates")"
check_output "$f: says what it could not find" err \
"$f: no date column found: its records belong to no period (name one with --date)
$f: not known to hold crimes or incidents: its records count as neither (say which with --kind)"
check_eq "$f: every column kept" \
	"$(sql "$db" "SELECT group_concat(name, ' ') FROM (SELECT name FROM fields ORDER BY id)")" \
	"column_1 column_2 column_3 column_4"

f=header-with-newline.csv
imp $f
check_status "$f" 0
check_output "$f: imported" out "$(report $f 2 2 0)"
check_output "$f: nothing to report" err ""
check_eq "$f: rows at their physical lines (the header takes two)" \
	"$(sql "$db" "SELECT group_concat(line || '=' || ref, ' ') FROM records")" "3=CR/1 4=CR/2"

########## Encodings ##########

f=mixed-encodings.csv
imp $f
check_status "$f" 0
check_output "$f: read as UTF-8" out "$(report $f 3 2 1)"
check_output "$f: the Windows-1252 row is reported with its byte and field" err \
	"$f:3: invalid UTF-8 (byte 0xE9) in MO Text"
check_cache "$f" 2 "3"
check_eq "$f: the UTF-8 rows are stored as they are" "$(notes CR/1)|$(notes CR/3)" "Café – naïve|£5 “quoted”"

f=mixed-encodings-mostly-1252.csv
imp $f
check_status "$f" 0
check_output "$f: read as Windows-1252" out "$(report $f 3 3 0 "crime, windows-1252, day-first dates")"
check_output "$f: the encoding is said" err "$f: not UTF-8: read as Windows-1252"
check_eq "$f: Windows-1252 rows stored as UTF-8" "$(notes CR/1)|$(notes CR/3)" "café – 1252|£5 “q”"

f=invalid-utf8.csv
imp $f
check_status "$f" 0
check_output "$f: counts" out "$(report $f 10 3 7)"
check_output "$f: each bad sequence is reported with its byte and field" err \
"$f:3: invalid UTF-8 (byte 0xC0) in MO Text
$f:4: invalid UTF-8 (byte 0xED) in MO Text
$f:5: invalid UTF-8 (byte 0xE2) in MO Text
$f:7: invalid UTF-8 (byte 0xF4) in MO Text
$f:9: invalid UTF-8 (byte 0x80) in MO Text
$f:10: invalid UTF-8 (byte 0xFF) in Offence Title
$f:11: invalid UTF-8 (byte 0xC3) in MO Text"
check_cache "$f" 3 "3 4 5 7 9 10 11"
check_eq "$f: every stored value is valid UTF-8" \
	"$(sql "$db" "SELECT notes FROM notes_fts" | iconv -f UTF-8 -t UTF-8 >/dev/null 2>&1 && echo valid)" "valid"

f=bom-double-encoded.csv
imp $f
check_status "$f" 0
check_output "$f: imported" out "$(report $f 1 1 0)"
check_output "$f: nothing to report" err ""
check_eq "$f: the doubled BOM is not part of the first header" \
	"$(sql "$db" "SELECT header FROM fields WHERE name = 'crime_reference'")" "Crime Reference"

# A BOM (U+FEFF, zero width) in the middle: not part of a reference, a value or a date.
f=bom-middle.csv
imp $f
check_status "$f" 0
check_output "$f: every row is good" out "$(report $f 4 4 0)"
check_output "$f: nothing to report" err ""
check_eq "$f: references without the BOM (crimeview show CR/2 finds it)" \
	"$(sql "$db" "SELECT group_concat(line || '=' || hex(ref), ' ') FROM records")" \
	"2=43522F31 3=43522F32 4=43522F33 5=43522F34"
check_eq "$f: values without the BOM" \
	"$(sql "$db" "SELECT count(*) FROM records WHERE f_offence_title = 'Theft'")" "4"
check_eq "$f: the date after a BOM is read" "$(sql "$db" "SELECT date FROM records WHERE line = 5")" "2021-02-16"

f=concatenated-exports.csv
imp $f
check_status "$f" 0
check_output "$f: the rows of both exports are kept" out "$(report $f 3 2 1)"
check_output "$f: the second header is reported at its line" err \
	"$f:3: bad date in Recorded Date: \"Recorded Date\" (not a date)"
check_cache "$f" 2 "3"

########## Line ends ##########

f=cr-only.csv
imp $f
check_status "$f" 0
check_output "$f: CR line ends" out "$(report $f 4 3 1)"
check_output "$f: lines counted by CR" err \
	"$f:6: bad date in Recorded Date: \"31/02/2021\" (no such day: 31 February 2021)"
check_cache "$f" 3 "6"
check_eq "$f: rows at their lines" "$(sql "$db" "SELECT group_concat(line || '=' || ref, ' ') FROM records")" \
	"2=CR/1 3=CR/2 5=CR/3"

f=cr-only-no-final-cr.csv
imp $f
check_status "$f" 0
check_output "$f: counts" out "$(report $f 4 2 2)"
check_output "$f: the short row and the bad date at their lines" err \
"$f:5: 2 fields, expected 4
$f:6: bad date in Recorded Date: \"31/02/2021\" (no such day: 31 February 2021)"
check_cache "$f" 2 "5 6"

# Excel for Mac: CR line ends, LF for a line break inside a cell.
f=cr-only-lf-in-quotes.csv
imp $f
check_status "$f" 0
check_output "$f: three good rows" out "$(report $f 3 3 0)"
check_output "$f: nothing to report" err ""
check_eq "$f: rows at their lines" "$(sql "$db" "SELECT group_concat(line || '=' || ref, ' ') FROM records")" \
	"2=CR/1 3=CR/2 4=CR/3"
check_eq "$f: the cell's line break is kept" "$(notes CR/2)" "cell
break"

f=mixed-line-ends.csv
imp $f
check_status "$f" 0
check_output "$f: CRLF, LF and a lone CR in one file" out "$(report $f 4 4 0)"
check_output "$f: nothing to report" err ""
check_eq "$f: rows at their lines" "$(sql "$db" "SELECT group_concat(line || '=' || ref, ' ') FROM records")" \
	"2=CR/1 3=CR/2 5=CR/3 6=CR/4"

########## Field counts ##########

f=ragged-rows.csv
imp $f
check_status "$f" 0
check_output "$f: counts (trailing empty extras forgiven, a blank line is no row)" out "$(report $f 6 3 3)"
check_output "$f: short and long rows at their lines" err \
"$f:3: 3 fields, expected 4
$f:4: 5 fields, expected 4
$f:6: 1 field, expected 4"
check_cache "$f" 3 "3 4 6"
check_eq "$f: the good rows" "$(sql "$db" "SELECT group_concat(line || '=' || ref, ' ') FROM records")" \
	"2=CR/1 5=CR/4 8=CR/6"

f=semicolon.csv
imp $f
check_status "$f" 0
check_output "$f: the separator is found from the header" out "$(report $f 2 1 1)"
check_output "$f: the short row" err "$f:3: 3 fields, expected 4"
check_eq "$f: commas are data" "$(sql "$db" "SELECT f_offence_title FROM records")|$(notes CR/1)" \
	"Theft, other|ok, fine"

f=report-title.csv
imp $f
check_status "$f" 0
check_output "$f: the table under the report's title" out "$(report $f 3 2 1)"
check_output "$f: the lines before the header are said, the footer rejected at its line" err \
"$f: lines 1-3 come before the header on line 4 (\"Crimes with notes mentioning deepfake, Feb 2019 - Feb 2024\"): not imported
$f:8: 1 field, expected 4"
check_cache "$f" 2 "8"
check_eq "$f: rows at their lines" "$(sql "$db" "SELECT group_concat(line || '=' || ref, ' ') FROM records")" \
	"5=CR/1 6=CR/2"

########## Dates ##########

f=dates-future.csv
imp $f
check_status "$f" 0
check_output "$f: future dates are dates" out "$(report $f 9 7 2)"
check_output "$f: only impossible ones rejected" err \
"$f:5: bad date in Recorded Date: \"29/02/2100\" (no such day: 29 February 2100 (not a leap year))
$f:7: bad date in Recorded Date: \"01/01/10000\" (year 10000 is outside 1000-9999)"
check_eq "$f: stored dates" "$(sql "$db" "SELECT group_concat(line || '=' || date, ' ') FROM records")" \
	"2=2099-12-31 3=2038-02-13 4=2100-02-28 6=9999-02-13 8=1999-03-13 9=2049-03-13 10=1970-03-13"

f=dates-1900.csv
imp $f
check_status "$f" 0
check_output "$f: 1900 and before" out "$(report $f 10 7 3)"
check_output "$f: 1900 is no leap year; day 0 and year 0 do not exist" err \
"$f:3: bad date in Recorded Date: \"29/02/1900\" (no such day: 29 February 1900 (not a leap year))
$f:10: bad date in Recorded Date: \"00/01/1900\" (no such day: 0 January 1900)
$f:11: bad date in Recorded Date: \"13/02/0000\" (year 0 is outside 1000-9999)"
check_eq "$f: stored dates" \
	"$(sql "$db" "SELECT group_concat(line || '=' || date || '/' || year || '-' || month || '-' || coalesce(day, ''), ' ') FROM records")" \
	"2=1900-01-01/1900-1-1 4=1899-12-31/1899-12-31 5=1900-01-01/1900-1-1 6=1900-02-13/1900-2-13 7=1900-01-01/1900-1-1 8=1900-02/1900-2- 9=2000-02-29/2000-2-29"

########## What the messages show ##########

f=escape-sequences.csv
imp $f
check_status "$f" 0
check_output "$f: counts" out "$(report $f 3 2 1)"
check_output "$f: escape sequences in a cause are shown inert" err \
	"$f:3: bad date in Recorded Date: \"␛[2J␛]0;pwned␇\" (not a date)"
check_eq "$f: no escape byte reaches the terminal" "$(grep -c $'\033' err)" "0"

# A bad value longer than a message shows is cut at a character, and visibly.
f=long-bad-date.csv
imp $f
check_status "$f" 0
check_output "$f: counts" out "$(report $f 3 1 2)"
check_match "$f: line 3 is reported" err "^$f:3: bad date in Recorded Date: \"xé{10,}"
check_no_match "$f: no character is cut in half (no U+FFFD)" err "�"
check_eq "$f: the causes in the cache are valid UTF-8" \
	"$(sql "$db" "SELECT cause FROM rejects" | iconv -f UTF-8 -t UTF-8 >/dev/null 2>&1 && echo valid)" "valid"
check_match "$f: a cut value is marked as cut, never shown as if whole" err \
	"^$f:4: bad date in Recorded Date: \"0123456789012345678901234567890123456789(012345\"|[0-9]*(…|\\.\\.\\.)\")"

f=many-rejects.csv
imp $f
check_status "$f" 0
check_output "$f: counts" out "$(report $f 30 5 25)"
check_eq "$f: 20 shown, then how many more" "$(cat err)" \
	"$(for i in $(seq 1 30); do [ $((i % 6)) -ne 0 ] && echo $((i + 1)); done | head -20 |
		while read -r line; do
			echo "$f:$line: bad date in Recorded Date: \"32/02/2021\" (no such day: 32 February 2021)"
		done)
$f: 5 more rejected rows not shown (crimeview rejects lists them all)"
run rejects --db "$db"
check_eq "$f: crimeview rejects lists all 25" "$(wc -l <out | tr -d ' ')" "25"

########## Big inputs, made here ##########

# A 10 MB field on one line, in the notes and in a value column.
f=big-field.csv
{
	printf 'Crime Reference,Recorded Date,Offence Title,MO Text\nCR/1,13/02/2021,Theft,ok\nCR/2,14/02/2021,'
	head -c 10485760 /dev/zero | tr '\0' 'v'
	printf ',"'
	head -c 10485760 /dev/zero | tr '\0' 'n'
	printf '"\nCR/3,15/02/2021,Theft,ok\n'
} >$f
imp $f
check_status "$f" 0
check_output "$f: all three rows" out "$(report $f 3 3 0)"
check_output "$f: nothing to report" err ""
check_eq "$f: the 10 MB value is stored whole" \
	"$(sql "$db" "SELECT length(f_offence_title) FROM records WHERE ref = 'CR/2'")" "10485760"
check_eq "$f: the 10 MB notes are stored whole" "$(notes CR/2 | wc -c | tr -d ' ')" "10485761"
check_eq "$f: the row after it is at its line" "$(sql "$db" "SELECT line FROM records WHERE ref = 'CR/3'")" "4"

# A 10 MB quoted field of 163,840 short lines: still one field, that closes.
f=big-field-lines.csv
{
	printf 'Crime Reference,Recorded Date,Offence Title,MO Text\nCR/1,13/02/2021,Theft,ok\nCR/2,14/02/2021,Theft,"'
	awk 'BEGIN { for (i = 0; i < 163840; i++) printf "%063d\n", i }'
	printf '"\nCR/3,15/02/2021,Theft,ok\n'
} >$f
imp $f
check_status "$f" 0
check_output "$f: all three rows" out "$(report $f 3 3 0)"
check_output "$f: nothing to report" err ""
check_eq "$f: the field is stored whole" \
	"$(sql "$db" "SELECT length(notes) FROM notes_fts WHERE rowid = (SELECT id FROM records WHERE ref = 'CR/2')")" \
	"10485760"
check_eq "$f: the row after it is at its line" "$(sql "$db" "SELECT line FROM records WHERE ref = 'CR/3'")" "163844"

# 5,000 columns: every one is kept.
f=wide.csv
awk 'BEGIN {
	printf "Crime Reference,Recorded Date"
	for (i = 3; i <= 5000; i++) printf ",Col %d", i
	printf "\n"
	for (r = 1; r <= 3; r++) {
		printf "CR/%d,%d/02/2021", r, r + 12
		for (i = 3; i <= 5000; i++) printf ",v%d_%d", r, i
		printf "\n"
	}
	printf "CR/4,16/02/2021,short\n"
}' >$f
imp $f
check_status "$f" 0
check_output "$f: three rows of 5,000 fields, one short row" out "$(report $f 4 3 1)"
check_output "$f: the short row is reported" err "$f:5: 3 fields, expected 5000"
run fields --db "$db"
check_eq "$f: 5,000 fields" "$(tail -n +2 out | wc -l | tr -d ' ')" "5000"
run list --db "$db" --fields col_3,col_4999,col_5000 --format tsv
check_output "$f: the first and last columns' values" out "Reference	Kind	Date	Col 3	Col 4999	Col 5000	Notes
CR/1	crime	2021-02-13	v1_3	v1_4999	v1_5000	
CR/2	crime	2021-02-14	v2_3	v2_4999	v2_5000	
CR/3	crime	2021-02-15	v3_3	v3_4999	v3_5000	"

# A wide file does not take the other files of the same import down with it.
imp $f header-only.csv quotes.csv
check_status "$f with two other files" 0
check_match "$f with two other files: quotes.csv is imported" out \
	"^quotes.csv: 4 rows read, 4 imported, 0 rejected"
check_eq "$f with two other files: all their records" "$(sql "$db" "SELECT count(*) FROM records")" "7"

# 20,000 rows that each open a quote: each is reported, none is lost, and it takes
# seconds, not a re-read of the file per row.
f=quotes-everywhere.csv
awk 'BEGIN { print "Crime Reference,Recorded Date,Offence Title,MO Text"
	for (i = 1; i <= 20000; i++) printf "CR/%d,13/02/2021,Theft,\"note %d\n", i, i }' >$f
imp $f
check_status "$f" 0
check_output "$f: every row read and rejected" out "$(report $f 20,000 0 20,000)"
check_eq "$f: 20 shown, then how many more" "$(tail -1 err)" \
	"$f: 19,980 more rejected rows not shown (crimeview rejects lists them all)"
check_eq "$f: the cache has all 20,000 rejects, the last at line 20001" \
	"$(sql "$db" "SELECT count(*) || ' ' || max(line) FROM rejects")" "20000 20001"

# A quote that opens on line 2 of 150,000: reported, and every row after it kept.
f=runaway-quote.csv
awk 'BEGIN { print "Crime Reference,Recorded Date,Offence Title,MO Text"
	print "CR/A,13/02/2021,Theft,\"runaway"
	for (i = 0; i < 150000; i++) printf "CR/%d,13/02/2021,Theft,note %d\n", i, i }' >$f
imp $f
check_status "$f" 0
check_output "$f: the rows it would swallow are kept" out "$(report $f 150,001 150,000 1)"
check_output "$f: reported where it opens" err "$f:2: a quoted field opens on this line and never closes"
check_eq "$f: the last row at its line" "$(sql "$db" "SELECT line FROM records WHERE ref = 'CR/149999'")" "150002"

########## Files that are not regular files, or change ##########

mkdir adir
imp adir
check_status "a directory" 1
check_output "a directory: counted as failed" out "$(failed)"
check_output "a directory: said so" err "crimeview: adir: is a directory, not a CSV file"

mkfifo fifo.csv
imp fifo.csv
check_status "a FIFO (no hang waiting for a writer)" 1
check_output "a FIFO: counted as failed" out "$(failed)"
check_output "a FIFO: said so" err \
	"crimeview: fifo.csv: is not a regular file (a FIFO, socket or device): save it to a file first"

db="$work/zero.db"
rm -f "$db"
status=0
timeout "$limit" "$CRIMEVIEW" import --db "$db" /dev/zero >out 2>err || status=$?
said_how_it_ended /dev/zero
check_status "/dev/zero (no endless read)" 1
check_output "/dev/zero: said so" err \
	"crimeview: /dev/zero: is not a regular file (a FIFO, socket or device): save it to a file first"

ln -s nowhere.csv dangling.csv
imp dangling.csv
check_status "a dangling symbolic link" 1
check_output "a dangling symbolic link: no such file" err "crimeview: dangling.csv: no such file"

# Failures of some files do not stop the others.
imp quotes.csv adir fifo.csv
check_status "a good file, a directory and a FIFO" 1
check_output "a good file, a directory and a FIFO: the good one is imported" out \
"quotes.csv: 4 rows read, 4 imported, 0 rejected (crime, utf-8, day-first dates) in TIME
1 file imported, 0 unchanged, 2 failed: 4 rows read, 4 imported, 0 rejected in TIME (RATE rows/s) into $db"
check_eq "a good file, a directory and a FIFO: its records are in the cache" \
	"$(sql "$db" "SELECT count(*) FROM records")" "4"

cp quotes.csv unreadable.csv
chmod 000 unreadable.csv
if [ -r unreadable.csv ]; then
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - an unreadable file # SKIP root can read it"
else
	imp unreadable.csv
	check_status "an unreadable file" 1
	check_output "an unreadable file: counted as failed" out "$(failed)"
	check_output "an unreadable file: the cause is named" err \
		"crimeview: unreadable.csv: cannot read: Permission denied"
fi
chmod 600 unreadable.csv

# A file that grows while it is imported: rows appended (in one write) during the import
# are either all in or all out, the counts agree with the cache, and nothing breaks.
f=growing.csv
awk 'BEGIN { print "Crime Reference,Recorded Date,Offence Title,MO Text"
	for (i = 0; i < 600000; i++)
		printf "CR/%d,%02d/%02d/20%02d 10:00,Offence %d,\"Notes for record %d, with words\"\n",
			i, i % 28 + 1, i % 12 + 1, 10 + i % 14, i % 50, i }' >$f
awk 'BEGIN { for (i = 0; i < 1000; i++) printf "CR/X%d,13/02/2021 10:00,Appended,\"late row %d\"\n", i, i }' >more.txt
db="$work/$f.db"
rm -f "$db"
(sleep 0.3 && cat more.txt >>$f) &
appender=$!
status=0
timeout "$limit" "$CRIMEVIEW" import --db "$db" $f >out 2>err || status=$?
said_how_it_ended $f
wait $appender
check_status "$f" 0
check_output "$f: nothing to report" err ""
rows=$(sql "$db" "SELECT count(*) FROM records")
case $rows in
600000 | 601000) pass "$f: the cache holds the rows before, or all the appended ones too ($rows)" ;;
*) fail "$f: the cache holds the rows before, or all the appended ones too" "got $rows records" ;;
esac
check_eq "$f: the report agrees with the cache" "$(head -1 out | mask_times)" \
	"$f: $(commas "$rows") rows read, $(commas "$rows") imported, 0 rejected (crime, utf-8, day-first dates) in TIME"
check_eq "$f: the file's row count in the cache agrees" \
	"$(sql "$db" "SELECT rows_read || ' ' || rows_imported FROM files")" "$rows $rows"
check_eq "$f: the cache passes integrity_check" "$(sql "$db" "PRAGMA integrity_check")" "ok"
status=0
timeout "$limit" "$CRIMEVIEW" import --db "$db" $f >out 2>err || status=$?
check_status "$f: imported again after it grew" 0
check_eq "$f: then it holds every row" "$(sql "$db" "SELECT count(*) FROM records")" "601000"

done_testing
