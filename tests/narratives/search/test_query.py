"""What someone types becomes words and phrases no engine reads as an operator."""

import pytest

from narratives.search.query import MAX_TERMS, terms_parse


def test_words_and_a_phrase():
    terms = terms_parse('county lines "Operation SHIELD" Southend')
    assert terms.terms == (("county",), ("lines",), ("operation", "shield"), ("southend",))
    assert terms.fts5() == '"county" AND "lines" AND "operation shield" AND "southend"'


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("NEAR(a b) AND c*", (("near",), ("a",), ("b",), ("and",), ("c",))),
        ('"unbalanced quote', (("unbalanced",), ("quote",))),
        ('a "b c" "d', (("a",), ("b", "c"), ("d",))),
        ("^start -minus col:umn", (("start",), ("minus",), ("col",), ("umn",))),
        (
            "'; DROP TABLE narratives_entry; --",
            (("drop",), ("table",), ("narratives",), ("entry",)),
        ),
        ("🙂🚓", ()),
        ('""', ()),
        ("", ()),
    ],
)
def test_operators_and_punctuation_become_words_or_nothing(typed, expected):
    assert terms_parse(typed).terms == expected


def test_a_long_query_is_capped():
    terms = terms_parse(" ".join(f"word{n}" for n in range(500)))
    assert len(terms.terms) == MAX_TERMS
    assert len(terms_parse("x" * 5000).terms[0][0]) <= 60


def test_each_term_is_quoted_for_fts5_so_nothing_is_an_operator():
    fts = terms_parse("NOT OR AND NEAR").fts5()
    assert fts == '"not" AND "or" AND "and" AND "near"'
