"""Locale choice and the translation helpers every package uses."""

from collections.abc import Iterable
from datetime import date, datetime
from functools import cache
from urllib.parse import urlencode

from babel import Locale, UnknownLocaleError
from babel import dates as babel_dates
from babel import numbers as babel_numbers
from babel.lists import format_list
from babel.support import NullTranslations, Translations
from flask import Flask, current_app, g, request
from flask_babel import (
    get_locale,
    get_translations,
    gettext,
    lazy_gettext,
    ngettext,
    to_user_timezone,
)
from werkzeug.wrappers import Response
from wtforms.i18n import messages_path

from voice.config import LANGUAGES, RTL_LANGUAGES

_ = gettext
_l = lazy_gettext
__all__ = [
    "_",
    "_l",
    "format_date",
    "format_datetime",
    "format_number",
    "init_i18n",
    "language_name",
    "ngettext",
    "select_locale",
    "text_direction",
]

LANG_COOKIE = "voice_lang"
# Dates and numbers on English pages follow UK conventions ("1 December 2026"); Babel's plain
# "en" is American English.
FORMAT_LOCALES = {"en": "en_GB"}


def language_name(code: str) -> str:
    """A language's name in that language ("Cymraeg", "Polski"), as menus write it."""
    try:
        name = Locale.parse(code).display_name or code
    except (ValueError, UnknownLocaleError):
        return code
    return name[:1].upper() + name[1:]


LANGUAGE_NAMES = {code: language_name(code) for code in LANGUAGES}


def format_locale() -> Locale:
    code = str(get_locale() or "en")
    return Locale.parse(FORMAT_LOCALES.get(code, code))


def format_date(value: date | datetime | None, format: str = "medium") -> str:
    """A date in the reader's language and conventions; a datetime is shown on the reader's
    calendar (BABEL_DEFAULT_TIMEZONE)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = to_user_timezone(value).date()
    return babel_dates.format_date(value, format, locale=format_locale())


def format_datetime(value: datetime | None, format: str = "medium") -> str:
    if value is None:
        return ""
    return babel_dates.format_datetime(to_user_timezone(value), format, locale=format_locale())


def format_number(value: float) -> str:
    return babel_numbers.format_decimal(value, locale=format_locale())


def format_words_list(items: Iterable[str]) -> str:
    """ "20 better, 8 the same and 3 worse", with the reader's own commas and "and"."""
    return format_list(list(items), locale=format_locale())


def select_locale() -> str:
    """?lang= first (unknown values mean English), then the cookie, then Accept-Language."""
    languages = current_app.config["LANGUAGES"]
    asked = request.args.get("lang")
    if asked is not None:
        return asked if asked in languages else "en"
    cookie = request.cookies.get(LANG_COOKIE)
    if cookie is not None and cookie in languages:
        return cookie
    return request.accept_languages.best_match(languages) or "en"


def url_with_language(code: str) -> str:
    """This page's address in another language, keeping its other query parameters."""
    args = request.args.to_dict(flat=False)
    args["lang"] = [code]
    return f"{request.path}?{urlencode(args, doseq=True)}"


def text_direction() -> str:
    return "rtl" if str(get_locale()) in RTL_LANGUAGES else "ltr"


def _remember_language(response: Response) -> Response:
    asked = request.args.get("lang")
    if asked is None or asked not in current_app.config["LANGUAGES"]:
        return response
    if request.cookies.get(LANG_COOKIE) != asked:
        response.set_cookie(
            LANG_COOKIE,
            asked,
            max_age=60 * 60 * 24 * 365,
            httponly=True,
            samesite="Lax",
            secure=current_app.config["SESSION_COOKIE_SECURE"],
        )
    return response


@cache
def _wtforms_translations(language: str) -> NullTranslations:  # Null when none is found
    return Translations.load(messages_path(), [language], domain="wtforms")


def _share_wtforms_translations() -> None:
    """Flask-WTF reads WTForms' own catalog from disk for every request that builds a form
    (about a millisecond each); it takes the one it finds on the request, so give it the
    language's catalog loaded once per process."""
    # An attribute Flask-WTF looks for, so not one the Request class declares.
    request.wtforms_translations = _wtforms_translations(  # type: ignore[attr-defined]
        str(get_locale())
    )


def _page_translations() -> NullTranslations:
    """What flask_babel.get_translations() gives, taken straight from the catalog Flask-Babel
    already holds for the locale in force (force_locale included). A page asks for it about
    twenty times, and each full lookup walks Flask's context proxies a dozen times."""
    babel_context = getattr(g, "_flask_babel", None) if g else None
    locale = getattr(babel_context, "babel_locale", None)
    domain = getattr(babel_context, "babel_domain", None)
    if locale is not None and domain is not None:
        found = domain.cache.get((str(locale), domain.domain[0]))
        if found is not None:
            return found
    return get_translations()


def init_i18n(app: Flask) -> None:
    from voice.extensions import babel

    babel.init_app(app, locale_selector=select_locale)
    # Added to the environment by Jinja's i18n extension, which Flask-Babel loads.
    app.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=lambda s: _page_translations().ugettext(s),
        ngettext=lambda s, p, n: _page_translations().ungettext(s, p, n),
        pgettext=lambda c, s: _page_translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: _page_translations().unpgettext(c, s, p, n),
        newstyle=True,
    )
    app.before_request(_share_wtforms_translations)
    app.jinja_env.filters.update(
        dateformat=format_date,
        datetimeformat=format_datetime,
        numberformat=format_number,
        decimalformat=format_number,
        listformat=format_words_list,
    )
    translate_govuk_widgets()
    app.after_request(_remember_language)

    @app.context_processor
    def language_context() -> dict[str, object]:
        locale = str(get_locale())
        return {
            "current_language": locale,
            "text_direction": text_direction(),
            "language_names": LANGUAGE_NAMES,
            "language_name": language_name,
            "url_with_language": url_with_language,
        }


def translate_govuk_widgets() -> None:
    """Give the GOV.UK form widgets' built-in English words (the hidden "Error:" prefix, the
    password Show/Hide button) our translations; the widgets have no setting for them."""
    from govuk_frontend_wtf.gov_form_base import GovFormBase

    if getattr(GovFormBase, "_voice_translated", False):
        return
    english_render = GovFormBase.render

    def render(self: GovFormBase, params: dict) -> object:
        if params.get("errorMessage"):
            params["errorMessage"].setdefault("visuallyHiddenText", _("Error"))
        if self.template.endswith("password.html"):
            params.setdefault("showPasswordText", _("Show"))
            params.setdefault("hidePasswordText", _("Hide"))
            params.setdefault("showPasswordAriaLabelText", _("Show password"))
            params.setdefault("hidePasswordAriaLabelText", _("Hide password"))
            params.setdefault("passwordShownAnnouncementText", _("Your password is visible"))
            params.setdefault("passwordHiddenAnnouncementText", _("Your password is hidden"))
        return english_render(self, params)

    GovFormBase.render = render
    GovFormBase._voice_translated = True
