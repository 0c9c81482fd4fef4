"""Streaming JSON Lines in and out of the tagger."""

import json
from collections.abc import Iterator

from themes.tagger import Tagger, default_codebook
from themes.tagger.jsonl import evaluate_lines, tag_lines


def test_each_line_gets_a_result_and_a_bad_line_an_error_when_streamed() -> None:
    lines = [
        json.dumps({"id": "a1", "text": "The taxi to school is always late."}),
        "{this is not json",
        json.dumps({"id": "a3", "text": 42}),
        "",
        json.dumps({"id": "a5", "text": "Call me on 07700 900123"}),
    ]
    out = [json.loads(line) for line in tag_lines(lines, Tagger(default_codebook()))]
    assert [item["id"] for item in out] == ["a1", 2, "a3", "a5"]
    assert out[0]["themes"] == ["transport"]
    assert set(out[0]["confidence"]) == {"transport"}
    assert isinstance(out[0]["sentiment"], float)
    assert out[0]["safeguarding"] is False
    assert "error" in out[1]
    assert out[1]["line"] == 2
    assert "error" in out[2]
    assert out[3]["redacted"] == "Call me on [phone]"


def test_lines_are_read_one_at_a_time_when_streamed() -> None:
    consumed: list[int] = []

    def source() -> Iterator[str]:
        for number in range(1000):
            consumed.append(number)
            yield json.dumps({"id": number, "text": "more clubs please"})

    stream = tag_lines(source(), Tagger(default_codebook()))
    first = json.loads(next(stream))
    assert first["id"] == 0
    assert len(consumed) == 1


def test_evaluate_lines_scores_gold_themes_when_lines_carry_them() -> None:
    lines = [
        json.dumps({"id": 1, "text": "The taxi was late.", "themes": ["transport"]}),
        json.dumps({"id": 2, "text": "I have no friends.", "themes": ["friendships"]}),
        "not json",
    ]
    result = evaluate_lines(iter(lines), Tagger(default_codebook()))
    assert result["micro"]["f1"] == 1.0
    assert result["items"] == 2
    assert result["errors"] == 1
