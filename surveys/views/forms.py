"""Always-open feedback forms ("Tell us what you think") for parent carers and for schools
and settings: no account, standard or easy-read wording, every site language."""

from flask import abort, current_app, redirect, render_template, request, session, url_for
from flask_babel import get_locale
from werkzeug.wrappers import Response

from surveys import bp
from surveys.intake_forms import FeedbackForm, WithdrawContactForm
from surveys.intake_services import (
    FormFeedback,
    add_contact_request,
    record_form_feedback,
    withdraw_contact_request,
)
from surveys.models import SourceGroup
from surveys.services import announce_feedback
from surveys.signals import contact_requested
from voice.accounts.access import public
from voice.db import db
from voice.extensions import limiter
from voice.i18n import _, _l

AUDIENCES = {"parent-carers": SourceGroup.PARENT_CARER, "schools": SourceGroup.SCHOOL}
_WITHDRAW = "feedback_withdraw_token"
_EASY = "feedback_easy_read"

# Labels for each audience, in standard and easy-read wording. Easy read is its own wording:
# short sentences, everyday words.
WORDINGS = {
    (SourceGroup.PARENT_CARER, False): {
        "title": _l("Tell us what you think: parent carers"),
        "intro": _l(
            "Tell us about support and services for your child or young person with "
            "special educational needs or a disability. You do not need to give your "
            "name."
        ),
        "working": _l("What is working well?"),
        "not_working": _l("What is not working?"),
        "services": _l("Which services is this about? (optional)"),
        "age_band": _l("How old is your child or young person? (optional)"),
        "setting_type": _l("Where do they go to school or nursery? (optional)"),
        "consent": _l("Can we publish what you said, without your name?"),
        "consent_hint": _l(
            "We may quote you in reports and on our You said, we did page. We "
            "remove names and anything that could identify you."
        ),
    },
    (SourceGroup.PARENT_CARER, True): {
        "title": _l("Tell us what you think"),
        "intro": _l(
            "This is for parents and carers. Tell us about help for your child. You do "
            "not have to say your name."
        ),
        "working": _l("What is good?"),
        "not_working": _l("What is not good?"),
        "services": _l("What is it about? You can tick more than one. You can skip this."),
        "age_band": _l("How old is your child? You can skip this."),
        "setting_type": _l("Where does your child learn? You can skip this."),
        "consent": _l("Can we share your words?"),
        "consent_hint": _l(
            "We will not use your name. We take out anything that says who you are."
        ),
    },
    (SourceGroup.SCHOOL, False): {
        "title": _l("Tell us what you think: schools and settings"),
        "intro": _l(
            "Tell us how support for children and young people with special "
            "educational needs or a disability is working for your school or setting."
        ),
        "working": _l("What is working well?"),
        "not_working": _l("What is not working?"),
        "services": _l("Which services is this about? (optional)"),
        "age_band": _l("Which age group is this about? (optional)"),
        "setting_type": _l("What kind of setting are you? (optional)"),
        "consent": _l("Can we publish what you said, without naming you or your setting?"),
        "consent_hint": _l(
            "We may quote you in reports and on our You said, we did page. We "
            "remove names and anything that could identify you."
        ),
    },
    (SourceGroup.SCHOOL, True): {
        "title": _l("Tell us what you think"),
        "intro": _l(
            "This is for schools, nurseries and colleges. Tell us about help for "
            "children with extra needs."
        ),
        "working": _l("What is good?"),
        "not_working": _l("What is not good?"),
        "services": _l("What is it about? You can tick more than one. You can skip this."),
        "age_band": _l("How old are the children? You can skip this."),
        "setting_type": _l("What kind of place are you? You can skip this."),
        "consent": _l("Can we share your words?"),
        "consent_hint": _l("We will not say who you are or name your school."),
    },
}


def _public_post_limit() -> str:
    return current_app.config["PUBLIC_POST_RATE_LIMIT"]


def _easy_read() -> bool:
    asked = request.args.get("easy")
    if asked in {"0", "1"}:
        session[_EASY] = asked == "1"
    return bool(session.get(_EASY, False))


def _switch_url(easy: bool) -> str:
    args = request.args.to_dict()
    args["easy"] = "0" if easy else "1"
    endpoint = (request.endpoint or "").removesuffix("_easy_read")
    return url_for(endpoint, **(request.view_args or {}), **args)


@bp.route("/tell-us/easy-read")
@public
def feedback_start_easy_read() -> str:
    session[_EASY] = True
    return _feedback_start()


@bp.route("/tell-us")
@public
def feedback_start() -> str:
    return _feedback_start()


def _feedback_start() -> str:
    easy = _easy_read()
    return render_template("surveys/forms/start.html", easy=easy, switch_url=_switch_url(easy))


@bp.route("/tell-us/<audience>/easy-read", methods=["GET", "POST"])
@limiter.limit(_public_post_limit, methods=["POST"])
@public
def feedback_form_easy_read(audience: str) -> Response | str:
    session[_EASY] = True
    return _feedback_form(audience)


@bp.route("/tell-us/<audience>", methods=["GET", "POST"])
@limiter.limit(_public_post_limit, methods=["POST"])
@public
def feedback_form(audience: str) -> Response | str:
    return _feedback_form(audience)


def _feedback_form(audience: str) -> Response | str:
    source_group = AUDIENCES.get(audience) or abort(404)
    easy = _easy_read()
    form = FeedbackForm()
    if form.validate_on_submit():
        ids = record_form_feedback(
            FormFeedback(
                source_group=source_group,
                working=form.working.data or "",
                not_working=form.not_working.data or "",
                services=form.services.data or [],
                other_service=form.other_service.data or "",
                age_band=form.age_band.data or None,
                setting_type=form.setting_type.data or None,
                consent_to_quote=form.consent_to_quote.data == "yes",
                language=str(get_locale()),
            )
        )
        token = contact_id = None
        if form.wants_reply.data and form.email.data:
            contact_id, token = add_contact_request(
                email=form.email.data, source_group=source_group
            )
        db.session.commit()
        announce_feedback(ids)
        if contact_id is not None:
            contact_requested.send(
                current_app._get_current_object(), contact_request_id=contact_id, item_ids=ids
            )
        session[_WITHDRAW] = token
        return redirect(url_for("surveys.feedback_thanks"))
    return render_template(
        "surveys/forms/form.html",
        form=form,
        easy=easy,
        audience=audience,
        words=WORDINGS[(source_group, easy)],
        switch_url=_switch_url(easy),
    )


@bp.route("/tell-us/thank-you")
@public
def feedback_thanks() -> str:
    easy = _easy_read()
    token = session.pop(_WITHDRAW, None)
    return render_template(
        "surveys/forms/thanks.html", easy=easy, token=token, switch_url=_switch_url(easy)
    )


@bp.route("/tell-us/contact/<token>", methods=["GET", "POST"])
@limiter.limit(_public_post_limit, methods=["POST"])
@public
def withdraw_contact(token: str) -> Response | str:
    form = WithdrawContactForm()
    if form.validate_on_submit():
        withdraw_contact_request(token)
        db.session.commit()
        return redirect(url_for("surveys.contact_withdrawn"))
    return render_template("surveys/forms/withdraw.html", form=form, easy=_easy_read())


@bp.route("/tell-us/contact-withdrawn")
@public
def contact_withdrawn() -> str:
    return render_template(
        "surveys/forms/withdrawn.html",
        easy=_easy_read(),
        message=_("We have deleted your email address."),
    )
