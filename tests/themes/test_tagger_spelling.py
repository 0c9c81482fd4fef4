"""The speller mends misspellings and text speak, and never damages a real word."""

import pytest

from themes.tagger import Tagger, default_codebook
from themes.tagger.spelling import Speller


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return Tagger(default_codebook())


@pytest.fixture(scope="module")
def speller(tagger: Tagger) -> Speller:
    return tagger._speller


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("freinds", "friends"),
        ("bulying", "bullying"),
        ("waitng", "waiting"),
        ("apointment", "appointment"),
        ("theraphy", "therapy"),
        ("trasport", "transport"),
        ("wheelchiar", "wheelchair"),
        ("suicde", "suicide"),
        ("myslef", "myself"),
        ("skool", "school"),
        ("dont", "don't"),
        ("theyll", "they'll"),
    ],
)
def test_misspellings_are_mended_when_one_edit_from_a_codebook_word(
    speller: Speller, typed: str, meant: str
) -> None:
    assert speller.correct(typed) == meant


@pytest.mark.parametrize(
    "word",
    [
        # English words one edit away from a codebook or safeguarding word
        "chats",  # was "thats"
        "chatted",
        "alder",  # was "older"
        "theres",  # was "thees"
        "care",
        "carers",
        # words of young people's online life the old word lists do not know
        "sexting",  # was "setting"
        "nudes",
        "snapchat",
        "gcses",  # was "gpses"
        "gmail",  # was "email"
        # names
        "jones",  # was "jobes"
        "patel",  # was "panel"
        # short words are never edited
        "cuts",
        "sats",
    ],
)
def test_real_words_names_and_short_words_are_left_as_written(speller: Speller, word: str) -> None:
    assert speller.correct(word) == word


def test_an_unknown_long_word_far_from_every_codebook_word_is_left_alone(
    speller: Speller,
) -> None:
    assert speller.correct("zzyzzyva") == "zzyzzyva"


def test_protected_words_given_to_a_speller_are_never_edited() -> None:
    speller = Speller(["panel", "school"], protected=["Paneli"])
    assert speller.correct("paneli") == "paneli"
    assert speller.correct("scholl") == "school"


def test_a_disclosure_in_young_peoples_words_still_reaches_safeguarding(tagger: Tagger) -> None:
    result = tagger.tag("an older man keeps asking me for nudes on snapchat and in our chats")
    assert result.safeguarding
    assert "chats" in result.key_phrases
    assert "thats" not in " ".join(result.key_phrases)
