"""The small-number rule (voice/suppression.py) on its own, with every small table checked."""

import itertools
from collections import defaultdict
from collections.abc import Iterator

import pytest
from flask import Flask

from voice.suppression import Suppression

SMALL = Suppression(5)


def _texts(total: int, parts: dict[str, int]) -> tuple[str, list[str]]:
    split = SMALL.split(total, parts)
    return split.total.text, [part.text for part in split.parts.values()]


@pytest.fixture(autouse=True)
def _request(app: Flask) -> Iterator[None]:  # the texts are translated: they need a request
    with app.test_request_context():
        yield


def test_a_count_under_the_threshold_reads_fewer_than_when_on_its_own() -> None:
    assert [SMALL.show(n) for n in (0, 1, 4, 5, 1234)] == [
        "0",
        "fewer than 5",
        "fewer than 5",
        "5",
        "1,234",
    ]
    assert SMALL.count(3).value is None
    assert SMALL.count(3).length == SMALL.count(1).length == 2.5


def test_the_next_smallest_part_is_hidden_too_when_only_one_part_is_small() -> None:
    total, parts = _texts(19, {"positive": 6, "negative": 12, "mixed": 1, "neutral": 0})
    assert total == "19"
    assert parts == ["not shown", "12", "not shown", "0"]


def test_another_part_is_hidden_when_the_hidden_parts_can_only_be_one_each() -> None:
    _total, parts = _texts(12, {"positive": 10, "negative": 1, "mixed": 1, "neutral": 0})
    assert parts == ["not shown", "not shown", "not shown", "0"]


def test_two_small_parts_stay_hidden_alone_when_they_cannot_be_worked_out() -> None:
    _total, parts = _texts(15, {"positive": 10, "negative": 2, "mixed": 3, "neutral": 0})
    assert parts == ["10", "not shown", "not shown", "0"]


def test_every_part_reads_fewer_than_or_zero_when_the_total_is_small() -> None:
    total, parts = _texts(4, {"positive": 3, "negative": 1, "mixed": 0, "neutral": 0})
    assert total == "fewer than 5"
    assert parts == ["fewer than 5", "fewer than 5", "0", "0"]


def test_the_hatched_part_is_what_the_total_leaves_when_parts_are_hidden() -> None:
    split = SMALL.split(19, {"positive": 6, "negative": 12, "mixed": 1, "neutral": 0})
    assert split.hidden_length == 7  # 19 - 12: anyone can subtract the table's numbers
    assert SMALL.split(20, {"positive": 20, "negative": 0}).hidden_length == 0


def test_no_hidden_part_can_be_worked_out_when_the_rule_is_known_and_there_are_two() -> None:
    """Every pair of parts from 0 to 29: a reader who knows the rule knows only which group of
    tables gives what they see, so within each group a hidden part must take several values."""
    seen: dict[tuple, list[tuple[int, ...]]] = defaultdict(list)
    for parts in itertools.product(range(30), repeat=2):
        seen[_view(parts)].append(parts)
    for view, tables in seen.items():
        for index, text in enumerate(view[1]):
            if text in {"not shown", "fewer than 5"}:
                assert len({table[index] for table in tables}) > 1, (view, tables)


def _view(parts: tuple[int, ...]) -> tuple[str, tuple[str, ...]]:
    total, texts = _texts(sum(parts), dict(enumerate(parts)))
    return total, tuple(texts)


@pytest.mark.parametrize(("size", "largest"), [(3, 12), (4, 8)])
def test_no_hidden_part_can_be_worked_out_from_the_total_when_every_table_is_tried(
    size: int, largest: int
) -> None:
    """Every table of `size` parts under `largest`: from the total and the parts shown, a reader
    knows that the hidden parts add up to the rest, that each is at least 1 (zeros are shown)
    and that one at least is under the threshold. Each hidden part must still be able to take
    more than one value."""
    for parts in itertools.product(range(largest), repeat=size):
        total_text, texts = _view(parts)
        hidden = [i for i, text in enumerate(texts) if not text.isdigit()]
        if not hidden or not total_text.isdigit():
            continue  # a small total: every part is "fewer than 5" or 0, nothing to subtract
        rest = int(total_text) - sum(int(t) for t in texts if t.isdigit())
        possible = [
            values
            for values in itertools.product(range(1, rest + 1), repeat=len(hidden))
            if sum(values) == rest and min(values) < 5
        ]
        assert tuple(parts[i] for i in hidden) in possible
        for place in range(len(hidden)):
            assert len({values[place] for values in possible}) > 1, (parts, texts)


def test_a_sum_of_parts_is_shown_only_when_it_gives_no_hidden_part_away() -> None:
    split = SMALL.split(30, {"own": 20, "help": 3, "for_me": 7, "unsaid": 0})
    # help (3) is hidden and so is for_me (7), the next smallest, to cover it
    assert [part.text for part in split.parts.values()] == ["20", "not shown", "not shown", "0"]
    assert split.sum(["help", "for_me"], 5).text == "10"  # 30 - 20 - 0: anyone can subtract
    assert split.sum(["own", "help"], 5).text == "not shown"
    assert split.sum(["own", "unsaid"], 5).text == "20"
    assert SMALL.split(4, {"a": 3, "b": 1}).sum(["a"], 5).text == "not shown"
