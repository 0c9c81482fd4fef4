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


HOLDOUT_SET = CHECK_SET.with_name("safeguarding_holdout.jsonl")


def test_holdout_set_meets_recall_and_precision_targets_when_tagged(tagger: Tagger) -> None:
    items = [json.loads(line) for line in HOLDOUT_SET.read_text().splitlines() if line.strip()]
    disclosures = sum(1 for item in items if item["flag"])
    assert len(items) >= 80
    assert disclosures >= 40
    assert len(items) - disclosures >= 40
    flagged = [tagger.tag(item["text"]).safeguarding for item in items]
    true_pos = sum(1 for f, i in zip(flagged, items, strict=True) if f and i["flag"])
    false_pos = sum(1 for f, i in zip(flagged, items, strict=True) if f and not i["flag"])
    assert true_pos / disclosures >= 0.95
    assert true_pos / (true_pos + false_pos) >= 0.7


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("my step dad battered me wiv his belt", "abuse"),
        ("Her mum keeps calling her a freak and a waste of space.", "emotional abuse"),
        ("my uncle does things to me when mum is at work", "sexual abuse"),
        ("there's no food in ours and we never get tea", "neglect"),
        ("i hear them fighting downstairs every nite", "violence at home"),
        ("an older man on snap keeps telling me im mature for my age", "sexual abuse"),
        ("the olders make me hold stuff for them in my bag", "exploitation"),
        ("My son has been going missing and dealing drugs in other towns.", "exploitation"),
        ("a lad keeps asking me for pics of me in my underwear", "online abuse"),
        ("someone is blackmailing me with my pics", "online abuse"),
        ("my brother says white people are being replaced and we have to fight", "radicalisation"),
        ("my aunty says i will be cut when we go back home in the summer", "fgm"),
        ("She told her teacher she is scared of having the sunna done.", "fgm"),
        ("my parents r making me marry a man from back home", "forced marriage"),
        ("i been cuttin again bcuz i cant cope", "self-harm"),
        ("i dont see the point of living anymore", "suicidal thoughts"),
        ("i took a load of paracetamol last nite", "overdose"),
        ("my mate od'd at a party", "overdose"),
        ("mum kicked me out so im kipping on my cousin's sofa", "being unsafe"),
        ("He runs away at night and we don't know where he goes.", "being unsafe"),
    ],
)
def test_each_kind_of_harm_is_flagged_when_a_child_or_parent_describes_it(
    tagger: Tagger, text: str, reason: str
) -> None:
    result = tagger.tag(text)
    assert result.safeguarding is True
    assert result.safeguarding_reason == reason


@pytest.mark.parametrize(
    "text",
    [
        "The wait is killing me.",
        "He hits his head when the sensory room is closed.",
        "She bites her hand when the hall is too loud.",
        "I could kill for a plan.",
        "We are fighting for an EHC plan.",
        "They keep cutting the budget for short breaks.",
        "The school threw him out of class again.",
        "He ran off in the shop and I panicked.",
        "We were forced to change schools.",
        "He is on a drug trial for his seizures.",
        "I read the medication overdose policy.",
        "He was kicked out of the football club for swearing.",
        "She had her hair cut at home this summer.",
        "Our daughter wants to get married one day.",
        "The staff had FGM and forced marriage awareness training.",
        "He posts photos of his drawings online.",
        "We had to sleep on the sofa while the bathroom was adapted.",
        "The TA burns herself out doing everything for him.",
    ],
)
def test_send_feedback_is_not_flagged_when_it_only_sounds_like_harm(
    tagger: Tagger, text: str
) -> None:
    result = tagger.tag(text)
    assert result.safeguarding is False
    assert result.safeguarding_reason is None
