"""Priority rounds: strategy leads make them and read the results; facilitators run them on
tablets; young people choose the three cards that matter most to them."""

import secrets
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

import segno
from flask import (
    abort,
    current_app,
    flash,
    g,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import get_locale
from flask_login import current_user
from markupsafe import Markup
from werkzeug.wrappers import Response

from surveys.feedback import announce_feedback
from surveys.forms import PICTURE_NAMES
from surveys.views import easy_read, public_post_limit
from voice.accounts.access import public, role_required
from voice.accounts.roles import LEADS, SURVEY_STAFF
from voice.accounts.sessions import never_cached
from voice.db import db
from voice.extensions import limiter
from voice.forms import add_error, required
from voice.i18n import _, _l, ngettext
from voice.tracker import bp
from voice.tracker.rounds import making, results, tablet
from voice.tracker.rounds.forms import (
    AGE_BAND_LABELS,
    SETTING_LABELS,
    CardForm,
    ChooseForm,
    ReasonForm,
    RoundForm,
    RoundSessionForm,
)
from voice.tracker.rounds.models import CardSource, PriorityRound, RoundStatus
from voice.untrusted import clean_text

ROUND_CODE = "round_code"  # the tablet's session, as survey tablets keep theirs
ROUND_KEY = "round_key"  # one young person's choices, sent once
ROUND_CHOSEN = "round_chosen"
ROUND_SENT = "round_sent"
ROUND_PROBLEM = "round_card_gone"  # a chosen card was taken away before the choices were sent
EXIT_URL = "https://www.bbc.co.uk/weather"
CARD_GONE = _l("One of the cards was taken away. Check your choices.")

REFUSED = {
    "too_few": lambda: _(
        "A round needs at least %(number)s cards. Add another card first.",
        number=making.MIN_CARDS,
    ),
    "full": lambda: _(
        "A round can have up to %(number)s cards. Remove one to add another.",
        number=making.MAX_CARDS,
    ),
    "closed": lambda: _("This round has closed. Make a new round to change the cards."),
    "source": lambda: _("That theme, statement or action is no longer there. Choose another."),
}
SOURCE_LABELS = {
    CardSource.THEME: lambda: _("Themes"),
    CardSource.STATEMENT: lambda: _("Statements"),
    CardSource.ACTION: lambda: _("Actions still to do"),
}
STATUS_NAMES = {
    RoundStatus.DRAFT: lambda: _("Draft"),
    RoundStatus.OPEN: lambda: _("Open"),
    RoundStatus.CLOSED: lambda: _("Closed"),
}


@bp.app_context_processor
def _round_labels() -> dict[str, object]:
    return {
        "round_status_names": STATUS_NAMES,
        "age_band_labels": AGE_BAND_LABELS,
        "setting_labels": SETTING_LABELS,
        "round_places": _round_places,
    }


def _round_places() -> dict[int, results.PriorityPlace]:
    """Where young people put each tracker priority in the newest round, once a request."""
    if "round_places" not in g:
        g.round_places = results.priority_places()
    return g.round_places


def _round_or_404(round_id: int) -> PriorityRound:
    return making.get_round(round_id) or abort(404)


# -- strategy leads: making a round -------------------------------------------------------------


@bp.route("/tracker/rounds", methods=["GET", "POST"])
@role_required(*LEADS)
def rounds() -> Response | str:
    form = RoundForm()
    if form.validate_on_submit():
        made = making.create_round(title=required(form.title.data), by_id=current_user.id)
        db.session.commit()
        return redirect(url_for("tracker.round_page", round_id=made.id))
    return render_template("rounds/rounds.html", form=form, rounds=making.list_rounds())


def _card_form() -> CardForm:
    form = CardForm()
    choices = making.source_choices()
    grouped: dict[str, list[tuple[str, str]]] = {}
    for choice in choices:
        grouped.setdefault(SOURCE_LABELS[choice.group](), []).append((choice.value, choice.label))
    form.source.choices = grouped
    return form


def _round_page(priority_round: PriorityRound, card_form: CardForm, status: int = 200) -> Any:
    return render_template(
        "rounds/round.html",
        round=priority_round,
        form=card_form,
        picture_names=PICTURE_NAMES,
        words=lambda card: results.card_words(card, "en", True),
        plain=lambda card: results.card_words(card, "en", False),
        min_cards=making.MIN_CARDS,
    ), status


@bp.route("/tracker/rounds/<int:round_id>")
@role_required(*LEADS)
def round_page(round_id: int) -> Any:
    return _round_page(_round_or_404(round_id), _card_form())


@bp.route("/tracker/rounds/<int:round_id>/cards", methods=["POST"])
@role_required(*LEADS)
def add_round_card(round_id: int) -> Any:
    priority_round = _round_or_404(round_id)
    form = _card_form()
    if not form.validate_on_submit():
        return _round_page(priority_round, form, 400)
    try:
        making.add_card(
            priority_round,
            source_value=required(form.source.data),
            picture=required(form.picture.data),
            wording={
                language: {part: clean_text(text) for part, text in parts.items()}
                for language, parts in form.wording().items()
            },
        )
    except making.RoundRefused as refused:
        db.session.rollback()
        add_error(form.source, REFUSED[str(refused)]())
        return _round_page(priority_round, form, 400)
    db.session.commit()
    flash(_("Card added."), "success")
    return redirect(url_for("tracker.round_page", round_id=round_id))


def _change_round(round_id: int, change: Callable[[], None], done: str) -> Response:
    """Make a change a strategy lead asked for on a round's page, then show that page again
    with `done`, or with why the round refused it."""
    if ChooseForm().validate_on_submit():
        try:
            change()
            db.session.commit()
            flash(done, "success")
        except making.RoundRefused as refused:
            db.session.rollback()
            flash(REFUSED[str(refused)](), "problem")
    return redirect(url_for("tracker.round_page", round_id=round_id))


@bp.route("/tracker/rounds/<int:round_id>/cards/<int:card_id>/remove", methods=["POST"])
@role_required(*LEADS)
def remove_round_card(round_id: int, card_id: int) -> Response:
    priority_round = _round_or_404(round_id)
    card = next((c for c in priority_round.cards if c.id == card_id), None) or abort(404)
    return _change_round(round_id, lambda: making.remove_card(card), _("Card removed."))


@bp.route("/tracker/rounds/<int:round_id>/open", methods=["POST"])
@role_required(*LEADS)
def open_priority_round(round_id: int) -> Response:
    priority_round = _round_or_404(round_id)
    return _change_round(
        round_id,
        lambda: making.open_round(priority_round),
        _("The round is open. Facilitators can start it on the tablets."),
    )


@bp.route("/tracker/rounds/<int:round_id>/close", methods=["POST"])
@role_required(*LEADS)
def close_priority_round(round_id: int) -> Response:
    priority_round = _round_or_404(round_id)
    return _change_round(
        round_id,
        lambda: making.close_round(priority_round),
        _("The round is closed. Tablets no longer take choices for it."),
    )


@bp.route("/tracker/rounds/<int:round_id>/results")
@role_required(*LEADS)
def round_results(round_id: int) -> str:
    priority_round = _round_or_404(round_id)
    return render_template(
        "rounds/results.html",
        round=priority_round,
        ranking=results.round_ranking(priority_round),
        slices={
            dimension: results.ranking_by(priority_round, dimension)
            for dimension in results.DIMENSIONS
        },
        others=results.what_others_raised(priority_round),
        words=lambda card: results.card_words(card, "en", False),
    )


# -- facilitators: the round on the tablets -----------------------------------------------------


@bp.route("/tracker/round-sessions", methods=["GET", "POST"])
@role_required(*SURVEY_STAFF)
def round_sessions() -> Response | str:
    form = RoundSessionForm()
    form.round.choices = [(r.id, r.title) for r in making.open_rounds()]
    if form.validate_on_submit():
        priority_round = _round_or_404(required(form.round.data))
        if priority_round.status is not RoundStatus.OPEN:
            add_error(form.round, _("That round has closed. Choose an open round."))
        else:
            opened = tablet.open_round_session(
                priority_round,
                group_label=required(form.group_label.data),
                age_band=required(form.age_band.data),
                setting=required(form.setting.data),
                opened_by_id=current_user.id,
            )
            db.session.commit()
            return redirect(url_for("tracker.round_session", session_id=opened.id))
    return render_template("rounds/sessions.html", form=form, sessions=tablet.list_round_sessions())


@bp.route("/tracker/round-sessions/<int:session_id>")
@role_required(*SURVEY_STAFF)
def round_session(session_id: int) -> str:
    opened = tablet.get_round_session(session_id) or abort(404)
    join_url = url_for("tracker.round_join", code=opened.code, _external=True)
    svg = segno.make(join_url, error="m").svg_inline(scale=6, title=_("QR code to join"), border=2)
    return render_template(
        "rounds/session.html",
        opened=opened,
        live=tablet.is_live(opened),
        join_url=join_url,
        qr=Markup(svg),  # noqa: S704 - segno's own SVG
        count=tablet.count_ballots(opened.id),
        form=ChooseForm(),
    )


@bp.route("/tracker/round-sessions/<int:session_id>/count")
@role_required(*SURVEY_STAFF)
def round_session_count(session_id: int) -> Response:
    opened = tablet.get_round_session(session_id) or abort(404)
    count = tablet.count_ballots(opened.id)
    text = ngettext("%(num)d young person so far", "%(num)d young people so far", count)
    return jsonify({"count": count, "text": text, "open": tablet.is_live(opened)})


@bp.route("/tracker/round-sessions/<int:session_id>/close", methods=["POST"])
@role_required(*SURVEY_STAFF)
def close_round_session(session_id: int) -> Response:
    opened = tablet.get_round_session(session_id) or abort(404)
    if ChooseForm().validate_on_submit():
        tablet.close_round_session(opened)
        db.session.commit()
    return redirect(url_for("tracker.round_session", session_id=opened.id))


# -- young people on the tablets ------------------------------------------------------------


def _tablet_context(opened: Any, **extra: object) -> dict[str, Any]:
    language = str(get_locale())
    easy = easy_read()
    switch_args = request.args.to_dict()
    switch_args["easy"] = "0" if easy else "1"
    return {
        "opened": opened,
        "easy": easy,
        "language": language,
        "large_text": bool(session.get("large_text")),
        "idle_seconds": current_app.config.get("KIOSK_IDLE_SECONDS", 180),
        "switch_url": f"{request.path}?{urlencode(switch_args)}",
        "card_words": lambda card: results.card_words(card, language, easy),
        "card_lang": lambda card: results.words_language(card, language, easy),
        "choose": tablet.CHOOSE,
        **extra,
    }


def _closed_page() -> tuple[str, int]:
    return render_template("rounds/tablet_closed.html", **_tablet_context(None)), 410


def _live_session() -> Any:
    opened = tablet.find_round_session(session.get(ROUND_CODE))
    return opened if tablet.is_live(opened) else None


def _new_person() -> None:
    for name in (ROUND_KEY, ROUND_CHOSEN):
        session.pop(name, None)


@bp.route("/round/join/<code>")
@public
@never_cached
def round_join(code: str) -> Response | tuple[str, int]:
    opened = tablet.find_round_session(code)
    if not tablet.is_live(opened):
        return _closed_page()
    session.clear()
    session[ROUND_CODE] = opened.code
    return redirect(url_for("tracker.round_choose"))


def _chosen_ids(opened: Any, values: list[str]) -> list[int]:
    ids = {str(card.id): card.id for card in opened.round.cards}
    return [ids[value] for value in dict.fromkeys(values) if value in ids]


@bp.route("/round", methods=["GET", "POST"])
@limiter.limit(public_post_limit, methods=["POST"])
@public
@never_cached
def round_choose() -> Response | str | tuple[str, int]:
    opened = _live_session()
    if opened is None:
        return _closed_page()
    form = ChooseForm()
    cards = opened.round.live_cards
    chosen: list[int] = list(session.get(ROUND_CHOSEN) or [])
    error = str(CARD_GONE) if session.pop(ROUND_PROBLEM, False) else None
    if form.validate_on_submit():
        picked = _chosen_ids(opened, request.form.getlist("answer"))
        chosen = tablet.still_live(opened, picked)
        if chosen != picked:
            error = str(CARD_GONE)
        elif not chosen:
            error = _("Choose at least 1 card")
        elif len(chosen) > tablet.CHOOSE:
            error = _(
                "Choose up to %(most)s cards. You chose %(number)s.",
                most=tablet.CHOOSE,
                number=len(chosen),
            )
        else:
            session[ROUND_CHOSEN] = chosen
            return redirect(url_for("tracker.round_reason"))
    return render_template(
        "rounds/tablet_choose.html",
        form=form,
        cards=cards,
        chosen=[str(number) for number in chosen],
        error=error,
        **_tablet_context(opened),
    ), (400 if error and request.method == "POST" else 200)


@bp.route("/round/why", methods=["GET"])
@public
@never_cached
def round_reason() -> Response | str | tuple[str, int]:
    opened = _live_session()
    if opened is None:
        return _closed_page()
    chosen = [
        card for card in opened.round.live_cards if card.id in (session.get(ROUND_CHOSEN) or [])
    ]
    if not chosen:
        return redirect(url_for("tracker.round_choose"))
    key = session.get(ROUND_KEY) or secrets.token_urlsafe(24)
    session[ROUND_KEY] = key
    form = ReasonForm(data={"key": key, "cards": ",".join(str(card.id) for card in chosen)})
    return render_template(
        "rounds/tablet_reason.html", form=form, chosen=chosen, **_tablet_context(opened)
    )


@bp.route("/round/send", methods=["POST"])
@limiter.limit(public_post_limit, methods=["POST"])
@public
@never_cached
def round_send() -> Response | str | tuple[str, int]:
    form = ReasonForm()
    opened = tablet.find_round_session(session.get(ROUND_CODE))
    if opened is None:
        return _closed_page()
    numbers = [int(part) for part in (form.cards.data or "").split(",") if part.isdigit()]
    if not form.validate_on_submit():
        if form.reason.errors:
            chosen = [card for card in opened.round.cards if card.id in numbers]
            return render_template(
                "rounds/tablet_reason.html", form=form, chosen=chosen, **_tablet_context(opened)
            ), 400
        abort(400)
    key = (form.key.data or "").strip()[:64]
    context = _tablet_context(opened)
    if len(key) < 16:
        return redirect(url_for("tracker.round_choose"))
    outcome = tablet.send_choices(
        opened,
        key=key,
        card_ids=numbers,
        reason=clean_text(form.reason.data or ""),
        language=context["language"],
        easy_read=context["easy"],
    )
    if outcome.sent is tablet.Sent.CLOSED:
        _new_person()
        return _closed_page()
    if outcome.sent in {tablet.Sent.CARD_GONE, tablet.Sent.BAD}:
        session[ROUND_CHOSEN] = tablet.still_live(opened, numbers)
        session[ROUND_PROBLEM] = True
        return redirect(url_for("tracker.round_choose"))
    if outcome.item_id is not None:
        announce_feedback([outcome.item_id])
    _new_person()
    session[ROUND_SENT] = outcome.sent.value
    return redirect(url_for("tracker.round_thank_you"))


@bp.route("/round/thank-you")
@public
@never_cached
def round_thank_you() -> str:
    opened = tablet.find_round_session(session.get(ROUND_CODE))
    return render_template(
        "rounds/tablet_thank_you.html",
        already=session.pop(ROUND_SENT, None) == tablet.Sent.ALREADY.value,
        form=ChooseForm(),
        **_tablet_context(opened),
    )


@bp.route("/round/start-again", methods=["POST"])
@limiter.limit(public_post_limit, methods=["POST"])
@public
@never_cached
def round_start_again() -> Response:
    """The next person: forget this one's choices (the idle reset, or the button)."""
    ChooseForm().validate_on_submit() or abort(400)
    _new_person()
    return redirect(url_for("tracker.round_choose"))


@bp.route("/round/exit")
@public
@never_cached
def round_exit() -> Response:
    _new_person()
    if _live_session() is not None:
        return redirect(url_for("tracker.round_choose"))
    return redirect(EXIT_URL)
