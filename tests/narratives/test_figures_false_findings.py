"""Hunting false findings: correct sentences in the house style are left alone.

"A false finding is worse than a missed one": every sentence in AGREEING is right (its arithmetic
was worked by hand), so the check must be silent on all of them. WRONG keeps the main rules
honest in the same styles: a direction, difference, percentage or share that is wrong is found.
"""

import pytest

from narratives.figures.check import check_text
from narratives.figures.numbers import find_numbers

AGREEING = [
    "The control room answered 24,310 emergency calls (999) in Q2, up from 21,870 in Q2"
    " 2019/20, an increase of 2,440 (11.2%).",
    "Non-emergency calls to 101 totalled 61,204, down from 64,990 in the previous quarter.",
    "Officers made 1,126 arrests this quarter compared with 1,090 in Q1, 36 more than the"
    " quarter before.",
    "A further 12 warrants were executed under Section 23 of the Misuse of Drugs Act 1971.",
    "Operation SHIELD II seized £1.2m in cash and 14.5kg of cocaine between 1st July 2020"
    " and 30th September 2020.",
    "Between 10 and 20 officers attended each weekend patrol in the town centre.",
    "Response times to urgent incidents fell to 11 minutes from 13 minutes in 2019/20.",
    "Calls are answered within 24 hours on the 101 line and within 10 seconds on 999.",
    "A boy aged 16 and a man aged 19 were arrested on 3rd August 2020.",
    "Over 200 people attended the COVID-19 briefings held across the county.",
    "Approximately 2,500 leaflets were delivered, up from around 1,800 last year.",
    "Of the 1,261 victims contacted, 1,024 (81.2%) said they were satisfied.",
    "81.2% (1,024) of the 1,261 victims contacted said they were satisfied.",
    "Knife crime offences were down to 3 from 5 in the same period last year.",
    "Hate crime reports rose from 10 to 12 during the quarter.",
    "The team recovered 4 stolen vehicles, 7 firearms and 12 knives in seven weeks.",
    "Anti-social behaviour incidents fell by 120 to 1,480, compared with 1,600 in Q2 2019/20.",
    "Drink-drive arrests rose by 15 to 85, up from 70 last summer.",
    "Burglary fell by 8.3 percentage points to 41.2% of all recorded offences.",
    "Positive outcomes were 23.5%, up 2.1 percentage points from 21.4%.",
    "Seizures under Section 1 of PACE doubled from 40 to 80 over the quarter.",
    "Missing person reports halved from 120 to 60 after the new protocol.",
    "Shoplifting was not down this quarter: 410 offences against 398 in Q1.",
    "Contact us on 01234 567890 or call 101 to report a concern.",
    "Four courses were run for 36 new Special Constables during the quarter.",
    "Up to 30 officers a day were deployed during the COVID-19 lockdown.",
    "Stop and search encounters rose to 930 this quarter from 870 in Q1, an increase of 60 (6.9%).",
    "Cannabis seizures totalled 1.5kg, up from 0.9kg in Q2 2019/20.",
    "Cash seized under the Proceeds of Crime Act 2002 reached £245,000, compared with"
    " £180,000 last year, an increase of £65,000.",
    "There were 17 road deaths, 3 fewer than the 20 recorded in 2019/20.",
    "The 999 service handled 5,012 calls in July, 5,330 in August and 4,987 in September.",
    "Recorded crime fell by 9% year on year, with 12,400 offences compared with 13,650.",
    "Volunteers gave 3,400 hours, up from 2,950 hours in Q1, an increase of 450 hours.",
    "Officers visited 48 licensed premises and found problems at six of them.",
    "The number of domestic abuse arrests rose by 22 to 310, while repeat victims fell from"
    " 95 to 81.",
    "Calls increased from 500 to 550 and arrests decreased from 40 to 35.",
    "In the past 12 months, 72 firearms were surrendered, up from 51.",
    "Of the 400 calls received, 320 (80%) were answered within 20 seconds.",
    "Twenty-two drivers were reported for using a mobile phone, up from fifteen last quarter.",
    "Over 1,000 children aged 11 to 16 took part in the school sessions.",
    "Operation SHIELD II ran for 2 weeks and made 14 arrests.",
    "COVID-19 breaches led to 312 fixed penalty notices, down from 455 in Q1.",
    "Our 24/7 control room took 999 calls from 3,200 callers in the first week.",
    "Figures for 2019/20 Q2 show 1,302 thefts; this quarter shows 1,198, a decrease of 104 (8.0%).",
    "The rate of 5.4 crimes per 1,000 population is down from 5.9 per 1,000.",
    "Response officers attended 92.3% of emergency incidents within 15 minutes, up from 90.1%.",
    "Seized cash rose to £5.4m from £4.9m, up £0.5m on the year before.",
    "Drug seizures increased by 2.3kg to 11.8kg.",
    "Two men, aged 24 and 31, were charged with 9 offences.",
    "Officers issued 45 warrants in July; a further 38 were issued in August.",
    "The helpline received 640 calls, up 12% on last year, of which 85% (544) were resolved"
    " at first contact.",
    "Reports of fraud rose 14% to 1,140.",
    "Vehicle crime was down 6% compared with the same quarter of 2019/20.",
    "Section 28 of the Act was used 3 times, compared with 5 times in Q1.",
    "From 1st April to 30th June there were 203 reports, compared with 188 in the same"
    " period of 2019.",
    "Anti-social behaviour fell from 2,104 to 1,870 (down 234, or 11.1%).",
    "A total of 58 people were arrested, 11 more than in Q1 when 47 were arrested.",
    "The number of cyber crime reports was 342, not down from 342 but unchanged.",
    "Response time targets were met in 9 of 10 districts.",
    "Rape reports went up from 81 to 94, an increase of 13 (16.0%).",
    "Call answer times improved from 45 seconds to 30 seconds, down 15 seconds.",
    "Of 250 drivers stopped, 12 were over the limit and 3 were unlicensed.",
    "Seven officers and four staff received commendations in 2020.",
    "The unit seized 3.2kg of heroin worth approximately £320,000.",
    "Thefts from vehicles dropped by a third, from 300 to 200.",
    "The number of hate crimes rose by 2 from 46 to 48 (4.3%).",
    "There were 16 fatalities compared with 10 in Q2 2019/20, an increase of 6.",
    "Arrests for possession with intent to supply were 64, up from 48, an increase of 33.3%.",
    "Domestic abuse incidents were 2,410, compared with 2,390 last year (up 0.8%).",
    "Calls to 101 fell 4.2% to 61,204 from 63,890.",
    "Burglary dwelling fell by 15 offences (6%) from 250 to 235.",
    "Overall satisfaction was 78%, down 2 points from 80%.",
    "In 4 districts cases were up from 10 to 12.",
    "Across the 3 teams offences were down from 5 to 3.",
    "The 5 teams made 12 more arrests than the 30 in June.",
    "In Q2 there were 30 events; calls were up 10% from 200 to 220.",
    "Section 28 powers were used, up from 30 last year.",
    "999 calls were up from 21,870 last year.",
    "Arrests were 40, compared with 30 in June and an increase of 5 on the week before.",
    "Arrests were 40, compared with 30 in June and an increase of 5 on the previous week.",
    "Patrols were 24 a night, up from 1 July 2020.",
    "Reports were not up from 12 last year, staying at 12.",
    "The figure of 340 was not an increase of 20 on last year.",
    "Tier 3 restrictions came in, with fines up from 10 last month.",
    "Phase 2 of the plan saw 14 arrests, down from 20.",
    "Thefts were 120; there was no decrease from 130 as forecast.",
    "Arrests increased from 30 to 45, up 15, and charges rose from 20 to 26, up 6.",
    "There were 45 arrests in July, 12 more than June, compared with 40 in August.",
    "Staff sickness was 4.1%, down 0.6 points from 4.7%.",
    "Attendance at 48 events was 2,100, up from 1,950 at 40 events last year.",
    "Patrols ran from 8pm to 4am with 6 officers, up from 4.",
    "The 101 service answered 61,204 calls, up from 59,000.",
    "Officers attended 320 calls, up from 290, of which 80 (25%) were domestic.",
    "The team of 12 made 40 arrests, down 5 on Q1.",
    "Calls fell 5% from 1,000 to 950, a drop of 50.",
    "Crime was down 3.5% compared with 2019/20 and 6% compared with 2018/19.",
    "On 12 August 2020, 14 people were arrested, up from 9 on 12 July.",
    "A total of 9 arrests were made at 2 addresses, up from 7 at 3 addresses last time.",
    "The budget is £1.2m, up £0.2m from £1m.",
    "Seizures rose to 2.4kg from 1.9kg, up 0.5kg.",
    "The rate was 12 per 1,000, down from 14.",
    "Rates fell from 14 per 1,000 to 12.",
    "Of these 40 arrests, 10 (25%) led to charges and 5 of the 10 (50%) to convictions.",
    "Calls answered within 10 seconds rose from 85% to 88%, an increase of 3 percentage points.",
    "Calls answered within 10 seconds rose from 85% to 88%, an increase of 3.5%.",
    "There were 12 arrests, 3 more than the 9 in Q1 and 5 fewer than the 17 in Q2 2019/20.",
    "Burglary fell by a quarter, down 25% from 400 to 300.",
    "Weekly patrols doubled to 20 and arrests rose 50%.",
    "The force recruited 180 officers towards the uplift of 6,000 more than the 2019 figure.",
    "Victims aged 16 to 24 were 310, up from 280, an increase of 30 (10.7%).",
    "Operation SHIELD II seized 3 firearms, down from 7, and 14 knives, up from 9.",
    "Fewer than 5 complaints were received, down from 12.",
    "Arrests were 1,200, up from 1,150 (4.3%).",
    "Arrests were 1,200 (up from 1,150, 4.3%).",
    "Officers made 300 arrests (up 8% from 278).",
    "The 2020/21 target of 500 was exceeded by 40, with 540 referrals.",
    "Arrests rose from 30 in July to 45 in September.",
    "There were 3 deaths, one fewer than the 4 in Q1.",
    "Seven officers were injured, two fewer than the nine in Q1.",
    "Response took 8 minutes, 2 less than the 10 minute target.",
    "In the 12 weeks to 30 September, 450 arrests were made, up from 400.",
    "Calls rose to 930 from 870, 60 more than in Q1.",
    "Patrols were stepped up to 20 a night from 1 July.",
    "Cover was scaled down to 4 officers from 8pm.",
    "Officers worked up to 12 hours a day from 20 March.",
    "Of the 12 warrants, 9 (75%) were executed at dawn.",
    "Of the 40 officers, 12 (30%) were trained in 2019, 10 (25%) in 2020.",
    "Of the 400 calls, 120 (30%) were about COVID-19 breaches.",
    "The wait fell to 4 minutes from 10 minutes, 6 minutes less than last year.",
    "Arrests increased to 45 in September from 30 in July.",
    "Knife crime fell to 21 offences in Q2 from 34 in Q1, a reduction of 13 (38.2%).",
    "Calls to 999 rose by 2,400 to 24,310 from 21,910.",
    "Calls to 999 rose by 2,400 to 24,310.",
    "Arrests rose by 10 to 50, a rise of 25%.",
    "The 12 officers were up from 10 to 11 hours per shift.",
    "Operation SHIELD II arrested 14 people, up from 9 on Operation SHIELD I.",
    "The unit now has 16 officers, an increase of 4 on the 12 in post last year.",
    "Confidence rose to 81% from 78%, up 3 points.",
    "Confidence rose to 81% from 78%, up 3.8%.",
    "Burglary was down 12% to 440 from 500.",
    "We seized £2.3m, down from £2.6m, a fall of £300,000 (11.5%).",
    "Hours lost to sickness fell to 1,200 hours from 1,450 hours.",
    "It was neither up nor down from 45 last year.",
    "Far from being down from 30, arrests rose to 34.",
    "Arrests were 34, which is not a decrease from 30.",
    "Arrests did not fall from 30 to 24 as reported earlier; they rose to 34.",
    "Between 1 July and 30 September, 2,310 crimes were recorded, down from 2,540.",
    "By 30 September, 120 officers were trained, up from 80 by 30 June.",
    "At 31 March 2020 the headcount was 212, compared with 198 a year earlier, an increase of 14.",
    "The 24 hours after the match saw 40 arrests, up from 32.",
    "Ten officers in 3 teams arrested 12 people, up from 8.",
    "Offences fell from 1,000 to 900 (10%), and from 900 to 810 (10%) the quarter after.",
    "Calls were 5,000 in July, up 10% from 4,545 in June.",
    "Reports were 1,234, 1,240 and 1,250 in July, August and September, up from 1,100 a month.",
    "Test purchases: 20 premises visited, 3 sold (15%) of the 20.",
    "Around 40% (1,024) of the 2,500 calls were about noise.",
    "Emergency calls totalled 24,310, of which 23,100 (95%) were answered within 10 seconds.",
]


def test_corpus_is_large_enough_to_mean_something():
    assert len(AGREEING) >= 60
    assert len(set(AGREEING)) == len(AGREEING)


@pytest.mark.parametrize("text", AGREEING)
def test_agreeing_sentence_is_silent(text):
    assert [(f.stated, f.expected) for f in check_text(text)] == []


def test_agreeing_corpus_as_one_entry_is_silent():
    assert check_text("\n\n".join(AGREEING)) == []


WRONG = [
    (
        "Officers made 1,126 arrests this quarter, down from 1,090 in Q1.",
        ("direction", "1,126 … down from 1,090", "up: 1,126 is more than 1,090"),
    ),
    (
        "Hate crime reports fell from 10 to 12 during the quarter.",
        ("direction", "fell from 10 to 12", "up: 12 is more than 10"),
    ),
    (
        "Knife crime rose to 21 offences in Q2 from 34 in Q1.",
        ("direction", "rose to 21 offences in Q2 from 34", "down: 21 is less than 34"),
    ),
    (
        "In 4 districts cases were down from 10 to 12.",
        ("direction", "down from 10 to 12", "up: 12 is more than 10"),
    ),
    (
        "Twenty-two drivers were reported, down from fifteen last quarter.",
        ("direction", "Twenty-two … down from fifteen", "up: Twenty-two is more than fifteen"),
    ),
    (
        "Cash seized reached £5.4m, down from £4.9m.",
        ("direction", "£5.4m … down from £4.9m", "up: £5.4m is more than £4.9m"),
    ),
    (
        "The number of cyber crime reports was 342, down from 342.",
        ("direction", "down from 342", "no change: 342 is the same as 342"),
    ),
    (
        "There were 17 road deaths, 5 fewer than the 20 recorded in 2019/20.",
        ("difference", "5", "3"),
    ),
    ("Rape reports went up from 81 to 94, an increase of 15 (16.0%).", ("difference", "15", "13")),
    (
        "Cash seized reached £245,000, compared with £180,000 last year, an increase of £75,000.",
        ("difference", "£75,000", "£65,000"),
    ),
    (
        "Volunteers gave 3,400 hours, up from 2,950 hours in Q1, an increase of 350 hours.",
        ("difference", "350 hours", "450 hours"),
    ),
    ("Seizures rose to 2.4kg from 1.9kg, up 0.7kg.", ("difference", "0.7kg", "0.5kg")),
    (
        "Knife crime fell to 21 offences in Q2 from 34 in Q1, a reduction of 15.",
        ("difference", "15", "13"),
    ),
    (
        "Calls totalled 24,310, up from 21,870 last year, an increase of 2,440 (12.2%).",
        ("percentage", "12.2%", "11.2%"),
    ),
    (
        "Stop and search encounters rose to 930 this quarter from 870 in Q1, an increase of 60"
        " (9.6%).",
        ("percentage", "9.6%", "6.9%"),
    ),
    (
        "Of the 400 calls received, 320 (82%) were answered within 20 seconds.",
        ("share", "82%", "80%"),
    ),
    ("Of the 12 warrants, 9 (70%) were executed at dawn.", ("share", "70%", "75%")),
    ("81.2% (1,024) of the 1,361 victims contacted were satisfied.", ("share", "81.2%", "75.2%")),
]


@pytest.mark.parametrize(("text", "expected"), WRONG)
def test_wrong_sentence_is_found(text, expected):
    found = [(f.key.split("-")[0], f.stated, f.expected) for f in check_text(text)]
    assert found == [expected]


# What made the false findings: the fixes, one by one, each with its caught counterpart ---------


def test_a_label_or_date_is_not_a_figure():
    text = "Section 28 powers, Tier 3 rules, Phase 2 work, 1 July 2020 and July 14 2020."
    assert [n.text for n in find_numbers(text)] == []
    assert [n.text for n in find_numbers("28 sections, 3 tiers and 14 days")] == ["28", "3", "14"]


def test_a_phone_number_named_by_what_follows_is_not_a_figure():
    assert find_numbers("999 calls were up, the 101 service and 999 and 101 alike") == []
    assert [n.value for n in find_numbers("We received 999 reports.")] == [999]


def test_a_denied_change_is_not_checked():
    assert check_text("Reports were 342, not down from 342.") == []
    assert check_text("Reports were 342, down from 342.") != []


def test_a_setting_before_a_change_is_not_its_new_figure():
    assert check_text("In 4 districts cases were up from 10 last year.") == []
    assert check_text("Cases were 4, up from 10 last year.") != []


def test_more_than_takes_its_new_figure_only_when_set_off():
    assert check_text("The 5 teams made 12 more arrests than the 30 in June.") == []
    assert check_text("The teams made 5 arrests, 12 more than the 30 in June.") != []


def test_a_difference_with_its_own_base_is_not_joined_to_a_comparison():
    text = "Arrests were 40, compared with 30 in June and an increase of 5 on the week before."
    assert check_text(text) == []
    assert check_text("Arrests were 40, compared with 30 in June, an increase of 5.") != []
