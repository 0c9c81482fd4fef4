from flask import render_template, url_for
from flask_babel import get_locale

from surveys.queries import listed_surveys
from surveys.views import easy_read
from voice.accounts.access import public
from voice.public import bp


@bp.route("/")
@public
def home() -> str:
    easy = easy_read()
    return render_template(
        "public/home.html",
        easy=easy,
        switch_url=url_for("public.home", easy="0" if easy else "1"),
        surveys=listed_surveys(str(get_locale()), easy),
    )


@bp.route("/accessibility")
@public
def accessibility() -> str:
    return render_template("public/accessibility.html")


@bp.route("/privacy")
@public
def privacy() -> str:
    return render_template("public/privacy.html")
