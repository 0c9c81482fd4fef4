"""WSGI entry point for gunicorn: `gunicorn wsgi:app`."""

from voice.app import create_app

app = create_app()
