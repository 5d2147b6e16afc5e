"""Sparklines for the home page: small inline SVG drawn on the server, no chart library.

Each shows the latest quarters of a series with its mean and process limits (dashed), the
target if there is one (dotted), special-cause points as diamonds and the latest point as a
ring, so shape tells what colour also tells. The SVG carries a text equivalent (role="img").
"""

from collections.abc import Sequence
from decimal import Decimal

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from metrics import variation as mdc
from metrics.dashboards import Row
from metrics.formatting import format_value

SPARK_QUARTERS = 12
WIDTH, HEIGHT, PAD = 160, 44, 5
TONES = {"improving": "#1d4e89", "concern": "#8a4b00", "neutral": "#5a2e7a", "plain": "#505a5f"}


def sparkline(
    rows: Sequence[Row], *, unit: str, direction: str, target: Decimal | None = None
) -> SafeString:
    """The last SPARK_QUARTERS rows as an inline SVG, or an empty string without rows."""
    shown = list(rows[-SPARK_QUARTERS:])
    if not shown:
        return SafeString("")
    offset = len(rows) - len(shown)
    levels = [float(r.value) for r in shown] + [r.mean for r in shown]
    levels += [x for r in shown for x in (r.lower_limit, r.upper_limit) if x is not None]
    if target is not None:
        levels.append(float(target))
    low, high = min(levels), max(levels)
    span = (high - low) or 1.0
    step = (WIDTH - 2 * PAD) / max(len(shown) - 1, 1)

    def x(i: int) -> float:
        return round(PAD + i * step, 1)

    def y(v: float) -> float:
        return round(HEIGHT - PAD - (v - low) / span * (HEIGHT - 2 * PAD), 1)

    def line(values, css: str) -> str:
        points = " ".join(f"{x(i)},{y(v)}" for i, v in enumerate(values) if v is not None)
        return format_html('<polyline class="{}" points="{}"/>', css, points) if points else ""

    parts = [
        line([r.upper_limit for r in shown], "spark-limit"),
        line([r.lower_limit for r in shown], "spark-limit"),
        line([r.mean for r in shown], "spark-mean"),
    ]
    if target is not None:
        parts.append(line([float(target)] * len(shown), "spark-target"))
    parts.append(line([float(r.value) for r in shown], "spark-value"))
    for i, row in enumerate(shown):
        if row.special_cause:
            tone = mdc.variation(rows, direction=direction, index=offset + i).tone
            cx, cy = x(i), y(float(row.value))
            parts.append(
                format_html('<path d="M{} {}l4 4l-4 4l-4 -4z" fill="{}"/>', cx, cy - 4, TONES[tone])
            )
    parts.append(
        format_html(
            '<circle class="spark-latest" cx="{}" cy="{}" r="3.5"/>',
            x(len(shown) - 1),
            y(float(shown[-1].value)),
        )
    )
    return format_html(
        '<svg class="sparkline" role="img" aria-label="{}" viewBox="0 0 {} {}" width="{}" '
        'height="{}" focusable="false">{}</svg>',
        _description(shown, unit),
        WIDTH,
        HEIGHT,
        WIDTH,
        HEIGHT,
        format_html_join("", "{}", ((part,) for part in parts)),
    )


def _description(shown: Sequence[Row], unit: str) -> str:
    values = [row.value for row in shown]
    specials = sum(row.special_cause for row in shown)
    text = (
        f"Last {len(shown)} quarters, {shown[0].label} to {shown[-1].label}: "
        f"from {format_value(values[0], unit)} to {format_value(values[-1], unit)}; "
        f"lowest {format_value(min(values), unit)}, highest {format_value(max(values), unit)}"
    )
    if specials:
        text += f"; {specials} special-cause {'quarter' if specials == 1 else 'quarters'}"
    return text + "."
