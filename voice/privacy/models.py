"""The erasure log: what was erased on request, why, by whom and when. Never the erased words
or the email address."""

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from voice.accounts.models import User
from voice.db import Model, utcnow


class ErasureKind(enum.Enum):
    COMMENT = "comment"
    CONTACT = "contact"


class Erasure(Model):
    __tablename__ = "erasures"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[ErasureKind]
    # The erased comment's number; none for a contact, whose address is not kept even here.
    item_id: Mapped[int | None]
    # Personal details are taken out before it is stored (themes.tagger.redact).
    reason: Mapped[str] = mapped_column(Text)
    by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    by: Mapped[User | None] = relationship()
