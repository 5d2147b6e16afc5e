"""Plotly figures from plain data (labels and numbers); no ORM.

Colours are told apart by more than colour (dashes, marker shapes), meet contrast on white, and
the figures carry no template so their JSON stays small. The page draws them with Plotly.newPlot
from static/js/dashboards.js.
"""

from collections.abc import Sequence

import plotly.graph_objects as go

INK = "#0b0c0c"
BLUE = "#1d4e89"
GREY = "#505a5f"
RED = "#b10e1e"
ORANGE = "#8a4b00"

Number = float | int | None
# A click on a legend entry would hide its trace, which a keyboard cannot undo or reach: the
# legends only name what is drawn.
LEGEND_STILL = {"itemclick": False, "itemdoubleclick": False}


def _layout(*, y_title: str, breaks: Sequence[tuple[int, str]] = (), height: int = 360) -> dict:
    shapes, annotations = [], []
    for index, note in breaks:
        # A vertical line between the quarter before the break and the quarter it starts.
        shapes.append(
            {
                "type": "line",
                "xref": "x",
                "yref": "paper",
                "x0": index - 0.5,
                "x1": index - 0.5,
                "y0": 0,
                "y1": 1,
                "line": {"color": ORANGE, "width": 2, "dash": "dot"},
            }
        )
        annotations.append(
            {
                "x": index - 0.5,
                "y": 1,
                "xref": "x",
                "yref": "paper",
                "text": "Series break",
                "hovertext": note,
                "showarrow": False,
                "xanchor": "left",
                "yanchor": "bottom",
                "font": {"color": ORANGE},
            }
        )
    return {
        "template": "none",
        "height": height,
        "margin": {"l": 70, "r": 20, "t": 30, "b": 80},
        "font": {"family": "DejaVu Sans, Arial, sans-serif", "color": INK, "size": 13},
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        "legend": {"orientation": "h", "y": -0.3, **LEGEND_STILL},
        "xaxis": {"type": "category", "tickangle": -45, "linecolor": GREY, "automargin": True},
        "yaxis": {
            "title": {"text": y_title},
            "gridcolor": "#dde1e3",
            "linecolor": GREY,
            "rangemode": "tozero",
        },
        "shapes": shapes,
        "annotations": annotations,
    }


def _mark_illustrative(figure, labels, values, illustrative: Sequence[bool]) -> None:
    """Ring the made-up quarters, with a legend entry saying so."""
    picked = [i for i, made_up in enumerate(illustrative) if made_up]
    if not picked:
        return
    figure.add_trace(
        go.Scatter(
            x=[labels[i] for i in picked],
            y=[values[i] for i in picked],
            name="Illustrative (made-up) value",
            mode="markers",
            marker={"symbol": "circle-open", "size": 15, "color": GREY, "line": {"width": 2}},
        )
    )


def series_figure(
    *,
    labels: Sequence[str],
    values: Sequence[Number],
    last_year: Sequence[Number],
    y_title: str,
    breaks: Sequence[tuple[int, str]] = (),
    illustrative: Sequence[bool] = (),
) -> go.Figure:
    """The series over quarters, with the same quarter a year earlier alongside."""
    figure = go.Figure(layout=_layout(y_title=y_title, breaks=breaks))
    figure.add_trace(
        go.Scatter(
            x=list(labels),
            y=list(values),
            name="Quarter",
            mode="lines+markers",
            line={"color": BLUE, "width": 3},
            marker={"symbol": "circle", "size": 8},
        )
    )
    figure.add_trace(
        go.Scatter(
            x=list(labels),
            y=list(last_year),
            name="Same quarter a year earlier",
            mode="lines+markers",
            line={"color": GREY, "width": 2, "dash": "dash"},
            marker={"symbol": "square-open", "size": 8},
        )
    )
    _mark_illustrative(figure, list(labels), list(values), illustrative)
    return figure


def xmr_figure(
    *,
    labels: Sequence[str],
    values: Sequence[float],
    means: Sequence[float],
    lower_limits: Sequence[Number],
    upper_limits: Sequence[Number],
    special: Sequence[bool],
    y_title: str,
    breaks: Sequence[tuple[int, str]] = (),
    illustrative: Sequence[bool] = (),
) -> go.Figure:
    """XmR (individuals) chart: values, mean, process limits, and special-cause points marked."""
    labels = list(labels)
    figure = go.Figure(layout=_layout(y_title=y_title, breaks=breaks))
    step = {"shape": "hvh"}  # limits change only at a series break
    limit = {"color": RED, "dash": "dash"}
    for name, series, line in (
        ("Upper process limit", upper_limits, limit),
        ("Mean", means, {"color": GREY}),
        ("Lower process limit", lower_limits, limit),
    ):
        figure.add_trace(
            go.Scatter(
                x=labels,
                y=list(series),
                name=name,
                mode="lines",
                line={"width": 1.5, **line, **step},
            )
        )
    figure.add_trace(
        go.Scatter(
            x=labels,
            y=list(values),
            name="Value",
            mode="lines+markers",
            line={"color": BLUE, "width": 2},
            marker={"size": 7, "color": BLUE},
        )
    )
    flagged = [i for i, is_special in enumerate(special) if is_special]
    figure.add_trace(
        go.Scatter(
            x=[labels[i] for i in flagged],
            y=[values[i] for i in flagged],
            name="Special cause",
            mode="markers",
            marker={
                "symbol": "diamond",
                "size": 14,
                "color": ORANGE,
                "line": {"color": INK, "width": 1.5},
            },
        )
    )
    _mark_illustrative(figure, labels, list(values), illustrative)
    return figure


def by_area_figure(
    *,
    areas: Sequence[str],
    values: Sequence[float],
    groups: Sequence[str],
    x_title: str,
    special: Sequence[str] = (),
) -> go.Figure:
    """Values of one quarter by area as horizontal bars, in the order given (top first);
    `groups` names each bar's level ("LPA", "District"), told apart by shade and legend;
    `special` is each area's special cause in words ("" for none), marked by a diamond."""
    layout = _layout(y_title="", height=max(260, 80 + 26 * len(areas)))
    layout["xaxis"] = {"title": {"text": x_title}, "gridcolor": "#dde1e3", "rangemode": "tozero"}
    layout["yaxis"] = {
        "type": "category",
        "categoryorder": "array",
        "categoryarray": list(areas),
        "autorange": "reversed",
        "automargin": True,
    }
    layout["margin"] = {"l": 20, "r": 20, "t": 20, "b": 60}
    layout["barmode"] = "relative"  # one bar per area, centred on its row
    layout["legend"] = {"orientation": "h", "y": 1.02, "yanchor": "bottom", **LEGEND_STILL}
    figure = go.Figure(layout=layout)
    shades = {0: BLUE, 1: "#6f8fb8"}
    for index, group in enumerate(dict.fromkeys(groups)):
        picked = [i for i, g in enumerate(groups) if g == group]
        figure.add_trace(
            go.Bar(
                x=[values[i] for i in picked],
                y=[areas[i] for i in picked],
                orientation="h",
                name=group,
                marker={
                    "color": shades.get(index, GREY),
                    "line": {"color": INK, "width": 1},
                },
            )
        )
    flagged = [i for i, text in enumerate(special) if text]
    if flagged:
        figure.add_trace(
            go.Scatter(
                x=[values[i] for i in flagged],
                y=[areas[i] for i in flagged],
                text=[special[i] for i in flagged],
                name="Special cause (see the table)",
                mode="markers",
                hovertemplate="%{y}: %{text}<extra></extra>",
                marker={
                    "symbol": "diamond",
                    "size": 14,
                    "color": ORANGE,
                    "line": {"color": INK, "width": 1.5},
                },
            )
        )
    return figure


def figure_json(figure: go.Figure) -> str:
    """The figure as JSON safe to place inside <script type="application/json">."""
    text = figure.to_json(validate=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
