import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import make_staff, sign_in_session
from voice.accounts.access import ACCESS_ATTRIBUTE
from voice.accounts.models import Role

PUBLIC = "public"
STAFF = "staff"  # any signed-in staff member, whatever their roles
ADMIN = frozenset({Role.ADMIN})
LEADS = frozenset({Role.ADMIN, Role.STRATEGY_LEAD})
SURVEY_STAFF = LEADS | {Role.FACILITATOR}
IMPORTERS = frozenset({Role.FORUM_REP, Role.STRATEGY_LEAD})
PROXY = frozenset({Role.FORUM_REP, Role.SCHOOL_CONTACT})
SAFEGUARDING = frozenset({Role.SAFEGUARDING_LEAD})

# Who may use each endpoint, written out so that a wrong role on a route fails here. A new
# route fails too until it is added: decide who may see it, then write that down.
ACCESS: dict[str, str | frozenset[Role]] = {
    "accounts.add_person": ADMIN,
    "accounts.change_password": STAFF,
    "accounts.edit_person": ADMIN,
    "accounts.enter_code": PUBLIC,  # the second step of signing in
    "accounts.people": ADMIN,
    "accounts.reset_person_second_factor": ADMIN,
    "accounts.set_up_second_factor": STAFF,
    "accounts.sign_in": PUBLIC,
    "accounts.sign_in_callback": PUBLIC,  # the identity provider sends people back here
    "accounts.sign_in_with_provider": PUBLIC,
    "accounts.sign_in_events": ADMIN,
    "accounts.sign_out": PUBLIC,
    "accounts.sign_out_everywhere": STAFF,
    "accounts.staff_home": STAFF,
    "accounts.stay_signed_in": STAFF,
    "content_translations.export_po": LEADS,
    "content_translations.export_xlsx": LEADS,
    "content_translations.import_file": LEADS,
    "content_translations.import_preview": LEADS,
    "content_translations.language": LEADS,
    "content_translations.overview": LEADS,
    "content_translations.required_languages": ADMIN,
    "content_translations.translate": LEADS,
    "dashboards.evidence_pack": LEADS,
    "dashboards.export_csv": LEADS,
    "dashboards.export_xlsx": LEADS,
    "dashboards.overview": LEADS | {Role.FORUM_REP, Role.SCHOOL_CONTACT},
    "dashboards.theme": LEADS,
    "health.healthz": PUBLIC,
    "privacy.access_log": ADMIN,
    "privacy.comment": ADMIN,
    "privacy.erase_contact": ADMIN,
    "privacy.erasures": ADMIN,
    "privacy.find_comment": ADMIN,
    "privacy.find_contact": ADMIN,
    "public.accessibility": PUBLIC,
    "public.home": PUBLIC,
    "public.privacy": PUBLIC,
    "surveys.begin": PUBLIC,
    "surveys.change_status": SURVEY_STAFF,
    "surveys.check_answers": PUBLIC,
    "surveys.close_kiosk": SURVEY_STAFF,
    "surveys.contact_withdrawn": PUBLIC,
    "surveys.edit_question": SURVEY_STAFF,
    "surveys.exit_survey": PUBLIC,
    "surveys.feedback_form": PUBLIC,
    "surveys.feedback_form_easy_read": PUBLIC,
    "surveys.feedback_start": PUBLIC,
    "surveys.feedback_start_easy_read": PUBLIC,
    "surveys.import_cancel": IMPORTERS,
    "surveys.import_list": IMPORTERS,
    "surveys.import_preview": IMPORTERS,
    "surveys.import_progress": IMPORTERS,
    "surveys.import_progress_json": IMPORTERS,
    "surveys.import_start": IMPORTERS,
    "surveys.import_upload": IMPORTERS,
    "surveys.join": PUBLIC,
    "surveys.join_with_code": PUBLIC,
    "surveys.kiosk_count": SURVEY_STAFF,
    "surveys.kiosk_session": SURVEY_STAFF,
    "surveys.kiosk_sessions": SURVEY_STAFF,
    "surveys.move": SURVEY_STAFF,
    "surveys.new_survey": SURVEY_STAFF,
    "surveys.picture": PUBLIC,
    "surveys.pictures": SURVEY_STAFF,
    "surveys.proxy_entry": PROXY,
    "surveys.question": PUBLIC,
    "surveys.question_condition": SURVEY_STAFF,
    "surveys.question_symbols": SURVEY_STAFF,
    "surveys.remove_condition": SURVEY_STAFF,
    "surveys.remove_question": SURVEY_STAFF,
    "surveys.send": PUBLIC,
    "surveys.service_worker": PUBLIC,
    "surveys.start": PUBLIC,
    "surveys.start_again": PUBLIC,
    "surveys.survey": SURVEY_STAFF,
    "surveys.survey_qr_code": SURVEY_STAFF,
    "surveys.survey_settings": SURVEY_STAFF,
    "surveys.survey_wording": SURVEY_STAFF,
    "surveys.surveys": SURVEY_STAFF,
    "surveys.text_size": PUBLIC,
    "surveys.thank_you": PUBLIC,
    "surveys.withdraw_contact": PUBLIC,
    "themes.codebook": LEADS,
    "themes.correct_entry": PROXY,
    "themes.edit_theme": LEADS,
    "themes.emerging": LEADS,
    "themes.feedback_list": LEADS,
    "themes.item_detail": LEADS | SAFEGUARDING,
    "themes.merge_theme": LEADS,
    "themes.proxy_entries": PROXY,
    "themes.quality": LEADS,
    "themes.raise_flag": STAFF,
    "themes.retag": LEADS,
    "themes.retire_theme": LEADS,
    "themes.retrain": LEADS,
    "themes.review": LEADS,
    "themes.review_next": LEADS,
    "themes.safeguarding_flag": SAFEGUARDING,
    "themes.safeguarding_queue": SAFEGUARDING,
    "tracker.action": LEADS,
    "tracker.add_round_card": LEADS,
    "tracker.close_priority_round": LEADS,
    "tracker.close_round_session": SURVEY_STAFF,
    "tracker.open_priority_round": LEADS,
    "tracker.remove_round_card": LEADS,
    "tracker.round_choose": PUBLIC,  # a young person on a tablet
    "tracker.round_exit": PUBLIC,
    "tracker.round_join": PUBLIC,
    "tracker.round_page": LEADS,
    "tracker.round_reason": PUBLIC,
    "tracker.round_results": LEADS,
    "tracker.round_send": PUBLIC,
    "tracker.round_session": SURVEY_STAFF,
    "tracker.round_session_count": SURVEY_STAFF,
    "tracker.round_sessions": SURVEY_STAFF,
    "tracker.round_start_again": PUBLIC,
    "tracker.round_thank_you": PUBLIC,
    "tracker.rounds": LEADS,
    "tracker.add_coproduction": LEADS,
    "tracker.add_update": LEADS,
    "tracker.choose_quote": LEADS,
    "tracker.edit_action": LEADS,
    "tracker.edit_priority": LEADS,
    "tracker.edit_statement": LEADS,
    "tracker.gaps": LEADS,
    "tracker.group_outcome": SURVEY_STAFF,
    "tracker.group_poster": SURVEY_STAFF,
    "tracker.new_action": LEADS,
    "tracker.new_statement": LEADS,
    "tracker.our_groups": SURVEY_STAFF,
    "tracker.overview": LEADS,
    "tracker.publish": LEADS,
    "tracker.remove_item": LEADS,
    "tracker.start_youth_check": LEADS,
    "tracker.statement": LEADS,
    "tracker.give_verdict": PUBLIC,
    "tracker.you_said": PUBLIC,
    "tracker.you_said_easy": PUBLIC,
    "tracker.you_said_feed": PUBLIC,
    "tracker.you_said_poster": PUBLIC,
    "tracker.you_said_report": PUBLIC,
    "tracker.you_said_report_print": PUBLIC,
    "tracker.you_said_unsubscribe": PUBLIC,
}


def _declared(app: Flask) -> dict[str, str | frozenset[Role]]:
    """Who each endpoint's decorator lets in, read from the views themselves."""
    declared: dict[str, str | frozenset[Role]] = {}
    for endpoint, view in app.view_functions.items():
        if endpoint == "static":
            continue
        access = getattr(view, ACCESS_ATTRIBUTE, None)
        declared[endpoint] = access if isinstance(access, str | None) else frozenset(access)
    return declared


def test_every_route_declares_who_may_see_it_when_the_app_is_built(app: Flask) -> None:
    undeclared = [
        rule.rule
        for rule in app.url_map.iter_rules()
        if rule.endpoint != "static"
        and not hasattr(app.view_functions[rule.endpoint], ACCESS_ATTRIBUTE)
    ]
    assert undeclared == []


def _staff_rules(app: Flask) -> list[str]:
    return [
        rule.rule
        for rule in app.url_map.iter_rules()
        if rule.endpoint != "static"
        and getattr(app.view_functions[rule.endpoint], ACCESS_ATTRIBUTE) != "public"
        and "GET" in (rule.methods or ())
        and not rule.arguments
    ]


def test_staff_pages_send_anonymous_visitors_to_sign_in_when_not_signed_in(
    app: Flask, client: FlaskClient
) -> None:
    rules = _staff_rules(app)
    assert "/admin/people" in rules
    for path in rules:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response.headers["Location"].startswith("/sign-in?next="), path


def test_staff_page_is_forbidden_when_signed_in_without_the_role(
    client: FlaskClient, login_as
) -> None:
    login_as(Role.FORUM_REP)
    response = client.get("/admin/people")
    assert response.status_code == 403
    assert "You cannot see this page" in response.get_data(as_text=True)


@pytest.mark.parametrize("role", [Role.FACILITATOR, Role.SAFEGUARDING_LEAD])
def test_staff_home_is_open_to_any_role_when_signed_in(
    client: FlaskClient, login_as, role: Role
) -> None:
    login_as(role)
    assert client.get("/staff").status_code == 200


def test_every_endpoint_lets_in_exactly_the_roles_written_here_when_the_app_is_built(
    app: Flask,
) -> None:
    declared = _declared(app)
    differences = sorted(
        f"{endpoint}: the view says {_say(declared.get(endpoint))}, "
        f"this test says {_say(ACCESS.get(endpoint))}"
        for endpoint in declared.keys() | ACCESS.keys()
        if declared.get(endpoint) != ACCESS.get(endpoint)
    )
    assert not differences, "\n".join(differences)


def _say(access: str | frozenset[Role] | None) -> str:
    if access is None:
        return "nothing"
    if isinstance(access, str):
        return access
    return " or ".join(sorted(role.value for role in access))


def test_page_is_forbidden_when_signed_in_with_every_role_but_the_ones_it_needs(
    app: Flask,
) -> None:
    """For each GET page without arguments that needs particular roles: a person holding all
    the other roles is refused it."""
    declared = _declared(app)
    checked = []
    for rule in app.url_map.iter_rules():
        allowed = declared.get(rule.endpoint)
        if not isinstance(allowed, frozenset) or rule.arguments or "GET" not in rule.methods:
            continue
        others = tuple(sorted(set(Role) - allowed, key=lambda role: role.value))
        client = app.test_client()
        sign_in_session(client, make_staff(app, *others, email=f"{rule.endpoint}@example.org"))
        response = client.get(rule.rule)
        assert response.status_code == 403, (rule.rule, [role.value for role in others])
        checked.append(rule.rule)
    assert {"/admin/people", "/themes/safeguarding", "/tracker", "/proxy"} <= set(checked)
