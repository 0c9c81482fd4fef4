"""The respondent engine: start, one question a page, check answers, send, thank you.

Driven entirely by Survey rows, so feedback forms (Survey.kind FORM) reuse it unchanged."""

import json
from functools import cache
from typing import Any, cast
from urllib.parse import urlencode, urlsplit, urlunsplit

from babel import Locale
from flask import (
    abort,
    current_app,
    redirect,
    render_template,
    request,
    send_from_directory,
    session,
    url_for,
)
from flask_babel import get_locale
from flask_login import current_user
from werkzeug.wrappers import Response

from surveys import bp
from surveys.answering import survey_for_answering
from surveys.builder import is_accepting
from surveys.conditions import answers_to_asked, asked_questions, has_condition
from surveys.contact import announce_contact_request, record_contact_request
from surveys.feedback import announce_feedback
from surveys.forms import SENTENCE_STARTERS, StartForm, SubmitResponseForm
from surveys.kiosk import find_live_kiosk_session
from surveys.models import HowAnswered, Question, Survey
from surveys.pictures import get_picture
from surveys.question_types import FREE_TEXT_LIMIT, SKIP, for_question
from surveys.responses import (
    discard_draft,
    find_response,
    get_draft,
    save_answer,
    start_draft,
    submit_response,
)
from surveys.views import easy_read, public_post_limit
from surveys.wordings import wording_text
from voice.accounts.access import public
from voice.accounts.sessions import never_cached
from voice.db import db
from voice.extensions import limiter
from voice.i18n import _, ngettext
from voice.untrusted import clean_text

DRAFTS = "survey_drafts"
KIOSK = "kiosk_code"
LARGE_TEXT = "large_text"
WITHDRAW = "contact_withdraw_token"  # shown once on the thank-you page, then forgotten
HOW_ANSWERED_VALUES = {how.value for how in HowAnswered}
EXIT_URL = "https://www.bbc.co.uk/weather"  # a neutral page for Exit this page off a kiosk


def _kiosk_key() -> str:
    return f"kiosk:{session.get(KIOSK) or 'none'}"


def _survey_or_404(survey_id: int) -> Survey:
    return survey_for_answering(survey_id) or abort(404)


def _can_answer(survey: Survey) -> bool:
    previewing = current_user.is_authenticated
    return is_accepting(survey) or previewing


def _token(survey: Survey) -> str | None:
    return (session.get(DRAFTS) or {}).get(str(survey.id))


def _set_token(survey_id: int, token: str | None) -> None:
    """Remember (or forget) this browser's draft."""
    drafts = dict(session.get(DRAFTS) or {})
    if token is None:
        drafts.pop(str(survey_id), None)
    else:
        drafts[str(survey_id)] = token
    session[DRAFTS] = drafts


@cache
def _plural_samples(language: str) -> dict[str, int]:
    """A number for each plural category of the language (CLDR), as the browser picks them."""
    plural = Locale.parse(language).plural_form
    samples: dict[str, int] = {}
    for number in range(200):
        samples.setdefault(plural(number), number)
    return samples


@cache
def _count_text(language: str) -> dict[str, str]:
    """The live character count's words, from the catalogs, for govuk-frontend's data-i18n;
    worked out once per language (it runs in a request for that language)."""
    text = {
        "characters-at-limit": _("You have 0 characters remaining"),
        "textarea-description.other": _(
            "You can enter up to %(count)s characters", count="%{count}"
        ),
    }
    for category, number in _plural_samples(language).items():
        text[f"characters-under-limit.{category}"] = ngettext(
            "You have %(count)s character remaining",
            "You have %(count)s characters remaining",
            number,
            count="%{count}",
        )
        text[f"characters-over-limit.{category}"] = ngettext(
            "You have %(count)s character too many",
            "You have %(count)s characters too many",
            number,
            count="%{count}",
        )
    return text


def _context(survey: Survey, **extra: object) -> dict[str, Any]:
    language = str(get_locale())
    easy = easy_read()
    switch_args = request.args.to_dict()
    switch_args["easy"] = "0" if easy else "1"
    kiosk = find_live_kiosk_session(session.get(KIOSK), survey)

    def word(wordings: dict | None) -> str:
        return wording_text(wordings, language, easy)

    return {
        "survey": survey,
        "easy": easy,
        "large_text": bool(session.get(LARGE_TEXT)),
        "word": word,
        "language": language,
        "kiosk": kiosk,
        "idle_seconds": current_app.config.get("KIOSK_IDLE_SECONDS", 180),
        "total": len(survey.questions),
        # Some questions are asked only after certain answers: the start page says "up to".
        "conditional": any(has_condition(q) for q in survey.questions),
        "count_text": _count_text(language),
        "switch_url": f"{request.path}?{urlencode(switch_args)}",
        **extra,
    }


def _closed(survey: Survey) -> tuple[str, int]:
    return render_template("surveys/respond/closed.html", **_context(survey)), 410


def _problem(survey: Survey, message: str, status: int = 400) -> tuple[str, int]:
    return render_template(
        "surveys/respond/problem.html", message=message, **_context(survey)
    ), status


@bp.route("/s/<int:survey_id>")
@public
@never_cached
def start(survey_id: int) -> str | tuple[str, int]:
    survey = _survey_or_404(survey_id)
    if not _can_answer(survey):
        return _closed(survey)
    return render_template("surveys/respond/start.html", form=StartForm(), **_context(survey))


@bp.route("/s/<int:survey_id>/start", methods=["POST"])
@limiter.limit(public_post_limit, methods=["POST"])
@limiter.limit(public_post_limit, key_func=_kiosk_key, methods=["POST"])
@public
@never_cached
def begin(survey_id: int) -> Response | tuple[str, int]:
    survey = _survey_or_404(survey_id)
    if not _can_answer(survey):
        return _closed(survey)
    StartForm().validate_on_submit() or abort(400)
    discard_draft(_token(survey))
    token = start_draft(survey).token  # read before the commit expires it
    db.session.commit()
    _set_token(survey_id, token)
    return redirect(url_for("surveys.question", survey_id=survey_id, number=1))


@bp.route("/s/<int:survey_id>/questions/<int:number>", methods=["GET", "POST"])
@limiter.limit(public_post_limit, methods=["POST"])
@limiter.limit(public_post_limit, key_func=_kiosk_key, methods=["POST"])
@public
@never_cached
def question(survey_id: int, number: int) -> Response | str | tuple[str, int]:
    survey = _survey_or_404(survey_id)
    if not _can_answer(survey):
        return _closed(survey)
    draft = get_draft(_token(survey), survey.id)
    if draft is None:
        return redirect(url_for("surveys.start", survey_id=survey.id))
    if not 1 <= number <= len(survey.questions):
        return _problem(
            survey, _("We could not find that question. Your other answers are kept."), 404
        )
    asked = survey.questions[number - 1]
    changing = request.args.get("change") == "1"
    shown = _asked_numbers(survey, draft.answers or {})
    if number not in shown:
        # Not asked, given the earlier answers: on to the next question that is (nothing saved).
        return redirect(_next_page(survey, draft.answers or {}, number, changing))
    kind = for_question(asked)
    form = kind.form((draft.answers or {}).get(str(asked.id)))
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        values, text = kind.posted(request.form)
        cleaned = kind.clean(values, text)
        if isinstance(cleaned, str):
            form.answer.errors = [kind.error_text(cleaned)]
        else:
            save_answer(draft, asked.id, cleaned)
            answers = dict(draft.answers or {})  # read before the commit expires it
            db.session.commit()
            return redirect(_next_page(survey, answers, number, changing))
    earlier = [each for each in shown if each < number]
    back = (
        url_for("surveys.question", survey_id=survey.id, number=earlier[-1])
        if earlier
        else url_for("surveys.start", survey_id=survey.id)
    )
    return render_template(
        "surveys/respond/question.html",
        form=form,
        question=asked,
        choices=kind.choices(),
        number=shown.index(number) + 1,
        back=back,
        starters=SENTENCE_STARTERS,
        limit=FREE_TEXT_LIMIT,
        skip=SKIP,
        **_context(survey, total=len(shown)),
    )


def _asked_numbers(survey: Survey, answers: dict) -> list[int]:
    """The page numbers (a question's place in the survey) of the questions this person is
    asked, given their answers so far (surveys.conditions)."""
    number_of: dict[int, int] = {q.id: n for n, q in enumerate(survey.questions, start=1)}
    return [number_of[q.id] for q in asked_questions(survey, answers)]


def _next_page(survey: Survey, answers: dict, number: int, changing: bool) -> str:
    """After question `number`: the next question asked. When changing an answer from Check
    your answers, straight back there, unless the new answer brings in a question not yet
    answered."""
    later = [each for each in _asked_numbers(survey, answers) if each > number]
    if changing:
        later = [each for each in later if str(_at(survey, each).id) not in answers]
    if later:
        args: dict[str, Any] = {"change": 1} if changing else {}
        return url_for("surveys.question", survey_id=survey.id, number=later[0], **args)
    return url_for("surveys.check_answers", survey_id=survey.id)


def _at(survey: Survey, number: int) -> Question:
    return survey.questions[number - 1]


def _summary(survey: Survey, answers: dict, language: str, easy: bool) -> list[dict]:
    """Check your answers: the questions asked, numbered as the person saw them."""
    return [
        {
            "number": shown,
            "page": number,
            "question": wording_text(asked.prompt, language, easy),
            "answer": for_question(asked).display(answers.get(str(asked.id)), language, easy),
        }
        for shown, number in enumerate(_asked_numbers(survey, answers), start=1)
        for asked in (_at(survey, number),)
    ]


@bp.route("/s/<int:survey_id>/check")
@public
@never_cached
def check_answers(survey_id: int) -> Response | str | tuple[str, int]:
    survey = _survey_or_404(survey_id)
    if not _can_answer(survey):
        return _closed(survey)
    draft = get_draft(_token(survey), survey.id)
    if draft is None:
        return redirect(url_for("surveys.start", survey_id=survey.id))
    context = _context(survey)
    # An answer to a question no longer asked (an earlier answer changed) is not sent.
    answers = answers_to_asked(survey, draft.answers or {})
    form = SubmitResponseForm(data={"idempotency_key": draft.token, "answers": json.dumps(answers)})
    rows = _summary(survey, answers, context["language"], context["easy"])
    back = (
        url_for("surveys.question", survey_id=survey.id, number=rows[-1]["page"])
        if rows
        else url_for("surveys.start", survey_id=survey.id)
    )
    return render_template("surveys/respond/check.html", form=form, rows=rows, back=back, **context)


def _answers_from_form(survey: Survey, raw: str | None) -> dict | None:
    """Answers sent with the final form (an offline resend); checked like any other answer."""
    try:
        posted = json.loads(raw or "{}")
    except (ValueError, RecursionError):  # RecursionError: nested past Python's limit
        return None
    if not isinstance(posted, dict):
        return None
    known = {str(q.id): q for q in survey.questions}
    answers = {}
    for key, answer in posted.items():
        if key not in known or not isinstance(answer, dict):
            return None
        choices, text = answer.get("choices") or [], answer.get("text")
        if not isinstance(choices, list) or not all(isinstance(v, str | int) for v in choices):
            return None
        if text is not None and not isinstance(text, str):
            return None
        # JSON can spell a NUL as an escape the request's own cleaning never sees.
        values = [clean_text(str(v)) for v in choices]
        text = clean_text(text) if text is not None else None
        if answer.get("skipped"):
            values.append(SKIP)
        cleaned = for_question(known[key]).clean(values, text)
        if isinstance(cleaned, str):
            return None
        answers[key] = cleaned
    return answers


@bp.route("/s/<int:survey_id>/send", methods=["POST"])
@limiter.limit(public_post_limit, methods=["POST"])
@limiter.limit(public_post_limit, key_func=_kiosk_key, methods=["POST"])
@public
@never_cached
def send(survey_id: int) -> Response | str | tuple[str, int]:
    survey = _survey_or_404(survey_id)
    form = SubmitResponseForm()
    if not form.validate_on_submit():
        abort(400)
    key = (form.idempotency_key.data or "").strip()[:64]
    if len(key) < 16:
        return _problem(survey, _("Something went wrong. Please start the survey again."))
    if find_response(key) is not None:
        return redirect(url_for("surveys.thank_you", survey_id=survey.id))
    if not is_accepting(survey):
        return _closed(survey)
    draft = get_draft(key, survey.id)
    answers = draft.answers if draft is not None else _answers_from_form(survey, form.answers.data)
    if answers is None:
        return _problem(
            survey, _("Some answers could not be read. Please go back and check your answers.")
        )
    answers = answers_to_asked(survey, answers)  # never store an answer to a question not asked
    context = _context(survey)
    how_text = (form.how_answered.data or "").strip()  # Optional() lets a blank through
    how = HowAnswered(how_text) if how_text in HOW_ANSWERED_VALUES else None
    _response, item_ids = submit_response(
        survey,
        idempotency_key=key,
        answers=answers,
        language=context["language"],
        easy_read=context["easy"],
        how_answered=how,
        kiosk=context["kiosk"],
    )
    contact = record_contact_request(survey, answers, item_ids)
    discard_draft(key)  # the only other place an email address was kept
    db.session.commit()
    announce_feedback(item_ids)
    if contact is not None:
        announce_contact_request(contact[0], item_ids)
        session[WITHDRAW] = contact[1]
    _set_token(survey_id, None)
    if request.headers.get("X-Voice-Offline-Resend") == "1":
        return Response("stored", status=201, mimetype="text/plain")
    return redirect(url_for("surveys.thank_you", survey_id=survey_id))


@bp.route("/s/<int:survey_id>/thank-you")
@public
@never_cached
def thank_you(survey_id: int) -> str:
    survey = _survey_or_404(survey_id)
    return render_template(
        "surveys/respond/thank_you.html",
        form=StartForm(),
        withdraw_token=session.pop(WITHDRAW, None),
        **_context(survey),
    )


@bp.route("/s/<int:survey_id>/start-again", methods=["POST"])
@limiter.limit(public_post_limit, methods=["POST"])
@public
@never_cached
def start_again(survey_id: int) -> Response:
    """Clear this tablet's answers in progress (the kiosk idle reset, or "start again")."""
    survey = _survey_or_404(survey_id)
    StartForm().validate_on_submit() or abort(400)
    discard_draft(_token(survey))
    db.session.commit()
    _set_token(survey_id, None)
    return redirect(url_for("surveys.start", survey_id=survey_id))


@bp.route("/s/<int:survey_id>/exit")
@public
@never_cached
def exit_survey(survey_id: int) -> Response:
    """Exit this page: forget the answers in progress, then leave. On a kiosk tablet the next
    person gets a fresh start page; anywhere else the browser goes to a neutral site."""
    survey = _survey_or_404(survey_id)
    discard_draft(_token(survey))
    db.session.commit()
    _set_token(survey_id, None)
    if find_live_kiosk_session(session.get(KIOSK), survey) is not None:
        return redirect(url_for("surveys.start", survey_id=survey_id))
    return redirect(EXIT_URL)


@bp.route("/s/text-size", methods=["POST"])
@limiter.limit(public_post_limit, methods=["POST"])
@public
def text_size() -> Response:
    """Bigger or standard text on every survey page in this browser; works without JavaScript
    (the page's script sends the same form in the background and skips the reload)."""
    StartForm().validate_on_submit() or abort(400)
    session[LARGE_TEXT] = request.form.get("large") == "1"
    if request.headers.get("X-Voice-Background") == "1":
        return Response(status=204)
    back = urlsplit(request.form.get("back", ""))
    if back.scheme or back.netloc or not back.path.startswith("/s/"):
        return redirect(url_for("public.home"))
    return redirect(urlunsplit(("", "", back.path, back.query, "")))


@bp.route("/s/service-worker.js")
@public
def service_worker() -> Response:
    """Served from /s/ so it may look after every survey page (a worker's reach is its path)."""
    response = send_from_directory(
        cast(str, current_app.static_folder),  # the app is always made with its static folder
        "js/survey-service-worker.js",
        mimetype="text/javascript",
        max_age=0,
    )
    response.headers["Service-Worker-Allowed"] = "/s/"
    return response


@bp.route("/pictures/<int:picture_id>")
@public
def picture(picture_id: int) -> Response:
    """An uploaded picture, served with its checked type; never run as anything else."""
    stored = get_picture(picture_id) or abort(404)
    response = Response(stored.data, mimetype=stored.content_type)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "public, max-age=86400"
    return response
