"""The strategy leads' dashboard: themed feedback by period, trends, gaps, exports, evidence."""

from flask import Blueprint

bp = Blueprint("dashboards", __name__, url_prefix="/dashboard")
