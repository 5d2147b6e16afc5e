"""Reading order on a PDF page: top to bottom, except where text is set in two columns, which
is read left column first. A two-column region is found from the right column: lines that all
start right of the page's middle, close one under the other, beside left-hand lines that fill
their column too (a table's page numbers or a label beside a heading do not)."""

from dataclasses import dataclass

from narratives.importing.readers.pdf_lines import PdfLine


@dataclass
class Placed:
    """A line with its column's left and right edges (right None: the page's own margin)."""

    line: PdfLine
    left: float
    right: float | None = None


def reading_order(lines: list[PdfLine], *, left: float, right: float) -> list[Placed]:
    """A page's lines in reading order; `left` and `right` are the text's edges over the
    whole document, so one column's lines have one left edge on every page."""
    if not lines:
        return []
    middle = (left + right) / 2
    second = [line for line in lines if line.indent_at >= middle]
    first = [line for line in lines if line.right <= middle]
    units: list[tuple[float, list[Placed]]] = []
    placed: set[int] = set()
    for cluster in _clusters(second):
        top, bottom = max(x.top for x in cluster), min(x.bottom for x in cluster)
        size = max(x.size for x in cluster)
        # The left column may run one line longer than the right.
        beside = [x for x in first if bottom - 0.9 * size <= (x.top + x.bottom) / 2 <= top + size]
        if len(beside) < 2 or not _column(beside) or not _column(cluster):
            continue
        ordered = [Placed(x, left, max(y.right for y in beside)) for x in beside]
        second_left = min(x.indent_at for x in cluster)
        ordered += [Placed(x, second_left, max(y.right for y in cluster)) for x in cluster]
        units.append((max(top, *(x.top for x in beside)), ordered))
        placed.update(id(x) for x in beside + cluster)
    units += [(x.top, [Placed(x, left)]) for x in lines if id(x) not in placed]
    units.sort(key=lambda unit: -unit[0])
    return [item for _, unit in units for item in unit]


def _clusters(lines: list[PdfLine]) -> list[list[PdfLine]]:
    """Lines one closely under another (top to bottom) as runs of a column."""
    clusters: list[list[PdfLine]] = []
    for line in sorted(lines, key=lambda x: -x.top):
        if clusters and clusters[-1][-1].bottom - line.top <= 2 * line.size:
            clusters[-1].append(line)
        else:
            clusters.append([line])
    return [cluster for cluster in clusters if len(cluster) >= 2]


def _column(lines: list[PdfLine]) -> bool:
    """Text set in a column fills it: most of its lines are at least 60% as wide as it."""
    widths = sorted(line.right - line.left for line in lines)
    span = max(line.right for line in lines) - min(line.indent_at for line in lines)
    return widths[len(widths) // 2] >= span * 0.6 and span > 100
