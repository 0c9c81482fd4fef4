"""The one set of filters every dashboard view reads from, and writes back to, the URL."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

from surveys.types import Channel, SourceGroup
from voice.i18n import _l
from voice.untrusted import bounded_int

SENTIMENTS = ("positive", "negative", "mixed", "neutral")
ORDERS = ("newest", "negative")
DEFAULT_DAYS = 91  # about a quarter


# Far enough either side for any real period, and far from date.min and date.max, so the
# period before this one (and a day after it) can always be worked out.
EARLIEST = date(2000, 1, 1)
LATEST = date(2099, 12, 31)


def _date(value: str | None) -> date | None:
    try:
        day = date.fromisoformat((value or "").strip())
    except ValueError:
        return None
    return day if EARLIEST <= day <= LATEST else None


def _date_problem(value: str | None) -> str | None:
    """What to say beside a date box whose value was left out, or None if it was fine."""
    if (value or "").strip() and _date(value) is None:
        return str(_l("Enter a real date between 2000 and 2099, like 2026-09-01"))
    return None


def _enum(kind: type, value: str | None) -> object | None:
    try:
        return kind(value) if value else None
    except ValueError:
        return None


def _int(value: str | None) -> int | None:
    return bounded_int(value)


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
    # What to say beside a filter whose value was wrong and so left out, by query parameter.
    problems: dict[str, str] = field(default_factory=dict, compare=False)

    @classmethod
    def from_args(cls, args: Mapping[str, str], *, today: date) -> Filters:
        """Read the query string; anything that does not make sense is left out, not an error
        (a wrong date is also named in `problems`, to say so beside its box)."""
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
            problems={
                name: problem
                for name in ("from", "to")
                if (problem := _date_problem(args.get(name)))
            },
        )

    def to_args(self) -> dict[str, str]:
        """The query string parameters that rebuild this view (empty ones left out)."""
        found: dict[str, str] = {"from": self.start.isoformat(), "to": self.end.isoformat()}
        for name, value in asdict(self).items():
            if name in {"start", "end", "problems"} or value in (None, ""):
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

    def query(self, **changes: Any) -> str:
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
