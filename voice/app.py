"""The application factory: settings, extensions, blueprints, error pages, commands."""

import os
from typing import Any, cast

from flask import Flask
from govuk_frontend_wtf.main import WTFormsHelpers
from jinja2 import BaseLoader, ChoiceLoader, PackageLoader, PrefixLoader

from voice.accounts import roles
from voice.accounts.models import Role
from voice.accounts.navigation import init_navigation
from voice.accounts.sessions import init_sessions
from voice.accounts.single_sign_on import init_single_sign_on
from voice.background import init_celery
from voice.config import check_production_settings, check_sign_in_settings, settings_from_env
from voice.content_translations.display import init_content_translations
from voice.errors import init_error_handlers
from voice.extensions import init_extensions, login_manager
from voice.i18n import _l, init_i18n
from voice.untrusted import init_untrusted_input


def create_app(overrides: dict[str, Any] | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=False)
    app.config.update(settings_from_env(os.environ))
    app.config.update(overrides or {})
    check_production_settings(app.config)
    check_sign_in_settings(app.config)
    init_single_sign_on(app)
    init_untrusted_input(app)  # before any route, so every `<int:...>` is bounded

    app.jinja_loader = ChoiceLoader(
        [
            cast(BaseLoader, app.jinja_loader),  # voice/templates: Flask makes it, never None
            PrefixLoader(
                {
                    "govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja"),
                    "govuk_frontend_wtf": PackageLoader("govuk_frontend_wtf"),
                }
            ),
        ]
    )
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_env.add_extension("jinja2.ext.i18n")

    init_extensions(app)
    WTFormsHelpers(app)
    init_i18n(app)
    login_manager.login_view = "accounts.sign_in"
    login_manager.login_message = _l("Sign in to see that page.")
    init_sessions(app)
    init_navigation(app)
    init_content_translations(app)
    init_celery(app)
    app.jinja_env.globals["Role"] = Role
    app.jinja_env.globals["roles"] = roles
    _register_blueprints(app)
    init_error_handlers(app)

    from voice.cli import register_commands

    register_commands(app)
    from themes.cli import themes_cli

    app.cli.add_command(themes_cli)
    return app


def _register_blueprints(app: Flask) -> None:
    from surveys import bp as surveys_bp
    from surveys import models as _surveys_models  # noqa: F401 - tables known to migrations
    from surveys import tasks as _survey_tasks  # noqa: F401 - registers Celery tasks
    from surveys import translatable as _surveys_translatable  # noqa: F401 - its content kinds
    from surveys.views import builder as _survey_builder  # noqa: F401 - registers routes
    from surveys.views import forms as _survey_forms  # noqa: F401
    from surveys.views import imports as _survey_imports  # noqa: F401
    from surveys.views import kiosk as _survey_kiosk  # noqa: F401
    from surveys.views import proxy as _survey_proxy  # noqa: F401
    from surveys.views import respond as _survey_respond  # noqa: F401
    from themes import bp as themes_bp
    from themes import feedback_views as _themes_feedback_views  # noqa: F401
    from themes import models as _themes_models  # noqa: F401 - tables known to migrations
    from themes import receivers as _themes_receivers  # noqa: F401 - connects signals
    from themes import translatable as _themes_translatable  # noqa: F401 - its content kinds
    from themes import views as _themes_views  # noqa: F401 - registers routes
    from voice.accounts import bp as accounts_bp
    from voice.accounts import views as _accounts_views  # noqa: F401 - registers routes
    from voice.content_translations import bp as content_translations_bp
    from voice.content_translations import models as _translation_models  # noqa: F401 - tables
    from voice.content_translations import views as _translation_views  # noqa: F401 - routes
    from voice.dashboards import bp as dashboards_bp
    from voice.dashboards import models as _dashboards_models  # noqa: F401 - its indexes
    from voice.dashboards import tasks as _dashboards_tasks  # noqa: F401 - registers tasks
    from voice.dashboards import views as _dashboards_views  # noqa: F401 - registers routes
    from voice.health import bp as health_bp
    from voice.privacy import bp as privacy_bp
    from voice.privacy import views as _privacy_views  # noqa: F401 - registers routes
    from voice.public import bp as public_bp
    from voice.public import views as _public_views  # noqa: F401
    from voice.tracker import bp as tracker_bp
    from voice.tracker import models as _tracker_models  # noqa: F401 - tables for migrations
    from voice.tracker import receivers as _tracker_receivers  # noqa: F401 - connects signals
    from voice.tracker import tasks as _tracker_tasks  # noqa: F401 - registers Celery tasks
    from voice.tracker import translatable as _tracker_translatable  # noqa: F401 - content kinds
    from voice.tracker.rounds import models as _round_models  # noqa: F401 - tables
    from voice.tracker.rounds import views as _round_views  # noqa: F401 - routes, join codes
    from voice.tracker.views import groups as _tracker_groups  # noqa: F401 - registers routes
    from voice.tracker.views import public as _tracker_public  # noqa: F401 - "You said, we did"
    from voice.tracker.views import staff as _tracker_staff  # noqa: F401 - registers routes

    app.register_blueprint(public_bp)
    app.register_blueprint(health_bp)
    app.register_blueprint(accounts_bp)
    app.register_blueprint(surveys_bp)
    app.register_blueprint(themes_bp)
    app.register_blueprint(tracker_bp)
    app.register_blueprint(dashboards_bp)
    app.register_blueprint(privacy_bp)
    app.register_blueprint(content_translations_bp)
