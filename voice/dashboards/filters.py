"""The one set of filters every dashboard view reads from, and writes back to, the URL."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, replace
from datetime import date, timedelta
from urllib.parse import urlencode

from surveys.models import Channel, SourceGroup

SENTIMENTS = ("positive", "negative", "mixed", "neutral")
ORDERS = ("newest", "negative")
DEFAULT_DAYS = 91  # about a quarter


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat((value or "").strip())
    except ValueError:
        return None


def _enum(kind: type, value: str | None) -> object | None:
    try:
        return kind(value) if value else None
    except ValueError:
        return None


def _int(value: str | None) -> int | None:
    try:
        number = int(value or "")
    except ValueError:
        return None
    return number if number > 0 else None


def _text(value: str | None, limit: int = 200) -> str | None:
    cleaned = (value or "").strip()[:limit]
    return cleaned or None


@dataclass(frozen=True)
class Filters:
    """A dashboard view: the period (inclusive dates) and what to narrow it to."""

    start: date
    end: date
    audience: SourceGroup | None = None
    channel: Channel | None = None
    survey: int | None = None
    setting: str | None = None
    theme: str | None = None
    sentiment: str | None = None
    language: str | None = None
    kiosk_group: str | None = None
    order: str = "newest"
    page: int = 1

    @classmethod
    def from_args(cls, args: Mapping[str, str], *, today: date) -> Filters:
        """Read the query string; anything that does not make sense is left out, not an error."""
        end = _date(args.get("to")) or today
        start = _date(args.get("from")) or end - timedelta(days=DEFAULT_DAYS - 1)
        if start > end:
            start, end = end, start
        sentiment = args.get("sentiment")
        order = args.get("order")
        return cls(
            start=start,
            end=end,
            audience=_enum(SourceGroup, args.get("audience")),  # type: ignore[arg-type]
            channel=_enum(Channel, args.get("channel")),  # type: ignore[arg-type]
            survey=_int(args.get("survey")),
            setting=_text(args.get("setting")),
            theme=_text(args.get("theme"), 64),
            sentiment=sentiment if sentiment in SENTIMENTS else None,
            language=_text(args.get("language"), 8),
            kiosk_group=_text(args.get("kiosk_group"), 120),
            order=order if order in ORDERS else "newest",
            page=_int(args.get("page")) or 1,
        )

    def to_args(self) -> dict[str, str]:
        """The query string parameters that rebuild this view (empty ones left out)."""
        found: dict[str, str] = {"from": self.start.isoformat(), "to": self.end.isoformat()}
        for name, value in asdict(self).items():
            if name in {"start", "end"} or value in (None, ""):
                continue
            if name == "order" and value == "newest":
                continue
            if name == "page" and value == 1:
                continue
            found[name] = str(getattr(value, "value", value))
        if self.audience:
            found["audience"] = self.audience.value
        if self.channel:
            found["channel"] = self.channel.value
        return found

    def query(self, **changes: object) -> str:
        """This view's query string with some values changed (None removes one)."""
        return urlencode((replace(self, **changes) if changes else self).to_args())

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Filters:
        """The period of the same length just before this one, with the same narrowing."""
        end = self.start - timedelta(days=1)
        return replace(self, start=end - timedelta(days=self.days - 1), end=end, page=1)

    def within_audience(self, audience: SourceGroup) -> Filters:
        return replace(self, audience=audience)
