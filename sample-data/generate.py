#!/usr/bin/env python3
"""Write crimeview's bundled sample data and prove that it reproduces the seed tables.

Run:   python3 sample-data/generate.py
Writes crimes.csv, incidents.csv and ceop-referrals.csv next to this script, then re-reads
them with the csv module and asserts that every number of every table in the three seed
disclosures (typed in below, as published) comes out of the written records:

  * foi-cyber-enabled-crime-2017-2019      Tables 1-4 (offence, victim age band, outcome,
                                           platform by year): crimes.csv, Internet Enabled = Y,
                                           Recorded Date 01/01/2017 - 31/07/2019.
  * foi-deepfake-crimes-incidents          crimes.csv and incidents.csv whose notes mention
                                           deepfake / deep fake, recorded Feb 2019 - Feb 2024.
  * report-online-child-sexual-abuse ...   the CEOP referral table (count, average, shortest
                                           and longest days per year): ceop-referrals.csv.

Standard library only. One fixed random seed per file makes the output byte-for-byte the same
on every run and every platform. Everything personal in the files is invented: names, phone
numbers (Ofcom's drama range 07700 900000-900999), e-mail addresses (example.com/.org/.net),
handles, addresses and references.
"""

import csv
import datetime as dt
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CRIMES_CSV = os.path.join(HERE, "crimes.csv")
INCIDENTS_CSV = os.path.join(HERE, "incidents.csv")
CEOP_CSV = os.path.join(HERE, "ceop-referrals.csv")

CRIME_HEADERS = ["Crime Reference", "Recorded Date", "Committed Date", "Offence Title",
                 "Outcome Description", "Victim Age", "Platform", "Internet Enabled",
                 "Incident Summary"]
INCIDENT_HEADERS = ["Incident Number", "Incident Date", "Incident Category", "Closing Code",
                    "Location Beat", "Detail"]
CEOP_HEADERS = ["Referral Reference", "Date Received", "Date Actioned", "Referral Type",
                "Outcome", "Notes"]

# ---------------------------------------------------------------------------------------------
# The seed tables, typed in as published (columns separated by " | "; "2019*" = to end July).
# ---------------------------------------------------------------------------------------------

# foi-cyber-enabled-crime-2017-2019, Table 1: Offence | 2017 | 2018 | 2019* | Grand Total
CYBER_T1 = """
Administer Noxious Thing W/I | 0 | 0 | 1 | 1
Arrange Or Facilitate Travel Of Another Person With A View To Exploitation | 1 | 0 | 0 | 1
Arranging Or Facilitating The Commission Of A Child Sex Offence | 5 | 2 | 0 | 7
Assault Occasion ABH | 10 | 9 | 9 | 28
Assault On A Female 13+ By Penetration | 1 | 0 | 1 | 2
Assault On Female Child Under 13 By Penetration | 0 | 1 | 0 | 1
Attempt Blackmail | 1 | 0 | 0 | 1
Attempt To Arrange / Facilitate The Commission Of A Child Sex Offence | 2 | 2 | 0 | 4
Blackmail | 57 | 135 | 56 | 248
Breach Of Injunction Against Harassment 1997 | 0 | 4 | 5 | 9
Breach Of Non-Molestation Order | 12 | 8 | 7 | 27
Breach Of Restraining Order | 10 | 16 | 7 | 33
Burglary Dwelling | 1 | 0 | 0 | 1
Cause Child U13 To Watch A Sexual Act - Offender U18 | 1 | 0 | 1 | 2
Cause Child U13 To Watch Sexual Act - Offender 18+ | 3 | 9 | 5 | 17
Cause Child U16 To Watch Sexual Act - Offender 18+ | 0 | 22 | 2 | 24
Cause Child U16 To Watch Sexual Act - Offender U18 | 0 | 1 | 5 | 6
Cause Female 16+ To Engage In Sexual Activity - No Penetration | 2 | 2 | 0 | 4
Cause Female 16+ To Engage In Sexual Activity W/O Consent | 0 | 2 | 1 | 3
Cause Female Child U13 To Engage In Sexual Activity | 17 | 13 | 9 | 39
Cause Female Child U13 To Engage In Sexual Activity-Offender U18- No Penetration | 3 | 5 | 3 | 11
Cause Female U13 Engage In Sexual Activity - No Penetration | 23 | 36 | 19 | 78
Cause Female U16 To Engage In Sexual Activity - No Penetration - Offender 18+ | 22 | 64 | 42 | 128
Cause Female U16 To Engage In Sexual Activity - No Penetration - Offender U18 | 15 | 15 | 16 | 46
Cause GBH With Intent | 1 | 0 | 1 | 2
Cause Int Harassment/Alarm/Distress | 1 | 3 | 5 | 9
Cause Male 16+ To Engage In Sexual Activity - No Penetration | 0 | 1 | 0 | 1
Cause Male Child U13 To Engage In Sexual Activity- Offender U18 - No Penetration | 0 | 2 | 1 | 3
Cause Male Child U16 Sex. Activity-No Penetration-Offender U18 | 0 | 3 | 2 | 5
Cause Male U13 Engage In Sexual Activity | 0 | 3 | 1 | 4
Cause Male U13 To Engage In Sexual Activity - No Penetration | 2 | 2 | 0 | 4
Cause Male U16 To Engage In Sexual Activity - No Penetration - Offender 18+ | 5 | 6 | 8 | 19
Cause Sexual Activity Female Mental Patient - No Penetration | 0 | 1 | 0 | 1
Cause Sexual Activity Female U16 - Offender 18+ | 9 | 9 | 11 | 29
Cause Sexual Activity Female U16 - Offender U18 | 5 | 7 | 4 | 16
Cause Sexual Activity Male U16 - Offender 18+ | 2 | 14 | 17 | 33
Cause Sexual Activity Male U16 - Offender U18 | 0 | 0 | 1 | 1
Cause/Incite Child Prostitution Or Pornography 13-17 | 3 | 0 | 1 | 4
Causing Or Inciting Child Prostitution Or Pornography U13 | 1 | 0 | 0 | 1
Commit Offence Other Than Kidnap/False Imprison. W/I To Commit Human Trafficking | 1 | 0 | 0 | 1
Common Assault | 4 | 4 | 10 | 18
Criminal Damage To Dwelling | 3 | 0 | 0 | 3
Disclose Private Sexual Photographs And Films With Intent To Cause Distress | 32 | 61 | 57 | 150
Distribute Indec Photo Of Child | 22 | 28 | 23 | 73
Engage In Controlling/Coercive Behaviour In An Intimate/Family Relationship | 2 | 0 | 2 | 4
Engage In Sexual Activity In Presence Of Child U13 - Offender 18+ | 0 | 1 | 0 | 1
Engage In Sexual Communication With A Child | 4 | 16 | 17 | 37
Exposure | 0 | 1 | 0 | 1
False Imprisonment | 0 | 0 | 1 | 1
Fear/Provocation Of Violence | 0 | 2 | 3 | 5
Harassment | 132 | 411 | 452 | 995
Harassment/Alarm Or Distress | 1 | 2 | 0 | 3
Incitement To Distribute Child Pornography | 0 | 1 | 0 | 1
Inflicting GBH Without Intent | 0 | 1 | 1 | 2
Intimidate Or Intend Intimidate Witness In Civil (Non Criminal) Proceedings | 1 | 0 | 0 | 1
Intimidate Witness / Juror | 2 | 4 | 0 | 6
Kidnapping | 0 | 1 | 0 | 1
Make False Statement To Obtain Insurance | 0 | 1 | 0 | 1
Make Indecent Photograph Of Child | 2 | 3 | 0 | 5
Make Off W/O Payment | 0 | 1 | 0 | 1
Malicious Wounding | 2 | 4 | 0 | 6
Meeting A Female U16 Following Sexual Grooming, Offender 18+ | 5 | 5 | 0 | 10
Meeting A Male U16 Following Sexual Grooming, Offender 18+ | 1 | 1 | 0 | 2
Other Criminal Damage | 0 | 2 | 1 | 3
Pass Counterfeit Currency Note-Genuine | 0 | 0 | 1 | 1
Possess F/Arm W/I Cause Fear Violence | 0 | 0 | 1 | 1
Possess Ind Photo Child Distribution | 1 | 0 | 1 | 2
Possess Indecent Photo/Pseudo Photo Of Child | 0 | 1 | 1 | 2
Publish Threat/Abuse Material Racial Hatred | 1 | 0 | 0 | 1
Pursue Course Of Conduct In Breach Of S1(1) Which Amounts To Stalking | 8 | 20 | 3 | 31
Putting People In Fear Of Violence | 4 | 6 | 7 | 17
Racially/Religiously Aggravated Harassment With Fear Of Violence | 0 | 0 | 2 | 2
Racially/Religiously Aggravated Harassment Without Violence S2 | 6 | 3 | 3 | 12
Racially/Religiously Aggravated Harassment, Alarm Or Distress S5 | 1 | 0 | 0 | 1
Racially/Religiously Aggravated Intentional Harassment, Alarm Or Distress | 0 | 0 | 1 | 1
Racially/Religiously Aggravated S47 Assault And Malicious Wounding | 1 | 0 | 0 | 1
Rape Of Female 16 Or Over | 8 | 1 | 2 | 11
Rape Of Female Child Aged 13-15 | 6 | 2 | 0 | 8
Rape Of Female Child Under 13 By A Male | 0 | 1 | 2 | 3
Rape Of Male Child Aged 13-15 | 0 | 0 | 1 | 1
Robbery-Personal Property | 3 | 1 | 2 | 6
Send Communication/Article Conveying A Threatening Message | 365 | 672 | 624 | 1,661
Send Communication/Article Conveying False Information | 34 | 104 | 70 | 208
Send Communication/Article Conveying Indecent/Grossly Offensive Message | 132 | 309 | 197 | 638
Send Communication/Article Whole/Part Of An Indecent/Grossly Offensive Nature | 15 | 48 | 43 | 106
Sexual Activity With Female Child U13 - No Penetration - Offender U18 | 0 | 0 | 1 | 1
Sexual Activity With Female Child U16 - No Penetration - Offender 18 Or Over | 0 | 1 | 1 | 2
Sexual Activity With Female Child U16 - No Penetration - Offender U18 | 1 | 3 | 1 | 5
Sexual Activity With Female U13 - Offender Under18 | 0 | 1 | 0 | 1
Sexual Activity With Female U16 - Offender 18+ Penetration | 2 | 0 | 0 | 2
Sexual Activity With Female U16 - Offender U18 | 1 | 1 | 1 | 3
Sexual Activity With Male U16 - Offender U18 | 1 | 0 | 1 | 2
Sexual Assault On A Female 13 Or Over | 5 | 3 | 5 | 13
Sexual Assault On A Male 13+ | 0 | 2 | 0 | 2
Stalking Involving Fear Of Violence | 4 | 4 | 1 | 9
Stalking Involving Serious Alarm/Distress | 2 | 9 | 2 | 13
Theft By Employee | 1 | 0 | 0 | 1
Theft Dwelling Not Machine/Meter | 5 | 0 | 3 | 8
Theft From Auto Mach/Meter | 0 | 1 | 0 | 1
Theft Of Motor Vehicle | 1 | 1 | 0 | 2
Theft Of P/Cycle | 0 | 1 | 0 | 1
Theft Other | 4 | 7 | 4 | 15
Threaten Damage Own Prop Endanger Life | 0 | 1 | 1 | 2
Threaten Person With A Blade/Sharply Pointed Article In A Public Place | 1 | 0 | 0 | 1
Threaten To Damage Property | 7 | 26 | 23 | 56
Threaten Witness / Juror | 0 | 5 | 1 | 6
Threats To Kill | 4 | 22 | 24 | 50
Voyeurism | 0 | 1 | 1 | 2
Wilfully Assault Young Person Under 16 | 1 | 0 | 2 | 3
Grand Total | 1,054 | 2,204 | 1,841 | 5,099
"""

# Table 2: Year | Blank | 16 and Under | 17/18 | 19 and Over | Grand Total
CYBER_T2 = """
2017 | 14 | 310 | 61 | 669 | 1,054
2018 | 36 | 540 | 170 | 1,458 | 2,204
2019* | 33 | 486 | 124 | 1,198 | 1,841
Grand Total | 83 | 1,336 | 355 | 3,325 | 5,099
"""

# Table 3: Outcome | 2017 | 2018 | 2019* | Grand Total   ("(blank)" = empty Outcome Description)
CYBER_T3 = """
(blank) | 3 | 44 | 232 | 279
Adult Caution (Alt Offence) | 3 | 3 | 1 | 7
Caution - Adult | 13 | 18 | 4 | 35
Caution - Youth | 4 | 0 | 0 | 4
Charge | 41 | 51 | 29 | 121
Charge / Summons (Alt Offence) | 13 | 13 | 3 | 29
Community Resolution | 34 | 55 | 24 | 113
Filed, no Susp, no further enq | 409 | 1,048 | 779 | 2,236
Further non-Police Action | 14 | 10 | 15 | 39
Not Public Interest CPS | 0 | 0 | 5 | 5
Not Public Interest Police | 10 | 39 | 16 | 65
Offender Died | 0 | 0 | 1 | 1
Postal Charge | 19 | 13 | 4 | 36
Postal Charge (Alt Offence) | 2 | 3 | 1 | 6
Susp ID: No Victim Support | 233 | 438 | 360 | 1,031
Susp ID: Not in public interest | 19 | 31 | 16 | 66
Susp ID: Oth Evidential Difficulty | 214 | 372 | 309 | 895
Susp ID: Susp too Ill | 0 | 1 | 2 | 3
Susp ID: Vict Evidential Difficulty | 22 | 65 | 40 | 127
Youth Caution (Alt Offence) | 1 | 0 | 0 | 1
Grand Total | 1,054 | 2,204 | 1,841 | 5,099
"""

# Table 4: Platform | 2017 | 2018 | 2019* | Grand Total
CYBER_T4 = """
Facebook | 659 | 1,214 | 927 | 2,800
Instagram | 180 | 474 | 465 | 1,119
Online | 61 | 173 | 135 | 369
Snapchat | 134 | 300 | 287 | 721
Twitter | 20 | 43 | 27 | 90
Grand Total | 1,054 | 2,204 | 1,841 | 5,099
"""

# foi-deepfake-crimes-incidents, tables 1-3 (labels split over two lines in the PDF joined).
DEEPFAKE_CRIMES_T1 = """
2021 | 1
2022 | 1
2023 | 5
2024 | 1
Total | 8
"""

DEEPFAKE_INCIDENTS_T1 = """
2023 | 1
2024 | 1
Total | 2
"""

# Offence | 2021 | 2022 | 2023 | 2024 | Total
DEEPFAKE_CRIMES_T2 = """
Blackmail | 1 | 0 | 2 | 0 | 3
Harassment | 0 | 1 | 2 | 0 | 3
Harassment - Stalking involving serious alarm/distress | 0 | 0 | 0 | 1 | 1
Sending letters etc with intent to cause distress or anxiety | 0 | 0 | 1 | 0 | 1
Total | 1 | 1 | 5 | 1 | 8
"""

# Incident Category | 2023 | 2024 | Total
DEEPFAKE_INCIDENTS_T2 = """
CRIME - Stalking and Harassment | 1 | 0 | 1
PSW - Domestic Incident | 0 | 1 | 1
Total | 1 | 1 | 2
"""

# Outcome Description and Offence Title | 2021 | 2022 | 2023 | 2024 | Total
# An offence line is followed by its outcome lines, which start with "> ". The empty 2021
# cell of "Sending letters ..." in the PDF is a 0.
DEEPFAKE_CRIMES_T3 = """
Blackmail | 1 | 0 | 2 | 0 | 3
> Investigation Complete: No suspect identified | 0 | 0 | 2 | 0 | 2
> Named Suspect identified: evidential difficulties prevent further action (no victim support) | 1 | 0 | 0 | 0 | 1
Harassment | 0 | 1 | 2 | 0 | 3
> Investigation Complete: No suspect identified | 0 | 1 | 2 | 0 | 3
Harassment - Stalking involving serious alarm/distress | 0 | 0 | 0 | 1 | 1
> Not Recorded | 0 | 0 | 0 | 1 | 1
Sending letters etc with intent to cause distress or anxiety | 0 | 0 | 1 | 0 | 1
> Investigation Complete: No suspect identified | 0 | 0 | 1 | 0 | 1
Total | 1 | 1 | 5 | 1 | 8
"""

# report-online-child-sexual-abuse-extract, paragraph 91:
# Year | No. CEOP Referrals | Average | Shortest | Longest   (days received -> actioned)
CEOP_TABLE = """
2013 (Jan to Dec) | 161 | 5 | 1 | 46
2014 (Jan to Dec) | 107 | 2 | 1 | 18
2015 (Jan to Dec) | 190 | 3 | 1 | 43
2016 (Jan to Dec) | 205 | 3 | 1 | 41
2017 (Jan to Sep) | 242 | 2 | 1 | 76
"""


def parse_table(text):
    """Rows of a typed table: [label, int, int, ...]; "1,054" -> 1054, "" -> 0."""
    rows = []
    for line in text.strip("\n").split("\n"):
        cells = [c.strip() for c in line.split(" | ")]
        rows.append([cells[0]] + [int(c.replace(",", "")) if c else 0 for c in cells[1:]])
    return rows


# ---------------------------------------------------------------------------------------------
# Shared helpers: dates, invented people and places.
# ---------------------------------------------------------------------------------------------

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
# Weight of each hour of the day for a recorded crime or an incident (quiet at night).
HOUR_WEIGHTS = [3, 2, 2, 1, 1, 1, 2, 3, 5, 6, 7, 7, 7, 7, 7, 8, 8, 9, 9, 9, 8, 7, 5, 4]


def uk_datetime(d):
    return "%02d/%02d/%04d %02d:%02d" % (d.day, d.month, d.year, d.hour, d.minute)


def uk_date(d):
    return "%02d/%02d/%04d" % (d.day, d.month, d.year)


def incident_datetime(d):
    return "%02d-%s-%04d %02d:%02d" % (d.day, MONTHS[d.month - 1], d.year, d.hour, d.minute)


def random_datetime(r, first, last):
    """A minute between first and last (dates, inclusive) at a plausible time of day."""
    day = first + dt.timedelta(days=r.randrange((last - first).days + 1))
    hour = r.choices(range(24), HOUR_WEIGHTS)[0]
    return dt.datetime(day.year, day.month, day.day, hour, r.randrange(60))


FIRST_NAMES = [
    "Aaliyah", "Aaron", "Abdul", "Adebayo", "Aisha", "Amelia", "Amir", "Ava", "Bartosz",
    "Bethany", "Callum", "Chantelle", "Chloe", "Connor", "Daniel", "Darnell", "Deniz", "Ellie",
    "Emeka", "Fatima", "Gurpreet", "Hannah", "Harjit", "Imran", "Jade", "Jamal", "Jasmine",
    "Kacper", "Kai", "Kelly", "Kieran", "Leah", "Liam", "Lily", "Marcus", "Maryam", "Mohammed",
    "Nadia", "Niamh", "Olivia", "Omar", "Oskar", "Priya", "Reece", "Rhys", "Ruby", "Ryan",
    "Samir", "Sian", "Sophie", "Tariq", "Tyler", "Usman", "Wiktoria", "Yasmin", "Zain",
]
SURNAMES = [
    "AHMED", "ALI", "BAKER", "BEGUM", "BRENNAN", "CARTER", "CHAUHAN", "CLARKE", "COOPER",
    "DAVIES", "EDWARDS", "EVANS", "FLETCHER", "GREEN", "HALL", "HUSSAIN", "JACKSON", "JOHAL",
    "KAUR", "KHAN", "KOWALSKI", "LEWIS", "MAHMOOD", "MARSH", "MORRIS", "NOWAK", "O'NEILL",
    "OKAFOR", "PATEL", "PRICE", "REID", "ROBERTS", "SANDHU", "SHAH", "SINGH", "SMITH",
    "TAYLOR", "THOMPSON", "TURNER", "WALKER", "WARD", "WILLIAMS", "WRIGHT", "YOUNG",
]
STREETS = [
    "Coventry Road", "Soho Road", "Stratford Road", "Hagley Road", "Bristol Road", "Walsall Road",
    "Dudley Road", "Alum Rock Road", "Lichfield Street", "High Street", "Church Lane",
    "Station Road", "Meadow Way", "Hawthorn Road", "Linden Avenue", "Larch Croft",
    "Ladypool Road", "Chester Road", "Kingstanding Road", "Pershore Road", "Warwick Road",
    "Foleshill Road", "Bilston Road", "Birmingham New Road", "Green Lane", "Victoria Street",
]
PLACES = [
    "the Bullring", "New Street station", "Merry Hill", "the Mailbox", "Sutton Park",
    "Cannon Hill Park", "the Fort shopping park", "Walsall bus station",
    "Wolverhampton railway station", "Broad Street", "the Hub, Hockley",
    "a McDonald's on the Hagley Road",
    "Coventry Pool Meadow bus station", "Dudley Zoo car park", "a Tesco car park in Erdington",
]
SHOPS = ["Tesco Express", "Co-op", "Boots", "Lidl", "B&M", "Primark", "Superdrug", "Aldi",
         "Sainsbury's Local", "JD Sports", "Home Bargains", "Poundland"]
OUTWARD = ["B6", "B8", "B10", "B11", "B12", "B13", "B14", "B19", "B20", "B21", "B23", "B24",
           "B27", "B29", "B30", "B31", "B33", "B34", "B36", "B37", "B42", "B44", "B66", "B67",
           "B69", "B70", "B71", "B90", "B91", "B92", "WV1", "WV2", "WV4", "WV6", "WV10",
           "WV11", "WV14", "WS1", "WS2", "WS3", "WS5", "WS10", "DY1", "DY2", "DY4", "DY5",
           "DY8", "CV1", "CV2", "CV3", "CV4", "CV6"]
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
CARS = ["silver Ford Focus", "black VW Golf", "white Vauxhall Corsa", "grey BMW 3 Series",
        "red Seat Ibiza", "blue Toyota Yaris", "black Audi A3", "white Ford Transit van"]
ITEMS = ["iPhone 13", "Samsung Galaxy S21", "PS5", "Xbox Series X", "MacBook Air",
         "pair of Nike Air Max", "Rolex-style watch", "electric scooter", "gold chain",
         "designer handbag", "mountain bike", "Canon DSLR camera", "set of alloy wheels"]
PAY_METHODS = ["PayPal", "bank transfer", "Bitcoin", "Amazon gift cards", "iTunes vouchers",
               "Western Union", "a Monzo account", "Steam cards"]
MESSAGE_QUOTES = [
    "you're dead when I see you", "watch your back", "I know where you live",
    "everyone will know what you are", "you'll regret this", "I'm outside your house",
    "you're nothing without me", "answer the phone or else", "answer me, or I'm coming round",
    "I'll burn your car out", "you've got till Friday", "I'll make sure you lose your job",
    "tell your brother he's next", "snitches get stitches",
]


def person(r):
    return r.choice(FIRST_NAMES), r.choice(SURNAMES)


def full_name(r):
    first, last = person(r)
    return "%s %s" % (first, last)


def phone(r):
    return "07700 900%03d" % r.randrange(1000)


def email(r, first=None, last=None):
    if first is None:
        first, last = person(r)
    local = re.sub(r"[^a-z]", "", first.lower()) + r.choice([".", "_", ""]) + \
        re.sub(r"[^a-z]", "", last.lower())
    if r.random() < 0.6:
        local += str(r.randrange(70, 100))
    return local + "@" + r.choice(["example.com", "example.org", "example.net"])


def handle(r, first=None):
    if first is None:
        first = r.choice(FIRST_NAMES)
    base = re.sub(r"[^a-z]", "", first.lower())
    tail = r.choice(["_x", ".official", "_brum", "xo", "_%d" % r.randrange(1, 99),
                     ".%d" % r.randrange(2000, 2010), "_wm", "99", "_real"])
    return "@" + base + tail


def postcode(r):
    return "%s %d%s%s" % (r.choice(OUTWARD), r.randrange(10), r.choice(INWARD_LETTERS),
                          r.choice(INWARD_LETTERS))


def address(r):
    return "%d %s, %s" % (r.randrange(1, 240), r.choice(STREETS), postcode(r))


def money(r, low, high):
    """An amount in pounds, sometimes with pence, e.g. '£1,250' or '£86.40'."""
    pounds = r.randrange(low, high)
    if pounds >= 100:
        pounds = pounds // 10 * 10
    text = "£{:,}".format(pounds)
    if pounds < 200 and r.random() < 0.4:
        text += ".%02d" % r.randrange(100)
    return text


def clock(r):
    return "%02d:%02d" % (r.randrange(24), r.randrange(60))


# ---------------------------------------------------------------------------------------------
# crimes.csv
# ---------------------------------------------------------------------------------------------

BAND_BLANK, BAND_CHILD, BAND_1718, BAND_ADULT = "Blank", "16 and Under", "17/18", "19 and Over"
BANDS = [BAND_BLANK, BAND_CHILD, BAND_1718, BAND_ADULT]


def age_rule(offence):
    """What an offence title says about the victim's age: a rule name used by victim_age()."""
    o = offence
    if re.search(r"\bU13\b|Under 13", o):
        return "u13"
    if "13-17" in o:
        return "13-17"
    if "13-15" in o:
        return "13-15"
    if "Young Person" in o:
        return "young"
    if re.search(r"\bU16\b", o):
        return "u16"
    if "Child" in o:
        return "child"
    if "13+" in o or "13 Or Over" in o:
        return "13+"
    if "16+" in o or "16 Or Over" in o:
        return "16+"
    if "Mental Patient" in o:
        return "adult-ish"
    return "any"


# The bands (besides Blank, always possible) each rule allows.
RULE_BANDS = {
    "u13": [BAND_CHILD], "13-15": [BAND_CHILD], "u16": [BAND_CHILD], "young": [BAND_CHILD],
    "child": [BAND_CHILD], "13-17": [BAND_CHILD, BAND_1718],
    "13+": [BAND_CHILD, BAND_1718, BAND_ADULT], "16+": [BAND_CHILD, BAND_1718, BAND_ADULT],
    "adult-ish": [BAND_1718, BAND_ADULT], "any": [BAND_CHILD, BAND_1718, BAND_ADULT],
}


def victim_age(r, offence, band):
    """A Victim Age value (text) in band that fits the offence title."""
    if band == BAND_BLANK:
        return ""
    if band == BAND_1718:
        return str(r.choice([17, 18]))
    if band == BAND_ADULT:
        return str(min(19 + int(r.expovariate(1 / 13.0)), 86))
    rule = age_rule(offence)
    low, high = {"u13": (7, 12), "13-15": (13, 15), "u16": (12, 15), "young": (4, 15),
                 "child": (9, 15), "13-17": (13, 16), "13+": (13, 16), "16+": (16, 16)
                 }.get(rule, (11, 16))
    if rule == "any":
        return str(r.choices(range(11, 17), [1, 2, 4, 6, 7, 7])[0])
    return str(r.randint(low, high))


def assign_bands(r, offences, band_counts):
    """A band for each offence (index-aligned) using exactly band_counts of each band and
    only bands the offence allows; most constrained offences are placed first."""
    for _ in range(200):
        left = dict(band_counts)
        order = list(range(len(offences)))
        r.shuffle(order)
        order.sort(key=lambda i: len(RULE_BANDS[age_rule(offences[i])]))
        bands = [None] * len(offences)
        ok = True
        for i in order:
            allowed = [b for b in [BAND_BLANK] + RULE_BANDS[age_rule(offences[i])] if left[b] > 0]
            if not allowed:
                ok = False
                break
            # Blank is the least likely choice for a child-specific offence.
            weights = [left[b] * (0.3 if b == BAND_BLANK else 1.0) for b in allowed]
            b = r.choices(allowed, weights)[0]
            bands[i] = b
            left[b] -= 1
        if ok:
            return bands
    raise SystemExit("generate.py: cannot fit victim age bands to offences")


def category(offence):
    """The kind of MO note that suits an offence title."""
    o = offence.lower()
    if "blackmail" in o:
        return "blackmail"
    if "private sexual" in o:
        return "intimate"
    if "traffick" in o or "exploitation" in o:
        return "exploitation"
    if re.search(r"child|u13|u16|under 13|young person|grooming|indec photo|indecent photo|"
                 r"prostitution", o):
        return "child"
    if re.search(r"rape|sexual|voyeurism|exposure|penetration", o):
        return "sexual"
    if re.search(r"harass|stalk|send communication|sending letters|breach of|threat|fear|"
                 r"intimidate|controlling|publish|witness", o):
        return "harassment"
    if "robbery" in o:
        return "robbery"
    if re.search(r"assault|gbh|wounding|noxious|kidnap|imprison|f/arm|blade|weapon", o):
        return "violence"
    if "burglary" in o:
        return "burglary"
    if "shoplifting" in o:
        return "shoplifting"
    if "motor vehicle" in o or "vehicle" in o:
        return "vehicle"
    if "damage" in o or "arson" in o:
        return "damage"
    if "computer misuse" in o:
        return "hacking"
    if "counterfeit" in o:
        return "counterfeit"
    if "insurance" in o:
        return "insurance"
    if "make off" in o:
        return "make off"
    if "fraud" in o:
        return "fraud"
    if "cannabis" in o or "drug" in o or "possession of" in o:
        return "drugs"
    if "theft" in o or "p/cycle" in o:
        return "theft"
    if "public order" in o:
        return "harassment"
    return "theft"


def via(r, platform):
    if platform == "Online":
        return r.choice(["online", "via a website", "on an online forum",
                         "through an online gaming chat", "via an online dating site"])
    if platform == "":
        return r.choice(["by text message", "by phone"])
    return r.choice(["on ", "via ", "over "]) + platform


def note_core(r, cat, rec):
    """One or two sentences of MO for a crime of category cat (rec: the crime's fields).
    Crimes without a platform get offline wording only."""
    p = rec["platform"]
    online = p != ""
    v = via(r, p)
    age = rec["age"] or str(r.randint(12, 15))
    name = full_name(r)
    t1, t2 = sorted([clock(r), clock(r)])
    offence = rec["offence"]
    if cat == "blackmail":
        return r.choice([
            "IP (aged %s) was contacted %s by a profile calling itself '%s'. After chatting for "
            "%d days the profile persuaded IP to send images. Suspect then demanded %s via %s or "
            "the images would be sent to IP's friends and family. IP paid %s before reporting."
            % (rec["age"] or "unknown", v, r.choice(["Sophie", "Anna", "Jess", "Kate_x"]),
               r.randint(1, 9), money(r, 100, 3000), r.choice(PAY_METHODS), money(r, 50, 500)),
            "Victim states an unknown male %s has threatened to share a video of him unless he "
            "pays %s. Demands received at %s and %s, latest message reads \"pay now or "
            "everyone sees it\". Account %s since deactivated." % (v, money(r, 200, 5000), t1,
                                                                     t2, handle(r)),
            "Ex-partner %s is demanding %s and states 'I will send the pics to your mum'. "
            "Messages %s between %s and %s hrs." % (name, money(r, 100, 2000), v, t1, t2),
            "Suspect threatened %s to tell IP's wife about an affair unless IP transferred %s "
            "by %s. IP has paid nothing, screenshots obtained." % (v, money(r, 500, 9000), t1),
        ])
    if cat == "intimate":
        return r.choice([
            "Ex-partner %s has posted intimate photographs of IP %s following the end of their "
            "relationship. The post was seen by approx %d people before it was removed at %s."
            % (name, v, r.randint(5, 400), t1),
            "IP's private sexual images were shared to a group chat %s by the suspect after an "
            "argument at %s hrs. Screenshots supplied by friend %s; platform asked to remove "
            "content." % (v, t1, full_name(r)),
            "Suspect (ex-boyfriend) created a profile in IP's name %s and uploaded private "
            "images of her, with the caption \"%s\"." % (v, r.choice(MESSAGE_QUOTES)),
        ])
    if cat == "child":
        return r.choice([
            "Mother of IP (aged %s) reports that IP has been contacted %s by an adult male "
            "claiming to be %d. Conversation became sexual and suspect requested images. "
            "Devices seized: 1 x iPhone, 1 x tablet. Referral to MASH completed at %s."
            % (age, v, r.randint(14, 17), t1),
            "School DSL reports that IP (%s) disclosed being asked for images %s by a person "
            "using the handle %s. IP sent %d image(s). Safeguarding in place, parents informed."
            % (age, v, handle(r), r.randint(1, 6)),
            "Intelligence package: account %s %s linked to the upload of %d indecent images "
            "between %s and %s. Subscriber checks return to an address in %s; warrant "
            "applied for." % (handle(r), v, r.randint(2, 60), t1, t2, postcode(r)),
            "Suspect groomed IP (aged %s) %s over %d weeks and arranged to meet at %s. Meeting "
            "intercepted by officers at %s hrs, suspect arrested." % (age, v, r.randint(2, 12),
                                                                     r.choice(PLACES), t1),
            "IP (%s) was persuaded %s to take part in a video call by a user calling himself "
            "'%s'. The call was recorded. CSE risk assessment: HIGH." % (
                age, v, r.choice(["Jay", "Tom16", "Danny", "Kyle_x"])),
        ])
    if cat == "sexual":
        return r.choice([
            "IP met the suspect %s (profile name '%s') and agreed to meet at %s. IP reports "
            "being sexually assaulted later that evening at an address in %s. ABE interview "
            "arranged, SARC referral made." % (v, r.choice(["Dan", "Jon_B", "Mo"]),
                                              r.choice(PLACES), postcode(r)),
            "IP reports that a man she had been messaging %s assaulted her at his flat on %s "
            "at approx %s hrs. IP did not consent. Forensic medical examination completed."
            % (v, r.choice(STREETS), t1),
            "Suspect recorded IP without her knowledge and shared the footage %s. IP found "
            "out from a friend at %s." % (v, t1),
        ])
    if cat == "exploitation":
        return ("Intelligence suggests IP was recruited %s with the promise of work and taken "
                "from %s to %s. IP's passport retained by the suspect %s. NRM referral "
                "submitted." % (v, r.choice(["Bradford", "Leicester", "London"]),
                                r.choice(["Walsall", "Birmingham", "Coventry"]), name))
    if cat == "harassment":
        code = "8Q" if "Stalking" in offence else r.choice(["8L", "8L", "195/94"])
        quote = r.choice(MESSAGE_QUOTES)
        if offence.startswith("Breach Of"):
            order = ("non-molestation order" if "Molestation" in offence else
                     "restraining order" if "Restraining" in offence else "injunction")
            return ("Suspect %s is subject of %s %s granted at %s court on %s prohibiting "
                    "contact. Suspect has messaged IP %s %d times, latest at %s: '%s'."
                    % (name, "an" if order[0] in "aeiou" else "a", order,
                       r.choice(["Birmingham", "Wolverhampton", "Coventry", "Walsall",
                                 "Dudley"]),
                       uk_date(rec["date"] - dt.timedelta(days=r.randint(30, 700))), v,
                       r.randint(2, 40), t2, quote))
        if "False Information" in offence:
            return ("Suspect %s has sent messages %s to IP's employer and family falsely "
                    "claiming that IP %s. IP has been suspended from work pending enquiries."
                    % (name, v, r.choice(["is stealing from the company", "has a criminal "
                                          "record", "is a drug dealer"])))
        if "Damage" in offence or "Threats To Kill" in offence:
            quote = r.choice(["I'll burn your car out", "I'll put your windows through",
                              "you're dead when I see you", "I'll stab you, I swear down"])
        choices = [
            "Suspect %s (%s) has sent IP %d messages %s since %s, including \"%s\". IP has "
            "blocked the suspect but the messages keep coming from new numbers."
            % (name, r.choice(["ex-partner", "former friend", "neighbour", "ex-colleague"]),
               r.randint(5, 300), v, uk_date(rec["date"] - dt.timedelta(days=r.randint(3, 60))),
               quote),
            "IP reports receiving threatening messages %s from %s: '%s'. Messages received "
            "between %s and %s hrs. IP is in fear of violence. Crimed as %s."
            % (v, handle(r) if online else phone(r), quote, t1, t2, code),
        ]
        if online:
            choices += [
                "Ongoing dispute between neighbours has moved online. Suspect has posted IP's "
                "address (%s) %s with the caption \"%s\"." % (address(r), v, quote),
                "Suspect %s has set up %d fake profiles %s to contact IP after being blocked; "
                "latest message at %s reads '%s'. IP is scared to leave the house."
                % (name, r.randint(2, 9), v, t2, quote),
            ]
        else:
            choices.append(
                "Suspect %s has turned up at IP's workplace on %d occasions and shouted \"%s\" "
                "at IP in front of customers, latest at %s hrs." % (name, r.randint(2, 6),
                                                                    quote, t2))
        return r.choice(choices)
    if cat == "robbery":
        item = r.choice(ITEMS)
        if online:
            return ("IP arranged to sell a %s for %s %s. On meeting the buyer at %s at %s hrs "
                    "the buyer grabbed the %s and ran; IP was pushed to the floor."
                    % (item, money(r, 80, 1500), v, r.choice(PLACES), t1, item.split()[-1]))
        return ("IP was approached at %s at %s hrs by two males who demanded IP's phone and "
                "wallet, saying \"give it here or you're getting stabbed\". %s cash and a %s "
                "taken. Suspects left on foot." % (r.choice(PLACES), t1, money(r, 10, 300),
                                                   r.choice(ITEMS)))
    if cat == "violence":
        code = "105A" if "Common" in offence else "8N"
        choices = [
            "Following an argument %s, suspect %s attended IP's address at %s and assaulted "
            "IP, causing bruising to the face and arm. %s. Suspect left in a %s."
            % (v, name, r.choice(STREETS), code, r.choice(CARS)),
            "IP was approached by two males at %s at %s hrs who said \"you know what this is "
            "for\" and punched IP to the ground. %s." % (r.choice(PLACES), t1, code),
        ]
        if online:
            choices.append(
                "Fight arranged %s between two groups. At approx %s hrs at %s IP was punched "
                "several times, causing a fractured cheekbone. Crimed as %s. Video of the "
                "assault later posted %s." % (v, t1, r.choice(PLACES), code, v))
        else:
            choices.append(
                "Domestic: IP's partner %s grabbed IP by the throat during an argument at %s "
                "hrs, leaving red marks. Children present. %s, DASH: MEDIUM." % (name, t1, code))
        return r.choice(choices)
    if cat == "burglary":
        return ("MO: entry forced via rear UPVC door using a screwdriver.\r\nPROPERTY: %s, "
                "%s and cash, total value approx %s.\r\nOccupants away between %s and %s. "
                "Untidy search of all rooms." % (r.choice(ITEMS), r.choice(ITEMS),
                                                 money(r, 300, 9000), t1, t2))
    if cat == "shoplifting":
        return ("Male entered %s at %s hrs and selected %d items of %s (total %s), concealed "
                "them in a bag and left without paying. CCTV available, staff member %s to "
                "provide statement." % (r.choice(SHOPS), t1, r.randint(2, 30),
                                        r.choice(["meat", "razors", "alcohol", "baby milk",
                                                  "fragrances", "clothing"]),
                                        money(r, 20, 400), full_name(r)))
    if cat == "vehicle":
        if "Theft Of Motor Vehicle" in offence:
            return ("%s taken from outside %s overnight. Both keys still with the owner, "
                    "possible relay theft. Tracker activated at %s." % (
                        r.choice(CARS).capitalize(), address(r), t2))
        return ("Vehicle (%s) parked on %s overnight. Offside rear window smashed and %s taken. "
                "Value %s. No CCTV, house-to-house negative." % (r.choice(CARS),
                                                                 r.choice(STREETS),
                                                                 r.choice(ITEMS),
                                                                 money(r, 100, 3000)))
    if cat == "damage":
        return ("Suspect kicked the front door of %s, cracking the glass panel; estimated "
                "cost %s. Occurred after an argument %s earlier that evening at %s."
                % (address(r), money(r, 60, 900), v, t1))
    if cat == "fraud":
        if online:
            return r.choice([
                "IP sold a %s %s for %s. Buyer collected the item but the payment e-mail was "
                "not from PayPal and no money arrived." % (r.choice(ITEMS), v,
                                                           money(r, 80, 1500)),
                "IP paid %s by bank transfer for a %s advertised %s. Seller then blocked IP. "
                "Account ending %04d flagged to the bank." % (
                    money(r, 80, 1500), r.choice(ITEMS), v, r.randrange(10000)),
            ])
        return ("IP received a call at %s from a male claiming to be from the bank's fraud "
                "team and transferred %s to a 'safe account'. Bank informed at %s." % (
                    t1, money(r, 500, 25000), t2))
    if cat == "counterfeit":
        return ("Counterfeit £20 note passed at %s at %s hrs to buy a £%d.%02d item; note "
                "retained and seized, staff member %s to give a statement."
                % (r.choice(SHOPS), t1, r.randint(1, 9), r.randrange(100), full_name(r)))
    if cat == "insurance":
        return ("Insurer reports a claim for a stolen %s (%s); photographs posted %s show the "
                "item in the claimant's possession after the claim date." % (
                    r.choice(ITEMS), money(r, 300, 3000), v))
    if cat == "make off":
        return ("Two males filled up with %s of fuel at the Esso on %s at %s and drove off "
                "without paying in a %s. Partial reg obtained." % (
                    money(r, 40, 120), r.choice(STREETS), t1, r.choice(CARS)))
    if cat == "hacking":
        return ("IP's %s account was taken over at approx %s hrs after IP clicked a link in a "
                "message from a friend's account. Suspect changed the e-mail and phone, then "
                "asked IP's contacts for money (%s)." % (p or "e-mail", t1, money(r, 50, 600)))
    if cat == "drugs":
        return ("Stop search on %s at %s hrs. Male found in possession of %d wraps of cannabis "
                "(approx %dg) and %s cash. Street bail." % (r.choice(STREETS), t1,
                                                           r.randint(1, 12), r.randint(2, 40),
                                                           money(r, 20, 900)))
    # theft
    if "P/Cycle" in offence:
        return "Bicycle (%s) taken from outside %s between %s and %s. Lock cut." % (
            r.choice(["Carrera", "Boardman", "Specialized", "Raleigh"]), r.choice(SHOPS), t1,
            t2)
    if "Employee" in offence:
        return ("Manager at %s reports that a member of staff has taken %s from the till over "
                "%d shifts; seen on CCTV at %s." % (r.choice(SHOPS), money(r, 100, 3000),
                                                   r.randint(2, 12), t1))
    return r.choice([
        "IP left a %s unattended at %s at approx %s hrs; when IP returned it had gone. %s"
        % (r.choice(ITEMS), r.choice(PLACES), t1,
           "Item later seen for sale %s." % v if online else "No CCTV."),
        "Lodger %s has taken %s in cash and a %s from IP's bedroom while IP was at work "
        "between %s and %s." % (name, money(r, 50, 2000), r.choice(ITEMS), t1, t2),
    ])


def note_extras(r, rec):
    extras = [
        "IP contact: %s." % phone(r),
        "E-mail: %s." % email(r),
        "IP home address: %s." % address(r),
        "Screenshots obtained and attached to the crime.",
        "Victim Code of Practice leaflet given.",
        "CAD log %d of %s." % (r.randint(1, 4999), uk_date(rec["date"])),
        "OIC PC %d %s." % (r.randint(1000, 23999), r.choice(SURNAMES)),
        "Suspect circulated on PNC as wanted.",
        "IP does not support police action at this time.",
        "House-to-house completed, negative.",
        "Suspect believed to be %s, DOB %s." % (
            full_name(r), uk_date(dt.date(r.randint(1965, 2005), r.randint(1, 12),
                                          r.randint(1, 28)))),
    ]
    return r.sample(extras, r.choice([0, 1, 1, 2, 2, 3]))


def crime_note(r, rec):
    """An MO note of 50-600 characters: quotes, commas, £, times, codes, line breaks."""
    parts = [note_core(r, category(rec["offence"]), rec)] + note_extras(r, rec)
    while True:
        sep = r.choices([" ", "\r\n", "\n"], [6, 3, 1])[0]
        text = sep.join(parts)
        if len(text) <= 600 or len(parts) == 1:
            break
        parts.pop()
    if r.random() < 0.15:
        text = text.upper()
    return text[:600]


# The short outcome texts of 2016-2019 (those of the cyber seed, weighted by its totals) and
# the long ones in use from 2020.
SHORT_OUTCOMES = [row[0] for row in parse_table(CYBER_T3)[:-1] if row[0] != "(blank)"]
SHORT_OUTCOME_WEIGHTS = [row[-1] for row in parse_table(CYBER_T3)[:-1] if row[0] != "(blank)"]
LONG_OUTCOMES = [
    ("Investigation Complete: No suspect identified", 35),
    ("Named Suspect identified: evidential difficulties prevent further action "
     "(no victim support)", 24),
    ("Named Suspect identified: evidential difficulties prevent further action "
     "(victim supports)", 12),
    ("Charge/Summons", 9),
    ("Caution - Adult", 2),
    ("Community Resolution", 4),
    ("Further investigation to support formal action not in the public interest", 2),
    ("Responsibility for further investigation transferred to another body", 2),
    ("Not Recorded", 3),
]


def outcome_for(r, when):
    """An outcome for a crime recorded at when; recent crimes are often still open (blank)."""
    if when >= dt.datetime(2024, 1, 1) and r.random() < 0.35:
        return ""
    if when >= dt.datetime(2020, 1, 1):
        return r.choices([o for o, _ in LONG_OUTCOMES], [w for _, w in LONG_OUTCOMES])[0]
    if when >= dt.datetime(2019, 8, 1) and r.random() < 0.2:
        return ""
    return r.choices(SHORT_OUTCOMES, SHORT_OUTCOME_WEIGHTS)[0]


# Offences recorded without the internet marker (all years).
PLAIN_OFFENCES = [
    ("Shoplifting", 14), ("Theft From Motor Vehicle", 9), ("Theft Of Motor Vehicle", 5),
    ("Burglary Dwelling", 8), ("Burglary Business And Community", 3), ("Common Assault", 12),
    ("Assault Occasion ABH", 9), ("Other Criminal Damage", 6), ("Criminal Damage To Vehicle", 6),
    ("Criminal Damage To Dwelling", 3), ("Robbery-Personal Property", 4), ("Theft Other", 7),
    ("Possession Of Cannabis", 4), ("Harassment", 4), ("Make Off W/O Payment", 2),
    ("Theft Of P/Cycle", 3), ("Public Order S4A", 2), ("Breach Of Non-Molestation Order", 2),
    ("Arson Not Endangering Life", 1), ("Fraud By False Representation", 2),
]
# Offences seen with the internet marker from 2020 on besides those of the cyber seed.
NEW_IE_OFFENCES = [
    ("Sending letters etc with intent to cause distress or anxiety", 60),
    ("Harassment - Stalking involving serious alarm/distress", 25),
    ("Fraud By False Representation", 30),
    ("Computer Misuse - Unauthorised Access To Computer Material", 10),
]
IE_PLATFORMS_LATER = [("Facebook", 30), ("Instagram", 22), ("Snapchat", 20), ("WhatsApp", 12),
                      ("TikTok", 8), ("Twitter", 3), ("Online", 6)]
# Two offences recorded under one crime reference (non-internet, never deepfake).
SHARED_REFERENCE_PAIRS = [
    ("Common Assault", "Other Criminal Damage"),
    ("Assault Occasion ABH", "Criminal Damage To Dwelling"),
    ("Robbery-Personal Property", "Assault Occasion ABH"),
    ("Theft From Motor Vehicle", "Criminal Damage To Vehicle"),
    ("Possession Of Cannabis", "Possess Offensive Weapon In A Public Place"),
    ("Burglary Dwelling", "Theft Of Motor Vehicle"),
]

# The crimes whose notes mention deepfakes in the FOI window, as the seed describes them
# (notes #1-#8), written out as the unredacted originals with invented personal data.
# Spellings vary on purpose; each must be found by  deepfake* OR "deep fake*".
DEEPFAKE_CRIMES = [
    dict(recorded=dt.datetime(2021, 5, 17, 21, 14), committed=dt.datetime(2021, 5, 15),
         offence="Blackmail", age="17", platform="Snapchat",
         outcome="Named Suspect identified: evidential difficulties prevent further action "
                 "(no victim support)",
         summary="Victim Callum BRENNAN (DOB 03/04/2004) reports via the online form: \"I was "
                 "talking to a girl called Sophie on Snapchat (@sophie.xo_2k). They wanted to "
                 "trade pics and they created a deep fake naked picture of me. They threated to "
                 "post on internet if i didn't send money.\" Demand was £300 by PayPal to "
                 "sophiexo2k@example.com by 23:00. Victim contact 07700 900461, home address "
                 "14 Larch Croft, B37 5QT."),
    dict(recorded=dt.datetime(2022, 3, 9, 16, 2), committed=dt.datetime(2022, 3, 6),
         offence="Harassment", age="23", platform="TikTok",
         outcome="Investigation Complete: No suspect identified",
         summary="Caller Priya MISTRY has received video and stills of her face edited on a "
                 "naked unknown body, sent from TikTok account @brum.gossip22 and from mobile "
                 "07700 900218. And posting it on social media platforms. This is a new craze "
                 "called DEEP FAKE. Caller thinks it may be former colleague Jordan WEBB. "
                 "Caller contact priya.mistry99@example.com, 7 Soho Road, B21 9RS."),
    dict(recorded=dt.datetime(2023, 4, 11, 10, 37), committed=None,
         offence="Harassment", age="34", platform="Instagram",
         outcome="Investigation Complete: No suspect identified",
         summary="Caller is receiving images and captions from a fake account @westmids.exposed "
                 "on Instagram. By unknown offenders. Images are of caller Daniel OKORO and his "
                 "partner Marcus HALE, which is called deep-fake, whereby images of the victims "
                 "are placed on other images.\r\nAlso, has received images of Marcus HALE with "
                 "homophobic comments. Caller has received approx. 40 images within 3 days from "
                 "@danny.k.real, which is also fake. Caller: 07700 900733, d.okoro@example.com, "
                 "31 Linden Avenue, WS2 8PL."),
    dict(recorded=dt.datetime(2023, 4, 11, 11, 5), committed=None,
         offence="Sending letters etc with intent to cause distress or anxiety", age="31",
         platform="Instagram", outcome="Investigation Complete: No suspect identified",
         summary="Caller is receiving images and captions from a fake account @westmids.exposed "
                 "on Instagram. By unknown offenders. Images are of Marcus HALE and Daniel "
                 "OKORO. Which is called DEEP\nFAKE, whereby images of the victims are placed on "
                 "other images. Also, has received images of Daniel OKORO with homophobic "
                 "comments. Caller has received approx. 25 images within 48 hrs from "
                 "@danny.k.real, which is also fake. Caller: Marcus HALE, 07700 900734, "
                 "marcus.hale@example.org, WS2 8PL."),
    dict(recorded=dt.datetime(2023, 6, 22, 20, 48), committed=dt.datetime(2023, 6, 22),
         offence="Blackmail", age="27", platform="Instagram",
         outcome="Investigation Complete: No suspect identified", reference="CR-2023-5002",
         summary="Victim has received a message on Instagram from an unknown person, "
                 "@kelsey.cryptoqueen91, attached has been a \"deep fake\" video of the victim, "
                 "Aaron BLAKE (DOB 17/09/1995). Suspect has informed the victim that if he does "
                 "not pay £1,500 in Bitcoin by 21:00 tonight, the videos would be made public. "
                 "The victim has received messages from +44 7700 900882 on WhatsApp as well. "
                 "Victim mobile 07700 900154, email a.blake95@example.com, lives B30 2HX."),
    dict(recorded=dt.datetime(2023, 8, 3, 9, 26), committed=dt.datetime(2023, 8, 2),
         offence="Blackmail", age="21", platform="Facebook",
         outcome="Investigation Complete: No suspect identified",
         summary="Victim Liam O'CONNOR (21) accepted a friend request on Facebook from 'Chloe "
                 "Marsh' at approx 22:30 hrs on 02/08/2023. This account then demanded £800 or "
                 "else they would send indecent pictures to contacts. They also said that they "
                 "would message his employer. The victim again refused to pay so they sent a "
                 "deepfake image to a couple of contacts, including his sister Niamh O'CONNOR."
                 "\nVictim: 07700 900390, liam.oconnor@example.net, 58 Church Lane, B66 3JT."),
    dict(recorded=dt.datetime(2023, 11, 28, 13, 51), committed=dt.datetime(2023, 11, 20),
         offence="Harassment", age="19", platform="Snapchat",
         outcome="Investigation Complete: No suspect identified",
         summary="Unknown offender has messaged the IP via Snapchat (user dark.angel.0x) and has "
                 "sent a photo of the offender's face with a 'deep fake' nude of IP Hannah WOODS "
                 "(DOB 09/02/2004).\r\nNo demands made or sexual comments. The same photo has "
                 "been posted onto forums by @brummie_watcher. The IP perceives the course of "
                 "conduct as harassment. IP contact 07700 900507 / hannah.woods04@example.com, "
                 "DY1 4RE."),
    dict(recorded=dt.datetime(2024, 2, 29, 18, 42), committed=dt.datetime(2024, 2, 26),
         offence="Harassment - Stalking involving serious alarm/distress", age="26",
         platform="WhatsApp", outcome="Not Recorded",
         summary="IP Jasmine KAUR has received phone calls, texts and voicemails along with "
                 "contact by email and social media from the offender, ex-partner Ryan FLETCHER "
                 "(DOB 11/11/1991). IP received 63 calls between 19:00 and 23:45 on 26/02/2024."
                 "\r\nIP received messages from other numbers (07700 900611, 07700 900612) "
                 "which appear to be Offender under the pretence of a friend. Offender is "
                 "abusive towards IP & has created Deepfakes of IP which he has sent to the IP "
                 "causing serious\r\ndistress. Offender r.fletcher91@example.com; IP WV6 0LN."),
]
# Deepfake mentions just outside the window (must not be counted): the first is one of the
# cyber seed's 2019 Blackmail crimes (its platform and outcome come from the seed's lists).
DEEPFAKE_CRIME_BEFORE = dict(
    recorded=dt.datetime(2019, 1, 31, 23, 10), offence="Blackmail",
    summary="Victim Tomasz NOWAK (DOB 30/06/1988) received a DeepFake video %s showing his "
            "face on an explicit clip. Unknown suspect (@lena_lovelyy) demands £250 in iTunes "
            "vouchers by 09:00 or the video goes to all his friends. Victim contact 07700 "
            "900299, tnowak88@example.com.")
DEEPFAKE_CRIME_AFTER = dict(
    recorded=dt.datetime(2024, 3, 1, 7, 55), committed=dt.datetime(2024, 2, 29),
    offence="Harassment", age="14", platform="Instagram", outcome="",
    summary="Caller reports that a classmate has made a deep fake image of her daughter Ruby "
            "TAYLOR (14) and shared it in the Instagram group 'yr10 gossip' (@yr10.gossip). "
            "School aware. Caller: Mrs Kelly TAYLOR, 07700 900318, kelly.taylor@example.org, "
            "B92 7LW.")


def crime_row(r, when, offence, outcome, age, platform, ie, committed="auto", summary=None):
    rec = dict(date=when, offence=offence, outcome=outcome, age=age, platform=platform, ie=ie)
    if committed == "auto":
        if r.random() < 0.08:
            committed = None
        else:
            back = r.choice([0, 0, 0, 1, 1, 2, 3, 4, 6, 9, 14, 30])
            committed = when - dt.timedelta(days=back)
    rec["committed"] = committed
    rec["summary"] = summary if summary is not None else crime_note(r, rec)
    rec["reference"] = None
    rec["group"] = None
    return rec


def make_crimes():
    r = random.Random(13702)  # the cyber FOI's request number
    crimes = []

    # 1. The cyber seed: internet-enabled crimes, 01/01/2017 - 31/07/2019, four marginals per
    # year zipped together (victim age bands fitted to the offence titles).
    t1, t2, t3, t4 = (parse_table(t)[:-1] for t in (CYBER_T1, CYBER_T2, CYBER_T3, CYBER_T4))
    spans = [(dt.date(2017, 1, 1), dt.date(2017, 12, 31)),
             (dt.date(2018, 1, 1), dt.date(2018, 12, 31)),
             (dt.date(2019, 1, 1), dt.date(2019, 7, 31))]
    seed_records = []
    for y, (first, last) in enumerate(spans):
        offences = [row[0] for row in t1 for _ in range(row[1 + y])]
        band_counts = dict(zip(BANDS, t2[y][1:5]))
        outcomes = [("" if row[0] == "(blank)" else row[0]) for row in t3
                    for _ in range(row[1 + y])]
        platforms = [row[0] for row in t4 for _ in range(row[1 + y])]
        assert len(offences) == len(outcomes) == len(platforms) == sum(band_counts.values())
        r.shuffle(offences)
        r.shuffle(outcomes)
        r.shuffle(platforms)
        bands = assign_bands(r, offences, band_counts)
        # Crimes still open (blank outcome) are mostly the most recent ones.
        keys = [(0.45 + 0.55 * r.random()) if o == "" else r.random() for o in outcomes]
        order = sorted(range(len(offences)), key=lambda i: keys[i])
        dates = sorted(random_datetime(r, first, last) for _ in offences)
        # Edges of the range: the first and last minute a filter must keep.
        if y == 0:
            dates[0] = dt.datetime(2017, 1, 1, 0, 7)
        if y == 2:
            dates[-1] = dt.datetime(2019, 7, 31, 23, 52)
        year_records = []
        for i, when in zip(order, dates):
            age = victim_age(r, offences[i], bands[i])
            year_records.append(crime_row(r, when, offences[i], outcomes[i], age,
                                          platforms[i], "Y"))
        seed_records.append(year_records)
        crimes.extend(year_records)

    # A deepfake mention a day before the FOI window: one of the 2019 Blackmail crimes.
    before = next(c for c in seed_records[2] if c["offence"] == "Blackmail" and c["outcome"])
    before["date"] = DEEPFAKE_CRIME_BEFORE["recorded"]
    before["committed"] = dt.datetime(2019, 1, 30)
    before["summary"] = DEEPFAKE_CRIME_BEFORE["summary"] % via(r, before["platform"])

    # 2. Internet-enabled crimes outside the cyber seed's range: 2016 and Aug-Dec 2019 (so a
    # missing --from/--to shows), and 2020 - June 2024.
    seed_offences = [row[0] for row in t1]
    seed_offence_weights = [row[-1] for row in t1]
    old_platforms = [("Facebook", 50), ("Instagram", 15), ("Snapchat", 14), ("Twitter", 4),
                     ("Online", 8), ("Skype", 2), ("Oovoo", 1)]
    late_platforms = [(row[0], row[-1]) for row in t4] + [("WhatsApp", 400), ("TikTok", 60)]
    for first, last, n, plats, edge in [
            (dt.date(2016, 1, 1), dt.date(2016, 12, 31), 260, old_platforms,
             dt.datetime(2016, 12, 31, 23, 41)),
            (dt.date(2019, 8, 1), dt.date(2019, 12, 31), 620, late_platforms,
             dt.datetime(2019, 8, 1, 0, 3)),
            (dt.date(2020, 1, 1), dt.date(2024, 6, 30), 1440, IE_PLATFORMS_LATER, None)]:
        for k in range(n):
            when = edge if (k == 0 and edge) else random_datetime(r, first, last)
            if when.year >= 2020 and r.random() < 0.12:
                offence = r.choices([o for o, _ in NEW_IE_OFFENCES],
                                    [w for _, w in NEW_IE_OFFENCES])[0]
            else:
                offence = r.choices(seed_offences, seed_offence_weights)[0]
            band = r.choices(BANDS, [3, 26, 7, 64])[0]
            if RULE_BANDS[age_rule(offence)] == [BAND_CHILD]:
                band = BAND_CHILD
            platform = r.choices([p for p, _ in plats], [w for _, w in plats])[0]
            crimes.append(crime_row(r, when, offence, outcome_for(r, when),
                                    victim_age(r, offence, band), platform, "Y"))

    # 3. Crimes without the internet marker, 2016 - June 2024.
    plain = [o for o, _ in PLAIN_OFFENCES]
    plain_w = [w for _, w in PLAIN_OFFENCES]

    def plain_age(offence):
        if offence in ("Shoplifting", "Burglary Business And Community", "Make Off W/O Payment",
                       "Possession Of Cannabis", "Possess Offensive Weapon In A Public Place"):
            return ""  # a business or the state is the victim
        if r.random() < 0.1:
            return ""
        return str(min(14 + int(r.expovariate(1 / 20.0)), 92))

    for _ in range(2494):
        when = random_datetime(r, dt.date(2016, 1, 1), dt.date(2024, 6, 30))
        offence = r.choices(plain, plain_w)[0]
        crimes.append(crime_row(r, when, offence, outcome_for(r, when), plain_age(offence), "",
                                "N"))
    for g, (off_a, off_b) in enumerate(SHARED_REFERENCE_PAIRS):
        when = random_datetime(r, dt.date(2016, 1, 1) + dt.timedelta(days=500 * g),
                               dt.date(2016, 1, 1) + dt.timedelta(days=500 * g + 400))
        a = crime_row(r, when, off_a, outcome_for(r, when), plain_age(off_a), "", "N")
        b = dict(a)
        b["offence"] = off_b
        b["outcome"] = outcome_for(r, when)
        a["group"], b["group"] = (g, 0), (g, 1)
        crimes.extend([a, b])

    # 4. The deepfake crimes of the FOI window, and one just after it.
    for d in DEEPFAKE_CRIMES + [DEEPFAKE_CRIME_AFTER]:
        rec = crime_row(r, d["recorded"], d["offence"], d["outcome"], d["age"], d["platform"],
                        "Y", committed=d["committed"], summary=d["summary"])
        rec["reference"] = d.get("reference")
        crimes.append(rec)

    # Sorted by Recorded Date (the two rows of a shared reference stay together), then
    # references allocated in order, per year, with the gaps of an extract.
    for i, c in enumerate(crimes):
        c["order"] = i
    crimes.sort(key=lambda c: (c["date"], c["group"] or (-1, 0), c["order"]))
    by_year = {}
    for c in crimes:
        by_year.setdefault(c["date"].year, []).append(c)
    for year in sorted(by_year):
        numbers = []
        n = r.randint(1000, 1300)
        for c in by_year[year]:
            if c["group"] is not None and c["group"][1] == 1:
                numbers.append(numbers[-1])  # second offence of the same crime
                continue
            n += r.choice([1, 1, 1, 1, 1, 2, 2, 2, 3, 3, 5])
            numbers.append(n)
        fixed = [(i, c["reference"]) for i, c in enumerate(by_year[year]) if c["reference"]]
        shift = 0
        if fixed:
            i, ref = fixed[0]
            shift = int(ref.rsplit("-", 1)[1]) - numbers[i]
        for c, num in zip(by_year[year], numbers):
            num += shift
            assert 1000 <= num <= 9999
            c["reference"] = "CR-%d-%d" % (year, num)
    return crimes


def write_crimes(crimes):
    # A Windows export: UTF-8 with a byte-order mark, CRLF line ends.
    with open(CRIMES_CSV, "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(CRIME_HEADERS)
        for c in crimes:
            w.writerow([c["reference"], uk_datetime(c["date"]),
                        uk_date(c["committed"]) if c["committed"] else "", c["offence"],
                        c["outcome"], c["age"], c["platform"], c["ie"], c["summary"]])


# ---------------------------------------------------------------------------------------------
# incidents.csv
# ---------------------------------------------------------------------------------------------

INCIDENT_CATEGORIES = [
    ("ASB - Nuisance", 14), ("ASB - Personal", 6), ("ASB - Environmental", 3),
    ("PSW - Concern for Safety", 12), ("PSW - Domestic Incident", 10),
    ("PSW - Missing Person", 5), ("PSW - Mental Health", 5), ("CRIME - Theft", 7),
    ("CRIME - Burglary", 4), ("CRIME - Violence", 6), ("CRIME - Stalking and Harassment", 5),
    ("CRIME - Criminal Damage", 4), ("CRIME - Vehicle Crime", 4), ("CRIME - Fraud", 3),
    ("PUBLIC SAFETY - Suspicious Circumstances", 5), ("TRANSPORT - Road Traffic Collision", 5),
    ("ADMIN - Lost/Found Property", 2), ("ALARM - Intruder", 3),
    ("PUBLIC SAFETY - Abandoned Call", 2),
]
CLOSING_CODES = [
    ("Attended - Resolved", 20), ("Advice Given", 16),
    ("No Police Action Required", 10), ("Referred to Partner Agency", 8),
    ("Resolved by Telephone", 12), ("Duplicate Log", 3), ("Attended - No Trace", 9),
    ("Scheduled Appointment", 6),
]
BEATS = ["BW03 Ladywood", "BW07 Soho & Jewellery Quarter", "BE05 Bordesley Green",
         "BE11 Stechford & Yardley North", "BN02 Erdington", "BN06 Kingstanding",
         "BS04 Sparkbrook & Balsall Heath", "BS09 Hall Green", "BS12 Northfield",
         "CV02 Foleshill", "CV07 Earlsdon", "CV10 Binley & Willenhall", "DY01 Dudley Central",
         "DY04 Brierley Hill", "SH03 Oldbury", "SH05 West Bromwich Central", "SH08 Tipton",
         "SO02 Chelmsley Wood", "SO06 Solihull Central", "WS02 Walsall Central",
         "WS06 Bloxwich", "WS09 Darlaston", "WV02 Wolverhampton City Centre", "WV07 Bilston",
         "WV10 Wednesfield"]


def incident_detail(r, category, when):
    """What a call handler typed: mostly capitals, sometimes accents, £ signs, line breaks."""
    name = full_name(r)
    t = clock(r)
    street = r.choice(STREETS)
    if category.startswith("ASB"):
        text = r.choice([
            "GROUP OF YOUTHS ON MOPEDS RIDING UP AND DOWN %s, SHOUTING AT RESIDENTS. APPROX "
            "%d IN GROUP, ONE WEARING A RED NORTH FACE JACKET." % (street.upper(),
                                                                  r.randint(3, 12)),
            "LOUD MUSIC FROM FLAT ABOVE SINCE %s, CALLER HAS ASKED THEM TO TURN IT DOWN BUT "
            "THEY HAVE REFUSED. THIS IS THE %dTH CALL THIS MONTH." % (t, r.randint(4, 9)),
            "Caller %s reports people drinking and shouting outside the café on %s, bottles "
            "thrown at the window. No injuries." % (r.choice(["Zoë", "Chloé", "José", "Noémie",
                                                             "Siân", "Zoë"]), street),
            "FLY TIPPING ON %s - MATTRESSES AND BUILDERS RUBBLE. VAN SEEN, PARTIAL REG %s."
            % (street.upper(), "".join(r.choice("ABCDEFGHJKLMNPRSTVWXY") for _ in range(2))),
            "NEIGHBOUR DISPUTE OVER PARKING. CALLER STATES NEIGHBOUR %s IS BLOCKING THE DRIVE "
            "AND SHOUTING ABUSE." % name.upper(),
        ])
    elif category == "PSW - Domestic Incident":
        text = r.choice([
            "CALLER STATES HER PARTNER %s HAS BEEN DRINKING AND IS SHOUTING AND THROWING THINGS. "
            "CHILDREN IN THE HOUSE. CALLER ON %s." % (name.upper(), phone(r)),
            "VERBAL ARGUMENT BETWEEN MOTHER AND ADULT SON AT %s. NO WEAPONS MENTIONED. DASH "
            "TO BE COMPLETED." % address(r).upper(),
            "Third party caller heard screaming from neighbouring house at %s.\nLine went dead "
            "on call back." % t,
            "EX PARTNER HAS TURNED UP AT THE ADDRESS DESPITE BEING TOLD NOT TO, BANGING ON THE "
            "DOOR. CALLER FRIGHTENED. PREVIOUS DA HISTORY.",
        ])
    elif category == "PSW - Missing Person":
        text = r.choice([
            "17 YEAR OLD FEMALE MISSING FROM CARE HOME ON %s SINCE %s. KNOWN TO GO TO %s."
            % (street.upper(), t, r.choice(PLACES).upper()),
            "%s (%d) HAS NOT RETURNED HOME FROM SCHOOL, PHONE OFF SINCE %s. NO PREVIOUS "
            "MISSING EPISODES." % (name.upper(), r.randint(11, 16), t),
            "Elderly resident Mrs Zoë %s (89) left her care home on %s at approx %s in her "
            "nightdress. Wears a pendant alarm." % (r.choice(SURNAMES).title(), street, t),
        ])
    elif category == "PSW - Mental Health":
        text = r.choice([
            "MALE ON THE WRONG SIDE OF THE RAILINGS ON THE BRIDGE OVER %s. OFFICERS AND "
            "AMBULANCE REQUESTED." % street.upper(),
            "GP SURGERY REPORTS A PATIENT MADE THREATS TO HARM HIMSELF DURING A CALL AT %s." % t,
            "Caller's brother is hearing voices and has barricaded himself in the flat at %s. "
            "No weapons mentioned. Street triage requested." % address(r),
        ])
    elif category.startswith("PSW"):
        text = r.choice([
            "CONCERN FOR %s, NOT BEEN SEEN BY FAMILY SINCE %s YESTERDAY. NOT ANSWERING PHONE "
            "%s." % (name.upper(), t, phone(r)),
            "ELDERLY MALE FALLEN IN THE STREET ON %s, CONSCIOUS BUT CONFUSED. AMBULANCE DELAY "
            "OF 3 HOURS." % street.upper(),
            "Welfare check requested by Renée %s, who has not heard from her father at %s "
            "for 4 days; milk bottles piling up." % (r.choice(SURNAMES).title(), address(r)),
        ])
    elif category == "CRIME - Theft":
        text = r.choice([
            "SHOP THEFT AT %s, MALE TOOK %s OF GOODS AND LEFT TOWARDS %s. STAFF FOLLOWED." % (
                r.choice(SHOPS).upper(), money(r, 20, 300), street.upper()),
            "CALLER'S PHONE TAKEN FROM TABLE AT THE CAFÉ ON %s AT %s. £40 CASH IN THE CASE."
            % (street.upper(), t),
            "Parcel taken from doorstep at %s, seen on Ring doorbell. Value %s." % (
                address(r), money(r, 20, 400)),
            "£%d TAKEN FROM TILL AT TAKEAWAY ON %s BY MEMBER OF STAFF." % (
                r.randint(50, 900), street.upper()),
        ])
    elif category == "CRIME - Burglary":
        text = "CALLER HAS RETURNED HOME TO FIND THE BACK DOOR FORCED. %s TAKEN. %s" % (
            r.choice(ITEMS).upper(), r.choice(["OFFENDERS MAY STILL BE NEARBY.",
                                               "HAPPENED BETWEEN %s AND NOW." % t,
                                               "NEIGHBOUR SAW 2 MALES IN BLACK."]))
    elif category == "CRIME - Violence":
        text = r.choice([
            "FIGHT OUTSIDE %s, APPROX %d MALES, ONE ON THE FLOOR BEING KICKED." % (
                r.choice(PLACES).upper(), r.randint(3, 8)),
            "CALLER HAS BEEN PUNCHED BY A MALE AT THE BUS STOP ON %s AT %s. BLEEDING FROM NOSE."
            % (street.upper(), t),
            "DOOR STAFF AT BAR ON BROAD STREET REPORT A MALE HIT WITH A BOTTLE. AMBULANCE ON "
            "ROUTE.",
        ])
    elif category == "CRIME - Stalking and Harassment":
        text = r.choice([
            "CALLER IS RECEIVING CONSTANT CALLS AND MESSAGES FROM EX PARTNER %s ON %s. HAS "
            "ASKED HIM TO STOP." % (name.upper(), phone(r)),
            "ON GOING HARRASSMENT FROM NEIGHBOUR WHO IS POSTING ABOUT CALLER ON FACEBOOK AND "
            "FILMING HER WHEN SHE LEAVES THE HOUSE.",
            "MALE HAS FOLLOWED CALLER FROM THE STATION TO %s ON 3 OCCASIONS THIS WEEK. "
            "DESCRIPTION: WHITE MALE, 30S, GREY HOODIE." % street.upper(),
        ])
    elif category == "CRIME - Criminal Damage":
        text = "CALLER'S CAR WINDSCREEN SMASHED ON %s OVERNIGHT. COST TO REPAIR %s." % (
            street.upper(), money(r, 100, 900))
    elif category == "CRIME - Vehicle Crime":
        text = "%s TAKEN FROM OUTSIDE %s. KEYS STILL WITH OWNER, POSSIBLE RELAY THEFT." % (
            r.choice(CARS).upper(), address(r).upper())
    elif category == "CRIME - Fraud":
        text = r.choice([
            "CALLER HAS BEEN SCAMMED OUT OF %s BY A MALE CLAIMING TO BE FROM HER BANK. "
            "ADVISED TO REPORT TO ACTION FRAUD." % money(r, 200, 9000),
            "Elderly caller paid %s to a cold-calling roofer for work that was never done."
            % money(r, 300, 5000),
        ])
    elif category == "TRANSPORT - Road Traffic Collision":
        text = "RTC %s JUNCTION WITH %s, 2 VEHICLES, %s. %s" % (
            street.upper(), r.choice(STREETS).upper(),
            r.choice(["NO INJURIES", "DRIVER COMPLAINING OF NECK PAIN", "ROAD PARTIALLY BLOCKED"]),
            r.choice(["ONE DRIVER HAS LEFT THE SCENE.", "DETAILS EXCHANGED.", ""]))
    elif category == "ALARM - Intruder":
        text = "INTRUDER ALARM ACTIVATION AT %s, %s. KEYHOLDER ON ROUTE." % (
            r.choice(SHOPS).upper(), street.upper())
    elif category == "ADMIN - Lost/Found Property":
        text = "Caller handed in a purse found on %s containing bank cards and £%d." % (
            street, r.randint(5, 80))
    elif category == "PUBLIC SAFETY - Abandoned Call":
        text = "999 ABANDONED CALL, NO SPEECH. CALL BACK TO %s WENT TO VOICEMAIL." % phone(r)
    else:
        text = r.choice([
            "SUSPICIOUS MALE TRYING CAR DOOR HANDLES ON %s AT %s." % (street.upper(), t),
            "VAN PARKED ON %s FOR 3 DAYS, ENGINE RUNNING AT NIGHT." % street.upper(),
            "TWO MALES LOOKING OVER GARDEN FENCES ON %s, MADE OFF WHEN CHALLENGED." % (
                street.upper()),
        ])
    if r.random() < 0.2:
        text += "\n" + r.choice(["CALLER: %s %s" % (full_name(r).upper(), phone(r)),
                                 "OFFICERS ATTENDED AT %s." % clock(r),
                                 "SEE ALSO LOG %d OF %s." % (r.randint(1, 4999), uk_date(when))])
    return text


DEEPFAKE_INCIDENTS = [
    dict(when=dt.datetime(2023, 10, 17, 19, 32), category="CRIME - Stalking and Harassment",
         beat="BN06 Kingstanding",
         detail="ON GOING HARRASSMENT THE SUSPECT KIERAN MALLEY (DOB 14/06/1998) HAS SENT DEEP "
                "FAKE PHOTOS OF CALLERS DAUGHTER ELLIE PRICE AND SENDING THEM TO FAMILY. SUSPECT "
                "USING INSTAGRAM @KM_BRUM98 AND MOB 07700 900845. CALLER DONNA PRICE 07700 "
                "900846, 22 HAWTHORN ROAD B44 8PU, DONNA.PRICE@EXAMPLE.COM"),
    dict(when=dt.datetime(2024, 1, 16, 20, 5), category="PSW - Domestic Incident",
         beat="CV10 Binley & Willenhall",
         detail="CALLER ZOË HARTLEY HAS RECIEVED A MESSAGE ON WHATSAPP FROM 07700 900976 SAYING "
                "THAT THEY HAVE A PHOTO OF CALLER. THEY HAVE DEEP FAKED CALLERS FACE ONTO A "
                "SEXUAL PHOTOGRAPH. CALLER BELIEVES IT IS EX PARTNER LEE HARTLEY. THIS IS "
                "CAUSING CALLER DISTRESS. THEY HAVE NOT MADE ANY DEMANDS YET BUT THEY HAVE BEEN "
                "BLOCKED. CALLER ON 07700 900977, ZOE.HARTLEY@EXAMPLE.NET, CV3 5FJ"),
]
DEEPFAKE_INCIDENTS_OUTSIDE = [
    dict(when=dt.datetime(2019, 1, 31, 23, 50), category="CRIME - Fraud",
         beat="SO06 Solihull Central", closing="Advice Given",
         detail="CALLER SAW A DEEPFAKE VIDEO OF A TV PRESENTER ADVERTISING A BITCOIN SCHEME ON "
                "FACEBOOK AND HAS PAID £1,200 TO IT. CALLER GRAHAM WILLIAMS 07700 900120, "
                "B91 3QS."),
    dict(when=dt.datetime(2024, 3, 1, 0, 20), category="CRIME - Stalking and Harassment",
         beat="WV07 Bilston", closing="Crime Recorded",
         detail="CALLER REPORTS EX BOYFRIEND HAS MADE DEEP FAKE VIDEOS OF HER AND IS THREATENING "
                "TO PUT THEM ON SNAPCHAT. CALLER SIAN EVANS 07700 900415."),
]


def make_incidents():
    r = random.Random(2024)
    cats = [c for c, _ in INCIDENT_CATEGORIES]
    cat_w = [w for _, w in INCIDENT_CATEGORIES]
    codes = [c for c, _ in CLOSING_CODES]
    code_w = [w for _, w in CLOSING_CODES]
    incidents = []
    for _ in range(3000):
        when = random_datetime(r, dt.date(2018, 1, 1), dt.date(2024, 6, 30))
        category = r.choices(cats, cat_w)[0]
        if r.random() < 0.03:
            closing = ""
        elif category.startswith("CRIME") and r.random() < 0.6:
            closing = "Crime Recorded"
        else:
            closing = r.choices(codes, code_w)[0]
        beat = "" if r.random() < 0.02 else r.choice(BEATS)
        incidents.append(dict(when=when, category=category, closing=closing, beat=beat,
                              detail=incident_detail(r, category, when)))
    # Incidents carry no outcome (seed: "incidents do not have a closure type"): blank code.
    for d in DEEPFAKE_INCIDENTS:
        incidents.append(dict(d, closing=""))
    incidents.extend(dict(d) for d in DEEPFAKE_INCIDENTS_OUTSIDE)
    incidents.sort(key=lambda i: (i["when"], i["detail"]))
    used = set()
    for inc in incidents:
        w = inc["when"]
        log = (w.hour * 60 + w.minute) * 3 + 1
        while (w.date(), log) in used:
            log += 1
        used.add((w.date(), log))
        inc["number"] = "INC-%04d%02d%02d-%04d" % (w.year, w.month, w.day, log)
    return incidents


def write_incidents(incidents):
    # A Unix export: UTF-8 without a byte-order mark, LF line ends.
    with open(INCIDENTS_CSV, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(INCIDENT_HEADERS)
        for i in incidents:
            w.writerow([i["number"], incident_datetime(i["when"]), i["category"], i["closing"],
                        i["beat"], i["detail"]])


# ---------------------------------------------------------------------------------------------
# ceop-referrals.csv
# ---------------------------------------------------------------------------------------------

REFERRAL_TYPES = [("NCMEC CyberTipline", 45), ("CEOP Intelligence Package", 25),
                  ("CEOP Online Report (ClickCEOP)", 15), ("International (Interpol)", 8),
                  ("Other Force Transfer", 7)]
REFERRAL_OUTCOMES = [("Search warrant executed - suspect arrested", 30),
                     ("Voluntary interview", 15), ("Safeguarding visit - no offences", 20),
                     ("NFA - insufficient information", 12), ("Transferred to other force", 10),
                     ("Disseminated to neighbourhood team", 8), ("Ongoing", 5)]


def referral_note(r, rtype, year):
    platform = r.choice(["Kik", "Skype", "Oovoo", "Facebook Messenger", "Snapchat", "Tumblr",
                         "Dropbox", "Instagram", "Omegle"] if year >= 2015 else
                        ["Skype", "Facebook Messenger", "MSN", "Tumblr", "Dropbox", "Yahoo"])
    return r.choice([
        "%s: %d IIOC uploaded to an account on %s; IP address resolves to %s, subscriber "
        "checks requested."
        % (rtype, r.randint(1, 40), platform, postcode(r).split()[0]),
        "Report of an adult male asking a 13 year old girl for images on %s. Suspect "
        "identified from account e-mail %s." % (platform, email(r)),
        "Webcam blackmail of a 15 year old boy via %s; demand for £%d. Offender believed "
        "overseas." % (platform, r.randint(50, 500)),
        "Intelligence that a %s user in the force area is sharing links to IIOC; %d accounts "
        "linked." % (platform, r.randint(2, 9)),
        "Self-generated images of a 14 year old shared on %s at school; safeguarding "
        "led." % platform,
    ])


def spread_days(r, n, total, longest):
    """n whole numbers of days >= 1, summing exactly to total, with min 1 and max longest."""
    assert n >= 2 and n + longest - 1 <= total <= 1 + (n - 1) * longest
    rest_n, rest_total = n - 2, total - longest - 1
    mean = rest_total / rest_n
    cap = max(2, min(longest - 1, int(mean * 4) + 3))
    days = [min(cap, 1 + int(r.expovariate(1 / max(mean - 1, 0.2)))) for _ in range(rest_n)]
    while sum(days) > rest_total:
        i = r.randrange(rest_n)
        if days[i] > 1:
            days[i] -= 1
    while sum(days) < rest_total:
        i = r.randrange(rest_n)
        if days[i] < cap:
            days[i] += 1
    days += [1, longest]
    r.shuffle(days)
    return days


def make_referrals():
    r = random.Random(91)  # paragraph 91 of the report
    referrals = []
    for label, count, average, shortest, longest in parse_table(CEOP_TABLE):
        year = int(label[:4])
        last = dt.date(year, 9, 30) if "Sep" in label else dt.date(year, 12, 31)
        first = dt.date(year, 1, 1)
        days = spread_days(r, count, count * average, longest)
        received = []
        while len(received) < count:
            d = first + dt.timedelta(days=r.randrange((last - first).days + 1))
            if d.weekday() < 5 or r.random() < 0.15:
                received.append(d)
        received.sort()
        # Edges: the first day of 2013 and the last day of the table's range are in.
        if year == 2013:
            received[0] = dt.date(2013, 1, 2)
        if year == 2017:
            received[-1] = dt.date(2017, 9, 30)
        # The longest waits sit late in the year, so some are actioned after its end (they
        # still count in the year received).
        k = days.index(longest)
        days[k], days[-1] = days[-1], days[k]
        for d, n in zip(received, days):
            referrals.append(dict(received=d, actioned=d + dt.timedelta(days=n)))
    # Referrals received after the table's range (Oct-Dec 2017); a few not yet actioned.
    for k in range(40):
        d = dt.date(2017, 10, 1) + dt.timedelta(days=r.randrange(92))
        if k == 0:
            d = dt.date(2017, 10, 1)
        actioned = None if k % 8 == 7 else d + dt.timedelta(days=r.randint(1, 12))
        referrals.append(dict(received=d, actioned=actioned))
    referrals.sort(key=lambda x: x["received"])
    seq = {}
    rtypes = [t for t, _ in REFERRAL_TYPES]
    rtype_w = [w for _, w in REFERRAL_TYPES]
    outs = [o for o, _ in REFERRAL_OUTCOMES]
    out_w = [w for _, w in REFERRAL_OUTCOMES]
    for ref in referrals:
        y = ref["received"].year
        seq[y] = seq.get(y, 0) + 1
        ref["reference"] = "OCSET-%d-%04d" % (y, seq[y])
        ref["type"] = r.choices(rtypes, rtype_w)[0]
        ref["outcome"] = "Pending" if ref["actioned"] is None else r.choices(outs, out_w)[0]
        ref["notes"] = referral_note(r, ref["type"], y)
    return referrals


def write_referrals(referrals):
    with open(CEOP_CSV, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(CEOP_HEADERS)
        for x in referrals:
            w.writerow([x["reference"], x["received"].isoformat(),
                        x["actioned"].isoformat() if x["actioned"] else "", x["type"],
                        x["outcome"], x["notes"]])


# ---------------------------------------------------------------------------------------------
# The self-check: re-read the files and recompute every seed table from the records.
# ---------------------------------------------------------------------------------------------

def read_csv(path, encoding):
    with open(path, encoding=encoding, newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], [dict(zip(rows[0], row)) for row in rows[1:]], rows


def parse_uk_datetime(text):
    return dt.datetime.strptime(text, "%d/%m/%Y %H:%M")


def parse_incident_datetime(text):
    day, mon, rest = text.split("-")
    year, hm = rest.split(" ")
    hh, mm = hm.split(":")
    return dt.datetime(int(year), MONTHS.index(mon) + 1, int(day), int(hh), int(mm))


def mentions_deepfake(text):
    """deepfake* OR "deep fake*": a word starting deepfake, or the word deep followed by a
    word starting fake (words: runs of letters and digits, any case, any separator)."""
    words = re.findall(r"[^\W_]+", text.lower())
    for i, word in enumerate(words):
        if word.startswith("deepfake"):
            return True
        if word == "deep" and i + 1 < len(words) and words[i + 1].startswith("fake"):
            return True
    return False


def check_equal(what, got, want):
    if got != want:
        raise AssertionError("%s: computed %r, seed says %r" % (what, got, want))


def check_year_table(name, seed_text, records, label_of, years, label_map=None):
    """Compare a label x year table (rows, year cells, row total; last row the totals)."""
    seed = parse_table(seed_text)
    counts = {}
    for rec in records:
        key = (label_of(rec), rec["_year"])
        counts[key] = counts.get(key, 0) + 1
    labels_seen = sorted({label_of(rec) for rec in records})
    seed_labels = [(label_map or {}).get(row[0], row[0]) for row in seed[:-1]]
    check_equal(name + " row labels", sorted(labels_seen), sorted(seed_labels))
    for row, label in zip(seed[:-1], seed_labels):
        for y, want in zip(years, row[1:1 + len(years)]):
            check_equal("%s [%s, %d]" % (name, row[0], y), counts.get((label, y), 0), want)
        check_equal("%s [%s, total]" % (name, row[0]),
                    sum(1 for rec in records if label_of(rec) == label), row[-1])
    total = seed[-1]
    for y, want in zip(years, total[1:1 + len(years)]):
        check_equal("%s [total, %d]" % (name, y), sum(1 for rec in records if rec["_year"] == y),
                    want)
    check_equal("%s [total, total]" % name, len(records), total[-1])


def age_band(text):
    if text == "":
        return BAND_BLANK
    age = int(text)
    return BAND_CHILD if age <= 16 else BAND_1718 if age <= 18 else BAND_ADULT


def check_crimes():
    raw = open(CRIMES_CSV, "rb").read()
    assert raw.startswith(b"\xef\xbb\xbf"), "crimes.csv: a UTF-8 byte-order mark"
    assert raw.split(b"\n", 1)[0].endswith(b"\r"), "crimes.csv: CRLF line ends"
    header, crimes, rows = read_csv(CRIMES_CSV, "utf-8-sig")
    check_equal("crimes.csv headers", header, CRIME_HEADERS)
    assert all(len(row) == len(header) for row in rows), "crimes.csv: field counts"
    for c in crimes:
        c["_date"] = parse_uk_datetime(c["Recorded Date"])
        c["_year"] = c["_date"].year
        if c["Committed Date"]:
            assert dt.datetime.strptime(c["Committed Date"], "%d/%m/%Y") <= c["_date"]
        assert c["Victim Age"] == "" or c["Victim Age"].isdigit()
        assert c["Internet Enabled"] in ("Y", "N")
        assert re.fullmatch(r"CR-%d-\d{4}" % c["_year"], c["Crime Reference"])
    dates = [c["_date"] for c in crimes]
    assert dates == sorted(dates), "crimes.csv sorted by Recorded Date"
    assert 2016 <= min(dates).year and max(dates).year <= 2024

    # References: unique per crime except the pairs of offences under one reference.
    refs = {}
    for c in crimes:
        refs.setdefault(c["Crime Reference"], []).append(c)
    shared = {ref: cs for ref, cs in refs.items() if len(cs) > 1}
    check_equal("references shared by two offences", sorted(len(cs) for cs in shared.values()),
                [2] * len(SHARED_REFERENCE_PAIRS))
    for cs in shared.values():
        assert cs[0]["Internet Enabled"] == cs[1]["Internet Enabled"] == "N"
        assert cs[0]["Recorded Date"] == cs[1]["Recorded Date"]
        assert cs[0]["Offence Title"] != cs[1]["Offence Title"]
        assert not mentions_deepfake(cs[0]["Incident Summary"])
    print("crimes.csv: %d rows, %d distinct references" % (len(crimes), len(refs)))

    # foi-cyber-enabled-crime-2017-2019, tables 1-4.
    cyber = [c for c in crimes if c["Internet Enabled"] == "Y"
             and dt.datetime(2017, 1, 1) <= c["_date"] < dt.datetime(2019, 8, 1)]
    years = [2017, 2018, 2019]
    check_year_table("cyber table 1 (offence)", CYBER_T1, cyber, lambda c: c["Offence Title"],
                     years)
    t2 = parse_table(CYBER_T2)
    for row in t2[:-1]:
        y = int(row[0].rstrip("*"))
        got = [sum(1 for c in cyber if c["_year"] == y and age_band(c["Victim Age"]) == b)
               for b in BANDS]
        check_equal("cyber table 2 (age band) %d" % y, got + [sum(got)], row[1:])
    got = [sum(1 for c in cyber if age_band(c["Victim Age"]) == b) for b in BANDS]
    check_equal("cyber table 2 (age band) total", got + [len(cyber)], t2[-1][1:])
    check_year_table("cyber table 3 (outcome)", CYBER_T3, cyber,
                     lambda c: c["Outcome Description"], years, {"(blank)": ""})
    check_year_table("cyber table 4 (platform)", CYBER_T4, cyber, lambda c: c["Platform"],
                     years)
    # The range filter matters: internet-enabled crimes just outside it exist.
    cyber_ids = {id(c) for c in cyber}
    outside = [c for c in crimes if c["Internet Enabled"] == "Y" and id(c) not in cyber_ids
               and c["_year"] in (2016, 2019)]
    assert any(c["_year"] == 2016 for c in outside) and \
        any(c["_year"] == 2019 for c in outside), "internet-enabled crimes outside the range"
    print("  cyber tables 1-4: %d internet-enabled crimes 01/01/2017-31/07/2019 reproduced, "
          "%d more outside that range" % (len(cyber), len(outside)))

    # foi-deepfake-crimes-incidents: crimes.
    window = (dt.datetime(2019, 2, 1), dt.datetime(2024, 3, 1))
    deep = [c for c in crimes if mentions_deepfake(c["Incident Summary"])]
    inside = [c for c in deep if window[0] <= c["_date"] < window[1]]
    assert len(deep) > len(inside) and \
        any(c["_date"] < window[0] for c in deep) and any(c["_date"] >= window[1] for c in deep)
    years = [2021, 2022, 2023, 2024]
    for row in parse_table(DEEPFAKE_CRIMES_T1)[:-1]:
        check_equal("deepfake crimes %s" % row[0],
                    sum(1 for c in inside if c["_year"] == int(row[0])), row[1])
    check_equal("deepfake crimes total", len(inside), parse_table(DEEPFAKE_CRIMES_T1)[-1][1])
    check_year_table("deepfake crimes table 2 (offence)", DEEPFAKE_CRIMES_T2, inside,
                     lambda c: c["Offence Title"], years)
    offence = None
    for row in parse_table(DEEPFAKE_CRIMES_T3)[:-1]:
        if row[0].startswith("> "):
            sel = [c for c in inside if c["Offence Title"] == offence
                   and c["Outcome Description"] == row[0][2:]]
        else:
            offence = row[0]
            sel = [c for c in inside if c["Offence Title"] == offence]
        got = [sum(1 for c in sel if c["_year"] == y) for y in years]
        check_equal("deepfake crimes table 3 [%s]" % row[0], got + [len(sel)], row[1:])
    pairs = sorted({(c["Offence Title"], c["Outcome Description"]) for c in inside})
    seed_pairs = []
    for row in parse_table(DEEPFAKE_CRIMES_T3)[:-1]:
        if row[0].startswith("> "):
            seed_pairs.append((offence, row[0][2:]))
        else:
            offence = row[0]
    check_equal("deepfake crimes table 3 offence/outcome pairs", pairs, sorted(seed_pairs))
    check_equal("deepfake crimes table 3 total",
                [sum(1 for c in inside if c["_year"] == y) for y in years] + [len(inside)],
                parse_table(DEEPFAKE_CRIMES_T3)[-1][1:])
    check_equal("deepfake crimes distinct references", len({c["Crime Reference"]
                                                             for c in inside}), len(inside))
    for c in inside:
        s = c["Incident Summary"]
        assert re.search(r"07700 900\d{3}", s), "fictional phone in " + c["Crime Reference"]
        assert re.search(r"@example\.(com|org|net)", s), "e-mail in " + c["Crime Reference"]
        assert re.search(r"\b[A-Z]{1,2}\d{1,2} \d[A-Z]{2}\b", s), "postcode in " + \
            c["Crime Reference"]
        assert re.search(r"(^|[\s(])@?[a-z][a-z0-9_.]*[._][a-z0-9_.]+", s), "handle"
    deep_ids = {id(c) for c in deep}
    for c in crimes:
        if id(c) not in deep_ids:
            assert "deep" not in c["Incident Summary"].lower(), c["Crime Reference"]
        assert len(c["Incident Summary"]) >= 50, c["Crime Reference"]
        assert len(c["Incident Summary"]) <= 600, c["Crime Reference"]
    spellings = " ".join(c["Incident Summary"] for c in inside)
    for form in ("deep fake", "DEEP FAKE", "deep-fake", "DEEP\nFAKE", "\"deep fake\"",
                 "deepfake", "'deep fake'", "Deepfakes"):
        assert form in spellings, "spelling %r" % form
    assert "CR-2023-5002" in [c["Crime Reference"] for c in inside
                              if c["Offence Title"] == "Blackmail"]
    print("  deepfake crimes: %d in Feb 2019 - Feb 2024 reproduced (tables 1-3), %d outside"
          % (len(inside), len(deep) - len(inside)))


def check_incidents():
    raw = open(INCIDENTS_CSV, "rb").read()
    assert b"\r" not in raw and not raw.startswith(b"\xef\xbb\xbf"), "incidents.csv: LF, no BOM"
    text = raw.decode("utf-8")
    assert "café" in text and "Zoë" in text and "£" in text
    header, incidents, rows = read_csv(INCIDENTS_CSV, "utf-8")
    check_equal("incidents.csv headers", header, INCIDENT_HEADERS)
    assert all(len(row) == len(header) for row in rows), "incidents.csv: field counts"
    for i in incidents:
        i["_date"] = parse_incident_datetime(i["Incident Date"])
        i["_year"] = i["_date"].year
    dates = [i["_date"] for i in incidents]
    assert dates == sorted(dates), "incidents.csv sorted by Incident Date"
    assert len({i["Incident Number"] for i in incidents}) == len(incidents)
    window = (dt.datetime(2019, 2, 1), dt.datetime(2024, 3, 1))
    deep = [i for i in incidents if mentions_deepfake(i["Detail"])]
    inside = [i for i in deep if window[0] <= i["_date"] < window[1]]
    assert any(i["_date"] < window[0] for i in deep) and \
        any(i["_date"] >= window[1] for i in deep)
    for row in parse_table(DEEPFAKE_INCIDENTS_T1)[:-1]:
        check_equal("deepfake incidents %s" % row[0],
                    sum(1 for i in inside if i["_year"] == int(row[0])), row[1])
    check_equal("deepfake incidents total", len(inside),
                parse_table(DEEPFAKE_INCIDENTS_T1)[-1][1])
    check_year_table("deepfake incidents table 2 (category)", DEEPFAKE_INCIDENTS_T2, inside,
                     lambda i: i["Incident Category"], [2023, 2024])
    assert "DEEP FAKED" in " ".join(i["Detail"] for i in inside)
    deep_ids = {id(i) for i in deep}
    for i in incidents:
        if id(i) not in deep_ids:
            assert "deep" not in i["Detail"].lower(), i["Incident Number"]
    print("incidents.csv: %d rows\n  deepfake incidents: %d in Feb 2019 - Feb 2024 reproduced "
          "(tables 1-2), %d outside" % (len(incidents), len(inside), len(deep) - len(inside)))


def check_referrals():
    header, refs, rows = read_csv(CEOP_CSV, "utf-8")
    check_equal("ceop-referrals.csv headers", header, CEOP_HEADERS)
    assert len({x["Referral Reference"] for x in refs}) == len(refs)
    for x in refs:
        x["_received"] = dt.date.fromisoformat(x["Date Received"])
        x["_days"] = ((dt.date.fromisoformat(x["Date Actioned"]) - x["_received"]).days
                      if x["Date Actioned"] else None)
    assert [x["_received"] for x in refs] == sorted(x["_received"] for x in refs)
    in_range = []
    for label, count, average, shortest, longest in parse_table(CEOP_TABLE):
        year = int(label[:4])
        last = dt.date(year, 9, 30) if "Sep" in label else dt.date(year, 12, 31)
        sel = [x for x in refs if dt.date(year, 1, 1) <= x["_received"] <= last]
        days = [x["_days"] for x in sel]
        check_equal("CEOP %s count" % label, len(sel), count)
        assert None not in days
        # The average is exact, so it prints as e.g. 5.0 with one decimal.
        check_equal("CEOP %s sum of days" % label, sum(days), count * average)
        check_equal("CEOP %s average (1 d.p.)" % label, "%.1f" % (sum(days) / len(days)),
                    "%.1f" % average)
        check_equal("CEOP %s shortest" % label, min(days), shortest)
        check_equal("CEOP %s longest" % label, max(days), longest)
        in_range += sel
    in_range_ids = {id(x) for x in in_range}
    outside = [x for x in refs if id(x) not in in_range_ids]
    assert outside and all(x["_received"] > dt.date(2017, 9, 30) for x in outside)
    print("ceop-referrals.csv: %d rows\n  CEOP table: %d referrals 2013 - Sep 2017 reproduced, "
          "%d received Oct-Dec 2017 outside it" % (len(refs), len(in_range), len(outside)))


def main():
    write_crimes(make_crimes())
    write_incidents(make_incidents())
    write_referrals(make_referrals())
    try:
        check_crimes()
        check_incidents()
        check_referrals()
    except AssertionError as e:
        print("generate.py: self-check failed: %s" % e, file=sys.stderr)
        return 1
    print("all seed tables reproduced")
    return 0


if __name__ == "__main__":
    sys.exit(main())
