"""Locale choice and the translation helpers every package uses."""

from urllib.parse import urlencode

from flask import Flask, current_app, request
from flask_babel import get_locale, gettext, lazy_gettext, ngettext
from werkzeug.wrappers import Response

from voice.config import RTL_LANGUAGES

_ = gettext
_l = lazy_gettext
__all__ = ["_", "_l", "ngettext", "init_i18n", "select_locale", "text_direction"]

LANG_COOKIE = "voice_lang"
LANGUAGE_NAMES = {"en": "English", "cy": "Cymraeg", "pl": "Polski", "ar": "العربية"}


def select_locale() -> str:
    """?lang= first (unknown values mean English), then the cookie, then Accept-Language."""
    languages = current_app.config["LANGUAGES"]
    asked = request.args.get("lang")
    if asked is not None:
        return asked if asked in languages else "en"
    cookie = request.cookies.get(LANG_COOKIE)
    if cookie in languages:
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
    if asked in current_app.config["LANGUAGES"] and request.cookies.get(LANG_COOKIE) != asked:
        response.set_cookie(
            LANG_COOKIE,
            asked,
            max_age=60 * 60 * 24 * 365,
            httponly=True,
            samesite="Lax",
            secure=current_app.config["SESSION_COOKIE_SECURE"],
        )
    return response


def init_i18n(app: Flask) -> None:
    from voice.extensions import babel

    babel.init_app(app, locale_selector=select_locale)
    translate_govuk_widgets()
    app.after_request(_remember_language)

    @app.context_processor
    def language_context() -> dict[str, object]:
        locale = str(get_locale())
        return {
            "current_language": locale,
            "text_direction": text_direction(),
            "language_names": LANGUAGE_NAMES,
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
