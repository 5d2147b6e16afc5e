"""Driving pages with the keyboard alone, checking the focus indicator at every stop.

The indicator passes when one of its colours (outline, box-shadow ring, or a focused link's
highlight) has at least 3:1 contrast against the background behind the element (WCAG 2.2
1.4.11 and 2.4.7; the GOV.UK pattern meets 2.4.13 too).
"""

from pathlib import Path

INDICATOR = (Path(__file__).parent / "focus_indicator.js").read_text(encoding="utf-8")
MAX_TABS = 200


def luminance(rgb: list[float]) -> float:
    def channel(value: float) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: list[float], other: list[float]) -> float:
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def focus_problem(page) -> str | None:
    """Why the focused element's indicator is not visible enough, or None."""
    found = page.evaluate(INDICATOR)
    if found is None:
        return None
    best = max((contrast(colour, found["behind"]) for colour in found["colours"]), default=0)
    if best < 3:
        return f"{found['element']}: focus indicator contrast {best:.2f}:1 on {found['behind']}"
    return None


class Keyboard:
    """Tab to things and use them, collecting every weak focus indicator passed on the way."""

    def __init__(self, page):
        self.page = page
        self.problems: list[str] = []

    def tab_to(self, locator, *, backwards: bool = False) -> None:
        key = "Shift+Tab" if backwards else "Tab"
        for _ in range(MAX_TABS):
            self.page.keyboard.press(key)
            if (problem := focus_problem(self.page)) and problem not in self.problems:
                self.problems.append(problem)
            if locator.evaluate_all("(els) => els.includes(document.activeElement)"):
                return
        raise AssertionError(f"{locator} not reached with {key} in {MAX_TABS} presses")

    def tab_through(self) -> int:
        """Every Tab stop of the page, start to end; how many there were."""
        self.page.evaluate("document.activeElement && document.activeElement.blur()")
        for stops in range(MAX_TABS):
            self.page.keyboard.press("Tab")
            if self.page.evaluate("document.activeElement === document.body") and stops:
                return stops
            if (problem := focus_problem(self.page)) and problem not in self.problems:
                self.problems.append(problem)
        return MAX_TABS

    def type_into(self, locator, text: str) -> None:
        self.tab_to(locator)
        self.page.keyboard.press("Control+A")
        self.page.keyboard.type(text)

    def choose(self, locator, label: str) -> None:
        """Tab to a <select> and move through its options with the arrow keys."""
        self.tab_to(locator)
        self.page.keyboard.press("Home")
        for _ in range(60):
            if label in locator.evaluate("(s) => s.options[s.selectedIndex].text"):
                return
            self.page.keyboard.press("ArrowDown")
        raise AssertionError(f"no option {label!r} in {locator}")

    def press(self, locator, key: str = "Enter") -> None:
        self.tab_to(locator)
        self.page.keyboard.press(key)
