"""Entry point for `celery -A voice.worker worker` and `celery -A voice.worker beat`."""

from voice.app import create_app

flask_app = create_app()
celery = flask_app.extensions["celery"]
