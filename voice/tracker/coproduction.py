"""Evidence of coproduction for the evidence pack and the yearly Local Offer report: how many
young people took part in priority rounds and youth checks in a period, from which groups, what
they ranked first, and what was done about it. Every count through voice.suppression."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from voice.suppression import Shown, Suppression
from voice.tracker.rounds.results import Participation, named_groups, participation, shares
from voice.tracker.youth_checks import count_youth_check_takers


@dataclass(frozen=True)
class YouthChecks:
    checks: int  # draft statements sent to a youth group
    people: Shown  # young people who answered them
    groups: int
    by_group: dict[str, Shown]


@dataclass(frozen=True)
class Coproduction:
    rounds: Participation
    checks: YouthChecks

    @property
    def anything(self) -> bool:
        return self.rounds.rounds > 0 or self.checks.checks > 0


def period(start: date, end: date) -> tuple[datetime, datetime]:
    """Whole days from `start` to `end`, both included, as a half-open UTC range."""
    return (
        datetime.combine(start, time.min, tzinfo=UTC),
        datetime.combine(end + timedelta(days=1), time.min, tzinfo=UTC),
    )


def coproduction(start: datetime, end: datetime, *, published_only: bool = False) -> Coproduction:
    """`published_only` for public pages: only actions on published statements."""
    rule = Suppression.from_config()
    takers = count_youth_check_takers(start, end)
    return Coproduction(
        rounds=participation(start, end, published_only=published_only),
        checks=YouthChecks(
            checks=takers.checks,
            people=rule.count(takers.answered),
            groups=named_groups(takers.groups),
            by_group=shares(rule, takers.answered, takers.groups),
        ),
    )
