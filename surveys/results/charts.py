"""The geometry of the results' bar charts, drawn as SVG by the template
(templates/surveys/results/_bars.html) with presentation attributes only: the
Content-Security-Policy allows no inline style, and nothing here needs
JavaScript. Each bar is a share of those who answered, so bars of different
questions read on the same scale (0–100 %)."""

from dataclasses import dataclass

# In the SVG's units: about a pixel each on a phone, so its text stays readable.
WIDTH = 400
BAR_AREA = 320  # the rest of the width holds the share's figure after the bar
LABEL_HEIGHT = 22
BAR_HEIGHT = 18
GAP = 12
LABEL_LENGTH = 42


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


@dataclass
class Chart:
    bars: list[Bar]
    height: int
    width: int = WIDTH
    bar_area: int = BAR_AREA
    bar_height: int = BAR_HEIGHT


def chart(shares) -> Chart:
    """A bar per ``Share``, with its label above it and its share after it."""
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
                label_y=y + 17,
                bar_y=y + LABEL_HEIGHT,
                width=max(width, 1 if share.count else 0),
                text_x=width + 6,
                text_y=y + LABEL_HEIGHT + 15,
            )
        )
        y += LABEL_HEIGHT + BAR_HEIGHT + GAP
    return Chart(bars=drawn, height=max(y - GAP, 1))
