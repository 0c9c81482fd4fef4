"""Theme tagging as a strategy lead would notice it: the right themes, with evidence."""

import pytest

from themes.tagger import Codebook, Tagger, TagResult, ThemeDef, default_codebook

DEFAULT_SLUGS = (
    "waiting-times",
    "speech-language",
    "mental-health",
    "ehc-plans",
    "school-support",
    "school-places",
    "short-breaks",
    "information",
    "adulthood",
    "being-heard",
    "transport",
    "social-care",
    "friendships",
    "health-therapies",
)


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return Tagger(default_codebook())


def hit(result: TagResult, slug: str) -> float:
    return result.confidence().get(slug, 0.0)


def test_default_codebook_has_the_fourteen_stable_slugs_when_loaded() -> None:
    codebook = default_codebook()
    assert codebook.slugs == DEFAULT_SLUGS
    for theme in codebook.themes:
        assert theme.name
        assert theme.easy_read_name
        assert theme.description
        assert theme.signals


def test_codebook_round_trips_through_a_dict_when_stored() -> None:
    codebook = default_codebook()
    assert Codebook.from_dict(codebook.to_dict()) == codebook


def test_several_themes_are_tagged_when_a_comment_covers_several(tagger: Tagger) -> None:
    result = tagger.tag(
        "We waited two years for CAMHS and the taxi to school never turns up on time."
    )
    assert set(result.slugs) >= {"waiting-times", "mental-health", "transport"}
    for theme in result.themes:
        assert 0.0 < theme.confidence <= 1.0
        assert theme.evidence


def test_evidence_names_the_words_that_triggered_a_theme_when_tagged(tagger: Tagger) -> None:
    result = tagger.tag("Nobody listens to my views at the annual review.")
    evidence = {t.slug: t.evidence for t in result.themes}
    assert "annual review" in evidence["ehc-plans"]
    assert any("listen" in word for word in evidence["being-heard"])


def test_nothing_is_tagged_when_the_comment_is_generic_praise(tagger: Tagger) -> None:
    assert tagger.tag("Thank you, everyone was lovely.").themes == ()


def test_plural_and_verb_forms_match_when_the_signal_is_singular(tagger: Tagger) -> None:
    assert hit(tagger.tag("There are long waiting lists everywhere."), "waiting-times") > 0.5
    assert hit(tagger.tag("He has been bullied for months."), "friendships") > 0.5
    assert hit(tagger.tag("We need more wheelchairs in school."), "health-therapies") > 0.5
    assert hit(tagger.tag("She waited ages and is still waiting."), "waiting-times") > 0.5


def test_misspelt_words_are_understood_when_young_people_type_quickly(tagger: Tagger) -> None:
    result = tagger.tag("waitin 2 years for speach theripy at skool")
    assert {"waiting-times", "speech-language"} <= set(result.slugs)
    assert "friendships" in tagger.tag("I got bulied and have no freinds").slugs
    assert "mental-health" in tagger.tag("my anxity is bad and im deppressed").slugs


def test_a_wait_for_a_named_service_gets_both_themes_when_following_the_convention(
    tagger: Tagger,
) -> None:
    result = tagger.tag("She has been on the waiting list for physio for a year.")
    assert {"waiting-times", "health-therapies"} <= set(result.slugs)


def test_ehc_delays_are_ehc_plans_only_when_no_service_is_named(tagger: Tagger) -> None:
    result = tagger.tag("The EHC plan was delayed and we waited 40 weeks.")
    assert "ehc-plans" in result.slugs
    assert "waiting-times" not in result.slugs


def test_waiting_for_a_school_place_is_school_places_only_when_tagged(tagger: Tagger) -> None:
    result = tagger.tag("We are still waiting for a special school place.")
    assert "school-places" in result.slugs
    assert "waiting-times" not in result.slugs


def test_a_lack_of_transport_is_a_negative_transport_comment_when_negated(
    tagger: Tagger,
) -> None:
    result = tagger.tag("There is no transport to college.")
    transport = next(t for t in result.themes if t.slug == "transport")
    assert transport.sentiment < 0
    assert result.sentiment_label == "negative"


def test_no_problems_with_transport_is_still_transport_but_positive_when_negated(
    tagger: Tagger,
) -> None:
    for text in ("No problems with transport this year.", "Transport has been fine."):
        result = tagger.tag(text)
        transport = next(t for t in result.themes if t.slug == "transport")
        assert transport.sentiment > 0
        assert result.sentiment_label == "positive"


def test_not_being_listened_to_is_negative_when_negated(tagger: Tagger) -> None:
    result = tagger.tag("I was not listened to at my review.")
    assert "being-heard" in result.slugs
    assert result.sentiment < 0


def test_a_signal_inside_a_longer_phrase_is_ignored_when_the_phrase_means_more(
    tagger: Tagger,
) -> None:
    result = tagger.tag("He has a speech delay.")
    assert "speech-language" in result.slugs
    assert "waiting-times" not in result.slugs
    assert "school-support" not in tagger.tag("She moved to a special school.").slugs


def test_sentiment_is_mixed_when_one_part_is_good_and_another_bad(tagger: Tagger) -> None:
    result = tagger.tag("I love the youth club but the bus is always late and it is awful.")
    assert result.sentiment_label == "mixed"
    assert -1.0 <= result.sentiment <= 1.0


def test_sentiment_is_positive_or_negative_when_the_comment_is_clear(tagger: Tagger) -> None:
    assert tagger.tag("The speech therapist was brilliant and so helpful.").sentiment > 0.1
    assert tagger.tag("The wait was terrible and we were ignored.").sentiment < -0.1
    assert tagger.tag("He goes to school on the bus.").sentiment_label == "neutral"


def test_key_phrases_are_lower_case_noun_phrases_when_extracted(tagger: Tagger) -> None:
    result = tagger.tag("The long waiting lists for Speech and Language Therapy are awful.")
    assert "speech and language therapy" in result.key_phrases
    assert all(p == p.lower() for p in result.key_phrases)
    assert len(result.key_phrases) == len(set(result.key_phrases))


@pytest.mark.parametrize(
    "text",
    [
        "Rydw i eisiau mwy o glybiau ar ôl ysgol.",
        "Chciałbym mieć więcej zajęć po szkole.",
        "أريد المزيد من الأندية بعد المدرسة",
        "مجھے اسکول کے بعد مزید کلب چاہئیں",
        "",
        "   \n ",
        "!!! ??? ...",
        "😀😀😀",
        "x" * 5000,
    ],
)
def test_tagging_never_raises_when_the_text_is_not_english_or_is_empty(
    tagger: Tagger, text: str
) -> None:
    result = tagger.tag(text)
    assert isinstance(result, TagResult)
    assert result.safeguarding is False
    assert result.sentiment_label in {"negative", "mixed", "positive", "neutral"}


def test_english_service_names_are_found_when_inside_other_languages(tagger: Tagger) -> None:
    assert "mental-health" in tagger.tag("Czekamy na CAMHS od roku.").slugs


def test_tag_many_keeps_order_when_given_several_texts(tagger: Tagger) -> None:
    results = tagger.tag_many(["The taxi is late.", "I have no friends."])
    assert [r.slugs[0] for r in results] == ["transport", "friendships"]


def test_a_custom_codebook_is_used_when_a_lead_adds_a_theme() -> None:
    theme = ThemeDef(
        slug="food",
        name="Food",
        easy_read_name="Food and drink",
        description="School meals and snacks.",
        signals=("school dinners", "lunch"),
        weak_signals=("hungry",),
    )
    tagger = Tagger(Codebook(themes=(theme,)))
    assert tagger.tag("The school dinners are cold.").slugs == ("food",)
    assert tagger.tag("I am hungry.").slugs == ()


def test_duplicate_slugs_are_refused_when_building_a_codebook() -> None:
    theme = default_codebook().themes[0]
    with pytest.raises(ValueError, match="unique"):
        Codebook(themes=(theme, theme))
