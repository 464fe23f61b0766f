#!/bin/sh
# make-fixtures.sh - writes the small hostile-input fixtures of tests/cli/hostile.sh, byte
# for byte, into the folder it lives in. The files are committed; this script says what is
# in each one (printf escapes are the exact bytes) and remakes them after an edit:
#     sh tests/data/hostile/make-fixtures.sh && git diff --stat tests/data/hostile
# The large inputs (a 10 MB field, 5,000 columns, a file that grows, 20,000 runaway quotes)
# are made by hostile.sh at run time, not here. The expected outcome of every file is in
# tests/cli/hostile.sh.
set -eu
cd "$(dirname "$0")"
H='Crime Reference,Recorded Date,Offence Title,MO Text'
# Enough well-formed multi-byte UTF-8 that the file is detected as UTF-8 despite bad bytes.
U='Café naïve – € “quoted” ÿ £ é é é é é é é é é é é é é é'

# --- no records at all ---
: >empty.csv
printf '\357\273\277' >bom-only.csv
printf '\n\n\r\n\n' >blank-lines-only.csv
printf '%s\n' "$H" >header-only.csv
printf '%s' "$H" >header-only-no-newline.csv
printf '%s\r\n' "$H" >header-only-crlf.csv

# --- files cut off ---
# The download stopped inside a quoted field (one line of it).
printf '%s\nCR/1,13/02/2021,Theft,ok\nCR/2,14/02/2021,Theft,"cut off in the middle of a quo' "$H" \
	>truncated-mid-quote.csv
# ... inside a quoted field that had already run over a line break.
printf '%s\nCR/1,13/02/2021,Theft,ok\nCR/2,14/02/2021,Theft,"first line of the note\nsecond line, cut off' "$H" \
	>truncated-mid-quote-multiline.csv
# ... inside an unquoted field.
printf '%s\nCR/1,13/02/2021,Theft,ok\nCR/2,14/02/2021,The' "$H" >truncated-mid-field.csv
# Not cut off: the last record is whole, only the final line break is missing.
printf '%s\nCR/1,13/02/2021,Theft,ok\nCR/2,14/02/2021,Theft,"two\nlines"' "$H" >no-final-newline.csv
# Three short rows, each ended by a line break but the last: three bad rows, not one record.
printf '%s\nCR/1,13/02/2021,Theft,ok\nCR/5,13/02/2021\nCR/6\nCR/7,14/02/2021' "$H" >short-rows-at-end.csv

# --- quotes ---
printf '%s\nCR/1,13/02/2021,Theft,ok\nCR/2,14/02/2021,Theft,"never closes\nCR/3,15/02/2021,Theft,fine\nCR/4,16/02/2021,Theft,fine\n' "$H" \
	>unclosed-quote-mid-file.csv
# Thirty rows that each open a quote and never close it.
i=1
{
	printf '%s\n' "$H"
	while [ $i -le 30 ]; do
		printf 'CR/%d,13/02/2021,Theft,"note %d\n' $i $i
		i=$((i + 1))
	done
} >every-line-opens-quote.csv
# A quoted value followed by more text: the quote does close.
printf '%s\nCR/1,13/02/2021,Theft,"Help" she said\nCR/2,14/02/2021,Theft,ok\nCR/3,15/02/2021,Theft,"Stop" he said\nCR/4,16/02/2021,Theft,ok\n' "$H" \
	>quote-then-text.csv
# RFC 4180 done right: doubled quotes, an empty quoted field, a quoted separator, a quoted
# line break, and a bare quote inside an unquoted field.
printf '%s\nCR/1,13/02/2021,O"Brien,5" screen\nCR/2,14/02/2021,"He said ""hi""",""\nCR/3,15/02/2021,"a,b","multi\nline, with ""quotes"""\nCR/4,16/02/2021,Theft,ok\n' "$H" \
	>quotes.csv
# The header's own quote never closes.
printf 'Crime Reference,"Recorded Date,Offence Title,MO Text\nCR/1,13/02/2021,Theft,ok\nCR/2,14/02/2021,Theft,ok\n' \
	>header-open-quote.csv

# --- NUL bytes and binary files ---
printf 'Crime Reference,Recorded Date,,MO Text\nCR/1,13/02/2021,Theft,ok\nCR/2,14/02/2021,Th\000eft,nul in an unnamed column\nCR/3,15/02/2021,Theft,"quoted \000 nul"\n\000\000\000\000\nCR/4,16/02/2021,Theft,ok\n\000,\000,\000,\000\nCR/5,17/02/2021\000,Theft,nul after the date\n' \
	>nul-bytes.csv
printf 'Crime\000Reference,Recorded Date,Offence Title,MO Text\nCR/1,13/02/2021,Theft,ok\nCR/2,14/02/2021,Theft,ok\n' \
	>nul-in-header.csv
# A good header, then lines of ELF, JPEG, random, gzip and zip bytes, then a good row.
printf '%s\nCR/1,13/02/2021,Theft,ok\n\177ELF\002\001\001\000\000\000\000\000\000\000\000\000\002\000>\000\001\000\000\000\n\377\330\377\340\000\020JFIF\000\001,\001\001,\000H,\000H\000\000\n\213\234\376\247\263,\321\342,\005\006,\232\233\n\037\213\010\000\000\000\000\000\000\003\355\275\007`\034I\n"PK\003\004\024\000\006\000\010\000\000\000!\000\n\nCR/2,14/02/2021,Theft,ok\n' "$H" \
	>binary-garbage.csv
# A gzipped export (gzip -9n) saved under a .csv name.
printf '\037\213\010\000\000\000\000\000\002\003\163\056\312\314\115\125\010\112\115\113\055\112\315\113\116\325\011\112\115\316\057\112\111\115\121\160\111\054\111\325\361\117\113\003\211\052\204\144\226\344\244\352\370\372\053\204\244\126\224\360\162\071\007\351\033\352\030\032\353\033\030\351\033\031\030\031\352\204\144\244\246\225\350\344\147\203\145\214\164\014\115\260\310\000\000\234\251\104\116\151\000\000\000' \
	>gzip-as-csv.csv
# A spreadsheet (zip) saved under a .csv name.
printf '\120\113\003\004\024\000\000\000\000\000\000\000\115\122\272\161\030\116\014\000\000\000\014\000\000\000\017\000\000\000\170\154\057\167\157\162\153\142\157\157\153\056\170\155\154\074\167\157\162\153\142\157\157\153\057\076\012\120\113\001\002\024\003\024\000\000\000\000\000\000\000\115\122\272\161\030\116\014\000\000\000\014\000\000\000\017\000\000\000\000\000\000\000\000\000\000\000\200\001\000\000\000\000\170\154\057\167\157\162\153\142\157\157\153\056\170\155\154\120\113\005\006\000\000\000\000\001\000\001\000\075\000\000\000\071\000\000\000\000\000' \
	>xlsx-as-csv.csv

# --- UTF-16 ---
# The header and two rows, CRLF, as UTF-16 (ASCII text: each byte gets a NUL byte beside it).
u16_body=$(printf '%s\r\n' "$H" 'CR/1,13/02/2021,Theft,ok' 'CR/2,14/02/2021,Theft,ok' | od -An -v -to1 | tr -s ' \n' '  ')
{ printf '\377\376'; for b in $u16_body; do printf "\\$b\\000"; done; } >utf16le-bom.csv
{ printf '\376\377'; for b in $u16_body; do printf "\\000\\$b"; done; } >utf16be-bom.csv
{ for b in $u16_body; do printf "\\$b\\000"; done; } >utf16le-no-bom.csv

# --- headers ---
printf 'Crime Reference,Recorded Date,Offence Title,offence-title,OFFENCE TITLE,MO Text,mo text\nCR/1,13/02/2021,a,b,c,n1,n2\n' \
	>duplicate-headers.csv
printf 'Crime Reference,Recorded Date,,Offence Title,,MO Text\nCR/1,13/02/2021,a,Theft,b,ok\n' >empty-header-names.csv
printf ',,,\nCR/1,13/02/2021,Theft,ok\n' >all-empty-header.csv
printf 'Crime Reference,"Recorded\nDate","Offence ""Title""",MO Text\nCR/1,13/02/2021,Theft,ok\nCR/2,14/02/2021,Theft,ok\n' \
	>header-with-newline.csv

# --- encodings ---
# UTF-8, with one row saved as Windows-1252 (e9 = e acute, 96 = en dash).
printf '%s\nCR/1,13/02/2021,Theft,Café – naïve\nCR/2,14/02/2021,Theft,caf\351 \226 1252\nCR/3,15/02/2021,Theft,£5 “quoted”\n' "$H" \
	>mixed-encodings.csv
# Windows-1252, with one row saved as UTF-8.
printf '%s\nCR/1,13/02/2021,Theft,caf\351 \226 1252\nCR/2,14/02/2021,Theft,Caf\303\251 utf8\nCR/3,15/02/2021,Theft,\2435 \223q\224\n' "$H" \
	>mixed-encodings-mostly-1252.csv
# UTF-8 with bad sequences: overlong, surrogate, cut short, above U+10FFFF, a lone
# continuation byte, 0xFF, a lead byte at the end of a field.
printf '%s\nCR/1,13/02/2021,Theft,%s\nCR/2,14/02/2021,Theft,overlong \300\257\nCR/3,15/02/2021,Theft,surrogate \355\240\200\nCR/4,16/02/2021,Theft,truncated \342\202\nCR/5,17/02/2021,Theft,%s\nCR/6,18/02/2021,Theft,too big \364\220\200\200\nCR/7,19/02/2021,Theft,%s\nCR/8,20/02/2021,Theft,lone cont \200x\nCR/9,21/02/2021,Theft\377,ok\nCR/10,22/02/2021,Theft,end cut \303\n' \
	"$H" "$U" "$U" "$U" >invalid-utf8.csv
# A byte-order mark at the start, written twice (read as Windows-1252 and saved as UTF-8).
printf '\303\257\302\273\302\277%s\nCR/1,13/02/2021,Theft,ok\n' "$H" >bom-double-encoded.csv
# Byte-order marks in the middle: at a line start, before a value, before a date.
printf '%s\nCR/1,13/02/2021,Theft,ok\n\357\273\277CR/2,14/02/2021,Theft,bom at a line start\nCR/3,15/02/2021,\357\273\277Theft,bom before a value\nCR/4,\357\273\27716/02/2021,Theft,bom before the date\n' "$H" \
	>bom-middle.csv
# Two exports joined with cat: the second one's BOM and header in the middle.
printf '\357\273\277%s\r\nCR/1,13/02/2021,Theft,ok\r\n\357\273\277%s\r\nCR/2,14/02/2021,Theft,ok\r\n' "$H" "$H" \
	>concatenated-exports.csv

# --- line ends ---
printf '%s\rCR/1,13/02/2021,Theft,ok\rCR/2,14/02/2021,Theft,"two\rlines"\rCR/3,15/02/2021,Theft,bad\rCR/4,31/02/2021,Theft,bad date\r' "$H" \
	>cr-only.csv
printf '%s\rCR/1,13/02/2021,Theft,ok\rCR/2,14/02/2021,Theft,"two\rlines"\rCR/3,15/02/2021\rCR/4,31/02/2021,Theft,bad date' "$H" \
	>cr-only-no-final-cr.csv
# Excel for Mac: CR line ends, and an LF for the line break inside a cell.
printf '%s\rCR/1,13/02/2021,Theft,ok\rCR/2,14/02/2021,Theft,"cell\nbreak"\rCR/3,15/02/2021,Theft,ok\r' "$H" \
	>cr-only-lf-in-quotes.csv
printf '%s\r\nCR/1,13/02/2021,Theft,ok\nCR/2,14/02/2021,Theft,"crlf\r\ninside"\r\nCR/3,15/02/2021,Theft,lone\rcr\nCR/4,16/02/2021,Theft,ok\r\n' "$H" \
	>mixed-line-ends.csv

# --- field counts ---
printf '%s\nCR/1,13/02/2021,Theft,ok\nCR/2,14/02/2021,Theft\nCR/3,15/02/2021,Theft,ok,extra\nCR/4,16/02/2021,Theft,ok,,,\nCR/5\n\nCR/6,17/02/2021,Theft,ok\n' "$H" \
	>ragged-rows.csv
printf 'Crime Reference;Recorded Date;Offence Title;MO Text\nCR/1;13/02/2021;Theft, other;ok, fine\nCR/2;14/02/2021;Theft\n' \
	>semicolon.csv
# A report tool's export: a title, who ran it, a blank line, the table, a footer.
printf '"Crimes with notes mentioning deepfake, Feb 2019 - Feb 2024"\r\nRun on 01/03/2024 09:12 by J Smith\r\n\r\n%s\r\nCR/1,13/02/2021,Theft,ok\r\nCR/2,14/02/2021,Fraud,"two\r\nlines"\r\nTotal: 2 records\r\n' "$H" \
	>report-title.csv

# --- dates ---
printf '%s\nCR/1,31/12/2099,Theft,far future\nCR/2,13/02/2038 03:14:08,Theft,after 2038\nCR/3,2100-02-28,Theft,2100\nCR/4,29/02/2100,Theft,no such day\nCR/5,13/02/9999,Theft,9999\nCR/6,01/01/10000,Theft,5 digit year\nCR/7,13-Mar-99,Theft,two digit\nCR/8,13/03/49,Theft,yy 49\nCR/9,13/03/70,Theft,yy 70\n' "$H" \
	>dates-future.csv
printf '%s\nCR/1,01/01/1900,Theft,first day\nCR/2,29/02/1900,Theft,not leap\nCR/3,31/12/1899,Theft,before\nCR/4,1900-01-01T00:00:00Z,Theft,zoned\nCR/5,13/02/1900 23:59:59,Theft,time\nCR/6,01-Jan-1900,Theft,mon\nCR/7,1900-02,Theft,month\nCR/8,29/02/2000,Theft,leap\nCR/9,00/01/1900,Theft,day zero\nCR/10,13/02/0000,Theft,year zero\n' "$H" \
	>dates-1900.csv

# --- what the messages show ---
printf '%s\nCR/1,13/02/2021,Theft,ok\nCR/2,\033[2J\033]0;pwned\007,Theft,esc\nCR/3,13/02/2021,Theft\033[31m,red\n' "$H" \
	>escape-sequences.csv
# Bad dates longer than a message shows: multi-byte text, and plain digits.
printf '%s\nCR/1,13/02/2021,Theft,ok\nCR/2,xéééééééééééééééééééééééééééé,Theft,cut\nCR/3,0123456789012345678901234567890123456789012345,Theft,long\n' "$H" \
	>long-bad-date.csv
# 25 bad rows (more than the 20 shown) among 5 good ones.
i=1
{
	printf '%s\n' "$H"
	while [ $i -le 30 ]; do
		if [ $((i % 6)) -eq 0 ]; then
			printf 'CR/%d,13/02/2021,Theft,good\n' $i
		else
			printf 'CR/%d,32/02/2021,Theft,bad\n' $i
		fi
		i=$((i + 1))
	done
} >many-rejects.csv
