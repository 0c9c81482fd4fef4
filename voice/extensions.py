"""Extension objects, created unbound and initialised by the app factory."""

from pathlib import Path
from urllib.parse import urlsplit

from flask import Flask
from flask_babel import Babel
from flask_compress import Compress
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_talisman import Talisman
from flask_wtf import CSRFProtect

from voice.db import db

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"

migrate = Migrate()
babel = Babel()
csrf = CSRFProtect()
login_manager = LoginManager()
limiter = Limiter(key_func=get_remote_address, default_limits=[])
talisman = Talisman()
compress = Compress()

CONTENT_SECURITY_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def _policy_for(app: Flask) -> dict[str, str]:
    """With single sign-on, signing out is a form whose answer sends the browser on to the
    identity provider; browsers hold that redirect to the page's form-action too."""
    issuer = urlsplit(app.config.get("OIDC_ISSUER") or "")
    if not (issuer.scheme and issuer.netloc):
        return CONTENT_SECURITY_POLICY
    origin = f"{issuer.scheme}://{issuer.netloc}"
    return {**CONTENT_SECURITY_POLICY, "form-action": f"'self' {origin}"}


def init_extensions(app: Flask) -> None:
    production = app.config["VOICE_ENV"] == "production"
    db.init_app(app)
    migrate.init_app(
        app, db, directory=str(MIGRATIONS_DIR), render_as_batch=True, compare_type=True
    )
    csrf.init_app(app)
    login_manager.init_app(app)
    limiter.init_app(app)
    compress.init_app(app)
    talisman.init_app(
        app,
        force_https=False,  # TLS ends at the load balancer
        strict_transport_security=production,
        session_cookie_secure=production,
        content_security_policy=_policy_for(app),
        referrer_policy="no-referrer",
        permissions_policy={
            "geolocation": "()",
            "camera": "()",
            "microphone": "()",
            "interest-cohort": "()",
        },
        frame_options="DENY",
    )
