"""Staff accounts, roles and the one place where every staff route checks access."""

from flask import Blueprint

bp = Blueprint("accounts", __name__, template_folder="../templates")
