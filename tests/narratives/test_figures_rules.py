"""The change and share rules over single sentences, true and false, in the project's words."""

import pytest

from narratives.figures.check import check_text


def findings(text):
    return [(f.stated, f.expected) for f in check_text(text)]


# Direction: the word agrees with the two figures it relates -------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Burglaries stood at 312 this quarter, down from 340 a year ago.",
        "Road deaths were 16, up from 10 in the same quarter of 2019/20.",
        "Volunteer hours rose from 590 to 612 over the summer.",
        "Reports fell from 1,204 to 1,100 after the campaign.",
        "There were 45 more arrests than the 120 of last quarter, a total of 165.",
    ],
)
def test_direction_that_agrees_is_silent(text):
    assert findings(text) == []


def test_down_when_the_figure_went_up_is_found():
    found = check_text("We recorded 254 serious injuries on the roads, down from 238 last year.")
    assert len(found) == 1
    assert found[0].stated == "254 … down from 238"
    assert found[0].expected == "up: 254 is more than 238"
    assert "says down" in found[0].message


def test_up_when_the_figure_went_down_is_found():
    assert findings("Cadet numbers were 410, up from 452 last spring.") == [
        ("410 … up from 452", "down: 410 is less than 452")
    ]


def test_rose_from_to_read_both_ways_round():
    assert findings("Applications rose from 260 to 245 during the quarter.") == [
        ("rose from 260 to 245", "down: 245 is less than 260")
    ]


def test_went_up_and_went_down():
    assert findings("Cautions went up from 10 to 16 over the summer.") == []
    assert findings("Cautions went down from 10 to 16 over the summer.") == [
        ("went down from 10 to 16", "up: 16 is more than 10")
    ]


def test_a_change_stated_between_equal_figures_is_found():
    assert (
        findings("The team had 27 members, up from 27.")[0][1] == "no change: 27 is the same as 27"
    )


def test_compared_with_alone_states_no_direction():
    assert findings("Headcount was 506 at the end of June, compared with 516 a year earlier.") == []


# Difference: D equals X - Y where both are given --------------------------------------------------


def test_compared_with_and_a_right_increase_is_silent():
    text = "We took 78,753 calls, compared with 76,803 before, an increase of 1,950 (2.5%)."
    assert findings(text) == []


def test_compared_with_and_a_wrong_increase_is_found():
    text = "We took 78,753 calls, compared with 76,803 before, an increase of 1,905."
    assert findings(text) == [("1,905", "1,950")]


def test_a_decrease_in_the_wrong_direction_is_reported_once():
    text = "We took 78,753 calls compared to 76,803 in spring, a decrease of 1,950."
    assert findings(text) == [("78,753 … compared to 76,803 in spring, a decrease of 1,950",
                               "up: 78,753 is more than 76,803")]  # fmt: skip


def test_more_than_with_three_figures():
    assert findings("Officers made 300 arrests, 45 more than the 255 in spring.") == []
    assert findings("Officers made 300 arrests, 54 more than the 255 in spring.") == [("54", "45")]


def test_fewer_than_when_it_was_more():
    text = "Crews attended 130 fires, 10 fewer than the 120 a year before."
    assert findings(text)[0][1] == "up: 130 is more than 120"


def test_rounded_money_differences_allow_for_the_rounding():
    assert findings("Spending was £5.4m, up from £4.9m, an increase of £0.5m.") == []
    assert findings("Spending was £5.4m, up from £4.9m, an increase of £0.9m.") == [
        ("£0.9m", "£0.5m")
    ]


def test_a_difference_alone_without_the_earlier_figure_is_not_checked():
    assert findings("We answered 23,556 calls, a decrease of 5,551 on last year.") == []


# Percentage change: rounded OR truncated to the precision written --------------------------------


def test_increase_with_percentage_on_the_earlier_figure_found_when_wrong():
    # 16,975 on 74,450 (91,425 less 16,975) is 22.80%.
    text = "The control room took 91,425 emergency calls; an increase of 16,975 (22.5%) on spring."
    found = check_text(text)
    assert [(f.stated, f.expected) for f in found] == [("22.5%", "22.8%")]
    assert "74,450" in found[0].message


def test_increase_with_percentage_right_when_rounded_or_truncated():
    # 16,975 on 74,450 is 22.8009...%: 22.8 both ways.
    assert findings("There were 91,425 calls; an increase of 16,975 (22.8%) on spring.") == []
    # 1,000 on 3,000 is 33.33%; 2,000 on 3,000 is 66.67%: 66.6 truncated, 66.7 rounded.
    assert findings("There were 5,000 reports, an increase of 2,000 (66.6%).") == []
    assert findings("There were 5,000 reports, an increase of 2,000 (66.7%).") == []
    assert findings("There were 5,000 reports, an increase of 2,000 (66.5%).") == [
        ("66.5%", "66.7%")
    ]


def test_decrease_percentage_uses_the_earlier_figure_as_base():
    # 400 less than 1,600 gives 2,000 before; 20%.
    assert findings("Thefts fell to 1,600, a decrease of 400 (20%) on last year.") == []
    assert findings("Thefts fell to 1,600, a decrease of 400 (25%) on last year.") == [
        ("25%", "20%")
    ]


def test_percentage_change_between_two_stated_figures():
    assert findings("Arrests were 120, down 20% from 150.") == []
    assert findings("Arrests were 120, down 25% from 150.") == [("25%", "20%")]


def test_percentage_with_a_stated_base_and_no_new_figure():
    assert findings("An increase of 1,950 (2.5%) compared with 76,803 in spring.") == []
    assert findings("An increase of 1,950 (3.5%) compared with 76,803 in spring.") == [
        ("3.5%", "2.5%")
    ]


def test_changes_between_percentages_are_not_given_a_percentage():
    # Points or per cent: the sentence does not say, so only the direction is checked.
    assert findings("Satisfaction was 82%, up from 78%, an increase of 4%.") == []
    assert findings("Satisfaction was 82%, down from 78%.")[0][1] == "up: 82% is more than 78%"


# Share: P% of the whole ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Of the cases, 80.7% (2,832) of the 3,507 received were kept.",
        "The team kept 2,832 (80.7%) of the 3,507 cases it received.",
        "The team kept 2,832 of the 3,507 cases (80.7%).",
        "We received 3,507 cases, of which 80.7% (2,832) were kept by the team.",
        "We received 3,507 cases, of which 80.8% (2,832) were kept by the team.",
        "Staff resolved 2,832 out of 3,507 enquiries (81%).",
    ],
)
def test_share_right_when_rounded_or_truncated_is_silent(text):
    # 2,832 of 3,507 is 80.75%: 80.7 truncated, 80.8 rounded, 81 to the whole number.
    assert findings(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Of the cases, 85.7% (2,832) of the 3,507 received were kept.",
        "The team kept 2,832 (85.7%) of the 3,507 cases it received.",
        "We received 3,507 cases, of which 85.7% (2,832) were kept by the team.",
    ],
)
def test_wrong_share_is_found(text):
    assert findings(text) == [("85.7%", "80.8%")]


def test_of_which_with_two_wholes_that_could_hold_the_part_is_left_alone():
    text = "We received 3,507 cases, up 900 on spring, of which 50% (450) were kept."
    assert findings(text) == []


# Conservative: ambiguous, rough or unrelated figures are left alone ------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # Two figures could be the one that went up (36 did not, 41 did).
        "36 people joined and 41 left, up from 38 in spring.",
        # Rough figures: "over 200" may well be more than 210.
        "Over 200 offenders were arrested, up from 210.",
        "Each operation detected 500+ offences, up from 510.",
        "About 2,000 calls came in, an increase of 500 (20%).",
        # No earlier figure to compare with.
        "This is a decrease from 590 hours the previous quarter.",
        # Percentages in brackets that are not a share.
        "Reoffending fell with the use of mobile cameras (14%) and fixed cameras (25%).",
        "Applicants were diverse (18% from minority groups, 31% women).",
        # "Up", "down", "fall" and "rise" that are not a change.
        "Of 300 suspects, officers picked up 30 (10%) in the first week.",
        "Four officers stepped down from 3 committees this year.",
        "Twelve people were hurt in a fall from 10 metres.",
        "There were 12 reports of a fall from 10 metres at the quarry.",
        # Years and phone numbers are not figures.
        "Calls to 101 rose from 4,000 in the spring.",
        "In 2019 reports rose from 3,000 after the launch.",
    ],
)
def test_silent_where_the_structure_is_not_clear(text):
    assert findings(text) == []


def test_each_claim_in_a_sentence_is_checked_on_its_own():
    text = "There were 254 casualties, down from 238, and 16 deaths, up from 10."
    assert findings(text) == [("254 … down from 238", "up: 254 is more than 238")]


def test_keys_are_stable_and_change_with_the_words():
    text = "Cadet numbers were 410, up from 452 last spring."
    assert check_text(text)[0].key == check_text(text)[0].key
    assert check_text(text)[0].key.startswith("direction-")
    assert check_text(text)[0].key != check_text(text.replace("452", "453"))[0].key


def test_the_same_sentence_twice_gets_two_keys():
    text = "Cadet numbers were 410, up from 452. Cadet numbers were 410, up from 452."
    keys = [f.key for f in check_text(text)]
    assert len(keys) == 2 and len(set(keys)) == 2


# Pairing figures by what they count ----------------------------------------------------------

ISSUE_SENTENCE = (
    "12 warrants were executed and £40,000 of Class A drugs seized, up from 8 warrants last "
    "quarter (an increase of 60%)."
)


@pytest.mark.parametrize(
    "between",
    ["", " and £40,000 of Class A drugs seized", " and 40 arrests made", " and 4kg of cannabis"],
)
def test_a_change_is_paired_with_the_figure_that_counts_the_same_thing(between):
    text = ISSUE_SENTENCE.replace(" and £40,000 of Class A drugs seized", between)
    assert findings(text) == [("60%", "50%")]


def test_figures_counting_different_things_are_not_compared():
    # 40 arrests against 8 warrants would be "400%": a false finding, so nothing is said.
    assert (
        findings("40 arrests were made, up from 8 warrants last quarter (an increase of 60%).")
        == []
    )


def test_the_words_naming_what_a_figure_counts():
    from narratives.figures.numbers import find_numbers

    twelve, money, eight, _ = find_numbers(ISSUE_SENTENCE)
    assert twelve.counts == eight.counts == {"warrant"}
    assert money.counts == frozenset()
    (ksi, *_) = find_numbers("254 Killed and seriously injured (KSI) casualties were recorded.")
    assert {"ksi", "casualty"} <= ksi.counts


# Saying what was checked ----------------------------------------------------------------------


def test_claims_checked_are_counted_right_or_wrong():
    from narratives.figures.check import text_check

    right = "Cadets numbered 410, up from 398 in June. Reports fell from 1,204 to 1,100."
    assert text_check(right) == ([], 2)
    assert text_check(ISSUE_SENTENCE).claims == 1
    assert text_check("Officers visited 12 schools and 3 clubs.") == ([], 0)
    # A rough figure cannot be checked, so the claim is not counted as checked.
    assert text_check("Cadets numbered about 410, up from 398 in June.") == ([], 0)
