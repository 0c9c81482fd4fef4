"""Dashboard pages: each parses the filters from the URL, asks the services, renders."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from flask import Response, abort, current_app, render_template, request, stream_with_context
from flask_login import current_user

from surveys.labels import AUDIENCE_LABELS as AUDIENCES
from surveys.labels import CHANNEL_LABELS as CHANNELS
from surveys.labels import HOW_ANSWERED_LABELS, NOT_RECORDED
from surveys.types import SourceGroup
from themes.comment_text import Viewer
from voice.accounts.access import role_required
from voice.accounts.models import Role
from voice.accounts.roles import DASHBOARD_READERS, LEADS
from voice.dashboards import bp, charts, exports, services
from voice.dashboards.filters import SENTIMENTS, Filters
from voice.db import utcnow
from voice.i18n import _
from voice.suppression import Suppression
from voice.tracker import coproduction as young_people
from voice.tracker import verdicts
from voice.tracker.forms import FACE_LABELS
from voice.tracker.rounds import results as round_results

# Roles that see only a summary of their own audience's themes.
OWN_AUDIENCE = {Role.FORUM_REP: SourceGroup.PARENT_CARER, Role.SCHOOL_CONTACT: SourceGroup.SCHOOL}


def _full_view() -> bool:
    return bool(current_user.has_any_role(*LEADS))


def _small_numbers() -> Suppression:
    """The same for every role: a chart read by an admin and printed for a meeting must say
    what it says to everyone else (voice.suppression)."""
    return Suppression.from_config()


def _filters() -> Filters:
    filters = Filters.from_args(request.args, today=utcnow().date())
    if not _full_view():
        own = [group for role, group in OWN_AUDIENCE.items() if current_user.has_any_role(role)]
        if not own:
            abort(403)
        if filters.audience not in own:
            filters = filters.within_audience(own[0])
    return filters


def _labels() -> dict[str, str]:
    found = {group.value: str(name) for group, name in AUDIENCES.items()}
    found.update({channel.value: str(name) for channel, name in CHANNELS.items()})
    found.update(charts.sentiment_names())
    found.update({how.value: str(text) for how, text in HOW_ANSWERED_LABELS.items()})
    found[services.NOT_RECORDED] = str(NOT_RECORDED)
    return found


def _filter_context(filters: Filters) -> dict[str, Any]:
    return {
        "filters": filters,
        "choices": services.filter_choices(
            current_app.config.get("LANGUAGES", ()), filters.language
        ),
        "audiences": AUDIENCES,
        "channels": CHANNELS,
        "sentiments": [(key, charts.sentiment_names()[key]) for key in SENTIMENTS],
        "full_view": _full_view(),
        "allowed_audiences": (
            list(AUDIENCES)
            if _full_view()
            else [g for r, g in OWN_AUDIENCE.items() if current_user.has_any_role(r)]
        ),
    }


def _change_text(row: services.ThemeCount, small: Suppression) -> str:
    """A sentence on how a theme moved since the previous period."""
    name = row.theme.name
    if small.hidden(row.voices) or small.hidden(row.previous):
        return _("%(theme)s: too few voices to compare with the previous period.", theme=name)
    if row.change is None:
        return _("%(theme)s: new this period.", theme=name)
    if row.change > 0:
        text = _(
            "%(theme)s: %(percent)s%% more voices than the previous period",
            theme=name,
            percent=row.change,
        )
    elif row.change < 0:
        text = _(
            "%(theme)s: %(percent)s%% fewer voices than the previous period",
            theme=name,
            percent=-row.change,
        )
    else:
        text = _("%(theme)s: the same number of voices as the previous period", theme=name)
    shift = row.negative_share_change or 0
    if shift >= 5:
        return _("%(text)s, more negative.", text=text)
    if shift <= -5:
        return _("%(text)s, less negative.", text=text)
    return _("%(text)s, about as negative.", text=text)


def _how_answered(filters: Filters, small: Suppression) -> dict[str, Any] | None:
    """How young people's comments were given, as parts of their total (None: there are none
    in this view)."""
    counts = services.how_young_people_answered(filters)
    if not sum(counts.values()):
        return None
    split = small.split(sum(counts.values()), counts)
    labels = _labels()
    helped = split.sum(["with_help", "for_me"], small.threshold)
    said = split.sum([key for key in counts if key != services.NOT_RECORDED], small.threshold)
    return {
        "total": split.total.text,
        "none_said": said.value == 0,
        "helped": None if helped.hidden else small.share(helped, split.total),
        "rows": [
            (labels[key], part.text, small.share(part, split.total))
            for key, part in split.parts.items()
        ],
        "note": split.any_hidden,
    }


def _overview_context(filters: Filters) -> dict[str, Any]:
    small = _small_numbers()
    audiences = services.voices_by_audience(filters)
    channels = services.voices_by_channel(filters)
    total = sum(audiences.values())
    ranked = services.themes_ranked(filters)
    shown_audiences = [(str(AUDIENCES[g]), n) for g, n in audiences.items()]
    audience_chart = charts.bar_chart(
        chart_id="chart-audience",
        title=_("Voices by audience"),
        label_heading=_("Audience"),
        counts=shown_audiences,
        small=small,
        summary=_("%(total)s voices in this period.", total=small.show(total)),
        total=total,
    )
    channel_chart = charts.bar_chart(
        chart_id="chart-channel",
        title=_("Voices by channel"),
        label_heading=_("Channel"),
        counts=[(str(CHANNELS[c]), n) for c, n in channels.items()],
        small=small,
        summary=_("How the %(total)s voices reached us.", total=small.show(total)),
        total=total,
    )
    top = ranked[:15]
    if top:
        theme_summary = _(
            "The theme raised most was %(theme)s, by %(count)s voices.",
            theme=top[0].theme.name,
            count=small.show(top[0].voices),
        )
    else:
        theme_summary = _("No themed voices in this period.")
    theme_chart = charts.sentiment_chart(
        chart_id="chart-themes",
        title=_("Themes ranked by voices, with sentiment"),
        label_heading=_("Theme"),
        splits=[(row.theme.name, row.sentiments) for row in top],
        small=small,
        summary=theme_summary,
    )
    context: dict[str, Any] = {
        "total": small.show(total),
        "audience_chart": audience_chart,
        "channel_chart": channel_chart,
        "theme_chart": theme_chart,
        "ranked": ranked,
        "changes": [_change_text(row, small) for row in top],
        "small": small,
        "how_answered": _how_answered(filters, small),
    }
    if _full_view():
        minimum = small.threshold * 2
        context["gaps"] = services.gaps(ranked, minimum)
        context["gap_minimum"] = minimum
        context["flags"] = small.show(services.open_flag_count(filters))
        context["phrases"] = services.emerging_phrases(filters)
        context["latest_round"] = round_results.latest_round()
        context["round_words"] = _round_words
    return context


def _round_words(card: Any) -> str:
    return round_results.card_words(card, "en", False)


@bp.get("/")
@role_required(*DASHBOARD_READERS)
def overview() -> str:
    filters = _filters()
    return render_template(
        "dashboards/overview.html", **_filter_context(filters), **_overview_context(filters)
    )


@bp.get("/themes/<slug>")
@role_required(*LEADS)
def theme(slug: str) -> str:
    found = services.theme_by_slug(slug) or abort(404)
    filters = Filters.from_args({**request.args, "theme": slug}, today=utcnow().date())
    small = _small_numbers()
    total = services.count_voices(filters)
    trend = services.trend_by_month(filters)
    audiences = services.voices_by_audience(filters)
    sentiments = services.sentiment_split(filters)
    # The same parts the sentiment chart's table shows, so the sentence hides what it hides.
    sentiment_parts = small.split(sum(sentiments.values()), sentiments).parts
    trend_chart = charts.bar_chart(
        chart_id="chart-trend",
        title=_("Voices by month"),
        label_heading=_("Month"),
        counts=trend,
        small=small,
        summary=_(
            "%(total)s voices raised %(theme)s between %(start)s and %(end)s.",
            total=small.show(total),
            theme=found.name,
            start=filters.start.isoformat(),
            end=filters.end.isoformat(),
        ),
        total=total,
    )
    audience_chart = charts.bar_chart(
        chart_id="chart-theme-audience",
        title=_("Voices by audience"),
        label_heading=_("Audience"),
        counts=[(str(AUDIENCES[g]), n) for g, n in audiences.items()],
        small=small,
        summary=_("Who raised %(theme)s.", theme=found.name),
        total=total,
    )
    sentiment_chart = charts.sentiment_chart(
        chart_id="chart-theme-sentiment",
        title=_("Sentiment"),
        label_heading=_("Theme"),
        splits=[(found.name, sentiments)],
        small=small,
        summary=_(
            "%(negative)s of the voices were negative and %(positive)s positive.",
            negative=sentiment_parts["negative"].text,
            positive=sentiment_parts["positive"].text,
        ),
    )
    comments, more = services.comments_page(filters, Viewer.current())
    return render_template(
        "dashboards/theme.html",
        theme=found,
        total=small.show(total),
        trend_chart=trend_chart,
        audience_chart=audience_chart,
        sentiment_chart=sentiment_chart,
        phrases=services.key_phrases(filters),
        comments=comments,
        more=more,
        small=small,
        labels=_labels(),
        how_answered=_how_answered(filters, small),
        **_filter_context(filters),
    )


def _export_rows(filters: Filters) -> Iterator[list[exports.Value]]:
    labels = _labels()
    for comment in services.export_comments(filters, Viewer.current()):
        yield exports.row(comment, labels)


def _file_name(filters: Filters, ending: str) -> str:
    return f"voice-comments-{filters.start.isoformat()}-to-{filters.end.isoformat()}.{ending}"


@bp.get("/export.csv")
@role_required(*LEADS)
def export_csv() -> Response:
    filters = _filters()
    body = stream_with_context(exports.csv_chunks(exports.header(), _export_rows(filters)))
    return Response(
        body,
        mimetype="text/csv",
        headers={
            "Content-Disposition": f'attachment; filename="{_file_name(filters, "csv")}"',
        },
    )


@bp.get("/export.xlsx")
@role_required(*LEADS)
def export_xlsx() -> Response:
    filters = _filters()
    body = stream_with_context(
        exports.xlsx_chunks(exports.header(), _export_rows(filters), title=_("Comments"))
    )
    return Response(
        body,
        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={
            "Content-Disposition": f'attachment; filename="{_file_name(filters, "xlsx")}"',
        },
    )


def _trend_shown(
    total: int, trend: list[tuple[str, int]], small: Suppression
) -> list[tuple[str, str]]:
    """Months as parts of the theme's total, so no month can be worked out by subtraction."""
    parts = small.split(total, dict(trend)).parts
    return [(month, parts[month].text) for month, _number in trend]


def _action_status_names() -> dict[str, str]:
    return {
        "planned": _("Planned"),
        "in_progress": _("In progress"),
        "done": _("Done"),
        "not_doing": _("Not doing"),
    }


@bp.get("/evidence-pack")
@role_required(*LEADS)
def evidence_pack() -> str:
    filters = _filters()
    context = _overview_context(filters)
    top = context["ranked"][:8]
    small = context["small"]
    themes = []
    for row in top:
        narrowed = replace(filters, theme=row.theme.slug, page=1)
        themes.append(
            {
                "row": row,
                "voices": small.show(row.voices),
                "previous": small.show(row.previous),
                "change": _change_text(row, small),
                "trend": _trend_shown(row.voices, services.trend_by_month(narrowed), small),
                "quotes": services.quotes(narrowed),
            }
        )
    return render_template(
        "dashboards/evidence_pack.html",
        themes=themes,
        actions=services.actions_for_themes([row.theme for row in top]),
        coproduction=services.coproduction_log(filters),
        young_people=young_people.coproduction(*young_people.period(filters.start, filters.end)),
        action_title=lambda action: action.title,
        action_status=lambda action: _action_status_names().get(action.status.value, ""),
        card_verdicts=verdicts.verdicts_by_action(small),
        face_labels=FACE_LABELS,
        generated=utcnow(),
        action_statuses=_action_status_names(),
        labels=_labels(),
        **context,
        **_filter_context(filters),
    )
