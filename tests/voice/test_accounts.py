from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from tests.conftest import csrf_token, make_staff
from tests.factories import TEST_PASSWORD
from voice.accounts.models import Role, User
from voice.db import db


def _sign_in(client: FlaskClient, email: str, password: str, next_path: str = "") -> object:
    path = "/sign-in" + (f"?next={next_path}" if next_path else "")
    return client.post(
        path,
        data={"csrf_token": csrf_token(client, "/sign-in"), "email": email, "password": password},
    )


def test_staff_can_sign_in_and_land_where_they_were_going_when_details_are_right(
    app: Flask, client: FlaskClient
) -> None:
    make_staff(app, Role.ADMIN, email="lead@example.org")
    response = _sign_in(client, "Lead@Example.org ", TEST_PASSWORD, next_path="/admin/people")
    assert response.status_code == 302
    assert response.headers["Location"] == "/admin/people"
    assert "People and roles" in client.get("/admin/people").get_data(as_text=True)


def test_sign_in_never_redirects_off_site_when_next_is_another_host(
    app: Flask, client: FlaskClient
) -> None:
    make_staff(app, Role.ADMIN, email="lead@example.org")
    response = _sign_in(client, "lead@example.org", TEST_PASSWORD, next_path="//evil.example")
    assert response.headers["Location"] == "/staff"


def test_bad_sign_in_says_the_same_thing_when_email_is_unknown_or_password_wrong(
    app: Flask, client: FlaskClient
) -> None:
    make_staff(app, Role.ADMIN, email="lead@example.org")
    wrong_password = _sign_in(client, "lead@example.org", "not-the-password").get_data(as_text=True)
    unknown_email = _sign_in(client, "nobody@example.org", TEST_PASSWORD).get_data(as_text=True)
    message = "Enter a correct email address and password"
    assert message in wrong_password
    assert message in unknown_email
    assert "<title>Error: Sign in" in wrong_password
    assert 'value="lead@example.org"' in wrong_password  # what was typed is kept


def test_sign_in_is_refused_when_the_account_is_deactivated(
    app: Flask, client: FlaskClient
) -> None:
    user = make_staff(app, Role.ADMIN, email="gone@example.org")
    with app.app_context():
        db.session.get(User, user.id).active = False
        db.session.commit()
    assert "Enter a correct email address" in _sign_in(
        client, "gone@example.org", TEST_PASSWORD
    ).get_data(as_text=True)


def test_sign_in_is_throttled_when_tried_too_often(app: Flask, client: FlaskClient) -> None:
    statuses = [_sign_in(client, "x@example.org", "wrong-password").status_code for _ in range(12)]
    assert statuses[0] == 200
    assert statuses[-1] == 429
    assert "Too many tries" in _sign_in(client, "x@example.org", "w").get_data(as_text=True)


def test_passwords_are_stored_as_argon2_hashes_when_accounts_are_made(app: Flask) -> None:
    make_staff(app, Role.ADMIN, email="hash@example.org")
    with app.app_context():
        stored = db.session.scalar(select(User.password_hash))
    assert stored.startswith("$argon2id$")
    assert TEST_PASSWORD not in stored


def test_admin_adds_a_person_with_roles_when_the_form_is_complete(
    app: Flask, client: FlaskClient, login_as
) -> None:
    login_as(Role.ADMIN)
    response = client.post(
        "/admin/people/new",
        data={
            "csrf_token": csrf_token(client, "/admin/people/new"),
            "name": "Sam Rep",
            "email": "sam@example.org",
            "roles": ["forum_rep", "school_contact"],
            "password": "twelve-chars-ok",
        },
    )
    assert response.status_code == 302
    assert "Sam Rep" in client.get("/admin/people").get_data(as_text=True)
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "sam@example.org"))
        assert user.roles == {Role.FORUM_REP, Role.SCHOOL_CONTACT}


def test_add_person_shows_messages_beside_fields_when_the_form_is_empty(
    client: FlaskClient, login_as
) -> None:
    login_as(Role.ADMIN)
    page = client.post(
        "/admin/people/new",
        data={
            "csrf_token": csrf_token(client, "/admin/people/new"),
            "name": "Kept Name",
        },
    ).get_data(as_text=True)
    assert "There is a problem" in page
    assert "Enter the person's email address" in page
    assert "Select at least one role" in page
    assert 'value="Kept Name"' in page


def test_admin_can_deactivate_and_change_roles_when_editing_a_person(
    app: Flask, client: FlaskClient, login_as
) -> None:
    login_as(Role.ADMIN)
    rep = make_staff(app, Role.FORUM_REP, email="rep@example.org")
    path = f"/admin/people/{rep.id}"
    client.post(path, data={"csrf_token": csrf_token(client, path), "roles": ["facilitator"]})
    with app.app_context():
        user = db.session.get(User, rep.id)
        assert user.roles == {Role.FACILITATOR}
        assert user.active is False
    assert "Enter a correct email" in _sign_in(
        app.test_client(), "rep@example.org", TEST_PASSWORD
    ).get_data(as_text=True)


def test_the_last_admin_cannot_remove_their_own_admin_role_when_editing(
    app: Flask, client: FlaskClient, login_as
) -> None:
    admin = login_as(Role.ADMIN)
    path = f"/admin/people/{admin.id}"
    page = client.post(
        path,
        data={"csrf_token": csrf_token(client, path), "roles": ["strategy_lead"], "active": "y"},
    )
    assert "Keep at least one active admin" in page.get_data(as_text=True)
    with app.app_context():
        assert Role.ADMIN in db.session.get(User, admin.id).roles


def test_staff_change_their_password_when_the_current_one_is_right(
    app: Flask, client: FlaskClient, login_as
) -> None:
    user = login_as(Role.FACILITATOR)
    token = csrf_token(client, "/account/password")
    wrong = client.post(
        "/account/password",
        data={
            "csrf_token": token,
            "current_password": "nope-nope-nope",
            "new_password": "a-brand-new-password",
            "confirm_password": "a-brand-new-password",
        },
    )
    assert "Your current password is not right" in wrong.get_data(as_text=True)
    right = client.post(
        "/account/password",
        data={
            "csrf_token": token,
            "current_password": TEST_PASSWORD,
            "new_password": "a-brand-new-password",
            "confirm_password": "a-brand-new-password",
        },
    )
    assert right.status_code == 302
    client.post("/sign-out", data={"csrf_token": csrf_token(client, "/staff")})
    assert _sign_in(client, user.email, "a-brand-new-password").status_code == 302


def test_create_user_command_makes_the_first_admin_when_run(app: Flask) -> None:
    result = app.test_cli_runner().invoke(
        args=[
            "create-user",
            "first@example.org",
            "--role",
            "admin",
            "--password",
            "twelve-chars-long",
        ]
    )
    assert result.exit_code == 0, result.output
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "first@example.org"))
        assert user.roles == {Role.ADMIN}
    again = app.test_cli_runner().invoke(
        args=[
            "create-user",
            "first@example.org",
            "--role",
            "admin",
            "--password",
            "twelve-chars-long",
        ]
    )
    assert again.exit_code != 0
    assert "already exists" in again.output


def test_staff_navigation_shows_only_the_areas_a_persons_roles_open_when_signed_in(
    client: FlaskClient, login_as: object
) -> None:
    login_as(Role.FACILITATOR)  # type: ignore[operator]
    page = client.get("/staff/kiosk").get_data(as_text=True)
    start = page.index('class="govuk-service-navigation')
    nav = page[start : page.index("</nav>", start)]
    assert "Surveys" in nav
    assert 'href="/staff/kiosk" aria-current="page"' in nav
    for hidden in ("People", "All feedback", "Safeguarding", "Imports"):
        assert hidden not in nav
    assert "Signed in as Test Person" in page


def test_staff_navigation_marks_the_area_when_on_a_page_inside_it(
    app: Flask, client: FlaskClient, login_as: object
) -> None:
    admin = login_as(Role.ADMIN, Role.STRATEGY_LEAD)  # type: ignore[operator]
    page = client.get(f"/admin/people/{admin.id}").get_data(as_text=True)
    assert 'href="/admin/people" aria-current="true"' in page
    start = page.index('class="govuk-service-navigation')
    nav = page[start : page.index("</nav>", start)]
    for area in ("Dashboard", "All feedback", "Themes", "Tracker", "Surveys", "Imports", "People"):
        assert area in nav
    assert "Safeguarding" not in nav
    assert "Proxy entry" not in nav


def test_public_pages_have_no_staff_navigation_when_nobody_is_signed_in(
    client: FlaskClient,
) -> None:
    assert "govuk-service-navigation" not in client.get("/").get_data(as_text=True)
