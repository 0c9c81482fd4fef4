"""Tables this package owns: translations, the languages publishing waits for, imports."""

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from voice.db import Model, utcnow


class ContentTranslation(Model):
    """One field of one piece of staff content in one language. source_hash is the hash of the
    English it was translated from: when the English changes, the translation is out of date."""

    __tablename__ = "content_translations"
    __table_args__ = (UniqueConstraint("kind", "object_id", "field", "language"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    object_id: Mapped[int]
    field: Mapped[str] = mapped_column(String(40))
    language: Mapped[str] = mapped_column(String(8), index=True)
    text: Mapped[str] = mapped_column(Text)
    source_hash: Mapped[str] = mapped_column(String(64))
    translated_at: Mapped[datetime] = mapped_column(default=utcnow)
    translated_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )


class RequiredLanguage(Model):
    """A language a statement must be fully translated into before it can be published (an
    admin's setting, e.g. Welsh for a council bound by the Welsh language standards)."""

    __tablename__ = "content_translation_required_languages"
    language: Mapped[str] = mapped_column(String(8), primary_key=True)


class TranslationImport(Model):
    """A checked translation file waiting for a person to look at the preview and apply it."""

    __tablename__ = "content_translation_imports"
    id: Mapped[int] = mapped_column(primary_key=True)
    language: Mapped[str] = mapped_column(String(8))
    file_name: Mapped[str] = mapped_column(String(200))
    rows: Mapped[str] = mapped_column(Text)  # JSON: [{"key", "english", "text"}]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    applied_at: Mapped[datetime | None]
