"""Plotly figures built from the aggregates in ``queries``.

Each function takes rows already grouped in SQL -- per time bucket, never per row, so a
chart has as many points at a million rows as at a thousand -- and returns a ``Chart``: an id
for the page, a title, and the figure as the JSON text plotly writes, which the page embeds
as it is (``Chart.script``) and ``static/enforcement/js/charts.js`` draws. A chart
with nothing to show has no figure and the page says so in words.
"""

from __future__ import annotations

import datetime
import html
import json
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

import plotly.graph_objects as go
import plotly.io
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from .extraction.dates import format_partial_date
from .extraction.measures import MEASURES, format_figure, unit_label
from .extraction.stances import STANCES
from .models import Event

KIND_LABELS = dict(Event._meta.get_field("kind").choices)

# A qualitative palette readable on white and for common colour blindness (Okabe-Ito + grey).
PALETTE = [
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#D55E00",
    "#CC79A7",
    "#56B4E9",
    "#F0E442",
    "#000000",
    "#8C564B",
    "#7F7F7F",
    "#17BECF",
    "#BCBD22",
    "#1F77B4",
    "#9467BD",
    "#E377C2",
]
KIND_COLOURS = {kind: PALETTE[i % len(PALETTE)] for i, kind in enumerate(KIND_LABELS)}


@dataclass
class Chart:
    id: str
    title: str
    figure_json: str | None  # the figure as plotly.io.to_json writes it; None: nothing to draw
    empty_message: str = "Nothing to chart for these filters."
    note: str = ""
    wide: bool = False  # spans the whole row of a chart grid

    @property
    def script_id(self) -> str:
        return f"{self.id}-data"

    @cached_property
    def figure(self) -> dict | None:
        """The figure as plain data (what the page draws), for code and tests that read it."""
        return None if self.figure_json is None else json.loads(self.figure_json)

    @property
    def script(self) -> SafeString:
        """What ``json_script`` gives, from the JSON as written: the filter would load and dump
        the figure again (a chart is up to 80 kB of a page) and escape it with a slow
        ``str.translate``. Plotly's text already has ``<``, ``>`` and ``/`` escaped, which is
        enough inside a ``<script>``; ``&`` is escaped too, as ``json_script`` does."""
        return format_html(
            '<script id="{}" type="application/json">{}</script>',
            self.script_id,
            mark_safe(self.figure_json.replace("&", "\\u0026")),
        )


def _layout(title: str, x_title: str, y_title: str, **extra) -> dict:
    return dict(
        title={"text": title, "x": 0, "xanchor": "left"},
        xaxis={"title": {"text": x_title}, "automargin": True},
        yaxis={"title": {"text": y_title}, "automargin": True},
        template="plotly_white",
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        font={"family": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif", "size": 13},
        legend={"orientation": "h", "y": -0.2},
        hoverlabel={"align": "left"},
        **extra,
    )


def _as_data(figure: go.Figure) -> str:
    # plotly.io.to_json knows dates, decimals and numpy, and escapes what a <script> must not hold.
    return plotly.io.to_json(figure, validate=False)


def quarter_label(day) -> str:
    return f"{day.year} Q{(day.month - 1) // 3 + 1}"


def period_label(day, bucket: str) -> str:
    """ "Mar 2015", "2015 Q1" or "2015": a time bucket by its first day."""
    if bucket == "month":
        return day.strftime("%b %Y")
    if bucket == "year":
        return str(day.year)
    return quarter_label(day)


# Events and figures placed at the date they were reported, not one of their own, are drawn
# hollow (markers) or hatched (bars): where they sit is when the news said it, not when it was.
REPORTED_PATTERN = {"shape": "/", "fillmode": "overlay", "solidity": 0.45}
REPORTED_NOTE = "Hollow markers: no date of its own, placed at the date it was first reported."


def events_per_quarter(rows: list[dict], undated: int = 0) -> Chart:
    """Stacked bars per time bucket (month, quarter or year, as ``queries`` chose for the
    data's range), one series per kind: as many bars whatever the number of events."""
    bucket = rows[0]["bucket"] if rows else "quarter"
    noun = bucket  # "month", "quarter" or "year"
    title = f"Events per {noun}, by kind"
    notes = []
    if any(row["sort_date_is_reported"] for row in rows):
        notes.append(
            f"Hatched: events with no date of their own, counted in the {noun} they "
            "were first reported."
        )
    if undated:
        notes.append(
            f"{undated} undated event{'s' if undated != 1 else ''} not shown "
            "(no date of its own and no dated source)."
        )
    note = " ".join(notes)
    if not rows:
        return Chart("events-per-quarter", title, None, note=note)
    periods = sorted({row["period"] for row in rows})
    labels = [period_label(period, bucket) for period in periods]
    counts = defaultdict(dict)
    for row in rows:
        counts[(row["kind"], row["sort_date_is_reported"])][row["period"]] = row["count"]
    figure = go.Figure(layout=_layout(title, noun.capitalize(), "Events", barmode="stack"))
    for kind, label in KIND_LABELS.items():
        for reported in (False, True):
            if (kind, reported) not in counts:
                continue
            own_shown = (kind, False) in counts
            figure.add_bar(
                name=label,
                legendgroup=kind,
                showlegend=not reported or not own_shown,
                x=labels,
                y=[counts[(kind, reported)].get(period, 0) for period in periods],
                marker={
                    "color": KIND_COLOURS[kind],
                    **({"pattern": REPORTED_PATTERN} if reported else {}),
                },
                hovertemplate="%{x}<br>"
                + label
                + (": %{y} events, by the date first reported" if reported else ": %{y} events")
                + "<extra></extra>",
            )
    figure.update_xaxes(type="category")
    return Chart("events-per-quarter", title, _as_data(figure), note=note)


def measure_over_time(rows: list[dict], measure: str | None) -> Chart:
    """One line per unit of the measure ("US$", "HK$", "tonnes"), a marker per time bucket
    at the largest figure given for it: as many points whatever the number of figures."""
    label = MEASURES.get(measure or "", measure or "")
    title = f"{_text(label)} over time" if measure else "A measure over time"
    if not rows or not measure:
        return Chart(
            "metric-over-time",
            title,
            None,
            empty_message="No dated figures of this measure for these filters.",
        )
    bucket = rows[0]["bucket"]
    noun = bucket  # "month", "quarter" or "year"
    figure = go.Figure(layout=_layout(title, "Date the figure is for", "Value"))
    units = sorted({row["unit"] for row in rows})
    for i, unit in enumerate(units):
        points = [row for row in rows if row["unit"] == unit]
        figure.add_scatter(
            name=_text(unit_label(unit).strip()),
            x=[row["period"] for row in points],
            y=[row["value"] for row in points],
            mode="lines+markers",
            marker={
                "size": 10,
                "color": PALETTE[i % len(PALETTE)],
                # Figures with no date of their own sit at their article's date: hollow.
                "symbol": ["circle-open" if row["reported"] else "circle" for row in points],
                "line": {"width": 2},
            },
            customdata=[
                [
                    period_label(row["period"], bucket),
                    f"{row['figures']:,} figure{'s' if row['figures'] != 1 else ''}",
                    "",
                    _text(format_figure(row["value"], unit)),
                    "reported " if row["reported"] else "",
                ]
                for row in points
            ],
            hovertemplate=(
                "%{customdata[4]}%{customdata[0]}: largest <b>%{customdata[3]}</b>"
                "<br>of %{customdata[1]}<extra></extra>"
            ),
        )
    # Dates, not clock times, on the axis; a lone date gets a month either side to sit in.
    figure.update_xaxes(type="date", tickformat="%b %Y")
    dates = sorted({row["period"] for row in rows})
    if len(dates) == 1:
        figure.update_xaxes(
            range=[dates[0] - datetime.timedelta(days=45), dates[0] + datetime.timedelta(days=45)]
        )
    notes = [f"Each point is the largest figure given for its {noun}."]
    if any(row["reported"] for row in rows):
        notes.append(
            f"Hollow markers: no figure of that {noun} gives a date of its own; they are "
            "placed at their articles' publication dates."
        )
    return Chart("metric-over-time", title, _as_data(figure), note=" ".join(notes))


def regulators_by_kind(rows: list[dict], limit: int = 15) -> Chart:
    title = "Regulators and the kinds of event they take part in"
    if not rows:
        return Chart("regulators-by-kind", title, None)
    totals = defaultdict(int)
    for row in rows:
        totals[_text(row["regulators__name"])] += row["count"]
    regulators = sorted(totals, key=lambda name: (-totals[name], name))[:limit]
    kinds = [kind for kind in KIND_LABELS if any(row["kind"] == kind for row in rows)]
    cells = {(_text(row["regulators__name"]), row["kind"]): row["count"] for row in rows}
    z = [[cells.get((name, kind), 0) for kind in kinds] for name in regulators]
    figure = go.Figure(
        go.Heatmap(
            z=z,
            x=[KIND_LABELS[kind] for kind in kinds],
            y=regulators,
            colorscale="Blues",
            colorbar={"title": {"text": "Events"}},
            hovertemplate="%{y}<br>%{x}: %{z} events<extra></extra>",
            xgap=2,
            ygap=2,
        ),
        layout=_layout(title, "Kind of event", "Regulator", height=max(320, 40 + 32 * len(z))),
    )
    figure.update_yaxes(autorange="reversed")
    return Chart("regulators-by-kind", title, _as_data(figure), wide=True)


def enforcement_funnel(rows: list[dict]) -> Chart:
    title = "Enforcement funnel: leads → prosecutions → convictions"
    if not rows:
        return Chart(
            "enforcement-funnel",
            title,
            None,
            empty_message="No reported figures of leads, prosecutions or convictions.",
        )
    figure = go.Figure(
        go.Funnel(
            y=[row["label"] for row in rows],
            x=[row["value"] for row in rows],
            customdata=[[row["reports"], _shorten(row["metric"])] for row in rows],
            textinfo="value+percent initial",
            marker={"color": PALETTE[: len(rows)]},
            hovertemplate=(
                "%{y}: <b>%{x:,}</b><br>largest of %{customdata[0]} reported figure(s)"
                "<br>e.g. “%{customdata[1]}”<extra></extra>"
            ),
        ),
        layout=_layout(title, "Number reported", "Stage"),
    )
    return Chart(
        "enforcement-funnel",
        title,
        _as_data(figure),
        note="Each stage shows the largest figure reported under these filters.",
    )


def statements_per_speaker(rows: list[dict]) -> Chart:
    """A bar per speaker, split by stance (rows without ``stances`` are one bar each)."""
    title = "Statements per speaker, by stance"
    if not rows:
        return Chart("statements-per-speaker", title, None)
    names = [
        _text(row["speaker_actor__name"] or row["speaker_regulator__name"] or "Unnamed speaker")
        for row in rows
    ]
    kinds = ["Regulator" if row["speaker_regulator__name"] else "Actor" for row in rows]
    by_stance = [row.get("stances") or {"other": row["count"]} for row in rows]
    present = [stance for stance in STANCES if any(stance in counts for counts in by_stance)]
    figure = go.Figure(
        [
            go.Bar(
                name=STANCES[stance],
                x=[counts.get(stance, 0) for counts in by_stance],
                y=names,
                orientation="h",
                customdata=kinds,
                marker_color=PALETTE[9] if stance == "other" else PALETTE[i % len(PALETTE)],
                hovertemplate=f"%{{y}} (%{{customdata}})<br>%{{x}} {_text(STANCES[stance])}"
                "<extra></extra>",
            )
            for i, stance in enumerate(present)
        ],
        layout=_layout(title, "Statements", "Speaker", height=max(300, 60 + 28 * len(rows))),
    )
    figure.update_layout(barmode="stack")
    figure.update_yaxes(autorange="reversed")
    return Chart("statements-per-speaker", title, _as_data(figure))


def statements_by_stance(rows: list[dict], list_url: str) -> Chart:
    """A bar per stance; a click opens the statement list of that stance."""
    title = "Statements by stance"
    if not rows:
        return Chart("statements-by-stance", title, None, empty_message="No statements to chart.")
    figure = go.Figure(
        go.Bar(
            x=[row["count"] for row in rows],
            y=[row["label"] for row in rows],
            orientation="h",
            marker_color=[
                PALETTE[9] if row["stance"] == "other" else PALETTE[i % len(PALETTE)]
                for i, row in enumerate(rows)
            ],
            customdata=[[f"{list_url}?stance={row['stance']}"] for row in rows],
            hovertemplate="%{y}: %{x} statements<extra></extra>",
        ),
        layout=_layout(title, "Statements", "Stance", height=max(300, 60 + 28 * len(rows))),
    )
    figure.update_yaxes(autorange="reversed")
    return Chart("statements-by-stance", title, _as_data(figure))


def event_timeline(points: list[dict], event_url) -> Chart:
    """Every dated event as a dot on its kind's line; a click opens the event."""
    title = "Timeline of events"
    if not points:
        return Chart("event-timeline", title, None, empty_message="No dated events to draw.")
    figure = go.Figure(
        layout=_layout(
            title,
            "Date",
            "Kind of event",
            height=max(300, 80 + 30 * len({p["kind"] for p in points})),
            showlegend=False,
        )
    )
    by_kind = defaultdict(list)
    for point in points:
        by_kind[point["kind"]].append(point)
    # Shape says the precision (a square is a month or a year, drawn at its first day); a
    # hollow marker an event placed at the date it was first reported.
    for kind, label in KIND_LABELS.items():
        if kind not in by_kind:
            continue
        kind_points = by_kind[kind]
        figure.add_scatter(
            name=label,
            x=[point["sort_date"] for point in kind_points],
            y=[label] * len(kind_points),
            mode="markers",
            marker={
                "size": 12,
                "color": KIND_COLOURS[kind],
                "opacity": 0.85,
                "symbol": [_timeline_symbol(point) for point in kind_points],
                "line": {"width": 2},
            },
            customdata=[
                [
                    event_url(point["pk"]),
                    _shorten(point["summary"]),
                    _text(point["source_title"] or point["source_file"] or "no source"),
                    point["source_count"],
                    _when_label(point),
                ]
                for point in kind_points
            ],
            hovertemplate=(
                "<b>%{customdata[4]}</b> · " + label + "<br>%{customdata[1]}"
                "<br>Source: %{customdata[2]} (%{customdata[3]} in all)<extra></extra>"
            ),
        )
    return Chart(
        "event-timeline",
        title,
        _as_data(figure),
        wide=True,
        note=(
            "Squares: only the month or year is known (drawn at its first day). " + REPORTED_NOTE
        ),
    )


def _timeline_symbol(point: dict) -> str:
    shape = "circle" if point["sort_date_precision"] == "day" else "square"
    return f"{shape}-open" if point["sort_date_is_reported"] else shape


def _when_label(point: dict) -> str:
    label = _date_label(point["sort_date"], point["sort_date_precision"])
    return f"reported {label}" if point["sort_date_is_reported"] else label


def articles_per_quarter(rows: list[dict]) -> Chart:
    bucket = rows[0]["bucket"] if rows else "quarter"
    noun = bucket  # "month", "quarter" or "year"
    title = f"Articles per {noun} of publication"
    if not rows:
        return Chart("articles-per-quarter", title, None)
    figure = go.Figure(
        go.Bar(
            x=[period_label(row["period"], bucket) for row in rows],
            y=[row["count"] for row in rows],
            marker_color=PALETTE[0],
            hovertemplate="%{x}: %{y} articles<extra></extra>",
        ),
        layout=_layout(title, noun.capitalize(), "Articles"),
    )
    figure.update_xaxes(type="category")
    return Chart("articles-per-quarter", title, _as_data(figure))


def events_per_entity(rows: list[dict], noun: str) -> Chart:
    title = f"{noun.capitalize()} taking part in most events"
    chart_id = f"{noun}-by-events"
    if not rows:
        return Chart(chart_id, title, None)
    figure = go.Figure(
        go.Bar(
            x=[row["event_count"] for row in rows],
            y=[_text(row["name"]) for row in rows],
            orientation="h",
            marker_color=PALETTE[2],
            hovertemplate="%{y}<br>%{x} events<extra></extra>",
        ),
        layout=_layout(title, "Events", noun.capitalize(), height=max(300, 60 + 28 * len(rows))),
    )
    figure.update_yaxes(autorange="reversed")
    return Chart(chart_id, title, _as_data(figure))


def _text(text) -> str:
    # Plotly renders a little HTML in labels and hover text; article words must stay words.
    return html.escape(str(text or ""), quote=False)


def _shorten(text: str, length: int = 120) -> str:
    text = " ".join((text or "").split())
    return _text(text if len(text) <= length else text[: length - 1] + "…")


def _date_label(day, precision: str) -> str:
    return format_partial_date(day, precision)
