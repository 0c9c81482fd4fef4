"""A youth check before publishing: a draft statement's easy-read words go to a youth group's
tablets as a two-question survey ("Is this easy to understand?", "Is this what young people
told you?"), run by the survey engine and its kiosk sessions like any other; the answers show
on the draft's staff page."""

from datetime import datetime

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from voice.db import Model, utcnow


class YouthCheck(Model):
    __tablename__ = "tracker_youth_checks"
    id: Mapped[int] = mapped_column(primary_key=True)
    statement_id: Mapped[int] = mapped_column(
        ForeignKey("tracker_statements.id", ondelete="CASCADE"), index=True
    )
    survey_id: Mapped[int] = mapped_column(
        ForeignKey("surveys.id", ondelete="CASCADE"), unique=True
    )
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
