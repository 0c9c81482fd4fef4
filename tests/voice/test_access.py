import pytest
from flask import Flask
from flask.testing import FlaskClient

from voice.accounts.access import ACCESS_ATTRIBUTE
from voice.accounts.models import Role


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
