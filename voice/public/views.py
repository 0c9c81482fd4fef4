from flask import render_template

from voice.accounts.access import public
from voice.public import bp


@bp.route("/")
@public
def home() -> str:
    return render_template("public/home.html")


@bp.route("/accessibility")
@public
def accessibility() -> str:
    return render_template("public/accessibility.html")


@bp.route("/privacy")
@public
def privacy() -> str:
    return render_template("public/privacy.html")
