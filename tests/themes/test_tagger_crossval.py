"""Cross-validation grouped by source, and a held-out share of sources kept out of tuning."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from themes.tagger import default_codebook
from themes.tagger.crossval import (
    Labelled,
    cross_validate,
    group_folds,
    held_out_figures,
    read_labelled,
    split_held_out,
)
from themes.tagger.teaching import learning_curve

ROOT = Path(__file__).resolve().parents[2]
DEV_SET = ROOT.parent / "shared" / "data" / "themes_dev.jsonl"

needs_dev_set = pytest.mark.skipif(not DEV_SET.exists(), reason="the dev set is not beside us")

ROWS = [
    Labelled("The taxi was late again", frozenset({"transport"}), "forum"),
    Labelled("The bus driver was kind", frozenset({"transport"}), "forum"),
    Labelled("We waited two years for CAMHS", frozenset({"waiting-times", "mental-health"}), "nhs"),
    Labelled("Nobody listens to us", frozenset({"being-heard"}), "survey"),
    Labelled("He has no friends at school", frozenset({"friendships"}), "survey"),
    Labelled("The Local Offer website is confusing", frozenset({"information"}), "council"),
    Labelled("The EHC plan was late", frozenset({"ehc-plans"}), "council"),
    Labelled("The youth club is brilliant", frozenset({"short-breaks"}), "club"),
]


def test_every_source_lands_in_one_fold_when_folds_are_made() -> None:
    groups = ["a", "a", "a", "b", "b", "c", "d", "e", "e", "f"]
    folds = group_folds(groups, 3)
    for group in set(groups):
        assert len({fold for g, fold in zip(groups, folds, strict=True) if g == group}) == 1
    sizes = [folds.count(fold) for fold in range(3)]
    assert max(sizes) - min(sizes) <= 1
    assert group_folds(groups, 3) == folds  # the same every run


def test_held_out_share_is_whole_sources_and_the_same_every_run() -> None:
    tuning, held = split_held_out(ROWS, share=0.25)
    assert len(tuning) + len(held) == len(ROWS)
    assert held
    assert not {row.source for row in tuning} & {row.source for row in held}
    assert split_held_out(ROWS, share=0.25) == (tuning, held)


def test_lines_without_a_source_are_each_their_own_source() -> None:
    rows = read_labelled(
        [
            '{"id": "a1", "text": "The taxi was late", "themes": ["transport"]}',
            "",
            '{"text": "Nobody listens", "themes": ["being-heard"], "source": "forum"}',
        ]
    )
    assert [row.source for row in rows] == ["line:a1", "forum"]
    assert rows[0].themes == frozenset({"transport"})


def test_cross_validation_scores_each_fold_on_sources_it_did_not_learn_from() -> None:
    result = cross_validate(default_codebook(), ROWS, folds=3)
    assert result["grouped_by"] == "source"
    assert sum(fold["items"] for fold in result["per_fold"]) == len(ROWS)
    for name in ("rules", "learned"):
        assert 0.0 <= result[name]["mean_micro_f1"] <= 1.0
        assert 0.0 <= result[name]["pooled"]["macro_f1"] <= 1.0
    # Every comment here says its theme plainly, so the rules find nearly all of them.
    assert result["rules"]["pooled"]["micro_f1"] >= 0.8


def test_held_out_figures_report_rules_and_learned_when_given_a_split() -> None:
    tuning, held = split_held_out(ROWS, share=0.25)
    result = held_out_figures(default_codebook(), tuning, held)
    assert result["items"] == len(held)
    assert set(result) >= {"rules", "learned", "per_theme_f1", "sources"}


def test_learning_curve_folds_by_source_when_given_sources() -> None:
    rows = [(row.text, set(row.themes)) for row in ROWS]
    result = learning_curve(
        default_codebook(), rows, folds=3, steps=(0, 4), groups=[row.source for row in ROWS]
    )
    assert result["grouped_by"] == "source"
    assert [point["reviewed"] for point in result["points"]] == [0, 4]


@needs_dev_set
def test_dev_set_cross_validated_by_source_keeps_its_level_when_measured() -> None:
    rows = read_labelled(DEV_SET.read_text(encoding="utf-8").splitlines())
    tuning, _held = split_held_out(rows)
    result = cross_validate(default_codebook(), tuning, folds=5)
    assert result["folds"] == 5
    assert result["rules"]["pooled"]["micro_f1"] >= 0.8
    assert result["rules"]["mean_macro_f1"] >= 0.75


def test_learning_curve_command_folds_by_source_when_lines_have_one(tmp_path: Path) -> None:
    sample = tmp_path / "sample.jsonl"
    sample.write_text(
        "\n".join(
            json.dumps({"text": row.text, "themes": sorted(row.themes), "source": row.source})
            for row in ROWS
        )
    )
    voice = Path(sys.executable).with_name("voice")
    done = subprocess.run(  # noqa: S603 - the project's own command, fixed arguments
        [voice, "themes", "learning-curve", sample, "--folds", "3", "--steps", "0,4", "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["grouped_by"] == "source"
    assert [point["reviewed"] for point in result["points"]] == [0, 4]


def test_learning_curve_command_says_what_is_wrong_when_a_line_is_not_labelled(
    tmp_path: Path,
) -> None:
    sample = tmp_path / "bad.jsonl"
    sample.write_text('{"text": "no themes here"}\n[1, 2]\n')
    voice = Path(sys.executable).with_name("voice")
    done = subprocess.run(  # noqa: S603 - the project's own command, fixed arguments
        [voice, "themes", "learning-curve", sample, "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 2
    assert '"text" and "themes"' in done.stderr
    assert "Traceback" not in done.stderr
