"""Migration 0013 turns the follow-ups' comment ids into keyed tags, and back on the way down."""

from datetime import UTC, datetime

import sqlalchemy as sa
from flask import Flask
from flask_migrate import downgrade, upgrade

from surveys.contact import add_contact_request
from surveys.models import ContactRequest
from surveys.types import SourceGroup
from tests.factories import make_feedback_item
from voice.db import UTCDateTime, db
from voice.tracker.models import FollowUp
from voice.tracker.sealing import item_tagger

PRECISE = datetime(2025, 3, 4, 15, 16, 17, 181920, tzinfo=UTC)
MIDNIGHT = datetime(2025, 3, 4, tzinfo=UTC)

OLD_FOLLOW_UPS = sa.table(
    "tracker_follow_ups",
    sa.column("contact_request_id", sa.Integer),
    sa.column("item_id", sa.Integer),
    sa.column("created_at", UTCDateTime()),
)


def test_follow_ups_keep_their_comments_when_migration_0013_runs_both_ways(app: Flask) -> None:
    with app.app_context():
        downgrade(revision="0012")
        try:
            item_id = make_feedback_item().id
            contact_id, _ = add_contact_request(
                email="parent@example.org", source_group=SourceGroup.PARENT_CARER
            )
            db.session.get(ContactRequest, contact_id).created_at = PRECISE
            db.session.execute(
                OLD_FOLLOW_UPS.insert().values(
                    contact_request_id=contact_id, item_id=item_id, created_at=PRECISE
                )
            )
            db.session.commit()

            upgrade(revision="0013")
            db.session.remove()
            follow_up = db.session.scalars(sa.select(FollowUp)).one()
            assert follow_up.contact_request_id == contact_id
            assert follow_up.item_tag == item_tagger().tag(item_id)
            assert follow_up.created_at == MIDNIGHT
            assert db.session.get(ContactRequest, contact_id).created_at == MIDNIGHT
            db.session.remove()

            downgrade(revision="0012")
            rows = db.session.execute(
                sa.select(OLD_FOLLOW_UPS.c.contact_request_id, OLD_FOLLOW_UPS.c.item_id)
            ).all()
            assert [tuple(row) for row in rows] == [(contact_id, item_id)]
            db.session.remove()
        finally:
            db.session.remove()
            upgrade()
