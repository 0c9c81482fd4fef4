"""retention and erasure: follow-ups keep comments as keyed tags, contact dates to the day,
and the erasure log

Revision ID: 0013
Revises: 0012

The survey promises that an email address is kept apart from the answers "so nobody can tell
which answers are yours", but ``tracker_follow_ups`` held the contact request id beside the
feedback item id. From here it holds an HMAC-SHA256 tag of the item id under a key derived
from SECRET_KEY (``voice/tracker/sealing.py``; the derivation is copied below so this file
stays as it ran). Existing rows are converted, and on the way down the ids are found again by
tagging every feedback item. ``contact_requests.created_at`` and the follow-ups' own dates are
cut to the day, so a time cannot line an address up with the answers stored in the same
second.
"""

import hashlib
import hmac
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op
from flask import current_app

import voice.db

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

_PURPOSE = b"voice.tracker.follow-up-item-tags.v1"


def _tagger():
    secret = current_app.config["SECRET_KEY"]
    secret = secret.encode() if isinstance(secret, str) else secret
    key = hmac.new(secret, _PURPOSE, hashlib.sha256).digest()
    return lambda item_id: hmac.new(key, b"item:%d" % item_id, hashlib.sha256).hexdigest()


def _day(value):
    if value is None:
        return datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    return value.replace(hour=0, minute=0, second=0, microsecond=0)


def _contact_dates_to_the_day():
    contacts = sa.table(
        "contact_requests", sa.column("id", sa.Integer), sa.column("created_at", voice.db.UTCDateTime())
    )
    bind = op.get_bind()
    for contact_id, created_at in bind.execute(sa.select(contacts.c.id, contacts.c.created_at)).all():
        bind.execute(
            contacts.update().where(contacts.c.id == contact_id).values(created_at=_day(created_at))
        )


def _new_follow_ups():
    op.create_table(
        "tracker_follow_ups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contact_request_id", sa.Integer(), nullable=False),
        sa.Column("item_tag", sa.String(length=64), nullable=False),
        sa.Column("created_at", voice.db.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tracker_follow_ups")),
        sa.UniqueConstraint(
            "contact_request_id", "item_tag", name=op.f("uq_tracker_follow_ups_contact_request_id")
        ),
    )
    with op.batch_alter_table("tracker_follow_ups", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_tracker_follow_ups_contact_request_id"), ["contact_request_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_tracker_follow_ups_item_tag"), ["item_tag"], unique=False)


def _old_follow_ups():
    op.create_table(
        "tracker_follow_ups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contact_request_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("created_at", voice.db.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["feedback_items.id"],
            name=op.f("fk_tracker_follow_ups_item_id_feedback_items"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tracker_follow_ups")),
        sa.UniqueConstraint(
            "contact_request_id", "item_id", name=op.f("uq_tracker_follow_ups_contact_request_id")
        ),
    )
    with op.batch_alter_table("tracker_follow_ups", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_tracker_follow_ups_contact_request_id"), ["contact_request_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_tracker_follow_ups_item_id"), ["item_id"], unique=False)


def upgrade():
    bind = op.get_bind()
    old = sa.table(
        "tracker_follow_ups",
        sa.column("contact_request_id", sa.Integer),
        sa.column("item_id", sa.Integer),
        sa.column("created_at", voice.db.UTCDateTime()),
    )
    rows = bind.execute(sa.select(old.c.contact_request_id, old.c.item_id, old.c.created_at)).all()
    op.drop_table("tracker_follow_ups")
    _new_follow_ups()
    tag = _tagger()
    new = sa.table(
        "tracker_follow_ups",
        sa.column("contact_request_id", sa.Integer),
        sa.column("item_tag", sa.String),
        sa.column("created_at", voice.db.UTCDateTime()),
    )
    if rows:
        op.bulk_insert(
            new,
            [
                {"contact_request_id": contact_id, "item_tag": tag(item_id), "created_at": _day(at)}
                for contact_id, item_id, at in rows
            ],
        )
    _contact_dates_to_the_day()

    op.create_table(
        "erasures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("COMMENT", "CONTACT", name="erasurekind", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("item_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("by_id", sa.Integer(), nullable=True),
        sa.Column("at", voice.db.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["by_id"], ["users.id"], name=op.f("fk_erasures_by_id_users"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_erasures")),
    )
    with op.batch_alter_table("erasures", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_erasures_by_id"), ["by_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_erasures_at"), ["at"], unique=False)


def downgrade():
    op.drop_table("erasures")
    bind = op.get_bind()
    tagged = sa.table(
        "tracker_follow_ups",
        sa.column("contact_request_id", sa.Integer),
        sa.column("item_tag", sa.String),
        sa.column("created_at", voice.db.UTCDateTime()),
    )
    rows = bind.execute(
        sa.select(tagged.c.contact_request_id, tagged.c.item_tag, tagged.c.created_at)
    ).all()
    ids_by_tag = {}
    if rows:
        tag = _tagger()
        items = sa.table("feedback_items", sa.column("id", sa.Integer))
        ids_by_tag = {tag(item_id): item_id for item_id in bind.execute(sa.select(items.c.id)).scalars()}
    op.drop_table("tracker_follow_ups")
    _old_follow_ups()
    old = sa.table(
        "tracker_follow_ups",
        sa.column("contact_request_id", sa.Integer),
        sa.column("item_id", sa.Integer),
        sa.column("created_at", voice.db.UTCDateTime()),
    )
    found = [
        {"contact_request_id": contact_id, "item_id": ids_by_tag[item_tag], "created_at": at}
        for contact_id, item_tag, at in rows
        if item_tag in ids_by_tag
    ]
    if found:
        op.bulk_insert(old, found)
