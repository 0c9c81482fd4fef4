"""The codebook's theme names as translatable content (the public Topic filter shows them)."""

from typing import Any

from flask_babel import force_locale
from sqlalchemy import select

from themes.models import Theme
from voice.content_translations.registry import Kind, register
from voice.db import db
from voice.i18n import _l

# The default codebook's names ship with translations in the message catalogs, used while a
# theme keeps its shipped English name.
_SHIPPED = {"name": (0, 1), "easy_read_name": (2, 3)}


def shipped_translation(theme: Theme, name: str, language: str) -> str | None:
    from themes.names import DEFAULT_NAMES

    names = DEFAULT_NAMES.get(theme.slug)
    places = _SHIPPED.get(name)
    if names is None or places is None:
        return None
    english_at, translated_at = places
    if getattr(theme, name) != names[english_at]:
        return None
    with force_locale(language):
        text = str(names[translated_at])
    return text if text != names[english_at] else None


def _themes() -> list[Theme]:
    return list(
        db.session.scalars(
            select(Theme)
            .where(Theme.active, Theme.merged_into_id.is_(None))
            .order_by(Theme.name, Theme.id)
        )
    )


def _get(object_id: int) -> Any:
    return db.session.get(Theme, object_id)


THEME = register(
    Kind(
        name="theme",
        label=_l("Theme"),
        model=Theme,
        fields={"name": _l("Name"), "easy_read_name": _l("Easy read name")},
        records=_themes,
        describe=lambda theme: theme.name,
        get=_get,
        built_in=shipped_translation,
        order=60,
    )
)
