"""Figures written the way the quarterly update writes them: 91,425; 18,014 hours; £5.4m; 1.5kg.

Pure functions on numbers and a unit code (the values of Metric.Unit). Rounding is half-up,
as readers expect of published statistics (Python's round() would give 22.4% for 22.45%).
"""

from decimal import ROUND_HALF_UP, Decimal

Number = int | float | Decimal


def to_decimal(value: Number) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def rounded(value: Number, places: int = 0) -> Decimal:
    return to_decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def plain_number(value: Number, places: int = 1) -> str:
    """Thousands separated, whole numbers without decimals, others to `places` at most."""
    number = rounded(value, places)
    if number == number.to_integral_value():
        return f"{number:,.0f}"
    text = f"{number:,.{places}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def money(value: Number) -> str:
    """£125,000 below a million; £5.4m and £1.2bn above, as the edition writes them."""
    amount = to_decimal(value)
    sign = "-" if amount < 0 else ""
    amount = abs(amount)
    if amount >= 1_000_000_000:
        return f"{sign}£{plain_number(amount / 1_000_000_000, 1)}bn"
    if amount >= 1_000_000:
        return f"{sign}£{plain_number(amount / 1_000_000, 1)}m"
    pounds = rounded(amount, 0 if amount >= 1000 else 2)
    if pounds == pounds.to_integral_value():
        return f"{sign}£{pounds:,.0f}"
    return f"{sign}£{pounds:,.2f}"


def format_value(value: Number, unit: str) -> str:
    """A figure with its unit: "91,425", "18,014 hours", "£5.4m", "1.5kg", "80.7%"."""
    if unit == "pounds":
        return money(value)
    if unit == "percent":
        return f"{plain_number(value, 1)}%"
    if unit == "kilograms":
        return f"{plain_number(value, 1)}kg"
    if unit in ("hours", "days", "minutes"):
        word = unit if rounded(value, 1) != 1 else unit[:-1]
        return f"{plain_number(value, 1)} {word}"
    return plain_number(value, 1)


def format_change(difference: Number, unit: str) -> str:
    """The size of a change, without its sign; percent measures change in percentage points."""
    size = abs(to_decimal(difference))
    if unit == "percent":
        points = plain_number(size, 1)
        return f"{points} percentage point{'' if rounded(size, 1) == 1 else 's'}"
    return format_value(size, unit)


def format_percent(value: Number) -> str:
    """A percentage change, always to one decimal place: "22.8%", "10.0%"."""
    return f"{rounded(value, 1):,.1f}%"
