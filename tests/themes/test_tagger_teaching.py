"""Reviews that teach: signals reviewers keep rejecting for a theme lose their power."""

import json
import subprocess
import sys
from pathlib import Path

from themes.tagger import Tagger, default_codebook
from themes.tagger.learned import LearnedModel
from themes.tagger.teaching import learn, learning_curve

ROOT = Path(__file__).resolve().parents[2]
DEV_SET = ROOT.parent / "shared" / "data" / "themes_dev.jsonl"

# Comments where "listen to" is about music, not about being heard: reviewers take
# being-heard off every time.
REVIEWED = [
    ("We listen to music on the bus to college", {"transport"}),
    ("The kids listen to the radio on the minibus every morning", {"transport"}),
    ("At the youth club they listen to music and play pool", {"short-breaks"}),
    ("He likes to listen to stories at the holiday club", {"short-breaks"}),
    ("The taxi driver lets him listen to his own songs", {"transport"}),
]


def test_theme_given_only_by_a_rejected_signal_is_dropped_when_reviews_taught_it() -> None:
    codebook = default_codebook()
    text = "On the bus we listen to music with headphones"
    assert "being-heard" in Tagger(codebook).tag(text).slugs  # what the rules alone say
    model = learn(codebook, REVIEWED)
    assert ("listen to", "being-heard") in model.lessons()
    taught = Tagger(codebook, model).tag(text)
    assert "being-heard" not in taught.slugs
    assert "transport" in taught.slugs
    # A comment about being heard still gets the theme from its other signals.
    assert (
        "being-heard"
        in Tagger(codebook, model)
        .tag("Nobody asked for my views and they did not listen to me at the review")
        .slugs
    )


def test_lessons_survive_storage_when_the_model_is_saved_and_read_back() -> None:
    model = learn(default_codebook(), REVIEWED)
    assert LearnedModel.from_json(model.to_json()).lessons() == model.lessons()


def test_learning_curve_reports_each_step_when_cross_validated() -> None:
    rows = [(row["text"], set(row["themes"])) for row in map(json.loads, DEV_SET.open())]
    result = learning_curve(default_codebook(), rows, folds=3, steps=(0, 30))
    assert [point["reviewed"] for point in result["points"]] == [0, 30]
    assert all(0.5 < point["micro_f1"] <= 1 for point in result["points"])


def test_learning_curve_command_prints_json_when_asked(tmp_path: Path) -> None:
    sample = tmp_path / "sample.jsonl"
    sample.write_text("\n".join(DEV_SET.read_text().splitlines()[:30]))
    voice = Path(sys.executable).with_name("voice")
    done = subprocess.run(  # noqa: S603 - the project's own command, fixed arguments
        [voice, "themes", "learning-curve", sample, "--folds", "3", "--steps", "0,10", "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    points = json.loads(done.stdout.strip().splitlines()[-1])["points"]
    assert [point["reviewed"] for point in points] == [0, 10]
