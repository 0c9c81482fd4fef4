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
from werkzeug.middleware.proxy_fix import ProxyFix

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


def trust_proxies(app: Flask) -> None:
    """Behind TRUSTED_PROXIES load balancers, read the visitor's address and scheme from the
    headers they add (X-Forwarded-For, -Proto), so each visitor has their own rate-limit
    bucket. With none set, those headers are ignored: anyone could write them."""
    hops = int(app.config.get("TRUSTED_PROXIES") or 0)
    if hops > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)  # type: ignore[method-assign]


def rate_limit_store_answers() -> bool | None:
    """Whether the rate-limit store answers; None when counters are kept in memory. While it
    is down, limits are counted in each process's memory instead (fail open)."""
    storage = limiter.storage
    if type(storage).__name__ == "MemoryStorage":
        return None
    try:
        return bool(storage.check())
    except Exception:
        return False


def init_extensions(app: Flask) -> None:
    production = app.config["VOICE_ENV"] == "production"
    trust_proxies(app)
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
