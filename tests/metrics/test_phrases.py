"""One table of the words naming each metric, read by the importer and the figures check alike."""

from decimal import Decimal

import pytest

from metrics.catalogue import BY_CODE
from metrics.phrases import PHRASES, phrases_compiled
from narratives.figures import phrases as check_phrases
from narratives.figures.check import StoredFigure, metric_findings
from narratives.importing import figures as importer

# One sentence per row of the table, as an entry writes it, with the figure 1,234.
SENTENCES = {
    "calls-999": "Staff answered 1,234 emergency calls.",
    "calls-101": "Staff took 1,234 non-emergency calls.",
    "live-chat": "Live Chat has handled 1,234 this quarter.",
    "online-asb-reports": "The online ASB form saw 1,234 reports submitted.",
    "rc-investigations": "The Resolution Centre says 1,234 investigations were received.",
    "rc-public-calls": "The Resolution Centre took 1,234 public calls.",
    "specials-headcount": "The Special Constabulary headcount stood at 1,234.",
    "specials-applications": "There were 1,234 applications to join the Special Constabulary.",
    "specials-joiners": "Special Constables: 1,234 new officers joined.",
    "specials-leavers": "Special Constables: 1,234 have left.",
    "csc-hours": "CSCs have contributed 1,234 hours.",
    "esp-hours": "Employer Supported Policing gave 1,234 hours.",
    "specials-hours": "Special Constables have recorded 1,234 hours.",
    "hate-crimes-hirc": "The Reporting Centre recorded 1,234 hate crimes.",
    "ksi-casualties": "There were 1,234 KSI casualties.",
    "road-fatalities": "There were 1,234 road fatalities.",
}


def test_the_table_names_only_catalogued_metrics_and_all_of_them():
    assert {phrase.code for phrase in PHRASES} == set(BY_CODE) == set(SENTENCES)
    for phrase in PHRASES:
        assert "{n}" in phrase.pattern or "{hours}" in phrase.pattern, phrase


def test_the_importer_and_the_figures_check_read_the_same_table():
    """Both compile metrics.phrases, row for row, with only their own number pattern."""
    importer_table = phrases_compiled(figure=importer.N, hours=importer.N + r"\s+hours")
    figure = check_phrases.FIGURE
    check_table = phrases_compiled(figure=figure, hours=figure, checking=True)
    assert importer_table == importer.HEADLINES
    assert check_table == check_phrases.TABLE
    assert [row.code for row in importer.HEADLINES] == [phrase.code for phrase in PHRASES]
    checked = [phrase.code for phrase in PHRASES if phrase.checked]
    assert [row.code for row in check_phrases.TABLE] == checked
    assert set(checked) == {phrase.code for phrase in PHRASES}  # every metric, by both


@pytest.mark.parametrize("code", sorted(SENTENCES))
def test_both_readers_take_a_sentence_to_name_the_same_metric(code):
    sentence = SENTENCES[code]
    figures, _ = importer.extract_figures(sentence)
    assert [(f.metric, f.value) for f in figures] == [(code, Decimal(1234))]
    stored = {
        c: StoredFigure(c, d.name, d.unit, Decimal(99), "2020/21 Q2", "Force")
        for c, d in BY_CODE.items()
    }
    findings = metric_findings(sentence, stored)
    assert len(findings) == 1, findings
    assert findings[0].key.startswith(f"metric-{code}-")
    assert findings[0].stated.startswith("1,234")
    assert findings[0].expected.startswith("99")
