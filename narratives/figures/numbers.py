"""Reading the figures in a sentence as the house style writes them.

Pure functions: no Django. A figure keeps where it was written (its span), what it means (value
and unit) and how precisely it was written, because a check may only ask of a figure what its
writer could have meant: "22.5%" is right if the exact share rounds or truncates to 22.5.
"""

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

PERCENT = "percent"
POUNDS = "pounds"
KILOGRAMS = "kilograms"
HOURS = "hours"
COUNT = "count"

SCALES = {
    "k": 1_000,
    "thousand": 1_000,
    "m": 1_000_000,
    "million": 1_000_000,
    "bn": 1_000_000_000,
    "billion": 1_000_000_000,
}
UNIT_WORDS = {
    "%": PERCENT,
    "per cent": PERCENT,
    "percent": PERCENT,
    "kg": KILOGRAMS,
    "kilogram": KILOGRAMS,
    "kilograms": KILOGRAMS,
    "hours": HOURS,
}
SMALL_WORDS = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
]  # fmt: skip
TENS_WORDS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
WORD_VALUES = {word: n for n, word in enumerate(SMALL_WORDS)} | {
    word: 20 + 10 * n for n, word in enumerate(TENS_WORDS)
}

DIGITS = re.compile(
    r"(?<![\w.,/£$\-{])"
    r"(?P<pound>£\s?)?"
    r"(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<frac>\d+))?"
    r"(?:\s?(?P<scale>k|m|bn|million|billion|thousand)\b)?"
    r"(?:\s?(?P<unit>%|per\s?cent\b|kg\b|kilograms?\b)|\s(?P<hours>hours)\b)?"
    r"(?P<plus>\+)?"
    r"(?![\w/]|-\w|\.\d|,\d)",
    re.IGNORECASE,
)
WORDS = re.compile(
    r"\b(?P<tens>" + "|".join(TENS_WORDS) + r")(?:[- ](?P<unit>"
    r"one|two|three|four|five|six|seven|eight|nine))?\b"
    r"|\b(?P<small>" + "|".join(SMALL_WORDS) + r")\b",
    re.IGNORECASE,
)
# Words just before a figure that make it a rough one ("approximately 2,500", "over 200").
APPROXIMATE = re.compile(
    r"(?:approximately|approx\.?|around|about|almost|nearly|over|more than|less than|"
    r"fewer than|under|at least|up to|some|roughly|circa|c\.|average of|on average|average)"
    r"\s+$",
    re.IGNORECASE,
)
# A phone number used as a name: "emergency calls (999)", "calling 101".
PHONE_NUMBERS = {"999", "101", "111"}
PHONE_BEFORE = re.compile(
    r"(?:\(|\b(?:call|calls|calling|dial|dialling|ring|ringing)\s+(?:to\s+)?|\b(?:on|via)\s+|\b(?:999|101|111)\s+(?:and|or)\s+)$",
    re.IGNORECASE,
)
# ... or named by what follows it: "999 calls were up", "the 101 service", "999 and 101".
PHONE_AFTER = re.compile(
    r"^\s*(?:calls?|line|service|number|system|channel|contacts?|(?:and|or)\s+(?:999|101|111))\b",
    re.IGNORECASE,
)
# A label rather than a figure: "Section 28", "Tier 3", "Phase 2", "Priority 1".
LABEL_BEFORE = re.compile(
    r"\b(?:section|sections|s\.|tier|level|phase|stage|article|part|schedule|chapter|paragraph|"
    r"regulation|rule|operation|op\.?|no\.|junction|wave|priority|commitment|appendix|table|"
    r"figure|page|pp?\.|version|step|grade|band|district|ward|sector|beat|route)\s+$",
    re.IGNORECASE,
)
# A day of a date: "1 July 2020", "July 1". Month names are capitalised ("10 may be").
MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b"
)
DATE_AFTER = re.compile(r"^\s+" + MONTHS)
DATE_BEFORE = re.compile(r"\b" + MONTHS + r"\.?\s+$")
# A length of time rather than a figure: "in the last three months", "a two week period".
SPAN_BEFORE = re.compile(r"\b(?:last|past|next|first|coming|previous|within)\s+$", re.IGNORECASE)
SPAN_AFTER = re.compile(r"^\s*(?:days?|weeks?|months?|years?|quarters?)\b", re.IGNORECASE)
PERIOD_AFTER = re.compile(r"^[\s-]*(?:day|week|month|year|hour)s?\s+period\b", re.IGNORECASE)
# What a figure counts is named by the words right after it ("12 drug warrants were executed",
# "254 killed and seriously injured (KSI) casualties"): past a comparative ("12 more arrests"),
# up to the first little word or mark.
WORDS_AFTER = re.compile(r"^\s+((?:\(?[A-Za-z][A-Za-z'-]*\)?\s*){1,6})")
COMPARATIVES = frozenset({"more", "fewer", "less", "extra", "additional", "further", "new"})
JOINING = frozenset({"and", "or"})
NOT_COUNTED = frozenset(
    re.findall(
        r"[a-z]+",
        "a an the but nor of in on at to from for by with within across over under into "
        "than as via per each every this that these those last previous next same such other "
        "is are was were be been being had has have will would could can may might did do does "
        "it its they their them we our us he his she her which who whose when while during "
        "up down compared against since after before between among around about quarter "
        "year month week day quarters years months weeks days time times period periods total "
        "overall so far also only just",
    )
)


@dataclass(frozen=True)
class Number:
    """One figure as written: "£5.4m" is 5,400,000 pounds, written to 0.1m."""

    start: int
    end: int
    text: str
    value: Decimal
    unit: str
    decimals: int = 0
    scale: int = 1
    approximate: bool = False
    is_word: bool = False
    counts: frozenset[str] = frozenset()  # the words naming what it counts, stemmed

    @property
    def family(self) -> str:
        """Figures can only be compared within a family: hours are counted like anything else."""
        return COUNT if self.unit == HOURS else self.unit

    @property
    def is_exact(self) -> bool:
        """Written in full ("3,507", "£125,000"), so arithmetic on it must come out exactly."""
        return not self.approximate and self.decimals == 0 and self.scale == 1

    @property
    def step(self) -> Decimal:
        """The last place written: 0.1 for "22.5%", 100,000 for "£5.4m"."""
        return Decimal(self.scale).scaleb(-self.decimals)

    @property
    def tolerance(self) -> Fraction:
        """How far the true figure may be from the written one (half the last place)."""
        return Fraction(0) if self.is_exact else Fraction(self.step) / 2


def find_numbers(text: str) -> list[Number]:
    """Every figure in the text, in order; years, ordinals, phone numbers and spans are left out."""
    found = [_digit_number(text, match) for match in DIGITS.finditer(text)]
    found += [_word_number(text, match) for match in WORDS.finditer(text)]
    return sorted((n for n in found if n is not None), key=lambda n: n.start)


def _digit_number(text: str, match: re.Match) -> Number | None:
    whole, frac = match["int"], match["frac"] or ""
    if _is_year(whole, frac, match) or _is_phone(text, whole, frac, match):
        return None
    if not frac and not match["pound"] and not match["unit"] and _is_label(text, match):
        return None
    scale = SCALES[match["scale"].lower()] if match["scale"] else 1
    if match["hours"]:
        unit = HOURS
    elif match["unit"]:
        unit = UNIT_WORDS[" ".join(match["unit"].lower().replace("per", "per ").split())]
    else:
        unit = POUNDS if match["pound"] else COUNT
    if match["pound"]:
        unit = POUNDS
    value = Decimal(whole.replace(",", "") + ("." + frac if frac else "")) * scale
    return _built(text, match, value, unit, decimals=len(frac), scale=scale, plus=match["plus"])


def _word_number(text: str, match: re.Match) -> Number | None:
    if match["small"]:
        value = WORD_VALUES[match["small"].lower()]
    else:
        value = WORD_VALUES[match["tens"].lower()]
        value += WORD_VALUES[match["unit"].lower()] if match["unit"] else 0
    return _built(text, match, Decimal(value), COUNT, is_word=True)


def _built(text, match, value, unit, *, decimals=0, scale=1, plus=None, is_word=False):
    before, after = text[: match.start()], text[match.end() :]
    if PERIOD_AFTER.match(after) or (SPAN_BEFORE.search(before) and SPAN_AFTER.match(after)):
        return None
    return Number(
        start=match.start(),
        end=match.end(),
        text=match.group(0).strip(),
        value=value,
        unit=unit,
        decimals=decimals,
        scale=scale,
        approximate=bool(plus) or bool(APPROXIMATE.search(before[-30:])),
        is_word=is_word,
        counts=counted_words(after),
    )


def counted_words(after: str) -> frozenset[str]:
    """The words naming what a figure counts, from the text right after it, stemmed so that
    "warrant" and "warrants" are one word; empty when a little word or a mark follows."""
    match = WORDS_AFTER.match(after)
    words = match[1].lower().replace("(", " ").replace(")", " ").split() if match else []
    while words and words[0] in COMPARATIVES:
        words = words[1:]
    counted = []
    for word in words:
        if word in NOT_COUNTED:
            break
        if word not in JOINING and not word.endswith("ed"):  # "the 20 recorded" names nothing
            counted.append(_stem(word))
    return frozenset(counted)


def _stem(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word.removesuffix("e")


def count_the_same(a: Number, b: Number) -> bool:
    """Two figures may be compared unless both name what they count and the names differ:
    "12 warrants" and "8 warrants" may, "40 arrests" and "8 warrants" may not."""
    return not (a.counts and b.counts and not a.counts & b.counts)


def _is_year(whole: str, frac: str, match: re.Match) -> bool:
    """A bare four-digit 19xx/20xx is a year: the house style writes 1,950 for a count."""
    plain = not frac and not match["pound"] and not match["unit"] and not match["scale"]
    return plain and len(whole) == 4 and whole[:2] in {"19", "20"}


def _is_phone(text: str, whole: str, frac: str, match: re.Match) -> bool:
    if frac or whole not in PHONE_NUMBERS or match["unit"] or match["pound"]:
        return False
    before, after = text[: match.start()], text[match.end() :]
    return bool(PHONE_BEFORE.search(before) or PHONE_AFTER.match(after))


def _is_label(text: str, match: re.Match) -> bool:
    """ "Section 28", "Tier 3", "1 July": a number that names something rather than counts."""
    before, after = text[: match.start()], text[match.end() :]
    return bool(
        LABEL_BEFORE.search(before[-20:]) or DATE_AFTER.match(after) or DATE_BEFORE.search(before)
    )


def format_like(value: Fraction | Decimal, like: Number) -> str:
    """A value written the way `like` was written: "22.8%", "£5.4m", "1,950", "1.5kg"."""
    exact = Fraction(value) / like.scale
    scaled = Decimal(exact.numerator) / Decimal(exact.denominator)
    shown = f"{scaled.quantize(Decimal(1).scaleb(-like.decimals), rounding=ROUND_HALF_UP):,}"
    suffix = {1_000: "k", 1_000_000: "m", 1_000_000_000: "bn"}.get(like.scale, "")
    if like.unit == POUNDS:
        return f"£{shown}{suffix}"
    if like.unit == PERCENT:
        return f"{shown}%"
    if like.unit == KILOGRAMS:
        return f"{shown}{suffix}kg"
    if like.unit == HOURS:
        return f"{shown}{suffix} hours"
    return f"{shown}{suffix}"
