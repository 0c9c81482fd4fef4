"""`voice themes tag` and `voice themes evaluate`: JSON lines in and out, nothing stored."""

import json
import os
import subprocess
import sys
from pathlib import Path

from flask import Flask
from sqlalchemy import delete, func, select

from themes.models import Theme
from voice.db import db

VOICE = str(Path(sys.executable).with_name("voice"))
LINES = [
    {"id": 1, "text": "We waited two years for speech therapy"},
    {"id": "b", "text": "Ring me on 07700 900123 about the bus"},
    {"id": 3, "text": "I feel like hurting myself"},
]


def _run(*args: str, database: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
    return subprocess.run(  # noqa: S603 - our own command
        [VOICE, "themes", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_each_line_is_tagged_with_the_default_codebook_when_the_database_is_fresh(
    tmp_path: Path,
) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(json.dumps(line) for line in LINES) + "\nnot json\n")
    result = _run("tag", str(source), database=tmp_path / "fresh.sqlite3")
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [row["id"] for row in rows] == [1, "b", 3, 4]
    assert {"waiting-times", "speech-language"} <= set(rows[0]["themes"])
    assert set(rows[0]["confidence"]) == set(rows[0]["themes"])
    assert "[phone]" in rows[1]["redacted"]
    assert rows[2]["safeguarding"] is True
    assert "error" in rows[3]


def test_scores_are_printed_when_gold_themes_are_given(tmp_path: Path) -> None:
    source = tmp_path / "gold.jsonl"
    source.write_text(
        json.dumps({"id": 1, "text": "The school bus is late", "themes": ["transport"]}) + "\n"
    )
    result = _run("evaluate", "--json", str(source), database=tmp_path / "fresh.sqlite3")
    assert result.returncode == 0, result.stderr
    scores = json.loads(result.stdout)
    assert scores["per_theme"]["transport"]["recall"] == 1.0
    assert scores["micro"]["f1"] == 1.0
    table = _run("evaluate", str(source), database=tmp_path / "fresh.sqlite3").stdout
    assert "micro average" in table
    assert "macro average" in table


def test_stored_codebook_is_read_and_left_unchanged_when_tagging_from_the_command_line(
    app: Flask,
) -> None:
    with app.app_context():
        from themes.tagging import read_only_tagger

        db.session.execute(delete(Theme))  # a database nobody has seeded yet
        db.session.commit()
        tagger = read_only_tagger()
        assert "transport" in tagger.codebook.slugs
        assert db.session.scalar(select(func.count(Theme.id))) == 0
