"""What changed between two published snapshots: entries added, removed and changed.

Works on the flat `entries` list of two editions' JSON snapshots, so it compares what was
published, not what the database holds now. difflib aligns the two lists of entry texts;
within a replaced run, entries that still read alike are paired as changed (with a word diff),
the rest count as removed and added.
"""

import difflib
from dataclasses import dataclass

from priorities.history import word_diff

# Below this similarity, an old and a new entry are different entries, not an edit of one.
SAME_ENTRY = 0.6
# Pairing compares every old entry of a replaced run with every new one; beyond this many
# comparisons (e.g. two unrelated quarters) the run is reported as removed and added.
MAX_PAIRINGS = 40_000


@dataclass(frozen=True)
class Change:
    kind: str  # "added", "removed", "changed"
    old: dict | None
    new: dict | None
    words: tuple[tuple[str, str], ...] = ()  # ("equal" | "insert" | "delete", text)

    @property
    def area(self) -> str:
        """The area as the edition printed it: the entry's own label, else the heading it sat
        under, else its areas' names ("" for a force-wide entry printed with no label)."""
        entry = self.new or self.old
        for key in ("label", "district", "lpa", "area"):
            if entry.get(key):
                return entry[key]
        return ""

    @property
    def where(self) -> str:
        entry = self.new or self.old
        place = f"Priority {entry['priority']}, commitment {entry['commitment']}"
        return f"{place}, {self.area}" if self.area else place


def entries_compare(old: list[dict], new: list[dict]) -> list[Change]:
    matcher = difflib.SequenceMatcher(
        None, [_key(e) for e in old], [_key(e) for e in new], autojunk=False
    )
    changes: list[Change] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "delete":
            changes.extend(Change("removed", e, None) for e in old[i1:i2])
        elif tag == "insert":
            changes.extend(Change("added", None, e) for e in new[j1:j2])
        elif tag == "replace":
            changes.extend(_pair(old[i1:i2], new[j1:j2]))
    return changes


def _key(entry: dict) -> str:
    return f"{entry.get('label', '')}|{' '.join(entry['text'].split())}"


def _pair(old: list[dict], new: list[dict]) -> list[Change]:
    unmatched_new = list(range(len(new)))
    changes = []
    for entry in old:
        best, best_ratio = None, SAME_ENTRY
        if len(old) * len(new) <= MAX_PAIRINGS:
            for j in unmatched_new:
                ratio = _similarity(entry["text"], new[j]["text"], best_ratio)
                if ratio > best_ratio:
                    best, best_ratio = j, ratio
        if best is None:
            changes.append(Change("removed", entry, None))
        else:
            unmatched_new.remove(best)
            changes.append(Change("changed", entry, new[best], _words(entry, new[best])))
    changes.extend(Change("added", None, new[j]) for j in unmatched_new)
    return changes


def _similarity(a: str, b: str, floor: float) -> float:
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() <= floor or matcher.quick_ratio() <= floor:
        return 0.0
    return matcher.ratio()


def _words(old: dict, new: dict) -> tuple[tuple[str, str], ...]:
    return word_diff(old["text"], new["text"])
