"""Open pages: home, accessibility statement, privacy notice, and later "You said, we did"."""

from flask import Blueprint

bp = Blueprint("public", __name__)
