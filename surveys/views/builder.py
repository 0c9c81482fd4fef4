"""The survey builder for staff: settings, wordings, questions, publish checks, open, close."""

from datetime import UTC, date, datetime, time
from io import BytesIO
from typing import cast

import segno
from flask import abort, current_app, flash, redirect, render_template, request, url_for
from markupsafe import Markup
from werkzeug.wrappers import Response

from surveys import bp
from surveys.builder import (
    SurveyError,
    add_question,
    close_survey,
    create_survey,
    delete_question,
    duplicate_survey,
    get_survey,
    list_surveys,
    missing_wordings,
    move_question,
    open_survey,
    update_question,
    update_survey,
)
from surveys.conditions import (
    ConditionError,
    broken_by_change,
    clear_condition,
    describe,
    describe_all,
    has_condition,
    possible_sources,
    set_condition,
)
from surveys.forms import (
    AUDIENCE_LABELS,
    LANGUAGE_LABELS,
    QUESTION_ROLE_LABELS,
    QUESTION_TYPE_LABELS,
    ConditionForm,
    CopySurveyForm,
    IntroForm,
    PictureForm,
    QuestionForm,
    SurveyForm,
    SymbolForm,
    fill_options,
    fill_wordings,
    read_option_keys,
    read_options,
    read_wordings,
)
from surveys.models import Question, QuestionRole, QuestionType, SourceGroup, Survey, SurveyKind
from surveys.pictures import PICTURE_MAX_BYTES, add_picture, list_pictures, picture_type
from surveys.question_types import CHOICE_TYPES, for_question
from surveys.responses import count_responses
from surveys.symbols import SYMBOL_PREFIX, search_symbols, symbol_for
from surveys.wordings import wording_text
from voice.accounts.access import role_required
from voice.accounts.roles import SURVEY_STAFF
from voice.db import db
from voice.forms import required
from voice.i18n import _


def _as_datetime(day: date | None) -> datetime | None:
    return datetime.combine(day, time.min, tzinfo=UTC) if day else None


def _survey(survey_id: int) -> Survey:
    return get_survey(survey_id) or abort(404)


def _question(survey: Survey, question_id: int) -> Question:
    return next((q for q in survey.questions if q.id == question_id), None) or abort(404)


def _number(survey: Survey, question: Question) -> int:
    return survey.questions.index(question) + 1


def _english(wordings: dict | None) -> str:
    """The words staff see for a prompt or an option in builder lists."""
    return wording_text(wordings, "en", False) or _("(no wording yet)")


@bp.context_processor
def _condition_sentences() -> dict[str, object]:
    """For the survey page: each question's display condition as a sentence."""
    return {"condition_sentences": describe_all}


def _problem_text(problem: dict) -> str:
    language = LANGUAGE_LABELS.get(problem["language"] or "", "")
    style = _("easy read") if problem["style"] == "easy" else _("plain")
    where = problem["where"]
    if where == "no_questions":
        return _("Add at least one question")
    if where == "few_options":
        return _("Question %(number)s: add at least 2 answer options", number=problem["number"])
    if where == "picture":
        return _("Question %(number)s: give every option a picture", number=problem["number"])
    if where == "title":
        return _("Title: add the %(style)s wording in %(language)s", style=style, language=language)
    if where == "intro":
        return _(
            "Introduction: add the %(style)s wording in %(language)s",
            style=style,
            language=language,
        )
    if where == "question":
        return _(
            "Question %(number)s: add the %(style)s wording in %(language)s",
            number=problem["number"],
            style=style,
            language=language,
        )
    return _(
        "Question %(number)s: add the %(style)s wording of every option in %(language)s",
        number=problem["number"],
        style=style,
        language=language,
    )


def _problems(survey: Survey) -> list[str]:
    seen: list[str] = []
    for problem in missing_wordings(survey, current_app.config["LANGUAGES"]):
        text = _problem_text(problem)
        if text not in seen:
            seen.append(text)
    return seen


@bp.route("/staff/surveys")
@role_required(*SURVEY_STAFF)
def surveys() -> str:
    return render_template(
        "surveys/builder/list.html",
        surveys=list_surveys(),
        forms=list_surveys(SurveyKind.FORM),
        audience_labels=AUDIENCE_LABELS,
    )


@bp.route("/staff/surveys/new", methods=["GET", "POST"])
@role_required(*SURVEY_STAFF)
def new_survey() -> Response | str:
    form = SurveyForm()
    if form.validate_on_submit():
        survey = create_survey(
            title=required(form.title.data),
            audience=SourceGroup(form.audience.data),
            opens_at=_as_datetime(form.opens_on.data),
            closes_at=_as_datetime(form.closes_on.data),
            retention_days=form.retention_days.data,
            listed=form.listed.data,
        )
        db.session.commit()
        return redirect(url_for("surveys.survey", survey_id=survey.id))
    return render_template("surveys/builder/settings.html", form=form, survey=None)


def _share_url(survey: Survey) -> str:
    """The survey's own start page: anyone can answer an open survey there, with no group code."""
    return url_for("surveys.start", survey_id=survey.id, _external=True)


@bp.route("/staff/surveys/<int:survey_id>")
@role_required(*SURVEY_STAFF)
def survey(survey_id: int) -> str:
    survey = _survey(survey_id)
    share_url = _share_url(survey)
    qr = segno.make(share_url, error="m").svg_inline(
        scale=5, title=_("QR code for the survey's link"), border=2
    )
    return render_template(
        "surveys/builder/survey.html",
        survey=survey,
        problems=_problems(survey),
        type_labels=QUESTION_TYPE_LABELS,
        role_labels=QUESTION_ROLE_LABELS,
        audience_labels=AUDIENCE_LABELS,
        count=count_responses(survey.id),
        form=CopySurveyForm(),
        share_url=share_url,
        qr=Markup(qr),  # noqa: S704 - segno's own SVG
    )


@bp.route("/staff/surveys/<int:survey_id>/qr-code.png")
@role_required(*SURVEY_STAFF)
def survey_qr_code(survey_id: int) -> Response:
    """The survey link's QR code as a picture to print on a poster or put in a newsletter."""
    survey = _survey(survey_id)
    image = BytesIO()
    segno.make(_share_url(survey), error="m").save(image, kind="png", scale=10, border=4)
    response = Response(image.getvalue(), mimetype="image/png")
    filename = f"survey-{survey.id}-qr-code.png"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@bp.route("/staff/surveys/<int:survey_id>/settings", methods=["GET", "POST"])
@role_required(*SURVEY_STAFF)
def survey_settings(survey_id: int) -> Response | str:
    survey = _survey(survey_id)
    form = SurveyForm(
        data={
            "title": survey.title,
            "audience": survey.audience.value,
            "opens_on": survey.opens_at.date() if survey.opens_at else None,
            "closes_on": survey.closes_at.date() if survey.closes_at else None,
            "retention_days": survey.retention_days,
            "listed": survey.listed,
        }
    )
    valid = form.validate_on_submit()
    if valid and survey.kind is SurveyKind.FORM and (form.opens_on.data or form.closes_on.data):
        field = form.opens_on if form.opens_on.data else form.closes_on
        field.errors = [_("Feedback forms are always open. Leave the dates empty.")]
    elif valid:
        update_survey(
            survey,
            title=form.title.data,
            audience=SourceGroup(form.audience.data),
            opens_at=_as_datetime(form.opens_on.data),
            closes_at=_as_datetime(form.closes_on.data),
            retention_days=form.retention_days.data,
            listed=form.listed.data and survey.kind is SurveyKind.SURVEY,
        )
        db.session.commit()
        return redirect(url_for("surveys.survey", survey_id=survey.id))
    return render_template("surveys/builder/settings.html", form=form, survey=survey)


@bp.route("/staff/surveys/<int:survey_id>/wording", methods=["GET", "POST"])
@role_required(*SURVEY_STAFF)
def survey_wording(survey_id: int) -> Response | str:
    survey = _survey(survey_id)
    form = IntroForm()
    if form.validate_on_submit():
        update_survey(
            survey, title_wording=read_wordings(form, "title"), intro=read_wordings(form, "intro")
        )
        db.session.commit()
        return redirect(url_for("surveys.survey", survey_id=survey.id))
    if not form.is_submitted():
        fill_wordings(form, "title", survey.title_wording)
        fill_wordings(form, "intro", survey.intro)
    return render_template(
        "surveys/builder/wording.html",
        form=form,
        survey=survey,
        languages=current_app.config["LANGUAGES"],
        language_labels=LANGUAGE_LABELS,
    )


@bp.route(
    "/staff/surveys/<int:survey_id>/questions/new",
    methods=["GET", "POST"],
    defaults={"question_id": None},
)
@bp.route("/staff/surveys/<int:survey_id>/questions/<int:question_id>", methods=["GET", "POST"])
@role_required(*SURVEY_STAFF)
def edit_question(survey_id: int, question_id: int | None) -> Response | str:
    survey = _survey(survey_id)
    asked = next((q for q in survey.questions if q.id == question_id), None)
    if question_id is not None and asked is None:
        abort(404)
    form = QuestionForm()
    # QuestionForm declares the picture field with a list of (value, label) pairs.
    shipped = cast(list[tuple[str, str]], form.picture.choices)
    form.picture.choices = shipped + [(f"upload-{p.id}", p.name) for p in list_pictures()]
    # A symbol chosen with "Find a symbol" (question_symbols) is offered while it is in use.
    for name in {asked.picture if asked else None, request.form.get("picture")}:
        if (symbol := symbol_for(name)) is not None:
            form.picture.choices.append(
                (symbol.picture, _("%(name)s (OpenMoji)", name=symbol.name))
            )
    if form.validate_on_submit():
        options = read_options(form)
        fields = {
            "prompt": read_wordings(form, "prompt"),
            "options": options,
            "required": form.required.data,
            "required_reason": form.required_reason.data,
            "picture": form.picture.data or None,
            "role": QuestionRole(form.role.data or QuestionRole.ANSWER.value),
            "label_key": form.label_key.data,
            "option_keys": read_option_keys(form),
        }
        kind = QuestionType(form.kind.data)
        if asked is None:
            add_question(survey, kind=kind, **fields)
        elif _keeps_conditions(survey, asked, kind, form, len(options)):
            update_question(asked, kind=kind, **fields)
        if not form.errors:  # else the message is beside the field
            db.session.commit()
            return redirect(url_for("surveys.survey", survey_id=survey.id))
    if not form.is_submitted() and asked is not None:
        form.kind.data = asked.kind.value
        form.picture.data = asked.picture or ""
        form.required.data = asked.required
        form.required_reason.data = asked.required_reason or ""
        form.role.data = asked.role.value
        form.label_key.data = asked.label_key or ""
        fill_wordings(form, "prompt", asked.prompt)
        fill_options(form, asked.options)
    return render_template(
        "surveys/builder/question.html",
        form=form,
        survey=survey,
        question=asked,
        languages=current_app.config["LANGUAGES"],
        language_labels=LANGUAGE_LABELS,
    )


@bp.route(
    "/staff/surveys/<int:survey_id>/questions/<int:question_id>/symbols", methods=["GET", "POST"]
)
@role_required(*SURVEY_STAFF)
def question_symbols(survey_id: int, question_id: int) -> Response | str:
    """Find an OpenMoji symbol by an English word (a GET form, ?q=school), then choose one for
    the question or one of its options (a POST to the same address, which keeps the words)."""
    survey = _survey(survey_id)
    asked = _question(survey, question_id)
    words = (request.args.get("q") or "").strip()[:100]
    found = search_symbols(words)
    form = SymbolForm()
    form.symbol.choices = [(s.code, s.name) for s in found]
    form.target.choices = [("question", _("Beside the question"))] + [
        (
            f"option-{index}",
            _("Answer %(number)s: %(words)s", number=index, words=_english(option.wording)),
        )
        for index, option in enumerate(asked.options, start=1)
    ]
    if not form.is_submitted():
        form.target.data = "question"
    if form.validate_on_submit():
        symbol = symbol_for(SYMBOL_PREFIX + (form.symbol.data or ""))
        targets = [value for value, _label in form.target.choices]
        if symbol is None:
            form.symbol.errors = [
                _("There is no OpenMoji symbol with that code. Choose one from the list.")
            ]
        elif form.target.data not in targets:
            form.target.errors = [_("Choose where the symbol goes")]
        else:
            if form.target.data == "question":
                asked.picture = symbol.picture
            else:
                asked.options[targets.index(form.target.data) - 1].picture = symbol.picture
            db.session.commit()
            flash(_("The %(name)s symbol is now used in this question.", name=symbol.name))
            return redirect(
                url_for("surveys.edit_question", survey_id=survey.id, question_id=asked.id)
            )
    return render_template(
        "surveys/builder/symbols.html",
        form=form,
        survey=survey,
        question=asked,
        number=_number(survey, asked),
        words=words,
        found=found,
    )


def _keeps_conditions(
    survey: Survey, asked: Question, kind: QuestionType, form: QuestionForm, option_count: int
) -> bool:
    """False, with a message beside the field, when the change would take away answers a
    later question's display condition uses (staff change that condition first)."""
    kept = option_count if kind in CHOICE_TYPES else 0
    broken = broken_by_change(asked, kind, kept)
    if not broken:
        return True
    number = _number(survey, broken[0])
    if kind is not asked.kind:
        form.kind.errors = [
            _(
                "Question %(number)s is shown only after certain answers to this question. "
                "Keep this type of question, or change when question %(number)s is shown first.",
                number=number,
            )
        ]
    else:
        form["options_en"].errors = [
            _(
                "Question %(number)s is shown only after an answer this change removes. "
                "Keep that answer, or change when question %(number)s is shown first.",
                number=number,
            )
        ]
    return False


@bp.route(
    "/staff/surveys/<int:survey_id>/questions/<int:question_id>/when-shown",
    methods=["GET", "POST"],
)
@role_required(*SURVEY_STAFF)
def question_condition(survey_id: int, question_id: int) -> Response | str:
    """When a question is shown: to everyone, or only after certain answers to an earlier one.
    Works without JavaScript: "Show the answers of this question" redraws the answers to tick
    for the question chosen, and saving checks they belong to it."""
    survey = _survey(survey_id)
    asked = _question(survey, question_id)
    sources = possible_sources(asked)
    form = ConditionForm()
    form.source.choices = [
        (
            str(q.id),
            _(
                "Question %(number)s: %(prompt)s",
                number=_number(survey, q),
                prompt=_english(q.prompt),
            ),
        )
        for q in sources
    ]
    if not form.is_submitted():
        if has_condition(asked):
            form.source.data = str(asked.condition_question_id)
            form.mode.data = "excludes" if asked.condition_negated else "includes"
            form.values.data = list(asked.condition_values)
        elif sources:
            form.source.data = str(sources[-1].id)  # most often the question just before
    source = next((q for q in sources if str(q.id) == form.source.data), None)
    choices = for_question(source).choices() if source is not None else []
    form.values.choices = [(c.value, _english(c.wording)) for c in choices]
    allowed = [c.value for c in choices]
    if form.is_submitted() and sources:
        if form.show_answers.data:
            form.values.data = [v for v in form.values.data or [] if v in allowed]
        elif _valid_condition(form, source, allowed) and source is not None:
            values = form.values.data or []
            set_condition(asked, source, values, negated=form.mode.data == "excludes")
            db.session.commit()
            flash(
                _(
                    "Question %(number)s is now shown only after the answers you chose.",
                    number=_number(survey, asked),
                )
            )
            return redirect(url_for("surveys.survey", survey_id=survey.id))
    current = describe(asked, survey)
    return render_template(
        "surveys/builder/condition.html",
        form=form,
        survey=survey,
        question=asked,
        number=_number(survey, asked),
        prompt=_english(asked.prompt),
        has_sources=bool(sources),
        current=current.text() if current is not None else None,
        remove_form=CopySurveyForm(),
    )


def _valid_condition(form: ConditionForm, source: Question | None, allowed: list[str]) -> bool:
    """Checks the posted condition, with every problem beside its field."""
    form.validate()
    if source is None:
        form.source.errors = [
            _(
                "Choose a question that comes before this one. A question can only be shown "
                "because of an earlier answer."
            )
        ]
        return False
    chosen = form.values.data or []
    if not chosen:
        form.values.errors = [
            _("Tick at least one answer of “%(question)s”", question=_english(source.prompt))
        ]
    elif any(value not in allowed for value in chosen):
        form.values.data = [v for v in chosen if v in allowed]
        form.values.errors = [
            _(
                "Tick only answers of “%(question)s”. After choosing a different question, "
                "press “Show the answers of this question”.",
                question=_english(source.prompt),
            )
        ]
    return not form.errors


@bp.route(
    "/staff/surveys/<int:survey_id>/questions/<int:question_id>/when-shown/remove",
    methods=["POST"],
)
@role_required(*SURVEY_STAFF)
def remove_condition(survey_id: int, question_id: int) -> Response:
    survey = _survey(survey_id)
    asked = _question(survey, question_id)
    if CopySurveyForm().validate_on_submit():
        clear_condition(asked)
        db.session.commit()
        flash(_("Question %(number)s is now shown to everyone.", number=_number(survey, asked)))
    return redirect(url_for("surveys.survey", survey_id=survey.id))


@bp.route(
    "/staff/surveys/<int:survey_id>/questions/<int:question_id>/<any(up, down):step>",
    methods=["POST"],
)
@role_required(*SURVEY_STAFF)
def move(survey_id: int, question_id: int, step: str) -> Response:
    survey = _survey(survey_id)
    asked = _question(survey, question_id)
    if CopySurveyForm().validate_on_submit():
        try:
            move_question(asked, -1 if step == "up" else 1)
        except ConditionError as refused:
            later = refused.args[0]
            earlier = _question(survey, later.condition_question_id)
            flash(
                _(
                    "Question %(later)s is shown only after an answer to question %(earlier)s, "
                    "so it must come after it. Change when question %(later)s is shown first.",
                    later=_number(survey, later),
                    earlier=_number(survey, earlier),
                ),
                "problem",
            )
        else:
            db.session.commit()
    return redirect(url_for("surveys.survey", survey_id=survey.id))


@bp.route("/staff/surveys/<int:survey_id>/questions/<int:question_id>/delete", methods=["POST"])
@role_required(*SURVEY_STAFF)
def remove_question(survey_id: int, question_id: int) -> Response:
    survey = _survey(survey_id)
    asked = _question(survey, question_id)
    if CopySurveyForm().validate_on_submit():
        released = delete_question(asked)
        db.session.commit()
        flash(_("The question has been removed."))
        for question in released:
            flash(
                _(
                    "“%(prompt)s” was shown only after an answer to the question you removed. "
                    "Now everyone is asked it.",
                    prompt=_english(question.prompt),
                )
            )
    return redirect(url_for("surveys.survey", survey_id=survey.id))


@bp.route("/staff/surveys/<int:survey_id>/<any(open, close, copy):action>", methods=["POST"])
@role_required(*SURVEY_STAFF)
def change_status(survey_id: int, action: str) -> Response | str | tuple[str, int]:
    survey = _survey(survey_id)
    if not CopySurveyForm().validate_on_submit():
        abort(400)
    if action == "copy":
        copy = duplicate_survey(survey, _("Copy of %(title)s", title=survey.title))
        db.session.commit()
        flash(_("A copy has been made. It is a draft."))
        return redirect(url_for("surveys.survey", survey_id=copy.id))
    if action == "close":
        try:
            close_survey(survey)
        except SurveyError:
            flash(_("Feedback forms are always open, so they cannot be closed."))
            return redirect(url_for("surveys.survey", survey_id=survey.id))
        db.session.commit()
        flash(_("The survey is closed."))
        return redirect(url_for("surveys.survey", survey_id=survey.id))
    try:
        open_survey(survey, current_app.config["LANGUAGES"])
    except SurveyError:
        return render_template(
            "surveys/builder/survey.html",
            survey=survey,
            problems=_problems(survey),
            type_labels=QUESTION_TYPE_LABELS,
            role_labels=QUESTION_ROLE_LABELS,
            audience_labels=AUDIENCE_LABELS,
            count=count_responses(survey.id),
            form=CopySurveyForm(),
            publish_refused=True,
        ), 400
    db.session.commit()
    flash(_("The survey is open for answers."))
    return redirect(url_for("surveys.survey", survey_id=survey.id))


@bp.route("/staff/surveys/pictures", methods=["GET", "POST"])
@role_required(*SURVEY_STAFF)
def pictures() -> Response | str:
    form = PictureForm()
    if form.validate_on_submit():
        data = form.picture.data.read(PICTURE_MAX_BYTES + 1)
        if picture_type(data) is None:
            form.picture.errors.append(_("The picture must be a PNG or JPEG file"))
        elif len(data) > PICTURE_MAX_BYTES:
            form.picture.errors.append(_("The picture must be 200 KB or smaller"))
        else:
            picture = add_picture(name=required(form.name.data), data=data)
            db.session.commit()
            flash(_("Picture uploaded. Its name for questions is upload-%(id)s.", id=picture.id))
            return redirect(url_for("surveys.pictures"))
    return render_template("surveys/builder/pictures.html", form=form, pictures=list_pictures())
