#!/usr/bin/env python3
"""Write a synthetic, force-like crime export of any size, for crimeview's import benchmark.

Run:   python3 bench/gen_export.py --rows N [--seed S] [--out FILE]

The output is one CSV file (UTF-8, no byte-order mark, RFC 4180 quoting by the csv module,
CRLF line ends) with the headers of a typical force crime extract:

  Crime Reference, Recorded Date, Committed Date, Offence Title, Outcome Description,
  Victim Age, Platform, Internet Enabled, Beat, Officer Collar, Incident Summary

Rows run in recorded-date order over 2014-2024 ("DD/MM/YYYY HH:MM"), as exports usually do.
About 150 offence titles and 25 outcomes (weighted), victim ages mostly numbers with about
5% blank, and an Incident Summary of 50-600 characters (60-530 in practice, mean 240) of
police-notes phrasing: commas, quotes, £ amounts, names with diacritics and, in about one
row in eight, line breaks inside the quoted field. About one row in 20,000 mentions
"deepfake" or "deep fake" in one of its spellings, so the FOI search has something to find
at every size.

The same --rows and --seed give the same bytes on every run and every platform.

Speed (10 million rows must be practical; about 200k rows/s here): no row is assembled field
by field in Python. Each column (or group of independently drawn columns) comes from a
precomputed pool of 65,536 entries, repeated in proportion to their weights and already in CSV
form: every value was quoted once, at start-up, by the csv module itself (QUOTE_MINIMAL,
CRLF), so the file is byte-for-byte what csv.writer would write for the same rows. Rows pick
their entries with a batch of 16-bit random numbers from one randbytes() call, and map(),
zip() and str.join() put a batch of 20,000 rows together in C. The notes are a lead (8,192
texts) and a tail (65,536 detail-and-closing texts), quoted when either part needs it.
Standard library only.
"""

import argparse
import csv
import datetime as dt
import functools
import io
import operator
import os
import random
import sys
from array import array
from itertools import repeat

HEADERS = ["Crime Reference", "Recorded Date", "Committed Date", "Offence Title",
           "Outcome Description", "Victim Age", "Platform", "Internet Enabled", "Beat",
           "Officer Collar", "Incident Summary"]

FIRST_DAY = dt.date(2014, 1, 1)
LAST_DAY = dt.date(2024, 12, 31)
POOL = 1 << 16          # every pool has this many entries: one 16-bit random number indexes it
BATCH = 20_000          # rows per write (about 8 MB of text)
DEEPFAKE_EVERY = 20_000  # mean gap between rows that mention deepfake

# ---------------------------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------------------------

# (title, weight): common volume crime heavy, the long tail light.
OFFENCES = [
    ("Shoplifting", 140), ("Common Assault", 120), ("Assault Occasion ABH", 90),
    ("Theft From Motor Vehicle", 80), ("Other Criminal Damage", 70), ("Theft Other", 70),
    ("Burglary Dwelling", 60), ("Criminal Damage To Vehicle", 60),
    ("Harassment", 55), ("Theft Of Motor Vehicle", 45), ("Public Order S4A", 40),
    ("Public Order S5", 35), ("Possession Of Cannabis", 35), ("Robbery-Personal Property", 30),
    ("Burglary Business And Community", 30), ("Criminal Damage To Dwelling", 30),
    ("Fraud By False Representation", 30), ("Malicious Communications", 30),
    ("Sending letters etc with intent to cause distress or anxiety", 25),
    ("Stalking", 20), ("Harassment - Stalking involving serious alarm/distress", 15),
    ("Breach Of Non-Molestation Order", 15), ("Make Off W/O Payment", 15),
    ("Theft Of P/Cycle", 15), ("Assault On Emergency Worker", 15),
    ("Controlling Or Coercive Behaviour", 15), ("Theft By An Employee", 8),
    ("Theft From The Person", 12), ("Theft Or Unauth Taking Of Mv", 10),
    ("Aggravated Vehicle Taking", 5), ("Interfering With A Motor Vehicle", 8),
    ("Arson Not Endangering Life", 6), ("Arson Endangering Life", 3),
    ("Criminal Damage To Building Other Than Dwelling", 8),
    ("Racially Or Religiously Aggravated Criminal Damage", 3),
    ("Racially Or Religiously Aggravated Harassment", 4),
    ("Racially Or Religiously Aggravated Public Fear Alarm Or Distress", 6),
    ("Racially Or Religiously Aggravated Common Assault", 3),
    ("Wounding With Intent To Do GBH", 6), ("Inflict GBH Without Intent", 8),
    ("Attempted Murder", 1), ("Murder", 1), ("Manslaughter", 1),
    ("Threats To Kill", 8), ("Possess Offensive Weapon In A Public Place", 8),
    ("Possess Article With Blade Or Point In A Public Place", 8),
    ("Threaten With Blade Or Sharp Pointed Article", 3), ("Possession Of Firearm With Intent", 1),
    ("Possess Controlled Drug Class A", 8), ("Possess Controlled Drug Class B Other", 4),
    ("Possess With Intent To Supply Class A", 6), ("Possess With Intent To Supply Class B", 4),
    ("Supply Class A Controlled Drug", 3), ("Production Of Cannabis", 3),
    ("Robbery Of Business Property", 4), ("Attempted Robbery", 3),
    ("Burglary Dwelling - Attempt", 6), ("Aggravated Burglary Dwelling", 1),
    ("Blackmail", 6), ("Kidnapping", 1), ("False Imprisonment", 1),
    ("Rape Of A Female Aged 16 Or Over", 4), ("Rape Of A Female Child Under 16", 1),
    ("Rape Of A Female Child Under 13", 1), ("Rape Of A Male Aged 16 Or Over", 1),
    ("Sexual Assault On A Female Aged 13 And Over", 5),
    ("Sexual Assault On A Female Child Under 13", 1),
    ("Sexual Assault On A Male Aged 13 And Over", 1),
    ("Sexual Assault On A Male Child Under 13", 1),
    ("Sexual Activity Involving A Child Under 13", 1),
    ("Sexual Activity Involving A Child Under 16", 2),
    ("Sexual Communication With A Child", 3), ("Meeting A Child Following Sexual Grooming", 1),
    ("Causing Or Inciting A Child U13 To Engage In Sexual Activity", 1),
    ("Causing Or Inciting A Child 13-15 To Engage In Sexual Activity", 1),
    ("Take/Make/Distribute Indecent Photographs Of Children", 4),
    ("Possess Indecent Photograph Of A Child", 3), ("Possession Of Prohibited Image Of Child", 1),
    ("Disclosing Private Sexual Photographs With Intent To Cause Distress", 3),
    ("Sharing Intimate Image Without Consent", 2),
    ("Threatening To Share Intimate Image", 2), ("Voyeurism", 1), ("Upskirting", 1),
    ("Exposure", 3), ("Outraging Public Decency", 1),
    ("Cruelty To Children/Young Persons", 3), ("Child Abduction", 1), ("Abandoning A Child", 1),
    ("Computer Misuse - Unauthorised Access To Computer Material", 5),
    ("Computer Misuse - Unauthorised Acts With Intent To Impair", 1),
    ("Fraud By Abuse Of Position", 2), ("Fraud By Failing To Disclose Information", 1),
    ("Cheque, Plastic Card And Online Bank Accounts", 4), ("Online Shopping And Auctions", 4),
    ("Advance Fee Fraud", 2), ("Romance Fraud", 2), ("Investment Fraud", 1),
    ("Obtaining Services Dishonestly", 1), ("Handling Stolen Goods", 3),
    ("Going Equipped For Stealing", 2), ("Forgery Or Use Of False Drug Prescription", 1),
    ("Possession Of False Identity Documents", 1), ("Perverting The Course Of Justice", 1),
    ("Witness Intimidation", 1), ("Breach Of Restraining Order", 6),
    ("Breach Of Criminal Behaviour Order", 2), ("Breach Of Sexual Harm Prevention Order", 1),
    ("Breach Of Domestic Violence Protection Order", 1), ("Bail Offences", 1),
    ("Dangerous Driving", 3), ("Causing Death By Dangerous Driving", 1),
    ("Drink Driving - Over Prescribed Limit", 3), ("Drug Driving", 2),
    ("Failing To Stop After An Accident", 2), ("Driving Whilst Disqualified", 2),
    ("Vehicle Interference", 2), ("Theft Of Pedal Cycle - Attempt", 1),
    ("Theft From Shops - Attempt", 2), ("Theft From Automatic Machine", 1),
    ("Theft Of Mail", 1), ("Dishonestly Retaining A Wrongful Credit", 1),
    ("Abstracting Electricity", 1), ("Criminal Damage - Graffiti", 3),
    ("Racist Or Religious Abuse - Online", 1), ("Hate Crime - Disability", 1),
    ("Hate Crime - Sexual Orientation", 1), ("Hate Crime - Transgender", 1),
    ("Modern Slavery", 1), ("Human Trafficking", 1), ("Forced Marriage", 1),
    ("Female Genital Mutilation", 1), ("Child Sexual Exploitation", 1),
    ("Possession Of Extreme Pornographic Image", 1), ("Obscene Publications", 1),
    ("Affray", 3), ("Violent Disorder", 1), ("Riot", 1), ("Dog Dangerously Out Of Control", 2),
    ("Animal Cruelty", 1), ("Wildlife Crime", 1), ("Trespass With Intent", 1),
    ("Squatting In A Residential Building", 1), ("Fly Tipping", 1),
    ("Misconduct In Public Office", 1), ("Assault On Constable", 2),
    ("Resisting Or Obstructing A Constable", 3), ("Wasting Police Time", 1),
    ("Making Off With Fuel", 3), ("Theft Of Catalytic Converter", 4),
    ("Theft Of Motorcycle Or Moped", 3), ("Keyless Car Theft", 2),
    ("Cuckooing", 1), ("County Lines Exploitation", 1), ("Sextortion", 2),
]

OUTCOMES = [
    ("Investigation Complete: No suspect identified", 30),
    ("Named Suspect identified: evidential difficulties prevent further action "
     "(no victim support)", 18),
    ("Named Suspect identified: evidential difficulties prevent further action "
     "(victim supports)", 10),
    ("Charge/Summons", 10), ("Caution - Adult", 2), ("Caution - Youth", 1),
    ("Community Resolution", 4), ("Penalty Notice for Disorder", 1), ("Cannabis Warning", 1),
    ("Further investigation to support formal action not in the public interest", 2),
    ("Responsibility for further investigation transferred to another body", 2),
    ("Not Recorded", 2), ("Filed, no Susp, no further enq", 6), ("Susp ID: No Victim Support", 4),
    ("Susp ID: Oth Evidential Difficulty", 3), ("Taken into consideration", 1),
    ("Offender died", 1), ("Not in public interest (CPS)", 1),
    ("Prosecution prevented - suspect under age", 1),
    ("Prosecution prevented - suspect too ill", 1),
    ("Diversionary, educational or intervention activity", 1),
    ("Action undertaken by another body/agency", 1), ("Prosecution time limit expired", 1),
    ("Investigation ongoing", 4), ("", 5),
]

# (platform, internet enabled, weight): most crimes have no platform and are not flagged.
PLATFORMS = [
    ("", "N", 900), ("", "Y", 25), ("", "", 15), ("Facebook", "Y", 40), ("Instagram", "Y", 28),
    ("Snapchat", "Y", 26), ("WhatsApp", "Y", 20), ("TikTok", "Y", 10), ("Twitter", "Y", 6),
    ("X (Twitter)", "Y", 3), ("Online", "Y", 10), ("Facebook Messenger", "Y", 8),
    ("Telegram", "Y", 3), ("Discord", "Y", 3), ("YouTube", "Y", 2), ("Xbox Live", "Y", 2),
    ("PlayStation Network", "Y", 1), ("Tinder", "Y", 3), ("Grindr", "Y", 1), ("Hinge", "Y", 1),
    ("Gumtree", "Y", 3), ("eBay", "Y", 3), ("Vinted", "Y", 2), ("Email", "Y", 4),
    ("Text Message", "Y", 6), ("OnlyFans", "Y", 1), ("Kik", "Y", 1), ("Omegle", "Y", 1),
]

FIRST_NAMES = [
    "Aaliyah", "Aaron", "Abdul", "Adebayo", "Aisha", "Amelia", "Amir", "Ava", "Bartosz",
    "Bethany", "Callum", "Chantelle", "Chloe", "Connor", "Daniel", "Darnell", "Deniz", "Ellie",
    "Emeka", "Fatima", "Gurpreet", "Hannah", "Harjit", "Imran", "Jade", "Jamal", "Jasmine",
    "Kacper", "Kai", "Kelly", "Kieran", "Leah", "Liam", "Lily", "Marcus", "Maryam", "Mohammed",
    "Nadia", "Niamh", "Olivia", "Omar", "Oskar", "Priya", "Reece", "Rhys", "Ruby", "Ryan",
    "Samir", "Siân", "Sophie", "Tariq", "Tyler", "Usman", "Wiktoria", "Yasmin", "Zain", "Zoë",
    "Chloé", "Łukasz", "Renée", "Seán", "Małgorzata", "José", "Aoife",
]
SURNAMES = [
    "AHMED", "ALI", "BAKER", "BEGUM", "BRENNAN", "CARTER", "CHAUHAN", "CLARKE", "COOPER",
    "DAVIES", "EDWARDS", "EVANS", "FLETCHER", "GREEN", "HALL", "HUSSAIN", "JACKSON", "JOHAL",
    "KAUR", "KHAN", "KOWALSKI", "LEWIS", "MAHMOOD", "MARSH", "MORRIS", "NOWAK", "O'NEILL",
    "OKAFOR", "PATEL", "PRICE", "REID", "ROBERTS", "SANDHU", "SHAH", "SINGH", "SMITH",
    "TAYLOR", "THOMPSON", "TURNER", "WALKER", "WARD", "WILLIAMS", "WRIGHT", "YOUNG",
    "WÓJCIK", "MÜLLER", "NÚÑEZ", "Ó BRIAIN",
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
    "Wolverhampton railway station", "Broad Street", "a McDonald's on the Hagley Road",
    "Coventry Pool Meadow bus station", "a Tesco car park in Erdington", "the canal towpath",
]
SHOPS = ["Tesco Express", "Co-op", "Boots", "Lidl", "B&M", "Primark", "Superdrug", "Aldi",
         "Sainsbury's Local", "JD Sports", "Home Bargains", "Poundland"]
OUTWARD = ["B6", "B8", "B10", "B11", "B12", "B13", "B14", "B19", "B20", "B21", "B23", "B24",
           "B27", "B29", "B30", "B31", "B33", "B36", "B42", "B44", "B66", "B69", "B70", "B90",
           "WV1", "WV2", "WV4", "WV10", "WV14", "WS1", "WS2", "WS10", "DY1", "DY2", "DY4",
           "CV1", "CV2", "CV3", "CV6"]
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
CARS = ["silver Ford Focus", "black VW Golf", "white Vauxhall Corsa", "grey BMW 3 Series",
        "red Seat Ibiza", "blue Toyota Yaris", "black Audi A3", "white Ford Transit van",
        "black Range Rover Evoque", "silver Nissan Qashqai"]
ITEMS = ["iPhone 13", "Samsung Galaxy S21", "PS5", "Xbox Series X", "MacBook Air",
         "pair of Nike Air Max", "Rolex-style watch", "electric scooter", "gold chain",
         "designer handbag", "mountain bike", "Canon DSLR camera", "set of alloy wheels",
         "catalytic converter", "bank card", "purse", "Dewalt power tools", "AirPods"]
PAY_METHODS = ["PayPal", "bank transfer", "Bitcoin", "Amazon gift cards", "iTunes vouchers",
               "Western Union", "a Monzo account", "Steam cards"]
APPS = ["Facebook", "Instagram", "Snapchat", "WhatsApp", "TikTok", "Twitter", "Telegram",
        "Discord", "text message", "Messenger", "Tinder", "e-mail"]
MESSAGE_QUOTES = [
    "you're dead when I see you", "watch your back", "I know where you live",
    "everyone will know what you are", "you'll regret this", "I'm outside your house",
    "you're nothing without me", "answer the phone or else", "answer me, or I'm coming round",
    "I'll burn your car out", "you've got till Friday", "I'll make sure you lose your job",
    "tell your brother he's next", "pay up or it goes online", "I've got your pictures",
]
BEATS = ["BW03 Ladywood", "BW07 Soho & Jewellery Quarter", "BE05 Bordesley Green",
         "BE09 Washwood Heath", "BS04 Sparkbrook & Balsall Heath", "BS11 Hall Green",
         "BN02 Erdington", "BN06 Kingstanding", "BN09 Sutton Vesey", "BS14 Selly Oak",
         "CV01 Coventry Central", "CV04 Foleshill", "CV07 Earlsdon", "CV11 Tile Hill",
         "DY01 Dudley Central", "DY05 Brierley Hill", "DY08 Stourbridge", "SH03 West Bromwich",
         "SH08 Tipton", "SH12 Oldbury", "SH15 Smethwick", "SO02 Solihull Central",
         "SO06 Chelmsley Wood", "WS01 Walsall Central", "WS05 Bloxwich", "WS09 Darlaston",
         "WV01 Wolverhampton Central", "WV05 Bilston", "WV08 Wednesfield", "WV12 Tettenhall"]
HOUR_WEIGHTS = [3, 2, 2, 1, 1, 1, 2, 3, 5, 6, 7, 7, 7, 7, 7, 8, 8, 9, 9, 9, 8, 7, 5, 4]

# Each note is LEAD + DETAIL + CLOSING. Templates are format strings over the fillers below;
# a DETAIL or CLOSING may start with "\n" (a line break inside the quoted field) or be empty.
LEADS = [
    "IP reports that {name} has been sending abusive messages via {app}, latest at {clock} reads "
    "'{quote}'.",
    "Suspect entered {shop}, {street}, selected {item} to the value of {money} and left without "
    "paying.",
    "MO: entry forced via rear UPVC door using a screwdriver at {addr}.",
    "Domestic: IP's partner {name} grabbed IP by the throat during an argument at {clock} hrs, "
    "leaving red marks.",
    "Suspect kicked the front door of {addr}, cracking the glass panel; estimated cost {money}.",
    "IP approached by two males near {place}, one produced a knife and demanded IP's {item}.",
    "IP's {car} parked on {street} overnight; nearside window smashed and {item} taken.",
    "IP was contacted on {app} by a person claiming to be from her bank and transferred {money} "
    "via {pay}.",
    "IP sold {item} on Gumtree, buyer paid {money} by {pay}; payment later reversed.",
    "IP states {name} has threatened to share intimate images unless she pays {money} via {pay}.",
    "Report of an adult male asking a {child_age} year old for images on {app}.",
    "CALLER STATES NEIGHBOUR {name} IS SHOUTING ABUSE AND BANGING ON THE DOOR AT {addr}.",
    "Following a night out on Broad Street IP was punched once to the face by an unknown male at "
    "{clock}.",
    "Officers attended {addr} after a 999 call; \"he's smashing the place up\" heard in the "
    "background.",
    "Catalytic converter cut from IP's {car} on the driveway of {addr} between {clock} and "
    "{clock2}.",
    "Stop search on {street}: {name} found in possession of a snap bag of white powder and "
    "{money} in cash.",
    "IP's {item} stolen from a locker at {place}; CCTV requested.",
    "Suspect {name} has set up fake profiles on {app} to contact IP after being blocked.",
    "IP paid {money} for a puppy advertised online, no puppy delivered and seller now blocked.",
    "Shop staff at {shop} report a male, \"known to them\", concealing meat in a rucksack.",
    "Racially aggravated: suspect shouted abuse at IP on the bus near {place} at {clock}.",
    "Third party report from school DSL: pupil aged {child_age} disclosed images shared on {app}.",
]
DETAILS = [
    "", "", "", "",
    " PROPERTY: {item} and cash, total value approx {money}.",
    " Occupants away between {clock} and {clock2}. Untidy search of all rooms.",
    "\nHouse-to-house completed, negative. CCTV viewed at {shop}, poor quality.",
    " Suspect described as white male, 20-25 yrs, slim build, wearing a black North Face jacket, "
    "grey joggers.",
    " IP contact: {phone}. E-mail: {email}.",
    "\nSuspect believed to be {name}, DOB {dob}.",
    " Children present. DASH: {dash}. Referral to IDVA made.",
    " IP has provided screenshots, attached to the crime; messages sent from {handle}.",
    " Injuries: swelling to left eye and a cut to the lip, IP declined medical treatment.",
    " Vehicle seen making off towards {street}, partial VRM \"{vrm}\".",
    "\nStatement obtained from IP. Body-worn video recorded by attending officers.",
    " Bank ({pay}) contacted, fraud team reference {phone2}; {money} of {money2} recovered.",
    " Suspect arrested at {clock} and conveyed to custody, interview to follow.",
    " IP states: \"I just want it to stop, I don't want him arrested.\"",
    " Witness {name2} states the male \"ran off towards {place}\".",
    " Forensic examination: fingerprints lifted from the point of entry, SOCO ref {phone2}.",
    " Suspect {name} is IP's ex-partner, relationship ended {when} ago.",
    "\nRISK: IP is {age} and lives alone; safeguarding referral submitted.",
]
CLOSINGS = [
    "", "", "",
    " No further lines of enquiry.",
    " Filed pending further information.",
    "\nOIC: DC {collar}. Victim updated by phone on {dob}.",
    " Suspect interviewed, denies offence, RUI.",
    " CPS advice sought; charged and remanded.",
    " Community resolution agreed, IP happy with this outcome.",
    " Victim Support details provided.",
    " Crime Prevention advice given; IP to fit a doorbell camera.",
    "\nSEE ALSO LOG {log} OF {dob}.",
    " Outcome: NFA, evidential difficulties.",
    " IP does not support a prosecution at this time.",
]
# Spellings a notes search for "deepfake" OR "deep fake" has to find (hyphen, case, a line
# break between the words), each a whole lead.
DEEPFAKE_LEADS = [
    "IP reports a deepfake video of her has been shared on {app} by {name}.",
    "IP states that an ex-partner created deep fake images of her and threatened to post them "
    "unless she paid {money}.",
    "School DSL reports pupils circulating a DEEPFAKE nude image of a {child_age} year old on "
    "{app}.",
    "IP received a Deep-Fake video call from someone posing as her son asking for {money} via "
    "{pay}.",
    "Suspect {name} used a deep\nfake app to put IP's face on explicit images; shared on {app}.",
    "IP's employer was sent 'deepfaked' audio of IP, demand for {money} in {pay}.",
]


# ---------------------------------------------------------------------------------------------
# Pools
# ---------------------------------------------------------------------------------------------

def weighted_pool(items, weights):
    """A list of POOL entries holding each item in proportion to its weight."""
    total = sum(weights)
    pool = []
    for item, w in zip(items, weights):
        pool.extend([item] * max(1, round(POOL * w / total)))
    while len(pool) < POOL:  # rounding: pad with the heaviest item, trim the excess
        pool.append(items[weights.index(max(weights))])
    return pool[:POOL]


def money(r):
    pounds = int(r.paretovariate(1.1) * 20)
    if pounds > 250_000:
        pounds = r.randrange(20, 5000)
    if pounds >= 100:
        pounds = pounds // 10 * 10
    text = "£{:,}".format(pounds)
    if pounds < 200 and r.random() < 0.4:
        text += ".%02d" % r.randrange(100)
    return text


def two_times(r):
    a, b = sorted((r.randrange(1440), r.randrange(1440)))
    return "%02d:%02d" % divmod(a, 60), "%02d:%02d" % divmod(b, 60)


class Fillers(dict):
    """The values of one note's {placeholders}, each drawn when the template first asks for it
    (cheaper than drawing all of them for every template)."""

    def __init__(self, r):
        super().__init__()
        self.r = r

    def __missing__(self, key):
        r = self.r
        if key in ("name", "name2"):
            value = "%s %s" % (r.choice(FIRST_NAMES), r.choice(SURNAMES))
        elif key in ("money", "money2"):
            value = money(r)
        elif key in ("clock", "clock2"):
            self["clock"], self["clock2"] = two_times(r)
            return self[key]
        elif key == "addr":
            value = "%d %s, %s %d%s%s" % (r.randrange(1, 240), r.choice(STREETS),
                                          r.choice(OUTWARD), r.randrange(10),
                                          r.choice(INWARD_LETTERS), r.choice(INWARD_LETTERS))
        elif key == "age":
            value = r.randrange(11, 90)
        elif key == "child_age":
            value = r.randrange(11, 18)
        elif key == "phone":
            value = "07700 900%03d" % r.randrange(1000)
        elif key == "phone2":
            value = "%d/%05d/%02d" % (r.randrange(10, 99), r.randrange(100000), r.randrange(14, 25))
        elif key == "email":
            first, last = r.choice(FIRST_NAMES), r.choice(SURNAMES)
            local = "".join(c for c in (first + "." + last).lower()
                            if c.isascii() and (c.isalnum() or c == "."))
            value = "%s%d@example.%s" % (local, r.randrange(70, 100),
                                         r.choice(["com", "org", "net"]))
        elif key == "handle":
            value = "@%s_%d" % (r.choice(FIRST_NAMES).lower(), r.randrange(1, 99))
        elif key == "dob":
            value = "%02d/%02d/%d" % (r.randrange(1, 29), r.randrange(1, 13),
                                      r.randrange(1950, 2010))
        elif key == "dash":
            value = r.choice(["STANDARD", "MEDIUM", "HIGH"])
        elif key == "vrm":
            value = "%s%02d" % ("".join(r.choice("ABCDEFGHJKLMNOPRSTVWXY") for _ in range(2)),
                                r.randrange(10, 75))
        elif key == "collar":
            value = r.randrange(1000, 99999)
        elif key == "log":
            value = r.randrange(1, 5000)
        elif key == "when":
            value = r.choice(["two weeks", "a month", "three months", "six months", "a year"])
        else:
            value = r.choice(WORDS[key])
        self[key] = value
        return value


WORDS = {"app": APPS, "quote": MESSAGE_QUOTES, "shop": SHOPS, "street": STREETS, "place": PLACES,
         "item": ITEMS, "car": CARS, "pay": PAY_METHODS}


def fill(r, template):
    text = template.format_map(Fillers(r))
    # Line breaks inside the notes: about one row in eight has one.
    if text.startswith("\n") and r.random() < 0.7:
        text = " " + text[1:]
    return text


def clip(text, high):
    """text cut at the last space before high characters."""
    if len(text) <= high:
        return text
    cut = text.rfind(" ", 0, high)
    return text[:cut if cut > 0 else high]


def text_pool(r, templates, low, high, n):
    """n texts of one or more templates, of low to high characters."""
    out = []
    while len(out) < n:
        text = fill(r, r.choice(templates))
        while len(text) < low:
            text += " " + fill(r, r.choice(templates))
        out.append(clip(text, high))
    return out


def detail_pool(r, templates, high, n):
    """n texts of zero or more templates (usually one or two), at most high characters."""
    return [clip("".join(fill(r, t) for t in r.sample(templates, r.choice([0, 1, 1, 2, 2, 3]))),
                 high) for _ in range(n)]


@functools.lru_cache(maxsize=None)
def csv_field(text):
    """text as one CSV field, quoted as the csv module quotes it (QUOTE_MINIMAL)."""
    if text == "":
        return ""  # the csv module writes a lone empty field as "" (not to look like no row)
    buf = io.StringIO()
    # The line terminator takes part in the quoting decision (Python 3.11 quotes a field for
    # \r or \n only when they are in it), so use the file's own.
    csv.writer(buf, lineterminator="\r\n").writerow([text])
    return buf.getvalue()[:-2]


def csv_escaped(text):
    """text with its quotes doubled as the csv module does inside a quoted field, and whether a
    field containing it needs quoting (1) or not (0)."""
    quoted = csv_field(text)
    if quoted.startswith('"'):
        return quoted[1:-1], 1
    return text, 0


def build_pools(r):
    """The pools of POOL entries that rows are made of, already in CSV form. Columns drawn
    independently are joined into two pools ("offence,outcome,age" and "platform,internet
    enabled,beat,collar") of independently drawn tuples, which halves the per-row work and
    still gives 2^32 combinations."""
    offences, ow = zip(*OFFENCES)
    offence = weighted_pool(list(offences), list(ow))
    outcomes, uw = zip(*OUTCOMES)
    outcome = weighted_pool(list(outcomes), list(uw))
    # Victim age: about 5% blank, children and young people over-represented as in real data.
    age = []
    for _ in range(POOL):
        u = r.random()
        if u < 0.05:
            age.append("")
        elif u < 0.20:
            age.append(str(r.randrange(5, 19)))
        else:
            age.append(str(max(19, min(99, int(r.gauss(38, 15))))))
    platform_ie = weighted_pool([(a, b) for a, b, _ in PLATFORMS], [w for _, _, w in PLATFORMS])
    beat = [BEATS[i % len(BEATS)] for i in range(POOL)]
    collar = [r.choice(["", "PC ", "DC ", "PS ", "PCSO "]) + str(r.randrange(1000, 99999))
              for _ in range(POOL)]
    for column in (offence, outcome, age, platform_ie, beat):
        r.shuffle(column)
    p = {
        "mid_a": [",".join(map(csv_field, t)) for t in zip(offence, outcome, age)],
        "mid_b": [",".join(map(csv_field, (pi[0], pi[1], b, c)))
                  for pi, b, c in zip(platform_ie, beat, collar)],
    }
    # " HH:MM" weighted by hour of day.
    times = []
    for h, w in enumerate(HOUR_WEIGHTS):
        times.extend(" %02d:%02d" % (h, m) for m in range(60) for _ in range(w))
    p["time"] = [times[(i * len(times)) // POOL] for i in range(POOL)]
    r.shuffle(p["time"])
    # Days between committed and recorded date; BLANK_LAG for a blank committed date (~25%).
    p["lag"] = [BLANK_LAG if r.random() < 0.25 else min(int(r.expovariate(1 / 6)), MAX_LAG)
                for _ in range(POOL)]
    # Notes: lead (50..200 characters) + tail: detail (0..250) and closing (0..150).
    n = 8192
    lead = text_pool(r, LEADS, 50, 200, n) * (POOL // n)
    deepfake = text_pool(r, DEEPFAKE_LEADS, 50, 200, n) * (POOL // n)
    for key, texts in (("lead", lead), ("deepfake", deepfake)):
        p[key], p[key + "_q"] = map(list, zip(*map(csv_escaped, texts)))
    detail = list(map(csv_escaped, detail_pool(r, DETAILS, 250, n)))
    closing = list(map(csv_escaped, detail_pool(r, CLOSINGS, 150, n)))
    tail = [(d[0] + c[0], d[1] | c[1])
            for d, c in ((detail[r.randrange(n)], closing[r.randrange(n)]) for _ in range(POOL))]
    p["tail"], p["tail_q"] = map(list, zip(*tail))
    return p


# ---------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------

MAX_LAG = 400
BLANK_LAG = -5000  # below -(days in 2014-2024): lands past the dates, on the blanks


def u16(r, n):
    """n random numbers 0..65535, the same on every platform."""
    a = array("H", r.randbytes(2 * n))
    if sys.byteorder == "big":
        a.byteswap()
    return a


def day_indexes(start, end, rows, nday):
    """For rows start..end-1 of rows, the day (0..nday-1) each is recorded on: rows spread
    evenly over the days in order, row g on day g * nday // rows."""
    out = []
    d = start * nday // rows
    g = start
    while g < end:
        # first row of day d + 1: the least g with g * nday >= (d + 1) * rows
        nxt = min(end, -(-(d + 1) * rows // nday))
        out.extend(repeat(d, nxt - g))
        g = nxt
        d += 1
    return out


def generate(rows, seed, out):
    """Write the header and rows data rows to out, a binary file."""
    r = random.Random(seed)
    p = build_pools(r)
    days = [FIRST_DAY + dt.timedelta(d) for d in range((LAST_DAY - FIRST_DAY).days + 1)]
    nday = len(days)
    day_text = [d.strftime("%d/%m/%Y") for d in days]
    year_text = [str(d.year) for d in days]
    # Committed date by index day + MAX_LAG - lag: the dates from MAX_LAG days before the
    # first day, then blanks for BLANK_LAG.
    committed_text = [(FIRST_DAY + dt.timedelta(d - MAX_LAG)).strftime("%d/%m/%Y")
                      for d in range(nday + MAX_LAG)]
    committed_text += [""] * (nday + MAX_LAG - BLANK_LAG - len(committed_text))
    lag, time_, mid_a, mid_b = p["lag"], p["time"], p["mid_a"], p["mid_b"]
    lead, lead_q, tail, tail_q = p["lead"], p["lead_q"], p["tail"], p["tail_q"]
    deepfake, deepfake_q = p["deepfake"], p["deepfake_q"]
    quote_mark = ("", '"')  # by needs-quote flag

    out.write(",".join(map(csv_field, HEADERS)).encode() + b"\r\n")
    next_deepfake = int(r.expovariate(1 / DEEPFAKE_EVERY))
    for start in range(0, rows, BATCH):
        end = min(rows, start + BATCH)
        n = end - start
        dayidx = day_indexes(start, end, rows, nday)
        refs = map("CR-{}-{:08d}".format, map(year_text.__getitem__, dayidx),
                   range(start + 1, end + 1))
        recorded = map(operator.add, map(day_text.__getitem__, dayidx),
                       map(time_.__getitem__, u16(r, n)))
        committed = map(committed_text.__getitem__,
                        map(operator.sub, map(operator.add, dayidx, repeat(MAX_LAG)),
                            map(lag.__getitem__, u16(r, n))))
        li, ti = u16(r, n), u16(r, n)
        leads, leads_q = list(map(lead.__getitem__, li)), list(map(lead_q.__getitem__, li))
        while next_deepfake < end:
            i = next_deepfake - start
            leads[i], leads_q[i] = deepfake[li[i]], deepfake_q[li[i]]
            next_deepfake += 1 + int(r.expovariate(1 / DEEPFAKE_EVERY))
        marks = list(map(quote_mark.__getitem__,
                         map(operator.or_, leads_q, map(tail_q.__getitem__, ti))))
        notes = map("".join, zip(marks, leads, map(tail.__getitem__, ti), marks))
        lines = map(",".join, zip(
            refs, recorded, committed, map(mid_a.__getitem__, u16(r, n)),
            map(mid_b.__getitem__, u16(r, n)), notes))
        out.write(("\r\n".join(lines) + "\r\n").encode("utf-8"))


def main(argv=None):
    ap = argparse.ArgumentParser(description="Write a synthetic force-like crime export (CSV).")
    ap.add_argument("--rows", type=int, required=True, help="number of data rows")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--out", default="-", help="output file (default: stdout)")
    args = ap.parse_args(argv)
    if args.rows < 0:
        ap.error("--rows must be 0 or more")
    try:
        if args.out == "-":
            generate(args.rows, args.seed, sys.stdout.buffer)
            sys.stdout.buffer.flush()
        else:
            with open(args.out, "wb") as out:
                generate(args.rows, args.seed, out)
    except BrokenPipeError:
        # e.g. | head: not an error; keep Python from complaining at exit
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


if __name__ == "__main__":
    sys.exit(main())
