#!/usr/bin/env bash
# redact.sh - disclosure safety end to end, exact output: show, list and table with --redact
# (the rules, personal fields found by their headers or named with --personal, a user list),
# the method note's counts, the errors; and review marks: exclude, a new process sees them,
# an unchanged and a changed re-import keep them, tables and lists leave them out, include.
. "$(dirname "$0")/lib.sh"
export SOURCE_DATE_EPOCH=1795000000 # the method note's "Made:" time, pinned
data="$srcdir/tests/data/redact"
db="$work/v.db"
cd "$work"
cp "$data/victims.csv" "$data/names.txt" .
"$CRIMEVIEW" import --db "$db" --quiet --kind crime victims.csv

# check_masked NAME FILE WANT: like check_output, with the test's folder written WORK.
check_masked() {
	check_eq "$1" "$(mask_times <"$(in_work "$2")" | mask_places)" "$3"
}

# ---- redaction ----

run show --db "$db" --redact CR-2023-0001
check_status "show --redact" 0
check_masked "show --redact: personal fields masked, their values and the rules' finds out of the notes" out \
"== CR-2023-0001 | crime | 2023-01-03 | WORK/victims.csv line 2
Crime Reference  CR-2023-0001
Recorded Date    03/01/2023
Offence Title    Blackmail
Victim Name      [name]
Address          [address]
Date of Birth    [dob]
Officer in Case  PC 3570 Brennan

Notes:
Victim [name] of [address] was sent a deepfake video; [name] was asked for £500. [name] called back on [phone]. DOB [dob].

Redaction: on (phone 1, dob 2, name 4, address 2)"

run show --db "$db" CR-2023-0001
check_eq "without --redact, show gives the notes as they are" "$(tail -1 out)" \
	"Victim Chloe Turner of 17 Mill Lane was sent a deepfake video; Turner was asked for £500. Chloe called back on 07700 900123. DOB 14/02/1990."
check_eq "the cache holds the original text" \
	"$(sql "$db" "SELECT count(*) FROM notes_fts WHERE notes LIKE '%Chloe Turner of 17 Mill Lane%'")" "1"

run list --db "$db" --redact --fields "Victim Name,Address,Officer in Case"
check_status "list --redact" 0
check_golden "list --redact: names and addresses masked, their values out of each record's notes" \
	out redact/list.txt

run list --db "$db" --redact-list names.txt --personal "Officer in Case" \
	--fields "victim_name,Officer in Case" --format md
check_status "list --redact-list --personal" 0
check_golden "list --redact-list --personal (md): the list's names, the officer's name and surname" \
	out redact/list-names.md

run list --db "$db" --redact --fields "Date of Birth,Address" --format tsv --limit 2
check_eq "list --redact as tsv: the records only, no note" "$(cat out)" \
"Reference	Kind	Date	Date of Birth	Address	Notes
CR-2023-0001	crime	2023-01-03	[dob]	[address]	Victim [name] of [address] was sent a deepfake video; [name] was asked for £500. [name] called back on [phone]. DOB [dob].
CR-2023-0002	crime	2023-02-10		[address]	IP [name] reports messages from [handle]; [name] lives on [address]. Email [email]. Offence code 8N, 86/2."

run list --db "$db" --redact --personal "Address:name" --fields Address --limit 1 --format json
check_eq "--personal COL:CATEGORY masks as that category, and removes its value as one" "$(cat out)" \
'[
  {"ref": "CR-2023-0001", "kind": "crime", "date": "2023-01-03", "fields": {"Address": "[name]"}, "notes": "Victim [name] of 17 [name] [name] was sent a deepfake video; [name] was asked for £500. [name] called back on [phone]. DOB [dob]."}
]'

run table --db "$db" --redact --rows "Victim Name"
check_status "table --redact" 0
check_golden "table --redact: a personal field's labels masked, the note counts them" out redact/table.txt

run table --db "$db" --redact --rows offence_title --format md
check_eq "table --redact with nothing to remove says so" \
	"$(grep Redaction out)" "- Redaction: on (nothing found to remove)"
run table --db "$db" --rows offence_title
check_eq "without --redact the note has no Redaction line" "$(grep -c Redaction out)" "0"

# The bundled sample data: e-mail addresses, phones and postcodes in the notes.
"$CRIMEVIEW" import --db "$work/sample.db" --quiet "$srcdir/sample-data/crimes.csv" \
	"$srcdir/sample-data/incidents.csv"
run show --db "$work/sample.db" --redact CR-2016-1281
check_masked "sample data: show --redact of a record with a name and an e-mail in its notes" out \
"== CR-2016-1281 | crime | 2016-01-01 | SRCDIR/sample-data/crimes.csv line 2
Crime Reference      CR-2016-1281
Recorded Date        01/01/2016 18:14
Committed Date       
Offence Title        Harassment
Outcome Description  Susp ID: No Victim Support
Victim Age           15
Platform             Snapchat
Internet Enabled     Y

Incident Summary:
Suspect Chloe TURNER has set up 5 fake profiles via Snapchat to contact IP after being blocked; latest message at 07:45 reads 'you're dead when I see you'. IP is scared to leave the house. Screenshots obtained and attached to the crime. E-mail: [email].

Redaction: on (email 1)"
printf 'Chloe Turner\n' >"$work/suspects.txt"
run list --db "$work/sample.db" --redact-list "$work/suspects.txt" --kind crime --limit 2 \
	--fields offence_title
check_eq "sample data: list with a user list" "$(cat out)" \
"Reference | Kind | Date | Offence Title | Notes
CR-2016-1281 | crime | 2016-01-01 | Harassment | Suspect [name] has set up 5 fake profiles via Snapchat to contact IP after being blocked; latest message at 07:45 reads 'you're dead when I see you'. IP is scared to leave the house. Screenshots obtained and attached to the crime. E-mail: [email].
CR-2016-1283 | crime | 2016-01-01 | Other Criminal Damage | Suspect kicked the front door of 239 Green Lane, [postcode], cracking the glass panel; estimated cost £750. Occurred after an argument by phone earlier that evening at 02:10.⏎E-mail: [email].⏎Suspect believed to be Mohammed O'NEILL, DOB [dob].

Redaction: on (email 2, postcode 1, dob 1, name 1)"

# Errors.
run list --db "$db" --redact-list missing.txt
check_status "an unreadable --redact-list" 2
check_output "an unreadable --redact-list is named with its cause" err \
	"crimeview: missing.txt: No such file or directory"
run show --db "$db" --personal colour CR-2023-0001
check_status "--personal naming no field" 2
check_output "--personal naming no field says so" err \
	"crimeview: --personal: unknown field 'colour' (crimeview fields lists them)"
run table --db "$db" --rows offence_title --personal Notes
check_status "--personal naming the notes" 2
check_output "--personal naming the notes says why not" err \
	"crimeview: --personal: Notes is the notes: --redact removes personal data from them, it does not hide them whole"
run list --db "$db" --personal ":name"
check_status "--personal without a column" 2
check_output "--personal without a column says so" err \
	"crimeview: --personal \":name\": which field? (COL or COL:CATEGORY)
Try 'crimeview list --help' for more information."

# ---- review marks ----

run review --db "$db"
check_output "no reviews yet" out \
	"No reviews in $db yet: crimeview review NAME --exclude REF starts one."

run review --db "$db" foi --exclude CR-2023-0003 --reason "no deepfake element"
check_status "exclude a record" 0
check_masked "exclude says what was marked" out \
	"foi: excluded CR-2023-0003 (crime, 2023-03-21, WORK/victims.csv line 4): no deepfake element"
run review --db "$db" foi --exclude CR-2023-0004 --line 5 --reason duplicate
check_masked "exclude one record of a reference by its line" out \
	"foi: excluded CR-2023-0004 (crime, 2023-03-21, WORK/victims.csv line 5): duplicate"
run review --db "$db" foi --exclude CR-2023-0009
check_status "exclude a reference the cache lacks" 1
check_output "exclude a reference the cache lacks says so" err \
	"crimeview: no record has the reference 'CR-2023-0009' in $db (nothing was changed)"

# A new process reads the marks from the cache.
run review --db "$db"
check_output "the reviews with their marks" out "foi  2 marks"
run review --db "$db" foi
check_status "a review's marks" 0
check_output "a review's marks: reference, kind, date, reason, the first words of the notes" out \
"Reference | Kind | Date | Reason | Notes
CR-2023-0003 | crime | 2023-03-21 | no deepfake element | Anonymous caller; deepfake images of an unknown woman;...
CR-2023-0004 | crime | 2023-03-21 | duplicate | Duplicate entry of CR-2023-0003: deepfake images; caller...

Review foi: 2 records excluded (1 duplicate; 1 no deepfake element)"
run review --db "$db" foi --redact --format json
check_eq "a review's marks redacted, as json" "$(cat out)" \
'[
  {"ref": "CR-2023-0003", "kind": "crime", "date": "2023-03-21", "fields": {"Reason": "no deepfake element"}, "notes": "Anonymous caller; deepfake images of an unknown woman; nothing known of the victim."},
  {"ref": "CR-2023-0004", "kind": "crime", "date": "2023-03-21", "fields": {"Reason": "duplicate"}, "notes": "Duplicate entry of CR-2023-0003: deepfake images; caller [name] gave her name at 14:05."}
]'

run table --db "$db" --rows offence_title --format tsv
check_eq "the table without the review" "$(cat out)" "Offence Title	2023	Total
Blackmail	4	4
Fraud by false representation	1	1
Harassment	1	1
Total	6	6"
run table --db "$db" --rows offence_title --review foi --format tsv
check_eq "--review leaves the two marked records out (from the tally)" "$(cat out)" \
"Offence Title	2023	Total
Blackmail	2	2
Fraud by false representation	1	1
Harassment	1	1
Total	4	4"
cp out tally.tsv
run table --db "$db" --rows offence_title --review foi --format tsv --where "crime_reference~CR-"
check_eq "--review gives the same counts from the records" "$(cat out)" "$(cat tally.tsv)"
run table --db "$db" --rows offence_title --review foi --match 'deepfake OR "deep fake"'
check_golden "--review: the method note says how many records were left out and why" out \
	redact/review-table.txt
run list --db "$db" --review foi --match 'deepfake OR "deep fake"' --fields offence_title
check_eq "list --review leaves them out and says so" "$(cat out)" \
"Reference | Kind | Date | Offence Title | Notes
CR-2023-0001 | crime | 2023-01-03 | Blackmail | Victim Chloe Turner of 17 Mill Lane was sent a deepfake video; Turner was asked for £500. Chloe called back on 07700 900123. DOB 14/02/1990.
CR-2023-0004 | crime | 2023-03-22 | Blackmail | Second offence on CR-2023-0004: she was called by Sgt Ahmed Khan about the deep fake.

Review foi: 2 records excluded (1 duplicate; 1 no deepfake element)"
run table --db "$db" --rows offence_title --review fio
check_status "--review of a review with no marks" 2
check_output "--review of a review with no marks says so" err \
	"crimeview: --review fio: no record is marked in this review (crimeview review lists the reviews)"

# Re-imports: an unchanged file keeps its records and marks; a changed one (a row added
# above, so every line moves) gets new records, and the marks follow them.
run import --db "$db" --quiet victims.csv
check_eq "an unchanged re-import keeps the marks" \
	"$(sql "$db" "SELECT count(*) FROM review_marks")" "2"
run table --db "$db" --rows offence_title --review foi --format tsv
check_eq "after an unchanged re-import the counts are the same" "$(cat out)" "$(cat tally.tsv)"
{
	sed -n 1p "$data/victims.csv"
	echo 'CR-2023-0000,02/01/2023,Harassment,Sam Lee,,,DC Okafor,"Calls from a withheld number."'
	sed -n '2,$p' "$data/victims.csv"
} >victims.csv
run import --db "$db" --quiet victims.csv
check_status "re-import of a changed file" 0
run table --db "$db" --rows offence_title --review foi --format tsv
check_eq "after a changed re-import the marks still leave the same records out" "$(cat out)" \
"Offence Title	2023	Total
Blackmail	2	2
Fraud by false representation	1	1
Harassment	2	2
Total	5	5"
run review --db "$db" foi --format tsv
check_eq "the marks point at the records' new lines" "$(cut -f1-4 out)" \
"Reference	Kind	Date	Reason
CR-2023-0003	crime	2023-03-21	no deepfake element
CR-2023-0004	crime	2023-03-21	duplicate"

# Include again.
run review --db "$db" foi --include CR-2023-0003
check_status "include" 0
check_masked "include says what was unmarked" out \
	"foi: included again CR-2023-0003 (crime, 2023-03-21, WORK/victims.csv line 5)"
run review --db "$db" foi --include CR-2023-0003
check_masked "include of a record that is not excluded says so" out \
	"foi: was not excluded: CR-2023-0003 (crime, 2023-03-21, WORK/victims.csv line 5)"
run table --db "$db" --rows offence_title --review foi --format tsv
check_eq "after include the record counts again" "$(sed -n 2p out)" "Blackmail	3	3"

# --rebuild keeps the marks of the files it holds.
run import --db "$db" --quiet --rebuild --kind crime victims.csv
check_status "--rebuild" 0
run review --db "$db"
check_output "--rebuild keeps the marks" out "foi  1 mark"

# A cache of the previous schema (2: notes kept inside the FTS table) is refused with the
# way out, and --rebuild over it still keeps the marks.
sql "$db" "PRAGMA user_version = 2" >/dev/null
run review --db "$db"
check_status "a cache of the previous schema" 1
check_masked "a cache of the previous schema is explained" err \
	"crimeview: WORK/v.db was made by an older crimeview (cache schema 2; this one reads 3): import the files again with --rebuild"
run import --db "$db" --quiet --rebuild --kind crime victims.csv
check_status "--rebuild over the previous schema" 0
run review --db "$db"
check_output "--rebuild over the previous schema keeps the marks" out "foi  1 mark"

# Usage errors.
run review --db "$db" --reason x foi
check_status "--reason without --exclude" 2
check_output "--reason without --exclude is explained" err \
	"crimeview: --reason goes with --exclude
Try 'crimeview review --help' for more information."
run review --db "$db" foi --exclude CR-2023-0001 --exclude CR-2023-0002 --line 3
check_output "--line with two references is refused" err \
	"crimeview: --line goes with one --exclude or --include
Try 'crimeview review --help' for more information."
run review --db "$db" --exclude CR-2023-0001
check_output "exclude needs a review" err "crimeview: which review? give its name
Try 'crimeview review --help' for more information."
run table --db "$db" --rows offence_title --review "$(printf 'a\033b')"
check_status "a review name with a control character" 2
check_output "a review name with a control character is refused" err \
	"crimeview: --review: a review's name cannot hold control characters
Try 'crimeview table --help' for more information."

# A changed file that no longer has the marked record: the mark stays and says so.
grep -v '^CR-2023-0004,' victims.csv >victims-new.csv
mv victims-new.csv victims.csv
"$CRIMEVIEW" import --db "$db" --quiet victims.csv
run review --db "$db" foi
check_status "a review whose record is gone" 0
check_masked "a mark whose record is gone is reported" err \
	"crimeview: foi: the record marked on WORK/victims.csv line 5 (CR-2023-0004) is no longer there: its file changed; the mark stays"
check_eq "a review whose record is gone lists nothing and says so" "$(tail -1 out)" \
	"Review foi: no records excluded"
run table --db "$db" --rows offence_title --review foi --format md
check_eq "its table leaves nothing out, and says so" "$(grep Review out)" \
	"- Review foi: no records excluded"

done_testing
