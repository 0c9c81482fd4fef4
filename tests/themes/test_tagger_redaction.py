"""Personal details are removed before staff or the public see a comment."""

import pytest

from themes.tagger import Tagger, default_codebook, redact


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Email me on jo.bloggs+send@example.co.uk please", "Email me on [email] please"),
        ("Call 07700 900123 after 3", "Call [phone] after 3"),
        ("Ring +44 7700 900 123 anytime", "Ring [phone] anytime"),
        ("Office 0151 496 0000 or 020 7946 0000", "Office [phone] or [phone]"),
        ("We live near CH65 0BY now", "We live near [postcode] now"),
        ("postcode m1 1ae", "postcode [postcode]"),
        ("His NHS number is 943 476 5919.", "His NHS number is [NHS number]."),
        ("NHS no 9434765919", "NHS no [NHS number]"),
        ("We moved to 12 Church Road last year", "We moved to [address] last year"),
        ("Send it to flat 3, 5 High Street.", "Send it to [address]"),
    ],
)
def test_contact_details_are_replaced_when_present(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("My son Noah is 9.", "My son [name] is 9."),
        ("My daughter, Ella Jones, loves it.", "My daughter, [name], loves it."),
        ("I spoke to Mrs Patel and Dr. Okafor.", "I spoke to Mrs [name] and Dr. [name]."),
        ("Hi, my name is Aisha and I am 15.", "Hi, my name is [name] and I am 15."),
        ("I'm Jake and I like football.", "I'm [name] and I like football."),
        ("Yesterday Olivia came to the club.", "Yesterday [name] came to the club."),
        ("A boy called Harry pushed in.", "A boy called [name] pushed in."),
    ],
)
def test_names_are_replaced_when_a_cue_or_a_known_first_name_shows_them(
    text: str, expected: str
) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "I'm Happy with the school now.",
        "It took 18 months in a row to get seen.",
        "Grace is a lovely word.",
        "We waited 2 years for the EHCP.",
        "The plan is due in 20 weeks.",
    ],
)
def test_ordinary_words_and_numbers_stay_when_they_are_not_personal(text: str) -> None:
    assert redact(text) == text


def test_tag_result_carries_the_redacted_text_when_tagged() -> None:
    result = Tagger(default_codebook()).tag("My son Noah waits for CAMHS, call 07700 900123.")
    assert result.redacted == "My son [name] waits for CAMHS, call [phone]."
