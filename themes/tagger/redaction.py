"""Remove personal details from free text before it is shown to staff or published.

Replaces email addresses, UK phone numbers, postcodes, NHS numbers, street addresses and
people's names with ``[email]``, ``[phone]``, ``[postcode]``, ``[NHS number]``,
``[address]`` and ``[name]``. Names are found after cues ("my son", "called", "Mrs",
"my name is") and from a short list of common first names when they are capitalised away
from the start of a sentence. It is a safety net, not a guarantee: staff still read
before they publish.
"""

from __future__ import annotations

import re

from .text import word_list

_DIGIT = re.compile(r"\d")
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")

_STREET_TYPES = (
    r"road|rd|street|st|avenue|ave|lane|ln|close|drive|dr|way|crescent|cres|court|ct|"
    r"place|pl|grove|gardens|gdns|terrace|walk|hill|park|row|square|sq|mews|view|rise|"
    r"green|parade|boulevard|meadows?|fields?|croft|wharf"
)
# The street name must be capitalised ("12 Church Road", "5 high Street" is missed) so that
# "18 months in a row" is never taken for an address.
_ADDRESS = re.compile(
    r"\b(?:(?i:flat|apartment|apt|unit|room)\s*\d+[a-zA-Z]?\s*,?\s*)?"
    r"\d{1,4}[a-zA-Z]?\s*,?\s+(?:[A-Z][a-z']+\s+){1,3}(?i:" + _STREET_TYPES + r")\b\.?"
)
_POSTCODE = re.compile(
    r"\b(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})\b", re.IGNORECASE
)
_NHS = re.compile(r"(?<![\d+])(?:\d{3}[ -]\d{3}[ -]\d{4}|[1-9]\d{9})(?![\d])")
_PHONE = re.compile(r"(?<![\w+])(?:\+44\s?(?:\(0\)\s?)?|\(?0)\d{2,4}\)?(?:[\s-]?\d){6,8}(?!\d)")

_FIRST_NAMES = frozenset(
    word_list("""aaliyah aaron abdul abigail adam adrian aisha alex alexander alfie alice amara
    amelia amir amy andrew anna archie arthur ava ayesha bella ben benjamin bethany billy
    bobby callum cameron caroline charlie charlotte chloe chris christopher claire connor
    daisy daniel david dylan eleanor elijah ella ellie emily emma erin ethan eva evie
    fatima finley florence freddie freya george georgia gemma grace hannah harley harper
    harrison harry harvey hassan hayley heather helen henry holly hugo ibrahim imogen isaac
    isabella isabelle isla ivy jack jacob jake james jamie jasmine jayden jessica jodie joe
    john jonathan joseph joshua julie kai karen katie kayla kieran kyle lacey laura lauren
    layla leah leo lewis liam lily logan louis louise lucas lucy luke maisie maria mason
    matilda matthew maya megan mia michael mohammed muhammad mohammad molly nathan niamh
    nicola noah olivia oliver oscar owen paige patrick phoebe poppy rachel reuben rhys
    riley robert rosie ruby ryan sam samuel sarah scarlett sebastian sienna sophia sophie
    stephen steven susan tariq theo thomas tom tommy tyler victoria william willow yusuf
    zara zain zoe""")
)
# Capitalised words that follow a cue but are not names ("my son Has autism" is a typo).
_NOT_NAMES = frozenset(
    word_list("""i i'm a an the and but or so he she it they we you who has had is was will would
    can could did does do not no yes my his her our their this that these those when then
    because with without about after before at in on to for of from by as also just only
    still however although mainstream school college autism adhd camhs ehcp nhs council
    year years month months week weeks monday tuesday wednesday thursday friday saturday
    sunday january february march april june july august september october november
    december sen send autistic disabled deaf blind""")
)

_NAME_WORD = r"[A-Z](?:'[A-Z])?[a-z]+(?:-[A-Z][a-z]+)?"
_CUE = re.compile(
    r"\b(?:(?:my|our|her|his|their) (?:son|daughter|child|boy|girl|brother|sister|grandson|"
    r"granddaughter|nephew|niece|husband|wife|partner|friend|stepson|stepdaughter|twins?)"
    r"(?:'s)?(?: name is)?,?|called|named|my name is|name's|i'm|i am|this is|"
    r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.?)\s+(" + _NAME_WORD + r")((?:\s+" + _NAME_WORD + r")?)",
)
_CAPITALISED = re.compile(r"(?<![\w'])" + _NAME_WORD)
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+|\n\s*|[\"(]\s*)$")


def _is_name(word: str) -> bool:
    return word.lower() not in _NOT_NAMES


def _replace_cued(match: re.Match[str]) -> str:
    first, rest = match.group(1), match.group(2)
    if not _is_name(first):
        return match.group(0)
    cue = match.group(0)[: match.start(1) - match.start(0)]
    if cue.strip().lower() in {"i'm", "i am", "this is", "called", "named"} and (
        first.lower() not in _FIRST_NAMES
    ):
        # "I'm Happy", "called Sunshine Club": only known first names count after these cues.
        return match.group(0)
    surname = rest if rest and _is_name(rest.strip()) else ""
    trailing = rest if rest and not surname else ""
    return f"{cue}[name]{trailing}"


def _redact_listed(text: str) -> str:
    """Replace listed first names (and a following surname) that are not sentence openers."""
    out: list[str] = []
    last = 0
    words = list(_CAPITALISED.finditer(text))
    skip_until = -1
    for i, match in enumerate(words):
        if match.start() < skip_until or match.group(0).lower() not in _FIRST_NAMES:
            continue
        end = match.end()
        following = words[i + 1] if i + 1 < len(words) else None
        has_surname = (
            following is not None
            and text[end : following.start()].strip() == ""
            and _is_name(following.group(0))
        )
        at_start = _SENTENCE_START.search(text[: match.start()]) is not None
        if at_start and not has_surname:
            # A listed name opening a sentence is only redacted with a surname ("Grace Smith").
            continue
        if has_surname and following is not None:
            end = following.end()
            skip_until = end
        out.append(text[last : match.start()])
        out.append("[name]")
        last = end
    out.append(text[last:])
    return "".join(out)


def redact(text: str) -> str:
    """Return text with personal details replaced by bracketed placeholders."""
    if not text:
        return text
    if "@" in text:
        text = _EMAIL.sub("[email]", text)
    if _DIGIT.search(text):
        # Addresses, postcodes, NHS and phone numbers all hold a digit.
        text = _ADDRESS.sub("[address]", text)
        text = _POSTCODE.sub("[postcode]", text)
        text = _NHS.sub("[NHS number]", text)
        text = _PHONE.sub(_phone_or_keep, text)
    text = _CUE.sub(_replace_cued, text)
    return _redact_listed(text)


def _phone_or_keep(match: re.Match[str]) -> str:
    digits = re.sub(r"\D", "", match.group(0))
    if digits.startswith("44"):
        digits = "0" + digits[2:].lstrip("0")
    return "[phone]" if 10 <= len(digits) <= 11 else match.group(0)
