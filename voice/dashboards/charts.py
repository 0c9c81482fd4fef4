"""Charts everyone can read: numbers turned into bar geometry (lengths as percentages of the
plot) for server-drawn bars, with the same numbers for the text summary and the table beside
them. Which numbers may be shown, and how long a hidden one is drawn, is voice.suppression's
rule: nothing here decides it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from voice.i18n import _
from voice.suppression import Shown, Suppression

# Okabe and Ito's palette, told apart with the common kinds of colour blindness; each
# sentiment also has its own fill pattern and a text label, so nothing relies on colour.
SENTIMENT_STYLES = {
    "positive": ("#0072B2", "dash-solid"),
    "negative": ("#D55E00", "dash-hatch"),
    "mixed": ("#CC79A7", "dash-dots"),
    "neutral": ("#6F777B", "dash-grid"),
}
BAR_COLOUR = "#0072B2"
# Hidden counts: white with dark diagonal lines, unlike any sentiment.
HIDDEN_STYLE = ("#ffffff", "dash-hidden")


def sentiment_names() -> dict[str, str]:
    return {
        "positive": _("Positive"),
        "negative": _("Negative"),
        "mixed": _("Mixed"),
        "neutral": _("Neutral"),
    }


@dataclass
class Segment:
    key: str
    label: str
    x: float  # percent of the plot
    width: float  # percent of the plot
    colour: str
    pattern: str


@dataclass
class Bar:
    label: str
    value: str
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
    note: str = ""


def _percent(length: float, longest: float) -> float:
    return round(100 * length / longest, 1) if longest else 0.0


def _hidden_legend() -> Segment:
    return Segment("hidden", _("Not shown: small numbers"), 0, 0, *HIDDEN_STYLE)


def _note(small: Suppression) -> str:
    return _(
        "“Not shown” stands for fewer than %(threshold)s voices, or for a number hidden with "
        "them so that they cannot be worked out from the total.",
        threshold=small.threshold,
    )


def bar_chart(
    *,
    chart_id: str,
    title: str,
    label_heading: str,
    counts: Sequence[tuple[str, int]],
    small: Suppression,
    summary: str,
    total: int | None = None,
) -> Chart:
    """One bar a count. With `total` (what the counts add up to, shown elsewhere on the page)
    the counts are hidden as parts of it; without, each on its own."""
    if total is None:
        shown = [small.count(number) for _label, number in counts]
    else:
        parts = small.split(total, dict(enumerate(number for _label, number in counts))).parts
        shown = [parts[index] for index in range(len(counts))]
    longest = max([value.length for value in shown] + [1.0])
    bars = []
    for (label, _number), value in zip(counts, shown, strict=True):
        colour, pattern = HIDDEN_STYLE if value.hidden else (BAR_COLOUR, "dash-solid")
        width = _percent(value.length, longest)
        segments = [Segment("count", label, 0, width, colour, pattern)] if width else []
        bars.append(Bar(label=label, value=value.text, segments=segments))
    any_hidden = any(value.hidden for value in shown)
    return Chart(
        id=chart_id,
        title=title,
        summary=summary,
        headers=[label_heading, _("Voices")],
        rows=[[label, value.text] for (label, _n), value in zip(counts, shown, strict=True)],
        bars=bars,
        legend=[_hidden_legend()] if any_hidden else [],
        note=_note(small) if any_hidden and total is not None else "",
    )


def _sentiment_segments(
    total: Shown, parts: dict[str, Shown], hidden_length: float, longest: float
) -> list[Segment]:
    names = sentiment_names()
    if total.hidden:
        return [Segment("hidden", "", 0, _percent(total.length, longest), *HIDDEN_STYLE)]
    # Each part starts where the ones before it end (from running totals, so rounding never
    # makes the bar longer or shorter than its total).
    segments, drawn = [], 0.0
    for key, (colour, pattern) in SENTIMENT_STYLES.items():
        if parts[key].value:
            x, end = _percent(drawn, longest), _percent(drawn + parts[key].length, longest)
            segments.append(Segment(key, names[key], x, round(end - x, 1), colour, pattern))
            drawn += parts[key].length
    if hidden_length:
        # What is left of the bar after the parts shown: the reader can subtract as much.
        x, end = _percent(drawn, longest), _percent(total.length, longest)
        segments.append(Segment("hidden", "", x, round(end - x, 1), *HIDDEN_STYLE))
    return segments


def sentiment_chart(
    *,
    chart_id: str,
    title: str,
    label_heading: str,
    splits: Sequence[tuple[str, dict[str, int]]],
    small: Suppression,
    summary: str,
) -> Chart:
    """One bar a theme, as long as its voices, in parts by sentiment."""
    names = sentiment_names()
    shown = [
        small.split(sum(split.values()), {key: split.get(key, 0) for key in SENTIMENT_STYLES})
        for _label, split in splits
    ]
    longest = max([row.total.length for row in shown] + [1.0])
    bars = [
        Bar(
            label=label,
            value=row.total.text,
            segments=_sentiment_segments(row.total, row.parts, row.hidden_length, longest),
        )
        for (label, _split), row in zip(splits, shown, strict=True)
    ]
    legend = [
        Segment(key, names[key], 0, 0, colour, pattern)
        for key, (colour, pattern) in SENTIMENT_STYLES.items()
    ]
    any_hidden = any(row.any_hidden for row in shown)
    if any_hidden:
        legend.append(_hidden_legend())
    return Chart(
        id=chart_id,
        title=title,
        summary=summary,
        headers=[label_heading, _("Voices")] + [names[key] for key in SENTIMENT_STYLES],
        rows=[
            [label, row.total.text] + [row.parts[key].text for key in SENTIMENT_STYLES]
            for (label, _split), row in zip(splits, shown, strict=True)
        ],
        bars=bars,
        legend=legend,
        note=_note(small) if any(p.hidden for r in shown for p in r.parts.values()) else "",
    )
