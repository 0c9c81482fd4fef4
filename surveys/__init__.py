"""Collecting views: surveys, kiosk sessions, feedback forms, proxy entry and imports."""

from flask import Blueprint

bp = Blueprint("surveys", __name__, template_folder="templates")
