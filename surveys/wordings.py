"""Choosing which of a survey's stored wordings to show: each prompt and option has a plain and
an easy-read wording in every site language."""

from surveys.models import Wordings


def wording_text(wordings: Wordings | None, language: str, easy: bool) -> str:
    """The wording in this language and style, falling back to plain, then to English."""
    wordings = wordings or {}
    for lang in (language, "en"):
        entry = wordings.get(lang) or {}
        text = (entry.get("easy") if easy else None) or entry.get("plain") or entry.get("easy")
        if text:
            return str(text)
    return ""
