"""evaluate() maths on a small hand-worked example."""

import pytest

from themes.tagger import evaluate


def test_scores_match_hand_calculation_when_given_three_items() -> None:
    gold = [{"a", "b"}, {"a"}, set()]
    predicted = [{"a"}, {"a", "b"}, {"b"}]
    result = evaluate(gold, predicted, ["a", "b"])
    # a: tp 2, fp 0, fn 0 -> P 1, R 1, F 1.   b: tp 0, fp 2, fn 1 -> 0, 0, 0.
    assert result["per_theme"]["a"] == {
        "precision": 1.0,
        "recall": 1.0,
        "f1": 1.0,
        "support": 2,
        "scored": True,
    }
    assert result["per_theme"]["b"]["f1"] == 0.0
    # micro: tp 2, fp 2, fn 1 -> P 0.5, R 2/3, F1 = 2*0.5*(2/3)/(0.5+2/3) = 4/7.
    assert result["micro"]["precision"] == pytest.approx(0.5)
    assert result["micro"]["recall"] == pytest.approx(2 / 3)
    assert result["micro"]["f1"] == pytest.approx(4 / 7)
    assert result["macro"]["f1"] == pytest.approx(0.5)
    assert result["exact_match"] == pytest.approx(0.0)


def test_perfect_predictions_score_one_when_everything_matches() -> None:
    gold = [{"a"}, {"b"}]
    result = evaluate(gold, gold, ["a", "b"])
    assert result["micro"]["f1"] == 1.0
    assert result["macro"]["f1"] == 1.0
    assert result["exact_match"] == 1.0


def test_unknown_slugs_are_ignored_when_not_in_the_list() -> None:
    result = evaluate([{"a", "zzz"}], [{"a"}], ["a"])
    assert result["micro"]["f1"] == 1.0


def test_lengths_must_agree_when_evaluating() -> None:
    with pytest.raises(ValueError, match="same number"):
        evaluate([{"a"}], [], ["a"])


def test_theme_nobody_gave_or_found_is_left_out_of_the_average_when_scored() -> None:
    result = evaluate([{"a"}, set()], [{"a"}, set()], ["a", "never"])
    assert result["per_theme"]["never"]["scored"] is False
    assert result["macro"]["f1"] == 1.0  # not (1.0 + 0.0) / 2
