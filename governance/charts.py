"""Bar charts as server-rendered SVG, each with its numbers as a real table.

A chart is an image (role="img", named by its <title> and described by its <desc>) for
those who look; the table beside it, behind "Vis tallene", carries the same numbers for
screen readers and for anyone who wants the figures. Series differ by fill pattern as well
as by the legend's words, and every bar has its value written at its end, so nothing is
told by colour alone.
"""

from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import mark_safe

WIDTH = 640
PLOT_WIDTH = 500  # the rest of the width holds the value written after the longest bar
TOP = 22  # room for the target's label above the bars
LABEL_HEIGHT = 18
BAR_HEIGHT = 16
BAR_GAP = 3
GROUP_GAP = 12
AXIS_HEIGHT = 24
FILLS = ["#004b6b", "url(#{id}-hatch)", "#8fb3c7"]


@dataclass(frozen=True)
class Bar:
    """One bar: its value on the scale (None: no bar) and how the value is written."""

    value: float | None
    text: str


@dataclass(frozen=True)
class Scale:
    """The value axis: where it starts and ends, and its labelled ticks [(value, text)]."""

    low: float
    high: float
    ticks: list = field(default_factory=list)

    def x(self, value):
        share = (value - self.low) / (self.high - self.low) if self.high > self.low else 0
        return max(0.0, min(1.0, share)) * PLOT_WIDTH


@dataclass(frozen=True)
class Chart:
    """A horizontal bar chart: `rows` are (label, [Bar per series]), in reading order."""

    chart_id: str
    title: str
    description: str
    series: list
    rows: list
    scale: Scale
    row_header: str
    target: tuple | None = None  # (value, text), drawn as a dashed line


def _f(number):
    return f"{number:.1f}"


def render_chart(chart, numbers_open=False):
    """The chart as markup: a <figure> with the SVG, its legend, and its table of numbers."""
    parts = ['<figure class="report-chart">']
    parts.append(svg(chart))
    if len(chart.series) > 1:
        parts.append(legend(chart))
    parts.append(numbers_table(chart, numbers_open))
    parts.append("</figure>")
    return mark_safe("".join(parts))


def _height(chart):
    group = LABEL_HEIGHT + len(chart.series) * (BAR_HEIGHT + BAR_GAP) + GROUP_GAP
    return TOP + len(chart.rows) * group + AXIS_HEIGHT


def svg(chart):
    """The SVG image alone."""
    cid = escape(chart.chart_id)
    height = _height(chart)
    bottom = height - AXIS_HEIGHT
    out = [
        f'<svg class="chart-image" role="img" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" aria-labelledby="{cid}-title {cid}-desc" '
        'xmlns="http://www.w3.org/2000/svg" font-size="13" fill="#1b1b1b">',
        f'<title id="{cid}-title">{escape(chart.title)}</title>',
        f'<desc id="{cid}-desc">{escape(chart.description)}</desc>',
        f'<defs><pattern id="{cid}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/>'
        '<rect width="3" height="6" fill="#004b6b"/></pattern></defs>',
    ]
    for value, text in chart.scale.ticks:
        x = chart.scale.x(value)
        anchor = "start" if x < 1 else "end" if x > PLOT_WIDTH - 1 else "middle"
        out.append(
            f'<line x1="{_f(x)}" x2="{_f(x)}" y1="{TOP}" y2="{bottom}" stroke="#c8c8c8"/>'
            f'<text x="{_f(x)}" y="{bottom + 17}" text-anchor="{anchor}">{escape(text)}</text>'
        )
    y = TOP
    for label, bars in chart.rows:
        out.append(f'<text x="0" y="{y + 13}" font-weight="600">{escape(label)}</text>')
        y += LABEL_HEIGHT
        for index, bar in enumerate(bars):
            out.append(_bar(chart, index, bar, y))
            y += BAR_HEIGHT + BAR_GAP
        y += GROUP_GAP
    if chart.target is not None:
        value, text = chart.target
        x = chart.scale.x(value)
        anchor = "end" if x > PLOT_WIDTH - 80 else "middle"
        out.append(
            f'<line x1="{_f(x)}" x2="{_f(x)}" y1="{TOP - 4}" y2="{bottom}" stroke="#1b1b1b" '
            f'stroke-width="2" stroke-dasharray="5 3"/>'
            f'<text x="{_f(x)}" y="{TOP - 8}" text-anchor="{anchor}">{escape(text)}</text>'
        )
    out.append("</svg>")
    return "".join(out)


def _bar(chart, index, bar, y):
    middle = y + BAR_HEIGHT / 2 + 4
    if bar.value is None:
        return f'<text x="4" y="{_f(middle)}" font-style="italic">{escape(bar.text)}</text>'
    width = chart.scale.x(bar.value)
    fill = FILLS[index % len(FILLS)].format(id=escape(chart.chart_id))
    return (
        f'<rect x="0" y="{y}" width="{_f(width)}" height="{BAR_HEIGHT}" fill="{fill}" '
        f'stroke="#004b6b"/>'
        f'<text x="{_f(width + 6)}" y="{_f(middle)}">{escape(bar.text)}</text>'
    )


def legend(chart):
    """What each fill means, in words beside a sample of the fill."""
    cid = escape(chart.chart_id)
    items = []
    for index, name in enumerate(chart.series):
        fill = FILLS[index % len(FILLS)].format(id=f"{cid}-legend")
        # Only the hatched sample needs the pattern; defining it once keeps ids unique.
        pattern = (
            f'<defs><pattern id="{cid}-legend-hatch" width="6" height="6" '
            'patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
            '<rect width="6" height="6" fill="#fff"/><rect width="3" height="6" fill="#004b6b"/>'
            "</pattern></defs>"
            if "hatch" in fill
            else ""
        )
        items.append(
            '<li><svg class="chart-swatch" width="28" height="14" aria-hidden="true" '
            f'focusable="false" xmlns="http://www.w3.org/2000/svg">{pattern}'
            f'<rect x="0.5" y="0.5" width="27" height="13" fill="{fill}" stroke="#004b6b"/>'
            f"</svg> {escape(name)}</li>"
        )
    return f'<ul class="chart-legend">{"".join(items)}</ul>'


def numbers_table(chart, numbers_open=False):
    """The chart's numbers as a table, behind a "Vis tallene" disclosure."""
    head = "".join(f'<th scope="col">{escape(name)}</th>' for name in chart.series)
    body = "".join(
        f'<tr><th scope="row">{escape(label)}</th>'
        + "".join(f"<td>{escape(bar.text)}</td>" for bar in bars)
        + "</tr>"
        for label, bars in chart.rows
    )
    return (
        f'<details class="chart-numbers"{" open" if numbers_open else ""}>'
        "<summary>Vis tallene</summary>"
        f'<div class="table-wrap"><table><caption>{escape(chart.title)}</caption>'
        f'<thead><tr><th scope="col">{escape(chart.row_header)}</th>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table></div></details>"
    )
