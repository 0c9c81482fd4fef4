"""The safeguarding flag: high recall on disclosures, quiet on idioms and service talk."""

import json
import math
from collections import Counter
from pathlib import Path

import pytest

from themes.tagger import Tagger, concern, default_codebook

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


# Issue 17: every kind of harm in Working Together and KCSIE, in children's spelling and in a
# parent's or professional's words, written for these tests (not taken from any check set).
PATTERNS_ONLY = Tagger(default_codebook(), concern=False)


@pytest.mark.parametrize(
    ("reason", "text"),
    [
        ("abuse", "my mum pushes the food into my mouth till i gag"),
        ("abuse", "he holds me down and thumps me"),
        ("abuse", "The childminder returned him with a handprint on his cheek."),
        ("abuse", "they set fire to my jumper on the field"),
        ("emotional abuse", "mum keeps telling me im a waste of space"),
        ("emotional abuse", "Mum says she will give him away if he does not behave."),
        ("emotional abuse", "dad said he would drown my puppy if i tell"),
        ("emotional abuse", "they eat takeaway in front of me and i get nothing"),
        ("sexual abuse", "he tells me to take my pants off when mum is at work"),
        ("sexual abuse", "Our 14-year-old has an older boyfriend who collects her from school."),
        ("sexual abuse", "my step brother made me kiss him and touched my chest"),
        ("exploitation", "older lads give me vapes and money to go to their flat"),
        ("exploitation", "i owe them 300 quid now so i have to keep going"),
        ("exploitation", "They are using him to sell weed at the skate park."),
        ("exploitation", "some guys got me selling for them after school"),
        ("neglect", "no one changes me till bedtime"),
        ("neglect", "He arrives visibly hungry and his clothes are soiled most days."),
        ("neglect", "mum spends all the money on booze and we have no dinner"),
        ("neglect", "me and my sister got left on our own all weekend while mum went out"),
        ("violence at home", "when mum and her boyfriend argue he smashes stuff and she cries"),
        ("violence at home", "he will not let mum see her family or have any money"),
        ("violence at home", "we had to go to a refuge because dad hurt mum"),
        ("online abuse", "a man on snapchat keeps asking me for pics in my bra"),
        ("online abuse", "im being blackmailed with a video"),
        ("online abuse", "someone says theyll send my pics to everyone unless i pay"),
        ("threats", "a boy in year 9 said next time he will stab me"),
        ("threats", "they know where i live and said theyll come round and batter me"),
        ("radicalisation", "my cousin says immigrants should be wiped out"),
        ("radicalisation", "he says school shooters are heroes and he wants to be one"),
        (
            "radicalisation",
            "The young person talks about martyrdom and calls his teachers unbelievers.",
        ),
        ("fgm", "my gran says its my turn for the cutting in the summer"),
        ("fgm", "They are taking her abroad for a special ceremony to make her a woman."),
        ("fgm", "aunty says when we go back home i get cut like my cousins"),
        ("forced marriage", "they want me to marry a man i have never met and im 15"),
        ("forced marriage", "My parents have taken my passport and are planning my wedding."),
        ("forced marriage", "they did my nikah with my cousin"),
        ("self-harm", "my arms are covered in cuts and i need new blades"),
        ("self-harm", "i make myself sick after tea to punish myself"),
        ("self-harm", "She has cuts across the tops of her legs and says it helps."),
        ("suicidal thoughts", "whats the point in living"),
        ("suicidal thoughts", "i googled the easiest way to die"),
        ("suicidal thoughts", "he keeps talking about stepping off the platform"),
        ("overdose", "i took loads of my mums tablets last night"),
        ("overdose", "He swallowed his brother's pills on purpose."),
        ("overdose", "i drank bleach"),
        ("being unsafe", "i have been sleeping in a tent since my dad chucked me out"),
        (
            "being unsafe",
            "Our daughter left the house on Sunday and we have not heard from her since.",
        ),
        ("being unsafe", "he disappears for days and comes back with no explanation"),
    ],
)
def test_each_statutory_kind_is_named_when_a_pattern_finds_it(reason: str, text: str) -> None:
    result = PATTERNS_ONLY.tag(text)
    assert result.safeguarding is True
    assert result.safeguarding_reason == reason


@pytest.mark.parametrize(
    "text",
    [
        "The wait for his autism assessment is killing me.",
        "He hits his head when the sensory room is closed.",
        "She bites her hand when the hall is too loud, it is in her plan.",
        "my mum will kill me if i lose my coat again",
        "i could die of embarrassment when my dad dances",
        "He takes three tablets a day for his epilepsy.",
        "The school nurse gave her a plaster when she cut her knee in the playground.",
        "We learned about forced marriage and FGM in PSHE and who to tell.",
        "He loves war films and drawing tanks.",
        "i stay at my dads at weekends and he takes me swimming",
        "He is fed through a tube and the school nurse does his feeds.",
        "My older daughter's boyfriend helps him with his homework.",
        "She has scars on her tummy from her operations.",
        "He bruises easily from his dyspraxia, the school fills in the accident book.",
        "my sister is getting married next summer and i will be a bridesmaid",
        "The annual review was moved three times and in the end it was done on the phone.",
    ],
)
def test_send_feedback_is_not_flagged_when_patterns_and_scorer_read_it(
    tagger: Tagger, text: str
) -> None:
    result = tagger.tag(text)
    assert result.safeguarding is False, result.safeguarding_reason


@pytest.mark.parametrize(
    "text",
    [
        "dad gets drunk and comes in my room and hurts me",
        "the older lads keep asking me to hold stuff in my bag",
        "he said he would share my photos if i didnt do what he said",
    ],
)
def test_scorer_flags_with_the_words_it_read_when_no_pattern_lists_the_disclosure(
    tagger: Tagger, text: str
) -> None:
    assert PATTERNS_ONLY.tag(text).safeguarding is False
    result = tagger.tag(text)
    assert result.safeguarding is True
    assert result.safeguarding_reason is not None
    reason, _colon, words = result.safeguarding_reason.partition(": ")
    assert reason == concern.REASON
    shown = words.split(", ")
    assert 1 <= len(shown) <= 3
    assert all(word in text.replace("'", "") for word in shown)


def test_scorer_score_is_the_weighted_sum_of_its_features_when_read_word_by_word() -> None:
    model = concern.default_model()
    assert model is not None
    tokens = concern.words("My stepdad won't let me eat with the family")
    found = concern.features(tokens)
    z = model.bias + sum(model.weights.get(key, 0.0) * value for key, value in found.items())
    assert model.probability(tokens) == pytest.approx(1 / (1 + math.exp(-z)))


def test_scorer_scores_the_same_when_its_weights_are_saved_and_read_back() -> None:
    model = concern.train(
        [
            ("he hurts me every night", True),
            ("nobody feeds us at home", True),
            ("the taxi was late again", False),
            ("we waited a year for speech therapy", False),
        ],
        epochs=20,
        min_count=1,
    )
    copy = concern.ConcernModel.from_json(json.loads(json.dumps(model.to_json())))
    for text in ("he hurts me", "the taxi was late"):
        assert copy.score(text) == pytest.approx(model.score(text), abs=1e-3)
    assert model.score("he hurts me at night") > model.score("the taxi was late")


def test_folds_hold_every_kind_and_stay_the_same_when_the_rows_come_in_another_order() -> None:
    rows = [(f"sentence {n}", kind) for n in range(40) for kind in ("fgm", "neglect")]
    folds = concern.stratified_folds(rows)
    again = dict(zip(reversed(rows), concern.stratified_folds(rows[::-1]), strict=True))
    assert dict(zip(rows, folds, strict=True)) == again
    for kind in ("fgm", "neglect"):
        counts = Counter(f for f, (_text, k) in zip(folds, rows, strict=True) if k == kind)
        assert sorted(counts) == [0, 1, 2, 3, 4]
        assert set(counts.values()) == {8}


def test_patterns_alone_decide_when_the_tagger_is_made_without_the_scorer() -> None:
    assert PATTERNS_ONLY.concern is None
    text = "the older lads keep asking me to hold stuff in my bag"
    assert PATTERNS_ONLY.tag(text).safeguarding is False
