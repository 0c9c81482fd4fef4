"""Why a safeguarding flag was raised, in the reader's language.

The tagger stores a plain English reason with each flag it raises: the kind of harm one of
its patterns names ("self-harm"), or the concern scorer's "the words together read like a
disclosure: cuts, blades, legs" followed by the words that weighed most. A flag a person
raised stores what they typed. Pages show the tagger's reasons through these messages and a
person's words as they are."""

from themes.tagger.concern import REASON as SCORER_REASON
from voice.i18n import _, _l

# One for each reason in themes.tagger.safeguarding._PRIORITY (a test holds them in step).
KINDS = {
    "suicidal thoughts": _l("suicidal thoughts"),
    "self-harm": _l("self-harm"),
    "overdose": _l("overdose"),
    "sexual abuse": _l("sexual abuse"),
    "online abuse": _l("online abuse or image sharing"),
    "fgm": _l("female genital mutilation (FGM)"),
    "forced marriage": _l("forced marriage"),
    "threats": _l("threats of harm"),
    "violence at home": _l("domestic abuse or violence at home"),
    "abuse": _l("abuse"),
    "emotional abuse": _l("emotional abuse"),
    "neglect": _l("neglect"),
    "exploitation": _l("exploitation or grooming"),
    "radicalisation": _l("radicalisation"),
    "being unsafe": _l("not safe at home, missing or thrown out"),
}


def flag_reason(reason: str) -> str:
    """The reason to show for a stored one."""
    if reason == SCORER_REASON or reason.startswith(SCORER_REASON + ":"):
        words = reason[len(SCORER_REASON) :].lstrip(":").strip()
        if not words:
            return _("the words together read like a disclosure")
        return _(
            "the words together read like a disclosure (the words that weighed most: %(words)s)",
            words=words,
        )
    kind = KINDS.get(reason)
    return reason if kind is None else str(kind)
