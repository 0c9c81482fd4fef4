"""How pages show staff content: in the visitor's language when it is translated, otherwise the
English marked lang="en" dir="ltr" (so screen readers switch voice and right-to-left pages lay
it out left to right) with a small note, in the visitor's language, that it is not translated."""

from dataclasses import dataclass
from typing import Any

from flask import Flask
from flask_babel import get_locale
from markupsafe import Markup, escape

from voice.content_translations.organisation import organisation
from voice.content_translations.store import SOURCE_LANGUAGE, translation_for
from voice.i18n import _


@dataclass(frozen=True)
class Shown:
    """A text to show. In a template: `{{ shown }}` for inline text (the English in a marked
    span), or `<p{{ shown.attrs }}>{{ shown.text }}</p>{{ shown.note }}` on a block."""

    text: str
    english_fallback: bool = False

    def __str__(self) -> str:
        return self.text

    def __bool__(self) -> bool:
        return bool(self.text.strip())

    def __html__(self) -> Markup:
        if not self.english_fallback:
            return escape(self.text)
        return Markup('<span lang="en" dir="ltr">%s</span>') % self.text

    @property
    def attrs(self) -> Markup:
        return Markup(' lang="en" dir="ltr"') if self.english_fallback else Markup("")

    @property
    def note(self) -> Markup:
        if not self.english_fallback:
            return Markup("")
        return Markup(' <span class="voice-untranslated">%s</span>') % _("(not translated yet)")


def translated(record: Any, name: str) -> Shown:
    """A field of a registered record in the visitor's language, or its English, marked."""
    language = str(get_locale() or SOURCE_LANGUAGE)
    found = translation_for(record, name, language)
    if found is not None:
        return Shown(found)
    return Shown(translation_for(record, name, SOURCE_LANGUAGE) or "", english_fallback=True)


def organisation_name() -> Shown:
    return translated(organisation(), "name")


def init_content_translations(app: Flask) -> None:
    app.jinja_env.globals["translated"] = translated
    app.jinja_env.globals["organisation_name"] = organisation_name
