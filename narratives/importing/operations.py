"""Named operations in an entry's text: "Operation GAMBLER", "Operation SHIELD II",
"Operation Shield II". A project ("Project Papillion") is not an operation."""

import re

NAME_MAX = 60  # operation names are a word or two; Operation.name keeps at most 120
ROMAN = r"(?:I{1,3}|IV|VI{0,3}|IX|X)"
# Capitals, possibly with a roman numeral or a number; "Operational TALLA" is a typo for one.
CAPITALS = re.compile(
    rf"\bOperation(?:al)?\s+(?P<name>[A-Z][A-Z0-9'&-]*[A-Z0-9](?:\s+(?:{ROMAN}|\d{{1,2}}))?)(?![\w-])"
)
# Title Case only after "Operation" itself ("Quality Operational Working Group" is no operation).
TITLE_CASE = re.compile(rf"\bOperation\s+(?P<name>[A-Z][a-z]+(?:\s+{ROMAN})?)(?![\w-])")

# "Operations TALLA and GLOSS": a list, named in capitals only (conservative: "Operations
# Team and Control" is no list of operations). "Op. FALCON" is not read as an operation: the
# editions spell operations out, and "Op" is too short a cue to trust.
CAPS_NAME = rf"[A-Z][A-Z0-9'&-]*[A-Z0-9](?:\s+{ROMAN})?"
LIST = re.compile(
    rf"\bOperations\s+{CAPS_NAME}(?:(?:\s*,\s*|\s+and\s+|\s*&\s*){CAPS_NAME})+(?![\w-])"
)
LIST_NAME = re.compile(rf"(?<![\w-]){CAPS_NAME}(?![\w-])")


def operation_names(text: str) -> list[str]:
    """Operation names in order of mention, each once (whatever the case), as first written."""
    found: list[tuple[int, str]] = []
    for pattern in (CAPITALS, TITLE_CASE):
        found.extend((m.start(), m.group("name")) for m in pattern.finditer(text))
    for listed in LIST.finditer(text):
        words = listed.group()[len("Operations") :]
        found.extend((listed.start() + m.start(), m.group()) for m in LIST_NAME.finditer(words))
    names: dict[str, str] = {}
    for _, name in sorted(found):
        if len(name) > NAME_MAX:
            continue  # a run of capitals, not an operation's name
        names.setdefault(" ".join(name.upper().split()), " ".join(name.split()))
    return list(names.values())
