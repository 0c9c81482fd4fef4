"""Charts everyone can read: numbers turned into bar geometry for a server-drawn SVG, with the
same numbers (small ones hidden) for the text summary and the table beside it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from voice.i18n import _

# Okabe and Ito's palette, told apart with the common kinds of colour blindness; each
# sentiment also has its own fill pattern and a text label, so nothing relies on colour.
SENTIMENT_STYLES = {
    "positive": ("#0072B2", "dash-solid"),
    "negative": ("#D55E00", "dash-hatch"),
    "mixed": ("#CC79A7", "dash-dots"),
    "neutral": ("#6F777B", "dash-grid"),
}
BAR_COLOUR = "#0072B2"
PLOT_WIDTH = 400.0


def sentiment_names() -> dict[str, str]:
    return {
        "positive": _("Positive"),
        "negative": _("Negative"),
        "mixed": _("Mixed"),
        "neutral": _("Neutral"),
    }


@dataclass
class SmallNumbers:
    """Hides counts under the threshold from everyone who is not an admin."""

    threshold: int
    exact: bool

    def hidden(self, number: int) -> bool:
        return not self.exact and 0 < number < self.threshold

    def show(self, number: int) -> str:
        if self.hidden(number):
            return _("fewer than %(threshold)s", threshold=self.threshold)
        return f"{number:,}"

    def bar(self, number: int) -> int:
        """The length a bar may have: a hidden number draws no bar, only its label."""
        return 0 if self.hidden(number) else number


@dataclass
class Segment:
    key: str
    label: str
    value: str
    x: float
    width: float
    colour: str
    pattern: str


@dataclass
class Bar:
    label: str
    value: str
    y: float
    segments: list[Segment] = field(default_factory=list)


@dataclass
class Chart:
    id: str
    title: str
    summary: str
    headers: list[str]
    rows: list[list[str]]
    bars: list[Bar]
    legend: list[Segment] = field(default_factory=list)
    row_height: int = 28

    @property
    def height(self) -> int:
        return max(1, len(self.bars)) * self.row_height + 8


def bar_chart(
    *,
    chart_id: str,
    title: str,
    label_heading: str,
    counts: Sequence[tuple[str, int]],
    small: SmallNumbers,
    summary: str,
) -> Chart:
    longest = max([small.bar(number) for _label, number in counts] + [1])
    bars = []
    for index, (label, number) in enumerate(counts):
        width = PLOT_WIDTH * small.bar(number) / longest
        bars.append(
            Bar(
                label=label,
                value=small.show(number),
                y=index * 28 + 4,
                segments=[
                    Segment("count", label, small.show(number), 0, width, BAR_COLOUR, "dash-solid")
                ],
            )
        )
    return Chart(
        id=chart_id,
        title=title,
        summary=summary,
        headers=[label_heading, _("Voices")],
        rows=[[label, small.show(number)] for label, number in counts],
        bars=bars,
    )


def sentiment_chart(
    *,
    chart_id: str,
    title: str,
    label_heading: str,
    splits: Sequence[tuple[str, dict[str, int]]],
    small: SmallNumbers,
    summary: str,
) -> Chart:
    names = sentiment_names()
    longest = max([small.bar(sum(split.values())) for _label, split in splits] + [1])
    bars = []
    for index, (label, split) in enumerate(splits):
        total = sum(split.values())
        x = 0.0
        segments = []
        if not small.hidden(total):
            for key, (colour, pattern) in SENTIMENT_STYLES.items():
                number = split.get(key, 0)
                # A part under the threshold gets no bar: its length would give it away.
                width = PLOT_WIDTH * small.bar(number) / longest
                segments.append(
                    Segment(key, names[key], small.show(number), x, width, colour, pattern)
                )
                x += width
        bars.append(Bar(label=label, value=small.show(total), y=index * 28 + 4, segments=segments))
    legend = [
        Segment(key, names[key], "", 0, 0, colour, pattern)
        for key, (colour, pattern) in SENTIMENT_STYLES.items()
    ]
    return Chart(
        id=chart_id,
        title=title,
        summary=summary,
        headers=[label_heading, _("Voices")] + [names[key] for key in SENTIMENT_STYLES],
        rows=[
            [label, small.show(sum(split.values()))]
            + [small.show(split.get(key, 0)) for key in SENTIMENT_STYLES]
            for label, split in splits
        ],
        bars=bars,
        legend=legend,
    )
