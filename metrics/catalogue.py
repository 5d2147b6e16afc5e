"""The measures the quarterly update states, as plain data shared by the importer and the demo.

A force can add metrics in the admin; these are the ones the edition's text reports, so that
an imported past edition's figures land on stable codes.
"""

from typing import NamedTuple


class MetricDefinition(NamedTuple):
    code: str
    name: str
    unit: str  # one of Metric.Unit
    good_direction: str  # "up", "down" or "neither"
    priority_number: int
    combination: str = "sum"  # "sum" or "none"
    # A level at the quarter's end (a headcount) rather than a total over it (Metric.stock):
    # its four-quarter comparison averages the quarters instead of adding them up.
    stock: bool = False


CATALOGUE: tuple[MetricDefinition, ...] = (
    MetricDefinition(
        "specials-headcount", "Special Constabulary headcount", "count", "up", 1, stock=True
    ),
    MetricDefinition(
        "specials-applications", "Applications to the Special Constabulary", "count", "up", 1
    ),
    MetricDefinition("specials-joiners", "Special Constables joining", "count", "up", 1),
    MetricDefinition("specials-leavers", "Special Constables leaving", "count", "down", 1),
    MetricDefinition("specials-hours", "Special Constable hours", "hours", "up", 1),
    MetricDefinition("csc-hours", "Community Special Constable hours", "hours", "up", 1),
    MetricDefinition("esp-hours", "Employer Supported Policing hours", "hours", "up", 1),
    MetricDefinition("calls-999", "Emergency calls (999) received", "count", "neither", 1),
    MetricDefinition("calls-101", "Non-emergency calls (101) taken", "count", "neither", 1),
    MetricDefinition("live-chat", "Live Chat interactions", "count", "up", 1),
    MetricDefinition(
        "online-asb-reports", "Online anti-social behaviour reports", "count", "neither", 1
    ),
    MetricDefinition(
        "rc-investigations", "Resolution Centre investigations received", "count", "neither", 1
    ),
    MetricDefinition(
        "rc-public-calls", "Public calls processed by the Resolution Centre", "count", "neither", 1
    ),
    MetricDefinition(
        "hate-crimes-hirc", "Hate crimes reported through reporting centres", "count", "up", 6
    ),
    MetricDefinition(
        "ksi-casualties", "Killed or seriously injured casualties", "count", "down", 7
    ),
    MetricDefinition("road-fatalities", "Road fatalities", "count", "down", 7),
)

BY_CODE = {definition.code: definition for definition in CATALOGUE}

STOCK_CODES = frozenset(definition.code for definition in CATALOGUE if definition.stock)
