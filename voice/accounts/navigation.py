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
    # Pages `also` would take in that belong to another area instead (written the same way).
    but: tuple[str, ...] = ()
    # Where the link goes for someone whose roles do not open `endpoint`: the first they open.
    or_else: tuple[str, ...] = ()

    def holds(self, endpoint: str) -> bool:
        if _matches(endpoint, self.but):
            return False
        return endpoint == self.endpoint or _matches(endpoint, (*self.or_else, *self.also))

    def link(self) -> str | None:
        """The endpoint the person's link goes to, or None when their roles open none."""
        return next((e for e in (self.endpoint, *self.or_else) if _opens(e)), None)


def _matches(endpoint: str, parts: tuple[str, ...]) -> bool:
    return any(
        endpoint.startswith(part) if part[-1] in "._" else endpoint == part for part in parts
    )


# The staff pages of priority rounds (the young people's tablet pages are public).
ROUND_PAGES = (
    "tracker.rounds",
    "tracker.round_page",
    "tracker.add_round_card",
    "tracker.remove_round_card",
    "tracker.open_priority_round",
    "tracker.close_priority_round",
    "tracker.round_results",
    "tracker.round_sessions",
    "tracker.round_session",
    "tracker.round_session_count",
    "tracker.close_round_session",
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
    Area(_l("Tracker"), "tracker.overview", ("tracker.",), but=ROUND_PAGES),
    Area(_l("Priority rounds"), "tracker.rounds", ROUND_PAGES, or_else=("tracker.round_sessions",)),
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
        endpoint = area.link()
        if endpoint is None:
            continue
        holds = area.holds(here)
        items.append(
            {
                "text": area.text,
                "href": url_for(endpoint),
                "current": holds and here == endpoint,
                "active": holds,
            }
        )
    return items


def init_navigation(app: Flask) -> None:
    app.jinja_env.globals["staff_navigation"] = staff_navigation
