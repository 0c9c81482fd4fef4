"""What a "You said, we did" card needs, on the public pages and on a group's poster."""

import segno
from markupsafe import Markup

from surveys.labels import AUDIENCE_LABELS as AUDIENCES
from voice.suppression import Suppression
from voice.tracker import publishing, quotes, verdicts
from voice.tracker.forms import STATUS_LABELS
from voice.tracker.models import Statement
from voice.tracker.views.verdicts import form_context

# A picture beside each idea on the easy-read cards.
PICTURES = {"you_said": "talk", "we_did": "happy", "changed": "play", "verdict": "face-4"}


def card_context(statements: list[Statement], *, asking: bool = False) -> dict[str, object]:
    """`asking`: draw "Is this better for you now?" on each card (not on posters or feeds)."""
    small = Suppression.from_config()
    ids = [statement.id for statement in statements]
    counts = verdicts.counts_for_statements(ids)
    return {
        **(form_context(ids) if asking else {}),
        "verdicts": verdicts.shown_verdicts(counts, small),
        "small_threshold": small.threshold,
        "statements": statements,
        "voices": publishing.voices_for_statements(statements),
        "quotes": quotes.quotes_for_statements(statements),
        "audiences": AUDIENCES,
        "status_labels": STATUS_LABELS,
        "pictures": PICTURES,
    }


def _qr_svg(address: str) -> Markup:
    qr = segno.make(address, error="m")
    svg = qr.svg_inline(scale=6, svgclass="voice-poster__qr", lineclass=None, omitsize=True)
    # The address is printed beside it, so the picture itself is hidden from screen readers.
    svg = svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)
    return Markup(svg)  # noqa: S704 - segno builds the SVG from our own URL


def poster_context(statements: list[Statement], address: str) -> dict[str, object]:
    return {"easy": True, "qr": _qr_svg(address), "address": address, **card_context(statements)}
