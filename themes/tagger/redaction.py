"""Remove personal details from free text before it is shown to staff or published.

Replaces email addresses, UK phone numbers, postcodes, NHS numbers, unique pupil numbers,
dates of birth, street addresses and people's names with ``[email]``, ``[phone]``,
``[postcode]``, ``[NHS number]``, ``[pupil number]``, ``[date of birth]``, ``[address]`` and
``[name]``. Numbers and dates are found by their shape (a date only after "born", "DOB" or
"date of birth"). Names are found with the word lists in ``names.txt`` in three ways:

- after a cue: "my name is", "call me", "a girl called", "my son", a title ("Mrs", "Dr"), a
  role ("our social worker", "the SENCO,"), a sign-off or greeting ("Kind regards,", "Love
  from", "Hi"), and the same in Polish, Welsh and Arabic script. Weaker cues ("I'm", "this
  is") need a listed first name or a word that is neither English nor listed;
- a listed first name anywhere, lower-case too, with the surname after it, unless it is part
  of the name of a place or service ("Claire House", "St Mary's", "Countess of Chester");
- a name alone on the last line, as people sign a message.

A first name that is also a word ("Hope", "Grace", "Will", "May") counts only after a cue or
with a surname. English words are told from unknown ones with the word lexicon that ships
with TextBlob and the tagger's table of misspellings. It is a safety net, not a guarantee:
staff still read before they publish.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path
from typing import NamedTuple

from textblob.en import lexicon as _pattern_lexicon

from .spelling import MISSPELLINGS
from .text import word_list

_DATA_PATH = Path(__file__).with_name("names.txt")


class _Lists(NamedTuple):
    first_names: frozenset[str]
    name_words: frozenset[str]
    surnames: frozenset[str]
    not_names: frozenset[str]
    places: frozenset[str]
    institution_words: frozenset[str]
    place_words: frozenset[str]
    protected: dict[str, tuple[str, ...]]


def _without_accents(word: str) -> str:
    # "ł" has no decomposition, so NFKD alone would leave "Łukasz" as it is.
    word = word.replace("ł", "l").replace("Ł", "L")
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def _load_lists(path: Path = _DATA_PATH) -> _Lists:
    sections: dict[str, list[str]] = {}
    current: list[str] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
        elif line:
            current.append(line)

    def words(section: str) -> frozenset[str]:
        found = {w.lower() for line in sections.get(section, []) for w in line.split()}
        return frozenset(found | {_without_accents(w) for w in found})

    name_words = words("names that are also words")
    protected: dict[str, list[str]] = {}
    for phrase in sections.get("protected", []):
        for token in set(_WORD.findall(phrase.lower())):
            protected.setdefault(token.removesuffix("'s"), []).append(phrase.lower())
    return _Lists(
        first_names=words("first names") | name_words,
        name_words=name_words,
        surnames=words("surnames"),
        not_names=words("not names"),
        places=words("places"),
        institution_words=words("institution words"),
        place_words=words("place words"),
        protected={token: tuple(phrases) for token, phrases in protected.items()},
    )


# Words, with the apostrophes and hyphens inside them: "son's", "O'Neill", "Al-Sayed".
_WORD = re.compile(r"\w+(?:'\w+)*(?:-\w+)*")
_LISTS = _load_lists()


@cache
def _common_words() -> frozenset[str]:
    """Words that are not names unless a list says so: English, places, misspellings."""
    english = (word for word in _pattern_lexicon if word.islower())
    return frozenset(english).union(_LISTS.not_names, _LISTS.places, MISSPELLINGS)


@cache
def _skipped_words() -> frozenset[str]:
    """Lower-case words that are never the start of a name, save after a title."""
    return _common_words() - _LISTS.first_names


# Numbers, dates and addresses.

_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_UPN = re.compile(r"\b[A-Za-z]\d{11}[A-Za-z\d]\b")
_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
)
_DATE = (
    r"(?:\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})(?!\d)|\d{4}-\d{1,2}-\d{1,2}"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r",?(?:\s+\d{4})?"
    r"|" + _MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?,?(?:\s+\d{4})?"
    r"|" + _MONTH + r"\s+\d{4})"
)
_DOB_WORDS = ("born", "birth", "dob", "d.o.b", "bday", "b'day", "birthday")
_DOB = re.compile(
    r"(?i)\b(?:born|birth\s*date|date\s+of\s+birth|d\.?\s?o\.?\s?b\b\.?|birthday|b'?day)"
    r"(?:\s+(?:is|was|on|in|the))*\s*[:–-]?\s*(?P<date>" + _DATE + r")\b"
)
_STREET_TYPE = (
    r"road|street|avenue|lane|close|drive|way|crescent|court|place|grove|gardens|terrace|walk|"
    r"hill|park|row|square|mews|view|rise|green|parade|boulevard|meadows?|fields?|croft|wharf|"
    r"vale|gate|chase|grange|heights|villas|cottages|brow|bank|approach"
)
_STREET_ABBREVIATION = r"rd|st|ave|ln|cl|dr|ct|pl|gdns|tce|sq|cres"
# A street name written in lower case ("27 willow crescent") is taken only with one of these,
# so that "18 months in a row" or "year 6 play park" stay.
_LOWER_CASE_STREET_TYPES = frozenset(
    word_list(
        """road rd street avenue ave lane crescent close drive grove gardens terrace mews way
        court place square"""
    )
)
_ADDRESS = re.compile(
    r"\b\d{1,4}[a-zA-Z]?,?\s+(?:"
    r"(?P<welsh>(?i:heol|ffordd|stryd|lôn|lon|maes|rhodfa|clos|cilgant)(?:\s+[\w'-]+){1,3}?)"
    r"(?=\s*(?:[,.\n]|$))"
    r"|(?P<words>(?:[\w'-]+\s+){1,3}?)(?P<type>(?i:" + _STREET_TYPE + r")\b"
    r"|(?i:" + _STREET_ABBREVIATION + r")\b\.?))"
)
_NOT_STREET_WORDS = frozenset(
    word_list(
        """a an the and or of to in on at by for from with into up down over near my our his her
        their your its this that is are was were be has have had it we he she they you i me us
        minute minutes min mins hour hours hr hrs day days week weeks month months year years
        yr yrs time times mile miles km metres meters child children kid kids people pupils
        boys girls friends different more other extra long short big small little new old
        whole same bus buses car cars"""
    )
)
_FLAT = re.compile(r"\b(?i:flat|apartment|apt)\s*\d+[a-zA-Z]?\b")
_FLAT_BEFORE = re.compile(r"\b(?i:flat|apartment|apt)(?:\s*\d+[a-zA-Z]?)?\s*,?\s*\Z")
_POSTCODE = re.compile(
    r"\b(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})\b", re.IGNORECASE
)
_NHS = re.compile(r"(?<![\d+])(?:\d{3}[ -]\d{3}[ -]\d{4}|[1-9]\d{9})(?![\d])")
_PHONE = re.compile(r"(?<![\w+])(?:\+44\s?(?:\(0\)\s?)?|\(?0)\d{2,4}\)?(?:[\s-]?\d){6,8}(?!\d)")
_NON_DIGIT = re.compile(r"\D")
_DIGITS = "0123456789"


class _Span(NamedTuple):
    start: int
    end: int
    label: str


def _address_spans(text: str, start: int = 0) -> list[_Span]:
    spans = []
    for match in _ADDRESS.finditer(text, start):
        if match.group("words") is not None:
            words = match.group("words").split()
            if any(w.lower() in _NOT_STREET_WORDS for w in words):
                continue
            if not any(w[0].isupper() for w in words) and (
                match.group("type").lower().rstrip(".") not in _LOWER_CASE_STREET_TYPES
            ):
                continue
        # "Flat 12, Jubilee Court": the flat number goes with the building.
        before = _FLAT_BEFORE.search(text, max(0, match.start() - 16), match.start())
        spans.append(
            _Span(match.start() if before is None else before.start(), match.end(), "[address]")
        )
    return spans


def _phone_spans(text: str, start: int = 0) -> list[_Span]:
    spans = []
    for match in _PHONE.finditer(text, start):
        digits = _NON_DIGIT.sub("", match.group(0))
        if digits.startswith("44"):
            digits = "0" + digits[2:].lstrip("0")
        if 10 <= len(digits) <= 11:
            spans.append(_Span(match.start(), match.end(), "[phone]"))
    return spans


def _number_spans(text: str, lowered: str) -> list[_Span]:
    """Emails and everything that holds a digit, in the order they win an overlap."""
    spans: list[_Span] = []
    if "@" in text:
        spans += [_Span(m.start(), m.end(), "[email]") for m in _EMAIL.finditer(text)]
    digits = sum(map(text.count, _DIGITS))
    if not digits:
        return spans
    # Everything below but a date of birth starts at most three characters before a digit
    # ("+44", "CH1", "A123..."), so the searches start there rather than at the beginning.
    start = max(0, min(at for at in map(text.find, _DIGITS) if at >= 0) - 3)
    if digits >= 10:  # pupil, NHS and phone numbers all have ten digits or more
        spans += [_Span(m.start(), m.end(), "[pupil number]") for m in _UPN.finditer(text, start)]
    if any(word in lowered for word in _DOB_WORDS):
        dates = _DOB.finditer(text)
        spans += [_Span(m.start("date"), m.end("date"), "[date of birth]") for m in dates]
    spans += _address_spans(text, start)
    if "flat" in lowered or "apartment" in lowered or "apt" in lowered:
        spans += [_Span(m.start(), m.end(), "[address]") for m in _FLAT.finditer(text)]
    if digits >= 2:
        postcodes = _POSTCODE.finditer(text, start)
        spans += [_Span(m.start(), m.end(), "[postcode]") for m in postcodes]
    if digits >= 10:
        spans += [_Span(m.start(), m.end(), "[NHS number]") for m in _NHS.finditer(text, start)]
        spans += _phone_spans(text, start)
    return spans


# Names. Cues are read backwards from a word that may be a name, a few words at a time.


def _phrases(tier: str, phrases: str) -> dict[tuple[str, ...], str]:
    return {tuple(phrase.split()): tier for phrase in phrases.split(",")}


def _phrase_set(phrases: str) -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(phrase.split()) for phrase in phrases.split(","))


_CUES: dict[tuple[str, ...], str] = {
    **_phrases(
        "naming",
        """name is, name was, name's, my name's, call me, known as, goes by, i'm called,
        i am called, he's called, she's called, they're called, he is called, she is called,
        they are called, i'm named, he's named, she's named, he is named, she is named,
        boy called, girl called, lad called, lass called, man called, woman called,
        lady called, person called, someone called, somebody called, kid called,
        child called, pupil called, student called, guy called, chap called, teacher called,
        worker called, doctor called, nurse called, friend called, boy named, girl named,
        lady named, man named, woman named, someone named, child named, kid named,
        nazywam się, nazywam sie, mam na imię, mam na imie, na imię mi, na imie mi,
        fy enw i yw, fy enw i ydy, fy enw yw, fy enw ydy, enw fy mab yw, enw fy merch yw,
        enw fy mab ydy, enw fy merch ydy""",
    ),
    **_phrases(
        "strong",
        """mój syn, moj syn, moja córka, moja corka, mój brat, moj brat, moja siostra,
        mój mąż, moj maz, moja żona, moja zona, fy mab, fy merch, fy mrawd, fy chwaer""",
    ),
    **_phrases(
        "weak",
        # Not "called", "spoke to" or "thanks to": "we called Healthwatch", "thanks to Cerebra".
        "i'm, im, i am, this is, it's, it is",
    ),
    **_phrases(
        "sign_off",
        """kind regards, kindest regards, best regards, warm regards, warmest regards, regards,
        best wishes, all the best, many thanks, thanks again, thanks, thank you,
        thank you again, cheers, with thanks, with love, lots of love, love from, love,
        yours sincerely, yours faithfully, yours truly, sincerely, best, take care, bye,
        dear, hi, hello, hiya, pozdrawiam, diolch, cofion""",
    ),
    ("from",): "sign_off_end",
    **_phrases("arabic", "اسمي, اسمه, اسمها, اسم ابني, اسم ابنتي, اسم طفلي, میرا نام, کا نام"),
}
_CUE_LENGTHS = sorted({len(phrase) for phrase in _CUES}, reverse=True)
_TITLES = frozenset(word_list("Mr Mrs Ms Miss Mx Dr Prof Professor mr mrs ms dr MR MRS MS DR"))
_TITLE_KEYS = frozenset(title.lower() for title in _TITLES)
_KIN_TITLES = frozenset(
    word_list(
        """Nurse Sister Imam Rabbi Rev Revd Father Auntie Aunty Uncle Nanny Nana Nan Grandma
        Grandad Grandpa Pani Pan"""
    )
)
_POSSESSIVES = frozenset(word_list("my our his her their your me"))
_DETERMINERS = _POSSESSIVES | {"the", "a", "an"}
_FAMILY = frozenset(
    word_list(
        """son sons daughter daughters child children kid kids boy boys girl girls baby brother
        brothers sister sisters twin twins grandson grandsons granddaughter granddaughters
        grandchild nephew nephews niece nieces cousin cousins husband wife partner fiance
        fiancé fiancee fiancée stepson stepsons stepdaughter stepdaughters step-son
        step-daughter friend friends boyfriend girlfriend mate mates pal buddy classmate
        classmates neighbour mum mom mother dad father nan nana nanny gran granny grandma
        grandmother grandad granddad grandpa grandfather aunt auntie aunty uncle carer"""
    )
)
_FAMILY_PAIRS = _phrase_set(
    "best friend, foster son, foster daughter, foster child, step son, step daughter"
)
_ROLES = _phrase_set(
    """social worker, teacher, class teacher, form teacher, form tutor, tutor, head teacher,
    headteacher, head, deputy head, assistant head, senco, sendco, ta, teaching assistant, lsa,
    key worker, keyworker, case worker, caseworker, case officer, sen officer, send officer,
    coordinator, co-ordinator, support worker, early help worker, youth worker,
    personal assistant, pa, advocate, ep, educational psychologist, psychologist,
    psychiatrist, paediatrician, pediatrician, consultant, doctor, gp, nurse, health visitor,
    midwife, ot, occupational therapist, physio, physiotherapist, salt, slt, speech therapist,
    speech and language therapist, therapist, counsellor, mentor, manager, team leader,
    officer, worker, clinician, dentist, audiologist, childminder, foster carer,
    respite carer, driver, escort, receptionist, dietitian, dietician, neurologist, surgeon,
    link worker, liaison officer, careers adviser, careers advisor, job coach, coach,
    instructor, leader, volunteer, interpreter, key person, lead professional, practitioner"""
)
_CUE_VERBS = frozenset(word_list("is was called named"))
_PARTICLES = frozenset(
    word_list("""al el bin ibn binti bint abu van von de da di del della du le la ap ab ferch""")
)
_PROTECTING_WORDS = frozenset(
    word_list("""st saint queen king prince princess lady lord sir duke duchess countess earl""")
)
_AND = frozenset({"and", "ac", "oraz"})
_KISSES = frozenset({"x", "xx", "xxx", "xo", "xox", "xoxo"})
# An unknown word with one of these endings is taken for English ("Knackered", "Shambolic"),
# not for a name, after a weak cue; listed names with them ("Ahmed", "Dominic") still count.
_ENGLISH_ENDING = re.compile(r"(?:ed|ing|ic|ly|ous|ful|less|ish|able|ible|ive|ness|ist)\Z")
_TITLE_GAP = re.compile(r"\.?[ \t]+")
_PUNCT_GAP = re.compile(r"[ \t]*[,:–—-][ \t]*")
_LINE_GAP = re.compile(r"[ \t]*[,:–—-]?\s*")
_SIGNATURE_END = re.compile(r"[\s.!xXoO]*")


# Punctuation read as a space by the quick look below; apostrophes stay inside words.
_SPACES = str.maketrans(dict.fromkeys('".,;:!?()[]{}<>*_/\\#~+=|&%$£@^`-–—…“”', " "))
# Without one of these, a lower-case word is a name only if it is a listed first name.
_NAMING_HINTS = ("name", "call", "imi", "nazywam", "enw", "اسم", "نام")


def _may_hold_name(text: str, lowered: str) -> bool:
    """False for a text in which no word could start a name: most comments, found fast."""
    keys = set(lowered.translate(_SPACES).split())
    if not _TITLE_KEYS.isdisjoint(keys) or len(lowered) != len(text):
        return True
    skipped = _skipped_words()
    rest = keys - skipped
    if not rest:
        return False
    hinted = any(hint in lowered for hint in _NAMING_HINTS)
    common, first = _common_words(), _LISTS.first_names
    for key in rest:
        if key[0].isdigit() or key.removesuffix("'s") in skipped:
            continue
        key = key.removesuffix("'s")
        if hinted or not key[0].islower() or (key in first and key not in common):
            return True  # "jake", Arabic script, or a word after "my name is"
        # a word that is a name only when capitalised ("Will", "Nowak")
        at = lowered.find(key)
        while at != -1:
            if text[at].isupper() and (at == 0 or not lowered[at - 1].isalnum()):
                return True
            at = lowered.find(key, at + 1)
    return False


def _is_arabic(word: str) -> bool:
    return "\u0600" <= word[0] <= "\u06ff"


class _Names:
    """Finds the names in one text; ``claimed`` holds the spans numbers already took."""

    def __init__(self, text: str, claimed: list[_Span]) -> None:
        self.text = text
        self.words = _WORD.findall(text)
        self.keys = [word.lower() for word in self.words]
        self._starts: list[int] | None = None
        self.claimed = claimed
        self.found: list[_Span] = []
        self.used = [False] * len(self.words)
        self.common = _common_words()
        self._lowered: str | None = None

    @property
    def starts(self) -> list[int]:
        """Where each word starts; worked out only for a text that may hold a name."""
        if self._starts is None:
            self._starts = []
            position = 0
            for word in self.words:
                position = self.text.find(word, position)
                self._starts.append(position)
                position += len(word)
        return self._starts

    def end(self, i: int) -> int:
        return self.starts[i] + len(self.words[i])

    def gap(self, i: int) -> str:
        """The text between word ``i - 1`` and word ``i``."""
        return self.text[self.end(i - 1) : self.starts[i]]

    def name_key(self, i: int) -> str:
        return self.keys[i].removesuffix("'s")

    def name_end(self, i: int) -> int:
        """Where the name in word ``i`` ends: before a possessive "'s"."""
        end = self.end(i)
        return end - 2 if self.keys[i].endswith("'s") else end

    def capitalised(self, i: int) -> bool:
        word = self.words[i]
        return word[0].isupper() and not (len(word) > 1 and word.isupper())

    # What a word is.

    def is_first_name(self, key: str) -> bool:
        first = _LISTS.first_names
        return key in first or ("-" in key and any(p in first for p in key.split("-")))

    def is_plain_first_name(self, key: str) -> bool:
        """A listed first name that is not also an everyday word."""
        first, words = _LISTS.first_names, _LISTS.name_words
        if "-" in key:
            return any(p in first and p not in words for p in key.split("-"))
        return key in first and key not in words

    def is_common(self, key: str) -> bool:
        return key in self.common or ("-" in key and key.split("-", 1)[0] in self.common)

    def is_unknown(self, key: str) -> bool:
        """Neither a listed name nor English: most likely a name nobody listed."""
        return not (
            self.is_common(key)
            or self.is_first_name(key)
            or key.isdigit()
            or _ENGLISH_ENDING.search(key)
        )

    def is_surname(self, key: str, strict: bool) -> bool:
        if not key[:1].isalpha() or key in _LISTS.not_names or key in _LISTS.institution_words:
            return False
        if strict:
            # After "Rose" or "Hope": "Rose Hill" is a school, "Hope Jones" a person.
            if key in _LISTS.place_words:
                return False
            return key in _LISTS.surnames or not self.is_common(key)
        return key in _LISTS.surnames or self.is_first_name(key) or not self.is_common(key)

    # What is around a word.

    def next_name_key(self, i: int) -> str:
        """The word after word ``i`` when only spaces part them, else ""."""
        j = i + 1
        if j >= len(self.words) or self.gap(j).strip(" \t"):
            return ""
        return self.name_key(j)

    def protected(self, start: int, end: int, key: str) -> bool:
        phrases = _LISTS.protected.get(key)
        if phrases is None:
            return False
        if self._lowered is None:
            self._lowered = self.text.lower()
        for phrase in phrases:
            at = self._lowered.find(phrase, max(0, start - len(phrase)))
            while at != -1 and at < end:
                if at + len(phrase) > start:
                    return True
                at = self._lowered.find(phrase, at + 1)
        return False

    def place_or_service(self, i: int) -> bool:
        """True for "Claire House", "St Mary's", "Countess of Chester" and listed phrases."""
        if self.next_name_key(i) in _LISTS.institution_words:
            return True
        if i >= 1 and self.gap(i).strip(" \t.") == "":
            before = self.keys[i - 1]
            if before in _PROTECTING_WORDS and self.words[i - 1][0].isupper():
                return True
            back = i - 2 if before == "of" else i - 3 if before == "the" else -1
            if before == "the" and (back < 0 or self.keys[i - 2] != "of"):
                back = -1
            if back >= 0 and self.words[back][0].isupper():
                return True
        return self.protected(self.starts[i], self.end(i), self.name_key(i))

    def taken(self, i: int) -> bool:
        if self.used[i]:
            return True
        start, end = self.starts[i], self.end(i)
        return any(s.start < end and start < s.end for s in self.claimed)

    def inner_gaps_are_spaces(self, first: int, last: int) -> bool:
        return all(self.gap(j).isspace() for j in range(first + 1, last + 1))

    def at_line_start(self, i: int) -> bool:
        before = self.text[: self.starts[i]].rstrip(" \t")
        return not before or before[-1] in "\n.!?"

    def cue_before(self, i: int) -> str | None:
        """The tier of the cue right before word ``i``: "title", "naming", "strong", ..."""
        if i == 0:
            return None
        p = i - 1
        gap = self.gap(i)
        if self.words[p] in _TITLES and _TITLE_GAP.fullmatch(gap):
            return "title"
        if self.words[p] in _KIN_TITLES and _TITLE_GAP.fullmatch(gap):
            return "strong"
        if gap.isspace() and "\n" not in gap or _PUNCT_GAP.fullmatch(gap):
            return self.phrase_before(p, across_line=False) or self.kin_or_role_before(p)
        if _LINE_GAP.fullmatch(gap):
            return self.phrase_before(p, across_line=True)  # only a sign-off crosses a line
        return None

    def phrase_before(self, p: int, across_line: bool) -> str | None:
        """The tier of a listed cue phrase ending at word ``p``: "my name is", "Kind regards"."""
        for length in _CUE_LENGTHS:
            q = p - length + 1
            if q < 0:
                continue
            tier = _CUES.get(tuple(self.keys[q : p + 1]))
            if tier is None or not self.inner_gaps_are_spaces(q, p):
                continue
            if tier in {"sign_off", "sign_off_end"}:
                if self.at_line_start(q):
                    return tier
            elif not across_line:
                return tier
        return None

    def kin_or_role_before(self, p: int) -> str | None:
        """ "my son", "our lovely daughter is called", "the SENCO,", "his CAMHS nurse"."""
        keys = self.keys
        noun = p
        if keys[noun] in _CUE_VERBS:
            noun -= 1
            if noun >= 0 and keys[noun] == "is" and keys[p] in {"called", "named"}:
                noun -= 1
        if noun < 0 or not self.inner_gaps_are_spaces(noun, p):
            return None
        for first, openers, adjectives in self.noun_phrases_ending_at(noun):
            for j in range(first - 1, max(-1, first - 2 - adjectives), -1):
                if not self.gap(j + 1).isspace():
                    break
                if keys[j] in openers:
                    return "strong"
        return None

    def noun_phrases_ending_at(self, noun: int) -> list[tuple[int, frozenset[str], int]]:
        """Family words and roles ending at word ``noun``: where each starts, the words that
        may open it ("my", "the") and how many other words may stand between.
        """
        keys = self.keys
        found = []
        if keys[noun] in _FAMILY:
            found.append((noun, _POSSESSIVES, 3))
        if noun >= 1 and (keys[noun - 1], keys[noun]) in _FAMILY_PAIRS:
            found.append((noun - 1, _POSSESSIVES, 3))
        for length in (4, 3, 2, 1):
            first = noun - length + 1
            if first >= 0 and tuple(keys[first : noun + 1]) in _ROLES:
                found.append((first, _DETERMINERS, 2))
        return found

    # Deciding, and taking the words that belong with a name.

    def accepts(self, i: int, tier: str) -> bool:
        """Whether word ``i``, right after a cue of ``tier``, is a name."""
        key = self.name_key(i)
        if key in _LISTS.not_names:
            return False
        common = self.is_common(key)
        if not self.capitalised(i):
            if tier == "title":  # "mrs khan": people do not always capitalise
                return not common or key in _LISTS.surnames
            if tier == "naming":  # "my name is shaniqua"
                return not common or self.is_first_name(key)
            plain = self.is_plain_first_name(key) and not common
            return plain and (tier != "weak" or len(key) >= 3)
        if tier == "title":
            return True
        if tier in {"naming", "strong", "sign_off"}:
            return self.is_first_name(key) or not common
        if tier == "sign_off_end":
            last = self.extend(i, strict=False)
            return (
                (self.is_first_name(key) or not common)
                and last is not None
                and self.ends_line(last)
            )
        # weak cues: "I'm Jake" and "I'm Grace" yes, "I'm Happy" and "called Sunshine Club" no
        if self.is_plain_first_name(key) or self.is_unknown(key):
            return True
        if not self.is_first_name(key):
            return False
        tag = _pattern_lexicon.get(key, "")
        return not tag.startswith(("JJ", "RB")) or self.is_surname(
            self.next_name_key(i), strict=True
        )

    def ends_line(self, i: int) -> bool:
        rest = self.text[self.end(i) :]
        line = rest.split("\n", 1)[0]
        return not line.strip(" \t.!xX") or line.strip(" \t.!").lower() in _KISSES

    def extend(self, i: int, strict: bool) -> int | None:
        """The last word of the name that starts at word ``i``, with its surname (and a middle
        name); None when the words go on into the name of a place ("Grace Eyre Foundation").
        """
        lower = not self.capitalised(i)
        last = i
        for _ in range(3):
            j = self.next_surname(last, strict, lower)
            if j is None:
                break
            if self.next_name_key(j) in _LISTS.institution_words:
                return None
            last = j
            strict = False
        return last

    def next_surname(self, last: int, strict: bool, lower: bool) -> int | None:
        """The word that goes on the name ending at word ``last``, if one does."""
        j = last + 1
        if j >= len(self.words) or self.keys[last].endswith("'s") or self.taken(j):
            return None
        gap = self.gap(j)
        if not (_TITLE_GAP.fullmatch(gap) if len(self.words[last]) == 1 else gap.isspace()):
            return None
        if "\n" in gap:
            return None
        particle = self.keys[j] in _PARTICLES and j + 1 < len(self.words)
        if particle:
            if not self.gap(j + 1).isspace() or not self.capitalised(j + 1):
                return None
            j += 1
        key = self.name_key(j)
        if particle:  # "Fatima al Sayed": after "al" or "van" a capital is enough
            fits = key not in _LISTS.not_names and key not in _LISTS.institution_words
        elif self.capitalised(j):
            fits = self.is_surname(key, strict)
        else:
            fits = lower and key in _LISTS.surnames and not self.is_common(key)
        if not fits or self.protected(self.starts[j], self.end(j), key):
            return None
        return j

    def take(self, first: int, last: int | None) -> None:
        if last is None:
            return
        for j in range(first, last + 1):
            self.used[j] = True
        self.found.append(_Span(self.starts[first], self.name_end(last), "[name]"))
        self.follow_and(last)

    def follow_and(self, last: int) -> None:
        """After a name, "and Ivy" or ", Noah" is taken as another name."""
        j = last + 1
        if j >= len(self.words):
            return
        gap = self.gap(j)
        comma = _PUNCT_GAP.fullmatch(gap) is not None and "," in gap
        if self.keys[j] in _AND and gap.isspace() and j + 1 < len(self.words):
            j += 1
            if not self.gap(j).isspace():
                return
        elif gap.strip(" \t") != "&" and not comma:
            return
        if not self.capitalised(j) or self.taken(j):
            return
        key = self.name_key(j)
        if comma:
            fits = self.is_plain_first_name(key)
        else:
            fits = self.is_first_name(key) or self.is_unknown(key)
        if fits and key not in _LISTS.not_names and not self.place_or_service(j):
            self.take(j, self.extend(j, strict=False))

    # The passes.

    def find(self) -> list[_Span]:
        skipped = _skipped_words()
        candidates = [
            i
            for i, (key, word) in enumerate(zip(self.keys, self.words, strict=True))
            if key not in skipped or (len(word) == 1 and word != "I" and word.isupper())
        ]
        if not _TITLES.isdisjoint(self.words):
            # "Mrs Green": after a title even an English word is a name
            after = {i + 1 for i, word in enumerate(self.words) if word in _TITLES}
            candidates = sorted(after.union(candidates) - {len(self.words)})
        for i in candidates:
            if not self.used[i]:
                self.judge(i)
        if self.words:
            self.signature()
        return self.found

    def judge(self, i: int) -> None:  # noqa: C901 - one decision table, read top to bottom
        word, key = self.words[i], self.keys[i]
        first_char = word[0]
        if len(word) == 1 and first_char.isupper():
            self.judge_initial(i)  # even "A", as in "Dr A. Rao"
            return
        if first_char.isdigit() or key in _LISTS.not_names:
            return
        if first_char.isupper():
            if word.isupper():
                return  # CAMHS, ADHD, SENCO
            key = self.name_key(i)
            if self.is_plain_first_name(key):
                if not self.taken(i) and not self.place_or_service(i):
                    self.take(i, self.extend(i, strict=False))
                return
            if self.is_common(key) and not self.is_first_name(key):
                # an English word is a name only after a title: "Mrs Green"
                if (
                    self.cue_before(i) == "title"
                    and not self.taken(i)
                    and not self.place_or_service(i)
                ):
                    self.take(i, self.extend(i, strict=False))
                return
            self.judge_by_cue(i)
        elif first_char.islower():
            key = self.name_key(i)
            if self.is_common(key):
                if self.is_first_name(key) or key in _LISTS.surnames:
                    tier = self.cue_before(i)
                    if tier == "naming" or (tier == "title" and key in _LISTS.surnames):
                        self.take(i, self.extend(i, strict=False))
                return
            if len(key) >= 3 and self.is_plain_first_name(key):
                if not self.taken(i) and not self.place_or_service(i):
                    self.take(i, self.extend(i, strict=False))
                return
            tier = self.cue_before(i)
            if tier is not None and self.accepts(i, tier) and not self.taken(i):
                self.take(i, self.extend(i, strict=False))
        elif _is_arabic(word) and self.cue_before(i) == "arabic":
            self.take_arabic(i)

    def judge_by_cue(self, i: int) -> None:
        """A capitalised word that is also a word ("Hope") or unknown ("Zbyszek")."""
        if self.taken(i) or self.place_or_service(i):
            return
        tier = self.cue_before(i)
        if tier is not None and tier != "arabic":
            if self.accepts(i, tier):
                self.take(i, self.extend(i, strict=False))
            return
        key = self.name_key(i)
        following = self.next_name_key(i)
        if not following or not self.is_surname(following, strict=True):
            return
        # "Grace Obi" or "Zbyszek Nowak": the surname decides.
        if self.is_first_name(key) or (self.is_unknown(key) and following in _LISTS.surnames):
            self.take(i, self.extend(i, strict=True))

    def judge_initial(self, i: int) -> None:
        """ "Dr R. Menon", "Kind regards, J Smith": an initial counts with a surname after it."""
        if i + 1 >= len(self.words) or not _TITLE_GAP.fullmatch(self.gap(i + 1)):
            return
        if self.taken(i) or self.cue_before(i) not in {"title", "naming", "strong", "sign_off"}:
            return
        last = self.extend(i, strict=False)
        if last is not None and last > i:
            self.take(i, last)

    def take_arabic(self, i: int) -> None:
        last = i
        nxt = i + 1
        if nxt < len(self.words) and self.keys[nxt] in {"بن", "بنت"}:
            nxt += 1
        if nxt < len(self.words) and self.words[nxt].startswith("ال"):
            last = nxt
        self.take(i, last)

    def signature(self) -> None:
        """A name alone on the last line, or after a dash at the end: "...\\nSiân Jones"."""
        last = len(self.words) - 1
        while last >= 0 and self.keys[last] in _KISSES:
            last -= 1
        if last < 0 or not _SIGNATURE_END.fullmatch(self.text, self.end(last)):
            return
        first = last
        while first > 0 and last - first < 2 and self.gap(first).strip(" \t") == "":
            first -= 1
        for start in range(first, last + 1):
            before = self.text[: self.starts[start]].rstrip(" \t")
            if not before or before[-1] in "\n-–—":
                if self.signs(start, last, whole_text=not before):
                    self.take(start, last)
                return

    def signs(self, start: int, last: int, whole_text: bool) -> bool:
        """Whether words ``start`` to ``last``, alone at the end, are someone's name."""
        run = range(start, last + 1)
        if not all(self.capitalised(j) and not self.taken(j) for j in run):
            return False
        keys = [self.name_key(j) for j in run]
        if any(k in _LISTS.not_names or k in _LISTS.institution_words for k in keys):
            return False
        if not (self.is_plain_first_name(keys[0]) or self.is_unknown(keys[0])):
            return False
        if whole_text and not (self.is_plain_first_name(keys[0]) or keys[-1] in _LISTS.surnames):
            return False  # a comment of one unknown word ("Codebook") is not a signature
        return not any(self.protected(self.starts[j], self.end(j), keys[j - start]) for j in run)


def _spans(text: str) -> list[_Span]:
    lowered = text.lower()
    claimed: list[_Span] = []
    for span in _number_spans(text, lowered):
        if not any(s.start < span.end and span.start < s.end for s in claimed):
            claimed.append(span)
    if not _may_hold_name(text, lowered):
        return sorted(claimed)
    # Curly apostrophes are read as straight ones; the text keeps its length, so spans hold.
    names = _Names(text.replace("’", "'") if "’" in text else text, claimed)
    return sorted(claimed + names.find())


def known_names() -> frozenset[str]:
    """Every first name and surname of names.txt, lower-cased (the speller leaves them be)."""
    return _LISTS.first_names | _LISTS.surnames


def personal_details(text: str) -> list[str]:
    """The personal details ``redact`` would replace, in the order they appear."""
    if not text:
        return []
    return [text[span.start : span.end] for span in _spans(text)]


def redact(text: str) -> str:
    """Return text with personal details replaced by bracketed placeholders."""
    if not text:
        return text
    spans = _spans(text)
    if not spans:
        return text
    out: list[str] = []
    last = 0
    for span in spans:
        if span.start < last:
            continue
        out.append(text[last : span.start])
        out.append(span.label)
        last = span.end
    out.append(text[last:])
    return "".join(out)
