"""What a round found: the ranking overall and by group, age band and setting, with small
numbers hidden (voice.suppression), beside what parent carers and schools raised meanwhile."""

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Select, select

from surveys.types import SourceGroup
from themes.queries import RaisedTheme, themes_raised_by
from voice.db import db, utcnow
from voice.suppression import Shown, Suppression
from voice.tracker.models import Action, Statement, statement_actions, statement_themes
from voice.tracker.rounds.models import (
    PriorityRound,
    RoundBallot,
    RoundCard,
    RoundChoice,
    RoundSession,
    RoundStatus,
)

DIMENSIONS = ("group_label", "age_band", "setting")
COMPARED_GROUPS = (SourceGroup.PARENT_CARER, SourceGroup.SCHOOL)
COMPARED_DAYS = 90  # parents' and schools' comments from the 90 days up to the round's end


@dataclass(frozen=True)
class CardRank:
    card: RoundCard
    rank: int
    chosen: Shown


@dataclass(frozen=True)
class Ranking:
    people: Shown  # young people who sent their choices
    groups: int
    cards: list[CardRank]  # empty when people is hidden: a ranking of a few would tell on them

    @property
    def shown(self) -> bool:
        return not self.people.hidden and bool(self.cards)


@dataclass(frozen=True)
class Slice:
    value: str
    people: Shown
    ranking: Ranking | None  # None when hidden


@dataclass(frozen=True)
class Comparison:
    start: datetime
    end: datetime
    raised: dict[SourceGroup, list[tuple[RaisedTheme, Shown]]]


def _ballots(round_id: int) -> list[tuple[int, RoundSession | None, list[int]]]:
    """(ballot id, its session, chosen card ids) for every ballot of the round."""
    rows = db.session.execute(
        select(RoundBallot.id, RoundBallot.session_id, RoundChoice.card_id)
        .join(RoundChoice, RoundChoice.ballot_id == RoundBallot.id)
        .where(RoundBallot.round_id == round_id)
    )
    chosen: dict[int, list[int]] = defaultdict(list)
    session_of: dict[int, int | None] = {}
    for ballot_id, session_id, card_id in rows:
        chosen[ballot_id].append(card_id)
        session_of[ballot_id] = session_id
    sessions = {
        s.id: s
        for s in db.session.scalars(select(RoundSession).where(RoundSession.round_id == round_id))
    }
    return [
        (ballot_id, sessions.get(session_of[ballot_id] or 0), cards)
        for ballot_id, cards in chosen.items()
    ]


def _rank(
    priority_round: PriorityRound,
    ballots: list[tuple[int, RoundSession | None, list[int]]],
    rule: Suppression,
) -> Ranking:
    people = rule.count(len(ballots))
    groups = len({s.group_label for _, s, _ in ballots if s is not None})
    if people.hidden or not ballots:
        return Ranking(people, groups, [])
    live = priority_round.live_cards
    tally = Counter(card_id for _, _, cards in ballots for card_id in cards)
    ordered = sorted(live, key=lambda card: (-tally[card.id], card.position))
    ranked: list[CardRank] = []
    for index, card in enumerate(ordered):
        # Cards chosen as often share a place: 1, 2, 2, 4.
        tied = ranked and tally[ranked[-1].card.id] == tally[card.id]
        rank = ranked[-1].rank if tied else index + 1
        ranked.append(CardRank(card, rank, rule.count(tally[card.id])))
    return Ranking(people, groups, ranked)


def _rounds_newest_first() -> Select[PriorityRound]:
    """Rounds young people have been choosing in (open or closed), the newest first."""
    return (
        select(PriorityRound)
        .where(PriorityRound.status != RoundStatus.DRAFT)
        .order_by(PriorityRound.opened_at.desc(), PriorityRound.id.desc())
    )


def round_ranking(priority_round: PriorityRound) -> Ranking:
    return _rank(priority_round, _ballots(priority_round.id), Suppression.from_config())


def ranking_by(priority_round: PriorityRound, dimension: str) -> list[Slice]:
    """The ranking within each group, age band or setting. A slice with few young people is
    hidden, and so is one more when that alone would let a reader work it out from the total."""
    rule = Suppression.from_config()
    ballots = _ballots(priority_round.id)
    by_value: dict[str, list] = defaultdict(list)
    for ballot in ballots:
        session = ballot[1]
        value = getattr(session, dimension) if session is not None else ""
        by_value[value].append(ballot)
    split = rule.split(len(ballots), {value: len(rows) for value, rows in by_value.items()})
    return [
        Slice(
            value,
            split.parts[value],
            None if split.parts[value].hidden else _rank(priority_round, rows, rule),
        )
        for value, rows in sorted(by_value.items())
    ]


def round_period(priority_round: PriorityRound) -> tuple[datetime, datetime]:
    end = priority_round.closed_at or utcnow()
    return end - timedelta(days=COMPARED_DAYS), end


def what_others_raised(priority_round: PriorityRound, *, limit: int = 5) -> Comparison:
    rule = Suppression.from_config()
    start, end = round_period(priority_round)
    raised = {
        group: [
            (row, rule.count(row.voices))
            for row in themes_raised_by(group, start, end, limit=limit)
        ]
        for group in COMPARED_GROUPS
    }
    return Comparison(start, end, raised)


@dataclass(frozen=True)
class PriorityPlace:
    """Where young people put a tracker priority in a round: the best place of any card that
    stands for one of its actions (or a statement about one)."""

    round: PriorityRound
    rank: int
    total: int
    people: Shown
    groups: int


def _card_priority_ids(card: RoundCard) -> set[int]:
    if card.action_id is not None:
        action = db.session.get(Action, card.action_id)
        return {action.priority_id} if action is not None else set()
    if card.statement_id is not None:
        statement = db.session.get(Statement, card.statement_id)
        return {a.priority_id for a in statement.actions} if statement is not None else set()
    return set()


def priority_places() -> dict[int, PriorityPlace]:
    """For each tracker priority, its place in the newest round (open or closed) that has a card
    for it and enough young people to show."""
    rounds = db.session.scalars(_rounds_newest_first())
    places: dict[int, PriorityPlace] = {}
    for priority_round in rounds:
        ranking = round_ranking(priority_round)
        if not ranking.shown:
            continue
        for row in ranking.cards:
            for priority_id in _card_priority_ids(row.card):
                known = places.get(priority_id)
                if known is None or (known.round is priority_round and row.rank < known.rank):
                    places[priority_id] = PriorityPlace(
                        priority_round, row.rank, len(ranking.cards), ranking.people, ranking.groups
                    )
    return places


def card_words(card: RoundCard, language: str, easy: bool) -> str:
    """The card's words in this language and wording, falling back to English, then to the
    other wording."""
    order = ("easy", "plain") if easy else ("plain", "easy")
    for lang in (language, "en"):
        parts = card.wording.get(lang) or {}
        for part in order:
            if parts.get(part):
                return parts[part]
    return ""


def words_language(card: RoundCard, language: str, easy: bool) -> str:
    """The language card_words found its words in (a page marks English words lang="en")."""
    return language if any((card.wording.get(language) or {}).values()) else "en"


# -- evidence of coproduction: who took part, what they put first, what was done --------------


@dataclass(frozen=True)
class RoundFirst:
    """What young people put first in one round, and the actions that answer those cards."""

    round: PriorityRound
    people: Shown
    cards: list[RoundCard]  # more than one when they share first place
    actions: list[Action]


@dataclass(frozen=True)
class Participation:
    """Young people who sent their choices in [start, end): how many, from which groups and
    settings (parts hidden by voice.suppression), and each round's first place."""

    start: datetime
    end: datetime
    people: Shown
    rounds: int
    groups: int  # how many groups (a count of groups identifies no one)
    by_group: dict[str, Shown]  # "" for choices whose tablet session was deleted
    by_setting: dict[str, Shown]
    firsts: list[RoundFirst]


def _answering_actions(card: RoundCard, *, published_only: bool) -> list[Action]:
    """The actions a card stands for: its own action, a statement's actions, or the actions of
    statements about its theme. `published_only`: only actions on a published statement, for
    public pages."""
    if card.action_id is not None and not published_only:
        action = db.session.get(Action, card.action_id)
        return [action] if action is not None else []
    query = (
        select(Action)
        .join(statement_actions, statement_actions.c.action_id == Action.id)
        .join(Statement, Statement.id == statement_actions.c.statement_id)
    )
    if card.action_id is not None:
        query = query.where(Action.id == card.action_id)
    elif card.statement_id is not None:
        query = query.where(Statement.id == card.statement_id)
    elif card.theme_id is not None:
        query = query.join(statement_themes, statement_themes.c.statement_id == Statement.id).where(
            statement_themes.c.theme_id == card.theme_id
        )
    else:
        return []
    if published_only:
        query = query.where(Statement.published.is_(True))
    return list(db.session.scalars(query.distinct().order_by(Action.title)))


def round_first(
    priority_round: PriorityRound, *, published_only: bool = False
) -> RoundFirst | None:
    """The round's first place, or None while too few young people took part to show it."""
    ranking = round_ranking(priority_round)
    if not ranking.shown:
        return None
    cards = [row.card for row in ranking.cards if row.rank == 1]
    actions: dict[int, Action] = {}
    for card in cards:
        for action in _answering_actions(card, published_only=published_only):
            actions.setdefault(action.id, action)
    return RoundFirst(priority_round, ranking.people, cards, list(actions.values()))


def named_groups(counts: Mapping[str, int]) -> int:
    """How many groups took part ("" counts those whose tablet session is gone: not a group)."""
    return len([label for label in counts if label])


def shares(rule: Suppression, total: int, counts: Mapping[str, int]) -> dict[str, Shown]:
    """Each group's or setting's count in the order of its name, small ones hidden."""
    return dict(sorted(rule.split(total, counts).parts.items()))


def participation(start: datetime, end: datetime, *, published_only: bool = False) -> Participation:
    rule = Suppression.from_config()
    rows = db.session.execute(
        select(RoundBallot.round_id, RoundSession.group_label, RoundSession.setting)
        .outerjoin(RoundSession, RoundSession.id == RoundBallot.session_id)
        .where(RoundBallot.submitted_at >= start, RoundBallot.submitted_at < end)
    ).all()
    total = len(rows)
    groups = Counter(label or "" for _, label, _ in rows)
    settings = Counter(setting or "" for _, _, setting in rows)
    round_ids = sorted({round_id for round_id, _, _ in rows})
    rounds = db.session.scalars(
        select(PriorityRound)
        .where(PriorityRound.id.in_(round_ids))
        .order_by(PriorityRound.opened_at, PriorityRound.id)
    ).all()
    firsts = [
        first
        for first in (round_first(r, published_only=published_only) for r in rounds)
        if first is not None
    ]
    return Participation(
        start=start,
        end=end,
        people=rule.count(total),
        rounds=len(round_ids),
        groups=named_groups(groups),
        by_group=shares(rule, total, groups),
        by_setting=shares(rule, total, settings),
        firsts=firsts,
    )


def latest_round() -> tuple[PriorityRound, Ranking] | None:
    """The newest round young people have been choosing in, with its ranking (for the
    dashboard)."""
    newest = db.session.scalars(_rounds_newest_first().limit(1)).first()
    return (newest, round_ranking(newest)) if newest is not None else None
