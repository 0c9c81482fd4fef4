"""The safeguarding flag: high recall on disclosures, quiet on idioms and service talk."""

import json
from pathlib import Path

import pytest

from themes.tagger import Tagger, default_codebook

CHECK_SET = Path(__file__).resolve().parents[2] / "bench" / "safeguarding_set.jsonl"


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return Tagger(default_codebook())


def test_check_set_meets_recall_and_precision_targets_when_tagged(tagger: Tagger) -> None:
    items = [json.loads(line) for line in CHECK_SET.read_text().splitlines() if line.strip()]
    concerning = sum(1 for item in items if item["concerning"])
    assert len(items) >= 120
    assert concerning >= 60
    assert len(items) - concerning >= 60
    flagged = [tagger.tag(item["text"]).safeguarding for item in items]
    true_pos = sum(1 for f, i in zip(flagged, items, strict=True) if f and i["concerning"])
    false_pos = sum(1 for f, i in zip(flagged, items, strict=True) if f and not i["concerning"])
    assert true_pos / concerning >= 0.95
    assert true_pos / (true_pos + false_pos) >= 0.7


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("I want to kill myself.", "suicidal thoughts"),
        ("i wanna die", "suicidal thoughts"),
        ("My daughter has been self-harming again.", "self-harm"),
        ("I hurt myself when I am sad.", "self-harm"),
        ("My stepdad hits me.", "abuse"),
        ("He touched me and told me to keep it a secret.", "sexual abuse"),
        ("There is no food at home and we go to bed hungry.", "neglect"),
        ("Dad hits mum when he drinks.", "abuse"),
        ("There is domestic violence in our house.", "violence at home"),
        ("He threatened to hurt me if I told.", "threats"),
        ("I'm scared to go home.", "being unsafe"),
        ("I don't feel safe at home.", "being unsafe"),
    ],
)
def test_disclosures_are_flagged_with_a_reason_when_harm_is_described(
    tagger: Tagger, text: str, reason: str
) -> None:
    result = tagger.tag(text)
    assert result.safeguarding is True
    assert result.safeguarding_reason == reason


@pytest.mark.parametrize(
    "text",
    [
        "The wait is killing me.",
        "I could kill for a proper plan.",
        "The form is abusive of parents' time.",
        "The school runs a self-harm support service.",
        "Delays can lead to self-harm and even suicide.",
        "My mum will kill me if I forget my PE kit.",
        "She is learning to use a knife and fork.",
        "I feel safe at the youth club.",
        "The cuts hit families hardest.",
    ],
)
def test_idioms_and_service_talk_are_not_flagged_when_nobody_is_at_risk(
    tagger: Tagger, text: str
) -> None:
    result = tagger.tag(text)
    assert result.safeguarding is False
    assert result.safeguarding_reason is None


def test_misspelt_disclosures_are_flagged_when_typed_quickly(tagger: Tagger) -> None:
    assert tagger.tag("i want to kil myslef").safeguarding is True
    assert tagger.tag("sometimes i just want to kms").safeguarding is True
    assert tagger.tag("im thinking about sucide").safeguarding is True
    assert tagger.tag("i dont want to be alive").safeguarding is True
