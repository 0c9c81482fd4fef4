"""An everyday word said in passing does not make a theme; SEND terms always count."""

import pytest

from themes.tagger import Tagger, default_codebook


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return Tagger(default_codebook())


@pytest.mark.parametrize(
    ("text", "about", "not_about"),
    [
        (
            "His teacher rang to say the school transport was late again",
            "transport",
            "school-support",
        ),
        (
            "At the youth club the minibus driver lost his voice so the trip was off",
            "short-breaks",
            "being-heard",
        ),
        (
            "We saw the doctor about his speech and language therapy waiting list",
            "speech-language",
            "health-therapies",
        ),
    ],
)
def test_everyday_word_in_a_sentence_about_another_theme_is_not_a_theme(
    tagger: Tagger, text: str, about: str, not_about: str
) -> None:
    slugs = tagger.tag(text).slugs
    assert about in slugs
    assert not_about not in slugs


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("His teacher is brilliant", "school-support"),
        ("Nobody listens to my voice", "being-heard"),
        # the word's own sentence is about it, even with another theme elsewhere
        ("The school transport is late. His teacher never helps him.", "school-support"),
        # a SEND term is never said in passing
        ("The school transport is always late because CAMHS see him at noon", "mental-health"),
    ],
)
def test_the_word_still_counts_when_its_sentence_is_about_the_theme(
    tagger: Tagger, text: str, slug: str
) -> None:
    assert slug in tagger.tag(text).slugs


@pytest.mark.parametrize(
    "text",
    [
        "We did not know there was a short breaks offer for him",
        "Nobody told us the review had moved",
        "There was no contact before the meeting",
        "We weren't told anything about the change of school",
        "I never heard of the Local Offer until last year",
    ],
)
def test_not_being_told_is_information_when_people_say_it_their_way(
    tagger: Tagger, text: str
) -> None:
    assert "information" in tagger.tag(text).slugs
