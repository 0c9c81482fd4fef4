"""What a "You said, we did" card needs, on the public pages and on a group's poster."""

import segno
from markupsafe import Markup

from surveys.labels import AUDIENCE_LABELS as AUDIENCES
from voice.tracker import publishing, quotes
from voice.tracker.forms import STATUS_LABELS
from voice.tracker.models import Statement

# A picture beside each idea on the easy-read cards.
PICTURES = {"you_said": "talk", "we_did": "happy", "changed": "play"}


def card_context(statements: list[Statement]) -> dict[str, object]:
    return {
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
