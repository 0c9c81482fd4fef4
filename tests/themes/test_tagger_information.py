"""Not being told is information, in the words people use for it."""

import pytest

from themes.tagger import Tagger, default_codebook


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return Tagger(default_codebook())


@pytest.mark.parametrize(
    "text",
    [
        "We did not know there was a short breaks offer for him",
        "We didnt know about the holiday scheme until it was full",
        "Nobody told us the review had moved",
        "There was no contact before the meeting",
        "We weren't told anything about the change of school",
        "I never heard of the Local Offer until last year",
        "Parents are kept in the dark about the panel",
    ],
)
def test_not_being_told_is_information_when_people_say_it_their_way(
    tagger: Tagger, text: str
) -> None:
    assert "information" in tagger.tag(text).slugs


def test_not_knowing_how_to_help_is_not_information(tagger: Tagger) -> None:
    assert "information" not in tagger.tag("Staff did not know how to calm him down").slugs
