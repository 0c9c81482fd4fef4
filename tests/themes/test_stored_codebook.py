"""The codebook the workers run is the one that ships: stored signal by signal, unchanged."""

import json
from pathlib import Path

from flask import Flask

from themes.codebook import codebook_from_rows, ensure_codebook, list_themes
from themes.tagger import Tagger, default_codebook
from themes.tagging import current_tagger, read_only_tagger
from voice.db import db

DEV_SET = Path(__file__).resolve().parents[3] / "shared" / "data" / "themes_dev.jsonl"


def test_stored_codebook_equals_the_shipped_one_when_seeded(app: Flask) -> None:
    with app.app_context():
        ensure_codebook()
        db.session.commit()
        stored = {theme.slug: theme for theme in codebook_from_rows(list_themes())}
    shipped = {theme.slug: theme for theme in default_codebook()}
    assert stored.keys() == shipped.keys()
    for slug, theme in shipped.items():
        assert stored[slug].signals == theme.signals, slug
        assert stored[slug].weak_signals == theme.weak_signals, slug
        assert stored[slug].not_signals == theme.not_signals, slug


def test_no_shipped_signal_holds_a_line_break_or_a_double_space_when_loaded() -> None:
    signals = [
        signal
        for theme in default_codebook()
        for signal in (*theme.signals, *theme.weak_signals, *theme.not_signals)
    ]
    assert "school refusal" in signals
    assert [signal for signal in signals if "\n" in signal or "  " in signal] == []


def test_workers_and_the_command_line_tag_like_the_shipped_tagger_when_seeded(
    app: Flask,
) -> None:
    texts = [json.loads(line)["text"] for line in DEV_SET.read_text().splitlines()]
    texts += ["He has school refusal and the transition to adult services is a mess"]
    shipped = Tagger(default_codebook())
    with app.app_context():
        ensure_codebook()
        db.session.commit()
        workers, _version = current_tagger()
        command_line = read_only_tagger()
    for text in texts:
        expected = sorted(shipped.tag(text).slugs)
        assert sorted(workers.tag(text).slugs) == expected, text
        assert sorted(command_line.tag(text).slugs) == expected, text
