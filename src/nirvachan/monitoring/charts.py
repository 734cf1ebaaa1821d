"""Server-drawn SVG charts of the monitoring dashboard (no JavaScript).

Colour is never the only carrier: every bar has a <title> with its figures in words, each chart
has a legend, and the page prints the same figures in a table beside the chart. Numbers go
through the `lakh` filter (the user's digits, Indian grouping) and dates through `local_date`.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from django.utils.safestring import SafeString, mark_safe

from nirvachan.core.templatetags.nirvachan import lakh, local_date
from nirvachan.monitoring.selectors.dashboard import DayCompleteness
from nirvachan.monitoring.selectors.incidents import IncidentStat

GREEN, AMBER, RED, GREY = "#2e7d32", "#f9a825", "#c62828", "#9e9e9e"


def _n(value: int) -> str:
    return escape(str(lakh(value)))


def _legend(items: Sequence[tuple[str, str]], y: int) -> str:
    out, x = [], 0
    for colour, label in items:
        out.append(
            f'<rect x="{x}" y="{y}" width="12" height="12" fill="{colour}"/>'
            f'<text x="{x + 16}" y="{y + 11}" font-size="12">{escape(label)}</text>'
        )
        x += 24 + 8 * len(label)
    return "".join(out)


def completeness_chart(
    title: str,
    days: Sequence[DayCompleteness],
    *,
    labels: dict[str, str],
    width: int = 720,
    height: int = 220,
) -> SafeString:
    """One column per due date, 100 % high: reported on time (green, bottom), late (amber) and
    missing (red, top). `labels` names "on_time", "late", "missing" and "of" in the user's
    language."""
    left, bottom, top = 40, 40, 10
    plot_w, plot_h = width - left - 10, height - bottom - top
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" '
        f'height="{height + 20}" viewBox="0 0 {width} {height + 20}" class="chart">'
        f"<title>{escape(title)}</title>"
    ]
    for pct in (0, 50, 100):
        y = top + plot_h - plot_h * pct // 100
        parts.append(
            f'<line x1="{left}" x2="{width - 10}" y1="{y}" y2="{y}" stroke="#ddd"/>'
            f'<text x="{left - 4}" y="{y + 4}" font-size="11" text-anchor="end">'
            f"{_n(pct)}%</text>"
        )
    step = plot_w / max(len(days), 1)
    bar_w = max(step * 0.8, 1.0)
    for i, d in enumerate(days):
        x = left + i * step
        y = float(top + plot_h)
        tip = (
            f"{local_date(d.day)}: {_n(d.on_time)} {labels['on_time']}, {_n(d.late)} "
            f"{labels['late']}, {_n(d.missing)} {labels['missing']} ({labels['of']} "
            f"{_n(d.total)})"
        )
        parts.append(f"<g><title>{escape(tip)}</title>")
        for value, colour in ((d.on_time, GREEN), (d.late, AMBER), (d.missing, RED)):
            h = plot_h * value / d.total if d.total else 0
            y -= h
            if h:
                parts.append(
                    f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                    f'fill="{colour}"/>'
                )
        parts.append("</g>")
    if days:
        base = top + plot_h + 14
        parts.append(
            f'<text x="{left}" y="{base}" font-size="11">{escape(str(local_date(days[0].day)))}'
            f"</text>"
            f'<text x="{width - 10}" y="{base}" font-size="11" text-anchor="end">'
            f"{escape(str(local_date(days[-1].day)))}</text>"
        )
    parts.append(
        _legend(
            [(GREEN, labels["on_time"]), (AMBER, labels["late"]), (RED, labels["missing"])],
            height + 4,
        )
    )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text is escaped above)


def incident_chart(
    title: str,
    rows: Sequence[tuple[str, IncidentStat]],
    *,
    labels: dict[str, str],
    width: int = 720,
) -> SafeString:
    """One horizontal bar per type or area: handled within the deadline (green), handled after
    it (amber), not yet handled (grey); the figures are printed beside the bar. `labels` names
    "within", "late", "open"."""
    row, label_w = 26, 220
    top_value = max((s.total for _l, s in rows), default=0) or 1
    height = row * len(rows) + 30
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" class="chart">'
        f"<title>{escape(title)}</title>"
    ]
    scale = (width - label_w - 120) / top_value
    for i, (label, s) in enumerate(rows):
        y = 5 + i * row
        tip = (
            f"{label}: {_n(s.within)} {labels['within']}, {_n(s.handled - s.within)} "
            f"{labels['late']}, {_n(s.total - s.handled)} {labels['open']}"
        )
        parts.append(
            f"<g><title>{escape(tip)}</title>"
            f'<text x="{label_w - 6}" y="{y + 17}" text-anchor="end" font-size="13">'
            f"{escape(label)}</text>"
        )
        x = float(label_w)
        for value, colour in (
            (s.within, GREEN),
            (s.handled - s.within, AMBER),
            (s.total - s.handled, GREY),
        ):
            w = value * scale
            if w:
                parts.append(
                    f'<rect x="{x:.1f}" y="{y + 3}" width="{w:.1f}" height="18" fill="{colour}"/>'
                )
            x += w
        pct = round(100 * s.share)
        parts.append(
            f'<text x="{x + 6:.1f}" y="{y + 17}" font-size="13">{_n(s.within)}/{_n(s.total)} '
            f"({_n(pct)}%)</text></g>"
        )
    parts.append(
        _legend(
            [(GREEN, labels["within"]), (AMBER, labels["late"]), (GREY, labels["open"])],
            height - 18,
        )
    )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text is escaped above)
