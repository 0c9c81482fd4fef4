"""Personal details are removed before staff or the public see a comment."""

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from themes.tagger import Tagger, default_codebook, redact
from themes.tagger.redaction import personal_details

BENCH = Path(__file__).resolve().parents[2] / "bench" / "redaction.py"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_redaction", BENCH)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_labelled_set_meets_recall_and_words_kept_targets_when_redacted() -> None:
    bench = _bench()
    items = bench.load_set()
    assert len(items) >= 150
    assert sum(1 for item in items if item.get("split") == "holdout") >= len(items) // 4
    figures = bench.evaluate(items)["figures"]["all"]
    assert figures["recall"] >= 0.98, figures
    assert figures["words_kept"] >= 0.95, figures


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
        # the full stop after "Street" ends the sentence and stays; "St." keeps its own
        ("Send it to flat 3, 5 High Street.", "Send it to [address]."),
        ("Post to 4 Mill St. please", "Post to [address] please"),
    ],
)
def test_contact_details_are_replaced_when_present(text: str, expected: str) -> None:
    assert redact(text) == expected


def test_name_and_phone_are_replaced_when_a_parent_introduces_herself() -> None:
    redacted = redact("My name is Jane Smith, call 07911 123456")
    assert redacted == "My name is [name], call [phone]"
    for detail in ("Jane", "Smith", "07911", "123456"):
        assert detail not in redacted


def test_nothing_is_left_when_a_comment_is_only_personal_details() -> None:
    text = "Zofia Nowak, Flat 2, 14 oak road, CH1 4AB, 07911 123456, zofia@example.com"
    assert redact(text) == "[name], [address], [postcode], [phone], [email]"
    assert personal_details(text) == [
        "Zofia Nowak",
        "Flat 2, 14 oak road",
        "CH1 4AB",
        "07911 123456",
        "zofia@example.com",
    ]


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
        ("Call me Tayo, everyone does.", "Call me [name], everyone does."),
        ("this is kieran's mum", "this is [name]'s mum"),
        ("my name is shaniqua and im 15", "my name is [name] and im 15"),
    ],
)
def test_names_are_replaced_when_a_cue_or_a_known_first_name_shows_them(
    text: str, expected: str
) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kind regards, Jane", "Kind regards, [name]"),
        ("Love from Amir", "Love from [name]"),
        ("Thanks, Ola", "Thanks, [name]"),
        ("Best wishes\nSiân Jones", "Best wishes\n[name]"),
        ("From Mrs Khan", "From Mrs [name]"),
        ("Many thanks,\nDr R. Menon", "Many thanks,\nDr [name]"),
        ("Great service, thank you.\nRhodri", "Great service, thank you.\n[name]"),
    ],
)
def test_names_are_replaced_when_a_comment_is_signed_off(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Our social worker Karen Lloyd never rings back.",
            "Our social worker [name] never rings back.",
        ),
        ("His teacher Mr Patel is kind.", "His teacher Mr [name] is kind."),
        ("I emailed the SENCO, Aisha Begum, twice.", "I emailed the SENCO, [name], twice."),
        ("Dr Iqbal listened to us.", "Dr [name] listened to us."),
        ("Our CAMHS nurse Eilidh was lovely.", "Our CAMHS nurse [name] was lovely."),
    ],
)
def test_staff_names_are_replaced_when_their_role_or_title_comes_first(
    text: str, expected: str
) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He was born 3/4/2012 in Chester.", "He was born [date of birth] in Chester."),
        ("DOB 03.04.2012", "DOB [date of birth]"),
        ("Her date of birth is 12 March 2011.", "Her date of birth is [date of birth]."),
        ("UPN A123456789012 please", "UPN [pupil number] please"),
        ("We live at Flat 2, 14 Oak Road.", "We live at [address]."),
        ("post it to 27 willow crescent", "post it to [address]"),
    ],
)
def test_dates_of_birth_pupil_numbers_and_addresses_are_replaced_when_written(
    text: str, expected: str
) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("My daughter Agnieszka Kowalczyk is 9.", "My daughter [name] is 9."),
        ("Łukasz and Małgorzata came too.", "[name] and [name] came too."),
        ("Lukasz came too.", "[name] came too."),
        ("Priya Sharma and Mohammed Iqbal spoke.", "[name] and [name] spoke."),
        ("My wife Fatima Al-Sayed wrote it.", "My wife [name] wrote it."),
        ("Siân, Dafydd and Rhodri go to the club.", "[name], [name] and [name] go to the club."),
        ("Nazywam się Agata Zielińska.", "Nazywam się [name]."),
        ("Fy enw i yw Cerys.", "Fy enw i yw [name]."),
        ("اسمي فاطمة وابني عمره ٨ سنوات", "اسمي [name] وابني عمره ٨ سنوات"),
    ],
)
def test_names_from_many_communities_are_replaced_when_written_in_their_own_letters(
    text: str, expected: str
) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Zażółć gęślą jaźń, pani Łucjo.",
        "مرحبا، ابني يحتاج إلى مساعدة في المدرسة",
        "میرا بیٹا سکول نہیں جاتا",
        "Dw i'n hoffi'r clwb ieuenctid yn Wrecsam.",
        "ÀÉÎÕÜ ŁŚŻŹĆŃ ąęłńóśźż \u0301\u0301 ’’ ‘ “”",
        "",
        "    ",
        "\n\n",
    ],
)
def test_redaction_returns_text_when_given_other_scripts_or_odd_characters(text: str) -> None:
    assert isinstance(redact(text), str)
    assert isinstance(personal_details(text), list)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("By the grace of God we got the plan.", "By the grace of God we got the plan."),
        ("We hope the new SENCO listens.", "We hope the new SENCO listens."),
        ("Hope House gave us respite.", "Hope House gave us respite."),
        ("Grace is a lovely word.", "Grace is a lovely word."),
        ("Amazing Grace was sung at assembly.", "Amazing Grace was sung at assembly."),
        ("Our daughter Hope has Down syndrome.", "Our daughter [name] has Down syndrome."),
        ("A girl called Grace helped him.", "A girl called [name] helped him."),
        ("Grace Obi helped him.", "[name] helped him."),
        ("Will the council pay? My son Will is 16.", "Will the council pay? My son [name] is 16."),
        ("In May we had the review.", "In May we had the review."),
    ],
)
def test_names_that_are_also_words_are_replaced_only_when_used_as_names(
    text: str, expected: str
) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "I'm Happy with the school now.",
        "It took 18 months in a row to get seen.",
        "We waited 2 years for the EHCP.",
        "The plan is due in 20 weeks.",
        "The Local Offer lists the Sunshine Club in Ellesmere Port.",
        "Alder Hey, Great Ormond Street and the Countess of Chester all have long waits.",
        "St Mary's school has a nurture room.",
        "He has Down syndrome and goes to CAMHS.",
        "Claire House and Martin House are both hospices.",
        "This is Ridiculous and I am Gutted.",
        "He loves Peppa Pig and Thomas the Tank Engine.",
        "He was born at 28 weeks and the EHCP came on 3/4/2023.",
        "I'm Polish, I'm Deaf and I'm Autistic.",
        "Called the council 5 times, no answer.",
    ],
)
def test_ordinary_words_and_numbers_stay_when_they_are_not_personal(text: str) -> None:
    assert redact(text) == text


def test_tag_result_carries_the_redacted_text_when_tagged() -> None:
    result = Tagger(default_codebook()).tag("My son Noah waits for CAMHS, call 07700 900123.")
    assert result.redacted == "My son [name] waits for CAMHS, call [phone]."
