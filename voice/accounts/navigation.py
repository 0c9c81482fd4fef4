"""The staff service navigation: the areas a person's roles open, and which one they are in."""

from dataclasses import dataclass
from typing import Any

from flask import Flask, current_app, request, url_for
from flask_login import current_user

from voice.accounts.access import ACCESS_ATTRIBUTE
from voice.i18n import _l


@dataclass(frozen=True)
class Area:
    text: Any
    endpoint: str
    # Other pages that belong to the area: exact endpoints, or a prefix ending in "." or "_".
    also: tuple[str, ...] = ()

    def holds(self, endpoint: str) -> bool:
        return endpoint == self.endpoint or any(
            endpoint.startswith(part) if part[-1] in "._" else endpoint == part
            for part in self.also
        )


AREAS = (
    Area(_l("Dashboard"), "dashboards.overview", ("dashboards.",)),
    Area(_l("All feedback"), "themes.feedback_list", ("themes.item_detail",)),
    Area(
        _l("Themes"),
        "themes.codebook",
        (
            "themes.edit_theme",
            "themes.merge_theme",
            "themes.retire_theme",
            "themes.retag",
            "themes.emerging",
            "themes.quality",
            "themes.retrain",
            "themes.review",
            "themes.review_next",
        ),
    ),
    Area(_l("Safeguarding"), "themes.safeguarding_queue", ("themes.safeguarding_",)),
    Area(_l("Tracker"), "tracker.overview", ("tracker.",)),
    Area(_l("Translations"), "content_translations.overview", ("content_translations.",)),
    Area(
        _l("Surveys"),
        "surveys.surveys",
        (
            "surveys.survey",
            "surveys.survey_",
            "surveys.new_survey",
            "surveys.edit_question",
            "surveys.move",
            "surveys.remove_question",
            "surveys.change_status",
            "surveys.pictures",
        ),
    ),
    Area(
        _l("Tablet sessions"), "surveys.kiosk_sessions", ("surveys.kiosk_", "surveys.close_kiosk")
    ),
    Area(_l("Imports"), "surveys.import_list", ("surveys.import_",)),
    Area(
        _l("Proxy entry"),
        "surveys.proxy_entry",
        ("themes.proxy_entries", "themes.correct_entry"),
    ),
    Area(
        _l("People"),
        "accounts.people",
        ("accounts.add_person", "accounts.edit_person", "accounts.sign_in_events"),
    ),
)


def _opens(endpoint: str) -> bool:
    """Whether the signed-in person's roles open the page, read from the page's own rule."""
    view = current_app.view_functions.get(endpoint)
    access = getattr(view, ACCESS_ATTRIBUTE, None)
    if access is None or access == "public":
        return False
    roles = () if access == "staff" else access
    return current_user.has_any_role(*roles)


def staff_navigation() -> list[dict[str, Any]]:
    """Items for govukServiceNavigation; empty for anyone not signed in."""
    if not current_user.is_authenticated:
        return []
    here = request.endpoint or ""
    items = []
    for area in AREAS:
        if not _opens(area.endpoint):
            continue
        holds = area.holds(here)
        items.append(
            {
                "text": area.text,
                "href": url_for(area.endpoint),
                "current": holds and here == area.endpoint,
                "active": holds,
            }
        )
    return items


def init_navigation(app: Flask) -> None:
    app.jinja_env.globals["staff_navigation"] = staff_navigation
