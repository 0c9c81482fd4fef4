"""A fast spelling step tuned to how young people and busy parents type.

Two stages, both cheap:

1. a fixed table of misspellings and text-speak seen in comments ("skool", "waitin",
   "dont", "freinds", "cahms");
2. for a word that is not a known English word, one edit (delete, swap, replace or insert
   a letter) against the vocabulary the tagger actually looks for (codebook signals and
   safeguarding words). Real words are never changed by this stage: a word is known when
   the bundled pattern lexicon or textblob's spelling word list has it, or its stem ("chats"
   -> "chat", "texted" -> "text"), or it is a name, a codebook word or one of the words of
   young people's online life below ("sexting", "snapchat"). Short words (under five
   letters) are never edited. So "care" never becomes "car", "chats" never "thats" and
   "sexting" never "setting": a safeguarding cue must not be corrected away.

Results are cached per speller.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path

import textblob.en
from textblob.en import lexicon as _pattern_lexicon

from .text import squeeze_repeats, word_list

# Words of young people's online and everyday life that the bundled word lists are too old
# to know; each is one edit away from a codebook word ("sexting" / "setting").
MODERN_WORDS = frozenset(
    word_list("""sexting sext sexted sexts nudes snapchat snapchats snapchatted instagram insta
    tiktok tiktoks whatsapp whatsapps whatsapped facebook messenger discord youtube youtuber
    roblox fortnite xbox playstation gaming gamer texting texted vape vapes vaping selfie
    selfies emoji emojis online offline livestream livestreaming groomer groomers catfish
    catfished catfishing doxxed doxxing trolled trolling meme memes gmail hotmail gcse gcses
    btec btecs""")
)

MISSPELLINGS: dict[str, str] = {
    # school and services
    "skool": "school",
    "scool": "school",
    "shcool": "school",
    "schol": "school",
    "collage": "college",
    "councel": "council",
    "counsil": "council",
    "councle": "council",
    "cahms": "camhs",
    "cams": "camhs",
    "ehcps": "ehcp",
    "echp": "ehcp",
    "ehpc": "ehcp",
    "ehc's": "ehcp",
    "senco's": "senco",
    "sendco": "senco",
    "appointmint": "appointment",
    "apointment": "appointment",
    "appoitment": "appointment",
    "appt": "appointment",
    "appts": "appointments",
    "theripy": "therapy",
    "therapie": "therapy",
    "therapys": "therapies",
    "theraphy": "therapy",
    "speach": "speech",
    "speeche": "speech",
    "langauge": "language",
    "languge": "language",
    "physio's": "physio",
    "phsyio": "physio",
    "wheelchare": "wheelchair",
    "docter": "doctor",
    "doctar": "doctor",
    "medecine": "medicine",
    "medicin": "medicine",
    "transprt": "transport",
    "trasport": "transport",
    "taxy": "taxi",
    "buss": "bus",
    "respit": "respite",
    "activites": "activities",
    "activitys": "activities",
    "infomation": "information",
    "imformation": "information",
    "infor": "information",
    "websight": "website",
    "assesment": "assessment",
    "assessmant": "assessment",
    "asessment": "assessment",
    "diagnoses's": "diagnosis",
    "diagnosys": "diagnosis",
    "diagnois": "diagnosis",
    "referal": "referral",
    "refferal": "referral",
    "reffered": "referred",
    "refered": "referred",
    "tribunel": "tribunal",
    "independant": "independent",
    "indipendent": "independent",
    "independance": "independence",
    "apprentiship": "apprenticeship",
    "colledge": "college",
    "socail": "social",
    "sosial": "social",
    # conditions and feelings
    "autisum": "autism",
    "autisim": "autism",
    "autisme": "autism",
    "austism": "autism",
    "autistc": "autistic",
    "adhd's": "adhd",
    "anxity": "anxiety",
    "anxierty": "anxiety",
    "anxiaty": "anxiety",
    "anxeity": "anxiety",
    "axiety": "anxiety",
    "anxios": "anxious",
    "anxous": "anxious",
    "deppressed": "depressed",
    "depresed": "depressed",
    "depresion": "depression",
    "deppression": "depression",
    "menal": "mental",
    "mentel": "mental",
    "stresed": "stressed",
    "lonley": "lonely",
    "lonly": "lonely",
    "lonliness": "loneliness",
    "lonelyness": "loneliness",
    "scarred": "scared",
    "scaried": "scared",
    "worryed": "worried",
    "angery": "angry",
    # friends and bullying
    "freinds": "friends",
    "freind": "friend",
    "frends": "friends",
    "frend": "friend",
    "mates": "friends",
    "bulied": "bullied",
    "bullyed": "bullied",
    "buleid": "bullied",
    "bulling": "bullying",
    "bulying": "bullying",
    "bullys": "bullies",
    # safeguarding words people misspell
    "sucide": "suicide",
    "kil": "kill",
    "kms": "kill myself",
    "dissapear": "disappear",
    "dissappear": "disappear",
    "disapear": "disappear",
    "suiside": "suicide",
    "sucidal": "suicidal",
    "suicidle": "suicidal",
    "selfharm": "self-harm",
    "selfharming": "self-harming",
    "myslef": "myself",
    "meself": "myself",
    "hurtin": "hurting",
    "hitts": "hits",
    "abuseing": "abusing",
    "abussed": "abused",
    "saftey": "safety",
    "scard": "scared",
    # text speak and dropped apostrophes
    "dont": "don't",
    "didnt": "didn't",
    "doesnt": "doesn't",
    "dosent": "doesn't",
    "dosnt": "doesn't",
    "cant": "can't",
    "carnt": "can't",
    "wont": "won't",
    "isnt": "isn't",
    "wasnt": "wasn't",
    "arent": "aren't",
    "werent": "weren't",
    "havent": "haven't",
    "hasnt": "hasn't",
    "hadnt": "hadn't",
    "wouldnt": "wouldn't",
    "couldnt": "couldn't",
    "shouldnt": "shouldn't",
    "aint": "ain't",
    "theyll": "they'll",
    "youll": "you'll",
    "theyre": "they're",
    "youre": "you're",
    "im": "i'm",
    "ive": "i've",
    "u": "you",
    "ur": "your",
    "r": "are",
    "n": "and",
    "nd": "and",
    "cos": "because",
    "coz": "because",
    "cuz": "because",
    "bc": "because",
    "b4": "before",
    "gr8": "great",
    "thx": "thanks",
    "pls": "please",
    "plz": "please",
    "ppl": "people",
    "peeps": "people",
    "wanna": "want to",
    "gonna": "going to",
    "gotta": "got to",
    "dunno": "don't know",
    "nothin": "nothing",
    "somethin": "something",
    "waitin": "waiting",
    "wating": "waiting",
    "wayting": "waiting",
    "waittin": "waiting",
    "waitng": "waiting",
    "waitting": "waiting",
    "listend": "listened",
    "lisened": "listened",
    "lisen": "listen",
    "lissen": "listen",
    "listning": "listening",
    "lisening": "listening",
    "becuase": "because",
    "becasue": "because",
    "beacuse": "because",
    "alot": "a lot",
    "realy": "really",
    "untill": "until",
    "tommorow": "tomorrow",
    "wierd": "weird",
    "definately": "definitely",
    "hospitle": "hospital",
    "hopsital": "hospital",
    "nurce": "nurse",
    "equiptment": "equipment",
    "equipement": "equipment",
}


def _edits1(word: str) -> set[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {left + right[1:] for left, right in splits if right}
    swaps = {left + right[1] + right[0] + right[2:] for left, right in splits if len(right) > 1}
    replaces = {left + c + right[1:] for left, right in splits if right for c in letters}
    inserts = {left + c + right for left, right in splits for c in letters}
    return deletes | swaps | replaces | inserts


def _inflections(word: str) -> set[str]:
    forms = {word, word + "s", word + "es", word + "ed", word + "ing", word + "ly"}
    if word.endswith("e"):
        forms |= {word[:-1] + "ing", word + "d"}
    if word.endswith("y"):
        forms |= {word[:-1] + "ies", word[:-1] + "ied"}
    return forms


@cache
def word_counts() -> dict[str, int]:
    """How often each word occurs in general English: textblob's bundled spelling list
    (en-spelling.txt, "word count" lines from public domain books and word lists)."""
    path = Path(textblob.en.__file__).with_name("en-spelling.txt")
    counts: dict[str, int] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(";"):
            continue
        word, _space, count = line.strip().partition(" ")
        if word:
            word = word.lower()
            counts[word] = counts.get(word, 0) + (int(count) if count.isdigit() else 1)
    return counts


@cache
def _spelling_words() -> frozenset[str]:
    """The words of textblob's bundled spelling list."""
    return frozenset(word_counts())


def _stems(word: str) -> tuple[str, ...]:
    """Possible base forms of an inflected word: "chats" -> "chat", "texted" -> "text"."""
    stems = []
    for ending, replacement in (
        ("ies", "y"),
        ("ied", "y"),
        ("es", ""),
        ("s", ""),
        ("ed", ""),
        ("ed", "e"),
        ("d", ""),
        ("ing", ""),
        ("ing", "e"),
        ("ly", ""),
        ("er", ""),
        ("ers", ""),
    ):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            stem = word[: -len(ending)] + replacement
            stems.append(stem)
            if len(stem) > 3 and stem[-1] == stem[-2] and not replacement:
                stems.append(stem[:-1])  # "chatted" -> "chatt" -> "chat"
    return tuple(stems)


class Speller:
    """Correct one lower-cased word at a time; see the module docstring.

    ``protected`` words (names, for instance) are never edited, as well as every known
    English word and the words of ``vocabulary`` itself.
    """

    def __init__(
        self, vocabulary: Iterable[str], min_length: int = 5, protected: Iterable[str] = ()
    ) -> None:
        self.vocabulary: frozenset[str] = frozenset(
            form for word in vocabulary if word.isalpha() for form in _inflections(word)
        )
        self.protected: frozenset[str] = frozenset(w.lower() for w in protected) | MODERN_WORDS
        self.min_length = min_length
        self._cache: dict[str, str] = {}

    def is_known(self, word: str) -> bool:
        """True for a real word that must not be edited: English, a name, a codebook word."""
        known = _spelling_words()
        for form in (word, *_stems(word)):
            if (
                form in self.vocabulary
                or form in self.protected
                or form in known
                or form in _pattern_lexicon
            ):
                return True
        return False

    def correct(self, word: str) -> str:
        """Return the corrected spelling of a lower-cased word (possibly several words)."""
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        result = self._correct(word)
        if len(self._cache) < 200_000:
            self._cache[word] = result
        return result

    def _correct(self, word: str) -> str:
        fixed = MISSPELLINGS.get(word)
        if fixed is not None:
            return fixed
        if not word.isalpha():
            return word
        squeezed = squeeze_repeats(word)
        if squeezed != word:
            fixed = MISSPELLINGS.get(squeezed)
            if fixed is not None:
                return fixed
            word = squeezed
        if len(word) < self.min_length or not word.isascii() or self.is_known(word):
            return word
        candidates = _edits1(word) & self.vocabulary
        if len(candidates) == 1:
            return next(iter(candidates))
        if candidates:
            # Prefer a candidate that keeps the first letter, then the alphabetically first,
            # so the choice is deterministic.
            same_start = sorted(c for c in candidates if c[0] == word[0])
            return (same_start or sorted(candidates))[0]
        return word
