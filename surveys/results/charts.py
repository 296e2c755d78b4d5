"""The geometry of the results' bar charts, drawn as SVG by the template
(templates/surveys/results/_bars.html) with presentation attributes only: the
Content-Security-Policy allows no inline style, and nothing here needs
JavaScript. Each bar is a share of those who answered, so bars of different
questions read on the same scale (0–100 %)."""

from dataclasses import dataclass

WIDTH = 600
BAR_AREA = 480  # the rest of the width holds the share's figure after the bar
LABEL_HEIGHT = 24
BAR_HEIGHT = 22
GAP = 14
LABEL_LENGTH = 60


@dataclass
class Bar:
    label: str
    count: int
    share: float | None
    label_y: int
    bar_y: int
    width: int
    text_x: int
    text_y: int


def bars(shares) -> tuple[list[Bar], int]:
    """A bar per ``Share``, with its label above it; returns the bars and the
    chart's height in the SVG's units."""
    drawn, y = [], 0
    for share in shares:
        width = round(BAR_AREA * (share.share or 0) / 100)
        label = share.label
        if len(label) > LABEL_LENGTH:
            label = label[: LABEL_LENGTH - 1] + "…"
        drawn.append(
            Bar(
                label=label,
                count=share.count,
                share=share.share,
                label_y=y + 18,
                bar_y=y + LABEL_HEIGHT,
                width=max(width, 1 if share.count else 0),
                text_x=width + 8,
                text_y=y + LABEL_HEIGHT + 17,
            )
        )
        y += LABEL_HEIGHT + BAR_HEIGHT + GAP
    return drawn, max(y - GAP, 1)
