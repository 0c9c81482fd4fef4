"""The public "You said, we did" pages: cards with filters, posters, the Atom feed and the
yearly Local Offer report. No sign-in; only published statements appear."""

from datetime import UTC, datetime

import segno
from flask import Response, abort, make_response, render_template, request, url_for
from itsdangerous import BadSignature, SignatureExpired
from markupsafe import Markup

from surveys.labels import AUDIENCE_LABELS as AUDIENCES
from surveys.models import SourceGroup
from voice.accounts.access import public
from voice.db import db
from voice.extensions import csrf
from voice.public import bp
from voice.tracker import services
from voice.tracker.forms import STATUS_LABELS
from voice.tracker.models import Statement

# A picture beside each idea on the easy-read cards.
PICTURES = {"you_said": "talk", "we_did": "happy", "changed": "play"}


def _cards(statements: list[Statement]) -> dict[str, object]:
    return {
        "statements": statements,
        "voices": services.voices_for_statements(statements),
        "quotes": services.quotes_for_statements(statements),
        "audiences": AUDIENCES,
        "status_labels": STATUS_LABELS,
        "pictures": PICTURES,
    }


def _audience(value: str | None) -> SourceGroup | None:
    try:
        return SourceGroup(value) if value else None
    except ValueError:
        return None


PAGE_SIZE = 20


def _listing(easy: bool) -> str:
    theme = request.args.get("theme") or None
    audience = _audience(request.args.get("audience"))
    total = services.count_published(theme_slug=theme, audience=audience)
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(request.args.get("page", 1, type=int), 1), pages)
    statements = services.published_statements(
        theme_slug=theme, audience=audience, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE
    )
    return render_template(
        "public/you_said.html",
        easy=easy,
        themes=services.themes_in_use(),
        chosen_theme=theme,
        chosen_audience=audience.value if audience else "",
        total=total,
        page=page,
        pages=pages,
        **_cards(statements),
    )


@bp.route("/you-said-we-did")
@public
def you_said() -> str:
    return _listing(easy=False)


@bp.route("/you-said-we-did/easy-read")
@public
def you_said_easy() -> str:
    return _listing(easy=True)


def _qr_svg(address: str) -> Markup:
    qr = segno.make(address, error="m")
    svg = qr.svg_inline(scale=6, svgclass="voice-poster__qr", lineclass=None, omitsize=True)
    # The address is printed beside it, so the picture itself is hidden from screen readers.
    svg = svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)
    return Markup(svg)  # noqa: S704 - segno builds the SVG from our own URL


def poster_context(statements: list[Statement], address: str) -> dict[str, object]:
    return {"easy": True, "qr": _qr_svg(address), "address": address, **_cards(statements)}


@bp.route("/you-said-we-did/<int:statement_id>/poster")
@public
def you_said_poster(statement_id: int) -> str:
    statement = services.published_statement(statement_id) or abort(404)
    address = url_for("public.you_said_easy", _external=True) + f"#statement-{statement.id}"
    return render_template("public/you_said_poster.html", **poster_context([statement], address))


@bp.route("/you-said-we-did/feed.atom")
@public
def you_said_feed() -> Response:
    statements = services.published_statements(limit=50)
    updated = max((s.updated_at for s in statements), default=datetime(2025, 1, 1, tzinfo=UTC))
    body = render_template("public/you_said_feed.html", updated=updated, **_cards(statements))
    response = make_response(body)
    response.headers["Content-Type"] = "application/atom+xml; charset=utf-8"
    return response


def _report(year: int, *, printable: bool) -> str:
    if not 2000 <= year <= 2100:
        abort(404)
    statements = services.published_statements(year=year)
    return render_template(
        "public/you_said_report.html", year=year, printable=printable, **_cards(statements)
    )


@bp.route("/you-said-we-did/local-offer-report/<int:year>")
@public
def you_said_report(year: int) -> str:
    return _report(year, printable=False)


@bp.route("/you-said-we-did/local-offer-report/<int:year>/print")
@public
def you_said_report_print(year: int) -> str:
    return _report(year, printable=True)


def _unsubscribe_contact(token: str) -> tuple[int | None, str | None]:
    """The contact request id in a signed link, or the reason it cannot be used."""
    from voice.tracker.tasks import UNSUBSCRIBE_MAX_AGE, unsubscribe_serializer

    try:
        return unsubscribe_serializer().loads(token, max_age=UNSUBSCRIBE_MAX_AGE), None
    except SignatureExpired:
        return None, "expired"
    except BadSignature:
        return None, "invalid"


@bp.route("/you-said-we-did/unsubscribe/<token>", methods=["GET", "POST"])
@csrf.exempt  # the signed link is the proof; mail apps post here for one-click unsubscribe
@public
def you_said_unsubscribe(token: str) -> tuple[str, int] | Response | str:
    contact_id, problem = _unsubscribe_contact(token)
    if problem is not None:
        return render_template("public/you_said_unsubscribe.html", problem=problem), 400
    if request.method == "POST":
        services.stop_follow_up(contact_id)
        db.session.commit()
        return render_template("public/you_said_unsubscribe.html", done=True)
    return render_template("public/you_said_unsubscribe.html", token=token)
