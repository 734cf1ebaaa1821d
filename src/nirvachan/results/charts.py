"""Server-drawn SVG bar charts (readable without JavaScript)."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from html import escape

from django.utils.safestring import SafeString, mark_safe

from nirvachan.core.templatetags.nirvachan import lakh
from nirvachan.results.templatetags.results_tags import percent


def bar_chart(title: str, bars: Sequence[tuple[str, int]], *, width: int = 640) -> SafeString:
    """Horizontal bars with their labels and values (in the user's digits, Indian grouping);
    the title is the accessible name."""
    row, label_w = 26, 200
    top = max((v for _l, v in bars), default=0) or 1
    height = row * len(bars) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" class="chart">'
        f"<title>{escape(title)}</title>"
    ]
    for i, (label, value) in enumerate(bars):
        y = 5 + i * row
        w = int((width - label_w - 90) * value / top)
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 17}" text-anchor="end" font-size="13">'
            f"{escape(label)}</text>"
            f'<rect x="{label_w}" y="{y + 3}" width="{w}" height="18" fill="#2f6f9f"/>'
            f'<text x="{label_w + w + 6}" y="{y + 17}" font-size="13">'
            f"{escape(str(lakh(value)))}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text is escaped above)


def share_chart(
    title: str, bars: Sequence[tuple[str, Fraction | None]], *, width: int = 640
) -> SafeString:
    """Horizontal bars of shares (turnout) on a fixed 0–100% scale, each labelled with its
    percentage in the user's digits; a bar without a share (no electors known) shows "—"."""
    row, label_w = 26, 200
    height = row * len(bars) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" class="chart">'
        f"<title>{escape(title)}</title>"
    ]
    span = width - label_w - 90
    for i, (label, share) in enumerate(bars):
        y = 5 + i * row
        w = 0 if share is None else int(span * min(Fraction(1), max(Fraction(0), share)))
        text = "—" if share is None else str(percent(share, 1))
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 17}" text-anchor="end" font-size="13">'
            f"{escape(label)}</text>"
            f'<rect x="{label_w}" y="{y + 3}" width="{span}" height="18" fill="#e8eef3"/>'
            f'<rect x="{label_w}" y="{y + 3}" width="{w}" height="18" fill="#3b7d4f"/>'
            f'<text x="{label_w + span + 6}" y="{y + 17}" font-size="13">{escape(text)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text is escaped above)
