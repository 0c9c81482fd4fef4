"""Erasure on request and the comment text access log, for admins."""

from flask import Blueprint

bp = Blueprint("privacy", __name__)
