"""The application factory: settings, extensions, blueprints, error pages, commands."""

import os
from typing import Any

from flask import Flask
from govuk_frontend_wtf.main import WTFormsHelpers
from jinja2 import ChoiceLoader, PackageLoader, PrefixLoader

from voice.accounts.models import Role
from voice.background import init_celery
from voice.config import check_production_settings, settings_from_env
from voice.errors import init_error_handlers
from voice.extensions import init_extensions, login_manager
from voice.i18n import _l, init_i18n


def create_app(overrides: dict[str, Any] | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=False)
    app.config.update(settings_from_env(os.environ))
    app.config.update(overrides or {})
    check_production_settings(app.config)

    app.jinja_loader = ChoiceLoader([
        app.jinja_loader,
        PrefixLoader({
            "govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja"),
            "govuk_frontend_wtf": PackageLoader("govuk_frontend_wtf"),
        }),
    ])
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_env.add_extension("jinja2.ext.i18n")

    init_extensions(app)
    WTFormsHelpers(app)
    init_i18n(app)
    login_manager.login_view = "accounts.sign_in"
    login_manager.login_message = _l("Sign in to see that page.")
    init_celery(app)
    app.jinja_env.globals["Role"] = Role
    _register_blueprints(app)
    init_error_handlers(app)

    from voice.cli import register_commands

    register_commands(app)
    return app


def _register_blueprints(app: Flask) -> None:
    from voice.accounts import bp as accounts_bp
    from voice.accounts import views as _accounts_views  # noqa: F401 - registers routes
    from voice.health import bp as health_bp
    from voice.public import bp as public_bp
    from voice.public import views as _public_views  # noqa: F401
    from surveys import bp as surveys_bp
    from surveys import models as _surveys_models  # noqa: F401 - tables known to migrations

    app.register_blueprint(public_bp)
    app.register_blueprint(health_bp)
    app.register_blueprint(accounts_bp)
    app.register_blueprint(surveys_bp)
