"""Key phrases: noun phrases found by textblob's bundled pattern tagger and chunker rule.

The pattern part-of-speech tagger (``textblob._text.find_tags`` with the bundled English
lexicon, exactly what ``textblob.en.parser.find_tags`` runs) tags our own tokens, and the
chunker's noun-phrase rule (``textblob._text.CHUNKS``) is run over the tag string. Running
only the noun-phrase rule, with an offset table, is several times faster than the full
chunker and gives the same noun phrases.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from textblob._text import CHUNKS
from textblob._text import find_tags as _pattern_find_tags
from textblob.en import lexicon as _pattern_lexicon

from .text import STOPWORDS, word_list

_NP_RULE = next(rule for name, rule in CHUNKS[0] if name == "NP")
_LEADING_TAGS = ("DT", "PRP", "PRP$", "CD", "CC", "RB", "WDT", "WP", "EX", "PDT")
_NOUN_TAGS = ("NN", "NNS", "NNP", "NNPS")
_NOUN_TAG_SET = frozenset(_NOUN_TAGS)
_GENERIC = frozenset(
    word_list("""thing things lot lots way ways time times people person one ones bit kind sort part
    year years month months week weeks day days someone something anything everything
    nothing everyone anyone nobody""")
)
_SPLIT_AFTER = ("DT", "PRP$", "PRP", "CD", "PDT")
MAX_WORDS = 5


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, str]:
    # A plain dict copy: the lazy dictionary's per-lookup indirection doubled tagging time.
    _pattern_lexicon.get("the")
    return dict(dict.items(_pattern_lexicon))


# Tags by token: of a sentence's first token, and of a token anywhere else.
_FIRST_TAGS: dict[str, str] = {}
_TAGS: dict[str, str] = {}


def _tag(token: str, first: bool) -> str:
    """The tag ``find_tags`` gives ``token`` (first in its sentence or not), kept per token.

    Without contextual rules, which we do not pass, ``find_tags`` tags each token alone:
    only the first token of a sentence is also looked up lower-cased. So a token's tag is
    worked out once, by ``find_tags`` itself, and not again for every sentence holding it.
    """
    tagged = _pattern_find_tags(
        [token, token], lexicon=_lexicon(), default=("NN", "NNP", "CD"), language="en"
    )
    if len(_TAGS) < 200_000:
        _FIRST_TAGS[token] = tagged[0][1]
        _TAGS[token] = tagged[1][1]
    return str(tagged[0 if first else 1][1])


def noun_phrases(tokens: Sequence[str], words: Sequence[str]) -> list[str]:
    """Return lower-cased noun phrases of one sentence.

    ``tokens`` are the sentence's tokens as written (capitals help the tagger); ``words``
    are the same tokens lower-cased and spelling-corrected, used for the output.
    """
    if not tokens:
        return []
    tags = [_FIRST_TAGS.get(tokens[0]) or _tag(tokens[0], True)]
    tags.extend([_TAGS.get(token) or _tag(token, False) for token in tokens[1:]])
    if _NOUN_TAG_SET.isdisjoint(tags):
        return []
    tag_string = "/".join(tags) + "/"
    phrases: list[str] = []
    for match in _NP_RULE.finditer(tag_string):
        start = match.start()
        if start and tag_string[start - 1] != "/":
            continue  # the rule matched in the middle of a tag
        first = tag_string.count("/", 0, start)
        last = first + match.group(0).count("/")
        # "autism and the school" is two phrases, "speech and language therapy" one: split
        # at a conjunction followed by a determiner, possessive or number.
        piece_start = first
        for k in range(first, last + 1):
            if k == last or (tags[k] == "CC" and k + 1 < last and tags[k + 1] in _SPLIT_AFTER):
                _add(phrases, tags, words, piece_start, k)
                piece_start = k + 1
    return phrases


def _add(phrases: list[str], tags: list[str], words: Sequence[str], first: int, last: int) -> None:
    while first < last and (tags[first] in _LEADING_TAGS or words[first] in STOPWORDS):
        first += 1
    if first >= last or not any(tag in _NOUN_TAGS for tag in tags[first:last]):
        return
    chosen = [w for w in words[first:last] if w]
    if not chosen or len(chosen) > MAX_WORDS:
        return
    if len(chosen) == 1 and (chosen[0] in _GENERIC or len(chosen[0]) < 3):
        return
    if not any(c.isalpha() for c in chosen[-1]):
        return
    phrases.append(" ".join(chosen))
