"""The results page's trend chart: Archive.trend() as bars of an inline SVG.

The chart is drawn on the server, so it reads without JavaScript, and only
with SVG presentation attributes (x, y, width, height): the CSP forbids
``style`` attributes, not those. Colours come from site.css.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app

from search.errors import QueryError
from search.searcher import SearchRequest

HEIGHT = 100  # viewBox units; site.css sets the drawn height, the width follows the page
STEP = 10  # viewBox units per bar, gap included
GAP = 2
MIN_BAR = 1.5  # a period with any match stays visible beside the tallest


@dataclass
class Bar:
    period: str  # YYYY-MM or YYYY
    count: int
    per_thousand: float
    x: float
    y: float
    width: float
    height: float


@dataclass
class Chart:
    bars: list[Bar]
    by: str  # "month" or "year"
    top: float  # the tallest bar's per_thousand

    @property
    def width(self) -> int:
        return len(self.bars) * STEP

    @property
    def height(self) -> int:
        return HEIGHT


def chart(points: list[dict]) -> Chart | None:
    """Bars for ``[{"period", "count", "per_thousand"}]``; None when nothing matched."""
    if not points or not any(p["count"] for p in points):
        return None
    top = max(p["per_thousand"] for p in points) or 1.0
    bars = []
    for i, p in enumerate(points):
        h = 0.0 if not p["count"] else max(MIN_BAR, HEIGHT * p["per_thousand"] / top)
        bars.append(Bar(period=p["period"], count=p["count"], per_thousand=p["per_thousand"],
                        x=i * STEP + GAP / 2, y=round(HEIGHT - h, 2), width=STEP - GAP,
                        height=round(h, 2)))
    by = "month" if len(points[0]["period"]) == 7 else "year"
    return Chart(bars=bars, by=by, top=top)


def run_trend(req: SearchRequest) -> list[dict] | None:
    """``Archive.trend(req)``, or None when the query cannot be run (the results say why)."""
    try:
        return current_app.extensions["baoku"].trend(req)
    except QueryError:
        return None
    except Exception:  # the chart is an extra: never let it take the results page down
        current_app.logger.exception("trend failed: %r", req)
        return None
