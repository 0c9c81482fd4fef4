"""Staff-written content in every language of the site: one table of translations keyed by
(kind, object, field, language) with the hash of the English each was made from, the helper
pages use to show a text in the visitor's language (or the English, marked as English), and the
workflow for getting content translated (what is missing or out of date, export, import).

Packages that own translatable content register its kinds (see registry.py); this package knows
nothing of them beyond what they register."""

from flask import Blueprint

bp = Blueprint("content_translations", __name__)
