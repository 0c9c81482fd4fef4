"""The partnership's improvement areas that actions sit under: seeded once by
`voice seed`, their titles editable."""

import json
from importlib.resources import files

from sqlalchemy import select

from voice.db import db
from voice.tracker.models import Priority


def default_priorities() -> list[dict[str, str]]:
    """The six areas as first seeded (priorities.json): slugs are stable, titles editable."""
    text = files("voice.tracker").joinpath("priorities.json").read_text(encoding="utf-8")
    return json.loads(text)


def seed_priorities() -> list[Priority]:
    """Add any of the six improvement areas that are missing (safe to run again)."""
    known = set(db.session.scalars(select(Priority.slug)))
    for position, row in enumerate(default_priorities()):
        if row["slug"] not in known:
            db.session.add(Priority(position=position, **row))
    db.session.flush()
    return list_priorities()


def list_priorities() -> list[Priority]:
    return list(db.session.scalars(select(Priority).order_by(Priority.position, Priority.id)))


def update_priority(priority: Priority, *, title: str, easy_read_title: str) -> None:
    priority.title = title
    priority.easy_read_title = easy_read_title
    db.session.flush()
