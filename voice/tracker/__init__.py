"""The response loop: strategy priorities and actions, "you said" statements, coproduction."""

from flask import Blueprint

bp = Blueprint("tracker", __name__)
