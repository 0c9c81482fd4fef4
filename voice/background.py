"""The Celery app, made by the Flask app factory so every task runs in the app context."""

from typing import Any

from celery import Celery, Task
from flask import Flask


def init_celery(app: Flask) -> Celery:
    class FlaskTask(Task):
        def __call__(self, *args: Any, **kwargs: Any) -> Any:
            with app.app_context():
                return self.run(*args, **kwargs)

    celery = Celery(app.name, task_cls=FlaskTask)
    celery.config_from_object(app.config["CELERY"])
    celery.conf.beat_schedule = dict(app.config.get("BEAT_SCHEDULE", {}))
    celery.set_default()
    app.extensions["celery"] = celery
    return celery
