"""Open pages: home, accessibility statement, privacy notice. "You said, we did" is the
tracker's (voice/tracker/views/public.py)."""

from flask import Blueprint

bp = Blueprint("public", __name__)
