"""The response loop, "You said, we did": strategy priorities and actions, "you said"
statements, coproduction, follow-ups, and the public pages that show them."""

from flask import Blueprint

bp = Blueprint("tracker", __name__)
