"""The public "You said, we did" pages: cards with filters, posters, the Atom feed and the
yearly Local Offer report. No sign-in; only published statements appear."""

from datetime import UTC, date, datetime

from flask import Response, abort, make_response, render_template, request, url_for
from flask_babel import get_locale
from itsdangerous import BadSignature, SignatureExpired
from markupsafe import Markup

from surveys.types import SourceGroup
from voice.accounts.access import public
from voice.content_translations.display import translated
from voice.db import db
from voice.extensions import csrf
from voice.tracker import bp, coproduction, follow_ups, publishing, tasks
from voice.tracker.forms import STATUS_LABELS
from voice.tracker.rounds import results as round_results
from voice.tracker.rounds.models import RoundCard
from voice.tracker.views.cards import card_context, poster_context


def _audience(value: str | None) -> SourceGroup | None:
    try:
        return SourceGroup(value) if value else None
    except ValueError:
        return None


PAGE_SIZE = 20


def _listing(easy: bool) -> str:
    theme = request.args.get("theme") or None
    audience = _audience(request.args.get("audience"))
    total = publishing.count_published(theme_slug=theme, audience=audience)
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(request.args.get("page", 1, type=int), 1), pages)
    statements = publishing.published_statements(
        theme_slug=theme, audience=audience, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE
    )
    return render_template(
        "tracker/you_said.html",
        easy=easy,
        themes=publishing.themes_in_use(),
        chosen_theme=theme,
        chosen_audience=audience.value if audience else "",
        total=total,
        page=page,
        pages=pages,
        **card_context(statements, asking=True),
    )


@bp.route("/you-said-we-did")
@public
def you_said() -> str:
    return _listing(easy=False)


@bp.route("/you-said-we-did/easy-read")
@public
def you_said_easy() -> str:
    return _listing(easy=True)


@bp.route("/you-said-we-did/<int:statement_id>/poster")
@public
def you_said_poster(statement_id: int) -> str:
    statement = publishing.published_statement(statement_id) or abort(404)
    address = url_for("tracker.you_said_easy", _external=True) + f"#statement-{statement.id}"
    return render_template("tracker/you_said_poster.html", **poster_context([statement], address))


@bp.route("/you-said-we-did/feed.atom")
@public
def you_said_feed() -> Response:
    statements = publishing.published_statements(limit=50)
    updated = max((s.updated_at for s in statements), default=datetime(2025, 1, 1, tzinfo=UTC))
    body = render_template(
        "tracker/you_said_feed.html", updated=updated, **card_context(statements)
    )
    response = make_response(body)
    response.headers["Content-Type"] = "application/atom+xml; charset=utf-8"
    return response


def _card_words(card: RoundCard, language: str) -> Markup:
    """A round card's words in the reader's language, marked as English when they fell back."""
    words = round_results.card_words(card, language, False)
    if round_results.words_language(card, language, False) != language:
        return Markup('<span lang="en" dir="ltr">{}</span>').format(words)
    return Markup("{}").format(words)


def _report(year: int, *, printable: bool) -> str:
    if not 2000 <= year <= 2100:
        abort(404)
    statements = publishing.published_statements(year=year)
    language = str(get_locale())
    return render_template(
        "tracker/you_said_report.html",
        year=year,
        printable=printable,
        young_people=coproduction.coproduction(
            *coproduction.period(date(year, 1, 1), date(year, 12, 31)), published_only=True
        ),
        round_words=lambda card: _card_words(card, language),
        action_title=lambda action: translated(action, "title"),
        action_status=lambda action: STATUS_LABELS[action.status],
        **card_context(statements, asking=not printable),
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
    try:
        return tasks.unsubscribe_serializer().loads(token, max_age=tasks.UNSUBSCRIBE_MAX_AGE), None
    except SignatureExpired:
        return None, "expired"
    except BadSignature:
        return None, "invalid"


@bp.route("/you-said-we-did/unsubscribe/<token>", methods=["GET", "POST"])
@csrf.exempt  # the signed link is the proof; mail apps post here for one-click unsubscribe
@public
def you_said_unsubscribe(token: str) -> tuple[str, int] | Response | str:
    contact_id, problem = _unsubscribe_contact(token)
    if contact_id is None:  # the link is expired or invalid, as problem says
        return render_template("tracker/you_said_unsubscribe.html", problem=problem), 400
    if request.method == "POST":
        follow_ups.stop_follow_up(contact_id)
        db.session.commit()
        return render_template("tracker/you_said_unsubscribe.html", done=True)
    return render_template("tracker/you_said_unsubscribe.html", token=token)
