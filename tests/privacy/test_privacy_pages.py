"""The erasure log and the access log, their paging, the staff home links, and who may see them."""

from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import csrf_token
from tests.factories import make_user, make_voice
from tests.privacy.helpers import h1, page
from themes.models import TextRead
from voice.accounts.models import Role, User
from voice.db import db
from voice.privacy.models import Erasure, ErasureKind

Login = Callable[..., User]
PAGES = ["/admin/comments", "/admin/contacts", "/admin/erasures", "/admin/access-log"]


def _older_link(html: str) -> str:
    link = html.split('class="govuk-pagination__next"')[1].split('href="')[1].split('"')[0]
    return link.replace("&amp;", "&")


@pytest.mark.parametrize("role", [Role.STRATEGY_LEAD, Role.SAFEGUARDING_LEAD])
def test_every_privacy_page_is_forbidden_when_signed_in_without_the_admin_role(
    app: Flask, client: FlaskClient, login_as: Login, role: Role
) -> None:
    with app.app_context():
        item_id = make_voice().id
    login_as(role)
    for path in [*PAGES, "/admin/comments?number=1", f"/admin/comments/{item_id}"]:
        response = client.get(path)
        assert response.status_code == 403, path
        assert "You cannot see this page" in response.get_data(as_text=True)
    token = csrf_token(client, "/account/password")
    for path in [f"/admin/comments/{item_id}", "/admin/contacts", "/admin/contacts/delete"]:
        response = client.post(path, data={"csrf_token": token, "reason": "x", "email": "a@b.c"})
        assert response.status_code == 403, path
    with app.app_context():
        assert db.session.scalars(db.select(TextRead)).first() is None


def test_staff_home_links_the_privacy_pages_when_an_admin_signs_in(
    client: FlaskClient, login_as: Login
) -> None:
    login_as(Role.ADMIN)
    html = page(client, "/staff")
    for path in PAGES:
        assert f'href="{path}"' in html
    for path in PAGES:
        assert client.get(path).status_code == 200, path


def test_staff_home_has_no_privacy_links_when_a_strategy_lead_signs_in(
    client: FlaskClient, login_as: Login
) -> None:
    login_as(Role.STRATEGY_LEAD)
    html = page(client, "/staff")
    assert "/admin/access-log" not in html
    assert "/admin/comments" not in html


def test_access_log_lists_who_saw_an_original_when_an_admin_opens_it(
    app: Flask, client: FlaskClient, login_as: Login
) -> None:
    with app.app_context():
        item_id = make_voice().id
    login_as(Role.ADMIN)
    client.get(f"/admin/comments/{item_id}")
    html = page(client, "/admin/access-log")
    assert h1(html) == "Access log"
    assert f"Comment {item_id}" in html
    assert "Test Person" in html
    assert "The original text" in html
    assert "Delete a comment on request" in html
    assert "Older" not in html


def test_access_log_pages_back_in_time_when_there_are_many_reads(
    app: Flask, client: FlaskClient, login_as: Login
) -> None:
    with app.app_context():
        reader = make_user(roles=(Role.SAFEGUARDING_LEAD,), email="reader@example.org")
        db.session.add_all(
            TextRead(item_id=1000 + n, user_id=reader.id, place="safeguarding", what="held back")
            for n in range(51)
        )
        db.session.commit()
    login_as(Role.ADMIN)
    first = page(client, "/admin/access-log")
    assert "Comment 1050" in first
    assert "Comment 1001" in first
    assert "Comment 1000" not in first
    assert "A comment with an open safeguarding flag" in first
    assert "Safeguarding queue" in first
    second = page(client, _older_link(first))
    assert "Comment 1000" in second
    assert "Comment 1001" not in second
    assert "Older" not in second.split("</table>")[1]


def test_erasure_log_pages_back_in_time_when_there_are_many_erasures(
    app: Flask, client: FlaskClient, login_as: Login
) -> None:
    with app.app_context():
        db.session.add_all(
            Erasure(kind=ErasureKind.COMMENT, item_id=2000 + n, reason=f"Reason {n}")
            for n in range(51)
        )
        db.session.commit()
    login_as(Role.ADMIN)
    first = page(client, "/admin/erasures")
    assert h1(first) == "Deletions on request"
    assert "Comment 2050" in first
    assert "Comment 2000" not in first
    assert "An account that has been removed" in first
    second = page(client, _older_link(first))
    assert "Comment 2000" in second


def test_page_not_found_is_shown_when_the_page_marker_is_not_a_number(
    client: FlaskClient, login_as: Login
) -> None:
    login_as(Role.ADMIN)
    for path in ("/admin/erasures?before=x", "/admin/access-log?before=-1"):
        assert client.get(path).status_code == 404, path


@pytest.mark.parametrize(
    ("lang", "heading"),
    [("cy", "Cofnod mynediad"), ("pl", "Rejestr dostępu"), ("ar", "سجل الاطلاع")],
)
def test_privacy_pages_are_in_the_chosen_language_when_one_is_chosen(
    app: Flask, client: FlaskClient, login_as: Login, lang: str, heading: str
) -> None:
    with app.app_context():
        item_id = make_voice().id
    login_as(Role.ADMIN)
    assert h1(page(client, f"/admin/access-log?lang={lang}")) == heading
    for path in [*PAGES, f"/admin/comments/{item_id}", "/admin/comments?number=4040"]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert f'lang="{lang}"' in response.get_data(as_text=True)
    assert "Delete comment" not in page(client, f"/admin/comments/{item_id}")
