"""The tagger works with no NLTK data at all and never tries to download any."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import nltk

def refuse(*args, **kwargs):
    raise SystemExit("nltk.download was called")

nltk.download = refuse
import themes.tagger as tagger_module
from themes.tagger import Tagger, default_codebook

result = Tagger(default_codebook()).tag(
    "My son waited two years for CAMHS. The taxi is late but the club is great."
)
assert "mental-health" in result.slugs, result
assert result.key_phrases, result
assert result.sentiment_label == "mixed", result
print("ok")
"""


def test_importing_and_tagging_work_when_nltk_data_points_nowhere(tmp_path: Path) -> None:
    env = {**os.environ, "NLTK_DATA": str(tmp_path / "nonexistent"), "HOME": str(tmp_path)}
    completed = subprocess.run(  # noqa: S603 - fixed interpreter and script
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip().endswith("ok")


def test_nltk_download_is_never_called_when_tagging(monkeypatch: pytest.MonkeyPatch) -> None:
    import nltk

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("nltk.download was called")

    monkeypatch.setattr(nltk, "download", refuse)
    from themes.tagger import Tagger, default_codebook

    Tagger(default_codebook()).tag("I want to kill myself and the waiting list is awful.")
