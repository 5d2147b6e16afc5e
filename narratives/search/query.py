"""What someone typed, turned into words and phrases that no engine reads as an operator.

Both engines get the same plain form: a list of terms, each a word or a phrase of words, all
required. Only letters and digits survive (so `NEAR`, `AND`, `*`, `^`, `-`, brackets, SQL and
emoji are words or nothing), and the length is capped, so no input can make a query fail.
"""

import re
from dataclasses import dataclass

MAX_QUERY_CHARS = 1000
MAX_TERMS = 12
MAX_WORDS_IN_PHRASE = 8
_WORD = re.compile(r"[^\W_]+")
_PHRASE = re.compile(r'"([^"]*)"')


@dataclass(frozen=True)
class Terms:
    """Each term is a tuple of words: one word, or a phrase when it has several."""

    terms: tuple[tuple[str, ...], ...]

    def __bool__(self) -> bool:
        return bool(self.terms)

    def words(self) -> list[str]:
        return [word for term in self.terms for word in term]

    def fts5(self) -> str:
        """SQLite FTS5 query: every term a quoted string, so nothing in it is an operator."""
        return " AND ".join('"' + " ".join(term) + '"' for term in self.terms)


def terms_parse(text: str) -> Terms:
    """Phrases in double quotes (an unbalanced quote is ignored), the rest as words."""
    text = (text or "")[:MAX_QUERY_CHARS]
    terms: list[tuple[str, ...]] = []
    if text.count('"') % 2:
        text = text[::-1].replace('"', " ", 1)[::-1]  # the last, unpaired quote
    at = 0
    for match in _PHRASE.finditer(text):
        terms.extend((word,) for word in _words(text[at : match.start()]))
        phrase = tuple(_words(match.group(1))[:MAX_WORDS_IN_PHRASE])
        if phrase:
            terms.append(phrase)
        at = match.end()
    terms.extend((word,) for word in _words(text[at:]))
    unique = list(dict.fromkeys(terms))
    return Terms(tuple(unique[:MAX_TERMS]))


def _words(text: str) -> list[str]:
    return [word[:60].lower() for word in _WORD.findall(text)]
