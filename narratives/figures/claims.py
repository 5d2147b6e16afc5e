"""Finding the claims a sentence makes about its figures: changes and shares.

Pure functions. The sentence is first written as a template in which every figure is a token
(⟦0⟧, ⟦1⟧, ...), so that each pattern below reads like the sentence it matches. A claim is only
taken when its structure is unambiguous: a figure the sentence could relate in two ways is left
alone, because a false finding is worse than a missed one.
"""

import re
from dataclasses import dataclass

from narratives.figures.numbers import PERCENT, Number, count_the_same

NUM = r"⟦{}⟧"
UP_WORDS = {"up", "increase", "rise", "growth", "increased", "rose", "grew", "more", "higher"}
DOWN_WORDS = {"down", "decrease", "fall", "reduction", "drop", "decline", "decreased", "fell"}
DOWN_WORDS |= {"dropped", "reduced", "fewer", "less", "lower"}
# Verbs whose "up" or "down" is part of the verb, not a change: "picked up 30", "set up from".
PHRASAL_VERBS = frozenset(
    re.findall(
        r"[a-z]+",
        "set pick picked picking follow followed following take taken took taking break broke "
        "broken breaking step stepped stepping stood stand standing come came coming back backed "
        "build built call called shut close closed turn turned bring brought hand handed pass "
        "passed sign signed pull pulled cut scale scaled round rounded lock locked tie tied hold "
        "held end ended wind wound sum summed put knock knocked shot shoot track tracked hunt "
        "hunted chase chased lay laid write wrote written mark marked clamp clamped crack cracked "
        "shut slow slowed calm calmed wash washed line lined sit sat",
    )
)
# A change the sentence denies ("not down from 342", "no increase of 20") states nothing to check.
NEGATED = re.compile(
    r"\b(?:not|no|never|nor|neither|without|n't|rather\s+than|instead\s+of)"
    r"(?:\s+(?:an?|the|any|quite|really|much|been|be))*\s*$",
    re.IGNORECASE,
)
# A figure after one of these words says where or when ("in 4 districts", "across 3 teams"),
# so it is not the figure a change is about.
SETTING = re.compile(r"\b(?:in|at|across|within|among|between|by|for|over|on|per)\s+$", re.I)
# "Y to X" right after "up from Y": X is the new figure, wherever other figures stand.
TO_X = re.compile(r"^\s+to\s+⟦(\d+)⟧")
# A difference that names its own base in words ("an increase of 5 on the week before") is
# not the difference between the figures of a comparison stated before it.
OWN_BASE = re.compile(r"^\s+(?:on|from|over|compared|against|since|than)\b", re.IGNORECASE)
NOUNS = r"increase|decrease|rise|fall|reduction|drop|decline|growth"
VERBS = r"increased|decreased|rose|fell|dropped|grew|reduced"


def _num(name: str) -> str:
    return NUM.format(f"(?P<{name}>\\d+)")


# Each pattern gives some of: dir (a direction word), x (the new figure), y (the figure it is
# compared with), d (the difference stated), p (a percentage stated beside the difference).
AMOUNT = rf"{_num('d')}(?:\s*\({_num('p')}\))?"
BASE_AFTER = rf"(?:\s+(?:on|from|over|compared\s+(?:with|to))\s+(?:the\s+)?{_num('y')})?"
CHANGE_PATTERNS = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        rf"\b(?:an?\s+)?(?P<dir>{NOUNS})\s+of\s+{AMOUNT}{BASE_AFTER}",
        rf"\b(?P<dir>up|down)\s+(?:by\s+)?{AMOUNT}{BASE_AFTER}",
        rf"\b(?P<dir>{VERBS})\s+by\s+{AMOUNT}{BASE_AFTER}",
        rf"\b(?P<dir>up|down)\s+from\s+{_num('y')}",
        rf"(?:[,;(]\s*|\b(?:is|was|being|represents|marks|shows)\s+)an?\s+(?P<dir>{NOUNS})\s+"
        rf"from\s+{_num('y')}",
        rf"\b(?P<dir>{VERBS}|went\s+up|went\s+down)\s+from\s+{_num('y')}\s+to\s+{_num('x')}",
        rf"\b(?P<dir>{VERBS}|up|down)\s+to\s+{_num('x')}(?:\s+[\w/-]+){{0,4}}?\s+from\s+"
        rf"(?:the\s+)?{_num('y')}",
        rf"\bcompared\s+(?:with|to)\s+{_num('y')}",
        rf"{_num('d')}\s+(?P<dir>more|fewer|less)\b(?:\s+[a-z-]+){{0,3}}?\s+than\s+"
        rf"(?:the\s+)?{_num('y')}",
    )
)
# A share: "81.2% (1,024) of the 1,261 received", "1,024 (81.2%) of the 1,261", "of which
# 81.2% (1,024)" (the whole is then the one earlier figure large enough to hold the part).
OF_THE = r"\s+(?:out\s+)?of\s+(?:the\s+|all\s+|these\s+)?"
SHARE_PATTERNS = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        rf"{_num('p')}\s*\({_num('n')}\){OF_THE}{_num('t')}",
        rf"{_num('n')}\s*\({_num('p')}\){OF_THE}{_num('t')}",
        rf"{_num('n')}{OF_THE}{_num('t')}\s*\({_num('p')}\)",
        rf"\bof\s+which\s+{_num('p')}\s*\({_num('n')}\)",
        rf"\bof\s+(?:the\s+|all\s+|these\s+)?{_num('t')}(?:\s+[a-z-]+){{0,4}},\s+"
        rf"{_num('n')}\s*\({_num('p')}\)",
    )
)
# A change stated after its base ("compared with 76,803 ..., an increase of 1,950") is the same
# claim when nothing but words stands between them.
JOIN_GAP = re.compile(r"^[^⟦;]{0,60}$")


@dataclass(frozen=True)
class Change:
    start: int  # span in the template
    end: int
    direction: int | None  # +1 up, -1 down, None when only compared
    x: Number | None = None
    y: Number | None = None
    d: Number | None = None
    p: Number | None = None

    @property
    def figures(self) -> tuple[Number, ...]:
        return tuple(n for n in (self.x, self.y, self.d, self.p) if n is not None)


@dataclass(frozen=True)
class Share:
    start: int
    end: int
    n: Number
    t: Number
    p: Number


def template(sentence: str, numbers: list[Number]) -> str:
    """The sentence with each figure replaced by its token."""
    parts, at = [], 0
    for index, number in enumerate(numbers):
        parts += [sentence[at : number.start], NUM.format(index)]
        at = number.end
    return "".join(parts) + sentence[at:]


def untemplate(fragment: str, numbers: list[Number]) -> str:
    """A templated fragment written back with its figures as written."""
    return re.sub(r"⟦(\d+)⟧", lambda m: numbers[int(m.group(1))].text, fragment)


def changes_in(text: str, numbers: list[Number]) -> list[Change]:
    """The changes the templated sentence states, each with its new figure where unambiguous."""
    found = sorted(
        (
            _change(match, numbers)
            for pattern in CHANGE_PATTERNS
            for match in pattern.finditer(text)
            if not _is_phrasal(text, match) and not _is_negated(text, match)
        ),
        key=lambda change: change.start,
    )
    found = _joined(text, _without_overlaps(found))
    used = {id(n) for change in found for n in change.figures}
    with_x = []
    for change in found:
        change = _with_x(text, change, numbers, used)
        used |= {id(n) for n in change.figures}
        with_x.append(change)
    return with_x


def _is_phrasal(text: str, match: re.Match) -> bool:
    """ "Picked up 30", "stepped down from 3": up and down that belong to a verb."""
    if (match.groupdict().get("dir") or "").lower() not in ("up", "down"):
        return False
    before = re.findall(r"[a-z]+", text[: match.start("dir")].lower())
    return bool(before) and before[-1] in PHRASAL_VERBS


def _is_negated(text: str, match: re.Match) -> bool:
    start = match.start("dir") if match.groupdict().get("dir") else match.start()
    return bool(NEGATED.search(text[max(0, start - 40) : start]))


def _change(match: re.Match, numbers: list[Number]) -> Change:
    groups = match.groupdict()
    figure = {k: numbers[int(v)] for k, v in groups.items() if k != "dir" and v is not None}
    word = (groups.get("dir") or "").lower().split()[-1:]  # "went up" is "up"
    word = word[0] if word else ""
    direction = 1 if word in UP_WORDS else -1 if word in DOWN_WORDS else None
    d, p = figure.get("d"), figure.get("p")
    if d is not None and p is not None and d.unit == PERCENT and p.unit != PERCENT:
        d, p = p, d  # "an increase of 22.8% (16,975)"
    end, x = match.end(), figure.get("x")
    to_x = TO_X.match(match.string[end:])
    if x is None and "y" in figure and to_x:
        end, x = end + to_x.end(), numbers[int(to_x.group(1))]  # "up from 10 to 12"
    return Change(match.start(), end, direction, x, figure.get("y"), d, p)


def _without_overlaps(claims: list) -> list:
    """Where two patterns read the same words, the longer reading stands."""
    kept: list = []
    for claim in claims:
        if kept and claim.start < kept[-1].end:
            if claim.end - claim.start > kept[-1].end - kept[-1].start:
                kept[-1] = claim
            continue
        kept.append(claim)
    return kept


def _joined(text: str, changes: list[Change]) -> list[Change]:
    """Join "compared with Y" / "up from Y" to a difference stated right after it."""
    joined: list[Change] = []
    for change in changes:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and previous.y is not None
            and previous.d is None
            and change.y is None
            and change.d is not None
            and JOIN_GAP.match(text[previous.end : change.start])
            and not OWN_BASE.match(text[change.end :])
            and previous.direction in (None, change.direction)
        ):
            joined[-1] = Change(
                previous.start, change.end, change.direction, previous.x, previous.y, change.d,
                change.p,
            )  # fmt: skip
            continue
        joined.append(change)
    return joined


def _with_x(text: str, change: Change, numbers: list[Number], used: set[int]) -> Change:
    """The new figure is the one figure written before the change, unused by any claim, that
    counts what the change's figures count: "12 warrants and £40,000 seized, up from 8
    warrants" compares 12 with 8 wherever the money stands."""
    if change.x is not None:
        return change
    candidates = [
        n
        for n in _before(text, change.start, numbers)
        if id(n) not in used and _may_count_the_same(n, change)
    ]
    named = [n for n in candidates if any(n.counts & f.counts for f in _counted(change))]
    if len(candidates) > 1 and len(named) == 1:
        candidates = named  # the one figure that names the same thing
    if len(candidates) != 1 or not _may_be_x(text, candidates[0], change, numbers):
        return change
    return Change(change.start, change.end, change.direction, candidates[0], change.y, change.d,
                  change.p)  # fmt: skip


def _counted(change: Change) -> list[Number]:
    """The figures of a change that count what its new figure counts (not a percentage)."""
    return [n for n in (change.y, change.d) if n is not None and n.unit != PERCENT]


def _may_count_the_same(number: Number, change: Change) -> bool:
    if change.y is not None and (number.unit == PERCENT) != (change.y.unit == PERCENT):
        return False
    if change.y is None and number.unit == PERCENT:
        return False
    return all(
        number.family == other.family and count_the_same(number, other)
        for other in _counted(change)
    )


def _may_be_x(text: str, x: Number, change: Change, numbers: list[Number]) -> bool:
    """Not a setting ("in 4 districts"); before "D more than Y", only a figure set off by a
    comma or bracket ("17 deaths, 3 fewer than the 20", not "5 teams made 12 more than 30")."""
    token = NUM.format(numbers.index(x))
    at = text.index(token)
    if SETTING.search(text[max(0, at - 20) : at]):
        return False
    gap = text[at + len(token) : change.start]
    if change.d is not None and change.y is not None and change.d.start < change.y.start:
        return bool(re.search(r"[,(–—]\s*$", gap)) or not gap.strip()
    return True


def _before(text: str, position: int, numbers: list[Number]) -> list[Number]:
    return [numbers[int(i)] for i in re.findall(r"⟦(\d+)⟧", text[:position])]


def shares_in(text: str, numbers: list[Number]) -> list[Share]:
    """The shares the templated sentence states with their part, whole and percentage."""
    shares = []
    for pattern in SHARE_PATTERNS:
        for match in pattern.finditer(text):
            figure = {k: numbers[int(v)] for k, v in match.groupdict().items() if v is not None}
            whole = figure.get("t") or _whole_before(text, match.start(), figure["n"], numbers)
            share = Share(match.start(), match.end(), figure["n"], whole, figure["p"])
            if whole is not None and _is_share(share):
                shares.append(share)
    return _without_overlaps(sorted(shares, key=lambda share: share.start))


def _whole_before(text: str, position: int, part: Number, numbers: list[Number]):
    """For "of which P% (N)": the one earlier figure of the part's kind that can hold it."""
    candidates = [
        n
        for n in _before(text, position, numbers)
        if n.family == part.family and n.value >= part.value and count_the_same(n, part)
    ]
    return candidates[0] if len(candidates) == 1 else None


def _is_share(share: Share) -> bool:
    return (
        share.p.unit == PERCENT
        and share.n.unit != PERCENT
        and share.n.family == share.t.family
        and share.t.value > 0
    )
