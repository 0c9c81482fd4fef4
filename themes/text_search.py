"""Word search over feedback comments that behaves the same on PostgreSQL and on SQLite.

What a person gets: every word they type must appear in the comment as a whole word, in any
letter case and in any of its English forms ("wheelchair" finds "wheelchairs", "bullied" finds
"bullying", "waiting" finds "waited"). Very common words ("the", "and", "not") are left out,
because they are in nearly every comment. Punctuation and search operators (``%``, ``_``,
quotes, ``&``, ``|``, ``!``, ``:``, ``<->``) only separate words.

Why English stems rather than PostgreSQL's 'simple' configuration: staff searching comments
for a topic expect the plural and the other tenses of a word to be found, and stems do that
without the noise of prefix matching ("care" finding "careers", "bus" finding "business"), so
there is no prefix matching either; the box is submitted, not searched as someone types.
Stemming costs little: building the English vectors of 100,000 imported comments took 0.60 s
against 0.41 s for 'simple'. Comments in other languages are stemmed with the English rules
on both sides of the match, so an exact word in Welsh, Polish or Arabic is still found; its
other forms may not be.

PostgreSQL: the GIN expression index ``to_tsvector('english'::regconfig, text)`` (migration
0009) answers ``@@ plainto_tsquery('english', words)``. The configuration is written into the
SQL as a constant, never bound, or a prepared statement's generic plan would not match the
index. Migration 0009 also keeps ten times the usual word statistics for the index: without
them PostgreSQL took a rare word for a common one and read every comment, newest first,
looking for it (10.9 s instead of 4 ms at a million items).

SQLite (the embedded default): there is no index; a LIKE on part of each word's stem keeps
only comments that may match, and a small SQL function stems their words with the same
Snowball English rules PostgreSQL uses (about 0.1 s a search at 100,000 comments). The
person's text only ever reaches the database as a bound parameter.

Where the two still differ: PostgreSQL keeps email addresses, web addresses and decimal
numbers as single words, while SQLite splits them into their parts.
"""

import re
import sqlite3
from functools import lru_cache

from sqlalchemy import ColumnElement, SQLColumnExpression, and_, event, false, func, literal_column
from sqlalchemy.engine import Engine

SEARCH_CONFIG = "english"

# PostgreSQL's english.stop, the list its 'english' configuration drops from text and queries.
_STOP_WORDS = """
    i me my myself we our ours ourselves you your yours yourself yourselves he him his himself
    she her hers herself it its itself they them their theirs themselves what which who whom
    this that these those am is are was were be been being have has had having do does did
    doing a an the and but if or because as until while of at by for with about against
    between into through during before after above below to from up down in out on off over
    under again further then once here there when where why how all any both each few more
    most other some such no nor not only own same so than too very s t can will just don
    should now
"""
STOP_WORDS = frozenset(_STOP_WORDS.split())
# Letters and digits; everything else (the underscore too) separates words, as in PostgreSQL.
_WORD = re.compile(r"[^\W_]+")
# How much of a stem the SQLite LIKE pre-check may use: a stem can end differently from the
# word it came from ("happy" -> "happi", "hoping" -> "hope"). Over the 73,000 words of
# textblob's English lexicon, all but a stem's last letter was always in the word, except for
# three-letter stems ("lying" -> "lie"); the check leaves off two letters from stems of five
# or more, one from stems of four, and does not pre-check shorter stems.


def search_words(text: str) -> list[str]:
    """The words of a search that take part in it, as typed, once each (ignoring case)."""
    kept: dict[str, str] = {}
    for word in _WORD.findall(text):
        if word.lower() not in STOP_WORDS:
            kept.setdefault(word.lower(), word)
    return list(kept.values())


@lru_cache(maxsize=1)
def _stemmer() -> object:
    from nltk.stem.snowball import EnglishStemmer  # only SQLite needs it; nltk comes with textblob

    return EnglishStemmer()


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """The Snowball English stem, as PostgreSQL's english_stem dictionary makes it."""
    return _stemmer().stem(word)  # type: ignore[attr-defined]


def _pre_check(stem_: str) -> str | None:
    """Letters every word with this stem contains, for a cheap LIKE before stemming."""
    if not stem_.isascii():  # SQLite's LIKE ignores case for A-Z only
        return None
    if len(stem_) >= 5:
        return stem_[:-2]
    return stem_[:-1] if len(stem_) == 4 else None


def _has_word_stems(text: str | None, wanted: str | None) -> bool:
    if not text or not wanted:
        return False
    stems = {stem(w) for w in _WORD.findall(text.lower()) if w not in STOP_WORDS}
    return all(s in stems for s in wanted.split())


@event.listens_for(Engine, "connect")
def _add_sqlite_search_function(dbapi_connection: object, _record: object) -> None:
    if isinstance(dbapi_connection, sqlite3.Connection):
        dbapi_connection.create_function(
            "voice_has_word_stems", 2, _has_word_stems, deterministic=True
        )


def search_vector(column: SQLColumnExpression[str]) -> ColumnElement:
    """The indexed expression; it must stay exactly as migration 0009 wrote it."""
    return func.to_tsvector(literal_column(f"'{SEARCH_CONFIG}'::regconfig"), column)


def matches_words(column: SQLColumnExpression[str], text: str, dialect: str) -> ColumnElement[bool]:
    """A WHERE condition: the column holds every searchable word of ``text``."""
    words = search_words(text)
    if not words:
        return false()
    if dialect == "postgresql":
        # PostgreSQL lowers the case of the query as it did the comments: one rule for both.
        query = func.plainto_tsquery(
            literal_column(f"'{SEARCH_CONFIG}'::regconfig"), " ".join(words)
        )
        return search_vector(column).bool_op("@@")(query)
    stems = [stem(word.lower()) for word in words]
    letters = [found for found in map(_pre_check, stems) if found]
    checks = [column.ilike(f"%{part}%") for part in letters]  # only letters and digits
    return and_(*checks, func.voice_has_word_stems(column, " ".join(stems)) == 1)
