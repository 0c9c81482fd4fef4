"""Theme tagger for feedback about SEND services: plain Python, no Flask, no database.

Everything runs offline on what ships inside the ``textblob`` wheel (its pattern tagger,
chunker rule, inflection and sentiment lexicon); no NLTK corpus is ever loaded.
"""

from .codebook import Codebook, ThemeDef, default_codebook
from .evaluation import evaluate
from .learned import LearnedModel
from .redaction import redact
from .tagger import Tagger, TagResult, ThemeHit

__all__ = [
    "Codebook",
    "LearnedModel",
    "TagResult",
    "Tagger",
    "ThemeDef",
    "ThemeHit",
    "default_codebook",
    "evaluate",
    "redact",
]
