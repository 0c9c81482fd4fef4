"""Keyword-only factories that add and commit real rows; call them inside an app context."""

from surveys.models import Channel, FeedbackItem, SourceGroup
from voice.accounts.models import Role, User
from voice.accounts.services import create_user
from voice.db import db

TEST_PASSWORD = "a-long-test-password"


def make_user(*, roles: tuple[Role, ...] = (), email: str | None = None,
              name: str = "Test Person") -> User:
    user = create_user(
        email=email or f"{'-'.join(r.value for r in roles) or 'nobody'}@example.org",
        name=name, password=TEST_PASSWORD, roles=roles,
    )
    db.session.commit()
    return user


def make_feedback_item(
    *,
    text: str = "The wait for speech and language therapy is far too long",
    source_group: SourceGroup = SourceGroup.PARENT_CARER,
    channel: Channel = Channel.FORM,
    language: str = "en",
    consent_to_quote: bool = False,
    source_detail: str | None = None,
) -> FeedbackItem:
    item = FeedbackItem(text=text, source_group=source_group, channel=channel, language=language,
                        consent_to_quote=consent_to_quote, source_detail=source_detail)
    db.session.add(item)
    db.session.commit()
    return item
