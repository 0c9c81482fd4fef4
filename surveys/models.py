import enum
from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from voice.db import db, utcnow


class SourceGroup(enum.Enum):
    """Who the view comes from (the survey "audience")."""

    YOUNG_PERSON = "young_person"
    PARENT_CARER = "parent_carer"
    SCHOOL = "school"
    PROFESSIONAL = "professional"


class Channel(enum.Enum):
    """How the view reached us."""

    KIOSK = "kiosk"
    WEB = "web"
    FORM = "form"
    PROXY = "proxy"
    IMPORT = "import"


class FeedbackItem(db.Model):
    """One piece of free text someone gave us, whatever the route; the themes package tags it."""

    __tablename__ = "feedback_items"
    id: Mapped[int] = mapped_column(primary_key=True)
    source_group: Mapped[SourceGroup] = mapped_column(index=True)
    channel: Mapped[Channel] = mapped_column(index=True)
    language: Mapped[str] = mapped_column(String(8), default="en")
    text: Mapped[str] = mapped_column(Text)
    source_detail: Mapped[str | None] = mapped_column(String(200))
    consent_to_quote: Mapped[bool] = mapped_column(default=False)
    # Set by whoever creates the item when a retry must not store it twice (import row, response).
    dedupe_key: Mapped[str | None] = mapped_column(String(128), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    tagged_at: Mapped[datetime | None] = mapped_column(index=True)
