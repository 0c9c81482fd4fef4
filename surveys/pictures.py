"""Pictures staff upload for questions and options, checked and served as what they are."""

from sqlalchemy import select

from surveys.builder import SurveyError
from surveys.models import SurveyPicture
from voice.db import db

PICTURE_TYPES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}
PICTURE_MAX_BYTES = 200 * 1024


def picture_type(data: bytes) -> str | None:
    """The picture's type from its first bytes (never from its name or what the browser says)."""
    return next((kind for magic, kind in PICTURE_TYPES.items() if data.startswith(magic)), None)


def add_picture(*, name: str, data: bytes) -> SurveyPicture:
    content_type = picture_type(data)
    if content_type is None or len(data) > PICTURE_MAX_BYTES:
        raise SurveyError("not a small PNG or JPEG")
    picture = SurveyPicture(name=name.strip()[:80], content_type=content_type, data=data)
    db.session.add(picture)
    db.session.flush()
    return picture


def get_picture(picture_id: int) -> SurveyPicture | None:
    return db.session.get(SurveyPicture, picture_id)


def list_pictures() -> list[SurveyPicture]:
    return list(db.session.scalars(select(SurveyPicture).order_by(SurveyPicture.name)))
