"""Group names young people see when they join a session on a tablet, as translatable content."""

from typing import Any

from sqlalchemy import select

from surveys.models import KioskSession
from voice.content_translations.registry import Kind, register
from voice.db import db
from voice.i18n import _l


def _open_sessions() -> list[KioskSession]:
    return list(
        db.session.scalars(
            select(KioskSession).where(KioskSession.closed_at.is_(None)).order_by(KioskSession.id)
        )
    )


def _get(object_id: int) -> Any:
    return db.session.get(KioskSession, object_id)


GROUP = register(
    Kind(
        name="group",
        label=_l("Group on a tablet session"),
        model=KioskSession,
        fields={"group_label": _l("Group name")},
        records=_open_sessions,
        describe=lambda kiosk: kiosk.group_label,
        get=_get,
        order=70,
    )
)
