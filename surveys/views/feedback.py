"""All feedback: every feedback item from every channel, filtered and paged, for staff."""

from flask import render_template, request
from werkzeug.datastructures import MultiDict

from surveys import bp
from surveys.intake_forms import AUDIENCE_LABELS, CHANNEL_LABELS, FeedbackFilterForm
from surveys.intake_services import (
    COUNT_CAP,
    FeedbackFilters,
    labels_for,
    list_feedback,
    list_survey_choices,
    proxy_authors_for,
)
from surveys.models import Channel, SourceGroup
from surveys.text_search import search_words
from voice.accounts.access import role_required
from voice.accounts.models import Role


@bp.route("/feedback")
@role_required(Role.STRATEGY_LEAD, Role.ADMIN)
def feedback_list() -> tuple[str, int] | str:
    form = FeedbackFilterForm(formdata=MultiDict(request.args))
    form.set_choices(list_survey_choices())
    filters = FeedbackFilters()
    valid = form.validate() if request.args else True
    if valid:
        filters = FeedbackFilters(
            source_group=SourceGroup(form.audience.data) if form.audience.data else None,
            channel=Channel(form.channel.data) if form.channel.data else None,
            survey_id=int(form.survey.data) if (form.survey.data or "").isdigit() else None,
            date_from=form.date_from.day,
            date_to=form.date_to.day,
            text=form.q.data or "",
        )
    page = list_feedback(
        filters, after=request.args.get("after"), before=request.args.get("before")
    )
    ids = [item.id for item in page.items]
    kept = {
        key: value
        for key, value in request.args.items()
        if key not in {"after", "before", "submit"} and value
    }
    return render_template(
        "surveys/feedback/list.html",
        form=form if not valid else None,
        filter_form=form,
        page=page,
        labels=labels_for(ids),
        authors=proxy_authors_for(ids),
        kept=kept,
        audience_labels=AUDIENCE_LABELS,
        channel_labels=CHANNEL_LABELS,
        count_cap=COUNT_CAP,
        no_search_words=bool(filters.text.strip()) and not search_words(filters.text),
    )
