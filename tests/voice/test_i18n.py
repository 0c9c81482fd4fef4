import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from flask import Flask, render_template_string
from flask.testing import FlaskClient
from flask_babel import force_locale

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ["cy", "pl", "ar"]


def test_arabic_pages_are_right_to_left_when_lang_is_ar(client: FlaskClient) -> None:
    page = client.get("/?lang=ar").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl"' in page


def test_welsh_is_chosen_from_the_browser_when_nothing_else_is_set(client: FlaskClient) -> None:
    page = client.get("/", headers={"Accept-Language": "cy-GB,cy;q=0.9"}).get_data(as_text=True)
    assert '<html lang="cy" dir="ltr"' in page
    assert "Have your say" not in page


def test_chosen_language_is_remembered_when_the_next_page_has_no_lang(
    client: FlaskClient,
) -> None:
    client.get("/?lang=pl")
    page = client.get("/privacy").get_data(as_text=True)
    assert '<html lang="pl"' in page


def test_unknown_language_falls_back_to_english_when_lang_is_not_offered(
    client: FlaskClient,
) -> None:
    page = client.get("/?lang=xx").get_data(as_text=True)
    assert '<html lang="en" dir="ltr"' in page
    assert "Have your say" in page


def test_language_links_keep_the_other_query_parameters_when_switching(
    client: FlaskClient,
) -> None:
    page = client.get("/sign-in?next=/staff").get_data(as_text=True)
    assert 'href="/sign-in?next=%2Fstaff&amp;lang=ar"' in page


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    pot = tmp_path_factory.mktemp("pot") / "messages.pot"
    subprocess.run(  # noqa: S603 - our own interpreter and fixed arguments
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_l",
            "-k",
            "lazy_gettext",
            "-o",
            str(pot),
            ".",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    with pot.open("rb") as handle:
        return {str(m.id) if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_when_a_catalog_is_built(
    extracted: set[str], language: str
) -> None:
    with (ROOT / "translations" / language / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle)
    translated = {
        (m.id if isinstance(m.id, str) else m.id[0])
        for m in catalog
        if m.id and not m.fuzzy and all(m.string if isinstance(m.string, tuple) else [m.string])
    }
    missing = sorted(extracted - translated)
    assert missing == [], f"{language}: {len(missing)} untranslated, e.g. {missing[:5]}"


def test_templates_follow_a_forced_language_and_return_to_the_page_language_after_it(
    app: Flask,
) -> None:
    """Templates read the catalog straight from Flask-Babel's cache (voice.i18n)."""
    with app.test_request_context("/?lang=cy"):
        welsh = render_template_string(
            "{{ _('Continue') }}|{{ ngettext('%(num)d response', '%(num)d responses', 3) }}"
        )
        with force_locale("ar"):
            arabic = render_template_string("{{ _('Continue') }}")
        again = render_template_string("{{ _('Continue') }}")
    assert welsh.split("|")[0] == _catalog("cy")["Continue"]
    assert "3" in welsh.split("|")[1]
    assert "responses" not in welsh
    assert arabic == _catalog("ar")["Continue"]
    assert again == welsh.split("|")[0]


def _catalog(language: str) -> dict[str, str]:
    path = ROOT / "translations" / language / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as file:
        return {m.id: m.string for m in read_po(file) if isinstance(m.id, str)}
