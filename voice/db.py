"""The declarative base and the Flask-SQLAlchemy handle, importable without the app."""

import enum
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, cast

from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import CursorResult, DateTime, Enum, MetaData, TypeDecorator, UpdateBase
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, registry

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Stores aware datetimes as UTC and always hands back aware UTC values (SQLite drops tz)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored; use datetime.now(UTC)")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    registry = registry(
        metadata=MetaData(naming_convention=NAMING_CONVENTION),
        type_annotation_map={
            datetime: UTCDateTime(),
            enum.Enum: Enum(enum.Enum, native_enum=False, length=32, validate_strings=True),
        },
    )


def utcnow() -> datetime:
    return datetime.now(UTC)


def start_of_today() -> datetime:
    return utcnow().replace(hour=0, minute=0, second=0, microsecond=0)


db = SQLAlchemy(model_class=Base)

# The base class of every model. At run time it is db.Model: Base with Flask-SQLAlchemy's mixins
# (bind keys, a generated __tablename__ that no model relies on), built when db is made, so a
# type checker cannot see it as a class. The models use nothing beyond Base, so they are checked
# as subclasses of Base.
if TYPE_CHECKING:
    Model = Base
else:
    Model = db.Model


def execute_dml(statement: UpdateBase) -> CursorResult[Any]:
    """db.session.execute for an INSERT, UPDATE or DELETE, typed as the CursorResult it returns
    (Session.execute is annotated to return a Result, which has no rowcount)."""
    return cast("CursorResult[Any]", db.session.execute(statement))
